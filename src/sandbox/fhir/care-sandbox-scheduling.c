/* care-sandbox-scheduling.c — Appointment/$find, $hold and $book
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patient self-scheduling as the Argonaut Scheduling IG describes it:
 * $find answers proposed Appointments built from open Slots of the
 * Schedules that offer a visit type; $hold keeps those slots for the
 * patient for a few minutes; $book books them. A visit longer than one
 * slot takes consecutive slots of the same schedule. A $book that also
 * carries the patient's booked appointment with status "cancelled" is a
 * reschedule: both happen in one transaction, or neither does.
 *
 * Visit types are HealthcareService resources of category "visit-type"
 * (care-sandbox-seed-schedule.c): length, the ages that may book them, a
 * copay, questionnaires for eCheck-in, whether they are video visits and
 * whether they are confidential (a teen's, withheld from a parent).
 * Updates to appointments (cancel, wait list, eCheck-in) are checked in
 * care-sandbox-scheduling-rules.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-scheduling-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


static gboolean
ages_allow (JsonObject *object,
            int         age)
{
  JsonObject *extension = sched_extension (object, CARE_SCHEDULING_EXT_AGES);
  JsonObject *range = sched_obj (extension, "valueRange");
  JsonObject *low = sched_obj (range, "low");
  JsonObject *high = sched_obj (range, "high");

  if (low != NULL && age < json_object_get_double_member_with_default (low, "value", 0))
    return FALSE;
  if (high != NULL && age > json_object_get_double_member_with_default (high, "value", 200))
    return FALSE;
  return TRUE;
}

static int
patient_age (CareSandboxStore *store,
             const char       *patient_id)
{
  g_autoptr(JsonObject) patient = care_sandbox_store_get (store, "Patient", patient_id);
  const char *birth = sched_str (patient, "birthDate");
  int year, month = 1, day = 1;
  GDate today;
  int age;

  if (birth == NULL || sscanf (birth, "%d-%d-%d", &year, &month, &day) < 1)
    return -1;
  care_sandbox_store_get_today (store, &today);
  age = g_date_get_year (&today) - year;
  if ((int)g_date_get_month (&today) < month ||
      ((int)g_date_get_month (&today) == month && g_date_get_day (&today) < day))
    age--;
  return age;
}

int
sched_minutes (JsonObject *visit_type)
{
  JsonObject *extension = sched_extension (visit_type, CARE_SCHEDULING_EXT_MINUTES);

  return extension != NULL
         ? (int)json_object_get_int_member_with_default (extension, "valueInteger", 20) : 20;
}

/*
 * May this grant book @visit_type for its patient? Fills @out_status and
 * @out_text when not.
 */
gboolean
sched_may_book (CareSandboxStore       *store,
                const CareSandboxGrant *grant,
                JsonObject             *visit_type,
                guint                  *out_status,
                const char            **out_text)
{
  int age = patient_age (store, grant->patient_id);

  if (visit_type == NULL)
    {
      *out_status = SOUP_STATUS_BAD_REQUEST;
      *out_text = _("This kind of visit can’t be booked online");
      return FALSE;
    }
  /* A parent never books (nor sees) a teen's confidential visits. */
  if (care_sandbox_fhir_access_for_grant (store, grant) != CARE_SANDBOX_ACCESS_FULL &&
      sched_has_code (visit_type, "category", "confidential"))
    {
      *out_status = SOUP_STATUS_FORBIDDEN;
      *out_text = _("This kind of visit can’t be booked online");
      return FALSE;
    }
  if (!ages_allow (visit_type, age))
    {
      *out_status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
      *out_text = _("This kind of visit is not offered at this patient’s age");
      return FALSE;
    }
  return TRUE;
}

/* Whether @slot may be booked by @patient now: free, or held by them, or
 * held by someone whose hold has run out. */
gboolean
sched_slot_open (JsonObject *slot,
                 gint64      now,
                 const char *patient)
{
  const char *status = sched_str (slot, "status");
  JsonObject *hold;

  if (g_strcmp0 (status, "free") == 0)
    return TRUE;
  if (g_strcmp0 (status, "busy-tentative") != 0)
    return FALSE;

  hold = sched_extension (slot, CARE_SCHEDULING_EXT_HOLD);
  if (hold == NULL)
    return FALSE;
  if (sched_parse_time (sched_str (sched_extension (hold, "expires"), "valueDateTime")) <= now)
    return TRUE;
  return patient != NULL &&
         g_strcmp0 (sched_str (sched_extension (hold, "patient"), "valueString"), patient) == 0;
}

/* The Slots an appointment names, in its order; %NULL if one is missing. */
GPtrArray *
sched_slots_of (CareSandboxStore *store,
                JsonObject       *appointment)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  JsonArray *refs = sched_array (appointment, "slot");

  for (guint i = 0; refs != NULL && i < json_array_get_length (refs); i++)
    {
      const char *reference = sched_str (json_array_get_object_element (refs, i), "reference");
      JsonObject *slot;

      if (reference == NULL || !g_str_has_prefix (reference, "Slot/"))
        return NULL;
      slot = care_sandbox_store_get (store, "Slot", reference + strlen ("Slot/"));
      if (slot == NULL)
        return NULL;
      g_ptr_array_add (slots, slot);
    }
  return g_steal_pointer (&slots);
}

/* Sets each slot's status; "busy-tentative" holds it for @patient until
 * @until. */
gboolean
sched_set_slots (CareSandboxStore *store,
                 GPtrArray        *slots,
                 const char       *status,
                 const char       *patient,
                 gint64            until)
{
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      JsonObject *slot = g_ptr_array_index (slots, i);
      g_autoptr(JsonObject) stored = NULL;

      json_object_set_string_member (slot, "status", status);
      sched_remove_extension (slot, CARE_SCHEDULING_EXT_HOLD);
      if (patient != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autofree char *expires = sched_format_time (until);
          g_autofree char *json = g_strdup_printf ("{\"url\":\"" CARE_SCHEDULING_EXT_HOLD "\",\"extension\":["
                                                   "{\"url\":\"patient\",\"valueString\":\"%s\"},"
                                                   "{\"url\":\"expires\",\"valueDateTime\":\"%s\"}]}",
                                                   patient, expires);

          if (strchr (patient, '"') != NULL || strchr (patient, '\\') != NULL ||
              !json_parser_load_from_data (parser, json, -1, NULL))
            return FALSE;
          sched_add_extension (slot, json_node_dup_object (json_parser_get_root (parser)));
        }
      stored = care_sandbox_store_put (store, slot, NULL);
      if (stored == NULL)
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
reference_to (const char *type,
              const char *id,
              const char *display)
{
  JsonObject *reference = json_object_new ();
  g_autofree char *text = g_strconcat (type, "/", id, NULL);

  json_object_set_string_member (reference, "reference", text);
  if (display != NULL)
    json_object_set_string_member (reference, "display", display);
  return reference;
}

static void
add_participant (JsonArray  *participants,
                 JsonObject *actor,
                 const char *status)
{
  JsonObject *participant = json_object_new ();

  json_object_set_object_member (participant, "actor", actor);
  json_object_set_string_member (participant, "status", status);
  json_array_add_object_element (participants, participant);
}

/* A proposed Appointment for @n slots of @schedule from @first. */
JsonObject *
sched_proposal (CareSandboxStore *store,
                JsonObject       *visit_type,
                JsonObject       *schedule,
                GPtrArray        *slots,
                guint             first,
                guint             n,
                const char       *patient)
{
  JsonObject *appointment = json_object_new ();
  JsonArray *types = sched_array (visit_type, "type");
  JsonArray *actors = sched_array (schedule, "actor");
  JsonArray *slot_refs = json_array_new ();
  JsonArray *participants = json_array_new ();
  JsonObject *first_slot = g_ptr_array_index (slots, first);
  const char *start = sched_str (first_slot, "start");
  int minutes = sched_minutes (visit_type);
  g_autofree char *end = sched_format_time (sched_parse_time (start) + minutes * 60);

  json_object_set_string_member (appointment, "resourceType", "Appointment");
  json_object_set_string_member (appointment, "status", "proposed");
  if (sched_has_code (visit_type, "category", "confidential"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, "[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_SYSTEM "\","
                                  "\"code\":\"confidential\",\"display\":\"Confidential\"}]}]", -1, NULL);
      json_object_set_member (appointment, "serviceCategory", json_node_copy (json_parser_get_root (parser)));
    }
  if (types != NULL)
    json_object_set_member (appointment, "serviceType",
                            json_node_copy (json_object_get_member (visit_type, "type")));
  json_object_set_string_member (appointment, "description",
                                 sched_str (visit_type, "name") != NULL ? sched_str (visit_type, "name") : "");
  json_object_set_string_member (appointment, "start", start);
  json_object_set_string_member (appointment, "end", end);
  json_object_set_int_member (appointment, "minutesDuration", minutes);
  for (guint i = first; i < first + n; i++)
    {
      JsonObject *slot = g_ptr_array_index (slots, i);

      json_array_add_object_element (slot_refs, reference_to ("Slot", sched_str (slot, "id"), NULL));
    }
  json_object_set_array_member (appointment, "slot", slot_refs);
  if (sched_str (visit_type, "comment") != NULL)
    json_object_set_string_member (appointment, "patientInstruction", sched_str (visit_type, "comment"));

  add_participant (participants, reference_to ("Patient", patient, NULL), "needs-action");
  for (guint i = 0; actors != NULL && i < json_array_get_length (actors); i++)
    {
      JsonObject *actor = json_array_get_object_element (actors, i);
      const char *reference = sched_str (actor, "reference");
      const char *display = sched_str (actor, "display");
      g_autoptr(JsonObject) location = NULL;

      if (reference == NULL)
        continue;
      if (g_str_has_prefix (reference, "Location/"))
        {
          location = care_sandbox_store_get (store, "Location", reference + strlen ("Location/"));
          display = sched_str (location, "name");
        }
      add_participant (participants, json_object_ref (actor), "accepted");
      if (display != NULL)
        json_object_set_string_member (sched_obj (json_array_get_object_element (participants,
                                                    json_array_get_length (participants) - 1), "actor"),
                                       "display", display);
    }
  json_object_set_array_member (appointment, "participant", participants);

  return appointment;
}

/* Runs of @n consecutive open slots starting in [from, to). */
void
sched_add_runs (CareSandboxStore *store,
                JsonObject       *visit_type,
                JsonObject       *schedule,
                GPtrArray        *slots,
                gint64            from,
                gint64            to,
                gint64            now,
                const char       *patient,
                JsonArray        *out)
{
  guint n = MAX (1, (guint)ceil (sched_minutes (visit_type) / (double)CARE_SCHEDULING_SLOT_MINUTES));

  for (guint i = 0; i + n <= slots->len; i++)
    {
      JsonObject *first = g_ptr_array_index (slots, i);
      gint64 start = sched_parse_time (sched_str (first, "start"));
      gboolean ok = start >= from && start < to;

      for (guint k = 0; ok && k < n; k++)
        {
          JsonObject *slot = g_ptr_array_index (slots, i + k);

          ok = sched_slot_open (slot, now, patient);
          if (ok && k > 0)
            ok = g_strcmp0 (sched_str (g_ptr_array_index (slots, i + k - 1), "end"),
                            sched_str (slot, "start")) == 0 ||
                 sched_parse_time (sched_str (g_ptr_array_index (slots, i + k - 1), "end")) ==
                 sched_parse_time (sched_str (slot, "start"));
        }
      if (ok)
        json_array_add_object_element (out, sched_proposal (store, visit_type, schedule, slots, i, n,
                                                             patient));
    }
}

/* The slots of each schedule, keyed by "Schedule/id", in start order. */
GHashTable *
sched_slots_by_schedule (CareSandboxStore *store)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) slots = sched_list (store, "Slot", NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      JsonObject *slot = g_ptr_array_index (slots, i);
      const char *schedule = sched_str (sched_obj (slot, "schedule"), "reference");
      GPtrArray *list;

      if (schedule == NULL)
        continue;
      list = g_hash_table_lookup (table, schedule);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_hash_table_insert (table, g_strdup (schedule), list);
        }
      g_ptr_array_add (list, json_object_ref (slot));
    }
  return table;
}

static gboolean
schedule_has_actor (JsonObject *schedule,
                    const char *prefix,
                    const char *wanted)
{
  JsonArray *actors = sched_array (schedule, "actor");
  const char *id = wanted;

  if (wanted == NULL || wanted[0] == '\0')
    return TRUE;
  if (g_str_has_prefix (wanted, prefix))
    id = wanted + strlen (prefix);

  for (guint i = 0; actors != NULL && i < json_array_get_length (actors); i++)
    {
      const char *reference = sched_str (json_array_get_object_element (actors, i), "reference");

      if (reference != NULL && g_str_has_prefix (reference, prefix) &&
          g_str_equal (reference + strlen (prefix), id))
        return TRUE;
    }
  return FALSE;
}

static const char *
parameter_value (JsonObject *parameters,
                 const char *name)
{
  JsonArray *list = sched_array (parameters, "parameter");
  static const char *kinds[] = { "valueString", "valueCode", "valueDate", "valueDateTime", "valueUri",
                                 "valueId" };

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *parameter = json_array_get_object_element (list, i);

      if (g_strcmp0 (sched_str (parameter, "name"), name) != 0)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (sched_str (parameter, kinds[k]) != NULL)
          return sched_str (parameter, kinds[k]);
      if (sched_obj (parameter, "valueReference") != NULL)
        return sched_str (sched_obj (parameter, "valueReference"), "reference");
      if (sched_obj (parameter, "valueCoding") != NULL)
        return sched_str (sched_obj (parameter, "valueCoding"), "code");
    }
  return NULL;
}

static gint
compare_start (gconstpointer a,
               gconstpointer b)
{
  JsonObject *x = json_node_get_object (*(JsonNode **)a);
  JsonObject *y = json_node_get_object (*(JsonNode **)b);
  gint64 sx = sched_parse_time (sched_str (x, "start"));
  gint64 sy = sched_parse_time (sched_str (y, "start"));

  return sx < sy ? -1 : sx > sy;
}

static void
find (CareSandboxStore       *store,
      const CareSandboxGrant *grant,
      SoupServerMessage      *msg,
      JsonObject             *parameters)
{
  const char *code = parameter_value (parameters, "visit-type");
  const char *practitioner = parameter_value (parameters, "practitioner");
  const char *location = parameter_value (parameters, "location");
  g_autoptr(JsonObject) visit_type = sched_visit_type (store, code);
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GHashTable) slots = NULL;
  g_autoptr(JsonArray) proposals = json_array_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(JsonObject) bundle = json_object_new ();
  JsonArray *entries = json_array_new ();
  gint64 now = care_sandbox_store_now (store);
  gint64 from, to;
  const char *text = NULL;
  guint status = 0;

  if (!sched_may_book (store, grant, visit_type, &status, &text))
    {
      json_array_unref (entries);
      care_sandbox_fhir_send_outcome (msg, status, "error", "business-rule", text);
      return;
    }

  /* Nothing sooner than two hours from now: the clinic needs the time. */
  from = MAX (sched_parse_time (parameter_value (parameters, "start")), now + 2 * 3600);
  to = sched_parse_time (parameter_value (parameters, "end"));
  if (to == 0)
    to = from + 14 * 24 * 3600;
  else if (parameter_value (parameters, "end") != NULL && strlen (parameter_value (parameters, "end")) == 10)
    to += 24 * 3600;

  schedules = sched_list (store, "Schedule", NULL);
  slots = sched_slots_by_schedule (store);
  for (guint i = 0; i < schedules->len; i++)
    {
      JsonObject *schedule = g_ptr_array_index (schedules, i);
      g_autofree char *key = g_strconcat ("Schedule/", sched_str (schedule, "id"), NULL);
      GPtrArray *list = g_hash_table_lookup (slots, key);

      if (!json_object_get_boolean_member_with_default (schedule, "active", TRUE) ||
          !sched_has_code (schedule, "serviceType", code) ||
          !ages_allow (schedule, patient_age (store, grant->patient_id)) ||
          !schedule_has_actor (schedule, "Practitioner/", practitioner) ||
          !schedule_has_actor (schedule, "Location/", location) || list == NULL)
        continue;
      sched_add_runs (store, visit_type, schedule, list, from, to, now, grant->patient_id, proposals);
    }

  for (guint i = 0; i < json_array_get_length (proposals); i++)
    g_ptr_array_add (sorted, json_array_get_element (proposals, i));
  /* Next available first, whoever it is with. */
  g_ptr_array_sort (sorted, compare_start);

  json_object_set_string_member (bundle, "resourceType", "Bundle");
  json_object_set_string_member (bundle, "type", "searchset");
  json_object_set_int_member (bundle, "total", MIN (sorted->len, 200));
  for (guint i = 0; i < sorted->len && i < 200; i++)
    {
      JsonObject *entry = json_object_new ();
      JsonObject *search = json_object_new ();

      json_object_set_member (entry, "resource", json_node_copy (g_ptr_array_index (sorted, i)));
      json_object_set_string_member (search, "mode", "match");
      json_object_set_object_member (entry, "search", search);
      json_array_add_object_element (entries, entry);
    }
  json_object_set_array_member (bundle, "entry", entries);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, bundle);
}

void
sched_send_return (SoupServerMessage *msg,
                   JsonObject        *resource)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonObject *parameter = json_object_new ();

  json_object_set_string_member (answer, "resourceType", "Parameters");
  json_object_set_string_member (parameter, "name", "return");
  json_object_set_object_member (parameter, "resource", json_object_ref (resource));
  json_array_add_object_element (list, parameter);
  json_object_set_array_member (answer, "parameter", list);
  care_sandbox_fhir_send_object (msg, SOUP_STATUS_OK, answer);
}

static void
hold (CareSandboxStore       *store,
      const CareSandboxGrant *grant,
      SoupServerMessage      *msg,
      JsonObject             *appointment)
{
  g_autoptr(JsonObject) visit_type = sched_visit_type (store, sched_visit_code (appointment));
  g_autoptr(GPtrArray) slots = sched_slots_of (store, appointment);
  gint64 now = care_sandbox_store_now (store);
  g_autofree char *expires = sched_format_time (now + CARE_SCHEDULING_HOLD_SECONDS);
  JsonObject *extension;
  const char *text = NULL;
  guint status = 0;

  if (!sched_may_book (store, grant, visit_type, &status, &text))
    {
      care_sandbox_fhir_send_outcome (msg, status, "error", "business-rule", text);
      return;
    }
  if (slots == NULL || slots->len == 0)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "required",
                                      _("The appointment names no open time"));
      return;
    }
  for (guint i = 0; i < slots->len; i++)
    if (!sched_slot_open (g_ptr_array_index (slots, i), now, grant->patient_id))
      {
        care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_CONFLICT, "error", "conflict",
                                        _("Someone else just took this time. Please choose another."));
        return;
      }

  if (!care_sandbox_store_begin (store, NULL))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "error", "transient",
                                      _("The portal is busy; try again"));
      return;
    }
  if (!sched_set_slots (store, slots, "busy-tentative", grant->patient_id,
                        now + CARE_SCHEDULING_HOLD_SECONDS) ||
      !care_sandbox_store_commit (store, NULL))
    {
      care_sandbox_store_rollback (store);
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "error", "transient",
                                      _("The portal is busy; try again"));
      return;
    }

  extension = json_object_new ();
  json_object_set_string_member (extension, "url", CARE_SCHEDULING_EXT_HOLD_EXPIRES);
  json_object_set_string_member (extension, "valueDateTime", expires);
  sched_remove_extension (appointment, CARE_SCHEDULING_EXT_HOLD_EXPIRES);
  sched_add_extension (appointment, extension);
  sched_send_return (msg, appointment);
}

/**
 * care_sandbox_scheduling_operation:
 * @store: the resources
 * @grant: what the request's token allows
 * @msg: the request
 * @operation: "$find", "$hold", "$book" or "$check-in"
 * @parameters: the request's Parameters
 *
 * Returns: %TRUE if it answered @msg (an Appointment operation it knows);
 *   %FALSE leaves a $book without slots to the plain booking of
 *   care-sandbox-fhir-ops.c
 */
gboolean
care_sandbox_scheduling_operation (CareSandboxStore       *store,
                                   const CareSandboxGrant *grant,
                                   SoupServerMessage      *msg,
                                   const char             *operation,
                                   JsonObject             *parameters)
{
  if (g_str_equal (operation, "$find"))
    {
      find (store, grant, msg, parameters);
      return TRUE;
    }
  if (g_str_equal (operation, "$hold"))
    {
      JsonObject *appointment = sched_appointment_parameter (parameters, FALSE);

      if (appointment == NULL)
        care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "required",
                                        _("$hold needs an appointment parameter"));
      else
        hold (store, grant, msg, appointment);
      return TRUE;
    }
  if (g_str_equal (operation, "$book"))
    return sched_book (store, grant, msg, parameters);
  if (g_str_equal (operation, "$check-in"))
    {
      sched_check_in (store, grant, msg, parameters);
      return TRUE;
    }

  return FALSE;
}
