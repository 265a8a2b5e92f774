/* care-registration.c — probing a portal's dynamic client registration
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some portals (Epic, for public apps) let an app register a per-install
 * client after sign-in (RFC 7591), whose key then replaces refresh tokens
 * (FHIR-CLIENT.md 11). Carebook asks where the smart-configuration lists a
 * registration_endpoint. A 404 there means the portal does not offer it
 * to this app, so there is no silent refresh beyond the refresh token:
 * that is an answer, not an error. What the portal registers is returned
 * for the keyring ("client-key"), never written anywhere else.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-error.h"
#include "care-json.h"
#include "care-registration.h"

#include <string.h>

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(JsonObject) root = NULL;
  guint status;

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE, "%s",
                                 _("The health system could not be reached."));
      return;
    }

  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) ||
      (root = care_json_parse_bytes (bytes, NULL)) == NULL ||
      json_object_get_string_member_with_default (root, "client_id", NULL) == NULL)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE, "%s",
                               _("The health system’s app registration answered something Carebook "
                                 "cannot use."));
      return;
    }

  g_task_return_pointer (task, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)), g_free);
}

/**
 * care_registration_probe_async:
 * @session: the portal's session
 * @registration_endpoint: the smart-configuration's registration_endpoint
 * @access_token: the access token of the sign-in that just finished
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the registration
 * @user_data: data for @callback
 *
 * Asks the portal to register this install as a client of its own.
 */
void
care_registration_probe_async (SoupSession         *session,
                               const char          *registration_endpoint,
                               const char          *access_token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *authorization = NULL;
  char *json;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (registration_endpoint != NULL && access_token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_registration_probe_async);

  msg = soup_message_new ("POST", registration_endpoint);
  if (msg == NULL)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE, "%s",
                               _("The health system’s app registration answered something Carebook "
                                 "cannot use."));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_name");
  json_builder_add_string_value (builder, "Carebook");
  json_builder_set_member_name (builder, "software_id");
  json_builder_add_string_value (builder, APP_ID);
  json_builder_set_member_name (builder, "token_endpoint_auth_method");
  json_builder_add_string_value (builder, "none");
  json_builder_set_member_name (builder, "grant_types");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "urn:ietf:params:oauth:grant-type:jwt-bearer");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new_take (json, strlen (json));

  authorization = g_strconcat ("Bearer ", access_token, NULL);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable, registered_cb,
                                    g_steal_pointer (&task));
}

/**
 * care_registration_probe_finish:
 * @result: the result given to the callback
 * @error: return location for a #CARE_PORTAL_ERROR
 *
 * Returns: (transfer full) (nullable): the registration (JSON with its
 *   client_id) for the keyring, or %NULL without an error when the portal
 *   offers none (404)
 */
char *
care_registration_probe_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
