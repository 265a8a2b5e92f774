/* test-lms.c — growth-chart maths: z-scores, percentiles, tables
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "care-lms.h"

typedef struct
{
  CareLms *lms;
  char    *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* The tables in the source tree, as tests pass them. */
  fixture->dir = g_test_build_filename (G_TEST_DIST, "..", "data", "growth", NULL);
  fixture->lms = care_lms_new (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->lms);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->lms);
  g_free (fixture->dir);
}

/* The README's worked values are rounded: z to 4 decimals, percentiles to 2. */
static void
assert_worked (const CareLmsParams *params,
               double               measurement,
               double               z,
               double               percentile)
{
  double got_z = care_lms_params_z_score (params, measurement);

  g_assert_cmpfloat_with_epsilon (got_z, z, 0.00005);
  g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (got_z), percentile, 0.005);
}

static void
assert_params (const CareLmsParams *params,
               double               l,
               double               m,
               double               s)
{
  g_assert_cmpfloat_with_epsilon (params->l, l, 1e-9);
  g_assert_cmpfloat_with_epsilon (params->m, m, 1e-8);
  g_assert_cmpfloat_with_epsilon (params->s, s, 1e-9);
}

static void
test_worked_cdc (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CareLmsParams params;

  /* 1: CDC stature, boy, 120.5 months, 140.0 cm. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_LENGTH_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 120.5, &params));
  assert_params (&params, 0.505564115, 138.8234114, 0.047610108);
  assert_worked (&params, 140.0, 0.1776, 57.05);

  /* 2: CDC infant weight, girl, 6.5 months, 7.5 kg. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_FEMALE, 6.5, &params));
  assert_params (&params, 0.352164071, 7.454854109, 0.11489384);
  assert_worked (&params, 7.5, 0.0526, 52.10);

  /* 3: CDC BMI, girl, 180.5 months, 25.0 (a negative L). */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_BMI_FOR_AGE,
                                      CARE_LMS_SEX_FEMALE, 180.5, &params));
  assert_params (&params, -2.034893091, 19.9305662, 0.150511645);
  assert_worked (&params, 25.0, 1.2062, 88.61);

  /* 4: CDC head circumference, boy, 12.5 months, 45.0 cm. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_HEAD_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 12.5, &params));
  assert_params (&params, 0.171147024, 46.49853438, 0.027601686);
  assert_worked (&params, 45.0, -1.1835, 11.83);

  /* 8: CDC stature, boy, 123.0 months: halfway between the 122.5 and
   * 123.5 rows, 142.0 cm. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_LENGTH_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 123.0, &params));
  assert_params (&params, 0.515955040, 139.83999015, 0.047904311);
  assert_worked (&params, 142.0, 0.3212, 62.60);

  /* Sanity anchor: the first row of the 2–20 y stature chart. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_LENGTH_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 24.0, &params));
  g_assert_cmpfloat (params.m, ==, 86.45220101);
  g_assert_cmpfloat (care_lms_percentile_from_z (care_lms_params_z_score (&params, params.m)),
                     ==, 50.0);
}

static void
test_worked_who (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CareLmsParams params;
  CareLmsSource source = CARE_LMS_SOURCE_CDC;
  double z = 0;

  /* 5: WHO weight-for-age, boy, 12 months, 9.0 kg, through the age rule. */
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 12, 0,
                                  &params, &source));
  g_assert_cmpint (source, ==, CARE_LMS_SOURCE_WHO);
  assert_params (&params, 0.0644, 9.6479, 0.10925);
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 12, 0,
                                   9.0, &z));
  g_assert_cmpfloat_with_epsilon (z, -0.6349, 0.00005);
  g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (z), 26.28, 0.005);

  /* 6: WHO length-for-age, girl, 6 months, 65.0 cm. */
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_FEMALE, 6, 0,
                                   65.0, &z));
  g_assert_cmpfloat_with_epsilon (z, -0.3226, 0.00005);
  g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (z), 37.35, 0.005);

  /* 7: WHO weight-for-length, boy of 75.0 cm (under 2 years), 8.5 kg. */
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_MALE, 10,
                                  75.0, &params, NULL));
  assert_params (&params, -0.3521, 9.5032, 0.08295);
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_MALE, 10,
                                   75.0, 8.5, &z));
  g_assert_cmpfloat_with_epsilon (z, -1.3717, 0.00005);
  g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (z), 8.51, 0.005);

  /* Sanity anchor: WHO weight-for-age, boy, birth. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_WHO, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 0, &params));
  g_assert_cmpfloat (params.l, ==, 0.3487);
  g_assert_cmpfloat (params.m, ==, 3.3464);
  g_assert_cmpfloat (params.s, ==, 0.14602);
}

static void
test_percentiles (void)
{
  static const struct { double p; double z; } table[] = {
    { 2, -2.0537 }, { 3, -1.8808 }, { 5, -1.6449 }, { 10, -1.2816 }, { 25, -0.6745 },
    { 50, 0 }, { 75, 0.6745 }, { 85, 1.0364 }, { 90, 1.2816 }, { 95, 1.6449 },
    { 97, 1.8808 }, { 98, 2.0537 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      double z = care_lms_z_from_percentile (table[i].p);

      g_assert_cmpfloat_with_epsilon (z, table[i].z, 0.00005);
      g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (z), table[i].p, 1e-9);
    }

  /* Symmetric, and still meaningful far out in the tails. */
  g_assert_cmpfloat (care_lms_percentile_from_z (0), ==, 50.0);
  g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (1.5) + care_lms_percentile_from_z (-1.5),
                                  100.0, 1e-12);
  g_assert_cmpfloat (care_lms_percentile_from_z (-8), >, 0);
  g_assert_cmpfloat (care_lms_percentile_from_z (-8), <, 1e-12);
  g_assert_cmpfloat_with_epsilon (care_lms_z_from_percentile (1e-7), -5.9978, 0.0001);

  g_assert_true (isnan (care_lms_z_from_percentile (0)));
  g_assert_true (isnan (care_lms_z_from_percentile (100)));
  g_assert_true (isnan (care_lms_z_from_percentile (-3)));
  g_assert_true (isnan (care_lms_z_from_percentile (NAN)));
}

static void
test_params_edges (void)
{
  CareLmsParams log_normal = { 0, 10, 0.1 };
  CareLmsParams box_cox = { -1.5, 16, 0.12 };

  /* L = 0 is the log-normal limit of the Box-Cox curve. */
  g_assert_cmpfloat_with_epsilon (care_lms_params_z_score (&log_normal, 10 * exp (0.2)), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (care_lms_params_measurement (&log_normal, -1), 10 * exp (-0.1), 1e-12);

  /* Measurement and z-score are inverses. */
  for (double z = -2.5; z <= 2.5; z += 0.5)
    g_assert_cmpfloat_with_epsilon (care_lms_params_z_score (&box_cox,
                                                             care_lms_params_measurement (&box_cox, z)),
                                    z, 1e-9);

  /* No measurement where 1 + L·S·z ≤ 0, no z-score for a zero or negative one. */
  g_assert_true (isnan (care_lms_params_measurement (&box_cox, 6)));
  g_assert_true (isnan (care_lms_params_z_score (&box_cox, 0)));
  g_assert_true (isnan (care_lms_params_z_score (&box_cox, -4)));
}

static void
test_restricted (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CareLmsParams params;
  double sd2, sd3, sd2neg, sd3neg, z = 0, back = 0;

  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                  &params, NULL));
  sd2 = care_lms_params_measurement (&params, 2);
  sd3 = care_lms_params_measurement (&params, 3);
  sd2neg = care_lms_params_measurement (&params, -2);
  sd3neg = care_lms_params_measurement (&params, -3);

  /* Beyond +3: measured in (SD3 − SD2) steps, not on the Box-Cox curve. */
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                   sd3 + 0.5 * (sd3 - sd2), &z));
  g_assert_cmpfloat_with_epsilon (z, 3.5, 1e-9);
  g_assert_cmpfloat (fabs (care_lms_params_z_score (&params, sd3 + 0.5 * (sd3 - sd2)) - 3.5), >, 0.01);
  g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                       3.5, &back));
  g_assert_cmpfloat_with_epsilon (back, sd3 + 0.5 * (sd3 - sd2), 1e-9);

  /* Below −3 likewise, in (SD2neg − SD3neg) steps. */
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                   sd3neg - (sd2neg - sd3neg), &z));
  g_assert_cmpfloat_with_epsilon (z, -4, 1e-9);
  g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                       -4, &back));
  g_assert_cmpfloat_with_epsilon (back, sd3neg - (sd2neg - sd3neg), 1e-9);

  /* Inside ±3 nothing changes. */
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                   sd2, &z));
  g_assert_cmpfloat_with_epsilon (z, 2, 1e-9);

  /* Length and head circumference are never restricted, nor is CDC. */
  g_assert_false (care_lms_chart_is_restricted (CARE_LMS_SOURCE_WHO, CARE_LMS_LENGTH_FOR_AGE));
  g_assert_false (care_lms_chart_is_restricted (CARE_LMS_SOURCE_WHO, CARE_LMS_HEAD_FOR_AGE));
  g_assert_true (care_lms_chart_is_restricted (CARE_LMS_SOURCE_WHO, CARE_LMS_WEIGHT_FOR_LENGTH));
  g_assert_true (care_lms_chart_is_restricted (CARE_LMS_SOURCE_WHO, CARE_LMS_BMI_FOR_AGE));
  g_assert_false (care_lms_chart_is_restricted (CARE_LMS_SOURCE_CDC, CARE_LMS_WEIGHT_FOR_AGE));
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                  &params, NULL));
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_FEMALE, 9, 0,
                                   care_lms_params_measurement (&params, 4), &z));
  g_assert_cmpfloat_with_epsilon (z, 4, 1e-9);
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  user_data)
{
  CareLmsParams params, who, cdc;
  CareLmsSource source;
  double min = 0, max = 0, value = 0, z = 0;

  /* WHO under 24 months, CDC from 24 months. */
  g_assert_cmpint (care_lms_source_for_age (23.99), ==, CARE_LMS_SOURCE_WHO);
  g_assert_cmpint (care_lms_source_for_age (24), ==, CARE_LMS_SOURCE_CDC);
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_MALE, 23.99, 0,
                                  &who, &source));
  g_assert_cmpint (source, ==, CARE_LMS_SOURCE_WHO);
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_MALE, 24, 0,
                                  &cdc, &source));
  g_assert_cmpint (source, ==, CARE_LMS_SOURCE_CDC);
  g_assert_cmpfloat (cdc.m, ==, 86.45220101);
  g_assert_cmpfloat (who.m, !=, cdc.m);

  /* Interpolation by age: a quarter of the way from the 24.0 to the 24.5 row. */
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_MALE, 24.125, &params));
  g_assert_cmpfloat_with_epsilon (params.m, 12.6707633 + 0.25 * (12.74154396 - 12.6707633), 1e-9);
  g_assert_cmpfloat_with_epsilon (params.l, -0.20615245 + 0.25 * (-0.216501213 + 0.20615245), 1e-12);

  /* CDC's infant rows end where the child rows start, at 24 months. */
  g_assert_true (care_lms_get_range (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_WEIGHT_FOR_AGE,
                                     CARE_LMS_SEX_FEMALE, &min, &max));
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 240);
  g_assert_true (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_WEIGHT_FOR_AGE,
                                      CARE_LMS_SEX_FEMALE, 23.5, &params));
  g_assert_true (care_lms_get_range (fixture->lms, CARE_LMS_SOURCE_CDC, CARE_LMS_BMI_FOR_AGE,
                                     CARE_LMS_SEX_MALE, &min, &max));
  g_assert_cmpfloat (min, ==, 24);
  g_assert_cmpfloat (max, ==, 240.5);

  /* Outside a chart: no answer rather than an extrapolated one. */
  g_assert_false (care_lms_lookup (fixture->lms, CARE_LMS_HEAD_FOR_AGE, CARE_LMS_SEX_MALE, 36.5, 0,
                                   &params, NULL));
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_HEAD_FOR_AGE, CARE_LMS_SEX_MALE, 36, 0,
                                  &params, NULL));
  g_assert_false (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, -1, 0,
                                   &params, NULL));
  g_assert_false (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 241, 0,
                                   &params, NULL));
  g_assert_false (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_MALE, 6, 44.9,
                                   &params, NULL));
  g_assert_false (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, NAN, 0,
                                   &params, NULL));
  g_assert_false (care_lms_get_params (fixture->lms, CARE_LMS_SOURCE_WHO, CARE_LMS_WEIGHT_FOR_AGE,
                                       (CareLmsSex)3, 6, &params));
  g_assert_false (care_lms_z_score (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, 6, 0,
                                    0, &z));

  /* Weight-for-length goes by length; from 2 years, by CDC's stature table. */
  g_assert_true (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_FEMALE, 30,
                                  95.0, &params, &source));
  g_assert_cmpint (source, ==, CARE_LMS_SOURCE_CDC);
  g_assert_false (care_lms_lookup (fixture->lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_FEMALE, 30,
                                   125.0, &params, NULL));

  /* Percentile curves are ordered at every age. */
  for (double age = 0; age <= 240; age += 6)
    {
      double p3 = 0, p50 = 0, p97 = 0;

      g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE,
                                           age, 0, care_lms_z_from_percentile (3), &p3));
      g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE,
                                           age, 0, 0, &p50));
      g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE,
                                           age, 0, care_lms_z_from_percentile (97), &p97));
      g_assert_cmpfloat (p3, <, p50);
      g_assert_cmpfloat (p50, <, p97);
    }

  /* And a point on a curve reads back at its own percentile. */
  g_assert_true (care_lms_measurement (fixture->lms, CARE_LMS_BMI_FOR_AGE, CARE_LMS_SEX_MALE, 100, 0,
                                       care_lms_z_from_percentile (85), &value));
  g_assert_true (care_lms_z_score (fixture->lms, CARE_LMS_BMI_FOR_AGE, CARE_LMS_SEX_MALE, 100, 0,
                                   value, &z));
  g_assert_cmpfloat_with_epsilon (care_lms_percentile_from_z (z), 85, 1e-9);
}

static void
test_built_in (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareLms) built_in = care_lms_new (NULL, &error);

  g_assert_no_error (error);

  /* The copy compiled into core is the one in data/growth. */
  for (int chart = CARE_LMS_WEIGHT_FOR_AGE; chart <= CARE_LMS_BMI_FOR_AGE; chart++)
    for (int sex = CARE_LMS_SEX_MALE; sex <= CARE_LMS_SEX_FEMALE; sex++)
      for (int source = CARE_LMS_SOURCE_WHO; source <= CARE_LMS_SOURCE_CDC; source++)
        {
          double min = 0, max = 0, min2 = 0, max2 = 0;

          g_assert_true (care_lms_get_range (fixture->lms, source, chart, sex, &min, &max));
          g_assert_true (care_lms_get_range (built_in, source, chart, sex, &min2, &max2));
          g_assert_cmpfloat (min, ==, min2);
          g_assert_cmpfloat (max, ==, max2);

          for (double x = min; x <= max; x += (max - min) / 37)
            {
              CareLmsParams a, b;

              g_assert_true (care_lms_get_params (fixture->lms, source, chart, sex, x, &a));
              g_assert_true (care_lms_get_params (built_in, source, chart, sex, x, &b));
              g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
            }
        }
}

static void
copy_tables (const char *from,
             const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (target, contents, length, NULL));
    }
}

static void
remove_tables (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const struct { const char *file; const char *contents; } cases[] = {
    { "who_wfa_0_60m.csv", "sex,age_months,A,M,S\n1,0,0.3,3.3,0.14\n" },
    { "who_wfa_0_60m.csv", "sex,age_months,L,M,S\n1,0,0.3,3.3,0.14\n1,1,0.2,4,x\n" },
    { "cdc_wtage.csv", "sex,age_months,L,M,S\n1,24,0.3,12,0.1\n1,24,0.3,12.1,0.1\n" },
    { "cdc_statage.csv", "sex,age_months,L,M,S\n3,24,0.3,86,0.04\n" },
    { "cdc_bmiagerev.csv", "sex,age_months,L,M,S\n1,24,0.3,-16,0.08\n" },
    { "who_lfa_0_24m.csv", "sex,age_months,L,M,S\n1,0,1,49.9,0.04\n1,1,1,54.7,0.04\n" },
    { "who_hcfa_0_60m.csv", "" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  CareLms *lms;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_pointer (&tmp, g_free);
      g_clear_pointer (&path, g_free);
      tmp = g_dir_make_tmp ("carebook-lms-XXXXXX", NULL);
      g_assert_nonnull (tmp);
      copy_tables (fixture->dir, tmp);
      path = g_build_filename (tmp, cases[i].file, NULL);
      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));

      lms = care_lms_new (tmp, &error);
      g_assert_null (lms);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
      remove_tables (tmp);
    }

  /* A missing table is a file error, not a crash. */
  g_clear_pointer (&tmp, g_free);
  g_clear_pointer (&path, g_free);
  tmp = g_dir_make_tmp ("carebook-lms-XXXXXX", NULL);
  copy_tables (fixture->dir, tmp);
  path = g_build_filename (tmp, "cdc_wtstat.csv", NULL);
  g_assert_cmpint (g_remove (path), ==, 0);
  lms = care_lms_new (tmp, &error);
  g_assert_null (lms);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  remove_tables (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/care/lms/worked/cdc", test_worked_cdc);
  ADD ("/care/lms/worked/who", test_worked_who);
  g_test_add_func ("/care/lms/percentile/round-trip", test_percentiles);
  g_test_add_func ("/care/lms/params/edges", test_params_edges);
  ADD ("/care/lms/restricted/beyond-3", test_restricted);
  ADD ("/care/lms/tables/selection", test_selection);
  ADD ("/care/lms/tables/built-in", test_built_in);
  ADD ("/care/lms/tables/damaged", test_damaged);
#undef ADD

  return g_test_run ();
}
