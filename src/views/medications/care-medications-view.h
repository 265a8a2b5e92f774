/* care-medications-view.h — current and past medications
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_MEDICATIONS_VIEW (care_medications_view_get_type ())

G_DECLARE_FINAL_TYPE (CareMedicationsView, care_medications_view, CARE, MEDICATIONS_VIEW, CareRecordList)

GtkWidget      *care_medications_view_new             (GObject             *context);
gboolean        care_medications_view_report_stopped  (CareMedicationsView *self,
                                                       const char          *request_id,
                                                       GError             **error);

G_END_DECLS
