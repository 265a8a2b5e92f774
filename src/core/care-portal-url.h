/* care-portal-url.h — checking a FHIR base URL before anything is sent
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *care_portal_url_normalize (const char  *text,
                                     GError     **error);
gboolean  care_portal_url_is_loopback (const char *host);
char     *care_portal_url_from_launch (const char *uri);

G_END_DECLS
