/* care-home-appointments.h — Home's next appointment, upcoming tests and questionnaires due
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-cache.h"

G_BEGIN_DECLS

gint64 care_home_fill_appointment (GtkListBox *list,
                                   CareCache  *cache,
                                   GDateTime  *today_start,
                                   GDateTime  *now);
guint  care_home_fill_tests       (GtkListBox *list,
                                   CareCache  *cache);
guint  care_home_fill_questionnaires (GtkListBox  *list,
                                      CareCache   *cache,
                                      const char  *person_id,
                                      const GDate *today);

G_END_DECLS
