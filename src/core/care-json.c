/* care-json.c — the one door for JSON that comes from outside
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib parses recursively and without a depth limit, so 100,000
 * nested brackets from a portal overflow the stack; it also accepts
 * escapes that are not JSON (`\q`) and turns a lone UTF-16 surrogate
 * (`\ud83d`) into bytes that are not UTF-8, which then reach the cache
 * and GTK labels. Everything that reads JSON it did not write itself goes
 * through care_json_parse(): one flat pass checks depth and escapes before
 * any parser sees the text, so the fast parser (care-fhir-json.c) and
 * json-glib always agree on what is accepted and what it means:
 *
 * - nesting deeper than CARE_JSON_MAX_DEPTH, invalid UTF-8 and escapes
 *   other than RFC 8259's are refused;
 * - a lone surrogate escape, and `\u0000` (which json-glib silently cuts
 *   a string at), become U+FFFD REPLACEMENT CHARACTER.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir-json.h"
#include "care-json.h"

#include <string.h>

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The code unit of the \uXXXX escape at @p (pointing at the backslash),
 * or -1 when there is none. */
static int
read_unit (const char *p,
           const char *end)
{
  int value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int digit = hex_digit (p[i]);

      if (digit < 0)
        return -1;
      value = (value << 4) | digit;
    }
  return value;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED, message);
  return FALSE;
}

/**
 * care_json_check:
 * @data: JSON text
 * @length: its length in bytes
 * @max_depth: the deepest nesting allowed, usually %CARE_JSON_MAX_DEPTH
 * @max_items: the most elements allowed in any one array, or %G_MAXUINT
 * @out_normalised: (out) (optional) (transfer full): set to a copy of
 *   @data with lone surrogate and `\u0000` escapes replaced by `\ufffd`
 *   when there were any, else to %NULL
 * @error: return location for a %CARE_FHIR_ERROR_MALFORMED, or
 *   %CARE_FHIR_ERROR_TOO_LARGE for an array longer than @max_items
 *
 * Checks @data in one flat pass, without recursion and without building
 * anything, so it is safe on any input of any size.
 *
 * Returns: %FALSE if @data is nested too deeply, is not UTF-8 or holds an
 *   escape JSON does not have
 */
gboolean
care_json_check (const char  *data,
                 gsize        length,
                 guint        max_depth,
                 guint        max_items,
                 char       **out_normalised,
                 GError     **error)
{
  const char *p = data;
  const char *end = data + length;
  g_autofree char *copy = NULL;
  /* Per open level: the commas seen so far if it is an array, else -1. */
  g_autofree gint64 *commas = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (out_normalised != NULL)
    *out_normalised = NULL;

  if (!g_utf8_validate_len (data, length, NULL))
    return refuse (error, _("The data is not valid JSON: it is not UTF-8 text."));

  commas = g_new0 (gint64, (gsize)MIN (max_depth, 4096) + 1);
  while (p < end)
    {
      char c = *p;

      if (!in_string)
        {
          if (c == '"')
            in_string = TRUE;
          else if (c == '{' || c == '[')
            {
              if (++depth > max_depth || depth > 4096)
                return refuse (error, _("The data is not valid JSON: it is nested too deeply."));
              commas[depth] = c == '[' ? 0 : -1;
            }
          else if ((c == '}' || c == ']') && depth > 0)
            depth--;
          else if (c == ',' && depth > 0 && commas[depth] >= 0 &&
                   ++commas[depth] >= (gint64)max_items)
            {
              g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                           /* Translators: %1$u is a number such as 10,000 */
                           _("The data holds a list of more than %1$u items."), max_items);
              return FALSE;
            }
          p++;
          continue;
        }

      if (c == '"')
        {
          in_string = FALSE;
          p++;
          continue;
        }
      if (c != '\\')
        {
          p++;
          continue;
        }

      if (p + 1 >= end)
        return refuse (error, _("The data is not valid JSON: a text ends in the middle of an escape."));
      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p += 2;
          break;
        case 'u':
          {
            int unit = read_unit (p, end);
            gboolean lone = FALSE;
            gsize span = 6;

            if (unit < 0)
              return refuse (error, _("The data is not valid JSON: it holds a broken \\u escape."));
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = read_unit (p + 6, end);

                if (low >= 0xdc00 && low <= 0xdfff)
                  span = 12;
                else
                  lone = TRUE;
              }
            else if ((unit >= 0xdc00 && unit <= 0xdfff) || unit == 0)
              lone = TRUE;

            if (lone)
              {
                /* "\ud83d" and "\ufffd" are both six bytes: the copy is
                 * rewritten in place and keeps every offset. */
                if (copy == NULL)
                  copy = g_strndup (data, length);
                memcpy (copy + (p - data), "\\ufffd", 6);
              }
            p += span;
          }
          break;
        default:
          return refuse (error, _("The data is not valid JSON: it holds an unknown escape."));
        }
    }

  if (out_normalised != NULL)
    *out_normalised = g_steal_pointer (&copy);
  return TRUE;
}

/**
 * care_json_parse:
 * @data: JSON text from a portal, a file or a client
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a %CARE_FHIR_ERROR_MALFORMED
 *
 * Parses @data after care_json_check() with %CARE_JSON_MAX_DEPTH and no
 * limit on arrays: plain
 * JSON objects with the fast parser, anything else with json-glib.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
care_json_parse (const char  *data,
                 gssize       length,
                 GError     **error)
{
  g_autofree char *normalised = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  if (!care_json_check (data, length, CARE_JSON_MAX_DEPTH, G_MAXUINT, &normalised, error))
    return NULL;
  if (normalised != NULL)
    data = normalised;

  if ((root = care_fhir_json_parse_plain (data, length)) != NULL)
    return root;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_debug ("JSON refused: %s", parse_error != NULL ? parse_error->message : "empty");
      refuse (error, _("The data is not valid JSON."));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * care_json_parse_object:
 * @data: JSON text
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a %CARE_FHIR_ERROR_MALFORMED
 *
 * Like care_json_parse(), for text whose root must be an object.
 *
 * Returns: (transfer full) (nullable): the root object
 */
JsonObject *
care_json_parse_object (const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonNode) root = care_json_parse (data, length, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      refuse (error, _("The data is not a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/**
 * care_json_parse_bytes:
 * @bytes: (nullable): JSON text, as a response body
 * @error: return location for a %CARE_FHIR_ERROR_MALFORMED
 *
 * care_json_parse_object() on a response body; %NULL bytes are refused.
 *
 * Returns: (transfer full) (nullable): the root object
 */
JsonObject *
care_json_parse_bytes (GBytes  *bytes,
                       GError **error)
{
  const char *data;
  gsize length;

  if (bytes == NULL)
    {
      refuse (error, _("The data is not valid JSON."));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  return care_json_parse_object (data != NULL ? data : "", length, error);
}
