/* care-smart-config.h — a portal's SMART configuration, discovered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CARE_TYPE_SMART_CONFIG (care_smart_config_get_type ())

G_DECLARE_FINAL_TYPE (CareSmartConfig, care_smart_config, CARE, SMART_CONFIG, GObject)

const char  *care_smart_config_get_fhir_base              (CareSmartConfig     *self);
const char  *care_smart_config_get_authorization_endpoint (CareSmartConfig     *self);
const char  *care_smart_config_get_token_endpoint         (CareSmartConfig     *self);
const char  *care_smart_config_get_revocation_endpoint    (CareSmartConfig     *self);
const char  *care_smart_config_get_registration_endpoint  (CareSmartConfig     *self);
gboolean     care_smart_config_has_capability             (CareSmartConfig     *self,
                                                           const char          *capability);
gboolean     care_smart_config_get_from_metadata          (CareSmartConfig     *self);
const char * const *care_smart_config_get_capabilities          (CareSmartConfig *self);
const char * const *care_smart_config_get_code_challenge_methods (CareSmartConfig *self);
const char * const *care_smart_config_get_scopes_supported      (CareSmartConfig *self);
gboolean            care_smart_config_get_v1_scopes_only        (CareSmartConfig *self);

char            *care_smart_dup_tls_message  (GTlsCertificateFlags flags);

void             care_smart_discover_async  (SoupSession         *session,
                                             const char          *fhir_base,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CareSmartConfig *care_smart_discover_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
