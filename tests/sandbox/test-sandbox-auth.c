/* test-sandbox-auth.c — SMART sign-in at the sandbox: authorize, token, revoke
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OAuth2 side driven like a browser (sandbox-browser.h): the whole
 * flow with and without the patient picker, what Allow Access grants, every
 * error RFC 6749 names for the authorization and token endpoints, PKCE,
 * codes, refresh rotation and reuse, expiry, revocation and the demo hint.
 */
#include "config.h"

#include <locale.h>

#include "sandbox-browser.h"
#include "care-sandbox-auth.h"

/* Sign-in -------------------------------------------------------------------- */

static void
test_success_picker (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "child", NULL, "allow");
  g_autofree char *code = param (location, "code");
  g_autofree char *state = param (location, "state");
  g_autoptr(JsonObject) tokens = NULL;
  const char *access;
  guint status;

  g_assert_cmpstr (state, ==, "xyz42");
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "child");
  g_assert_cmpstr (json_object_get_string_member (tokens, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (tokens, "expires_in"), ==, 3600);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (tokens, "fhirUser"),
                                   "/fhir/Patient/adult"));
  g_assert_nonnull (json_object_get_string_member (tokens, "refresh_token"));
  g_assert_false (json_object_get_boolean_member (tokens, "need_patient_banner"));
  /* Everything left ticked: the granted scope is the requested one. */
  g_assert_cmpstr (json_object_get_string_member (tokens, "scope"), ==, FULL_SCOPE);

  /* The token reaches Mateo's record, and not his sister's. */
  access = json_object_get_string_member (tokens, "access_token");
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/child"), ==, 200);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/teen"), ==, 404);
}

static void
test_success_single (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Reply) consent = sign_in (fixture, "roberto", "carebook-demo");
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  guint status;

  /* One record: no picker, straight to Allow Access, naming him. */
  g_assert_null (strstr (consent->body, "name=\"patient\""));
  g_assert_nonnull (strstr (consent->body, "Roberto Reyes"));
  location = decide (fixture, consent, NULL, "allow");
  code = param (location, "code");
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "elder");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (tokens, "fhirUser"), "/Patient/elder"));
}

static void
test_unticked (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", "&share=results&share=medications", "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) tokens = NULL;
  g_auto(GStrv) scopes = NULL;
  const char *access;
  guint status;

  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  scopes = g_strsplit (json_object_get_string_member (tokens, "scope"), " ", -1);
  access = json_object_get_string_member (tokens, "access_token");

  /* The wildcard is spelled out without what was unticked. */
  g_assert_false (g_strv_contains ((const char * const *)scopes, "patient/*.rs"));
  g_assert_true (g_strv_contains ((const char * const *)scopes, "patient/Observation.rs"));
  g_assert_true (g_strv_contains ((const char * const *)scopes, "patient/MedicationRequest.rs"));
  g_assert_true (g_strv_contains ((const char * const *)scopes, "patient/Patient.rs"));
  g_assert_true (g_strv_contains ((const char * const *)scopes, "offline_access"));
  g_assert_false (g_strv_contains ((const char * const *)scopes, "patient/Condition.rs"));
  g_assert_false (g_strv_contains ((const char * const *)scopes, "patient/Immunization.rs"));
  g_assert_cmpuint (fhir_status (fixture, access, "/Observation?patient=adult"), ==, 200);
  g_assert_cmpuint (fhir_status (fixture, access, "/Condition?patient=adult"), ==, 403);
}

static void
test_requested_types (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = authorize_path_full (fixture, "patient/Observation.rs patient/Immunization.read "
                                               "user/*.rs patient/Nonsense.rs offline_access", NULL);
  g_autoptr(Reply) page = start_with (fixture, path, NULL);
  g_autoptr(Reply) consent = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  guint status;

  g_assert_cmpuint (page->status, ==, 200);
  g_clear_pointer (&page, reply_free);
  page = step (fixture, "/login/password", "&username=roberto&password=carebook-demo");
  consent = verify (fixture, latest_code (fixture));

  /* The page lists what was asked for, nothing else. */
  g_assert_nonnull (strstr (consent->body, "value=\"results\""));
  g_assert_nonnull (strstr (consent->body, "value=\"immunizations\""));
  g_assert_null (strstr (consent->body, "value=\"medications\""));
  g_assert_null (strstr (consent->body, "value=\"messages\""));

  /* Unticking one leaves the other; scopes the sandbox cannot grant are
   * dropped; a forged box for data never asked for adds nothing. */
  location = decide (fixture, consent, "&share=results&share=messages", "allow");
  code = param (location, "code");
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "scope"), ==,
                   "patient/Observation.rs offline_access");
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", "", "deny");
  g_autofree char *error = param (location, "error");
  g_autofree char *state = param (location, "state");
  g_autofree char *code = param (location, "code");

  g_assert_cmpstr (error, ==, "access_denied");
  g_assert_cmpstr (state, ==, "xyz42");
  g_assert_null (code);
}

static void
test_state_passthrough (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, "&login_hint=demo%3Amaria");
  g_autofree char *odd = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *state = NULL;
  GString *rewritten = g_string_new (path);

  /* Characters that need escaping come back exactly. */
  g_string_replace (rewritten, "state=xyz42", "state=a%20b%26c%3Dd%2F%C3%A9", 0);
  odd = g_string_free (rewritten, FALSE);
  reply = http (fixture, "GET", odd, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 302);
  state = param (reply->location, "state");
  g_assert_cmpstr (state, ==, "a b&c=d/é");
}

/* Authorization request errors ---------------------------------------------- */

static char *
authorize_error (Fixture    *fixture,
                 const char *from,
                 const char *to)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autofree char *changed = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *state = NULL;
  GString *rewritten = g_string_new (path);

  g_assert_nonnull (strstr (path, from));
  g_string_replace (rewritten, from, to, 1);
  changed = g_string_free (rewritten, FALSE);
  reply = http (fixture, "GET", changed, NULL, NULL);

  /* Sent back to the app, with its state. */
  g_assert_cmpuint (reply->status, ==, 302);
  g_assert_true (g_str_has_prefix (reply->location, REDIRECT "?"));
  state = param (reply->location, "state");
  g_assert_cmpstr (state, ==, "xyz42");
  return param (reply->location, "error");
}

static void
test_authorize_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *challenge = care_sandbox_crypto_s256_challenge (VERIFIER);
  g_autofree char *no_challenge = g_strdup_printf ("code_challenge=%s&", challenge);
  g_autofree char *fhir_base = g_uri_escape_string (care_sandbox_get_fhir_base (fixture->sandbox),
                                                    NULL, FALSE);
  g_autofree char *aud = g_strdup_printf ("aud=%s&", fhir_base);
  g_autofree char *error = NULL;

#define EXPECT(from, to, expected) \
  G_STMT_START { \
    g_free (error); \
    error = authorize_error (fixture, from, to); \
    g_assert_cmpstr (error, ==, expected); \
  } G_STMT_END

  /* PKCE is required, and only S256. */
  EXPECT (no_challenge, "", "invalid_request");
  EXPECT ("code_challenge_method=S256", "code_challenge_method=plain", "invalid_request");
  EXPECT ("&code_challenge_method=S256", "", "invalid_request");
  EXPECT ("response_type=code", "response_type=token", "unsupported_response_type");
  EXPECT (aud, "aud=http%3A%2F%2Fexample.org%2Ffhir&", "invalid_request");
  EXPECT ("scope=", "scope=openid%20fhirUser%20user%2F*.rs&ignored=", "invalid_scope");
  EXPECT ("state=xyz42", "state=xyz42&scope=patient%2F*.rs", "invalid_request");
#undef EXPECT

  /* The FHIR base with a trailing slash is the same audience. */
  {
    g_autofree char *path = authorize_path (fixture, NULL);
    g_autofree char *slash = g_strdup_printf ("aud=%s%%2F&", fhir_base);
    g_autoptr(Reply) reply = NULL;
    GString *rewritten = g_string_new (path);

    g_string_replace (rewritten, aud, slash, 1);
    g_free (path);
    path = g_string_free (rewritten, FALSE);
    reply = http (fixture, "GET", path, NULL, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (reply->body, "type=\"password\""));
  }
}

static void
test_bad_client_and_redirect (Fixture       *fixture,
                              gconstpointer  data)
{
  static const struct { const char *from; const char *to; } cases[] = {
    { "127.0.0.1%3A7777", "evil.example.org" },
    { "http%3A%2F%2F127.0.0.1%3A7777", "https%3A%2F%2F127.0.0.1%3A7777" },
    { "127.0.0.1%3A7777", "localhost%3A7777" },
    { "%2Fcallback", "%2Fcallback%23fragment" },
    { "client_id=carebook", "client_id=someone-else" },
    { "client_id=carebook&", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = authorize_path (fixture, NULL);
      g_autofree char *changed = NULL;
      g_autoptr(Reply) reply = NULL;
      GString *rewritten = g_string_new (path);

      g_assert_nonnull (strstr (path, cases[i].from));
      g_string_replace (rewritten, cases[i].from, cases[i].to, 1);
      changed = g_string_free (rewritten, FALSE);
      reply = http (fixture, "GET", changed, NULL, NULL);

      /* Never redirected: an error page in the browser. */
      g_assert_cmpuint (reply->status, ==, 400);
      g_assert_null (reply->location);
      g_assert_nonnull (strstr (reply->body, "cannot sign in here"));
    }

  /* The private-use scheme is a redirect the sandbox accepts. */
  {
    g_autofree char *path = authorize_path (fixture, NULL);
    g_autoptr(Reply) reply = NULL;
    GString *rewritten = g_string_new (path);

    g_string_replace (rewritten, "http%3A%2F%2F127.0.0.1%3A7777%2Fcallback",
                      "org.carebook.carebook%3A%2Fauth", 1);
    g_free (path);
    path = g_string_free (rewritten, FALSE);
    reply = http (fixture, "GET", path, NULL, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }
}

/* Token endpoint ---------------------------------------------------------------- */

static void
test_pkce_wrong_verifier (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", NULL, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) wrong = NULL;
  g_autoptr(JsonObject) right = NULL;
  guint status;

  wrong = exchange (fixture, code, "not-the-verifier-but-long-enough-to-be-a-valid-one-000", &status);
  assert_error (wrong, status, 400, "invalid_grant");

  /* The code was spent on the failed attempt. */
  right = exchange (fixture, code, VERIFIER, &status);
  assert_error (right, status, 400, "invalid_grant");
}

static void
test_reused_code (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", NULL, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) refreshed = NULL;
  guint status;

  first = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  second = exchange (fixture, code, VERIFIER, &status);
  assert_error (second, status, 400, "invalid_grant");

  /* A replayed code may be a stolen one: what it gave is revoked. */
  refreshed = refresh (fixture, json_object_get_string_member (first, "refresh_token"), NULL, &status);
  assert_error (refreshed, status, 400, "invalid_grant");
}

static void
test_expired_code (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", NULL, "allow");
  g_autofree char *code = param (location, "code");
  g_autofree char *location2 = authorize_code (fixture, "adult", NULL, "allow");
  g_autofree char *code2 = param (location2, "code");
  g_autoptr(JsonObject) late = NULL;
  g_autoptr(JsonObject) in_time = NULL;
  guint status;

  /* Nine and a half minutes: still good. Ten: expired. (The portal's clock
   * is real time plus an offset, so only margins that real time can only
   * widen are used.) */
  care_sandbox_advance_clock (fixture->sandbox, 570);
  in_time = exchange (fixture, code2, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  care_sandbox_advance_clock (fixture->sandbox, 30);
  late = exchange (fixture, code, VERIFIER, &status);
  assert_error (late, status, 400, "invalid_grant");
}

static void
test_token_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", NULL, "allow");
  g_autofree char *code = param (location, "code");
  g_autofree char *form = NULL;
  g_autoptr(JsonObject) response = NULL;
  guint status;

#define EXPECT(text, expected_status, expected) \
  G_STMT_START { \
    g_clear_pointer (&response, json_object_unref); \
    response = token_request (fixture, text, &status); \
    assert_error (response, status, expected_status, expected); \
  } G_STMT_END

  EXPECT ("grant_type=authorization_code&client_id=other&code=x&code_verifier=y&redirect_uri=z",
          401, "invalid_client");
  EXPECT ("grant_type=authorization_code&code=x&code_verifier=y&redirect_uri=z", 401, "invalid_client");
  EXPECT ("client_id=carebook&code=x", 400, "invalid_request");
  EXPECT ("grant_type=password&client_id=carebook&username=maria&password=carebook-demo",
          400, "unsupported_grant_type");
  EXPECT ("grant_type=authorization_code&client_id=carebook&code=x", 400, "invalid_request");
  EXPECT ("grant_type=authorization_code&client_id=carebook&code=unknown&code_verifier=" VERIFIER
          "&redirect_uri=" REDIRECT, 400, "invalid_grant");
  EXPECT ("grant_type=refresh_token&client_id=carebook", 400, "invalid_request");

  /* Another redirect than the authorization request's. */
  form = g_strdup_printf ("grant_type=authorization_code&client_id=carebook&code=%s&code_verifier=%s"
                          "&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A7778%%2Fcallback", code, VERIFIER);
  EXPECT (form, 400, "invalid_grant");
#undef EXPECT
}

static void
test_refresh_rotation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) first = tokens_for (fixture, "adult");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) reused = NULL;
  g_autoptr(JsonObject) after = NULL;
  guint status;

  second = refresh (fixture, json_object_get_string_member (first, "refresh_token"), NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (second, "refresh_token"), !=,
                   json_object_get_string_member (first, "refresh_token"));
  g_assert_cmpstr (json_object_get_string_member (second, "scope"), ==, FULL_SCOPE);
  g_assert_cmpstr (json_object_get_string_member (second, "patient"), ==, "adult");
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (second, "access_token"),
                                 "/Patient/adult"), ==, 200);

  /* The old one is dead, and using it again ends the whole family. */
  reused = refresh (fixture, json_object_get_string_member (first, "refresh_token"), NULL, &status);
  assert_error (reused, status, 400, "invalid_grant");
  after = refresh (fixture, json_object_get_string_member (second, "refresh_token"), NULL, &status);
  assert_error (after, status, 400, "invalid_grant");
}

static void
test_refresh_scope (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) first = tokens_for (fixture, "adult");
  g_autoptr(JsonObject) wider = NULL;
  g_autoptr(JsonObject) narrower = NULL;
  guint status;

  /* More than was granted: refused, and the token stays usable. */
  wider = refresh (fixture, json_object_get_string_member (first, "refresh_token"),
                   "offline_access patient/*.cruds", &status);
  assert_error (wider, status, 400, "invalid_scope");

  narrower = refresh (fixture, json_object_get_string_member (first, "refresh_token"),
                      "offline_access patient/*.rs", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (narrower, "scope"), ==, "offline_access patient/*.rs");
}

static void
test_refresh_expiry (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) first = tokens_for (fixture, "adult");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) late = NULL;
  guint status;

  /* 89 days unused is fine, and using it starts another 90 days… */
  care_sandbox_advance_clock (fixture->sandbox, 89 * 24 * 3600);
  second = refresh (fixture, json_object_get_string_member (first, "refresh_token"), NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* …but 90 days unused is too long. */
  care_sandbox_advance_clock (fixture->sandbox, 90 * 24 * 3600);
  late = refresh (fixture, json_object_get_string_member (second, "refresh_token"), NULL, &status);
  assert_error (late, status, 400, "invalid_grant");
}

static void
test_access_expiry (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(JsonObject) short_lived = NULL;
  g_autoptr(JsonObject) renewed = NULL;
  const char *access;
  guint status;

  /* Two minutes: works, then stops when the portal's clock passes it. */
  care_sandbox_set_token_lifetime (fixture->sandbox, 120);
  tokens = tokens_for (fixture, "adult");
  access = json_object_get_string_member (tokens, "access_token");
  g_assert_cmpint (json_object_get_int_member (tokens, "expires_in"), ==, 120);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/adult"), ==, 200);
  care_sandbox_advance_clock (fixture->sandbox, 120);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/adult"), ==, 401);

  /* Down to one second, for tests of the client's renewal. */
  care_sandbox_set_token_lifetime (fixture->sandbox, 1);
  short_lived = refresh (fixture, json_object_get_string_member (tokens, "refresh_token"), NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (short_lived, "expires_in"), ==, 1);
  care_sandbox_advance_clock (fixture->sandbox, 1);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (short_lived, "access_token"),
                                 "/Patient/adult"), ==, 401);

  care_sandbox_set_token_lifetime (fixture->sandbox, 3600);
  renewed = refresh (fixture, json_object_get_string_member (short_lived, "refresh_token"), NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (renewed, "access_token"),
                                 "/Patient/adult"), ==, 200);
}

static void
test_proxy_ends_at_18 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) tokens = tokens_for (fixture, "teen");
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(Reply) consent = NULL;
  guint status;

  /* Lucía turns 18 on 15 June 2029: her mother's refresh stops working, and
   * the picker no longer offers her (only Mateo and Roberto remain). */
  set_today (fixture, 15, 6, 2029);
  refused = refresh (fixture, json_object_get_string_member (tokens, "refresh_token"), NULL, &status);
  assert_error (refused, status, 400, "invalid_grant");

  consent = sign_in (fixture, "maria", "carebook-demo");
  g_assert_nonnull (strstr (consent->body, "name=\"patient\""));
  g_assert_null (strstr (consent->body, "Lucía"));
  g_assert_nonnull (strstr (consent->body, "Mateo Reyes"));
}

static void
test_tokens_for_tests (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *refresh_token = NULL;
  g_autofree char *access = care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "maria", "child",
                                                                      FULL_SCOPE, &refresh_token);
  g_autofree char *own = care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "roberto", NULL,
                                                                   "patient/*.rs", &refresh_token);
  g_autofree char *refused = care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "roberto", "child",
                                                                       FULL_SCOPE, NULL);
  g_autofree char *with_refresh = NULL;
  g_autoptr(JsonObject) renewed = NULL;
  guint status;

  /* A real user behind the token: the proxy's record opens, no other. */
  g_assert_nonnull (access);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/child"), ==, 200);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/adult"), ==, 404);

  /* No offline_access, no refresh token; the user's own record by default. */
  g_assert_nonnull (own);
  g_assert_null (refresh_token);
  g_assert_cmpuint (fhir_status (fixture, own, "/Patient/elder"), ==, 200);

  /* Someone else's child: no token at all. */
  g_assert_null (refused);

  /* The refresh token is a real one: it rotates at the endpoint. */
  with_refresh = care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "maria", NULL, FULL_SCOPE,
                                                           &refresh_token);
  g_assert_nonnull (with_refresh);
  g_assert_nonnull (refresh_token);
  renewed = refresh (fixture, refresh_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (renewed, "patient"), ==, "adult");
}

static void
test_revoke (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonObject) tokens = tokens_for (fixture, "adult");
  g_autoptr(JsonObject) refreshed = NULL;
  g_autoptr(Reply) revoked = NULL;
  g_autoptr(Reply) unknown = NULL;
  g_autoptr(Reply) missing = NULL;
  g_autofree char *form = NULL;
  guint status;

  form = g_strdup_printf ("token=%s&token_type_hint=refresh_token&client_id=carebook",
                          json_object_get_string_member (tokens, "refresh_token"));
  revoked = http (fixture, "POST", "/oauth2/revoke", form, NULL);
  g_assert_cmpuint (revoked->status, ==, 200);
  refreshed = refresh (fixture, json_object_get_string_member (tokens, "refresh_token"), NULL, &status);
  assert_error (refreshed, status, 400, "invalid_grant");

  /* RFC 7009: an unknown token is not an error, a missing one is. */
  unknown = http (fixture, "POST", "/oauth2/revoke", "token=never-issued&client_id=carebook", NULL);
  g_assert_cmpuint (unknown->status, ==, 200);
  missing = http (fixture, "POST", "/oauth2/revoke", "client_id=carebook", NULL);
  g_assert_cmpuint (missing->status, ==, 400);
}

/* Demo ------------------------------------------------------------------------ */

static void
test_demo_hint (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, "&login_hint=demo%3Amaria%3Ateen");
  g_autofree char *own_path = authorize_path (fixture, "&login_hint=demo%3Amaria");
  g_autofree char *bad_path = authorize_path (fixture, "&login_hint=demo%3Aroberto%3Achild");
  g_autoptr(Reply) reply = http (fixture, "GET", path, NULL, NULL);
  g_autoptr(Reply) own = http (fixture, "GET", own_path, NULL, NULL);
  g_autoptr(Reply) bad = http (fixture, "GET", bad_path, NULL, NULL);
  g_autofree char *code = NULL;
  g_autofree char *own_code = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(JsonObject) own_tokens = NULL;
  guint status;

  /* Demo mode: straight back to the app with a code, full scope. */
  g_assert_cmpuint (reply->status, ==, 302);
  code = param (reply->location, "code");
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "teen");
  g_assert_cmpstr (json_object_get_string_member (tokens, "scope"), ==, FULL_SCOPE);

  /* …and the portal still withholds the teen's conditions from her parent. */
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (tokens, "access_token"),
                                 "/Condition/teen-anxiety"), ==, 403);

  g_assert_cmpuint (own->status, ==, 302);
  own_code = param (own->location, "code");
  own_tokens = exchange (fixture, own_code, VERIFIER, &status);
  g_assert_cmpstr (json_object_get_string_member (own_tokens, "patient"), ==, "adult");

  /* A record the user may not open: the pages, not a code. */
  g_assert_cmpuint (bad->status, ==, 200);
  g_assert_nonnull (strstr (bad->body, "type=\"password\""));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, demo) \
  g_test_add ("/care/sandbox/auth/" path, Fixture, GINT_TO_POINTER (demo), \
              fixture_setup, func, fixture_teardown)

  ADD ("success/picker", test_success_picker, FALSE);
  ADD ("success/single-record", test_success_single, FALSE);
  ADD ("consent/unticked", test_unticked, FALSE);
  ADD ("consent/requested-types", test_requested_types, FALSE);
  ADD ("consent/denied", test_denied, FALSE);
  ADD ("authorize/state", test_state_passthrough, TRUE);
  ADD ("authorize/errors", test_authorize_errors, FALSE);
  ADD ("authorize/bad-client-and-redirect", test_bad_client_and_redirect, FALSE);
  ADD ("authorize/demo-hint", test_demo_hint, TRUE);
  ADD ("token/pkce-wrong-verifier", test_pkce_wrong_verifier, FALSE);
  ADD ("token/reused-code", test_reused_code, FALSE);
  ADD ("token/expired-code", test_expired_code, FALSE);
  ADD ("token/errors", test_token_errors, FALSE);
  ADD ("token/refresh-rotation", test_refresh_rotation, FALSE);
  ADD ("token/refresh-scope", test_refresh_scope, FALSE);
  ADD ("token/refresh-expiry", test_refresh_expiry, FALSE);
  ADD ("token/access-expiry", test_access_expiry, FALSE);
  ADD ("token/proxy-ends-at-18", test_proxy_ends_at_18, FALSE);
  ADD ("token/for-tests", test_tokens_for_tests, FALSE);
  ADD ("token/revoke", test_revoke, FALSE);

#undef ADD

  return g_test_run ();
}
