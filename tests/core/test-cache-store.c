/* test-cache-store.c — opening, damage, schema, writing and sweeping
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "care-error.h"
#include "cache-test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  CareCache *cache;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carebook-cache-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: the cache makes it, privately. */
  fixture->path = g_build_filename (fixture->dir, "conn", "cache.sqlite", NULL);
  if (data == NULL)
    {
      fixture->cache = care_cache_open (fixture->path, &error);
      g_assert_no_error (error);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  if (fixture->cache != NULL)
    g_assert_finalize_object (fixture->cache);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_private_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_ptr_array_add (page, cache_test_observation (1, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* WAL mode, and its journal is as private as the database. */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_schema_version (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&fixture->cache);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* A cache from a newer Carebook is not downgraded or damaged. */
  g_assert_null (care_cache_open (fixture->path, &error));
  g_assert_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_MIGRATION);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) again = NULL;

  g_ptr_array_add (page, cache_test_observation (1, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_clear_object (&fixture->cache);

  again = care_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_cache_count (again, "Observation", &error), ==, 1);
}

/* The value of a PRAGMA that answers one integer, on @db. */
static gint64
pragma_int (sqlite3    *db,
            const char *pragma)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
file_page_size (const char *path)
{
  sqlite3 *db = NULL;
  gint64 size;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  size = pragma_int (db, "PRAGMA page_size");
  sqlite3_close (db);
  return size;
}

/* A new cache is made with 32 KiB pages (a first sync makes an eighth of
 * the system calls); a cache made before with 4 KiB pages opens as it is,
 * its resources all there. */
static void
test_page_size (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) again = NULL;
  sqlite3 *db = NULL;

  g_ptr_array_add (page, cache_test_observation (1, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_clear_object (&fixture->cache);
  g_assert_cmpint (file_page_size (fixture->path), ==, 32768);

  /* As an older Carebook made it. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;"
                                     " PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (file_page_size (fixture->path), ==, 4096);

  again = care_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_cache_count (again, "Observation", &error), ==, 1);
  g_clear_object (&again);
  g_assert_cmpint (file_page_size (fixture->path), ==, 4096);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  const char *name = data;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "cache", name, NULL);
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) rebuilt = NULL;
  g_autoptr(GDir) dir = NULL;
  gboolean moved_aside = FALSE;
  const char *entry;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  before = checksum_file (fixture->path);

  g_assert_null (care_cache_open (fixture->path, &error));
  g_assert_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));

  /* Nothing was touched: same bytes, no journal created. */
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Rebuild moves it aside and starts empty. */
  g_clear_error (&error);
  rebuilt = care_cache_rebuild (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_cache_count (rebuilt, NULL, &error), ==, 0);
  dir = g_dir_open (folder, 0, NULL);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, "cache.sqlite.damaged-") && !g_str_has_suffix (entry, "-wal") &&
        !g_str_has_suffix (entry, "-shm"))
      {
        g_autofree char *kept = g_build_filename (folder, entry, NULL);
        g_autofree char *sum = checksum_file (kept);

        g_assert_cmpstr (sum, ==, before);
        moved_aside = TRUE;
      }
  g_assert_true (moved_aside);
}

static GWeakRef last_task;

static void
integrity_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **out = user_data;
  gboolean ok;

  g_weak_ref_init (&last_task, result);
  ok = care_cache_check_integrity_finish (CARE_CACHE (source), result, out);

  g_assert_true (ok == (*out == NULL));
  if (ok)
    *out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static GError *
check_integrity (CareCache *cache)
{
  GError *error = NULL;

  care_cache_check_integrity_async (cache, NULL, integrity_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  cache_test_wait_for_task (&last_task);
  return error;
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) result = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;

  for (guint i = 0; i < 400; i++)
    g_ptr_array_add (page, cache_test_observation (i, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  result = check_integrity (fixture->cache);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_object (&fixture->cache);

  /* Checkpoint into the main file, then scribble over its middle. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  for (gsize i = length / 2; i < length / 2 + 8192 && i < length; i++)
    contents[i] = (char)(i * 13);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  fixture->cache = care_cache_open (fixture->path, &error);
  if (fixture->cache == NULL)
    {
      /* Found at open: equally fine. */
      g_assert_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT);
      return;
    }
  g_clear_error (&result);
  result = check_integrity (fixture->cache);
  g_assert_error (result, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT);
}

/* A cache cut short (its header still counts the lost pages) was refused
 * by SQLite at prepare, so a rebuild lost the unsent messages, while the
 * message said nothing was lost. */
static void
test_truncated_keeps_outbox (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) rebuilt = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(CareOutboxItem) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *contents = NULL;
  CareCache *damaged;
  gsize length;

  message = care_fhir_parse_resource ("{\"resourceType\":\"Communication\",\"status\":\"in-progress\","
                                      "\"payload\":[{\"contentString\":\"Please call me\"}]}", -1, &error);
  g_assert_no_error (error);
  item = care_cache_outbox_add (fixture->cache, message, &error);
  g_assert_no_error (error);
  /* Enough that the resources fill most of the file, past the tables'
   * first pages (the outbox's among them), with 32 KiB pages too. */
  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (page, cache_test_observation (i, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_finalize_object (g_steal_pointer (&fixture->cache));

  /* The second half of the file is gone. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100000);
  g_assert_true (g_file_set_contents (fixture->path, contents, (length / 4096 / 2) * 4096, NULL));

  damaged = care_cache_open (fixture->path, &error);
  g_assert_null (damaged);
  g_assert_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT);
  g_assert_null (strstr (error->message, "nothing"));
  g_assert_nonnull (strstr (error->message, "1 change"));
  g_clear_error (&error);

  rebuilt = care_cache_rebuild (fixture->path, &error);
  g_assert_no_error (error);
  items = care_cache_outbox_list (rebuilt, TRUE);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((CareOutboxItem *)g_ptr_array_index (items, 0))->client_id, ==, item->client_id);
  g_assert_nonnull (strstr (((CareOutboxItem *)g_ptr_array_index (items, 0))->json, "Please call me"));
}

/* A cache damaged after the user wrote something offline and opened a
 * result: the rebuilt one still holds the unsent message and the mark;
 * the damaged file stays as it was. */
static void
test_rebuild_keeps_user_data (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) rebuilt = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(CareOutboxItem) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *contents = NULL;
  CareCache *damaged;
  CareOutboxItem *kept;
  gsize page_size;
  gsize garbled;
  gsize length;

  message = care_fhir_parse_resource ("{\"resourceType\":\"Communication\",\"status\":\"in-progress\","
                                      "\"payload\":[{\"contentString\":\"Is my A1c better?\"}]}", -1, &error);
  g_assert_no_error (error);
  item = care_cache_outbox_add (fixture->cache, message, &error);
  g_assert_no_error (error);
  g_assert_true (care_cache_set_meta (fixture->cache, "results.opened:Observation/obs-3", "1", &error));
  g_assert_true (care_cache_set_meta (fixture->cache, "capability", "{}", &error));
  /* Enough that the middle of the file is resources, with 32 KiB pages too. */
  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (page, cache_test_observation (i, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_finalize_object (g_steal_pointer (&fixture->cache));

  /* A page of resources in the middle of the file is garbled: the cache
   * may still open, but it is damaged. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100000);
  /* At a page's header (the page size is in the file's header). */
  page_size = ((guint8)contents[16] << 8) | (guint8)contents[17];
  garbled = (length / page_size / 2) * page_size;
  memset (contents + garbled + 8, 0xff, 64);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  damaged = care_cache_open (fixture->path, &error);
  if (damaged != NULL)
    {
      g_autoptr(GError) integrity = check_integrity (damaged);

      g_assert_error (integrity, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT);
      g_assert_finalize_object (g_steal_pointer (&damaged));
    }
  g_clear_error (&error);

  rebuilt = care_cache_rebuild (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_cache_count (rebuilt, NULL, &error), ==, 0);
  items = care_cache_outbox_list (rebuilt, TRUE);
  g_assert_cmpuint (items->len, ==, 1);
  kept = g_ptr_array_index (items, 0);
  g_assert_cmpstr (kept->client_id, ==, item->client_id);
  g_assert_nonnull (strstr (kept->json, "Is my A1c better?"));
  mark = care_cache_dup_meta (rebuilt, "results.opened:Observation/obs-3");
  g_assert_cmpstr (mark, ==, "1");
  /* What the sync remakes is not carried over. */
  g_assert_null (care_cache_dup_meta (rebuilt, "capability"));

  /* The damaged file was only read. */
  {
    g_autofree char *folder = g_path_get_dirname (fixture->path);
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
    gboolean found = FALSE;
    const char *entry;

    while ((entry = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (entry, "cache.sqlite.damaged-") && !g_str_has_suffix (entry, "-wal") &&
          !g_str_has_suffix (entry, "-shm"))
        {
          g_autofree char *kept_path = g_build_filename (folder, entry, NULL);
          g_autofree char *sum = checksum_file (kept_path);

          g_assert_cmpstr (sum, ==, expected);
          found = TRUE;
        }
    g_assert_true (found);
  }
}

static void
test_page_dedupe_update (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  guint changed = 0;
  guint signals = 0;

  g_ptr_array_add (page, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Asthma\"}}"));
  g_ptr_array_add (page, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c2\",\"code\":{\"text\":\"Eczema\"}}"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, &changed, &error));
  g_assert_cmpuint (changed, ==, 2);

  /* The same page again: nothing new, nothing doubled. */
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (care_cache_count (fixture->cache, "Condition", &error), ==, 2);

  /* A new version replaces the old one, index columns included. */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Asthma, mild\"}}"));
  g_signal_connect_swapped (fixture->cache, "changed", G_CALLBACK (g_atomic_int_inc), &signals);
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (signals, ==, 1);
  stored = care_cache_lookup (fixture->cache, "Condition", "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored, "code"), "text"), ==,
                   "Asthma, mild");
  g_assert_null (care_cache_lookup (fixture->cache, "Condition", "nope", &error));
  g_assert_no_error (error);
}

static JsonObject *
dup_first_entry (const char *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (bundle, &error);
  JsonArray *entries;

  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (root), "entry");
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  return json_object_ref (json_array_get_object_element (entries, 0));
}

/* An exported Bundle's fullUrl is absolute, as R4 wants: the resource's
 * URL at the server it came from, or a urn:uuid when that is not known
 * (the same for the same resource, export after export). */
static void
test_export_full_urls (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *with_base = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(JsonObject) same = NULL;
  g_autoptr(JsonObject) absolute = NULL;
  const char *url;

  g_ptr_array_add (page, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c1\","
                                            "\"code\":{\"text\":\"Asthma\"}}"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));

  first = care_cache_dup_bundle (fixture->cache, NULL, &error);
  g_assert_no_error (error);
  entry = dup_first_entry (first);
  url = json_object_get_string_member (entry, "fullUrl");
  g_assert_true (g_str_has_prefix (url, "urn:uuid:"));
  g_assert_true (g_uuid_string_is_valid (url + strlen ("urn:uuid:")));
  again = care_cache_dup_bundle (fixture->cache, NULL, &error);
  same = dup_first_entry (again);
  g_assert_cmpstr (json_object_get_string_member (same, "fullUrl"), ==, url);

  g_assert_true (care_cache_set_meta (fixture->cache, "fhir-base", "https://portal.example.org/fhir/r4/",
                                      &error));
  with_base = care_cache_dup_bundle (fixture->cache, NULL, &error);
  absolute = dup_first_entry (with_base);
  g_assert_cmpstr (json_object_get_string_member (absolute, "fullUrl"), ==,
                   "https://portal.example.org/fhir/r4/Condition/c1");
}

static void
test_page_all_or_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;
  CareFhirRecord *broken;

  g_ptr_array_add (page, cache_test_observation (1, "laboratory", "2345-7"));
  g_ptr_array_add (page, cache_test_observation (2, "laboratory", "2345-7"));
  /* A record the database must refuse (its JSON is NOT NULL). */
  broken = cache_test_observation (3, "laboratory", "2345-7");
  g_clear_pointer (&broken->json, g_free);
  g_ptr_array_add (page, broken);

  g_assert_false (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO);
  /* Nothing of the page is there, and its words are not searchable. */
  g_assert_cmpint (care_cache_count (fixture->cache, NULL, NULL), ==, 0);
  g_assert_false (care_cache_contains (fixture->cache, "Observation", "obs-1"));

  /* The cache still works after the rollback. */
  g_ptr_array_remove_index (page, 2);
  g_clear_error (&error);
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_cmpint (care_cache_count (fixture->cache, NULL, NULL), ==, 2);
}

/* Issue 18: an incremental sync asks again for everything inside its
 * _lastUpdated margin; a page it already has must write nothing, and the
 * store now skips even the UPDATE that would set the same marks again
 * (SQLite already left an identical row unwritten: this guards that the
 * skip keeps what matters). A full pass's new mark, or a referenced
 * resource now found by search, is still written, and the sweep after a
 * full pass of unchanged pages removes nothing. PRAGMA data_version, read
 * on another connection, moves whenever a commit changed the file. */
static void
test_page_unchanged_writes_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GPtrArray) referenced = cache_test_page ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 before;
  gint64 pass;
  guint changed = 99;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (page, cache_test_observation (i, "laboratory", "2345-7"));
  g_ptr_array_add (referenced, cache_test_record ("{\"resourceType\":\"Practitioner\",\"id\":\"p1\"}"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_true (care_cache_store_page (fixture->cache, referenced, CARE_CACHE_ORIGIN_REFERENCE, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  before = pragma_int (db, "PRAGMA data_version");
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, &changed, &error));
  g_assert_true (care_cache_store_page (fixture->cache, referenced, CARE_CACHE_ORIGIN_REFERENCE, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (pragma_int (db, "PRAGMA data_version"), ==, before);

  /* Found by a search now: its origin moves. */
  g_assert_true (care_cache_store_page (fixture->cache, referenced, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_cmpint (pragma_int (db, "PRAGMA data_version"), !=, before);

  /* A full pass marks what it saw, unchanged or not. */
  pass = care_cache_begin_full_pass (fixture->cache, &error);
  before = pragma_int (db, "PRAGMA data_version");
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, pass, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (pragma_int (db, "PRAGMA data_version"), !=, before);
  g_assert_true (care_cache_sweep (fixture->cache, "Observation", pass, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
  sqlite3_close (db);
}

static void
test_sweep (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GPtrArray) referenced = cache_test_page ();
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  guint removed = 99;

  first = care_cache_begin_full_pass (fixture->cache, &error);
  g_assert_cmpint (first, >, 0);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (page, cache_test_observation (i, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, first, NULL, &error));
  g_ptr_array_add (referenced, cache_test_record ("{\"resourceType\":\"Practitioner\",\"id\":\"p1\"}"));
  g_assert_true (care_cache_store_page (fixture->cache, referenced, CARE_CACHE_ORIGIN_REFERENCE, first, NULL, &error));
  g_assert_true (care_cache_sweep (fixture->cache, "Observation", first, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);

  /* The next full pass no longer sees obs-3 and obs-4. */
  second = care_cache_begin_full_pass (fixture->cache, &error);
  g_assert_cmpint (second, >, first);
  g_ptr_array_set_size (page, 3);
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, second, NULL, &error));
  /* An incremental page in between does not spoil the marks. */
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_true (care_cache_sweep (fixture->cache, "Observation", second, &removed, &error));
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpint (care_cache_count (fixture->cache, "Observation", NULL), ==, 3);
  g_assert_false (care_cache_contains (fixture->cache, "Observation", "obs-4"));
  /* Referenced resources are not the search's to remove. */
  g_assert_true (care_cache_sweep (fixture->cache, "Practitioner", second, &removed, &error));
  g_assert_true (care_cache_contains (fixture->cache, "Practitioner", "p1"));

  g_assert_true (care_cache_delete (fixture->cache, "Observation", "obs-0", &error));
  g_assert_cmpint (care_cache_count (fixture->cache, "Observation", NULL), ==, 2);
}

static void
test_type_state (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareTypeState) unknown = care_cache_dup_type_state (fixture->cache, "Condition");
  g_autoptr(CareTypeState) read = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *base = NULL;
  CareTypeState state = {
    .type = (char *)"MedicationRequest",
    .status = CARE_TYPE_STATUS_WITHHELD,
    .message = (char *)"Withheld from proxy access for ages 12-17.",
    .last_synced = 1700000000,
    .last_full_pass = 1700000000,
    .since = (char *)"2024-01-01T00:00:00Z",
  };

  g_assert_cmpint (unknown->status, ==, CARE_TYPE_STATUS_UNKNOWN);
  g_assert_true (care_cache_set_type_state (fixture->cache, &state, &error));
  read = care_cache_dup_type_state (fixture->cache, "MedicationRequest");
  g_assert_cmpint (read->status, ==, CARE_TYPE_STATUS_WITHHELD);
  g_assert_cmpstr (read->message, ==, state.message);
  g_assert_null (read->last_error);
  g_assert_cmpint (read->last_synced, ==, 1700000000);
  g_assert_cmpstr (read->since, ==, "2024-01-01T00:00:00Z");
  all = care_cache_list_type_states (fixture->cache);
  g_assert_cmpuint (all->len, ==, 1);

  g_assert_true (care_cache_set_meta (fixture->cache, "fhir-base", "https://x.example/fhir", &error));
  base = care_cache_dup_meta (fixture->cache, "fhir-base");
  g_assert_cmpstr (base, ==, "https://x.example/fhir");
}

typedef struct
{
  GThread         *owner;
  guint            n_signals;
  guint            n_done;
  CareCacheStored *stored[4];
  GError          *errors[4];
} StoreWait;

static void
changed_on_owner_cb (CareCache  *cache,
                     const char *type,
                     StoreWait  *wait)
{
  /* Lists hear of changes on their own thread, never the writer's. */
  g_assert_true (g_thread_self () == wait->owner);
  wait->n_signals++;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  StoreWait *wait = user_data;
  guint i = wait->n_done++;

  g_assert_true (g_thread_self () == wait->owner);
  wait->stored[i] = care_cache_store_finish (CARE_CACHE (source), result, &wait->errors[i]);
}

/* The ids said changed are at most max_ids, counting those the caller's
 * arrays already hold (a sync gathers a type's pages into one). */
static void
test_changed_ids_capped (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_ptr_array_add (added, g_strdup ("Observation/from-an-earlier-page"));
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (page, cache_test_observation (i, "laboratory", "2345-7"));
  g_assert_true (care_cache_store_page_changes (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, &n_changed,
                                                added, NULL, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_cmpuint (added->len, ==, 2);
}

static void
test_store_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) first = cache_test_page ();
  g_autoptr(GPtrArray) second = cache_test_page ();
  g_autoptr(GPtrArray) broken = cache_test_page ();
  g_autoptr(GPtrArray) last = cache_test_page ();
  g_autoptr(GPtrArray) included = cache_test_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  StoreWait wait = { g_thread_self (), 0, 0, { NULL }, { NULL } };
  CareFhirRecord *refused;

  g_signal_connect (fixture->cache, "changed", G_CALLBACK (changed_on_owner_cb), &wait);
  g_ptr_array_add (first, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Asthma\"}}"));
  g_ptr_array_add (first, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c2\",\"code\":{\"text\":\"Eczema\"}}"));
  g_ptr_array_add (included, cache_test_record ("{\"resourceType\":\"Practitioner\",\"id\":\"p1\"}"));
  /* The second page changes c1 after the first stored it: order holds. */
  g_ptr_array_add (second, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Asthma, mild\"}}"));
  g_ptr_array_add (second, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c3\",\"code\":{\"text\":\"Hay fever\"}}"));
  /* A page the database refuses (its JSON is NOT NULL): none of it stays. */
  g_ptr_array_add (broken, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c4\"}"));
  refused = cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c5\"}");
  g_clear_pointer (&refused->json, g_free);
  g_ptr_array_add (broken, refused);
  g_ptr_array_add (last, cache_test_record ("{\"resourceType\":\"Condition\",\"id\":\"c6\"}"));

  care_cache_store_async (fixture->cache, first, included, CARE_CACHE_ORIGIN_SEARCH, 0, 10, stored_cb, &wait);
  care_cache_store_async (fixture->cache, second, NULL, CARE_CACHE_ORIGIN_SEARCH, 0, 1, stored_cb, &wait);
  care_cache_store_async (fixture->cache, broken, NULL, CARE_CACHE_ORIGIN_SEARCH, 0, 10, stored_cb, &wait);
  care_cache_store_async (fixture->cache, last, NULL, CARE_CACHE_ORIGIN_SEARCH, 0, 10, stored_cb, &wait);
  while (wait.n_done < 4)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (wait.errors[0]);
  g_assert_cmpuint (wait.stored[0]->n_changed, ==, 2);
  g_assert_cmpuint (wait.stored[0]->added->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (wait.stored[0]->added, 0), ==, "Condition/c1");
  g_assert_cmpuint (wait.stored[0]->updated->len, ==, 0);

  g_assert_no_error (wait.errors[1]);
  g_assert_cmpuint (wait.stored[1]->n_changed, ==, 2);
  /* At most max_ids ids; the count is never capped. */
  g_assert_cmpuint (wait.stored[1]->added->len, ==, 1);
  g_assert_cmpuint (wait.stored[1]->updated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (wait.stored[1]->updated, 0), ==, "Condition/c1");

  g_assert_null (wait.stored[2]);
  g_assert_error (wait.errors[2], CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO);
  g_assert_no_error (wait.errors[3]);
  g_assert_cmpuint (wait.stored[3]->n_changed, ==, 1);

  /* Conditions, then Practitioner, then Conditions twice. */
  g_assert_cmpuint (wait.n_signals, ==, 4);
  g_assert_cmpint (care_cache_count (fixture->cache, "Condition", &error), ==, 4);
  g_assert_false (care_cache_contains (fixture->cache, "Condition", "c4"));
  g_assert_true (care_cache_contains (fixture->cache, "Practitioner", "p1"));
  stored = care_cache_lookup (fixture->cache, "Condition", "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored, "code"), "text"), ==,
                   "Asthma, mild");

  g_signal_handlers_disconnect_by_data (fixture->cache, &wait);
  for (guint i = 0; i < G_N_ELEMENTS (wait.stored); i++)
    {
      g_clear_pointer (&wait.stored[i], care_cache_stored_free);
      g_clear_error (&wait.errors[i]);
    }
}

static gpointer
use_from_other_thread (gpointer data)
{
  care_cache_count (data, NULL, NULL);
  return NULL;
}

static void
test_owner_thread (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      GThread *thread;

      /* This process dies before its teardown: leave no folder behind. */
      remove_tree (fixture->dir);
      thread = g_thread_new ("intruder", use_from_other_thread, fixture->cache);

      g_thread_join (thread);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*assertion failed*owner*");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/cache/open/private-files", Fixture, NULL, setup, test_private_files, teardown);
  g_test_add ("/care/cache/open/newer-schema", Fixture, NULL, setup, test_schema_version, teardown);
  g_test_add ("/care/cache/open/reopen", Fixture, NULL, setup, test_reopen, teardown);
  g_test_add ("/care/cache/open/page-size", Fixture, NULL, setup, test_page_size, teardown);
  g_test_add ("/care/cache/open/garbage", Fixture, "garbage.sqlite", setup, test_damaged, teardown);
  g_test_add ("/care/cache/open/truncated", Fixture, "truncated.sqlite", setup, test_damaged, teardown);
  g_test_add ("/care/cache/open/foreign", Fixture, "foreign.sqlite", setup, test_damaged, teardown);
  g_test_add ("/care/cache/open/damaged-schema", Fixture, "damaged-schema.sqlite", setup, test_damaged, teardown);
  g_test_add ("/care/cache/open/integrity", Fixture, NULL, setup, test_integrity, teardown);
  g_test_add ("/care/cache/open/truncated-keeps-outbox", Fixture, NULL, setup, test_truncated_keeps_outbox,
              teardown);
  g_test_add ("/care/cache/open/rebuild-keeps-user-data", Fixture, NULL, setup, test_rebuild_keeps_user_data,
              teardown);
  g_test_add ("/care/cache/store/dedupe-update", Fixture, NULL, setup, test_page_dedupe_update, teardown);
  g_test_add ("/care/cache/export/full-urls", Fixture, NULL, setup, test_export_full_urls, teardown);
  g_test_add ("/care/cache/store/all-or-nothing", Fixture, NULL, setup, test_page_all_or_nothing, teardown);
  g_test_add ("/care/cache/store/sweep", Fixture, NULL, setup, test_sweep, teardown);
  g_test_add ("/care/cache/page/unchanged-writes-nothing", Fixture, NULL, setup,
              test_page_unchanged_writes_nothing, teardown);
  g_test_add ("/care/cache/store/changed-ids-capped", Fixture, NULL, setup, test_changed_ids_capped, teardown);
  g_test_add ("/care/cache/store/writer-thread", Fixture, NULL, setup, test_store_async, teardown);
  g_test_add ("/care/cache/state/round-trip", Fixture, NULL, setup, test_type_state, teardown);
  g_test_add ("/care/cache/thread/owner", Fixture, NULL, setup, test_owner_thread, teardown);

  return g_test_run ();
}
