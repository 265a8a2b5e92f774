/* care-sync-banner.c — the offline and sync-failure banner
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 has no AdwBanner, so this is a revealer with a label and a
 * button, styled like one. It says how old the shown data is, so a parent
 * reading a result offline knows what they are looking at. While a first
 * sync's indexes are still being built (care-cache-index.c), it says so,
 * without a button: lists are slower then and the record search unranked.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-sync-banner.h"
#include "care-time.h"

struct _CareSyncBanner
{
  AdwBin         parent_instance;

  CareSyncState *state;

  GtkRevealer   *revealer;
  GtkImage      *icon;
  GtkLabel      *label;
  GtkButton     *button;
};

G_DEFINE_FINAL_TYPE (CareSyncBanner, care_sync_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_banner_text (CareSyncState *state)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *last = care_sync_state_get_last_synced (state);
  g_autofree char *ago = last != NULL ? care_time_dup_relative_text (last, now) : NULL;

  if (!care_sync_state_get_online (state))
    {
      if (ago == NULL)
        return g_strdup (_("You’re offline. Your record will sync when the connection is back."));

      /* Translators: %s is a relative time such as "3 hours ago" */
      return g_strdup_printf (_("You’re offline. Showing your record as it was %s."), ago);
    }

  if (care_sync_state_get_phase (state) == CARE_SYNC_PHASE_FAILED)
    {
      const char *message = care_sync_state_get_message (state);

      if (message != NULL)
        return g_strdup (message);
      if (ago == NULL)
        return g_strdup (_("Your record could not be synced."));

      /* Translators: %s is a relative time such as "3 hours ago" */
      return g_strdup_printf (_("Your record could not be synced. Showing it as it was %s."), ago);
    }

  if (care_sync_state_get_indexing (state))
    return g_strdup (_("Still indexing your record. Lists may load more slowly and search results "
                       "are not sorted by relevance until it is done."));

  return NULL;
}

static void
update_banner (CareSyncBanner *self)
{
  g_autofree char *text = dup_banner_text (self->state);
  /* Offline and failure come first: indexing goes on while offline. */
  gboolean only_indexing = care_sync_state_get_online (self->state) &&
                           care_sync_state_get_phase (self->state) != CARE_SYNC_PHASE_FAILED &&
                           care_sync_state_get_indexing (self->state);

  if (text != NULL)
    gtk_label_set_label (self->label, text);
  gtk_image_set_from_icon_name (self->icon, only_indexing ? "content-loading-symbolic" : "network-offline-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->button), !only_indexing);
  /* A lapsed sign-in is not fixed by syncing again: the button signs in. */
  if (care_sync_state_get_sign_in_needed (self->state) && care_sync_state_get_online (self->state))
    {
      gtk_button_set_label (self->button, _("_Sign In Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "win.sign-in-again");
    }
  else
    {
      gtk_button_set_label (self->button, _("_Try Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "win.refresh");
    }
  gtk_revealer_set_reveal_child (self->revealer, text != NULL);
}

static void
on_state_notify_cb (CareSyncState  *state,
                    GParamSpec     *pspec,
                    CareSyncBanner *self)
{
  update_banner (self);
}

static void
care_sync_banner_constructed (GObject *object)
{
  CareSyncBanner *self = (CareSyncBanner *)object;

  G_OBJECT_CLASS (care_sync_banner_parent_class)->constructed (object);

  g_signal_connect_object (self->state, "notify", G_CALLBACK (on_state_notify_cb), self, 0);
  update_banner (self);
}

static void
care_sync_banner_dispose (GObject *object)
{
  CareSyncBanner *self = (CareSyncBanner *)object;

  /* Unparent the template's root through AdwBin first, so AdwBin's own

   * dispose does not unparent it a second time. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_SYNC_BANNER);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (care_sync_banner_parent_class)->dispose (object);
}

static void
care_sync_banner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareSyncBanner *self = CARE_SYNC_BANNER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_banner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareSyncBanner *self = CARE_SYNC_BANNER (object);

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
care_sync_banner_class_init (CareSyncBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_sync_banner_constructed;
  object_class->dispose = care_sync_banner_dispose;
  object_class->get_property = care_sync_banner_get_property;
  object_class->set_property = care_sync_banner_set_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         CARE_TYPE_SYNC_STATE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/widgets/care-sync-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CareSyncBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, CareSyncBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, CareSyncBanner, label);
  gtk_widget_class_bind_template_child (widget_class, CareSyncBanner, button);
}

static void
care_sync_banner_init (CareSyncBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * care_sync_banner_new:
 * @state: the sync state to follow
 *
 * Returns: (transfer floating): a new banner
 */
GtkWidget *
care_sync_banner_new (CareSyncState *state)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (state), NULL);

  return g_object_new (CARE_TYPE_SYNC_BANNER, "state", state, NULL);
}

gboolean
care_sync_banner_get_revealed (CareSyncBanner *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
care_sync_banner_get_text (CareSyncBanner *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

/**
 * care_sync_banner_get_action_name:
 * @self: a #CareSyncBanner
 *
 * Returns: (nullable): what the banner's button does: "win.refresh" or,
 *   after a sign-in lapsed, "win.sign-in-again"
 */
const char *
care_sync_banner_get_action_name (CareSyncBanner *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_BANNER (self), NULL);

  return gtk_actionable_get_action_name (GTK_ACTIONABLE (self->button));
}

/**
 * care_sync_banner_get_button_visible:
 * @self: a #CareSyncBanner
 *
 * Returns: whether the banner offers its button (not while it only says
 *   that the record is still being indexed)
 */
gboolean
care_sync_banner_get_button_visible (CareSyncBanner *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_BANNER (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->button));
}
