/* care-sandbox-value-sets.c — ValueSet/$expand, the terminology operation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `GET [base]/ValueSet/$expand?url=…` (FHIR R4 terminology service) for
 * the ValueSets the store holds: their own expansion, else the concepts
 * their compose lists, in order. Parameters: url (with an optional
 * "|version"), filter (a case-insensitive part of the code or display),
 * offset and count (a page; expansion.total is always the whole count).
 * Answers a ValueSet whose expansion.contains lists the concepts; 400
 * without a url, 404 for a URL no ValueSet has. The questionnaire check
 * (care-sandbox-fhir-forms.c) gives a form's canonical answerValueSets
 * their concepts the same way, so a response is checked against what the
 * app offered.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-store.h"

/* The first value of a decoded query parameter (repeats joined by \x1f). */
static char *
dup_param (GHashTable *query,
           const char *name)
{
  const char *value = g_hash_table_lookup (query, name);
  const char *separator;

  if (value == NULL)
    return NULL;
  separator = strchr (value, '\x1f');
  return separator != NULL ? g_strndup (value, separator - value) : g_strdup (value);
}

/**
 * care_sandbox_fhir_find_value_set: (skip)
 * @store: the store
 * @canonical: "url" or "url|version"
 *
 * Returns: (transfer full) (nullable): the ValueSet of that URL (and
 *   version, if named)
 */
JsonObject *
care_sandbox_fhir_find_value_set (CareSandboxStore *store,
                                  const char       *canonical)
{
  g_autofree char *url = g_strdup (canonical);
  char *bar = strchr (url, '|');
  const char *version = NULL;
  sqlite3_stmt *stmt = NULL;
  JsonObject *found = NULL;

  if (bar != NULL)
    {
      *bar = '\0';
      version = bar + 1;
    }
  if (sqlite3_prepare_v2 (care_sandbox_store_get_db (store),
                          "SELECT json FROM resources WHERE type = 'ValueSet' AND deleted = 0", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  while (found == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) value_set = care_sandbox_fhir_parse_object ((const char *)sqlite3_column_text (stmt, 0),
                                                                       -1, NULL);

      if (value_set != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (value_set, "url", NULL), url) == 0 &&
          (version == NULL ||
           g_strcmp0 (json_object_get_string_member_with_default (value_set, "version", NULL), version) == 0))
        found = g_steal_pointer (&value_set);
    }
  sqlite3_finalize (stmt);
  return found;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
matches (JsonObject *concept,
         const char *filter)
{
  g_autofree char *code = NULL;
  g_autofree char *display = NULL;
  g_autofree char *wanted = NULL;

  if (filter == NULL || filter[0] == '\0')
    return TRUE;
  wanted = g_utf8_casefold (filter, -1);
  code = g_utf8_casefold (json_object_get_string_member_with_default (concept, "code", ""), -1);
  display = g_utf8_casefold (json_object_get_string_member_with_default (concept, "display", ""), -1);
  return strstr (code, wanted) != NULL || strstr (display, wanted) != NULL;
}

/**
 * care_sandbox_fhir_expand_concepts: (skip)
 * @value_set: a ValueSet
 * @filter: (nullable): a part of a code or display to keep
 *
 * Returns: (transfer full): its concepts as expansion.contains entries
 *   (system, code, display, and any extension such as an ordinalValue)
 */
JsonArray *
care_sandbox_fhir_expand_concepts (JsonObject *value_set,
                                   const char *filter)
{
  JsonArray *contains = json_array_new ();
  JsonArray *expanded = get_array (get_object (value_set, "expansion"), "contains");
  JsonArray *includes = get_array (get_object (value_set, "compose"), "include");

  for (guint i = 0; expanded != NULL && i < json_array_get_length (expanded); i++)
    {
      JsonNode *node = json_array_get_element (expanded, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && matches (json_node_get_object (node), filter))
        json_array_add_element (contains, json_node_copy (node));
    }
  for (guint i = 0; expanded == NULL && includes != NULL && i < json_array_get_length (includes); i++)
    {
      JsonNode *include_node = json_array_get_element (includes, i);
      JsonObject *include = JSON_NODE_HOLDS_OBJECT (include_node) ? json_node_get_object (include_node) : NULL;
      JsonArray *concepts = get_array (include, "concept");
      const char *system = include != NULL ? json_object_get_string_member_with_default (include, "system", NULL)
                                           : NULL;

      for (guint j = 0; concepts != NULL && j < json_array_get_length (concepts); j++)
        {
          JsonNode *node = json_array_get_element (concepts, j);
          JsonObject *concept = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          JsonObject *entry;

          if (concept == NULL || !matches (concept, filter))
            continue;
          entry = json_object_new ();
          if (system != NULL)
            json_object_set_string_member (entry, "system", system);
          json_object_set_string_member (entry, "code",
                                         json_object_get_string_member_with_default (concept, "code", ""));
          if (json_object_has_member (concept, "display"))
            json_object_set_string_member (entry, "display",
                                           json_object_get_string_member_with_default (concept, "display", ""));
          if (json_object_has_member (concept, "extension"))
            json_object_set_member (entry, "extension",
                                    json_node_copy (json_object_get_member (concept, "extension")));
          json_array_add_object_element (contains, entry);
        }
    }
  return contains;
}

static gboolean
read_count (GHashTable *query,
            const char *name,
            guint64    *out_value)
{
  g_autofree char *text = dup_param (query, name);

  return text == NULL || g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, out_value, NULL);
}

/**
 * care_sandbox_fhir_expand: (skip)
 * @store: the store
 * @msg: the request, answered here
 * @query: its decoded query
 *
 * Serves `GET [base]/ValueSet/$expand`.
 */
void
care_sandbox_fhir_expand (CareSandboxStore  *store,
                          SoupServerMessage *msg,
                          GHashTable        *query)
{
  g_autofree char *url = dup_param (query, "url");
  g_autofree char *filter = dup_param (query, "filter");
  g_autoptr(JsonObject) value_set = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *identifier = g_strconcat ("urn:uuid:", uuid, NULL);
  JsonObject *expansion;
  JsonArray *page;
  guint64 offset = 0;
  guint64 count = G_MAXINT;
  guint length;

  if (url == NULL || url[0] == '\0' || !read_count (query, "offset", &offset) ||
      !read_count (query, "count", &count))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "required",
                                      _("$expand needs the url of a ValueSet, and whole numbers for offset "
                                        "and count"));
      return;
    }
  value_set = care_sandbox_fhir_find_value_set (store, url);
  if (value_set == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No ValueSet has the URL %s"), url);

      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found", text);
      return;
    }

  json_object_set_string_member (answer, "resourceType", "ValueSet");
  for (guint i = 0; i < 5; i++)
    {
      static const char *members[] = { "id", "url", "version", "name", "title" };

      if (json_object_has_member (value_set, members[i]))
        json_object_set_string_member (answer, members[i],
                                       json_object_get_string_member_with_default (value_set, members[i], ""));
    }
  json_object_set_string_member (answer, "status", "active");

  all = care_sandbox_fhir_expand_concepts (value_set, filter);
  length = json_array_get_length (all);
  page = json_array_new ();
  for (guint64 i = offset; i < length && i - offset < count; i++)
    json_array_add_element (page, json_node_copy (json_array_get_element (all, i)));
  expansion = json_object_new ();
  json_object_set_string_member (expansion, "identifier", identifier);
  json_object_set_string_member (expansion, "timestamp", timestamp);
  json_object_set_int_member (expansion, "total", length);
  json_object_set_int_member (expansion, "offset", offset);
  json_object_set_array_member (expansion, "contains", page);
  json_object_set_object_member (answer, "expansion", expansion);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, answer);
}
