/* care-bill-payment.c — paying a statement with a card
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A payment is two requests, so that the card never reaches the cache:
 *
 *  1. the card goes to the portal at once (care_outbox_run_now_async(),
 *     online only, "You're offline" otherwise) as `POST
 *     PaymentNotice/$tokenize`, which checks it with the bank and answers
 *     a token, the brand and the last four digits, or the bank's refusal;
 *  2. a FHIR R4 PaymentNotice with that token (never the card) is queued in
 *     the outbox as a create and sent: `request` the Invoice, `amount`,
 *     `recipient` the Invoice's issuer, `payment` a logical reference to
 *     the payment by its token (R4 wants a PaymentReconciliation there,
 *     which only the portal can make). The outbox sends it with
 *     If-None-Exist on its identifier, so a resend after a lost answer (a
 *     dropped connection, Carebook killed) finds the first notice: the
 *     portal charges once.
 *
 * The portal takes the amount off the Invoice's balance (the extension
 * CARE_BILL_BALANCE_URL; "balanced" once paid in full), which the next
 * sync brings. What the card was is kept in memory only (CareCard), and
 * wiped when freed. A notice the portal refuses (more than is due, already
 * paid) is taken out of the outbox: sending it again could not work.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-bill-payment.h"

#include "care-error.h"
#include "care-fhir.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (care-payment-error-quark, care_payment_error)

/* ---- Statements ---- */

static gboolean
read_cents (JsonObject  *money,
            gint64      *out_cents,
            const char **out_currency)
{
  JsonNode *value = money != NULL ? json_object_get_member (money, "value") : NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
    *out_cents = llround (json_node_get_double (value) * 100);
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    *out_cents = json_node_get_int (value) * 100;
  else
    return FALSE;
  if (out_currency != NULL && care_fhir_get_string (money, "currency") != NULL)
    *out_currency = care_fhir_get_string (money, "currency");
  return TRUE;
}

/**
 * care_bill_new_from_invoice:
 * @invoice: an Invoice
 *
 * What is due on @invoice: the balance the portal gives (the extension
 * CARE_BILL_BALANCE_URL), else the whole total while it is "issued";
 * nothing once balanced or cancelled.
 *
 * Returns: (transfer full) (nullable): the bill, or %NULL if @invoice has no id
 */
CareBill *
care_bill_new_from_invoice (JsonObject *invoice)
{
  CareBill *bill;
  const char *currency = "USD";
  JsonArray *extensions = care_fhir_get_array (invoice, "extension");
  gboolean has_balance = FALSE;

  g_return_val_if_fail (invoice != NULL, NULL);

  if (care_fhir_get_string (invoice, "id") == NULL)
    return NULL;
  bill = g_new0 (CareBill, 1);
  bill->invoice_id = g_strdup (care_fhir_get_string (invoice, "id"));
  bill->issuer = g_strdup (care_fhir_get_string (care_fhir_get_object (invoice, "issuer"), "reference"));
  if (!read_cents (care_fhir_get_object (invoice, "totalNet"), &bill->total, &currency))
    read_cents (care_fhir_get_object (invoice, "totalGross"), &bill->total, &currency);
  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = care_fhir_get_array_object (invoice, "extension", i);

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), CARE_BILL_BALANCE_URL) == 0)
        has_balance = read_cents (care_fhir_get_object (extension, "valueMoney"), &bill->balance, &currency);
    }
  if (!has_balance)
    bill->balance = bill->total;
  if (g_strcmp0 (care_fhir_get_string (invoice, "status"), "issued") != 0 || bill->balance < 0)
    bill->balance = 0;
  bill->currency = g_strdup (currency);
  return bill;
}

void
care_bill_free (CareBill *bill)
{
  if (bill == NULL)
    return;
  g_free (bill->invoice_id);
  g_free (bill->issuer);
  g_free (bill->currency);
  g_free (bill);
}

/**
 * care_bill_format_amount:
 * @cents: an amount in cents
 *
 * Returns: (transfer full): the amount as a form shows it and the portal
 *   reads it: "30.00", "1250.5" is "1250.50"
 */
char *
care_bill_format_amount (gint64 cents)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int)(ABS (cents) % 100));
}

/**
 * care_money_format:
 * @amount: an amount
 * @currency: (nullable): its currency code, %NULL for US dollars
 *
 * Every amount the app and the command line show to a person goes through
 * here (statements, payments, estimates, claims, a check-in's copay).
 * Dollars read as the United States write them, in English and in Spanish
 * alike (es-US): "$30.00"; another currency is its code after the number,
 * "30.00 EUR". The number always has a point and two decimals, whatever
 * the locale's LC_NUMERIC says.
 *
 * Returns: (transfer full): the amount as people read it
 */
char *
care_money_format (double      amount,
                   const char *currency)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.2f", amount);
  if (currency == NULL || g_str_equal (currency, "USD"))
    /* Translators: an amount in US dollars, %s is the number ("30.00"). Write it as
     * the United States do in your language: es-US writes "$30.00" too */
    return g_strdup_printf (_("$%s"), number);
  /* Translators: an amount and its currency code: "30.00 EUR" */
  return g_strdup_printf (_("%1$s %2$s"), number, currency);
}

/**
 * care_bill_format_money:
 * @cents: an amount in cents
 * @currency: (nullable): its currency code, %NULL for US dollars
 *
 * Returns: (transfer full): the amount as people read it, as
 *   care_money_format() writes it: "$30.00" or "30.00 EUR"
 */
char *
care_bill_format_money (gint64      cents,
                        const char *currency)
{
  return care_money_format (cents / 100.0, currency);
}

/**
 * care_bill_parse_amount:
 * @bill: the statement
 * @text: what was typed: "30", "30.5", "30,50", "$30.50"
 * @out_cents: (out): the amount in cents
 * @error: return location for a %CARE_PAYMENT_ERROR_AMOUNT error
 *
 * An amount to pay: more than zero, at most what is due.
 *
 * Returns: %TRUE if @text is one
 */
gboolean
care_bill_parse_amount (const CareBill *bill,
                        const char     *text,
                        gint64         *out_cents,
                        GError        **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *p = copy;
  gint64 whole = 0;
  int cents = 0;
  int decimals = 0;
  guint digits = 0;

  g_return_val_if_fail (bill != NULL, FALSE);

  if (*p == '$')
    p++;
  while (*p == ' ')
    p++;
  for (; g_ascii_isdigit (*p) && digits < 9; p++, digits++)
    whole = whole * 10 + (*p - '0');
  if (digits > 0 && (*p == '.' || *p == ','))
    for (p++; g_ascii_isdigit (*p) && decimals < 2; p++, decimals++)
      cents = cents * 10 + (*p - '0');
  if (decimals == 1)
    cents *= 10;
  while (*p == ' ')
    p++;
  if (digits == 0 || *p != '\0')
    {
      g_autofree char *example = care_bill_format_amount (bill->balance > 0 ? bill->balance : 3000);

      /* Translators: an example of an amount, as typed: "30.00" */
      g_set_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_AMOUNT,
                   _("Enter the amount to pay, such as %s."), example);
      return FALSE;
    }
  *out_cents = whole * 100 + cents;
  if (*out_cents <= 0)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_AMOUNT,
                           _("The amount to pay must be more than zero."));
      return FALSE;
    }
  if (*out_cents > bill->balance)
    {
      g_autofree char *due = care_bill_format_money (bill->balance, bill->currency);

      /* Translators: the amount still due on a statement: "$30.00" */
      g_set_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_AMOUNT,
                   _("That is more than the %s still due."), due);
      return FALSE;
    }
  return TRUE;
}

/* ---- Cards ---- */

/**
 * care_card_check_number:
 * @number: as typed, with spaces or dashes if any
 * @error: return location for a %CARE_PAYMENT_ERROR_NUMBER error
 *
 * Checks the length and the Luhn check digit, before anything is sent.
 *
 * Returns: (transfer full) (nullable): the digits, or %NULL
 */
char *
care_card_check_number (const char  *number,
                        GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint sum = 0;

  for (const char *p = number != NULL ? number : ""; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        {
          g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NUMBER,
                               _("A card number has only digits."));
          return NULL;
        }
    }
  if (digits->len == 0)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NUMBER,
                           _("Enter the card number."));
      return NULL;
    }
  if (digits->len < 12 || digits->len > 19)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NUMBER,
                           _("A card number has 12 to 19 digits. Check the number on the card."));
      return NULL;
    }
  for (gsize i = 0; i < digits->len; i++)
    {
      guint d = digits->str[digits->len - 1 - i] - '0';

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  if (sum % 10 != 0)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NUMBER,
                           _("This card number is not right. Check each digit against the card."));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * care_card_check_expiry:
 * @expiry: as on the card: "08/29", "08/2029", "0829"
 * @now: the time now
 * @out_month: (out): the month
 * @out_year: (out): the four-digit year
 * @error: return location for a %CARE_PAYMENT_ERROR_EXPIRY error
 *
 * A card is good until the end of its expiry month.
 *
 * Returns: %TRUE if @expiry is readable and not past
 */
gboolean
care_card_check_expiry (const char  *expiry,
                        GDateTime   *now,
                        int         *out_month,
                        int         *out_year,
                        GError     **error)
{
  char digits[7] = { 0 };
  guint n = 0;
  gboolean separated = FALSE;
  int month;
  int year;

  for (const char *p = expiry != NULL ? expiry : ""; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) && n < 6)
        digits[n++] = *p;
      else if ((*p == '/' || *p == '-') && !separated && (n == 1 || n == 2))
        {
          if (n == 1)
            digits[1] = digits[0], digits[0] = '0', n = 2;
          separated = TRUE;
        }
      else if (*p != ' ')
        {
          n = 0;
          break;
        }
    }
  if (n != 4 && n != 6)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_EXPIRY,
                           _("Enter the expiry date as the card shows it: month and year, such as 08/29."));
      return FALSE;
    }
  month = (digits[0] - '0') * 10 + (digits[1] - '0');
  year = atoi (digits + 2);
  if (n == 4)
    year += 2000;
  if (month < 1 || month > 12)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_EXPIRY,
                           _("The expiry month is from 01 to 12."));
      return FALSE;
    }
  if (year * 12 + month < g_date_time_get_year (now) * 12 + g_date_time_get_month (now))
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_EXPIRY,
                           _("This card has expired. Use another card."));
      return FALSE;
    }
  if (year > g_date_time_get_year (now) + 20)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_EXPIRY,
                           _("That expiry date is too far ahead. Check the date on the card."));
      return FALSE;
    }
  *out_month = month;
  *out_year = year;
  return TRUE;
}

/**
 * care_card_check_code:
 * @code: the security code as typed
 * @error: return location for a %CARE_PAYMENT_ERROR_CODE error
 *
 * Returns: %TRUE for three or four digits
 */
gboolean
care_card_check_code (const char  *code,
                      GError     **error)
{
  gsize length = code != NULL ? strlen (code) : 0;

  if (length < 3 || length > 4 || strspn (code, "0123456789") != length)
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_CODE,
                           _("The security code is the 3 or 4 digits printed on the card."));
      return FALSE;
    }
  return TRUE;
}

/**
 * care_card_new:
 * @number: the card number as typed
 * @expiry: the expiry date as typed
 * @code: the security code
 * @name: the name on the card
 * @now: the time now
 * @error: return location for a #CARE_PAYMENT_ERROR naming the first
 *   field that is wrong
 *
 * Returns: (transfer full) (nullable): the card, checked
 */
CareCard *
care_card_new (const char  *number,
               const char  *expiry,
               const char  *code,
               const char  *name,
               GDateTime   *now,
               GError     **error)
{
  g_autoptr(CareCard) card = g_new0 (CareCard, 1);
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if ((card->number = care_card_check_number (number, error)) == NULL ||
      !care_card_check_expiry (expiry, now, &card->month, &card->year, error) ||
      !care_card_check_code (code, error))
    return NULL;
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NAME,
                           _("Enter the name as it is on the card."));
      return NULL;
    }
  card->code = g_strdup (code);
  card->name = g_steal_pointer (&trimmed);
  return g_steal_pointer (&card);
}

static void
wipe (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

void
care_card_free (CareCard *card)
{
  if (card == NULL)
    return;
  wipe (card->number);
  wipe (card->code);
  wipe (card->name);
  g_free (card);
}

/* ---- Receipts ---- */

void
care_bill_receipt_free (CareBillReceipt *receipt)
{
  if (receipt == NULL)
    return;
  g_free (receipt->id);
  g_free (receipt->invoice_id);
  g_free (receipt->currency);
  g_free (receipt->card);
  g_free (receipt->day);
  g_free (receipt);
}

/**
 * care_bill_receipt_dup_line:
 * @receipt: a receipt
 *
 * Returns: (transfer full): the receipt as carebook-cli prints it, tab
 *   separated, id first: id, day, statement, amount, currency, card,
 *   "paid" or "waiting"
 */
char *
care_bill_receipt_dup_line (const CareBillReceipt *receipt)
{
  g_autofree char *amount = care_bill_format_amount (receipt->amount);

  return g_strdup_printf ("%s\t%s\tInvoice/%s\t%s\t%s\t%s\t%s", receipt->id, receipt->day, receipt->invoice_id,
                          amount, receipt->currency, receipt->card, receipt->sent ? "paid" : "waiting");
}

/* ---- Paying ---- */

/**
 * care_bill_payment_draft_new:
 * @bill: the statement
 * @cents: how much, in cents
 * @token: the card token the portal gave
 * @card: the card in words ("Visa ending 4242")
 * @now: when
 *
 * Returns: (transfer full): a PaymentNotice create; the card appears in it
 *   only as @token and @card
 */
CareOutboxDraft *
care_bill_payment_draft_new (const CareBill *bill,
                             gint64          cents,
                             const char     *token,
                             const char     *card,
                             GDateTime      *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *money = care_bill_format_money (cents, bill->currency);
  g_autofree char *invoice = g_strconcat ("Invoice/", bill->invoice_id, NULL);
  g_autofree char *summary = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceType");
  json_builder_add_string_value (builder, "PaymentNotice");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "active");
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, invoice);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "payment");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "PaymentReconciliation");
  json_builder_set_member_name (builder, "identifier");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, CARE_BILL_TOKEN_SYSTEM);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "display");
  json_builder_add_string_value (builder, card);
  json_builder_end_object (builder);
  if (bill->issuer != NULL)
    {
      json_builder_set_member_name (builder, "recipient");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, bill->issuer);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "amount");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, cents / 100.0);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, bill->currency);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  /* Translators: an outbox item: "Payment of $30.00 (Visa ending 4242)" */
  summary = g_strdup_printf (_("Payment of %s (%s)"), money, card);
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, json_node_get_object (root), summary);
}

typedef struct
{
  CareBill        *bill;
  gint64           cents;
  char            *entry_id;
  CareBillReceipt *receipt;
  guint            tries;
} Paying;

static void
paying_free (Paying *paying)
{
  care_bill_free (paying->bill);
  g_free (paying->entry_id);
  care_bill_receipt_free (paying->receipt);
  g_free (paying);
}

static const char *
get_parameter (JsonObject *parameters,
               const char *name)
{
  JsonArray *list = care_fhir_get_array (parameters, "parameter");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *parameter = care_fhir_get_array_object (parameters, "parameter", i);

      if (g_strcmp0 (care_fhir_get_string (parameter, "name"), name) == 0)
        return care_fhir_get_string (parameter, "valueString");
    }
  return NULL;
}

static void send_payment (GTask *task);

static gboolean
send_again_cb (gpointer user_data)
{
  send_payment (user_data);
  return G_SOURCE_REMOVE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareOutbox *outbox = CARE_OUTBOX (source);
  Paying *paying = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry;

  care_outbox_send_finish (outbox, result, NULL, &error);
  entry = care_outbox_lookup (outbox, paying->entry_id);
  /* Another send was under way when the payment was queued: send again
   * once it is done, so the payment is not left behind. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) && entry != NULL &&
      care_outbox_entry_get_state (entry) == CARE_OUTBOX_PENDING && paying->tries++ < 100)
    {
      g_timeout_add (100, send_again_cb, g_steal_pointer (&task));
      return;
    }
  if (entry != NULL && care_outbox_entry_get_state (entry) == CARE_OUTBOX_REFUSED)
    {
      g_autofree char *reason = g_strdup (care_outbox_entry_get_error (entry));

      care_outbox_discard (outbox, entry, NULL);
      g_task_return_new_error (task, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_REFUSED, "%s",
                               reason != NULL ? reason : _("The health system refused the payment."));
      return;
    }
  if (entry != NULL && care_outbox_entry_get_state (entry) == CARE_OUTBOX_SENT)
    {
      g_free (paying->receipt->id);
      paying->receipt->id = g_strconcat ("PaymentNotice/", care_outbox_entry_get_server_id (entry), NULL);
      paying->receipt->sent = TRUE;
    }
  /* Otherwise the card was accepted and the notice waits in the outbox
   * (the connection was lost): it is sent with the next try, once. */
  g_task_return_pointer (task, g_steal_pointer (&paying->receipt), (GDestroyNotify)care_bill_receipt_free);
}

static void
send_payment (GTask *task)
{
  care_outbox_send_async (g_task_get_source_object (task), g_task_get_cancellable (task), sent_cb, task);
}

static void
tokenized_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareOutbox *outbox = CARE_OUTBOX (source);
  Paying *paying = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = care_outbox_run_now_finish (outbox, result, &error);
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *card = NULL;
  const char *token;
  const char *brand;
  const char *last4;
  CareOutboxEntry *entry;

  if (answer == NULL)
    {
      /* The portal's refusal of the card is the bank's reason. */
      if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_FORBIDDEN))
        g_task_return_new_error (task, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_DECLINED, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  token = get_parameter (answer, "token");
  brand = get_parameter (answer, "brand");
  last4 = get_parameter (answer, "last4");
  if (token == NULL || last4 == NULL || strlen (last4) != 4 || strspn (last4, "0123456789") != 4)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE, "%s",
                               _("The health system’s answer about the card could not be read. Nothing "
                                 "was paid."));
      return;
    }
  /* Translators: a card by its brand and last four digits: "Visa ending 4242" */
  card = g_strdup_printf (_("%s ending %s"), brand != NULL ? brand : _("Card"), last4);
  draft = care_bill_payment_draft_new (paying->bill, paying->cents, token, card, now);
  entry = care_outbox_queue_draft (outbox, draft, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  paying->entry_id = g_strdup (care_outbox_entry_get_id (entry));
  paying->receipt = g_new0 (CareBillReceipt, 1);
  paying->receipt->id = g_strdup (paying->entry_id);
  paying->receipt->invoice_id = g_strdup (paying->bill->invoice_id);
  paying->receipt->amount = paying->cents;
  paying->receipt->currency = g_strdup (paying->bill->currency);
  paying->receipt->card = g_steal_pointer (&card);
  paying->receipt->day = g_date_time_format (now, "%Y-%m-%d");
  send_payment (g_steal_pointer (&task));
}

static void
add_parameter (JsonArray  *list,
               const char *name,
               const char *type,
               const char *text,
               gint64      number)
{
  JsonObject *parameter = json_object_new ();

  json_object_set_string_member (parameter, "name", name);
  if (text != NULL)
    json_object_set_string_member (parameter, type, text);
  else
    json_object_set_int_member (parameter, type, number);
  json_array_add_object_element (list, parameter);
}

/**
 * care_bill_pay_async:
 * @outbox: the person's outbox
 * @bill: the statement
 * @cents: how much, checked with care_bill_parse_amount()
 * @card: the card, checked with care_card_new()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the receipt
 * @user_data: for @callback
 *
 * Pays: the card to the portal (online only), then the PaymentNotice
 * through the outbox. Nothing of @card but the token, brand and last four
 * digits leaves this call, and only to the portal.
 */
void
care_bill_pay_async (CareOutbox          *outbox,
                     const CareBill      *bill,
                     gint64               cents,
                     const CareCard      *card,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  Paying *paying;
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *list = json_array_new ();

  g_return_if_fail (CARE_IS_OUTBOX (outbox));
  g_return_if_fail (bill != NULL && card != NULL);

  task = g_task_new (outbox, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_bill_pay_async);
  paying = g_new0 (Paying, 1);
  paying->bill = g_new0 (CareBill, 1);
  paying->bill->invoice_id = g_strdup (bill->invoice_id);
  paying->bill->issuer = g_strdup (bill->issuer);
  paying->bill->currency = g_strdup (bill->currency);
  paying->bill->total = bill->total;
  paying->bill->balance = bill->balance;
  paying->cents = cents;
  g_task_set_task_data (task, paying, (GDestroyNotify)paying_free);

  json_object_set_string_member (body, "resourceType", "Parameters");
  add_parameter (list, "number", "valueString", card->number, 0);
  add_parameter (list, "expiryMonth", "valueInteger", NULL, card->month);
  add_parameter (list, "expiryYear", "valueInteger", NULL, card->year);
  add_parameter (list, "securityCode", "valueString", card->code, 0);
  add_parameter (list, "name", "valueString", card->name, 0);
  json_object_set_array_member (body, "parameter", list);
  care_outbox_run_now_async (outbox, "POST", "PaymentNotice/$tokenize", body, cancellable, tokenized_cb, task);
}

/**
 * care_bill_pay_finish:
 * @outbox: the person's outbox
 * @result: the result
 * @error: return location for a #GError: %CARE_PAYMENT_ERROR_DECLINED
 *   or _REFUSED with the portal's words, "You're offline"…
 *
 * Returns: (transfer full) (nullable): the receipt
 */
CareBillReceipt *
care_bill_pay_finish (CareOutbox    *outbox,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, outbox), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_bill_pay_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
