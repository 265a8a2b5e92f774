/* test-sandbox-seed.c — the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "care-sandbox-seed.h"

static CareSandboxStore *
seeded_store (guint seed,
              guint scale)
{
  g_autoptr(GError) error = NULL;
  CareSandboxStore *store = care_sandbox_store_new (NULL, &error);
  CareSandboxSeedOptions options = { seed, scale };
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  care_sandbox_store_set_today (store, &today);
  g_assert_true (care_sandbox_seed_demo (store, &options, &error));
  g_assert_no_error (error);

  return store;
}

/* Every resource of the store as JSON without meta (lastUpdated is the
 * time of writing, not data). */
static char *
dump (CareSandboxStore *store)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (store),
                                       "SELECT json FROM resources ORDER BY type, id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, (const char *)sqlite3_column_text (stmt, 0),
                                                 -1, NULL));
      node = json_node_copy (json_parser_get_root (parser));
      object = json_node_get_object (node);
      json_object_remove_member (object, "meta");
      text = json_to_string (node, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

static void
test_deterministic (void)
{
  g_autoptr(CareSandboxStore) a = seeded_store (1, 1);
  g_autoptr(CareSandboxStore) b = seeded_store (1, 1);
  g_autoptr(CareSandboxStore) c = seeded_store (2, 1);
  g_autofree char *dump_a = dump (a);
  g_autofree char *dump_b = dump (b);
  g_autofree char *dump_c = dump (c);

  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (dump_a, !=, dump_c);
}

static void
test_family (void)
{
  g_autoptr(CareSandboxStore) store = seeded_store (1, 1);
  g_autoptr(JsonObject) adult = care_sandbox_store_get (store, "Patient", "adult");
  g_autoptr(JsonObject) elder = care_sandbox_store_get (store, "Patient", "elder");
  g_autoptr(JsonObject) teen = care_sandbox_store_get (store, "Patient", "teen");
  g_autoptr(JsonObject) child = care_sandbox_store_get (store, "Patient", "child");
  JsonObject *language;

  g_assert_nonnull (adult);
  g_assert_nonnull (child);
  g_assert_nonnull (teen);
  g_assert_nonnull (elder);

  /* Dates are relative to the store's today: 45 years and 120 days. */
  g_assert_cmpstr (json_object_get_string_member (adult, "birthDate"), ==, "1981-07-27");
  g_assert_cmpstr (json_object_get_string_member (teen, "birthDate"), ==, "2011-05-08");

  /* The grandfather prefers Spanish. */
  language = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (elder, "communication"), 0),
    "language");
  g_assert_cmpstr (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (language, "coding"), 0), "code"),
    ==, "es-MX");

  /* Six years of Maria's quarterly visits and Mateo's 17 check-ups. */
  g_assert_cmpuint (care_sandbox_store_count (store, "Encounter"), ==, 24 + 17);
  g_assert_cmpuint (care_sandbox_store_count (store, "Practitioner"), ==, 3);
  g_assert_cmpuint (care_sandbox_store_count (store, "Location"), ==, 2);
  g_assert_cmpuint (care_sandbox_store_count (store, "Immunization"), >=, 15);

  /* Mateo's growth follows the charts: at 12 months about the 60th
   * percentile of WHO's weight-for-age (median 9.65 kg), at 8 years of
   * CDC's stature-for-age (median 128.1 cm). */
  {
    g_autoptr(JsonObject) weight = care_sandbox_store_get (store, "Observation", "child-weight-12");
    g_autoptr(JsonObject) height = care_sandbox_store_get (store, "Observation", "child-height-96");
    g_autoptr(JsonObject) head = care_sandbox_store_get (store, "Observation", "child-head-36");
    g_autoptr(JsonObject) no_head = care_sandbox_store_get (store, "Observation", "child-head-48");
    double kg = json_object_get_double_member (json_object_get_object_member (weight, "valueQuantity"),
                                               "value");
    double cm = json_object_get_double_member (json_object_get_object_member (height, "valueQuantity"),
                                               "value");

    g_assert_cmpfloat (kg, >, 9.65);
    g_assert_cmpfloat (kg, <, 10.6);
    g_assert_cmpfloat (cm, >, 128.1);
    g_assert_cmpfloat (cm, <, 132.0);
    g_assert_nonnull (head);
    g_assert_null (no_head);
  }

  /* The teen has what the portal must withhold from a parent. */
  g_assert_nonnull (care_sandbox_store_get (store, "Condition", "teen-anxiety"));
  g_assert_nonnull (care_sandbox_store_get (store, "MedicationRequest", "teen-sertraline"));
}

static void
test_a1c_trend (void)
{
  g_autoptr(CareSandboxStore) store = seeded_store (1, 1);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareSandboxPage) page = NULL;
  CareSandboxSearch search = { 0 };
  double first = 0, last = 0;

  g_hash_table_insert (params, (gpointer)"code", (gpointer)"http://loinc.org|4548-4");
  search.type = "Observation";
  search.patient = "adult";
  search.params = params;
  search.count = 100;
  page = care_sandbox_store_search (store, &search, NULL);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->resources->len, ==, 24);

  /* Sorted by date: A1c trends down as the diabetes comes under control. */
  for (guint i = 0; i < page->resources->len; i += page->resources->len - 1)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *quantity;

      json_parser_load_from_data (parser, g_ptr_array_index (page->resources, i), -1, NULL);
      quantity = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                "valueQuantity");
      if (i == 0)
        first = json_object_get_double_member (quantity, "value");
      else
        last = json_object_get_double_member (quantity, "value");
    }
  g_assert_cmpfloat (first, >, 8.0);
  g_assert_cmpfloat (last, <, 7.1);
}

static void
test_everything_else (void)
{
  g_autoptr(CareSandboxStore) store = seeded_store (1, 1);
  g_autoptr(JsonObject) pdf = care_sandbox_store_get (store, "Binary", "adult-avs-0");
  g_autoptr(JsonObject) thread = care_sandbox_store_get (store, "Communication", "msg-a1c-2");
  g_autofree guchar *bytes = NULL;
  gsize length = 0;

  g_assert_cmpuint (care_sandbox_store_count (store, "CarePlan"), ==, 2);
  g_assert_cmpuint (care_sandbox_store_count (store, "Goal"), ==, 2);
  g_assert_cmpuint (care_sandbox_store_count (store, "ImmunizationRecommendation"), ==, 1);
  g_assert_cmpuint (care_sandbox_store_count (store, "VisionPrescription"), ==, 1);
  g_assert_cmpuint (care_sandbox_store_count (store, "DocumentReference"), ==, 6);
  g_assert_cmpuint (care_sandbox_store_count (store, "Coverage"), ==, 2);
  g_assert_cmpuint (care_sandbox_store_count (store, "ExplanationOfBenefit"), ==, 4);
  g_assert_cmpuint (care_sandbox_store_count (store, "Invoice"), ==, 4);
  g_assert_cmpuint (care_sandbox_store_count (store, "Appointment"), ==, 4);
  /* Three a weekday for the next 60 days. */
  g_assert_cmpuint (care_sandbox_store_count (store, "Slot"), >=, 120);

  /* Visit summaries are real PDFs. */
  g_assert_cmpstr (json_object_get_string_member (pdf, "contentType"), ==, "application/pdf");
  bytes = g_base64_decode (json_object_get_string_member (pdf, "data"), &length);
  g_assert_cmpuint (length, >, 500);
  g_assert_true (memcmp (bytes, "%PDF", 4) == 0);

  /* Replies point at the thread they belong to. */
  g_assert_true (json_object_has_member (thread, "partOf"));
}

static void
test_scale (void)
{
  g_autoptr(CareSandboxStore) one = seeded_store (1, 1);
  g_autoptr(CareSandboxStore) two = seeded_store (1, 2);

  /* Maria's visits double; the children's stay. */
  g_assert_cmpuint (care_sandbox_store_count (two, "Encounter"), ==,
                    care_sandbox_store_count (one, "Encounter") + 24);
  /* Each step of scale adds six years of daily home readings (three series). */
  g_assert_cmpuint (care_sandbox_store_count (two, "Observation") -
                    care_sandbox_store_count (one, "Observation"), >=, 3 * 6 * 365);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/sandbox/seed/deterministic", test_deterministic);
  g_test_add_func ("/care/sandbox/seed/family", test_family);
  g_test_add_func ("/care/sandbox/seed/a1c-trend", test_a1c_trend);
  g_test_add_func ("/care/sandbox/seed/everything-else", test_everything_else);
  g_test_add_func ("/care/sandbox/seed/scale", test_scale);

  return g_test_run ();
}
