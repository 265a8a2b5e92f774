/* main.c — the carebook executable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-application.h"
#include "care-language.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CareApplication) app = NULL;
  const char *localedir = g_getenv ("CAREBOOK_LOCALEDIR");

  /* CAREBOOK_LOCALEDIR lets `meson devenv` use the catalogue in the build. */
  care_language_setup ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = care_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
