/* care-bench-home.h — when Home has drawn each of its parts, for bench/
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "care-window.h"

G_BEGIN_DECLS

void care_bench_home_watch (CareWindow   *window,
                            GApplication *application);

G_END_DECLS
