/* care-bill-payment.h — paying a statement with a card
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "care-outbox.h"

G_BEGIN_DECLS

#define CARE_PAYMENT_ERROR (care_payment_error_quark ())

/**
 * CarePaymentError:
 * @CARE_PAYMENT_ERROR_AMOUNT: the amount (empty, not a number, zero, more than is due)
 * @CARE_PAYMENT_ERROR_NUMBER: the card number (not digits, wrong length, wrong check digit)
 * @CARE_PAYMENT_ERROR_EXPIRY: the expiry date (unreadable or past)
 * @CARE_PAYMENT_ERROR_CODE: the security code
 * @CARE_PAYMENT_ERROR_NAME: the name on the card
 * @CARE_PAYMENT_ERROR_DECLINED: the card was refused (the bank's reason)
 * @CARE_PAYMENT_ERROR_REFUSED: the portal refused the payment (its reason)
 * @CARE_PAYMENT_ERROR_PAID: the statement owes nothing
 *
 * Each code of a field names the field, so a form puts the message under it.
 */
typedef enum
{
  CARE_PAYMENT_ERROR_AMOUNT,
  CARE_PAYMENT_ERROR_NUMBER,
  CARE_PAYMENT_ERROR_EXPIRY,
  CARE_PAYMENT_ERROR_CODE,
  CARE_PAYMENT_ERROR_NAME,
  CARE_PAYMENT_ERROR_DECLINED,
  CARE_PAYMENT_ERROR_REFUSED,
  CARE_PAYMENT_ERROR_PAID,
} CarePaymentError;

GQuark care_payment_error_quark (void);

/* The extension carrying what is still due on an Invoice (a Money). */
#define CARE_BILL_BALANCE_URL "https://carebook.org/fhir/StructureDefinition/balance-due"
/* The system of a card token in PaymentNotice.payment.identifier. */
#define CARE_BILL_TOKEN_SYSTEM "https://carebook.org/fhir/payment-token"

/**
 * CareBill:
 * @invoice_id: the Invoice's id
 * @issuer: (nullable): the Invoice's issuer reference ("Organization/…")
 * @currency: the currency code ("USD")
 * @total: the statement's total, in cents
 * @balance: what is still due, in cents (0 once paid, cancelled or balanced)
 *
 * A statement as paying it needs it.
 */
typedef struct
{
  char   *invoice_id;
  char   *issuer;
  char   *currency;
  gint64  total;
  gint64  balance;
} CareBill;

CareBill *care_bill_new_from_invoice (JsonObject     *invoice);
void      care_bill_free             (CareBill       *bill);
gboolean  care_bill_parse_amount     (const CareBill *bill,
                                      const char     *text,
                                      gint64         *out_cents,
                                      GError        **error);
char     *care_money_format          (double          amount,
                                      const char     *currency);
char     *care_bill_format_money     (gint64          cents,
                                      const char     *currency);
char     *care_bill_format_amount    (gint64          cents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareBill, care_bill_free)

/**
 * CareCard:
 * @number: the digits only
 * @month: the expiry month, 1–12
 * @year: the expiry year, four digits
 * @code: the security code
 * @name: the name on the card
 *
 * A card as typed, checked. It lives in memory only, for the one request
 * that turns it into a token; care_card_free() wipes it.
 */
typedef struct
{
  char *number;
  int   month;
  int   year;
  char *code;
  char *name;
} CareCard;

CareCard *care_card_new          (const char  *number,
                                  const char  *expiry,
                                  const char  *code,
                                  const char  *name,
                                  GDateTime   *now,
                                  GError     **error);
void      care_card_free         (CareCard    *card);
char     *care_card_check_number (const char  *number,
                                  GError     **error);
gboolean  care_card_check_expiry (const char  *expiry,
                                  GDateTime   *now,
                                  int         *out_month,
                                  int         *out_year,
                                  GError     **error);
gboolean  care_card_check_code   (const char  *code,
                                  GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareCard, care_card_free)

/**
 * CareBillReceipt:
 * @id: the PaymentNotice's id at the portal, or the outbox item's while
 *   it waits to be sent
 * @invoice_id: the statement paid
 * @amount: in cents
 * @currency: the currency code
 * @card: "Visa ending 4242"
 * @day: the day paid, "2026-12-06"
 * @sent: %FALSE while the payment waits in the outbox (the card was
 *   accepted, the connection lost before the portal had the notice)
 *
 * What a payment did, to show and print.
 */
typedef struct
{
  char     *id;
  char     *invoice_id;
  gint64    amount;
  char     *currency;
  char     *card;
  char     *day;
  gboolean  sent;
} CareBillReceipt;

void             care_bill_receipt_free     (CareBillReceipt *receipt);
char            *care_bill_receipt_dup_line (const CareBillReceipt *receipt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareBillReceipt, care_bill_receipt_free)

CareOutboxDraft *care_bill_payment_draft_new (const CareBill *bill,
                                              gint64          cents,
                                              const char     *token,
                                              const char     *card,
                                              GDateTime      *now);
void             care_bill_pay_async         (CareOutbox     *outbox,
                                              const CareBill *bill,
                                              gint64          cents,
                                              const CareCard *card,
                                              GCancellable   *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer        user_data);
CareBillReceipt *care_bill_pay_finish        (CareOutbox     *outbox,
                                              GAsyncResult   *result,
                                              GError        **error);

G_END_DECLS
