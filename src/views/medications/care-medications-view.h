/* care-medications-view.h — current and past medications
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"
#include "care-renewal.h"

G_BEGIN_DECLS

#define CARE_TYPE_MEDICATIONS_VIEW (care_medications_view_get_type ())

G_DECLARE_FINAL_TYPE (CareMedicationsView, care_medications_view, CARE, MEDICATIONS_VIEW, CareRecordList)

GtkWidget      *care_medications_view_new             (GObject             *context);
char           *care_medications_view_dup_name        (CareMedicationsView *self,
                                                       const char          *request_id);
gboolean        care_medications_view_report_stopped  (CareMedicationsView *self,
                                                       const char          *request_id,
                                                       GError             **error);
gboolean        care_medications_view_request_renewal (CareMedicationsView *self,
                                                       const char          *request_id,
                                                       const char          *pharmacy,
                                                       const char          *other_pharmacy,
                                                       const char          *comment,
                                                       GError             **error);

/* care-medications-renew.c */
void            care_medications_view_add_renewal_state (CareMedicationsView *self,
                                                         AdwActionRow        *row,
                                                         const CareRenewal   *renewal);
char           *care_medications_view_dup_renewal_text (CareMedicationsView *self,
                                                        const char          *request_id);
GtkWidget      *care_medications_view_open_renewal    (CareMedicationsView *self,
                                                       const char          *request_id);
void            care_medications_view_renew_action    (GtkWidget           *widget,
                                                       const char          *action_name,
                                                       GVariant            *parameter);

G_END_DECLS
