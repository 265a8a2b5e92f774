/* care-sandbox-store.c — the sandbox portal's FHIR resources in SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each resource is kept as its JSON text, whole, with the columns searches
 * need beside it: the patient it belongs to, its date, and a row per token
 * (category, code, status, intent…) in a side table. Which element feeds
 * which search parameter is one table, care-sandbox-params.c, so a new
 * type or parameter is one line there. Every write also lands in a
 * history table, which serves vread and _history (deletions included).
 */
#include "config.h"

#include "care-error.h"
#include "care-json.h"
#include "care-sandbox-params.h"
#include "care-sandbox-store.h"

#include <string.h>
#include <stdio.h>
#include <sys/random.h>

/* The statements every write and read uses, prepared once: the seeder
 * writes 100,000 resources, and each page of a search reads a hundred. */
typedef enum
{
  STMT_LOOKUP_ROW,
  STMT_INSERT_RESOURCE,
  STMT_UPDATE_RESOURCE,
  STMT_MARK_DELETED,
  STMT_DELETE_TOKENS,
  STMT_INSERT_TOKEN,
  STMT_INSERT_HISTORY,
  STMT_GET_TEXT,
  STMT_GET_VERSION_TEXT,
  N_STMTS
} StmtId;

static const char *stmt_sql[N_STMTS] = {
  [STMT_LOOKUP_ROW] = "SELECT rid, version FROM resources WHERE type = ? AND id = ?",
  [STMT_INSERT_RESOURCE] = "INSERT INTO resources (type, id, version, last_updated, patient, date, "
                           "deleted, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
  [STMT_UPDATE_RESOURCE] = "UPDATE resources SET version = ?3, last_updated = ?4, patient = ?5, "
                           "date = ?6, deleted = 0, json = ?7 WHERE type = ?1 AND id = ?2",
  [STMT_MARK_DELETED] = "UPDATE resources SET deleted = 1, version = ?, last_updated = ? "
                        "WHERE type = ? AND id = ?",
  [STMT_DELETE_TOKENS] = "DELETE FROM tokens WHERE rid = ?",
  [STMT_INSERT_TOKEN] = "INSERT INTO tokens (rid, param, system, code) VALUES (?, ?, ?, ?)",
  [STMT_INSERT_HISTORY] = "INSERT INTO history (type, id, version, last_updated, deleted, json) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_GET_TEXT] = "SELECT json, version, deleted FROM resources WHERE type = ? AND id = ?",
  [STMT_GET_VERSION_TEXT] = "SELECT json, deleted FROM history WHERE type = ? AND id = ? AND version = ?",
};

struct _CareSandboxStore
{
  GObject   parent_instance;

  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  GDate     today;
  gint64    last_stamp;
  gint64    clock_offset;
  guint     in_transaction : 1;
  guint     today_set : 1;
  guint     bulk : 1;
};

G_DEFINE_FINAL_TYPE (CareSandboxStore, care_sandbox_store, G_TYPE_OBJECT)

static const char schema[] =
  "PRAGMA journal_mode=WAL;"
  "PRAGMA synchronous=NORMAL;"
  "CREATE TABLE IF NOT EXISTS resources ("
  "  rid INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  last_updated TEXT NOT NULL,"
  "  patient TEXT,"
  "  date TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL,"
  "  UNIQUE (type, id));"
  "CREATE INDEX IF NOT EXISTS resources_by_date ON resources (type, patient, date);"
  "CREATE INDEX IF NOT EXISTS resources_by_update ON resources (type, patient, last_updated);"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  rid INTEGER NOT NULL,"
  "  param TEXT NOT NULL,"
  "  system TEXT,"
  "  code TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS tokens_lookup ON tokens (param, code, rid);"
  "CREATE INDEX IF NOT EXISTS tokens_rid ON tokens (rid);"
  "CREATE TABLE IF NOT EXISTS history ("
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  last_updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL,"
  "  json TEXT NOT NULL,"
  "  PRIMARY KEY (type, id, version));"
  "CREATE INDEX IF NOT EXISTS history_updated ON history (last_updated);"
  "CREATE TABLE IF NOT EXISTS store_info ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);";

void
care_sandbox_page_free (CareSandboxPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->resources, g_ptr_array_unref);
  g_clear_pointer (&page->ids, g_ptr_array_unref);
  g_clear_pointer (&page->last_key, g_free);
  g_free (page);
}

static gboolean
set_sqlite_error (CareSandboxStore  *self,
                  GError           **error)
{
  g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO,
               "Sandbox store: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (CareSandboxStore  *self,
      const char        *sql,
      GError           **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);

  return TRUE;
}

/* A cached statement, ready to bind. Callers finish with done(). */
static sqlite3_stmt *
get_stmt (CareSandboxStore *self,
          StmtId            id)
{
  if (self->stmts[id] == NULL &&
      sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                          &self->stmts[id], NULL) != SQLITE_OK)
    return NULL;

  return self->stmts[id];
}

/* Resets a cached statement: it holds no read lock and no pointer to the
 * caller's strings once the caller is done with it. */
static void
done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
care_sandbox_store_finalize (GObject *object)
{
  CareSandboxStore *self = (CareSandboxStore *)object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (care_sandbox_store_parent_class)->finalize (object);
}

static void
care_sandbox_store_class_init (CareSandboxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_sandbox_store_finalize;
}

static void
care_sandbox_store_init (CareSandboxStore *self)
{
  g_date_clear (&self->today, 1);
}

static gboolean insert_tokens (CareSandboxStore  *self,
                               gint64             rid,
                               JsonObject        *resource,
                               GError           **error);

/* The index columns come from the parameter table; a store written with
 * another table (a type or parameter added since) is indexed again, so
 * the new parameter finds the resources already there. */
static gboolean
reindex_if_needed (CareSandboxStore  *self,
                   GError           **error)
{
  g_autofree char *fingerprint = care_sandbox_params_dup_fingerprint ();
  g_autofree char *stored = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = TRUE;

  sqlite3_prepare_v2 (self->db, "SELECT value FROM store_info WHERE key = 'fingerprint'",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (stored, fingerprint) == 0)
    return TRUE;

  if (!exec (self, "BEGIN; DELETE FROM tokens", error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT rid, json FROM resources", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE resources SET patient = ?, date = ? WHERE rid = ?",
                          -1, &update, NULL) != SQLITE_OK)
    {
      ok = set_sqlite_error (self, error);
      goto out;
    }

  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      g_autofree char *patient = NULL;
      g_autofree char *date = NULL;
      JsonObject *resource;

      if (!json_parser_load_from_data (parser, (const char *)sqlite3_column_text (stmt, 1), -1, NULL))
        continue;
      resource = json_node_get_object (json_parser_get_root (parser));
      patient = care_sandbox_store_dup_patient_of (resource);
      date = care_sandbox_params_dup_date (resource);

      sqlite3_bind_text (update, 1, patient, -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 2, date != NULL ? date : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 3, rid);
      if (sqlite3_step (update) != SQLITE_DONE)
        ok = set_sqlite_error (self, error);
      sqlite3_reset (update);
      ok = ok && insert_tokens (self, rid, resource, error);
    }

  if (ok)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO store_info (key, value) "
                                              "VALUES ('fingerprint', '%s')", fingerprint);

      ok = exec (self, sql, error);
    }

out:
  sqlite3_finalize (stmt);
  sqlite3_finalize (update);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return exec (self, "COMMIT", error);
}

/* A store reopened from a folder goes on from its newest lastUpdated, which
 * may be ahead of the clock (a big seed writes one per millisecond), so
 * lastUpdated stays strictly increasing and _history's order exact. */
static void
continue_stamps (CareSandboxStore *self)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT MAX(last_updated) FROM history", -1, &stmt, NULL) != SQLITE_OK)
    return;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    {
      g_autoptr(GDateTime) newest = g_date_time_new_from_iso8601 ((const char *)sqlite3_column_text (stmt, 0),
                                                                  NULL);

      if (newest != NULL)
        self->last_stamp = g_date_time_to_unix (newest) * 1000 +
                           g_date_time_get_microsecond (newest) / 1000;
    }
  sqlite3_finalize (stmt);
}

/**
 * care_sandbox_store_new:
 * @path: (nullable): the database file, or %NULL for one in memory
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new store
 */
CareSandboxStore *
care_sandbox_store_new (const char  *path,
                        GError     **error)
{
  g_autoptr(CareSandboxStore) self = g_object_new (CARE_TYPE_SANDBOX_STORE, NULL);

  if (sqlite3_open_v2 (path != NULL ? path : ":memory:", &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  if (!exec (self, schema, error) || !reindex_if_needed (self, error))
    return NULL;
  continue_stamps (self);

  return g_steal_pointer (&self);
}

/**
 * care_sandbox_store_get_db:
 * @self: a #CareSandboxStore
 *
 * Returns: (transfer none): the database, where other parts of the sandbox
 *   keep tables of their own
 */
sqlite3 *
care_sandbox_store_get_db (CareSandboxStore *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), NULL);

  return self->db;
}

/**
 * care_sandbox_store_begin:
 * @self: a #CareSandboxStore
 * @error: return location for a #GError
 *
 * Groups the following writes into one transaction (the seeder writes
 * thousands of resources; one transaction each would take minutes).
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_store_begin (CareSandboxStore  *self,
                          GError           **error)
{
  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!exec (self, "BEGIN", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
care_sandbox_store_commit (CareSandboxStore  *self,
                           GError           **error)
{
  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  self->in_transaction = FALSE;
  return exec (self, "COMMIT", error);
}

/**
 * care_sandbox_store_rollback:
 * @self: a #CareSandboxStore
 *
 * Drops every write since care_sandbox_store_begin().
 */
void
care_sandbox_store_rollback (CareSandboxStore *self)
{
  g_return_if_fail (CARE_IS_SANDBOX_STORE (self));
  g_return_if_fail (self->in_transaction);

  self->in_transaction = FALSE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
dup_random_id (void)
{
  guint8 bytes[8];
  GString *id = g_string_sized_new (16);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    {
      for (guint i = 0; i < sizeof bytes; i++)
        bytes[i] = g_random_int_range (0, 256);
    }
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (id, "%02x", bytes[i]);

  return g_string_free (id, FALSE);
}

/* Strictly increasing instants, so _lastUpdated orders writes exactly. */
static char *
dup_next_stamp (CareSandboxStore *self)
{
  gint64 now = g_get_real_time () / 1000;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *base = NULL;

  /* A bulk write goes on from its backdated start, one millisecond each. */
  if (now <= self->last_stamp || self->bulk)
    now = self->last_stamp + 1;
  self->last_stamp = now;

  when = g_date_time_new_from_unix_utc (now / 1000);
  base = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int)(now % 1000));
}

/**
 * care_sandbox_store_dup_patient_of:
 * @resource: a FHIR resource
 *
 * Returns: (transfer full) (nullable): the id of the patient whose
 *   compartment @resource is in, or %NULL for shared resources
 */
char *
care_sandbox_store_dup_patient_of (JsonObject *resource)
{
  const char *type = json_object_get_string_member_with_default (resource, "resourceType", "");
  /* Provenance is in the patient's compartment through a target that is
   * the Patient (R4's Provenance.patient search parameter). */
  static const char *members[] = { "subject", "patient", "beneficiary", "securityContext",
                                   "recipient", "target", "for" };

  if (g_str_equal (type, "Patient"))
    return g_strdup (json_object_get_string_member_with_default (resource, "id", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (resource, members[i]);
      JsonObject *ref;
      const char *reference;

      if (node == NULL)
        continue;
      /* Communication.recipient is an array; take the first patient there. */
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonObject *item = json_array_get_object_element (array, j);

              reference = item != NULL
                          ? json_object_get_string_member_with_default (item, "reference", "") : "";
              if (g_str_has_prefix (reference, "Patient/"))
                return g_strdup (reference + strlen ("Patient/"));
            }
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      ref = json_node_get_object (node);
      reference = json_object_get_string_member_with_default (ref, "reference", "");
      if (g_str_has_prefix (reference, "Patient/"))
        return g_strdup (reference + strlen ("Patient/"));
    }

  /* Appointment and Schedule name their patient among the participants. */
  if (json_object_has_member (resource, "participant"))
    {
      JsonArray *participants = json_object_get_array_member (resource, "participant");

      for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
        {
          JsonObject *participant = json_array_get_object_element (participants, i);
          JsonObject *actor = participant != NULL && json_object_has_member (participant, "actor")
                              ? json_object_get_object_member (participant, "actor") : NULL;
          const char *reference = actor != NULL
                                  ? json_object_get_string_member_with_default (actor, "reference", "") : "";

          if (g_str_has_prefix (reference, "Patient/"))
            return g_strdup (reference + strlen ("Patient/"));
        }
    }

  return NULL;
}

static gboolean
insert_tokens (CareSandboxStore  *self,
               gint64             rid,
               JsonObject        *resource,
               GError           **error)
{
  g_autoptr(GPtrArray) tokens = care_sandbox_params_extract_tokens (resource);
  sqlite3_stmt *stmt = get_stmt (self, STMT_INSERT_TOKEN);

  if (stmt == NULL)
    return set_sqlite_error (self, error);

  for (guint i = 0; i < tokens->len; i++)
    {
      CareSandboxToken *token = g_ptr_array_index (tokens, i);
      int rc;

      sqlite3_bind_int64 (stmt, 1, rid);
      sqlite3_bind_text (stmt, 2, token->param, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, token->system, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, token->code, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      done (stmt);
      if (rc != SQLITE_DONE)
        return set_sqlite_error (self, error);
    }

  return TRUE;
}

static gboolean
insert_history (CareSandboxStore  *self,
                const char        *type,
                const char        *id,
                int                version,
                const char        *stamp,
                gboolean           deleted,
                const char        *json,
                GError           **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_INSERT_HISTORY);
  int rc;

  if (stmt == NULL)
    return set_sqlite_error (self, error);

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, version);
  sqlite3_bind_text (stmt, 4, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, deleted);
  sqlite3_bind_text (stmt, 6, json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  done (stmt);

  return rc == SQLITE_DONE ? TRUE : set_sqlite_error (self, error);
}

static gint64
lookup_row (CareSandboxStore *self,
            const char       *type,
            const char       *id,
            int              *out_version)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_LOOKUP_ROW);
  gint64 rid = 0;

  *out_version = 0;
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rid = sqlite3_column_int64 (stmt, 0);
      *out_version = sqlite3_column_int (stmt, 1);
    }
  done (stmt);

  return rid;
}

/* A copy of @resource this function may change: its own top level and its
 * own meta (the parts put() sets); deeper members are shared, unchanged.
 * json_node_copy() alone would share the objects themselves. */
static JsonObject *
dup_for_writing (JsonObject *resource)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (resource);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (resource, name);

      if (g_str_equal (name, "meta") && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *meta = json_node_get_object (value);
          JsonObject *meta_copy = json_object_new ();
          g_autoptr(GList) meta_members = json_object_get_members (meta);

          for (GList *m = meta_members; m != NULL; m = m->next)
            json_object_set_member (meta_copy, m->data,
                                    json_node_copy (json_object_get_member (meta, m->data)));
          json_object_set_object_member (copy, name, meta_copy);
        }
      else
        json_object_set_member (copy, name, json_node_copy (value));
    }

  return copy;
}

/**
 * care_sandbox_store_put:
 * @self: a #CareSandboxStore
 * @resource: a FHIR resource with a resourceType
 * @error: return location for a #GError
 *
 * Creates or replaces @resource: assigns an id when it has none, sets
 * meta.versionId and meta.lastUpdated, and indexes it for search.
 *
 * Returns: (transfer full) (nullable): the stored resource
 */
JsonObject *
care_sandbox_store_put (CareSandboxStore  *self,
                        JsonObject        *resource,
                        GError           **error)
{
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *json = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *date = NULL;
  g_autofree char *version_text = NULL;
  JsonObject *meta;
  const char *type;
  sqlite3_stmt *stmt = NULL;
  gint64 rid;
  int version;
  int rc;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  type = json_object_get_string_member_with_default (resource, "resourceType", NULL);
  if (type == NULL || !care_sandbox_params_is_supported_type (type))
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                   "Unsupported resource type");
      return NULL;
    }

  /* Work on a copy, so the caller's object is never changed under it. */
  stored = dup_for_writing (resource);

  if (json_object_has_member (stored, "id"))
    id = g_strdup (json_object_get_string_member (stored, "id"));
  else
    {
      id = dup_random_id ();
      json_object_set_string_member (stored, "id", id);
    }

  rid = lookup_row (self, type, id, &version);
  version++;
  stamp = dup_next_stamp (self);
  version_text = g_strdup_printf ("%d", version);

  if (!json_object_has_member (stored, "meta"))
    json_object_set_object_member (stored, "meta", json_object_new ());
  meta = json_object_get_object_member (stored, "meta");
  json_object_set_string_member (meta, "versionId", version_text);
  json_object_set_string_member (meta, "lastUpdated", stamp);

  node = json_node_alloc ();
  json_node_init_object (node, stored);
  json = care_json_to_string (node, FALSE);
  patient = care_sandbox_store_dup_patient_of (stored);
  date = care_sandbox_params_dup_date (stored);

  stmt = get_stmt (self, rid == 0 ? STMT_INSERT_RESOURCE : STMT_UPDATE_RESOURCE);
  if (stmt == NULL)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, version);
  sqlite3_bind_text (stmt, 4, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, patient, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, date != NULL ? date : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  done (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  if (rid == 0)
    rid = sqlite3_last_insert_rowid (self->db);
  else
    {
      stmt = get_stmt (self, STMT_DELETE_TOKENS);
      if (stmt == NULL)
        {
          set_sqlite_error (self, error);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, rid);
      rc = sqlite3_step (stmt);
      done (stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error);
          return NULL;
        }
    }

  if (!insert_tokens (self, rid, stored, error) ||
      !insert_history (self, type, id, version, stamp, FALSE, json, error))
    return NULL;

  return g_steal_pointer (&stored);
}

/**
 * care_sandbox_store_get_text:
 * @self: a #CareSandboxStore
 * @type: a resource type
 * @id: an id
 * @out_version: (out) (optional): the current version
 * @out_deleted: (out) (optional): whether the resource was deleted
 *
 * Returns: (transfer full) (nullable): the resource's JSON text (the last
 *   version for a deleted one), or %NULL if it never existed
 */
char *
care_sandbox_store_get_text (CareSandboxStore *self,
                             const char       *type,
                             const char       *id,
                             int              *out_version,
                             gboolean         *out_deleted)
{
  sqlite3_stmt *stmt = NULL;
  char *json = NULL;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), NULL);

  stmt = get_stmt (self, STMT_GET_TEXT);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      if (out_version != NULL)
        *out_version = sqlite3_column_int (stmt, 1);
      if (out_deleted != NULL)
        *out_deleted = sqlite3_column_int (stmt, 2) != 0;
    }
  done (stmt);

  return json;
}

/**
 * care_sandbox_store_get_version_text:
 * @self: a #CareSandboxStore
 * @type: a resource type
 * @id: an id
 * @version: a version number
 * @out_deleted: (out) (optional): whether that version is a deletion
 *
 * Returns: (transfer full) (nullable): the JSON text of that version
 */
char *
care_sandbox_store_get_version_text (CareSandboxStore *self,
                                     const char       *type,
                                     const char       *id,
                                     int               version,
                                     gboolean         *out_deleted)
{
  sqlite3_stmt *stmt = NULL;
  char *json = NULL;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), NULL);

  stmt = get_stmt (self, STMT_GET_VERSION_TEXT);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, version);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      if (out_deleted != NULL)
        *out_deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  done (stmt);

  return json;
}

/**
 * care_sandbox_store_get:
 * @self: a #CareSandboxStore
 * @type: a resource type
 * @id: an id
 *
 * Returns: (transfer full) (nullable): the resource, or %NULL if it does
 *   not exist or was deleted
 */
JsonObject *
care_sandbox_store_get (CareSandboxStore *self,
                        const char       *type,
                        const char       *id)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gboolean deleted = FALSE;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), NULL);

  json = care_sandbox_store_get_text (self, type, id, NULL, &deleted);
  if (json == NULL || deleted)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/**
 * care_sandbox_store_delete:
 * @self: a #CareSandboxStore
 * @type: a resource type
 * @id: an id
 * @error: return location for a #GError
 *
 * Marks the resource deleted: reads answer 410, searches leave it out and
 * _history reports the deletion.
 *
 * Returns: %TRUE on success (deleting what does not exist succeeds)
 */
gboolean
care_sandbox_store_delete (CareSandboxStore  *self,
                           const char        *type,
                           const char        *id,
                           GError           **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean deleted = FALSE;
  int version = 0;
  int rc;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), FALSE);

  json = care_sandbox_store_get_text (self, type, id, &version, &deleted);
  if (json == NULL || deleted)
    return TRUE;

  version++;
  stamp = dup_next_stamp (self);
  stmt = get_stmt (self, STMT_MARK_DELETED);
  if (stmt == NULL)
    return set_sqlite_error (self, error);

  sqlite3_bind_int (stmt, 1, version);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  done (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return insert_history (self, type, id, version, stamp, TRUE, json, error);
}

/**
 * care_sandbox_store_count:
 * @self: a #CareSandboxStore
 * @type: (nullable): a resource type, or %NULL for all
 *
 * Returns: how many resources (not deleted) the store holds
 */
guint
care_sandbox_store_count (CareSandboxStore *self,
                          const char       *type)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), 0);

  sqlite3_prepare_v2 (self->db,
                      type != NULL ? "SELECT COUNT(*) FROM resources WHERE deleted = 0 AND type = ?"
                                   : "SELECT COUNT(*) FROM resources WHERE deleted = 0",
                      -1, &stmt, NULL);
  if (type != NULL)
    sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/**
 * care_sandbox_store_set_today:
 * @self: a #CareSandboxStore
 * @today: the day age rules and the seeder measure from
 *
 * Tests fix the day so age boundaries and seeded dates are exact.
 */
void
care_sandbox_store_set_today (CareSandboxStore *self,
                              GDate            *today)
{
  g_return_if_fail (CARE_IS_SANDBOX_STORE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  self->today_set = TRUE;
}

void
care_sandbox_store_get_today (CareSandboxStore *self,
                              GDate            *out_today)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (CARE_IS_SANDBOX_STORE (self));
  g_return_if_fail (out_today != NULL);

  if (self->today_set)
    {
      *out_today = self->today;
      return;
    }

  now = g_date_time_new_now_local ();
  g_date_clear (out_today, 1);
  g_date_set_dmy (out_today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/**
 * care_sandbox_store_set_bulk_stamps:
 * @self: a #CareSandboxStore
 * @n_expected: about how many resources the bulk write will put, or 0 to
 *   end it
 *
 * lastUpdated is strictly increasing, one millisecond apart at least, so a
 * seed of 133,000 resources written in a few seconds would otherwise be
 * stamped up to two minutes ahead of the portal's own clock (its Date
 * header), which no real server does: every sync within those minutes
 * would find the whole seed "updated since" its last one. A bulk write
 * starts @n_expected milliseconds in the past instead, so its stamps end
 * about when it does.
 */
void
care_sandbox_store_set_bulk_stamps (CareSandboxStore *self,
                                    guint             n_expected)
{
  g_return_if_fail (CARE_IS_SANDBOX_STORE (self));

  self->bulk = n_expected > 0;
  if (n_expected > 0)
    self->last_stamp = MAX (self->last_stamp, g_get_real_time () / 1000 - (gint64)n_expected);
}

/**
 * care_sandbox_store_set_clock_offset:
 * @self: a #CareSandboxStore
 * @seconds: how far the portal's clock is ahead of the real one
 *
 * Follows care_sandbox_advance_clock(), so holds, offers and the 24-hour
 * rule of scheduling expire in tests without waiting.
 */
void
care_sandbox_store_set_clock_offset (CareSandboxStore *self,
                                     gint64            seconds)
{
  g_return_if_fail (CARE_IS_SANDBOX_STORE (self));

  self->clock_offset = seconds;
}

/**
 * care_sandbox_store_now:
 * @self: a #CareSandboxStore
 *
 * With a fixed day (care_sandbox_store_set_today()) the clock runs on
 * that day, at the real time of day, so what the seeder wrote relative to
 * it (open slots, visits next week) keeps its distance from "now".
 *
 * Returns: the portal's clock in unix seconds
 */
gint64
care_sandbox_store_now (CareSandboxStore *self)
{
  gint64 now;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), 0);

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (self->today_set)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (g_date_get_year (&self->today),
                                                      g_date_get_month (&self->today),
                                                      g_date_get_day (&self->today), 0, 0, 0);

      now = g_date_time_to_unix (day) + now % (24 * 3600);
    }
  return now + self->clock_offset;
}
