/* care-messages-view.h — conversations with the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_MESSAGES_VIEW (care_messages_view_get_type ())

G_DECLARE_FINAL_TYPE (CareMessagesView, care_messages_view, CARE, MESSAGES_VIEW, CareRecordList)

GtkWidget      *care_messages_view_new      (GObject              *context);
void            care_messages_view_open_message (CareMessagesView *self,
                                                 const char       *id);
gboolean        care_messages_view_get_expanded (CareMessagesView *self,
                                                 const char       *id);

G_END_DECLS
