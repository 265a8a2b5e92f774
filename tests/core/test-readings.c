/* test-readings.c — home readings: kinds, units, plausibility, Observations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "care-cache.h"
#include "care-fhir.h"
#include "care-json.h"
#include "care-reading.h"
#include "care-reading-requests.h"

#include "../care-test-utils.h"

static GDateTime *
morning (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("-05:00");

  return g_date_time_new (zone, 2026, 11, 30, 7, 45, 0);
}

static char *
to_json (JsonObject *object)
{
  return care_json_object_to_string (object);
}

static CareReading *
parse_ok (CareReadingKind kind,
          const char     *value,
          const char     *unit,
          const char     *locale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = morning ();
  CareReading *reading = care_reading_parse (kind, value, unit, locale, when, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reading);
  return reading;
}

static GError *
parse_error (CareReadingKind kind,
             const char     *value,
             const char     *unit)
{
  GError *error = NULL;
  g_autoptr(GDateTime) when = morning ();
  g_autoptr(CareReading) reading = care_reading_parse (kind, value, unit, "en_US.UTF-8", when, &error);

  g_assert_null (reading);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CARE_READING_ERROR);
  return error;
}

/* JSON text */

static void
test_json_decimals (void)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(JsonNode) node = care_json_parse ("{\"a\":81.4,\"b\":6.1,\"c\":0.1,\"d\":36.6,\"e\":1e300,"
                                              "\"f\":-0.5,\"g\":82,\"h\":[1.25,true,null,\"x\\\"y\\n\"],"
                                              "\"i\":{}}", -1, NULL);
  g_autofree char *text = care_json_to_string (node, FALSE);
  g_autofree char *pretty = care_json_to_string (node, TRUE);
  g_autofree char *stock = json_to_string (node, FALSE);
  g_autoptr(JsonNode) again = NULL;

  /* json-glib itself writes 17 digits: what this helper is for. */
  g_assert_nonnull (strstr (stock, "81.400000000000006"));
  g_assert_cmpstr (text, ==, "{\"a\":81.4,\"b\":6.1,\"c\":0.1,\"d\":36.6,\"e\":1e+300,\"f\":-0.5,\"g\":82,"
                             "\"h\":[1.25,true,null,\"x\\\"y\\n\"],\"i\":{}}");
  again = care_json_parse (pretty, -1, NULL);
  g_assert_nonnull (again);
  g_assert_true (json_node_equal (node, again));
  g_assert_nonnull (strstr (pretty, "\n  \"a\" : 81.4,"));

  g_assert_cmpstr (care_json_format_double (1.0 / 3.0, buffer), ==, "0.3333333333333333");
  g_assert_cmpstr (care_json_format_double (NAN, buffer), ==, "null");
  g_assert_cmpstr (care_json_format_double (179.5, buffer), ==, "179.5");
}

/* The outbox keeps the text it will send: a questionnaire's decimal answer
 * and a reading's value go as typed, not as 17 digits. */
static void
test_outbox_decimals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-readings-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autoptr(CareCache) cache = NULL;
  g_autoptr(JsonObject) response = care_fhir_parse_resource (
    "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[{\"linkId\":\"w\","
    "\"answer\":[{\"valueDecimal\":6.1},{\"valueQuantity\":{\"value\":81.4,\"unit\":\"kg\"}}]}]}", -1, NULL);
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  CareOutboxItem *item;
  CareOutboxRequest request = { 0 };

  g_assert_no_error (error);
  cache = care_cache_open (path, &error);
  g_assert_no_error (error);

  item = care_cache_outbox_add (cache, response, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (item->json, "{\"valueDecimal\":6.1}"));
  g_assert_nonnull (strstr (item->json, "\"value\":81.4,"));
  g_assert_null (strstr (item->json, "000000"));
  care_outbox_item_free (item);

  reading = parse_ok (CARE_READING_TEMPERATURE, "36.6", "Cel", NULL);
  draft = care_reading_draft_new (reading, "Patient/p1", &error);
  g_assert_no_error (error);
  care_outbox_draft_get_request (draft, &request);
  item = care_cache_outbox_add_request (cache, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (item->json, "\"value\":36.6,"));
  care_outbox_item_free (item);

  g_clear_object (&cache);
  care_test_remove_flat_dir (dir);
}

/* Kinds */

static void
test_kind_names (void)
{
  CareReadingKind kind;

  for (guint i = 0; i < CARE_READING_N_KINDS; i++)
    {
      g_assert_true (care_reading_kind_from_string (care_reading_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_true (care_reading_kind_from_loinc (care_reading_kind_get_loinc (i, CARE_UNIT_OTHER), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (care_reading_kind_get_title (i), !=, "");
    }
  g_assert_true (care_reading_kind_from_string ("Blood_Pressure", &kind));
  g_assert_cmpint (kind, ==, CARE_READING_BLOOD_PRESSURE);
  g_assert_true (care_reading_kind_from_string ("heart rate", &kind));
  g_assert_cmpint (kind, ==, CARE_READING_PULSE);
  g_assert_false (care_reading_kind_from_string ("mood", &kind));
  g_assert_false (care_reading_kind_from_string (NULL, &kind));
  g_assert_true (care_reading_kind_from_loinc ("8480-6", &kind));
  g_assert_cmpint (kind, ==, CARE_READING_BLOOD_PRESSURE);
  g_assert_false (care_reading_kind_from_loinc ("4548-4", &kind));

  g_assert_cmpstr (care_reading_kind_get_loinc (CARE_READING_GLUCOSE, CARE_UNIT_MG_PER_DL), ==, "41653-7");
  g_assert_cmpstr (care_reading_kind_get_loinc (CARE_READING_GLUCOSE, CARE_UNIT_MMOL_PER_L), ==, "14743-9");
  g_assert_cmpstr (care_reading_kind_get_category (CARE_READING_GLUCOSE), ==, "laboratory");
  g_assert_cmpstr (care_reading_kind_get_category (CARE_READING_STEPS), ==, "activity");
  g_assert_cmpstr (care_reading_kind_get_category (CARE_READING_WEIGHT), ==, "vital-signs");
}

static void
test_units_per_locale (void)
{
  struct { CareReadingKind kind; const char *locale; CareUnit unit; } cases[] = {
    { CARE_READING_WEIGHT, "en_US.UTF-8", CARE_UNIT_POUND },
    { CARE_READING_WEIGHT, "es_US.UTF-8", CARE_UNIT_POUND },
    { CARE_READING_WEIGHT, "es_ES.UTF-8", CARE_UNIT_KILOGRAM },
    { CARE_READING_WEIGHT, "en_GB", CARE_UNIT_KILOGRAM },
    { CARE_READING_WEIGHT, "C.UTF-8", CARE_UNIT_KILOGRAM },
    { CARE_READING_WEIGHT, NULL, CARE_UNIT_KILOGRAM },
    { CARE_READING_HEIGHT, "en_US", CARE_UNIT_INCH },
    { CARE_READING_HEIGHT, "es_MX.UTF-8", CARE_UNIT_CENTIMETER },
    { CARE_READING_TEMPERATURE, "en_US.UTF-8", CARE_UNIT_FAHRENHEIT },
    { CARE_READING_TEMPERATURE, "en_BZ", CARE_UNIT_FAHRENHEIT },
    { CARE_READING_TEMPERATURE, "de_DE.UTF-8", CARE_UNIT_CELSIUS },
    { CARE_READING_GLUCOSE, "en_US.UTF-8", CARE_UNIT_MG_PER_DL },
    { CARE_READING_GLUCOSE, "es_ES.UTF-8", CARE_UNIT_MG_PER_DL },
    { CARE_READING_GLUCOSE, "en_GB.UTF-8", CARE_UNIT_MMOL_PER_L },
    { CARE_READING_GLUCOSE, "en_CA", CARE_UNIT_MMOL_PER_L },
    { CARE_READING_GLUCOSE, "C", CARE_UNIT_MMOL_PER_L },
    { CARE_READING_BLOOD_PRESSURE, "en_US", CARE_UNIT_MM_HG },
    { CARE_READING_PULSE, "en_US", CARE_UNIT_PER_MIN },
    { CARE_READING_SPO2, "en_US", CARE_UNIT_PERCENT },
    { CARE_READING_STEPS, "en_US", CARE_UNIT_OTHER },
    { CARE_READING_PAIN, "en_US", CARE_UNIT_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s %s", care_reading_kind_to_string (cases[i].kind), cases[i].locale);
      g_assert_cmpint (care_reading_kind_get_unit_for_locale (cases[i].kind, cases[i].locale), ==,
                       cases[i].unit);
    }
}

/* Each kind: what is typed, what the Observation carries. */
static void
test_every_kind (void)
{
  struct {
    CareReadingKind kind;
    const char *value, *unit;
    const char *code, *category, *ucum, *wire_value, *shown;
  } cases[] = {
    { CARE_READING_WEIGHT, "81.4", "kg", "29463-7", "vital-signs", "kg", "81.4", "81.4 kg" },
    { CARE_READING_WEIGHT, "179.5", "lb", "29463-7", "vital-signs", "[lb_av]", "179.5", "179.5 lb" },
    { CARE_READING_HEIGHT, "172.5", "cm", "8302-2", "vital-signs", "cm", "172.5", "172.5 cm" },
    { CARE_READING_HEIGHT, "68", "in", "8302-2", "vital-signs", "[in_i]", "68", "68 in" },
    { CARE_READING_GLUCOSE, "6.1", "mmol/L", "14743-9", "laboratory", "mmol/L", "6.1", "6.1 mmol/L" },
    { CARE_READING_GLUCOSE, "110", "mg/dL", "41653-7", "laboratory", "mg/dL", "110", "110 mg/dL" },
    { CARE_READING_TEMPERATURE, "36.6", "°C", "8310-5", "vital-signs", "Cel", "36.6", "36.6 °C" },
    { CARE_READING_TEMPERATURE, "98.6", "F", "8310-5", "vital-signs", "[degF]", "98.6", "98.6 °F" },
    { CARE_READING_PULSE, "72", "bpm", "8867-4", "vital-signs", "/min", "72", "72 /min" },
    { CARE_READING_SPO2, "97", "%", "59408-5", "vital-signs", "%", "97", "97 %" },
    { CARE_READING_STEPS, "10,432", NULL, "55423-8", "activity", "{steps}", "10432", "10432 steps" },
    { CARE_READING_PAIN, "3", "/10", "72514-3", "vital-signs", "{score}", "3", "3 out of 10" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CareReading) reading = parse_ok (cases[i].kind, cases[i].value, cases[i].unit, "en_US.UTF-8");
      g_autoptr(JsonObject) observation = care_reading_to_observation (reading, "Patient/p1");
      g_autoptr(CareReading) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = to_json (observation);
      g_autofree char *code = g_strdup_printf ("{\"system\":\"http://loinc.org\",\"code\":\"%s\"", cases[i].code);
      g_autofree char *category = g_strdup_printf ("\"code\":\"%s\"", cases[i].category);
      g_autofree char *quantity = g_strdup_printf ("\"value\":%s,", cases[i].wire_value);
      g_autofree char *ucum = g_strdup_printf ("\"system\":\"http://unitsofmeasure.org\",\"code\":\"%s\"}",
                                               cases[i].ucum);
      g_autofree char *shown = care_reading_format_value (reading);

      g_test_message ("%s", json);
      g_assert_nonnull (strstr (json, code));
      g_assert_nonnull (strstr (json, category));
      g_assert_nonnull (strstr (json, quantity));
      g_assert_nonnull (strstr (json, ucum));
      g_assert_nonnull (strstr (json, "\"subject\":{\"reference\":\"Patient/p1\"}"));
      g_assert_nonnull (strstr (json, "\"performer\":[{\"reference\":\"Patient/p1\"}]"));
      g_assert_nonnull (strstr (json, "\"effectiveDateTime\":\"2026-11-30T07:45:00-05:00\""));
      g_assert_nonnull (strstr (json, "\"status\":\"final\""));
      g_assert_true (care_observation_is_patient_entered (observation));
      g_assert_cmpstr (shown, ==, cases[i].shown);

      back = care_reading_from_observation (observation, &error);
      g_assert_no_error (error);
      g_assert_cmpint (back->kind, ==, reading->kind);
      g_assert_cmpfloat (back->value, ==, reading->value);
      g_assert_cmpint (back->unit, ==, reading->unit);
      g_assert_true (g_date_time_equal (back->time, reading->time));
    }
}

static void
test_blood_pressure (void)
{
  g_autoptr(CareReading) reading = parse_ok (CARE_READING_BLOOD_PRESSURE, " 128 / 82 ", NULL, "en_US");
  g_autoptr(JsonObject) observation = NULL;
  g_autoptr(CareReading) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *summary = NULL;
  JsonArray *components;

  g_assert_cmpfloat (reading->value, ==, 128);
  g_assert_cmpfloat (reading->value2, ==, 82);
  reading->arm = CARE_READING_ARM_LEFT;
  reading->position = CARE_READING_POSITION_SITTING;
  observation = care_reading_to_observation (reading, "Patient/p1");
  json = to_json (observation);
  g_test_message ("%s", json);
  g_assert_nonnull (strstr (json, "\"code\":\"85354-9\""));
  g_assert_false (json_object_has_member (observation, "valueQuantity"));
  components = json_object_get_array_member (observation, "component");
  g_assert_cmpuint (json_array_get_length (components), ==, 2);
  g_assert_nonnull (strstr (json, "{\"system\":\"http://loinc.org\",\"code\":\"8480-6\""));
  g_assert_nonnull (strstr (json, "{\"system\":\"http://loinc.org\",\"code\":\"8462-4\""));
  g_assert_nonnull (strstr (json, "\"valueQuantity\":{\"value\":128,\"unit\":\"mmHg\","
                                  "\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}"));
  g_assert_nonnull (strstr (json, "\"value\":82,"));
  g_assert_nonnull (strstr (json, "\"bodySite\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                                  "\"code\":\"368208006\""));
  g_assert_nonnull (strstr (json, "\"url\":\"http://hl7.org/fhir/StructureDefinition/observation-bodyPosition\","
                                  "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                                  "\"code\":\"33586001\""));
  g_assert_nonnull (strstr (json, "\"meta\":{\"tag\":[{\"system\":\"" CARE_READING_TAG_SYSTEM "\","
                                  "\"code\":\"patient-entered\""));

  back = care_reading_from_observation (observation, NULL);
  g_assert_nonnull (back);
  g_assert_cmpfloat (back->value, ==, 128);
  g_assert_cmpfloat (back->value2, ==, 82);
  g_assert_cmpint (back->arm, ==, CARE_READING_ARM_LEFT);
  g_assert_cmpint (back->position, ==, CARE_READING_POSITION_SITTING);

  summary = care_reading_dup_summary (reading);
  g_assert_cmpstr (summary, ==, "Blood Pressure 128/82 mmHg");
}

static void
test_glucose_meal_and_spo2 (void)
{
  g_autoptr(CareReading) glucose = parse_ok (CARE_READING_GLUCOSE, "5,4", NULL, "en_GB.UTF-8");
  g_autoptr(CareReading) spo2 = parse_ok (CARE_READING_SPO2, "96", NULL, "en_US");
  g_autoptr(JsonObject) observation = NULL;
  g_autoptr(CareReading) back = NULL;
  g_autofree char *json = NULL;

  /* A decimal comma, and the locale's unit. */
  g_assert_cmpfloat (glucose->value, ==, 5.4);
  g_assert_cmpint (glucose->unit, ==, CARE_UNIT_MMOL_PER_L);
  glucose->meal = CARE_READING_MEAL_BEFORE;
  glucose->device = g_strdup ("Contour Next One");
  glucose->note = g_strdup ("after a walk");
  observation = care_reading_to_observation (glucose, "Patient/p1");
  json = to_json (observation);
  g_assert_nonnull (strstr (json, "\"url\":\"" CARE_READING_MEAL_EXTENSION "\",\"valueCodeableConcept\":"
                                  "{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-TimingEvent\","
                                  "\"code\":\"AC\""));
  g_assert_nonnull (strstr (json, "\"device\":{\"display\":\"Contour Next One\"}"));
  g_assert_nonnull (strstr (json, "\"note\":[{\"text\":\"after a walk\"}]"));
  back = care_reading_from_observation (observation, NULL);
  g_assert_cmpint (back->meal, ==, CARE_READING_MEAL_BEFORE);
  g_assert_cmpstr (back->device, ==, "Contour Next One");
  g_assert_cmpstr (back->note, ==, "after a walk");

  g_clear_pointer (&observation, json_object_unref);
  g_free (json);
  observation = care_reading_to_observation (spo2, "Patient/p1");
  json = to_json (observation);
  /* US Core's pulse oximetry profile wants both codes. */
  g_assert_nonnull (strstr (json, "\"code\":\"59408-5\""));
  g_assert_nonnull (strstr (json, "\"code\":\"2708-6\""));
}

/* Plausibility: each refusal names the value and says which field. */
static void
test_plausibility (void)
{
  struct {
    CareReadingKind kind;
    const char *value, *unit;
    CareReadingError code;
    const char *message;
  } cases[] = {
    { CARE_READING_WEIGHT, "900", "kg", CARE_READING_ERROR_VALUE,
      "Weight: 900 kg is higher than is possible (at most 450 kg). Check the number and the unit." },
    { CARE_READING_WEIGHT, "1000", "lb", CARE_READING_ERROR_VALUE,
      "Weight: 1000 lb is higher than is possible (at most 992 lb). Check the number and the unit." },
    { CARE_READING_WEIGHT, "0.2", "kg", CARE_READING_ERROR_VALUE,
      "Weight: 0.2 kg is lower than is possible (at least 0.5 kg). Check the number and the unit." },
    { CARE_READING_HEIGHT, "300", "cm", CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_HEIGHT, "5.9", "in", CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_TEMPERATURE, "60", "Cel", CARE_READING_ERROR_VALUE,
      "Temperature: 60 °C is higher than is possible (at most 45 °C). Check the number and the unit." },
    /* 37 °F is a Celsius value typed with the US unit. */
    { CARE_READING_TEMPERATURE, "37", "[degF]", CARE_READING_ERROR_VALUE,
      "Temperature: 37 °F is lower than is possible (at least 86 °F). Check the number and the unit." },
    { CARE_READING_GLUCOSE, "61", "mmol/L", CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_GLUCOSE, "6.1", "mg/dL", CARE_READING_ERROR_VALUE,
      "Blood Glucose: 6.1 mg/dL is lower than is possible (at least 18 mg/dL). Check the number and the unit." },
    { CARE_READING_PULSE, "300", NULL, CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_PULSE, "72.5", NULL, CARE_READING_ERROR_VALUE, "Pulse: 72.5 /min is not a whole number." },
    { CARE_READING_SPO2, "150", "%", CARE_READING_ERROR_VALUE,
      "Oxygen Saturation: 150 % is higher than is possible (at most 100 %). Check the number and the unit." },
    { CARE_READING_STEPS, "250000", NULL, CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_STEPS, "-5", NULL, CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_PAIN, "11", NULL, CARE_READING_ERROR_VALUE,
      "Pain Score: 11 out of 10 is higher than is possible (at most 10 out of 10). Check the number and the unit." },
    { CARE_READING_PAIN, "2.5", NULL, CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_BLOOD_PRESSURE, "82/128", NULL, CARE_READING_ERROR_VALUE2,
      "The diastolic (128) must be lower than the systolic (82): check the order of the two numbers." },
    { CARE_READING_BLOOD_PRESSURE, "120/120", NULL, CARE_READING_ERROR_VALUE2, NULL },
    { CARE_READING_BLOOD_PRESSURE, "400/80", NULL, CARE_READING_ERROR_VALUE,
      "Systolic: 400 mmHg is higher than is possible (at most 300 mmHg). Check the number and the unit." },
    { CARE_READING_BLOOD_PRESSURE, "120/5", NULL, CARE_READING_ERROR_VALUE2, NULL },
    { CARE_READING_BLOOD_PRESSURE, "120", NULL, CARE_READING_ERROR_VALUE,
      "“120” is not a blood pressure: write the two numbers as 128/82." },
    { CARE_READING_BLOOD_PRESSURE, "120/eighty", NULL, CARE_READING_ERROR_VALUE2, "“eighty” is not a number." },
    { CARE_READING_BLOOD_PRESSURE, "120/80", "kg", CARE_READING_ERROR_UNIT, NULL },
    { CARE_READING_WEIGHT, "81.4kg", NULL, CARE_READING_ERROR_VALUE, "“81.4kg” is not a number." },
    { CARE_READING_WEIGHT, "", NULL, CARE_READING_ERROR_VALUE, "Enter a value." },
    { CARE_READING_WEIGHT, "1.2.3", NULL, CARE_READING_ERROR_VALUE, NULL },
    { CARE_READING_WEIGHT, "81.4", "mmol/L", CARE_READING_ERROR_UNIT, "“mmol/L” is not a unit for Weight." },
    { CARE_READING_WEIGHT, "81.4", "stone", CARE_READING_ERROR_UNIT, NULL },
    { CARE_READING_GLUCOSE, "6", "%", CARE_READING_ERROR_UNIT, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s %s %s", care_reading_kind_to_string (cases[i].kind), cases[i].value, cases[i].unit);
      error = parse_error (cases[i].kind, cases[i].value, cases[i].unit);
      g_assert_cmpint (error->code, ==, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The edges of each range are accepted, in both units. */
static void
test_plausible_edges (void)
{
  struct { CareReadingKind kind; const char *value, *unit; } cases[] = {
    { CARE_READING_WEIGHT, "450", "kg" }, { CARE_READING_WEIGHT, "992", "lb" },
    { CARE_READING_WEIGHT, "0.5", "kg" }, { CARE_READING_WEIGHT, "2", "lb" },
    { CARE_READING_HEIGHT, "45", "cm" }, { CARE_READING_HEIGHT, "107", "in" },
    { CARE_READING_TEMPERATURE, "30", "Cel" }, { CARE_READING_TEMPERATURE, "113", "[degF]" },
    { CARE_READING_GLUCOSE, "1", "mmol/L" }, { CARE_READING_GLUCOSE, "720", "mg/dL" },
    { CARE_READING_PULSE, "20", NULL }, { CARE_READING_SPO2, "100", NULL },
    { CARE_READING_STEPS, "0", NULL }, { CARE_READING_STEPS, "100000", NULL },
    { CARE_READING_PAIN, "0", NULL }, { CARE_READING_PAIN, "10", "{score}" },
    { CARE_READING_BLOOD_PRESSURE, "300/200", "mmHg" }, { CARE_READING_BLOOD_PRESSURE, "50/20", NULL },
    { CARE_READING_STEPS, "10.000", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CareReading) reading = NULL;

      g_test_message ("%s %s", care_reading_kind_to_string (cases[i].kind), cases[i].value);
      reading = parse_ok (cases[i].kind, cases[i].value, cases[i].unit, "en_US");
    }
}

static void
test_time_rules (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_minutes (now, 2);
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  g_autoptr(GDateTime) ancient = g_date_time_new_utc (1850, 1, 1, 0, 0, 0);
  g_autoptr(CareReading) reading = care_reading_new (CARE_READING_WEIGHT, 80, CARE_UNIT_KILOGRAM, now);
  g_autoptr(CareReading) unchecked = care_reading_new (CARE_READING_WEIGHT, 900, CARE_UNIT_KILOGRAM, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;

  g_assert_true (care_reading_validate (reading, NULL));
  g_date_time_unref (reading->time);
  reading->time = g_date_time_ref (soon);
  g_assert_true (care_reading_validate (reading, NULL));
  g_date_time_unref (reading->time);
  reading->time = g_date_time_ref (later);
  g_assert_false (care_reading_validate (reading, &error));
  g_assert_error (error, CARE_READING_ERROR, CARE_READING_ERROR_TIME);
  g_clear_error (&error);
  g_date_time_unref (reading->time);
  reading->time = g_date_time_ref (ancient);
  g_assert_false (care_reading_validate (reading, &error));
  g_assert_error (error, CARE_READING_ERROR, CARE_READING_ERROR_TIME);
  g_clear_error (&error);

  /* The builder checks before it builds. */
  draft = care_reading_draft_new (unchecked, "Patient/p1", &error);
  g_assert_null (draft);
  g_assert_error (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE);
  /* A unit of another kind, set directly. */
  g_clear_error (&error);
  unchecked->value = 80;
  unchecked->unit = CARE_UNIT_CELSIUS;
  g_assert_false (care_reading_validate (unchecked, &error));
  g_assert_error (error, CARE_READING_ERROR, CARE_READING_ERROR_UNIT);
}

static void
test_draft (void)
{
  g_autoptr(CareReading) reading = parse_ok (CARE_READING_WEIGHT, "81.4", "kg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) draft = care_reading_draft_new (reading, "Patient/p1", &error);

  g_assert_no_error (error);
  g_assert_cmpint (draft->kind, ==, CARE_OUTBOX_CREATE);
  g_assert_cmpstr (draft->summary, ==, "Weight 81.4 kg");
  g_assert_cmpstr (care_fhir_get_string (draft->resource, "resourceType"), ==, "Observation");
  g_assert_nonnull (draft->client_id);
}

/* A clinic's reading is not the patient's; a portal that drops the tag
 * still names the patient as performer. */
static void
test_patient_entered (void)
{
  g_autoptr(JsonObject) clinic = care_fhir_parse_resource (
    "{\"resourceType\":\"Observation\",\"performer\":[{\"reference\":\"Practitioner/dr\"}]}", -1, NULL);
  g_autoptr(JsonObject) untagged = care_fhir_parse_resource (
    "{\"resourceType\":\"Observation\",\"performer\":[{\"reference\":\"Patient/p1\"}]}", -1, NULL);
  g_autoptr(JsonObject) nobody = care_fhir_parse_resource ("{\"resourceType\":\"Observation\"}", -1, NULL);
  g_autoptr(JsonObject) odd = care_fhir_parse_resource (
    "{\"resourceType\":\"Observation\",\"meta\":{\"tag\":7},\"performer\":[3,{\"reference\":5}],"
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}]},"
    "\"effectiveDateTime\":\"2026-01-01\",\"valueQuantity\":{\"value\":\"heavy\"}}", -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) reading = NULL;

  g_assert_false (care_observation_is_patient_entered (clinic));
  g_assert_true (care_observation_is_patient_entered (untagged));
  g_assert_false (care_observation_is_patient_entered (nobody));
  g_assert_false (care_observation_is_patient_entered (odd));
  /* Malformed values are not a crash: a reading without a value, or none. */
  reading = care_reading_from_observation (odd, &error);
  g_assert_null (reading);
  g_assert_error (error, CARE_READING_ERROR, CARE_READING_ERROR_OBSERVATION);
  g_clear_error (&error);
  reading = care_reading_from_observation (nobody, &error);
  g_assert_null (reading);
  g_assert_error (error, CARE_READING_ERROR, CARE_READING_ERROR_OBSERVATION);
}

static void
test_timing_text (void)
{
  struct { const char *json; const char *text; } cases[] = {
    { "{\"repeat\":{\"frequency\":2,\"period\":1,\"periodUnit\":\"d\"}}", "Twice a day" },
    { "{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"d\"}}", "Once a day" },
    { "{\"repeat\":{\"frequency\":3,\"period\":1,\"periodUnit\":\"d\"}}", "3 times a day" },
    { "{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"wk\"}}", "Once a week" },
    { "{\"repeat\":{\"frequency\":2,\"period\":1,\"periodUnit\":\"wk\"}}", "Twice a week" },
    { "{\"repeat\":{\"frequency\":4,\"period\":1,\"periodUnit\":\"wk\"}}", "4 times a week" },
    { "{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"mo\"}}", "Once a month" },
    { "{\"repeat\":{\"frequency\":1,\"period\":2,\"periodUnit\":\"d\"}}", "Every 2 days" },
    { "{\"repeat\":{\"frequency\":1,\"period\":6,\"periodUnit\":\"h\"}}", "Every 6 hours" },
    { "{\"repeat\":{\"period\":1,\"periodUnit\":\"d\"}}", "Once a day" },
    { "{\"code\":{\"text\":\"Before bed\"},\"repeat\":{\"period\":1,\"periodUnit\":\"d\"}}", "Before bed" },
    { "{\"repeat\":{\"frequency\":2,\"period\":3,\"periodUnit\":\"d\"}}", NULL },
    { "{\"repeat\":{\"frequency\":-2,\"period\":1,\"periodUnit\":\"d\"}}", NULL },
    { "{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"a\"}}", NULL },
    { "{}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) timing = care_json_parse_object (cases[i].json, -1, NULL);
      g_autofree char *text = NULL;

      g_assert_nonnull (timing);
      text = care_timing_dup_text (timing);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_null (care_timing_dup_text (NULL));
}

static void
test_requests_from_resources (void)
{
  g_autoptr(JsonObject) plan = care_fhir_parse_resource (
    "{\"resourceType\":\"CarePlan\",\"id\":\"p\",\"status\":\"active\",\"period\":{\"end\":\"2027-01-31T00:00:00Z\"},"
    "\"author\":{\"display\":\"Dr. A\"},\"activity\":["
    "{\"detail\":{\"status\":\"in-progress\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},"
    "\"scheduledString\":\"Mornings\",\"description\":\"BP\"}},"
    "{\"detail\":{\"status\":\"completed\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}]}}},"
    "{\"detail\":{\"status\":\"in-progress\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]}}},"
    "{\"detail\":{\"status\":\"in-progress\",\"description\":\"Walk\"}}, 7, {\"detail\":3}]}", -1, NULL);
  g_autoptr(JsonObject) stopped = care_fhir_parse_resource (
    "{\"resourceType\":\"CarePlan\",\"id\":\"q\",\"status\":\"completed\",\"activity\":[{\"detail\":{\"code\":"
    "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]}}}]}", -1, NULL);
  g_autoptr(JsonObject) order = care_fhir_parse_resource (
    "{\"resourceType\":\"ServiceRequest\",\"id\":\"s\",\"status\":\"active\",\"intent\":\"order\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59408-5\"}],\"text\":\"Oxygen\"},"
    "\"occurrenceTiming\":{\"repeat\":{\"frequency\":2,\"period\":1,\"periodUnit\":\"d\"}},"
    "\"requester\":{\"display\":\"Dr. B\"},\"note\":[{\"text\":\"At rest\"}]}", -1, NULL);
  g_autoptr(JsonObject) lab = care_fhir_parse_resource (
    "{\"resourceType\":\"ServiceRequest\",\"id\":\"t\",\"status\":\"active\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]}}", -1, NULL);
  g_autoptr(GPtrArray) found = care_reading_requests_from_resource (plan);
  CareReadingRequest *request;

  g_assert_cmpuint (found->len, ==, 1);
  request = found->pdata[0];
  g_assert_cmpstr (request->id, ==, "CarePlan/p#0");
  g_assert_cmpint (request->kind, ==, CARE_READING_BLOOD_PRESSURE);
  g_assert_cmpstr (request->frequency, ==, "Mornings");
  g_assert_cmpstr (request->description, ==, "BP");
  g_assert_cmpstr (request->requester, ==, "Dr. A");
  g_assert_cmpstr (request->until, ==, "2027-01-31");

  g_ptr_array_unref (found);
  found = care_reading_requests_from_resource (stopped);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);
  found = care_reading_requests_from_resource (lab);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);
  found = care_reading_requests_from_resource (order);
  g_assert_cmpuint (found->len, ==, 1);
  request = found->pdata[0];
  g_assert_cmpstr (request->id, ==, "ServiceRequest/s");
  g_assert_cmpint (request->kind, ==, CARE_READING_SPO2);
  g_assert_cmpstr (request->frequency, ==, "Twice a day");
  g_assert_cmpstr (request->description, ==, "At rest");
  g_assert_cmpstr (request->requester, ==, "Dr. B");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/json/write/decimals", test_json_decimals);
  g_test_add_func ("/care/json/write/outbox-decimals", test_outbox_decimals);
  g_test_add_func ("/care/readings/kind/names", test_kind_names);
  g_test_add_func ("/care/readings/kind/units-per-locale", test_units_per_locale);
  g_test_add_func ("/care/readings/observation/every-kind", test_every_kind);
  g_test_add_func ("/care/readings/observation/blood-pressure", test_blood_pressure);
  g_test_add_func ("/care/readings/observation/glucose-meal-spo2", test_glucose_meal_and_spo2);
  g_test_add_func ("/care/readings/check/plausibility", test_plausibility);
  g_test_add_func ("/care/readings/check/edges", test_plausible_edges);
  g_test_add_func ("/care/readings/check/time", test_time_rules);
  g_test_add_func ("/care/readings/draft", test_draft);
  g_test_add_func ("/care/readings/patient-entered", test_patient_entered);
  g_test_add_func ("/care/readings/requests/timing", test_timing_text);
  g_test_add_func ("/care/readings/requests/from-resources", test_requests_from_resources);

  return g_test_run ();
}
