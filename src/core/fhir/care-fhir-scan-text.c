/* care-fhir-scan-text.c — a resource's search words and numbers as text,
 * read from a page's tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What care-fhir-index.c's collect_words() and care_fhir_format_number()
 * give, byte for byte, with less work (issue 18): test-fhir-scan compares
 * them on every fixture, the demo family and many numbers.
 */
#include "config.h"

#include "care-fhir.h"
#include "care-fhir-private.h"
#include "care-fhir-scan.h"

#include <string.h>

/* @integer as "%" G_GINT64_FORMAT writes it. */
static void
append_integer (GString *out,
                gint64   integer)
{
  guint64 magnitude = integer < 0 ? -(guint64)integer : (guint64)integer;
  char digits[24];
  char *p = digits + sizeof digits;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (integer < 0)
    *--p = '-';
  g_string_append_len (out, p, digits + sizeof digits - p);
}

/**
 * care_fhir_format_integer:
 * @integer: a number
 *
 * Returns: (transfer full): @integer as "%" G_GINT64_FORMAT writes it
 */
char *
care_fhir_format_integer (gint64 integer)
{
  GString *out = g_string_sized_new (24);

  append_integer (out, integer);
  return g_string_free (out, FALSE);
}

/**
 * care_fhir_scan_append_number:
 * @scan: a page's tokens
 * @token: a number in it
 * @value: its value, from care_scan_number()
 * @out: where to append it
 *
 * Appends care_fhir_format_number() ("%.10g") of @value, read from the
 * number's text where that is exact: an integer of at most ten digits, or
 * a decimal without exponent of at most ten significant digits whose
 * first one is no further than four places after the point. Such a
 * decimal rounds to itself at ten digits, so %g writes its digits without
 * the fraction's trailing zeros. Anything else goes through printf.
 */
void
care_fhir_scan_append_number (CareScan *scan,
                              guint     token,
                              double    value,
                              GString  *out)
{
  const CareScanToken *number = &scan->tokens[token];
  const char *p = scan->source + number->start;
  const char *end = p + number->length;
  const char *point;
  gsize whole;
  gsize fraction;
  gsize zeros = 0;
  g_autofree char *printed = NULL;

  if (number->is_int)
    {
      if (value <= -1e10 || value >= 1e10)
        goto printf;
      append_integer (out, (gint64)value);
      return;
    }

  if (memchr (p, 'e', end - p) != NULL || memchr (p, 'E', end - p) != NULL)
    goto printf;
  point = memchr (p, '.', end - p);
  whole = point - p;
  fraction = end - point - 1;
  while (fraction > 0 && point[fraction] == '0')
    fraction--;
  if (whole - (*p == '-') == 1 && point[-1] == '0')
    {
      while (zeros < fraction && point[1 + zeros] == '0')
        zeros++;
      if (fraction == 0)
        {
          g_string_append_len (out, p, whole);
          return;
        }
      if (zeros > 3 || fraction - zeros > 10)
        goto printf;
    }
  else if (whole - (*p == '-') + fraction > 10)
    goto printf;
  g_string_append_len (out, p, whole + (fraction > 0 ? fraction + 1 : 0));
  return;

printf:
  printed = care_fhir_format_number (value);
  g_string_append (out, printed);
}

/* care_fhir_index_is_unsearched() for a name whose length is known: the
 * unsearched members by length, built once from the same list, so a
 * name is compared with at most the few of its length. */
#define MAX_UNSEARCHED_LENGTH 16

typedef struct
{
  const char *names[MAX_UNSEARCHED_LENGTH][8];
} UnsearchedTable;

static const UnsearchedTable *
unsearched_table (void)
{
  static UnsearchedTable table;
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; care_fhir_index_unsearched_members[i] != NULL; i++)
        {
          const char *name = care_fhir_index_unsearched_members[i];
          gsize length = strlen (name);
          guint j = 0;

          g_assert (length < MAX_UNSEARCHED_LENGTH);
          while (table.names[length][j] != NULL)
            j++;
          g_assert (j < G_N_ELEMENTS (table.names[length]) - 1);
          table.names[length][j] = name;
        }
      g_once_init_leave (&ready, 1);
    }
  return &table;
}

static inline gboolean
is_unsearched (const UnsearchedTable *table,
               const char            *name,
               guint32                length)
{
  if (length >= MAX_UNSEARCHED_LENGTH)
    return FALSE;
  for (const char * const *candidate = table->names[length]; *candidate != NULL; candidate++)
    if ((*candidate)[0] == name[0] && memcmp (*candidate, name, length) == 0)
      return TRUE;
  return FALSE;
}

/* The search words: every string but those of unsearched members, each
 * once. The strings already taken sit in a small open-addressed set of
 * token indexes, sized for the resource's tokens and kept on the stack for
 * most resources; its hash reads a string's length and a few of its bytes,
 * not all of them (a GHashTable, allocated and hashing every byte, cost
 * more than the walk). Equal hashes compare the strings whole. */
typedef struct
{
  guint32 *slots;     /* a string's token + 1; 0 is empty */
  guint32  mask;
  GString *text;
  gsize    start;     /* where this resource's words begin in @text */
  char    *out;       /* where the next goes, within @text's size */
  CareFhirArena *arena;
  GHashTable    *references;
  const UnsearchedTable *unsearched;
} WordWalk;

static inline guint32
word_hash (const char *value,
           guint32     length)
{
  guint32 head = 0;
  guint32 middle = 0;
  guint32 tail = 0;
  guint32 hash;
  guint32 n = MIN (length, 4);

  memcpy (&head, value, n);
  memcpy (&tail, value + length - n, n);
  if (length > 8)
    memcpy (&middle, value + length / 2 - 2, 4);
  hash = length * 0x9E3779B1u ^ head;
  hash = (hash ^ (hash >> 15)) * 0x85EBCA77u ^ middle;
  hash = (hash ^ (hash >> 13)) * 0xC2B2AE3Du ^ tail;
  return hash ^ (hash >> 16);
}

/* Whether the string at @token was taken already; takes it if not. */
static gboolean
take_word (CareScan *scan,
           WordWalk *walk,
           guint     token)
{
  const CareScanToken *word = &scan->tokens[token];
  const char *value = scan->text + word->start;
  guint32 slot = word_hash (value, word->length) & walk->mask;

  for (;; slot = (slot + 1) & walk->mask)
    {
      const CareScanToken *other;

      if (walk->slots[slot] == 0)
        {
          walk->slots[slot] = token + 1;
          return FALSE;
        }
      other = &scan->tokens[walk->slots[slot] - 1];
      if (other->length == word->length && memcmp (scan->text + other->start, value, word->length) == 0)
        return TRUE;
    }
}

/* Whether @value holds "://" (an address, not words). */
static inline gboolean
has_scheme (const char *value,
            gsize       length)
{
  const char *end = value + length;
  const char *p = value;

  while ((p = memchr (p, ':', end - p)) != NULL)
    {
      if (end - p >= 3 && p[1] == '/' && p[2] == '/')
        return TRUE;
      p++;
    }
  return FALSE;
}

static inline void
add_word (CareScan *scan,
          WordWalk *walk,
          guint     node)
{
  const CareScanToken *token = &scan->tokens[node];
  const char *value = scan->text + token->start;

  if (token->length == 0 || token->length > 4096 || has_scheme (value, token->length) ||
      take_word (scan, walk, node))
    return;
  /* Room was made for every string of the resource and a newline each. */
  if (walk->out > walk->text->str + walk->start)
    *walk->out++ = '\n';
  memcpy (walk->out, value, token->length);
  walk->out += token->length;
}

/* One walk for the words and the references (care-fhir-index.c's
 * collect_words() and care_fhir_collect_references()): the words skip the
 * unsearched members, the references "contained", so each goes on only
 * where it reads. The tokens are walked directly: a member's value
 * follows its name, and each value's end is the token after it. */
static void
collect (CareScan *scan,
         guint     node,
         WordWalk *walk,
         gboolean  words,
         gboolean  references)
{
  const CareScanToken *tokens = scan->tokens;
  const CareScanToken *token = &tokens[node];

  if (token->kind == CARE_SCAN_OBJECT)
    {
      for (guint key = node + 1; key < token->end; key = tokens[key + 1].end)
        {
          const char *name = scan->text + tokens[key].start;
          guint32 length = tokens[key].length;
          guint8 kind = tokens[key + 1].kind;
          gboolean member_words;
          gboolean member_references;

          if (kind != CARE_SCAN_STRING && kind != CARE_SCAN_OBJECT && kind != CARE_SCAN_ARRAY)
            continue;
          member_words = words && !is_unsearched (walk->unsearched, name, length);
          if (kind == CARE_SCAN_STRING)
            {
              if (member_words)
                add_word (scan, walk, key + 1);
              if (references && length == 9 && memcmp (name, "reference", 9) == 0)
                care_fhir_scan_add_reference (scan->text + tokens[key + 1].start, walk->arena, walk->references);
              continue;
            }
          member_references = references && !(length == 9 && memcmp (name, "contained", 9) == 0);
          if (member_words || member_references)
            collect (scan, key + 1, walk, member_words, member_references);
        }
    }
  else if (token->kind == CARE_SCAN_ARRAY)
    {
      for (guint element = node + 1; element < token->end; element = tokens[element].end)
        if (tokens[element].kind == CARE_SCAN_STRING)
          {
            if (words)
              add_word (scan, walk, element);
          }
        else if (tokens[element].kind == CARE_SCAN_OBJECT || tokens[element].kind == CARE_SCAN_ARRAY)
          collect (scan, element, walk, words, references);
    }
}

/**
 * care_fhir_scan_append_words:
 * @scan: a page's tokens
 * @resource: the token of a resource in it
 * @out: where to append them
 * @arena: where reference keys not in @scan's text are copied
 * @references: (element-type utf8): a set of "Type/id", not owning them
 *
 * Appends its search words, one string a line, and adds the resources it
 * refers to to @references (care_fhir_scan_add_reference()), in one walk.
 */
void
care_fhir_scan_append_words (CareScan      *scan,
                             guint          resource,
                             GString       *out,
                             CareFhirArena *arena,
                             GHashTable    *references)
{
  guint32 stack_slots[512];
  g_autofree guint32 *heap_slots = NULL;
  guint32 n_slots = 64;
  WordWalk walk;

  /* At most half full: the resource has fewer strings than tokens. */
  while (n_slots < 2 * (scan->tokens[resource].end - resource))
    n_slots *= 2;
  if (n_slots <= G_N_ELEMENTS (stack_slots))
    walk.slots = memset (stack_slots, 0, n_slots * sizeof (guint32));
  else
    walk.slots = heap_slots = g_new0 (guint32, n_slots);
  walk.mask = n_slots - 1;
  walk.text = out;
  walk.start = out->len;
  walk.unsearched = unsearched_table ();
  walk.arena = arena;
  walk.references = references;
  /* Each string of the resource is shorter unescaped than its text with
   * its quotes, so the words and their newlines fit in its length. */
  g_string_set_size (out, walk.start + scan->tokens[resource].length);
  walk.out = out->str + walk.start;
  collect (scan, resource, &walk, TRUE, TRUE);
  g_string_truncate (out, walk.out - out->str);
}
