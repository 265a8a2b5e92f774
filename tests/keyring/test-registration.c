/* test-registration.c — staying signed in with a per-connection key, end to end
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in the command line and the window share
 * (care_connection_store_connect_async(), and care_registration_keep_async()
 * on its own) against the sandbox: the portal advertises registration, a
 * key is made and registered, the private key is kept in the keyring and
 * nowhere else, a new access token comes from the JWT-bearer grant with no
 * refresh token at all, and when the portal withdraws the registration the
 * person has to sign in again, with the dead key deleted.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-client-key.h"
#include "care-connection-store.h"
#include "care-error.h"
#include "care-registration.h"
#include "care-sandbox.h"
#include "care-sandbox-clients.h"
#include "care-sandbox-seed.h"
#include "care-token-store.h"

#include "../care-test-utils.h"

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

typedef struct
{
  CareSandbox         *sandbox;
  SoupSession         *session;
  CareAuthorizer      *authorizer;
  char                *dir;
  char                *path;
  CareConnectionStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (fixture->sandbox), NULL, &error));
  care_sandbox_add_demo_logins (fixture->sandbox, 1000);
  care_sandbox_set_demo (fixture->sandbox, TRUE);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));

  fixture->session = soup_session_new ();
  fixture->authorizer = care_authorizer_new (fixture->session);
  g_signal_connect (fixture->authorizer, "open-uri", G_CALLBACK (open_uri_cb), fixture->session);
  fixture->dir = g_dir_make_tmp ("carebook-registration-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "connections.json", NULL);
  fixture->store = care_connection_store_new (fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(GStrv) ids = care_connection_store_dup_ids (fixture->store, NULL);

  /* Leave the test keyring as it was found. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      care_token_store_delete_async (ids[i], NULL, done_cb, &result);
      care_token_store_delete_finish (wait_for (&result), NULL);
    }

  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_clear_object (&fixture->authorizer);
  g_clear_object (&fixture->session);
  care_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
}

static CareConnection *
connect (Fixture    *fixture,
         const char *hint)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CareConnection *connection;

  care_connection_store_connect_async (fixture->store, fixture->authorizer,
                                       care_sandbox_get_fhir_base (fixture->sandbox), hint,
                                       CARE_REDIRECT_LOOPBACK, NULL, done_cb, &result);
  connection = care_connection_store_connect_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  return connection;
}

static char *
stored (const char *id,
        const char *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  char *copy;

  care_token_store_lookup_async (id, kind, NULL, done_cb, &result);
  secret = care_token_store_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

static void
forget_refresh_token (const char *id)
{
  static const SecretSchema schema = {
    "org.carebook.Carebook.Token", SECRET_SCHEMA_NONE,
    { { "connection-id", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } }
  };
  g_autoptr(GError) error = NULL;

  secret_password_clear_sync (&schema, NULL, &error, "connection-id", id, "kind", "refresh", NULL);
  g_assert_no_error (error);
  g_assert_null (stored (id, "refresh"));
}

static char *
fresh_token (CareConnection  *connection,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  /* An access token that has expired: the next caller gets a new one
   * (however recent the last renewal was). */
  care_connection_set_access_token (connection, "stale", g_get_real_time () / G_USEC_PER_SEC - 1);
  care_connection_get_access_token_async (connection, NULL, done_cb, &result);
  return care_connection_get_access_token_finish (connection, wait_for (&result), error);
}

static guint
fhir_status (Fixture    *fixture,
             const char *token,
             const char *path)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_fhir_base (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
  bytes = soup_session_send_and_read_finish (fixture->session, wait_for (&result), NULL);
  return soup_message_get_status (msg);
}

/* No file under @dir holds @needle. */
static void
assert_not_in_files (const char *dir,
                     const char *needle)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_not_in_files (path, needle);
      else if (g_file_get_contents (path, &contents, &length, NULL))
        g_assert_null (g_strstr_len (contents, length, needle));
    }
}

static void
test_key_kept_in_keyring (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CareConnection) maria = connect (fixture, "demo:maria");
  const char *id = care_connection_get_id (maria);
  g_autofree char *secret = stored (id, "client-key");
  g_autoptr(CareClientKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *connections = NULL;
  g_autofree char *data_home = g_build_filename (g_get_user_data_dir (), "carebook", NULL);

  /* The sign-in registered a key at the portal... */
  g_assert_cmpuint (care_sandbox_count_clients (fixture->sandbox), ==, 1);

  /* ...and the keyring holds it: the private key and its client id. */
  g_assert_nonnull (secret);
  key = care_client_key_new_from_secret (secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (care_client_key_get_client_id (key));

  /* Nowhere else: not the connection list, not the person's folder. */
  g_assert_true (g_file_get_contents (fixture->path, &connections, NULL, NULL));
  g_assert_null (strstr (connections, care_client_key_get_client_id (key)));
  assert_not_in_files (fixture->dir, "PRIVATE KEY");
  assert_not_in_files (data_home, "PRIVATE KEY");
  assert_not_in_files (data_home, care_client_key_get_client_id (key));
}

static void
test_grant_without_refresh_token (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CareConnection) child = connect (fixture, "demo:maria:child");
  const char *id = care_connection_get_id (child);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  /* Only the key is left: a new access token must come from its grant. */
  forget_refresh_token (id);
  token = fresh_token (child, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpstr (token, !=, "stale");
  g_assert_cmpuint (care_connection_get_n_refreshes (child), ==, 1);
  g_assert_cmpint (care_connection_get_state (child), ==, CARE_CONNECTION_CONNECTED);
  g_assert_cmpuint (fhir_status (fixture, token, "/Patient/child"), ==, 200);
  /* The grant gave no refresh token, and none appeared. */
  g_assert_null (stored (id, "refresh"));

  /* Again: each assertion is new (a replayed jti would be refused). */
  again = fresh_token (child, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, !=, token);
  g_assert_cmpuint (fhir_status (fixture, again, "/Patient/child"), ==, 200);
}

static void
test_portal_refuses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CareConnection) maria = connect (fixture, "demo:maria");
  g_autoptr(CareConnection) back = NULL;
  g_autoptr(CarePerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *renewed = NULL;
  const char *id = care_connection_get_id (maria);

  /* The portal withdraws the registration (its "connected apps" page). */
  g_assert_cmpint (care_sandbox_revoke_clients (fixture->sandbox, NULL), ==, 1);
  token = fresh_token (maria, &error);
  g_assert_null (token);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED);
  g_clear_error (&error);

  /* Sign in again, at once, in the list and on disk; the dead key is gone. */
  g_assert_cmpint (care_connection_get_state (maria), ==, CARE_CONNECTION_SIGN_IN_AGAIN);
  person = g_list_model_get_item (care_connection_store_get_people (fixture->store), 0);
  g_assert_cmpint (care_person_get_access_level (person), ==, CARE_ACCESS_SIGN_IN_AGAIN);
  g_assert_null (stored (id, "client-key"));
  {
    g_autoptr(CareConnectionStore) reread = care_connection_store_new (fixture->path);
    g_autoptr(CarePerson) on_disk = NULL;

    g_assert_true (care_connection_store_load (reread, &error));
    on_disk = g_list_model_get_item (care_connection_store_get_people (reread), 0);
    g_assert_cmpint (care_person_get_access_level (on_disk), ==, CARE_ACCESS_SIGN_IN_AGAIN);
  }

  /* Signing in again registers a new key, and it works. */
  back = connect (fixture, "demo:maria");
  g_assert_true (back == maria);
  g_assert_cmpuint (care_sandbox_count_clients (fixture->sandbox), ==, 1);
  forget_refresh_token (id);
  renewed = fresh_token (maria, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fhir_status (fixture, renewed, "/Patient/adult"), ==, 200);
}

static void
test_no_refresh_tokens (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CareConnection) maria = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *id;

  /* A portal like Epic for public apps: the sign-in gives no refresh
   * token, only the registered key keeps Carebook signed in. */
  care_sandbox_set_refresh_tokens (fixture->sandbox, FALSE);
  maria = connect (fixture, "demo:maria");
  id = care_connection_get_id (maria);
  g_assert_null (stored (id, "refresh"));
  g_assert_nonnull (stored (id, "client-key"));

  /* So the authorization does not end with the first access token (Home
   * would say "Carebook's access ends" today): the portal names no end. */
  g_assert_cmpint (care_connection_get_authorization_ends (maria), ==, 0);
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (fixture->path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\"authorization-ends\" : 0"));
  }

  /* An hour later the key brings a new access token. */
  token = fresh_token (maria, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fhir_status (fixture, token, "/Patient/adult"), ==, 200);
  g_assert_cmpint (care_connection_get_state (maria), ==, CARE_CONNECTION_CONNECTED);
}

static void
test_keep_on_its_own (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CareConnection) maria = connect (fixture, "demo:maria");
  g_autofree char *token = NULL;
  g_autofree char *registration = g_strconcat (care_sandbox_get_base_url (fixture->sandbox),
                                               "/oauth2/register", NULL);
  g_autofree char *before = stored (care_connection_get_id (maria), "client-key");
  g_autofree char *after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GError) error = NULL;

  /* What the window calls after its sign-in: a second key replaces the first. */
  token = fresh_token (maria, &error);
  g_assert_no_error (error);
  care_registration_keep_async (fixture->session, care_connection_get_id (maria), registration, token,
                                NULL, done_cb, &result);
  g_assert_true (care_registration_keep_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  after = stored (care_connection_get_id (maria), "client-key");
  g_assert_nonnull (after);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpuint (care_sandbox_count_clients (fixture->sandbox), ==, 2);

  /* A token the portal does not know registers nothing and keeps nothing. */
  care_registration_keep_async (fixture->session, "https://nowhere.example/fhir|x", registration, "forged",
                                NULL, done_cb, &refused);
  g_assert_false (care_registration_keep_finish (wait_for (&refused), &error));
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE);
  g_assert_null (stored ("https://nowhere.example/fhir|x", "client-key"));
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

#define ADD(path, func) \
  g_test_add ("/care/keyring/registration/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("key-kept-in-keyring", test_key_kept_in_keyring);
  ADD ("grant-without-refresh-token", test_grant_without_refresh_token);
  ADD ("portal-refuses", test_portal_refuses);
  ADD ("no-refresh-tokens", test_no_refresh_tokens);
  ADD ("keep-on-its-own", test_keep_on_its_own);

#undef ADD

  status = g_test_run ();
  carebook_home = g_build_filename (data_home, "carebook", NULL);
  care_test_remove_flat_dir (carebook_home);
  g_rmdir (data_home);
  return status;
}
