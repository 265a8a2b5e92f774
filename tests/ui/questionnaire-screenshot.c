/* questionnaire-screenshot.c — a questionnaire being answered, for
 * data/screenshots/questionnaire*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   questionnaire-screenshot WIDTH HEIGHT [ASSIGNMENT [LINKID]]
 *
 * Signs the demo family in and shows the window on the Questionnaires
 * section; with ASSIGNMENT ("task:adult-history"), opens it with some
 * answers given (conditional questions shown, the date and time pickers
 * and the language the portal expanded answered, a repeating group, one
 * answer out of range), LINKID's question focused (the form scrolled to
 * it), until killed, for
 * `import -window root` under Xvfb. LANGUAGE=es and
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 */
#include "config.h"

#include "care-questionnaires-view.h"

#include "care-screenshot.h"

static void
answer (CareQuestionnaireForm *form,
        CareQuestionnaireNode *node,
        const char            *text)
{
  const char *texts[] = { text, NULL };

  care_questionnaire_form_set_text (form, node, texts, NULL);
}

static const char *focus_link_id;

static gboolean
focus_question_cb (gpointer user_data)
{
  CareQuestionnaireRenderer *renderer = care_questionnaires_view_get_renderer (CARE_QUESTIONNAIRES_VIEW (user_data));
  GtkWidget *field = care_questionnaire_renderer_get_field (renderer, focus_link_id, 0);

  if (field != NULL)
    gtk_widget_grab_focus (field);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareWindow *window;
  GtkWidget *view;

  care_screenshot_init ();
  if (argc < 3)
    return 2;
  focus_link_id = argc > 4 ? argv[4] : NULL;

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");

  window = care_screenshot_window (&family, argv[1], argv[2]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "questionnaires");
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  view = care_screenshot_find (GTK_WIDGET (window), CARE_TYPE_QUESTIONNAIRES_VIEW);
  if (argc > 3 && view != NULL &&
      care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (view), argv[3]))
    {
      CareQuestionnaireRenderer *renderer = care_questionnaires_view_get_renderer (CARE_QUESTIONNAIRES_VIEW (view));
      CareQuestionnaireForm *form = care_questionnaire_renderer_get_form (renderer);
      CareQuestionnaireNode *surgery;

      answer (form, care_questionnaire_form_find (form, "birth-country"), "MX");
      answer (form, care_questionnaire_form_find (form, "visit-language"), "es");
      answer (form, care_questionnaire_form_find (form, "weight"), "81.5");
      /* The date and time pickers, each with an answer. */
      answer (form, care_questionnaire_form_find (form, "symptoms-start"), "2026-11-28T07:30:00-08:00");
      answer (form, care_questionnaire_form_find (form, "preferred-time"), "17:30");
      answer (form, care_questionnaire_form_find (form, "smoker"), "yes");
      answer (form, care_questionnaire_form_find (form, "packs"), "0.5");
      answer (form, care_questionnaire_form_find (form, "smoking-since"), "2009-09-01");
      answer (form, care_questionnaire_form_find (form, "alcohol"), "weekly");
      answer (form, care_questionnaire_form_find (form, "surgeries"), "yes");
      surgery = care_questionnaire_form_find (form, "surgery");
      answer (form, g_ptr_array_index (surgery->children, 0), "Knee");
      answer (form, care_questionnaire_form_find (form, "pain"), "6");
      /* The renderer shows the answers given through the model when it is made. */
      care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (view), argv[3]);
      /* With LINKID, that question takes the focus: the form scrolls to it. */
      if (argc > 4)
        g_timeout_add_seconds (2, focus_question_cb, view);
    }
  care_screenshot_run ();
}
