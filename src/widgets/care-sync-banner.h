/* care-sync-banner.h — the offline and sync-failure banner
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-sync-state.h"

G_BEGIN_DECLS

#define CARE_TYPE_SYNC_BANNER (care_sync_banner_get_type ())

G_DECLARE_FINAL_TYPE (CareSyncBanner, care_sync_banner, CARE, SYNC_BANNER, AdwBin)

GtkWidget  *care_sync_banner_new         (CareSyncState  *state);
gboolean    care_sync_banner_get_revealed (CareSyncBanner *self);
const char *care_sync_banner_get_text    (CareSyncBanner *self);
const char *care_sync_banner_get_action_name (CareSyncBanner *self);
gboolean    care_sync_banner_get_button_visible (CareSyncBanner *self);

G_END_DECLS
