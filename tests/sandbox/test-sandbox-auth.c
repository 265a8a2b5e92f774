/* test-sandbox-auth.c — SMART sign-in at the sandbox, driven like a browser
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "care-sandbox.h"
#include "care-sandbox-crypto.h"
#include "care-sandbox-seed.h"

#define VERIFIER "a-very-long-code-verifier-with-enough-entropy-0123456789"
#define REDIRECT "http://127.0.0.1:7777/callback"

typedef struct
{
  CareSandbox *sandbox;
  SoupSession *session;
} Fixture;

typedef struct
{
  guint  status;
  char  *body;
  char  *location;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  care_sandbox_store_set_today (care_sandbox_get_store (fixture->sandbox), &today);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (fixture->sandbox), NULL, &error));
  /* Few PBKDF2 rounds: the tests check the flow, not the slowness. */
  care_sandbox_add_demo_logins (fixture->sandbox, 1000);
  care_sandbox_add_user (fixture->sandbox, "totp", "secret-pass", "T. User", "elder",
                         "t@example.org", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1000);
  care_sandbox_set_testing (fixture->sandbox, TRUE);
  care_sandbox_set_demo (fixture->sandbox, GPOINTER_TO_INT (data));
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));

  fixture->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->sandbox);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static Reply *
http (Fixture    *fixture,
      const char *method,
      const char *path_or_url,
      const char *form,
      const char *accept_language)
{
  g_autofree char *url = g_str_has_prefix (path_or_url, "http")
                         ? g_strdup (path_or_url)
                         : g_strconcat (care_sandbox_get_base_url (fixture->sandbox), path_or_url, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  /* Like a browser that hands the final redirect to the app: not followed. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (accept_language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language",
                                  accept_language);
  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->session, result, NULL);
  g_assert_nonnull (bytes);

  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  reply->location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                            "Location"));
  return reply;
}

/* The value of a hidden field in a page. */
static char *
field (const char *html,
       const char *name)
{
  g_autofree char *marker = g_strdup_printf ("name=\"%s\" value=\"", name);
  const char *start = strstr (html, marker);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (marker);
  end = strchr (start, '"');
  return g_strndup (start, end - start);
}

/* A query parameter of a redirect. */
static char *
param (const char *location,
       const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return g_strdup (g_hash_table_lookup (params, name));
}

static char *
authorize_path (Fixture    *fixture,
                const char *extra)
{
  g_autofree char *challenge = care_sandbox_crypto_s256_challenge (VERIFIER);
  g_autofree char *aud = g_uri_escape_string (care_sandbox_get_fhir_base (fixture->sandbox), NULL, FALSE);

  return g_strdup_printf ("/oauth2/authorize?response_type=code&client_id=carebook"
                          "&redirect_uri=%s&state=xyz42&aud=%s"
                          "&scope=launch%%2Fpatient%%20openid%%20fhirUser%%20offline_access%%20patient%%2F*.rs"
                          "&code_challenge=%s&code_challenge_method=S256%s",
                          REDIRECT, aud, challenge, extra != NULL ? extra : "");
}

static char *
latest_code (Fixture *fixture)
{
  g_autoptr(Reply) outbox = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *messages;

  g_assert_cmpuint (outbox->status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, outbox->body, -1, NULL));
  messages = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (messages), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (messages, 0), "code"));
}

/* Username, password and 2-step code; returns the page that follows. */
static Reply *
sign_in (Fixture    *fixture,
         const char *username,
         const char *password,
         char      **out_login,
         char      **out_csrf)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) login_page = http (fixture, "GET", path, NULL, NULL);
  g_autoptr(Reply) code_page = NULL;
  g_autofree char *form = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpuint (login_page->status, ==, 200);
  *out_login = field (login_page->body, "login");
  *out_csrf = field (login_page->body, "csrf");
  g_assert_nonnull (*out_login);

  form = g_strdup_printf ("login=%s&csrf=%s&username=%s&password=%s", *out_login, *out_csrf,
                          username, password);
  code_page = http (fixture, "POST", "/login/password", form, NULL);
  g_assert_cmpuint (code_page->status, ==, 200);

  code = latest_code (fixture);
  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&code=%s", *out_login, *out_csrf, code);
  return http (fixture, "POST", "/login/verify", form, NULL);
}

static JsonObject *
exchange (Fixture    *fixture,
          const char *code,
          const char *verifier,
          guint      *out_status)
{
  g_autofree char *form = g_strdup_printf ("grant_type=authorization_code&client_id=carebook"
                                           "&code=%s&code_verifier=%s&redirect_uri=%s",
                                           code, verifier, REDIRECT);
  g_autoptr(Reply) reply = http (fixture, "POST", "/oauth2/token", form, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  *out_status = reply->status;
  g_assert_true (json_parser_load_from_data (parser, reply->body, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The whole flow for maria, choosing @patient and sharing @share. */
static char *
authorize_code (Fixture    *fixture,
                const char *patient,
                const char *share_form,
                const char *decision)
{
  g_autofree char *login = NULL;
  g_autofree char *csrf = NULL;
  g_autoptr(Reply) picker = sign_in (fixture, "maria", "carebook-demo", &login, &csrf);
  g_autoptr(Reply) consent = NULL;
  g_autoptr(Reply) done = NULL;
  g_autofree char *form = NULL;

  /* Maria may open four records: the picker comes first. */
  g_assert_cmpuint (picker->status, ==, 200);
  g_assert_nonnull (strstr (picker->body, "name=\"patient\""));
  g_assert_nonnull (strstr (picker->body, "Lucía"));

  form = g_strdup_printf ("login=%s&csrf=%s&patient=%s", login, csrf, patient);
  consent = http (fixture, "POST", "/login/patient", form, NULL);
  g_assert_cmpuint (consent->status, ==, 200);
  g_assert_nonnull (strstr (consent->body, "name=\"share\""));

  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&decision=%s%s", login, csrf, decision, share_form);
  done = http (fixture, "POST", "/login/consent", form, NULL);
  g_assert_cmpuint (done->status, ==, 302);
  g_assert_true (g_str_has_prefix (done->location, REDIRECT));

  return g_strdup (done->location);
}

static const char all_shared[] =
  "&share=Observation&share=DiagnosticReport&share=MedicationRequest&share=AllergyIntolerance"
  "&share=Condition&share=Immunization&share=Procedure&share=DocumentReference&share=Encounter"
  "&share=Communication&share=Appointment&share=Coverage";

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
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->session, result, NULL);

  return soup_message_get_status (msg);
}

static void
test_success (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "child", all_shared, "allow");
  g_autofree char *code = param (location, "code");
  g_autofree char *state = param (location, "state");
  g_autoptr(JsonObject) tokens = NULL;
  guint status;

  g_assert_cmpstr (state, ==, "xyz42");
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "child");
  g_assert_cmpstr (json_object_get_string_member (tokens, "token_type"), ==, "Bearer");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (tokens, "fhirUser"), "/Patient/adult"));
  g_assert_nonnull (json_object_get_string_member (tokens, "refresh_token"));
  g_assert_cmpstr (json_object_get_string_member (tokens, "scope"), ==,
                   "launch/patient openid fhirUser offline_access patient/*.rs");

  /* The token reaches Mateo's record, and not his sister's. */
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (tokens, "access_token"),
                                 "/Patient/child"), ==, 200);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (tokens, "access_token"),
                                 "/Patient/teen"), ==, 404);

  /* A code works once. */
  g_clear_pointer (&tokens, json_object_unref);
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (tokens, "error"), ==, "invalid_grant");
}

static void
test_unticked (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult",
                                              "&share=Observation&share=MedicationRequest", "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) tokens = NULL;
  const char *scope;
  const char *access;
  guint status;

  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  scope = json_object_get_string_member (tokens, "scope");
  access = json_object_get_string_member (tokens, "access_token");

  /* The granted scope is smaller than the requested one. */
  g_assert_null (strstr (scope, "patient/*.rs"));
  g_assert_nonnull (strstr (scope, "patient/Observation.rs"));
  g_assert_null (strstr (scope, "patient/Condition.rs"));
  g_assert_cmpuint (fhir_status (fixture, access, "/Observation"), ==, 200);
  g_assert_cmpuint (fhir_status (fixture, access, "/Condition"), ==, 403);
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", "", "deny");
  g_autofree char *error = param (location, "error");
  g_autofree char *state = param (location, "state");

  g_assert_cmpstr (error, ==, "access_denied");
  g_assert_cmpstr (state, ==, "xyz42");
}

static void
test_pkce (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", all_shared, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(Reply) plain_reply = NULL;
  g_autofree char *plain_error = NULL;
  guint status;

  tokens = exchange (fixture, code, "not-the-verifier", &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (tokens, "error"), ==, "invalid_grant");

  /* Any method but S256 is refused; the error goes back to the app. */
  {
    g_autofree char *path = authorize_path (fixture, NULL);
    char *at = strstr (path, "code_challenge_method=S256");

    memcpy (at + strlen ("code_challenge_method="), "XXXX", 4);
    plain_reply = http (fixture, "GET", path, NULL, NULL);
  }
  g_assert_cmpuint (plain_reply->status, ==, 302);
  plain_error = param (plain_reply->location, "error");
  g_assert_cmpstr (plain_error, ==, "invalid_request");
}

static void
test_expired_code (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", all_shared, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) tokens = NULL;
  guint status;

  care_sandbox_advance_clock (fixture->sandbox, 601);
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (tokens, "error"), ==, "invalid_grant");
}

static void
test_bad_client_and_redirect (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autofree char *evil = NULL;
  g_autofree char *other_client = NULL;
  g_autoptr(Reply) evil_reply = NULL;
  g_autoptr(Reply) client_reply = NULL;
  GString *rewritten = g_string_new (path);

  /* Never redirected: shown as an error page. */
  g_string_replace (rewritten, "127.0.0.1%3A7777", "evil.example.org", 0);
  g_string_replace (rewritten, "127.0.0.1:7777", "evil.example.org", 0);
  evil = g_string_free (rewritten, FALSE);
  evil_reply = http (fixture, "GET", evil, NULL, NULL);
  g_assert_cmpuint (evil_reply->status, ==, 400);
  g_assert_null (evil_reply->location);

  rewritten = g_string_new (path);
  g_string_replace (rewritten, "client_id=carebook", "client_id=someone-else", 0);
  other_client = g_string_free (rewritten, FALSE);
  client_reply = http (fixture, "GET", other_client, NULL, NULL);
  g_assert_cmpuint (client_reply->status, ==, 400);
  g_assert_null (client_reply->location);
}

static void
test_lockout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, NULL);
  g_autofree char *login = field (page->body, "login");
  g_autofree char *csrf = field (page->body, "csrf");
  g_autofree char *form = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Reply) wrong = NULL;

      g_free (form);
      form = g_strdup_printf ("login=%s&csrf=%s&username=maria&password=wrong%u", login, csrf, i);
      wrong = http (fixture, "POST", "/login/password", form, NULL);
      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_nonnull (strstr (wrong->body, "not right"));
    }

  /* Locked: even the right password is refused, and the page says why. */
  {
    g_autoptr(Reply) locked = NULL;

    g_free (form);
    form = g_strdup_printf ("login=%s&csrf=%s&username=maria&password=carebook-demo", login, csrf);
    locked = http (fixture, "POST", "/login/password", form, NULL);
    g_assert_cmpuint (locked->status, ==, 403);
    g_assert_nonnull (strstr (locked->body, "locked for 15 minutes"));
  }

  /* After 15 minutes the account opens again. */
  care_sandbox_advance_clock (fixture->sandbox, 901);
  {
    g_autoptr(Reply) open = NULL;
    g_autoptr(Reply) fresh = http (fixture, "GET", path, NULL, NULL);
    g_autofree char *login2 = field (fresh->body, "login");
    g_autofree char *csrf2 = field (fresh->body, "csrf");

    g_free (form);
    form = g_strdup_printf ("login=%s&csrf=%s&username=maria&password=carebook-demo", login2, csrf2);
    open = http (fixture, "POST", "/login/password", form, NULL);
    g_assert_cmpuint (open->status, ==, 200);
  }
}

static void
test_two_step_code (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, NULL);
  g_autofree char *login = field (page->body, "login");
  g_autofree char *csrf = field (page->body, "csrf");
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=%s&username=maria&password=carebook-demo",
                                           login, csrf);
  g_autoptr(Reply) code_page = http (fixture, "POST", "/login/password", form, NULL);
  g_autofree char *code = latest_code (fixture);
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) late = NULL;

  g_assert_cmpuint (code_page->status, ==, 200);
  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&code=000000x", login, csrf);
  wrong = http (fixture, "POST", "/login/verify", form, NULL);
  g_assert_nonnull (strstr (wrong->body, "wrong or has expired"));

  /* Ten minutes later the code no longer works. */
  care_sandbox_advance_clock (fixture->sandbox, 601);
  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&code=%s", login, csrf, code);
  late = http (fixture, "POST", "/login/verify", form, NULL);
  g_assert_nonnull (strstr (late->body, "wrong or has expired"));
}

static void
test_text_message (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, NULL);
  g_autofree char *login = field (page->body, "login");
  g_autofree char *csrf = field (page->body, "csrf");
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=%s&username=maria&password=carebook-demo",
                                           login, csrf);
  g_autoptr(Reply) code_page = http (fixture, "POST", "/login/password", form, NULL);
  g_autoptr(Reply) texted = NULL;
  g_autoptr(Reply) verified = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Reply) outbox = NULL;
  JsonObject *latest;

  /* The phone is offered, masked. */
  g_assert_nonnull (strstr (code_page->body, "••••4471"));

  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&channel=sms", login, csrf);
  texted = http (fixture, "POST", "/login/resend", form, NULL);
  g_assert_nonnull (strstr (texted->body, "text message"));

  outbox = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_assert_true (json_parser_load_from_data (parser, outbox->body, -1, NULL));
  latest = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (latest, "channel"), ==, "sms");

  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&code=%s", login, csrf,
                          json_object_get_string_member (latest, "code"));
  verified = http (fixture, "POST", "/login/verify", form, NULL);
  g_assert_nonnull (strstr (verified->body, "name=\"patient\""));
}

static void
test_totp (Fixture       *fixture,
           gconstpointer  data)
{
  /* RFC 6238 appendix B, SHA1, the last six digits. */
  g_assert_cmpint (care_sandbox_crypto_totp ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59), ==, 287082);
  g_assert_cmpint (care_sandbox_crypto_totp ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1111111109), ==, 81804);
  g_assert_cmpint (care_sandbox_crypto_totp ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1234567890), ==, 5924);
  g_assert_cmpint (care_sandbox_crypto_totp ("not base32!", 59), ==, -1);
}

static void
test_totp_sign_in (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, NULL);
  g_autofree char *login = field (page->body, "login");
  g_autofree char *csrf = field (page->body, "csrf");
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=%s&username=totp&password=secret-pass",
                                           login, csrf);
  g_autoptr(Reply) code_page = http (fixture, "POST", "/login/password", form, NULL);
  g_autoptr(Reply) verified = NULL;
  int code = care_sandbox_crypto_totp ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                                       g_get_real_time () / G_USEC_PER_SEC);

  g_assert_nonnull (strstr (code_page->body, "authenticator"));
  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&code=%06d", login, csrf, code);
  verified = http (fixture, "POST", "/login/verify", form, NULL);

  /* One record of their own: straight to Allow Access. */
  g_assert_nonnull (strstr (verified->body, "name=\"share\""));
}

static void
test_password_hash (Fixture       *fixture,
                    gconstpointer  data)
{
  /* RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1. */
  g_autofree char *hash = care_sandbox_crypto_hash_password ("passwd", "salt", 1);

  g_assert_cmpstr (hash, ==, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  g_assert_true (care_sandbox_crypto_equal ("abc", "abc"));
  g_assert_false (care_sandbox_crypto_equal ("abc", "abd"));
  g_assert_false (care_sandbox_crypto_equal ("abc", "abcd"));
}

static void
test_refresh_rotation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", all_shared, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) reused = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *form = NULL;
  guint status;

  first = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);

#define REFRESH(out, token) \
  G_STMT_START { \
    g_autoptr(Reply) r = NULL; \
    g_autoptr(JsonParser) p = json_parser_new (); \
    g_free (form); \
    form = g_strdup_printf ("grant_type=refresh_token&client_id=carebook&refresh_token=%s", token); \
    r = http (fixture, "POST", "/oauth2/token", form, NULL); \
    status = r->status; \
    g_assert_true (json_parser_load_from_data (p, r->body, -1, NULL)); \
    out = json_object_ref (json_node_get_object (json_parser_get_root (p))); \
  } G_STMT_END

  REFRESH (second, json_object_get_string_member (first, "refresh_token"));
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (second, "refresh_token"), !=,
                   json_object_get_string_member (first, "refresh_token"));

  /* The old one is dead, and using it again ends the whole family. */
  REFRESH (reused, json_object_get_string_member (first, "refresh_token"));
  g_assert_cmpuint (status, ==, 400);
  REFRESH (after, json_object_get_string_member (second, "refresh_token"));
  g_assert_cmpuint (status, ==, 400);
#undef REFRESH
}

static void
test_revoke (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", all_shared, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(Reply) revoked = NULL;
  g_autoptr(Reply) refreshed = NULL;
  g_autofree char *form = NULL;
  guint status;

  tokens = exchange (fixture, code, VERIFIER, &status);
  form = g_strdup_printf ("token=%s&client_id=carebook", json_object_get_string_member (tokens, "refresh_token"));
  revoked = http (fixture, "POST", "/oauth2/revoke", form, NULL);
  g_assert_cmpuint (revoked->status, ==, 200);

  g_free (form);
  form = g_strdup_printf ("grant_type=refresh_token&client_id=carebook&refresh_token=%s",
                          json_object_get_string_member (tokens, "refresh_token"));
  refreshed = http (fixture, "POST", "/oauth2/token", form, NULL);
  g_assert_cmpuint (refreshed->status, ==, 400);
}

static void
test_spanish (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, "es-MX,es;q=0.9");

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "Contraseña"));
  g_assert_nonnull (strstr (page->body, "lang=\"es\""));

  /* Switching language keeps the sign-in request. */
  g_assert_nonnull (strstr (page->body, "?lang=en&amp;response_type=code&amp;client_id=carebook"));
}

static void
test_demo_hint (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, "&login_hint=demo%3Amaria%3Ateen");
  g_autoptr(Reply) reply = http (fixture, "GET", path, NULL, NULL);
  g_autofree char *code = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  guint status;

  /* Demo mode: straight back to the app with a code. */
  g_assert_cmpuint (reply->status, ==, 302);
  code = param (reply->location, "code");
  g_assert_nonnull (code);
  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "teen");

  /* …and the portal still withholds the teen's conditions from her parent. */
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (tokens, "access_token"),
                                 "/Condition/teen-anxiety"), ==, 403);
}

static void
test_no_demo_hint (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, "&login_hint=demo%3Amaria");
  g_autoptr(Reply) reply = http (fixture, "GET", path, NULL, NULL);

  /* Outside demo mode the hint does not skip the password. */
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (strstr (reply->body, "type=\"password\""));
}

static JsonObject *
latest_mail (Fixture *fixture)
{
  g_autoptr(Reply) outbox = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *messages;

  g_assert_true (json_parser_load_from_data (parser, outbox->body, -1, NULL));
  messages = json_node_get_array (json_parser_get_root (parser));
  if (json_array_get_length (messages) == 0)
    return NULL;
  return json_object_ref (json_array_get_object_element (messages, 0));
}

static guint
password_status (Fixture    *fixture,
                 const char *username,
                 const char *password)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, NULL);
  g_autofree char *login = field (page->body, "login");
  g_autofree char *csrf = field (page->body, "csrf");
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=%s&username=%s&password=%s",
                                           login, csrf, username, password);
  g_autoptr(Reply) reply = http (fixture, "POST", "/login/password", form, NULL);

  return reply->status;
}

static void
test_forgot_username (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Reply) unknown = http (fixture, "POST", "/login/forgot-username",
                                   "email=nobody%40example.org", NULL);
  g_autoptr(Reply) known = NULL;
  g_autoptr(JsonObject) mail = latest_mail (fixture);

  /* Same answer, and nothing sent, for an unknown address. */
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_null (mail);

  known = http (fixture, "POST", "/login/forgot-username", "email=MARIA%40example.org", NULL);
  g_assert_cmpuint (known->status, ==, 200);
  g_assert_cmpstr (unknown->body, ==, known->body);
  mail = latest_mail (fixture);
  g_assert_cmpstr (json_object_get_string_member (mail, "kind"), ==, "username");
  g_assert_cmpstr (json_object_get_string_member (mail, "code"), ==, "maria");
}

static void
test_forgot_password (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Reply) asked = http (fixture, "POST", "/login/forgot-password",
                                 "username=maria&email=maria%40example.org", NULL);
  g_autoptr(JsonObject) mail = latest_mail (fixture);
  g_autoptr(Reply) reset = NULL;
  g_autoptr(Reply) again = NULL;
  g_autofree char *form = NULL;

  g_assert_cmpuint (asked->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (mail, "kind"), ==, "reset");

  form = g_strdup_printf ("username=maria&code=%s&password=a-new-password-1",
                          json_object_get_string_member (mail, "code"));
  reset = http (fixture, "POST", "/login/reset", form, NULL);
  g_assert_cmpuint (reset->status, ==, 200);

  /* The new password works, the old one not, and the code works once. */
  g_assert_cmpuint (password_status (fixture, "maria", "a-new-password-1"), ==, 200);
  g_assert_cmpuint (password_status (fixture, "maria", "carebook-demo"), ==, 401);
  again = http (fixture, "POST", "/login/reset", form, NULL);
  g_assert_cmpuint (again->status, ==, 400);
}

static void
test_signup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Reply) bad = http (fixture, "POST", "/login/signup",
                               "activation=WRONG&username=mateo&email=m%40example.org"
                               "&password=long-enough-pass", NULL);
  g_autoptr(Reply) good = NULL;
  g_autoptr(Reply) reused = NULL;

  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_true (care_sandbox_add_activation_code (fixture->sandbox, "ACT-2026", "child"));
  good = http (fixture, "POST", "/login/signup",
               "activation=ACT-2026&username=mateo&email=m%40example.org&password=long-enough-pass", NULL);
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpuint (password_status (fixture, "mateo", "long-enough-pass"), ==, 200);

  reused = http (fixture, "POST", "/login/signup",
                 "activation=ACT-2026&username=other&email=o%40example.org&password=long-enough-pass", NULL);
  g_assert_cmpuint (reused->status, ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, demo) \
  g_test_add (path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("/care/sandbox/auth/success", test_success, FALSE);
  ADD ("/care/sandbox/auth/unticked", test_unticked, FALSE);
  ADD ("/care/sandbox/auth/denied", test_denied, FALSE);
  ADD ("/care/sandbox/auth/pkce", test_pkce, FALSE);
  ADD ("/care/sandbox/auth/expired-code", test_expired_code, FALSE);
  ADD ("/care/sandbox/auth/bad-client-and-redirect", test_bad_client_and_redirect, FALSE);
  ADD ("/care/sandbox/auth/lockout", test_lockout, FALSE);
  ADD ("/care/sandbox/auth/two-step-code", test_two_step_code, FALSE);
  ADD ("/care/sandbox/auth/text-message", test_text_message, FALSE);
  ADD ("/care/sandbox/auth/totp", test_totp, FALSE);
  ADD ("/care/sandbox/auth/totp-sign-in", test_totp_sign_in, FALSE);
  ADD ("/care/sandbox/auth/password-hash", test_password_hash, FALSE);
  ADD ("/care/sandbox/auth/refresh-rotation", test_refresh_rotation, FALSE);
  ADD ("/care/sandbox/auth/revoke", test_revoke, FALSE);
  ADD ("/care/sandbox/auth/spanish", test_spanish, FALSE);
  ADD ("/care/sandbox/auth/demo-hint", test_demo_hint, TRUE);
  ADD ("/care/sandbox/auth/no-demo-hint", test_no_demo_hint, FALSE);
  ADD ("/care/sandbox/auth/forgot-username", test_forgot_username, FALSE);
  ADD ("/care/sandbox/auth/forgot-password", test_forgot_password, FALSE);
  ADD ("/care/sandbox/auth/signup", test_signup, FALSE);

#undef ADD

  return g_test_run ();
}
