/* care-questionnaires-view.c — questionnaires the clinic asked for, and answering them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages. The list: what is to answer (soonest due first: due, started
 * with a draft, waiting in the outbox, refused) and what was answered.
 * The form: the questionnaire rendered by CareQuestionnaireRenderer, its
 * answers kept as a draft at every change (they survive a restart), with
 * Submit, which checks them, shows what is wrong next to each item, and
 * queues the response in the outbox (sent at once when online, later
 * otherwise); the score, where the questionnaire has one, is shown after.
 * An answered questionnaire opens read-only with its answers.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-context.h"
#include "care-fhir.h"
#include "care-questionnaire-assignments.h"
#include "care-questionnaires-view.h"
#include "care-record.h"
#include "care-time.h"

struct _CareQuestionnairesView
{
  CareRecordView               parent_instance;

  /* The record on screen when the list was read or the form opened. */
  CareRecord                  *record;

  GtkWidget                   *stack;
  GtkWidget                   *empty;
  GtkWidget                   *todo_group;
  GtkWidget                   *todo_list;
  GtkWidget                   *done_group;
  GtkWidget                   *done_list;
  GtkWidget                   *form_title;
  GtkWidget                   *form_details;
  GtkWidget                   *form_bin;
  GtkWidget                   *form_status;
  GtkWidget                   *submit;
  GtkWidget                   *result;

  GPtrArray                   *assignments;
  CareQuestionnaireAssignment *open;
  CareQuestionnaireForm       *form;
  gulong                       form_changed_id;
  guint                        save_id;
  char                        *result_text;
};

static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareQuestionnairesView, care_questionnaires_view, CARE_TYPE_RECORD_VIEW,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE, section_page_iface_init))

static CareSectionPageInterface *parent_section_page_iface;

/* Where @assignment is, in words; past its due date (the context's today)
 * it says it is overdue, started or not. */
static char *
dup_due_text (CareQuestionnairesView            *self,
              const CareQuestionnaireAssignment *assignment)
{
  g_autoptr(GDateTime) due = assignment->due != NULL ? care_fhir_dup_date_time (assignment->due) : NULL;
  g_autofree char *day = due != NULL ? care_time_format_day (due) : NULL;
  gboolean overdue;
  GDate today;

  care_context_get_today (care_record_view_get_context (CARE_RECORD_VIEW (self)), &today);
  overdue = day != NULL && care_questionnaire_assignment_is_overdue (assignment, &today);
  switch (assignment->state)
    {
    case CARE_ASSIGNMENT_STARTED:
      if (overdue)
        /* Translators: a questionnaire begun and not sent; %s is the date it was due */
        return g_strdup_printf (_("Started, overdue since %s"), day);
      /* Translators: a questionnaire begun and not sent; %s is its due date */
      return day != NULL ? g_strdup_printf (_("Started, due %s"), day) : g_strdup (_("Started"));
    case CARE_ASSIGNMENT_WAITING:
      return g_strdup (_("Waiting to be sent"));
    case CARE_ASSIGNMENT_REFUSED:
      /* Translators: %s is the health system's reason */
      return g_strdup_printf (_("Not accepted: %s"), assignment->message != NULL ? assignment->message : "");
    case CARE_ASSIGNMENT_DONE:
      {
        g_autoptr(GDateTime) when = assignment->assigned != NULL ? care_fhir_dup_date_time (assignment->assigned)
                                                                 : NULL;
        g_autofree char *text = when != NULL ? care_time_format_day (when) : NULL;

        /* Translators: %s is a date */
        return text != NULL ? g_strdup_printf (_("Answered, asked for on %s"), text) : g_strdup (_("Answered"));
      }
    case CARE_ASSIGNMENT_DUE:
    default:
      if (overdue)
        /* Translators: %s is a date */
        return g_strdup_printf (_("Overdue since %s"), day);
      /* Translators: %s is a date */
      return day != NULL ? g_strdup_printf (_("Due %s"), day) : g_strdup (_("To answer"));
    }
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
reload (CareQuestionnairesView *self)
{
  CareCache *cache = self->record != NULL ? care_record_get_cache (self->record) : NULL;
  g_autoptr(GError) error = NULL;
  guint n_todo = 0, n_done = 0;

  clear_list (self->todo_list);
  clear_list (self->done_list);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  if (cache != NULL)
    self->assignments = care_questionnaire_list_assignments (cache, &error);
  if (error != NULL)
    g_debug ("Questionnaires not listed: %s", error->message);

  for (guint i = 0; self->assignments != NULL && i < self->assignments->len; i++)
    {
      CareQuestionnaireAssignment *assignment = g_ptr_array_index (self->assignments, i);
      gboolean done = assignment->state == CARE_ASSIGNMENT_DONE;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = dup_due_text (self, assignment);
      g_autofree char *spoken = g_strdup_printf ("%s, %s", assignment->title, subtitle);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), assignment->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_widget_set_name (row, assignment->id);
      gtk_list_box_append (GTK_LIST_BOX (done ? self->done_list : self->todo_list), row);
      if (done)
        n_done++;
      else
        n_todo++;
    }
  gtk_widget_set_visible (self->todo_group, n_todo > 0);
  gtk_widget_set_visible (self->done_group, n_done > 0);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "form") != 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n_todo + n_done > 0 ? "list" : "empty");
}

static gboolean
save_draft_cb (gpointer user_data)
{
  CareQuestionnairesView *self = user_data;
  CareCache *cache = self->record != NULL ? care_record_get_cache (self->record) : NULL;
  g_autoptr(GError) error = NULL;

  self->save_id = 0;
  if (cache == NULL || self->open == NULL || self->form == NULL)
    return G_SOURCE_REMOVE;
  if (care_questionnaire_save_draft (cache, self->open->id, self->form, &error))
    gtk_label_set_text (GTK_LABEL (self->form_status), _("Your answers are saved on this computer."));
  else
    gtk_label_set_text (GTK_LABEL (self->form_status), error->message);
  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (CareQuestionnaireForm  *form,
                 CareQuestionnairesView *self)
{
  /* Kept as you answer, a moment after the last change. */
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (300, save_draft_cb, self);
}

static void
close_form (CareQuestionnairesView *self)
{
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_draft_cb (self);
    }
  if (self->form != NULL)
    g_clear_signal_handler (&self->form_changed_id, self->form);
  g_clear_object (&self->form);
  self->open = NULL;
  adw_bin_set_child (ADW_BIN (self->form_bin), NULL);
}

static void
back_clicked_cb (CareQuestionnairesView *self)
{
  close_form (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  reload (self);
}

/**
 * care_questionnaires_view_open:
 * @self: a view
 * @id: an assignment's id ("task:adult-phq9")
 *
 * Shows the questionnaire to answer, with its draft; or, when answered,
 * its answers.
 *
 * Returns: %TRUE if it was found and could be shown
 */
gboolean
care_questionnaires_view_open (CareQuestionnairesView *self,
                               const char             *id)
{
  CareCache *cache = self->record != NULL ? care_record_get_cache (self->record) : NULL;
  CareQuestionnaireAssignment *assignment;
  g_autoptr(CareQuestionnaire) questionnaire = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  gboolean read_only;
  GtkWidget *renderer;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRES_VIEW (self), FALSE);

  /* Where it is now (sent since the list was read?) decides how it opens. */
  close_form (self);
  reload (self);
  assignment = cache != NULL && self->assignments != NULL
               ? care_questionnaire_find_assignment (self->assignments, id) : NULL;
  if (assignment == NULL)
    return FALSE;
  questionnaire = care_questionnaire_load (cache, assignment->questionnaire_id, &error);
  g_clear_pointer (&self->result_text, g_free);
  gtk_widget_set_visible (self->result, FALSE);
  if (questionnaire == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->form_title), assignment->title);
      gtk_label_set_text (GTK_LABEL (self->form_details), error->message);
      gtk_widget_set_visible (self->submit, FALSE);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
      return FALSE;
    }

  self->open = assignment;
  self->form = care_questionnaire_form_new (questionnaire);
  read_only = assignment->state == CARE_ASSIGNMENT_DONE || assignment->state == CARE_ASSIGNMENT_WAITING;
  if (read_only)
    {
      g_autoptr(JsonObject) response = care_questionnaire_load_response (cache, assignment);

      if (response != NULL)
        care_questionnaire_form_load_response (self->form, response, FALSE, NULL);
    }
  else
    care_questionnaire_restore_draft (cache, assignment->id, self->form);

  gtk_label_set_text (GTK_LABEL (self->form_title), assignment->title);
  details = dup_due_text (self, assignment);
  if (assignment->description != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", assignment->description, details);

      gtk_label_set_text (GTK_LABEL (self->form_details), both);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->form_details), details);
  gtk_label_set_text (GTK_LABEL (self->form_status),
                      read_only ? _("These answers were sent to your health system.")
                                : _("Your answers are saved on this computer as you go."));
  renderer = care_questionnaire_renderer_new (self->form, read_only);
  adw_bin_set_child (ADW_BIN (self->form_bin), renderer);
  gtk_widget_set_visible (self->submit, !read_only);
  gtk_widget_set_visible (self->form_bin, TRUE);
  if (!read_only)
    self->form_changed_id = g_signal_connect (self->form, "changed", G_CALLBACK (form_changed_cb), self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
  gtk_widget_child_focus (renderer, GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
row_activated_cb (GtkListBox             *list,
                  GtkListBoxRow          *row,
                  CareQuestionnairesView *self)
{
  care_questionnaires_view_open (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/**
 * care_questionnaires_view_submit:
 * @self: a view with a form open
 *
 * What Submit does: checks the answers, showing what is wrong, or queues
 * them in the outbox and shows the score.
 */
void
care_questionnaires_view_submit (CareQuestionnairesView *self)
{
  CareQuestionnaireRenderer *renderer = care_questionnaires_view_get_renderer (self);
  CareOutbox *outbox = self->record != NULL ? care_record_get_outbox (self->record) : NULL;
  CareConnection *connection = self->record != NULL ? care_record_get_connection (self->record) : NULL;
  CareCache *cache = self->record != NULL ? care_record_get_cache (self->record) : NULL;
  const char *patient_id = connection != NULL ? care_connection_get_patient_id (connection) : NULL;
  const char *user = connection != NULL ? care_connection_get_fhir_user (connection) : NULL;
  g_autofree char *patient = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  double score;
  guint n;

  if (renderer == NULL || self->open == NULL)
    return;
  n = care_questionnaire_renderer_show_problems (renderer);
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u answer needs your attention.",
                                                            "%u answers need your attention.", n), n);

      gtk_label_set_text (GTK_LABEL (self->form_status), text);
      return;
    }
  if (outbox == NULL || patient_id == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->form_status),
                          _("This record cannot send anything to its health system now."));
      return;
    }
  patient = g_strconcat ("Patient/", patient_id, NULL);
  /* A parent answering for a child is the author; the child is the subject. */
  draft = care_questionnaire_response_draft_new (self->form, patient,
                                                 user != NULL && g_str_has_prefix (user, "RelatedPerson/") ? user : NULL,
                                                 now, &error);
  if (draft == NULL || care_outbox_queue_draft (outbox, draft, &error) == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->form_status), error->message);
      return;
    }
  care_outbox_send_async (outbox, NULL, NULL, NULL);
  if (cache != NULL)
    care_questionnaire_forget_draft (cache, self->open->id);
  g_clear_handle_id (&self->save_id, g_source_remove);

  if (care_questionnaire_form_get_score (self->form, &score, NULL))
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%g", score);
      /* Translators: shown after sending a questionnaire with a score; %s is the score */
      self->result_text = g_strdup_printf (_("Your answers were sent. Your score is %s."), number);
    }
  else
    self->result_text = g_strdup (_("Your answers were sent."));
  gtk_label_set_text (GTK_LABEL (self->result), self->result_text);
  care_record_view_show_toast (CARE_RECORD_VIEW (self), self->result_text);
  gtk_widget_set_visible (self->result, TRUE);
  gtk_widget_set_visible (self->submit, FALSE);
  gtk_widget_set_visible (self->form_bin, FALSE);
  gtk_label_set_text (GTK_LABEL (self->form_status),
                      _("If you are offline, they are sent as soon as you are back online."));
  g_clear_signal_handler (&self->form_changed_id, self->form);
  gtk_widget_grab_focus (self->result);
}

/* The record on screen changed (another person), or its data did. */
static void
populate (CareRecordView *view)
{
  CareQuestionnairesView *self = CARE_QUESTIONNAIRES_VIEW (view);
  CareRecord *record = care_record_view_get_record (view);
  gboolean form_open = g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "form") == 0;

  /* A sync while answering does not take the form away. */
  if (form_open && record == self->record)
    return;
  close_form (self);
  g_set_object (&self->record, record);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  reload (self);
}

static GtkWidget *
new_group (const char  *title,
           GtkWidget  **out_list,
           CareQuestionnairesView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  *out_list = list;
  return group;
}

static GtkWidget *
new_scrolled_page (GtkWidget *content)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
build (CareQuestionnairesView *self)
{
  GtkWidget *list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *form_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *intro = gtk_label_new (_("Your care team asks you to answer these. Your answers go to your "
                                      "health system, like a message."));

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  care_a11y_busy_in_transitions (GTK_STACK (self->stack));

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (list_box), intro);
  self->todo_group = new_group (_("To Answer"), &self->todo_list, self);
  self->done_group = new_group (_("Answered"), &self->done_list, self);
  gtk_box_append (GTK_BOX (list_box), self->todo_group);
  gtk_box_append (GTK_BOX (list_box), self->done_group);
  gtk_stack_add_named (GTK_STACK (self->stack), new_scrolled_page (list_box), "list");

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Questionnaires"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Forms your care team asks you to fill in before a visit will be listed here."));
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty, "empty");

  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to Questionnaires"), -1);
  gtk_widget_set_tooltip_text (back, _("Back to Questionnaires"));
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  self->form_title = g_object_new (GTK_TYPE_LABEL, "wrap", TRUE, "xalign", 0.0f,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_widget_add_css_class (self->form_title, "title-2");
  self->form_details = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->form_details), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->form_details), 0);
  gtk_widget_add_css_class (self->form_details, "dim-label");
  self->result = g_object_new (GTK_TYPE_LABEL, "wrap", TRUE, "xalign", 0.0f, "selectable", TRUE,
                               "visible", FALSE, NULL);
  gtk_widget_add_css_class (self->result, "title-3");
  self->form_bin = adw_bin_new ();
  gtk_box_append (GTK_BOX (form_box), self->form_title);
  gtk_box_append (GTK_BOX (form_box), self->form_details);
  gtk_box_append (GTK_BOX (form_box), self->result);
  gtk_box_append (GTK_BOX (form_box), self->form_bin);

  self->form_status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->form_status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->form_status), 0);
  gtk_widget_set_hexpand (self->form_status, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->form_status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Status"), -1);
  self->submit = gtk_button_new_with_mnemonic (_("_Submit"));
  gtk_widget_add_css_class (self->submit, "suggested-action");
  gtk_widget_set_valign (self->submit, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->submit, "clicked", G_CALLBACK (care_questionnaires_view_submit), self);
  gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), self->form_status);
  gtk_box_append (GTK_BOX (bar), self->submit);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  gtk_box_append (GTK_BOX (form_page), new_scrolled_page (form_box));
  gtk_box_append (GTK_BOX (form_page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (form_page), bar);
  gtk_stack_add_named (GTK_STACK (self->stack), form_page, "form");

  adw_bin_set_child (ADW_BIN (self), self->stack);
}


/* Home's "Questionnaires Due" opens one as "Questionnaire/<assignment id>";
 * other items are CareRecordView's. */
static gboolean
section_page_open_item (CareSectionPage *page,
                        const char      *type,
                        const char      *id)
{
  if (g_strcmp0 (type, "Questionnaire") == 0)
    return care_questionnaires_view_open (CARE_QUESTIONNAIRES_VIEW (page), id);
  return parent_section_page_iface->open_item (page, type, id);
}

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  parent_section_page_iface = g_type_interface_peek_parent (iface);
  iface->open_item = section_page_open_item;
}

static void
care_questionnaires_view_dispose (GObject *object)
{
  CareQuestionnairesView *self = CARE_QUESTIONNAIRES_VIEW (object);

  close_form (self);
  g_clear_object (&self->record);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->result_text, g_free);
  G_OBJECT_CLASS (care_questionnaires_view_parent_class)->dispose (object);
}

static void
care_questionnaires_view_class_init (CareQuestionnairesViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = care_questionnaires_view_dispose;
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
}

static void
care_questionnaires_view_init (CareQuestionnairesView *self)
{
  build (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

/**
 * care_questionnaires_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_questionnaires_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_QUESTIONNAIRES_VIEW, "context", context, NULL);
}

/**
 * care_questionnaires_view_get_n_rows:
 * @self: a view
 * @done: count the answered ones, else those to answer
 *
 * Returns: how many rows the list shows there
 */
guint
care_questionnaires_view_get_n_rows (CareQuestionnairesView *self,
                                     gboolean                done)
{
  guint n = 0;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRES_VIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (done ? self->done_list : self->todo_list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/**
 * care_questionnaires_view_get_renderer:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the open form's widgets
 */
CareQuestionnaireRenderer *
care_questionnaires_view_get_renderer (CareQuestionnairesView *self)
{
  GtkWidget *child;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRES_VIEW (self), NULL);

  child = adw_bin_get_child (ADW_BIN (self->form_bin));
  return child != NULL ? CARE_QUESTIONNAIRE_RENDERER (child) : NULL;
}

/**
 * care_questionnaires_view_get_result:
 * @self: a view
 *
 * Returns: (nullable): what the view said after the last submit (with the score)
 */
const char *
care_questionnaires_view_get_result (CareQuestionnairesView *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRES_VIEW (self), NULL);
  return self->result_text;
}
