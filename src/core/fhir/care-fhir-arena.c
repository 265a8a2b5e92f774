/* care-fhir-arena.c — the memory of a parsed page, allocated and freed at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of a hundred resources used to be a few thousand small
 * allocations (each record, its index, every string and list of it), made
 * in the parsing thread and freed one by one on the main thread once the
 * page was stored: malloc and free were a tenth of a sync's client CPU
 * (issue 18). A scanned page's records, their index, text and lists now
 * come from one arena the page owns: a few blocks carved in order, freed
 * together with the page. Nothing in it is freed on its own.
 */
#include "config.h"

#include "care-fhir-arena.h"

#include <string.h>

#define FIRST_BLOCK (16 * 1024)
#define LARGEST_BLOCK (256 * 1024)
/* Anything this large gets a block of its own, so the current one goes on. */
#define OWN_BLOCK (8 * 1024)
#define ALIGNMENT 8

typedef struct _Block Block;
struct _Block
{
  Block *next;
  /* the memory follows, aligned */
};

typedef struct _Owned Owned;
struct _Owned
{
  Owned   *next;
  gpointer data;
};

struct _CareFhirArena
{
  char  *p;
  char  *end;
  Block *blocks;
  Owned   *owned;
  gsize    next_size;
  GString   *scratch;
  GPtrArray *list;
};

#define HEADER ((sizeof (Block) + ALIGNMENT - 1) & ~(gsize)(ALIGNMENT - 1))

/**
 * care_fhir_arena_new:
 *
 * Returns: (transfer full): an empty arena
 */
CareFhirArena *
care_fhir_arena_new (void)
{
  CareFhirArena *arena = g_new0 (CareFhirArena, 1);

  arena->next_size = FIRST_BLOCK;
  return arena;
}

/**
 * care_fhir_arena_free:
 * @arena: (nullable): an arena
 *
 * Frees everything allocated from @arena, and what it was given to own.
 */
void
care_fhir_arena_free (CareFhirArena *arena)
{
  Block *block;
  Owned *owned;

  if (arena == NULL)
    return;
  if (arena->scratch != NULL)
    g_string_free (arena->scratch, TRUE);
  if (arena->list != NULL)
    g_ptr_array_unref (arena->list);
  for (owned = arena->owned; owned != NULL; owned = owned->next)
    g_free (owned->data);
  block = arena->blocks;
  while (block != NULL)
    {
      Block *next = block->next;

      g_free (block);
      block = next;
    }
  g_free (arena);
}

static char *
new_block (CareFhirArena *arena,
           gsize          size)
{
  Block *block;

  if (size >= OWN_BLOCK)
    {
      /* Behind the current block, which stays current. */
      block = g_malloc (HEADER + size);
      if (arena->blocks != NULL)
        {
          block->next = arena->blocks->next;
          arena->blocks->next = block;
        }
      else
        {
          block->next = NULL;
          arena->blocks = block;
        }
      return (char *)block + HEADER;
    }

  block = g_malloc (HEADER + arena->next_size);
  block->next = arena->blocks;
  arena->blocks = block;
  arena->p = (char *)block + HEADER;
  arena->end = arena->p + arena->next_size;
  arena->next_size = MIN (arena->next_size * 2, LARGEST_BLOCK);
  arena->p += size;
  return arena->p - size;
}

/**
 * care_fhir_arena_alloc_bytes:
 * @arena: an arena
 * @size: a size in bytes
 *
 * Returns: (transfer none): @size bytes with no alignment, for text
 */
char *
care_fhir_arena_alloc_bytes (CareFhirArena *arena,
                             gsize          size)
{
  if (G_UNLIKELY ((gsize)(arena->end - arena->p) < size))
    return new_block (arena, size);
  arena->p += size;
  return arena->p - size;
}

/**
 * care_fhir_arena_alloc:
 * @arena: an arena
 * @size: a size in bytes
 *
 * Returns: (transfer none): @size bytes aligned for any struct of pointers
 *   and numbers, uninitialised, alive as long as @arena
 */
gpointer
care_fhir_arena_alloc (CareFhirArena *arena,
                       gsize          size)
{
  gsize pad = (gsize)(-(guintptr)arena->p) & (ALIGNMENT - 1);

  size = (size + ALIGNMENT - 1) & ~(gsize)(ALIGNMENT - 1);
  if (G_UNLIKELY ((gsize)(arena->end - arena->p) < pad + size))
    return new_block (arena, size);
  arena->p += pad + size;
  return arena->p - size;
}

/**
 * care_fhir_arena_alloc0:
 * @arena: an arena
 * @size: a size in bytes
 *
 * Returns: (transfer none): care_fhir_arena_alloc(), zeroed
 */
gpointer
care_fhir_arena_alloc0 (CareFhirArena *arena,
                        gsize          size)
{
  return memset (care_fhir_arena_alloc (arena, size), 0, size);
}

/**
 * care_fhir_arena_strndup:
 * @arena: an arena
 * @text: text of at least @length bytes
 * @length: how many to copy
 *
 * Returns: (transfer none): a copy of @length bytes of @text, nul-terminated
 */
char *
care_fhir_arena_strndup (CareFhirArena *arena,
                         const char    *text,
                         gsize          length)
{
  char *copy = care_fhir_arena_alloc_bytes (arena, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

/**
 * care_fhir_arena_strdup:
 * @arena: an arena
 * @text: (nullable): a string
 *
 * Returns: (transfer none) (nullable): a copy of @text
 */
char *
care_fhir_arena_strdup (CareFhirArena *arena,
                        const char    *text)
{
  if (text == NULL)
    return NULL;
  return care_fhir_arena_strndup (arena, text, strlen (text));
}

/**
 * care_fhir_arena_scratch:
 * @arena: an arena
 *
 * A string to build text in, kept by @arena and emptied at each call: what
 * is built in it must be kept (care_fhir_arena_keep()) or dropped before
 * the next call, so no two may be built at once.
 *
 * Returns: (transfer none): the arena's scratch string, empty
 */
GString *
care_fhir_arena_scratch (CareFhirArena *arena)
{
  if (arena->scratch == NULL)
    arena->scratch = g_string_sized_new (4096);
  return g_string_truncate (arena->scratch, 0);
}

/**
 * care_fhir_arena_keep:
 * @arena: an arena
 * @string: a string, such as the arena's scratch string
 *
 * Returns: (transfer none): a copy of @string's text in @arena
 */
char *
care_fhir_arena_keep (CareFhirArena *arena,
                      GString       *string)
{
  return care_fhir_arena_strndup (arena, string->str, string->len);
}

/**
 * care_fhir_arena_list:
 * @arena: an arena
 *
 * A list to gather strings in, kept by @arena and emptied at each call, as
 * care_fhir_arena_scratch() is.
 *
 * Returns: (transfer none): the arena's scratch list, empty
 */
GPtrArray *
care_fhir_arena_list (CareFhirArena *arena)
{
  if (arena->list == NULL)
    arena->list = g_ptr_array_sized_new (16);
  g_ptr_array_set_size (arena->list, 0);
  return arena->list;
}

/**
 * care_fhir_arena_keep_list:
 * @arena: an arena
 * @list: strings that live as long as @arena
 *
 * Returns: (transfer none): @list's strings as a #CareFhirStrings in @arena
 */
CareFhirStrings *
care_fhir_arena_keep_list (CareFhirArena *arena,
                           GPtrArray     *list)
{
  CareFhirStrings *strings = care_fhir_arena_alloc (arena, sizeof (CareFhirStrings) + list->len * sizeof (char *));

  strings->pdata = (char **)(strings + 1);
  strings->len = list->len;
  if (list->len > 0)
    memcpy (strings->pdata, list->pdata, list->len * sizeof (char *));
  return strings;
}

/**
 * care_fhir_arena_own:
 * @arena: an arena
 * @data: (transfer full) (nullable): memory from g_malloc()
 *
 * Frees @data with @arena.
 */
void
care_fhir_arena_own (CareFhirArena *arena,
                     gpointer       data)
{
  Owned *owned;

  if (data == NULL)
    return;
  owned = care_fhir_arena_alloc (arena, sizeof (Owned));
  owned->data = data;
  owned->next = arena->owned;
  arena->owned = owned;
}
