/* care-chart-axis.h — axis maths: ticks, visible range, pixels and hits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "care-series.h"

G_BEGIN_DECLS

/**
 * CareChartRange:
 * @CARE_CHART_RANGE_3_MONTHS: the last 3 months of data
 * @CARE_CHART_RANGE_6_MONTHS: the last 6 months
 * @CARE_CHART_RANGE_1_YEAR: the last year
 * @CARE_CHART_RANGE_3_YEARS: the last 3 years
 * @CARE_CHART_RANGE_ALL: everything
 *
 * The range presets a trend chart offers.
 */
typedef enum
{
  CARE_CHART_RANGE_3_MONTHS,
  CARE_CHART_RANGE_6_MONTHS,
  CARE_CHART_RANGE_1_YEAR,
  CARE_CHART_RANGE_3_YEARS,
  CARE_CHART_RANGE_ALL,
} CareChartRange;

/**
 * CareTimeUnit:
 * @CARE_TIME_UNIT_HOUR: ticks on whole hours
 * @CARE_TIME_UNIT_DAY: on midnights
 * @CARE_TIME_UNIT_WEEK: on Mondays
 * @CARE_TIME_UNIT_MONTH: on the first of the month
 * @CARE_TIME_UNIT_YEAR: on the first of January
 *
 * The calendar unit time ticks fall on.
 */
typedef enum
{
  CARE_TIME_UNIT_HOUR,
  CARE_TIME_UNIT_DAY,
  CARE_TIME_UNIT_WEEK,
  CARE_TIME_UNIT_MONTH,
  CARE_TIME_UNIT_YEAR,
} CareTimeUnit;

/**
 * CareTimeTick:
 * @time: Unix seconds
 * @unit: the unit of the tick step
 * @multiple: the step is this many units
 *
 * One tick of a time axis.
 */
typedef struct
{
  gint64       time;
  CareTimeUnit unit;
  guint        multiple;
} CareTimeTick;

/**
 * CareChartView:
 * @limit_start: the earliest time the view may show (Unix seconds)
 * @limit_end: the latest
 * @start: the visible start
 * @end: the visible end
 * @min_span: the narrowest the view may zoom to, in seconds
 * @data_end: the latest point's time, where a range preset ends
 *
 * The visible time window of a trend chart, kept inside the data.
 */
typedef struct
{
  double limit_start;
  double limit_end;
  double start;
  double end;
  double min_span;
  double data_end;
} CareChartView;

/**
 * CareChartTransform:
 * @x: left of the plot area, in pixels
 * @y: top of the plot area
 * @width: its width
 * @height: its height
 * @x0: the data x (time, or age) at the left edge
 * @x1: the data x at the right edge
 * @y0: the value at the bottom edge
 * @y1: the value at the top edge
 *
 * Maps data to pixels in a plot area; y grows upward in data, downward on
 * screen.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
  double x0;
  double x1;
  double y0;
  double y1;
} CareChartTransform;

#define CARE_SECONDS_PER_DAY 86400.0

double    care_chart_nice_number        (double               value,
                                         gboolean             round);
guint     care_chart_nice_range         (double               min_value,
                                         double               max_value,
                                         guint                max_ticks,
                                         double              *out_min,
                                         double              *out_max,
                                         double              *out_step);
GArray   *care_chart_time_ticks         (gint64               start,
                                         gint64               end,
                                         guint                max_ticks,
                                         GTimeZone           *tz);
char     *care_chart_format_time_tick   (const CareTimeTick  *tick,
                                         gboolean             first,
                                         GTimeZone           *tz);
char     *care_chart_format_value       (double               value,
                                         double               step);

void      care_chart_view_init          (CareChartView       *view,
                                         gint64               data_start,
                                         gint64               data_end);
void      care_chart_view_set_range     (CareChartView       *view,
                                         double               start,
                                         double               end);
void      care_chart_view_zoom          (CareChartView       *view,
                                         double               factor,
                                         double               anchor);
void      care_chart_view_pan           (CareChartView       *view,
                                         double               delta);
void      care_chart_view_apply_preset  (CareChartView       *view,
                                         CareChartRange       preset);
double    care_chart_range_seconds      (CareChartRange       preset);

double    care_chart_transform_x        (const CareChartTransform *t,
                                         double               data_x);
double    care_chart_transform_y        (const CareChartTransform *t,
                                         double               data_y);
double    care_chart_transform_data_x   (const CareChartTransform *t,
                                         double               px);
double    care_chart_transform_data_y   (const CareChartTransform *t,
                                         double               py);
int       care_chart_hit_test           (const CareChartTransform *t,
                                         const CareSeriesPoint *points,
                                         guint                n_points,
                                         double               px,
                                         double               py,
                                         double               radius,
                                         double              *out_distance);

G_END_DECLS
