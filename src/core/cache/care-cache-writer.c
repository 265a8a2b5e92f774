/* care-cache-writer.c — storing pages on a thread of the cache's own
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync that stores its pages on the thread that also runs its network
 * I/O leaves the portal waiting: each next request goes out only once the
 * page before it is stored. care_cache_store_async() hands pages to one
 * writer thread instead, with a connection of its own to the same file
 * (WAL: the owner's readers never wait for it). Pages are stored in the
 * order they were handed over, each as care_cache_store_page_changes()
 * stores it: all of it or none. The pages that waited while the writer
 * was busy go in one transaction (each alone again should that fail): a
 * commit rewrites every index page its resources touched, and resources
 * arriving newest first land all over the index on (type, id), so ten
 * pages a commit write a third of the WAL that ten commits do (bench/
 * README.md, "sixth stop"). A kill leaves all of them or none, as it
 * would leave pages still waiting. The owner's thread hears of the
 * changes (CareCache::changed) when it finishes the call, so lists never
 * see a signal from another thread.
 */
#include "config.h"

#include "care-cache-private.h"

typedef enum
{
  JOB_STORE,
  JOB_BEGIN_LOAD,
  JOB_END_LOAD,
} JobKind;

typedef struct
{
  JobKind          kind;
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
static void push_job (CareCache *self, GTask *task);

static void
job_free (Job *job)
{
  g_clear_pointer (&job->records, g_ptr_array_unref);
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

/* Every type the cache holds: each list reads again once indexed. */
static void
add_all_types (CareCache  *writer,
               GHashTable *into)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (care_cache_get_db (writer), "SELECT DISTINCT type FROM resources", -1, &stmt,
                          NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (into, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
}

/* Pages handed over while the writer was busy are stored together, up to
 * about this many resources in one transaction. */
#define MAX_BATCH_RECORDS 1000

/* To the owner's thread, which returns the task and lets it go. Not
 * g_main_context_invoke(): it would run the function here when nobody
 * holds the owner's context at that moment. */
static void
return_task (GTask *task)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, return_on_owner, task, NULL);
  g_source_set_static_name (source, "[carebook] cache writer return");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
run_load_job (CareCache *self,
              GTask     *task)
{
  Job *job = g_task_get_task_data (task);
  Result *result = g_new0 (Result, 1);
  gboolean done = FALSE;

  result->changed_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (job->kind == JOB_BEGIN_LOAD ? care_cache_begin_load (self->writer, &done, &job->error)
                                  : care_cache_end_load (self->writer, &done, &job->error))
    {
      result->stored.n_changed = done;
      if (done && job->kind == JOB_END_LOAD)
        add_all_types (self->writer, result->changed_types);
      job->result = result;
    }
  else
    result_free (result);
  return_task (task);
}

static Result *
result_new_stored (void)
{
  Result *result = g_new0 (Result, 1);

  result->stored.added = g_ptr_array_new_with_free_func (g_free);
  result->stored.updated = g_ptr_array_new_with_free_func (g_free);
  result->changed_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return result;
}

/* One page in a transaction of its own, then the resources found by
 * reference with it in another. */
static void
store_alone (CareCache *writer,
             Job       *job)
{
  Result *result = result_new_stored ();
  guint n_others = 0;

  if (!care_cache_store_records (writer, job->records, job->origin, job->pass, &result->stored.n_changed,
                                 result->stored.added, result->stored.updated, job->max_ids,
                                 result->changed_types, &job->error) ||
      (job->others != NULL && job->others->len > 0 &&
       !care_cache_store_records (writer, job->others, CARE_CACHE_ORIGIN_REFERENCE, 0, &n_others, NULL, NULL,
                                  0, result->changed_types, &job->error)))
    result_free (result);
  else
    job->result = result;
}

/* Stores the pages of @tasks, in order, in one transaction. Should any of
 * it fail (a page the database refuses, a full disk), the transaction is
 * rolled back and each page is stored alone, so a page still stores all
 * of itself or nothing and the others stay. A kill leaves all of them or
 * none, as it would leave pages still waiting. */
static void
run_store_jobs (CareCache *self,
                GPtrArray *tasks)
{
  CareCache *writer = self->writer;
  sqlite3 *db = care_cache_get_db (writer);
  gboolean stored = tasks->len > 1 && sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;

  for (guint i = 0; stored && i < tasks->len; i++)
    {
      Job *job = g_task_get_task_data (g_ptr_array_index (tasks, i));
      Result *result = result_new_stored ();
      guint n_others = 0;

      job->result = result;
      stored = care_cache_store_records_in (writer, job->records, job->origin, job->pass,
                                            &result->stored.n_changed, result->stored.added,
                                            result->stored.updated, job->max_ids, result->changed_types,
                                            NULL) &&
               (job->others == NULL || job->others->len == 0 ||
                care_cache_store_records_in (writer, job->others, CARE_CACHE_ORIGIN_REFERENCE, 0, &n_others,
                                             NULL, NULL, 0, result->changed_types, NULL));
    }
  if (stored && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    stored = FALSE;

  if (!stored)
    {
      if (tasks->len > 1)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      for (guint i = 0; i < tasks->len; i++)
        {
          Job *job = g_task_get_task_data (g_ptr_array_index (tasks, i));

          g_clear_pointer (&job->result, result_free);
          store_alone (writer, job);
        }
    }
  for (guint i = 0; i < tasks->len; i++)
    return_task (g_ptr_array_index (tasks, i));
}

/* On the writer thread, woken by an item of the pool: takes the jobs
 * waiting, in order, pages one after another together. Each job's task is
 * held here by its only reference, which goes to the owner's thread when
 * done: the task, and so the cache, is never finalized here (the cache's
 * finalize waits for this thread). */
static void
writer_run (gpointer data,
            gpointer user_data)
{
  CareCache *self = user_data;
  GTask *held = NULL;
  GTask *task;

  while ((task = held != NULL ? g_steal_pointer (&held) : g_async_queue_try_pop (self->writer_queue)) != NULL)
    {
      Job *job = g_task_get_task_data (task);
      g_autoptr(GPtrArray) batch = NULL;
      guint n_records;
      GTask *next;

      if (self->writer == NULL && (self->writer = care_cache_open (self->path, &job->error)) == NULL)
        {
          return_task (task);
          continue;
        }
      if (job->kind != JOB_STORE)
        {
          run_load_job (self, task);
          continue;
        }

      batch = g_ptr_array_new ();
      g_ptr_array_add (batch, task);
      n_records = job->records->len;
      while (n_records < MAX_BATCH_RECORDS && (next = g_async_queue_try_pop (self->writer_queue)) != NULL)
        {
          Job *next_job = g_task_get_task_data (next);

          if (next_job->kind != JOB_STORE)
            {
              held = next;
              break;
            }
          g_ptr_array_add (batch, next);
          n_records += next_job->records->len;
        }
      run_store_jobs (self, batch);
    }
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
  job->kind = JOB_STORE;
  job->records = g_ptr_array_ref (records);
  job->others = others != NULL ? g_ptr_array_ref (others) : NULL;
  job->origin = origin;
  job->pass = pass;
  job->max_ids = max_ids;
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  push_job (self, g_steal_pointer (&task));
}

static void
push_job (CareCache *self,
          GTask     *task)
{
  if (self->writer_pool == NULL)
    {
      GError *error = NULL;

      self->writer_pool = g_thread_pool_new (writer_run, self, 1, TRUE, &error);
      if (self->writer_pool == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      self->writer_queue = g_async_queue_new ();
    }
  g_async_queue_push (self->writer_queue, task);
  g_thread_pool_push (self->writer_pool, GINT_TO_POINTER (1), NULL);
}

static void
push_load_job (CareCache          *self,
               JobKind             kind,
               gpointer            source_tag,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  job->kind = kind;
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  push_job (self, task);
}

/**
 * care_cache_begin_load_async:
 * @self: a cache
 * @callback: called on this thread once done
 * @user_data: for @callback
 *
 * On the writer thread, before any page handed over after it: finishes
 * the indexing a stopped sync left, then, if the cache holds no resource,
 * starts a first load whose indexes are built by
 * care_cache_end_load_async() (care-cache-index.c).
 */
void
care_cache_begin_load_async (CareCache          *self,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (CARE_IS_CACHE (self));
  assert_owner (self);

  push_load_job (self, JOB_BEGIN_LOAD, care_cache_begin_load_async, callback, user_data);
}

/**
 * care_cache_end_load_async:
 * @self: a cache
 * @callback: called on this thread once done
 * @user_data: for @callback
 *
 * On the writer thread, after every page handed over before it: builds
 * the indexes of a first load, if one is under way or was left unfinished.
 */
void
care_cache_end_load_async (CareCache          *self,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (CARE_IS_CACHE (self));
  assert_owner (self);

  push_load_job (self, JOB_END_LOAD, care_cache_end_load_async, callback, user_data);
}

/**
 * care_cache_load_finish:
 * @self: a cache
 * @result: what care_cache_begin_load_async() or care_cache_end_load_async()
 *   gave its callback
 * @out_done: (out) (optional): whether a load began (or a load's indexes
 *   were built)
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * When a load's indexes were built, every list reads again
 * (#CareCache::changed for each type).
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_load_finish (CareCache     *self,
                        GAsyncResult  *result,
                        gboolean      *out_done,
                        GError       **error)
{
  Result *done;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (out_done != NULL)
    *out_done = done != NULL && done->stored.n_changed > 0;
  if (done == NULL)
    return FALSE;
  if (g_hash_table_size (done->changed_types) > 0)
    care_cache_emit_changed (self, done->changed_types);
  result_free (done);
  return TRUE;
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
  g_clear_pointer (&self->writer_queue, g_async_queue_unref);
  g_clear_object (&self->writer);
}
