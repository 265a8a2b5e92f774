/* care-sandbox-login.h — the sandbox's sign-in pages, in English and Spanish
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-auth.h"

G_BEGIN_DECLS

/**
 * CareSandboxLogin:
 *
 * A sign-in in flight: a row of the logins table.
 */
typedef struct
{
  char *id;            /* random; a hidden field of every form */
  char *csrf;          /* random; checked with the id */
  char *redirect_uri;
  char *state;
  char *challenge;
  char *scope;         /* the supported part of the requested scope */
  char *username;      /* "" until the password was right */
  char *step;          /* password, channel, verify, patient or consent */
  char *patient_id;
  char *channel;       /* where the 2-step code went: email or sms */
  char *hint;          /* login_hint, shown as the username */
  int   attempts;      /* wrong 2-step codes so far */
} CareSandboxLogin;

void      care_sandbox_login_free       (CareSandboxLogin  *login);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSandboxLogin, care_sandbox_login_free)

/* care-sandbox-login.c */
void      care_sandbox_login_start      (CareSandbox       *self,
                                         SoupServerMessage *msg,
                                         GHashTable        *params,
                                         const char        *scope);
gboolean  care_sandbox_login_handle     (CareSandbox       *self,
                                         SoupServerMessage *msg,
                                         const char        *path,
                                         GHashTable        *form);
guint     care_sandbox_login_count_hashing (void);
guint     care_sandbox_login_count_hashed  (void);

/* care-sandbox-login-pages.c */
void      care_sandbox_login_send_page  (SoupServerMessage *msg,
                                         guint              status,
                                         gboolean           es,
                                         const char        *title,
                                         const char        *body,
                                         const char        *languages);
char     *care_sandbox_login_dup_granted_scope (const char *requested,
                                                const char *shared);
char     *care_sandbox_login_dup_masked (const char        *address,
                                         gboolean           is_email);
void      care_sandbox_login_send_expired (SoupServerMessage *msg,
                                           gboolean           es);
void      care_sandbox_login_show_step  (CareSandbox       *self,
                                         SoupServerMessage *msg,
                                         CareSandboxLogin  *login,
                                         gboolean           es);
void      care_sandbox_login_show_password (CareSandbox       *self,
                                            SoupServerMessage *msg,
                                            CareSandboxLogin  *login,
                                            gboolean           es,
                                            guint              status,
                                            const char        *error,
                                            const char        *username);
void      care_sandbox_login_show_verify (CareSandbox       *self,
                                          SoupServerMessage *msg,
                                          CareSandboxLogin  *login,
                                          CareSandboxUser   *user,
                                          gboolean           es,
                                          guint              status,
                                          const char        *error);
void      care_sandbox_login_show_picker (CareSandbox       *self,
                                          SoupServerMessage *msg,
                                          CareSandboxLogin  *login,
                                          CareSandboxUser   *user,
                                          gboolean           es);

G_END_DECLS
