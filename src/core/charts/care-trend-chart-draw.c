/* care-trend-chart-draw.c — a trend chart of results over time, drawn with Cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is a plain function of (cairo_t, size, data, style) so tests
 * draw it on an image surface and read pixels back, exports draw it on SVG
 * and PNG surfaces, and the widget draws it in snapshot(). Layout is a
 * separate pure function so the widget hit-tests with exactly the geometry
 * that was drawn.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-paint.h"
#include "care-chart-text.h"
#include "care-trend-chart-draw.h"
#include "care-unit.h"

#include <math.h>
#include <string.h>

#define MARKER_RADIUS 4.0
#define MARKER_CELL 6.0

/**
 * care_trend_chart_data_init:
 * @data: (out caller-allocates): the data
 * @series: (array length=n_series): the series
 * @n_series: how many
 *
 * Sets @data to show all of @series with the reference band and no focus.
 */
void
care_trend_chart_data_init (CareTrendChartData *data,
                            CareSeries * const *series,
                            guint               n_series)
{
  g_return_if_fail (data != NULL);

  memset (data, 0, sizeof *data);
  data->series = series;
  data->n_series = n_series;
  data->focus_series = -1;
  data->focus_index = -1;
  data->show_reference = TRUE;
}

static gboolean
data_time_range (const CareTrendChartData *data,
                 gint64                   *first,
                 gint64                   *last)
{
  gboolean any = FALSE;

  for (guint s = 0; s < data->n_series; s++)
    {
      gint64 a, b;

      if (!care_series_get_time_range (data->series[s], &a, &b))
        continue;
      if (!any || a < *first)
        *first = a;
      if (!any || b > *last)
        *last = b;
      any = TRUE;
    }

  return any;
}

/* The first index whose time is at or after @time. */
static guint
lower_bound (const CareSeriesPoint *points,
             guint                  n,
             double                 time)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) points[mid].time < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
include_value (double  value,
               double *lo,
               double *hi)
{
  if (!isfinite (value))
    return;
  *lo = MIN (*lo, value);
  *hi = MAX (*hi, value);
}

/**
 * care_trend_chart_compute_layout:
 * @width: the drawing's width in pixels
 * @height: its height
 * @data: what to show
 * @style: how
 * @layout: (out caller-allocates): the geometry
 *
 * The value axis fits the points in the time window (and the reference
 * ranges there, so the band is never cut off); a window with no points
 * falls back to all of the data, and no data at all to 0–1.
 */
void
care_trend_chart_compute_layout (int                       width,
                                 int                       height,
                                 const CareTrendChartData *data,
                                 const CareChartStyle     *style,
                                 CareTrendChartLayout     *layout)
{
  CareChartTransform *t;
  double lo = INFINITY, hi = -INFINITY, all_lo = INFINITY, all_hi = -INFINITY;
  double font = style->font_size;
  double left, top, bottom, right;
  gint64 first = 0, last = 0;
  guint max_ticks, max_chars = 1;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  memset (layout, 0, sizeof *layout);
  t = &layout->transform;

  if (data->view_end > data->view_start)
    {
      t->x0 = data->view_start;
      t->x1 = data->view_end;
    }
  else
    {
      CareChartView view;

      if (!data_time_range (data, &first, &last))
        {
          /* Nothing to show: the last year, so the axis still reads sensibly. */
          last = g_get_real_time () / G_USEC_PER_SEC;
          first = last - (gint64) (365.25 * CARE_SECONDS_PER_DAY);
        }
      care_chart_view_init (&view, first, last);
      t->x0 = view.start;
      t->x1 = view.end;
    }

  for (guint s = 0; s < data->n_series; s++)
    {
      guint n;
      const CareSeriesPoint *points = care_series_get_points (data->series[s], &n);
      guint i = lower_bound (points, n, t->x0);

      for (guint k = 0; k < n; k++)
        include_value (points[k].value, &all_lo, &all_hi);
      for (; i < n && (double) points[i].time <= t->x1; i++)
        {
          include_value (points[i].value, &lo, &hi);
          layout->n_visible++;
        }

      if (data->show_reference && n > 0)
        {
          g_autoptr(GArray) segments = care_series_get_reference_segments (data->series[s]);

          for (guint k = 0; k < segments->len; k++)
            {
              const CareReferenceSegment *seg = &g_array_index (segments, CareReferenceSegment, k);
              gboolean last_segment = k + 1 == segments->len;

              if ((double) seg->start > t->x1 || (!last_segment && (double) seg->end < t->x0))
                continue;
              include_value (seg->low, &all_lo, &all_hi);
              include_value (seg->high, &all_lo, &all_hi);
              if (layout->n_visible > 0)
                {
                  include_value (seg->low, &lo, &hi);
                  include_value (seg->high, &lo, &hi);
                }
            }
        }
    }

  if (layout->n_visible == 0)
    {
      lo = all_lo;
      hi = all_hi;
    }
  if (!(lo <= hi))
    {
      lo = 0;
      hi = 1;
    }

  top = font * 1.3 + 16;
  bottom = font * 1.3 + 14;

  /* Several series get a legend right of the unit; where the two would
   * meet (a phone-sized window), the legend takes a row of its own. The
   * widths are estimated, as for the value labels below. */
  if (data->n_series > 1)
    {
      const char *unit = care_series_get_unit (data->series[0]);
      double unit_width = g_utf8_strlen (care_unit_display_text (unit), -1) * font * 0.62 + 8;
      double legend_width = 0;

      for (guint s = 0; s < data->n_series; s++)
        legend_width += g_utf8_strlen (care_series_get_display_name (data->series[s]), -1) *
                        font * 0.55 + 38;
      if (unit_width + legend_width + 24 > width - 18)
        {
          layout->legend_row = TRUE;
          top += font * 1.3 + 6;
        }
    }
  right = 18;
  max_ticks = (guint) MAX (2, (height - top - bottom) / 44);
  layout->n_value_ticks = care_chart_nice_range (lo, hi, max_ticks, &t->y0, &t->y1,
                                                 &layout->value_step);

  /* Room for the widest value label, estimated so that layout needs no
   * cairo context (the widget hit-tests without one). */
  for (guint i = 0; i < layout->n_value_ticks; i++)
    {
      g_autofree char *label = care_chart_format_value (t->y0 + i * layout->value_step,
                                                        layout->value_step);

      max_chars = MAX (max_chars, g_utf8_strlen (label, -1));
    }
  left = MAX (36, max_chars * font * 0.62 + 18);

  /* Whole pixels: a clip that is not pixel-aligned makes cairo composite
   * everything after it through a mask, several times slower. */
  t->x = round (left);
  t->y = round (top);
  t->width = MAX (1, round (width - left - right));
  t->height = MAX (1, round (height - top - bottom));
}

/**
 * care_trend_chart_hit_test:
 * @layout: the layout the chart was drawn with
 * @data: the data it showed
 * @x: pointer x in pixels
 * @y: pointer y
 * @radius: how near counts, in pixels
 * @out_series: (out): the series hit
 * @out_index: (out): the point hit
 *
 * Returns: %TRUE if some point lies within @radius; the nearest wins
 */
gboolean
care_trend_chart_hit_test (const CareTrendChartLayout *layout,
                           const CareTrendChartData   *data,
                           double                      x,
                           double                      y,
                           double                      radius,
                           int                        *out_series,
                           int                        *out_index)
{
  double best = INFINITY;
  gboolean found = FALSE;

  g_return_val_if_fail (layout != NULL && data != NULL, FALSE);

  for (guint s = 0; s < data->n_series; s++)
    {
      guint n;
      const CareSeriesPoint *points = care_series_get_points (data->series[s], &n);
      double d;
      int i = care_chart_hit_test (&layout->transform, points, n, x, y, radius, &d);

      if (i >= 0 && (double) points[i].time >= layout->transform.x0 &&
          (double) points[i].time <= layout->transform.x1 && d < best)
        {
          best = d;
          *out_series = (int) s;
          *out_index = i;
          found = TRUE;
        }
    }

  return found;
}

static const CareChartColor *
flag_color (const CareChartStyle *style,
            CareInterpretation    flag,
            const CareChartColor *normal)
{
  switch (flag)
    {
    case CARE_INTERPRETATION_CRITICAL_LOW:
    case CARE_INTERPRETATION_CRITICAL_HIGH:
      return &style->error;
    case CARE_INTERPRETATION_LOW:
    case CARE_INTERPRETATION_HIGH:
    case CARE_INTERPRETATION_ABNORMAL:
      return &style->warning;
    case CARE_INTERPRETATION_NONE:
    case CARE_INTERPRETATION_NORMAL:
    default:
      return normal;
    }
}

static void
draw_grid (cairo_t                    *cr,
           const CareTrendChartLayout *layout,
           const CareTrendChartData   *data,
           const CareChartStyle       *style)
{
  const CareChartTransform *t = &layout->transform;
  g_autoptr(PangoLayout) text = care_chart_paint_layout (cr, style, 1.0, FALSE);
  g_autoptr(GArray) ticks = NULL;
  double last_right = -INFINITY;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);

  /* Value grid and labels. */
  for (guint i = 0; i < layout->n_value_ticks; i++)
    {
      double v = t->y0 + i * layout->value_step;
      double py = round (care_chart_transform_y (t, v)) + 0.5;
      g_autofree char *label = care_chart_format_value (v, layout->value_step);

      care_chart_paint_set_color (cr, &style->grid, 1.0);
      cairo_move_to (cr, t->x, py);
      cairo_line_to (cr, t->x + t->width, py);
      cairo_stroke (cr);

      care_chart_paint_set_color (cr, &style->foreground, 0.6);
      care_chart_paint_text (cr, text, label, t->x - 8, py, 1.0, 0.5, NULL);
    }

  /* Time grid and labels; a label that would overlap the previous is skipped. */
  ticks = care_chart_time_ticks ((gint64) ceil (t->x0), (gint64) floor (t->x1),
                                 (guint) MAX (2, t->width / 64), data->tz);
  for (guint i = 0; i < ticks->len; i++)
    {
      const CareTimeTick *tick = &g_array_index (ticks, CareTimeTick, i);
      double px = round (care_chart_transform_x (t, (double) tick->time)) + 0.5;
      g_autofree char *label = care_chart_format_time_tick (tick, i == 0, data->tz);
      int w, h;

      care_chart_paint_set_color (cr, &style->grid, 0.7);
      cairo_move_to (cr, px, t->y);
      cairo_line_to (cr, px, t->y + t->height);
      cairo_stroke (cr);

      pango_layout_set_text (text, label, -1);
      pango_layout_get_pixel_size (text, &w, &h);
      if (px - w / 2.0 < last_right + 10 || px + w / 2.0 > t->x + t->width + 16)
        continue;
      care_chart_paint_set_color (cr, &style->foreground, 0.6);
      care_chart_paint_text (cr, text, label, px, t->y + t->height + 7, 0.5, 0.0, NULL);
      last_right = px + w / 2.0;
    }

  /* The baseline, a little stronger than the grid. */
  care_chart_paint_set_color (cr, &style->foreground, 0.25);
  cairo_move_to (cr, t->x, round (t->y + t->height) + 0.5);
  cairo_line_to (cr, t->x + t->width, round (t->y + t->height) + 0.5);
  cairo_stroke (cr);

  cairo_restore (cr);
}

static void
draw_reference (cairo_t                    *cr,
                const CareTrendChartLayout *layout,
                CareSeries                 *series,
                const CareChartColor       *color,
                const CareChartStyle       *style)
{
  const CareChartTransform *t = &layout->transform;
  g_autoptr(GArray) segments = care_series_get_reference_segments (series);

  for (guint k = 0; k < segments->len; k++)
    {
      const CareReferenceSegment *seg = &g_array_index (segments, CareReferenceSegment, k);
      /* A range holds from its first result until the next range starts;
       * the first and last reach the plot's edges. */
      double x0 = k == 0 ? t->x : care_chart_transform_x (t, (double) seg->start);
      double x1 = k + 1 == segments->len ? t->x + t->width
                                         : care_chart_transform_x (t, (double) seg->end);
      double y_top = isfinite (seg->high) ? care_chart_transform_y (t, seg->high) : t->y;
      double y_bottom = isfinite (seg->low) ? care_chart_transform_y (t, seg->low)
                                            : t->y + t->height;

      y_top = CLAMP (y_top, t->y, t->y + t->height);
      y_bottom = CLAMP (y_bottom, t->y, t->y + t->height);
      if (x1 <= x0 || y_bottom <= y_top)
        continue;

      care_chart_paint_set_color (cr, color, style->dark ? 0.14 : 0.12);
      cairo_rectangle (cr, x0, y_top, x1 - x0, y_bottom - y_top);
      cairo_fill (cr);

      /* Dashed edges say where "normal" ends, even in greyscale. */
      care_chart_paint_set_color (cr, color, style->dark ? 0.55 : 0.5);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      if (isfinite (seg->high))
        {
          cairo_move_to (cr, x0, round (y_top) + 0.5);
          cairo_line_to (cr, x1, round (y_top) + 0.5);
        }
      if (isfinite (seg->low))
        {
          cairo_move_to (cr, x0, round (y_bottom) - 0.5);
          cairo_line_to (cr, x1, round (y_bottom) - 0.5);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_series (cairo_t                    *cr,
             const CareTrendChartLayout *layout,
             CareSeries                 *series,
             int                         pattern,
             const CareChartColor       *color,
             const CareChartStyle       *style)
{
  const CareChartTransform *t = &layout->transform;
  guint n, first, end, count;
  const CareSeriesPoint *points = care_series_get_points (series, &n);
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  gboolean draw_normal, dense;
  double cell;
  g_autofree guint8 *cells = NULL;
  g_autofree guint *marker_index = NULL;
  guint cols, rows;

  if (n == 0)
    return;

  /* One point beyond each edge keeps the line running off the plot. */
  first = lower_bound (points, n, t->x0);
  first = first > 0 ? first - 1 : 0;
  end = lower_bound (points, n, t->x1 + 1);
  end = MIN (end + 1, n);
  if (end <= first)
    return;
  count = end - first;

  xs = g_new (double, count);
  ys = g_new (double, count);
  for (guint i = 0; i < count; i++)
    {
      xs[i] = care_chart_transform_x (t, (double) points[first + i].time);
      ys[i] = care_chart_transform_y (t, points[first + i].value);
    }

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  dense = count > 2 * t->width;
  if (dense)
    care_chart_paint_envelope (cr, xs, ys, count, color);
  else if (count > 1)
    {
      /* Opaque, so the runs of care_chart_paint_polyline() join unseen. */
      care_chart_paint_set_color (cr, color, 1.0);
      cairo_set_line_width (cr, 2.0);
      /* Several series differ by pattern too, not only by colour. */
      if (pattern >= 0)
        care_chart_paint_set_series_dash (cr, (guint) pattern);
      care_chart_paint_polyline (cr, xs, ys, count, 48);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Normal markers only while they stay apart; abnormal ones always, but
   * one per 6-pixel cell and shape, so 10,000 flagged readings do not pile
   * up 10,000 markers. Each shape is one path, filled once. */
  draw_normal = count <= t->width / (3 * MARKER_RADIUS);
  cell = dense ? 2.5 * MARKER_CELL : MARKER_CELL;
  cols = (guint) (t->width / cell) + 3;
  rows = (guint) (t->height / cell) + 3;
  cells = g_malloc0 ((gsize) cols * rows);
  marker_index = g_new (guint, count);

  for (int shape = CARE_MARKER_CIRCLE; shape <= CARE_MARKER_SQUARE; shape++)
    {
      const CareChartColor *fill = color;
      guint n_markers;

      if (shape == CARE_MARKER_CIRCLE && !draw_normal)
        continue;

      n_markers = 0;
      for (guint i = 0; i < count; i++)
        {
          const CareSeriesPoint *p = &points[first + i];
          CareInterpretation flag = care_series_point_get_flag (p);
          int col, row;
          guint8 bit = (guint8) (1u << shape);

          if (p->entered || (int) care_chart_marker_for_flag (flag) != shape)
            continue;
          col = (int) floor ((xs[i] - t->x) / cell) + 1;
          row = (int) floor ((ys[i] - t->y) / cell) + 1;
          if (col < 0 || row < 0 || (guint) col >= cols || (guint) row >= rows)
            continue;
          if (shape != CARE_MARKER_CIRCLE && (cells[row * cols + col] & bit) != 0)
            continue;
          cells[row * cols + col] |= bit;

          fill = flag_color (style, flag, color);
          marker_index[n_markers++] = i;
        }

      if (n_markers == 0)
        continue;

      /* Hundreds of markers: fast antialiasing, as for the band (see
       * care_chart_paint_envelope()). */
      if (dense)
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

      /* A background halo under each marker parts it from the line (two
       * fills cost far less than stroking hundreds of outlines); over a
       * dense band the markers stand out by themselves. */
      if (!dense)
        {
          for (guint k = 0; k < n_markers; k++)
            care_chart_paint_marker (cr, shape, xs[marker_index[k]], ys[marker_index[k]],
                                     MARKER_RADIUS + 1.3);
          care_chart_paint_set_color (cr, &style->background, 1.0);
          cairo_fill (cr);
        }
      for (guint k = 0; k < n_markers; k++)
        care_chart_paint_marker (cr, shape, xs[marker_index[k]], ys[marker_index[k]], MARKER_RADIUS);
      care_chart_paint_set_color (cr, fill, 1.0);
      cairo_fill (cr);
    }

  /* What the patient entered: the same shapes, hollow, so a home reading
   * never passes for the clinic's. Thinned like the others. */
  memset (cells, 0, (gsize) cols * rows);
  cairo_set_line_width (cr, 1.8);
  for (guint i = 0; i < count; i++)
    {
      const CareSeriesPoint *p = &points[first + i];
      CareInterpretation flag = care_series_point_get_flag (p);
      int shape = care_chart_marker_for_flag (flag);
      int col, row;
      guint8 bit = (guint8) (1u << shape);

      if (!p->entered || (shape == CARE_MARKER_CIRCLE && !draw_normal))
        continue;
      col = (int) floor ((xs[i] - t->x) / cell) + 1;
      row = (int) floor ((ys[i] - t->y) / cell) + 1;
      if (col < 0 || row < 0 || (guint) col >= cols || (guint) row >= rows ||
          (cells[row * cols + col] & bit) != 0)
        continue;
      cells[row * cols + col] |= bit;
      care_chart_paint_marker (cr, shape, xs[i], ys[i], MARKER_RADIUS + 0.5);
      care_chart_paint_set_color (cr, &style->background, 1.0);
      cairo_fill_preserve (cr);
      care_chart_paint_set_color (cr, flag_color (style, flag, color), 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/**
 * care_trend_chart_dup_point_label:
 * @series: a series
 * @index: a point of it
 * @tz: (nullable): the time zone, %NULL for local
 * @out_date: (out) (optional) (transfer full): the date line ("Oct 3, 2026 · Riverside")
 *
 * Returns: (transfer full): the value line ("6.8 %, high")
 */
char *
care_trend_chart_dup_point_label (CareSeries  *series,
                                  guint        index,
                                  GTimeZone   *tz,
                                  char       **out_date)
{
  const CareSeriesPoint *p;
  g_autofree char *value = NULL;
  CareInterpretation flag;

  g_return_val_if_fail (CARE_IS_SERIES (series), NULL);
  g_return_val_if_fail (index < care_series_get_n_points (series), NULL);

  p = care_series_get_point (series, index);
  value = care_chart_format_measurement (p->value, care_series_get_unit (series));
  flag = care_series_point_get_flag (p);

  if (out_date != NULL)
    {
      g_autofree char *date = care_chart_format_date (p->time, tz);

      if (p->entered)
        /* Translators: under a chart point: the date, then who measured it
         * (a reading the patient entered at home): "Oct 3, 2026 · You entered" */
        *out_date = g_strdup_printf (_("%1$s · %2$s"), date, _("You entered"));
      else if (p->source != NULL && p->source[0] != '\0')
        /* Translators: under a chart point: the date, then the health system
         * that reported it: "Oct 3, 2026 · Riverside Health" */
        *out_date = g_strdup_printf (_("%1$s · %2$s"), date, p->source);
      else
        *out_date = g_steal_pointer (&date);
    }

  if (care_interpretation_is_abnormal (flag))
    /* Translators: a chart point's value and its flag: "6.8 %, high" */
    return g_strdup_printf (_("%1$s, %2$s"), value, care_interpretation_get_label (flag));
  return g_steal_pointer (&value);
}

static void
draw_focus (cairo_t                    *cr,
            const CareTrendChartLayout *layout,
            const CareTrendChartData   *data,
            const CareChartStyle       *style,
            int                         width,
            int                         height)
{
  const CareChartTransform *t = &layout->transform;
  CareSeries *series;
  const CareSeriesPoint *p;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const CareChartColor *color;
  double px, py;

  if (data->focus_series < 0 || (guint) data->focus_series >= data->n_series)
    return;
  series = data->series[data->focus_series];
  if (data->focus_index < 0 || (guint) data->focus_index >= care_series_get_n_points (series))
    return;

  p = care_series_get_point (series, data->focus_index);
  if ((double) p->time < t->x0 || (double) p->time > t->x1)
    return;

  px = care_chart_transform_x (t, (double) p->time);
  py = care_chart_transform_y (t, p->value);
  color = &style->series[data->focus_series % CARE_CHART_N_SERIES_COLORS];

  cairo_save (cr);
  care_chart_paint_set_color (cr, &style->foreground, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (px) + 0.5, t->y);
  cairo_line_to (cr, round (px) + 0.5, t->y + t->height);
  cairo_stroke (cr);

  care_chart_paint_marker (cr, care_chart_marker_for_flag (care_series_point_get_flag (p)),
                           px, py, MARKER_RADIUS + 2);
  care_chart_paint_set_color (cr, flag_color (style, care_series_point_get_flag (p), color), 1.0);
  cairo_fill_preserve (cr);
  care_chart_paint_set_color (cr, &style->background, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_arc (cr, px, py, MARKER_RADIUS + 6, 0, 2 * G_PI);
  care_chart_paint_set_color (cr, &style->accent, 0.8);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_restore (cr);

  title = care_trend_chart_dup_point_label (series, data->focus_index, data->tz, &subtitle);
  care_chart_paint_bubble (cr, style, title, subtitle, px, py, 4, 4, width - 8, height - 8);
}

/**
 * care_trend_chart_draw:
 * @cr: a cairo context
 * @width: the drawing's width in pixels
 * @height: its height
 * @data: what to show
 * @style: how
 *
 * Draws the whole chart: background, grid, reference band, lines, markers
 * (abnormal ones as triangles and diamonds in warning and error colours),
 * the focused point's label, and a legend when there are several series.
 */
void
care_trend_chart_draw (cairo_t                  *cr,
                       int                       width,
                       int                       height,
                       const CareTrendChartData *data,
                       const CareChartStyle     *style)
{
  CareTrendChartLayout layout;
  const CareChartTransform *t = &layout.transform;
  gboolean empty = TRUE;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  if (width <= 0 || height <= 0)
    return;

  care_trend_chart_compute_layout (width, height, data, style, &layout);
  for (guint s = 0; s < data->n_series; s++)
    empty = empty && care_series_get_n_points (data->series[s]) == 0;

  cairo_save (cr);
  if (style->background.alpha > 0)
    {
      care_chart_paint_set_color (cr, &style->background, 1.0);
      cairo_paint (cr);
    }

  draw_grid (cr, &layout, data, style);

  if (empty)
    {
      g_autoptr(PangoLayout) text = care_chart_paint_layout (cr, style, 1.15, FALSE);

      care_chart_paint_set_color (cr, &style->foreground, 0.55);
      care_chart_paint_text (cr, text,
                             data->empty_text != NULL ? data->empty_text : _("No results to show"),
                             t->x + t->width / 2, t->y + t->height / 2, 0.5, 0.5, NULL);
      cairo_restore (cr);
      return;
    }

  /* The unit names the value axis. */
  if (data->n_series > 0 && care_series_get_unit (data->series[0])[0] != '\0')
    {
      g_autoptr(PangoLayout) text = care_chart_paint_layout (cr, style, 1.0, TRUE);

      care_chart_paint_set_color (cr, &style->foreground, 0.7);
      care_chart_paint_text (cr, text, care_unit_display_text (care_series_get_unit (data->series[0])),
                             8, t->y - 14 - (layout.legend_row ? style->font_size * 1.3 + 6 : 0),
                             0.0, 1.0, NULL);
    }

  if (data->n_series > 1)
    {
      g_autofree const char **names = g_new0 (const char *, data->n_series);
      g_autofree const CareChartColor **colors = g_new0 (const CareChartColor *, data->n_series);

      for (guint s = 0; s < data->n_series; s++)
        {
          names[s] = care_series_get_display_name (data->series[s]);
          colors[s] = &style->series[s % CARE_CHART_N_SERIES_COLORS];
        }
      care_chart_paint_legend (cr, style, names, colors, data->n_series,
                               t->x + t->width, t->y - 12 - style->font_size * 0.6);
    }

  cairo_save (cr);
  cairo_rectangle (cr, t->x - MARKER_RADIUS * 2, t->y - MARKER_RADIUS * 2,
                   t->width + MARKER_RADIUS * 4, t->height + MARKER_RADIUS * 4);
  cairo_clip (cr);

  if (data->show_reference)
    {
      cairo_save (cr);
      cairo_rectangle (cr, t->x, t->y, t->width, t->height);
      cairo_clip (cr);
      for (guint s = 0; s < data->n_series; s++)
        draw_reference (cr, &layout, data->series[s],
                        data->n_series == 1 ? &style->success
                                            : &style->series[s % CARE_CHART_N_SERIES_COLORS],
                        style);
      cairo_restore (cr);
    }

  for (guint s = data->n_series; s > 0; s--)
    draw_series (cr, &layout, data->series[s - 1], data->n_series > 1 ? (int) (s - 1) : -1,
                 &style->series[(s - 1) % CARE_CHART_N_SERIES_COLORS], style);
  cairo_restore (cr);

  draw_focus (cr, &layout, data, style, width, height);
  cairo_restore (cr);
}

static void
draw_any (cairo_t              *cr,
          int                   width,
          int                   height,
          gconstpointer         data,
          const CareChartStyle *style)
{
  care_trend_chart_draw (cr, width, height, data, style);
}

/**
 * care_trend_chart_export:
 * @path: the file to write; its extension picks the format (.png, .svg or .pdf)
 * @width: the image's width in pixels (points for SVG and PDF)
 * @height: its height
 * @data: what to show
 * @style: how
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written
 */
gboolean
care_trend_chart_export (const char               *path,
                         int                       width,
                         int                       height,
                         const CareTrendChartData *data,
                         const CareChartStyle     *style,
                         GError                  **error)
{
  return care_chart_export_with (path, width, height, draw_any, data, style, error);
}
