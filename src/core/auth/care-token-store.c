/* care-token-store.c — refresh tokens in the keyring, and nowhere else
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets live in the Secret Service (gnome-keyring, or the Secret portal
 * in Flatpak) under the schema org.carebook.Carebook.Token (connection-id,
 * fhir-base, patient-id, kind), one per connection and
 * kind ("refresh" for a refresh token, "client-key" for a per-install
 * key). Access tokens are never stored. A missing or locked keyring is a
 * CARE_AUTH_ERROR_KEYRING with a sentence a person can act on.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "care-error.h"
#include "care-token-store.h"

#include <string.h>

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Token", SECRET_SCHEMA_NONE,
    {
      { "connection-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "fhir-base", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "patient-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GError *
keyring_error (GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (cause);

  g_debug ("Keyring: %s", cause->message);
  return g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_KEYRING,
                              _("Carebook could not use your keyring to keep you signed in. "
                                "Make sure it is running and unlocked."));
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * care_token_store_save_async:
 * @connection_id: whose secret
 * @kind: "refresh" or "client-key"
 * @secret: the secret, replacing any earlier one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when stored
 * @user_data: data for @callback
 */
void
care_token_store_save_async (const char          *connection_id,
                             const char          *kind,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  const char *bar = connection_id != NULL ? strrchr (connection_id, '|') : NULL;
  g_autofree char *fhir_base = NULL;
  /* Translators: the label of a secret in the keyring, e.g. in Seahorse */
  g_autofree char *label = g_strdup_printf (_("Carebook sign-in for %s"), connection_id);

  g_return_if_fail (connection_id != NULL && kind != NULL && secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_token_store_save_async);

  /* The id is "FHIR base|patient id" (FHIR ids hold no "|"); both parts
   * are attributes too, so a keyring browser shows whose secret it is. */
  fhir_base = bar != NULL ? g_strndup (connection_id, bar - connection_id) : g_strdup (connection_id);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, task,
                         "connection-id", connection_id,
                         "fhir-base", fhir_base,
                         "patient-id", bar != NULL ? bar + 1 : "",
                         "kind", kind,
                         NULL);
}

gboolean
care_token_store_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

/**
 * care_token_store_lookup_async:
 * @connection_id: whose secret
 * @kind: "refresh" or "client-key"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the secret
 * @user_data: data for @callback
 */
void
care_token_store_lookup_async (const char          *connection_id,
                               const char          *kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (connection_id != NULL && kind != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_token_store_lookup_async);
  secret_password_lookup (get_schema (), cancellable, looked_up_cb, task,
                          "connection-id", connection_id,
                          "kind", kind,
                          NULL);
}

/**
 * care_token_store_lookup_finish:
 * @result: the result given to the callback
 * @error: return location for a #CARE_AUTH_ERROR
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL with no error
 *   when there is none; free with secret_password_free()
 */
char *
care_token_store_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * care_token_store_delete_async:
 * @connection_id: whose secrets, of every kind
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when deleted
 * @user_data: data for @callback
 *
 * Signing out removes every secret of the connection.
 */
void
care_token_store_delete_async (const char          *connection_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (connection_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_token_store_delete_async);
  secret_password_clear (get_schema (), cancellable, cleared_cb, task,
                         "connection-id", connection_id,
                         NULL);
}

gboolean
care_token_store_delete_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
