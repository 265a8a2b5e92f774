/* store-floor.c — the least a cache that keeps what the issue asks for
 * costs to write, for bench/README.md
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   store-floor CACHE PAGE.json...
 *
 * Parses the saved pages first, untimed, exactly as the sync does. Then,
 * timed, it writes them into a new cache with the app's own schema in the
 * barest way the cache's promises allow: one transaction per page, each
 * resource one INSERT of its row (the JSON whole and the index columns the
 * views query). No lookups, no versions compared, no token rows, no
 * parsing, no network: what is left is SQLite's own work. Four passes,
 * each into a new file: "bare", the rows with only their keys (the
 * schema's three other indexes dropped first); "rows", the rows under the
 * schema's indexes, as the views need them to page through 50,000 results;
 * "rows+fts", those and one FTS5 row of search words a resource, as the
 * record search needs; and "deferred", the way a first sync into an
 * empty cache writes (care-cache-index.c): the rows without the
 * secondary indexes and their words in a plain table, page by page, then
 * the indexes and FTS5 built in one transaction at the end. Each prints
 * its wall-clock seconds.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>

#include "care-cache.h"
#include "care-fhir-page.h"

static void
remove_cache (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
check (sqlite3 *db,
       int      rc)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  fprintf (stderr, "sqlite: %s\n", sqlite3_errmsg (db));
  return FALSE;
}

/* One timed pass over every page; returns wall-clock seconds, or < 0. */
static double
store_all (const char *path,
           GPtrArray  *pages,
           gboolean    with_indexes,
           gboolean    with_text,
           gboolean    deferred)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) cache = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  sqlite3_stmt *text = NULL;
  gint64 start;
  double seconds = -1;

  /* The app's schema, made by the app's own code, then closed. */
  remove_cache (path);
  cache = care_cache_open (path, &error);
  if (cache == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return -1;
    }
  g_clear_object (&cache);

  start = g_get_monotonic_time ();
  if (!check (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)) ||
      !check (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL, NULL)) ||
      ((!with_indexes || deferred) &&
       !check (db, sqlite3_exec (db, "DROP INDEX resources_by_date; DROP INDEX resources_by_code;"
                                     " DROP INDEX resources_by_name", NULL, NULL, NULL))) ||
      !check (db, sqlite3_prepare_v2 (db, "INSERT INTO resources (type, id, version_id, last_updated, patient,"
                                          " code_system, code, effective, effective_ts, status, display, json)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &insert, NULL)) ||
      (deferred && !check (db, sqlite3_exec (db, "DROP INDEX resource_tokens_by_code;"
                                                 " CREATE TABLE pending_text (rid INTEGER PRIMARY KEY, body TEXT NOT NULL)",
                                             NULL, NULL, NULL))) ||
      !check (db, sqlite3_prepare_v2 (db, deferred ? "INSERT INTO pending_text (rid, body) VALUES (?, ?)"
                                                   : "INSERT INTO resource_text (rowid, body) VALUES (?, ?)", -1, &text,
                                      NULL)))
    goto out;

  for (guint p = 0; p < pages->len; p++)
    {
      CareFhirPage *page = g_ptr_array_index (pages, p);

      if (!check (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL)))
        goto out;
      for (guint i = 0; i < page->records->len; i++)
        {
          CareFhirRecord *record = g_ptr_array_index (page->records, i);
          CareFhirIndex *index = record->index;

          sqlite3_reset (insert);
          bind_text (insert, 1, index->type);
          bind_text (insert, 2, index->id);
          bind_text (insert, 3, index->version_id);
          bind_text (insert, 4, index->last_updated);
          bind_text (insert, 5, index->patient);
          bind_text (insert, 6, index->code_system);
          bind_text (insert, 7, index->code);
          bind_text (insert, 8, index->effective);
          sqlite3_bind_int64 (insert, 9, index->effective_unix);
          bind_text (insert, 10, index->status);
          bind_text (insert, 11, index->display);
          bind_text (insert, 12, record->json);
          if (!check (db, sqlite3_step (insert)))
            goto out;
          if (with_text)
            {
              sqlite3_reset (text);
              sqlite3_bind_int64 (text, 1, sqlite3_last_insert_rowid (db));
              bind_text (text, 2, index->search_text);
              if (!check (db, sqlite3_step (text)))
                goto out;
            }
        }
      if (!check (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL)))
        goto out;
    }
  if (deferred)
    {
      if (!check (db, sqlite3_exec (db, "BEGIN IMMEDIATE;"
                                    "CREATE INDEX resources_by_date ON resources (type, effective_ts, rid);"
                                    "CREATE INDEX resources_by_code ON resources (type, code, effective_ts);"
                                    "CREATE INDEX resources_by_name ON resources (type, display COLLATE NOCASE);"
                                    "CREATE INDEX resource_tokens_by_code ON resource_tokens (kind, code, rid);"
                                    "INSERT INTO resource_text (rowid, body) SELECT rid, body FROM pending_text;"
                                    "DROP TABLE pending_text;"
                                    "COMMIT", NULL, NULL, NULL)))
        goto out;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;

out:
  sqlite3_finalize (insert);
  sqlite3_finalize (text);
  sqlite3_close (db);
  remove_cache (path);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_page_free);
  double bare, rows, with_text, deferred;
  guint n = 0;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      fprintf (stderr, "usage: store-floor CACHE PAGE.json...\n");
      return 2;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      CareFhirPage *page;
      char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (argv[i], &contents, &length, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      body = g_bytes_new_take (contents, length);
      page = care_fhir_page_parse (body, "application/fhir+json", &error);
      if (page == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          return 1;
        }
      n += page->records->len;
      g_ptr_array_add (pages, page);
    }

  bare = store_all (argv[1], pages, FALSE, FALSE, FALSE);
  rows = store_all (argv[1], pages, TRUE, FALSE, FALSE);
  with_text = store_all (argv[1], pages, TRUE, TRUE, FALSE);
  deferred = store_all (argv[1], pages, TRUE, TRUE, TRUE);
  if (bare < 0 || rows < 0 || with_text < 0 || deferred < 0)
    return 1;
  printf ("resources %u\nbare %.3f\nrows %.3f\nrows+fts %.3f\ndeferred %.3f\n", n, bare, rows, with_text,
          deferred);
  return 0;
}
