/* care-html.h — an HTML document's words, as plain paragraphs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *care_html_to_text (const char *html,
                         gssize      length);

char *care_rtf_to_text  (const char *rtf,
                         gssize      length);

G_END_DECLS
