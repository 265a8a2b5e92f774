/* care-sandbox-fhir-search.c — FHIR search and _history for the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET and POST _search answered with searchset Bundles assembled as text
 * (each stored resource spliced in as it is, never parsed again), with
 * keyset next links pinned to a snapshot; and _history Bundles, newest
 * first, with deletions and keyset next links. Parameters are checked
 * against the table in care-sandbox-params.c; the SQL is in
 * care-sandbox-search.c.
 */
#include "config.h"

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-params.h"
#include "care-sandbox-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define DEFAULT_COUNT 50
#define MAX_COUNT     1000

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static char *
dup_query_string (GHashTable *query,
                  const char *skip_prefix)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key_ptr;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key_ptr, NULL))
    g_ptr_array_add (keys, key_ptr);

  /* Sorted, so the same search always gives the same link. */
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_auto(GStrv) values = NULL;

      if (g_str_has_prefix (key, skip_prefix))
        continue;

      values = g_strsplit (g_hash_table_lookup (query, key), "\x1f", -1);
      for (guint j = 0; values[j] != NULL; j++)
        {
          g_autofree char *escaped = g_uri_escape_string (values[j], NULL, FALSE);

          if (out->len > 0)
            g_string_append_c (out, '&');
          g_string_append_printf (out, "%s=%s", key, escaped);
        }
    }

  return g_string_free (out, FALSE);
}

/* _count: a whole number from 1, at most MAX_COUNT (larger ones are cut). */
static gboolean
parse_count (const char *text,
             guint64    *out_count)
{
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT64, out_count, NULL))
    return FALSE;

  *out_count = MIN (*out_count, MAX_COUNT);
  return TRUE;
}

/**
 * care_sandbox_fhir_search: (skip)
 * @store: the resources
 * @fhir_base: the absolute FHIR base for links
 * @grant: what the request's token allows
 * @msg: the request to answer
 * @type: a supported resource type
 * @query: the decoded parameters (repeated names joined by \x1f)
 *
 * Answers a search with one page of a searchset Bundle.
 */
void
care_sandbox_fhir_search (CareSandboxStore       *store,
                          const char             *fhir_base,
                          const CareSandboxGrant *grant,
                          SoupServerMessage      *msg,
                          const char             *type,
                          GHashTable             *query)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_query = NULL;
  g_autofree char *cursor_key = NULL;
  g_autoptr(GString) bundle = NULL;
  CareSandboxSearch search = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  const char *count_text;
  const char *sort;
  const char *cursor;
  const char *snapshot;
  CareSandboxAccess access;
  gboolean withheld_type;
  gsize length;

  search.type = type;
  search.patient = grant->patient_id;
  search.count = DEFAULT_COUNT;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name = key;
      const char *colon = strchr (name, ':');
      g_autofree char *bare = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
      CareSandboxParamKind kind;

      if (g_str_has_prefix (name, "_") &&
          (g_str_equal (name, "_count") || g_str_equal (name, "_sort") ||
           g_str_equal (name, "_cursor") || g_str_equal (name, "_snapshot") ||
           g_str_equal (name, "_format") || g_str_equal (name, "_total")))
        continue;

      if (!care_sandbox_params_lookup (type, bare, &kind))
        {
          g_autofree char *text = g_strdup_printf (_("Unknown search parameter “%s” for %s"),
                                                   name, type);

          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "not-supported", text);
          return;
        }
      /* A modifier changes what a value means (:not, :text, :missing…);
       * ignoring one would answer a different question. */
      if (colon != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The search modifier “%s” is not supported"),
                                                   colon);

          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "not-supported", text);
          return;
        }

      if (kind == CARE_SANDBOX_PARAM_PATIENT)
        {
          const char *wanted = value;
          const char *slash = strrchr (wanted, '/');

          /* "a", "Patient/a" or an absolute URL ending in Patient/a */
          if (slash != NULL && slash - wanted >= 7 && strncmp (slash - 7, "Patient", 7) == 0)
            wanted = slash + 1;
          if (g_strcmp0 (wanted, grant->patient_id) != 0)
            {
              care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                              _("This token does not reach that patient"));
              return;
            }
          continue;
        }

      g_hash_table_insert (params, (gpointer)g_intern_string (bare), value);
    }
  search.params = params;

  if (care_sandbox_params_type_is_shared (type))
    search.patient = NULL;

  access = care_sandbox_fhir_access_for_grant (store, grant);
  withheld_type = care_sandbox_access_withholds_type (access, type) &&
                  !care_sandbox_params_type_is_shared (type);
  search.exclude_category = care_sandbox_access_withheld_category (access, type);

  count_text = g_hash_table_lookup (query, "_count");
  if (count_text != NULL)
    {
      guint64 count = 0;

      /* A page bigger than the portal serves is cut to its limit, as real
       * servers do; only a count that is not a count is an error. */
      if (!parse_count (count_text, &count))
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                          _("_count must be a positive whole number"));
          return;
        }
      search.count = count;
    }

  sort = g_hash_table_lookup (query, "_sort");
  if (sort != NULL)
    {
      search.sort_descending = sort[0] == '-';
      if (search.sort_descending)
        sort++;
      if (g_str_equal (sort, "_lastUpdated"))
        search.sort_last_updated = TRUE;
      else if (!g_str_equal (sort, "date"))
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "not-supported",
                                          _("_sort supports date, -date, _lastUpdated and -_lastUpdated"));
          return;
        }
    }
  else
    search.sort_last_updated = TRUE;

  snapshot = g_hash_table_lookup (query, "_snapshot");
  cursor = g_hash_table_lookup (query, "_cursor");
  if (snapshot != NULL || cursor != NULL)
    {
      const char *comma = cursor != NULL ? strrchr (cursor, ',') : NULL;
      guint64 snapshot_rid = 0;
      guint64 after_rid = 0;

      /* A next link this portal made: the sort key and row id of the last
       * row seen, and the highest row id when paging began. */
      if (snapshot == NULL || cursor == NULL || comma == NULL ||
          !g_ascii_string_to_unsigned (snapshot, 10, 1, G_MAXINT64, &snapshot_rid, NULL) ||
          !g_ascii_string_to_unsigned (comma + 1, 10, 0, G_MAXINT64, &after_rid, NULL))
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                          _("Malformed paging cursor"));
          return;
        }
      cursor_key = g_strndup (cursor, comma - cursor);
      search.snapshot = snapshot_rid;
      search.after_key = cursor_key;
      search.after_rid = after_rid;
    }

  if (withheld_type)
    {
      /* Nothing of this type is shown: an empty page, not an error, with
       * the reason beside it. */
      page = g_new0 (CareSandboxPage, 1);
      page->resources = g_ptr_array_new_with_free_func (g_free);
      page->ids = g_ptr_array_new_with_free_func (g_free);
    }
  else
    page = care_sandbox_store_search (store, &search, &error);
  if (page == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                      error->message);
      return;
    }

  /* The bundle is assembled as text, splicing each stored resource in
   * without parsing it again: paging through a big record stays cheap. */
  bundle = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[");
  self_query = dup_query_string (query, "\x01");
  g_string_append_printf (bundle, "{\"relation\":\"self\",\"url\":\"%s/%s%s%s\"}",
                          fhir_base, type, self_query[0] != '\0' ? "?" : "", self_query);
  if (page->more)
    {
      g_autofree char *stripped = NULL;
      g_autofree char *cursor_value = g_strdup_printf ("%s,%" G_GINT64_FORMAT,
                                                       page->last_key != NULL ? page->last_key : "",
                                                       page->last_rid);
      g_autofree char *escaped = g_uri_escape_string (cursor_value, NULL, FALSE);
      g_autoptr(GHashTable) without_snapshot = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_str_equal (key, "_snapshot") && !g_str_equal (key, "_cursor"))
          g_hash_table_insert (without_snapshot, key, value);
      stripped = dup_query_string (without_snapshot, "\x01");

      g_string_append_printf (bundle,
                              ",{\"relation\":\"next\",\"url\":\"%s/%s?%s%s_snapshot=%" G_GINT64_FORMAT
                              "&_cursor=%s\"}",
                              fhir_base, type, stripped, stripped[0] != '\0' ? "&" : "",
                              page->snapshot, escaped);
    }
  g_string_append (bundle, "],\"entry\":[");

  for (guint i = 0; i < page->resources->len; i++)
    {
      if (i > 0)
        g_string_append_c (bundle, ',');
      g_string_append (bundle, "{\"fullUrl\":\"");
      g_string_append (bundle, fhir_base);
      g_string_append_c (bundle, '/');
      g_string_append (bundle, type);
      g_string_append_c (bundle, '/');
      g_string_append (bundle, g_ptr_array_index (page->ids, i));
      g_string_append (bundle, "\",\"resource\":");
      g_string_append (bundle, g_ptr_array_index (page->resources, i));
      g_string_append (bundle, ",\"search\":{\"mode\":\"match\"}}");
    }
  if (withheld_type || search.exclude_category != NULL)
    {
      const char *explanation = care_sandbox_access_explain (access);
      g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_outcome ("warning", "suppressed",
                                                                     explanation);
      g_autoptr(JsonNode) node = json_node_alloc ();
      g_autofree char *json = NULL;

      json_node_init_object (node, outcome);
      json = json_to_string (node, FALSE);
      g_string_append_printf (bundle, "%s{\"resource\":%s,\"search\":{\"mode\":\"outcome\"}}",
                              page->resources->len > 0 ? "," : "", json);
    }
  g_string_append (bundle, "]}");

  length = bundle->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, care_sandbox_fhir_negotiate (msg), SOUP_MEMORY_TAKE,
                                    g_string_free (g_steal_pointer (&bundle), FALSE), length);
}

/**
 * care_sandbox_fhir_history: (skip)
 * @store: the resources
 * @fhir_base: the absolute FHIR base for links
 * @grant: what the request's token allows
 * @msg: the request to answer
 * @type: a supported resource type
 * @id: (nullable): one resource's id, or %NULL for the whole type
 * @query: the decoded parameters (_since, _count, _cursor)
 *
 * Answers _history with one page of a history Bundle, deletions included.
 */
void
care_sandbox_fhir_history (CareSandboxStore       *store,
                           const char             *fhir_base,
                           const CareSandboxGrant *grant,
                           SoupServerMessage      *msg,
                           const char             *type,
                           const char             *id,
                           GHashTable             *query)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) bundle = json_object_new ();
  g_autofree char *since = NULL;
  g_autofree char *self_url = NULL;
  g_autofree char *self_query = NULL;
  g_autofree char *before_key = NULL;
  JsonArray *array;
  JsonArray *links;
  JsonObject *link;
  const char *since_text = g_hash_table_lookup (query, "_since");
  const char *count_text = g_hash_table_lookup (query, "_count");
  const char *cursor = g_hash_table_lookup (query, "_cursor");
  guint64 before_rid = 0;
  guint64 count = 100;
  gboolean more;
  CareSandboxAccess access = care_sandbox_fhir_access_for_grant (store, grant);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_str_equal (key, "_since") && !g_str_equal (key, "_count") &&
        !g_str_equal (key, "_format") && !g_str_equal (key, "_cursor"))
      {
        g_autofree char *text = g_strdup_printf (_("_history does not support “%s”"), (char *)key);

        care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "not-supported", text);
        return;
      }

  if (count_text != NULL && !parse_count (count_text, &count))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                      _("_count must be a positive whole number"));
      return;
    }
  /* _since is an instant; it compares with lastUpdated in UTC. */
  if (since_text != NULL &&
      (strchr (since_text, 'T') == NULL ||
       (since = care_sandbox_params_dup_sortable_date (since_text)) == NULL))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                      _("_since must be an instant such as 2024-01-31T09:00:00Z"));
      return;
    }

  if (cursor != NULL)
    {
      const char *comma = strrchr (cursor, ',');

      if (comma == NULL ||
          !g_ascii_string_to_unsigned (comma + 1, 10, 0, G_MAXINT64, &before_rid, NULL))
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                          _("Malformed paging cursor"));
          return;
        }
      before_key = g_strndup (cursor, comma - cursor);
    }

  /* One more than a page, to know whether a next link is needed. */
  entries = care_sandbox_store_history (store, type, id, since, before_key, before_rid, count + 1);
  more = entries->len > count;
  if (more)
    g_ptr_array_set_size (entries, count);

  json_object_set_string_member (bundle, "resourceType", "Bundle");
  json_object_set_string_member (bundle, "type", "history");
  self_query = dup_query_string (query, "\x01");
  self_url = g_strdup_printf ("%s/%s%s%s/_history%s%s", fhir_base, type, id != NULL ? "/" : "",
                              id != NULL ? id : "", self_query[0] != '\0' ? "?" : "", self_query);
  links = json_array_new ();
  link = json_object_new ();
  json_object_set_string_member (link, "relation", "self");
  json_object_set_string_member (link, "url", self_url);
  json_array_add_object_element (links, link);
  if (more)
    {
      JsonObject *last = g_ptr_array_index (entries, entries->len - 1);
      g_autoptr(GHashTable) rest = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *rest_query = NULL;
      g_autofree char *cursor_value = g_strdup_printf ("%s,%" G_GINT64_FORMAT,
                                                       json_object_get_string_member (last, "lastUpdated"),
                                                       json_object_get_int_member (last, "row"));
      g_autofree char *escaped = g_uri_escape_string (cursor_value, NULL, FALSE);
      g_autofree char *next_url = NULL;
      GHashTableIter rest_iter;
      gpointer rest_key, rest_value;

      g_hash_table_iter_init (&rest_iter, query);
      while (g_hash_table_iter_next (&rest_iter, &rest_key, &rest_value))
        if (!g_str_equal (rest_key, "_cursor"))
          g_hash_table_insert (rest, rest_key, rest_value);
      rest_query = dup_query_string (rest, "\x01");
      next_url = g_strdup_printf ("%s/%s%s%s/_history?%s%s_cursor=%s", fhir_base, type,
                                  id != NULL ? "/" : "", id != NULL ? id : "",
                                  rest_query, rest_query[0] != '\0' ? "&" : "", escaped);
      link = json_object_new ();
      json_object_set_string_member (link, "relation", "next");
      json_object_set_string_member (link, "url", next_url);
      json_array_add_object_element (links, link);
    }
  json_object_set_array_member (bundle, "link", links);

  array = json_array_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *item = g_ptr_array_index (entries, i);
      const char *json = json_object_get_string_member (item, "json");
      g_autoptr(JsonObject) resource = care_sandbox_fhir_parse_object (json, -1, NULL);
      JsonObject *entry;
      JsonObject *request;
      JsonObject *response;
      g_autofree char *url = NULL;
      g_autofree char *etag = NULL;

      if (resource == NULL || !care_sandbox_fhir_in_compartment (grant, resource) ||
          care_sandbox_access_withholds (access, resource))
        continue;

      entry = json_object_new ();
      request = json_object_new ();
      response = json_object_new ();
      url = g_strdup_printf ("%s/%s", json_object_get_string_member (item, "type"),
                             json_object_get_string_member (item, "id"));
      etag = g_strdup_printf ("W/\"%" G_GINT64_FORMAT "\"",
                              json_object_get_int_member (item, "version"));

      if (json_object_get_boolean_member (item, "deleted"))
        {
          json_object_set_string_member (request, "method", "DELETE");
          json_object_set_string_member (response, "status", "204");
        }
      else
        {
          g_autofree char *full_url = g_strdup_printf ("%s/%s", fhir_base, url);

          json_object_set_string_member (entry, "fullUrl", full_url);
          json_object_set_object_member (entry, "resource", json_object_ref (resource));
          json_object_set_string_member (request, "method",
                                         json_object_get_int_member (item, "version") == 1 ? "POST" : "PUT");
          json_object_set_string_member (response, "status",
                                         json_object_get_int_member (item, "version") == 1 ? "201" : "200");
        }
      json_object_set_string_member (request, "url", url);
      json_object_set_string_member (response, "etag", etag);
      json_object_set_string_member (response, "lastModified",
                                     json_object_get_string_member (item, "lastUpdated"));
      json_object_set_object_member (entry, "request", request);
      json_object_set_object_member (entry, "response", response);
      json_array_add_object_element (array, entry);
    }
  json_object_set_array_member (bundle, "entry", array);

  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, bundle);
}

/**
 * care_sandbox_fhir_post_search: (skip)
 * @store: the resources
 * @fhir_base: the absolute FHIR base for links
 * @grant: what the request's token allows
 * @msg: a POST to [type]/_search with a form body
 * @type: a supported resource type
 * @query: the decoded URL parameters
 *
 * A search whose parameters come in the body (and the URL).
 */
void
care_sandbox_fhir_post_search (CareSandboxStore       *store,
                               const char             *fhir_base,
                               const CareSandboxGrant *grant,
                               SoupServerMessage      *msg,
                               const char             *type,
                               GHashTable             *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (content_type != NULL && g_bytes_get_size (bytes) > 0 &&
      g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") != 0)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "error", "not-supported",
                                      _("_search takes its parameters as application/x-www-form-urlencoded"));
      return;
    }

  /* Parameters from the URL and the form both apply; a name in both
   * means both values, as a repeated parameter does. */
  form = care_sandbox_decode_form (text);
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *previous = g_hash_table_lookup (form, key);

      g_hash_table_insert (form, g_strdup (key),
                           previous != NULL ? g_strconcat (previous, "\x1f", value, NULL)
                                            : g_strdup (value));
    }

  care_sandbox_fhir_search (store, fhir_base, grant, msg, type, form);
}
