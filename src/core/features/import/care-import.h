/* care-import.h — readings from a file a device or another app exported
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "care-outbox.h"
#include "care-outbox-draft.h"

G_BEGIN_DECLS

#define CARE_IMPORT_ERROR (care_import_error_quark ())

/**
 * CareImportError:
 * @CARE_IMPORT_ERROR_FORMAT: not an Apple Health export or a CSV file Carebook can read
 * @CARE_IMPORT_ERROR_NO_EXPORT: a zip without an Apple Health `export.xml`
 * @CARE_IMPORT_ERROR_MALFORMED: the file is damaged or cut short
 * @CARE_IMPORT_ERROR_COLUMNS: the CSV's columns cannot be told apart
 */
typedef enum
{
  CARE_IMPORT_ERROR_FORMAT,
  CARE_IMPORT_ERROR_NO_EXPORT,
  CARE_IMPORT_ERROR_MALFORMED,
  CARE_IMPORT_ERROR_COLUMNS,
} CareImportError;

GQuark care_import_error_quark (void);

/**
 * CareImportKind:
 *
 * What a reading measures. Each is stored in one unit (UCUM): blood
 * pressure mm[Hg] (systolic in value, diastolic in value2), weight kg,
 * height cm, heart rate /min, oxygen saturation %, glucose mg/dL,
 * temperature Cel, steps a day.
 */
typedef enum
{
  CARE_IMPORT_BLOOD_PRESSURE,
  CARE_IMPORT_WEIGHT,
  CARE_IMPORT_HEIGHT,
  CARE_IMPORT_HEART_RATE,
  CARE_IMPORT_OXYGEN_SATURATION,
  CARE_IMPORT_GLUCOSE,
  CARE_IMPORT_TEMPERATURE,
  CARE_IMPORT_STEPS,
  CARE_IMPORT_N_KINDS,
} CareImportKind;

/**
 * CareImportFormat:
 * @CARE_IMPORT_FORMAT_AUTO: tell from the file's first bytes
 * @CARE_IMPORT_FORMAT_APPLE_HEALTH: Apple Health's export (the zip, or its `export.xml`)
 * @CARE_IMPORT_FORMAT_CSV: date, kind, value, unit
 */
typedef enum
{
  CARE_IMPORT_FORMAT_AUTO,
  CARE_IMPORT_FORMAT_APPLE_HEALTH,
  CARE_IMPORT_FORMAT_CSV,
} CareImportFormat;

/**
 * CareImportReading:
 * @kind: what it measures
 * @time: when, in seconds since 1970 (UTC)
 * @utc_offset: the offset the file gave, in seconds, to write the time back as it was
 * @value: the value in the kind's unit (systolic for blood pressure)
 * @value2: the diastolic pressure; 0 otherwise
 *
 * One reading, small enough that a file's hundreds of thousands fit.
 */
typedef struct
{
  CareImportKind kind;
  int            utc_offset;
  gint64         time;
  double         value;
  double         value2;
} CareImportReading;

/**
 * CareImportColumns:
 *
 * Which CSV column (from 0) holds what; -1 for none. care_import_columns_detect()
 * fills it from a header line; a caller may override any of them.
 */
typedef struct
{
  int      date;
  int      kind;
  int      value;
  int      unit;
  gboolean has_header;
} CareImportColumns;

/**
 * CareImportProgress:
 * @fraction: how far, 0 to 1
 * @user_data: the caller's
 *
 * Called from the thread that reads, now and then.
 */
typedef void (*CareImportProgress) (double   fraction,
                                    gpointer user_data);

typedef struct _CareImportExisting CareImportExisting;
typedef struct _CareImportPreview  CareImportPreview;

const char         *care_import_kind_to_string   (CareImportKind      kind);
gboolean            care_import_kind_from_string (const char         *text,
                                                  CareImportKind     *out_kind);
const char         *care_import_kind_get_title   (CareImportKind      kind);
const char         *care_import_kind_get_unit    (CareImportKind      kind);
const char         *care_import_kind_get_loinc   (CareImportKind      kind);
gboolean            care_import_reading_is_plausible (const CareImportReading *reading);
char               *care_import_reading_format   (const CareImportReading *reading);
JsonObject         *care_import_reading_to_observation (const CareImportReading *reading,
                                                        const char              *patient,
                                                        const char              *source);
CareOutboxDraft    *care_import_reading_draft_new (const CareImportReading *reading,
                                                   const char              *patient,
                                                   const char              *source);

gboolean            care_import_columns_detect   (const char         *line,
                                                  CareImportColumns  *out_columns);
GStrv               care_import_csv_split        (const char         *line);
char               *care_import_peek_csv_header  (GFile              *file,
                                                  GError            **error);
CareImportFormat    care_import_detect_format    (GFile              *file,
                                                  GError            **error);

CareImportExisting *care_import_existing_new     (void);
CareImportExisting *care_import_existing_new_for_record (CareCache  *cache,
                                                         CareOutbox *outbox,
                                                         GError    **error);
void                care_import_existing_free    (CareImportExisting *self);
void                care_import_existing_add     (CareImportExisting *self,
                                                  const CareImportReading *reading);
guint               care_import_existing_add_observation (CareImportExisting *self,
                                                          JsonObject         *observation);
gboolean            care_import_existing_contains (CareImportExisting      *self,
                                                   const CareImportReading *reading);

CareImportPreview  *care_import_read             (GFile              *file,
                                                  CareImportFormat    format,
                                                  const CareImportColumns *columns,
                                                  CareImportExisting *existing,
                                                  gboolean            keep_readings,
                                                  CareImportProgress  progress,
                                                  gpointer            progress_data,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

void                care_import_read_async       (GFile              *file,
                                                  CareImportFormat    format,
                                                  const CareImportColumns *columns,
                                                  CareImportExisting *existing,
                                                  CareImportProgress  progress,
                                                  gpointer            progress_data,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
CareImportPreview  *care_import_read_finish      (GAsyncResult       *result,
                                                  GError            **error);

void                care_import_preview_free     (CareImportPreview  *self);
CareImportFormat    care_import_preview_get_format (CareImportPreview *self);
guint               care_import_preview_get_count  (CareImportPreview *self,
                                                    CareImportKind     kind);
guint               care_import_preview_get_n_new  (CareImportPreview *self);
guint               care_import_preview_get_n_duplicates (CareImportPreview *self);
guint               care_import_preview_get_n_implausible (CareImportPreview *self);
guint               care_import_preview_get_n_unreadable (CareImportPreview *self);
gboolean            care_import_preview_get_range  (CareImportPreview *self,
                                                    gint64            *out_first,
                                                    gint64            *out_last);
GPtrArray          *care_import_preview_get_implausible (CareImportPreview *self);
const CareImportReading *care_import_preview_get_readings (CareImportPreview *self,
                                                           guint             *out_n);
char               *care_import_preview_dup_source (CareImportPreview *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareImportExisting, care_import_existing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareImportPreview, care_import_preview_free)

G_END_DECLS
