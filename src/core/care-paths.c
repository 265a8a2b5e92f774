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

/**
 * care_paths_dup_connection_dir:
 * @connection_id: a connection id ("FHIR base|patient id")
 *
 * The one folder that holds everything of a connection on this computer:
 * its cached record (with SQLite's -wal and -shm files and any damaged
 * copies a rebuild set aside) and its access log. The id holds a URL and
 * a patient id from the portal, so the folder is named by the start of
 * its SHA-256, never by the id itself: a URL's slashes would make nested
 * folders, and a hostile id could point outside the data folder.
 *
 * Returns: (transfer full): $XDG_DATA_HOME/carebook/<24 hex digits>
 */
char *
care_paths_dup_connection_dir (const char *connection_id)
{
  g_autofree char *base = care_paths_dup_data_dir ();
  g_autofree char *hash = NULL;

  g_return_val_if_fail (connection_id != NULL, NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, connection_id, -1);
  hash[24] = '\0';
  return g_build_filename (base, hash, NULL);
}

/* Whether @id, used as a relative path the way old versions did, stays
 * inside the data folder: no empty, "." or ".." component. */
static gboolean
is_contained_path (const char *id)
{
  g_auto(GStrv) parts = g_strsplit (id, "/", -1);

  if (id[0] == '\0' || g_path_is_absolute (id))
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      return FALSE;
  return TRUE;
}

/**
 * care_paths_migrate_connection_dir:
 * @connection_id: a connection id
 * @error: return location for a #GIOError
 *
 * Older versions kept a connection's cache in a folder named from the raw
 * id ("carebook/https:/fhir.example.org/r4|123/cache.sqlite"). Moves what
 * is there into care_paths_dup_connection_dir() and removes the old
 * folders; a file already in the new folder wins and the old copy is
 * deleted, so no record content stays behind. Does nothing when there is
 * no old folder.
 *
 * Returns: %TRUE unless a file could not be moved
 */
gboolean
care_paths_migrate_connection_dir (const char  *connection_id,
                                   GError     **error)
{
  g_autofree char *base = care_paths_dup_data_dir ();
  g_autofree char *old = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GDir) entries = NULL;
  const char *name;

  g_return_val_if_fail (connection_id != NULL, FALSE);

  if (!is_contained_path (connection_id))
    return TRUE;
  old = g_build_filename (base, connection_id, NULL);
  dir = care_paths_dup_connection_dir (connection_id);
  if (g_str_equal (old, dir) || g_file_test (old, G_FILE_TEST_IS_SYMLINK) ||
      !g_file_test (old, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (!care_paths_ensure_private_dir (dir, error))
    return FALSE;

  entries = g_dir_open (old, 0, error);
  if (entries == NULL)
    return FALSE;
  while ((name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *from = g_build_filename (old, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);

      /* Only the cache's plain files live there. */
      if (g_file_test (from, G_FILE_TEST_IS_DIR) && !g_file_test (from, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (to, G_FILE_TEST_EXISTS))
        g_remove (from);
      else if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot move a cache file to its new folder: %s", g_strerror (saved_errno));
          return FALSE;
        }
      else
        g_chmod (to, 0600);
    }
  g_clear_pointer (&entries, g_dir_close);

  /* The old folder and its now empty parents, up to the data folder. */
  while (g_str_has_prefix (old, base) && strlen (old) > strlen (base) && g_rmdir (old) == 0)
    {
      char *parent = g_path_get_dirname (old);

      g_free (old);
      old = parent;
    }

  return TRUE;
}
