/* care-sandbox-recovery.c — forgotten usernames and passwords, and sign-up
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portal pages a patient reaches from the sign-in page: a username
 * reminder and a password reset by e-mail (both answer the same whether
 * or not the address is known, so nobody can probe for accounts), and
 * sign-up with the activation code a clinic hands out. E-mails land in
 * the outbox like 2-step codes.
 */
#include "config.h"

#include "care-sandbox-crypto.h"
#include "care-sandbox-private.h"

#include <string.h>

#define RESET_LIFETIME 600

static sqlite3 *
db (CareSandbox *self)
{
  return care_sandbox_store_get_db (care_sandbox_get_store (self));
}

static const char *
lang_of (gboolean es)
{
  return es ? "es" : "en";
}

static void
page_forgot_username (SoupServerMessage *msg,
                      gboolean           es)
{
  g_autofree char *body = g_strdup_printf (
    "<form method=\"post\" action=\"/login/forgot-username\"><input type=\"hidden\" name=\"lang\" "
    "value=\"%s\"><label for=\"e\">%s</label><input type=\"text\" id=\"e\" name=\"email\" autofocus>"
    "<button type=\"submit\">%s</button></form>",
    lang_of (es), TR (es, "E-mail address", "Correo electrónico"), TR (es, "Send", "Enviar"));

  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Forgot your username?", "¿Olvidó su usuario?"),
                          body);
}

static void
page_forgot_password (SoupServerMessage *msg,
                      gboolean           es)
{
  g_autofree char *body = g_strdup_printf (
    "<form method=\"post\" action=\"/login/forgot-password\"><input type=\"hidden\" name=\"lang\" "
    "value=\"%s\"><label for=\"u\">%s</label><input type=\"text\" id=\"u\" name=\"username\" autofocus>"
    "<label for=\"e\">%s</label><input type=\"text\" id=\"e\" name=\"email\">"
    "<button type=\"submit\">%s</button></form>",
    lang_of (es), TR (es, "Username", "Usuario"), TR (es, "E-mail address", "Correo electrónico"),
    TR (es, "Send a reset code", "Enviar un código"));

  care_sandbox_send_page (msg, SOUP_STATUS_OK, es,
                          TR (es, "Forgot your password?", "¿Olvidó su contraseña?"), body);
}

static void
page_signup (SoupServerMessage *msg,
             gboolean           es,
             guint              status,
             const char        *error)
{
  g_autofree char *body = g_strdup_printf (
    "%s<form method=\"post\" action=\"/login/signup\"><input type=\"hidden\" name=\"lang\" value=\"%s\">"
    "<label for=\"a\">%s</label><input type=\"text\" id=\"a\" name=\"activation\" autofocus>"
    "<label for=\"u\">%s</label><input type=\"text\" id=\"u\" name=\"username\">"
    "<label for=\"e\">%s</label><input type=\"text\" id=\"e\" name=\"email\">"
    "<label for=\"p\">%s</label><input type=\"password\" id=\"p\" name=\"password\">"
    "<button type=\"submit\">%s</button></form>",
    error != NULL ? error : "", lang_of (es),
    TR (es, "Activation code from your clinic", "Código de activación de su clínica"),
    TR (es, "Choose a username", "Elija un usuario"), TR (es, "E-mail address", "Correo electrónico"),
    TR (es, "Choose a password (10 characters or more)", "Elija una contraseña (10 caracteres o más)"),
    TR (es, "Create Account", "Crear la cuenta"));

  care_sandbox_send_page (msg, status, es, TR (es, "Sign up", "Regístrese"), body);
}

/* The user with this address, if any. */
static char *
dup_username_for (CareSandbox *self,
                  const char  *email,
                  const char  *username)
{
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;

  sqlite3_prepare_v2 (db (self), username != NULL
                                 ? "SELECT username FROM users WHERE lower(email) = lower(?) AND username = ?"
                                 : "SELECT username FROM users WHERE lower(email) = lower(?)",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (username != NULL)
    sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return found;
}

static void
send_mail (CareSandbox *self,
           const char  *username,
           const char  *email,
           const char  *code,
           const char  *kind)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, care_sandbox_now (self));

  care_sandbox_sql_run (self, "INSERT INTO outbox (username, login, address, code, sent_at, kind) "
                              "VALUES (?, '', ?, ?, ?, ?)",
                        username, email, code, now, kind, NULL);
}

static void
post_forgot_username (CareSandbox       *self,
                      SoupServerMessage *msg,
                      GHashTable        *form,
                      gboolean           es)
{
  const char *email = g_hash_table_lookup (form, "email");
  g_autofree char *username = email != NULL ? dup_username_for (self, email, NULL) : NULL;

  if (username != NULL)
    send_mail (self, username, email, username, "username");

  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Check your e-mail", "Revise su correo"),
                          TR (es, "<p>If an account uses that address, we sent its username there.</p>",
                              "<p>Si una cuenta usa esa dirección, le enviamos allí su usuario.</p>"));
}

static void
post_forgot_password (CareSandbox       *self,
                      SoupServerMessage *msg,
                      GHashTable        *form,
                      gboolean           es)
{
  const char *email = g_hash_table_lookup (form, "email");
  const char *username = g_hash_table_lookup (form, "username");
  g_autofree char *found = email != NULL && username != NULL
                           ? dup_username_for (self, email, username) : NULL;
  g_autofree char *body = NULL;

  if (found != NULL)
    {
      g_autofree char *code = care_sandbox_crypto_random_digits (6);

      send_mail (self, found, email, code, "reset");
    }

  body = g_strdup_printf (
    "<p>%s</p><form method=\"post\" action=\"/login/reset\"><input type=\"hidden\" name=\"lang\" value=\"%s\">"
    "<input type=\"hidden\" name=\"username\" value=\"%s\">"
    "<label for=\"c\">%s</label><input type=\"text\" id=\"c\" name=\"code\" autofocus>"
    "<label for=\"p\">%s</label><input type=\"password\" id=\"p\" name=\"password\">"
    "<button type=\"submit\">%s</button></form>",
    TR (es, "If the username and address match, we sent a 6-digit code. It expires in 10 minutes.",
        "Si el usuario y la dirección coinciden, le enviamos un código de 6 dígitos. Vence en 10 minutos."),
    lang_of (es), username != NULL ? username : "",
    TR (es, "Code", "Código"), TR (es, "New password", "Contraseña nueva"),
    TR (es, "Change Password", "Cambiar la contraseña"));
  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Reset your password", "Restablezca su contraseña"),
                          body);
}

static void
post_reset (CareSandbox       *self,
            SoupServerMessage *msg,
            GHashTable        *form,
            gboolean           es)
{
  const char *username = g_hash_table_lookup (form, "username");
  const char *code = g_hash_table_lookup (form, "code");
  const char *password = g_hash_table_lookup (form, "password");
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (username != NULL && code != NULL)
    {
      sqlite3_prepare_v2 (db (self), "SELECT id FROM outbox WHERE username = ? AND code = ? AND "
                                     "kind = 'reset' AND used = 0 AND sent_at > ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, care_sandbox_now (self) - RESET_LIFETIME);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  if (id == 0 || password == NULL || strlen (password) < 10)
    {
      care_sandbox_send_page (msg, SOUP_STATUS_BAD_REQUEST, es,
                              TR (es, "Reset your password", "Restablezca su contraseña"),
                              TR (es, "<p class=\"error\">The code is wrong or has expired, or the new "
                                      "password is shorter than 10 characters.</p>",
                                  "<p class=\"error\">El código es incorrecto o venció, o la contraseña "
                                  "nueva tiene menos de 10 caracteres.</p>"));
      return;
    }

  {
    g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autofree char *salt = care_sandbox_crypto_new_salt ();
    g_autofree char *hash = NULL;
    int iterations = 100000;

    /* Keep the account's PBKDF2 strength. */
    sqlite3_prepare_v2 (db (self), "SELECT iterations FROM users WHERE username = ?", -1, &stmt, NULL);
    sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      iterations = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);

    hash = care_sandbox_crypto_hash_password (password, salt, iterations);
    care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE id = ?", row, NULL);
    care_sandbox_sql_run (self, "UPDATE users SET salt = ?, hash = ?, failures = 0, locked_until = 0 "
                                "WHERE username = ?", salt, hash, username, NULL);
  }

  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Password changed", "Contraseña cambiada"),
                          TR (es, "<p>Go back to the app and sign in with your new password.</p>",
                              "<p>Vuelva a la aplicación e inicie sesión con su nueva contraseña.</p>"));
}

static void
post_signup (CareSandbox       *self,
             SoupServerMessage *msg,
             GHashTable        *form,
             gboolean           es)
{
  const char *activation = g_hash_table_lookup (form, "activation");
  const char *username = g_hash_table_lookup (form, "username");
  const char *email = g_hash_table_lookup (form, "email");
  const char *password = g_hash_table_lookup (form, "password");
  sqlite3_stmt *stmt = NULL;
  g_autofree char *patient = NULL;
  gboolean taken = TRUE;

  if (activation != NULL)
    {
      sqlite3_prepare_v2 (db (self), "SELECT patient_id FROM activation_codes WHERE code = ? AND used = 0",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, activation, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        patient = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  if (username != NULL && username[0] != '\0')
    {
      sqlite3_prepare_v2 (db (self), "SELECT 1 FROM users WHERE username = ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }

  if (patient == NULL)
    {
      page_signup (msg, es, SOUP_STATUS_BAD_REQUEST,
                   TR (es, "<p class=\"error\">That activation code is not valid or was already used.</p>",
                       "<p class=\"error\">Ese código de activación no es válido o ya se usó.</p>"));
      return;
    }
  if (taken || email == NULL || password == NULL || strlen (password) < 10)
    {
      page_signup (msg, es, SOUP_STATUS_BAD_REQUEST,
                   TR (es, "<p class=\"error\">Choose another username, give an e-mail address and a "
                           "password of 10 characters or more.</p>",
                       "<p class=\"error\">Elija otro usuario, escriba un correo y una contraseña de 10 "
                       "caracteres o más.</p>"));
      return;
    }

  care_sandbox_add_user (self, username, password, username, patient, email, NULL, 0);
  care_sandbox_sql_run (self, "UPDATE activation_codes SET used = 1 WHERE code = ?", activation, NULL);
  care_sandbox_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Account created", "Cuenta creada"),
                          TR (es, "<p>Go back to the app and sign in.</p>",
                              "<p>Vuelva a la aplicación e inicie sesión.</p>"));
}

/**
 * care_sandbox_add_activation_code:
 * @self: a #CareSandbox
 * @code: the code a clinic gives a patient
 * @patient_id: the record a new login made with it opens
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_add_activation_code (CareSandbox *self,
                                  const char  *code,
                                  const char  *patient_id)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);

  return care_sandbox_sql_run (self, "INSERT OR REPLACE INTO activation_codes (code, patient_id) "
                                     "VALUES (?, ?)", code, patient_id, NULL) == SQLITE_DONE;
}

/**
 * care_sandbox_recovery_handle:
 * @self: a #CareSandbox
 * @msg: a request
 * @path: its path
 * @form: the query (GET) or the form (POST)
 *
 * Returns: %TRUE if the request was one of these pages
 */
gboolean
care_sandbox_recovery_handle (CareSandbox       *self,
                              SoupServerMessage *msg,
                              const char        *path,
                              GHashTable        *form)
{
  gboolean es = care_sandbox_wants_spanish (msg, form);
  gboolean post = g_str_equal (soup_server_message_get_method (msg), "POST");

  if (g_str_equal (path, "/login/forgot-username"))
    post ? post_forgot_username (self, msg, form, es) : page_forgot_username (msg, es);
  else if (g_str_equal (path, "/login/forgot-password"))
    post ? post_forgot_password (self, msg, form, es) : page_forgot_password (msg, es);
  else if (g_str_equal (path, "/login/reset") && post)
    post_reset (self, msg, form, es);
  else if (g_str_equal (path, "/login/signup"))
    post ? post_signup (self, msg, form, es) : page_signup (msg, es, SOUP_STATUS_OK, NULL);
  else
    return FALSE;

  return TRUE;
}
