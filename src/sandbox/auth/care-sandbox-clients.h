/* care-sandbox-clients.h — registered per-install clients and their assertions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox.h"

G_BEGIN_DECLS

#define CARE_SANDBOX_JWT_BEARER        "urn:ietf:params:oauth:grant-type:jwt-bearer"
/* The longest an assertion may live, as Epic and SMART Backend Services allow. */
#define CARE_SANDBOX_ASSERTION_MAX_LIFETIME 300

void      care_sandbox_set_refresh_tokens           (CareSandbox       *self,
                                                     gboolean           refresh_tokens);
gboolean  care_sandbox_get_refresh_tokens           (CareSandbox       *self);
char     *care_sandbox_clients_dup_offline_scope    (CareSandbox       *self,
                                                     const char        *scope);
int       care_sandbox_revoke_clients               (CareSandbox       *self,
                                                     const char        *patient_id);
guint     care_sandbox_count_clients                (CareSandbox       *self);

/* Internal to the sandbox. */
void      care_sandbox_clients_init_tables          (CareSandbox       *self);
void      care_sandbox_clients_handle_register      (CareSandbox       *self,
                                                     SoupServerMessage *msg);
void      care_sandbox_clients_end_family           (CareSandbox       *self,
                                                     const char        *family);
void      care_sandbox_clients_exchange_assertion   (CareSandbox       *self,
                                                     SoupServerMessage *msg,
                                                     GHashTable        *form);

G_END_DECLS
