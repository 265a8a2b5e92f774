/* test-sandbox-auth.c — SMART sign-in at the sandbox, driven like a browser
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libsoup client plays the browser: it opens /oauth2/authorize, posts
 * each page's form with the page's hidden login id and CSRF token, reads
 * 2-step codes from /sandbox/outbox, and catches the final redirect. The
 * portal's clock is moved on instead of waiting. The fixture builds its own
 * small family, so these tests depend on no seeder.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-crypto.h"

#define VERIFIER    "a-very-long-code-verifier-with-enough-entropy-0123456789"
#define REDIRECT    "http://127.0.0.1:7777/callback"
#define FULL_SCOPE  "launch/patient openid fhirUser offline_access patient/*.rs"
#define TOTP_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"   /* "12345678901234567890", RFC 6238 */

typedef struct
{
  CareSandbox *sandbox;
  SoupSession *session;
  char        *login;   /* the sign-in in flight: its hidden fields */
  char        *csrf;
} Fixture;

typedef struct
{
  guint  status;
  char  *body;
  char  *location;
  char  *cache_control;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_free (reply->cache_control);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
put (Fixture    *fixture,
     const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  stored = care_sandbox_store_put (care_sandbox_get_store (fixture->sandbox),
                                   json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
}

static void
set_today (Fixture *fixture,
           int      day,
           int      month,
           int      year)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, year);
  care_sandbox_store_set_today (care_sandbox_get_store (fixture->sandbox), &today);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  set_today (fixture, 24, 11, 2026);

  /* A family like the demo's: Maria 45, her children 8 and 15, her father 78. */
  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"adult\",\"birthDate\":\"1981-03-02\","
                "\"name\":[{\"given\":[\"Maria\"],\"family\":\"Reyes\"}]}");
  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"child\",\"birthDate\":\"2018-05-10\","
                "\"name\":[{\"given\":[\"Mateo\"],\"family\":\"Reyes\"}]}");
  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"teen\",\"birthDate\":\"2011-06-15\","
                "\"name\":[{\"given\":[\"Lucía\"],\"family\":\"Reyes\"}]}");
  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"elder\",\"birthDate\":\"1948-01-20\","
                "\"name\":[{\"given\":[\"Roberto\"],\"family\":\"Reyes\"}]}");
  put (fixture, "{\"resourceType\":\"Observation\",\"id\":\"bp\",\"status\":\"final\","
                "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"2026-10-01\","
                "\"category\":[{\"coding\":[{\"code\":\"vital-signs\"}]}],\"code\":{\"text\":\"BP\"}}");
  put (fixture, "{\"resourceType\":\"Condition\",\"id\":\"htn\",\"subject\":{\"reference\":\"Patient/adult\"},"
                "\"code\":{\"text\":\"Hypertension\"}}");
  put (fixture, "{\"resourceType\":\"Condition\",\"id\":\"teen-anxiety\","
                "\"subject\":{\"reference\":\"Patient/teen\"},\"code\":{\"text\":\"Anxiety\"}}");

  /* Few PBKDF2 rounds: the tests check the flow, not the slowness. maria
   * has e-mail and phone, roberto e-mail only. */
  care_sandbox_add_demo_logins (fixture->sandbox, 1000);
  g_assert_true (care_sandbox_add_user (fixture->sandbox, "totp", "secret-pass", "T. User", "elder",
                                        "t@example.org", TOTP_SECRET, 1000));
  care_sandbox_set_testing (fixture->sandbox, TRUE);
  care_sandbox_set_demo (fixture->sandbox, GPOINTER_TO_INT (data));
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->login, g_free);
  g_clear_pointer (&fixture->csrf, g_free);
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
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  /* Like a browser that hands the final redirect to the app: not followed. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (accept_language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language", accept_language);
  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);

  headers = soup_message_get_response_headers (msg);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  reply->location = g_strdup (soup_message_headers_get_one (headers, "Location"));
  reply->cache_control = g_strdup (soup_message_headers_get_one (headers, "Cache-Control"));
  return reply;
}

/* The value of a form field in a page (the first one with that name). */
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

/* "&share=a&share=b…": every data box the Allow Access page shows, ticked. */
static char *
all_boxes (const char *html)
{
  GString *form = g_string_new (NULL);
  const char *marker = "name=\"share\" value=\"";

  for (const char *at = strstr (html, marker); at != NULL; at = strstr (at, marker))
    {
      const char *end;

      at += strlen (marker);
      end = strchr (at, '"');
      g_string_append_printf (form, "&share=%.*s", (int)(end - at), at);
    }

  return g_string_free (form, FALSE);
}

/* A query parameter of a redirect. */
static char *
param (const char *location,
       const char *name)
{
  /* Still encoded, so an escaped & inside a value does not split it. */
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return g_strdup (g_hash_table_lookup (params, name));
}

static char *
authorize_path_full (Fixture    *fixture,
                     const char *scope,
                     const char *extra)
{
  g_autofree char *challenge = care_sandbox_crypto_s256_challenge (VERIFIER);
  g_autofree char *aud = g_uri_escape_string (care_sandbox_get_fhir_base (fixture->sandbox), NULL, FALSE);
  g_autofree char *escaped_scope = g_uri_escape_string (scope, NULL, FALSE);
  g_autofree char *redirect = g_uri_escape_string (REDIRECT, NULL, FALSE);

  return g_strdup_printf ("/oauth2/authorize?response_type=code&client_id=carebook&redirect_uri=%s"
                          "&state=xyz42&aud=%s&scope=%s&code_challenge=%s&code_challenge_method=S256%s",
                          redirect, aud, escaped_scope, challenge, extra != NULL ? extra : "");
}

static char *
authorize_path (Fixture    *fixture,
                const char *extra)
{
  return authorize_path_full (fixture, FULL_SCOPE, extra);
}

/* Opens the sign-in page and remembers its hidden fields. */
static Reply *
start_with (Fixture    *fixture,
            const char *path,
            const char *accept_language)
{
  Reply *page = http (fixture, "GET", path, NULL, accept_language);

  g_clear_pointer (&fixture->login, g_free);
  g_clear_pointer (&fixture->csrf, g_free);
  if (page->status == 200)
    {
      fixture->login = field (page->body, "login");
      fixture->csrf = field (page->body, "csrf");
      g_assert_nonnull (fixture->login);
      g_assert_nonnull (fixture->csrf);
    }
  return page;
}

static Reply *
start (Fixture *fixture)
{
  g_autofree char *path = authorize_path (fixture, NULL);

  return start_with (fixture, path, NULL);
}

/* Posts a form of the sign-in in flight. */
static Reply *
step (Fixture    *fixture,
      const char *path,
      const char *fields)
{
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=%s%s", fixture->login, fixture->csrf, fields);

  return http (fixture, "POST", path, form, NULL);
}

static JsonObject *
latest_message (Fixture *fixture)
{
  g_autoptr(Reply) outbox = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *messages;

  g_assert_cmpuint (outbox->status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, outbox->body, -1, NULL));
  messages = json_node_get_array (json_parser_get_root (parser));
  if (json_array_get_length (messages) == 0)
    return NULL;
  return json_object_ref (json_array_get_object_element (messages, 0));
}

static char *
latest_code (Fixture *fixture)
{
  g_autoptr(JsonObject) message = latest_message (fixture);

  g_assert_nonnull (message);
  return g_strdup (json_object_get_string_member (message, "code"));
}

static Reply *
verify (Fixture    *fixture,
        const char *code)
{
  g_autofree char *fields = g_strdup_printf ("&code=%s", code);

  return step (fixture, "/login/verify", fields);
}

/* Password, where to send the code (e-mail), the code: the page after. */
static Reply *
sign_in (Fixture    *fixture,
         const char *username,
         const char *password)
{
  g_autoptr(Reply) login_page = start (fixture);
  g_autoptr(Reply) next = NULL;
  g_autofree char *fields = g_strdup_printf ("&username=%s&password=%s", username, password);
  g_autofree char *code = NULL;

  g_assert_cmpuint (login_page->status, ==, 200);
  next = step (fixture, "/login/password", fields);
  g_assert_cmpuint (next->status, ==, 200);
  if (strstr (next->body, "name=\"channel\" value=\"email\" checked") != NULL)
    {
      g_clear_pointer (&next, reply_free);
      next = step (fixture, "/login/send", "&channel=email");
      g_assert_cmpuint (next->status, ==, 200);
    }
  g_assert_nonnull (strstr (next->body, "name=\"code\""));

  code = latest_code (fixture);
  return verify (fixture, code);
}

/* Allow Access with @share ticked (NULL: all the page shows) or Deny:
 * returns the redirect back to the app. */
static char *
decide (Fixture    *fixture,
        Reply      *consent,
        const char *share,
        const char *decision)
{
  g_autofree char *boxes = share != NULL ? g_strdup (share) : all_boxes (consent->body);
  g_autofree char *fields = g_strdup_printf ("&decision=%s%s", decision, boxes);
  g_autoptr(Reply) done = NULL;

  g_assert_cmpuint (consent->status, ==, 200);
  g_assert_nonnull (strstr (consent->body, "name=\"decision\" value=\"allow\""));
  done = step (fixture, "/login/consent", fields);
  g_assert_cmpuint (done->status, ==, 302);
  g_assert_nonnull (done->location);
  g_assert_true (g_str_has_prefix (done->location, REDIRECT "?"));

  return g_strdup (done->location);
}

/* The whole flow for maria, who may open several records: the picker comes
 * after 2-step, then Allow Access. */
static char *
authorize_code (Fixture    *fixture,
                const char *patient,
                const char *share,
                const char *decision)
{
  g_autoptr(Reply) picker = sign_in (fixture, "maria", "carebook-demo");
  g_autoptr(Reply) consent = NULL;
  g_autofree char *fields = NULL;

  g_assert_cmpuint (picker->status, ==, 200);
  g_assert_nonnull (strstr (picker->body, "name=\"patient\""));
  g_assert_nonnull (strstr (picker->body, "Lucía Reyes"));

  fields = g_strdup_printf ("&patient=%s", patient);
  consent = step (fixture, "/login/patient", fields);
  return decide (fixture, consent, share, decision);
}

static JsonObject *
token_request (Fixture    *fixture,
               const char *form,
               guint      *out_status)
{
  g_autoptr(Reply) reply = http (fixture, "POST", "/oauth2/token", form, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  *out_status = reply->status;
  /* Tokens and token errors alike are never cached. */
  g_assert_cmpstr (reply->cache_control, ==, "no-store");
  g_assert_true (json_parser_load_from_data (parser, reply->body, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
exchange (Fixture    *fixture,
          const char *code,
          const char *verifier,
          guint      *out_status)
{
  g_autofree char *redirect = g_uri_escape_string (REDIRECT, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("grant_type=authorization_code&client_id=carebook"
                                           "&code=%s&code_verifier=%s&redirect_uri=%s",
                                           code, verifier, redirect);

  return token_request (fixture, form, out_status);
}

static JsonObject *
refresh (Fixture    *fixture,
         const char *token,
         const char *scope,
         guint      *out_status)
{
  g_autofree char *escaped = scope != NULL ? g_uri_escape_string (scope, NULL, FALSE) : NULL;
  g_autofree char *form = g_strdup_printf ("grant_type=refresh_token&client_id=carebook&refresh_token=%s%s%s",
                                           token, escaped != NULL ? "&scope=" : "",
                                           escaped != NULL ? escaped : "");

  return token_request (fixture, form, out_status);
}

/* Signs maria in to @patient with everything shared; returns the tokens. */
static JsonObject *
tokens_for (Fixture    *fixture,
            const char *patient)
{
  g_autofree char *location = authorize_code (fixture, patient, NULL, "allow");
  g_autofree char *code = param (location, "code");
  JsonObject *tokens;
  guint status;

  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  return tokens;
}

static void
assert_error (JsonObject *response,
              guint       status,
              guint       expected_status,
              const char *expected_error)
{
  g_assert_cmpuint (status, ==, expected_status);
  g_assert_cmpstr (json_object_get_string_member (response, "error"), ==, expected_error);
  g_assert_false (json_object_has_member (response, "access_token"));
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
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->session, result, NULL);

  return soup_message_get_status (msg);
}

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
  g_assert_true (g_str_has_suffix (json_object_get_string_member (tokens, "fhirUser"), "/fhir/Patient/adult"));
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
  g_assert_cmpstr (json_object_get_string_member (tokens, "scope"), ==, "patient/Observation.rs offline_access");
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
  g_autofree char *fhir_base = g_uri_escape_string (care_sandbox_get_fhir_base (fixture->sandbox), NULL, FALSE);
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

    g_string_replace (rewritten, "http%3A%2F%2F127.0.0.1%3A7777%2Fcallback", "org.carebook.carebook%3A%2Fauth", 1);
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

/* Password, lockout, 2-step -------------------------------------------------- */

static void
test_lockout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) locked = NULL;
  g_autoptr(Reply) open = NULL;

  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *fields = g_strdup_printf ("&username=maria&password=wrong%u", i);
      g_autoptr(Reply) wrong = step (fixture, "/login/password", fields);

      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_nonnull (strstr (wrong->body, "not right"));
      /* The fourth warns that the next one locks. */
      g_assert_true ((strstr (wrong->body, "One more wrong password") != NULL) == (i == 4));
    }

  /* The fifth locks, and the page says so for 15 minutes. */
  locked = step (fixture, "/login/password", "&username=maria&password=wrong5");
  g_assert_cmpuint (locked->status, ==, 403);
  g_assert_nonnull (strstr (locked->body, "locked for 15 minutes"));

  /* Even the right password is refused meanwhile, with the same message,
   * also from a new sign-in. */
  g_clear_pointer (&locked, reply_free);
  g_clear_pointer (&page, reply_free);
  page = start (fixture);
  locked = step (fixture, "/login/password", "&username=maria&password=carebook-demo");
  g_assert_cmpuint (locked->status, ==, 403);
  g_assert_nonnull (strstr (locked->body, "locked for 15 minutes"));

  /* Other accounts are not affected. */
  {
    g_autoptr(Reply) other = step (fixture, "/login/password", "&username=roberto&password=carebook-demo");

    g_assert_cmpuint (other->status, ==, 200);
  }

  /* After 15 minutes the account opens again. */
  care_sandbox_advance_clock (fixture->sandbox, 900);
  g_clear_pointer (&page, reply_free);
  page = start (fixture);
  open = step (fixture, "/login/password", "&username=maria&password=carebook-demo");
  g_assert_cmpuint (open->status, ==, 200);
}

static void
test_unknown_user (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) unknown = step (fixture, "/login/password", "&username=nobody&password=whatever");
  g_autoptr(Reply) wrong = step (fixture, "/login/password", "&username=maria&password=whatever");

  /* Same answer whether or not the username exists. */
  g_assert_cmpuint (unknown->status, ==, 401);
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_nonnull (strstr (unknown->body, "The username or password is not right."));
}

static void
test_forged_form (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=forged&username=maria&password=carebook-demo",
                                           fixture->login);
  g_autoptr(Reply) forged = http (fixture, "POST", "/login/password", form, NULL);
  g_autoptr(Reply) skipped = NULL;

  /* A wrong CSRF token is an expired sign-in… */
  g_assert_cmpuint (forged->status, ==, 400);
  g_assert_nonnull (strstr (forged->body, "Start again"));

  /* …and a step cannot be skipped: no consent before the password. */
  skipped = step (fixture, "/login/consent", "&decision=allow");
  g_assert_cmpuint (skipped->status, ==, 400);
  g_assert_null (skipped->location);
}

static void
test_two_step_code (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) channel = step (fixture, "/login/password", "&username=maria&password=carebook-demo");
  g_autoptr(Reply) code_page = NULL;
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) late = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *code = NULL;

  /* maria chooses where among her masked addresses. */
  g_assert_nonnull (strstr (channel->body, "m•••@example.org"));
  g_assert_nonnull (strstr (channel->body, "••• 4471"));
  g_assert_null (strstr (channel->body, "maria@example.org"));
  g_assert_null (latest_message (fixture));

  code_page = step (fixture, "/login/send", "&channel=email");
  g_assert_nonnull (strstr (code_page->body, "by e-mail to m•••@example.org"));
  message = latest_message (fixture);
  g_assert_cmpstr (json_object_get_string_member (message, "to"), ==, "maria@example.org");
  g_assert_cmpstr (json_object_get_string_member (message, "channel"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (message, "username"), ==, "maria");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (message, "sent_at"), "Z"));
  code = g_strdup (json_object_get_string_member (message, "code"));
  g_assert_cmpuint (strlen (code), ==, 6);

  wrong = verify (fixture, g_str_equal (code, "000000") ? "111111" : "000000");
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_nonnull (strstr (wrong->body, "wrong or has expired"));

  /* Ten minutes later the code no longer works. */
  care_sandbox_advance_clock (fixture->sandbox, 600);
  late = verify (fixture, code);
  g_assert_cmpuint (late->status, ==, 401);
  g_assert_nonnull (strstr (late->body, "wrong or has expired"));
}

static void
test_two_step_once (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Reply) consent = sign_in (fixture, "roberto", "carebook-demo");
  g_autofree char *code = latest_code (fixture);
  g_autofree char *new_code = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) sent = NULL;

  g_assert_cmpuint (consent->status, ==, 200);
  g_assert_nonnull (strstr (consent->body, "name=\"share\""));

  /* The same sign-in cannot verify twice… */
  again = verify (fixture, code);
  g_assert_cmpuint (again->status, ==, 400);

  /* …and a new sign-in gets a new code: the old one is worthless there. */
  page = start (fixture);
  sent = step (fixture, "/login/password", "&username=roberto&password=carebook-demo");
  new_code = latest_code (fixture);
  if (!g_str_equal (code, new_code))
    {
      g_autoptr(Reply) reused = verify (fixture, code);

      g_assert_cmpuint (reused->status, ==, 401);
      g_assert_nonnull (strstr (reused->body, "wrong or has expired"));
    }
}

static void
test_two_step_attempts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) sent = step (fixture, "/login/password", "&username=roberto&password=carebook-demo");
  g_autofree char *code = latest_code (fixture);
  g_autofree char *bad = g_strdup (g_str_equal (code, "123456") ? "654321" : "123456");
  g_autoptr(Reply) last = NULL;
  g_autoptr(Reply) right = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(Reply) wrong = verify (fixture, bad);

      g_assert_cmpuint (wrong->status, ==, 401);
    }

  /* The fifth wrong code ends the sign-in; even the right one is too late. */
  last = verify (fixture, bad);
  g_assert_cmpuint (last->status, ==, 403);
  g_assert_nonnull (strstr (last->body, "Too many wrong codes"));
  right = verify (fixture, code);
  g_assert_cmpuint (right->status, ==, 400);
}

static void
test_text_message (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) channel = step (fixture, "/login/password", "&username=maria&password=carebook-demo");
  g_autoptr(Reply) texted = step (fixture, "/login/send", "&channel=sms");
  g_autoptr(JsonObject) sms = latest_message (fixture);
  g_autoptr(Reply) mailed = NULL;
  g_autoptr(JsonObject) mail = NULL;
  g_autoptr(Reply) old = NULL;
  g_autoptr(Reply) verified = NULL;

  g_assert_nonnull (strstr (texted->body, "by text message to ••• 4471"));
  g_assert_cmpstr (json_object_get_string_member (sms, "channel"), ==, "sms");
  g_assert_cmpstr (json_object_get_string_member (sms, "to"), ==, "+1 (555) 010-4471");

  /* Changing her mind: by e-mail after all; only the newest code works. */
  g_assert_nonnull (strstr (texted->body, "Send it by e-mail instead"));
  mailed = step (fixture, "/login/send", "&channel=email");
  mail = latest_message (fixture);
  g_assert_cmpstr (json_object_get_string_member (mail, "channel"), ==, "email");
  if (!g_str_equal (json_object_get_string_member (sms, "code"), json_object_get_string_member (mail, "code")))
    {
      old = verify (fixture, json_object_get_string_member (sms, "code"));
      g_assert_cmpuint (old->status, ==, 401);
    }
  verified = verify (fixture, json_object_get_string_member (mail, "code"));
  g_assert_cmpuint (verified->status, ==, 200);
  g_assert_nonnull (strstr (verified->body, "name=\"patient\""));
}

static void
test_totp_vectors (Fixture       *fixture,
                   gconstpointer  data)
{
  /* RFC 6238 appendix B, SHA1 rows, the last six digits. */
  static const struct { gint64 time; int code; } vectors[] = {
    { 59, 287082 }, { 1111111109, 81804 }, { 1111111111, 50471 },
    { 1234567890, 5924 }, { 2000000000, 279037 }, { G_GINT64_CONSTANT (20000000000), 353130 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    g_assert_cmpint (care_sandbox_crypto_totp (TOTP_SECRET, vectors[i].time), ==, vectors[i].code);
  g_assert_cmpint (care_sandbox_crypto_totp ("not base32!", 59), ==, -1);
}

static void
test_totp_sign_in (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) code_page = step (fixture, "/login/password", "&username=totp&password=secret-pass");
  g_autofree char *stale = g_strdup_printf ("%06d", care_sandbox_crypto_totp (TOTP_SECRET, now - 90));
  /* The next step's code: still within ±1 step if a step boundary passes
   * during the test. */
  g_autofree char *next = g_strdup_printf ("%06d", care_sandbox_crypto_totp (TOTP_SECRET, now + 30));
  g_autoptr(Reply) refused = NULL;
  g_autoptr(Reply) verified = NULL;

  /* An authenticator user gets no message, and is asked for the app's code. */
  g_assert_nonnull (strstr (code_page->body, "authenticator"));
  g_assert_null (latest_message (fixture));

  /* Three steps old is refused; one step off is accepted (±1 step). */
  if (!g_str_equal (stale, next))
    {
      refused = verify (fixture, stale);
      g_assert_cmpuint (refused->status, ==, 401);
    }
  verified = verify (fixture, next);
  g_assert_cmpuint (verified->status, ==, 200);
  /* One record of their own: straight to Allow Access. */
  g_assert_nonnull (strstr (verified->body, "name=\"share\""));
}

static void
test_password_hash (Fixture       *fixture,
                    gconstpointer  data)
{
  /* RFC 7914 §11: PBKDF2-HMAC-SHA256, the first 32 bytes. */
  g_autofree char *one = care_sandbox_crypto_hash_password ("passwd", "salt", 1);
  g_autofree char *many = care_sandbox_crypto_hash_password ("Password", "NaCl", 80000);
  sqlite3 *db = care_sandbox_store_get_db (care_sandbox_get_store (fixture->sandbox));
  sqlite3_stmt *stmt = NULL;
  GHashTable *salts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint rows = 0;

  g_assert_cmpstr (one, ==, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  g_assert_cmpstr (many, ==, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
  g_assert_true (care_sandbox_crypto_equal ("abc", "abc"));
  g_assert_false (care_sandbox_crypto_equal ("abc", "abd"));
  g_assert_false (care_sandbox_crypto_equal ("abc", "abcd"));

  /* maria and roberto share a password, yet no salt or hash is shared and
   * the password appears nowhere. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT salt, hash FROM users", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *salt = (const char *)sqlite3_column_text (stmt, 0);
      const char *hash = (const char *)sqlite3_column_text (stmt, 1);

      g_assert_cmpuint (strlen (salt), ==, 32);
      g_assert_null (strstr (hash, "carebook-demo"));
      g_assert_true (g_hash_table_add (salts, g_strdup (salt)));
      g_assert_true (g_hash_table_add (salts, g_strdup (hash)));
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 3);
  g_hash_table_unref (salts);
}

/* Language ---------------------------------------------------------------- */

static void
test_spanish (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, NULL);
  g_autofree char *spanish_path = authorize_path (fixture, "&lang=es");
  g_autoptr(Reply) page = start_with (fixture, path, "es-MX,es;q=0.9,en;q=0.5");
  g_autoptr(Reply) english = NULL;
  g_autoptr(Reply) linked = NULL;
  g_autoptr(Reply) channel = NULL;
  g_autoptr(Reply) switched = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "Contraseña"));
  g_assert_nonnull (strstr (page->body, "lang=\"es\""));
  /* Switching language keeps the sign-in request. */
  g_assert_nonnull (strstr (page->body, "?lang=en&amp;response_type=code&amp;client_id=carebook"));

  /* The following steps stay in Spanish, and switch on request. */
  channel = step (fixture, "/login/password", "&lang=es&username=maria&password=carebook-demo");
  g_assert_nonnull (strstr (channel->body, "Mensaje de texto"));
  g_assert_nonnull (strstr (channel->body, "action=\"/login/show\""));
  switched = step (fixture, "/login/show", "&lang=en");
  g_assert_nonnull (strstr (switched->body, "Text message"));
  g_assert_nonnull (strstr (switched->body, "name=\"channel\""));

  /* English preferred over Spanish: English. */
  english = start_with (fixture, path, "en-US,en;q=0.9,es;q=0.8");
  g_assert_nonnull (strstr (english->body, "Password"));
  g_assert_null (strstr (english->body, "Contraseña"));

  /* The link wins over the header. */
  linked = start_with (fixture, spanish_path, "en-US");
  g_assert_nonnull (strstr (linked->body, "Contraseña"));
}

static void
test_login_hint (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = authorize_path (fixture, "&login_hint=%3Cmaria%3E");
  g_autofree char *demo_path = authorize_path (fixture, "&login_hint=demo%3Amaria");
  g_autoptr(Reply) page = start_with (fixture, path, NULL);
  g_autoptr(Reply) demo = NULL;

  /* A hint fills in the username, escaped. */
  g_assert_nonnull (strstr (page->body, "name=\"username\" value=\"&lt;maria&gt;\""));

  /* Outside demo mode a demo hint skips nothing and fills in nothing. */
  demo = start_with (fixture, demo_path, NULL);
  g_assert_cmpuint (demo->status, ==, 200);
  g_assert_nonnull (strstr (demo->body, "type=\"password\""));
  g_assert_nonnull (strstr (demo->body, "name=\"username\" value=\"\""));
}

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

/* Recovery and sign-up ------------------------------------------------------ */

/* GETs a recovery page and returns its signed form token. */
static char *
form_token (Fixture    *fixture,
            const char *path)
{
  g_autoptr(Reply) page = http (fixture, "GET", path, NULL, NULL);

  g_assert_cmpuint (page->status, ==, 200);
  return field (page->body, "token");
}

static Reply *
post_form (Fixture    *fixture,
           const char *path,
           const char *token,
           const char *fields)
{
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("token=%s&%s", escaped, fields);

  return http (fixture, "POST", path, form, NULL);
}

static guint
password_status (Fixture    *fixture,
                 const char *username,
                 const char *password)
{
  g_autoptr(Reply) page = start (fixture);
  g_autofree char *fields = g_strdup_printf ("&username=%s&password=%s", username, password);
  g_autoptr(Reply) reply = step (fixture, "/login/password", fields);

  return reply->status;
}

static void
test_forgot_username (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *token = form_token (fixture, "/login/forgot-username");
  g_autoptr(Reply) unknown = post_form (fixture, "/login/forgot-username", token, "email=nobody%40example.org");
  g_autoptr(Reply) known = NULL;
  g_autoptr(Reply) no_token = NULL;
  g_autoptr(JsonObject) mail = latest_message (fixture);

  /* Same answer, and nothing sent, for an unknown address. */
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_null (mail);

  known = post_form (fixture, "/login/forgot-username", token, "email=MARIA%40example.org");
  g_assert_cmpuint (known->status, ==, 200);
  g_assert_cmpstr (unknown->body, ==, known->body);
  mail = latest_message (fixture);
  g_assert_cmpstr (json_object_get_string_member (mail, "kind"), ==, "username");
  g_assert_cmpstr (json_object_get_string_member (mail, "code"), ==, "maria");
  g_assert_cmpstr (json_object_get_string_member (mail, "to"), ==, "maria@example.org");

  /* Without the page's token the form is refused. */
  no_token = http (fixture, "POST", "/login/forgot-username", "email=maria%40example.org", NULL);
  g_assert_cmpuint (no_token->status, ==, 400);
}

static void
test_forgot_password (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *token = form_token (fixture, "/login/forgot-password");
  g_autoptr(Reply) asked = post_form (fixture, "/login/forgot-password", token,
                                      "username=maria&email=maria%40example.org");
  g_autoptr(JsonObject) mail = latest_message (fixture);
  g_autofree char *reset_token = field (asked->body, "token");
  g_autoptr(Reply) short_password = NULL;
  g_autoptr(Reply) reset = NULL;
  g_autoptr(Reply) again = NULL;
  g_autofree char *fields = NULL;

  g_assert_cmpuint (asked->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (mail, "kind"), ==, "reset");

  fields = g_strdup_printf ("username=maria&code=%s&password=short", json_object_get_string_member (mail, "code"));
  short_password = post_form (fixture, "/login/reset", reset_token, fields);
  g_assert_cmpuint (short_password->status, ==, 400);
  g_assert_nonnull (strstr (short_password->body, "10 characters"));

  g_free (fields);
  fields = g_strdup_printf ("username=maria&code=%s&password=a-new-password-1",
                            json_object_get_string_member (mail, "code"));
  reset = post_form (fixture, "/login/reset", reset_token, fields);
  g_assert_cmpuint (reset->status, ==, 200);

  /* The new password works, the old one not, and the code works once. */
  g_assert_cmpuint (password_status (fixture, "maria", "a-new-password-1"), ==, 200);
  g_assert_cmpuint (password_status (fixture, "maria", "carebook-demo"), ==, 401);
  again = post_form (fixture, "/login/reset", reset_token, fields);
  g_assert_cmpuint (again->status, ==, 400);
}

static void
test_reset_attempts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *token = form_token (fixture, "/login/forgot-password");
  g_autoptr(Reply) asked = post_form (fixture, "/login/forgot-password", token,
                                      "username=%3Cb%3Emaria&email=maria%40example.org");
  g_autoptr(Reply) asked_maria = post_form (fixture, "/login/forgot-password", token,
                                            "username=maria&email=maria%40example.org");
  g_autoptr(JsonObject) mail = latest_message (fixture);
  g_autofree char *reset_token = field (asked_maria->body, "token");
  const char *code = json_object_get_string_member (mail, "code");
  g_autofree char *right = g_strdup_printf ("username=maria&code=%s&password=a-new-password-1", code);
  g_autofree char *wrong = g_strdup_printf ("username=maria&code=%s&password=a-new-password-1",
                                            g_str_equal (code, "000000") ? "111111" : "000000");
  g_autoptr(Reply) late = NULL;

  /* What the form echoes is escaped. */
  g_assert_null (strstr (asked->body, "<b>maria"));
  g_assert_nonnull (strstr (asked->body, "&lt;b&gt;maria"));

  /* Five wrong codes kill the reset code: guessing does not pay. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Reply) reply = post_form (fixture, "/login/reset", reset_token, wrong);

      g_assert_cmpuint (reply->status, ==, 400);
    }
  late = post_form (fixture, "/login/reset", reset_token, right);
  g_assert_cmpuint (late->status, ==, 400);
  g_assert_cmpuint (password_status (fixture, "maria", "carebook-demo"), ==, 200);
}

static void
test_signup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *token = form_token (fixture, "/login/signup");
  g_autoptr(Reply) bad = post_form (fixture, "/login/signup", token,
                                    "activation=WRONG&username=mateo&email=m%40example.org"
                                    "&password=long-enough-pass");
  g_autoptr(Reply) taken = NULL;
  g_autoptr(Reply) good = NULL;
  g_autoptr(Reply) reused = NULL;
  g_autoptr(Reply) consent = NULL;

  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_nonnull (strstr (bad->body, "not valid"));
  g_assert_true (care_sandbox_add_activation_code (fixture->sandbox, "ACT-2026", "child"));

  taken = post_form (fixture, "/login/signup", token,
                     "activation=ACT-2026&username=maria&email=m%40example.org&password=long-enough-pass");
  g_assert_cmpuint (taken->status, ==, 400);

  good = post_form (fixture, "/login/signup", token,
                    "activation=ACT-2026&username=mateo&email=m%40example.org&password=long-enough-pass");
  g_assert_cmpuint (good->status, ==, 200);

  /* The code works once. */
  reused = post_form (fixture, "/login/signup", token,
                      "activation=ACT-2026&username=other&email=o%40example.org&password=long-enough-pass");
  g_assert_cmpuint (reused->status, ==, 400);

  /* The new login signs in to that patient's record. */
  consent = sign_in (fixture, "mateo", "long-enough-pass");
  g_assert_cmpuint (consent->status, ==, 200);
  g_assert_nonnull (strstr (consent->body, "Mateo Reyes"));
  g_assert_nonnull (strstr (consent->body, "name=\"share\""));
}

static void
test_outbox_closed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Reply) open = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_autoptr(Reply) closed = NULL;

  g_assert_cmpuint (open->status, ==, 200);
  /* Outside test and demo mode nobody reads other people's codes. */
  care_sandbox_set_testing (fixture->sandbox, FALSE);
  closed = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_assert_cmpuint (closed->status, ==, 404);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, demo) \
  g_test_add ("/care/sandbox/auth/" path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("success/picker", test_success_picker, FALSE);
  ADD ("success/single-record", test_success_single, FALSE);
  ADD ("consent/unticked", test_unticked, FALSE);
  ADD ("consent/requested-types", test_requested_types, FALSE);
  ADD ("consent/denied", test_denied, FALSE);
  ADD ("authorize/state", test_state_passthrough, TRUE);
  ADD ("authorize/errors", test_authorize_errors, FALSE);
  ADD ("authorize/bad-client-and-redirect", test_bad_client_and_redirect, FALSE);
  ADD ("authorize/login-hint", test_login_hint, FALSE);
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
  ADD ("token/revoke", test_revoke, FALSE);
  ADD ("password/lockout", test_lockout, FALSE);
  ADD ("password/unknown-user", test_unknown_user, FALSE);
  ADD ("password/forged-form", test_forged_form, FALSE);
  ADD ("password/hash", test_password_hash, FALSE);
  ADD ("two-step/code", test_two_step_code, FALSE);
  ADD ("two-step/once", test_two_step_once, FALSE);
  ADD ("two-step/attempts", test_two_step_attempts, FALSE);
  ADD ("two-step/text-message", test_text_message, FALSE);
  ADD ("two-step/totp-vectors", test_totp_vectors, FALSE);
  ADD ("two-step/totp-sign-in", test_totp_sign_in, FALSE);
  ADD ("pages/spanish", test_spanish, FALSE);
  ADD ("recovery/forgot-username", test_forgot_username, FALSE);
  ADD ("recovery/forgot-password", test_forgot_password, FALSE);
  ADD ("recovery/reset-attempts", test_reset_attempts, FALSE);
  ADD ("recovery/signup", test_signup, FALSE);
  ADD ("outbox/closed", test_outbox_closed, FALSE);

#undef ADD

  return g_test_run ();
}
