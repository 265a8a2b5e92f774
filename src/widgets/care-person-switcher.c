/* care-person-switcher.c — choose whose record is on screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header button with the current person's avatar and name; its popover
 * lists everyone this install may see (self and proxies) with age,
 * relationship and access level, and offers to add a health system.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-message-read.h"
#include "care-person-row.h"
#include "care-record.h"
#include "care-person-switcher.h"

/* How many characters of a name the switcher is as wide as. */
#define NAME_CHARS 20

struct _CarePersonSwitcher
{
  AdwBin          parent_instance;

  CareContext    *context;

  GtkMenuButton  *menu_button;
  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkListBox     *list_box;
  GtkPopover     *popover;
};

G_DEFINE_FINAL_TYPE (CarePersonSwitcher, care_person_switcher, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many messages from the care team @person has not read, from the
 * offline copy of their record. */
static guint
count_unread (CarePersonSwitcher *self,
              CarePerson         *person)
{
  CareRecord *record = care_context_lookup_record (self->context, care_person_get_id (person));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;

  return cache != NULL ? care_message_count_unread (cache) : 0;
}

/**
 * care_person_switcher_update_unread:
 * @self: a #CarePersonSwitcher
 *
 * Counts everyone's unread messages again, as showing the list does.
 */
void
care_person_switcher_update_unread (CarePersonSwitcher *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CARE_IS_PERSON_ROW (row))
      care_person_row_set_unread (CARE_PERSON_ROW (row),
                                  count_unread (self, care_person_row_get_person (CARE_PERSON_ROW (row))));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  CarePersonSwitcher *self = user_data;
  GtkWidget *row;
  GDate today;

  care_context_get_today (self->context, &today);
  row = care_person_row_new (CARE_PERSON (item), &today);
  care_person_row_set_selected (CARE_PERSON_ROW (row),
                                item == (gpointer)care_context_get_person (self->context));
  care_person_row_set_unread (CARE_PERSON_ROW (row), count_unread (self, CARE_PERSON (item)));

  return row;
}

static void
update_button (CarePersonSwitcher *self)
{
  CarePerson *person = care_context_get_person (self->context);
  GListModel *people = care_context_get_people (self->context);
  const char *name = person != NULL ? care_person_get_display_name (person) : NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *avatar_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), g_list_model_get_n_items (people) > 0);

  avatar_text = person != NULL ? care_person_dup_avatar_text (person) : NULL;
  adw_avatar_set_text (self->avatar, avatar_text);
  gtk_label_set_label (self->name_label, name);

  if (name != NULL)
    {
      /* Translators: tooltip of the person switcher; %s is the name of the person on screen */
      tooltip = g_strdup_printf (_("Showing the record of %s. Switch person"), name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);
      /* GTK 4.8 names a menu button after its type unless told otherwise. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (CARE_IS_PERSON_ROW (row))
        care_person_row_set_selected (CARE_PERSON_ROW (row),
                                      care_person_row_get_person (CARE_PERSON_ROW (row)) == person);
    }
}

static void
on_person_changed_cb (CareContext        *context,
                      GParamSpec         *pspec,
                      CarePersonSwitcher *self)
{
  update_button (self);
}

static void
on_people_changed_cb (GListModel         *people,
                      guint               position,
                      guint               removed,
                      guint               added,
                      CarePersonSwitcher *self)
{
  update_button (self);
}

static void
on_row_activated_cb (GtkListBox         *list_box,
                     GtkListBoxRow      *row,
                     CarePersonSwitcher *self)
{
  care_context_set_person (self->context, care_person_row_get_person (CARE_PERSON_ROW (row)));
  gtk_popover_popdown (self->popover);
}

static void
care_person_switcher_constructed (GObject *object)
{
  CarePersonSwitcher *self = (CarePersonSwitcher *)object;
  GListModel *people;

  G_OBJECT_CLASS (care_person_switcher_parent_class)->constructed (object);

  people = care_context_get_people (self->context);
  gtk_list_box_bind_model (self->list_box, people, create_row_cb, self, NULL);

  g_signal_connect_object (self->context, "notify::person",
                           G_CALLBACK (on_person_changed_cb), self, 0);
  g_signal_connect_object (people, "items-changed",
                           G_CALLBACK (on_people_changed_cb), self, G_CONNECT_AFTER);
  /* Counted again each time the list is shown: reading a conversation
   * or a sync may have changed them. */
  g_signal_connect_object (self->popover, "show", G_CALLBACK (care_person_switcher_update_unread), self, G_CONNECT_SWAPPED);

  update_button (self);
}

static void
care_person_switcher_dispose (GObject *object)
{
  CarePersonSwitcher *self = (CarePersonSwitcher *)object;

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  /* Unparent the template's root through AdwBin first, so AdwBin's own

   * dispose does not unparent it a second time. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_PERSON_SWITCHER);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (care_person_switcher_parent_class)->dispose (object);
}

static void
care_person_switcher_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CarePersonSwitcher *self = CARE_PERSON_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_person_switcher_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CarePersonSwitcher *self = CARE_PERSON_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* As wide for every name as twenty characters of it, so the sidebar
 * keeps its width from one person to the next; but that is only its
 * natural width: at its minimum the name ends in "…", so a phone-wide
 * window stays phone-wide (the name's width-chars would be a minimum). */
static void
care_person_switcher_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CarePersonSwitcher *self = CARE_PERSON_SWITCHER (widget);

  gtk_widget_measure (GTK_WIDGET (self->menu_button), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->name_label));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      /* As GtkLabel counts characters for max-width-chars. */
      int twenty = PANGO_PIXELS (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                      pango_font_metrics_get_approximate_digit_width (metrics)) * NAME_CHARS);
      int label_natural = 0;

      pango_font_metrics_unref (metrics);
      gtk_widget_measure (GTK_WIDGET (self->name_label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_natural,
                          NULL, NULL);
      *natural = MAX (*natural + MAX (twenty - label_natural, 0), *minimum);
    }
}

static void
care_person_switcher_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (CARE_PERSON_SWITCHER (widget)->menu_button), width, height, baseline, NULL);
}

static void
care_person_switcher_class_init (CarePersonSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_person_switcher_constructed;
  object_class->dispose = care_person_switcher_dispose;
  object_class->get_property = care_person_switcher_get_property;
  object_class->set_property = care_person_switcher_set_property;
  widget_class->measure = care_person_switcher_measure;
  widget_class->size_allocate = care_person_switcher_size_allocate;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CARE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/widgets/care-person-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, CarePersonSwitcher, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CarePersonSwitcher, avatar);
  gtk_widget_class_bind_template_child (widget_class, CarePersonSwitcher, name_label);
  gtk_widget_class_bind_template_child (widget_class, CarePersonSwitcher, list_box);
  gtk_widget_class_bind_template_child (widget_class, CarePersonSwitcher, popover);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
care_person_switcher_init (CarePersonSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Sized by care_person_switcher_measure(), not AdwBin's layout. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

/**
 * care_person_switcher_new:
 * @context: the window's context
 *
 * Returns: (transfer floating): a new person switcher
 */
GtkWidget *
care_person_switcher_new (CareContext *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_PERSON_SWITCHER, "context", context, NULL);
}

/**
 * care_person_switcher_get_context:
 * @self: a #CarePersonSwitcher
 *
 * Returns: (transfer none): the context
 */
CareContext *
care_person_switcher_get_context (CarePersonSwitcher *self)
{
  g_return_val_if_fail (CARE_IS_PERSON_SWITCHER (self), NULL);

  return self->context;
}

/**
 * care_person_switcher_get_list:
 * @self: a #CarePersonSwitcher
 *
 * Returns: (transfer none): the list of people, for tests
 */
GtkListBox *
care_person_switcher_get_list (CarePersonSwitcher *self)
{
  g_return_val_if_fail (CARE_IS_PERSON_SWITCHER (self), NULL);

  return self->list_box;
}

/**
 * care_person_switcher_set_compact:
 * @self: a #CarePersonSwitcher
 * @compact: whether the sidebar is the whole window (folded)
 *
 * Beside the content the name takes 20 characters for any name, so the
 * sidebar keeps its width from one person to the next. When the sidebar
 * is the whole window that width is the window's, and a fixed 20 would
 * keep a narrow window (360 px with large text) from getting narrower:
 * the name then takes what it is given.
 */
void
care_person_switcher_set_compact (CarePersonSwitcher *self,
                                  gboolean            compact)
{
  g_return_if_fail (CARE_IS_PERSON_SWITCHER (self));

  gtk_label_set_width_chars (self->name_label, compact ? -1 : 20);
}
