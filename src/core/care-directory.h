/* care-directory.h — a directory of health systems (SMART User-access Brands)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-directory-entry.h"

G_BEGIN_DECLS

#define CARE_TYPE_DIRECTORY (care_directory_get_type ())

G_DECLARE_FINAL_TYPE (CareDirectory, care_directory, CARE, DIRECTORY, GObject)

CareDirectory *care_directory_new        (void);
gboolean       care_directory_add_bytes  (CareDirectory  *self,
                                          GBytes         *bytes,
                                          GError        **error);
gboolean       care_directory_add_file   (CareDirectory  *self,
                                          GFile          *file,
                                          GError        **error);
void           care_directory_add_file_async  (CareDirectory       *self,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       care_directory_add_file_finish (CareDirectory       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
GPtrArray     *care_directory_list_files (const char     *folder);
CareDirectoryEntry *care_directory_lookup (CareDirectory *self,
                                           const char    *fhir_base);
GPtrArray     *care_directory_search     (CareDirectory  *self,
                                          const char     *query,
                                          guint           limit);
gboolean       care_directory_is_loading      (CareDirectory *self);
const char    *care_directory_get_source_name (CareDirectory *self);
const char    *care_directory_get_source_url  (CareDirectory *self);
GDateTime     *care_directory_get_updated     (CareDirectory *self);

G_END_DECLS
