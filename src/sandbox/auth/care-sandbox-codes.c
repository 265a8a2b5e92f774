/* care-sandbox-codes.c — 2-step and reset codes against guessing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 6-digit code falls to guessing if every sign-in or every new code
 * brings fresh tries. So an account has one budget of wrong codes an
 * hour, 2-step and reset codes together, across sign-ins and new codes;
 * spent, no code works, right or wrong, and none is sent. Codes sent are
 * rationed too. A password reset ends every session of the login.
 */
#include "config.h"

#include "care-sandbox-auth.h"

static char *
dup_int64 (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/**
 * care_sandbox_auth_codes_blocked: (skip)
 * @self: a #CareSandbox
 * @username: a login
 *
 * Returns: %TRUE if @username spent its budget of wrong codes this hour:
 *   then no 2-step or reset code works, right or wrong, and none is sent
 */
gboolean
care_sandbox_auth_codes_blocked (CareSandbox *self,
                                 const char  *username)
{
  sqlite3_stmt *stmt = NULL;
  gboolean blocked = FALSE;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT failures >= ? FROM code_budget WHERE username = ? AND window_start > ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, CARE_SANDBOX_CODE_BUDGET);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, care_sandbox_now (self) - CARE_SANDBOX_CODE_WINDOW);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    blocked = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);

  return blocked;
}

/**
 * care_sandbox_auth_note_wrong_code: (skip)
 * @self: a #CareSandbox
 * @username: a login that gave a wrong 2-step or reset code
 */
void
care_sandbox_auth_note_wrong_code (CareSandbox *self,
                                   const char  *username)
{
  g_autofree char *now = dup_int64 (care_sandbox_now (self));
  g_autofree char *window = dup_int64 (care_sandbox_now (self) - CARE_SANDBOX_CODE_WINDOW);

  /* A window that has passed starts again at one. */
  care_sandbox_sql_run (self, "INSERT INTO code_budget (username, failures, window_start) VALUES (?, 1, ?) "
                              "ON CONFLICT (username) DO UPDATE SET "
                              "failures = CASE WHEN window_start > ? THEN failures + 1 ELSE 1 END, "
                              "window_start = CASE WHEN window_start > ? THEN window_start "
                              "ELSE excluded.window_start END",
                        username, now, window, window, NULL);
}

/**
 * care_sandbox_auth_may_send_code: (skip)
 * @self: a #CareSandbox
 * @username: a login
 * @kind: "code" or "reset"
 *
 * New codes are rationed: a few per code lifetime, and none while the
 * account's budget of wrong codes is spent.
 *
 * Returns: %TRUE if another code of @kind may be sent
 */
gboolean
care_sandbox_auth_may_send_code (CareSandbox *self,
                                 const char  *username,
                                 const char  *kind)
{
  sqlite3_stmt *stmt = NULL;
  int sent = 0;

  if (care_sandbox_auth_codes_blocked (self, username))
    return FALSE;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT COUNT(*) FROM outbox WHERE username = ? AND kind = ? AND sent_at > ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, care_sandbox_now (self) - CARE_SANDBOX_CODE_LIFETIME);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sent = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return sent < CARE_SANDBOX_CODES_SENT;
}

/**
 * care_sandbox_auth_end_sessions: (skip)
 * @self: a #CareSandbox
 * @username: a login whose password was just reset
 *
 * Whoever knew the old password is signed out everywhere: refresh
 * tokens, access tokens, sign-ins in flight and unused codes end.
 */
void
care_sandbox_auth_end_sessions (CareSandbox *self,
                                const char  *username)
{
  care_sandbox_sql_run (self, "UPDATE refresh_tokens SET revoked = 1 WHERE username = ?", username, NULL);
  care_sandbox_sql_run (self, "UPDATE codes SET used = 1 WHERE username = ?", username, NULL);
  care_sandbox_sql_run (self, "DELETE FROM logins WHERE username = ?", username, NULL);
  care_sandbox_sql_run (self, "UPDATE outbox SET used = 1 WHERE username = ?", username, NULL);
  care_sandbox_sql_run (self, "DELETE FROM code_budget WHERE username = ?", username, NULL);
  care_sandbox_drop_grants (self, NULL, username);
}
