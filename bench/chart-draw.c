/* chart-draw.c — how long the trend chart takes to draw 10,000 points
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: chart-draw [RUNS]            time the drawing (median of RUNS, default 21)
 *        chart-draw --render DIR      write sample charts (light and dark) as PNG
 *
 * The baseline, measured in the same run, is the floor of any chart: clear
 * a 1200×800 image surface and stroke one straight 10,000-point polyline
 * with cairo's defaults (black, 2 px, no styling).
 */
#include "config.h"

#include "care-growth-chart-draw.h"
#include "care-trend-chart-draw.h"

#include <math.h>
#include <stdlib.h>

#define WIDTH 1200
#define HEIGHT 800
#define N_POINTS 10000
#define DAY 86400

static CareSeries *
make_glucose (guint n)
{
  CareSeries *s = care_series_new ("41653-7", "Glucose (meter)", "mg/dL");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 start = G_GINT64_CONSTANT (1609459200);   /* 2021-01-01 */

  /* Six years of readings: a slow drift, meals, noise, the odd low. */
  for (guint i = 0; i < n; i++)
    {
      gint64 t = start + (gint64) i * (6 * 365 * DAY / n);
      double v = 105 + 15 * sin (i / 400.0) + 25 * sin (i * 2.1) + g_rand_double_range (rand, -12, 12);

      if (g_rand_int_range (rand, 0, 200) == 0)
        v = 52;
      care_series_add_point (s, t, v, 70, 140, CARE_INTERPRETATION_NONE, "Home meter");
    }
  return s;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
baseline (cairo_t      *cr,
          const double *xs,
          const double *ys)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_move_to (cr, xs[0], ys[0]);
  for (guint i = 1; i < N_POINTS; i++)
    cairo_line_to (cr, xs[i], ys[i]);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_stroke (cr);
}

static int
bench (guint runs)
{
  g_autoptr(CareSeries) s = make_glucose (N_POINTS);
  CareSeries *series[1] = { s };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *chart_ms = g_new (double, runs);
  g_autofree double *base_ms = g_new (double, runs);
  g_autofree double *xs = g_new (double, N_POINTS);
  g_autofree double *ys = g_new (double, N_POINTS);
  CareTrendChartData data;
  CareChartStyle style;
  double chart_median, base_median;

  care_chart_style_init (&style, FALSE);
  care_trend_chart_data_init (&data, series, 1);
  data.focus_series = 0;
  data.focus_index = N_POINTS / 2;

  for (guint i = 0; i < N_POINTS; i++)
    {
      /* A straight diagonal, as the baseline's definition says. */
      xs[i] = 40 + (WIDTH - 60) * (double) i / N_POINTS;
      ys[i] = HEIGHT - 40 - (HEIGHT - 80) * (double) i / N_POINTS;
    }

  /* One warm-up of each, for fonts and caches. */
  care_trend_chart_draw (cr, WIDTH, HEIGHT, &data, &style);
  baseline (cr, xs, ys);
  cairo_surface_flush (surface);

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      baseline (cr, xs, ys);
      cairo_surface_flush (surface);
      t1 = g_get_monotonic_time ();
      care_trend_chart_draw (cr, WIDTH, HEIGHT, &data, &style);
      cairo_surface_flush (surface);
      t2 = g_get_monotonic_time ();

      base_ms[r] = (t1 - t0) / 1000.0;
      chart_ms[r] = (t2 - t1) / 1000.0;
    }

  chart_median = median (chart_ms, runs);
  base_median = median (base_ms, runs);
  g_print ("points: %d, surface: %dx%d, runs: %u\n", N_POINTS, WIDTH, HEIGHT, runs);
  g_print ("trend chart draw, median: %.2f ms (target <= 8 ms)\n", chart_median);
  g_print ("baseline (clear + plain polyline), median: %.2f ms\n", base_median);
  g_print ("ratio chart / baseline: %.2f\n", chart_median / base_median);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return chart_median <= 8.0 ? 0 : 1;
}

static void
write_png (const char *dir,
           const char *name,
           gboolean    growth,
           gconstpointer data,
           gboolean    dark,
           int         width,
           int         height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CareChartStyle style;
  gboolean ok;

  care_chart_style_init (&style, dark);
  if (growth)
    ok = care_growth_chart_export (path, width, height, data, &style, &error);
  else
    ok = care_trend_chart_export (path, width, height, data, &style, &error);
  if (!ok)
    g_printerr ("%s: %s\n", path, error->message);
  else
    g_print ("%s\n", path);
}

static int
render (const char *dir)
{
  g_autoptr(CareSeries) a1c = care_series_new ("4548-4", "Hemoglobin A1c", "%");
  g_autoptr(CareSeries) systolic = care_series_new ("8480-6", "Systolic", "mm[Hg]");
  g_autoptr(CareSeries) diastolic = care_series_new ("8462-4", "Diastolic", "mm[Hg]");
  g_autoptr(CareSeries) glucose = make_glucose (N_POINTS);
  g_autoptr(CareLms) lms = care_lms_new (NULL, NULL);
  g_autoptr(CareGrowthChartData) growth = NULL;
  CareSeries *one[1] = { a1c };
  CareSeries *bp[2] = { systolic, diastolic };
  CareSeries *many[1] = { glucose };
  CareTrendChartData data;
  double a1c_values[] = { 5.9, 6.1, 6.4, 6.2, 7.4, 6.9, 6.6, 6.3, 6.0, 5.8, 6.2, 6.8 };
  CareGrowthChild child = { .sex = CARE_LMS_SEX_FEMALE, .gestational_weeks = 0 };
  CareGrowthMeasurement m[12];
  int days[12] = { 3, 14, 31, 61, 92, 122, 183, 274, 365, 456, 548, 640 };
  double z60 = care_lms_z_from_percentile (60);
  g_autoptr(GDateTime) birth = g_date_time_new_utc (2024, 5, 10, 12, 0, 0);

  g_mkdir_with_parents (dir, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (a1c_values); i++)
    care_series_add_point (a1c, G_GINT64_CONSTANT (1615161600) + (gint64) i * 172 * DAY, a1c_values[i],
                           4.0, 5.6, a1c_values[i] > 7.0 ? CARE_INTERPRETATION_CRITICAL_HIGH : CARE_INTERPRETATION_NONE,
                           i < 6 ? "Riverside Health" : "Lakeside Clinic");
  for (int i = 0; i < 26; i++)
    {
      gint64 t = G_GINT64_CONSTANT (1767225600) + (gint64) i * 7 * DAY;

      care_series_add_point (systolic, t, 128 + 8 * sin (i / 3.0) + (i % 4), NAN, 130, 0, NULL);
      care_series_add_point (diastolic, t, 82 + 5 * sin (i / 2.5) - (i % 3), NAN, 80, 0, NULL);
    }

  care_trend_chart_data_init (&data, one, 1);
  data.focus_series = 0;
  data.focus_index = 11;
  write_png (dir, "trend-a1c-light.png", FALSE, &data, FALSE, 900, 420);
  write_png (dir, "trend-a1c-dark.png", FALSE, &data, TRUE, 900, 420);

  care_trend_chart_data_init (&data, bp, 2);
  data.focus_series = 1;
  data.focus_index = 9;
  write_png (dir, "trend-bp-light.png", FALSE, &data, FALSE, 900, 420);
  write_png (dir, "trend-bp-dark.png", FALSE, &data, TRUE, 900, 420);

  care_trend_chart_data_init (&data, many, 1);
  write_png (dir, "trend-10000-light.png", FALSE, &data, FALSE, WIDTH, HEIGHT);

  g_date_clear (&child.birth, 1);
  g_date_set_dmy (&child.birth, 10, 5, 2024);
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    {
      m[i].time = g_date_time_to_unix (birth) + (gint64) days[i] * DAY;
      m[i].length_cm = NAN;
      care_lms_measurement (lms, CARE_LMS_WEIGHT_FOR_AGE, child.sex, days[i] / 30.4375, NAN,
                            z60 + 0.05 * sin (i), &m[i].value);
    }
  growth = care_growth_chart_data_new (lms, CARE_LMS_WEIGHT_FOR_AGE, &child, m, G_N_ELEMENTS (m), NULL);
  growth->focus_index = 9;
  write_png (dir, "growth-weight-light.png", TRUE, growth, FALSE, 900, 560);
  write_png (dir, "growth-weight-dark.png", TRUE, growth, TRUE, 900, 560);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--render"))
    return render (argv[2]);
  return bench (argc > 1 ? (guint) MAX (1, atoi (argv[1])) : 21);
}
