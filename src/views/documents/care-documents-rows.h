/* care-documents-rows.h — the rows of Visits & Documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "care-cache.h"

G_BEGIN_DECLS

typedef enum
{
  CARE_DOCUMENT_KIND_SUMMARY,
  CARE_DOCUMENT_KIND_NOTE,
  CARE_DOCUMENT_KIND_LETTER,
  CARE_DOCUMENT_KIND_DIRECTIVE,
  CARE_DOCUMENT_KIND_OTHER,
} CareDocumentKind;

CareDocumentKind care_documents_classify        (JsonObject *document);
char            *care_documents_dup_encounter_id (JsonObject *document);
char            *care_documents_dup_title       (JsonObject *document);
char            *care_documents_dup_date_text   (const char *fhir_date);
char            *care_documents_dup_reference_name (CareCache  *cache,
                                                    JsonObject *reference);
GtkWidget       *care_documents_visit_row_new   (CareCache  *cache,
                                                 JsonObject *encounter,
                                                 JsonObject *summary);
GtkWidget       *care_documents_document_row_new (CareCache *cache,
                                                  JsonObject *document);
GtkWidget       *care_documents_study_row_new   (JsonObject *study);
GtkWidget       *care_documents_withheld_row_new (const char *message);
char            *care_documents_vision_dup_title (JsonObject *prescription);
GtkWidget       *care_documents_vision_row_new  (CareCache  *cache,
                                                 JsonObject *prescription);
JsonObject      *care_documents_row_get_document (GtkWidget *row);
const char      *care_documents_row_get_search_text (GtkWidget *row);
char            *care_documents_vision_dup_cell (GtkWidget  *row,
                                                 guint       eye,
                                                 guint       column);

G_END_DECLS
