/* care-upcoming-tests.c — tests ordered for a person and not done yet
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Upcoming tests" on Appointments, Home and carebook-cli: the person's
 * active ServiceRequests (US Core's laboratory and imaging orders, or any
 * other order the portal shares), soonest due first, each with what it
 * is, by when, where to go and what to do before (patientInstruction:
 * fasting, bring…). Read from the cache, so they show offline.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-cache-query.h"
#include "care-fhir.h"
#include "care-resource-item.h"
#include "care-upcoming-tests.h"

#include <string.h>

void
care_upcoming_test_free (CareUpcomingTest *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->due);
  g_free (self->place);
  g_free (self->location);
  g_free (self->instructions);
  g_free (self);
}

/**
 * care_upcoming_test_kind:
 * @self: a test
 *
 * Returns: "Lab test" or "Imaging", translated
 */
const char *
care_upcoming_test_kind (const CareUpcomingTest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->imaging ? _("Imaging") : _("Lab test");
}

static gboolean
is_imaging (JsonObject *request)
{
  JsonArray *categories = care_fhir_get_array (request, "category");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *category = care_fhir_get_array_object (request, "category", i);
      g_autofree char *text = care_fhir_dup_concept_text (category);
      JsonArray *codings = care_fhir_get_array (category, "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          const char *code = care_fhir_get_string (care_fhir_get_array_object (category, "coding", j), "code");

          /* SNOMED CT "Imaging" (US Core's ServiceRequest category). */
          if (g_strcmp0 (code, "363679005") == 0)
            return TRUE;
        }
      if (text != NULL && g_str_has_prefix (text, "Imaging"))
        return TRUE;
    }
  return FALSE;
}

static CareUpcomingTest *
upcoming_test_new (JsonObject *request)
{
  CareUpcomingTest *self = g_new0 (CareUpcomingTest, 1);
  JsonObject *period = care_fhir_get_object (request, "occurrencePeriod");
  JsonObject *place = care_fhir_get_array_object (request, "locationReference", 0);

  self->id = g_strdup (care_fhir_get_string (request, "id"));
  self->name = care_fhir_dup_concept_text (care_fhir_get_object (request, "code"));
  if (self->name == NULL)
    self->name = g_strdup (_("Test"));
  self->imaging = is_imaging (request);
  self->due = g_strdup (care_fhir_get_string (period, "end") ?: care_fhir_get_string (request, "occurrenceDateTime"));
  self->place = g_strdup (care_fhir_get_string (place, "display"));
  self->location = g_strdup (care_fhir_get_string (place, "reference"));
  self->instructions = g_strdup (care_fhir_get_string (request, "patientInstruction"));
  return self;
}

/* Soonest due first; those without a date last. */
static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const CareUpcomingTest *one = *(CareUpcomingTest **)a;
  const CareUpcomingTest *two = *(CareUpcomingTest **)b;

  if (one->due == NULL || two->due == NULL)
    return (one->due == NULL) - (two->due == NULL);
  return strcmp (one->due, two->due);
}

/**
 * care_upcoming_tests_from_model:
 * @requests: (element-type CareResourceItem): ServiceRequests from the cache
 *
 * Returns: (transfer full) (element-type CareUpcomingTest): the active
 *   orders among them, soonest due first
 */
GPtrArray *
care_upcoming_tests_from_model (GListModel *requests)
{
  g_autoptr(GPtrArray) tests = g_ptr_array_new_with_free_func ((GDestroyNotify)care_upcoming_test_free);

  g_return_val_if_fail (G_IS_LIST_MODEL (requests), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (requests, i);
      g_autoptr(JsonObject) request = care_resource_item_dup_resource (item, NULL);
      const char *intent = care_fhir_get_string (request, "intent");

      /* Orders still to be done; a plan or proposal is not one yet. */
      if (request == NULL || g_strcmp0 (care_fhir_get_string (request, "resourceType"), "ServiceRequest") != 0 ||
          g_strcmp0 (care_fhir_get_string (request, "status"), "active") != 0 ||
          (intent != NULL && (g_str_equal (intent, "proposal") || g_str_equal (intent, "plan"))))
        continue;
      g_ptr_array_add (tests, upcoming_test_new (request));
    }
  g_ptr_array_sort (tests, compare_due);
  return g_steal_pointer (&tests);
}

/**
 * care_upcoming_tests_list:
 * @cache: the person's cache
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CareUpcomingTest): the active
 *   orders, soonest due first
 */
GPtrArray *
care_upcoming_tests_list (CareCache  *cache,
                          GError    **error)
{
  g_autoptr(CareCacheQuery) query = NULL;
  g_autoptr(GListModel) requests = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  query = care_cache_query_new ("ServiceRequest");
  requests = care_cache_query (cache, query, error);
  return requests != NULL ? care_upcoming_tests_from_model (requests) : NULL;
}
