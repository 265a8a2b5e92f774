/* care-result-row.h — how one test result looks in the list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-result-entry.h"

G_BEGIN_DECLS

#define CARE_TYPE_RESULT_ROW (care_result_row_get_type ())

G_DECLARE_FINAL_TYPE (CareResultRow, care_result_row, CARE, RESULT_ROW, GtkWidget)

GtkWidget       *care_result_row_new       (void);
void             care_result_row_set_entry (CareResultRow   *self,
                                            CareResultEntry *entry,
                                            CareResultEntry *previous,
                                            CareResultEntry *next);
CareResultEntry *care_result_row_get_entry (CareResultRow   *self);
const char      *care_result_row_get_heading (CareResultRow *self);
const char      *care_result_row_get_accessible_label (CareResultRow *self);
gboolean         care_result_row_same_day  (GDateTime       *a,
                                            GDateTime       *b);

G_END_DECLS
