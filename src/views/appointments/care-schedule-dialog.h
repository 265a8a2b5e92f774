/* care-schedule-dialog.h — booking a visit, step by step
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-outbox.h"

G_BEGIN_DECLS

#define CARE_TYPE_SCHEDULE_DIALOG (care_schedule_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CareScheduleDialog, care_schedule_dialog, CARE, SCHEDULE_DIALOG, AdwWindow)

CareScheduleDialog *care_schedule_dialog_new          (GtkWindow   *parent,
                                                       CareOutbox  *outbox,
                                                       JsonObject  *replacing);
void                care_schedule_dialog_choose_type  (CareScheduleDialog *self,
                                                       const char         *code);
void                care_schedule_dialog_choose_time  (CareScheduleDialog *self,
                                                       guint               index);
void                care_schedule_dialog_book         (CareScheduleDialog *self);
const char         *care_schedule_dialog_get_page     (CareScheduleDialog *self);
JsonObject         *care_schedule_dialog_get_booked   (CareScheduleDialog *self);
const char         *care_schedule_dialog_get_message  (CareScheduleDialog *self);
gboolean            care_schedule_dialog_get_loaded   (CareScheduleDialog *self);
gboolean            care_schedule_dialog_get_offline  (CareScheduleDialog *self);
void                care_schedule_dialog_set_cache    (CareScheduleDialog *self,
                                                       CareCache          *cache);
GStrv               care_schedule_dialog_dup_clinicians (CareScheduleDialog *self);
JsonObject         *care_schedule_dialog_get_chosen   (CareScheduleDialog *self);
gboolean            care_schedule_dialog_offers_slot  (CareScheduleDialog *self,
                                                       const char         *slot_id,
                                                       guint              *out_n_times);

G_END_DECLS
