/* section-screenshot.c — one section of the demo window, for screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   section-screenshot SECTION WIDTH HEIGHT [PERSON]
 *
 * Signs the demo family in, shows PERSON's record (demo:adult by default)
 * on SECTION ("billing", "medications", "documents"…) and stays until
 * killed, for `import -window root` under Xvfb. LANGUAGE=es and
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "care-window.h"

#include "care-test-family.h"

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareWindow *window;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAREBOOK_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  if (argc != 4 && argc != 5)
    return 2;
  /* What AdwApplication does for the app: its style sheet and icons. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      RESOURCE_PATH "/icons");
  }

  care_test_family_setup (&family);
  care_test_family_show (&family, argc == 5 ? argv[4] : "demo:adult");
  window = care_window_new (NULL, family.context);
  gtk_window_set_default_size (GTK_WINDOW (window), atoi (argv[2]), atoi (argv[3]));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", argv[1]);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
