/* care-growth-data.h — what a growth chart shows: curves and a child's points
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "care-lms.h"

G_BEGIN_DECLS

/* The percentiles a growth chart draws, as CDC's charts do. */
#define CARE_GROWTH_N_PERCENTILES 9
extern const double care_growth_percentiles[CARE_GROWTH_N_PERCENTILES];

/* Babies born before 37 weeks have their age corrected until 24 months. */
#define CARE_GROWTH_PRETERM_WEEKS 37.0
#define CARE_GROWTH_TERM_WEEKS    40.0
#define CARE_GROWTH_CORRECT_UNTIL_MONTHS 24.0

/**
 * CareGrowthChild:
 * @birth: the date of birth
 * @sex: the sex the reference tables use
 * @gestational_weeks: gestational age at birth in weeks, or 0 when unknown
 *
 * Who a growth chart is for.
 */
typedef struct
{
  GDate      birth;
  CareLmsSex sex;
  double     gestational_weeks;
} CareGrowthChild;

/**
 * CareGrowthMeasurement:
 * @time: when it was taken (Unix seconds)
 * @value: in kg (weight), cm (length, height, head) or kg/m² (BMI)
 * @length_cm: for weight-for-length, the length or height taken with it;
 *   NAN otherwise
 *
 * One measurement to place on a growth chart.
 */
typedef struct
{
  gint64 time;
  double value;
  double length_cm;
} CareGrowthMeasurement;

/**
 * CareGrowthCurve:
 * @percentile: which (3 … 97)
 * @xs: (element-type double): ages in months, or lengths in cm
 * @ys: (element-type double): the measurement there; NAN breaks the line
 *   (where the chart switches from WHO to CDC)
 *
 * One percentile line.
 */
typedef struct
{
  double  percentile;
  GArray *xs;
  GArray *ys;
} CareGrowthCurve;

/**
 * CareGrowthPoint:
 * @time: when it was taken
 * @age_months: chronological age in months
 * @x: where it is plotted: corrected age, or length for weight-for-length
 * @value: the measurement
 * @z: the z-score, or NAN when the reference does not cover it
 * @percentile: 0–100, or NAN
 * @corrected: whether @x is a corrected age
 * @source: the reference that gave @z
 *
 * One of the child's measurements, placed on the chart.
 */
typedef struct
{
  gint64        time;
  double        age_months;
  double        x;
  double        value;
  double        z;
  double        percentile;
  gboolean      corrected;
  CareLmsSource source;
} CareGrowthPoint;

/**
 * CareGrowthChartData:
 * @chart: which chart
 * @sex: the child's sex
 * @x_min: the x-axis start (months, or cm for weight-for-length)
 * @x_max: its end
 * @curve_source: for weight-for-length, whose curves are drawn; for age
 *   charts WHO is drawn under 24 months and CDC from 24
 * @curves: (element-type CareGrowthCurve): the percentile lines, 3rd first
 * @points: (element-type CareGrowthPoint): the child's points, by time
 * @focus_index: the highlighted point, or -1
 * @corrected: whether some point uses corrected age
 * @n_left_out: measurements not drawn because they belong on another chart
 *   (lengths taken lying down before age 2 on the weight-for-stature chart)
 *
 * Everything care_growth_chart_draw() needs.
 */
typedef struct
{
  CareLmsChart   chart;
  CareLmsSex     sex;
  double         x_min;
  double         x_max;
  CareLmsSource  curve_source;
  GArray        *curves;
  GArray        *points;
  int            focus_index;
  gboolean       corrected;
  guint          n_left_out;
} CareGrowthChartData;

double               care_growth_age_months          (const GDate            *birth,
                                                      const GDate            *date);
double               care_growth_corrected_age_months (double                 age_months,
                                                       double                 gestational_weeks,
                                                       gboolean              *out_corrected);
const char          *care_growth_chart_unit          (CareLmsChart            chart);
const char          *care_growth_chart_title         (CareLmsChart            chart);

CareGrowthChartData *care_growth_chart_data_new      (CareLms                *lms,
                                                      CareLmsChart            chart,
                                                      const CareGrowthChild  *child,
                                                      const CareGrowthMeasurement *measurements,
                                                      guint                   n_measurements,
                                                      GTimeZone              *tz);
void                 care_growth_chart_data_set_range (CareGrowthChartData   *data,
                                                       CareLms               *lms,
                                                       double                 x_min,
                                                       double                 x_max);
void                 care_growth_chart_data_free     (CareGrowthChartData    *data);
char                *care_growth_chart_data_describe (const CareGrowthChartData *data);
char                *care_growth_chart_dup_point_label (const CareGrowthChartData *data,
                                                        guint                  index,
                                                        GTimeZone             *tz,
                                                        char                 **out_detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareGrowthChartData, care_growth_chart_data_free)

G_END_DECLS
