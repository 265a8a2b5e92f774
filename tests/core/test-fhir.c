/* test-fhir.c — tolerant FHIR JSON reading
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-json.h"
#include "care-unit.h"

#include <string.h>

static JsonObject *
load (const char  *name,
      GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return care_fhir_parse_resource (contents, length, error);
}

static void
test_tolerant (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) observation = load ("observation-absent-value.json", &error);
  g_autofree char *code = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  double value = 0;

  /* Unknown elements and extensions do not matter. */
  g_assert_no_error (error);
  g_assert_cmpstr (care_fhir_get_string (observation, "id"), ==, "glucose-1");
  code = care_fhir_dup_concept_text (care_fhir_get_object (observation, "code"));
  g_assert_cmpstr (code, ==, "Glucose");

  /* A data-absent-reason instead of the value reads as no value. */
  g_assert_false (care_fhir_get_quantity (care_fhir_get_object (observation, "valueQuantity"),
                                          &value, NULL));

  /* An absolute reference with _history still names its target. */
  g_assert_true (care_fhir_parse_reference (
    care_fhir_get_string (care_fhir_get_object (observation, "subject"), "reference"), &type, &id));
  g_assert_cmpstr (type, ==, "Patient");
  g_assert_cmpstr (id, ==, "adult");

  /* A wrong JSON type reads as absent, not as a crash. */
  g_assert_null (care_fhir_get_object (observation, "status"));
  g_assert_null (care_fhir_get_string (observation, "code"));
}

static void
test_refused (void)
{
  static const struct { const char *file; int code; } cases[] = {
    { "truncated.json", CARE_FHIR_ERROR_MALFORMED },
    { "not-an-object.json", CARE_FHIR_ERROR_MALFORMED },
    { "no-resource-type.json", CARE_FHIR_ERROR_MISSING_FIELD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = load (cases[i].file, &error);

      g_assert_null (object);
      g_assert_error (error, CARE_FHIR_ERROR, cases[i].code);
    }
}

static void
test_references (void)
{
  static const struct { const char *reference; const char *type; const char *id; gboolean ok; } cases[] = {
    { "Patient/123", "Patient", "123", TRUE },
    { "https://x.example.org/fhir/Practitioner/abc", "Practitioner", "abc", TRUE },
    { "urn:uuid:9d3f1a2b-0000-4000-8000-000000000001", NULL, "9d3f1a2b-0000-4000-8000-000000000001", TRUE },
    { "#med1", NULL, "med1", TRUE },
    { "#", NULL, "", FALSE },
    { "nonsense", NULL, NULL, FALSE },
    { "", NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;
      gboolean ok = care_fhir_parse_reference (cases[i].reference, &type, &id);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpstr (type, ==, cases[i].type);
          g_assert_cmpstr (id, ==, cases[i].id);
        }
    }
}

static void
test_next_link (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) bundle = load ("searchset.json", &error);

  /* Followed exactly as given, opaque parameters and all. */
  g_assert_cmpstr (care_fhir_bundle_get_next (bundle), ==,
                   "https://fhir.example.org/r4/Observation?patient=adult&_getpages=abc&_count=50");
}

static void
test_quantity (void)
{
  g_autoptr(JsonObject) integer = care_fhir_parse_resource (
    "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":120,\"code\":\"mg/dL\"}}", -1, NULL);
  double value = 0;
  const char *unit = NULL;

  g_assert_true (care_fhir_get_quantity (care_fhir_get_object (integer, "valueQuantity"), &value, &unit));
  g_assert_cmpfloat (value, ==, 120.0);
  g_assert_cmpstr (unit, ==, "mg/dL");
}

/* The fast parser builds exactly json-glib's tree for plain JSON, and
 * leaves everything else to json-glib, whose verdict stands. */
static void
test_plain_parser (void)
{
  static const char *plain[] = {
    "{}",
    " {\"a\": [] , \"b\" :{} }\n",
    "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"valueQuantity\":{\"value\":7.20,\"unit\":\"%\"}}",
    "{\"n\":[0,-0,12,-3,9223372036854775807,-9223372036854775808,0.5,-1.25,87.400000000000006]}",
    "{\"t\":true,\"f\":false,\"z\":null,\"s\":\"\"}",
    "{\"e\":\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\"}",
    "{\"u\":\"\\u00e9t\\u00C9 \\ud83d\\ude00 caf\xc3\xa9\"}",
    "{\"deep\":[[[[{\"x\":[1,[2,[3]]]}]]]]}",
  };
  static const char *left_to_json_glib[] = {
    "{\"a\":1,\"a\":2}",                 /* repeated member */
    "{/* c */\"a\":1}",                  /* comment */
    "{\"a\":'x'}",                       /* single quotes */
    "{\"a\":0x10}",                      /* hex */
    "{\"a\":1e5}",                       /* exponent */
    "{\"a\":012}",                       /* leading zero */
    "{\"a\":99999999999999999999}",      /* beyond 64 bits */
    "{\"a\":\"\\u0000\"}",                /* nul */
    "{\"a\":\"\\ud800\"}",                /* lone surrogate */
    "{\"a\":\"x\ty\"}",                   /* raw control character */
    "{\"a\":1} x",                       /* trailing text */
    "{\"a\":[1,]}",                      /* trailing comma */
    "{\"a\":tru}",
    "{\"a\":\"\xff\"}",                   /* not UTF-8 */
    "[1]",                               /* not an object */
    "{\"a\":1",                           /* cut */
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) fast = care_fhir_json_parse_plain (plain[i], strlen (plain[i]));
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      g_assert_true (json_parser_load_from_data (parser, plain[i], -1, NULL));
      g_assert_nonnull (fast);
      g_assert_true (json_node_equal (fast, json_parser_get_root (parser)));
      expected = json_to_string (json_parser_get_root (parser), FALSE);
      got = json_to_string (fast, FALSE);
      g_assert_cmpstr (got, ==, expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (left_to_json_glib); i++)
    {
      const char *text = left_to_json_glib[i];
      g_autoptr(JsonParser) parser = json_parser_new ();
      gboolean accepted = json_parser_load_from_data (parser, text, -1, NULL) &&
                          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser));
      g_autoptr(JsonNode) fast = care_fhir_json_parse_plain (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autofree char *wrapped = NULL;
      g_autoptr(JsonObject) resource = NULL;

      g_assert_null (fast);
      if (!accepted || g_str_has_prefix (text, "[") || strchr (text, '\xff') != NULL)
        continue;
      /* Whatever json-glib accepts is still accepted, read its way. */
      wrapped = g_strdup_printf ("{\"resourceType\":\"Basic\",\"x\":%s}", text);
      resource = care_fhir_parse_resource (wrapped, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (resource);
    }
}

/* The official name first, the one the person goes by beside it; former
 * names never. */
static void
test_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) patient = load ("patient-names.json", &error);
  g_autoptr(JsonObject) only_usual = care_fhir_parse_resource (
    "{\"resourceType\":\"Patient\",\"name\":[{\"use\":\"old\",\"family\":\"Eze\"},"
    "{\"use\":\"usual\",\"given\":[\"Ada\"],\"family\":\"Okafor\"}]}", -1, &error);
  g_autofree char *full = NULL;
  g_autofree char *preferred = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *usual = NULL;
  g_autofree char *no_preferred = NULL;

  g_assert_no_error (error);
  full = care_fhir_dup_human_name (care_fhir_get_array (patient, "name"));
  g_assert_cmpstr (full, ==, "Adaeze Nneka Okafor");
  preferred = care_fhir_dup_preferred_name (care_fhir_get_array (patient, "name"));
  g_assert_cmpstr (preferred, ==, "Ada");
  shown = care_fhir_dup_display_name (care_fhir_get_array (patient, "name"));
  g_assert_cmpstr (shown, ==, "Adaeze Nneka Okafor (Ada)");

  usual = care_fhir_dup_display_name (care_fhir_get_array (only_usual, "name"));
  g_assert_cmpstr (usual, ==, "Ada Okafor");
  no_preferred = care_fhir_dup_preferred_name (care_fhir_get_array (only_usual, "name"));
  g_assert_null (no_preferred);
}

/* Names meant for people: no SNOMED semantic tag, no LOINC bracketed
 * property, no UCUM annotation; the full name stays for the detail. */
static void
test_terminology (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) visit = load ("encounter-snomed-type.json", &error);
  g_autoptr(JsonObject) mcv = load ("observation-loinc-score.json", &error);
  JsonObject *type = care_fhir_get_array_object (visit, "type", 0);
  JsonObject *score = care_fhir_get_object (care_fhir_get_array_object (mcv, "component", 0),
                                            "valueQuantity");
  g_autofree char *visit_text = care_fhir_dup_concept_text (type);
  g_autofree char *mcv_text = care_fhir_dup_concept_text (care_fhir_get_object (mcv, "code"));
  g_autofree char *mcv_full = care_fhir_dup_concept_full_text (care_fhir_get_object (mcv, "code"));
  g_autofree char *score_text = care_fhir_dup_quantity_text (score);

  g_assert_no_error (error);
  g_assert_cmpstr (visit_text, ==, "Well child visit");
  g_assert_cmpstr (mcv_text, ==, "MCV by Automated count");
  g_assert_cmpstr (mcv_full, ==, "MCV [Entitic volume] by Automated count");
  g_assert_cmpstr (score_text, ==, "4");
  g_assert_cmpstr (care_unit_display_text ("{cells}/uL"), ==, "cells/uL");
  g_assert_cmpstr (care_unit_display_text ("{score}"), ==, "");
}

/* A supply's count says what it counts, whatever shape the unit has. */
static void
test_count_text (void)
{
  static const struct { const char *json; const char *text; } cases[] = {
    { "{\"value\":50,\"system\":\"http://unitsofmeasure.org\",\"code\":\"{strips}\"}", "50 strips" },
    { "{\"value\":50,\"unit\":\"{strips}\"}", "50 strips" },
    { "{\"value\":2,\"unit\":\"boxes\"}", "2 boxes" },
    { "{\"value\":50}", "50 items" },
    { "{\"value\":1,\"unit\":\"1\"}", "1 item" },
    { "{\"value\":100,\"unit\":\"mL\"}", "100 mL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autofree char *text = care_fhir_dup_count_text (json_node_get_object (node));

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_null (care_fhir_dup_count_text (NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/fhir/tolerant", test_tolerant);
  g_test_add_func ("/care/fhir/names", test_names);
  g_test_add_func ("/care/fhir/terminology", test_terminology);
  g_test_add_func ("/care/fhir/refused", test_refused);
  g_test_add_func ("/care/fhir/references", test_references);
  g_test_add_func ("/care/fhir/next-link", test_next_link);
  g_test_add_func ("/care/fhir/quantity", test_quantity);
  g_test_add_func ("/care/fhir/count-text", test_count_text);
  g_test_add_func ("/care/fhir/plain-parser", test_plain_parser);

  return g_test_run ();
}
