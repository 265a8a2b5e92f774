/* test-sandbox-brute.c — the sandbox's sign-in against guessing and leaks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in findings of the security review (issue 11): a budget of
 * wrong codes per account across sign-ins and new codes, rationed codes,
 * sessions that end on a password reset, access tokens that end with
 * their family, the same lockout for usernames that do not exist, a cap
 * per address, password hashing off the server's thread, the consent page
 * naming writes, and a --data folder that keeps no secret readable.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "sandbox-browser.h"
#include "care-sandbox-login.h"

/* Recovery forms ---------------------------------------------------------- */

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
count_messages (Fixture    *fixture,
                const char *kind)
{
  g_autoptr(Reply) outbox = http (fixture, "GET", "/sandbox/outbox", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *messages;
  guint n = 0;

  g_assert_true (json_parser_load_from_data (parser, outbox->body, -1, NULL));
  messages = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (messages); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (messages, i), "kind"),
                     kind))
      n++;

  return n;
}

static char *
totp_now (Fixture *fixture)
{
  return g_strdup_printf ("%06d", care_sandbox_crypto_totp (TOTP_SECRET, g_get_real_time () / G_USEC_PER_SEC));
}

static char *
wrong_for (const char *right)
{
  return g_strdup (g_str_equal (right, "000000") ? "111111" : "000000");
}

/* Codes -------------------------------------------------------------------- */

static void
test_two_step_budget (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *right = NULL;
  g_autoptr(Reply) refused = NULL;

  /* Two sign-ins of five wrong codes each: each sign-in ends after five,
   * but the account's budget holds across them. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(Reply) page = start (fixture);
      g_autoptr(Reply) code_page = step (fixture, "/login/password", "&username=totp&password=secret-pass");

      g_assert_cmpuint (code_page->status, ==, 200);
      for (guint i = 0; i < CARE_SANDBOX_CODE_ATTEMPTS; i++)
        {
          g_autofree char *now = totp_now (fixture);
          g_autofree char *bad = wrong_for (now);
          g_autoptr(Reply) reply = verify (fixture, bad);

          g_assert_cmpuint (reply->status, ==, i + 1 < CARE_SANDBOX_CODE_ATTEMPTS ? 401 : 403);
        }
    }

  /* A third sign-in: the right code no longer works this hour. */
  {
    g_autoptr(Reply) page = start (fixture);
    g_autoptr(Reply) code_page = step (fixture, "/login/password", "&username=totp&password=secret-pass");

    g_assert_cmpuint (code_page->status, ==, 200);
    right = totp_now (fixture);
    refused = verify (fixture, right);
    g_assert_cmpuint (refused->status, ==, 403);
    g_assert_null (strstr (refused->body, "name=\"share\""));
  }

  /* An hour on, it does. */
  care_sandbox_advance_clock (fixture->sandbox, CARE_SANDBOX_CODE_WINDOW);
  {
    g_autoptr(Reply) page = start (fixture);
    g_autoptr(Reply) code_page = step (fixture, "/login/password", "&username=totp&password=secret-pass");
    g_autoptr(Reply) accepted = NULL;
    g_autofree char *later = g_strdup_printf ("%06d", care_sandbox_crypto_totp (TOTP_SECRET,
                                                                                  g_get_real_time () / G_USEC_PER_SEC +
                                                                                  CARE_SANDBOX_CODE_WINDOW));

    g_assert_cmpuint (code_page->status, ==, 200);
    accepted = verify (fixture, later);
    g_assert_cmpuint (accepted->status, ==, 200);
  }
}

static void
test_code_ration (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Reply) page = start (fixture);
  g_autoptr(Reply) channels = step (fixture, "/login/password", "&username=maria&password=carebook-demo");
  g_autoptr(Reply) last = NULL;
  g_autoptr(Reply) verified = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpuint (channels->status, ==, 200);
  for (guint i = 0; i < CARE_SANDBOX_CODES_SENT; i++)
    {
      g_autoptr(Reply) sent = step (fixture, "/login/send", i % 2 == 0 ? "&channel=email" : "&channel=sms");

      g_assert_cmpuint (sent->status, ==, 200);
    }
  code = latest_code (fixture);

  /* One more is not sent; the last one sent still works. */
  last = step (fixture, "/login/send", "&channel=email");
  g_assert_cmpuint (last->status, ==, 429);
  g_assert_cmpuint (count_messages (fixture, "code"), ==, CARE_SANDBOX_CODES_SENT);
  verified = verify (fixture, code);
  g_assert_cmpuint (verified->status, ==, 200);
}

static void
test_reset_ration (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = form_token (fixture, "/login/forgot-password");

  /* Asking again and again sends a few codes, then none, with the same
   * page either way; a code's lifetime later, one more. */
  for (guint i = 0; i < CARE_SANDBOX_CODES_SENT + 2; i++)
    {
      g_autoptr(Reply) asked = post_form (fixture, "/login/forgot-password", token,
                                          "username=roberto&email=roberto%40example.org");

      g_assert_cmpuint (asked->status, ==, 200);
    }
  g_assert_cmpuint (count_messages (fixture, "reset"), ==, CARE_SANDBOX_CODES_SENT);

  care_sandbox_advance_clock (fixture->sandbox, 600);
  {
    g_autofree char *fresh = form_token (fixture, "/login/forgot-password");
    g_autoptr(Reply) asked = post_form (fixture, "/login/forgot-password", fresh,
                                        "username=roberto&email=roberto%40example.org");

    g_assert_cmpuint (asked->status, ==, 200);
    g_assert_cmpuint (count_messages (fixture, "reset"), ==, CARE_SANDBOX_CODES_SENT + 1);
  }
}

static void
test_reset_budget (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = form_token (fixture, "/login/forgot-password");
  g_autofree char *reset_token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *right = NULL;
  g_autoptr(Reply) late = NULL;
  guint wrong_so_far = 0;

  /* Each new code is a fresh five tries, but the account's ten hold. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(Reply) asked = post_form (fixture, "/login/forgot-password", token,
                                          "username=roberto&email=roberto%40example.org");
      g_autofree char *wrong = NULL;
      g_autofree char *fields = NULL;
      guint tries = round < 2 ? 4 : 2;

      g_assert_cmpuint (asked->status, ==, 200);
      g_free (reset_token);
      reset_token = field (asked->body, "token");
      g_free (code);
      code = latest_code (fixture);
      wrong = wrong_for (code);
      fields = g_strdup_printf ("username=roberto&code=%s&password=a-new-password-1", wrong);
      for (guint i = 0; i < tries; i++)
        {
          g_autoptr(Reply) reply = post_form (fixture, "/login/reset", reset_token, fields);

          g_assert_cmpuint (reply->status, ==, 400);
          wrong_so_far++;
        }
    }
  g_assert_cmpuint (wrong_so_far, ==, CARE_SANDBOX_CODE_BUDGET);

  /* The live code is right, but the budget is spent. */
  right = g_strdup_printf ("username=roberto&code=%s&password=a-new-password-1", code);
  late = post_form (fixture, "/login/reset", reset_token, right);
  g_assert_cmpuint (late->status, ==, 400);
  g_assert_cmpuint (count_messages (fixture, "reset"), ==, 3);

  /* And no new code is sent, though the page says the same. */
  {
    g_autoptr(Reply) asked = post_form (fixture, "/login/forgot-password", token,
                                        "username=roberto&email=roberto%40example.org");

    g_assert_cmpuint (asked->status, ==, 200);
    g_assert_cmpuint (count_messages (fixture, "reset"), ==, 3);
  }
}

static void
test_reset_ends_sessions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *refresh_token = NULL;
  g_autofree char *access = care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "roberto", NULL,
                                                                       FULL_SCOPE, &refresh_token);
  g_autofree char *token = form_token (fixture, "/login/forgot-password");
  g_autoptr(Reply) asked = NULL;
  g_autoptr(Reply) reset = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autofree char *reset_token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *fields = NULL;
  guint status;

  g_assert_nonnull (access);
  g_assert_nonnull (refresh_token);
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/elder"), ==, 200);

  asked = post_form (fixture, "/login/forgot-password", token, "username=roberto&email=roberto%40example.org");
  reset_token = field (asked->body, "token");
  code = latest_code (fixture);
  fields = g_strdup_printf ("username=roberto&code=%s&password=a-new-password-1", code);
  reset = post_form (fixture, "/login/reset", reset_token, fields);
  g_assert_cmpuint (reset->status, ==, 200);

  /* Whoever held the old password's sessions holds nothing now. */
  g_assert_cmpuint (fhir_status (fixture, access, "/Patient/elder"), ==, 401);
  refused = refresh (fixture, refresh_token, NULL, &status);
  assert_error (refused, status, 400, "invalid_grant");
}

/* Token families ------------------------------------------------------------ */

static void
test_replay_ends_access (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *location = authorize_code (fixture, "adult", NULL, "allow");
  g_autofree char *code = param (location, "code");
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(JsonObject) replayed = NULL;
  guint status;

  tokens = exchange (fixture, code, VERIFIER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (tokens, "access_token"),
                                 "/Patient/adult"), ==, 200);

  /* The code again: it may have been stolen, so what it gave ends. */
  replayed = exchange (fixture, code, VERIFIER, &status);
  assert_error (replayed, status, 400, "invalid_grant");
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (tokens, "access_token"),
                                 "/Patient/adult"), ==, 401);
}

static void
test_refresh_reuse_ends_access (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) first = tokens_for (fixture, "adult");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) reused = NULL;
  guint status;

  second = refresh (fixture, json_object_get_string_member (first, "refresh_token"), NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (second, "access_token"),
                                 "/Patient/adult"), ==, 200);

  /* The rotated-out refresh token again: the whole family ends. */
  reused = refresh (fixture, json_object_get_string_member (first, "refresh_token"), NULL, &status);
  assert_error (reused, status, 400, "invalid_grant");
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (first, "access_token"),
                                 "/Patient/adult"), ==, 401);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (second, "access_token"),
                                 "/Patient/adult"), ==, 401);
}

static void
test_revoke_ends_access (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) by_refresh = tokens_for (fixture, "adult");
  g_autoptr(JsonObject) by_access = tokens_for (fixture, "adult");
  g_autofree char *form = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(Reply) revoked = NULL;
  g_autoptr(Reply) revoked_access = NULL;
  g_autoptr(JsonObject) after = NULL;
  guint status;

  form = g_strdup_printf ("token=%s&client_id=carebook", json_object_get_string_member (by_refresh,
                                                                                        "refresh_token"));
  revoked = http (fixture, "POST", "/oauth2/revoke", form, NULL);
  g_assert_cmpuint (revoked->status, ==, 200);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (by_refresh, "access_token"),
                                 "/Patient/adult"), ==, 401);

  /* Revoking the access token ends its refresh token too. */
  g_free (form);
  g_free (escaped);
  escaped = g_uri_escape_string (json_object_get_string_member (by_access, "access_token"), NULL, FALSE);
  form = g_strdup_printf ("token=%s&client_id=carebook", escaped);
  revoked_access = http (fixture, "POST", "/oauth2/revoke", form, NULL);
  g_assert_cmpuint (revoked_access->status, ==, 200);
  g_assert_cmpuint (fhir_status (fixture, json_object_get_string_member (by_access, "access_token"),
                                 "/Patient/adult"), ==, 401);
  after = refresh (fixture, json_object_get_string_member (by_access, "refresh_token"), NULL, &status);
  assert_error (after, status, 400, "invalid_grant");
}

/* Passwords ------------------------------------------------------------------ */

static char *
password_body (Fixture    *fixture,
               const char *username,
               guint      *out_status)
{
  g_autoptr(Reply) page = start (fixture);
  g_autofree char *fields = g_strdup_printf ("&username=%s&password=wrong-password", username);
  g_autoptr(Reply) reply = step (fixture, "/login/password", fields);
  g_autofree char *quoted = g_strdup_printf ("value=\"%s\"", username);
  g_auto(GStrv) parts = g_strsplit (reply->body, quoted, -1);

  *out_status = reply->status;
  /* The page echoes the username; the rest must be the same. */
  return g_strjoinv ("value=\"?\"", parts);
}

static void
test_unknown_user_lockout (Fixture       *fixture,
                           gconstpointer  data)
{
  /* Each attempt's page for a real login and for a name nobody has. */
  for (guint i = 0; i < CARE_SANDBOX_LOCK_AFTER + 1; i++)
    {
      guint known_status, unknown_status;
      g_autofree char *known = password_body (fixture, "maria", &known_status);
      g_autofree char *unknown = password_body (fixture, "nobody", &unknown_status);
      g_autoptr(GRegex) hidden = g_regex_new ("name=\"(login|csrf)\" value=\"[^\"]*\"", 0, 0, NULL);
      g_autofree char *known_page = g_regex_replace_literal (hidden, known, -1, 0, "", 0, NULL);
      g_autofree char *unknown_page = g_regex_replace_literal (hidden, unknown, -1, 0, "", 0, NULL);

      g_assert_cmpuint (known_status, ==, unknown_status);
      g_assert_cmpstr (known_page, ==, unknown_page);
      if (i == CARE_SANDBOX_LOCK_AFTER - 2)
        g_assert_nonnull (strstr (unknown, "One more wrong password"));
      if (i >= CARE_SANDBOX_LOCK_AFTER - 1)
        g_assert_nonnull (strstr (unknown, "locked"));
    }
}

/* Username enumeration by timing: a name nobody has was answered at once
 * while a real one cost a password hash. Both cost one now (the time
 * itself belongs in bench/; the count does not). */
static void
test_unknown_user_hashed (Fixture       *fixture,
                          gconstpointer  data)
{
  guint before = care_sandbox_login_count_hashed ();
  guint status;
  g_autofree char *known = password_body (fixture, "maria", &status);
  guint after_known = care_sandbox_login_count_hashed ();
  g_autofree char *unknown = password_body (fixture, "nobody-here", &status);

  g_assert_cmpuint (after_known, ==, before + 1);
  g_assert_cmpuint (care_sandbox_login_count_hashed (), ==, after_known + 1);
}

static void
test_address_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  guint status = 0;

  /* Password attempts from one address (maria is locked after five, but
   * each attempt still counts). */
  for (guint i = 0; i < CARE_SANDBOX_ADDRESS_ATTEMPTS; i++)
    {
      g_autofree char *body = password_body (fixture, "maria", &status);

      g_assert_cmpuint (status, !=, 429);
    }
  {
    g_autofree char *body = password_body (fixture, "maria", &status);

    g_assert_cmpuint (status, ==, 429);
  }

  /* A minute on, one may try again (and learns maria is still locked). */
  care_sandbox_advance_clock (fixture->sandbox, 61);
  {
    g_autofree char *body = password_body (fixture, "maria", &status);

    g_assert_cmpuint (status, ==, 403);
  }
}

static void
password_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  *(gboolean *)user_data = TRUE;
}

static void
test_hashing_off_thread (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) metadata = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  gboolean password_done = FALSE;

  /* A strong hash: millions of HMACs take a second or more, not the
   * milliseconds metadata does. */
  g_assert_true (care_sandbox_add_user (fixture->sandbox, "slow", "slow-passphrase", "Slow", "adult",
                                        "s@example.org", NULL, 2000000));
  page = start (fixture);
  url = g_strconcat (care_sandbox_get_base_url (fixture->sandbox), "/login/password", NULL);
  form = g_strdup_printf ("login=%s&csrf=%s&username=slow&password=wrong-passphrase", fixture->login,
                          fixture->csrf);
  msg = soup_message_new ("POST", url);
  body = g_bytes_new (form, strlen (form));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, password_sent_cb,
                                    &password_done);
  while (care_sandbox_login_count_hashing () == 0 && !password_done)
    g_main_context_iteration (NULL, TRUE);

  /* While the password is hashed, the server answers others. */
  metadata = http (fixture, "GET", "/fhir/metadata", NULL, NULL);
  g_assert_cmpuint (metadata->status, ==, 200);
  g_assert_false (password_done);

  while (!password_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_cmpuint (care_sandbox_login_count_hashing (), ==, 0);
}

static void
test_consent_names_writes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = authorize_path_full (fixture, "launch/patient patient/Observation.rs "
                                                        "patient/Communication.cruds", NULL);
  g_autoptr(Reply) page = start_with (fixture, path, NULL);
  g_autoptr(Reply) consent = NULL;
  const char *writes;
  g_autofree char *code = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  consent = step (fixture, "/login/password", "&username=roberto&password=carebook-demo");
  code = latest_code (fixture);
  g_clear_pointer (&consent, reply_free);
  consent = verify (fixture, code);
  g_assert_cmpuint (consent->status, ==, 200);

  /* Both are read; only messages are also written, and the page says so
   * apart from what is read. */
  g_assert_nonnull (strstr (consent->body, "Test results and vital signs"));
  writes = strstr (consent->body, "class=\"writes\"");
  g_assert_nonnull (writes);
  g_assert_nonnull (strstr (consent->body, "add and change"));
  g_assert_nonnull (strstr (writes, "<li>Messages</li>"));
  g_assert_null (strstr (writes, "Test results"));
}

/* The --data folder ---------------------------------------------------------- */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return g_strstr_len (contents, length, needle) != NULL;
}

static void
test_data_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-sandbox-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "sandbox.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "sandbox.db-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, "sandbox.db-shm", NULL);
  g_autofree char *refresh_token = NULL;
  g_autofree char *access = NULL;
  CareSandbox *sandbox;
  struct stat st;

  g_assert_no_error (error);
  /* A folder someone made readable to all, as `mkdir` does. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  sandbox = care_sandbox_new (dir, &error);
  g_assert_no_error (error);
  care_sandbox_add_user (sandbox, "maria", "carebook-demo", "Maria", "adult", "m@example.org", NULL, 1000);
  access = care_sandbox_auth_issue_tokens_for_tests (sandbox, "maria", NULL, FULL_SCOPE, &refresh_token);
  g_assert_nonnull (refresh_token);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The refresh token is nowhere on disk, in the database or its log. */
  g_assert_false (file_contains (db, refresh_token));
  g_assert_false (file_contains (wal, refresh_token));
  g_assert_finalize_object (sandbox);

  g_remove (shm);
  g_remove (wal);
  g_remove (db);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/sandbox/brute/data-folder", test_data_folder);
#define ADD(path, func) \
  g_test_add ("/care/sandbox/brute/" path, Fixture, GINT_TO_POINTER (FALSE), fixture_setup, func, \
              fixture_teardown)
  ADD ("two-step-budget", test_two_step_budget);
  ADD ("code-ration", test_code_ration);
  ADD ("reset-ration", test_reset_ration);
  ADD ("reset-budget", test_reset_budget);
  ADD ("reset-ends-sessions", test_reset_ends_sessions);
  ADD ("replay-ends-access", test_replay_ends_access);
  ADD ("refresh-reuse-ends-access", test_refresh_reuse_ends_access);
  ADD ("revoke-ends-access", test_revoke_ends_access);
  ADD ("unknown-user-lockout", test_unknown_user_lockout);
  ADD ("unknown-user-hashed", test_unknown_user_hashed);
  ADD ("address-limit", test_address_limit);
  ADD ("hashing-off-thread", test_hashing_off_thread);
  ADD ("consent-names-writes", test_consent_names_writes);
#undef ADD

  return g_test_run ();
}
