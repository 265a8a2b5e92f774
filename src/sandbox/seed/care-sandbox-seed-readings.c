/* care-sandbox-seed-readings.c — the home readings the clinic asks the demo family for
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Track My Health: the clinic asks for readings with a CarePlan (US Core
 * category assess-plan) whose activities name a LOINC code in
 * `detail.code` and how often in `detail.scheduledTiming` (a ServiceRequest
 * with `code` and `occurrenceTiming` is read the same way by the app).
 * Maria is asked for her blood pressure twice a day, her weight once a
 * week and her blood sugar each morning, and has entered a week of
 * morning blood pressures and two weights herself (performer the
 * patient, tagged patient-entered); Roberto, after his heart failure
 * visit, his weight and blood pressure each morning.
 */
#include "config.h"

#include "care-reading.h"
#include "care-sandbox-seed-private.h"

#define ACTIVITY(code, display, frequency, period, unit, description) \
  "{\"detail\":{\"kind\":\"ServiceRequest\",\"status\":\"in-progress\",\"code\":{\"coding\":[{\"system\":\"" \
  SEED_LOINC "\",\"code\":\"" code "\",\"display\":\"" display "\"}]},\"scheduledTiming\":{\"repeat\":" \
  "{\"frequency\":" #frequency ",\"period\":" #period ",\"periodUnit\":\"" unit "\"}},\"description\":\"" \
  description "\"}}"

static void
seed_entered (Seeder     *seeder,
              const char *id,
              const char *when,
              const char *code,
              const char *display,
              const char *value_json)
{
  care_seed_put (seeder,
                 "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"meta\":{\"tag\":[{\"system\":\""
                 CARE_READING_TAG_SYSTEM "\",\"code\":\"" CARE_READING_TAG_CODE "\"}]},\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "observation-category\",\"code\":\"vital-signs\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"%s\",\"display\":\"%s\"}]},"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"%s\","
                 "\"performer\":[{\"reference\":\"Patient/adult\"}],%s}",
                 id, code, display, when, value_json);
}

void
care_seed_reading_requests (Seeder *seeder)
{
  g_autofree char *adult_start = care_seed_day (seeder, 30);
  g_autofree char *elder_start = care_seed_day (seeder, 12);
  g_autofree char *elder_end = care_seed_day (seeder, -78);
  static const int systolic[] = { 134, 129, 131, 127, 136, 128, 125 };
  static const int diastolic[] = { 86, 82, 84, 80, 88, 81, 79 };

  care_seed_put (seeder,
                 "{\"resourceType\":\"CarePlan\",\"id\":\"adult-home-readings\",\"status\":\"active\","
                 "\"intent\":\"order\",\"category\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/core/"
                 "CodeSystem/careplan-category\",\"code\":\"assess-plan\"}]}],\"title\":\"Home readings\","
                 "\"description\":\"Readings Dr. Okafor asked you to take at home.\","
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"period\":{\"start\":\"%s\"},"
                 "\"author\":{\"reference\":\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"},"
                 "\"addresses\":[{\"reference\":\"Condition/adult-hypertension\"},"
                 "{\"reference\":\"Condition/adult-diabetes\"}],\"activity\":["
                 ACTIVITY ("85354-9", "Blood pressure panel with all children optional", 2, 1, "d",
                           "Blood pressure in the morning and the evening, seated, after five minutes "
                           "of rest") ","
                 ACTIVITY ("29463-7", "Body weight", 1, 1, "wk",
                           "Weight once a week, in the morning before breakfast") ","
                 ACTIVITY ("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer", 1, 1, "d",
                           "Blood sugar each morning before breakfast") "]}",
                 adult_start);

  care_seed_put (seeder,
                 "{\"resourceType\":\"CarePlan\",\"id\":\"elder-home-readings\",\"status\":\"active\","
                 "\"intent\":\"order\",\"category\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/core/"
                 "CodeSystem/careplan-category\",\"code\":\"assess-plan\"}]}],"
                 "\"title\":\"Control en casa\",\"description\":\"Después de la visita de cardiología.\","
                 "\"subject\":{\"reference\":\"Patient/elder\"},\"period\":{\"start\":\"%s\",\"end\":\"%s\"},"
                 "\"author\":{\"reference\":\"Practitioner/wieczorek\",\"display\":\"Dr. Tomasz Wieczorek\"},"
                 "\"activity\":["
                 ACTIVITY ("29463-7", "Body weight", 1, 1, "d",
                           "Pésese cada mañana; llame si sube más de 1 kg en un día") ","
                 ACTIVITY ("85354-9", "Blood pressure panel with all children optional", 1, 1, "d",
                           "Presión arterial cada mañana") ","
                 ACTIVITY ("8867-4", "Heart rate", 1, 1, "d", "Pulso cada mañana") "]}",
                 elder_start, elder_end);

  /* A week of Maria's own morning blood pressures, and two weights. */
  for (guint i = 0; i < G_N_ELEMENTS (systolic); i++)
    {
      g_autofree char *date = care_seed_day (seeder, (int) i + 1);
      g_autofree char *when = care_seed_time (date, "07:30", (int) i * 3);
      g_autofree char *id = g_strdup_printf ("adult-entered-bp-%u", i + 1);
      g_autofree char *value = g_strdup_printf (
        "\"bodySite\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"368208006\","
        "\"display\":\"Left upper arm structure\"}]},\"component\":["
        "{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"8480-6\","
        "\"display\":\"Systolic blood pressure\"}]},\"valueQuantity\":{\"value\":%d,\"unit\":\"mmHg\","
        "\"system\":\"" SEED_UCUM "\",\"code\":\"mm[Hg]\"}},"
        "{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"8462-4\","
        "\"display\":\"Diastolic blood pressure\"}]},\"valueQuantity\":{\"value\":%d,\"unit\":\"mmHg\","
        "\"system\":\"" SEED_UCUM "\",\"code\":\"mm[Hg]\"}}]", systolic[i], diastolic[i]);

      seed_entered (seeder, id, when, "85354-9", "Blood pressure panel with all children optional", value);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *date = care_seed_day (seeder, 3 + (int) i * 7);
      g_autofree char *when = care_seed_time (date, "07:15", 0);
      g_autofree char *id = g_strdup_printf ("adult-entered-weight-%u", i + 1);
      g_autofree char *value = g_strdup_printf (
        "\"valueQuantity\":{\"value\":%s,\"unit\":\"kg\",\"system\":\"" SEED_UCUM "\",\"code\":\"kg\"}",
        i == 0 ? "84.6" : "85.1");

      seed_entered (seeder, id, when, "29463-7", "Body weight", value);
    }
}
