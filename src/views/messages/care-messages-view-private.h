/* care-messages-view-private.h — what care-messages-view.c shares with
 * care-messages-unsent.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-messages-view.h"
#include "care-message-thread.h"

G_BEGIN_DECLS

struct _CareMessagesView
{
  CareRecordList  parent_instance;

  CareRecordList *list;         /* itself, as the list it is */
  GHashTable     *rows;         /* message id → its conversation's row */
  GHashTable     *replies;      /* thread id → its reply entry */
  GHashTable     *renewals;     /* request id → CareRenewal, while populating */
  char           *pending_id;   /* a message to open once the list is built */
  char           *reply_thread; /* a reply taken back to edit: its conversation */
  char           *reply_text;   /* … and its words, for the reply field once built */
  gboolean        show_calls;
  GtkStack       *pages;        /* the list, and New Message as a page at 360 px */
  CareMessageCompose *compose;  /* weak: the one open, window or page */
};

void       care_messages_view_add_child_detail   (CareMessagesView  *self,
                                                  AdwActionRow      *row,
                                                  const char        *line);

/* care-messages-attachments.c */
void       care_messages_view_add_attachments    (CareMessagesView  *self,
                                                  AdwActionRow      *row,
                                                  JsonObject        *message);

/* care-messages-unsent.c */
GPtrArray *care_messages_view_dup_refused        (CareMessagesView  *self);
void       care_messages_view_add_refusal        (CareMessagesView  *self,
                                                  AdwExpanderRow    *expander,
                                                  AdwActionRow      *row,
                                                  CareOutboxEntry   *entry);
void       care_messages_view_add_renewal_state  (CareMessagesView  *self,
                                                  AdwExpanderRow    *expander,
                                                  CareMessageThread *thread);

G_END_DECLS
