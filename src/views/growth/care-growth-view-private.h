/* care-growth-view-private.h — what the growth view's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-context.h"
#include "care-growth-view.h"

G_BEGIN_DECLS

#define N_CHARTS 5

struct _CareGrowthView
{
  AdwBin                parent_instance;

  CareContext          *context;
  GSignalGroup         *record_signals;
  GCancellable         *cancellable;
  CareLms              *lms;
  CareViewStack        *view_stack;
  GArray               *measurements[N_CHARTS];   /* CareGrowthMeasurement */
  CareGrowthChild       child;
  gboolean              have_child;
  char                 *name;
  CareLmsChart          kind;
  GHashTable           *chosen;     /* person id → the chart chosen for them + 1 */
  gboolean              choosing;   /* the dropdown follows the person, not the user */
  GtkFileChooserNative *chooser;
  char                 *export_format;
  gboolean              loading;

  GtkStack             *page_stack;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkDropDown          *chart_dropdown;
  GtkStack             *chart_stack;
  CareGrowthChart      *chart;
  GtkLabel             *focus_label;
  GtkToggleButton      *table_button;
  GtkListBox           *table_list;
  AdwStatusPage        *none_page;
  GtkLabel             *corrected_label;
  GtkLabel             *explanation_label;
};

void care_growth_view_fill_table    (CareGrowthView *self);
void care_growth_view_show_table    (CareGrowthView *self);

void care_growth_view_print_action  (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);
void care_growth_view_export_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);

G_END_DECLS
