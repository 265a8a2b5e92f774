/* care-result-read.c — what a result page reads from an Observation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tolerant readers for the parts of an Observation (or of one of its
 * components) a person reads: the value, the reference range, the flag,
 * the name and the date. Anything missing or mistyped reads as absent.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-result-read.h"

/**
 * care_result_read_value:
 * @holder: (nullable): an Observation or one of its components
 *
 * Returns: (transfer full) (nullable): its value as text, with its unit,
 *   or why there is none
 */
char *
care_result_read_value (JsonObject *holder)
{
  JsonNode *node;

  if (care_fhir_get_object (holder, "valueQuantity") != NULL)
    return care_fhir_dup_quantity_text (care_fhir_get_object (holder, "valueQuantity"));
  if (care_fhir_get_object (holder, "valueCodeableConcept") != NULL)
    return care_fhir_dup_concept_text (care_fhir_get_object (holder, "valueCodeableConcept"));
  if (care_fhir_get_string (holder, "valueString") != NULL)
    return g_strdup (care_fhir_get_string (holder, "valueString"));
  node = holder != NULL ? json_object_get_member (holder, "valueInteger") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  node = holder != NULL ? json_object_get_member (holder, "valueBoolean") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? C_("result value", "Yes") : C_("result value", "No"));
  if (care_fhir_get_object (holder, "dataAbsentReason") != NULL)
    {
      g_autofree char *reason = care_fhir_dup_concept_text (care_fhir_get_object (holder, "dataAbsentReason"));

      if (reason != NULL)
        /* Translators: %s is why a test has no value, as the lab sent it ("specimen unsatisfactory") */
        return g_strdup_printf (_("No value (%s)"), reason);
      return g_strdup (_("No value"));
    }
  return NULL;
}

static char *
dup_number (JsonObject *quantity)
{
  double value;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!care_fhir_get_quantity (quantity, &value, NULL))
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

char *
care_result_read_range (JsonObject *holder)
{
  JsonObject *range = care_fhir_get_array_object (holder, "referenceRange", 0);
  JsonObject *low = care_fhir_get_object (range, "low");
  JsonObject *high = care_fhir_get_object (range, "high");
  g_autofree char *low_text = care_fhir_dup_quantity_text (low);
  g_autofree char *high_text = care_fhir_dup_quantity_text (high);
  g_autofree char *low_number = dup_number (low);

  if (care_fhir_get_string (range, "text") != NULL)
    return g_strdup (care_fhir_get_string (range, "text"));
  if (low_number != NULL && high_text != NULL)
    /* Translators: a reference range: %1$s is the low value, %2$s the high value with its unit */
    return g_strdup_printf (_("%1$s–%2$s"), low_number, high_text);
  if (high_text != NULL)
    /* Translators: a reference range with only an upper limit; %s is the value with its unit */
    return g_strdup_printf (_("up to %s"), high_text);
  if (low_text != NULL)
    /* Translators: a reference range with only a lower limit; %s is the value with its unit */
    return g_strdup_printf (_("%s or more"), low_text);
  return NULL;
}

/**
 * care_result_read_flag:
 * @holder: (nullable): an Observation or one of its components
 * @out_derived: (out) (optional): %TRUE when the health system sent no
 *   interpretation and the flag was worked out from the reference range
 *
 * Returns: the flag
 */
CareResultFlag
care_result_read_flag (JsonObject *holder,
                       gboolean   *out_derived)
{
  g_autofree char *code = care_fhir_read_flag_code (holder, out_derived);

  return care_result_flag_from_code (code);
}

char *
care_result_read_name (JsonObject *holder)
{
  char *name = care_fhir_dup_concept_text (care_fhir_get_object (holder, "code"));

  return name != NULL ? name : g_strdup (_("Unnamed test"));
}

static const char *
get_date_text (JsonObject *resource)
{
  /* An ImagingStudy has only when it started. */
  static const char *members[] = { "effectiveDateTime", "effectiveInstant", "issued", "started" };
  JsonObject *period = care_fhir_get_object (resource, "effectivePeriod");

  if (care_fhir_get_string (period, "start") != NULL)
    return care_fhir_get_string (period, "start");
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (care_fhir_get_string (resource, members[i]) != NULL)
      return care_fhir_get_string (resource, members[i]);
  return NULL;
}

GDateTime *
care_result_read_date (JsonObject *resource,
                       gboolean   *out_has_time)
{
  const char *text = get_date_text (resource);
  gint64 seconds;

  if (out_has_time != NULL)
    *out_has_time = FALSE;
  if (text != NULL && out_has_time != NULL)
    care_fhir_parse_date (text, &seconds, out_has_time);
  return care_fhir_dup_date_time (text);
}
