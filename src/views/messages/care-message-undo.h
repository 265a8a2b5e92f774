/* care-message-undo.h — "Sent to your care team", with Undo
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-message-compose.h"
#include "care-message-saved.h"
#include "care-record-list.h"

G_BEGIN_DECLS

/**
 * CareMessageUndoFile:
 * @name: the file's name
 * @content_type: what it is
 * @bytes: its content
 *
 * An attachment, kept to be put back in the compose window on Undo.
 */
typedef struct
{
  char   *name;
  char   *content_type;
  GBytes *bytes;
} CareMessageUndoFile;

void                care_message_undo_file_free (CareMessageUndoFile *file);

gboolean            care_message_undo_can_hold  (CareRecordList      *list);
void                care_message_undo_hold      (CareRecordList      *list,
                                                 GPtrArray           *ids,
                                                 CareMessageSaved    *saved,
                                                 GPtrArray           *files);
gboolean            care_message_undo_is_pending (CareRecordList     *list);
CareMessageCompose *care_message_undo_now       (CareRecordList      *list);
void                care_message_undo_send_now  (CareRecordList      *list);

G_END_DECLS
