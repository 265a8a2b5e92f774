/* care-chart-text.c — what charts say in words: labels and text alternatives
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart has a text alternative for screen readers, built here (not
 * in the widget) so it is translated with the rest of core and tested
 * without a display. Sentences are whole translatable strings with
 * positional arguments, never pieced together.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-paint.h"
#include "care-chart-text.h"
#include "care-time.h"

#include <math.h>

/**
 * care_interpretation_get_label:
 * @interpretation: a flag
 *
 * Returns: (transfer none): the flag in words, lower case ("high"), or ""
 */
const char *
care_interpretation_get_label (CareInterpretation interpretation)
{
  switch (interpretation)
    {
    case CARE_INTERPRETATION_NORMAL:
      return C_("result flag", "normal");
    case CARE_INTERPRETATION_LOW:
      return C_("result flag", "low");
    case CARE_INTERPRETATION_HIGH:
      return C_("result flag", "high");
    case CARE_INTERPRETATION_CRITICAL_LOW:
      return C_("result flag", "critically low");
    case CARE_INTERPRETATION_CRITICAL_HIGH:
      return C_("result flag", "critically high");
    case CARE_INTERPRETATION_ABNORMAL:
      return C_("result flag", "abnormal");
    case CARE_INTERPRETATION_NONE:
    default:
      return "";
    }
}

static GDateTime *
local_date_time (gint64     time,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GTimeZone) local = NULL;

  if (utc == NULL)
    return NULL;
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  return g_date_time_to_timezone (utc, tz);
}

/**
 * care_chart_format_date:
 * @time: Unix seconds
 * @tz: (nullable): the time zone, %NULL for local
 *
 * Returns: (transfer full): the date as a chart label shows it ("Oct 3, 2026")
 */
char *
care_chart_format_date (gint64     time,
                        GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = local_date_time (time, tz);

  if (dt == NULL)
    return g_strdup ("");
  return care_time_format_day (dt);
}

/**
 * care_chart_format_reading:
 * @value: a value
 * @unit: (nullable): its unit as sent
 *
 * Returns: (transfer full): the value as chart labels show it ("6.8 %")
 */
char *
care_chart_format_reading (double      value,
                           const char *unit)
{
  return care_chart_format_measurement (value, unit);
}

/**
 * care_chart_format_month:
 * @time: Unix seconds
 * @tz: (nullable): the time zone, %NULL for local
 *
 * Returns: (transfer full): the month and year in full ("March 2021")
 */
char *
care_chart_format_month (gint64     time,
                         GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = local_date_time (time, tz);

  if (dt == NULL)
    return g_strdup ("");
  /* Translators: a month and year in a chart's description, a
   * g_date_time_format() string: "March 2021" (Spanish: "%B de %Y") */
  return care_time_format (dt, _("%B %Y"));
}

static char *
latest_sentence (CareSeries *series)
{
  guint n = care_series_get_n_points (series);
  const CareSeriesPoint *p = care_series_get_point (series, n - 1);
  g_autofree char *value = care_chart_format_measurement (p->value, care_series_get_unit (series));

  switch (care_series_point_get_flag (p))
    {
    case CARE_INTERPRETATION_HIGH:
      /* Translators: %1$s is a value with its unit, "6.8 %" */
      return g_strdup_printf (_("Latest %1$s, above the reference range."), value);
    case CARE_INTERPRETATION_LOW:
      /* Translators: %1$s is a value with its unit */
      return g_strdup_printf (_("Latest %1$s, below the reference range."), value);
    case CARE_INTERPRETATION_CRITICAL_HIGH:
      /* Translators: %1$s is a value with its unit */
      return g_strdup_printf (_("Latest %1$s, critically high."), value);
    case CARE_INTERPRETATION_CRITICAL_LOW:
      /* Translators: %1$s is a value with its unit */
      return g_strdup_printf (_("Latest %1$s, critically low."), value);
    case CARE_INTERPRETATION_ABNORMAL:
      /* Translators: %1$s is a value with its unit */
      return g_strdup_printf (_("Latest %1$s, outside the reference range."), value);
    case CARE_INTERPRETATION_NORMAL:
      /* Translators: %1$s is a value with its unit */
      return g_strdup_printf (_("Latest %1$s, within the reference range."), value);
    case CARE_INTERPRETATION_NONE:
    default:
      /* Translators: %1$s is a value with its unit */
      return g_strdup_printf (_("Latest %1$s."), value);
    }
}

/**
 * care_series_describe:
 * @series: a series
 * @tz: (nullable): the time zone, %NULL for local
 *
 * A screen reader's view of a chart line: "Hemoglobin A1c: 12 results from
 * March 2021 to October 2026. Latest 6.8 %, above the reference range.
 * 3 of 12 results were outside the reference range."
 *
 * Returns: (transfer full): the description
 */
char *
care_series_describe (CareSeries *series,
                      GTimeZone  *tz)
{
  g_autofree char *span = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *flagged = NULL;
  const char *name;
  guint n, n_abnormal = 0;
  const CareSeriesPoint *points;

  g_return_val_if_fail (CARE_IS_SERIES (series), NULL);

  name = care_series_get_display_name (series);
  if (name[0] == '\0')
    name = _("Results");
  points = care_series_get_points (series, &n);

  if (n == 0)
    /* Translators: %1$s is the name of a test, "Hemoglobin A1c" */
    return g_strdup_printf (_("%1$s: no results."), name);

  if (n == 1)
    {
      g_autofree char *date = care_chart_format_date (points[0].time, tz);

      /* Translators: %1$s is the name of a test, %2$s a date */
      span = g_strdup_printf (_("%1$s: one result, on %2$s."), name, date);
    }
  else
    {
      g_autofree char *from = care_chart_format_month (points[0].time, tz);
      g_autofree char *to = care_chart_format_month (points[n - 1].time, tz);

      /* Translators: %1$s is the name of a test, %2$u how many results,
       * %3$s and %4$s months: "Hemoglobin A1c: 12 results from March 2021
       * to October 2026." */
      span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%1$s: %2$u result from %3$s to %4$s.",
                                           "%1$s: %2$u results from %3$s to %4$s.", n),
                              name, n, from, to);
    }

  latest = latest_sentence (series);

  for (guint i = 0; i < n; i++)
    if (care_interpretation_is_abnormal (care_series_point_get_flag (&points[i])))
      n_abnormal++;
  if (n > 1 && n_abnormal > 0)
    /* Translators: %1$u results of %2$u were flagged; the plural follows %1$u */
    flagged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%1$u of %2$u results was outside the reference range.",
                                            "%1$u of %2$u results were outside the reference range.",
                                            n_abnormal),
                               n_abnormal, n);

  if (flagged != NULL)
    return g_strjoin (" ", span, latest, flagged, NULL);
  return g_strjoin (" ", span, latest, NULL);
}

/**
 * care_trend_chart_describe:
 * @series: (array length=n_series): what the chart shows
 * @n_series: how many
 * @tz: (nullable): the time zone, %NULL for local
 *
 * Returns: (transfer full): one description per series, as sentences in a row
 */
char *
care_trend_chart_describe (CareSeries * const *series,
                           guint               n_series,
                           GTimeZone          *tz)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (n_series == 0)
    return g_strdup (_("No results to show."));

  for (guint i = 0; i < n_series; i++)
    g_ptr_array_add (parts, care_series_describe (series[i], tz));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" ", (char **) parts->pdata);
}

/**
 * care_growth_format_percentile:
 * @percentile: 0 to 100
 *
 * Returns: (transfer full): "60th percentile", "below the 1st percentile"
 */
char *
care_growth_format_percentile (double percentile)
{
  int p;

  if (!isfinite (percentile))
    return g_strdup ("");
  if (percentile < 1)
    return g_strdup (_("below the 1st percentile"));
  if (percentile > 99)
    return g_strdup (_("above the 99th percentile"));

  p = (int) floor (percentile + 0.5);
  p = CLAMP (p, 1, 99);

  /* English ordinals need four forms; other languages may translate all
   * four the same way ("percentil %d"). */
  if (p % 100 >= 11 && p % 100 <= 13)
    /* Translators: an ordinal percentile, "11th percentile"; %d is the number */
    return g_strdup_printf (_("%dth percentile"), p);
  switch (p % 10)
    {
    case 1:
      /* Translators: an ordinal percentile, "1st", "21st percentile" */
      return g_strdup_printf (_("%dst percentile"), p);
    case 2:
      /* Translators: an ordinal percentile, "2nd", "52nd percentile" */
      return g_strdup_printf (_("%dnd percentile"), p);
    case 3:
      /* Translators: an ordinal percentile, "3rd", "23rd percentile" */
      return g_strdup_printf (_("%drd percentile"), p);
    default:
      /* Translators: an ordinal percentile, "60th percentile" */
      return g_strdup_printf (_("%dth percentile"), p);
    }
}

/**
 * care_growth_format_age:
 * @age_months: an age in months (days / 30.4375)
 *
 * Returns: (transfer full): "12 days", "9 months", "2 years, 3 months"
 */
char *
care_growth_format_age (double age_months)
{
  int days, months, years;
  g_autofree char *y = NULL;
  g_autofree char *m = NULL;

  if (!isfinite (age_months) || age_months < 0)
    return g_strdup ("");

  if (age_months < 1)
    {
      days = (int) floor (age_months * 30.4375 + 0.5);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
    }

  months = (int) floor (age_months + 1e-6);
  if (months < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months), months);

  years = months / 12;
  months %= 12;
  y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", years), years);
  if (months == 0)
    return g_steal_pointer (&y);
  m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months), months);
  /* Translators: an age in years and months, "2 years, 3 months" */
  return g_strdup_printf (_("%1$s, %2$s"), y, m);
}

/**
 * care_growth_percentile_explanation:
 *
 * What a parent should know to read a growth chart, in plain language.
 *
 * Returns: (transfer none): the explanation, translated
 */
const char *
care_growth_percentile_explanation (void)
{
  return _("A percentile compares your child with other children of the same age and sex. "
           "If your child’s weight is at the 60th percentile, about 60 out of 100 children "
           "of that age weigh less, and about 40 weigh more. A percentile is not a grade: a "
           "child at the 10th percentile can be just as healthy as one at the 90th. What "
           "matters most is that your child grows steadily along their own curve. Talk with "
           "your child’s doctor if the measurements cross two or more of the main percentile "
           "lines, or fall below the 3rd or above the 97th percentile. Under age 2 the chart "
           "uses the WHO Child Growth Standards; from age 2 it uses the CDC growth charts.");
}

/**
 * care_growth_corrected_age_explanation:
 *
 * Returns: (transfer none): why a preterm baby's points use corrected age
 */
const char *
care_growth_corrected_age_explanation (void)
{
  return _("Your child was born early, so until age 2 the chart uses corrected age: the age "
           "your child would be if born on the due date. For example, a 6-month-old born "
           "2 months early is plotted at 4 months.");
}
