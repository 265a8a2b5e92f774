/* care-claim-totals.h — what a claim billed, what the insurer paid, what is yours
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CareClaimTotals:
 * @currency: (nullable): the currency code of the amounts, %NULL for US dollars
 * @has_billed: whether @billed is known
 * @billed: what the clinic billed
 * @has_paid: whether @paid is known
 * @paid: what the insurer paid (or, for a Claim, nothing: not yet known)
 * @has_share: whether @share is known
 * @share: what the patient owes or paid
 * @from_items: the amounts were worked out from the line items because
 *   the totals the portal sent disagree with them or with each other
 * @inconsistent: even the line items say the insurer paid more than was
 *   billed: @has_paid is then %FALSE, as the figure cannot be right
 *
 * The amounts of a Claim or an ExplanationOfBenefit, reconciled.
 */
typedef struct
{
  char     *currency;
  gboolean  has_billed;
  double    billed;
  gboolean  has_paid;
  double    paid;
  gboolean  has_share;
  double    share;
  gboolean  from_items;
  gboolean  inconsistent;
} CareClaimTotals;

void     care_claim_totals_read  (JsonObject      *resource,
                                  CareClaimTotals *out);
void     care_claim_totals_clear (CareClaimTotals *totals);
char    *care_claim_dup_claim_id (JsonObject      *eob);

G_END_DECLS
