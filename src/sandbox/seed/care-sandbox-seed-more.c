/* care-sandbox-seed-more.c — the demo family's plans, bills, messages and visits
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the demo family has beyond the clinical record: care plans, goals,
 * care teams and preventive care that is due or overdue, an eye
 * prescription, insurance, claims and bills, message threads,
 * appointments with free slots for the next 60 days, and (with --scale)
 * years of readings from home devices.
 */
#include "config.h"

#include "care-sandbox-seed.h"
#include "care-sandbox-scheduling.h"
#include "care-sandbox-seed-private.h"

void
care_seed_care_plans (Seeder *seeder)
{
  g_autofree char *start = care_seed_day (seeder, 2 * 365);
  g_autofree char *flu_due = care_seed_day (seeder, -25);
  g_autofree char *pcv_due = care_seed_day (seeder, 5 * 365);
  g_autofree char *eye_due = care_seed_day (seeder, 35);
  g_autofree char *colon_due = care_seed_day (seeder, 120);
  g_autofree char *a1c_due = care_seed_day (seeder, -84);
  g_autofree char *foot_done = care_seed_day (seeder, 7);
  g_autofree char *today = care_seed_day (seeder, 0);
  g_autofree char *child_start = care_seed_birth_date (seeder, 8, 45);

  care_seed_put (seeder,
                 "{\"resourceType\":\"CarePlan\",\"id\":\"adult-diabetes-plan\",\"status\":\"active\","
                 "\"intent\":\"plan\",\"category\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/core/"
                 "CodeSystem/careplan-category\",\"code\":\"assess-plan\"}]}],"
                 "\"title\":\"Diabetes and blood pressure care plan\","
                 "\"description\":\"Keep A1c below 7 %%, blood pressure below 130/80 and LDL below 100; "
                 "walk 30 minutes five days a week.\",\"subject\":{\"reference\":\"Patient/adult\"},"
                 "\"period\":{\"start\":\"%s\"},\"careTeam\":[{\"reference\":\"CareTeam/adult-team\"}],"
                 "\"addresses\":[{\"reference\":\"Condition/adult-diabetes\"},"
                 "{\"reference\":\"Condition/adult-hypertension\"}],"
                 "\"goal\":[{\"reference\":\"Goal/adult-a1c\"},{\"reference\":\"Goal/adult-bp\"},"
                 "{\"reference\":\"Goal/adult-weight\"}],"
                 "\"activity\":[{\"detail\":{\"status\":\"in-progress\",\"description\":\"Walk 30 minutes, "
                 "five days a week\"}},{\"detail\":{\"status\":\"in-progress\",\"description\":\"Check "
                 "blood sugar each morning before breakfast\"}},{\"detail\":{\"status\":\"completed\","
                 "\"description\":\"Diabetes self-management class\"}}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Goal\",\"id\":\"adult-a1c\",\"lifecycleStatus\":\"active\","
                 "\"achievementStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "goal-achievement\",\"code\":\"improving\"}]},"
                 "\"description\":{\"text\":\"Hemoglobin A1c below 7 %%\"},"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"startDate\":\"%s\","
                 "\"target\":[{\"measure\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"4548-4\"}]},"
                 "\"detailQuantity\":{\"value\":7,\"comparator\":\"<\",\"unit\":\"%%\",\"system\":\""
                 SEED_UCUM "\",\"code\":\"%%\"}}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Goal\",\"id\":\"adult-bp\",\"lifecycleStatus\":\"active\","
                 "\"achievementStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "goal-achievement\",\"code\":\"achieved\"}]},"
                 "\"description\":{\"text\":\"Blood pressure below 130/80\"},"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"startDate\":\"%s\"}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Goal\",\"id\":\"adult-weight\",\"lifecycleStatus\":\"active\","
                 "\"achievementStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "goal-achievement\",\"code\":\"in-progress\"}]},"
                 "\"description\":{\"text\":\"Lose 5 kg over the next year\"},"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"startDate\":\"%s\","
                 "\"target\":[{\"measure\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"29463-7\"}]},"
                 "\"detailQuantity\":{\"value\":82,\"comparator\":\"<=\",\"unit\":\"kg\",\"system\":\""
                 SEED_UCUM "\",\"code\":\"kg\"}}]}", start);

  care_seed_put (seeder,
                 "{\"resourceType\":\"CareTeam\",\"id\":\"adult-team\",\"status\":\"active\","
                 "\"name\":\"Maria’s care team\",\"subject\":{\"reference\":\"Patient/adult\"},"
                 "\"period\":{\"start\":\"%s\"},\"managingOrganization\":[{\"reference\":"
                 "\"Organization/riverside\"}],\"participant\":["
                 "{\"role\":[{\"text\":\"Primary care physician\"}],\"member\":{\"reference\":"
                 "\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"}},"
                 "{\"role\":[{\"text\":\"Diabetes educator\"}],\"member\":{\"reference\":"
                 "\"Practitioner/moreno\",\"display\":\"Paula Moreno, NP\"}},"
                 "{\"role\":[{\"text\":\"Eye care\"}],\"member\":{\"reference\":"
                 "\"Practitioner/adeyemi\",\"display\":\"Dr. Funmilayo Adeyemi\"}},"
                 "{\"role\":[{\"text\":\"Billing and customer service\"}],\"member\":{\"reference\":"
                 "\"Organization/riverside-service\",\"display\":\"Customer Service\"}}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"CareTeam\",\"id\":\"child-team\",\"status\":\"active\","
                 "\"name\":\"Mateo’s care team\",\"subject\":{\"reference\":\"Patient/child\"},"
                 "\"period\":{\"start\":\"%s\"},\"participant\":[{\"role\":[{\"text\":\"Pediatrician\"}],"
                 "\"member\":{\"reference\":\"Practitioner/lindqvist\",\"display\":\"Dr. Henrik Lindqvist\"}},"
                 "{\"role\":[{\"text\":\"Billing and customer service\"}],\"member\":{\"reference\":"
                 "\"Organization/riverside-service\",\"display\":\"Customer Service\"}}]}",
                 child_start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"CareTeam\",\"id\":\"teen-team\",\"status\":\"active\","
                 "\"name\":\"Lucía’s care team\",\"subject\":{\"reference\":\"Patient/teen\"},"
                 "\"period\":{\"start\":\"%s\"},\"participant\":[{\"role\":[{\"text\":\"Pediatrician\"}],"
                 "\"member\":{\"reference\":\"Practitioner/lindqvist\",\"display\":\"Dr. Henrik Lindqvist\"}},"
                 "{\"role\":[{\"text\":\"Nurse practitioner\"}],\"member\":{\"reference\":"
                 "\"Practitioner/moreno\",\"display\":\"Paula Moreno, NP\"}}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"CareTeam\",\"id\":\"elder-team\",\"status\":\"active\","
                 "\"name\":\"Equipo de atención de Roberto\",\"subject\":{\"reference\":\"Patient/elder\"},"
                 "\"period\":{\"start\":\"%s\"},\"participant\":["
                 "{\"role\":[{\"text\":\"Primary care physician\"}],\"member\":{\"reference\":"
                 "\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"}},"
                 "{\"role\":[{\"text\":\"Cardiologist\"}],\"member\":{\"reference\":"
                 "\"Practitioner/wieczorek\",\"display\":\"Dr. Tomasz Wieczorek\"}},"
                 "{\"role\":[{\"text\":\"Health care agent\"}],\"member\":{\"reference\":"
                 "\"RelatedPerson/elder-daughter\",\"display\":\"Maria Elena Reyes\"}},"
                 "{\"role\":[{\"text\":\"Billing and customer service\"}],\"member\":{\"reference\":"
                 "\"Organization/riverside-service\",\"display\":\"Customer Service\"}}]}", start);

  /* Preventive care: a flu shot due soon, a pneumococcal vaccine overdue. */
  care_seed_put (seeder,
                 "{\"resourceType\":\"ImmunizationRecommendation\",\"id\":\"adult-recommendations\","
                 "\"patient\":{\"reference\":\"Patient/adult\"},\"date\":\"%s\",\"recommendation\":["
                 "{\"vaccineCode\":[{\"coding\":[{\"system\":\"" SEED_CVX "\",\"code\":\"150\","
                 "\"display\":\"Influenza, injectable, quadrivalent, preservative free\"}],"
                 "\"text\":\"Flu vaccine\"}],\"forecastStatus\":{\"coding\":[{\"system\":"
                 "\"http://terminology.hl7.org/CodeSystem/immunization-recommendation-status\","
                 "\"code\":\"due\"}]},\"dateCriterion\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\","
                 "\"code\":\"30980-7\",\"display\":\"Date vaccine due\"}]},\"value\":\"%s\"}]},"
                 "{\"vaccineCode\":[{\"coding\":[{\"system\":\"" SEED_CVX "\",\"code\":\"216\","
                 "\"display\":\"Pneumococcal conjugate PCV20\"}],\"text\":\"Pneumococcal vaccine "
                 "(recommended with diabetes)\"}],\"forecastStatus\":{\"coding\":[{\"system\":"
                 "\"http://terminology.hl7.org/CodeSystem/immunization-recommendation-status\","
                 "\"code\":\"overdue\"}]},\"dateCriterion\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\","
                 "\"code\":\"30980-7\",\"display\":\"Date vaccine due\"}]},\"value\":\"%s\"}]}]}",
                 today, flu_due, pcv_due);
  care_seed_put (seeder,
                 "{\"resourceType\":\"CarePlan\",\"id\":\"adult-health-maintenance\",\"status\":\"active\","
                 "\"intent\":\"plan\",\"title\":\"Health maintenance\",\"category\":[{\"text\":\"Preventive care\"}],"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"period\":{\"start\":\"%s\"},\"activity\":["
                 "{\"detail\":{\"kind\":\"ServiceRequest\",\"status\":\"not-started\","
                 "\"description\":\"Diabetic eye exam (overdue)\",\"scheduledString\":\"Due %s\"}},"
                 "{\"detail\":{\"kind\":\"ServiceRequest\",\"status\":\"not-started\","
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"73761001\","
                 "\"display\":\"Colonoscopy\"}]},"
                 "\"description\":\"Colorectal cancer screening (overdue since age 45)\","
                 "\"scheduledString\":\"Due %s\"}},"
                 "{\"detail\":{\"kind\":\"ServiceRequest\",\"status\":\"scheduled\","
                 "\"description\":\"Hemoglobin A1c\",\"scheduledString\":\"Due %s\"}},"
                 "{\"detail\":{\"kind\":\"ServiceRequest\",\"status\":\"completed\","
                 "\"description\":\"Diabetic foot exam\",\"scheduledString\":\"Done %s\"}}]}",
                 start, eye_due, colon_due, a1c_due, foot_done);

  care_seed_put (seeder,
                 "{\"resourceType\":\"VisionPrescription\",\"id\":\"adult-glasses\",\"status\":\"active\","
                 "\"created\":\"%s\",\"dateWritten\":\"%s\",\"patient\":{\"reference\":\"Patient/adult\"},"
                 "\"prescriber\":{\"reference\":\"Practitioner/adeyemi\"},\"lensSpecification\":["
                 "{\"product\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/ex-visionprescriptionproduct\","
                 "\"code\":\"lens\"}],\"text\":\"Glasses\"},\"eye\":\"right\",\"sphere\":-1.25,\"cylinder\":-0.5,"
                 "\"axis\":90,\"add\":1.0},"
                 "{\"product\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/ex-visionprescriptionproduct\","
                 "\"code\":\"lens\"}],\"text\":\"Glasses\"},\"eye\":\"left\",\"sphere\":-1.5,\"cylinder\":-0.25,"
                 "\"axis\":85,\"add\":1.0}]}", eye_due, eye_due);
}

void
care_seed_billing (Seeder *seeder)
{
  g_autofree char *start = care_seed_day (seeder, 6 * 365 + 30);
  guint visits = 24 * seeder->scale;

  care_seed_put (seeder,
                 "{\"resourceType\":\"Coverage\",\"id\":\"adult-coverage\",\"status\":\"active\","
                 "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\","
                 "\"code\":\"PPO\",\"display\":\"preferred provider organization policy\"}]},"
                 "\"subscriberId\":\"CMH-4471-09\",\"beneficiary\":{\"reference\":\"Patient/adult\"},"
                 "\"relationship\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "subscriber-relationship\",\"code\":\"self\"}]},\"period\":{\"start\":\"%s\"},"
                 "\"payor\":[{\"display\":\"Cascade Mutual Health\"}],"
                 "\"class\":[{\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "coverage-class\",\"code\":\"group\"}]},\"value\":\"88120\",\"name\":\"Springfield Schools\"},"
                 "{\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/coverage-class\","
                 "\"code\":\"plan\"}]},\"value\":\"PPO-500\",\"name\":\"Cascade PPO 500\"}],"
                 "\"costToBeneficiary\":[{\"type\":{\"text\":\"Office visit copay\"},"
                 "\"valueMoney\":{\"value\":30,\"currency\":\"USD\"}}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Coverage\",\"id\":\"child-coverage\",\"status\":\"active\","
                 "\"subscriberId\":\"CMH-4471-09\",\"beneficiary\":{\"reference\":\"Patient/child\"},"
                 "\"relationship\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "subscriber-relationship\",\"code\":\"child\"}]},\"period\":{\"start\":\"%s\"},"
                 "\"payor\":[{\"display\":\"Cascade Mutual Health\"}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Coverage\",\"id\":\"elder-coverage\",\"status\":\"active\","
                 "\"type\":{\"text\":\"Medicare Part B\"},\"subscriberId\":\"1EG4-TE5-MK72\","
                 "\"beneficiary\":{\"reference\":\"Patient/elder\"},\"relationship\":{\"coding\":[{"
                 "\"system\":\"http://terminology.hl7.org/CodeSystem/subscriber-relationship\","
                 "\"code\":\"self\"}]},\"period\":{\"start\":\"%s\"},"
                 "\"payor\":[{\"display\":\"Medicare\"}]}", start);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Account\",\"id\":\"adult-account\",\"status\":\"active\","
                 "\"type\":{\"text\":\"Guarantor account\"},\"name\":\"Reyes family guarantor account\","
                 "\"subject\":[{\"reference\":\"Patient/adult\"}],\"servicePeriod\":{\"start\":\"%s\"},"
                 "\"coverage\":[{\"coverage\":{\"reference\":\"Coverage/adult-coverage\"},\"priority\":1}],"
                 "\"owner\":{\"reference\":\"Organization/riverside\"},"
                 "\"guarantor\":[{\"party\":{\"reference\":\"Patient/adult\"}}]}", start);

  /* A claim for every quarterly visit; a bill for the copay of the last four. */
  for (guint i = 0; i < visits; i++)
    {
      int days_ago = 7 + (int)((visits - 1 - i) * 91 / seeder->scale);
      guint quarter = (visits - 1 - i) / seeder->scale;
      g_autofree char *date = NULL;
      g_autofree char *created = NULL;
      gboolean labs = i % 2 == 0;
      double charge = 185.0 + (labs ? 96.0 : 0) + 45.0;

      if ((visits - 1 - i) % seeder->scale != 0)
        continue;

      date = care_seed_day (seeder, days_ago);
      created = care_seed_time (date, "13:00", 0);
      care_seed_put (seeder,
                     "{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"adult-eob-%u\",\"status\":\"active\","
                     "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/claim-type\","
                     "\"code\":\"professional\"}]},\"use\":\"claim\","
                     "\"patient\":{\"reference\":\"Patient/adult\"},\"created\":\"%s\","
                     "\"billablePeriod\":{\"start\":\"%s\",\"end\":\"%s\"},"
                     "\"insurer\":{\"display\":\"Cascade Mutual Health\"},"
                     "\"provider\":{\"reference\":\"Organization/riverside\"},\"outcome\":\"complete\","
                     "\"claim\":{\"reference\":\"Claim/adult-claim-%u\"},"
                     "\"insurance\":[{\"focal\":true,\"coverage\":{\"reference\":\"Coverage/adult-coverage\"}}],"
                     "\"item\":[{\"sequence\":1,\"productOrService\":{\"coding\":[{\"system\":"
                     "\"http://www.ama-assn.org/go/cpt\",\"code\":\"99214\"}],\"text\":\"Office visit, "
                     "established patient\"},\"servicedDate\":\"%s\",\"net\":{\"value\":185.00,\"currency\":\"USD\"}},"
                     "{\"sequence\":2,\"productOrService\":{\"coding\":[{\"system\":\"http://www.ama-assn.org/go/cpt\","
                     "\"code\":\"83036\"}],\"text\":\"Hemoglobin A1c\"},\"servicedDate\":\"%s\","
                     "\"net\":{\"value\":45.00,\"currency\":\"USD\"}}%s],"
                     "\"total\":[{\"category\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                     "CodeSystem/adjudication\",\"code\":\"submitted\"}]},\"amount\":{\"value\":%.2f,"
                     "\"currency\":\"USD\"}},{\"category\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                     "CodeSystem/adjudication\",\"code\":\"benefit\"}]},\"amount\":{\"value\":%.2f,"
                     "\"currency\":\"USD\"}},{\"category\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                     "CodeSystem/adjudication\",\"code\":\"copay\"}]},\"amount\":{\"value\":30.00,"
                     "\"currency\":\"USD\"}}],\"payment\":{\"amount\":{\"value\":%.2f,\"currency\":\"USD\"}}}",
                     quarter, created, date, date, quarter, date, date,
                     labs ? ",{\"sequence\":3,\"productOrService\":{\"coding\":[{\"system\":"
                            "\"http://www.ama-assn.org/go/cpt\",\"code\":\"80048\"}],\"text\":\"Basic "
                            "metabolic panel\"},\"net\":{\"value\":96.00,\"currency\":\"USD\"}}" : "",
                     charge, charge * 0.7 - 30, charge * 0.7 - 30);

      /* The claim the clinic sent, which the explanation answers. */
      care_seed_put (seeder,
                     "{\"resourceType\":\"Claim\",\"id\":\"adult-claim-%u\",\"status\":\"active\","
                     "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/claim-type\","
                     "\"code\":\"professional\"}]},\"use\":\"claim\",\"patient\":{\"reference\":\"Patient/adult\"},"
                     "\"billablePeriod\":{\"start\":\"%s\"},\"created\":\"%s\","
                     "\"provider\":{\"reference\":\"Organization/riverside\"},\"priority\":{\"coding\":[{"
                     "\"system\":\"http://terminology.hl7.org/CodeSystem/processpriority\",\"code\":\"normal\"}]},"
                     "\"insurance\":[{\"sequence\":1,\"focal\":true,\"coverage\":{\"reference\":"
                     "\"Coverage/adult-coverage\"}}],\"total\":{\"value\":%.2f,\"currency\":\"USD\"}}",
                     quarter, date, created, charge);

      if (quarter < 4)
        care_seed_put (seeder,
                       "{\"resourceType\":\"Invoice\",\"id\":\"adult-invoice-%u\",\"status\":\"%s\","
                       "\"type\":{\"text\":\"Patient statement\"},"
                       "\"subject\":{\"reference\":\"Patient/adult\"},\"date\":\"%s\","
                       "\"issuer\":{\"reference\":\"Organization/riverside\"},"
                       "\"account\":{\"reference\":\"Account/adult-account\"},"
                       "\"lineItem\":[{\"sequence\":1,\"chargeItemCodeableConcept\":{\"text\":\"Office visit "
                       "copay\"},\"priceComponent\":[{\"type\":\"base\",\"amount\":{\"value\":30.00,"
                       "\"currency\":\"USD\"}}]}],"
                       "\"totalGross\":{\"value\":30.00,\"currency\":\"USD\"},"
                       "\"totalNet\":{\"value\":30.00,\"currency\":\"USD\"},"
                       "\"extension\":[{\"url\":\"https://carebook.org/fhir/StructureDefinition/balance-due\","
                       "\"valueMoney\":{\"value\":%s,\"currency\":\"USD\"}}],"
                       "\"paymentTerms\":\"Due within 30 days\"}",
                       quarter, quarter < 1 ? "issued" : "balanced", date, quarter < 1 ? "30.00" : "0");
    }

  /* Roberto's lab work, which Maria pays as his proxy: $85.40 still due. */
  {
    g_autofree char *date = care_seed_day (seeder, 12);

    care_seed_put (seeder,
                   "{\"resourceType\":\"Invoice\",\"id\":\"elder-invoice-1\",\"status\":\"issued\","
                   "\"type\":{\"text\":\"Patient statement\"},"
                   "\"subject\":{\"reference\":\"Patient/elder\"},\"date\":\"%s\","
                   "\"issuer\":{\"reference\":\"Organization/riverside\"},"
                   "\"lineItem\":[{\"sequence\":1,\"chargeItemCodeableConcept\":{\"text\":\"Kidney function "
                   "panel\"},\"priceComponent\":[{\"type\":\"base\",\"amount\":{\"value\":85.40,"
                   "\"currency\":\"USD\"}}]}],"
                   "\"totalGross\":{\"value\":85.40,\"currency\":\"USD\"},"
                   "\"totalNet\":{\"value\":85.40,\"currency\":\"USD\"},"
                   "\"extension\":[{\"url\":\"https://carebook.org/fhir/StructureDefinition/balance-due\","
                   "\"valueMoney\":{\"value\":85.40,\"currency\":\"USD\"}}],"
                   "\"paymentTerms\":\"Due within 30 days\"}", date);
  }

  /* Last week's visit: billed, the insurer has not answered yet. */
  {
    g_autofree char *date = care_seed_day (seeder, 3);

    care_seed_put (seeder,
                   "{\"resourceType\":\"Claim\",\"id\":\"adult-claim-pending\",\"status\":\"active\","
                   "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/claim-type\","
                   "\"code\":\"professional\"}]},\"use\":\"claim\",\"patient\":{\"reference\":\"Patient/adult\"},"
                   "\"billablePeriod\":{\"start\":\"%s\"},\"created\":\"%s\","
                   "\"provider\":{\"reference\":\"Organization/riverside\"},\"priority\":{\"coding\":[{"
                   "\"system\":\"http://terminology.hl7.org/CodeSystem/processpriority\",\"code\":\"normal\"}]},"
                   "\"insurance\":[{\"sequence\":1,\"focal\":true,\"coverage\":{\"reference\":"
                   "\"Coverage/adult-coverage\"}}],"
                   "\"item\":[{\"sequence\":1,\"productOrService\":{\"coding\":[{\"system\":"
                   "\"http://www.ama-assn.org/go/cpt\",\"code\":\"99213\"}],\"text\":\"Office visit, established "
                   "patient\"},\"net\":{\"value\":140.00,\"currency\":\"USD\"}}],"
                   "\"total\":{\"value\":140.00,\"currency\":\"USD\"}}", date, date);
  }
}

void
care_seed_messages (Seeder *seeder)
{
  static const struct
  {
    const char *id;
    const char *patient;
    const char *thread;
    const char *reply_to;
    const char *from;
    const char *to;
    const char *topic;
    int         days_ago;
    const char *time;
    const char *text;
  } messages[] = {
    { "msg-a1c-1", "adult", NULL, NULL, "Patient/adult", "Practitioner/okafor", "Question about my A1c",
      12, "08:10", "Hello Dr. Okafor, I saw my new A1c result. Should I keep taking metformin twice a day?" },
    { "msg-a1c-2", "adult", "msg-a1c-1", "msg-a1c-1", "Practitioner/okafor", "Patient/adult",
      "Question about my A1c", 11, "13:45",
      "Hi Maria, yes, please keep the same dose. Your numbers are going the right way. "
      "We will look at them again at your next visit." },
    { "msg-a1c-3", "adult", "msg-a1c-1", "msg-a1c-2", "Patient/adult", "Practitioner/okafor",
      "Question about my A1c", 11, "18:02", "Thank you!" },
    { "msg-refill-1", "adult", NULL, NULL, "Patient/adult", "Practitioner/moreno", "Empagliflozin refill",
      95, "09:30", "My pharmacy says the empagliflozin needs a new approval from the insurance. Can you help?" },
    { "msg-refill-2", "adult", "msg-refill-1", "msg-refill-1", "Practitioner/moreno", "Patient/adult",
      "Empagliflozin refill", 94, "11:15",
      "We sent the prior authorization today. Cascade Mutual usually answers within 3 days." },
    { "msg-school-1", "child", NULL, NULL, "RelatedPerson/child-mother", "Practitioner/lindqvist",
      "School sports form", 40, "19:20", "Could you fill in Mateo's school sports form? I uploaded it last week." },
    { "msg-school-2", "child", "msg-school-1", "msg-school-1", "Practitioner/lindqvist",
      "RelatedPerson/child-mother", "School sports form", 38, "12:00",
      "Done: the signed form is in Mateo's documents. He is cleared for all sports." },
    { "msg-teen-1", "teen", NULL, NULL, "Patient/teen", "Practitioner/moreno", "Feeling anxious",
      20, "22:05", "Can I talk to someone about feeling anxious before exams? Please don't tell my mom yet." },
    { "msg-teen-2", "teen", "msg-teen-1", "msg-teen-1", "Practitioner/moreno", "Patient/teen",
      "Feeling anxious", 19, "09:40",
      "Of course, Lucía. What you share with us stays confidential. I booked you a visit next Tuesday at 4 pm." },
    { "msg-elder-1", "elder", NULL, NULL, "Patient/elder", "Practitioner/okafor", "Dolor de rodilla",
      30, "10:00", "Doctora, me duele la rodilla derecha al subir escaleras. ¿Puedo tomar ibuprofeno?" },
    { "msg-elder-2", "elder", "msg-elder-1", "msg-elder-1", "Practitioner/okafor", "Patient/elder",
      "Dolor de rodilla", 29, "14:30",
      "Don Roberto, no tome ibuprofeno: con apixaban aumenta el riesgo de sangrado y daña el riñón. "
      "Puede tomar paracetamol (acetaminofén) y lo veo en su próxima cita." },
  };

  static const struct
  {
    const char *id;
    const char *patient;
    const char *from;
    const char *topic;
    int         days_ago;
    const char *time;
    const char *note;
  } calls[] = {
    { "call-adult-labs", "adult", "Practitioner/moreno", "Lab results call", 9, "10:20",
      "Called Maria about her A1c. Explained the result; she will keep the same metformin dose. "
      "Reminded her of the eye exam." },
    { "call-adult-billing", "adult", "Organization/riverside-service", "Billing call", 45, "15:05",
      "Maria called about the March statement. Explained the deductible; set up a 3-month payment plan." },
    { "call-child-fever", "child", "Practitioner/lindqvist", "Nurse line call", 60, "21:40",
      "Mother called about a fever of 38.6 °C since the afternoon. Drinking well, playful. "
      "Advised fluids and paracetamol by weight; call back if it lasts past 3 days." },
    { "call-elder-inr", "elder", "Practitioner/wieczorek", "Llamada de cardiología", 14, "11:00",
      "Se llamó a don Roberto: la función renal está estable, sigue con apixaban 5 mg dos veces al día." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autofree char *day = care_seed_day (seeder, messages[i].days_ago);
      g_autofree char *sent = care_seed_time (day, messages[i].time, 0);

      care_seed_message (seeder, messages[i].id, messages[i].patient, messages[i].thread,
                         messages[i].reply_to, messages[i].from, messages[i].to, messages[i].topic,
                         messages[i].text, sent);
    }

  /* Clinic calls: the note of a phone call, as a Communication by phone. */
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autofree char *day = care_seed_day (seeder, calls[i].days_ago);
      g_autofree char *sent = care_seed_time (day, calls[i].time, 0);

      care_seed_put (seeder,
                     "{\"resourceType\":\"Communication\",\"id\":\"%s\",\"status\":\"completed\","
                     "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                     "communication-category\",\"code\":\"notification\"}],\"text\":\"Phone call\"}],"
                     "\"medium\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                     "v3-ParticipationMode\",\"code\":\"PHONE\",\"display\":\"telephone\"}],"
                     "\"text\":\"Phone call\"}],"
                     "\"subject\":{\"reference\":\"Patient/%s\"},\"topic\":{\"text\":\"%s\"},"
                     "\"sender\":{\"reference\":\"%s\"},\"recipient\":[{\"reference\":\"Patient/%s\"}],"
                     "\"sent\":\"%s\",\"received\":\"%s\",\"payload\":[{\"contentString\":\"%s\"}]}",
                     calls[i].id, calls[i].patient, calls[i].topic, calls[i].from, calls[i].patient, sent,
                     sent, calls[i].note);
    }
}

void
care_seed_appointments (Seeder *seeder)
{
  static const struct
  {
    const char *id;
    const char *patient;
    const char *practitioner;
    const char *location;
    int         days_ago;
    const char *time;
    const char *status;
    const char *kind;
  } appointments[] = {
    { "appt-adult-past", "adult", "okafor", "riverside-main", 7, "09:00", "fulfilled",
      "Diabetes follow-up" },
    { "appt-adult-cancelled", "adult", "adeyemi", "riverside-main", 150, "14:00", "cancelled",
      "Diabetic eye exam" },
    { "appt-adult-next", "adult", "okafor", "riverside-main", -84, "09:00", "booked", "Diabetes follow-up" },
    { "appt-adult-eye", "adult", "adeyemi", "riverside-main", -12, "14:30", "booked", "Diabetic eye exam" },
    { "appt-child-past", "child", "lindqvist", "riverside-kids", 45, "10:00", "fulfilled",
      "Well-child visit" },
    { "appt-child-flu", "child", "lindqvist", "riverside-kids", -9, "16:15", "booked", "Flu vaccine" },
    { "appt-teen-next", "teen", "moreno", "riverside-kids", -5, "16:00", "booked", "Follow-up visit" },
    { "appt-elder-next", "elder", "wieczorek", "riverside-main", -16, "11:00", "booked",
      "Anticoagulation check" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (appointments); i++)
    {
      g_autofree char *date = care_seed_day (seeder, appointments[i].days_ago);
      g_autofree char *start = care_seed_time (date, appointments[i].time, 0);
      g_autofree char *end = care_seed_time (date, appointments[i].time, 30);

      care_seed_put (seeder,
                     "{\"resourceType\":\"Appointment\",\"id\":\"%s\",\"status\":\"%s\","
                     "\"serviceType\":[{\"text\":\"%s\"}],\"description\":\"%s\","
                     "\"start\":\"%s\",\"end\":\"%s\",\"minutesDuration\":30,"
                     "\"participant\":["
                     "{\"actor\":{\"reference\":\"Patient/%s\"},\"status\":\"accepted\"},"
                     "{\"actor\":{\"reference\":\"Practitioner/%s\"},\"status\":\"accepted\"},"
                     "{\"actor\":{\"reference\":\"Location/%s\"},\"status\":\"accepted\"}]}",
                     appointments[i].id, appointments[i].status, appointments[i].kind,
                     appointments[i].kind, start, end,
                     appointments[i].patient, appointments[i].practitioner, appointments[i].location);
    }

  /* A video visit in three days: its card shows "Join video visit" half an
   * hour before, and it is in its eCheck-in week. */
  {
    g_autofree char *date = care_seed_day (seeder, -3);
    g_autofree char *start = care_seed_time (date, "15:00", 0);
    g_autofree char *end = care_seed_time (date, "15:00", 20);

    care_seed_put (seeder,
                   "{\"resourceType\":\"Appointment\",\"id\":\"appt-adult-video\",\"status\":\"booked\","
                   "\"serviceType\":[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_VISIT_TYPES "\","
                   "\"code\":\"video-visit\",\"display\":\"Video visit\"}],\"text\":\"Video visit\"}],"
                   "\"description\":\"Video visit\",\"start\":\"%s\",\"end\":\"%s\",\"minutesDuration\":20,"
                   "\"patientInstruction\":\"Join from a quiet, private place with your camera on.\","
                   "\"extension\":[{\"url\":\"" CARE_SCHEDULING_EXT_VIRTUAL "\",\"extension\":["
                   "{\"url\":\"channelType\",\"valueCoding\":{\"system\":"
                   "\"http://hl7.org/fhir/virtual-service-type\",\"code\":\"https\"}},"
                   "{\"url\":\"addressUrl\",\"valueUrl\":\"https://video.riverside.example.org/v/adult-video\"}]}],"
                   "\"participant\":["
                   "{\"actor\":{\"reference\":\"Patient/adult\"},\"status\":\"accepted\"},"
                   "{\"actor\":{\"reference\":\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"},"
                   "\"status\":\"accepted\"},"
                   "{\"actor\":{\"reference\":\"Location/riverside-main\",\"display\":\"Riverside Main Clinic\"},"
                   "\"status\":\"accepted\"}]}",
                   start, end);
  }

  /* Lucía's confidential visit: never shown to her parents' proxy access. */
  {
    g_autofree char *date = care_seed_day (seeder, -10);
    g_autofree char *start = care_seed_time (date, "15:20", 0);
    g_autofree char *end = care_seed_time (date, "15:20", 20);

    care_seed_put (seeder,
                   "{\"resourceType\":\"Appointment\",\"id\":\"appt-teen-private\",\"status\":\"booked\","
                   "\"serviceCategory\":[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_SYSTEM "\","
                   "\"code\":\"confidential\",\"display\":\"Confidential\"}]}],"
                   "\"serviceType\":[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_VISIT_TYPES "\","
                   "\"code\":\"confidential\",\"display\":\"Confidential visit\"}],\"text\":\"Confidential visit\"}],"
                   "\"description\":\"Confidential visit\",\"start\":\"%s\",\"end\":\"%s\",\"minutesDuration\":20,"
                   "\"participant\":["
                   "{\"actor\":{\"reference\":\"Patient/teen\"},\"status\":\"accepted\"},"
                   "{\"actor\":{\"reference\":\"Practitioner/moreno\",\"display\":\"Paula Moreno, NP\"},"
                   "\"status\":\"accepted\"},"
                   "{\"actor\":{\"reference\":\"Location/riverside-kids\"},\"status\":\"accepted\"}]}",
                   start, end);
  }

  care_seed_schedules (seeder);
}

/* Years of readings from a glucose meter, a scale and a step counter:
 * what --scale adds beyond denser visits, so benchmarks see a record of
 * realistic bulk. */
void
care_seed_home_readings (Seeder *seeder)
{
  static const struct
  {
    const char *code;
    const char *name;
    const char *category;
    const char *unit;
    double      base;
    double      spread;
  } series[] = {
    { "41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer", "vital-signs", "mg/dL", 125, 20 },
    { "29463-7", "Body weight", "vital-signs", "kg", 86, 1.5 },
    { "55423-8", "Number of steps in unspecified time Pedometer", "activity", "{steps}", 6500, 2500 },
  };

  for (guint copy = 0; copy + 1 < seeder->scale && !seeder->failed; copy++)
    for (int days_ago = 6 * 365; days_ago > 0; days_ago--)
      {
        g_autofree char *date = care_seed_day (seeder, days_ago);

        for (guint s = 0; s < G_N_ELEMENTS (series); s++)
          {
            g_autofree char *when = care_seed_time (date, "07:00", (int)((copy * 3 + s) % 60));

            care_seed_put (seeder, "{\"resourceType\":\"Observation\",\"id\":\"home-%u-%d-%u\",\"status\":\"final\","
                           "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                           "observation-category\",\"code\":\"%s\"}]}],"
                           "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"%s\",\"display\":\"%s\"}],"
                           "\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/adult\"},"
                           "\"effectiveDateTime\":\"%s\",\"performer\":[{\"reference\":\"Patient/adult\"}],"
                           "\"valueQuantity\":{\"value\":%.1f,\"unit\":\"%s\",\"system\":\"" SEED_UCUM "\","
                           "\"code\":\"%s\"}}",
                           copy, days_ago, s, series[s].category, series[s].code, series[s].name,
                           series[s].name, when,
                           series[s].base + care_seed_jitter (seeder, series[s].spread), series[s].unit,
                           series[s].unit);
          }
      }
}
