/* test-home.c — Home, on the demo family's synced record
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-home-view.h"
#include "care-questionnaire-assignments.h"
#include "care-record.h"
#include "care-resource-item.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

static CareTestFamily family;

/* Home on screen in a window of its own: it reads the cache only once
 * it is mapped. */
typedef struct
{
  GtkWindow    *window;
  CareHomeView *view;
} Fixture;

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the loop until the view has refreshed past @generation, for up
 * to 30 s. */
static gboolean
wait_for_refresh (CareHomeView *view,
                  guint         generation)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (20, poll_cb, NULL);

  while (care_home_view_get_generation (view) <= generation && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  return care_home_view_get_generation (view) > generation;
}

/* Runs whatever is ready now (idles included), for up to 5 s. */
static void
drain_main_loop (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

/* Puts @person_id on screen and waits for Home to show them. */
static void
show_person (Fixture    *fixture,
             const char *person_id)
{
  guint generation = care_home_view_get_generation (fixture->view);
  CarePerson *shown = care_context_get_person (family.context);

  if (shown != NULL && g_str_equal (care_person_get_id (shown), person_id))
    return;
  care_test_family_show (&family, person_id);
  g_assert_true (wait_for_refresh (fixture->view, generation));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 700);
  fixture->view = CARE_HOME_VIEW (care_home_view_new (G_OBJECT (family.context)));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  g_assert_true (wait_for_refresh (fixture->view, 0));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
}

/* The titles of a list's rows, joined by newlines, with the overdue ones
 * marked "!" so a test can tell that it is marked in more than words. */
static char *
dup_titles (CareHomeView *view,
            const char   *name)
{
  GtkListBox *list = care_home_view_get_list (view, name);
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_string_append (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      if (gtk_widget_has_css_class (row, "care-overdue"))
        g_string_append_c (titles, '!');
      g_string_append_c (titles, '\n');
    }
  return g_string_free (titles, FALSE);
}

static char *
dup_subtitles (CareHomeView *view,
               const char   *name)
{
  GtkListBox *list = care_home_view_get_list (view, name);
  GString *subtitles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      g_string_append (subtitles, subtitle != NULL ? subtitle : "");
      g_string_append_c (subtitles, '\n');
    }
  return g_string_free (subtitles, FALSE);
}

static void
test_adult (Fixture       *fixture,
            gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  g_autofree char *news = NULL;
  g_autofree char *appointment = NULL;
  g_autofree char *due = NULL;

  show_person (fixture, "demo:adult");
  news = dup_titles (view, "new");
  appointment = dup_titles (view, "appointment");
  due = dup_titles (view, "care-due");

  /* The adult's quarterly labs were drawn within the last month. */
  g_assert_nonnull (strstr (news, "Hemoglobin A1c"));
  g_assert_cmpstr (appointment, !=, "No upcoming appointments\n");
  /* The pneumococcal vaccine is overdue, in words and marked as such. */
  g_assert_nonnull (strstr (due, "Pneumococcal vaccine (recommended with diabetes)!"));
  g_assert_nonnull (strstr (due, "Flu vaccine\n"));
  /* The health maintenance plan's screenings, as on the Immunizations
   * page: the open ones, overdue marked; the one done is not due. */
  g_assert_nonnull (strstr (due, "Colorectal cancer screening (overdue since age 45)!"));
  g_assert_nonnull (strstr (due, "Diabetic eye exam (overdue)!"));
  g_assert_null (strstr (due, "Diabetic foot exam"));
  /* Her own record: nothing to say about proxies. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (
    gtk_widget_get_parent (GTK_WIDGET (care_home_view_get_list (view, "access")))))));
}

/* The questionnaires the clinic asked for and not yet sent, soonest due
 * first, each opening itself in Questionnaires. */
static void
test_questionnaires_due (Fixture       *fixture,
                         gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  CareRecord *record;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *subtitles = NULL;
  g_autofree char *target = NULL;
  const char *soonest = NULL, *soonest_due = NULL;
  GtkWidget *first;
  GVariant *action_target;

  show_person (fixture, "demo:adult");
  record = care_context_get_record (family.context);
  assignments = care_questionnaire_list_assignments (care_record_get_cache (record), NULL);
  g_assert_nonnull (assignments);
  for (guint i = 0; i < assignments->len; i++)
    {
      CareQuestionnaireAssignment *assignment = g_ptr_array_index (assignments, i);

      if (assignment->state != CARE_ASSIGNMENT_DUE || assignment->due == NULL)
        continue;
      if (soonest_due == NULL || strcmp (assignment->due, soonest_due) < 0)
        {
          soonest = assignment->id;
          soonest_due = assignment->due;
        }
    }
  g_assert_nonnull (soonest);

  titles = dup_titles (view, "questionnaires");
  subtitles = dup_subtitles (view, "questionnaires");
  g_assert_cmpstr (titles, !=, "");
  g_assert_true (g_str_has_prefix (subtitles, "Due "));
  first = gtk_widget_get_first_child (GTK_WIDGET (care_home_view_get_list (view, "questionnaires")));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (first)), ==, "app.open-item");
  action_target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (first));
  target = g_strdup_printf ("demo:adult|Questionnaire/%s", soonest);
  g_assert_cmpstr (g_variant_get_string (action_target, NULL), ==, target);
}

/* Past its due date a questionnaire says it is overdue, in words and
 * marked, whether it was started or not. */
static void
test_questionnaires_overdue (Fixture       *fixture,
                             gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  CareRecord *record;
  CareCache *cache;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) history = NULL;
  g_autoptr(CareQuestionnaireForm) form = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *subtitles = NULL;
  g_auto(GStrv) title_lines = NULL;
  g_auto(GStrv) subtitle_lines = NULL;
  GDate today, later;
  guint generation;

  show_person (fixture, "demo:adult");
  record = care_context_get_record (family.context);
  cache = care_record_get_cache (record);
  /* The health history begun (its due date is the soonest), a week on. */
  history = care_questionnaire_load (cache, "pre-visit-history", &error);
  g_assert_no_error (error);
  form = care_questionnaire_form_new (history);
  g_assert_true (care_questionnaire_save_draft (cache, "task:adult-history", form, &error));
  g_assert_no_error (error);
  care_context_get_today (family.context, &today);
  later = today;
  g_date_add_days (&later, 7);
  care_context_set_today (family.context, &later);
  generation = care_home_view_get_generation (view);
  care_record_changed (record);
  g_assert_true (wait_for_refresh (view, generation));

  titles = dup_titles (view, "questionnaires");
  subtitles = dup_subtitles (view, "questionnaires");
  title_lines = g_strsplit (titles, "\n", -1);
  subtitle_lines = g_strsplit (subtitles, "\n", -1);
  g_assert_cmpuint (g_strv_length (title_lines), >=, 3);
  g_assert_cmpstr (title_lines[0], ==, "Before your visit: health history!");
  g_assert_true (g_str_has_prefix (subtitle_lines[0], "Overdue since "));
  g_assert_true (g_str_has_suffix (subtitle_lines[0], " · Started"));
  g_assert_true (g_str_has_suffix (title_lines[1], "!"));
  g_assert_cmpstr (subtitle_lines[1], ==, "Overdue since Nov 29, 2026");

  care_questionnaire_forget_draft (cache, "task:adult-history");
  care_context_set_today (family.context, &today);
  generation = care_home_view_get_generation (view);
  care_record_changed (record);
  g_assert_true (wait_for_refresh (view, generation));
}

static void
test_teen (Fixture       *fixture,
           gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  g_autofree char *access = NULL;
  g_autofree char *subtitles = NULL;
  g_autofree char *news = NULL;

  show_person (fixture, "demo:teen");
  access = dup_titles (view, "access");
  subtitles = dup_subtitles (view, "access");
  news = dup_titles (view, "new");

  /* What is withheld, and why, instead of lists that look empty. */
  g_assert_nonnull (strstr (access, "Not shared with proxies\n"));
  g_assert_nonnull (strstr (subtitles, "Medications"));
  g_assert_nonnull (strstr (subtitles, "from age 12 to 17"));
  /* And when the parent's access ends. */
  g_assert_nonnull (strstr (access, "turns 18 on"));
  g_assert_cmpstr (news, ==, "Results and messages are not shared with proxies\n");
}

/* A portal that sends no forecasts and no health maintenance plan: Home
 * does not say "Nothing is due", which would be a promise. */
static void
test_no_reminders (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *due = NULL;

  show_person (fixture, "demo:teen");
  due = dup_titles (fixture->view, "care-due");
  g_assert_cmpstr (due, ==, "Your health system shares no reminders\n");
}

static void
store_patient (CareCache  *cache,
               JsonObject *patient)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);

  g_ptr_array_add (page, care_fhir_record_new (patient));
  g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_no_error (error);
}

/* The quick action that opens @section is shown. */
static gboolean
quick_action_shown (GtkWidget  *widget,
                    const char *section)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "win.show-section") == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), section))
            return gtk_widget_get_visible (child) && gtk_widget_get_visible (gtk_widget_get_parent (child));
        }
      if (quick_action_shown (child, section))
        return TRUE;
    }
  return FALSE;
}

/* A record that says the person died (Patient.deceasedDateTime): their
 * age stops, Home says when they died, and nothing is due or booked. */
static void
test_deceased (Fixture       *fixture,
               gconstpointer  data)
{
  CareRecord *record;
  CareCache *cache;
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Patient");
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(CareResourceItem) item = NULL;
  g_autoptr(JsonObject) original = NULL;
  g_autoptr(JsonObject) died = NULL;
  g_autofree char *access = NULL;
  g_autofree char *summary = NULL;
  guint generation;
  GDate today;

  show_person (fixture, "demo:child");
  record = care_context_get_record (family.context);
  cache = care_record_get_cache (record);
  patients = care_cache_query (cache, query, NULL);
  item = g_list_model_get_item (patients, 0);
  original = care_resource_item_dup_resource (item, NULL);
  died = care_resource_item_dup_resource (item, NULL);
  json_object_set_string_member (died, "deceasedDateTime", "2025-01-15");
  /* A new version, as the portal would send it. */
  if (json_object_has_member (died, "meta"))
    json_object_remove_member (died, "meta");

  generation = care_home_view_get_generation (fixture->view);
  store_patient (cache, died);
  care_record_changed (record);
  g_assert_true (wait_for_refresh (fixture->view, generation));

  care_context_get_today (family.context, &today);
  summary = care_person_dup_summary (care_record_get_person (record), &today);
  g_assert_true (g_str_has_prefix (summary, "Died on January 15, 2025, aged "));
  access = dup_titles (fixture->view, "access");
  g_assert_null (strstr (access, "turns 12"));
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (care_home_view_get_list (fixture->view,
                                                                                  "care-due"))));
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (care_home_view_get_list (fixture->view,
                                                                                  "appointment"))));
  /* Nothing that reads as if they could still write or book. */
  g_assert_false (quick_action_shown (GTK_WIDGET (fixture->view), "messages"));
  g_assert_false (quick_action_shown (GTK_WIDGET (fixture->view), "appointments"));
  g_assert_true (quick_action_shown (GTK_WIDGET (fixture->view), "results"));

  /* The record as it was, for the other tests. */
  generation = care_home_view_get_generation (fixture->view);
  store_patient (cache, original);
  care_record_changed (record);
  g_assert_true (wait_for_refresh (fixture->view, generation));
  g_assert_false (care_person_get_deceased (care_record_get_person (record)));
  g_assert_true (quick_action_shown (GTK_WIDGET (fixture->view), "messages"));
  g_assert_true (quick_action_shown (GTK_WIDGET (fixture->view), "appointments"));
}

static void
test_child (Fixture       *fixture,
            gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  g_autofree char *access = NULL;

  show_person (fixture, "demo:child");
  access = dup_titles (view, "access");

  g_assert_nonnull (strstr (access, "Mateo Reyes turns 12 on"));
  g_assert_null (strstr (access, "Not shared with proxies"));
}

static void
test_follows_person (Fixture       *fixture,
                     gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  show_person (fixture, "demo:adult");
  before = dup_titles (view, "care-due");
  show_person (fixture, "demo:teen");
  after = dup_titles (view, "care-due");

  g_assert_cmpstr (before, !=, after);
}

/* When the portal says when the authorization ends, Home says so before
 * it lapses (FHIR-CLIENT.md 12); once lapsed, the Sign In Again card
 * says it instead. */
static void
test_access_ends (Fixture       *fixture,
                  gconstpointer  data)
{
  CareHomeView *view = fixture->view;
  CareRecord *record;
  CareConnection *connection;
  g_autoptr(GDateTime) ends = g_date_time_new_local (2027, 1, 15, 12, 0, 0);
  g_autofree char *access = NULL;
  g_autofree char *subtitles = NULL;
  g_autofree char *lapsed = NULL;
  gint64 before;
  guint generation;

  show_person (fixture, "demo:child");
  record = care_context_get_record (family.context);
  connection = care_record_get_connection (record);
  g_assert_nonnull (connection);
  before = care_connection_get_authorization_ends (connection);

  generation = care_home_view_get_generation (view);
  care_connection_set_authorization_ends (connection, g_date_time_to_unix (ends));
  care_record_changed (record);
  g_assert_true (wait_for_refresh (view, generation));
  access = dup_titles (view, "access");
  subtitles = dup_subtitles (view, "access");
  g_assert_nonnull (strstr (access, "Carebook’s access ends on "));
  g_assert_nonnull (strstr (access, "2027"));
  g_assert_nonnull (strstr (subtitles, "Sign in again before then"));

  generation = care_home_view_get_generation (view);
  care_person_set_access_level (care_context_get_person (family.context), CARE_ACCESS_SIGN_IN_AGAIN);
  care_record_changed (record);
  g_assert_true (wait_for_refresh (view, generation));
  lapsed = dup_titles (view, "access");
  g_assert_null (strstr (lapsed, "Carebook’s access ends on"));

  care_person_set_access_level (care_context_get_person (family.context), CARE_ACCESS_FULL);
  care_connection_set_authorization_ends (connection, before);
  care_record_changed (record);
}

/* Switching person changes the person, the record and the cache the view
 * follows: one refresh, not one each. */
static void
test_coalesced (Fixture       *fixture,
                gconstpointer  data)
{
  guint generation;

  show_person (fixture, "demo:adult");
  drain_main_loop ();
  generation = care_home_view_get_generation (fixture->view);
  care_test_family_show (&family, "demo:child");
  care_test_family_show (&family, "demo:teen");
  g_assert_true (wait_for_refresh (fixture->view, generation));
  drain_main_loop ();
  g_assert_cmpuint (care_home_view_get_generation (fixture->view), ==, generation + 1);
}

/* A frame that takes longer than a frame: the frame clock is due again
 * at once, so a source at its priority is always ready. */
static gboolean
keep_redrawing_cb (gpointer data)
{
  g_usleep (500);
  return G_SOURCE_CONTINUE;
}

/* On a loaded machine Home still refreshes: its idle refresh never ran
 * while redraws kept the main loop busy, and Home stayed empty. */
static void
test_refresh_while_busy (Fixture       *fixture,
                         gconstpointer  data)
{
  guint generation;
  guint busy;
  gboolean refreshed;

  show_person (fixture, "demo:adult");
  drain_main_loop ();
  generation = care_home_view_get_generation (fixture->view);
  busy = g_idle_add_full (GDK_PRIORITY_REDRAW, keep_redrawing_cb, NULL, NULL);
  care_test_family_show (&family, "demo:child");
  refreshed = wait_for_refresh (fixture->view, generation);
  g_source_remove (busy);
  g_assert_true (refreshed);
}

/* Built but not on screen, Home reads nothing; mapped, it fills. */
static void
test_not_while_built (void)
{
  g_autoptr(GtkWidget) view = NULL;
  GtkWindow *window;
  g_autofree char *news = NULL;

  care_test_family_show (&family, "demo:adult");
  view = g_object_ref_sink (care_home_view_new (G_OBJECT (family.context)));
  drain_main_loop ();
  g_assert_cmpuint (care_home_view_get_generation (CARE_HOME_VIEW (view)), ==, 0);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (care_home_view_get_list (CARE_HOME_VIEW (view),
                                                                                  "new"))));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_true (wait_for_refresh (CARE_HOME_VIEW (view), 0));
  news = dup_titles (CARE_HOME_VIEW (view), "new");
  g_assert_nonnull (strstr (news, "Hemoglobin A1c"));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/care/ui/home/adult", Fixture, NULL, fixture_setup, test_adult, fixture_teardown);
  g_test_add ("/care/ui/home/teen", Fixture, NULL, fixture_setup, test_teen, fixture_teardown);
  g_test_add ("/care/ui/home/questionnaires-due", Fixture, NULL, fixture_setup, test_questionnaires_due,
              fixture_teardown);
  g_test_add ("/care/ui/home/questionnaires-overdue", Fixture, NULL, fixture_setup,
              test_questionnaires_overdue, fixture_teardown);
  g_test_add ("/care/ui/home/child", Fixture, NULL, fixture_setup, test_child, fixture_teardown);
  g_test_add ("/care/ui/home/no-reminders", Fixture, NULL, fixture_setup, test_no_reminders,
              fixture_teardown);
  g_test_add ("/care/ui/home/deceased", Fixture, NULL, fixture_setup, test_deceased,
              fixture_teardown);
  g_test_add ("/care/ui/home/access-ends", Fixture, NULL, fixture_setup, test_access_ends,
              fixture_teardown);
  g_test_add ("/care/ui/home/follows-person", Fixture, NULL, fixture_setup, test_follows_person,
              fixture_teardown);
  g_test_add ("/care/ui/home/coalesced", Fixture, NULL, fixture_setup, test_coalesced,
              fixture_teardown);
  g_test_add ("/care/ui/home/refresh-while-busy", Fixture, NULL, fixture_setup, test_refresh_while_busy,
              fixture_teardown);
  g_test_add_func ("/care/ui/home/not-while-built", test_not_while_built);

  /* One synced family for every case: signing in and syncing is what
   * takes time, and the cases only read. */
  care_test_family_setup (&family);
  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
