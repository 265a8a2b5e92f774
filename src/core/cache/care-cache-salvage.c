/* care-cache-salvage.c — what only this computer knew, out of a damaged cache
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rebuilt cache is refilled from the portal, but two things in it never
 * came from there: the outbox (messages and forms written offline, not
 * yet sent, or refused and waiting to be edited) and the marks of results
 * already opened. Losing them would lose what the user wrote, or show
 * every old result as New. So after care_cache_rebuild() has moved the
 * damaged file aside, it is opened read-only (it is never written) and
 * whatever of those two tables can still be read is copied into the new
 * cache, in one transaction. Parts that cannot be read are skipped: a
 * salvage never fails a rebuild. Outbox items keep their client-made
 * identifiers, so an item the server already holds is still not sent
 * twice.
 *
 * A truncated file's header still counts the pages it lost, and SQLite
 * then refuses it outright ("database disk image is malformed", at
 * prepare), outbox and all. So what is read is a private copy whose
 * header says only the pages the file still has, in rollback-journal
 * mode so no -wal or -shm is needed; rows on lost pages end the reading,
 * rows before them are kept.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care-cache-private.h"

/* A copy of @damaged, beside it, whose header SQLite will believe; the
 * caller deletes it. NULL when it cannot be made. */
static char *
dup_readable_copy (const char *damaged)
{
  g_autoptr(GFile) from = g_file_new_for_path (damaged);
  g_autofree char *copy = g_strconcat (damaged, ".salvage", NULL);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  guint8 header[100];
  struct stat st;
  guint32 page_size;
  guint32 n_pages;
  int fd;

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL))
    return NULL;
  fd = g_open (copy, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0 || fchmod (fd, 0600) != 0 || fstat (fd, &st) != 0 ||
      pread (fd, header, sizeof header, 0) != sizeof header ||
      memcmp (header, "SQLite format 3", 16) != 0)
    {
      if (fd >= 0)
        close (fd);
      g_unlink (copy);
      return NULL;
    }
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = page_size >= 512 ? (guint32)(st.st_size / page_size) : 0;
  header[18] = header[19] = 1;          /* no WAL */
  header[28] = n_pages >> 24;           /* the pages there are */
  header[29] = n_pages >> 16;
  header[30] = n_pages >> 8;
  header[31] = n_pages;
  memcpy (header + 92, header + 24, 4); /* and that count is valid */
  if (n_pages == 0 || pwrite (fd, header, sizeof header, 0) != sizeof header)
    {
      close (fd);
      g_unlink (copy);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&copy);
}

static sqlite3 *
open_damaged (const char  *damaged,
              char       **out_copy)
{
  sqlite3 *db = NULL;

  *out_copy = dup_readable_copy (damaged);
  if (*out_copy == NULL ||
      sqlite3_open_v2 (*out_copy, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static void
close_damaged (sqlite3 *db,
               char    *copy)
{
  sqlite3_close (db);
  if (copy != NULL)
    {
      g_autofree char *journal = g_strconcat (copy, "-journal", NULL);

      g_unlink (copy);
      g_unlink (journal);
      g_free (copy);
    }
}

/**
 * care_cache_count_salvageable:
 * @path: a cache file that cannot be opened
 *
 * Counts the unsent outbox items a rebuild of @path would keep, reading
 * only a copy of it.
 *
 * Returns: the count, or -1 when the outbox cannot be read at all (then
 *   items may be lost)
 */
gint64
care_cache_count_salvageable (const char *path)
{
  g_autofree char *copy = NULL;
  sqlite3 *db = open_damaged (path, &copy);
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT client_id FROM outbox", -1, &stmt, NULL) == SQLITE_OK)
    {
      int rc;

      count = 0;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        count++;
      /* Rows past a lost page: some may be missing, say so. */
      if (rc != SQLITE_DONE && count == 0)
        count = -1;
    }
  sqlite3_finalize (stmt);
  close_damaged (db, g_steal_pointer (&copy));
  return count;
}

static void
copy_outbox (sqlite3 *from,
             sqlite3 *to,
             guint   *n_copied)
{
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;

  int n_columns = 14;

  /* A file from before schema 4 has only the first eight columns. */
  if (sqlite3_prepare_v2 (from, "SELECT client_id, type, json, state, message, server_id, attempts, created,"
                                " kind, target, version, depends_on, summary, theirs"
                                " FROM outbox ORDER BY serial", -1, &read, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (read);
      read = NULL;
      n_columns = 8;
      if (sqlite3_prepare_v2 (from, "SELECT client_id, type, json, state, message, server_id, attempts, created"
                                    " FROM outbox ORDER BY serial", -1, &read, NULL) != SQLITE_OK)
        goto out;
    }
  if (sqlite3_prepare_v2 (to, n_columns == 14
                                ? "INSERT OR IGNORE INTO outbox (client_id, type, json, state, message, server_id,"
                                  " attempts, created, kind, target, version, depends_on, summary, theirs)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                : "INSERT OR IGNORE INTO outbox (client_id, type, json, state, message, server_id,"
                                  " attempts, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &write, NULL) != SQLITE_OK)
    goto out;

  while (sqlite3_step (read) == SQLITE_ROW)
    {
      if (sqlite3_column_type (read, 0) == SQLITE_NULL || sqlite3_column_type (read, 1) == SQLITE_NULL ||
          sqlite3_column_type (read, 2) == SQLITE_NULL)
        continue;
      sqlite3_reset (write);
      for (int i = 0; i < n_columns; i++)
        sqlite3_bind_value (write, i + 1, sqlite3_column_value (read, i));
      if (sqlite3_step (write) == SQLITE_DONE && sqlite3_changes (to) > 0)
        (*n_copied)++;
    }

out:
  sqlite3_finalize (read);
  sqlite3_finalize (write);
}

static void
copy_opened_marks (sqlite3 *from,
                   sqlite3 *to,
                   guint   *n_copied)
{
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;

  /* Only marks the user made; everything else in meta the sync remakes. */
  if (sqlite3_prepare_v2 (from, "SELECT key, value FROM meta WHERE key GLOB 'results.opened:*'", -1, &read,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (to, "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", -1, &write,
                          NULL) != SQLITE_OK)
    goto out;

  while (sqlite3_step (read) == SQLITE_ROW)
    {
      sqlite3_reset (write);
      sqlite3_bind_value (write, 1, sqlite3_column_value (read, 0));
      sqlite3_bind_value (write, 2, sqlite3_column_value (read, 1));
      if (sqlite3_step (write) == SQLITE_DONE && sqlite3_changes (to) > 0)
        (*n_copied)++;
    }

out:
  sqlite3_finalize (read);
  sqlite3_finalize (write);
}

/* Copies what can be read of the outbox and the opened marks from the
 * damaged file at @damaged into @self (just made, empty). */
void
care_cache_salvage (CareCache  *self,
                    const char *damaged)
{
  g_autofree char *copy = NULL;
  sqlite3 *from = NULL;
  guint n_items = 0;
  guint n_marks = 0;

  assert_owner (self);

  if ((from = open_damaged (damaged, &copy)) == NULL)
    {
      g_debug ("The damaged cache could not be read for salvage");
      close_damaged (NULL, g_steal_pointer (&copy));
      return;
    }
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
    {
      copy_outbox (from, self->db, &n_items);
      copy_opened_marks (from, self->db, &n_marks);
      if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          n_items = n_marks = 0;
        }
    }
  close_damaged (from, g_steal_pointer (&copy));
  /* Counts only: never what the items say. */
  g_debug ("Kept from the damaged cache: %u outbox items, %u opened marks", n_items, n_marks);
}
