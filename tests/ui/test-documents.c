/* test-documents.c — Visits & Documents, the viewer, the health summary, record search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <sys/stat.h>

#include "care-documents-rows.h"
#include "care-documents-view.h"
#include "care-text-print.h"
#include "care-record-search.h"
#include "care-save-dialog.h"
#include "care-test-family.h"
#include "care-window.h"

/* The whole family is signed in and synced once, for every test. */
static CareTestFamily family;

typedef struct
{
  GtkWindow         *window;
  CareDocumentsView *view;
} Fixture;

static gboolean
wait_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the loop until @done (polled) says so, for up to 30 s. */
static gboolean
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (20, wait_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  return done (data);
}

typedef struct
{
  CareDocumentsView *view;
  guint              generation;
} ViewWait;

static gboolean
view_built (gpointer data)
{
  ViewWait *wait = data;

  return care_documents_view_get_generation (wait->view) > wait->generation;
}

static gboolean
viewer_done (gpointer data)
{
  return g_strcmp0 (care_document_viewer_get_state (data), "loading") != 0;
}

static void
show_person (Fixture    *fixture,
             const char *person)
{
  ViewWait wait = { fixture->view, care_documents_view_get_generation (fixture->view) };
  CareRecord *before = care_context_get_record (family.context);

  care_test_family_show (&family, person);
  if (care_context_get_record (family.context) != before || wait.generation == 0)
    g_assert_true (spin_until (view_built, &wait));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ViewWait wait = { NULL, 0 };

  care_test_family_show (&family, data != NULL ? data : "demo:adult");
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = CARE_DOCUMENTS_VIEW (care_documents_view_new (family.context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  wait.view = fixture->view;
  g_assert_true (spin_until (view_built, &wait));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
}

static GtkWidget *
first_row_with_document (Fixture            *fixture,
                         CareDocumentsGroup  group,
                         const char         *content_type)
{
  for (guint i = 0; i < care_documents_view_get_n_rows (fixture->view, group); i++)
    {
      GtkWidget *row = care_documents_view_get_row (fixture->view, group, i);
      JsonObject *document = care_documents_row_get_document (row);
      JsonObject *content = document != NULL ? json_array_get_object_element (
        json_object_get_array_member (document, "content"), 0) : NULL;

      if (content != NULL &&
          g_strcmp0 (json_object_get_string_member (json_object_get_object_member (content, "attachment"),
                                                    "contentType"), content_type) == 0)
        return row;
    }
  return NULL;
}

static void
test_visits (Fixture       *fixture,
             gconstpointer  data)
{
  guint n = care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_VISITS);
  guint with_summary = 0;

  g_assert_cmpint (care_view_stack_get_state (care_documents_view_get_view_stack (fixture->view)), ==,
                   CARE_VIEW_STATE_CONTENT);
  g_assert_cmpuint (n, >=, 24);
  for (guint i = 0; i < n; i++)
    if (care_documents_row_get_document (care_documents_view_get_row (fixture->view,
                                                                      CARE_DOCUMENTS_GROUP_VISITS, i)) != NULL)
      with_summary++;
  /* Every quarterly visit has its after-visit summary beside it. */
  g_assert_cmpuint (with_summary, >=, 24);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
    care_documents_view_get_row (fixture->view, CARE_DOCUMENTS_GROUP_VISITS, 0))), !=, NULL);
  /* Progress notes, the eye note and the advance directive have groups. */
  g_assert_cmpuint (care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_NOTES), >=, 24);
  g_assert_cmpuint (care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_DIRECTIVES), ==, 1);
  g_assert_false (care_documents_view_get_notes_withheld (fixture->view));
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *row = care_documents_view_get_row (fixture->view, CARE_DOCUMENTS_GROUP_VISITS, 0);
  CareDocumentViewer *viewer = care_documents_view_get_viewer (fixture->view);

  g_assert_nonnull (care_documents_row_get_document (row));
  care_documents_view_open_row (fixture->view, row);
  g_assert_cmpstr (care_documents_view_get_page (fixture->view), ==, "viewer");
  g_assert_true (spin_until (viewer_done, viewer));
  g_assert_cmpstr (care_document_viewer_get_state (viewer), ==, "pdf");
  g_assert_cmpint (care_document_viewer_get_n_pages (viewer), ==, 1);

  /* Find highlights what the summary says, and nothing it does not. */
  g_assert_cmpuint (care_document_viewer_find (viewer, "blood pressure"), >=, 1);
  g_assert_cmpuint (care_document_viewer_find (viewer, "zebra crossing"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "documents.back", NULL));
  g_assert_cmpstr (care_documents_view_get_page (fixture->view), ==, "list");
}

static void
toast_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  char **last = user_data;

  g_free (*last);
  *last = g_variant_dup_string (parameter, NULL);
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  return find_file_chooser () != NULL;
}

static gboolean
has_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);

  return folder != NULL;
}

static gboolean
has_text (gpointer data)
{
  return *(char **)data != NULL;
}

/* "Save a Copy" opens in Documents (home when there is none), not the
 * folder Carebook was started from, and a toast says where it went. */
static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *row = care_documents_view_get_row (fixture->view, CARE_DOCUMENTS_GROUP_VISITS, 0);
  CareDocumentViewer *viewer = care_documents_view_get_viewer (fixture->view);
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);
  g_autoptr(GFile) expected = care_save_dialog_dup_folder ();
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) here = g_file_new_for_path (family.dir);
  g_autofree char *saved = g_build_filename (family.dir, "visit-copy.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *want = NULL;
  g_autofree char *dir_name = g_path_get_basename (family.dir);
  GtkWidget *chooser;
  GStatBuf st;

  g_signal_connect (toast, "activate", G_CALLBACK (toast_cb), &text);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (toast));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (win));

  care_documents_view_open_row (fixture->view, row);
  g_assert_true (spin_until (viewer_done, viewer));
  g_assert_cmpstr (care_document_viewer_get_state (viewer), ==, "pdf");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.save", NULL));
  g_assert_true (spin_until (has_file_chooser, NULL));
  chooser = find_file_chooser ();
  g_assert_true (spin_until (has_folder, chooser));
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, expected));

  /* Saved somewhere of the test's own, with the file's own name. */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), here, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "visit-copy.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (spin_until (has_text, &text));
  want = g_strdup_printf ("Saved “visit-copy.pdf” in %s", dir_name);
  g_assert_cmpstr (text, ==, want);
  g_assert_cmpint (g_stat (saved, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_unlink (saved);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "documents.back", NULL));
}

static void
test_html_note (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *row = first_row_with_document (fixture, CARE_DOCUMENTS_GROUP_NOTES, "text/html");
  CareDocumentViewer *viewer = care_documents_view_get_viewer (fixture->view);
  g_autofree char *text = NULL;

  g_assert_nonnull (row);
  care_documents_view_open_row (fixture->view, row);
  g_assert_true (spin_until (viewer_done, viewer));
  g_assert_cmpstr (care_document_viewer_get_state (viewer), ==, "text");
  text = care_document_viewer_dup_text (viewer);
  /* Shown as text: tags gone, paragraphs kept. */
  g_assert_nonnull (strstr (text, "No diabetic retinopathy."));
  g_assert_nonnull (strstr (text, "\n\nReturn in 12 months."));
  g_assert_null (strchr (text, '<'));
  g_assert_cmpuint (care_document_viewer_find (viewer, "retinopathy"), ==, 1);
}

static GtkWidget *
find_row (Fixture            *fixture,
          CareDocumentsGroup  group,
          const char         *title)
{
  for (guint i = 0; i < care_documents_view_get_n_rows (fixture->view, group); i++)
    {
      GtkWidget *row = care_documents_view_get_row (fixture->view, group, i);

      if (ADW_IS_PREFERENCES_ROW (row) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
  return NULL;
}

/* Notes a portal sends as DiagnosticReports (a history and physical by
 * its LOINC code, a cardiology consult that is only text) are clinical
 * notes here, in date order, and open as documents. */
static void
test_note_reports (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *hp = find_row (fixture, CARE_DOCUMENTS_GROUP_NOTES, "History and physical");
  GtkWidget *consult = find_row (fixture, CARE_DOCUMENTS_GROUP_NOTES, "Cardiology consult");
  CareDocumentViewer *viewer = care_documents_view_get_viewer (fixture->view);
  g_autofree char *text = NULL;

  g_assert_nonnull (hp);
  g_assert_nonnull (consult);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hp)), "Okafor"));

  care_documents_view_open_row (fixture->view, consult);
  g_assert_true (spin_until (viewer_done, viewer));
  g_assert_cmpstr (care_document_viewer_get_state (viewer), ==, "text");
  text = care_document_viewer_dup_text (viewer);
  g_assert_nonnull (strstr (text, "normal pumping function"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "documents.back", NULL));
}

static void
test_eye_prescription (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *row;
  g_autofree char *eye = NULL;
  g_autofree char *sphere = NULL;
  g_autofree char *axis = NULL;
  g_autofree char *add = NULL;

  g_assert_cmpuint (care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_EYE), ==, 1);
  row = care_documents_view_get_row (fixture->view, CARE_DOCUMENTS_GROUP_EYE, 0);
  eye = care_documents_vision_dup_cell (row, 0, 0);
  sphere = care_documents_vision_dup_cell (row, 0, 1);
  axis = care_documents_vision_dup_cell (row, 1, 3);
  add = care_documents_vision_dup_cell (row, 1, 4);
  g_assert_cmpstr (eye, ==, "Right");
  g_assert_cmpstr (sphere, ==, "-1.25");
  g_assert_cmpstr (axis, ==, "85°");
  g_assert_cmpstr (add, ==, "+1.00");
}

static void
test_teen_withheld (Fixture       *fixture,
                    gconstpointer  data)
{
  show_person (fixture, "demo:teen");
  /* Her visits show; her notes are hidden from her parent, and say so. */
  g_assert_true (care_documents_view_get_notes_withheld (fixture->view));
  g_assert_cmpuint (care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_VISITS), >, 0);
  g_assert_cmpuint (care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_NOTES), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
    care_documents_view_get_row (fixture->view, CARE_DOCUMENTS_GROUP_NOTES, 0))), ==,
    "Not shared with proxies");
  show_person (fixture, "demo:adult");
  g_assert_false (care_documents_view_get_notes_withheld (fixture->view));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  CareViewStack *stack = care_documents_view_get_view_stack (fixture->view);

  care_documents_view_set_search_text (fixture->view, "advance directive");
  g_assert_cmpuint (care_documents_view_get_n_visible_rows (fixture->view), ==, 1);
  care_documents_view_set_search_text (fixture->view, "no such words here");
  g_assert_cmpint (care_view_stack_get_state (stack), ==, CARE_VIEW_STATE_NO_RESULTS);
  care_documents_view_set_search_text (fixture->view, "");
  g_assert_cmpint (care_view_stack_get_state (stack), ==, CARE_VIEW_STATE_CONTENT);
}

static char *
dup_pdf_text (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static void
test_health_summary (Fixture       *fixture,
                     gconstpointer  data)
{
  CareHealthSummaryPage *page = care_documents_view_get_summary_page (fixture->view);
  g_autofree char *pdf = g_build_filename (family.dir, "summary.pdf", NULL);
  g_autofree char *bundle_path = g_build_filename (family.dir, "record.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *bundle;
  CareCache *cache = care_record_get_cache (care_context_get_record (family.context));
  guint n = 0;
  struct stat st;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "documents.health-summary", NULL));
  g_assert_cmpstr (care_documents_view_get_page (fixture->view), ==, "summary");
  g_assert_nonnull (care_health_summary_page_get_summary (page));

  g_assert_true (care_health_summary_page_export_pdf (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = dup_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Maria Elena Reyes"));
  g_assert_nonnull (strstr (text, "Health Summary"));
  g_assert_nonnull (strstr (text, "Metformin hydrochloride 1000 MG Oral Tablet"));
  g_assert_nonnull (strstr (text, "Penicillin"));
  g_assert_nonnull (strstr (text, "Hives"));
  g_assert_null (strstr (text, "Metformin hydrochloride 500 MG"));   /* stopped */

  /* The whole record as a FHIR collection Bundle. */
  g_assert_true (care_health_summary_page_export_bundle (page, bundle_path, &n, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, bundle_path, &error));
  g_assert_no_error (error);
  bundle = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bundle, "entry")), ==, n);
  g_assert_cmpint (n, ==, care_cache_count (cache, NULL, NULL));
  g_assert_cmpint (n, >, 500);

  if (g_getenv ("CARE_TEST_KEEP_PDF") != NULL)
    g_assert_true (g_file_set_contents (g_getenv ("CARE_TEST_KEEP_PDF"), "", 0, NULL) &&
                   g_rename (pdf, g_getenv ("CARE_TEST_KEEP_PDF")) == 0);
  g_unlink (pdf);
  g_unlink (bundle_path);
}

typedef struct
{
  CareRecordSearch *search;
  guint             generation;
} SearchWait;

static gboolean
search_done (gpointer data)
{
  SearchWait *wait = data;

  return care_record_search_get_generation (wait->search) > wait->generation;
}

static void
test_record_search (void)
{
  g_autoptr(CareRecordSearch) search = g_object_ref_sink (CARE_RECORD_SEARCH (care_record_search_new (family.context)));
  SearchWait wait = { search, care_record_search_get_generation (search) };
  gboolean allergy = FALSE;
  gboolean note = FALSE;

  care_test_family_show (&family, "demo:adult");
  care_record_search_run (search, "penicillin");
  g_assert_true (spin_until (search_done, &wait));
  g_assert_cmpuint (care_record_search_get_n_results (search), >, 0);
  for (guint i = 0; i < care_record_search_get_n_results (search); i++)
    if (g_str_equal (care_record_search_get_result_section (search, i), "allergies") &&
        g_strcmp0 (care_record_search_get_result_title (search, i), "Penicillin") == 0)
      allergy = TRUE;
  g_assert_true (allergy);

  /* Results are grouped: sections never interleave. */
  for (guint i = 2; i < care_record_search_get_n_results (search); i++)
    g_assert_false (g_str_equal (care_record_search_get_result_section (search, i - 2),
                                 care_record_search_get_result_section (search, i)) &&
                    !g_str_equal (care_record_search_get_result_section (search, i - 1),
                                  care_record_search_get_result_section (search, i)));

  /* A clinical note sent as a DiagnosticReport is found with documents,
   * where Visits & Documents lists it, not with test results. */
  wait.generation = care_record_search_get_generation (search);
  care_record_search_run (search, "cardiology");
  g_assert_true (spin_until (search_done, &wait));
  for (guint i = 0; i < care_record_search_get_n_results (search); i++)
    if (g_strcmp0 (care_record_search_get_result_title (search, i), "Cardiology consult") == 0)
      {
        g_assert_cmpstr (care_record_search_get_result_section (search, i), ==, "documents");
        note = TRUE;
      }
  g_assert_true (note);

  wait.generation = care_record_search_get_generation (search);
  care_record_search_run (search, "qwzx");
  g_assert_true (spin_until (search_done, &wait));
  g_assert_cmpuint (care_record_search_get_n_results (search), ==, 0);
  g_assert_cmpstr (care_record_search_section_for_type ("DocumentReference"), ==, "documents");
}

static void
test_window_action (void)
{
  CareWindow *window;
  GtkWidget *page;
  ViewWait wait = { NULL, 0 };

  care_test_family_show (&family, "demo:adult");
  window = care_window_new (NULL, family.context);
  gtk_window_present (GTK_WINDOW (window));
  page = care_window_get_section_page (window, "documents");
  g_assert_true (CARE_IS_DOCUMENTS_VIEW (page));
  wait.view = CARE_DOCUMENTS_VIEW (page);
  g_assert_true (spin_until (view_built, &wait));

  /* win.health-summary opens the section and its summary page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.health-summary", NULL));
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "documents");
  g_assert_cmpstr (care_documents_view_get_page (CARE_DOCUMENTS_VIEW (page)), ==, "summary");
  g_assert_true (gtk_widget_activate_action (page, "documents.back", NULL));
  g_assert_cmpstr (care_documents_view_get_page (CARE_DOCUMENTS_VIEW (page)), ==, "list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-record", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_offline_viewer (Fixture       *fixture,
                     gconstpointer  data)
{
  CareRecord *record = care_context_get_record (family.context);
  CareDocumentViewer *viewer = care_documents_view_get_viewer (fixture->view);
  guint n_visits = care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_VISITS);
  /* The oldest visit: its summary is not among the newest documents the
   * sync fetched ahead. */
  GtkWidget *row = care_documents_view_get_row (fixture->view, CARE_DOCUMENTS_GROUP_VISITS, n_visits - 1);

  /* Last of the documents tests: the portal goes away, and a summary never opened cannot come. */
  care_portal_client_set_backoff (care_sync_engine_get_client (care_record_get_engine (record)), 1, 2, 2);
  care_sandbox_stop (family.sandbox);
  care_documents_view_open_row (fixture->view, row);
  g_assert_true (spin_until (viewer_done, viewer));
  g_assert_cmpstr (care_document_viewer_get_state (viewer), ==, "error");
  g_assert_nonnull (strstr (care_document_viewer_get_error (viewer), "cannot be reached"));

  /* The one opened before is still there. */
  care_documents_view_open_row (fixture->view, care_documents_view_get_row (fixture->view,
                                                                            CARE_DOCUMENTS_GROUP_VISITS, 0));
  g_assert_true (spin_until (viewer_done, viewer));
  g_assert_cmpstr (care_document_viewer_get_state (viewer), ==, "pdf");

  /* And the list stays as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "documents.back", NULL));
  g_assert_cmpstr (care_documents_view_get_page (fixture->view), ==, "list");
  g_assert_cmpuint (care_documents_view_get_n_rows (fixture->view, CARE_DOCUMENTS_GROUP_VISITS), ==, n_visits);
}

static void
test_text_print (void)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-print-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "note.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  PopplerDocument *document = NULL;
  PopplerPage *first = NULL;
  PopplerPage *last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  int n;

  g_assert_no_error (error);
  /* A long note: it must break into pages, between lines, all of it kept. */
  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (text, "Line %u of the progress note.\n", i);

  care_text_print_prepare (operation, "Progress note", text->str);
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  uri = g_filename_to_uri (path, NULL, NULL);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n = poppler_document_get_n_pages (document);
  g_assert_cmpint (n, >=, 2);
  first = poppler_document_get_page (document, 0);
  last = poppler_document_get_page (document, n - 1);
  first_text = poppler_page_get_text (first);
  last_text = poppler_page_get_text (last);
  g_assert_nonnull (strstr (first_text, "Progress note"));
  g_assert_nonnull (strstr (first_text, "Line 1 of the progress note."));
  g_assert_nonnull (strstr (last_text, "Progress note"));
  g_assert_nonnull (strstr (last_text, "Line 150 of the progress note."));

  g_object_unref (first);
  g_object_unref (last);
  g_object_unref (document);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  care_test_family_setup (&family);

  g_test_add ("/care/ui/documents/visits", Fixture, NULL, fixture_setup, test_visits, fixture_teardown);
  g_test_add ("/care/ui/documents/pdf-viewer", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/care/ui/documents/save-copy", Fixture, NULL, fixture_setup, test_save_copy, fixture_teardown);
  g_test_add ("/care/ui/documents/html-note", Fixture, NULL, fixture_setup, test_html_note, fixture_teardown);
  g_test_add ("/care/ui/documents/note-reports", Fixture, NULL, fixture_setup, test_note_reports,
              fixture_teardown);
  g_test_add ("/care/ui/documents/eye-prescription", Fixture, NULL, fixture_setup, test_eye_prescription,
              fixture_teardown);
  g_test_add ("/care/ui/documents/teen-withheld", Fixture, NULL, fixture_setup, test_teen_withheld,
              fixture_teardown);
  g_test_add ("/care/ui/documents/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/care/ui/documents/health-summary", Fixture, NULL, fixture_setup, test_health_summary,
              fixture_teardown);
  g_test_add_func ("/care/ui/search/record", test_record_search);
  g_test_add_func ("/care/ui/documents/window-action", test_window_action);
  g_test_add_func ("/care/ui/documents/text-print", test_text_print);
  g_test_add ("/care/ui/documents/offline-viewer", Fixture, NULL, fixture_setup, test_offline_viewer,
              fixture_teardown);

  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
