/* care-sync-indicator.h — the header's refresh button and sync status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-sync-engine.h"
#include "care-sync-state.h"

G_BEGIN_DECLS

#define CARE_TYPE_SYNC_INDICATOR (care_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (CareSyncIndicator, care_sync_indicator, CARE, SYNC_INDICATOR, AdwBin)

GtkWidget     *care_sync_indicator_new             (CareSyncState     *state);
CareSyncState *care_sync_indicator_get_state       (CareSyncIndicator *self);
const char    *care_sync_indicator_get_status_text (CareSyncIndicator *self);
void           care_sync_indicator_update          (CareSyncIndicator *self);
CareSyncEngine *care_sync_indicator_get_engine     (CareSyncIndicator *self);
void           care_sync_indicator_set_engine      (CareSyncIndicator *self,
                                                    CareSyncEngine    *engine);

G_END_DECLS
