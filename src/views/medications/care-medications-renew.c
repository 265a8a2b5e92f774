/* care-medications-renew.c — "Request a Renewal" on a prescription
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A renewal request is a message to the prescriber about the
 * MedicationRequest (care_message_renewal_draft_new()), with the pharmacy
 * and a comment. Its state shows on the prescription: requested (waiting
 * or sent), renewed (a newer MedicationRequest whose priorPrescription is
 * this one) or refused (the care team's answer carries the reason).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-medications-view.h"
#include "care-message-draft.h"
#include "care-resource-item.h"

#include <string.h>

static gboolean
points_at (JsonObject *reference,
           const char *type,
           const char *id)
{
  CareFhirReference target;
  gboolean found;

  memset (&target, 0, sizeof target);
  found = reference != NULL && care_fhir_read_reference (reference, &target) &&
          g_strcmp0 (target.type, type) == 0 && g_strcmp0 (target.id, id) == 0;
  care_fhir_reference_clear (&target);
  return found;
}

static gboolean
is_about (JsonObject *message,
          const char *request_id)
{
  JsonArray *about = care_fhir_get_array (message, "about");

  for (guint i = 0; about != NULL && i < json_array_get_length (about); i++)
    if (points_at (care_fhir_get_array_object (message, "about", i), "MedicationRequest", request_id))
      return TRUE;
  return FALSE;
}

/**
 * care_medications_view_add_renewal_state:
 * @self: a #CareMedicationsView
 * @row: the prescription's row
 * @request_id: its id
 *
 * Tags the row with where its renewal request stands, if there is one.
 */
void
care_medications_view_add_renewal_state (CareMedicationsView *self,
                                         AdwActionRow        *row,
                                         const char          *request_id)
{
  CareRecordList *list = CARE_RECORD_LIST (self);
  GListModel *messages = care_record_list_get_results (list, "messages");
  GListModel *requests = care_record_list_get_results (list, "requests");
  g_autoptr(GPtrArray) pending = care_record_list_dup_outbox (list, "Communication", CARE_OUTBOX_PENDING);
  g_autofree char *refusal = NULL;
  gboolean asked = FALSE;

  for (guint i = 0; requests != NULL && i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (requests, i);
      g_autoptr(JsonObject) request = care_resource_item_dup_resource (item, NULL);

      if (points_at (care_fhir_get_object (request, "priorPrescription"), "MedicationRequest", request_id))
        {
          care_record_list_add_tag (list, GTK_WIDGET (row), _("Renewed"), CARE_TAG_GOOD);
          return;
        }
    }

  for (guint i = 0; i < pending->len; i++)
    asked |= is_about (g_ptr_array_index (pending, i), request_id) &&
             care_message_get_kind (g_ptr_array_index (pending, i)) == CARE_MESSAGE_KIND_RENEWAL;
  for (guint i = 0; messages != NULL && i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (messages, i);
      g_autoptr(JsonObject) message = care_resource_item_dup_resource (item, NULL);
      JsonObject *reason;

      if (message == NULL || !is_about (message, request_id) ||
          care_message_get_kind (message) != CARE_MESSAGE_KIND_RENEWAL)
        continue;
      asked = TRUE;
      reason = care_fhir_get_object (message, "statusReason");
      if (reason != NULL && refusal == NULL)
        refusal = care_fhir_dup_concept_text (reason);
    }

  if (refusal != NULL)
    {
      /* Translators: a prescription's renewal was refused; %s is the care team's reason */
      g_autofree char *line = g_strdup_printf (_("Renewal refused: %s"), refusal);

      care_record_list_add_tag (list, GTK_WIDGET (row), _("Renewal refused"), CARE_TAG_WARNING);
      care_record_list_add_detail (list, row, line);
    }
  else if (asked)
    care_record_list_add_tag (list, GTK_WIDGET (row), _("Renewal requested"), CARE_TAG_ACCENT);
}

/**
 * care_medications_view_request_renewal:
 * @self: a #CareMedicationsView
 * @request_id: the id of a cached MedicationRequest
 * @pharmacy: (nullable): where to send it
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

  draft = care_message_renewal_draft_new (patient, g_strcmp0 (reporter, patient) != 0 ? reporter : NULL,
                                          request, name, pharmacy, comment,
                                          g_str_has_prefix (languages[0], "es") ? "es" : "en", now, error);
  if (draft == NULL)
    return FALSE;
  return care_record_list_queue_draft (list, draft, error);
}

typedef struct
{
  CareMedicationsView *self;
  char                *request_id;
  GtkEditable         *pharmacy;
  GtkEditable         *comment;
} Renewal;

static void
renewal_free (gpointer  data,
              GClosure *closure)
{
  Renewal *renewal = data;

  g_object_unref (renewal->self);
  g_free (renewal->request_id);
  g_free (renewal);
}

static void
on_renew_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Renewal          *renewal)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "send"))
    return;
  if (!care_medications_view_request_renewal (renewal->self, renewal->request_id,
                                              gtk_editable_get_text (renewal->pharmacy),
                                              gtk_editable_get_text (renewal->comment), &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (renewal->self), error->message);
}

static GtkWidget *
new_field (GtkWidget  *box,
           const char *label_text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

void
care_medications_view_renew_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  CareMedicationsView *self = CARE_MEDICATIONS_VIEW (widget);
  CareRecordList *list = CARE_RECORD_LIST (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *box;
  Renewal *renewal;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (!care_record_list_can_write (list, "Communication"))
    {
      care_record_list_show_portal_only (list, _("This health system does not take renewal requests from "
                                                 "apps. Ask for a renewal in your portal or call your pharmacy."));
      return;
    }

  name = care_medications_view_dup_name (self, g_variant_get_string (parameter, NULL));
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
  renewal->request_id = g_variant_dup_string (parameter, NULL);
  renewal->pharmacy = GTK_EDITABLE (new_field (box, _("_Pharmacy")));
  renewal->comment = GTK_EDITABLE (new_field (box, _("C_omment")));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_renew_response_cb), renewal, renewal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
