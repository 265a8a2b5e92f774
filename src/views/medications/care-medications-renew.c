/* care-medications-renew.c — "Request a Renewal" on a prescription
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A renewal request is a message to the prescriber about the
 * MedicationRequest (care_message_renewal_draft_new()), with the pharmacy
 * chosen among the person's pharmacies (care_pharmacies_dup(): where their
 * prescriptions are filled), or another one named by the patient, and a
 * comment. Its state (core's
 * care_renewals_dup()) shows on the prescription, as a tag and in words:
 * waiting to send, not sent, requested, renewed (a newer MedicationRequest
 * whose priorPrescription is this one) or refused with the reason.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-medications-view.h"
#include "care-message-draft.h"
#include "care-pharmacy.h"
#include "care-resource-item.h"

#include <string.h>

/**
 * care_medications_view_add_renewal_state:
 * @self: a #CareMedicationsView
 * @row: the prescription's row
 * @renewal: (nullable): where its renewal request stands
 *
 * Tags the row with where its renewal request stands, if there is one,
 * and says it in words under it.
 */
void
care_medications_view_add_renewal_state (CareMedicationsView *self,
                                         AdwActionRow        *row,
                                         const CareRenewal   *renewal)
{
  static const CareTagStyle styles[] = {
    [CARE_RENEWAL_NONE] = CARE_TAG_NEUTRAL,
    [CARE_RENEWAL_WAITING] = CARE_TAG_NEUTRAL,
    [CARE_RENEWAL_NOT_SENT] = CARE_TAG_ERROR,
    [CARE_RENEWAL_SENT] = CARE_TAG_ACCENT,
    [CARE_RENEWAL_REFUSED] = CARE_TAG_WARNING,
    [CARE_RENEWAL_RENEWED] = CARE_TAG_GOOD,
  };
  CareRecordList *list = CARE_RECORD_LIST (self);
  g_autofree char *tag = NULL;
  g_autofree char *text = NULL;

  if (renewal == NULL || renewal->status == CARE_RENEWAL_NONE)
    return;
  tag = care_renewal_dup_tag (renewal);
  text = care_renewal_dup_text (renewal);
  care_record_list_add_tag (list, GTK_WIDGET (row), tag, styles[renewal->status]);
  if (text != NULL)
    care_record_list_add_detail (list, row, text);
}

/**
 * care_medications_view_dup_renewal_text:
 * @self: a #CareMedicationsView
 * @request_id: a prescription's id
 *
 * Returns: (transfer full) (nullable): where its renewal stands, in words,
 *   as its row says it
 */
char *
care_medications_view_dup_renewal_text (CareMedicationsView *self,
                                        const char          *request_id)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  g_autoptr(GHashTable) renewals = NULL;
  CareRenewal *renewal;

  g_return_val_if_fail (CARE_IS_MEDICATIONS_VIEW (self), NULL);

  if (record == NULL || care_record_get_cache (record) == NULL)
    return NULL;
  renewals = care_renewals_dup (care_record_get_cache (record));
  renewal = g_hash_table_lookup (renewals, request_id);
  return renewal != NULL ? care_renewal_dup_text (renewal) : NULL;
}

/**
 * care_medications_view_request_renewal:
 * @self: a #CareMedicationsView
 * @request_id: the id of a cached MedicationRequest
 * @pharmacy: (nullable): where to send it: one of the person's pharmacies
 *   (its "Organization/id", name or a part of it), or any name when their
 *   prescriptions name none
 * @other_pharmacy: (nullable): instead, a pharmacy none of their
 *   prescriptions names, by its name (which must not be empty)
 * @comment: (nullable): anything the patient adds
 * @error: return location for a #GError
 *
 * Queues a renewal request to the prescriber, as the dialog does.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_medications_view_request_renewal (CareMedicationsView *self,
                                       const char          *request_id,
                                       const char          *pharmacy,
                                       const char          *other_pharmacy,
                                       const char          *comment,
                                       GError             **error)
{
  CareRecordList *list = CARE_RECORD_LIST (self);
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (list));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) medication = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *patient = care_record_list_dup_patient_reference (list);
  g_autofree char *reporter = care_record_list_dup_reporter_reference (list);
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) pharmacies = NULL;
  g_autofree char *stripped = NULL;
  CarePharmacy named = { NULL, NULL, NULL, 0 };
  const CarePharmacy *chosen = NULL;
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (CARE_IS_MEDICATIONS_VIEW (self), FALSE);

  if (cache != NULL)
    request = care_cache_lookup (cache, "MedicationRequest", request_id, NULL);
  if (request == NULL || patient == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This prescription is no longer in your record."));
      return FALSE;
    }
  name = care_fhir_dup_concept_text (care_fhir_get_object (request, "medicationCodeableConcept"));
  if (name == NULL)
    {
      medication = care_record_list_lookup (list, request, care_fhir_get_object (request, "medicationReference"));
      name = care_fhir_dup_concept_text (care_fhir_get_object (medication, "code"));
    }
  if (name == NULL)
    name = g_strdup (_("this medication"));

  pharmacies = care_pharmacies_dup (cache);
  stripped = g_strstrip (g_strdup (other_pharmacy != NULL ? other_pharmacy : pharmacy != NULL ? pharmacy : ""));
  if (other_pharmacy != NULL && stripped[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Write the name of the other pharmacy."));
      return FALSE;
    }
  if (stripped[0] != '\0')
    {
      if (pharmacies->len > 0 && other_pharmacy == NULL)
        {
          chosen = care_pharmacies_find (pharmacies, stripped, error);
          if (chosen == NULL)
            return FALSE;
        }
      else
        {
          named.name = stripped;
          chosen = &named;
        }
    }

  draft = care_message_renewal_draft_new (patient, g_strcmp0 (reporter, patient) != 0 ? reporter : NULL,
                                          request, name, chosen, comment,
                                          g_str_has_prefix (languages[0], "es") ? "es" : "en", now, error);
  if (draft == NULL)
    return FALSE;
  return care_record_list_queue_draft (list, draft, error);
}

typedef struct
{
  CareMedicationsView *self;
  char                *request_id;
  GPtrArray           *pharmacies;  /* CarePharmacy, as the drop-down lists them */
  GtkDropDown         *choice;      /* the person's pharmacies and "Another Pharmacy", or NULL */
  GtkEditable         *pharmacy;    /* a name: another pharmacy's, or any when none is known */
  GtkWidget           *pharmacy_label;
  GtkEditable         *comment;
} Renewal;

static void
renewal_free (gpointer  data,
              GClosure *closure)
{
  Renewal *renewal = data;

  g_object_unref (renewal->self);
  g_free (renewal->request_id);
  g_ptr_array_unref (renewal->pharmacies);
  g_free (renewal);
}

static void
on_renew_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Renewal          *renewal)
{
  g_autoptr(GError) error = NULL;
  const char *pharmacy = NULL;
  const char *other = NULL;

  if (!g_str_equal (response, "send"))
    return;
  if (renewal->choice != NULL)
    {
      guint chosen = gtk_drop_down_get_selected (renewal->choice);

      if (chosen < renewal->pharmacies->len)
        pharmacy = ((CarePharmacy *)g_ptr_array_index (renewal->pharmacies, chosen))->reference;
      if (pharmacy == NULL && chosen < renewal->pharmacies->len)
        pharmacy = ((CarePharmacy *)g_ptr_array_index (renewal->pharmacies, chosen))->name;
      /* The last choice: another pharmacy, by the name typed. */
      if (chosen == renewal->pharmacies->len)
        other = gtk_editable_get_text (renewal->pharmacy);
    }
  else if (renewal->pharmacy != NULL)
    pharmacy = gtk_editable_get_text (renewal->pharmacy);
  if (!care_medications_view_request_renewal (renewal->self, renewal->request_id, pharmacy, other,
                                              gtk_editable_get_text (renewal->comment), &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (renewal->self), error->message);
}

static GtkWidget *
add_labelled (GtkWidget  *box,
              const char *label_text,
              GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), field);
  return field;
}

/* The person's pharmacies, "Main Street Pharmacy · (555) 010-2200", then
 * "Another Pharmacy…". */
static GtkWidget *
new_pharmacy_choice (GPtrArray *pharmacies)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < pharmacies->len; i++)
    {
      CarePharmacy *pharmacy = g_ptr_array_index (pharmacies, i);
      /* Translators: a pharmacy to choose, and its phone number */
      g_autofree char *line = pharmacy->phone != NULL ? g_strdup_printf (_("%1$s · %2$s"), pharmacy->name,
                                                                         pharmacy->phone)
                                                      : g_strdup (pharmacy->name);

      gtk_string_list_append (names, line);
    }
  gtk_string_list_append (names, _("Another Pharmacy…"));
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
}

static void
on_pharmacy_chosen_cb (GtkDropDown *choice,
                       GParamSpec  *pspec,
                       Renewal     *renewal)
{
  gboolean other = gtk_drop_down_get_selected (choice) == renewal->pharmacies->len;

  gtk_widget_set_visible (renewal->pharmacy_label, other);
  gtk_widget_set_visible (GTK_WIDGET (renewal->pharmacy), other);
  if (other && pspec != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (renewal->pharmacy));
}

/**
 * care_medications_view_open_renewal:
 * @self: a #CareMedicationsView
 * @request_id: the prescription to renew
 *
 * Opens the "Request a Renewal" dialog, as the prescription's menu does:
 * the person's pharmacies to choose from (the one used last first) or
 * another one by its name, and a comment.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
care_medications_view_open_renewal (CareMedicationsView *self,
                                    const char          *request_id)
{
  CareRecordList *list = CARE_RECORD_LIST (self);
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *box;
  Renewal *renewal;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (CARE_IS_MEDICATIONS_VIEW (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  if (!care_record_list_can_write (list, "Communication"))
    {
      care_record_list_show_portal_only (list, _("This health system does not take renewal requests from "
                                                 "apps. Ask for a renewal in your portal or call your pharmacy."));
      return NULL;
    }

  name = care_medications_view_dup_name (self, request_id);
  if (name != NULL)
    /* Translators: %s is a medication, "Lisinopril 10 mg Oral Tablet" */
    heading = g_strdup_printf (_("Request a Renewal of %s"), name);
  else
    heading = g_strdup (_("Request a Renewal"));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Your request goes to the clinician who prescribed it. You’ll see the "
                                     "answer here and in Messages."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Request"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  renewal = g_new0 (Renewal, 1);
  renewal->self = g_object_ref (self);
  renewal->request_id = g_strdup (request_id);
  renewal->pharmacies = record != NULL && care_record_get_cache (record) != NULL
                        ? care_pharmacies_dup (care_record_get_cache (record))
                        : g_ptr_array_new_with_free_func ((GDestroyNotify)care_pharmacy_free);
  /* Chosen among the pharmacies the person's prescriptions go to; typed
   * only when none is known. */
  if (renewal->pharmacies->len > 0)
    {
      renewal->choice = GTK_DROP_DOWN (add_labelled (box, _("_Pharmacy"),
                                                     new_pharmacy_choice (renewal->pharmacies)));
      /* Another one, by its name, once "Another Pharmacy…" is chosen. */
      renewal->pharmacy = GTK_EDITABLE (add_labelled (box, _("Other Pharmacy’s _Name"), gtk_entry_new ()));
      renewal->pharmacy_label = gtk_widget_get_prev_sibling (GTK_WIDGET (renewal->pharmacy));
      g_signal_connect (renewal->choice, "notify::selected", G_CALLBACK (on_pharmacy_chosen_cb), renewal);
      on_pharmacy_chosen_cb (renewal->choice, NULL, renewal);
    }
  else
    renewal->pharmacy = GTK_EDITABLE (add_labelled (box, _("_Pharmacy"), gtk_entry_new ()));
  gtk_widget_set_name (GTK_WIDGET (renewal->pharmacy), "renewal-pharmacy-name");
  renewal->comment = GTK_EDITABLE (add_labelled (box, _("C_omment"), gtk_entry_new ()));
  gtk_widget_set_name (GTK_WIDGET (renewal->comment), "renewal-comment");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_renew_response_cb), renewal, renewal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
care_medications_view_renew_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  care_medications_view_open_renewal (CARE_MEDICATIONS_VIEW (widget), g_variant_get_string (parameter, NULL));
}
