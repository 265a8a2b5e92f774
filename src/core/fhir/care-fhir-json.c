/* care-fhir-json.c — a fast path for parsing plain JSON into json-glib trees
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser tokenises with a GScanner that allocates a GString
 * per token: on a sync's Bundles it cost more than building the tree
 * itself. This parser builds the same JsonNode tree directly from the
 * text, for strict RFC 8259 JSON only. It gives up (returns NULL) on
 * anything it is not sure to read exactly as json-glib does — invalid
 * UTF-8, comments, single quotes, hex or exponent numbers, integers beyond
 * 64 bits, \u0000, unpaired surrogates, a repeated member name, very deep
 * nesting, trailing text — and the caller then asks json-glib, so what is
 * accepted or refused never changes, only how fast.
 */
#include "config.h"

#include "care-fhir-json.h"

#include <errno.h>
#include <string.h>

#define MAX_DEPTH 200

typedef struct
{
  const char *p;
  const char *end;
  GString    *scratch;
  int         depth;
} Parser;

static JsonNode *parse_value (Parser *parser);

static inline void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\r' || *parser->p == '\t'))
    parser->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser   *parser,
           gunichar *out)
{
  gunichar value = 0;

  if (parser->end - parser->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (parser->p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | digit;
    }
  parser->p += 4;
  *out = value;
  return TRUE;
}

/* At a '"': the string's value in parser->scratch, nul-terminated. */
static gboolean
parse_string (Parser *parser)
{
  const char *start;

  parser->p++;
  g_string_truncate (parser->scratch, 0);
  start = parser->p;
  for (;;)
    {
      guchar c;

      if (parser->p >= parser->end)
        return FALSE;
      c = *parser->p;
      if (c == '"')
        {
          g_string_append_len (parser->scratch, start, parser->p - start);
          parser->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          parser->p++;
          continue;
        }

      g_string_append_len (parser->scratch, start, parser->p - start);
      parser->p++;
      if (parser->p >= parser->end)
        return FALSE;
      c = *parser->p++;
      switch (c)
        {
        case '"': g_string_append_c (parser->scratch, '"'); break;
        case '\\': g_string_append_c (parser->scratch, '\\'); break;
        case '/': g_string_append_c (parser->scratch, '/'); break;
        case 'b': g_string_append_c (parser->scratch, '\b'); break;
        case 'f': g_string_append_c (parser->scratch, '\f'); break;
        case 'n': g_string_append_c (parser->scratch, '\n'); break;
        case 'r': g_string_append_c (parser->scratch, '\r'); break;
        case 't': g_string_append_c (parser->scratch, '\t'); break;
        case 'u':
          {
            gunichar unit;

            if (!read_hex4 (parser, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
              return FALSE;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                gunichar low;

                if (parser->end - parser->p < 2 || parser->p[0] != '\\' || parser->p[1] != 'u')
                  return FALSE;
                parser->p += 2;
                if (!read_hex4 (parser, &low) || low < 0xdc00 || low > 0xdfff)
                  return FALSE;
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            g_string_append_unichar (parser->scratch, unit);
          }
          break;
        default:
          return FALSE;
        }
      start = parser->p;
    }
}

static JsonNode *
parse_number (Parser *parser)
{
  const char *start = parser->p;
  gboolean is_float = FALSE;
  char buffer[64];
  gsize length;
  JsonNode *node;

  if (parser->p < parser->end && *parser->p == '-')
    parser->p++;
  if (parser->p >= parser->end || !g_ascii_isdigit (*parser->p))
    return NULL;
  /* No leading zeros: "012" is not JSON. */
  if (*parser->p == '0' && parser->p + 1 < parser->end && g_ascii_isdigit (parser->p[1]))
    return NULL;
  while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
    parser->p++;
  if (parser->p < parser->end && *parser->p == '.')
    {
      is_float = TRUE;
      parser->p++;
      if (parser->p >= parser->end || !g_ascii_isdigit (*parser->p))
        return NULL;
      while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
        parser->p++;
    }
  /* Exponents are left to json-glib, which reads them its own way. */
  if (parser->p < parser->end && (*parser->p == 'e' || *parser->p == 'E'))
    return NULL;

  length = parser->p - start;
  if (length >= sizeof buffer)
    return NULL;
  memcpy (buffer, start, length);
  buffer[length] = '\0';

  node = json_node_alloc ();
  if (is_float)
    json_node_init_double (node, g_ascii_strtod (buffer, NULL));
  else
    {
      char *end = NULL;
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (buffer, &end, 10);
      if (errno != 0 || end != buffer + length)
        {
          json_node_unref (node);
          return NULL;
        }
      json_node_init_int (node, value);
    }
  return node;
}

static gboolean
match_word (Parser     *parser,
            const char *word,
            gsize       length)
{
  if ((gsize)(parser->end - parser->p) < length || memcmp (parser->p, word, length) != 0)
    return FALSE;
  parser->p += length;
  /* "truex" is not true. */
  return parser->p >= parser->end || !g_ascii_isalnum (*parser->p);
}

static JsonNode *
parse_object (Parser *parser)
{
  g_autoptr(JsonObject) object = json_object_new ();

  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == '}')
    {
      parser->p++;
      return json_node_init_object (json_node_alloc (), object);
    }
  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      if (parser->p >= parser->end || *parser->p != '"' || !parse_string (parser))
        return NULL;
      /* json-glib keeps the last of repeated members: leave those to it. */
      if (json_object_has_member (object, parser->scratch->str))
        return NULL;
      name = g_strndup (parser->scratch->str, parser->scratch->len);
      skip_space (parser);
      if (parser->p >= parser->end || *parser->p != ':')
        return NULL;
      parser->p++;
      skip_space (parser);
      if ((value = parse_value (parser)) == NULL)
        return NULL;
      json_object_set_member (object, name, value);
      skip_space (parser);
      if (parser->p >= parser->end)
        return NULL;
      if (*parser->p == '}')
        {
          parser->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      if (*parser->p != ',')
        return NULL;
      parser->p++;
      skip_space (parser);
    }
}

static JsonNode *
parse_array (Parser *parser)
{
  g_autoptr(JsonArray) array = json_array_new ();

  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == ']')
    {
      parser->p++;
      return json_node_init_array (json_node_alloc (), array);
    }
  for (;;)
    {
      JsonNode *value = parse_value (parser);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      skip_space (parser);
      if (parser->p >= parser->end)
        return NULL;
      if (*parser->p == ']')
        {
          parser->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      if (*parser->p != ',')
        return NULL;
      parser->p++;
      skip_space (parser);
    }
}

static JsonNode *
parse_value (Parser *parser)
{
  JsonNode *node = NULL;

  if (parser->p >= parser->end)
    return NULL;
  switch (*parser->p)
    {
    case '{':
    case '[':
      if (++parser->depth > MAX_DEPTH)
        return NULL;
      node = *parser->p == '{' ? parse_object (parser) : parse_array (parser);
      parser->depth--;
      return node;
    case '"':
      if (!parse_string (parser))
        return NULL;
      return json_node_init_string (json_node_alloc (), parser->scratch->str);
    case 't':
      return match_word (parser, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return match_word (parser, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return match_word (parser, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return parse_number (parser);
    }
}

/**
 * care_fhir_json_parse_plain:
 * @data: JSON text
 * @length: its length
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL when
 *   @data is not plain JSON with an object at its root; then json-glib
 *   must be asked, which may still accept it
 */
JsonNode *
care_fhir_json_parse_plain (const char *data,
                            gsize       length)
{
  g_autoptr(GString) scratch = NULL;
  Parser parser = { data, data + length, NULL, 0 };
  JsonNode *root;

  if (!g_utf8_validate_len (data, length, NULL))
    return NULL;
  skip_space (&parser);
  if (parser.p >= parser.end || *parser.p != '{')
    return NULL;
  scratch = g_string_sized_new (256);
  parser.scratch = scratch;
  root = parse_value (&parser);
  if (root == NULL)
    return NULL;
  skip_space (&parser);
  if (parser.p != parser.end)
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
}
