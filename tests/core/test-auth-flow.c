/* test-auth-flow.c — signing in against the sandbox portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-error.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"

#include "care-test-sign-in.h"

typedef enum
{
  BROWSER_FOLLOW,        /* load the page, then the redirect it answers with */
  BROWSER_WRONG_STATE,   /* a redirect carrying another state */
  BROWSER_DENY,          /* the portal said no */
  BROWSER_IGNORE,        /* the user walked away */
  BROWSER_CANCEL,        /* the user pressed Cancel in the app */
  BROWSER_SCHEME,        /* the redirect goes to org.carebook.carebook: and back to the app */
  BROWSER_SCHEME_FORGED, /* the same, but someone else's redirect arrives first */
} BrowserMode;

typedef struct
{
  CareTestSignIn  sign_in;
  BrowserMode     mode;
  char           *opened;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  care_test_sign_in_open (&fixture->sign_in, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->opened, g_free);
  care_test_sign_in_close (&fixture->sign_in);
}

static char *
query_param (const char *uri,
             const char *name)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&",
                                                     G_URI_PARAMS_NONE, NULL);

  return g_strdup (g_hash_table_lookup (params, name));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
}

static void
load (Fixture    *fixture,
      const char *uri)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (fixture->sign_in.session, msg, G_PRIORITY_DEFAULT, NULL, loaded_cb, NULL);
}

static void
portal_answered_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Fixture *fixture = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                       "Location");
  g_autoptr(GString) redirect = NULL;

  g_assert_nonnull (location);

  /* The desktop delivers private-scheme URIs to the running app. */
  if (fixture->mode == BROWSER_SCHEME || fixture->mode == BROWSER_SCHEME_FORGED)
    {
      g_autoptr(GString) uri = g_string_new (location);

      g_assert_true (g_str_has_prefix (location, "org.carebook.carebook:/callback?"));
      if (fixture->mode == BROWSER_SCHEME_FORGED)
        {
          /* Someone else's answer arrives first: refused, and the
           * sign-in still waits for its own. */
          g_autoptr(GString) forged = g_string_new (location);

          g_string_replace (forged, "state=", "state=forged", 1);
          g_string_replace (forged, "code=", "code=stolen", 1);
          g_assert_true (care_authorizer_deliver_redirect (fixture->sign_in.authorizer, forged->str));
          g_assert_true (care_authorizer_deliver_redirect (fixture->sign_in.authorizer,
                                                           "org.carebook.carebook:/callback?code=x"));
        }
      g_assert_true (care_authorizer_deliver_redirect (fixture->sign_in.authorizer, uri->str));
      return;
    }

  redirect = g_string_new (location);
  if (fixture->mode == BROWSER_WRONG_STATE)
    g_string_replace (redirect, "state=", "state=forged", 1);
  load (fixture, redirect->str);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             Fixture        *fixture)
{
  g_autofree char *redirect_uri = query_param (uri, "redirect_uri");
  g_autofree char *state = query_param (uri, "state");
  g_autoptr(SoupMessage) msg = NULL;

  fixture->opened = g_strdup (uri);

  switch (fixture->mode)
    {
    case BROWSER_FOLLOW:
    case BROWSER_WRONG_STATE:
    case BROWSER_SCHEME:
    case BROWSER_SCHEME_FORGED:
      msg = soup_message_new ("GET", uri);
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_session_send_and_read_async (fixture->sign_in.session, msg, G_PRIORITY_DEFAULT, NULL,
                                        portal_answered_cb, fixture);
      break;

    case BROWSER_DENY:
      {
        g_autofree char *denied = g_strdup_printf ("%s?error=access_denied&state=%s", redirect_uri, state);

        load (fixture, denied);
      }
      break;

    case BROWSER_CANCEL:
      g_idle_add (cancel_cb, fixture->sign_in.cancellable);
      break;

    case BROWSER_IGNORE:
    default:
      break;
    }
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static CareSignIn *
sign_in (Fixture     *fixture,
         BrowserMode  mode,
         const char  *hint,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gulong id;
  CareSignIn *outcome;

  fixture->mode = mode;
  id = g_signal_connect (fixture->sign_in.authorizer, "open-uri", G_CALLBACK (open_uri_cb), fixture);
  care_authorizer_sign_in_async (fixture->sign_in.authorizer,
                                 care_sandbox_get_fhir_base (fixture->sign_in.sandbox), hint, fixture->sign_in.cancellable, signed_in_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (fixture->sign_in.authorizer, id);

  outcome = care_authorizer_sign_in_finish (fixture->sign_in.authorizer, result, error);

  /* Let the browser's last request and the listener settle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return outcome;
}

static void
test_own_record (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, BROWSER_FOLLOW, "demo:maria", &error);
  g_autofree char *challenge_method = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
  g_assert_cmpstr (result->display_name, ==, "Maria Elena Reyes");
  g_assert_nonnull (result->birth_date);
  g_assert_false (result->is_proxy);
  g_assert_nonnull (result->access_token);
  g_assert_nonnull (result->refresh_token);
  g_assert_true (g_str_has_suffix (result->fhir_user, "/Patient/adult"));
  g_assert_cmpint (result->expires_at, >, g_get_real_time () / G_USEC_PER_SEC + 3000);

  /* What was asked: S256, our loopback listener, the FHIR base as aud. */
  challenge_method = query_param (fixture->opened, "code_challenge_method");
  g_assert_cmpstr (challenge_method, ==, "S256");
  g_assert_nonnull (strstr (fixture->opened, "redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
}

static void
test_proxy (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, BROWSER_FOLLOW, "demo:maria:child", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "child");
  g_assert_cmpstr (result->display_name, ==, "Mateo Reyes");
  g_assert_true (result->is_proxy);
}

static void
test_state_mismatch (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  /* A redirect with another state is refused, and not taken as the end
   * of the sign-in either: the listener waits on, here until it times
   * out (test-hostile-auth.c shows the real redirect still arriving). */
  care_authorizer_set_timeout (fixture->sign_in.authorizer, 1);
  result = sign_in (fixture, BROWSER_WRONG_STATE, "demo:maria", &error);
  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_CANCELLED);
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, BROWSER_DENY, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  care_authorizer_set_timeout (fixture->sign_in.authorizer, 1);
  result = sign_in (fixture, BROWSER_IGNORE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_CANCELLED);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, BROWSER_CANCEL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_private_scheme (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;
  g_autofree char *redirect = NULL;

  care_authorizer_set_private_scheme (fixture->sign_in.authorizer, TRUE);
  result = sign_in (fixture, BROWSER_SCHEME, "demo:maria", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
  redirect = query_param (fixture->opened, "redirect_uri");
  g_assert_cmpstr (redirect, ==, "org.carebook.carebook:/callback");

  /* Nothing waits any more: a late URI is not taken. */
  g_assert_false (care_authorizer_deliver_redirect (fixture->sign_in.authorizer,
                                                    "org.carebook.carebook:/callback?code=x&state=y"));
}

static void
test_private_scheme_forged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  /* A forged or stale redirect with another state (or none) ended the
   * sign-in; now it is refused and the real one still completes it. */
  care_authorizer_set_private_scheme (fixture->sign_in.authorizer, TRUE);
  result = sign_in (fixture, BROWSER_SCHEME_FORGED, "demo:maria", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
}

/* A portal that refuses loopback redirects (Oracle Health, the VA) answers
 * the sign-in request with an error page: the authorizer notices before
 * the browser opens and uses the private-use scheme (FHIR-CLIENT.md 3). */
static void
test_loopback_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;
  g_autofree char *redirect = NULL;

  care_sandbox_set_refuse_loopback (fixture->sign_in.sandbox, TRUE);
  care_authorizer_set_probe_loopback (fixture->sign_in.authorizer, TRUE);
  result = sign_in (fixture, BROWSER_SCHEME, "demo:maria", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
  redirect = query_param (fixture->opened, "redirect_uri");
  g_assert_cmpstr (redirect, ==, "org.carebook.carebook:/callback");
}

/* One that accepts them keeps the loopback listener. */
static void
test_loopback_accepted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;
  g_autofree char *redirect = NULL;

  care_authorizer_set_probe_loopback (fixture->sign_in.authorizer, TRUE);
  result = sign_in (fixture, BROWSER_FOLLOW, "demo:maria", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
  redirect = query_param (fixture->opened, "redirect_uri");
  g_assert_true (g_str_has_prefix (redirect, "http://127.0.0.1:"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/care/auth/flow/own-record", test_own_record);
  ADD ("/care/auth/flow/proxy", test_proxy);
  ADD ("/care/auth/flow/state-mismatch", test_state_mismatch);
  ADD ("/care/auth/flow/denied", test_denied);
  ADD ("/care/auth/flow/timeout", test_timeout);
  ADD ("/care/auth/flow/cancel", test_cancel);
  ADD ("/care/auth/flow/private-scheme", test_private_scheme);
  ADD ("/care/auth/flow/private-scheme-forged", test_private_scheme_forged);
  ADD ("/care/auth/flow/loopback-refused", test_loopback_refused);
  ADD ("/care/auth/flow/loopback-accepted", test_loopback_accepted);

#undef ADD

  return g_test_run ();
}
