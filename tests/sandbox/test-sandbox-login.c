/* test-sandbox-login.c — the sandbox's sign-in pages, driven like a browser
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person meets on the portal's pages (sandbox-browser.h): password
 * and lockout, forged forms, 2-step codes by e-mail or text and their
 * expiry, single use and attempts, TOTP with the RFC 6238 vectors, the
 * password hash with the RFC 7914 vectors, English and Spanish, recovery
 * of a username or password, sign-up with an activation code, the outbox.
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "sandbox-browser.h"

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
  if (!g_str_equal (json_object_get_string_member (sms, "code"),
                    json_object_get_string_member (mail, "code")))
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

  /* A code seen over someone's shoulder does not work a second time. */
  g_clear_pointer (&page, reply_free);
  page = start (fixture);
  g_clear_pointer (&code_page, reply_free);
  code_page = step (fixture, "/login/password", "&username=totp&password=secret-pass");
  g_clear_pointer (&refused, reply_free);
  refused = verify (fixture, next);
  g_assert_cmpuint (refused->status, ==, 401);
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
  g_autoptr(Reply) unknown = post_form (fixture, "/login/forgot-username", token,
                                        "email=nobody%40example.org");
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

  fields = g_strdup_printf ("username=maria&code=%s&password=short",
                            json_object_get_string_member (mail, "code"));
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

#define ADD(path, func) \
  g_test_add ("/care/sandbox/login/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("password/lockout", test_lockout);
  ADD ("password/unknown-user", test_unknown_user);
  ADD ("password/forged-form", test_forged_form);
  ADD ("password/hash", test_password_hash);
  ADD ("two-step/code", test_two_step_code);
  ADD ("two-step/once", test_two_step_once);
  ADD ("two-step/attempts", test_two_step_attempts);
  ADD ("two-step/text-message", test_text_message);
  ADD ("two-step/totp-vectors", test_totp_vectors);
  ADD ("two-step/totp-sign-in", test_totp_sign_in);
  ADD ("pages/spanish", test_spanish);
  ADD ("pages/login-hint", test_login_hint);
  ADD ("recovery/forgot-username", test_forgot_username);
  ADD ("recovery/forgot-password", test_forgot_password);
  ADD ("recovery/reset-attempts", test_reset_attempts);
  ADD ("recovery/signup", test_signup);
  ADD ("outbox/closed", test_outbox_closed);

#undef ADD

  return g_test_run ();
}
