/* care-unread-badge.c — the sidebar's count of unread messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beside "Messages" in the sidebar: how many messages from the care team
 * the person on screen has not read (care_message_count_unread()), hidden
 * at zero. It follows the person on screen (the context's record) and
 * counts again whenever their record's generation moves: after a sync, and
 * when a conversation is opened and marked read (care_record_changed()).
 * Its `count` property lets the row say it to a screen reader.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-message-read.h"
#include "care-record.h"
#include "care-unread-badge.h"

struct _CareUnreadBadge
{
  AdwBin        parent_instance;

  CareContext  *context;
  GSignalGroup *record_signals;
  GtkLabel     *label;
  guint         count;
};

enum {
  PROP_0,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CareUnreadBadge, care_unread_badge, ADW_TYPE_BIN)

static void
update_badge (CareUnreadBadge *self)
{
  CareRecord *record = self->context != NULL ? care_context_get_record (self->context) : NULL;
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  guint count = cache != NULL ? care_message_count_unread (cache) : 0;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  text = g_strdup_printf ("%u", count);
  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), count > 0);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread message", "%u unread messages", count),
                                 count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  if (count == self->count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
on_record_changed_cb (CareUnreadBadge *self)
{
  g_signal_group_set_target (self->record_signals,
                             self->context != NULL ? care_context_get_record (self->context) : NULL);
  update_badge (self);
}

static void
care_unread_badge_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CareUnreadBadge *self = CARE_UNREAD_BADGE (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_unread_badge_dispose (GObject *object)
{
  CareUnreadBadge *self = (CareUnreadBadge *)object;

  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (care_unread_badge_parent_class)->dispose (object);
}

static void
care_unread_badge_class_init (CareUnreadBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_unread_badge_dispose;
  object_class->get_property = care_unread_badge_get_property;

  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_unread_badge_init (CareUnreadBadge *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "care-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->label));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify::generation", G_CALLBACK (update_badge), self);
  g_signal_group_connect_swapped (self->record_signals, "notify::cache", G_CALLBACK (update_badge), self);
}

/**
 * care_unread_badge_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer floating): how many messages the person on screen has
 *   not read; hidden at zero
 */
GtkWidget *
care_unread_badge_new (CareContext *context)
{
  CareUnreadBadge *self;

  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  self = g_object_new (CARE_TYPE_UNREAD_BADGE, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::record", G_CALLBACK (on_record_changed_cb), self, G_CONNECT_SWAPPED);
  on_record_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * care_unread_badge_get_count:
 * @self: a #CareUnreadBadge
 *
 * Returns: the number it shows
 */
guint
care_unread_badge_get_count (CareUnreadBadge *self)
{
  g_return_val_if_fail (CARE_IS_UNREAD_BADGE (self), 0);

  return self->count;
}
