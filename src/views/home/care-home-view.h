/* care-home-view.h — the person's health at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"

G_BEGIN_DECLS

#define CARE_TYPE_HOME_VIEW (care_home_view_get_type ())

G_DECLARE_FINAL_TYPE (CareHomeView, care_home_view, CARE, HOME_VIEW, AdwBin)

GtkWidget  *care_home_view_new      (GObject      *context);
GtkListBox *care_home_view_get_list (CareHomeView *self,
                                     const char   *name);
guint       care_home_view_get_generation (CareHomeView *self);

G_END_DECLS
