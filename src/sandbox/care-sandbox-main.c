/* care-sandbox-main.c — the carebook-sandbox executable
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the reference portal on 127.0.0.1 until interrupted, printing its
 * FHIR base on the first line of standard output.
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>

#include "care-sandbox.h"
#include "care-sandbox-seed.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CareSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *token_for = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *seed = NULL;
  int scale = 1;
  int token_lifetime = 3600;
  gboolean demo = FALSE;
  int port = 0;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Folder for the portal's database", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Fill an empty portal with the demo family", "demo" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Multiply the demo adult's history", "N" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Demo mode", NULL },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime,
      "Seconds an access token works (default 3600)", "S" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults,
      "Inject faults, e.g. latency=200,error=0.1,retry-after=2,429=0.05,drop=0.05", "SPEC" },
    { "token-for", 0, 0, G_OPTION_ARG_STRING, &token_for,
      "Print an access token for this patient id (for curl and scripts)", "ID" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  options = g_option_context_new ("— a reference SMART on FHIR R4 patient portal");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("The port must be from 0 to 65535\n");
      return 2;
    }

  if (seed != NULL && !g_str_equal (seed, "demo"))
    {
      g_printerr ("carebook-sandbox: the only seed is “demo”\n");
      return 2;
    }
  if (scale < 1 || scale > 1000)
    {
      g_printerr ("carebook-sandbox: --scale must be from 1 to 1000\n");
      return 2;
    }

  sandbox = care_sandbox_new (data_dir, &error);
  if (sandbox != NULL && seed != NULL &&
      care_sandbox_store_count (care_sandbox_get_store (sandbox), "Patient") == 0)
    {
      CareSandboxSeedOptions seed_options = { 1, (guint)scale };

      if (!care_sandbox_seed_demo (care_sandbox_get_store (sandbox), &seed_options, &error))
        {
          g_printerr ("carebook-sandbox: %s\n", error->message);
          return 1;
        }
      care_sandbox_add_demo_logins (sandbox, 0);
    }
  if (sandbox == NULL || !care_sandbox_start (sandbox, port, &error))
    {
      g_printerr ("carebook-sandbox: %s\n", error->message);
      return 1;
    }
  care_sandbox_set_demo (sandbox, demo);
  if (token_lifetime < 1)
    {
      g_printerr ("carebook-sandbox: --token-lifetime must be at least 1\n");
      return 2;
    }
  care_sandbox_set_token_lifetime (sandbox, token_lifetime);
  if (faults != NULL && !care_sandbox_set_faults (sandbox, faults, &error))
    {
      g_printerr ("carebook-sandbox: %s\n", error->message);
      return 2;
    }

  g_print ("%s\n", care_sandbox_get_fhir_base (sandbox));
  if (token_for != NULL)
    {
      g_autofree char *token = care_sandbox_issue_token_for_tests (sandbox, token_for,
                                                                   "launch/patient patient/*.rs",
                                                                   3600);

      g_print ("%s\n", token);
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  care_sandbox_stop (sandbox);
  return 0;
}
