/* care-sandbox-auth.c — SMART App Launch for public native clients
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authorization code flow with PKCE (S256 only) as a patient portal
 * runs it: /oauth2/authorize checks the client and the redirect, then the
 * portal's own pages ask for the username and password, a 6-digit code
 * "sent by e-mail" (written to the outbox, readable at /sandbox/outbox in
 * test and demo mode) or an authenticator code (TOTP), which person's
 * record to open, and which data to share; /oauth2/token trades the code
 * (10 minutes, once) for an access token and a rotating refresh token;
 * /oauth2/revoke ends one. Five wrong passwords lock an account for 15
 * minutes. With --demo, login_hint=demo:<user>[:<patient>] skips the pages.
 */
#include "config.h"

#include "care-sandbox-access.h"
#include "care-sandbox-crypto.h"
#include "care-sandbox-params.h"
#include "care-sandbox-private.h"

#include <string.h>

#define CLIENT_ID          "carebook"
#define PRIVATE_SCHEME     "org.carebook.carebook:/"
#define CODE_LIFETIME      600
#define LOGIN_LIFETIME     1800
#define LOCK_AFTER         5
#define LOCK_SECONDS       900
#define REFRESH_LIFETIME   (90 * 24 * 3600)

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
  "  used INTEGER NOT NULL DEFAULT 0);";

/* The data a patient may untick on the Allow Access page. */
static const struct { const char *type; const char *en; const char *es; } shareable[] = {
  { "Observation", "Test results and vital signs", "Resultados de pruebas y signos vitales" },
  { "DiagnosticReport", "Lab and imaging reports", "Informes de laboratorio e imágenes" },
  { "MedicationRequest", "Medications", "Medicamentos" },
  { "AllergyIntolerance", "Allergies", "Alergias" },
  { "Condition", "Health issues", "Problemas de salud" },
  { "Immunization", "Immunizations", "Vacunas" },
  { "Procedure", "Procedures", "Procedimientos" },
  { "DocumentReference", "Visit notes and documents", "Notas de visitas y documentos" },
  { "Encounter", "Visits", "Visitas" },
  { "Communication", "Messages", "Mensajes" },
  { "Appointment", "Appointments", "Citas" },
  { "Coverage", "Insurance", "Seguro" },
};

typedef struct
{
  char *username;
  char *salt;
  char *hash;
  int   iterations;
  char *display_name;
  char *patient_id;
  char *email;
  char *phone;
  char *totp;
  int   failures;
  gint64 locked_until;
} User;

static void
user_free (User *user)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (User, user_free)

static sqlite3 *
db (CareSandbox *self)
{
  return care_sandbox_store_get_db (care_sandbox_get_store (self));
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

/* Runs sql with text parameters (NULL-terminated varargs); returns SQLITE_DONE/ROW status. */
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

  if (sqlite3_prepare_v2 (db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
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
  sqlite3_exec (db (self), tables, NULL, NULL, NULL);
}

static User *
lookup_user (CareSandbox *self,
             const char  *username)
{
  sqlite3_stmt *stmt = NULL;
  User *user = NULL;

  sqlite3_prepare_v2 (db (self), "SELECT username, salt, hash, iterations, display_name, patient_id, "
                                 "email, totp, failures, locked_until, phone FROM users WHERE username = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user = g_new0 (User, 1);
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
 * @iterations: PBKDF2 rounds (0 for the default 100,000)
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

  if (iterations == 0)
    iterations = 100000;
  hash = care_sandbox_crypto_hash_password (password, salt, iterations);
  rounds = g_strdup_printf ("%u", iterations);

  return care_sandbox_sql_run (self, "INSERT OR REPLACE INTO users (username, salt, hash, iterations, display_name, "
                    "patient_id, email, totp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              username, salt, hash, rounds, display_name,
              patient_id != NULL ? patient_id : "", email, totp_secret != NULL ? totp_secret : "",
              NULL) == SQLITE_DONE;
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

  return care_sandbox_sql_run (self, "INSERT OR REPLACE INTO proxies (username, patient_id, kind) VALUES (?, ?, ?)",
              username, patient_id, kind_text, NULL) == SQLITE_DONE;
}

/* The records a user may open today, own first, with how. */
static GPtrArray *
list_patients (CareSandbox *self,
               User        *user,
               GArray      *kinds)
{
  GPtrArray *patients = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  GDate today;

  care_sandbox_store_get_today (care_sandbox_get_store (self), &today);

  if (user->patient_id != NULL && user->patient_id[0] != '\0')
    {
      int kind = CARE_SANDBOX_PROXY_NONE;

      g_ptr_array_add (patients, g_strdup (user->patient_id));
      g_array_append_val (kinds, kind);
    }

  sqlite3_prepare_v2 (db (self), "SELECT patient_id, kind FROM proxies WHERE username = ? "
                                 "ORDER BY patient_id", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, user->username, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) patient = NULL;
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      int kind = sqlite3_column_int (stmt, 1);

      patient = care_sandbox_store_get (care_sandbox_get_store (self), "Patient", id);
      if (patient == NULL)
        continue;
      if (care_sandbox_access_for (kind, json_object_get_string_member_with_default (patient, "birthDate",
                                                                                    NULL),
                                   &today) == CARE_SANDBOX_ACCESS_NONE)
        continue;

      g_ptr_array_add (patients, g_strdup (id));
      g_array_append_val (kinds, kind);
    }
  sqlite3_finalize (stmt);

  return patients;
}

static int
proxy_kind_for (CareSandbox *self,
                User        *user,
                const char  *patient_id)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) patients = list_patients (self, user, kinds);

  for (guint i = 0; i < patients->len; i++)
    if (g_str_equal (g_ptr_array_index (patients, i), patient_id))
      return g_array_index (kinds, int, i);

  return -1;
}

/* Pages ----------------------------------------------------------------- */

gboolean
care_sandbox_wants_spanish (SoupServerMessage *msg,
               GHashTable        *params)
{
  const char *lang = params != NULL ? g_hash_table_lookup (params, "lang") : NULL;
  const char *accept;

  if (lang != NULL)
    return g_str_has_prefix (lang, "es");

  accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Accept-Language");
  return accept != NULL && g_str_has_prefix (accept, "es");
}


/* A link to the same page in another language, keeping the request's
 * other parameters (the authorization request's, on the sign-in page). */
static char *
dup_language_link (SoupServerMessage *msg,
                   const char        *lang)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  GString *link = g_string_new (g_uri_get_path (uri));
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  g_string_append_printf (link, "?lang=%s", lang);
  for (guint i = 0; pairs[i] != NULL; i++)
    if (pairs[i][0] != '\0' && !g_str_has_prefix (pairs[i], "lang="))
      g_string_append_printf (link, "&amp;%s", pairs[i]);

  return g_string_free (link, FALSE);
}

void
care_sandbox_send_page (SoupServerMessage *msg,
                        guint              status,
                        gboolean           es,
                        const char        *title,
                        const char        *body)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *languages = NULL;
  char *html;

  /* A form's answer cannot be fetched again; its forms carry the language. */
  if (g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      g_autofree char *english = dup_language_link (msg, "en");
      g_autofree char *spanish = dup_language_link (msg, "es");

      languages = g_strdup_printf (" · <a href=\"%s\">English</a> · <a href=\"%s\">Español</a>",
                                   english, spanish);
    }

  html = g_strdup_printf (
    "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\"><title>%s</title><style>"
    "body{font-family:Cantarell,sans-serif;background:#f6f5f4;color:#2e3436;margin:0}"
    "main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:12px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.15)}h1{font-size:1.4rem;margin-top:0}"
    "label{display:block;margin:.8rem 0 .3rem}input[type=text],input[type=password]{width:100%%;"
    "padding:.5rem;font-size:1rem;box-sizing:border-box}button{margin-top:1rem;padding:.6rem 1.2rem;"
    "border:0;border-radius:6px;background:#3584e4;color:#fff;font-size:1rem}"
    "button.secondary{background:#deddda;color:#2e3436}.error{color:#c01c28}"
    "footer{text-align:center;font-size:.85rem;margin:1rem}</style></head><body><main>"
    "<h1>%s</h1>%s</main><footer>Carebook Sandbox Health%s</footer></body></html>",
    es ? "es" : "en", escaped_title, escaped_title, body, languages != NULL ? languages : "");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    html, strlen (html));
}

static void
redirect (SoupServerMessage *msg,
          const char        *uri)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, uri);
}

static char *
build_redirect (const char *redirect_uri,
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

static gboolean
redirect_allowed (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL)
    return FALSE;
  if (g_str_has_prefix (uri, PRIVATE_SCHEME))
    return TRUE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  return parsed != NULL && g_strcmp0 (g_uri_get_scheme (parsed), "http") == 0 &&
         g_strcmp0 (g_uri_get_host (parsed), "127.0.0.1") == 0 && g_uri_get_port (parsed) > 0;
}

static char *
issue_code (CareSandbox *self,
            const char  *username,
            const char  *patient_id,
            const char  *scope,
            const char  *redirect_uri,
            const char  *challenge)
{
  char *code = care_sandbox_crypto_random_token ();
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));

  care_sandbox_sql_run (self, "INSERT INTO codes (code, username, patient_id, scope, redirect_uri, challenge, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
       code, username, patient_id, scope, redirect_uri, challenge, now, NULL);
  return code;
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
  const char *scope = g_hash_table_lookup (params, "scope");
  const char *aud = g_hash_table_lookup (params, "aud");
  const char *hint = g_hash_table_lookup (params, "login_hint");
  const char *fhir_base = care_sandbox_get_fhir_base (self);
  gboolean es = care_sandbox_wants_spanish (msg, params);
  g_autofree char *login = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *now = NULL;
  g_autofree char *location = NULL;
  g_autofree char *body = NULL;
  const char *error = NULL;

  /* A bad client or redirect is never redirected to (RFC 6749 §4.1.2.1). */
  if (g_strcmp0 (client_id, CLIENT_ID) != 0 || !redirect_allowed (redirect_uri))
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es,
                 TR (es, "This app cannot sign in here", "Esta aplicación no puede iniciar sesión aquí"),
                 TR (es, "<p class=\"error\">The sign-in request names an unknown app or return address.</p>",
                     "<p class=\"error\">La solicitud nombra una aplicación o dirección de regreso desconocida.</p>"));
      return;
    }

  if (g_strcmp0 (response_type, "code") != 0)
    error = "unsupported_response_type";
  else if (challenge == NULL || challenge[0] == '\0' || g_strcmp0 (method, "S256") != 0)
    error = "invalid_request";
  else if (scope == NULL || scope[0] == '\0')
    error = "invalid_scope";
  else if (aud == NULL || (g_strcmp0 (aud, fhir_base) != 0 &&
                           !(g_str_has_prefix (aud, fhir_base) && g_str_equal (aud + strlen (fhir_base), "/"))))
    error = "invalid_request";

  if (error != NULL)
    {
      location = build_redirect (redirect_uri, state, "error", error);
      redirect (msg, location);
      return;
    }

  /* The demo signs its family in without pages. */
  if (care_sandbox_get_demo (self) && hint != NULL && g_str_has_prefix (hint, "demo:"))
    {
      g_auto(GStrv) parts = g_strsplit (hint + 5, ":", 2);
      g_autoptr(User) user = lookup_user (self, parts[0]);
      const char *patient = parts[1] != NULL ? parts[1] : (user != NULL ? user->patient_id : NULL);

      if (user != NULL && patient != NULL && proxy_kind_for (self, user, patient) >= 0)
        {
          g_autofree char *code = issue_code (self, user->username, patient, scope, redirect_uri, challenge);

          location = build_redirect (redirect_uri, state, "code", code);
          redirect (msg, location);
          return;
        }
    }

  login = care_sandbox_crypto_random_token ();
  csrf = care_sandbox_crypto_random_token ();
  now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));
  care_sandbox_sql_run (self, "INSERT INTO logins (id, csrf, redirect_uri, state, challenge, scope, step, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, 'password', ?)",
       login, csrf, redirect_uri, state != NULL ? state : "", challenge, scope, now, NULL);

  body = g_strdup_printf ("<form method=\"post\" action=\"/login/password\">"
                          "<input type=\"hidden\" name=\"login\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
                          "<label for=\"u\">%s</label><input type=\"text\" id=\"u\" name=\"username\" autofocus>"
                          "<label for=\"p\">%s</label><input type=\"password\" id=\"p\" name=\"password\">"
                          "<button type=\"submit\">%s</button></form>"
                          "<p><a href=\"/login/forgot-username?lang=%s\">%s</a> · "
                          "<a href=\"/login/forgot-password?lang=%s\">%s</a> · "
                          "<a href=\"/login/signup?lang=%s\">%s</a></p>",
                          login, csrf, es ? "es" : "en",
                          TR (es, "Username", "Usuario"), TR (es, "Password", "Contraseña"),
                          TR (es, "Sign In", "Iniciar sesión"),
                          es ? "es" : "en", TR (es, "Forgot username?", "¿Olvidó su usuario?"),
                          es ? "es" : "en", TR (es, "Forgot password?", "¿Olvidó su contraseña?"),
                          es ? "es" : "en", TR (es, "Sign up with an activation code",
                                                "Regístrese con un código de activación"));
  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Sign in to your health record",
                                          "Inicie sesión en su expediente de salud"), body);
}

typedef struct
{
  char *id;
  char *redirect_uri;
  char *state;
  char *challenge;
  char *scope;
  char *username;
  char *step;
  char *patient_id;
} Login;

static void
login_free (Login *login)
{
  if (login == NULL)
    return;
  g_free (login->id);
  g_free (login->redirect_uri);
  g_free (login->state);
  g_free (login->challenge);
  g_free (login->scope);
  g_free (login->username);
  g_free (login->step);
  g_free (login->patient_id);
  g_free (login);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Login, login_free)

/* The login in flight, if the form's id and CSRF token match and it is fresh. */
static Login *
lookup_login (CareSandbox *self,
              GHashTable  *form)
{
  const char *id = g_hash_table_lookup (form, "login");
  const char *csrf = g_hash_table_lookup (form, "csrf");
  sqlite3_stmt *stmt = NULL;
  Login *login = NULL;

  if (id == NULL || csrf == NULL)
    return NULL;

  sqlite3_prepare_v2 (db (self), "SELECT id, redirect_uri, state, challenge, scope, username, step, "
                                 "patient_id, csrf, created_at FROM logins WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      care_sandbox_crypto_equal ((const char *)sqlite3_column_text (stmt, 8), csrf) &&
      sqlite3_column_int64 (stmt, 9) + LOGIN_LIFETIME > care_sandbox_now (self))
    {
      login = g_new0 (Login, 1);
      login->id = column_dup (stmt, 0);
      login->redirect_uri = column_dup (stmt, 1);
      login->state = column_dup (stmt, 2);
      login->challenge = column_dup (stmt, 3);
      login->scope = column_dup (stmt, 4);
      login->username = column_dup (stmt, 5);
      login->step = column_dup (stmt, 6);
      login->patient_id = column_dup (stmt, 7);
    }
  sqlite3_finalize (stmt);

  return login;
}

static char *
hidden_fields (GHashTable *form,
               gboolean    es)
{
  return g_strdup_printf ("<input type=\"hidden\" name=\"login\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"lang\" value=\"%s\">",
                          (const char *)g_hash_table_lookup (form, "login"),
                          (const char *)g_hash_table_lookup (form, "csrf"), es ? "es" : "en");
}

static void
send_code (CareSandbox *self,
           User        *user,
           const char  *login,
           gboolean     by_text)
{
  g_autofree char *code = care_sandbox_crypto_random_digits (6);
  g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));
  const char *address = by_text ? user->phone : user->email;

  care_sandbox_sql_run (self, "INSERT INTO outbox (username, login, address, code, sent_at, channel) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                        user->username, login, address != NULL ? address : "", code, sent,
                        by_text ? "sms" : "email", NULL);
}

/* The end of an address, enough to recognise it and no more. */
static char *
dup_masked (const char *address)
{
  gsize len = address != NULL ? strlen (address) : 0;

  if (len < 4)
    return g_strdup ("••••");
  return g_strdup_printf ("••••%s", address + len - 4);
}

static void
show_code_page (CareSandbox       *self,
                SoupServerMessage *msg,
                GHashTable        *form,
                gboolean           es,
                gboolean           totp,
                gboolean           by_text,
                const char        *error)
{
  g_autofree char *hidden = hidden_fields (form, es);
  g_autofree char *body = NULL;
  g_autofree char *text_option = NULL;
  g_autoptr(Login) login = lookup_login (self, form);
  g_autoptr(User) user = login != NULL && login->username != NULL ? lookup_user (self, login->username)
                                                                  : NULL;

  /* Where the user has a phone, the code can come by text instead. */
  if (!totp && !by_text && user != NULL && user->phone != NULL && user->phone[0] != '\0')
    {
      g_autofree char *masked = dup_masked (user->phone);
      g_autofree char *label = g_strdup_printf (TR (es, "Text the code to %s instead",
                                                    "Enviar el código por mensaje a %s"), masked);

      text_option = g_strdup_printf ("<form method=\"post\" action=\"/login/resend\">%s"
                                     "<input type=\"hidden\" name=\"channel\" value=\"sms\">"
                                     "<button type=\"submit\" class=\"secondary\">%s</button></form>",
                                     hidden, label);
    }

  body = g_strdup_printf ("<p>%s</p>%s<form method=\"post\" action=\"/login/verify\">%s"
                          "<label for=\"c\">%s</label><input type=\"text\" id=\"c\" name=\"code\" "
                          "inputmode=\"numeric\" autocomplete=\"one-time-code\" autofocus>"
                          "<button type=\"submit\">%s</button></form>%s",
                          totp ? TR (es, "Enter the 6-digit code from your authenticator app.",
                                     "Escriba el código de 6 dígitos de su aplicación de autenticación.")
                               : by_text
                               ? TR (es, "We sent a 6-digit code by text message. It expires in 10 minutes.",
                                     "Enviamos un código de 6 dígitos por mensaje de texto. Vence en 10 minutos.")
                               : TR (es, "We sent a 6-digit code to your e-mail. It expires in 10 minutes.",
                                     "Enviamos un código de 6 dígitos a su correo. Vence en 10 minutos."),
                          error != NULL ? error : "", hidden,
                          TR (es, "Verification code", "Código de verificación"),
                          TR (es, "Verify", "Verificar"), text_option != NULL ? text_option : "");
  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "2-step verification", "Verificación en 2 pasos"), body);
}

static void
show_consent_page (CareSandbox       *self,
                   SoupServerMessage *msg,
                   GHashTable        *form,
                   gboolean           es)
{
  g_autofree char *hidden = hidden_fields (form, es);
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "<p>%s</p><form method=\"post\" action=\"/login/consent\">%s",
                          TR (es, "Carebook asks to read this information. Untick what you do not want to share.",
                              "Carebook solicita leer esta información. Desmarque lo que no quiera compartir."),
                          hidden);
  for (guint i = 0; i < G_N_ELEMENTS (shareable); i++)
    g_string_append_printf (body, "<label><input type=\"checkbox\" name=\"share\" value=\"%s\" checked> %s"
                                  "</label>",
                            shareable[i].type, TR (es, shareable[i].en, shareable[i].es));
  g_string_append_printf (body, "<button type=\"submit\" name=\"decision\" value=\"allow\">%s</button> "
                                "<button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">%s"
                                "</button></form>",
                          TR (es, "Allow", "Permitir"), TR (es, "Deny", "Denegar"));
  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Allow access", "Permitir el acceso"), body->str);
  g_string_free (body, TRUE);
}

static void
after_verification (CareSandbox       *self,
                    SoupServerMessage *msg,
                    GHashTable        *form,
                    Login             *login,
                    gboolean           es)
{
  g_autoptr(User) user = lookup_user (self, login->username);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) patients = list_patients (self, user, kinds);
  g_autofree char *hidden = NULL;
  GString *body;

  if (patients->len == 1)
    {
      care_sandbox_sql_run (self, "UPDATE logins SET step = 'consent', patient_id = ? WHERE id = ?",
           (const char *)g_ptr_array_index (patients, 0), login->id, NULL);
      show_consent_page (self, msg, form, es);
      return;
    }

  care_sandbox_sql_run (self, "UPDATE logins SET step = 'patient' WHERE id = ?", login->id, NULL);
  hidden = hidden_fields (form, es);
  body = g_string_new (NULL);
  g_string_append_printf (body, "<p>%s</p><form method=\"post\" action=\"/login/patient\">%s",
                          TR (es, "Whose record do you want to open?", "¿Qué expediente quiere abrir?"),
                          hidden);
  for (guint i = 0; i < patients->len; i++)
    {
      g_autoptr(JsonObject) patient = care_sandbox_store_get (care_sandbox_get_store (self), "Patient",
                                                              g_ptr_array_index (patients, i));
      JsonObject *name = json_array_get_object_element (json_object_get_array_member (patient, "name"), 0);
      g_autofree char *escaped = g_markup_escape_text (
        json_array_get_string_element (json_object_get_array_member (name, "given"), 0), -1);

      g_string_append_printf (body, "<label><input type=\"radio\" name=\"patient\" value=\"%s\"%s> %s</label>",
                              (const char *)g_ptr_array_index (patients, i), i == 0 ? " checked" : "",
                              escaped);
    }
  g_string_append_printf (body, "<button type=\"submit\">%s</button></form>", TR (es, "Continue", "Continuar"));
  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Choose a person", "Elija una persona"), body->str);
  g_string_free (body, TRUE);
}

static void
handle_password (CareSandbox       *self,
                 SoupServerMessage *msg,
                 GHashTable        *form)
{
  gboolean es = care_sandbox_wants_spanish (msg, form);
  g_autoptr(Login) login = lookup_login (self, form);
  const char *username = g_hash_table_lookup (form, "username");
  const char *password = g_hash_table_lookup (form, "password");
  g_autoptr(User) user = NULL;
  g_autofree char *hash = NULL;
  gint64 now = care_sandbox_now (self);

  if (login == NULL || !g_str_equal (login->step, "password"))
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es, TR (es, "Sign-in expired", "El inicio de sesión venció"),
                 TR (es, "<p>Start again from the app.</p>", "<p>Vuelva a empezar desde la aplicación.</p>"));
      return;
    }

  user = username != NULL ? lookup_user (self, username) : NULL;
  if (user != NULL && user->locked_until > now)
    {
      care_sandbox_send_page (msg, SOUP_STATUS_FORBIDDEN, es, TR (es, "Account locked", "Cuenta bloqueada"),
                 TR (es, "<p class=\"error\">Too many wrong passwords. Your account is locked for 15 minutes.</p>",
                     "<p class=\"error\">Demasiadas contraseñas incorrectas. Su cuenta está bloqueada durante 15 minutos.</p>"));
      return;
    }

  if (user != NULL && password != NULL)
    hash = care_sandbox_crypto_hash_password (password, user->salt, user->iterations);

  if (hash == NULL || !care_sandbox_crypto_equal (hash, user->hash))
    {
      g_autofree char *hidden = hidden_fields (form, es);
      g_autofree char *body = NULL;

      if (user != NULL)
        {
          g_autofree char *until = g_strdup_printf ("%" G_GINT64_FORMAT, now + LOCK_SECONDS);

          care_sandbox_sql_run (self, "UPDATE users SET failures = failures + 1 WHERE username = ?", user->username, NULL);
          if (user->failures + 1 >= LOCK_AFTER)
            care_sandbox_sql_run (self, "UPDATE users SET failures = 0, locked_until = ? WHERE username = ?",
                 until, user->username, NULL);
        }

      body = g_strdup_printf ("<p class=\"error\">%s</p><form method=\"post\" action=\"/login/password\">%s"
                              "<label for=\"u\">%s</label><input type=\"text\" id=\"u\" name=\"username\">"
                              "<label for=\"p\">%s</label><input type=\"password\" id=\"p\" name=\"password\">"
                              "<button type=\"submit\">%s</button></form>",
                              TR (es, "The username or password is not right.",
                                  "El usuario o la contraseña no son correctos."),
                              hidden, TR (es, "Username", "Usuario"), TR (es, "Password", "Contraseña"),
                              TR (es, "Sign In", "Iniciar sesión"));
      care_sandbox_send_page (msg, SOUP_STATUS_UNAUTHORIZED, es,
                 TR (es, "Sign in to your health record", "Inicie sesión en su expediente de salud"), body);
      return;
    }

  care_sandbox_sql_run (self, "UPDATE users SET failures = 0 WHERE username = ?", user->username, NULL);
  care_sandbox_sql_run (self, "UPDATE logins SET username = ?, step = 'verify' WHERE id = ?", user->username, login->id, NULL);

  if (user->totp == NULL || user->totp[0] == '\0')
    send_code (self, user, login->id, FALSE);

  show_code_page (self, msg, form, es, user->totp != NULL && user->totp[0] != '\0', FALSE, NULL);
}

static void
handle_resend (CareSandbox       *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  gboolean es = care_sandbox_wants_spanish (msg, form);
  g_autoptr(Login) login = lookup_login (self, form);
  g_autoptr(User) user = NULL;

  if (login == NULL || !g_str_equal (login->step, "verify"))
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es,
                              TR (es, "Sign-in expired", "El inicio de sesión venció"),
                              TR (es, "<p>Start again from the app.</p>",
                                  "<p>Vuelva a empezar desde la aplicación.</p>"));
      return;
    }

  user = lookup_user (self, login->username);
  {
    gboolean by_text = g_strcmp0 (g_hash_table_lookup (form, "channel"), "sms") == 0;

    send_code (self, user, login->id, by_text);
    show_code_page (self, msg, form, es, FALSE, by_text, NULL);
  }
}

static void
handle_verify (CareSandbox       *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  gboolean es = care_sandbox_wants_spanish (msg, form);
  g_autoptr(Login) login = lookup_login (self, form);
  g_autoptr(User) user = NULL;
  const char *code = g_hash_table_lookup (form, "code");
  gint64 now = care_sandbox_now (self);
  gboolean ok = FALSE;

  if (login == NULL || !g_str_equal (login->step, "verify"))
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es, TR (es, "Sign-in expired", "El inicio de sesión venció"),
                 TR (es, "<p>Start again from the app.</p>", "<p>Vuelva a empezar desde la aplicación.</p>"));
      return;
    }

  user = lookup_user (self, login->username);
  if (code != NULL && user->totp != NULL && user->totp[0] != '\0')
    {
      /* One step either side allows for a slow typist or clock drift. */
      for (int step = -1; step <= 1 && !ok; step++)
        {
          g_autofree char *expected = g_strdup_printf ("%06d", care_sandbox_crypto_totp (user->totp,
                                                                                          now + step * 30));

          ok = care_sandbox_crypto_equal (expected, code);
        }
    }
  else if (code != NULL)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *oldest = g_strdup_printf ("%" G_GINT64_FORMAT, now - CODE_LIFETIME);

      sqlite3_prepare_v2 (db (self), "SELECT id FROM outbox WHERE login = ? AND code = ? AND used = 0 "
                                     "AND sent_at > ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, login->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now - CODE_LIFETIME);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *row = g_strdup_printf ("%lld", (long long)sqlite3_column_int64 (stmt, 0));

          ok = TRUE;
          care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE id = ?", row, NULL);
        }
      sqlite3_finalize (stmt);
    }

  if (!ok)
    {
      show_code_page (self, msg, form, es, user->totp != NULL && user->totp[0] != '\0', FALSE,
                      TR (es, "<p class=\"error\">That code is wrong or has expired.</p>",
                          "<p class=\"error\">El código es incorrecto o venció.</p>"));
      return;
    }

  after_verification (self, msg, form, login, es);
}

static void
handle_patient (CareSandbox       *self,
                SoupServerMessage *msg,
                GHashTable        *form)
{
  gboolean es = care_sandbox_wants_spanish (msg, form);
  g_autoptr(Login) login = lookup_login (self, form);
  g_autoptr(User) user = NULL;
  const char *patient = g_hash_table_lookup (form, "patient");

  if (login == NULL || !g_str_equal (login->step, "patient") || patient == NULL)
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es, TR (es, "Sign-in expired", "El inicio de sesión venció"),
                 TR (es, "<p>Start again from the app.</p>", "<p>Vuelva a empezar desde la aplicación.</p>"));
      return;
    }

  user = lookup_user (self, login->username);
  if (proxy_kind_for (self, user, patient) < 0)
    {
      care_sandbox_send_page (msg, SOUP_STATUS_FORBIDDEN, es, TR (es, "Not allowed", "No permitido"),
                 TR (es, "<p class=\"error\">You cannot open that record.</p>",
                     "<p class=\"error\">No puede abrir ese expediente.</p>"));
      return;
    }

  care_sandbox_sql_run (self, "UPDATE logins SET step = 'consent', patient_id = ? WHERE id = ?", patient, login->id, NULL);
  show_consent_page (self, msg, form, es);
}

/* The granted scope: the requested one less the data types unticked. */
static char *
dup_granted_scope (const char *requested,
                   GHashTable *form)
{
  const char *shared = g_hash_table_lookup (form, "share");
  g_auto(GStrv) ticked = g_strsplit (shared != NULL ? shared : "", "\x1f", -1);
  g_auto(GStrv) scopes = g_strsplit (requested, " ", -1);
  GString *granted = g_string_new (NULL);
  gboolean all = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (shareable); i++)
    if (!g_strv_contains ((const char * const *)ticked, shareable[i].type))
      all = FALSE;

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      const char *scope = scopes[i];

      if (scope[0] == '\0')
        continue;
      if (all || !g_str_has_prefix (scope, "patient/"))
        {
          g_string_append_printf (granted, "%s%s", granted->len > 0 ? " " : "", scope);
          continue;
        }

      if (g_str_has_prefix (scope, "patient/*."))
        {
          const char *access = scope + strlen ("patient/*.");

          /* Spell the wildcard out without what was unticked. */
          for (const char * const *type = care_sandbox_params_get_types (); *type != NULL; type++)
            {
              gboolean offered = FALSE;

              for (guint j = 0; j < G_N_ELEMENTS (shareable); j++)
                offered |= g_str_equal (shareable[j].type, *type);
              if (offered && !g_strv_contains ((const char * const *)ticked, *type))
                continue;
              g_string_append_printf (granted, "%spatient/%s.%s", granted->len > 0 ? " " : "", *type, access);
            }
        }
      else
        {
          const char *dot = strchr (scope + strlen ("patient/"), '.');
          g_autofree char *type = dot != NULL ? g_strndup (scope + strlen ("patient/"),
                                                           dot - scope - strlen ("patient/")) : NULL;
          gboolean offered = FALSE;

          for (guint j = 0; type != NULL && j < G_N_ELEMENTS (shareable); j++)
            offered |= g_str_equal (shareable[j].type, type);
          if (!offered || g_strv_contains ((const char * const *)ticked, type))
            g_string_append_printf (granted, "%s%s", granted->len > 0 ? " " : "", scope);
        }
    }

  return g_string_free (granted, FALSE);
}

static void
handle_consent (CareSandbox       *self,
                SoupServerMessage *msg,
                GHashTable        *form)
{
  gboolean es = care_sandbox_wants_spanish (msg, form);
  g_autoptr(Login) login = lookup_login (self, form);
  g_autofree char *location = NULL;
  g_autofree char *granted = NULL;
  g_autofree char *code = NULL;

  if (login == NULL || !g_str_equal (login->step, "consent"))
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es, TR (es, "Sign-in expired", "El inicio de sesión venció"),
                 TR (es, "<p>Start again from the app.</p>", "<p>Vuelva a empezar desde la aplicación.</p>"));
      return;
    }

  /* A login is used once, whatever the decision. */
  care_sandbox_sql_run (self, "DELETE FROM logins WHERE id = ?", login->id, NULL);

  if (g_strcmp0 (g_hash_table_lookup (form, "decision"), "allow") != 0)
    {
      location = build_redirect (login->redirect_uri, login->state, "error", "access_denied");
      redirect (msg, location);
      return;
    }

  granted = dup_granted_scope (login->scope, form);
  code = issue_code (self, login->username, login->patient_id, granted, login->redirect_uri,
                     login->challenge);
  location = build_redirect (login->redirect_uri, login->state, "code", code);
  redirect (msg, location);
}

/* Token endpoint --------------------------------------------------------- */

static void
send_token_error (SoupServerMessage *msg,
                  guint              status,
                  const char        *error,
                  const char        *description)
{
  g_autofree char *json = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"%s\"}",
                                           error, description);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
send_tokens (CareSandbox       *self,
             SoupServerMessage *msg,
             const char        *username,
             const char        *patient_id,
             const char        *scope,
             const char        *family)
{
  g_autoptr(User) user = lookup_user (self, username);
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  CareSandboxGrant *grant = g_new0 (CareSandboxGrant, 1);
  int lifetime = care_sandbox_get_token_lifetime (self);
  g_autofree char *access = NULL;
  g_autofree char *fhir_user = NULL;
  g_autofree char *json = NULL;

  grant->patient_id = g_strdup (patient_id);
  grant->scopes = g_strsplit (scope, " ", -1);
  grant->expires_at = care_sandbox_now (self) + lifetime;
  grant->proxy_kind = MAX (proxy_kind_for (self, user, patient_id), 0);
  access = care_sandbox_add_grant (self, grant);

  if (user->patient_id != NULL && user->patient_id[0] != '\0')
    fhir_user = g_strdup_printf ("%s/Patient/%s", care_sandbox_get_fhir_base (self), user->patient_id);
  else
    fhir_user = g_strdup_printf ("%s/RelatedPerson/%s", care_sandbox_get_fhir_base (self), username);

  json_object_set_string_member (response, "access_token", access);
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", lifetime);
  json_object_set_string_member (response, "scope", scope);
  json_object_set_string_member (response, "patient", patient_id);
  json_object_set_string_member (response, "fhirUser", fhir_user);
  json_object_set_boolean_member (response, "need_patient_banner", FALSE);

  if (strstr (scope, "offline_access") != NULL)
    {
      g_autofree char *refresh = care_sandbox_crypto_random_token ();
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));

      care_sandbox_sql_run (self, "INSERT INTO refresh_tokens (token, family, username, patient_id, scope, last_used) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
           refresh, family != NULL ? family : refresh, username, patient_id, scope, now, NULL);
      json_object_set_string_member (response, "refresh_token", refresh);
    }

  json_node_init_object (node, response);
  json = json_to_string (node, FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
handle_token (CareSandbox       *self,
              SoupServerMessage *msg,
              GHashTable        *form)
{
  const char *grant_type = g_hash_table_lookup (form, "grant_type");
  const char *client_id = g_hash_table_lookup (form, "client_id");
  gint64 now = care_sandbox_now (self);

  if (g_strcmp0 (client_id, CLIENT_ID) != 0)
    {
      send_token_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client", "Unknown client");
      return;
    }

  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *verifier = g_hash_table_lookup (form, "code_verifier");
      const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
      sqlite3_stmt *stmt = NULL;
      g_autofree char *username = NULL;
      g_autofree char *patient = NULL;
      g_autofree char *scope = NULL;
      g_autofree char *expected_redirect = NULL;
      g_autofree char *challenge = NULL;
      gint64 created = 0;
      gboolean used = TRUE;

      if (code == NULL || verifier == NULL || redirect_uri == NULL)
        {
          send_token_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                            "code, code_verifier and redirect_uri are required");
          return;
        }

      sqlite3_prepare_v2 (db (self), "SELECT username, patient_id, scope, redirect_uri, challenge, "
                                     "created_at, used FROM codes WHERE code = ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          username = column_dup (stmt, 0);
          patient = column_dup (stmt, 1);
          scope = column_dup (stmt, 2);
          expected_redirect = column_dup (stmt, 3);
          challenge = column_dup (stmt, 4);
          created = sqlite3_column_int64 (stmt, 5);
          used = sqlite3_column_int (stmt, 6) != 0;
        }
      sqlite3_finalize (stmt);

      if (username == NULL || used || created + CODE_LIFETIME <= now)
        {
          send_token_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                            "The code is unknown, used or expired");
          return;
        }
      care_sandbox_sql_run (self, "UPDATE codes SET used = 1 WHERE code = ?", code, NULL);

      if (!g_str_equal (expected_redirect, redirect_uri))
        {
          send_token_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "redirect_uri does not match");
          return;
        }

      {
        g_autofree char *computed = care_sandbox_crypto_s256_challenge (verifier);

        if (!care_sandbox_crypto_equal (computed, challenge))
          {
            send_token_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "PKCE verification failed");
            return;
          }
      }

      send_tokens (self, msg, username, patient, scope, NULL);
      return;
    }

  if (g_strcmp0 (grant_type, "refresh_token") == 0)
    {
      const char *token = g_hash_table_lookup (form, "refresh_token");
      sqlite3_stmt *stmt = NULL;
      g_autofree char *family = NULL;
      g_autofree char *username = NULL;
      g_autofree char *patient = NULL;
      g_autofree char *scope = NULL;
      gint64 last_used = 0;
      gboolean revoked = TRUE;

      sqlite3_prepare_v2 (db (self), "SELECT family, username, patient_id, scope, last_used, revoked "
                                     "FROM refresh_tokens WHERE token = ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, token != NULL ? token : "", -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          family = column_dup (stmt, 0);
          username = column_dup (stmt, 1);
          patient = column_dup (stmt, 2);
          scope = column_dup (stmt, 3);
          last_used = sqlite3_column_int64 (stmt, 4);
          revoked = sqlite3_column_int (stmt, 5) != 0;
        }
      sqlite3_finalize (stmt);

      if (family == NULL || revoked || last_used + REFRESH_LIFETIME <= now)
        {
          /* A rotated-out token used again means it leaked: end the family. */
          if (family != NULL && revoked)
            care_sandbox_sql_run (self, "UPDATE refresh_tokens SET revoked = 1 WHERE family = ?", family, NULL);
          send_token_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                            "The refresh token is unknown, revoked or expired");
          return;
        }

      care_sandbox_sql_run (self, "UPDATE refresh_tokens SET revoked = 1 WHERE token = ?", token, NULL);
      send_tokens (self, msg, username, patient, scope, family);
      return;
    }

  send_token_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                    "authorization_code and refresh_token are supported");
}

static void
handle_revoke (CareSandbox       *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  const char *token = g_hash_table_lookup (form, "token");

  /* RFC 7009: 200 whether or not the token existed. */
  if (token != NULL)
    care_sandbox_sql_run (self, "UPDATE refresh_tokens SET revoked = 1 WHERE family = "
               "(SELECT family FROM refresh_tokens WHERE token = ?)", token, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
handle_outbox (CareSandbox       *self,
               SoupServerMessage *msg)
{
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db (self), "SELECT username, address, code, sent_at, kind, channel FROM outbox "
                                 "ORDER BY id DESC", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (json, "%s{\"username\":\"%s\",\"channel\":\"%s\",\"to\":\"%s\","
                                  "\"code\":\"%s\",\"sent_at\":%lld,\"kind\":\"%s\"}",
                            json->len > 1 ? "," : "", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 5), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), (long long)sqlite3_column_int64 (stmt, 3),
                            sqlite3_column_text (stmt, 4));
  sqlite3_finalize (stmt);
  g_string_append (json, "]");

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json->str, json->len);
}

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

  if (g_str_equal (method, "GET") && care_sandbox_recovery_handle (self, msg, path, query))
    return TRUE;

  if (g_str_equal (path, "/oauth2/authorize") && g_str_equal (method, "GET"))
    {
      handle_authorize (self, msg, query);
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

  if (g_str_equal (path, "/oauth2/token"))
    handle_token (self, msg, form);
  else if (g_str_equal (path, "/oauth2/revoke"))
    handle_revoke (self, msg, form);
  else if (g_str_equal (path, "/login/password"))
    handle_password (self, msg, form);
  else if (g_str_equal (path, "/login/verify"))
    handle_verify (self, msg, form);
  else if (g_str_equal (path, "/login/resend"))
    handle_resend (self, msg, form);
  else if (g_str_equal (path, "/login/patient"))
    handle_patient (self, msg, form);
  else if (g_str_equal (path, "/login/consent"))
    handle_consent (self, msg, form);
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

  care_sandbox_add_user (self, "maria", "carebook-demo", "Maria Elena Reyes", "adult",
                         "maria@example.org", NULL, iterations);
  care_sandbox_sql_run (self, "UPDATE users SET phone = '+1 (555) 010-4471' WHERE username = 'maria'",
                        NULL);
  care_sandbox_add_proxy (self, "maria", "child", CARE_SANDBOX_PROXY_PARENT);
  care_sandbox_add_proxy (self, "maria", "teen", CARE_SANDBOX_PROXY_PARENT);
  care_sandbox_add_proxy (self, "maria", "elder", CARE_SANDBOX_PROXY_GRANTED);
  care_sandbox_add_user (self, "roberto", "carebook-demo", "Roberto Reyes", "elder",
                         "roberto@example.org", NULL, iterations);
}
