/* test-record.c — a person's record, its states, and a damaged cache
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "care-record.h"
#include "care-view-stack.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

static const char * const medication_types[] = { "MedicationRequest", NULL };
static const char * const observation_types[] = { "Observation", NULL };

static void
test_damaged_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-record-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "cache",
                                                    "garbage.sqlite", NULL);
  g_autofree char *garbage = NULL;
  gsize length = 0;
  g_autoptr(CarePerson) person = care_person_new ("p", "Ana", "1980-01-01", CARE_RELATIONSHIP_SELF);
  g_autoptr(CareRecord) record = NULL;
  g_autoptr(GtkWidget) stack = NULL;
  CareNotifyCounter generation;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture, &garbage, &length, &error));
  g_assert_true (g_file_set_contents (path, garbage, length, &error));

  /* The app still starts: the record exists, says why, and keeps the file. */
  record = care_record_new (person, NULL, path);
  g_assert_null (care_record_get_cache (record));
  g_assert_nonnull (care_record_get_cache_error (record));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  stack = g_object_ref_sink (care_view_stack_new ("face-sad-symbolic", "None", "Nothing yet."));
  care_view_stack_set_content (CARE_VIEW_STACK (stack), gtk_label_new ("content"));
  g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), record, medication_types, 0), ==,
                   CARE_VIEW_STATE_BROKEN);
  g_assert_cmpstr (care_view_stack_get_description (CARE_VIEW_STACK (stack)), ==,
                   care_record_get_cache_error (record));

  /* Rebuild gives an empty, working cache and tells the views. */
  care_notify_counter_watch (&generation, record, "generation");
  g_assert_true (care_record_rebuild (record, &error));
  g_assert_no_error (error);
  care_notify_counter_unwatch (&generation);
  g_assert_cmpuint (generation.count, ==, 1);
  g_assert_nonnull (care_record_get_cache (record));
  g_assert_null (care_record_get_cache_error (record));
  g_assert_cmpint (care_cache_count (care_record_get_cache (record), "Observation", NULL), ==, 0);

  /* Offline, with no way to sync, an empty record is empty, not "loading". */
  g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), record, medication_types, 0), ==,
                   CARE_VIEW_STATE_EMPTY);
  g_assert_cmpstr (care_view_stack_get_title (CARE_VIEW_STACK (stack)), ==, "None");

  g_clear_object (&record);
  care_test_remove_flat_dir (dir);
}

static void
test_states (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GtkWidget) stack = NULL;
  CareRecord *record;

  care_test_family_setup (&family);
  stack = g_object_ref_sink (care_view_stack_new ("face-sad-symbolic", "None", "Nothing yet."));
  care_view_stack_set_content (CARE_VIEW_STACK (stack), gtk_label_new ("content"));

  /* The teen's medications are withheld: said so, with the reason. */
  record = care_test_family_show (&family, "demo:teen");
  g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), record, medication_types, 0), ==,
                   CARE_VIEW_STATE_WITHHELD);
  g_assert_nonnull (strstr (care_view_stack_get_description (CARE_VIEW_STACK (stack)),
                            "while they are 12 to 17 years old"));

  /* The adult's are there. */
  record = care_test_family_show (&family, "demo:adult");
  g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), record, observation_types,
                                           (guint) care_cache_count (care_record_get_cache (record),
                                                                     "Observation", NULL)), ==,
                   CARE_VIEW_STATE_CONTENT);

  g_assert_null (care_view_stack_get_incomplete_text (CARE_VIEW_STACK (stack)));
  /* A list the portal said may be incomplete says so where it is
   * (FHIR-CLIENT.md 17), with the portal's words. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CareTypeState) before = care_cache_dup_type_state (care_record_get_cache (record),
                                                                 "Observation");
    CareTypeState incomplete = { (char *)"Observation", CARE_TYPE_STATUS_INCOMPLETE,
                                 (char *)"Results older than 2015 are not available", NULL, 0, 0, NULL };
    const char *text;

    g_assert_true (care_cache_set_type_state (care_record_get_cache (record), &incomplete, &error));
    g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), record, observation_types, 3), ==,
                     CARE_VIEW_STATE_CONTENT);
    text = care_view_stack_get_incomplete_text (CARE_VIEW_STACK (stack));
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "may be incomplete"));
    g_assert_nonnull (strstr (text, "older than 2015"));
    g_assert_true (care_cache_set_type_state (care_record_get_cache (record), before, &error));
    care_view_stack_update (CARE_VIEW_STACK (stack), record, observation_types, 3);
    g_assert_null (care_view_stack_get_incomplete_text (CARE_VIEW_STACK (stack)));
  }
  /* A synced type with nothing in it is "none", a search "no matches". */
  g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), record, medication_types, 0), ==,
                   CARE_VIEW_STATE_EMPTY);
  care_view_stack_show_no_results (CARE_VIEW_STACK (stack), "zzz");
  g_assert_cmpint (care_view_stack_get_state (CARE_VIEW_STACK (stack)), ==,
                   CARE_VIEW_STATE_NO_RESULTS);

  /* Opened again (at the next start, or with a lapsed sign-in that
   * cannot sync), the record still says when it last synced in full:
   * never "Not synced yet". */
  {
    g_autoptr(CareRecord) again = care_record_new (care_record_get_person (record), NULL,
                                                   care_cache_get_path (care_record_get_cache (record)));

    g_assert_nonnull (care_sync_state_get_last_synced (care_record_get_sync_state (again)));
  }

  /* No record at all: the empty state. */
  g_assert_cmpint (care_view_stack_update (CARE_VIEW_STACK (stack), NULL, medication_types, 0), ==,
                   CARE_VIEW_STATE_EMPTY);

  care_test_family_teardown (&family);
}

/* What the views are told while a sync stores pages. */
typedef struct
{
  guint  stored;              /* the cache's changes so far */
  guint  stored_first;        /* ... when the views were first told */
  guint  during;              /* generation moves while syncing */
  gint64 observations_first;  /* Observations stored at the first */
} Filling;

static void
on_cache_changed_cb (CareCache  *cache,
                     const char *type,
                     Filling    *filling)
{
  filling->stored++;
}

static void
on_generation_cb (CareRecord *record,
                  GParamSpec *pspec,
                  Filling    *filling)
{
  if (!care_record_get_syncing (record))
    return;
  if (filling->during++ > 0)
    return;
  filling->stored_first = filling->stored;
  filling->observations_first = care_cache_count (care_record_get_cache (record), "Observation", NULL);
}

static void
test_fills_as_pages_land (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GError) error = NULL;
  Filling filling = { 0 };
  CareRecord *record;
  gint64 deadline;
  gulong id, stored_id;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");

  /* An empty cache and a first sync: the views are told as soon as the
   * first page is stored, not when each type is done, nor at the end
   * (Home used to stay empty for a second after its pages had landed). */
  g_assert_true (care_record_rebuild (record, &error));
  g_assert_no_error (error);
  g_assert_true (care_record_get_syncing (record));
  id = g_signal_connect (record, "notify::generation", G_CALLBACK (on_generation_cb), &filling);
  /* After the record's own handler: a change it tells at once is seen
   * here after the views were told. */
  stored_id = g_signal_connect (care_record_get_cache (record), "changed", G_CALLBACK (on_cache_changed_cb),
                                &filling);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (care_record_get_syncing (record) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (record, id);
  g_signal_handler_disconnect (care_record_get_cache (record), stored_id);
  g_assert_false (care_record_get_syncing (record));

  g_assert_cmpuint (filling.during, >=, 1);
  g_assert_cmpuint (filling.stored_first, ==, 0);
  g_assert_cmpuint (filling.stored, >, 1);
  g_assert_cmpint (filling.observations_first, <,
                   care_cache_count (care_record_get_cache (record), "Observation", NULL));

  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/record/damaged-cache", test_damaged_cache);
  g_test_add_func ("/care/ui/record/states", test_states);
  g_test_add_func ("/care/ui/record/fills-as-pages-land", test_fills_as_pages_land);

  return g_test_run ();
}
