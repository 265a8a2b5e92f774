/* care-connection.c — one signed-in person at one portal, and their tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hands out access tokens, refreshing them the way FHIR-CLIENT.md 8–10
 * asks: about 60 s before they expire, never more than once a minute, one
 * refresh in flight shared by everyone waiting. A response without a
 * refresh_token keeps the stored one; a new one (rotation) is stored in
 * the keyring before any caller gets the new access token, because the
 * old one is dead now. A refused refresh deletes the dead credential and
 * turns the connection to "sign in again".
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "care-connection.h"
#include "care-error.h"
#include "care-token-store.h"

#include <string.h>

#define REFRESH_AHEAD  60
#define REFRESH_SPACING 60

struct _CareConnection
{
  GObject              parent_instance;

  SoupSession         *session;
  char                *id;
  char                *token_endpoint;
  char                *access_token;
  gint64               expires_at;
  gint64               last_refresh;
  GPtrArray           *waiters;     /* GTasks sharing the refresh in flight */
  CareConnectionState  state;
  guint                n_refreshes;
};

G_DEFINE_FINAL_TYPE (CareConnection, care_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_connection_finalize (GObject *object)
{
  CareConnection *self = (CareConnection *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->token_endpoint, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (care_connection_parent_class)->finalize (object);
}

static void
care_connection_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CareConnection *self = CARE_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_connection_class_init (CareConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_connection_finalize;
  object_class->get_property = care_connection_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      CARE_CONNECTION_CONNECTED, CARE_CONNECTION_SIGN_IN_AGAIN, CARE_CONNECTION_CONNECTED,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_connection_init (CareConnection *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * care_connection_new:
 * @session: the portal's session
 * @id: the connection id (FHIR base | patient)
 * @token_endpoint: where tokens are refreshed
 *
 * Returns: (transfer full): a connection without an access token yet
 */
CareConnection *
care_connection_new (SoupSession *session,
                     const char  *id,
                     const char  *token_endpoint)
{
  CareConnection *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (id != NULL && token_endpoint != NULL, NULL);

  self = g_object_new (CARE_TYPE_CONNECTION, NULL);
  self->session = g_object_ref (session);
  self->id = g_strdup (id);
  self->token_endpoint = g_strdup (token_endpoint);
  return self;
}

const char *
care_connection_get_id (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->id;
}

CareConnectionState
care_connection_get_state (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), CARE_CONNECTION_CONNECTED);
  return self->state;
}

/**
 * care_connection_get_n_refreshes:
 * @self: a #CareConnection
 *
 * Returns: how many refresh requests were sent (for tests and status)
 */
guint
care_connection_get_n_refreshes (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), 0);
  return self->n_refreshes;
}

/**
 * care_connection_set_access_token:
 * @self: a #CareConnection
 * @access_token: a token from sign-in
 * @expires_at: when it stops working (unix seconds)
 */
void
care_connection_set_access_token (CareConnection *self,
                                  const char     *access_token,
                                  gint64          expires_at)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  g_free (self->access_token);
  self->access_token = g_strdup (access_token);
  self->expires_at = expires_at;
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
complete_waiters (CareConnection *self,
                  const GError   *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->access_token), g_free);
    }
}

static void
set_state (CareConnection      *self,
           CareConnectionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

typedef struct
{
  CareConnection *self;
  char           *access_token;
  gint64          expires_at;
} Rotation;

static void
rotation_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Rotation *rotation = user_data;
  g_autoptr(CareConnection) self = rotation->self;
  g_autoptr(GError) error = NULL;

  if (!care_token_store_save_finish (result, &error))
    {
      /* The new refresh token could not be kept: the access token still
       * works for now, but the next refresh will need a new sign-in. */
      g_debug ("Keyring refused the rotated refresh token: %s", error->message);
    }

  care_connection_set_access_token (self, rotation->access_token, rotation->expires_at);
  g_free (rotation->access_token);
  g_free (rotation);
  complete_waiters (self, NULL);
}

static void
dead_credential_deleted_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED,
                                                 _("This sign-in has ended. Sign in again to keep "
                                                   "the record up to date; what is already here "
                                                   "stays readable."));

  care_token_store_delete_finish (result, NULL);
  g_clear_pointer (&self->access_token, g_free);
  set_state (self, CARE_CONNECTION_SIGN_IN_AGAIN);
  complete_waiters (self, error);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *response = NULL;
  guint status;

  if (bytes == NULL)
    {
      g_autoptr(GError) offline = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE,
                                                       _("The health system could not be reached."));
      complete_waiters (self, offline);
      return;
    }

  status = soup_message_get_status (msg);
  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    response = json_node_get_object (json_parser_get_root (parser));

  if (status == 400 || status == 401)
    {
      /* The refresh token is dead: delete it, and ask for a new sign-in. */
      care_token_store_delete_async (self->id, NULL, dead_credential_deleted_cb, g_object_ref (self));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || response == NULL ||
      !json_object_has_member (response, "access_token"))
    {
      g_autoptr(GError) bad = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_SERVER,
                                                   _("The health system could not renew the sign-in "
                                                     "just now. Carebook will try again later."));
      complete_waiters (self, bad);
      return;
    }

  {
    const char *access = json_object_get_string_member (response, "access_token");
    gint64 expires_at = now () + json_object_get_int_member_with_default (response, "expires_in", 3600);
    const char *rotated = json_object_get_string_member_with_default (response, "refresh_token", NULL);

    if (rotated == NULL)
      {
        /* Some portals keep the refresh token: the stored one stays. */
        care_connection_set_access_token (self, access, expires_at);
        complete_waiters (self, NULL);
        return;
      }

    /* Rotation: store the new refresh token before anyone uses the new
     * access token, since the old refresh token is now dead. */
    {
      Rotation *rotation = g_new0 (Rotation, 1);

      rotation->self = g_object_ref (self);
      rotation->access_token = g_strdup (access);
      rotation->expires_at = expires_at;
      care_token_store_save_async (self->id, "refresh", rotated, NULL, rotation_stored_cb, rotation);
    }
  }
}

static void
refresh_token_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  char *refresh_token = care_token_store_lookup_finish (result, &error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  char *form;

  if (error != NULL)
    {
      complete_waiters (self, error);
      return;
    }
  if (refresh_token == NULL)
    {
      g_autoptr(GError) expired = g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED,
                                                       _("This sign-in has ended. Sign in again to keep "
                                                         "the record up to date; what is already here "
                                                         "stays readable."));
      set_state (self, CARE_CONNECTION_SIGN_IN_AGAIN);
      complete_waiters (self, expired);
      return;
    }

  form = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                           "client_id", "carebook", NULL);
  secret_password_free (refresh_token);
  body = g_bytes_new_take (form, strlen (form));
  msg = soup_message_new ("POST", self->token_endpoint);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");

  self->n_refreshes++;
  self->last_refresh = now ();
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, NULL, refreshed_cb,
                                    g_object_ref (self));
}

/**
 * care_connection_get_access_token_async:
 * @self: a #CareConnection
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with a working access token
 * @user_data: data for @callback
 */
void
care_connection_get_access_token_async (CareConnection      *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 t = now ();

  g_return_if_fail (CARE_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_connection_get_access_token_async);

  if (self->state == CARE_CONNECTION_SIGN_IN_AGAIN)
    {
      g_task_return_new_error (task, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED, "%s",
                               _("This sign-in has ended. Sign in again to keep the record up to "
                                 "date; what is already here stays readable."));
      return;
    }

  /* Fresh enough, or refreshed less than a minute ago and still valid. */
  if (self->access_token != NULL &&
      (self->expires_at - REFRESH_AHEAD > t ||
       (self->last_refresh + REFRESH_SPACING > t && self->expires_at > t)))
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      return;
    }

  /* One refresh in flight, shared by everyone who asks meanwhile. */
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->waiters->len == 1)
    care_token_store_lookup_async (self->id, "refresh", NULL, refresh_token_found_cb, g_object_ref (self));
}

/**
 * care_connection_get_access_token_finish:
 * @self: a #CareConnection
 * @result: the result given to the callback
 * @error: return location for a #CARE_AUTH_ERROR or #CARE_PORTAL_ERROR
 *
 * Returns: (transfer full) (nullable): the access token
 */
char *
care_connection_get_access_token_finish (CareConnection  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
