/* care-registration.h — dynamic client registration and the JWT-bearer grant
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* RFC 7523 §2.1 */
#define CARE_JWT_BEARER_GRANT "urn:ietf:params:oauth:grant-type:jwt-bearer"

void         care_registration_probe_async      (SoupSession         *session,
                                                 const char          *registration_endpoint,
                                                 const char          *access_token,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char        *care_registration_probe_finish     (GAsyncResult        *result,
                                                 GError             **error);

void         care_registration_keep_async       (SoupSession         *session,
                                                 const char          *connection_id,
                                                 const char          *registration_endpoint,
                                                 const char          *access_token,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     care_registration_keep_finish      (GAsyncResult        *result,
                                                 GError             **error);

SoupMessage *care_registration_new_grant_message (const char         *secret,
                                                  const char         *token_endpoint,
                                                  GError            **error);

G_END_DECLS
