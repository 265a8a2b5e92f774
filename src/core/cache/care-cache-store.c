/* care-cache-store.c — writing synced resources into the cache
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine is the only writer of synced data. A page is stored in
 * one transaction, so an interrupted sync keeps every finished page and
 * nothing of the unfinished one (FHIR-CLIENT.md 20); resources are keyed
 * by type and id, so a page stored twice adds nothing twice. An unchanged
 * resource (same meta.versionId and lastUpdated, or else the same JSON)
 * only has its full-pass mark moved, which is most of what a full pass
 * does. A page's tokens and words are written after its resources, in a
 * few multi-row inserts.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-error.h"

#include <string.h>

/**
 * care_cache_begin_full_pass:
 * @self: a cache
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Starts a full pass: resources stored with the returned mark are those
 * the portal still returns; care_cache_sweep() removes the others of a
 * type once that type's searches have all completed.
 *
 * Returns: the mark, > 0, or 0 on error
 */
gint64
care_cache_begin_full_pass (CareCache  *self,
                            GError    **error)
{
  g_autofree char *current = NULL;
  g_autofree char *next = NULL;
  gint64 pass;

  g_return_val_if_fail (CARE_IS_CACHE (self), 0);
  assert_owner (self);

  current = care_cache_dup_meta (self, "pass");
  pass = (current != NULL ? g_ascii_strtoll (current, NULL, 10) : 0) + 1;
  next = g_strdup_printf ("%" G_GINT64_FORMAT, pass);
  if (!care_cache_set_meta (self, "pass", next, error))
    return 0;
  return pass;
}

void
care_cache_bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
bind_index (sqlite3_stmt   *stmt,
            CareFhirRecord *record,
            CareCacheOrigin origin,
            gint64          pass)
{
  CareFhirIndex *index = record->index;
  g_autofree char *category = NULL;

  if (index->categories->len > 0)
    {
      const char *bar = strchr (g_ptr_array_index (index->categories, 0), '|');

      category = g_strdup (bar + 1);
    }

  care_cache_bind_text_or_null (stmt, 1, index->version_id);
  care_cache_bind_text_or_null (stmt, 2, index->last_updated);
  care_cache_bind_text_or_null (stmt, 3, index->patient);
  sqlite3_bind_text (stmt, 4, category, -1, SQLITE_TRANSIENT);
  care_cache_bind_text_or_null (stmt, 5, index->code_system);
  care_cache_bind_text_or_null (stmt, 6, index->code);
  care_cache_bind_text_or_null (stmt, 7, index->effective);
  if (index->effective_unix != G_MININT64)
    sqlite3_bind_int64 (stmt, 8, index->effective_unix);
  care_cache_bind_text_or_null (stmt, 9, index->status);
  care_cache_bind_text_or_null (stmt, 10, index->display);
  care_cache_bind_text_or_null (stmt, 11, index->value_text);
  if (index->has_value_number)
    sqlite3_bind_double (stmt, 12, index->value_number);
  care_cache_bind_text_or_null (stmt, 13, index->value_unit);
  care_cache_bind_text_or_null (stmt, 14, index->interpretation);
  sqlite3_bind_int (stmt, 15, origin);
  sqlite3_bind_int64 (stmt, 16, pass);
  /* Counting a resource's JSON again here was 3 % of a first sync. */
  sqlite3_bind_text (stmt, 17, record->json, record->json_length > 0 ? (int)record->json_length : -1,
                     SQLITE_STATIC);
  return TRUE;
}

/* What a page adds to resource_tokens and resource_text, written after
 * its resources. Tokens go in multi-row inserts (a statement per row costs
 * SQLite a setup and a halt each); words one row at a time, because FTS5
 * writes out what it holds whenever a new statement starts: one
 * multi-row insert per 64 rows measured slower than single rows that it
 * writes once, at the commit. The strings belong to the page's records,
 * which outlive the transaction. */
typedef struct
{
  gint64      rid;
  int         kind;
  const char *system;
  int         system_length;
  const char *code;
} PendingToken;

typedef struct
{
  gint64      rid;
  const char *body;
} PendingText;

typedef struct
{
  GArray *tokens;
  GArray *texts;
} Pending;

static void
add_pending (Pending        *pending,
             gint64          rid,
             CareFhirRecord *record,
             gboolean        with_text)
{
  CareFhirStrings *lists[2] = { record->index->categories, record->index->codings };
  PendingText text = { rid, record->index->search_text };

  for (guint kind = 0; kind < G_N_ELEMENTS (lists); kind++)
    for (guint i = 0; i < lists[kind]->len; i++)
      {
        const char *token = g_ptr_array_index (lists[kind], i);
        const char *bar = strchr (token, '|');
        PendingToken row = { rid, kind, token, bar - token, bar + 1 };

        g_array_append_val (pending->tokens, row);
      }
  if (with_text)
    g_array_append_val (pending->texts, text);
}

/* The tokens in statements of 64, 8 and 1 rows. */
static int
insert_tokens (CareCache *self,
               GArray    *rows,
               GError   **error)
{
  guint done = 0;

  while (done < rows->len)
    {
      guint left = rows->len - done;
      guint n = left >= 64 ? 64 : left >= 8 ? 8 : 1;
      sqlite3_stmt *stmt = care_cache_get_stmt (self, n == 64 ? STMT_INSERT_TOKENS_64
                                                      : n == 8 ? STMT_INSERT_TOKENS_8
                                                      : STMT_INSERT_TOKEN, error);
      int rc;

      if (stmt == NULL)
        return SQLITE_ERROR;
      for (guint i = 0; i < n; i++)
        {
          PendingToken *row = &g_array_index (rows, PendingToken, done + i);

          sqlite3_bind_int64 (stmt, 4 * i + 1, row->rid);
          sqlite3_bind_int (stmt, 4 * i + 2, row->kind);
          sqlite3_bind_text (stmt, 4 * i + 3, row->system, row->system_length, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4 * i + 4, row->code, -1, SQLITE_STATIC);
        }
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return rc;
      sqlite3_reset (stmt);
      done += n;
    }
  g_array_set_size (rows, 0);
  return SQLITE_OK;
}

static int
insert_texts (CareCache *self,
              GArray    *rows,
              GError   **error)
{
  /* In a first load, to pending_text, for FTS5 at its end (care-cache-index.c). */
  guint which = self->loading ? STMT_INSERT_PENDING_TEXT : STMT_INSERT_TEXT;

  for (guint i = 0; i < rows->len; i++)
    {
      PendingText *row = &g_array_index (rows, PendingText, i);
      sqlite3_stmt *stmt = care_cache_get_stmt (self, which, error);
      int rc;

      if (stmt == NULL)
        return SQLITE_ERROR;
      sqlite3_bind_int64 (stmt, 1, row->rid);
      sqlite3_bind_text (stmt, 2, row->body, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return rc;
      sqlite3_reset (stmt);
    }
  g_array_set_size (rows, 0);
  return SQLITE_OK;
}

static int
flush_pending (CareCache *self,
               Pending   *pending,
               GError   **error)
{
  int rc = insert_tokens (self, pending->tokens, error);

  if (rc == SQLITE_OK)
    rc = insert_texts (self, pending->texts, error);
  return rc;
}

/* Whether the stored resource @rid is @record: the same meta.versionId and
 * meta.lastUpdated (a server changes both with every new version, so the
 * stored text, which may be another serialisation of it, is not read),
 * else the same JSON text. */
static int
is_same (CareCache      *self,
         sqlite3_stmt   *find,
         gint64          rid,
         CareFhirRecord *record,
         gboolean       *out_same,
         GError        **error)
{
  const char *version_id = (const char *)sqlite3_column_text (find, 1);
  const char *last_updated = (const char *)sqlite3_column_text (find, 2);
  sqlite3_stmt *stmt;
  int rc;

  if (version_id != NULL && last_updated != NULL && record->index->version_id != NULL &&
      record->index->last_updated != NULL)
    {
      *out_same = g_str_equal (version_id, record->index->version_id) &&
                  g_str_equal (last_updated, record->index->last_updated);
      if (*out_same)
        return SQLITE_OK;
    }

  if ((stmt = care_cache_get_stmt (self, STMT_READ_JSON, error)) == NULL)
    return SQLITE_ERROR;
  sqlite3_bind_int64 (stmt, 1, rid);
  rc = sqlite3_step (stmt);
  *out_same = rc == SQLITE_ROW && g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), record->json) == 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
store_record (CareCache       *self,
              CareFhirRecord  *record,
              CareCacheOrigin  origin,
              gint64           pass,
              Pending         *pending,
              gboolean        *out_changed,
              gboolean        *out_added,
              GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 rid = 0;
  gint64 stored_pass = 0;
  int stored_origin = 0;
  gboolean same = FALSE;
  int rc;

  *out_changed = FALSE;
  *out_added = FALSE;

  /* In a first load into an empty cache nearly every resource is new:
   * it is inserted at once, and looked for only when the insert finds it
   * there already (the same resource twice in the record). A failed
   * statement leaves the page's transaction as it was. */
  if (self->loading)
    {
      if ((stmt = care_cache_get_stmt (self, STMT_INSERT, error)) == NULL)
        return SQLITE_ERROR;
      bind_index (stmt, record, origin, pass);
      sqlite3_bind_text (stmt, 18, record->index->type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 19, record->index->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          *out_changed = TRUE;
          *out_added = TRUE;
          add_pending (pending, sqlite3_last_insert_rowid (self->db), record, TRUE);
          return SQLITE_OK;
        }
      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        return rc;
    }

  if ((stmt = care_cache_get_stmt (self, STMT_FIND_VERSION, error)) == NULL)
    return SQLITE_ERROR;
  sqlite3_bind_text (stmt, 1, record->index->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->index->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      rid = sqlite3_column_int64 (stmt, 0);
      stored_pass = sqlite3_column_int64 (stmt, 3);
      stored_origin = sqlite3_column_int (stmt, 4);
      rc = is_same (self, stmt, rid, record, &same, error);
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return rc;

  if (same)
    {
      /* Unchanged: only the full-pass mark moves. Most of a full pass.
       * When neither it nor the origin would change (an incremental sync
       * asking again for what it read within the _lastUpdated margin),
       * nothing is written: an UPDATE rewrites the row, JSON and all. */
      if (stored_pass >= pass && stored_origin <= (int)origin)
        return SQLITE_OK;
      if ((stmt = care_cache_get_stmt (self, STMT_TOUCH, error)) == NULL)
        return SQLITE_ERROR;
      sqlite3_bind_int64 (stmt, 1, pass);
      sqlite3_bind_int (stmt, 2, origin);
      sqlite3_bind_int64 (stmt, 3, rid);
      rc = sqlite3_step (stmt);
      return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }

  *out_changed = TRUE;
  *out_added = rid == 0;
  if (rid != 0)
    {
      /* A new version: its old tokens and words go first. What is pending
       * is written before, so a resource twice in one page is replaced
       * like any other. */
      if ((rc = flush_pending (self, pending, error)) != SQLITE_OK)
        return rc;
      if ((stmt = care_cache_get_stmt (self, STMT_DELETE_TOKENS, error)) == NULL)
        return SQLITE_ERROR;
      sqlite3_bind_int64 (stmt, 1, rid);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return rc;
      if ((stmt = care_cache_get_stmt (self, STMT_DELETE_TEXT, error)) == NULL)
        return SQLITE_ERROR;
      sqlite3_bind_int64 (stmt, 1, rid);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return rc;
    }

  if ((stmt = care_cache_get_stmt (self, rid != 0 ? STMT_UPDATE : STMT_INSERT, error)) == NULL)
    return SQLITE_ERROR;
  bind_index (stmt, record, origin, pass);
  if (rid != 0)
    sqlite3_bind_int64 (stmt, 18, rid);
  else
    {
      sqlite3_bind_text (stmt, 18, record->index->type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 19, record->index->id, -1, SQLITE_STATIC);
    }
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return rc;
  sqlite3_reset (stmt);
  if (rid != 0)
    {
      /* A new version keeps the words of its documents read before
       * (document_text), after its own; in a first load, the end of the
       * load adds them. */
      if ((stmt = care_cache_get_stmt (self, self->loading ? STMT_INSERT_PENDING_TEXT : STMT_INSERT_TEXT_DOCUMENT,
                                       error)) == NULL)
        return SQLITE_ERROR;
      sqlite3_bind_int64 (stmt, 1, rid);
      sqlite3_bind_text (stmt, 2, record->index->search_text, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return rc;
      sqlite3_reset (stmt);
      add_pending (pending, rid, record, FALSE);
      return SQLITE_OK;
    }

  add_pending (pending, sqlite3_last_insert_rowid (self->db), record, TRUE);
  return SQLITE_OK;
}

/**
 * care_cache_store_page:
 * @self: a cache
 * @records: (element-type CareFhirRecord): resources to add or replace,
 *   keyed by resourceType/id
 * @origin: why they are here
 * @pass: the full pass they belong to (care_cache_begin_full_pass()), or
 *   0 for an incremental sync
 * @out_n_changed: (out) (optional): how many were new or different
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Stores a page in one transaction: all of it, or (on error) none of it.
 * Emits #CareCache::changed for each type that changed.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_store_page (CareCache        *self,
                       GPtrArray        *records,
                       CareCacheOrigin   origin,
                       gint64            pass,
                       guint            *out_n_changed,
                       GError          **error)
{
  return care_cache_store_page_changes (self, records, origin, pass, out_n_changed, NULL, NULL, 0, error);
}

/**
 * care_cache_store_page_changes:
 * @self: a cache
 * @records: (element-type CareFhirRecord): resources to add or replace
 * @origin: why they are here
 * @pass: the full pass, or 0
 * @out_n_changed: (out) (optional): how many were new or different
 * @added: (nullable) (element-type utf8): receives the ids of resources
 *   that were not in the cache before, as "Type/id"
 * @updated: (nullable) (element-type utf8): receives the ids of resources
 *   that were, but differed, as "Type/id"
 * @max_ids: at most this many ids in @added and @updated each (counts in
 *   @out_n_changed are never capped)
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * As care_cache_store_page(), and says which resources changed, so a sync
 * can tell what is new. Nothing is added to @added or @updated when the
 * page is not stored.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_store_page_changes (CareCache        *self,
                               GPtrArray        *records,
                               CareCacheOrigin   origin,
                               gint64            pass,
                               guint            *out_n_changed,
                               GPtrArray        *added,
                               GPtrArray        *updated,
                               guint             max_ids,
                               GError          **error)
{
  return care_cache_store_records (self, records, origin, pass, out_n_changed, added, updated, max_ids,
                                   NULL, error);
}

/* Stores @records inside the transaction the caller has open; on error
 * the caller rolls that transaction back (a savepoint per page would have
 * SQLite copy every page it touches to a statement journal first). Adds
 * the names of the types that changed to @changed_types (as copies) and
 * the ids to @added and @updated; the caller tells anyone only once the
 * transaction is committed. */
gboolean
care_cache_store_records_in (CareCache        *self,
                             GPtrArray        *records,
                             CareCacheOrigin   origin,
                             gint64            pass,
                             guint            *out_n_changed,
                             GPtrArray        *added,
                             GPtrArray        *updated,
                             guint             max_ids,
                             GHashTable       *changed_types,
                             GError          **error)
{
  g_autoptr(GPtrArray) new_added = NULL;
  g_autoptr(GPtrArray) new_updated = NULL;
  g_autoptr(GArray) pending_tokens = NULL;
  g_autoptr(GArray) pending_texts = NULL;
  Pending pending;
  GError *local_error = NULL;
  guint n_changed = 0;
  int rc = SQLITE_OK;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (changed_types != NULL, FALSE);
  assert_owner (self);

  if (out_n_changed != NULL)
    *out_n_changed = 0;
  if (records->len == 0)
    return TRUE;

  new_added = g_ptr_array_new ();
  new_updated = g_ptr_array_new ();
  pending_tokens = g_array_sized_new (FALSE, FALSE, sizeof (PendingToken), 4 * records->len);
  pending_texts = g_array_sized_new (FALSE, FALSE, sizeof (PendingText), records->len);
  pending.tokens = pending_tokens;
  pending.texts = pending_texts;

  for (guint i = 0; i < records->len && rc == SQLITE_OK; i++)
    {
      CareFhirRecord *record = g_ptr_array_index (records, i);
      gboolean record_changed;
      gboolean record_added;

      if (record->index->id == NULL)
        continue;
      rc = store_record (self, record, origin, pass, &pending, &record_changed, &record_added, &local_error);
      if (record_changed)
        {
          n_changed++;
          if (!g_hash_table_contains (changed_types, record->index->type))
            g_hash_table_add (changed_types, g_strdup (record->index->type));
          g_ptr_array_add (record_added ? new_added : new_updated, record);
        }
    }

  if (rc == SQLITE_OK)
    rc = flush_pending (self, &pending, &local_error);
  if (rc != SQLITE_OK)
    {
      if (local_error == NULL)
        care_cache_set_error (self, self->db, rc, &local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  for (guint i = 0; added != NULL && i < new_added->len && added->len < max_ids; i++)
    {
      CareFhirRecord *record = g_ptr_array_index (new_added, i);

      g_ptr_array_add (added, g_strconcat (record->index->type, "/", record->index->id, NULL));
    }
  for (guint i = 0; updated != NULL && i < new_updated->len && updated->len < max_ids; i++)
    {
      CareFhirRecord *record = g_ptr_array_index (new_updated, i);

      g_ptr_array_add (updated, g_strconcat (record->index->type, "/", record->index->id, NULL));
    }
  if (out_n_changed != NULL)
    *out_n_changed = n_changed;
  return TRUE;
}

/* As care_cache_store_page_changes(), in a transaction of its own. With
 * @changed_types, the names of the types that changed are added to it (as
 * copies) instead of being announced. */
gboolean
care_cache_store_records (CareCache        *self,
                          GPtrArray        *records,
                          CareCacheOrigin   origin,
                          gint64            pass,
                          guint            *out_n_changed,
                          GPtrArray        *added,
                          GPtrArray        *updated,
                          guint             max_ids,
                          GHashTable       *changed_types,
                          GError          **error)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) new_added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) new_updated = g_ptr_array_new_with_free_func (g_free);
  guint n_changed = 0;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  assert_owner (self);

  if (out_n_changed != NULL)
    *out_n_changed = 0;
  if (records->len == 0)
    return TRUE;

  if (!care_cache_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!care_cache_store_records_in (self, records, origin, pass, &n_changed, new_added, new_updated, max_ids,
                                    changed, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if ((rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
    {
      care_cache_set_error (self, self->db, rc, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  /* At most @max_ids in each, counting what the caller's arrays held. */
  for (guint i = 0; added != NULL && i < new_added->len && added->len < max_ids; i++)
    g_ptr_array_add (added, g_steal_pointer (&g_ptr_array_index (new_added, i)));
  for (guint i = 0; updated != NULL && i < new_updated->len && updated->len < max_ids; i++)
    g_ptr_array_add (updated, g_steal_pointer (&g_ptr_array_index (new_updated, i)));
  if (out_n_changed != NULL)
    *out_n_changed = n_changed;
  if (n_changed > 0 && changed_types != NULL)
    {
      GHashTableIter iter;
      gpointer type;

      g_hash_table_iter_init (&iter, changed);
      while (g_hash_table_iter_next (&iter, &type, NULL))
        if (!g_hash_table_contains (changed_types, type))
          g_hash_table_add (changed_types, g_strdup (type));
    }
  else if (n_changed > 0)
    care_cache_emit_changed (self, changed);
  return TRUE;
}

/**
 * care_cache_delete:
 * @self: a cache
 * @type: a resource type
 * @id: its id
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Removes one resource, if present.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_delete (CareCache   *self,
                   const char  *type,
                   const char  *id,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  assert_owner (self);

  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM resources WHERE type = ? AND id = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, self->db, rc, error);

  if (sqlite3_changes (self->db) > 0)
    {
      g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_add (types, (gpointer)type);
      care_cache_emit_changed (self, types);
    }
  return TRUE;
}

/**
 * care_cache_sweep:
 * @self: a cache
 * @type: a resource type whose searches all completed in pass @pass
 * @pass: the mark from care_cache_begin_full_pass()
 * @out_n_removed: (out) (optional): how many resources were removed
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Removes the resources of @type that searches put here but the full pass
 * @pass did not return: the portal no longer has them (FHIR-CLIENT.md 21).
 * Referenced resources stay.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_sweep (CareCache   *self,
                  const char  *type,
                  gint64       pass,
                  guint       *out_n_removed,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int removed;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (pass > 0, FALSE);
  assert_owner (self);

  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM resources WHERE type = ? AND origin = 0 AND pass <> ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, pass);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, self->db, rc, error);

  removed = sqlite3_changes (self->db);
  if (out_n_removed != NULL)
    *out_n_removed = removed;
  if (removed > 0)
    {
      g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_add (types, (gpointer)type);
      care_cache_emit_changed (self, types);
    }
  return TRUE;
}

/**
 * care_cache_lookup:
 * @self: a cache
 * @type: a resource type
 * @id: an id
 * @error: return location for a #CARE_CACHE_ERROR; unset when the resource
 *   is simply absent
 *
 * Returns: (transfer full) (nullable): the resource
 */
JsonObject *
care_cache_lookup (CareCache   *self,
                   const char  *type,
                   const char  *id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  JsonObject *resource = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  assert_owner (self);

  if ((stmt = care_cache_get_stmt (self, STMT_FIND, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    resource = care_fhir_parse_resource ((const char *)sqlite3_column_text (stmt, 1),
                                         sqlite3_column_bytes (stmt, 1), error);
  else if (rc != SQLITE_DONE)
    care_cache_set_error (self, self->db, rc, error);
  sqlite3_reset (stmt);
  return resource;
}

/**
 * care_cache_contains:
 * @self: a cache
 * @type: a resource type
 * @id: an id
 *
 * Returns: whether the cache holds that resource
 */
gboolean
care_cache_contains (CareCache  *self,
                     const char *type,
                     const char *id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  assert_owner (self);

  if ((stmt = care_cache_get_stmt (self, STMT_FIND, NULL)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

