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

#include <string.h>

typedef struct
{
  const char *type;
  /* "path|path": the first that exists gives the date searched as "date" */
  const char *date;
  /* "param=path|path;param=path": token parameters and their elements */
  const char *tokens;
  /* resources outside any patient compartment (shared directory data) */
  gboolean    shared;
} TypeInfo;

static const TypeInfo types[] = {
  { "Patient", "birthDate", "gender=gender", FALSE },
  { "Observation", "effectiveDateTime|effectivePeriod.start|effectiveInstant|issued",
    "category=category;code=code;status=status", FALSE },
  { "DiagnosticReport", "effectiveDateTime|effectivePeriod.start|issued",
    "category=category;code=code;status=status", FALSE },
  { "Condition", "onsetDateTime|onsetPeriod.start|recordedDate",
    "category=category;code=code;clinical-status=clinicalStatus", FALSE },
  { "AllergyIntolerance", "recordedDate|onsetDateTime",
    "code=code;clinical-status=clinicalStatus", FALSE },
  { "MedicationRequest", "authoredOn",
    "status=status;intent=intent;code=medicationCodeableConcept", FALSE },
  { "MedicationStatement", "effectiveDateTime|effectivePeriod.start|dateAsserted",
    "status=status;code=medicationCodeableConcept", FALSE },
  { "MedicationDispense", "whenHandedOver|whenPrepared",
    "status=status;code=medicationCodeableConcept", FALSE },
  { "Medication", NULL, "code=code", TRUE },
  { "Immunization", "occurrenceDateTime|recorded",
    "status=status;vaccine-code=vaccineCode", FALSE },
  { "ImmunizationRecommendation", "date", "vaccine-type=recommendation.vaccineCode", FALSE },
  { "Procedure", "performedDateTime|performedPeriod.start", "code=code;status=status", FALSE },
  { "FamilyMemberHistory", "date", "status=status;relationship=relationship", FALSE },
  { "CarePlan", "period.start", "category=category;status=status", FALSE },
  { "Goal", "startDate", "lifecycle-status=lifecycleStatus", FALSE },
  { "CareTeam", "period.start", "status=status", FALSE },
  { "Encounter", "period.start", "class=class;type=type;status=status", FALSE },
  { "DocumentReference", "date|context.period.start", "category=category;type=type;status=status",
    FALSE },
  { "Binary", NULL, NULL, FALSE },
  { "Communication", "sent", "category=category;status=status", FALSE },
  { "Appointment", "start", "status=status;service-type=serviceType", FALSE },
  { "Schedule", "planningHorizon.start", "service-type=serviceType", TRUE },
  { "Slot", "start", "status=status;service-type=serviceType", TRUE },
  { "ServiceRequest", "authoredOn", "category=category;code=code;status=status", FALSE },
  { "VisionPrescription", "dateWritten", "status=status", FALSE },
  { "Coverage", "period.start", "status=status", FALSE },
  { "ExplanationOfBenefit", "created", "status=status;type=type", FALSE },
  { "Account", "servicePeriod.start", "status=status", FALSE },
  { "Invoice", "date", "status=status", FALSE },
  { "QuestionnaireResponse", "authored", "status=status", FALSE },
  { "RelatedPerson", NULL, "relationship=relationship", FALSE },
  { "Practitioner", NULL, NULL, TRUE },
  { "Organization", NULL, NULL, TRUE },
  { "Location", NULL, NULL, TRUE },
  { "HealthcareService", NULL, "service-type=type", TRUE },
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

  return info != NULL && info->shared;
}

/**
 * care_sandbox_params_lookup:
 * @type: a resource type
 * @name: a search parameter name (a ":modifier" is ignored)
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
  if ((g_str_equal (name, "patient") || g_str_equal (name, "subject")) && !info->shared)
    {
      *out_kind = CARE_SANDBOX_PARAM_PATIENT;
      return TRUE;
    }
  /* Every type is searchable by its business identifiers (the outbox's
   * client-made identifiers rely on it). */
  if (g_str_equal (name, "identifier"))
    {
      *out_kind = CARE_SANDBOX_PARAM_TOKEN;
      return TRUE;
    }
  if (g_str_equal (name, "date") && info->date != NULL)
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
 * care_sandbox_params_dup_date:
 * @resource: a resource
 *
 * Returns: (transfer full) (nullable): the date its type is searched and
 *   sorted by, as the resource gives it (ISO 8601)
 */
char *
care_sandbox_params_dup_date (JsonObject *resource)
{
  const TypeInfo *info = lookup_type (json_object_get_string_member_with_default (resource,
                                                                                 "resourceType", ""));
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) paths = NULL;
  char *date = NULL;

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

  return date;
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
      JsonArray *interactions = json_array_new ();
      JsonArray *params = json_array_new ();
      static const char *codes[] = { "read", "vread", "search-type", "history-instance",
                                     "history-type", "create", "update" };
      g_auto(GStrv) tokens = NULL;

      json_object_set_string_member (resource, "type", info->type);
      for (guint j = 0; j < G_N_ELEMENTS (codes); j++)
        {
          JsonObject *interaction = json_object_new ();

          json_object_set_string_member (interaction, "code", codes[j]);
          json_array_add_object_element (interactions, interaction);
        }
      json_object_set_array_member (resource, "interaction", interactions);
      json_object_set_boolean_member (resource, "conditionalCreate", TRUE);
      json_object_set_string_member (resource, "conditionalUpdate", "true");
      json_object_set_boolean_member (resource, "updateCreate", FALSE);

      json_array_add_object_element (params, new_search_param ("_id", "token"));
      json_array_add_object_element (params, new_search_param ("_lastUpdated", "date"));
      json_array_add_object_element (params, new_search_param ("identifier", "token"));
      if (!info->shared)
        {
          json_array_add_object_element (params, new_search_param ("patient", "reference"));
          json_array_add_object_element (params, new_search_param ("subject", "reference"));
        }
      if (info->date != NULL)
        json_array_add_object_element (params, new_search_param ("date", "date"));
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
