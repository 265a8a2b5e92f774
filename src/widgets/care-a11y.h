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
void       care_a11y_busy_in_transitions (GtkStack *stack);
void       care_a11y_hide_unseen_pages   (GtkStack *stack);
GtkWidget *care_a11y_entry_row_new  (const char *title);
void       care_a11y_label_lists    (GtkWidget  *widget,
                                     const char *label);
void       care_a11y_label_field    (GtkWidget  *field,
                                     GtkWidget  *label,
                                     GtkWidget  *description,
                                     GtkWidget  *more);

G_END_DECLS
