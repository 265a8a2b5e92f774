/* care-fuzz-fhir.c — one input through every FHIR parser
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes go to everything that reads FHIR JSON from a portal: the
 * depth and escape check, the fast parser against json-glib (they must
 * agree on what they accept and on the tree), a resource, and a search
 * page with its entry slices and index. A crash, a sanitizer report or a
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
    page = care_fhir_page_parse (body, NULL, NULL);
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
