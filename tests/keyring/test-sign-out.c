/* test-sign-out.c — signing out leaves no secret and no file behind
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-connection-store.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"
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

static guint
refresh_status (SoupSession *session,
                CareSandbox *sandbox,
                const char  *refresh_token)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (sandbox), "/oauth2/token", NULL);
  g_autofree char *form = g_strdup_printf ("grant_type=refresh_token&client_id=carebook&refresh_token=%s",
                                           refresh_token);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) reply = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
  reply = soup_session_send_and_read_finish (session, wait_for (&result), NULL);
  return soup_message_get_status (msg);
}

static void
test_sign_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareAuthorizer) authorizer = care_authorizer_new (session);
  g_autofree char *dir = g_dir_make_tmp ("carebook-signout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "connections.json", NULL);
  g_autoptr(CareConnectionStore) store = care_connection_store_new (path);
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) out = NULL;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(CareSignIn) sign_in = NULL;
  g_autoptr(CarePerson) person = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *log = NULL;
  g_autofree char *summary = NULL;
  char *secret;

  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (sandbox), NULL, &error));
  care_sandbox_add_demo_logins (sandbox, 1000);
  care_sandbox_set_demo (sandbox, TRUE);
  g_assert_true (care_sandbox_start (sandbox, 0, &error));

  /* Sign in and keep everything, as the app does. */
  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), session);
  care_authorizer_sign_in_async (authorizer, care_sandbox_get_fhir_base (sandbox), "demo:maria",
                                 NULL, done_cb, &signed_in);
  sign_in = care_authorizer_sign_in_finish (authorizer, wait_for (&signed_in), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sign_in->refresh_token);
  g_assert_true (care_connection_store_load (store, &error));
  person = care_connection_store_add (store, sign_in, &error);
  care_token_store_save_async (care_person_get_id (person), "refresh", sign_in->refresh_token, NULL,
                               done_cb, &saved);
  g_assert_true (care_token_store_save_finish (wait_for (&saved), &error));

  folder = care_connection_dup_data_dir (care_person_get_id (person));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  cache = g_build_filename (folder, "cache.db", NULL);
  log = g_build_filename (folder, "access-log.jsonl", NULL);
  g_assert_true (g_file_set_contents (cache, "record", -1, NULL));
  g_assert_true (g_file_set_contents (log, "{}", -1, NULL));

  care_sign_out_async (session, store, care_person_get_id (person), NULL, done_cb, &out);
  summary = care_sign_out_finish (wait_for (&out), &error);
  g_assert_no_error (error);

  /* It says what went, and nothing is left: secret, files, connection. */
  g_assert_nonnull (strstr (summary, "Signed out of Maria Elena Reyes"));
  g_assert_nonnull (strstr (summary, "2 files of cached records"));
  g_assert_null (strstr (summary, "could not be told"));
  care_token_store_lookup_async (care_person_get_id (person), "refresh", NULL, done_cb, &looked_up);
  secret = care_token_store_lookup_finish (wait_for (&looked_up), &error);
  g_assert_null (secret);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (store)), ==, 0);

  /* And the portal no longer honours the refresh token. */
  g_assert_cmpuint (refresh_status (session, sandbox, sign_in->refresh_token), ==, 400);

  g_remove (path);
  g_rmdir (dir);
  care_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/keyring/sign-out", test_sign_out);

  return g_test_run ();
}
