/* care-test-generated.h — a generated record of thousands, for the suites that read it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record Carebook did not write: a few thousand resources of each type
 * the "records we did not write" work added (Claim, ExplanationOfBenefit,
 * MedicationAdministration, SupplyDelivery, ImagingStudy, Provenance, note
 * DiagnosticReports, Communication threads), with the quirks real portals
 * have (totals that disagree with their items, an insurer "paying" ten
 * times the bill, replies out of order). tests/core/test-generated-record.c
 * checks what core reads of it, tests/ui/test-generated-views.c what the
 * views show.
 */
#pragma once

#include <string.h>

#include "care-fhir.h"
#include "care-note-report.h"
#include "care-sandbox-store.h"

G_BEGIN_DECLS

#define PATIENT "gen"
#define N       2000
#define ORDERS  10

static inline void
care_test_generated_put (CareSandboxStore *store,
     const char       *format,
     ...) G_GNUC_PRINTF (2, 3);

static inline void
care_test_generated_put (CareSandboxStore *store,
     const char       *format,
     ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  resource = care_fhir_parse_resource (json, -1, &error);
  g_assert_no_error (error);
  stored = care_sandbox_store_put (store, resource, &error);
  g_assert_no_error (error);
}

/* The moment of the @i-th resource: an hour apart from 2020 on. */
static inline char *
care_test_generated_when (guint i)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2020, 1, 1, 8, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_hours (base, i);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

#define MONEY(v) "{\"value\":" v ",\"currency\":\"USD\"}"
#define ADJ(code, v) "{\"category\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/" \
                     "adjudication\",\"code\":\"" code "\"}]},\"amount\":" MONEY (v) "}"

static inline void
care_test_generate_record (CareSandboxStore *store)
{
  static const char *modalities[] = { "CT", "MR", "US" };
  const char * const *note_codes = care_note_report_codes ();
  g_autoptr(GError) error = NULL;

  g_assert_true (care_sandbox_store_begin (store, &error));
  care_test_generated_put (store, "{\"resourceType\":\"Patient\",\"id\":\"" PATIENT "\",\"birthDate\":\"1970-05-01\","
              "\"name\":[{\"use\":\"official\",\"family\":\"Generated\",\"given\":[\"Record\"]}]}");
  for (guint k = 0; k < ORDERS; k++)
    care_test_generated_put (store, "{\"resourceType\":\"MedicationRequest\",\"id\":\"gen-order-%u\",\"status\":\"active\","
                "\"intent\":\"order\",\"medicationCodeableConcept\":{\"text\":\"Infusion %u\"},"
                "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"authoredOn\":\"2020-01-01\"}", k, k);

  for (guint i = 0; i < N; i++)
    {
      g_autofree char *when = care_test_generated_when (i);
      g_autofree char *text = g_strdup_printf ("Note %u: seen today, doing well.", i);
      g_autofree char *data = g_base64_encode ((const guchar *)text, strlen (text));
      /* Every fifth claim's total disagrees with its items (100 + 20). */
      const char *claim_total = i % 5 == 0 ? "1200.00" : "120.00";
      /* Every seventh explanation's totals say the insurer paid ten times the bill. */
      const char *benefit_total = i % 7 == 0 ? "1200.00" : "90.00";

      care_test_generated_put (store, "{\"resourceType\":\"Claim\",\"id\":\"gen-claim-%u\",\"status\":\"active\","
                  "\"type\":{\"text\":\"Professional\"},\"use\":\"claim\","
                  "\"patient\":{\"reference\":\"Patient/" PATIENT "\"},\"created\":\"%s\","
                  "\"billablePeriod\":{\"start\":\"%s\"},\"provider\":{\"display\":\"Clinic\"},"
                  "\"item\":[{\"sequence\":1,\"productOrService\":{\"text\":\"Visit\"},\"net\":" MONEY ("100.00") "},"
                  "{\"sequence\":2,\"productOrService\":{\"text\":\"Test\"},\"unitPrice\":" MONEY ("10.00") ","
                  "\"quantity\":{\"value\":2}}],\"total\":{\"value\":%s,\"currency\":\"USD\"}}",
           i, when, when, claim_total);
      /* Half the claims are answered. */
      if (i % 2 == 0)
        care_test_generated_put (store, "{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"gen-eob-%u\",\"status\":\"active\","
                    "\"type\":{\"text\":\"Professional\"},\"use\":\"claim\","
                    "\"patient\":{\"reference\":\"Patient/" PATIENT "\"},\"created\":\"%s\","
                    "\"billablePeriod\":{\"start\":\"%s\"},\"insurer\":{\"display\":\"Insurer\"},"
                    "\"provider\":{\"display\":\"Clinic\"},\"outcome\":\"complete\","
                    "\"claim\":{\"reference\":\"Claim/gen-claim-%u\"},"
                    "\"insurance\":[{\"focal\":true,\"coverage\":{\"display\":\"Plan\"}}],"
                    "\"item\":[{\"sequence\":1,\"net\":" MONEY ("100.00") ",\"adjudication\":["
                    ADJ ("benefit", "75.00") "," ADJ ("copay", "20.00") "]},"
                    "{\"sequence\":2,\"net\":" MONEY ("20.00") ",\"adjudication\":[" ADJ ("benefit", "15.00") "]}],"
                    "\"total\":[" ADJ ("submitted", "120.00") ",{\"category\":{\"coding\":[{\"code\":\"benefit\"}]},"
                    "\"amount\":{\"value\":%s,\"currency\":\"USD\"}}],"
                    "\"payment\":{\"amount\":{\"value\":%s,\"currency\":\"USD\"}}}",
             i, when, when, i, benefit_total, benefit_total);
      care_test_generated_put (store, "{\"resourceType\":\"MedicationAdministration\",\"id\":\"gen-given-%u\","
                  "\"status\":\"completed\",\"medicationCodeableConcept\":{\"text\":\"Infusion %u\"},"
                  "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"effectiveDateTime\":\"%s\","
                  "\"request\":{\"reference\":\"MedicationRequest/gen-order-%u\"},"
                  "\"dosage\":{\"dose\":{\"value\":50,\"unit\":\"mg\"}}}",
           i, i % ORDERS, when, i % ORDERS);
      care_test_generated_put (store, "{\"resourceType\":\"SupplyDelivery\",\"id\":\"gen-supply-%u\",\"status\":\"completed\","
                  "\"patient\":{\"reference\":\"Patient/" PATIENT "\"},\"occurrenceDateTime\":\"%s\","
                  "\"suppliedItem\":{\"quantity\":{\"value\":50},\"itemCodeableConcept\":{\"text\":\"Supply %u\"}}}",
           i, when, i % 4);
      care_test_generated_put (store, "{\"resourceType\":\"ImagingStudy\",\"id\":\"gen-study-%u\",\"status\":\"available\","
                  "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"started\":\"%s\","
                  "\"series\":[{\"uid\":\"1.2.%u.1\",\"modality\":{\"system\":"
                  "\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"%s\"},\"numberOfInstances\":%u}]}",
           i, when, i, modalities[i % 3], 1 + i % 50);
      care_test_generated_put (store, "{\"resourceType\":\"Provenance\",\"id\":\"gen-prov-%u\","
                  "\"target\":[{\"reference\":\"Claim/gen-claim-%u\"},{\"reference\":\"Patient/" PATIENT "\"}],"
                  "\"recorded\":\"%s\",\"agent\":[{\"type\":{\"coding\":[{\"code\":\"author\"}]},"
                  "\"who\":{\"display\":\"Clerk %u\"}}]}",
           i, i, when, i % 3);
      care_test_generated_put (store, "{\"resourceType\":\"DiagnosticReport\",\"id\":\"gen-note-%u\",\"status\":\"final\","
                  "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LP29708-2\"}]}],"
                  "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\"}]},"
                  "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"effectiveDateTime\":\"%s\","
                  "\"presentedForm\":[{\"contentType\":\"text/plain\",\"data\":\"%s\"}]}",
           i, note_codes[i % g_strv_length ((char **)note_codes)], when, data);
      /* Conversations of four, each reply answering the one before. */
      if (i % 4 == 0)
        care_test_generated_put (store, "{\"resourceType\":\"Communication\",\"id\":\"gen-msg-%u\",\"status\":\"completed\","
                    "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"sent\":\"%s\","
                    "\"topic\":{\"text\":\"Question %u\"},\"sender\":{\"reference\":\"Patient/" PATIENT "\"},"
                    "\"payload\":[{\"contentString\":\"Question %u\"}]}", i, when, i / 4, i / 4);
      else
        care_test_generated_put (store, "{\"resourceType\":\"Communication\",\"id\":\"gen-msg-%u\",\"status\":\"completed\","
                    "\"subject\":{\"reference\":\"Patient/" PATIENT "\"},\"sent\":\"%s\","
                    "\"inResponseTo\":[{\"reference\":\"Communication/gen-msg-%u\"}],"
                    "\"sender\":{\"reference\":\"%s\"},\"payload\":[{\"contentString\":\"Reply\"}]}",
             i, when, i - 1, i % 2 == 1 ? "Practitioner/clinician" : "Patient/" PATIENT);
    }
  g_assert_true (care_sandbox_store_commit (store, &error));
  g_assert_no_error (error);
}

G_END_DECLS
