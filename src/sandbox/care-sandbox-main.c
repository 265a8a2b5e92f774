/* care-sandbox-main.c — the carebook-sandbox executable
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the reference portal on 127.0.0.1 until SIGINT or SIGTERM, printing
 * its FHIR base ("http://127.0.0.1:PORT/fhir") on the first line of
 * standard output. Without --demo it is a development server: each
 * 2-step or reset code it "sends" is printed on standard error.
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "care-sandbox.h"
#include "care-sandbox-clients.h"

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
  int reply_after = 30;
  gboolean demo = FALSE;
  gboolean no_refresh_tokens = FALSE;
  int port = 0;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port on 127.0.0.1 (0: any free port)"), "N" },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Folder for the portal’s database (default: in memory)"), "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Fill an empty portal with the demo family"),
      "demo" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Multiply the demo adult’s history"), "N" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Demo mode: login_hint=demo:USER signs in without pages; faults may be set"), NULL },
    { "reply-after", 0, 0, G_OPTION_ARG_INT, &reply_after,
      N_("Demo mode: seconds before the care team answers a message (default 30, 0 at once)"), "SECONDS" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime,
      N_("Seconds an access token works (default 3600)"), "SECONDS" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults,
      N_("Inject faults (demo mode only), e.g. latency=200,error=0.1,retry-after=2,429=0.05"),
      "SPEC" },
    { "no-refresh-tokens", 0, 0, G_OPTION_ARG_NONE, &no_refresh_tokens,
      N_("Give no refresh tokens, as Epic does for public apps: only a registered key keeps an app "
         "signed in"), NULL },
    { "token-for", 0, 0, G_OPTION_ARG_STRING, &token_for,
      N_("Also print an access token for this patient id (for curl and scripts)"), "ID" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAREBOOK_LOCALEDIR") != NULL
                                   ? g_getenv ("CAREBOOK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  options = g_option_context_new (_("— a reference SMART on FHIR R4 patient portal"));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("carebook-sandbox: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("carebook-sandbox: %s\n", _("--port must be from 0 to 65535"));
      return 2;
    }
  if (seed != NULL && !g_str_equal (seed, "demo"))
    {
      g_printerr ("carebook-sandbox: %s\n", _("the only seed is “demo”"));
      return 2;
    }
  if (scale < 1 || scale > 1000)
    {
      g_printerr ("carebook-sandbox: %s\n", _("--scale must be from 1 to 1000"));
      return 2;
    }
  if (token_lifetime < 1)
    {
      g_printerr ("carebook-sandbox: %s\n", _("--token-lifetime must be at least 1"));
      return 2;
    }
  /* Faults are for testing clients; a portal run for real never fails on purpose. */
  if (faults != NULL && !demo)
    {
      g_printerr ("carebook-sandbox: %s\n", _("--faults needs --demo"));
      return 2;
    }

  sandbox = care_sandbox_new (data_dir, &error);
  if (sandbox == NULL)
    {
      g_printerr ("carebook-sandbox: %s\n", error->message);
      return 1;
    }
  care_sandbox_set_demo (sandbox, demo);
  if (demo)
    care_sandbox_set_reply_after (sandbox, MAX (reply_after, 0));
  /* Without --demo the outbox is closed: the codes go to standard error. */
  care_sandbox_set_print_messages (sandbox, !demo);
  care_sandbox_set_token_lifetime (sandbox, token_lifetime);
  care_sandbox_set_refresh_tokens (sandbox, !no_refresh_tokens);
  if (faults != NULL && !care_sandbox_set_faults (sandbox, faults, &error))
    {
      g_printerr ("carebook-sandbox: %s\n", error->message);
      return 2;
    }

  /* A folder that already holds a portal keeps its data. */
  if (seed != NULL &&
      care_sandbox_store_count (care_sandbox_get_store (sandbox), "Patient") == 0)
    {
      CareSandboxSeedOptions seed_options = { 1, (guint)scale };

      if (!care_sandbox_seed (sandbox, &seed_options, &error))
        {
          g_printerr ("carebook-sandbox: %s\n", error->message);
          return 1;
        }
    }

  if (!care_sandbox_start (sandbox, port, &error))
    {
      g_printerr ("carebook-sandbox: %s\n", error->message);
      return 1;
    }

  /* The first line is the FHIR base, which scripts read. */
  g_print ("%s\n", care_sandbox_get_fhir_base (sandbox));
  if (token_for != NULL)
    {
      g_autofree char *token = care_sandbox_issue_token_for_tests (sandbox, token_for,
                                                                   "launch/patient patient/*.rs",
                                                                   token_lifetime);

      g_print ("%s\n", token);
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  care_sandbox_stop (sandbox);
  return 0;
}
