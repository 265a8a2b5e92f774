/* care-registration.c — dynamic client registration and the JWT-bearer grant
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some portals (Epic, for public apps) give native apps no long refresh
 * tokens; instead an app registers a per-install client right after
 * sign-in (RFC 7591), with the access token of that sign-in and the
 * public half of a key made for this connection (care-client-key.c), and
 * from then on asks for access tokens with assertions signed by that key
 * (the JWT-bearer grant, RFC 7523; FHIR-CLIENT.md 11).
 *
 * Carebook registers where the smart-configuration lists a
 * registration_endpoint. A 404 there means the portal does not offer it
 * to this app, so there is no silent refresh beyond the refresh token:
 * that is an answer, not an error. The registered client id and the
 * private key go to the keyring as the connection's "client-key" secret,
 * and nowhere else.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-client-key.h"
#include "care-error.h"
#include "care-http.h"
#include "care-json.h"
#include "care-registration.h"
#include "care-token-store.h"

#include <string.h>

/* The client id Carebook signs in with (care-authorizer.c): portals such
 * as Epic want it as the registration's software_id. */
#define SOFTWARE_ID       "carebook"
/* A registration answer is a few kilobytes; more is not one. */
#define MAX_ANSWER_SIZE   (256 * 1024)

typedef struct
{
  SoupSession   *session;
  char          *endpoint;
  char          *access_token;
  CareClientKey *key;
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->session);
  g_free (probe->endpoint);
  g_free (probe->access_token);
  g_clear_object (&probe->key);
  g_free (probe);
}

static GError *
unusable_error (void)
{
  return g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                              _("The health system’s app registration answered something Carebook "
                                "cannot use."));
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = care_http_read_finish (result, &error);
  SoupMessage *msg = care_http_read_get_message (result);
  g_autoptr(JsonObject) root = NULL;
  const char *client_id;
  guint status;

  if (bytes == NULL)
    {
      /* Too big, too slow, or sent to another origin: said as such. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == CARE_PORTAL_ERROR)
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
      (client_id = json_object_get_string_member_with_default (root, "client_id", NULL)) == NULL ||
      client_id[0] == '\0' || strlen (client_id) > 1024)
    {
      g_debug ("Client registration answered %u", status);
      g_task_return_error (task, unusable_error ());
      return;
    }

  care_client_key_set_client_id (probe->key, client_id);
  g_task_return_pointer (task, care_client_key_dup_secret (probe->key), g_free);
}

static JsonNode *
build_request (CareClientKey *key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_name");
  json_builder_add_string_value (builder, "Carebook");
  json_builder_set_member_name (builder, "software_id");
  json_builder_add_string_value (builder, SOFTWARE_ID);
  json_builder_set_member_name (builder, "software_version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  /* A public client: the assertion is the grant, not a client login. */
  json_builder_set_member_name (builder, "token_endpoint_auth_method");
  json_builder_add_string_value (builder, "none");
  json_builder_set_member_name (builder, "grant_types");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, CARE_JWT_BEARER_GRANT);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "jwks");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_array (builder);
  {
    JsonNode *jwk = json_node_new (JSON_NODE_OBJECT);

    json_node_take_object (jwk, care_client_key_dup_jwk (key));
    json_builder_add_value (builder, jwk);
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
key_made_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *authorization = NULL;
  CareHttpLimits limits;
  GCancellable *cancellable;
  char *json;

  probe->key = care_client_key_generate_finish (result, &error);
  if (probe->key == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  msg = soup_message_new ("POST", probe->endpoint);
  if (msg == NULL)
    {
      g_task_return_error (task, unusable_error ());
      return;
    }

  root = build_request (probe->key);
  json = json_to_string (root, FALSE);
  body = g_bytes_new_take (json, strlen (json));

  authorization = g_strconcat ("Bearer ", probe->access_token, NULL);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  /* Within limits, and never to another origin (care-http.c): the
   * access token goes with it. */
  care_http_limits_init_auth (&limits, probe->session);
  limits.max_bytes = MAX_ANSWER_SIZE;
  cancellable = g_task_get_cancellable (task);
  care_http_read_async (probe->session, msg, &limits, cancellable, registered_cb, g_steal_pointer (&task));
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
 * Makes a new key pair (in a thread) and asks the portal to register this
 * install as a client of its own, with the key's public half as a JWK.
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
  Probe *probe;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (registration_endpoint != NULL && access_token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_registration_probe_async);
  probe = g_new0 (Probe, 1);
  probe->session = g_object_ref (session);
  probe->endpoint = g_strdup (registration_endpoint);
  probe->access_token = g_strdup (access_token);
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);

  care_client_key_generate_async (cancellable, key_made_cb, g_steal_pointer (&task));
}

/**
 * care_registration_probe_finish:
 * @result: the result given to the callback
 * @error: return location for a #CARE_PORTAL_ERROR or #CARE_AUTH_ERROR
 *
 * Returns: (transfer full) (nullable): the keyring secret (the registered
 *   client id and the private key, see care_client_key_dup_secret()), or
 *   %NULL without an error when the portal offers no registration (404)
 */
char *
care_registration_probe_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Registering and keeping ------------------------------------------------ */

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
kept_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!care_token_store_save_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = care_registration_probe_finish (result, &error);
  const char *connection_id = g_task_get_task_data (task);

  if (secret == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, FALSE);
      return;
    }

  care_token_store_save_async (connection_id, "client-key", secret, g_task_get_cancellable (task),
                               kept_cb, g_object_ref (task));
  wipe_free (secret);
}

/**
 * care_registration_keep_async:
 * @session: the portal's session
 * @connection_id: the connection the key is for
 * @registration_endpoint: the smart-configuration's registration_endpoint
 * @access_token: the access token of the sign-in that just finished
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Registers (care_registration_probe_async()) and keeps what the portal
 * registered in the keyring as the connection's "client-key", where
 * care_connection_get_access_token_async() finds it. Both the command
 * line's and the window's sign-in end with this.
 */
void
care_registration_keep_async (SoupSession         *session,
                              const char          *connection_id,
                              const char          *registration_endpoint,
                              const char          *access_token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (connection_id != NULL && registration_endpoint != NULL && access_token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_registration_keep_async);
  g_task_set_task_data (task, g_strdup (connection_id), g_free);
  care_registration_probe_async (session, registration_endpoint, access_token, cancellable,
                                 probed_cb, task);
}

/**
 * care_registration_keep_finish:
 * @result: the result given to the callback
 * @error: return location for a #CARE_PORTAL_ERROR or #CARE_AUTH_ERROR
 *
 * Returns: %TRUE if a key was registered and kept; %FALSE without an
 *   error when the portal offers no registration
 */
gboolean
care_registration_keep_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The grant -------------------------------------------------------------- */

/**
 * care_registration_new_grant_message:
 * @secret: the connection's "client-key" secret from the keyring
 * @token_endpoint: the portal's token endpoint
 * @error: return location for a #CARE_AUTH_ERROR
 *
 * The token request of the JWT-bearer grant (RFC 7523 §2.1): a fresh
 * assertion (care_client_key_dup_assertion()) for @token_endpoint, with
 * the registered client id.
 *
 * Returns: (transfer full) (nullable): the POST to send, or %NULL if
 *   @secret holds no usable key
 */
SoupMessage *
care_registration_new_grant_message (const char  *secret,
                                     const char  *token_endpoint,
                                     GError     **error)
{
  g_autoptr(CareClientKey) key = NULL;
  g_autofree char *assertion = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  char *form;

  g_return_val_if_fail (secret != NULL && token_endpoint != NULL, NULL);

  key = care_client_key_new_from_secret (secret, error);
  if (key == NULL)
    return NULL;
  assertion = care_client_key_dup_assertion (key, token_endpoint, error);
  if (assertion == NULL)
    return NULL;

  msg = soup_message_new ("POST", token_endpoint);
  if (msg == NULL)
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                           _("The health system’s app registration answered something Carebook "
                             "cannot use."));
      return NULL;
    }

  form = soup_form_encode ("grant_type", CARE_JWT_BEARER_GRANT,
                           "assertion", assertion,
                           "client_id", care_client_key_get_client_id (key),
                           NULL);
  body = g_bytes_new_take (form, strlen (form));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");

  return g_steal_pointer (&msg);
}
