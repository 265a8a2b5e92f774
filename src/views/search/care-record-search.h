/* care-record-search.h — search the whole record from the header
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "care-context.h"

G_BEGIN_DECLS

#define CARE_TYPE_RECORD_SEARCH (care_record_search_get_type ())

G_DECLARE_FINAL_TYPE (CareRecordSearch, care_record_search, CARE, RECORD_SEARCH, GtkPopover)

GtkWidget  *care_record_search_new                (CareContext      *context);
void        care_record_search_run                (CareRecordSearch *self,
                                                   const char       *text);
guint       care_record_search_get_generation     (CareRecordSearch *self);
guint       care_record_search_get_n_results      (CareRecordSearch *self);
const char *care_record_search_get_result_section (CareRecordSearch *self,
                                                   guint             index);
const char *care_record_search_get_result_title   (CareRecordSearch *self,
                                                   guint             index);
void        care_record_search_activate_result    (CareRecordSearch *self,
                                                   guint             index);
const char *care_record_search_section_for_type   (const char       *type);

G_END_DECLS
