/* care-sandbox-fhir.c — the sandbox's FHIR R4 REST interface
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * read, vread, search (GET and POST _search) with keyset paging pinned to a
 * snapshot, _history with deletions, create with If-None-Exist, update with
 * If-Match, ETag / Last-Modified / If-None-Match, and an OperationOutcome
 * for every error. A grant (from the access token) limits every request to
 * its patient's compartment and the types its scopes name. This file routes
 * a request and reads; care-sandbox-fhir-write.c creates and updates,
 * care-sandbox-fhir-search.c searches, care-sandbox-fhir-ops.c runs the
 * operations.
 */
#include "config.h"

#include "care-json.h"
#include "care-sandbox-fhir.h"
#include "care-sandbox-fhir-private.h"
#include "care-sandbox-scheduling.h"
#include "care-sandbox-messages.h"
#include "care-sandbox-params.h"
#include "care-sandbox-private.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

void
care_sandbox_grant_free (CareSandboxGrant *grant)
{
  if (grant == NULL)
    return;

  g_free (grant->patient_id);
  g_strfreev (grant->scopes);
  g_free (grant->family);
  g_free (grant->username);
  g_free (grant);
}

/**
 * care_sandbox_grant_allows_type:
 * @grant: a grant
 * @type: a resource type
 * @write: whether the request writes
 *
 * SMART v2 (`patient/Observation.rs`, `.cruds`) and v1
 * (`patient/Observation.read`, `.write`, `.*`) scopes, and every type with
 * a `*` in place of the type.
 *
 * Returns: %TRUE if the scopes allow it
 */
gboolean
care_sandbox_grant_allows_type (const CareSandboxGrant *grant,
                                const char             *type,
                                gboolean                write)
{
  for (guint i = 0; grant->scopes != NULL && grant->scopes[i] != NULL; i++)
    {
      const char *scope = grant->scopes[i];
      const char *dot;
      g_autofree char *scope_type = NULL;
      const char *access;

      if (!g_str_has_prefix (scope, "patient/"))
        continue;

      dot = strchr (scope, '.');
      if (dot == NULL)
        continue;
      scope_type = g_strndup (scope + strlen ("patient/"), dot - scope - strlen ("patient/"));
      access = dot + 1;
      if (!g_str_equal (scope_type, "*") && !g_str_equal (scope_type, type))
        continue;

      if (g_str_equal (access, "*"))
        return TRUE;
      if (!write && (g_str_equal (access, "read") || strchr (access, 'r') != NULL))
        return TRUE;
      if (write && (g_str_equal (access, "write") || strchr (access, 'c') != NULL ||
                    strchr (access, 'u') != NULL))
        return TRUE;
    }

  return FALSE;
}

/**
 * care_sandbox_fhir_negotiate:
 * @msg: a request
 *
 * FHIR JSON is served as `application/fhir+json`, or as
 * `application/json` to a client that asks for that (Accept or _format).
 * No XML: a client that accepts only other types gets 406.
 *
 * Returns: (nullable): the content type to answer with, or %NULL if the
 *   client accepts neither
 */
const char *
care_sandbox_fhir_negotiate (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = uri != NULL ? g_uri_get_query (uri) : NULL;
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Accept");
  const char *format = query != NULL ? strstr (query, "_format=") : NULL;

  if (format != NULL && (format == query || format[-1] == '&'))
    {
      g_autofree char *value = g_strndup (format + 8, strcspn (format + 8, "&"));
      g_autofree char *decoded = g_uri_unescape_string (value, NULL);

      if (decoded == NULL)
        return NULL;
      if (g_str_equal (decoded, "json") || g_str_equal (decoded, "application/json"))
        return "application/json";
      if (strstr (decoded, "fhir+json") != NULL || strstr (decoded, "json+fhir") != NULL)
        return "application/fhir+json";
      return NULL;
    }

  if (accept == NULL || accept[0] == '\0' ||
      strstr (accept, "fhir+json") != NULL || strstr (accept, "json+fhir") != NULL)
    return "application/fhir+json";
  if (strstr (accept, "application/json") != NULL)
    return "application/json";
  if (strstr (accept, "*/*") != NULL || strstr (accept, "application/*") != NULL)
    return "application/fhir+json";

  return NULL;
}

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json)
{
  const char *content_type = care_sandbox_fhir_negotiate (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type != NULL ? content_type : "application/fhir+json",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

void
care_sandbox_fhir_send_object (SoupServerMessage *msg,
                               guint              status,
                               JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *json = NULL;

  json_node_init_object (node, object);
  json = json_to_string (node, FALSE);
  send_json (msg, status, json);
}

JsonObject *
care_sandbox_fhir_new_outcome (const char *severity,
                               const char *code,
                               const char *text)
{
  JsonObject *outcome = json_object_new ();
  JsonArray *issues = json_array_new ();
  JsonObject *issue = json_object_new ();
  JsonObject *details = json_object_new ();

  json_object_set_string_member (outcome, "resourceType", "OperationOutcome");
  json_object_set_string_member (issue, "severity", severity);
  json_object_set_string_member (issue, "code", code);
  json_object_set_string_member (details, "text", text);
  json_object_set_object_member (issue, "details", details);
  json_array_add_object_element (issues, issue);
  json_object_set_array_member (outcome, "issue", issues);

  return outcome;
}

/**
 * care_sandbox_fhir_send_outcome:
 * @msg: the message to answer
 * @status: the HTTP status
 * @severity: "error", "warning"…
 * @code: the issue type ("not-found", "forbidden", "invalid"…)
 * @text: what a person reads
 *
 * Answers with an OperationOutcome, as FHIR asks for every error.
 */
void
care_sandbox_fhir_send_outcome (SoupServerMessage *msg,
                                guint              status,
                                const char        *severity,
                                const char        *code,
                                const char        *text)
{
  g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_outcome (severity, code, text);

  care_sandbox_fhir_send_object (msg, status, outcome);
}

/* Every body and every stored resource is read through core's one door
 * for outside JSON: json-glib recurses once per level, so 100,000 nested
 * arrays in a request would overflow the server's stack; the door refuses
 * depth past CARE_JSON_MAX_DEPTH, invalid UTF-8 and broken escapes first. */
JsonObject *
care_sandbox_fhir_parse_object (const char  *json,
                                gssize       length,
                                GError     **error)
{
  return care_json_parse_object (json, length, error);
}

CareSandboxAccess
care_sandbox_fhir_access_for_grant (CareSandboxStore       *store,
                                    const CareSandboxGrant *grant)
{
  g_autoptr(JsonObject) patient = NULL;
  GDate today;

  if (grant->proxy_kind == CARE_SANDBOX_PROXY_NONE)
    return CARE_SANDBOX_ACCESS_FULL;

  patient = care_sandbox_store_get (store, "Patient", grant->patient_id);
  care_sandbox_store_get_today (store, &today);

  return care_sandbox_access_for (grant->proxy_kind,
                                  patient != NULL
                                  ? json_object_get_string_member_with_default (patient, "birthDate", NULL)
                                  : NULL,
                                  &today);
}

gboolean
care_sandbox_fhir_in_compartment (const CareSandboxGrant *grant,
                                  JsonObject             *resource)
{
  const char *type = json_object_get_string_member_with_default (resource, "resourceType", "");
  g_autofree char *patient = NULL;

  if (care_sandbox_params_type_is_shared (type))
    return TRUE;

  patient = care_sandbox_store_dup_patient_of (resource);
  return g_strcmp0 (patient, grant->patient_id) == 0;
}

/* The version's ETag and, when known, Last-Modified. */
void
care_sandbox_fhir_set_version_headers (SoupServerMessage *msg,
                                       int                version,
                                       const char        *last_updated)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("W/\"%d\"", version);
  g_autoptr(GDateTime) when = last_updated != NULL ? g_date_time_new_from_iso8601 (last_updated, NULL)
                                                   : NULL;

  soup_message_headers_replace (headers, "ETag", etag);
  if (when != NULL)
    {
      g_autofree char *http_date = soup_date_time_to_string (when, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "Last-Modified", http_date);
    }
}

static const char *
get_last_updated (JsonObject *resource)
{
  JsonObject *meta = json_object_has_member (resource, "meta")
                     ? json_object_get_object_member (resource, "meta") : NULL;

  return meta != NULL ? json_object_get_string_member_with_default (meta, "lastUpdated", NULL) : NULL;
}

/* An If-None-Match or If-Match value: "*", or a list of weak or strong
 * tags, any of which may name the version. */
gboolean
care_sandbox_fhir_etag_matches (const char *header,
                                int         version)
{
  g_auto(GStrv) tags = g_strsplit (header, ",", -1);
  g_autofree char *weak = g_strdup_printf ("W/\"%d\"", version);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_equal (tag, "*") || g_str_equal (tag, weak) || g_str_equal (tag, weak + 2))
        return TRUE;
    }

  return FALSE;
}

static gboolean
wants_raw_binary (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Accept");

  return accept == NULL || (strstr (accept, "fhir+json") == NULL &&
                            strstr (accept, "application/json") == NULL);
}

static void
handle_read (CareSandboxStore       *store,
             const CareSandboxGrant *grant,
             SoupServerMessage      *msg,
             const char             *type,
             const char             *id,
             int                     version)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) resource = NULL;
  gboolean deleted = FALSE;
  int current = 0;
  const char *if_none_match;
  CareSandboxAccess access;

  if (version > 0)
    json = care_sandbox_store_get_version_text (store, type, id, version, &deleted);
  else
    json = care_sandbox_store_get_text (store, type, id, &current, &deleted);

  if (json == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                      _("No such resource"));
      return;
    }

  resource = care_sandbox_fhir_parse_object (json, -1, NULL);
  if (resource == NULL || !care_sandbox_fhir_in_compartment (grant, resource))
    {
      /* Outside the token's compartment: as if it did not exist. */
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                      _("No such resource"));
      return;
    }

  access = care_sandbox_fhir_access_for_grant (store, grant);
  if (care_sandbox_access_withholds (access, resource))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "suppressed",
                                      care_sandbox_access_explain (access));
      return;
    }

  if (deleted)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_GONE, "error", "deleted",
                                      _("This resource was deleted"));
      return;
    }

  if (version == 0)
    version = current;
  care_sandbox_fhir_set_version_headers (msg, version, get_last_updated (resource));

  if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "If-None-Match");
  if (if_none_match != NULL)
    {
      if (care_sandbox_fhir_etag_matches (if_none_match, version))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  if (g_str_equal (type, "Binary") && wants_raw_binary (msg))
    {
      JsonNode *type_node = json_object_get_member (resource, "contentType");
      const char *content_type = type_node != NULL && json_node_get_value_type (type_node) == G_TYPE_STRING
                                 ? json_node_get_string (type_node) : NULL;
      const char *data = json_object_get_string_member_with_default (resource, "data", "");
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      gsize length = 0;
      guchar *bytes = g_base64_decode (data, &length);

      /* The stored type becomes a header: one written before types were
       * checked is not trusted. The content is the patient's, never the
       * portal's page: no sniffing, no scripts, no frames. */
      if (!care_sandbox_fhir_is_mime_type (content_type))
        content_type = "application/octet-stream";
      soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
      soup_message_headers_replace (headers, "Content-Security-Policy", "default-src 'none'; sandbox");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, (char *)bytes, length);
      return;
    }

  send_json (msg, SOUP_STATUS_OK, json);
}

/**
 * care_sandbox_fhir_handle:
 * @store: the resources
 * @messages: (nullable): the messaging rules and the demo clinician
 * @fhir_base: the absolute FHIR base for links
 * @grant: what the request's token allows
 * @msg: the request
 * @path: the path below the FHIR base, without the leading slash
 * @query: (nullable): the decoded query (repeated names joined by \x1f)
 *
 * Serves one FHIR interaction.
 */
void
care_sandbox_fhir_handle (CareSandboxStore       *store,
                          CareSandboxMessages    *messages,
                          const char             *fhir_base,
                          const CareSandboxGrant *grant,
                          SoupServerMessage      *msg,
                          const char             *path,
                          GHashTable             *query)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GHashTable) empty = NULL;
  const char *type;
  gboolean search;
  gboolean write;

  if (query == NULL)
    query = empty = g_hash_table_new (g_str_hash, g_str_equal);

  if (n == 0 || !care_sandbox_params_is_supported_type (parts[0]))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-supported",
                                      _("Unsupported resource type"));
      return;
    }
  type = parts[0];

  /* A Binary read answers in its own content type, whatever is accepted. */
  if (care_sandbox_fhir_negotiate (msg) == NULL &&
      !(g_str_equal (type, "Binary") && g_str_equal (method, "GET") && n == 2))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_ACCEPTABLE, "error", "not-supported",
                                      _("This server answers in application/fhir+json or application/json"));
      return;
    }

  if (care_sandbox_fhir_access_for_grant (store, grant) == CARE_SANDBOX_ACCESS_NONE)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                      care_sandbox_access_explain (CARE_SANDBOX_ACCESS_NONE));
      return;
    }

  search = g_str_equal (method, "POST") && n == 2 && g_str_equal (parts[1], "_search");
  write = (g_str_equal (method, "POST") && !search) || g_str_equal (method, "PUT");
  if (!care_sandbox_grant_allows_type (grant, type, write))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                      _("The granted scopes do not include this type"));
      return;
    }
  if (write && !care_sandbox_params_type_is_writable (type))
    {
      g_autofree char *text = g_strdup_printf (_("%s is read-only here"), type);

      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "error", "not-supported",
                                      text);
      return;
    }

  if (g_str_equal (method, "GET") && n == 1)
    care_sandbox_fhir_search (store, fhir_base, grant, msg, type, query);
  else if (search)
    care_sandbox_fhir_post_search (store, fhir_base, grant, msg, type, query);
  else if (g_str_equal (method, "GET") && n == 2 && g_str_equal (parts[1], "_history"))
    care_sandbox_fhir_history (store, fhir_base, grant, msg, type, NULL, query);
  else if (g_str_equal (method, "GET") && n == 2 && g_str_equal (type, "ValueSet") &&
           g_str_equal (parts[1], "$expand"))
    care_sandbox_fhir_expand (store, msg, query);
  else if (g_str_equal (method, "GET") && n == 2)
    handle_read (store, grant, msg, type, parts[1], 0);
  else if (g_str_equal (method, "GET") && n == 3 && g_str_equal (parts[2], "_history"))
    care_sandbox_fhir_history (store, fhir_base, grant, msg, type, parts[1], query);
  else if (g_str_equal (method, "GET") && n == 4 && g_str_equal (parts[2], "_history"))
    {
      guint64 version = 0;

      if (!g_ascii_string_to_unsigned (parts[3], 10, 1, G_MAXINT, &version, NULL))
        care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                        _("No such version"));
      else
        handle_read (store, grant, msg, type, parts[1], (int)version);
    }
  else if (g_str_equal (method, "POST") && n == 1)
    care_sandbox_fhir_create (store, messages, fhir_base, grant, msg, type);
  else if (g_str_equal (method, "POST") && n == 2 && parts[1][0] == '$')
    care_sandbox_fhir_operation (store, grant, msg, type, parts[1]);
  else if (g_str_equal (method, "PUT") && n == 2)
    care_sandbox_fhir_update (store, fhir_base, grant, msg, type, parts[1]);
  else
    care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "error", "not-supported",
                                    _("This interaction is not supported"));
}
