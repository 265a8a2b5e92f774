/* care-import-private.h — what the importers share with the preview
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-import.h"

G_BEGIN_DECLS

/* How often (in records) a reader checks for cancellation and reports progress. */
#define CARE_IMPORT_CHECK_EVERY 4096

double   care_import_round           (double          value,
                                      int             decimals);
int      care_import_kind_get_decimals (CareImportKind kind);
char    *care_import_reading_dup_key (const CareImportReading *reading);
gboolean care_import_kind_from_loinc (const char     *code,
                                      CareImportKind *out_kind);
gboolean care_import_normalise_value (CareImportKind  kind,
                                      double          value,
                                      const char     *unit,
                                      double         *out_value);
gboolean care_import_parse_time      (const char     *text,
                                      gint64         *out_time,
                                      int            *out_utc_offset);

CareImportPreview *care_import_preview_new (CareImportFormat    format,
                                            CareImportExisting *existing,
                                            gboolean            keep_readings);
void     care_import_preview_take        (CareImportPreview       *self,
                                          const CareImportReading *reading,
                                          guint                    line);
void     care_import_preview_unreadable  (CareImportPreview       *self,
                                          guint                    line);
void     care_import_preview_finish      (CareImportPreview       *self);
void     care_import_preview_set_source  (CareImportPreview       *self,
                                          const char              *source);

gboolean care_import_apple_read (GFile              *file,
                                 CareImportPreview  *preview,
                                 CareImportProgress  progress,
                                 gpointer            progress_data,
                                 GCancellable       *cancellable,
                                 GError            **error);
gboolean care_import_csv_read   (GFile                   *file,
                                 const CareImportColumns *columns,
                                 CareImportPreview       *preview,
                                 CareImportProgress       progress,
                                 gpointer                 progress_data,
                                 GCancellable            *cancellable,
                                 GError                 **error);

G_END_DECLS
