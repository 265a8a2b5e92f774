/* care-sandbox-fhir-search.c — FHIR search and _history for the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET and POST _search answered with searchset Bundles, with keyset next
 * links pinned to a snapshot; and _history Bundles, newest first, with
 * deletions and keyset next links. Each is three steps: parsing the
 * request (parameters checked against the table in care-sandbox-params.c;
 * a refusal says why in an OperationOutcome), the store query (the SQL is
 * in care-sandbox-search.c and care-sandbox-store.c) and writing the
 * Bundle with the one writer both share (care-sandbox-bundle.c).
 */
#include "config.h"

#include "care-sandbox-bundle.h"
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

/* Why a request is refused: its status, issue code and words. */
typedef struct
{
  guint  status;
  char  *code;
  char  *text;
} Refusal;

static gboolean
refuse (Refusal    *refusal,
        guint       status,
        const char *code,
        char       *text)
{
  refusal->status = status;
  refusal->code = g_strdup (code);
  refusal->text = text;
  return FALSE;
}

static void
send_refusal (SoupServerMessage *msg,
              Refusal           *refusal)
{
  care_sandbox_fhir_send_outcome (msg, refusal->status, "error", refusal->code, refusal->text);
  g_clear_pointer (&refusal->code, g_free);
  g_clear_pointer (&refusal->text, g_free);
}

/* "a,42": the sort key and row id of the last row seen. */
static gboolean
parse_cursor (const char  *cursor,
              char       **out_key,
              guint64     *out_rid)
{
  const char *comma = strrchr (cursor, ',');

  if (comma == NULL || !g_ascii_string_to_unsigned (comma + 1, 10, 0, G_MAXINT64, out_rid, NULL))
    return FALSE;
  *out_key = g_strndup (cursor, comma - cursor);
  return TRUE;
}

/* The query without some of its parameters, for a next link. */
static char *
dup_query_without (GHashTable *query,
                   const char *skip_a,
                   const char *skip_b)
{
  g_autoptr(GHashTable) rest = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (key, skip_a) != 0 && g_strcmp0 (key, skip_b) != 0)
      g_hash_table_insert (rest, key, value);
  return dup_query_string (rest, "\x01");
}

/* ---- search: the request ---- */

typedef struct
{
  CareSandboxSearch  search;
  GHashTable        *params;      /* interned name → value (borrowed from the query) */
  char              *cursor_key;
} SearchRequest;

static void
search_request_clear (SearchRequest *request)
{
  g_clear_pointer (&request->params, g_hash_table_unref);
  g_clear_pointer (&request->cursor_key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SearchRequest, search_request_clear)

static gboolean
parse_search_params (const char             *type,
                     const CareSandboxGrant *grant,
                     GHashTable             *query,
                     SearchRequest          *request,
                     Refusal                *refusal)
{
  GHashTableIter iter;
  gpointer key, value;

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
        return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "not-supported",
                       g_strdup_printf (_("Unknown search parameter “%s” for %s"), name, type));
      /* A modifier changes what a value means (:not, :text, :missing…);
       * ignoring one would answer a different question. */
      if (colon != NULL)
        return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "not-supported",
                       g_strdup_printf (_("The search modifier “%s” is not supported"), colon));

      if (kind == CARE_SANDBOX_PARAM_PATIENT)
        {
          const char *wanted = value;
          const char *slash = strrchr (wanted, '/');

          /* "a", "Patient/a" or an absolute URL ending in Patient/a */
          if (slash != NULL && slash - wanted >= 7 && strncmp (slash - 7, "Patient", 7) == 0)
            wanted = slash + 1;
          if (g_strcmp0 (wanted, grant->patient_id) != 0)
            return refuse (refusal, SOUP_STATUS_FORBIDDEN, "forbidden",
                           g_strdup (_("This token does not reach that patient")));
          continue;
        }

      g_hash_table_insert (request->params, (gpointer)g_intern_string (bare), value);
    }
  return TRUE;
}

/* The request's parameters, _count, _sort and paging cursor, checked. */
static gboolean
parse_search_request (const char             *type,
                      const CareSandboxGrant *grant,
                      GHashTable             *query,
                      SearchRequest          *request,
                      Refusal                *refusal)
{
  CareSandboxSearch *search = &request->search;
  const char *count_text = g_hash_table_lookup (query, "_count");
  const char *sort = g_hash_table_lookup (query, "_sort");
  const char *snapshot = g_hash_table_lookup (query, "_snapshot");
  const char *cursor = g_hash_table_lookup (query, "_cursor");

  search->type = type;
  search->patient = care_sandbox_params_type_is_shared (type) ? NULL : grant->patient_id;
  search->count = DEFAULT_COUNT;
  request->params = g_hash_table_new (g_str_hash, g_str_equal);
  if (!parse_search_params (type, grant, query, request, refusal))
    return FALSE;
  search->params = request->params;

  if (count_text != NULL)
    {
      guint64 count = 0;

      /* A page bigger than the portal serves is cut to its limit, as real
       * servers do; only a count that is not a count is an error. */
      if (!parse_count (count_text, &count))
        return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "invalid",
                       g_strdup (_("_count must be a positive whole number")));
      search->count = count;
    }

  if (sort != NULL)
    {
      search->sort_descending = sort[0] == '-';
      if (search->sort_descending)
        sort++;
      if (g_str_equal (sort, "_lastUpdated"))
        search->sort_last_updated = TRUE;
      else if (!g_str_equal (sort, "date"))
        return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "not-supported",
                       g_strdup (_("_sort supports date, -date, _lastUpdated and -_lastUpdated")));
    }
  else
    search->sort_last_updated = TRUE;

  if (snapshot != NULL || cursor != NULL)
    {
      guint64 snapshot_rid = 0;
      guint64 after_rid = 0;

      /* A next link this portal made: the sort key and row id of the last
       * row seen, and the highest row id when paging began. */
      if (snapshot == NULL || cursor == NULL ||
          !g_ascii_string_to_unsigned (snapshot, 10, 1, G_MAXINT64, &snapshot_rid, NULL) ||
          !parse_cursor (cursor, &request->cursor_key, &after_rid))
        return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "invalid",
                       g_strdup (_("Malformed paging cursor")));
      search->snapshot = snapshot_rid;
      search->after_key = request->cursor_key;
      search->after_rid = after_rid;
    }
  return TRUE;
}

/* ---- search: the store query ---- */

/* One page of what the grant may see. A type withheld from a proxy is an
 * empty page, not an error; @out_explained says the Bundle must say why. */
static CareSandboxPage *
query_search_page (CareSandboxStore       *store,
                   const CareSandboxGrant *grant,
                   SearchRequest          *request,
                   const char            **out_explanation,
                   GError                **error)
{
  CareSandboxAccess access = care_sandbox_fhir_access_for_grant (store, grant);
  const char *type = request->search.type;
  CareSandboxPage *page;

  request->search.exclude_category = care_sandbox_access_withheld_category (access, type);
  *out_explanation = NULL;
  if (care_sandbox_access_withholds_type (access, type) && !care_sandbox_params_type_is_shared (type))
    {
      page = g_new0 (CareSandboxPage, 1);
      page->resources = g_ptr_array_new_with_free_func (g_free);
      page->ids = g_ptr_array_new_with_free_func (g_free);
      *out_explanation = care_sandbox_access_explain (access);
      return page;
    }

  page = care_sandbox_store_search (store, &request->search, error);
  if (page != NULL && request->search.exclude_category != NULL)
    *out_explanation = care_sandbox_access_explain (access);
  return page;
}

/* ---- search: the Bundle ---- */

static void
write_search_bundle (SoupServerMessage *msg,
                     const char        *fhir_base,
                     const char        *type,
                     GHashTable        *query,
                     CareSandboxPage   *page,
                     const char        *explanation)
{
  g_autoptr(CareSandboxBundle) bundle = NULL;
  g_autofree char *self_query = dup_query_string (query, "\x01");
  g_autofree char *self_url = g_strdup_printf ("%s/%s%s%s", fhir_base, type,
                                               self_query[0] != '\0' ? "?" : "", self_query);
  g_autofree char *next_url = NULL;

  if (page->more)
    {
      g_autofree char *stripped = dup_query_without (query, "_snapshot", "_cursor");
      g_autofree char *cursor_value = g_strdup_printf ("%s,%" G_GINT64_FORMAT,
                                                       page->last_key != NULL ? page->last_key : "",
                                                       page->last_rid);
      g_autofree char *escaped = g_uri_escape_string (cursor_value, NULL, FALSE);

      next_url = g_strdup_printf ("%s/%s?%s%s_snapshot=%" G_GINT64_FORMAT "&_cursor=%s",
                                  fhir_base, type, stripped, stripped[0] != '\0' ? "&" : "",
                                  page->snapshot, escaped);
    }

  bundle = care_sandbox_bundle_new ("searchset", self_url, next_url);
  for (guint i = 0; i < page->resources->len; i++)
    {
      g_autofree char *full_url = g_strdup_printf ("%s/%s/%s", fhir_base, type,
                                                   (char *)g_ptr_array_index (page->ids, i));

      care_sandbox_bundle_add_entry (bundle, full_url, g_ptr_array_index (page->resources, i),
                                     "\"search\":{\"mode\":\"match\"}");
    }
  if (explanation != NULL)
    {
      g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_outcome ("warning", "suppressed",
                                                                     explanation);
      g_autoptr(JsonNode) node = json_node_alloc ();
      g_autofree char *json = NULL;

      json_node_init_object (node, outcome);
      json = json_to_string (node, FALSE);
      care_sandbox_bundle_add_entry (bundle, NULL, json, "\"search\":{\"mode\":\"outcome\"}");
    }
  care_sandbox_bundle_send (bundle, msg);
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
  g_auto(SearchRequest) request = { { 0 } };
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GError) error = NULL;
  Refusal refusal = { 0 };
  const char *explanation = NULL;

  if (!parse_search_request (type, grant, query, &request, &refusal))
    {
      send_refusal (msg, &refusal);
      return;
    }

  page = query_search_page (store, grant, &request, &explanation, &error);
  if (page == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                      error->message);
      return;
    }

  write_search_bundle (msg, fhir_base, type, query, page, explanation);
}

/* ---- _history: the request ---- */

typedef struct
{
  char    *since;       /* sortable, or NULL */
  char    *before_key;
  guint64  before_rid;
  guint64  count;
} HistoryRequest;

static void
history_request_clear (HistoryRequest *request)
{
  g_clear_pointer (&request->since, g_free);
  g_clear_pointer (&request->before_key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HistoryRequest, history_request_clear)

static gboolean
parse_history_request (GHashTable     *query,
                       HistoryRequest *request,
                       Refusal        *refusal)
{
  const char *since_text = g_hash_table_lookup (query, "_since");
  const char *count_text = g_hash_table_lookup (query, "_count");
  const char *cursor = g_hash_table_lookup (query, "_cursor");
  GHashTableIter iter;
  gpointer key;

  request->count = 100;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_str_equal (key, "_since") && !g_str_equal (key, "_count") &&
        !g_str_equal (key, "_format") && !g_str_equal (key, "_cursor"))
      return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "not-supported",
                     g_strdup_printf (_("_history does not support “%s”"), (char *)key));

  if (count_text != NULL && !parse_count (count_text, &request->count))
    return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "invalid",
                   g_strdup (_("_count must be a positive whole number")));
  /* _since is an instant; it compares with lastUpdated in UTC. */
  if (since_text != NULL &&
      (strchr (since_text, 'T') == NULL ||
       (request->since = care_sandbox_params_dup_sortable_date (since_text)) == NULL))
    return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "invalid",
                   g_strdup (_("_since must be an instant such as 2024-01-31T09:00:00Z")));
  if (cursor != NULL && !parse_cursor (cursor, &request->before_key, &request->before_rid))
    return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "invalid",
                   g_strdup (_("Malformed paging cursor")));
  return TRUE;
}

/* ---- _history: the Bundle ---- */

/* An entry's request and response, as JSON members. */
static char *
dup_history_members (JsonObject *item)
{
  g_autoptr(JsonObject) members = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  JsonObject *request = json_object_new ();
  JsonObject *response = json_object_new ();
  gint64 version = json_object_get_int_member (item, "version");
  gboolean deleted = json_object_get_boolean_member (item, "deleted");
  g_autofree char *url = g_strdup_printf ("%s/%s", json_object_get_string_member (item, "type"),
                                          json_object_get_string_member (item, "id"));
  g_autofree char *etag = g_strdup_printf ("W/\"%" G_GINT64_FORMAT "\"", version);
  g_autofree char *json = NULL;

  json_object_set_string_member (request, "method",
                                 deleted ? "DELETE" : version == 1 ? "POST" : "PUT");
  json_object_set_string_member (request, "url", url);
  json_object_set_string_member (response, "status",
                                 deleted ? "204" : version == 1 ? "201" : "200");
  json_object_set_string_member (response, "etag", etag);
  json_object_set_string_member (response, "lastModified",
                                 json_object_get_string_member (item, "lastUpdated"));
  json_object_set_object_member (members, "request", request);
  json_object_set_object_member (members, "response", response);

  /* "{…}" without its braces. */
  json_node_init_object (node, members);
  json = json_to_string (node, FALSE);
  return g_strndup (json + 1, strlen (json) - 2);
}

static void
write_history_bundle (SoupServerMessage      *msg,
                      const char             *fhir_base,
                      const CareSandboxGrant *grant,
                      CareSandboxAccess       access,
                      const char             *type,
                      const char             *id,
                      GHashTable             *query,
                      GPtrArray              *entries,
                      gboolean                more)
{
  g_autoptr(CareSandboxBundle) bundle = NULL;
  g_autofree char *self_query = dup_query_string (query, "\x01");
  g_autofree char *path = g_strdup_printf ("%s/%s%s%s/_history", fhir_base, type,
                                           id != NULL ? "/" : "", id != NULL ? id : "");
  g_autofree char *self_url = g_strdup_printf ("%s%s%s", path, self_query[0] != '\0' ? "?" : "",
                                               self_query);
  g_autofree char *next_url = NULL;

  if (more)
    {
      JsonObject *last = g_ptr_array_index (entries, entries->len - 1);
      g_autofree char *rest_query = dup_query_without (query, "_cursor", NULL);
      g_autofree char *cursor_value = g_strdup_printf ("%s,%" G_GINT64_FORMAT,
                                                       json_object_get_string_member (last, "lastUpdated"),
                                                       json_object_get_int_member (last, "row"));
      g_autofree char *escaped = g_uri_escape_string (cursor_value, NULL, FALSE);

      next_url = g_strdup_printf ("%s?%s%s_cursor=%s", path, rest_query,
                                  rest_query[0] != '\0' ? "&" : "", escaped);
    }

  bundle = care_sandbox_bundle_new ("history", self_url, next_url);
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *item = g_ptr_array_index (entries, i);
      const char *json = json_object_get_string_member (item, "json");
      g_autoptr(JsonObject) resource = care_sandbox_fhir_parse_object (json, -1, NULL);
      g_autofree char *members = NULL;
      g_autofree char *full_url = NULL;

      if (resource == NULL || !care_sandbox_fhir_in_compartment (grant, resource) ||
          care_sandbox_access_withholds (access, resource))
        continue;

      members = dup_history_members (item);
      if (json_object_get_boolean_member (item, "deleted"))
        care_sandbox_bundle_add_entry (bundle, NULL, NULL, members);
      else
        {
          full_url = g_strdup_printf ("%s/%s/%s", fhir_base, json_object_get_string_member (item, "type"),
                                      json_object_get_string_member (item, "id"));
          care_sandbox_bundle_add_entry (bundle, full_url, json, members);
        }
    }
  care_sandbox_bundle_send (bundle, msg);
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
  g_auto(HistoryRequest) request = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  Refusal refusal = { 0 };
  gboolean more;

  if (!parse_history_request (query, &request, &refusal))
    {
      send_refusal (msg, &refusal);
      return;
    }

  /* One more than a page, to know whether a next link is needed. */
  entries = care_sandbox_store_history (store, type, id, request.since, request.before_key,
                                        request.before_rid, request.count + 1);
  more = entries->len > request.count;
  if (more)
    g_ptr_array_set_size (entries, request.count);

  write_history_bundle (msg, fhir_base, grant, care_sandbox_fhir_access_for_grant (store, grant),
                        type, id, query, entries, more);
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
