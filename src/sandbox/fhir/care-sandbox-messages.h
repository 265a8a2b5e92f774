/* care-sandbox-messages.h — patients' messages: the rules and the demo clinician
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-sandbox-access.h"
#include "care-sandbox-store.h"

G_BEGIN_DECLS

/* Where the sandbox documents its messaging rules (HACKING.md, "Messages"). */
#define CARE_SANDBOX_RECEIVES_MESSAGES_URL "https://carebook.org/fhir/StructureDefinition/receives-messages"
#define CARE_SANDBOX_MESSAGE_LIMITS_URL    "https://carebook.org/fhir/StructureDefinition/message-limits"
#define CARE_SANDBOX_MESSAGE_KIND_SYSTEM   "https://carebook.org/fhir/CodeSystem/message-kind"
#define CARE_SANDBOX_MESSAGE_RULE_SYSTEM   "https://carebook.org/fhir/CodeSystem/message-rule"

#define CARE_SANDBOX_MAX_ATTACHMENTS       5
#define CARE_SANDBOX_MAX_ATTACHMENT_BYTES  (10 * 1024 * 1024)
#define CARE_SANDBOX_MESSAGES_PER_DAY      20
#define CARE_SANDBOX_REPLY_BUSINESS_DAYS   3

#define CARE_TYPE_SANDBOX_MESSAGES (care_sandbox_messages_get_type ())

G_DECLARE_FINAL_TYPE (CareSandboxMessages, care_sandbox_messages, CARE, SANDBOX_MESSAGES, GObject)

CareSandboxMessages *care_sandbox_messages_new             (CareSandboxStore    *store);
void                 care_sandbox_messages_set_reply_after (CareSandboxMessages *self,
                                                            int                  seconds);
int                  care_sandbox_messages_get_reply_after (CareSandboxMessages *self);
guint                care_sandbox_messages_get_n_pending   (CareSandboxMessages *self);
gboolean             care_sandbox_messages_check_create    (CareSandboxMessages *self,
                                                            const char          *patient_id,
                                                            CareSandboxProxyKind proxy_kind,
                                                            CareSandboxAccess    access,
                                                            SoupServerMessage   *msg,
                                                            JsonObject          *message);
gboolean             care_sandbox_messages_check_update    (SoupServerMessage   *msg,
                                                            JsonObject          *existing,
                                                            JsonObject          *message);
void                 care_sandbox_messages_created         (CareSandboxMessages *self,
                                                            JsonObject          *message);
JsonObject          *care_sandbox_messages_dup_limits      (void);
gboolean             care_sandbox_messages_is_allowed_type (const char          *content_type);
const char          *care_sandbox_messages_get_kind        (JsonObject          *message);

/* care-sandbox-clinician.c */
void                 care_sandbox_clinician_answer         (CareSandboxStore    *store,
                                                            JsonObject          *message);

G_END_DECLS
