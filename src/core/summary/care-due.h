/* care-due.h — care a person is due for, as health maintenance plans say it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    care_due_plan_is_health_maintenance (JsonObject *plan);
const char *care_due_activity_date             (JsonObject *detail);
gboolean    care_due_activity_is_open          (JsonObject *detail);
char       *care_due_dup_activity_title        (JsonObject *detail);

G_END_DECLS
