/* care-sync-news.c — what a sync brought that a person should hear about
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a sync, the report says which resources were added or changed per
 * type. News is made from that, and from the cache for the few facts that
 * decide whether a change is worth telling:
 *
 * - results: DiagnosticReports added, and laboratory or imaging
 *   Observations added that are not results of one of those reports (a
 *   panel is one result, not twelve); home readings are not results;
 * - messages: Communications added that the patient did not send (their
 *   own messages, and those Carebook sent for them, come back on the next
 *   sync);
 * - appointments: Appointments added or changed;
 * - offers: wait-list offers added (a proposed Appointment the portal
 *   holds for the person), news of their own because they expire: the
 *   notification opens the offer, to accept or decline it in time.
 *
 * A type's first sync into a cache brings everything, and none of it is
 * news. Nothing here reads or returns clinical content: only counts and
 * the id of one item to open.
 */
#include "config.h"

#include "care-appointment.h"
#include "care-sync-news.h"

#include <string.h>

/**
 * care_sync_news_free:
 * @news: (nullable): news
 */
void
care_sync_news_free (CareSyncNews *news)
{
  if (news == NULL)
    return;
  g_free (news->type);
  g_free (news->id);
  g_free (news);
}

static const CareSyncReportEntry *
lookup_news_entry (CareSyncReport *report,
                   const char     *type)
{
  const CareSyncReportEntry *entry = care_sync_report_lookup (report, type);

  if (entry == NULL || entry->first || entry->status == CARE_TYPE_STATUS_FAILED)
    return NULL;
  return entry;
}

/* "Type/id" → id, or NULL when @reference is not of @type. */
static const char *
id_of (const char *reference,
       const char *type)
{
  gsize length = strlen (type);

  if (strncmp (reference, type, length) == 0 && reference[length] == '/')
    return reference + length + 1;
  return NULL;
}

static gboolean
has_category (JsonObject  *resource,
              const char **codes)
{
  JsonArray *categories = care_fhir_get_array (resource, "category");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonNode *node = json_array_get_element (categories, i);
      JsonArray *codings = JSON_NODE_HOLDS_OBJECT (node)
                           ? care_fhir_get_array (json_node_get_object (node), "coding") : NULL;

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          JsonNode *coding = json_array_get_element (codings, j);
          const char *code = JSON_NODE_HOLDS_OBJECT (coding)
                             ? care_fhir_get_string (json_node_get_object (coding), "code") : NULL;

          if (code != NULL && g_strv_contains (codes, code))
            return TRUE;
        }
    }
  return FALSE;
}

static const char *
reference_of (JsonObject *resource,
              const char *member)
{
  JsonObject *reference = care_fhir_get_object (resource, member);

  return reference != NULL ? care_fhir_get_string (reference, "reference") : NULL;
}

static gboolean
sent_by_patient (JsonObject *message,
                 const char *patient_id)
{
  g_autofree char *patient = g_strconcat ("Patient/", patient_id, NULL);
  const char *sender = reference_of (message, "sender");
  JsonArray *identifiers = care_fhir_get_array (message, "identifier");

  if (sender != NULL && (g_str_equal (sender, patient) || g_str_has_suffix (sender, patient)))
    return TRUE;
  /* Sent from Carebook's outbox: the person wrote it. */
  for (guint i = 0; identifiers != NULL && i < json_array_get_length (identifiers); i++)
    {
      JsonNode *node = json_array_get_element (identifiers, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (care_fhir_get_string (json_node_get_object (node), "system"),
                     CARE_OUTBOX_IDENTIFIER_SYSTEM) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_news (GPtrArray        *news,
          CareSyncNewsKind  kind,
          guint             count,
          const char       *type,
          const char       *id)
{
  CareSyncNews *item;

  if (count == 0)
    return;
  item = g_new0 (CareSyncNews, 1);
  item->kind = kind;
  item->count = count;
  item->type = g_strdup (type);
  item->id = g_strdup (id);
  g_ptr_array_add (news, item);
}

static void
compute_results (GPtrArray      *news,
                 CareSyncReport *report,
                 CareCache      *cache)
{
  static const char *result_categories[] = { "laboratory", "imaging", "LAB", "RAD", NULL };
  const CareSyncReportEntry *reports = lookup_news_entry (report, "DiagnosticReport");
  const CareSyncReportEntry *observations = lookup_news_entry (report, "Observation");
  g_autoptr(GHashTable) in_reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *first_type = NULL;
  const char *first_id = NULL;
  guint count = 0;

  for (guint i = 0; reports != NULL && reports->added != NULL && i < reports->added->len; i++)
    {
      const char *id = id_of (g_ptr_array_index (reports->added, i), "DiagnosticReport");
      g_autoptr(JsonObject) resource = id != NULL ? care_cache_lookup (cache, "DiagnosticReport", id, NULL) : NULL;
      JsonArray *results = resource != NULL ? care_fhir_get_array (resource, "result") : NULL;

      if (resource == NULL)
        continue;
      for (guint j = 0; results != NULL && j < json_array_get_length (results); j++)
        {
          JsonNode *node = json_array_get_element (results, j);
          const char *reference = JSON_NODE_HOLDS_OBJECT (node)
                                  ? care_fhir_get_string (json_node_get_object (node), "reference") : NULL;
          g_autofree char *type = NULL;
          g_autofree char *observation = NULL;

          if (reference != NULL && care_fhir_parse_reference (reference, &type, &observation) &&
              g_strcmp0 (type, "Observation") == 0)
            g_hash_table_add (in_reports, g_steal_pointer (&observation));
        }
      if (count++ == 0)
        {
          first_type = "DiagnosticReport";
          first_id = id;
        }
    }

  for (guint i = 0; observations != NULL && observations->added != NULL && i < observations->added->len; i++)
    {
      const char *id = id_of (g_ptr_array_index (observations->added, i), "Observation");
      g_autoptr(JsonObject) resource = NULL;

      if (id == NULL || g_hash_table_contains (in_reports, id))
        continue;
      resource = care_cache_lookup (cache, "Observation", id, NULL);
      if (resource == NULL || !has_category (resource, result_categories))
        continue;
      if (count++ == 0)
        {
          first_type = "Observation";
          first_id = id;
        }
    }

  add_news (news, CARE_SYNC_NEWS_RESULTS, count, first_type, first_id);
}

static void
compute_messages (GPtrArray      *news,
                  CareSyncReport *report,
                  CareCache      *cache,
                  const char     *patient_id)
{
  const CareSyncReportEntry *messages = lookup_news_entry (report, "Communication");
  const char *first_id = NULL;
  guint count = 0;

  for (guint i = 0; messages != NULL && messages->added != NULL && i < messages->added->len; i++)
    {
      const char *id = id_of (g_ptr_array_index (messages->added, i), "Communication");
      g_autoptr(JsonObject) resource = id != NULL ? care_cache_lookup (cache, "Communication", id, NULL) : NULL;

      if (resource == NULL || sent_by_patient (resource, patient_id))
        continue;
      if (count++ == 0)
        first_id = id;
    }

  add_news (news, CARE_SYNC_NEWS_MESSAGES, count, "Communication", first_id);
}

static void
compute_appointments (GPtrArray      *news,
                      CareSyncReport *report,
                      CareCache      *cache)
{
  const CareSyncReportEntry *appointments = lookup_news_entry (report, "Appointment");
  GPtrArray *lists[2] = { NULL, NULL };
  const char *first_id = NULL;
  const char *first_offer = NULL;
  guint count = 0;
  guint offers = 0;

  if (appointments == NULL)
    return;
  lists[0] = appointments->added;
  lists[1] = appointments->updated;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const char *id = id_of (g_ptr_array_index (lists[l], i), "Appointment");
        g_autoptr(JsonObject) resource = id != NULL ? care_cache_lookup (cache, "Appointment", id, NULL) : NULL;

        if (resource == NULL)
          continue;
        if (care_appointment_is_offer (resource))
          {
            /* Only a new offer is news; one that changed is the same offer. */
            if (l == 0 && offers++ == 0)
              first_offer = id;
            continue;
          }
        if (count++ == 0)
          first_id = id;
      }

  add_news (news, CARE_SYNC_NEWS_APPOINTMENTS, count, "Appointment", first_id);
  add_news (news, CARE_SYNC_NEWS_OFFERS, offers, "Appointment", first_offer);
}

/**
 * care_sync_news_compute:
 * @report: what a sync did
 * @cache: the cache it synced
 * @patient_id: whose record it is
 *
 * Returns: (transfer full) (element-type CareSyncNews): the news, by kind
 *   (results, messages, appointments, offers), only kinds with something
 *   to tell
 */
GPtrArray *
care_sync_news_compute (CareSyncReport *report,
                        CareCache      *cache,
                        const char     *patient_id)
{
  GPtrArray *news = g_ptr_array_new_with_free_func ((GDestroyNotify)care_sync_news_free);

  g_return_val_if_fail (report != NULL, news);
  g_return_val_if_fail (CARE_IS_CACHE (cache), news);
  g_return_val_if_fail (patient_id != NULL, news);

  compute_results (news, report, cache);
  compute_messages (news, report, cache, patient_id);
  compute_appointments (news, report, cache);
  return news;
}
