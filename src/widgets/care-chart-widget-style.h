/* care-chart-widget-style.h — chart colours from the libadwaita style
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-chart-style.h"

G_BEGIN_DECLS

void care_chart_style_from_widget (CareChartStyle *style,
                                   GtkWidget      *widget);

G_END_DECLS
