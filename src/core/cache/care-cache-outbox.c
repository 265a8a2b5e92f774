/* care-cache-outbox.c — the persistent queue of writes waiting to be sent
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items live in the cache's outbox table, so they survive restarts. Each
 * gets an identifier made here (urn:carebook:outbox|uuid), written into
 * the resource itself: the sync engine sends it with If-None-Exist on that
 * identifier, which makes a resend after a lost reply harmless.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-cache-private.h"
#include "care-error.h"
#include "care-json.h"

/* Types whose identifier is a single Identifier, not a list. */
static const char *single_identifier_types[] = { "QuestionnaireResponse", "Bundle", "Composition" };

/**
 * care_outbox_item_free:
 * @item: (nullable): an item
 */
void
care_outbox_item_free (CareOutboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->client_id);
  g_free (item->type);
  g_free (item->json);
  g_free (item->message);
  g_free (item->server_id);
  g_free (item->target);
  g_free (item->version);
  g_free (item->depends_on);
  g_free (item->summary);
  g_free (item->theirs);
  g_free (item);
}

#define OUTBOX_COLUMNS "serial, client_id, type, json, state, message, server_id, attempts, created," \
                       " kind, target, version, depends_on, summary, theirs"

static CareOutboxItem *
item_from_row (sqlite3_stmt *stmt)
{
  CareOutboxItem *item = g_new0 (CareOutboxItem, 1);

  item->serial = sqlite3_column_int64 (stmt, 0);
  item->client_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  item->type = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  item->json = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  item->state = sqlite3_column_int (stmt, 4);
  item->message = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  item->server_id = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
  item->attempts = sqlite3_column_int (stmt, 7);
  item->created = sqlite3_column_int64 (stmt, 8);
  item->kind = sqlite3_column_int (stmt, 9);
  item->target = g_strdup ((const char *)sqlite3_column_text (stmt, 10));
  item->version = g_strdup ((const char *)sqlite3_column_text (stmt, 11));
  item->depends_on = g_strdup ((const char *)sqlite3_column_text (stmt, 12));
  item->summary = g_strdup ((const char *)sqlite3_column_text (stmt, 13));
  item->theirs = g_strdup ((const char *)sqlite3_column_text (stmt, 14));
  return item;
}

static void
add_identifier (JsonObject *resource,
                const char *type,
                const char *client_id)
{
  JsonObject *identifier = json_object_new ();

  json_object_set_string_member (identifier, "system", CARE_OUTBOX_IDENTIFIER_SYSTEM);
  json_object_set_string_member (identifier, "value", client_id);

  for (guint i = 0; i < G_N_ELEMENTS (single_identifier_types); i++)
    if (g_str_equal (type, single_identifier_types[i]))
      {
        json_object_set_object_member (resource, "identifier", identifier);
        return;
      }

  if (care_fhir_get_array (resource, "identifier") == NULL)
    json_object_set_array_member (resource, "identifier", json_array_new ());
  json_array_add_object_element (care_fhir_get_array (resource, "identifier"), identifier);
}

/**
 * care_cache_outbox_add:
 * @self: a cache
 * @resource: the resource to create; a copy gets the outbox identifier
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Queues a create.
 *
 * Returns: (transfer full) (nullable): the queued item
 */
CareOutboxItem *
care_cache_outbox_add (CareCache   *self,
                       JsonObject  *resource,
                       GError     **error)
{
  CareOutboxRequest request = { CARE_OUTBOX_CREATE, NULL, resource, };

  return care_cache_outbox_add_request (self, &request, error);
}

/**
 * care_cache_outbox_add_request:
 * @self: a cache
 * @request: what to queue; a create's resource (a copy) gets the outbox
 *   identifier
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: (transfer full) (nullable): the queued item
 */
CareOutboxItem *
care_cache_outbox_add_request (CareCache                *self,
                               const CareOutboxRequest  *request,
                               GError                  **error)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autofree char *made_id = NULL;
  g_autofree char *json = NULL;
  sqlite3 *db = care_cache_get_db (self);
  sqlite3_stmt *stmt = NULL;
  const char *client_id;
  const char *type;
  CareOutboxItem *item = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  g_return_val_if_fail (request != NULL && request->resource != NULL, NULL);

  type = care_fhir_get_string (request->resource, "resourceType");
  g_return_val_if_fail (type != NULL, NULL);
  client_id = request->client_id;
  if (client_id == NULL)
    client_id = made_id = g_uuid_string_random ();

  /* json_node_copy() shares the object: a copy to add the identifier to
   * goes through text, so the caller's resource stays as it was. */
  original = json_node_init_object (json_node_alloc (), request->resource);
  json = care_json_to_string (original, FALSE);
  if (request->kind == CARE_OUTBOX_CREATE)
    {
      copy = json_from_string (json, NULL);
      g_clear_pointer (&json, g_free);
      add_identifier (json_node_get_object (copy), type, client_id);
      json = care_json_to_string (copy, FALSE);
    }

  rc = sqlite3_prepare_v2 (db, "INSERT INTO outbox (client_id, type, json, created, kind, target, version,"
                               " depends_on, summary, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                               " RETURNING " OUTBOX_COLUMNS, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int (stmt, 5, request->kind);
      care_cache_bind_text_or_null (stmt, 6, request->target);
      care_cache_bind_text_or_null (stmt, 7, request->version);
      care_cache_bind_text_or_null (stmt, 8, request->depends_on);
      care_cache_bind_text_or_null (stmt, 9, request->summary);
      sqlite3_bind_int (stmt, 10, request->draft ? CARE_OUTBOX_DRAFT : CARE_OUTBOX_PENDING);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        item = item_from_row (stmt);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (item == NULL || rc != SQLITE_DONE)
    {
      care_outbox_item_free (item);
      care_cache_set_error (self, db, rc, error);
      return NULL;
    }
  return item;
}

/**
 * care_cache_outbox_lookup:
 * @self: a cache
 * @client_id: an item's identifier
 *
 * Returns: (transfer full) (nullable): the item
 */
CareOutboxItem *
care_cache_outbox_lookup (CareCache  *self,
                          const char *client_id)
{
  sqlite3_stmt *stmt = NULL;
  CareOutboxItem *item = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  if (sqlite3_prepare_v2 (care_cache_get_db (self), "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE client_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        item = item_from_row (stmt);
    }
  sqlite3_finalize (stmt);
  return item;
}

/**
 * care_cache_outbox_list:
 * @self: a cache
 * @pending_only: only items still to send
 *
 * Returns: (transfer full) (element-type CareOutboxItem): items, oldest
 *   first
 */
GPtrArray *
care_cache_outbox_list (CareCache *self,
                        gboolean   pending_only)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_item_free);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), items);

  if (sqlite3_prepare_v2 (care_cache_get_db (self),
                          pending_only ? "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 0 ORDER BY serial"
                                       : "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY serial",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (items, item_from_row (stmt));
  sqlite3_finalize (stmt);
  return items;
}

static gboolean
run_update (CareCache   *self,
            const char  *sql,
            gint64       serial,
            int          state,
            const char  *server_id,
            const char  *message,
            GError     **error)
{
  sqlite3 *db = care_cache_get_db (self);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      int n = sqlite3_bind_parameter_count (stmt);

      if (n == 4)
        {
          sqlite3_bind_int (stmt, 1, state);
          care_cache_bind_text_or_null (stmt, 2, server_id);
          care_cache_bind_text_or_null (stmt, 3, message);
        }
      sqlite3_bind_int64 (stmt, n, serial);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, db, rc, error);
  return TRUE;
}

/**
 * care_cache_outbox_mark_attempt:
 * @self: a cache
 * @serial: an item
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_mark_attempt (CareCache   *self,
                                gint64       serial,
                                GError     **error)
{
  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  return run_update (self, "UPDATE outbox SET attempts = attempts + 1 WHERE serial = ?", serial, 0, NULL, NULL,
                     error);
}

/**
 * care_cache_outbox_unmark_attempt:
 * @self: a cache
 * @serial: an item
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Takes back the last attempt: it never left Carebook (offline, signed
 * out), so an operation that is not safe to repeat may go again.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_unmark_attempt (CareCache   *self,
                                  gint64       serial,
                                  GError     **error)
{
  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  return run_update (self, "UPDATE outbox SET attempts = max (attempts - 1, 0) WHERE serial = ?", serial, 0,
                     NULL, NULL, error);
}

/**
 * care_cache_outbox_finish_item:
 * @self: a cache
 * @serial: an item
 * @state: %CARE_OUTBOX_SENT or %CARE_OUTBOX_REFUSED (or back to pending)
 * @server_id: (nullable): the id the server gave it
 * @message: (nullable): the server's words, for a refusal
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_finish_item (CareCache        *self,
                               gint64            serial,
                               CareOutboxState   state,
                               const char       *server_id,
                               const char       *message,
                               GError          **error)
{
  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  return run_update (self, "UPDATE outbox SET state = ?, server_id = ?, message = ? WHERE serial = ?", serial,
                     state, server_id, message, error);
}

/**
 * care_cache_outbox_set_conflict:
 * @self: a cache
 * @serial: an update the portal answered 412 to
 * @theirs: (nullable): the portal's version now, as JSON
 * @message: what happened, for the user
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_set_conflict (CareCache   *self,
                                gint64       serial,
                                const char  *theirs,
                                const char  *message,
                                GError     **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);

  db = care_cache_get_db (self);
  rc = sqlite3_prepare_v2 (db, "UPDATE outbox SET state = ?, theirs = ?, message = ? WHERE serial = ?", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, CARE_OUTBOX_CONFLICT);
      care_cache_bind_text_or_null (stmt, 2, theirs);
      care_cache_bind_text_or_null (stmt, 3, message);
      sqlite3_bind_int64 (stmt, 4, serial);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, db, rc, error);
  return TRUE;
}

/**
 * care_cache_outbox_retry:
 * @self: a cache
 * @serial: a refused, conflicting or draft item
 * @version: (nullable): for a conflict the user settled by keeping their
 *   change, the portal's version it now replaces; %NULL keeps the one saved
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Makes the item wait to be sent again.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_retry (CareCache   *self,
                         gint64       serial,
                         const char  *version,
                         GError     **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);

  db = care_cache_get_db (self);
  /* An operation the user checked starts counting its attempts afresh:
   * one left unanswered is what makes it "check in your portal". */
  rc = sqlite3_prepare_v2 (db, "UPDATE outbox SET state = 0, message = NULL, theirs = NULL,"
                               " version = coalesce (?, version),"
                               " attempts = CASE WHEN kind = 2 THEN 0 ELSE attempts END"
                               " WHERE serial = ? AND state != 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      care_cache_bind_text_or_null (stmt, 1, version);
      sqlite3_bind_int64 (stmt, 2, serial);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, db, rc, error);
  return TRUE;
}

/**
 * care_cache_outbox_discard:
 * @self: a cache
 * @serial: an item (typically a refused one the user gave up on)
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_discard (CareCache   *self,
                           gint64       serial,
                           GError     **error)
{
  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  return run_update (self, "DELETE FROM outbox WHERE serial = ?", serial, 0, NULL, NULL, error);
}

/**
 * care_cache_outbox_replace:
 * @self: a cache
 * @serial: an item that has not been sent: waiting, refused or a draft
 * @resource: what to send instead (a create's copy gets the item's
 *   outbox identifier, so the portal still sees one write)
 * @summary: (nullable): what it is now, in the user's words
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Corrects a write before it is sent. A refused item waits again; a
 * draft stays a draft. An item sent, being sent (its state is not stored
 * then) or that may have arrived (check, conflict) is left alone and
 * %G_IO_ERROR_FAILED returned.
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_outbox_replace (CareCache   *self,
                           gint64       serial,
                           JsonObject  *resource,
                           const char  *summary,
                           GError     **error)
{
  g_autoptr(CareOutboxItem) item = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);

  db = care_cache_get_db (self);
  rc = sqlite3_prepare_v2 (db, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE serial = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, serial);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        item = item_from_row (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (item == NULL || (item->state != CARE_OUTBOX_PENDING && item->state != CARE_OUTBOX_REFUSED &&
                       item->state != CARE_OUTBOX_DRAFT) ||
      g_strcmp0 (care_fhir_get_string (resource, "resourceType"), item->type) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("This has already been sent and can no longer be changed here."));
      return FALSE;
    }

  node = json_node_init_object (json_node_alloc (), resource);
  json = care_json_to_string (node, FALSE);
  if (item->kind == CARE_OUTBOX_CREATE)
    {
      g_autoptr(JsonNode) copy = json_from_string (json, NULL);

      g_clear_pointer (&json, g_free);
      add_identifier (json_node_get_object (copy), item->type, item->client_id);
      json = care_json_to_string (copy, FALSE);
    }

  rc = sqlite3_prepare_v2 (db, "UPDATE outbox SET json = ?, summary = coalesce (?, summary), message = NULL,"
                               " attempts = 0, state = CASE WHEN state = ? THEN state ELSE ? END"
                               " WHERE serial = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
      care_cache_bind_text_or_null (stmt, 2, summary);
      sqlite3_bind_int (stmt, 3, CARE_OUTBOX_DRAFT);
      sqlite3_bind_int (stmt, 4, CARE_OUTBOX_PENDING);
      sqlite3_bind_int64 (stmt, 5, serial);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, db, rc, error);
  return TRUE;
}
