/* care-registration.h — probing a portal's dynamic client registration
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void  care_registration_probe_async  (SoupSession         *session,
                                      const char          *registration_endpoint,
                                      const char          *access_token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char *care_registration_probe_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
