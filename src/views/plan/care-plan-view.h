/* care-plan-view.h — the plan of care: plans, goals and the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_PLAN_VIEW (care_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (CarePlanView, care_plan_view, CARE, PLAN_VIEW, CareRecordList)

GtkWidget      *care_plan_view_new      (GObject *context);

G_END_DECLS
