/* care-fhir.c — reading FHIR R4 JSON tolerantly
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real portals send unknown elements, extensions, data-absent-reason in
 * place of values, and sometimes broken JSON (FHIR-CLIENT.md 23–24). These
 * helpers read what is there, accept what they do not know, and refuse
 * only what cannot be a resource, with a clear error and no side effect.
 * Accessors check JSON types, so a string where an object belongs reads
 * as absent rather than as a crash.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-private.h"
#include "care-json.h"
#include "care-unit.h"

#include <string.h>

/**
 * care_fhir_parse_resource:
 * @data: JSON text, as application/fhir+json, application/json+fhir or
 *   application/json
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): the resource, which has a
 *   resourceType
 */
JsonObject *
care_fhir_parse_resource (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (data != NULL, NULL);

  /* Depth, escapes and UTF-8 are checked before any parser runs, and
   * plain JSON is read by the fast parser (care-json.c). */
  root = care_json_parse (data, length, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("The health system sent data that is not valid FHIR JSON."));
      return NULL;
    }

  object = json_node_get_object (root);
  if (care_fhir_get_string (object, "resourceType") == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("The health system sent data without a resource type."));
      return NULL;
    }

  return json_object_ref (object);
}

/**
 * care_fhir_is_valid_id:
 * @id: (nullable): a resource id, from a resource, a reference or a token
 *
 * FHIR R4 ids are `[A-Za-z0-9\-.]{1,64}`. Ids name searches, URLs and
 * (hashed) folders, so one from outside is checked before any use: a
 * token's `"patient": "../../../../tmp/x"` is no id. Nor is one made only
 * of dots, which the pattern allows but a URL path would resolve away
 * (`Patient/..` is the base itself).
 *
 * Returns: whether @id is a valid FHIR id
 */
gboolean
care_fhir_is_valid_id (const char *id)
{
  gsize length = 0;
  gboolean only_dots = TRUE;

  if (id == NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++, length++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        return FALSE;
      only_dots = only_dots && *p == '.';
    }
  return length >= 1 && length <= 64 && !only_dots;
}

/**
 * care_fhir_get_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (nullable): the member if it is a string
 */
const char *
care_fhir_get_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * care_fhir_get_object:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an object
 */
JsonObject *
care_fhir_get_object (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * care_fhir_get_array:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
care_fhir_get_array (JsonObject *object,
                     const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Its text, else the first coding's display, else its code. */
static char *
dup_raw_concept_text (JsonObject *concept)
{
  JsonArray *codings;
  const char *text = care_fhir_get_string (concept, "text");

  if (text != NULL)
    return g_strdup (text);

  codings = care_fhir_get_array (concept, "coding");
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (care_fhir_get_string (coding, "display") != NULL)
        return g_strdup (care_fhir_get_string (coding, "display"));
    }
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (care_fhir_get_string (coding, "code") != NULL)
        return g_strdup (care_fhir_get_string (coding, "code"));
    }

  return NULL;
}

static gboolean
has_system (JsonObject *concept,
            const char *system)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    if (g_strcmp0 (care_fhir_get_string (care_fhir_get_array_object (concept, "coding", i), "system"),
                   system) == 0)
      return TRUE;
  return FALSE;
}

/* SNOMED CT's semantic tags, which end its fully specified names:
 * "Well child visit (procedure)". */
static const char *semantic_tags[] = {
  "procedure", "finding", "disorder", "situation", "observable entity", "regime/therapy",
  "body structure", "substance", "product", "medicinal product", "medicinal product form",
  "clinical drug", "event", "qualifier value", "morphologic abnormality", "specimen",
  "physical object", "environment", "occupation", "person", "record artifact",
  "assessment scale", "attribute", "social concept", "organism", "navigational concept",
};

static void
strip_semantic_tag (GString *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (semantic_tags); i++)
    {
      g_autofree char *tag = g_strdup_printf (" (%s)", semantic_tags[i]);

      if (text->len > strlen (tag) && g_str_has_suffix (text->str, tag))
        {
          g_string_truncate (text, text->len - strlen (tag));
          return;
        }
    }
}

/* LOINC long names carry their property and scale in brackets ("MCV
 * [Entitic volume] by Automated count"): jargon to a patient. */
static void
strip_brackets (GString *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  int depth = 0;

  for (const char *c = text->str; *c != '\0'; c++)
    {
      if (*c == '[')
        depth++;
      else if (*c == ']' && depth > 0)
        depth--;
      else if (depth == 0 && !(*c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' ')))
        g_string_append_c (out, *c);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  for (char *p = strstr (out->str, " ,"); p != NULL; p = strstr (out->str, " ,"))
    g_string_erase (out, p - out->str, 1);
  if (out->len > 0 && depth == 0)
    g_string_assign (text, out->str);
}

/**
 * care_fhir_tidy_concept_text:
 * @text: a concept's raw text (its text, else a display, else a code)
 * @snomed: whether the concept has a SNOMED CT coding
 * @loinc_long_name: whether it has a LOINC coding and no text of its own
 *
 * Leaves out a SNOMED CT semantic tag and a LOINC long name's bracketed
 * property, as care_fhir_dup_concept_text() does; shared with the
 * scanner's index (care-fhir-scan-index.c).
 */
void
care_fhir_tidy_concept_text (GString  *text,
                             gboolean  snomed,
                             gboolean  loinc_long_name)
{
  if (snomed)
    strip_semantic_tag (text);
  if (loinc_long_name)
    strip_brackets (text);
}

/**
 * care_fhir_dup_concept_text:
 * @concept: (nullable): a CodeableConcept
 *
 * The concept as a person reads it: its text, else the first display,
 * else a code; a SNOMED CT semantic tag ("(procedure)") and a LOINC long
 * name's bracketed property are left out. care_fhir_dup_concept_full_text()
 * keeps them, for the detail.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
care_fhir_dup_concept_text (JsonObject *concept)
{
  g_autofree char *raw = dup_raw_concept_text (concept);
  GString *text;

  if (raw == NULL)
    return NULL;
  text = g_string_new (raw);
  care_fhir_tidy_concept_text (text, has_system (concept, "http://snomed.info/sct"),
                               care_fhir_get_string (concept, "text") == NULL &&
                               has_system (concept, "http://loinc.org"));
  return g_string_free (text, FALSE);
}

/**
 * care_fhir_dup_concept_full_text:
 * @concept: (nullable): a CodeableConcept
 *
 * Returns: (transfer full) (nullable): the concept's full name (its
 *   first coding display, else its text), when it says more than
 *   care_fhir_dup_concept_text(); else %NULL
 */
char *
care_fhir_dup_concept_full_text (JsonObject *concept)
{
  g_autofree char *shown = care_fhir_dup_concept_text (concept);
  JsonArray *codings = care_fhir_get_array (concept, "coding");
  char *full = NULL;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings) && full == NULL; i++)
    {
      const char *display = care_fhir_get_string (care_fhir_get_array_object (concept, "coding", i),
                                                  "display");

      if (display != NULL)
        full = g_strdup (display);
    }
  if (full == NULL)
    full = dup_raw_concept_text (concept);
  if (full != NULL && g_strcmp0 (full, shown) == 0)
    g_clear_pointer (&full, g_free);
  return full;
}

/**
 * care_fhir_get_quantity:
 * @quantity: (nullable): a Quantity
 * @out_value: (out): its value
 * @out_unit: (out) (optional) (transfer none): its unit (unit, else code)
 *
 * Returns: %FALSE when there is no number (for example a
 *   data-absent-reason extension in its place)
 */
gboolean
care_fhir_get_quantity (JsonObject  *quantity,
                        double      *out_value,
                        const char **out_unit)
{
  JsonNode *node = quantity != NULL ? json_object_get_member (quantity, "value") : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out_value = (double)json_node_get_int (node);
  else
    return FALSE;

  if (out_unit != NULL)
    *out_unit = care_fhir_get_string (quantity, "unit") != NULL ? care_fhir_get_string (quantity, "unit")
                                                                : care_fhir_get_string (quantity, "code");
  return TRUE;
}

/**
 * care_fhir_parse_reference:
 * @reference: a Reference.reference: relative ("Patient/1"), absolute
 *   (".../fhir/Patient/1", with or without _history), "urn:uuid:…" or
 *   "#contained"
 * @out_type: (out) (optional) (transfer full): the resource type, or %NULL
 *   for urn: and contained references
 * @out_id: (out) (optional) (transfer full): the id (the uuid, or the
 *   contained id without "#")
 *
 * Returns: %TRUE if @reference could be read
 */
gboolean
care_fhir_parse_reference (const char  *reference,
                           char       **out_type,
                           char       **out_id)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *path = NULL;
  guint n;

  if (out_type != NULL)
    *out_type = NULL;
  if (out_id != NULL)
    *out_id = NULL;

  if (reference == NULL || reference[0] == '\0')
    return FALSE;

  if (reference[0] == '#')
    {
      if (out_id != NULL)
        *out_id = g_strdup (reference + 1);
      return reference[1] != '\0';
    }
  if (g_str_has_prefix (reference, "urn:uuid:") || g_str_has_prefix (reference, "urn:oid:"))
    {
      if (out_id != NULL)
        *out_id = g_strdup (strrchr (reference, ':') + 1);
      return TRUE;
    }

  /* Absolute or relative: the last Type/id pair, before any _history. */
  path = g_strdup (reference);
  if (strstr (path, "/_history/") != NULL)
    *strstr (path, "/_history/") = '\0';
  parts = g_strsplit (path, "/", -1);
  n = g_strv_length (parts);
  if (n < 2 || parts[n - 1][0] == '\0' || !g_ascii_isupper (parts[n - 2][0]))
    return FALSE;

  if (out_type != NULL)
    *out_type = g_strdup (parts[n - 2]);
  if (out_id != NULL)
    *out_id = g_strdup (parts[n - 1]);
  return TRUE;
}

/**
 * care_fhir_bundle_get_next:
 * @bundle: a searchset Bundle
 *
 * Returns: (nullable): the next page's URL, exactly as given
 */
const char *
care_fhir_bundle_get_next (JsonObject *bundle)
{
  JsonArray *links = care_fhir_get_array (bundle, "link");

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonNode *node = json_array_get_element (links, i);
      JsonObject *link = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (care_fhir_get_string (link, "relation"), "next") == 0)
        return care_fhir_get_string (link, "url");
    }

  return NULL;
}

/**
 * care_fhir_is_json_content_type:
 * @content_type: (nullable): a Content-Type header value
 *
 * FHIR servers label JSON three ways: the R4 `application/fhir+json`, the
 * DSTU2 `application/json+fhir` some still send, and plain
 * `application/json`. Parameters such as `charset` or `fhirVersion` do not
 * matter.
 *
 * Returns: %TRUE if @content_type is one of them
 */
gboolean
care_fhir_is_json_content_type (const char *content_type)
{
  static const char *accepted[] = {
    "application/fhir+json", "application/json+fhir", "application/json",
  };
  g_autofree char *media = NULL;
  const char *semicolon;

  if (content_type == NULL)
    return FALSE;

  semicolon = strchr (content_type, ';');
  media = g_strstrip (semicolon != NULL ? g_strndup (content_type, semicolon - content_type)
                                        : g_strdup (content_type));
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    if (g_ascii_strcasecmp (media, accepted[i]) == 0)
      return TRUE;

  return FALSE;
}

/**
 * care_fhir_get_array_object:
 * @object: (nullable): an object
 * @member: the name of an array member
 * @index: an index into it
 *
 * Returns: (transfer none) (nullable): element @index of the array if it is
 *   an object
 */
JsonObject *
care_fhir_get_array_object (JsonObject *object,
                            const char *member,
                            guint       index)
{
  JsonArray *array = care_fhir_get_array (object, member);
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * care_fhir_get_first_coding:
 * @concept: (nullable): a CodeableConcept
 *
 * Returns: (transfer none) (nullable): the first Coding that has a code
 */
JsonObject *
care_fhir_get_first_coding (JsonObject *concept)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = care_fhir_get_array_object (concept, "coding", i);

      if (care_fhir_get_string (coding, "code") != NULL)
        return coding;
    }

  return NULL;
}

/**
 * care_fhir_format_number:
 * @value: a number
 *
 * Returns: (transfer full): @value as results are written, locale-independent
 */
char *
care_fhir_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* %g drops trailing zeros the way people write results ("7.2", "120"). */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/**
 * care_fhir_dup_quantity_text:
 * @quantity: (nullable): a Quantity (or SimpleQuantity, Age, Duration…)
 *
 * The value is written locale-independently, as sent; the unit stays as
 * sent too (STYLE.md §9).
 *
 * Returns: (transfer full) (nullable): "7.2 %", "< 5 mg/dL", or %NULL when
 *   there is no number
 */
char *
care_fhir_dup_quantity_text (JsonObject *quantity)
{
  const char *unit = NULL;
  const char *comparator;
  double value;
  g_autofree char *number = NULL;
  GString *text;

  if (!care_fhir_get_quantity (quantity, &value, &unit))
    return NULL;

  number = care_fhir_format_number (value);
  text = g_string_new (NULL);
  comparator = care_fhir_get_string (quantity, "comparator");
  if (comparator != NULL)
    g_string_append_printf (text, "%s ", comparator);
  g_string_append (text, number);
  /* The same unit, spelled as printed reports do ("×10³/µL" for UCUM's
   * "10*3/uL"), as the charts show it; anything else exactly as sent. */
  if (unit != NULL && care_unit_display_text (unit)[0] != '\0')
    g_string_append_printf (text, " %s", care_unit_display_text (unit));

  return g_string_free (text, FALSE);
}

/**
 * care_fhir_dup_count_text:
 * @quantity: (nullable): a Quantity that counts things (SimpleQuantity of
 *   a SupplyDelivery, a dispense)
 *
 * A count says what it counts: "50 strips" for a unit that is only a
 * UCUM annotation ("{strips}", which care_fhir_dup_quantity_text() shows
 * as no unit), "2 boxes" for a unit in words, "50 items" for a count with
 * no unit, or a unity ("1").
 *
 * Returns: (transfer full) (nullable): the count in words, or %NULL
 *   without a value
 */
char *
care_fhir_dup_count_text (JsonObject *quantity)
{
  const char *unit = NULL;
  double value;
  g_autofree char *number = NULL;

  if (!care_fhir_get_quantity (quantity, &value, &unit))
    return NULL;
  number = care_fhir_format_number (value);
  if (unit != NULL && unit[0] == '{' && unit[strlen (unit) - 1] == '}' && strlen (unit) > 2 &&
      strchr (unit + 1, '{') == NULL)
    return g_strdup_printf ("%s %.*s", number, (int)strlen (unit) - 2, unit + 1);
  if (unit == NULL || g_str_equal (unit, "1") || care_unit_display_text (unit)[0] == '\0')
    /* Translators: a count of supplies with no unit, "50 items" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item", "%s items",
                                         value == 1.0 ? 1 : 2), number);
  return care_fhir_dup_quantity_text (quantity);
}

static JsonObject *
find_name (JsonArray  *names,
           const char *use)
{
  guint n = names != NULL ? json_array_get_length (names) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (names, i);
      JsonObject *name = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name_use = name != NULL ? care_fhir_get_string (name, "use") : NULL;

      if (name == NULL)
        continue;
      /* NULL: the first that is not a former name (old, maiden). */
      if (use == NULL ? (g_strcmp0 (name_use, "old") != 0 && g_strcmp0 (name_use, "maiden") != 0)
                      : g_strcmp0 (name_use, use) == 0)
        return name;
    }
  return NULL;
}

static char *
dup_name_text (JsonObject *name)
{
  JsonArray *given = care_fhir_get_array (name, "given");
  GString *text;

  if (name == NULL)
    return NULL;
  if (care_fhir_get_string (name, "text") != NULL)
    return g_strdup (care_fhir_get_string (name, "text"));

  text = g_string_new (NULL);
  for (guint i = 0; given != NULL && i < json_array_get_length (given); i++)
    {
      JsonNode *node = json_array_get_element (given, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", json_node_get_string (node));
    }
  if (care_fhir_get_string (name, "family") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "",
                            care_fhir_get_string (name, "family"));

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static JsonObject *
choose_name (JsonArray *names)
{
  JsonObject *chosen = find_name (names, "official");

  if (chosen == NULL)
    chosen = find_name (names, "usual");
  if (chosen == NULL)
    chosen = find_name (names, NULL);
  if (chosen == NULL && names != NULL && json_array_get_length (names) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (names, 0)))
    chosen = json_array_get_object_element (names, 0);
  return chosen;
}

/**
 * care_fhir_dup_human_name:
 * @names: (nullable): an array of HumanName
 *
 * The person's full name: the "official" one, then the "usual" one, then
 * the first that is not a former name, then the first.
 *
 * Returns: (transfer full) (nullable): the name as text
 */
char *
care_fhir_dup_human_name (JsonArray *names)
{
  return dup_name_text (choose_name (names));
}

/**
 * care_fhir_dup_preferred_name:
 * @names: (nullable): an array of HumanName
 *
 * The name the person goes by, when the record gives one ("usual" or
 * "nickname") beside a different official name: its text, else its
 * first given name ("Ada" beside "Adaeze Nneka Okafor").
 *
 * Returns: (transfer full) (nullable): the preferred name, or %NULL
 */
char *
care_fhir_dup_preferred_name (JsonArray *names)
{
  JsonObject *chosen = choose_name (names);
  JsonObject *preferred = find_name (names, "nickname");
  JsonArray *given;
  g_autofree char *full = NULL;
  char *text = NULL;

  if (preferred == NULL)
    preferred = find_name (names, "usual");
  if (preferred == NULL || preferred == chosen)
    return NULL;

  given = care_fhir_get_array (preferred, "given");
  if (care_fhir_get_string (preferred, "text") != NULL)
    text = g_strdup (care_fhir_get_string (preferred, "text"));
  else if (given != NULL && json_array_get_length (given) > 0 &&
           JSON_NODE_HOLDS_VALUE (json_array_get_element (given, 0)) &&
           json_node_get_value_type (json_array_get_element (given, 0)) == G_TYPE_STRING)
    text = g_strdup (json_array_get_string_element (given, 0));

  /* Already the name shown: nothing to add. */
  full = dup_name_text (chosen);
  if (text != NULL && full != NULL && g_str_has_prefix (full, text) &&
      (full[strlen (text)] == '\0' || full[strlen (text)] == ' '))
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * care_fhir_dup_display_name:
 * @names: (nullable): an array of HumanName
 *
 * Returns: (transfer full) (nullable): the full name with the preferred one
 *   beside it, "Adaeze Nneka Okafor (Ada)", or the full name alone
 */
char *
care_fhir_dup_display_name (JsonArray *names)
{
  g_autofree char *full = care_fhir_dup_human_name (names);
  g_autofree char *preferred = care_fhir_dup_preferred_name (names);

  if (full == NULL || preferred == NULL)
    return g_steal_pointer (&full);
  /* Translators: a person's full name and, beside it, the name they go by:
   * "Adaeze Nneka Okafor (Ada)" */
  return g_strdup_printf (_("%1$s (%2$s)"), full, preferred);
}

/**
 * care_fhir_read_reference:
 * @reference: (nullable): a Reference object
 * @out: (out caller-allocates): where to put what it says; clear it with
 *   care_fhir_reference_clear()
 *
 * A Reference with only a display (or only an identifier) is still read:
 * its kind is %CARE_FHIR_REFERENCE_NONE and the display is kept.
 *
 * Returns: %TRUE if @reference names a target we could fetch or resolve
 */
gboolean
care_fhir_read_reference (JsonObject        *reference,
                          CareFhirReference *out)
{
  const char *text;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->display = g_strdup (care_fhir_get_string (reference, "display"));
  text = care_fhir_get_string (reference, "reference");
  if (!care_fhir_parse_reference (text, &out->type, &out->id))
    {
      /* A Reference.type can still tell what a display-only one is. */
      if (out->type == NULL && care_fhir_get_string (reference, "type") != NULL)
        out->type = g_strdup (care_fhir_get_string (reference, "type"));
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

  if (out->type == NULL && care_fhir_get_string (reference, "type") != NULL)
    out->type = g_strdup (care_fhir_get_string (reference, "type"));

  return TRUE;
}

/**
 * care_fhir_reference_clear:
 * @reference: a reference filled by care_fhir_read_reference()
 *
 * Frees what @reference holds; the struct itself stays.
 */
void
care_fhir_reference_clear (CareFhirReference *reference)
{
  g_clear_pointer (&reference->type, g_free);
  g_clear_pointer (&reference->id, g_free);
  g_clear_pointer (&reference->display, g_free);
  reference->kind = CARE_FHIR_REFERENCE_NONE;
}

/**
 * care_fhir_find_contained:
 * @resource: a resource
 * @local_id: the id after "#" in a contained reference
 *
 * Returns: (transfer none) (nullable): the contained resource
 */
JsonObject *
care_fhir_find_contained (JsonObject *resource,
                          const char *local_id)
{
  JsonArray *contained = care_fhir_get_array (resource, "contained");

  for (guint i = 0; contained != NULL && i < json_array_get_length (contained); i++)
    {
      JsonObject *inner = care_fhir_get_array_object (resource, "contained", i);

      if (g_strcmp0 (care_fhir_get_string (inner, "id"), local_id) == 0)
        return inner;
    }

  return NULL;
}

/**
 * care_fhir_classify_outcome:
 * @outcome: (nullable): a resource, perhaps an OperationOutcome
 * @out_text: (out) (optional) (transfer full): the first issue's text
 *   (details.text, else diagnostics, else the code), for the user
 *
 * Portals say "some of this list was held back" with an OperationOutcome
 * inside a searchset. Issue code `suppressed` means withheld (proxy rules);
 * another warning means the list may be incomplete; `error` and `fatal` are
 * errors.
 *
 * Returns: what the outcome means
 */
CareFhirOutcomeKind
care_fhir_classify_outcome (JsonObject  *outcome,
                            char       **out_text)
{
  CareFhirOutcomeKind kind = CARE_FHIR_OUTCOME_NONE;
  const char *text = NULL;
  JsonArray *issues;

  if (out_text != NULL)
    *out_text = NULL;
  if (g_strcmp0 (care_fhir_get_string (outcome, "resourceType"), "OperationOutcome") != 0)
    return CARE_FHIR_OUTCOME_NONE;

  issues = care_fhir_get_array (outcome, "issue");
  for (guint i = 0; issues != NULL && i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = care_fhir_get_array_object (outcome, "issue", i);
      const char *severity = care_fhir_get_string (issue, "severity");
      const char *code = care_fhir_get_string (issue, "code");
      const char *issue_text = care_fhir_get_string (care_fhir_get_object (issue, "details"), "text");
      CareFhirOutcomeKind this_kind;

      if (issue_text == NULL)
        issue_text = care_fhir_get_string (issue, "diagnostics");
      if (issue_text == NULL)
        issue_text = code;

      if (g_strcmp0 (severity, "error") == 0 || g_strcmp0 (severity, "fatal") == 0)
        this_kind = CARE_FHIR_OUTCOME_ERROR;
      else if (g_strcmp0 (code, "suppressed") == 0)
        this_kind = CARE_FHIR_OUTCOME_WITHHELD;
      else if (g_strcmp0 (severity, "warning") == 0)
        this_kind = CARE_FHIR_OUTCOME_INCOMPLETE;
      else
        this_kind = CARE_FHIR_OUTCOME_INFORMATION;

      /* The most serious issue decides; its text is the one shown. */
      if (this_kind > kind)
        {
          kind = this_kind;
          text = issue_text;
        }
    }

  if (out_text != NULL)
    *out_text = g_strdup (text);
  return kind;
}

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

/* Days from 1970-01-01 to a valid date of the proleptic Gregorian
 * calendar (year 1 to 9999), as GDateTime counts them, without making one
 * (a sync reads a date a resource): a year of the calendar's 400-year
 * cycle, counted from March so that the leap day falls at its end. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int shifted = year - (month <= 2);
  int era = shifted / 400;
  int year_of_era = shifted - era * 400;
  int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return (gint64)era * 146097 + day_of_era - 719468;
}

/**
 * care_fhir_parse_date:
 * @text: (nullable): a FHIR date, dateTime or instant: "2020", "2020-03",
 *   "2020-03-04", "2020-03-04T10:20:30.123+02:00"
 * @out_unix: (out): the start of that period, in seconds since 1970 (UTC
 *   for dates without a time)
 * @out_has_time: (out) (optional): whether @text had a time of day
 *
 * Locale-independent and tolerant: a time without a zone reads as UTC.
 *
 * Returns: %TRUE if @text is a date
 */
gboolean
care_fhir_parse_date (const char *text,
                      gint64     *out_unix,
                      gboolean   *out_has_time)
{
  int year, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int tz_hours = 0, tz_minutes = 0, sign = 1;
  const char *p = text;

  if (out_has_time != NULL)
    *out_has_time = FALSE;
  if (text == NULL || !read_digits (&p, 4, &year))
    return FALSE;
  if (*p == '-' && (p++, !read_digits (&p, 2, &month)))
    return FALSE;
  if (*p == '-' && (p++, !read_digits (&p, 2, &day)))
    return FALSE;
  if (*p == 'T')
    {
      p++;
      if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
        return FALSE;
      if (*p == ':' && (p++, !read_digits (&p, 2, &second)))
        return FALSE;
      if (*p == '.')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
      if (*p == 'Z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          sign = *p == '-' ? -1 : 1;
          p++;
          if (!read_digits (&p, 2, &tz_hours) || *p++ != ':' || !read_digits (&p, 2, &tz_minutes))
            return FALSE;
        }
      if (out_has_time != NULL)
        *out_has_time = TRUE;
    }
  if (*p != '\0' || !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 || second > 60)
    return FALSE;

  *out_unix = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + MIN (second, 59) -
              sign * (tz_hours * 3600 + tz_minutes * 60);
  return TRUE;
}

/**
 * care_fhir_dup_date_time:
 * @text: (nullable): a FHIR date, dateTime or instant
 *
 * A date without a time is a calendar day, not an instant: it comes back
 * as local midnight of that day, so showing it in the local zone never
 * moves it to the day before.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL
 */
GDateTime *
care_fhir_dup_date_time (const char *text)
{
  g_autoptr(GDateTime) utc = NULL;
  gboolean has_time;
  gint64 seconds;

  if (!care_fhir_parse_date (text, &seconds, &has_time))
    return NULL;

  utc = g_date_time_new_from_unix_utc (seconds);
  if (!has_time)
    return g_date_time_new_local (g_date_time_get_year (utc), g_date_time_get_month (utc),
                                  g_date_time_get_day_of_month (utc), 0, 0, 0);
  return g_date_time_to_local (utc);
}

/* Two-part measurements are read first part first, whatever order the
 * server lists them in: systolic over diastolic (LOINC), in each of the
 * ways a blood pressure can be coded. */
static const struct
{
  const char *code;
  int         rank;
} component_ranks[] = {
  { "8480-6", 1 },  { "8462-4", 2 },   /* systolic, diastolic */
  { "76534-7", 1 }, { "76535-4", 2 },  /* …by noninvasive cuff */
  { "8459-0", 1 },  { "8453-3", 2 },   /* …sitting */
  { "8460-8", 1 },  { "8454-1", 2 },   /* …standing */
  { "8461-6", 1 },  { "8455-8", 2 },   /* …supine */
};

/**
 * care_fhir_component_rank:
 * @component: (nullable): an Observation component
 *
 * Returns: the component's place in a two-part measurement (1 for the
 *   first part, 2 for the second), or 0 when it is not one
 */
/**
 * care_fhir_code_rank:
 * @code: (nullable): a component's code
 *
 * Returns: its place in a two-part measurement, or 0
 */
int
care_fhir_code_rank (const char *code)
{
  for (guint r = 0; code != NULL && r < G_N_ELEMENTS (component_ranks); r++)
    if (strcmp (code, component_ranks[r].code) == 0)
      return component_ranks[r].rank;
  return 0;
}

int
care_fhir_component_rank (JsonObject *component)
{
  JsonArray *codings = care_fhir_get_array (care_fhir_get_object (component, "code"), "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = care_fhir_get_array_object (care_fhir_get_object (component, "code"),
                                                       "coding", i);
      int rank = care_fhir_code_rank (care_fhir_get_string (coding, "code"));

      if (rank > 0)
        return rank;
    }
  return 0;
}

typedef struct
{
  JsonObject *component;
  int         rank;
  guint       index;
} RankedComponent;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const RankedComponent *ra = a;
  const RankedComponent *rb = b;

  /* Known parts in their reading order, then the rest as listed. */
  if (ra->rank != rb->rank)
    {
      if (ra->rank == 0 || rb->rank == 0)
        return ra->rank == 0 ? 1 : -1;
      return ra->rank - rb->rank;
    }
  return (ra->index > rb->index) - (ra->index < rb->index);
}

/**
 * care_fhir_dup_components:
 * @observation: (nullable): an Observation
 *
 * The Observation's components in the order people read them: a blood
 * pressure's systolic part before its diastolic one even when the server
 * lists the diastolic first; components the order does not know keep
 * the resource's order, after those it does.
 *
 * Returns: (transfer container) (element-type JsonObject): the components
 */
GPtrArray *
care_fhir_dup_components (JsonObject *observation)
{
  JsonArray *array = care_fhir_get_array (observation, "component");
  guint length = array != NULL ? json_array_get_length (array) : 0;
  g_autoptr(GArray) ranked = g_array_sized_new (FALSE, FALSE, sizeof (RankedComponent), length);
  GPtrArray *components = g_ptr_array_sized_new (length);

  for (guint i = 0; i < length; i++)
    {
      RankedComponent one = { care_fhir_get_array_object (observation, "component", i), 0, i };

      if (one.component == NULL)
        continue;
      one.rank = care_fhir_component_rank (one.component);
      g_array_append_val (ranked, one);
    }
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (components, g_array_index (ranked, RankedComponent, i).component);
  return components;
}

/* A range bound in the value's unit: the same unit (or none said), or one
 * that converts exactly. */
static gboolean
read_bound (JsonObject *bound,
            CareAnalyte analyte,
            const char *value_unit,
            double     *out_bound)
{
  const char *unit = NULL;
  double number;

  if (!care_fhir_get_quantity (bound, &number, &unit))
    return FALSE;
  if (unit == NULL || unit[0] == '\0' || value_unit == NULL || value_unit[0] == '\0')
    {
      *out_bound = number;
      return TRUE;
    }
  if (care_unit_text_convert (analyte, number, unit, value_unit, out_bound))
    return TRUE;
  /* A range written "mm[Hg]" beside a value written "mmHg". */
  if (g_strcmp0 (care_fhir_get_string (bound, "code"), value_unit) == 0)
    {
      *out_bound = number;
      return TRUE;
    }
  return FALSE;
}

/**
 * care_fhir_read_flag_code:
 * @holder: (nullable): an Observation or one of its components
 * @out_derived: (out) (optional): set to %TRUE when the flag was worked
 *   out from the reference range, not sent by the health system
 *
 * The interpretation the health system sent (its code, else its text);
 * without one, "H" or "L" when a numeric value lies outside the first
 * normal reference range, in the same unit or after an exact conversion.
 * Values with a comparator ("<5") and ranges in units that do not
 * convert give no flag.
 *
 * Returns: (transfer full) (nullable): the interpretation code or text
 */
char *
care_fhir_read_flag_code (JsonObject *holder,
                          gboolean   *out_derived)
{
  JsonObject *concept = care_fhir_get_array_object (holder, "interpretation", 0);
  JsonObject *coding = care_fhir_get_first_coding (concept);
  JsonObject *quantity = care_fhir_get_object (holder, "valueQuantity");
  JsonArray *ranges = care_fhir_get_array (holder, "referenceRange");
  const char *unit = NULL;
  const char *code = NULL;
  CareAnalyte analyte;
  double value, bound;

  if (out_derived != NULL)
    *out_derived = FALSE;
  if (coding != NULL)
    return g_strdup (care_fhir_get_string (coding, "code"));
  if (concept != NULL)
    return care_fhir_dup_concept_text (concept);

  if (!care_fhir_get_quantity (quantity, &value, &unit) ||
      care_fhir_get_string (quantity, "comparator") != NULL || ranges == NULL)
    return NULL;
  code = care_fhir_get_string (care_fhir_get_first_coding (care_fhir_get_object (holder, "code")),
                               "code");
  analyte = care_analyte_from_loinc (code);

  for (guint i = 0; i < json_array_get_length (ranges); i++)
    {
      JsonObject *range = care_fhir_get_array_object (holder, "referenceRange", i);
      JsonObject *type = care_fhir_get_first_coding (care_fhir_get_object (range, "type"));
      const char *result = NULL;

      /* Only the normal range says high or low (not a therapeutic one). */
      if (range == NULL ||
          (type != NULL && g_strcmp0 (care_fhir_get_string (type, "code"), "normal") != 0))
        continue;
      if (read_bound (care_fhir_get_object (range, "high"), analyte, unit, &bound) && value > bound)
        result = "H";
      else if (read_bound (care_fhir_get_object (range, "low"), analyte, unit, &bound) && value < bound)
        result = "L";
      if (result != NULL && out_derived != NULL)
        *out_derived = TRUE;
      return g_strdup (result);
    }
  return NULL;
}
