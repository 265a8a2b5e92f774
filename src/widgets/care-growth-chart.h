/* care-growth-chart.h — a child's growth chart, with hover and keyboard focus
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-growth-data.h"

G_BEGIN_DECLS

#define CARE_TYPE_GROWTH_CHART (care_growth_chart_get_type ())

G_DECLARE_FINAL_TYPE (CareGrowthChart, care_growth_chart, CARE, GROWTH_CHART, GtkWidget)

GtkWidget                 *care_growth_chart_new             (void);
void                       care_growth_chart_set_data        (CareGrowthChart     *self,
                                                              CareGrowthChartData *data);
const CareGrowthChartData *care_growth_chart_get_data        (CareGrowthChart     *self);
int                        care_growth_chart_get_focus_index (CareGrowthChart     *self);
void                       care_growth_chart_set_focus_index (CareGrowthChart     *self,
                                                              int                  index);
const char                *care_growth_chart_get_description (CareGrowthChart     *self);
const char                *care_growth_chart_get_focus_text  (CareGrowthChart     *self);
gboolean                   care_growth_chart_save            (CareGrowthChart     *self,
                                                              const char          *path,
                                                              GError             **error);

G_END_DECLS
