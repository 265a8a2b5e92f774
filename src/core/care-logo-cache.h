/* care-logo-cache.h — health systems' logos, fetched once and kept
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

char     *care_logo_cache_dup_default_dir (void);
char     *care_logo_cache_dup_path        (const char          *cache_dir,
                                           const char          *url);
gboolean  care_logo_cache_has             (const char          *cache_dir,
                                           const char          *url);
void      care_logo_cache_fetch_async     (SoupSession         *session,
                                           const char          *cache_dir,
                                           const char          *url,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *care_logo_cache_fetch_finish    (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
