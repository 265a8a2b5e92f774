/* care-launch.h — opening tel:, mailto: and web addresses, or saying how
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  care_launch_uri          (GtkWidget  *widget,
                                const char *uri);
char *care_launch_dup_readable (const char *uri);

G_END_DECLS
