/* care-sandbox.h — the in-process reference patient portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-sandbox-load.h"
#include "care-sandbox-messages.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"

G_BEGIN_DECLS

#define CARE_TYPE_SANDBOX (care_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (CareSandbox, care_sandbox, CARE, SANDBOX, GObject)

CareSandbox      *care_sandbox_new           (const char   *data_dir,
                                              GError      **error);
CareSandboxStore *care_sandbox_get_store     (CareSandbox  *self);
gboolean          care_sandbox_start         (CareSandbox  *self,
                                              guint16       port,
                                              GError      **error);
void              care_sandbox_stop          (CareSandbox  *self);
const char       *care_sandbox_get_base_url  (CareSandbox  *self);
const char       *care_sandbox_get_fhir_base (CareSandbox  *self);
void              care_sandbox_set_demo      (CareSandbox  *self,
                                              gboolean      demo);
void              care_sandbox_set_reply_after (CareSandbox *self,
                                                int          seconds);
CareSandboxMessages *care_sandbox_get_messages (CareSandbox *self);
void              care_sandbox_set_testing   (CareSandbox  *self,
                                              gboolean      testing);
void              care_sandbox_set_print_messages (CareSandbox *self,
                                                   gboolean     print_messages);
gboolean          care_sandbox_get_print_messages (CareSandbox *self);
void              care_sandbox_set_refuse_loopback (CareSandbox *self,
                                                    gboolean     refuse_loopback);
gboolean          care_sandbox_get_refuse_loopback (CareSandbox *self);
gboolean          care_sandbox_set_faults    (CareSandbox  *self,
                                              const char   *spec,
                                              GError      **error);
gboolean          care_sandbox_seed          (CareSandbox  *self,
                                              const CareSandboxSeedOptions *options,
                                              GError      **error);
char             *care_sandbox_issue_token_for_tests (CareSandbox *self,
                                                      const char  *patient_id,
                                                      const char  *scope,
                                                      int          lifetime_seconds);
char             *care_sandbox_issue_proxy_token_for_tests (CareSandbox *self,
                                                            const char  *patient_id,
                                                            const char  *scope,
                                                            int          lifetime_seconds,
                                                            int          proxy_kind);

gboolean          care_sandbox_add_user      (CareSandbox  *self,
                                              const char   *username,
                                              const char   *password,
                                              const char   *display_name,
                                              const char   *patient_id,
                                              const char   *email,
                                              const char   *totp_secret,
                                              guint         iterations);
gboolean          care_sandbox_add_proxy     (CareSandbox  *self,
                                              const char   *username,
                                              const char   *patient_id,
                                              int           kind);
gboolean          care_sandbox_add_activation_code (CareSandbox *self,
                                                    const char  *code,
                                                    const char  *patient_id);
void              care_sandbox_add_demo_logins (CareSandbox *self,
                                                guint        iterations);
void              care_sandbox_set_token_lifetime (CareSandbox *self,
                                                   int          seconds);
void              care_sandbox_advance_clock (CareSandbox  *self,
                                              int           seconds);
guint             care_sandbox_open_wait_list_offers (CareSandbox *self);
const CareSandboxLoad *care_sandbox_get_load (CareSandbox *self);

G_END_DECLS
