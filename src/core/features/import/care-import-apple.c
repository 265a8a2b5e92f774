/* care-import-apple.c — readings from Apple Health's export, streamed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * iPhone's Health app exports a zip (`apple_health_export/export.xml`
 * beside `export_cda.xml`, workout routes and ECGs). export.xml is one
 * <HealthData> element with a <Record> per sample, often hundreds of
 * megabytes: libarchive hands out the zip entry's inflated bytes as they
 * come, and libxml2's xmlTextReader reads the XML from them one node at a
 * time, so neither the zip nor the XML is ever whole in memory.
 *
 * A blood pressure is a <Correlation type="HKCorrelationTypeIdentifierBloodPressure">
 * holding a systolic and a diastolic <Record>: it becomes one reading. The
 * same two Records are exported again outside the correlation; those are
 * left out. Step counts come in pieces of a few minutes and are added up
 * per day.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "care-import-private.h"

#define BLOOD_PRESSURE "HKCorrelationTypeIdentifierBloodPressure"
#define SYSTOLIC "HKQuantityTypeIdentifierBloodPressureSystolic"
#define DIASTOLIC "HKQuantityTypeIdentifierBloodPressureDiastolic"

static const struct { const char *type; CareImportKind kind; } record_kinds[] = {
  { "HKQuantityTypeIdentifierHeartRate", CARE_IMPORT_HEART_RATE },
  { "HKQuantityTypeIdentifierStepCount", CARE_IMPORT_STEPS },
  { "HKQuantityTypeIdentifierBodyMass", CARE_IMPORT_WEIGHT },
  { "HKQuantityTypeIdentifierHeight", CARE_IMPORT_HEIGHT },
  { "HKQuantityTypeIdentifierOxygenSaturation", CARE_IMPORT_OXYGEN_SATURATION },
  { "HKQuantityTypeIdentifierBloodGlucose", CARE_IMPORT_GLUCOSE },
  { "HKQuantityTypeIdentifierBodyTemperature", CARE_IMPORT_TEMPERATURE },
};

typedef struct
{
  struct archive *archive;   /* the zip, or NULL for a bare export.xml */
  GInputStream   *stream;    /* the bare export.xml */
  GCancellable   *cancellable;
  goffset         size;
  guint64         bytes;
  gboolean        cancelled;
  gboolean        failed;
} Source;

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  Source *source = context;

  if (g_cancellable_is_cancelled (source->cancellable))
    {
      source->cancelled = TRUE;
      return -1;
    }
  if (source->archive != NULL)
    {
      la_ssize_t n = archive_read_data (source->archive, buffer, len);

      if (n < 0)
        source->failed = TRUE;
      return n < 0 ? -1 : (int) n;
    }
  else
    {
      gssize n = g_input_stream_read (source->stream, buffer, len, NULL, NULL);

      if (n < 0)
        source->failed = TRUE;
      else
        source->bytes += n;
      return n < 0 ? -1 : (int) n;
    }
}

static double
source_fraction (Source *source)
{
  guint64 done = source->archive != NULL ? (guint64) archive_filter_bytes (source->archive, -1) : source->bytes;

  return source->size > 0 ? MIN (1.0, (double) done / source->size) : 0.0;
}

/* libxml2 would print to stderr, and a message could quote the file. */
static void
quiet_cb (void                   *arg,
          const char             *msg,
          xmlParserSeverities     severity,
          xmlTextReaderLocatorPtr locator)
{
}

static gboolean
find_export (struct archive *archive,
             GError        **error)
{
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *path = archive_entry_pathname (entry);
      const char *slash = path != NULL ? strrchr (path, '/') : NULL;
      const char *name = slash != NULL ? slash + 1 : path;

      if (name != NULL && g_str_equal (name, "export.xml") && archive_entry_filetype (entry) == AE_IFREG)
        return TRUE;
      archive_read_data_skip (archive);
    }
  if (rc == ARCHIVE_EOF)
    g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_NO_EXPORT,
                         _("This zip file has no Apple Health export in it (export.xml)."));
  else
    g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_MALFORMED,
                         _("This zip file is damaged or cut short."));
  return FALSE;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

typedef struct
{
  char *type;
  char *unit;
  char *value;
  char *start;
} Attributes;

static void
attributes_clear (Attributes *attributes)
{
  g_clear_pointer (&attributes->type, xmlFree);
  g_clear_pointer (&attributes->unit, xmlFree);
  g_clear_pointer (&attributes->value, xmlFree);
  g_clear_pointer (&attributes->start, xmlFree);
}

static void
read_attributes (xmlTextReaderPtr reader,
                 Attributes      *attributes)
{
  /* One pass over the element's attributes rather than a search per name. */
  attributes_clear (attributes);
  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      char **slot = NULL;

      if (g_str_equal (name, "type"))
        slot = &attributes->type;
      else if (g_str_equal (name, "unit"))
        slot = &attributes->unit;
      else if (g_str_equal (name, "value"))
        slot = &attributes->value;
      else if (g_str_equal (name, "startDate"))
        slot = &attributes->start;
      if (slot != NULL)
        *slot = (char *) xmlTextReaderValue (reader);
    }
  xmlTextReaderMoveToElement (reader);
}

static gboolean
record_kind (const char     *type,
             CareImportKind *out_kind)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (record_kinds); i++)
    if (g_str_equal (type, record_kinds[i].type))
      {
        *out_kind = record_kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* A <Record> outside a blood-pressure correlation. */
static void
take_record (CareImportPreview *preview,
             CareImportKind     kind,
             Attributes        *attributes,
             guint              line)
{
  CareImportReading reading = { .kind = kind };
  double value;

  if (!parse_double (attributes->value, &value) ||
      !care_import_parse_time (attributes->start, &reading.time, &reading.utc_offset))
    {
      care_import_preview_unreadable (preview, line);
      return;
    }
  /* Apple keeps oxygen saturation as a fraction even with the unit "%". */
  if (kind == CARE_IMPORT_OXYGEN_SATURATION && value <= 1.0)
    value *= 100;
  if (!care_import_normalise_value (kind, value, attributes->unit, &reading.value))
    {
      care_import_preview_unreadable (preview, line);
      return;
    }
  care_import_preview_take (preview, &reading, line);
}

typedef struct
{
  gboolean          open;
  int               depth;
  guint             line;
  CareImportReading reading;
  gboolean          has_systolic, has_diastolic, broken;
} Correlation;

static void
correlation_end (CareImportPreview *preview,
                 Correlation       *bp)
{
  if (!bp->broken && bp->has_systolic && bp->has_diastolic)
    care_import_preview_take (preview, &bp->reading, bp->line);
  else
    care_import_preview_unreadable (preview, bp->line);
  bp->open = FALSE;
}

static void
correlation_record (Correlation *bp,
                    Attributes  *attributes)
{
  gboolean systolic = g_strcmp0 (attributes->type, SYSTOLIC) == 0;
  double value;

  if (!systolic && g_strcmp0 (attributes->type, DIASTOLIC) != 0)
    return;
  if (!parse_double (attributes->value, &value) ||
      !care_import_normalise_value (CARE_IMPORT_BLOOD_PRESSURE, value, attributes->unit, &value))
    {
      bp->broken = TRUE;
      return;
    }
  if (systolic)
    {
      bp->reading.value = value;
      bp->has_systolic = TRUE;
    }
  else
    {
      bp->reading.value2 = value;
      bp->has_diastolic = TRUE;
    }
}

static gboolean
read_xml (Source            *source,
          CareImportPreview *preview,
          CareImportProgress progress,
          gpointer           progress_data,
          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  xmlTextReaderPtr reader;
  Attributes attributes = { 0 };
  Correlation bp = { 0 };
  gboolean seen_health_data = FALSE;
  guint64 n = 0;
  int rc;

  /* No network, no external DTD, no entity substitution: the file is data. */
  reader = xmlReaderForIO (read_cb, NULL, source, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (reader == NULL)
    {
      g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_MALFORMED,
                           _("This Apple Health export could not be read."));
      return FALSE;
    }
  xmlTextReaderSetErrorHandler (reader, quiet_cb, NULL);

  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *name;

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (bp.open && xmlTextReaderDepth (reader) == bp.depth)
            correlation_end (preview, &bp);
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (++n % CARE_IMPORT_CHECK_EVERY == 0 && progress != NULL)
        progress (source_fraction (source), progress_data);

      name = (const char *) xmlTextReaderConstLocalName (reader);
      if (!seen_health_data)
        {
          if (!g_str_equal (name, "HealthData"))
            break;
          seen_health_data = TRUE;
          continue;
        }
      if (g_str_equal (name, "Record"))
        {
          CareImportKind kind;

          read_attributes (reader, &attributes);
          if (bp.open)
            correlation_record (&bp, &attributes);
          else if (record_kind (attributes.type, &kind))
            take_record (preview, kind, &attributes, xmlTextReaderGetParserLineNumber (reader));
        }
      else if (g_str_equal (name, "Correlation") && !bp.open)
        {
          read_attributes (reader, &attributes);
          if (g_strcmp0 (attributes.type, BLOOD_PRESSURE) != 0)
            continue;
          memset (&bp, 0, sizeof bp);
          bp.reading.kind = CARE_IMPORT_BLOOD_PRESSURE;
          bp.line = xmlTextReaderGetParserLineNumber (reader);
          bp.depth = xmlTextReaderDepth (reader);
          bp.broken = !care_import_parse_time (attributes.start, &bp.reading.time, &bp.reading.utc_offset);
          bp.open = TRUE;
          if (xmlTextReaderIsEmptyElement (reader))
            correlation_end (preview, &bp);
        }
    }
  attributes_clear (&attributes);
  xmlFreeTextReader (reader);

  if (source->cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled."));
      return FALSE;
    }
  if (rc == 1 && !seen_health_data)
    {
      /* Well-formed so far, but some other XML document. */
      g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT,
                           _("This is not an Apple Health export."));
      return FALSE;
    }
  if (rc != 0 || source->failed || !seen_health_data)
    {
      g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_MALFORMED,
                           _("This Apple Health export is damaged or cut short."));
      return FALSE;
    }
  care_import_preview_finish (preview);
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static gboolean
is_zip (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 magic[4] = { 0 };
  gsize n = 0;

  return stream != NULL && g_input_stream_read_all (G_INPUT_STREAM (stream), magic, 4, &n, NULL, NULL) &&
         n == 4 && memcmp (magic, "PK\x03\x04", 4) == 0;
}

/**
 * care_import_apple_read:
 * @file: Apple Health's export.zip, or the export.xml inside it
 * @preview: what is read goes here
 * @progress: (nullable): told how far, now and then
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the reading
 * @error: a #CARE_IMPORT_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Streams the export into @preview. Runs in a worker thread.
 *
 * Returns: whether the whole export was read
 */
gboolean
care_import_apple_read (GFile              *file,
                        CareImportPreview  *preview,
                        CareImportProgress  progress,
                        gpointer            progress_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *path = g_file_get_path (file);
  Source source = { .cancellable = cancellable };
  gboolean ok;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  source.size = g_file_info_get_size (info);
  care_import_preview_set_source (preview, "Apple Health");

  if (path != NULL && is_zip (file))
    {
      source.archive = archive_read_new ();
      archive_read_support_format_zip (source.archive);
      if (archive_read_open_filename (source.archive, path, 64 * 1024) != ARCHIVE_OK)
        {
          g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_MALFORMED,
                               _("This zip file is damaged or cut short."));
          archive_read_free (source.archive);
          return FALSE;
        }
      if (!find_export (source.archive, error))
        {
          archive_read_free (source.archive);
          return FALSE;
        }
      ok = read_xml (&source, preview, progress, progress_data, error);
      archive_read_free (source.archive);
      return ok;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  source.stream = G_INPUT_STREAM (stream);
  return read_xml (&source, preview, progress, progress_data, error);
}
