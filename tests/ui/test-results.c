/* test-results.c — the Test Results view on the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-documents-rows.h"
#include "care-documents-view.h"
#include "care-fhir-page.h"
#include "care-result-attachment.h"
#include "care-result-detail.h"
#include "care-result-row.h"
#include "care-results-view.h"
#include "care-window.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

#include <string.h>

/* One synced family for every test: signing four people in is slow. */
static CareTestFamily family;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (20, care_test_family_poll_cb, NULL);

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  return condition (data);
}

static gboolean
view_loaded (gpointer data)
{
  return care_results_view_get_loaded (data);
}

static gboolean
window_folded (gpointer data)
{
  return care_window_get_folded (data);
}

static gboolean
documents_built (gpointer data)
{
  return care_documents_view_get_generation (data) > 0;
}

static gboolean
detail_loaded (gpointer data)
{
  return care_result_detail_get_loaded (data);
}

typedef struct
{
  GtkWindow       *window;
  CareResultsView *view;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  care_test_family_show (&family, data != NULL ? data : "demo:adult");
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 900);
  fixture->view = CARE_RESULTS_VIEW (care_results_view_new (family.context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  g_assert_true (wait_until (view_loaded, fixture->view));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CareResultEntry *
find_entry (CareResultsView *view,
            const char      *name_part,
            gboolean         report)
{
  GListModel *entries = care_results_view_get_entries (view);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CareResultEntry) entry = g_list_model_get_item (entries, i);

      if (strstr (care_result_entry_get_name (entry), name_part) != NULL &&
          care_result_entry_is_report (entry) == report)
        return g_steal_pointer (&entry);
    }
  return NULL;
}

static CareCache *
adult_cache (void)
{
  return care_record_get_cache (care_context_lookup_record (family.context, "demo:adult"));
}

static void
test_adult_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *entries = care_results_view_get_entries (fixture->view);
  g_autoptr(CareResultEntry) a1c = NULL;
  g_autoptr(CareResultEntry) panel = NULL;
  g_autoptr(CareResultEntry) xray = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *when = NULL;
  g_autofree char *spoken = NULL;
  GDateTime *previous = NULL;
  guint n_flagged = 0;
  guint n_a1c = 0;

  g_assert_cmpint (care_view_stack_get_state (care_results_view_get_view_stack (fixture->view)), ==,
                   CARE_VIEW_STATE_CONTENT);
  /* 24 A1c, 12 metabolic panels, 6 lipid panels, 6 blood counts, 6 urine
   * albumins, 2 X-rays and 5 eye exams: one row per report, not per
   * Observation; the two notes sent as reports are with the documents. */
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 61);
  g_assert_null (find_entry (fixture->view, "History and physical", TRUE));
  g_assert_null (find_entry (fixture->view, "Cardiology consult", TRUE));

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CareResultEntry) entry = g_list_model_get_item (entries, i);
      GDateTime *date = care_result_entry_get_date (entry);

      /* Newest first. */
      if (previous != NULL && date != NULL)
        g_assert_cmpint (g_date_time_compare (previous, date), >=, 0);
      previous = date;
      if (care_result_flag_is_flagged (care_result_entry_get_flag (entry)))
        n_flagged++;

      /* Maria's A1c falls from 8.6 % to about 6.9 % over six years, always
       * above the 4.0–5.6 % range: every one is high. */
      if (g_str_has_prefix (care_result_entry_get_name (entry), "Hemoglobin A1c"))
        {
          const char *value = care_result_entry_get_value (entry);

          n_a1c++;
          g_assert_nonnull (value);
          g_assert_true (g_str_has_suffix (value, " %"));
          g_assert_cmpfloat (g_ascii_strtod (value, NULL), >, 5.6);
          g_assert_cmpint (care_result_entry_get_flag (entry), ==, CARE_RESULT_FLAG_HIGH);
          g_assert_cmpstr (care_result_flag_get_label (care_result_entry_get_flag (entry)), ==, "High");
        }
    }
  g_assert_cmpuint (n_a1c, ==, 24);
  g_assert_cmpuint (n_flagged, >=, n_a1c);

  a1c = find_entry (fixture->view, "Hemoglobin A1c", TRUE);
  sentence = care_result_entry_dup_sentence (a1c);
  g_assert_true (g_str_has_prefix (sentence, "Hemoglobin A1c, "));
  /* The last visit was on November 17, 2026 (in the portal's zone). */
  when = care_result_format_date (care_result_entry_get_date (a1c));
  spoken = g_strdup_printf (" %%, high, %s", when);
  g_assert_true (g_str_has_suffix (sentence, spoken));
  g_assert_true (g_str_has_prefix (when, "November 1"));

  panel = find_entry (fixture->view, "Basic metabolic panel", TRUE);
  g_assert_nonnull (panel);
  g_assert_cmpstr (care_result_entry_get_value (panel), ==, "9 tests");
  g_assert_cmpuint (care_result_entry_get_components (panel)->len, ==, 9);

  xray = find_entry (fixture->view, "Chest X-ray", TRUE);
  g_assert_nonnull (xray);
  g_assert_true (g_str_has_prefix (care_result_entry_get_value (xray), "No acute cardiopulmonary"));
  g_assert_cmpint (care_result_entry_get_flag (xray), ==, CARE_RESULT_FLAG_NONE);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CARE_IS_RESULT_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
rows_made (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (data, rows);
  return rows->len > 0;
}

static void
test_rows_say_it (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *list = care_results_view_get_list_view (fixture->view);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CareResultRow *first;
  g_autofree char *sentence = NULL;
  g_autofree char *heading = NULL;

  g_assert_true (wait_until (rows_made, list));
  collect_rows (list, rows);
  first = g_ptr_array_index (rows, 0);

  /* The first row opens its day with a heading, and says everything in
   * its accessible label. */
  heading = care_result_format_day_heading (care_result_entry_get_date (care_result_row_get_entry (first)));
  g_assert_cmpstr (care_result_row_get_heading (first), ==, heading);
  g_assert_true (g_str_has_suffix (heading, ", November 17, 2026") ||
                 g_str_has_suffix (heading, ", November 18, 2026"));
  sentence = care_result_entry_dup_sentence (care_result_row_get_entry (first));
  g_assert_cmpstr (care_result_row_get_accessible_label (first), ==, sentence);
}

static void
test_open_clears_new (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CareResultEntry) entry = find_entry (fixture->view, "Lipid panel", TRUE);
  g_autofree char *key = NULL;
  g_autofree char *opened = NULL;
  GtkWidget *view;
  g_autoptr(CareResultEntry) again = NULL;

  g_assert_nonnull (entry);
  g_assert_true (care_result_entry_get_new (entry));

  care_results_view_open (fixture->view, entry);
  g_assert_false (care_result_entry_get_new (entry));
  g_assert_true (care_results_view_is_showing_detail (fixture->view));

  /* Kept in the person's cache, so a new view (or a restart) knows. */
  key = care_result_entry_dup_opened_key (entry);
  opened = care_cache_dup_meta (adult_cache (), key);
  g_assert_cmpstr (opened, ==, "1");

  view = g_object_ref_sink (care_results_view_new (family.context));
  g_assert_true (wait_until (view_loaded, view));
  again = find_entry (CARE_RESULTS_VIEW (view), "Lipid panel", TRUE);
  g_assert_cmpstr (care_resource_item_get_id (care_result_entry_get_item (again)), ==,
                   care_resource_item_get_id (care_result_entry_get_item (entry)));
  g_assert_false (care_result_entry_get_new (again));
  g_object_unref (view);

  g_assert_true (care_results_view_go_back (fixture->view));
  g_assert_false (care_results_view_is_showing_detail (fixture->view));
  g_assert_false (care_results_view_go_back (fixture->view));
}

/* A notification's click (app.open-item runs care_window_open_item) comes
 * up on the result itself, from another person's record too. */
static void
test_open_item (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CareResultEntry) entry = find_entry (fixture->view, "Complete blood count", TRUE);
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *opened = NULL;
  CareWindow *window;
  CareResultsView *view;
  CareResultDetail *detail;
  GtkWidget *documents;
  GtkWidget *row;
  JsonObject *document;
  gboolean folded = FALSE;

  g_assert_nonnull (entry);
  id = g_strdup (care_resource_item_get_id (care_result_entry_get_item (entry)));
  key = care_result_entry_dup_opened_key (entry);
  g_assert_null (care_cache_dup_meta (adult_cache (), key));

  care_test_family_show (&family, "demo:child");
  window = g_object_ref_sink (care_window_new (NULL, family.context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (care_window_open_item (window, "demo:adult", "DiagnosticReport", id));
  g_assert_cmpstr (care_person_get_id (care_context_get_person (family.context)), ==, "demo:adult");
  g_assert_cmpstr (care_window_get_visible_page (window), ==, "record");
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "results");
  view = CARE_RESULTS_VIEW (care_window_get_section_page (window, "results"));
  detail = CARE_RESULT_DETAIL (care_results_view_get_detail (view));
  g_assert_true (care_results_view_is_showing_detail (view));
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_true (g_str_has_prefix (care_result_detail_get_title (detail), "Complete blood count"));
  opened = care_cache_dup_meta (adult_cache (), key);
  g_assert_cmpstr (opened, ==, "1");

  /* The list the person switch queried comes in behind it, read. */
  g_assert_true (wait_until (view_loaded, view));
  g_assert_true (care_results_view_is_showing_detail (view));
  g_clear_object (&entry);
  entry = find_entry (view, "Complete blood count", TRUE);
  g_assert_false (care_result_entry_get_new (entry));

  /* Gone from the offline copy: the section's list (and a toast). */
  g_assert_false (care_window_open_item (window, "demo:adult", "Observation", "no-such-result"));
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "results");
  g_assert_false (care_results_view_is_showing_detail (view));

  /* A document opens in the viewer. */
  documents = care_window_get_section_page (window, "documents");
  g_assert_true (CARE_IS_DOCUMENTS_VIEW (documents));
  g_assert_true (wait_until (documents_built, documents));
  row = care_documents_view_get_row (CARE_DOCUMENTS_VIEW (documents), CARE_DOCUMENTS_GROUP_NOTES, 0);
  g_assert_nonnull (row);
  document = care_documents_row_get_document (row);
  g_assert_true (care_window_open_item (window, "demo:adult", "DocumentReference",
                                        care_fhir_get_string (document, "id")));
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "documents");
  g_assert_cmpstr (care_documents_view_get_page (CARE_DOCUMENTS_VIEW (documents)), ==, "viewer");
  g_assert_false (care_window_open_item (window, "demo:adult", "DocumentReference", "gone"));
  g_assert_cmpstr (care_documents_view_get_page (CARE_DOCUMENTS_VIEW (documents)), ==, "list");

  /* Messages and appointments have no pages yet: their sections. */
  care_window_open_item (window, "demo:adult", "Communication", "any");
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "messages");
  g_assert_false (care_window_open_item (window, "demo:nobody", "Appointment", "a1"));
  g_assert_cmpstr (care_person_get_id (care_context_get_person (family.context)), ==, "demo:adult");

  /* Folded, the header's Back is the only one: it leaves the result,
   * then the section. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  g_assert_true (wait_until (window_folded, window));
  g_assert_true (care_window_open_item (window, "demo:adult", "DiagnosticReport", id));
  g_object_get (view, "folded", &folded, NULL);
  g_assert_true (folded);
  g_assert_true (care_results_view_is_showing_detail (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_false (care_results_view_is_showing_detail (view));
  g_assert_true (care_window_get_showing_content (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_false (care_window_get_showing_content (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* The first widget under @root of @type (and with @label, for a label). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label_prefix)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label_prefix == NULL || g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), label_prefix)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label_prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_show_trend_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_free (*(char **)user_data);
  *(char **)user_data = g_variant_dup_string (parameter, NULL);
}

/* The subtitle of the first row titled @title under @widget, or %NULL
 * when there is none; "" when the row has no subtitle. */
static const char *
find_row_subtitle (GtkWidget  *widget,
                   const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      return subtitle != NULL ? subtitle : "";
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_row_subtitle (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An eye exam's report lists the imaging study it reads, by modality
 * and series; an A1c says who recorded it, from its Provenance. */
static void
test_detail_images_and_source (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CareResultEntry) eye = find_entry (fixture->view, "Diabetic eye exam", TRUE);
  g_autoptr(CareResultEntry) a1c = find_entry (fixture->view, "Hemoglobin A1c", TRUE);
  CareResultDetail *detail = CARE_RESULT_DETAIL (care_results_view_get_detail (fixture->view));
  const char *images;
  const char *source;

  g_assert_nonnull (eye);
  care_results_view_open (fixture->view, eye);
  g_assert_true (wait_until (detail_loaded, detail));
  images = find_row_subtitle (GTK_WIDGET (detail), "Diabetic retinal photography, both eyes");
  g_assert_nonnull (images);
  g_assert_true (g_str_has_prefix (images, "Eye photography · 2 series, 4 images"));
  g_assert_nonnull (strstr (images, "Right eye: 2 images"));

  care_result_detail_go_back (detail);
  g_assert_nonnull (a1c);
  care_results_view_open (fixture->view, a1c);
  g_assert_true (wait_until (detail_loaded, detail));
  source = find_row_subtitle (GTK_WIDGET (detail), "Source");
  g_assert_nonnull (source);
  g_assert_true (g_str_has_prefix (source, "Recorded by "));
  g_assert_nonnull (strstr (source, "Okafor"));
}

static void
test_detail_components (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CareResultEntry) panel = find_entry (fixture->view, "Basic metabolic panel", TRUE);
  CareResultDetail *detail = CARE_RESULT_DETAIL (care_results_view_get_detail (fixture->view));
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) trend = g_simple_action_new ("show-trend", G_VARIANT_TYPE_STRING);
  g_autofree char *trend_code = NULL;
  g_autofree char *panel_date = NULL;
  g_autofree char *collected = NULL;
  g_autofree char *a1c_date = NULL;
  g_autoptr(CareResultEntry) a1c = NULL;
  GPtrArray *rows;
  AdwActionRow *glucose = NULL;
  GPtrArray *history;

  care_results_view_open (fixture->view, panel);
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_cmpstr (care_result_detail_get_title (detail), ==, "Basic metabolic panel");

  rows = care_result_detail_get_component_rows (detail);
  g_assert_cmpuint (rows->len, ==, 9);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Reference range: "));
      if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Glucose"))
        glucose = row;
    }
  g_assert_nonnull (glucose);
  g_assert_cmpstr (adw_action_row_get_subtitle (glucose), ==, "Reference range: 70–99 mg/dL");
  /* eGFR has only a lower limit. */
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 8)), ==,
                   "Reference range: 60 mL/min/1.73 m² or more");

  /* When the sample was taken, to the minute (the zone is the machine's). */
  panel_date = care_result_format_date (care_result_entry_get_date (panel));
  collected = g_strdup_printf ("%s, ", panel_date);
  g_assert_true (g_str_has_prefix (panel_date, "August "));
  g_assert_nonnull (find_widget (GTK_WIDGET (detail), GTK_TYPE_LABEL, collected));

  /* A test of the panel opens with its own history, newest first. */
  g_signal_emit_by_name (glucose, "activated");
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_true (g_str_has_prefix (care_result_detail_get_title (detail), "Glucose"));
  g_assert_cmpuint (care_result_detail_get_component_rows (detail)->len, ==, 1);
  history = care_result_detail_get_history_rows (detail);
  g_assert_cmpuint (history->len, >, 0);
  g_assert_cmpuint (history->len, <=, 10);
  g_assert_cmpstr (care_result_detail_get_trend_code (detail), ==, "http://loinc.org|2345-7");
  /* Earlier results only: not the one on the page. */
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (history, 0)), !=, panel_date);

  /* Show in Health Trends names the test to the window's action. */
  g_signal_connect (trend, "activate", G_CALLBACK (on_show_trend_cb), &trend_code);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (trend));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (group));
  {
    GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (detail));
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    /* Find the button by name, wherever the group put it. */
    g_ptr_array_add (stack, button);
    button = NULL;
    while (stack->len > 0 && button == NULL)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), "show-trend") == 0)
          button = widget;
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_cmpstr (trend_code, ==, "http://loinc.org|2345-7");

  /* Back returns to the panel, then to the list. */
  g_assert_true (care_results_view_go_back (fixture->view));
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_cmpstr (care_result_detail_get_title (detail), ==, "Basic metabolic panel");
  g_assert_true (care_results_view_go_back (fixture->view));
  g_assert_false (care_results_view_is_showing_detail (fixture->view));

  /* A report of one test shows that test's history, without itself. */
  a1c = find_entry (fixture->view, "Hemoglobin A1c", TRUE);
  care_results_view_open (fixture->view, a1c);
  g_assert_true (wait_until (detail_loaded, detail));
  history = care_result_detail_get_history_rows (detail);
  g_assert_cmpuint (history->len, ==, 10);
  a1c_date = care_result_format_date (care_result_entry_get_date (a1c));
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (history, i)), !=, a1c_date);
  g_assert_cmpstr (care_result_detail_get_trend_code (detail), ==, "http://loinc.org|4548-4");
}

static void
test_teen_withheld (Fixture       *fixture,
                    gconstpointer  data)
{
  CareViewStack *stack = care_results_view_get_view_stack (fixture->view);

  /* The view follows the person on screen. */
  g_assert_cmpint (care_view_stack_get_state (stack), ==, CARE_VIEW_STATE_CONTENT);
  care_test_family_show (&family, "demo:teen");
  g_assert_true (wait_until (view_loaded, fixture->view));
  g_assert_cmpint (care_view_stack_get_state (stack), ==, CARE_VIEW_STATE_WITHHELD);
  g_assert_cmpuint (g_list_model_get_n_items (care_results_view_get_entries (fixture->view)), ==, 0);
  g_assert_nonnull (strstr (care_view_stack_get_description (stack), "12 to 17"));
}

static void
test_child_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  CareViewStack *stack = care_results_view_get_view_stack (fixture->view);

  g_assert_cmpint (care_view_stack_get_state (stack), ==, CARE_VIEW_STATE_EMPTY);
  g_assert_cmpstr (care_view_stack_get_title (stack), ==, "No Test Results Yet");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (
    GTK_WIDGET (care_results_view_get_search_entry (fixture->view)))));
}

typedef struct
{
  CareResultsView *view;
  guint            n_items;
  CareViewState    state;
} Expect;

static gboolean
entries_are (gpointer data)
{
  Expect *expect = data;

  return g_list_model_get_n_items (care_results_view_get_entries (expect->view)) == expect->n_items &&
         care_view_stack_get_state (care_results_view_get_view_stack (expect->view)) == expect->state;
}

static gboolean
entries_below (gpointer data)
{
  Expect *expect = data;
  guint n = g_list_model_get_n_items (care_results_view_get_entries (expect->view));

  return n > 0 && n < expect->n_items;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *entry = care_results_view_get_search_entry (fixture->view);
  GListModel *entries = care_results_view_get_entries (fixture->view);
  guint total = g_list_model_get_n_items (entries);
  Expect expect = { fixture->view, total, CARE_VIEW_STATE_CONTENT };

  /* A panel is found by the name of one of its tests. */
  gtk_editable_set_text (entry, "GLUCOSE");
  g_assert_true (wait_until (entries_below, &expect));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 12);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CareResultEntry) result = g_list_model_get_item (entries, i);

      g_assert_true (g_str_has_prefix (care_result_entry_get_name (result), "Basic metabolic panel"));
    }

  gtk_editable_set_text (entry, "no such test");
  expect.n_items = 0;
  expect.state = CARE_VIEW_STATE_NO_RESULTS;
  g_assert_true (wait_until (entries_are, &expect));

  gtk_editable_set_text (entry, "");
  expect.n_items = total;
  expect.state = CARE_VIEW_STATE_CONTENT;
  g_assert_true (wait_until (entries_are, &expect));
}

static void
store (CareCache  *cache,
       const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, &error);

  g_assert_no_error (error);
  g_ptr_array_add (records, care_fhir_record_new (resource));
  g_assert_true (care_cache_store_page (cache, records, CARE_CACHE_ORIGIN_REFERENCE, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bad_report (Fixture       *fixture,
                 gconstpointer  data)
{
  CareRecord *record = care_context_lookup_record (family.context, "demo:adult");
  CareResultDetail *detail = CARE_RESULT_DETAIL (care_results_view_get_detail (fixture->view));
  const char *html = "<p>Line one &amp; more</p><script>x()</script>two";
  g_autofree char *text64 = g_base64_encode ((const guchar *)html, strlen (html));
  g_autofree char *json = NULL;
  g_autoptr(CareResultEntry) entry = NULL;
  GListModel *entries = care_results_view_get_entries (fixture->view);
  guint total = g_list_model_get_n_items (entries);
  GPtrArray *rows;

  /* No name, no date, a test the cache lacks, an HTML report, a PDF whose
   * data never came and a report with only a URL: it shows what it has. */
  json = g_strdup_printf ("{\"resourceType\":\"DiagnosticReport\",\"id\":\"test-bare\",\"status\":\"final\","
                          "\"subject\":{\"reference\":\"Patient/demo:adult\"},"
                          "\"result\":[{\"reference\":\"Observation/not-cached\",\"display\":\"Ferritin\"},"
                          "{\"display\":\"no reference\"},42],"
                          "\"presentedForm\":[{\"contentType\":\"text/html\",\"data\":\"%s\"},"
                          "{\"contentType\":\"application/pdf\",\"url\":\"Binary/report\"}]}", text64);
  store (care_record_get_cache (record), json);
  care_record_changed (record);
  g_assert_true (wait_until (view_loaded, fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, total + 1);

  entry = find_entry (fixture->view, "Unnamed test", TRUE);
  g_assert_nonnull (entry);
  /* Undated results come last. */
  {
    g_autoptr(CareResultEntry) last = g_list_model_get_item (entries, total);

    g_assert_true (last == entry);
  }

  care_results_view_open (fixture->view, entry);
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_cmpstr (care_result_detail_get_title (detail), ==, "Unnamed test");
  rows = care_result_detail_get_component_rows (detail);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_null (care_result_detail_get_trend_code (detail));

  /* The HTML report as plain text; the PDF that never came says so. */
  {
    GtkWidget *view = find_widget (GTK_WIDGET (detail), GTK_TYPE_TEXT_VIEW, NULL);
    GtkTextBuffer *buffer;
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    g_assert_nonnull (view);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "Line one & more\ntwo");
    g_assert_nonnull (find_widget (GTK_WIDGET (detail), GTK_TYPE_LABEL,
                                   "The attached report is not stored on this device."));
    g_assert_nonnull (find_widget (GTK_WIDGET (detail), GTK_TYPE_LABEL, "Not in the offline copy"));
  }

  care_cache_delete (care_record_get_cache (record), "DiagnosticReport", "test-bare", NULL);
  care_record_changed (record);
  g_assert_true (wait_until (view_loaded, fixture->view));
}

static void
test_attachment_text (void)
{
  g_autofree char *text = care_result_html_to_text ("<html><head><style>p{}</style></head><body>"
                                                    "<p>Findings:</p><ul><li>A &amp; B</li>"
                                                    "<li>&#233;</li></ul><script>alert(1)</script>"
                                                    "Done &bogus; &lt;ok&gt;</body></html>");
  g_autofree char *json = g_strdup_printf ("{\"contentType\":\"text/plain; charset=utf-8\",\"data\":\"%s\"}",
                                           "TGFiIHJlcG9ydA==");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autofree char *plain = care_result_attachment_dup_text (json_node_get_object (node));
  g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4", 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = care_result_attachment_write_file (bytes, ".pdf", &error);
  GStatBuf buf;

  g_assert_cmpstr (text, ==, "Findings:\n• A & B\n• é\nDone &bogus; <ok>");
  g_assert_cmpstr (plain, ==, "Lab report");

  /* A PDF is opened from a copy only its owner can read. */
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, ".pdf"));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_unlink (path);
}

static void
test_damaged_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-results-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autofree char *garbage = NULL;
  gsize len = 0;
  g_autoptr(CareContext) context = care_context_new (FALSE);
  g_autoptr(CarePerson) person = care_person_new ("test:damaged", "Ana Torres", "1980-05-01",
                                                  CARE_RELATIONSHIP_SELF);
  g_autoptr(CareRecord) record = NULL;
  GtkWidget *view;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "fixtures", "cache",
                                                           "garbage.sqlite", NULL),
                                      &garbage, &len, &error));
  g_assert_true (g_file_set_contents (path, garbage, len, &error));
  record = care_record_new (person, NULL, path);
  g_assert_nonnull (care_record_get_cache_error (record));
  care_context_add_person (context, person);
  care_context_add_record (context, record);
  care_context_set_person (context, person);

  view = g_object_ref_sink (care_results_view_new (context));
  g_assert_true (wait_until (view_loaded, view));
  g_assert_cmpint (care_view_stack_get_state (care_results_view_get_view_stack (CARE_RESULTS_VIEW (view))),
                   ==, CARE_VIEW_STATE_BROKEN);
  g_assert_cmpuint (g_list_model_get_n_items (care_results_view_get_entries (CARE_RESULTS_VIEW (view))), ==, 0);
  g_object_unref (view);

  g_clear_object (&record);
  g_clear_object (&context);
  {
    g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
    const char *name;

    while (files != NULL && (name = g_dir_read_name (files)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

/* A frame that takes longer than a frame: on a loaded machine the frame
 * clock is due again at once, so a source at its priority is always ready. */
static gboolean
keep_redrawing_cb (gpointer data)
{
  g_usleep (500);
  return G_SOURCE_CONTINUE;
}

/* The list arrives even while redraws never let the main loop go idle (the
 * spinner of "Getting your record…" turning on a busy machine); before, the
 * rows were built in idle callbacks that never ran, and the view stayed on
 * the spinner until the section was left. */
static void
test_loads_while_busy (void)
{
  GtkWindow *window;
  CareResultsView *view;
  guint busy;
  gboolean loaded;

  care_test_family_show (&family, "demo:adult");
  window = GTK_WINDOW (gtk_window_new ());
  view = CARE_RESULTS_VIEW (care_results_view_new (family.context));
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  busy = g_idle_add_full (GDK_PRIORITY_REDRAW, keep_redrawing_cb, NULL, NULL);

  loaded = wait_until (view_loaded, view);
  g_source_remove (busy);
  g_assert_true (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (care_results_view_get_entries (view)), >, 0);
  g_assert_cmpint (care_view_stack_get_state (care_results_view_get_view_stack (view)), ==,
                   CARE_VIEW_STATE_CONTENT);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A glucose the health system sent without a flag but with a range in
 * another unit: High, in the list and in the detail, which says the flag
 * was worked out from the range (issue 13, "Out-of-range values"). */
static void
test_flag_from_range (Fixture       *fixture,
                      gconstpointer  data)
{
  CareRecord *record = care_context_lookup_record (family.context, "demo:adult");
  CareResultDetail *detail = CARE_RESULT_DETAIL (care_results_view_get_detail (fixture->view));
  g_autofree char *json = load_fixture ("observation-range-no-flag.json");
  GListModel *entries = care_results_view_get_entries (fixture->view);
  g_autoptr(CareResultEntry) entry = NULL;

  store (care_record_get_cache (record), json);
  care_record_changed (record);
  g_assert_true (wait_until (view_loaded, fixture->view));
  for (guint i = 0; entry == NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CareResultEntry) one = g_list_model_get_item (entries, i);

      if (g_strcmp0 (care_resource_item_get_id (care_result_entry_get_item (one)), "glucose-range") == 0)
        entry = g_steal_pointer (&one);
    }
  g_assert_nonnull (entry);
  g_assert_cmpint (care_result_entry_get_flag (entry), ==, CARE_RESULT_FLAG_HIGH);

  care_results_view_open (fixture->view, entry);
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_nonnull (find_widget (GTK_WIDGET (detail), GTK_TYPE_LABEL,
                                 "Reference range: 70–99 mg/dL. The health system sent no flag: "
                                 "this one was worked out from the range."));
  care_result_detail_go_back (detail);

  care_cache_delete (care_record_get_cache (record), "Observation", "glucose-range", NULL);
  care_record_changed (record);
  g_assert_true (wait_until (view_loaded, fixture->view));
}

/* A CT whose report has not come (the R4 page's example, in our words):
 * a row of its own in Test Results, what was imaged, when, modality,
 * series and "No report yet", with a detail; in Visits & Documents too.
 * The eye photographs the seed's reports read stay inside their reports. */
static void
test_study_without_report (Fixture       *fixture,
                           gconstpointer  data)
{
  CareRecord *record = care_context_lookup_record (family.context, "demo:adult");
  CareResultDetail *detail = CARE_RESULT_DETAIL (care_results_view_get_detail (fixture->view));
  g_autofree char *json = load_fixture ("imagingstudy-ct.json");
  g_autoptr(CareResultEntry) entry = NULL;
  g_autoptr(GtkWidget) documents = NULL;
  g_autofree char *day = NULL;
  const char *series;
  GtkWidget *row;

  store (care_record_get_cache (record), json);
  care_record_changed (record);
  g_assert_true (wait_until (view_loaded, fixture->view));

  entry = find_entry (fixture->view, "CT of the chest", FALSE);
  g_assert_nonnull (entry);
  g_assert_cmpstr (care_result_entry_get_value (entry), ==, "CT scan · 2 series, 142 images · No report yet");
  day = g_date_time_format (care_result_entry_get_date (entry), "%F");
  g_assert_cmpstr (day, ==, "2026-02-11");
  g_assert_null (find_entry (fixture->view, "Diabetic retinal photography", FALSE));
  g_assert_true (care_result_entry_matches (entry, "no report"));

  care_results_view_open (fixture->view, entry);
  g_assert_true (wait_until (detail_loaded, detail));
  g_assert_cmpstr (care_result_detail_get_title (detail), ==, "CT of the chest");
  series = find_row_subtitle (GTK_WIDGET (detail), "CT of the chest");
  g_assert_nonnull (series);
  g_assert_true (g_str_has_prefix (series, "CT scan · 2 series, 142 images"));
  g_assert_nonnull (strstr (series, "Lung window: 22 images"));
  g_assert_nonnull (find_widget (GTK_WIDGET (detail), GTK_TYPE_LABEL,
                                 "No report on these images has reached your record yet. The images stay "
                                 "with your health system; ask them for a copy if you need one."));
  /* Images are taken, not collected like a sample. */
  g_assert_nonnull (find_row_subtitle (GTK_WIDGET (detail), "Taken"));
  g_assert_null (find_row_subtitle (GTK_WIDGET (detail), "Collected"));
  care_result_detail_go_back (detail);

  documents = g_object_ref_sink (care_documents_view_new (family.context));
  g_assert_true (wait_until (documents_built, documents));
  g_assert_cmpuint (care_documents_view_get_n_rows (CARE_DOCUMENTS_VIEW (documents),
                                                    CARE_DOCUMENTS_GROUP_IMAGING), ==, 1);
  row = care_documents_view_get_row (CARE_DOCUMENTS_VIEW (documents), CARE_DOCUMENTS_GROUP_IMAGING, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "CT of the chest");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "CT scan · 2 series, 142 images · No report yet"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2026"));

  care_cache_delete (care_record_get_cache (record), "ImagingStudy", "ct-chest", NULL);
  care_record_changed (record);
  g_assert_true (wait_until (view_loaded, fixture->view));
  g_assert_null (find_entry (fixture->view, "CT of the chest", FALSE));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/results/attachment-text", test_attachment_text);
  g_test_add_func ("/care/ui/results/damaged-cache", test_damaged_cache);
  g_test_add_func ("/care/ui/results/loads-while-busy", test_loads_while_busy);
  g_test_add ("/care/ui/results/adult-rows", Fixture, NULL, fixture_setup, test_adult_rows,
              fixture_teardown);
  g_test_add ("/care/ui/results/rows-say-it", Fixture, NULL, fixture_setup, test_rows_say_it,
              fixture_teardown);
  g_test_add ("/care/ui/results/open-clears-new", Fixture, NULL, fixture_setup, test_open_clears_new,
              fixture_teardown);
  g_test_add ("/care/ui/results/open-item", Fixture, NULL, fixture_setup, test_open_item,
              fixture_teardown);
  g_test_add ("/care/ui/results/detail-components", Fixture, NULL, fixture_setup,
              test_detail_components, fixture_teardown);
  g_test_add ("/care/ui/results/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/care/ui/results/detail-images-source", Fixture, NULL, fixture_setup,
              test_detail_images_and_source, fixture_teardown);
  g_test_add ("/care/ui/results/bad-report", Fixture, NULL, fixture_setup, test_bad_report,
              fixture_teardown);
  g_test_add ("/care/ui/results/flag-from-range", Fixture, NULL, fixture_setup,
              test_flag_from_range, fixture_teardown);
  g_test_add ("/care/ui/results/study-without-report", Fixture, NULL, fixture_setup,
              test_study_without_report, fixture_teardown);
  g_test_add ("/care/ui/results/teen-withheld", Fixture, NULL, fixture_setup, test_teen_withheld,
              fixture_teardown);
  g_test_add ("/care/ui/results/child-empty", Fixture, "demo:child", fixture_setup, test_child_empty,
              fixture_teardown);

  care_test_family_setup (&family);
  status = g_test_run ();
  care_test_family_teardown (&family);

  return status;
}
