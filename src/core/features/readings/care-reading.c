/* care-reading.c — a home reading the patient enters: kinds, units, checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reading keeps the number and the unit the person typed (81.4 kg, or
 * 179.5 lb): US Core's vital-signs profiles accept both units of each pair
 * (kg and [lb_av], cm and [in_i], Cel and [degF]) and the meter glucose
 * codes exist in mg/dL and mmol/L, so nothing is converted on the way and
 * nothing is rounded. Units only convert to check that a value is
 * plausible: a weight of 900 kg, a temperature of 60 °C or a systolic
 * below the diastolic is refused before anything is queued, with a
 * message that names the value and says which field it is about.
 * care-reading-fhir.c writes and reads the Observations.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-reading-private.h"

#include <locale.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (care-reading-error-quark, care_reading_error)

G_DEFINE_BOXED_TYPE (CareReading, care_reading, care_reading_copy, care_reading_free)

static const KindInfo kinds[CARE_READING_N_KINDS] = {
  [CARE_READING_BLOOD_PRESSURE] = { "bp", N_("Blood Pressure"), "vital-signs",
                                    { CARE_UNIT_MM_HG, CARE_UNIT_MM_HG }, NULL, NULL, 50, 300, FALSE },
  [CARE_READING_WEIGHT] = { "weight", N_("Weight"), "vital-signs",
                            { CARE_UNIT_KILOGRAM, CARE_UNIT_POUND }, NULL, NULL, 0.5, 450, FALSE },
  [CARE_READING_HEIGHT] = { "height", N_("Height"), "vital-signs",
                            { CARE_UNIT_CENTIMETER, CARE_UNIT_INCH }, NULL, NULL, 30, 272, FALSE },
  [CARE_READING_GLUCOSE] = { "glucose", N_("Blood Glucose"), "laboratory",
                             { CARE_UNIT_MMOL_PER_L, CARE_UNIT_MG_PER_DL }, NULL, NULL, 1.0, 40.0, FALSE },
  [CARE_READING_TEMPERATURE] = { "temperature", N_("Temperature"), "vital-signs",
                                 { CARE_UNIT_CELSIUS, CARE_UNIT_FAHRENHEIT }, NULL, NULL, 30, 45, FALSE },
  [CARE_READING_PULSE] = { "pulse", N_("Pulse"), "vital-signs",
                           { CARE_UNIT_PER_MIN, CARE_UNIT_PER_MIN }, NULL, NULL, 20, 250, TRUE },
  [CARE_READING_SPO2] = { "spo2", N_("Oxygen Saturation"), "vital-signs",
                          { CARE_UNIT_PERCENT, CARE_UNIT_PERCENT }, NULL, NULL, 50, 100, FALSE },
  [CARE_READING_STEPS] = { "steps", N_("Steps"), "activity",
                           { CARE_UNIT_OTHER, CARE_UNIT_OTHER }, "{steps}", N_("steps"), 0, 100000, TRUE },
  [CARE_READING_PAIN] = { "pain", N_("Pain Score"), "vital-signs",
                          { CARE_UNIT_OTHER, CARE_UNIT_OTHER }, "{score}", N_("out of 10"), 0, 10, TRUE },
};

typedef struct
{
  const char *text;
  int         value;
} Name;

static const Name kind_aliases[] = {
  { "blood-pressure", CARE_READING_BLOOD_PRESSURE }, { "bloodpressure", CARE_READING_BLOOD_PRESSURE },
  { "bp", CARE_READING_BLOOD_PRESSURE }, { "weight", CARE_READING_WEIGHT },
  { "body-weight", CARE_READING_WEIGHT }, { "height", CARE_READING_HEIGHT },
  { "body-height", CARE_READING_HEIGHT }, { "glucose", CARE_READING_GLUCOSE },
  { "blood-glucose", CARE_READING_GLUCOSE }, { "sugar", CARE_READING_GLUCOSE },
  { "temperature", CARE_READING_TEMPERATURE }, { "temp", CARE_READING_TEMPERATURE },
  { "pulse", CARE_READING_PULSE }, { "heart-rate", CARE_READING_PULSE },
  { "heartrate", CARE_READING_PULSE }, { "hr", CARE_READING_PULSE },
  { "spo2", CARE_READING_SPO2 }, { "oxygen", CARE_READING_SPO2 },
  { "oxygen-saturation", CARE_READING_SPO2 }, { "steps", CARE_READING_STEPS },
  { "step-count", CARE_READING_STEPS }, { "pain", CARE_READING_PAIN },
  { "pain-score", CARE_READING_PAIN },
};

/* Where people weigh in pounds and measure in inches, where thermometers
 * read °F, and where meters read glucose in mmol/L (mg/dL elsewhere: the
 * United States, most of Latin America and of Europe's south, Japan…). */
static const char *const us_mass_countries[] = { "US", "LR", "MM", NULL };
static const char *const fahrenheit_countries[] = { "US", "LR", "MM", "BS", "BZ", "KY", "PW", NULL };
static const char *const mmol_countries[] = {
  "AU", "CA", "CN", "CZ", "DK", "EE", "FI", "GB", "HK", "HR", "IE", "IS", "KZ", "LT", "LV",
  "MY", "NL", "NO", "NZ", "RU", "SE", "SG", "SI", "SK", "UA", "ZA", NULL
};

const KindInfo *
care_reading_kind_info (CareReadingKind kind)
{
  g_return_val_if_fail (kind < CARE_READING_N_KINDS, &kinds[CARE_READING_WEIGHT]);
  return &kinds[kind];
}

/**
 * care_reading_new:
 * @kind: what it measures (not a blood pressure: see
 *   care_reading_new_blood_pressure())
 * @value: the value in @unit
 * @unit: the unit it was entered in; %CARE_UNIT_OTHER for steps and pain
 * @time: (nullable): when it was taken; %NULL for now
 *
 * Returns: (transfer full): a reading, not yet checked
 */
CareReading *
care_reading_new (CareReadingKind  kind,
                  double           value,
                  CareUnit         unit,
                  GDateTime       *time)
{
  CareReading *self;

  g_return_val_if_fail (kind < CARE_READING_N_KINDS, NULL);

  self = g_new0 (CareReading, 1);
  self->kind = kind;
  self->value = value;
  self->value2 = NAN;
  self->unit = unit;
  self->time = time != NULL ? g_date_time_ref (time) : g_date_time_new_now_local ();
  return self;
}

/**
 * care_reading_new_blood_pressure:
 * @systolic: the top number, mm[Hg]
 * @diastolic: the bottom number, mm[Hg]
 * @time: (nullable): when it was taken; %NULL for now
 *
 * Returns: (transfer full): a blood pressure, not yet checked
 */
CareReading *
care_reading_new_blood_pressure (double     systolic,
                                 double     diastolic,
                                 GDateTime *time)
{
  CareReading *self = care_reading_new (CARE_READING_BLOOD_PRESSURE, systolic, CARE_UNIT_MM_HG, time);

  self->value2 = diastolic;
  return self;
}

CareReading *
care_reading_copy (const CareReading *self)
{
  CareReading *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->time = self->time != NULL ? g_date_time_ref (self->time) : NULL;
  copy->device = g_strdup (self->device);
  copy->note = g_strdup (self->note);
  return copy;
}

void
care_reading_free (CareReading *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->device);
  g_free (self->note);
  g_free (self);
}

/* Kinds */

/**
 * care_reading_kind_to_string:
 * @kind: a kind
 *
 * Returns: its name on the command line and in files ("bp", "weight",
 *   "glucose"…)
 */
const char *
care_reading_kind_to_string (CareReadingKind kind)
{
  return care_reading_kind_info (kind)->name;
}

/**
 * care_reading_kind_from_string:
 * @text: "bp", "blood-pressure", "weight", "temp", "heart-rate"…
 *   (any case, '_' or ' ' for '-')
 * @out_kind: (out): the kind
 *
 * Returns: whether @text names a kind
 */
gboolean
care_reading_kind_from_string (const char      *text,
                               CareReadingKind *out_kind)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (out_kind != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  folded = g_strstrip (g_ascii_strdown (text, -1));
  g_strdelimit (folded, "_ ", '-');
  for (guint i = 0; i < G_N_ELEMENTS (kind_aliases); i++)
    {
      if (g_str_equal (kind_aliases[i].text, folded))
        {
          *out_kind = kind_aliases[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * care_reading_kind_get_title:
 * @kind: a kind
 *
 * Returns: (transfer none): its name for people, translated ("Blood Pressure")
 */
const char *
care_reading_kind_get_title (CareReadingKind kind)
{
  return _(care_reading_kind_info (kind)->title);
}

/* Whole headings, not "Enter %s": in Spanish the kind is lower case
 * inside a sentence ("Anotar presión arterial"). */
static const char *enter_titles[CARE_READING_N_KINDS] = {
  N_("Enter Blood Pressure"), N_("Enter Weight"), N_("Enter Height"), N_("Enter Blood Glucose"),
  N_("Enter Temperature"), N_("Enter Pulse"), N_("Enter Oxygen Saturation"), N_("Enter Steps"),
  N_("Enter Pain Score"),
};
static const char *correct_titles[CARE_READING_N_KINDS] = {
  N_("Correct Blood Pressure"), N_("Correct Weight"), N_("Correct Height"), N_("Correct Blood Glucose"),
  N_("Correct Temperature"), N_("Correct Pulse"), N_("Correct Oxygen Saturation"), N_("Correct Steps"),
  N_("Correct Pain Score"),
};

/**
 * care_reading_kind_get_entry_title:
 * @kind: a kind
 * @correct: the heading of a correction rather than a new entry
 *
 * Returns: (transfer none): the entry dialog's heading and the Enter
 *   button's name, translated whole ("Enter Blood Pressure")
 */
const char *
care_reading_kind_get_entry_title (CareReadingKind kind,
                                   gboolean        correct)
{
  g_return_val_if_fail (kind < CARE_READING_N_KINDS, NULL);

  return _(correct ? correct_titles[kind] : enter_titles[kind]);
}

/**
 * care_reading_kind_get_category:
 * @kind: a kind
 *
 * Returns: its code in `http://terminology.hl7.org/CodeSystem/observation-category`:
 *   "vital-signs", "laboratory" (glucose) or "activity" (steps)
 */
const char *
care_reading_kind_get_category (CareReadingKind kind)
{
  return care_reading_kind_info (kind)->category;
}

/**
 * care_reading_kind_get_loinc:
 * @kind: a kind
 * @unit: the unit (glucose has a code per unit)
 *
 * Returns: the LOINC code of its Observation: the panel 85354-9 for a
 *   blood pressure, 59408-5 for SpO2 (2708-6 is sent beside it)
 */
const char *
care_reading_kind_get_loinc (CareReadingKind kind,
                             CareUnit        unit)
{
  switch (kind)
    {
    case CARE_READING_BLOOD_PRESSURE:
      return "85354-9";
    case CARE_READING_WEIGHT:
      return "29463-7";
    case CARE_READING_HEIGHT:
      return "8302-2";
    case CARE_READING_GLUCOSE:
      return unit == CARE_UNIT_MG_PER_DL ? "41653-7" : "14743-9";
    case CARE_READING_TEMPERATURE:
      return "8310-5";
    case CARE_READING_PULSE:
      return "8867-4";
    case CARE_READING_SPO2:
      return "59408-5";
    case CARE_READING_STEPS:
      return "55423-8";
    case CARE_READING_PAIN:
      return "72514-3";
    case CARE_READING_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * care_reading_kind_from_loinc:
 * @code: a LOINC code
 * @out_kind: (out): the kind
 *
 * What a clinic asks for by LOINC code (a CarePlan activity or a
 * ServiceRequest): the codes Carebook writes, and the usual others for
 * the same measurement (8480-6 systolic, 2708-6 SpO2, 3141-9 weight
 * measured, 8310-5, 2339-0 glucose…).
 *
 * Returns: whether @code is something a patient can enter
 */
gboolean
care_reading_kind_from_loinc (const char      *code,
                              CareReadingKind *out_kind)
{
  static const Name codes[] = {
    { "85354-9", CARE_READING_BLOOD_PRESSURE }, { "55284-4", CARE_READING_BLOOD_PRESSURE },
    { "8480-6", CARE_READING_BLOOD_PRESSURE }, { "8462-4", CARE_READING_BLOOD_PRESSURE },
    { "29463-7", CARE_READING_WEIGHT }, { "3141-9", CARE_READING_WEIGHT },
    { "8302-2", CARE_READING_HEIGHT }, { "8306-3", CARE_READING_HEIGHT },
    { "41653-7", CARE_READING_GLUCOSE }, { "14743-9", CARE_READING_GLUCOSE },
    { "2339-0", CARE_READING_GLUCOSE }, { "15074-8", CARE_READING_GLUCOSE },
    { "2345-7", CARE_READING_GLUCOSE }, { "8310-5", CARE_READING_TEMPERATURE },
    { "8867-4", CARE_READING_PULSE }, { "59408-5", CARE_READING_SPO2 },
    { "2708-6", CARE_READING_SPO2 }, { "55423-8", CARE_READING_STEPS },
    { "41950-7", CARE_READING_STEPS }, { "72514-3", CARE_READING_PAIN },
  };

  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (codes); i++)
    {
      if (g_str_equal (codes[i].text, code))
        {
          *out_kind = codes[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * care_reading_kind_get_units:
 * @kind: a kind
 * @n_units: (out): how many
 *
 * Returns: (array length=n_units) (transfer none): the units @kind is
 *   entered in, metric first; { %CARE_UNIT_OTHER } for steps and pain
 */
const CareUnit *
care_reading_kind_get_units (CareReadingKind  kind,
                             guint           *n_units)
{
  const KindInfo *info = care_reading_kind_info (kind);

  g_return_val_if_fail (n_units != NULL, NULL);

  *n_units = info->units[0] == info->units[1] ? 1 : 2;
  return info->units;
}

/**
 * care_reading_kind_accepts_unit:
 * @kind: a kind
 * @unit: a unit
 *
 * Returns: whether @kind is entered in @unit
 */
gboolean
care_reading_kind_accepts_unit (CareReadingKind kind,
                                CareUnit        unit)
{
  const KindInfo *info = care_reading_kind_info (kind);

  return info->units[0] == unit || info->units[1] == unit;
}

static gboolean
country_in (const char         *locale,
            const char *const  *countries)
{
  const char *underscore;
  char country[3];

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL || strlen (underscore) < 3)
    return FALSE;
  country[0] = underscore[1];
  country[1] = underscore[2];
  country[2] = '\0';
  return g_strv_contains (countries, country);
}

/**
 * care_reading_locale_current:
 *
 * Returns: the measurement locale Carebook runs in (`LC_MEASUREMENT`,
 *   "en_US.UTF-8"), to pass to care_reading_kind_get_unit_for_locale()
 */
const char *
care_reading_locale_current (void)
{
  const char *locale = setlocale (LC_MEASUREMENT, NULL);

  return locale != NULL ? locale : "C";
}

/**
 * care_reading_kind_get_unit_for_locale:
 * @kind: a kind
 * @locale: (nullable): a POSIX locale name ("en_US.UTF-8", "es_ES"); its
 *   country decides
 *
 * Returns: the unit people there enter @kind in: pounds, inches and °F in
 *   the United States (and Liberia, Myanmar; °F also in the Bahamas,
 *   Belize, the Caymans and Palau), kilograms, centimetres and °C
 *   elsewhere; glucose in mmol/L where meters read so (the United Kingdom,
 *   Canada, Australia, the Nordic countries…) and mg/dL elsewhere. A
 *   locale with no country ("C") gets the SI units.
 */
CareUnit
care_reading_kind_get_unit_for_locale (CareReadingKind  kind,
                                       const char      *locale)
{
  const KindInfo *info = care_reading_kind_info (kind);
  gboolean has_country = locale != NULL && strchr (locale, '_') != NULL;

  switch (kind)
    {
    case CARE_READING_WEIGHT:
    case CARE_READING_HEIGHT:
      return country_in (locale, us_mass_countries) ? info->units[1] : info->units[0];
    case CARE_READING_TEMPERATURE:
      return country_in (locale, fahrenheit_countries) ? info->units[1] : info->units[0];
    case CARE_READING_GLUCOSE:
      return !has_country || country_in (locale, mmol_countries) ? info->units[0] : info->units[1];
    case CARE_READING_BLOOD_PRESSURE:
    case CARE_READING_PULSE:
    case CARE_READING_SPO2:
    case CARE_READING_STEPS:
    case CARE_READING_PAIN:
    case CARE_READING_N_KINDS:
    default:
      return info->units[0];
    }
}

/**
 * care_reading_kind_get_ucum:
 * @kind: a kind
 * @unit: one of its units
 *
 * Returns: the UCUM code sent as valueQuantity.code ("kg", "[lb_av]",
 *   "mm[Hg]", "{steps}")
 */
const char *
care_reading_kind_get_ucum (CareReadingKind kind,
                            CareUnit        unit)
{
  if (unit == CARE_UNIT_OTHER)
    return care_reading_kind_info (kind)->own_ucum != NULL ? care_reading_kind_info (kind)->own_ucum : "1";
  return care_unit_to_ucum (unit);
}

/**
 * care_reading_kind_get_unit_display:
 * @kind: a kind
 * @unit: one of its units
 *
 * Returns: the unit as people write it ("lb", "°F", "mmHg", "steps")
 */
const char *
care_reading_kind_get_unit_display (CareReadingKind kind,
                                    CareUnit        unit)
{
  if (unit == CARE_UNIT_OTHER)
    return care_reading_kind_info (kind)->own_display != NULL ? _(care_reading_kind_info (kind)->own_display) : "";
  return care_unit_to_display (unit);
}

static const Name arm_names[] = {
  { "left", CARE_READING_ARM_LEFT }, { "right", CARE_READING_ARM_RIGHT },
};
static const Name position_names[] = {
  { "sitting", CARE_READING_POSITION_SITTING }, { "standing", CARE_READING_POSITION_STANDING },
  { "lying", CARE_READING_POSITION_LYING },
};
static const Name meal_names[] = {
  { "before-meal", CARE_READING_MEAL_BEFORE }, { "after-meal", CARE_READING_MEAL_AFTER },
};

static const char *
name_of (const Name *names,
         guint       n_names,
         int         value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (names[i].value == value)
        return names[i].text;
    }
  return NULL;
}

static gboolean
value_of (const Name *names,
          guint       n_names,
          const char *text,
          int        *out_value)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i].text, text) == 0)
        {
          *out_value = names[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * care_reading_arm_to_string:
 * @arm: an arm
 *
 * Returns: (nullable): "left", "right", or %NULL when not said
 */
const char *
care_reading_arm_to_string (CareReadingArm arm)
{
  return name_of (arm_names, G_N_ELEMENTS (arm_names), arm);
}

/**
 * care_reading_position_to_string:
 * @position: a position
 *
 * Returns: (nullable): "sitting", "standing", "lying", or %NULL
 */
const char *
care_reading_position_to_string (CareReadingPosition position)
{
  return name_of (position_names, G_N_ELEMENTS (position_names), position);
}

/**
 * care_reading_meal_to_string:
 * @meal: a meal context
 *
 * Returns: (nullable): "before-meal", "after-meal", or %NULL
 */
const char *
care_reading_meal_to_string (CareReadingMeal meal)
{
  return name_of (meal_names, G_N_ELEMENTS (meal_names), meal);
}

gboolean
care_reading_arm_from_string (const char     *text,
                              CareReadingArm *out_arm)
{
  int value;

  if (!value_of (arm_names, G_N_ELEMENTS (arm_names), text, &value))
    return FALSE;
  *out_arm = value;
  return TRUE;
}

gboolean
care_reading_position_from_string (const char          *text,
                                   CareReadingPosition *out_position)
{
  int value;

  if (!value_of (position_names, G_N_ELEMENTS (position_names), text, &value))
    return FALSE;
  *out_position = value;
  return TRUE;
}

gboolean
care_reading_meal_from_string (const char      *text,
                               CareReadingMeal *out_meal)
{
  int value;

  if (!value_of (meal_names, G_N_ELEMENTS (meal_names), text, &value))
    return FALSE;
  *out_meal = value;
  return TRUE;
}

/* Values */

/* A number as people write it here: up to two decimals, none trailing,
 * the locale's decimal separator. */
char *
care_reading_format_number (double value)
{
  g_autofree char *text = NULL;
  struct lconv *conv = localeconv ();
  const char *point = conv != NULL && conv->decimal_point != NULL ? conv->decimal_point : ".";
  char *sep;

  if (fabs (value - round (value)) < 0.0005)
    return g_strdup_printf ("%.0f", round (value));
  text = g_strdup_printf ("%.2f", value);
  sep = strstr (text, point);
  if (sep != NULL)
    {
      char *end = text + strlen (text) - 1;

      while (end > sep && *end == '0')
        *end-- = '\0';
    }
  return g_steal_pointer (&text);
}

/**
 * care_reading_format_value:
 * @self: a reading
 *
 * Returns: (transfer full): the value and its unit as people write them
 *   ("128/82 mmHg", "81.4 kg", "6,1 mmol/L" in Spanish, "7 out of 10")
 */
char *
care_reading_format_value (const CareReading *self)
{
  g_autofree char *value = NULL;
  const char *unit;

  g_return_val_if_fail (self != NULL, NULL);

  value = care_reading_format_number (self->value);
  unit = care_reading_kind_get_unit_display (self->kind, self->unit);
  if (self->kind == CARE_READING_BLOOD_PRESSURE)
    {
      g_autofree char *value2 = care_reading_format_number (self->value2);

      /* Translators: a blood pressure: systolic/diastolic and the unit */
      return g_strdup_printf (_("%1$s/%2$s %3$s"), value, value2, unit);
    }
  if (self->unit == CARE_UNIT_PERCENT)
    return g_strdup_printf ("%s %%", value);
  /* Translators: a value and its unit ("81.4 kg") */
  return g_strdup_printf (_("%1$s %2$s"), value, unit);
}

/**
 * care_reading_dup_summary:
 * @self: a reading
 *
 * Returns: (transfer full): what it is, for the outbox ("Weight 81.4 kg")
 */
char *
care_reading_dup_summary (const CareReading *self)
{
  g_autofree char *value = care_reading_format_value (self);

  /* Translators: an entered reading waiting to be sent: its kind and value */
  return g_strdup_printf (_("%1$s %2$s"), care_reading_kind_get_title (self->kind), value);
}
