/* care-sandbox-login.h — the sandbox's sign-in pages, in English and Spanish
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-auth.h"

G_BEGIN_DECLS

void      care_sandbox_login_start      (CareSandbox       *self,
                                         SoupServerMessage *msg,
                                         GHashTable        *params,
                                         const char        *scope);
gboolean  care_sandbox_login_handle     (CareSandbox       *self,
                                         SoupServerMessage *msg,
                                         const char        *path,
                                         GHashTable        *form);
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

G_END_DECLS
