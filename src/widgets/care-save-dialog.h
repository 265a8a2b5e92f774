/* care-save-dialog.h — saving a copy: in Documents, and saying where it went
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GFile                *care_save_dialog_dup_folder  (void);
GtkFileChooserNative *care_save_dialog_new         (GtkWidget  *widget,
                                                    const char *title,
                                                    const char *accept_label,
                                                    const char *name);
char                 *care_save_dialog_dup_saved_text (GFile   *file);
void                  care_save_dialog_show_saved  (GtkWidget  *widget,
                                                    GFile      *file);

G_END_DECLS
