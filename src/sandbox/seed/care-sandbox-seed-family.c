/* care-sandbox-seed-family.c — Mateo's growth and shots, Lucía's private care, Roberto's record
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mateo's measurements are drawn on the WHO (under 24 months) and CDC
 * (from 24 months) growth curves with care-lms: he tracks a little above
 * the middle (weight near the 60th percentile, drifting slowly up), as a
 * healthy child does, so the growth charts show believable lines. His
 * immunizations follow the CDC schedule by age.
 */
#include "config.h"

#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#include <math.h>
#include <string.h>

#define CHILD CARE_SANDBOX_DEMO_CHILD
#define TEEN  CARE_SANDBOX_DEMO_TEEN
#define ELDER CARE_SANDBOX_DEMO_ELDER

/* The usual well-child schedule (AAP/Bright Futures), by age. */
static const struct
{
  const char *key;
  int         days;
  int         months;   /* -1: days only */
} well_visits[] = {
  { "3d", 3, -1 }, { "14d", 14, -1 }, { "1m", 0, 1 }, { "2m", 0, 2 }, { "4m", 0, 4 },
  { "6m", 0, 6 }, { "9m", 0, 9 }, { "12m", 0, 12 }, { "15m", 0, 15 }, { "18m", 0, 18 },
  { "24m", 0, 24 }, { "30m", 0, 30 }, { "3y", 0, 36 }, { "4y", 0, 48 }, { "5y", 0, 60 },
  { "6y", 0, 72 }, { "7y", 0, 84 }, { "8y", 0, 96 },
};

/* CDC's childhood schedule, given at the visit for that age. */
static const struct
{
  const char *visit;
  const char *cvx;
  const char *display;
} child_shots[] = {
  { "3d", "08", "Hep B, adolescent or pediatric" },
  { "1m", "08", "Hep B, adolescent or pediatric" },
  { "2m", "20", "DTaP" }, { "2m", "10", "IPV" }, { "2m", "48", "Hib (PRP-T)" },
  { "2m", "133", "Pneumococcal conjugate PCV 13" }, { "2m", "116", "Rotavirus, pentavalent" },
  { "4m", "20", "DTaP" }, { "4m", "10", "IPV" }, { "4m", "48", "Hib (PRP-T)" },
  { "4m", "133", "Pneumococcal conjugate PCV 13" }, { "4m", "116", "Rotavirus, pentavalent" },
  { "6m", "20", "DTaP" }, { "6m", "10", "IPV" }, { "6m", "48", "Hib (PRP-T)" },
  { "6m", "133", "Pneumococcal conjugate PCV 13" }, { "6m", "116", "Rotavirus, pentavalent" },
  { "6m", "08", "Hep B, adolescent or pediatric" },
  { "6m", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "9m", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "12m", "03", "MMR" }, { "12m", "21", "Varicella" }, { "12m", "83", "Hep A, ped/adol, 2 dose" },
  { "12m", "133", "Pneumococcal conjugate PCV 13" },
  { "15m", "20", "DTaP" }, { "15m", "48", "Hib (PRP-T)" },
  { "18m", "83", "Hep A, ped/adol, 2 dose" },
  { "18m", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "30m", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "4y", "130", "DTaP-IPV" }, { "4y", "94", "MMRV" },
  { "4y", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "5y", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "6y", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "7y", "150", "Influenza, injectable, quadrivalent, preservative free" },
  { "8y", "150", "Influenza, injectable, quadrivalent, preservative free" },
};

static double
round_to (double value,
          int    decimals)
{
  double factor = pow (10, decimals);

  return round (value * factor) / factor;
}

static void
vital (Seeder     *seeder,
       const char *id,
       const char *patient,
       const char *encounter,
       const char *code,
       const char *display,
       double      value,
       int         decimals,
       const char *unit,
       const char *date)
{
  SeedObservation obs = { id, patient, encounter, "vital-signs", code, display, value, decimals, unit,
                          NAN, NAN, date, "10:10" };

  care_seed_observation (seeder, &obs);
}

/* Measures Mateo at one visit; returns the lines of his summary. */
static void
measure_child (Seeder     *seeder,
               const char *key,
               const char *encounter,
               double      age_months,
               double      progress,
               const char *date,
               GPtrArray  *summary)
{
  /* A child near the 60th percentile for weight, the 64th for length, the
   * middle for head size: tracking, with a little noise at each visit. */
  double z_weight = 0.22 + 0.14 * progress + care_seed_jitter (seeder, 0.06);
  double z_length = 0.36 + 0.04 * progress + care_seed_jitter (seeder, 0.05);
  double z_head = -0.05 + 0.10 * progress + care_seed_jitter (seeder, 0.06);
  double weight = 0, length = 0, head = 0, z = 0;
  gboolean infant = age_months < 24;
  g_autofree char *id = NULL;

  care_lms_measurement (seeder->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_MALE, age_months, 0,
                        z_weight, &weight);
  care_lms_measurement (seeder->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_MALE, age_months, 0,
                        z_length, &length);
  /* Scales for babies read to 10 g, the others to 100 g. */
  weight = round_to (weight, infant ? 2 : 1);
  length = round_to (length, 1);

  id = g_strdup_printf ("child-weight-%s", key);
  vital (seeder, id, CHILD, encounter, "29463-7", "Body weight", weight, infant ? 2 : 1, "kg", date);
  g_free (id);
  id = g_strdup_printf ("child-height-%s", key);
  if (infant)
    vital (seeder, id, CHILD, encounter, "8306-3", "Body height --lying", length, 1, "cm", date);
  else
    vital (seeder, id, CHILD, encounter, "8302-2", "Body height", length, 1, "cm", date);
  g_ptr_array_add (summary, g_strdup_printf ("Weight %.*f kg · %s %.1f cm", infant ? 2 : 1, weight,
                                             infant ? "Length" : "Height", length));

  if (care_lms_measurement (seeder->lms, CARE_LMS_HEAD_FOR_AGE, CARE_LMS_SEX_MALE, age_months, 0,
                            z_head, &head))
    {
      head = round_to (head, 1);
      g_free (id);
      id = g_strdup_printf ("child-head-%s", key);
      vital (seeder, id, CHILD, encounter, "9843-4", "Head Occipital-frontal circumference", head, 1,
             "cm", date);
      g_ptr_array_add (summary, g_strdup_printf ("Head circumference %.1f cm", head));
    }

  if (infant)
    {
      /* US Core's pediatric weight-for-length percentile, from WHO. */
      if (care_lms_z_score (seeder->lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_MALE, age_months,
                            length, weight, &z))
        {
          g_free (id);
          id = g_strdup_printf ("child-wfl-percentile-%s", key);
          vital (seeder, id, CHILD, encounter, "77606-2",
                 "Weight-for-length Per age and sex", care_lms_percentile_from_z (z), 1, "%", date);
        }
    }
  else
    {
      double bmi = round_to (weight / ((length / 100) * (length / 100)), 1);

      g_free (id);
      id = g_strdup_printf ("child-bmi-%s", key);
      vital (seeder, id, CHILD, encounter, "39156-5", "Body mass index (BMI) [Ratio]", bmi, 1,
             "kg/m2", date);
      if (care_lms_z_score (seeder->lms, CARE_LMS_BMI_FOR_AGE, CARE_LMS_SEX_MALE, age_months, 0, bmi,
                            &z))
        {
          g_free (id);
          id = g_strdup_printf ("child-bmi-percentile-%s", key);
          vital (seeder, id, CHILD, encounter, "59576-9",
                 "Body mass index (BMI) [Percentile] Per age and sex", care_lms_percentile_from_z (z), 1,
                 "%", date);
          g_ptr_array_add (summary, g_strdup_printf ("BMI %.1f kg/m2 (percentile %.0f for age)", bmi,
                                                     care_lms_percentile_from_z (z)));
        }
    }
}

static void
seed_ear_infections (Seeder *seeder,
                     int     born_days_ago)
{
  static const int ages[] = { 305, 520, 850 };
  g_autofree char *first = care_seed_day (seeder, born_days_ago - ages[0]);
  g_autofree char *last = care_seed_day (seeder, born_days_ago - ages[2] - 30);

  care_seed_medication (seeder, "amoxicillin-suspension", "308182",
                        "Amoxicillin 250 MG in 5 mL Oral Suspension", "Oral suspension");

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      int days_ago = born_days_ago - ages[i];
      g_autofree char *date = care_seed_day (seeder, days_ago);
      g_autofree char *healed = care_seed_day (seeder, days_ago - 10);
      g_autofree char *encounter = g_strdup_printf ("child-ear-%u", i);
      g_autofree char *id = g_strdup_printf ("child-otitis-%u", i);
      g_autofree char *med = g_strdup_printf ("child-amoxicillin-%u", i);
      g_autofree char *temp = g_strdup_printf ("child-temperature-%u", i);
      SeedObservation fever = { temp, CHILD, encounter, "vital-signs", "8310-5", "Body temperature",
                                38.4 + care_seed_jitter (seeder, 0.4), 1, "Cel", NAN, NAN, date, "15:10" };

      care_seed_encounter (seeder, encounter, CHILD, "Sick visit", i == 1 ? "moreno" : "lindqvist",
                           "riverside-kids", "Ear pain and fever", date, "15:00");
      care_seed_observation (seeder, &fever);
      care_seed_condition (seeder, id, CHILD, encounter, "65363002", "Otitis media", date, healed);
      /* 90 mg/kg/day in two doses, for a toddler of about 10 kg. */
      care_seed_prescription (seeder, med, CHILD, "amoxicillin-suspension", "completed", date,
                              i == 1 ? "moreno" : "lindqvist", id,
                              "Give 9 mL by mouth twice a day for 10 days. Shake well. Keep in the fridge.",
                              2, 9, "mL", FALSE, 10, 0);
    }

  care_seed_condition (seeder, "child-recurrent-otitis", CHILD, NULL, "65363002",
                       "Otitis media", first, last);
}

/**
 * care_seed_child:
 * @seeder: the seeder
 *
 * Mateo, 8: well-child visits since birth with growth measurements on the
 * WHO and CDC curves, his immunizations, three ear infections.
 */
void
care_seed_child (Seeder *seeder)
{
  g_autofree char *born = care_seed_birth_date (seeder, 8, 45);
  int born_days_ago = care_seed_days_since (seeder, born);
  g_autoptr(GPtrArray) summary = NULL;
  g_autofree char *last_date = NULL;
  g_autofree char *last_encounter = NULL;
  g_autofree char *due = care_seed_day (seeder, -20);
  g_autofree char *today = care_seed_day (seeder, 0);

  care_seed_put (seeder,
                 "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"child-no-allergies\","
                 "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "allergyintolerance-clinical\",\"code\":\"active\"}]},"
                 "\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "allergyintolerance-verification\",\"code\":\"confirmed\"}]},"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"716186003\","
                 "\"display\":\"No known allergy\"}],\"text\":\"No known allergies\"},"
                 "\"patient\":{\"reference\":\"Patient/" CHILD "\"},\"recordedDate\":\"%s\"}", born);

  for (guint i = 0; i < G_N_ELEMENTS (well_visits); i++)
    {
      /* On or just after the month birthday, as visits are booked: the
       * 2-year visit is on the CDC charts, and the 3-year one past the end
       * of the head circumference chart (36 months). */
      int age_days = well_visits[i].months >= 0
                     ? (int)ceil (well_visits[i].months * CARE_LMS_DAYS_PER_MONTH)
                     : well_visits[i].days;
      int days_ago = born_days_ago - age_days;
      g_autofree char *date = NULL;
      g_autofree char *encounter = NULL;

      if (days_ago < 1)
        break;

      date = care_seed_day (seeder, days_ago);
      encounter = g_strdup_printf ("child-checkup-%s", well_visits[i].key);
      care_seed_encounter (seeder, encounter, CHILD, "Well-child visit", "lindqvist", "riverside-kids",
                           "Routine child health examination", date, "10:00");

      g_clear_pointer (&summary, g_ptr_array_unref);
      summary = g_ptr_array_new_with_free_func (g_free);
      measure_child (seeder, well_visits[i].key, encounter, age_days / CARE_LMS_DAYS_PER_MONTH,
                     (double)i / (G_N_ELEMENTS (well_visits) - 1), date, summary);

      for (guint j = 0; j < G_N_ELEMENTS (child_shots); j++)
        if (g_str_equal (child_shots[j].visit, well_visits[i].key))
          {
            g_autofree char *id = g_strdup_printf ("child-shot-%u", j);

            care_seed_immunization (seeder, id, CHILD, encounter, child_shots[j].cvx,
                                    child_shots[j].display, date, "riverside-kids");
            g_ptr_array_add (summary, g_strdup_printf ("Vaccine given: %s", child_shots[j].display));
          }

      g_free (last_date);
      last_date = g_steal_pointer (&date);
      g_free (last_encounter);
      last_encounter = g_steal_pointer (&encounter);
    }

  seed_ear_infections (seeder, born_days_ago);

  /* A summary of the latest check-up, for the documents list. */
  if (summary != NULL && last_date != NULL)
    {
      g_autofree char *pdf = NULL;
      g_autofree char *subtitle = g_strdup_printf ("Mateo Reyes · Well-child visit of %s", last_date);

      g_ptr_array_insert (summary, 0, g_strdup ("# Your child’s growth and care today"));
      g_ptr_array_add (summary, g_strdup ("# Advice"));
      g_ptr_array_add (summary, g_strdup ("Mateo is growing well and steadily along his curves."));
      g_ptr_array_add (summary, g_strdup ("An hour of active play a day; limit screens to two hours."));
      g_ptr_array_add (summary, g_strdup ("See the dentist twice a year. Use a booster seat in the car."));
      g_ptr_array_add (summary, g_strdup ("Next well-child visit in one year; flu vaccine every autumn."));
      g_ptr_array_add (summary, NULL);
      pdf = care_seed_dup_base64_pdf ("After-Visit Summary", subtitle, last_date,
                                      (const char * const *)summary->pdata);
      care_seed_document (seeder, "child-avs", CHILD, last_encounter, "34133-9", "After-visit summary",
                          "lindqvist", "application/pdf", pdf, last_date);
    }

  care_seed_put (seeder,
                 "{\"resourceType\":\"ImmunizationRecommendation\",\"id\":\"child-recommendations\","
                 "\"patient\":{\"reference\":\"Patient/" CHILD "\"},\"date\":\"%s\","
                 "\"recommendation\":[{\"vaccineCode\":[{\"coding\":[{\"system\":\"" SEED_CVX "\","
                 "\"code\":\"150\",\"display\":\"Influenza, injectable, quadrivalent, preservative free\"}],"
                 "\"text\":\"Flu vaccine\"}],\"forecastStatus\":{\"coding\":[{\"system\":\"http://"
                 "terminology.hl7.org/CodeSystem/immunization-recommendation-status\",\"code\":\"due\"}]},"
                 "\"dateCriterion\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\","
                 "\"code\":\"30980-7\",\"display\":\"Date vaccine due\"}]},\"value\":\"%s\"}]}]}",
                 today, due);
}

/**
 * care_seed_teen:
 * @seeder: the seeder
 *
 * Lucía, 15: yearly check-ups and vaccines a parent sees, and what the
 * portal withholds from a parent from the 12th birthday: labs, a
 * medication, a clinical note, health issues (and, in care_seed_messages(),
 * her messages).
 */
void
care_seed_teen (Seeder *seeder)
{
  g_autofree char *born = care_seed_birth_date (seeder, 15, 200);
  int born_days_ago = care_seed_days_since (seeder, born);
  g_autofree char *visit = care_seed_day (seeder, 60);
  g_autofree char *note64 = NULL;
  static const char *note =
    "CONFIDENTIAL ADOLESCENT VISIT\n\nSeen alone for part of the visit, as is our practice from age 12. "
    "Reports feeling worried most days for several months, trouble sleeping before tests, tired. "
    "Periods heavy. GAD-7 score 12.\n\nAssessment: generalized anxiety disorder; iron deficiency "
    "anemia (hemoglobin 11.1 g/dL, ferritin 9 ng/mL).\n\nPlan: sertraline 25 mg daily, school "
    "counselor referral, ferrous sulfate every other day, recheck in 6 weeks. Patient asked that this "
    "stays between her and the clinic.\n\nPaula Moreno, NP";
  static const char *iron_codes[][2] = {
    { "718-7", "Hemoglobin [Mass/volume] in Blood" },
    { "787-2", "MCV [Entitic volume] by Automated count" },
    { "2276-4", "Ferritin [Mass/volume] in Serum or Plasma" },
  };
  const double iron_values[][3] = { { 11.1, 12.0, 15.5 }, { 76, 80, 100 }, { 9, 12, 150 } };
  const char *iron_ids[] = { "teen-iron-0", "teen-iron-1", "teen-iron-2", NULL };
  static const char *iron_units[] = { "g/dL", "fL", "ng/mL" };

  for (int age = 11; age <= 15; age++)
    {
      int days_ago = born_days_ago - (int)(age * 365.25) - 12;
      double age_months = (born_days_ago - days_ago) / CARE_LMS_DAYS_PER_MONTH;
      g_autofree char *date = care_seed_day (seeder, days_ago);
      g_autofree char *encounter = g_strdup_printf ("teen-checkup-%d", age);
      g_autofree char *id = NULL;
      double height = 0, weight = 0;

      care_seed_encounter (seeder, encounter, TEEN, "Adolescent well visit", "moreno", "riverside-kids",
                           "Routine adolescent health examination", date, "16:00");
      care_lms_measurement (seeder->lms, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_SEX_FEMALE, age_months, 0,
                            0.15 + care_seed_jitter (seeder, 0.05), &height);
      care_lms_measurement (seeder->lms, CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_SEX_FEMALE, age_months, 0,
                            0.05 + care_seed_jitter (seeder, 0.08), &weight);
      height = round_to (height, 1);
      weight = round_to (weight, 1);

      id = g_strdup_printf ("teen-height-%d", age);
      vital (seeder, id, TEEN, encounter, "8302-2", "Body height", height, 1, "cm", date);
      g_free (id);
      id = g_strdup_printf ("teen-weight-%d", age);
      vital (seeder, id, TEEN, encounter, "29463-7", "Body weight", weight, 1, "kg", date);
      g_free (id);
      id = g_strdup_printf ("teen-bmi-%d", age);
      vital (seeder, id, TEEN, encounter, "39156-5", "Body mass index (BMI) [Ratio]",
             weight / ((height / 100) * (height / 100)), 1, "kg/m2", date);
      g_free (id);
      id = g_strdup_printf ("teen-bp-%d", age);
      care_seed_blood_pressure (seeder, id, TEEN, encounter, 106 + age % 3 * 2, 66 + age % 2 * 4, date);

      g_free (id);
      id = g_strdup_printf ("teen-flu-%d", age);
      care_seed_immunization (seeder, id, TEEN, encounter, "150",
                              "Influenza, injectable, quadrivalent, preservative free", date,
                              "riverside-kids");
      if (age == 11)
        {
          care_seed_immunization (seeder, "teen-tdap", TEEN, encounter, "115", "Tdap", date,
                                  "riverside-kids");
          care_seed_immunization (seeder, "teen-menacwy", TEEN, encounter, "114",
                                  "Meningococcal MCV4P", date, "riverside-kids");
          care_seed_immunization (seeder, "teen-hpv-0", TEEN, encounter, "165", "HPV9", date,
                                  "riverside-kids");
        }
      else if (age == 12)
        care_seed_immunization (seeder, "teen-hpv-1", TEEN, encounter, "165", "HPV9", date,
                                "riverside-kids");
    }

  /* The confidential visit two months ago. A parent still sees that a
   * visit took place, so its reason says nothing. */
  care_seed_encounter (seeder, "teen-visit-confidential", TEEN, "Office visit", "moreno",
                       "riverside-kids", "Office visit", visit, "15:30");
  for (guint i = 0; i < G_N_ELEMENTS (iron_codes); i++)
    {
      SeedObservation obs = { iron_ids[i], TEEN, "teen-visit-confidential", "laboratory",
                              iron_codes[i][0], iron_codes[i][1], iron_values[i][0],
                              i == 0 ? 1 : 0, iron_units[i], iron_values[i][1], iron_values[i][2],
                              visit, "15:45" };

      care_seed_observation (seeder, &obs);
    }
  care_seed_report (seeder, "teen-iron-report", TEEN, "teen-visit-confidential", "24360-0",
                    "Hemoglobin and Hematocrit panel - Blood", iron_ids, visit,
                    "Iron deficiency anemia.");
  care_seed_condition (seeder, "teen-anxiety", TEEN, NULL, "21897009", "Generalized anxiety disorder",
                       visit, NULL);
  care_seed_condition (seeder, "teen-iron-deficiency", TEEN, NULL, "87522002",
                       "Iron deficiency anemia", visit, NULL);
  care_seed_medication (seeder, "sertraline-25", "312940", "Sertraline 25 MG Oral Tablet", "Tablet");
  care_seed_medication (seeder, "ferrous-sulfate-325", "310325", "Ferrous sulfate 325 MG Oral Tablet",
                        "Tablet");
  care_seed_prescription (seeder, "teen-sertraline", TEEN, "sertraline-25", "active", visit, "moreno",
                          "teen-anxiety", "Take 1 tablet by mouth every morning", 1, 1, "tablet", FALSE,
                          30, 2);
  care_seed_prescription (seeder, "teen-iron", TEEN, "ferrous-sulfate-325", "active", visit, "moreno",
                          "teen-iron-deficiency",
                          "Take 1 tablet by mouth every other day with orange juice", 1, 1, "tablet",
                          FALSE, 60, 1);
  note64 = g_base64_encode ((const guchar *)note, strlen (note));
  care_seed_document (seeder, "teen-note", TEEN, "teen-visit-confidential", "11506-3", "Progress note",
                      "moreno", "text/plain", note64, visit);
}

/**
 * care_seed_elder:
 * @seeder: the seeder
 *
 * Roberto, 78, who prefers Spanish: atrial fibrillation, kidney disease
 * and arthritis, his medicines, two years of quarterly checks.
 */
void
care_seed_elder (Seeder *seeder)
{
  g_autofree char *afib = care_seed_day (seeder, 4 * 365);
  g_autofree char *ckd = care_seed_day (seeder, 2 * 365 + 30);
  g_autofree char *knee = care_seed_day (seeder, 9 * 365);
  g_autofree char *pneumonia = care_seed_day (seeder, 3 * 365 + 50);
  g_autofree char *pneumonia_end = care_seed_day (seeder, 3 * 365 + 30);
  g_autofree char *zoster = care_seed_day (seeder, 4 * 365 + 100);
  g_autofree char *zoster2 = care_seed_day (seeder, 4 * 365 - 10);
  g_autofree char *pcv = care_seed_day (seeder, 2 * 365);
  g_autofree char *today = care_seed_day (seeder, 0);
  g_autofree char *tdap_due = care_seed_day (seeder, 400);
  static const char *renal[][2] = {
    { "2160-0", "Creatinine [Mass/volume] in Serum or Plasma" },
    { "98979-8", "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, "
      "Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)" },
    { "2823-3", "Potassium [Moles/volume] in Serum or Plasma" },
  };

  care_seed_condition (seeder, "elder-afib", ELDER, NULL, "49436004", "Atrial fibrillation", afib, NULL);
  care_seed_condition (seeder, "elder-ckd", ELDER, NULL, "433144002", "Chronic kidney disease stage 3",
                       ckd, NULL);
  care_seed_condition (seeder, "elder-knee", ELDER, NULL, "239873007", "Osteoarthritis of knee", knee,
                       NULL);
  care_seed_condition (seeder, "elder-pneumonia", ELDER, NULL, "233604007", "Pneumonia", pneumonia,
                       pneumonia_end);

  care_seed_medication (seeder, "apixaban-5", "1364445", "Apixaban 5 MG Oral Tablet", "Tablet");
  care_seed_medication (seeder, "metoprolol-25", "866427",
                        "24 HR Metoprolol succinate 25 MG Extended Release Oral Tablet", "Tablet");
  care_seed_medication (seeder, "acetaminophen-500", "198440", "Acetaminophen 500 MG Oral Tablet",
                        "Tablet");
  care_seed_prescription (seeder, "elder-apixaban", ELDER, "apixaban-5", "active", afib, "wieczorek",
                          "elder-afib",
                          "Take 1 tablet by mouth twice a day (Tome 1 tableta dos veces al día)", 2, 1,
                          "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "elder-metoprolol", ELDER, "metoprolol-25", "active", afib, "wieczorek",
                          "elder-afib",
                          "Take 1 tablet by mouth every morning (Tome 1 tableta cada mañana)", 1, 1,
                          "tablet", FALSE, 90, 3);
  care_seed_prescription (seeder, "elder-acetaminophen", ELDER, "acetaminophen-500", "active", knee,
                          "okafor", "elder-knee",
                          "Take 2 tablets by mouth every 8 hours as needed for knee pain; no more than "
                          "6 tablets a day (Tome 2 tabletas cada 8 horas si tiene dolor)", 3, 2, "tablet",
                          TRUE, 30, 5);

  care_seed_put (seeder,
                 "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"elder-sulfa\","
                 "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "allergyintolerance-clinical\",\"code\":\"active\"}]},"
                 "\"type\":\"allergy\",\"category\":[\"medication\"],\"criticality\":\"low\","
                 "\"code\":{\"text\":\"Sulfonamide antibiotics\"},"
                 "\"patient\":{\"reference\":\"Patient/" ELDER "\"},\"recordedDate\":\"%s\","
                 "\"reaction\":[{\"manifestation\":[{\"coding\":[{\"system\":\"" SEED_SNOMED "\","
                 "\"code\":\"271807003\",\"display\":\"Eruption of skin\"}],\"text\":\"Rash\"}],"
                 "\"severity\":\"mild\"}]}", knee);

  /* Quarterly anticoagulation and kidney checks for two years. */
  for (guint q = 0; q < 8; q++)
    {
      int days_ago = 20 + (int)(7 - q) * 91;
      g_autofree char *date = care_seed_day (seeder, days_ago);
      g_autofree char *encounter = g_strdup_printf ("elder-visit-%u", q);
      g_autofree char *bp = g_strdup_printf ("elder-bp-%u", q);
      g_autofree char *report = g_strdup_printf ("elder-renal-%u", q);
      double creatinine = 1.35 + 0.03 * q + care_seed_jitter (seeder, 0.05);
      double values[] = {
        creatinine, 142 * pow (creatinine / 0.9, -1.2) * pow (0.9938, 78) ,
        4.6 + care_seed_jitter (seeder, 0.3),
      };
      const double ranges[][2] = { { 0.74, 1.35 }, { 60, NAN }, { 3.5, 5.1 } };
      static const char *units[] = { "mg/dL", "mL/min/{1.73_m2}", "mmol/L" };
      char *ids[G_N_ELEMENTS (renal) + 1] = { NULL };

      care_seed_encounter (seeder, encounter, ELDER, "Anticoagulation and kidney follow-up",
                           q % 2 == 0 ? "okafor" : "wieczorek", "riverside-main",
                           "Atrial fibrillation; chronic kidney disease", date, "11:00");
      care_seed_blood_pressure (seeder, bp, ELDER, encounter,
                                (int)(136 + care_seed_jitter (seeder, 6)),
                                (int)(78 + care_seed_jitter (seeder, 4)), date);
      for (guint i = 0; i < G_N_ELEMENTS (renal); i++)
        {
          SeedObservation obs = { NULL, ELDER, encounter, "laboratory", renal[i][0], renal[i][1],
                                  values[i], i == 0 ? 2 : i == 1 ? 0 : 1, units[i], ranges[i][0],
                                  ranges[i][1], date, "10:30" };

          ids[i] = g_strdup_printf ("%s-%u", report, i);
          obs.id = ids[i];
          care_seed_observation (seeder, &obs);
        }
      care_seed_report (seeder, report, ELDER, encounter, "24362-6", "Renal function panel - Serum or Plasma",
                        (const char * const *)ids, date, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (renal); i++)
        g_free (ids[i]);
    }

  for (guint year = 0; year < 3; year++)
    {
      g_autofree char *date = care_seed_day (seeder, (int)year * 365 + 45);
      g_autofree char *id = g_strdup_printf ("elder-flu-%u", year);

      care_seed_immunization (seeder, id, ELDER, NULL, "205", "Influenza, seasonal, high dose, quadrivalent",
                              date, "riverside-main");
    }
  care_seed_immunization (seeder, "elder-pcv20", ELDER, NULL, "216", "Pneumococcal conjugate PCV20", pcv,
                          "riverside-main");
  care_seed_immunization (seeder, "elder-zoster-0", ELDER, NULL, "187", "Zoster recombinant", zoster,
                          "riverside-main");
  care_seed_immunization (seeder, "elder-zoster-1", ELDER, NULL, "187", "Zoster recombinant", zoster2,
                          "riverside-main");
  care_seed_put (seeder,
                 "{\"resourceType\":\"ImmunizationRecommendation\",\"id\":\"elder-recommendations\","
                 "\"patient\":{\"reference\":\"Patient/" ELDER "\"},\"date\":\"%s\","
                 "\"recommendation\":[{\"vaccineCode\":[{\"coding\":[{\"system\":\"" SEED_CVX "\","
                 "\"code\":\"115\",\"display\":\"Tdap\"}],\"text\":\"Tétanos, difteria y tos ferina (Tdap)\"}],"
                 "\"forecastStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "immunization-recommendation-status\",\"code\":\"overdue\"}]},"
                 "\"dateCriterion\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"30980-7\","
                 "\"display\":\"Date vaccine due\"}]},\"value\":\"%s\"}]}]}", today, tdap_due);
}
