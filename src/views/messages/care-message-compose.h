/* care-message-compose.h — writing a message to the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-message-draft.h"
#include "care-message-saved.h"
#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_MESSAGE_COMPOSE (care_message_compose_get_type ())

G_DECLARE_FINAL_TYPE (CareMessageCompose, care_message_compose, CARE, MESSAGE_COMPOSE, AdwWindow)

CareMessageCompose *care_message_compose_new          (GtkWindow          *parent,
                                                       CareRecordList     *list,
                                                       CareMessageKind     kind);
void                care_message_compose_set_text     (CareMessageCompose *self,
                                                       const char         *subject,
                                                       const char         *text);
gboolean            care_message_compose_set_recipient (CareMessageCompose *self,
                                                        const char         *reference);
gboolean            care_message_compose_add_bytes    (CareMessageCompose *self,
                                                       const char         *name,
                                                       const char         *content_type,
                                                       GBytes             *bytes,
                                                       GError            **error);
guint               care_message_compose_get_n_attachments (CareMessageCompose *self);
gboolean            care_message_compose_send         (CareMessageCompose *self,
                                                       GError            **error);
const char         *care_message_compose_get_error    (CareMessageCompose *self);
char               *care_message_compose_dup_text     (CareMessageCompose *self);
void                care_message_compose_save_draft   (CareMessageCompose *self);
void                care_message_compose_restore      (CareMessageCompose *self,
                                                       const CareMessageSaved *saved);
void                care_message_compose_close        (CareMessageCompose *self);
void                care_message_compose_show_in      (CareMessageCompose *self,
                                                       GtkStack           *host);
gboolean            care_message_compose_is_page      (CareMessageCompose *self);

G_END_DECLS
