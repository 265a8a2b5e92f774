/* care-sync-state.h — what the sync engine is doing, for views to show
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-types.h"

G_BEGIN_DECLS

/**
 * CareSyncPhase:
 * @CARE_SYNC_PHASE_IDLE: nothing under way
 * @CARE_SYNC_PHASE_SYNCING: a sync is running
 * @CARE_SYNC_PHASE_FAILED: the last sync failed; the cache is unchanged
 */
typedef enum
{
  CARE_SYNC_PHASE_IDLE,
  CARE_SYNC_PHASE_SYNCING,
  CARE_SYNC_PHASE_FAILED,
} CareSyncPhase;

#define CARE_TYPE_SYNC_STATE (care_sync_state_get_type ())

G_DECLARE_FINAL_TYPE (CareSyncState, care_sync_state, CARE, SYNC_STATE, GObject)

CareSyncState *care_sync_state_new             (void);
CareSyncPhase  care_sync_state_get_phase       (CareSyncState *self);
void           care_sync_state_set_phase       (CareSyncState *self,
                                                CareSyncPhase  phase);
double         care_sync_state_get_progress    (CareSyncState *self);
void           care_sync_state_set_progress    (CareSyncState *self,
                                                double         progress);
GDateTime     *care_sync_state_get_last_synced (CareSyncState *self);
void           care_sync_state_set_last_synced (CareSyncState *self,
                                                GDateTime     *last_synced);
gboolean       care_sync_state_get_online      (CareSyncState *self);
void           care_sync_state_set_online      (CareSyncState *self,
                                                gboolean       online);
const char    *care_sync_state_get_message     (CareSyncState *self);
void           care_sync_state_set_message     (CareSyncState *self,
                                                const char    *message);
gboolean       care_sync_state_get_sign_in_needed (CareSyncState *self);
void           care_sync_state_set_sign_in_needed (CareSyncState *self,
                                                   gboolean       sign_in_needed);
gboolean       care_sync_state_get_indexing    (CareSyncState *self);
void           care_sync_state_set_indexing    (CareSyncState *self,
                                                gboolean       indexing);

G_END_DECLS
