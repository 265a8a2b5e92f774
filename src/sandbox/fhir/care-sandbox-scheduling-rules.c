/* care-sandbox-scheduling-rules.c — booking, cancelling, wait list, eCheck-in
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * $book of held or free slots (and a reschedule: the new appointment with
 * the old one marked cancelled, in one transaction); what a patient may
 * change in a booked appointment with an update: cancel it with a reason
 * (not within 24 hours of its start: then the portal says to call the
 * clinic, with its number), join or leave the wait list, tick eCheck-in
 * steps from 7 days before until the start (all ticked: "checked-in");
 * and the wait list's offers of an earlier time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-scheduling-private.h"

#include <string.h>

static const char *check_in_steps[] = { "details", "insurance", "medications", "allergies", "copay" };

/**
 * sched_appointment_parameter:
 * @parameters: an operation's Parameters
 * @cancelled: the appointment being given up (status "cancelled") rather
 *   than the one asked for
 *
 * Argonaut names the parameter "appt-resource"; "appointment" is taken too.
 *
 * Returns: (transfer none) (nullable): the Appointment
 */
JsonObject *
sched_appointment_parameter (JsonObject *parameters,
                             gboolean    cancelled)
{
  JsonArray *list = sched_array (parameters, "parameter");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *parameter = json_array_get_object_element (list, i);
      JsonObject *resource = sched_obj (parameter, "resource");
      const char *name = sched_str (parameter, "name");

      if ((g_strcmp0 (name, "appt-resource") != 0 && g_strcmp0 (name, "appointment") != 0) ||
          g_strcmp0 (sched_str (resource, "resourceType"), "Appointment") != 0)
        continue;
      if ((g_strcmp0 (sched_str (resource, "status"), "cancelled") == 0) == cancelled)
        return resource;
    }
  return NULL;
}

static char *
dup_call_the_clinic (CareSandboxStore *store,
                     JsonObject       *appointment)
{
  JsonArray *participants = sched_array (appointment, "participant");
  g_autoptr(JsonObject) place = NULL;
  const char *name = NULL;
  const char *phone = NULL;

  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      const char *reference = sched_str (sched_obj (json_array_get_object_element (participants, i), "actor"),
                                         "reference");

      if (reference != NULL && g_str_has_prefix (reference, "Location/"))
        place = care_sandbox_store_get (store, "Location", reference + strlen ("Location/"));
    }
  if (place == NULL)
    place = care_sandbox_store_get (store, "Organization", "riverside");
  name = sched_str (place, "name");
  for (guint i = 0; sched_array (place, "telecom") != NULL &&
                    i < json_array_get_length (sched_array (place, "telecom")); i++)
    {
      JsonObject *telecom = json_array_get_object_element (sched_array (place, "telecom"), i);

      if (phone == NULL && g_strcmp0 (sched_str (telecom, "system"), "phone") == 0)
        phone = sched_str (telecom, "value");
    }

  /* Translators: the first %s is a clinic's name, the second its phone number. */
  return g_strdup_printf (_("Appointments that start within 24 hours can’t be changed online. "
                            "Please call %1$s at %2$s."),
                          name != NULL ? name : _("the clinic"), phone != NULL ? phone : "");
}

static gboolean
owns (const CareSandboxGrant *grant,
      JsonObject             *appointment)
{
  return appointment != NULL && care_sandbox_fhir_in_compartment (grant, appointment);
}

static void
add_booked_extensions (JsonObject *appointment,
                       JsonObject *visit_type)
{
  JsonObject *questionnaire = sched_extension (visit_type, CARE_SCHEDULING_EXT_QUESTIONNAIRE);
  JsonObject *copay = sched_extension (visit_type, CARE_SCHEDULING_EXT_COPAY);

  sched_remove_extension (appointment, CARE_SCHEDULING_EXT_HOLD_EXPIRES);
  sched_remove_extension (appointment, CARE_SCHEDULING_EXT_OFFER);
  if (sched_extension (visit_type, CARE_SCHEDULING_EXT_VIDEO) != NULL &&
      sched_extension (appointment, CARE_SCHEDULING_EXT_VIRTUAL) == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *token = g_uuid_string_random ();
      g_autofree char *json = g_strdup_printf (
        "{\"url\":\"" CARE_SCHEDULING_EXT_VIRTUAL "\",\"extension\":["
        "{\"url\":\"channelType\",\"valueCoding\":{\"system\":\"http://hl7.org/fhir/virtual-service-type\","
        "\"code\":\"https\"}},"
        "{\"url\":\"addressUrl\",\"valueUrl\":\"https://video.riverside.example.org/v/%s\"}]}", token);

      if (json_parser_load_from_data (parser, json, -1, NULL))
        sched_add_extension (appointment, json_node_dup_object (json_parser_get_root (parser)));
    }
  /* What eCheck-in will ask: the visit type's questionnaire and copay. */
  if (questionnaire != NULL || copay != NULL)
    {
      JsonObject *check_in = json_object_new ();
      JsonArray *parts = json_array_new ();

      json_object_set_string_member (check_in, "url", CARE_SCHEDULING_EXT_CHECK_IN);
      if (questionnaire != NULL)
        {
          JsonObject *part = json_object_new ();
          JsonObject *target = json_object_new ();

          /* A Reference, not a canonical: a client's sync follows it and
           * keeps the form offline with the appointment. */
          json_object_set_string_member (part, "url", "questionnaire-required");
          json_object_set_string_member (target, "reference", sched_str (questionnaire, "valueCanonical"));
          json_object_set_object_member (part, "valueReference", target);
          json_array_add_object_element (parts, part);
        }
      if (copay != NULL && sched_obj (copay, "valueMoney") != NULL)
        {
          JsonObject *part = json_object_new ();

          json_object_set_string_member (part, "url", "copay-due");
          json_object_set_member (part, "valueMoney", json_node_copy (json_object_get_member (copay, "valueMoney")));
          json_array_add_object_element (parts, part);
        }
      json_object_set_array_member (check_in, "extension", parts);
      sched_add_extension (appointment, check_in);
    }
}

static gboolean
refuse (SoupServerMessage *msg,
        guint              status,
        const char        *text)
{
  care_sandbox_fhir_send_outcome (msg, status, "error", status == SOUP_STATUS_CONFLICT ? "conflict"
                                                         : "business-rule", text);
  return TRUE;
}

/**
 * sched_book:
 * @store: the resources
 * @grant: the patient's grant
 * @msg: the request
 * @parameters: the Parameters
 *
 * Returns: %TRUE if it answered; %FALSE for an appointment that names no
 *   slot (the plain $book of care-sandbox-fhir-ops.c)
 */
gboolean
sched_book (CareSandboxStore       *store,
            const CareSandboxGrant *grant,
            SoupServerMessage      *msg,
            JsonObject             *parameters)
{
  JsonObject *asked = sched_appointment_parameter (parameters, FALSE);
  JsonObject *given_up = sched_appointment_parameter (parameters, TRUE);
  g_autoptr(JsonObject) appointment = NULL;
  g_autoptr(JsonObject) visit_type = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(JsonObject) offer = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(GPtrArray) old_slots = NULL;
  g_autoptr(JsonObject) stored = NULL;
  gint64 now = care_sandbox_store_now (store);
  const char *text = NULL;
  guint status = 0;
  const char *offer_id;

  if (asked == NULL || sched_array (asked, "slot") == NULL)
    return FALSE;

  appointment = json_object_ref (asked);
  visit_type = sched_visit_type (store, sched_visit_code (appointment));
  if (!sched_may_book (store, grant, visit_type, &status, &text))
    return refuse (msg, status, text);
  if (!owns (grant, appointment))
    return refuse (msg, SOUP_STATUS_FORBIDDEN, _("The resource is not in this token’s patient compartment"));

  /* Accepting a wait-list offer books the offer itself. */
  offer_id = sched_str (appointment, "id");
  if (offer_id != NULL)
    {
      offer = care_sandbox_store_get (store, "Appointment", offer_id);
      if (offer == NULL || !owns (grant, offer) || g_strcmp0 (sched_str (offer, "status"), "proposed") != 0)
        g_clear_pointer (&offer, json_object_unref);
    }
  if (offer != NULL)
    {
      JsonObject *extension = sched_extension (offer, CARE_SCHEDULING_EXT_OFFER);
      JsonObject *expires = sched_extension (extension, "expires");

      if (extension != NULL && sched_parse_time (sched_str (expires, "valueDateTime")) <= now)
        return refuse (msg, SOUP_STATUS_CONFLICT,
                       _("Sorry, this offer has ended and the earlier time went to someone else. "
                         "Your appointment stays as it was."));
      g_clear_pointer (&appointment, json_object_unref);
      appointment = json_object_ref (offer);
    }
  else
    json_object_remove_member (appointment, "id");

  slots = sched_slots_of (store, appointment);
  if (slots == NULL || slots->len == 0)
    return refuse (msg, SOUP_STATUS_BAD_REQUEST, _("The appointment names no open time"));
  for (guint i = 0; i < slots->len; i++)
    if (!sched_slot_open (g_ptr_array_index (slots, i), now, grant->patient_id))
      return refuse (msg, SOUP_STATUS_CONFLICT, _("Someone else just took this time. Please choose another."));

  if (given_up != NULL)
    {
      old = care_sandbox_store_get (store, "Appointment",
                                    sched_str (given_up, "id") != NULL ? sched_str (given_up, "id") : "");
      if (!owns (grant, old))
        return refuse (msg, SOUP_STATUS_NOT_FOUND, _("The appointment to move was not found"));
      if (g_strcmp0 (sched_str (old, "status"), "booked") != 0)
        return refuse (msg, SOUP_STATUS_CONFLICT, _("Only a booked appointment can be moved"));
      if (sched_parse_time (sched_str (old, "start")) - now < CARE_SCHEDULING_CANCEL_SECONDS)
        {
          g_autofree char *call = dup_call_the_clinic (store, old);

          return refuse (msg, SOUP_STATUS_CONFLICT, call);
        }
      old_slots = sched_slots_of (store, old);
    }

  if (!care_sandbox_store_begin (store, NULL))
    return refuse (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("The portal is busy; try again"));

  json_object_set_string_member (appointment, "status", "booked");
  json_object_set_string_member (appointment, "created", sched_format_time (now));
  add_booked_extensions (appointment, visit_type);
  {
    JsonArray *participants = sched_array (appointment, "participant");

    for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
      json_object_set_string_member (json_array_get_object_element (participants, i), "status", "accepted");
  }
  if (!sched_set_slots (store, slots, "busy", NULL, 0))
    goto failed;
  stored = care_sandbox_store_put (store, appointment, NULL);
  if (stored == NULL)
    goto failed;

  if (old != NULL)
    {
      g_autoptr(JsonObject) cancelled = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_object_set_string_member (old, "status", "cancelled");
      json_parser_load_from_data (parser, "{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                                  "CodeSystem/appointment-cancellation-reason\",\"code\":\"pat\","
                                  "\"display\":\"Patient\"}],\"text\":\"Rescheduled\"}", -1, NULL);
      json_object_set_member (old, "cancelationReason", json_node_copy (json_parser_get_root (parser)));
      sched_remove_extension (old, CARE_SCHEDULING_EXT_WAIT_LIST);
      if (old_slots != NULL && !sched_set_slots (store, old_slots, "free", NULL, 0))
        goto failed;
      cancelled = care_sandbox_store_put (store, old, NULL);
      if (cancelled == NULL)
        goto failed;
    }
  if (!care_sandbox_store_commit (store, NULL))
    goto failed;

  sched_send_return (msg, stored);
  return TRUE;

failed:
  care_sandbox_store_rollback (store);
  return refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("The appointment could not be booked"));
}

static gboolean
changed (JsonObject *before,
         JsonObject *after,
         const char *name)
{
  JsonNode *a = json_object_get_member (before, name);
  JsonNode *b = json_object_get_member (after, name);

  if (a == NULL || b == NULL)
    return a != b;
  return !json_node_equal (a, b);
}

static gboolean
check_in_complete (JsonObject *check_in)
{
  JsonArray *parts = sched_array (check_in, "extension");
  gboolean needs_questionnaire = FALSE;
  gboolean answered = FALSE;
  guint done = 0;

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);
      const char *url = sched_str (part, "url");

      if (g_strcmp0 (url, "questionnaire-required") == 0)
        needs_questionnaire = TRUE;
      else if (g_strcmp0 (url, "questionnaire") == 0 && sched_obj (part, "valueReference") != NULL)
        answered = TRUE;
      else
        for (guint k = 0; k < G_N_ELEMENTS (check_in_steps); k++)
          if (g_strcmp0 (url, check_in_steps[k]) == 0 &&
              (json_object_get_boolean_member_with_default (part, "valueBoolean", FALSE) ||
               sched_str (part, "valueCode") != NULL))
            done |= 1u << k;
    }
  return done == (1u << G_N_ELEMENTS (check_in_steps)) - 1 && (!needs_questionnaire || answered);
}

/**
 * care_sandbox_scheduling_check_update:
 * @store: the resources
 * @grant: the writer's grant
 * @before: the stored Appointment
 * @after: what the patient sent; may be completed (status "checked-in")
 * @out_status: the HTTP status of a refusal
 * @out_text: (transfer full): its reason
 *
 * Returns: %TRUE if the update may be stored
 */
gboolean
care_sandbox_scheduling_check_update (CareSandboxStore       *store,
                                      const CareSandboxGrant *grant,
                                      JsonObject             *before,
                                      JsonObject             *after,
                                      guint                  *out_status,
                                      char                  **out_text)
{
  static const char *fixed[] = { "start", "end", "slot", "participant", "serviceType", "minutesDuration",
                                 "serviceCategory" };
  const char *was = sched_str (before, "status");
  const char *now_status = sched_str (after, "status");
  gint64 now = care_sandbox_store_now (store);
  gint64 start = sched_parse_time (sched_str (before, "start"));
  JsonObject *check_in = sched_extension (after, CARE_SCHEDULING_EXT_CHECK_IN);
  JsonObject *old_check_in = sched_extension (before, CARE_SCHEDULING_EXT_CHECK_IN);
  gboolean check_in_changed;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (changed (before, after, fixed[i]))
      {
        *out_status = SOUP_STATUS_FORBIDDEN;
        *out_text = g_strdup (_("To change the time or the clinician, reschedule the appointment"));
        return FALSE;
      }

  /* Declining a wait-list offer. */
  if (g_strcmp0 (was, "proposed") == 0)
    {
      if (g_strcmp0 (now_status, "proposed") != 0 && g_strcmp0 (now_status, "cancelled") != 0)
        {
          *out_status = SOUP_STATUS_FORBIDDEN;
          *out_text = g_strdup (_("Accept an offer by booking it"));
          return FALSE;
        }
      return TRUE;
    }

  if (g_strcmp0 (was, now_status) != 0)
    {
      if (g_strcmp0 (now_status, "cancelled") != 0 || g_strcmp0 (was, "booked") != 0)
        {
          *out_status = SOUP_STATUS_FORBIDDEN;
          *out_text = g_strdup (_("Only a booked appointment can be cancelled"));
          return FALSE;
        }
      if (sched_obj (after, "cancelationReason") == NULL)
        {
          *out_status = SOUP_STATUS_BAD_REQUEST;
          *out_text = g_strdup (_("A cancellation needs a reason"));
          return FALSE;
        }
      if (start - now < CARE_SCHEDULING_CANCEL_SECONDS)
        {
          *out_status = SOUP_STATUS_CONFLICT;
          *out_text = dup_call_the_clinic (store, before);
          return FALSE;
        }
      sched_remove_extension (after, CARE_SCHEDULING_EXT_WAIT_LIST);
      return TRUE;
    }

  check_in_changed = (check_in == NULL) != (old_check_in == NULL) ||
                     (check_in != NULL && !json_object_equal (check_in, old_check_in));
  if (check_in_changed)
    {
      if (g_strcmp0 (was, "booked") != 0 ||
          now < start - CARE_SCHEDULING_CHECK_IN_DAYS * 24 * 3600 || now >= start)
        {
          *out_status = SOUP_STATUS_CONFLICT;
          *out_text = g_strdup (_("eCheck-in is open from 7 days before the visit until it starts"));
          return FALSE;
        }
      if (check_in_complete (check_in))
        json_object_set_string_member (after, "status", "checked-in");
    }
  if (changed (before, after, "extension") && !check_in_changed && g_strcmp0 (was, "booked") != 0)
    {
      *out_status = SOUP_STATUS_CONFLICT;
      *out_text = g_strdup (_("Only a booked appointment can join the wait list"));
      return FALSE;
    }
  (void)grant;
  return TRUE;
}

/**
 * care_sandbox_scheduling_after_update:
 * @store: the resources
 * @before: the Appointment as it was
 * @after: as it is now
 *
 * A cancelled appointment (or a declined offer) gives its slots back.
 */
void
care_sandbox_scheduling_after_update (CareSandboxStore *store,
                                      JsonObject       *before,
                                      JsonObject       *after)
{
  g_autoptr(GPtrArray) slots = NULL;

  if (g_strcmp0 (sched_str (after, "status"), "cancelled") != 0 ||
      g_strcmp0 (sched_str (before, "status"), "cancelled") == 0)
    return;
  slots = sched_slots_of (store, before);
  if (slots != NULL)
    sched_set_slots (store, slots, "free", NULL, 0);
}

static gboolean
has_live_offer (GPtrArray  *appointments,
                const char *for_id,
                gint64      now)
{
  g_autofree char *reference = g_strconcat ("Appointment/", for_id, NULL);

  for (guint i = 0; i < appointments->len; i++)
    {
      JsonObject *appointment = g_ptr_array_index (appointments, i);
      JsonObject *offer = sched_extension (appointment, CARE_SCHEDULING_EXT_OFFER);

      JsonObject *target = sched_extension (offer, "appointment");
      JsonObject *expires = sched_extension (offer, "expires");

      if (offer != NULL && g_strcmp0 (sched_str (appointment, "status"), "proposed") == 0 &&
          sched_parse_time (sched_str (expires, "valueDateTime")) > now &&
          g_strcmp0 (sched_str (sched_obj (target, "valueReference"), "reference"), reference) == 0)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
schedule_of (CareSandboxStore *store,
             JsonObject       *appointment)
{
  JsonArray *participants = sched_array (appointment, "participant");

  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      const char *reference = sched_str (sched_obj (json_array_get_object_element (participants, i), "actor"),
                                         "reference");

      if (reference != NULL && g_str_has_prefix (reference, "Practitioner/"))
        {
          g_autofree char *id = g_strconcat (reference + strlen ("Practitioner/"), "-schedule", NULL);

          return care_sandbox_store_get (store, "Schedule", id);
        }
    }
  return NULL;
}

static gboolean
offer_for (CareSandboxStore *store,
           JsonObject       *appointment,
           GHashTable       *slots_by_schedule,
           gint64            now)
{
  const char *patient = NULL;
  g_autofree char *patient_id = care_sandbox_store_dup_patient_of (appointment);
  g_autoptr(JsonObject) schedule = schedule_of (store, appointment);
  g_autoptr(JsonObject) visit_type = sched_visit_type (store, sched_visit_code (appointment));
  g_autofree char *key = NULL;
  g_autoptr(JsonArray) runs = json_array_new ();
  gint64 start = sched_parse_time (sched_str (appointment, "start"));
  GPtrArray *slots;
  JsonObject *offer;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *for_ref = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expires = sched_format_time (now + CARE_SCHEDULING_OFFER_SECONDS);

  if (schedule == NULL || patient_id == NULL)
    return FALSE;
  if (visit_type == NULL)
    visit_type = sched_visit_type (store, "follow-up");
  patient = patient_id;
  key = g_strconcat ("Schedule/", sched_str (schedule, "id"), NULL);
  slots = g_hash_table_lookup (slots_by_schedule, key);
  if (slots == NULL)
    return FALSE;

  sched_add_runs (store, visit_type, schedule, slots, now + 2 * 3600, start - 3600, now, patient, runs);
  if (json_array_get_length (runs) == 0)
    {
      /* The demo's "someone cancelled": the earliest taken slot that no
       * patient of the sandbox holds opens up. */
      for (guint i = 0; i < slots->len; i++)
        {
          JsonObject *slot = g_ptr_array_index (slots, i);
          gint64 when = sched_parse_time (sched_str (slot, "start"));

          if (when > now + 2 * 3600 && when < start - 3600 &&
              g_strcmp0 (sched_str (slot, "status"), "busy") == 0)
            {
              json_object_set_string_member (slot, "status", "free");
              sched_add_runs (store, visit_type, schedule, slots, when, when + 1, now, patient, runs);
              if (json_array_get_length (runs) > 0)
                {
                  g_autoptr(JsonObject) freed = care_sandbox_store_put (store, slot, NULL);

                  break;
                }
              json_object_set_string_member (slot, "status", "busy");
            }
        }
    }
  if (json_array_get_length (runs) == 0)
    return FALSE;

  offer = json_array_get_object_element (runs, 0);
  id = g_strdup_printf ("offer-%s-%" G_GINT64_FORMAT, sched_str (appointment, "id"), now);
  json_object_set_string_member (offer, "id", id);
  for_ref = g_strconcat ("Appointment/", sched_str (appointment, "id"), NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *json = g_strdup_printf ("{\"url\":\"" CARE_SCHEDULING_EXT_OFFER "\",\"extension\":["
                                             "{\"url\":\"appointment\",\"valueReference\":{\"reference\":\"%s\"}},"
                                             "{\"url\":\"expires\",\"valueDateTime\":\"%s\"}]}",
                                             for_ref, expires);

    if (!json_parser_load_from_data (parser, json, -1, NULL))
      return FALSE;
    sched_add_extension (offer, json_node_dup_object (json_parser_get_root (parser)));
  }

  chosen = sched_slots_of (store, offer);
  if (chosen == NULL || !sched_set_slots (store, chosen, "busy-tentative", patient,
                                          now + CARE_SCHEDULING_OFFER_SECONDS))
    return FALSE;
  stored = care_sandbox_store_put (store, offer, NULL);
  return stored != NULL;
}

/**
 * care_sandbox_scheduling_open_offers:
 * @store: the resources
 *
 * For each booked appointment on the wait list without a live offer,
 * offers an earlier time of the same clinician, held for the patient for
 * half an hour (a proposed Appointment whose wait-list-offer extension
 * names the appointment and the offer's end). With --demo the sandbox
 * runs this now and then; tests call it through
 * care_sandbox_open_wait_list_offers().
 *
 * Returns: how many offers were made
 */
guint
care_sandbox_scheduling_open_offers (CareSandboxStore *store)
{
  g_autoptr(GPtrArray) appointments = sched_list (store, "Appointment", NULL);
  g_autoptr(GHashTable) slots = sched_slots_by_schedule (store);
  gint64 now = care_sandbox_store_now (store);
  guint made = 0;

  for (guint i = 0; i < appointments->len; i++)
    {
      JsonObject *appointment = g_ptr_array_index (appointments, i);
      JsonObject *wait = sched_extension (appointment, CARE_SCHEDULING_EXT_WAIT_LIST);

      if (wait == NULL || !json_object_get_boolean_member_with_default (wait, "valueBoolean", FALSE) ||
          g_strcmp0 (sched_str (appointment, "status"), "booked") != 0 ||
          sched_parse_time (sched_str (appointment, "start")) < now + 4 * 3600 ||
          has_live_offer (appointments, sched_str (appointment, "id"), now))
        continue;
      if (care_sandbox_store_begin (store, NULL))
        {
          if (offer_for (store, appointment, slots, now) && care_sandbox_store_commit (store, NULL))
            made++;
          else
            care_sandbox_store_rollback (store);
        }
    }
  return made;
}

static const char *
parameter_string (JsonObject *parameters,
                  const char *name)
{
  JsonArray *list = sched_array (parameters, "parameter");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *parameter = json_array_get_object_element (list, i);

      if (g_strcmp0 (sched_str (parameter, "name"), name) != 0)
        continue;
      if (sched_obj (parameter, "valueReference") != NULL)
        return sched_str (sched_obj (parameter, "valueReference"), "reference");
      return sched_str (parameter, "valueCode") ?: sched_str (parameter, "valueString");
    }
  return NULL;
}

/**
 * sched_check_in:
 * @store: the resources
 * @grant: the patient's grant
 * @msg: the request
 * @parameters: appointment (a reference), step (a code) and value
 *
 * `Appointment/$check-in`: ticks one eCheck-in step, with the rules of an
 * update (care_sandbox_scheduling_check_update()). One step a call, so a
 * client's steps ticked offline land in any order without conflicting
 * versions, and a resend ticks nothing twice.
 */
void
sched_check_in (CareSandboxStore       *store,
                const CareSandboxGrant *grant,
                SoupServerMessage      *msg,
                JsonObject             *parameters)
{
  static const char *steps[] = { "details", "insurance", "medications", "allergies", "questionnaire", "copay" };
  const char *reference = parameter_string (parameters, "appointment");
  const char *step = parameter_string (parameters, "step");
  const char *value = parameter_string (parameters, "value");
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *text = NULL;
  JsonObject *check_in;
  JsonObject *part = NULL;
  JsonArray *parts;
  gboolean known = FALSE;
  guint status = 0;

  for (guint i = 0; step != NULL && i < G_N_ELEMENTS (steps); i++)
    known |= g_str_equal (step, steps[i]);
  if (reference != NULL && g_str_has_prefix (reference, "Appointment/"))
    before = care_sandbox_store_get (store, "Appointment", reference + strlen ("Appointment/"));
  if (!owns (grant, before) || !known)
    {
      refuse (msg, SOUP_STATUS_BAD_REQUEST, _("$check-in needs an appointment and a step"));
      return;
    }
  if (g_str_equal (step, "questionnaire") && (value == NULL || !g_str_has_prefix (value, "QuestionnaireResponse/")))
    {
      refuse (msg, SOUP_STATUS_BAD_REQUEST, _("The questionnaire step needs the answers"));
      return;
    }

  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), before);
    g_autofree char *json = json_to_string (node, FALSE);

    after = sched_parse (json);
  }
  check_in = sched_extension (after, CARE_SCHEDULING_EXT_CHECK_IN);
  if (check_in == NULL)
    {
      check_in = json_object_new ();
      json_object_set_string_member (check_in, "url", CARE_SCHEDULING_EXT_CHECK_IN);
      sched_add_extension (after, check_in);
    }
  parts = sched_array (check_in, "extension");
  if (parts == NULL)
    {
      parts = json_array_new ();
      json_object_set_array_member (check_in, "extension", parts);
    }
  for (guint i = 0; i < json_array_get_length (parts); i++)
    if (g_strcmp0 (sched_str (json_array_get_object_element (parts, i), "url"), step) == 0)
      part = json_array_get_object_element (parts, i);
  if (part == NULL)
    {
      part = json_object_new ();
      json_object_set_string_member (part, "url", step);
      json_array_add_object_element (parts, part);
    }
  if (g_str_equal (step, "questionnaire"))
    {
      JsonObject *target = json_object_new ();

      json_object_set_string_member (target, "reference", value);
      json_object_set_object_member (part, "valueReference", target);
    }
  else if (g_str_equal (step, "copay"))
    json_object_set_string_member (part, "valueCode",
                                   g_strcmp0 (value, "paid") == 0 ? "paid" : "at-clinic");
  else
    json_object_set_boolean_member (part, "valueBoolean", TRUE);

  if (!care_sandbox_scheduling_check_update (store, grant, before, after, &status, &text))
    {
      refuse (msg, status, text);
      return;
    }
  stored = care_sandbox_store_put (store, after, NULL);
  if (stored == NULL)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("The appointment could not be booked"));
      return;
    }
  sched_send_return (msg, stored);
}
