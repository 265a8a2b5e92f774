/* care-token-store.h — refresh tokens in the keyring, and nowhere else
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      care_token_store_save_async    (const char          *connection_id,
                                          const char          *kind,
                                          const char          *secret,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  care_token_store_save_finish   (GAsyncResult        *result,
                                          GError             **error);
void      care_token_store_lookup_async  (const char          *connection_id,
                                          const char          *kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *care_token_store_lookup_finish (GAsyncResult        *result,
                                          GError             **error);
void      care_token_store_delete_async  (const char          *connection_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  care_token_store_delete_finish (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
