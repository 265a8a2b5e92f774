/* care-reading-check.c — what a person typed, read and checked
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plausibility: each kind has a range in its first (metric) unit; a value
 * in the other unit is converted only to be compared. The ranges are wide
 * enough for any real person at home (a newborn's weight, a fever of
 * 44 °C, a marathon's steps) and narrow enough to catch a slip of the
 * unit or of a digit: 900 kg, 60 °C, an SpO2 of 150 %, a systolic at or
 * below the diastolic. A time in the future is refused too.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-reading-private.h"

#include <math.h>
#include <string.h>

/* Reads "81.4", "81,4" (a decimal comma), "10,000" or "10.000" (thousands,
 * in whole-number kinds); nothing else, not even trailing text. */
static gboolean
parse_number (const char *text,
              gboolean    whole,
              double     *out_value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *p;
  char *end = NULL;
  guint n_separators = 0;
  guint digits_after = 0;
  gboolean grouped = TRUE;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  for (p = text; *p != '\0' && !g_ascii_isspace (*p); p++)
    {
      if (*p == ',' || *p == '.')
        {
          if (n_separators > 0 && digits_after != 3)
            grouped = FALSE;
          n_separators++;
          digits_after = 0;
        }
      else if (g_ascii_isdigit (*p))
        digits_after++;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;
  if (n_separators > 0 && digits_after != 3)
    grouped = FALSE;

  for (p = text; *p != '\0' && !g_ascii_isspace (*p); p++)
    {
      if (*p == ',' || *p == '.')
        {
          /* 10,000 steps; 1.234 is 1234 steps but 1.234 kg */
          if (whole && grouped)
            continue;
          if (n_separators > 1)
            return FALSE;
          g_string_append_c (clean, '.');
        }
      else
        g_string_append_c (clean, *p);
    }
  if (clean->len == 0 || clean->str[0] == '.' || clean->str[clean->len - 1] == '.')
    return FALSE;
  for (guint i = 0; i < clean->len; i++)
    {
      if (!g_ascii_isdigit (clean->str[i]) && clean->str[i] != '.' && !(i == 0 && clean->str[i] == '-'))
        return FALSE;
    }
  *out_value = g_ascii_strtod (clean->str, &end);
  return end != NULL && *end == '\0' && isfinite (*out_value);
}

/**
 * care_reading_parse:
 * @kind: what it measures
 * @value_text: what was typed: "81.4", "81,4", "128/82" for a blood pressure
 * @unit_text: (nullable): "kg", "lb", "mmol/L", "°F"…; %NULL or "" for the
 *   locale's unit
 * @locale: (nullable): the measurement locale (care_reading_locale_current())
 * @time: (nullable): when it was taken; %NULL for now
 * @error: a %CARE_READING_ERROR whose code names the field
 *
 * Reads what a person typed into a reading and checks it
 * (care_reading_validate()).
 *
 * Returns: (transfer full) (nullable): the reading, or %NULL with @error
 */
CareReading *
care_reading_parse (CareReadingKind   kind,
                    const char       *value_text,
                    const char       *unit_text,
                    const char       *locale,
                    GDateTime        *time,
                    GError          **error)
{
  g_autoptr(CareReading) reading = NULL;
  const KindInfo *info;
  g_autofree char *stripped = NULL;
  g_autofree char *typed = g_strstrip (g_strdup (value_text != NULL ? value_text : ""));
  CareUnit unit;
  double value = 0, value2 = NAN;

  g_return_val_if_fail (kind < CARE_READING_N_KINDS, NULL);

  info = care_reading_kind_info (kind);
  stripped = g_strstrip (g_strdup (unit_text != NULL ? unit_text : ""));
  if (stripped[0] != '\0')
    {
      unit = care_unit_parse (stripped);
      if (unit == CARE_UNIT_OTHER && info->own_ucum != NULL &&
          (g_ascii_strcasecmp (stripped, info->own_ucum) == 0 ||
           g_ascii_strcasecmp (stripped, info->name) == 0 ||
           (kind == CARE_READING_PAIN && g_str_equal (stripped, "/10"))))
        unit = CARE_UNIT_OTHER;
      else if (!care_reading_kind_accepts_unit (kind, unit) || unit == CARE_UNIT_OTHER)
        {
          g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_UNIT,
                       /* Translators: %1$s is a unit someone typed, %2$s a kind of reading */
                       _("“%1$s” is not a unit for %2$s."), stripped, _(info->title));
          return NULL;
        }
    }
  else
    unit = care_reading_kind_get_unit_for_locale (kind, locale);

  if (kind == CARE_READING_BLOOD_PRESSURE)
    {
      g_auto(GStrv) parts = g_strsplit (typed, "/", -1);

      if (g_strv_length (parts) != 2 || !parse_number (parts[0], FALSE, &value))
        {
          g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE,
                       /* Translators: %s is what someone typed as a blood pressure */
                       _("“%s” is not a blood pressure: write the two numbers as 128/82."), typed);
          return NULL;
        }
      if (!parse_number (parts[1], FALSE, &value2))
        {
          g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE2,
                       /* Translators: %s is what someone typed as the bottom number of a blood pressure */
                       _("“%s” is not a number."), g_strstrip (parts[1]));
          return NULL;
        }
    }
  else if (!parse_number (value_text, info->whole, &value))
    {
      if (typed[0] == '\0')
        g_set_error_literal (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE, _("Enter a value."));
      else
        g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE,
                     /* Translators: %s is what someone typed as a reading */
                     _("“%s” is not a number."), typed);
      return NULL;
    }

  reading = care_reading_new (kind, value, unit, time);
  reading->value2 = value2;
  if (!care_reading_validate (reading, error))
    return NULL;
  return g_steal_pointer (&reading);
}

/* @value (in @unit) converted to the kind's first unit, to compare with its range. */
static double
to_first_unit (CareReadingKind kind,
               double          value,
               CareUnit        unit)
{
  const KindInfo *info = care_reading_kind_info (kind);
  double converted = value;

  if (unit == info->units[0] || unit == CARE_UNIT_OTHER)
    return value;
  if (!care_unit_convert (kind == CARE_READING_GLUCOSE ? CARE_ANALYTE_GLUCOSE : CARE_ANALYTE_NONE,
                          value, unit, info->units[0], &converted))
    return NAN;
  return converted;
}

static char *
format_one (CareReadingKind kind,
            double          value,
            CareUnit        unit)
{
  g_autofree char *number = care_reading_format_number (value);

  if (unit == CARE_UNIT_PERCENT)
    return g_strdup_printf ("%s %%", number);
  /* Translators: a value and its unit ("81.4 kg") */
  return g_strdup_printf (_("%1$s %2$s"), number, care_reading_kind_get_unit_display (kind, unit));
}

/* A bound of the range (in the kind's first unit) in the unit the person
 * used, as they would write it: whole units read better as limits. */
static char *
format_bound (CareReadingKind kind,
              double          bound,
              CareUnit        unit)
{
  const KindInfo *info = care_reading_kind_info (kind);
  double converted = bound;

  if (unit != info->units[0] && unit != CARE_UNIT_OTHER &&
      care_unit_convert (kind == CARE_READING_GLUCOSE ? CARE_ANALYTE_GLUCOSE : CARE_ANALYTE_NONE,
                         bound, info->units[0], unit, &converted))
    bound = unit == CARE_UNIT_MMOL_PER_L ? round (converted * 10) / 10 : round (converted);
  return format_one (kind, bound, unit);
}

static gboolean
check_range (const CareReading  *self,
             const char         *what,
             double              value,
             double              low,
             double              high,
             CareReadingError    code,
             GError            **error)
{
  const KindInfo *info = care_reading_kind_info (self->kind);
  double first = to_first_unit (self->kind, value, self->unit);
  g_autofree char *typed = NULL;

  if (!isfinite (value) || !isfinite (first))
    {
      g_set_error_literal (error, CARE_READING_ERROR, code, _("Enter a value."));
      return FALSE;
    }

  typed = format_one (self->kind, value, self->unit);

  if (info->whole && value != floor (value))
    {
      g_set_error (error, CARE_READING_ERROR, code,
                   /* Translators: %1$s is a kind of reading ("Steps"), %2$s what was typed ("7.5") */
                   _("%1$s: %2$s is not a whole number."), what, typed);
      return FALSE;
    }
  /* A hair of tolerance for conversions: 992 lb is within 450 kg. */
  if (first < low - 1e-9 * fabs (low) - 1e-9)
    {
      g_autofree char *bound = format_bound (self->kind, low, self->unit);

      g_set_error (error, CARE_READING_ERROR, code,
                   /* Translators: %1$s is a kind of reading ("Weight"), %2$s the value typed
                    * ("0.1 kg"), %3$s the lowest possible one ("0.5 kg") */
                   _("%1$s: %2$s is lower than is possible (at least %3$s). Check the number and the unit."),
                   what, typed, bound);
      return FALSE;
    }
  if (first > high + 1e-9 * fabs (high))
    {
      g_autofree char *bound = format_bound (self->kind, high, self->unit);

      g_set_error (error, CARE_READING_ERROR, code,
                   /* Translators: %1$s is a kind of reading ("Weight"), %2$s the value typed
                    * ("900 kg"), %3$s the highest possible one ("450 kg") */
                   _("%1$s: %2$s is higher than is possible (at most %3$s). Check the number and the unit."),
                   what, typed, bound);
      return FALSE;
    }
  return TRUE;
}

/**
 * care_reading_validate:
 * @self: a reading
 * @error: a %CARE_READING_ERROR whose code names the field; the message
 *   names the value ("Weight: 900 kg is higher than is possible…")
 *
 * Checks that @self is something a person at home can measure: a unit of
 * its kind, a value in its plausible range (whole numbers for pulse,
 * steps and pain), a systolic above the diastolic, and a time that is not
 * in the future (five minutes of clock difference allowed) nor before 1900.
 *
 * Returns: whether it may be queued
 */
gboolean
care_reading_validate (const CareReading  *self,
                       GError            **error)
{
  const KindInfo *info;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind >= CARE_READING_N_KINDS)
    {
      g_set_error_literal (error, CARE_READING_ERROR, CARE_READING_ERROR_KIND,
                           _("This is not a kind of reading Carebook knows."));
      return FALSE;
    }
  info = care_reading_kind_info (self->kind);
  if (!care_reading_kind_accepts_unit (self->kind, self->unit))
    {
      g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_UNIT,
                   /* Translators: %s is a kind of reading ("Weight") */
                   _("%s is not measured in this unit."), _(info->title));
      return FALSE;
    }

  if (self->kind == CARE_READING_BLOOD_PRESSURE)
    {
      g_autofree char *systolic = NULL;
      g_autofree char *diastolic = NULL;

      if (!check_range (self, _("Systolic"), self->value, info->low, info->high,
                        CARE_READING_ERROR_VALUE, error) ||
          !check_range (self, _("Diastolic"), self->value2, DIASTOLIC_LOW, DIASTOLIC_HIGH,
                        CARE_READING_ERROR_VALUE2, error))
        return FALSE;
      if (self->value <= self->value2)
        {
          systolic = care_reading_format_number (self->value);
          diastolic = care_reading_format_number (self->value2);
          g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE2,
                       /* Translators: a blood pressure's two numbers, %1$s systolic, %2$s diastolic */
                       _("The diastolic (%2$s) must be lower than the systolic (%1$s): check the order "
                         "of the two numbers."), systolic, diastolic);
          return FALSE;
        }
    }
  else if (!check_range (self, _(info->title), self->value, info->low, info->high,
                         CARE_READING_ERROR_VALUE, error))
    return FALSE;

  now = g_date_time_new_now_utc ();
  if (self->time == NULL ||
      g_date_time_difference (self->time, now) > 5 * G_TIME_SPAN_MINUTE ||
      g_date_time_get_year (self->time) < 1900)
    {
      g_set_error_literal (error, CARE_READING_ERROR, CARE_READING_ERROR_TIME,
                           self->time == NULL || g_date_time_get_year (self->time) < 1900
                           ? _("Enter when the reading was taken.")
                           : _("The time of the reading is in the future."));
      return FALSE;
    }
  return TRUE;
}
