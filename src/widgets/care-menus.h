/* care-menus.h — menus shared by several headers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GMenuModel *care_menus_dup_primary (void);

G_END_DECLS
