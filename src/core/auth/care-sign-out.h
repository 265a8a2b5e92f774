/* care-sign-out.h — signing out of one person, leaving nothing behind
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-connection-store.h"

G_BEGIN_DECLS

void  care_sign_out_async  (SoupSession         *session,
                            CareConnectionStore *store,
                            const char          *connection_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
char *care_sign_out_finish (GAsyncResult        *result,
                            GError             **error);

void  care_sign_out_health_system_async  (SoupSession         *session,
                                         CareConnectionStore *store,
                                         const char          *fhir_base,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char *care_sign_out_health_system_finish (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
