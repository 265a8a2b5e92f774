/* care-sandbox-seed-given.c — what was given, imaged, delivered and recorded
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The types real records hold thousands of and the demo used to lack:
 * Maria's monthly vitamin B12 injections given in clinic
 * (MedicationAdministration, against the order that asked for them),
 * the test strips mailed to her each quarter (SupplyDelivery), her yearly
 * diabetic eye photographs (ImagingStudy, two series each, with the
 * report that reads them) and, for every A1c result, who recorded it
 * (Provenance), and two clinical notes sent as DiagnosticReports. With
 * --scale N there are N times as many.
 */
#include "config.h"

#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#define PATIENT CARE_SANDBOX_DEMO_ADULT

static void
seed_b12 (Seeder *seeder)
{
  g_autofree char *ordered = care_seed_day (seeder, 200);
  guint doses = 6 * seeder->scale;

  care_seed_medication (seeder, "cyanocobalamin-1000", "1658162",
                        "Cyanocobalamin 1 MG/ML Injectable Solution", "Injectable Solution");
  care_seed_put (seeder,
                 "{\"resourceType\":\"MedicationRequest\",\"id\":\"adult-b12\",\"status\":\"completed\","
                 "\"intent\":\"order\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                 "CodeSystem/medicationrequest-category\",\"code\":\"outpatient\"}]}],"
                 "\"medicationReference\":{\"reference\":\"Medication/cyanocobalamin-1000\"},"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"authoredOn\":\"%s\","
                 "\"requester\":{\"reference\":\"Practitioner/okafor\"},"
                 "\"dosageInstruction\":[{\"text\":\"1 mL into the muscle once a month, given in clinic\","
                 "\"route\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"78421000\","
                 "\"display\":\"Intramuscular route\"}]}}]}", PATIENT, ordered);

  for (guint i = 0; i < doses; i++)
    {
      g_autofree char *day = care_seed_day (seeder, 190 - (int)(i * 30 / seeder->scale));
      g_autofree char *when = care_seed_time (day, "10:30", 0);

      care_seed_put (seeder,
                     "{\"resourceType\":\"MedicationAdministration\",\"id\":\"adult-b12-given-%u\","
                     "\"status\":\"completed\","
                     "\"medicationReference\":{\"reference\":\"Medication/cyanocobalamin-1000\"},"
                     "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%s\","
                     "\"performer\":[{\"actor\":{\"display\":\"Riverside Family Medicine nurse\"}}],"
                     "\"request\":{\"reference\":\"MedicationRequest/adult-b12\"},"
                     "\"dosage\":{\"route\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\","
                     "\"code\":\"78421000\",\"display\":\"Intramuscular route\"}]},"
                     "\"dose\":{\"value\":1,\"unit\":\"mg\",\"system\":\"" SEED_UCUM "\",\"code\":\"mg\"}}}",
                     i, PATIENT, when);
    }
}

static void
seed_strips (Seeder *seeder)
{
  guint deliveries = 8 * seeder->scale;

  for (guint i = 0; i < deliveries; i++)
    {
      g_autofree char *day = care_seed_day (seeder, 10 + (int)((deliveries - 1 - i) * 91 / seeder->scale));

      care_seed_put (seeder,
                     "{\"resourceType\":\"SupplyDelivery\",\"id\":\"adult-strips-%u\",\"status\":\"completed\","
                     "\"patient\":{\"reference\":\"Patient/%s\"},"
                     "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/supply-item-type\","
                     "\"code\":\"device\"}]},"
                     "\"suppliedItem\":{\"quantity\":{\"value\":100},\"itemCodeableConcept\":{\"coding\":[{"
                     "\"system\":\"" SEED_SNOMED "\",\"code\":\"337388004\",\"display\":\"Blood glucose testing "
                     "strip (physical object)\"}],\"text\":\"Blood glucose test strips\"}},"
                     "\"occurrenceDateTime\":\"%s\",\"supplier\":{\"display\":\"Cascade Mail Pharmacy\"}}",
                     i, PATIENT, day);
    }
}

static void
seed_eye_photos (Seeder *seeder)
{
  guint studies = 5 * seeder->scale;

  for (guint i = 0; i < studies; i++)
    {
      g_autofree char *day = care_seed_day (seeder, 30 + (int)((studies - 1 - i) * 365 / seeder->scale));
      g_autofree char *when = care_seed_time (day, "14:00", 0);

      care_seed_put (seeder,
                     "{\"resourceType\":\"ImagingStudy\",\"id\":\"adult-retina-%u\",\"status\":\"available\","
                     "\"identifier\":[{\"system\":\"urn:dicom:uid\",\"value\":\"urn:oid:2.25.4471%u\"}],"
                     "\"subject\":{\"reference\":\"Patient/%s\"},\"started\":\"%s\","
                     "\"modality\":[{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"OP\","
                     "\"display\":\"Ophthalmic Photography\"}],"
                     "\"description\":\"Diabetic retinal photography, both eyes\","
                     "\"numberOfSeries\":2,\"numberOfInstances\":4,"
                     "\"procedureCode\":[{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"314971001\","
                     "\"display\":\"Fundus photography (procedure)\"}],\"text\":\"Retinal photography\"}],"
                     "\"series\":[{\"uid\":\"2.25.4471%u.1\",\"number\":1,\"modality\":{\"system\":"
                     "\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"OP\"},"
                     "\"description\":\"Right eye\",\"numberOfInstances\":2,\"bodySite\":{\"system\":\"" SEED_SNOMED "\","
                     "\"code\":\"1290041000\",\"display\":\"Entire right eye proper\"}},"
                     "{\"uid\":\"2.25.4471%u.2\",\"number\":2,\"modality\":{\"system\":"
                     "\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"OP\"},"
                     "\"description\":\"Left eye\",\"numberOfInstances\":2,\"bodySite\":{\"system\":\"" SEED_SNOMED "\","
                     "\"code\":\"1290042007\",\"display\":\"Entire left eye proper\"}}]}",
                     i, i, PATIENT, when, i, i);
      care_seed_put (seeder,
                     "{\"resourceType\":\"DiagnosticReport\",\"id\":\"adult-retina-report-%u\",\"status\":\"final\","
                     "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LP29684-5\","
                     "\"display\":\"Radiology\"}]}],"
                     "\"code\":{\"text\":\"Diabetic eye exam\"},"
                     "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                     "\"imagingStudy\":[{\"reference\":\"ImagingStudy/adult-retina-%u\"}],"
                     "\"conclusion\":\"No diabetic retinopathy in either eye.\"}",
                     i, PATIENT, when, when, i);
    }
}

/* Who recorded each A1c: the lab's author, on behalf of the clinic. */
static void
seed_provenance (Seeder *seeder)
{
  guint visits = 24 * seeder->scale;

  for (guint i = 0; i < visits; i++)
    {
      int days_ago = 7 + (int)((visits - 1 - i) * 91 / seeder->scale);
      g_autofree char *day = care_seed_day (seeder, days_ago);
      g_autofree char *when = care_seed_time (day, "15:40", 0);

      care_seed_put (seeder,
                     "{\"resourceType\":\"Provenance\",\"id\":\"adult-a1c-provenance-%u\","
                     "\"target\":[{\"reference\":\"Observation/adult-a1c-%u\"},"
                     "{\"reference\":\"DiagnosticReport/adult-a1c-report-%u\"},"
                     "{\"reference\":\"Patient/%s\"}],\"recorded\":\"%s\","
                     "\"agent\":[{\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                     "provenance-participant-type\",\"code\":\"author\"}]},"
                     "\"who\":{\"reference\":\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"},"
                     "\"onBehalfOf\":{\"reference\":\"Organization/riverside\"}}]}",
                     i, i, i, PATIENT, when);
    }
}

/* Notes some portals send as DiagnosticReports (US Core "Report and
 * Note"): a history and physical, and a cardiology consult with its text
 * only; both belong with documents, not test results. */
static void
seed_note_reports (Seeder *seeder)
{
  static const char hp[] = "History and physical\n\nChief complaint: yearly physical.\n"
                           "Diabetes and blood pressure well controlled on current medicines.\n"
                           "Plan: continue metformin, lisinopril and atorvastatin; eye exam this year.";
  static const char echo[] = "Cardiology consult\n\nReferred for a heart murmur heard at a routine visit.\n"
                             "Echocardiogram: normal valves, normal pumping function.\n"
                             "No follow-up with cardiology needed.";
  g_autofree char *hp_data = g_base64_encode ((const guchar *)hp, sizeof hp - 1);
  g_autofree char *echo_data = g_base64_encode ((const guchar *)echo, sizeof echo - 1);
  g_autofree char *hp_day = care_seed_day (seeder, 40);
  g_autofree char *echo_day = care_seed_day (seeder, 120);
  g_autofree char *hp_when = care_seed_time (hp_day, "09:30", 0);
  g_autofree char *echo_when = care_seed_time (echo_day, "11:00", 0);

  care_seed_put (seeder,
                 "{\"resourceType\":\"DiagnosticReport\",\"id\":\"adult-hp-note\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LP29708-2\","
                 "\"display\":\"Cardiology\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"34117-2\","
                 "\"display\":\"History and physical note\"}],\"text\":\"History and physical\"},"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                 "\"performer\":[{\"reference\":\"Practitioner/okafor\"}],"
                 "\"presentedForm\":[{\"contentType\":\"text/plain\",\"data\":\"%s\","
                 "\"title\":\"History and physical\"}]}",
                 PATIENT, hp_when, hp_when, hp_data);
  care_seed_put (seeder,
                 "{\"resourceType\":\"DiagnosticReport\",\"id\":\"adult-cardiology-note\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LP29708-2\","
                 "\"display\":\"Cardiology\"}]}],"
                 "\"code\":{\"text\":\"Cardiology consult\"},"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                 "\"presentedForm\":[{\"contentType\":\"text/plain\",\"data\":\"%s\","
                 "\"title\":\"Cardiology consult\"}]}",
                 PATIENT, echo_when, echo_when, echo_data);
}

void
care_seed_given (Seeder *seeder)
{
  seed_b12 (seeder);
  seed_strips (seeder);
  seed_eye_photos (seeder);
  seed_provenance (seeder);
  seed_note_reports (seeder);
}
