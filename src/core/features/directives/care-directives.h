/* care-directives.h — end-of-life planning: what is on file, and files to upload
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-cache.h"
#include "care-directive-draft.h"

G_BEGIN_DECLS

/**
 * CareDirectiveItemKind:
 * @CARE_DIRECTIVE_ITEM_DIRECTIVE: a signed advance directive or POLST on file
 * @CARE_DIRECTIVE_ITEM_AGENT: the health care agent the patient named
 * @CARE_DIRECTIVE_ITEM_FORM: a blank form the portal offers
 */
typedef enum
{
  CARE_DIRECTIVE_ITEM_DIRECTIVE,
  CARE_DIRECTIVE_ITEM_AGENT,
  CARE_DIRECTIVE_ITEM_FORM,
} CareDirectiveItemKind;

/**
 * CareDirectiveItem:
 * @kind: what it is
 * @id: the resource's id, or its outbox id while it waits to be sent
 * @title: the document's title, or the agent's name
 * @date: (nullable): the day it was signed or written, "YYYY-MM-DD"
 * @detail: (nullable): the agent's relationship in words, or the file's name
 * @phone: (nullable): the agent's phone
 * @waiting: whether it is still in the outbox
 * @state: the outbox's state (%CARE_OUTBOX_SENT once on file)
 * @message: (nullable): the portal's words when it refused it
 */
typedef struct
{
  CareDirectiveItemKind  kind;
  char                  *id;
  char                  *title;
  char                  *date;
  char                  *detail;
  char                  *phone;
  gboolean               waiting;
  CareOutboxState        state;
  char                  *message;
} CareDirectiveItem;

void                care_directive_item_free  (CareDirectiveItem *item);
GPtrArray          *care_directives_list      (CareCache         *cache,
                                               GError           **error);
const char         *care_directive_item_kind_to_string (CareDirectiveItemKind kind);

CareDirectiveFile  *care_directive_files_load (GFile * const     *files,
                                               guint              n_files,
                                               GCancellable      *cancellable,
                                               GError           **error);
void                care_directive_files_free (CareDirectiveFile *files,
                                               guint              n_files);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareDirectiveItem, care_directive_item_free)

G_END_DECLS
