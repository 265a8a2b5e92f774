/* care-result-format.c — how a test result's flag, value and date are said
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flag is never colour alone: each has a word ("High"), an icon and a
 * style class, and the sentence a screen reader says for a row spells it
 * out. Dates are built from our own translated month names, so a Spanish
 * window reads "17 de noviembre de 2026" even where the C locale would
 * give English month names.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-result-format.h"
#include "care-time.h"

/* HL7 v3 ObservationInterpretation codes, and the words some portals send
 * instead of a coding. */
static const struct
{
  const char     *code;
  CareResultFlag  flag;
} flag_codes[] = {
  { "N", CARE_RESULT_FLAG_NORMAL },
  { "NEG", CARE_RESULT_FLAG_NORMAL },
  { "ND", CARE_RESULT_FLAG_NORMAL },
  { "normal", CARE_RESULT_FLAG_NORMAL },
  { "L", CARE_RESULT_FLAG_LOW },
  { "LU", CARE_RESULT_FLAG_LOW },
  { "<", CARE_RESULT_FLAG_LOW },
  { "low", CARE_RESULT_FLAG_LOW },
  { "H", CARE_RESULT_FLAG_HIGH },
  { "HU", CARE_RESULT_FLAG_HIGH },
  { ">", CARE_RESULT_FLAG_HIGH },
  { "high", CARE_RESULT_FLAG_HIGH },
  { "A", CARE_RESULT_FLAG_ABNORMAL },
  { "POS", CARE_RESULT_FLAG_ABNORMAL },
  { "DET", CARE_RESULT_FLAG_ABNORMAL },
  { "abnormal", CARE_RESULT_FLAG_ABNORMAL },
  { "LL", CARE_RESULT_FLAG_CRITICAL_LOW },
  { "critical low", CARE_RESULT_FLAG_CRITICAL_LOW },
  { "HH", CARE_RESULT_FLAG_CRITICAL_HIGH },
  { "critical high", CARE_RESULT_FLAG_CRITICAL_HIGH },
  { "AA", CARE_RESULT_FLAG_CRITICAL },
  { "critical", CARE_RESULT_FLAG_CRITICAL },
};

/**
 * care_result_flag_from_code:
 * @code: (nullable): an interpretation code ("H") or text ("High")
 *
 * Returns: the flag, or %CARE_RESULT_FLAG_NONE for nothing known
 */
CareResultFlag
care_result_flag_from_code (const char *code)
{
  g_autofree char *trimmed = NULL;

  if (code == NULL)
    return CARE_RESULT_FLAG_NONE;

  trimmed = g_strstrip (g_strdup (code));
  for (guint i = 0; i < G_N_ELEMENTS (flag_codes); i++)
    {
      /* Codes are case-sensitive ("L" is low, "l" nothing); words are not. */
      if (g_ascii_isupper (flag_codes[i].code[0]) || !g_ascii_isalpha (flag_codes[i].code[0])
          ? g_str_equal (trimmed, flag_codes[i].code)
          : g_ascii_strcasecmp (trimmed, flag_codes[i].code) == 0)
        return flag_codes[i].flag;
    }

  return CARE_RESULT_FLAG_NONE;
}

/**
 * care_result_flag_combine:
 * @a: a flag
 * @b: another
 *
 * The flag of a panel: the most serious of its parts; a high and a low
 * together are "abnormal", not one of the two.
 *
 * Returns: the combined flag
 */
CareResultFlag
care_result_flag_combine (CareResultFlag a,
                          CareResultFlag b)
{
  if ((a == CARE_RESULT_FLAG_LOW && b == CARE_RESULT_FLAG_HIGH) ||
      (a == CARE_RESULT_FLAG_HIGH && b == CARE_RESULT_FLAG_LOW))
    return CARE_RESULT_FLAG_ABNORMAL;
  if ((a == CARE_RESULT_FLAG_CRITICAL_LOW && b == CARE_RESULT_FLAG_CRITICAL_HIGH) ||
      (a == CARE_RESULT_FLAG_CRITICAL_HIGH && b == CARE_RESULT_FLAG_CRITICAL_LOW))
    return CARE_RESULT_FLAG_CRITICAL;
  return MAX (a, b);
}

gboolean
care_result_flag_is_flagged (CareResultFlag flag)
{
  return flag > CARE_RESULT_FLAG_NORMAL;
}

/**
 * care_result_flag_get_label:
 * @flag: a flag
 *
 * Returns: (nullable): the word shown beside a value ("High"), or %NULL
 *   when there is nothing to flag
 */
const char *
care_result_flag_get_label (CareResultFlag flag)
{
  switch (flag)
    {
    case CARE_RESULT_FLAG_LOW:
      return C_("result flag", "Low");
    case CARE_RESULT_FLAG_HIGH:
      return C_("result flag", "High");
    case CARE_RESULT_FLAG_ABNORMAL:
      return C_("result flag", "Abnormal");
    case CARE_RESULT_FLAG_CRITICAL_LOW:
      return C_("result flag", "Critically Low");
    case CARE_RESULT_FLAG_CRITICAL_HIGH:
      return C_("result flag", "Critically High");
    case CARE_RESULT_FLAG_CRITICAL:
      return C_("result flag", "Critical");
    case CARE_RESULT_FLAG_NORMAL:
    case CARE_RESULT_FLAG_NONE:
    default:
      return NULL;
    }
}

/**
 * care_result_flag_get_word:
 * @flag: a flag
 *
 * Returns: (nullable): the flag as a word inside a sentence ("high")
 */
const char *
care_result_flag_get_word (CareResultFlag flag)
{
  switch (flag)
    {
    case CARE_RESULT_FLAG_NORMAL:
      return C_("result flag in a sentence", "normal");
    case CARE_RESULT_FLAG_LOW:
      return C_("result flag in a sentence", "low");
    case CARE_RESULT_FLAG_HIGH:
      return C_("result flag in a sentence", "high");
    case CARE_RESULT_FLAG_ABNORMAL:
      return C_("result flag in a sentence", "abnormal");
    case CARE_RESULT_FLAG_CRITICAL_LOW:
      return C_("result flag in a sentence", "critically low");
    case CARE_RESULT_FLAG_CRITICAL_HIGH:
      return C_("result flag in a sentence", "critically high");
    case CARE_RESULT_FLAG_CRITICAL:
      return C_("result flag in a sentence", "critical");
    case CARE_RESULT_FLAG_NONE:
    default:
      return NULL;
    }
}

const char *
care_result_flag_get_icon_name (CareResultFlag flag)
{
  switch (flag)
    {
    case CARE_RESULT_FLAG_LOW:
      return "go-down-symbolic";
    case CARE_RESULT_FLAG_HIGH:
      return "go-up-symbolic";
    case CARE_RESULT_FLAG_ABNORMAL:
      return "emblem-important-symbolic";
    case CARE_RESULT_FLAG_CRITICAL_LOW:
    case CARE_RESULT_FLAG_CRITICAL_HIGH:
    case CARE_RESULT_FLAG_CRITICAL:
      return "dialog-warning-symbolic";
    case CARE_RESULT_FLAG_NORMAL:
    case CARE_RESULT_FLAG_NONE:
    default:
      return NULL;
    }
}

/**
 * care_result_flag_get_css_class:
 * @flag: a flag
 *
 * Returns: (nullable): the style class of the flag's label and icon
 */
const char *
care_result_flag_get_css_class (CareResultFlag flag)
{
  if (flag >= CARE_RESULT_FLAG_CRITICAL_LOW)
    return "error";
  if (flag > CARE_RESULT_FLAG_NORMAL)
    return "warning";
  return NULL;
}

/**
 * care_result_format_date:
 * @date: (nullable): a date
 *
 * Returns: (transfer full): "March 3, 2026", or "No date"
 */
char *
care_result_format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("No date"));

  /* Translators: a date in a list, g_date_time_format(): "March 5, 2026" */
  return care_time_format (date, _("%B %-d, %Y"));
}

/**
 * care_result_format_date_time:
 * @date: a date with a time of day
 *
 * Returns: (transfer full): "March 3, 2026 at 8:15 AM"
 */
char *
care_result_format_date_time (GDateTime *date)
{
  g_autofree char *day = care_result_format_date (date);
  g_autofree char *time = care_time_format_clock (date);

  return care_time_join_day_time (day, time);
}

/**
 * care_result_format_day_heading:
 * @date: (nullable): a date
 *
 * Returns: (transfer full): "Tuesday, March 3, 2026", or "No date"
 */
char *
care_result_format_day_heading (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("No date"));

  /* Translators: a heading over the results of one day, g_date_time_format():
   * "Tuesday, March 3, 2026" */
  return care_time_format (date, _("%A, %B %-d, %Y"));
}

/**
 * care_result_format_status:
 * @status: (nullable): a DiagnosticReport, Observation or ImagingStudy status code
 *
 * Returns: (transfer full) (nullable): the status in words
 */
char *
care_result_format_status (const char *status)
{
  static const struct { const char *code; const char *words; } statuses[] = {
    { "registered", NC_("result status", "Registered") },
    { "partial", NC_("result status", "Partial") },
    { "preliminary", NC_("result status", "Preliminary") },
    { "final", NC_("result status", "Final") },
    { "amended", NC_("result status", "Amended") },
    { "corrected", NC_("result status", "Corrected") },
    { "appended", NC_("result status", "Appended") },
    { "cancelled", NC_("result status", "Cancelled") },
    { "entered-in-error", NC_("result status", "Entered in error") },
    /* An ImagingStudy's: its images can be had. */
    { "available", NC_("result status", "Available") },
  };

  if (status == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].code))
      return g_strdup (g_dpgettext2 (NULL, "result status", statuses[i].words));

  return g_strdup (status);
}

/**
 * care_result_dup_sentence:
 * @name: the test's name
 * @value: (nullable): its value with unit
 * @flag: its flag
 * @date: (nullable): when it was taken
 *
 * The words a screen reader says for a result:
 * "Hemoglobin A1c, 7.2 %, high, March 3, 2026".
 *
 * Returns: (transfer full): the sentence
 */
char *
care_result_dup_sentence (const char     *name,
                          const char     *value,
                          CareResultFlag  flag,
                          GDateTime      *date)
{
  g_autofree char *when = care_result_format_date (date);
  const char *word = care_result_flag_get_word (flag);

  if (value != NULL && word != NULL)
    /* Translators: a result read aloud: %1$s the test, %2$s its value, %3$s its flag ("high"),
     * %4$s the date */
    return g_strdup_printf (_("%1$s, %2$s, %3$s, %4$s"), name, value, word, when);
  if (value != NULL)
    /* Translators: a result read aloud: %1$s the test, %2$s its value, %3$s the date */
    return g_strdup_printf (_("%1$s, %2$s, %3$s"), name, value, when);
  if (word != NULL)
    /* Translators: a result read aloud: %1$s the test, %2$s its flag ("high"), %3$s the date */
    return g_strdup_printf (C_("result without value", "%1$s, %2$s, %3$s"), name, word, when);
  /* Translators: a result read aloud: %1$s the test, %2$s the date */
  return g_strdup_printf (_("%1$s, %2$s"), name, when);
}
