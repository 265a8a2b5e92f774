/* test-bill-payment.c — paying a statement: checks, the card token, the PaymentNotice
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks a form makes before anything is sent (amount, Luhn digit,
 * expiry, security code, name), then paying the demo adult's statement
 * on the sandbox: in part and in full, a declined card, more than is due,
 * offline, a portal failing (500), an answer lost after the portal acted
 * and a sender killed part-way (paid once each time), and no byte of the
 * card in the cache file or its write-ahead log.
 */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-bill-payment.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-outbox.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"
#include "care-sync-engine.h"

#include "care-test-kill.h"
#include "care-test-portal.h"

#define INVOICE "adult-invoice-0"
#define CARD "4242 4242 4242 4242"
#define CARD_DIGITS "4242424242424242"

typedef CareTestPortal Fixture;

/* ---- Checks, without a portal ---- */

static CareBill *
bill_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return care_bill_new_from_invoice (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_bill (void)
{
  g_autoptr(CareBill) due = bill_of (
    "{\"resourceType\":\"Invoice\",\"id\":\"i\",\"status\":\"issued\",\"issuer\":{\"reference\":\"Organization/o\"},"
    "\"totalNet\":{\"value\":30,\"currency\":\"USD\"},\"extension\":[{\"url\":"
    "\"https://carebook.org/fhir/StructureDefinition/balance-due\",\"valueMoney\":{\"value\":19.5,\"currency\":\"USD\"}}]}");
  g_autoptr(CareBill) whole = bill_of ("{\"resourceType\":\"Invoice\",\"id\":\"j\",\"status\":\"issued\","
                                       "\"totalNet\":{\"value\":85.4,\"currency\":\"EUR\"}}");
  g_autoptr(CareBill) paid = bill_of ("{\"resourceType\":\"Invoice\",\"id\":\"k\",\"status\":\"balanced\","
                                      "\"totalNet\":{\"value\":30,\"currency\":\"USD\"}}");
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  g_assert_cmpint (due->balance, ==, 1950);
  g_assert_cmpint (due->total, ==, 3000);
  g_assert_cmpstr (due->issuer, ==, "Organization/o");
  g_assert_cmpint (whole->balance, ==, 8540);
  g_assert_cmpstr (whole->currency, ==, "EUR");
  g_assert_cmpint (paid->balance, ==, 0);

  /* Amounts as people type them. */
  g_assert_true (care_bill_parse_amount (due, "19.5", &cents, NULL));
  g_assert_cmpint (cents, ==, 1950);
  g_assert_true (care_bill_parse_amount (due, " $10,25 ", &cents, NULL));
  g_assert_cmpint (cents, ==, 1025);
  g_assert_true (care_bill_parse_amount (due, "7", &cents, NULL));
  g_assert_cmpint (cents, ==, 700);
  g_assert_false (care_bill_parse_amount (due, "19.51", &cents, &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==, "That is more than the $19.50 still due.");
  g_clear_error (&error);
  g_assert_false (care_bill_parse_amount (due, "0.00", &cents, &error));
  g_assert_cmpstr (error->message, ==, "The amount to pay must be more than zero.");
  g_clear_error (&error);
  g_assert_false (care_bill_parse_amount (due, "-5", &cents, &error));
  g_assert_cmpstr (error->message, ==, "Enter the amount to pay, such as 19.50.");
  g_clear_error (&error);
  g_assert_false (care_bill_parse_amount (due, "1.234", &cents, &error));
  g_clear_error (&error);
  g_assert_false (care_bill_parse_amount (due, "", &cents, &error));
  g_clear_error (&error);
  g_assert_false (care_bill_parse_amount (paid, "1", &cents, &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_AMOUNT);
}

static void
test_card (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCard) card = NULL;
  g_autofree char *digits = NULL;
  int month = 0;
  int year = 0;

  digits = care_card_check_number ("4242-4242 4242-4242", NULL);
  g_assert_cmpstr (digits, ==, CARD_DIGITS);
  g_clear_pointer (&digits, g_free);
  /* One digit wrong: the Luhn check digit catches it. */
  g_assert_null (care_card_check_number ("4242 4242 4242 4241", &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NUMBER);
  g_assert_cmpstr (error->message, ==, "This card number is not right. Check each digit against the card.");
  g_clear_error (&error);
  g_assert_null (care_card_check_number ("4242", &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NUMBER);
  g_clear_error (&error);
  g_assert_null (care_card_check_number ("4242 4242 4242 424x", &error));
  g_clear_error (&error);
  g_assert_null (care_card_check_number ("", &error));
  g_clear_error (&error);

  g_assert_true (care_card_check_expiry ("12/26", now, &month, &year, NULL));
  g_assert_cmpint (month, ==, 12);
  g_assert_cmpint (year, ==, 2026);
  g_assert_true (care_card_check_expiry ("8/2029", now, &month, &year, NULL));
  g_assert_cmpint (month, ==, 8);
  g_assert_cmpint (year, ==, 2029);
  g_assert_true (care_card_check_expiry ("0330", now, &month, &year, NULL));
  g_assert_cmpint (year, ==, 2030);
  g_assert_false (care_card_check_expiry ("11/26", now, &month, &year, &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_EXPIRY);
  g_assert_cmpstr (error->message, ==, "This card has expired. Use another card.");
  g_clear_error (&error);
  g_assert_false (care_card_check_expiry ("13/27", now, &month, &year, &error));
  g_clear_error (&error);
  g_assert_false (care_card_check_expiry ("soon", now, &month, &year, &error));
  g_clear_error (&error);

  g_assert_true (care_card_check_code ("123", NULL));
  g_assert_true (care_card_check_code ("1234", NULL));
  g_assert_false (care_card_check_code ("12", &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_CODE);
  g_clear_error (&error);

  /* The whole card names the first wrong field. */
  g_assert_null (care_card_new (CARD, "12/30", "123", "  ", now, &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NAME);
  g_clear_error (&error);
  g_assert_null (care_card_new (CARD, "12/20", "1", "Maria", now, &error));
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_EXPIRY);
  g_clear_error (&error);
  card = care_card_new (CARD, "12/30", "123", " Maria Reyes ", now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->number, ==, CARD_DIGITS);
  g_assert_cmpstr (card->name, ==, "Maria Reyes");
}

/* ---- Against the sandbox ---- */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static CareBill *
portal_bill (Fixture    *fixture,
             const char *id)
{
  g_autoptr(JsonObject) invoice = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Invoice", id);

  return care_bill_new_from_invoice (invoice);
}

static guint
count_notices (Fixture *fixture)
{
  return care_sandbox_store_count (care_sandbox_get_store (fixture->sandbox), "PaymentNotice");
}

static CareCard *
card_new (const char *number)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return care_card_new (number, "12/35", "737", "Zyxwv Quillon", now, NULL);
}

static void
paid_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = ((gpointer *)user_data)[1];

  *(CareBillReceipt **)((gpointer *)user_data)[0] = care_bill_pay_finish (CARE_OUTBOX (source), result, error);
  ((gpointer *)user_data)[2] = GINT_TO_POINTER (TRUE);
}

static CareBillReceipt *
pay (CareOutbox  *outbox,
     CareBill    *bill,
     gint64       cents,
     const char  *number,
     GError     **error)
{
  g_autoptr(CareCard) card = card_new (number);
  CareBillReceipt *receipt = NULL;
  gpointer data[3] = { &receipt, error, NULL };

  g_assert_nonnull (card);
  care_bill_pay_async (outbox, bill, cents, card, NULL, paid_cb, data);
  while (data[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  return receipt;
}

/* In part, then the rest: the balance goes down, then the statement is
 * balanced, and the cache (after a sync) says so. Nothing of the card is
 * in the cache file or its log; the receipt prints id first. */
static void
test_pay (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(CareBill) bill = portal_bill (fixture, INVOICE);
  g_autoptr(CareBillReceipt) first = NULL;
  g_autoptr(CareBillReceipt) rest = NULL;
  g_autoptr(CareBill) after = NULL;
  g_autoptr(CareBill) cached = NULL;
  g_autoptr(JsonObject) invoice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpint (bill->balance, ==, 3000);
  first = pay (fixture->outbox, bill, 1050, CARD, &error);
  g_assert_no_error (error);
  g_assert_true (first->sent);
  g_assert_true (g_str_has_prefix (first->id, "PaymentNotice/"));
  g_assert_cmpstr (first->card, ==, "Visa ending 4242");
  g_assert_cmpint (first->amount, ==, 1050);
  after = portal_bill (fixture, INVOICE);
  g_assert_cmpint (after->balance, ==, 1950);

  line = care_bill_receipt_dup_line (first);
  fields = g_strsplit (line, "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 7);
  g_assert_cmpstr (fields[0], ==, first->id);
  g_assert_cmpstr (fields[2], ==, "Invoice/" INVOICE);
  g_assert_cmpstr (fields[3], ==, "10.50");
  g_assert_cmpstr (fields[4], ==, "USD");
  g_assert_cmpstr (fields[6], ==, "paid");

  care_test_portal_sync (fixture);
  invoice = care_cache_lookup (fixture->cache, "Invoice", INVOICE, NULL);
  g_assert_nonnull (invoice);
  cached = care_bill_new_from_invoice (invoice);
  g_assert_cmpint (cached->balance, ==, 1950);

  rest = pay (fixture->outbox, cached, cached->balance, CARD, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, care_bill_free);
  after = portal_bill (fixture, INVOICE);
  g_assert_cmpint (after->balance, ==, 0);
  g_assert_cmpuint (count_notices (fixture), ==, 2);
  care_test_portal_sync (fixture);
  g_clear_pointer (&invoice, json_object_unref);
  invoice = care_cache_lookup (fixture->cache, "Invoice", INVOICE, NULL);
  g_assert_cmpstr (care_fhir_get_string (invoice, "status"), ==, "balanced");

  g_assert_false (file_contains (fixture->path, CARD_DIGITS));
  g_assert_false (file_contains (wal, CARD_DIGITS));
  g_assert_false (file_contains (fixture->path, "Zyxwv"));
  g_assert_false (file_contains (wal, "Zyxwv"));
}

/* Declined, more than is due, offline, a portal failing: each a clear
 * error, nothing paid, nothing left in the outbox. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CareBill) bill = portal_bill (fixture, INVOICE);
  g_autoptr(CareBillReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncState) state = care_sync_state_new ();
  g_autoptr(CarePortalClient) client = NULL;
  g_autoptr(CareSyncEngine) offline = NULL;
  g_autoptr(CareOutbox) offline_outbox = NULL;
  g_autoptr(CareBill) stale = NULL;
  g_autoptr(CareBill) after = NULL;

  receipt = pay (fixture->outbox, bill, 1000, "4000 0000 0000 0002", &error);
  g_assert_null (receipt);
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_DECLINED);
  g_assert_cmpstr (error->message, ==, "Your bank declined this card. Use another card, or call your bank.");
  g_clear_error (&error);

  /* The statement was paid meanwhile elsewhere: the portal refuses more
   * than is due, and the refused payment does not stay in the outbox. */
  stale = portal_bill (fixture, INVOICE);
  stale->balance = 5000;
  receipt = pay (fixture->outbox, stale, 4000, CARD, &error);
  g_assert_null (receipt);
  g_assert_error (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "more than"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 0);

  /* A 500: an error in words, nothing paid. */
  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "error=1", NULL));
  receipt = pay (fixture->outbox, bill, 1000, CARD, &error);
  g_assert_null (receipt);
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_clear_error (&error);
  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "", NULL));

  /* Offline: "You're offline", at once. */
  care_sync_state_set_online (state, FALSE);
  client = care_portal_client_new (care_sandbox_get_fhir_base (fixture->sandbox), NULL);
  offline = care_sync_engine_new (fixture->cache, client, CARE_SANDBOX_DEMO_ADULT, state);
  offline_outbox = care_outbox_new (fixture->cache, offline);
  receipt = pay (offline_outbox, bill, 1000, CARD, &error);
  g_assert_null (receipt);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE);
  g_assert_cmpstr (error->message, ==, "You’re offline");
  g_clear_error (&error);

  after = portal_bill (fixture, INVOICE);
  g_assert_cmpint (after->balance, ==, 3000);
  g_assert_cmpuint (count_notices (fixture), ==, 0);
}

static void
ran_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(JsonObject **)user_data = care_outbox_run_now_finish (CARE_OUTBOX (source), result, &error);
  g_assert_no_error (error);
}

/* A payment queued with a token the portal gave: what the outbox resends. */
static CareOutboxEntry *
queue_payment (Fixture *fixture,
               gint64   cents)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(CareBill) bill = portal_bill (fixture, INVOICE);
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry;
  JsonArray *list;
  const char *token = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"number\",\"valueString\":\"" CARD_DIGITS "\"},"
    "{\"name\":\"expiryMonth\",\"valueInteger\":12},{\"name\":\"expiryYear\",\"valueInteger\":2035},"
    "{\"name\":\"securityCode\",\"valueString\":\"737\"},{\"name\":\"name\",\"valueString\":\"M\"}]}", -1, NULL));
  care_outbox_run_now_async (fixture->outbox, "POST", "PaymentNotice/$tokenize",
                             json_node_get_object (json_parser_get_root (parser)), NULL, ran_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  list = json_object_get_array_member (answer, "parameter");
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (list, i), "name"), "token"))
      token = json_object_get_string_member (json_array_get_object_element (list, i), "valueString");
  g_assert_nonnull (token);
  draft = care_bill_payment_draft_new (bill, cents, token, "Visa ending 4242", now);
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  return entry;
}

/* The portal took the payment and its answer was lost (a 500, a dropped
 * connection): the outbox sends it again with If-None-Exist, and the
 * statement is paid once. */
static void
test_answer_lost (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *faults[] = { "write-error=1,times=1", "write-drop=1,times=1" };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      CareOutboxEntry *entry = queue_payment (fixture, 500);
      g_autoptr(CareBill) after = NULL;

      g_assert_true (care_sandbox_set_faults (fixture->sandbox, faults[i], NULL));
      g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
      g_assert_true (care_sandbox_set_faults (fixture->sandbox, "", NULL));
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
      g_assert_cmpuint (count_notices (fixture), ==, i + 1);
      after = portal_bill (fixture, INVOICE);
      g_assert_cmpint (after->balance, ==, 3000 - 500 * (i + 1));
    }
}

/* The sender killed as the payment goes out (before or after the portal
 * had it): the next send, after a restart, pays it once. */
static void
test_killed_while_paying (Fixture       *fixture,
                          gconstpointer  data)
{
  guint killed = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CareBill) after = NULL;
      g_autofree char *id = g_strdup (care_outbox_entry_get_id (queue_payment (fixture, 100)));

      killed += care_test_portal_kill_sender (fixture, 1);
      care_test_portal_reopen (fixture);
      care_test_portal_send_all (fixture);
      g_assert_cmpint (care_outbox_entry_get_state (care_outbox_lookup (fixture->outbox, id)), ==,
                       CARE_OUTBOX_SENT);
      g_assert_cmpuint (count_notices (fixture), ==, i + 1);
      after = portal_bill (fixture, INVOICE);
      g_assert_cmpint (after->balance, ==, 3000 - 100 * (i + 1));
    }
  g_assert_cmpuint (killed, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bill-payment/bill", test_bill);
  g_test_add_func ("/bill-payment/card", test_card);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, care_test_portal_setup, fn, care_test_portal_teardown)
  ADD ("/bill-payment/pay", test_pay);
  ADD ("/bill-payment/refusals", test_refusals);
  ADD ("/bill-payment/answer-lost", test_answer_lost);
  ADD ("/bill-payment/killed-while-paying", test_killed_while_paying);
#undef ADD

  return g_test_run ();
}
