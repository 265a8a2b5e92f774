/* care-trend-chart.h — a chart of results over time, with pan, zoom and focus
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-chart-axis.h"
#include "care-series.h"

G_BEGIN_DECLS

#define CARE_TYPE_TREND_CHART (care_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (CareTrendChart, care_trend_chart, CARE, TREND_CHART, GtkWidget)

GtkWidget      *care_trend_chart_new                (void);
GListModel     *care_trend_chart_get_series         (CareTrendChart *self);
void            care_trend_chart_set_series         (CareTrendChart *self,
                                                     GListModel     *series);
CareChartRange  care_trend_chart_get_range          (CareTrendChart *self);
gboolean        care_trend_chart_get_range_shown    (CareTrendChart *self);
void            care_trend_chart_set_range          (CareTrendChart *self,
                                                     CareChartRange  range);
void            care_trend_chart_get_visible_range  (CareTrendChart *self,
                                                     double         *start,
                                                     double         *end);
void            care_trend_chart_zoom               (CareTrendChart *self,
                                                     double          factor);
void            care_trend_chart_pan                (CareTrendChart *self,
                                                     double          seconds);
gboolean        care_trend_chart_get_focus_point    (CareTrendChart *self,
                                                     int            *series,
                                                     int            *index);
void            care_trend_chart_set_focus_point    (CareTrendChart *self,
                                                     int             series,
                                                     int             index);
const char     *care_trend_chart_get_description    (CareTrendChart *self);
const char     *care_trend_chart_get_focus_text     (CareTrendChart *self);
void            care_trend_chart_set_time_zone      (CareTrendChart *self,
                                                     GTimeZone      *tz);
gboolean        care_trend_chart_save               (CareTrendChart *self,
                                                     const char     *path,
                                                     GError        **error);

G_END_DECLS
