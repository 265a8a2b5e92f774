/* care-screenshot.h — what the screenshot tools (tests/ui/NAME-screenshot.c) share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each tool starts as the app does (translations, GTK, libadwaita, the
 * app's style sheet and icons), opens the window on the demo family at
 * the size it was given, puts the part of the app it shows on screen and
 * then draws until killed, for `import -window root` under Xvfb. LANGUAGE
 * and ADW_DEBUG_COLOR_SCHEME work as in the app.
 */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "care-window.h"

#include "care-test-family.h"

/* What main() and AdwApplication do for the app: the translations (from
 * CAREBOOK_LOCALEDIR when set), GTK, libadwaita, its style sheet and icons. */
static inline void
care_screenshot_init (void)
{
  g_autoptr(GtkCssProvider) css = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAREBOOK_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PATH "/icons");
}

/* The window on @family's people, @width by @height pixels (the command
 * line's words), shown. */
static inline CareWindow *
care_screenshot_window (CareTestFamily *family,
                        const char     *width,
                        const char     *height)
{
  CareWindow *window = care_window_new (NULL, family->context);

  gtk_window_set_default_size (GTK_WINDOW (window), atoi (width), atoi (height));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Returns: (transfer none) (nullable): the first widget of @type in
 * @root's tree, @root included, depth first. */
static inline GtkWidget *
care_screenshot_find (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = care_screenshot_find (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Draws until killed. */
G_GNUC_NORETURN static inline void
care_screenshot_run (void)
{
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
}
