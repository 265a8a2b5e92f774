/* test-hostile-tokens.c — refresh and sign-out against a hostile token endpoint
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token endpoint of the hostile portal (tests/hostile) answers a
 * refresh or a revocation with 64 MB, a 100,000-deep document, nothing at
 * all, or a 307 to another origin. Each must end with a clear error in
 * bounded time and memory, and lose nothing: a refresh keeps the refresh
 * token for next time, a sign-out still removes everything here.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <locale.h>
#include <string.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-connection.h"
#include "care-connection-store.h"
#include "care-error.h"
#include "care-http.h"
#include "care-sign-out.h"
#include "care-token-store.h"

#include "../hostile/care-hostile-portal.h"

#define ID "http://127.0.0.1/fhir|hostile-tokens"

typedef struct
{
  CareHostilePortal *portal;
  SoupSession       *session;
} Fixture;

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
setup (Fixture       *fixture,
       gconstpointer  data)
{
  CareHttpLimits limits;

  fixture->portal = care_hostile_portal_new ();
  fixture->session = soup_session_new ();
  /* Half a second for a silent endpoint here, not a minute. */
  care_http_limits_init_auth (&limits, NULL);
  limits.deadline_ms = 500;
  care_http_set_auth_limits (fixture->session, &limits);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_clear_object (&fixture->session);
  care_hostile_portal_free (fixture->portal);
}

static void
save_secret (const char *id,
             const char *token)
{
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  care_token_store_save_async (id, "refresh", token, NULL, done_cb, &saved);
  g_assert_true (care_token_store_save_finish (wait_for (&saved), &error));
  g_assert_no_error (error);
}

static char *
dup_secret (const char *id)
{
  g_autoptr(GAsyncResult) found = NULL;
  char *secret;
  char *copy;

  care_token_store_lookup_async (id, "refresh", NULL, done_cb, &found);
  secret = care_token_store_lookup_finish (wait_for (&found), NULL);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

/* A refresh whose answer is too big, too deep, never comes or is sent
 * elsewhere fails clearly, and the refresh token stays for next time. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  CareHostileMode mode = GPOINTER_TO_INT (data);
  g_autofree char *endpoint = g_strconcat (care_hostile_portal_get_base (fixture->portal), "/auth/token", NULL);
  g_autoptr(CareConnection) connection = care_connection_new (fixture->session, ID, endpoint);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *kept = NULL;

  save_secret (ID, "the-refresh-token");
  care_hostile_portal_set_mode (fixture->portal, mode);
  care_connection_get_access_token_async (connection, NULL, done_cb, &result);
  token = care_connection_get_access_token_finish (connection, wait_for (&result), &error);
  g_assert_null (token);
  g_assert_nonnull (error);
  switch (mode)
    {
    case CARE_HOSTILE_HUGE_TOKEN:
      g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE);
      g_assert_cmpuint (care_hostile_portal_get_binary_sent (fixture->portal), <, 8 * 1024 * 1024);
      break;
    case CARE_HOSTILE_SILENT_TOKEN:
      g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_SLOW);
      break;
    case CARE_HOSTILE_REDIRECT_TOKEN:
      g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE);
      g_assert_cmpuint (care_hostile_portal_get_n_foreign (fixture->portal), ==, 0);
      break;
    case CARE_HOSTILE_DEEP_TOKEN:
    default:
      g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_SERVER);
      break;
    }

  /* Nothing lost: the connection may try again later. */
  kept = dup_secret (ID);
  g_assert_cmpstr (kept, ==, "the-refresh-token");
  g_assert_cmpint (care_connection_get_state (connection), !=, CARE_CONNECTION_SIGN_IN_AGAIN);
  {
    g_autoptr(GAsyncResult) deleted = NULL;

    care_token_store_delete_async (ID, NULL, done_cb, &deleted);
    g_assert_true (care_token_store_delete_finish (wait_for (&deleted), NULL));
  }
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             SoupSession    *session)
{
  care_auto_browser_open (session, uri);
}

/* A revocation endpoint that misbehaves does not stop a sign-out: the
 * secrets and the folder go, and the summary says the portal was not told. */
static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CareAuthorizer) authorizer = care_authorizer_new (fixture->session);
  g_autofree char *dir = g_dir_make_tmp ("carebook-hostile-signout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "connections.json", NULL);
  g_autoptr(CareConnectionStore) store = care_connection_store_new (path);
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) out = NULL;
  g_autoptr(CareSignIn) sign_in = NULL;
  g_autoptr(CarePerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *left = NULL;

  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), fixture->session);
  care_authorizer_sign_in_async (authorizer, care_hostile_portal_get_base (fixture->portal), NULL, NULL,
                                 done_cb, &signed_in);
  sign_in = care_authorizer_sign_in_finish (authorizer, wait_for (&signed_in), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sign_in->revocation_endpoint);
  g_assert_true (care_connection_store_load (store, &error));
  person = care_connection_store_add (store, sign_in, &error);
  g_assert_no_error (error);
  save_secret (care_person_get_id (person), sign_in->refresh_token);
  folder = care_connection_dup_data_dir (care_person_get_id (person));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  cache = g_build_filename (folder, "cache.sqlite", NULL);
  g_assert_true (g_file_set_contents (cache, "record", -1, NULL));

  care_hostile_portal_set_mode (fixture->portal, GPOINTER_TO_INT (data));
  care_sign_out_async (fixture->session, store, care_person_get_id (person), NULL, done_cb, &out);
  summary = care_sign_out_finish (wait_for (&out), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_hostile_portal_get_n_requests (fixture->portal, "/fhir/auth/revoke"), ==, 1);
  /* A 200 whose body was too big still revoked; the others did not. */
  if (GPOINTER_TO_INT (data) == CARE_HOSTILE_HUGE_TOKEN)
    g_assert_null (strstr (summary, "could not be told"));
  else
    g_assert_nonnull (strstr (summary, "could not be told"));
  g_assert_cmpuint (care_hostile_portal_get_n_foreign (fixture->portal), ==, 0);

  left = dup_secret (care_person_get_id (person));
  g_assert_null (left);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (store)), ==, 0);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, mode, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (mode), setup, func, teardown)

  ADD ("/care/keyring/hostile/refresh-huge", CARE_HOSTILE_HUGE_TOKEN, test_refresh);
  ADD ("/care/keyring/hostile/refresh-deep", CARE_HOSTILE_DEEP_TOKEN, test_refresh);
  ADD ("/care/keyring/hostile/refresh-silent", CARE_HOSTILE_SILENT_TOKEN, test_refresh);
  ADD ("/care/keyring/hostile/refresh-redirect", CARE_HOSTILE_REDIRECT_TOKEN, test_refresh);
  ADD ("/care/keyring/hostile/sign-out-huge", CARE_HOSTILE_HUGE_TOKEN, test_sign_out);
  ADD ("/care/keyring/hostile/sign-out-silent", CARE_HOSTILE_SILENT_TOKEN, test_sign_out);
  ADD ("/care/keyring/hostile/sign-out-redirect", CARE_HOSTILE_REDIRECT_TOKEN, test_sign_out);

#undef ADD

  return g_test_run ();
}
