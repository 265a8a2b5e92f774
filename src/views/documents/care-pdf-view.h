/* care-pdf-view.h — a PDF's pages, drawn with poppler
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22 has no autoptr cleanups; these names cannot clash with
 * ones a newer poppler adds. */
typedef PopplerPage     CarePopplerPage;
typedef PopplerDocument CarePopplerDocument;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarePopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarePopplerDocument, g_object_unref)

#define CARE_TYPE_PDF_VIEW (care_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (CarePdfView, care_pdf_view, CARE, PDF_VIEW, GtkWidget)

GtkWidget       *care_pdf_view_new            (void);
void             care_pdf_view_set_document   (CarePdfView     *self,
                                               PopplerDocument *document);
PopplerDocument *care_pdf_view_get_document   (CarePdfView     *self);
int              care_pdf_view_get_n_pages    (CarePdfView     *self);
double           care_pdf_view_get_zoom       (CarePdfView     *self);
void             care_pdf_view_set_zoom       (CarePdfView     *self,
                                               double           zoom);
double           care_pdf_view_get_fit_zoom   (CarePdfView     *self,
                                               int              available_width);
guint            care_pdf_view_find           (CarePdfView     *self,
                                               const char      *text);
guint            care_pdf_view_get_n_matches  (CarePdfView     *self);
void             care_pdf_view_set_current_match (CarePdfView  *self,
                                                  guint         match);
double           care_pdf_view_get_match_y    (CarePdfView     *self,
                                               guint            match);

G_END_DECLS
