/* care-chart-paint.h — drawing pieces shared by the trend and growth charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to src/core/charts.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "care-chart-style.h"
#include "care-series.h"

G_BEGIN_DECLS

/**
 * CareMarkerShape:
 * @CARE_MARKER_CIRCLE: a normal result
 * @CARE_MARKER_TRIANGLE_UP: above the range
 * @CARE_MARKER_TRIANGLE_DOWN: below the range
 * @CARE_MARKER_DIAMOND: critical
 * @CARE_MARKER_SQUARE: abnormal without a direction
 *
 * Marker shapes: abnormal results differ in shape, not only in colour,
 * so colour-blind users and greyscale prints still tell them apart.
 */
typedef enum
{
  CARE_MARKER_CIRCLE,
  CARE_MARKER_TRIANGLE_UP,
  CARE_MARKER_TRIANGLE_DOWN,
  CARE_MARKER_DIAMOND,
  CARE_MARKER_SQUARE,
} CareMarkerShape;

CareMarkerShape care_chart_marker_for_flag (CareInterpretation   flag);
void   care_chart_paint_set_color   (cairo_t              *cr,
                                     const CareChartColor *color,
                                     double                alpha);
void   care_chart_paint_marker      (cairo_t              *cr,
                                     CareMarkerShape       shape,
                                     double                x,
                                     double                y,
                                     double                radius);
void   care_chart_paint_polyline    (cairo_t              *cr,
                                     const double         *xs,
                                     const double         *ys,
                                     guint                 n,
                                     guint                 run_length);
void   care_chart_paint_envelope    (cairo_t              *cr,
                                     const double         *xs,
                                     const double         *ys,
                                     guint                 n,
                                     const CareChartColor *color);
PangoLayout *care_chart_paint_layout (cairo_t              *cr,
                                      const CareChartStyle *style,
                                      double                scale,
                                      gboolean              bold);
void   care_chart_paint_text        (cairo_t              *cr,
                                     PangoLayout          *layout,
                                     const char           *text,
                                     double                x,
                                     double                y,
                                     double                xalign,
                                     double                yalign,
                                     double               *out_width);
void   care_chart_paint_bubble      (cairo_t              *cr,
                                     const CareChartStyle *style,
                                     const char           *title,
                                     const char           *subtitle,
                                     double                x,
                                     double                y,
                                     double                bounds_x,
                                     double                bounds_y,
                                     double                bounds_width,
                                     double                bounds_height);
void   care_chart_paint_set_series_dash (cairo_t          *cr,
                                         guint             series);
void   care_chart_paint_legend      (cairo_t              *cr,
                                     const CareChartStyle *style,
                                     const char          **names,
                                     const CareChartColor **colors,
                                     guint                 n,
                                     double                right,
                                     double                y);
char  *care_chart_format_measurement (double               value,
                                      const char          *unit);

/* Draws a chart from its data; see care_chart_export_with(). */
typedef void (*CareChartDrawFunc) (cairo_t              *cr,
                                   int                   width,
                                   int                   height,
                                   gconstpointer         data,
                                   const CareChartStyle *style);

gboolean care_chart_export_with      (const char          *path,
                                      int                  width,
                                      int                  height,
                                      CareChartDrawFunc    draw,
                                      gconstpointer        data,
                                      const CareChartStyle *style,
                                      GError             **error);

G_END_DECLS
