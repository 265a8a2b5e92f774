/* care-appointments-view.h — upcoming and past appointments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_APPOINTMENTS_VIEW (care_appointments_view_get_type ())

G_DECLARE_FINAL_TYPE (CareAppointmentsView, care_appointments_view, CARE, APPOINTMENTS_VIEW, CareRecordList)

GtkWidget      *care_appointments_view_new      (GObject              *context);
void            care_appointments_view_show_appointment (CareAppointmentsView *self,
                                                         const char           *id);
GtkWidget      *care_appointments_view_get_row  (CareAppointmentsView *self,
                                                 const char           *id);

G_END_DECLS
