/* care-documents-view.h — Visits & Documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"
#include "care-document-viewer.h"
#include "care-health-summary-page.h"
#include "care-section-page.h"
#include "care-view-stack.h"

G_BEGIN_DECLS

#define CARE_TYPE_DOCUMENTS_VIEW (care_documents_view_get_type ())

G_DECLARE_FINAL_TYPE (CareDocumentsView, care_documents_view, CARE, DOCUMENTS_VIEW, AdwBin)

/**
 * CareDocumentsGroup:
 * @CARE_DOCUMENTS_GROUP_VISITS: past visits, each with its summary
 * @CARE_DOCUMENTS_GROUP_NOTES: clinical notes
 * @CARE_DOCUMENTS_GROUP_LETTERS: letters
 * @CARE_DOCUMENTS_GROUP_EYE: eye prescriptions
 * @CARE_DOCUMENTS_GROUP_DIRECTIVES: advance directives
 * @CARE_DOCUMENTS_GROUP_OTHER: other documents
 *
 * The groups of the list, in order.
 */
typedef enum
{
  CARE_DOCUMENTS_GROUP_VISITS,
  CARE_DOCUMENTS_GROUP_NOTES,
  CARE_DOCUMENTS_GROUP_LETTERS,
  CARE_DOCUMENTS_GROUP_EYE,
  CARE_DOCUMENTS_GROUP_IMAGING,
  CARE_DOCUMENTS_GROUP_DIRECTIVES,
  CARE_DOCUMENTS_GROUP_OTHER,
  CARE_DOCUMENTS_N_GROUPS,
} CareDocumentsGroup;

GtkWidget             *care_documents_view_new              (CareContext        *context);
GtkWidget             *care_documents_view_create           (GObject            *context);
CareViewStack         *care_documents_view_get_view_stack   (CareDocumentsView  *self);
guint                  care_documents_view_get_generation   (CareDocumentsView  *self);
guint                  care_documents_view_get_n_rows       (CareDocumentsView  *self,
                                                             CareDocumentsGroup  group);
GtkWidget             *care_documents_view_get_row          (CareDocumentsView  *self,
                                                             CareDocumentsGroup  group,
                                                             guint               index);
guint                  care_documents_view_get_n_visible_rows (CareDocumentsView *self);
gboolean               care_documents_view_get_notes_withheld (CareDocumentsView *self);
void                   care_documents_view_set_search_text  (CareDocumentsView  *self,
                                                             const char         *text);
void                   care_documents_view_open_row         (CareDocumentsView  *self,
                                                             GtkWidget          *row);
gboolean               care_documents_view_open_document    (CareDocumentsView  *self,
                                                             const char         *id);
void                   care_documents_view_set_folded       (CareDocumentsView  *self,
                                                             gboolean            folded);
gboolean               care_documents_view_go_back          (CareDocumentsView  *self);
const char            *care_documents_view_get_page         (CareDocumentsView  *self);
CareDocumentViewer    *care_documents_view_get_viewer       (CareDocumentsView  *self);
CareHealthSummaryPage *care_documents_view_get_summary_page (CareDocumentsView  *self);

G_END_DECLS
