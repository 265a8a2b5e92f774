/* care-result-detail.h — one test result, in full
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-cache.h"

G_BEGIN_DECLS

#define CARE_TYPE_RESULT_DETAIL (care_result_detail_get_type ())

G_DECLARE_FINAL_TYPE (CareResultDetail, care_result_detail, CARE, RESULT_DETAIL, AdwBin)

void        care_result_detail_show            (CareResultDetail *self,
                                                CareCache        *cache,
                                                const char       *type,
                                                const char       *id);
gboolean    care_result_detail_go_back         (CareResultDetail *self);
void        care_result_detail_clear           (CareResultDetail *self);
void        care_result_detail_focus           (CareResultDetail *self);
void        care_result_detail_set_show_back   (CareResultDetail *self,
                                                gboolean          show_back);
const char *care_result_detail_get_title       (CareResultDetail *self);
GPtrArray  *care_result_detail_get_component_rows (CareResultDetail *self);
GPtrArray  *care_result_detail_get_history_rows (CareResultDetail *self);
const char *care_result_detail_get_trend_code  (CareResultDetail *self);
const char *care_result_detail_get_comments    (CareResultDetail *self);
gboolean    care_result_detail_get_loaded      (CareResultDetail *self);

G_END_DECLS
