/* care-result-detail-rows.h — the rows a result's page is made of
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "care-cache.h"
#include "care-result-format.h"

G_BEGIN_DECLS

GtkWidget *care_result_value_row_new  (const char     *title,
                                       const char     *value,
                                       const char     *range,
                                       CareResultFlag  flag,
                                       gboolean        derived,
                                       GDateTime      *date);
GtkWidget *care_result_text_card_new  (const char     *text);
char      *care_result_dup_performers (CareCache      *cache,
                                       JsonObject     *resource);
void       care_result_add_detail_row (GtkWidget      *group,
                                       const char     *title,
                                       const char     *value);

G_END_DECLS
