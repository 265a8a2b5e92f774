/* care-cache-index.c — a first sync that indexes once, at its end
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeping the views' secondary indexes and the FTS5 index up to date page
 * by page is most of what SQLite does in a first sync: every page of 100
 * resources lands on about 100 leaf pages of each index, and FTS5 writes
 * a segment at every commit. Into an empty cache, a sync may instead load
 * the rows first and build those indexes once, at its end:
 *
 *  1. care_cache_begin_load() (one transaction, only when the cache holds
 *     no resources): drops the deferred indexes, makes `pending_text`
 *     (each resource's search words, for FTS5 later) and notes "indexing"
 *     in meta;
 *  2. pages are stored as always, one transaction each, their words going
 *     to `pending_text` instead of FTS5 (care-cache-store.c);
 *  3. care_cache_end_load() (one transaction): makes the indexes again,
 *     moves the words into FTS5 with any document words read meanwhile,
 *     drops `pending_text` and the note.
 *
 * Each step is one transaction, so a kill anywhere leaves either the
 * finished cache or one with the note, which the next sync finishes
 * before it stores anything (care_cache_begin_load() ends a load first).
 * While the note is there, lists still work (SQLite scans instead of
 * using an index) and the record search looks through `pending_text` as
 * well (care-cache-query.c); care_cache_is_indexing() tells views.
 * resource_tokens_by_rid stays: the lists' category and code filters look
 * tokens up by resource, which without it would be a scan per row.
 */
#include "config.h"

#include "care-cache-private.h"

/* As in the schema (care-cache.c, migration 1). */
static const char *deferred_indexes[][2] = {
  { "resources_by_date", "CREATE INDEX IF NOT EXISTS resources_by_date ON resources (type, effective_ts, rid)" },
  { "resources_by_code", "CREATE INDEX IF NOT EXISTS resources_by_code ON resources (type, code, effective_ts)" },
  { "resources_by_name",
    "CREATE INDEX IF NOT EXISTS resources_by_name ON resources (type, display COLLATE NOCASE)" },
  { "resource_tokens_by_code",
    "CREATE INDEX IF NOT EXISTS resource_tokens_by_code ON resource_tokens (kind, code, rid)" },
};

/* Whether a load's indexing is unfinished on @db (any connection). */
gboolean
care_cache_db_is_indexing (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean indexing = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'pending_text'",
                          -1, &stmt, NULL) == SQLITE_OK)
    indexing = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return indexing;
}

/**
 * care_cache_is_indexing:
 * @self: a cache
 *
 * Whether a first sync's indexes are still being built (or were left
 * unbuilt by a sync that was stopped): lists are slower meanwhile and the
 * record search reads the words of every stored resource without ranking
 * them.
 *
 * Returns: %TRUE while indexing
 */
gboolean
care_cache_is_indexing (CareCache *self)
{
  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  assert_owner (self);

  return care_cache_db_is_indexing (self->db);
}

static gboolean
is_empty (CareCache *self,
          gboolean  *out_empty,
          GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM resources)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_empty = sqlite3_column_int (stmt, 0) == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? TRUE : care_cache_set_error (self, self->db, rc, error);
}

static gboolean
run_in_transaction (CareCache  *self,
                    const char *sql,
                    GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  care_cache_set_error (self, self->db, rc, error);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Step 3. Returns whether there was anything to finish in @out_ended. */
gboolean
care_cache_end_load (CareCache  *self,
                     gboolean   *out_ended,
                     GError    **error)
{
  g_autoptr(GString) sql = NULL;

  assert_owner (self);

  *out_ended = FALSE;
  if (!care_cache_db_is_indexing (self->db))
    {
      self->loading = FALSE;
      return TRUE;
    }

  sql = g_string_new ("BEGIN IMMEDIATE;");
  for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
    g_string_append_printf (sql, "%s;", deferred_indexes[i][1]);
  /* Rows stored meanwhile outside the load (already in FTS5) keep theirs;
   * deleted resources take nothing; document words come after. A row
   * past FTS5's last one cannot be there: most often all of them, so FTS5
   * is seldom asked. */
  g_string_append (sql,
                   "INSERT INTO resource_text (rowid, body)"
                   " SELECT p.rid, CASE WHEN d.body IS NULL THEN p.body ELSE p.body || char(10) || d.body END"
                   " FROM pending_text p JOIN resources r ON r.rid = p.rid"
                   " LEFT JOIN document_text d ON d.rid = p.rid"
                   " WHERE p.rid > (SELECT coalesce (max (rowid), 0) FROM resource_text)"
                   " OR NOT EXISTS (SELECT 1 FROM resource_text t WHERE t.rowid = p.rid)"
                   " ORDER BY p.rid;"
                   "DROP TABLE pending_text;"
                   "DELETE FROM meta WHERE key = 'indexing';"
                   "COMMIT");
  /* Statements prepared against the old schema are prepared again. */
  if (!run_in_transaction (self, sql->str, error))
    return FALSE;
  self->loading = FALSE;
  *out_ended = TRUE;
  return TRUE;
}

/* Step 1, after finishing any load a stopped sync left. */
gboolean
care_cache_begin_load (CareCache  *self,
                       gboolean   *out_loading,
                       GError    **error)
{
  g_autoptr(GString) sql = NULL;
  gboolean ended;
  gboolean empty = FALSE;

  assert_owner (self);

  *out_loading = FALSE;
  if (!care_cache_end_load (self, &ended, error) || !is_empty (self, &empty, error))
    return FALSE;
  if (!empty)
    return TRUE;

  sql = g_string_new ("BEGIN IMMEDIATE;");
  for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
    g_string_append_printf (sql, "DROP INDEX IF EXISTS %s;", deferred_indexes[i][0]);
  g_string_append (sql,
                   "CREATE TABLE pending_text (rid INTEGER PRIMARY KEY, body TEXT NOT NULL);"
                   "INSERT OR REPLACE INTO meta (key, value) VALUES ('indexing', '1');"
                   "COMMIT");
  if (!run_in_transaction (self, sql->str, error))
    return FALSE;
  self->loading = TRUE;
  *out_loading = TRUE;
  return TRUE;
}
