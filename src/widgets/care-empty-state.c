/* care-empty-state.c — what a section shows before it has data
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A status page that says what will appear in a section and offers the one
 * action that gets it there. Every list view uses it for its empty state.
 */
#include "config.h"

#include "care-empty-state.h"

struct _CareEmptyState
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkButton     *button;
};

G_DEFINE_FINAL_TYPE (CareEmptyState, care_empty_state, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ACTION_LABEL,
  PROP_ACTION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_empty_state_dispose (GObject *object)
{
  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARE_TYPE_EMPTY_STATE);

  G_OBJECT_CLASS (care_empty_state_parent_class)->dispose (object);
}

static void
care_empty_state_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareEmptyState *self = CARE_EMPTY_STATE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->status_page));
      break;

    case PROP_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->status_page));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->status_page));
      break;

    case PROP_ACTION_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->button));
      break;

    case PROP_ACTION_NAME:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->button)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_empty_state_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareEmptyState *self = CARE_EMPTY_STATE (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      adw_status_page_set_icon_name (self->status_page, text);
      break;

    case PROP_TITLE:
      adw_status_page_set_title (self->status_page, text);
      break;

    case PROP_DESCRIPTION:
      adw_status_page_set_description (self->status_page, text);
      break;

    case PROP_ACTION_LABEL:
      gtk_button_set_label (self->button, text);
      gtk_widget_set_visible (GTK_WIDGET (self->button), text != NULL && text[0] != '\0');
      break;

    case PROP_ACTION_NAME:
      /* A detailed name ("win.show-section::results") carries its target. */
      if (text != NULL)
        gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->button), text);
      else
        gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_empty_state_class_init (CareEmptyStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_empty_state_dispose;
  object_class->get_property = care_empty_state_get_property;
  object_class->set_property = care_empty_state_set_property;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTION_LABEL] =
    g_param_spec_string ("action-label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTION_NAME] =
    g_param_spec_string ("action-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/widgets/care-empty-state.ui");
  gtk_widget_class_bind_template_child (widget_class, CareEmptyState, status_page);
  gtk_widget_class_bind_template_child (widget_class, CareEmptyState, button);
}

static void
care_empty_state_init (CareEmptyState *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * care_empty_state_new:
 * @icon_name: the symbolic icon
 * @title: what is missing, as a title
 * @description: what will appear here and how it gets here
 * @action_label: (nullable): the button's label
 * @action_name: (nullable): the detailed action the button activates
 *
 * Returns: (transfer floating): a new empty state
 */
GtkWidget *
care_empty_state_new (const char *icon_name,
                      const char *title,
                      const char *description,
                      const char *action_label,
                      const char *action_name)
{
  return g_object_new (CARE_TYPE_EMPTY_STATE,
                       "icon-name", icon_name,
                       "title", title,
                       "description", description,
                       "action-label", action_label,
                       "action-name", action_name,
                       NULL);
}

const char *
care_empty_state_get_title (CareEmptyState *self)
{
  g_return_val_if_fail (CARE_IS_EMPTY_STATE (self), NULL);

  return adw_status_page_get_title (self->status_page);
}

const char *
care_empty_state_get_action_label (CareEmptyState *self)
{
  g_return_val_if_fail (CARE_IS_EMPTY_STATE (self), NULL);

  return gtk_button_get_label (self->button);
}

/**
 * care_empty_state_get_button:
 * @self: a #CareEmptyState
 *
 * Returns: (transfer none): the action button
 */
GtkButton *
care_empty_state_get_button (CareEmptyState *self)
{
  g_return_val_if_fail (CARE_IS_EMPTY_STATE (self), NULL);

  return self->button;
}
