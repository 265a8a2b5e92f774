/* care-sandbox-fhir-ops.c — FHIR operations: POST [base]/Type/$op
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operations the sandbox offers a patient's token, as the Argonaut
 * Scheduling IG names them: Appointment/$find, $hold and $book of slots
 * (care-sandbox-scheduling.c); a $book of an appointment without slots
 * takes Parameters with the appointment to book and answers Parameters
 * whose "return" is the booked Appointment. Clients send operations from
 * their outbox (care-sync-outbox.c) or at once (care_outbox_run_now_async()).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-scheduling.h"
#include "care-sandbox-store.h"

static JsonObject *
find_parameter (JsonObject *parameters,
                const char *name)
{
  JsonArray *list = json_object_has_member (parameters, "parameter")
                    ? json_object_get_array_member (parameters, "parameter") : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *parameter = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (parameter != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (parameter, "name", NULL), name) == 0 &&
          json_object_has_member (parameter, "resource") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (parameter, "resource")))
        return json_object_get_object_member (parameter, "resource");
    }
  return NULL;
}

static void
book (CareSandboxStore       *store,
      const CareSandboxGrant *grant,
      SoupServerMessage      *msg,
      JsonObject             *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonObject *appointment = find_parameter (parameters, "appointment");
  JsonArray *list;
  JsonObject *parameter;

  if (appointment == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (appointment, "resourceType", NULL),
                 "Appointment") != 0)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "required",
                                      _("$book needs an appointment parameter"));
      return;
    }
  if (!care_sandbox_fhir_in_compartment (grant, appointment))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_FORBIDDEN, "error", "forbidden",
                                      _("The resource is not in this token’s patient compartment"));
      return;
    }

  json_object_remove_member (appointment, "id");
  json_object_set_string_member (appointment, "status", "booked");
  stored = care_sandbox_store_put (store, appointment, &error);
  if (stored == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "processing",
                                      error->message);
      return;
    }

  json_object_set_string_member (answer, "resourceType", "Parameters");
  list = json_array_new ();
  parameter = json_object_new ();
  json_object_set_string_member (parameter, "name", "return");
  json_object_set_object_member (parameter, "resource", json_object_ref (stored));
  json_array_add_object_element (list, parameter);
  json_object_set_array_member (answer, "parameter", list);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, answer);
}

/**
 * care_sandbox_fhir_operation:
 * @store: the resources
 * @grant: what the request's token allows
 * @msg: the request
 * @type: the resource type
 * @operation: the operation, with its dollar ("$book")
 *
 * Serves `POST [base]/Type/$op`.
 */
void
care_sandbox_fhir_operation (CareSandboxStore       *store,
                             const CareSandboxGrant *grant,
                             SoupServerMessage      *msg,
                             const char             *type,
                             const char             *operation)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonObject) parameters = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (data != NULL && length > 0)
    parameters = care_sandbox_fhir_parse_object (data, length, NULL);
  if (parameters == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (parameters, "resourceType", NULL), "Parameters") != 0)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                      _("An operation takes a Parameters resource"));
      return;
    }

  /* Argonaut Scheduling: $find, $hold, and $book of slots. */
  if (g_str_equal (type, "Appointment") &&
      care_sandbox_scheduling_operation (store, grant, msg, operation, parameters))
    return;
  if (g_str_equal (type, "PaymentNotice") && g_str_equal (operation, "$tokenize"))
    care_sandbox_payments_tokenize (store, grant, msg, parameters);
  else if (g_str_equal (type, "Appointment") && g_str_equal (operation, "$book"))
    book (store, grant, msg, parameters);
  else
    care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-supported",
                                    _("This operation is not supported"));
}
