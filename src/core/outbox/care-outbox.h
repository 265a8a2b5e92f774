/* care-outbox.h — what a person's record is waiting to send, as a model
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-cache.h"
#include "care-outbox-draft.h"
#include "care-sync-engine.h"

G_BEGIN_DECLS

#define CARE_TYPE_OUTBOX_ENTRY (care_outbox_entry_get_type ())

G_DECLARE_FINAL_TYPE (CareOutboxEntry, care_outbox_entry, CARE, OUTBOX_ENTRY, GObject)

const char     *care_outbox_entry_get_id        (CareOutboxEntry *self);
CareOutboxKind  care_outbox_entry_get_kind      (CareOutboxEntry *self);
CareOutboxState care_outbox_entry_get_state     (CareOutboxEntry *self);
const char     *care_outbox_entry_get_summary   (CareOutboxEntry *self);
const char     *care_outbox_entry_get_error     (CareOutboxEntry *self);
const char     *care_outbox_entry_get_resource_type (CareOutboxEntry *self);
const char     *care_outbox_entry_get_server_id (CareOutboxEntry *self);
const char     *care_outbox_entry_get_json      (CareOutboxEntry *self);
const char     *care_outbox_entry_get_theirs    (CareOutboxEntry *self);
gint64          care_outbox_entry_get_created   (CareOutboxEntry *self);
GStrv           care_outbox_entry_dup_conflict_lines (CareOutboxEntry *self);
GStrv           care_outbox_dup_conflict_lines  (const char      *mine,
                                                 const char      *theirs);
const char     *care_outbox_state_to_string     (CareOutboxState  state);
const char     *care_outbox_kind_to_string      (CareOutboxKind   kind);

#define CARE_TYPE_OUTBOX (care_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CareOutbox, care_outbox, CARE, OUTBOX, GObject)

CareOutbox      *care_outbox_new          (CareCache               *cache,
                                           CareSyncEngine          *engine);
void             care_outbox_set_engine   (CareOutbox              *self,
                                           CareSyncEngine          *engine);
guint            care_outbox_get_n_waiting (CareOutbox             *self);
CareOutboxEntry *care_outbox_lookup       (CareOutbox              *self,
                                           const char              *id);
void             care_outbox_reload       (CareOutbox              *self);
CareOutboxEntry *care_outbox_queue        (CareOutbox              *self,
                                           const CareOutboxRequest *request,
                                           GError                 **error);
CareOutboxEntry *care_outbox_queue_draft  (CareOutbox              *self,
                                           const CareOutboxDraft   *draft,
                                           GError                 **error);
guint            care_outbox_queue_drafts (CareOutbox              *self,
                                           GPtrArray               *drafts,
                                           GError                 **error);
void             care_outbox_send_async   (CareOutbox              *self,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
gboolean         care_outbox_send_finish  (CareOutbox              *self,
                                           GAsyncResult            *result,
                                           guint                   *out_n_sent,
                                           GError                 **error);
void             care_outbox_send_soon (CareOutbox             *self);
gboolean         care_outbox_retry        (CareOutbox              *self,
                                           CareOutboxEntry         *entry,
                                           GError                 **error);
gboolean         care_outbox_keep_mine    (CareOutbox              *self,
                                           CareOutboxEntry         *entry,
                                           GError                 **error);
gboolean         care_outbox_discard      (CareOutbox              *self,
                                           CareOutboxEntry         *entry,
                                           GError                 **error);
gboolean         care_outbox_replace      (CareOutbox              *self,
                                           CareOutboxEntry         *entry,
                                           const CareOutboxDraft   *draft,
                                           GError                 **error);
void             care_outbox_run_now_async  (CareOutbox            *self,
                                             const char            *method,
                                             const char            *path,
                                             JsonObject            *body,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
JsonObject      *care_outbox_run_now_finish (CareOutbox            *self,
                                             GAsyncResult          *result,
                                             GError               **error);

G_END_DECLS
