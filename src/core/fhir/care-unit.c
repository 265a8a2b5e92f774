/* care-unit.c — measurement units of numeric results, and safe conversion
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Health systems send the same test in different units: one clinic weighs
 * in pounds, the next in kilograms; one lab reports glucose in mg/dL, a
 * hospital abroad in mmol/L. A chart may only put two results on one axis
 * when one converts exactly into the other, so every conversion here is
 * either exact (a defined factor) or a published clinical equation, and
 * anything else is refused rather than guessed.
 */
#include "config.h"

#include "care-unit.h"

#include <math.h>
#include <string.h>

typedef enum
{
  DIM_NONE,
  DIM_MASS,           /* base: kg */
  DIM_LENGTH,         /* base: m */
  DIM_TEMPERATURE,    /* base: °C, affine */
  DIM_MASS_CONC,      /* base: g/L */
  DIM_SUBST_CONC,     /* base: mmol/L */
  DIM_PERCENT,
  DIM_MMOL_PER_MOL,
  DIM_PRESSURE,
  DIM_BMI,
  DIM_RATE,
} Dimension;

typedef struct
{
  CareUnit    unit;
  Dimension   dimension;
  double      to_base;     /* value × to_base = value in the base unit */
  const char *ucum;
  const char *display;
} UnitInfo;

/* Pound and ounce are defined exactly (0.45359237 kg), as is the inch. */
static const UnitInfo unit_infos[] = {
  { CARE_UNIT_OTHER,        DIM_NONE,         1.0,          "",         "" },
  { CARE_UNIT_KILOGRAM,     DIM_MASS,         1.0,          "kg",       "kg" },
  { CARE_UNIT_GRAM,         DIM_MASS,         0.001,        "g",        "g" },
  { CARE_UNIT_POUND,        DIM_MASS,         0.45359237,   "[lb_av]",  "lb" },
  { CARE_UNIT_OUNCE,        DIM_MASS,         0.45359237 / 16.0, "[oz_av]", "oz" },
  { CARE_UNIT_CENTIMETER,   DIM_LENGTH,       0.01,         "cm",       "cm" },
  { CARE_UNIT_METER,        DIM_LENGTH,       1.0,          "m",        "m" },
  { CARE_UNIT_MILLIMETER,   DIM_LENGTH,       0.001,        "mm",       "mm" },
  { CARE_UNIT_INCH,         DIM_LENGTH,       0.0254,       "[in_i]",   "in" },
  { CARE_UNIT_CELSIUS,      DIM_TEMPERATURE,  1.0,          "Cel",      "°C" },
  { CARE_UNIT_FAHRENHEIT,   DIM_TEMPERATURE,  1.0,          "[degF]",   "°F" },
  { CARE_UNIT_MG_PER_DL,    DIM_MASS_CONC,    0.01,         "mg/dL",    "mg/dL" },
  { CARE_UNIT_G_PER_DL,     DIM_MASS_CONC,    10.0,         "g/dL",     "g/dL" },
  { CARE_UNIT_G_PER_L,      DIM_MASS_CONC,    1.0,          "g/L",      "g/L" },
  { CARE_UNIT_MG_PER_L,     DIM_MASS_CONC,    0.001,        "mg/L",     "mg/L" },
  { CARE_UNIT_MMOL_PER_L,   DIM_SUBST_CONC,   1.0,          "mmol/L",   "mmol/L" },
  { CARE_UNIT_UMOL_PER_L,   DIM_SUBST_CONC,   0.001,        "umol/L",   "µmol/L" },
  { CARE_UNIT_PERCENT,      DIM_PERCENT,      1.0,          "%",        "%" },
  { CARE_UNIT_MMOL_PER_MOL, DIM_MMOL_PER_MOL, 1.0,          "mmol/mol", "mmol/mol" },
  { CARE_UNIT_MM_HG,        DIM_PRESSURE,     1.0,          "mm[Hg]",   "mmHg" },
  { CARE_UNIT_KG_PER_M2,    DIM_BMI,          1.0,          "kg/m2",    "kg/m²" },
  { CARE_UNIT_PER_MIN,      DIM_RATE,         1.0,          "/min",     "/min" },
};

typedef struct
{
  const char *text;   /* lower case, no surrounding spaces */
  CareUnit    unit;
} Alias;

/* UCUM codes are case sensitive, but portals send "mg/dl", "KG" and "lbs"
 * as often as the proper codes; none of the spellings below is ambiguous
 * once lower-cased. */
static const Alias aliases[] = {
  { "kg", CARE_UNIT_KILOGRAM }, { "kgs", CARE_UNIT_KILOGRAM },
  { "kilogram", CARE_UNIT_KILOGRAM }, { "kilograms", CARE_UNIT_KILOGRAM },
  { "g", CARE_UNIT_GRAM }, { "gram", CARE_UNIT_GRAM }, { "grams", CARE_UNIT_GRAM },
  { "[lb_av]", CARE_UNIT_POUND }, { "lb", CARE_UNIT_POUND }, { "lbs", CARE_UNIT_POUND },
  { "pound", CARE_UNIT_POUND }, { "pounds", CARE_UNIT_POUND },
  { "[oz_av]", CARE_UNIT_OUNCE }, { "oz", CARE_UNIT_OUNCE },
  { "ounce", CARE_UNIT_OUNCE }, { "ounces", CARE_UNIT_OUNCE },
  { "cm", CARE_UNIT_CENTIMETER }, { "m", CARE_UNIT_METER }, { "mm", CARE_UNIT_MILLIMETER },
  { "[in_i]", CARE_UNIT_INCH }, { "[in_us]", CARE_UNIT_INCH }, { "in", CARE_UNIT_INCH },
  { "inch", CARE_UNIT_INCH }, { "inches", CARE_UNIT_INCH },
  { "cel", CARE_UNIT_CELSIUS }, { "°c", CARE_UNIT_CELSIUS }, { "degc", CARE_UNIT_CELSIUS },
  { "℃", CARE_UNIT_CELSIUS }, { "c", CARE_UNIT_CELSIUS },
  { "[degf]", CARE_UNIT_FAHRENHEIT }, { "°f", CARE_UNIT_FAHRENHEIT },
  { "degf", CARE_UNIT_FAHRENHEIT }, { "℉", CARE_UNIT_FAHRENHEIT }, { "f", CARE_UNIT_FAHRENHEIT },
  { "mg/dl", CARE_UNIT_MG_PER_DL }, { "g/dl", CARE_UNIT_G_PER_DL },
  { "g/l", CARE_UNIT_G_PER_L }, { "mg/l", CARE_UNIT_MG_PER_L },
  { "mmol/l", CARE_UNIT_MMOL_PER_L },
  { "umol/l", CARE_UNIT_UMOL_PER_L }, { "µmol/l", CARE_UNIT_UMOL_PER_L },
  { "μmol/l", CARE_UNIT_UMOL_PER_L },
  { "%", CARE_UNIT_PERCENT }, { "mmol/mol", CARE_UNIT_MMOL_PER_MOL },
  { "mm[hg]", CARE_UNIT_MM_HG }, { "mmhg", CARE_UNIT_MM_HG }, { "mm hg", CARE_UNIT_MM_HG },
  { "kg/m2", CARE_UNIT_KG_PER_M2 }, { "kg/m²", CARE_UNIT_KG_PER_M2 },
  { "kg/m^2", CARE_UNIT_KG_PER_M2 },
  { "/min", CARE_UNIT_PER_MIN }, { "{beats}/min", CARE_UNIT_PER_MIN },
  { "{breaths}/min", CARE_UNIT_PER_MIN }, { "beats/min", CARE_UNIT_PER_MIN },
  { "bpm", CARE_UNIT_PER_MIN },
};

typedef struct
{
  const char  *code;
  CareAnalyte  analyte;
  const char  *merge_key;
} LoincInfo;

/* LOINC codes whose unit conversions need the analyte, and pairs of codes
 * that name one measurement reported by mass and by substance (or by NGSP
 * and IFCC for A1c): a lab that switches method gets a new code, and the
 * patient still wants one line. The merge key is the mass (or NGSP) code. */
static const LoincInfo loinc_infos[] = {
  { "2345-7",  CARE_ANALYTE_GLUCOSE,       "2345-7" },  /* serum/plasma, mass */
  { "14749-6", CARE_ANALYTE_GLUCOSE,       "2345-7" },  /* serum/plasma, moles */
  { "2339-0",  CARE_ANALYTE_GLUCOSE,       "2339-0" },  /* blood, mass */
  { "15074-8", CARE_ANALYTE_GLUCOSE,       "2339-0" },  /* blood, moles */
  { "41653-7", CARE_ANALYTE_GLUCOSE,       "41653-7" }, /* glucometer */
  { "14743-9", CARE_ANALYTE_GLUCOSE,       "41653-7" }, /* glucometer, moles */
  { "1558-6",  CARE_ANALYTE_GLUCOSE,       "1558-6" },  /* fasting, mass */
  { "14771-0", CARE_ANALYTE_GLUCOSE,       "1558-6" },  /* fasting, moles */
  { "2341-6",  CARE_ANALYTE_GLUCOSE,       "2341-6" },  /* blood, test strip */
  { "2093-3",  CARE_ANALYTE_CHOLESTEROL,   "2093-3" },  /* total, mass */
  { "14647-2", CARE_ANALYTE_CHOLESTEROL,   "2093-3" },  /* total, moles */
  { "2089-1",  CARE_ANALYTE_CHOLESTEROL,   "2089-1" },  /* LDL, mass */
  { "22748-8", CARE_ANALYTE_CHOLESTEROL,   "2089-1" },  /* LDL, moles */
  { "13457-7", CARE_ANALYTE_CHOLESTEROL,   "13457-7" }, /* LDL calculated */
  { "18262-6", CARE_ANALYTE_CHOLESTEROL,   "18262-6" }, /* LDL direct */
  { "2085-9",  CARE_ANALYTE_CHOLESTEROL,   "2085-9" },  /* HDL, mass */
  { "14646-4", CARE_ANALYTE_CHOLESTEROL,   "2085-9" },  /* HDL, moles */
  { "43396-1", CARE_ANALYTE_CHOLESTEROL,   "43396-1" }, /* non-HDL */
  { "2571-8",  CARE_ANALYTE_TRIGLYCERIDES, "2571-8" },  /* mass */
  { "14927-8", CARE_ANALYTE_TRIGLYCERIDES, "2571-8" },  /* moles */
  { "2160-0",  CARE_ANALYTE_CREATININE,    "2160-0" },  /* serum, mass */
  { "14682-9", CARE_ANALYTE_CREATININE,    "2160-0" },  /* serum, moles */
  { "4548-4",  CARE_ANALYTE_HBA1C,         "4548-4" },  /* NGSP % */
  { "17856-6", CARE_ANALYTE_HBA1C,         "4548-4" },  /* NGSP %, HPLC */
  { "4549-2",  CARE_ANALYTE_HBA1C,         "4548-4" },  /* NGSP %, electrophoresis */
  { "59261-8", CARE_ANALYTE_HBA1C,         "4548-4" },  /* IFCC mmol/mol */
};

/* mg/dL per mmol/L for the analytes whose molar mass is fixed. */
static double
mass_per_substance (CareAnalyte analyte)
{
  switch (analyte)
    {
    case CARE_ANALYTE_GLUCOSE:
      return 18.016;
    case CARE_ANALYTE_CHOLESTEROL:
      return 38.67;
    case CARE_ANALYTE_TRIGLYCERIDES:
      return 88.57;
    case CARE_ANALYTE_CREATININE:
      /* 1 mg/dL = 88.42 µmol/L, so 1 mmol/L = 1000 / 88.42 mg/dL. */
      return 1000.0 / 88.42;
    case CARE_ANALYTE_NONE:
    case CARE_ANALYTE_HBA1C:
    default:
      return 0.0;
    }
}

static const UnitInfo *
unit_info (CareUnit unit)
{
  if ((guint) unit >= G_N_ELEMENTS (unit_infos))
    return &unit_infos[0];
  return &unit_infos[unit];
}

/**
 * care_unit_parse:
 * @text: (nullable): a UCUM code (`[lb_av]`, `Cel`) or a common spelling (`lbs`, `°F`)
 *
 * Returns: the unit, or %CARE_UNIT_OTHER for anything not known
 */
CareUnit
care_unit_parse (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *owned = NULL;
  const char *lower = NULL;
  char ascii[64];
  gsize length = 0;

  if (text == NULL)
    return CARE_UNIT_OTHER;

  /* Most units are short and ASCII: lowered and stripped on the stack
   * (a sync reads one per quantity), the same as below. */
  while (length < sizeof ascii && text[length] != '\0' && (guchar)text[length] < 0x80)
    {
      ascii[length] = g_ascii_tolower (text[length]);
      length++;
    }
  if (length < sizeof ascii && text[length] == '\0')
    {
      const char *start = ascii;

      while (length > 0 && g_ascii_isspace (ascii[length - 1]))
        length--;
      ascii[length] = '\0';
      while (g_ascii_isspace (*start))
        start++;
      lower = start;
    }
  else
    {
      if (!g_utf8_validate (text, -1, NULL))
        return CARE_UNIT_OTHER;
      stripped = g_strstrip (g_strdup (text));
      lower = owned = g_utf8_strdown (stripped, -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (strcmp (aliases[i].text, lower) == 0)
        return aliases[i].unit;
    }

  return CARE_UNIT_OTHER;
}

/**
 * care_unit_to_ucum:
 * @unit: a unit
 *
 * Returns: the unit's UCUM code, or "" for %CARE_UNIT_OTHER
 */
const char *
care_unit_to_ucum (CareUnit unit)
{
  return unit_info (unit)->ucum;
}

/**
 * care_unit_to_display:
 * @unit: a unit
 *
 * Returns: the unit as people write it ("lb", "°F", "mmHg")
 */
const char *
care_unit_to_display (CareUnit unit)
{
  return unit_info (unit)->display;
}

/* UCUM annotations ("{score}", "{beats}/min") are notes for machines: a
 * unit that is only an annotation shows as none, and an annotation
 * before a slash keeps its word ("beats/min"). */
static const char *
strip_annotations (const char *unit)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *c = unit; *c != '\0'; c++)
    {
      const char *end = *c == '{' ? strchr (c, '}') : NULL;

      if (end == NULL)
        {
          g_string_append_c (out, *c);
          continue;
        }
      if (end[1] == '/' && out->len == 0)
        g_string_append_len (out, c + 1, end - c - 1);
      c = end;
    }
  g_strstrip (out->str);
  return g_intern_string (out->str);
}

/**
 * care_unit_display_text:
 * @unit: (nullable): a unit as the portal sent it
 *
 * UCUM codes are for machines ("mm[Hg]", "[lb_av]", "10*3/uL"); a known
 * unit, or a common lab unit, is shown as people write it, anything else
 * exactly as sent.
 *
 * Returns: (transfer none): the unit to show
 */
const char *
care_unit_display_text (const char *unit)
{
  /* Units that never convert but that labs write in UCUM's machine
   * spelling; shown as printed reports write them. */
  static const struct
  {
    const char *ucum;
    const char *display;
  } spellings[] = {
    { "10*3/uL", "×10³/µL" },
    { "10*6/uL", "×10⁶/µL" },
    { "10*9/L", "×10⁹/L" },
    { "10*12/L", "×10¹²/L" },
    { "mL/min/{1.73_m2}", "mL/min/1.73 m²" },
    { "uL", "µL" },
    { "ug/L", "µg/L" },
    { "ug/dL", "µg/dL" },
    { "u[IU]/mL", "µIU/mL" },
    { "m[IU]/L", "mIU/L" },
  };
  CareUnit known = care_unit_parse (unit);

  if (known != CARE_UNIT_OTHER)
    return care_unit_to_display (known);
  if (unit == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    if (strcmp (unit, spellings[i].ucum) == 0)
      return spellings[i].display;
  if (strchr (unit, '{') != NULL)
    return strip_annotations (unit);
  return unit;
}

static const LoincInfo *
loinc_info (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (loinc_infos); i++)
    {
      if (strcmp (loinc_infos[i].code, code) == 0)
        return &loinc_infos[i];
    }

  return NULL;
}

/**
 * care_analyte_from_loinc:
 * @code: (nullable): a LOINC code such as "2345-7"
 *
 * Returns: the analyte whose molar mass or equation converts the code's units
 */
CareAnalyte
care_analyte_from_loinc (const char *code)
{
  const LoincInfo *info = loinc_info (code);

  return info != NULL ? info->analyte : CARE_ANALYTE_NONE;
}

/**
 * care_loinc_merge_key:
 * @code: a LOINC code
 *
 * Series are merged by this key: it is @code itself, except that the
 * mass and substance (or NGSP and IFCC) codes of one test share a key.
 *
 * Returns: (transfer none): the key
 */
const char *
care_loinc_merge_key (const char *code)
{
  const LoincInfo *info = loinc_info (code);

  return info != NULL ? info->merge_key : code;
}

static gboolean
convert_known (CareAnalyte analyte,
               double      value,
               CareUnit    from,
               CareUnit    to,
               double     *out_value)
{
  const UnitInfo *a = unit_info (from);
  const UnitInfo *b = unit_info (to);
  double base;

  if (from == CARE_UNIT_OTHER || to == CARE_UNIT_OTHER)
    return FALSE;

  if (from == to)
    {
      *out_value = value;
      return TRUE;
    }

  if (a->dimension == DIM_TEMPERATURE && b->dimension == DIM_TEMPERATURE)
    {
      base = from == CARE_UNIT_FAHRENHEIT ? (value - 32.0) * 5.0 / 9.0 : value;
      *out_value = to == CARE_UNIT_FAHRENHEIT ? base * 9.0 / 5.0 + 32.0 : base;
      return TRUE;
    }

  if (a->dimension == b->dimension && a->dimension != DIM_NONE)
    {
      *out_value = value * a->to_base / b->to_base;
      return TRUE;
    }

  if ((a->dimension == DIM_MASS_CONC && b->dimension == DIM_SUBST_CONC) ||
      (a->dimension == DIM_SUBST_CONC && b->dimension == DIM_MASS_CONC))
    {
      double mg_dl_per_mmol_l = mass_per_substance (analyte);
      /* In base units: g/L = mmol/L × (mg/dL per mmol/L) / 100. */
      double g_l_per_mmol_l = mg_dl_per_mmol_l / 100.0;

      if (mg_dl_per_mmol_l == 0.0)
        return FALSE;

      base = value * a->to_base;
      if (a->dimension == DIM_MASS_CONC)
        *out_value = base / g_l_per_mmol_l / b->to_base;
      else
        *out_value = base * g_l_per_mmol_l / b->to_base;
      return TRUE;
    }

  /* The IFCC–NGSP master equation (Hoelzel et al., Clin Chem 2004):
   * NGSP % = 0.09148 × IFCC mmol/mol + 2.152. It holds for A1c only. */
  if (analyte == CARE_ANALYTE_HBA1C)
    {
      if (from == CARE_UNIT_MMOL_PER_MOL && to == CARE_UNIT_PERCENT)
        {
          *out_value = 0.09148 * value + 2.152;
          return TRUE;
        }
      if (from == CARE_UNIT_PERCENT && to == CARE_UNIT_MMOL_PER_MOL)
        {
          *out_value = (value - 2.152) / 0.09148;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * care_unit_compatible:
 * @analyte: what is measured
 * @from: a unit
 * @to: another unit
 *
 * Returns: whether a value in @from converts exactly into @to, so that both
 *   may share one axis. %CARE_UNIT_OTHER is compatible with nothing here;
 *   see care_unit_texts_compatible() for unknown units.
 */
gboolean
care_unit_compatible (CareAnalyte analyte,
                      CareUnit    from,
                      CareUnit    to)
{
  double ignored;

  return convert_known (analyte, 1.0, from, to, &ignored);
}

/**
 * care_unit_convert:
 * @analyte: what is measured
 * @value: the value in @from
 * @from: its unit
 * @to: the unit wanted
 * @out_value: (out): the value in @to
 *
 * Returns: %TRUE if the units are compatible and @out_value was set
 */
gboolean
care_unit_convert (CareAnalyte analyte,
                   double      value,
                   CareUnit    from,
                   CareUnit    to,
                   double     *out_value)
{
  g_return_val_if_fail (out_value != NULL, FALSE);

  return convert_known (analyte, value, from, to, out_value);
}

/**
 * care_unit_texts_compatible:
 * @analyte: what is measured
 * @from: (nullable): a unit as the portal sent it
 * @to: (nullable): another
 *
 * Unknown units are compatible only with the very same text, since nothing
 * says how "IU/L" and "U/L" or two "{ratio}"s relate.
 *
 * Returns: whether the two units can share an axis
 */
gboolean
care_unit_texts_compatible (CareAnalyte analyte,
                            const char *from,
                            const char *to)
{
  double ignored;

  return care_unit_text_convert (analyte, 1.0, from, to, &ignored);
}

/**
 * care_unit_text_convert:
 * @analyte: what is measured
 * @value: the value in @from
 * @from: (nullable): its unit as sent
 * @to: (nullable): the unit wanted, as sent
 * @out_value: (out): the converted value
 *
 * Returns: %TRUE if the conversion is known (or the texts are equal)
 */
gboolean
care_unit_text_convert (CareAnalyte analyte,
                        double      value,
                        const char *from,
                        const char *to,
                        double     *out_value)
{
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (g_strcmp0 (from != NULL ? from : "", to != NULL ? to : "") == 0)
    {
      *out_value = value;
      return TRUE;
    }

  return convert_known (analyte, value, care_unit_parse (from), care_unit_parse (to), out_value);
}
