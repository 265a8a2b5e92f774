/* care-sync-value-sets.c — a sync's last step: the answers questionnaires name
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once the searches and what they refer to are in, the Questionnaires of
 * the cache are read for canonical answerValueSets they neither contain
 * nor expand, and the portal is asked for each one's expansion
 * (`ValueSet/$expand?url=…`, care-value-set.c), at most four at a time
 * like every request (the portal gate). One that is kept already is asked
 * for again only on a full sync. A failure fails nothing else: the
 * question says why it has no answers, and a failure never replaces an
 * expansion kept before.
 */
#include "config.h"

#include "care-cache-query.h"
#include "care-questionnaire.h"
#include "care-sync-run-private.h"
#include "care-value-set.h"

typedef struct
{
  GTask *task;
  char  *url;
} Expand;

static void
expand_free (Expand *expand)
{
  g_object_unref (expand->task);
  g_free (expand->url);
  g_free (expand);
}

static void
expanded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Expand *expand = user_data;
  GTask *task = expand->task;
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarePortalResponse) response = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source),
                                                                              result, &error);
  g_autoptr(JsonObject) value_set = NULL;
  CareValueSetProblem problem;
  guint total = 0;

  if (response != NULL)
    value_set = care_value_set_read_response (response->status, response->body, expand->url, &problem, &total);
  else
    problem = care_value_set_problem_for_error (error);

  /* A stopped sync keeps what it had: "cancelled" is no answer. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (problem != CARE_VALUE_SET_OK)
        g_debug ("A questionnaire's list of answers could not be had (%d)", problem);
      care_value_set_cache_store (run->self->cache, expand->url, value_set, problem, total);
    }

  run->outstanding--;
  care_sync_run_maybe_finish (task);
  expand_free (expand);
}

/**
 * care_sync_value_sets_fetch:
 * @task: a sync's task, its searches and references done
 *
 * Asks for the expansions the cached Questionnaires need; each adds to
 * the run's outstanding requests.
 */
void
care_sync_value_sets_fetch (GTask *task)
{
  SyncRun *run = g_task_get_task_data (task);
  CareCache *cache = run->self->cache;
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Questionnaire");
  g_autoptr(GPtrArray) resources = care_cache_dup_resources (cache, query, NULL);
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      g_autoptr(CareQuestionnaire) questionnaire = care_questionnaire_new (g_ptr_array_index (resources, i), NULL);
      g_autoptr(GPtrArray) urls = NULL;

      if (questionnaire == NULL)
        continue;
      urls = care_questionnaire_dup_value_set_urls (questionnaire);
      for (guint j = 0; j < urls->len; j++)
        {
          const char *url = g_ptr_array_index (urls, j);

          if ((run->flags & CARE_SYNC_FULL) == 0 && care_value_set_cache_has (cache, url))
            continue;
          g_hash_table_add (wanted, g_strdup (url));
        }
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Expand *expand = g_new0 (Expand, 1);
      g_autofree char *path = care_value_set_dup_expand_path (key);

      expand->task = g_object_ref (task);
      expand->url = g_strdup (key);
      run->outstanding++;
      care_portal_client_download_async (run->self->client, path, NULL, CARE_VALUE_SET_MAX_BYTES,
                                         run->cancellable, expanded_cb, expand);
    }
}
