/* care-trends-view.h — Health Trends: a person's measurements over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-chart-axis.h"
#include "care-trend-chart.h"
#include "care-trend-item.h"
#include "care-section-page.h"
#include "care-view-stack.h"

G_BEGIN_DECLS

#define CARE_TYPE_TRENDS_VIEW (care_trends_view_get_type ())

G_DECLARE_FINAL_TYPE (CareTrendsView, care_trends_view, CARE, TRENDS_VIEW, AdwBin)

GtkWidget      *care_trends_view_new              (GObject        *context);
GListModel     *care_trends_view_get_items        (CareTrendsView *self);
gboolean        care_trends_view_get_loading      (CareTrendsView *self);
void            care_trends_view_select           (CareTrendsView *self,
                                                   const char     *system,
                                                   const char     *code);
CareTrendItem  *care_trends_view_get_selected     (CareTrendsView *self);
CareTrendChart *care_trends_view_get_chart        (CareTrendsView *self);
CareViewStack  *care_trends_view_get_view_stack   (CareTrendsView *self);
void            care_trends_view_set_folded       (CareTrendsView *self,
                                                   gboolean        folded);
gboolean        care_trends_view_go_back          (CareTrendsView *self);
void            care_trends_view_set_range        (CareTrendsView *self,
                                                   CareChartRange  range);
void            care_trends_view_set_show_table   (CareTrendsView *self,
                                                   gboolean        show_table);
GListModel     *care_trends_view_get_table_model  (CareTrendsView *self);
void            care_trends_view_export_csv_async (CareTrendsView      *self,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        care_trends_view_export_csv_finish (CareTrendsView     *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

G_END_DECLS
