/* care-auto-browser.h — a browser for demo portals that approve without pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void care_auto_browser_open (SoupSession *session,
                             const char  *uri);

G_END_DECLS
