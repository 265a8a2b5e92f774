/* care-document-viewer.h — one document: PDF pages, or its text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "care-record.h"

G_BEGIN_DECLS

#define CARE_TYPE_DOCUMENT_VIEWER (care_document_viewer_get_type ())

G_DECLARE_FINAL_TYPE (CareDocumentViewer, care_document_viewer, CARE, DOCUMENT_VIEWER, GtkBox)

GtkWidget  *care_document_viewer_new          (void);
void        care_document_viewer_open         (CareDocumentViewer *self,
                                               CareRecord         *record,
                                               JsonObject         *document,
                                               JsonObject         *attachment,
                                               const char         *title);
void        care_document_viewer_close        (CareDocumentViewer *self);
const char *care_document_viewer_get_state    (CareDocumentViewer *self);
const char *care_document_viewer_get_error    (CareDocumentViewer *self);
int         care_document_viewer_get_n_pages  (CareDocumentViewer *self);
char       *care_document_viewer_dup_text     (CareDocumentViewer *self);
guint       care_document_viewer_find         (CareDocumentViewer *self,
                                               const char         *text);

void                care_document_viewer_set_show_back (CareDocumentViewer *self,
                                                        gboolean            show_back);

G_END_DECLS
