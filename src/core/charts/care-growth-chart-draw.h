/* care-growth-chart-draw.h — a growth chart drawn with Cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "care-chart-axis.h"
#include "care-chart-style.h"
#include "care-growth-data.h"

G_BEGIN_DECLS

/**
 * CareGrowthChartLayout:
 * @transform: where data lands in pixels (x: months or cm)
 * @y_step: the value axis' tick step
 * @n_y_ticks: how many value ticks
 * @x_step: the x axis' tick step, in months or cm
 * @years: whether the age axis is labelled in years
 *
 * The geometry of one drawing, for hit-testing.
 */
typedef struct
{
  CareChartTransform transform;
  double             y_step;
  guint              n_y_ticks;
  double             x_step;
  gboolean           years;
} CareGrowthChartLayout;

void     care_growth_chart_compute_layout (int                        width,
                                           int                        height,
                                           const CareGrowthChartData *data,
                                           const CareChartStyle      *style,
                                           CareGrowthChartLayout     *layout);
int      care_growth_chart_hit_test       (const CareGrowthChartLayout *layout,
                                           const CareGrowthChartData *data,
                                           double                     x,
                                           double                     y,
                                           double                     radius);
void     care_growth_chart_draw           (cairo_t                   *cr,
                                           int                        width,
                                           int                        height,
                                           const CareGrowthChartData *data,
                                           const CareChartStyle      *style);
gboolean care_growth_chart_export         (const char                *path,
                                           int                        width,
                                           int                        height,
                                           const CareGrowthChartData *data,
                                           const CareChartStyle      *style,
                                           GError                   **error);

G_END_DECLS
