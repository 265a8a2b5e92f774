/* care-allergies-view.h — allergies and intolerances
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_ALLERGIES_VIEW (care_allergies_view_get_type ())

G_DECLARE_FINAL_TYPE (CareAllergiesView, care_allergies_view, CARE, ALLERGIES_VIEW, CareRecordList)

GtkWidget      *care_allergies_view_new      (GObject *context);
gboolean        care_allergies_view_add_allergy (CareAllergiesView  *self,
                                                 const char         *substance,
                                                 const char         *reaction,
                                                 const char         *severity,
                                                 GError            **error);

G_END_DECLS
