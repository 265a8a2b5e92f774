/* test-charts-units.c — unit parsing, conversion and compatibility
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-unit.h"

#include <math.h>

static double
convert (CareAnalyte analyte,
         double      value,
         const char *from,
         const char *to)
{
  double out = NAN;

  g_assert_true (care_unit_text_convert (analyte, value, from, to, &out));
  return out;
}

static void
test_parse (void)
{
  g_assert_cmpint (care_unit_parse ("kg"), ==, CARE_UNIT_KILOGRAM);
  g_assert_cmpint (care_unit_parse ("[lb_av]"), ==, CARE_UNIT_POUND);
  g_assert_cmpint (care_unit_parse (" lbs "), ==, CARE_UNIT_POUND);
  /* ASCII is lowered and stripped on the stack, anything else as before. */
  g_assert_cmpint (care_unit_parse ("\t KG\n"), ==, CARE_UNIT_KILOGRAM);
  g_assert_cmpint (care_unit_parse (" °C "), ==, CARE_UNIT_CELSIUS);
  g_assert_cmpint (care_unit_parse ("   "), ==, CARE_UNIT_OTHER);
  g_assert_cmpint (care_unit_parse ("kg                                                                  "), ==,
                   CARE_UNIT_KILOGRAM);
  g_assert_cmpint (care_unit_parse ("kg\xff"), ==, CARE_UNIT_OTHER);
  g_assert_cmpint (care_unit_parse ("[oz_av]"), ==, CARE_UNIT_OUNCE);
  g_assert_cmpint (care_unit_parse ("[in_i]"), ==, CARE_UNIT_INCH);
  g_assert_cmpint (care_unit_parse ("Cel"), ==, CARE_UNIT_CELSIUS);
  g_assert_cmpint (care_unit_parse ("°C"), ==, CARE_UNIT_CELSIUS);
  g_assert_cmpint (care_unit_parse ("[degF]"), ==, CARE_UNIT_FAHRENHEIT);
  g_assert_cmpint (care_unit_parse ("mg/dl"), ==, CARE_UNIT_MG_PER_DL);
  g_assert_cmpint (care_unit_parse ("µmol/L"), ==, CARE_UNIT_UMOL_PER_L);
  g_assert_cmpint (care_unit_parse ("mm[Hg]"), ==, CARE_UNIT_MM_HG);
  g_assert_cmpint (care_unit_parse ("mmol/mol"), ==, CARE_UNIT_MMOL_PER_MOL);
  g_assert_cmpint (care_unit_parse ("U/L"), ==, CARE_UNIT_OTHER);
  g_assert_cmpint (care_unit_parse (NULL), ==, CARE_UNIT_OTHER);
  g_assert_cmpint (care_unit_parse ("\xff\xfe"), ==, CARE_UNIT_OTHER);
  g_assert_cmpstr (care_unit_to_ucum (CARE_UNIT_FAHRENHEIT), ==, "[degF]");
  g_assert_cmpstr (care_unit_to_display (CARE_UNIT_CELSIUS), ==, "°C");
  g_assert_cmpstr (care_unit_display_text ("mm[Hg]"), ==, "mmHg");
  g_assert_cmpstr (care_unit_display_text ("[lb_av]"), ==, "lb");
  g_assert_cmpstr (care_unit_display_text ("U/L"), ==, "U/L");
  g_assert_cmpstr (care_unit_display_text (NULL), ==, "");
  g_assert_cmpstr (care_unit_display_text ("10*3/uL"), ==, "×10³/µL");
  g_assert_cmpstr (care_unit_display_text ("mL/min/{1.73_m2}"), ==, "mL/min/1.73 m²");
}

static void
test_mass_length_temperature (void)
{
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 10, "[lb_av]", "kg"), 4.5359237, 1e-12);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 1, "kg", "lb"), 2.2046226218, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 16, "oz", "lb"), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 3500, "g", "kg"), 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 1, "[oz_av]", "g"), 28.349523125, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 10, "[in_i]", "cm"), 25.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 1.75, "m", "cm"), 175, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 98.6, "[degF]", "Cel"), 37.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, -40, "Cel", "[degF]"), -40, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 100, "Cel", "°F"), 212, 1e-9);
}

static void
test_analytes (void)
{
  double out;

  /* Glucose: 18.016 mg/dL per mmol/L. */
  g_assert_cmpint (care_analyte_from_loinc ("2345-7"), ==, CARE_ANALYTE_GLUCOSE);
  g_assert_cmpint (care_analyte_from_loinc ("2339-0"), ==, CARE_ANALYTE_GLUCOSE);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_GLUCOSE, 5.5, "mmol/L", "mg/dL"), 99.088, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_GLUCOSE, 180.16, "mg/dL", "mmol/L"), 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_GLUCOSE, 1, "g/L", "mmol/L"), 100 / 18.016, 1e-9);

  /* Cholesterol 38.67, triglycerides 88.57. */
  g_assert_cmpint (care_analyte_from_loinc ("2093-3"), ==, CARE_ANALYTE_CHOLESTEROL);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_CHOLESTEROL, 5, "mmol/L", "mg/dL"), 193.35, 1e-9);
  g_assert_cmpint (care_analyte_from_loinc ("2571-8"), ==, CARE_ANALYTE_TRIGLYCERIDES);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_TRIGLYCERIDES, 177.14, "mg/dL", "mmol/L"), 2.0, 1e-9);

  /* Creatinine: 1 mg/dL = 88.42 µmol/L. */
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_CREATININE, 1, "mg/dL", "umol/L"), 88.42, 1e-9);

  /* Without a known analyte, mass and substance never mix... */
  g_assert_false (care_unit_text_convert (CARE_ANALYTE_NONE, 100, "mg/dL", "mmol/L", &out));
  g_assert_false (care_unit_texts_compatible (care_analyte_from_loinc ("718-7"), "g/dL", "mmol/L"));
  /* ...but one kind of concentration converts by itself. */
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_NONE, 13.5, "g/dL", "g/L"), 135, 1e-9);
}

static void
test_a1c (void)
{
  double out;

  g_assert_cmpint (care_analyte_from_loinc ("4548-4"), ==, CARE_ANALYTE_HBA1C);
  g_assert_cmpint (care_analyte_from_loinc ("59261-8"), ==, CARE_ANALYTE_HBA1C);
  /* NGSP % = 0.09148 × IFCC + 2.152: 48 mmol/mol is 6.5 %, 53 is 7.0 %. */
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_HBA1C, 48, "mmol/mol", "%"), 6.54304, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_HBA1C, 53, "mmol/mol", "%"), 7.00044, 1e-9);
  g_assert_cmpfloat_with_epsilon (convert (CARE_ANALYTE_HBA1C, convert (CARE_ANALYTE_HBA1C, 7.2, "%", "mmol/mol"),
                                           "mmol/mol", "%"), 7.2, 1e-9);
  /* % and mmol/mol are unrelated for anything but A1c. */
  g_assert_false (care_unit_text_convert (CARE_ANALYTE_NONE, 48, "mmol/mol", "%", &out));
  g_assert_false (care_unit_texts_compatible (CARE_ANALYTE_GLUCOSE, "%", "mmol/mol"));
}

static void
test_compatibility (void)
{
  g_assert_true (care_unit_compatible (CARE_ANALYTE_NONE, CARE_UNIT_POUND, CARE_UNIT_GRAM));
  g_assert_false (care_unit_compatible (CARE_ANALYTE_NONE, CARE_UNIT_KILOGRAM, CARE_UNIT_CENTIMETER));
  g_assert_false (care_unit_compatible (CARE_ANALYTE_NONE, CARE_UNIT_CELSIUS, CARE_UNIT_PERCENT));
  g_assert_false (care_unit_compatible (CARE_ANALYTE_NONE, CARE_UNIT_OTHER, CARE_UNIT_OTHER));
  g_assert_false (care_unit_compatible (CARE_ANALYTE_NONE, CARE_UNIT_MM_HG, CARE_UNIT_PER_MIN));

  /* Unknown units: only the same text. */
  g_assert_true (care_unit_texts_compatible (CARE_ANALYTE_NONE, "U/L", "U/L"));
  g_assert_false (care_unit_texts_compatible (CARE_ANALYTE_NONE, "U/L", "IU/L"));
  g_assert_false (care_unit_texts_compatible (CARE_ANALYTE_NONE, "{ratio}", "kg"));
  g_assert_true (care_unit_texts_compatible (CARE_ANALYTE_NONE, NULL, ""));
  g_assert_true (care_unit_texts_compatible (CARE_ANALYTE_NONE, "kg", "[lb_av]"));
}

static void
test_merge_key (void)
{
  g_assert_cmpstr (care_loinc_merge_key ("14749-6"), ==, "2345-7");
  g_assert_cmpstr (care_loinc_merge_key ("59261-8"), ==, "4548-4");
  g_assert_cmpstr (care_loinc_merge_key ("8480-6"), ==, "8480-6");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/charts/units/parse", test_parse);
  g_test_add_func ("/care/charts/units/mass-length-temperature", test_mass_length_temperature);
  g_test_add_func ("/care/charts/units/analytes", test_analytes);
  g_test_add_func ("/care/charts/units/a1c", test_a1c);
  g_test_add_func ("/care/charts/units/compatibility", test_compatibility);
  g_test_add_func ("/care/charts/units/merge-key", test_merge_key);

  return g_test_run ();
}
