/* care-medication-draft.c — "I no longer take this"
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patients cannot end a prescription; they report that they stopped
 * taking it: a MedicationStatement, status stopped, derived from the
 * MedicationRequest, with the same medication, for the care team to
 * reconcile.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-fhir.h"
#include "care-medication-draft.h"

static void
add_reference (JsonObject *object,
               const char *member,
               const char *reference)
{
  JsonObject *value = json_object_new ();

  json_object_set_string_member (value, "reference", reference);
  json_object_set_object_member (object, member, value);
}

/**
 * care_medication_stopped_draft_new:
 * @patient: "Patient/id"
 * @reporter: (nullable): who reports it; %NULL for the patient
 * @request: the cached MedicationRequest
 * @medication_name: (nullable): its name as the list shows it
 * @asserted: when
 *
 * Returns: (transfer full) (nullable): a create of the MedicationStatement,
 *   %NULL when @request has no id
 */
CareOutboxDraft *
care_medication_stopped_draft_new (const char *patient,
                                   const char *reporter,
                                   JsonObject *request,
                                   const char *medication_name,
                                   GDateTime  *asserted)
{
  g_autoptr(JsonObject) statement = json_object_new ();
  g_autofree char *derived = NULL;
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  JsonArray *derived_from;
  JsonObject *reference;
  JsonNode *medication;

  g_return_val_if_fail (patient != NULL && request != NULL && asserted != NULL, NULL);

  if (care_fhir_get_string (request, "id") == NULL)
    return NULL;
  if (reporter == NULL)
    reporter = patient;
  derived = g_strdup_printf ("MedicationRequest/%s", care_fhir_get_string (request, "id"));
  when = g_date_time_format (asserted, "%FT%T%:z");

  json_object_set_string_member (statement, "resourceType", "MedicationStatement");
  json_object_set_string_member (statement, "status", "stopped");
  if ((medication = json_object_get_member (request, "medicationCodeableConcept")) != NULL)
    json_object_set_member (statement, "medicationCodeableConcept", json_node_copy (medication));
  else if ((medication = json_object_get_member (request, "medicationReference")) != NULL)
    json_object_set_member (statement, "medicationReference", json_node_copy (medication));
  add_reference (statement, "subject", patient);
  derived_from = json_array_new ();
  reference = json_object_new ();
  json_object_set_string_member (reference, "reference", derived);
  json_array_add_object_element (derived_from, reference);
  json_object_set_array_member (statement, "derivedFrom", derived_from);
  add_reference (statement, "informationSource", reporter);
  json_object_set_string_member (statement, "dateAsserted", when);

  if (medication_name != NULL)
    /* Translators: an item waiting to be sent; %s is a medication */
    summary = g_strdup_printf (_("No longer taking %s"), medication_name);
  else
    summary = g_strdup (_("No longer taking a medication"));
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, statement, summary);
}
