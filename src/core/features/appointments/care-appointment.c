/* care-appointment.c — reading and changing a patient's appointments
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free helpers the Appointments view and carebook-cli share: what an
 * Appointment says (its time, clinician, place, video address, wait-list
 * offer, eCheck-in steps), and the drafts that change one through the
 * outbox: cancel (an update with If-Match), the wait list (an update) and
 * an eCheck-in step (the $check-in operation, safe to resend and free of
 * version conflicts, so steps ticked offline all land). Booking itself is
 * online-only (care-scheduling.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-appointment.h"
#include "care-fhir.h"

#include <string.h>

static const char *step_names[CARE_CHECK_IN_N_STEPS] = {
  "details", "insurance", "medications", "allergies", "questionnaire", "copay",
};

/* A copy of its own: json_node_copy() shares the objects inside. */
static JsonObject *
deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    g_return_val_if_reached (json_object_new ());
  return json_node_dup_object (json_parser_get_root (parser));
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
find_extension (JsonObject *object,
                const char *url)
{
  JsonArray *list = member_array (object, "extension");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *extension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), url) == 0)
        return extension;
    }
  return NULL;
}

static GDateTime *
parse_time (const char *text)
{
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/**
 * care_visit_type_new_from_resource:
 * @service: a HealthcareService of category visit-type
 *
 * Returns: (transfer full) (nullable): the visit type, %NULL if @service
 *   names none
 */
CareVisitType *
care_visit_type_new_from_resource (JsonObject *service)
{
  JsonArray *types = member_array (service, "type");
  JsonArray *codings = types != NULL && json_array_get_length (types) > 0
                       ? member_array (json_array_get_object_element (types, 0), "coding") : NULL;
  JsonArray *telecoms = member_array (service, "telecom");
  JsonObject *coding = NULL;
  JsonObject *minutes;
  CareVisitType *self;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    if (g_strcmp0 (care_fhir_get_string (json_array_get_object_element (codings, i), "system"),
                   CARE_APPOINTMENT_VISIT_TYPES) == 0)
      coding = json_array_get_object_element (codings, i);
  if (coding == NULL || care_fhir_get_string (coding, "code") == NULL)
    return NULL;

  self = g_new0 (CareVisitType, 1);
  self->code = g_strdup (care_fhir_get_string (coding, "code"));
  self->name = g_strdup (care_fhir_get_string (service, "name") ?: care_fhir_get_string (coding, "display")
                         ?: self->code);
  minutes = find_extension (service, CARE_APPOINTMENT_EXT "visit-minutes");
  self->minutes = minutes != NULL ? (int)json_object_get_int_member_with_default (minutes, "valueInteger", 20) : 20;
  self->video = find_extension (service, CARE_APPOINTMENT_EXT "visit-video") != NULL;
  {
    JsonObject *range = member_object (find_extension (service, CARE_APPOINTMENT_EXT "visit-ages"), "valueRange");
    JsonObject *low = member_object (range, "low");
    JsonObject *high = member_object (range, "high");

    self->min_age = low != NULL && json_object_has_member (low, "value")
                    ? (int)json_object_get_int_member_with_default (low, "value", -1) : -1;
    self->max_age = high != NULL && json_object_has_member (high, "value")
                    ? (int)json_object_get_int_member_with_default (high, "value", -1) : -1;
  }
  self->instructions = g_strdup (care_fhir_get_string (service, "comment"));
  for (guint i = 0; telecoms != NULL && i < json_array_get_length (telecoms); i++)
    {
      JsonObject *telecom = json_array_get_object_element (telecoms, i);

      if (self->phone == NULL && g_strcmp0 (care_fhir_get_string (telecom, "system"), "phone") == 0)
        self->phone = g_strdup (care_fhir_get_string (telecom, "value"));
    }
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), service);
    g_autofree char *text = json_to_string (node, FALSE);

    self->confidential = strstr (text, "\"code\":\"confidential\"") != NULL;
  }
  return self;
}

void
care_visit_type_free (CareVisitType *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->name);
  g_free (self->instructions);
  g_free (self->phone);
  g_free (self);
}

/**
 * care_visit_type_fits_age:
 * @self: a visit type
 * @age: the person's age in years, or -1 when not known
 *
 * Returns: whether the visit type is for someone of @age (a teen's
 *   confidential visit is not offered to an adult)
 */
gboolean
care_visit_type_fits_age (const CareVisitType *self,
                          int                  age)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (age < 0)
    return TRUE;
  return (self->min_age < 0 || age >= self->min_age) && (self->max_age < 0 || age <= self->max_age);
}

/**
 * care_visit_type_match:
 * @types: (element-type CareVisitType): the visit types
 * @text: a code ("follow-up") or words of a name ("follow")
 *
 * Returns: (transfer none) (nullable): the one @text names: its code, or
 *   the only name containing every word of it
 */
const CareVisitType *
care_visit_type_match (GPtrArray  *types,
                       const char *text)
{
  g_autofree char *wanted = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit_set (wanted, " -", -1);
  const CareVisitType *found = NULL;
  guint n = 0;

  for (guint i = 0; i < types->len; i++)
    {
      const CareVisitType *type = g_ptr_array_index (types, i);

      if (g_ascii_strcasecmp (type->code, text) == 0)
        return type;
    }
  for (guint i = 0; i < types->len; i++)
    {
      const CareVisitType *type = g_ptr_array_index (types, i);
      g_autofree char *name = g_utf8_casefold (type->name, -1);
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0' && strstr (name, words[w]) == NULL)
          all = FALSE;
      if (all)
        {
          found = type;
          n++;
        }
    }
  return n == 1 ? found : NULL;
}

/**
 * care_appointment_get_slot_id:
 * @appointment: an Appointment
 *
 * Returns: (nullable): the id of its first Slot
 */
const char *
care_appointment_get_slot_id (JsonObject *appointment)
{
  JsonArray *slots = member_array (appointment, "slot");
  const char *reference;

  if (slots == NULL || json_array_get_length (slots) == 0)
    return NULL;
  reference = care_fhir_get_string (json_array_get_object_element (slots, 0), "reference");
  return reference != NULL && g_str_has_prefix (reference, "Slot/") ? reference + strlen ("Slot/") : NULL;
}

GDateTime *
care_appointment_dup_start (JsonObject *appointment)
{
  return parse_time (care_fhir_get_string (appointment, "start"));
}

GDateTime *
care_appointment_dup_end (JsonObject *appointment)
{
  GDateTime *end = parse_time (care_fhir_get_string (appointment, "end"));
  g_autoptr(GDateTime) start = NULL;

  if (end != NULL)
    return end;
  start = care_appointment_dup_start (appointment);
  return start != NULL ? g_date_time_add_minutes (start, json_object_get_int_member_with_default (
                                                    appointment, "minutesDuration", 30)) : NULL;
}

/**
 * care_appointment_dup_title:
 * @appointment: an Appointment
 *
 * Returns: (transfer full): what the visit is for, in the portal's words
 */
char *
care_appointment_dup_title (JsonObject *appointment)
{
  JsonArray *types = member_array (appointment, "serviceType");
  char *text = NULL;

  if (types != NULL && json_array_get_length (types) > 0)
    text = care_fhir_dup_concept_text (json_array_get_object_element (types, 0));
  if (text == NULL && care_fhir_get_string (appointment, "description") != NULL)
    text = g_strdup (care_fhir_get_string (appointment, "description"));
  return text != NULL ? text : g_strdup (_("Appointment"));
}

/**
 * care_appointment_dup_actor:
 * @appointment: an Appointment
 * @type: "Practitioner" or "Location"
 * @out_reference: (out) (optional) (transfer full): its reference
 *
 * Returns: (transfer full) (nullable): the participant's display text
 */
char *
care_appointment_dup_actor (JsonObject  *appointment,
                            const char  *type,
                            char       **out_reference)
{
  JsonArray *participants = member_array (appointment, "participant");
  g_autofree char *prefix = g_strconcat (type, "/", NULL);

  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      JsonObject *actor = member_object (json_array_get_object_element (participants, i), "actor");
      const char *reference = care_fhir_get_string (actor, "reference");

      if (reference != NULL && g_str_has_prefix (reference, prefix))
        {
          if (out_reference != NULL)
            *out_reference = g_strdup (reference);
          return g_strdup (care_fhir_get_string (actor, "display"));
        }
    }
  if (out_reference != NULL)
    *out_reference = NULL;
  return NULL;
}

const char *
care_appointment_get_visit_code (JsonObject *appointment)
{
  JsonArray *types = member_array (appointment, "serviceType");

  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      JsonArray *codings = member_array (json_array_get_object_element (types, i), "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          JsonObject *coding = json_array_get_object_element (codings, j);

          if (g_strcmp0 (care_fhir_get_string (coding, "system"), CARE_APPOINTMENT_VISIT_TYPES) == 0)
            return care_fhir_get_string (coding, "code");
        }
    }
  return NULL;
}

/**
 * care_appointment_dup_join_url:
 * @appointment: an Appointment
 *
 * The video visit's address, from R5's virtualService back-ported as an
 * extension. Only https addresses with a host are returned: anything else
 * is not opened.
 *
 * Returns: (transfer full) (nullable): the address
 */
char *
care_appointment_dup_join_url (JsonObject *appointment)
{
  JsonObject *virtual = find_extension (appointment, CARE_APPOINTMENT_EXT_VIRTUAL);
  JsonObject *address = find_extension (virtual, "addressUrl");
  const char *url = care_fhir_get_string (address, "valueUrl");
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' || g_uri_get_userinfo (uri) != NULL)
    return NULL;
  return g_strdup (url);
}

/**
 * care_appointment_can_join:
 * @appointment: an Appointment
 * @now: the time
 *
 * Returns: %TRUE from 30 minutes before a booked video visit until its end
 */
gboolean
care_appointment_can_join (JsonObject *appointment,
                           GDateTime  *now)
{
  g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);
  g_autoptr(GDateTime) end = care_appointment_dup_end (appointment);
  g_autoptr(GDateTime) opens = NULL;
  g_autofree char *url = care_appointment_dup_join_url (appointment);
  const char *status = care_fhir_get_string (appointment, "status");

  if (url == NULL || start == NULL || end == NULL ||
      (g_strcmp0 (status, "booked") != 0 && g_strcmp0 (status, "checked-in") != 0 &&
       g_strcmp0 (status, "arrived") != 0))
    return FALSE;
  opens = g_date_time_add_minutes (start, -CARE_APPOINTMENT_JOIN_MINUTES);
  return g_date_time_compare (now, opens) >= 0 && g_date_time_compare (now, end) < 0;
}

/**
 * care_appointment_check_in_open:
 * @appointment: an Appointment
 * @now: the time
 *
 * Returns: %TRUE from 7 days before a booked visit until it starts
 */
gboolean
care_appointment_check_in_open (JsonObject *appointment,
                                GDateTime  *now)
{
  g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);
  g_autoptr(GDateTime) opens = NULL;

  if (start == NULL || g_strcmp0 (care_fhir_get_string (appointment, "status"), "booked") != 0)
    return FALSE;
  opens = g_date_time_add_days (start, -7);
  return g_date_time_compare (now, opens) >= 0 && g_date_time_compare (now, start) < 0;
}

/**
 * care_appointment_check_in_steps:
 * @appointment: an Appointment
 * @out_needed: (out) (optional): the steps it asks for, as bits of
 *   #CareCheckInStep
 *
 * Returns: the steps done, as bits of #CareCheckInStep
 */
guint
care_appointment_check_in_steps (JsonObject *appointment,
                                 guint      *out_needed)
{
  JsonObject *check_in = find_extension (appointment, CARE_APPOINTMENT_EXT_CHECK_IN);
  JsonArray *parts = member_array (check_in, "extension");
  guint needed = (1u << CARE_CHECK_IN_N_STEPS) - 1 - (1u << CARE_CHECK_IN_QUESTIONNAIRE);
  guint done = 0;

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);
      const char *url = care_fhir_get_string (part, "url");

      if (g_strcmp0 (url, "questionnaire-required") == 0)
        needed |= 1u << CARE_CHECK_IN_QUESTIONNAIRE;
      for (guint k = 0; k < CARE_CHECK_IN_N_STEPS; k++)
        if (g_strcmp0 (url, step_names[k]) == 0 &&
            (json_object_get_boolean_member_with_default (part, "valueBoolean", FALSE) ||
             care_fhir_get_string (part, "valueCode") != NULL || member_object (part, "valueReference") != NULL))
          done |= 1u << k;
    }
  if (g_strcmp0 (care_fhir_get_string (appointment, "status"), "checked-in") == 0)
    done = needed;
  if (out_needed != NULL)
    *out_needed = needed;
  return done & needed;
}

const char *
care_check_in_step_name (CareCheckInStep step)
{
  g_return_val_if_fail (step < CARE_CHECK_IN_N_STEPS, NULL);
  return step_names[step];
}

/**
 * care_check_in_step_title:
 * @step: a step
 *
 * Returns: what the step asks, translated
 */
const char *
care_check_in_step_title (CareCheckInStep step)
{
  switch (step)
    {
    case CARE_CHECK_IN_DETAILS:
      return _("Confirm your personal details");
    case CARE_CHECK_IN_INSURANCE:
      return _("Confirm your insurance");
    case CARE_CHECK_IN_MEDICATIONS:
      return _("Review your medicines");
    case CARE_CHECK_IN_ALLERGIES:
      return _("Review your allergies");
    case CARE_CHECK_IN_QUESTIONNAIRE:
      return _("Answer the visit’s questions");
    case CARE_CHECK_IN_COPAY:
      return _("Pay your copay");
    case CARE_CHECK_IN_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
care_appointment_get_wait_list (JsonObject *appointment)
{
  JsonObject *wait = find_extension (appointment, CARE_APPOINTMENT_EXT_WAIT_LIST);

  return wait != NULL && json_object_get_boolean_member_with_default (wait, "valueBoolean", FALSE);
}

gboolean
care_appointment_is_offer (JsonObject *appointment)
{
  return g_strcmp0 (care_fhir_get_string (appointment, "status"), "proposed") == 0 &&
         find_extension (appointment, CARE_APPOINTMENT_EXT_OFFER) != NULL;
}

GDateTime *
care_appointment_dup_offer_expiry (JsonObject *appointment)
{
  JsonObject *offer = find_extension (appointment, CARE_APPOINTMENT_EXT_OFFER);

  return parse_time (care_fhir_get_string (find_extension (offer, "expires"), "valueDateTime"));
}

/**
 * care_appointment_get_offer_for:
 * @appointment: a wait-list offer
 *
 * Returns: (nullable): the id of the appointment it would replace
 */
const char *
care_appointment_get_offer_for (JsonObject *appointment)
{
  JsonObject *offer = find_extension (appointment, CARE_APPOINTMENT_EXT_OFFER);
  const char *reference = care_fhir_get_string (member_object (find_extension (offer, "appointment"),
                                                               "valueReference"), "reference");

  return reference != NULL && g_str_has_prefix (reference, "Appointment/")
         ? reference + strlen ("Appointment/") : NULL;
}

static char *
dup_when (JsonObject *appointment)
{
  g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);
  g_autoptr(GDateTime) local = start != NULL ? g_date_time_to_local (start) : NULL;

  return local != NULL ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
}

/**
 * care_appointment_cancel_draft_new:
 * @appointment: a booked Appointment, with the meta.versionId the user saw
 * @reason: why, in the patient's words
 *
 * Returns: (transfer full) (nullable): the update that cancels it
 */
CareOutboxDraft *
care_appointment_cancel_draft_new (JsonObject *appointment,
                                   const char *reason)
{
  g_autoptr(JsonObject) resource = deep_copy (appointment);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) concept = NULL;
  g_autofree char *title = care_appointment_dup_title (appointment);
  g_autofree char *when = dup_when (appointment);
  /* Translators: an outbox line; %1$s is the visit, %2$s its date and time */
  g_autofree char *summary = g_strdup_printf (_("Cancel %1$s on %2$s"), title, when);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "coding");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason");
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "pat");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, reason != NULL && reason[0] != '\0' ? reason : "Patient request");
  json_builder_end_object (builder);
  concept = json_builder_get_root (builder);

  json_object_set_string_member (resource, "status", "cancelled");
  json_object_set_member (resource, "cancelationReason", g_steal_pointer (&concept));
  return care_outbox_draft_new_update (resource, summary);
}

/**
 * care_appointment_wait_list_draft_new:
 * @appointment: a booked Appointment
 * @on: whether to be told of an earlier time
 *
 * Returns: (transfer full) (nullable): the update
 */
CareOutboxDraft *
care_appointment_wait_list_draft_new (JsonObject *appointment,
                                      gboolean    on)
{
  g_autoptr(JsonObject) resource = deep_copy (appointment);
  JsonArray *list = member_array (resource, "extension");
  JsonObject *wait = find_extension (resource, CARE_APPOINTMENT_EXT_WAIT_LIST);
  g_autofree char *title = care_appointment_dup_title (appointment);
  g_autofree char *when = dup_when (appointment);
  g_autofree char *summary = NULL;

  if (wait == NULL)
    {
      wait = json_object_new ();
      json_object_set_string_member (wait, "url", CARE_APPOINTMENT_EXT_WAIT_LIST);
      if (list == NULL)
        {
          list = json_array_new ();
          json_object_set_array_member (resource, "extension", list);
        }
      json_array_add_object_element (list, wait);
    }
  json_object_set_boolean_member (wait, "valueBoolean", on);
  if (on)
    /* Translators: an outbox line; %1$s is the visit, %2$s its date and time */
    summary = g_strdup_printf (_("Join the wait list for %1$s on %2$s"), title, when);
  else
    /* Translators: an outbox line; %1$s is the visit, %2$s its date and time */
    summary = g_strdup_printf (_("Leave the wait list for %1$s on %2$s"), title, when);
  return care_outbox_draft_new_update (resource, summary);
}

/**
 * care_appointment_check_in_draft_new:
 * @appointment: a booked Appointment
 * @step: the step done
 * @value: (nullable): its answer: "paid" or "at-clinic" for the copay, a
 *   "QuestionnaireResponse/…" reference for the questionnaire
 *
 * Returns: (transfer full): `Appointment/$check-in`, one step a call
 */
CareOutboxDraft *
care_appointment_check_in_draft_new (JsonObject      *appointment,
                                     CareCheckInStep  step,
                                     const char      *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *reference = g_strconcat ("Appointment/", care_fhir_get_string (appointment, "id"), NULL);
  g_autofree char *title = care_appointment_dup_title (appointment);
  /* Translators: an outbox line; %1$s is an eCheck-in step, %2$s the visit */
  g_autofree char *summary = g_strdup_printf (_("eCheck-in: %1$s (%2$s)"), care_check_in_step_title (step), title);

  g_return_val_if_fail (step < CARE_CHECK_IN_N_STEPS, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceType");
  json_builder_add_string_value (builder, "Parameters");
  json_builder_set_member_name (builder, "parameter");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "appointment");
  json_builder_set_member_name (builder, "valueReference");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, reference);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "step");
  json_builder_set_member_name (builder, "valueCode");
  json_builder_add_string_value (builder, step_names[step]);
  json_builder_end_object (builder);
  if (value != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "value");
      json_builder_set_member_name (builder, "valueString");
      json_builder_add_string_value (builder, value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return care_outbox_draft_new_operation ("Appointment", "$check-in", json_node_get_object (root), summary);
}
