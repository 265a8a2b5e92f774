/* care-hostile-portal-main.c — the hostile portal as a program, for the
 * shell tests of carebook-cli
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-hostile-portal [MODE]
 *
 * Prints its FHIR base on the first line of stdout and serves until
 * killed. MODE is one of the names below (default: normal).
 */
#include "config.h"

#include <stdio.h>

#include "care-hostile-portal.h"

static const struct
{
  const char      *name;
  CareHostileMode  mode;
} modes[] = {
  { "normal", CARE_HOSTILE_NORMAL },
  { "deep-page", CARE_HOSTILE_DEEP_PAGE },
  { "huge-page", CARE_HOSTILE_HUGE_PAGE },
  { "many-entries", CARE_HOSTILE_MANY_ENTRIES },
  { "foreign", CARE_HOSTILE_FOREIGN },
  { "bare-resource", CARE_HOSTILE_BARE_RESOURCE },
  { "endless-paging", CARE_HOSTILE_ENDLESS_PAGING },
  { "slow-loris", CARE_HOSTILE_SLOW_LORIS },
  { "redirect-origin", CARE_HOSTILE_REDIRECT_ORIGIN },
  { "huge-token", CARE_HOSTILE_HUGE_TOKEN },
  { "silent-token", CARE_HOSTILE_SILENT_TOKEN },
  { "redirect-token", CARE_HOSTILE_REDIRECT_TOKEN },
  { "redirect-smart", CARE_HOSTILE_REDIRECT_SMART },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CareHostilePortal) portal = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *name = argc > 1 ? argv[1] : "normal";
  gboolean found = FALSE;

  portal = care_hostile_portal_new ();
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (name, modes[i].name))
      {
        care_hostile_portal_set_mode (portal, modes[i].mode);
        found = TRUE;
      }
  if (!found)
    {
      fprintf (stderr, "carebook-hostile-portal: unknown mode %s\n", name);
      return 2;
    }
  printf ("%s\n", care_hostile_portal_get_base (portal));
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}
