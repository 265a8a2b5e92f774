/* care-sandbox-readings.c — what an Observation a patient creates must be
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patients write Observations only as home readings (Track My Health).
 * A create is refused with 422 and an OperationOutcome whose
 * details.coding (system CARE_SANDBOX_READING_RULE_SYSTEM) names the
 * rule, and whose text and `expression` name the element:
 *
 * - `status`: final, amended or preliminary;
 * - `category`: an observation-category of vital-signs, laboratory,
 *   activity or survey;
 * - `code`: a LOINC coding;
 * - `subject`: the token's patient;
 * - `performer`: names the patient (a home reading is the patient's own);
 * - `effective`: an effectiveDateTime;
 * - `implausible`: a reading Carebook knows (blood pressure, weight…)
 *   whose value fails care_reading_validate(), the same check the app
 *   makes before queueing it: the text is the same sentence.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-fhir.h"
#include "care-reading.h"
#include "care-sandbox-fhir-private.h"

#include <string.h>

#define CATEGORY_SYSTEM "http://terminology.hl7.org/CodeSystem/observation-category"

static void
refuse (SoupServerMessage *msg,
        const char        *rule,
        const char        *expression,
        const char        *text)
{
  g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_refusal ("business-rule", CARE_SANDBOX_READING_RULE_SYSTEM,
                                                                 rule, text);
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (outcome, "issue"), 0);
  JsonArray *expressions = json_array_new ();

  json_array_add_string_element (expressions, expression);
  json_object_set_array_member (issue, "expression", expressions);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, outcome);
}

static gboolean
has_coding (JsonObject *concept,
            const char *system,
            const char *const *codes)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = care_fhir_get_string (coding, "code");

      if (coding != NULL && g_strcmp0 (care_fhir_get_string (coding, "system"), system) == 0 &&
          code != NULL && (codes == NULL || g_strv_contains (codes, code)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_category (JsonObject *resource)
{
  static const char *const allowed[] = { "vital-signs", "laboratory", "activity", "survey", NULL };
  JsonArray *categories = care_fhir_get_array (resource, "category");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonNode *node = json_array_get_element (categories, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && has_coding (json_node_get_object (node), CATEGORY_SYSTEM, allowed))
        return TRUE;
    }
  return FALSE;
}

static gboolean
names_patient (JsonArray  *references,
               const char *patient)
{
  for (guint i = 0; references != NULL && i < json_array_get_length (references); i++)
    {
      JsonNode *node = json_array_get_element (references, i);
      JsonObject *reference = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (care_fhir_get_string (reference, "reference"), patient) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
names_reading (JsonObject *resource)
{
  JsonArray *codings = care_fhir_get_array (care_fhir_get_object (resource, "code"), "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CareReadingKind kind;

      if (coding != NULL && g_strcmp0 (care_fhir_get_string (coding, "system"), "http://loinc.org") == 0 &&
          care_reading_kind_from_loinc (care_fhir_get_string (coding, "code"), &kind))
        return TRUE;
    }
  return FALSE;
}

/**
 * care_sandbox_readings_check_create:
 * @grant: the token's grant
 * @msg: the request, answered with 422 when the reading is refused
 * @resource: the Observation
 *
 * Returns: whether @resource may be stored
 */
gboolean
care_sandbox_readings_check_create (const CareSandboxGrant *grant,
                                    SoupServerMessage      *msg,
                                    JsonObject             *resource)
{
  static const char *const statuses[] = { "final", "amended", "preliminary", NULL };
  g_autofree char *patient = NULL;
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  const char *status;

  g_return_val_if_fail (grant != NULL, FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);

  /* Only readings: what the patient entered (tagged, or performed by a
   * patient) or names a reading's LOINC code. Other Observations keep
   * the plain FHIR create rules. */
  if (!care_observation_is_patient_entered (resource) && !names_reading (resource))
    return TRUE;
  patient = g_strconcat ("Patient/", grant->patient_id, NULL);
  status = care_fhir_get_string (resource, "status");
  if (status == NULL || !g_strv_contains (statuses, status))
    {
      refuse (msg, "status", "Observation.status",
              _("A reading’s status is final, amended or preliminary"));
      return FALSE;
    }
  if (!has_category (resource))
    {
      refuse (msg, "category", "Observation.category",
              _("A reading needs a category: vital-signs, laboratory, activity or survey"));
      return FALSE;
    }
  if (!has_coding (care_fhir_get_object (resource, "code"), "http://loinc.org", NULL))
    {
      refuse (msg, "code", "Observation.code", _("A reading needs a LOINC code"));
      return FALSE;
    }
  if (g_strcmp0 (care_fhir_get_string (care_fhir_get_object (resource, "subject"), "reference"), patient) != 0)
    {
      refuse (msg, "subject", "Observation.subject", _("A reading’s subject is the patient"));
      return FALSE;
    }
  if (!names_patient (care_fhir_get_array (resource, "performer"), patient))
    {
      refuse (msg, "performer", "Observation.performer", _("A reading’s performer is the patient"));
      return FALSE;
    }
  if (care_fhir_get_string (resource, "effectiveDateTime") == NULL)
    {
      refuse (msg, "effective", "Observation.effective", _("A reading says when it was taken"));
      return FALSE;
    }

  /* The same plausibility rules as the app's, for the kinds it knows. */
  reading = care_reading_from_observation (resource, NULL);
  if (reading != NULL && !care_reading_validate (reading, &error))
    {
      refuse (msg, "implausible", error->code == CARE_READING_ERROR_UNIT ? "Observation.valueQuantity.code"
                                  : "Observation.value", error->message);
      return FALSE;
    }
  return TRUE;
}
