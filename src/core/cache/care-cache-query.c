/* care-cache-query.c — what a view asks the cache for, as SQL
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filters and order become one SQL statement over the extracted columns
 * (STYLE.md §7: filter and sort in SQL), so a list of 50,000 rows never
 * has to be loaded to be filtered. The order always ends in the row id:
 * pages read with LIMIT/OFFSET must see one total order.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-error.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (CareCacheQuery, care_cache_query, care_cache_query_ref, care_cache_query_unref)

/**
 * care_cache_query_new:
 * @type: (nullable): the resource type, or %NULL for all types
 *
 * Returns: (transfer full): a query for every resource of @type, newest
 *   first
 */
CareCacheQuery *
care_cache_query_new (const char *type)
{
  CareCacheQuery *self = g_new0 (CareCacheQuery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->type = g_strdup (type);
  self->since = G_MININT64;
  self->until = G_MAXINT64;
  self->sort = CARE_CACHE_SORT_NEWEST;
  return self;
}

/**
 * care_cache_query_ref:
 * @self: a query
 *
 * Returns: (transfer full): @self
 */
CareCacheQuery *
care_cache_query_ref (CareCacheQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * care_cache_query_unref:
 * @self: a query
 */
void
care_cache_query_unref (CareCacheQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->type);
  g_free (self->category);
  g_free (self->code_system);
  g_free (self->code);
  g_free (self->status);
  g_free (self->text);
  g_free (self);
}

/**
 * care_cache_query_get_type_name:
 * @self: a query
 *
 * Returns: (nullable): the resource type asked for
 */
const char *
care_cache_query_get_type_name (CareCacheQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type;
}

/**
 * care_cache_query_set_category:
 * @self: a query
 * @category: (nullable): a category code ("laboratory"), any system
 *
 * Keeps only resources with that category among their categories.
 */
void
care_cache_query_set_category (CareCacheQuery *self,
                               const char     *category)
{
  g_return_if_fail (self != NULL);

  g_free (self->category);
  self->category = g_strdup (category);
}

/**
 * care_cache_query_set_code:
 * @self: a query
 * @system: (nullable): a code system, or %NULL for any
 * @code: (nullable): a code ("4548-4"), matched against every coding
 */
void
care_cache_query_set_code (CareCacheQuery *self,
                           const char     *system,
                           const char     *code)
{
  g_return_if_fail (self != NULL);

  g_free (self->code_system);
  g_free (self->code);
  self->code_system = g_strdup (system);
  self->code = g_strdup (code);
}

/**
 * care_cache_query_set_status:
 * @self: a query
 * @status: (nullable): a status code ("active", "final")
 */
void
care_cache_query_set_status (CareCacheQuery *self,
                             const char     *status)
{
  g_return_if_fail (self != NULL);

  g_free (self->status);
  self->status = g_strdup (status);
}

/**
 * care_cache_query_set_range:
 * @self: a query
 * @since: (nullable): keep resources effective at or after this time
 * @until: (nullable): keep resources effective before this time
 *
 * Undated resources are left out once either bound is set.
 */
void
care_cache_query_set_range (CareCacheQuery *self,
                            GDateTime      *since,
                            GDateTime      *until)
{
  g_return_if_fail (self != NULL);

  self->since = since != NULL ? g_date_time_to_unix (since) : G_MININT64;
  self->until = until != NULL ? g_date_time_to_unix (until) : G_MAXINT64;
}

/**
 * care_cache_query_set_text:
 * @self: a query
 * @text: (nullable): words to find anywhere in the record; each word
 *   matches as a prefix, all words must match
 */
void
care_cache_query_set_text (CareCacheQuery *self,
                           const char     *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->text);
  self->text = g_strdup (text);
}

/**
 * care_cache_query_set_sort:
 * @self: a query
 * @sort: the order
 */
void
care_cache_query_set_sort (CareCacheQuery *self,
                           CareCacheSort   sort)
{
  g_return_if_fail (self != NULL);

  self->sort = sort;
}

/* Turns what a person typed into an FTS5 query that cannot be a syntax
 * error: every word quoted (quotes doubled), matched as a prefix. */
char *
care_cache_dup_fts_query (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *query;

  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " \t\r\n", -1);
  query = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

static void
add_string (GPtrArray  *binds,
            const char *value)
{
  g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (value)));
}

static void
add_int (GPtrArray *binds,
         gint64     value)
{
  g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (value)));
}

/* Appends a SELECT of @columns (or a count) for @query to @sql, and its
 * parameters to @binds (GVariants). */
/* "%word%" for each word of @text, LIKE's own characters escaped. */
static void
add_like_words (const char *text,
                GString    *sql,
                GPtrArray  *binds)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) pattern = g_string_new ("%");

      if (words[i][0] == '\0')
        continue;
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      g_string_append (sql, " AND p.body LIKE ? ESCAPE '\\'");
      add_string (binds, pattern->str);
    }
}

void
care_cache_query_build (CareCacheQuery *query,
                        gboolean        indexing,
                        const char     *columns,
                        gboolean        for_count,
                        GString        *sql,
                        GPtrArray      *binds)
{
  g_autofree char *fts = care_cache_dup_fts_query (query->text);

  g_string_append_printf (sql, "SELECT %s FROM resources r", for_count ? "count(*)" : columns);
  if (fts != NULL && indexing)
    {
      /* A first sync's words wait in pending_text until its end
       * (care-cache-index.c): those are read too, unranked. */
      g_string_append (sql, " WHERE (r.rid IN (SELECT rowid FROM resource_text WHERE resource_text MATCH ?)"
                            " OR r.rid IN (SELECT p.rid FROM pending_text p WHERE 1");
      add_string (binds, fts);
      add_like_words (query->text, sql, binds);
      g_string_append (sql, "))");
    }
  else if (fts != NULL)
    {
      g_string_append (sql, " JOIN resource_text ON resource_text.rowid = r.rid"
                            " WHERE resource_text MATCH ?");
      add_string (binds, fts);
    }
  else
    g_string_append (sql, " WHERE 1");

  /* Search types (not referenced Practitioners and such) unless asked. */
  if (query->type != NULL)
    {
      g_string_append (sql, " AND r.type = ?");
      add_string (binds, query->type);
    }
  if (query->category != NULL)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM resource_tokens k"
                            " WHERE k.rid = r.rid AND k.kind = 0 AND k.code = ?)");
      add_string (binds, query->category);
    }
  if (query->code != NULL)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM resource_tokens k"
                            " WHERE k.rid = r.rid AND k.kind = 1 AND k.code = ?");
      add_string (binds, query->code);
      if (query->code_system != NULL)
        {
          g_string_append (sql, " AND k.system = ?");
          add_string (binds, query->code_system);
        }
      g_string_append (sql, ")");
    }
  if (query->status != NULL)
    {
      g_string_append (sql, " AND r.status = ?");
      add_string (binds, query->status);
    }
  if (query->since != G_MININT64)
    {
      g_string_append (sql, " AND r.effective_ts >= ?");
      add_int (binds, query->since);
    }
  if (query->until != G_MAXINT64)
    {
      g_string_append (sql, " AND r.effective_ts < ?");
      add_int (binds, query->until);
    }

  if (for_count)
    return;

  switch (query->sort)
    {
    case CARE_CACHE_SORT_RELEVANCE:
      if (fts != NULL && !indexing)
        {
          g_string_append (sql, " ORDER BY resource_text.rank, r.rid DESC");
          break;
        }
      G_GNUC_FALLTHROUGH;
    case CARE_CACHE_SORT_NEWEST:
      /* NULLs sort lowest, so undated resources come last; the index
       * (type, effective_ts, rid) is read backwards. */
      g_string_append (sql, " ORDER BY r.effective_ts DESC, r.rid DESC");
      break;
    case CARE_CACHE_SORT_OLDEST:
      g_string_append (sql, " ORDER BY r.effective_ts IS NULL, r.effective_ts, r.rid");
      break;
    case CARE_CACHE_SORT_NAME:
      g_string_append (sql, " ORDER BY r.display COLLATE NOCASE, r.rid");
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
care_cache_bind_all (sqlite3_stmt *stmt,
                     GPtrArray    *binds)
{
  for (guint i = 0; i < binds->len; i++)
    {
      GVariant *value = g_ptr_array_index (binds, i);
      int rc;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        rc = sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else
        rc = sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare_query (sqlite3         *db,
               CareCacheQuery  *query,
               const char      *columns,
               gboolean         for_count,
               GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  care_cache_query_build (query, care_cache_db_is_indexing (db), columns, for_count, sql, binds);
  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK || !care_cache_bind_all (stmt, binds))
    {
      g_set_error (error, CARE_CACHE_ERROR,
                   rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? CARE_CACHE_ERROR_CORRUPT : CARE_CACHE_ERROR_IO,
                   "Cache query failed: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Row ids of every match, in order: full-text results are ranked, so they
 * are collected once (in a worker) rather than re-ranked for each page. */
GArray *
care_cache_collect_rids (sqlite3         *db,
                         CareCacheQuery  *query,
                         GError         **error)
{
  sqlite3_stmt *stmt = prepare_query (db, query, "r.rid", FALSE, error);
  g_autoptr(GArray) rids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rids, rid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CARE_CACHE_ERROR,
                   rc == SQLITE_CORRUPT ? CARE_CACHE_ERROR_CORRUPT : CARE_CACHE_ERROR_IO,
                   "Cache query failed: %s", sqlite3_errmsg (db));
      return NULL;
    }
  return g_steal_pointer (&rids);
}

gint64
care_cache_count_query (sqlite3         *db,
                        CareCacheQuery  *query,
                        GError         **error)
{
  sqlite3_stmt *stmt = prepare_query (db, query, NULL, TRUE, error);
  gint64 count = -1;
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    g_set_error (error, CARE_CACHE_ERROR,
                 rc == SQLITE_CORRUPT ? CARE_CACHE_ERROR_CORRUPT : CARE_CACHE_ERROR_IO,
                 "Cache query failed: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return count;
}

/* One page of items for the list model: bind LIMIT and OFFSET after the
 * query's own parameters. */
sqlite3_stmt *
care_cache_prepare_page (sqlite3         *db,
                         CareCacheQuery  *query,
                         GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  sqlite3_stmt *stmt = NULL;

  care_cache_query_build (query, care_cache_db_is_indexing (db), CARE_CACHE_ITEM_COLUMNS, FALSE, sql, binds);
  g_string_append (sql, " LIMIT ? OFFSET ?");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK || !care_cache_bind_all (stmt, binds))
    {
      g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO, "Cache query failed: %s",
                   sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}
