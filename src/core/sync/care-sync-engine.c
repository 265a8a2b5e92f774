/* care-sync-engine.c — keeps a cache true to the portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine holds what a sync needs (cache, portal client, patient,
 * scopes, the last CapabilityStatement) and what views watch (the sync
 * state, per-type progress, the sync-finished signal). One sync at a time
 * runs in care-sync-run.c; the outbox is in care-sync-outbox.c and the
 * automatic triggers in care-sync-triggers.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-sync-engine-private.h"

#include <string.h>

#define DEFAULT_FULL_PASS_INTERVAL (24 * 3600)

G_DEFINE_FINAL_TYPE (CareSyncEngine, care_sync_engine, G_TYPE_OBJECT)

enum {
  SYNC_FINISHED,
  TYPE_PROGRESS,
  OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
care_sync_engine_dispose (GObject *object)
{
  CareSyncEngine *self = (CareSyncEngine *)object;

  care_sync_engine_stop_automatic (self);
  g_clear_object (&self->client);
  g_clear_object (&self->connection);
  g_clear_object (&self->cache);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (care_sync_engine_parent_class)->dispose (object);
}

static void
care_sync_engine_finalize (GObject *object)
{
  CareSyncEngine *self = (CareSyncEngine *)object;

  g_free (self->patient_id);
  g_strfreev (self->scopes);
  g_clear_pointer (&self->capability, json_object_unref);
  g_clear_pointer (&self->type_progress, g_hash_table_unref);

  G_OBJECT_CLASS (care_sync_engine_parent_class)->finalize (object);
}

static void
care_sync_engine_class_init (CareSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_sync_engine_dispose;
  object_class->finalize = care_sync_engine_finalize;

  /**
   * CareSyncEngine::sync-finished:
   * @self: the engine
   * @report: (type CareSyncReport): what the sync did (borrowed)
   *
   * Emitted after every sync, whoever started it, so the app can raise
   * notifications for new results, messages and appointment changes.
   */
  signals[SYNC_FINISHED] = g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * CareSyncEngine::type-progress:
   * @self: the engine
   * @type: a resource type
   * @fraction: 0 to 1
   *
   * Progress of one type, for a per-type progress display.
   */
  signals[TYPE_PROGRESS] = g_signal_new ("type-progress", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
  /**
   * CareSyncEngine::outbox-changed:
   * @self: the engine
   * @client_id: the item's identifier
   * @sending: whether it is on its way now
   *
   * An outbox item was queued, is on its way, or got its answer.
   */
  signals[OUTBOX_CHANGED] = g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
care_sync_engine_init (CareSyncEngine *self)
{
  self->full_pass_interval = DEFAULT_FULL_PASS_INTERVAL;
  self->max_pages = CARE_SYNC_MAX_PAGES;
  self->max_resources = CARE_SYNC_MAX_RESOURCES;
  self->max_attachment_bytes = CARE_SYNC_MAX_ATTACHMENT_BYTES;
  self->type_progress = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * care_sync_engine_new:
 * @cache: the cache to fill
 * @client: the portal
 * @patient_id: whose record
 * @state: (nullable): where to show progress; one is made if %NULL
 *
 * Returns: (transfer full): an engine; set the granted scopes with
 *   care_sync_engine_set_scopes()
 */
CareSyncEngine *
care_sync_engine_new (CareCache        *cache,
                      CarePortalClient *client,
                      const char       *patient_id,
                      CareSyncState    *state)
{
  CareSyncEngine *self;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);
  g_return_val_if_fail (CARE_IS_PORTAL_CLIENT (client), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  self = g_object_new (CARE_TYPE_SYNC_ENGINE, NULL);
  self->cache = g_object_ref (cache);
  self->client = g_object_ref (client);
  self->patient_id = g_strdup (patient_id);
  self->state = state != NULL ? g_object_ref (state) : care_sync_state_new ();
  care_sync_engine_load_capability (self);
  return self;
}

/**
 * care_sync_engine_new_for_connection:
 * @cache: the connection's cache
 * @connection: a signed-in connection: FHIR base, patient, scopes, tokens
 * @state: (nullable): where to show progress
 *
 * Returns: (transfer full): an engine with its own portal client
 */
CareSyncEngine *
care_sync_engine_new_for_connection (CareCache      *cache,
                                     CareConnection *connection,
                                     CareSyncState  *state)
{
  g_autoptr(CarePortalClient) client = NULL;
  CareSyncEngine *self;

  g_return_val_if_fail (CARE_IS_CONNECTION (connection), NULL);

  client = care_portal_client_new (care_connection_get_fhir_base (connection), connection);
  self = care_sync_engine_new (cache, client, care_connection_get_patient_id (connection), state);
  self->connection = g_object_ref (connection);
  return self;
}

/**
 * care_sync_engine_set_scopes:
 * @self: an engine
 * @scope: the granted scopes, space-separated (as in a token response)
 *
 * Only for engines without a connection; a connection knows its scopes.
 */
void
care_sync_engine_set_scopes (CareSyncEngine *self,
                             const char     *scope)
{
  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));

  g_strfreev (self->scopes);
  self->scopes = g_strsplit_set (scope != NULL ? scope : "", " ", -1);
}

/**
 * care_sync_engine_set_limits:
 * @self: an engine
 * @max_pages: the most pages one search reads
 * @max_resources: the most resources one search reads
 * @max_attachment_bytes: the largest attachment opened
 *
 * Past the first two a type is "incomplete"; past the last, an attachment
 * fails with %CARE_PORTAL_ERROR_TOO_LARGE. The defaults are
 * %CARE_SYNC_MAX_PAGES, %CARE_SYNC_MAX_RESOURCES and
 * %CARE_SYNC_MAX_ATTACHMENT_BYTES; tests lower them.
 */
void
care_sync_engine_set_limits (CareSyncEngine *self,
                             guint           max_pages,
                             guint           max_resources,
                             gsize           max_attachment_bytes)
{
  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_pages > 0 && max_resources > 0 && max_attachment_bytes > 0);

  self->max_pages = max_pages;
  self->max_resources = max_resources;
  self->max_attachment_bytes = max_attachment_bytes;
}

/**
 * care_sync_engine_set_full_pass_interval:
 * @self: an engine
 * @seconds: how old a type's last full pass may get before the next sync
 *   does another
 */
void
care_sync_engine_set_full_pass_interval (CareSyncEngine *self,
                                         gint64          seconds)
{
  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));
  self->full_pass_interval = seconds;
}

/**
 * care_sync_engine_get_state:
 * @self: an engine
 *
 * Returns: (transfer none): phase, progress, last sync and message
 */
CareSyncState *
care_sync_engine_get_state (CareSyncEngine *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);
  return self->state;
}

/**
 * care_sync_engine_get_cache:
 * @self: an engine
 *
 * Returns: (transfer none): the cache it fills
 */
CareCache *
care_sync_engine_get_cache (CareSyncEngine *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);
  return self->cache;
}

/**
 * care_sync_engine_get_client:
 * @self: an engine
 *
 * Returns: (transfer none): the portal client
 */
CarePortalClient *
care_sync_engine_get_client (CareSyncEngine *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);
  return self->client;
}

/**
 * care_sync_engine_get_patient_id:
 * @self: an engine
 *
 * Returns: the id of the patient whose record this engine syncs
 */
const char *
care_sync_engine_get_patient_id (CareSyncEngine *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);
  return self->patient_id;
}

/**
 * care_sync_engine_get_syncing:
 * @self: an engine
 *
 * Returns: whether a sync is running
 */
gboolean
care_sync_engine_get_syncing (CareSyncEngine *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), FALSE);
  return self->running != NULL;
}

/**
 * care_sync_engine_get_type_progress:
 * @self: an engine
 * @type: a resource type
 *
 * Returns: the progress of @type in the running (or last) sync, 0 to 1
 */
double
care_sync_engine_get_type_progress (CareSyncEngine *self,
                                    const char     *type)
{
  double *fraction;

  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), 0);

  fraction = g_hash_table_lookup (self->type_progress, type);
  return fraction != NULL ? *fraction : 0;
}

/**
 * care_sync_engine_dup_progress_types:
 * @self: an engine
 *
 * Returns: (transfer full): the types of the running (or last) sync that
 *   have a progress, in no order
 */
GStrv
care_sync_engine_dup_progress_types (CareSyncEngine *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **types = NULL;
  guint n_types = 0;

  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);

  types = (const char **)g_hash_table_get_keys_as_array (self->type_progress, &n_types);
  for (guint i = 0; i < n_types; i++)
    g_strv_builder_add (builder, types[i]);
  return g_strv_builder_end (builder);
}

/* Scopes: SMART v1 ("read", "write", "*") and v2 ("cruds" letters). */
gboolean
care_sync_engine_grants (CareSyncEngine *self,
                         const char     *type,
                         char            permission)
{
  const char * const *scopes = self->connection != NULL
                               ? care_connection_get_scopes (self->connection)
                               : (const char * const *)self->scopes;

  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    {
      const char *scope = scopes[i];
      const char *dot = strrchr (scope, '.');
      g_autofree char *scoped_type = NULL;
      const char *access;

      if (!g_str_has_prefix (scope, "patient/") || dot == NULL)
        continue;
      scoped_type = g_strndup (scope + strlen ("patient/"), dot - scope - strlen ("patient/"));
      access = dot + 1;
      if (!g_str_equal (scoped_type, "*") && !g_str_equal (scoped_type, type))
        continue;
      if (g_str_equal (access, "*"))
        return TRUE;
      if (g_str_equal (access, "read") && (permission == 'r' || permission == 's'))
        return TRUE;
      if (g_str_equal (access, "write") && (permission == 'c' || permission == 'u' || permission == 'd'))
        return TRUE;
      if (strspn (access, "cruds") == strlen (access) && strchr (access, permission) != NULL)
        return TRUE;
    }
  return FALSE;
}

JsonObject *
care_sync_engine_find_capability (CareSyncEngine *self,
                                  const char     *type)
{
  JsonArray *rests = care_fhir_get_array (self->capability, "rest");

  for (guint i = 0; rests != NULL && i < json_array_get_length (rests); i++)
    {
      JsonObject *rest = care_fhir_get_array_object (self->capability, "rest", i);
      JsonArray *resources = care_fhir_get_array (rest, "resource");

      if (g_strcmp0 (care_fhir_get_string (rest, "mode"), "client") == 0)
        continue;
      for (guint j = 0; resources != NULL && j < json_array_get_length (resources); j++)
        {
          JsonObject *resource = care_fhir_get_array_object (rest, "resource", j);

          if (g_strcmp0 (care_fhir_get_string (resource, "type"), type) == 0)
            return resource;
        }
    }
  return NULL;
}

/* Whether @resource's @member array has an entry whose @key is @value
 * ("interaction" / "code" / "create", "searchParam" / "name" / "_lastUpdated"). */
gboolean
care_sync_engine_capability_lists (JsonObject *resource,
                                   const char *member,
                                   const char *key,
                                   const char *value)
{
  JsonArray *array = care_fhir_get_array (resource, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (care_fhir_get_string (care_fhir_get_array_object (resource, member, i), key), value) == 0)
      return TRUE;
  return FALSE;
}

/* The last CapabilityStatement seen, so can_write works offline too. */
void
care_sync_engine_load_capability (CareSyncEngine *self)
{
  g_autofree char *json = care_cache_dup_meta (self->cache, "capability");

  g_clear_pointer (&self->capability, json_object_unref);
  if (json != NULL)
    self->capability = care_fhir_parse_resource (json, -1, NULL);
}


/* Records and announces one type's progress (0 to 1). */
void
care_sync_engine_set_type_progress (CareSyncEngine *self,
                   const char     *type,
                   double          fraction)
{
  double *value = g_hash_table_lookup (self->type_progress, type);

  fraction = CLAMP (fraction, 0, 1);
  /* Every page updates every type: tell only of real moves. */
  if (value != NULL && *value == fraction)
    return;
  if (value == NULL)
    {
      value = g_new (double, 1);
      g_hash_table_insert (self->type_progress, g_strdup (type), value);
    }
  *value = fraction;
  g_signal_emit (self, signals[TYPE_PROGRESS], g_quark_from_string (type), type, fraction);
}

/* Announces a finished sync to whoever listens (notifications). */
void
care_sync_engine_emit_sync_finished (CareSyncEngine *self,
                                     CareSyncReport *report)
{
  g_signal_emit (self, signals[SYNC_FINISHED], 0, report);
}

void
care_sync_engine_emit_outbox_changed (CareSyncEngine *self,
                                      const char     *client_id,
                                      gboolean        sending)
{
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0, client_id, sending);
}
