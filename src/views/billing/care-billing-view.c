/* care-billing-view.c — insurance, bills and claims
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a daughter managing her father's bills looks for: the insurance
 * (Coverage: who pays, the member and group numbers to give at the desk,
 * copays), the clinic's statements (Invoice: how much, and whether it is
 * still due or paid) and, per visit, what was billed and what the
 * insurer paid (ExplanationOfBenefit, answering a Claim; a Claim with no
 * answer yet shows as waiting). The amounts are reconciled in core
 * (care-claim-totals.c): never "insurance paid" more than "billed".
 * Amounts are in the currency the portal gives. A statement with something
 * still due has Pay…, which opens care-bill-pay-dialog.c, where the portal
 * takes PaymentNotice writes; elsewhere the view says to pay in the portal.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-billing-view.h"

#include "care-bill-pay-dialog.h"
#include "care-bill-payment.h"
#include "care-claim-totals.h"
#include "care-fhir.h"
#include "care-resource-item.h"

struct _CareBillingView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareBillingView, care_billing_view, CARE_TYPE_RECORD_LIST)

/* A Money as people read it. */
static char *
dup_money_text (JsonObject *money)
{
  const char *currency = care_fhir_get_string (money, "currency");
  JsonNode *value = money != NULL && json_object_has_member (money, "value")
                    ? json_object_get_member (money, "value") : NULL;
  double amount;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      (json_node_get_value_type (value) != G_TYPE_DOUBLE && json_node_get_value_type (value) != G_TYPE_INT64))
    return NULL;
  amount = json_node_get_value_type (value) == G_TYPE_DOUBLE ? json_node_get_double (value)
                                                             : (double)json_node_get_int (value);
  return care_money_format (amount, currency);
}

/* The name of a Coverage.class of @code ("group", "plan"), and its value. */
static JsonObject *
find_class (JsonObject *coverage,
            const char *code)
{
  JsonArray *classes = care_fhir_get_array (coverage, "class");

  for (guint i = 0; classes != NULL && i < json_array_get_length (classes); i++)
    {
      JsonObject *class = care_fhir_get_array_object (coverage, "class", i);

      if (g_strcmp0 (care_fhir_get_string (care_fhir_get_first_coding (care_fhir_get_object (class, "type")), "code"),
                     code) == 0)
        return class;
    }
  return NULL;
}

static void
add_coverage_row (CareBillingView     *self,
                  AdwPreferencesGroup *group,
                  JsonObject          *coverage)
{
  g_autofree char *payor = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), coverage,
                                                                care_fhir_get_array_object (coverage, "payor", 0));
  JsonObject *plan = find_class (coverage, "plan");
  JsonObject *group_class = find_class (coverage, "group");
  g_autofree char *type = care_fhir_dup_concept_text (care_fhir_get_object (coverage, "type"));
  g_autofree char *since = care_record_list_dup_date_text (
    care_fhir_get_string (care_fhir_get_object (coverage, "period"), "start"));
  JsonArray *costs = care_fhir_get_array (coverage, "costToBeneficiary");
  const char *status = care_fhir_get_string (coverage, "status");
  const char *plan_name = plan != NULL ? care_fhir_get_string (plan, "name") : NULL;
  AdwActionRow *row;

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, payor != NULL ? payor : _("Insurance"),
                                  plan_name != NULL ? plan_name : type);
  if (g_strcmp0 (status, "active") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Active"), CARE_TAG_GOOD);
  else if (g_strcmp0 (status, "cancelled") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Ended"), CARE_TAG_NEUTRAL);

  if (care_fhir_get_string (coverage, "subscriberId") != NULL)
    {
      /* Translators: the number to give at the front desk */
      g_autofree char *line = g_strdup_printf (_("Member ID %s"), care_fhir_get_string (coverage, "subscriberId"));

      care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
    }
  if (group_class != NULL && care_fhir_get_string (group_class, "value") != NULL)
    {
      const char *name = care_fhir_get_string (group_class, "name");
      g_autofree char *line = name != NULL
                              /* Translators: an insurance group number and the group's name */
                              ? g_strdup_printf (_("Group %s (%s)"), care_fhir_get_string (group_class, "value"), name)
                              /* Translators: an insurance group number */
                              : g_strdup_printf (_("Group %s"), care_fhir_get_string (group_class, "value"));

      care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
    }
  for (guint i = 0; costs != NULL && i < json_array_get_length (costs); i++)
    {
      JsonObject *cost = care_fhir_get_array_object (coverage, "costToBeneficiary", i);
      g_autofree char *what = care_fhir_dup_concept_text (care_fhir_get_object (cost, "type"));
      g_autofree char *money = dup_money_text (care_fhir_get_object (cost, "valueMoney"));

      if (what != NULL && money != NULL)
        {
          /* Translators: what something costs you: "Office visit copay: $30.00" */
          g_autofree char *line = g_strdup_printf (_("%s: %s"), what, money);

          care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
        }
    }
  if (since != NULL)
    {
      /* Translators: since when an insurance covers you */
      g_autofree char *line = g_strdup_printf (_("Since %s"), since);

      care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
    }
}

static void
pay_clicked_cb (GtkButton       *button,
                CareBillingView *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (record == NULL)
    return;
  dialog = care_bill_pay_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, record,
                                     g_object_get_data (G_OBJECT (button), "invoice"),
                                     g_object_get_data (G_OBJECT (button), "title"),
                                     g_object_get_data (G_OBJECT (button), "issuer"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What is still due when part was paid, and Pay… where the portal takes
 * payments from apps. */
static void
add_pay_button (CareBillingView *self,
                AdwActionRow    *row,
                JsonObject      *invoice,
                const char      *title,
                const char      *issuer)
{
  g_autoptr(CareBill) bill = care_bill_new_from_invoice (invoice);
  g_autofree char *label = NULL;
  GtkWidget *button;

  if (bill == NULL || bill->balance <= 0)
    return;
  if (bill->balance != bill->total)
    {
      g_autofree char *money = care_bill_format_money (bill->balance, bill->currency);
      /* Translators: what is left to pay of a statement paid in part */
      g_autofree char *line = g_strdup_printf (_("Still due: %s"), money);

      care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
    }
  if (!care_record_list_can_write (CARE_RECORD_LIST (self), "PaymentNotice"))
    return;

  button = gtk_button_new_with_label (_("Pay…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of a statement's Pay button: "Pay the Patient statement of Nov 29, 2026" */
  label = g_strdup_printf (_("Pay the %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "invoice", json_object_ref (invoice),
                          (GDestroyNotify)json_object_unref);
  g_object_set_data_full (G_OBJECT (button), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (button), "issuer", g_strdup (issuer), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (pay_clicked_cb), self, 0);
  adw_action_row_add_suffix (row, button);
}

static void
add_invoice_row (CareBillingView     *self,
                 AdwPreferencesGroup *group,
                 JsonObject          *invoice)
{
  g_autofree char *date = care_record_list_dup_date_text (care_fhir_get_string (invoice, "date"));
  g_autofree char *type = care_fhir_dup_concept_text (care_fhir_get_object (invoice, "type"));
  g_autofree char *total = dup_money_text (care_fhir_get_object (invoice, "totalNet"));
  g_autofree char *issuer = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), invoice,
                                                                 care_fhir_get_object (invoice, "issuer"));
  g_autofree char *title = NULL;
  JsonArray *items = care_fhir_get_array (invoice, "lineItem");
  const char *status = care_fhir_get_string (invoice, "status");
  g_autoptr(GString) subtitle = g_string_new (total);
  AdwActionRow *row;

  if (date != NULL)
    /* Translators: a bill and its date: "Patient statement of Nov 26, 2026" */
    title = g_strdup_printf (_("%s of %s"), type != NULL ? type : _("Statement"), date);
  if (issuer != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", issuer);
  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title != NULL ? title : type != NULL ? type : _("Statement"),
                                  subtitle->len > 0 ? subtitle->str : NULL);
  if (g_strcmp0 (status, "issued") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Due"), CARE_TAG_WARNING);
  else if (g_strcmp0 (status, "balanced") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Paid"), CARE_TAG_GOOD);
  else if (g_strcmp0 (status, "cancelled") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Cancelled"), CARE_TAG_NEUTRAL);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = care_fhir_get_array_object (invoice, "lineItem", i);
      g_autofree char *what = care_fhir_dup_concept_text (care_fhir_get_object (item, "chargeItemCodeableConcept"));
      JsonObject *price = care_fhir_get_array_object (item, "priceComponent", 0);
      g_autofree char *money = dup_money_text (care_fhir_get_object (price, "amount"));

      if (what != NULL && money != NULL)
        {
          g_autofree char *line = g_strdup_printf (_("%s: %s"), what, money);

          care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
        }
    }
  if (g_strcmp0 (status, "issued") == 0 && care_fhir_get_string (invoice, "paymentTerms") != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, care_fhir_get_string (invoice, "paymentTerms"));
  add_pay_button (self, row, invoice, title != NULL ? title : type != NULL ? type : _("Statement"), issuer);
}

static char *
dup_claim_title (JsonObject *claim)
{
  g_autofree char *date = care_record_list_dup_date_text (
    care_fhir_get_string (care_fhir_get_object (claim, "billablePeriod"), "start"));

  if (date == NULL)
    date = care_record_list_dup_date_text (care_fhir_get_string (claim, "created"));
  return date != NULL
         /* Translators: an insurance claim for a visit: "Visit of Nov 26, 2026" */
         ? g_strdup_printf (_("Visit of %s"), date) : g_strdup (_("Visit"));
}

/* "Billed $281.00 · Insurance paid $166.70 · Your share $30.00", from
 * the reconciled totals: the insurer never paid more than was billed. */
static char *
dup_totals_text (const CareClaimTotals *totals)
{
  GString *text = g_string_new (NULL);

  if (totals->has_billed)
    {
      g_autofree char *money = care_money_format (totals->billed, totals->currency);

      /* Translators: what the clinic billed the insurer */
      g_string_append_printf (text, _("Billed %s"), money);
    }
  if (totals->has_paid)
    {
      g_autofree char *money = care_money_format (totals->paid, totals->currency);

      g_string_append (text, text->len > 0 ? " · " : "");
      /* Translators: what the insurer paid */
      g_string_append_printf (text, _("Insurance paid %s"), money);
    }
  if (totals->has_share)
    {
      g_autofree char *money = care_money_format (totals->share, totals->currency);

      g_string_append (text, text->len > 0 ? " · " : "");
      /* Translators: what the patient owes or paid of a claim */
      g_string_append_printf (text, _("Your share %s"), money);
    }
  return g_string_free (text, text->len == 0);
}

static void
add_claim_items (CareBillingView *self,
                 AdwActionRow    *row,
                 JsonObject      *claim)
{
  JsonArray *items = care_fhir_get_array (claim, "item");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = care_fhir_get_array_object (claim, "item", i);
      g_autofree char *what = care_fhir_dup_concept_text (care_fhir_get_object (item, "productOrService"));
      g_autofree char *money = dup_money_text (care_fhir_get_object (item, "net"));

      if (what != NULL && money != NULL)
        {
          g_autofree char *line = g_strdup_printf (_("%s: %s"), what, money);

          care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
        }
    }
}

/* An explanation of benefit: the insurer's answer to a claim. */
static void
add_claim_row (CareBillingView     *self,
               AdwPreferencesGroup *group,
               JsonObject          *eob)
{
  g_autofree char *provider = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), eob,
                                                                   care_fhir_get_object (eob, "provider"));
  g_autofree char *title = dup_claim_title (eob);
  g_autofree char *subtitle = NULL;
  CareClaimTotals totals;
  AdwActionRow *row;

  care_claim_totals_read (eob, &totals);
  subtitle = dup_totals_text (&totals);
  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title, subtitle);
  if (provider != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, provider);
  add_claim_items (self, row, eob);
  if (totals.inconsistent)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row,
                                 _("The amounts your insurer sent do not add up, so what it paid is not "
                                   "shown. Ask your insurer for a corrected explanation of benefits."));
  else if (totals.from_items)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row,
                                 _("Worked out from each service: the totals your insurer sent do not "
                                   "match them."));
  care_claim_totals_clear (&totals);
}

/* A claim the insurer has not answered yet (no explanation points at it). */
static void
add_pending_claim_row (CareBillingView     *self,
                       AdwPreferencesGroup *group,
                       JsonObject          *claim)
{
  g_autofree char *provider = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), claim,
                                                                   care_fhir_get_object (claim, "provider"));
  g_autofree char *title = dup_claim_title (claim);
  g_autofree char *subtitle = NULL;
  CareClaimTotals totals;
  AdwActionRow *row;

  care_claim_totals_read (claim, &totals);
  subtitle = dup_totals_text (&totals);
  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title, subtitle);
  if (g_strcmp0 (care_fhir_get_string (claim, "status"), "cancelled") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Cancelled"), CARE_TAG_NEUTRAL);
  else
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Waiting for insurer"), CARE_TAG_NEUTRAL);
  if (provider != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, provider);
  add_claim_items (self, row, claim);
  care_claim_totals_clear (&totals);
}

typedef void (*AddRow) (CareBillingView *self, AdwPreferencesGroup *group, JsonObject *resource);

static void
add_group (CareBillingView *self,
           const char      *key,
           const char      *title,
           const char      *description,
           AddRow           add_row)
{
  GListModel *results = care_record_list_get_results (CARE_RECORD_LIST (self), key);
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (results, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource == NULL || g_strcmp0 (care_fhir_get_string (resource, "status"), "entered-in-error") == 0)
        continue;
      if (group == NULL)
        group = care_record_list_add_group (CARE_RECORD_LIST (self), title, description);
      add_row (self, group, resource);
    }
}

/* Claims and explanations of benefit as one list of visits: an
 * explanation stands for the claim it answers; a claim nobody answered
 * yet shows on its own, first, as waiting. */
static void
add_claims_group (CareBillingView *self)
{
  GListModel *eobs = care_record_list_get_results (CARE_RECORD_LIST (self), "claims");
  GListModel *claims = care_record_list_get_results (CARE_RECORD_LIST (self), "claims-sent");
  g_autoptr(GHashTable) answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; eobs != NULL && i < g_list_model_get_n_items (eobs); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (eobs, i);
      JsonObject *eob = care_resource_item_dup_resource (item, NULL);
      char *claim_id;

      if (eob == NULL)
        continue;
      if (g_strcmp0 (care_fhir_get_string (eob, "status"), "entered-in-error") == 0)
        {
          json_object_unref (eob);
          continue;
        }
      if ((claim_id = care_claim_dup_claim_id (eob)) != NULL)
        g_hash_table_add (answered, claim_id);
      g_ptr_array_add (answers, eob);
    }

  for (guint i = 0; claims != NULL && i < g_list_model_get_n_items (claims); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (claims, i);
      g_autoptr(JsonObject) claim = care_resource_item_dup_resource (item, NULL);
      const char *status = care_fhir_get_string (claim, "status");

      if (claim == NULL || g_strcmp0 (status, "entered-in-error") == 0 ||
          g_hash_table_contains (answered, care_fhir_get_string (claim, "id") ?: ""))
        continue;
      if (group == NULL)
        group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Claims"),
                                            _("What your insurer was billed for each visit, what it paid "
                                              "and your share."));
      add_pending_claim_row (self, group, claim);
    }
  for (guint i = 0; i < answers->len; i++)
    {
      if (group == NULL)
        group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Claims"),
                                            _("What your insurer was billed for each visit, what it paid "
                                              "and your share."));
      add_claim_row (self, group, g_ptr_array_index (answers, i));
    }
}

static void
populate (CareRecordView *view)
{
  CareBillingView *self = CARE_BILLING_VIEW (view);

  add_group (self, "coverage", _("Insurance"), NULL, add_coverage_row);
  add_group (self, "invoices", _("Statements"),
             care_record_list_can_write (CARE_RECORD_LIST (self), "PaymentNotice")
             ? _("Pay a statement with a card here, or in your health system’s portal.")
             : _("To pay a bill, use your health system’s portal."),
             add_invoice_row);
  add_claims_group (self);
}

static void
add_queries (CareBillingView *self)
{
  g_autoptr(CareCacheQuery) coverage = care_cache_query_new ("Coverage");
  g_autoptr(CareCacheQuery) invoices = care_cache_query_new ("Invoice");
  g_autoptr(CareCacheQuery) claims = care_cache_query_new ("ExplanationOfBenefit");
  g_autoptr(CareCacheQuery) sent = care_cache_query_new ("Claim");

  care_cache_query_set_sort (coverage, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "coverage", coverage);
  care_cache_query_set_sort (invoices, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "invoices", invoices);
  care_cache_query_set_sort (claims, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "claims", claims);
  care_cache_query_set_sort (sent, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "claims-sent", sent);
}

static void
care_billing_view_class_init (CareBillingViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/billing/care-billing-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
}

static void
care_billing_view_init (CareBillingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_billing_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_billing_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_BILLING_VIEW, "context", context, NULL);
}
