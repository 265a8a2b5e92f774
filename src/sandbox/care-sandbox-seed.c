/* care-sandbox-seed.c — the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deterministic, fictional family whose dates are relative to the
 * store's "today": Maria (45, type 2 diabetes and hypertension, six years
 * of quarterly visits), her children Mateo (8) and Lucía (15, whose
 * sensitive data a parent must not see) and her father Roberto (78, who
 * prefers Spanish and granted Maria proxy access). Same seed, same data.
 *
 * Still to come: growth measurements on LMS percentile tracks, PDFs of
 * visit summaries, billing and insurance, messages and appointments.
 */
#include "config.h"

#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#include <math.h>
#include <stdarg.h>

static const char *loinc = "http://loinc.org";
static const char *snomed = "http://snomed.info/sct";

void
care_seed_put (Seeder     *seeder,
     const char *format,
     ...)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) stored = NULL;
  va_list args;

  if (seeder->failed)
    return;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);

  if (!json_parser_load_from_data (parser, json, -1, seeder->error))
    {
      g_prefix_error (seeder->error, "Seed JSON: ");
      seeder->failed = TRUE;
      return;
    }

  stored = care_sandbox_store_put (seeder->store,
                                   json_node_get_object (json_parser_get_root (parser)),
                                   seeder->error);
  if (stored == NULL)
    seeder->failed = TRUE;
}

/* A day relative to today, as FHIR writes dates. */
char *
care_seed_day (Seeder *seeder,
     int     days_ago)
{
  GDate date = seeder->today;

  if (days_ago >= 0)
    g_date_subtract_days (&date, days_ago);
  else
    g_date_add_days (&date, -days_ago);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static char *
birth (Seeder *seeder,
       int     years,
       int     extra_days)
{
  GDate date = seeder->today;

  g_date_subtract_years (&date, years);
  g_date_subtract_days (&date, extra_days);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

double
care_seed_jitter (Seeder *seeder,
        double  amount)
{
  return (g_rand_double (seeder->rand) * 2 - 1) * amount;
}

static void
seed_directory (Seeder *seeder)
{
  care_seed_put (seeder, "{\"resourceType\":\"Organization\",\"id\":\"riverside\",\"name\":\"Riverside Family Health\","
               "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2200\"}],"
               "\"address\":[{\"line\":[\"200 River Road\"],\"city\":\"Springfield\",\"state\":\"OR\","
               "\"postalCode\":\"97477\"}]}");
  care_seed_put (seeder, "{\"resourceType\":\"Location\",\"id\":\"riverside-main\",\"name\":\"Riverside Main Clinic\","
               "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2200\"}],"
               "\"address\":{\"line\":[\"200 River Road\"],\"city\":\"Springfield\",\"state\":\"OR\"},"
               "\"hoursOfOperation\":[{\"daysOfWeek\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],"
               "\"openingTime\":\"08:00:00\",\"closingTime\":\"18:00:00\"}],"
               "\"managingOrganization\":{\"reference\":\"Organization/riverside\"}}");
  care_seed_put (seeder, "{\"resourceType\":\"Location\",\"id\":\"riverside-kids\",\"name\":\"Riverside Children’s Clinic\","
               "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2300\"}],"
               "\"address\":{\"line\":[\"48 Alder Street\"],\"city\":\"Springfield\",\"state\":\"OR\"},"
               "\"hoursOfOperation\":[{\"daysOfWeek\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\"],"
               "\"openingTime\":\"08:30:00\",\"closingTime\":\"17:00:00\"}],"
               "\"managingOrganization\":{\"reference\":\"Organization/riverside\"}}");
  care_seed_put (seeder, "{\"resourceType\":\"Practitioner\",\"id\":\"okafor\",\"name\":[{\"prefix\":[\"Dr.\"],"
               "\"given\":[\"Adaeze\"],\"family\":\"Okafor\",\"suffix\":[\"MD\"]}],"
               "\"qualification\":[{\"code\":{\"text\":\"Family medicine\"}}]}");
  care_seed_put (seeder, "{\"resourceType\":\"Practitioner\",\"id\":\"lindqvist\",\"name\":[{\"prefix\":[\"Dr.\"],"
               "\"given\":[\"Henrik\"],\"family\":\"Lindqvist\",\"suffix\":[\"MD\"]}],"
               "\"qualification\":[{\"code\":{\"text\":\"Pediatrics\"}}]}");
  care_seed_put (seeder, "{\"resourceType\":\"Practitioner\",\"id\":\"moreno\",\"name\":[{\"given\":[\"Paula\"],"
               "\"family\":\"Moreno\",\"suffix\":[\"NP\"]}],"
               "\"qualification\":[{\"code\":{\"text\":\"Nurse practitioner\"}}]}");
}

static void
seed_patient (Seeder     *seeder,
              const char *id,
              const char *given,
              const char *family,
              const char *gender,
              const char *birth_date,
              const char *language)
{
  care_seed_put (seeder, "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"active\":true,"
               "\"name\":[{\"use\":\"official\",\"given\":[\"%s\"],\"family\":\"%s\"}],"
               "\"gender\":\"%s\",\"birthDate\":\"%s\","
               "\"telecom\":[{\"system\":\"email\",\"value\":\"%s@example.org\"}],"
               "\"address\":[{\"line\":[\"17 Birch Lane\"],\"city\":\"Springfield\",\"state\":\"OR\"}],"
               "\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\","
               "\"code\":\"%s\"}]},\"preferred\":true}],"
               "\"generalPractitioner\":[{\"reference\":\"Practitioner/okafor\"}]}",
       id, given, family, gender, birth_date, id, language);
}

static void
seed_lab (Seeder     *seeder,
          const char *patient,
          const char *id,
          const char *code,
          const char *name,
          double      value,
          const char *unit,
          double      low,
          double      high,
          const char *date)
{
  const char *flag = value > high ? "H" : value < low ? "L" : "N";

  care_seed_put (seeder, "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
               "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "observation-category\",\"code\":\"laboratory\",\"display\":\"Laboratory\"}]}],"
               "\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\",\"display\":\"%s\"}],\"text\":\"%s\"},"
               "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%sT08:15:00Z\","
               "\"issued\":\"%sT14:00:00Z\",\"performer\":[{\"reference\":\"Organization/riverside\"}],"
               "\"valueQuantity\":{\"value\":%.1f,\"unit\":\"%s\",\"system\":\"http://unitsofmeasure.org\"},"
               "\"referenceRange\":[{\"low\":{\"value\":%.1f,\"unit\":\"%s\"},\"high\":{\"value\":%.1f,"
               "\"unit\":\"%s\"}}],"
               "\"interpretation\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "v3-ObservationInterpretation\",\"code\":\"%s\"}]}]}",
       id, loinc, code, name, name, patient, date, date, value, unit, low, unit, high, unit, flag);
}

static void
seed_vital (Seeder     *seeder,
            const char *patient,
            const char *id,
            const char *code,
            const char *name,
            double      value,
            const char *unit,
            const char *date)
{
  care_seed_put (seeder, "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
               "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "observation-category\",\"code\":\"vital-signs\",\"display\":\"Vital Signs\"}]}],"
               "\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\",\"display\":\"%s\"}],\"text\":\"%s\"},"
               "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%sT09:30:00Z\","
               "\"valueQuantity\":{\"value\":%.1f,\"unit\":\"%s\",\"system\":\"http://unitsofmeasure.org\"}}",
       id, loinc, code, name, name, patient, date, value, unit);
}

static void
seed_blood_pressure (Seeder     *seeder,
                     const char *patient,
                     const char *id,
                     int         systolic,
                     int         diastolic,
                     const char *date)
{
  care_seed_put (seeder, "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
               "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "observation-category\",\"code\":\"vital-signs\"}]}],"
               "\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"85354-9\","
               "\"display\":\"Blood pressure panel\"}],\"text\":\"Blood pressure\"},"
               "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%sT09:30:00Z\","
               "\"component\":[{\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"8480-6\","
               "\"display\":\"Systolic blood pressure\"}]},\"valueQuantity\":{\"value\":%d,\"unit\":\"mm[Hg]\"}},"
               "{\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"8462-4\","
               "\"display\":\"Diastolic blood pressure\"}]},\"valueQuantity\":{\"value\":%d,\"unit\":\"mm[Hg]\"}}]}",
       id, loinc, patient, date, loinc, systolic, loinc, diastolic);
}

static void
seed_condition (Seeder     *seeder,
                const char *patient,
                const char *id,
                const char *code,
                const char *name,
                const char *status,
                const char *onset)
{
  care_seed_put (seeder, "{\"resourceType\":\"Condition\",\"id\":\"%s\","
               "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "condition-clinical\",\"code\":\"%s\"}]},"
               "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "condition-category\",\"code\":\"problem-list-item\"}]}],"
               "\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\",\"display\":\"%s\"}],\"text\":\"%s\"},"
               "\"subject\":{\"reference\":\"Patient/%s\"},\"onsetDateTime\":\"%s\",\"recordedDate\":\"%s\"}",
       id, status, snomed, code, name, name, patient, onset, onset);
}

static void
seed_medication (Seeder     *seeder,
                 const char *patient,
                 const char *id,
                 const char *name,
                 const char *instructions,
                 const char *status,
                 const char *authored)
{
  care_seed_put (seeder, "{\"resourceType\":\"MedicationRequest\",\"id\":\"%s\",\"status\":\"%s\",\"intent\":\"order\","
               "\"medicationCodeableConcept\":{\"text\":\"%s\"},"
               "\"subject\":{\"reference\":\"Patient/%s\"},\"authoredOn\":\"%s\","
               "\"requester\":{\"reference\":\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"},"
               "\"dosageInstruction\":[{\"text\":\"%s\"}]}",
       id, status, name, patient, authored, instructions);
}

static void
seed_immunization (Seeder     *seeder,
                   const char *patient,
                   const char *id,
                   const char *cvx,
                   const char *name,
                   const char *date)
{
  care_seed_put (seeder, "{\"resourceType\":\"Immunization\",\"id\":\"%s\",\"status\":\"completed\","
               "\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"%s\","
               "\"display\":\"%s\"}],\"text\":\"%s\"},"
               "\"patient\":{\"reference\":\"Patient/%s\"},\"occurrenceDateTime\":\"%s\","
               "\"location\":{\"reference\":\"Location/riverside-main\"}}",
       id, cvx, name, name, patient, date);
}

static void
seed_adult (Seeder *seeder,
            guint   scale)
{
  const char *p = CARE_SANDBOX_DEMO_ADULT;
  g_autofree char *born = birth (seeder, 45, 120);
  guint visits = 24 * scale;

  seed_patient (seeder, p, "Maria Elena", "Reyes", "female", born, "en-US");

  {
    g_autofree char *dx = care_seed_day (seeder, 6 * 365 + 30);
    g_autofree char *htn = care_seed_day (seeder, 5 * 365);
    g_autofree char *sprain = care_seed_day (seeder, 3 * 365);

    seed_condition (seeder, p, "adult-diabetes", "44054006", "Type 2 diabetes mellitus", "active", dx);
    seed_condition (seeder, p, "adult-hypertension", "38341003", "Hypertension", "active", htn);
    seed_condition (seeder, p, "adult-ankle", "44465007", "Sprain of ankle", "resolved", sprain);
    seed_medication (seeder, p, "adult-metformin", "Metformin 500 mg tablet",
                     "Take 1 tablet by mouth twice a day with meals", "active", dx);
    seed_medication (seeder, p, "adult-lisinopril", "Lisinopril 10 mg tablet",
                     "Take 1 tablet by mouth every morning", "active", htn);
    seed_medication (seeder, p, "adult-atorvastatin", "Atorvastatin 20 mg tablet",
                     "Take 1 tablet by mouth at bedtime", "active", htn);
    seed_medication (seeder, p, "adult-naproxen", "Naproxen 250 mg tablet",
                     "Take 1 tablet every 12 hours as needed for pain", "completed", sprain);
  }

  care_seed_put (seeder, "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"adult-penicillin\","
               "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
               "allergyintolerance-clinical\",\"code\":\"active\"}]},"
               "\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"764146007\",\"display\":\"Penicillin\"}],"
               "\"text\":\"Penicillin\"},\"criticality\":\"high\",\"patient\":{\"reference\":\"Patient/%s\"},"
               "\"recordedDate\":\"2001-05-04\",\"reaction\":[{\"manifestation\":[{\"text\":\"Hives\"}],"
               "\"severity\":\"moderate\"}]}", snomed, p);

  /* Quarterly visits: A1c falls from about 8.4 % to 6.8 % over the years
   * as treatment works; blood pressure and weight follow it down. */
  for (guint i = 0; i < visits; i++)
    {
      int days_ago = (int)((visits - 1 - i) * 91 / scale) + 7;
      g_autofree char *date = care_seed_day (seeder, days_ago);
      g_autofree char *id = NULL;
      double progress = visits > 1 ? (double)i / (visits - 1) : 1.0;

      id = g_strdup_printf ("adult-a1c-%u", i);
      seed_lab (seeder, p, id, "4548-4", "Hemoglobin A1c", 8.4 - 1.6 * progress + care_seed_jitter (seeder, 0.2),
                "%", 4.0, 5.6, date);
      g_free (id);
      id = g_strdup_printf ("adult-glucose-%u", i);
      seed_lab (seeder, p, id, "2345-7", "Glucose", 160 - 40 * progress + care_seed_jitter (seeder, 12),
                "mg/dL", 70, 99, date);
      g_free (id);
      id = g_strdup_printf ("adult-bp-%u", i);
      seed_blood_pressure (seeder, p, id, (int)(148 - 18 * progress + care_seed_jitter (seeder, 5)),
                           (int)(94 - 12 * progress + care_seed_jitter (seeder, 4)), date);
      g_free (id);
      id = g_strdup_printf ("adult-weight-%u", i);
      seed_vital (seeder, p, id, "29463-7", "Body weight", 92 - 7 * progress + care_seed_jitter (seeder, 0.8),
                  "kg", date);
      g_free (id);
      id = g_strdup_printf ("adult-pulse-%u", i);
      seed_vital (seeder, p, id, "8867-4", "Heart rate", 78 + care_seed_jitter (seeder, 6), "/min", date);
      g_free (id);
      id = g_strdup_printf ("adult-visit-%u", i);
      care_seed_put (seeder, "{\"resourceType\":\"Encounter\",\"id\":\"%s\",\"status\":\"finished\","
                   "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},"
                   "\"type\":[{\"text\":\"Diabetes follow-up\"}],\"subject\":{\"reference\":\"Patient/%s\"},"
                   "\"participant\":[{\"individual\":{\"reference\":\"Practitioner/okafor\"}}],"
                   "\"period\":{\"start\":\"%sT09:00:00Z\",\"end\":\"%sT09:40:00Z\"},"
                   "\"location\":[{\"location\":{\"reference\":\"Location/riverside-main\"}}]}",
           id, p, date, date);

      /* A lipid panel every year. */
      if (i % 4 == 3)
        {
          g_free (id);
          id = g_strdup_printf ("adult-ldl-%u", i);
          seed_lab (seeder, p, id, "13457-7", "LDL cholesterol", 142 - 50 * progress + care_seed_jitter (seeder, 8),
                    "mg/dL", 0, 100, date);
          g_free (id);
          id = g_strdup_printf ("adult-hdl-%u", i);
          seed_lab (seeder, p, id, "2085-9", "HDL cholesterol", 44 + 6 * progress + care_seed_jitter (seeder, 3),
                    "mg/dL", 40, 200, date);
        }
    }

  for (guint year = 0; year < 6; year++)
    {
      g_autofree char *date = care_seed_day (seeder, (int)year * 365 + 40);
      g_autofree char *id = g_strdup_printf ("adult-flu-%u", year);

      seed_immunization (seeder, p, id, "158", "Influenza, seasonal, injectable", date);
    }
  {
    g_autofree char *date = care_seed_day (seeder, 4 * 365 + 100);

    seed_immunization (seeder, p, "adult-tdap", "115", "Tdap", date);
  }
}

/* LMS parameters for boys at the usual well-child visits, from the WHO
 * Child Growth Standards (under 24 months: weight-for-age, length-for-age,
 * head circumference-for-age) and the CDC 2000 charts (from 24 months:
 * weight-for-age, stature-for-age, head circumference to 36 months), as
 * shipped in shared/data/growth. A measurement at z-score z is
 * M (1 + L S z)^(1/L). */
static const struct
{
  int    months;
  double weight[3];
  double length[3];
  double head[3];
} boys_lms[] = {
  {   0, { 0.3487, 3.3464, 0.14602 }, { 1, 49.8842, 0.03795 }, { 1, 34.4618, 0.03686 } },
  {   1, { 0.2297, 4.4709, 0.13395 }, { 1, 54.7244, 0.03557 }, { 1, 37.2759, 0.03133 } },
  {   2, { 0.197, 5.5675, 0.12385 }, { 1, 58.4249, 0.03424 }, { 1, 39.1285, 0.02997 } },
  {   4, { 0.1553, 7.0023, 0.11316 }, { 1, 63.886, 0.03257 }, { 1, 41.6317, 0.02868 } },
  {   6, { 0.1257, 7.934, 0.10958 }, { 1, 67.6236, 0.03165 }, { 1, 43.3306, 0.02817 } },
  {   9, { 0.0917, 8.9014, 0.10881 }, { 1, 71.9687, 0.03117 }, { 1, 44.9998, 0.02792 } },
  {  12, { 0.0644, 9.6479, 0.10925 }, { 1, 75.7488, 0.03137 }, { 1, 46.0661, 0.02789 } },
  {  15, { 0.0413, 10.3108, 0.11007 }, { 1, 79.1458, 0.03197 }, { 1, 46.806, 0.02792 } },
  {  18, { 0.0211, 10.9385, 0.11119 }, { 1, 82.2587, 0.03279 }, { 1, 47.3711, 0.028 } },
  {  24, { -0.216501, 12.7415, 0.108166 }, { 1.00721, 86.8616, 0.0403956 }, { 1.42408, 48.7206, 0.0292422 } },
  {  30, { -0.397568, 13.5609, 0.109378 }, { 0.174489, 91.3324, 0.0409653 }, { 2.26411, 49.3046, 0.030939 } },
  {  36, { -0.62132, 14.4026, 0.111875 }, { -0.390918, 95.2736, 0.0405341 }, { 2.85773, 49.6542, 0.0324942 } },
  {  48, { -0.915242, 16.3168, 0.119955 }, { 0.827637, 102.51, 0.0413443 }, { 0, 0, 0 } },
  {  60, { -1.00045, 18.4859, 0.129879 }, { 1.26637, 109.175, 0.0425933 }, { 0, 0, 0 } },
  {  72, { -1.08747, 20.7777, 0.139143 }, { 1.13744, 115.661, 0.0436734 }, { 0, 0, 0 } },
  {  84, { -1.2365, 23.1674, 0.147337 }, { 0.753244, 122.031, 0.0444034 }, { 0, 0, 0 } },
  {  96, { -1.35181, 25.7526, 0.155974 }, { 0.455268, 128.124, 0.0451271 }, { 0, 0, 0 } },
};

static double
lms_value (const double lms[3],
           double       z)
{
  if (lms[0] == 0)
    return lms[1] * exp (lms[2] * z);

  return lms[1] * pow (1 + lms[0] * lms[2] * z, 1 / lms[0]);
}

static void
seed_growth (Seeder     *seeder,
             const char *p,
             int         born_days_ago)
{
  for (guint i = 0; i < G_N_ELEMENTS (boys_lms); i++)
    {
      int days_ago = born_days_ago - (int)(boys_lms[i].months * 30.4375);
      g_autofree char *date = NULL;
      g_autofree char *id = NULL;
      /* A child who tracks a little above the middle, drifting slowly. */
      double z = 0.25 + 0.01 * i + care_seed_jitter (seeder, 0.05);
      double weight = lms_value (boys_lms[i].weight, z);
      double length = lms_value (boys_lms[i].length, z + 0.05);

      if (days_ago < 0)
        break;
      date = care_seed_day (seeder, days_ago);

      id = g_strdup_printf ("child-checkup-%d", boys_lms[i].months);
      care_seed_put (seeder, "{\"resourceType\":\"Encounter\",\"id\":\"%s\",\"status\":\"finished\","
                     "\"class\":{\"code\":\"AMB\"},\"type\":[{\"text\":\"Well-child visit\"}],"
                     "\"subject\":{\"reference\":\"Patient/%s\"},"
                     "\"participant\":[{\"individual\":{\"reference\":\"Practitioner/lindqvist\"}}],"
                     "\"period\":{\"start\":\"%sT10:00:00Z\",\"end\":\"%sT10:30:00Z\"}}",
                     id, p, date, date);

      g_free (id);
      id = g_strdup_printf ("child-weight-%d", boys_lms[i].months);
      seed_vital (seeder, p, id, "29463-7", "Body weight", weight, "kg", date);
      g_free (id);
      id = g_strdup_printf ("child-height-%d", boys_lms[i].months);
      if (boys_lms[i].months < 24)
        seed_vital (seeder, p, id, "8306-3", "Body height (lying)", length, "cm", date);
      else
        seed_vital (seeder, p, id, "8302-2", "Body height", length, "cm", date);

      if (boys_lms[i].head[1] > 0)
        {
          g_free (id);
          id = g_strdup_printf ("child-head-%d", boys_lms[i].months);
          seed_vital (seeder, p, id, "9843-4", "Head circumference",
                      lms_value (boys_lms[i].head, z - 0.15), "cm", date);
        }

      if (boys_lms[i].months >= 24)
        {
          g_free (id);
          id = g_strdup_printf ("child-bmi-%d", boys_lms[i].months);
          seed_vital (seeder, p, id, "39156-5", "Body mass index",
                      weight / ((length / 100) * (length / 100)), "kg/m2", date);
        }
    }
}

static void
seed_child (Seeder *seeder)
{
  const char *p = CARE_SANDBOX_DEMO_CHILD;
  g_autofree char *born = birth (seeder, 8, 45);
  static const struct { int months; const char *cvx; const char *name; } shots[] = {
    { 0, "08", "Hepatitis B, pediatric" }, { 2, "110", "DTaP-HepB-IPV" }, { 2, "133", "Pneumococcal conjugate PCV13" },
    { 4, "110", "DTaP-HepB-IPV" }, { 6, "110", "DTaP-HepB-IPV" }, { 12, "03", "MMR" },
    { 12, "21", "Varicella" }, { 15, "20", "DTaP" }, { 48, "94", "MMRV" }, { 48, "130", "DTaP-IPV" },
  };

  seed_patient (seeder, p, "Mateo", "Reyes", "male", born, "en-US");
  seed_growth (seeder, p, 8 * 365 + 2 + 45);

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      int days_ago = 8 * 365 + 45 - shots[i].months * 30;
      g_autofree char *date = care_seed_day (seeder, days_ago);
      g_autofree char *id = g_strdup_printf ("child-shot-%u", i);

      seed_immunization (seeder, p, id, shots[i].cvx, shots[i].name, date);
    }

  /* Three ear infections before school age, each treated. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *date = care_seed_day (seeder, 8 * 365 - 400 - (int)i * 300);
      g_autofree char *id = g_strdup_printf ("child-otitis-%u", i);
      g_autofree char *med = g_strdup_printf ("child-amoxicillin-%u", i);

      seed_condition (seeder, p, id, "65363002", "Otitis media", "resolved", date);
      seed_medication (seeder, p, med, "Amoxicillin 250 mg/5 mL suspension",
                       "Give 5 mL by mouth twice a day for 10 days", "completed", date);
    }
}

static void
seed_teen (Seeder *seeder)
{
  const char *p = CARE_SANDBOX_DEMO_TEEN;
  g_autofree char *born = birth (seeder, 15, 200);
  g_autofree char *visit = care_seed_day (seeder, 60);

  seed_patient (seeder, p, "Lucía", "Reyes", "female", born, "en-US");
  seed_immunization (seeder, p, "teen-hpv", "165", "HPV, 9-valent", visit);
  seed_vital (seeder, p, "teen-height", "8302-2", "Body height", 162.0, "cm", visit);

  /* What a parent must not see once she is 12: withheld by the portal. */
  seed_lab (seeder, p, "teen-ferritin", "2276-4", "Ferritin", 9.0, "ng/mL", 12, 150, visit);
  seed_condition (seeder, p, "teen-anxiety", "197480006", "Anxiety disorder", "active", visit);
  seed_medication (seeder, p, "teen-sertraline", "Sertraline 25 mg tablet",
                   "Take 1 tablet by mouth every morning", "active", visit);
}

static void
seed_elder (Seeder *seeder)
{
  const char *p = CARE_SANDBOX_DEMO_ELDER;
  g_autofree char *born = birth (seeder, 78, 10);
  g_autofree char *afib = care_seed_day (seeder, 4 * 365);
  g_autofree char *ckd = care_seed_day (seeder, 2 * 365);

  seed_patient (seeder, p, "Roberto", "Reyes", "male", born, "es-MX");
  seed_condition (seeder, p, "elder-afib", "49436004", "Atrial fibrillation", "active", afib);
  seed_condition (seeder, p, "elder-ckd", "431855005", "Chronic kidney disease stage 3", "active", ckd);
  seed_medication (seeder, p, "elder-apixaban", "Apixaban 5 mg tablet",
                   "Take 1 tablet by mouth twice a day", "active", afib);
  seed_lab (seeder, p, "elder-creatinine", "2160-0", "Creatinine", 1.6, "mg/dL", 0.7, 1.3, ckd);
}

/**
 * care_sandbox_seed_demo:
 * @store: the store to fill
 * @options: (nullable): seed and scale; %NULL for the demo's defaults
 * @error: return location for a #GError
 *
 * Writes the demo family in one transaction: a failure leaves the store
 * as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_seed_demo (CareSandboxStore             *store,
                        const CareSandboxSeedOptions *options,
                        GError                      **error)
{
  CareSandboxSeedOptions defaults = { 1, 1 };
  Seeder seeder = { 0 };

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (store), FALSE);

  if (options == NULL)
    options = &defaults;

  seeder.store = store;
  seeder.rand = g_rand_new_with_seed (options->seed);
  seeder.error = error;
  care_sandbox_store_get_today (store, &seeder.today);

  if (!care_sandbox_store_begin (store, error))
    {
      g_rand_free (seeder.rand);
      return FALSE;
    }

  seed_directory (&seeder);
  seed_adult (&seeder, MAX (options->scale, 1));
  seed_child (&seeder);
  seed_teen (&seeder);
  seed_elder (&seeder);
  care_seed_care_plans (&seeder);
  care_seed_documents (&seeder);
  care_seed_billing (&seeder);
  care_seed_messages (&seeder);
  care_seed_appointments (&seeder);
  care_seed_home_readings (&seeder, MAX (options->scale, 1) - 1);

  g_rand_free (seeder.rand);

  if (seeder.failed)
    {
      care_sandbox_store_rollback (store);
      return FALSE;
    }

  return care_sandbox_store_commit (store, error);
}
