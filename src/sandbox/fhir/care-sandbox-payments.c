/* care-sandbox-payments.c — paying a statement: the card token, then the PaymentNotice
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a portal takes a card without the client ever keeping it:
 *
 *  1. `POST PaymentNotice/$tokenize` (online only) with Parameters
 *     `number`, `expiryMonth`, `expiryYear`, `securityCode`, `name`. The
 *     card is checked (Luhn digit, expiry, a test bank's answer: 4000 0000
 *     0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds)
 *     and answered with Parameters `token`, `brand` and `last4`. Nothing of
 *     the card is kept: the token carries brand, last four digits and its
 *     patient, signed with a key of this process (HMAC-SHA256), so any
 *     sandbox of the process can check it and no table holds cards.
 *  2. `POST PaymentNotice` (the client's outbox, with If-None-Exist on its
 *     identifier): `request` the Invoice, `amount`, `payment.identifier`
 *     the token (system CARE_SANDBOX_PAYMENT_TOKEN_SYSTEM). The amount is
 *     taken off the Invoice's balance (the extension
 *     CARE_SANDBOX_BALANCE_URL, a Money; without it, totalNet while
 *     issued); paid in full, the Invoice is "balanced". A resend with the
 *     same identifier finds the first notice: paid once.
 *
 * R4 gives a PaymentNotice no patient: it is this patient's through the
 * Invoice it pays, which is how both steps check who may pay. Refusals
 * carry details.coding of system CARE_SANDBOX_PAYMENT_RULE_SYSTEM: `card`
 * (number or expiry), `declined` (402), `token`, `invoice`, `paid`,
 * `amount`, `over-balance`, `currency`.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-sandbox-access.h"
#include "care-sandbox-fhir-private.h"
#include "care-sandbox-private.h"
#include "care-sandbox-store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAYMENT_STATUS_SYSTEM "http://terminology.hl7.org/CodeSystem/paymentstatus"

/* ---- Cards ---- */

static gboolean
luhn_ok (const char *digits)
{
  gsize n = strlen (digits);
  guint sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint d = digits[n - 1 - i] - '0';

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  return n >= 12 && n <= 19 && sum % 10 == 0;
}

static const char *
brand_of (const char *digits)
{
  int two = (digits[0] - '0') * 10 + (digits[1] - '0');
  int four = atoi (((char[5]){ digits[0], digits[1], digits[2], digits[3], 0 }));

  if (digits[0] == '4')
    return "Visa";
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720))
    return "Mastercard";
  if (two == 34 || two == 37)
    return "American Express";
  if (four == 6011 || two == 65)
    return "Discover";
  return "Card";
}

/* The card number's digits, spaces and dashes left out; %NULL for
 * anything else. */
static char *
dup_digits (const char *number)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = number; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }
  return g_string_free (digits, FALSE);
}

/* ---- Tokens ---- */

static const char *
token_key (void)
{
  static char key[33];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < 32; i++)
        key[i] = "0123456789abcdef"[g_random_int_range (0, 16)];
      g_once_init_leave (&made, 1);
    }
  return key;
}

static char *
dup_mac (const char *patient,
         const char *payload)
{
  g_autofree char *text = g_strdup_printf ("%s|%s", patient, payload);
  char *mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *)token_key (), 32, text, -1);

  mac[32] = '\0';
  return mac;
}

/* "tok_<last4>_<nonce>_<mac>", the brand as a number in the payload. */
static char *
dup_token (const char *patient,
           const char *brand,
           const char *last4)
{
  g_autofree char *nonce = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *payload = g_strdup_printf ("%s_%s_%s", brand, last4, nonce);
  g_autofree char *mac = dup_mac (patient, payload);
  g_autofree char *plain = g_strdup_printf ("%s_%s", payload, mac);

  /* Brands have spaces ("American Express"): the token has none. */
  g_strdelimit (plain, " ", '-');
  return g_strconcat ("tok_", plain, NULL);
}

static gboolean
token_valid (const char *token,
             const char *patient)
{
  g_autofree char *payload = NULL;
  g_autofree char *mac = NULL;
  const char *last;

  if (token == NULL || !g_str_has_prefix (token, "tok_") || (last = strrchr (token, '_')) == NULL ||
      last - token <= 4)
    return FALSE;
  payload = g_strndup (token + 4, last - token - 4);
  g_strdelimit (payload, "-", ' ');
  mac = dup_mac (patient, payload);
  return g_str_equal (mac, last + 1);
}

/* ---- Answers ---- */

static void
refuse (SoupServerMessage *msg,
        guint              status,
        const char        *rule,
        const char        *text)
{
  g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_outcome ("error", status == 402 ? "processing"
                                                                         : "business-rule", text);
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (outcome, "issue"), 0);
  JsonObject *details = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", CARE_SANDBOX_PAYMENT_RULE_SYSTEM);
  json_object_set_string_member (coding, "code", rule);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (details, "coding", codings);
  json_object_set_string_member (details, "text", text);
  json_object_set_object_member (issue, "details", details);
  care_sandbox_fhir_send_object (msg, status, outcome);
}

static JsonObject *
find_parameter (JsonObject *parameters,
                const char *name)
{
  JsonArray *list = json_object_has_member (parameters, "parameter") &&
                    JSON_NODE_HOLDS_ARRAY (json_object_get_member (parameters, "parameter"))
                    ? json_object_get_array_member (parameters, "parameter") : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *parameter = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (parameter != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (parameter, "name", NULL), name) == 0)
        return parameter;
    }
  return NULL;
}

static const char *
get_string_parameter (JsonObject *parameters,
                      const char *name)
{
  JsonObject *parameter = find_parameter (parameters, name);
  JsonNode *node = parameter != NULL ? json_object_get_member (parameter, "valueString") : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gint64
get_integer_parameter (JsonObject *parameters,
                       const char *name)
{
  JsonObject *parameter = find_parameter (parameters, name);
  JsonNode *node = parameter != NULL ? json_object_get_member (parameter, "valueInteger") : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : -1;
}

static void
add_string_parameter (JsonArray  *list,
                      const char *name,
                      const char *value)
{
  JsonObject *parameter = json_object_new ();

  json_object_set_string_member (parameter, "name", name);
  json_object_set_string_member (parameter, "valueString", value);
  json_array_add_object_element (list, parameter);
}

/**
 * care_sandbox_payments_tokenize: (skip)
 * @store: the resources (for today's date)
 * @grant: who pays
 * @msg: the request
 * @parameters: the card
 *
 * Serves `POST PaymentNotice/$tokenize`: the card checked, and a token
 * for it, or a refusal that says why.
 */
void
care_sandbox_payments_tokenize (CareSandboxStore       *store,
                                const CareSandboxGrant *grant,
                                SoupServerMessage      *msg,
                                JsonObject             *parameters)
{
  g_autofree char *digits = dup_digits (get_string_parameter (parameters, "number"));
  const char *code = get_string_parameter (parameters, "securityCode");
  gint64 month = get_integer_parameter (parameters, "expiryMonth");
  gint64 year = get_integer_parameter (parameters, "expiryYear");
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autofree char *token = NULL;
  JsonArray *list;
  GDate today;
  char last4[5];

  care_sandbox_store_get_today (store, &today);
  if (digits == NULL || !luhn_ok (digits))
    {
      refuse (msg, SOUP_STATUS_BAD_REQUEST, "card", _("The card number is not valid."));
      return;
    }
  if (month < 1 || month > 12 || year < 2000 || year > 2100 ||
      year * 12 + month < (gint64)g_date_get_year (&today) * 12 + g_date_get_month (&today))
    {
      refuse (msg, SOUP_STATUS_BAD_REQUEST, "card", _("The card has expired."));
      return;
    }
  if (code == NULL || strlen (code) < 3 || strlen (code) > 4 || strspn (code, "0123456789") != strlen (code))
    {
      refuse (msg, SOUP_STATUS_BAD_REQUEST, "card", _("The security code is not valid."));
      return;
    }
  /* The test bank's cards that are turned down, as Stripe's test cards are. */
  if (g_str_equal (digits, "4000000000000002"))
    {
      refuse (msg, SOUP_STATUS_PAYMENT_REQUIRED, "declined",
              _("Your bank declined this card. Use another card, or call your bank."));
      return;
    }
  if (g_str_equal (digits, "4000000000009995"))
    {
      refuse (msg, SOUP_STATUS_PAYMENT_REQUIRED, "declined",
              _("Your bank declined this card: there is not enough money in the account."));
      return;
    }

  memcpy (last4, digits + strlen (digits) - 4, 5);
  token = dup_token (grant->patient_id, brand_of (digits), last4);
  json_object_set_string_member (answer, "resourceType", "Parameters");
  list = json_array_new ();
  add_string_parameter (list, "token", token);
  add_string_parameter (list, "brand", brand_of (digits));
  add_string_parameter (list, "last4", last4);
  json_object_set_array_member (answer, "parameter", list);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, answer);
}

/* ---- Invoices ---- */

static gboolean
read_money (JsonObject *money,
            gint64     *out_cents,
            const char **out_currency)
{
  JsonNode *value = money != NULL ? json_object_get_member (money, "value") : NULL;
  double amount;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
    amount = json_node_get_double (value);
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    amount = json_node_get_int (value);
  else
    return FALSE;
  *out_cents = llround (amount * 100);
  *out_currency = json_object_get_string_member_with_default (money, "currency", "USD");
  return TRUE;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
find_balance (JsonObject *invoice)
{
  JsonNode *node = json_object_get_member (invoice, "extension");
  JsonArray *list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *extension = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

      if (extension != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (extension, "url", NULL),
                     CARE_SANDBOX_BALANCE_URL) == 0)
        return extension;
    }
  return NULL;
}

/* What is still owed on @invoice, in cents. */
static gint64
balance_of (JsonObject  *invoice,
            const char **out_currency)
{
  JsonObject *extension = find_balance (invoice);
  gint64 cents = 0;

  *out_currency = "USD";
  if (g_strcmp0 (json_object_get_string_member_with_default (invoice, "status", NULL), "issued") != 0)
    return 0;
  if (extension != NULL && read_money (get_object (extension, "valueMoney"), &cents, out_currency))
    return cents;
  if (read_money (get_object (invoice, "totalNet"), &cents, out_currency))
    return cents;
  return 0;
}

static void
set_balance (JsonObject *invoice,
             gint64      cents,
             const char *currency)
{
  JsonObject *extension = find_balance (invoice);
  JsonObject *money = json_object_new ();

  if (extension == NULL)
    {
      JsonNode *node = json_object_get_member (invoice, "extension");

      extension = json_object_new ();
      json_object_set_string_member (extension, "url", CARE_SANDBOX_BALANCE_URL);
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        json_object_set_array_member (invoice, "extension", json_array_new ());
      json_array_add_object_element (json_object_get_array_member (invoice, "extension"), extension);
    }
  json_object_set_double_member (money, "value", cents / 100.0);
  json_object_set_string_member (money, "currency", currency);
  json_object_set_object_member (extension, "valueMoney", money);
  if (cents == 0)
    json_object_set_string_member (invoice, "status", "balanced");
}

/* The Invoice a notice pays, if it is @grant's patient's. */
static JsonObject *
dup_invoice (CareSandboxStore       *store,
             const CareSandboxGrant *grant,
             JsonObject             *notice)
{
  const char *reference = json_object_get_string_member_with_default (get_object (notice, "request"),
                                                                      "reference", "");
  g_autoptr(JsonObject) invoice = NULL;

  if (!g_str_has_prefix (reference, "Invoice/"))
    return NULL;
  invoice = care_sandbox_store_get (store, "Invoice", reference + strlen ("Invoice/"));
  if (invoice == NULL || !care_sandbox_fhir_in_compartment (grant, invoice) ||
      care_sandbox_access_withholds (care_sandbox_fhir_access_for_grant (store, grant), invoice))
    return NULL;
  return g_steal_pointer (&invoice);
}

/* A resend: the notice the identifier names, if it paid this patient's bill. */
static gboolean
send_if_exists (CareSandboxStore       *store,
                const char             *fhir_base,
                const CareSandboxGrant *grant,
                SoupServerMessage      *msg)
{
  const char *condition = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                        "If-None-Exist");
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(CareSandboxPage) matches = NULL;
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) invoice = NULL;
  CareSandboxSearch search = { 0 };

  if (condition == NULL)
    return FALSE;
  params = care_sandbox_decode_form (condition);
  if (g_hash_table_size (params) != 1 || !g_hash_table_contains (params, "identifier"))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "not-supported",
                                      _("A payment’s If-None-Exist names its identifier only"));
      return TRUE;
    }
  search.type = "PaymentNotice";
  search.params = params;
  search.count = 2;
  matches = care_sandbox_store_search (store, &search, NULL);
  if (matches == NULL || matches->resources->len == 0)
    return FALSE;
  existing = care_sandbox_fhir_parse_object (g_ptr_array_index (matches->resources, 0), -1, NULL);
  invoice = existing != NULL ? dup_invoice (store, grant, existing) : NULL;
  if (invoice == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_PRECONDITION_FAILED, "error", "duplicate",
                                      _("Another resource has this identifier"));
      return TRUE;
    }
  care_sandbox_fhir_send_existing (msg, fhir_base, existing);
  return TRUE;
}

/**
 * care_sandbox_payments_create: (skip)
 * @store: the resources
 * @fhir_base: the absolute FHIR base for links
 * @grant: who pays
 * @msg: the request
 * @notice: the PaymentNotice sent
 *
 * Serves `POST PaymentNotice`: checks the notice against its Invoice,
 * keeps it, and takes the amount off the Invoice's balance, in one
 * transaction.
 */
void
care_sandbox_payments_create (CareSandboxStore       *store,
                              const char             *fhir_base,
                              const CareSandboxGrant *grant,
                              SoupServerMessage      *msg,
                              JsonObject             *notice)
{
  g_autoptr(JsonObject) invoice = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *payment = get_object (notice, "payment");
  JsonObject *status;
  JsonArray *codings;
  JsonObject *coding;
  const char *balance_currency;
  const char *currency = NULL;
  gint64 balance;
  gint64 cents = 0;
  GDate today;
  char day[16];

  if (send_if_exists (store, fhir_base, grant, msg))
    return;

  invoice = dup_invoice (store, grant, notice);
  if (invoice == NULL)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invoice", _("There is no such statement to pay."));
      return;
    }
  balance = balance_of (invoice, &balance_currency);
  if (!token_valid (json_object_get_string_member_with_default (get_object (payment, "identifier"), "value",
                                                                NULL), grant->patient_id) ||
      g_strcmp0 (json_object_get_string_member_with_default (get_object (payment, "identifier"), "system",
                                                             NULL), CARE_SANDBOX_PAYMENT_TOKEN_SYSTEM) != 0)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "token",
              _("The card could not be charged. Enter the card again."));
      return;
    }
  if (balance == 0)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "paid", _("This statement is already paid."));
      return;
    }
  if (!read_money (get_object (notice, "amount"), &cents, &currency) || cents <= 0)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "amount", _("The amount to pay must be more than zero."));
      return;
    }
  if (g_strcmp0 (currency, balance_currency) != 0)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "currency",
              _("The amount is not in the statement’s currency."));
      return;
    }
  if (cents > balance)
    {
      g_autofree char *text = g_strdup_printf (_("The amount is more than the %.2f %s still due."),
                                               balance / 100.0, balance_currency);

      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "over-balance", text);
      return;
    }

  /* Charged: the notice says so, and the statement owes less. */
  care_sandbox_store_get_today (store, &today);
  g_date_strftime (day, sizeof day, "%Y-%m-%d", &today);
  json_object_set_string_member (notice, "status", "active");
  json_object_set_string_member (notice, "paymentDate", day);
  status = json_object_new ();
  codings = json_array_new ();
  coding = json_object_new ();
  json_object_set_string_member (coding, "system", PAYMENT_STATUS_SYSTEM);
  json_object_set_string_member (coding, "code", "paid");
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (status, "coding", codings);
  json_object_set_object_member (notice, "paymentStatus", status);
  set_balance (invoice, balance - cents, balance_currency);

  if (!care_sandbox_store_begin (store, &error))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "error", "exception",
                                      error->message);
      return;
    }
  if ((stored = care_sandbox_store_put (store, notice, &error)) == NULL ||
      (updated = care_sandbox_store_put (store, invoice, &error)) == NULL ||
      !care_sandbox_store_commit (store, &error))
    {
      care_sandbox_store_rollback (store);
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "processing",
                                      error != NULL ? error->message : "");
      return;
    }
  care_sandbox_fhir_send_stored (msg, fhir_base, SOUP_STATUS_CREATED, stored);
}
