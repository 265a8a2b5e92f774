/* care-renewal.c — where a prescription's renewal request stands
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A renewal request is a Communication of kind prescription-renewal
 * `about` the MedicationRequest (and the Organization of the pharmacy
 * asked for, care_message_renewal_draft_new()). Its state is read from
 * what the person's copy holds:
 *
 * - a MedicationRequest whose priorPrescription is the prescription:
 *   renewed (this wins over everything else);
 * - otherwise the newest of: the request waiting in the outbox (waiting),
 *   refused by the portal on sending (not sent, with the portal's words),
 *   sent (in the outbox's sent items or on the portal), or the care
 *   team's answer about it carrying a statusReason (refused, with it).
 *
 * The Medications list tags the prescription with it and says it in
 * words; a renewal conversation in Messages says it above its messages.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-fhir.h"
#include "care-message-draft.h"
#include "care-message-recipients.h"
#include "care-message-thread.h"
#include "care-renewal.h"
#include "care-resource-item.h"
#include "care-time.h"

void
care_renewal_free (CareRenewal *renewal)
{
  if (renewal == NULL)
    return;

  g_free (renewal->request_id);
  g_free (renewal->reason);
  g_free (renewal->pharmacy);
  g_free (renewal->renewed_id);
  g_free (renewal);
}

/* The id of the first reference in @array of type @type. */
static char *
dup_reference_id (JsonObject *object,
                  const char *member,
                  const char *type)
{
  JsonArray *array = care_fhir_get_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      CareFhirReference target;
      char *id = NULL;

      memset (&target, 0, sizeof target);
      if (care_fhir_read_reference (care_fhir_get_array_object (object, member, i), &target) &&
          g_strcmp0 (target.type, type) == 0)
        id = g_strdup (target.id);
      care_fhir_reference_clear (&target);
      if (id != NULL)
        return id;
    }
  return NULL;
}

/**
 * care_renewal_dup_about:
 * @message: a Communication
 *
 * Returns: (transfer full) (nullable): the id of the MedicationRequest it
 *   is about
 */
char *
care_renewal_dup_about (JsonObject *message)
{
  return dup_reference_id (message, "about", "MedicationRequest");
}

/**
 * care_renewal_dup_pharmacy_name:
 * @message: a renewal request
 *
 * Returns: (transfer full) (nullable): the pharmacy it asks for, as the
 *   reference to it shows it (a pharmacy none of the person's
 *   prescriptions names is a display without a reference)
 */
char *
care_renewal_dup_pharmacy_name (JsonObject *message)
{
  JsonArray *about = care_fhir_get_array (message, "about");

  for (guint i = 0; about != NULL && i < json_array_get_length (about); i++)
    {
      JsonObject *reference = care_fhir_get_array_object (message, "about", i);
      const char *target = care_fhir_get_string (reference, "reference");

      /* One of the person's pharmacies by reference, or another by its
       * name alone. */
      if ((target == NULL || g_str_has_prefix (target, "Organization/")) &&
          care_fhir_get_string (reference, "display") != NULL)
        return g_strdup (care_fhir_get_string (reference, "display"));
    }
  return NULL;
}

static CareRenewal *
lookup_or_add (GHashTable *renewals,
               const char *request_id)
{
  CareRenewal *renewal = g_hash_table_lookup (renewals, request_id);

  if (renewal == NULL)
    {
      renewal = g_new0 (CareRenewal, 1);
      renewal->request_id = g_strdup (request_id);
      g_hash_table_insert (renewals, renewal->request_id, renewal);
    }
  return renewal;
}

/* Takes @status for @request_id if it is newer than what is known. */
static void
note (GHashTable        *renewals,
      const char        *request_id,
      CareRenewalStatus  status,
      gint64             when,
      const char        *reason,
      const char        *pharmacy)
{
  CareRenewal *renewal = lookup_or_add (renewals, request_id);

  if (renewal->status == CARE_RENEWAL_RENEWED)
    return;
  if (renewal->status != CARE_RENEWAL_NONE &&
      (when < renewal->when || (when == renewal->when && status < renewal->status)))
    return;
  renewal->status = status;
  renewal->when = when;
  g_free (renewal->reason);
  renewal->reason = g_strdup (reason);
  /* A refusal does not name the pharmacy: keep the one asked for. */
  if (pharmacy != NULL || status != CARE_RENEWAL_REFUSED)
    {
      g_free (renewal->pharmacy);
      renewal->pharmacy = g_strdup (pharmacy);
    }
}

static void
note_message (GHashTable        *renewals,
              JsonObject        *message,
              CareRenewalStatus  sent_status,
              gint64             when,
              const char        *outbox_reason)
{
  g_autofree char *request_id = care_renewal_dup_about (message);
  JsonObject *status_reason = care_fhir_get_object (message, "statusReason");

  if (request_id == NULL)
    return;
  if (care_message_is_from_patient_side (message))
    {
      g_autofree char *pharmacy = NULL;

      if (care_message_get_kind (message) != CARE_MESSAGE_KIND_RENEWAL)
        return;
      pharmacy = care_renewal_dup_pharmacy_name (message);
      note (renewals, request_id, sent_status, when, outbox_reason, pharmacy);
    }
  else if (status_reason != NULL)
    {
      g_autofree char *reason = care_fhir_dup_concept_text (status_reason);

      note (renewals, request_id, CARE_RENEWAL_REFUSED, when, reason, NULL);
    }
}

static char *
dup_performer_name (CareCache  *cache,
                    JsonObject *request)
{
  JsonObject *performer = care_fhir_get_object (care_fhir_get_object (request, "dispenseRequest"), "performer");
  CareFhirReference target;
  g_autoptr(JsonObject) organization = NULL;

  if (performer == NULL)
    return NULL;
  memset (&target, 0, sizeof target);
  if (care_fhir_read_reference (performer, &target) && g_strcmp0 (target.type, "Organization") == 0 &&
      target.id != NULL)
    organization = care_cache_lookup (cache, "Organization", target.id, NULL);
  care_fhir_reference_clear (&target);
  if (care_fhir_get_string (organization, "name") != NULL)
    return g_strdup (care_fhir_get_string (organization, "name"));
  return g_strdup (care_fhir_get_string (performer, "display"));
}

static void
note_renewed (GHashTable *renewals,
              CareCache  *cache,
              JsonObject *request)
{
  CareFhirReference prior;
  CareRenewal *renewal;
  gint64 when = 0;
  gboolean has_time = FALSE;

  memset (&prior, 0, sizeof prior);
  if (!care_fhir_read_reference (care_fhir_get_object (request, "priorPrescription"), &prior) ||
      g_strcmp0 (prior.type, "MedicationRequest") != 0 || prior.id == NULL ||
      care_fhir_get_string (request, "id") == NULL)
    {
      care_fhir_reference_clear (&prior);
      return;
    }
  renewal = lookup_or_add (renewals, prior.id);
  care_fhir_reference_clear (&prior);
  care_fhir_parse_date (care_fhir_get_string (request, "authoredOn"), &when, &has_time);
  if (renewal->status == CARE_RENEWAL_RENEWED && renewal->when > when)
    return;
  renewal->status = CARE_RENEWAL_RENEWED;
  renewal->when = when;
  renewal->date_only = !has_time;
  g_clear_pointer (&renewal->reason, g_free);
  g_free (renewal->renewed_id);
  renewal->renewed_id = g_strdup (care_fhir_get_string (request, "id"));
  g_free (renewal->pharmacy);
  renewal->pharmacy = dup_performer_name (cache, request);
}

/**
 * care_renewals_dup:
 * @cache: a person's cache
 *
 * Returns: (transfer full) (element-type utf8 CareRenewal): the renewal
 *   state of each prescription that was ever asked about, by its id
 */
GHashTable *
care_renewals_dup (CareCache *cache)
{
  GHashTable *renewals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify)care_renewal_free);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CareCacheQuery) query = NULL;
  g_autoptr(GListModel) requests = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), renewals);

  messages = care_message_dup_all (cache);
  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);

      note_message (renewals, message, CARE_RENEWAL_SENT, care_message_get_sent (message), NULL);
    }

  items = care_cache_outbox_list (cache, FALSE);
  for (guint i = 0; i < items->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr(JsonObject) message = NULL;
      CareRenewalStatus status;

      if (g_strcmp0 (item->type, "Communication") != 0 || item->kind != CARE_OUTBOX_CREATE)
        continue;
      if (item->state == CARE_OUTBOX_PENDING || item->state == CARE_OUTBOX_SENDING ||
          item->state == CARE_OUTBOX_CHECK)
        status = CARE_RENEWAL_WAITING;
      else if (item->state == CARE_OUTBOX_REFUSED)
        status = CARE_RENEWAL_NOT_SENT;
      else if (item->state == CARE_OUTBOX_SENT)
        status = CARE_RENEWAL_SENT;
      else
        continue;
      message = care_fhir_parse_resource (item->json, -1, NULL);
      if (message != NULL)
        note_message (renewals, message, status, item->created, status == CARE_RENEWAL_NOT_SENT ? item->message : NULL);
    }

  query = care_cache_query_new ("MedicationRequest");
  requests = care_cache_query (cache, query, NULL);
  for (guint i = 0; requests != NULL && i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (requests, i);
      g_autoptr(JsonObject) request = care_resource_item_dup_resource (item, NULL);

      if (request != NULL)
        note_renewed (renewals, cache, request);
    }
  return renewals;
}

/**
 * care_renewal_dup_tag:
 * @renewal: a renewal's state
 *
 * Returns: (transfer full) (nullable): a short status in words, "Renewed"
 */
char *
care_renewal_dup_tag (const CareRenewal *renewal)
{
  g_return_val_if_fail (renewal != NULL, NULL);

  switch (renewal->status)
    {
    case CARE_RENEWAL_WAITING:
      return g_strdup (_("Renewal waiting to send"));
    case CARE_RENEWAL_NOT_SENT:
      return g_strdup (_("Renewal not sent"));
    case CARE_RENEWAL_SENT:
      return g_strdup (_("Renewal requested"));
    case CARE_RENEWAL_REFUSED:
      return g_strdup (_("Renewal refused"));
    case CARE_RENEWAL_RENEWED:
      return g_strdup (_("Renewed"));
    case CARE_RENEWAL_NONE:
    default:
      return NULL;
    }
}

/**
 * care_renewal_dup_text:
 * @renewal: a renewal's state
 *
 * Returns: (transfer full) (nullable): where it stands in a sentence,
 *   "Renewed on Dec 6, 2026 and sent to Main Street Pharmacy"
 */
char *
care_renewal_dup_text (const CareRenewal *renewal)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;
  const char *pharmacy;

  g_return_val_if_fail (renewal != NULL, NULL);

  if (renewal->when > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (renewal->when);

      when = renewal->date_only ? g_date_time_ref (utc) : g_date_time_to_local (utc);
      day = care_time_format_day (when);
    }
  pharmacy = renewal->pharmacy;

  switch (renewal->status)
    {
    case CARE_RENEWAL_WAITING:
      if (pharmacy != NULL)
        /* Translators: %s is a pharmacy */
        return g_strdup_printf (_("Your renewal request for %s waits to be sent; it goes when you are online."),
                                pharmacy);
      return g_strdup (_("Your renewal request waits to be sent; it goes when you are online."));
    case CARE_RENEWAL_NOT_SENT:
      if (renewal->reason != NULL)
        /* Translators: %s is the health system's reason, in its words */
        return g_strdup_printf (_("The health system did not take your renewal request: %s"), renewal->reason);
      return g_strdup (_("The health system did not take your renewal request."));
    case CARE_RENEWAL_SENT:
      if (day != NULL && pharmacy != NULL)
        /* Translators: %1$s is a date, %2$s a pharmacy */
        return g_strdup_printf (_("Renewal requested on %1$s, for %2$s; waiting for the care team’s answer."),
                                day, pharmacy);
      if (day != NULL)
        /* Translators: %s is a date */
        return g_strdup_printf (_("Renewal requested on %s; waiting for the care team’s answer."), day);
      return g_strdup (_("Renewal requested; waiting for the care team’s answer."));
    case CARE_RENEWAL_REFUSED:
      if (renewal->reason != NULL)
        /* Translators: a prescription's renewal was refused; %s is the care team's reason */
        return g_strdup_printf (_("Renewal refused: %s"), renewal->reason);
      return g_strdup (_("The care team refused the renewal."));
    case CARE_RENEWAL_RENEWED:
      if (day != NULL && pharmacy != NULL)
        /* Translators: %1$s is a date, %2$s a pharmacy */
        return g_strdup_printf (_("Renewed on %1$s and sent to %2$s."), day, pharmacy);
      if (day != NULL)
        /* Translators: %s is a date */
        return g_strdup_printf (_("Renewed on %s."), day);
      return g_strdup (_("Renewed."));
    case CARE_RENEWAL_NONE:
    default:
      return NULL;
    }
}
