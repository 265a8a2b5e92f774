/* test-billing.c — claims and explanations of benefit, reconciled
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures written from the R4 Claim and ExplanationOfBenefit pages and
 * CARIN Blue Button's adjudication categories: totals that disagree with
 * their items, an insurer "paying" more than was billed, a claim still
 * waiting for the insurer.
 */
#include "config.h"

#include "care-claim-totals.h"
#include "care-fhir.h"

static JsonObject *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *resource;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  resource = care_fhir_parse_resource (contents, length, &error);
  g_assert_no_error (error);
  return resource;
}

/* The totals say the insurer paid $1200 of a $135.57 bill; the items say
 * $82 of it, with a $20 copay: the items win. */
static void
test_totals_disagree (void)
{
  g_autoptr(JsonObject) eob = load ("eob-totals-disagree.json");
  g_autofree char *claim_id = care_claim_dup_claim_id (eob);
  CareClaimTotals totals;

  care_claim_totals_read (eob, &totals);
  g_assert_true (totals.has_billed);
  g_assert_cmpfloat_with_epsilon (totals.billed, 135.57, 0.001);
  g_assert_true (totals.has_paid);
  g_assert_cmpfloat_with_epsilon (totals.paid, 82.00, 0.001);
  g_assert_true (totals.paid <= totals.billed);
  g_assert_true (totals.has_share);
  g_assert_cmpfloat_with_epsilon (totals.share, 20.00, 0.001);
  g_assert_true (totals.from_items);
  g_assert_false (totals.inconsistent);
  g_assert_cmpstr (totals.currency, ==, "USD");
  g_assert_cmpstr (claim_id, ==, "claim-disagree");
  care_claim_totals_clear (&totals);
}

/* CARIN BB: the member's liability is the patient's share. */
static void
test_member_liability (void)
{
  g_autoptr(JsonObject) eob = load ("eob-carin-member-liability.json");
  CareClaimTotals totals;

  care_claim_totals_read (eob, &totals);
  g_assert_cmpfloat_with_epsilon (totals.billed, 250.00, 0.001);
  g_assert_cmpfloat_with_epsilon (totals.paid, 160.00, 0.001);
  g_assert_true (totals.has_share);
  g_assert_cmpfloat_with_epsilon (totals.share, 40.00, 0.001);
  g_assert_false (totals.from_items);
  g_assert_false (totals.inconsistent);
  care_claim_totals_clear (&totals);
}

/* Even the items say the insurer paid ten times the bill: no payment is
 * shown rather than a wrong one. */
static void
test_paid_more_everywhere (void)
{
  g_autoptr(JsonObject) eob = load ("eob-paid-more-everywhere.json");
  CareClaimTotals totals;

  care_claim_totals_read (eob, &totals);
  g_assert_true (totals.has_billed);
  g_assert_cmpfloat_with_epsilon (totals.billed, 80.00, 0.001);
  g_assert_false (totals.has_paid);
  g_assert_true (totals.inconsistent);
  care_claim_totals_clear (&totals);
}

/* A Claim: one Money total, items priced by unit × quantity, nothing paid yet. */
static void
test_claim (void)
{
  g_autoptr(JsonObject) claim = load ("claim-pending.json");
  CareClaimTotals totals;

  care_claim_totals_read (claim, &totals);
  g_assert_true (totals.has_billed);
  g_assert_cmpfloat_with_epsilon (totals.billed, 120.00, 0.001);
  g_assert_false (totals.has_paid);
  g_assert_false (totals.has_share);
  g_assert_false (totals.from_items);
  care_claim_totals_clear (&totals);

  /* A total that disagrees with the items gives way to them. */
  json_object_set_object_member (claim, "total", json_object_new ());
  json_object_set_double_member (json_object_get_object_member (claim, "total"), "value", 999.0);
  care_claim_totals_read (claim, &totals);
  g_assert_cmpfloat_with_epsilon (totals.billed, 120.00, 0.001);
  g_assert_true (totals.from_items);
  care_claim_totals_clear (&totals);

  /* Nothing to read is nothing known, not zero. */
  care_claim_totals_read (NULL, &totals);
  g_assert_false (totals.has_billed);
  g_assert_false (totals.has_paid);
  care_claim_totals_clear (&totals);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/billing/totals-disagree", test_totals_disagree);
  g_test_add_func ("/care/billing/member-liability", test_member_liability);
  g_test_add_func ("/care/billing/paid-more-everywhere", test_paid_more_everywhere);
  g_test_add_func ("/care/billing/claim", test_claim);

  return g_test_run ();
}
