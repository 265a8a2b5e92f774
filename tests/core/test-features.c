/* test-features.c — the one table of what each feature area owns
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-features.h"

#include "../care-test-utils.h"

/* The lists this table replaced disagreed: the search sent a care plan to
 * Home and the indicator to "other"; the indicator knew no Medication. One
 * answer per type now, from the table. */
static void
test_section_for_type (void)
{
  g_assert_cmpstr (care_features_section_for_type ("DiagnosticReport"), ==, "results");
  g_assert_cmpstr (care_features_section_for_type ("Observation"), ==, "results");
  g_assert_cmpstr (care_features_section_for_type ("Medication"), ==, "medications");
  g_assert_cmpstr (care_features_section_for_type ("CarePlan"), ==, "plan");
  g_assert_cmpstr (care_features_section_for_type ("ServiceRequest"), ==, "appointments");
  g_assert_cmpstr (care_features_section_for_type ("VisionPrescription"), ==, "documents");
  g_assert_cmpstr (care_features_section_for_type ("Consent"), ==, "sharing");
  g_assert_cmpstr (care_features_section_for_type ("Patient"), ==, "home");
  g_assert_cmpstr (care_features_section_for_type ("Basic"), ==, "home");
  g_assert_cmpstr (care_features_section_for_type (NULL), ==, "home");
  g_assert_null (care_features_for_type ("Basic"));
}

/* Every type a feature shows is synced, or read where referenced; each
 * owned by exactly one feature. */
static void
test_every_type_owned_once (void)
{
  g_auto(GStrv) synced = care_features_dup_sync_types ();

  g_assert_cmpstr (synced[0], ==, "Patient");
  for (guint i = 0; i < care_features_get_n_items (); i++)
    {
      const CareFeature *feature = care_features_get (i);

      g_assert_true (care_features_lookup (feature->id) == feature);
      g_assert_nonnull (feature->title);
      g_assert_nonnull (feature->icon_name);
      for (const CareFeatureType *t = feature->types; t->type != NULL; t++)
        {
          guint owners = 0;

          g_assert_nonnull (care_features_for_type (t->type));
          g_assert_true ((t->flags & CARE_FEATURE_TYPE_REFERENCED) != 0 || g_strv_contains ((const char * const *)synced, t->type));
          for (guint j = 0; j < care_features_get_n_items (); j++)
            for (const CareFeatureType *u = care_features_get (j)->types; u->type != NULL; u++)
              if (g_str_equal (u->type, t->type) && (u->flags & CARE_FEATURE_TYPE_SHARED) == 0)
                owners++;
          g_assert_cmpuint (owners, ==, 1);
        }
    }
  for (guint i = 0; synced[i] != NULL; i++)
    for (guint j = i + 1; synced[j] != NULL; j++)
      g_assert_cmpstr (synced[i], !=, synced[j]);
  g_assert_false (g_strv_contains ((const char * const *)synced, "Medication"));
  g_assert_null (care_features_lookup ("nowhere"));

  /* Types real portals hold thousands of, each shown where a patient looks. */
  g_assert_cmpstr (care_features_section_for_type ("Claim"), ==, "billing");
  g_assert_cmpstr (care_features_section_for_type ("MedicationAdministration"), ==, "medications");
  g_assert_cmpstr (care_features_section_for_type ("SupplyDelivery"), ==, "medications");
  g_assert_cmpstr (care_features_section_for_type ("ImagingStudy"), ==, "results");
  g_assert_true (g_strv_contains ((const char * const *)synced, "Provenance"));
}

static void
test_categories (void)
{
  g_autofree char *observation = care_features_dup_categories ("Observation");
  g_autofree char *condition = care_features_dup_categories ("Condition");
  g_autofree char *allergy = care_features_dup_categories ("AllergyIntolerance");
  g_auto(GStrv) split = g_strsplit (observation, ",", -1);

  /* Results, trends and growth all want vital signs: asked once. */
  g_assert_cmpstr (split[0], ==, "laboratory");
  g_assert_true (g_strv_contains ((const char * const *)split, "vital-signs"));
  g_assert_true (g_strv_contains ((const char * const *)split, "imaging"));
  for (guint i = 0; split[i] != NULL; i++)
    for (guint j = i + 1; split[j] != NULL; j++)
      g_assert_cmpstr (split[i], !=, split[j]);
  g_assert_cmpstr (condition, ==, "problem-list-item,encounter-diagnosis,health-concern");
  g_assert_null (allergy);
}

static void
test_scopes (void)
{
  g_autofree char *v2 = care_features_dup_scopes (FALSE);
  g_autofree char *v1 = care_features_dup_scopes (TRUE);

  g_assert_true (g_str_has_prefix (v2, "launch/patient openid fhirUser offline_access patient/*.rs "));
  g_assert_nonnull (strstr (v2, " patient/AllergyIntolerance.c"));
  g_assert_nonnull (strstr (v2, " patient/Immunization.c"));
  g_assert_nonnull (strstr (v2, " patient/MedicationStatement.c"));
  g_assert_nonnull (strstr (v2, " patient/Communication.cu"));
  g_assert_null (strstr (v2, ".write"));
  g_assert_true (g_str_has_prefix (v1, "launch/patient openid fhirUser offline_access patient/*.read "));
  g_assert_nonnull (strstr (v1, " patient/AllergyIntolerance.write"));
  g_assert_null (strstr (v1, ".c "));
}

static void
test_feature_types (void)
{
  g_auto(GStrv) immunizations = care_feature_dup_types (care_features_lookup ("immunizations"));

  g_assert_cmpstr (immunizations[0], ==, "Immunization");
  g_assert_true (g_strv_contains ((const char * const *)immunizations, "CarePlan"));
  g_assert_cmpstr (care_features_section_for_type ("ImmunizationRecommendation"), ==, "immunizations");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/features/section-for-type", test_section_for_type);
  g_test_add_func ("/features/every-type-owned-once", test_every_type_owned_once);
  g_test_add_func ("/features/categories", test_categories);
  g_test_add_func ("/features/scopes", test_scopes);
  g_test_add_func ("/features/feature-types", test_feature_types);

  return g_test_run ();
}
