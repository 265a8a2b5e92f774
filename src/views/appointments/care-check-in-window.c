/* care-check-in-window.c — an appointment's eCheck-in checklist
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page lists the steps the visit asks for, each done or to do; each
 * step opens a page of its own (an AdwLeaflet page, so a narrow window
 * shows one at a time): confirm personal details and insurance as the
 * record has them, review medicines and allergies, answer the visit
 * type's questionnaire with the questionnaire renderer, and the copay,
 * which Carebook cannot take yet, so it is paid at the clinic. Each step
 * done is an outbox item ($check-in; the answers a QuestionnaireResponse
 * the step waits for), so steps done offline wait there, survive a
 * restart and show done at once; answers being typed are kept as a draft
 * on this computer. When every step is done the visit is "Checked in".
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-check-in-window.h"

#include "care-a11y.h"
#include "care-cache-query.h"
#include "care-check-in.h"
#include "care-fhir.h"
#include "care-questionnaire-assignments.h"
#include "care-questionnaire-renderer.h"
#include "care-resource-item.h"
#include "care-time.h"

struct _CareCheckInWindow
{
  AdwWindow              parent_instance;

  CareRecord            *record;
  char                  *appointment_id;
  JsonObject            *appointment;
  CareCheckInStep        step;
  CareQuestionnaireForm *form;
  gulong                 form_changed_id;
  char                  *status;

  AdwLeaflet            *leaflet;
  GtkWidget             *heading;
  GtkWidget             *progress;
  GtkWidget             *steps_list;
  GtkWidget             *step_title;
  GtkWidget             *step_box;
  GtkWidget             *step_message;
  GtkWidget             *renderer;
};

G_DEFINE_FINAL_TYPE (CareCheckInWindow, care_check_in_window, ADW_TYPE_WINDOW)

static void fill_steps (CareCheckInWindow *self);

static CareCache *
cache_of (CareCheckInWindow *self)
{
  return care_record_get_cache (self->record);
}

static char *
draft_id (CareCheckInWindow *self)
{
  return g_strconcat ("check-in:", self->appointment_id, NULL);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
new_page (CareCheckInWindow *self,
          const char        *name,
          GtkWidget         *title,
          gboolean           back,
          GtkWidget        **out_content)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  if (back)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("go-previous-symbolic");

      gtk_widget_set_tooltip_text (button, _("Back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "check-in.back");
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);
    }
  gtk_box_append (GTK_BOX (page), header);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (page), scrolled);
  gtk_widget_set_size_request (page, 340, -1);
  gtk_widget_set_hexpand (page, TRUE);
  adw_leaflet_page_set_name (adw_leaflet_append (self->leaflet, page), name);
  *out_content = content;
  return page;
}

static GtkWidget *
new_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* A row saying one thing: its title, and what the record says. */
static void
add_fact (GtkWidget  *group,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && value[0] != '\0' ? value
                                                                                      : _("Not on file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  value != NULL && value[0] != '\0' ? value : _("Not on file"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
add_group (CareCheckInWindow *self,
           const char        *title,
           const char        *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->step_box), group);
  return group;
}

static char *
dup_address (JsonObject *patient)
{
  JsonObject *address = care_fhir_get_array_object (patient, "address", 0);
  JsonArray *lines = care_fhir_get_array (address, "line");
  g_autoptr(GString) text = g_string_new (NULL);

  if (care_fhir_get_string (address, "text") != NULL)
    return g_strdup (care_fhir_get_string (address, "text"));
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", json_array_get_string_element (lines, i));
  if (care_fhir_get_string (address, "city") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", care_fhir_get_string (address, "city"));
  if (care_fhir_get_string (address, "state") != NULL)
    g_string_append_printf (text, " %s", care_fhir_get_string (address, "state"));
  if (care_fhir_get_string (address, "postalCode") != NULL)
    g_string_append_printf (text, " %s", care_fhir_get_string (address, "postalCode"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
telecom (JsonObject *patient,
         const char *system)
{
  JsonArray *list = care_fhir_get_array (patient, "telecom");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *point = care_fhir_get_array_object (patient, "telecom", i);

      if (g_strcmp0 (care_fhir_get_string (point, "system"), system) == 0)
        return care_fhir_get_string (point, "value");
    }
  return NULL;
}

static void
show_details (CareCheckInWindow *self)
{
  CareConnection *connection = care_record_get_connection (self->record);
  const char *patient_id = connection != NULL ? care_connection_get_patient_id (connection) : NULL;
  g_autoptr(JsonObject) patient = patient_id != NULL ? care_cache_lookup (cache_of (self), "Patient", patient_id, NULL)
                                                     : NULL;
  g_autofree char *name = care_fhir_dup_display_name (care_fhir_get_array (patient, "name"));
  g_autofree char *born = care_time_format_fhir_day (care_fhir_get_string (patient, "birthDate"));
  g_autofree char *address = dup_address (patient);
  GtkWidget *group = add_group (self, _("As the Clinic Has Them"),
                                _("If something is wrong, tell the front desk when you arrive."));

  add_fact (group, _("Name"), name);
  add_fact (group, _("Date of birth"), born);
  add_fact (group, _("Address"), address);
  add_fact (group, _("Phone"), telecom (patient, "phone"));
  add_fact (group, _("Email"), telecom (patient, "email"));
}

/* The resources of @type in the cache, one fact each: a list to review. */
static guint
add_list (CareCheckInWindow *self,
          GtkWidget         *group,
          const char        *type,
          const char        *status)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GListModel) items = NULL;
  guint n = 0;

  if (status != NULL)
    care_cache_query_set_status (query, status);
  items = care_cache_query (cache_of (self), query, NULL);
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), care_resource_item_get_display_name (item));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  return n;
}

static void
show_insurance (CareCheckInWindow *self)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Coverage");
  g_autoptr(GListModel) items = care_cache_query (cache_of (self), query, NULL);
  GtkWidget *group = add_group (self, _("Your Insurance"),
                                _("Bring your insurance card. If it changed, tell the front desk."));
  guint n = 0;

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);
      g_autoptr(JsonObject) coverage = care_resource_item_dup_resource (item, NULL);
      JsonObject *payor = care_fhir_get_array_object (coverage, "payor", 0);
      JsonObject *plan = care_fhir_get_array_object (coverage, "class", 0);

      if (coverage == NULL || g_strcmp0 (care_fhir_get_string (coverage, "status"), "active") != 0)
        continue;
      add_fact (group, _("Insurer"), care_fhir_get_string (payor, "display"));
      add_fact (group, _("Plan"), care_fhir_get_string (plan, "name") ?: care_fhir_get_string (plan, "value"));
      add_fact (group, _("Member ID"), care_fhir_get_string (coverage, "subscriberId"));
      n++;
    }
  if (n == 0)
    add_fact (group, _("Insurer"), _("No insurance on file"));
}

static void
show_medications (CareCheckInWindow *self)
{
  GtkWidget *group = add_group (self, _("Medicines You Take"),
                                _("Tell the clinic at the visit about anything missing or that you stopped."));

  if (add_list (self, group, "MedicationRequest", "active") + add_list (self, group, "MedicationStatement", "active")
      == 0)
    add_fact (group, _("Medicines"), _("None on file"));
}

static void
show_allergies (CareCheckInWindow *self)
{
  GtkWidget *group = add_group (self, _("Your Allergies"),
                                _("Tell the clinic at the visit about anything missing."));

  if (add_list (self, group, "AllergyIntolerance", NULL) == 0)
    add_fact (group, _("Allergies"), _("None on file"));
}

static void
form_changed_cb (CareQuestionnaireForm *form,
                 CareCheckInWindow     *self)
{
  g_autofree char *id = draft_id (self);

  /* Kept on this computer only, until the answers are sent. */
  care_questionnaire_save_draft (cache_of (self), id, form, NULL);
}

static void
show_questionnaire (CareCheckInWindow *self)
{
  g_autofree char *questionnaire_id = care_check_in_dup_questionnaire (self->appointment);
  g_autoptr(CareQuestionnaire) questionnaire = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = draft_id (self);

  if (questionnaire_id != NULL)
    questionnaire = care_questionnaire_load (cache_of (self), questionnaire_id, &error);
  if (questionnaire == NULL)
    {
      gtk_box_append (GTK_BOX (self->step_box),
                      new_label (error != NULL ? error->message
                                               : _("The questions are not on this computer yet. Sync, then try again."),
                                 NULL));
      return;
    }
  self->form = care_questionnaire_form_new (questionnaire);
  care_questionnaire_restore_draft (cache_of (self), id, self->form);
  self->form_changed_id = g_signal_connect (self->form, "changed", G_CALLBACK (form_changed_cb), self);
  gtk_box_append (GTK_BOX (self->step_box),
                  new_label (_("Your answers are saved on this computer as you go."), "dim-label"));
  self->renderer = care_questionnaire_renderer_new (self->form, FALSE);
  gtk_box_append (GTK_BOX (self->step_box), self->renderer);
}

static void
show_copay (CareCheckInWindow *self)
{
  g_autofree char *copay = care_check_in_dup_copay (self->appointment);
  GtkWidget *group = add_group (self, _("Your Copay"), NULL);

  add_fact (group, _("Due for this visit"), copay);
  gtk_box_append (GTK_BOX (self->step_box),
                  new_label (_("Carebook cannot take payments yet. Pay at the front desk when you arrive."),
                             NULL));
}

static void
step_activated_cb (GtkListBox        *list,
                   GtkListBoxRow     *row,
                   CareCheckInWindow *self)
{
  care_check_in_window_open_step (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "step")));
}

static void
fill_steps (CareCheckInWindow *self)
{
  guint needed = 0;
  guint queued = care_check_in_queued_steps (cache_of (self), self->appointment_id);
  guint at_portal = care_appointment_check_in_steps (self->appointment, &needed);
  guint done = (at_portal | queued) & needed;
  guint n_needed = 0;
  guint n_done = 0;
  g_autofree char *title = care_appointment_dup_title (self->appointment);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->steps_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->steps_list), child);
  for (guint step = 0; step < CARE_CHECK_IN_N_STEPS; step++)
    {
      GtkWidget *row;
      const char *state;

      if (!(needed & (1u << step)))
        continue;
      n_needed++;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), care_check_in_step_title (step));
      if (at_portal & (1u << step))
        state = _("Done");
      else if (done & (1u << step))
        state = _("Done, waiting to be sent");
      else
        state = _("To do");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state, -1);
      if (done & (1u << step))
        {
          n_done++;
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("emblem-ok-symbolic"));
        }
      else
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      g_object_set_data (G_OBJECT (row), "step", GUINT_TO_POINTER (step));
      gtk_list_box_append (GTK_LIST_BOX (self->steps_list), row);
    }

  gtk_label_set_text (GTK_LABEL (self->heading), n_done == n_needed ? _("Checked In") : title);
  g_free (self->status);
  if (n_done < n_needed)
    /* Translators: eCheck-in progress: %1$u steps done of %2$u */
    self->status = g_strdup_printf (_("%1$u of %2$u steps done. You can stop and come back; "
                                      "what you did is kept."), n_done, n_needed);
  else if ((at_portal & needed) == needed)
    self->status = g_strdup (_("You are checked in. See you soon."));
  else
    self->status = g_strdup (_("You are checked in on this computer. The clinic is told as soon as you are "
                               "online."));
  gtk_label_set_text (GTK_LABEL (self->progress), self->status);
}

/* Re-reads the appointment (a sync may have brought the portal's steps). */
static gboolean
reload (CareCheckInWindow *self)
{
  JsonObject *appointment = care_cache_lookup (cache_of (self), "Appointment", self->appointment_id, NULL);

  if (appointment == NULL)
    return FALSE;
  g_clear_pointer (&self->appointment, json_object_unref);
  self->appointment = appointment;
  return TRUE;
}

static gboolean
queue_drafts (CareCheckInWindow *self,
              GPtrArray         *drafts)
{
  CareOutbox *outbox = care_record_get_outbox (self->record);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < drafts->len; i++)
    if (care_outbox_queue_draft (outbox, g_ptr_array_index (drafts, i), &error) == NULL)
      {
        gtk_label_set_text (GTK_LABEL (self->step_message), error->message);
        gtk_widget_set_visible (self->step_message, TRUE);
        return FALSE;
      }
  /* At once when online; otherwise they wait, and go with the next sync. */
  care_outbox_send_async (outbox, NULL, NULL, NULL);
  return TRUE;
}

static void
close_form (CareCheckInWindow *self)
{
  if (self->form != NULL)
    g_clear_signal_handler (&self->form_changed_id, self->form);
  g_clear_object (&self->form);
  self->renderer = NULL;
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CareCheckInWindow *self = CARE_CHECK_IN_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "steps");
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  care_check_in_window_confirm (CARE_CHECK_IN_WINDOW (widget));
}

static void
care_check_in_window_dispose (GObject *object)
{
  CareCheckInWindow *self = (CareCheckInWindow *)object;

  close_form (self);
  g_clear_object (&self->record);
  g_clear_pointer (&self->appointment_id, g_free);
  g_clear_pointer (&self->appointment, json_object_unref);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (care_check_in_window_parent_class)->dispose (object);
}

static void
care_check_in_window_class_init (CareCheckInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_check_in_window_dispose;
  gtk_widget_class_install_action (widget_class, "check-in.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "check-in.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
care_check_in_window_init (CareCheckInWindow *self)
{
  GtkWidget *content;
  GtkWidget *title;

  gtk_window_set_title (GTK_WINDOW (self), _("eCheck-in"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_leaflet_set_can_unfold (self->leaflet, FALSE);

  new_page (self, "steps", adw_window_title_new (_("eCheck-in"), NULL), FALSE, &content);
  self->heading = new_label (NULL, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (content), self->heading);
  self->progress = new_label (NULL, NULL);
  gtk_box_append (GTK_BOX (content), self->progress);
  self->steps_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->steps_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->steps_list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->steps_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("eCheck-in steps"), -1);
  g_signal_connect (self->steps_list, "row-activated", G_CALLBACK (step_activated_cb), self);
  gtk_box_append (GTK_BOX (content), self->steps_list);

  title = adw_window_title_new ("", NULL);
  self->step_title = title;
  new_page (self, "step", title, TRUE, &content);
  self->step_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (content), self->step_box);
  self->step_message = new_label (NULL, "error");
  gtk_widget_set_visible (self->step_message, FALSE);
  gtk_box_append (GTK_BOX (content), self->step_message);

  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->leaflet));
}

/**
 * care_check_in_window_new:
 * @parent: (nullable): the window
 * @record: the person's record
 * @appointment_id: the visit's id
 *
 * Returns: (transfer full) (nullable): the checklist, %NULL when the
 *   appointment is not in the offline copy
 */
CareCheckInWindow *
care_check_in_window_new (GtkWindow  *parent,
                          CareRecord *record,
                          const char *appointment_id)
{
  CareCheckInWindow *self;

  g_return_val_if_fail (CARE_IS_RECORD (record), NULL);
  g_return_val_if_fail (appointment_id != NULL, NULL);

  self = g_object_new (CARE_TYPE_CHECK_IN_WINDOW, "transient-for", parent, NULL);
  self->record = g_object_ref (record);
  self->appointment_id = g_strdup (appointment_id);
  if (care_record_get_cache (record) == NULL || !reload (self))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  fill_steps (self);
  return self;
}

/**
 * care_check_in_window_open_step:
 * @self: the checklist
 * @step: a step the visit asks for
 *
 * Shows the step's page: what to confirm or answer, and its button.
 */
void
care_check_in_window_open_step (CareCheckInWindow *self,
                                CareCheckInStep    step)
{
  GtkWidget *button;
  const char *label;

  g_return_if_fail (CARE_IS_CHECK_IN_WINDOW (self));
  g_return_if_fail (step < CARE_CHECK_IN_N_STEPS);

  close_form (self);
  clear_box (self->step_box);
  gtk_widget_set_visible (self->step_message, FALSE);
  self->step = step;
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->step_title), care_check_in_step_title (step));
  switch (step)
    {
    case CARE_CHECK_IN_DETAILS:
      show_details (self);
      label = _("_These Are Right");
      break;
    case CARE_CHECK_IN_INSURANCE:
      show_insurance (self);
      label = _("_This Is Right");
      break;
    case CARE_CHECK_IN_MEDICATIONS:
      show_medications (self);
      label = _("_I Reviewed My Medicines");
      break;
    case CARE_CHECK_IN_ALLERGIES:
      show_allergies (self);
      label = _("_I Reviewed My Allergies");
      break;
    case CARE_CHECK_IN_QUESTIONNAIRE:
      show_questionnaire (self);
      label = _("_Send Answers");
      break;
    case CARE_CHECK_IN_COPAY:
      show_copay (self);
      label = _("I’ll _Pay at the Clinic");
      break;
    case CARE_CHECK_IN_N_STEPS:
    default:
      g_return_if_reached ();
    }
  button = gtk_button_new_with_mnemonic (label);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "check-in.confirm");
  gtk_widget_set_sensitive (button, step != CARE_CHECK_IN_QUESTIONNAIRE || self->form != NULL);
  gtk_box_append (GTK_BOX (self->step_box), button);
  adw_leaflet_set_visible_child_name (self->leaflet, "step");
}

/**
 * care_check_in_window_confirm:
 * @self: the checklist, on a step's page
 *
 * What the step's button does: queues the step (the answers first, once
 * they are complete) and goes back to the list.
 *
 * Returns: %TRUE if the step was queued
 */
gboolean
care_check_in_window_confirm (CareCheckInWindow *self)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CARE_IS_CHECK_IN_WINDOW (self), FALSE);

  if (self->step == CARE_CHECK_IN_QUESTIONNAIRE)
    {
      CareConnection *connection = care_record_get_connection (self->record);
      const char *user = connection != NULL ? care_connection_get_fhir_user (connection) : NULL;
      const char *patient_id = connection != NULL ? care_connection_get_patient_id (connection) : NULL;
      g_autofree char *patient = patient_id != NULL ? g_strconcat ("Patient/", patient_id, NULL) : NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *id = draft_id (self);

      if (self->form == NULL || patient == NULL)
        return FALSE;
      if (care_questionnaire_renderer_show_problems (CARE_QUESTIONNAIRE_RENDERER (self->renderer)) > 0)
        {
          gtk_label_set_text (GTK_LABEL (self->step_message), _("Some answers need your attention."));
          gtk_widget_set_visible (self->step_message, TRUE);
          return FALSE;
        }
      /* A parent answering for a child is the author; the child is the subject. */
      drafts = care_check_in_answers_drafts_new (self->appointment, self->form, patient,
                                                 user != NULL && g_str_has_prefix (user, "RelatedPerson/") ? user : NULL,
                                                 now, &error);
      if (drafts == NULL)
        {
          gtk_label_set_text (GTK_LABEL (self->step_message), error->message);
          gtk_widget_set_visible (self->step_message, TRUE);
          return FALSE;
        }
      if (!queue_drafts (self, drafts))
        return FALSE;
      care_questionnaire_forget_draft (cache_of (self), id);
    }
  else
    {
      drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
      g_ptr_array_add (drafts, care_appointment_check_in_draft_new (self->appointment, self->step,
                                                                    self->step == CARE_CHECK_IN_COPAY ? "at-clinic"
                                                                                                      : NULL));
      if (!queue_drafts (self, drafts))
        return FALSE;
    }
  close_form (self);
  reload (self);
  fill_steps (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "steps");
  gtk_widget_grab_focus (self->steps_list);
  return TRUE;
}

/* For tests: the questionnaire's renderer, on that step's page. */
GtkWidget *
care_check_in_window_get_renderer (CareCheckInWindow *self)
{
  g_return_val_if_fail (CARE_IS_CHECK_IN_WINDOW (self), NULL);

  return self->renderer;
}

/**
 * care_check_in_window_get_done:
 * @self: the checklist
 * @out_needed: (out) (optional): the steps the visit asks for
 *
 * Returns: the steps shown done, as bits of #CareCheckInStep
 */
guint
care_check_in_window_get_done (CareCheckInWindow *self,
                               guint             *out_needed)
{
  g_return_val_if_fail (CARE_IS_CHECK_IN_WINDOW (self), 0);

  return care_check_in_done_steps (self->appointment, cache_of (self), out_needed);
}

const char *
care_check_in_window_get_page (CareCheckInWindow *self)
{
  g_return_val_if_fail (CARE_IS_CHECK_IN_WINDOW (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

/* For tests: the line under the heading ("2 of 6 steps done…"). */
const char *
care_check_in_window_get_status (CareCheckInWindow *self)
{
  g_return_val_if_fail (CARE_IS_CHECK_IN_WINDOW (self), NULL);

  return self->status;
}
