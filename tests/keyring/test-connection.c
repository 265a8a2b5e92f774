/* test-connection.c — access tokens refreshed as real portals need
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-connection.h"
#include "care-error.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"
#include "care-sync-engine.h"
#include "care-token-store.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"

#define ID "demo-connection|adult"

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

static char *
keyring_refresh_token (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  char *secret;
  char *copy;

  care_token_store_lookup_async (ID, "refresh", NULL, done_cb, &result);
  secret = care_token_store_lookup_finish (wait_for (&result), NULL);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

static guint
post_form (SoupSession *session,
           const char  *url,
           const char  *form)
{
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
test_refresh (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareAuthorizer) authorizer = care_authorizer_new (session);
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(CareSignIn) sign_in = NULL;
  g_autoptr(CareConnection) connection = NULL;
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  g_autofree char *tokens[3] = { NULL, NULL, NULL };
  g_autofree char *rotated = NULL;
  g_autofree char *revoke_url = NULL;
  g_autofree char *form = NULL;
  CareNotifyCounter expires;
  gint64 expires_at = 0;

  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (sandbox), NULL, &error));
  care_sandbox_add_demo_logins (sandbox, 1000);
  care_sandbox_set_demo (sandbox, TRUE);
  g_assert_true (care_sandbox_start (sandbox, 0, &error));
  revoke_url = g_strconcat (care_sandbox_get_base_url (sandbox), "/oauth2/revoke", NULL);

  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), session);
  care_authorizer_sign_in_async (authorizer, care_sandbox_get_fhir_base (sandbox), "demo:maria",
                                 NULL, done_cb, &signed_in);
  sign_in = care_authorizer_sign_in_finish (authorizer, wait_for (&signed_in), &error);
  g_assert_no_error (error);
  care_token_store_save_async (ID, "refresh", sign_in->refresh_token, NULL, done_cb, &saved);
  g_assert_true (care_token_store_save_finish (wait_for (&saved), &error));

  /* Ten seconds left: inside the minute before expiry, so refresh. */
  connection = care_connection_new (session, ID, sign_in->token_endpoint);
  care_connection_set_access_token (connection, sign_in->access_token, g_get_real_time () / G_USEC_PER_SEC + 10);

  care_notify_counter_watch (&expires, connection, "token-expires");
  for (guint i = 0; i < 3; i++)
    care_connection_get_access_token_async (connection, NULL, done_cb, &results[i]);
  for (guint i = 0; i < 3; i++)
    {
      tokens[i] = care_connection_get_access_token_finish (connection, wait_for (&results[i]), &error);
      g_assert_no_error (error);
      g_object_unref (results[i]);
    }
  /* The new token's expiry is told once (bench/useful-window.sh times
   * Home from it). */
  care_notify_counter_unwatch (&expires);
  g_assert_cmpuint (expires.count, ==, 1);
  g_object_get (connection, "token-expires", &expires_at, NULL);
  g_assert_cmpint (expires_at, >, g_get_real_time () / G_USEC_PER_SEC + 60);

  /* One refresh in flight served all three, with a new token. */
  g_assert_cmpuint (care_connection_get_n_refreshes (connection), ==, 1);
  g_assert_cmpstr (tokens[0], ==, tokens[1]);
  g_assert_cmpstr (tokens[1], ==, tokens[2]);
  g_assert_cmpstr (tokens[0], !=, sign_in->access_token);

  /* Rotation was stored, and the old refresh token is dead at the portal. */
  rotated = keyring_refresh_token ();
  g_assert_nonnull (rotated);
  g_assert_cmpstr (rotated, !=, sign_in->refresh_token);

  /* Fresh now: no second refresh. */
  {
    g_autoptr(GAsyncResult) again = NULL;
    g_autofree char *token = NULL;

    care_connection_get_access_token_async (connection, NULL, done_cb, &again);
    token = care_connection_get_access_token_finish (connection, wait_for (&again), &error);
    g_assert_cmpstr (token, ==, tokens[0]);
    g_assert_cmpuint (care_connection_get_n_refreshes (connection), ==, 1);
  }

  /* The rotated-out refresh token is dead at the portal. */
  {
    g_autofree char *token_url = g_strconcat (care_sandbox_get_base_url (sandbox), "/oauth2/token", NULL);
    g_autofree char *old = g_strdup_printf ("grant_type=refresh_token&client_id=carebook&refresh_token=%s",
                                            sign_in->refresh_token);

    g_assert_cmpuint (post_form (session, token_url, old), ==, 400);
  }

  /* The portal ends the sign-in: the next refresh fails, the dead
   * credential is deleted and the connection asks for a new sign-in. */
  form = g_strdup_printf ("token=%s&client_id=carebook", rotated);
  g_assert_cmpuint (post_form (session, revoke_url, form), ==, 200);
  care_connection_set_access_token (connection, tokens[0], g_get_real_time () / G_USEC_PER_SEC - 1);
  {
    g_autoptr(GAsyncResult) dead = NULL;
    g_autofree char *token = NULL;
    g_autofree char *left = NULL;

    care_connection_get_access_token_async (connection, NULL, done_cb, &dead);
    token = care_connection_get_access_token_finish (connection, wait_for (&dead), &error);
    g_assert_null (token);
    g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED);
    g_assert_cmpint (care_connection_get_state (connection), ==, CARE_CONNECTION_SIGN_IN_AGAIN);
    left = keyring_refresh_token ();
    g_assert_null (left);
  }

  care_sandbox_stop (sandbox);
}

typedef struct
{
  CareSandbox    *sandbox;
  SoupSession    *session;
  CareSignIn     *sign_in;
  CareConnection *connection;
  char           *dir;
  CareCache      *cache;
  CareSyncEngine *engine;
} Synced;

/* Maria signed in at the demo portal, her refresh token in the keyring,
 * and a sync engine on her connection. */
static void
synced_open (Synced *synced)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareAuthorizer) authorizer = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autofree char *path = NULL;

  synced->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (synced->sandbox), NULL, &error));
  care_sandbox_add_demo_logins (synced->sandbox, 1000);
  care_sandbox_set_demo (synced->sandbox, TRUE);
  g_assert_true (care_sandbox_start (synced->sandbox, 0, &error));

  synced->session = soup_session_new ();
  authorizer = care_authorizer_new (synced->session);
  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), synced->session);
  care_authorizer_sign_in_async (authorizer, care_sandbox_get_fhir_base (synced->sandbox), "demo:maria",
                                 NULL, done_cb, &signed_in);
  synced->sign_in = care_authorizer_sign_in_finish (authorizer, wait_for (&signed_in), &error);
  g_assert_no_error (error);
  synced->connection = care_connection_new_from_sign_in (synced->session, synced->sign_in);
  care_token_store_save_async (care_connection_get_id (synced->connection), "refresh",
                               synced->sign_in->refresh_token, NULL, done_cb, &saved);
  g_assert_true (care_token_store_save_finish (wait_for (&saved), &error));

  synced->dir = g_dir_make_tmp ("carebook-sync-401-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (synced->dir, "cache.sqlite", NULL);
  synced->cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  synced->engine = care_sync_engine_new_for_connection (synced->cache, synced->connection, NULL);
}

static void
synced_close (Synced *synced)
{
  g_assert_finalize_object (synced->engine);
  g_assert_finalize_object (synced->cache);
  g_clear_object (&synced->connection);
  care_sandbox_stop (synced->sandbox);
  g_clear_object (&synced->sandbox);
  g_clear_object (&synced->session);
  g_clear_pointer (&synced->sign_in, care_sign_in_free);
  care_test_remove_flat_dir (synced->dir);
  g_free (synced->dir);
}

/* Starts a sync and, once the portal has answered a few requests, makes
 * it refuse the access token: the token "expires" at the portal in the
 * middle of the sync. */
static CareSyncReport *
sync_with_401 (Synced      *synced,
               const char  *faults,
               GError     **error)
{
  CareTestSyncWait wait = { 0 };
  const CareSandboxLoad *load = care_sandbox_get_load (synced->sandbox);
  g_autoptr(GError) fault_error = NULL;
  gboolean armed = FALSE;

  care_sync_engine_sync_async (synced->engine, CARE_SYNC_DEFAULT, NULL, care_test_sync_done_cb, &wait);
  while (!wait.done)
    {
      if (!armed && load->n_requests >= 8)
        {
          g_assert_true (care_sandbox_set_faults (synced->sandbox, faults, &fault_error));
          g_assert_no_error (fault_error);
          armed = TRUE;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (armed);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.report;
}

/* FHIR-CLIENT.md 18: a 401 in the middle of a sync refreshes the token
 * once and sends the request again; the sync finishes whole. */
static void
test_sync_401_refreshes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  Synced synced = { 0 };
  CareSyncState *state;

  synced_open (&synced);
  report = sync_with_401 (&synced, "expire-tokens=1,times=1,latency=20", &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (care_connection_get_n_refreshes (synced.connection), ==, 1);
  g_assert_cmpint (care_connection_get_state (synced.connection), ==, CARE_CONNECTION_CONNECTED);
  state = care_sync_engine_get_state (synced.engine);
  g_assert_false (care_sync_state_get_sign_in_needed (state));
  g_assert_cmpint (care_sync_state_get_phase (state), ==, CARE_SYNC_PHASE_IDLE);
  g_assert_cmpint (care_cache_count (synced.cache, "Observation", NULL), >, 0);
  g_assert_cmpint (care_cache_count (synced.cache, "Patient", NULL), ==, 1);
  synced_close (&synced);
}

/* FHIR-CLIENT.md 18: a 401 again after the refresh stops the whole sync
 * with "sign in again", after exactly one refresh; what was stored stays. */
static void
test_sync_401_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  Synced synced = { 0 };
  CareSyncState *state;

  synced_open (&synced);
  report = sync_with_401 (&synced, "expire-tokens=1", &error);
  g_assert_null (report);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (care_connection_get_n_refreshes (synced.connection), ==, 1);
  state = care_sync_engine_get_state (synced.engine);
  g_assert_true (care_sync_state_get_sign_in_needed (state));
  g_assert_cmpint (care_sync_state_get_phase (state), ==, CARE_SYNC_PHASE_FAILED);
  g_assert_cmpstr (care_sync_state_get_message (state), ==, error->message);
  synced_close (&synced);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/keyring/connection/refresh", test_refresh);
  g_test_add_func ("/care/keyring/connection/sync-401-refreshes", test_sync_401_refreshes);
  g_test_add_func ("/care/keyring/connection/sync-401-twice", test_sync_401_twice);

  return g_test_run ();
}
