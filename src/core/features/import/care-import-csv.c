/* care-import-csv.c — readings from a plain CSV file: date, kind, value, unit
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a spreadsheet or a small device's app writes: one reading a line.
 * The separator is a comma, a semicolon or a tab (whichever the first
 * line has most of); a header line names the columns in any order
 * ("Date", "Type", "Reading", "Units"…); without one the order is date,
 * kind, value, unit. A blood pressure's value is "128/82". With a
 * semicolon or a tab as separator a decimal comma ("81,4") is read too.
 * Read a line at a time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-import-private.h"

/* A line longer than this is not a reading. */
#define MAX_LINE (16 * 1024)

static const char * const date_names[] = { "date", "time", "datetime", "date/time", "date time", "timestamp",
                                           "when", "start", "startdate", "start date", "measured", NULL };
static const char * const kind_names[] = { "kind", "type", "measurement", "metric", "name", "what", NULL };
static const char * const value_names[] = { "value", "reading", "amount", "result", "measure", NULL };
static const char * const unit_names[] = { "unit", "units", "uom", NULL };

static char
detect_separator (const char *line)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        commas += *p == ',', semicolons += *p == ';', tabs += *p == '\t';
    }
  if (tabs >= commas && tabs >= semicolons && tabs > 0)
    return '\t';
  return semicolons > commas ? ';' : ',';
}

/* Fields of one line, quotes ("a, b", "say ""hi""") undone. */
static GPtrArray *
split_fields (const char *line,
              char        separator)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (*p == '\0' || (*p == separator && !quoted))
        {
          g_ptr_array_add (fields, g_strstrip (g_string_free (g_steal_pointer (&field), FALSE)));
          if (*p == '\0')
            break;
          field = g_string_new (NULL);
        }
      else if (*p == '"' && quoted && p[1] == '"')
        g_string_append_c (field, *++p);
      else if (*p == '"')
        quoted = !quoted;
      else if (*p != '\r')
        g_string_append_c (field, *p);
    }
  return fields;
}

static gboolean
name_in (const char         *cell,
         const char * const *names)
{
  g_autofree char *lower = g_utf8_strdown (cell, -1);

  return g_strv_contains (names, g_strstrip (lower));
}

/**
 * care_import_columns_detect:
 * @line: the CSV file's first line
 * @out_columns: (out): where each column is
 *
 * Reads a header line naming the columns, else takes date, kind, value,
 * unit in that order.
 *
 * Returns: whether @line is a header
 */
gboolean
care_import_columns_detect (const char        *line,
                            CareImportColumns *out_columns)
{
  g_autoptr(GPtrArray) cells = split_fields (line, detect_separator (line));
  CareImportColumns columns = { -1, -1, -1, -1, FALSE };

  for (guint i = 0; i < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);

      if (columns.date < 0 && name_in (cell, date_names))
        columns.date = i;
      else if (columns.kind < 0 && name_in (cell, kind_names))
        columns.kind = i;
      else if (columns.value < 0 && name_in (cell, value_names))
        columns.value = i;
      else if (columns.unit < 0 && name_in (cell, unit_names))
        columns.unit = i;
    }
  if (columns.date >= 0 || columns.kind >= 0 || columns.value >= 0)
    {
      columns.has_header = TRUE;
      *out_columns = columns;
      return TRUE;
    }
  *out_columns = (CareImportColumns) { 0, 1, 2, cells->len > 3 ? 3 : -1, FALSE };
  return FALSE;
}

static gboolean
parse_number (char       *text,
              char        separator,
              double     *out)
{
  char *end = NULL;

  if (separator != ',')
    g_strdelimit (text, ",", '.');
  *out = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != text && end != NULL && *end == '\0';
}

static const char *
field (GPtrArray *fields,
       int        column)
{
  return column >= 0 && (guint) column < fields->len ? g_ptr_array_index (fields, column) : NULL;
}

static gboolean
read_row (GPtrArray               *fields,
          const CareImportColumns *columns,
          char                     separator,
          CareImportReading       *reading)
{
  const char *date = field (fields, columns->date);
  const char *kind = field (fields, columns->kind);
  const char *value = field (fields, columns->value);
  const char *unit = field (fields, columns->unit);
  g_autofree char *first = NULL;
  char *slash;
  double number;

  if (date == NULL || kind == NULL || value == NULL || !care_import_kind_from_string (kind, &reading->kind) ||
      !care_import_parse_time (date, &reading->time, &reading->utc_offset))
    return FALSE;
  first = g_strdup (value);
  slash = strchr (first, '/');
  if (reading->kind == CARE_IMPORT_BLOOD_PRESSURE)
    {
      if (slash == NULL)
        return FALSE;
      *slash = '\0';
      if (!parse_number (slash + 1, separator, &number) ||
          !care_import_normalise_value (reading->kind, number, unit, &reading->value2))
        return FALSE;
    }
  else if (slash != NULL)
    return FALSE;
  return parse_number (first, separator, &number) &&
         care_import_normalise_value (reading->kind, number, unit, &reading->value);
}

/**
 * care_import_csv_read:
 * @file: a CSV file
 * @columns: (nullable): where each column is; %NULL to read the header
 * @preview: what is read goes here
 * @progress: (nullable): told how far, now and then
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the reading
 * @error: a #CARE_IMPORT_ERROR, a #GIOError
 *
 * Returns: whether the whole file was read
 */
gboolean
care_import_csv_read (GFile                   *file,
                      const CareImportColumns *columns,
                      CareImportPreview       *preview,
                      CareImportProgress       progress,
                      gpointer                 progress_data,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *name = g_file_get_basename (file);
  CareImportColumns found;
  goffset size, done = 0;
  char separator = ',';
  guint line = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  stream = info != NULL ? g_file_read (file, cancellable, error) : NULL;
  if (stream == NULL)
    return FALSE;
  size = g_file_info_get_size (info);
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  care_import_preview_set_source (preview, name);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;
      CareImportReading reading = { 0 };

      text = g_data_input_stream_read_line (lines, &length, cancellable, &local_error);
      if (text == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (text == NULL)
        break;
      done += length + 1;
      line++;
      if (line == 1)
        {
          if (!g_utf8_validate (text, length, NULL) || memchr (text, '\0', length) != NULL)
            {
              g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT,
                                   _("This file is not a CSV file of readings."));
              return FALSE;
            }
          separator = detect_separator (text);
          care_import_columns_detect (text, &found);
          if (columns != NULL)
            found = *columns;
          /* A first line that is neither a header Carebook understands nor a
           * reading is a header naming the columns in words it does not know:
           * the person says which is which. */
          if (found.date >= 0 && (columns != NULL || !found.has_header))
            {
              g_autoptr(GPtrArray) cells = split_fields (text, separator);
              const char *date = field (cells, found.date);
              gint64 time;
              int offset;

              found.has_header = date == NULL || !care_import_parse_time (date, &time, &offset);
              if (found.has_header && columns == NULL)
                found.date = -1;
            }
          if (found.date < 0 || found.kind < 0 || found.value < 0)
            {
              g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_COLUMNS,
                                   _("Choose which columns hold the date, the kind of reading and the value."));
              return FALSE;
            }
          if (found.has_header)
            continue;
        }
      if (line % CARE_IMPORT_CHECK_EVERY == 0)
        {
          if (progress != NULL && size > 0)
            progress (MIN (1.0, (double) done / size), progress_data);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      if (length == 0 || g_strstrip (text)[0] == '\0')
        continue;
      if (length > MAX_LINE || !g_utf8_validate (text, -1, NULL))
        {
          care_import_preview_unreadable (preview, line);
          continue;
        }
      fields = split_fields (text, separator);
      if (read_row (fields, &found, separator, &reading))
        care_import_preview_take (preview, &reading, line);
      else
        care_import_preview_unreadable (preview, line);
    }
  if (line == 0)
    {
      g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT, _("This file is empty."));
      return FALSE;
    }
  care_import_preview_finish (preview);
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/**
 * care_import_peek_csv_header:
 * @file: a CSV file
 * @error: a #GIOError
 *
 * Returns: (transfer full): its first line, for a dialog that maps its columns
 */
char *
care_import_peek_csv_header (GFile   *file,
                             GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GDataInputStream) lines = NULL;
  char *text;

  if (stream == NULL)
    return NULL;
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  text = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, error);
  if (text == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT, _("This file is empty."));
  return text;
}

/**
 * care_import_csv_split:
 * @line: a CSV line (the header)
 *
 * Returns: (transfer full): its cells, for naming the columns in a dialog
 */
GStrv
care_import_csv_split (const char *line)
{
  g_autoptr(GPtrArray) cells = split_fields (line, detect_separator (line));

  g_ptr_array_add (cells, NULL);
  return (GStrv) g_ptr_array_steal (cells, NULL);
}
