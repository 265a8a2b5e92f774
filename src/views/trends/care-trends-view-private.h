/* care-trends-view-private.h — what the trends view's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-context.h"
#include "care-trends-view.h"

G_BEGIN_DECLS

#define N_PRESETS 5

struct _CareTrendsView
{
  AdwBin                parent_instance;

  CareContext          *context;
  GSignalGroup         *record_signals;
  GSignalGroup         *outbox_signals;
  GCancellable         *cancellable;
  GListStore           *items;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  GListStore           *table_rows;
  CareTrendItem        *selected;
  CareViewStack        *view_stack;
  GtkToggleButton      *preset_buttons[N_PRESETS];
  GtkColumnViewColumn  *name_column;
  GtkFileChooserNative *chooser;
  char                 *export_format;
  char                 *pending_system;
  char                 *pending_code;
  gboolean              loading;

  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkListBox           *series_list;
  GtkButton            *back_button;
  gboolean              window_folded;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *focus_label;
  GtkLabel             *entered_label;
  GtkToggleButton      *table_button;
  GtkMenuButton        *export_button;
  GtkBox               *range_box;
  GtkStack             *body_stack;
  CareTrendChart       *chart;
  GtkColumnView        *table_view;
};

enum {
  COLUMN_DATE,
  COLUMN_NAME,
  COLUMN_VALUE,
  COLUMN_FLAG,
};

/* care-trends-view.c */
void                 care_trends_view_show_item     (CareTrendsView *self,
                                                     CareTrendItem  *item);

/* care-trends-view-series.c */
void                 care_trends_view_init_series   (CareTrendsView *self);
void                 care_trends_view_class_init_series (GtkWidgetClass *widget_class);
void                 care_trends_view_select_item   (CareTrendsView *self,
                                                     CareTrendItem  *item);
CareTrendItem       *care_trends_view_find_item     (CareTrendsView *self,
                                                     const char     *system,
                                                     const char     *code);

/* care-trends-view-table.c */
void                 care_trends_view_fill_table    (CareTrendsView *self);
GtkColumnViewColumn *care_trends_view_add_column    (CareTrendsView *self,
                                                     const char     *title,
                                                     int             column,
                                                     gboolean        expand);
/* care-trends-view-export.c */
void care_trends_view_export_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);

G_END_DECLS
