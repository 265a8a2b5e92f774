/* care-lms.c — growth-chart maths on the WHO and CDC LMS tables
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A growth reference gives, for each age (or length), three numbers: L
 * (the Box-Cox power that makes the measurement normal), M (the median)
 * and S (the coefficient of variation). From them a measurement has a
 * z-score and a percentile, and a percentile curve has a measurement at
 * every age. Between table rows L, M and S are interpolated linearly, as
 * CDC and WHO Anthro do.
 *
 * As CDC recommends for US practice, children under 24 months are measured
 * against the WHO standards and older ones against the CDC 2000 charts.
 * The tables ship in data/growth and are also compiled into core, so the
 * demo portal and the charts work uninstalled.
 */
#include "config.h"

#include "care-lms.h"
#include "care-growth-resources.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#define N_SOURCES 2
#define N_CHARTS  5
#define N_SEXES   2

#define RESOURCE_DIR "/org/carebook/Carebook/core/growth/"

typedef struct
{
  double x;
  double l;
  double m;
  double s;
} Row;

struct _CareLms
{
  GObject  parent_instance;

  /* Rows ascending by x, per source, chart and sex. */
  GArray  *tables[N_SOURCES][N_CHARTS][N_SEXES];
};

G_DEFINE_FINAL_TYPE (CareLms, care_lms, G_TYPE_OBJECT)

/* Which files hold which chart. The CDC age charts come in two parts,
 * infants (0–36 months, recumbent length) and children (2–20 years,
 * stature); a chart takes the infant rows under 24 months and the child
 * rows from 24, so it spans 0 to 20 years without overlap. */
typedef struct
{
  const char *infant;
  const char *main;
} ChartFiles;

static const ChartFiles files[N_SOURCES][N_CHARTS] = {
  [CARE_LMS_SOURCE_WHO] = {
    [CARE_LMS_WEIGHT_FOR_AGE] = { NULL, "who_wfa_0_60m.csv" },
    [CARE_LMS_LENGTH_FOR_AGE] = { NULL, "who_lfa_0_24m.csv" },
    [CARE_LMS_HEAD_FOR_AGE] = { NULL, "who_hcfa_0_60m.csv" },
    [CARE_LMS_WEIGHT_FOR_LENGTH] = { NULL, "who_wfl_45_110cm.csv" },
    [CARE_LMS_BMI_FOR_AGE] = { NULL, "who_bfa_0_24m.csv" },
  },
  [CARE_LMS_SOURCE_CDC] = {
    [CARE_LMS_WEIGHT_FOR_AGE] = { "cdc_wtageinf.csv", "cdc_wtage.csv" },
    [CARE_LMS_LENGTH_FOR_AGE] = { "cdc_lenageinf.csv", "cdc_statage.csv" },
    [CARE_LMS_HEAD_FOR_AGE] = { NULL, "cdc_hcageinf.csv" },
    [CARE_LMS_WEIGHT_FOR_LENGTH] = { NULL, "cdc_wtstat.csv" },
    [CARE_LMS_BMI_FOR_AGE] = { NULL, "cdc_bmiagerev.csv" },
  },
};

/* Where the infant rows give way to the child rows. */
#define INFANT_END_MONTHS 24.0

/**
 * care_lms_params_z_score:
 * @params: L, M and S at the child's age or length
 * @measurement: the measurement, in the table's unit
 *
 * Returns: the z-score of @measurement, or NAN if it is not positive
 */
double
care_lms_params_z_score (const CareLmsParams *params,
                         double               measurement)
{
  g_return_val_if_fail (params != NULL, NAN);

  if (!(measurement > 0) || !(params->m > 0) || !(params->s > 0))
    return NAN;

  if (fabs (params->l) < 1e-12)
    return log (measurement / params->m) / params->s;

  return (pow (measurement / params->m, params->l) - 1) / (params->l * params->s);
}

/**
 * care_lms_params_measurement:
 * @params: L, M and S at the child's age or length
 * @z: a z-score
 *
 * The inverse of care_lms_params_z_score(): what draws a percentile curve.
 *
 * Returns: the measurement at @z, or NAN where the Box-Cox curve has none
 *   (1 + L·S·z ≤ 0, far out in a tail)
 */
double
care_lms_params_measurement (const CareLmsParams *params,
                             double               z)
{
  double base;

  g_return_val_if_fail (params != NULL, NAN);

  if (fabs (params->l) < 1e-12)
    return params->m * exp (params->s * z);

  base = 1 + params->l * params->s * z;
  if (!(base > 0))
    return NAN;

  return params->m * pow (base, 1 / params->l);
}

/**
 * care_lms_params_z_score_restricted:
 * @params: L, M and S at the child's age or length
 * @measurement: the measurement, in the table's unit
 *
 * WHO's restricted z-score: beyond ±3 the distance is measured in units of
 * the gap between the 2 and 3 SD lines, because the Box-Cox tail stretches
 * (or squeezes) extreme weights. Inside ±3 it equals the plain z-score.
 *
 * Returns: the z-score of @measurement, or NAN if it is not positive
 */
double
care_lms_params_z_score_restricted (const CareLmsParams *params,
                                    double               measurement)
{
  double z = care_lms_params_z_score (params, measurement);

  if (z > 3)
    {
      double sd3 = care_lms_params_measurement (params, 3);
      double sd2 = care_lms_params_measurement (params, 2);

      return 3 + (measurement - sd3) / (sd3 - sd2);
    }
  if (z < -3)
    {
      double sd3neg = care_lms_params_measurement (params, -3);
      double sd2neg = care_lms_params_measurement (params, -2);

      return -3 + (measurement - sd3neg) / (sd2neg - sd3neg);
    }

  return z;
}

/* The inverse of the restricted z-score, so that a curve drawn at z = 3.5
 * passes through the measurement whose restricted z-score is 3.5. */
static double
measurement_restricted (const CareLmsParams *params,
                        double               z)
{
  if (z > 3)
    {
      double sd3 = care_lms_params_measurement (params, 3);
      double sd2 = care_lms_params_measurement (params, 2);

      return sd3 + (z - 3) * (sd3 - sd2);
    }
  if (z < -3)
    {
      double sd3neg = care_lms_params_measurement (params, -3);
      double sd2neg = care_lms_params_measurement (params, -2);

      return sd3neg + (z + 3) * (sd2neg - sd3neg);
    }

  return care_lms_params_measurement (params, z);
}

/**
 * care_lms_percentile_from_z:
 * @z: a z-score
 *
 * Returns: the percentile (0 to 100) of @z on the standard normal curve
 */
double
care_lms_percentile_from_z (double z)
{
  /* erfc keeps its precision in the far tails, where 1 + erf loses it. */
  return 50.0 * erfc (-z / G_SQRT2);
}

/**
 * care_lms_z_from_percentile:
 * @percentile: a percentile, strictly between 0 and 100
 *
 * Returns: the z-score at @percentile (P3 → −1.8808, P97 → 1.8808), or NAN
 *   outside (0, 100)
 */
double
care_lms_z_from_percentile (double percentile)
{
  double low = -40, high = 40;

  if (!(percentile > 0 && percentile < 100))
    return NAN;

  /* Bisection on the CDF: slow in theory, exact to the last bit in 100
   * steps, and it cannot overshoot in the tails as Newton's method can. */
  for (int i = 0; i < 100; i++)
    {
      double mid = (low + high) / 2;

      if (care_lms_percentile_from_z (mid) < percentile)
        low = mid;
      else
        high = mid;
    }

  return (low + high) / 2;
}

/**
 * care_lms_source_for_age:
 * @age_months: age in months (days / %CARE_LMS_DAYS_PER_MONTH)
 *
 * Returns: WHO under 24 months, CDC from 24 months, as CDC recommends
 */
CareLmsSource
care_lms_source_for_age (double age_months)
{
  return age_months < 24 ? CARE_LMS_SOURCE_WHO : CARE_LMS_SOURCE_CDC;
}

/**
 * care_lms_chart_is_restricted:
 * @source: a reference
 * @chart: a chart
 *
 * Returns: %TRUE where z-scores beyond ±3 use WHO's restricted method:
 *   WHO weight-for-age, weight-for-length and BMI-for-age (not length or
 *   head circumference, and no CDC chart)
 */
gboolean
care_lms_chart_is_restricted (CareLmsSource source,
                              CareLmsChart  chart)
{
  return source == CARE_LMS_SOURCE_WHO &&
         (chart == CARE_LMS_WEIGHT_FOR_AGE || chart == CARE_LMS_WEIGHT_FOR_LENGTH ||
          chart == CARE_LMS_BMI_FOR_AGE);
}

static void
care_lms_finalize (GObject *object)
{
  CareLms *self = CARE_LMS (object);

  for (guint i = 0; i < N_SOURCES; i++)
    for (guint j = 0; j < N_CHARTS; j++)
      for (guint k = 0; k < N_SEXES; k++)
        g_clear_pointer (&self->tables[i][j][k], g_array_unref);

  G_OBJECT_CLASS (care_lms_parent_class)->finalize (object);
}

static void
care_lms_class_init (CareLmsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_lms_finalize;
}

static void
care_lms_init (CareLms *self)
{
}

static gboolean
parse_number (const char *text,
              double     *out_value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* Tables are data: a '.' decimal point whatever the user's locale. */
  *out_value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out_value);
}

static gboolean
malformed (const char  *name,
           guint        line,
           GError     **error)
{
  /* Translators: %1$s is a file name such as who_wfa_0_60m.csv, %2$u a line number. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The growth table %1$s is damaged (line %2$u)"), name, line);
  return FALSE;
}

/* Appends the rows of one file with x below @below to the chart's tables. */
static gboolean
parse_table (CareLms       *self,
             CareLmsSource  source,
             CareLmsChart   chart,
             const char    *name,
             const char    *text,
             gsize          length,
             double         below,
             GError       **error)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  g_auto(GStrv) header = NULL;
  GArray **tables = self->tables[source][chart];

  if (lines[0] == NULL)
    return malformed (name, 1, error);

  /* sex, x-axis, L, M, S, then columns we do not need. */
  header = g_strsplit (lines[0], ",", -1);
  if (g_strv_length (header) < 5 || !g_str_equal (header[0], "sex") ||
      !g_str_equal (header[2], "L") || !g_str_equal (header[3], "M") ||
      !g_str_equal (header[4], "S"))
    return malformed (name, 1, error);

  for (guint k = 0; k < N_SEXES; k++)
    if (tables[k] == NULL)
      tables[k] = g_array_new (FALSE, FALSE, sizeof (Row));

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      double sex;
      Row row;
      GArray *table;

      if (lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], ",", 6);
      if (g_strv_length (fields) < 5 ||
          !parse_number (fields[0], &sex) || (sex != 1 && sex != 2) ||
          !parse_number (fields[1], &row.x) || !parse_number (fields[2], &row.l) ||
          !parse_number (fields[3], &row.m) || !parse_number (fields[4], &row.s) ||
          !(row.m > 0) || !(row.s > 0))
        return malformed (name, i + 1, error);
      if (!(row.x < below))
        continue;

      /* Interpolation needs the rows in order, each x once. */
      table = tables[(int)sex - 1];
      if (table->len > 0 && !(row.x > g_array_index (table, Row, table->len - 1).x))
        return malformed (name, i + 1, error);

      g_array_append_val (table, row);
    }

  for (guint k = 0; k < N_SEXES; k++)
    if (tables[k]->len < 2)
      return malformed (name, g_strv_length (lines), error);

  return TRUE;
}

static gboolean
load_file (CareLms        *self,
           const char     *dir,
           CareLmsSource   source,
           CareLmsChart    chart,
           const char     *name,
           double          below,
           GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, error))
        return FALSE;
      bytes = g_bytes_new_take (contents, length);
    }
  else
    {
      g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);

      bytes = g_resource_lookup_data (care_growth_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return FALSE;
    }

  return parse_table (self, source, chart, name, g_bytes_get_data (bytes, NULL),
                      g_bytes_get_size (bytes), below, error);
}

/**
 * care_lms_new:
 * @dir: (nullable): a folder holding the CSV tables (data/growth, or
 *   pkgdatadir/growth once installed); %NULL for the copy built into core
 * @error: return location for a #GError
 *
 * Loads the WHO and CDC tables for every chart: WHO from birth (to 24 or
 * 60 months, by chart), CDC from birth to 20 years for weight and length,
 * to 36 months for head circumference, and from 2 years for BMI.
 *
 * Returns: (transfer full) (nullable): the tables, or %NULL if a file is
 *   missing or damaged
 */
CareLms *
care_lms_new (const char  *dir,
              GError     **error)
{
  g_autoptr(CareLms) self = g_object_new (CARE_TYPE_LMS, NULL);

  for (guint i = 0; i < N_SOURCES; i++)
    for (guint j = 0; j < N_CHARTS; j++)
      {
        const ChartFiles *chart = &files[i][j];

        if ((chart->infant != NULL &&
             !load_file (self, dir, i, j, chart->infant, INFANT_END_MONTHS, error)) ||
            !load_file (self, dir, i, j, chart->main, INFINITY, error))
          return NULL;
      }

  return g_steal_pointer (&self);
}

static GArray *
get_table (CareLms       *self,
           CareLmsSource  source,
           CareLmsChart   chart,
           CareLmsSex     sex)
{
  if ((guint)source >= N_SOURCES || (guint)chart >= N_CHARTS ||
      (sex != CARE_LMS_SEX_MALE && sex != CARE_LMS_SEX_FEMALE))
    return NULL;

  return self->tables[source][chart][sex - 1];
}

/**
 * care_lms_get_params:
 * @self: a #CareLms
 * @source: the reference
 * @chart: the chart
 * @sex: the child's sex
 * @x: the chart's x: age in months, or length/stature in cm for
 *   weight-for-length
 * @out_params: (out): L, M and S at @x, interpolated between rows
 *
 * Returns: %FALSE if @x is outside the table
 */
gboolean
care_lms_get_params (CareLms       *self,
                     CareLmsSource  source,
                     CareLmsChart   chart,
                     CareLmsSex     sex,
                     double         x,
                     CareLmsParams *out_params)
{
  GArray *table;
  const Row *rows;
  guint low, high;
  double t;

  g_return_val_if_fail (CARE_IS_LMS (self), FALSE);
  g_return_val_if_fail (out_params != NULL, FALSE);

  table = get_table (self, source, chart, sex);
  if (table == NULL || !isfinite (x))
    return FALSE;

  rows = (const Row *)table->data;
  if (x < rows[0].x || x > rows[table->len - 1].x)
    return FALSE;

  /* The last row whose x is at or below @x, by bisection. */
  low = 0;
  high = table->len - 1;
  while (high - low > 1)
    {
      guint mid = (low + high) / 2;

      if (rows[mid].x <= x)
        low = mid;
      else
        high = mid;
    }
  if (rows[high].x <= x)
    low = high;

  if (low == table->len - 1 || rows[low].x == x)
    {
      out_params->l = rows[low].l;
      out_params->m = rows[low].m;
      out_params->s = rows[low].s;
      return TRUE;
    }

  t = (x - rows[low].x) / (rows[low + 1].x - rows[low].x);
  out_params->l = rows[low].l + t * (rows[low + 1].l - rows[low].l);
  out_params->m = rows[low].m + t * (rows[low + 1].m - rows[low].m);
  out_params->s = rows[low].s + t * (rows[low + 1].s - rows[low].s);
  return TRUE;
}

/**
 * care_lms_get_range:
 * @self: a #CareLms
 * @source: the reference
 * @chart: the chart
 * @sex: the child's sex
 * @out_min: (out) (optional): the first x of the table
 * @out_max: (out) (optional): the last x of the table
 *
 * Returns: %FALSE for an unknown chart or sex
 */
gboolean
care_lms_get_range (CareLms       *self,
                    CareLmsSource  source,
                    CareLmsChart   chart,
                    CareLmsSex     sex,
                    double        *out_min,
                    double        *out_max)
{
  GArray *table;

  g_return_val_if_fail (CARE_IS_LMS (self), FALSE);

  table = get_table (self, source, chart, sex);
  if (table == NULL)
    return FALSE;

  if (out_min != NULL)
    *out_min = g_array_index (table, Row, 0).x;
  if (out_max != NULL)
    *out_max = g_array_index (table, Row, table->len - 1).x;
  return TRUE;
}

/**
 * care_lms_lookup:
 * @self: a #CareLms
 * @chart: the chart
 * @sex: the child's sex
 * @age_months: the child's age in months (days / %CARE_LMS_DAYS_PER_MONTH)
 * @length_cm: length or stature in cm, for weight-for-length only
 * @out_params: (out): L, M and S
 * @out_source: (out) (optional): the reference used
 *
 * Picks the reference by age (WHO under 24 months, CDC from 24 months) and
 * reads L, M and S at the child's age, or at @length_cm for
 * weight-for-length.
 *
 * Returns: %FALSE when the chart does not cover the child (head
 *   circumference after 36 months, a length outside the table…)
 */
gboolean
care_lms_lookup (CareLms       *self,
                 CareLmsChart   chart,
                 CareLmsSex     sex,
                 double         age_months,
                 double         length_cm,
                 CareLmsParams *out_params,
                 CareLmsSource *out_source)
{
  CareLmsSource source;

  g_return_val_if_fail (CARE_IS_LMS (self), FALSE);

  if (!(age_months >= 0))
    return FALSE;

  source = care_lms_source_for_age (age_months);
  if (out_source != NULL)
    *out_source = source;

  return care_lms_get_params (self, source, chart, sex,
                              chart == CARE_LMS_WEIGHT_FOR_LENGTH ? length_cm : age_months,
                              out_params);
}

/**
 * care_lms_z_score:
 * @self: a #CareLms
 * @chart: the chart
 * @sex: the child's sex
 * @age_months: the child's age in months
 * @length_cm: length or stature in cm, for weight-for-length only
 * @measurement: the measurement in the chart's unit (kg, cm or kg/m²)
 * @out_z: (out): the z-score, restricted beyond ±3 where WHO restricts it
 *
 * Returns: %FALSE when the chart does not cover the child or the
 *   measurement is not positive
 */
gboolean
care_lms_z_score (CareLms      *self,
                  CareLmsChart  chart,
                  CareLmsSex    sex,
                  double        age_months,
                  double        length_cm,
                  double        measurement,
                  double       *out_z)
{
  CareLmsParams params;
  CareLmsSource source;
  double z;

  g_return_val_if_fail (out_z != NULL, FALSE);

  if (!care_lms_lookup (self, chart, sex, age_months, length_cm, &params, &source))
    return FALSE;

  if (care_lms_chart_is_restricted (source, chart))
    z = care_lms_params_z_score_restricted (&params, measurement);
  else
    z = care_lms_params_z_score (&params, measurement);

  if (isnan (z))
    return FALSE;

  *out_z = z;
  return TRUE;
}

/**
 * care_lms_measurement:
 * @self: a #CareLms
 * @chart: the chart
 * @sex: the child's sex
 * @age_months: the child's age in months
 * @length_cm: length or stature in cm, for weight-for-length only
 * @z: a z-score (care_lms_z_from_percentile() turns a percentile into one)
 * @out_measurement: (out): the measurement at @z
 *
 * The inverse of care_lms_z_score(), restricted tails included.
 *
 * Returns: %FALSE when the chart does not cover the child
 */
gboolean
care_lms_measurement (CareLms      *self,
                      CareLmsChart  chart,
                      CareLmsSex    sex,
                      double        age_months,
                      double        length_cm,
                      double        z,
                      double       *out_measurement)
{
  CareLmsParams params;
  CareLmsSource source;
  double value;

  g_return_val_if_fail (out_measurement != NULL, FALSE);

  if (!care_lms_lookup (self, chart, sex, age_months, length_cm, &params, &source))
    return FALSE;

  if (care_lms_chart_is_restricted (source, chart))
    value = measurement_restricted (&params, z);
  else
    value = care_lms_params_measurement (&params, z);

  if (isnan (value))
    return FALSE;

  *out_measurement = value;
  return TRUE;
}
