/* test-charts-growth.c — growth-chart data: corrected age, WHO/CDC, curves, points
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-chart-text.h"
#include "care-growth-data.h"

#include <math.h>
#include <string.h>

typedef struct
{
  CareLms         *lms;
  GTimeZone       *tz;
  CareGrowthChild  child;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->lms = care_lms_new (NULL, &error);
  g_assert_no_error (error);
  fixture->tz = g_time_zone_new_utc ();
  g_date_clear (&fixture->child.birth, 1);
  g_date_set_dmy (&fixture->child.birth, 1, G_DATE_JANUARY, 2024);
  fixture->child.sex = CARE_LMS_SEX_MALE;
  fixture->child.gestational_weeks = 0;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->lms);
  g_time_zone_unref (fixture->tz);
}

/* Noon UTC, @days after the fixture's birth date. */
static gint64
at_day (Fixture *fixture,
        int      days)
{
  g_autoptr(GDateTime) birth = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);

  return g_date_time_to_unix (birth) + (gint64) days * 86400;
}

static void
test_corrected_age (void)
{
  gboolean corrected = FALSE;
  double early = 8 * 7 / CARE_LMS_DAYS_PER_MONTH;

  /* Born at 32 weeks: 8 weeks early. */
  g_assert_cmpfloat_with_epsilon (care_growth_corrected_age_months (6, 32, &corrected), 6 - early, 1e-12);
  g_assert_true (corrected);
  /* Until 24 months of chronological age only. */
  g_assert_cmpfloat (care_growth_corrected_age_months (24, 32, &corrected), ==, 24);
  g_assert_false (corrected);
  g_assert_cmpfloat_with_epsilon (care_growth_corrected_age_months (23.9, 32, &corrected), 23.9 - early, 1e-12);
  g_assert_true (corrected);
  /* 37 weeks is term; unknown gestation is not corrected. */
  g_assert_cmpfloat (care_growth_corrected_age_months (6, 37, &corrected), ==, 6);
  g_assert_false (corrected);
  g_assert_cmpfloat (care_growth_corrected_age_months (6, 36.9, &corrected), <, 6);
  g_assert_cmpfloat (care_growth_corrected_age_months (6, 0, &corrected), ==, 6);
  g_assert_false (corrected);
  /* Before the due date the corrected age is negative. */
  g_assert_cmpfloat (care_growth_corrected_age_months (1, 28, NULL), <, 0);
}

static void
test_age_months (void)
{
  GDate birth, date;

  g_date_clear (&birth, 1);
  g_date_clear (&date, 1);
  g_date_set_dmy (&birth, 1, 1, 2024);
  g_date_set_dmy (&date, 1, 1, 2025);
  g_assert_cmpfloat_with_epsilon (care_growth_age_months (&birth, &date), 366 / 30.4375, 1e-12);
}

static void
test_who_cdc_switch (Fixture       *fixture,
                     gconstpointer  data)
{
  CareGrowthMeasurement m[] = {
    { 0, 10.5, NAN },
    { 0, 13.0, NAN },
    { 0, 9.0, NAN },
  };
  g_autoptr(CareGrowthChartData) chart = NULL;
  const CareGrowthPoint *p;
  CareLmsParams params;
  double z;
  gboolean has_break = FALSE;
  const CareGrowthCurve *median = NULL;

  /* Given out of order: 730 days is 23.98 months, 731 is 24.02. */
  m[0].time = at_day (fixture, 730);
  m[1].time = at_day (fixture, 731);
  m[2].time = at_day (fixture, 365);
  chart = care_growth_chart_data_new (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, &fixture->child,
                                      m, G_N_ELEMENTS (m), fixture->tz);

  g_assert_cmpuint (chart->points->len, ==, 3);
  p = &g_array_index (chart->points, CareGrowthPoint, 0);
  g_assert_cmpfloat (p->value, ==, 9.0);

  p = &g_array_index (chart->points, CareGrowthPoint, 1);
  g_assert_cmpfloat_with_epsilon (p->age_months, 730 / 30.4375, 1e-12);
  g_assert_cmpint (p->source, ==, CARE_LMS_SOURCE_WHO);
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_WHO, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_MALE, p->age_months, &params));
  z = care_lms_params_z_score_restricted (&params, 10.5);
  g_assert_cmpfloat_with_epsilon (p->z, z, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->percentile, care_lms_percentile_from_z (z), 1e-12);

  p = &g_array_index (chart->points, CareGrowthPoint, 2);
  g_assert_cmpint (p->source, ==, CARE_LMS_SOURCE_CDC);
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_MALE, p->age_months, &params));
  g_assert_cmpfloat_with_epsilon (p->z, care_lms_params_z_score (&params, 13.0), 1e-12);

  /* A range holding 24 months: 0–36, WHO curves then CDC, with a break. */
  g_assert_cmpfloat (chart->x_min, ==, 0);
  g_assert_cmpfloat (chart->x_max, ==, 36);
  g_assert_cmpuint (chart->curves->len, ==, CARE_GROWTH_N_PERCENTILES);
  for (guint i = 0; i < chart->curves->len; i++)
    if (g_array_index (chart->curves, CareGrowthCurve, i).percentile == 50)
      median = &g_array_index (chart->curves, CareGrowthCurve, i);
  g_assert_nonnull (median);
  for (guint k = 0; k < median->xs->len; k++)
    {
      double x = g_array_index (median->xs, double, k);
      double y = g_array_index (median->ys, double, k);

      if (isnan (y))
        {
          has_break = TRUE;
          g_assert_cmpfloat (x, ==, 24);
          continue;
        }
      /* The median is M: WHO's before 24 months, CDC's after. */
      g_assert_true (care_lms_get_params (fixture->lms,
                                          has_break ? CARE_LMS_SOURCE_CDC : CARE_LMS_SOURCE_WHO,
                                          CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, x, &params));
      g_assert_cmpfloat_with_epsilon (y, params.m, 1e-9);
    }
  g_assert_true (has_break);
  /* The WHO anchor: boys' weight at birth, M = 3.3464 kg. */
  g_assert_cmpfloat (g_array_index (median->xs, double, 0), ==, 0);
  g_assert_cmpfloat_with_epsilon (g_array_index (median->ys, double, 0), 3.3464, 1e-9);
}

static void
test_sixtieth_percentile (Fixture       *fixture,
                          gconstpointer  data)
{
  double z60 = care_lms_z_from_percentile (60);
  CareGrowthMeasurement m[8];
  g_autoptr(CareGrowthChartData) chart = NULL;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *description = NULL;
  int days[8] = { 3, 30, 61, 122, 183, 274, 365, 548 };

  fixture->child.sex = CARE_LMS_SEX_FEMALE;
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    {
      m[i].time = at_day (fixture, days[i]);
      m[i].length_cm = NAN;
      g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_FEMALE,
                                           days[i] / 30.4375, NAN, z60, &m[i].value));
    }

  chart = care_growth_chart_data_new (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, &fixture->child,
                                      m, G_N_ELEMENTS (m), fixture->tz);
  g_assert_cmpfloat (chart->x_max, ==, 24);
  for (guint i = 0; i < chart->points->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (chart->points, CareGrowthPoint, i).percentile, 60, 1e-6);

  label = care_growth_chart_dup_point_label (chart, 7, fixture->tz, &detail);
  g_assert_true (g_str_has_suffix (label, " cm, 60th percentile"));
  g_assert_cmpstr (detail, ==, "Age 18 months · z-score 0.25 · Jul 2, 2025");

  description = care_growth_chart_data_describe (chart);
  g_assert_true (g_str_has_prefix (description,
                                   "Length or height for age: 8 measurements from age 3 days to 18 months. Latest "));
  g_assert_true (g_str_has_suffix (description, " cm at 18 months, 60th percentile (z-score 0.25)."));
}

static void
test_preterm (Fixture       *fixture,
              gconstpointer  data)
{
  CareGrowthMeasurement m[] = { { 0, 6.0, NAN }, { 0, 14.0, NAN } };
  g_autoptr(CareGrowthChartData) chart = NULL;
  const CareGrowthPoint *p;
  double z;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;

  fixture->child.gestational_weeks = 30;   /* 10 weeks early */
  m[0].time = at_day (fixture, 183);
  m[1].time = at_day (fixture, 800);
  chart = care_growth_chart_data_new (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, &fixture->child,
                                      m, G_N_ELEMENTS (m), fixture->tz);
  g_assert_true (chart->corrected);

  p = &g_array_index (chart->points, CareGrowthPoint, 0);
  g_assert_true (p->corrected);
  g_assert_cmpfloat_with_epsilon (p->x, (183 - 70) / 30.4375, 1e-9);
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE,
                                   p->x, NAN, 6.0, &z));
  g_assert_cmpfloat_with_epsilon (p->z, z, 1e-12);
  label = care_growth_chart_dup_point_label (chart, 0, fixture->tz, &detail);
  g_assert_true (g_str_has_prefix (detail, "Age 6 months (corrected 3 months) · z-score "));

  /* After 24 months, chronological age again. */
  p = &g_array_index (chart->points, CareGrowthPoint, 1);
  g_assert_false (p->corrected);
  g_assert_cmpfloat_with_epsilon (p->x, 800 / 30.4375, 1e-9);
}

static void
test_ranges (Fixture       *fixture,
             gconstpointer  data)
{
  CareGrowthMeasurement old[] = { { 0, 30.0, NAN }, { 0, 50.0, NAN } };
  CareGrowthMeasurement toddler[] = { { 0, 48.0, NAN }, { 0, 50.0, NAN } };
  CareGrowthMeasurement wfl[] = { { 0, 8.5, 75.0 } };
  g_autoptr(CareGrowthChartData) big = NULL;
  g_autoptr(CareGrowthChartData) head = NULL;
  g_autoptr(CareGrowthChartData) by_length = NULL;
  g_autoptr(CareGrowthChartData) empty = NULL;
  g_autofree char *empty_text = NULL;
  const CareGrowthPoint *p;

  old[0].time = at_day (fixture, 365 * 8);
  old[1].time = at_day (fixture, 365 * 12);
  big = care_growth_chart_data_new (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, &fixture->child,
                                    old, 2, fixture->tz);
  g_assert_cmpfloat (big->x_min, ==, 24);
  g_assert_cmpfloat (big->x_max, ==, 240);

  /* Head circumference: CDC stops at 36 months; a later point has no z. */
  toddler[0].time = at_day (fixture, 500);
  toddler[1].time = at_day (fixture, 1500);
  head = care_growth_chart_data_new (fixture->lms, CARE_LMS_HEAD_FOR_AGE, &fixture->child,
                                     toddler, 2, fixture->tz);
  g_assert_cmpfloat (head->x_max, ==, 36);
  g_assert_false (isnan (g_array_index (head->points, CareGrowthPoint, 0).z));
  g_assert_true (isnan (g_array_index (head->points, CareGrowthPoint, 1).z));
  {
    g_autofree char *detail = NULL;
    g_autofree char *label = care_growth_chart_dup_point_label (head, 1, fixture->tz, &detail);

    /* No percentile, and the reason in words. */
    g_assert_null (strstr (label, "percentile"));
    g_assert_true (g_str_has_suffix (detail, " · No percentile: head size is charted only to 36 months"));
  }

  /* Weight-for-length: README case 7, boy 75 cm, 8.5 kg → 8.51th percentile (WHO, under 2). */
  wfl[0].time = at_day (fixture, 300);
  by_length = care_growth_chart_data_new (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, &fixture->child,
                                          wfl, 1, fixture->tz);
  g_assert_cmpint (by_length->curve_source, ==, CARE_LMS_SOURCE_WHO);
  g_assert_cmpfloat (by_length->x_min, ==, 45);
  g_assert_cmpfloat (by_length->x_max, ==, 110);
  p = &g_array_index (by_length->points, CareGrowthPoint, 0);
  g_assert_cmpfloat (p->x, ==, 75);
  g_assert_cmpfloat_with_epsilon (p->z, -1.3717, 5e-4);
  g_assert_cmpfloat_with_epsilon (p->percentile, 8.51, 5e-3);

  /* A three-year-old's chart is CDC weight-for-stature: the lengths
   * taken lying down before age 2 are not drawn on it. */
  {
    CareGrowthMeasurement mixed[] = { { 0, 8.5, 75.0 }, { 0, 11.0, 84.0 }, { 0, 14.5, 96.0 } };
    g_autoptr(CareGrowthChartData) stature = NULL;

    mixed[0].time = at_day (fixture, 300);
    mixed[1].time = at_day (fixture, 600);
    mixed[2].time = at_day (fixture, 1100);
    stature = care_growth_chart_data_new (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, &fixture->child,
                                          mixed, G_N_ELEMENTS (mixed), fixture->tz);
    g_assert_cmpint (stature->curve_source, ==, CARE_LMS_SOURCE_CDC);
    g_assert_cmpuint (stature->points->len, ==, 1);
    g_assert_cmpuint (stature->n_left_out, ==, 2);
    g_assert_cmpfloat (g_array_index (stature->points, CareGrowthPoint, 0).x, ==, 96.0);
    {
      g_autofree char *text = care_growth_chart_data_describe (stature);

      g_assert_true (g_str_has_suffix (text, " 2 lengths measured lying down before age 2 are not on this chart."));
    }
  }

  empty = care_growth_chart_data_new (fixture->lms, CARE_LMS_BMI_FOR_AGE, &fixture->child,
                                      NULL, 0, fixture->tz);
  g_assert_cmpuint (empty->points->len, ==, 0);
  g_assert_cmpfloat (empty->x_max, ==, 24);
  empty_text = care_growth_chart_data_describe (empty);
  g_assert_cmpstr (empty_text, ==, "BMI for age: no measurements.");
}

static void
test_words (void)
{
  struct { double p; const char *text; } cases[] = {
    { 0.5, "below the 1st percentile" }, { 1, "1st percentile" }, { 2.4, "2nd percentile" },
    { 3, "3rd percentile" }, { 11, "11th percentile" }, { 12.2, "12th percentile" },
    { 13, "13th percentile" }, { 21, "21st percentile" }, { 26.28, "26th percentile" },
    { 52, "52nd percentile" }, { 59.5, "60th percentile" }, { 99.2, "above the 99th percentile" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = care_growth_format_percentile (cases[i].p);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *a = care_growth_format_age (0.2);
    g_autofree char *b = care_growth_format_age (1);
    g_autofree char *c = care_growth_format_age (27.5);
    g_autofree char *d = care_growth_format_age (36);

    g_assert_cmpstr (a, ==, "6 days");
    g_assert_cmpstr (b, ==, "1 month");
    g_assert_cmpstr (c, ==, "2 years, 3 months");
    g_assert_cmpstr (d, ==, "3 years");
  }

  g_assert_nonnull (strstr (care_growth_percentile_explanation (), "60th percentile"));
  g_assert_nonnull (strstr (care_growth_corrected_age_explanation (), "corrected age"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/charts/growth/corrected-age", test_corrected_age);
  g_test_add_func ("/care/charts/growth/age-months", test_age_months);
  g_test_add ("/care/charts/growth/who-cdc-switch", Fixture, NULL,
              fixture_setup, test_who_cdc_switch, fixture_teardown);
  g_test_add ("/care/charts/growth/sixtieth-percentile", Fixture, NULL,
              fixture_setup, test_sixtieth_percentile, fixture_teardown);
  g_test_add ("/care/charts/growth/preterm", Fixture, NULL,
              fixture_setup, test_preterm, fixture_teardown);
  g_test_add ("/care/charts/growth/ranges", Fixture, NULL,
              fixture_setup, test_ranges, fixture_teardown);
  g_test_add_func ("/care/charts/growth/words", test_words);

  return g_test_run ();
}
