/* test-cache-query.c — lists, paging, filters, search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "care-error.h"
#include "care-resource-item.h"
#include "care-resource-list.h"
#include "cache-test-util.h"

#define N_BIG 50000

typedef struct
{
  char      *dir;
  CareCache *cache;
} Fixture;

static void
store_observations (CareCache *cache,
                    guint      first,
                    guint      n)
{
  g_autoptr(GError) error = NULL;

  for (guint start = first; start < first + n; start += 1000)
    {
      g_autoptr(GPtrArray) page = cache_test_page ();

      for (guint i = start; i < MIN (start + 1000, first + n); i++)
        g_ptr_array_add (page, cache_test_observation (i, i % 10 == 0 ? "vital-signs" : "laboratory",
                                                       i % 2 == 0 ? "2345-7" : "4548-4"));
      g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) page = cache_test_page ();

  fixture->dir = g_dir_make_tmp ("carebook-query-XXXXXX", &error);
  path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->cache = care_cache_open (path, &error);
  g_assert_no_error (error);

  store_observations (fixture->cache, 0, GPOINTER_TO_UINT (data));
  g_ptr_array_add (page, cache_test_record (
    "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Diabetes mellitus type 2\"},"
    "\"note\":[{\"text\":\"Diagnosed after a café visit\"}],\"recordedDate\":\"2015-06-01\"}"));
  g_ptr_array_add (page, cache_test_record (
    "{\"resourceType\":\"MedicationRequest\",\"id\":\"m1\",\"status\":\"active\",\"authoredOn\":\"2016-01-01\","
    "\"medicationCodeableConcept\":{\"text\":\"Metformin 500 mg\"},\"dosageInstruction\":[{\"text\":\"Take with food, for diabetes\"}]}"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->cache);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_big_list_is_lazy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CareResourceItem) newest = NULL;
  g_autoptr(CareResourceItem) oldest = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double value = 0;
  const char *unit = NULL;

  list = care_cache_query (fixture->cache, query, &error);
  g_assert_no_error (error);
  g_test_message ("opened a list of %u in %.1f ms", g_list_model_get_n_items (list),
                  g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_BIG);
  g_assert_true (g_list_model_get_item_type (list) == CARE_TYPE_RESOURCE_ITEM);
  /* Counting read no rows. */
  g_assert_cmpuint (care_resource_list_get_n_page_loads (CARE_RESOURCE_LIST (list)), ==, 0);

  newest = g_list_model_get_item (list, 0);
  g_assert_cmpstr (care_resource_item_get_id (newest), ==, "obs-49999");
  g_assert_cmpuint (care_resource_list_get_n_page_loads (CARE_RESOURCE_LIST (list)), ==, 1);
  g_object_unref (g_list_model_get_item (list, 99));
  g_assert_cmpuint (care_resource_list_get_n_page_loads (CARE_RESOURCE_LIST (list)), ==, 1);

  oldest = g_list_model_get_item (list, N_BIG - 1);
  g_assert_cmpstr (care_resource_item_get_id (oldest), ==, "obs-0");
  g_assert_cmpuint (care_resource_list_get_n_page_loads (CARE_RESOURCE_LIST (list)), ==, 2);
  g_assert_null (g_list_model_get_item (list, N_BIG));

  /* The item carries what a row shows. */
  g_assert_cmpstr (care_resource_item_get_resource_type (oldest), ==, "Observation");
  g_assert_cmpstr (care_resource_item_get_display_name (oldest), ==, "Test 2345-7");
  g_assert_cmpstr (care_resource_item_get_category (oldest), ==, "vital-signs");
  g_assert_cmpstr (care_resource_item_get_code (oldest), ==, "2345-7");
  g_assert_cmpstr (care_resource_item_get_status (oldest), ==, "final");
  g_assert_cmpstr (care_resource_item_get_value_text (oldest), ==, "70 mg/dL");
  g_assert_true (care_resource_item_get_value (oldest, &value, &unit));
  g_assert_cmpfloat (value, ==, 70);
  g_assert_cmpstr (unit, ==, "mg/dL");
  g_assert_cmpint (g_date_time_get_year (care_resource_item_get_effective_date (oldest)), ==, 2000);

  {
    g_autoptr(JsonObject) resource = care_resource_item_dup_resource (oldest, &error);
    g_autofree char *display = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (resource, "id"), ==, "obs-0");
    g_object_get (oldest, "display-name", &display, NULL);
    g_assert_cmpstr (display, ==, "Test 2345-7");
  }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCacheQuery) vitals = care_cache_query_new ("Observation");
  g_autoptr(CareCacheQuery) code = care_cache_query_new ("Observation");
  g_autoptr(CareCacheQuery) range = care_cache_query_new ("Observation");
  g_autoptr(CareCacheQuery) all = care_cache_query_new (NULL);
  g_autoptr(GDateTime) since = g_date_time_new_utc (2000, 1, 2, 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2000, 1, 3, 0, 0, 0);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CareResourceItem) first = NULL;

  care_cache_query_set_category (vitals, "vital-signs");
  list = care_cache_query (fixture->cache, vitals, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 200);
  g_clear_object (&list);

  care_cache_query_set_code (code, "http://loinc.org", "4548-4");
  care_cache_query_set_sort (code, CARE_CACHE_SORT_OLDEST);
  list = care_cache_query (fixture->cache, code, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (care_resource_item_get_id (first), ==, "obs-1");
  g_clear_object (&list);

  /* 2 January 2000: obs-3 … obs-6 (every 6 h from 08:00), newest first. */
  care_cache_query_set_range (range, since, until);
  list = care_cache_query (fixture->cache, range, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_clear_object (&first);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (care_resource_item_get_id (first), ==, "obs-6");
  g_clear_object (&list);

  care_cache_query_set_sort (all, CARE_CACHE_SORT_NAME);
  care_cache_query_set_status (all, "active");
  list = care_cache_query (fixture->cache, all, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static GWeakRef last_task;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_calls)
{
  (*n_calls)++;
}

static void
test_follows_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(CareCacheQuery) other = care_cache_query_new ("Condition");
  g_autoptr(GListModel) list = care_cache_query (fixture->cache, query, NULL);
  g_autoptr(GListModel) conditions = care_cache_query (fixture->cache, other, NULL);
  g_autoptr(CareResourceItem) newest = NULL;
  g_autoptr(GError) error = NULL;
  guint n_calls = 0, n_other = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &n_calls);
  g_signal_connect (conditions, "items-changed", G_CALLBACK (items_changed_cb), &n_other);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 300);

  store_observations (fixture->cache, 300, 5);
  g_assert_cmpuint (n_calls, ==, 1);
  g_assert_cmpuint (n_other, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 305);
  newest = g_list_model_get_item (list, 0);
  g_assert_cmpstr (care_resource_item_get_id (newest), ==, "obs-304");

  g_assert_true (care_cache_delete (fixture->cache, "Observation", "obs-304", &error));
  g_assert_cmpuint (n_calls, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 304);
}

static void
got_list_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  g_weak_ref_init (&last_task, result);
  *out = care_cache_search_finish (CARE_CACHE (source), result, &error);
  g_assert_no_error (error);
}

static GListModel *
search (CareCache  *cache,
        const char *text,
        const char *type)
{
  GListModel *list = NULL;

  care_cache_search_async (cache, text, type, NULL, got_list_cb, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  cache_test_wait_for_task (&last_task);
  return list;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GListModel) diabetes = search (fixture->cache, "diabet", NULL);
  g_autoptr(GListModel) cafe = search (fixture->cache, "cafe", NULL);
  g_autoptr(GListModel) only_meds = search (fixture->cache, "diabetes", "MedicationRequest");
  g_autoptr(GListModel) hostile = search (fixture->cache, "\"unbalanced AND ( OR", NULL);
  g_autoptr(GListModel) nothing = search (fixture->cache, "zzzz", NULL);
  g_autoptr(GListModel) labs = search (fixture->cache, "Test 4548", "Observation");
  g_autoptr(CareResourceItem) item = NULL;

  /* Words anywhere in the record, as prefixes, accents folded. */
  g_assert_cmpuint (g_list_model_get_n_items (diabetes), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (cafe), ==, 1);
  item = g_list_model_get_item (cafe, 0);
  g_assert_cmpstr (care_resource_item_get_id (item), ==, "c1");
  g_assert_cmpuint (g_list_model_get_n_items (only_meds), ==, 1);
  /* What people type is never an FTS syntax error. */
  g_assert_cmpuint (g_list_model_get_n_items (hostile), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (nothing), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (labs), ==, 150);
}

static void
got_count_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gint64 *out = user_data;
  g_autoptr(GError) error = NULL;

  g_weak_ref_init (&last_task, result);
  *out = care_cache_count_finish (CARE_CACHE (source), result, &error);
  g_assert_no_error (error);
}

static void
got_query_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  g_weak_ref_init (&last_task, result);
  *out = care_cache_query_finish (CARE_CACHE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(GListModel) list = NULL;
  gint64 count = -1;

  care_cache_count_async (fixture->cache, query, NULL, got_count_cb, &count);
  while (count < 0)
    g_main_context_iteration (NULL, TRUE);
  cache_test_wait_for_task (&last_task);
  g_assert_cmpint (count, ==, 300);

  /* A write between the worker's count and the finish is not missed. */
  care_cache_query_async (fixture->cache, query, NULL, got_query_cb, &list);
  store_observations (fixture->cache, 300, 1);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  cache_test_wait_for_task (&last_task);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 301);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/cache/query/big-list-is-lazy", Fixture, GUINT_TO_POINTER (N_BIG), setup,
              test_big_list_is_lazy, teardown);
  g_test_add ("/care/cache/query/filters", Fixture, GUINT_TO_POINTER (2000), setup, test_filters, teardown);
  g_test_add ("/care/cache/query/follows-changes", Fixture, GUINT_TO_POINTER (300), setup,
              test_follows_changes, teardown);
  g_test_add ("/care/cache/query/search", Fixture, GUINT_TO_POINTER (300), setup, test_search, teardown);
  g_test_add ("/care/cache/query/async", Fixture, GUINT_TO_POINTER (300), setup, test_async, teardown);

  return g_test_run ();
}
