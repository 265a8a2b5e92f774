/* care-sandbox-fhir.c — the sandbox's FHIR R4 REST interface
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * read, vread, search (GET and POST _search) with keyset paging pinned to a
 * snapshot, _history with deletions, create with If-None-Exist, update with
 * If-Match, ETag / Last-Modified / If-None-Match, and an OperationOutcome
 * for every error. A grant (from the access token) limits every request to
 * its patient's compartment and the types its scopes name.
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

static void
set_version_headers (SoupServerMessage *msg,
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
static gboolean
etag_matches (const char *header,
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
  set_version_headers (msg, version, get_last_updated (resource));

  if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "If-None-Match");
  if (if_none_match != NULL)
    {
      if (etag_matches (if_none_match, version))
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

/* What a client may send a resource as. No Content-Type is taken as JSON. */
static gboolean
is_json_body (SoupServerMessage *msg)
{
  const char *content_type;

  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  return content_type == NULL ||
         g_ascii_strcasecmp (content_type, "application/fhir+json") == 0 ||
         g_ascii_strcasecmp (content_type, "application/json+fhir") == 0 ||
         g_ascii_strcasecmp (content_type, "application/json") == 0;
}

/* FHIR ids: 1–64 of A–Z, a–z, 0–9, '-' and '.' */
static gboolean
is_valid_id (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '.')
      return FALSE;

  return TRUE;
}

/* Reads a create or update body: 415 for another media type, 400 for text
 * that is not a resource of the URL's type, 422 for a resource that lacks
 * what FHIR requires of its type. Answers the message itself on error. */
static JsonObject *
read_body (SoupServerMessage *msg,
           const char        *type)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  JsonNode *content_type;
  JsonNode *id;
  g_autofree char *foreign = NULL;

  if (!is_json_body (msg))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "error", "not-supported",
                                      _("Resources are sent as application/fhir+json or application/json"));
      return NULL;
    }

  resource = care_sandbox_fhir_parse_object (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error);
  if (resource == NULL)
    {
      /* Core's sentence says what is wrong with the text. */
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "structure", error->message);
      return NULL;
    }

  if (g_strcmp0 (json_object_get_string_member_with_default (resource, "resourceType", NULL), type) != 0)
    {
      g_autofree char *text = g_strdup_printf (_("The body is not a %s"), type);

      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "structure", text);
      return NULL;
    }

  id = json_object_get_member (resource, "id");
  if (id != NULL && (json_node_get_value_type (id) != G_TYPE_STRING ||
                     !is_valid_id (json_node_get_string (id))))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "value",
                                      _("The resource id is not a valid FHIR id"));
      return NULL;
    }

  content_type = json_object_get_member (resource, "contentType");
  if (g_str_equal (type, "Binary") && content_type != NULL &&
      (json_node_get_value_type (content_type) != G_TYPE_STRING ||
       !care_sandbox_fhir_is_mime_type (json_node_get_string (content_type))))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "value",
                                      _("Binary.contentType is not a media type"));
      return NULL;
    }

  /* A Binary is strict: R4 gives it eight elements and nothing else. */
  foreign = g_str_equal (type, "Binary") ? care_sandbox_fhir_dup_foreign_binary_element (resource) : NULL;
  if (foreign != NULL)
    {
      /* Translators: a portal's refusal; %s is a FHIR element name */
      g_autofree char *text = g_strdup_printf (_("Binary has no element %s in FHIR R4"), foreign);

      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "structure", text);
      return NULL;
    }

  missing = care_sandbox_params_dup_missing (resource);
  if (missing != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s.%s is required"), type, missing);

      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "required", text);
      return NULL;
    }

  return g_steal_pointer (&resource);
}

void
care_sandbox_fhir_send_stored (SoupServerMessage *msg,
                               const char        *fhir_base,
                               guint              status,
                               JsonObject        *stored)
{
  JsonObject *meta = json_object_get_object_member (stored, "meta");
  g_autofree char *location = g_strdup_printf ("%s/%s/%s/_history/%s", fhir_base,
                                               json_object_get_string_member (stored, "resourceType"),
                                               json_object_get_string_member (stored, "id"),
                                               json_object_get_string_member (meta, "versionId"));

  set_version_headers (msg, atoi (json_object_get_string_member (meta, "versionId")),
                       json_object_get_string_member (meta, "lastUpdated"));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
  care_sandbox_fhir_send_object (msg, status, stored);
}

void
care_sandbox_fhir_send_existing (SoupServerMessage *msg,
                                 const char        *fhir_base,
                                 JsonObject        *existing)
{
  JsonObject *meta = json_object_get_object_member (existing, "meta");
  g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_outcome ("information", "duplicate",
                                                                _("A matching resource already exists"));
  g_autofree char *location = g_strdup_printf ("%s/%s/%s/_history/%s", fhir_base,
                                               json_object_get_string_member (existing, "resourceType"),
                                               json_object_get_string_member (existing, "id"),
                                               json_object_get_string_member (meta, "versionId"));

  set_version_headers (msg, atoi (json_object_get_string_member (meta, "versionId")), NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, outcome);
}

static void
handle_create (CareSandboxStore       *store,
               CareSandboxMessages    *messages,
               const char             *fhir_base,
               const CareSandboxGrant *grant,
               SoupServerMessage      *msg,
               const char             *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = read_body (msg, type);
  g_autoptr(JsonObject) stored = NULL;
  const char *if_none_exist;
  CareSandboxAccess access;

  if (resource == NULL)
    return;

  /* The server names what is created; a client id is ignored (FHIR create). */
  json_object_remove_member (resource, "id");
  /* A payment is the patient's through the statement it pays. */
  if (g_str_equal (type, "PaymentNotice"))
    {
      care_sandbox_payments_create (store, fhir_base, grant, msg, resource);
      return;
    }
  if (!care_sandbox_fhir_in_compartment (grant, resource))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                      _("The resource is not in this token’s patient compartment"));
      return;
    }

  /* A proxy writes nothing it could not read back: the age rules cover
   * writes as they cover reads. A message is checked against its own
   * rules first, so the refusal names the one it breaks. */
  access = care_sandbox_fhir_access_for_grant (store, grant);
  if (messages != NULL && g_str_equal (type, "Communication") &&
      !care_sandbox_messages_check_create (messages, grant->patient_id, grant->proxy_kind, access, msg,
                                           resource))
    return;
  if (care_sandbox_access_withholds (access, resource))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "suppressed",
                                      care_sandbox_access_explain (access));
      return;
    }

  if_none_exist = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "If-None-Exist");
  if (if_none_exist != NULL)
    {
      g_autoptr(GHashTable) condition = care_sandbox_decode_form (if_none_exist);
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(CareSandboxPage) matches = NULL;
      CareSandboxSearch search = { 0 };
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, condition);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          CareSandboxParamKind kind;

          if (!care_sandbox_params_lookup (type, key, &kind))
            {
              care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "not-supported",
                                              _("If-None-Exist names an unknown search parameter"));
              return;
            }
          if (kind != CARE_SANDBOX_PARAM_PATIENT)
            g_hash_table_insert (params, key, value);
        }
      if (g_hash_table_size (condition) == 0)
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                          _("If-None-Exist is empty"));
          return;
        }

      search.type = type;
      search.patient = care_sandbox_params_type_is_shared (type) ? NULL : grant->patient_id;
      search.params = params;
      search.count = 2;
      search.sort_last_updated = TRUE;
      /* The same withholding as a search, or the condition would tell a
       * proxy what it may not see. */
      search.exclude_category = care_sandbox_access_withheld_category (access, type);
      matches = care_sandbox_store_search (store, &search, &error);
      if (matches == NULL)
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                          error->message);
          return;
        }
      if (matches->resources->len > 1)
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_PRECONDITION_FAILED, "error", "duplicate",
                                          _("More than one resource matches If-None-Exist"));
          return;
        }
      if (matches->resources->len == 1)
        {
          const char *json = g_ptr_array_index (matches->resources, 0);
          g_autoptr(JsonObject) existing = care_sandbox_fhir_parse_object (json, -1, NULL);

          /* Already there: the client's retry lands once. The answer
           * names the match (Location, ETag), never its content: a
           * condition is not a way to read. */
          care_sandbox_fhir_send_existing (msg, fhir_base, existing);
          return;
        }
    }

  /* A signed directive points at the patient's own files; an agent has a name. */
  if (!care_sandbox_fhir_check_planning (store, grant, msg, resource))
    return;

  /* Answers are checked against their Questionnaire, and scored. */
  if (g_str_equal (type, "QuestionnaireResponse"))
    {
      JsonObject *checked = care_sandbox_fhir_check_response (store, msg, resource);

      if (checked == NULL)
        return;
      json_object_unref (resource);
      resource = checked;
    }
  /* A patient's Observations are home readings. */
  if (g_str_equal (type, "Observation") && !care_sandbox_readings_check_create (grant, msg, resource))
    return;

  stored = care_sandbox_store_put (store, resource, &error);
  if (stored == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "processing",
                                      error->message);
      return;
    }
  if (g_str_equal (type, "QuestionnaireResponse"))
    care_sandbox_fhir_complete_tasks (store, stored);

  care_sandbox_fhir_send_stored (msg, fhir_base, SOUP_STATUS_CREATED, stored);
  if (messages != NULL && g_str_equal (type, "Communication"))
    care_sandbox_messages_created (messages, stored);
}

static void
handle_update (CareSandboxStore       *store,
               const char             *fhir_base,
               const CareSandboxGrant *grant,
               SoupServerMessage      *msg,
               const char             *type,
               const char             *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = read_body (msg, type);
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *current_json = NULL;
  const char *if_match;
  int version = 0;
  gboolean deleted = FALSE;
  CareSandboxAccess access;

  if (resource == NULL)
    return;
  if (g_strcmp0 (json_object_get_string_member_with_default (resource, "id", NULL), id) != 0)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                      _("The resource id does not match the URL"));
      return;
    }

  current_json = care_sandbox_store_get_text (store, type, id, &version, &deleted);
  existing = current_json != NULL ? care_sandbox_fhir_parse_object (current_json, -1, NULL) : NULL;
  if (existing == NULL || !care_sandbox_fhir_in_compartment (grant, existing))
    {
      /* No client-chosen ids: creating goes through POST. Another
       * patient's resource is as absent as a missing one. */
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                      _("No such resource; create resources with POST"));
      return;
    }
  if (!care_sandbox_fhir_in_compartment (grant, resource))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                      _("The resource is not in this token’s patient compartment"));
      return;
    }

  /* What a proxy may not read, it may not overwrite either (nor turn a
   * resource it sees into one it would not). */
  access = care_sandbox_fhir_access_for_grant (store, grant);
  if (care_sandbox_access_withholds (access, existing) || care_sandbox_access_withholds (access, resource))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "suppressed",
                                      care_sandbox_access_explain (access));
      return;
    }

  if (g_str_equal (type, "Patient") && care_sandbox_fhir_changes_identity (grant, existing, resource))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                      _("Who the patient is (date of birth, identifiers) is changed by "
                                        "the clinic, not through the portal"));
      return;
    }

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  if (if_match != NULL && (deleted || !etag_matches (if_match, version)))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_PRECONDITION_FAILED, "error", "conflict",
                                      _("The resource changed since it was read"));
      return;
    }

  /* Messages: only the read mark changes (the messaging rules). */
  if (g_str_equal (type, "Communication") && !care_sandbox_messages_check_update (msg, existing, resource))
    return;
  if (g_str_equal (type, "Appointment"))
    {
      g_autofree char *text = NULL;
      guint status = 0;

      if (!care_sandbox_scheduling_check_update (store, grant, existing, resource, &status, &text))
        {
          care_sandbox_fhir_send_outcome (msg, status, "error", "business-rule", text);
          return;
        }
    }
  /* Answers are checked against their Questionnaire, and scored. */
  if (g_str_equal (type, "QuestionnaireResponse"))
    {
      JsonObject *checked = care_sandbox_fhir_check_response (store, msg, resource);

      if (checked == NULL)
        return;
      json_object_unref (resource);
      resource = checked;
    }
  /* A patient's Observations are home readings. */
  if (g_str_equal (type, "Observation") && !care_sandbox_readings_check_create (grant, msg, resource))
    return;

  stored = care_sandbox_store_put (store, resource, &error);
  if (stored == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "processing",
                                      error->message);
      return;
    }
  if (g_str_equal (type, "Appointment"))
    care_sandbox_scheduling_after_update (store, existing, stored);
  if (g_str_equal (type, "QuestionnaireResponse"))
    care_sandbox_fhir_complete_tasks (store, stored);

  care_sandbox_fhir_send_stored (msg, fhir_base, SOUP_STATUS_OK, stored);
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
    handle_create (store, messages, fhir_base, grant, msg, type);
  else if (g_str_equal (method, "POST") && n == 2 && parts[1][0] == '$')
    care_sandbox_fhir_operation (store, grant, msg, type, parts[1]);
  else if (g_str_equal (method, "PUT") && n == 2)
    handle_update (store, fhir_base, grant, msg, type, parts[1]);
  else
    care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "error", "not-supported",
                                    _("This interaction is not supported"));
}
