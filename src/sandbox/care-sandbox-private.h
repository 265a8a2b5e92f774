/* care-sandbox-private.h — what the sandbox's parts share internally
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox.h"
#include "care-sandbox-fhir.h"

G_BEGIN_DECLS

char       *care_sandbox_add_grant       (CareSandbox       *self,
                                          CareSandboxGrant  *grant);
void        care_sandbox_drop_grants     (CareSandbox       *self,
                                          const char        *family,
                                          const char        *username);
const CareSandboxGrant *care_sandbox_lookup_grant (CareSandbox *self,
                                                   const char  *token);
void        care_sandbox_remove_grant    (CareSandbox       *self,
                                          const char        *token);
gboolean    care_sandbox_get_demo        (CareSandbox       *self);
gboolean    care_sandbox_get_testing     (CareSandbox       *self);
gint64      care_sandbox_now             (CareSandbox       *self);
int         care_sandbox_get_token_lifetime (CareSandbox    *self);
GHashTable *care_sandbox_decode_form     (const char        *query);
const CareSandboxGrant *care_sandbox_lookup_request_grant (CareSandbox       *self,
                                                           SoupServerMessage *msg);
const char *care_sandbox_request_bearer  (SoupServerMessage *msg);

/* care-sandbox-serve.c */
void        care_sandbox_serve_cb        (SoupServer        *server,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *unused_query,
                                          gpointer           user_data);

/* Picks the English or the Spanish text of a portal page. */
#define TR(es, en_text, es_text) ((es) ? (es_text) : (en_text))

/* care-sandbox-limits.c */
gboolean    care_sandbox_make_private    (const char        *data_dir,
                                          const char        *path,
                                          GError           **error);
void        care_sandbox_limits_headers_cb (SoupServer      *server,
                                            SoupServerMessage *msg,
                                            const char      *path,
                                            GHashTable      *unused_query,
                                            gpointer         user_data);
gboolean    care_sandbox_limits_refuse   (SoupServerMessage *msg);

/* care-sandbox-auth.c */
int         care_sandbox_sql_run         (CareSandbox       *self,
                                          const char        *sql,
                                          ...) G_GNUC_NULL_TERMINATED;
gboolean    care_sandbox_wants_spanish   (SoupServerMessage *msg,
                                          GHashTable        *params);
void        care_sandbox_send_page       (SoupServerMessage *msg,
                                          guint              status,
                                          gboolean           es,
                                          const char        *title,
                                          const char        *body);
void        care_sandbox_auth_init_tables (CareSandbox      *self);
gboolean    care_sandbox_auth_handle     (CareSandbox       *self,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *query);

/* care-sandbox-recovery.c */
gboolean    care_sandbox_recovery_handle (CareSandbox       *self,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *form);

G_END_DECLS
