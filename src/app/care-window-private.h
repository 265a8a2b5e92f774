/* care-window-private.h — what the main window's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"
#include "care-sign-in-page.h"
#include "care-welcome-page.h"
#include "care-window.h"

G_BEGIN_DECLS

struct _CareWindow
{
  AdwApplicationWindow  parent_instance;

  CareContext          *context;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  CareWelcomePage      *welcome_page;   /* (nullable): made when first shown */
  CareSignInPage       *sign_in_page;   /* (nullable): likewise */
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *app_title;
  AdwBin               *switcher_bin;
  GtkMenuButton        *primary_menu_button;
  GtkListBox           *sidebar_list;
  GtkLabel             *sync_status_label;
  GtkWidget            *content_box;
  AdwSqueezer          *title_squeezer;
  AdwWindowTitle       *section_title;
  GtkWidget            *squeezed_title;
  GtkWidget            *section_heading;
  guint                 heading_idle;
  AdwBin               *indicator_bin;
  GtkMenuButton        *search_button;
  AdwBin               *banner_bin;
  GtkStack             *section_stack;

  char                 *restore_person;
  GSignalGroup         *person_signals;
  GHashTable           *unmade_sections;
};

/* care-window.c */
gboolean care_window_has_record         (CareWindow *self);
void     care_window_show_main_page     (CareWindow *self,
                                         const char *name);

/* care-window-sections.c */
void     care_window_class_init_sections (GtkWidgetClass *widget_class);
void     care_window_populate_sections  (CareWindow *self);
void     care_window_select_section     (CareWindow *self,
                                         const char *id,
                                         gboolean    navigate);
gboolean care_window_section_go_back    (CareWindow *self);

G_END_DECLS
