/* care-billing-view.c — insurance, bills and claims
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a daughter managing her father's bills looks for: the insurance
 * (Coverage: who pays, the member and group numbers to give at the desk,
 * copays), the clinic's statements (Invoice: how much, and whether it is
 * still due or paid) and, per visit, what was billed and what the
 * insurer paid (ExplanationOfBenefit). Amounts are in the currency the
 * portal gives. Paying is the portal's for now, and the view says so.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-billing-view.h"

#include "care-fhir.h"
#include "care-resource-item.h"

struct _CareBillingView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareBillingView, care_billing_view, CARE_TYPE_RECORD_LIST)

/* A Money as people read it: "$30.00", or "30.00 EUR". */
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
  if (currency == NULL || g_str_equal (currency, "USD"))
    /* Translators: an amount in US dollars; Spanish writes "30,00 US$" */
    return g_strdup_printf (_("$%.2f"), amount);
  /* Translators: an amount and its currency code: "30.00 EUR" */
  return g_strdup_printf (_("%.2f %s"), amount, currency);
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
}

/* The total of @claim of an adjudication @category ("submitted", "benefit"). */
static char *
dup_total_text (JsonObject *claim,
                const char *category)
{
  JsonArray *totals = care_fhir_get_array (claim, "total");

  for (guint i = 0; totals != NULL && i < json_array_get_length (totals); i++)
    {
      JsonObject *total = care_fhir_get_array_object (claim, "total", i);
      JsonObject *coding = care_fhir_get_first_coding (care_fhir_get_object (total, "category"));

      if (g_strcmp0 (care_fhir_get_string (coding, "code"), category) == 0)
        return dup_money_text (care_fhir_get_object (total, "amount"));
    }
  return NULL;
}

static void
add_claim_row (CareBillingView     *self,
               AdwPreferencesGroup *group,
               JsonObject          *claim)
{
  g_autofree char *date = care_record_list_dup_date_text (
    care_fhir_get_string (care_fhir_get_object (claim, "billablePeriod"), "start"));
  g_autofree char *provider = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), claim,
                                                                   care_fhir_get_object (claim, "provider"));
  g_autofree char *billed = dup_total_text (claim, "submitted");
  g_autofree char *paid = dup_money_text (care_fhir_get_object (care_fhir_get_object (claim, "payment"), "amount"));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  JsonArray *items = care_fhir_get_array (claim, "item");
  AdwActionRow *row;

  if (paid == NULL)
    paid = dup_total_text (claim, "benefit");
  title = date != NULL
          /* Translators: an insurance claim for a visit: "Visit of Nov 26, 2026" */
          ? g_strdup_printf (_("Visit of %s"), date) : g_strdup (_("Visit"));
  if (billed != NULL)
    /* Translators: what the clinic billed the insurer */
    g_string_append_printf (subtitle, _("Billed %s"), billed);
  if (paid != NULL)
    {
      g_string_append (subtitle, subtitle->len > 0 ? " · " : "");
      /* Translators: what the insurer paid */
      g_string_append_printf (subtitle, _("Insurance paid %s"), paid);
    }
  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title, subtitle->len > 0 ? subtitle->str : NULL);
  if (provider != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, provider);
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

static void
populate (CareRecordView *view)
{
  CareBillingView *self = CARE_BILLING_VIEW (view);
  add_group (self, "coverage", _("Insurance"), NULL, add_coverage_row);
  add_group (self, "invoices", _("Statements"), _("To pay a bill, use your health system’s portal for now."),
             add_invoice_row);
  add_group (self, "claims", _("Claims"), _("What your insurer was billed for each visit, and what it paid."),
             add_claim_row);
}

static void
add_queries (CareBillingView *self)
{
  g_autoptr(CareCacheQuery) coverage = care_cache_query_new ("Coverage");
  g_autoptr(CareCacheQuery) invoices = care_cache_query_new ("Invoice");
  g_autoptr(CareCacheQuery) claims = care_cache_query_new ("ExplanationOfBenefit");

  care_cache_query_set_sort (coverage, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "coverage", coverage);
  care_cache_query_set_sort (invoices, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "invoices", invoices);
  care_cache_query_set_sort (claims, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "claims", claims);
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
