/* care-focus-mark.h — keeps the keyboard focus through a rebuilt list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _CareFocusMark CareFocusMark;

CareFocusMark *care_focus_mark_new     (GtkWidget     *container);
void           care_focus_mark_restore (CareFocusMark *mark,
                                        GtkWidget     *container);
void           care_focus_mark_free    (CareFocusMark *mark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareFocusMark, care_focus_mark_free)

G_END_DECLS
