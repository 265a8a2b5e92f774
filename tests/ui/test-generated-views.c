/* test-generated-views.c — what the views show of a generated record of thousands
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record of tests/care-test-generated.h (a few thousand claims,
 * explanations of benefit, administrations, supply deliveries, imaging
 * studies, Provenance, note DiagnosticReports and messages, with the
 * quirks real portals have) is synced into a cache and opened as a
 * person's record; the sections' own widgets are then read: Billing never
 * shows an insurer paying more than was billed and lists the claims still
 * waiting, Medications puts every administration on its order, Visits &
 * Documents lists every note and Test Results none, Messages shows each
 * conversation once.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "care-billing-view.h"
#include "care-context.h"
#include "care-documents-view.h"
#include "care-medications-view.h"
#include "care-messages-view.h"
#include "care-record.h"
#include "care-result-entry.h"
#include "care-results-view.h"
#include "care-sandbox.h"
#include "care-sync-engine.h"

#include "../care-test-generated.h"
#include "../care-test-sync.h"
#include "../care-test-utils.h"

typedef struct
{
  char        *dir;
  CareContext *context;
} Generated;

static Generated generated;

/* Generates the record, syncs it into a cache and opens it as the
 * person on screen, with no connection: what the views read is the
 * cache alone. */
static void
generated_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, &error);
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autoptr(CareCache) cache = NULL;
  g_autoptr(CarePortalClient) client = NULL;
  g_autoptr(CareSyncEngine) engine = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(CarePerson) person = NULL;
  g_autoptr(CareRecord) record = NULL;
  GDate today;

  g_assert_no_error (error);
  care_test_generate_record (care_sandbox_get_store (sandbox));
  care_sandbox_set_testing (sandbox, TRUE);
  g_assert_true (care_sandbox_start (sandbox, 0, &error));

  generated.dir = g_dir_make_tmp ("carebook-generated-views-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (generated.dir, "cache.sqlite", NULL);
  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  token = care_sandbox_issue_token_for_tests (sandbox, PATIENT, "launch/patient patient/*.rs", 3600);
  client = care_portal_client_new (care_sandbox_get_fhir_base (sandbox), NULL);
  care_portal_client_set_access_token (client, token);
  engine = care_sync_engine_new (cache, client, PATIENT, NULL);
  care_sync_engine_set_scopes (engine, "launch/patient patient/*.rs");
  report = care_test_sync (engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_clear_object (&engine);
  g_clear_object (&client);
  g_clear_object (&cache);
  care_sandbox_stop (sandbox);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2020);
  generated.context = care_context_new (FALSE);
  care_context_set_today (generated.context, &today);
  person = care_person_new ("https://portal.example.org/fhir|" PATIENT, "Record Generated", "1970-05-01",
                            CARE_RELATIONSHIP_SELF);
  record = care_record_new (person, NULL, path);
  g_assert_null (care_record_get_cache_error (record));
  care_context_add_person (generated.context, person);
  care_context_add_record (generated.context, record);
  care_context_set_person (generated.context, person);
  g_assert_true (care_context_get_record (generated.context) == record);
}

static void
generated_teardown (void)
{
  g_clear_object (&generated.context);
  care_test_remove_flat_dir (generated.dir);
  g_clear_pointer (&generated.dir, g_free);
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the loop until @done says so, for at most 60 s. */
static gboolean
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, deadline_cb, &timed_out);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return done (data);
}

static GtkWidget *
present (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
list_loaded (gpointer data)
{
  return care_record_list_get_loaded (data);
}

/* How many visible rows of @list have a title starting with @prefix. */
static guint
count_titles (CareRecordList *list,
              const char     *prefix)
{
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (list);
  guint n = 0;

  for (guint i = 0; i < titles->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (titles, i), prefix))
      n++;
  return n;
}

static gboolean
has_title (CareRecordList *list,
           const char     *title)
{
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (list);

  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (g_ptr_array_index (titles, i), title))
      return TRUE;
  return FALSE;
}

static void
search (CareRecordList *list,
        const char     *text)
{
  GtkSearchEntry *entry = care_record_list_get_search_entry (list);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
}

static CareViewState
list_state (CareRecordList *list)
{
  return care_view_stack_get_state (care_record_list_get_stack (list));
}

/* Billing: half the claims answered, half waiting; every total read from
 * its items where the insurer's own totals disagree, so no row says the
 * insurer paid more than the $120.00 billed. */
static void
test_billing (void)
{
  GtkWidget *view = care_billing_view_new (G_OBJECT (generated.context));
  CareRecordList *list = CARE_RECORD_LIST (view);
  GtkWidget *window = present (view);

  g_assert_true (spin_until (list_loaded, list));
  g_assert_cmpint (list_state (list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_cmpuint (care_record_list_get_n_rows (list), >=, N);

  /* What the quirky explanations claim the insurer paid is on no row. */
  search (list, "1,200");
  g_assert_cmpint (list_state (list), ==, CARE_VIEW_STATE_NO_RESULTS);
  search (list, "1200");
  g_assert_cmpint (list_state (list), ==, CARE_VIEW_STATE_NO_RESULTS);
  /* Every answered claim: paid $90.00 of $120.00, a share of $20.00. */
  search (list, "Insurance paid");
  g_assert_cmpuint (care_record_list_get_n_rows (list), >=, N);
  g_assert_cmpint (list_state (list), ==, CARE_VIEW_STATE_CONTENT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Medications: each of the ten orders says it was given in clinic 200
 * times; each supply says what came in its last delivery. */
static void
test_medications (void)
{
  GtkWidget *view = care_medications_view_new (G_OBJECT (generated.context));
  CareRecordList *list = CARE_RECORD_LIST (view);
  GtkWidget *window = present (view);
  g_autofree char *given = g_strdup_printf ("Given in clinic %u times", N / ORDERS);

  g_assert_true (spin_until (list_loaded, list));
  g_assert_cmpint (list_state (list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_cmpuint (count_titles (list, "Infusion "), ==, ORDERS);

  search (list, given);
  g_assert_cmpuint (count_titles (list, "Infusion "), ==, ORDERS);

  search (list, "Supply");
  g_assert_cmpuint (count_titles (list, "Supply "), ==, 4);
  search (list, "Last delivery: 50 items");
  g_assert_cmpuint (count_titles (list, "Supply "), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
documents_built (gpointer data)
{
  return care_documents_view_get_generation (data) > 0;
}

/* Visits & Documents lists every note sent as a DiagnosticReport. */
static void
test_documents (void)
{
  GtkWidget *view = care_documents_view_new (generated.context);
  CareDocumentsView *documents = CARE_DOCUMENTS_VIEW (view);
  GtkWidget *window = present (view);
  guint n_codes = g_strv_length ((char **)care_note_report_codes ());

  g_assert_true (spin_until (documents_built, view));
  /* Referral notes (57133-1, one code in eight) are letters; every other
   * note is with the notes. */
  g_assert_cmpuint (care_documents_view_get_n_rows (documents, CARE_DOCUMENTS_GROUP_LETTERS), ==, N / n_codes);
  g_assert_cmpuint (care_documents_view_get_n_rows (documents, CARE_DOCUMENTS_GROUP_NOTES), ==, N - N / n_codes);
  g_assert_cmpuint (care_documents_view_get_n_rows (documents, CARE_DOCUMENTS_GROUP_OTHER), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
results_loaded (gpointer data)
{
  return care_results_view_get_loaded (data);
}

/* Test Results: every DiagnosticReport of the record is a note, so none
 * is a result. */
static void
test_results (void)
{
  GtkWidget *view = care_results_view_new (generated.context);
  GtkWidget *window = present (view);
  GListModel *entries;

  g_assert_true (spin_until (results_loaded, view));
  entries = care_results_view_get_entries (CARE_RESULTS_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (entries, i);

      g_assert_false (CARE_IS_RESULT_ENTRY (entry) && care_result_entry_is_report (CARE_RESULT_ENTRY (entry)));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Messages: one row per conversation of four, each by its topic. */
static void
test_messages (void)
{
  GtkWidget *view = care_messages_view_new (G_OBJECT (generated.context));
  CareRecordList *list = CARE_RECORD_LIST (view);
  GtkWidget *window = present (view);

  g_assert_true (spin_until (list_loaded, list));
  g_assert_cmpint (list_state (list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_cmpuint (count_titles (list, "Question "), ==, N / 4);
  search (list, "Question 17");
  g_assert_true (has_title (list, "Question 17"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* One generated record for every case: syncing it is the slow part. */
  generated_setup ();

  g_test_add_func ("/care/ui/generated/billing", test_billing);
  g_test_add_func ("/care/ui/generated/medications", test_medications);
  g_test_add_func ("/care/ui/generated/documents", test_documents);
  g_test_add_func ("/care/ui/generated/results", test_results);
  g_test_add_func ("/care/ui/generated/messages", test_messages);

  status = g_test_run ();
  generated_teardown ();
  return status;
}
