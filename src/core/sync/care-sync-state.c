/* care-sync-state.c — what the sync engine is doing, for views to show
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine writes this object; the header's sync indicator and the
 * offline banner read it through bindings. It holds no record content.
 */
#include "config.h"

#include "care-sync-state.h"

#include "care-core-enums.h"

struct _CareSyncState
{
  GObject        parent_instance;

  CareSyncPhase  phase;
  double         progress;
  GDateTime     *last_synced;
  char          *message;
  guint          online : 1;
  guint          sign_in_needed : 1;
  guint          indexing : 1;
};

G_DEFINE_FINAL_TYPE (CareSyncState, care_sync_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_PROGRESS,
  PROP_LAST_SYNCED,
  PROP_ONLINE,
  PROP_MESSAGE,
  PROP_SIGN_IN_NEEDED,
  PROP_INDEXING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_sync_state_finalize (GObject *object)
{
  CareSyncState *self = (CareSyncState *)object;

  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (care_sync_state_parent_class)->finalize (object);
}

static void
care_sync_state_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CareSyncState *self = CARE_SYNC_STATE (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_SIGN_IN_NEEDED:
      g_value_set_boolean (value, self->sign_in_needed);
      break;

    case PROP_INDEXING:
      g_value_set_boolean (value, self->indexing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_state_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CareSyncState *self = CARE_SYNC_STATE (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      care_sync_state_set_phase (self, g_value_get_enum (value));
      break;

    case PROP_PROGRESS:
      care_sync_state_set_progress (self, g_value_get_double (value));
      break;

    case PROP_LAST_SYNCED:
      care_sync_state_set_last_synced (self, g_value_get_boxed (value));
      break;

    case PROP_ONLINE:
      care_sync_state_set_online (self, g_value_get_boolean (value));
      break;

    case PROP_MESSAGE:
      care_sync_state_set_message (self, g_value_get_string (value));
      break;

    case PROP_SIGN_IN_NEEDED:
      care_sync_state_set_sign_in_needed (self, g_value_get_boolean (value));
      break;

    case PROP_INDEXING:
      care_sync_state_set_indexing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_state_class_init (CareSyncStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_sync_state_finalize;
  object_class->get_property = care_sync_state_get_property;
  object_class->set_property = care_sync_state_set_property;

  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL,
                       CARE_TYPE_SYNC_PHASE,
                       CARE_SYNC_PHASE_IDLE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A translated, content-free sentence about the last failure. */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The last sync failed because the sign-in lapsed: the way out is to
   * sign in again, not to try again. */
  properties[PROP_SIGN_IN_NEEDED] =
    g_param_spec_boolean ("sign-in-needed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A first sync's indexes are being built, or were left unbuilt by a sync
   * that was stopped (care-cache-index.c): lists are slower and the
   * record search unranked until the next sync finishes them. */
  properties[PROP_INDEXING] =
    g_param_spec_boolean ("indexing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_sync_state_init (CareSyncState *self)
{
  self->online = TRUE;
}

CareSyncState *
care_sync_state_new (void)
{
  return g_object_new (CARE_TYPE_SYNC_STATE, NULL);
}

CareSyncPhase
care_sync_state_get_phase (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), CARE_SYNC_PHASE_IDLE);

  return self->phase;
}

void
care_sync_state_set_phase (CareSyncState *self,
                           CareSyncPhase  phase)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

double
care_sync_state_get_progress (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), 0.0);

  return self->progress;
}

void
care_sync_state_set_progress (CareSyncState *self,
                              double         progress)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/**
 * care_sync_state_get_last_synced:
 * @self: a #CareSyncState
 *
 * Returns: (transfer none) (nullable): when the last sync finished, or %NULL
 */
GDateTime *
care_sync_state_get_last_synced (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), NULL);

  return self->last_synced;
}

void
care_sync_state_set_last_synced (CareSyncState *self,
                                 GDateTime     *last_synced)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  if (self->last_synced == last_synced)
    return;
  if (self->last_synced != NULL && last_synced != NULL &&
      g_date_time_equal (self->last_synced, last_synced))
    return;

  g_clear_pointer (&self->last_synced, g_date_time_unref);
  if (last_synced != NULL)
    self->last_synced = g_date_time_ref (last_synced);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

gboolean
care_sync_state_get_online (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), FALSE);

  return self->online;
}

void
care_sync_state_set_online (CareSyncState *self,
                            gboolean       online)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

const char *
care_sync_state_get_message (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), NULL);

  return self->message;
}

void
care_sync_state_set_message (CareSyncState *self,
                             const char    *message)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

gboolean
care_sync_state_get_sign_in_needed (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), FALSE);

  return self->sign_in_needed;
}

void
care_sync_state_set_sign_in_needed (CareSyncState *self,
                                    gboolean       sign_in_needed)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  sign_in_needed = !!sign_in_needed;
  if (self->sign_in_needed == sign_in_needed)
    return;
  self->sign_in_needed = sign_in_needed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_NEEDED]);
}

gboolean
care_sync_state_get_indexing (CareSyncState *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (self), FALSE);

  return self->indexing;
}

void
care_sync_state_set_indexing (CareSyncState *self,
                              gboolean       indexing)
{
  g_return_if_fail (CARE_IS_SYNC_STATE (self));

  indexing = !!indexing;
  if (self->indexing == indexing)
    return;
  self->indexing = indexing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEXING]);
}
