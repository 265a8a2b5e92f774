/* care-sync-search.c — one search of a sync, page by page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search follows link[next] exactly, stops on a repeated or self link,
 * never trusts Bundle.total, and starts again from its first page on a
 * 410 (FHIR-CLIENT.md 13–16). Each page goes to the cache's writer thread
 * to be stored, one transaction each, while the next page is already
 * being fetched; the search ends when neither is pending. A plain search
 * that a server refuses with a 400 is asked again per category or intent.
 *
 * What a page holds is not taken on trust: only resources of the searched
 * type about this patient are stored as the list, plus the shared types
 * something may refer to (referenced_types); anything else — other types,
 * another patient's resources, a Patient that is not this one — is
 * refused and counted, and the type then fails as a server error. A
 * search answered by a bare resource instead of a Bundle fails too. Each
 * search has a budget of pages and resources (an endless chain of fresh
 * next links), past which the type is "incomplete" and is not swept.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-error.h"
#include "care-sync-run-private.h"

#define MAX_RESTARTS 3

/* Fetched by id when something refers to them (not patient compartment). */
static const char *referenced_types[] = {
  "Practitioner", "PractitionerRole", "Organization", "Location", "Medication",
  /* A Task's focus when the clinic asks for answers (questionnaires). */
  "Questionnaire",
};

typedef struct
{
  TypeRun    *type_run;
  guint       n_pages;
  guint       n_resources;
  char       *first_url;
  char       *current_url;
  GHashTable *seen;
  guint       restarts;
  /* For a plain search that a server may refuse without a category or
   * intent: the parameter and values to split it by, and its path. */
  const char *split_param;
  const char *split_values;
  char       *path;
  /* One category (or intent) of a split search: a server that refuses
   * this one value fails nothing (FHIR-CLIENT.md 13). */
  gboolean    split_part;
  /* The next page is asked for while this one is being stored (on the
   * cache's writer thread): the search ends when neither is pending. */
  gboolean    fetching;
  guint       storing;
  /* The next page waits to be asked for until one is stored. */
  gboolean    next_waits;
  gboolean    finished;
  GError     *error;
} Search;

static void
search_free (Search *search)
{
  g_free (search->first_url);
  g_free (search->current_url);
  g_free (search->path);
  g_clear_error (&search->error);
  g_hash_table_unref (search->seen);
  g_free (search);
}

static void run_search (Search *search);
static Search *start_search (TypeRun *type_run, const char *path);
static void start_split_searches (TypeRun *type_run, const char *base, const char *param, const char *values);

typedef struct
{
  Search       *search;
  CareFhirPage *page;
} StoreJob;

static void maybe_end_search (Search *search);

/* At most this many of a search's pages wait to be stored (on the cache
 * writer's queue or in its transaction); past that its next page is asked
 * for once one is stored. A portal faster than the disk would otherwise
 * fill memory with pages: at scale 20 the syncing process peaked at 79 MB
 * with pages of 500 and nothing waiting (bench/README.md, "seventh stop"). */
#define MAX_PAGES_STORING 6

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  StoreJob *job = user_data;
  Search *search = job->search;
  TypeRun *type_run = search->type_run;
  SyncRun *run = type_run->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCacheStored) stored = care_cache_store_finish (CARE_CACHE (source), result, &error);
  GHashTableIter iter;
  gpointer key;

  search->storing--;
  if (stored == NULL)
    {
      /* The search ends with this; a page already asked for is dropped. */
      if (search->error == NULL)
        search->error = g_steal_pointer (&error);
      search->finished = TRUE;
    }
  else
    {
      type_run->n_changed += stored->n_changed;
      for (guint i = 0; i < stored->added->len && type_run->added->len < CARE_SYNC_REPORT_MAX_IDS; i++)
        g_ptr_array_add (type_run->added, g_strdup (g_ptr_array_index (stored->added, i)));
      for (guint i = 0; i < stored->updated->len && type_run->updated->len < CARE_SYNC_REPORT_MAX_IDS; i++)
        g_ptr_array_add (type_run->updated, g_strdup (g_ptr_array_index (stored->updated, i)));

      g_hash_table_iter_init (&iter, job->page->references);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const char *reference = key;

          /* Most pages name the same few (the patient's practitioners):
           * copied only the first time. */
          if (g_hash_table_contains (run->references, reference))
            continue;
          for (guint i = 0; i < G_N_ELEMENTS (referenced_types); i++)
            if (g_str_has_prefix (reference, referenced_types[i]) &&
                reference[strlen (referenced_types[i])] == '/')
              g_hash_table_add (run->references, g_strdup (reference));
        }
      type_run->n_pages++;
      care_sync_run_update_progress (run);
    }

  care_fhir_page_free (job->page);
  g_free (job);
  if (search->next_waits)
    {
      search->next_waits = FALSE;
      if (!search->finished)
        run_search (search);
    }
  maybe_end_search (search);
}

static gboolean
is_referenced_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (referenced_types); i++)
    if (g_str_equal (type, referenced_types[i]))
      return TRUE;
  return FALSE;
}

/* Whether @record may be kept from a search for @type about @patient_id:
 * the searched type in the patient's compartment (a resource that names
 * no patient at all is taken as the server's answer to patient=), or a
 * shared type something refers to. A Patient is only ever this one. */
static gboolean
belongs (CareFhirRecord *record,
         const char     *type,
         const char     *patient_id)
{
  const char *record_type = record->index->type;

  if (!care_fhir_is_valid_id (record->index->id))
    return FALSE;
  if (g_str_equal (record_type, "Patient"))
    return g_str_equal (type, "Patient") && g_strcmp0 (record->index->id, patient_id) == 0;
  if (g_str_equal (record_type, type))
    return record->index->patient == NULL || g_str_equal (record->index->patient, patient_id);
  return is_referenced_type (record_type);
}

/* Hands @page to the cache's writer thread: its resources of the searched
 * type as found by search, the rest (included) as found by reference. */
static void
store_records (Search       *search,
               CareFhirPage *page)
{
  TypeRun *type_run = search->type_run;
  SyncRun *run = type_run->run;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  StoreJob *job = g_new0 (StoreJob, 1);

  for (guint i = 0; i < page->records->len; i++)
    {
      CareFhirRecord *record = g_ptr_array_index (page->records, i);

      if (!belongs (record, type_run->type, run->self->patient_id))
        type_run->n_foreign++;
      else
        g_ptr_array_add (g_str_equal (record->index->type, type_run->type) ? matches : others, record);
    }

  job->search = search;
  job->page = page;
  search->storing++;
  care_cache_store_async (run->self->cache, matches, others, CARE_CACHE_ORIGIN_SEARCH,
                          type_run->full ? run->pass : 0, CARE_SYNC_REPORT_MAX_IDS, stored_cb, job);
}

static void
search_done (Search *search,
             GError *error)
{
  TypeRun *type_run = search->type_run;
  SyncRun *run = type_run->run;
  GTask *task = run->self->running;

  type_run->n_done++;
  type_run->n_pages = 0;
  if (error != NULL)
    {
      if (type_run->error == NULL)
        type_run->error = g_error_copy (error);
      if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED))
        {
          /* Only this stops the whole sync (FHIR-CLIENT.md 18). */
          if (run->fatal == NULL)
            run->fatal = g_error_copy (error);
          g_cancellable_cancel (run->cancellable);
        }
    }
  search_free (search);
  care_sync_run_update_progress (run);
  run->outstanding--;
  care_sync_run_maybe_finish (task);
}

/* Asks @search's first page again, as its path now says. */
static void
restart_search (Search *search)
{
  g_free (search->first_url);
  search->first_url = care_portal_client_resolve (search->type_run->run->self->client, search->path);
  g_free (search->current_url);
  search->current_url = g_strdup (search->first_url);
  g_hash_table_remove_all (search->seen);
  run_search (search);
}

/* Asks @search's first page again in pages of PAGE_SIZE_SMALL, if it was
 * asking for PAGE_SIZE: for a server that refuses a count above its limit
 * instead of cutting the page, or a page too big to read. Returns whether
 * it did. */
static gboolean
retry_smaller_pages (Search *search)
{
  const char *count = strstr (search->path, "&_count=" PAGE_SIZE);
  gsize at;
  char *path;

  if (count == NULL)
    return FALSE;
  at = (gsize)(count - search->path);
  count += strlen ("&_count=" PAGE_SIZE);
  if (*count != '&' && *count != '\0')
    return FALSE;
  path = g_strdup_printf ("%.*s&_count=" PAGE_SIZE_SMALL "%s", (int)at, search->path, count);
  g_free (search->path);
  search->path = path;
  restart_search (search);
  return TRUE;
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Search *search = user_data;
  TypeRun *type_run = search->type_run;
  SyncRun *run = type_run->run;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  guint status = 0;
  g_autoptr(CareFhirPage) page = care_portal_client_fetch_page_finish (CARE_PORTAL_CLIENT (source), result,
                                                                       &status, &date, &error);
  const char *next;

  search->fetching = FALSE;
  if (search->error != NULL)
    {
      /* A page before this one could not be stored. */
      search->finished = TRUE;
      maybe_end_search (search);
      return;
    }

  if (page == NULL)
    {
      if (status == SOUP_STATUS_BAD_REQUEST && g_str_has_suffix (search->path, SORT_NEWEST) &&
          g_strcmp0 (search->current_url, search->first_url) == 0)
        {
          /* The server lists _sort but refuses this one: the same search
           * unsorted (which may still be split by category below). */
          search->path[strlen (search->path) - strlen (SORT_NEWEST)] = '\0';
          restart_search (search);
          return;
        }
      if (status == SOUP_STATUS_BAD_REQUEST && search->split_param != NULL &&
          g_strcmp0 (search->current_url, search->first_url) == 0)
        {
          /* Epic and others refuse these searches without a category (or
           * a MedicationRequest search without an intent): ask per value. */
          start_split_searches (type_run, search->path, search->split_param, search->split_values);
          search->finished = TRUE;
          maybe_end_search (search);
          return;
        }
      if (status == SOUP_STATUS_BAD_REQUEST && g_strcmp0 (search->current_url, search->first_url) == 0 &&
          retry_smaller_pages (search))
        return;
      /* A page of PAGE_SIZE bigger than the client reads (resources with
       * their documents inside): the search starts over in smaller pages.
       * Pages already stored are stored again, unchanged. */
      if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE) && retry_smaller_pages (search))
        return;
      if (status == SOUP_STATUS_BAD_REQUEST && search->split_part &&
          g_strcmp0 (search->current_url, search->first_url) == 0)
        {
          /* A category this server does not know: the others stand. */
          g_debug ("A split search was refused: %s", error != NULL ? error->message : "400");
          search->finished = TRUE;
          maybe_end_search (search);
          return;
        }
      if (status == SOUP_STATUS_GONE && search->restarts < MAX_RESTARTS &&
          g_strcmp0 (search->current_url, search->first_url) != 0)
        {
          /* The server let the paging snapshot go: start this search over.
           * Pages already stored are simply stored again. */
          search->restarts++;
          g_hash_table_remove_all (search->seen);
          g_free (search->current_url);
          search->current_url = g_strdup (search->first_url);
          run_search (search);
          return;
        }
      search->error = g_steal_pointer (&error);
      search->finished = TRUE;
      maybe_end_search (search);
      return;
    }

  if (run->server_date == NULL && date != NULL)
    run->server_date = g_steal_pointer (&date);

  /* A search is answered by a Bundle; only a read (Patient/id) by the
   * resource itself. */
  if (!page->is_bundle && strchr (search->path, '?') != NULL)
    {
      search->error = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                                           _("The health system answered a search with a single "
                                             "resource instead of a list."));
      search->finished = TRUE;
      maybe_end_search (search);
      return;
    }
  search->n_pages++;
  search->n_resources += page->records->len;

  if (page->outcome > type_run->outcome)
    {
      type_run->outcome = page->outcome;
      g_free (type_run->outcome_text);
      type_run->outcome_text = g_strdup (page->outcome_text);
    }

  /* The next page is asked for at once, while this one is stored on the
   * cache's writer thread: the portal, the parsing thread and the writer
   * all work at the same time. Pages are still stored in order. Only
   * when MAX_PAGES_STORING wait to be stored does the next wait too. */
  next = page->next_url;
  if (next == NULL || g_strcmp0 (next, search->current_url) == 0 || g_strcmp0 (next, page->self_url) == 0 ||
      g_hash_table_contains (search->seen, next))
    search->finished = TRUE;
  else if (search->n_pages >= run->self->max_pages || search->n_resources >= run->self->max_resources)
    {
      /* Fresh next links forever: stop, keep what came, and say so. */
      g_debug ("A %s search stopped after %u pages", type_run->type, search->n_pages);
      type_run->truncated = TRUE;
      search->finished = TRUE;
    }
  else
    {
      g_free (search->current_url);
      search->current_url = g_strdup (next);
      if (search->storing + 1 < MAX_PAGES_STORING)
        run_search (search);
      else
        search->next_waits = TRUE;
    }
  store_records (search, g_steal_pointer (&page));
}

/* Ends @search once its last page is stored and nothing is asked for. */
static void
maybe_end_search (Search *search)
{
  GError *error;

  if (!search->finished || search->fetching || search->storing > 0)
    return;
  error = g_steal_pointer (&search->error);
  search_done (search, error);
  g_clear_error (&error);
}

static void
run_search (Search *search)
{
  SyncRun *run = search->type_run->run;

  search->fetching = TRUE;
  g_hash_table_add (search->seen, g_strdup (search->current_url));
  care_portal_client_fetch_page_async (run->self->client, search->current_url, run->cancellable, page_cb, search);
}

static Search *
start_search (TypeRun    *type_run,
              const char *path)
{
  Search *search = g_new0 (Search, 1);

  search->type_run = type_run;
  search->path = g_strdup (path);
  search->first_url = care_portal_client_resolve (type_run->run->self->client, path);
  search->current_url = g_strdup (search->first_url);
  search->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  type_run->n_searches++;
  type_run->run->outstanding++;
  run_search (search);
  return search;
}

static void
start_split_searches (TypeRun    *type_run,
                      const char *base,
                      const char *param,
                      const char *values)
{
  g_auto(GStrv) split = g_strsplit (values, ",", -1);

  for (guint i = 0; split[i] != NULL; i++)
    {
      /* The sort, if any, stays last, where a refusal of it is found. */
      gsize base_length = g_str_has_suffix (base, SORT_NEWEST) ? strlen (base) - strlen (SORT_NEWEST)
                                                               : strlen (base);
      g_autofree char *path = g_strdup_printf ("%.*s&%s=%s%s", (int)base_length, base, param, split[i],
                                               base + base_length);
      Search *search = start_search (type_run, path);

      search->split_part = TRUE;
    }
}

/* Starts a search of @path for @type_run. With @split_param, a server
 * that refuses it (400 on its first page) is asked again once per value
 * of @split_values (comma-separated). */
void
care_sync_search_start (TypeRun    *type_run,
                        const char *path,
                        const char *split_param,
                        const char *split_values)
{
  Search *search = start_search (type_run, path);

  search->split_param = split_param;
  search->split_values = split_values;
}
