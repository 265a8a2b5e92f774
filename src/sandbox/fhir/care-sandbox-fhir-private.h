/* care-sandbox-fhir-private.h — what the sandbox's FHIR files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-fhir.h"

G_BEGIN_DECLS

/* care-sandbox-fhir.c */
void              care_sandbox_fhir_send_object      (SoupServerMessage      *msg,
                                                      guint                   status,
                                                      JsonObject             *object);
JsonObject       *care_sandbox_fhir_new_outcome      (const char             *severity,
                                                      const char             *code,
                                                      const char             *text);
JsonObject       *care_sandbox_fhir_parse_object     (const char             *json,
                                                      gssize                  length,
                                                      GError                **error);
CareSandboxAccess care_sandbox_fhir_access_for_grant (CareSandboxStore       *store,
                                                      const CareSandboxGrant *grant);
gboolean          care_sandbox_fhir_in_compartment   (const CareSandboxGrant *grant,
                                                      JsonObject             *resource);

void              care_sandbox_fhir_send_stored      (SoupServerMessage      *msg,
                                                      const char             *fhir_base,
                                                      guint                   status,
                                                      JsonObject             *stored);
void              care_sandbox_fhir_send_existing    (SoupServerMessage      *msg,
                                                      const char             *fhir_base,
                                                      JsonObject             *existing);
void              care_sandbox_fhir_set_version_headers (SoupServerMessage   *msg,
                                                         int                  version,
                                                         const char          *last_updated);
gboolean          care_sandbox_fhir_etag_matches     (const char             *header,
                                                      int                     version);

/* care-sandbox-fhir-write.c */
void              care_sandbox_fhir_create           (CareSandboxStore       *store,
                                                      CareSandboxMessages    *messages,
                                                      const char             *fhir_base,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      const char             *type);
void              care_sandbox_fhir_update           (CareSandboxStore       *store,
                                                      const char             *fhir_base,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      const char             *type,
                                                      const char             *id);

/* care-sandbox-payments.c */
#define CARE_SANDBOX_PAYMENT_RULE_SYSTEM "https://carebook.org/fhir/CodeSystem/payment-rule"
#define CARE_SANDBOX_PAYMENT_TOKEN_SYSTEM "https://carebook.org/fhir/payment-token"
#define CARE_SANDBOX_BALANCE_URL "https://carebook.org/fhir/StructureDefinition/balance-due"

void              care_sandbox_payments_tokenize     (CareSandboxStore       *store,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      JsonObject             *parameters);
void              care_sandbox_payments_create       (CareSandboxStore       *store,
                                                      const char             *fhir_base,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      JsonObject             *notice);

/* care-sandbox-directives.c */
gboolean          care_sandbox_fhir_check_planning   (CareSandboxStore       *store,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      JsonObject             *resource);

/* care-sandbox-fhir-rules.c */
gboolean          care_sandbox_fhir_is_mime_type     (const char             *text);
char             *care_sandbox_fhir_dup_foreign_binary_element (JsonObject    *resource);
gboolean          care_sandbox_fhir_changes_identity (const CareSandboxGrant *grant,
                                                      JsonObject             *before,
                                                      JsonObject             *after);
JsonObject       *care_sandbox_fhir_new_refusal      (const char             *code,
                                                      const char             *system,
                                                      const char             *rule,
                                                      const char             *text);
void              care_sandbox_fhir_send_refusal     (SoupServerMessage      *msg,
                                                      guint                   status,
                                                      const char             *code,
                                                      const char             *system,
                                                      const char             *rule,
                                                      const char             *text);

/* care-sandbox-fhir-search.c */
void              care_sandbox_fhir_search           (CareSandboxStore       *store,
                                                      const char             *fhir_base,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      const char             *type,
                                                      GHashTable             *query);
void              care_sandbox_fhir_post_search      (CareSandboxStore       *store,
                                                      const char             *fhir_base,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      const char             *type,
                                                      GHashTable             *query);
void              care_sandbox_fhir_history          (CareSandboxStore       *store,
                                                      const char             *fhir_base,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      const char             *type,
                                                      const char             *id,
                                                      GHashTable             *query);

/* care-sandbox-fhir-forms.c */
JsonObject       *care_sandbox_fhir_check_response   (CareSandboxStore       *store,
                                                      SoupServerMessage      *msg,
                                                      JsonObject             *response);
void              care_sandbox_fhir_complete_tasks   (CareSandboxStore       *store,
                                                      JsonObject             *stored);

/* care-sandbox-readings.c */
#define CARE_SANDBOX_READING_RULE_SYSTEM "https://carebook.org/fhir/CodeSystem/reading-rule"

gboolean          care_sandbox_readings_check_create (const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      JsonObject             *resource);

/* care-sandbox-value-sets.c */
JsonObject       *care_sandbox_fhir_find_value_set   (CareSandboxStore       *store,
                                                      const char             *canonical);
JsonArray        *care_sandbox_fhir_expand_concepts  (JsonObject             *value_set,
                                                      const char             *filter);
void              care_sandbox_fhir_expand           (CareSandboxStore       *store,
                                                      SoupServerMessage      *msg,
                                                      GHashTable             *query);

/* care-sandbox-fhir-ops.c */
void              care_sandbox_fhir_operation        (CareSandboxStore       *store,
                                                      const CareSandboxGrant *grant,
                                                      SoupServerMessage      *msg,
                                                      const char             *type,
                                                      const char             *operation);

G_END_DECLS
