/* care-check-in-window.h — an appointment's eCheck-in checklist
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-appointment.h"
#include "care-record.h"

G_BEGIN_DECLS

#define CARE_TYPE_CHECK_IN_WINDOW (care_check_in_window_get_type ())

G_DECLARE_FINAL_TYPE (CareCheckInWindow, care_check_in_window, CARE, CHECK_IN_WINDOW, AdwWindow)

CareCheckInWindow *care_check_in_window_new          (GtkWindow         *parent,
                                                      CareRecord        *record,
                                                      const char        *appointment_id);
void               care_check_in_window_open_step    (CareCheckInWindow *self,
                                                      CareCheckInStep    step);
gboolean           care_check_in_window_confirm      (CareCheckInWindow *self);
GtkWidget         *care_check_in_window_get_renderer (CareCheckInWindow *self);
guint              care_check_in_window_get_done     (CareCheckInWindow *self,
                                                      guint             *out_needed);
const char        *care_check_in_window_get_page     (CareCheckInWindow *self);
const char        *care_check_in_window_get_status   (CareCheckInWindow *self);

G_END_DECLS
