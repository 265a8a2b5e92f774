/* care-bill-pay-dialog.h — paying a statement: the card, a review, the receipt
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "care-record.h"

G_BEGIN_DECLS

#define CARE_TYPE_BILL_PAY_DIALOG (care_bill_pay_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CareBillPayDialog, care_bill_pay_dialog, CARE, BILL_PAY_DIALOG, AdwWindow)

GtkWidget  *care_bill_pay_dialog_new      (GtkWindow         *parent,
                                           CareRecord        *record,
                                           JsonObject        *invoice,
                                           const char        *title,
                                           const char        *issuer);
const char *care_bill_pay_dialog_get_page (CareBillPayDialog *self);

G_END_DECLS
