/* care-message-saved.h — what was being written, kept as it is typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-message-draft.h"

G_BEGIN_DECLS

#define CARE_MESSAGE_SAVED_COMPOSE "compose"

/**
 * CareMessageSaved:
 * @kind: the kind chosen
 * @recipient: (nullable): "Practitioner/id" or "Organization/id"
 * @subject: (nullable): the subject
 * @text: (nullable): what it says so far
 * @letter_purpose: (nullable): for a letter: "school", "work"…
 *
 * A message not sent yet, as the compose window (or a reply field) had it.
 */
typedef struct
{
  CareMessageKind  kind;
  char            *recipient;
  char            *subject;
  char            *text;
  char            *letter_purpose;
} CareMessageSaved;

void              care_message_saved_free  (CareMessageSaved       *saved);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareMessageSaved, care_message_saved_free)

gboolean          care_message_saved_is_empty (const CareMessageSaved *saved);
gboolean          care_message_saved_store (CareCache              *cache,
                                            const char             *key,
                                            const CareMessageSaved *saved,
                                            GError                **error);
CareMessageSaved *care_message_saved_load  (CareCache              *cache,
                                            const char             *key);
gboolean          care_message_saved_clear (CareCache              *cache,
                                            const char             *key,
                                            GError                **error);

G_END_DECLS
