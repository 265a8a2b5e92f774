/* care-results-view.h — the Test Results section
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"
#include "care-result-entry.h"
#include "care-section-page.h"
#include "care-view-stack.h"

G_BEGIN_DECLS

#define CARE_TYPE_RESULTS_VIEW (care_results_view_get_type ())

G_DECLARE_FINAL_TYPE (CareResultsView, care_results_view, CARE, RESULTS_VIEW, AdwBin)

GtkWidget      *care_results_view_new              (CareContext     *context);
GtkWidget      *care_results_view_create           (GObject         *context);
CareViewStack  *care_results_view_get_view_stack   (CareResultsView *self);
GListModel     *care_results_view_get_entries      (CareResultsView *self);
GtkWidget      *care_results_view_get_list_view    (CareResultsView *self);
GtkEditable    *care_results_view_get_search_entry (CareResultsView *self);
GtkWidget      *care_results_view_get_detail       (CareResultsView *self);
gboolean        care_results_view_get_loaded       (CareResultsView *self);
void            care_results_view_open             (CareResultsView *self,
                                                    CareResultEntry *entry);
gboolean        care_results_view_open_item        (CareResultsView *self,
                                                    const char      *type,
                                                    const char      *id);
gboolean        care_results_view_go_back          (CareResultsView *self);
void            care_results_view_set_folded       (CareResultsView *self,
                                                    gboolean         folded);
gboolean        care_results_view_is_showing_detail (CareResultsView *self);

G_END_DECLS
