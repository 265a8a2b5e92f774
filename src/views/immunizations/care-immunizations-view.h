/* care-immunizations-view.h — vaccines given, and the preventive care due
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_IMMUNIZATIONS_VIEW (care_immunizations_view_get_type ())

G_DECLARE_FINAL_TYPE (CareImmunizationsView, care_immunizations_view, CARE, IMMUNIZATIONS_VIEW, CareRecordList)

GtkWidget      *care_immunizations_view_new      (GObject *context);
gboolean        care_immunizations_view_add_reported (CareImmunizationsView  *self,
                                                      const char             *vaccine,
                                                      const char             *date,
                                                      const char             *place,
                                                      const char             *origin,
                                                      GError                **error);

G_END_DECLS
