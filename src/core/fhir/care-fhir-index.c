/* care-fhir-index.c — the columns the cache extracts from each resource
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache keeps each resource's JSON whole and, beside it, the few
 * values lists filter, sort and search on. Which element holds "the date"
 * or "the name" differs per resource type; the tables below say it once.
 * Everything is read tolerantly: a missing or mistyped element is simply
 * absent from the index.
 */
#include "config.h"

#include "care-fhir.h"
#include "care-fhir-index.h"
#include "care-fhir-scan.h"

#include <string.h>

/* Dotted paths to the element that places a resource in time, in order of
 * preference. A bare name ending in [x] is not used: each choice is listed. */
static const struct
{
  const char *type;
  const char *paths[CARE_FHIR_INDEX_MAX_PATHS];
} effective_paths[] = {
  { "Observation", { "effectiveDateTime", "effectivePeriod.start", "effectiveInstant", "issued" } },
  { "DiagnosticReport", { "effectiveDateTime", "effectivePeriod.start", "issued" } },
  { "Condition", { "onsetDateTime", "onsetPeriod.start", "recordedDate", "abatementDateTime" } },
  { "MedicationRequest", { "authoredOn" } },
  { "MedicationStatement", { "effectiveDateTime", "effectivePeriod.start", "dateAsserted" } },
  { "MedicationDispense", { "whenHandedOver", "whenPrepared" } },
  { "MedicationAdministration", { "effectiveDateTime", "effectivePeriod.start" } },
  { "SupplyDelivery", { "occurrenceDateTime", "occurrencePeriod.start" } },
  { "ImagingStudy", { "started" } },
  { "Provenance", { "recorded", "occurredDateTime", "occurredPeriod.start" } },
  { "Immunization", { "occurrenceDateTime", "recorded" } },
  { "ImmunizationRecommendation", { "date" } },
  { "DocumentReference", { "date", "context.period.start" } },
  { "Encounter", { "period.start" } },
  { "Appointment", { "start", "created" } },
  { "Procedure", { "performedDateTime", "performedPeriod.start" } },
  { "AllergyIntolerance", { "recordedDate", "onsetDateTime", "onsetPeriod.start" } },
  { "Communication", { "sent", "received" } },
  { "CommunicationRequest", { "authoredOn", "occurrenceDateTime" } },
  { "CarePlan", { "period.start", "created" } },
  { "CareTeam", { "period.start" } },
  { "Goal", { "startDate", "statusDate" } },
  { "ServiceRequest", { "occurrenceDateTime", "occurrencePeriod.start", "authoredOn" } },
  { "FamilyMemberHistory", { "date" } },
  { "QuestionnaireResponse", { "authored" } },
  { "Task", { "authoredOn", "lastModified" } },
  { "Coverage", { "period.start" } },
  { "ExplanationOfBenefit", { "billablePeriod.start", "created" } },
  { "Claim", { "billablePeriod.start", "created" } },
  { "Invoice", { "date" } },
  { "PaymentNotice", { "created" } },
  { "Account", { "servicePeriod.start" } },
  { "Consent", { "dateTime" } },
  { "VisionPrescription", { "dateWritten", "created" } },
  { "Slot", { "start" } },
};

/* Elements that name a resource for a list, in order of preference: a
 * CodeableConcept, a string, a HumanName array or a Reference's display. */
#define NAME_CONCEPT CARE_FHIR_NAME_CONCEPT
#define NAME_STRING CARE_FHIR_NAME_STRING
#define NAME_HUMAN CARE_FHIR_NAME_HUMAN
#define NAME_REFERENCE CARE_FHIR_NAME_REFERENCE
#define NAME_CONCEPT_LIST CARE_FHIR_NAME_CONCEPT_LIST
typedef CareFhirNameKind NameKind;

static const struct
{
  const char *type;
  CareFhirNamePath names[CARE_FHIR_INDEX_MAX_NAMES];
} display_paths[] = {
  { "MedicationRequest", { { NAME_CONCEPT, "medicationCodeableConcept" }, { NAME_REFERENCE, "medicationReference" } } },
  { "MedicationStatement", { { NAME_CONCEPT, "medicationCodeableConcept" }, { NAME_REFERENCE, "medicationReference" } } },
  { "MedicationDispense", { { NAME_CONCEPT, "medicationCodeableConcept" }, { NAME_REFERENCE, "medicationReference" } } },
  { "MedicationAdministration", { { NAME_CONCEPT, "medicationCodeableConcept" }, { NAME_REFERENCE, "medicationReference" } } },
  { "SupplyDelivery", { { NAME_CONCEPT, "suppliedItem.itemCodeableConcept" }, { NAME_REFERENCE, "suppliedItem.itemReference" } } },
  { "ImagingStudy", { { NAME_STRING, "description" }, { NAME_CONCEPT_LIST, "procedureCode" } } },
  { "Claim", { { NAME_CONCEPT, "type" } } },
  { "Immunization", { { NAME_CONCEPT, "vaccineCode" } } },
  { "DocumentReference", { { NAME_STRING, "description" }, { NAME_CONCEPT, "type" }, { NAME_CONCEPT_LIST, "category" } } },
  { "Encounter", { { NAME_CONCEPT_LIST, "type" }, { NAME_CONCEPT, "serviceType" }, { NAME_STRING, "class.display" } } },
  { "Appointment", { { NAME_STRING, "description" }, { NAME_CONCEPT_LIST, "serviceType" }, { NAME_CONCEPT, "appointmentType" } } },
  { "Communication", { { NAME_CONCEPT, "topic" }, { NAME_STRING, "note" }, { NAME_CONCEPT_LIST, "category" } } },
  { "CarePlan", { { NAME_STRING, "title" }, { NAME_STRING, "description" }, { NAME_CONCEPT_LIST, "category" } } },
  { "CareTeam", { { NAME_STRING, "name" }, { NAME_CONCEPT_LIST, "category" } } },
  { "Goal", { { NAME_CONCEPT, "description" } } },
  { "Patient", { { NAME_HUMAN, "name" } } },
  { "Practitioner", { { NAME_HUMAN, "name" } } },
  { "RelatedPerson", { { NAME_HUMAN, "name" } } },
  { "Organization", { { NAME_STRING, "name" } } },
  { "Location", { { NAME_STRING, "name" } } },
  { "HealthcareService", { { NAME_STRING, "name" } } },
  { "Questionnaire", { { NAME_STRING, "title" }, { NAME_STRING, "name" } } },
  { "QuestionnaireResponse", { { NAME_REFERENCE, "questionnaire" } } },
  { "Coverage", { { NAME_CONCEPT, "type" }, { NAME_REFERENCE, "payor" } } },
  { "ExplanationOfBenefit", { { NAME_CONCEPT, "type" } } },
  { "Invoice", { { NAME_CONCEPT, "type" } } },
  { "Account", { { NAME_STRING, "name" }, { NAME_CONCEPT, "type" } } },
  { "Task", { { NAME_STRING, "description" }, { NAME_CONCEPT, "code" } } },
  { "Consent", { { NAME_CONCEPT_LIST, "category" }, { NAME_CONCEPT, "scope" } } },
};

/* Elements that point at the patient a resource is about. */
const char * const care_fhir_index_patient_members[] = {
  "subject", "patient", "beneficiary", "for", "individual", NULL
};

/* Members whose strings are identifiers, addresses or binary data: not
 * words anybody searches their record for. */
const char * const care_fhir_index_unsearched_members[] = {
  "id", "system", "url", "reference", "fullUrl", "data", "versionId", "lastUpdated", "profile",
  "resourceType", "div", "hash", "contentType", "language", "use", "security", "tag", NULL
};

/**
 * care_fhir_index_effective_paths:
 * @type: a resource type
 *
 * Returns: (nullable): the paths to the date that places a resource of
 *   @type in time, in order of preference, at most
 *   %CARE_FHIR_INDEX_MAX_PATHS and %NULL-terminated below that
 */
const char * const *
care_fhir_index_effective_paths (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (effective_paths); i++)
    if (effective_paths[i].type[0] == type[0] && g_str_equal (effective_paths[i].type, type))
      return effective_paths[i].paths;
  return NULL;
}

/**
 * care_fhir_index_name_paths:
 * @type: a resource type
 *
 * Returns: (nullable): the %CARE_FHIR_INDEX_MAX_NAMES elements that name a
 *   resource of @type, in order of preference (unused ones have no path)
 */
const CareFhirNamePath *
care_fhir_index_name_paths (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (display_paths); i++)
    if (display_paths[i].type[0] == type[0] && g_str_equal (display_paths[i].type, type))
      return display_paths[i].names;
  return NULL;
}

/* A list as CareFhirIndex holds it, from @array's strings (taken). */
static CareFhirStrings *
strings_take (GPtrArray *array)
{
  CareFhirStrings *strings = g_new (CareFhirStrings, 1);

  strings->len = array->len;
  strings->pdata = (char **)g_ptr_array_free (array, FALSE);
  return strings;
}

static void
strings_free (CareFhirStrings *strings)
{
  if (strings == NULL)
    return;
  for (guint i = 0; i < strings->len; i++)
    g_free (strings->pdata[i]);
  g_free (strings->pdata);
  g_free (strings);
}

void
care_fhir_index_free (CareFhirIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->type);
  g_free (index->id);
  g_free (index->version_id);
  g_free (index->last_updated);
  g_free (index->patient);
  strings_free (index->categories);
  strings_free (index->codings);
  g_free (index->code_system);
  g_free (index->code);
  g_free (index->effective);
  g_free (index->status);
  g_free (index->display);
  g_free (index->value_text);
  g_free (index->value_unit);
  g_free (index->interpretation);
  g_free (index->search_text);
  g_free (index);
}

static JsonNode *
get_path (JsonObject *object,
          const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;
      node = json_object_get_member (object, parts[i]);
      if (node == NULL)
        return NULL;
      /* An array on the way takes its first element, as FHIRPath would. */
      if (JSON_NODE_HOLDS_ARRAY (node) && parts[i + 1] != NULL)
        {
          JsonArray *array = json_node_get_array (node);

          node = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
          if (node == NULL)
            return NULL;
        }
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }

  return node;
}

static const char *
get_path_string (JsonObject *object,
                 const char *path)
{
  JsonNode *node = get_path (object, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_path_object (JsonObject *object,
                 const char *path)
{
  JsonNode *node = get_path (object, path);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      node = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
    }
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_codings (GPtrArray  *into,
             JsonObject *concept)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = care_fhir_get_array_object (concept, "coding", i);
      const char *code = care_fhir_get_string (coding, "code");

      if (code != NULL)
        g_ptr_array_add (into, g_strdup_printf ("%s|%s", care_fhir_get_string (coding, "system") ?: "",
                                                code));
    }
}

/* A Provenance's targets, "Type/id", under CARE_FHIR_INDEX_TARGET_SYSTEM;
 * a version-specific target ("…/_history/2") names the resource too. */
static void
add_targets (GPtrArray  *into,
             JsonObject *provenance)
{
  JsonArray *targets = care_fhir_get_array (provenance, "target");

  for (guint i = 0; targets != NULL && i < json_array_get_length (targets); i++)
    {
      CareFhirReference reference = { 0 };

      if (care_fhir_read_reference (care_fhir_get_array_object (provenance, "target", i), &reference) &&
          reference.type != NULL && reference.id != NULL &&
          (reference.kind == CARE_FHIR_REFERENCE_RELATIVE || reference.kind == CARE_FHIR_REFERENCE_ABSOLUTE))
        g_ptr_array_add (into, g_strdup_printf (CARE_FHIR_INDEX_TARGET_SYSTEM "|%s/%s", reference.type,
                                                reference.id));
      care_fhir_reference_clear (&reference);
    }
}

static void
extract_effective (CareFhirIndex *index,
                   JsonObject    *resource)
{
  for (guint i = 0; i < G_N_ELEMENTS (effective_paths); i++)
    {
      if (!g_str_equal (effective_paths[i].type, index->type))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (effective_paths[i].paths) && effective_paths[i].paths[j]; j++)
        {
          const char *value = get_path_string (resource, effective_paths[i].paths[j]);
          gint64 seconds;

          if (value != NULL && care_fhir_parse_date (value, &seconds, NULL))
            {
              index->effective = g_strdup (value);
              index->effective_unix = seconds;
              return;
            }
        }
      return;
    }
}

static char *
dup_name (JsonObject *resource,
          NameKind    kind,
          const char *path)
{
  JsonNode *node;

  switch (kind)
    {
    case NAME_CONCEPT:
    case NAME_CONCEPT_LIST:
      return care_fhir_dup_concept_text (get_path_object (resource, path));

    case NAME_STRING:
      /* "note" is an Annotation array: its text is the words. */
      if (g_str_equal (path, "note"))
        return g_strdup (get_path_string (resource, "note.text"));
      return g_strdup (get_path_string (resource, path));

    case NAME_HUMAN:
      node = json_object_get_member (resource, path);
      return care_fhir_dup_human_name (node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                                       ? json_node_get_array (node) : NULL);

    case NAME_REFERENCE:
      return g_strdup (care_fhir_get_string (get_path_object (resource, path), "display"));

    default:
      g_assert_not_reached ();
    }
}

static char *
dup_display (CareFhirIndex *index,
             JsonObject    *resource)
{
  char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (display_paths); i++)
    {
      if (!g_str_equal (display_paths[i].type, index->type))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (display_paths[i].names) && text == NULL; j++)
        if (display_paths[i].names[j].path != NULL)
          text = dup_name (resource, display_paths[i].names[j].kind, display_paths[i].names[j].path);
      if (text != NULL)
        return text;
    }

  /* Observation, DiagnosticReport, Condition, Procedure, AllergyIntolerance,
   * ServiceRequest, Medication and most others are named by their code. */
  text = care_fhir_dup_concept_text (care_fhir_get_object (resource, "code"));
  if (text == NULL)
    text = g_strdup (care_fhir_get_string (resource, "title"));
  if (text == NULL)
    text = g_strdup (care_fhir_get_string (resource, "name"));
  return text;
}

static char *
dup_status (JsonObject *resource)
{
  JsonObject *clinical = care_fhir_get_object (resource, "clinicalStatus");
  JsonObject *coding;

  if (care_fhir_get_string (resource, "status") != NULL)
    return g_strdup (care_fhir_get_string (resource, "status"));

  /* Condition and AllergyIntolerance: a code a program can compare. */
  coding = care_fhir_get_first_coding (clinical);
  if (coding != NULL)
    return g_strdup (care_fhir_get_string (coding, "code"));
  return care_fhir_dup_concept_text (clinical);
}

static char *
dup_value_text (JsonObject *holder,
                double     *out_number,
                gboolean   *out_has_number,
                char      **out_unit)
{
  JsonObject *object;
  JsonNode *node;
  const char *unit = NULL;

  if ((object = care_fhir_get_object (holder, "valueQuantity")) != NULL)
    {
      if (out_number != NULL && care_fhir_get_quantity (object, out_number, &unit))
        {
          *out_has_number = TRUE;
          *out_unit = g_strdup (unit);
        }
      return care_fhir_dup_quantity_text (object);
    }
  if ((object = care_fhir_get_object (holder, "valueCodeableConcept")) != NULL)
    return care_fhir_dup_concept_text (object);
  if (care_fhir_get_string (holder, "valueString") != NULL)
    return g_strdup (care_fhir_get_string (holder, "valueString"));
  if (care_fhir_get_string (holder, "valueDateTime") != NULL)
    return g_strdup (care_fhir_get_string (holder, "valueDateTime"));
  if ((node = json_object_get_member (holder, "valueBoolean")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if ((node = json_object_get_member (holder, "valueInteger")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      if (out_number != NULL)
        {
          *out_number = json_node_get_int (node);
          *out_has_number = TRUE;
        }
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  if ((object = care_fhir_get_object (holder, "valueRange")) != NULL)
    {
      g_autofree char *low = care_fhir_dup_quantity_text (care_fhir_get_object (object, "low"));
      g_autofree char *high = care_fhir_dup_quantity_text (care_fhir_get_object (object, "high"));

      if (low != NULL || high != NULL)
        return g_strdup_printf ("%s–%s", low ?: "", high ?: "");
    }
  if ((object = care_fhir_get_object (holder, "valueRatio")) != NULL)
    {
      g_autofree char *numerator = care_fhir_dup_quantity_text (care_fhir_get_object (object, "numerator"));
      g_autofree char *denominator = care_fhir_dup_quantity_text (care_fhir_get_object (object, "denominator"));

      if (numerator != NULL && denominator != NULL)
        return g_strdup_printf ("%s/%s", numerator, denominator);
    }

  return NULL;
}

/* Blood pressure and its kind keep their values in components: "120/80 mmHg"
 * when the units agree, else each with its own unit. A two-part
 * measurement shows its two parts; a mean beside them is for the detail. */
static gboolean
is_shown_part (JsonObject *component,
               gboolean    pair)
{
  return !pair || care_fhir_component_rank (component) > 0;
}

static char *
dup_component_text (JsonObject *observation)
{
  g_autoptr(GPtrArray) components = care_fhir_dup_components (observation);
  g_autoptr(GString) text = NULL;
  g_autofree char *shared_unit = NULL;
  gboolean same_unit = TRUE;
  gboolean pair = components->len > 0 && care_fhir_component_rank (components->pdata[0]) > 0;
  guint n = 0;

  for (guint i = 0; i < components->len; i++)
    {
      JsonObject *quantity = care_fhir_get_object (components->pdata[i], "valueQuantity");
      const char *unit = NULL;
      double value;

      if (!is_shown_part (components->pdata[i], pair) ||
          !care_fhir_get_quantity (quantity, &value, &unit))
        continue;
      if (n == 0)
        shared_unit = g_strdup (unit);
      else if (g_strcmp0 (shared_unit, unit) != 0)
        same_unit = FALSE;
      n++;
    }
  if (n == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < components->len; i++)
    {
      JsonObject *quantity = care_fhir_get_object (components->pdata[i], "valueQuantity");
      g_autofree char *part = NULL;
      double value;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (!is_shown_part (components->pdata[i], pair) ||
          !care_fhir_get_quantity (quantity, &value, NULL))
        continue;
      part = same_unit ? g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value))
                       : care_fhir_dup_quantity_text (quantity);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "/" : "", part);
    }
  if (same_unit && shared_unit != NULL && shared_unit[0] != '\0')
    g_string_append_printf (text, " %s", shared_unit);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_interpretation (JsonObject *observation)
{
  /* Worked out from the reference range when the server sent none. */
  return care_fhir_read_flag_code (observation, NULL);
}

typedef struct
{
  GHashTable *seen;
  GString    *text;
} WordWalk;

static void collect_words (JsonNode *node, WordWalk *walk);

/**
 * care_fhir_index_is_unsearched:
 * @name: a member name
 *
 * Returns: whether the strings of member @name are left out of the words
 */
gboolean
care_fhir_index_is_unsearched (const char *name)
{
  for (guint i = 0; care_fhir_index_unsearched_members[i] != NULL; i++)
    if (name[0] == care_fhir_index_unsearched_members[i][0] && strcmp (name, care_fhir_index_unsearched_members[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
collect_member_words (JsonObject *object,
                      const char *name,
                      JsonNode   *node,
                      gpointer    user_data)
{
  if (!JSON_NODE_HOLDS_NULL (node) && !care_fhir_index_is_unsearched (name))
    collect_words (node, user_data);
}

static void
collect_words (JsonNode *node,
               WordWalk *walk)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    json_object_foreach_member (json_node_get_object (node), collect_member_words, walk);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);

      for (guint i = 0; i < length; i++)
        collect_words (json_array_get_element (array, i), walk);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *value = json_node_get_string (node);

      /* Addresses and long opaque strings are not words; repeats add nothing. */
      if (value[0] == '\0' || strstr (value, "://") != NULL || strlen (value) > 4096 ||
          !g_hash_table_add (walk->seen, (gpointer)value))
        return;
      if (walk->text->len > 0)
        g_string_append_c (walk->text, '\n');
      g_string_append (walk->text, value);
    }
}

/**
 * care_fhir_index_new:
 * @resource: a resource
 *
 * Reads the index columns of @resource. Nothing is required but
 * resourceType; whatever is missing is left empty.
 *
 * Returns: (transfer full): the index
 */
CareFhirIndex *
care_fhir_index_new (JsonObject *resource)
{
  CareFhirIndex *index;
  JsonObject *meta;
  JsonObject *code;
  JsonObject *coding;
  JsonArray *categories;
  GPtrArray *categories_list;
  GPtrArray *codings;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(JsonNode) node = NULL;
  GString *words;

  g_return_val_if_fail (resource != NULL, NULL);

  index = g_new0 (CareFhirIndex, 1);
  index->type = g_strdup (care_fhir_get_string (resource, "resourceType") ?: "");
  index->id = g_strdup (care_fhir_get_string (resource, "id"));
  meta = care_fhir_get_object (resource, "meta");
  index->version_id = g_strdup (care_fhir_get_string (meta, "versionId"));
  index->last_updated = g_strdup (care_fhir_get_string (meta, "lastUpdated"));
  index->effective_unix = G_MININT64;
  categories_list = g_ptr_array_new_with_free_func (g_free);
  codings = g_ptr_array_new_with_free_func (g_free);

  if (g_str_equal (index->type, "Patient"))
    index->patient = g_strdup (index->id);
  for (guint i = 0; care_fhir_index_patient_members[i] != NULL && index->patient == NULL; i++)
    {
      CareFhirReference reference;

      if (care_fhir_read_reference (get_path_object (resource, care_fhir_index_patient_members[i]), &reference) &&
          g_strcmp0 (reference.type, "Patient") == 0)
        index->patient = g_steal_pointer (&reference.id);
      care_fhir_reference_clear (&reference);
    }

  categories = care_fhir_get_array (resource, "category");
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    add_codings (categories_list, care_fhir_get_array_object (resource, "category", i));
  /* Encounter.class is a lone Coding that works like a category. */
  if (categories == NULL && care_fhir_get_object (resource, "category") != NULL)
    add_codings (categories_list, care_fhir_get_object (resource, "category"));

  code = care_fhir_get_object (resource, "code");
  if (code == NULL)
    code = care_fhir_get_object (resource, "vaccineCode");
  if (code == NULL)
    code = care_fhir_get_object (resource, "medicationCodeableConcept");
  if (code == NULL)
    code = care_fhir_get_object (resource, "type");
  add_codings (codings, code);
  if (g_str_equal (index->type, "Provenance"))
    add_targets (codings, resource);
  index->categories = strings_take (categories_list);
  index->codings = strings_take (codings);
  coding = care_fhir_get_first_coding (code);
  if (coding != NULL)
    {
      index->code_system = g_strdup (care_fhir_get_string (coding, "system"));
      index->code = g_strdup (care_fhir_get_string (coding, "code"));
    }

  extract_effective (index, resource);
  index->status = dup_status (resource);
  index->display = dup_display (index, resource);

  if (g_str_equal (index->type, "Observation"))
    {
      index->value_text = dup_value_text (resource, &index->value_number, &index->has_value_number,
                                          &index->value_unit);
      if (index->value_text == NULL)
        index->value_text = dup_component_text (resource);
      index->interpretation = dup_interpretation (resource);
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  words = g_string_sized_new (256);
  node = json_node_init_object (json_node_alloc (), resource);
  {
    WordWalk walk = { seen, words };

    collect_words (node, &walk);
  }
  index->search_text = g_string_free (words, FALSE);

  return index;
}
