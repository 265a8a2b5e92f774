/* care-sandbox-fhir.h — the sandbox's FHIR R4 REST interface
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-sandbox-access.h"
#include "care-sandbox-messages.h"
#include "care-sandbox-store.h"

G_BEGIN_DECLS

/**
 * CareSandboxGrant:
 * @patient_id: the patient whose compartment the token reaches
 * @scopes: the granted scopes
 * @expires_at: when the token stops working (unix seconds)
 * @proxy_kind: whether the user reaches this patient as a proxy, and how
 * @family: (nullable): the sign-in it came from (a hash of its code), so
 *   a replayed code, a reused refresh token or a revocation ends it
 * @username: (nullable): the login it was issued to
 *
 * What one access token allows.
 */
typedef struct
{
  char                 *patient_id;
  char                **scopes;
  gint64                expires_at;
  CareSandboxProxyKind  proxy_kind;
  char                 *family;
  char                 *username;
} CareSandboxGrant;

void              care_sandbox_grant_free          (CareSandboxGrant *grant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSandboxGrant, care_sandbox_grant_free)

gboolean          care_sandbox_grant_allows_type   (const CareSandboxGrant *grant,
                                                    const char             *type,
                                                    gboolean                write);

const char       *care_sandbox_fhir_negotiate      (SoupServerMessage *msg);
void              care_sandbox_fhir_send_outcome   (SoupServerMessage *msg,
                                                    guint              status,
                                                    const char        *severity,
                                                    const char        *code,
                                                    const char        *text);
JsonObject       *care_sandbox_fhir_dup_capability_statement (const char *base_url);
JsonObject       *care_sandbox_fhir_dup_smart_configuration  (const char *base_url);
void              care_sandbox_fhir_handle         (CareSandboxStore       *store,
                                                    CareSandboxMessages    *messages,
                                                    const char             *fhir_base,
                                                    const CareSandboxGrant *grant,
                                                    SoupServerMessage      *msg,
                                                    const char             *path,
                                                    GHashTable             *query);

G_END_DECLS
