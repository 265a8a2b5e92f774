/* care-outbox-draft.h — a write a feature prepared, before it is queued
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "care-cache.h"

G_BEGIN_DECLS

/**
 * CareOutboxDraft:
 * @kind: what it does at the portal
 * @client_id: the identifier it will be sent with; dependents refer to it
 *   as "urn:uuid:" and this id
 * @resource: the resource, or the Parameters of an operation
 * @target: (nullable): the id to update, or "Type/$op"
 * @version: (nullable): for an update, the version the user saw
 * @depends_on: (nullable): the client id of a draft to send first
 * @summary: what it is, in the user's words
 *
 * What a feature's draft builder returns (care_allergy_draft_new()…):
 * GTK-free, tested without a display, queued with care_outbox_queue_draft().
 */
typedef struct
{
  CareOutboxKind  kind;
  char           *client_id;
  JsonObject     *resource;
  char           *target;
  char           *version;
  char           *depends_on;
  char           *summary;
} CareOutboxDraft;

#define CARE_TYPE_OUTBOX_DRAFT (care_outbox_draft_get_type ())

GType            care_outbox_draft_get_type      (void) G_GNUC_CONST;
CareOutboxDraft *care_outbox_draft_new           (CareOutboxKind         kind,
                                                  JsonObject            *resource,
                                                  const char            *summary);
CareOutboxDraft *care_outbox_draft_new_update    (JsonObject            *resource,
                                                  const char            *summary);
CareOutboxDraft *care_outbox_draft_new_operation (const char            *type,
                                                  const char            *operation,
                                                  JsonObject            *parameters,
                                                  const char            *summary);
char            *care_outbox_draft_dup_reference (const CareOutboxDraft *self);
void             care_outbox_draft_depend_on     (CareOutboxDraft       *self,
                                                  const CareOutboxDraft *first);
void             care_outbox_draft_get_request   (const CareOutboxDraft *self,
                                                  CareOutboxRequest     *out_request);
CareOutboxDraft *care_outbox_draft_copy          (const CareOutboxDraft *self);
void             care_outbox_draft_free          (CareOutboxDraft       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareOutboxDraft, care_outbox_draft_free)

G_END_DECLS
