/* sandbox-browser.h — a scripted browser for the sandbox's sign-in tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libsoup client plays the browser: it opens /oauth2/authorize, posts
 * each page's form with the page's hidden login id and CSRF token, reads
 * 2-step codes from /sandbox/outbox, and catches the final redirect. The
 * portal's clock is moved on instead of waiting. The fixture builds its own
 * small family, so the tests depend on no seeder. Shared by
 * test-sandbox-auth.c (OAuth2) and test-sandbox-login.c (the pages).
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "care-sandbox.h"
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

static inline void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_free (reply->cache_control);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static inline void
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

static inline void
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

static inline void
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
  put (fixture, "{\"resourceType\":\"Condition\",\"id\":\"htn\","
                "\"subject\":{\"reference\":\"Patient/adult\"},\"code\":{\"text\":\"Hypertension\"}}");
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

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->login, g_free);
  g_clear_pointer (&fixture->csrf, g_free);
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->sandbox);
}

static inline void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static inline Reply *
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
static inline char *
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
static inline char *
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
static inline char *
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

static inline char *
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

static inline char *
authorize_path (Fixture    *fixture,
                const char *extra)
{
  return authorize_path_full (fixture, FULL_SCOPE, extra);
}

/* Opens the sign-in page and remembers its hidden fields. */
static inline Reply *
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

static inline Reply *
start (Fixture *fixture)
{
  g_autofree char *path = authorize_path (fixture, NULL);

  return start_with (fixture, path, NULL);
}

/* Posts a form of the sign-in in flight. */
static inline Reply *
step (Fixture    *fixture,
      const char *path,
      const char *fields)
{
  g_autofree char *form = g_strdup_printf ("login=%s&csrf=%s%s", fixture->login, fixture->csrf, fields);

  return http (fixture, "POST", path, form, NULL);
}

static inline JsonObject *
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

static inline char *
latest_code (Fixture *fixture)
{
  g_autoptr(JsonObject) message = latest_message (fixture);

  g_assert_nonnull (message);
  return g_strdup (json_object_get_string_member (message, "code"));
}

static inline Reply *
verify (Fixture    *fixture,
        const char *code)
{
  g_autofree char *fields = g_strdup_printf ("&code=%s", code);

  return step (fixture, "/login/verify", fields);
}

/* Password, where to send the code (e-mail), the code: the page after. */
static inline Reply *
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
static inline char *
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
static inline char *
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

static inline JsonObject *
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

static inline JsonObject *
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

static inline JsonObject *
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
static inline JsonObject *
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

static inline void
assert_error (JsonObject *response,
              guint       status,
              guint       expected_status,
              const char *expected_error)
{
  g_assert_cmpuint (status, ==, expected_status);
  g_assert_cmpstr (json_object_get_string_member (response, "error"), ==, expected_error);
  g_assert_false (json_object_has_member (response, "access_token"));
}

static inline guint
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
