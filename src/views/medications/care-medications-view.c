/* care-medications-view.c — current and past medications
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prescriptions (MedicationRequest) and what the patient or the clinic
 * recorded as taken (MedicationStatement), active ones first, each with
 * its name, how to take it, who prescribed it and when it was last
 * ordered. "I no longer take this" sends a patient-reported
 * MedicationStatement (stopped, derived from the prescription) through
 * the outbox where the portal takes one; elsewhere it says to tell the
 * clinic in the portal. Medicines given in clinic (MedicationAdministration)
 * show on the order they carried out, or in "Given in Clinic" when there
 * is none; supplies delivered (SupplyDelivery) after them; each row says
 * who recorded it where a Provenance does.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-medications-view.h"

#include "care-fhir.h"
#include "care-medication-draft.h"
#include "care-provenance.h"
#include "care-renewal.h"
#include "care-resource-item.h"

#include <string.h>

struct _CareMedicationsView
{
  CareRecordList  parent_instance;

  GHashTable     *renewals;     /* request id → CareRenewal, while populating */
};

G_DEFINE_FINAL_TYPE (CareMedicationsView, care_medications_view, CARE_TYPE_RECORD_LIST)

static gboolean
is_active_status (const char *status)
{
  return g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "on-hold") == 0 ||
         g_strcmp0 (status, "intended") == 0;
}

static char *
dup_medication_name (CareMedicationsView *self,
                     JsonObject          *resource,
                     const char          *indexed)
{
  char *name = care_fhir_dup_concept_text (care_fhir_get_object (resource, "medicationCodeableConcept"));

  if (name == NULL)
    name = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), resource,
                                                care_fhir_get_object (resource, "medicationReference"));
  if (name == NULL)
    name = g_strdup (indexed);
  return name != NULL ? name : g_strdup (_("Unnamed medication"));
}

static char *
dup_frequency_text (JsonObject *repeat)
{
  JsonNode *node = repeat != NULL ? json_object_get_member (repeat, "frequency") : NULL;
  const char *unit = care_fhir_get_string (repeat, "periodUnit");
  JsonNode *period = repeat != NULL ? json_object_get_member (repeat, "period") : NULL;
  gulong n;

  /* Only a whole number of times per one day, week or month reads well. */
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1 || unit == NULL)
    return NULL;
  if (period != NULL && (!JSON_NODE_HOLDS_VALUE (period) ||
                         (json_node_get_value_type (period) != G_TYPE_INT64 &&
                          json_node_get_value_type (period) != G_TYPE_DOUBLE) ||
                         json_node_get_double (period) != 1.0))
    return NULL;
  n = (gulong)json_node_get_int (node);

  if (g_str_equal (unit, "d"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu time a day", "%lu times a day", n), n);
  if (g_str_equal (unit, "wk"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu time a week", "%lu times a week", n), n);
  if (g_str_equal (unit, "mo"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu time a month", "%lu times a month", n), n);
  return NULL;
}

/* The prescriber's words when there are some, else what the structured
 * dose and timing say. */
static char *
dup_dose_text (JsonObject *resource)
{
  JsonArray *dosages = care_fhir_get_array (resource, "dosageInstruction");
  g_autoptr(GString) text = g_string_new (NULL);

  if (dosages == NULL)
    dosages = care_fhir_get_array (resource, "dosage");
  for (guint i = 0; dosages != NULL && i < json_array_get_length (dosages); i++)
    {
      JsonNode *node = json_array_get_element (dosages, i);
      JsonObject *dosage = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *dose_and_rate = care_fhir_get_array_object (dosage, "doseAndRate", 0);
      JsonObject *timing = care_fhir_get_object (dosage, "timing");
      g_autofree char *dose = care_fhir_dup_quantity_text (care_fhir_get_object (dose_and_rate,
                                                                                 "doseQuantity"));
      g_autofree char *often = dup_frequency_text (care_fhir_get_object (timing, "repeat"));
      g_autofree char *line = NULL;

      if (care_fhir_get_string (dosage, "text") != NULL)
        line = g_strdup (care_fhir_get_string (dosage, "text"));
      else if (dose != NULL && often != NULL)
        /* Translators: a dose and how often, "1 tablet, 2 times a day" */
        line = g_strdup_printf (_("%1$s, %2$s"), dose, often);
      else
        line = g_strdup (dose != NULL ? dose : often);
      if (line != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The prescriptions the patient said they stopped: in the outbox, or
 * back from the portal as MedicationStatements derived from them. */
static void
collect_stopped (GHashTable *stopped,
                 JsonObject *statement)
{
  JsonArray *derived = care_fhir_get_array (statement, "derivedFrom");

  if (g_strcmp0 (care_fhir_get_string (statement, "status"), "stopped") != 0)
    return;
  for (guint i = 0; derived != NULL && i < json_array_get_length (derived); i++)
    {
      CareFhirReference reference;

      if (care_fhir_read_reference (care_fhir_get_array_object (statement, "derivedFrom", i), &reference) &&
          g_strcmp0 (reference.type, "MedicationRequest") == 0 && reference.id != NULL)
        g_hash_table_add (stopped, g_strdup (reference.id));
      care_fhir_reference_clear (&reference);
    }
}

static void
add_menu (CareMedicationsView *self,
          AdwActionRow        *row,
          const char          *request_id,
          const char          *name)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *button = gtk_menu_button_new ();
  g_autofree char *label = NULL;

  /* Both ways it opens a dialog: a confirmation, or where to go instead. */
  item = g_menu_item_new (_("I No Longer Take This…"), NULL);
  g_menu_item_set_action_and_target_value (item, "medications.stop", g_variant_new_string (request_id));
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Request a Renewal…"), NULL);
  g_menu_item_set_action_and_target_value (item, "medications.renew", g_variant_new_string (request_id));
  g_menu_append_item (menu, item);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("More"));
  /* Translators: %s is a medication's name */
  label = g_strdup_printf (_("More about %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (row, button);
}

/* "Given in clinic 6 times, last on Mar 3, 2026": the administrations of
 * one order, newest first. */
static char *
dup_given_text (GPtrArray *given)
{
  g_autofree char *last = NULL;

  if (given == NULL || given->len == 0)
    return NULL;
  last = care_record_list_dup_date_text (care_fhir_get_string (g_ptr_array_index (given, 0),
                                                               "effectiveDateTime"));
  if (last == NULL)
    last = care_record_list_dup_date_text (
      care_fhir_get_string (care_fhir_get_object (g_ptr_array_index (given, 0), "effectivePeriod"), "start"));
  if (last == NULL)
    /* Translators: how many times a medication was given in clinic */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Given in clinic %u time", "Given in clinic %u times",
                                         given->len), given->len);
  /* Translators: how many times a medication was given in clinic, and the last day */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Given in clinic %u time, last on %s",
                                       "Given in clinic %u times, last on %s", given->len),
                          given->len, last);
}

/* Who recorded @resource, from its Provenance, as a detail line. */
static void
add_provenance_detail (CareMedicationsView *self,
                       AdwActionRow        *row,
                       JsonObject          *resource)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autofree char *text = NULL;

  if (cache == NULL)
    return;
  text = care_provenance_dup_text_for (cache, care_fhir_get_string (resource, "resourceType"),
                                       care_fhir_get_string (resource, "id"));
  if (text != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, text);
}

static void
add_resource_row (CareMedicationsView *self,
                  AdwPreferencesGroup *group,
                  CareResourceItem    *item,
                  JsonObject          *resource,
                  gboolean             stopped_by_patient,
                  gboolean             offer_stop,
                  GPtrArray           *given)
{
  g_autofree char *given_text = dup_given_text (given);
  const char *type = care_fhir_get_string (resource, "resourceType");
  gboolean request = g_strcmp0 (type, "MedicationRequest") == 0;
  g_autofree char *name = dup_medication_name (self, resource,
                                               item != NULL ? care_resource_item_get_display_name (item) : NULL);
  g_autofree char *dose = dup_dose_text (resource);
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  if (dose != NULL)
    g_string_append (details, dose);

  if (request)
    {
      JsonObject *requester = care_fhir_get_object (resource, "requester");
      g_autofree char *prescriber = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), resource, requester);
      g_autofree char *ordered = care_record_list_dup_date_text (care_fhir_get_string (resource,
                                                                                       "authoredOn"));

      if (prescriber != NULL)
        /* Translators: %s is a clinician's name */
        who = g_strdup_printf (_("Prescribed by %s"), prescriber);
      if (ordered != NULL)
        /* Translators: %s is a date */
        when = g_strdup_printf (_("Last ordered %s"), ordered);
    }
  else
    {
      JsonObject *reporter = care_fhir_get_object (resource, "informationSource");
      g_autofree char *source = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), resource, reporter);
      g_autofree char *asserted = care_record_list_dup_date_text (care_fhir_get_string (resource,
                                                                                        "dateAsserted"));

      if (source != NULL)
        /* Translators: %s is who said the patient takes a medication */
        who = g_strdup_printf (_("Reported by %s"), source);
      if (asserted != NULL)
        /* Translators: %s is a date */
        when = g_strdup_printf (_("Recorded %s"), asserted);
    }
  if (who != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", who);
  if (when != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", when);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, name, details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-medications-symbolic"));
  if (given_text != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, given_text);
  add_provenance_detail (self, row, resource);

  if (request && care_fhir_get_string (resource, "id") != NULL && self->renewals != NULL)
    care_medications_view_add_renewal_state (self, row,
                                             g_hash_table_lookup (self->renewals,
                                                                  care_fhir_get_string (resource, "id")));
  if (stopped_by_patient)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("You stopped this"), CARE_TAG_ACCENT);
  else if (g_strcmp0 (care_fhir_get_string (resource, "status"), "on-hold") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("On hold"), CARE_TAG_WARNING);
  if (offer_stop && request && care_fhir_get_string (resource, "id") != NULL)
    add_menu (self, row, care_fhir_get_string (resource, "id"), name);
}

/* The administrations of the record (MedicationAdministration), newest
 * first, by the order they carried out ("MedicationRequest/<id>" keys)
 * and, for those without one, by medication name ("name:<name>"). */
static void
collect_given (CareMedicationsView *self,
               GHashTable          *given)
{
  GListModel *administrations = care_record_list_get_results (CARE_RECORD_LIST (self), "administrations");

  for (guint i = 0; administrations != NULL && i < g_list_model_get_n_items (administrations); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (administrations, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);
      CareFhirReference request = { 0 };
      const char *status = care_fhir_get_string (resource, "status");
      g_autofree char *key = NULL;
      GPtrArray *list;

      /* Not given: never started, or recorded in error. */
      if (resource == NULL || g_strcmp0 (status, "not-done") == 0 ||
          g_strcmp0 (status, "entered-in-error") == 0)
        continue;
      if (care_fhir_read_reference (care_fhir_get_object (resource, "request"), &request) &&
          g_strcmp0 (request.type, "MedicationRequest") == 0 && request.id != NULL)
        key = g_strconcat ("MedicationRequest/", request.id, NULL);
      else
        {
          g_autofree char *name = dup_medication_name (self, resource, care_resource_item_get_display_name (item));

          key = g_strconcat ("name:", name, NULL);
        }
      care_fhir_reference_clear (&request);
      list = g_hash_table_lookup (given, key);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_hash_table_insert (given, g_steal_pointer (&key), list);
        }
      g_ptr_array_add (list, g_steal_pointer (&resource));
    }
}

/* The administrations of @resource if it is an order, taken out of
 * @given so they are not listed twice. */
static GPtrArray *
lookup_given (GHashTable *given,
              JsonObject *resource)
{
  g_autofree char *key = NULL;
  GPtrArray *shown;

  if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "MedicationRequest") != 0 ||
      care_fhir_get_string (resource, "id") == NULL)
    return NULL;
  key = g_strconcat ("MedicationRequest/", care_fhir_get_string (resource, "id"), NULL);
  shown = g_hash_table_lookup (given, key);
  if (shown != NULL)
    g_hash_table_replace (given, g_strconcat ("shown:", key, NULL), g_ptr_array_ref (shown));
  return shown;
}

/* Medicines given in clinic whose order is not in the list: one row per
 * medicine, with each time it was given. */
static void
add_given_group (CareMedicationsView *self,
                 GHashTable          *given)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  AdwPreferencesGroup *group = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GList) keys = NULL;

  g_hash_table_iter_init (&iter, given);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "shown:"))
      g_hash_table_add (shown, (char *)key + strlen ("shown:"));
  keys = g_hash_table_get_keys (given);
  keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      GPtrArray *list = g_hash_table_lookup (given, l->data);
      JsonObject *newest = g_ptr_array_index (list, 0);
      g_autofree char *name = NULL;
      g_autofree char *summary = NULL;
      AdwActionRow *row;

      if (g_str_has_prefix (l->data, "shown:") || g_hash_table_contains (shown, l->data))
        continue;
      if (group == NULL)
        group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Given in Clinic"),
                                            _("Medicines your care team gave you during a visit"));
      name = dup_medication_name (self, newest, NULL);
      summary = dup_given_text (list);
      row = care_record_list_add_row (CARE_RECORD_LIST (self), group, name, summary);
      adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-medications-symbolic"));
      for (guint i = 0; i < list->len && i < 12; i++)
        {
          JsonObject *administration = g_ptr_array_index (list, i);
          g_autofree char *day = care_record_list_dup_date_text (care_fhir_get_string (administration,
                                                                                       "effectiveDateTime"));
          g_autofree char *dose = care_fhir_dup_quantity_text (
            care_fhir_get_object (care_fhir_get_object (administration, "dosage"), "dose"));
          g_autofree char *line = NULL;

          if (day != NULL && dose != NULL)
            /* Translators: a day and the dose given that day */
            line = g_strdup_printf (_("%s: %s"), day, dose);
          if (line != NULL || day != NULL)
            care_record_list_add_detail (CARE_RECORD_LIST (self), row, line != NULL ? line : day);
        }
    }
}

/* Supplies delivered (SupplyDelivery): one row per item, how often and
 * the last time, who sent it. */
static void
add_deliveries_group (CareMedicationsView *self)
{
  GListModel *deliveries = care_record_list_get_results (CARE_RECORD_LIST (self), "deliveries");
  g_autoptr(GHashTable) by_item = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; deliveries != NULL && i < g_list_model_get_n_items (deliveries); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (deliveries, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);
      JsonObject *supplied = care_fhir_get_object (resource, "suppliedItem");
      g_autofree char *name = NULL;
      GPtrArray *list;

      if (resource == NULL || g_strcmp0 (care_fhir_get_string (resource, "status"), "entered-in-error") == 0 ||
          g_strcmp0 (care_fhir_get_string (resource, "status"), "abandoned") == 0)
        continue;
      name = care_fhir_dup_concept_text (care_fhir_get_object (supplied, "itemCodeableConcept"));
      if (name == NULL)
        name = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), resource,
                                                    care_fhir_get_object (supplied, "itemReference"));
      if (name == NULL)
        name = g_strdup (_("Supplies"));
      list = g_hash_table_lookup (by_item, name);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_ptr_array_add (order, name);
          g_hash_table_insert (by_item, g_steal_pointer (&name), list);
        }
      g_ptr_array_add (list, g_steal_pointer (&resource));
    }

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *list = g_hash_table_lookup (by_item, g_ptr_array_index (order, i));
      JsonObject *newest = g_ptr_array_index (list, 0);
      JsonObject *supplied = care_fhir_get_object (newest, "suppliedItem");
      g_autofree char *last = care_record_list_dup_date_text (care_fhir_get_string (newest, "occurrenceDateTime"));
      g_autofree char *supplier = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), newest,
                                                                       care_fhir_get_object (newest, "supplier"));
      g_autofree char *quantity = care_fhir_dup_count_text (care_fhir_get_object (supplied, "quantity"));
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      if (group == NULL)
        group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Supplies Delivered"),
                                            _("Medical supplies sent to you, such as test strips"));
      if (last != NULL)
        /* Translators: how many times supplies were delivered, and the last day */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delivered %u time, last on %s",
                                                 "Delivered %u times, last on %s", list->len),
                                    list->len, last);
      row = care_record_list_add_row (CARE_RECORD_LIST (self), group, g_ptr_array_index (order, i), subtitle);
      if (quantity != NULL)
        {
          /* Translators: how many items came in the last delivery */
          g_autofree char *line = g_strdup_printf (_("Last delivery: %s"), quantity);

          care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
        }
      if (supplier != NULL)
        {
          /* Translators: who sent supplies */
          g_autofree char *line = g_strdup_printf (_("Sent by %s"), supplier);

          care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
        }
    }
}

static void
populate (CareRecordView *view)
{
  CareMedicationsView *self = CARE_MEDICATIONS_VIEW (view);
  GListModel *requests = care_record_list_get_results (CARE_RECORD_LIST (self), "requests");
  GListModel *statements = care_record_list_get_results (CARE_RECORD_LIST (self), "statements");
  g_autoptr(GHashTable) stopped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = care_record_list_dup_outbox (CARE_RECORD_LIST (self), "MedicationStatement",
                                                                 CARE_OUTBOX_PENDING);
  g_autoptr(GPtrArray) active = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) past = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) active_items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) past_items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_requests = requests != NULL ? g_list_model_get_n_items (requests) : 0;
  guint n_statements = statements != NULL ? g_list_model_get_n_items (statements) : 0;
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify)g_ptr_array_unref);
  CareRecord *record = care_record_view_get_record (view);
  AdwPreferencesGroup *group;

  collect_given (self, given);
  g_clear_pointer (&self->renewals, g_hash_table_unref);
  if (record != NULL && care_record_get_cache (record) != NULL)
    self->renewals = care_renewals_dup (care_record_get_cache (record));

  for (guint i = 0; i < pending->len; i++)
    collect_stopped (stopped, g_ptr_array_index (pending, i));
  for (guint i = 0; i < n_statements; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (statements, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        collect_stopped (stopped, resource);
    }

  for (guint i = 0; i < n_requests + n_statements; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (i < n_requests ? requests : statements,
                                                                i < n_requests ? i : i - n_requests);
      JsonObject *resource = care_resource_item_dup_resource (item, NULL);
      const char *id = care_fhir_get_string (resource, "id");
      gboolean current;

      if (resource == NULL)
        continue;
      /* A patient's "stopped" note about a prescription shows on it. */
      if (i >= n_requests && care_fhir_get_array (resource, "derivedFrom") != NULL &&
          g_strcmp0 (care_fhir_get_string (resource, "status"), "stopped") == 0)
        {
          json_object_unref (resource);
          continue;
        }
      current = is_active_status (care_fhir_get_string (resource, "status")) &&
                !(i < n_requests && id != NULL && g_hash_table_contains (stopped, id));
      g_ptr_array_add (current ? active : past, resource);
      g_ptr_array_add (current ? active_items : past_items, g_object_ref (item));
    }

  if (active->len > 0 || care_record_list_type_withheld (CARE_RECORD_LIST (self), "MedicationRequest"))
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Current Medications"), NULL);
      for (guint i = 0; i < active->len; i++)
        add_resource_row (self, group, g_ptr_array_index (active_items, i),
                          g_ptr_array_index (active, i), FALSE, TRUE,
                          lookup_given (given, g_ptr_array_index (active, i)));
      if (care_record_list_type_withheld (CARE_RECORD_LIST (self), "MedicationRequest"))
        care_record_list_add_note (CARE_RECORD_LIST (self), group,
                                   _("Prescriptions are not shared with proxies for this person."));
    }
  if (past->len > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Past Medications"),
                                          _("Finished, stopped or replaced by a new prescription"));
      for (guint i = 0; i < past->len; i++)
        {
          JsonObject *resource = g_ptr_array_index (past, i);
          const char *id = care_fhir_get_string (resource, "id");
          gboolean by_patient = g_strcmp0 (care_fhir_get_string (resource, "resourceType"),
                                           "MedicationRequest") == 0 &&
                                id != NULL && g_hash_table_contains (stopped, id);

          add_resource_row (self, group, g_ptr_array_index (past_items, i), resource, by_patient, FALSE,
                            lookup_given (given, resource));
        }
    }
  add_given_group (self, given);
  add_deliveries_group (self);
  g_clear_pointer (&self->renewals, g_hash_table_unref);
}

/**
 * care_medications_view_report_stopped:
 * @self: a #CareMedicationsView
 * @request_id: the id of a cached MedicationRequest
 * @error: return location for a #GError
 *
 * Queues the patient's "I no longer take this" for the prescription, as
 * the confirmation dialog does.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_medications_view_report_stopped (CareMedicationsView *self,
                                      const char          *request_id,
                                      GError             **error)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *patient = care_record_list_dup_patient_reference (CARE_RECORD_LIST (self));
  g_autofree char *reporter = care_record_list_dup_reporter_reference (CARE_RECORD_LIST (self));
  g_autofree char *name = NULL;

  g_return_val_if_fail (CARE_IS_MEDICATIONS_VIEW (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  if (cache != NULL)
    request = care_cache_lookup (cache, "MedicationRequest", request_id, NULL);
  if (request == NULL || patient == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This prescription is no longer in your record."));
      return FALSE;
    }

  name = dup_medication_name (self, request, NULL);
  draft = care_medication_stopped_draft_new (patient, reporter, request, name, now);
  return care_record_list_queue_draft (CARE_RECORD_LIST (self), draft, error);
}

/**
 * care_medications_view_dup_name:
 * @self: a #CareMedicationsView
 * @request_id: the id of a cached MedicationRequest
 *
 * Returns: (transfer full) (nullable): the medication's name in words, for
 *   dialogs that ask about it; %NULL when the prescription is not cached
 */
char *
care_medications_view_dup_name (CareMedicationsView *self,
                                const char          *request_id)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(JsonObject) request = NULL;

  g_return_val_if_fail (CARE_IS_MEDICATIONS_VIEW (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  if (cache != NULL)
    request = care_cache_lookup (cache, "MedicationRequest", request_id, NULL);
  if (request == NULL)
    return NULL;
  return dup_medication_name (self, request, NULL);
}

typedef struct
{
  CareMedicationsView *self;
  char                *request_id;
} StopRequest;

static void
stop_request_free (gpointer  data,
                   GClosure *closure)
{
  StopRequest *stop = data;

  g_object_unref (stop->self);
  g_free (stop->request_id);
  g_free (stop);
}

static void
on_stop_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     StopRequest      *stop)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "send"))
    return;
  if (!care_medications_view_report_stopped (stop->self, stop->request_id, &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (stop->self), error->message);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CareMedicationsView *self = CARE_MEDICATIONS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  StopRequest *stop;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (!care_record_list_can_write (CARE_RECORD_LIST (self), "MedicationStatement"))
    {
      care_record_list_show_portal_only (CARE_RECORD_LIST (self),
                                         _("This health system does not accept medication changes from "
                                           "apps. Send your care team a message in your portal, or tell "
                                           "them at your next visit, so they can update your list."));
      return;
    }

  /* The question names what it is about. */
  name = care_medications_view_dup_name (self, g_variant_get_string (parameter, NULL));
  if (name != NULL)
    /* Translators: %s is a medication, "Lisinopril 10 mg Oral Tablet" */
    heading = g_strdup_printf (_("No Longer Taking %s?"), name);
  else
    heading = g_strdup (_("No Longer Taking This Medication?"));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Your care team will see that you said you stopped it. Talk to "
                                     "them before you stop a medication they prescribed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Tell My Care Team"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  stop = g_new0 (StopRequest, 1);
  stop->self = g_object_ref (self);
  stop->request_id = g_variant_dup_string (parameter, NULL);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_stop_response_cb), stop,
                         stop_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_queries (CareMedicationsView *self)
{
  g_autoptr(CareCacheQuery) requests = care_cache_query_new ("MedicationRequest");
  g_autoptr(CareCacheQuery) statements = care_cache_query_new ("MedicationStatement");
  g_autoptr(CareCacheQuery) administrations = care_cache_query_new ("MedicationAdministration");
  g_autoptr(CareCacheQuery) deliveries = care_cache_query_new ("SupplyDelivery");

  care_cache_query_set_sort (requests, CARE_CACHE_SORT_NEWEST);
  care_cache_query_set_sort (statements, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "requests", requests);
  care_record_list_add_query (CARE_RECORD_LIST (self), "statements", statements);
  care_cache_query_set_sort (administrations, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "administrations", administrations);
  care_cache_query_set_sort (deliveries, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "deliveries", deliveries);
}

static void
care_medications_view_class_init (CareMedicationsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/medications/care-medications-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  gtk_widget_class_install_action (widget_class, "medications.stop", "s", stop_action);
  gtk_widget_class_install_action (widget_class, "medications.renew", "s", care_medications_view_renew_action);
}

static void
care_medications_view_init (CareMedicationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_medications_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new medications view
 */
GtkWidget *
care_medications_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_MEDICATIONS_VIEW, "context", context, NULL);
}
