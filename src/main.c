/* main.c — the carebook executable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-application.h"
#include "care-language.h"

#include <errno.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CareApplication) app = NULL;
  const char *localedir = g_getenv ("CAREBOOK_LOCALEDIR");
  int status;

  /* CAREBOOK_LOCALEDIR lets `meson devenv` use the catalogue in the build. */
  care_language_setup ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = care_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* Preferences' "Restart Now" after a language change: the same program
   * with the same arguments, once this one has saved and closed all. */
  if (status == 0 && care_application_get_restart (app))
    {
      g_clear_object (&app);
      execv ("/proc/self/exe", argv);
      g_warning ("Carebook could not start again: %s", g_strerror (errno));
    }
  return status;
}
