/* care-trend-chart-draw.h — a trend chart of results over time, drawn with Cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "care-chart-axis.h"
#include "care-chart-style.h"
#include "care-series.h"

G_BEGIN_DECLS

/**
 * CareTrendChartData:
 * @series: (array length=n_series): the series to draw, sharing one value axis
 * @n_series: how many (the first is drawn last, on top)
 * @view_start: the first time shown (Unix seconds); with @view_end equal,
 *   the chart shows all the data
 * @view_end: the last time shown
 * @focus_series: the series of the highlighted point, or -1
 * @focus_index: the point's index in that series, or -1
 * @show_reference: draw the reference range as a band
 * @tz: (nullable): the time zone for the axis, %NULL for local time
 * @empty_text: (nullable): what an empty chart says; a default when %NULL
 *
 * What a trend chart shows. Plain data, so a test or an export can draw
 * without any widget.
 */
typedef struct
{
  CareSeries * const *series;
  guint               n_series;
  double              view_start;
  double              view_end;
  int                 focus_series;
  int                 focus_index;
  gboolean            show_reference;
  GTimeZone          *tz;
  const char         *empty_text;
} CareTrendChartData;

/**
 * CareTrendChartLayout:
 * @transform: where data lands in pixels
 * @value_step: the value axis' tick step
 * @n_value_ticks: how many value ticks, from transform.y0 to transform.y1
 * @n_visible: the points inside the time window, all series together
 * @legend_row: the legend has a row of its own under the unit (narrow
 *   charts), rather than sharing the unit's
 *
 * The geometry of one drawing; the widget uses it to hit-test the pointer.
 */
typedef struct
{
  CareChartTransform transform;
  double             value_step;
  guint              n_value_ticks;
  guint              n_visible;
  gboolean           legend_row;
} CareTrendChartLayout;

void      care_trend_chart_data_init      (CareTrendChartData       *data,
                                           CareSeries * const       *series,
                                           guint                     n_series);
void      care_trend_chart_compute_layout (int                       width,
                                           int                       height,
                                           const CareTrendChartData *data,
                                           const CareChartStyle     *style,
                                           CareTrendChartLayout     *layout);
gboolean  care_trend_chart_hit_test       (const CareTrendChartLayout *layout,
                                           const CareTrendChartData *data,
                                           double                    x,
                                           double                    y,
                                           double                    radius,
                                           int                      *out_series,
                                           int                      *out_index);
void      care_trend_chart_draw           (cairo_t                  *cr,
                                           int                       width,
                                           int                       height,
                                           const CareTrendChartData *data,
                                           const CareChartStyle     *style);
char     *care_trend_chart_dup_point_label (CareSeries              *series,
                                            guint                    index,
                                            GTimeZone               *tz,
                                            char                   **out_date);
gboolean  care_trend_chart_export         (const char               *path,
                                           int                       width,
                                           int                       height,
                                           const CareTrendChartData *data,
                                           const CareChartStyle     *style,
                                           GError                  **error);

G_END_DECLS
