/* care-import-dialog.h — importing readings from a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record.h"

G_BEGIN_DECLS

#define CARE_TYPE_IMPORT_DIALOG (care_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CareImportDialog, care_import_dialog, CARE, IMPORT_DIALOG, AdwWindow)

CareImportDialog *care_import_dialog_new        (GtkWindow        *parent,
                                                 CareRecord       *record);
void              care_import_dialog_open_file  (CareImportDialog *self,
                                                 GFile            *file);
const char       *care_import_dialog_get_page   (CareImportDialog *self);
GtkWidget        *care_import_dialog_get_send_button (CareImportDialog *self);
GtkWidget        *care_import_dialog_get_column_row  (CareImportDialog *self,
                                                      guint             which);
void              care_import_dialog_read_columns    (CareImportDialog *self);
void              care_import_dialog_cancel     (CareImportDialog *self);
guint             care_import_dialog_send       (CareImportDialog *self,
                                                 GError          **error);

G_END_DECLS
