/* care-home-appointments.h — Home's next appointment and upcoming tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-cache.h"

G_BEGIN_DECLS

void  care_home_fill_appointment (GtkListBox *list,
                                  CareCache  *cache,
                                  GDateTime  *today_start,
                                  GDateTime  *now);
guint care_home_fill_tests       (GtkListBox *list,
                                  CareCache  *cache);

G_END_DECLS
