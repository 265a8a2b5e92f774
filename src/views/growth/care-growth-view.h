/* care-growth-view.h — Growth Charts for children and teens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-growth-chart.h"
#include "care-lms.h"
#include "care-view-stack.h"

G_BEGIN_DECLS

#define CARE_TYPE_GROWTH_VIEW (care_growth_view_get_type ())

G_DECLARE_FINAL_TYPE (CareGrowthView, care_growth_view, CARE, GROWTH_VIEW, AdwBin)

GtkWidget       *care_growth_view_new            (GObject        *context);
gboolean         care_growth_view_get_loading    (CareGrowthView *self);
const char      *care_growth_view_get_page       (CareGrowthView *self);
void             care_growth_view_set_chart      (CareGrowthView *self,
                                                  CareLmsChart    chart);
CareLmsChart     care_growth_view_get_chart_kind (CareGrowthView *self);
guint            care_growth_view_get_n_measurements (CareGrowthView *self,
                                                      CareLmsChart    chart);
CareGrowthChart *care_growth_view_get_chart      (CareGrowthView *self);
CareViewStack   *care_growth_view_get_view_stack (CareGrowthView *self);
const char      *care_growth_view_get_explanation (CareGrowthView *self);
GtkPrintOperationResult care_growth_view_print   (CareGrowthView          *self,
                                                  GtkPrintOperationAction  action,
                                                  const char              *export_path,
                                                  GError                 **error);

G_END_DECLS
