/* care-sandbox-seed-adult.c — Maria's six years of diabetes and blood pressure care
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quarterly visits, each with vital signs, an encounter diagnosis and an
 * A1c; basic metabolic panels twice a year; lipid panels, blood counts and
 * urine albumin once a year, each grouped by a DiagnosticReport. Her A1c,
 * glucose, blood pressure, weight and LDL come down as treatment works,
 * so the trends a chart draws tell a story. With --scale N the visits come
 * N times as often (each one as complete), for benchmarks.
 */
#include "config.h"

#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#include <math.h>

#define PATIENT CARE_SANDBOX_DEMO_ADULT

/* Days before today of the first visit: six years of history. */
#define HISTORY_DAYS (6 * 365)

typedef struct
{
  const char *code;
  const char *display;
  const char *unit;
  int         decimals;
  double      low;
  double      high;
} Analyte;

/* A basic metabolic panel (LOINC 51990-0) and an eGFR. */
static const Analyte metabolic[] = {
  { "2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 0, 70, 99 },
  { "3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 0, 7, 20 },
  { "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 2, 0.59, 1.04 },
  { "2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 0, 136, 145 },
  { "2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 1, 3.5, 5.1 },
  { "2075-0", "Chloride [Moles/volume] in Serum or Plasma", "mmol/L", 0, 98, 107 },
  { "2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "mmol/L", 0, 22, 29 },
  { "17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 1, 8.6, 10.3 },
  { "98979-8", "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] "
    "in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)", "mL/min/{1.73_m2}", 0,
    60, NAN },
};

/* A lipid panel (LOINC 57698-3). */
static const Analyte lipids[] = {
  { "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 0, NAN, 200 },
  { "2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", 0, NAN, 150 },
  { "2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 0, 40, NAN },
  { "13457-7", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation", "mg/dL", 0,
    NAN, 100 },
};

/* A complete blood count (LOINC 58410-2). */
static const Analyte blood_count[] = {
  { "6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 1, 4.0, 11.0 },
  { "789-8", "Erythrocytes [#/volume] in Blood by Automated count", "10*6/uL", 2, 3.9, 5.2 },
  { "718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 1, 12.0, 15.5 },
  { "4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "%", 1, 36, 46 },
  { "787-2", "MCV [Entitic volume] by Automated count", "fL", 0, 80, 100 },
  { "777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 0, 150, 400 },
};

static void
seed_panel (Seeder        *seeder,
            const char    *report_id,
            const char    *encounter,
            const char    *code,
            const char    *display,
            const Analyte *analytes,
            guint          n_analytes,
            const double  *values,
            const char    *date)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_analytes; i++)
    {
      char *id = g_strdup_printf ("%s-%u", report_id, i);
      SeedObservation obs = {
        id, PATIENT, encounter, "laboratory", analytes[i].code, analytes[i].display, values[i],
        analytes[i].decimals, analytes[i].unit, analytes[i].low, analytes[i].high, date, "08:15",
      };

      care_seed_observation (seeder, &obs);
      g_ptr_array_add (ids, id);
    }
  g_ptr_array_add (ids, NULL);

  care_seed_report (seeder, report_id, PATIENT, encounter, code, display,
                    (const char * const *)ids->pdata, date, NULL);
}

static void
seed_history (Seeder *seeder)
{
  g_autofree char *diabetes = care_seed_day (seeder, HISTORY_DAYS + 30);
  g_autofree char *hypertension = care_seed_day (seeder, HISTORY_DAYS - 300);
  g_autofree char *lipids_onset = care_seed_day (seeder, HISTORY_DAYS - 330);
  g_autofree char *sprain = care_seed_day (seeder, 3 * 365 + 20);
  g_autofree char *sprain_end = care_seed_day (seeder, 3 * 365 - 25);
  g_autofree char *bronchitis = care_seed_day (seeder, 2 * 365 + 140);
  g_autofree char *bronchitis_end = care_seed_day (seeder, 2 * 365 + 120);
  g_autofree char *appendix = care_seed_birth_date (seeder, 25, 40);
  g_autofree char *tdap = care_seed_day (seeder, 7 * 365 + 60);

  care_seed_condition (seeder, "adult-diabetes", PATIENT, NULL, "44054006",
                       "Type 2 diabetes mellitus", diabetes, NULL);
  care_seed_condition (seeder, "adult-hypertension", PATIENT, NULL, "38341003",
                       "Hypertensive disorder", hypertension, NULL);
  care_seed_condition (seeder, "adult-hyperlipidemia", PATIENT, NULL, "55822004",
                       "Hyperlipidemia", lipids_onset, NULL);
  care_seed_condition (seeder, "adult-ankle", PATIENT, NULL, "44465007",
                       "Sprain of ankle", sprain, sprain_end);
  care_seed_condition (seeder, "adult-bronchitis", PATIENT, NULL, "10509002",
                       "Acute bronchitis", bronchitis, bronchitis_end);

  care_seed_put (seeder,
                 "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"adult-penicillin\","
                 "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "allergyintolerance-clinical\",\"code\":\"active\"}]},"
                 "\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "allergyintolerance-verification\",\"code\":\"confirmed\"}]},"
                 "\"type\":\"allergy\",\"category\":[\"medication\"],\"criticality\":\"high\","
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"764146007\","
                 "\"display\":\"Penicillin\"}],\"text\":\"Penicillin\"},"
                 "\"patient\":{\"reference\":\"Patient/" PATIENT "\"},\"recordedDate\":\"%s\","
                 "\"reaction\":[{\"manifestation\":[{\"coding\":[{\"system\":\"" SEED_SNOMED "\","
                 "\"code\":\"247472004\",\"display\":\"Hives\"}],\"text\":\"Hives\"}],"
                 "\"severity\":\"moderate\"}]}", appendix);
  care_seed_put (seeder,
                 "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"adult-shellfish\","
                 "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "allergyintolerance-clinical\",\"code\":\"active\"}]},"
                 "\"type\":\"allergy\",\"category\":[\"food\"],\"criticality\":\"low\","
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"227037002\","
                 "\"display\":\"Fish (substance)\"}],\"text\":\"Shellfish\"},"
                 "\"patient\":{\"reference\":\"Patient/" PATIENT "\"},\"recordedDate\":\"%s\","
                 "\"reaction\":[{\"manifestation\":[{\"coding\":[{\"system\":\"" SEED_SNOMED "\","
                 "\"code\":\"418290006\",\"display\":\"Itching\"}],\"text\":\"Itching of the mouth\"}],"
                 "\"severity\":\"mild\"}]}", hypertension);

  care_seed_put (seeder,
                 "{\"resourceType\":\"Procedure\",\"id\":\"adult-appendectomy\",\"status\":\"completed\","
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"80146002\","
                 "\"display\":\"Appendectomy\"}],\"text\":\"Appendectomy\"},"
                 "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"performedDateTime\":\"%s\"}",
                 appendix);
  for (guint year = 0; year < 5; year++)
    {
      g_autofree char *date = care_seed_day (seeder, (int)year * 365 + 200);

      care_seed_put (seeder,
                     "{\"resourceType\":\"Procedure\",\"id\":\"adult-mammogram-%u\",\"status\":\"completed\","
                     "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"71651007\","
                     "\"display\":\"Mammography\"}],\"text\":\"Screening mammogram\"},"
                     "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"performedDateTime\":\"%s\","
                     "\"location\":{\"reference\":\"Location/riverside-main\"},"
                     "\"outcome\":{\"text\":\"No evidence of malignancy (BI-RADS 1)\"}}", year, date);
    }

  care_seed_put (seeder,
                 "{\"resourceType\":\"FamilyMemberHistory\",\"id\":\"adult-family-father\","
                 "\"status\":\"completed\",\"patient\":{\"reference\":\"Patient/" PATIENT "\"},"
                 "\"relationship\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "v3-RoleCode\",\"code\":\"FTH\",\"display\":\"father\"}]},\"sex\":{\"coding\":[{"
                 "\"system\":\"http://hl7.org/fhir/administrative-gender\",\"code\":\"male\"}]},"
                 "\"condition\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"44054006\","
                 "\"display\":\"Type 2 diabetes mellitus\"}]},\"onsetAge\":{\"value\":58,\"unit\":\"a\","
                 "\"system\":\"" SEED_UCUM "\",\"code\":\"a\"}},{\"code\":{\"coding\":[{\"system\":\""
                 SEED_SNOMED "\",\"code\":\"49436004\",\"display\":\"Atrial fibrillation\"}]},"
                 "\"onsetAge\":{\"value\":74,\"unit\":\"a\",\"system\":\"" SEED_UCUM "\",\"code\":\"a\"}}]}");
  care_seed_put (seeder,
                 "{\"resourceType\":\"FamilyMemberHistory\",\"id\":\"adult-family-mother\","
                 "\"status\":\"completed\",\"patient\":{\"reference\":\"Patient/" PATIENT "\"},"
                 "\"relationship\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "v3-RoleCode\",\"code\":\"MTH\",\"display\":\"mother\"}]},\"sex\":{\"coding\":[{"
                 "\"system\":\"http://hl7.org/fhir/administrative-gender\",\"code\":\"female\"}]},"
                 "\"deceasedAge\":{\"value\":69,\"unit\":\"a\",\"system\":\"" SEED_UCUM "\",\"code\":\"a\"},"
                 "\"condition\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"254837009\","
                 "\"display\":\"Malignant neoplasm of breast\"}]},\"onsetAge\":{\"value\":62,\"unit\":\"a\","
                 "\"system\":\"" SEED_UCUM "\",\"code\":\"a\"},\"contributedToDeath\":true}]}");
  care_seed_put (seeder,
                 "{\"resourceType\":\"FamilyMemberHistory\",\"id\":\"adult-family-brother\","
                 "\"status\":\"completed\",\"patient\":{\"reference\":\"Patient/" PATIENT "\"},"
                 "\"relationship\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "v3-RoleCode\",\"code\":\"BRO\",\"display\":\"brother\"}]},"
                 "\"condition\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"38341003\","
                 "\"display\":\"Hypertensive disorder\"}]},\"onsetAge\":{\"value\":40,\"unit\":\"a\","
                 "\"system\":\"" SEED_UCUM "\",\"code\":\"a\"}}]}");

  /* Immunizations: a flu shot each autumn, Tdap, and the hepatitis B
   * series recommended to adults with diabetes. */
  for (guint year = 0; year < 6; year++)
    {
      g_autofree char *date = care_seed_day (seeder, (int)year * 365 + 40);
      g_autofree char *id = g_strdup_printf ("adult-flu-%u", year);

      care_seed_immunization (seeder, id, PATIENT, NULL, "150",
                              "Influenza, injectable, quadrivalent, preservative free", date,
                              "riverside-main");
    }
  care_seed_immunization (seeder, "adult-tdap", PATIENT, NULL, "115", "Tdap", tdap, "riverside-main");
  for (guint dose = 0; dose < 3; dose++)
    {
      g_autofree char *date = care_seed_day (seeder, HISTORY_DAYS - 60 - (int)dose * (dose == 2 ? 120 : 30));
      g_autofree char *id = g_strdup_printf ("adult-hepb-%u", dose);

      care_seed_immunization (seeder, id, PATIENT, NULL, "43", "Hepatitis B, adult dosage", date,
                              "riverside-main");
    }
}

static void
seed_medications (Seeder *seeder)
{
  g_autofree char *start = care_seed_day (seeder, HISTORY_DAYS + 20);
  g_autofree char *raised = care_seed_day (seeder, 4 * 365);
  g_autofree char *bp_start = care_seed_day (seeder, HISTORY_DAYS - 290);
  g_autofree char *bp_raised = care_seed_day (seeder, 2 * 365);
  g_autofree char *statin = care_seed_day (seeder, HISTORY_DAYS - 320);
  g_autofree char *sglt2 = care_seed_day (seeder, 365);
  g_autofree char *sprain = care_seed_day (seeder, 3 * 365 + 20);

  care_seed_medication (seeder, "metformin-500", "861007", "Metformin hydrochloride 500 MG Oral Tablet",
                        "Tablet");
  care_seed_medication (seeder, "metformin-1000", "861004", "Metformin hydrochloride 1000 MG Oral Tablet",
                        "Tablet");
  care_seed_medication (seeder, "lisinopril-10", "314076", "Lisinopril 10 MG Oral Tablet", "Tablet");
  care_seed_medication (seeder, "lisinopril-20", "314077", "Lisinopril 20 MG Oral Tablet", "Tablet");
  care_seed_medication (seeder, "atorvastatin-20", "617310", "Atorvastatin 20 MG Oral Tablet", "Tablet");
  care_seed_medication (seeder, "empagliflozin-10", "1545658", "Empagliflozin 10 MG Oral Tablet",
                        "Tablet");
  care_seed_medication (seeder, "ibuprofen-600", "197806", "Ibuprofen 600 MG Oral Tablet", "Tablet");

  /* Doses go up as the years go by; the old orders stay, stopped. */
  care_seed_prescription (seeder, "adult-metformin-500", PATIENT, "metformin-500", "stopped", start,
                          "okafor", "adult-diabetes", "Take 1 tablet by mouth twice a day with meals",
                          2, 1, "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "adult-metformin", PATIENT, "metformin-1000", "active", raised,
                          "okafor", "adult-diabetes",
                          "Take 1 tablet by mouth twice a day with breakfast and dinner",
                          2, 1, "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "adult-lisinopril-10", PATIENT, "lisinopril-10", "stopped", bp_start,
                          "okafor", "adult-hypertension", "Take 1 tablet by mouth every morning",
                          1, 1, "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "adult-lisinopril", PATIENT, "lisinopril-20", "active", bp_raised,
                          "okafor", "adult-hypertension", "Take 1 tablet by mouth every morning",
                          1, 1, "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "adult-atorvastatin", PATIENT, "atorvastatin-20", "active", statin,
                          "okafor", "adult-hyperlipidemia", "Take 1 tablet by mouth at bedtime",
                          1, 1, "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "adult-empagliflozin", PATIENT, "empagliflozin-10", "active", sglt2,
                          "okafor", "adult-diabetes",
                          "Take 1 tablet by mouth every morning. Drink plenty of water.",
                          1, 1, "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "adult-ibuprofen", PATIENT, "ibuprofen-600", "completed", sprain,
                          "moreno", "adult-ankle",
                          "Take 1 tablet by mouth every 8 hours with food as needed for pain, for up to 10 days",
                          3, 1, "tablet", TRUE, 10, 0);
}

/* One quarterly visit (or, with --scale, one of the denser visits). */
static void
seed_visit (Seeder *seeder,
            guint   index,
            int     days_ago,
            double  progress)
{
  g_autofree char *date = care_seed_day (seeder, days_ago);
  g_autofree char *encounter = g_strdup_printf ("adult-visit-%u", index);
  g_autofree char *id = NULL;
  double a1c = 8.6 - 1.7 * progress + care_seed_jitter (seeder, 0.15);
  /* Average glucose follows A1c (ADAG: 28.7 × A1c − 46.7), plus a fasting wobble. */
  double glucose = 28.7 * a1c - 46.7 - 25 + care_seed_jitter (seeder, 10);
  double weight = 94 - 8 * progress + care_seed_jitter (seeder, 0.8);
  int systolic = (int)(150 - 22 * progress + care_seed_jitter (seeder, 5));
  int diastolic = (int)(95 - 14 * progress + care_seed_jitter (seeder, 4));

  care_seed_encounter (seeder, encounter, PATIENT, "Diabetes and blood pressure follow-up",
                       index % 2 == 0 ? "okafor" : "moreno", "riverside-main",
                       "Type 2 diabetes mellitus; hypertension", date, "09:00");

  id = g_strdup_printf ("adult-dx-%u", index);
  care_seed_condition (seeder, id, PATIENT, encounter, "44054006", "Type 2 diabetes mellitus", date,
                       NULL);

  g_free (id);
  id = g_strdup_printf ("adult-bp-%u", index);
  care_seed_blood_pressure (seeder, id, PATIENT, encounter, systolic, diastolic, date);
  {
    g_autofree char *weight_id = g_strdup_printf ("adult-weight-%u", index);
    g_autofree char *pulse_id = g_strdup_printf ("adult-pulse-%u", index);
    g_autofree char *bmi_id = g_strdup_printf ("adult-bmi-%u", index);
    SeedObservation weight_obs = { weight_id, PATIENT, encounter, "vital-signs", "29463-7",
                                   "Body weight", weight, 1, "kg", NAN, NAN, date, "09:05" };
    SeedObservation pulse_obs = { pulse_id, PATIENT, encounter, "vital-signs", "8867-4", "Heart rate",
                                  76 + care_seed_jitter (seeder, 8), 0, "/min", NAN, NAN, date, "09:10" };
    /* She is 165 cm tall. */
    SeedObservation bmi_obs = { bmi_id, PATIENT, encounter, "vital-signs", "39156-5",
                                "Body mass index (BMI) [Ratio]", weight / (1.65 * 1.65), 1, "kg/m2",
                                NAN, NAN, date, "09:05" };

    care_seed_observation (seeder, &weight_obs);
    care_seed_observation (seeder, &pulse_obs);
    care_seed_observation (seeder, &bmi_obs);
  }

  /* A1c at every visit. */
  {
    g_autofree char *report = g_strdup_printf ("adult-a1c-report-%u", index);
    g_autofree char *a1c_id = g_strdup_printf ("adult-a1c-%u", index);
    const char *results[] = { a1c_id, NULL };
    SeedObservation obs = { a1c_id, PATIENT, encounter, "laboratory", "4548-4",
                            "Hemoglobin A1c/Hemoglobin.total in Blood", a1c, 1, "%", 4.0, 5.6,
                            date, "08:15" };

    care_seed_observation (seeder, &obs);
    care_seed_report (seeder, report, PATIENT, encounter, "4548-4",
                      "Hemoglobin A1c/Hemoglobin.total in Blood", results, date, NULL);
  }

  /* Twice a year, the metabolic panel. */
  if (index % 2 == 0)
    {
      g_autofree char *report = g_strdup_printf ("adult-bmp-%u", index);
      double creatinine = 0.82 + 0.12 * progress + care_seed_jitter (seeder, 0.06);
      double values[] = {
        glucose, 15 + care_seed_jitter (seeder, 4), creatinine, 139 + care_seed_jitter (seeder, 2),
        /* An occasional high potassium on the ACE inhibitor. */
        (index % 10 == 4 ? 5.4 : 4.3) + care_seed_jitter (seeder, 0.2),
        102 + care_seed_jitter (seeder, 2), 25 + care_seed_jitter (seeder, 2),
        9.4 + care_seed_jitter (seeder, 0.3), /* CKD-EPI 2021 for a woman with creatinine above 0.7. */
        142 * pow (creatinine / 0.7, -1.2) * pow (0.9938, 39 + 6 * progress) * 1.012,
      };

      seed_panel (seeder, report, encounter, "51990-0", "Basic metabolic panel - Blood",
                  metabolic, G_N_ELEMENTS (metabolic), values, date);
    }

  /* Once a year, lipids, a blood count and urine albumin. */
  if (index % 4 == 1)
    {
      g_autofree char *report = g_strdup_printf ("adult-lipids-%u", index);
      double hdl = 41 + 9 * progress + care_seed_jitter (seeder, 3);
      double triglycerides = 210 - 70 * progress + care_seed_jitter (seeder, 15);
      double ldl = 150 - 62 * progress + care_seed_jitter (seeder, 8);
      double values[] = { ldl + hdl + triglycerides / 5, triglycerides, hdl, ldl };

      seed_panel (seeder, report, encounter, "57698-3",
                  "Lipid panel with direct LDL - Serum or Plasma", lipids, G_N_ELEMENTS (lipids), values,
                  date);
    }
  if (index % 4 == 3)
    {
      g_autofree char *report = g_strdup_printf ("adult-cbc-%u", index);
      g_autofree char *acr_report = g_strdup_printf ("adult-acr-report-%u", index);
      g_autofree char *acr_id = g_strdup_printf ("adult-acr-%u", index);
      const char *acr_results[] = { acr_id, NULL };
      /* One year her iron ran low. */
      double hemoglobin = (index % 8 == 7 ? 11.4 : 13.1) + care_seed_jitter (seeder, 0.3);
      double values[] = {
        6.8 + care_seed_jitter (seeder, 1.5), hemoglobin / 3.0, hemoglobin,
        hemoglobin * 3.0, (index % 8 == 7 ? 79 : 88) + care_seed_jitter (seeder, 2),
        260 + care_seed_jitter (seeder, 40),
      };
      SeedObservation acr = { acr_id, PATIENT, encounter, "laboratory", "14959-1",
                              "Microalbumin/Creatinine [Mass Ratio] in Urine",
                              48 - 36 * progress + care_seed_jitter (seeder, 4), 0, "mg/g", NAN, 30,
                              date, "08:15" };

      seed_panel (seeder, report, encounter, "58410-2", "CBC panel - Blood by Automated count",
                  blood_count, G_N_ELEMENTS (blood_count), values, date);
      care_seed_observation (seeder, &acr);
      care_seed_report (seeder, acr_report, PATIENT, encounter, "14959-1",
                        "Microalbumin/Creatinine [Mass Ratio] in Urine", acr_results, date, NULL);
    }
}

static void
seed_imaging (Seeder *seeder)
{
  g_autofree char *chest = care_seed_day (seeder, 2 * 365 + 135);
  g_autofree char *ankle = care_seed_day (seeder, 3 * 365 + 20);
  g_autofree char *chest_taken = care_seed_time (chest, "10:00", 0);
  g_autofree char *chest_read = care_seed_time (chest, "16:00", 0);
  g_autofree char *ankle_taken = care_seed_time (ankle, "14:00", 0);
  g_autofree char *ankle_read = care_seed_time (ankle, "17:00", 0);

  care_seed_put (seeder,
                 "{\"resourceType\":\"DiagnosticReport\",\"id\":\"adult-chest-xray\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0074\","
                 "\"code\":\"RAD\",\"display\":\"Radiology\"}]},{\"coding\":[{\"system\":\"" SEED_LOINC "\","
                 "\"code\":\"LP29684-5\",\"display\":\"Radiology\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"36643-5\","
                 "\"display\":\"XR Chest 2 Views\"}],\"text\":\"Chest X-ray, 2 views\"},"
                 "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},"
                 "\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                 "\"performer\":[{\"reference\":\"Organization/riverside\"}],"
                 "\"conclusion\":\"No acute cardiopulmonary findings. Heart size normal. "
                 "Mild peribronchial thickening, consistent with bronchitis.\","
                 "\"conclusionCode\":[{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"10509002\","
                 "\"display\":\"Acute bronchitis\"}]}]}", chest_taken, chest_read);
  care_seed_put (seeder,
                 "{\"resourceType\":\"DiagnosticReport\",\"id\":\"adult-ankle-xray\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0074\","
                 "\"code\":\"RAD\",\"display\":\"Radiology\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"37637-6\","
                 "\"display\":\"XR Ankle - left 3 Views\"}],\"text\":\"Left ankle X-ray, 3 views\"},"
                 "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},"
                 "\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                 "\"performer\":[{\"reference\":\"Organization/riverside\"}],"
                 "\"conclusion\":\"No fracture or dislocation. Soft tissue swelling over the lateral "
                 "malleolus.\"}", ankle_taken, ankle_read);
}

/**
 * care_seed_adult:
 * @seeder: the seeder
 *
 * Maria's clinical record.
 */
void
care_seed_adult (Seeder *seeder)
{
  guint visits = 24 * seeder->scale;

  seed_history (seeder);
  seed_medications (seeder);
  seed_imaging (seeder);

  /* The last visit was a week ago; the others every quarter before it
   * (every quarter / scale with --scale). */
  for (guint i = 0; i < visits && !seeder->failed; i++)
    {
      int days_ago = 7 + (int)((visits - 1 - i) * 91 / seeder->scale);

      seed_visit (seeder, i, days_ago, visits > 1 ? (double)i / (visits - 1) : 1.0);
    }
}
