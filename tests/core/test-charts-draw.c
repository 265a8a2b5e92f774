/* test-charts-draw.c — the charts drawn on image surfaces, read back by pixel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-growth-chart-draw.h"
#include "care-trend-chart-draw.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define DAY 86400
#define T0 G_GINT64_CONSTANT (1772323200)   /* 2026-03-01 UTC */
#define WIDTH 640
#define HEIGHT 400

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  CareChartStyle   style;
  GTimeZone       *tz;
  char            *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  fixture->cr = cairo_create (fixture->surface);
  care_chart_style_init (&fixture->style, GPOINTER_TO_INT (data));
  fixture->tz = g_time_zone_new_utc ();
  fixture->dir = g_dir_make_tmp ("care-charts-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cairo_destroy (fixture->cr);
  cairo_surface_destroy (fixture->surface);
  g_time_zone_unref (fixture->tz);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  double r, g, b;
} Rgb;

static double
luminance (Rgb rgb)
{
  return 0.2126 * rgb.r + 0.7152 * rgb.g + 0.0722 * rgb.b;
}

static Rgb
pixel (Fixture *fixture,
       double   x,
       double   y)
{
  const guint8 *data;
  int stride, ix = (int) floor (x), iy = (int) floor (y);
  guint32 v;
  Rgb rgb;

  cairo_surface_flush (fixture->surface);
  data = cairo_image_surface_get_data (fixture->surface);
  stride = cairo_image_surface_get_stride (fixture->surface);
  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (ix, <, WIDTH);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (iy, <, HEIGHT);

  /* ARGB32 is native-endian premultiplied; the background is opaque. */
  v = *(const guint32 *) (data + iy * stride + ix * 4);
  rgb.r = ((v >> 16) & 0xff) / 255.0;
  rgb.g = ((v >> 8) & 0xff) / 255.0;
  rgb.b = (v & 0xff) / 255.0;
  return rgb;
}

static void
assert_color (Rgb                   got,
              const CareChartColor *want,
              double                tolerance)
{
  if (fabs (got.r - want->red) > tolerance || fabs (got.g - want->green) > tolerance ||
      fabs (got.b - want->blue) > tolerance)
    g_error ("pixel (%.3f, %.3f, %.3f) is not (%.3f, %.3f, %.3f)",
             got.r, got.g, got.b, want->red, want->green, want->blue);
}

/* How far below (@side 1) or above (-1) the point the marker of colour
 * @want reaches, in whole rows: that tells a triangle's direction. */
static int
extent (Fixture              *fixture,
        double                x,
        double                y,
        int                   side,
        const CareChartColor *want)
{
  int reach = 0;

  for (int dy = 1; dy <= 12; dy++)
    for (int dx = -8; dx <= 8; dx++)
      {
        Rgb got = pixel (fixture, x + dx, y + side * dy);

        if (fabs (got.r - want->red) < 0.2 && fabs (got.g - want->green) < 0.2 &&
            fabs (got.b - want->blue) < 0.2)
          reach = dy;
      }
  return reach;
}

static CareSeries *
make_glucose (void)
{
  CareSeries *s = care_series_new ("2345-7", "Glucose", "mg/dL");

  care_series_add_point (s, T0, 90, 70, 99, CARE_INTERPRETATION_NONE, NULL);
  care_series_add_point (s, T0 + 30 * DAY, 130, 70, 99, CARE_INTERPRETATION_NONE, NULL);   /* high */
  care_series_add_point (s, T0 + 60 * DAY, 60, 70, 99, CARE_INTERPRETATION_NONE, NULL);    /* low */
  care_series_add_point (s, T0 + 90 * DAY, 40, 70, 99, CARE_INTERPRETATION_CRITICAL_LOW, NULL);
  care_series_add_point (s, T0 + 120 * DAY, 85, 70, 99, CARE_INTERPRETATION_NONE, NULL);
  return s;
}

static void
point_px (const CareTrendChartLayout *layout,
          CareSeries                 *s,
          guint                       i,
          double                     *x,
          double                     *y)
{
  const CareSeriesPoint *p = care_series_get_point (s, i);

  *x = care_chart_transform_x (&layout->transform, (double) p->time);
  *y = care_chart_transform_y (&layout->transform, p->value);
}

static void
test_trend_pixels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CareSeries) s = make_glucose ();
  CareSeries *series[1] = { s };
  CareTrendChartData chart;
  CareTrendChartLayout layout;
  double x, y, band_x, band_y;
  int diamond_reach;
  Rgb band;

  care_trend_chart_data_init (&chart, series, 1);
  chart.tz = fixture->tz;
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  g_assert_cmpint (cairo_status (fixture->cr), ==, CAIRO_STATUS_SUCCESS);
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);

  /* The value axis holds every value and the band. */
  g_assert_cmpfloat (layout.transform.y0, <=, 40);
  g_assert_cmpfloat (layout.transform.y1, >=, 130);
  g_assert_cmpuint (layout.n_visible, ==, 5);

  /* Normal points in the series colour, at their computed pixels. */
  point_px (&layout, s, 0, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.series[0], 0.03);
  point_px (&layout, s, 4, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.series[0], 0.03);

  /* High: warning colour, a triangle pointing up (its apex reaches
   * further up than its base down). */
  point_px (&layout, s, 1, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.warning, 0.03);
  g_assert_cmpint (extent (fixture, x, y, -1, &fixture->style.warning), >=,
                   extent (fixture, x, y, 1, &fixture->style.warning) + 2);

  /* Low: warning colour, pointing down. */
  point_px (&layout, s, 2, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.warning, 0.03);
  g_assert_cmpint (extent (fixture, x, y, 1, &fixture->style.warning), >=,
                   extent (fixture, x, y, -1, &fixture->style.warning) + 2);

  /* Critical: error colour, a diamond: symmetric, and taller than a circle. */
  point_px (&layout, s, 3, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.error, 0.03);
  g_assert_cmpint (ABS (extent (fixture, x, y, 1, &fixture->style.error) -
                        extent (fixture, x, y, -1, &fixture->style.error)), <=, 1);
  diamond_reach = extent (fixture, x, y, 1, &fixture->style.error);

  /* A circle of the same size would reach 3 rows at most past its ring. */
  g_assert_cmpint (diamond_reach, >=, 4);

  /* The reference band: between 70 and 99, tinted with the success colour. */
  band_x = care_chart_transform_x (&layout.transform, (double) (T0 + 15 * DAY));
  band_y = care_chart_transform_y (&layout.transform, 75);
  band = pixel (fixture, band_x, band_y);
  g_assert_cmpfloat (band.g, >, band.r + 0.03);
  g_assert_cmpfloat (band.g, <, 0.99);
  /* Outside the band, inside the plot: plain background. */
  assert_color (pixel (fixture, band_x, care_chart_transform_y (&layout.transform, 131)),
                &fixture->style.background, 0.02);
  /* Outside the plot, the background too. */
  assert_color (pixel (fixture, 2, HEIGHT - 2), &fixture->style.background, 0.01);
}

static void
test_trend_focus_and_hit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CareSeries) s = make_glucose ();
  CareSeries *series[1] = { s };
  CareTrendChartData chart;
  CareTrendChartLayout layout;
  int hit_series = -1, hit_index = -1;
  double x, y;
  Rgb before, after;
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;

  care_trend_chart_data_init (&chart, series, 1);
  chart.tz = fixture->tz;
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);
  point_px (&layout, s, 4, &x, &y);

  g_assert_true (care_trend_chart_hit_test (&layout, &chart, x + 3, y - 2, 10, &hit_series, &hit_index));
  g_assert_cmpint (hit_series, ==, 0);
  g_assert_cmpint (hit_index, ==, 4);
  g_assert_false (care_trend_chart_hit_test (&layout, &chart, x + 30, y - 40, 10, &hit_series, &hit_index));

  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  before = pixel (fixture, x - 12, y - 30);
  chart.focus_series = 0;
  chart.focus_index = 4;
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  after = pixel (fixture, x, y - 9);
  /* The focus ring, in the accent colour, around the point. */
  g_assert_cmpfloat (fabs (after.b - fixture->style.accent.blue) + fabs (after.r - fixture->style.accent.red), <, 0.35);
  (void) before;

  label = care_trend_chart_dup_point_label (s, 1, fixture->tz, &date);
  g_assert_cmpstr (label, ==, "130 mg/dL, high");
  g_assert_cmpstr (date, ==, "Mar 31, 2026");
}

/* How many columns of the middle half of the line from point @i to the
 * next show no pixel of @color near the line. */
static guint
line_gaps (Fixture                    *fixture,
           const CareTrendChartLayout *layout,
           CareSeries                 *s,
           guint                       i,
           const CareChartColor       *color)
{
  double x0, y0, x1, y1;
  guint gaps = 0;

  point_px (layout, s, i, &x0, &y0);
  point_px (layout, s, i + 1, &x1, &y1);
  for (double x = x0 + (x1 - x0) * 0.25; x < x0 + (x1 - x0) * 0.75; x += 1.0)
    {
      double y = y0 + (y1 - y0) * (x - x0) / (x1 - x0);
      gboolean seen = FALSE;

      for (int dy = -2; dy <= 2 && !seen; dy++)
        {
          Rgb got = pixel (fixture, x, y + dy);

          seen = fabs (got.r - color->red) < 0.25 && fabs (got.g - color->green) < 0.25 &&
                 fabs (got.b - color->blue) < 0.25;
        }
      gaps += !seen;
    }
  return gaps;
}

static void
test_trend_two_series (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CareSeries) systolic = care_series_new ("8480-6", "Systolic", "mm[Hg]");
  g_autoptr(CareSeries) diastolic = care_series_new ("8462-4", "Diastolic", "mm[Hg]");
  CareSeries *series[2] = { systolic, diastolic };
  CareTrendChartData chart;
  CareTrendChartLayout layout;
  double x, y;

  for (int i = 0; i < 6; i++)
    {
      care_series_add_point (systolic, T0 + i * 7 * DAY, 120 + (i % 3) * 4, NAN, NAN, 0, NULL);
      care_series_add_point (diastolic, T0 + i * 7 * DAY, 78 + (i % 2) * 3, NAN, NAN, 0, NULL);
    }
  care_trend_chart_data_init (&chart, series, 2);
  chart.tz = fixture->tz;
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);

  g_assert_cmpfloat (layout.transform.y0, <=, 78);
  g_assert_cmpfloat (layout.transform.y1, >=, 128);
  point_px (&layout, systolic, 2, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.series[0], 0.03);
  point_px (&layout, diastolic, 2, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.series[1], 0.03);

  /* Colour is not the only difference: between two points the first
   * series' line is unbroken, the second's has gaps (it is dashed). */
  g_assert_cmpuint (line_gaps (fixture, &layout, systolic, 2, &fixture->style.series[0]), ==, 0);
  g_assert_cmpuint (line_gaps (fixture, &layout, diastolic, 2, &fixture->style.series[1]), >=, 4);
}

static void
test_trend_edge_cases (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CareSeries) empty = care_series_new ("x", "Nothing", "kg");
  g_autoptr(CareSeries) single = care_series_new ("x", "Once", "kg");
  g_autoptr(CareSeries) outlier = care_series_new ("x", "Typo", "kg");
  CareSeries *series[1];
  CareTrendChartData chart;
  CareTrendChartLayout layout;
  double x, y;

  /* Empty: draws, with a finite axis. */
  series[0] = empty;
  care_trend_chart_data_init (&chart, series, 1);
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);
  g_assert_cmpint (cairo_status (fixture->cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (isfinite (layout.transform.x0) && isfinite (layout.transform.x1));
  g_assert_cmpfloat (layout.transform.x1, >, layout.transform.x0);
  g_assert_cmpfloat (layout.transform.y0, ==, 0);
  g_assert_cmpfloat (layout.transform.y1, ==, 1);
  care_trend_chart_data_init (&chart, NULL, 0);
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  care_trend_chart_draw (fixture->cr, 0, 0, &chart, &fixture->style);
  care_trend_chart_draw (fixture->cr, 30, 20, &chart, &fixture->style);

  /* One point: centred in a sensible range, drawn where computed. */
  care_series_add_point (single, T0, 72.5, NAN, NAN, 0, NULL);
  series[0] = single;
  care_trend_chart_data_init (&chart, series, 1);
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);
  g_assert_cmpfloat (layout.transform.y0, <, 72.5);
  g_assert_cmpfloat (layout.transform.y1, >, 72.5);
  g_assert_cmpfloat (layout.transform.y1 - layout.transform.y0, <, 72.5);
  point_px (&layout, single, 0, &x, &y);
  g_assert_cmpfloat (x, >, layout.transform.x + layout.transform.width * 0.4);
  g_assert_cmpfloat (x, <, layout.transform.x + layout.transform.width * 0.6);
  assert_color (pixel (fixture, x, y), &fixture->style.series[0], 0.03);

  /* An outlier: everything stays on the plot, the outlier included. */
  for (int i = 0; i < 20; i++)
    care_series_add_point (outlier, T0 + i * DAY, 70 + (i % 3), NAN, NAN, 0, NULL);
  care_series_add_point (outlier, T0 + 20 * DAY, 7100, NAN, NAN, 0, NULL);
  care_series_add_point (outlier, T0 + 21 * DAY, -1e300, NAN, NAN, 0, NULL);
  series[0] = outlier;
  care_trend_chart_data_init (&chart, series, 1);
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  g_assert_cmpint (cairo_status (fixture->cr), ==, CAIRO_STATUS_SUCCESS);
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);
  g_assert_true (isfinite (layout.transform.y0) && isfinite (layout.transform.y1));
  g_assert_cmpfloat (layout.transform.y1, >=, 7100);
  g_assert_cmpuint (layout.n_value_ticks, <=, (HEIGHT / 44) + 1);
}

static void
test_trend_view_window (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CareSeries) s = make_glucose ();
  CareSeries *series[1] = { s };
  CareTrendChartData chart;
  CareTrendChartLayout layout;
  double x, y;

  /* Zoomed on the last two points: the axis fits them (and the band), not the 40. */
  care_trend_chart_data_init (&chart, series, 1);
  chart.view_start = (double) (T0 + 100 * DAY);
  chart.view_end = (double) (T0 + 125 * DAY);
  care_trend_chart_compute_layout (WIDTH, HEIGHT, &chart, &fixture->style, &layout);
  g_assert_cmpuint (layout.n_visible, ==, 1);
  g_assert_cmpfloat (layout.transform.y0, >, 40);
  g_assert_cmpfloat (layout.transform.y0, <=, 70);
  care_trend_chart_draw (fixture->cr, WIDTH, HEIGHT, &chart, &fixture->style);
  point_px (&layout, s, 4, &x, &y);
  assert_color (pixel (fixture, x, y), &fixture->style.series[0], 0.03);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CareSeries) s = make_glucose ();
  CareSeries *series[1] = { s };
  CareTrendChartData chart;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (fixture->dir, "chart.PNG", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "chart.pdf", NULL);
  g_autofree char *txt = g_build_filename (fixture->dir, "chart.txt", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "missing", "chart.png", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *loaded;
  gsize length;

  care_trend_chart_data_init (&chart, series, 1);

  g_assert_true (care_trend_chart_export (png, 800, 500, &chart, &fixture->style, &error));
  g_assert_no_error (error);
  loaded = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (loaded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (loaded), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (loaded), ==, 500);
  cairo_surface_destroy (loaded);

  g_assert_true (care_trend_chart_export (svg, 800, 500, &chart, &fixture->style, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (care_trend_chart_export (pdf, 800, 500, &chart, &fixture->style, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_assert_false (care_trend_chart_export (txt, 800, 500, &chart, &fixture->style, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  g_assert_false (care_trend_chart_export (bad, 800, 500, &chart, &fixture->style, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_false (care_trend_chart_export (png, 0, 500, &chart, &fixture->style, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_growth_pixels (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareLms) lms = care_lms_new (NULL, &error);
  g_autoptr(CareGrowthChartData) chart = NULL;
  g_autofree char *svg = g_build_filename (fixture->dir, "growth.svg", NULL);
  CareGrowthChild child = { .sex = CARE_LMS_SEX_MALE, .gestational_weeks = 0 };
  CareGrowthMeasurement m[4];
  CareGrowthChartLayout layout;
  double z60 = care_lms_z_from_percentile (60);
  int days[4] = { 10, 90, 200, 400 };
  g_autoptr(GDateTime) birth = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  CareLmsParams params;
  double x, y;
  Rgb median;

  g_assert_no_error (error);
  g_date_clear (&child.birth, 1);
  g_date_set_dmy (&child.birth, 1, 1, 2024);
  for (int i = 0; i < 4; i++)
    {
      m[i].time = g_date_time_to_unix (birth) + (gint64) days[i] * DAY;
      m[i].length_cm = NAN;
      g_assert_true (care_lms_measurement (lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE,
                                           days[i] / 30.4375, NAN, z60, &m[i].value));
    }
  chart = care_growth_chart_data_new (lms, CARE_LMS_WEIGHT_FOR_AGE, &child, m, 4, fixture->tz);
  care_growth_chart_draw (fixture->cr, WIDTH, HEIGHT, chart, &fixture->style);
  g_assert_cmpint (cairo_status (fixture->cr), ==, CAIRO_STATUS_SUCCESS);
  care_growth_chart_compute_layout (WIDTH, HEIGHT, chart, &fixture->style, &layout);

  for (guint i = 0; i < chart->points->len; i++)
    {
      const CareGrowthPoint *p = &g_array_index (chart->points, CareGrowthPoint, i);

      x = care_chart_transform_x (&layout.transform, p->x);
      y = care_chart_transform_y (&layout.transform, p->value);
      assert_color (pixel (fixture, x, y), &fixture->style.accent, 0.03);
      g_assert_cmpint (care_growth_chart_hit_test (&layout, chart, x + 2, y + 2, 8), ==, (int) i);
    }

  /* The median curve at 20 months: darker than the shaded background. */
  g_assert_true (care_lms_get_params (lms, CARE_LMS_SOURCE_WHO, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 20, &params));
  median = pixel (fixture, care_chart_transform_x (&layout.transform, 20),
                  care_chart_transform_y (&layout.transform, params.m));
  g_assert_cmpfloat (median.r + median.g + median.b, <, 2.4);

  /* The 25th–75th band stands out from the background in either style
   * (it all but vanished in dark), and the 3rd–97th band less so. */
  {
    double inner_value, outer_value, above_value;
    Rgb inner, outer, above;
    double inner_step, outer_step;

    g_assert_true (care_lms_measurement (lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 20, NAN,
                                         care_lms_z_from_percentile (37), &inner_value));
    g_assert_true (care_lms_measurement (lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 20, NAN,
                                         care_lms_z_from_percentile (17), &outer_value));
    g_assert_true (care_lms_measurement (lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 20, NAN,
                                         care_lms_z_from_percentile (99.95), &above_value));
    x = care_chart_transform_x (&layout.transform, 20);
    inner = pixel (fixture, x, care_chart_transform_y (&layout.transform, inner_value));
    outer = pixel (fixture, x, care_chart_transform_y (&layout.transform, outer_value));
    above = pixel (fixture, x, care_chart_transform_y (&layout.transform, above_value) - 6);
    inner_step = fabs (luminance (inner) - luminance (above));
    outer_step = fabs (luminance (outer) - luminance (above));
    g_assert_cmpfloat (inner_step, >, fixture->style.dark ? 0.12 : 0.07);
    g_assert_cmpfloat (outer_step, >, 0.03);
    g_assert_cmpfloat (inner_step, >, outer_step);
  }

  g_assert_true (care_growth_chart_export (svg, 700, 500, chart, &fixture->style, &error));
  g_assert_no_error (error);

  /* No measurements: still a chart. */
  {
    g_autoptr(CareGrowthChartData) empty = care_growth_chart_data_new (lms, CARE_LMS_HEAD_FOR_AGE,
                                                                       &child, NULL, 0, fixture->tz);

    care_growth_chart_draw (fixture->cr, WIDTH, HEIGHT, empty, &fixture->style);
    g_assert_cmpint (cairo_status (fixture->cr), ==, CAIRO_STATUS_SUCCESS);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/care/charts/draw/" path "/light", Fixture, GINT_TO_POINTER (FALSE), \
              fixture_setup, func, fixture_teardown); \
  g_test_add ("/care/charts/draw/" path "/dark", Fixture, GINT_TO_POINTER (TRUE), \
              fixture_setup, func, fixture_teardown)

  ADD ("trend-pixels", test_trend_pixels);
  ADD ("trend-focus-and-hit", test_trend_focus_and_hit);
  ADD ("trend-two-series", test_trend_two_series);
  ADD ("trend-edge-cases", test_trend_edge_cases);
  ADD ("trend-view-window", test_trend_view_window);
  ADD ("export", test_export);
  ADD ("growth-pixels", test_growth_pixels);

  return g_test_run ();
}
