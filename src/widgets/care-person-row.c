/* care-person-row.c — a person in the switcher
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Avatar, name, and "age · relationship · access" for one person; the
 * access level also shows as an icon when it needs attention.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "care-person-row.h"

struct _CarePersonRow
{
  GtkListBoxRow  parent_instance;

  CarePerson    *person;
  GDate          today;

  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *summary_label;
  GtkImage      *attention_image;
  GtkImage      *check_image;
  GtkLabel      *unread_label;
  guint          unread;
};

G_DEFINE_FINAL_TYPE (CarePersonRow, care_person_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_row (CarePersonRow *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *avatar_text = NULL;
  const char *name;
  CareAccessLevel access;

  name = care_person_get_display_name (self->person);
  summary = care_person_dup_summary (self->person, &self->today);
  access = care_person_get_access_level (self->person);

  avatar_text = care_person_dup_avatar_text (self->person);
  adw_avatar_set_text (self->avatar, avatar_text);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->attention_image), access == CARE_ACCESS_SIGN_IN_AGAIN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->attention_image),
                               care_person_get_access_text (self->person));

  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), self->unread > 0);
  if (self->unread > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", self->unread);
      g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread message",
                                                             "%u unread messages", self->unread), self->unread);

      gtk_label_set_label (self->unread_label, count);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->unread_label), words);
      /* Translators: a person in the switcher, read by screen readers: name, "8 years · Your child · Full
       * access", then "2 unread messages" */
      accessible = g_strdup_printf (_("%1$s, %2$s, %3$s"), name, summary, words);
    }
  else
    /* Translators: a person in the switcher, read by screen readers: name, then "8 years · Your child · Full access" */
    accessible = g_strdup_printf (_("%1$s, %2$s"), name, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_person_notify_cb (CarePerson    *person,
                     GParamSpec    *pspec,
                     CarePersonRow *self)
{
  update_row (self);
}

static void
care_person_row_dispose (GObject *object)
{
  CarePersonRow *self = (CarePersonRow *)object;

  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, on_person_notify_cb, self);
  g_clear_object (&self->person);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_PERSON_ROW);

  G_OBJECT_CLASS (care_person_row_parent_class)->dispose (object);
}

static void
care_person_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarePersonRow *self = CARE_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_person_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarePersonRow *self = CARE_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_person_row_class_init (CarePersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_person_row_dispose;
  object_class->get_property = care_person_row_get_property;
  object_class->set_property = care_person_row_set_property;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         CARE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/widgets/care-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CarePersonRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, CarePersonRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CarePersonRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CarePersonRow, attention_image);
  gtk_widget_class_bind_template_child (widget_class, CarePersonRow, check_image);
}

static void
care_person_row_init (CarePersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* How many messages from their care team wait unread: a count in a
   * pill, said in words to screen readers through the row's label. */
  self->unread_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->unread_label), "care-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->unread_label), "numeric");
  gtk_widget_set_valign (GTK_WIDGET (self->unread_label), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), FALSE);
  gtk_widget_insert_before (GTK_WIDGET (self->unread_label),
                            gtk_widget_get_parent (GTK_WIDGET (self->attention_image)),
                            GTK_WIDGET (self->attention_image));
}

/**
 * care_person_row_new:
 * @person: the person to show
 * @today: the day ages are measured on
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
care_person_row_new (CarePerson *person,
                     GDate      *today)
{
  CarePersonRow *self;

  g_return_val_if_fail (CARE_IS_PERSON (person), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  self = g_object_new (CARE_TYPE_PERSON_ROW, "person", person, NULL);
  self->today = *today;
  g_signal_connect_object (person, "notify", G_CALLBACK (on_person_notify_cb), self, 0);
  update_row (self);

  return GTK_WIDGET (self);
}

/**
 * care_person_row_get_person:
 * @self: a #CarePersonRow
 *
 * Returns: (transfer none): the person
 */
CarePerson *
care_person_row_get_person (CarePersonRow *self)
{
  g_return_val_if_fail (CARE_IS_PERSON_ROW (self), NULL);

  return self->person;
}

void
care_person_row_set_selected (CarePersonRow *self,
                              gboolean       selected)
{
  g_return_if_fail (CARE_IS_PERSON_ROW (self));

  gtk_widget_set_opacity (GTK_WIDGET (self->check_image), selected ? 1.0 : 0.0);
}

/**
 * care_person_row_set_unread:
 * @self: a #CarePersonRow
 * @unread: how many messages from their care team they have not read
 */
void
care_person_row_set_unread (CarePersonRow *self,
                            guint          unread)
{
  g_return_if_fail (CARE_IS_PERSON_ROW (self));

  if (self->unread == unread)
    return;
  self->unread = unread;
  update_row (self);
}

guint
care_person_row_get_unread (CarePersonRow *self)
{
  g_return_val_if_fail (CARE_IS_PERSON_ROW (self), 0);

  return self->unread;
}
