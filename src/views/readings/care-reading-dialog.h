/* care-reading-dialog.h — entering one home reading
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-reading.h"

G_BEGIN_DECLS

#define CARE_TYPE_READING_DIALOG (care_reading_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CareReadingDialog, care_reading_dialog, CARE, READING_DIALOG, AdwMessageDialog)

GtkWidget   *care_reading_dialog_new         (GtkWindow          *parent,
                                              CareReadingKind     kind,
                                              const CareReading  *before,
                                              const char         *locale);
CareReadingKind care_reading_dialog_get_kind (CareReadingDialog  *self);
GtkEditable *care_reading_dialog_get_entry   (CareReadingDialog  *self,
                                              const char         *name);
GtkLabel    *care_reading_dialog_get_error   (CareReadingDialog  *self,
                                              const char         *name);
CareReading *care_reading_dialog_dup_reading (CareReadingDialog  *self,
                                              GError            **error);

G_END_DECLS
