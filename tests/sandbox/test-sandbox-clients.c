/* test-sandbox-clients.c — dynamic client registration and the JWT-bearer grant at the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portal's side of FHIR-CLIENT.md 11 over real HTTP: discovery says
 * where to register, a sign-in's access token registers a key, the key's
 * assertions buy access tokens for the same patient, and every assertion
 * that should not work is refused: replayed jti, expired, wrong audience,
 * another key, another algorithm, an unknown or withdrawn client.
 */
#include "config.h"

#include <locale.h>

#include "sandbox-browser.h"
#include "care-client-key.h"
#include "care-sandbox-auth.h"
#include "care-sandbox-clients.h"

#define JWT_BEARER "urn:ietf:params:oauth:grant-type:jwt-bearer"

static Reply *
post_json (Fixture    *fixture,
           const char *path,
           const char *token,
           const char *json)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sandbox), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Reply *reply = g_new0 (Reply, 1);

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    }
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->session, result, NULL);
  g_assert_nonnull (bytes);

  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  reply->cache_control = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                 "Cache-Control"));
  return reply;
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
registration_json (CareClientKey *key,
                   const char    *software_id)
{
  g_autoptr(JsonObject) jwk = care_client_key_dup_jwk (key);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), jwk);
  g_autofree char *jwk_text = json_to_string (node, FALSE);

  return g_strdup_printf ("{\"client_name\":\"Carebook\",\"software_id\":\"%s\","
                          "\"token_endpoint_auth_method\":\"none\","
                          "\"grant_types\":[\"" JWT_BEARER "\"],\"jwks\":{\"keys\":[%s]}}",
                          software_id, jwk_text);
}

/* Signs maria in to @patient and registers @key with that sign-in. */
static void
register_key (Fixture       *fixture,
              CareClientKey *key,
              const char    *patient)
{
  g_autoptr(JsonObject) tokens = tokens_for (fixture, patient);
  g_autofree char *json = registration_json (key, "carebook");
  g_autoptr(Reply) reply = post_json (fixture, "/oauth2/register",
                                      json_object_get_string_member (tokens, "access_token"), json);
  g_autoptr(JsonObject) registered = NULL;

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (reply->cache_control, ==, "no-store");
  registered = parse (reply->body);
  g_assert_nonnull (json_object_get_string_member (registered, "client_id"));
  g_assert_cmpstr (json_object_get_string_member (registered, "token_endpoint_auth_method"), ==, "none");
  care_client_key_set_client_id (key, json_object_get_string_member (registered, "client_id"));
}

static char *
token_endpoint (Fixture *fixture)
{
  return g_strconcat (care_sandbox_get_base_url (fixture->sandbox), "/oauth2/token", NULL);
}

static JsonObject *
grant (Fixture    *fixture,
       const char *assertion,
       const char *client_id,
       guint      *out_status)
{
  g_autofree char *form = NULL;

  form = soup_form_encode ("grant_type", JWT_BEARER, "assertion", assertion,
                           client_id != NULL ? "client_id" : NULL, client_id, NULL);
  return token_request (fixture, form, out_status);
}

static char *
assertion_for (Fixture       *fixture,
               CareClientKey *key)
{
  g_autofree char *audience = token_endpoint (fixture);
  g_autoptr(GError) error = NULL;
  char *assertion = care_client_key_dup_assertion (key, audience, &error);

  g_assert_no_error (error);
  return assertion;
}

/* Claims as the client would send them, with one thing changed. */
static JsonObject *
claims_for (Fixture       *fixture,
            CareClientKey *key,
            const char    *jti)
{
  JsonObject *claims = json_object_new ();
  g_autofree char *audience = token_endpoint (fixture);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_string_member (claims, "iss", care_client_key_get_client_id (key));
  json_object_set_string_member (claims, "sub", care_client_key_get_client_id (key));
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "exp", now + 120);
  return claims;
}

static char *
sign (CareClientKey *key,
      JsonObject    *claims)
{
  g_autoptr(GError) error = NULL;
  char *jwt = care_client_key_sign_jwt (key, claims, &error);

  g_assert_no_error (error);
  return jwt;
}

static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(Reply) reply = http (fixture, "GET", "/fhir/.well-known/smart-configuration", NULL, NULL);
  g_autoptr(JsonObject) config = parse (reply->body);
  g_autofree char *expected = g_strconcat (care_sandbox_get_base_url (fixture->sandbox), "/oauth2/register",
                                           NULL);
  JsonArray *grants = json_object_get_array_member (config, "grant_types_supported");
  gboolean bearer = FALSE;

  g_assert_cmpstr (json_object_get_string_member (config, "registration_endpoint"), ==, expected);
  for (guint i = 0; i < json_array_get_length (grants); i++)
    bearer |= g_str_equal (json_array_get_string_element (grants, i), JWT_BEARER);
  g_assert_true (bearer);
}

static void
test_grant (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autofree char *assertion = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  const char *access;
  guint status;

  g_assert_no_error (error);
  register_key (fixture, key, "child");
  g_assert_cmpuint (care_sandbox_count_clients (fixture->sandbox), ==, 1);

  /* The assertion buys an access token for the same record, and no
   * refresh token: the key is what stays. */
  assertion = assertion_for (fixture, key);
  tokens = grant (fixture, assertion, care_client_key_get_client_id (key), &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "child");
  g_assert_false (json_object_has_member (tokens, "refresh_token"));
  g_assert_null (strstr (json_object_get_string_member (tokens, "scope"), "offline_access"));
  access = json_object_get_string_member (tokens, "access_token");
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/child"), ==, 200);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/teen"), ==, 404);
  g_clear_pointer (&tokens, json_object_unref);

  /* client_id may be left out: the assertion names the client. */
  g_free (assertion);
  assertion = assertion_for (fixture, key);
  tokens = grant (fixture, assertion, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_replayed_jti (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autofree char *assertion = NULL;
  g_autofree char *same_jti = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) resigned = NULL;
  g_autoptr(JsonObject) claims = NULL;
  guint status;

  register_key (fixture, key, "adult");
  assertion = assertion_for (fixture, key);
  first = grant (fixture, assertion, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* The same assertion again: refused. */
  again = grant (fixture, assertion, NULL, &status);
  assert_error (again, status, 400, "invalid_grant");

  /* A new signature over a used jti: refused too. */
  claims = claims_for (fixture, key, "once-only");
  g_free (assertion);
  assertion = sign (key, claims);
  g_clear_pointer (&first, json_object_unref);
  first = grant (fixture, assertion, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC);
  same_jti = sign (key, claims);
  resigned = grant (fixture, same_jti, NULL, &status);
  assert_error (resigned, status, 400, "invalid_grant");
}

static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autofree char *assertion = NULL;
  g_autofree char *long_lived = NULL;
  g_autofree char *no_exp = NULL;
  g_autoptr(JsonObject) late = NULL;
  g_autoptr(JsonObject) too_long = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) claims = NULL;
  guint status;

  register_key (fixture, key, "adult");

  /* Made now, presented after it lapsed. */
  assertion = assertion_for (fixture, key);
  care_sandbox_advance_clock (fixture->sandbox, CARE_CLIENT_KEY_ASSERTION_LIFETIME + 1);
  late = grant (fixture, assertion, NULL, &status);
  assert_error (late, status, 400, "invalid_grant");
  care_sandbox_advance_clock (fixture->sandbox, -(CARE_CLIENT_KEY_ASSERTION_LIFETIME + 1));

  /* An hour-long assertion is not short-lived. */
  claims = claims_for (fixture, key, "long");
  json_object_set_int_member (claims, "exp", g_get_real_time () / G_USEC_PER_SEC + 3600);
  long_lived = sign (key, claims);
  too_long = grant (fixture, long_lived, NULL, &status);
  assert_error (too_long, status, 400, "invalid_grant");

  /* No exp at all. */
  json_object_remove_member (claims, "exp");
  json_object_set_string_member (claims, "jti", "no-exp");
  no_exp = sign (key, claims);
  missing = grant (fixture, no_exp, NULL, &status);
  assert_error (missing, status, 400, "invalid_grant");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autoptr(CareClientKey) other = care_client_key_generate (&error);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *jwt = NULL;
  guint status;

  g_assert_no_error (error);
  register_key (fixture, key, "adult");

  /* Another audience. */
  claims = claims_for (fixture, key, "aud");
  json_object_set_string_member (claims, "aud", "https://elsewhere.example/oauth2/token");
  jwt = sign (key, claims);
  answer = grant (fixture, jwt, NULL, &status);
  assert_error (answer, status, 400, "invalid_grant");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&claims, json_object_unref);
  g_clear_pointer (&jwt, g_free);

  /* sub other than iss. */
  claims = claims_for (fixture, key, "sub");
  json_object_set_string_member (claims, "sub", "someone-else");
  jwt = sign (key, claims);
  answer = grant (fixture, jwt, NULL, &status);
  assert_error (answer, status, 400, "invalid_grant");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&claims, json_object_unref);
  g_clear_pointer (&jwt, g_free);

  /* Signed by a key that was never registered for this client. */
  care_client_key_set_client_id (other, care_client_key_get_client_id (key));
  claims = claims_for (fixture, other, "other-key");
  jwt = sign (other, claims);
  answer = grant (fixture, jwt, NULL, &status);
  assert_error (answer, status, 400, "invalid_grant");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&jwt, g_free);

  /* alg none, with the signature dropped. */
  {
    g_autofree char *header = g_base64_encode ((const guchar *)"{\"alg\":\"none\"}", 14);
    g_autofree char *body = NULL;
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);
    g_autofree char *text = json_to_string (node, FALSE);

    body = care_base64url_encode ((const guint8 *)text, strlen (text));
    g_strdelimit (header, "=", '\0');
    jwt = g_strconcat (header, ".", body, ".", NULL);
    answer = grant (fixture, jwt, NULL, &status);
    assert_error (answer, status, 400, "invalid_grant");
    g_clear_pointer (&answer, json_object_unref);
    g_clear_pointer (&jwt, g_free);
  }

  /* Not a JWT at all. */
  answer = grant (fixture, "not.a-jwt", NULL, &status);
  assert_error (answer, status, 400, "invalid_grant");
  g_clear_pointer (&answer, json_object_unref);

  /* An unknown client. */
  care_client_key_set_client_id (other, "unknown-client");
  jwt = assertion_for (fixture, other);
  answer = grant (fixture, jwt, NULL, &status);
  assert_error (answer, status, 401, "invalid_client");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&jwt, g_free);

  /* The portal withdraws the registration: invalid_client from then on. */
  jwt = assertion_for (fixture, key);
  g_assert_cmpint (care_sandbox_revoke_clients (fixture->sandbox, "adult"), ==, 1);
  answer = grant (fixture, jwt, NULL, &status);
  assert_error (answer, status, 401, "invalid_client");
}

static void
test_register_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autoptr(JsonObject) tokens = tokens_for (fixture, "adult");
  const char *access = json_object_get_string_member (tokens, "access_token");
  g_autofree char *good = registration_json (key, "carebook");
  g_autofree char *wrong_software = registration_json (key, "someone-else");
  g_autofree char *with_private = NULL;
  g_autoptr(Reply) no_token = post_json (fixture, "/oauth2/register", NULL, good);
  g_autoptr(Reply) bad_token = post_json (fixture, "/oauth2/register", "forged", good);
  g_autoptr(Reply) not_json = post_json (fixture, "/oauth2/register", access, "{\"jwks\":");
  g_autoptr(Reply) software = post_json (fixture, "/oauth2/register", access, wrong_software);
  g_autoptr(Reply) no_keys = post_json (fixture, "/oauth2/register", access,
                                        "{\"software_id\":\"carebook\",\"jwks\":{\"keys\":[]}}");
  g_autoptr(Reply) small = post_json (fixture, "/oauth2/register", access,
                                      "{\"software_id\":\"carebook\",\"jwks\":{\"keys\":"
                                      "[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}}");
  g_autoptr(Reply) private_part = NULL;
  g_autoptr(Reply) get = http (fixture, "GET", "/oauth2/register", NULL, NULL);

  /* Only with a sign-in's token. */
  g_assert_cmpuint (no_token->status, ==, 401);
  g_assert_cmpuint (bad_token->status, ==, 401);
  g_assert_nonnull (strstr (bad_token->body, "invalid_token"));
  /* Metadata Carebook cannot have meant. */
  g_assert_cmpuint (not_json->status, ==, 400);
  g_assert_nonnull (strstr (not_json->body, "invalid_client_metadata"));
  g_assert_cmpuint (software->status, ==, 400);
  g_assert_cmpuint (no_keys->status, ==, 400);
  g_assert_cmpuint (small->status, ==, 400);
  g_assert_cmpuint (get->status, ==, 405);

  /* A key sent with its private part is refused, not stored. */
  with_private = g_strdup (good);
  with_private[strlen (with_private) - 4] = '\0';
  {
    g_autofree char *json = g_strconcat (with_private, ",\"d\":\"AQAB\"}]}}", NULL);

    private_part = post_json (fixture, "/oauth2/register", access, json);
  }
  g_assert_cmpuint (private_part->status, ==, 400);
  g_assert_cmpuint (care_sandbox_count_clients (fixture->sandbox), ==, 0);
}

static void
test_no_refresh_tokens (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(JsonObject) granted = NULL;
  g_autofree char *assertion = NULL;
  guint status;

  /* As Epic for public apps: offline_access asked, no refresh token given. */
  care_sandbox_set_refresh_tokens (fixture->sandbox, FALSE);
  g_assert_false (care_sandbox_get_refresh_tokens (fixture->sandbox));
  tokens = tokens_for (fixture, "adult");
  g_assert_false (json_object_has_member (tokens, "refresh_token"));
  g_assert_null (strstr (json_object_get_string_member (tokens, "scope"), "offline_access"));

  /* The key is the way to stay signed in. */
  register_key (fixture, key, "adult");
  assertion = assertion_for (fixture, key);
  granted = grant (fixture, assertion, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  care_sandbox_set_refresh_tokens (fixture->sandbox, TRUE);
  g_assert_true (care_sandbox_get_refresh_tokens (fixture->sandbox));
}

static void
test_proxy_ends (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autofree char *assertion = NULL;
  g_autoptr(JsonObject) answer = NULL;
  guint status;

  /* Maria's key for her daughter works while she is her proxy; the day
   * Lucía turns 18 the portal checks again at the exchange and refuses. */
  register_key (fixture, key, "teen");
  set_today (fixture, 15, 6, 2029);
  assertion = assertion_for (fixture, key);
  answer = grant (fixture, assertion, NULL, &status);
  assert_error (answer, status, 400, "invalid_grant");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/care/sandbox/clients/" path, Fixture, GINT_TO_POINTER (FALSE), \
              fixture_setup, func, fixture_teardown)

  ADD ("discovery", test_discovery);
  ADD ("grant", test_grant);
  ADD ("replayed-jti", test_replayed_jti);
  ADD ("expired", test_expired);
  ADD ("refused", test_refused);
  ADD ("register-errors", test_register_errors);
  ADD ("no-refresh-tokens", test_no_refresh_tokens);
  ADD ("proxy-ends", test_proxy_ends);

#undef ADD

  return g_test_run ();
}
