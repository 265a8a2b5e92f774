/* test-fhir-page.c — whole responses: searchsets, outcomes, bad input
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-error.h"
#include "care-fhir-page.h"

#include <string.h>

static GBytes *
load_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
test_searchset (void)
{
  g_autoptr(GBytes) body = load_bytes ("searchset-outcome.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = care_fhir_page_parse (body, "application/fhir+json;charset=utf-8", &error);
  CareFhirRecord *first;

  g_assert_no_error (error);
  g_assert_true (page->is_bundle);
  g_assert_cmpstr (page->next_url, ==, "https://fhir.example.org/r4/Condition?patient=teen&page=2");
  g_assert_cmpstr (page->self_url, ==, "https://fhir.example.org/r4/Condition?patient=teen");

  /* The duplicate, the id-less resource, the non-object and the outcome
   * are not records; the included Organization is. */
  g_assert_cmpuint (page->records->len, ==, 2);
  first = g_ptr_array_index (page->records, 0);
  g_assert_cmpstr (first->index->id, ==, "c1");
  g_assert_cmpstr (first->index->display, ==, "Asthma");
  g_assert_cmpstr (first->index->patient, ==, "teen");
  g_assert_cmpstr (first->index->status, ==, "active");
  g_assert_nonnull (first->json);
  g_assert_cmpstr (((CareFhirRecord *)g_ptr_array_index (page->records, 1))->index->type, ==, "Organization");

  /* OperationOutcome entries become a note, never data. */
  g_assert_cmpint (page->outcome, ==, CARE_FHIR_OUTCOME_WITHHELD);
  g_assert_cmpstr (page->outcome_text, ==, "Some results are withheld from proxy access for ages 12-17.");

  g_assert_true (g_hash_table_contains (page->references, "Practitioner/p9"));
  g_assert_true (g_hash_table_contains (page->references, "Patient/teen"));
}

static void
test_single_resource (void)
{
  g_autoptr(GBytes) body = load_bytes ("observation-bp.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = care_fhir_page_parse (body, "application/json", &error);

  g_assert_no_error (error);
  g_assert_false (page->is_bundle);
  g_assert_cmpuint (page->records->len, ==, 1);
  g_assert_null (page->next_url);
  /* A contained reference resolves inside the resource: nothing to fetch. */
  g_assert_false (g_hash_table_contains (page->references, "Practitioner/nurse"));
}

static void
test_refused (void)
{
  static const struct { const char *file; const char *content_type; int code; } cases[] = {
    { "truncated.json", "application/fhir+json", CARE_FHIR_ERROR_MALFORMED },
    { "malformed.json", "application/json+fhir", CARE_FHIR_ERROR_MALFORMED },
    { "not-an-object.json", "application/json", CARE_FHIR_ERROR_MALFORMED },
    { "no-resource-type.json", NULL, CARE_FHIR_ERROR_MISSING_FIELD },
    { "html-error.html", "text/html", CARE_FHIR_ERROR_UNSUPPORTED },
    { "html-error.html", NULL, CARE_FHIR_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = load_bytes (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(CareFhirPage) page = care_fhir_page_parse (body, cases[i].content_type, &error);

      g_assert_null (page);
      g_assert_error (error, CARE_FHIR_ERROR, cases[i].code);
    }

  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GError) error = NULL;

    g_assert_null (care_fhir_page_parse (empty, NULL, &error));
    g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  }
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CareFhirPage **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = care_fhir_page_parse_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_big_bundle_in_thread (void)
{
  g_autoptr(GString) json = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
  g_autoptr(GBytes) body = NULL;
  CareFhirPage *page = NULL;
  GMainContext *context = g_main_context_default ();

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (json, "%s{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o%u\","
                                  "\"code\":{\"text\":\"Glucose\"},\"valueQuantity\":{\"value\":%u,\"unit\":\"mg/dL\"}}}",
                            i > 0 ? "," : "", i, 80 + i % 50);
  g_string_append (json, "]}");
  body = g_bytes_new (json->str, json->len);

  care_fhir_page_parse_async (body, "application/fhir+json", NULL, parsed_cb, &page);
  while (page == NULL)
    g_main_context_iteration (context, TRUE);

  g_assert_cmpuint (page->records->len, ==, 2000);
  g_assert_cmpstr (((CareFhirRecord *)g_ptr_array_index (page->records, 1999))->index->value_text, ==,
                   "129 mg/dL");
  care_fhir_page_free (page);
}

/* Each record keeps the text the server sent, minus whitespace between
 * tokens: decimals keep their digits, strings their spaces and escapes. */
static void
test_text_as_sent (void)
{
  static const char bundle[] =
    "{ \"resourceType\" : \"Bundle\",\n  \"type\": \"searchset\",\n  \"entry\": [\n"
    "    { \"fullUrl\": \"x\", \"resource\": {\n"
    "        \"resourceType\": \"Observation\", \"id\": \"o1\",\n"
    "        \"code\": { \"text\": \"Hemoglobin  A1c \\\"HbA1c\\\" \\u00e9\" },\n"
    "        \"valueQuantity\": { \"value\": 7.20, \"unit\": \"%\" } } },\n"
    "    \"not an entry\",\n"
    "    { \"resource\": { \"resourceType\": \"Observation\", \"id\": \"o2\" }, \"search\": {\"mode\": \"match\"} }\n"
    "  ]\n}\n";
  static const char commented[] =
    "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{/* c */\"resourceType\":\"Observation\","
    "\"id\":\"o3\",\"valueQuantity\":{\"value\":7.20}}}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (bundle, sizeof bundle - 1);
  g_autoptr(GBytes) other = g_bytes_new_static (commented, sizeof commented - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = care_fhir_page_parse (body, NULL, &error);
  g_autoptr(CareFhirPage) fallback = NULL;
  CareFhirRecord *record;

  g_assert_no_error (error);
  g_assert_cmpuint (page->records->len, ==, 2);
  record = g_ptr_array_index (page->records, 0);
  g_assert_null (record->resource);
  g_assert_cmpstr (record->json, ==,
                   "{\"resourceType\":\"Observation\",\"id\":\"o1\","
                   "\"code\":{\"text\":\"Hemoglobin  A1c \\\"HbA1c\\\" \\u00e9\"},"
                   "\"valueQuantity\":{\"value\":7.20,\"unit\":\"%\"}}");
  g_assert_cmpstr (record->index->display, ==, "Hemoglobin  A1c \"HbA1c\" \xc3\xa9");
  g_assert_cmpstr (((CareFhirRecord *)g_ptr_array_index (page->records, 1))->json, ==,
                   "{\"resourceType\":\"Observation\",\"id\":\"o2\"}");

  /* Not plain JSON: json-glib reads it, and serialises what it read. */
  fallback = care_fhir_page_parse (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fallback->records->len, ==, 1);
  record = g_ptr_array_index (fallback->records, 0);
  g_assert_null (strstr (record->json, "/*"));
  g_assert_nonnull (strstr (record->json, "\"id\":\"o3\""));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/fhir/page/searchset", test_searchset);
  g_test_add_func ("/care/fhir/page/text-as-sent", test_text_as_sent);
  g_test_add_func ("/care/fhir/page/single-resource", test_single_resource);
  g_test_add_func ("/care/fhir/page/refused", test_refused);
  g_test_add_func ("/care/fhir/page/big-bundle-in-thread", test_big_bundle_in_thread);

  return g_test_run ();
}
