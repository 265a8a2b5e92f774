/* care-message-thread.h — messages gathered into conversations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "care-message-draft.h"

G_BEGIN_DECLS

/**
 * CareMessageThread:
 * @id: the id of the thread's first message
 * @subject: (nullable): its subject
 * @kind: the kind of its first message
 * @is_call: whether it is the note of a clinic call
 * @messages: (element-type JsonObject): its messages, oldest first
 * @last_sent: when its newest message was sent (unix seconds; 0 unknown)
 * @n_unread: messages from the care team not read yet (no `received`)
 *
 * One conversation.
 */
typedef struct
{
  char            *id;
  char            *subject;
  CareMessageKind  kind;
  gboolean         is_call;
  GPtrArray       *messages;
  gint64           last_sent;
  guint            n_unread;
} CareMessageThread;

void       care_message_thread_free          (CareMessageThread *thread);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareMessageThread, care_message_thread_free)

char      *care_message_dup_thread_id        (JsonObject        *message);
gint64     care_message_get_sent             (JsonObject        *message);
gboolean   care_message_is_from_patient_side (JsonObject        *message);
char      *care_message_dup_text             (JsonObject        *message);
GPtrArray *care_message_threads_build        (GPtrArray         *messages);
JsonObject *care_message_thread_get_last     (CareMessageThread *thread);
JsonObject *care_message_thread_get_last_from_care_team (CareMessageThread *thread);
gboolean   care_message_thread_matches       (CareMessageThread *thread,
                                              const char        *words);

G_END_DECLS
