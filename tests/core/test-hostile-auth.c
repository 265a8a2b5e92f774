/* test-hostile-auth.c — discovery and sign-in against a hostile portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-http.h"
#include "care-registration.h"
#include "care-smart-config.h"

#include "../hostile/care-hostile-portal.h"

typedef struct
{
  CareHostilePortal *portal;
  SoupSession       *session;
  guint              n_open;
  gboolean           stray_first;
  guint              stray_status;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->portal = GPOINTER_TO_INT (data) == CARE_HOSTILE_REDIRECT_DOWNGRADE
                    ? care_hostile_portal_new_tls () : care_hostile_portal_new ();
  care_hostile_portal_set_mode (fixture->portal, GPOINTER_TO_INT (data));
  fixture->session = soup_session_new ();
  {
    /* A silent token endpoint is given up on in half a second here, not
     * a minute. */
    CareHttpLimits limits;

    care_http_limits_init_auth (&limits, NULL);
    limits.deadline_ms = 500;
    care_http_set_auth_limits (fixture->session, &limits);
  }
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_clear_object (&fixture->session);
  care_hostile_portal_free (fixture->portal);
}

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

typedef struct
{
  Fixture *fixture;
  char    *uri;
} Stray;

static void
stray_sent_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Stray *stray = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  stray->fixture->stray_status = soup_message_get_status (soup_session_get_async_result_message (
                                                            SOUP_SESSION (source), result));
  /* Then the real browser comes back with the real state. */
  care_auto_browser_open (stray->fixture->session, stray->uri);
  g_free (stray->uri);
  g_free (stray);
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             Fixture        *fixture)
{
  fixture->n_open++;
  if (fixture->stray_first)
    {
      g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GHashTable) query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&",
                                                        G_URI_PARAMS_NONE, NULL);
      g_autofree char *stray_uri = g_strconcat (g_hash_table_lookup (query, "redirect_uri"),
                                                "?code=stolen&state=not-yours", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", stray_uri);
      Stray *stray = g_new0 (Stray, 1);

      stray->fixture = fixture;
      stray->uri = g_strdup (uri);
      soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, stray_sent_cb, stray);
      return;
    }
  care_auto_browser_open (fixture->session, uri);
}

static CareSignIn *
sign_in (Fixture  *fixture,
         GError  **error)
{
  g_autoptr(CareAuthorizer) authorizer = care_authorizer_new (fixture->session);
  g_autoptr(GAsyncResult) result = NULL;
  CareSignIn *outcome;

  care_authorizer_set_timeout (authorizer, 20);
  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), fixture);
  care_authorizer_sign_in_async (authorizer, care_hostile_portal_get_base (fixture->portal), NULL, NULL,
                                 done_cb, &result);
  outcome = care_authorizer_sign_in_finish (authorizer, wait_for (&result), error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return outcome;
}

static CareSmartConfig *
discover (Fixture  *fixture,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  care_smart_discover_async (fixture->session, care_hostile_portal_get_base (fixture->portal), NULL,
                             done_cb, &result);
  return care_smart_discover_finish (wait_for (&result), error);
}

static void
test_normal (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "p1");
}

/* A SMART configuration nested 100,000 deep crashed discovery. */
static void
test_deep_smart (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSmartConfig) config = discover (fixture, &error);

  g_assert_null (config);
  g_assert_nonnull (error);
}

/* So did a token response. */
static void
test_deep_token (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE);
}

/* A token endpoint elsewhere over plain http would have received the
 * code and the PKCE verifier. */
static void
test_http_token_endpoint (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSmartConfig) config = discover (fixture, &error);
  g_autoptr(CareSignIn) result = NULL;

  g_assert_null (config);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY);
  g_clear_error (&error);
  result = sign_in (fixture, &error);
  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY);
  g_assert_cmpuint (fixture->n_open, ==, 0);
}

/* file:///etc/passwd as the sign-in page went to the URI launcher. */
static void
test_file_authorize (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY);
  g_assert_cmpuint (fixture->n_open, ==, 0);
}

/* "patient": "../../../../tmp/x" was taken ("Connected: Unnamed patient"). */
static void
test_patient_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PATIENT);
}

static void
test_fhir_user_path (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PATIENT);
}

/* A stray request to the loopback port ended the sign-in; now it is
 * refused and the real redirect still completes it. */
static void
test_stray_request (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  fixture->stray_first = TRUE;
  result = sign_in (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "p1");
  g_assert_cmpuint (fixture->stray_status, ==, SOUP_STATUS_BAD_REQUEST);
}

/* The token answer was read whole, however big (64 MB here, chunked). */
static void
test_huge_token (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than"));
  /* Reading stopped near the 1 MB limit, not at the server's end. */
  g_assert_cmpuint (care_hostile_portal_get_binary_sent (fixture->portal), <, 8 * 1024 * 1024);
}

/* A token endpoint that never answers held the sign-in forever. */
static void
test_silent_token (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_SLOW);
  g_assert_cmpuint (care_hostile_portal_get_n_requests (fixture->portal, "/fhir/auth/token"), ==, 1);
}

/* A 307 from the token endpoint to another origin was followed, and the
 * code and PKCE verifier posted there. */
static void
test_redirect_token (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE);
  g_assert_cmpuint (care_hostile_portal_get_n_foreign (fixture->portal), ==, 0);
}

/* An https portal whose token endpoint redirects to plain http: the code
 * and PKCE verifier would go unencrypted. */
static void
test_redirect_downgrade (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &error);

  g_assert_true (g_str_has_prefix (care_hostile_portal_get_base (fixture->portal), "https://"));
  g_assert_null (result);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "unencrypted"));
  g_assert_cmpuint (care_hostile_portal_get_n_requests (fixture->portal, "/fhir/auth/token"), ==, 1);
  g_assert_cmpuint (care_hostile_portal_get_n_foreign (fixture->portal), ==, 0);
}

/* The SMART configuration redirected to another origin and its answer
 * was taken as the portal's. */
static void
test_redirect_smart (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSmartConfig) config = discover (fixture, &error);

  g_assert_null (config);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE);
  g_assert_cmpuint (care_hostile_portal_get_n_foreign (fixture->portal), ==, 0);
}

static void
test_redirect_helpers (void)
{
  const struct { const char *from, *to; gboolean same; } cases[] = {
    { "https://portal.example.org/fhir", "https://portal.example.org/other", TRUE },
    { "https://portal.example.org/fhir", "https://PORTAL.example.org:443/x", TRUE },
    { "https://portal.example.org/fhir", "http://portal.example.org/fhir", FALSE },
    { "https://portal.example.org/fhir", "https://evil.example.net/fhir", FALSE },
    { "https://portal.example.org/fhir", "https://portal.example.org:8443/fhir", FALSE },
    { "http://127.0.0.1:8080/fhir", "http://localhost:8080/fhir", FALSE },
    { "http://127.0.0.1:8080/fhir", "file:///etc/passwd", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) from = g_uri_parse (cases[i].from, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GUri) to = g_uri_parse (cases[i].to, G_URI_FLAGS_NONE, NULL);

      g_assert_cmpint (care_http_is_same_origin (from, to), ==, cases[i].same);
    }
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Client registration (RFC 7591) read its answer without a limit. */
static void
test_registration (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *endpoint = g_strconcat (care_hostile_portal_get_base (fixture->portal), "/auth/register",
                                           NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  care_registration_probe_async (fixture->session, endpoint, "at", NULL, registered_cb, &result);
  secret = care_registration_probe_finish (wait_for (&result), &error);
  g_assert_null (secret);
  g_assert_nonnull (error);
  switch (GPOINTER_TO_INT (data))
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
      g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE);
      break;
    }
}

static void
test_valid_id (void)
{
  g_assert_true (care_fhir_is_valid_id ("p1"));
  g_assert_true (care_fhir_is_valid_id ("A-b.9"));
  g_assert_true (care_fhir_is_valid_id ("0123456789012345678901234567890123456789012345678901234567890123"));
  g_assert_false (care_fhir_is_valid_id ("01234567890123456789012345678901234567890123456789012345678901234"));
  g_assert_false (care_fhir_is_valid_id (NULL));
  g_assert_false (care_fhir_is_valid_id (""));
  g_assert_false (care_fhir_is_valid_id ("../../../../tmp/x"));
  g_assert_false (care_fhir_is_valid_id (".."));
  g_assert_false (care_fhir_is_valid_id ("a/b"));
  g_assert_false (care_fhir_is_valid_id ("a b"));
  g_assert_false (care_fhir_is_valid_id ("a_b"));
  g_assert_false (care_fhir_is_valid_id ("caf\xc3\xa9"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  care_hostile_portal_trust ();

#define ADD(path, mode, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (mode), setup, func, teardown)

  ADD ("/care/hostile/auth/normal", CARE_HOSTILE_NORMAL, test_normal);
  ADD ("/care/hostile/auth/deep-smart", CARE_HOSTILE_DEEP_SMART, test_deep_smart);
  ADD ("/care/hostile/auth/deep-token", CARE_HOSTILE_DEEP_TOKEN, test_deep_token);
  ADD ("/care/hostile/auth/http-token-endpoint", CARE_HOSTILE_HTTP_TOKEN_ENDPOINT, test_http_token_endpoint);
  ADD ("/care/hostile/auth/file-authorize", CARE_HOSTILE_FILE_AUTHORIZE, test_file_authorize);
  ADD ("/care/hostile/auth/patient-path", CARE_HOSTILE_PATIENT_PATH, test_patient_path);
  ADD ("/care/hostile/auth/fhir-user-path", CARE_HOSTILE_FHIR_USER_PATH, test_fhir_user_path);
  ADD ("/care/hostile/auth/stray-request", CARE_HOSTILE_NORMAL, test_stray_request);
  ADD ("/care/hostile/auth/huge-token", CARE_HOSTILE_HUGE_TOKEN, test_huge_token);
  ADD ("/care/hostile/auth/silent-token", CARE_HOSTILE_SILENT_TOKEN, test_silent_token);
  ADD ("/care/hostile/auth/redirect-token", CARE_HOSTILE_REDIRECT_TOKEN, test_redirect_token);
  ADD ("/care/hostile/auth/redirect-smart", CARE_HOSTILE_REDIRECT_SMART, test_redirect_smart);
  ADD ("/care/hostile/auth/redirect-downgrade", CARE_HOSTILE_REDIRECT_DOWNGRADE, test_redirect_downgrade);
  ADD ("/care/hostile/registration/huge", CARE_HOSTILE_HUGE_TOKEN, test_registration);
  ADD ("/care/hostile/registration/deep", CARE_HOSTILE_DEEP_TOKEN, test_registration);
  ADD ("/care/hostile/registration/silent", CARE_HOSTILE_SILENT_TOKEN, test_registration);
  ADD ("/care/hostile/registration/redirect", CARE_HOSTILE_REDIRECT_TOKEN, test_registration);
  g_test_add_func ("/care/http/same-origin", test_redirect_helpers);
  g_test_add_func ("/care/fhir/valid-id", test_valid_id);

#undef ADD

  return g_test_run ();
}
