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
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
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

/**
 * care_fhir_dup_concept_text:
 * @concept: (nullable): a CodeableConcept
 *
 * Returns: (transfer full) (nullable): its text, else the first coding's
 *   display, else its code
 */
char *
care_fhir_dup_concept_text (JsonObject *concept)
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
