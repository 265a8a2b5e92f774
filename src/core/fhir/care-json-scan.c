/* care-json-scan.c — a page of JSON read once into a flat list of tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync reads a thousand pages of a hundred resources. Building a
 * json-glib tree of each (a GHashTable and a GQueue per object, a copy of
 * every member name) and freeing it again cost more than everything else
 * the client does; the index needs only a few members of each resource,
 * and the cache stores each resource as the text it came as. So a page is
 * read once into an array of tokens (kind, place, extent, where the value
 * ends), strings are unescaped in place in one working copy of the text,
 * and the index walks the tokens.
 *
 * The scanner is strict, stricter than the rest of the JSON door
 * (care-json.c): it accepts only what care_json_check() passes untouched
 * and care_fhir_json_parse_plain() reads exactly as json-glib does, and
 * returns NULL for anything else — invalid UTF-8, depth beyond the limit,
 * a list of @max_items or more, raw control characters in a string,
 * escapes other than RFC 8259's, \u0000 and lone surrogates (which the
 * door rewrites), integers beyond 64 bits, a repeated
 * member name (json-glib keeps the last), trailing text. The caller then
 * takes the old road, so what is accepted or refused, and what it means,
 * never changes: only how fast.
 */
#include "config.h"

#include "care-json-scan.h"

#include <errno.h>
#include <string.h>

/* More members than this in one object are left to json-glib: the check
 * for repeated names compares each pair. */
#define MAX_MEMBERS 64

typedef struct
{
  CareScan   *scan;
  const char *p;
  const char *end;
  guint       depth;
  guint       max_depth;
  guint       max_items;
  guint       spaces;    /* whitespace runs seen outside strings */
} Scanner;

static gboolean scan_value (Scanner *scanner);

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline void
skip_space (Scanner *scanner)
{
  if (scanner->p < scanner->end && is_space (*scanner->p))
    {
      scanner->spaces++;
      while (scanner->p < scanner->end && is_space (*scanner->p))
        scanner->p++;
    }
}

static inline guint
add_token (Scanner *scanner,
           guint8   kind)
{
  CareScan *scan = scanner->scan;
  CareScanToken *token;

  if (scan->n_tokens == scan->allocated)
    {
      scan->allocated = MAX (64, scan->allocated * 2);
      scan->tokens = g_renew (CareScanToken, scan->tokens, scan->allocated);
    }
  token = &scan->tokens[scan->n_tokens];
  token->kind = kind;
  token->is_int = FALSE;
  token->spaced = FALSE;
  token->start = scanner->p - scan->source;
  token->length = 0;
  token->count = 0;
  token->end = scan->n_tokens + 1;
  return scan->n_tokens++;
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
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | digit;
    }
  *out = value;
  return TRUE;
}

/* Bytes a string's common case runs over: ASCII but '"', '\\' and the
 * control characters (nul among them). */
static const guint8 plain_byte[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* At a byte of 0x80 or above in a string: past the run of such bytes if
 * it is UTF-8, else NULL. An ASCII byte never continues a sequence, so
 * checking each run alone checks the whole text; outside strings the
 * grammar allows ASCII only. */
static inline const char *
skip_utf8 (const char *p,
           const char *end)
{
  const char *q = p;

  while (q < end && (guchar)*q >= 0x80)
    q++;
  return g_utf8_validate_len (p, q - p, NULL) ? q : NULL;
}

/* At a '"': a string token whose text is unescaped in the working copy,
 * where it is shorter or as long, and ends in a nul where its closing
 * quote (or the escapes' slack) was. */
static gboolean
scan_string_slow (Scanner *scanner)
{
  CareScan *scan = scanner->scan;
  const char *source = scan->source;
  const char *p = ++scanner->p;
  const char *end = scanner->end;
  char *out;
  guint token;

  /* The common case: no escapes. The working copy ends in a nul, which
   * stops the loop as any control character does. */
  for (;;)
    {
      const guchar *q = (const guchar *)scan->text + (p - source);

      while (plain_byte[q[0]] && plain_byte[q[1]] && plain_byte[q[2]] && plain_byte[q[3]])
        q += 4;
      while (plain_byte[*q])
        q++;
      p = source + ((const char *)q - scan->text);
      if (p >= end || (guchar)*p < 0x80)
        break;
      if ((p = skip_utf8 (p, end)) == NULL)
        return FALSE;
    }
  token = add_token (scanner, CARE_SCAN_STRING);
  scan->tokens[token].start = scanner->p - source;
  out = scan->text + (p - source);
  while (p < end && *p != '"')
    {
      guchar c = *p;
      gunichar unit;

      if (c < 0x20)
        return FALSE;
      if (c >= 0x80)
        {
          const char *q = skip_utf8 (p, end);

          if (q == NULL)
            return FALSE;
          memcpy (out, p, q - p);
          out += q - p;
          p = q;
          continue;
        }
      if (c != '\\')
        {
          *out++ = *p++;
          continue;
        }
      if (end - p < 2)
        return FALSE;
      switch (p[1])
        {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
          if (!read_hex4 (p + 2, end, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            return FALSE;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              gunichar low;

              if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || !read_hex4 (p + 8, end, &low) ||
                  low < 0xdc00 || low > 0xdfff)
                return FALSE;
              unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          out += g_unichar_to_utf8 (unit, out);
          p += 4;
          break;
        default:
          return FALSE;
        }
      p += 2;
    }
  if (p >= end)
    return FALSE;
  *out = '\0';
  scan->tokens[token].length = out - (scan->text + scan->tokens[token].start);
  scanner->p = p + 1;
  return TRUE;
}

/* scan_string_slow()'s common case inline: plain ASCII up to the closing
 * quote, which becomes the nul that ends the string in the working copy.
 * Anything else (escapes, UTF-8, control characters, the end) is left to
 * scan_string_slow(), which reads the string again from its start. */
static inline gboolean
scan_string (Scanner *scanner)
{
  CareScan *scan = scanner->scan;
  guint32 start = scanner->p + 1 - scan->source;
  guchar *q = (guchar *)scan->text + start;
  guint token;

  while (plain_byte[q[0]] && plain_byte[q[1]] && plain_byte[q[2]] && plain_byte[q[3]])
    q += 4;
  while (plain_byte[*q])
    q++;
  if (*q != '"')
    return scan_string_slow (scanner);
  /* Ahead of the scan the working copy is still the source: this quote is
   * the source's, not the nul at its end. */
  token = add_token (scanner, CARE_SCAN_STRING);
  scan->tokens[token].start = start;
  scan->tokens[token].length = (char *)q - (scan->text + start);
  *q = '\0';
  scanner->p = scan->source + ((char *)q - scan->text) + 1;
  return TRUE;
}

static gboolean
scan_number (Scanner *scanner)
{
  const char *p = scanner->p;
  const char *end = scanner->end;
  const char *digits;
  gboolean is_int = TRUE;
  guint token;

  if (p < end && *p == '-')
    p++;
  digits = p;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0' && p + 1 < end && g_ascii_isdigit (p[1]))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  /* Beyond 18 digits an integer may not fit in 64 bits: json-glib's. */
  if (p - digits > 18)
    return FALSE;
  if (p < end && *p == '.')
    {
      is_int = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  /* json-glib reads an exponent as a double, as g_ascii_strtod() does. */
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      is_int = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p - scanner->p >= 63)
    return FALSE;
  token = add_token (scanner, CARE_SCAN_NUMBER);
  scanner->scan->tokens[token].is_int = is_int;
  scanner->scan->tokens[token].length = p - scanner->p;
  scanner->p = p;
  return TRUE;
}

static gboolean
scan_word (Scanner    *scanner,
           const char *word,
           gsize       length,
           guint8      kind)
{
  guint token;

  if ((gsize)(scanner->end - scanner->p) < length || memcmp (scanner->p, word, length) != 0)
    return FALSE;
  if (scanner->p + length < scanner->end && g_ascii_isalnum (scanner->p[length]))
    return FALSE;
  token = add_token (scanner, kind);
  scanner->scan->tokens[token].length = length;
  scanner->p += length;
  return TRUE;
}

/* Whether two of an object's member names are the same. Pairs are
 * compared only when a name's length and first byte were seen before (a
 * bit of a 64-bit mask): most objects have no such pair. */
static gboolean
has_repeated_name (CareScan *scan,
                   guint     object)
{
  const CareScanToken *tokens = scan->tokens;
  guint names[MAX_MEMBERS];
  guint64 seen = 0;
  gboolean maybe = FALSE;
  guint n = 0;

  for (guint key = object + 1; key < tokens[object].end; key = tokens[key + 1].end)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << ((tokens[key].length * 7 + (guchar)scan->text[tokens[key].start]) & 63);

      maybe |= (seen & bit) != 0;
      seen |= bit;
      names[n++] = key;
    }
  if (!maybe)
    return FALSE;
  for (guint i = 1; i < n; i++)
    {
      const CareScanToken *a = &tokens[names[i]];

      for (guint j = 0; j < i; j++)
        {
          const CareScanToken *b = &tokens[names[j]];

          if (a->length == b->length && memcmp (scan->text + a->start, scan->text + b->start, a->length) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
scan_container (Scanner *scanner)
{
  CareScan *scan = scanner->scan;
  gboolean is_object = *scanner->p == '{';
  char close = is_object ? '}' : ']';
  guint spaces = scanner->spaces;
  guint token;
  guint count = 0;

  if (++scanner->depth > scanner->max_depth)
    return FALSE;
  token = add_token (scanner, is_object ? CARE_SCAN_OBJECT : CARE_SCAN_ARRAY);
  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == close)
    scanner->p++;
  else
    for (;;)
      {
        if (is_object)
          {
            if (scanner->p >= scanner->end || *scanner->p != '"' || !scan_string (scanner))
              return FALSE;
            skip_space (scanner);
            if (scanner->p >= scanner->end || *scanner->p != ':')
              return FALSE;
            scanner->p++;
            skip_space (scanner);
          }
        if (!scan_value (scanner))
          return FALSE;
        if (++count > (is_object ? MAX_MEMBERS : scanner->max_items))
          return FALSE;
        skip_space (scanner);
        if (scanner->p >= scanner->end)
          return FALSE;
        if (*scanner->p == close)
          {
            scanner->p++;
            break;
          }
        if (*scanner->p != ',')
          return FALSE;
        scanner->p++;
        skip_space (scanner);
      }
  scanner->depth--;
  scan->tokens[token].count = count;
  scan->tokens[token].end = scan->n_tokens;
  scan->tokens[token].length = (scanner->p - scan->source) - scan->tokens[token].start;
  scan->tokens[token].spaced = scanner->spaces != spaces;
  return !is_object || !has_repeated_name (scan, token);
}

static gboolean
scan_value (Scanner *scanner)
{
  if (scanner->p >= scanner->end)
    return FALSE;
  switch (*scanner->p)
    {
    case '{':
    case '[':
      return scan_container (scanner);
    case '"':
      return scan_string (scanner);
    case 't':
      return scan_word (scanner, "true", 4, CARE_SCAN_TRUE);
    case 'f':
      return scan_word (scanner, "false", 5, CARE_SCAN_FALSE);
    case 'n':
      return scan_word (scanner, "null", 4, CARE_SCAN_NULL);
    default:
      return scan_number (scanner);
    }
}

/**
 * care_json_scan:
 * @data: JSON text
 * @length: its length in bytes
 * @max_depth: the deepest nesting accepted (%CARE_JSON_MAX_DEPTH)
 * @max_items: the most elements any one array may hold
 *
 * Scans @data, whose root must be an object, without recursion beyond
 * @max_depth. @data must stay alive as long as the result.
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL when @data is
 *   not JSON the scanner vouches for (see the top of the file)
 */
CareScan *
care_json_scan (const char *data,
                gsize       length,
                guint       max_depth,
                guint       max_items)
{
  g_autoptr(CareScan) scan = NULL;
  Scanner scanner = { NULL, data, data + length, 0, MIN (max_depth, 4096), max_items, 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* UTF-8 is checked string by string (skip_utf8()). */
  if (length == 0 || length >= G_MAXUINT32)
    return NULL;
  scan = g_new0 (CareScan, 1);
  scan->source = data;
  scan->length = length;
  /* Pages run at about twelve bytes a token: one allocation for most. */
  scan->allocated = MAX (64, length / 8);
  scan->tokens = g_new (CareScanToken, scan->allocated);
  scan->text = g_malloc (length + 1);
  memcpy (scan->text, data, length);
  scan->text[length] = '\0';
  scanner.scan = scan;

  skip_space (&scanner);
  if (scanner.p >= scanner.end || *scanner.p != '{' || !scan_value (&scanner))
    return NULL;
  skip_space (&scanner);
  if (scanner.p != scanner.end)
    return NULL;
  return g_steal_pointer (&scan);
}

/**
 * care_json_scan_free:
 * @scan: (nullable): a scan
 */
void
care_json_scan_free (CareScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->text);
  g_free (scan->tokens);
  g_free (scan);
}

/**
 * care_scan_first:
 * @scan: a scan
 * @container: an object or an array
 *
 * Returns: the first member's name token, or the first element; or
 *   %CARE_SCAN_NONE
 */
guint
care_scan_first (CareScan *scan,
                 guint     container)
{
  if (container == CARE_SCAN_NONE || scan->tokens[container].count == 0)
    return CARE_SCAN_NONE;
  return container + 1;
}

/**
 * care_scan_next:
 * @scan: a scan
 * @container: an object or an array
 * @child: a member's name token in it, or an element
 *
 * Returns: the next one, or %CARE_SCAN_NONE
 */
guint
care_scan_next (CareScan *scan,
                guint     container,
                guint     child)
{
  guint next;

  if (scan->tokens[container].kind == CARE_SCAN_OBJECT)
    next = scan->tokens[child + 1].end;
  else
    next = scan->tokens[child].end;
  return next < scan->tokens[container].end ? next : CARE_SCAN_NONE;
}

/**
 * care_scan_element:
 * @scan: a scan
 * @array: a token, or %CARE_SCAN_NONE
 * @index: an index
 *
 * Returns: element @index if @array is an array that long, else
 *   %CARE_SCAN_NONE
 */
guint
care_scan_element (CareScan *scan,
                   guint     array,
                   guint     index)
{
  guint element;

  if (!care_scan_is (scan, array, CARE_SCAN_ARRAY) || index >= scan->tokens[array].count)
    return CARE_SCAN_NONE;
  element = array + 1;
  for (guint i = 0; i < index; i++)
    element = scan->tokens[element].end;
  return element;
}

/**
 * care_scan_number:
 * @scan: a scan
 * @token: a token, or %CARE_SCAN_NONE
 * @out_value: (out): the number, as json-glib reads it
 * @out_int: (out) (optional): the integer, when it is one
 *
 * Returns: whether @token is a number
 */
gboolean
care_scan_number (CareScan *scan,
                  guint     token,
                  double   *out_value,
                  gint64   *out_int)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  const CareScanToken *number;
  const char *p;
  const char *end;
  gboolean negative;
  guint64 digits = 0;
  int n_digits = 0;
  int n_fraction = -1;
  char buffer[64];

  if (!care_scan_is (scan, token, CARE_SCAN_NUMBER))
    return FALSE;
  number = &scan->tokens[token];
  p = scan->source + number->start;
  end = p + number->length;
  negative = *p == '-';
  p += negative;

  /* The scanner vouched for the syntax; at most 18 digits fit a gint64,
   * and a decimal of at most 15 digits and 22 places is its digits as a
   * double (exact below 2^53) divided by an exact power of ten: one
   * correctly rounded division, so the same double as strtod() reads.
   * Exponents and longer decimals go to g_ascii_strtod(). */
  for (; p < end; p++)
    {
      if (*p == '.')
        n_fraction = 0;
      else if (*p >= '0' && *p <= '9')
        {
          digits = digits * 10 + (guint64)(*p - '0');
          n_digits++;
          if (n_fraction >= 0)
            n_fraction++;
        }
      else
        break;
    }
  if (number->is_int && p == end)
    {
      gint64 value = negative ? -(gint64)digits : (gint64)digits;

      *out_value = (double)value;
      if (out_int != NULL)
        *out_int = value;
      return TRUE;
    }
  if (p == end && n_digits <= 15 && n_fraction >= 0 && n_fraction < (int)G_N_ELEMENTS (powers))
    {
      *out_value = (double)digits / powers[n_fraction];
      if (negative)
        *out_value = -*out_value;
      return TRUE;
    }

  memcpy (buffer, scan->source + number->start, number->length);
  buffer[number->length] = '\0';
  if (number->is_int)
    {
      gint64 value = g_ascii_strtoll (buffer, NULL, 10);

      *out_value = (double)value;
      if (out_int != NULL)
        *out_int = value;
    }
  else
    *out_value = g_ascii_strtod (buffer, NULL);
  return TRUE;
}

/**
 * care_scan_copy_text:
 * @scan: a scan
 * @token: an object or an array
 * @out: room for its length in the source plus a nul
 *
 * Writes its text as it came, minus whitespace outside strings, and a nul.
 *
 * Returns: the length written, without the nul
 */
gsize
care_scan_copy_text (CareScan *scan,
                     guint     token,
                     char     *out)
{
  const CareScanToken *value = &scan->tokens[token];
  const char *p = scan->source + value->start;
  const char *end = p + value->length;
  char *start = out;

  if (!value->spaced)
    {
      memcpy (out, p, value->length);
      out[value->length] = '\0';
      return value->length;
    }

  while (p < end)
    {
      char c = *p++;

      if (is_space (c))
        continue;
      *out++ = c;
      if (c == '"')
        {
          /* Copied verbatim; the scanner saw it end before @end. */
          while (*p != '"')
            {
              if (*p == '\\')
                *out++ = *p++;
              *out++ = *p++;
            }
          *out++ = *p++;
        }
    }
  *out = '\0';
  return out - start;
}

/**
 * care_scan_dup_text:
 * @scan: a scan
 * @token: an object or an array
 *
 * Returns: (transfer full): its text as it came, minus whitespace outside
 *   strings
 */
char *
care_scan_dup_text (CareScan *scan,
                    guint     token)
{
  char *text = g_malloc (scan->tokens[token].length + 1);

  care_scan_copy_text (scan, token, text);
  return text;
}
