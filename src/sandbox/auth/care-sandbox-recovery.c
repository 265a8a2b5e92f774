/* care-sandbox-recovery.c — forgotten usernames and passwords, and sign-up
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portal pages a patient reaches from the sign-in page: a username
 * reminder and a password reset by e-mail (both answer the same whether
 * or not the address is known, so nobody can probe for accounts), and
 * sign-up with the activation code a clinic hands out. E-mails land in
 * the outbox like 2-step codes. No sign-in stands behind these forms, so
 * their CSRF token is signed by the sandbox (care_sandbox_auth_dup_form_token).
 */
#include "config.h"

#include "care-sandbox-auth.h"
#include "care-sandbox-crypto.h"
#include "care-sandbox-login.h"

#include <string.h>

#define MIN_PASSWORD    10

static const char *
lang_of (gboolean es)
{
  return es ? "es" : "en";
}

/* After a POST, the language links go back to the form's first page. */
static char *
dup_language_links (const char *path)
{
  return g_strdup_printf ("<a href=\"%s?lang=en\" lang=\"en\">English</a> · "
                          "<a href=\"%s?lang=es\" lang=\"es\">Español</a>", path, path);
}

static void
send_page (SoupServerMessage *msg,
           guint              status,
           gboolean           es,
           const char        *path,
           const char        *title,
           const char        *body)
{
  g_autofree char *languages = NULL;

  if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    languages = dup_language_links (path);
  care_sandbox_login_send_page (msg, status, es, title, body, languages);
}

static char *
dup_token_field (CareSandbox *self,
                 const char  *purpose)
{
  g_autofree char *token = care_sandbox_auth_dup_form_token (self, purpose);

  return g_strdup_printf ("<input type=\"hidden\" name=\"token\" value=\"%s\">", token);
}

static void
page_forgot_username (CareSandbox       *self,
                      SoupServerMessage *msg,
                      gboolean           es)
{
  g_autofree char *token = dup_token_field (self, "forgot-username");
  g_autofree char *body = g_strdup_printf (
    "<p>%s</p><form method=\"post\" action=\"/login/forgot-username\">%s"
    "<input type=\"hidden\" name=\"lang\" value=\"%s\"><label for=\"e\">%s</label>"
    "<input type=\"email\" id=\"e\" name=\"email\" autocomplete=\"email\" autofocus>"
    "<button type=\"submit\">%s</button></form>",
    TR (es, "We will e-mail your username to the address on your account.",
        "Le enviaremos su usuario a la dirección de correo de su cuenta."),
    token, lang_of (es), TR (es, "E-mail address", "Correo electrónico"),
    TR (es, "Send My Username", "Enviar mi usuario"));

  send_page (msg, SOUP_STATUS_OK, es, "/login/forgot-username",
             TR (es, "Forgot your username?", "¿Olvidó su usuario?"), body);
}

static void
page_forgot_password (CareSandbox       *self,
                      SoupServerMessage *msg,
                      gboolean           es)
{
  g_autofree char *token = dup_token_field (self, "forgot-password");
  g_autofree char *body = g_strdup_printf (
    "<p>%s</p><form method=\"post\" action=\"/login/forgot-password\">%s"
    "<input type=\"hidden\" name=\"lang\" value=\"%s\"><label for=\"u\">%s</label>"
    "<input type=\"text\" id=\"u\" name=\"username\" autocomplete=\"username\" autofocus>"
    "<label for=\"e\">%s</label><input type=\"email\" id=\"e\" name=\"email\" autocomplete=\"email\">"
    "<button type=\"submit\">%s</button></form>",
    TR (es, "We will e-mail you a code to choose a new password.",
        "Le enviaremos por correo un código para elegir una contraseña nueva."),
    token, lang_of (es), TR (es, "Username", "Usuario"), TR (es, "E-mail address", "Correo electrónico"),
    TR (es, "Send a Reset Code", "Enviar un código"));

  send_page (msg, SOUP_STATUS_OK, es, "/login/forgot-password",
             TR (es, "Forgot your password?", "¿Olvidó su contraseña?"), body);
}

static void
page_signup (CareSandbox       *self,
             SoupServerMessage *msg,
             gboolean           es,
             guint              status,
             const char        *error)
{
  g_autofree char *token = dup_token_field (self, "signup");
  g_autofree char *body = g_strdup_printf (
    "%s<p>%s</p><form method=\"post\" action=\"/login/signup\">%s"
    "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
    "<label for=\"a\">%s</label><input type=\"text\" id=\"a\" name=\"activation\" autofocus>"
    "<label for=\"u\">%s</label><input type=\"text\" id=\"u\" name=\"username\" autocomplete=\"username\">"
    "<label for=\"e\">%s</label><input type=\"email\" id=\"e\" name=\"email\" autocomplete=\"email\">"
    "<label for=\"p\">%s</label><input type=\"password\" id=\"p\" name=\"password\" "
    "autocomplete=\"new-password\">"
    "<button type=\"submit\">%s</button></form>",
    error != NULL ? error : "",
    TR (es, "Your clinic gives you an activation code with your after-visit summary.",
        "Su clínica le da un código de activación con el resumen de su visita."),
    token, lang_of (es),
    TR (es, "Activation code", "Código de activación"),
    TR (es, "Choose a username", "Elija un usuario"), TR (es, "E-mail address", "Correo electrónico"),
    TR (es, "Choose a password (10 characters or more)", "Elija una contraseña (10 caracteres o más)"),
    TR (es, "Create Account", "Crear la cuenta"));

  send_page (msg, status, es, "/login/signup", TR (es, "Sign up", "Regístrese"), body);
}

/* The user with this address (and username), if any. */
static char *
dup_username_for (CareSandbox *self,
                  const char  *email,
                  const char  *username)
{
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      username != NULL
                      ? "SELECT username FROM users WHERE email != '' AND lower(email) = lower(?) "
                        "AND username = ?"
                      : "SELECT username FROM users WHERE email != '' AND lower(email) = lower(?)",
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
send_form_expired (SoupServerMessage *msg,
                   gboolean           es,
                   const char        *path)
{
  g_autofree char *body = g_strdup_printf (TR (es, "<p class=\"error\">This form has expired.</p>"
                                                   "<p><a href=\"%s?lang=en\">Open it again</a></p>",
                                               "<p class=\"error\">Este formulario venció.</p>"
                                               "<p><a href=\"%s?lang=es\">Ábralo de nuevo</a></p>"),
                                           path);

  send_page (msg, SOUP_STATUS_BAD_REQUEST, es, path, TR (es, "Form expired", "Formulario vencido"), body);
}

static void
post_forgot_username (CareSandbox       *self,
                      SoupServerMessage *msg,
                      GHashTable        *form,
                      gboolean           es)
{
  const char *email = g_hash_table_lookup (form, "email");
  g_autofree char *username = email != NULL ? dup_username_for (self, email, NULL) : NULL;
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, username);

  /* To the address on the account, however it was typed. */
  if (user != NULL)
    care_sandbox_auth_send_mail (self, user->username, NULL, "email", user->email, user->username,
                                 "username");

  send_page (msg, SOUP_STATUS_OK, es, "/login/forgot-username",
             TR (es, "Check your e-mail", "Revise su correo"),
             TR (es, "<p>If an account uses that address, we sent its username there.</p>",
                 "<p>Si una cuenta usa esa dirección, le enviamos allí su usuario.</p>"));
}

static void
page_reset (CareSandbox       *self,
            SoupServerMessage *msg,
            gboolean           es,
            guint              status,
            const char        *username,
            const char        *message)
{
  g_autofree char *token = dup_token_field (self, "reset");
  g_autofree char *escaped = g_markup_escape_text (username != NULL ? username : "", -1);
  g_autofree char *body = g_strdup_printf (
    "%s<form method=\"post\" action=\"/login/reset\">%s<input type=\"hidden\" name=\"lang\" value=\"%s\">"
    "<input type=\"hidden\" name=\"username\" value=\"%s\">"
    "<label for=\"c\">%s</label><input type=\"text\" id=\"c\" name=\"code\" inputmode=\"numeric\" "
    "autocomplete=\"one-time-code\" autofocus>"
    "<label for=\"p\">%s</label><input type=\"password\" id=\"p\" name=\"password\" "
    "autocomplete=\"new-password\">"
    "<button type=\"submit\">%s</button></form>",
    message, token, lang_of (es), escaped,
    TR (es, "Code", "Código"), TR (es, "New password (10 characters or more)",
                                   "Contraseña nueva (10 caracteres o más)"),
    TR (es, "Change Password", "Cambiar la contraseña"));

  send_page (msg, status, es, "/login/forgot-password",
             TR (es, "Reset your password", "Restablezca su contraseña"), body);
}

static void
post_forgot_password (CareSandbox       *self,
                      SoupServerMessage *msg,
                      GHashTable        *form,
                      gboolean           es)
{
  const char *email = g_hash_table_lookup (form, "email");
  const char *username = g_hash_table_lookup (form, "username");
  g_autofree char *found = email != NULL && username != NULL ? dup_username_for (self, email, username)
                                                             : NULL;
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, found);

  /* Rationed, and the page says the same whether or not one was sent. */
  if (user != NULL && care_sandbox_auth_may_send_code (self, user->username, "reset"))
    {
      g_autofree char *code = care_sandbox_crypto_random_digits (6);

      /* Only the newest reset code works. */
      care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE username = ? AND kind = 'reset'",
                            user->username, NULL);
      care_sandbox_auth_send_mail (self, user->username, NULL, "email", user->email, code, "reset");
    }

  page_reset (self, msg, es, SOUP_STATUS_OK, username,
              TR (es, "<p>If the username and address match, we sent a 6-digit code there. "
                      "It expires in 10 minutes.</p>",
                  "<p>Si el usuario y la dirección coinciden, le enviamos allí un código de 6 dígitos. "
                  "Vence en 10 minutos.</p>"));
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

  /* Past the account's budget of wrong codes, no code works. */
  if (username != NULL && code != NULL && !care_sandbox_auth_codes_blocked (self, username))
    {
      sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                          "SELECT id FROM outbox WHERE username = ? AND code = ? AND kind = 'reset' "
                          "AND used = 0 AND sent_at > ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, care_sandbox_now (self) - CARE_SANDBOX_CODE_LIFETIME);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  if (id == 0)
    {
      /* A 6-digit code must not be guessed by trying: after a few wrong
       * ones the user's reset code dies and a new one must be asked for. */
      if (username != NULL)
        {
          g_autofree char *limit = g_strdup_printf ("%d", CARE_SANDBOX_CODE_ATTEMPTS);

          care_sandbox_sql_run (self, "UPDATE outbox SET attempts = attempts + 1 WHERE username = ? "
                                      "AND kind = 'reset' AND used = 0", username, NULL);
          care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE username = ? AND kind = 'reset' "
                                      "AND attempts >= ?", username, limit, NULL);
          if (code != NULL)
            {
              g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, username);

              if (user != NULL)
                care_sandbox_auth_note_wrong_code (self, user->username);
            }
        }
      page_reset (self, msg, es, SOUP_STATUS_BAD_REQUEST, username,
                  TR (es, "<p class=\"error\">The code is wrong or has expired. After 5 wrong codes, ask "
                          "for a new one.</p>",
                      "<p class=\"error\">El código es incorrecto o venció. Después de 5 códigos "
                      "incorrectos, pida uno nuevo.</p>"));
      return;
    }

  if (password == NULL || g_utf8_strlen (password, -1) < MIN_PASSWORD)
    {
      page_reset (self, msg, es, SOUP_STATUS_BAD_REQUEST, username,
                  TR (es, "<p class=\"error\">Choose a password of 10 characters or more.</p>",
                      "<p class=\"error\">Elija una contraseña de 10 caracteres o más.</p>"));
      return;
    }

  {
    g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE id = ?", row, NULL);
    care_sandbox_auth_set_password (self, username, password);
    /* Whoever had the old password is signed out everywhere. */
    care_sandbox_auth_end_sessions (self, username);
  }

  send_page (msg, SOUP_STATUS_OK, es, "/login/forgot-password",
             TR (es, "Password changed", "Contraseña cambiada"),
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
      sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                          "SELECT patient_id FROM activation_codes WHERE code = ? AND used = 0",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, g_strstrip (g_strdup (activation)), -1, g_free);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        patient = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  if (username != NULL && username[0] != '\0' && strchr (username, ':') == NULL)
    {
      sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT 1 FROM users WHERE username = ?",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }

  if (patient == NULL)
    {
      page_signup (self, msg, es, SOUP_STATUS_BAD_REQUEST,
                   TR (es, "<p class=\"error\">That activation code is not valid or was already used.</p>",
                       "<p class=\"error\">Ese código de activación no es válido o ya se usó.</p>"));
      return;
    }
  if (taken || email == NULL || strchr (email, '@') == NULL || password == NULL ||
      g_utf8_strlen (password, -1) < MIN_PASSWORD)
    {
      page_signup (self, msg, es, SOUP_STATUS_BAD_REQUEST,
                   TR (es, "<p class=\"error\">Choose another username, give an e-mail address and a "
                           "password of 10 characters or more.</p>",
                       "<p class=\"error\">Elija otro usuario, escriba un correo y una contraseña de 10 "
                       "caracteres o más.</p>"));
      return;
    }

  care_sandbox_add_user (self, username, password, username, patient, email, NULL, 0);
  care_sandbox_sql_run (self, "UPDATE activation_codes SET used = 1 WHERE code = ?", activation, NULL);
  send_page (msg, SOUP_STATUS_OK, es, "/login/signup", TR (es, "Account created", "Cuenta creada"),
             TR (es, "<p>Your account is ready. Go back to the app and sign in.</p>",
                 "<p>Su cuenta está lista. Vuelva a la aplicación e inicie sesión.</p>"));
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
  g_return_val_if_fail (code != NULL && patient_id != NULL, FALSE);

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
  static const struct
  {
    const char *path;
    const char *purpose;
    void (*page) (CareSandbox *, SoupServerMessage *, gboolean);
    void (*post) (CareSandbox *, SoupServerMessage *, GHashTable *, gboolean);
  } pages[] = {
    { "/login/forgot-username", "forgot-username", page_forgot_username, post_forgot_username },
    { "/login/forgot-password", "forgot-password", page_forgot_password, post_forgot_password },
    { "/login/reset", "reset", NULL, post_reset },
    { "/login/signup", "signup", NULL, post_signup },
  };
  gboolean es = care_sandbox_wants_spanish (msg, form);
  gboolean post = g_str_equal (soup_server_message_get_method (msg), "POST");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (!g_str_equal (path, pages[i].path))
        continue;

      if (!post && g_str_equal (path, "/login/signup"))
        page_signup (self, msg, es, SOUP_STATUS_OK, NULL);
      else if (!post && pages[i].page != NULL)
        pages[i].page (self, msg, es);
      else if (!post)
        return FALSE;
      else if (!care_sandbox_auth_check_form_token (self, pages[i].purpose,
                                                    g_hash_table_lookup (form, "token")))
        send_form_expired (msg, es, g_str_equal (path, "/login/reset") ? "/login/forgot-password" : path);
      else
        pages[i].post (self, msg, form, es);
      return TRUE;
    }

  return FALSE;
}
