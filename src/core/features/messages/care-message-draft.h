/* care-message-draft.h — messages to the care team, as outbox drafts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-outbox-draft.h"
#include "care-pharmacy.h"

G_BEGIN_DECLS

/* Where Carebook and the sandbox say what kind a message is. */
#define CARE_MESSAGE_KIND_SYSTEM        "https://carebook.org/fhir/CodeSystem/message-kind"
#define CARE_MESSAGE_LETTER_SYSTEM      "https://carebook.org/fhir/CodeSystem/letter-purpose"
#define CARE_MESSAGE_MAX_ATTACHMENTS    5
#define CARE_MESSAGE_MAX_ATTACHMENT_BYTES (10 * 1024 * 1024)

/**
 * CareMessageKind:
 * @CARE_MESSAGE_KIND_MEDICAL_QUESTION: a question for the care team
 * @CARE_MESSAGE_KIND_CUSTOMER_SERVICE: bills, the account, the portal
 * @CARE_MESSAGE_KIND_RENEWAL: a prescription renewal request
 * @CARE_MESSAGE_KIND_LETTER: a letter for school, work or travel
 * @CARE_MESSAGE_KIND_OTHER: anything else
 */
typedef enum
{
  CARE_MESSAGE_KIND_MEDICAL_QUESTION,
  CARE_MESSAGE_KIND_CUSTOMER_SERVICE,
  CARE_MESSAGE_KIND_RENEWAL,
  CARE_MESSAGE_KIND_LETTER,
  CARE_MESSAGE_KIND_OTHER,
} CareMessageKind;

#define CARE_MESSAGE_N_KINDS (CARE_MESSAGE_KIND_OTHER + 1)

/**
 * CareMessageFields:
 * @patient: "Patient/id"
 * @sender: (nullable): who writes, when not the patient ("RelatedPerson/id")
 * @recipient: "Practitioner/id" or "Organization/id"
 * @recipient_name: (nullable): how the recipient is shown
 * @kind: what kind of message
 * @subject: (nullable): the subject; replies keep the thread's
 * @text: what it says
 * @language: (nullable): the language it is written in ("en", "es")
 * @thread: (nullable): for a reply, "Communication/id" of the thread's first message
 * @in_reply_to: (nullable): for a reply, "Communication/id" of the message answered
 * @about: (nullable): what it is about ("MedicationRequest/id")
 * @letter_purpose: (nullable): for a letter: "school", "work", "travel" or "other"
 * @when: when it was written
 * @pharmacy: (nullable): for a renewal, the pharmacy asked for ("Organization/id"),
 *   a second `about`
 * @pharmacy_name: (nullable): its name
 */
typedef struct
{
  const char      *patient;
  const char      *sender;
  const char      *recipient;
  const char      *recipient_name;
  CareMessageKind  kind;
  const char      *subject;
  const char      *text;
  const char      *language;
  const char      *thread;
  const char      *in_reply_to;
  const char      *about;
  const char      *letter_purpose;
  GDateTime       *when;
  const char      *pharmacy;
  const char      *pharmacy_name;
} CareMessageFields;

const char      *care_message_kind_to_code       (CareMessageKind          kind);
gboolean         care_message_kind_from_code     (const char              *code,
                                                  CareMessageKind         *out_kind);
const char      *care_message_kind_get_title     (CareMessageKind          kind);
CareMessageKind  care_message_get_kind           (JsonObject              *message);
gboolean         care_message_is_call            (JsonObject              *message);

gboolean         care_message_check_attachment   (const char              *content_type,
                                                  gsize                    size,
                                                  GError                 **error);
CareOutboxDraft *care_message_attachment_draft_new (const char            *patient,
                                                    const char            *filename,
                                                    const char            *content_type,
                                                    GBytes                *bytes,
                                                    GError               **error);
CareOutboxDraft *care_message_draft_new          (const CareMessageFields *fields,
                                                  GPtrArray               *attachments,
                                                  GError                 **error);
CareOutboxDraft *care_message_reply_draft_new    (const char              *patient,
                                                  const char              *sender,
                                                  JsonObject              *answered,
                                                  const char              *text,
                                                  const char              *language,
                                                  GDateTime               *when,
                                                  GPtrArray               *attachments,
                                                  GError                 **error);
CareOutboxDraft *care_message_renewal_draft_new  (const char              *patient,
                                                  const char              *sender,
                                                  JsonObject              *request,
                                                  const char              *medication_name,
                                                  const CarePharmacy      *pharmacy,
                                                  const char              *comment,
                                                  const char              *language,
                                                  GDateTime               *when,
                                                  GError                 **error);
CareOutboxDraft *care_message_letter_draft_new   (const char              *patient,
                                                  const char              *sender,
                                                  const char              *recipient,
                                                  const char              *recipient_name,
                                                  const char              *purpose,
                                                  const char              *text,
                                                  const char              *language,
                                                  GDateTime               *when,
                                                  GError                 **error);

G_END_DECLS
