/* care-cache.h — the offline copy of one person's record at one portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "care-cache-query.h"
#include "care-fhir-page.h"

G_BEGIN_DECLS

/**
 * CareCacheOrigin:
 * @CARE_CACHE_ORIGIN_SEARCH: returned by a search of its type; the full
 *   pass removes it when a later complete search no longer returns it
 * @CARE_CACHE_ORIGIN_REFERENCE: fetched because something refers to it
 *   (Practitioner, Organization, Location, Medication); never swept
 *
 * Why a resource is in the cache.
 */
typedef enum
{
  CARE_CACHE_ORIGIN_SEARCH,
  CARE_CACHE_ORIGIN_REFERENCE,
} CareCacheOrigin;

/**
 * CareTypeStatus:
 * @CARE_TYPE_STATUS_UNKNOWN: never synced
 * @CARE_TYPE_STATUS_OK: synced completely
 * @CARE_TYPE_STATUS_INCOMPLETE: synced, but the portal said the list may
 *   be incomplete
 * @CARE_TYPE_STATUS_WITHHELD: the portal withholds this type from proxy
 *   access; an empty list means "hidden", not "none"
 * @CARE_TYPE_STATUS_NOT_SHARED: the person did not grant this type
 * @CARE_TYPE_STATUS_UNSUPPORTED: the portal does not offer this type
 * @CARE_TYPE_STATUS_FAILED: the last sync of this type failed; what is
 *   cached is from an earlier sync
 *
 * What the last sync learnt about one resource type.
 */
typedef enum
{
  CARE_TYPE_STATUS_UNKNOWN,
  CARE_TYPE_STATUS_OK,
  CARE_TYPE_STATUS_INCOMPLETE,
  CARE_TYPE_STATUS_WITHHELD,
  CARE_TYPE_STATUS_NOT_SHARED,
  CARE_TYPE_STATUS_UNSUPPORTED,
  CARE_TYPE_STATUS_FAILED,
} CareTypeStatus;

/**
 * CareTypeState:
 * @type: the resource type
 * @status: what the last sync learnt
 * @message: (nullable): the portal's own words (an OperationOutcome's
 *   text) for incomplete or withheld
 * @last_error: (nullable): why the last sync of this type failed
 * @last_synced: when it last synced completely (unix seconds), or 0
 * @last_full_pass: when a full pass last completed (unix seconds), or 0
 * @since: (nullable): the `_lastUpdated` bound for the next incremental
 *   sync, in the server's clock, or %NULL
 *
 * The sync state of one resource type, kept in the cache.
 */
typedef struct
{
  char           *type;
  CareTypeStatus  status;
  char           *message;
  char           *last_error;
  gint64          last_synced;
  gint64          last_full_pass;
  char           *since;
} CareTypeState;

/**
 * CareOutboxState:
 * @CARE_OUTBOX_PENDING: waiting to be sent
 * @CARE_OUTBOX_SENT: the server holds it
 * @CARE_OUTBOX_REFUSED: the server refused it; the user edits or discards
 * @CARE_OUTBOX_CONFLICT: an update whose resource changed at the portal
 *   since the user saw it; the user chooses
 * @CARE_OUTBOX_DRAFT: kept, not to be sent yet
 * @CARE_OUTBOX_SENDING: on its way (never stored: an item that was on its
 *   way when Carebook stopped is waiting again)
 * @CARE_OUTBOX_CHECK: an operation that may or may not have reached the
 *   portal (a 5xx, a dropped connection, Carebook stopped while it was on
 *   its way): not sent again by itself; the user checks in the portal,
 *   then tries again or discards it
 *
 * Where a queued write is.
 */
typedef enum
{
  CARE_OUTBOX_PENDING,
  CARE_OUTBOX_SENT,
  CARE_OUTBOX_REFUSED,
  CARE_OUTBOX_CONFLICT,
  CARE_OUTBOX_DRAFT,
  CARE_OUTBOX_SENDING,
  CARE_OUTBOX_CHECK,
} CareOutboxState;

/**
 * CareOutboxKind:
 * @CARE_OUTBOX_CREATE: a create, exactly once (If-None-Exist on the item's
 *   identifier)
 * @CARE_OUTBOX_UPDATE: an update with If-Match on the version the user saw
 * @CARE_OUTBOX_OPERATION: `POST [base]/Type/$op` with Parameters
 *
 * What a queued write does at the portal.
 */
typedef enum
{
  CARE_OUTBOX_CREATE,
  CARE_OUTBOX_UPDATE,
  CARE_OUTBOX_OPERATION,
} CareOutboxKind;

/**
 * CareOutboxItem:
 * @serial: the item's number in this cache
 * @client_id: the identifier Carebook made for it; the server sees it as
 *   an Identifier and in If-None-Exist, so a resend cannot duplicate it
 * @type: the resource type to create
 * @json: the resource
 * @state: where it is
 * @message: (nullable): for a refused item, the server's words
 * @server_id: (nullable): the id the server gave it once sent
 * @attempts: how many times it was sent
 * @created: when it was queued (unix seconds)
 * @kind: what it does
 * @target: (nullable): the id it updates, or the operation's name ("$book")
 * @version: (nullable): for an update, the version the user saw (If-Match)
 * @depends_on: (nullable): the client id of an item that must be sent
 *   first; "urn:uuid:" and that id in @json become what the server made of it
 * @summary: (nullable): what it is, in the user's words ("Allergy to peanuts")
 * @theirs: (nullable): for a conflict, the portal's version now
 *
 * A write waiting in (or done by) the outbox.
 */
typedef struct
{
  gint64           serial;
  char            *client_id;
  char            *type;
  char            *json;
  CareOutboxState  state;
  char            *message;
  char            *server_id;
  int              attempts;
  gint64           created;
  CareOutboxKind   kind;
  char            *target;
  char            *version;
  char            *depends_on;
  char            *summary;
  char            *theirs;
} CareOutboxItem;

/**
 * CareOutboxRequest:
 * @kind: what it does
 * @client_id: (nullable): the item's identifier; made when %NULL
 * @resource: the resource (or Parameters, for an operation)
 * @target: (nullable): the id to update, or the operation ("$book")
 * @version: (nullable): for an update, the version the user saw
 * @depends_on: (nullable): the client id of an item to send first
 * @summary: (nullable): what it is, in the user's words
 * @draft: kept as a draft, not sent until made waiting
 *
 * What to put in the outbox.
 */
typedef struct
{
  CareOutboxKind  kind;
  const char     *client_id;
  JsonObject     *resource;
  const char     *target;
  const char     *version;
  const char     *depends_on;
  const char     *summary;
  gboolean        draft;
} CareOutboxRequest;

#define CARE_OUTBOX_IDENTIFIER_SYSTEM "urn:carebook:outbox"

#define CARE_TYPE_CACHE (care_cache_get_type ())

G_DECLARE_FINAL_TYPE (CareCache, care_cache, CARE, CACHE, GObject)

char          *care_cache_dup_path_for_connection (const char    *connection_id);
CareCache     *care_cache_open                (const char     *path,
                                               GError        **error);
gint64         care_cache_count_salvageable   (const char     *path);
CareCache     *care_cache_rebuild             (const char     *path,
                                               GError        **error);
const char    *care_cache_get_path            (CareCache      *self);
void           care_cache_check_integrity_async  (CareCache          *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean       care_cache_check_integrity_finish (CareCache     *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

gint64         care_cache_begin_full_pass     (CareCache      *self,
                                               GError        **error);
gboolean       care_cache_store_page          (CareCache      *self,
                                               GPtrArray      *records,
                                               CareCacheOrigin origin,
                                               gint64          pass,
                                               guint          *out_n_changed,
                                               GError        **error);
gboolean       care_cache_store_page_changes  (CareCache      *self,
                                               GPtrArray      *records,
                                               CareCacheOrigin origin,
                                               gint64          pass,
                                               guint          *out_n_changed,
                                               GPtrArray      *added,
                                               GPtrArray      *updated,
                                               guint           max_ids,
                                               GError        **error);
/**
 * CareCacheStored:
 * @n_changed: how many of the page's resources were new or different
 * @added: (element-type utf8): those that were new, as "Type/id"
 * @updated: (element-type utf8): those that were different, as "Type/id"
 *
 * What care_cache_store_async() stored.
 */
typedef struct
{
  guint      n_changed;
  GPtrArray *added;
  GPtrArray *updated;
} CareCacheStored;

void           care_cache_store_async         (CareCache          *self,
                                               GPtrArray          *records,
                                               GPtrArray          *others,
                                               CareCacheOrigin     origin,
                                               gint64              pass,
                                               guint               max_ids,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
CareCacheStored *care_cache_store_finish      (CareCache          *self,
                                               GAsyncResult       *result,
                                               GError            **error);
void           care_cache_stored_free         (CareCacheStored    *stored);
void           care_cache_begin_load_async    (CareCache          *self,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
void           care_cache_end_load_async      (CareCache          *self,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean       care_cache_load_finish         (CareCache          *self,
                                               GAsyncResult       *result,
                                               gboolean           *out_done,
                                               GError            **error);
gboolean       care_cache_is_indexing         (CareCache          *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareCacheStored, care_cache_stored_free)

gboolean       care_cache_delete              (CareCache      *self,
                                               const char     *type,
                                               const char     *id,
                                               GError        **error);
gboolean       care_cache_sweep               (CareCache      *self,
                                               const char     *type,
                                               gint64          pass,
                                               guint          *out_n_removed,
                                               GError        **error);

JsonObject    *care_cache_lookup              (CareCache      *self,
                                               const char     *type,
                                               const char     *id,
                                               GError        **error);
gboolean       care_cache_contains            (CareCache      *self,
                                               const char     *type,
                                               const char     *id);
gint64         care_cache_count               (CareCache      *self,
                                               const char     *type,
                                               GError        **error);
GHashTable    *care_cache_count_by_type       (CareCache      *self,
                                               GError        **error);
GListModel    *care_cache_query               (CareCache      *self,
                                               CareCacheQuery *query,
                                               GError        **error);
GPtrArray     *care_cache_dup_resources       (CareCache      *self,
                                               CareCacheQuery *query,
                                               GError        **error);
void           care_cache_query_async         (CareCache          *self,
                                               CareCacheQuery     *query,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GListModel    *care_cache_query_finish        (CareCache      *self,
                                               GAsyncResult   *result,
                                               GError        **error);
void           care_cache_search_async        (CareCache          *self,
                                               const char         *text,
                                               const char         *type,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GListModel    *care_cache_search_finish       (CareCache      *self,
                                               GAsyncResult   *result,
                                               GError        **error);
void           care_cache_count_async         (CareCache          *self,
                                               CareCacheQuery     *query,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gint64         care_cache_count_finish        (CareCache      *self,
                                               GAsyncResult   *result,
                                               GError        **error);
gboolean       care_cache_foreach_json        (CareCache      *self,
                                               gboolean      (*func) (const char *type,
                                                                      const char *id,
                                                                      const char *json,
                                                                      gpointer    user_data),
                                               gpointer        user_data,
                                               GError        **error);

char          *care_cache_dup_bundle          (CareCache      *self,
                                               guint          *out_n_resources,
                                               GError        **error);

GBytes        *care_cache_lookup_attachment   (CareCache      *self,
                                               const char     *key,
                                               char          **out_content_type,
                                               GError        **error);
gboolean       care_cache_store_attachment    (CareCache      *self,
                                               const char     *key,
                                               const char     *content_type,
                                               GBytes         *bytes,
                                               GError        **error);
gint64         care_cache_count_attachments   (CareCache      *self);
gboolean       care_cache_has_attachment      (CareCache      *self,
                                               const char     *key);
gboolean       care_cache_has_document_text   (CareCache      *self,
                                               const char     *type,
                                               const char     *id);
gboolean       care_cache_add_document_text   (CareCache      *self,
                                               const char     *type,
                                               const char     *id,
                                               const char     *text,
                                               GError        **error);

CareTypeState *care_cache_dup_type_state      (CareCache      *self,
                                               const char     *type);
GPtrArray     *care_cache_list_type_states    (CareCache      *self);
gboolean       care_cache_set_type_state      (CareCache      *self,
                                               const CareTypeState *state,
                                               GError        **error);
void           care_type_state_free           (CareTypeState  *state);

char          *care_cache_dup_meta            (CareCache      *self,
                                               const char     *key);
gboolean       care_cache_set_meta            (CareCache      *self,
                                               const char     *key,
                                               const char     *value,
                                               GError        **error);

CareOutboxItem *care_cache_outbox_add         (CareCache      *self,
                                               JsonObject     *resource,
                                               GError        **error);
GPtrArray     *care_cache_outbox_list         (CareCache      *self,
                                               gboolean        pending_only);
gboolean       care_cache_outbox_mark_attempt (CareCache      *self,
                                               gint64          serial,
                                               GError        **error);
gboolean       care_cache_outbox_unmark_attempt (CareCache    *self,
                                                 gint64        serial,
                                                 GError      **error);
gboolean       care_cache_outbox_finish_item  (CareCache      *self,
                                               gint64          serial,
                                               CareOutboxState state,
                                               const char     *server_id,
                                               const char     *message,
                                               GError        **error);
CareOutboxItem *care_cache_outbox_add_request (CareCache      *self,
                                               const CareOutboxRequest *request,
                                               GError        **error);
gboolean       care_cache_outbox_replace      (CareCache      *self,
                                               gint64          serial,
                                               JsonObject     *resource,
                                               const char     *summary,
                                               GError        **error);
CareOutboxItem *care_cache_outbox_lookup      (CareCache      *self,
                                               const char     *client_id);
gboolean       care_cache_outbox_set_conflict (CareCache      *self,
                                               gint64          serial,
                                               const char     *theirs,
                                               const char     *message,
                                               GError        **error);
gboolean       care_cache_outbox_retry        (CareCache      *self,
                                               gint64          serial,
                                               const char     *version,
                                               GError        **error);
gboolean       care_cache_outbox_discard      (CareCache      *self,
                                               gint64          serial,
                                               GError        **error);
void           care_outbox_item_free          (CareOutboxItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareTypeState, care_type_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareOutboxItem, care_outbox_item_free)

G_END_DECLS
