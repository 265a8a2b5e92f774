/* care-issues-view.h — health issues, medical and family history
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_ISSUES_VIEW (care_issues_view_get_type ())

G_DECLARE_FINAL_TYPE (CareIssuesView, care_issues_view, CARE, ISSUES_VIEW, CareRecordList)

GtkWidget      *care_issues_view_new      (GObject *context);

G_END_DECLS
