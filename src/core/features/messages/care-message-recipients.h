/* care-message-recipients.h — who on the care team takes messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-connection.h"
#include "care-person.h"

G_BEGIN_DECLS

#define CARE_MESSAGE_RECEIVES_URL "https://carebook.org/fhir/StructureDefinition/receives-messages"

/**
 * CareMessageRecipient:
 * @reference: "Practitioner/id" or "Organization/id"
 * @name: how they are called
 * @role: (nullable): their role on the care team
 * @last_written: when the person last wrote to them (unix seconds; 0 never)
 */
typedef struct
{
  char   *reference;
  char   *name;
  char   *role;
  gint64  last_written;
} CareMessageRecipient;

void                  care_message_recipient_free (CareMessageRecipient *recipient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareMessageRecipient, care_message_recipient_free)

GPtrArray            *care_message_recipients_dup  (CareCache    *cache);
CareMessageRecipient *care_message_recipients_find (GPtrArray    *recipients,
                                                    const char   *words,
                                                    GError      **error);
char                 *care_message_dup_sender      (CareConnection *connection);
gboolean              care_message_can_write       (CarePerson   *person,
                                                    char        **out_reason);
GPtrArray            *care_message_dup_all         (CareCache    *cache);

G_END_DECLS
