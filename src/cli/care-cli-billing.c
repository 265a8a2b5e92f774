/* care-cli-billing.c — carebook-cli bills and pay
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli bills ID
 *   carebook-cli pay ID STATEMENT AMOUNT
 *
 * `bills` prints the person's statements from the offline copy, one a
 * line, tab-separated: id (Invoice/…), date, status (issued, balanced,
 * cancelled…), total, still due, currency, what it is.
 * `pay` pays one (its id, with or without "Invoice/") with a card read
 * from standard input, never from the arguments, which any user sees in
 * `ps`: four lines, the number, the expiry (MM/YY), the security code and
 * the name on the card; on a terminal each is asked for, the number and
 * the code without echo. The card goes to the portal once, online only,
 * for a token (care-bill-payment.c); the receipt is printed tab-separated,
 * id first: PaymentNotice/…, day, Invoice/…, amount, currency, card
 * ("Visa ending 4242"), "paid" (or "waiting" when the connection was lost
 * after the card was accepted: it is sent at the next sync, once).
 * Nothing of the card is printed or kept.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-bill-payment.h"
#include "care-cli-billing.h"
#include "care-cli-open.h"
#include "care-fhir.h"
#include "care-resource-item.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char *usage_pay = N_("Usage: carebook-cli pay ID STATEMENT AMOUNT\n"
                                  "The card is read from standard input: number, expiry (MM/YY), security code "
                                  "and name, one a line.");

static char *
dup_field (const char *text)
{
  char *field = g_strdup (text != NULL ? text : "");

  g_strdelimit (field, "\t\r\n", ' ');
  return field;
}

static int
cli_bills (const char *id)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Invoice");
  g_autoptr(GListModel) all = NULL;

  if (!care_cli_open_person (&opened, id))
    return 1;
  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  all = care_cache_query (opened.cache, query, NULL);
  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (all, i);
      g_autoptr(JsonObject) invoice = care_resource_item_dup_resource (item, NULL);
      g_autoptr(CareBill) bill = invoice != NULL ? care_bill_new_from_invoice (invoice) : NULL;
      g_autofree char *type = NULL;
      g_autofree char *what = NULL;
      g_autofree char *total = NULL;
      g_autofree char *due = NULL;

      if (bill == NULL)
        continue;
      type = care_fhir_dup_concept_text (care_fhir_get_object (invoice, "type"));
      what = dup_field (type != NULL ? type : _("Statement"));
      total = care_bill_format_amount (bill->total);
      due = care_bill_format_amount (bill->balance);
      g_print ("Invoice/%s\t%s\t%s\t%s\t%s\t%s\t%s\n", bill->invoice_id,
               care_fhir_get_string (invoice, "date") ?: "", care_fhir_get_string (invoice, "status") ?: "",
               total, due, bill->currency, what);
    }
  return 0;
}

/* One line of standard input, without its line break; on a terminal,
 * asked for with @prompt, without echo when @secret. */
static char *
read_card_line (const char *prompt,
                gboolean    secret)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved;
  gboolean hidden = FALSE;
  char buffer[256];
  char *line;

  if (tty)
    {
      g_printerr ("%s", prompt);
      if (secret && tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          struct termios quiet = saved;

          quiet.c_lflag &= ~ECHO;
          hidden = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (hidden)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

/* A line of the card, wiped when freed. */
typedef char CardLine;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardLine, wipe_free)

static void
paid_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static int
cli_pay (const char *id,
         const char *statement,
         const char *amount)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(JsonObject) invoice = NULL;
  g_autoptr(CareBill) bill = NULL;
  g_autoptr(CareCard) card = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CareBillReceipt) receipt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *invoice_id = g_str_has_prefix (statement, "Invoice/") ? statement + strlen ("Invoice/") : statement;
  gint64 cents = 0;

  if (!care_cli_open_person (&opened, id))
    return 1;
  invoice = care_cache_lookup (opened.cache, "Invoice", invoice_id, NULL);
  if (invoice == NULL || (bill = care_bill_new_from_invoice (invoice)) == NULL)
    {
      /* Translators: %s is a statement's id, as `carebook-cli bills` lists it */
      g_printerr (_("No statement is called “%s”. carebook-cli bills lists them.\n"), statement);
      return 1;
    }
  if (bill->balance == 0)
    {
      g_printerr ("%s\n", _("This statement is already paid."));
      return 1;
    }
  if (!care_bill_parse_amount (bill, amount, &cents, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autoptr(CardLine) number = read_card_line (_("Card number: "), TRUE);
    g_autoptr(CardLine) expiry = number != NULL ? read_card_line (_("Expiry (MM/YY): "), FALSE) : NULL;
    g_autoptr(CardLine) code = expiry != NULL ? read_card_line (_("Security code: "), TRUE) : NULL;
    g_autoptr(CardLine) name = code != NULL ? read_card_line (_("Name on the card: "), FALSE) : NULL;

    if (name == NULL)
      {
        g_printerr ("%s\n", _(usage_pay));
        return 2;
      }
    card = care_card_new (number, expiry, code, name, now, &error);
    if (card == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }

  care_bill_pay_async (opened.outbox, bill, cents, card, NULL, paid_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  receipt = care_bill_pay_finish (opened.outbox, result, &error);
  if (receipt == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  line = care_bill_receipt_dup_line (receipt);
  g_print ("%s\n", line);
  if (!receipt->sent)
    g_printerr ("%s\n", _("Your card was accepted, but the connection was lost before the payment reached your "
                          "health system. It is sent at the next sync, once."));
  return 0;
}

/**
 * care_cli_billing_handles:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: whether argv[1] is one of this file's subcommands
 */
gboolean
care_cli_billing_handles (int    argc,
                          char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "bills") || g_str_equal (argv[1], "pay"));
}

/**
 * care_cli_billing_main:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: the exit status: 0, 1 on failure, 2 on a usage error
 */
int
care_cli_billing_main (int    argc,
                       char **argv)
{
  if (g_str_equal (argv[1], "bills") && argc == 3)
    return cli_bills (argv[2]);
  if (g_str_equal (argv[1], "pay") && argc == 5)
    return cli_pay (argv[2], argv[3], argv[4]);
  if (g_str_equal (argv[1], "pay"))
    g_printerr ("%s\n", _(usage_pay));
  else
    g_printerr ("%s\n", _("Usage: carebook-cli bills ID"));
  return 2;
}
