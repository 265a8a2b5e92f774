/* care-allergy-draft.c — an allergy the patient reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A patient-reported AllergyIntolerance: active, unconfirmed (the care
 * team confirms it), recorded and asserted by whoever is signed in.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-allergy-draft.h"

#define CLINICAL_SYSTEM "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
#define VERIFICATION_SYSTEM "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"

static JsonObject *
new_coded (const char *system,
           const char *code)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (concept, "coding", codings);
  return concept;
}

static JsonObject *
new_reference (const char *reference)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", reference);
  return object;
}

/**
 * care_allergy_draft_new:
 * @patient: "Patient/id"
 * @reporter: (nullable): who reports it ("RelatedPerson/id" for a parent);
 *   %NULL for the patient
 * @substance: what the person is allergic to
 * @reaction: (nullable): what happens
 * @severity: (nullable): "mild", "moderate" or "severe"
 * @recorded: when
 *
 * Returns: (transfer full): a create of the AllergyIntolerance
 */
CareOutboxDraft *
care_allergy_draft_new (const char *patient,
                        const char *reporter,
                        const char *substance,
                        const char *reaction,
                        const char *severity,
                        GDateTime  *recorded)
{
  g_autoptr(JsonObject) allergy = json_object_new ();
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  JsonObject *code;

  g_return_val_if_fail (patient != NULL, NULL);
  g_return_val_if_fail (substance != NULL && substance[0] != '\0', NULL);
  g_return_val_if_fail (recorded != NULL, NULL);

  if (reporter == NULL)
    reporter = patient;
  when = g_date_time_format (recorded, "%FT%T%:z");
  json_object_set_string_member (allergy, "resourceType", "AllergyIntolerance");
  json_object_set_object_member (allergy, "clinicalStatus", new_coded (CLINICAL_SYSTEM, "active"));
  json_object_set_object_member (allergy, "verificationStatus", new_coded (VERIFICATION_SYSTEM, "unconfirmed"));
  code = json_object_new ();
  json_object_set_string_member (code, "text", substance);
  json_object_set_object_member (allergy, "code", code);
  json_object_set_object_member (allergy, "patient", new_reference (patient));
  json_object_set_string_member (allergy, "recordedDate", when);
  json_object_set_object_member (allergy, "recorder", new_reference (reporter));
  json_object_set_object_member (allergy, "asserter", new_reference (reporter));

  if ((reaction != NULL && reaction[0] != '\0') || severity != NULL)
    {
      JsonArray *reactions = json_array_new ();
      JsonObject *item = json_object_new ();
      JsonArray *manifestations = json_array_new ();
      JsonObject *manifestation = json_object_new ();

      json_object_set_string_member (manifestation, "text",
                                     reaction != NULL && reaction[0] != '\0' ? reaction : _("Reaction"));
      json_array_add_object_element (manifestations, manifestation);
      json_object_set_array_member (item, "manifestation", manifestations);
      if (severity != NULL)
        json_object_set_string_member (item, "severity", severity);
      json_array_add_object_element (reactions, item);
      json_object_set_array_member (allergy, "reaction", reactions);
    }

  /* Translators: an item waiting to be sent; %s is what the person is allergic to */
  summary = g_strdup_printf (_("Allergy to %s"), substance);
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, allergy, summary);
}
