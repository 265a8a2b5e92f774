/* care-message-compose-private.h — what the compose files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-message-compose.h"

G_BEGIN_DECLS

struct _CareMessageCompose
{
  AdwWindow        parent_instance;

  CareRecordList  *list;
  GPtrArray       *recipients;   /* CareMessageRecipient */
  GPtrArray       *files;        /* Attachment */
  AdwComboRow     *to_row;
  AdwComboRow     *kind_row;
  AdwComboRow     *purpose_row;
  AdwEntryRow     *subject_row;
  GtkTextView     *text_view;
  GtkWidget       *notice;
  GtkWidget       *error_label;
  GtkListBox      *files_box;
  GtkWidget       *send_button;
  GtkWidget       *restored;     /* "Your draft is back", with Discard */
  char            *error;
  guint            save_id;      /* the draft is saved once typing pauses */
  gboolean         sent;
  gboolean         restoring;
  GtkWidget       *content;      /* the header bar and the form */
  GtkStack        *host;         /* at 360 px: the page it is, in the main window */
};

typedef struct
{
  char   *name;
  char   *content_type;
  GBytes *bytes;
} Attachment;

void       care_message_compose_attachment_free   (Attachment         *attachment);
void       care_message_compose_show_error        (CareMessageCompose *self,
                                                   const char         *text);
GtkWindow *care_message_compose_get_window        (CareMessageCompose *self);

/* care-message-compose-files.c */
void       care_message_compose_attach_cb         (CareMessageCompose *self);
gboolean   care_message_compose_drop_cb           (GtkDropTarget      *target,
                                                   const GValue       *value,
                                                   double              x,
                                                   double              y,
                                                   CareMessageCompose *self);
gboolean   care_message_compose_paste_shortcut_cb (GtkWidget          *widget,
                                                   GVariant           *args,
                                                   gpointer            user_data);

G_END_DECLS
