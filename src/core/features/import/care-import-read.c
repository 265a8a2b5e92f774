/* care-import-read.c — which importer reads a file, in a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-import-private.h"

/**
 * care_import_detect_format:
 * @file: a file the person chose
 * @error: a #GIOError, or %CARE_IMPORT_ERROR_FORMAT
 *
 * A zip or an XML file is taken for Apple Health's export; text for CSV.
 *
 * Returns: the format, or %CARE_IMPORT_FORMAT_AUTO on error
 */
CareImportFormat
care_import_detect_format (GFile   *file,
                           GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  char start[512] = { 0 };
  gsize n = 0;
  const char *p = start;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), start, sizeof start - 1, &n, NULL, error))
    return CARE_IMPORT_FORMAT_AUTO;
  if (n >= 4 && memcmp (start, "PK\x03\x04", 4) == 0)
    return CARE_IMPORT_FORMAT_APPLE_HEALTH;
  if (n >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '<')
    return CARE_IMPORT_FORMAT_APPLE_HEALTH;
  if (n > 0 && memchr (start, '\0', n) == NULL)
    return CARE_IMPORT_FORMAT_CSV;
  g_set_error_literal (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT,
                       n == 0 ? _("This file is empty.")
                              : _("This file is neither an Apple Health export nor a CSV file of readings."));
  return CARE_IMPORT_FORMAT_AUTO;
}

/**
 * care_import_read:
 * @file: an Apple Health export (zip or XML) or a CSV file
 * @format: its format, or %CARE_IMPORT_FORMAT_AUTO
 * @columns: (nullable): for a CSV file, where each column is; %NULL to read its header
 * @existing: (nullable): what is on file: those readings are duplicates
 * @keep_readings: keep the new readings, to send them; %FALSE only counts
 * @progress: (nullable): told how far, from this thread, now and then
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the reading
 * @error: a #CARE_IMPORT_ERROR, a #GIOError, or %G_IO_ERROR_CANCELLED
 *
 * Reads the file as a stream, blocking: call it in a worker thread (or
 * use care_import_read_async()).
 *
 * Returns: (transfer full): what the file holds
 */
CareImportPreview *
care_import_read (GFile                   *file,
                  CareImportFormat         format,
                  const CareImportColumns *columns,
                  CareImportExisting      *existing,
                  gboolean                 keep_readings,
                  CareImportProgress       progress,
                  gpointer                 progress_data,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(CareImportPreview) preview = NULL;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (format == CARE_IMPORT_FORMAT_AUTO)
    format = care_import_detect_format (file, error);
  if (format == CARE_IMPORT_FORMAT_AUTO)
    return NULL;
  preview = care_import_preview_new (format, existing, keep_readings);
  if (format == CARE_IMPORT_FORMAT_APPLE_HEALTH)
    ok = care_import_apple_read (file, preview, progress, progress_data, cancellable, error);
  else
    ok = care_import_csv_read (file, columns, preview, progress, progress_data, cancellable, error);
  return ok ? g_steal_pointer (&preview) : NULL;
}

typedef struct
{
  GFile              *file;
  CareImportFormat    format;
  CareImportColumns   columns;
  gboolean            has_columns;
  CareImportExisting *existing;
  CareImportProgress  progress;
  gpointer            progress_data;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_object_unref (data->file);
  care_import_existing_free (data->existing);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  CareImportPreview *preview;

  preview = care_import_read (data->file, data->format, data->has_columns ? &data->columns : NULL,
                              data->existing, TRUE, data->progress, data->progress_data, cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) care_import_preview_free);
}

/**
 * care_import_read_async:
 * @file: an Apple Health export (zip or XML) or a CSV file
 * @format: its format, or %CARE_IMPORT_FORMAT_AUTO
 * @columns: (nullable): for a CSV file, where each column is
 * @existing: (nullable) (transfer full): what is on file
 * @progress: (nullable): called in the worker thread: hand it to the main context yourself
 * @progress_data: for @progress; must outlive the call
 * @cancellable: (nullable): stops the reading
 * @callback: called when done
 * @user_data: for @callback
 *
 * care_import_read() in a worker thread, the readings kept.
 */
void
care_import_read_async (GFile                   *file,
                        CareImportFormat         format,
                        const CareImportColumns *columns,
                        CareImportExisting      *existing,
                        CareImportProgress       progress,
                        gpointer                 progress_data,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, care_import_read_async);
  data->file = g_object_ref (file);
  data->format = format;
  if (columns != NULL)
    {
      data->columns = *columns;
      data->has_columns = TRUE;
    }
  data->existing = existing;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

CareImportPreview *
care_import_read_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
add_observation_cb (const char *type,
                    const char *id,
                    const char *json,
                    gpointer    user_data)
{
  g_autoptr(JsonNode) node = NULL;

  if (!g_str_equal (type, "Observation"))
    return TRUE;
  node = json_from_string (json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    care_import_existing_add_observation (user_data, json_node_get_object (node));
  return TRUE;
}

/**
 * care_import_existing_new_for_record:
 * @cache: the person's offline copy
 * @outbox: (nullable): what waits to be sent
 * @error: a #CARE_CACHE_ERROR
 *
 * What is on file: the record's Observations of the kinds a file holds,
 * and those waiting in the outbox (an import run twice adds nothing).
 * On the main thread, as the cache's connection is.
 *
 * Returns: (transfer full): what is on file, or %NULL on error
 */
CareImportExisting *
care_import_existing_new_for_record (CareCache  *cache,
                                     CareOutbox *outbox,
                                     GError    **error)
{
  g_autoptr(CareImportExisting) existing = care_import_existing_new ();

  if (!care_cache_foreach_json (cache, add_observation_cb, existing, error))
    return NULL;
  for (guint i = 0; outbox != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (outbox)); i++)
    {
      g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (outbox), i);

      if (g_strcmp0 (care_outbox_entry_get_resource_type (entry), "Observation") == 0 &&
          care_outbox_entry_get_state (entry) != CARE_OUTBOX_REFUSED)
        add_observation_cb ("Observation", NULL, care_outbox_entry_get_json (entry), existing);
    }
  return g_steal_pointer (&existing);
}
