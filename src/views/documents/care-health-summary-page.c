/* care-health-summary-page.c — the health summary, exported or printed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issues, medications, allergies, immunizations and preventive care on
 * one page, read from the offline copy (CareHealthSummary in core). From
 * here the summary is exported as a PDF (drawn by core), the whole record
 * as a FHIR collection Bundle (the same export as carebook-cli's), or
 * printed with the PDF's own pages. Exported files are 0600, and each
 * export is written to the record's local access log.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "care-access-log.h"
#include "care-health-summary-page.h"
#include "care-paths.h"
#include "care-save-dialog.h"

typedef enum
{
  EXPORT_PDF,
  EXPORT_BUNDLE,
} ExportKind;

struct _CareHealthSummaryPage
{
  GtkBox             parent_instance;

  GtkWidget         *back_button;
  GtkWidget         *content;
  CareRecord        *record;
  CareHealthSummary *summary;
  ExportKind         export_kind;   /* of the (modal) file chooser open */
};

G_DEFINE_FINAL_TYPE (CareHealthSummaryPage, care_health_summary_page, GTK_TYPE_BOX)

static void
log_export (CareHealthSummaryPage *self,
            const char            *path)
{
  CareCache *cache = self->record != NULL ? care_record_get_cache (self->record) : NULL;
  g_autofree char *folder = cache != NULL ? g_path_get_dirname (care_cache_get_path (cache)) : NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (folder != NULL)
    care_access_log_append (folder, CARE_ACCESS_EVENT_EXPORT, name, NULL);
}

/**
 * care_health_summary_page_export_pdf:
 * @self: a #CareHealthSummaryPage showing a record
 * @path: where to write the PDF
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
care_health_summary_page_export_pdf (CareHealthSummaryPage  *self,
                                     const char             *path,
                                     GError                **error)
{
  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->summary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no record to export."));
      return FALSE;
    }
  if (!care_health_summary_write_pdf (self->summary, path, error))
    return FALSE;
  log_export (self, path);
  return TRUE;
}

/**
 * care_health_summary_page_export_bundle:
 * @self: a #CareHealthSummaryPage showing a record
 * @path: where to write the Bundle
 * @out_n_resources: (out) (optional): how many resources it holds
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
care_health_summary_page_export_bundle (CareHealthSummaryPage  *self,
                                        const char             *path,
                                        guint                  *out_n_resources,
                                        GError                **error)
{
  CareCache *cache;
  g_autofree char *bundle = NULL;

  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  cache = self->record != NULL ? care_record_get_cache (self->record) : NULL;
  if (cache == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no record to export."));
      return FALSE;
    }
  bundle = care_cache_dup_bundle (cache, out_n_resources, error);
  if (bundle == NULL || !care_paths_write_private_file (path, bundle, -1, error))
    return FALSE;
  log_export (self, path);
  return TRUE;
}

static void
show_message (CareHealthSummaryPage *self,
              const char            *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The Export Failed"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog       *dialog,
                    int                    response,
                    CareHealthSummaryPage *self)
{
  ExportKind kind = self->export_kind;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = path != NULL && (kind == EXPORT_PDF ? care_health_summary_page_export_pdf (self, path, &error)
                                               : care_health_summary_page_export_bundle (self, path, NULL, &error));
      if (!ok)
        show_message (self, error != NULL ? error->message : _("The file could not be written there."));
      else
        care_save_dialog_show_saved (GTK_WIDGET (self), file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CareHealthSummaryPage *self = CARE_HEALTH_SUMMARY_PAGE (widget);
  ExportKind kind = g_str_equal (action_name, "summary.export-pdf") ? EXPORT_PDF : EXPORT_BUNDLE;
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const char *person = self->summary != NULL ? care_health_summary_get_person_name (self->summary) : "";

  /* Translators: a file name; %s is a person's name */
  name = g_strdup_printf (kind == EXPORT_PDF ? _("Health Summary of %s.pdf") : _("Health Record of %s.json"),
                          person);
  g_strdelimit (name, "/\\:", '-');
  dialog = care_save_dialog_new (widget, kind == EXPORT_PDF ? _("Export as PDF") : _("Export as FHIR Bundle"),
                                 _("_Export"), name);
  self->export_kind = kind;
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
begin_print_cb (GtkPrintOperation     *operation,
                GtkPrintContext       *context,
                CareHealthSummaryPage *self)
{
  gtk_print_operation_set_n_pages (operation,
                                   care_health_summary_paginate (self->summary,
                                                                 gtk_print_context_get_cairo_context (context),
                                                                 gtk_print_context_get_width (context),
                                                                 gtk_print_context_get_height (context)));
}

static void
draw_page_cb (GtkPrintOperation     *operation,
              GtkPrintContext       *context,
              int                    page_nr,
              CareHealthSummaryPage *self)
{
  care_health_summary_draw_page (self->summary, gtk_print_context_get_cairo_context (context), page_nr,
                                 gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CareHealthSummaryPage *self = CARE_HEALTH_SUMMARY_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->summary == NULL)
    return;
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("Health Summary"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, error->message);
}

static GtkWidget *
create_toolbar (CareHealthSummaryPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                   "label", _("Health Summary"),
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_widget_add_css_class (toolbar, "view-toolbar");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "documents.back");
  gtk_widget_set_tooltip_text (back, _("Back to Visits & Documents"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to Visits & Documents"), -1);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");

  g_menu_append (menu, _("Export as _PDF…"), "summary.export-pdf");
  g_menu_append (menu, _("Export as _FHIR Bundle…"), "summary.export-bundle");
  g_menu_append (menu, _("_Print…"), "summary.print");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Export"));
  gtk_widget_set_tooltip_text (menu_button, _("Export or print the summary"));

  gtk_box_append (GTK_BOX (toolbar), back);
  self->back_button = back;
  gtk_box_append (GTK_BOX (toolbar), title);
  gtk_box_append (GTK_BOX (toolbar), menu_button);
  return toolbar;
}

static void
care_health_summary_page_dispose (GObject *object)
{
  CareHealthSummaryPage *self = CARE_HEALTH_SUMMARY_PAGE (object);

  g_clear_object (&self->record);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (care_health_summary_page_parent_class)->dispose (object);
}

static void
care_health_summary_page_class_init (CareHealthSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_health_summary_page_dispose;

  gtk_widget_class_install_action (widget_class, "summary.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "summary.export-bundle", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "summary.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "summary.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "documents.back", NULL);
}

static void
care_health_summary_page_init (CareHealthSummaryPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_append (GTK_BOX (self), create_toolbar (self));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 18);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self), scroller);
}

GtkWidget *
care_health_summary_page_new (void)
{
  return g_object_new (CARE_TYPE_HEALTH_SUMMARY_PAGE, NULL);
}

static void
fill (CareHealthSummaryPage *self)
{
  GtkWidget *child;
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name;
  GtkWidget *date;
  g_autofree char *date_text = NULL;
  g_autofree char *made = NULL;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);

  name = gtk_label_new (care_health_summary_get_person_name (self->summary));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "title-2");
  date_text = care_health_summary_dup_date_text (self->summary);
  /* Translators: %s is a date */
  made = g_strdup_printf (_("From your offline record, %s"), date_text);
  date = gtk_label_new (made);
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_label_set_wrap (GTK_LABEL (date), TRUE);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), date);
  gtk_box_append (GTK_BOX (self->content), header);

  for (guint s = 0; s < care_health_summary_get_n_sections (self->summary); s++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      guint n = care_health_summary_get_n_items (self->summary, s);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       care_health_summary_get_section_title (self->summary, s));
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         care_health_summary_get_item_title (self->summary, s, i));
          if (care_health_summary_get_item_detail (self->summary, s, i) != NULL)
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                         care_health_summary_get_item_detail (self->summary, s, i));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      if (n == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               care_health_summary_get_section_note (self->summary, s));
      gtk_box_append (GTK_BOX (self->content), group);
    }
}

/**
 * care_health_summary_page_show_record:
 * @self: a #CareHealthSummaryPage
 * @record: (nullable): the record on screen
 * @today: the date the summary is made on
 */
void
care_health_summary_page_show_record (CareHealthSummaryPage *self,
                                      CareRecord            *record,
                                      GDate                 *today)
{
  CareCache *cache;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARE_IS_HEALTH_SUMMARY_PAGE (self));

  g_set_object (&self->record, record);
  g_clear_object (&self->summary);
  cache = record != NULL ? care_record_get_cache (record) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.export-pdf", cache != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.export-bundle", cache != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.print", cache != NULL);
  if (cache == NULL)
    return;

  self->summary = care_health_summary_new (care_person_get_display_name (care_record_get_person (record)), today);
  if (!care_health_summary_load (self->summary, cache, &error))
    g_debug ("The health summary could not be read: %s", error->message);
  fill (self);
}

/**
 * care_health_summary_page_get_summary:
 * @self: a #CareHealthSummaryPage
 *
 * Returns: (transfer none) (nullable): what it shows
 */
CareHealthSummary *
care_health_summary_page_get_summary (CareHealthSummaryPage *self)
{
  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY_PAGE (self), NULL);
  return self->summary;
}

/**
 * care_health_summary_page_set_show_back:
 * @self: a #CareHealthSummaryPage
 * @show_back: whether the toolbar has its own Back button
 *
 * A folded window carries Back in its header instead.
 */
void
care_health_summary_page_set_show_back (CareHealthSummaryPage *self,
                                        gboolean               show_back)
{
  g_return_if_fail (CARE_IS_HEALTH_SUMMARY_PAGE (self));

  gtk_widget_set_visible (self->back_button, show_back);
}
