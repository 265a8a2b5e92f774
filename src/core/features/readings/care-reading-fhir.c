/* care-reading-fhir.c — a home reading as a US Core Observation, and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Carebook writes for a reading:
 *
 * - `meta.tag` {system CARE_READING_TAG_SYSTEM, code "patient-entered"},
 *   the patient-entered marker; `performer` the patient as well, which is
 *   what portals that drop unknown tags still keep;
 * - `status` final, `category` vital-signs (laboratory for glucose,
 *   activity for steps) in observation-category, `code` the LOINC code
 *   (SpO2 carries 59408-5 and 2708-6, as US Core's pulse oximetry
 *   profile asks), `subject` the patient, `effectiveDateTime` with the
 *   offset it was taken at;
 * - `valueQuantity` with the number as typed, the unit as people write it
 *   and its UCUM code (system http://unitsofmeasure.org); a blood pressure
 *   is the panel 85354-9 with components 8480-6 and 8462-4 in mm[Hg],
 *   `bodySite` the arm and the core `observation-bodyPosition` extension;
 *   a glucose the `reading-meal` extension (v3 TimingEvent AC or PC);
 * - `device.display` for an imported reading, `note` for a comment.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-fhir.h"
#include "care-reading-private.h"

#include <math.h>
#include <string.h>

#define LOINC "http://loinc.org"
#define SNOMED "http://snomed.info/sct"
#define UCUM "http://unitsofmeasure.org"
#define CATEGORY_SYSTEM "http://terminology.hl7.org/CodeSystem/observation-category"
#define TIMING_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-TimingEvent"

typedef struct
{
  const char *code;
  const char *display;
} Coded;

static const Coded loinc_displays[] = {
  { "85354-9", "Blood pressure panel with all children optional" },
  { "8480-6", "Systolic blood pressure" },
  { "8462-4", "Diastolic blood pressure" },
  { "29463-7", "Body weight" },
  { "8302-2", "Body height" },
  { "41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer" },
  { "14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer" },
  { "8310-5", "Body temperature" },
  { "8867-4", "Heart rate" },
  { "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry" },
  { "2708-6", "Oxygen saturation in Arterial blood" },
  { "55423-8", "Number of steps in unspecified time Pedometer" },
  { "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported" },
};

static const Coded arm_codes[] = {
  [CARE_READING_ARM_LEFT] = { "368208006", "Left upper arm structure" },
  [CARE_READING_ARM_RIGHT] = { "368209003", "Right upper arm structure" },
};

static const Coded position_codes[] = {
  [CARE_READING_POSITION_SITTING] = { "33586001", "Sitting position" },
  [CARE_READING_POSITION_STANDING] = { "10904000", "Orthostatic body position" },
  [CARE_READING_POSITION_LYING] = { "102538003", "Recumbent body position" },
};

static const Coded meal_codes[] = {
  [CARE_READING_MEAL_BEFORE] = { "AC", "before meal" },
  [CARE_READING_MEAL_AFTER] = { "PC", "after meal" },
};

static const Coded category_displays[] = {
  { "vital-signs", "Vital Signs" },
  { "laboratory", "Laboratory" },
  { "activity", "Activity" },
};

static const char *
display_of (const Coded *table,
            guint        n,
            const char  *code)
{
  for (guint i = 0; i < n; i++)
    {
      if (table[i].code != NULL && g_str_equal (table[i].code, code))
        return table[i].display;
    }
  return NULL;
}

static JsonObject *
new_coding (const char *system,
            const char *code,
            const char *display)
{
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  if (display != NULL)
    json_object_set_string_member (coding, "display", display);
  return coding;
}

static JsonObject *
new_concept (const char *system,
             const char *code,
             const char *display)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();

  json_array_add_object_element (codings, new_coding (system, code, display));
  json_object_set_array_member (concept, "coding", codings);
  return concept;
}

static JsonObject *
new_loinc (const char *code)
{
  JsonObject *concept = new_concept (LOINC, code, display_of (loinc_displays, G_N_ELEMENTS (loinc_displays),
                                                              code));

  json_object_set_string_member (concept, "text", display_of (loinc_displays, G_N_ELEMENTS (loinc_displays),
                                                              code));
  return concept;
}

static JsonObject *
new_quantity (CareReadingKind kind,
              double          value,
              CareUnit        unit)
{
  JsonObject *quantity = json_object_new ();
  const char *display = unit == CARE_UNIT_OTHER ? care_reading_kind_get_ucum (kind, unit)
                                                : care_unit_to_display (unit);

  /* Whole numbers go as integers: "82", never "82.0". */
  if (value == floor (value) && fabs (value) < 1e15)
    json_object_set_int_member (quantity, "value", (gint64) value);
  else
    json_object_set_double_member (quantity, "value", value);
  json_object_set_string_member (quantity, "unit", display);
  json_object_set_string_member (quantity, "system", UCUM);
  json_object_set_string_member (quantity, "code", care_reading_kind_get_ucum (kind, unit));
  return quantity;
}

static JsonObject *
new_reference (const char *reference)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", reference);
  return object;
}

static JsonObject *
new_component (const char *code,
               double      value)
{
  JsonObject *component = json_object_new ();

  json_object_set_object_member (component, "code", new_loinc (code));
  json_object_set_object_member (component, "valueQuantity",
                                 new_quantity (CARE_READING_BLOOD_PRESSURE, value, CARE_UNIT_MM_HG));
  return component;
}

static void
add_extension (JsonObject *observation,
               const char *url,
               JsonObject *concept)
{
  JsonArray *extensions;
  JsonObject *extension = json_object_new ();

  if (!json_object_has_member (observation, "extension"))
    json_object_set_array_member (observation, "extension", json_array_new ());
  extensions = json_object_get_array_member (observation, "extension");
  json_object_set_string_member (extension, "url", url);
  json_object_set_object_member (extension, "valueCodeableConcept", concept);
  json_array_add_object_element (extensions, extension);
}

/**
 * care_reading_to_observation:
 * @self: a reading (checked with care_reading_validate())
 * @patient: "Patient/id": the subject and the performer
 *
 * Returns: (transfer full): the Observation (see the top of this file)
 */
JsonObject *
care_reading_to_observation (const CareReading *self,
                             const char        *patient)
{
  JsonObject *observation;
  JsonObject *meta, *tag;
  JsonArray *array;
  const char *category;
  const char *code;
  g_autofree char *when = NULL;

  g_return_val_if_fail (self != NULL && self->kind < CARE_READING_N_KINDS, NULL);
  g_return_val_if_fail (patient != NULL, NULL);

  observation = json_object_new ();
  json_object_set_string_member (observation, "resourceType", "Observation");

  meta = json_object_new ();
  array = json_array_new ();
  tag = new_coding (CARE_READING_TAG_SYSTEM, CARE_READING_TAG_CODE, "Entered by the patient");
  json_array_add_object_element (array, tag);
  json_object_set_array_member (meta, "tag", array);
  json_object_set_object_member (observation, "meta", meta);

  json_object_set_string_member (observation, "status", "final");
  category = care_reading_kind_get_category (self->kind);
  array = json_array_new ();
  json_array_add_object_element (array, new_concept (CATEGORY_SYSTEM, category,
                                                     display_of (category_displays,
                                                                 G_N_ELEMENTS (category_displays),
                                                                 category)));
  json_object_set_array_member (observation, "category", array);

  code = care_reading_kind_get_loinc (self->kind, self->unit);
  json_object_set_object_member (observation, "code", new_loinc (code));
  if (self->kind == CARE_READING_SPO2)
    {
      JsonArray *codings = json_object_get_array_member (json_object_get_object_member (observation, "code"),
                                                         "coding");

      json_array_add_object_element (codings, new_coding (LOINC, "2708-6",
                                                          display_of (loinc_displays,
                                                                      G_N_ELEMENTS (loinc_displays),
                                                                      "2708-6")));
    }

  json_object_set_object_member (observation, "subject", new_reference (patient));
  when = g_date_time_format (self->time, "%FT%T%:z");
  json_object_set_string_member (observation, "effectiveDateTime", when);
  array = json_array_new ();
  json_array_add_object_element (array, new_reference (patient));
  json_object_set_array_member (observation, "performer", array);

  if (self->kind == CARE_READING_BLOOD_PRESSURE)
    {
      array = json_array_new ();
      json_array_add_object_element (array, new_component ("8480-6", self->value));
      json_array_add_object_element (array, new_component ("8462-4", self->value2));
      json_object_set_array_member (observation, "component", array);
      if (self->arm != CARE_READING_ARM_UNKNOWN)
        json_object_set_object_member (observation, "bodySite",
                                       new_concept (SNOMED, arm_codes[self->arm].code,
                                                    arm_codes[self->arm].display));
      if (self->position != CARE_READING_POSITION_UNKNOWN)
        add_extension (observation, CARE_READING_POSITION_EXTENSION,
                       new_concept (SNOMED, position_codes[self->position].code,
                                    position_codes[self->position].display));
    }
  else
    json_object_set_object_member (observation, "valueQuantity",
                                   new_quantity (self->kind, self->value, self->unit));

  if (self->kind == CARE_READING_GLUCOSE && self->meal != CARE_READING_MEAL_UNKNOWN)
    add_extension (observation, CARE_READING_MEAL_EXTENSION,
                   new_concept (TIMING_SYSTEM, meal_codes[self->meal].code, meal_codes[self->meal].display));

  if (self->device != NULL && self->device[0] != '\0')
    {
      JsonObject *device = json_object_new ();

      json_object_set_string_member (device, "display", self->device);
      json_object_set_object_member (observation, "device", device);
    }
  if (self->note != NULL && self->note[0] != '\0')
    {
      JsonObject *note = json_object_new ();

      array = json_array_new ();
      json_object_set_string_member (note, "text", self->note);
      json_array_add_object_element (array, note);
      json_object_set_array_member (observation, "note", array);
    }
  return observation;
}

/**
 * care_reading_draft_new:
 * @self: a reading
 * @patient: "Patient/id"
 * @error: why it is refused (care_reading_validate())
 *
 * Checks @self and makes the create that queues it.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL with @error
 */
CareOutboxDraft *
care_reading_draft_new (const CareReading  *self,
                        const char         *patient,
                        GError            **error)
{
  g_autoptr(JsonObject) observation = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (patient != NULL, NULL);

  if (!care_reading_validate (self, error))
    return NULL;
  observation = care_reading_to_observation (self, patient);
  summary = care_reading_dup_summary (self);
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, observation, summary);
}

/* Reading an Observation back */

static gboolean
concept_has (JsonObject *concept,
             const char *system,
             const char *code)
{
  JsonArray *codings = concept != NULL ? care_fhir_get_array (concept, "coding") : NULL;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (coding != NULL && g_strcmp0 (care_fhir_get_string (coding, "system"), system) == 0 &&
          g_strcmp0 (care_fhir_get_string (coding, "code"), code) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_quantity (JsonObject *holder,
               double     *out_value,
               CareUnit   *out_unit)
{
  JsonObject *quantity = care_fhir_get_object (holder, "valueQuantity");
  JsonNode *value = quantity != NULL ? json_object_get_member (quantity, "value") : NULL;
  const char *unit;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      (json_node_get_value_type (value) != G_TYPE_DOUBLE && json_node_get_value_type (value) != G_TYPE_INT64))
    return FALSE;
  *out_value = json_node_get_double (value);
  unit = care_fhir_get_string (quantity, "code");
  if (unit == NULL)
    unit = care_fhir_get_string (quantity, "unit");
  *out_unit = care_unit_parse (unit);
  return TRUE;
}

static JsonObject *
find_extension (JsonObject *observation,
                const char *url)
{
  JsonArray *extensions = care_fhir_get_array (observation, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonNode *node = json_array_get_element (extensions, i);
      JsonObject *extension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (extension != NULL && g_strcmp0 (care_fhir_get_string (extension, "url"), url) == 0)
        return care_fhir_get_object (extension, "valueCodeableConcept");
    }
  return NULL;
}

static CareReadingKind
kind_of (JsonObject *observation,
         gboolean   *found)
{
  JsonArray *codings = care_fhir_get_array (care_fhir_get_object (observation, "code"), "coding");

  *found = FALSE;
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CareReadingKind kind;

      if (coding != NULL && g_strcmp0 (care_fhir_get_string (coding, "system"), LOINC) == 0 &&
          care_reading_kind_from_loinc (care_fhir_get_string (coding, "code"), &kind))
        {
          *found = TRUE;
          return kind;
        }
    }
  return CARE_READING_WEIGHT;
}

/**
 * care_reading_from_observation:
 * @observation: an Observation, as care_reading_to_observation() writes
 *   it or as a portal sends a home reading
 * @error: %CARE_READING_ERROR_OBSERVATION when it is not a reading
 *
 * Reads a reading back (to correct one waiting in the outbox, to show
 * one). The value and unit are read as sent; the reading is not checked.
 *
 * Returns: (transfer full) (nullable): the reading, or %NULL with @error
 */
CareReading *
care_reading_from_observation (JsonObject  *observation,
                               GError     **error)
{
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *effective;
  gboolean found;
  CareReadingKind kind;
  JsonObject *concept;
  JsonArray *notes;

  g_return_val_if_fail (observation != NULL, NULL);

  kind = kind_of (observation, &found);
  effective = care_fhir_get_string (observation, "effectiveDateTime");
  if (effective != NULL)
    time = g_date_time_new_from_iso8601 (effective, local);
  if (!found || time == NULL ||
      g_strcmp0 (care_fhir_get_string (observation, "resourceType"), "Observation") != 0)
    {
      g_set_error_literal (error, CARE_READING_ERROR, CARE_READING_ERROR_OBSERVATION,
                           _("This is not a reading Carebook can show."));
      return NULL;
    }

  reading = care_reading_new (kind, NAN, CARE_UNIT_OTHER, time);
  if (kind == CARE_READING_BLOOD_PRESSURE)
    {
      JsonArray *components = care_fhir_get_array (observation, "component");

      reading->unit = CARE_UNIT_MM_HG;
      for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
        {
          JsonNode *node = json_array_get_element (components, i);
          JsonObject *component = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          JsonObject *code = component != NULL ? care_fhir_get_object (component, "code") : NULL;
          CareUnit unit;

          if (concept_has (code, LOINC, "8480-6"))
            read_quantity (component, &reading->value, &unit);
          else if (concept_has (code, LOINC, "8462-4"))
            read_quantity (component, &reading->value2, &unit);
        }
      concept = care_fhir_get_object (observation, "bodySite");
      for (guint i = 1; i < G_N_ELEMENTS (arm_codes); i++)
        {
          if (concept_has (concept, SNOMED, arm_codes[i].code))
            reading->arm = i;
        }
      concept = find_extension (observation, CARE_READING_POSITION_EXTENSION);
      for (guint i = 1; i < G_N_ELEMENTS (position_codes); i++)
        {
          if (concept_has (concept, SNOMED, position_codes[i].code))
            reading->position = i;
        }
    }
  else if (!read_quantity (observation, &reading->value, &reading->unit))
    reading->value = NAN;
  if (!care_reading_kind_accepts_unit (kind, reading->unit) &&
      care_reading_kind_get_units (kind, &(guint){ 0 })[0] == CARE_UNIT_OTHER)
    reading->unit = CARE_UNIT_OTHER;

  concept = find_extension (observation, CARE_READING_MEAL_EXTENSION);
  for (guint i = 1; i < G_N_ELEMENTS (meal_codes); i++)
    {
      if (concept_has (concept, TIMING_SYSTEM, meal_codes[i].code))
        reading->meal = i;
    }
  reading->device = g_strdup (care_fhir_get_string (care_fhir_get_object (observation, "device"), "display"));
  notes = care_fhir_get_array (observation, "note");
  if (notes != NULL && json_array_get_length (notes) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (notes, 0)))
    reading->note = g_strdup (care_fhir_get_string (json_array_get_object_element (notes, 0), "text"));
  return g_steal_pointer (&reading);
}

/**
 * care_observation_is_patient_entered:
 * @observation: an Observation
 *
 * Returns: whether the patient (or someone for them) entered it: it has
 *   the patient-entered tag, or its performer is a Patient or a
 *   RelatedPerson (a clinic's readings name a Practitioner, an
 *   Organization or no one)
 */
gboolean
care_observation_is_patient_entered (JsonObject *observation)
{
  JsonObject *meta = care_fhir_get_object (observation, "meta");
  JsonArray *tags = meta != NULL ? care_fhir_get_array (meta, "tag") : NULL;
  JsonArray *performers = care_fhir_get_array (observation, "performer");

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      JsonObject *tag = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (tag != NULL && g_strcmp0 (care_fhir_get_string (tag, "system"), CARE_READING_TAG_SYSTEM) == 0 &&
          g_strcmp0 (care_fhir_get_string (tag, "code"), CARE_READING_TAG_CODE) == 0)
        return TRUE;
    }
  for (guint i = 0; performers != NULL && i < json_array_get_length (performers); i++)
    {
      JsonNode *node = json_array_get_element (performers, i);
      JsonObject *performer = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *reference = performer != NULL ? care_fhir_get_string (performer, "reference") : NULL;

      if (reference != NULL &&
          (g_str_has_prefix (reference, "Patient/") || g_str_has_prefix (reference, "RelatedPerson/")))
        return TRUE;
    }
  return FALSE;
}
