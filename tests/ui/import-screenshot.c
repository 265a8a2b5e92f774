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

#include "care-import-dialog.h"

#include "care-screenshot.h"

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareImportDialog *dialog;
  CareWindow *window;
  g_autoptr(GFile) file = NULL;

  care_screenshot_init ();
  if (argc < 4)
    return 2;

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");

  window = care_screenshot_window (&family, argv[1], argv[2]);
  dialog = care_import_dialog_new (GTK_WINDOW (window), care_context_get_record (family.context));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (560, atoi (argv[1])), MIN (640, atoi (argv[2]) - 40));
  gtk_window_present (GTK_WINDOW (dialog));
  file = g_file_new_for_commandline_arg (argv[3]);
  care_import_dialog_open_file (dialog, file);
  if (argc < 5 && g_strcmp0 (care_import_dialog_get_page (dialog), "columns") == 0)
    care_import_dialog_read_columns (dialog);
  care_screenshot_run ();
}
