/* care-appointment-ics.c — an appointment as an iCalendar file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 5545 through libical: a VCALENDAR with one VEVENT in the clinic's
 * time zone (the Location's timezone extension, with its VTIMEZONE from
 * libical's zone data), the clinic's name and address as LOCATION, the
 * clinic's instructions as DESCRIPTION and, for a video visit, its https
 * address as URL. Without a known zone the times are written in UTC.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "care-appointment.h"
#include "care-error.h"
#include "care-fhir.h"

static JsonObject *
find_extension (JsonObject *object,
                const char *url)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, "extension") : NULL;
  JsonArray *list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *extension = json_array_get_object_element (list, i);

      if (extension != NULL && g_strcmp0 (care_fhir_get_string (extension, "url"), url) == 0)
        return extension;
    }
  return NULL;
}

static char *
dup_address (JsonObject *location)
{
  JsonNode *node = location != NULL ? json_object_get_member (location, "address") : NULL;
  JsonObject *address = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(GString) text = g_string_new (care_fhir_get_string (location, "name"));
  JsonNode *lines_node = address != NULL ? json_object_get_member (address, "line") : NULL;
  JsonArray *lines = lines_node != NULL && JSON_NODE_HOLDS_ARRAY (lines_node) ? json_node_get_array (lines_node) : NULL;
  static const char *parts[] = { "city", "state", "postalCode" };

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      const char *line = json_node_get_string (json_array_get_element (lines, i));

      if (line != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", line);
    }
  for (guint i = 0; address != NULL && i < G_N_ELEMENTS (parts); i++)
    if (care_fhir_get_string (address, parts[i]) != NULL)
      g_string_append_printf (text, "%s%s", text->len > 0 ? (i == 2 ? " " : ", ") : "",
                              care_fhir_get_string (address, parts[i]));

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static struct icaltimetype
to_ical_time (GDateTime    *time,
              icaltimezone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  struct icaltimetype value = icaltime_from_timet_with_zone ((time_t)g_date_time_to_unix (utc), 0,
                                                             icaltimezone_get_utc_timezone ());

  if (zone != NULL)
    value = icaltime_convert_to_zone (value, zone);
  return value;
}

/**
 * care_appointment_to_ics:
 * @appointment: an Appointment
 * @location: (nullable): its Location, for the address and time zone
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the iCalendar text
 */
char *
care_appointment_to_ics (JsonObject  *appointment,
                         JsonObject  *location,
                         GError     **error)
{
  g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);
  g_autoptr(GDateTime) end = care_appointment_dup_end (appointment);
  g_autofree char *title = care_appointment_dup_title (appointment);
  g_autofree char *with = care_appointment_dup_actor (appointment, "Practitioner", NULL);
  g_autofree char *place = dup_address (location);
  g_autofree char *join = care_appointment_dup_join_url (appointment);
  g_autofree char *uid = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *tzid = care_fhir_get_string (find_extension (location, CARE_APPOINTMENT_EXT_TIMEZONE), "valueCode");
  const char *instructions = care_fhir_get_string (appointment, "patientInstruction");
  icaltimezone *zone = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icalproperty *property;
  char *text;
  char *result;

  if (start == NULL || end == NULL || care_fhir_get_string (appointment, "id") == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("This appointment has no time to put in a calendar"));
      return NULL;
    }
  if (tzid != NULL)
    zone = icaltimezone_get_builtin_timezone (tzid);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Carebook//Appointments//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  if (zone != NULL)
    icalcomponent_add_component (calendar, icalcomponent_new_clone (icaltimezone_get_component (zone)));

  event = icalcomponent_new_vevent ();
  uid = g_strdup_printf ("%s@carebook.appointment", care_fhir_get_string (appointment, "id"));
  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (to_ical_time (now, NULL)));
  property = icalproperty_new_dtstart (to_ical_time (start, zone));
  if (zone != NULL)
    icalproperty_add_parameter (property, icalparameter_new_tzid (tzid));
  icalcomponent_add_property (event, property);
  property = icalproperty_new_dtend (to_ical_time (end, zone));
  if (zone != NULL)
    icalproperty_add_parameter (property, icalparameter_new_tzid (tzid));
  icalcomponent_add_property (event, property);
  /* Translators: a calendar event's title; %1$s is the visit, %2$s the clinician */
  summary = with != NULL ? g_strdup_printf (_("%1$s with %2$s"), title, with) : g_strdup (title);
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  if (place != NULL)
    icalcomponent_add_property (event, icalproperty_new_location (place));
  if (instructions != NULL)
    icalcomponent_add_property (event, icalproperty_new_description (instructions));
  if (join != NULL)
    icalcomponent_add_property (event, icalproperty_new_url (join));
  icalcomponent_add_property (event, icalproperty_new_status (
    g_strcmp0 (care_fhir_get_string (appointment, "status"), "cancelled") == 0
    ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_component (calendar, event);

  text = icalcomponent_as_ical_string (calendar);
  result = g_strdup (text);
  icalcomponent_free (calendar);
  return result;
}
