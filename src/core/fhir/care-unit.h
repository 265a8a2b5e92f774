/* care-unit.h — measurement units of numeric results, and safe conversion
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CareUnit:
 * @CARE_UNIT_OTHER: a unit Carebook does not know; only equal to itself
 * @CARE_UNIT_KILOGRAM: kg
 * @CARE_UNIT_GRAM: g
 * @CARE_UNIT_POUND: avoirdupois pound, UCUM `[lb_av]`
 * @CARE_UNIT_OUNCE: avoirdupois ounce, UCUM `[oz_av]`
 * @CARE_UNIT_CENTIMETER: cm
 * @CARE_UNIT_METER: m
 * @CARE_UNIT_MILLIMETER: mm
 * @CARE_UNIT_INCH: international inch, UCUM `[in_i]`
 * @CARE_UNIT_CELSIUS: degree Celsius, UCUM `Cel`
 * @CARE_UNIT_FAHRENHEIT: degree Fahrenheit, UCUM `[degF]`
 * @CARE_UNIT_MG_PER_DL: mg/dL (mass concentration)
 * @CARE_UNIT_G_PER_DL: g/dL (mass concentration)
 * @CARE_UNIT_G_PER_L: g/L (mass concentration)
 * @CARE_UNIT_MG_PER_L: mg/L (mass concentration)
 * @CARE_UNIT_MMOL_PER_L: mmol/L (substance concentration)
 * @CARE_UNIT_UMOL_PER_L: µmol/L (substance concentration)
 * @CARE_UNIT_PERCENT: %
 * @CARE_UNIT_MMOL_PER_MOL: mmol/mol (IFCC hemoglobin A1c)
 * @CARE_UNIT_MM_HG: mm[Hg]
 * @CARE_UNIT_KG_PER_M2: kg/m² (body mass index)
 * @CARE_UNIT_PER_MIN: /min (heart and breathing rate)
 *
 * The units Carebook can convert between. Anything else is
 * %CARE_UNIT_OTHER and compared by its text.
 */
typedef enum
{
  CARE_UNIT_OTHER,
  CARE_UNIT_KILOGRAM,
  CARE_UNIT_GRAM,
  CARE_UNIT_POUND,
  CARE_UNIT_OUNCE,
  CARE_UNIT_CENTIMETER,
  CARE_UNIT_METER,
  CARE_UNIT_MILLIMETER,
  CARE_UNIT_INCH,
  CARE_UNIT_CELSIUS,
  CARE_UNIT_FAHRENHEIT,
  CARE_UNIT_MG_PER_DL,
  CARE_UNIT_G_PER_DL,
  CARE_UNIT_G_PER_L,
  CARE_UNIT_MG_PER_L,
  CARE_UNIT_MMOL_PER_L,
  CARE_UNIT_UMOL_PER_L,
  CARE_UNIT_PERCENT,
  CARE_UNIT_MMOL_PER_MOL,
  CARE_UNIT_MM_HG,
  CARE_UNIT_KG_PER_M2,
  CARE_UNIT_PER_MIN,
} CareUnit;

/**
 * CareAnalyte:
 * @CARE_ANALYTE_NONE: nothing that changes how units convert
 * @CARE_ANALYTE_GLUCOSE: glucose (mg/dL = mmol/L × 18.016)
 * @CARE_ANALYTE_CHOLESTEROL: total, LDL or HDL cholesterol (× 38.67)
 * @CARE_ANALYTE_TRIGLYCERIDES: triglycerides (× 88.57)
 * @CARE_ANALYTE_CREATININE: creatinine (µmol/L = mg/dL × 88.42)
 * @CARE_ANALYTE_HBA1C: hemoglobin A1c (NGSP % ↔ IFCC mmol/mol)
 *
 * What a result measures, as far as unit conversion cares: converting a
 * mass concentration to a substance concentration needs the molar mass of
 * the analyte, so mg/dL and mmol/L are only interconvertible for these.
 */
typedef enum
{
  CARE_ANALYTE_NONE,
  CARE_ANALYTE_GLUCOSE,
  CARE_ANALYTE_CHOLESTEROL,
  CARE_ANALYTE_TRIGLYCERIDES,
  CARE_ANALYTE_CREATININE,
  CARE_ANALYTE_HBA1C,
} CareAnalyte;

CareUnit     care_unit_parse              (const char *text);
const char  *care_unit_to_ucum            (CareUnit    unit);
const char  *care_unit_to_display         (CareUnit    unit);
const char  *care_unit_display_text       (const char *unit);
CareAnalyte  care_analyte_from_loinc      (const char *code);
const char  *care_loinc_merge_key         (const char *code);

gboolean     care_unit_texts_compatible   (CareAnalyte analyte,
                                           const char *from,
                                           const char *to);
gboolean     care_unit_text_convert       (CareAnalyte analyte,
                                           double      value,
                                           const char *from,
                                           const char *to,
                                           double     *out_value);
gboolean     care_unit_compatible         (CareAnalyte analyte,
                                           CareUnit    from,
                                           CareUnit    to);
gboolean     care_unit_convert            (CareAnalyte analyte,
                                           double      value,
                                           CareUnit    from,
                                           CareUnit    to,
                                           double     *out_value);

G_END_DECLS
