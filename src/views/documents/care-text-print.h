/* care-text-print.h — prints a text document, paginated with Pango
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void care_text_print_prepare (GtkPrintOperation *operation,
                              const char        *title,
                              const char        *text);

G_END_DECLS
