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

static char *
dup_concept_text (CareScan *scan,
                  guint     concept)
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
  out = g_string_new (raw);
  care_fhir_tidy_concept_text (out, has_system (scan, concept, "http://snomed.info/sct"),
                               text == NULL && has_system (scan, concept, "http://loinc.org"));
  return g_string_free (out, FALSE);
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

static char *
dup_quantity_text (CareScan *scan,
                   guint     quantity)
{
  const char *unit = NULL;
  const char *comparator;
  const char *display;
  double value;
  g_autofree char *number = NULL;
  GString *text;

  if (!get_quantity (scan, quantity, &value, &unit))
    return NULL;
  number = care_fhir_scan_dup_number (scan, care_scan_member (scan, quantity, "value"), value);
  text = g_string_sized_new (32);
  comparator = care_scan_get_string (scan, quantity, "comparator");
  if (comparator != NULL)
    {
      g_string_append (text, comparator);
      g_string_append_c (text, ' ');
    }
  g_string_append (text, number);
  if (unit != NULL && (display = care_unit_display_text (unit))[0] != '\0')
    {
      g_string_append_c (text, ' ');
      g_string_append (text, display);
    }
  return g_string_free (text, FALSE);
}

/* care_fhir_read_reference() */
static gboolean
read_reference (CareScan          *scan,
                guint              reference,
                CareFhirReference *out)
{
  const char *text = care_scan_get_string (scan, reference, "reference");
  const char *type = care_scan_get_string (scan, reference, "type");

  memset (out, 0, sizeof *out);
  out->display = g_strdup (care_scan_get_string (scan, reference, "display"));
  if (!care_fhir_parse_reference (text, &out->type, &out->id))
    {
      if (out->type == NULL && type != NULL)
        out->type = g_strdup (type);
      return FALSE;
    }
  if (text[0] == '#')
    out->kind = CARE_FHIR_REFERENCE_CONTAINED;
  else if (g_str_has_prefix (text, "urn:"))
    out->kind = CARE_FHIR_REFERENCE_URN;
  else if (strstr (text, "://") != NULL)
    out->kind = CARE_FHIR_REFERENCE_ABSOLUTE;
  else
    out->kind = CARE_FHIR_REFERENCE_RELATIVE;
  if (out->type == NULL && type != NULL)
    out->type = g_strdup (type);
  return TRUE;
}

static void
add_codings (CareScan  *scan,
             GPtrArray *into,
             guint      concept)
{
  guint codings = care_scan_array (scan, concept, "coding");

  FOREACH_ELEMENT (scan, codings, element)
    {
      guint coding = as_object (scan, element);
      const char *code = care_scan_get_string (scan, coding, "code");

      if (code != NULL)
        g_ptr_array_add (into, g_strconcat (care_scan_get_string (scan, coding, "system") ?: "", "|", code, NULL));
    }
}

static void
add_targets (CareScan  *scan,
             GPtrArray *into,
             guint      provenance)
{
  guint targets = care_scan_array (scan, provenance, "target");

  FOREACH_ELEMENT (scan, targets, element)
    {
      CareFhirReference reference = { 0 };

      if (read_reference (scan, as_object (scan, element), &reference) &&
          reference.type != NULL && reference.id != NULL &&
          (reference.kind == CARE_FHIR_REFERENCE_RELATIVE || reference.kind == CARE_FHIR_REFERENCE_ABSOLUTE))
        g_ptr_array_add (into, g_strconcat (CARE_FHIR_INDEX_TARGET_SYSTEM "|", reference.type, "/", reference.id,
                                            NULL));
      care_fhir_reference_clear (&reference);
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
          index->effective = g_strdup (value);
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

static char *
dup_human_name (CareScan *scan,
                guint     names)
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
    return g_strdup (care_scan_get_string (scan, name, "text"));

  text = g_string_new (NULL);
  given = care_scan_array (scan, name, "given");
  FOREACH_ELEMENT (scan, given, element)
    if (care_scan_string_value (scan, element) != NULL)
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", care_scan_string_value (scan, element));
  if (care_scan_get_string (scan, name, "family") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", care_scan_get_string (scan, name, "family"));
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static char *
dup_name (CareScan         *scan,
          guint             resource,
          CareFhirNameKind  kind,
          const char       *path)
{
  guint node;

  switch (kind)
    {
    case CARE_FHIR_NAME_CONCEPT:
    case CARE_FHIR_NAME_CONCEPT_LIST:
      return dup_concept_text (scan, get_path_object (scan, resource, path));

    case CARE_FHIR_NAME_STRING:
      if (g_str_equal (path, "note"))
        return g_strdup (get_path_string (scan, resource, "note.text"));
      return g_strdup (get_path_string (scan, resource, path));

    case CARE_FHIR_NAME_HUMAN:
      node = care_scan_member (scan, resource, path);
      return dup_human_name (scan, care_scan_is (scan, node, CARE_SCAN_ARRAY) ? node : NONE);

    case CARE_FHIR_NAME_REFERENCE:
      return g_strdup (care_scan_get_string (scan, get_path_object (scan, resource, path), "display"));

    default:
      g_assert_not_reached ();
    }
}

static char *
dup_display (CareScan      *scan,
             CareFhirIndex *index,
             guint          resource)
{
  const CareFhirNamePath *names = care_fhir_index_name_paths (index->type);
  char *text = NULL;

  for (guint j = 0; names != NULL && j < CARE_FHIR_INDEX_MAX_NAMES && text == NULL; j++)
    if (names[j].path != NULL)
      text = dup_name (scan, resource, names[j].kind, names[j].path);
  if (text != NULL)
    return text;

  text = dup_concept_text (scan, care_scan_object (scan, resource, "code"));
  if (text == NULL)
    text = g_strdup (care_scan_get_string (scan, resource, "title"));
  if (text == NULL)
    text = g_strdup (care_scan_get_string (scan, resource, "name"));
  return text;
}

static char *
dup_status (CareScan *scan,
            guint     resource)
{
  guint clinical = care_scan_object (scan, resource, "clinicalStatus");
  guint coding;

  if (care_scan_get_string (scan, resource, "status") != NULL)
    return g_strdup (care_scan_get_string (scan, resource, "status"));
  coding = first_coding (scan, clinical);
  if (coding != NONE)
    return g_strdup (care_scan_get_string (scan, coding, "code"));
  return dup_concept_text (scan, clinical);
}

static char *
dup_value_text (CareScan      *scan,
                guint          holder,
                CareFhirIndex *index)
{
  guint object;
  guint node;
  const char *unit = NULL;

  if ((object = care_scan_object (scan, holder, "valueQuantity")) != NONE)
    {
      if (get_quantity (scan, object, &index->value_number, &unit))
        {
          index->has_value_number = TRUE;
          index->value_unit = g_strdup (unit);
        }
      return dup_quantity_text (scan, object);
    }
  if ((object = care_scan_object (scan, holder, "valueCodeableConcept")) != NONE)
    return dup_concept_text (scan, object);
  if (care_scan_get_string (scan, holder, "valueString") != NULL)
    return g_strdup (care_scan_get_string (scan, holder, "valueString"));
  if (care_scan_get_string (scan, holder, "valueDateTime") != NULL)
    return g_strdup (care_scan_get_string (scan, holder, "valueDateTime"));
  node = care_scan_member (scan, holder, "valueBoolean");
  if (care_scan_is (scan, node, CARE_SCAN_TRUE) || care_scan_is (scan, node, CARE_SCAN_FALSE))
    return g_strdup (care_scan_is (scan, node, CARE_SCAN_TRUE) ? "true" : "false");
  node = care_scan_member (scan, holder, "valueInteger");
  if (care_scan_is (scan, node, CARE_SCAN_NUMBER) && scan->tokens[node].is_int)
    {
      gint64 value;

      care_scan_number (scan, node, &index->value_number, &value);
      index->has_value_number = TRUE;
      return care_fhir_format_integer (value);
    }
  if ((object = care_scan_object (scan, holder, "valueRange")) != NONE)
    {
      g_autofree char *low = dup_quantity_text (scan, care_scan_object (scan, object, "low"));
      g_autofree char *high = dup_quantity_text (scan, care_scan_object (scan, object, "high"));

      if (low != NULL || high != NULL)
        return g_strdup_printf ("%s–%s", low ?: "", high ?: "");
    }
  if ((object = care_scan_object (scan, holder, "valueRatio")) != NONE)
    {
      g_autofree char *numerator = dup_quantity_text (scan, care_scan_object (scan, object, "numerator"));
      g_autofree char *denominator = dup_quantity_text (scan, care_scan_object (scan, object, "denominator"));

      if (numerator != NULL && denominator != NULL)
        return g_strdup_printf ("%s/%s", numerator, denominator);
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
static char *
dup_component_text (CareScan *scan,
                    guint     observation)
{
  guint array = care_scan_array (scan, observation, "component");
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GString) text = NULL;
  g_autofree char *shared_unit = NULL;
  gboolean same_unit = TRUE;
  gboolean pair;
  guint n = 0;
  guint i = 0;

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
        shared_unit = g_strdup (unit);
      else if (g_strcmp0 (shared_unit, unit) != 0)
        same_unit = FALSE;
      n++;
    }
  if (n == 0)
    return NULL;

  text = g_string_new (NULL);
  for (i = 0; i < ranked->len; i++)
    {
      const Ranked *one = &g_array_index (ranked, Ranked, i);
      guint quantity = care_scan_object (scan, one->component, "valueQuantity");
      g_autofree char *part = NULL;
      double value;

      if ((pair && one->rank == 0) || !get_quantity (scan, quantity, &value, NULL))
        continue;
      part = same_unit ? care_fhir_scan_dup_number (scan, care_scan_member (scan, quantity, "value"), value)
                       : dup_quantity_text (scan, quantity);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "/" : "", part);
    }
  if (same_unit && shared_unit != NULL && shared_unit[0] != '\0')
    g_string_append_printf (text, " %s", shared_unit);
  return g_string_free (g_steal_pointer (&text), FALSE);
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
static char *
dup_interpretation (CareScan *scan,
                    guint     holder)
{
  guint concept = as_object (scan, care_scan_element (scan, care_scan_array (scan, holder, "interpretation"), 0));
  guint coding = first_coding (scan, concept);
  guint quantity = care_scan_object (scan, holder, "valueQuantity");
  guint ranges = care_scan_array (scan, holder, "referenceRange");
  const char *unit = NULL;
  CareAnalyte analyte;
  double value, bound;

  if (coding != NONE)
    return g_strdup (care_scan_get_string (scan, coding, "code"));
  if (concept != NONE)
    return dup_concept_text (scan, concept);
  if (!get_quantity (scan, quantity, &value, &unit) ||
      care_scan_get_string (scan, quantity, "comparator") != NULL || ranges == NONE)
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
      return g_strdup (result);
    }
  return NULL;
}

/**
 * care_fhir_index_new_scanned:
 * @scan: a page's tokens
 * @resource: the token of a resource in it
 *
 * care_fhir_index_new() read from tokens; the result is the same.
 *
 * Returns: (transfer full): the index
 */
CareFhirIndex *
care_fhir_index_new_scanned (CareScan *scan,
                             guint     resource)
{
  CareFhirIndex *index;
  guint meta;
  guint code;
  guint coding;
  guint categories;

  g_return_val_if_fail (care_scan_is (scan, resource, CARE_SCAN_OBJECT), NULL);

  index = g_new0 (CareFhirIndex, 1);
  index->type = g_strdup (care_scan_get_string (scan, resource, "resourceType") ?: "");
  index->id = g_strdup (care_scan_get_string (scan, resource, "id"));
  meta = care_scan_object (scan, resource, "meta");
  index->version_id = g_strdup (care_scan_get_string (scan, meta, "versionId"));
  index->last_updated = g_strdup (care_scan_get_string (scan, meta, "lastUpdated"));
  index->effective_unix = G_MININT64;
  index->categories = g_ptr_array_new_with_free_func (g_free);
  index->codings = g_ptr_array_new_with_free_func (g_free);

  if (g_str_equal (index->type, "Patient"))
    index->patient = g_strdup (index->id);
  for (guint i = 0; care_fhir_index_patient_members[i] != NULL && index->patient == NULL; i++)
    {
      CareFhirReference reference;

      if (read_reference (scan, get_path_object (scan, resource, care_fhir_index_patient_members[i]), &reference) &&
          g_strcmp0 (reference.type, "Patient") == 0)
        index->patient = g_steal_pointer (&reference.id);
      care_fhir_reference_clear (&reference);
    }

  categories = care_scan_array (scan, resource, "category");
  FOREACH_ELEMENT (scan, categories, element)
    add_codings (scan, index->categories, as_object (scan, element));
  if (categories == NONE && care_scan_object (scan, resource, "category") != NONE)
    add_codings (scan, index->categories, care_scan_object (scan, resource, "category"));

  code = care_scan_object (scan, resource, "code");
  if (code == NONE)
    code = care_scan_object (scan, resource, "vaccineCode");
  if (code == NONE)
    code = care_scan_object (scan, resource, "medicationCodeableConcept");
  if (code == NONE)
    code = care_scan_object (scan, resource, "type");
  add_codings (scan, index->codings, code);
  if (g_str_equal (index->type, "Provenance"))
    add_targets (scan, index->codings, resource);
  coding = first_coding (scan, code);
  if (coding != NONE)
    {
      index->code_system = g_strdup (care_scan_get_string (scan, coding, "system"));
      index->code = g_strdup (care_scan_get_string (scan, coding, "code"));
    }

  extract_effective (scan, index, resource);
  index->status = dup_status (scan, resource);
  index->display = dup_display (scan, index, resource);

  if (g_str_equal (index->type, "Observation"))
    {
      index->value_text = dup_value_text (scan, resource, index);
      if (index->value_text == NULL)
        index->value_text = dup_component_text (scan, resource);
      index->interpretation = dup_interpretation (scan, resource);
    }

  index->search_text = care_fhir_scan_dup_words (scan, resource);
  return index;
}

static void
collect_references (CareScan   *scan,
                    guint       node,
                    GHashTable *into)
{
  if (care_scan_is (scan, node, CARE_SCAN_OBJECT))
    {
      const char *reference = care_scan_get_string (scan, node, "reference");

      if (reference != NULL && reference[0] != '#' && !g_str_has_prefix (reference, "urn:") &&
          !g_hash_table_contains (into, reference))
        {
          g_autofree char *type = NULL;
          g_autofree char *id = NULL;

          if (care_fhir_parse_reference (reference, &type, &id))
            {
              char *key = g_strconcat (type, "/", id, NULL);

              if (!g_hash_table_contains (into, key))
                g_hash_table_add (into, key);
              else
                g_free (key);
            }
        }
      for (guint key = care_scan_first (scan, node); key != NONE; key = care_scan_next (scan, node, key))
        {
          guint8 kind = scan->tokens[key + 1].kind;

          if ((kind == CARE_SCAN_OBJECT || kind == CARE_SCAN_ARRAY) &&
              !g_str_equal (care_scan_string_value (scan, key), "contained"))
            collect_references (scan, key + 1, into);
        }
    }
  else if (care_scan_is (scan, node, CARE_SCAN_ARRAY))
    {
      FOREACH_ELEMENT (scan, node, element)
        collect_references (scan, element, into);
    }
}

/**
 * care_fhir_scan_collect_references:
 * @scan: a page's tokens
 * @resource: the token of a resource in it
 * @into: (element-type utf8): a set of strings, owning them
 *
 * care_fhir_collect_references() read from tokens.
 */
void
care_fhir_scan_collect_references (CareScan   *scan,
                                   guint       resource,
                                   GHashTable *into)
{
  collect_references (scan, resource, into);
}
