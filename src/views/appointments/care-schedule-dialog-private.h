/* care-schedule-dialog-private.h — shared by the scheduling dialog's files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-schedule-dialog.h"

#include "care-appointment.h"

G_BEGIN_DECLS

struct _CareScheduleDialog
{
  AdwWindow       parent_instance;

  CareOutbox     *outbox;
  CareCache      *cache;        /* for favourites and past visits, if given */
  JsonObject     *replacing;
  GCancellable   *cancellable;
  GPtrArray      *types;        /* CareVisitType */
  GPtrArray      *proposals;    /* JsonObject, next available first */
  const CareVisitType *type;
  char           *practitioner; /* "Practitioner/id" or NULL for anyone */
  JsonObject     *chosen;
  JsonObject     *booked;
  char           *message;

  GtkWidget      *stack;        /* the steps, or "You're offline" */
  AdwLeaflet     *leaflet;
  GtkWidget      *type_list;
  GtkWidget      *who_list;
  GtkWidget      *time_box;
  GtkWidget      *review_box;
  GtkWidget      *reason;
  GtkWidget      *book_button;
  GtkWidget      *status;       /* the message under the steps */
};

/* care-schedule-dialog.c */
void       care_schedule_dialog_set_message      (CareScheduleDialog *self,
                                                  const char         *text);
char      *care_schedule_dialog_dup_time         (JsonObject         *proposal,
                                                  const char         *format);

/* care-schedule-who.c */
void       care_schedule_dialog_fill_who         (CareScheduleDialog *self);
GtkWidget *care_schedule_dialog_new_offline_page (void);

G_END_DECLS
