/* care-result-read.h — what a result page reads from an Observation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "care-result-format.h"

G_BEGIN_DECLS

char           *care_result_read_value (JsonObject *holder);
char           *care_result_read_range (JsonObject *holder);
CareResultFlag  care_result_read_flag  (JsonObject *holder,
                                        gboolean   *out_derived);
char           *care_result_read_name  (JsonObject *holder);
GDateTime      *care_result_read_date  (JsonObject *resource,
                                        gboolean   *out_has_time);

G_END_DECLS
