/* care-message-read.h — which messages the person has read
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-message-thread.h"
#include "care-outbox.h"

G_BEGIN_DECLS

#define CARE_MESSAGE_READ_META "messages-read"

GHashTable *care_message_read_dup_local     (CareCache         *cache);
void        care_message_read_apply         (GHashTable        *read,
                                             GPtrArray         *messages);
GPtrArray  *care_message_dup_all_read       (CareCache         *cache);
guint       care_message_count_unread       (CareCache         *cache);
CareOutboxDraft *care_message_read_draft_new (JsonObject       *message,
                                              GDateTime        *when);
guint       care_message_thread_mark_read   (CareCache         *cache,
                                             CareOutbox        *outbox,
                                             CareMessageThread *thread,
                                             GDateTime         *when,
                                             GError           **error);

G_END_DECLS
