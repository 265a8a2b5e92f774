/* care-billing-view.h — insurance, bills and claims
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_BILLING_VIEW (care_billing_view_get_type ())

G_DECLARE_FINAL_TYPE (CareBillingView, care_billing_view, CARE, BILLING_VIEW, CareRecordList)

GtkWidget      *care_billing_view_new      (GObject              *context);

G_END_DECLS
