/* care-sandbox-fhir-private.h — what the sandbox's FHIR files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-fhir.h"

G_BEGIN_DECLS

/* Deeper JSON is refused before it is parsed (json-glib recurses). */
#define CARE_SANDBOX_MAX_JSON_DEPTH 100

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
gboolean          care_sandbox_fhir_is_mime_type     (const char             *text);
CareSandboxAccess care_sandbox_fhir_access_for_grant (CareSandboxStore       *store,
                                                      const CareSandboxGrant *grant);
gboolean          care_sandbox_fhir_in_compartment   (const CareSandboxGrant *grant,
                                                      JsonObject             *resource);

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

G_END_DECLS
