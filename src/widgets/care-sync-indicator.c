/* care-sync-indicator.c — the header's refresh button and sync status
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a refresh button while idle and a spinner while syncing, and keeps
 * a "status-text" ("Updated 5 minutes ago", "Syncing…", "Offline") that the
 * window shows under the sidebar. The text is refreshed every half minute
 * while the widget is mapped, so it never goes stale on screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-sync-indicator.h"
#include "care-time.h"

struct _CareSyncIndicator
{
  AdwBin         parent_instance;

  CareSyncState *state;
  char          *status_text;
  guint          tick_id;

  GtkStack      *stack;
  GtkButton     *refresh_button;
  GtkSpinner    *spinner;
};

G_DEFINE_FINAL_TYPE (CareSyncIndicator, care_sync_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  PROP_STATUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status_text (CareSyncIndicator *self,
                 const char        *text)
{
  if (g_strcmp0 (self->status_text, text) == 0)
    return;

  g_free (self->status_text);
  self->status_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

/**
 * care_sync_indicator_update:
 * @self: a #CareSyncIndicator
 *
 * Recomputes what the indicator shows from its sync state and the clock.
 */
void
care_sync_indicator_update (CareSyncIndicator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *updated = NULL;
  CareSyncPhase phase;
  gboolean syncing;

  g_return_if_fail (CARE_IS_SYNC_INDICATOR (self));

  phase = care_sync_state_get_phase (self->state);
  syncing = phase == CARE_SYNC_PHASE_SYNCING;
  updated = care_time_dup_updated_text (care_sync_state_get_last_synced (self->state), now);

  gtk_stack_set_visible_child_name (self->stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->spinner, syncing);

  if (syncing)
    set_status_text (self, _("Syncing…"));
  else if (!care_sync_state_get_online (self->state))
    {
      g_autofree char *offline = NULL;

      /* Translators: %s is "Updated 5 minutes ago" or "Not synced yet" */
      offline = g_strdup_printf (_("Offline · %s"), updated);
      set_status_text (self, offline);
    }
  else if (phase == CARE_SYNC_PHASE_FAILED)
    {
      g_autofree char *failed = NULL;

      /* Translators: %s is "Updated 5 minutes ago" or "Not synced yet" */
      failed = g_strdup_printf (_("Sync failed · %s"), updated);
      set_status_text (self, failed);
    }
  else
    set_status_text (self, updated);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button), self->status_text);
}

static void
on_state_notify_cb (CareSyncState     *state,
                    GParamSpec        *pspec,
                    CareSyncIndicator *self)
{
  care_sync_indicator_update (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  care_sync_indicator_update (CARE_SYNC_INDICATOR (user_data));

  return G_SOURCE_CONTINUE;
}

static void
care_sync_indicator_map (GtkWidget *widget)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (widget);

  GTK_WIDGET_CLASS (care_sync_indicator_parent_class)->map (widget);

  care_sync_indicator_update (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
}

static void
care_sync_indicator_unmap (GtkWidget *widget)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (care_sync_indicator_parent_class)->unmap (widget);
}

static void
care_sync_indicator_constructed (GObject *object)
{
  CareSyncIndicator *self = (CareSyncIndicator *)object;

  G_OBJECT_CLASS (care_sync_indicator_parent_class)->constructed (object);

  g_signal_connect_object (self->state, "notify",
                           G_CALLBACK (on_state_notify_cb), self, 0);
  care_sync_indicator_update (self);
}

static void
care_sync_indicator_dispose (GObject *object)
{
  CareSyncIndicator *self = (CareSyncIndicator *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (care_sync_indicator_parent_class)->dispose (object);
}

static void
care_sync_indicator_finalize (GObject *object)
{
  CareSyncIndicator *self = (CareSyncIndicator *)object;

  g_clear_pointer (&self->status_text, g_free);

  G_OBJECT_CLASS (care_sync_indicator_parent_class)->finalize (object);
}

static void
care_sync_indicator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_indicator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_indicator_class_init (CareSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_sync_indicator_constructed;
  object_class->dispose = care_sync_indicator_dispose;
  object_class->finalize = care_sync_indicator_finalize;
  object_class->get_property = care_sync_indicator_get_property;
  object_class->set_property = care_sync_indicator_set_property;

  widget_class->map = care_sync_indicator_map;
  widget_class->unmap = care_sync_indicator_unmap;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         CARE_TYPE_SYNC_STATE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/widgets/care-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, stack);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, spinner);
}

static void
care_sync_indicator_init (CareSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * care_sync_indicator_new:
 * @state: the sync state to follow
 *
 * Returns: (transfer floating): a new indicator
 */
GtkWidget *
care_sync_indicator_new (CareSyncState *state)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (state), NULL);

  return g_object_new (CARE_TYPE_SYNC_INDICATOR, "state", state, NULL);
}

/**
 * care_sync_indicator_get_state:
 * @self: a #CareSyncIndicator
 *
 * Returns: (transfer none): the sync state
 */
CareSyncState *
care_sync_indicator_get_state (CareSyncIndicator *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_INDICATOR (self), NULL);

  return self->state;
}

const char *
care_sync_indicator_get_status_text (CareSyncIndicator *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_INDICATOR (self), NULL);

  return self->status_text;
}
