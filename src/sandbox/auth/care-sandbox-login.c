/* care-sandbox-login.c — the steps of a sign-in at the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person sees between /oauth2/authorize and the redirect back to the
 * app: username and password (five wrong ones lock the account for 15
 * minutes), 2-step verification by a 6-digit code sent by e-mail or text
 * (the person picks where; the sandbox writes it to its outbox) or from an
 * authenticator app, a picker when they may open several records, and
 * "Allow access" with the requested data as checkboxes they may untick.
 *
 * The sign-in in flight is a row of the logins table, named by a random id
 * and guarded by a separate CSRF token; both travel in hidden fields of
 * POST forms, and every step checks the row is at that step. The pages
 * themselves are drawn by care-sandbox-login-pages.c.
 */
#include "config.h"

#include "care-sandbox-login.h"
#include "care-sandbox-crypto.h"

#include <string.h>

/* The sign-in in flight -------------------------------------------------- */

void
care_sandbox_login_free (CareSandboxLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->id);
  g_free (login->csrf);
  g_free (login->redirect_uri);
  g_free (login->state);
  g_free (login->challenge);
  g_free (login->scope);
  g_free (login->username);
  g_free (login->step);
  g_free (login->patient_id);
  g_free (login->channel);
  g_free (login->hint);
  g_free (login);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return g_strdup (text != NULL ? (const char *)text : "");
}

/* The login in flight, if the form's id and CSRF token match and it is
 * fresh; NULL otherwise. */
static CareSandboxLogin *
lookup_login (CareSandbox *self,
              GHashTable  *form)
{
  const char *id = g_hash_table_lookup (form, "login");
  const char *csrf = g_hash_table_lookup (form, "csrf");
  sqlite3_stmt *stmt = NULL;
  CareSandboxLogin *login = NULL;

  if (id == NULL || csrf == NULL)
    return NULL;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT id, csrf, redirect_uri, state, challenge, scope, username, step, patient_id, "
                      "channel, hint, attempts, created_at FROM logins WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      care_sandbox_crypto_equal ((const char *)sqlite3_column_text (stmt, 1), csrf) &&
      sqlite3_column_int64 (stmt, 12) + CARE_SANDBOX_LOGIN_LIFETIME > care_sandbox_now (self))
    {
      login = g_new0 (CareSandboxLogin, 1);
      login->id = column_dup (stmt, 0);
      login->csrf = column_dup (stmt, 1);
      login->redirect_uri = column_dup (stmt, 2);
      login->state = column_dup (stmt, 3);
      login->challenge = column_dup (stmt, 4);
      login->scope = column_dup (stmt, 5);
      login->username = column_dup (stmt, 6);
      login->step = column_dup (stmt, 7);
      login->patient_id = column_dup (stmt, 8);
      login->channel = column_dup (stmt, 9);
      login->hint = column_dup (stmt, 10);
      login->attempts = sqlite3_column_int (stmt, 11);
    }
  sqlite3_finalize (stmt);

  return login;
}

static void
set_step (CareSandbox      *self,
          CareSandboxLogin *login,
          const char       *step)
{
  care_sandbox_sql_run (self, "UPDATE logins SET step = ? WHERE id = ?", step, login->id, NULL);
  g_free (login->step);
  login->step = g_strdup (step);
}

/* Handlers ---------------------------------------------------------------- */

/**
 * care_sandbox_login_start: (skip)
 * @self: a #CareSandbox
 * @msg: a valid authorization request
 * @params: its query
 * @scope: the part of the requested scope the sandbox supports
 *
 * Starts a sign-in and shows its first page.
 */
void
care_sandbox_login_start (CareSandbox       *self,
                          SoupServerMessage *msg,
                          GHashTable        *params,
                          const char        *scope)
{
  const char *state = g_hash_table_lookup (params, "state");
  const char *hint = g_hash_table_lookup (params, "login_hint");
  gboolean es = care_sandbox_wants_spanish (msg, params);
  g_autoptr(CareSandboxLogin) login = g_new0 (CareSandboxLogin, 1);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));
  g_autofree char *oldest = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             care_sandbox_now (self) - CARE_SANDBOX_LOGIN_LIFETIME);

  /* Sign-ins abandoned half-way are forgotten. */
  care_sandbox_sql_run (self, "DELETE FROM logins WHERE created_at <= ?", oldest, NULL);

  login->id = care_sandbox_crypto_random_token ();
  login->csrf = care_sandbox_crypto_random_token ();
  login->step = g_strdup ("password");
  /* A demo hint outside demo mode is not a username to show. */
  login->hint = g_strdup (hint != NULL && !g_str_has_prefix (hint, "demo:") ? hint : "");
  care_sandbox_sql_run (self, "INSERT INTO logins (id, csrf, redirect_uri, state, challenge, scope, step, "
                              "created_at, hint) VALUES (?, ?, ?, ?, ?, ?, 'password', ?, ?)",
                        login->id, login->csrf, g_hash_table_lookup (params, "redirect_uri"),
                        state != NULL ? state : "", g_hash_table_lookup (params, "code_challenge"), scope,
                        now, login->hint, NULL);

  care_sandbox_login_show_password (self, msg, login, es, SOUP_STATUS_OK, NULL, NULL);
}

/* Returns FALSE, sending nothing, when the account had its ration of
 * codes: the codes already sent keep working. */
static gboolean
send_code (CareSandbox      *self,
           CareSandboxLogin *login,
           CareSandboxUser  *user,
           const char       *channel)
{
  g_autofree char *code = NULL;
  gboolean by_text = g_str_equal (channel, "sms");

  if (!care_sandbox_auth_may_send_code (self, user->username, "code"))
    {
      set_step (self, login, "verify");
      return FALSE;
    }

  code = care_sandbox_crypto_random_digits (6);
  /* Only the newest code of a sign-in works. */
  care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE login = ? AND kind = 'code'",
                        login->id, NULL);
  care_sandbox_auth_send_mail (self, user->username, login->id, channel, by_text ? user->phone : user->email,
                               code, "code");
  care_sandbox_sql_run (self, "UPDATE logins SET channel = ?, step = 'verify' WHERE id = ?",
                        channel, login->id, NULL);
  g_free (login->channel);
  login->channel = g_strdup (channel);
  g_free (login->step);
  login->step = g_strdup ("verify");
  return TRUE;
}

static const char *
rationed_text (gboolean es)
{
  return TR (es, "<p class=\"error\">Too many codes were sent to this account. Use the last one, or "
                 "try again in 10 minutes.</p>",
             "<p class=\"error\">Se enviaron demasiados códigos a esta cuenta. Use el último o vuelva a "
             "intentarlo en 10 minutos.</p>");
}

/* Passwords ---------------------------------------------------------------- */

/* PBKDF2 takes a fifth of a second on purpose: it runs on worker threads,
 * at most a few at once, so sign-ins never hold up the FHIR requests the
 * server's one thread answers. More waiting than the queue takes is 503. */
#define MAX_HASHING  2
#define MAX_WAITING  32

typedef struct
{
  CareSandbox       *self;
  SoupServerMessage *msg;
  char              *login;
  char              *csrf;
  char              *username;
  char              *password;
  char              *salt;
  guint              iterations;
  gboolean           es;
} PasswordCheck;

static guint hashing;
static guint hashed;      /* passwords hashed since the start, for tests */
static GQueue waiting = G_QUEUE_INIT;

static void
password_check_free (PasswordCheck *check)
{
  g_object_unref (check->self);
  g_object_unref (check->msg);
  g_free (check->login);
  g_free (check->csrf);
  g_free (check->username);
  g_free (check->password);
  g_free (check->salt);
  g_free (check);
}

/**
 * care_sandbox_login_count_hashing: (skip)
 *
 * Returns: the passwords being hashed or waiting for a worker
 */
guint
care_sandbox_login_count_hashing (void)
{
  return hashing + g_queue_get_length (&waiting);
}

/**
 * care_sandbox_login_count_hashed: (skip)
 *
 * Returns: the passwords hashed so far in this process, known usernames
 *   or not
 */
guint
care_sandbox_login_count_hashed (void)
{
  return hashed;
}

static const char *
locked_text (gboolean es)
{
  return TR (es, "<p class=\"error\">Too many wrong passwords. Your account is locked for 15 minutes. "
                 "Try again later, or reset your password.</p>",
             "<p class=\"error\">Demasiadas contraseñas incorrectas. Su cuenta está bloqueada durante 15 "
             "minutos. Vuelva a intentarlo más tarde o restablezca su contraseña.</p>");
}

/* Wrong passwords are counted for every username typed, existing or not,
 * in the same way: the warning before the lock and the lock itself come at
 * the same attempt, so neither tells which usernames exist. */
static void
get_failures (CareSandbox *self,
              const char  *username,
              int         *out_failures,
              gint64      *out_locked_until)
{
  sqlite3_stmt *stmt = NULL;

  *out_failures = 0;
  *out_locked_until = 0;
  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT failures, locked_until FROM users WHERE username = ?1 UNION ALL "
                      "SELECT failures, locked_until FROM unknown_logins WHERE username = ?1",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_failures = sqlite3_column_int (stmt, 0);
      *out_locked_until = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
}

static void
set_failures (CareSandbox *self,
              const char  *username,
              gboolean     known,
              int          failures,
              gint64       locked_until)
{
  g_autofree char *count = g_strdup_printf ("%d", failures);
  g_autofree char *until = g_strdup_printf ("%" G_GINT64_FORMAT, locked_until);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));
  g_autofree char *old = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self) - 24 * 3600);

  if (known)
    {
      care_sandbox_sql_run (self, "UPDATE users SET failures = ?, locked_until = ? WHERE username = ?",
                            count, until, username, NULL);
      return;
    }

  care_sandbox_sql_run (self, "DELETE FROM unknown_logins WHERE updated_at < ?", old, NULL);
  care_sandbox_sql_run (self, "INSERT OR REPLACE INTO unknown_logins (username, failures, locked_until, "
                              "updated_at) VALUES (?, ?, ?, ?)", username, count, until, now, NULL);
}

/* Password attempts from the client's address in the last minute, this
 * one counted; the sandbox listens on loopback, so in practice this caps
 * every caller together. */
static gboolean
address_over_limit (CareSandbox       *self,
                    SoupServerMessage *msg)
{
  const char *address = soup_server_message_get_remote_host (msg);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));
  g_autofree char *minute = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self) - 60);
  sqlite3_stmt *stmt = NULL;
  int attempts = 0;

  if (address == NULL)
    address = "";
  care_sandbox_sql_run (self, "DELETE FROM sign_in_attempts WHERE at <= ?", minute, NULL);
  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT COUNT(*) FROM sign_in_attempts WHERE address = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, address, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    attempts = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (attempts >= CARE_SANDBOX_ADDRESS_ATTEMPTS)
    return TRUE;

  care_sandbox_sql_run (self, "INSERT INTO sign_in_attempts (address, at) VALUES (?, ?)", address, now, NULL);
  return FALSE;
}

static void
finish_password (PasswordCheck *check,
                 const char    *hash)
{
  CareSandbox *self = check->self;
  SoupServerMessage *msg = check->msg;
  gboolean es = check->es;
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareSandboxLogin) login = NULL;
  g_autoptr(CareSandboxUser) user = NULL;
  gint64 now = care_sandbox_now (self);
  gint64 locked_until;
  int failures;

  /* The sign-in is read again: it may have moved on while the hash ran. */
  g_hash_table_insert (form, (char *)"login", check->login);
  g_hash_table_insert (form, (char *)"csrf", check->csrf);
  login = lookup_login (self, form);
  if (login == NULL || !g_str_equal (login->step, "password"))
    {
      care_sandbox_login_send_expired (msg, es);
      return;
    }

  user = care_sandbox_auth_lookup_user (self, check->username);
  if (user == NULL || check->password == NULL || !g_str_equal (user->salt, check->salt) ||
      !care_sandbox_crypto_equal (hash, user->hash))
    {
      const char *error = TR (es, "<p class=\"error\">The username or password is not right.</p>",
                              "<p class=\"error\">El usuario o la contraseña no son correctos.</p>");
      const char *name = user != NULL ? user->username : check->username;

      get_failures (self, name, &failures, &locked_until);
      failures++;
      if (failures >= CARE_SANDBOX_LOCK_AFTER)
        {
          set_failures (self, name, user != NULL, 0, now + CARE_SANDBOX_LOCK_SECONDS);
          care_sandbox_login_show_password (self, msg, login, es, SOUP_STATUS_FORBIDDEN, locked_text (es),
                                            check->username);
          return;
        }

      set_failures (self, name, user != NULL, failures, 0);
      if (failures == CARE_SANDBOX_LOCK_AFTER - 1)
        error = TR (es, "<p class=\"error\">The username or password is not right. One more wrong password "
                        "locks the account for 15 minutes.</p>",
                    "<p class=\"error\">El usuario o la contraseña no son correctos. Una contraseña "
                    "incorrecta más bloquea la cuenta durante 15 minutos.</p>");
      care_sandbox_login_show_password (self, msg, login, es, SOUP_STATUS_UNAUTHORIZED, error,
                                        check->username);
      return;
    }

  care_sandbox_sql_run (self, "UPDATE users SET failures = 0 WHERE username = ?", user->username, NULL);
  care_sandbox_sql_run (self, "UPDATE logins SET username = ? WHERE id = ?", user->username, login->id, NULL);
  g_free (login->username);
  login->username = g_strdup (user->username);

  if (care_sandbox_user_has_totp (user))
    set_step (self, login, "verify");
  else if (user->email[0] != '\0' && user->phone[0] != '\0')
    set_step (self, login, "channel");
  else if (user->email[0] != '\0' || user->phone[0] != '\0')
    {
      if (!send_code (self, login, user, user->email[0] != '\0' ? "email" : "sms"))
        {
          care_sandbox_login_show_verify (self, msg, login, user, es, 429, rationed_text (es));
          return;
        }
    }
  else
    {
      care_sandbox_sql_run (self, "DELETE FROM logins WHERE id = ?", login->id, NULL);
      care_sandbox_login_send_page (msg, SOUP_STATUS_FORBIDDEN, es,
                                    TR (es, "2-step verification", "Verificación en 2 pasos"),
                                    TR (es, "<p class=\"error\">This account has no e-mail address or "
                                            "phone number for a verification code. Call your clinic to "
                                            "add one.</p>",
                                        "<p class=\"error\">Esta cuenta no tiene correo ni teléfono para "
                                        "recibir un código de verificación. Llame a su clínica para "
                                        "agregar uno.</p>"),
                                    "");
      return;
    }

  care_sandbox_login_show_step (self, msg, login, es);
}

static void start_hashing (PasswordCheck *check);

/* What the worker needs, its own copy: the task may outlive the sign-in
 * on the worker's side for a moment after the answer. */
typedef struct
{
  char  *password;
  char  *salt;
  guint  iterations;
} HashJob;

static void
hash_job_free (HashJob *job)
{
  g_free (job->password);
  g_free (job->salt);
  g_free (job);
}

static void
hash_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HashJob *job = task_data;

  g_task_return_pointer (task, care_sandbox_crypto_hash_password (job->password, job->salt, job->iterations),
                         g_free);
}

static void
hashed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PasswordCheck *check = user_data;
  g_autofree char *hash = g_task_propagate_pointer (G_TASK (result), NULL);

  hashing--;
  hashed++;
  finish_password (check, hash);
  soup_server_message_unpause (check->msg);
  password_check_free (check);

  if (!g_queue_is_empty (&waiting))
    start_hashing (g_queue_pop_head (&waiting));
}

static void
start_hashing (PasswordCheck *check)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, hashed_cb, check);
  HashJob *job = g_new0 (HashJob, 1);

  job->password = g_strdup (check->password != NULL ? check->password : "");
  job->salt = g_strdup (check->salt);
  job->iterations = check->iterations;
  hashing++;
  g_task_set_source_tag (task, start_hashing);
  g_task_set_task_data (task, job, (GDestroyNotify)hash_job_free);
  g_task_run_in_thread (task, hash_in_thread);
}

static void
handle_password (CareSandbox       *self,
                 SoupServerMessage *msg,
                 CareSandboxLogin  *login,
                 GHashTable        *form,
                 gboolean           es)
{
  const char *username = g_hash_table_lookup (form, "username");
  const char *password = g_hash_table_lookup (form, "password");
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, username);
  PasswordCheck *check;
  gint64 locked_until;
  int failures;

  if (!g_str_equal (login->step, "password"))
    {
      care_sandbox_login_send_expired (msg, es);
      return;
    }

  if (address_over_limit (self, msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "60");
      care_sandbox_login_show_password (self, msg, login, es, 429,
                                        TR (es, "<p class=\"error\">Too many sign-in attempts from this "
                                                "computer. Wait a minute and try again.</p>",
                                            "<p class=\"error\">Demasiados intentos de inicio de sesión "
                                            "desde esta computadora. Espere un minuto y vuelva a "
                                            "intentarlo.</p>"),
                                        username);
      return;
    }

  /* Locked: the message says so whatever the password, right or wrong,
   * for a username that exists or not. */
  get_failures (self, user != NULL ? user->username : (username != NULL ? username : ""),
                &failures, &locked_until);
  if (locked_until > care_sandbox_now (self))
    {
      care_sandbox_login_show_password (self, msg, login, es, SOUP_STATUS_FORBIDDEN, locked_text (es),
                                        username);
      return;
    }

  if (hashing >= MAX_HASHING && g_queue_get_length (&waiting) >= MAX_WAITING)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "5");
      care_sandbox_login_show_password (self, msg, login, es, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                        TR (es, "<p class=\"error\">The portal is busy. Try again in a few "
                                                "seconds.</p>",
                                            "<p class=\"error\">El portal está ocupado. Vuelva a intentarlo "
                                            "en unos segundos.</p>"),
                                        username);
      return;
    }

  /* An unknown username costs the same hashing as a known one, so the time
   * taken does not tell which usernames exist. */
  check = g_new0 (PasswordCheck, 1);
  check->self = g_object_ref (self);
  check->msg = g_object_ref (msg);
  check->login = g_strdup (login->id);
  check->csrf = g_strdup (login->csrf);
  check->username = g_strdup (username != NULL ? username : "");
  check->password = g_strdup (password);
  check->salt = g_strdup (user != NULL ? user->salt : "00000000000000000000000000000000");
  check->iterations = user != NULL ? (guint)MAX (user->iterations, 1) : CARE_SANDBOX_DEFAULT_ITERATIONS;
  check->es = es;

  soup_server_message_pause (msg);
  if (hashing < MAX_HASHING)
    start_hashing (check);
  else
    g_queue_push_tail (&waiting, check);
}

static void
handle_send (CareSandbox       *self,
             SoupServerMessage *msg,
             CareSandboxLogin  *login,
             GHashTable        *form,
             gboolean           es)
{
  const char *channel = g_hash_table_lookup (form, "channel");
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, login->username);

  if ((!g_str_equal (login->step, "channel") && !g_str_equal (login->step, "verify")) || user == NULL ||
      care_sandbox_user_has_totp (user))
    {
      care_sandbox_login_send_expired (msg, es);
      return;
    }

  if ((g_strcmp0 (channel, "sms") == 0 && user->phone[0] != '\0' && !send_code (self, login, user, "sms")) ||
      (g_strcmp0 (channel, "email") == 0 && user->email[0] != '\0' && !send_code (self, login, user, "email")))
    {
      care_sandbox_login_show_verify (self, msg, login, user, es, 429, rationed_text (es));
      return;
    }

  care_sandbox_login_show_step (self, msg, login, es);
}

static gboolean
check_code (CareSandbox      *self,
            CareSandboxLogin *login,
            CareSandboxUser  *user,
            const char       *code)
{
  gint64 now = care_sandbox_now (self);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (code == NULL || strlen (code) != 6)
    return FALSE;

  if (care_sandbox_user_has_totp (user))
    {
      gint64 last = 0;
      gint64 matched = 0;

      sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT totp_step FROM users WHERE username = ?",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, user->username, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);

      /* One step either side allows for a slow typist or clock drift; a
       * step already used, or older, never works again (RFC 6238 §5.2). */
      for (int step = -1; step <= 1; step++)
        {
          gint64 counter = (now + step * 30) / 30;
          g_autofree char *expected = g_strdup_printf ("%06d", care_sandbox_crypto_totp (user->totp,
                                                                                          now + step * 30));

          if (counter > last && care_sandbox_crypto_equal (expected, code))
            matched = counter;
        }

      if (matched > 0)
        {
          g_autofree char *counter = g_strdup_printf ("%" G_GINT64_FORMAT, matched);

          care_sandbox_sql_run (self, "UPDATE users SET totp_step = ? WHERE username = ?", counter,
                                user->username, NULL);
        }
      return matched > 0;
    }

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT id FROM outbox WHERE login = ? AND code = ? "
                                                       "AND kind = 'code' AND used = 0 AND sent_at > ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, login->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now - CARE_SANDBOX_CODE_LIFETIME);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *row = g_strdup_printf ("%lld", (long long)sqlite3_column_int64 (stmt, 0));

      ok = TRUE;
      /* A code works once. */
      care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE id = ?", row, NULL);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static void
handle_verify (CareSandbox       *self,
               SoupServerMessage *msg,
               CareSandboxLogin  *login,
               GHashTable        *form,
               gboolean           es)
{
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, login->username);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) patients = NULL;

  if (!g_str_equal (login->step, "verify") || user == NULL)
    {
      care_sandbox_login_send_expired (msg, es);
      return;
    }

  /* The account's budget of wrong codes holds across sign-ins and new
   * codes: spent, no code works for the rest of the hour. */
  if (care_sandbox_auth_codes_blocked (self, user->username))
    {
      care_sandbox_sql_run (self, "DELETE FROM logins WHERE id = ?", login->id, NULL);
      care_sandbox_login_send_page (msg, SOUP_STATUS_FORBIDDEN, es,
                                    TR (es, "2-step verification", "Verificación en 2 pasos"),
                                    TR (es, "<p class=\"error\">Too many wrong codes for this account. "
                                            "Try again in an hour.</p>",
                                        "<p class=\"error\">Demasiados códigos incorrectos para esta "
                                        "cuenta. Vuelva a intentarlo en una hora.</p>"),
                                    "");
      return;
    }

  if (!check_code (self, login, user, g_hash_table_lookup (form, "code")))
    {
      care_sandbox_auth_note_wrong_code (self, user->username);
      /* A 6-digit code must not be guessed by trying: a few tries, then
       * the whole sign-in starts again. */
      if (login->attempts + 1 >= CARE_SANDBOX_CODE_ATTEMPTS)
        {
          care_sandbox_sql_run (self, "DELETE FROM logins WHERE id = ?", login->id, NULL);
          care_sandbox_login_send_page (msg, SOUP_STATUS_FORBIDDEN, es,
                                        TR (es, "2-step verification", "Verificación en 2 pasos"),
                                        TR (es, "<p class=\"error\">Too many wrong codes. Start again from "
                                                "the app.</p>",
                                            "<p class=\"error\">Demasiados códigos incorrectos. Vuelva a "
                                            "empezar desde la aplicación.</p>"),
                                        "");
          return;
        }
      care_sandbox_sql_run (self, "UPDATE logins SET attempts = attempts + 1 WHERE id = ?", login->id, NULL);
      care_sandbox_login_show_verify (self, msg, login, user, es, SOUP_STATUS_UNAUTHORIZED,
                   TR (es, "<p class=\"error\">That code is wrong or has expired.</p>",
                       "<p class=\"error\">El código es incorrecto o venció.</p>"));
      return;
    }

  patients = care_sandbox_auth_list_patients (self, user, kinds);
  if (patients->len == 0)
    {
      care_sandbox_sql_run (self, "DELETE FROM logins WHERE id = ?", login->id, NULL);
      care_sandbox_login_send_page (msg, SOUP_STATUS_FORBIDDEN, es,
                                    TR (es, "No record to open", "Ningún expediente para abrir"),
                                    TR (es, "<p>Your account cannot open any health record today.</p>",
                                        "<p>Su cuenta no puede abrir ningún expediente de salud hoy.</p>"),
                                    "");
      return;
    }

  if (patients->len == 1)
    {
      care_sandbox_sql_run (self, "UPDATE logins SET patient_id = ? WHERE id = ?",
                            (const char *)g_ptr_array_index (patients, 0), login->id, NULL);
      g_free (login->patient_id);
      login->patient_id = g_strdup (g_ptr_array_index (patients, 0));
      set_step (self, login, "consent");
    }
  else
    set_step (self, login, "patient");

  care_sandbox_login_show_step (self, msg, login, es);
}

static void
handle_patient (CareSandbox       *self,
                SoupServerMessage *msg,
                CareSandboxLogin  *login,
                GHashTable        *form,
                gboolean           es)
{
  const char *patient = g_hash_table_lookup (form, "patient");
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, login->username);

  if (!g_str_equal (login->step, "patient") || user == NULL)
    {
      care_sandbox_login_send_expired (msg, es);
      return;
    }

  /* Only a record the picker offered: the same age rule decides. */
  if (care_sandbox_auth_proxy_kind_for (self, user, patient) < 0)
    {
      care_sandbox_login_show_picker (self, msg, login, user, es);
      return;
    }

  care_sandbox_sql_run (self, "UPDATE logins SET patient_id = ? WHERE id = ?", patient, login->id, NULL);
  g_free (login->patient_id);
  login->patient_id = g_strdup (patient);
  set_step (self, login, "consent");
  care_sandbox_login_show_step (self, msg, login, es);
}

static void
handle_consent (CareSandbox       *self,
                SoupServerMessage *msg,
                CareSandboxLogin  *login,
                GHashTable        *form,
                gboolean           es)
{
  g_autofree char *location = NULL;

  if (!g_str_equal (login->step, "consent"))
    {
      care_sandbox_login_send_expired (msg, es);
      return;
    }

  /* A sign-in ends here, whatever the decision. */
  care_sandbox_sql_run (self, "DELETE FROM logins WHERE id = ?", login->id, NULL);

  if (g_strcmp0 (g_hash_table_lookup (form, "decision"), "allow") != 0)
    location = care_sandbox_auth_build_redirect (login->redirect_uri, login->state, "error", "access_denied");
  else
    {
      g_autofree char *granted = care_sandbox_login_dup_granted_scope (login->scope,
                                                                       g_hash_table_lookup (form, "share"));
      g_autofree char *code = care_sandbox_auth_issue_code (self, login->username, login->patient_id, granted,
                                                            login->redirect_uri, login->challenge);

      location = care_sandbox_auth_build_redirect (login->redirect_uri, login->state, "code", code);
    }

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

/**
 * care_sandbox_login_handle: (skip)
 * @self: a #CareSandbox
 * @msg: a POST request
 * @path: its path
 * @form: its decoded form
 *
 * Returns: %TRUE if @path was a step of a sign-in
 */
gboolean
care_sandbox_login_handle (CareSandbox       *self,
                           SoupServerMessage *msg,
                           const char        *path,
                           GHashTable        *form)
{
  static const struct
  {
    const char *path;
    void (*handle) (CareSandbox *, SoupServerMessage *, CareSandboxLogin *, GHashTable *, gboolean);
  } steps[] = {
    { "/login/password", handle_password },
    { "/login/send", handle_send },
    { "/login/verify", handle_verify },
    { "/login/patient", handle_patient },
    { "/login/consent", handle_consent },
    { "/login/show", NULL },
  };
  gboolean es = care_sandbox_wants_spanish (msg, form);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(CareSandboxLogin) login = NULL;

      if (!g_str_equal (path, steps[i].path))
        continue;

      login = lookup_login (self, form);
      if (login == NULL)
        care_sandbox_login_send_expired (msg, es);
      else if (steps[i].handle == NULL)
        care_sandbox_login_show_step (self, msg, login, es);
      else
        steps[i].handle (self, msg, login, form, es);
      return TRUE;
    }

  return FALSE;
}
