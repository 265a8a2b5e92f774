/* care-paths.h — private folders and files for health data
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *care_paths_dup_data_dir       (void);
char     *care_paths_dup_config_dir     (void);
gboolean  care_paths_ensure_private_dir (const char  *path,
                                         GError     **error);
gboolean  care_paths_write_private_file (const char  *path,
                                         const char  *contents,
                                         gssize       length,
                                         GError     **error);
char     *care_paths_dup_connection_dir (const char  *connection_id);
gboolean  care_paths_migrate_connection_dir (const char  *connection_id,
                                             GError     **error);

G_END_DECLS
