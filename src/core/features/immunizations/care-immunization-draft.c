/* care-immunization-draft.c — a vaccine given elsewhere
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Immunization the patient reports (a pharmacy flu shot, a school
 * record): completed, not from a primary source, with where the record
 * came from as its reportOrigin.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-fhir.h"
#include "care-immunization-draft.h"

/**
 * care_immunization_draft_new:
 * @patient: "Patient/id"
 * @vaccine: the vaccine, as the user names it
 * @date: when, a FHIR date ("2025-10-03"), not after @today
 * @place: (nullable): where it was given
 * @origin: (nullable): an immunization-origin code: "record", "provider",
 *   "school" or "recall" (the default)
 * @today: the day it is
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a create of the Immunization, or
 *   %NULL with @error set when the date cannot be used
 */
CareOutboxDraft *
care_immunization_draft_new (const char   *patient,
                             const char   *vaccine,
                             const char   *date,
                             const char   *place,
                             const char   *origin,
                             const GDate  *today,
                             GError      **error)
{
  g_autoptr(JsonObject) immunization = json_object_new ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *summary = NULL;
  JsonObject *object;
  JsonObject *coding;
  JsonArray *codings;
  gint64 seconds;
  GDate day;

  g_return_val_if_fail (patient != NULL, NULL);
  g_return_val_if_fail (vaccine != NULL && vaccine[0] != '\0', NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (date != NULL && care_fhir_parse_date (date, &seconds, NULL))
    when = care_fhir_dup_date_time (date);
  if (when != NULL)
    {
      g_date_clear (&day, 1);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                      g_date_time_get_year (when));
    }
  if (when == NULL || g_date_compare (&day, today) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the date as year-month-day, such as 2025-10-03, and not in "
                             "the future."));
      return NULL;
    }

  json_object_set_string_member (immunization, "resourceType", "Immunization");
  json_object_set_string_member (immunization, "status", "completed");
  object = json_object_new ();
  json_object_set_string_member (object, "text", vaccine);
  json_object_set_object_member (immunization, "vaccineCode", object);
  object = json_object_new ();
  json_object_set_string_member (object, "reference", patient);
  json_object_set_object_member (immunization, "patient", object);
  json_object_set_string_member (immunization, "occurrenceDateTime", date);
  json_object_set_boolean_member (immunization, "primarySource", FALSE);

  object = json_object_new ();
  codings = json_array_new ();
  coding = json_object_new ();
  json_object_set_string_member (coding, "system", "http://terminology.hl7.org/CodeSystem/immunization-origin");
  json_object_set_string_member (coding, "code", origin != NULL ? origin : "recall");
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (object, "coding", codings);
  json_object_set_object_member (immunization, "reportOrigin", object);

  if (place != NULL && place[0] != '\0')
    {
      object = json_object_new ();
      json_object_set_string_member (object, "display", place);
      json_object_set_object_member (immunization, "location", object);
    }

  /* Translators: an item waiting to be sent; %s is a vaccine */
  summary = g_strdup_printf (_("%s, given elsewhere"), vaccine);
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, immunization, summary);
}
