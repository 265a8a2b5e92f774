/* care-save-dialog.c — saving a copy: in Documents, and saying where it went
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every "Save a Copy", "Export" and "Add to Calendar" opens in the user's
 * Documents folder (their home when there is none), never in whatever
 * folder Carebook was started from, and says with a toast (the window's
 * `win.toast` action) what was saved where.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-save-dialog.h"

/**
 * care_save_dialog_dup_folder:
 *
 * Returns: (transfer full): the user's Documents folder, else their home
 */
GFile *
care_save_dialog_dup_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/**
 * care_save_dialog_new:
 * @widget: the widget asking, for the window the dialog belongs to
 * @title: the dialog's title
 * @accept_label: the save button's label, with a mnemonic
 * @name: the file name offered
 *
 * Returns: (transfer full): a modal save dialog, not yet shown, in the
 *   folder care_save_dialog_dup_folder() gives
 */
GtkFileChooserNative *
care_save_dialog_new (GtkWidget  *widget,
                      const char *title,
                      const char *accept_label,
                      const char *name)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GFile) folder = care_save_dialog_dup_folder ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  return dialog;
}

/**
 * care_save_dialog_dup_saved_text:
 * @file: what was saved
 *
 * Returns: (transfer full): "Saved “name” in Folder"
 */
char *
care_save_dialog_dup_saved_text (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent != NULL ? g_file_get_basename (parent) : NULL;

  if (folder == NULL)
    /* Translators: %s is a file name */
    return g_strdup_printf (_("Saved “%s”"), name);
  /* Translators: the first %s is a file name, the second a folder's name ("Documents") */
  return g_strdup_printf (_("Saved “%s” in %s"), name, folder);
}

/**
 * care_save_dialog_show_saved:
 * @widget: a widget in the window
 * @file: what was saved
 *
 * Says so in the window's toast.
 */
void
care_save_dialog_show_saved (GtkWidget *widget,
                             GFile     *file)
{
  g_autofree char *text = care_save_dialog_dup_saved_text (file);

  gtk_widget_activate_action (widget, "win.toast", "s", text);
}
