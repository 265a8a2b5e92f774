/* care-pharmacy.c — the pharmacies a person's prescriptions go to
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FHIR R4 says where a prescription is filled in
 * MedicationRequest.dispenseRequest.performer (an Organization); the
 * person's pharmacies are the ones their prescriptions name, the most
 * recently used first (by the order's authoredOn). The name and phone
 * come from the Organization when the sync fetched it, else from the
 * reference's display. A renewal request asks for one of them
 * (care_message_renewal_draft_new()), and carebook-cli finds one by a
 * part of its name, as it finds a recipient.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-name-match.h"
#include "care-pharmacy.h"
#include "care-resource-item.h"

void
care_pharmacy_free (CarePharmacy *pharmacy)
{
  if (pharmacy == NULL)
    return;

  g_free (pharmacy->reference);
  g_free (pharmacy->name);
  g_free (pharmacy->phone);
  g_free (pharmacy);
}

/**
 * care_pharmacy_copy:
 * @pharmacy: a pharmacy
 *
 * Returns: (transfer full): a copy of it
 */
CarePharmacy *
care_pharmacy_copy (const CarePharmacy *pharmacy)
{
  CarePharmacy *copy;

  g_return_val_if_fail (pharmacy != NULL, NULL);

  copy = g_new0 (CarePharmacy, 1);
  copy->reference = g_strdup (pharmacy->reference);
  copy->name = g_strdup (pharmacy->name);
  copy->phone = g_strdup (pharmacy->phone);
  copy->last_used = pharmacy->last_used;
  return copy;
}

static char *
dup_phone (JsonObject *organization)
{
  JsonArray *telecom = care_fhir_get_array (organization, "telecom");

  for (guint i = 0; telecom != NULL && i < json_array_get_length (telecom); i++)
    {
      JsonObject *point = care_fhir_get_array_object (organization, "telecom", i);

      if (g_strcmp0 (care_fhir_get_string (point, "system"), "phone") == 0 &&
          care_fhir_get_string (point, "value") != NULL)
        return g_strdup (care_fhir_get_string (point, "value"));
    }
  return NULL;
}

static int
compare_pharmacies (gconstpointer a,
                    gconstpointer b)
{
  const CarePharmacy *left = *(CarePharmacy **)a;
  const CarePharmacy *right = *(CarePharmacy **)b;

  if (left->last_used != right->last_used)
    return left->last_used > right->last_used ? -1 : 1;
  return g_utf8_collate (left->name, right->name);
}

/* The pharmacy @performer names, or NULL when it names none. */
static CarePharmacy *
new_pharmacy (CareCache  *cache,
              JsonObject *performer)
{
  CareFhirReference target;
  g_autoptr(JsonObject) organization = NULL;
  CarePharmacy *pharmacy;

  memset (&target, 0, sizeof target);
  if (performer == NULL)
    return NULL;
  pharmacy = g_new0 (CarePharmacy, 1);
  if (care_fhir_read_reference (performer, &target) && g_strcmp0 (target.type, "Organization") == 0 &&
      target.id != NULL)
    {
      pharmacy->reference = g_strdup_printf ("Organization/%s", target.id);
      organization = care_cache_lookup (cache, "Organization", target.id, NULL);
    }
  care_fhir_reference_clear (&target);
  pharmacy->name = g_strdup (care_fhir_get_string (organization, "name"));
  if (pharmacy->name == NULL)
    pharmacy->name = g_strdup (care_fhir_get_string (performer, "display"));
  pharmacy->phone = dup_phone (organization);
  if (pharmacy->name == NULL)
    {
      care_pharmacy_free (pharmacy);
      return NULL;
    }
  return pharmacy;
}

/**
 * care_pharmacies_dup:
 * @cache: a person's cache
 *
 * Returns: (transfer full) (element-type CarePharmacy): the pharmacies the
 *   person's prescriptions go to, the most recently used first
 */
GPtrArray *
care_pharmacies_dup (CareCache *cache)
{
  GPtrArray *pharmacies = g_ptr_array_new_with_free_func ((GDestroyNotify)care_pharmacy_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareCacheQuery) query = NULL;
  g_autoptr(GListModel) requests = NULL;

  g_return_val_if_fail (cache != NULL, pharmacies);

  query = care_cache_query_new ("MedicationRequest");
  requests = care_cache_query (cache, query, NULL);
  for (guint i = 0; requests != NULL && i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (requests, i);
      g_autoptr(JsonObject) request = care_resource_item_dup_resource (item, NULL);
      JsonObject *performer = care_fhir_get_object (care_fhir_get_object (request, "dispenseRequest"),
                                                    "performer");
      g_autoptr(CarePharmacy) pharmacy = new_pharmacy (cache, performer);
      CarePharmacy *known;
      gint64 authored = 0;
      const char *key;

      if (pharmacy == NULL)
        continue;
      care_fhir_parse_date (care_fhir_get_string (request, "authoredOn"), &authored, NULL);
      pharmacy->last_used = authored;
      key = pharmacy->reference != NULL ? pharmacy->reference : pharmacy->name;
      known = g_hash_table_lookup (seen, key);
      if (known != NULL)
        {
          known->last_used = MAX (known->last_used, authored);
          continue;
        }
      g_hash_table_insert (seen, (gpointer)key, pharmacy);
      g_ptr_array_add (pharmacies, g_steal_pointer (&pharmacy));
    }
  g_ptr_array_sort (pharmacies, compare_pharmacies);
  return pharmacies;
}

static void
describe_pharmacy (gconstpointer   item,
                   CareNameChoice *choice)
{
  const CarePharmacy *pharmacy = item;

  choice->reference = pharmacy->reference;
  choice->name = pharmacy->name;
}

/**
 * care_pharmacies_find:
 * @pharmacies: (element-type CarePharmacy): from care_pharmacies_dup()
 * @words: a name, a part of one, or "Organization/id"
 * @error: return location for a #CARE_FHIR_ERROR, which lists the choices
 *
 * Returns: (transfer none) (nullable): the one pharmacy @words names
 */
CarePharmacy *
care_pharmacies_find (GPtrArray   *pharmacies,
                      const char  *words,
                      GError     **error)
{
  g_autofree char *choices = NULL;
  CarePharmacy *found = NULL;
  guint n_found = 0;

  g_return_val_if_fail (pharmacies != NULL && words != NULL, NULL);

  found = care_name_match (pharmacies, describe_pharmacy, words, &n_found, &choices);
  if (found != NULL)
    return found;
  if (pharmacies->len == 0)
    g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                         _("None of this person’s prescriptions names a pharmacy."));
  else if (n_found == 0)
    /* Translators: %1$s is what the user typed, %2$s the list of pharmacies, one a line */
    g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                 _("No pharmacy of this person is called “%1$s”. Choose one of:%2$s"), words, choices);
  else
    /* Translators: %1$s is what the user typed, %2$s the list of pharmacies, one a line */
    g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                 _("More than one pharmacy matches “%1$s”. Choose one of:%2$s"), words, choices);
  return NULL;
}
