/* care-message-threads.h — Communications as conversations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CareMessageThread:
 * @id: the id of the conversation's first message
 * @topic: (nullable): what it is about (the first topic any message gives)
 * @messages: (element-type JsonObject): its Communications, oldest first
 * @last_sent: (nullable): when its newest message was sent
 *
 * One conversation: a first message and everything that is part of it
 * or answers it, directly or not.
 */
typedef struct
{
  char       *id;
  char       *topic;
  GPtrArray  *messages;
  GDateTime  *last_sent;
} CareMessageThread;

void       care_message_thread_free      (CareMessageThread *thread);
GPtrArray *care_message_threads_group    (GPtrArray         *communications);
gboolean   care_message_is_from          (JsonObject        *message,
                                          const char        *reference);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareMessageThread, care_message_thread_free)

G_END_DECLS
