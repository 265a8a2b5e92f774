/* care-chart-paint.c — drawing pieces shared by the trend and growth charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-paint.h"
#include "care-unit.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

/**
 * care_chart_marker_for_flag:
 * @flag: a result's interpretation
 *
 * Returns: the marker shape that shows it
 */
CareMarkerShape
care_chart_marker_for_flag (CareInterpretation flag)
{
  switch (flag)
    {
    case CARE_INTERPRETATION_HIGH:
      return CARE_MARKER_TRIANGLE_UP;
    case CARE_INTERPRETATION_LOW:
      return CARE_MARKER_TRIANGLE_DOWN;
    case CARE_INTERPRETATION_CRITICAL_HIGH:
    case CARE_INTERPRETATION_CRITICAL_LOW:
      return CARE_MARKER_DIAMOND;
    case CARE_INTERPRETATION_ABNORMAL:
      return CARE_MARKER_SQUARE;
    case CARE_INTERPRETATION_NONE:
    case CARE_INTERPRETATION_NORMAL:
    default:
      return CARE_MARKER_CIRCLE;
    }
}

void
care_chart_paint_set_color (cairo_t              *cr,
                            const CareChartColor *color,
                            double                alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * care_chart_paint_marker:
 * @cr: a cairo context
 * @shape: the shape
 * @x: centre x
 * @y: centre y
 * @radius: the circle's radius; other shapes are scaled to look as big
 *
 * Adds the marker's outline to the current path as a new sub-path; the
 * caller fills and strokes it.
 */
void
care_chart_paint_marker (cairo_t         *cr,
                         CareMarkerShape  shape,
                         double           x,
                         double           y,
                         double           radius)
{
  double r;

  cairo_new_sub_path (cr);
  switch (shape)
    {
    case CARE_MARKER_TRIANGLE_UP:
      r = radius * 1.75;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    case CARE_MARKER_TRIANGLE_DOWN:
      r = radius * 1.75;
      cairo_move_to (cr, x, y + r);
      cairo_line_to (cr, x - r * 0.866, y - r * 0.5);
      cairo_line_to (cr, x + r * 0.866, y - r * 0.5);
      cairo_close_path (cr);
      break;
    case CARE_MARKER_DIAMOND:
      r = radius * 1.6;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case CARE_MARKER_SQUARE:
      r = radius * 0.9;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case CARE_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

/* Emits one column's extremes in the order they came, then its last point. */
static void
flush_column (cairo_t *cr,
              double   column,
              double   min_y,
              guint    min_i,
              double   max_y,
              guint    max_i,
              double   last_x,
              double   last_y)
{
  if (min_i < max_i)
    {
      cairo_line_to (cr, column + 0.5, min_y);
      cairo_line_to (cr, column + 0.5, max_y);
    }
  else
    {
      cairo_line_to (cr, column + 0.5, max_y);
      cairo_line_to (cr, column + 0.5, min_y);
    }
  cairo_line_to (cr, last_x, last_y);
}

/**
 * care_chart_paint_envelope:
 * @cr: a cairo context
 * @xs: (array length=n): x in pixels, non-decreasing
 * @ys: (array length=n): y in pixels
 * @n: how many
 * @color: the series colour
 *
 * Draws a series with many points a pixel as what the eye can take in: a
 * translucent band from each column's (two pixels wide) lowest to
 * highest reading, and a line through each column's mean. Stroking every segment would
 * paint the same pixels dozens of times over (and, in cairo, tessellate a
 * polygon with thousands of crossings); this is one band and one line the
 * chart's width long.
 */
void
care_chart_paint_envelope (cairo_t              *cr,
                           const double         *xs,
                           const double         *ys,
                           guint                 n,
                           const CareChartColor *color)
{
  g_autofree double *cx = g_new (double, MAX (n, 1));
  g_autofree double *lo = g_new (double, MAX (n, 1));
  g_autofree double *hi = g_new (double, MAX (n, 1));
  g_autofree double *mean = g_new (double, MAX (n, 1));
  g_autofree guint *count = g_new (guint, MAX (n, 1));
  guint m = 0;

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      /* Two-pixel columns: as fine as the eye follows a band. */
      double column = floor (xs[i] / 2) * 2 + 1;

      if (m > 0 && cx[m - 1] == column)
        {
          lo[m - 1] = MIN (lo[m - 1], ys[i]);
          hi[m - 1] = MAX (hi[m - 1], ys[i]);
          mean[m - 1] += ys[i];
          count[m - 1]++;
          continue;
        }
      cx[m] = column;
      lo[m] = hi[m] = mean[m] = ys[i];
      count[m] = 1;
      m++;
    }

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, cx[0], lo[0] + 0.5);
  for (guint k = 1; k < m; k++)
    cairo_line_to (cr, cx[k], lo[k] + 0.5);
  for (guint k = m; k > 0; k--)
    cairo_line_to (cr, cx[k - 1], hi[k - 1] - 0.5);
  cairo_close_path (cr);
  care_chart_paint_set_color (cr, color, 0.28);
  /* cairo's best antialiasing costs about three times its "fast" one on
   * strokes and fills; on a band of a thousand spikes and a line of noise
   * the difference does not show, and it keeps 10,000 points in a frame. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_fill (cr);

  for (guint k = 0; k < m; k++)
    mean[k] /= count[k];
  care_chart_paint_set_color (cr, color, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  care_chart_paint_polyline (cr, cx, mean, m, 48);
  cairo_restore (cr);
}

/**
 * care_chart_paint_polyline:
 * @cr: a cairo context, with the line's source and width set
 * @xs: (array length=n): x in pixels, non-decreasing
 * @ys: (array length=n): y in pixels
 * @n: how many
 * @run_length: segments per stroke, or 0 for a single stroke
 *
 * Strokes a polyline. Where many points fall into one pixel column only
 * the first, lowest, highest and last are kept: the stroke looks the same
 * and 10,000 points cost no more than the chart's width. The line is
 * stroked in short runs: cairo tessellates each stroke as one polygon, and
 * a long zigzag (glucose readings, hundreds of crossings) makes that
 * quadratic, while runs of a few dozen segments stay linear. Runs meet on
 * a shared point and round caps hide the seam; a translucent source would
 * show the overlap there, so callers use opaque line colours.
 */
void
care_chart_paint_polyline (cairo_t      *cr,
                           const double *xs,
                           const double *ys,
                           guint         n,
                           guint         run_length)
{
  double column, min_y, max_y, last_x, last_y;
  guint min_i, max_i, in_run = 0;
  gboolean open = FALSE;

  if (n == 0)
    return;

  cairo_new_path (cr);
  cairo_move_to (cr, xs[0], ys[0]);
  column = floor (xs[0]);
  last_y = min_y = max_y = ys[0];
  last_x = xs[0];
  min_i = max_i = 0;

  for (guint i = 1; i <= n; i++)
    {
      if (i < n && floor (xs[i]) == column)
        {
          if (ys[i] < min_y)
            {
              min_y = ys[i];
              min_i = i;
            }
          if (ys[i] > max_y)
            {
              max_y = ys[i];
              max_i = i;
            }
          last_y = ys[i];
          last_x = xs[i];
          open = TRUE;
          continue;
        }

      if (open)
        {
          flush_column (cr, column, min_y, min_i, max_y, max_i, last_x, last_y);
          in_run += 3;
        }
      if (i == n)
        break;

      if (run_length > 0 && in_run >= run_length)
        {
          cairo_stroke (cr);
          cairo_move_to (cr, last_x, last_y);
          in_run = 0;
        }
      cairo_line_to (cr, xs[i], ys[i]);
      in_run++;
      column = floor (xs[i]);
      last_y = min_y = max_y = ys[i];
      last_x = xs[i];
      min_i = max_i = i;
      open = FALSE;
    }

  cairo_stroke (cr);
}

/**
 * care_chart_paint_layout:
 * @cr: a cairo context
 * @style: the style
 * @scale: font size relative to the style's (1 for labels)
 * @bold: a bold weight
 *
 * Returns: (transfer full): a layout in the chart's font
 */
PangoLayout *
care_chart_paint_layout (cairo_t              *cr,
                         const CareChartStyle *style,
                         double                scale,
                         gboolean              bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style->font_family != NULL ? style->font_family
                                                                      : "Cantarell");
  pango_font_description_set_absolute_size (desc, style->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  return layout;
}

/**
 * care_chart_paint_text:
 * @cr: a cairo context, its source the text colour
 * @layout: a layout from care_chart_paint_layout()
 * @text: the text
 * @x: the anchor x
 * @y: the anchor y
 * @xalign: 0 puts the text's left edge on @x, 0.5 centres it, 1 its right
 * @yalign: likewise for the top and bottom on @y
 * @out_width: (out) (optional): the text's width in pixels
 *
 * Draws one line of text.
 */
void
care_chart_paint_text (cairo_t     *cr,
                       PangoLayout *layout,
                       const char  *text,
                       double       x,
                       double       y,
                       double       xalign,
                       double       yalign,
                       double      *out_width)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, round (x - width * xalign), round (y - height * yalign));
  pango_cairo_show_layout (cr, layout);

  if (out_width != NULL)
    *out_width = width;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * care_chart_paint_bubble:
 * @cr: a cairo context
 * @style: the style
 * @title: the first line, in bold (the value)
 * @subtitle: (nullable): the second line (the date)
 * @x: the point the bubble points at
 * @y: likewise
 * @bounds_x: the area the bubble must stay inside
 * @bounds_y: likewise
 * @bounds_width: likewise
 * @bounds_height: likewise
 *
 * Draws a popover-like label above the point, or below it when there is
 * no room above, kept inside the bounds.
 */
void
care_chart_paint_bubble (cairo_t              *cr,
                         const CareChartStyle *style,
                         const char           *title,
                         const char           *subtitle,
                         double                x,
                         double                y,
                         double                bounds_x,
                         double                bounds_y,
                         double                bounds_width,
                         double                bounds_height)
{
  g_autoptr(PangoLayout) bold = care_chart_paint_layout (cr, style, 1.0, TRUE);
  g_autoptr(PangoLayout) plain = care_chart_paint_layout (cr, style, 0.92, FALSE);
  int tw, th, sw = 0, sh = 0;
  double pad = 8, gap = 12, w, h, bx, by;
  CareChartColor bg = style->background;

  pango_layout_set_text (bold, title, -1);
  pango_layout_get_pixel_size (bold, &tw, &th);
  if (subtitle != NULL)
    {
      pango_layout_set_text (plain, subtitle, -1);
      pango_layout_get_pixel_size (plain, &sw, &sh);
    }

  w = MAX (tw, sw) + 2 * pad;
  h = th + sh + 2 * pad + (subtitle != NULL ? 2 : 0);
  bx = CLAMP (x - w / 2, bounds_x, MAX (bounds_x, bounds_x + bounds_width - w));
  by = y - gap - h;
  if (by < bounds_y)
    by = y + gap;
  by = MIN (by, bounds_y + bounds_height - h);

  /* A popover's colours: raised a little from the view in dark mode. */
  if (style->dark)
    {
      bg.red = MIN (1.f, bg.red + 0.1f);
      bg.green = MIN (1.f, bg.green + 0.1f);
      bg.blue = MIN (1.f, bg.blue + 0.1f);
    }
  bg.alpha = 1.0f;

  cairo_save (cr);
  rounded_rectangle (cr, bx, by + 1, w, h, 8);
  cairo_set_source_rgba (cr, 0, 0, 0, style->dark ? 0.35 : 0.12);
  cairo_fill (cr);
  rounded_rectangle (cr, bx + 0.5, by + 0.5, w - 1, h - 1, 8);
  care_chart_paint_set_color (cr, &bg, 1.0);
  cairo_fill_preserve (cr);
  care_chart_paint_set_color (cr, &style->foreground, style->dark ? 0.12 : 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  care_chart_paint_set_color (cr, &style->foreground, 1.0);
  cairo_move_to (cr, round (bx + pad), round (by + pad));
  pango_cairo_show_layout (cr, bold);
  if (subtitle != NULL)
    {
      care_chart_paint_set_color (cr, &style->foreground, 0.7);
      cairo_move_to (cr, round (bx + pad), round (by + pad + th + 2));
      pango_cairo_show_layout (cr, plain);
    }
  cairo_restore (cr);
}

/**
 * care_chart_paint_set_series_dash:
 * @cr: a context whose line width is set
 * @series: the series' place among several
 *
 * Gives series @series a line of its own pattern: solid, dashed, dotted,
 * dash-dot, so that several series differ without their colours (to a
 * colour-blind reader, or in greyscale print). The legend draws the same.
 */
void
care_chart_paint_set_series_dash (cairo_t *cr,
                                  guint    series)
{
  /* In line widths: round caps draw a 0-long dash as a dot. */
  static const double dashed[] = { 4.0, 2.5 };
  static const double dotted[] = { 0.0, 2.2 };
  static const double dash_dot[] = { 4.0, 2.0, 0.0, 2.0 };
  double width = cairo_get_line_width (cr);
  const double *pattern;
  int n;
  double scaled[4];

  switch (series % 4)
    {
    case 1:
      pattern = dashed, n = G_N_ELEMENTS (dashed);
      break;
    case 2:
      pattern = dotted, n = G_N_ELEMENTS (dotted);
      break;
    case 3:
      pattern = dash_dot, n = G_N_ELEMENTS (dash_dot);
      break;
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  for (int i = 0; i < n; i++)
    scaled[i] = pattern[i] * width;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, scaled, n, 0);
}

/**
 * care_chart_paint_legend:
 * @cr: a cairo context
 * @style: the style
 * @names: (array length=n): the series' names
 * @colors: (array length=n): their colours
 * @n: how many
 * @right: the legend's right edge
 * @y: its vertical centre
 *
 * Draws "— name" entries in a row ending at @right, each line in its
 * series' pattern (care_chart_paint_set_series_dash()).
 */
void
care_chart_paint_legend (cairo_t               *cr,
                         const CareChartStyle  *style,
                         const char           **names,
                         const CareChartColor **colors,
                         guint                  n,
                         double                 right,
                         double                 y)
{
  g_autoptr(PangoLayout) layout = care_chart_paint_layout (cr, style, 1.0, FALSE);
  double x = right;

  for (guint i = n; i > 0; i--)
    {
      int w, h;

      pango_layout_set_text (layout, names[i - 1], -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      x -= w;
      care_chart_paint_set_color (cr, &style->foreground, 0.8);
      cairo_move_to (cr, round (x), round (y - h / 2.0));
      pango_cairo_show_layout (cr, layout);

      x -= 26;
      care_chart_paint_set_color (cr, colors[i - 1], 1.0);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      care_chart_paint_set_series_dash (cr, i - 1);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 20, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      x -= 16;
    }
}

/**
 * care_chart_format_measurement:
 * @value: a value
 * @unit: (nullable): its unit as sent
 *
 * Returns: (transfer full): "6.8 %", "9.93 kg", "79.8 mmHg": three
 *   significant digits or the whole number, trailing zeros dropped, the
 *   decimal sign of the user's locale, and a known unit as people write it
 */
char *
care_chart_format_measurement (double      value,
                               const char *unit)
{
  g_autofree char *number = NULL;
  double magnitude = fabs (value);
  int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  gsize len;

  number = g_strdup_printf ("%.*f", decimals, value);
  len = strlen (number);
  if (decimals > 0)
    {
      while (len > 0 && number[len - 1] == '0')
        number[--len] = '\0';
      while (len > 0 && !g_ascii_isdigit (number[len - 1]))
        number[--len] = '\0';
    }
  if (strcmp (number, "-0") == 0)
    strcpy (number, "0");

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s %s", number, care_unit_display_text (unit));
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  if (status == CAIRO_STATUS_WRITE_ERROR || status == CAIRO_STATUS_FILE_NOT_FOUND)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 /* Translators: %s is cairo's reason, in English */
                 _("Could not write the chart: %s"), cairo_status_to_string (status));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw the chart: %s"), cairo_status_to_string (status));
  return FALSE;
}

/**
 * care_chart_export_with:
 * @path: the file to write; .png, .svg or .pdf (any case)
 * @width: the size in pixels (PNG) or points (SVG, PDF)
 * @height: likewise
 * @draw: the chart's draw function
 * @data: its data
 * @style: its style
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written completely
 */
gboolean
care_chart_export_with (const char            *path,
                        int                    width,
                        int                    height,
                        CareChartDrawFunc      draw,
                        gconstpointer          data,
                        const CareChartStyle  *style,
                        GError               **error)
{
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;
  g_autofree char *lower = NULL;
  gboolean png = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL && style != NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The chart has no size to export"));
      return FALSE;
    }

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      png = TRUE;
    }
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Charts can be exported as PNG, SVG or PDF files"));
      return FALSE;
    }

  cr = cairo_create (surface);
  draw (cr, width, height, data, style);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, path);
  /* Finishing writes the vector surfaces' trailers; errors show up here. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, error);
}
