/* care-appointments-private.h — shared by the Appointments view's files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-appointments-view.h"

G_BEGIN_DECLS

/* care-appointments-view.c */
JsonObject *care_appointments_view_lookup (CareAppointmentsView *self,
                                           const char           *id);

/* care-appointments-actions.c */
void        care_appointments_actions_install (GtkWidgetClass   *widget_class);
gboolean    care_appointments_add_controls    (CareAppointmentsView *self,
                                               AdwActionRow         *row,
                                               JsonObject           *appointment);
GtkWidget  *care_appointments_schedule_button (void);

G_END_DECLS
