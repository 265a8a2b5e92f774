/* care-result-entry.h — one row of the test results list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-resource-item.h"
#include "care-result-format.h"

G_BEGIN_DECLS

#define CARE_TYPE_RESULT_ENTRY (care_result_entry_get_type ())

G_DECLARE_FINAL_TYPE (CareResultEntry, care_result_entry, CARE, RESULT_ENTRY, GObject)

CareResultEntry  *care_result_entry_new            (CareResourceItem *item,
                                                    GPtrArray        *components,
                                                    guint             n_results,
                                                    const char       *summary);
CareResultEntry  *care_result_entry_new_study      (CareResourceItem *item,
                                                    const char       *name,
                                                    const char       *value);
CareResourceItem *care_result_entry_get_item       (CareResultEntry  *self);
GPtrArray        *care_result_entry_get_components (CareResultEntry  *self);
gboolean          care_result_entry_is_report      (CareResultEntry  *self);
const char       *care_result_entry_get_name       (CareResultEntry  *self);
const char       *care_result_entry_get_value      (CareResultEntry  *self);
CareResultFlag    care_result_entry_get_flag       (CareResultEntry  *self);
GDateTime        *care_result_entry_get_date       (CareResultEntry  *self);
gboolean          care_result_entry_get_new        (CareResultEntry  *self);
void              care_result_entry_set_new        (CareResultEntry  *self,
                                                    gboolean          is_new);
gboolean          care_result_entry_matches        (CareResultEntry  *self,
                                                    const char       *folded_text);
char             *care_result_entry_dup_sentence   (CareResultEntry  *self);
char             *care_result_entry_dup_opened_key (CareResultEntry  *self);
char             *care_result_dup_opened_key       (const char       *type,
                                                    const char       *id);

G_END_DECLS
