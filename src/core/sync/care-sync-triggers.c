/* care-sync-triggers.c — when a sync happens by itself
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At start, every interval while running (15 minutes by default, a setting
 * the app passes in), and when the network comes back. A Refresh action
 * calls care_sync_engine_sync_async() directly. Each trigger also sends
 * the outbox, since being online is what it was waiting for.
 */
#include "config.h"

#include "care-sync-engine-private.h"

static void
automatic_synced_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = care_sync_engine_sync_finish (CARE_SYNC_ENGINE (source), result, &error);

  /* Failures are in the sync state for the views; nothing more to do. */
  if (report == NULL)
    g_debug ("Automatic sync did not complete: %s", error->message);
}

static void
automatic_sent_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!care_sync_engine_send_outbox_finish (CARE_SYNC_ENGINE (source), result, NULL, &error))
    g_debug ("Outbox not sent: %s", error->message);
}

static void
trigger (CareSyncEngine *self)
{
  if (self->running == NULL)
    care_sync_engine_sync_async (self, CARE_SYNC_DEFAULT, NULL, automatic_synced_cb, NULL);
  if (!self->sending_outbox)
    care_sync_engine_send_outbox_async (self, NULL, automatic_sent_cb, NULL);
}

static gboolean
interval_cb (gpointer data)
{
  trigger (data);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    CareSyncEngine  *self)
{
  gboolean was_online = care_sync_state_get_online (self->state);

  care_sync_state_set_online (self->state, available);
  if (available && !was_online)
    trigger (self);
}

/**
 * care_sync_engine_start_automatic:
 * @self: an engine
 * @interval_seconds: time between syncs while running (0: only at start
 *   and when the network returns)
 *
 * Syncs now, then every @interval_seconds, and whenever the network comes
 * back.
 */
void
care_sync_engine_start_automatic (CareSyncEngine *self,
                                  guint           interval_seconds)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));

  care_sync_engine_stop_automatic (self);
  if (interval_seconds > 0)
    self->automatic_id = g_timeout_add_seconds (interval_seconds, interval_cb, self);
  self->network_id = g_signal_connect (monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  trigger (self);
}

/**
 * care_sync_engine_stop_automatic:
 * @self: an engine
 *
 * Stops the timer and the network watch; a running sync goes on.
 */
void
care_sync_engine_stop_automatic (CareSyncEngine *self)
{
  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));

  g_clear_handle_id (&self->automatic_id, g_source_remove);
  if (self->network_id != 0)
    g_clear_signal_handler (&self->network_id, g_network_monitor_get_default ());
}
