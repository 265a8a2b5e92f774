/* care-cache-attachments.c — the bytes of documents, kept for offline reading
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DocumentReference's attachment usually points at a Binary (or any
 * URL) rather than carrying its bytes. Once fetched, the bytes are kept
 * here by the attachment's resolved URL, in the same 0600 file as the rest
 * of the record, so a document read once stays readable offline. Each
 * store is one statement, hence one transaction. Nothing of the content
 * goes to logs.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-error.h"

/**
 * care_cache_lookup_attachment:
 * @self: a cache
 * @key: the attachment's resolved URL
 * @out_content_type: (out) (optional) (transfer full) (nullable): its
 *   content type, as stored
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: (transfer full) (nullable): the stored bytes, or %NULL without
 *   an error when nothing is stored under @key
 */
GBytes *
care_cache_lookup_attachment (CareCache   *self,
                              const char  *key,
                              char       **out_content_type,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  assert_owner (self);

  if (out_content_type != NULL)
    *out_content_type = NULL;

  rc = sqlite3_prepare_v2 (self->db, "SELECT content_type, data FROM attachments WHERE key = ?", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
          if (out_content_type != NULL)
            *out_content_type = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          rc = SQLITE_DONE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      care_cache_set_error (self, self->db, rc, error);
      return NULL;
    }
  return bytes;
}

/**
 * care_cache_store_attachment:
 * @self: a cache
 * @key: the attachment's resolved URL
 * @content_type: (nullable): its content type
 * @bytes: its content
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Keeps (or replaces) an attachment's bytes, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_store_attachment (CareCache   *self,
                             const char  *key,
                             const char  *content_type,
                             GBytes      *bytes,
                             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gconstpointer data;
  gsize size = 0;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  assert_owner (self);

  data = g_bytes_get_data (bytes, &size);
  rc = sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO attachments (key, content_type, size, fetched, data)"
                                     " VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      care_cache_bind_text_or_null (stmt, 2, content_type);
      sqlite3_bind_int64 (stmt, 3, (sqlite3_int64)size);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      /* An empty blob is still a blob: never NULL, which NOT NULL refuses. */
      sqlite3_bind_blob64 (stmt, 5, size > 0 ? data : "", size, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, self->db, rc, error);
  return TRUE;
}

/**
 * care_cache_count_attachments:
 * @self: a cache
 *
 * Returns: how many attachments are stored
 */
gint64
care_cache_count_attachments (CareCache *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  g_return_val_if_fail (CARE_IS_CACHE (self), 0);
  assert_owner (self);

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM attachments", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/**
 * care_cache_has_attachment:
 * @self: a cache
 * @key: the attachment's resolved URL
 *
 * Whether an attachment's bytes are kept, without reading them.
 *
 * Returns: %TRUE if they are
 */
gboolean
care_cache_has_attachment (CareCache  *self,
                           const char *key)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  assert_owner (self);

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM attachments WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}
