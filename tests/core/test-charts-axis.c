/* test-charts-axis.c — ticks, the pan/zoom view, pixel mapping and hit testing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-chart-axis.h"

#include <math.h>

#define DAY 86400.0

static void
test_nice_range (void)
{
  double lo, hi, step;
  guint n;

  n = care_chart_nice_range (3.2, 9.7, 6, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 2);
  g_assert_cmpfloat (lo, ==, 2);
  g_assert_cmpfloat (hi, ==, 10);
  g_assert_cmpuint (n, ==, 5);

  n = care_chart_nice_range (0, 1, 5, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 0.25);
  g_assert_cmpuint (n, ==, 5);

  n = care_chart_nice_range (118, 142, 5, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 10);
  g_assert_cmpfloat (lo, ==, 110);
  g_assert_cmpfloat (hi, ==, 150);
  g_assert_cmpuint (n, <=, 5);

  /* One value: room around it, never a zero span. */
  n = care_chart_nice_range (6.8, 6.8, 6, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <, 6.8);
  g_assert_cmpfloat (hi, >, 6.8);
  g_assert_cmpuint (n, <=, 6);
  n = care_chart_nice_range (0, 0, 6, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <, 0);
  g_assert_cmpfloat (hi, >, 0);

  /* Outliers and broken input. */
  n = care_chart_nice_range (5, 5000, 6, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <=, 5);
  g_assert_cmpfloat (hi, >=, 5000);
  g_assert_cmpuint (n, <=, 6);
  n = care_chart_nice_range (NAN, INFINITY, 6, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);
  n = care_chart_nice_range (10, 2, 6, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <=, 2);
  g_assert_cmpfloat (hi, >=, 10);

  g_assert_cmpfloat (care_chart_nice_number (0.7, FALSE), ==, 1);
  g_assert_cmpfloat (care_chart_nice_number (2.2, FALSE), ==, 2.5);
  g_assert_cmpfloat (care_chart_nice_number (2.2, TRUE), ==, 2);
  g_assert_cmpfloat (care_chart_nice_number (800, TRUE), ==, 1000);
}

static void
test_format_value (void)
{
  g_autofree char *a = care_chart_format_value (2.5, 0.5);
  g_autofree char *b = care_chart_format_value (120, 10);
  g_autofree char *c = care_chart_format_value (0.25, 0.25);
  g_autofree char *d = care_chart_format_value (-1e-17, 0.5);

  g_assert_cmpstr (a, ==, "2.5");
  g_assert_cmpstr (b, ==, "120");
  g_assert_cmpstr (c, ==, "0.25");
  g_assert_cmpstr (d, ==, "0.0");
}

static gint64
utc (int y, int m, int d, int h)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, h, 0, 0);

  return g_date_time_to_unix (dt);
}

static GArray *
ticks_between (gint64     start,
               gint64     end,
               guint      max_ticks,
               GTimeZone *tz)
{
  GArray *ticks = care_chart_time_ticks (start, end, max_ticks, tz);

  g_assert_cmpuint (ticks->len, >=, 1);
  g_assert_cmpuint (ticks->len, <=, max_ticks + 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_assert_cmpint (g_array_index (ticks, CareTimeTick, i).time, >=, start);
      g_assert_cmpint (g_array_index (ticks, CareTimeTick, i).time, <=, end);
      if (i > 0)
        g_assert_cmpint (g_array_index (ticks, CareTimeTick, i).time, >,
                         g_array_index (ticks, CareTimeTick, i - 1).time);
    }
  return ticks;
}

static void
test_time_ticks (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) hours = NULL;
  g_autoptr(GArray) weeks = NULL;
  const CareTimeTick *tick;
  g_autofree char *label_first = NULL;
  g_autofree char *label_next = NULL;
  g_autofree char *label_year = NULL;
  g_autoptr(GDateTime) dt = NULL;

  /* Ten days: daily ticks at midnight. */
  days = ticks_between (utc (2026, 3, 1, 5), utc (2026, 3, 11, 5), 12, tz);
  tick = &g_array_index (days, CareTimeTick, 0);
  g_assert_cmpint (tick->unit, ==, CARE_TIME_UNIT_DAY);
  g_assert_cmpint (tick->time, ==, utc (2026, 3, 2, 0));
  g_assert_cmpuint (days->len, ==, 10);

  /* Seven weeks with 8 ticks: weekly, on Mondays. */
  weeks = ticks_between (utc (2026, 3, 1, 0), utc (2026, 4, 19, 0), 8, tz);
  tick = &g_array_index (weeks, CareTimeTick, 0);
  g_assert_cmpint (tick->unit, ==, CARE_TIME_UNIT_WEEK);
  dt = g_date_time_new_from_unix_utc (tick->time);
  g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1);

  /* A year and a half with 8 ticks: every 3 months, on the 1st. */
  months = ticks_between (utc (2025, 1, 15, 0), utc (2026, 7, 15, 0), 8, tz);
  tick = &g_array_index (months, CareTimeTick, 0);
  g_assert_cmpint (tick->unit, ==, CARE_TIME_UNIT_MONTH);
  g_assert_cmpuint (tick->multiple, ==, 3);
  g_assert_cmpint (tick->time, ==, utc (2025, 4, 1, 0));
  g_assert_cmpint (g_array_index (months, CareTimeTick, 1).time, ==, utc (2025, 7, 1, 0));

  label_first = care_chart_format_time_tick (tick, TRUE, tz);
  label_next = care_chart_format_time_tick (&g_array_index (months, CareTimeTick, 1), FALSE, tz);
  g_assert_cmpstr (label_first, ==, "Apr 2025");
  g_assert_cmpstr (label_next, ==, "Jul");

  /* Twenty years: every few years, on January 1st. */
  years = ticks_between (utc (2005, 6, 1, 0), utc (2026, 6, 1, 0), 8, tz);
  tick = &g_array_index (years, CareTimeTick, 0);
  g_assert_cmpint (tick->unit, ==, CARE_TIME_UNIT_YEAR);
  g_assert_cmpint (tick->time, ==, utc (2010, 1, 1, 0));
  label_year = care_chart_format_time_tick (tick, FALSE, tz);
  g_assert_cmpstr (label_year, ==, "2010");

  /* A day: hours. */
  hours = ticks_between (utc (2026, 3, 1, 0), utc (2026, 3, 2, 0), 8, tz);
  g_assert_cmpint (g_array_index (hours, CareTimeTick, 0).unit, ==, CARE_TIME_UNIT_HOUR);

  /* Nothing for an empty span. */
  {
    g_autoptr(GArray) none = care_chart_time_ticks (100, 100, 8, tz);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_time_ticks_stable_under_pan (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GArray) a = care_chart_time_ticks (utc (2025, 1, 15, 0), utc (2026, 7, 15, 0), 8, tz);
  g_autoptr(GArray) b = care_chart_time_ticks (utc (2025, 2, 15, 0), utc (2026, 8, 15, 0), 8, tz);

  /* Panning a month later keeps the same grid (every 3 months from April),
   * rather than restarting it at the new left edge. */
  g_assert_cmpuint (g_array_index (b, CareTimeTick, 0).multiple, ==, 3);
  g_assert_cmpint (g_array_index (a, CareTimeTick, 0).time, ==, g_array_index (b, CareTimeTick, 0).time);
  g_assert_cmpint (g_array_index (a, CareTimeTick, 1).time, ==, g_array_index (b, CareTimeTick, 1).time);
}

static void
test_view_zoom_pan_clamp (void)
{
  CareChartView view;
  double span;

  care_chart_view_init (&view, 0, (gint64) (1000 * DAY));
  g_assert_cmpfloat (view.limit_start, ==, -30 * DAY);
  g_assert_cmpfloat (view.limit_end, ==, 1030 * DAY);
  g_assert_cmpfloat (view.start, ==, view.limit_start);
  g_assert_cmpfloat (view.end, ==, view.limit_end);

  /* Zooming in by 2 around the centre halves the span, centre kept. */
  care_chart_view_zoom (&view, 2, 500 * DAY);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, 530 * DAY, 1e-6);
  g_assert_cmpfloat_with_epsilon ((view.start + view.end) / 2, 500 * DAY, 1e-6);

  /* The anchor stays put. */
  care_chart_view_zoom (&view, 2, 400 * DAY);
  g_assert_cmpfloat_with_epsilon ((400 * DAY - view.start) / (view.end - view.start),
                                  (400 * DAY - 235 * DAY) / (530 * DAY), 1e-9);

  /* Pan stops at the limits without changing the span. */
  span = view.end - view.start;
  care_chart_view_pan (&view, -1e12);
  g_assert_cmpfloat (view.start, ==, view.limit_start);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, span, 1e-6);
  care_chart_view_pan (&view, 1e12);
  g_assert_cmpfloat (view.end, ==, view.limit_end);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, span, 1e-6);

  /* Zooming far in stops at the minimum span; far out at the limits. */
  care_chart_view_zoom (&view, 1e9, 900 * DAY);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, view.min_span, 1e-6);
  g_assert_cmpfloat (view.start, <=, 900 * DAY);
  g_assert_cmpfloat (view.end, >=, 900 * DAY);
  care_chart_view_zoom (&view, 1e-9, 900 * DAY);
  g_assert_cmpfloat (view.start, ==, view.limit_start);
  g_assert_cmpfloat (view.end, ==, view.limit_end);

  /* Nonsense is ignored. */
  care_chart_view_zoom (&view, NAN, 0);
  care_chart_view_zoom (&view, -2, 0);
  care_chart_view_pan (&view, INFINITY);
  g_assert_cmpfloat (view.start, ==, view.limit_start);
  g_assert_cmpfloat (view.end, ==, view.limit_end);

  /* set_range clamps a window hanging off the end. */
  care_chart_view_set_range (&view, 1000 * DAY, 1100 * DAY);
  g_assert_cmpfloat (view.end, ==, view.limit_end);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, 100 * DAY, 1e-6);
}

static void
test_view_presets (void)
{
  CareChartView view;

  care_chart_view_init (&view, 0, (gint64) (2000 * DAY));
  care_chart_view_apply_preset (&view, CARE_CHART_RANGE_3_MONTHS);
  /* It ends just after the last point (3 % of three months), not 3 % of
   * the whole history (60 days) after it. */
  g_assert_cmpfloat_with_epsilon (view.end, 2000 * DAY + 0.03 * 91.3125 * DAY, 1e-3);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, 91.3125 * DAY, 1e-6);
  care_chart_view_apply_preset (&view, CARE_CHART_RANGE_1_YEAR);
  g_assert_cmpfloat_with_epsilon (view.end, 2000 * DAY + 0.03 * 365.25 * DAY, 1e-3);
  g_assert_cmpfloat_with_epsilon (view.end - view.start, 365.25 * DAY, 1e-6);
  care_chart_view_apply_preset (&view, CARE_CHART_RANGE_ALL);
  g_assert_cmpfloat (view.start, ==, view.limit_start);

  /* Longer than the data: all of it. */
  care_chart_view_init (&view, 0, (gint64) (30 * DAY));
  care_chart_view_apply_preset (&view, CARE_CHART_RANGE_3_YEARS);
  g_assert_cmpfloat (view.start, ==, view.limit_start);
  g_assert_cmpfloat (view.end, ==, view.limit_end);

  /* A single point still gets a window. */
  care_chart_view_init (&view, 5000, 5000);
  g_assert_cmpfloat (view.end - view.start, >, 20 * DAY);
}

static void
test_transform_and_hit (void)
{
  CareChartTransform t = { 100, 50, 1000, 500, 0, 1000, 0, 100 };
  CareSeriesPoint points[] = {
    { 100, 10, NAN, NAN, 0, NULL },
    { 500, 50, NAN, NAN, 0, NULL },
    { 505, 90, NAN, NAN, 0, NULL },
    { 900, 50, NAN, NAN, 0, NULL },
  };
  double d = -1;

  g_assert_cmpfloat (care_chart_transform_x (&t, 500), ==, 600);
  g_assert_cmpfloat (care_chart_transform_y (&t, 50), ==, 300);
  g_assert_cmpfloat (care_chart_transform_y (&t, 100), ==, 50);
  g_assert_cmpfloat (care_chart_transform_data_x (&t, 600), ==, 500);
  g_assert_cmpfloat (care_chart_transform_data_y (&t, 300), ==, 50);

  g_assert_cmpint (care_chart_hit_test (&t, points, 4, 603, 304, 8, &d), ==, 1);
  g_assert_cmpfloat_with_epsilon (d, 5, 1e-9);
  /* Nearer in y wins over nearer in x. */
  g_assert_cmpint (care_chart_hit_test (&t, points, 4, 606, 100, 8, NULL), ==, 2);
  g_assert_cmpint (care_chart_hit_test (&t, points, 4, 800, 300, 8, NULL), ==, -1);
  g_assert_cmpint (care_chart_hit_test (&t, points, 4, 200, 500, 8, NULL), ==, 0);
  g_assert_cmpint (care_chart_hit_test (&t, points, 0, 200, 500, 8, NULL), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/charts/axis/nice-range", test_nice_range);
  g_test_add_func ("/care/charts/axis/format-value", test_format_value);
  g_test_add_func ("/care/charts/axis/time-ticks", test_time_ticks);
  g_test_add_func ("/care/charts/axis/time-ticks-stable", test_time_ticks_stable_under_pan);
  g_test_add_func ("/care/charts/view/zoom-pan-clamp", test_view_zoom_pan_clamp);
  g_test_add_func ("/care/charts/view/presets", test_view_presets);
  g_test_add_func ("/care/charts/axis/hit-test", test_transform_and_hit);

  return g_test_run ();
}
