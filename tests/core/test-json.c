/* test-json.c — the depth guard and the escapes, before any parser runs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-page.h"
#include "care-json.h"

#include <string.h>

/* {"resourceType":"Basic","x":[[[…0…]]]} nested @depth arrays deep. */
static char *
dup_nested (guint depth)
{
  GString *text = g_string_new ("{\"resourceType\":\"Basic\",\"x\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append_c (text, '0');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

/* 100,000 levels overflowed json-glib's recursive parser (SIGSEGV): the
 * fast parser gave up at 200 and handed the text on. */
static void
test_deep_refused (void)
{
  g_autofree char *deep = dup_nested (100000);
  g_autoptr(GBytes) body = g_bytes_new (deep, strlen (deep));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(CareFhirPage) page = NULL;
  g_autoptr(JsonNode) node = NULL;

  resource = care_fhir_parse_resource (deep, -1, &error);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_assert_null (resource);
  g_clear_error (&error);

  page = care_fhir_page_parse (body, "application/fhir+json", &error);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_assert_null (page);
  g_clear_error (&error);

  /* A bare array at the root goes straight to json-glib. */
  node = care_json_parse (deep + strlen ("{\"resourceType\":\"Basic\",\"x\":"), 200001, &error);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_assert_null (node);
}

/* Up to the limit, json-glib still reads what the fast parser leaves. */
static void
test_depth_limit (void)
{
  g_autofree char *at_limit = dup_nested (CARE_JSON_MAX_DEPTH - 1);
  g_autofree char *past = dup_nested (CARE_JSON_MAX_DEPTH);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (at_limit, -1, &error);
  g_autoptr(JsonObject) refused = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (resource);
  refused = care_fhir_parse_resource (past, -1, &error);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_assert_null (refused);
  g_clear_error (&error);

  /* Brackets inside strings are text, not depth. */
  {
    g_autoptr(GString) text = g_string_new ("{\"resourceType\":\"Basic\",\"t\":\"");
    g_autoptr(JsonObject) fine = NULL;

    for (guint i = 0; i < 10000; i++)
      g_string_append (text, "[{");
    g_string_append (text, "\"}");
    fine = care_fhir_parse_resource (text->str, text->len, &error);
    g_assert_no_error (error);
    g_assert_nonnull (fine);
  }
}

/* The same text means the same thing whichever parser reads it: "1e2"
 * sends the second copy to json-glib. */
static void
assert_string_both_ways (const char *escaped,
                         const char *expected)
{
  const char *tails[] = { "", ",\"n\":1e2" };

  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"resourceType\":\"Basic\",\"s\":\"%s\"%s}",
                                               escaped, tails[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, &error);

      g_assert_no_error (error);
      g_assert_nonnull (resource);
      g_assert_true (g_utf8_validate (care_fhir_get_string (resource, "s"), -1, NULL));
      g_assert_cmpstr (care_fhir_get_string (resource, "s"), ==, expected);
    }
}

static void
assert_refused_both_ways (const char *text)
{
  const char *tails[] = { "", ",\"n\":1e2" };

  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"resourceType\":\"Basic\",\"s\":\"%s\"%s}", text, tails[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, &error);

      g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
      g_assert_null (resource);
    }
}

/* json-glib turned "\ud83d" into bytes that are not UTF-8 (and ate the
 * character after it) and cut a string at \u0000; both now read U+FFFD,
 * as the fast parser does. */
static void
test_surrogates (void)
{
  assert_string_both_ways ("a\\ud83db", "a\xef\xbf\xbd" "b");
  assert_string_both_ways ("a\\udc00b", "a\xef\xbf\xbd" "b");
  assert_string_both_ways ("a\\ud83d\\u0041b", "a\xef\xbf\xbd" "Ab");
  assert_string_both_ways ("a\\u0000b", "a\xef\xbf\xbd" "b");
  assert_string_both_ways ("a\\ud83d", "a\xef\xbf\xbd");
  assert_string_both_ways ("\\ud83d\\ude00", "\xf0\x9f\x98\x80");
  assert_string_both_ways ("\\\\ud83d", "\\ud83d");
}

/* json-glib accepted "\q" as "q". */
static void
test_bad_escapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  assert_refused_both_ways ("a\\qb");
  assert_refused_both_ways ("a\\u12");
  assert_refused_both_ways ("a\\u12g4");
  assert_refused_both_ways ("a\xff" "b");

  object = care_json_parse_object ("{\"a\":\"\\", -1, &error);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_assert_null (object);
}

/* A Bundle of a million entries took 4 GB: more than 10,000 is refused
 * before any tree is built. */
static void
test_page_entries (void)
{
  const char *entry = "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o\"}}";
  g_autoptr(GString) text = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = NULL;
  g_autofree char *number = NULL;

  for (guint i = 0; i <= CARE_FHIR_PAGE_MAX_ENTRIES; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, entry);
    }
  g_string_append (text, "]}");
  body = g_bytes_new (text->str, text->len);
  page = care_fhir_page_parse (body, NULL, &error);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
  g_assert_null (page);
  number = g_strdup_printf ("%u", CARE_FHIR_PAGE_MAX_ENTRIES);
  g_assert_nonnull (strstr (error->message, number));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/json/deep-refused", test_deep_refused);
  g_test_add_func ("/care/json/depth-limit", test_depth_limit);
  g_test_add_func ("/care/json/surrogates", test_surrogates);
  g_test_add_func ("/care/json/bad-escapes", test_bad_escapes);
  g_test_add_func ("/care/json/page-entries", test_page_entries);
  return g_test_run ();
}
