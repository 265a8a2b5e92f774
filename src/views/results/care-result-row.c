/* care-result-row.c — how one test result looks in the list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListView cannot group rows in GTK 4.8, so each row carries its own
 * day heading, shown when the row above is from another day, and rounds
 * its corners when it starts or ends a day: the list reads as one card per
 * day while only the rows on screen exist.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-result-row.h"

struct _CareResultRow
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkLabel        *heading_label;
  GtkWidget       *card;
  GtkLabel        *name_label;
  GtkLabel        *value_label;
  GtkWidget       *flag_box;
  GtkImage        *flag_image;
  GtkLabel        *flag_label;
  GtkWidget       *new_label;

  CareResultEntry *entry;
  GBinding        *new_binding;
  char            *sentence;
};

G_DEFINE_FINAL_TYPE (CareResultRow, care_result_row, GTK_TYPE_WIDGET)

static void
care_result_row_dispose (GObject *object)
{
  CareResultRow *self = (CareResultRow *)object;

  g_clear_pointer (&self->new_binding, g_binding_unbind);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->sentence, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_RESULT_ROW);

  G_OBJECT_CLASS (care_result_row_parent_class)->dispose (object);
}

static void
care_result_row_class_init (CareResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_result_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/results/care-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, box);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, card);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, flag_box);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, flag_image);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, flag_label);
  gtk_widget_class_bind_template_child (widget_class, CareResultRow, new_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resultrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
care_result_row_init (CareResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
care_result_row_new (void)
{
  return g_object_new (CARE_TYPE_RESULT_ROW, NULL);
}

/**
 * care_result_row_same_day:
 * @a: (nullable): a date
 * @b: (nullable): another
 *
 * Returns: whether both fall on the same day (two missing dates do)
 */
gboolean
care_result_row_same_day (GDateTime *a,
                          GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* Keeps the spoken description in step with the New marker. */
static gboolean
transform_new_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  CareResultRow *self = user_data;
  gboolean is_new = g_value_get_boolean (from);

  if (is_new)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("New result, not opened yet"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_value_set_boolean (to, is_new);
  return TRUE;
}

/**
 * care_result_row_set_entry:
 * @self: a row
 * @entry: (nullable): what it shows
 * @previous: (nullable): the entry of the row above, or %NULL at the top
 * @next: (nullable): the entry of the row below, or %NULL at the end
 *
 * Binds the row. Its neighbours decide the day heading and the rounded
 * corners.
 */
void
care_result_row_set_entry (CareResultRow   *self,
                           CareResultEntry *entry,
                           CareResultEntry *previous,
                           CareResultEntry *next)
{
  GDateTime *date;
  gboolean starts_day;
  gboolean ends_day;
  CareResultFlag flag;
  const char *flag_label;
  const char *css_class;
  g_autofree char *heading = NULL;

  g_return_if_fail (CARE_IS_RESULT_ROW (self));

  g_clear_pointer (&self->new_binding, g_binding_unbind);
  g_set_object (&self->entry, entry);
  if (entry == NULL)
    return;

  date = care_result_entry_get_date (entry);
  starts_day = previous == NULL ||
               !care_result_row_same_day (care_result_entry_get_date (previous), date);
  ends_day = next == NULL || !care_result_row_same_day (care_result_entry_get_date (next), date);
  heading = care_result_format_day_heading (date);
  gtk_label_set_label (self->heading_label, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), starts_day);
  set_class (self->card, "first", starts_day);
  set_class (self->card, "last", ends_day);

  gtk_label_set_label (self->name_label, care_result_entry_get_name (entry));
  gtk_label_set_label (self->value_label, care_result_entry_get_value (entry));
  gtk_widget_set_visible (GTK_WIDGET (self->value_label), care_result_entry_get_value (entry) != NULL);

  flag = care_result_entry_get_flag (entry);
  flag_label = care_result_flag_get_label (flag);
  gtk_widget_set_visible (self->flag_box, flag_label != NULL);
  gtk_label_set_label (self->flag_label, flag_label);
  if (flag_label != NULL)
    gtk_image_set_from_icon_name (self->flag_image, care_result_flag_get_icon_name (flag));
  css_class = care_result_flag_get_css_class (flag);
  set_class (self->flag_box, "warning", g_strcmp0 (css_class, "warning") == 0);
  set_class (self->flag_box, "error", g_strcmp0 (css_class, "error") == 0);
  set_class (GTK_WIDGET (self->value_label), "result-flagged", flag_label != NULL);

  self->new_binding = g_object_bind_property_full (entry, "new", self->new_label, "visible",
                                                   G_BINDING_SYNC_CREATE, transform_new_cb, NULL,
                                                   self, NULL);

  g_free (self->sentence);
  self->sentence = care_result_entry_dup_sentence (entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->sentence,
                                  -1);
}

/**
 * care_result_row_get_entry:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the entry shown
 */
CareResultEntry *
care_result_row_get_entry (CareResultRow *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ROW (self), NULL);
  return self->entry;
}

/**
 * care_result_row_get_heading:
 * @self: a row
 *
 * Returns: (nullable): the day heading, if the row shows one
 */
const char *
care_result_row_get_heading (CareResultRow *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->heading_label)))
    return NULL;
  return gtk_label_get_label (self->heading_label);
}

/**
 * care_result_row_get_accessible_label:
 * @self: a row
 *
 * Returns: (nullable): the sentence a screen reader says for the row
 */
const char *
care_result_row_get_accessible_label (CareResultRow *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ROW (self), NULL);
  return self->entry != NULL ? self->sentence : NULL;
}
