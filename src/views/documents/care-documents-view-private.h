/* care-documents-view-private.h — what the files of Visits & Documents share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CareDocumentsView spans care-documents-view.c (the list: groups, rows,
 * search, loading) and care-documents-pages.c (the pages beside it: the
 * document viewer and the health summary, Back, and the CareSectionPage
 * interface).
 */
#pragma once

#include "care-documents-rows.h"
#include "care-documents-view.h"

G_BEGIN_DECLS

struct _CareDocumentsView
{
  AdwBin                 parent_instance;

  GtkStack              *pages;
  GtkSearchEntry        *search_entry;
  AdwBin                *stack_bin;
  CareDocumentViewer    *viewer;
  CareHealthSummaryPage *summary_page;
  gboolean               folded;

  CareViewStack         *view_stack;
  GtkWidget             *groups[CARE_DOCUMENTS_N_GROUPS];
  GPtrArray             *rows[CARE_DOCUMENTS_N_GROUPS];
  gboolean               notes_withheld;
  GtkWidget             *withheld_row;   /* in rows[NOTES], or NULL */
  GtkWidget             *opened_row;     /* weak: the row the viewer was opened from */
  /* Long groups (visits, notes) show their newest few until "Show All". */
  gboolean               show_all[CARE_DOCUMENTS_N_GROUPS];
  GtkWidget             *more_rows[CARE_DOCUMENTS_N_GROUPS];

  CareContext           *context;
  GSignalGroup          *record_signals;
  GCancellable          *cancellable;
  guint                  generation;
  guint                  n_items;
};

/* care-documents-pages.c */
void     care_documents_view_back_action           (GtkWidget                *widget,
                                                    const char               *action_name,
                                                    GVariant                 *param);
void     care_documents_view_health_summary_action (GtkWidget                *widget,
                                                    const char               *action_name,
                                                    GVariant                 *param);
void     care_documents_view_find_action           (GtkWidget                *widget,
                                                    const char               *action_name,
                                                    GVariant                 *param);
gboolean care_documents_view_back_shortcut_cb      (GtkWidget                *widget,
                                                    GVariant                 *args,
                                                    gpointer                  user_data);
void     care_documents_view_section_page_init     (CareSectionPageInterface *iface);

G_END_DECLS
