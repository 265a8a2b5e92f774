/* care-preferences-window.c — Preferences
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Appearance, language (applied at the next start, since gettext reads the
 * locale once), notifications and how often to sync. Every control is bound
 * to its GSettings key, so there is no Apply button and nothing to lose.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-language.h"
#include "care-preferences-window.h"

struct _CarePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwComboRow          *language_row;
  AdwActionRow         *language_restart_row;
  GtkSwitch            *results_switch;
  GtkSwitch            *messages_switch;
  GtkSwitch            *appointments_switch;
  AdwComboRow          *interval_row;
};

G_DEFINE_FINAL_TYPE (CarePreferencesWindow, care_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of each list matches its combo row's model in the .ui file. */
static const char *color_schemes[] = { "default", "light", "dark" };
static const char *languages[] = { "", "en", "es" };
static const guint intervals[] = { 5, 15, 30, 60, 240, 1440 };

static gboolean
string_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char **strings = user_data;
  const char *current = g_variant_get_string (variant, NULL);

  for (guint i = 0; strings[i] != NULL; i++)
    {
      if (g_str_equal (strings[i], current))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_string (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char **strings = user_data;
  guint position = g_value_get_uint (value);

  for (guint i = 0; strings[i] != NULL; i++)
    if (i == position)
      return g_variant_new_string (strings[i]);

  return NULL;
}

static gboolean
interval_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);
  guint best = 0;

  /* A value set outside Preferences shows as the nearest choice. */
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (ABS ((int)intervals[i] - (int)minutes) < ABS ((int)intervals[best] - (int)minutes))
      best = i;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
position_to_interval (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (intervals))
    return NULL;

  return g_variant_new_uint32 (intervals[position]);
}

static void
update_language_note (CarePreferencesWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  const char *running = care_language_get_running ();

  /* The note appears only when the choice differs from what is running. */
  gtk_widget_set_visible (GTK_WIDGET (self->language_restart_row),
                          g_strcmp0 (language, running) != 0);
}

static void
on_language_changed_cb (GSettings             *settings,
                        const char            *key,
                        CarePreferencesWindow *self)
{
  update_language_note (self);
}

static void
care_preferences_window_constructed (GObject *object)
{
  CarePreferencesWindow *self = (CarePreferencesWindow *)object;

  G_OBJECT_CLASS (care_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                string_to_position, position_to_string,
                                (gpointer)color_schemes, NULL);
  g_settings_bind_with_mapping (self->settings, "language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                string_to_position, position_to_string,
                                (gpointer)languages, NULL);
  g_settings_bind_with_mapping (self->settings, "sync-interval",
                                self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                interval_to_position, position_to_interval,
                                NULL, NULL);
  g_settings_bind (self->settings, "notify-results",
                   self->results_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-messages",
                   self->messages_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-appointments",
                   self->appointments_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::language",
                           G_CALLBACK (on_language_changed_cb), self, 0);
  update_language_note (self);
}

static void
care_preferences_window_dispose (GObject *object)
{
  CarePreferencesWindow *self = (CarePreferencesWindow *)object;

  /* The pages belong to AdwPreferencesWindow, which disposes them itself. */
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (care_preferences_window_parent_class)->dispose (object);
}

static void
care_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CarePreferencesWindow *self = CARE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CarePreferencesWindow *self = CARE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_preferences_window_class_init (CarePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_preferences_window_constructed;
  object_class->dispose = care_preferences_window_dispose;
  object_class->get_property = care_preferences_window_get_property;
  object_class->set_property = care_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/app/care-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, language_restart_row);
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, results_switch);
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, messages_switch);
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, appointments_switch);
  gtk_widget_class_bind_template_child (widget_class, CarePreferencesWindow, interval_row);
}

static void
care_preferences_window_init (CarePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * care_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): a new preferences window
 */
GtkWidget *
care_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CARE_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
