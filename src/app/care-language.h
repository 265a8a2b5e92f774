/* care-language.h — the language chosen in Preferences
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        care_language_setup       (void);
const char *care_language_get_running (void);

G_END_DECLS
