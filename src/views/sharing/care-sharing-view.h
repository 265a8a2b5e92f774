/* care-sharing-view.h — who sees this record, and what happened to it here
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_SHARING_VIEW (care_sharing_view_get_type ())

G_DECLARE_FINAL_TYPE (CareSharingView, care_sharing_view, CARE, SHARING_VIEW, CareRecordList)

GtkWidget      *care_sharing_view_new      (GObject              *context);

G_END_DECLS
