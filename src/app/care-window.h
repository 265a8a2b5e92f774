/* care-window.h — the main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-application.h"
#include "care-context.h"

G_BEGIN_DECLS

#define CARE_TYPE_WINDOW (care_window_get_type ())

G_DECLARE_FINAL_TYPE (CareWindow, care_window, CARE, WINDOW, AdwApplicationWindow)

CareWindow  *care_window_new                 (CareApplication *application,
                                              CareContext     *context);
CareContext *care_window_get_context         (CareWindow      *self);
const char  *care_window_get_visible_page    (CareWindow      *self);
const char  *care_window_get_visible_section (CareWindow      *self);
GtkWidget   *care_window_get_section_page    (CareWindow      *self,
                                              const char      *section_id);
const char  *care_window_get_sidebar_label   (CareWindow      *self,
                                              guint            position);
gboolean     care_window_get_folded          (CareWindow      *self);
gboolean     care_window_get_showing_content (CareWindow      *self);
gboolean     care_window_open_item           (CareWindow      *self,
                                              const char      *person_id,
                                              const char      *type,
                                              const char      *id);
void         care_window_show_toast          (CareWindow      *self,
                                              const char      *text);
void         care_window_show_sign_in        (CareWindow      *self,
                                              const char      *portal,
                                              const char      *uri);
void         care_window_show_sign_in_error  (CareWindow      *self,
                                              const char      *message);

G_END_DECLS
