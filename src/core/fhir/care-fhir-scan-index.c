/* care-fhir-scan-index.c — the index columns, words and references of a
 * resource read from a page's tokens instead of a json-glib tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same reading as care-fhir-index.c (the tables of dates and names,
 * the status, an Observation's value and flag, the search words) and as
 * care_fhir_collect_references(), over a CareScan (care-json-scan.c), so
 * a page's resources are never built into trees. What it reads must come
 * out byte for byte as the tree's reading does: test-fhir-scan compares
 * the two on every fixture and on the demo family. A change to one
 * reading is a change to both.
 */
#include "config.h"

#include "care-fhir.h"
#include "care-fhir-arena.h"
#include "care-fhir-index.h"
#include "care-fhir-private.h"
#include "care-fhir-scan.h"
#include "care-unit.h"

#include <string.h>

#define NONE CARE_SCAN_NONE

/* The member at a dotted path; an array on the way takes its first
 * element, as get_path() in care-fhir-index.c does. */
static guint
get_path (CareScan   *scan,
          guint       object,
          const char *path)
{
  guint node = NONE;

  for (;;)
    {
      const char *dot = strchr (path, '.');
      char part[64];
      gsize length = dot != NULL ? (gsize)(dot - path) : strlen (path);

      if (object == NONE || length >= sizeof part)
        return NONE;
      memcpy (part, path, length);
      part[length] = '\0';
      node = care_scan_member (scan, object, part);
      if (node == NONE)
        return NONE;
      if (dot == NULL)
        return node;
      if (care_scan_is (scan, node, CARE_SCAN_ARRAY))
        node = care_scan_element (scan, node, 0);
      if (node == NONE)
        return NONE;
      object = care_scan_is (scan, node, CARE_SCAN_OBJECT) ? node : NONE;
      path = dot + 1;
    }
}

static const char *
get_path_string (CareScan   *scan,
                 guint       object,
                 const char *path)
{
  return care_scan_string_value (scan, get_path (scan, object, path));
}

static guint
get_path_object (CareScan   *scan,
                 guint       object,
                 const char *path)
{
  guint node = get_path (scan, object, path);

  if (care_scan_is (scan, node, CARE_SCAN_ARRAY))
    node = care_scan_element (scan, node, 0);
  return care_scan_is (scan, node, CARE_SCAN_OBJECT) ? node : NONE;
}

/* Element @element of an array if it is an object. */
static inline guint
as_object (CareScan *scan,
           guint     element)
{
  return care_scan_is (scan, element, CARE_SCAN_OBJECT) ? element : NONE;
}

#define FOREACH_ELEMENT(scan, array, element) \
  for (guint element = care_scan_first (scan, array); element != NONE; \
       element = care_scan_next (scan, array, element))

static guint
first_coding (CareScan *scan,
              guint     concept)
{
  guint codings = care_scan_array (scan, concept, "coding");

  FOREACH_ELEMENT (scan, codings, element)
    if (care_scan_get_string (scan, as_object (scan, element), "code") != NULL)
      return element;
  return NONE;
}

static gboolean
has_system (CareScan   *scan,
            guint       concept,
            const char *system)
{
  guint codings = care_scan_array (scan, concept, "coding");

  FOREACH_ELEMENT (scan, codings, element)
    if (g_strcmp0 (care_scan_get_string (scan, as_object (scan, element), "system"), system) == 0)
      return TRUE;
  return FALSE;
}

static const char *
dup_concept_text (CareScan      *scan,
                  CareFhirArena *arena,
                  guint          concept)
{
  const char *text = care_scan_get_string (scan, concept, "text");
  guint codings = care_scan_array (scan, concept, "coding");
  const char *raw = text;
  GString *out;

  FOREACH_ELEMENT (scan, codings, element)
    if (raw == NULL)
      raw = care_scan_get_string (scan, as_object (scan, element), "display");
  FOREACH_ELEMENT (scan, codings, element)
    if (raw == NULL)
      raw = care_scan_get_string (scan, as_object (scan, element), "code");
  if (raw == NULL)
    return NULL;
  out = g_string_append (care_fhir_arena_scratch (arena), raw);
  care_fhir_tidy_concept_text (out, has_system (scan, concept, "http://snomed.info/sct"),
                               text == NULL && has_system (scan, concept, "http://loinc.org"));
  /* Most concepts need no tidying: their text is the page's. */
  if (out->len == strlen (raw) && memcmp (out->str, raw, out->len) == 0)
    return raw;
  return care_fhir_arena_keep (arena, out);
}

static gboolean
get_quantity (CareScan    *scan,
              guint        quantity,
              double      *out_value,
              const char **out_unit)
{
  if (!care_scan_number (scan, care_scan_member (scan, quantity, "value"), out_value, NULL))
    return FALSE;
  if (out_unit != NULL)
    *out_unit = care_scan_get_string (scan, quantity, "unit") != NULL
                ? care_scan_get_string (scan, quantity, "unit")
                : care_scan_get_string (scan, quantity, "code");
  return TRUE;
}

/* care_unit_display_text() of the few units a sync repeats ("mg/dL" on
 * every glucose), remembered per thread: its answer is a static or
 * interned string, or the unit itself (remembered as NULL). */
#define UNIT_MEMO_SIZE 32
#define UNIT_MEMO_LENGTH 24

typedef struct
{
  char        unit[UNIT_MEMO_LENGTH];
  const char *display;
} UnitMemo;

static __thread UnitMemo unit_memo[UNIT_MEMO_SIZE];

static const char *
unit_display_text (const char *unit)
{
  gsize length = strlen (unit);
  UnitMemo *memo;
  const char *display;

  if (length == 0 || length >= UNIT_MEMO_LENGTH)
    return care_unit_display_text (unit);
  memo = &unit_memo[(length * 31 + (guchar)unit[0] * 7 + (guchar)unit[length - 1]) % UNIT_MEMO_SIZE];
  if (memcmp (memo->unit, unit, length + 1) == 0)
    return memo->display != NULL ? memo->display : unit;
  display = care_unit_display_text (unit);
  memcpy (memo->unit, unit, length + 1);
  memo->display = display != unit ? display : NULL;
  return display;
}

/* Appends a Quantity as text; FALSE (nothing appended) if it has no value. */
static gboolean
append_quantity_text (CareScan *scan,
                      guint     quantity,
                      GString  *text)
{
  const char *unit = NULL;
  const char *comparator;
  const char *display;
  double value;

  if (!get_quantity (scan, quantity, &value, &unit))
    return FALSE;
  comparator = care_scan_get_string (scan, quantity, "comparator");
  if (comparator != NULL)
    {
      g_string_append (text, comparator);
      g_string_append_c (text, ' ');
    }
  care_fhir_scan_append_number (scan, care_scan_member (scan, quantity, "value"), value, text);
  if (unit != NULL && (display = unit_display_text (unit))[0] != '\0')
    {
      g_string_append_c (text, ' ');
      g_string_append (text, display);
    }
  return TRUE;
}

/* A Reference read without copies: care_fhir_read_reference()'s kind, type
 * and id as pointers into the page, each @length bytes long. */
typedef struct
{
  CareFhirReferenceKind  kind;
  const char            *type;
  gsize                  type_length;
  const char            *id;
  gsize                  id_length;
} Reference;

/* care_fhir_parse_reference() of a relative or absolute reference: the
 * last Type/id pair before any "/_history/". */
static gboolean
split_path_reference (const char *text,
                      Reference  *out)
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
parse_reference (const char *text,
                 Reference  *out)
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

/* care_fhir_read_reference(), without copies and without the display. */
static gboolean
read_reference (CareScan  *scan,
                guint      reference,
                Reference *out)
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

/* "system|code" of every coding of @concept that has a code. */
static void
add_codings (CareScan      *scan,
             CareFhirArena *arena,
             GPtrArray     *into,
             guint          concept)
{
  guint codings = care_scan_array (scan, concept, "coding");

  FOREACH_ELEMENT (scan, codings, element)
    {
      guint coding = as_object (scan, element);
      guint code = care_scan_member (scan, coding, "code");
      guint system;
      gsize system_length;
      char *text;

      if (!care_scan_is (scan, code, CARE_SCAN_STRING))
        continue;
      system = care_scan_member (scan, coding, "system");
      system_length = care_scan_is (scan, system, CARE_SCAN_STRING) ? scan->tokens[system].length : 0;
      text = care_fhir_arena_alloc_bytes (arena, system_length + 1 + scan->tokens[code].length + 1);
      if (system_length > 0)
        memcpy (text, scan->text + scan->tokens[system].start, system_length);
      text[system_length] = '|';
      memcpy (text + system_length + 1, scan->text + scan->tokens[code].start, scan->tokens[code].length + 1);
      g_ptr_array_add (into, text);
    }
}

static void
add_targets (CareScan      *scan,
             CareFhirArena *arena,
             GPtrArray     *into,
             guint          provenance)
{
  guint targets = care_scan_array (scan, provenance, "target");

  FOREACH_ELEMENT (scan, targets, element)
    {
      Reference reference;

      if (read_reference (scan, as_object (scan, element), &reference) &&
          reference.type != NULL && reference.id != NULL &&
          (reference.kind == CARE_FHIR_REFERENCE_RELATIVE || reference.kind == CARE_FHIR_REFERENCE_ABSOLUTE))
        {
          GString *text = g_string_append (care_fhir_arena_scratch (arena), CARE_FHIR_INDEX_TARGET_SYSTEM "|");

          g_string_append_len (text, reference.type, reference.type_length);
          g_string_append_c (text, '/');
          g_string_append_len (text, reference.id, reference.id_length);
          g_ptr_array_add (into, care_fhir_arena_keep (arena, text));
        }
    }
}

static void
extract_effective (CareScan      *scan,
                   CareFhirIndex *index,
                   guint          resource)
{
  const char * const *paths = care_fhir_index_effective_paths (index->type);

  for (guint j = 0; paths != NULL && j < CARE_FHIR_INDEX_MAX_PATHS && paths[j] != NULL; j++)
    {
      const char *value = get_path_string (scan, resource, paths[j]);
      gint64 seconds;

      if (value != NULL && care_fhir_parse_date (value, &seconds, NULL))
        {
          index->effective = (char *)value;
          index->effective_unix = seconds;
          return;
        }
    }
}

/* HumanName, as care_fhir_dup_human_name() reads it. */
static guint
find_name (CareScan   *scan,
           guint       names,
           const char *use)
{
  FOREACH_ELEMENT (scan, names, element)
    {
      const char *name_use;

      if (!care_scan_is (scan, element, CARE_SCAN_OBJECT))
        continue;
      name_use = care_scan_get_string (scan, element, "use");
      if (use == NULL ? (g_strcmp0 (name_use, "old") != 0 && g_strcmp0 (name_use, "maiden") != 0)
                      : g_strcmp0 (name_use, use) == 0)
        return element;
    }
  return NONE;
}

static const char *
dup_human_name (CareScan      *scan,
                CareFhirArena *arena,
                guint          names)
{
  guint name = find_name (scan, names, "official");
  guint given;
  GString *text;

  if (name == NONE)
    name = find_name (scan, names, "usual");
  if (name == NONE)
    name = find_name (scan, names, NULL);
  if (name == NONE)
    name = as_object (scan, care_scan_element (scan, names, 0));
  if (name == NONE)
    return NULL;
  if (care_scan_get_string (scan, name, "text") != NULL)
    return care_scan_get_string (scan, name, "text");

  text = care_fhir_arena_scratch (arena);
  given = care_scan_array (scan, name, "given");
  FOREACH_ELEMENT (scan, given, element)
    if (care_scan_string_value (scan, element) != NULL)
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", care_scan_string_value (scan, element));
  if (care_scan_get_string (scan, name, "family") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", care_scan_get_string (scan, name, "family"));
  if (text->len == 0)
    return NULL;
  return care_fhir_arena_keep (arena, text);
}

static const char *
dup_name (CareScan         *scan,
          CareFhirArena    *arena,
          guint             resource,
          CareFhirNameKind  kind,
          const char       *path)
{
  guint node;

  switch (kind)
    {
    case CARE_FHIR_NAME_CONCEPT:
    case CARE_FHIR_NAME_CONCEPT_LIST:
      return dup_concept_text (scan, arena, get_path_object (scan, resource, path));

    case CARE_FHIR_NAME_STRING:
      if (g_str_equal (path, "note"))
        return get_path_string (scan, resource, "note.text");
      return get_path_string (scan, resource, path);

    case CARE_FHIR_NAME_HUMAN:
      node = care_scan_member (scan, resource, path);
      return dup_human_name (scan, arena, care_scan_is (scan, node, CARE_SCAN_ARRAY) ? node : NONE);

    case CARE_FHIR_NAME_REFERENCE:
      return care_scan_get_string (scan, get_path_object (scan, resource, path), "display");

    default:
      g_assert_not_reached ();
    }
}

static const char *
dup_display (CareScan      *scan,
             CareFhirArena *arena,
             CareFhirIndex *index,
             guint          resource)
{
  const CareFhirNamePath *names = care_fhir_index_name_paths (index->type);
  const char *text = NULL;

  for (guint j = 0; names != NULL && j < CARE_FHIR_INDEX_MAX_NAMES && text == NULL; j++)
    if (names[j].path != NULL)
      text = dup_name (scan, arena, resource, names[j].kind, names[j].path);
  if (text != NULL)
    return text;

  text = dup_concept_text (scan, arena, care_scan_object (scan, resource, "code"));
  if (text == NULL)
    text = care_scan_get_string (scan, resource, "title");
  if (text == NULL)
    text = care_scan_get_string (scan, resource, "name");
  return text;
}

static const char *
dup_status (CareScan      *scan,
            CareFhirArena *arena,
            guint          resource)
{
  guint clinical;
  guint coding;

  if (care_scan_get_string (scan, resource, "status") != NULL)
    return care_scan_get_string (scan, resource, "status");
  clinical = care_scan_object (scan, resource, "clinicalStatus");
  coding = first_coding (scan, clinical);
  if (coding != NONE)
    return care_scan_get_string (scan, coding, "code");
  return dup_concept_text (scan, arena, clinical);
}

static const char *
dup_value_text (CareScan      *scan,
                CareFhirArena *arena,
                guint          holder,
                CareFhirIndex *index)
{
  guint object;
  guint node;
  const char *unit = NULL;

  if ((object = care_scan_object (scan, holder, "valueQuantity")) != NONE)
    {
      GString *text = care_fhir_arena_scratch (arena);

      if (get_quantity (scan, object, &index->value_number, &unit))
        {
          index->has_value_number = TRUE;
          index->value_unit = (char *)unit;
        }
      if (!append_quantity_text (scan, object, text))
        return NULL;
      return care_fhir_arena_keep (arena, text);
    }
  if ((object = care_scan_object (scan, holder, "valueCodeableConcept")) != NONE)
    return dup_concept_text (scan, arena, object);
  if (care_scan_get_string (scan, holder, "valueString") != NULL)
    return care_scan_get_string (scan, holder, "valueString");
  if (care_scan_get_string (scan, holder, "valueDateTime") != NULL)
    return care_scan_get_string (scan, holder, "valueDateTime");
  node = care_scan_member (scan, holder, "valueBoolean");
  if (care_scan_is (scan, node, CARE_SCAN_TRUE) || care_scan_is (scan, node, CARE_SCAN_FALSE))
    return care_scan_is (scan, node, CARE_SCAN_TRUE) ? "true" : "false";
  node = care_scan_member (scan, holder, "valueInteger");
  if (care_scan_is (scan, node, CARE_SCAN_NUMBER) && scan->tokens[node].is_int)
    {
      g_autofree char *text = NULL;
      gint64 value;

      care_scan_number (scan, node, &index->value_number, &value);
      index->has_value_number = TRUE;
      text = care_fhir_format_integer (value);
      return care_fhir_arena_strdup (arena, text);
    }
  if ((object = care_scan_object (scan, holder, "valueRange")) != NONE)
    {
      GString *text = care_fhir_arena_scratch (arena);
      gboolean low = append_quantity_text (scan, care_scan_object (scan, object, "low"), text);
      gboolean high;

      g_string_append (text, "–");
      high = append_quantity_text (scan, care_scan_object (scan, object, "high"), text);
      if (low || high)
        return care_fhir_arena_keep (arena, text);
    }
  if ((object = care_scan_object (scan, holder, "valueRatio")) != NONE)
    {
      GString *text = care_fhir_arena_scratch (arena);

      if (append_quantity_text (scan, care_scan_object (scan, object, "numerator"), text) &&
          (g_string_append_c (text, '/'),
           append_quantity_text (scan, care_scan_object (scan, object, "denominator"), text)))
        return care_fhir_arena_keep (arena, text);
    }
  return NULL;
}

static int
component_rank (CareScan *scan,
                guint     component)
{
  guint codings = care_scan_array (scan, care_scan_object (scan, component, "code"), "coding");

  FOREACH_ELEMENT (scan, codings, element)
    {
      int rank = care_fhir_code_rank (care_scan_get_string (scan, as_object (scan, element), "code"));

      if (rank > 0)
        return rank;
    }
  return 0;
}

typedef struct
{
  guint component;
  int   rank;
  guint index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->rank != rb->rank)
    {
      if (ra->rank == 0 || rb->rank == 0)
        return ra->rank == 0 ? 1 : -1;
      return ra->rank - rb->rank;
    }
  return (ra->index > rb->index) - (ra->index < rb->index);
}

/* care-fhir-index.c's dup_component_text(), over care_fhir_dup_components()'s order. */
static const char *
dup_component_text (CareScan      *scan,
                    CareFhirArena *arena,
                    guint          observation)
{
  guint array = care_scan_array (scan, observation, "component");
  g_autoptr(GArray) ranked = NULL;
  GString *text;
  const char *shared_unit = NULL;
  gboolean same_unit = TRUE;
  gboolean pair;
  guint n = 0;
  guint i = 0;

  if (array == NONE)
    return NULL;
  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  FOREACH_ELEMENT (scan, array, element)
    {
      Ranked one = { element, 0, i++ };

      if (!care_scan_is (scan, element, CARE_SCAN_OBJECT))
        continue;
      one.rank = component_rank (scan, element);
      g_array_append_val (ranked, one);
    }
  g_array_sort (ranked, compare_ranked);
  pair = ranked->len > 0 && g_array_index (ranked, Ranked, 0).rank > 0;

  for (i = 0; i < ranked->len; i++)
    {
      const Ranked *one = &g_array_index (ranked, Ranked, i);
      const char *unit = NULL;
      double value;

      if ((pair && one->rank == 0) ||
          !get_quantity (scan, care_scan_object (scan, one->component, "valueQuantity"), &value, &unit))
        continue;
      if (n == 0)
        shared_unit = unit;
      else if (g_strcmp0 (shared_unit, unit) != 0)
        same_unit = FALSE;
      n++;
    }
  if (n == 0)
    return NULL;

  text = care_fhir_arena_scratch (arena);
  for (i = 0; i < ranked->len; i++)
    {
      const Ranked *one = &g_array_index (ranked, Ranked, i);
      guint quantity = care_scan_object (scan, one->component, "valueQuantity");
      double value;

      if ((pair && one->rank == 0) || !get_quantity (scan, quantity, &value, NULL))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '/');
      if (same_unit)
        care_fhir_scan_append_number (scan, care_scan_member (scan, quantity, "value"), value, text);
      else
        append_quantity_text (scan, quantity, text);
    }
  if (same_unit && shared_unit != NULL && shared_unit[0] != '\0')
    {
      g_string_append_c (text, ' ');
      g_string_append (text, shared_unit);
    }
  return care_fhir_arena_keep (arena, text);
}

static gboolean
read_bound (CareScan    *scan,
            guint        bound,
            CareAnalyte  analyte,
            const char  *value_unit,
            double      *out_bound)
{
  const char *unit = NULL;
  double number;

  if (!get_quantity (scan, bound, &number, &unit))
    return FALSE;
  if (unit == NULL || unit[0] == '\0' || value_unit == NULL || value_unit[0] == '\0')
    {
      *out_bound = number;
      return TRUE;
    }
  if (care_unit_text_convert (analyte, number, unit, value_unit, out_bound))
    return TRUE;
  if (g_strcmp0 (care_scan_get_string (scan, bound, "code"), value_unit) == 0)
    {
      *out_bound = number;
      return TRUE;
    }
  return FALSE;
}

/* care_fhir_read_flag_code() */
static const char *
dup_interpretation (CareScan      *scan,
                    CareFhirArena *arena,
                    guint          holder)
{
  guint concept = as_object (scan, care_scan_element (scan, care_scan_array (scan, holder, "interpretation"), 0));
  guint coding = first_coding (scan, concept);
  guint quantity;
  guint ranges;
  const char *unit = NULL;
  CareAnalyte analyte;
  double value, bound;

  if (coding != NONE)
    return care_scan_get_string (scan, coding, "code");
  if (concept != NONE)
    return dup_concept_text (scan, arena, concept);
  quantity = care_scan_object (scan, holder, "valueQuantity");
  ranges = care_scan_array (scan, holder, "referenceRange");
  if (ranges == NONE || !get_quantity (scan, quantity, &value, &unit) ||
      care_scan_get_string (scan, quantity, "comparator") != NULL)
    return NULL;
  analyte = care_analyte_from_loinc (care_scan_get_string (scan, first_coding (scan, care_scan_object (scan, holder, "code")),
                                                           "code"));
  FOREACH_ELEMENT (scan, ranges, element)
    {
      guint range = as_object (scan, element);
      guint type = first_coding (scan, care_scan_object (scan, range, "type"));
      const char *result = NULL;

      if (range == NONE || (type != NONE && g_strcmp0 (care_scan_get_string (scan, type, "code"), "normal") != 0))
        continue;
      if (read_bound (scan, care_scan_object (scan, range, "high"), analyte, unit, &bound) && value > bound)
        result = "H";
      else if (read_bound (scan, care_scan_object (scan, range, "low"), analyte, unit, &bound) && value < bound)
        result = "L";
      return result;
    }
  return NULL;
}

/* @text, @length bytes, as a string that lives as long as the page: in
 * place when it ends the string it is part of, else copied. */
static const char *
page_string (CareFhirArena *arena,
             const char    *text,
             gsize          length)
{
  if (text[length] == '\0')
    return text;
  return care_fhir_arena_strndup (arena, text, length);
}

/**
 * care_fhir_index_new_scanned:
 * @scan: a page's tokens
 * @resource: the token of a resource in it
 * @arena: where the index and its strings are allocated
 * @references: (element-type utf8): a set of "Type/id" to add the
 *   resource's references to, as care_fhir_collect_references() does
 *
 * care_fhir_index_new() read from tokens; the result is the same. Its
 * strings are in @arena or in @scan's text, which the caller hands to
 * @arena before @scan is freed; its lists are its own (their strings are
 * not).
 *
 * Returns: (transfer none): the index, alive as long as @arena
 */
CareFhirIndex *
care_fhir_index_new_scanned (CareScan      *scan,
                             guint          resource,
                             CareFhirArena *arena,
                             GHashTable    *references)
{
  CareFhirIndex *index;
  GPtrArray *list;
  GString *words;
  guint meta;
  guint code;
  guint coding;
  guint categories;

  g_return_val_if_fail (care_scan_is (scan, resource, CARE_SCAN_OBJECT), NULL);

  index = care_fhir_arena_new0 (arena, CareFhirIndex);
  index->type = (char *)(care_scan_get_string (scan, resource, "resourceType") ?: "");
  index->id = (char *)care_scan_get_string (scan, resource, "id");
  meta = care_scan_object (scan, resource, "meta");
  index->version_id = (char *)care_scan_get_string (scan, meta, "versionId");
  index->last_updated = (char *)care_scan_get_string (scan, meta, "lastUpdated");
  index->effective_unix = G_MININT64;
  list = care_fhir_arena_list (arena);

  if (g_str_equal (index->type, "Patient"))
    index->patient = index->id;
  for (guint i = 0; care_fhir_index_patient_members[i] != NULL && index->patient == NULL; i++)
    {
      Reference reference;

      if (read_reference (scan, get_path_object (scan, resource, care_fhir_index_patient_members[i]), &reference) &&
          reference.type != NULL && reference.type_length == 7 && memcmp (reference.type, "Patient", 7) == 0 &&
          reference.id != NULL)
        index->patient = (char *)page_string (arena, reference.id, reference.id_length);
    }

  categories = care_scan_array (scan, resource, "category");
  FOREACH_ELEMENT (scan, categories, element)
    add_codings (scan, arena, list, as_object (scan, element));
  if (categories == NONE && care_scan_object (scan, resource, "category") != NONE)
    add_codings (scan, arena, list, care_scan_object (scan, resource, "category"));
  index->categories = care_fhir_arena_keep_list (arena, list);

  code = care_scan_object (scan, resource, "code");
  if (code == NONE)
    code = care_scan_object (scan, resource, "vaccineCode");
  if (code == NONE)
    code = care_scan_object (scan, resource, "medicationCodeableConcept");
  if (code == NONE)
    code = care_scan_object (scan, resource, "type");
  list = care_fhir_arena_list (arena);
  add_codings (scan, arena, list, code);
  if (g_str_equal (index->type, "Provenance"))
    add_targets (scan, arena, list, resource);
  index->codings = care_fhir_arena_keep_list (arena, list);
  coding = first_coding (scan, code);
  if (coding != NONE)
    {
      index->code_system = (char *)care_scan_get_string (scan, coding, "system");
      index->code = (char *)care_scan_get_string (scan, coding, "code");
    }

  extract_effective (scan, index, resource);
  index->status = (char *)dup_status (scan, arena, resource);
  index->display = (char *)dup_display (scan, arena, index, resource);

  if (g_str_equal (index->type, "Observation"))
    {
      index->value_text = (char *)dup_value_text (scan, arena, resource, index);
      if (index->value_text == NULL)
        index->value_text = (char *)dup_component_text (scan, arena, resource);
      index->interpretation = (char *)dup_interpretation (scan, arena, resource);
    }

  words = care_fhir_arena_scratch (arena);
  care_fhir_scan_append_words (scan, resource, words, arena, references);
  index->search_text = care_fhir_arena_keep (arena, words);
  return index;
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
  Reference parsed;
  const char *key;

  if (reference[0] == '#' || strncmp (reference, "urn:", 4) == 0 || !split_path_reference (reference, &parsed))
    return;
  /* The set owns no key: adding one already there changes nothing. */
  key = page_string (arena, parsed.type, parsed.id + parsed.id_length - parsed.type);
  g_hash_table_add (into, (char *)key);
}
