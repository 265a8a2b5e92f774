/* care-json-write.c — JSON text from a tree, with decimals as people write them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 writes every double with 17 significant digits, so a
 * weight of 81.4 kg reaches the portal as 81.400000000000006 and a
 * questionnaire's 6.1 as 6.0999999999999996: the same number to a
 * computer, but FHIR decimals carry their precision in the text, and a
 * clinician reading the resource sees a value nobody entered. Everything
 * Carebook writes for a portal goes through care_json_to_string(), which
 * writes each double with the fewest digits that read back as the same
 * double ("81.4", "0.1", "1e+300"), and otherwise writes what json-glib
 * would.
 */
#include "config.h"

#include "care-json.h"

#include <math.h>
#include <string.h>

/**
 * care_json_format_double:
 * @value: a finite number
 * @buffer: (out caller-allocates): at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 *
 * Writes @value with the fewest significant digits (up to 17) that
 * g_ascii_strtod() reads back as exactly @value, in the C locale: 81.4
 * is "81.4", 82.0 is "82", 1/3 is "0.3333333333333333". A value that is
 * not finite (JSON has no way to say it) is written "null".
 *
 * Returns: (transfer none): @buffer
 */
char *
care_json_format_double (double  value,
                         char   *buffer)
{
  g_return_val_if_fail (buffer != NULL, NULL);

  if (!isfinite (value))
    {
      strcpy (buffer, "null");
      return buffer;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return buffer;
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_indent (GString *out,
              int      level)
{
  if (level < 0)
    return;
  g_string_append_c (out, '\n');
  for (int i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void write_node (GString  *out,
                        JsonNode *node,
                        int       level);

static void
write_value (GString  *out,
             JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      g_string_append (out, care_json_format_double (json_node_get_double (node), buffer));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            int       level)
{
  int inner = level < 0 ? -1 : level + 1;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_indent (out, inner);
            write_string (out, name);
            g_string_append (out, level < 0 ? ":" : " : ");
            write_node (out, member, inner);
          }
        if (!first)
          write_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_indent (out, inner);
            write_node (out, json_array_get_element (array, i), inner);
          }
        if (n > 0)
          write_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/**
 * care_json_to_string:
 * @node: a JSON tree
 * @pretty: whether to indent (two spaces a level) or write it on one line
 *
 * Like json_to_string(), except that decimals are written with the fewest
 * digits that mean the same double (care_json_format_double()): what a
 * person typed as 81.4 is sent as 81.4. Members keep their order.
 *
 * Returns: (transfer full): the text
 */
char *
care_json_to_string (JsonNode *node,
                     gboolean  pretty)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_sized_new (256);
  write_node (out, node, pretty ? 0 : -1);
  return g_string_free (out, FALSE);
}

/**
 * care_json_object_to_string:
 * @object: a JSON object
 *
 * care_json_to_string() on one line for an object.
 *
 * Returns: (transfer full): the text
 */
char *
care_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), object);
  return care_json_to_string (node, FALSE);
}
