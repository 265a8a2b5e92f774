/* care-a11y.h — small helpers that keep screen-reader output honest
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *care_a11y_decoration_new (const char *icon_name);
void       care_a11y_set_error      (GtkWidget  *field,
                                     GtkWidget  *message,
                                     const char *text);
void       care_a11y_keep_focus_in  (GtkWidget  *page);
GtkWidget *care_a11y_entry_row_new  (const char *title);

G_END_DECLS
