/* care-value-set.c — answerValueSets the portal expands, kept for offline use
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A choice question may name its answers by a canonical ValueSet URL
 * (answerValueSet) that the Questionnaire neither contains nor expands.
 * The sync asks the portal for `ValueSet/$expand?url=…` (the FHIR R4
 * terminology operation, whose answer is a ValueSet with
 * expansion.contains) after it has the Questionnaires, and keeps what it
 * read in the cache's meta table (`value-set:<url>`): the concepts, flat
 * (nested contains opened up, abstract and inactive ones left out), at
 * most CARE_VALUE_SET_MAX_CONCEPTS of them, or why there are none (not
 * found, failed, malformed, too many). A good expansion is never replaced
 * by a failure, so the form works offline once synced.
 * care_questionnaire_load() (care-questionnaire-assignments.c) gives the
 * questions their answers from here, or the reason in words, for the app
 * and the command line alike.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-json.h"
#include "care-value-set.h"

#define META_PREFIX "value-set:"
#define MAX_NESTING 8

static const char *problem_names[] = {
  [CARE_VALUE_SET_OK] = "ok",
  [CARE_VALUE_SET_NOT_FETCHED] = "not-fetched",
  [CARE_VALUE_SET_NOT_FOUND] = "not-found",
  [CARE_VALUE_SET_FAILED] = "failed",
  [CARE_VALUE_SET_MALFORMED] = "malformed",
  [CARE_VALUE_SET_TOO_LARGE] = "too-large",
};

/**
 * care_value_set_dup_expand_path:
 * @url: a canonical ValueSet URL ("http://…|version" as the form names it)
 *
 * Returns: (transfer full): the request, relative to the FHIR base, for
 *   one more concept than is shown (so "too many" can be told)
 */
char *
care_value_set_dup_expand_path (const char *url)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  escaped = g_uri_escape_string (url, NULL, FALSE);
  return g_strdup_printf ("ValueSet/$expand?url=%s&count=%u", escaped, CARE_VALUE_SET_MAX_CONCEPTS + 1);
}

static gboolean
is_true (JsonObject *object,
         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

/* Adds the selectable concepts of @contains (and of those nested in them)
 * to @flat; FALSE past the limit or too deep. */
static gboolean
flatten (JsonArray *contains,
         JsonArray *flat,
         guint      depth)
{
  if (depth > MAX_NESTING)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (contains); i++)
    {
      JsonNode *node = json_array_get_element (contains, i);
      JsonObject *concept = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *nested;
      const char *code;

      if (concept == NULL)
        continue;
      code = care_fhir_get_string (concept, "code");
      if (code != NULL && code[0] != '\0' && !is_true (concept, "abstract") && !is_true (concept, "inactive"))
        {
          JsonObject *copy = json_object_new ();
          JsonNode *extension = json_object_get_member (concept, "extension");

          if (json_array_get_length (flat) >= CARE_VALUE_SET_MAX_CONCEPTS)
            {
              json_object_unref (copy);
              return FALSE;
            }
          if (care_fhir_get_string (concept, "system") != NULL)
            json_object_set_string_member (copy, "system", care_fhir_get_string (concept, "system"));
          json_object_set_string_member (copy, "code", code);
          if (care_fhir_get_string (concept, "display") != NULL)
            json_object_set_string_member (copy, "display", care_fhir_get_string (concept, "display"));
          /* An ordinalValue or itemWeight gives the answer its score. */
          if (extension != NULL && JSON_NODE_HOLDS_ARRAY (extension))
            json_object_set_member (copy, "extension", json_node_copy (extension));
          json_array_add_object_element (flat, copy);
        }
      nested = care_fhir_get_array (concept, "contains");
      if (nested != NULL && !flatten (nested, flat, depth + 1))
        return FALSE;
    }
  return TRUE;
}

/**
 * care_value_set_read_expansion:
 * @resource: what $expand answered
 * @url: the URL asked for
 * @out_total: (out) (optional): how many concepts the portal says it has
 * @error: return location for a #GError: %CARE_FHIR_ERROR_MALFORMED, or
 *   %CARE_FHIR_ERROR_TOO_LARGE past %CARE_VALUE_SET_MAX_CONCEPTS
 *
 * Returns: (transfer full) (nullable): a ValueSet whose url is @url and
 *   whose expansion.contains lists its selectable concepts, flat
 */
JsonObject *
care_value_set_read_expansion (JsonObject  *resource,
                               const char  *url,
                               guint       *out_total,
                               GError     **error)
{
  JsonObject *expansion;
  JsonArray *contains;
  g_autoptr(JsonArray) flat = json_array_new ();
  g_autoptr(JsonObject) value_set = NULL;
  JsonObject *trimmed;
  JsonNode *node;
  gint64 total = 0;

  g_return_val_if_fail (resource != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (out_total != NULL)
    *out_total = 0;
  expansion = care_fhir_get_object (resource, "expansion");
  contains = care_fhir_get_array (expansion, "contains");
  if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "ValueSet") != 0 || contains == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("The health system sent no list of answers."));
      return NULL;
    }
  node = json_object_get_member (expansion, "total");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    total = json_node_get_int (node);
  if (total > CARE_VALUE_SET_MAX_CONCEPTS || !flatten (contains, flat, 0))
    {
      if (out_total != NULL)
        *out_total = (guint)CLAMP (total, 0, G_MAXUINT);
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                           _("The list of answers is longer than Carebook shows."));
      return NULL;
    }
  if (json_array_get_length (flat) == 0)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("The health system sent an empty list of answers."));
      return NULL;
    }
  if (out_total != NULL)
    *out_total = json_array_get_length (flat);

  value_set = json_object_new ();
  json_object_set_string_member (value_set, "resourceType", "ValueSet");
  json_object_set_string_member (value_set, "url", url);
  trimmed = json_object_new ();
  json_object_set_int_member (trimmed, "total", json_array_get_length (flat));
  json_object_set_array_member (trimmed, "contains", g_steal_pointer (&flat));
  json_object_set_object_member (value_set, "expansion", trimmed);
  return g_steal_pointer (&value_set);
}

/**
 * care_value_set_read_response:
 * @status: the HTTP status of the $expand
 * @body: its body
 * @url: the URL asked for
 * @out_problem: (out): why there is no expansion
 * @out_total: (out) (optional): how many concepts the set has, when known
 *
 * Returns: (transfer full) (nullable): the expansion, as
 *   care_value_set_read_expansion() gives it
 */
JsonObject *
care_value_set_read_response (guint                status,
                              GBytes              *body,
                              const char          *url,
                              CareValueSetProblem *out_problem,
                              guint               *out_total)
{
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *value_set;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  g_return_val_if_fail (out_problem != NULL, NULL);

  if (out_total != NULL)
    *out_total = 0;
  if (status == 404 || status == 410)
    {
      *out_problem = CARE_VALUE_SET_NOT_FOUND;
      return NULL;
    }
  if (status < 200 || status > 299)
    {
      *out_problem = CARE_VALUE_SET_FAILED;
      return NULL;
    }
  if (data != NULL && size > 0)
    resource = care_fhir_parse_resource (data, size, NULL);
  if (resource == NULL)
    {
      *out_problem = CARE_VALUE_SET_MALFORMED;
      return NULL;
    }
  value_set = care_value_set_read_expansion (resource, url, out_total, &error);
  *out_problem = value_set != NULL ? CARE_VALUE_SET_OK
               : g_error_matches (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE) ? CARE_VALUE_SET_TOO_LARGE
               : CARE_VALUE_SET_MALFORMED;
  return value_set;
}

/**
 * care_value_set_problem_for_error:
 * @error: why the $expand request failed
 *
 * Returns: the problem to keep for it
 */
CareValueSetProblem
care_value_set_problem_for_error (const GError *error)
{
  if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_NOT_FOUND))
    return CARE_VALUE_SET_NOT_FOUND;
  if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE))
    return CARE_VALUE_SET_TOO_LARGE;
  return CARE_VALUE_SET_FAILED;
}

static JsonObject *
read_entry (CareCache  *cache,
            const char *url)
{
  g_autofree char *key = g_strconcat (META_PREFIX, url, NULL);
  g_autofree char *json = care_cache_dup_meta (cache, key);
  g_autoptr(JsonNode) root = NULL;

  if (json == NULL)
    return NULL;
  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/**
 * care_value_set_cache_store:
 * @cache: a person's cache
 * @url: the ValueSet's URL
 * @value_set: (nullable): its expansion, when @problem is
 *   %CARE_VALUE_SET_OK
 * @problem: why there is none otherwise
 * @total: how many concepts the set has, when known (too large)
 *
 * Keeps what the portal answered. A problem never replaces an expansion
 * already kept: the answers stay offered offline and through a failure.
 *
 * Returns: %TRUE if stored
 */
gboolean
care_value_set_cache_store (CareCache           *cache,
                            const char          *url,
                            JsonObject          *value_set,
                            CareValueSetProblem  problem,
                            guint                total)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fetched = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (problem <= CARE_VALUE_SET_TOO_LARGE, FALSE);
  g_return_val_if_fail ((value_set != NULL) == (problem == CARE_VALUE_SET_OK), FALSE);

  if (problem != CARE_VALUE_SET_OK && care_value_set_cache_has (cache, url))
    return FALSE;
  json_object_set_string_member (entry, "problem", problem_names[problem]);
  json_object_set_string_member (entry, "fetched", fetched);
  if (total > 0)
    json_object_set_int_member (entry, "total", total);
  if (value_set != NULL)
    json_object_set_object_member (entry, "valueSet", json_object_ref (value_set));
  node = json_node_init_object (json_node_alloc (), entry);
  json = care_json_to_string (node, FALSE);
  key = g_strconcat (META_PREFIX, url, NULL);
  return care_cache_set_meta (cache, key, json, NULL);
}

/**
 * care_value_set_cache_lookup:
 * @cache: a person's cache
 * @url: a ValueSet's URL
 * @out_problem: (out) (optional): why there is no expansion
 * @out_total: (out) (optional): how many concepts, when known
 *
 * Returns: (transfer full) (nullable): the expansion kept for @url
 */
JsonObject *
care_value_set_cache_lookup (CareCache           *cache,
                             const char          *url,
                             CareValueSetProblem *out_problem,
                             guint               *out_total)
{
  g_autoptr(JsonObject) entry = NULL;
  JsonObject *value_set;
  CareValueSetProblem problem = CARE_VALUE_SET_NOT_FETCHED;
  const char *name;
  JsonNode *total;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  entry = read_entry (cache, url);
  name = entry != NULL ? care_fhir_get_string (entry, "problem") : NULL;
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (problem_names); i++)
    if (g_str_equal (problem_names[i], name))
      problem = i;
  value_set = care_fhir_get_object (entry, "valueSet");
  if (problem == CARE_VALUE_SET_OK && value_set == NULL)
    problem = CARE_VALUE_SET_NOT_FETCHED;
  if (out_problem != NULL)
    *out_problem = problem;
  if (out_total != NULL)
    {
      total = entry != NULL ? json_object_get_member (entry, "total") : NULL;
      *out_total = total != NULL && JSON_NODE_HOLDS_VALUE (total) &&
                   json_node_get_value_type (total) == G_TYPE_INT64
                   ? (guint)CLAMP (json_node_get_int (total), 0, G_MAXUINT) : 0;
    }
  return problem == CARE_VALUE_SET_OK ? json_object_ref (value_set) : NULL;
}

/**
 * care_value_set_cache_has:
 * @cache: a person's cache
 * @url: a ValueSet's URL
 *
 * Returns: whether an expansion of @url is kept
 */
gboolean
care_value_set_cache_has (CareCache  *cache,
                          const char *url)
{
  g_autoptr(JsonObject) value_set = care_value_set_cache_lookup (cache, url, NULL, NULL);

  return value_set != NULL;
}

/**
 * care_value_set_problem_dup_text:
 * @problem: why a question has no answers to offer
 * @total: how many concepts the set has, when known
 *
 * Returns: (transfer full) (nullable): what to tell the person
 */
char *
care_value_set_problem_dup_text (CareValueSetProblem problem,
                                 guint               total)
{
  switch (problem)
    {
    case CARE_VALUE_SET_OK:
      return NULL;
    case CARE_VALUE_SET_NOT_FETCHED:
      return g_strdup (_("The answers to this question have not been downloaded yet. Connect to the "
                         "internet and sync, then try again."));
    case CARE_VALUE_SET_NOT_FOUND:
      return g_strdup (_("Your health system does not have the list of answers to this question. "
                         "Answer it in your portal, or ask the clinic."));
    case CARE_VALUE_SET_FAILED:
      return g_strdup (_("The list of answers to this question could not be downloaded. Sync again "
                         "later."));
    case CARE_VALUE_SET_MALFORMED:
      return g_strdup (_("Your health system sent a list of answers to this question that Carebook "
                         "cannot read. Answer it in your portal."));
    case CARE_VALUE_SET_TOO_LARGE:
    default:
      if (total > CARE_VALUE_SET_MAX_CONCEPTS)
        return g_strdup_printf (/* Translators: %1$u is how many answers there are, %2$u the most Carebook lists */
                                _("This question offers more answers than Carebook can list (%1$u; at most "
                                  "%2$u). Answer it in your portal."),
                                total, CARE_VALUE_SET_MAX_CONCEPTS);
      return g_strdup (_("This question offers more answers than Carebook can list. Answer it in your "
                         "portal."));
    }
}

static void
collect_urls (GPtrArray  *items,
              GPtrArray  *urls)
{
  for (guint i = 0; i < items->len; i++)
    {
      CareQuestionnaireItem *item = g_ptr_array_index (items, i);

      if (item->value_set != NULL && item->value_set[0] != '#' && item->options->len == 0 &&
          !g_ptr_array_find_with_equal_func (urls, item->value_set, g_str_equal, NULL))
        g_ptr_array_add (urls, g_strdup (item->value_set));
      collect_urls (item->children, urls);
    }
}

/**
 * care_questionnaire_dup_value_set_urls:
 * @questionnaire: a questionnaire
 *
 * Returns: (transfer full) (element-type utf8): the canonical
 *   answerValueSets its questions name that it neither contains nor
 *   expands, once each
 */
GPtrArray *
care_questionnaire_dup_value_set_urls (CareQuestionnaire *questionnaire)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (questionnaire), urls);

  collect_urls (care_questionnaire_get_items (questionnaire), urls);
  return urls;
}

static void
explain_missing (GPtrArray *items,
                 CareCache *cache)
{
  for (guint i = 0; i < items->len; i++)
    {
      CareQuestionnaireItem *item = g_ptr_array_index (items, i);

      if (item->value_set != NULL && item->options->len == 0 && item->value_set_problem == NULL)
        {
          CareValueSetProblem problem = CARE_VALUE_SET_MALFORMED;
          guint total = 0;

          /* A "#id" the form does not contain is the form's own fault. */
          if (item->value_set[0] != '#')
            {
              g_autoptr(JsonObject) unused = care_value_set_cache_lookup (cache, item->value_set, &problem,
                                                                          &total);
            }
          if (problem == CARE_VALUE_SET_OK)
            problem = CARE_VALUE_SET_MALFORMED;
          item->value_set_problem = care_value_set_problem_dup_text (problem, total);
        }
      explain_missing (item->children, cache);
    }
}

/**
 * care_questionnaire_use_cached_value_sets:
 * @questionnaire: a questionnaire, just read
 * @cache: the person's cache
 *
 * Gives the questions whose answerValueSet the sync expanded their
 * answers; the others get @value_set_problem, the reason in words.
 *
 * Returns: how many questions got their answers
 */
guint
care_questionnaire_use_cached_value_sets (CareQuestionnaire *questionnaire,
                                          CareCache         *cache)
{
  g_autoptr(GPtrArray) urls = NULL;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (questionnaire), 0);
  g_return_val_if_fail (CARE_IS_CACHE (cache), 0);

  urls = care_questionnaire_dup_value_set_urls (questionnaire);
  for (guint i = 0; i < urls->len; i++)
    {
      g_autoptr(JsonObject) value_set = care_value_set_cache_lookup (cache, g_ptr_array_index (urls, i), NULL,
                                                                     NULL);

      if (value_set != NULL)
        n += care_questionnaire_use_value_set (questionnaire, value_set);
    }
  explain_missing (care_questionnaire_get_items (questionnaire), cache);
  return n;
}
