/* care-sync-engine.h — keeps a cache true to the portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-cache.h"
#include "care-portal-client.h"
#include "care-sync-state.h"

G_BEGIN_DECLS

/**
 * CareSyncFlags:
 * @CARE_SYNC_DEFAULT: incremental where the portal allows, full passes
 *   when they are due
 * @CARE_SYNC_FULL: a full pass for every type now
 *
 * How thorough a sync is.
 */
typedef enum
{
  CARE_SYNC_DEFAULT = 0,
  CARE_SYNC_FULL    = 1 << 0,
} CareSyncFlags;

/**
 * CareSyncReportEntry:
 * @type: a resource type
 * @status: how its sync went
 * @message: (nullable): why it was skipped or failed, or the portal's note
 * @n_changed: resources added or changed
 * @n_removed: resources removed by a full pass
 * @first: whether this was the type's first sync into this cache (then
 *   everything is "added" and nothing is news)
 * @added: (nullable) (element-type utf8): "Type/id" of resources new to
 *   the cache, at most %CARE_SYNC_REPORT_MAX_IDS
 * @updated: (nullable) (element-type utf8): "Type/id" of resources that
 *   changed, at most %CARE_SYNC_REPORT_MAX_IDS
 *
 * One line of a sync report.
 */
typedef struct
{
  char           *type;
  CareTypeStatus  status;
  char           *message;
  guint           n_changed;
  guint           n_removed;
  gboolean        first;
  GPtrArray      *added;
  GPtrArray      *updated;
} CareSyncReportEntry;

#define CARE_SYNC_REPORT_MAX_IDS 200

/**
 * CareSyncReport:
 * @entries: (element-type CareSyncReportEntry): one per type considered,
 *   skipped ones included, by type
 * @n_changed: resources added or changed, all types
 * @n_failed: types that failed
 *
 * What a sync did.
 */
typedef struct
{
  GPtrArray *entries;
  guint      n_changed;
  guint      n_failed;
} CareSyncReport;

/**
 * CARE_SYNC_MAX_PAGES:
 *
 * The most pages one search reads (at 100 entries a page); a portal
 * that keeps sending fresh next links past it leaves the type
 * "incomplete".
 */
#define CARE_SYNC_MAX_PAGES 1000

/**
 * CARE_SYNC_MAX_RESOURCES:
 *
 * The most resources one search reads, whatever the page size.
 */
#define CARE_SYNC_MAX_RESOURCES 100000

/**
 * CARE_SYNC_MAX_ATTACHMENT_BYTES:
 *
 * The largest attachment read when a document is opened (100 MB);
 * reading stops there whatever size the document declares.
 */
#define CARE_SYNC_MAX_ATTACHMENT_BYTES (100 * 1024 * 1024)

#define CARE_TYPE_SYNC_ENGINE (care_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (CareSyncEngine, care_sync_engine, CARE, SYNC_ENGINE, GObject)

CareSyncEngine *care_sync_engine_new              (CareCache        *cache,
                                                   CarePortalClient *client,
                                                   const char       *patient_id,
                                                   CareSyncState    *state);
CareSyncEngine *care_sync_engine_new_for_connection (CareCache      *cache,
                                                     CareConnection *connection,
                                                     CareSyncState  *state);
void            care_sync_engine_set_scopes        (CareSyncEngine *self,
                                                    const char     *scope);
void            care_sync_engine_set_limits        (CareSyncEngine *self,
                                                    guint           max_pages,
                                                    guint           max_resources,
                                                    gsize           max_attachment_bytes);
void            care_sync_engine_set_full_pass_interval (CareSyncEngine *self,
                                                         gint64          seconds);
CareSyncState  *care_sync_engine_get_state         (CareSyncEngine *self);
CareCache      *care_sync_engine_get_cache         (CareSyncEngine *self);
CarePortalClient *care_sync_engine_get_client      (CareSyncEngine *self);
const char     *care_sync_engine_get_patient_id    (CareSyncEngine *self);
gboolean        care_sync_engine_get_syncing       (CareSyncEngine *self);
double          care_sync_engine_get_type_progress (CareSyncEngine *self,
                                                    const char     *type);
GStrv           care_sync_engine_dup_progress_types (CareSyncEngine *self);

void            care_sync_engine_sync_async        (CareSyncEngine     *self,
                                                    CareSyncFlags       flags,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
CareSyncReport *care_sync_engine_sync_finish       (CareSyncEngine     *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void            care_sync_engine_start_automatic   (CareSyncEngine     *self,
                                                    guint               interval_seconds);
void            care_sync_engine_stop_automatic    (CareSyncEngine     *self);

gboolean        care_sync_engine_can_write         (CareSyncEngine     *self,
                                                    const char         *type,
                                                    const char         *interaction);
CareOutboxItem *care_sync_engine_queue_create      (CareSyncEngine     *self,
                                                    JsonObject         *resource,
                                                    GError            **error);
CareOutboxItem *care_sync_engine_queue            (CareSyncEngine     *self,
                                                    const CareOutboxRequest *request,
                                                    GError            **error);
void            care_sync_engine_run_now_async     (CareSyncEngine     *self,
                                                    const char         *method,
                                                    const char         *path,
                                                    JsonObject         *body,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
JsonObject     *care_sync_engine_run_now_finish    (CareSyncEngine     *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void            care_sync_engine_send_outbox_async (CareSyncEngine     *self,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean        care_sync_engine_send_outbox_finish (CareSyncEngine    *self,
                                                     GAsyncResult      *result,
                                                     guint             *out_n_sent,
                                                     GError           **error);

void            care_sync_engine_fetch_attachment_async  (CareSyncEngine     *self,
                                                          JsonObject         *attachment,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
GBytes         *care_sync_engine_fetch_attachment_finish (CareSyncEngine     *self,
                                                          GAsyncResult       *result,
                                                          char              **out_content_type,
                                                          GError            **error);

void            care_sync_engine_index_document_async  (CareSyncEngine     *self,
                                                        const char         *type,
                                                        const char         *id,
                                                        GBytes             *bytes,
                                                        const char         *content_type,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
gboolean        care_sync_engine_index_document_finish (CareSyncEngine     *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);
void            care_sync_engine_prefetch_attachments_async  (CareSyncEngine     *self,
                                                              guint               max_documents,
                                                              gsize               max_bytes,
                                                              GCancellable       *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);
gboolean        care_sync_engine_prefetch_attachments_finish (CareSyncEngine     *self,
                                                              GAsyncResult       *result,
                                                              guint              *out_n_fetched,
                                                              GError            **error);

void            care_sync_report_free              (CareSyncReport     *report);
const CareSyncReportEntry *care_sync_report_lookup (CareSyncReport     *report,
                                                    const char         *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSyncReport, care_sync_report_free)

G_END_DECLS
