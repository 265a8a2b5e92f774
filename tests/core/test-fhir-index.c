/* test-fhir-index.c — typed accessors and the cache's index columns
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-index.h"

static JsonObject *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  JsonObject *object;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  object = care_fhir_parse_resource (contents, length, &error);
  g_assert_no_error (error);
  return object;
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = care_fhir_parse_resource (json, -1, &error);

  g_assert_no_error (error);
  return object;
}

static void
test_content_types (void)
{
  g_assert_true (care_fhir_is_json_content_type ("application/fhir+json"));
  g_assert_true (care_fhir_is_json_content_type ("application/fhir+json; fhirVersion=4.0"));
  g_assert_true (care_fhir_is_json_content_type ("application/json+fhir;charset=UTF-8"));
  g_assert_true (care_fhir_is_json_content_type ("Application/JSON"));
  g_assert_false (care_fhir_is_json_content_type ("text/html; charset=utf-8"));
  g_assert_false (care_fhir_is_json_content_type ("application/fhir+xml"));
  g_assert_false (care_fhir_is_json_content_type (NULL));
}

static void
test_reference_kinds (void)
{
  static const struct {
    const char *json;
    CareFhirReferenceKind kind;
    const char *type;
    const char *id;
    const char *display;
    gboolean ok;
  } cases[] = {
    { "{\"reference\":\"Practitioner/p1\",\"display\":\"Dr. A\"}", CARE_FHIR_REFERENCE_RELATIVE, "Practitioner", "p1", "Dr. A", TRUE },
    { "{\"reference\":\"https://h.example/fhir/Location/l2/_history/4\"}", CARE_FHIR_REFERENCE_ABSOLUTE, "Location", "l2", NULL, TRUE },
    { "{\"reference\":\"urn:uuid:1f0e\",\"type\":\"Organization\"}", CARE_FHIR_REFERENCE_URN, "Organization", "1f0e", NULL, TRUE },
    { "{\"reference\":\"#med\",\"display\":\"Metformin\"}", CARE_FHIR_REFERENCE_CONTAINED, NULL, "med", "Metformin", TRUE },
    /* Display only: nothing to fetch, but the name stays. */
    { "{\"display\":\"Outside lab\",\"type\":\"Organization\"}", CARE_FHIR_REFERENCE_NONE, "Organization", NULL, "Outside lab", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      CareFhirReference reference;

      g_assert_true (json_parser_load_from_data (parser, cases[i].json, -1, NULL));
      g_assert_cmpint (care_fhir_read_reference (json_node_get_object (json_parser_get_root (parser)), &reference),
                       ==, cases[i].ok);
      g_assert_cmpint (reference.kind, ==, cases[i].kind);
      g_assert_cmpstr (reference.type, ==, cases[i].type);
      g_assert_cmpstr (reference.id, ==, cases[i].id);
      g_assert_cmpstr (reference.display, ==, cases[i].display);
      care_fhir_reference_clear (&reference);
      g_assert_null (reference.id);
    }
}

static void
test_contained (void)
{
  g_autoptr(JsonObject) observation = load ("observation-bp.json");
  JsonObject *nurse = care_fhir_find_contained (observation, "nurse");
  g_autofree char *name = NULL;

  g_assert_nonnull (nurse);
  name = care_fhir_dup_human_name (care_fhir_get_array (nurse, "name"));
  g_assert_cmpstr (name, ==, "Jo Lee");
  g_assert_null (care_fhir_find_contained (observation, "nobody"));
}

static void
test_dates (void)
{
  static const struct { const char *text; gboolean ok; gint64 unix_time; gboolean has_time; } cases[] = {
    { "2020", TRUE, 1577836800, FALSE },
    { "2020-03", TRUE, 1583020800, FALSE },
    { "2020-03-04", TRUE, 1583280000, FALSE },
    { "2020-03-04T10:20:30Z", TRUE, 1583317230, TRUE },
    { "2020-03-04T10:20:30.123+02:00", TRUE, 1583310030, TRUE },
    { "2020-03-04T10:20:30-05:30", TRUE, 1583337030, TRUE },
    { "2020-02-30", FALSE, 0, FALSE },
    { "2020-03-04T25:00:00Z", FALSE, 0, FALSE },
    { "yesterday", FALSE, 0, FALSE },
    { "2020-03-04 trailing", FALSE, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 seconds = 0;
      gboolean has_time = FALSE;

      g_assert_cmpint (care_fhir_parse_date (cases[i].text, &seconds, &has_time), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpint (seconds, ==, cases[i].unix_time);
          g_assert_cmpint (has_time, ==, cases[i].has_time);
        }
    }
}

/* care_fhir_parse_date() counts days itself (issue 18): the same seconds
 * as GDateTime for the first and last days of every month of many years
 * across the calendar's range, leap years and centuries among them. */
static void
test_dates_as_glib (void)
{
  static const int years[] = { 1, 4, 99, 100, 400, 1582, 1600, 1899, 1900, 1969, 1970, 1971,
                               1999, 2000, 2001, 2023, 2024, 2100, 2400, 9999 };

  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    for (int month = 1; month <= 12; month++)
      for (int day = 1; day <= 31; day++)
        {
          g_autoptr(GDateTime) expected = NULL;
          g_autofree char *text = NULL;
          gint64 seconds = 0;

          if (!g_date_valid_dmy (day, month, years[y]) || (day > 2 && day < 28))
            continue;
          text = g_strdup_printf ("%04d-%02d-%02dT23:59:60-01:30", years[y], month, day);
          expected = g_date_time_new_utc (years[y], month, day, 23, 59, 59);
          g_assert_true (care_fhir_parse_date (text, &seconds, NULL));
          g_assert_cmpint (seconds, ==, g_date_time_to_unix (expected) + 5400);
        }
}

static void
test_date_is_a_day (void)
{
  g_autoptr(GDateTime) day = care_fhir_dup_date_time ("2021-07-15");

  /* A date without a time never moves to another day in the local zone. */
  g_assert_nonnull (day);
  g_assert_cmpint (g_date_time_get_year (day), ==, 2021);
  g_assert_cmpint (g_date_time_get_month (day), ==, 7);
  g_assert_cmpint (g_date_time_get_day_of_month (day), ==, 15);
  g_assert_cmpint (g_date_time_get_hour (day), ==, 0);
}

static void
test_observation_index (void)
{
  g_autoptr(JsonObject) observation = load ("observation-bp.json");
  g_autoptr(CareFhirIndex) index = care_fhir_index_new (observation);

  g_assert_cmpstr (index->type, ==, "Observation");
  g_assert_cmpstr (index->id, ==, "bp-1");
  g_assert_cmpstr (index->version_id, ==, "3");
  g_assert_cmpstr (index->last_updated, ==, "2024-05-02T10:00:00Z");
  g_assert_cmpstr (index->patient, ==, "adult");
  g_assert_cmpuint (index->categories->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (index->categories, 0), ==,
                   "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs");
  g_assert_cmpstr (index->code_system, ==, "http://loinc.org");
  g_assert_cmpstr (index->code, ==, "85354-9");
  g_assert_cmpstr (index->effective, ==, "2024-05-01T09:30:00-05:00");
  g_assert_cmpint (index->effective_unix, ==, 1714573800);
  g_assert_cmpstr (index->status, ==, "final");
  g_assert_cmpstr (index->display, ==, "Blood pressure");
  g_assert_cmpstr (index->value_text, ==, "142/91 mmHg");
  g_assert_false (index->has_value_number);
  g_assert_cmpstr (index->interpretation, ==, "H");

  /* Words people search for are in; addresses and codes systems are not. */
  g_assert_nonnull (strstr (index->search_text, "café con leche"));
  g_assert_nonnull (strstr (index->search_text, "Nurse Lee"));
  g_assert_null (strstr (index->search_text, "http://loinc.org"));
  g_assert_null (strstr (index->search_text, "Patient/adult"));
}

/* A panel that lists the diastolic part first still reads systolic over
 * diastolic; a part the order does not know comes after, as listed. */
static void
test_components_by_code (void)
{
  g_autoptr(JsonObject) observation = load ("observation-bp-diastolic-first.json");
  g_autoptr(CareFhirIndex) index = care_fhir_index_new (observation);
  g_autoptr(GPtrArray) components = care_fhir_dup_components (observation);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  /* The mean is in the detail, not in "131/88". */
  g_assert_cmpstr (index->value_text, ==, "131/88 mmHg");
  g_assert_cmpuint (components->len, ==, 3);
  first = care_fhir_dup_concept_text (care_fhir_get_object (components->pdata[0], "code"));
  last = care_fhir_dup_concept_text (care_fhir_get_object (components->pdata[2], "code"));
  g_assert_cmpstr (first, ==, "Systolic");
  g_assert_cmpstr (last, ==, "Mean");
}

/* Without an interpretation, a value outside the normal range is flagged
 * from the range: in another unit after conversion, and only then; a
 * flag the server sent is never second-guessed. */
static void
test_flag_from_range (void)
{
  g_autoptr(JsonObject) glucose = load ("observation-range-no-flag.json");
  g_autoptr(JsonObject) hemoglobin = load ("observation-range-low.json");
  g_autoptr(JsonObject) sent = parse ("{\"resourceType\":\"Observation\",\"id\":\"x\","
                                      "\"valueQuantity\":{\"value\":200,\"unit\":\"mg/dL\"},"
                                      "\"interpretation\":[{\"coding\":[{\"code\":\"N\"}]}],"
                                      "\"referenceRange\":[{\"high\":{\"value\":99}}]}");
  g_autoptr(JsonObject) inside = parse ("{\"resourceType\":\"Observation\",\"id\":\"y\","
                                        "\"valueQuantity\":{\"value\":80,\"unit\":\"mg/dL\"},"
                                        "\"referenceRange\":[{\"low\":{\"value\":70},\"high\":{\"value\":99}}]}");
  g_autoptr(JsonObject) foreign = parse ("{\"resourceType\":\"Observation\",\"id\":\"z\","
                                         "\"valueQuantity\":{\"value\":80,\"unit\":\"U/L\"},"
                                         "\"referenceRange\":[{\"high\":{\"value\":1,\"unit\":\"ukat/L\"}}]}");
  g_autoptr(CareFhirIndex) index = care_fhir_index_new (glucose);
  g_autofree char *low = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *none = NULL;
  g_autofree char *unconverted = NULL;
  gboolean derived = FALSE;

  g_assert_cmpstr (index->interpretation, ==, "H");
  low = care_fhir_read_flag_code (hemoglobin, &derived);
  g_assert_cmpstr (low, ==, "L");
  g_assert_true (derived);
  kept = care_fhir_read_flag_code (sent, &derived);
  g_assert_cmpstr (kept, ==, "N");
  g_assert_false (derived);
  none = care_fhir_read_flag_code (inside, &derived);
  g_assert_null (none);
  g_assert_false (derived);
  unconverted = care_fhir_read_flag_code (foreign, &derived);
  g_assert_null (unconverted);
}

static void
test_absent_value (void)
{
  g_autoptr(JsonObject) observation = load ("observation-absent-value.json");
  g_autoptr(CareFhirIndex) index = care_fhir_index_new (observation);

  /* data-absent-reason: no value, no crash, the rest still indexed. */
  g_assert_null (index->value_text);
  g_assert_false (index->has_value_number);
  g_assert_cmpstr (index->display, ==, "Glucose");
}

static void
test_quantity_value (void)
{
  g_autoptr(JsonObject) observation = parse (
    "{\"resourceType\":\"Observation\",\"id\":\"g\",\"code\":{\"coding\":[{\"code\":\"4548-4\",\"display\":\"HbA1c\"}]},"
    "\"valueQuantity\":{\"value\":7.20,\"unit\":\"%\",\"comparator\":\">\"},\"issued\":\"2023-01-02T03:04:05Z\"}");
  g_autoptr(CareFhirIndex) index = care_fhir_index_new (observation);

  g_assert_cmpstr (index->value_text, ==, "> 7.2 %");
  g_assert_true (index->has_value_number);
  g_assert_cmpfloat (index->value_number, ==, 7.2);
  g_assert_cmpstr (index->value_unit, ==, "%");
  g_assert_cmpstr (index->display, ==, "HbA1c");
  /* No effective[x]: issued places it. */
  g_assert_cmpstr (index->effective, ==, "2023-01-02T03:04:05Z");
}

static void
test_effective_per_type (void)
{
  static const struct { const char *json; const char *effective; const char *display; const char *status; } cases[] = {
    { "{\"resourceType\":\"DiagnosticReport\",\"id\":\"1\",\"effectivePeriod\":{\"start\":\"2022-01-01\"},\"code\":{\"text\":\"CBC\"},\"status\":\"final\"}",
      "2022-01-01", "CBC", "final" },
    { "{\"resourceType\":\"Condition\",\"id\":\"1\",\"recordedDate\":\"2020-02-02\",\"code\":{\"text\":\"Asthma\"},"
      "\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]}}", "2020-02-02", "Asthma", "active" },
    { "{\"resourceType\":\"MedicationRequest\",\"id\":\"1\",\"authoredOn\":\"2021-03-03\",\"status\":\"active\","
      "\"medicationReference\":{\"reference\":\"Medication/m\",\"display\":\"Metformin 500 mg\"}}",
      "2021-03-03", "Metformin 500 mg", "active" },
    { "{\"resourceType\":\"Immunization\",\"id\":\"1\",\"occurrenceDateTime\":\"2019-10-10\",\"vaccineCode\":{\"text\":\"Influenza\"},\"status\":\"completed\"}",
      "2019-10-10", "Influenza", "completed" },
    { "{\"resourceType\":\"DocumentReference\",\"id\":\"1\",\"date\":\"2024-01-01T00:00:00Z\",\"description\":\"Visit summary\",\"status\":\"current\"}",
      "2024-01-01T00:00:00Z", "Visit summary", "current" },
    { "{\"resourceType\":\"Encounter\",\"id\":\"1\",\"period\":{\"start\":\"2018-05-05\"},\"type\":[{\"text\":\"Checkup\"}],\"status\":\"finished\"}",
      "2018-05-05", "Checkup", "finished" },
    { "{\"resourceType\":\"Appointment\",\"id\":\"1\",\"start\":\"2025-06-01T09:00:00Z\",\"description\":\"Dental\",\"status\":\"booked\"}",
      "2025-06-01T09:00:00Z", "Dental", "booked" },
    { "{\"resourceType\":\"Procedure\",\"id\":\"1\",\"performedPeriod\":{\"start\":\"2017-07-07\"},\"code\":{\"text\":\"Appendectomy\"},\"status\":\"completed\"}",
      "2017-07-07", "Appendectomy", "completed" },
    { "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"1\",\"onsetDateTime\":\"2001\",\"code\":{\"text\":\"Peanut\"},"
      "\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]}}", "2001", "Peanut", "active" },
    { "{\"resourceType\":\"Communication\",\"id\":\"1\",\"sent\":\"2024-02-02T08:00:00Z\",\"topic\":{\"text\":\"Lab question\"},\"status\":\"completed\"}",
      "2024-02-02T08:00:00Z", "Lab question", "completed" },
    { "{\"resourceType\":\"Patient\",\"id\":\"1\",\"name\":[{\"use\":\"official\",\"family\":\"Ruiz\",\"given\":[\"Ana\",\"María\"]}]}",
      NULL, "Ana María Ruiz", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) resource = parse (cases[i].json);
      g_autoptr(CareFhirIndex) index = care_fhir_index_new (resource);

      g_assert_cmpstr (index->effective, ==, cases[i].effective);
      g_assert_cmpstr (index->display, ==, cases[i].display);
      g_assert_cmpstr (index->status, ==, cases[i].status);
      if (cases[i].effective == NULL)
        g_assert_cmpint (index->effective_unix, ==, G_MININT64);
    }
}

static void
test_outcomes (void)
{
  static const struct { const char *json; CareFhirOutcomeKind kind; const char *text; } cases[] = {
    { "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\",\"code\":\"suppressed\","
      "\"details\":{\"text\":\"Withheld from proxy access\"}}]}", CARE_FHIR_OUTCOME_WITHHELD, "Withheld from proxy access" },
    { "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\",\"code\":\"incomplete\","
      "\"diagnostics\":\"Only 5 years shown\"}]}", CARE_FHIR_OUTCOME_INCOMPLETE, "Only 5 years shown" },
    { "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"information\",\"code\":\"informational\"},"
      "{\"severity\":\"error\",\"code\":\"invalid\",\"details\":{\"text\":\"Bad subject\"}}]}", CARE_FHIR_OUTCOME_ERROR, "Bad subject" },
    { "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"information\",\"code\":\"informational\"}]}",
      CARE_FHIR_OUTCOME_INFORMATION, "informational" },
    { "{\"resourceType\":\"Observation\",\"issue\":[{\"severity\":\"error\"}]}", CARE_FHIR_OUTCOME_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) outcome = parse (cases[i].json);
      g_autofree char *text = NULL;

      g_assert_cmpint (care_fhir_classify_outcome (outcome, &text), ==, cases[i].kind);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/fhir/content-type/accepted", test_content_types);
  g_test_add_func ("/care/fhir/reference/kinds", test_reference_kinds);
  g_test_add_func ("/care/fhir/reference/contained", test_contained);
  g_test_add_func ("/care/fhir/date/partial", test_dates);
  g_test_add_func ("/care/fhir/date/as-glib", test_dates_as_glib);
  g_test_add_func ("/care/fhir/date/day-stays-a-day", test_date_is_a_day);
  g_test_add_func ("/care/fhir/index/observation", test_observation_index);
  g_test_add_func ("/care/fhir/index/components-by-code", test_components_by_code);
  g_test_add_func ("/care/fhir/index/flag-from-range", test_flag_from_range);
  g_test_add_func ("/care/fhir/index/absent-value", test_absent_value);
  g_test_add_func ("/care/fhir/index/quantity", test_quantity_value);
  g_test_add_func ("/care/fhir/index/per-type", test_effective_per_type);
  g_test_add_func ("/care/fhir/outcome/classify", test_outcomes);

  return g_test_run ();
}
