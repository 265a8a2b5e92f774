/* care-due.c — care a person is due for, as health maintenance plans say it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Screenings and checks that are due come as ImmunizationRecommendations
 * or as the activities of a health maintenance CarePlan. The Immunizations
 * page and Home's "Care That Is Due" read the plans the same way, here.
 */
#include "config.h"

#include "care-due.h"
#include "care-fhir.h"

#include <string.h>

/**
 * care_due_plan_is_health_maintenance:
 * @plan: (nullable): a CarePlan
 *
 * Returns: whether @plan is a health maintenance (preventive care) plan: by
 *   category, or by its title when the portal only names it
 */
gboolean
care_due_plan_is_health_maintenance (JsonObject *plan)
{
  JsonArray *categories = care_fhir_get_array (plan, "category");
  g_autofree char *title = g_utf8_strdown (care_fhir_get_string (plan, "title") ?: "", -1);

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *category = care_fhir_get_array_object (plan, "category", i);
      g_autofree char *text = care_fhir_dup_concept_text (category);
      g_autofree char *lower = g_utf8_strdown (text ?: "", -1);
      const char *code = care_fhir_get_string (care_fhir_get_first_coding (category), "code");

      if (g_strcmp0 (code, "health-maintenance") == 0 || g_strcmp0 (code, "preventive") == 0 ||
          strstr (lower, "preventive") != NULL || strstr (lower, "health maintenance") != NULL)
        return TRUE;
    }
  return strstr (title, "health maintenance") != NULL || strstr (title, "preventive") != NULL;
}

/**
 * care_due_activity_date:
 * @detail: (nullable): a CarePlan.activity.detail
 *
 * Returns: (nullable): the activity's date: structured when the portal
 *   gives one, else the first date in its scheduled text ("Due 2026-12-01")
 */
const char *
care_due_activity_date (JsonObject *detail)
{
  const char *date = care_fhir_get_string (care_fhir_get_object (detail, "scheduledPeriod"), "start");
  JsonObject *timing = care_fhir_get_object (detail, "scheduledTiming");
  JsonArray *events = care_fhir_get_array (timing, "event");
  const char *text = care_fhir_get_string (detail, "scheduledString");
  g_auto(GStrv) words = NULL;

  if (date != NULL)
    return date;
  if (events != NULL && json_array_get_length (events) > 0 &&
      JSON_NODE_HOLDS_VALUE (json_array_get_element (events, 0)))
    return json_array_get_string_element (events, 0);
  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " ,;()", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gint64 seconds;

      if (strlen (words[i]) >= 10 && care_fhir_parse_date (words[i], &seconds, NULL))
        return g_intern_string (words[i]);
    }
  return NULL;
}

/**
 * care_due_activity_is_open:
 * @detail: (nullable): a CarePlan.activity.detail
 *
 * Returns: whether the activity is still to be done (not done, stopped,
 *   cancelled or a mistake)
 */
gboolean
care_due_activity_is_open (JsonObject *detail)
{
  const char *status = care_fhir_get_string (detail, "status");

  return detail != NULL && g_strcmp0 (status, "completed") != 0 &&
         g_strcmp0 (status, "cancelled") != 0 && g_strcmp0 (status, "stopped") != 0 &&
         g_strcmp0 (status, "entered-in-error") != 0;
}

/**
 * care_due_dup_activity_title:
 * @detail: (nullable): a CarePlan.activity.detail
 *
 * Returns: (transfer full) (nullable): what the activity is
 */
char *
care_due_dup_activity_title (JsonObject *detail)
{
  const char *description = care_fhir_get_string (detail, "description");

  if (description != NULL)
    return g_strdup (description);
  return care_fhir_dup_concept_text (care_fhir_get_object (detail, "code"));
}
