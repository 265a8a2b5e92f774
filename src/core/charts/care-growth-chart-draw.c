/* care-growth-chart-draw.c — a growth chart drawn with Cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Percentile curves in quiet greys with the 3rd–97th and 25th–75th
 * stretches shaded, the child's measurements on top in the accent colour,
 * and a marked line where the chart changes from WHO to CDC at 2 years.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-paint.h"
#include "care-chart-text.h"
#include "care-growth-chart-draw.h"

#include <math.h>
#include <string.h>

#define POINT_RADIUS 4.5
#define SWITCH_MONTHS 24.0

static gboolean
is_age_chart (const CareGrowthChartData *data)
{
  return data->chart != CARE_LMS_WEIGHT_FOR_LENGTH;
}

/**
 * care_growth_chart_compute_layout:
 * @width: the drawing's width in pixels
 * @height: its height
 * @data: what to show
 * @style: how
 * @layout: (out caller-allocates): the geometry
 *
 * The value axis holds every curve and every point in the x range.
 */
void
care_growth_chart_compute_layout (int                        width,
                                  int                        height,
                                  const CareGrowthChartData *data,
                                  const CareChartStyle      *style,
                                  CareGrowthChartLayout     *layout)
{
  CareChartTransform *t;
  double lo = INFINITY, hi = -INFINITY, font = style->font_size, span;
  double left, right = 34, top = font * 1.3 + 16, bottom = font * 2.6 + 22;
  guint max_chars = 1;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  memset (layout, 0, sizeof *layout);
  t = &layout->transform;
  t->x0 = data->x_min;
  t->x1 = data->x_max > data->x_min ? data->x_max : data->x_min + 1;

  for (guint i = 0; i < data->curves->len; i++)
    {
      const CareGrowthCurve *c = &g_array_index (data->curves, CareGrowthCurve, i);

      for (guint k = 0; k < c->ys->len; k++)
        {
          double y = g_array_index (c->ys, double, k);

          if (isfinite (y))
            {
              lo = MIN (lo, y);
              hi = MAX (hi, y);
            }
        }
    }
  for (guint i = 0; i < data->points->len; i++)
    {
      const CareGrowthPoint *p = &g_array_index (data->points, CareGrowthPoint, i);

      if (p->x >= t->x0 && p->x <= t->x1 && isfinite (p->value))
        {
          lo = MIN (lo, p->value);
          hi = MAX (hi, p->value);
        }
    }
  if (!(lo <= hi))
    {
      lo = 0;
      hi = 1;
    }
  /* Growth measurements start well above zero; the axis need not. */
  layout->n_y_ticks = care_chart_nice_range (lo, hi, (guint) MAX (2, (height - top - bottom) / 40),
                                             &t->y0, &t->y1, &layout->y_step);

  for (guint i = 0; i < layout->n_y_ticks; i++)
    {
      g_autofree char *label = care_chart_format_value (t->y0 + i * layout->y_step, layout->y_step);

      max_chars = MAX (max_chars, g_utf8_strlen (label, -1));
    }
  left = MAX (36, max_chars * font * 0.62 + 18);

  /* Whole pixels: a clip that is not pixel-aligned makes cairo composite
   * everything after it through a mask, several times slower. */
  t->x = round (left);
  t->y = round (top);
  t->width = MAX (1, round (width - left - right));
  t->height = MAX (1, round (height - top - bottom));

  span = t->x1 - t->x0;
  layout->years = is_age_chart (data) && span > 36;
  if (layout->years)
    {
      /* Whole years only: a 2.5-year step labels "3, 5, 8" on a narrow chart. */
      double years = MAX (1, care_chart_nice_number (span / 12 / MAX (2, t->width / 70), FALSE));

      layout->x_step = 12 * floor (years);
    }
  else
    {
      layout->x_step = care_chart_nice_number (span / MAX (2, t->width / 56), FALSE);
      if (is_age_chart (data) && layout->x_step > 1 && layout->x_step < 3)
        layout->x_step = 3;   /* quarters of a year read better than 2.5 months */
    }
}

/**
 * care_growth_chart_hit_test:
 * @layout: the layout the chart was drawn with
 * @data: its data
 * @x: pointer x in pixels
 * @y: pointer y
 * @radius: how near counts
 *
 * Returns: the index of the nearest child's point within @radius, or -1
 */
int
care_growth_chart_hit_test (const CareGrowthChartLayout *layout,
                            const CareGrowthChartData   *data,
                            double                       x,
                            double                       y,
                            double                       radius)
{
  int best = -1;
  double best_d2 = radius * radius;

  g_return_val_if_fail (layout != NULL && data != NULL, -1);

  for (guint i = 0; i < data->points->len; i++)
    {
      const CareGrowthPoint *p = &g_array_index (data->points, CareGrowthPoint, i);
      double px = care_chart_transform_x (&layout->transform, p->x);
      double py = care_chart_transform_y (&layout->transform, p->value);
      double d2 = (px - x) * (px - x) + (py - y) * (py - y);

      if (p->x < layout->transform.x0 || p->x > layout->transform.x1)
        continue;
      if (d2 <= best_d2)
        {
          best_d2 = d2;
          best = (int) i;
        }
    }

  return best;
}

static const CareGrowthCurve *
curve_for (const CareGrowthChartData *data,
           double                     percentile)
{
  for (guint i = 0; i < data->curves->len; i++)
    {
      const CareGrowthCurve *c = &g_array_index (data->curves, CareGrowthCurve, i);

      if (c->percentile == percentile)
        return c;
    }
  return NULL;
}

/* Shades between two curves, piece by piece (NAN separates pieces). */
static void
fill_between (cairo_t                  *cr,
              const CareChartTransform *t,
              const CareGrowthCurve    *lower,
              const CareGrowthCurve    *upper)
{
  guint n, start = 0;

  if (lower == NULL || upper == NULL)
    return;
  n = MIN (lower->xs->len, upper->xs->len);

  while (start < n)
    {
      guint end = start;

      while (end < n && isfinite (g_array_index (lower->ys, double, end)) &&
             isfinite (g_array_index (upper->ys, double, end)))
        end++;

      if (end - start >= 2)
        {
          for (guint k = start; k < end; k++)
            {
              double px = care_chart_transform_x (t, g_array_index (lower->xs, double, k));
              double py = care_chart_transform_y (t, g_array_index (lower->ys, double, k));

              if (k == start)
                cairo_move_to (cr, px, py);
              else
                cairo_line_to (cr, px, py);
            }
          for (guint k = end; k > start; k--)
            cairo_line_to (cr, care_chart_transform_x (t, g_array_index (upper->xs, double, k - 1)),
                           care_chart_transform_y (t, g_array_index (upper->ys, double, k - 1)));
          cairo_close_path (cr);
        }
      start = end + 1;
    }
  cairo_fill (cr);
}

static void
stroke_curve (cairo_t                  *cr,
              const CareChartTransform *t,
              const CareGrowthCurve    *c)
{
  guint n = c->xs->len, start = 0;
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree double *ys = g_new (double, MAX (n, 1));

  while (start < n)
    {
      guint end = start, count = 0;

      while (end < n && isfinite (g_array_index (c->ys, double, end)))
        {
          xs[count] = care_chart_transform_x (t, g_array_index (c->xs, double, end));
          ys[count] = care_chart_transform_y (t, g_array_index (c->ys, double, end));
          count++;
          end++;
        }
      if (count >= 2)
        care_chart_paint_polyline (cr, xs, ys, count, 0);
      start = end + 1;
    }
  cairo_new_path (cr);
}

static void
draw_axes (cairo_t                     *cr,
           const CareGrowthChartLayout *layout,
           const CareGrowthChartData   *data,
           const CareChartStyle        *style)
{
  const CareChartTransform *t = &layout->transform;
  g_autoptr(PangoLayout) text = care_chart_paint_layout (cr, style, 1.0, FALSE);
  const char *title;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);

  for (guint i = 0; i < layout->n_y_ticks; i++)
    {
      double v = t->y0 + i * layout->y_step;
      double py = round (care_chart_transform_y (t, v)) + 0.5;
      g_autofree char *label = care_chart_format_value (v, layout->y_step);

      care_chart_paint_set_color (cr, &style->grid, 1.0);
      cairo_move_to (cr, t->x, py);
      cairo_line_to (cr, t->x + t->width, py);
      cairo_stroke (cr);
      care_chart_paint_set_color (cr, &style->foreground, 0.6);
      care_chart_paint_text (cr, text, label, t->x - 8, py, 1.0, 0.5, NULL);
    }

  for (double x = ceil (t->x0 / layout->x_step - 1e-9) * layout->x_step;
       x <= t->x1 + 1e-9; x += layout->x_step)
    {
      double px = round (care_chart_transform_x (t, x)) + 0.5;
      g_autofree char *label = NULL;

      if (layout->years)
        label = g_strdup_printf ("%d", (int) round (x / 12));
      else
        label = care_chart_format_value (x, layout->x_step);

      care_chart_paint_set_color (cr, &style->grid, 0.7);
      cairo_move_to (cr, px, t->y);
      cairo_line_to (cr, px, t->y + t->height);
      cairo_stroke (cr);
      care_chart_paint_set_color (cr, &style->foreground, 0.6);
      care_chart_paint_text (cr, text, label, px, t->y + t->height + 7, 0.5, 0.0, NULL);
    }

  care_chart_paint_set_color (cr, &style->foreground, 0.25);
  cairo_move_to (cr, t->x, round (t->y + t->height) + 0.5);
  cairo_line_to (cr, t->x + t->width, round (t->y + t->height) + 0.5);
  cairo_stroke (cr);

  if (!is_age_chart (data))
    title = _("Length (cm)");
  else if (layout->years)
    title = data->corrected ? _("Age (years; corrected age until 2 years)") : _("Age (years)");
  else
    title = data->corrected ? _("Age (months; corrected age until 2 years)") : _("Age (months)");
  care_chart_paint_set_color (cr, &style->foreground, 0.7);
  care_chart_paint_text (cr, text, title, t->x + t->width / 2,
                         t->y + t->height + 12 + style->font_size * 1.3, 0.5, 0.0, NULL);

  {
    g_autoptr(PangoLayout) bold = care_chart_paint_layout (cr, style, 1.0, TRUE);

    care_chart_paint_set_color (cr, &style->foreground, 0.7);
    care_chart_paint_text (cr, bold, care_growth_chart_unit (data->chart),
                           8, t->y - 14, 0.0, 1.0, NULL);
  }

  cairo_restore (cr);
}

static void
draw_curves (cairo_t                     *cr,
             const CareGrowthChartLayout *layout,
             const CareGrowthChartData   *data,
             const CareChartStyle        *style)
{
  const CareChartTransform *t = &layout->transform;
  g_autoptr(PangoLayout) text = care_chart_paint_layout (cr, style, 0.85, FALSE);
  double last_label_y = INFINITY;

  cairo_save (cr);
  cairo_rectangle (cr, t->x, t->y, t->width, t->height);
  cairo_clip (cr);

  /* A dark background needs more of the tint to show the bands as well
   * as a light one does (the same alphas all but vanished in dark). */
  care_chart_paint_set_color (cr, &style->accent, style->dark ? 0.12 : 0.06);
  fill_between (cr, t, curve_for (data, 3), curve_for (data, 97));
  care_chart_paint_set_color (cr, &style->accent, style->dark ? 0.20 : 0.10);
  fill_between (cr, t, curve_for (data, 25), curve_for (data, 75));

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < data->curves->len; i++)
    {
      const CareGrowthCurve *c = &g_array_index (data->curves, CareGrowthCurve, i);
      gboolean median = c->percentile == 50;
      gboolean outer = c->percentile == 3 || c->percentile == 97;

      care_chart_paint_set_color (cr, &style->foreground, median ? 0.55 : outer ? 0.4 : 0.25);
      cairo_set_line_width (cr, median ? 2.0 : outer ? 1.4 : 1.0);
      stroke_curve (cr, t, c);
    }
  cairo_restore (cr);

  /* Percentile numbers beside the curves' right ends, bottom up, skipping
   * one that would touch the one below (3 and 5 run close). */
  for (guint i = 0; i < data->curves->len; i++)
    {
      const CareGrowthCurve *c = &g_array_index (data->curves, CareGrowthCurve, i);
      g_autofree char *label = NULL;
      double y = NAN, py;

      for (guint k = c->ys->len; k > 0; k--)
        {
          y = g_array_index (c->ys, double, k - 1);
          if (isfinite (y))
            break;
        }
      if (!isfinite (y))
        continue;
      py = care_chart_transform_y (t, y);
      if (py > last_label_y - style->font_size * 0.9 || py < t->y || py > t->y + t->height)
        continue;
      last_label_y = py;
      label = g_strdup_printf ("%g", c->percentile);
      care_chart_paint_set_color (cr, &style->foreground, c->percentile == 50 ? 0.75 : 0.5);
      care_chart_paint_text (cr, text, label, t->x + t->width + 5, py, 0.0, 0.5, NULL);
    }

  /* Where WHO gives way to CDC. */
  if (is_age_chart (data) && t->x0 < SWITCH_MONTHS && t->x1 > SWITCH_MONTHS)
    {
      double px = round (care_chart_transform_x (t, SWITCH_MONTHS)) + 0.5;

      cairo_save (cr);
      care_chart_paint_set_color (cr, &style->foreground, 0.35);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
      cairo_move_to (cr, px, t->y);
      cairo_line_to (cr, px, t->y + t->height);
      cairo_stroke (cr);
      cairo_restore (cr);

      care_chart_paint_set_color (cr, &style->foreground, 0.55);
      /* Translators: the abbreviations of the World Health Organization
       * and the US Centers for Disease Control, on a growth chart */
      care_chart_paint_text (cr, text, C_("growth reference", "WHO"), px - 6, t->y + 4, 1.0, 0.0,
                             NULL);
      care_chart_paint_text (cr, text, C_("growth reference", "CDC"), px + 6, t->y + 4, 0.0, 0.0,
                             NULL);
    }
  else
    {
      gboolean who = data->curve_source == CARE_LMS_SOURCE_WHO;
      const char *source;

      if (is_age_chart (data))
        who = t->x1 <= SWITCH_MONTHS;
      source = who ? C_("growth reference", "WHO") : C_("growth reference", "CDC");
      care_chart_paint_set_color (cr, &style->foreground, 0.55);
      care_chart_paint_text (cr, text, source, t->x + 8, t->y + 4, 0.0, 0.0, NULL);
    }
}

static void
draw_points (cairo_t                     *cr,
             const CareGrowthChartLayout *layout,
             const CareGrowthChartData   *data,
             const CareChartStyle        *style)
{
  const CareChartTransform *t = &layout->transform;
  guint n = data->points->len, count = 0;
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree double *ys = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const CareGrowthPoint *p = &g_array_index (data->points, CareGrowthPoint, i);

      if (p->x < t->x0 || p->x > t->x1)
        continue;
      xs[count] = care_chart_transform_x (t, p->x);
      ys[count] = care_chart_transform_y (t, p->value);
      count++;
    }
  if (count == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, t->x - 8, t->y - 8, t->width + 16, t->height + 16);
  cairo_clip (cr);

  /* Weight-for-length points are in time order, not x order: join them in
   * time order all the same, since that is the child's path. */
  if (count > 1)
    {
      for (guint i = 0; i < count; i++)
        {
          if (i == 0)
            cairo_move_to (cr, xs[i], ys[i]);
          else
            cairo_line_to (cr, xs[i], ys[i]);
        }
      care_chart_paint_set_color (cr, &style->accent, 0.85);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < count; i++)
    {
      care_chart_paint_marker (cr, CARE_MARKER_CIRCLE, xs[i], ys[i], POINT_RADIUS);
      care_chart_paint_set_color (cr, &style->accent, 1.0);
      cairo_fill_preserve (cr);
      care_chart_paint_set_color (cr, &style->background, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_focus (cairo_t                     *cr,
            const CareGrowthChartLayout *layout,
            const CareGrowthChartData   *data,
            const CareChartStyle        *style,
            int                          width,
            int                          height)
{
  const CareChartTransform *t = &layout->transform;
  const CareGrowthPoint *p;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  double px, py;

  if (data->focus_index < 0 || (guint) data->focus_index >= data->points->len)
    return;
  p = &g_array_index (data->points, CareGrowthPoint, data->focus_index);
  if (p->x < t->x0 || p->x > t->x1)
    return;

  px = care_chart_transform_x (t, p->x);
  py = care_chart_transform_y (t, p->value);

  cairo_save (cr);
  care_chart_paint_marker (cr, CARE_MARKER_CIRCLE, px, py, POINT_RADIUS + 1.5);
  care_chart_paint_set_color (cr, &style->accent, 1.0);
  cairo_fill_preserve (cr);
  care_chart_paint_set_color (cr, &style->background, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_arc (cr, px, py, POINT_RADIUS + 6, 0, 2 * G_PI);
  care_chart_paint_set_color (cr, &style->accent, 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);

  title = care_growth_chart_dup_point_label (data, data->focus_index, NULL, &detail);
  care_chart_paint_bubble (cr, style, title, detail, px, py, 4, 4, width - 8, height - 8);
}

/**
 * care_growth_chart_draw:
 * @cr: a cairo context
 * @width: the drawing's width in pixels
 * @height: its height
 * @data: what to show
 * @style: how
 *
 * Draws the chart: grid, shaded percentile bands, the 3rd to 97th
 * percentile curves labelled at their right ends, the WHO/CDC switch, the
 * child's points and the focused point's label.
 */
void
care_growth_chart_draw (cairo_t                   *cr,
                        int                        width,
                        int                        height,
                        const CareGrowthChartData *data,
                        const CareChartStyle      *style)
{
  CareGrowthChartLayout layout;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  if (width <= 0 || height <= 0)
    return;

  care_growth_chart_compute_layout (width, height, data, style, &layout);

  cairo_save (cr);
  if (style->background.alpha > 0)
    {
      care_chart_paint_set_color (cr, &style->background, 1.0);
      cairo_paint (cr);
    }
  draw_axes (cr, &layout, data, style);
  draw_curves (cr, &layout, data, style);
  draw_points (cr, &layout, data, style);
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
  care_growth_chart_draw (cr, width, height, data, style);
}

/**
 * care_growth_chart_export:
 * @path: the file; .png, .svg or .pdf (for printing)
 * @width: the size in pixels or points
 * @height: likewise
 * @data: what to show
 * @style: how
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written
 */
gboolean
care_growth_chart_export (const char                *path,
                          int                        width,
                          int                        height,
                          const CareGrowthChartData *data,
                          const CareChartStyle      *style,
                          GError                   **error)
{
  return care_chart_export_with (path, width, height, draw_any, data, style, error);
}
