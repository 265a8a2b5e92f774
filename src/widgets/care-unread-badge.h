/* care-unread-badge.h — the sidebar's count of unread messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"

G_BEGIN_DECLS

#define CARE_TYPE_UNREAD_BADGE (care_unread_badge_get_type ())

G_DECLARE_FINAL_TYPE (CareUnreadBadge, care_unread_badge, CARE, UNREAD_BADGE, AdwBin)

GtkWidget *care_unread_badge_new       (CareContext     *context);
guint      care_unread_badge_get_count (CareUnreadBadge *self);

G_END_DECLS
