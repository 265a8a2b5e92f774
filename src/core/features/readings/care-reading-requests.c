/* care-reading-requests.c — what the clinic asked for, and what was entered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clinic asks for home readings with an active CarePlan whose
 * activities name a LOINC code (`detail.code`, how often in
 * `detail.scheduledTiming`), or with an active ServiceRequest (`code`,
 * `occurrenceTiming`). Entered readings are the patient-entered
 * Observations of the offline copy and the Observation creates still in
 * the outbox (waiting, refused or being sent), newest first.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-cache-query.h"
#include "care-fhir.h"
#include "care-reading-requests.h"

#include <string.h>

void
care_reading_request_free (CareReadingRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->description);
  g_free (self->frequency);
  g_free (self->requester);
  g_free (self->until);
  g_free (self);
}

void
care_reading_entry_free (CareReadingEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_clear_pointer (&self->reading, care_reading_free);
  g_free (self->message);
  g_free (self);
}

static gboolean
reading_kind_of (JsonObject      *concept,
                 CareReadingKind *out_kind)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (coding != NULL && g_strcmp0 (care_fhir_get_string (coding, "system"), "http://loinc.org") == 0 &&
          care_reading_kind_from_loinc (care_fhir_get_string (coding, "code"), out_kind))
        return TRUE;
    }
  return FALSE;
}

/**
 * care_timing_dup_text:
 * @timing: (nullable): a FHIR Timing
 *
 * Returns: (transfer full) (nullable): how often, in words: its
 *   `code.text`, else from `repeat` ("Twice a day", "3 times a week",
 *   "Every 2 days"); %NULL when it says nothing readable
 */
char *
care_timing_dup_text (JsonObject *timing)
{
  JsonObject *repeat = care_fhir_get_object (timing, "repeat");
  const char *text = care_fhir_get_string (care_fhir_get_object (timing, "code"), "text");
  const char *unit;
  gint64 frequency, period;

  if (text != NULL)
    return g_strdup (text);
  if (repeat == NULL)
    return NULL;
  frequency = json_object_get_int_member_with_default (repeat, "frequency", 1);
  period = (gint64) json_object_get_double_member_with_default (repeat, "period", 1);
  unit = care_fhir_get_string (repeat, "periodUnit");
  if (unit == NULL || frequency < 1 || frequency > 100 || period < 1 || period > 1000)
    return NULL;

  if (period == 1)
    {
      if (g_str_equal (unit, "d"))
        return frequency == 1 ? g_strdup (_("Once a day")) : frequency == 2 ? g_strdup (_("Twice a day"))
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time a day", "%u times a day",
                                               (gulong) frequency), (guint) frequency);
      if (g_str_equal (unit, "wk"))
        return frequency == 1 ? g_strdup (_("Once a week")) : frequency == 2 ? g_strdup (_("Twice a week"))
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time a week", "%u times a week",
                                               (gulong) frequency), (guint) frequency);
      if (g_str_equal (unit, "mo"))
        return frequency == 1 ? g_strdup (_("Once a month"))
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time a month", "%u times a month",
                                               (gulong) frequency), (guint) frequency);
      if (g_str_equal (unit, "h") && frequency == 1)
        return g_strdup (_("Every hour"));
      return NULL;
    }
  if (frequency != 1)
    return NULL;
  if (g_str_equal (unit, "d"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u day", "Every %u days", (gulong) period),
                            (guint) period);
  if (g_str_equal (unit, "wk"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u week", "Every %u weeks", (gulong) period),
                            (guint) period);
  if (g_str_equal (unit, "h"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u hour", "Every %u hours", (gulong) period),
                            (guint) period);
  return NULL;
}

static char *
dup_day (const char *date_time)
{
  return date_time != NULL && strlen (date_time) >= 10 ? g_strndup (date_time, 10) : g_strdup (date_time);
}

/**
 * care_reading_requests_from_resource:
 * @resource: a CarePlan or a ServiceRequest
 *
 * Returns: (transfer container) (element-type CareReadingRequest): the
 *   readings it asks for while it is active (none otherwise)
 */
GPtrArray *
care_reading_requests_from_resource (JsonObject *resource)
{
  GPtrArray *requests = g_ptr_array_new_with_free_func ((GDestroyNotify)care_reading_request_free);
  const char *type = care_fhir_get_string (resource, "resourceType");
  const char *id = care_fhir_get_string (resource, "id");
  const char *status = care_fhir_get_string (resource, "status");
  CareReadingKind kind;

  if (id == NULL || g_strcmp0 (status, "active") != 0)
    return requests;

  if (g_strcmp0 (type, "ServiceRequest") == 0)
    {
      CareReadingRequest *request;
      JsonArray *notes = care_fhir_get_array (resource, "note");

      if (!reading_kind_of (care_fhir_get_object (resource, "code"), &kind))
        return requests;
      request = g_new0 (CareReadingRequest, 1);
      request->id = g_strconcat ("ServiceRequest/", id, NULL);
      request->kind = kind;
      request->frequency = care_timing_dup_text (care_fhir_get_object (resource, "occurrenceTiming"));
      request->requester = g_strdup (care_fhir_get_string (care_fhir_get_object (resource, "requester"),
                                                           "display"));
      request->description = g_strdup (care_fhir_get_string (care_fhir_get_object (resource, "code"), "text"));
      if (notes != NULL && json_array_get_length (notes) > 0 &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (notes, 0)))
        {
          g_free (request->description);
          request->description = g_strdup (care_fhir_get_string (json_array_get_object_element (notes, 0),
                                                                 "text"));
        }
      g_ptr_array_add (requests, request);
    }
  else if (g_strcmp0 (type, "CarePlan") == 0)
    {
      JsonArray *activities = care_fhir_get_array (resource, "activity");
      const char *author = care_fhir_get_string (care_fhir_get_object (resource, "author"), "display");
      const char *end = care_fhir_get_string (care_fhir_get_object (resource, "period"), "end");

      for (guint i = 0; activities != NULL && i < json_array_get_length (activities); i++)
        {
          JsonNode *node = json_array_get_element (activities, i);
          JsonObject *detail = JSON_NODE_HOLDS_OBJECT (node)
                               ? care_fhir_get_object (json_node_get_object (node), "detail") : NULL;
          const char *detail_status = care_fhir_get_string (detail, "status");
          CareReadingRequest *request;

          if (detail == NULL || !reading_kind_of (care_fhir_get_object (detail, "code"), &kind))
            continue;
          if (g_strcmp0 (detail_status, "completed") == 0 || g_strcmp0 (detail_status, "cancelled") == 0 ||
              g_strcmp0 (detail_status, "stopped") == 0 || g_strcmp0 (detail_status, "entered-in-error") == 0)
            continue;
          request = g_new0 (CareReadingRequest, 1);
          request->id = g_strdup_printf ("CarePlan/%s#%u", id, i);
          request->kind = kind;
          request->description = g_strdup (care_fhir_get_string (detail, "description"));
          request->frequency = care_timing_dup_text (care_fhir_get_object (detail, "scheduledTiming"));
          if (request->frequency == NULL)
            request->frequency = g_strdup (care_fhir_get_string (detail, "scheduledString"));
          request->requester = g_strdup (author);
          request->until = dup_day (end);
          g_ptr_array_add (requests, request);
        }
    }
  return requests;
}

static GPtrArray *
dup_resources (CareCache  *cache,
               const char *type,
               const char *category,
               GError    **error)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);

  if (category != NULL)
    care_cache_query_set_category (query, category);
  return care_cache_dup_resources (cache, query, error);
}

static int
compare_requests (gconstpointer a,
                  gconstpointer b)
{
  const CareReadingRequest *x = *(CareReadingRequest **) a;
  const CareReadingRequest *y = *(CareReadingRequest **) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

/**
 * care_reading_requests_list:
 * @cache: a person's offline copy
 * @error: a cache error
 *
 * Returns: (transfer container) (element-type CareReadingRequest): every
 *   reading asked for by the active CarePlans and ServiceRequests, in the
 *   order of the kinds
 */
GPtrArray *
care_reading_requests_list (CareCache  *cache,
                            GError    **error)
{
  static const char *const types[] = { "CarePlan", "ServiceRequest" };
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify)care_reading_request_free);

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) resources = dup_resources (cache, types[t], NULL, error);

      if (resources == NULL)
        return NULL;
      for (guint i = 0; i < resources->len; i++)
        {
          g_autoptr(GPtrArray) found = care_reading_requests_from_resource (resources->pdata[i]);

          for (guint j = 0; j < found->len; j++)
            g_ptr_array_add (requests, g_steal_pointer (&found->pdata[j]));
          g_ptr_array_set_free_func (found, NULL);
        }
    }
  g_ptr_array_sort (requests, compare_requests);
  return g_steal_pointer (&requests);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CareReadingEntry *x = *(CareReadingEntry **) a;
  const CareReadingEntry *y = *(CareReadingEntry **) b;
  int order = g_date_time_compare (y->reading->time, x->reading->time);

  return order != 0 ? order : g_strcmp0 (x->id, y->id);
}

/**
 * care_reading_entries_list:
 * @cache: a person's offline copy
 * @error: a cache error
 *
 * Returns: (transfer container) (element-type CareReadingEntry): what the
 *   person entered, newest first: the patient-entered Observations of the
 *   offline copy, and the reading creates in the outbox that are not yet
 *   in it (waiting, refused, or sent since the last sync)
 */
GPtrArray *
care_reading_entries_list (CareCache  *cache,
                           GError    **error)
{
  static const char *const categories[] = { "vital-signs", "laboratory", "activity" };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)care_reading_entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    {
      g_autoptr(GPtrArray) resources = dup_resources (cache, "Observation", categories[c], error);

      if (resources == NULL)
        return NULL;
      for (guint i = 0; i < resources->len; i++)
        {
          JsonObject *resource = resources->pdata[i];
          const char *id = care_fhir_get_string (resource, "id");
          CareReading *reading;
          CareReadingEntry *entry;

          if (id == NULL || g_hash_table_contains (seen, id) || !care_observation_is_patient_entered (resource) ||
              g_strcmp0 (care_fhir_get_string (resource, "status"), "entered-in-error") == 0 ||
              (reading = care_reading_from_observation (resource, NULL)) == NULL)
            continue;
          g_hash_table_add (seen, g_strdup (id));
          entry = g_new0 (CareReadingEntry, 1);
          entry->id = g_strdup (id);
          entry->reading = reading;
          entry->state = CARE_OUTBOX_SENT;
          g_ptr_array_add (entries, entry);
        }
    }

  items = care_cache_outbox_list (cache, FALSE);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CareOutboxItem *item = items->pdata[i];
      g_autoptr(JsonObject) resource = NULL;
      CareReading *reading;
      CareReadingEntry *entry;

      if (item->kind != CARE_OUTBOX_CREATE || g_strcmp0 (item->type, "Observation") != 0)
        continue;
      if (item->state == CARE_OUTBOX_SENT && item->server_id != NULL &&
          g_hash_table_contains (seen, item->server_id))
        continue;
      resource = care_fhir_parse_resource (item->json, -1, NULL);
      if (resource == NULL || !care_observation_is_patient_entered (resource) ||
          (reading = care_reading_from_observation (resource, NULL)) == NULL)
        continue;
      entry = g_new0 (CareReadingEntry, 1);
      entry->waiting = item->state != CARE_OUTBOX_SENT;
      entry->id = g_strdup (entry->waiting || item->server_id == NULL ? item->client_id : item->server_id);
      entry->reading = reading;
      entry->state = item->state;
      entry->message = g_strdup (item->message);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}
