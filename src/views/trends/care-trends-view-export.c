/* care-trends-view-export.c — saving a trend as PNG, SVG or CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The images are the chart's own drawing (care_trend_chart_save(), core's
 * export code); the CSV is core's care_series_to_csv(). Files are made
 * readable only by the user: they hold health data.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-trends-view-private.h"
#include "care-save-dialog.h"

static void
show_export_result (CareTrendsView *self,
                    GFile          *file,
                    const GError   *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    /* Translators: %s says why a chart could not be saved */
    text = g_strdup_printf (_("Could not export: %s"), error->message);
  else
    text = care_save_dialog_dup_saved_text (file);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
csv_exported_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  CareTrendsView *self = CARE_TRENDS_VIEW (source);

  if (!care_trends_view_export_csv_finish (self, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_export_result (self, file, error);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        CareTrendsView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (g_strcmp0 (self->export_format, "csv") == 0)
    {
      /* Not the view's cancellable: a sync that reloads the list must not
       * stop a file being written. */
      care_trends_view_export_csv_async (self, file, NULL, csv_exported_cb, g_object_ref (file));
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Choose a folder on this computer."));
  else
    care_trend_chart_save (self->chart, path, &error);
  show_export_result (self, file, error);
}

static char *
dup_file_name (CareTrendItem *item,
               const char    *extension)
{
  g_autofree char *name = g_strdup (care_trend_item_get_title (item));

  /* Some names hold slashes ("Hemoglobin A1c/Hemoglobin.total"). */
  g_strdelimit (name, "/\\:", '-');
  return g_strdup_printf ("%s.%s", name, extension);
}

void
care_trends_view_export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CareTrendsView *self = CARE_TRENDS_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->selected == NULL || self->chooser != NULL)
    return;
  if (!g_str_equal (format, "png") && !g_str_equal (format, "svg") && !g_str_equal (format, "csv"))
    return;

  g_free (self->export_format);
  self->export_format = g_strdup (format);
  name = dup_file_name (self->selected, format);
  self->chooser = care_save_dialog_new (widget, _("Export Chart"), _("_Export"), name);
  if (g_str_equal (format, "png"))
    {
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
    }
  else if (g_str_equal (format, "svg"))
    {
      gtk_file_filter_set_name (filter, _("SVG images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
csv_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * care_trends_view_export_csv_async:
 * @self: the view
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Writes the measurement on the chart as CSV (care_series_to_csv()),
 * readable only by the user, as everything with health data is.
 */
void
care_trends_view_export_csv_async (CareTrendsView      *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (CARE_IS_TRENDS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_trends_view_export_csv_async);

  if (self->selected == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%s", _("Choose a measurement to export."));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (care_trend_item_get_series (self->selected)); i++)
    g_ptr_array_add (series, g_list_model_get_item (care_trend_item_get_series (self->selected), i));
  text = care_series_to_csv ((CareSeries **) series->pdata, series->len);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, csv_written_cb, g_steal_pointer (&task));
}

gboolean
care_trends_view_export_csv_finish (CareTrendsView  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
