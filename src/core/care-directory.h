/* care-directory.h — a directory of health systems (SMART User-access Brands)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARE_TYPE_DIRECTORY_ENTRY (care_directory_entry_get_type ())

G_DECLARE_FINAL_TYPE (CareDirectoryEntry, care_directory_entry, CARE, DIRECTORY_ENTRY, GObject)

const char *care_directory_entry_get_name      (CareDirectoryEntry *self);
const char *care_directory_entry_get_location  (CareDirectoryEntry *self);
const char *care_directory_entry_get_fhir_base (CareDirectoryEntry *self);
gboolean    care_directory_entry_matches       (CareDirectoryEntry *self,
                                                const char         *query);

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

G_END_DECLS
