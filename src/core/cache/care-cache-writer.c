/* care-cache-writer.c — storing pages on a thread of the cache's own
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync that stores its pages on the thread that also runs its network
 * I/O leaves the portal waiting: each next request goes out only once the
 * page before it is stored. care_cache_store_async() hands pages to one
 * writer thread instead, with a connection of its own to the same file
 * (WAL: the owner's readers never wait for it). Pages are stored one at a
 * time, in the order they were handed over, each in its own transaction
 * exactly as care_cache_store_page_changes() stores it; the owner's
 * thread hears of the changes (CareCache::changed) when it finishes the
 * call, so lists never see a signal from another thread.
 */
#include "config.h"

#include "care-cache-private.h"

typedef struct
{
  GPtrArray       *records;
  GPtrArray       *others;
  CareCacheOrigin  origin;
  gint64           pass;
  guint            max_ids;
  /* Set on the writer thread, returned on the owner's. */
  gpointer         result;
  GError          *error;
} Job;

typedef struct
{
  CareCacheStored  stored;
  GHashTable      *changed_types;
} Result;

static void result_free (gpointer data);

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->records);
  g_clear_pointer (&job->others, g_ptr_array_unref);
  g_clear_pointer (&job->result, result_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->stored.added, g_ptr_array_unref);
  g_clear_pointer (&result->stored.updated, g_ptr_array_unref);
  g_clear_pointer (&result->changed_types, g_hash_table_unref);
  g_free (result);
}

/**
 * care_cache_stored_free:
 * @stored: (nullable): what care_cache_store_finish() returned
 */
void
care_cache_stored_free (CareCacheStored *stored)
{
  if (stored != NULL)
    result_free ((Result *)stored);
}

/* On the owner's thread: the task is returned, and let go, here. */
static gboolean
return_on_owner (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);

  if (job->error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&job->result), result_free);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* On the writer thread. It holds the only reference on the task, and
 * hands it to the owner's thread when done: the task, and so the cache,
 * is never finalized here (the cache's finalize waits for this thread). */
static void
writer_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  CareCache *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  Result *result;
  GSource *source;
  guint n_others = 0;

  if (self->writer == NULL)
    self->writer = care_cache_open (self->path, &job->error);
  if (self->writer != NULL)
    {
      result = g_new0 (Result, 1);
      result->stored.added = g_ptr_array_new_with_free_func (g_free);
      result->stored.updated = g_ptr_array_new_with_free_func (g_free);
      result->changed_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (!care_cache_store_records (self->writer, job->records, job->origin, job->pass,
                                     &result->stored.n_changed, result->stored.added, result->stored.updated,
                                     job->max_ids, result->changed_types, &job->error) ||
          (job->others != NULL && job->others->len > 0 &&
           !care_cache_store_records (self->writer, job->others, CARE_CACHE_ORIGIN_REFERENCE, 0, &n_others,
                                      NULL, NULL, 0, result->changed_types, &job->error)))
        result_free (result);
      else
        job->result = result;
    }
  /* Not g_main_context_invoke(): it would run the function here when
   * nobody holds the owner's context at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, return_on_owner, task, NULL);
  g_source_set_static_name (source, "[carebook] cache writer return");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

/**
 * care_cache_store_async:
 * @self: a cache
 * @records: (element-type CareFhirRecord): resources to add or replace;
 *   they must stay alive until @callback runs
 * @others: (nullable) (element-type CareFhirRecord): resources found by
 *   reference, stored after @records in a transaction of their own
 * @origin: why @records are here
 * @pass: the full pass, or 0
 * @max_ids: at most this many ids in the result's added and updated
 * @callback: called on this thread when the page is stored
 * @user_data: for @callback
 *
 * Stores a page as care_cache_store_page_changes() does, but on the
 * cache's writer thread, after every page handed over before it. A page
 * handed over is always stored; there is no cancelling it.
 */
void
care_cache_store_async (CareCache          *self,
                        GPtrArray          *records,
                        GPtrArray          *others,
                        CareCacheOrigin     origin,
                        gint64              pass,
                        guint               max_ids,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (CARE_IS_CACHE (self));
  g_return_if_fail (records != NULL);
  assert_owner (self);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, care_cache_store_async);
  job = g_new0 (Job, 1);
  job->records = g_ptr_array_ref (records);
  job->others = others != NULL ? g_ptr_array_ref (others) : NULL;
  job->origin = origin;
  job->pass = pass;
  job->max_ids = max_ids;
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);

  if (self->writer_pool == NULL)
    {
      GError *error = NULL;

      self->writer_pool = g_thread_pool_new (writer_run, NULL, 1, TRUE, &error);
      if (self->writer_pool == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_thread_pool_push (self->writer_pool, g_steal_pointer (&task), NULL);
}

/**
 * care_cache_store_finish:
 * @self: a cache
 * @result: the result given to the callback
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Announces what the page changed (#CareCache::changed, on this thread).
 *
 * Returns: (transfer full) (nullable): what was stored, or %NULL when the
 *   page was not (then none of it was)
 */
CareCacheStored *
care_cache_store_finish (CareCache     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  Result *stored;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  stored = g_task_propagate_pointer (G_TASK (result), error);
  if (stored == NULL)
    return NULL;
  if (g_hash_table_size (stored->changed_types) > 0)
    care_cache_emit_changed (self, stored->changed_types);
  return &stored->stored;
}

/* From finalize: waits for the writer to be done (nothing is queued: each
 * queued page holds a reference on the cache) and closes its connection. */
void
care_cache_writer_free (CareCache *self)
{
  if (self->writer_pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writer_pool), FALSE, TRUE);
  g_clear_object (&self->writer);
}
