/* test-charts-series.c — series: order, flags, reference bands, merging, CSV, words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-chart-text.h"
#include "care-series.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#define DAY 86400
/* 2026-03-01T00:00:00Z */
#define T0 G_GINT64_CONSTANT (1772323200)

static void
test_order_and_flags (void)
{
  g_autoptr(CareSeries) s = care_series_new ("2345-7", "Glucose", "mg/dL");
  const CareSeriesPoint *p;

  care_series_add_point (s, T0 + 2 * DAY, 120, 70, 99, CARE_INTERPRETATION_NONE, "Riverside");
  care_series_add_point (s, T0, 85, 70, 99, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + DAY, 60, 70, 99, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + DAY, NAN, 70, 99, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + 3 * DAY, 45, 70, 99, care_interpretation_from_code ("LL"), NULL);
  care_series_add_point (s, T0 + 4 * DAY, 50, NAN, NAN, CARE_INTERPRETATION_NONE, NULL);

  g_assert_cmpuint (care_series_get_n_points (s), ==, 5);
  g_assert_cmpint (care_series_get_point (s, 0)->time, ==, T0);
  g_assert_cmpfloat (care_series_get_point (s, 1)->value, ==, 60);
  p = care_series_get_point (s, 2);
  g_assert_cmpstr (p->source, ==, "Riverside");
  g_assert_true (p->source == g_intern_string ("Riverside"));

  g_assert_cmpint (care_series_point_get_flag (care_series_get_point (s, 0)), ==, CARE_INTERPRETATION_NORMAL);
  g_assert_cmpint (care_series_point_get_flag (care_series_get_point (s, 1)), ==, CARE_INTERPRETATION_LOW);
  g_assert_cmpint (care_series_point_get_flag (care_series_get_point (s, 2)), ==, CARE_INTERPRETATION_HIGH);
  g_assert_cmpint (care_series_point_get_flag (care_series_get_point (s, 3)), ==, CARE_INTERPRETATION_CRITICAL_LOW);
  g_assert_cmpint (care_series_point_get_flag (care_series_get_point (s, 4)), ==, CARE_INTERPRETATION_NONE);

  g_assert_cmpint (care_series_find_nearest_time (s, T0 + DAY / 3), ==, 0);
  g_assert_cmpint (care_series_find_nearest_time (s, T0 + DAY * 2 / 3), ==, 1);
  g_assert_cmpint (care_series_find_nearest_time (s, T0 + 100 * DAY), ==, 4);
  g_assert_cmpint (care_series_find_nearest_time (s, T0 - 100 * DAY), ==, 0);

  g_assert_cmpint (care_interpretation_from_code ("HH"), ==, CARE_INTERPRETATION_CRITICAL_HIGH);
  g_assert_cmpint (care_interpretation_from_code ("POS"), ==, CARE_INTERPRETATION_NONE);
  g_assert_cmpstr (care_interpretation_to_code (CARE_INTERPRETATION_LOW), ==, "L");
}

static void
test_reference_segments (void)
{
  g_autoptr(CareSeries) s = care_series_new ("2089-1", "LDL", "mg/dL");
  g_autoptr(GArray) segments = NULL;
  const CareReferenceSegment *seg;
  double low, high;

  care_series_add_point (s, T0, 90, 0, 130, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + DAY, 95, 0, 130, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + 2 * DAY, 97, NAN, NAN, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + 3 * DAY, 99, NAN, 100, CARE_INTERPRETATION_NONE, NULL);

  segments = care_series_get_reference_segments (s);
  g_assert_cmpuint (segments->len, ==, 2);
  seg = &g_array_index (segments, CareReferenceSegment, 0);
  g_assert_cmpint (seg->start, ==, T0);
  g_assert_cmpint (seg->end, ==, T0 + 3 * DAY);
  g_assert_cmpfloat (seg->low, ==, 0);
  g_assert_cmpfloat (seg->high, ==, 130);
  seg = &g_array_index (segments, CareReferenceSegment, 1);
  g_assert_true (isinf (seg->low) && seg->low < 0);
  g_assert_cmpfloat (seg->high, ==, 100);

  g_assert_true (care_series_get_latest_reference (s, &low, &high));
  g_assert_true (isnan (low));
  g_assert_cmpfloat (high, ==, 100);
}

static void
test_merge_compatible (void)
{
  g_autoptr(CareSeries) a = care_series_new ("29463-7", "Body weight", "kg");
  g_autoptr(CareSeries) b = care_series_new ("29463-7", "Weight", "[lb_av]");
  g_autoptr(CareSeries) c = care_series_new ("29463-7", "Body weight", "kg");
  g_autoptr(GPtrArray) merged = NULL;
  CareSeries *inputs[3];
  CareSeries *m;

  care_series_add_point (a, T0, 70, NAN, NAN, 0, "Riverside");
  care_series_add_point (a, T0 + 10 * DAY, 71, NAN, NAN, 0, "Riverside");
  care_series_add_point (b, T0 + 5 * DAY, 154.3236, NAN, NAN, 0, "Lakeside");
  care_series_add_point (c, T0 + 20 * DAY, 72, NAN, NAN, 0, "Hilltop");
  /* The same result held by two systems appears once. */
  care_series_add_point (c, T0 + 10 * DAY, 71, NAN, NAN, 0, "Hilltop");

  inputs[0] = b;
  inputs[1] = a;
  inputs[2] = c;
  merged = care_series_merge (inputs, 3);

  g_assert_cmpuint (merged->len, ==, 1);
  m = g_ptr_array_index (merged, 0);
  /* kg has 4 points against 1 in pounds. */
  g_assert_cmpstr (care_series_get_unit (m), ==, "kg");
  g_assert_cmpstr (care_series_get_display_name (m), ==, "Body weight");
  g_assert_cmpuint (care_series_get_n_points (m), ==, 4);
  g_assert_cmpfloat_with_epsilon (care_series_get_point (m, 1)->value, 70.0, 1e-4);
  g_assert_cmpstr (care_series_get_point (m, 1)->source, ==, "Lakeside");
  g_assert_cmpint (care_series_get_point (m, 3)->time, ==, T0 + 20 * DAY);
}

static void
test_merge_incompatible (void)
{
  g_autoptr(CareSeries) glucose_mass = care_series_new ("2345-7", "Glucose", "mg/dL");
  g_autoptr(CareSeries) glucose_moles = care_series_new ("14749-6", "Glucose", "mmol/L");
  g_autoptr(CareSeries) enzyme_a = care_series_new ("1920-8", "AST", "U/L");
  g_autoptr(CareSeries) enzyme_b = care_series_new ("1920-8", "AST", "IU/L");
  g_autoptr(CareSeries) a1c = care_series_new ("4548-4", "Hemoglobin A1c", "%");
  g_autoptr(CareSeries) weight = care_series_new ("29463-7", "Weight", "kg");
  g_autoptr(GPtrArray) merged = NULL;
  CareSeries *inputs[6];
  CareSeries *m;

  care_series_add_point (glucose_mass, T0, 90, 70, 99, 0, NULL);
  care_series_add_point (glucose_moles, T0 + DAY, 5.0, 3.9, 5.5, 0, NULL);
  care_series_add_point (glucose_moles, T0 + 2 * DAY, 6.0, 3.9, 5.5, 0, NULL);
  care_series_add_point (enzyme_a, T0, 30, NAN, NAN, 0, NULL);
  care_series_add_point (enzyme_b, T0 + DAY, 32, NAN, NAN, 0, NULL);
  care_series_add_point (a1c, T0, 6.5, NAN, NAN, 0, NULL);
  care_series_add_point (weight, T0, 6.5, NAN, NAN, 0, NULL);

  inputs[0] = glucose_mass;
  inputs[1] = enzyme_a;
  inputs[2] = glucose_moles;
  inputs[3] = enzyme_b;
  inputs[4] = a1c;
  inputs[5] = weight;
  merged = care_series_merge (inputs, G_N_ELEMENTS (inputs));

  /* Glucose merges across its two codes into mmol/L (2 points to 1);
   * U/L and IU/L stay apart; A1c and weight never meet. */
  g_assert_cmpuint (merged->len, ==, 5);
  m = g_ptr_array_index (merged, 0);
  g_assert_cmpstr (care_series_get_code (m), ==, "2345-7");
  g_assert_cmpstr (care_series_get_unit (m), ==, "mmol/L");
  g_assert_cmpuint (care_series_get_n_points (m), ==, 3);
  g_assert_cmpfloat_with_epsilon (care_series_get_point (m, 0)->value, 90 / 18.016, 1e-9);
  g_assert_cmpfloat_with_epsilon (care_series_get_point (m, 0)->high, 99 / 18.016, 1e-9);
  g_assert_cmpstr (care_series_get_unit (g_ptr_array_index (merged, 1)), ==, "U/L");
  g_assert_cmpstr (care_series_get_unit (g_ptr_array_index (merged, 2)), ==, "IU/L");
  g_assert_cmpstr (care_series_get_unit (g_ptr_array_index (merged, 3)), ==, "%");
  g_assert_cmpstr (care_series_get_unit (g_ptr_array_index (merged, 4)), ==, "kg");

  /* And converting across incompatible units refuses. */
  g_assert_null (care_series_convert (enzyme_a, "IU/L"));
  g_assert_null (care_series_convert (a1c, "kg"));
}

static void
test_csv (void)
{
  g_autoptr(CareSeries) s = care_series_new ("2345-7", "Glucose, fasting", "mg/dL");
  g_autoptr(CareSeries) evil = care_series_new ("x", "=HYPERLINK(\"http://x\")", "mg/dL");
  g_autofree char *csv = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_auto(GStrv) lines = NULL;
  CareSeries *both[2];

  care_series_add_point (s, T0 + 3600 + 5, 99.5, 70, 99, CARE_INTERPRETATION_NONE, "Riverside \"Main\"");
  care_series_add_point (s, T0, -0.25, NAN, NAN, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (evil, T0, 1e-7, NAN, NAN, CARE_INTERPRETATION_NONE, "@home");

  both[0] = s;
  both[1] = evil;
  /* A comma decimal locale must not leak into the file (when available). */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  csv = care_series_to_csv (both, 2);
  setlocale (LC_NUMERIC, old_locale);

  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "code,name,time,value,unit,low,high,flag,source");
  g_assert_cmpstr (lines[1], ==, "2345-7,\"Glucose, fasting\",2026-03-01T00:00:00Z,-0.25,mg/dL,,,,");
  g_assert_cmpstr (lines[2], ==,
                   "2345-7,\"Glucose, fasting\",2026-03-01T01:00:05Z,99.5,mg/dL,70,99,H,\"Riverside \"\"Main\"\"\"");
  g_assert_cmpstr (lines[3], ==, "x,\"'=HYPERLINK(\"\"http://x\"\")\",2026-03-01T00:00:00Z,1e-07,mg/dL,,,,'@home");
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_csv_stream (void)
{
  g_autoptr(CareSeries) s = care_series_new ("8480-6", "Systolic", "mm[Hg]");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  CareSeries *one[1] = { s };

  care_series_add_point (s, T0, 121, NAN, NAN, 0, NULL);
  g_assert_true (care_series_write_csv (one, 1, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==,
                    strlen ("code,name,time,value,unit,low,high,flag,source\r\n"
                            "8480-6,Systolic,2026-03-01T00:00:00Z,121,mm[Hg],,,,\r\n"));
}

static void
test_describe (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CareSeries) a1c = care_series_new ("4548-4", "Hemoglobin A1c", "%");
  g_autoptr(CareSeries) empty = care_series_new ("4548-4", "Hemoglobin A1c", "%");
  g_autoptr(CareSeries) one = care_series_new ("2345-7", "Glucose", "mg/dL");
  g_autofree char *text = NULL;
  g_autofree char *text_empty = NULL;
  g_autofree char *text_one = NULL;
  g_autofree char *both = NULL;
  CareSeries *pair[2];

  /* 12 results from March 2021 to October 2026; 3 above 5.7 %. */
  for (int i = 0; i < 12; i++)
    {
      gint64 t = G_GINT64_CONSTANT (1615161600) + (gint64) i * (G_GINT64_CONSTANT (1791072000) - G_GINT64_CONSTANT (1615161600)) / 11;
      double v = i < 9 ? 5.4 : (i == 11 ? 6.8 : 6.0);

      care_series_add_point (a1c, t, v, 4.0, 5.7, CARE_INTERPRETATION_NONE, NULL);
    }
  text = care_series_describe (a1c, utc);
  g_assert_cmpstr (text, ==,
                   "Hemoglobin A1c: 12 results from March 2021 to October 2026. "
                   "Latest 6.8 %, above the reference range. "
                   "3 of 12 results were outside the reference range.");

  text_empty = care_series_describe (empty, utc);
  g_assert_cmpstr (text_empty, ==, "Hemoglobin A1c: no results.");

  care_series_add_point (one, T0, 92, 70, 99, CARE_INTERPRETATION_NONE, NULL);
  text_one = care_series_describe (one, utc);
  g_assert_cmpstr (text_one, ==,
                   "Glucose: one result, on Mar 1, 2026. Latest 92 mg/dL, within the reference range.");

  pair[0] = one;
  pair[1] = empty;
  both = care_trend_chart_describe (pair, 2, utc);
  g_assert_true (g_str_has_prefix (both, text_one));
  g_assert_true (g_str_has_suffix (both, " Hemoglobin A1c: no results."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/charts/series/order-and-flags", test_order_and_flags);
  g_test_add_func ("/care/charts/series/reference-segments", test_reference_segments);
  g_test_add_func ("/care/charts/series/merge-compatible", test_merge_compatible);
  g_test_add_func ("/care/charts/series/merge-incompatible", test_merge_incompatible);
  g_test_add_func ("/care/charts/series/csv", test_csv);
  g_test_add_func ("/care/charts/series/csv-stream", test_csv_stream);
  g_test_add_func ("/care/charts/series/describe", test_describe);

  return g_test_run ();
}
