/* care-menus.c — menus shared by several headers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The primary menu appears in the welcome page's header and in the
 * sidebar's; both load it from one .ui file so they never drift apart.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "care-menus.h"

/**
 * care_menus_dup_primary:
 *
 * Returns: (transfer full): the primary menu (Preferences, Keyboard
 *   Shortcuts, About Carebook)
 */
GMenuModel *
care_menus_dup_primary (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/app/care-primary-menu.ui");

  return g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
}
