/* care-growth-view-print.c — printing and exporting a growth chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paper and files get the same drawing as the screen: core's
 * care_growth_chart_draw(), in the light style on paper, with the child's
 * name above it and the explanation of percentiles below.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-chart-style.h"
#include "care-chart-text.h"
#include "care-growth-chart-draw.h"
#include "care-growth-view-private.h"
#include "care-save-dialog.h"

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CareGrowthView    *self)
{
  const CareGrowthChartData *data = care_growth_chart_get_data (self->chart);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell 10");
  g_autofree char *heading = NULL;
  CareChartStyle style;
  int text_height;

  if (data == NULL)
    return;

  /* Paper is white: print in the light style, whatever the screen uses. */
  care_chart_style_init (&style, FALSE);
  style.background.alpha = 0;

  /* Translators: the heading of a printed growth chart: child's name, chart */
  heading = g_strdup_printf (_("%1$s — %2$s"), self->name != NULL ? self->name : "",
                             care_growth_chart_title (self->kind));
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (font, 14 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, heading, -1);
  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &text_height);

  cairo_save (cr);
  cairo_translate (cr, 0, text_height + 12);
  care_growth_chart_draw (cr, (int) width, (int) MIN (height * 0.62, width * 0.75), data, &style);
  cairo_restore (cr);

  cairo_move_to (cr, 0, text_height + 24 + MIN (height * 0.62, width * 0.75));
  pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size (font, 10 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, care_growth_percentile_explanation (), -1);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  pango_cairo_show_layout (cr, layout);
}

/**
 * care_growth_view_print:
 * @self: the view
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_path
 * @export_path: (nullable): the PDF to write when exporting
 * @error: return location for an error
 *
 * Prints the chart on screen, one page: the child's name and the chart's,
 * the chart, and what percentiles mean.
 *
 * Returns: the print operation's result
 */
GtkPrintOperationResult
care_growth_view_print (CareGrowthView           *self,
                        GtkPrintOperationAction   action,
                        const char               *export_path,
                        GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  if (care_growth_chart_get_data (self->chart) == NULL)
    return GTK_PRINT_OPERATION_RESULT_CANCEL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, care_growth_chart_title (self->kind));
  if (action == GTK_PRINT_OPERATION_ACTION_EXPORT)
    gtk_print_operation_set_export_filename (operation, export_path);
  else
    gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  return gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  error);
}

void
care_growth_view_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (care_growth_view_print (CARE_GROWTH_VIEW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                              NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_widget_activate_action (widget, "win.toast", "s", error->message);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        CareGrowthView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || care_growth_chart_get_data (self->chart) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Choose a folder on this computer."));
  else
    care_growth_chart_save (self->chart, path, &error);

  if (error != NULL)
    /* Translators: %s says why a chart could not be saved */
    text = g_strdup_printf (_("Could not export: %s"), error->message);
  else
    text = care_save_dialog_dup_saved_text (file);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

void
care_growth_view_export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CareGrowthView *self = CARE_GROWTH_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || care_growth_chart_get_data (self->chart) == NULL)
    return;
  if (!g_str_equal (format, "png") && !g_str_equal (format, "svg") && !g_str_equal (format, "pdf"))
    return;

  g_free (self->export_format);
  self->export_format = g_strdup (format);
  name = g_strdup_printf ("%s.%s", care_growth_chart_title (self->kind), format);
  self->chooser = care_save_dialog_new (widget, _("Export Chart"), _("_Export"), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
