/* care-lms.h — growth-chart maths on the WHO and CDC LMS tables
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CareLmsSex:
 * @CARE_LMS_SEX_MALE: boys (1, as the tables code it)
 * @CARE_LMS_SEX_FEMALE: girls (2)
 */
typedef enum
{
  CARE_LMS_SEX_MALE = 1,
  CARE_LMS_SEX_FEMALE = 2,
} CareLmsSex;

/**
 * CareLmsChart:
 * @CARE_LMS_WEIGHT_FOR_AGE: weight (kg) by age
 * @CARE_LMS_LENGTH_FOR_AGE: recumbent length (WHO, under 24 months) or
 *   standing height (CDC, from 24 months), in cm, by age
 * @CARE_LMS_HEAD_FOR_AGE: head circumference (cm) by age, to 36 months
 * @CARE_LMS_WEIGHT_FOR_LENGTH: weight (kg) by length (WHO, under 24
 *   months) or by stature (CDC, from 24 months) in cm
 * @CARE_LMS_BMI_FOR_AGE: body mass index (kg/m²) by age
 *
 * The charts Carebook draws.
 */
typedef enum
{
  CARE_LMS_WEIGHT_FOR_AGE,
  CARE_LMS_LENGTH_FOR_AGE,
  CARE_LMS_HEAD_FOR_AGE,
  CARE_LMS_WEIGHT_FOR_LENGTH,
  CARE_LMS_BMI_FOR_AGE,
} CareLmsChart;

/**
 * CareLmsSource:
 * @CARE_LMS_SOURCE_WHO: WHO Child Growth Standards 2006
 * @CARE_LMS_SOURCE_CDC: CDC 2000 growth charts
 */
typedef enum
{
  CARE_LMS_SOURCE_WHO,
  CARE_LMS_SOURCE_CDC,
} CareLmsSource;

/**
 * CareLmsParams:
 * @l: the Box-Cox power
 * @m: the median
 * @s: the coefficient of variation
 *
 * One point of a growth reference.
 */
typedef struct
{
  double l;
  double m;
  double s;
} CareLmsParams;

/* Age in months as the tables count it: days / 30.4375. */
#define CARE_LMS_DAYS_PER_MONTH 30.4375

double        care_lms_params_z_score            (const CareLmsParams *params,
                                                  double               measurement);
double        care_lms_params_z_score_restricted (const CareLmsParams *params,
                                                  double               measurement);
double        care_lms_params_measurement        (const CareLmsParams *params,
                                                  double               z);
double        care_lms_percentile_from_z         (double               z);
double        care_lms_z_from_percentile         (double               percentile);
CareLmsSource care_lms_source_for_age            (double               age_months);
gboolean      care_lms_chart_is_restricted       (CareLmsSource        source,
                                                  CareLmsChart         chart);

#define CARE_TYPE_LMS (care_lms_get_type ())

G_DECLARE_FINAL_TYPE (CareLms, care_lms, CARE, LMS, GObject)

CareLms  *care_lms_new            (const char          *dir,
                                   GError             **error);
gboolean  care_lms_get_params     (CareLms             *self,
                                   CareLmsSource        source,
                                   CareLmsChart         chart,
                                   CareLmsSex           sex,
                                   double               x,
                                   CareLmsParams       *out_params);
gboolean  care_lms_get_range      (CareLms             *self,
                                   CareLmsSource        source,
                                   CareLmsChart         chart,
                                   CareLmsSex           sex,
                                   double              *out_min,
                                   double              *out_max);
gboolean  care_lms_lookup         (CareLms             *self,
                                   CareLmsChart         chart,
                                   CareLmsSex           sex,
                                   double               age_months,
                                   double               length_cm,
                                   CareLmsParams       *out_params,
                                   CareLmsSource       *out_source);
gboolean  care_lms_z_score        (CareLms             *self,
                                   CareLmsChart         chart,
                                   CareLmsSex           sex,
                                   double               age_months,
                                   double               length_cm,
                                   double               measurement,
                                   double              *out_z);
gboolean  care_lms_measurement    (CareLms             *self,
                                   CareLmsChart         chart,
                                   CareLmsSex           sex,
                                   double               age_months,
                                   double               length_cm,
                                   double               z,
                                   double              *out_measurement);

G_END_DECLS
