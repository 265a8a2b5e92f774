/* care-readings-view.h — Track My Health: readings the patient enters
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-reading.h"
#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_READINGS_VIEW (care_readings_view_get_type ())

G_DECLARE_FINAL_TYPE (CareReadingsView, care_readings_view, CARE, READINGS_VIEW, CareRecordList)

GtkWidget *care_readings_view_new        (GObject          *context);
GtkWidget *care_readings_view_open_entry (CareReadingsView *self,
                                          CareReadingKind   kind);

G_END_DECLS
