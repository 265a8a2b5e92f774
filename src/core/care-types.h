/* care-types.h — forward declarations of core types
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CarePerson    CarePerson;
typedef struct _CareSyncState CareSyncState;

G_END_DECLS
