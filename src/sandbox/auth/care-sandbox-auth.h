/* care-sandbox-auth.h — the sandbox's accounts, codes and tokens, shared by its sign-in pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the sandbox: care-sandbox-auth.c keeps the accounts and runs
 * the OAuth2 endpoints, care-sandbox-login.c and care-sandbox-recovery.c
 * draw the pages a person signs in with. The public calls (adding users,
 * proxies and activation codes) are in care-sandbox.h.
 */
#pragma once

#include "care-sandbox-private.h"

G_BEGIN_DECLS

#define CARE_SANDBOX_CLIENT_ID          "carebook"
/* PBKDF2 rounds of a password when the caller asks for the default. */
#define CARE_SANDBOX_DEFAULT_ITERATIONS 100000
/* Authorization codes, 2-step codes and reset codes: 10 minutes. */
#define CARE_SANDBOX_CODE_LIFETIME      600
/* A sign-in in flight (pages between /oauth2/authorize and the redirect). */
#define CARE_SANDBOX_LOGIN_LIFETIME     1800
#define CARE_SANDBOX_LOCK_AFTER         5
#define CARE_SANDBOX_LOCK_SECONDS       900
/* Wrong 2-step codes a sign-in may try before it has to start again. */
#define CARE_SANDBOX_CODE_ATTEMPTS      5
/* Wrong codes (2-step and reset together) an account may make in an hour,
 * whatever the sign-in or the code: then no code works until it passes.
 * A new code is no new chance to guess. */
#define CARE_SANDBOX_CODE_BUDGET        10
#define CARE_SANDBOX_CODE_WINDOW        3600
/* Codes of one kind an account is sent in a code's lifetime. */
#define CARE_SANDBOX_CODES_SENT         5
/* Password attempts one address may make in a minute. */
#define CARE_SANDBOX_ADDRESS_ATTEMPTS   30

/**
 * CareSandboxUser:
 *
 * One portal login, as stored.
 */
typedef struct
{
  char   *username;
  char   *salt;
  char   *hash;
  int     iterations;
  char   *display_name;
  char   *patient_id;     /* "" for a login with no record of its own */
  char   *email;
  char   *phone;
  char   *totp;           /* base32, "" when the user has no authenticator app */
  int     failures;
  gint64  locked_until;
} CareSandboxUser;

void             care_sandbox_user_free              (CareSandboxUser   *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSandboxUser, care_sandbox_user_free)

gboolean         care_sandbox_user_has_totp          (const CareSandboxUser *user);

sqlite3         *care_sandbox_auth_get_db            (CareSandbox       *self);
CareSandboxUser *care_sandbox_auth_lookup_user       (CareSandbox       *self,
                                                      const char        *username);
gboolean         care_sandbox_auth_set_password      (CareSandbox       *self,
                                                      const char        *username,
                                                      const char        *password);
GPtrArray       *care_sandbox_auth_list_patients     (CareSandbox       *self,
                                                      CareSandboxUser   *user,
                                                      GArray            *kinds);
int              care_sandbox_auth_proxy_kind_for    (CareSandbox       *self,
                                                      CareSandboxUser   *user,
                                                      const char        *patient_id);
char            *care_sandbox_auth_build_redirect    (const char        *redirect_uri,
                                                      const char        *state,
                                                      const char        *name,
                                                      const char        *value);
void             care_sandbox_auth_send_mail         (CareSandbox       *self,
                                                      const char        *username,
                                                      const char        *login,
                                                      const char        *channel,
                                                      const char        *address,
                                                      const char        *code,
                                                      const char        *kind);
char            *care_sandbox_auth_dup_form_token    (CareSandbox       *self,
                                                      const char        *purpose);
gboolean         care_sandbox_auth_check_form_token  (CareSandbox       *self,
                                                      const char        *purpose,
                                                      const char        *token);

/* care-sandbox-codes.c */
gboolean         care_sandbox_auth_codes_blocked     (CareSandbox       *self,
                                                      const char        *username);
void             care_sandbox_auth_note_wrong_code   (CareSandbox       *self,
                                                      const char        *username);
gboolean         care_sandbox_auth_may_send_code     (CareSandbox       *self,
                                                      const char        *username,
                                                      const char        *kind);
void             care_sandbox_auth_end_sessions      (CareSandbox       *self,
                                                      const char        *username);

/* care-sandbox-tokens.c */
char            *care_sandbox_auth_issue_code        (CareSandbox       *self,
                                                      const char        *username,
                                                      const char        *patient_id,
                                                      const char        *scope,
                                                      const char        *redirect_uri,
                                                      const char        *challenge);
char            *care_sandbox_auth_dup_supported_scope (const char      *requested);
gboolean         care_sandbox_auth_scope_has_data    (const char        *scope);
char            *care_sandbox_auth_issue_tokens_for_tests (CareSandbox *self,
                                                          const char  *username,
                                                          const char  *patient_id,
                                                          const char  *scope,
                                                          char       **out_refresh);
void             care_sandbox_tokens_send_json       (SoupServerMessage *msg,
                                                      guint              status,
                                                      JsonObject        *object);
void             care_sandbox_tokens_send_error      (SoupServerMessage *msg,
                                                      guint              status,
                                                      const char        *error,
                                                      const char        *description);
void             care_sandbox_tokens_send_for        (CareSandbox       *self,
                                                      SoupServerMessage *msg,
                                                      const char        *username,
                                                      const char        *patient_id,
                                                      const char        *scope,
                                                      const char        *family);
gboolean         care_sandbox_tokens_handle          (CareSandbox       *self,
                                                      SoupServerMessage *msg,
                                                      const char        *path,
                                                      GHashTable        *form);

G_END_DECLS
