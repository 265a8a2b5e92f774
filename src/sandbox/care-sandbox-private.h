/* care-sandbox-private.h — what the sandbox's parts share internally
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox.h"
#include "care-sandbox-fhir.h"

G_BEGIN_DECLS

char       *care_sandbox_add_grant       (CareSandbox       *self,
                                          CareSandboxGrant  *grant);
gboolean    care_sandbox_get_demo        (CareSandbox       *self);
gboolean    care_sandbox_get_testing     (CareSandbox       *self);
gint64      care_sandbox_now             (CareSandbox       *self);
int         care_sandbox_get_token_lifetime (CareSandbox    *self);

/* care-sandbox-auth.c */
void        care_sandbox_auth_init_tables (CareSandbox      *self);
gboolean    care_sandbox_auth_handle     (CareSandbox       *self,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *query);

G_END_DECLS
