/* test-auth-connect.c — connecting people, losing and regaining them, signing out
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-connection-store.h"
#include "care-error.h"
#include "care-sandbox.h"
#include "care-sandbox-clients.h"
#include "care-sandbox-seed.h"

#include "../care-test-utils.h"
#include "care-sign-out.h"
#include "care-token-store.h"

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             SoupSession    *session)
{
  care_auto_browser_open (session, uri);
}

static CareConnection *
connect (CareConnectionStore *store,
         CareAuthorizer      *authorizer,
         CareSandbox         *sandbox,
         const char          *hint)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CareConnection *connection;

  care_connection_store_connect_async (store, authorizer, care_sandbox_get_fhir_base (sandbox), hint,
                                       CARE_REDIRECT_LOOPBACK, NULL, done_cb, &result);
  connection = care_connection_store_connect_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return connection;
}

static char *
stored_secret (const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  char *secret;
  char *copy;

  care_token_store_lookup_async (id, "refresh", NULL, done_cb, &result);
  secret = care_token_store_lookup_finish (wait_for (&result), NULL);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

static void
test_connect_lose_regain_sign_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareAuthorizer) authorizer = care_authorizer_new (session);
  g_autofree char *dir = g_dir_make_tmp ("carebook-connect-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "connections.json", NULL);
  g_autoptr(CareConnectionStore) store = care_connection_store_new (path);
  g_autoptr(CareConnectionStore) reread = NULL;
  g_autoptr(CareConnection) maria = NULL;
  g_autoptr(CareConnection) child = NULL;
  g_autoptr(CareConnection) again = NULL;
  g_autoptr(CarePerson) person = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *folder = NULL;
  GListModel *people = care_connection_store_get_people (store);
  SecretValue *found;
  GHashTable *attributes;

  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (sandbox), NULL, &error));
  care_sandbox_add_demo_logins (sandbox, 1000);
  care_sandbox_set_demo (sandbox, TRUE);
  g_assert_true (care_sandbox_start (sandbox, 0, &error));
  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), session);

  /* Maria, then her son: two connections, the son as her child. */
  maria = connect (store, authorizer, sandbox, "demo:maria");
  child = connect (store, authorizer, sandbox, "demo:maria:child");
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  g_assert_cmpint (care_connection_get_relationship (maria), ==, CARE_RELATIONSHIP_SELF);
  g_assert_cmpint (care_connection_get_relationship (child), ==, CARE_RELATIONSHIP_CHILD);
  g_assert_cmpstr (care_connection_get_patient_id (child), ==, "child");
  g_assert_true (care_connection_grants_type (child, "Observation"));
  g_assert_true (care_connection_store_get_connection (store, session, care_connection_get_id (child)) == child);

  /* The refresh token is in the keyring, with whose it is. */
  secret = stored_secret (care_connection_get_id (child));
  g_assert_nonnull (secret);
  attributes = secret_attributes_build (&(SecretSchema) { "org.carebook.Carebook.Token", SECRET_SCHEMA_NONE,
                                                          { { "patient-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                                            { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                                            { NULL, 0 } } },
                                        "patient-id", "child", "kind", "refresh", NULL);
  found = secret_service_lookup_sync (NULL, NULL, attributes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  secret_value_unref (found);
  g_hash_table_unref (attributes);

  /* The sign-in is in the person's access log, and nothing else. */
  folder = care_connection_dup_data_dir (care_connection_get_id (child));
  log = g_build_filename (folder, "access-log.jsonl", NULL);
  g_assert_true (g_file_get_contents (log, &log_text, NULL, NULL));
  g_assert_nonnull (strstr (log_text, "\"sign-in\""));
  g_assert_null (strstr (log_text, "Mateo"));

  /* The portal ends the child's sign-in (its refresh token and the key
   * registered with it): the refresh fails, the person shows "Sign in
   * again", on disk too. */
  g_assert_cmpint (care_sandbox_revoke_clients (sandbox, "child"), ==, 1);
  {
    g_autofree char *url = g_strconcat (care_sandbox_get_base_url (sandbox), "/oauth2/revoke", NULL);
    g_autofree char *form = g_strdup_printf ("token=%s&client_id=carebook", secret);
    g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autoptr(GAsyncResult) revoked = NULL;
    g_autoptr(GBytes) reply = NULL;
    g_autoptr(GAsyncResult) got = NULL;
    g_autofree char *token = NULL;

    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &revoked);
    reply = soup_session_send_and_read_finish (session, wait_for (&revoked), NULL);

    care_connection_set_access_token (child, "stale", g_get_real_time () / G_USEC_PER_SEC + 5);
    care_connection_get_access_token_async (child, NULL, done_cb, &got);
    token = care_connection_get_access_token_finish (child, wait_for (&got), &error);
    g_assert_null (token);
    g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED);
    g_clear_error (&error);
  }
  g_assert_cmpint (care_connection_get_state (child), ==, CARE_CONNECTION_SIGN_IN_AGAIN);
  person = g_list_model_get_item (people, 1);
  g_assert_cmpint (care_person_get_access_level (person), ==, CARE_ACCESS_SIGN_IN_AGAIN);
  g_clear_object (&person);
  g_assert_null (stored_secret (care_connection_get_id (child)));
  reread = care_connection_store_new (path);
  g_assert_true (care_connection_store_load (reread, &error));
  person = g_list_model_get_item (care_connection_store_get_people (reread), 1);
  g_assert_cmpint (care_person_get_access_level (person), ==, CARE_ACCESS_SIGN_IN_AGAIN);
  g_clear_object (&person);

  /* One click back into the same connection. */
  again = connect (store, authorizer, sandbox, "demo:maria:child");
  g_assert_true (again == child);
  g_assert_cmpint (care_connection_get_state (child), ==, CARE_CONNECTION_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  person = g_list_model_get_item (people, 1);
  g_assert_cmpint (care_person_get_access_level (person), ==, CARE_ACCESS_FULL);
  g_clear_object (&person);

  /* Signing out of the health system leaves no secret and no file. */
  care_sign_out_health_system_async (session, store, care_sandbox_get_fhir_base (sandbox), NULL,
                                     done_cb, &result);
  summary = care_sign_out_health_system_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (summary, "2 people"));
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 0);
  g_assert_null (stored_secret (care_connection_get_id (maria)));
  g_assert_null (stored_secret (care_connection_get_id (child)));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  care_sandbox_stop (sandbox);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("carebook-data-XXXXXX", NULL);
  g_autofree char *carebook_home = NULL;
  int status;

  /* Person folders go to a private data home, before GLib reads it. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/keyring/connect/lose-regain-sign-out", test_connect_lose_regain_sign_out);

  status = g_test_run ();
  carebook_home = g_build_filename (data_home, "carebook", NULL);
  care_test_remove_flat_dir (carebook_home);
  g_rmdir (data_home);
  return status;
}
