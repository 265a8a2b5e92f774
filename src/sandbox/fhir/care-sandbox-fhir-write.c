/* care-sandbox-fhir-write.c — the sandbox's FHIR create and update
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST creates (the server names the resource; If-None-Exist lands a
 * retried create once, naming the match and never showing it) and PUT
 * updates (If-Match; no client-chosen ids). A body is read strictly (its
 * media type, its resourceType, a valid id, what R4 requires), then
 * checked by the rules of its type: the patient's compartment, what a
 * proxy may see, messages, appointments, directives, answers, home
 * readings, payments. care-sandbox-fhir.c routes the request here.
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

  care_sandbox_fhir_set_version_headers (msg, atoi (json_object_get_string_member (meta, "versionId")),
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

  care_sandbox_fhir_set_version_headers (msg, atoi (json_object_get_string_member (meta, "versionId")), NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, outcome);
}

/* What a create and an update check last, once the request may write:
 * answers against their Questionnaire (and scored), a patient's
 * Observations as home readings; then the resource is stored, and the
 * Tasks an answer completes are completed. Returns the stored resource,
 * or NULL having answered @msg. */
static JsonObject *
check_and_put (CareSandboxStore       *store,
               const CareSandboxGrant *grant,
               SoupServerMessage      *msg,
               const char             *type,
               JsonObject             *resource)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) checked = NULL;
  JsonObject *stored;

  if (g_str_equal (type, "QuestionnaireResponse"))
    {
      checked = care_sandbox_fhir_check_response (store, msg, resource);
      if (checked == NULL)
        return NULL;
      resource = checked;
    }
  if (g_str_equal (type, "Observation") && !care_sandbox_readings_check_create (grant, msg, resource))
    return NULL;

  stored = care_sandbox_store_put (store, resource, &error);
  if (stored == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "processing",
                                      error->message);
      return NULL;
    }
  if (g_str_equal (type, "QuestionnaireResponse"))
    care_sandbox_fhir_complete_tasks (store, stored);
  return stored;
}

/* POST [type]: create, with If-None-Exist. */
void
care_sandbox_fhir_create (CareSandboxStore       *store,
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

  stored = check_and_put (store, grant, msg, type, resource);
  if (stored == NULL)
    return;
  care_sandbox_fhir_send_stored (msg, fhir_base, SOUP_STATUS_CREATED, stored);
  if (messages != NULL && g_str_equal (type, "Communication"))
    care_sandbox_messages_created (messages, stored);
}

/* PUT [type]/[id]: update, with If-Match; never a create. */
void
care_sandbox_fhir_update (CareSandboxStore       *store,
                          const char             *fhir_base,
                          const CareSandboxGrant *grant,
                          SoupServerMessage      *msg,
                          const char             *type,
                          const char             *id)
{
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
  if (if_match != NULL && (deleted || !care_sandbox_fhir_etag_matches (if_match, version)))
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
  stored = check_and_put (store, grant, msg, type, resource);
  if (stored == NULL)
    return;
  if (g_str_equal (type, "Appointment"))
    care_sandbox_scheduling_after_update (store, existing, stored);

  care_sandbox_fhir_send_stored (msg, fhir_base, SOUP_STATUS_OK, stored);
}
