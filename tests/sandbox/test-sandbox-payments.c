/* test-sandbox-payments.c — paying a statement on the sandbox portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card becomes a token (PaymentNotice/$tokenize), a declined card is
 * refused with the bank's reason, and a PaymentNotice with the token takes
 * its amount off the statement's balance: partly, then in full
 * ("balanced"); never more than is due, never nothing; once per
 * identifier however often it is sent; only for the payer's own bills.
 */
#include "config.h"

#include "sandbox-fhir-client.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"

#define BALANCE_URL "https://carebook.org/fhir/StructureDefinition/balance-due"

typedef struct
{
  Fixture base;
  char   *adult;
  char   *elder_proxy;
  char   *child_parent;
} Pay;

static void
pay_setup (Pay           *fixture,
           gconstpointer  data)
{
  fixture_setup_seeded (&fixture->base, data);
  fixture->adult = fixture_writer_token (&fixture->base, "adult", CARE_SANDBOX_PROXY_NONE);
  fixture->elder_proxy = fixture_writer_token (&fixture->base, "elder", CARE_SANDBOX_PROXY_GRANTED);
  fixture->child_parent = fixture_writer_token (&fixture->base, "child", CARE_SANDBOX_PROXY_PARENT);
}

static void
pay_teardown (Pay           *fixture,
              gconstpointer  data)
{
  g_free (fixture->adult);
  g_free (fixture->elder_proxy);
  g_free (fixture->child_parent);
  fixture_teardown (&fixture->base, data);
}

static Response *
tokenize (Pay        *fixture,
          const char *token,
          const char *number,
          int         month,
          int         year)
{
  g_autofree char *body = g_strdup_printf (
    "{\"resourceType\":\"Parameters\",\"parameter\":["
    "{\"name\":\"number\",\"valueString\":\"%s\"},"
    "{\"name\":\"expiryMonth\",\"valueInteger\":%d},{\"name\":\"expiryYear\",\"valueInteger\":%d},"
    "{\"name\":\"securityCode\",\"valueString\":\"123\"},{\"name\":\"name\",\"valueString\":\"Maria Reyes\"}]}",
    number, month, year);

  return request (&fixture->base, "POST", "/fhir/PaymentNotice/$tokenize", token, body, NULL, NULL);
}

static const char *
parameter (Response   *response,
           const char *name)
{
  JsonArray *list = json_object_get_array_member (response->json, "parameter");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (p, "name"), name))
        return json_object_get_string_member (p, "valueString");
    }
  g_assert_not_reached ();
}

/* A card token for @token's patient. */
static char *
card_token (Pay        *fixture,
            const char *token)
{
  g_autoptr(Response) response = tokenize (fixture, token, "4242 4242 4242 4242", 12, 2035);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (parameter (response, "token"));
}

static Response *
notify (Pay        *fixture,
        const char *token,
        const char *invoice,
        const char *amount,
        const char *card,
        const char *identifier)
{
  g_autofree char *body = g_strdup_printf (
    "{\"resourceType\":\"PaymentNotice\",\"status\":\"active\","
    "\"identifier\":[{\"system\":\"urn:carebook:outbox\",\"value\":\"%s\"}],"
    "\"request\":{\"reference\":\"Invoice/%s\"},\"created\":\"2026-12-06T10:00:00Z\","
    "\"payment\":{\"identifier\":{\"system\":\"https://carebook.org/fhir/payment-token\",\"value\":\"%s\"},"
    "\"display\":\"Visa ending 4242\"},\"recipient\":{\"reference\":\"Organization/riverside\"},"
    "\"amount\":{\"value\":%s,\"currency\":\"USD\"}}",
    identifier, invoice, card, amount);
  g_autofree char *condition = g_strdup_printf ("identifier=urn:carebook:outbox|%s", identifier);

  return request (&fixture->base, "POST", "/fhir/PaymentNotice", token, body, "If-None-Exist", condition);
}

static double
balance (Pay        *fixture,
         const char *invoice_id,
         const char **out_status)
{
  g_autoptr(JsonObject) invoice = care_sandbox_store_get (care_sandbox_get_store (fixture->base.sandbox),
                                                          "Invoice", invoice_id);
  JsonArray *extensions = json_object_get_array_member (invoice, "extension");

  *out_status = g_intern_string (json_object_get_string_member (invoice, "status"));
  for (guint i = 0; i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = json_array_get_object_element (extensions, i);

      if (g_str_equal (json_object_get_string_member (extension, "url"), BALANCE_URL))
        return json_object_get_double_member (json_object_get_object_member (extension, "valueMoney"), "value");
    }
  g_assert_not_reached ();
}

static const char *
rule_of (Response *response)
{
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (response->json, "issue"), 0);
  JsonObject *details = json_object_get_object_member (issue, "details");

  return json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (details, "coding"), 0), "code");
}

static const char *
outcome_text (Response *response)
{
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (response->json, "issue"), 0);

  return json_object_get_string_member (json_object_get_object_member (issue, "details"), "text");
}

/* A good card gives a token with its brand and last four digits, and
 * the answer never repeats the number. */
static void
test_tokenize (Pay           *fixture,
               gconstpointer  data)
{
  g_autoptr(Response) visa = tokenize (fixture, fixture->adult, "4242-4242-4242-4242", 1, 2040);
  g_autoptr(Response) master = tokenize (fixture, fixture->adult, "5555555555554444", 1, 2040);
  g_autoptr(Response) luhn = tokenize (fixture, fixture->adult, "4242424242424241", 1, 2040);
  g_autoptr(Response) expired = tokenize (fixture, fixture->adult, "4242424242424242", 1, 2020);
  g_autoptr(Response) letters = tokenize (fixture, fixture->adult, "4242x42424242424", 1, 2040);
  g_autoptr(Response) read_only = tokenize (fixture, fixture->base.token, "4242424242424242", 1, 2040);

  g_assert_cmpuint (visa->status, ==, 200);
  g_assert_cmpstr (parameter (visa, "brand"), ==, "Visa");
  g_assert_cmpstr (parameter (visa, "last4"), ==, "4242");
  g_assert_true (g_str_has_prefix (parameter (visa, "token"), "tok_"));
  g_assert_null (strstr (visa->body, "42424242"));
  g_assert_cmpstr (parameter (master, "brand"), ==, "Mastercard");
  g_assert_cmpstr (parameter (master, "last4"), ==, "4444");

  assert_outcome (luhn, 400);
  g_assert_cmpstr (rule_of (luhn), ==, "card");
  assert_outcome (expired, 400);
  g_assert_cmpstr (outcome_text (expired), ==, "The card has expired.");
  assert_outcome (letters, 400);
  /* A read-only token may not pay. */
  assert_outcome (read_only, 403);
}

/* The test bank's declined cards are refused with its reason. */
static void
test_declined (Pay           *fixture,
               gconstpointer  data)
{
  g_autoptr(Response) declined = tokenize (fixture, fixture->adult, "4000 0000 0000 0002", 12, 2035);
  g_autoptr(Response) funds = tokenize (fixture, fixture->adult, "4000 0000 0000 9995", 12, 2035);

  assert_outcome (declined, 402);
  g_assert_cmpstr (rule_of (declined), ==, "declined");
  g_assert_nonnull (strstr (outcome_text (declined), "declined"));
  assert_outcome (funds, 402);
  g_assert_nonnull (strstr (outcome_text (funds), "not enough money"));
}

/* Part of the balance, then the rest: the statement is balanced. A
 * resend of the same notice pays nothing more. */
static void
test_pay_in_parts (Pay           *fixture,
                   gconstpointer  data)
{
  g_autofree char *card = card_token (fixture, fixture->adult);
  const char *status;

  g_assert_cmpfloat (balance (fixture, "adult-invoice-0", &status), ==, 30.0);
  g_assert_cmpstr (status, ==, "issued");

  {
    g_autoptr(Response) first = notify (fixture, fixture->adult, "adult-invoice-0", "10.5", card, "one");
    g_autoptr(Response) again = notify (fixture, fixture->adult, "adult-invoice-0", "10.5", card, "one");

    g_assert_cmpuint (first->status, ==, 201);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (
      json_object_get_object_member (first->json, "paymentStatus"), "coding"), 0), "code"), ==, "paid");
    /* The resend finds the first: 200, its Location, no second charge. */
    g_assert_cmpuint (again->status, ==, 200);
    g_assert_cmpstr (header (again, "Location"), ==, header (first, "Location"));
    g_assert_cmpfloat_with_epsilon (balance (fixture, "adult-invoice-0", &status), 19.5, 0.001);
    g_assert_cmpstr (status, ==, "issued");
  }
  {
    g_autoptr(Response) over = notify (fixture, fixture->adult, "adult-invoice-0", "19.51", card, "two");
    g_autoptr(Response) zero = notify (fixture, fixture->adult, "adult-invoice-0", "0", card, "three");
    g_autoptr(Response) negative = notify (fixture, fixture->adult, "adult-invoice-0", "-5", card, "four");
    g_autoptr(Response) rest = notify (fixture, fixture->adult, "adult-invoice-0", "19.50", card, "five");
    g_autoptr(Response) paid = notify (fixture, fixture->adult, "adult-invoice-0", "1", card, "six");

    assert_outcome (over, 422);
    g_assert_cmpstr (rule_of (over), ==, "over-balance");
    assert_outcome (zero, 422);
    g_assert_cmpstr (rule_of (zero), ==, "amount");
    assert_outcome (negative, 422);
    g_assert_cmpuint (rest->status, ==, 201);
    g_assert_cmpfloat (balance (fixture, "adult-invoice-0", &status), ==, 0.0);
    g_assert_cmpstr (status, ==, "balanced");
    assert_outcome (paid, 422);
    g_assert_cmpstr (rule_of (paid), ==, "paid");
  }
}

/* Only the payer's own bills, with a token made for that patient. */
static void
test_whose_bill (Pay           *fixture,
                 gconstpointer  data)
{
  g_autofree char *adult_card = card_token (fixture, fixture->adult);
  g_autofree char *elder_card = card_token (fixture, fixture->elder_proxy);
  g_autoptr(Response) other = notify (fixture, fixture->adult, "elder-invoice-1", "5", adult_card, "a");
  g_autoptr(Response) stolen = notify (fixture, fixture->elder_proxy, "elder-invoice-1", "5", adult_card, "b");
  g_autoptr(Response) forged = notify (fixture, fixture->adult, "adult-invoice-0", "5", "tok_Visa_4242_0_0", "c");
  g_autoptr(Response) proxy = notify (fixture, fixture->elder_proxy, "elder-invoice-1", "85.40", elder_card, "d");
  g_autoptr(Response) replayed = notify (fixture, fixture->adult, "adult-invoice-0", "5", adult_card, "d");
  const char *status;

  assert_outcome (other, 422);
  g_assert_cmpstr (rule_of (other), ==, "invoice");
  assert_outcome (stolen, 422);
  g_assert_cmpstr (rule_of (stolen), ==, "token");
  assert_outcome (forged, 422);
  g_assert_cmpstr (rule_of (forged), ==, "token");
  /* Maria pays her father's bill as his proxy, in full. */
  g_assert_cmpuint (proxy->status, ==, 201);
  g_assert_cmpfloat (balance (fixture, "elder-invoice-1", &status), ==, 0.0);
  g_assert_cmpstr (status, ==, "balanced");
  /* Another patient's identifier is not a way to read their payment. */
  assert_outcome (replayed, 412);
  g_assert_cmpfloat (balance (fixture, "adult-invoice-0", &status), ==, 30.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Pay, NULL, pay_setup, func, pay_teardown)
  ADD ("/sandbox/payments/tokenize", test_tokenize);
  ADD ("/sandbox/payments/declined", test_declined);
  ADD ("/sandbox/payments/in-parts", test_pay_in_parts);
  ADD ("/sandbox/payments/whose-bill", test_whose_bill);
#undef ADD

  return g_test_run ();
}
