/* test-record-lists.c — medications, allergies, health issues, immunizations, plan of care
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The five record lists on the synced demo family: the rows the seeder's
 * data gives, the teen's withheld parts, preventive care due relative to
 * the fixed today, search, following the person on screen, and the
 * outbox write path (or "tell your clinic" where the portal cannot
 * write).
 */
#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "care-access-log.h"
#include "care-allergies-view.h"
#include "care-appointments-view.h"
#include "care-billing-view.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-page.h"
#include "care-immunizations-view.h"
#include "care-issues-view.h"
#include "care-medications-view.h"
#include "care-messages-view.h"
#include "care-plan-view.h"
#include "care-sharing-view.h"

#include "care-test-family.h"

static CareTestFamily family;

typedef struct
{
  GtkWidget      *window;
  GtkWidget      *view;
  CareRecordList *list;
} Shown;

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
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

/* Spins the main loop until @list has a row titled @title (or, with
 * %NULL, until it has loaded), for at most 20 seconds. */
static void
wait_for (CareRecordList *list,
          const char     *title)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, deadline_cb, &timed_out);

  while (!timed_out && !(care_record_list_get_loaded (list) && (title == NULL || has_title (list, title))))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (care_record_list_get_loaded (list));
  if (title != NULL)
    g_assert_true (has_title (list, title));
}

static void
show (Shown          *shown,
      const char     *person_id,
      GtkWidget      *view,
      CareRecordList *list)
{
  care_test_family_show (&family, person_id);
  shown->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (shown->window), 360, 720);
  shown->view = view;
  shown->list = list;
  gtk_window_set_child (GTK_WINDOW (shown->window), view);
  gtk_window_present (GTK_WINDOW (shown->window));
  wait_for (list, NULL);
}

static void
shown_clear (Shown *shown)
{
  gtk_window_destroy (GTK_WINDOW (shown->window));
}

static CareViewState
get_state (CareRecordList *list)
{
  return care_view_stack_get_state (care_record_list_get_stack (list));
}

static void
search (Shown      *shown,
        const char *text)
{
  GtkSearchEntry *entry = care_record_list_get_search_entry (shown->list);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
test_adult_medications (void)
{
  Shown shown;
  GtkWidget *view = care_medications_view_new (G_OBJECT (family.context));

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_true (has_title (shown.list, "Metformin hydrochloride 1000 MG Oral Tablet"));
  g_assert_true (has_title (shown.list, "Lisinopril 20 MG Oral Tablet"));
  g_assert_true (has_title (shown.list, "Atorvastatin 20 MG Oral Tablet"));
  g_assert_true (has_title (shown.list, "Empagliflozin 10 MG Oral Tablet"));
  /* Stopped and completed orders are still listed, as past ones. */
  g_assert_true (has_title (shown.list, "Metformin hydrochloride 500 MG Oral Tablet"));
  g_assert_true (has_title (shown.list, "Ibuprofen 600 MG Oral Tablet"));

  /* The search entry filters the rows, and says when nothing matches. */
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (shown.list)), "lisinopril");
  g_signal_emit_by_name (care_record_list_get_search_entry (shown.list), "search-changed");
  g_assert_true (has_title (shown.list, "Lisinopril 20 MG Oral Tablet"));
  g_assert_false (has_title (shown.list, "Atorvastatin 20 MG Oral Tablet"));
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (shown.list)), "nothing like it");
  g_signal_emit_by_name (care_record_list_get_search_entry (shown.list), "search-changed");
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_NO_RESULTS);
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (shown.list)), "");
  g_signal_emit_by_name (care_record_list_get_search_entry (shown.list), "search-changed");
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);

  /* Injections given in clinic show on the order they carried out;
   * test strips mailed each quarter, as supplies. */
  g_assert_true (has_title (shown.list, "Cyanocobalamin 1 MG/ML Injectable Solution"));
  search (&shown, "Given in clinic 6 times");
  g_assert_true (has_title (shown.list, "Cyanocobalamin 1 MG/ML Injectable Solution"));
  search (&shown, "Delivered 8 times");
  g_assert_true (has_title (shown.list, "Blood glucose test strips"));
  search (&shown, "Cascade Mail Pharmacy");
  g_assert_true (has_title (shown.list, "Blood glucose test strips"));
  search (&shown, "");

  /* The view follows the person on screen. */
  care_test_family_show (&family, "demo:elder");
  wait_for (shown.list, "Apixaban 5 MG Oral Tablet");
  g_assert_false (has_title (shown.list, "Lisinopril 20 MG Oral Tablet"));

  shown_clear (&shown);
}

static void
test_adult_allergies_and_issues (void)
{
  Shown shown;
  GtkWidget *view = care_allergies_view_new (G_OBJECT (family.context));

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_true (has_title (shown.list, "Penicillin"));
  g_assert_true (has_title (shown.list, "Shellfish"));
  shown_clear (&shown);

  view = care_issues_view_new (G_OBJECT (family.context));
  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_true (has_title (shown.list, "Type 2 diabetes mellitus"));
  g_assert_true (has_title (shown.list, "Hypertensive disorder"));
  g_assert_true (has_title (shown.list, "Hyperlipidemia"));
  g_assert_true (has_title (shown.list, "Sprain of ankle"));
  g_assert_true (has_title (shown.list, "Appendectomy"));
  g_assert_true (has_title (shown.list, "Father"));
  g_assert_true (has_title (shown.list, "Mother"));
  shown_clear (&shown);
}

static void
test_teen_withheld (void)
{
  Shown shown;
  GtkWidget *view = care_medications_view_new (G_OBJECT (family.context));

  show (&shown, "demo:teen", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_WITHHELD);
  g_assert_false (has_title (shown.list, "Sertraline 25 MG Oral Tablet"));
  g_assert_cmpstr (care_view_stack_get_title (care_record_list_get_stack (shown.list)), ==,
                   "Not Shared With Proxies");
  shown_clear (&shown);

  view = care_issues_view_new (G_OBJECT (family.context));
  show (&shown, "demo:teen", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_WITHHELD);
  g_assert_false (has_title (shown.list, "Generalized anxiety disorder"));
  shown_clear (&shown);
}

static void
test_child_immunizations (void)
{
  Shown shown;
  GtkWidget *view = care_immunizations_view_new (G_OBJECT (family.context));

  show (&shown, "demo:child", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_cmpuint (care_record_list_get_n_rows (shown.list), >, 10);
  /* The flu vaccine the seeder says is due in 20 days, as preventive care. */
  g_assert_true (has_title (shown.list, "Flu vaccine"));

  /* The adult has an overdue pneumococcal vaccine and eye exam. */
  care_test_family_show (&family, "demo:adult");
  wait_for (shown.list, "Pneumococcal vaccine (recommended with diabetes)");
  g_assert_true (has_title (shown.list, "Diabetic eye exam (overdue)"));
  g_assert_true (has_title (shown.list, "Tdap"));

  /* Status words are searchable: "overdue" finds what is overdue only. */
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (shown.list)), "overdue");
  g_signal_emit_by_name (care_record_list_get_search_entry (shown.list), "search-changed");
  g_assert_true (has_title (shown.list, "Pneumococcal vaccine (recommended with diabetes)"));
  g_assert_false (has_title (shown.list, "Flu vaccine"));
  g_assert_false (has_title (shown.list, "Tdap"));
  shown_clear (&shown);
}

static void
test_adult_appointments (void)
{
  Shown shown;
  GtkWidget *view = care_appointments_view_new (G_OBJECT (family.context));
  g_autoptr(GPtrArray) titles = NULL;

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  /* The next one first: the video visit in three days, the annual
   * physical, the eye exam in December, then February's follow-up; the
   * tests ordered, soonest due first; then the past ones. */
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Video visit");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "Annual physical");
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "Diabetic eye exam");
  g_assert_cmpstr (g_ptr_array_index (titles, 3), ==, "Diabetes follow-up");
  g_assert_cmpstr (g_ptr_array_index (titles, 4), ==, "Retinal photography");
  g_assert_cmpstr (g_ptr_array_index (titles, 5), ==, "Lipid panel");
  g_assert_cmpstr (g_ptr_array_index (titles, 6), ==, "Hemoglobin A1c");

  /* At the clinic's time, with its zone; with whom, and where. */
  search (&shown, "14:30 (UTC");
  g_assert_true (has_title (shown.list, "Diabetic eye exam"));
  g_assert_false (has_title (shown.list, "Diabetes follow-up"));
  search (&shown, "Adaeze Okafor");
  g_assert_true (has_title (shown.list, "Diabetes follow-up"));
  g_assert_false (has_title (shown.list, "Diabetic eye exam"));
  search (&shown, "200 River Road");
  g_assert_true (has_title (shown.list, "Diabetic eye exam"));
  g_assert_true (has_title (shown.list, "Diabetes follow-up"));

  /* A notification about an appointment puts the focus on it. */
  search (&shown, "");
  g_assert_nonnull (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), "appt-adult-eye"));
  care_appointments_view_show_appointment (CARE_APPOINTMENTS_VIEW (view), "appt-adult-eye");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (shown.window)) ==
                 care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), "appt-adult-eye"));
  shown_clear (&shown);
}

static void
test_adult_messages (void)
{
  Shown shown;
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  g_autoptr(GPtrArray) titles = NULL;

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  /* One row a conversation, the latest first: five messages, two threads. */
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Question about my A1c");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "Empagliflozin refill");

  /* What the messages say, and who said it, is found by a search. */
  search (&shown, "metformin twice");
  g_assert_true (has_title (shown.list, "Question about my A1c"));
  g_assert_false (has_title (shown.list, "Empagliflozin refill"));
  search (&shown, "prior authorization");
  g_assert_true (has_title (shown.list, "Empagliflozin refill"));
  g_assert_false (has_title (shown.list, "Question about my A1c"));

  /* A notification about a reply opens its conversation. */
  search (&shown, "");
  g_assert_false (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), "msg-a1c-2"));
  care_messages_view_open_message (CARE_MESSAGES_VIEW (view), "msg-a1c-2");
  g_assert_true (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), "msg-a1c-2"));
  g_assert_true (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), "msg-a1c-1"));
  g_assert_false (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), "msg-refill-1"));
  shown_clear (&shown);

  /* Also when asked before the list has loaded. */
  view = care_messages_view_new (G_OBJECT (family.context));
  care_messages_view_open_message (CARE_MESSAGES_VIEW (view), "msg-refill-2");
  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_true (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), "msg-refill-1"));
  shown_clear (&shown);
}

/* The parent of a teen: messages between the teen and the care team are
 * withheld, and the view says so rather than showing an empty list. */
static void
test_teen_messages_withheld (void)
{
  Shown shown;
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));

  show (&shown, "demo:teen", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_WITHHELD);
  g_assert_false (has_title (shown.list, "Feeling anxious"));
  shown_clear (&shown);
}

static void
test_adult_billing (void)
{
  Shown shown;
  GtkWidget *view = care_billing_view_new (G_OBJECT (family.context));
  g_autoptr(GPtrArray) titles = NULL;

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  /* The insurance card's numbers, for the front desk. */
  g_assert_true (has_title (shown.list, "Cascade Mutual Health"));
  search (&shown, "CMH-4471-09");
  g_assert_true (has_title (shown.list, "Cascade Mutual Health"));
  search (&shown, "88120");
  g_assert_true (has_title (shown.list, "Cascade Mutual Health"));

  /* Four statements, only the latest one still due; a claim a visit,
   * each with what the insurer paid. */
  search (&shown, "Patient statement");
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 4);
  g_clear_pointer (&titles, g_ptr_array_unref);
  search (&shown, "Due within 30 days");
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (titles, 0), "Patient statement of "));
  g_clear_pointer (&titles, g_ptr_array_unref);
  search (&shown, "Insurance paid");
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, >=, 4);
  for (guint i = 0; i < titles->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (titles, i), "Visit of "));
  g_clear_pointer (&titles, g_ptr_array_unref);

  /* Each claim once, with the explanation that answers it and the
   * patient's share; last week's, not answered yet, as waiting. */
  search (&shown, "Your share $30.00");
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 24);
  g_clear_pointer (&titles, g_ptr_array_unref);
  search (&shown, "Billed $140.00");
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 1);
  g_clear_pointer (&titles, g_ptr_array_unref);
  search (&shown, "Visit of");
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpuint (titles->len, ==, 25);
  shown_clear (&shown);
}

/* A parent looking at a child's record: this account, as a proxy, and
 * the people the portal lists as related; then what this computer did
 * with the record, from its access log. */
static void
test_child_sharing (void)
{
  Shown shown;
  GtkWidget *view = care_sharing_view_new (G_OBJECT (family.context));
  CareRecord *record;
  g_autofree char *folder = NULL;
  g_autofree char *log_path = NULL;
  g_autoptr(GPtrArray) titles = NULL;

  care_test_family_show (&family, "demo:child");
  record = care_context_get_record (family.context);
  folder = g_path_get_dirname (care_cache_get_path (care_record_get_cache (record)));
  g_assert_true (care_access_log_append (folder, CARE_ACCESS_EVENT_EXPORT, "summary.pdf", NULL));

  show (&shown, "demo:child", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  titles = care_record_list_dup_visible_titles (shown.list);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "This account on this computer");
  g_assert_true (has_title (shown.list, "Maria Elena Reyes"));
  g_assert_true (has_title (shown.list, "Exported"));
  search (&shown, "summary.pdf");
  g_assert_true (has_title (shown.list, "Exported"));
  g_assert_false (has_title (shown.list, "Maria Elena Reyes"));
  /* Mateo's record says he is a boy: "Your son", not "Your child". */
  search (&shown, "Your son");
  g_assert_true (has_title (shown.list, "This account on this computer"));
  shown_clear (&shown);

  /* A log that cannot be read (here: a folder where the file should be)
   * is said so; the rest of the view stays. */
  log_path = g_build_filename (folder, "access-log.jsonl", NULL);
  g_assert_cmpint (g_unlink (log_path), ==, 0);
  g_assert_cmpint (g_mkdir (log_path, 0700), ==, 0);
  view = care_sharing_view_new (G_OBJECT (family.context));
  show (&shown, "demo:child", view, CARE_RECORD_LIST (view));
  g_assert_true (has_title (shown.list, "The log of this record’s activity could not be read"));
  g_assert_true (has_title (shown.list, "Maria Elena Reyes"));
  g_assert_false (has_title (shown.list, "Exported"));
  shown_clear (&shown);
  g_assert_cmpint (g_rmdir (log_path), ==, 0);
}

/* The row titled @title below @widget. */
static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_PREFERENCES_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The icon name of the first image below @widget. */
static const char *
first_icon_name (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget) && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_ICON_NAME)
    return gtk_image_get_icon_name (GTK_IMAGE (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = first_icon_name (child);

      if (name != NULL)
        return name;
    }
  return NULL;
}

static void
test_adult_plan (void)
{
  Shown shown;
  GtkWidget *view = care_plan_view_new (G_OBJECT (family.context));

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_assert_cmpint (get_state (shown.list), ==, CARE_VIEW_STATE_CONTENT);
  g_assert_true (has_title (shown.list, "Diabetes and blood pressure care plan"));
  g_assert_true (has_title (shown.list, "Hemoglobin A1c below 7 %"));
  g_assert_true (has_title (shown.list, "Dr. Adaeze Okafor"));
  /* Health maintenance is preventive care, shown with immunizations. */
  g_assert_false (has_title (shown.list, "Health maintenance"));

  /* Goals with a measured target get the latest measurement, in a query
   * of their own; the goal without one does not. */
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (shown.list)), "latest");
  g_signal_emit_by_name (care_record_list_get_search_entry (shown.list), "search-changed");
  wait_for (shown.list, "Hemoglobin A1c below 7 %");
  wait_for (shown.list, "Lose 5 kg over the next year");
  g_assert_false (has_title (shown.list, "Blood pressure below 130/80"));

  /* Each goal's icon follows its status (the words beside it say it
   * too): achieved is done, improving and in progress are under way. */
  search (&shown, "");
  g_assert_cmpstr (first_icon_name (GTK_WIDGET (find_row (view, "Blood pressure below 130/80"))), ==,
                   "object-select-symbolic");
  g_assert_cmpstr (first_icon_name (GTK_WIDGET (find_row (view, "Lose 5 kg over the next year"))), ==,
                   "media-playback-start-symbolic");
  g_assert_cmpstr (first_icon_name (GTK_WIDGET (find_row (view, "Hemoglobin A1c below 7 %"))), ==,
                   "media-playback-start-symbolic");
  shown_clear (&shown);
}

static void
test_damaged_cache (void)
{
  g_autoptr(CareContext) context = care_context_new (FALSE);
  g_autoptr(CarePerson) person = care_person_new ("test:damaged", "Ana Test", "1980-01-01",
                                                  CARE_RELATIONSHIP_SELF);
  g_autofree char *path = g_build_filename (family.dir, "damaged.sqlite", NULL);
  g_autoptr(CareRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  CareRecordList *list;

  /* Not a database at all: the record has no cache, and says why. */
  g_file_set_contents (path, "this is not SQLite, just bytes", -1, &error);
  g_assert_no_error (error);
  record = care_record_new (person, NULL, path);
  g_assert_nonnull (care_record_get_cache_error (record));
  care_context_add_person (context, person);
  care_context_add_record (context, record);
  care_context_set_person (context, person);

  view = care_allergies_view_new (G_OBJECT (context));
  list = CARE_RECORD_LIST (view);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (list, NULL);
  g_assert_cmpint (get_state (list), ==, CARE_VIEW_STATE_BROKEN);
  g_assert_cmpuint (care_record_list_get_n_rows (list), ==, 0);
  g_assert_false (care_record_list_can_write (list, "AllergyIntolerance"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Resources with elements missing, mistyped or junk: every view shows
 * what they have, with no warning (the tests make warnings fatal). */
static const char *odd_resources[] = {
  "{\"resourceType\":\"MedicationRequest\",\"id\":\"m1\",\"status\":\"active\","
  "\"dosageInstruction\":\"twice\",\"requester\":\"Dr\",\"authoredOn\":\"yesterday\"}",
  "{\"resourceType\":\"MedicationRequest\",\"id\":\"m2\",\"status\":5,"
  "\"medicationCodeableConcept\":{\"text\":\"Weird pill\"},\"dosageInstruction\":[\"x\",{\"timing\":"
  "{\"repeat\":{\"frequency\":\"two\",\"period\":\"1\",\"periodUnit\":\"d\"}},\"doseAndRate\":"
  "[{\"doseQuantity\":{\"value\":\"x\"}}]}]}",
  "{\"resourceType\":\"MedicationStatement\",\"id\":\"s1\",\"status\":\"stopped\","
  "\"derivedFrom\":\"MedicationRequest/m1\",\"medicationReference\":{\"reference\":\"Medication/none\"}}",
  "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a1\",\"reaction\":{\"manifestation\":\"x\"},"
  "\"code\":{\"coding\":\"bad\"},\"criticality\":3,\"clinicalStatus\":\"active\"}",
  "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a2\",\"code\":{\"text\":\"Dust\"},"
  "\"reaction\":[\"junk\",{\"manifestation\":[{\"text\":\"Rash\"},7],\"severity\":\"weird\"}]}",
  "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Cough\"},\"category\":\"x\","
  "\"clinicalStatus\":\"active\",\"onsetDateTime\":\"2020-13-45\"}",
  "{\"resourceType\":\"Procedure\",\"id\":\"p1\",\"performedPeriod\":{\"start\":false}}",
  "{\"resourceType\":\"FamilyMemberHistory\",\"id\":\"f1\",\"relationship\":\"aunt\","
  "\"condition\":[\"x\",{\"code\":{\"text\":\"Asthma\"},\"onsetAge\":{\"value\":\"old\"}}]}",
  "{\"resourceType\":\"Immunization\",\"id\":\"i1\",\"vaccineCode\":{\"text\":\"Odd vaccine\"},"
  "\"protocolApplied\":[{\"doseNumberPositiveInt\":\"two\"}],\"primarySource\":\"no\","
  "\"location\":{\"reference\":\"Location/nowhere\"},\"performer\":\"x\"}",
  "{\"resourceType\":\"ImmunizationRecommendation\",\"id\":\"r1\",\"recommendation\":["
  "{\"vaccineCode\":[{\"text\":\"Odd shot\"}],\"dateCriterion\":[{\"value\":20},\"x\"]},"
  "{\"vaccineCode\":\"x\"},\"junk\"]}",
  "{\"resourceType\":\"CarePlan\",\"id\":\"cp1\",\"title\":\"Odd plan\",\"status\":\"active\","
  "\"period\":{\"start\":\"not a date\"},\"activity\":[{\"detail\":{\"description\":\"Walk\","
  "\"scheduledString\":\"Due soon\",\"scheduledTiming\":{\"event\":[3]}}},\"junk\",{\"detail\":\"x\"}]}",
  "{\"resourceType\":\"Goal\",\"id\":\"g1\",\"description\":{\"text\":\"Odd goal\"},"
  "\"lifecycleStatus\":7,\"target\":[{\"measure\":{\"coding\":[{\"code\":\"4548-4\"}]},"
  "\"detailQuantity\":{\"value\":\"seven\",\"comparator\":5}}]}",
  "{\"resourceType\":\"CareTeam\",\"id\":\"t1\",\"name\":\"Odd team\",\"participant\":["
  "{\"member\":{\"display\":\"Dr. X\"},\"role\":\"boss\"},\"junk\",{},"
  "{\"member\":{\"reference\":\"Practitioner/gone\",\"display\":\"Dr. Y\"},\"role\":[{\"text\":\"GP\"}]}]}",
};

static const char *odd_types[] = {
  "MedicationRequest", "MedicationStatement", "AllergyIntolerance", "Condition", "Procedure",
  "FamilyMemberHistory", "Immunization", "ImmunizationRecommendation", "CarePlan", "Goal", "CareTeam",
};

static void
show_odd (GtkWidget      *view,
          CareRecordList *list,
          const char     *title)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (list, title);
  g_assert_cmpint (get_state (list), ==, CARE_VIEW_STATE_CONTENT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_input (void)
{
  g_autoptr(CareContext) context = care_context_new (FALSE);
  g_autoptr(CarePerson) person = care_person_new ("test:odd", "Ana Test", "1980-01-01",
                                                  CARE_RELATIONSHIP_SELF);
  g_autofree char *path = g_build_filename (family.dir, "odd.sqlite", NULL);
  g_autoptr(CareRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  {
    g_autoptr(CareCache) cache = care_cache_open (path, &error);
    g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (odd_resources); i++)
      {
        g_autoptr(JsonObject) resource = care_fhir_parse_resource (odd_resources[i], -1, &error);

        g_assert_no_error (error);
        g_ptr_array_add (page, care_fhir_record_new (resource));
      }
    g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (odd_types); i++)
      {
        CareTypeState state = { (char *)odd_types[i], CARE_TYPE_STATUS_OK, NULL, NULL, 1, 1, NULL };

        g_assert_true (care_cache_set_type_state (cache, &state, &error));
        g_assert_no_error (error);
      }
  }

  record = care_record_new (person, NULL, path);
  g_assert_null (care_record_get_cache_error (record));
  care_context_add_person (context, person);
  care_context_add_record (context, record);
  care_context_set_person (context, person);

  view = care_medications_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Weird pill");
  view = care_medications_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view),
            "Unnamed medication");
  view = care_allergies_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Dust");
  view = care_issues_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Cough");
  view = care_issues_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Relative");
  view = care_immunizations_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Odd shot");
  view = care_immunizations_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view),
            "Odd vaccine");
  view = care_plan_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Odd goal");
  view = care_plan_view_new (G_OBJECT (context));
  show_odd (view, CARE_RECORD_LIST (view), "Dr. Y");
}

static JsonObject *
find_outbox (CareRecord *record,
             const char *type)
{
  g_autoptr(GPtrArray) items = care_cache_outbox_list (care_record_get_cache (record), FALSE);

  for (guint i = items->len; i > 0; i--)
    {
      CareOutboxItem *item = g_ptr_array_index (items, i - 1);

      if (g_str_equal (item->type, type))
        return care_fhir_parse_resource (item->json, -1, NULL);
    }
  return NULL;
}

static gboolean
outbox_busy (CareRecord *record)
{
  g_autoptr(GPtrArray) items = care_cache_outbox_list (care_record_get_cache (record), TRUE);

  return items->len > 0;
}

static void
wait_until_sent (CareRecord *record)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, deadline_cb, &timed_out);

  while (!timed_out && outbox_busy (record))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (outbox_busy (record));
}

static void
on_populate_cb (CareRecordList *list,
                guint          *count)
{
  (*count)++;
}

static void
test_follows_generation (void)
{
  Shown shown;
  GtkWidget *view = care_plan_view_new (G_OBJECT (family.context));
  gboolean timed_out = FALSE;
  guint count = 0;
  guint id;

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  g_signal_connect (shown.list, "populated", G_CALLBACK (on_populate_cb), &count);

  /* A sync that changed data moves the generation on: the list asks again. */
  care_record_changed (care_record_view_get_record (CARE_RECORD_VIEW (shown.list)));
  id = g_timeout_add_seconds (20, deadline_cb, &timed_out);
  while (!timed_out && count == 0)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (has_title (shown.list, "Diabetes and blood pressure care plan"));
  shown_clear (&shown);
}

/* The widget under @widget titled @title: an AdwPreferencesRow, or a
 * button whose tooltip says it. */
static GtkWidget *
find_titled (GtkWidget  *widget,
             const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if ((ADW_IS_PREFERENCES_ROW (child) &&
           g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0) ||
          (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), title) == 0))
        return child;
      if ((found = find_titled (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
reload_and_wait (Shown *shown)
{
  gboolean timed_out = FALSE;
  guint count = 0;
  gulong handler = g_signal_connect (shown->list, "populated", G_CALLBACK (on_populate_cb), &count);
  guint id;

  care_record_changed (care_record_view_get_record (CARE_RECORD_VIEW (shown->list)));
  id = g_timeout_add_seconds (20, deadline_cb, &timed_out);
  while (!timed_out && count == 0)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_signal_handler_disconnect (shown->list, handler);
  g_assert_cmpuint (count, ==, 1);
}

/* A sync that changes the record rebuilds the list's rows; the keyboard
 * focus on one of them (or on a button of the list) stays on what stands
 * in its place, instead of going back to the top of the window. */
static void
test_focus_survives_reload (void)
{
  Shown shown;
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  GtkWidget *row;
  GtkWidget *focus;
  GtkWidget *button;

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));

  /* On a conversation (an expander: its own row takes the focus). */
  row = find_titled (view, "Empagliflozin refill");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD));
  reload_and_wait (&shown);
  focus = gtk_root_get_focus (GTK_ROOT (shown.window));
  row = find_titled (view, "Empagliflozin refill");
  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));

  /* On "New Message", in the list's header. */
  button = find_titled (view, "New Message");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  reload_and_wait (&shown);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (shown.window)) == find_titled (view, "New Message"));
  shown_clear (&shown);
}

static GtkWidget *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return window;
    }
  return NULL;
}

static void
test_outbox (void)
{
  Shown shown;
  GtkWidget *view = care_allergies_view_new (G_OBJECT (family.context));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) allergy = NULL;
  g_autoptr(JsonObject) statement = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *read_scope = NULL;
  g_autofree char *patient = NULL;
  CareConnection *connection;
  CareRecord *record;
  GtkWidget *dialog;

  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  record = care_record_view_get_record (CARE_RECORD_VIEW (shown.list));
  connection = care_record_get_connection (record);
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (connection));

  /* Where the grant is read-only, the portal cannot take writes from
   * Carebook: "Add an Allergy" explains where to go instead. */
  scope = g_strjoinv (" ", (char **)care_connection_get_scopes (connection));
  {
    g_auto(GStrv) tokens = g_strsplit (scope, " ", -1);
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) kept = NULL;

    for (guint i = 0; tokens[i] != NULL; i++)
      if (!g_str_has_suffix (tokens[i], ".c"))
        g_strv_builder_add (builder, tokens[i]);
    kept = g_strv_builder_end (builder);
    read_scope = g_strjoinv (" ", kept);
  }
  care_connection_set_scope (connection, read_scope);
  g_assert_false (care_record_list_can_write (shown.list, "AllergyIntolerance"));
  g_assert_true (gtk_widget_activate_action (view, "allergies.add", NULL));
  dialog = find_dialog ("Tell Your Clinic in Your Portal");
  g_assert_nonnull (dialog);
  g_assert_null (find_dialog ("Add an Allergy"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (care_allergies_view_add_allergy (CARE_ALLERGIES_VIEW (view), "Latex", NULL, NULL, &error));
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_null (find_outbox (record, "AllergyIntolerance"));

  /* The demo grants what Carebook asks for, patient-reported creates
   * among it, and the portal's CapabilityStatement allows them. */
  care_connection_set_scope (connection, scope);
  g_assert_nonnull (strstr (scope, "patient/AllergyIntolerance.c"));
  g_assert_true (care_record_list_can_write (shown.list, "AllergyIntolerance"));
  g_assert_true (gtk_widget_activate_action (view, "allergies.add", NULL));
  dialog = find_dialog ("Add an Allergy");
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (care_allergies_view_add_allergy (CARE_ALLERGIES_VIEW (view), "Latex", "Rash", "mild", &error));
  g_assert_no_error (error);
  allergy = find_outbox (record, "AllergyIntolerance");
  g_assert_nonnull (allergy);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (allergy, "code"), "text"), ==, "Latex");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_first_coding (care_fhir_get_object (allergy,
                                                                                            "verificationStatus")),
                                         "code"), ==, "unconfirmed");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (allergy, "patient"), "reference"), ==, patient);
  g_assert_nonnull (care_fhir_get_string (care_fhir_get_object (allergy, "recorder"), "reference"));
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (allergy, "reaction", 0), "severity"), ==,
                   "mild");
  /* Until the portal holds it, the list shows it: waiting, then sent
   * (and synced back) or refused, and a toast says which. */
  wait_for (shown.list, "Latex");
  wait_until_sent (record);
  wait_for (shown.list, "Latex");
  g_assert_nonnull (care_record_view_get_last_toast (CARE_RECORD_VIEW (shown.list)));

  /* "I no longer take this" queues a stopped MedicationStatement. */
  shown_clear (&shown);
  view = care_medications_view_new (G_OBJECT (family.context));
  show (&shown, "demo:adult", view, CARE_RECORD_LIST (view));
  /* The questions name the medication they are about. */
  g_assert_true (gtk_widget_activate_action (view, "medications.stop", "s", "adult-atorvastatin"));
  dialog = find_dialog ("No Longer Taking Atorvastatin 20 MG Oral Tablet?");
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (view, "medications.renew", "s", "adult-atorvastatin"));
  dialog = find_dialog ("Request a Renewal of Atorvastatin 20 MG Oral Tablet");
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (care_medications_view_report_stopped (CARE_MEDICATIONS_VIEW (view), "adult-atorvastatin",
                                                       &error));
  g_assert_no_error (error);
  statement = find_outbox (record, "MedicationStatement");
  g_assert_nonnull (statement);
  g_assert_cmpstr (care_fhir_get_string (statement, "status"), ==, "stopped");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (statement, "derivedFrom", 0), "reference"),
                   ==, "MedicationRequest/adult-atorvastatin");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (statement, "subject"), "reference"), ==, patient);
  g_assert_nonnull (care_fhir_get_string (statement, "dateAsserted"));
  g_assert_nonnull (care_fhir_get_object (statement, "medicationReference"));
  wait_for (shown.list, "Atorvastatin 20 MG Oral Tablet");

  care_connection_set_scope (connection, scope);
  shown_clear (&shown);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* One synced family for every case: syncing it is the slow part. */
  care_test_family_setup (&family);

  g_test_add_func ("/care/ui/record-lists/adult-medications", test_adult_medications);
  g_test_add_func ("/care/ui/record-lists/adult-allergies-issues", test_adult_allergies_and_issues);
  g_test_add_func ("/care/ui/record-lists/teen-withheld", test_teen_withheld);
  g_test_add_func ("/care/ui/record-lists/child-immunizations", test_child_immunizations);
  g_test_add_func ("/care/ui/record-lists/adult-plan", test_adult_plan);
  g_test_add_func ("/care/ui/record-lists/adult-appointments", test_adult_appointments);
  g_test_add_func ("/care/ui/record-lists/adult-messages", test_adult_messages);
  g_test_add_func ("/care/ui/record-lists/adult-billing", test_adult_billing);
  g_test_add_func ("/care/ui/record-lists/child-sharing", test_child_sharing);
  g_test_add_func ("/care/ui/record-lists/teen-messages-withheld", test_teen_messages_withheld);
  g_test_add_func ("/care/ui/record-lists/follows-generation", test_follows_generation);
  g_test_add_func ("/care/ui/record-lists/focus-survives-reload", test_focus_survives_reload);
  g_test_add_func ("/care/ui/record-lists/damaged-cache", test_damaged_cache);
  g_test_add_func ("/care/ui/record-lists/bad-input", test_bad_input);
  g_test_add_func ("/care/ui/record-lists/outbox", test_outbox);

  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
