/* care-growth-data.c — what a growth chart shows: curves and a child's points
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All LMS maths is care-lms.c's; this file decides what to draw with it.
 * As CDC recommends, the age charts use the WHO standards under 24 months
 * and the CDC charts from 24 months, so a curve has two pieces that meet
 * (not quite: WHO measures length lying down, CDC height standing) at two
 * years. Preterm babies (under 37 weeks) are plotted at corrected age
 * until 24 months of chronological age, as the AAP advises.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-paint.h"
#include "care-chart-text.h"
#include "care-growth-data.h"

#include <math.h>

const double care_growth_percentiles[CARE_GROWTH_N_PERCENTILES] = {
  3, 5, 10, 25, 50, 75, 90, 95, 97
};

#define SWITCH_MONTHS 24.0

/**
 * care_growth_age_months:
 * @birth: the date of birth
 * @date: the date of the measurement
 *
 * Returns: the age in months as the tables count them (days / 30.4375)
 */
double
care_growth_age_months (const GDate *birth,
                        const GDate *date)
{
  g_return_val_if_fail (birth != NULL && g_date_valid (birth), NAN);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NAN);

  return g_date_days_between (birth, date) / CARE_LMS_DAYS_PER_MONTH;
}

/**
 * care_growth_corrected_age_months:
 * @age_months: chronological age in months
 * @gestational_weeks: gestational age at birth, or 0 when unknown
 * @out_corrected: (out) (optional): whether the age was corrected
 *
 * For a baby born before 37 weeks, subtracts the weeks born early (from
 * 40) until the chronological age reaches 24 months; after that, and for
 * babies born at term or of unknown gestation, the age is unchanged. The
 * result can be negative for measurements before the due date.
 *
 * Returns: the age to plot, in months
 */
double
care_growth_corrected_age_months (double    age_months,
                                  double    gestational_weeks,
                                  gboolean *out_corrected)
{
  gboolean corrected = gestational_weeks > 0 &&
                       gestational_weeks < CARE_GROWTH_PRETERM_WEEKS &&
                       age_months < CARE_GROWTH_CORRECT_UNTIL_MONTHS;

  if (out_corrected != NULL)
    *out_corrected = corrected;
  if (!corrected)
    return age_months;

  return age_months - (CARE_GROWTH_TERM_WEEKS - gestational_weeks) * 7.0 / CARE_LMS_DAYS_PER_MONTH;
}

/**
 * care_growth_chart_unit:
 * @chart: a chart
 *
 * Returns: the unit its measurements are in ("kg", "cm", "kg/m²")
 */
const char *
care_growth_chart_unit (CareLmsChart chart)
{
  switch (chart)
    {
    case CARE_LMS_WEIGHT_FOR_AGE:
    case CARE_LMS_WEIGHT_FOR_LENGTH:
      return "kg";
    case CARE_LMS_LENGTH_FOR_AGE:
    case CARE_LMS_HEAD_FOR_AGE:
      return "cm";
    case CARE_LMS_BMI_FOR_AGE:
    default:
      return "kg/m²";
    }
}

/**
 * care_growth_chart_title:
 * @chart: a chart
 *
 * Returns: (transfer none): the chart's name, translated
 */
const char *
care_growth_chart_title (CareLmsChart chart)
{
  switch (chart)
    {
    case CARE_LMS_WEIGHT_FOR_AGE:
      return _("Weight for age");
    case CARE_LMS_LENGTH_FOR_AGE:
      return _("Length or height for age");
    case CARE_LMS_HEAD_FOR_AGE:
      return _("Head circumference for age");
    case CARE_LMS_WEIGHT_FOR_LENGTH:
      return _("Weight for length");
    case CARE_LMS_BMI_FOR_AGE:
    default:
      return _("BMI for age");
    }
}

static void
curves_clear (GArray *curves)
{
  for (guint i = 0; i < curves->len; i++)
    {
      CareGrowthCurve *c = &g_array_index (curves, CareGrowthCurve, i);

      g_clear_pointer (&c->xs, g_array_unref);
      g_clear_pointer (&c->ys, g_array_unref);
    }
  g_array_set_size (curves, 0);
}

/* Samples one source's piece of every curve over [from, to]. */
static void
sample_piece (CareGrowthChartData *data,
              CareLms             *lms,
              CareLmsSource        source,
              double               from,
              double               to,
              guint                n_samples)
{
  for (guint i = 0; i < data->curves->len; i++)
    {
      CareGrowthCurve *c = &g_array_index (data->curves, CareGrowthCurve, i);
      double z = care_lms_z_from_percentile (c->percentile);
      double nan_value = NAN;

      /* A NAN between pieces lifts the pen. */
      if (c->xs->len > 0)
        {
          g_array_append_val (c->xs, from);
          g_array_append_val (c->ys, nan_value);
        }

      for (guint k = 0; k <= n_samples; k++)
        {
          double x = from + (to - from) * k / n_samples;
          CareLmsParams params;
          double y = NAN;

          if (care_lms_get_params (lms, source, data->chart, data->sex, x, &params))
            y = care_lms_params_measurement (&params, z);
          g_array_append_val (c->xs, x);
          g_array_append_val (c->ys, y);
        }
    }
}

/**
 * care_growth_chart_data_set_range:
 * @data: chart data
 * @lms: the reference tables
 * @x_min: the x-axis start (months, or cm for weight-for-length)
 * @x_max: its end
 *
 * Shows another stretch of the chart, resampling the curves.
 */
void
care_growth_chart_data_set_range (CareGrowthChartData *data,
                                  CareLms             *lms,
                                  double               x_min,
                                  double               x_max)
{
  double table_min, table_max;

  g_return_if_fail (data != NULL);
  g_return_if_fail (CARE_IS_LMS (lms));

  if (!(x_max > x_min))
    return;

  data->x_min = x_min;
  data->x_max = x_max;

  curves_clear (data->curves);
  for (guint i = 0; i < CARE_GROWTH_N_PERCENTILES; i++)
    {
      CareGrowthCurve c = {
        care_growth_percentiles[i],
        g_array_new (FALSE, FALSE, sizeof (double)),
        g_array_new (FALSE, FALSE, sizeof (double)),
      };

      g_array_append_val (data->curves, c);
    }

  if (data->chart == CARE_LMS_WEIGHT_FOR_LENGTH)
    {
      if (care_lms_get_range (lms, data->curve_source, data->chart, data->sex,
                              &table_min, &table_max))
        {
          double from = MAX (x_min, table_min), to = MIN (x_max, table_max);

          if (to > from)
            sample_piece (data, lms, data->curve_source, from, to, 240);
        }
      return;
    }

  /* Age charts: WHO to 24 months, CDC from there, each within its table. */
  if (x_min < SWITCH_MONTHS &&
      care_lms_get_range (lms, CARE_LMS_SOURCE_WHO, data->chart, data->sex, &table_min, &table_max))
    {
      double from = MAX (x_min, table_min), to = MIN (MIN (x_max, SWITCH_MONTHS), table_max);

      if (to > from)
        sample_piece (data, lms, CARE_LMS_SOURCE_WHO, from, to,
                      (guint) CLAMP ((to - from) * 8, 24, 240));
    }
  if (x_max > SWITCH_MONTHS &&
      care_lms_get_range (lms, CARE_LMS_SOURCE_CDC, data->chart, data->sex, &table_min, &table_max))
    {
      double from = MAX (MAX (x_min, SWITCH_MONTHS), table_min), to = MIN (x_max, table_max);

      if (to > from)
        sample_piece (data, lms, CARE_LMS_SOURCE_CDC, from, to,
                      (guint) CLAMP ((to - from) * 2, 24, 240));
    }
}

/* The standard stretches a parent expects to see: the first two years,
 * then three and five years, then 2 to 20 years. */
static void
default_age_range (GArray *points,
                   double  *x_min,
                   double  *x_max)
{
  double oldest = 0, youngest = G_MAXDOUBLE;

  for (guint i = 0; i < points->len; i++)
    {
      const CareGrowthPoint *p = &g_array_index (points, CareGrowthPoint, i);

      oldest = MAX (oldest, p->x);
      youngest = MIN (youngest, p->x);
    }

  if (oldest <= 24)
    *x_max = 24;
  else if (oldest <= 36)
    *x_max = 36;
  else if (oldest <= 60)
    *x_max = 60;
  else if (oldest <= 120)
    *x_max = 120;
  else
    *x_max = 240;

  *x_min = (*x_max <= 60 || youngest < 24) ? 0 : 24;
}

static int
compare_points_by_time (gconstpointer a,
                        gconstpointer b)
{
  const CareGrowthPoint *pa = a;
  const CareGrowthPoint *pb = b;

  return (pa->time > pb->time) - (pa->time < pb->time);
}

static void
free_curves (GArray *curves)
{
  curves_clear (curves);
  g_array_unref (curves);
}

/**
 * care_growth_chart_data_new:
 * @lms: the reference tables
 * @chart: which chart
 * @child: who it is for
 * @measurements: (array length=n_measurements): the child's measurements, in
 *   the chart's unit (see care_growth_chart_unit())
 * @n_measurements: how many
 * @tz: (nullable): the time zone measurement times are read in; %NULL for local
 *
 * Places the measurements (at corrected age where that applies), computes
 * each one's z-score and percentile from the reference that covers it,
 * picks a standard age range that holds them all, and samples the curves.
 * Measurements that no reference covers (head circumference after 36
 * months, a corrected age before the due date) keep NAN z-scores.
 *
 * Returns: (transfer full): the chart data; free with care_growth_chart_data_free()
 */
CareGrowthChartData *
care_growth_chart_data_new (CareLms                     *lms,
                            CareLmsChart                 chart,
                            const CareGrowthChild       *child,
                            const CareGrowthMeasurement *measurements,
                            guint                        n_measurements,
                            GTimeZone                   *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  CareGrowthChartData *data;
  double x_min = 0, x_max = 24;

  g_return_val_if_fail (CARE_IS_LMS (lms), NULL);
  g_return_val_if_fail (child != NULL && g_date_valid (&child->birth), NULL);
  g_return_val_if_fail (measurements != NULL || n_measurements == 0, NULL);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  data = g_new0 (CareGrowthChartData, 1);
  data->chart = chart;
  data->sex = child->sex;
  data->focus_index = -1;
  data->curves = g_array_new (FALSE, FALSE, sizeof (CareGrowthCurve));
  data->points = g_array_new (FALSE, FALSE, sizeof (CareGrowthPoint));

  for (guint i = 0; i < n_measurements; i++)
    {
      const CareGrowthMeasurement *m = &measurements[i];
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (m->time);
      g_autoptr(GDateTime) dt = NULL;
      CareGrowthPoint p = { 0, };
      GDate date;
      double plotted_age;
      int y, mo, d;

      if (utc == NULL || !isfinite (m->value))
        continue;
      dt = g_date_time_to_timezone (utc, tz);
      g_date_time_get_ymd (dt, &y, &mo, &d);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, mo, y);

      p.time = m->time;
      p.age_months = care_growth_age_months (&child->birth, &date);
      plotted_age = care_growth_corrected_age_months (p.age_months, child->gestational_weeks,
                                                      &p.corrected);
      p.x = chart == CARE_LMS_WEIGHT_FOR_LENGTH ? m->length_cm : plotted_age;
      p.value = m->value;
      p.source = care_lms_source_for_age (MAX (plotted_age, 0));
      p.z = NAN;
      p.percentile = NAN;
      if (!isfinite (p.x) || p.age_months < 0)
        continue;

      if (plotted_age >= 0 &&
          care_lms_z_score (lms, chart, child->sex, plotted_age,
                            chart == CARE_LMS_WEIGHT_FOR_LENGTH ? m->length_cm : NAN,
                            m->value, &p.z))
        p.percentile = care_lms_percentile_from_z (p.z);

      data->corrected = data->corrected || p.corrected;
      g_array_append_val (data->points, p);
    }

  /* Measurements arrive in cache order; the line joins them in time order. */
  g_array_sort (data->points, compare_points_by_time);

  if (chart == CARE_LMS_WEIGHT_FOR_LENGTH)
    {
      /* One reference per chart: the latest measurement's age picks it. */
      double latest_age = data->points->len > 0
        ? g_array_index (data->points, CareGrowthPoint, data->points->len - 1).age_months : 0;

      data->curve_source = care_lms_source_for_age (latest_age);
      /* CDC's weight-for-stature chart is for standing heights from age
       * 2: lengths taken lying down before then are not drawn on it. */
      if (data->curve_source == CARE_LMS_SOURCE_CDC)
        for (guint i = data->points->len; i > 0; i--)
          if (g_array_index (data->points, CareGrowthPoint, i - 1).age_months < SWITCH_MONTHS)
            {
              g_array_remove_index (data->points, i - 1);
              data->n_left_out++;
            }
      if (!care_lms_get_range (lms, data->curve_source, chart, child->sex, &x_min, &x_max))
        {
          x_min = 45;
          x_max = 110;
        }
    }
  else
    {
      default_age_range (data->points, &x_min, &x_max);
      if (chart == CARE_LMS_HEAD_FOR_AGE)
        x_max = MIN (x_max, 36);
      data->curve_source = care_lms_source_for_age (x_min);
    }

  care_growth_chart_data_set_range (data, lms, x_min, x_max);
  return data;
}

/**
 * care_growth_chart_data_free:
 * @data: (transfer full): chart data
 */
void
care_growth_chart_data_free (CareGrowthChartData *data)
{
  if (data == NULL)
    return;

  free_curves (data->curves);
  g_array_unref (data->points);
  g_free (data);
}

/* Why a point has no percentile, in words a parent reads. */
static const char *
no_percentile_reason (const CareGrowthChartData *data,
                          const CareGrowthPoint     *p)
{
  if (p->corrected && p->x < 0)
    return _("No percentile: taken before the due date");
  if (data->chart == CARE_LMS_HEAD_FOR_AGE && p->x > 36)
    return _("No percentile: head size is charted only to 36 months");
  if (data->chart == CARE_LMS_WEIGHT_FOR_LENGTH)
    return _("No percentile: this length or height is outside the chart");
  if (data->chart == CARE_LMS_BMI_FOR_AGE && p->x < SWITCH_MONTHS && data->curve_source == CARE_LMS_SOURCE_CDC)
    return _("No percentile: BMI is charted from age 2");
  return _("No percentile: this age is outside the chart");
}

static char *
format_z (double z)
{
  /* A true minus sign reads better than a hyphen, and screen readers say "minus". */
  if (z < -0.005)
    return g_strdup_printf ("−%.2f", -z);
  return g_strdup_printf ("%.2f", fabs (z) < 0.005 ? 0.0 : z);
}

/**
 * care_growth_chart_dup_point_label:
 * @data: chart data
 * @index: a point
 * @tz: (nullable): the time zone for the date; %NULL for local
 * @out_detail: (out) (optional) (transfer full): the second line: age, z-score, date
 *
 * Returns: (transfer full): the first line: "9.6 kg, 62nd percentile"
 */
char *
care_growth_chart_dup_point_label (const CareGrowthChartData *data,
                                   guint                      index,
                                   GTimeZone                 *tz,
                                   char                     **out_detail)
{
  const CareGrowthPoint *p;
  g_autofree char *value = NULL;
  g_autofree char *percentile = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < data->points->len, NULL);

  p = &g_array_index (data->points, CareGrowthPoint, index);
  value = care_chart_format_measurement (p->value, care_growth_chart_unit (data->chart));

  if (out_detail != NULL)
    {
      g_autofree char *age = care_growth_format_age (p->age_months);
      g_autofree char *date = care_chart_format_date (p->time, tz);

      if (isnan (p->z))
        {
          const char *reason = no_percentile_reason (data, p);

          /* Translators: a growth point's details: age, then date, then why it has no percentile */
          *out_detail = g_strdup_printf (_("Age %1$s · %2$s · %3$s"), age, date, reason);
        }
      else
        {
          g_autofree char *z = format_z (p->z);

          if (p->corrected)
            {
              g_autofree char *corrected = care_growth_format_age (MAX (p->x, 0));

              /* Translators: a growth point's details: age, corrected age, z-score, date */
              *out_detail = g_strdup_printf (_("Age %1$s (corrected %2$s) · z-score %3$s · %4$s"),
                                             age, corrected, z, date);
            }
          else
            /* Translators: a growth point's details: age, z-score, date */
            *out_detail = g_strdup_printf (_("Age %1$s · z-score %2$s · %3$s"), age, z, date);
        }
    }

  if (isnan (p->percentile))
    return g_steal_pointer (&value);

  percentile = care_growth_format_percentile (p->percentile);
  /* Translators: a measurement and its percentile: "9.6 kg, 62nd percentile" */
  return g_strdup_printf (_("%1$s, %2$s"), value, percentile);
}

/**
 * care_growth_chart_data_describe:
 * @data: chart data
 *
 * The chart's text alternative: "Weight for age: 8 measurements from age
 * 3 days to 18 months. Latest 11.2 kg at 18 months, 62nd percentile
 * (z-score 0.31)."
 *
 * Returns: (transfer full): the description
 */
char *
care_growth_chart_data_describe (const CareGrowthChartData *data)
{
  g_autofree char *span = NULL;
  g_autofree char *latest = NULL;
  const CareGrowthPoint *first, *last;
  const char *title;
  guint n;

  g_return_val_if_fail (data != NULL, NULL);

  title = care_growth_chart_title (data->chart);
  n = data->points->len;
  if (n == 0)
    /* Translators: %1$s is a growth chart's name, "Weight for age" */
    return g_strdup_printf (_("%1$s: no measurements."), title);

  first = &g_array_index (data->points, CareGrowthPoint, 0);
  last = &g_array_index (data->points, CareGrowthPoint, n - 1);

  if (n == 1)
    {
      g_autofree char *age = care_growth_format_age (first->age_months);

      /* Translators: %1$s is a growth chart's name, %2$s an age ("9 months") */
      span = g_strdup_printf (_("%1$s: one measurement, at age %2$s."), title, age);
    }
  else
    {
      g_autofree char *from = care_growth_format_age (first->age_months);
      g_autofree char *to = care_growth_format_age (last->age_months);

      /* Translators: %1$s is a growth chart's name, %2$u a count, %3$s and %4$s ages */
      span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%1$s: %2$u measurement from age %3$s to %4$s.",
                                           "%1$s: %2$u measurements from age %3$s to %4$s.", n),
                              title, n, from, to);
    }

  {
    g_autofree char *value = care_chart_format_measurement (last->value,
                                                            care_growth_chart_unit (data->chart));
    g_autofree char *age = care_growth_format_age (last->age_months);

    if (isnan (last->percentile))
      /* Translators: %1$s is a measurement ("11.2 kg"), %2$s an age */
      latest = g_strdup_printf (_("Latest %1$s at %2$s, outside the reference tables."), value, age);
    else
      {
        g_autofree char *percentile = care_growth_format_percentile (last->percentile);
        g_autofree char *z = format_z (last->z);

        /* Translators: %1$s is a measurement, %2$s an age, %3$s a percentile
         * ("62nd percentile"), %4$s a z-score */
        latest = g_strdup_printf (_("Latest %1$s at %2$s, %3$s (z-score %4$s)."),
                                  value, age, percentile, z);
      }
  }

  if (data->n_left_out > 0)
    {
      /* Translators: %u lengths measured lying down before age 2, left off the weight-for-stature chart */
      g_autofree char *left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u length measured lying down before age 2 is "
                                                                "not on this chart.",
                                                                "%u lengths measured lying down before age 2 are "
                                                                "not on this chart.", data->n_left_out),
                                                   data->n_left_out);

      return g_strjoin (" ", span, latest, left_out, NULL);
    }
  return g_strjoin (" ", span, latest, NULL);
}
