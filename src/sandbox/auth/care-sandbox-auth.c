/* care-sandbox-auth.c — SMART App Launch for public native clients
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authorization code flow with PKCE (S256 only) as a patient portal
 * runs it: /oauth2/authorize checks the client and the redirect, then the
 * portal's own pages (care-sandbox-login.c) ask for the username and
 * password, a 2-step code, which person's record to open and which data to
 * share; /oauth2/token trades the code (10 minutes, once) for an access
 * token and a rotating refresh token; /oauth2/revoke ends one. Accounts,
 * codes, refresh tokens and the outbox are tables in the store's database.
 * With --demo, login_hint=demo:<user>[:<patient>] skips the pages.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-sandbox-auth.h"
#include "care-fhir.h"
#include "care-sandbox-access.h"
#include "care-sandbox-clients.h"
#include "care-sandbox-crypto.h"
#include "care-sandbox-login.h"
#include "care-sandbox-seed.h"

#include <string.h>

#define PRIVATE_SCHEME     "org.carebook.carebook:/"
#define OUTBOX_LIFETIME    (24 * 3600)

static const char tables[] =
  "CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, salt TEXT NOT NULL,"
  "  hash TEXT NOT NULL, iterations INTEGER NOT NULL, display_name TEXT, patient_id TEXT,"
  "  email TEXT, phone TEXT, totp TEXT, failures INTEGER NOT NULL DEFAULT 0,"
  "  locked_until INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS proxies (username TEXT NOT NULL, patient_id TEXT NOT NULL,"
  "  kind INTEGER NOT NULL, PRIMARY KEY (username, patient_id));"
  "CREATE TABLE IF NOT EXISTS logins (id TEXT PRIMARY KEY, csrf TEXT NOT NULL,"
  "  redirect_uri TEXT NOT NULL, state TEXT, challenge TEXT NOT NULL, scope TEXT NOT NULL,"
  "  username TEXT, step TEXT NOT NULL, patient_id TEXT, created_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, username TEXT NOT NULL,"
  "  patient_id TEXT NOT NULL, scope TEXT NOT NULL, redirect_uri TEXT NOT NULL,"
  "  challenge TEXT NOT NULL, created_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS refresh_tokens (token TEXT PRIMARY KEY, family TEXT NOT NULL,"
  "  username TEXT NOT NULL, patient_id TEXT NOT NULL, scope TEXT NOT NULL,"
  "  last_used INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, username TEXT NOT NULL,"
  "  login TEXT NOT NULL, address TEXT NOT NULL, code TEXT NOT NULL, sent_at INTEGER NOT NULL,"
  "  used INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL DEFAULT 'code',"
  "  channel TEXT NOT NULL DEFAULT 'email');"
  "CREATE TABLE IF NOT EXISTS activation_codes (code TEXT PRIMARY KEY, patient_id TEXT NOT NULL,"
  "  used INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS auth_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS code_budget (username TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
  "  window_start INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS unknown_logins (username TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
  "  locked_until INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS sign_in_attempts (address TEXT NOT NULL, at INTEGER NOT NULL);";

/* Columns added after the first release of the tables; a database kept in
 * a --data folder gets them on its next start (the error for a column that
 * is already there is expected and ignored). */
static const char *added_columns[] = {
  "ALTER TABLE logins ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
  "ALTER TABLE logins ADD COLUMN channel TEXT",
  "ALTER TABLE logins ADD COLUMN hint TEXT",
  "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
  "ALTER TABLE users ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0",
};

void
care_sandbox_user_free (CareSandboxUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->salt);
  g_free (user->hash);
  g_free (user->display_name);
  g_free (user->patient_id);
  g_free (user->email);
  g_free (user->phone);
  g_free (user->totp);
  g_free (user);
}

gboolean
care_sandbox_user_has_totp (const CareSandboxUser *user)
{
  return user->totp != NULL && user->totp[0] != '\0';
}

sqlite3 *
care_sandbox_auth_get_db (CareSandbox *self)
{
  return care_sandbox_store_get_db (care_sandbox_get_store (self));
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return g_strdup (text != NULL ? (const char *)text : "");
}

static char *
dup_int64 (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/**
 * care_sandbox_sql_run: (skip)
 * @self: a #CareSandbox
 * @sql: one statement
 * @...: its text parameters, then %NULL
 *
 * Returns: the status of the statement's first step (%SQLITE_DONE for a
 *   write that worked)
 */
int
care_sandbox_sql_run (CareSandbox *self,
                      const char  *sql,
                      ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  const char *value;
  int i = 1;
  int rc;

  if (sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return SQLITE_ERROR;

  va_start (args, sql);
  while ((value = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, i++, value, -1, SQLITE_TRANSIENT);
  va_end (args);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc;
}

void
care_sandbox_auth_init_tables (CareSandbox *self)
{
  g_autofree char *key = care_sandbox_crypto_random_token ();

  sqlite3_exec (care_sandbox_auth_get_db (self), tables, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (added_columns); i++)
    sqlite3_exec (care_sandbox_auth_get_db (self), added_columns[i], NULL, NULL, NULL);
  care_sandbox_clients_init_tables (self);

  /* Codes and refresh tokens are kept as SHA-256 hashes (64 hex digits);
   * a database from before kept them as issued, and those sign-ins end.
   * Deleted secrets are overwritten, not left in free pages. */
  sqlite3_exec (care_sandbox_auth_get_db (self),
                "PRAGMA secure_delete = ON;"
                "DELETE FROM refresh_tokens WHERE length(token) != 64;"
                "DELETE FROM codes WHERE length(code) != 64;", NULL, NULL, NULL);

  /* The key that signs the recovery pages' form tokens; kept with the data
   * so forms served before a restart still work after it. */
  care_sandbox_sql_run (self, "INSERT OR IGNORE INTO auth_keys (name, value) VALUES ('forms', ?)",
                        key, NULL);
}

/**
 * care_sandbox_auth_lookup_user: (skip)
 * @self: a #CareSandbox
 * @username: a login name
 *
 * Returns: (transfer full) (nullable): the account, or %NULL
 */
CareSandboxUser *
care_sandbox_auth_lookup_user (CareSandbox *self,
                               const char  *username)
{
  sqlite3_stmt *stmt = NULL;
  CareSandboxUser *user = NULL;

  if (username == NULL)
    return NULL;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT username, salt, hash, iterations, display_name, patient_id, email, totp, "
                      "failures, locked_until, phone FROM users WHERE username = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user = g_new0 (CareSandboxUser, 1);
      user->username = column_dup (stmt, 0);
      user->salt = column_dup (stmt, 1);
      user->hash = column_dup (stmt, 2);
      user->iterations = sqlite3_column_int (stmt, 3);
      user->display_name = column_dup (stmt, 4);
      user->patient_id = column_dup (stmt, 5);
      user->email = column_dup (stmt, 6);
      user->totp = column_dup (stmt, 7);
      user->failures = sqlite3_column_int (stmt, 8);
      user->locked_until = sqlite3_column_int64 (stmt, 9);
      user->phone = column_dup (stmt, 10);
    }
  sqlite3_finalize (stmt);

  return user;
}

/**
 * care_sandbox_add_user:
 * @self: a #CareSandbox
 * @username: the login name
 * @password: the password (stored only as a salted PBKDF2 hash)
 * @display_name: the name shown on the portal's pages
 * @patient_id: (nullable): the user's own record
 * @email: where 2-step codes are "sent"
 * @totp_secret: (nullable): base32 secret of an authenticator app
 * @iterations: PBKDF2 rounds (0 for the default 100,000; tests use fewer)
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_add_user (CareSandbox *self,
                       const char  *username,
                       const char  *password,
                       const char  *display_name,
                       const char  *patient_id,
                       const char  *email,
                       const char  *totp_secret,
                       guint        iterations)
{
  g_autofree char *salt = care_sandbox_crypto_new_salt ();
  g_autofree char *hash = NULL;
  g_autofree char *rounds = NULL;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (username != NULL && password != NULL, FALSE);

  if (iterations == 0)
    iterations = CARE_SANDBOX_DEFAULT_ITERATIONS;
  hash = care_sandbox_crypto_hash_password (password, salt, iterations);
  rounds = g_strdup_printf ("%u", iterations);

  return care_sandbox_sql_run (self, "INSERT OR REPLACE INTO users (username, salt, hash, iterations, "
                                     "display_name, patient_id, email, totp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               username, salt, hash, rounds, display_name != NULL ? display_name : username,
                               patient_id != NULL ? patient_id : "", email != NULL ? email : "",
                               totp_secret != NULL ? totp_secret : "", NULL) == SQLITE_DONE;
}

/**
 * care_sandbox_auth_set_password: (skip)
 * @self: a #CareSandbox
 * @username: an existing login
 * @password: its new password
 *
 * Stores a new salt and hash with the account's own PBKDF2 strength, and
 * ends any lock.
 *
 * Returns: %TRUE if the account exists
 */
gboolean
care_sandbox_auth_set_password (CareSandbox *self,
                                const char  *username,
                                const char  *password)
{
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, username);
  g_autofree char *salt = care_sandbox_crypto_new_salt ();
  g_autofree char *hash = NULL;

  if (user == NULL)
    return FALSE;

  hash = care_sandbox_crypto_hash_password (password, salt, MAX (user->iterations, 1));
  return care_sandbox_sql_run (self, "UPDATE users SET salt = ?, hash = ?, failures = 0, locked_until = 0 "
                                     "WHERE username = ?", salt, hash, username, NULL) == SQLITE_DONE;
}

/**
 * care_sandbox_add_proxy:
 * @self: a #CareSandbox
 * @username: a login
 * @patient_id: a record the login may open as a proxy
 * @kind: a #CareSandboxProxyKind
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_add_proxy (CareSandbox *self,
                        const char  *username,
                        const char  *patient_id,
                        int          kind)
{
  g_autofree char *kind_text = g_strdup_printf ("%d", kind);

  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (kind == CARE_SANDBOX_PROXY_PARENT || kind == CARE_SANDBOX_PROXY_GRANTED, FALSE);

  return care_sandbox_sql_run (self, "INSERT OR REPLACE INTO proxies (username, patient_id, kind) "
                                     "VALUES (?, ?, ?)",
                               username, patient_id, kind_text, NULL) == SQLITE_DONE;
}

/**
 * care_sandbox_auth_list_patients: (skip)
 * @self: a #CareSandbox
 * @user: a login
 * @kinds: (element-type int): receives each record's #CareSandboxProxyKind
 *
 * The records @user may open today, their own first. A proxy record is
 * listed only while the age rules (care-sandbox-access.c) leave some
 * access, so the picker and the token endpoint agree with the FHIR side.
 *
 * Returns: (transfer full) (element-type utf8): patient ids
 */
GPtrArray *
care_sandbox_auth_list_patients (CareSandbox     *self,
                                 CareSandboxUser *user,
                                 GArray          *kinds)
{
  GPtrArray *patients = g_ptr_array_new_with_free_func (g_free);
  CareSandboxStore *store = care_sandbox_get_store (self);
  sqlite3_stmt *stmt = NULL;
  GDate today;

  care_sandbox_store_get_today (store, &today);

  if (user->patient_id != NULL && user->patient_id[0] != '\0')
    {
      int kind = CARE_SANDBOX_PROXY_NONE;

      g_ptr_array_add (patients, g_strdup (user->patient_id));
      g_array_append_val (kinds, kind);
    }

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT patient_id, kind FROM proxies "
                                                       "WHERE username = ? ORDER BY patient_id",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, user->username, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) patient = NULL;
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      int kind = sqlite3_column_int (stmt, 1);
      const char *birth_date;

      patient = care_sandbox_store_get (store, "Patient", id);
      if (patient == NULL)
        continue;
      birth_date = care_fhir_get_string (patient, "birthDate");
      if (care_sandbox_access_for (kind, birth_date, &today) == CARE_SANDBOX_ACCESS_NONE)
        continue;

      g_ptr_array_add (patients, g_strdup (id));
      g_array_append_val (kinds, kind);
    }
  sqlite3_finalize (stmt);

  return patients;
}

/**
 * care_sandbox_auth_proxy_kind_for: (skip)
 * @self: a #CareSandbox
 * @user: a login
 * @patient_id: a record
 *
 * Returns: how @user opens @patient_id today (a #CareSandboxProxyKind),
 *   or -1 if they may not
 */
int
care_sandbox_auth_proxy_kind_for (CareSandbox     *self,
                                  CareSandboxUser *user,
                                  const char      *patient_id)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) patients = NULL;

  if (user == NULL || patient_id == NULL)
    return -1;

  patients = care_sandbox_auth_list_patients (self, user, kinds);
  for (guint i = 0; i < patients->len; i++)
    if (g_str_equal (g_ptr_array_index (patients, i), patient_id))
      return g_array_index (kinds, int, i);

  return -1;
}

/* Redirects ------------------------------------------------------------- */

/**
 * care_sandbox_auth_build_redirect: (skip)
 * @redirect_uri: the client's redirect URI
 * @state: (nullable): the client's state, passed back unchanged
 * @name: "code" or "error"
 * @value: its value
 *
 * Returns: (transfer full): the Location to send the browser to
 */
char *
care_sandbox_auth_build_redirect (const char *redirect_uri,
                                  const char *state,
                                  const char *name,
                                  const char *value)
{
  g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);
  GString *uri = g_string_new (redirect_uri);

  g_string_append_c (uri, strchr (redirect_uri, '?') != NULL ? '&' : '?');
  g_string_append_printf (uri, "%s=%s", name, escaped_value);
  if (state != NULL && state[0] != '\0')
    {
      g_autofree char *escaped_state = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (uri, "&state=%s", escaped_state);
    }

  return g_string_free (uri, FALSE);
}

/* Loopback (RFC 8252 §7.3, any port) or Carebook's private-use scheme
 * (§7.1); never a fragment (RFC 6749 §3.1.2). */
static gboolean
redirect_allowed (CareSandbox *self,
                  const char  *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL || strchr (uri, '#') != NULL || strchr (uri, '\x1f') != NULL)
    return FALSE;
  if (g_str_has_prefix (uri, PRIVATE_SCHEME))
    return TRUE;
  if (care_sandbox_get_refuse_loopback (self))
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  return parsed != NULL && g_strcmp0 (g_uri_get_scheme (parsed), "http") == 0 &&
         g_strcmp0 (g_uri_get_host (parsed), "127.0.0.1") == 0 && g_uri_get_port (parsed) > 0 &&
         g_uri_get_userinfo (parsed) == NULL;
}

/* Authorization endpoint -------------------------------------------------- */

static gboolean
challenge_valid (const char *challenge)
{
  /* BASE64URL of a SHA-256 digest: 43 characters, no padding. */
  if (challenge == NULL || strlen (challenge) != 43)
    return FALSE;
  for (const char *p = challenge; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
aud_matches (const char *aud,
             const char *fhir_base)
{
  gsize len = strlen (fhir_base);

  return aud != NULL && strncmp (aud, fhir_base, len) == 0 &&
         (aud[len] == '\0' || g_str_equal (aud + len, "/"));
}

static void
handle_authorize (CareSandbox       *self,
                  SoupServerMessage *msg,
                  GHashTable        *params)
{
  const char *client_id = g_hash_table_lookup (params, "client_id");
  const char *redirect_uri = g_hash_table_lookup (params, "redirect_uri");
  const char *response_type = g_hash_table_lookup (params, "response_type");
  const char *state = g_hash_table_lookup (params, "state");
  const char *challenge = g_hash_table_lookup (params, "code_challenge");
  const char *method = g_hash_table_lookup (params, "code_challenge_method");
  const char *aud = g_hash_table_lookup (params, "aud");
  const char *hint = g_hash_table_lookup (params, "login_hint");
  gboolean es = care_sandbox_wants_spanish (msg, params);
  g_autofree char *scope = NULL;
  g_autofree char *location = NULL;
  const char *error = NULL;
  GHashTableIter iter;
  gpointer value;

  /* A bad client or redirect is never redirected to (RFC 6749 §4.1.2.1):
   * the browser shows why and stays here. */
  if (g_strcmp0 (client_id, CARE_SANDBOX_CLIENT_ID) != 0 || !redirect_allowed (self, redirect_uri))
    {
      care_sandbox_login_send_page (msg, SOUP_STATUS_BAD_REQUEST, es,
                                    TR (es, "This app cannot sign in here",
                                        "Esta aplicación no puede iniciar sesión aquí"),
                                    TR (es, "<p class=\"error\">The sign-in request names an unknown app "
                                            "or return address, so it was stopped here.</p>",
                                        "<p class=\"error\">La solicitud nombra una aplicación o una "
                                        "dirección de regreso desconocida, así que se detuvo aquí.</p>"),
                                    NULL);
      return;
    }

  /* Parameters must not be repeated (RFC 6749 §3.1); the form decoder
   * joins repeats with \x1f. */
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (strchr (value, '\x1f') != NULL)
      error = "invalid_request";

  scope = care_sandbox_auth_dup_supported_scope (g_hash_table_lookup (params, "scope"));

  if (error != NULL)
    ;
  else if (g_strcmp0 (response_type, "code") != 0)
    error = "unsupported_response_type";
  else if (!challenge_valid (challenge) || g_strcmp0 (method, "S256") != 0)
    error = "invalid_request";
  else if (!aud_matches (aud, care_sandbox_get_fhir_base (self)))
    error = "invalid_request";
  else if (!care_sandbox_auth_scope_has_data (scope))
    error = "invalid_scope";

  if (error != NULL)
    {
      location = care_sandbox_auth_build_redirect (redirect_uri, state, "error", error);
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      return;
    }

  /* The demo signs its family in without pages, with the full scope. */
  if (care_sandbox_get_demo (self) && hint != NULL && g_str_has_prefix (hint, "demo:"))
    {
      g_auto(GStrv) parts = g_strsplit (hint + strlen ("demo:"), ":", 2);
      g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, parts[0]);
      const char *patient = parts[1] != NULL ? parts[1] : (user != NULL ? user->patient_id : NULL);

      if (care_sandbox_auth_proxy_kind_for (self, user, patient) >= 0)
        {
          g_autofree char *code = care_sandbox_auth_issue_code (self, user->username, patient, scope,
                                                                redirect_uri, challenge);

          location = care_sandbox_auth_build_redirect (redirect_uri, state, "code", code);
          soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
          return;
        }
    }

  care_sandbox_login_start (self, msg, params, scope);
}

/* Outbox ------------------------------------------------------------------ */

/**
 * care_sandbox_auth_send_mail: (skip)
 * @self: a #CareSandbox
 * @username: whose message it is
 * @login: (nullable): the sign-in it belongs to
 * @channel: "email" or "sms"
 * @address: where it goes
 * @code: what it carries: a 2-step or reset code, or a username
 * @kind: "code", "reset" or "username"
 *
 * "Sends" a message: the sandbox writes it to the outbox, which tests and
 * the demo read at /sandbox/outbox.
 */
void
care_sandbox_auth_send_mail (CareSandbox *self,
                             const char  *username,
                             const char  *login,
                             const char  *channel,
                             const char  *address,
                             const char  *code,
                             const char  *kind)
{
  g_autofree char *now = dup_int64 (care_sandbox_now (self));
  g_autofree char *old = dup_int64 (care_sandbox_now (self) - OUTBOX_LIFETIME);

  /* A long-running demo keeps a day of messages, not all of them. */
  care_sandbox_sql_run (self, "DELETE FROM outbox WHERE sent_at < ?", old, NULL);
  care_sandbox_sql_run (self, "INSERT INTO outbox (username, login, address, code, sent_at, kind, channel) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        username, login != NULL ? login : "", address != NULL ? address : "", code, now,
                        kind, channel, NULL);

  /* A development server: whoever started it reads the code here. */
  if (care_sandbox_get_print_messages (self))
    /* Translators: printed by carebook-sandbox; %1$s is "code", "reset" or
     * "username", %2$s an account's username, %3$s "email" or "sms", %4$s
     * the code itself */
    g_printerr (_("carebook-sandbox: %1$s for %2$s by %3$s: %4$s\n"), kind, username, channel, code);
}

static void
handle_outbox (CareSandbox       *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) wrapper = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  JsonArray *messages = json_array_new ();
  sqlite3_stmt *stmt = NULL;
  g_autofree char *json = NULL;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT username, address, code, sent_at, kind, "
                                                       "channel FROM outbox ORDER BY id DESC",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *message = json_object_new ();
      g_autoptr(GDateTime) sent = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 3));
      g_autofree char *sent_at = g_date_time_format (sent, "%Y-%m-%dT%H:%M:%SZ");

      json_object_set_string_member (message, "username", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (message, "channel", (const char *)sqlite3_column_text (stmt, 5));
      json_object_set_string_member (message, "to", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_string_member (message, "code", (const char *)sqlite3_column_text (stmt, 2));
      json_object_set_string_member (message, "sent_at", sent_at);
      json_object_set_string_member (message, "kind", (const char *)sqlite3_column_text (stmt, 4));
      json_array_add_object_element (messages, message);
    }
  sqlite3_finalize (stmt);

  /* Newest first, as a bare array: what a test wants is element 0. */
  json_node_init_array (node, messages);
  json_array_unref (messages);
  json = json_to_string (node, FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

/* Form tokens ------------------------------------------------------------- */

static char *
dup_form_mac (CareSandbox *self,
              const char  *purpose,
              const char  *issued)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT value FROM auth_keys WHERE name = 'forms'",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    key = column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert (key != NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)key, strlen (key));
  g_hmac_update (hmac, (const guchar *)purpose, strlen (purpose) + 1);
  g_hmac_update (hmac, (const guchar *)issued, strlen (issued));
  g_hmac_get_digest (hmac, digest, &len);

  return care_sandbox_crypto_base64url (digest, len);
}

/**
 * care_sandbox_auth_dup_form_token: (skip)
 * @self: a #CareSandbox
 * @purpose: which form ("signup", "forgot-password"…)
 *
 * A CSRF token for a form that has no sign-in behind it: the time it was
 * issued and an HMAC of it under the sandbox's own key.
 *
 * Returns: (transfer full): the token
 */
char *
care_sandbox_auth_dup_form_token (CareSandbox *self,
                                  const char  *purpose)
{
  g_autofree char *issued = dup_int64 (care_sandbox_now (self));
  g_autofree char *mac = dup_form_mac (self, purpose, issued);

  return g_strconcat (issued, ".", mac, NULL);
}

/**
 * care_sandbox_auth_check_form_token: (skip)
 * @self: a #CareSandbox
 * @purpose: the form it must have been issued for
 * @token: (nullable): the token the form sent
 *
 * Returns: %TRUE if @token was issued by this sandbox for @purpose within
 *   the lifetime of a sign-in
 */
gboolean
care_sandbox_auth_check_form_token (CareSandbox *self,
                                    const char  *purpose,
                                    const char  *token)
{
  const char *dot = token != NULL ? strchr (token, '.') : NULL;
  g_autofree char *issued = NULL;
  g_autofree char *mac = NULL;
  gint64 when;

  if (dot == NULL)
    return FALSE;
  issued = g_strndup (token, dot - token);
  when = g_ascii_strtoll (issued, NULL, 10);
  if (when <= 0 || when + CARE_SANDBOX_LOGIN_LIFETIME <= care_sandbox_now (self))
    return FALSE;

  mac = dup_form_mac (self, purpose, issued);
  return care_sandbox_crypto_equal (mac, dot + 1);
}

/* Routing ----------------------------------------------------------------- */

/**
 * care_sandbox_auth_handle:
 * @self: a #CareSandbox
 * @msg: a request
 * @path: its path
 * @query: the decoded query (repeated names joined by \x1f)
 *
 * Returns: %TRUE if the request was sign-in's to answer
 */
gboolean
care_sandbox_auth_handle (CareSandbox       *self,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GHashTable) form = NULL;

  if (g_str_equal (path, "/sandbox/outbox"))
    {
      if (!care_sandbox_get_demo (self) && !care_sandbox_get_testing (self))
        return FALSE;
      handle_outbox (self, msg);
      return TRUE;
    }

  if (!g_str_has_prefix (path, "/oauth2/") && !g_str_has_prefix (path, "/login/"))
    return FALSE;

  /* Dynamic client registration takes JSON, not a form. */
  if (g_str_equal (path, "/oauth2/register"))
    {
      care_sandbox_clients_handle_register (self, msg);
      return TRUE;
    }

  if (g_str_equal (method, "GET"))
    {
      if (g_str_equal (path, "/oauth2/authorize"))
        handle_authorize (self, msg, query);
      else if (!care_sandbox_recovery_handle (self, msg, path, query))
        soup_server_message_set_status (msg, g_str_has_prefix (path, "/oauth2/")
                                             ? SOUP_STATUS_METHOD_NOT_ALLOWED : SOUP_STATUS_NOT_FOUND, NULL);
      return TRUE;
    }

  if (!g_str_equal (method, "POST"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return TRUE;
    }

  {
    g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
    g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

    form = care_sandbox_decode_form (text);
  }

  if (care_sandbox_tokens_handle (self, msg, path, form))
    ;
  else if (care_sandbox_login_handle (self, msg, path, form))
    ;
  else if (care_sandbox_recovery_handle (self, msg, path, form))
    ;
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);

  return TRUE;
}

/**
 * care_sandbox_add_demo_logins:
 * @self: a #CareSandbox seeded with the demo family
 * @iterations: PBKDF2 rounds (0 for the default)
 *
 * maria / carebook-demo opens her own record, her children's as their
 * parent and her father's, who granted it; roberto has a login of his own.
 */
void
care_sandbox_add_demo_logins (CareSandbox *self,
                              guint        iterations)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  care_sandbox_add_user (self, "maria", "carebook-demo", "Maria Elena Reyes", CARE_SANDBOX_DEMO_ADULT,
                         "maria@example.org", NULL, iterations);
  care_sandbox_sql_run (self, "UPDATE users SET phone = '+1 (555) 010-4471' WHERE username = 'maria'", NULL);
  care_sandbox_add_proxy (self, "maria", CARE_SANDBOX_DEMO_CHILD, CARE_SANDBOX_PROXY_PARENT);
  care_sandbox_add_proxy (self, "maria", CARE_SANDBOX_DEMO_TEEN, CARE_SANDBOX_PROXY_PARENT);
  care_sandbox_add_proxy (self, "maria", CARE_SANDBOX_DEMO_ELDER, CARE_SANDBOX_PROXY_GRANTED);
  care_sandbox_add_user (self, "roberto", "carebook-demo", "Roberto Reyes", CARE_SANDBOX_DEMO_ELDER,
                         "roberto@example.org", NULL, iterations);
}
