/* cache-test-util.h — building cache fixtures in tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"

G_BEGIN_DECLS

/* A record parsed from JSON text, as the sync engine would store it. */
static inline CareFhirRecord *
cache_test_record (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, &error);

  g_assert_no_error (error);
  return care_fhir_record_new (resource);
}

static inline GPtrArray *
cache_test_page (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);
}

/* An Observation on day @day (0 = 2000-01-01), with a glucose value. */
static inline CareFhirRecord *
cache_test_observation (guint       n,
                        const char *category,
                        const char *code)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2000, 1, 1, 8, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_hours (base, n * 6);
  g_autofree char *stamp = g_date_time_format_iso8601 (when);
  g_autofree char *json = g_strdup_printf (
    "{\"resourceType\":\"Observation\",\"id\":\"obs-%u\",\"status\":\"final\","
    "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"%s\"}]}],"
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\",\"display\":\"Test %s\"}]},"
    "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"%s\","
    "\"valueQuantity\":{\"value\":%u,\"unit\":\"mg/dL\"}}",
    n, category, code, code, stamp, 70 + n % 60);

  return cache_test_record (json);
}

/* A GTask run in a thread drops the worker's reference after the callback
 * may already have run; wait for that before checking for leaks. */
static inline void
cache_test_wait_for_task (GWeakRef *task)
{
  GObject *object;

  while ((object = g_weak_ref_get (task)) != NULL)
    {
      g_object_unref (object);
      g_thread_yield ();
    }
  g_weak_ref_clear (task);
}

G_END_DECLS
