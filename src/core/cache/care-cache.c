/* care-cache.c — the offline copy of one person's record at one portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite file per connection, 0600 in a 0700 folder, in WAL mode so
 * views can read while the sync engine writes. Each resource is kept as
 * its JSON whole (lossless, forward compatible) with the columns views
 * filter and sort on extracted beside it (care-fhir-index.c), its codes in
 * a token table, and its words in an FTS5 index.
 *
 * The connection belongs to the thread that opened it, asserted on every
 * call as Epiphany's history service does. Work that can be slow on a big
 * record (counting, full-text search, integrity checks) runs in a GTask
 * worker with a read-only connection of its own; WAL lets it read a
 * consistent snapshot while the owner writes. Reading one page of 100 rows
 * through an index takes well under a millisecond, so pages are read on
 * the owner's thread, where items are made.
 *
 * A damaged file is never "repaired" in place: opening it fails with
 * CARE_CACHE_ERROR_CORRUPT before anything is written, and
 * care_cache_rebuild() moves it aside and starts empty, to be refilled
 * from the portal.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "care-cache-private.h"
#include "care-error.h"
#include "care-paths.h"
#include "care-resource-list.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each entry upgrades the schema by one version; PRAGMA user_version says
 * how many have run. Never edit an entry once released: add one. */
static const char *migrations[] = {
  /* 1: resources, tokens, full text, sync state, meta, outbox */
  "CREATE TABLE resources ("
  "  rid INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  version_id TEXT,"
  "  last_updated TEXT,"
  "  patient TEXT,"
  "  category TEXT,"
  "  code_system TEXT,"
  "  code TEXT,"
  "  effective TEXT,"
  "  effective_ts INTEGER,"
  "  status TEXT,"
  "  display TEXT,"
  "  value_text TEXT,"
  "  value_num REAL,"
  "  value_unit TEXT,"
  "  interpretation TEXT,"
  "  origin INTEGER NOT NULL DEFAULT 0,"
  "  pass INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL,"
  "  UNIQUE (type, id));"
  "CREATE INDEX resources_by_date ON resources (type, effective_ts, rid);"
  "CREATE INDEX resources_by_code ON resources (type, code, effective_ts);"
  "CREATE INDEX resources_by_name ON resources (type, display COLLATE NOCASE);"
  "CREATE TABLE resource_tokens ("
  "  rid INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"          /* 0 category, 1 code */
  "  system TEXT NOT NULL,"
  "  code TEXT NOT NULL);"
  "CREATE INDEX resource_tokens_by_code ON resource_tokens (kind, code, rid);"
  "CREATE INDEX resource_tokens_by_rid ON resource_tokens (rid);"
  "CREATE VIRTUAL TABLE resource_text USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER resources_deleted AFTER DELETE ON resources BEGIN"
  "  DELETE FROM resource_tokens WHERE rid = old.rid;"
  "  DELETE FROM resource_text WHERE rowid = old.rid;"
  "END;"
  "CREATE TABLE type_state ("
  "  type TEXT PRIMARY KEY,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  message TEXT,"
  "  last_error TEXT,"
  "  last_synced INTEGER NOT NULL DEFAULT 0,"
  "  last_full_pass INTEGER NOT NULL DEFAULT 0,"
  "  since TEXT);"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE outbox ("
  "  serial INTEGER PRIMARY KEY,"
  "  client_id TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  message TEXT,"
  "  server_id TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);",
  /* 2: attachment bytes (FHIR-CLIENT.md 22), by the attachment's resolved
   * URL; readable offline, removed with the cache */
  "CREATE TABLE attachments ("
  "  key TEXT PRIMARY KEY,"
  "  content_type TEXT,"
  "  size INTEGER NOT NULL,"
  "  fetched INTEGER NOT NULL,"
  "  data BLOB NOT NULL);",
  /* 3: the words of documents whose bytes were read (a note, a letter, a
   * PDF's text), per resource; resource_text holds them too, after the
   * resource's own words, so the record search finds them */
  "CREATE TABLE document_text ("
  "  rid INTEGER PRIMARY KEY,"
  "  body TEXT NOT NULL);"
  "CREATE TRIGGER resources_deleted_documents AFTER DELETE ON resources BEGIN"
  "  DELETE FROM document_text WHERE rid = old.rid;"
  "END;",
  /* 4: outbox items of every kind (care-outbox.c): an update's If-Match
   * version, an operation's name, the item one waits for, the words the
   * user sees, and the portal's version in a conflict */
  "ALTER TABLE outbox ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN target TEXT;"
  "ALTER TABLE outbox ADD COLUMN version TEXT;"
  "ALTER TABLE outbox ADD COLUMN depends_on TEXT;"
  "ALTER TABLE outbox ADD COLUMN summary TEXT;"
  "ALTER TABLE outbox ADD COLUMN theirs TEXT;",
};

/* Rows of the multi-row inserts a page's tokens are written with
 * (care-cache-store.c): one statement for up to 64 rows. */
#define TOKEN_ROW      "(?, ?, ?, ?)"
#define TOKEN_ROWS_8   TOKEN_ROW "," TOKEN_ROW "," TOKEN_ROW "," TOKEN_ROW "," \
                       TOKEN_ROW "," TOKEN_ROW "," TOKEN_ROW "," TOKEN_ROW
#define TOKEN_ROWS_64  TOKEN_ROWS_8 "," TOKEN_ROWS_8 "," TOKEN_ROWS_8 "," TOKEN_ROWS_8 "," \
                       TOKEN_ROWS_8 "," TOKEN_ROWS_8 "," TOKEN_ROWS_8 "," TOKEN_ROWS_8

/* The store's inserts and updates say OR FAIL: a statement that may abort
 * half done (ABORT, the default) makes SQLite copy every page it touches
 * that the transaction touched before to a statement journal first, to
 * undo just that statement; in a transaction of a thousand resources
 * with 16 KiB pages that was 257 MB of a first sync's temporary-file
 * writes at scale 20. A constraint is checked before anything is written,
 * and the store rolls back its whole transaction on any other failure
 * (care-cache-store.c), so nothing half done is ever kept. */
static const char *stmt_sql[N_STMTS] = {
  [STMT_FIND] = "SELECT rid, json FROM resources WHERE type = ? AND id = ?",
  [STMT_TOUCH] = "UPDATE resources SET pass = max(pass, ?), origin = min(origin, ?) WHERE rid = ?",
  [STMT_INSERT] = "INSERT OR FAIL INTO resources (version_id, last_updated, patient, category, code_system, code,"
                  " effective, effective_ts, status, display, value_text, value_num, value_unit,"
                  " interpretation, origin, pass, json, type, id)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_UPDATE] = "UPDATE OR FAIL resources SET version_id = ?, last_updated = ?, patient = ?, category = ?,"
                  " code_system = ?, code = ?, effective = ?, effective_ts = ?, status = ?, display = ?,"
                  " value_text = ?, value_num = ?, value_unit = ?, interpretation = ?,"
                  " origin = min(origin, ?), pass = max(pass, ?), json = ? WHERE rid = ?",
  [STMT_DELETE_TOKENS] = "DELETE FROM resource_tokens WHERE rid = ?",
  [STMT_INSERT_TOKEN] = "INSERT OR FAIL INTO resource_tokens (rid, kind, system, code) VALUES (?, ?, ?, ?)",
  [STMT_DELETE_TEXT] = "DELETE FROM resource_text WHERE rowid = ?",
  [STMT_INSERT_TEXT] = "INSERT INTO resource_text (rowid, body) VALUES (?, ?)",
  [STMT_INSERT_TEXT_DOCUMENT] = "INSERT INTO resource_text (rowid, body)"
                                " SELECT ?1, ?2 || coalesce(char(10) || (SELECT body FROM document_text"
                                " WHERE rid = ?1), '')",
  [STMT_FIND_VERSION] = "SELECT rid, version_id, last_updated, pass, origin FROM resources WHERE type = ? AND id = ?",
  [STMT_READ_JSON] = "SELECT json FROM resources WHERE rid = ?",
  [STMT_INSERT_TOKENS_8] = "INSERT OR FAIL INTO resource_tokens (rid, kind, system, code) VALUES " TOKEN_ROWS_8,
  [STMT_INSERT_TOKENS_64] = "INSERT OR FAIL INTO resource_tokens (rid, kind, system, code) VALUES " TOKEN_ROWS_64,
  [STMT_INSERT_PENDING_TEXT] = "INSERT OR REPLACE INTO pending_text (rid, body) VALUES (?, ?)",
};

G_DEFINE_FINAL_TYPE (CareCache, care_cache, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
care_cache_finalize (GObject *object)
{
  CareCache *self = (CareCache *)object;

  care_cache_writer_free (self);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);

  G_OBJECT_CLASS (care_cache_parent_class)->finalize (object);
}

static void
care_cache_class_init (CareCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_cache_finalize;

  /**
   * CareCache::changed:
   * @self: the cache
   * @type: the resource type that changed
   *
   * Emitted after a commit that changed resources of @type, once per type;
   * detailed by type, so a list of Observations connects to
   * "changed::Observation".
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
care_cache_init (CareCache *self)
{
  self->owner = g_thread_self ();
}

/* The message never promises that nothing is lost while changes not yet
 * sent are in the damaged file: it says how many a rebuild keeps, or that
 * they may be lost when its outbox cannot be read. */
static void
set_corrupt_error (const char  *path,
                   GError     **error)
{
  gint64 n_unsent;

  if (error == NULL)
    return;
  n_unsent = path != NULL ? care_cache_count_salvageable (path) : -1;
  if (n_unsent == 0)
    g_set_error_literal (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT,
                         _("The offline copy of this record is damaged. Rebuild it from the "
                           "health system: nothing there is lost."));
  else if (n_unsent > 0)
    g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The offline copy of this record is damaged. Rebuild it from the "
                              "health system; the %u change not sent yet is kept.",
                              "The offline copy of this record is damaged. Rebuild it from the "
                              "health system; the %u changes not sent yet are kept.",
                              (gulong)n_unsent),
                 (guint)n_unsent);
  else
    g_set_error_literal (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT,
                         _("The offline copy of this record is damaged. Rebuild it from the "
                           "health system; changes not sent yet may be lost."));
}

/* Tells lists that @types changed (a set of type names). */
void
care_cache_emit_changed (CareCache  *self,
              GHashTable *types)
{
  GHashTableIter iter;
  gpointer type;

  self->generation++;
  g_hash_table_iter_init (&iter, types);
  while (g_hash_table_iter_next (&iter, &type, NULL))
    g_signal_emit (self, signals[CHANGED], g_quark_from_string (type), type);
}

gboolean
care_cache_set_error (CareCache  *self,
                      sqlite3    *db,
                      int         rc,
                      GError    **error)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    set_corrupt_error (self != NULL ? self->path : NULL, error);
  else
    /* Translators: %s is SQLite's own description of the problem */
    g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO,
                 _("The offline copy of this record could not be used: %s"),
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

sqlite3 *
care_cache_get_db (CareCache *self)
{
  assert_owner (self);
  return self->db;
}

gboolean
care_cache_exec (CareCache   *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return care_cache_set_error (self, self->db, rc, error);
  return TRUE;
}

sqlite3_stmt *
care_cache_get_stmt (CareCache  *self,
          guint       which,
          GError    **error)
{
  if (self->stmts[which] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[which], NULL);

      if (rc != SQLITE_OK)
        {
          care_cache_set_error (self, self->db, rc, error);
          return NULL;
        }
    }
  sqlite3_reset (self->stmts[which]);
  sqlite3_clear_bindings (self->stmts[which]);
  return self->stmts[which];
}

/* The cheapest checks that catch a file that is not an SQLite database or
 * has lost its end, before SQLite (which would happily open either and fail
 * later, or "recover" by writing) sees it. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  struct stat st, wal_st;
  guint32 page_size, n_pages, change_counter, valid_for;
  int fd;
  gssize n;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* Translators: %s is the system's description of the problem */
      g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO,
                   _("The offline copy of this record could not be read: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      close (fd);
      return care_cache_set_error (NULL, NULL, SQLITE_IOERR, error);
    }
  if (st.st_size == 0)
    {
      close (fd);
      return TRUE;   /* a new, empty file */
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_corrupt_error (path, error);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = ((guint32)header[24] << 24) | (header[25] << 16) | (header[26] << 8) | header[27];
  n_pages = ((guint32)header[28] << 24) | (header[29] << 16) | (header[30] << 8) | header[31];
  valid_for = ((guint32)header[92] << 24) | (header[93] << 16) | (header[94] << 8) | header[95];
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      set_corrupt_error (path, error);
      return FALSE;
    }

  /* A file shorter than its header says has lost pages. While a WAL file
   * holds frames the main file may legitimately lag, so only judge then. */
  if (change_counter == valid_for && n_pages > 0 &&
      (guint64)st.st_size < (guint64)n_pages * page_size &&
      (g_stat (wal, &wal_st) != 0 || wal_st.st_size == 0))
    {
      set_corrupt_error (path, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (!care_paths_ensure_private_dir (dir, error))
    return FALSE;

  /* SQLite would create the file with the umask's mode; its -wal and -shm
   * files copy the mode of the database, so 0600 here covers all three. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO,
                   _("The offline copy of this record could not be read: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
migrate (CareCache  *self,
         int         version,
         GError    **error)
{
  for (int v = version; v < (int)G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      int rc;

      if (!care_cache_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      rc = sqlite3_exec (self->db, migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          /* Translators: %1$d is a schema version, %2$s SQLite's description */
          g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_MIGRATION,
                       _("The offline copy could not be upgraded to version %1$d: %2$s"),
                       v + 1, sqlite3_errmsg (self->db));
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * care_cache_dup_path_for_connection:
 * @connection_id: a connection id
 *
 * Returns: (transfer full): where that connection's cache lives, in its
 *   folder (care_paths_dup_connection_dir())
 */
char *
care_cache_dup_path_for_connection (const char *connection_id)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (connection_id != NULL, NULL);

  /* The connection's one folder, with its access log: never the raw id. */
  folder = care_paths_dup_connection_dir (connection_id);
  return g_build_filename (folder, "cache.sqlite", NULL);
}

/**
 * care_cache_open:
 * @path: the database file; it and its folder are created if missing
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Opens (or creates) a cache and brings its schema up to date. A file that
 * is not a cache, or is damaged, fails with %CARE_CACHE_ERROR_CORRUPT and
 * is left exactly as it was; a cache from a newer Carebook fails with
 * %CARE_CACHE_ERROR_MIGRATION. The returned cache belongs to the calling
 * thread.
 *
 * Returns: (transfer full) (nullable): the cache
 */
CareCache *
care_cache_open (const char  *path,
                 GError     **error)
{
  g_autoptr(CareCache) self = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int n_tables = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!check_header (path, error))
        return NULL;
    }
  else if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (CARE_TYPE_CACHE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      care_cache_set_error (self, self->db, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, TRUE);

  /* Read before writing anything: a damaged file must stay untouched. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT (SELECT count(*) FROM sqlite_master),"
                                     " (SELECT user_version FROM pragma_user_version)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n_tables = sqlite3_column_int (stmt, 0);
      version = sqlite3_column_int (stmt, 1);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      care_cache_set_error (self, self->db, rc, error);
      return NULL;
    }
  if (version == 0 && n_tables > 0)
    {
      /* Some other SQLite database: not ours to change. */
      set_corrupt_error (NULL, error);
      return NULL;
    }
  if (version > (int)G_N_ELEMENTS (migrations))
    {
      g_set_error_literal (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_MIGRATION,
                           _("The offline copy was made by a newer version of Carebook."));
      return NULL;
    }
  if (version > 0)
    {
      /* Touch the main table so a damaged schema shows now, not later. */
      rc = sqlite3_exec (self->db, "SELECT rid FROM resources LIMIT 1", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          care_cache_set_error (self, self->db, rc, error);
          return NULL;
        }
    }

  /* A new cache gets 32 KiB pages, set before anything is written: a sync
   * writes, checkpoints and reads back its rows a page per system call,
   * and on a virtual machine a system call costs more than the copy. From
   * 4 to 16 KiB made the first sync's writer cheaper by about a fifth,
   * from 16 to 32 KiB its whole CPU by about a tenth (bench/README.md,
   * "sixth stop", "seventh stop"). A cache made before keeps its pages. */
  if (version == 0 && n_tables == 0 &&
      !care_cache_exec (self, "PRAGMA page_size = " G_STRINGIFY (CARE_CACHE_PAGE_SIZE), error))
    return NULL;

  /* WAL: readers never wait for the sync; NORMAL: a crash or SIGKILL never
   * corrupts the file and loses at most nothing that was committed. A
   * page cache of 4 MB: 125 pages of 32 KiB, as many as SQLite's default
   * of 2 MB held of 16 KiB ones. */
  if (!care_cache_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !care_cache_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !care_cache_exec (self, "PRAGMA cache_size = -4000", error) ||
      !migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * care_cache_rebuild:
 * @path: a cache file that could not be opened
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Moves the damaged file (and its -wal and -shm) aside, to
 * "@path.damaged-DATE", and opens a new empty cache in its place, for the
 * next sync to fill from the portal. What of the damaged file's outbox
 * and opened marks can still be read is copied over
 * (care-cache-salvage.c).
 *
 * Returns: (transfer full) (nullable): the new cache
 */
CareCache *
care_cache_rebuild (const char  *path,
                    GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *damaged = NULL;
  CareCache *self;

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (path, ".damaged-", stamp, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO,
                       _("The offline copy of this record could not be read: %s"),
                       g_strerror (saved_errno));
          return NULL;
        }
    }

  self = care_cache_open (path, error);
  damaged = g_strconcat (path, ".damaged-", stamp, NULL);
  if (self != NULL && g_file_test (damaged, G_FILE_TEST_EXISTS))
    care_cache_salvage (self, damaged);
  return self;
}

/**
 * care_cache_get_path:
 * @self: a cache
 *
 * Returns: the database file
 */
const char *
care_cache_get_path (CareCache *self)
{
  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  return self->path;
}

/* Opens a read-only connection to the same file, for a worker thread. */
sqlite3 *
care_cache_open_reader (CareCache  *self,
                        GError    **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      care_cache_set_error (NULL, db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static void
check_integrity_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CareCache *self = source_object;
  GError *error = NULL;
  sqlite3 *db = care_cache_open_reader (self, &error);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW && !ok)
    rc = SQLITE_CORRUPT;
  if (rc != SQLITE_ROW)
    care_cache_set_error (NULL, db, rc, &error);
  sqlite3_close (db);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * care_cache_check_integrity_async:
 * @self: a cache
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Runs SQLite's full integrity check in a worker, on its own read-only
 * connection: opening checks only what is cheap, so the app can run this
 * after start and offer a rebuild if it fails.
 */
void
care_cache_check_integrity_async (CareCache           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARE_IS_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_cache_check_integrity_async);
  g_task_run_in_thread (task, check_integrity_in_thread);
}

/**
 * care_cache_check_integrity_finish:
 * @self: a cache
 * @result: the result
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE if the database is sound
 */
gboolean
care_cache_check_integrity_finish (CareCache     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * care_cache_dup_meta:
 * @self: a cache
 * @key: a key
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
care_cache_dup_meta (CareCache  *self,
                     const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  assert_owner (self);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return value;
}

/**
 * care_cache_set_meta:
 * @self: a cache
 * @key: a key
 * @value: (nullable): its value, or %NULL to remove it
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_set_meta (CareCache   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  assert_owner (self);

  rc = sqlite3_prepare_v2 (self->db, value != NULL ? "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"
                                                   : "DELETE FROM meta WHERE key = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (value != NULL)
        sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, self->db, rc, error);
  return TRUE;
}
