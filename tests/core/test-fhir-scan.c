/* test-fhir-scan.c — a page read from tokens is the page read as a tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanner (src/core/fhir/care-json-scan.c) and the index read from
 * its tokens (care-fhir-scan-index.c): what they accept and what they
 * refuse, and that a page comes out the same as through json-glib — on
 * every fixture, on the fuzzer's corpus, and on the demo family.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "care-error.h"
#include "care-fhir-page.h"
#include "care-fuzz-fhir.h"
#include "care-json.h"
#include "care-json-scan.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"

static CareScan *
scan_text (const char *text)
{
  return care_json_scan (text, strlen (text), CARE_JSON_MAX_DEPTH, 10000);
}

static void
test_tokens (void)
{
  static const char text[] =
    " {\"resourceType\": \"Observation\", \"id\":\"a1\",\n"
    "  \"valueQuantity\": {\"value\": 7.20, \"unit\": \"%\"}, \"n\": -12, \"x\": 4e+01, \"ok\": true, \"no\": null,\n"
    "  \"note\": [{\"text\": \"caf\\u00e9 \\ud83d\\ude00 a\\/b \\\"q\\\"\\n\"}, 3, []], \"e\": {}} ";
  g_autoptr(CareScan) scan = scan_text (text);
  guint quantity, note, element;
  double value;
  gint64 integer;

  g_assert_nonnull (scan);
  g_assert_cmpint (scan->tokens[0].kind, ==, CARE_SCAN_OBJECT);
  g_assert_cmpuint (scan->tokens[0].count, ==, 9);
  g_assert_cmpuint (scan->tokens[0].end, ==, scan->n_tokens);
  g_assert_cmpstr (care_scan_get_string (scan, 0, "resourceType"), ==, "Observation");
  g_assert_cmpstr (care_scan_get_string (scan, 0, "id"), ==, "a1");
  g_assert_null (care_scan_get_string (scan, 0, "n"));
  g_assert_null (care_scan_get_string (scan, 0, "missing"));

  quantity = care_scan_object (scan, 0, "valueQuantity");
  g_assert_cmpuint (quantity, !=, CARE_SCAN_NONE);
  g_assert_true (care_scan_number (scan, care_scan_member (scan, quantity, "value"), &value, NULL));
  g_assert_cmpfloat (value, ==, 7.2);
  g_assert_false (scan->tokens[care_scan_member (scan, quantity, "value")].is_int);
  g_assert_true (care_scan_number (scan, care_scan_member (scan, 0, "n"), &value, &integer));
  g_assert_cmpint (integer, ==, -12);
  g_assert_true (care_scan_number (scan, care_scan_member (scan, 0, "x"), &value, NULL));
  g_assert_cmpfloat (value, ==, 40.0);
  g_assert_false (scan->tokens[care_scan_member (scan, 0, "x")].is_int);
  g_assert_true (care_scan_is (scan, care_scan_member (scan, 0, "ok"), CARE_SCAN_TRUE));
  g_assert_true (care_scan_is (scan, care_scan_member (scan, 0, "no"), CARE_SCAN_NULL));
  g_assert_cmpuint (care_scan_object (scan, 0, "note"), ==, CARE_SCAN_NONE);

  /* Escapes are read as json-glib reads them; the text is unescaped in place. */
  note = care_scan_array (scan, 0, "note");
  g_assert_cmpuint (scan->tokens[note].count, ==, 3);
  element = care_scan_element (scan, note, 0);
  g_assert_cmpstr (care_scan_get_string (scan, element, "text"), ==, "café 😀 a/b \"q\"\n");
  g_assert_true (care_scan_is (scan, care_scan_element (scan, note, 1), CARE_SCAN_NUMBER));
  g_assert_true (care_scan_is (scan, care_scan_element (scan, note, 2), CARE_SCAN_ARRAY));
  g_assert_cmpuint (care_scan_element (scan, note, 3), ==, CARE_SCAN_NONE);
  g_assert_cmpuint (care_scan_first (scan, care_scan_object (scan, 0, "e")), ==, CARE_SCAN_NONE);

  /* UTF-8 as it came, beside escapes or not. */
  {
    g_autoptr(CareScan) raw = scan_text ("{\"a\": \"Peña 😀\", \"b\": \"\\tNuñez ✓\\n\"}");

    g_assert_nonnull (raw);
    g_assert_cmpstr (care_scan_get_string (raw, 0, "a"), ==, "Peña 😀");
    g_assert_cmpstr (care_scan_get_string (raw, 0, "b"), ==, "\tNuñez ✓\n");
  }

  /* A value's text as it came, whitespace outside strings left out. */
  {
    g_autofree char *json = care_scan_dup_text (scan, 0);

    g_assert_cmpstr (json, ==,
                     "{\"resourceType\":\"Observation\",\"id\":\"a1\",\"valueQuantity\":{\"value\":7.20,"
                     "\"unit\":\"%\"},\"n\":-12,\"x\":4e+01,\"ok\":true,\"no\":null,\"note\":[{\"text\":\"caf\\u00e9 "
                     "\\ud83d\\ude00 a\\/b \\\"q\\\"\\n\"},3,[]],\"e\":{}}");
  }
}

static void
test_refuses (void)
{
  static const char *inputs[] = {
    "",
    "   ",
    "[1]",
    "\"text\"",
    "{\"a\": 1} x",
    "{\"a\": 1",
    "{\"a\" 1}",
    "{\"a\": 1,}",
    "{\"a\": [1,]}",
    "{,}",
    "{\"a\": 1, \"a\": 2}",
    "{\"a\": truex}",
    "{\"a\": nul}",
    "{\"a\": 01}",
    "{\"a\": 1.}",
    "{\"a\": .5}",
    "{\"a\": 1e}",
    "{\"a\": 1e+}",
    "{\"a\": 12345678901234567890}",
    "{\"a\": +1}",
    "{\"a\": 0x10}",
    "{'a': 1}",
    "{\"a\": 1 /* no */}",
    "{\"a\": \"tab\there\"}",
    "{\"a\": \"\\q\"}",
    "{\"a\": \"\\u00\"}",
    "{\"a\": \"\\u0000\"}",
    "{\"a\": \"\\ud83d\"}",
    "{\"a\": \"\\ude00\"}",
    "{\"a\": \"\\ud83d\\u0041\"}",
    "{\"a\": \"open}",
    "{\"a\": \"open and longer than a few runs of four bytes",
    "{\"a\": \"abcdefgh\x01ijkl\"}",
    "{\"a\": \"abcdefgh\x7f\x1f\"}",
    "{\"a\": \"abcdefgh\xc3\"}",
    "{\"a\": \"\xc3\x28\"}",
    "{\"a\": \"\xed\xa0\x80\"}",
    "{\"a\": \"ok \xc3\"}",
    "{\"a\": \"\\n \xf4\x90\x80\x80\"}",
    "{\"a\": \"\xc0\xaf\"}",
    "{\"\xff\": 1}",
    "{\"a\": 1}\xc3\xa9",
    "{\"a\": \xc3\xa9}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(CareScan) scan = scan_text (inputs[i]);

      if (scan != NULL)
        g_error ("accepted: %s", inputs[i]);
    }
}

static char *
nested (guint depth)
{
  GString *text = g_string_new ("{\"a\":");

  for (guint i = 1; i < depth; i++)
    g_string_append (text, "[");
  g_string_append (text, "1");
  for (guint i = 1; i < depth; i++)
    g_string_append (text, "]");
  g_string_append (text, "}");
  return g_string_free (text, FALSE);
}

static void
test_bounds (void)
{
  g_autofree char *deep_ok = nested (CARE_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (CARE_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested (100000);
  g_autoptr(GString) long_list = g_string_new ("{\"a\":[0");
  g_autoptr(GString) wide = g_string_new ("{\"m0\":0");
  CareScan *scan;

  scan = scan_text (deep_ok);
  g_assert_nonnull (scan);
  care_json_scan_free (scan);
  g_assert_null (scan_text (deep));
  g_assert_null (scan_text (very_deep));

  for (guint i = 1; i < 10000; i++)
    g_string_append (long_list, ",0");
  g_string_append (long_list, "]}");
  scan = scan_text (long_list->str);
  g_assert_nonnull (scan);
  care_json_scan_free (scan);
  g_string_insert (long_list, long_list->len - 2, ",0");
  g_assert_null (scan_text (long_list->str));

  /* An object too wide to check for repeated names is left to json-glib. */
  for (guint i = 1; i < 65; i++)
    g_string_append_printf (wide, ",\"m%u\":0", i);
  g_string_append (wide, "}");
  g_assert_null (scan_text (wide->str));
}

static void
assert_same_page (const char *text,
                  gsize       length,
                  const char *what)
{
  g_autoptr(GBytes) body = g_bytes_new (text, length);
  g_autofree char *difference = care_fuzz_page_difference (body);

  if (difference != NULL)
    g_error ("%s: %s", what, difference);
}

/* @text as a Bundle's only entry, verbatim. */
static void
assert_same_as_entry (const char *text,
                      gsize       length,
                      const char *what)
{
  g_autoptr(GString) page = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\n"
                                          " \"link\":[{\"relation\":\"next\",\"url\":\"http://x/n\"}],\n"
                                          " \"entry\": [ {\"fullUrl\":\"http://x/1\", \"resource\": ");

  g_string_append_len (page, text, length);
  g_string_append (page, " , \"search\": {\"mode\": \"match\"}} ]}");
  assert_same_page (page->str, page->len, what);
}

/* Returns how many files the scanner read (the others went the old road). */
static guint
compare_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      CareScan *scan;
      gsize length;

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        {
          n += compare_folder (file);
          continue;
        }
      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (file, &data, &length, NULL));
      assert_same_page (data, length, file);
      assert_same_as_entry (data, length, file);
      scan = care_json_scan (data, length, CARE_JSON_MAX_DEPTH, 10000);
      if (scan != NULL)
        n++;
      care_json_scan_free (scan);
    }
  return n;
}

/* Numbers are read and written without strtod() and printf where that is
 * exact (care_scan_number(), care-fhir-scan-index.c's dup_number_text()):
 * the values, their text and their flags must still be json-glib's and
 * "%.10g"'s, bit for bit, on the edges of those shortcuts and on many
 * random decimals. */
static const char *edge_numbers[] = {
  "0", "-0", "0.0", "-0.0", "0.000", "7", "-7", "7.2", "7.20", "120", "120.0", "120.50",
  "0.1", "0.0001", "0.00012345", "0.00001", "0.000012", "-0.0001", "0.1234567891",
  "0.12345678912", "1.234567891", "1.2345678912", "123456789.1", "1234567891",
  "12345678912", "9999999999", "10000000000", "-9999999999", "-10000000000", "9999999999.5",
  "0.30000000000000004", "123456789012345678", "-123456789012345678", "1.5e2", "4e+01",
  "1E-7", "2.5e-3", "123456789012345.6", "12345678901234.56", "0.1234567890123456789012",
  "1.0000000000000000000001", "99.99999999995", "5.00000000005", "3.14159265358979",
};

static void
append_observation (GString    *page,
                    const char *value,
                    const char *low)
{
  g_string_append_printf (page,
                          "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o%u\","
                          "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},"
                          "\"valueQuantity\":{\"value\":%s,\"unit\":\"mg/dL\"},"
                          "\"referenceRange\":[{\"low\":{\"value\":%s,\"unit\":\"mg/dL\"}}],"
                          "\"component\":[{\"code\":{\"coding\":[{\"code\":\"8480-6\"}]},"
                          "\"valueQuantity\":{\"value\":%s,\"unit\":\"mm[Hg]\"}},"
                          "{\"code\":{\"coding\":[{\"code\":\"8462-4\"}]},"
                          "\"valueQuantity\":{\"value\":%s,\"unit\":\"mm[Hg]\"}}]}},",
                          (guint)page->len, value, low, low, value);
}

static void
assert_same_number (const char *text)
{
  g_autofree char *array = g_strdup_printf ("{\"v\":%s}", text);
  g_autoptr(CareScan) scan = scan_text (array);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char other[G_ASCII_DTOSTR_BUF_SIZE];
  double expected = g_ascii_strtod (text, NULL);
  double value = 0;

  g_assert_nonnull (scan);
  g_assert_true (care_scan_number (scan, 2, &value, NULL));
  if (scan->tokens[2].is_int)
    expected = (double)g_ascii_strtoll (text, NULL, 10);
  if (memcmp (&value, &expected, sizeof value) != 0)
    g_error ("%s read as %s, not %s", text, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value),
             g_ascii_formatd (other, sizeof other, "%.17g", expected));
}

static void
test_agrees_on_numbers (void)
{
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(GString) valued = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (18);

  for (guint round = 0; round < 4; round++)
    {
      g_string_assign (page, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
      if (round == 0)
        for (guint i = 0; i < G_N_ELEMENTS (edge_numbers); i++)
          {
            assert_same_number (edge_numbers[i]);
            append_observation (page, edge_numbers[i], edge_numbers[(i + 1) % G_N_ELEMENTS (edge_numbers)]);
          }
      for (guint i = 0; round > 0 && i < 500; i++)
        {
          g_autofree char *low = NULL;
          int whole_digits = g_rand_int_range (rand, 0, 12);
          int fraction_digits = g_rand_int_range (rand, 0, 14);

          g_string_truncate (valued, 0);
          if (g_rand_boolean (rand))
            g_string_append_c (valued, '-');
          if (whole_digits == 0)
            g_string_append_c (valued, '0');
          for (int d = 0; d < whole_digits; d++)
            g_string_append_c (valued, '0' + g_rand_int_range (rand, d == 0 ? 1 : 0, 10));
          if (fraction_digits > 0)
            g_string_append_c (valued, '.');
          for (int d = 0; d < fraction_digits; d++)
            g_string_append_c (valued, '0' + (g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 0, 10)));
          assert_same_number (valued->str);
          low = g_strdup (valued->str);
          append_observation (page, valued->str, low);
        }
      g_string_truncate (page, page->len - 1);
      g_string_append (page, "]}");
      assert_same_page (page->str, page->len, "numbers");
    }
  g_rand_free (rand);
}

static void
test_agrees_on_fixtures (void)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "corpus", NULL);

  g_assert_cmpuint (compare_folder (fixtures), >=, 35);
  g_assert_cmpuint (compare_folder (corpus), >=, 5);
}

static void
test_agrees_on_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandboxStore) store = care_sandbox_store_new (NULL, &error);
  CareSandboxSeedOptions options = { 0 };
  g_autoptr(GString) page = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  CareScan *scan = NULL;
  guint n = 0, pages = 0;

  g_assert_no_error (error);
  options.scale = 1;
  g_assert_true (care_sandbox_seed_demo (store, &options, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (store),
                                       "SELECT json FROM resources ORDER BY rid", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (;;)
    {
      gboolean more = sqlite3_step (stmt) == SQLITE_ROW;

      if (more)
        {
          /* Every fifth page spaced out, as a server that pretty-prints. */
          const char *separator = pages % 5 == 4 ? ",\n  " : ",";

          if (n % 50 == 0)
            g_string_assign (page, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
          else
            g_string_append (page, separator);
          g_string_append_printf (page, "{\"resource\":%s}", (const char *)sqlite3_column_text (stmt, 0));
          n++;
        }
      if ((!more && n % 50 != 0) || (more && n % 50 == 0))
        {
          g_autofree char *what = g_strdup_printf ("demo page %u", pages);

          g_string_append (page, "]}");
          /* The demo family is plain JSON: every page goes the scanner's road. */
          scan = care_json_scan (page->str, page->len, CARE_JSON_MAX_DEPTH, 10000);
          if (scan == NULL)
            g_file_set_contents ("/tmp/sync3-badpage.json", page->str, page->len, NULL);
          g_assert_nonnull (scan);
          g_clear_pointer (&scan, care_json_scan_free);
          assert_same_page (page->str, page->len, what);
          pages++;
        }
      if (!more)
        break;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >=, 900);
}

static void
test_pages_from_tokens (void)
{
  static const char text[] =
    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"self\",\"url\":\"s\"},"
    "{\"relation\":\"next\",\"url\":\"n1\"},{\"relation\":\"next\",\"url\":\"n2\"}],\"entry\":["
    "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/p\"},"
    "\"code\":{\"text\":\"Glucose\"},\"effectiveDateTime\":\"2024-05-01\",\"valueQuantity\":{\"value\":98,\"unit\":\"mg/dL\"}}},"
    "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o1\"}},"
    "{\"resource\":{\"resourceType\":\"Observation\"}},"
    "{\"search\":{\"mode\":\"outcome\"},\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":"
    "[{\"severity\":\"warning\",\"code\":\"suppressed\",\"diagnostics\":\"held back\"}]}}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = care_fhir_page_parse_with (body, NULL, TRUE, &error);
  CareFhirRecord *record;

  g_assert_no_error (error);
  g_assert_true (page->is_bundle);
  g_assert_cmpstr (page->next_url, ==, "n1");
  g_assert_cmpstr (page->self_url, ==, "s");
  g_assert_cmpint (page->outcome, ==, CARE_FHIR_OUTCOME_WITHHELD);
  g_assert_cmpstr (page->outcome_text, ==, "held back");
  g_assert_cmpuint (page->records->len, ==, 1);
  record = page->records->pdata[0];
  g_assert_null (record->resource);
  g_assert_cmpstr (record->index->patient, ==, "p");
  g_assert_cmpstr (record->index->display, ==, "Glucose");
  g_assert_cmpstr (record->index->value_text, ==, "98 mg/dL");
  g_assert_true (g_str_has_prefix (record->json, "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"subject\""));
  g_assert_true (g_hash_table_contains (page->references, "Patient/p"));
  assert_same_page (text, sizeof text - 1, "links, duplicates, outcome");
}

/* A page read from tokens keeps what its records point at (issue 18:
 * their strings are in the page's arena or its copy of the text): they
 * read the same once the body is scribbled over and freed, across many
 * arena blocks, a resource larger than a block, and references and a
 * patient that are not where a string ends ("/_history/"). */
static void
test_page_outlives_body (void)
{
  g_autoptr(GString) text = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
  g_autoptr(CareFhirPage) scanned = NULL;
  g_autoptr(CareFhirPage) tree = NULL;
  g_autoptr(GBytes) tree_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;
  GBytes *body;
  char *copy;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text,
                            "%s{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o%u\",\n"
                            " \"meta\":{\"versionId\":\"%u\",\"lastUpdated\":\"2024-05-0%uT10:00:00Z\"},"
                            "\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"s\",\"code\":\"lab\"}]}],"
                            "\"subject\":{\"reference\":\"Patient/p%u/_history/3\"},"
                            "\"performer\":[{\"reference\":\"https://x/fhir/Practitioner/d%u\"},"
                            "{\"reference\":\"Organization/g%u/_history/1\"}],"
                            "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}],"
                            "\"text\":\"Glucose \\\"fasting\\\" %u\"},\"effectiveDateTime\":\"2024-05-01\","
                            "\"valueQuantity\":{\"value\":%u.50,\"unit\":\"mg/dL\"},"
                            "\"note\":[{\"text\":\"%s\"}]}}",
                            i > 0 ? "," : "", i, i, 1 + i % 9, i % 7, i % 5, i % 3, i, 90 + i,
                            i == 150 ? "a long note a long note a long note a long note a long note "
                                       "a long note a long note a long note a long note a long note" : "short");
  g_string_append (text, "]}");
  /* One resource larger than an arena block. */
  g_string_truncate (text, text->len - 2);
  g_string_append (text, ",{\"resource\":{\"resourceType\":\"DocumentReference\",\"id\":\"big\","
                         "\"description\":\"");
  for (guint i = 0; i < 4000; i++)
    g_string_append (text, i % 10 == 9 ? "word\\n " : "word ");
  g_string_append (text, "\"}}]}");

  copy = g_memdup2 (text->str, text->len);
  body = g_bytes_new_take (copy, text->len);
  scanned = care_fhir_page_parse_with (body, NULL, TRUE, &error);
  g_assert_no_error (error);
  memset (copy, 'x', text->len);
  g_bytes_unref (body);

  tree_body = g_bytes_new (text->str, text->len);
  tree = care_fhir_page_parse_with (tree_body, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scanned->arena);   /* read from tokens */
  g_assert_cmpuint (scanned->records->len, ==, 301);
  g_assert_cmpstr (((CareFhirRecord *)scanned->records->pdata[7])->index->patient, ==, "p0");
  g_assert_true (g_hash_table_contains (scanned->references, "Organization/g1"));
  difference = care_fuzz_pages_difference (scanned, tree);
  g_assert_null (difference);
}

/* What the scanner does not vouch for goes the old road, with its
 * errors and its normalising. */
static void
test_falls_back (void)
{
  static const struct
  {
    const char *text;
    int         code;   /* -1: a page */
  } cases[] = {
    { "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"a\",\"id\":\"b\"}}]}", -1 },
    { "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"name\":[{\"text\":\"A\\u0000B\"}]}}]}", -1 },
    { "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"name\":[{\"text\":\"\\ud83d\"}]}}]}", -1 },
    { "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o\",\"valueQuantity\":{\"value\":1e2}}}]}", -1 },
    { "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"ga\\u0072bage\":1}}]}", -1 },
    { "{\"resourceType\":\"Patient\",\"id\":\"p\"}", -1 },
    { "{\"id\":\"p\"}", CARE_FHIR_ERROR_MISSING_FIELD },
    { "{\"resourceType\":\"Bundle\",\"entry\":[", CARE_FHIR_ERROR_MALFORMED },
    { "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"x\":\"\\q\"}}]}", CARE_FHIR_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(CareFhirPage) page = care_fhir_page_parse_with (body, NULL, TRUE, &error);

      g_test_message ("%s", cases[i].text);
      if (cases[i].code < 0)
        g_assert_no_error (error);
      else
        g_assert_error (error, CARE_FHIR_ERROR, cases[i].code);
      assert_same_page (cases[i].text, strlen (cases[i].text), cases[i].text);
    }
}

static void
test_too_many_entries (void)
{
  g_autoptr(GString) text = g_string_new ("{\"resourceType\":\"Bundle\",\"entry\":[{}");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = NULL;

  for (guint i = 0; i < CARE_FHIR_PAGE_MAX_ENTRIES; i++)
    g_string_append (text, ",{}");
  g_string_append (text, "]}");
  body = g_bytes_new (text->str, text->len);
  page = care_fhir_page_parse_with (body, NULL, TRUE, &error);
  g_assert_null (page);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/fhir/scan/tokens", test_tokens);
  g_test_add_func ("/care/fhir/scan/refuses", test_refuses);
  g_test_add_func ("/care/fhir/scan/bounds", test_bounds);
  g_test_add_func ("/care/fhir/scan/page", test_pages_from_tokens);
  g_test_add_func ("/care/fhir/scan/page-outlives-body", test_page_outlives_body);
  g_test_add_func ("/care/fhir/scan/falls-back", test_falls_back);
  g_test_add_func ("/care/fhir/scan/too-many-entries", test_too_many_entries);
  g_test_add_func ("/care/fhir/scan/agrees-on-numbers", test_agrees_on_numbers);
  g_test_add_func ("/care/fhir/scan/agrees-on-fixtures", test_agrees_on_fixtures);
  g_test_add_func ("/care/fhir/scan/agrees-on-demo", test_agrees_on_demo);

  return g_test_run ();
}
