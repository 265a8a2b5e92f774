/* care-documents-load.h — what Visits & Documents reads from the cache
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "care-record.h"

G_BEGIN_DECLS

/**
 * CareDocumentsData:
 * @record: whose record it was read from
 * @encounters: (element-type JsonObject): the visits (Encounter), newest first
 * @documents: (element-type JsonObject): the DocumentReferences and the
 *   note DiagnosticReports as documents, each once, newest first
 * @prescriptions: (element-type JsonObject): the eye prescriptions
 *   (VisionPrescription), newest first
 * @studies: (element-type JsonObject): the ImagingStudies no report reads
 */
typedef struct
{
  CareRecord *record;
  GPtrArray  *encounters;
  GPtrArray  *documents;
  GPtrArray  *prescriptions;
  GPtrArray  *studies;
} CareDocumentsData;

void               care_documents_data_free   (CareDocumentsData   *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareDocumentsData, care_documents_data_free)

const char * const *care_documents_load_types (void);
void               care_documents_load_async  (CareRecord          *record,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CareDocumentsData *care_documents_load_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
