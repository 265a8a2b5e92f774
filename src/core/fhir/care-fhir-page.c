/* care-fhir-page.c — one response from a FHIR server, parsed and indexed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A searchset page can hold a thousand resources and several megabytes,
 * so parsing, reading each resource's index columns and freeing the parsed
 * tree all happen in a worker thread (STYLE.md §5); the main thread only
 * binds the results into one cache transaction.
 *
 * A searchset Bundle of plain JSON never becomes a tree: care_json_scan()
 * reads it once into tokens, and each resource's index, words and
 * references are read from them (care-fhir-scan-index.c), its text kept
 * as its slice of the page (parse_scanned()). What the scanner does not
 * vouch for, and a lone resource, take the road below.
 *
 * Each resource is stored as the text the server sent, not re-serialised:
 * once json-glib has accepted the whole body, a strict scanner finds each
 * entry's "resource" value in the text and the record keeps that slice
 * (insignificant whitespace removed). That is lossless (decimals keep their
 * digits: "7.20" stays "7.20") and costs a copy instead of a serialisation.
 * Whenever the scanner meets anything but plain JSON (json-glib also takes
 * comments, single quotes and hex numbers), an escaped member name, or a
 * different count of entries than json-glib found, the page falls back to
 * json_to_string() for every resource.
 *
 * Bad input is a CARE_FHIR_ERROR and produces no page at all, so nothing
 * half-parsed can reach the cache (FHIR-CLIENT.md 24).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir-arena.h"
#include "care-fhir-page.h"
#include "care-fhir-scan.h"
#include "care-json.h"

#include <string.h>

/**
 * care_fhir_record_new:
 * @resource: a resource with resourceType and id
 *
 * Returns: (transfer full): @resource with its JSON text and index
 */
CareFhirRecord *
care_fhir_record_new (JsonObject *resource)
{
  CareFhirRecord *record = g_new0 (CareFhirRecord, 1);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), resource);

  record->resource = json_object_ref (resource);
  record->json = json_to_string (node, FALSE);
  record->index = care_fhir_index_new (resource);
  return record;
}

/* A record of a parsed page: @json is its text (taken), and the tree is
 * not kept, so it is freed in the parsing thread with the page's. */
static CareFhirRecord *
record_new_with_text (JsonObject *resource,
                      char       *json)
{
  CareFhirRecord *record = g_new0 (CareFhirRecord, 1);

  if (json == NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), resource);

      json = json_to_string (node, FALSE);
    }
  record->json = json;
  record->index = care_fhir_index_new (resource);
  return record;
}

/**
 * care_fhir_record_free:
 * @record: (nullable): a record
 */
void
care_fhir_record_free (CareFhirRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->resource, json_object_unref);
  g_free (record->json);
  care_fhir_index_free (record->index);
  g_free (record);
}

/**
 * care_fhir_page_free:
 * @page: (nullable): a page
 */
void
care_fhir_page_free (CareFhirPage *page)
{
  if (page == NULL)
    return;
  /* A scanned page's records are in its arena, freed below. */
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_clear_pointer (&page->references, g_hash_table_unref);
  g_free (page->next_url);
  g_free (page->self_url);
  g_free (page->outcome_text);
  care_fhir_arena_free (page->arena);
  g_free (page);
}

typedef struct
{
  GHashTable *into;
} ReferenceWalk;

static void collect_node_references (JsonNode *node, GHashTable *into);

static void
collect_member_references (JsonObject *object,
                           const char *name,
                           JsonNode   *node,
                           gpointer    user_data)
{
  ReferenceWalk *walk = user_data;

  /* Only objects and arrays can hold a Reference. */
  if (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!g_str_equal (name, "contained"))
    collect_node_references (node, walk->into);
}

static void
collect_node_references (JsonNode   *node,
                         GHashTable *into)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *reference = care_fhir_get_string (object, "reference");
      ReferenceWalk walk = { into };

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

      json_object_foreach_member (object, collect_member_references, &walk);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);

      for (guint i = 0; i < length; i++)
        collect_node_references (json_array_get_element (array, i), into);
    }
}

/**
 * care_fhir_collect_references:
 * @resource: a resource
 * @into: (element-type utf8): a set of strings, owning them
 *
 * Adds "Type/id" for every relative or absolute Reference in @resource.
 * Contained and urn: references resolve inside the resource or Bundle,
 * so they are not collected.
 */
void
care_fhir_collect_references (JsonObject *resource,
                              GHashTable *into)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), resource);

  collect_node_references (node, into);
}

/* The text of each entry's resource, found by a strict scanner over a
 * body json-glib has already accepted (see the top of the file). */
typedef struct
{
  const char *p;
  const char *end;
} Scanner;

typedef struct
{
  const char *start;     /* NULL: the entry has no resource object */
  gsize       length;
  gboolean    spaced;    /* holds whitespace outside strings */
} Slice;

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline void
skip_space (Scanner *scanner)
{
  while (scanner->p < scanner->end && is_space (*scanner->p))
    scanner->p++;
}

/* At a '"': moves past the string. @out_plain says it has no escapes. */
static gboolean
skip_string (Scanner    *scanner,
             const char **out_start,
             gsize      *out_length,
             gboolean   *out_plain)
{
  const char *start;
  gboolean plain = TRUE;

  if (scanner->p >= scanner->end || *scanner->p != '"')
    return FALSE;
  start = ++scanner->p;
  while (scanner->p < scanner->end)
    {
      guchar c = *scanner->p;

      if (c == '"')
        {
          if (out_start != NULL)
            *out_start = start;
          if (out_length != NULL)
            *out_length = scanner->p - start;
          if (out_plain != NULL)
            *out_plain = plain;
          scanner->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;     /* raw control characters: not plain JSON */
      if (c == '\\')
        {
          plain = FALSE;
          scanner->p++;
        }
      scanner->p++;
    }
  return FALSE;
}

/* Moves past one value of any kind, noting whitespace inside it. Outside
 * strings only JSON's own characters are allowed. */
static gboolean
skip_value (Scanner  *scanner,
            gboolean *spaced)
{
  int depth = 0;

  do
    {
      char c;

      if (scanner->p >= scanner->end)
        return FALSE;
      c = *scanner->p;
      switch (c)
        {
        case '"':
          if (!skip_string (scanner, NULL, NULL, NULL))
            return FALSE;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth < 0)
            return FALSE;
          break;
        case ',':
        case ':':
          if (depth == 0)
            return FALSE;
          break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
          if (depth == 0)
            return FALSE;
          *spaced = TRUE;
          break;
        default:
          /* Numbers, true, false, null. */
          if (!g_ascii_isdigit (c) && strchr ("+-.eEtrufalsn", c) == NULL)
            return FALSE;
          if (depth == 0)
            {
              while (scanner->p < scanner->end && (g_ascii_isdigit (*scanner->p) ||
                                                   strchr ("+-.eEtrufalsn", *scanner->p) != NULL))
                scanner->p++;
              return TRUE;
            }
          break;
        }
      scanner->p++;
    }
  while (depth > 0);
  return TRUE;
}

typedef gboolean (*MemberFunc) (Scanner *scanner, const char *name, gsize length, gpointer user_data);

/* At a '{': calls @func at each member's value, which it must skip. */
static gboolean
scan_object (Scanner    *scanner,
             MemberFunc  func,
             gpointer    user_data)
{
  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == '}')
    {
      scanner->p++;
      return TRUE;
    }
  for (;;)
    {
      const char *name;
      gsize length;
      gboolean plain;

      if (!skip_string (scanner, &name, &length, &plain) || !plain)
        return FALSE;
      skip_space (scanner);
      if (scanner->p >= scanner->end || *scanner->p != ':')
        return FALSE;
      scanner->p++;
      skip_space (scanner);
      if (!func (scanner, name, length, user_data))
        return FALSE;
      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return FALSE;
      if (*scanner->p == '}')
        {
          scanner->p++;
          return TRUE;
        }
      if (*scanner->p != ',')
        return FALSE;
      scanner->p++;
      skip_space (scanner);
    }
}

static gboolean
entry_member (Scanner    *scanner,
              const char *name,
              gsize       length,
              gpointer    user_data)
{
  Slice *slice = user_data;
  const char *start = scanner->p;
  gboolean spaced = FALSE;

  if (length != 8 || memcmp (name, "resource", 8) != 0)
    return skip_value (scanner, &spaced);
  if (!skip_value (scanner, &spaced))
    return FALSE;
  /* The last of repeated members counts, as in json-glib. */
  slice->start = *start == '{' ? start : NULL;
  slice->length = scanner->p - start;
  slice->spaced = spaced;
  return TRUE;
}

static gboolean
bundle_member (Scanner    *scanner,
               const char *name,
               gsize       length,
               gpointer    user_data)
{
  GArray *slices = user_data;
  gboolean spaced = FALSE;

  if (length != 5 || memcmp (name, "entry", 5) != 0 || *scanner->p != '[')
    return skip_value (scanner, &spaced);

  g_array_set_size (slices, 0);
  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == ']')
    {
      scanner->p++;
      return TRUE;
    }
  for (;;)
    {
      Slice slice = { NULL, 0, FALSE };

      if (scanner->p >= scanner->end)
        return FALSE;
      if (*scanner->p == '{')
        {
          if (!scan_object (scanner, entry_member, &slice))
            return FALSE;
        }
      else if (!skip_value (scanner, &spaced))
        return FALSE;
      g_array_append_val (slices, slice);
      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return FALSE;
      if (*scanner->p == ']')
        {
          scanner->p++;
          return TRUE;
        }
      if (*scanner->p != ',')
        return FALSE;
      scanner->p++;
      skip_space (scanner);
    }
}

/* The slices of a Bundle's entries in order, or NULL when the text is not
 * plain enough to trust them. */
static GArray *
find_entry_slices (const char *data,
                   gsize       length)
{
  g_autoptr(GArray) slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  Scanner scanner = { data, data + length };

  skip_space (&scanner);
  if (scanner.p >= scanner.end || *scanner.p != '{' || !scan_object (&scanner, bundle_member, slices))
    return NULL;
  skip_space (&scanner);
  if (scanner.p != scanner.end)
    return NULL;
  return g_steal_pointer (&slices);
}

/* The text of one resource, without whitespace outside strings. */
static char *
dup_slice (const Slice *slice)
{
  const char *p = slice->start;
  const char *end = p + slice->length;
  char *text;
  char *out;

  if (!slice->spaced)
    return g_strndup (slice->start, slice->length);

  out = text = g_malloc (slice->length + 1);
  while (p < end)
    {
      char c = *p++;

      if (is_space (c))
        continue;
      *out++ = c;
      if (c == '"')
        {
          /* Copied verbatim; the scanner checked it ends before @end. */
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
  return text;
}

/* The text of a lone resource: the whole body, if it is plain JSON. */
static char *
dup_whole (const char *data,
           gsize       length)
{
  Scanner scanner = { data, data + length };
  Slice slice = { NULL, 0, FALSE };

  skip_space (&scanner);
  slice.start = scanner.p;
  if (scanner.p >= scanner.end || *scanner.p != '{' || !skip_value (&scanner, &slice.spaced))
    return NULL;
  slice.length = scanner.p - slice.start;
  skip_space (&scanner);
  if (scanner.p != scanner.end)
    return NULL;
  return dup_slice (&slice);
}

static const char *
get_link (JsonObject *bundle,
          const char *relation)
{
  JsonArray *links = care_fhir_get_array (bundle, "link");

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *link = care_fhir_get_array_object (bundle, "link", i);

      if (g_strcmp0 (care_fhir_get_string (link, "relation"), relation) == 0)
        return care_fhir_get_string (link, "url");
    }
  return NULL;
}

static void
note_outcome (CareFhirPage *page,
              JsonObject   *outcome)
{
  g_autofree char *text = NULL;
  CareFhirOutcomeKind kind = care_fhir_classify_outcome (outcome, &text);

  if (kind > page->outcome)
    {
      page->outcome = kind;
      g_free (page->outcome_text);
      page->outcome_text = g_steal_pointer (&text);
    }
}

static void
add_resource (CareFhirPage *page,
              GHashTable   *keys,
              JsonObject   *resource,
              const Slice  *slice,
              char         *whole)
{
  const char *type = care_fhir_get_string (resource, "resourceType");
  const char *id = care_fhir_get_string (resource, "id");
  g_autofree char *json = whole;
  char *key;

  if (type == NULL)
    return;
  if (g_str_equal (type, "OperationOutcome"))
    {
      note_outcome (page, resource);
      return;
    }
  /* Without an id a resource cannot be kept up to date or de-duplicated. */
  if (id == NULL || id[0] == '\0')
    return;

  key = g_strconcat (type, "/", id, NULL);
  if (!g_hash_table_add (keys, key))
    return;

  if (json == NULL && slice != NULL && slice->start != NULL)
    json = dup_slice (slice);
  g_ptr_array_add (page->records, record_new_with_text (resource, g_steal_pointer (&json)));
  care_fhir_collect_references (resource, page->references);
}

/* A Bundle read from its tokens (care-json-scan.c): no tree is built,
 * each resource keeps its slice of the page, and its index, words and
 * references are read from the tokens (care-fhir-scan-index.c). NULL
 * leaves the page to the tree (a single resource, no resourceType). */
static CareFhirPage *
parse_scanned (CareScan *scan)
{
  g_autoptr(CareFhirPage) page = NULL;
  g_autoptr(GHashTable) keys = NULL;
  gboolean has_next = FALSE, has_self = FALSE;
  guint links, entries;

  if (g_strcmp0 (care_scan_get_string (scan, 0, "resourceType"), "Bundle") != 0)
    return NULL;

  page = g_new0 (CareFhirPage, 1);
  page->arena = care_fhir_arena_new ();
  page->records = g_ptr_array_new ();
  page->references = g_hash_table_new (g_str_hash, g_str_equal);
  page->is_bundle = TRUE;
  keys = g_hash_table_new (g_str_hash, g_str_equal);

  /* The first link of each relation counts, as in get_link(). */
  links = care_scan_array (scan, 0, "link");
  for (guint link = care_scan_first (scan, links); link != CARE_SCAN_NONE; link = care_scan_next (scan, links, link))
    {
      const char *relation = care_scan_get_string (scan, link, "relation");

      if (!has_next && g_strcmp0 (relation, "next") == 0)
        {
          page->next_url = g_strdup (care_scan_get_string (scan, link, "url"));
          has_next = TRUE;
        }
      if (!has_self && g_strcmp0 (relation, "self") == 0)
        {
          page->self_url = g_strdup (care_scan_get_string (scan, link, "url"));
          has_self = TRUE;
        }
    }

  entries = care_scan_array (scan, 0, "entry");
  for (guint entry = care_scan_first (scan, entries); entry != CARE_SCAN_NONE;
       entry = care_scan_next (scan, entries, entry))
    {
      guint resource = care_scan_object (scan, entry, "resource");
      const char *mode = care_scan_get_string (scan, care_scan_object (scan, entry, "search"), "mode");
      const char *type = care_scan_get_string (scan, resource, "resourceType");
      const char *id = care_scan_get_string (scan, resource, "id");
      const CareScanToken *token;
      CareFhirRecord *record;
      GString *key;

      if (resource == CARE_SCAN_NONE || type == NULL)
        continue;
      if (g_strcmp0 (mode, "outcome") == 0 || g_str_equal (type, "OperationOutcome"))
        {
          g_autoptr(JsonObject) outcome = NULL;

          token = &scan->tokens[resource];
          outcome = care_json_parse_object (scan->source + token->start, token->length, NULL);

          if (outcome != NULL)
            note_outcome (page, outcome);
          continue;
        }
      if (id == NULL || id[0] == '\0')
        continue;
      key = care_fhir_arena_scratch (page->arena);
      g_string_append (key, type);
      g_string_append_c (key, '/');
      g_string_append (key, id);
      if (g_hash_table_contains (keys, key->str))
        continue;
      g_hash_table_add (keys, care_fhir_arena_keep (page->arena, key));
      token = &scan->tokens[resource];
      record = care_fhir_arena_new0 (page->arena, CareFhirRecord);
      record->json = care_fhir_arena_alloc_bytes (page->arena, token->length + 1);
      record->json_length = care_scan_copy_text (scan, resource, record->json);
      record->index = care_fhir_index_new_scanned (scan, resource, page->arena, page->references);
      g_ptr_array_add (page->records, record);
    }
  /* The index's strings point into the scan's text: the page keeps it. */
  care_fhir_arena_own (page->arena, g_steal_pointer (&scan->text));
  return g_steal_pointer (&page);
}

/* Whether pages are read from tokens; CAREBOOK_JSON_SCAN=0 reads them as
 * trees, for benchmarks that compare the two in one run. */
static gboolean
scanner_enabled (void)
{
  static gsize enabled = 0;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_strcmp0 (g_getenv ("CAREBOOK_JSON_SCAN"), "0") == 0 ? 1 : 2);
  return enabled == 2;
}

/**
 * care_fhir_page_parse:
 * @body: a response body
 * @content_type: (nullable): its Content-Type; %NULL skips the check
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Reads a searchset Bundle or a single resource. May run in any thread.
 * The records keep their JSON text and index, not the parsed tree (their
 * @resource is %NULL): the tree is freed here, in the calling thread.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
CareFhirPage *
care_fhir_page_parse (GBytes      *body,
                      const char  *content_type,
                      GError     **error)
{
  return care_fhir_page_parse_with (body, content_type, scanner_enabled (), error);
}

/**
 * care_fhir_page_parse_with:
 * @body: a response body
 * @content_type: (nullable): its Content-Type; %NULL skips the check
 * @scan: whether a Bundle may be read from tokens; %FALSE always builds
 *   the tree (the tests compare the two)
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * care_fhir_page_parse(), choosing the road.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
CareFhirPage *
care_fhir_page_parse_with (GBytes      *body,
                           const char  *content_type,
                           gboolean     scan,
                           GError     **error)
{
  g_autoptr(CareFhirPage) page = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GArray) slices = NULL;
  g_autofree char *normalised = NULL;
  g_autoptr(GError) check_error = NULL;
  gsize length;
  const char *data;
  JsonArray *entries;
  guint n_entries;

  g_return_val_if_fail (body != NULL, NULL);

  if (content_type != NULL && !care_fhir_is_json_content_type (content_type))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("The health system answered with something other than FHIR JSON."));
      return NULL;
    }

  data = g_bytes_get_data (body, &length);
  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("The health system sent an empty answer."));
      return NULL;
    }
  if (scan)
    {
      g_autoptr(CareScan) tokens = care_json_scan (data, length, CARE_JSON_MAX_DEPTH, CARE_FHIR_PAGE_MAX_ENTRIES);

      if (tokens != NULL && (page = parse_scanned (tokens)) != NULL)
        return g_steal_pointer (&page);
    }
  /* Checked before anything is built: a page of a million entries is
   * refused at the cost of one scan, and the records' text is taken from
   * the normalised copy, so it says what their index says. */
  if (!care_json_check (data, length, CARE_JSON_MAX_DEPTH, CARE_FHIR_PAGE_MAX_ENTRIES, &normalised,
                        &check_error))
    {
      if (g_error_matches (check_error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE))
        g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                     /* Translators: %1$u is a number such as 10,000 */
                     _("The health system sent more than %1$u entries in one page."),
                     CARE_FHIR_PAGE_MAX_ENTRIES);
      else
        g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                             _("The health system sent data that is not valid FHIR JSON."));
      return NULL;
    }
  if (normalised != NULL)
    data = normalised;
  root = care_fhir_parse_resource (data, length, error);
  if (root == NULL)
    return NULL;

  page = g_new0 (CareFhirPage, 1);
  page->records = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);
  page->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_str_equal (care_fhir_get_string (root, "resourceType"), "Bundle"))
    {
      add_resource (page, keys, root, NULL, dup_whole (data, length));
      return g_steal_pointer (&page);
    }

  page->is_bundle = TRUE;
  page->next_url = g_strdup (get_link (root, "next"));
  page->self_url = g_strdup (get_link (root, "self"));

  entries = care_fhir_get_array (root, "entry");
  n_entries = entries != NULL ? json_array_get_length (entries) : 0;
  if (n_entries > 0)
    {
      slices = find_entry_slices (data, length);
      if (slices != NULL && slices->len != n_entries)
        g_clear_pointer (&slices, g_array_unref);
    }
  for (guint i = 0; i < n_entries; i++)
    {
      JsonObject *entry = care_fhir_get_array_object (root, "entry", i);
      JsonObject *resource = care_fhir_get_object (entry, "resource");
      const char *mode = care_fhir_get_string (care_fhir_get_object (entry, "search"), "mode");

      if (resource == NULL)
        continue;
      if (g_strcmp0 (mode, "outcome") == 0 ||
          g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "OperationOutcome") == 0)
        note_outcome (page, resource);
      else
        add_resource (page, keys, resource, slices != NULL ? &g_array_index (slices, Slice, i) : NULL, NULL);
    }

  return g_steal_pointer (&page);
}

typedef struct
{
  GBytes *body;
  char   *content_type;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_bytes_unref (data->body);
  g_free (data->content_type);
  g_free (data);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  CareFhirPage *page = care_fhir_page_parse (data->body, data->content_type, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify)care_fhir_page_free);
}

/**
 * care_fhir_page_parse_async:
 * @body: a response body
 * @content_type: (nullable): its Content-Type
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: for @callback
 *
 * Parses @body in a worker thread.
 */
void
care_fhir_page_parse_async (GBytes              *body,
                            const char          *content_type,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_return_if_fail (body != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_fhir_page_parse_async);
  data = g_new0 (ParseData, 1);
  data->body = g_bytes_ref (body);
  data->content_type = g_strdup (content_type);
  g_task_set_task_data (task, data, (GDestroyNotify)parse_data_free);
  g_task_run_in_thread (task, parse_in_thread);
}

/**
 * care_fhir_page_parse_finish:
 * @result: the result
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): the page
 */
CareFhirPage *
care_fhir_page_parse_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_fhir_page_parse_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
