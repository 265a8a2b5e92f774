/* care-claim-totals.c — what a claim billed, what the insurer paid, what is yours
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Claim says what the clinic asked for (its `total`, or the sum of its
 * items' `net`); an ExplanationOfBenefit adds the insurer's answer: per
 * item and in `total`, amounts by adjudication category ("submitted",
 * "benefit", the patient's "copay", "deductible", CARIN Blue Button's
 * "memberliability"…) and the `payment`. Portals send totals that
 * disagree with their own items, and an EOB whose "benefit" exceeds what
 * was submitted. The rule here: the line items are the evidence; a total
 * that disagrees with them gives way to their sum, and an insurer that
 * still "paid" more than was billed is not shown as paying anything.
 */
#include "config.h"

#include "care-claim-totals.h"

#include "care-fhir.h"

#include <math.h>
#include <string.h>

#define CENT 0.005

/* What the patient owes or paid, in the R4 and CARIN BB categories:
 * the first found is the answer; otherwise the parts are added up. */
static const char *share_whole[] = { "memberliability", "paidbypatient" };
static const char *share_parts[] = { "copay", "deductible", "coinsurance", "noncovered" };

typedef struct
{
  gboolean has;
  double   value;
} Sum;

static gboolean
read_money (JsonObject  *money,
            double      *out_value,
            const char **out_currency)
{
  JsonNode *node = money != NULL ? json_object_get_member (money, "value") : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out_value = (double)json_node_get_int (node);
  else
    return FALSE;
  if (!isfinite (*out_value))
    return FALSE;
  if (out_currency != NULL && *out_currency == NULL)
    *out_currency = care_fhir_get_string (money, "currency");
  return TRUE;
}

static void
sum_add (Sum    *sum,
         double  value)
{
  sum->has = TRUE;
  sum->value += value;
}

static const char *
category_code (JsonObject *holder)
{
  JsonObject *category = care_fhir_get_object (holder, "category");
  JsonArray *codings = care_fhir_get_array (category, "coding");

  /* Any coding will do: CARIN BB sends its own system beside R4's. */
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      const char *code = care_fhir_get_string (care_fhir_get_array_object (category, "coding", i), "code");

      if (code != NULL)
        return code;
    }
  return NULL;
}

static gboolean
in_list (const char         *code,
         const char * const *list,
         guint               n)
{
  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (code, list[i]))
      return TRUE;
  return FALSE;
}

/* The amounts of @holder's @member array (an EOB's `total` or an item's
 * `adjudication`) in the submitted, benefit and patient-share categories. */
static void
read_categories (JsonObject  *holder,
                 const char  *member,
                 Sum         *submitted,
                 Sum         *benefit,
                 Sum         *share,
                 const char **currency)
{
  JsonArray *array = care_fhir_get_array (holder, member);
  Sum whole = { 0 }, parts = { 0 };

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *entry = care_fhir_get_array_object (holder, member, i);
      const char *code = category_code (entry);
      double value;

      if (code == NULL || !read_money (care_fhir_get_object (entry, "amount"), &value, currency))
        continue;
      if (g_str_equal (code, "submitted"))
        sum_add (submitted, value);
      else if (g_str_equal (code, "benefit"))
        sum_add (benefit, value);
      else if (in_list (code, share_whole, G_N_ELEMENTS (share_whole)))
        {
          if (!whole.has)
            sum_add (&whole, value);
        }
      else if (in_list (code, share_parts, G_N_ELEMENTS (share_parts)))
        sum_add (&parts, value);
    }
  if (whole.has)
    sum_add (share, whole.value);
  else if (parts.has)
    sum_add (share, parts.value);
}

/* An item's charge: its `net`, else unit price × quantity × factor. */
static gboolean
read_item_charge (JsonObject  *item,
                  double      *out_value,
                  const char **currency)
{
  double price, quantity = 1, factor = 1;
  JsonNode *node;

  if (read_money (care_fhir_get_object (item, "net"), out_value, currency))
    return TRUE;
  if (!read_money (care_fhir_get_object (item, "unitPrice"), &price, currency))
    return FALSE;
  care_fhir_get_quantity (care_fhir_get_object (item, "quantity"), &quantity, NULL);
  node = json_object_get_member (item, "factor");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
    factor = json_node_get_double (node);
  *out_value = price * quantity * factor;
  return isfinite (*out_value);
}

static gboolean
differ (double a,
        double b)
{
  return fabs (a - b) > CENT;
}

/**
 * care_claim_totals_read:
 * @resource: a Claim or an ExplanationOfBenefit
 * @out: (out caller-allocates): the amounts; clear with care_claim_totals_clear()
 *
 * Reads what was billed, what the insurer paid and the patient's share,
 * reconciled so that the insurer never paid more than was billed:
 * totals that disagree with the line items give way to the items' sums.
 */
void
care_claim_totals_read (JsonObject      *resource,
                        CareClaimTotals *out)
{
  Sum total_billed = { 0 }, total_paid = { 0 }, total_share = { 0 };
  Sum items_billed = { 0 }, items_paid = { 0 }, items_share = { 0 };
  Sum payment = { 0 };
  const char *currency = NULL;
  JsonArray *items = care_fhir_get_array (resource, "item");
  JsonNode *total;
  double value;

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  if (resource == NULL)
    return;

  /* Claim.total is one Money; ExplanationOfBenefit.total a list by category. */
  total = json_object_get_member (resource, "total");
  if (total != NULL && JSON_NODE_HOLDS_OBJECT (total))
    {
      if (read_money (json_node_get_object (total), &value, &currency))
        sum_add (&total_billed, value);
    }
  else
    read_categories (resource, "total", &total_billed, &total_paid, &total_share, &currency);
  if (read_money (care_fhir_get_object (care_fhir_get_object (resource, "payment"), "amount"), &value, &currency))
    sum_add (&payment, value);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = care_fhir_get_array_object (resource, "item", i);
      Sum submitted = { 0 };

      read_categories (item, "adjudication", &submitted, &items_paid, &items_share, &currency);
      if (read_item_charge (item, &value, &currency))
        sum_add (&items_billed, value);
      else if (submitted.has)
        sum_add (&items_billed, submitted.value);
    }

  out->currency = g_strdup (currency);

  /* Billed: the total, unless the items say otherwise. */
  if (total_billed.has && !(items_billed.has && differ (total_billed.value, items_billed.value)))
    out->billed = total_billed.value, out->has_billed = TRUE;
  else if (items_billed.has)
    {
      out->billed = items_billed.value, out->has_billed = TRUE;
      out->from_items = total_billed.has;
    }

  /* Paid: the payment, else the benefit total, unless the items disagree. */
  if (payment.has && !(items_paid.has && differ (payment.value, items_paid.value)))
    out->paid = payment.value, out->has_paid = TRUE;
  else if (total_paid.has && !(items_paid.has && differ (total_paid.value, items_paid.value)))
    out->paid = total_paid.value, out->has_paid = TRUE;
  else if (items_paid.has)
    {
      out->paid = items_paid.value, out->has_paid = TRUE;
      out->from_items |= payment.has || total_paid.has;
    }

  if (total_share.has && !(items_share.has && differ (total_share.value, items_share.value)))
    out->share = total_share.value, out->has_share = TRUE;
  else if (items_share.has)
    {
      out->share = items_share.value, out->has_share = TRUE;
      out->from_items |= total_share.has;
    }

  /* Never "insurance paid" more than "billed": the items decide, and if
   * even they disagree, the payment is not shown at all. */
  if (out->has_billed && out->has_paid && out->paid > out->billed + CENT)
    {
      if (items_billed.has && items_paid.has && !(items_paid.value > items_billed.value + CENT))
        {
          out->billed = items_billed.value;
          out->paid = items_paid.value;
          out->from_items = TRUE;
        }
      else
        {
          out->has_paid = FALSE;
          out->inconsistent = TRUE;
        }
    }
  if (out->has_billed && out->has_share && out->share > out->billed + CENT)
    {
      out->has_share = FALSE;
      out->inconsistent = TRUE;
    }
}

void
care_claim_totals_clear (CareClaimTotals *totals)
{
  if (totals != NULL)
    g_clear_pointer (&totals->currency, g_free);
}

/**
 * care_claim_dup_claim_id:
 * @eob: an ExplanationOfBenefit
 *
 * Returns: (transfer full) (nullable): the id of the Claim @eob answers,
 *   so a claim and its explanation show as one visit
 */
char *
care_claim_dup_claim_id (JsonObject *eob)
{
  CareFhirReference reference = { 0 };
  char *id = NULL;

  if (care_fhir_read_reference (care_fhir_get_object (eob, "claim"), &reference) &&
      g_strcmp0 (reference.type, "Claim") == 0)
    id = g_strdup (reference.id);
  care_fhir_reference_clear (&reference);
  return id;
}
