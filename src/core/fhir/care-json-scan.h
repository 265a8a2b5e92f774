/* care-json-scan.h — a page of JSON read once into a flat list of tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include <string.h>

G_BEGIN_DECLS

typedef enum
{
  CARE_SCAN_NULL,
  CARE_SCAN_FALSE,
  CARE_SCAN_TRUE,
  CARE_SCAN_NUMBER,
  CARE_SCAN_STRING,
  CARE_SCAN_OBJECT,
  CARE_SCAN_ARRAY,
} CareScanKind;

/**
 * CareScanToken:
 * @kind: a #CareScanKind
 * @is_int: for a number, whether it has no fraction (json-glib's int64)
 * @spaced: for an object or array, whether its text holds whitespace
 * @start: a string's text in the document's working copy (unescaped,
 *   nul-terminated); for anything else, its first byte in the source
 * @length: a string's length unescaped; for anything else, its length in
 *   the source
 * @end: the index of the token after this value and everything inside it
 * @count: the members of an object or the elements of an array
 *
 * One value. An object's members follow it as name and value tokens, an
 * array's elements as values, each value's own tokens after it.
 */
typedef struct
{
  guint8  kind;
  guint8  is_int;
  guint8  spaced;
  guint32 start;
  guint32 length;
  guint32 end;
  guint32 count;
} CareScanToken;

/**
 * CareScan:
 * @source: the text scanned, as it came (not owned)
 * @text: a working copy of it where each string is unescaped and ends in
 *   a nul
 * @length: the length of @source
 * @tokens: the values; the root is token 0
 * @n_tokens: how many
 *
 * A JSON text that passed the strict scanner.
 */
typedef struct
{
  const char    *source;
  char          *text;
  gsize          length;
  CareScanToken *tokens;
  guint          n_tokens;
  guint          allocated;
} CareScan;

/* No such token. */
#define CARE_SCAN_NONE G_MAXUINT

CareScan   *care_json_scan           (const char *data,
                                      gsize       length,
                                      guint       max_depth,
                                      guint       max_items);
void        care_json_scan_free      (CareScan   *scan);

guint       care_scan_first          (CareScan   *scan,
                                      guint       container);
guint       care_scan_next           (CareScan   *scan,
                                      guint       container,
                                      guint       child);
guint       care_scan_element        (CareScan   *scan,
                                      guint       array,
                                      guint       index);
gboolean    care_scan_number         (CareScan   *scan,
                                      guint       token,
                                      double     *out_value,
                                      gint64     *out_int);
gsize       care_scan_copy_text      (CareScan   *scan,
                                      guint       token,
                                      char       *out);
char       *care_scan_dup_text       (CareScan   *scan,
                                      guint       token);

static inline gboolean
care_scan_is (CareScan *scan,
              guint     token,
              guint8    kind)
{
  return token != CARE_SCAN_NONE && scan->tokens[token].kind == kind;
}

/* care_scan_find_member:
 * @scan: a scan
 * @object: (nullable): a token, or %CARE_SCAN_NONE
 * @name: a member name
 * @length: its length
 *
 * Inline, so that for a literal @name the compiler folds @length and
 * compares the names without a call (issue 18: the index asks about forty
 * members of each resource).
 *
 * Returns: the value of member @name if @object is an object that has it,
 *   else %CARE_SCAN_NONE
 */
static inline guint
care_scan_find_member (CareScan   *scan,
                       guint       object,
                       const char *name,
                       gsize       length)
{
  const CareScanToken *tokens = scan->tokens;
  const char *text = scan->text;
  guint end;

  if (!care_scan_is (scan, object, CARE_SCAN_OBJECT))
    return CARE_SCAN_NONE;
  end = tokens[object].end;
  for (guint key = object + 1; key < end; key = tokens[key + 1].end)
    if (tokens[key].length == length && text[tokens[key].start] == name[0] &&
        memcmp (text + tokens[key].start, name, length) == 0)
      return key + 1;
  return CARE_SCAN_NONE;
}

/* care_scan_member:
 * @scan: a scan
 * @object: (nullable): a token, or %CARE_SCAN_NONE
 * @name: a member name
 *
 * Returns: the value of member @name if @object is an object that has it,
 *   else %CARE_SCAN_NONE
 */
static inline guint
care_scan_member (CareScan   *scan,
                  guint       object,
                  const char *name)
{
  return care_scan_find_member (scan, object, name, strlen (name));
}

/* Returns: the member @name of @object if it is an object, else %CARE_SCAN_NONE */
static inline guint
care_scan_object (CareScan   *scan,
                  guint       object,
                  const char *name)
{
  guint member = care_scan_member (scan, object, name);

  return care_scan_is (scan, member, CARE_SCAN_OBJECT) ? member : CARE_SCAN_NONE;
}

/* Returns: the member @name of @object if it is an array, else %CARE_SCAN_NONE */
static inline guint
care_scan_array (CareScan   *scan,
                 guint       object,
                 const char *name)
{
  guint member = care_scan_member (scan, object, name);

  return care_scan_is (scan, member, CARE_SCAN_ARRAY) ? member : CARE_SCAN_NONE;
}

/* Returns: (nullable): the string, unescaped, if @token is one */
static inline const char *
care_scan_string_value (CareScan *scan,
                        guint     token)
{
  if (!care_scan_is (scan, token, CARE_SCAN_STRING))
    return NULL;
  return scan->text + scan->tokens[token].start;
}

/* Returns: (nullable): the member @name of @object if it is a string */
static inline const char *
care_scan_get_string (CareScan   *scan,
                      guint       object,
                      const char *name)
{
  return care_scan_string_value (scan, care_scan_member (scan, object, name));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareScan, care_json_scan_free)

G_END_DECLS
