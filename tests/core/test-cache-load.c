/* test-cache-load.c — a first load whose indexes are built at its end
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "care-error.h"
#include "cache-test-util.h"
#include "care-person.h"
#include "care-record.h"
#include "care-resource-item.h"

typedef struct
{
  char      *dir;
  char      *path;
  CareCache *cache;
  guint      n_done;
  gboolean   done;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carebook-load-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->cache = care_cache_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  if (fixture->cache != NULL)
    g_assert_finalize_object (fixture->cache);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (care_cache_load_finish (CARE_CACHE (source), result, &fixture->done, &error));
  g_assert_no_error (error);
  fixture->n_done++;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCacheStored) stored = care_cache_store_finish (CARE_CACHE (source), result, &error);

  g_assert_no_error (error);
  fixture->n_done++;
}

static void
wait_for (Fixture *fixture,
          guint    n)
{
  while (fixture->n_done < n)
    g_main_context_iteration (NULL, TRUE);
  fixture->n_done = 0;
}

static gboolean
begin_load (Fixture *fixture)
{
  care_cache_begin_load_async (fixture->cache, load_cb, fixture);
  wait_for (fixture, 1);
  return fixture->done;
}

static gboolean
end_load (Fixture *fixture)
{
  care_cache_end_load_async (fixture->cache, load_cb, fixture);
  wait_for (fixture, 1);
  return fixture->done;
}

static void
store (Fixture    *fixture,
       GPtrArray  *page)
{
  care_cache_store_async (fixture->cache, page, NULL, CARE_CACHE_ORIGIN_SEARCH, 1, 10, stored_cb, fixture);
  wait_for (fixture, 1);
}

/* What the record search finds for @text, and the order it gives. */
static char *
dup_search (CareCache  *cache,
            const char *text)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  care_cache_query_set_text (query, text);
  list = care_cache_query (cache, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (list, i);

      g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", care_resource_item_get_id (item));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static guint
count_indexes (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
                                           " ('resources_by_date', 'resources_by_code', 'resources_by_name',"
                                           " 'resource_tokens_by_code', 'resource_tokens_by_rid')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static GPtrArray *
conditions (const char *first,
            const char *second)
{
  GPtrArray *page = cache_test_page ();
  g_autofree char *one = g_strdup_printf ("{\"resourceType\":\"Condition\",\"id\":\"c1\","
                                          "\"code\":{\"text\":\"%s\"},\"onsetDateTime\":\"2020-01-01\"}", first);
  g_autofree char *two = g_strdup_printf ("{\"resourceType\":\"Condition\",\"id\":\"c2\","
                                          "\"code\":{\"text\":\"%s\"},\"onsetDateTime\":\"2021-01-01\"}", second);

  g_ptr_array_add (page, cache_test_record (one));
  g_ptr_array_add (page, cache_test_record (two));
  return page;
}

/* A first load: no index while it runs, yet lists and the search work;
 * all of them at its end, and the search ranks again. */
static void
test_first_load (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) page = conditions ("Asthma", "Hay fever");
  g_autoptr(GPtrArray) again = conditions ("Asthma, mild", "Hay fever");
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_false (care_cache_is_indexing (fixture->cache));
  g_assert_true (begin_load (fixture));
  g_assert_true (care_cache_is_indexing (fixture->cache));
  g_assert_cmpuint (count_indexes (fixture->path), ==, 1);

  store (fixture, page);
  /* The same resource again within the load replaces its words. */
  store (fixture, again);
  g_assert_cmpint (care_cache_count (fixture->cache, "Condition", &error), ==, 2);
  /* And twice in one page: the later one stays, once. */
  {
    g_autoptr(GPtrArray) twice = cache_test_page ();
    g_autoptr(JsonObject) kept = NULL;

    g_ptr_array_add (twice, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c3\","
                                               "\"code\":{\"text\":\"Migraine\"}}"));
    g_ptr_array_add (twice, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c3\","
                                               "\"code\":{\"text\":\"Cluster headache\"}}"));
    store (fixture, twice);
    g_assert_cmpint (care_cache_count (fixture->cache, "Condition", &error), ==, 3);
    kept = care_cache_lookup (fixture->cache, "Condition", "c3", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (kept, "code"), "text"), ==,
                     "Cluster headache");
    found = dup_search (fixture->cache, "migraine");
    g_assert_cmpstr (found, ==, "");
    g_clear_pointer (&found, g_free);
    found = dup_search (fixture->cache, "cluster");
    g_assert_cmpstr (found, ==, "c3");
    g_clear_pointer (&found, g_free);
  }
  found = dup_search (fixture->cache, "asthma");
  g_assert_cmpstr (found, ==, "c1");
  g_clear_pointer (&found, g_free);
  found = dup_search (fixture->cache, "mild asth");
  g_assert_cmpstr (found, ==, "c1");
  g_clear_pointer (&found, g_free);
  found = dup_search (fixture->cache, "fever");
  g_assert_cmpstr (found, ==, "c2");
  g_clear_pointer (&found, g_free);

  g_assert_true (end_load (fixture));
  g_assert_false (care_cache_is_indexing (fixture->cache));
  g_assert_cmpuint (count_indexes (fixture->path), ==, 5);
  found = dup_search (fixture->cache, "mild");
  g_assert_cmpstr (found, ==, "c1");
  g_clear_pointer (&found, g_free);
  found = dup_search (fixture->cache, "fever");
  g_assert_cmpstr (found, ==, "c2");

  /* Nothing left to do; a cache with resources is not loaded again. */
  g_assert_false (end_load (fixture));
  g_assert_false (begin_load (fixture));
  g_assert_false (care_cache_is_indexing (fixture->cache));
  g_assert_cmpuint (count_indexes (fixture->path), ==, 5);
}

/* A load stopped before its end (the app killed): the cache opens with
 * its rows, still indexing, and the next sync's begin finishes it. */
static void
test_stopped_load (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) page = conditions ("Asthma", "Hay fever");
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (begin_load (fixture));
  store (fixture, page);
  g_assert_finalize_object (g_steal_pointer (&fixture->cache));

  fixture->cache = care_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (care_cache_is_indexing (fixture->cache));
  g_assert_cmpint (care_cache_count (fixture->cache, "Condition", &error), ==, 2);
  /* The person's record opened on it says so, for the window's banner. */
  {
    g_autoptr(CarePerson) person = care_person_new ("Patient/p1", "P", NULL, CARE_RELATIONSHIP_SELF);
    g_autoptr(CareRecord) record = care_record_new (person, NULL, fixture->path);

    g_assert_true (care_sync_state_get_indexing (care_record_get_sync_state (record)));
  }
  found = dup_search (fixture->cache, "asthma");
  g_assert_cmpstr (found, ==, "c1");
  g_clear_pointer (&found, g_free);

  /* Not empty: no new load, but the old one is finished. */
  g_assert_false (begin_load (fixture));
  g_assert_false (care_cache_is_indexing (fixture->cache));
  g_assert_cmpuint (count_indexes (fixture->path), ==, 5);
  found = dup_search (fixture->cache, "asthma");
  g_assert_cmpstr (found, ==, "c1");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/cache/load/first", Fixture, NULL, setup, test_first_load, teardown);
  g_test_add ("/care/cache/load/stopped", Fixture, NULL, setup, test_stopped_load, teardown);

  return g_test_run ();
}
