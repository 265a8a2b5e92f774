/* test-charts-trends.c — the Health Trends list built from cached Observations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "care-cache.h"
#include "care-trend-item.h"

#include "cache-test-util.h"

#include <math.h>

typedef struct
{
  char      *dir;
  CareCache *cache;
} Fixture;

static void
add (GPtrArray  *page,
     const char *id,
     const char *code,
     const char *date,
     const char *value)
{
  g_autofree char *json = g_strdup_printf (
    "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
    "\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],"
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\"}],\"text\":\"Test %s\"},"
    "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"%s\"%s%s}",
    id, code, code, date, value != NULL ? "," : "", value != NULL ? value : "");

  g_ptr_array_add (page, cache_test_record (json));
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carebook-trends-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->cache = care_cache_open (path, &error);
  g_assert_no_error (error);

  /* Glucose from two health systems, one in mg/dL and one in mmol/L
   * (14749-6 is the substance code of the same test): one series. */
  add (page, "g1", "2345-7", "2026-01-10T08:00:00Z",
       "\"valueQuantity\":{\"value\":110,\"unit\":\"mg/dL\"},"
       "\"referenceRange\":[{\"low\":{\"value\":70},\"high\":{\"value\":99}}],"
       "\"interpretation\":[{\"coding\":[{\"code\":\"H\"}]}],"
       "\"performer\":[{\"display\":\"Riverside\"}]");
  add (page, "g2", "14749-6", "2026-02-10T08:00:00Z",
       "\"valueQuantity\":{\"value\":5.5,\"unit\":\"mmol/L\"},\"performer\":[{\"display\":\"Lakeside\"}]");
  add (page, "g3", "2345-7", "2026-03-10T08:00:00Z", "\"valueQuantity\":{\"value\":95,\"unit\":\"mg/dL\"}");
  /* A weight in a unit nothing converts to stays apart from the kilograms. */
  add (page, "w1", "29463-7", "2026-01-10T08:00:00Z", "\"valueQuantity\":{\"value\":80,\"unit\":\"kg\"}");
  add (page, "w2", "29463-7", "2026-02-10T08:00:00Z", "\"valueQuantity\":{\"value\":176,\"unit\":\"[lb_av]\"}");
  add (page, "w3", "29463-7", "2026-03-10T08:00:00Z", "\"valueQuantity\":{\"value\":12,\"unit\":\"stone\"}");
  /* Blood pressure: components. */
  add (page, "bp1", "85354-9", "2026-01-10T08:00:00Z",
       "\"component\":[{\"code\":{\"coding\":[{\"code\":\"8480-6\"}],\"text\":\"Systolic\"},"
       "\"valueQuantity\":{\"value\":140,\"unit\":\"mm[Hg]\"}},"
       "{\"code\":{\"coding\":[{\"code\":\"8462-4\"}],\"text\":\"Diastolic\"},"
       "\"valueQuantity\":{\"value\":90,\"unit\":\"mm[Hg]\"}}]");
  /* …and one whose server lists the diastolic part first. */
  add (page, "bp2", "55284-4", "2026-02-10T08:00:00Z",
       "\"component\":[{\"code\":{\"coding\":[{\"code\":\"8462-4\"}],\"text\":\"Diastolic\"},"
       "\"valueQuantity\":{\"value\":85,\"unit\":\"mm[Hg]\"}},"
       "{\"code\":{\"coding\":[{\"code\":\"8480-6\"}],\"text\":\"Systolic\"},"
       "\"valueQuantity\":{\"value\":135,\"unit\":\"mm[Hg]\"}}]");
  /* A LOINC long name loses its bracketed property. */
  g_ptr_array_add (page, cache_test_record (
    "{\"resourceType\":\"Observation\",\"id\":\"c1\",\"status\":\"final\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"17861-6\"}],"
    "\"text\":\"Calcium [Mass/volume] in Serum or Plasma\"},"
    "\"effectiveDateTime\":\"2026-05-10T08:00:00Z\",\"valueQuantity\":{\"value\":9.1,\"unit\":\"mg/dL\"}}"));
  /* What has no number, date or code, or was a mistake, is left out. */
  add (page, "t1", "5778-6", "2026-01-10T08:00:00Z", "\"valueString\":\"Yellow\"");
  add (page, "t2", "2345-7", "2026-04-10T08:00:00Z", "\"valueQuantity\":{\"unit\":\"mg/dL\"}");
  g_ptr_array_add (page, cache_test_record (
    "{\"resourceType\":\"Observation\",\"id\":\"t3\",\"status\":\"entered-in-error\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},"
    "\"effectiveDateTime\":\"2026-05-10T08:00:00Z\",\"valueQuantity\":{\"value\":400,\"unit\":\"mg/dL\"}}"));
  g_ptr_array_add (page, cache_test_record (
    "{\"resourceType\":\"Observation\",\"id\":\"t4\",\"status\":\"final\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},"
    "\"valueQuantity\":{\"value\":100,\"unit\":\"mg/dL\"}}"));
  g_ptr_array_add (page, cache_test_record (
    "{\"resourceType\":\"Observation\",\"id\":\"t5\",\"status\":\"final\","
    "\"effectiveDateTime\":\"2026-05-10T08:00:00Z\",\"valueQuantity\":{\"value\":1,\"unit\":\"mg/dL\"}}"));

  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL,
                                        &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->cache);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
collect (Fixture *fixture)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  care_cache_query_set_sort (query, CARE_CACHE_SORT_OLDEST);
  model = care_cache_query (fixture->cache, query, &error);
  g_assert_no_error (error);
  items = care_trend_items_collect (model, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static CareSeries *
dup_series (CareTrendItem *item,
            guint          index)
{
  return g_list_model_get_item (care_trend_item_get_series (item), index);
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = collect (fixture);
  CareTrendItem *glucose = care_trend_items_find (items, "http://loinc.org", "14749-6");
  g_autoptr(CareSeries) series = NULL;
  const CareSeriesPoint *p;

  /* Glucose, calcium, blood pressure twice (two panel codes), and weight
   * twice (kg and lb; stone). */
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpstr (care_trend_item_get_title (care_trend_items_find (items, NULL, "17861-6")), ==,
                   "Calcium in Serum or Plasma");
  g_assert_nonnull (glucose);
  g_assert_true (glucose == care_trend_items_find (items, NULL, "2345-7"));
  g_assert_cmpstr (care_trend_item_get_code (glucose), ==, "2345-7");
  g_assert_cmpstr (care_trend_item_get_category (glucose), ==, "laboratory");
  g_assert_cmpuint (care_trend_item_get_count (glucose), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (care_trend_item_get_series (glucose)), ==, 1);

  series = dup_series (glucose, 0);
  g_assert_cmpstr (care_series_get_unit (series), ==, "mg/dL");
  p = care_series_get_point (series, 0);
  g_assert_cmpfloat (p->value, ==, 110);
  g_assert_cmpfloat (p->low, ==, 70);
  g_assert_cmpfloat (p->high, ==, 99);
  g_assert_cmpint (p->interpretation, ==, CARE_INTERPRETATION_HIGH);
  g_assert_cmpstr (p->source, ==, "Riverside");
  /* 5.5 mmol/L of glucose, in mg/dL. */
  p = care_series_get_point (series, 1);
  g_assert_cmpfloat_with_epsilon (p->value, 5.5 * 18.016, 0.01);
  g_assert_cmpstr (p->source, ==, "Lakeside");
  g_assert_cmpstr (care_trend_item_get_latest_text (glucose), ==, "95 mg/dL");
}

static void
test_units_apart (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = collect (fixture);
  guint n_weight = 0;

  for (guint i = 0; i < items->len; i++)
    {
      CareTrendItem *item = items->pdata[i];
      g_autoptr(CareSeries) series = NULL;

      if (g_strcmp0 (care_trend_item_get_code (item), "29463-7") != 0)
        continue;
      n_weight++;
      series = dup_series (item, 0);
      /* Kilograms and pounds convert; "stone" is not a unit Carebook knows. */
      if (g_strcmp0 (care_series_get_unit (series), "stone") == 0)
        {
          g_assert_cmpuint (care_trend_item_get_count (item), ==, 1);
          g_assert_true (g_str_has_suffix (care_trend_item_get_title (item), "(stone)"));
        }
      else
        g_assert_cmpuint (care_trend_item_get_count (item), ==, 2);
    }
  g_assert_cmpuint (n_weight, ==, 2);
}

static void
test_components (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) items = collect (fixture);
  CareTrendItem *bp = care_trend_items_find (items, "http://loinc.org", "85354-9");
  g_autoptr(CareSeries) systolic = NULL;
  g_autoptr(CareSeries) diastolic = NULL;

  g_assert_nonnull (bp);
  g_assert_cmpstr (care_trend_item_get_code (bp), ==, "85354-9");
  g_assert_cmpuint (g_list_model_get_n_items (care_trend_item_get_series (bp)), ==, 2);
  systolic = dup_series (bp, 0);
  diastolic = dup_series (bp, 1);
  g_assert_cmpstr (care_series_get_display_name (systolic), ==, "Systolic");
  g_assert_cmpfloat (care_series_get_point (systolic, 0)->value, ==, 140);
  g_assert_cmpfloat (care_series_get_point (diastolic, 0)->value, ==, 90);
  g_assert_cmpstr (care_trend_item_get_latest_text (bp), ==, "140/90 mmHg");
  g_assert_cmpuint (care_trend_item_get_count (bp), ==, 1);
  g_assert_true (care_trend_item_matches (bp, "http://loinc.org", "8462-4"));
  g_assert_false (care_trend_item_matches (bp, "http://snomed.info/sct", "8462-4"));
}

/* A panel listed diastolic first still charts and reads systolic first. */
static void
test_components_by_code (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) items = collect (fixture);
  CareTrendItem *bp = care_trend_items_find (items, "http://loinc.org", "55284-4");
  g_autoptr(CareSeries) first = NULL;

  g_assert_nonnull (bp);
  first = dup_series (bp, 0);
  g_assert_cmpstr (care_series_get_display_name (first), ==, "Systolic");
  g_assert_cmpstr (care_trend_item_get_latest_text (bp), ==, "135/85 mmHg");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(GListModel) model = care_cache_query (fixture->cache, query, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_cancellable_cancel (cancellable);
  items = care_trend_items_collect (model, cancellable, &error);
  g_assert_null (items);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_collected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The batched collection on the main loop gives what the plain one does. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = collect (fixture);
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* Newest first: the order must not change the names or counts. */
  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  model = care_cache_query (fixture->cache, query, NULL);
  care_trend_items_collect_async (model, NULL, on_collected_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = care_trend_items_collect_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, expected->len);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_cmpstr (care_trend_item_get_title (items->pdata[i]), ==,
                       care_trend_item_get_title (expected->pdata[i]));
      g_assert_cmpuint (care_trend_item_get_count (items->pdata[i]), ==,
                        care_trend_item_get_count (expected->pdata[i]));
    }

  g_clear_object (&result);
  g_clear_pointer (&items, g_ptr_array_unref);
  care_trend_items_collect_async (model, cancellable, on_collected_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = care_trend_items_collect_finish (result, &error);
  g_assert_null (items);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/charts/trends/merge", Fixture, NULL, setup, test_merge, teardown);
  g_test_add ("/care/charts/trends/units-apart", Fixture, NULL, setup, test_units_apart, teardown);
  g_test_add ("/care/charts/trends/components", Fixture, NULL, setup, test_components, teardown);
  g_test_add ("/care/charts/trends/components-by-code", Fixture, NULL, setup,
              test_components_by_code, teardown);
  g_test_add ("/care/charts/trends/cancelled", Fixture, NULL, setup, test_cancelled, teardown);
  g_test_add ("/care/charts/trends/async", Fixture, NULL, setup, test_async, teardown);

  return g_test_run ();
}
