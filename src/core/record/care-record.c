/* care-record.c — one person's offline record and what keeps it current
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record pairs a person with their cache and, while signed in, the sync
 * engine that writes to it. Views read the cache and watch "generation",
 * which moves on after every sync that changed something and after a
 * rebuild, so they know to read again. A cache that could not be opened
 * (corrupt, unreadable, from a newer Carebook) leaves the record readable
 * as "broken": the app still starts, the views say why and offer
 * care_record_rebuild(), and nothing else is touched.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-record.h"
#include "care-resource-item.h"
#include "care-sync-news.h"

#include <string.h>

struct _CareRecord
{
  GObject         parent_instance;

  CarePerson     *person;
  CareConnection *connection;
  char           *cache_path;
  CareCache      *cache;
  char           *cache_error;
  CareSyncEngine *engine;
  CareOutbox     *outbox;
  CareSyncState  *sync_state;
  guint           generation;
  gulong          finished_id;
  gulong          progress_id;
  guint           changed_soon_id;
  guint           n_changed_soon;  /* told during this sync so far */
  gulong          cache_changed_id;
  guint           synced_once : 1;
  GCancellable   *prefetch;
  guint           interval;
  guint           automatic : 1;
};

G_DEFINE_FINAL_TYPE (CareRecord, care_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_CACHE,
  PROP_GENERATION,
  PROP_CACHE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The newest documents are fetched after a sync that changed something,
 * so the latest visit summary also opens offline. */
#define PREFETCH_DOCUMENTS 20
#define PREFETCH_MAX_BYTES (2 * 1024 * 1024)

static void
prefetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!care_sync_engine_prefetch_attachments_finish (CARE_SYNC_ENGINE (source), result, &n, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Prefetching documents failed: %s", error->message);
  else if (n > 0)
    g_debug ("Prefetched %u documents", n);
}

enum {
  NEWS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_person (CareRecord *self);

static void
on_sync_finished_cb (CareSyncEngine *engine,
                     CareSyncReport *report,
                     CareRecord     *self)
{
  if (report != NULL && report->n_changed > 0)
    {
      g_cancellable_cancel (self->prefetch);
      g_clear_object (&self->prefetch);
      self->prefetch = g_cancellable_new ();
      care_sync_engine_prefetch_attachments_async (engine, PREFETCH_DOCUMENTS, PREFETCH_MAX_BYTES,
                                                   self->prefetch, prefetched_cb, NULL);
    }

  /* A first sync that found nothing still changes what the views show:
   * "not synced yet" becomes "none" or "withheld". */
  g_clear_handle_id (&self->changed_soon_id, g_source_remove);
  self->n_changed_soon = 0;
  if (report == NULL || report->n_changed > 0 || !self->synced_once ||
      report->n_failed > 0)
    care_record_changed (self);
  self->synced_once = TRUE;

  /* New results, messages and appointment changes, for notifications. */
  if (report != NULL && report->n_changed > 0 && self->cache != NULL)
    {
      g_autoptr(GPtrArray) news = care_sync_news_compute (report, self->cache,
                                                          care_sync_engine_get_patient_id (engine));

      if (news->len > 0)
        g_signal_emit (self, signals[NEWS], 0, news);
    }
}

static gboolean
changed_soon_cb (gpointer user_data)
{
  CareRecord *self = user_data;

  self->changed_soon_id = 0;
  care_record_changed (self);
  return G_SOURCE_REMOVE;
}

/* How long after the views were last told of a change during a sync they
 * are told of the next: the first page that lands shows at once (Home
 * fills the moment a first sync's first pages are stored), the next ones
 * less and less often, so views do not read in a loop through a long
 * sync. */
static const guint changed_soon_ms[] = { 0, 250, 500, 1000 };

static void
changed_soon (CareRecord *self)
{
  guint step;

  if (self->changed_soon_id != 0)
    return;
  step = MIN (self->n_changed_soon, G_N_ELEMENTS (changed_soon_ms) - 1);
  self->n_changed_soon++;
  if (changed_soon_ms[step] == 0)
    care_record_changed (self);
  else
    self->changed_soon_id = g_timeout_add (changed_soon_ms[step], changed_soon_cb, self);
}

static void
on_type_progress_cb (CareSyncEngine *engine,
                     const char     *type,
                     double          fraction,
                     CareRecord     *self)
{
  /* A type done with nothing stored still changes what its view says
   * ("syncing" becomes "none"). */
  if (fraction >= 1.0)
    changed_soon (self);
}

static void
on_cache_changed_cb (CareCache  *cache,
                     const char *type,
                     CareRecord *self)
{
  /* A long first sync (a slow or failing portal retries for minutes)
   * shows each part of the record as its pages are stored, not at the
   * end. Outside a sync, whoever wrote tells the views itself. */
  if (self->engine != NULL && care_sync_engine_get_syncing (self->engine))
    changed_soon (self);
}

static void
set_engine (CareRecord     *self,
            CareSyncEngine *engine)
{
  g_cancellable_cancel (self->prefetch);
  g_clear_object (&self->prefetch);
  if (self->engine != NULL)
    {
      g_clear_signal_handler (&self->finished_id, self->engine);
      g_clear_signal_handler (&self->progress_id, self->engine);
      if (self->cache != NULL)
        g_clear_signal_handler (&self->cache_changed_id, self->cache);
      care_sync_engine_stop_automatic (self->engine);
      g_clear_object (&self->engine);
    }

  if (self->outbox != NULL)
    care_outbox_set_engine (self->outbox, engine);
  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      self->finished_id = g_signal_connect (engine, "sync-finished",
                                            G_CALLBACK (on_sync_finished_cb), self);
      self->progress_id = g_signal_connect (engine, "type-progress",
                                            G_CALLBACK (on_type_progress_cb), self);
      self->cache_changed_id = g_signal_connect (self->cache, "changed",
                                                 G_CALLBACK (on_cache_changed_cb), self);
    }
}

static void
make_engine (CareRecord *self)
{
  g_autoptr(CareSyncEngine) engine = NULL;

  if (self->cache == NULL || self->connection == NULL)
    {
      set_engine (self, NULL);
      return;
    }

  engine = care_sync_engine_new_for_connection (self->cache, self->connection, self->sync_state);
  set_engine (self, engine);
  if (self->automatic)
    care_sync_engine_start_automatic (self->engine, self->interval);
}

static void
care_record_dispose (GObject *object)
{
  CareRecord *self = (CareRecord *)object;

  set_engine (self, NULL);
  g_clear_handle_id (&self->changed_soon_id, g_source_remove);
  g_clear_object (&self->outbox);
  g_clear_object (&self->cache);
  g_clear_object (&self->connection);
  g_clear_object (&self->person);
  g_clear_object (&self->sync_state);

  G_OBJECT_CLASS (care_record_parent_class)->dispose (object);
}

static void
care_record_finalize (GObject *object)
{
  CareRecord *self = (CareRecord *)object;

  g_free (self->cache_path);
  g_free (self->cache_error);

  G_OBJECT_CLASS (care_record_parent_class)->finalize (object);
}

static void
care_record_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CareRecord *self = CARE_RECORD (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_GENERATION:
      g_value_set_uint (value, self->generation);
      break;

    case PROP_CACHE_ERROR:
      g_value_set_string (value, self->cache_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_record_class_init (CareRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_record_dispose;
  object_class->finalize = care_record_finalize;
  object_class->get_property = care_record_get_property;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, CARE_TYPE_PERSON,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, CARE_TYPE_CACHE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GENERATION] =
    g_param_spec_uint ("generation", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CACHE_ERROR] =
    g_param_spec_string ("cache-error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CareRecord::news:
   * @self: the record
   * @news: (element-type CareSyncNews): what a sync brought, by kind
   *
   * Emitted after a sync that brought new results, messages or
   * appointment changes (never after a type's first sync).
   */
  signals[NEWS] =
    g_signal_new ("news", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
care_record_init (CareRecord *self)
{
  self->sync_state = care_sync_state_new ();
}

/* The footer and the banner say when the record last synced in full,
 * from the cache: a record that cannot sync now (its sign-in lapsed, or
 * the portal is away) still says how current it is, never "Not synced
 * yet". */
static void
restore_last_synced (CareRecord *self)
{
  g_autoptr(GPtrArray) states = care_cache_list_type_states (self->cache);
  g_autoptr(GDateTime) last = NULL;
  gint64 newest = 0;

  /* A first sync stopped before its indexes were built: the next sync
   * builds them first (care-cache-index.c). */
  care_sync_state_set_indexing (self->sync_state, care_cache_is_indexing (self->cache));
  for (guint i = 0; states != NULL && i < states->len; i++)
    newest = MAX (newest, ((CareTypeState *)states->pdata[i])->last_synced);
  if (newest <= 0)
    return;
  last = g_date_time_new_from_unix_local (newest);
  care_sync_state_set_last_synced (self->sync_state, last);
}

/**
 * care_record_new:
 * @person: whose record
 * @connection: (nullable): the signed-in connection that syncs it; without
 *   one the record is read-only (offline, or signed out at the portal)
 * @cache_path: the cache file
 *
 * Opens the cache. When it cannot be opened the record is still made, with
 * care_record_get_cache_error() saying why.
 *
 * Returns: (transfer full): the record
 */
CareRecord *
care_record_new (CarePerson     *person,
                 CareConnection *connection,
                 const char     *cache_path)
{
  g_autoptr(GError) error = NULL;
  CareRecord *self;

  g_return_val_if_fail (CARE_IS_PERSON (person), NULL);
  g_return_val_if_fail (connection == NULL || CARE_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (cache_path != NULL, NULL);

  self = g_object_new (CARE_TYPE_RECORD, NULL);
  self->person = g_object_ref (person);
  self->connection = connection != NULL ? g_object_ref (connection) : NULL;
  self->cache_path = g_strdup (cache_path);
  self->cache = care_cache_open (cache_path, &error);
  if (self->cache == NULL)
    {
      /* No record content in the log: only the cache's own message. */
      g_debug ("Cache of a person could not be opened: %s", error->message);
      self->cache_error = g_strdup (error->message);
    }
  else
    {
      self->outbox = care_outbox_new (self->cache, NULL);
      restore_last_synced (self);
    }
  update_person (self);
  make_engine (self);

  return self;
}

CarePerson *
care_record_get_person (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->person;
}

/**
 * care_record_get_cache:
 * @self: a #CareRecord
 *
 * Returns: (transfer none) (nullable): the cache, or %NULL when it is broken
 */
CareCache *
care_record_get_cache (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->cache;
}

/**
 * care_record_get_engine:
 * @self: a #CareRecord
 *
 * Returns: (transfer none) (nullable): the sync engine, or %NULL when the
 *   record cannot sync
 */
CareSyncEngine *
care_record_get_engine (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->engine;
}

/**
 * care_record_get_outbox:
 * @self: a #CareRecord
 *
 * What the person's record waits to send, sent and could not send; the
 * one place features queue writes (care_outbox_queue_draft()).
 *
 * Returns: (transfer none) (nullable): the outbox, or %NULL when the cache
 *   is broken
 */
CareOutbox *
care_record_get_outbox (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->outbox;
}

CareSyncState *
care_record_get_sync_state (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->sync_state;
}

/**
 * care_record_get_cache_error:
 * @self: a #CareRecord
 *
 * Returns: (nullable): why the cache could not be opened, for the user
 */
const char *
care_record_get_cache_error (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->cache_error;
}

/**
 * care_record_get_generation:
 * @self: a #CareRecord
 *
 * Returns: a number that moves on whenever what the cache holds may have
 *   changed; 0 before the first sync of this run
 */
guint
care_record_get_generation (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), 0);

  return self->generation;
}

gboolean
care_record_get_syncing (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), FALSE);

  return self->engine != NULL && care_sync_engine_get_syncing (self->engine);
}

/**
 * care_record_get_type_status:
 * @self: a #CareRecord
 * @type: a resource type
 * @out_message: (out) (optional) (nullable): the portal's words about it
 *
 * What the last sync learnt of @type: views tell "none" from "withheld
 * from proxy access" and "not shared" with it.
 *
 * Returns: the status, %CARE_TYPE_STATUS_UNKNOWN when never synced
 */
CareTypeStatus
care_record_get_type_status (CareRecord  *self,
                             const char  *type,
                             char       **out_message)
{
  g_autoptr(CareTypeState) state = NULL;

  g_return_val_if_fail (CARE_IS_RECORD (self), CARE_TYPE_STATUS_UNKNOWN);
  g_return_val_if_fail (type != NULL, CARE_TYPE_STATUS_UNKNOWN);

  if (out_message != NULL)
    *out_message = NULL;
  if (self->cache == NULL)
    return CARE_TYPE_STATUS_UNKNOWN;

  state = care_cache_dup_type_state (self->cache, type);
  if (state == NULL)
    return CARE_TYPE_STATUS_UNKNOWN;
  if (out_message != NULL)
    *out_message = g_strdup (state->message != NULL ? state->message : state->last_error);
  return state->status;
}

/**
 * care_record_get_connection:
 * @self: a #CareRecord
 *
 * Returns: (transfer none) (nullable): the connection that syncs it
 */
CareConnection *
care_record_get_connection (CareRecord *self)
{
  g_return_val_if_fail (CARE_IS_RECORD (self), NULL);

  return self->connection;
}

/**
 * care_record_set_connection:
 * @self: a #CareRecord
 * @connection: (nullable): a new connection, after signing in again
 */
void
care_record_set_connection (CareRecord     *self,
                            CareConnection *connection)
{
  g_return_if_fail (CARE_IS_RECORD (self));

  if (!g_set_object (&self->connection, connection))
    return;
  make_engine (self);
}

/**
 * care_record_rebuild:
 * @self: a #CareRecord
 * @error: return location for a #GError
 *
 * Replaces a broken cache with an empty one and, when signed in, syncs it
 * in full from the portal.
 *
 * Returns: %TRUE if an empty cache is in place
 */
gboolean
care_record_rebuild (CareRecord  *self,
                     GError     **error)
{
  g_autoptr(CareCache) cache = NULL;

  g_return_val_if_fail (CARE_IS_RECORD (self), FALSE);

  set_engine (self, NULL);
  g_clear_object (&self->outbox);
  g_clear_object (&self->cache);
  cache = care_cache_rebuild (self->cache_path, error);
  if (cache == NULL)
    return FALSE;

  self->cache = g_steal_pointer (&cache);
  self->outbox = care_outbox_new (self->cache, NULL);
  g_clear_pointer (&self->cache_error, g_free);
  make_engine (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_ERROR]);
  care_record_changed (self);
  care_record_sync (self, CARE_SYNC_FULL);
  return TRUE;
}

/* What the record says of the person and sign-in did not (that they have
 * died) is read from their Patient resource whenever the record moves on. */
/* The person's own Patient id: the connection's, else the one in the
 * person's id ("FHIR base|patient id"); NULL when neither says. */
static char *
dup_patient_id (CareRecord *self)
{
  const char *id = care_person_get_id (self->person);
  const char *bar;

  if (self->connection != NULL && care_connection_get_patient_id (self->connection) != NULL)
    return g_strdup (care_connection_get_patient_id (self->connection));
  bar = id != NULL ? strrchr (id, '|') : NULL;
  if (bar != NULL && bar[1] != '\0')
    return g_strdup (bar + 1);
  return NULL;
}

static void
update_person (CareRecord *self)
{
  g_autofree char *patient_id = NULL;
  g_autoptr(JsonObject) patient = NULL;

  if (self->cache == NULL)
    return;

  /* A child's record may hold other Patients too (a parent named as the
   * author of a message, a linked record): only the person's own one
   * says their name, sex and whether they died. */
  patient_id = dup_patient_id (self);
  if (patient_id != NULL)
    patient = care_cache_lookup (self->cache, "Patient", patient_id, NULL);
  else
    {
      g_autoptr(CareCacheQuery) query = care_cache_query_new ("Patient");
      g_autoptr(GListModel) patients = care_cache_query (self->cache, query, NULL);

      /* No id to go by: only a record with a single Patient is certain. */
      if (patients != NULL && g_list_model_get_n_items (patients) == 1)
        {
          g_autoptr(CareResourceItem) item = g_list_model_get_item (patients, 0);

          patient = care_resource_item_dup_resource (item, NULL);
        }
    }
  if (patient != NULL)
    care_person_update_from_patient (self->person, patient);
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;

  report = care_sync_engine_sync_finish (CARE_SYNC_ENGINE (source), result, &error);
  /* The sync state carries the message for the views. */
  if (report == NULL)
    g_debug ("Sync did not complete: %s", error->message);
}

/**
 * care_record_sync:
 * @self: a #CareRecord
 * @flags: how thorough
 *
 * Starts a sync unless one is running or the record cannot sync.
 */
void
care_record_sync (CareRecord    *self,
                  CareSyncFlags  flags)
{
  g_return_if_fail (CARE_IS_RECORD (self));

  if (self->engine == NULL || care_sync_engine_get_syncing (self->engine))
    return;

  care_sync_engine_sync_async (self->engine, flags, NULL, synced_cb, NULL);
}

static void
record_synced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CareSyncReport *report;

  report = care_sync_engine_sync_finish (CARE_SYNC_ENGINE (source), result, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) care_sync_report_free);
}

/**
 * care_record_sync_async:
 * @self: a #CareRecord
 * @flags: how thorough
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the report
 * @user_data: for @callback
 *
 * Syncs now and reports what changed, for a caller that waits on the
 * result (the command line). Fails with %G_IO_ERROR_NOT_CONNECTED when the
 * record cannot sync (no connection, or a broken cache).
 */
void
care_record_sync_async (CareRecord          *self,
                        CareSyncFlags        flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARE_IS_RECORD (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_record_sync_async);
  if (self->engine == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "%s",
                               self->cache_error != NULL ? self->cache_error
                                                         : _("This record is not connected to its portal."));
      return;
    }
  care_sync_engine_sync_async (self->engine, flags, cancellable, record_synced_cb, g_steal_pointer (&task));
}

/**
 * care_record_sync_finish:
 * @self: a #CareRecord
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the sync report
 */
CareSyncReport *
care_record_sync_finish (CareRecord    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_record_changed:
 * @self: a #CareRecord
 *
 * Says that the cache's content changed, so views read it again.
 */
void
care_record_changed (CareRecord *self)
{
  g_return_if_fail (CARE_IS_RECORD (self));

  update_person (self);
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
}

/**
 * care_record_start_automatic:
 * @self: a #CareRecord
 * @interval_seconds: time between syncs (0: only at start and when the
 *   network returns)
 *
 * Syncs now, then by itself, also with the engines that later replace
 * this one (after signing in again or a rebuild).
 */
void
care_record_start_automatic (CareRecord *self,
                             guint       interval_seconds)
{
  g_return_if_fail (CARE_IS_RECORD (self));

  self->automatic = TRUE;
  self->interval = interval_seconds;
  if (self->engine != NULL)
    care_sync_engine_start_automatic (self->engine, interval_seconds);
}
