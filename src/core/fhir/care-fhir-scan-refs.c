/* care-fhir-scan-refs.c — references read from a page's tokens, without copies
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * care_fhir_parse_reference() and care_fhir_read_reference() over a
 * CareScan: the type and id of a reference are where they are in the
 * page's scanned text, and the "Type/id" a page collects is where a
 * reference ends, unless "/_history/" follows it (then it is copied into
 * the page's arena). Split from care-fhir-scan-index.c (issue 18).
 */
#include "config.h"

#include "care-fhir.h"
#include "care-fhir-arena.h"
#include "care-fhir-scan.h"

#include <string.h>

/* care_fhir_parse_reference() of a relative or absolute reference: the
 * last Type/id pair before any "/_history/". */
static gboolean
split_path_reference (const char            *text,
                      CareFhirScanReference *out)
{
  const char *end = strstr (text, "/_history/");
  const char *slash;
  const char *start;

  if (end == NULL)
    end = text + strlen (text);
  for (slash = end; slash > text && slash[-1] != '/'; slash--)
    ;
  if (slash == text || slash == end)
    return FALSE;
  slash--;
  for (start = slash; start > text && start[-1] != '/'; start--)
    ;
  if (!g_ascii_isupper (*start))
    return FALSE;
  out->type = start;
  out->type_length = slash - start;
  out->id = slash + 1;
  out->id_length = end - (slash + 1);
  return TRUE;
}

/* care_fhir_parse_reference(), without copies. */
static gboolean
parse_reference (const char            *text,
                 CareFhirScanReference *out)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  if (text[0] == '#')
    {
      out->id = text + 1;
      out->id_length = strlen (text + 1);
      return text[1] != '\0';
    }
  if (strncmp (text, "urn:uuid:", 9) == 0 || strncmp (text, "urn:oid:", 8) == 0)
    {
      out->id = strrchr (text, ':') + 1;
      out->id_length = strlen (out->id);
      return TRUE;
    }
  return split_path_reference (text, out);
}

/**
 * care_fhir_scan_read_reference:
 * @scan: a page's tokens
 * @reference: a Reference's token, or %CARE_SCAN_NONE
 * @out: (out caller-allocates): what it says
 *
 * care_fhir_read_reference(), without copies and without the display.
 *
 * Returns: whether the reference could be read
 */
gboolean
care_fhir_scan_read_reference (CareScan              *scan,
                               guint                  reference,
                               CareFhirScanReference *out)
{
  const char *text = care_scan_get_string (scan, reference, "reference");
  const char *type = care_scan_get_string (scan, reference, "type");
  gboolean read;

  memset (out, 0, sizeof *out);
  read = parse_reference (text, out);
  if (read)
    {
      if (text[0] == '#')
        out->kind = CARE_FHIR_REFERENCE_CONTAINED;
      else if (strncmp (text, "urn:", 4) == 0)
        out->kind = CARE_FHIR_REFERENCE_URN;
      else if (strstr (text, "://") != NULL)
        out->kind = CARE_FHIR_REFERENCE_ABSOLUTE;
      else
        out->kind = CARE_FHIR_REFERENCE_RELATIVE;
    }
  if (out->type == NULL && type != NULL)
    {
      out->type = type;
      out->type_length = strlen (type);
    }
  return read;
}

/**
 * care_fhir_scan_page_string:
 * @arena: a page's arena
 * @text: text in the page's scanned text
 * @length: how many bytes of it
 *
 * Returns: (transfer none): @text as a string that lives as long as the
 *   page: in place when it ends the string it is part of, else copied
 */
const char *
care_fhir_scan_page_string (CareFhirArena *arena,
                            const char    *text,
                            gsize          length)
{
  if (text[length] == '\0')
    return text;
  return care_fhir_arena_strndup (arena, text, length);
}

/**
 * care_fhir_scan_add_reference:
 * @reference: a Reference.reference, in a page's scanned text
 * @arena: where a key that is not in that text is copied
 * @into: (element-type utf8): a set of strings, not owning them
 *
 * Adds "Type/id" for a relative or absolute reference to @into, as
 * care_fhir_collect_references() does (contained and urn: references
 * resolve inside the resource or Bundle). The key is where the reference
 * ends, unless "/_history/" follows it.
 */
void
care_fhir_scan_add_reference (const char    *reference,
                              CareFhirArena *arena,
                              GHashTable    *into)
{
  CareFhirScanReference parsed;
  const char *key;

  if (reference[0] == '#' || strncmp (reference, "urn:", 4) == 0 || !split_path_reference (reference, &parsed))
    return;
  /* The set owns no key: adding one already there changes nothing. */
  key = care_fhir_scan_page_string (arena, parsed.type, parsed.id + parsed.id_length - parsed.type);
  g_hash_table_add (into, (char *)key);
}
