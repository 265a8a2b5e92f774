/* test-import.c — the import dialog: columns, progress, preview, send
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "care-import-dialog.h"

#include "care-test-family.h"

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins until the dialog leaves @page, at most 30 s. */
static void
wait_past (CareImportDialog *dialog,
           const char       *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (10, poll_cb, NULL);

  while (g_strcmp0 (care_import_dialog_get_page (dialog), page) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

static char *
generate (const char *dir,
          const char *name,
          guint      *out_total)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "bench", "make-health-export.py", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "python3", script, path, "--days", "10", NULL };
  int status = 1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output, NULL,
                               &status, NULL));
  g_assert_cmpint (status, ==, 0);
  *out_total = 0;
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "first") && !g_str_has_prefix (lines[i], "last") &&
        !g_str_has_prefix (lines[i], "implausible"))
      *out_total += atoi (strchr (lines[i], '\t') + 1);
  return path;
}

static void
test_dialog (void)
{
  CareTestFamily family = { 0 };
  CareImportDialog *dialog;
  CareRecord *record;
  g_autofree char *csv = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *png = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *send;
  guint total = 0;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  dialog = care_import_dialog_new (NULL, record);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "choose");

  /* A CSV file: its columns guessed from the header, in another order. */
  csv = g_build_filename (family.dir, "readings.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "Units,Reading,Type,When\n"
                                           "kg,81.4,weight,2026-11-02T08:00:00-05:00\n"
                                           "mmHg,128/82,bp,2026-11-02T08:05:00-05:00\n"
                                           "kg,900,weight,2026-11-03T08:00:00-05:00\n"
                                           "mmol/L,6.1,glucose,2026-11-03T08:00:00-05:00\n", -1, NULL));
  file = g_file_new_for_path (csv);
  care_import_dialog_open_file (dialog, file);
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "columns");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (care_import_dialog_get_column_row (dialog, 0))), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (care_import_dialog_get_column_row (dialog, 1))), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (care_import_dialog_get_column_row (dialog, 2))), ==, 1);
  /* The unit's list starts with "None". */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (care_import_dialog_get_column_row (dialog, 3))), ==, 1);
  care_import_dialog_read_columns (dialog);
  wait_past (dialog, "reading");
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "preview");
  send = care_import_dialog_get_send_button (dialog);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (send)), ==, "_Send 3 Readings");
  g_assert_true (gtk_widget_get_sensitive (send));

  /* An Apple Health export: read at once, with the generator's count. */
  zip = generate (family.dir, "export.zip", &total);
  g_clear_object (&file);
  file = g_file_new_for_path (zip);
  care_import_dialog_open_file (dialog, file);
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "reading");
  wait_past (dialog, "reading");
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "preview");
  label = g_strdup_printf ("_Send %u Readings", total);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (send)), ==, label);

  /* Cancel while it reads: back to choosing, nothing kept. */
  care_import_dialog_open_file (dialog, file);
  care_import_dialog_cancel (dialog);
  wait_past (dialog, "reading");
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "choose");

  /* Not an export: said so. */
  png = g_build_filename (family.dir, "picture.png", NULL);
  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_clear_object (&file);
  file = g_file_new_for_path (png);
  care_import_dialog_open_file (dialog, file);
  g_assert_cmpstr (care_import_dialog_get_page (dialog), ==, "error");

  gtk_window_destroy (GTK_WINDOW (dialog));
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/import/dialog", test_dialog);
  return g_test_run ();
}
