/* care-cache-state.c — what the last sync learnt, per resource type
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per type: complete, incomplete or withheld (with the portal's own words
 * from its OperationOutcome), not shared, unsupported or failed, and the
 * bounds the next incremental sync and full pass need.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-error.h"

/**
 * care_type_state_free:
 * @state: (nullable): a type state
 */
void
care_type_state_free (CareTypeState *state)
{
  if (state == NULL)
    return;
  g_free (state->type);
  g_free (state->message);
  g_free (state->last_error);
  g_free (state->since);
  g_free (state);
}

static CareTypeState *
type_state_from_row (sqlite3_stmt *stmt)
{
  CareTypeState *state = g_new0 (CareTypeState, 1);

  state->type = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  state->status = sqlite3_column_int (stmt, 1);
  state->message = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  state->last_error = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  state->last_synced = sqlite3_column_int64 (stmt, 4);
  state->last_full_pass = sqlite3_column_int64 (stmt, 5);
  state->since = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
  return state;
}

#define TYPE_STATE_COLUMNS "type, status, message, last_error, last_synced, last_full_pass, since"

/**
 * care_cache_dup_type_state:
 * @self: a cache
 * @type: a resource type
 *
 * Returns: (transfer full): the type's sync state (status
 *   %CARE_TYPE_STATUS_UNKNOWN if never synced)
 */
CareTypeState *
care_cache_dup_type_state (CareCache  *self,
                           const char *type)
{
  sqlite3_stmt *stmt = NULL;
  CareTypeState *state = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  assert_owner (self);

  if (sqlite3_prepare_v2 (self->db, "SELECT " TYPE_STATE_COLUMNS " FROM type_state WHERE type = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        state = type_state_from_row (stmt);
    }
  sqlite3_finalize (stmt);

  if (state == NULL)
    {
      state = g_new0 (CareTypeState, 1);
      state->type = g_strdup (type);
    }
  return state;
}

/**
 * care_cache_list_type_states:
 * @self: a cache
 *
 * Returns: (transfer full) (element-type CareTypeState): every recorded
 *   type state, by type
 */
GPtrArray *
care_cache_list_type_states (CareCache *self)
{
  GPtrArray *states = g_ptr_array_new_with_free_func ((GDestroyNotify)care_type_state_free);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), states);
  assert_owner (self);

  if (sqlite3_prepare_v2 (self->db, "SELECT " TYPE_STATE_COLUMNS " FROM type_state ORDER BY type",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (states, type_state_from_row (stmt));
  sqlite3_finalize (stmt);
  return states;
}

/**
 * care_cache_set_type_state:
 * @self: a cache
 * @state: the new state of @state->type
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
care_cache_set_type_state (CareCache            *self,
                           const CareTypeState  *state,
                           GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CARE_IS_CACHE (self), FALSE);
  g_return_val_if_fail (state != NULL && state->type != NULL, FALSE);
  assert_owner (self);

  rc = sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO type_state (" TYPE_STATE_COLUMNS ")"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, state->type, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, state->status);
      care_cache_bind_text_or_null (stmt, 3, state->message);
      care_cache_bind_text_or_null (stmt, 4, state->last_error);
      sqlite3_bind_int64 (stmt, 5, state->last_synced);
      sqlite3_bind_int64 (stmt, 6, state->last_full_pass);
      care_cache_bind_text_or_null (stmt, 7, state->since);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return care_cache_set_error (self, self->db, rc, error);
  return TRUE;
}

