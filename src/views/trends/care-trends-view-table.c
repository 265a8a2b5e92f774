/* care-trends-view-table.c — the trend as a table of dates, values and flags
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same points as the chart, newest first, for people who would rather
 * read numbers, and for screen readers that walk a table more easily than
 * a picture.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-trend-table-row.h"
#include "care-trends-view-private.h"

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gint64 ta = care_trend_table_row_get_time (*(CareTrendTableRow **) a);
  gint64 tb = care_trend_table_row_get_time (*(CareTrendTableRow **) b);

  /* Newest first, as results lists are. */
  return (ta < tb) - (ta > tb);
}

void
care_trends_view_fill_table (CareTrendsView *self)
{
  GListModel *series = self->selected != NULL ? care_trend_item_get_series (self->selected) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_series = series != NULL ? g_list_model_get_n_items (series) : 0;

  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr(CareSeries) one = g_list_model_get_item (series, s);

      for (guint i = 0; i < care_series_get_n_points (one); i++)
        g_ptr_array_add (rows, care_trend_table_row_new (one, i, NULL));
    }
  g_ptr_array_sort_with_data (rows, compare_rows, NULL);
  g_list_store_splice (self->table_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->table_rows)),
                       rows->pdata, rows->len);
  gtk_column_view_column_set_visible (self->name_column, n_series > 1);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) == COLUMN_VALUE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CareTrendTableRow *row = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *text = NULL;

  switch (GPOINTER_TO_INT (user_data))
    {
    case COLUMN_DATE:
      text = care_trend_table_row_get_date_text (row);
      break;
    case COLUMN_NAME:
      text = care_trend_table_row_get_name (row);
      break;
    case COLUMN_VALUE:
      text = care_trend_table_row_get_value_text (row);
      break;
    case COLUMN_FLAG:
    default:
      text = care_trend_table_row_get_flag_text (row);
      break;
    }
  gtk_label_set_label (label, text);
}

GtkColumnViewColumn *
care_trends_view_add_column (CareTrendsView *self,
            const char     *title,
            int             column,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_append_column (self->table_view, col);
  g_object_unref (col);
  return col;
}
