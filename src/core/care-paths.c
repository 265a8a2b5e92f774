/* care-paths.c — private folders and files for health data
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Health data is private: every folder Carebook makes is 0700 and every file
 * 0600, whatever the umask says.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "care-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/**
 * care_paths_dup_data_dir:
 *
 * Returns: (transfer full): Carebook's folder under the XDG data dir
 */
char *
care_paths_dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "carebook", NULL);
}

/**
 * care_paths_dup_config_dir:
 *
 * Returns: (transfer full): Carebook's folder under the XDG config dir
 */
char *
care_paths_dup_config_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "carebook", NULL);
}

/**
 * care_paths_ensure_private_dir:
 * @path: a folder
 * @error: return location for a #GIOError
 *
 * Creates @path (and missing parents) and makes sure it is 0700.
 *
 * Returns: %TRUE on success
 */
gboolean
care_paths_ensure_private_dir (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0 || g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create a private folder: %s", g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * care_paths_write_private_file:
 * @path: the file to replace
 * @contents: the bytes to write
 * @length: their length, or -1 for a nul-terminated string
 * @error: return location for a #GIOError
 *
 * Replaces @path atomically with a 0600 file holding @contents: a crash
 * leaves either the old file or the new one, never a partial one.
 *
 * Returns: %TRUE on success
 */
gboolean
care_paths_write_private_file (const char  *path,
                               const char  *contents,
                               gssize       length,
                               GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (!care_paths_ensure_private_dir (dir, error))
    return FALSE;

  if (length < 0)
    length = strlen (contents);

  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
