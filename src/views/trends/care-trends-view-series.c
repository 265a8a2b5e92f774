/* care-trends-view-series.c — the trends view's list of measurements
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The searchable list beside the chart: one row per measurement (its name,
 * how many results and the latest), filtered as the user types; selecting
 * or activating a row puts its trend on the chart.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "care-trends-view-private.h"

static gboolean
find_position (GListModel    *model,
               CareTrendItem *item,
               guint         *out_position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareTrendItem) other = g_list_model_get_item (model, i);

      if (other == item)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
care_trends_view_select_item (CareTrendsView *self,
                              CareTrendItem  *item)
{
  guint position;

  if (!find_position (G_LIST_MODEL (self->filtered), item, &position))
    {
      /* A search hides it: show everything again, then select. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      if (!find_position (G_LIST_MODEL (self->filtered), item, &position))
        return;
    }
  gtk_list_box_select_row (self->series_list,
                           gtk_list_box_get_row_at_index (self->series_list, position));
  care_trends_view_show_item (self, item);
}

CareTrendItem *
care_trends_view_find_item (CareTrendsView *self,
                            const char     *system,
                            const char     *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareTrendItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (care_trend_item_matches (item, system, code))
        return item;   /* the store holds a reference */
    }
  return NULL;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CareTrendItem *trend = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (care_trend_item_get_title (trend));
  GtkWidget *latest = gtk_label_new (care_trend_item_get_latest_text (trend));
  GtkWidget *count;
  g_autofree char *count_text = NULL;
  g_autofree char *accessible = NULL;
  guint n = care_trend_item_get_count (trend);

  /* Translators: how many results a measurement has, in the trends list */
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", n), n);
  count = gtk_label_new (count_text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  /* Long lab names are cut at two lines: the whole name on hover. */
  gtk_widget_set_tooltip_text (title, care_trend_item_get_title (trend));
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (names), title);
  gtk_box_append (GTK_BOX (names), count);
  gtk_widget_add_css_class (latest, "numeric");
  gtk_widget_set_valign (latest, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), names);
  gtk_box_append (GTK_BOX (box), latest);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a measurement in the trends list for screen readers:
   * name, latest value, how many results: "Hemoglobin A1c, 6.8 %, 24 results" */
  accessible = g_strdup_printf (_("%1$s, %2$s, %3$s"), care_trend_item_get_title (trend),
                                care_trend_item_get_latest_text (trend), count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static gboolean
filter_item_cb (gpointer item,
                gpointer user_data)
{
  CareTrendsView *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (care_trend_item_get_title (item), -1);
  return strstr (haystack, needle) != NULL;
}

static void
on_search_changed_cb (CareTrendsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *placeholder = NULL;
  GtkWidget *label;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  /* Translators: the trends list when a search finds nothing; %s is the search */
  placeholder = g_strdup_printf (_("No measurements match “%s”"), text);
  label = gtk_label_new (placeholder);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 24);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (self->series_list, label);

  if (self->selected != NULL)
    {
      guint position;

      if (find_position (G_LIST_MODEL (self->filtered), self->selected, &position))
        gtk_list_box_select_row (self->series_list,
                                 gtk_list_box_get_row_at_index (self->series_list, position));
    }
}

static void
on_search_activate_cb (CareTrendsView *self)
{
  g_autoptr(CareTrendItem) first = NULL;

  /* Enter shows the first match; the list may not have caught up with
   * the typing yet (search-changed comes after a pause), so filter now. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);
  if (first == NULL)
    return;
  care_trends_view_select_item (self, first);
  adw_leaflet_set_visible_child_name (self->leaflet, "chart");
}

static void
on_row_selected_cb (CareTrendsView *self,
                    GtkListBoxRow  *row)
{
  g_autoptr(CareTrendItem) item = NULL;

  if (row == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), gtk_list_box_row_get_index (row));
  if (item != NULL)
    care_trends_view_show_item (self, item);
}

static void
on_row_activated_cb (CareTrendsView *self,
                     GtkListBoxRow  *row)
{
  on_row_selected_cb (self, row);
  adw_leaflet_set_visible_child_name (self->leaflet, "chart");
}

void
care_trends_view_init_series (CareTrendsView *self)
{
  self->items = g_list_store_new (CARE_TYPE_TREND_ITEM);
  self->filter = gtk_custom_filter_new (filter_item_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->series_list, G_LIST_MODEL (self->filtered), create_row, self, NULL);
}

void
care_trends_view_class_init_series (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}
