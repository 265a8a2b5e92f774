/* care-cache-documents.c — the words of documents, for the record search
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DocumentReference's own JSON says little ("Progress note", a date, an
 * author); what a patient searches for is in the note itself. Once a
 * document's bytes have been read (opened, or fetched ahead after a sync),
 * the words of its text are kept per resource in document_text and added
 * to the resource's row of resource_text, after its own words, so the one
 * FTS5 index finds them and ranks them with everything else. A new version
 * of the resource keeps them (care-cache-store.c); removing the resource
 * removes them (a trigger).
 */
#include "config.h"

#include <string.h>

#include "care-cache-private.h"

/* The rid of @type/@id, 0 when it is not stored, or < 0 on error. */
static gint64
find_rid (CareCache  *self,
          const char *type,
          const char *id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rid = -1;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT rid FROM resources WHERE type = ? AND id = ?", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rid = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : rc == SQLITE_DONE ? 0 : -1;
    }
  sqlite3_finalize (stmt);
  return rid;
}

/* The document words kept for @rid (NULL when none), into @out_body. */
static int
read_body (CareCache  *self,
           gint64      rid,
           char      **out_body)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT body FROM document_text WHERE rid = ?", -1, &stmt, NULL);

  *out_body = NULL;
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rid);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *out_body = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static int
run (CareCache  *self,
     const char *sql,
     gint64      rid,
     const char *text)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rid);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

/**
 * care_cache_has_document_text:
 * @self: a cache
 * @type: a resource type
 * @id: its id
 *
 * Returns: whether words of a document of @type/@id are kept
 */
gboolean
care_cache_has_document_text (CareCache  *self,
                              const char *type,
                              const char *id)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (type != NULL && id != NULL, FALSE);
  assert_owner (self);

  /* Asked for every document after each sync: the words are not read. */
  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM document_text d JOIN resources r ON r.rid = d.rid"
                                    " WHERE r.type = ? AND r.id = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/**
 * care_cache_add_document_text:
 * @self: a cache
 * @type: the type of the resource the document belongs to
 * @id: its id
 * @text: the document's text (care_document_text_extract())
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Makes the words of @text part of what the record search finds for
 * @type/@id, in one transaction. Text already kept for it is not added
 * twice; a resource that is not stored takes nothing (and that is no
 * error). #CareCache::changed is not emitted: no list shows different
 * items for it (the document being read would have its list reloaded
 * under it), and the next search finds the words.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_add_document_text (CareCache   *self,
                              const char  *type,
                              const char  *id,
                              const char  *text,
                              GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *joined = NULL;
  gint64 rid;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (type != NULL && id != NULL && text != NULL, FALSE);
  assert_owner (self);

  if (*text == '\0')
    return TRUE;
  if (!care_cache_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  rid = find_rid (self, type, id);
  rc = rid < 0 ? SQLITE_ERROR : rid == 0 ? SQLITE_DONE : read_body (self, rid, &body);
  if (rc == SQLITE_OK && body != NULL && strstr (body, text) != NULL)
    rc = SQLITE_DONE;   /* kept already */
  if (rc == SQLITE_OK)
    {
      joined = body != NULL ? g_strconcat (body, "\n", text, NULL) : g_strdup (text);
      rc = run (self, "INSERT OR REPLACE INTO document_text (rid, body) VALUES (?, ?)", rid, joined);
      if (rc == SQLITE_OK)
        rc = run (self, "UPDATE resource_text SET body = body || char(10) || ?2 WHERE rowid = ?1", rid, text);
    }

  if (rc == SQLITE_OK || rc == SQLITE_DONE)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      care_cache_set_error (self, self->db, rc, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
