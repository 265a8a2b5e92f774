/* care-fuzz-fhir.c — one input through every FHIR parser
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes go to everything that reads FHIR JSON from a portal: the
 * depth and escape check, the fast parser against json-glib (they must
 * agree on what they accept and on the tree), a resource, and a search
 * page with its entry slices and index, read from tokens and as a tree
 * (the two must give the same page). A crash, a sanitizer report or a
 * disagreement (abort) is a finding. fuzz-fhir.c feeds it libFuzzer's
 * inputs; tests/core/test-fuzz-corpus.c replays fuzz/corpus/ through it
 * in the ordinary test suite. See HACKING.md, "Fuzzing".
 */
#include "config.h"

#include <stdlib.h>

#include "care-fhir.h"
#include "care-fhir-json.h"
#include "care-fhir-page.h"
#include "care-fuzz-fhir.h"
#include "care-json.h"

static void
compare_parsers (const char *text,
                 gsize       length)
{
  g_autoptr(JsonNode) fast = care_fhir_json_parse_plain (text, length);
  g_autoptr(JsonParser) parser = NULL;

  if (fast == NULL)
    return;
  /* What the fast parser accepts, json-glib must accept the same way. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, length, NULL) ||
      !json_node_equal (fast, json_parser_get_root (parser)))
    abort ();
}

static gboolean
same_strings (const CareFhirStrings *a,
              const CareFhirStrings *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
index_difference (const CareFhirIndex *a,
                  const CareFhirIndex *b)
{
  static const char *names[] = {
    "type", "id", "version_id", "last_updated", "patient", "code_system", "code", "effective",
    "status", "display", "value_text", "value_unit", "interpretation", "search_text",
  };
  const char *as[] = {
    a->type, a->id, a->version_id, a->last_updated, a->patient, a->code_system, a->code, a->effective,
    a->status, a->display, a->value_text, a->value_unit, a->interpretation, a->search_text,
  };
  const char *bs[] = {
    b->type, b->id, b->version_id, b->last_updated, b->patient, b->code_system, b->code, b->effective,
    b->status, b->display, b->value_text, b->value_unit, b->interpretation, b->search_text,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (as[i], bs[i]) != 0)
      return g_strdup_printf ("%s: “%s” and “%s”", names[i], as[i] ?: "(null)", bs[i] ?: "(null)");
  if (a->effective_unix != b->effective_unix)
    return g_strdup ("effective_unix");
  if (a->has_value_number != b->has_value_number ||
      (a->has_value_number && a->value_number != b->value_number))
    return g_strdup ("value_number");
  if (!same_strings (a->categories, b->categories))
    return g_strdup ("categories");
  if (!same_strings (a->codings, b->codings))
    return g_strdup ("codings");
  return NULL;
}

static gboolean
same_json (const char *a,
           const char *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  /* The tree's road re-serialises a page it cannot slice. */
  na = care_json_parse (a, -1, NULL);
  nb = care_json_parse (b, -1, NULL);
  return na != NULL && nb != NULL && json_node_equal (na, nb);
}

/**
 * care_fuzz_page_difference:
 * @body: a response body
 *
 * Parses @body as a page from tokens and as a tree.
 *
 * Returns: (transfer full) (nullable): what differs, or %NULL when both
 *   roads give the same page or the same error
 */
char *
care_fuzz_page_difference (GBytes *body)
{
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  g_autoptr(CareFhirPage) a = care_fhir_page_parse_with (body, NULL, TRUE, &error_a);
  g_autoptr(CareFhirPage) b = care_fhir_page_parse_with (body, NULL, FALSE, &error_b);

  if ((a == NULL) != (b == NULL))
    return g_strdup_printf ("one road failed: %s", (error_a ?: error_b)->message);
  if (a == NULL)
    return error_a->domain == error_b->domain && error_a->code == error_b->code
           ? NULL : g_strdup_printf ("errors: %s; %s", error_a->message, error_b->message);
  return care_fuzz_pages_difference (a, b);
}

/**
 * care_fuzz_pages_difference:
 * @a: a page
 * @b: another
 *
 * Returns: (transfer full) (nullable): what differs between the two, or
 *   %NULL when they say the same
 */
char *
care_fuzz_pages_difference (CareFhirPage *a,
                            CareFhirPage *b)
{
  GHashTableIter iter;
  gpointer key;

  if (a->is_bundle != b->is_bundle || g_strcmp0 (a->next_url, b->next_url) != 0 ||
      g_strcmp0 (a->self_url, b->self_url) != 0 || a->outcome != b->outcome ||
      g_strcmp0 (a->outcome_text, b->outcome_text) != 0)
    return g_strdup ("the page's links or outcome");
  if (a->records->len != b->records->len)
    return g_strdup_printf ("%u records and %u", a->records->len, b->records->len);
  for (guint i = 0; i < a->records->len; i++)
    {
      CareFhirRecord *ra = a->records->pdata[i];
      CareFhirRecord *rb = b->records->pdata[i];
      char *difference;

      if (!same_json (ra->json, rb->json))
        return g_strdup_printf ("record %u's text", i);
      if ((difference = index_difference (ra->index, rb->index)) != NULL)
        {
          char *message = g_strdup_printf ("record %u (%s/%s): %s", i, rb->index->type, rb->index->id ?: "",
                                           difference);

          g_free (difference);
          return message;
        }
    }
  if (g_hash_table_size (a->references) != g_hash_table_size (b->references))
    return g_strdup ("the references");
  g_hash_table_iter_init (&iter, a->references);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b->references, key))
      return g_strdup_printf ("the reference %s", (char *)key);
  return NULL;
}

/**
 * care_fuzz_fhir_one:
 * @data: any bytes
 * @size: how many
 *
 * Aborts on a disagreement between the parsers, or on a stored record
 * that does not read back as a resource.
 */
void
care_fuzz_fhir_one (const guint8 *data,
                    gsize         size)
{
  const char *text = (const char *)data;
  g_autofree char *normalised = NULL;
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(CareFhirPage) page = NULL;

  /* Normalising replaces escapes with escapes of the same length. */
  if (care_json_check (text, size, CARE_JSON_MAX_DEPTH, G_MAXUINT, &normalised, NULL))
    compare_parsers (normalised != NULL ? normalised : text, size);

  resource = care_fhir_parse_resource (size > 0 ? text : "", size, NULL);
  if (size > 0)
    {
      g_autofree char *difference = care_fuzz_page_difference (body);

      /* Read from tokens or as a tree, a page is the same page. */
      if (difference != NULL)
        {
          g_printerr ("care_fuzz_fhir_one: %s\n", difference);
          abort ();
        }
      page = care_fhir_page_parse (body, NULL, NULL);
    }
  if (page != NULL)
    for (guint i = 0; i < page->records->len; i++)
      {
        CareFhirRecord *record = g_ptr_array_index (page->records, i);
        g_autoptr(JsonObject) again = NULL;

        /* A stored record's text must read back as a resource. */
        again = care_fhir_parse_resource (record->json, -1, NULL);
        if (again == NULL)
          abort ();
      }
}
