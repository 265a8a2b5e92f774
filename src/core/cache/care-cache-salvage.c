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
 */
#include "config.h"

#include "care-cache-private.h"

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
  sqlite3 *from = NULL;
  guint n_items = 0;
  guint n_marks = 0;

  assert_owner (self);

  if (sqlite3_open_v2 (damaged, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (from);
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
  sqlite3_close (from);
  /* Counts only: never what the items say. */
  g_debug ("Kept from the damaged cache: %u outbox items, %u opened marks", n_items, n_marks);
}
