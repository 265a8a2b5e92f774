/* care-sign-out.c — signing out of one person, leaving nothing behind
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Revokes the refresh token at the portal where it offers revocation
 * (RFC 7009), deletes the person's secrets from the keyring and their
 * folder of cached data, removes the connection, and says what was
 * removed. A portal that cannot be reached does not stop the rest: the
 * summary says the sign-in stays valid there until it expires.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "care-http.h"
#include "care-sign-out.h"
#include "care-token-store.h"

#include <string.h>

typedef struct
{
  SoupSession         *session;
  CareConnectionStore *store;
  char                *id;
  char                *name;
  gboolean             revoked;
  gboolean             had_token;
  guint                files;
} SignOut;

static void
sign_out_free (SignOut *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->store);
  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

/* Deletes a folder's files and folders; returns how many files. */
static guint
delete_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint files = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        files += delete_tree (child);
      else if (g_remove (child) == 0)
        files++;
    }
  g_rmdir (path);

  return files;
}

static void
secrets_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignOut *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *files_text = NULL;
  g_autofree char *summary = NULL;
  guint files;

  if (!care_token_store_delete_finish (result, &error))
    {
      /* Nothing else is removed while a secret would stay behind. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  folder = care_connection_dup_data_dir (data->id);
  files = delete_tree (folder);
  data->files = files;

  if (!care_connection_store_remove (data->store, data->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  files_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file of cached records",
                                             "%u files of cached records", files), files);
  if (!data->had_token || data->revoked)
    /* Translators: %1$s is a person's name, %2$s is "3 files of cached records" */
    summary = g_strdup_printf (_("Signed out of %1$s. The sign-in and %2$s were removed from this "
                                 "computer."), data->name, files_text);
  else
    /* Translators: %1$s is a person's name, %2$s is "3 files of cached records" */
    summary = g_strdup_printf (_("Signed out of %1$s. The sign-in and %2$s were removed from this "
                                 "computer; the health system could not be told, so the sign-in "
                                 "stays valid there until it expires."), data->name, files_text);

  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

static void
delete_secrets (GTask *task)
{
  SignOut *data = g_task_get_task_data (task);

  care_token_store_delete_async (data->id, g_task_get_cancellable (task), secrets_deleted_cb, task);
}

static void
revoked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SignOut *data = g_task_get_task_data (task);
  SoupMessage *msg = care_http_read_get_message (result);
  GBytes *bytes = care_http_read_finish (result, NULL);

  /* The answer's body says nothing more (RFC 7009 §2.2): its status is
   * enough, even when the body was too big to read. A portal that does
   * not answer in time, or sends Carebook elsewhere, was not told. */
  data->revoked = SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg));
  g_clear_pointer (&bytes, g_bytes_unref);
  delete_secrets (task);
}

static void
token_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  SignOut *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = care_connection_store_dup_member (data->store, data->id, "revocation-endpoint");
  char *token = care_token_store_lookup_finish (result, &error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  CareHttpLimits limits;
  char *form;

  data->had_token = token != NULL;
  if (token == NULL || endpoint == NULL)
    {
      if (token != NULL)
        secret_password_free (token);
      delete_secrets (task);
      return;
    }

  form = soup_form_encode ("token", token, "token_type_hint", "refresh_token", "client_id", "carebook", NULL);
  secret_password_free (token);
  body = g_bytes_new_take (form, strlen (form));
  msg = soup_message_new ("POST", endpoint);
  if (msg == NULL)
    {
      delete_secrets (task);
      return;
    }
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  /* Within limits: a revocation endpoint that never answers must not
   * keep the record on this computer (care-http.c). */
  care_http_limits_init_auth (&limits, data->session);
  care_http_read_async (data->session, msg, &limits, g_task_get_cancellable (task), revoked_cb, task);
}

/**
 * care_sign_out_async:
 * @session: a session for the portal
 * @store: the connections
 * @connection_id: the person to sign out of
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with a summary of what was removed
 * @user_data: data for @callback
 */
void
care_sign_out_async (SoupSession         *session,
                     CareConnectionStore *store,
                     const char          *connection_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  SignOut *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (CARE_IS_CONNECTION_STORE (store));
  g_return_if_fail (connection_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sign_out_async);
  data = g_new0 (SignOut, 1);
  data->session = g_object_ref (session);
  data->store = g_object_ref (store);
  data->id = g_strdup (connection_id);
  data->name = care_connection_store_dup_member (store, connection_id, "display-name");
  if (data->name == NULL)
    data->name = g_strdup (connection_id);
  g_task_set_task_data (task, data, (GDestroyNotify)sign_out_free);

  /* The task's reference passes along the chain to its last callback. */
  care_token_store_lookup_async (connection_id, "refresh", cancellable, token_found_cb, task);
}

/**
 * care_sign_out_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a sentence saying what was removed
 */
char *
care_sign_out_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A whole health system ------------------------------------------------- */

typedef struct
{
  SoupSession         *session;
  CareConnectionStore *store;
  char                *host;
  GStrv                ids;
  guint                next;
  guint                people;
  guint                files;
  gboolean             all_revoked;
} SignOutSystem;

static void
sign_out_system_free (SignOutSystem *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->store);
  g_free (data->host);
  g_strfreev (data->ids);
  g_free (data);
}

static void sign_out_next (GTask *task);

static void
one_signed_out_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignOutSystem *data = g_task_get_task_data (task);
  SignOut *one = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = care_sign_out_finish (result, &error);

  if (summary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->people++;
  data->files += one->files;
  data->all_revoked &= !one->had_token || one->revoked;
  sign_out_next (g_steal_pointer (&task));
}

static void
sign_out_next (GTask *task)
{
  SignOutSystem *data = g_task_get_task_data (task);
  g_autofree char *files_text = NULL;
  g_autofree char *people_text = NULL;
  char *summary;

  if (data->ids[data->next] != NULL)
    {
      const char *id = data->ids[data->next++];

      care_sign_out_async (data->session, data->store, id, g_task_get_cancellable (task),
                           one_signed_out_cb, task);
      return;
    }

  files_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file of cached records",
                                             "%u files of cached records", data->files), data->files);
  people_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", data->people),
                                 data->people);
  if (data->all_revoked)
    /* Translators: %1$s is "2 people", %2$s a health system's address,
     * %3$s is "3 files of cached records" */
    summary = g_strdup_printf (_("Signed out of %1$s at %2$s. Their sign-ins and %3$s were removed "
                                 "from this computer."), people_text, data->host, files_text);
  else
    /* Translators: %1$s is "2 people", %2$s a health system's address,
     * %3$s is "3 files of cached records" */
    summary = g_strdup_printf (_("Signed out of %1$s at %2$s. Their sign-ins and %3$s were removed "
                                 "from this computer; the health system could not be told, so some "
                                 "sign-ins stay valid there until they expire."),
                               people_text, data->host, files_text);
  g_task_return_pointer (task, summary, g_free);
  g_object_unref (task);
}

/**
 * care_sign_out_health_system_async:
 * @session: a session for the portal
 * @store: the connections
 * @fhir_base: the health system's FHIR base
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with a summary of what was removed
 * @user_data: data for @callback
 *
 * Signs out of everyone connected at @fhir_base, one after the other, as
 * care_sign_out_async() does for one person.
 */
void
care_sign_out_health_system_async (SoupSession         *session,
                                   CareConnectionStore *store,
                                   const char          *fhir_base,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  SignOutSystem *data;
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (CARE_IS_CONNECTION_STORE (store));
  g_return_if_fail (fhir_base != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sign_out_health_system_async);
  data = g_new0 (SignOutSystem, 1);
  data->session = g_object_ref (session);
  data->store = g_object_ref (store);
  data->ids = care_connection_store_dup_ids (store, fhir_base);
  data->all_revoked = TRUE;
  uri = g_uri_parse (fhir_base, G_URI_FLAGS_NONE, NULL);
  data->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : fhir_base);
  g_task_set_task_data (task, data, (GDestroyNotify)sign_out_system_free);

  /* The task's reference passes along the chain to its end. */
  sign_out_next (task);
}

/**
 * care_sign_out_health_system_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a sentence saying what was removed
 */
char *
care_sign_out_health_system_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
