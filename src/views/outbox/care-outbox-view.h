/* care-outbox-view.h — what this record waits to send, sent, or could not send
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"
#include "care-outbox.h"

G_BEGIN_DECLS

#define CARE_TYPE_OUTBOX_VIEW (care_outbox_view_get_type ())

G_DECLARE_FINAL_TYPE (CareOutboxView, care_outbox_view, CARE, OUTBOX_VIEW, AdwBin)

GtkWidget  *care_outbox_view_new          (GObject        *context);
CareOutbox *care_outbox_view_get_outbox   (CareOutboxView *self);
guint       care_outbox_view_get_n_rows   (CareOutboxView *self);

#define CARE_TYPE_OUTBOX_BADGE (care_outbox_badge_get_type ())

G_DECLARE_FINAL_TYPE (CareOutboxBadge, care_outbox_badge, CARE, OUTBOX_BADGE, AdwBin)

GtkWidget  *care_outbox_badge_new         (CareContext     *context);
guint       care_outbox_badge_get_count   (CareOutboxBadge *self);

G_END_DECLS
