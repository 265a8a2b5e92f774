/* care-growth-view-table.c — a growth chart's points as a list to read
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Show as Table" puts the same measurements as the chart in a list,
 * newest first, one row each: the value with its percentile, then the
 * age, z-score and date. It is the chart's text alternative for people
 * who would rather read numbers and for screen readers, which walk a list
 * more easily than a picture; each row's accessible name says it whole.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-growth-view-private.h"

static void
clear_table (CareGrowthView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_list))) != NULL)
    gtk_list_box_remove (self->table_list, child);
}

/**
 * care_growth_view_fill_table:
 * @self: a #CareGrowthView
 *
 * Fills the table from the chart's data, and shows the table or the chart
 * as the "Show as Table" button says.
 */
void
care_growth_view_fill_table (CareGrowthView *self)
{
  const CareGrowthChartData *data = care_growth_chart_get_data (self->chart);
  guint n = data != NULL ? data->points->len : 0;

  clear_table (self);
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *detail = NULL;
      g_autofree char *value = care_growth_chart_dup_point_label (data, i - 1, NULL, &detail);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      /* libadwaita 1.2 names the row after its title only: the age, z-score
       * and date go in its description, so a screen reader says them too. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      detail, -1);
      gtk_list_box_append (self->table_list, row);
    }
  care_growth_view_show_table (self);
}

/**
 * care_growth_view_show_table:
 * @self: a #CareGrowthView
 *
 * Shows the table when "Show as Table" is on and there is something to
 * show, the chart otherwise.
 */
void
care_growth_view_show_table (CareGrowthView *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->chart_stack);
  gboolean table = gtk_toggle_button_get_active (self->table_button);

  if (g_strcmp0 (page, "none") == 0)
    return;
  gtk_stack_set_visible_child_name (self->chart_stack, table ? "table" : "chart");
}
