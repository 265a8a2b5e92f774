/* care-cache-read.c — queries over the cache: counts, lists, search, export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counting and full-text ranking can take a while on a big record, so the
 * async variants do them in a GTask worker on a read-only connection of
 * its own (WAL gives it a consistent snapshot while the sync writes);
 * the list model then reads pages of 100 rows on the owner's thread,
 * through an index, which is far below a frame's time.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-error.h"
#include "care-resource-item.h"
#include "care-resource-list.h"

/**
 * care_cache_count:
 * @self: a cache
 * @type: (nullable): a resource type, or %NULL for all
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Counts through an index; fast enough for the owner's thread.
 *
 * Returns: the number of resources, or -1 on error
 */
gint64
care_cache_count (CareCache   *self,
                  const char  *type,
                  GError     **error)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);

  g_return_val_if_fail (CARE_IS_CACHE (self), -1);
  assert_owner (self);

  return care_cache_count_query (self->db, query, error);
}

/**
 * care_cache_count_by_type:
 * @self: a cache
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: (transfer full) (element-type utf8 guint) (nullable): resource
 *   type → count, as GUINT_TO_POINTER
 */
GHashTable *
care_cache_count_by_type (CareCache  *self,
                          GError    **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  assert_owner (self);

  rc = sqlite3_prepare_v2 (self->db, "SELECT type, count(*) FROM resources GROUP BY type", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (counts, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                           GUINT_TO_POINTER ((guint)sqlite3_column_int64 (stmt, 1)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      care_cache_set_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/**
 * care_cache_query:
 * @self: a cache
 * @query: what to list
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Counts on the calling (owner's) thread and returns a list that reads
 * its rows a page at a time when asked. For a query with text, the
 * matches are ranked once, here; prefer care_cache_query_async() for
 * that and for very large counts.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CareResourceItem
 *   that follows the cache's changes
 */
GListModel *
care_cache_query (CareCache       *self,
                  CareCacheQuery  *query,
                  GError         **error)
{
  g_autofree char *fts = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  assert_owner (self);

  fts = care_cache_dup_fts_query (query->text);
  if (fts != NULL)
    {
      GArray *rids = care_cache_collect_rids (self->db, query, error);

      if (rids == NULL)
        return NULL;
      return care_resource_list_new (self, query, -1, rids);
    }
  else
    {
      gint64 n = care_cache_count_query (self->db, query, error);

      if (n < 0)
        return NULL;
      return care_resource_list_new (self, query, n, NULL);
    }
}

/**
 * care_cache_dup_resources:
 * @self: a cache
 * @query: what to list
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * care_cache_query(), read whole: for the few resources a feature sums
 * up (a person's directives, the clinic's reading requests).
 *
 * Returns: (transfer full) (nullable) (element-type JsonObject): the
 *   resources in the query's order
 */
GPtrArray *
care_cache_dup_resources (CareCache       *self,
                          CareCacheQuery  *query,
                          GError         **error)
{
  g_autoptr(GListModel) items = care_cache_query (self, query, error);
  GPtrArray *resources;

  if (items == NULL)
    return NULL;
  resources = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);
      JsonObject *resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        g_ptr_array_add (resources, resource);
    }
  return resources;
}

typedef struct
{
  CareCacheQuery *query;
  guint64         generation;
  gboolean        count_only;
  gint64          n_items;
  GArray         *rids;
} QueryData;

static void
query_data_free (QueryData *data)
{
  care_cache_query_unref (data->query);
  g_clear_pointer (&data->rids, g_array_unref);
  g_free (data);
}

static void
query_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CareCache *self = source_object;
  QueryData *data = task_data;
  g_autofree char *fts = care_cache_dup_fts_query (data->query->text);
  GError *error = NULL;
  sqlite3 *db = care_cache_open_reader (self, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (fts != NULL && !data->count_only)
    data->rids = care_cache_collect_rids (db, data->query, &error);
  else
    data->n_items = care_cache_count_query (db, data->query, &error);
  sqlite3_close (db);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_query_task (CareCache           *self,
                  CareCacheQuery      *query,
                  gboolean             count_only,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  QueryData *data = g_new0 (QueryData, 1);

  data->query = care_cache_query_ref (query);
  data->generation = self->generation;
  data->count_only = count_only;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify)query_data_free);
  g_task_run_in_thread (task, query_in_thread);
}

/**
 * care_cache_query_async:
 * @self: a cache
 * @query: what to list
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the owner's thread when done
 * @user_data: for @callback
 *
 * Like care_cache_query(), with the count (or the full-text ranking) done
 * in a worker on a read-only connection.
 */
void
care_cache_query_async (CareCache           *self,
                        CareCacheQuery      *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CARE_IS_CACHE (self));
  g_return_if_fail (query != NULL);
  assert_owner (self);

  start_query_task (self, query, FALSE, care_cache_query_async, cancellable, callback, user_data);
}

static GListModel *
finish_list (CareCache     *self,
             GAsyncResult  *result,
             GError       **error)
{
  QueryData *data;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  /* The worker read a snapshot; if the owner committed since, that
   * snapshot is stale and the list must count again. */
  if (data->generation != self->generation)
    return care_cache_query (self, data->query, error);
  return care_resource_list_new (self, data->query, data->n_items, g_steal_pointer (&data->rids));
}

/**
 * care_cache_query_finish:
 * @self: a cache
 * @result: the result
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CareResourceItem
 */
GListModel *
care_cache_query_finish (CareCache     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_cache_query_async, NULL);
  assert_owner (self);

  return finish_list (self, result, error);
}

/**
 * care_cache_search_async:
 * @self: a cache
 * @text: words to find anywhere in the record
 * @type: (nullable): a resource type to search, or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the owner's thread when done
 * @user_data: for @callback
 *
 * Full-record search (FTS5), best matches first.
 */
void
care_cache_search_async (CareCache           *self,
                         const char          *text,
                         const char          *type,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(CareCacheQuery) query = NULL;

  g_return_if_fail (CARE_IS_CACHE (self));
  g_return_if_fail (text != NULL);
  assert_owner (self);

  query = care_cache_query_new (type);
  care_cache_query_set_text (query, text);
  care_cache_query_set_sort (query, CARE_CACHE_SORT_RELEVANCE);
  start_query_task (self, query, FALSE, care_cache_search_async, cancellable, callback, user_data);
}

/**
 * care_cache_search_finish:
 * @self: a cache
 * @result: the result
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CareResourceItem
 */
GListModel *
care_cache_search_finish (CareCache     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_cache_search_async, NULL);
  assert_owner (self);

  return finish_list (self, result, error);
}

/**
 * care_cache_count_async:
 * @self: a cache
 * @query: what to count
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Counts in a worker on a read-only connection.
 */
void
care_cache_count_async (CareCache           *self,
                        CareCacheQuery      *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CARE_IS_CACHE (self));
  g_return_if_fail (query != NULL);

  start_query_task (self, query, TRUE, care_cache_count_async, cancellable, callback, user_data);
}

/**
 * care_cache_count_finish:
 * @self: a cache
 * @result: the result
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: the count, or -1 on error
 */
gint64
care_cache_count_finish (CareCache     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_cache_count_async, -1);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;
  return ((QueryData *)g_task_get_task_data (G_TASK (result)))->n_items;
}

/**
 * care_cache_foreach_json:
 * @self: a cache
 * @func: called for each resource, by type and id; return %FALSE to stop
 * @user_data: for @func
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Walks every resource's stored JSON without building objects, for
 * exports.
 *
 * Returns: %TRUE unless the cache could not be read
 */
gboolean
care_cache_foreach_json (CareCache   *self,
                         gboolean   (*func) (const char *type,
                                             const char *id,
                                             const char *json,
                                             gpointer    user_data),
                         gpointer     user_data,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  assert_owner (self);

  rc = sqlite3_prepare_v2 (self->db, "SELECT type, id, json FROM resources ORDER BY type, id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      if (!func ((const char *)sqlite3_column_text (stmt, 0), (const char *)sqlite3_column_text (stmt, 1),
                 (const char *)sqlite3_column_text (stmt, 2), user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, self->db, rc, error);
  return TRUE;
}

