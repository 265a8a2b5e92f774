/* care-message-thread.h — what Messages asks of a conversation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conversations are grouped by care_message_threads_group()
 * (features/care-message-threads.c); these are the questions the
 * messages feature asks of them and of their messages.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "care-message-draft.h"
#include "care-message-threads.h"

G_BEGIN_DECLS

char           *care_message_dup_thread_id        (JsonObject        *message);
gint64          care_message_get_sent             (JsonObject        *message);
gboolean        care_message_is_from_patient_side (JsonObject        *message);
char           *care_message_dup_text             (JsonObject        *message);
CareMessageKind care_message_thread_get_kind      (CareMessageThread *thread);
gboolean        care_message_thread_is_call       (CareMessageThread *thread);
guint           care_message_thread_count_unread  (CareMessageThread *thread);
JsonObject     *care_message_thread_get_last      (CareMessageThread *thread);
JsonObject     *care_message_thread_get_last_from_care_team (CareMessageThread *thread);
gboolean        care_message_thread_matches       (CareMessageThread *thread,
                                                   const char        *words);

G_END_DECLS
