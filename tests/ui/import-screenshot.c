/* import-screenshot.c — the import dialog's preview, for data/screenshots/import*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   import-screenshot WIDTH HEIGHT FILE [columns]
 *
 * Signs the demo family in, shows the window and the import dialog on
 * FILE's preview (or, with "columns", on a CSV file's columns page), until
 * killed, for `import -window root` under Xvfb. LANGUAGE=es and
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "care-import-dialog.h"
#include "care-window.h"

#include "care-test-family.h"

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareImportDialog *dialog;
  CareWindow *window;
  g_autoptr(GFile) file = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAREBOOK_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  if (argc < 4)
    return 2;
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      RESOURCE_PATH "/icons");
  }

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");

  window = care_window_new (NULL, family.context);
  gtk_window_set_default_size (GTK_WINDOW (window), atoi (argv[1]), atoi (argv[2]));
  gtk_window_present (GTK_WINDOW (window));
  dialog = care_import_dialog_new (GTK_WINDOW (window), care_context_get_record (family.context));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (560, atoi (argv[1])), MIN (640, atoi (argv[2]) - 40));
  gtk_window_present (GTK_WINDOW (dialog));
  file = g_file_new_for_commandline_arg (argv[3]);
  care_import_dialog_open_file (dialog, file);
  if (argc < 5 && g_strcmp0 (care_import_dialog_get_page (dialog), "columns") == 0)
    care_import_dialog_read_columns (dialog);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
