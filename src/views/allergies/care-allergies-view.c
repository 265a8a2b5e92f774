/* care-allergies-view.c — allergies and intolerances
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each AllergyIntolerance with its reactions, how severe they were and how
 * high the risk is (in words), when it was recorded and whether it is
 * active or confirmed. "Add an Allergy" creates a patient-reported,
 * unconfirmed AllergyIntolerance through the outbox where the portal
 * takes one; elsewhere it says to tell the clinic in the portal.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-allergies-view.h"
#include "care-allergy-draft.h"

#include "care-fhir.h"
#include "care-resource-item.h"

#include <string.h>

struct _CareAllergiesView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareAllergiesView, care_allergies_view, CARE_TYPE_RECORD_LIST)

/* Where a row's resource is, when it is the user's own and not synced yet. */
typedef enum
{
  OUTBOX_NONE,
  OUTBOX_PENDING,
  OUTBOX_REFUSED,
} Outbox;

static const char *
criticality_text (const char *code)
{
  if (g_strcmp0 (code, "high") == 0)
    return _("High risk");
  if (g_strcmp0 (code, "low") == 0)
    return _("Low risk");
  if (g_strcmp0 (code, "unable-to-assess") == 0)
    return _("Risk not assessed");
  return NULL;
}

static const char *
severity_text (const char *code)
{
  if (g_strcmp0 (code, "mild") == 0)
    return C_("reaction", "mild");
  if (g_strcmp0 (code, "moderate") == 0)
    return C_("reaction", "moderate");
  if (g_strcmp0 (code, "severe") == 0)
    return C_("reaction", "severe");
  return NULL;
}

static const char *
get_concept_code (JsonObject *concept)
{
  return care_fhir_get_string (care_fhir_get_first_coding (concept), "code");
}

static char *
dup_reactions_text (JsonObject *allergy)
{
  JsonArray *reactions = care_fhir_get_array (allergy, "reaction");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; reactions != NULL && i < json_array_get_length (reactions); i++)
    {
      JsonObject *reaction = care_fhir_get_array_object (allergy, "reaction", i);
      JsonArray *manifestations = care_fhir_get_array (reaction, "manifestation");
      const char *severity = severity_text (care_fhir_get_string (reaction, "severity"));
      g_autoptr(GString) what = g_string_new (NULL);

      for (guint j = 0; manifestations != NULL && j < json_array_get_length (manifestations); j++)
        {
          JsonObject *concept = care_fhir_get_array_object (reaction, "manifestation", j);
          g_autofree char *name = care_fhir_dup_concept_text (concept);

          if (name != NULL)
            /* Translators: the separator between reactions, "Hives, itching" */
            g_string_append_printf (what, "%s%s", what->len > 0 ? _(", ") : "", name);
        }
      if (what->len == 0 && care_fhir_get_string (reaction, "description") != NULL)
        g_string_append (what, care_fhir_get_string (reaction, "description"));
      if (what->len == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (severity != NULL)
        /* Translators: %1$s is what happened ("Hives"), %2$s how severe ("moderate") */
        g_string_append_printf (text, _("Reaction: %1$s (%2$s)"), what->str, severity);
      else
        /* Translators: %s is what happened, "Hives" */
        g_string_append_printf (text, _("Reaction: %s"), what->str);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
add_allergy_row (CareAllergiesView   *self,
                 AdwPreferencesGroup *group,
                 JsonObject          *allergy,
                 const char          *indexed_name,
                 Outbox               outbox)
{
  g_autofree char *name = care_fhir_dup_concept_text (care_fhir_get_object (allergy, "code"));
  g_autofree char *reactions = dup_reactions_text (allergy);
  g_autofree char *recorded = NULL;
  const char *clinical = get_concept_code (care_fhir_get_object (allergy, "clinicalStatus"));
  const char *verification = get_concept_code (care_fhir_get_object (allergy, "verificationStatus"));
  const char *risk = criticality_text (care_fhir_get_string (allergy, "criticality"));
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  recorded = care_record_list_dup_date_text (care_fhir_get_string (allergy, "recordedDate"));
  if (reactions != NULL)
    g_string_append (details, reactions);
  if (risk != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", risk);
  if (recorded != NULL)
    {
      /* Translators: %s is a date */
      g_autofree char *line = g_strdup_printf (_("Recorded %s"), recorded);

      g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", line);
    }

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group,
                                  name != NULL ? name : indexed_name != NULL ? indexed_name
                                                                             : _("Unnamed allergy"),
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-allergies-symbolic"));

  if (outbox == OUTBOX_PENDING)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Waiting to send"), CARE_TAG_ACCENT);
  else if (outbox == OUTBOX_REFUSED)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Not accepted"), CARE_TAG_ERROR);
  else if (g_strcmp0 (clinical, "inactive") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), C_("allergy", "Inactive"), CARE_TAG_NEUTRAL);
  else if (g_strcmp0 (clinical, "resolved") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), C_("allergy", "Resolved"), CARE_TAG_GOOD);
  else if (g_strcmp0 (verification, "unconfirmed") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), C_("allergy", "Not confirmed"), CARE_TAG_NEUTRAL);
  else if (g_strcmp0 (verification, "refuted") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Ruled out"), CARE_TAG_GOOD);
  else if (g_strcmp0 (care_fhir_get_string (allergy, "criticality"), "high") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("High risk"), CARE_TAG_ERROR);
}

static void
populate (CareRecordView *view)
{
  CareAllergiesView *self = CARE_ALLERGIES_VIEW (view);
  GListModel *allergies = care_record_list_get_results (CARE_RECORD_LIST (self), "allergies");
  g_autoptr(GPtrArray) pending = care_record_list_dup_outbox (CARE_RECORD_LIST (self), "AllergyIntolerance",
                                                              CARE_OUTBOX_PENDING);
  g_autoptr(GPtrArray) refused = care_record_list_dup_outbox (CARE_RECORD_LIST (self), "AllergyIntolerance",
                                                              CARE_OUTBOX_REFUSED);
  guint n = allergies != NULL ? g_list_model_get_n_items (allergies) : 0;
  AdwPreferencesGroup *group;
  GtkWidget *button;

  if (n == 0 && pending->len == 0 && refused->len == 0)
    return;

  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Allergies and Intolerances"), NULL);
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add an Allergy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add an Allergy"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "allergies.add");
  adw_preferences_group_set_header_suffix (group, button);

  for (guint i = 0; i < pending->len; i++)
    add_allergy_row (self, group, g_ptr_array_index (pending, i), NULL, OUTBOX_PENDING);
  for (guint i = 0; i < refused->len; i++)
    add_allergy_row (self, group, g_ptr_array_index (refused, i), NULL, OUTBOX_REFUSED);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (allergies, i);
      g_autoptr(JsonObject) allergy = care_resource_item_dup_resource (item, NULL);

      if (allergy != NULL)
        add_allergy_row (self, group, allergy, care_resource_item_get_display_name (item), OUTBOX_NONE);
    }
}

/**
 * care_allergies_view_add_allergy:
 * @self: a #CareAllergiesView
 * @substance: what the person is allergic to
 * @reaction: (nullable): what happens
 * @severity: (nullable): "mild", "moderate" or "severe"
 * @error: return location for a #GError
 *
 * Queues a patient-reported, unconfirmed AllergyIntolerance, as the "Add
 * an Allergy" dialog does.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_allergies_view_add_allergy (CareAllergiesView  *self,
                                 const char         *substance,
                                 const char         *reaction,
                                 const char         *severity,
                                 GError            **error)
{
  g_autofree char *patient = care_record_list_dup_patient_reference (CARE_RECORD_LIST (self));
  g_autofree char *reporter = care_record_list_dup_reporter_reference (CARE_RECORD_LIST (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CareOutboxDraft) draft = NULL;

  g_return_val_if_fail (CARE_IS_ALLERGIES_VIEW (self), FALSE);
  g_return_val_if_fail (substance != NULL && substance[0] != '\0', FALSE);

  if (patient != NULL)
    draft = care_allergy_draft_new (patient, reporter, substance, reaction, severity, now);
  return care_record_list_queue_draft (CARE_RECORD_LIST (self), draft, error);
}

static const char *severity_codes[] = { "mild", "moderate", "severe" };

typedef struct
{
  CareAllergiesView *self;
  AdwEntryRow       *substance;
  AdwEntryRow       *reaction;
  AdwComboRow       *severity;
} AddDialog;

static void
add_dialog_free (gpointer  data,
                 GClosure *closure)
{
  AddDialog *add = data;

  g_object_unref (add->self);
  g_free (add);
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AddDialog        *add)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *substance = NULL;
  guint severity = adw_combo_row_get_selected (add->severity);

  if (!g_str_equal (response, "add"))
    return;
  substance = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->substance))));
  if (!care_allergies_view_add_allergy (add->self, substance,
                                        gtk_editable_get_text (GTK_EDITABLE (add->reaction)),
                                        severity < G_N_ELEMENTS (severity_codes)
                                        ? severity_codes[severity] : NULL,
                                        &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (add->self), error->message);
}

static void
on_substance_changed_cb (GtkEditable      *editable,
                         AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "add", text[0] != '\0');
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CareAllergiesView *self = CARE_ALLERGIES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *severities[] = { C_("severity", "Mild"), C_("severity", "Moderate"),
                               C_("severity", "Severe"), NULL };
  GtkWidget *dialog;
  GtkWidget *box;
  AddDialog *add;

  if (!care_record_list_can_write (CARE_RECORD_LIST (self), "AllergyIntolerance"))
    {
      care_record_list_show_portal_only (CARE_RECORD_LIST (self),
                                         _("This health system does not accept allergies from apps. "
                                           "Send your care team a message in your portal, or tell them "
                                           "at your next visit, so they can add it to your record."));
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add an Allergy"),
                                   _("Your care team will review it before it becomes part of your "
                                     "record."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  add = g_new0 (AddDialog, 1);
  add->self = g_object_ref (self);
  add->substance = ADW_ENTRY_ROW (care_a11y_entry_row_new (_("Allergic to")));
  add->reaction = ADW_ENTRY_ROW (care_a11y_entry_row_new (_("What happens")));
  add->severity = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->severity), _("How bad it was"));
  adw_combo_row_set_model (add->severity, G_LIST_MODEL (gtk_string_list_new (severities)));
  adw_combo_row_set_selected (add->severity, 1);
  g_signal_connect (add->substance, "changed", G_CALLBACK (on_substance_changed_cb), dialog);

  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  /* The list is said by the form's name, not as "GtkListBox". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add an Allergy"), -1);
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->substance));
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->reaction));
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->severity));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_add_response_cb), add, add_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (add->substance));
}

static void
add_queries (CareAllergiesView *self)
{
  g_autoptr(CareCacheQuery) allergies = care_cache_query_new ("AllergyIntolerance");

  care_cache_query_set_sort (allergies, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "allergies", allergies);
}

static void
care_allergies_view_constructed (GObject *object)
{
  G_OBJECT_CLASS (care_allergies_view_parent_class)->constructed (object);

  /* The list's status pages exist from its constructed on. */
  care_view_stack_set_empty_action (care_record_list_get_stack (CARE_RECORD_LIST (object)),
                                    _("Add an Allergy"), "allergies.add");
}

static void
care_allergies_view_class_init (CareAllergiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_allergies_view_constructed;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/allergies/care-allergies-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  gtk_widget_class_install_action (widget_class, "allergies.add", NULL, add_action);
}

static void
care_allergies_view_init (CareAllergiesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_allergies_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_allergies_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_ALLERGIES_VIEW, "context", context, NULL);
}
