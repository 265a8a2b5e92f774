/* care-import.c — readings from a file a device or another app exported
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kinds of reading a file can hold and their units, what is already
 * on file (so a second import of the same export adds nothing), and the
 * preview a reader fills: counts per kind, the dates it spans, duplicates
 * skipped (of readings on file, and of one reading twice in the file) and
 * implausible rows listed, by Track My Health's own rules
 * (care_reading_validate()). The readers (care-import-apple.c,
 * care-import-csv.c) stream the file; only the readings kept for sending,
 * 32 bytes each, a hash of each reading seen (a few bytes) and one total
 * per day of steps grow with it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "care-import-private.h"
#include "care-reading.h"
#include "care-unit.h"

G_DEFINE_QUARK (care-import-error-quark, care_import_error)

/* At most this many implausible rows are listed; all are counted. */
#define MAX_LISTED 100

typedef struct
{
  const char *id;
  const char *title;
  const char *unit;       /* UCUM, as sent */
  const char *loinc;      /* what Carebook writes */
  const char *display;
  const char *category;
  const char *also[4];    /* other codes that mean the same reading, for duplicates */
  int         decimals;   /* what it is measured to: sent, shown and compared so */
} KindInfo;

static const KindInfo kinds[CARE_IMPORT_N_KINDS] = {
  [CARE_IMPORT_BLOOD_PRESSURE] = { "blood-pressure", NC_("reading kind", "Blood pressure"), "mm[Hg]", "85354-9",
                                   "Blood pressure panel with all children optional", "vital-signs",
                                   { "55284-4", NULL }, 0 },
  [CARE_IMPORT_WEIGHT] = { "weight", NC_("reading kind", "Weight"), "kg", "29463-7", "Body weight", "vital-signs",
                           { "3141-9", NULL }, 2 },
  [CARE_IMPORT_HEIGHT] = { "height", NC_("reading kind", "Height"), "cm", "8302-2", "Body height", "vital-signs",
                           { "8306-3", NULL }, 1 },
  [CARE_IMPORT_HEART_RATE] = { "heart-rate", NC_("reading kind", "Heart rate"), "/min", "8867-4", "Heart rate",
                               "vital-signs", { NULL }, 0 },
  [CARE_IMPORT_OXYGEN_SATURATION] = { "oxygen-saturation", NC_("reading kind", "Oxygen saturation"), "%", "59408-5",
                                      "Oxygen saturation in Arterial blood by Pulse oximetry",
                                      "vital-signs", { "2708-6", NULL }, 0 },
  [CARE_IMPORT_GLUCOSE] = { "glucose", NC_("reading kind", "Blood glucose"), "mg/dL", "41653-7",
                            "Glucose [Mass/volume] in Capillary blood by Glucometer", "laboratory",
                            { "2339-0", "2345-7", "14743-9", NULL }, 0 },
  [CARE_IMPORT_TEMPERATURE] = { "temperature", NC_("reading kind", "Body temperature"), "Cel", "8310-5",
                                "Body temperature", "vital-signs", { NULL }, 2 },
  [CARE_IMPORT_STEPS] = { "steps", NC_("reading kind", "Steps"), "{steps}/d", "55423-8",
                          "Number of steps in unspecified time Pedometer", "activity",
                          { "41950-7", NULL }, 0 },
};

/* Words a CSV may use for a kind, lower case. */
static const struct { const char *word; CareImportKind kind; } kind_words[] = {
  { "bp", CARE_IMPORT_BLOOD_PRESSURE }, { "blood pressure", CARE_IMPORT_BLOOD_PRESSURE },
  { "blood_pressure", CARE_IMPORT_BLOOD_PRESSURE }, { "bloodpressure", CARE_IMPORT_BLOOD_PRESSURE },
  { "body mass", CARE_IMPORT_WEIGHT }, { "body weight", CARE_IMPORT_WEIGHT },
  { "body height", CARE_IMPORT_HEIGHT },
  { "pulse", CARE_IMPORT_HEART_RATE }, { "heart rate", CARE_IMPORT_HEART_RATE },
  { "heart_rate", CARE_IMPORT_HEART_RATE }, { "hr", CARE_IMPORT_HEART_RATE },
  { "spo2", CARE_IMPORT_OXYGEN_SATURATION }, { "oxygen", CARE_IMPORT_OXYGEN_SATURATION },
  { "oxygen saturation", CARE_IMPORT_OXYGEN_SATURATION }, { "o2", CARE_IMPORT_OXYGEN_SATURATION },
  { "blood glucose", CARE_IMPORT_GLUCOSE }, { "blood sugar", CARE_IMPORT_GLUCOSE },
  { "sugar", CARE_IMPORT_GLUCOSE },
  { "temp", CARE_IMPORT_TEMPERATURE }, { "body temperature", CARE_IMPORT_TEMPERATURE },
  { "step", CARE_IMPORT_STEPS }, { "step count", CARE_IMPORT_STEPS },
};

const char *
care_import_kind_to_string (CareImportKind kind)
{
  g_return_val_if_fail (kind < CARE_IMPORT_N_KINDS, NULL);
  return kinds[kind].id;
}

/**
 * care_import_kind_from_string:
 * @text: "weight", "blood-pressure", "bp", "Blood sugar"… (any case)
 * @out_kind: (out): the kind
 *
 * Returns: whether @text names a kind
 */
gboolean
care_import_kind_from_string (const char     *text,
                              CareImportKind *out_kind)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);
  for (guint i = 0; i < CARE_IMPORT_N_KINDS; i++)
    if (g_str_equal (lower, kinds[i].id))
      {
        *out_kind = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    if (g_str_equal (lower, kind_words[i].word))
      {
        *out_kind = kind_words[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
care_import_kind_get_title (CareImportKind kind)
{
  g_return_val_if_fail (kind < CARE_IMPORT_N_KINDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "reading kind", kinds[kind].title);
}

const char *
care_import_kind_get_unit (CareImportKind kind)
{
  g_return_val_if_fail (kind < CARE_IMPORT_N_KINDS, NULL);
  return kinds[kind].unit;
}

const char *
care_import_kind_get_loinc (CareImportKind kind)
{
  g_return_val_if_fail (kind < CARE_IMPORT_N_KINDS, NULL);
  return kinds[kind].loinc;
}

int
care_import_kind_get_decimals (CareImportKind kind)
{
  return kinds[kind].decimals;
}

/* Whether @code is a LOINC code of a kind's reading (what Carebook writes or a portal's equivalent). */
gboolean
care_import_kind_from_loinc (const char     *code,
                             CareImportKind *out_kind)
{
  for (guint k = 0; k < CARE_IMPORT_N_KINDS; k++)
    {
      gboolean same = g_str_equal (code, kinds[k].loinc);

      for (guint j = 0; !same && kinds[k].also[j] != NULL; j++)
        same = g_str_equal (code, kinds[k].also[j]);
      if (same)
        {
          *out_kind = k;
          return TRUE;
        }
    }
  return FALSE;
}

static CareAnalyte
kind_analyte (CareImportKind kind)
{
  return kind == CARE_IMPORT_GLUCOSE ? CARE_ANALYTE_GLUCOSE : CARE_ANALYTE_NONE;
}

/**
 * care_import_normalise_value:
 * @kind: what @value measures
 * @value: as the file has it
 * @unit: (nullable): the file's unit; %NULL or "" for the kind's own
 * @out_value: (out): @value in the kind's unit
 *
 * Returns: whether @unit is one the kind can be converted from
 */
gboolean
care_import_normalise_value (CareImportKind  kind,
                             double          value,
                             const char     *unit,
                             double         *out_value)
{
  g_autofree char *lower = NULL;
  CareUnit from, to;

  if (!isfinite (value))
    return FALSE;
  if (unit == NULL || unit[0] == '\0' || g_str_equal (unit, kinds[kind].unit))
    {
      *out_value = value;
      return TRUE;
    }
  lower = g_ascii_strdown (unit, -1);
  g_strstrip (lower);
  switch (kind)
    {
    case CARE_IMPORT_HEART_RATE:
      if (g_str_equal (lower, "count/min") || g_str_equal (lower, "/min") || g_str_equal (lower, "bpm") ||
          g_str_equal (lower, "beats/min") || g_str_equal (lower, "{beats}/min"))
        {
          *out_value = value;
          return TRUE;
        }
      return FALSE;
    case CARE_IMPORT_STEPS:
      if (g_str_equal (lower, "count") || g_str_equal (lower, "steps") || g_str_equal (lower, "{steps}") ||
          g_str_equal (lower, "{steps}/d"))
        {
          *out_value = value;
          return TRUE;
        }
      return FALSE;
    case CARE_IMPORT_HEIGHT:
      if (g_str_equal (lower, "ft") || g_str_equal (lower, "[ft_i]"))
        {
          *out_value = value * 30.48;
          return TRUE;
        }
      break;
    case CARE_IMPORT_WEIGHT:
      if (g_str_equal (lower, "st") || g_str_equal (lower, "[stone_av]"))
        {
          *out_value = value * 6.35029318;
          return TRUE;
        }
      break;
    case CARE_IMPORT_GLUCOSE:
      /* Apple Health writes "mmol<180.1558800000541>/L": the molar mass in brackets. */
      if (g_str_has_prefix (lower, "mmol<") && g_str_has_suffix (lower, ">/l"))
        {
          g_free (lower);
          lower = g_strdup ("mmol/l");
        }
      break;
    case CARE_IMPORT_BLOOD_PRESSURE:
    case CARE_IMPORT_OXYGEN_SATURATION:
    case CARE_IMPORT_TEMPERATURE:
    case CARE_IMPORT_N_KINDS:
    default:
      break;
    }
  from = care_unit_parse (lower);
  to = care_unit_parse (kinds[kind].unit);
  if (from == CARE_UNIT_OTHER || to == CARE_UNIT_OTHER)
    return FALSE;
  return care_unit_convert (kind_analyte (kind), value, from, to, out_value);
}

/**
 * care_import_parse_time:
 * @text: "2024-03-01 08:15:00 -0500" (Apple Health), an ISO 8601 time
 *   with or without a zone, or a day alone ("2024-03-01", local midnight)
 * @out_time: (out): seconds since 1970
 * @out_utc_offset: (out): the offset it was written in, in seconds
 *
 * Returns: whether @text is a time
 */
gboolean
care_import_parse_time (const char *text,
                        gint64     *out_time,
                        int        *out_utc_offset)
{
  int y, mo, d, h = 0, mi = 0, s = 0, zh = 0, zm = 0, n = 0;
  char sign = 0;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL)
    return FALSE;
  /* Apple Health's own shape, the one read hundreds of thousands of times. */
  if (sscanf (text, "%4d-%2d-%2d %2d:%2d:%2d %c%2d%2d%n", &y, &mo, &d, &h, &mi, &s, &sign, &zh, &zm, &n) == 9 &&
      text[n] == '\0' && (sign == '+' || sign == '-'))
    {
      g_autoptr(GTimeZone) zone = NULL;
      int offset = (zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);

      zone = g_time_zone_new_offset (offset);
      when = g_date_time_new (zone, y, mo, d, h, mi, s);
      if (when == NULL)
        return FALSE;
      *out_time = g_date_time_to_unix (when);
      *out_utc_offset = offset;
      return TRUE;
    }

  local = g_time_zone_new_local ();
  if (sscanf (text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && text[n] == '\0')
    when = g_date_time_new (local, y, mo, d, 0, 0, 0);
  else
    {
      iso = g_strdup (text);
      g_strstrip (iso);
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      when = g_date_time_new_from_iso8601 (iso, local);
      /* "2024-03-01T08:15" has no seconds; GLib wants them. */
      if (when == NULL && strlen (iso) == 16)
        {
          g_autofree char *seconds = g_strconcat (iso, ":00", NULL);

          when = g_date_time_new_from_iso8601 (seconds, local);
        }
    }
  if (when == NULL)
    return FALSE;
  *out_time = g_date_time_to_unix (when);
  *out_utc_offset = (int) (g_date_time_get_utc_offset (when) / G_TIME_SPAN_SECOND);
  return TRUE;
}

double
care_import_round (double value,
                   int    decimals)
{
  double scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;

  return round (value * scale) / scale;
}

/**
 * care_import_reading_is_plausible:
 * @reading: a reading in its kind's unit
 *
 * Returns: whether a person could have measured it: in range, and for
 *   blood pressure the systolic above the diastolic
 */
gboolean
care_import_reading_is_plausible (const CareImportReading *reading)
{
  g_autoptr(CareReading) typed = NULL;

  /* The very rules of Track My Health's entry (care-reading-check.c):
   * its ranges, a systolic above the diastolic, no time in the future. */
  if (!isfinite (reading->value) || (reading->kind == CARE_IMPORT_BLOOD_PRESSURE && !isfinite (reading->value2)))
    return FALSE;
  typed = care_import_reading_to_reading (reading, NULL);
  return care_reading_validate (typed, NULL);
}

/**
 * care_import_reading_to_reading:
 * @reading: an imported reading
 * @source: (nullable): where it came from, as the device's name
 *
 * Returns: (transfer full): the same as Track My Health's #CareReading, in
 *   the kind's unit, at the time and offset the file gave
 */
CareReading *
care_import_reading_to_reading (const CareImportReading *reading,
                                const char              *source)
{
  static const struct { CareReadingKind kind; CareUnit unit; } map[CARE_IMPORT_N_KINDS] = {
    [CARE_IMPORT_BLOOD_PRESSURE] = { CARE_READING_BLOOD_PRESSURE, CARE_UNIT_MM_HG },
    [CARE_IMPORT_WEIGHT] = { CARE_READING_WEIGHT, CARE_UNIT_KILOGRAM },
    [CARE_IMPORT_HEIGHT] = { CARE_READING_HEIGHT, CARE_UNIT_CENTIMETER },
    [CARE_IMPORT_HEART_RATE] = { CARE_READING_PULSE, CARE_UNIT_PER_MIN },
    [CARE_IMPORT_OXYGEN_SATURATION] = { CARE_READING_SPO2, CARE_UNIT_PERCENT },
    [CARE_IMPORT_GLUCOSE] = { CARE_READING_GLUCOSE, CARE_UNIT_MG_PER_DL },
    [CARE_IMPORT_TEMPERATURE] = { CARE_READING_TEMPERATURE, CARE_UNIT_CELSIUS },
    [CARE_IMPORT_STEPS] = { CARE_READING_STEPS, CARE_UNIT_OTHER },
  };
  const KindInfo *info = &kinds[reading->kind];
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (reading->utc_offset);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (reading->time);
  g_autoptr(GDateTime) when = g_date_time_to_timezone (utc, zone);
  CareReading *typed;

  if (reading->kind == CARE_IMPORT_BLOOD_PRESSURE)
    typed = care_reading_new_blood_pressure (care_import_round (reading->value, info->decimals),
                                             care_import_round (reading->value2, info->decimals), when);
  else
    typed = care_reading_new (map[reading->kind].kind, care_import_round (reading->value, info->decimals),
                              map[reading->kind].unit, when);
  typed->device = g_strdup (source);
  return typed;
}

static char *
format_number (double value,
               int    decimals)
{
  char *text = g_strdup_printf ("%.*f", decimals, care_import_round (value, decimals));

  /* As many decimals as it has, up to what the kind is measured to: 81.4 kg, 120/80. */
  if (decimals > 0)
    {
      char *end = text + strlen (text) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (!g_ascii_isdigit (*end))
        *end = '\0';
    }
  return text;
}

/**
 * care_import_reading_format:
 * @reading: a reading
 *
 * Returns: (transfer full): the kind, value and unit in words, "Weight 81.4 kg"
 */
char *
care_import_reading_format (const CareImportReading *reading)
{
  const KindInfo *info = &kinds[reading->kind];
  g_autofree char *value = format_number (reading->value, info->decimals);
  g_autofree char *value2 = NULL;
  const char *unit = reading->kind == CARE_IMPORT_STEPS ? "" : care_unit_display_text (info->unit);

  if (reading->kind == CARE_IMPORT_BLOOD_PRESSURE)
    {
      value2 = format_number (reading->value2, info->decimals);
      /* Translators: a blood pressure; %1$s is the systolic, %2$s the diastolic, %3$s the unit */
      return g_strdup_printf (_("Blood pressure %1$s/%2$s %3$s"), value, value2, unit);
    }
  /* Translators: a reading; %1$s is its kind ("Weight"), %2$s the value, %3$s the unit */
  return g_strstrip (g_strdup_printf (_("%1$s %2$s %3$s"), care_import_kind_get_title (reading->kind), value, unit));
}

/**
 * care_import_reading_to_observation:
 * @reading: a reading
 * @patient: "Patient/id"
 * @source: (nullable): where it came from ("Apple Health"), as the device's name
 *
 * Returns: (transfer full): the Observation Track My Health writes for the
 *   same reading (care_reading_to_observation()): US Core, the patient the
 *   performer, marked patient-entered
 */
JsonObject *
care_import_reading_to_observation (const CareImportReading *reading,
                                    const char              *patient,
                                    const char              *source)
{
  g_autoptr(CareReading) typed = care_import_reading_to_reading (reading, source);

  return care_reading_to_observation (typed, patient);
}

/**
 * care_import_reading_draft_new:
 * @reading: a reading
 * @patient: "Patient/id"
 * @source: (nullable): where it came from
 *
 * Returns: (transfer full) (nullable): a create of the reading's
 *   Observation, or %NULL when Track My Health would refuse it
 */
CareOutboxDraft *
care_import_reading_draft_new (const CareImportReading *reading,
                               const char              *patient,
                               const char              *source)
{
  g_autoptr(CareReading) typed = care_import_reading_to_reading (reading, source);

  return care_reading_draft_new (typed, patient, NULL);
}

/* The preview. */

struct _CareImportPreview
{
  CareImportFormat    format;
  char               *source;
  CareImportExisting *existing;   /* not owned */
  gboolean            keep;
  guint               counts[CARE_IMPORT_N_KINDS];
  guint               n_new, n_duplicates, n_implausible, n_unreadable;
  gint64              first, last;
  GPtrArray          *implausible;
  GArray             *readings;
  GHashTable         *steps;      /* day → CareImportReading* */
  /* The readings of this file so far, as 64-bit hashes of their keys (a
   * few bytes each, not the keys): the same reading twice in one file is
   * one reading and a duplicate. */
  GHashTable         *seen;
};

CareImportPreview *
care_import_preview_new (CareImportFormat    format,
                         CareImportExisting *existing,
                         gboolean            keep_readings)
{
  CareImportPreview *self = g_new0 (CareImportPreview, 1);

  self->format = format;
  self->existing = existing;
  self->keep = keep_readings;
  self->first = G_MAXINT64;
  self->last = G_MININT64;
  self->implausible = g_ptr_array_new_with_free_func (g_free);
  self->readings = g_array_new (FALSE, FALSE, sizeof (CareImportReading));
  self->steps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  return self;
}

void
care_import_preview_free (CareImportPreview *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_ptr_array_unref (self->implausible);
  g_array_unref (self->readings);
  g_hash_table_unref (self->steps);
  g_hash_table_unref (self->seen);
  g_free (self);
}

void
care_import_preview_set_source (CareImportPreview *self,
                                const char        *source)
{
  g_free (self->source);
  self->source = g_strdup (source);
}

/* FNV-1a of the reading's key, never 0 (a set of pointers has no 0). */
static gpointer
hash_key (const CareImportReading *reading)
{
  g_autofree char *key = care_import_reading_dup_key (reading);
  guint64 hash = 14695981039346656037u;

  for (const char *c = key; *c != '\0'; c++)
    hash = (hash ^ (guchar)*c) * 1099511628211u;
  return GSIZE_TO_POINTER ((gsize)hash | 1);
}

static void
count (CareImportPreview       *self,
       const CareImportReading *reading,
       guint                    line)
{
  if (!care_import_reading_is_plausible (reading))
    {
      self->n_implausible++;
      if (self->implausible->len < MAX_LISTED)
        {
          g_autofree char *what = care_import_reading_format (reading);

          /* Translators: an implausible reading left out; %1$u is the line of the file, %2$s the reading */
          g_ptr_array_add (self->implausible, line > 0 ? g_strdup_printf (_("Line %1$u: %2$s"), line, what)
                                                       : g_steal_pointer (&what));
        }
      return;
    }
  if (!g_hash_table_add (self->seen, hash_key (reading)) ||
      (self->existing != NULL && care_import_existing_contains (self->existing, reading)))
    {
      self->n_duplicates++;
      return;
    }
  self->counts[reading->kind]++;
  self->n_new++;
  self->first = MIN (self->first, reading->time);
  self->last = MAX (self->last, reading->time);
  if (self->keep)
    g_array_append_val (self->readings, *reading);
}

/**
 * care_import_preview_take:
 * @self: the preview
 * @reading: one reading in its kind's unit
 * @line: the file's line, or 0
 *
 * Counts @reading as new, duplicate or implausible. Steps are added up per
 * day first, and counted by care_import_preview_finish().
 */
void
care_import_preview_take (CareImportPreview       *self,
                          const CareImportReading *reading,
                          guint                    line)
{
  if (reading->kind == CARE_IMPORT_STEPS && isfinite (reading->value) && reading->value >= 0)
    {
      gint64 day = (reading->time + reading->utc_offset) / 86400;
      CareImportReading *total = g_hash_table_lookup (self->steps, &day);

      if (total == NULL)
        {
          total = g_new (CareImportReading, 1);
          *total = *reading;
          total->value = 0;
          total->time = day * 86400 - reading->utc_offset;
          g_hash_table_insert (self->steps, g_memdup2 (&day, sizeof day), total);
        }
      total->value += reading->value;
      return;
    }
  count (self, reading, line);
}

void
care_import_preview_unreadable (CareImportPreview *self,
                                guint              line)
{
  self->n_unreadable++;
}

static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  const CareImportReading *x = a, *y = b;

  return x->time < y->time ? -1 : x->time > y->time;
}

void
care_import_preview_finish (CareImportPreview *self)
{
  g_autoptr(GList) days = g_hash_table_get_values (self->steps);

  days = g_list_sort (days, compare_time);
  for (GList *l = days; l != NULL; l = l->next)
    count (self, l->data, 0);
  g_hash_table_remove_all (self->steps);
}

CareImportFormat
care_import_preview_get_format (CareImportPreview *self)
{
  return self->format;
}

guint
care_import_preview_get_count (CareImportPreview *self,
                               CareImportKind     kind)
{
  g_return_val_if_fail (kind < CARE_IMPORT_N_KINDS, 0);
  return self->counts[kind];
}

guint
care_import_preview_get_n_new (CareImportPreview *self)
{
  return self->n_new;
}

guint
care_import_preview_get_n_duplicates (CareImportPreview *self)
{
  return self->n_duplicates;
}

guint
care_import_preview_get_n_implausible (CareImportPreview *self)
{
  return self->n_implausible;
}

guint
care_import_preview_get_n_unreadable (CareImportPreview *self)
{
  return self->n_unreadable;
}

/**
 * care_import_preview_get_range:
 * @self: a preview
 * @out_first: (out): the oldest new reading's time
 * @out_last: (out): the newest's
 *
 * Returns: %FALSE when there is no new reading
 */
gboolean
care_import_preview_get_range (CareImportPreview *self,
                               gint64            *out_first,
                               gint64            *out_last)
{
  if (self->n_new == 0)
    return FALSE;
  *out_first = self->first;
  *out_last = self->last;
  return TRUE;
}

/**
 * care_import_preview_get_implausible:
 * @self: a preview
 *
 * Returns: (transfer none) (element-type utf8): the first implausible rows, in words
 */
GPtrArray *
care_import_preview_get_implausible (CareImportPreview *self)
{
  return self->implausible;
}

/**
 * care_import_preview_get_readings:
 * @self: a preview read with its readings kept
 * @out_n: (out): how many
 *
 * Returns: (transfer none): the new readings, to send
 */
const CareImportReading *
care_import_preview_get_readings (CareImportPreview *self,
                                  guint             *out_n)
{
  *out_n = self->readings->len;
  return (const CareImportReading *) (gpointer) self->readings->data;
}

/**
 * care_import_preview_dup_source:
 * @self: a preview
 *
 * Returns: (transfer full) (nullable): where the readings come from, as
 *   the Observations will name it ("Apple Health", the CSV file's name)
 */
char *
care_import_preview_dup_source (CareImportPreview *self)
{
  return g_strdup (self->source);
}
