/* care-sandbox-params.c — which types and search parameters the sandbox serves
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table says, per resource type, where its date is, which token search
 * parameters it has and which elements feed them. The store indexes from
 * it, searches check against it and /metadata is generated from it, so the
 * CapabilityStatement lists exactly what the sandbox does. Adding a type
 * or a parameter is one line here.
 */
#include "config.h"

#include "care-sandbox-params.h"

#include <stdio.h>
#include <string.h>

/* How a type may be used: shared types are outside any patient
 * compartment (directory data every signed-in user may read); writable
 * types take create and update from a patient's token. */
enum
{
  SHARED   = 1 << 0,
  WRITABLE = 1 << 1,
};

typedef struct
{
  const char *type;
  /* "effective period": names its date is searched by besides "date" */
  const char *date_params;
  /* "path|path": the first that exists gives the date searched and sorted by */
  const char *date;
  /* "param=path|path;param=path": token parameters and their elements */
  const char *tokens;
  /* "status code medication[x]": what a create or update must carry */
  const char *required;
  guint       flags;
} TypeInfo;

/* One line per type: the store indexes from it, searches check against
 * it, the REST layer validates writes with it and /metadata lists it. */
static const TypeInfo types[] = {
  { "Patient", "birthdate", "birthDate", "gender=gender", NULL, WRITABLE },
  { "Observation", "effective",
    "effectiveDateTime|effectivePeriod.start|effectiveInstant|issued",
    "category=category;code=code;status=status", "status code", WRITABLE },
  { "DiagnosticReport", "effective", "effectiveDateTime|effectivePeriod.start|issued",
    "category=category;code=code;status=status", "status code", 0 },
  { "ImagingStudy", "started", "started", "status=status;modality=series.modality", "status subject", 0 },
  { "Condition", "onset-date recorded-date", "onsetDateTime|onsetPeriod.start|recordedDate",
    "category=category;code=code;clinical-status=clinicalStatus", "subject", WRITABLE },
  { "AllergyIntolerance", NULL, "recordedDate|onsetDateTime",
    "code=code;clinical-status=clinicalStatus", "patient", WRITABLE },
  { "MedicationRequest", "authoredon", "authoredOn",
    "status=status;intent=intent;code=medicationCodeableConcept",
    "status intent medication[x] subject", 0 },
  { "MedicationStatement", "effective", "effectiveDateTime|effectivePeriod.start|dateAsserted",
    "status=status;code=medicationCodeableConcept", "status medication[x] subject", WRITABLE },
  { "MedicationDispense", "whenhandedover", "whenHandedOver|whenPrepared",
    "status=status;code=medicationCodeableConcept", "status medication[x]", 0 },
  { "MedicationAdministration", "effective-time", "effectiveDateTime|effectivePeriod.start",
    "status=status;code=medicationCodeableConcept", "status medication[x] subject effective[x]", 0 },
  { "SupplyDelivery", NULL, "occurrenceDateTime|occurrencePeriod.start", "status=status", "patient", 0 },
  { "Medication", NULL, NULL, "code=code", NULL, SHARED },
  { "Immunization", NULL, "occurrenceDateTime|recorded",
    "status=status;vaccine-code=vaccineCode", "status vaccineCode patient occurrence[x]", WRITABLE },
  { "ImmunizationRecommendation", NULL, "date", "vaccine-type=recommendation.vaccineCode",
    "patient date recommendation", 0 },
  { "Procedure", NULL, "performedDateTime|performedPeriod.start", "code=code;status=status",
    "status subject", 0 },
  { "FamilyMemberHistory", NULL, "date", "status=status;relationship=relationship",
    "status patient relationship", WRITABLE },
  { "CarePlan", NULL, "period.start", "category=category;status=status;intent=intent",
    "status intent subject", 0 },
  { "Goal", "start-date", "startDate", "lifecycle-status=lifecycleStatus",
    "lifecycleStatus description subject", WRITABLE },
  { "CareTeam", NULL, "period.start", "status=status", NULL, 0 },
  { "Encounter", NULL, "period.start", "class=class;type=type;status=status", "status class",
    0 },
  { "DocumentReference", "period", "date|context.period.start",
    "category=category;type=type;status=status", "status content", WRITABLE },
  { "Binary", NULL, NULL, NULL, "contentType", WRITABLE },
  { "Communication", "sent", "sent", "category=category;status=status", "status", WRITABLE },
  { "Appointment", NULL, "start", "status=status;service-type=serviceType;category=serviceCategory",
    "status participant", WRITABLE },
  { "Schedule", NULL, "planningHorizon.start", "service-type=serviceType", "actor", SHARED },
  { "Slot", "start", "start", "status=status;service-type=serviceType",
    "schedule status start end", SHARED },
  { "ServiceRequest", "authored", "authoredOn", "category=category;code=code;status=status;intent=intent",
    "status intent subject", 0 },
  { "VisionPrescription", "datewritten", "dateWritten", "status=status",
    "status created patient dateWritten prescriber lensSpecification", 0 },
  { "Coverage", NULL, "period.start", "status=status", "status beneficiary payor", 0 },
  { "ExplanationOfBenefit", "created", "created", "status=status;type=type",
    "status type use patient created insurer provider outcome insurance", 0 },
  { "Claim", "created", "created", "status=status;use=use", "status type use patient created provider",
    0 },
  { "Account", "period", "servicePeriod.start", "status=status", "status", 0 },
  { "Invoice", NULL, "date", "status=status", "status", 0 },
  /* A payment of a statement (care-sandbox-payments.c). */
  { "PaymentNotice", NULL, "created", "status=status", "status request payment recipient amount", WRITABLE },
  { "QuestionnaireResponse", "authored", "authored", "status=status", "status", WRITABLE },
  { "Questionnaire", NULL, "date", "status=status", NULL, SHARED },
  { "Task", "authored-on", "authoredOn", "status=status;code=code", "status intent for", 0 },
  { "Provenance", NULL, "recorded", "agent-type=agent.type", "target recorded agent", 0 },
  /* Patients create only their health care agent (care-sandbox-directives.c). */
  { "RelatedPerson", NULL, NULL, "relationship=relationship", "patient", WRITABLE },
  { "Practitioner", NULL, NULL, NULL, NULL, SHARED },
  { "Organization", NULL, NULL, NULL, NULL, SHARED },
  { "Location", NULL, NULL, NULL, NULL, SHARED },
  { "HealthcareService", NULL, NULL, "service-type=type;category=category", NULL, SHARED },
  /* The answers a questionnaire names by URL (care-sandbox-value-sets.c). */
  { "ValueSet", NULL, NULL, NULL, NULL, SHARED },
};

static const TypeInfo *
lookup_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].type, type) == 0)
      return &types[i];

  return NULL;
}

/**
 * care_sandbox_params_get_types:
 *
 * Returns: (transfer none): the supported resource types, %NULL-terminated
 */
const char * const *
care_sandbox_params_get_types (void)
{
  static const char *names[G_N_ELEMENTS (types) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      names[i] = types[i].type;

  return names;
}

gboolean
care_sandbox_params_is_supported_type (const char *type)
{
  return lookup_type (type) != NULL;
}

/**
 * care_sandbox_params_type_is_shared:
 * @type: a resource type
 *
 * Returns: %TRUE for types outside patient compartments (practitioners,
 *   locations, free slots…) that any signed-in user may read
 */
gboolean
care_sandbox_params_type_is_shared (const char *type)
{
  const TypeInfo *info = lookup_type (type);

  return info != NULL && (info->flags & SHARED) != 0;
}

/**
 * care_sandbox_params_type_is_writable:
 * @type: a resource type
 *
 * Returns: %TRUE if a patient's token may create and update @type
 */
gboolean
care_sandbox_params_type_is_writable (const char *type)
{
  const TypeInfo *info = lookup_type (type);

  return info != NULL && (info->flags & WRITABLE) != 0;
}

static gboolean
is_date_param (const TypeInfo *info,
               const char     *name)
{
  g_auto(GStrv) names = NULL;

  if (info->date == NULL)
    return FALSE;
  if (g_str_equal (name, "date"))
    return TRUE;

  names = g_strsplit (info->date_params != NULL ? info->date_params : "", " ", -1);
  return g_strv_contains ((const char * const *)names, name);
}

/**
 * care_sandbox_params_lookup:
 * @type: a resource type
 * @name: a search parameter name, without modifier
 * @out_kind: (out): what kind of parameter it is
 *
 * Returns: %TRUE if @type supports @name
 */
gboolean
care_sandbox_params_lookup (const char           *type,
                            const char           *name,
                            CareSandboxParamKind *out_kind)
{
  const TypeInfo *info = lookup_type (type);
  g_auto(GStrv) tokens = NULL;

  if (info == NULL)
    return FALSE;

  if (g_str_equal (name, "_id"))
    {
      *out_kind = CARE_SANDBOX_PARAM_ID;
      return TRUE;
    }
  if (g_str_equal (name, "_lastUpdated"))
    {
      *out_kind = CARE_SANDBOX_PARAM_LAST_UPDATED;
      return TRUE;
    }
  if ((g_str_equal (name, "patient") || g_str_equal (name, "subject")) &&
      (info->flags & SHARED) == 0)
    {
      *out_kind = CARE_SANDBOX_PARAM_PATIENT;
      return TRUE;
    }
  /* Every type is searchable by its business identifiers and its tags
   * (the outbox's client-made identifiers rely on them; a Binary, which
   * has no identifier, carries it as a tag). */
  if (g_str_equal (name, "identifier") || g_str_equal (name, "_tag"))
    {
      *out_kind = CARE_SANDBOX_PARAM_TOKEN;
      return TRUE;
    }
  if (is_date_param (info, name))
    {
      *out_kind = CARE_SANDBOX_PARAM_DATE;
      return TRUE;
    }

  tokens = g_strsplit (info->tokens != NULL ? info->tokens : "", ";", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *eq = strchr (tokens[i], '=');

      if (eq != NULL && strncmp (tokens[i], name, eq - tokens[i]) == 0 &&
          name[eq - tokens[i]] == '\0')
        {
          *out_kind = CARE_SANDBOX_PARAM_TOKEN;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * care_sandbox_params_dup_missing:
 * @resource: a resource of a supported type
 *
 * What FHIR R4 says a resource of this type must carry (a choice such as
 * `medication[x]` is met by any of its forms).
 *
 * Returns: (transfer full) (nullable): the first missing element, or %NULL
 *   if nothing required is missing
 */
char *
care_sandbox_params_dup_missing (JsonObject *resource)
{
  const TypeInfo *info = lookup_type (json_object_get_string_member_with_default (resource,
                                                                                 "resourceType", ""));
  g_auto(GStrv) required = NULL;

  if (info == NULL || info->required == NULL)
    return NULL;

  required = g_strsplit (info->required, " ", -1);
  for (guint i = 0; required[i] != NULL; i++)
    {
      const char *name = required[i];
      gboolean found = FALSE;

      if (g_str_has_suffix (name, "[x]"))
        {
          g_autoptr(GList) members = json_object_get_members (resource);
          gsize stem = strlen (name) - 3;

          for (GList *l = members; l != NULL && !found; l = l->next)
            {
              const char *member = l->data;

              found = strncmp (member, name, stem) == 0 && g_ascii_isupper (member[stem]);
            }
        }
      else
        {
          JsonNode *node = json_object_get_member (resource, name);

          found = node != NULL && !JSON_NODE_HOLDS_NULL (node);
        }

      if (!found)
        return g_strdup (name);
    }

  return NULL;
}

/**
 * care_sandbox_params_dup_fingerprint:
 *
 * A store indexed with another table (an added type or parameter) must be
 * indexed again; the store compares this with the one it last used.
 *
 * Returns: (transfer full): a digest of the table and the index format
 */
char *
care_sandbox_params_dup_fingerprint (void)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  /* Bumped when the way columns are derived changes (dates in UTC). */
  static const char format[] = "index-format-3";

  g_checksum_update (checksum, (const guchar *)format, -1);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const char *fields[] = { types[i].type, types[i].date, types[i].tokens };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          g_checksum_update (checksum, (const guchar *)(fields[j] != NULL ? fields[j] : "-"), -1);
          g_checksum_update (checksum, (const guchar *)"\n", 1);
        }
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Calls func for every node a dotted path reaches, through arrays. */
static void
walk (JsonNode   *node,
      char      **segments,
      void      (*func) (JsonNode *, gpointer),
      gpointer    data)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (json_array_get_element (array, i), segments, func, data);
      return;
    }

  if (segments[0] == NULL)
    {
      func (node, data);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    walk (json_object_get_member (json_node_get_object (node), segments[0]),
          segments + 1, func, data);
}

typedef struct
{
  GPtrArray  *tokens;
  const char *param;
} TokenWalk;

static void
add_token (TokenWalk  *walk_data,
           const char *system,
           const char *code)
{
  CareSandboxToken *token;

  if (code == NULL || code[0] == '\0')
    return;

  token = g_new0 (CareSandboxToken, 1);
  token->param = walk_data->param;
  token->system = g_strdup (system);
  token->code = g_strdup (code);
  g_ptr_array_add (walk_data->tokens, token);
}

static void
collect_token_cb (JsonNode *node,
                  gpointer  user_data)
{
  TokenWalk *walk_data = user_data;
  JsonObject *object;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      add_token (walk_data, NULL, json_node_get_string (node));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (json_object_has_member (object, "coding"))
    {
      JsonArray *codings = json_object_get_array_member (object, "coding");

      for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
        {
          JsonObject *coding = json_array_get_object_element (codings, i);

          if (coding != NULL)
            add_token (walk_data,
                       json_object_get_string_member_with_default (coding, "system", NULL),
                       json_object_get_string_member_with_default (coding, "code", NULL));
        }
    }
  else if (json_object_has_member (object, "code"))
    add_token (walk_data,
               json_object_get_string_member_with_default (object, "system", NULL),
               json_object_get_string_member_with_default (object, "code", NULL));
  else if (json_object_has_member (object, "value"))
    add_token (walk_data,
               json_object_get_string_member_with_default (object, "system", NULL),
               json_object_get_string_member_with_default (object, "value", NULL));
}

static void
token_free (gpointer data)
{
  CareSandboxToken *token = data;

  g_free (token->system);
  g_free (token->code);
  g_free (token);
}

/**
 * care_sandbox_params_extract_tokens:
 * @resource: a resource of a supported type
 *
 * Returns: (transfer full) (element-type CareSandboxToken): its tokens
 */
GPtrArray *
care_sandbox_params_extract_tokens (JsonObject *resource)
{
  const TypeInfo *info = lookup_type (json_object_get_string_member_with_default (resource,
                                                                                 "resourceType", ""));
  GPtrArray *tokens = g_ptr_array_new_with_free_func (token_free);
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) params = NULL;

  if (info == NULL)
    return tokens;

  root = json_node_alloc ();
  json_node_init_object (root, resource);

  {
    g_auto(GStrv) segments = g_strsplit ("identifier", ".", -1);
    TokenWalk walk_data = { tokens, g_intern_static_string ("identifier") };

    walk (root, segments, collect_token_cb, &walk_data);
  }
  {
    g_auto(GStrv) segments = g_strsplit ("meta.tag", ".", -1);
    TokenWalk walk_data = { tokens, g_intern_static_string ("_tag") };

    walk (root, segments, collect_token_cb, &walk_data);
  }

  if (info->tokens == NULL)
    return tokens;

  params = g_strsplit (info->tokens, ";", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (params[i], "=", 2);
      g_auto(GStrv) paths = NULL;
      TokenWalk walk_data = { tokens, NULL };

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      walk_data.param = g_intern_string (pair[0]);
      paths = g_strsplit (pair[1], "|", -1);
      for (guint j = 0; paths[j] != NULL; j++)
        {
          g_auto(GStrv) segments = g_strsplit (paths[j], ".", -1);

          walk (root, segments, collect_token_cb, &walk_data);
        }
    }

  return tokens;
}

static void
first_string_cb (JsonNode *node,
                 gpointer  user_data)
{
  char **out = user_data;

  if (*out == NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
}

/**
 * care_sandbox_params_dup_sortable_date:
 * @value: an ISO 8601 date or date-time, possibly partial ("2024-03")
 *
 * Dates keep their precision; date-times become UTC with milliseconds
 * ("2024-03-05T14:00:00.000Z"), the form meta.lastUpdated has, so that
 * ordering and comparing the text orders and compares the instants.
 *
 * Returns: (transfer full) (nullable): the sortable text, or %NULL if
 *   @value is not a date
 */
char *
care_sandbox_params_dup_sortable_date (const char *value)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;
  gsize len;

  if (value == NULL)
    return NULL;

  len = strlen (value);
  if (len <= 10)
    {
      int year = 0, month = 1, day = 1;

      if (!((len == 4 && sscanf (value, "%4d", &year) == 1) ||
            (len == 7 && sscanf (value, "%4d-%2d", &year, &month) == 2) ||
            (len == 10 && sscanf (value, "%4d-%2d-%2d", &year, &month, &day) == 3)) ||
          !g_date_valid_dmy (day, month, year))
        return NULL;

      return g_strdup (value);
    }

  /* FHIR date-times carry a zone; one without is read as UTC. */
  zone = g_time_zone_new_utc ();
  when = g_date_time_new_from_iso8601 (value, zone);
  if (when == NULL)
    return NULL;

  utc = g_date_time_to_utc (when);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/**
 * care_sandbox_params_dup_date:
 * @resource: a resource
 *
 * Returns: (transfer full) (nullable): the date its type is searched and
 *   sorted by, in the form care_sandbox_params_dup_sortable_date() gives
 */
char *
care_sandbox_params_dup_date (JsonObject *resource)
{
  const TypeInfo *info = lookup_type (json_object_get_string_member_with_default (resource,
                                                                                 "resourceType", ""));
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *date = NULL;

  if (info == NULL || info->date == NULL)
    return NULL;

  root = json_node_alloc ();
  json_node_init_object (root, resource);
  paths = g_strsplit (info->date, "|", -1);
  for (guint i = 0; paths[i] != NULL && date == NULL; i++)
    {
      g_auto(GStrv) segments = g_strsplit (paths[i], ".", -1);

      walk (root, segments, first_string_cb, &date);
    }

  return care_sandbox_params_dup_sortable_date (date);
}

static JsonObject *
new_search_param (const char *name,
                  const char *type)
{
  JsonObject *param = json_object_new ();

  json_object_set_string_member (param, "name", name);
  json_object_set_string_member (param, "type", type);
  return param;
}

static void
add_interactions (JsonObject     *resource,
                  const TypeInfo *info)
{
  static const char *reads[] = { "read", "vread", "search-type", "history-instance",
                                 "history-type" };
  static const char *writes[] = { "create", "update" };
  JsonArray *interactions = json_array_new ();
  gboolean writable = (info->flags & WRITABLE) != 0;

  for (guint j = 0; j < G_N_ELEMENTS (reads) + (writable ? G_N_ELEMENTS (writes) : 0); j++)
    {
      JsonObject *interaction = json_object_new ();

      json_object_set_string_member (interaction, "code",
                                     j < G_N_ELEMENTS (reads) ? reads[j]
                                                              : writes[j - G_N_ELEMENTS (reads)]);
      json_array_add_object_element (interactions, interaction);
    }
  json_object_set_array_member (resource, "interaction", interactions);

  /* Argonaut Scheduling's operations, and eCheck-in's. */
  if (g_str_equal (info->type, "Appointment"))
    {
      static const char *operations[] = { "find", "hold", "book", "check-in" };
      JsonArray *list = json_array_new ();

      for (guint j = 0; j < G_N_ELEMENTS (operations); j++)
        {
          JsonObject *operation = json_object_new ();
          g_autofree char *definition = g_strconcat (j < 3 ? "http://fhir.org/guides/argonaut/scheduling/"
                                                           : "https://carebook.org/fhir/",
                                                     "OperationDefinition/appointment-", operations[j], NULL);

          json_object_set_string_member (operation, "name", operations[j]);
          json_object_set_string_member (operation, "definition", definition);
          json_array_add_object_element (list, operation);
        }
      json_object_set_array_member (resource, "operation", list);
    }

  /* Updates take If-Match; reads answer If-None-Match with 304. */
  json_object_set_string_member (resource, "versioning", "versioned-update");
  json_object_set_boolean_member (resource, "readHistory", TRUE);
  json_object_set_string_member (resource, "conditionalRead", "not-match");
  json_object_set_boolean_member (resource, "conditionalCreate", writable);
  json_object_set_boolean_member (resource, "conditionalUpdate", FALSE);
  json_object_set_boolean_member (resource, "updateCreate", FALSE);
}

/**
 * care_sandbox_params_dup_capability_resources:
 *
 * Returns: (transfer full): the CapabilityStatement's rest.resource array,
 *   one entry per supported type with its interactions and parameters
 */
JsonArray *
care_sandbox_params_dup_capability_resources (void)
{
  JsonArray *resources = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const TypeInfo *info = &types[i];
      JsonObject *resource = json_object_new ();
      JsonArray *params = json_array_new ();
      g_auto(GStrv) tokens = NULL;
      g_auto(GStrv) dates = NULL;

      json_object_set_string_member (resource, "type", info->type);
      add_interactions (resource, info);

      json_array_add_object_element (params, new_search_param ("_id", "token"));
      json_array_add_object_element (params, new_search_param ("_lastUpdated", "date"));
      json_array_add_object_element (params, new_search_param ("identifier", "token"));
      json_array_add_object_element (params, new_search_param ("_tag", "token"));
      if ((info->flags & SHARED) == 0)
        {
          json_array_add_object_element (params, new_search_param ("patient", "reference"));
          json_array_add_object_element (params, new_search_param ("subject", "reference"));
        }
      if (info->date != NULL)
        {
          json_array_add_object_element (params, new_search_param ("date", "date"));
          /* date, -date, _lastUpdated, -_lastUpdated (care-sandbox-fhir-search.c) */
          json_array_add_object_element (params, new_search_param ("_sort", "special"));
          dates = g_strsplit (info->date_params != NULL ? info->date_params : "", " ", -1);
          for (guint j = 0; dates[j] != NULL; j++)
            if (dates[j][0] != '\0')
              json_array_add_object_element (params, new_search_param (dates[j], "date"));
        }
      tokens = g_strsplit (info->tokens != NULL ? info->tokens : "", ";", -1);
      for (guint j = 0; tokens[j] != NULL; j++)
        {
          g_auto(GStrv) pair = g_strsplit (tokens[j], "=", 2);

          if (pair[0] != NULL && pair[0][0] != '\0')
            json_array_add_object_element (params, new_search_param (pair[0], "token"));
        }
      json_object_set_array_member (resource, "searchParam", params);

      json_array_add_object_element (resources, resource);
    }

  return resources;
}
