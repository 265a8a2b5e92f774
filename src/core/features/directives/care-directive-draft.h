/* care-directive-draft.h — end-of-life planning: a signed directive, a health care agent
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-outbox-draft.h"

G_BEGIN_DECLS

/* LOINC "Advance healthcare directives": the DocumentReference's category
 * and type, as the HL7 Advance Directive Interoperability IG has it. */
#define CARE_DIRECTIVE_LOINC "42348-3"
/* v3 RoleCode "healthcare power of attorney": a RelatedPerson who is the
 * patient's health care agent. */
#define CARE_AGENT_ROLE_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
#define CARE_AGENT_ROLE_CODE "HPOWATT"
/* A blank form the portal offers, not a signed directive on file. */
#define CARE_DIRECTIVE_FORM_SYSTEM "https://carebook.org/fhir/CodeSystem/document-purpose"
#define CARE_DIRECTIVE_FORM_CODE "blank-form"
#define CARE_DIRECTIVE_MAX_PAGES 20

/**
 * CareDirectiveFile:
 * @name: the file's name
 * @content_type: "application/pdf" or an image type
 * @bytes: its content
 *
 * One file of a signed directive: the PDF, or a photo of one page.
 */
typedef struct
{
  const char *name;
  const char *content_type;
  GBytes     *bytes;
} CareDirectiveFile;

GPtrArray       *care_directive_drafts_new   (const char              *patient,
                                              const char              *title,
                                              const CareDirectiveFile *files,
                                              guint                    n_files,
                                              GDateTime               *signed_on,
                                              GDateTime               *now,
                                              GError                 **error);
CareOutboxDraft *care_agent_draft_new        (const char              *patient,
                                              const char              *name,
                                              const char              *relationship,
                                              const char              *phone,
                                              GError                 **error);
gboolean         care_directive_is_directive (JsonObject              *document);
gboolean         care_directive_is_blank_form (JsonObject             *document);
gboolean         care_related_person_is_agent (JsonObject             *person);

G_END_DECLS
