/* test-questionnaires.c — answering the demo family's questionnaires in the app
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "care-fhir.h"
#include "care-questionnaire-assignments.h"
#include "care-questionnaire-picker.h"
#include "care-questionnaires-view.h"
#include "care-value-set.h"

#include "care-test-family.h"

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  guint poll = g_timeout_add (10, poll_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

typedef struct
{
  gboolean        done;
  CareSyncReport *report;
} SyncWait;

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->report = care_record_sync_finish (CARE_RECORD (source), result, NULL);
  wait->done = TRUE;
}

static void
sync_record (CareRecord *record)
{
  SyncWait wait = { 0 };
  guint poll = g_timeout_add (20, poll_cb, NULL);

  care_record_sync_async (record, CARE_SYNC_DEFAULT, NULL, synced_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  g_clear_pointer (&wait.report, care_sync_report_free);
}

static void
tick (CareQuestionnaireRenderer *renderer,
      const char                *link_id,
      guint                      option)
{
  GtkWidget *check = care_questionnaire_renderer_get_field (renderer, link_id, option);

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

/* The PHQ-9, filled in with the widgets, submitted, scored; then done. */
static void
test_phq9 (void)
{
  static const char *items[] = { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
                                 "44252-5", "44253-3", "44260-8" };
  CareTestFamily family = { 0 };
  CareQuestionnaireRenderer *renderer;
  CareQuestionnaireForm *form;
  CareRecord *record;
  GtkWidget *window;
  GtkWidget *view;
  guint n_todo, n_done;
  double score = -1;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");

  window = gtk_window_new ();
  view = care_questionnaires_view_new (G_OBJECT (family.context));
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);

  /* Maria has four to answer and one she answered. */
  n_todo = care_questionnaires_view_get_n_rows (CARE_QUESTIONNAIRES_VIEW (view), FALSE);
  n_done = care_questionnaires_view_get_n_rows (CARE_QUESTIONNAIRES_VIEW (view), TRUE);
  g_assert_cmpuint (n_todo, ==, 4);
  g_assert_cmpuint (n_done, ==, 1);

  g_assert_true (care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (view), "task:adult-phq9"));
  renderer = care_questionnaires_view_get_renderer (CARE_QUESTIONNAIRES_VIEW (view));
  g_assert_nonnull (renderer);
  form = care_questionnaire_renderer_get_form (renderer);

  /* Submitting nothing: refused, with a message next to the first item. */
  care_questionnaires_view_submit (CARE_QUESTIONNAIRES_VIEW (view));
  g_assert_null (care_questionnaires_view_get_result (CARE_QUESTIONNAIRES_VIEW (view)));
  g_assert_cmpstr (care_questionnaire_form_find (form, "44250-9")->message, ==, "This question needs an answer.");
  g_assert_true (gtk_widget_has_css_class (care_questionnaire_renderer_get_field (renderer, "44250-9", 0), "error"));

  /* "Not at all" everywhere: no problems, and the follow-up stays hidden. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    tick (renderer, items[i], 0);
  g_assert_false (gtk_widget_get_visible (care_questionnaire_renderer_get_row (renderer, "difficulty")));
  g_assert_true (care_questionnaire_form_get_score (form, &score, NULL));
  g_assert_cmpfloat (score, ==, 0);
  /* Some days, some more: the follow-up shows, live. */
  tick (renderer, "44250-9", 1);
  tick (renderer, "44259-0", 3);
  tick (renderer, "44254-1", 2);
  g_assert_true (gtk_widget_get_visible (care_questionnaire_renderer_get_row (renderer, "difficulty")));
  tick (renderer, "difficulty", 1);
  g_assert_false (gtk_widget_has_css_class (care_questionnaire_renderer_get_field (renderer, "44250-9", 0), "error"));

  care_questionnaires_view_submit (CARE_QUESTIONNAIRES_VIEW (view));
  g_assert_cmpstr (care_questionnaires_view_get_result (CARE_QUESTIONNAIRES_VIEW (view)), ==,
                   "Your answers were sent. Your score is 6.");

  /* Sent through the outbox; the portal completes the Task. */
  spin (200);
  sync_record (record);
  spin (50);
  {
    g_autoptr(GPtrArray) assignments = care_questionnaire_list_assignments (care_record_get_cache (record), NULL);
    CareQuestionnaireAssignment *assignment = care_questionnaire_find_assignment (assignments, "task:adult-phq9");
    g_autoptr(JsonObject) response = NULL;
    g_autoptr(CareQuestionnaire) phq9 = NULL;
    g_autoptr(CareQuestionnaireForm) sent = NULL;

    g_assert_nonnull (assignment);
    g_assert_cmpint (assignment->state, ==, CARE_ASSIGNMENT_DONE);
    response = care_questionnaire_load_response (care_record_get_cache (record), assignment);
    g_assert_nonnull (response);
    phq9 = care_questionnaire_load (care_record_get_cache (record), "phq-9", NULL);
    sent = care_questionnaire_form_new (phq9);
    g_assert_true (care_questionnaire_form_load_response (sent, response, TRUE, NULL));
    g_assert_true (care_questionnaire_form_get_score (sent, &score, NULL));
    g_assert_cmpfloat (score, ==, 6);
  }

  /* Opened again, it is read-only, with its answers. */
  g_assert_true (care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (view), "task:adult-phq9"));
  renderer = care_questionnaires_view_get_renderer (CARE_QUESTIONNAIRES_VIEW (view));
  g_assert_true (GTK_IS_LABEL (care_questionnaire_renderer_get_field (renderer, "44259-0", 0)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (care_questionnaire_renderer_get_field (renderer, "44259-0", 0))),
                   ==, "Nearly every day");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

/* A draft kept as you answer, found again by a new window. */
static void
test_draft_and_conditions (void)
{
  CareTestFamily family = { 0 };
  CareQuestionnaireRenderer *renderer;
  GtkWidget *window;
  GtkWidget *view;
  GtkWidget *packs;
  GtkWidget *language;

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");

  window = gtk_window_new ();
  view = care_questionnaires_view_new (G_OBJECT (family.context));
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);

  g_assert_true (care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (view), "task:adult-history"));
  renderer = care_questionnaires_view_get_renderer (CARE_QUESTIONNAIRES_VIEW (view));
  /* The languages, named by URL, as the portal expanded them in the sync. */
  language = care_questionnaire_renderer_get_field (renderer, "visit-language", 0);
  g_assert_true (GTK_IS_DROP_DOWN (language));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (language))), ==, 11);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (language), 2);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (g_ptr_array_index (care_questionnaire_form_find (
                     care_questionnaire_renderer_get_form (renderer), "visit-language")->answers, 0), "valueCoding"),
                                         "code"), ==, "es");
  g_assert_false (gtk_widget_get_visible (care_questionnaire_renderer_get_row (renderer, "packs")));
  tick (renderer, "smoker", 0);
  g_assert_true (gtk_widget_get_visible (care_questionnaire_renderer_get_row (renderer, "packs")));
  packs = care_questionnaire_renderer_get_field (renderer, "packs", 0);
  gtk_editable_set_text (GTK_EDITABLE (packs), "0,5");
  g_assert_cmpuint (care_questionnaire_form_find (care_questionnaire_renderer_get_form (renderer), "packs")->answers->len,
                    ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (care_questionnaire_renderer_get_field (renderer, "pain", 0)), "12");
  g_assert_cmpuint (care_questionnaire_renderer_show_problems (renderer), >, 0);
  g_assert_true (gtk_widget_has_css_class (care_questionnaire_renderer_get_field (renderer, "pain", 0), "error"));
  gtk_editable_set_text (GTK_EDITABLE (care_questionnaire_renderer_get_field (renderer, "pain", 0)), "2");
  /* A time and a date are picked, not typed; shown as the language writes
   * them (English: 12 hours), answered as FHIR writes them. */
  {
    GtkWidget *time_field = care_questionnaire_renderer_get_field (renderer, "preferred-time", 0);
    GtkWidget *day_field = care_questionnaire_renderer_get_field (renderer, "smoking-since", 0);
    g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 11, 2, 19, 30, 0);
    CareQuestionnaireNode *node;

    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (time_field)));
    g_assert_true (care_questionnaire_picker_pick (time_field, evening));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_field)), ==, "7:30 PM");
    node = care_questionnaire_form_find (care_questionnaire_renderer_get_form (renderer), "preferred-time");
    g_assert_cmpuint (node->answers->len, ==, 1);
    g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (node->answers, 0), "valueTime"), ==, "19:30:00");
    g_assert_true (care_questionnaire_picker_pick (day_field, evening));
    node = care_questionnaire_form_find (care_questionnaire_renderer_get_form (renderer), "smoking-since");
    g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (node->answers, 0), "valueDate"), ==, "2026-11-02");
  }
  spin (500);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);

  /* "Restart": a new window, the same cache. */
  window = gtk_window_new ();
  view = care_questionnaires_view_new (G_OBJECT (family.context));
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);
  g_assert_true (care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (view), "task:adult-history"));
  renderer = care_questionnaires_view_get_renderer (CARE_QUESTIONNAIRES_VIEW (view));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (care_questionnaire_renderer_get_field (renderer,
                                                                                                       "smoker", 0))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (care_questionnaire_renderer_get_field (renderer, "packs", 0))),
                   ==, "0.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (care_questionnaire_renderer_get_field (renderer, "pain", 0))),
                   ==, "2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (care_questionnaire_renderer_get_field (renderer,
                                                                                              "preferred-time", 0))),
                   ==, "7:30 PM");
  /* "No" hides the packs, and clears them. */
  tick (renderer, "smoker", 1);
  g_assert_false (gtk_widget_get_visible (care_questionnaire_renderer_get_row (renderer, "packs")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (care_questionnaire_renderer_get_field (renderer, "packs", 0))),
                   ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

/* Answers named by a URL the portal never expanded (offline since the
 * form came): the choice says why in its place, the open choice takes
 * words under the reason, and a required one is still required. */
static void
test_value_set_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-ui-value-set-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autoptr(CareCache) cache = care_cache_open (path, &error);
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (
    "{\"resourceType\":\"Questionnaire\",\"id\":\"q\",\"status\":\"active\",\"item\":["
    "{\"linkId\":\"language\",\"text\":\"Language\",\"type\":\"choice\",\"required\":true,"
    "\"answerValueSet\":\"http://example.org/ValueSet/languages\"},"
    "{\"linkId\":\"other\",\"text\":\"Other language\",\"type\":\"open-choice\","
    "\"answerValueSet\":\"http://example.org/ValueSet/languages\"}]}", -1, &error);
  g_autoptr(CareQuestionnaire) questionnaire = care_questionnaire_new (resource, &error);
  g_autoptr(CareQuestionnaireForm) form = NULL;
  g_autofree char *expected = care_value_set_problem_dup_text (CARE_VALUE_SET_NOT_FETCHED, 0);
  CareQuestionnaireRenderer *renderer;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *reason;
  GtkWidget *other;

  g_assert_no_error (error);
  care_questionnaire_use_cached_value_sets (questionnaire, cache);
  form = care_questionnaire_form_new (questionnaire);
  renderer = CARE_QUESTIONNAIRE_RENDERER (care_questionnaire_renderer_new (form, FALSE));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (renderer));
  gtk_window_present (GTK_WINDOW (window));

  reason = care_questionnaire_renderer_get_field (renderer, "language", 0);
  g_assert_true (GTK_IS_LABEL (reason));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (reason)), ==, expected);
  g_assert_true (gtk_widget_has_css_class (reason, "warning"));
  other = care_questionnaire_renderer_get_field (renderer, "other", 0);
  g_assert_true (GTK_IS_EDITABLE (other));
  gtk_editable_set_text (GTK_EDITABLE (other), "Basque");
  g_assert_cmpuint (care_questionnaire_form_find (form, "other")->answers->len, ==, 1);
  g_assert_cmpuint (care_questionnaire_renderer_show_problems (renderer), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&cache);
  care_test_remove_flat_dir (dir);
}

/* The subtitle of the row titled @title in @root's tree, or NULL. */
static const char *
find_subtitle (GtkWidget  *root,
               const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_subtitle (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Past its due date a questionnaire says it is overdue, begun or not; one
 * still to come says when it is due. */
static void
test_overdue (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) history = NULL;
  g_autoptr(CareQuestionnaireForm) form = NULL;
  CareCache *cache;
  GtkWidget *window;
  GtkWidget *view;
  GDate later;

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");
  cache = care_record_get_cache (care_context_get_record (family.context));
  /* The health history begun; then a week later. */
  history = care_questionnaire_load (cache, "pre-visit-history", &error);
  g_assert_no_error (error);
  form = care_questionnaire_form_new (history);
  g_assert_true (care_questionnaire_save_draft (cache, "task:adult-history", form, &error));
  g_assert_no_error (error);
  care_context_get_today (family.context, &later);
  g_date_add_days (&later, 7);
  care_context_set_today (family.context, &later);

  window = gtk_window_new ();
  view = care_questionnaires_view_new (G_OBJECT (family.context));
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);
  g_assert_cmpstr (find_subtitle (view, "Before your visit: health history"), ==,
                   "Started, overdue since Nov 27, 2026");
  g_assert_cmpstr (find_subtitle (view, "Anxiety screening (GAD-7)"), ==, "Overdue since Nov 29, 2026");
  g_assert_cmpstr (find_subtitle (view, "Financial assistance application"), ==, "Due Dec 14, 2026");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/questionnaires/phq-9", test_phq9);
  g_test_add_func ("/questionnaires/draft-and-conditions", test_draft_and_conditions);
  g_test_add_func ("/questionnaires/value-set-unavailable", test_value_set_unavailable);
  g_test_add_func ("/questionnaires/overdue", test_overdue);

  return g_test_run ();
}
