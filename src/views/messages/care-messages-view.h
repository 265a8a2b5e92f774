/* care-messages-view.h — conversations with the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-message-compose.h"
#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_MESSAGES_VIEW (care_messages_view_get_type ())

/* Narrower than this, New Message is a page of the main window. */
#define CARE_MESSAGES_VIEW_NARROW 600

G_DECLARE_FINAL_TYPE (CareMessagesView, care_messages_view, CARE, MESSAGES_VIEW, CareRecordList)

GtkWidget      *care_messages_view_new      (GObject              *context);
void            care_messages_view_open_message (CareMessagesView *self,
                                                 const char       *id);
gboolean        care_messages_view_get_expanded (CareMessagesView *self,
                                                 const char       *id);
CareMessageCompose *care_messages_view_compose  (CareMessagesView *self,
                                                 CareMessageKind   kind);
gboolean        care_messages_view_reply        (CareMessagesView *self,
                                                 const char       *thread_id,
                                                 const char       *text,
                                                 GError          **error);
guint           care_messages_view_mark_read    (CareMessagesView *self,
                                                 const char       *thread_id);
void            care_messages_view_set_show_calls (CareMessagesView *self,
                                                   gboolean          calls);

/* care-messages-unsent.c: a message the portal refused, by its outbox id */
gboolean        care_messages_view_retry        (CareMessagesView *self,
                                                 const char       *outbox_id,
                                                 GError          **error);
gboolean        care_messages_view_discard      (CareMessagesView *self,
                                                 const char       *outbox_id,
                                                 GError          **error);
gboolean        care_messages_view_edit         (CareMessagesView *self,
                                                 const char       *outbox_id,
                                                 GError          **error);

G_END_DECLS
