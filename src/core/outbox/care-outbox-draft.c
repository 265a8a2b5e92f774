/* care-outbox-draft.c — a write a feature prepared, before it is queued
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Features build their writes in core (src/core/features/<feature>/),
 * where they are tested without a display; a view only collects what the
 * user typed and queues the draft. A draft names its kind, and for a
 * dependency chain the drafts are made together: the second embeds the
 * first's reference ("urn:uuid:…") and waits for it, and the sync engine
 * puts the server's id in its place when the first is sent.
 */
#include "config.h"

#include "care-fhir.h"
#include "care-outbox-draft.h"

G_DEFINE_BOXED_TYPE (CareOutboxDraft, care_outbox_draft, care_outbox_draft_copy, care_outbox_draft_free)

/**
 * care_outbox_draft_new:
 * @kind: %CARE_OUTBOX_CREATE (for the others, see below)
 * @resource: the resource (a reference is taken)
 * @summary: what it is, in the user's words
 *
 * Returns: (transfer full): a draft with a fresh identifier
 */
CareOutboxDraft *
care_outbox_draft_new (CareOutboxKind  kind,
                       JsonObject     *resource,
                       const char     *summary)
{
  CareOutboxDraft *self;

  g_return_val_if_fail (resource != NULL, NULL);

  self = g_new0 (CareOutboxDraft, 1);
  self->kind = kind;
  self->client_id = g_uuid_string_random ();
  self->resource = json_object_ref (resource);
  self->summary = g_strdup (summary);
  return self;
}

/**
 * care_outbox_draft_new_update:
 * @resource: the changed resource, with the id and meta.versionId the
 *   user saw
 * @summary: what it is, in the user's words
 *
 * Returns: (transfer full) (nullable): an update sent with If-Match on
 *   that version, %NULL when @resource has no id
 */
CareOutboxDraft *
care_outbox_draft_new_update (JsonObject *resource,
                              const char *summary)
{
  CareOutboxDraft *self;
  JsonObject *meta;

  g_return_val_if_fail (resource != NULL, NULL);

  if (care_fhir_get_string (resource, "id") == NULL)
    return NULL;
  self = care_outbox_draft_new (CARE_OUTBOX_UPDATE, resource, summary);
  self->target = g_strdup (care_fhir_get_string (resource, "id"));
  meta = json_object_has_member (resource, "meta") ? json_object_get_object_member (resource, "meta") : NULL;
  self->version = g_strdup (meta != NULL ? care_fhir_get_string (meta, "versionId") : NULL);
  return self;
}

/**
 * care_outbox_draft_new_operation:
 * @type: the type the operation is on ("Appointment")
 * @operation: its name with the dollar ("$book")
 * @parameters: a Parameters resource
 * @summary: what it is, in the user's words
 *
 * Returns: (transfer full): `POST [base]/Type/$op`
 */
CareOutboxDraft *
care_outbox_draft_new_operation (const char *type,
                                 const char *operation,
                                 JsonObject *parameters,
                                 const char *summary)
{
  CareOutboxDraft *self;

  g_return_val_if_fail (type != NULL && operation != NULL && operation[0] == '$', NULL);

  self = care_outbox_draft_new (CARE_OUTBOX_OPERATION, parameters, summary);
  self->target = g_strdup_printf ("%s/%s", type, operation);
  return self;
}

/**
 * care_outbox_draft_dup_reference:
 * @self: a draft
 *
 * Returns: (transfer full): what a dependent puts where it refers to
 *   what @self will become ("urn:uuid:…")
 */
char *
care_outbox_draft_dup_reference (const CareOutboxDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strconcat ("urn:uuid:", self->client_id, NULL);
}

/**
 * care_outbox_draft_depend_on:
 * @self: a draft
 * @first: the draft to send first
 */
void
care_outbox_draft_depend_on (CareOutboxDraft       *self,
                             const CareOutboxDraft *first)
{
  g_return_if_fail (self != NULL && first != NULL);

  g_free (self->depends_on);
  self->depends_on = g_strdup (first->client_id);
}

/**
 * care_outbox_draft_get_request:
 * @self: a draft
 * @out_request: (out caller-allocates): filled with borrowed pointers
 */
void
care_outbox_draft_get_request (const CareOutboxDraft *self,
                               CareOutboxRequest     *out_request)
{
  g_return_if_fail (self != NULL && out_request != NULL);

  *out_request = (CareOutboxRequest) {
    .kind = self->kind,
    .client_id = self->client_id,
    .resource = self->resource,
    .target = self->target,
    .version = self->version,
    .depends_on = self->depends_on,
    .summary = self->summary,
  };
}

CareOutboxDraft *
care_outbox_draft_copy (const CareOutboxDraft *self)
{
  CareOutboxDraft *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CareOutboxDraft, 1);
  copy->kind = self->kind;
  copy->client_id = g_strdup (self->client_id);
  copy->resource = json_object_ref (self->resource);
  copy->target = g_strdup (self->target);
  copy->version = g_strdup (self->version);
  copy->depends_on = g_strdup (self->depends_on);
  copy->summary = g_strdup (self->summary);
  return copy;
}

void
care_outbox_draft_free (CareOutboxDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->client_id);
  json_object_unref (self->resource);
  g_free (self->target);
  g_free (self->version);
  g_free (self->depends_on);
  g_free (self->summary);
  g_free (self);
}
