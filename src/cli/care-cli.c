/* care-cli.c — carebook-cli: Carebook from the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli account add URL [--no-browser] [--login-hint HINT]
 *   carebook-cli account list
 *   carebook-cli account remove ID         (one person)
 *   carebook-cli account remove FHIR-BASE  (everyone at a health system)
 *   carebook-cli directory search TEXT     (name, place, FHIR base; one a line)
 *   carebook-cli questionnaires ID, questionnaire show|answer|submit …
 *                                          (care-cli-questionnaires.c)
 *   carebook-cli readings ID, reading add|correct|withdraw|kinds …
 *                                          (care-cli-readings.c)
 *   carebook-cli import ID FILE [--dry-run] (care-cli-import.c)
 *
 * Uses the same core as the app: the SMART sign-in with a loopback
 * redirect, the connection list and the keyring.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <locale.h>

#include "care-access-log.h"
#include "care-authorizer.h"
#include "care-cli-appointments.h"
#include "care-cli-billing.h"
#include "care-cli-directives.h"
#include "care-cli-import.h"
#include "care-cli-messages.h"
#include "care-cli-questionnaires.h"
#include "care-cli-readings.h"
#include "care-cli-sync.h"
#include "care-connection-store.h"
#include "care-directory.h"
#include "care-paths.h"
#include "care-sign-out.h"
#include "care-token-store.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   no_browser;
  int        status;
} Cli;

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             Cli            *cli)
{
  g_autoptr(GError) error = NULL;

  /* Translators: shown by carebook-cli; %s is the portal's sign-in address */
  g_print (_("Sign in at:\n%s\n"), uri);
  if (!cli->no_browser && !g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_printerr (_("Could not open a browser (%s); open the address above yourself.\n"),
                error->message);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareConnection) connection = NULL;

  connection = care_connection_store_connect_finish (CARE_CONNECTION_STORE (source), result, &error);
  if (connection == NULL)
    {
      g_printerr ("%s\n", error->message);
      cli->status = 1;
    }
  else
    /* Translators: %1$s is a person's name, %2$s the connection id */
    g_print (_("Connected: %1$s (%2$s)\n"),
             care_connection_get_display_name (connection) ?: _("Unnamed patient"),
             care_connection_get_id (connection));

  g_main_loop_quit (cli->loop);
}

static int
account_add (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (_("URL — connect to a health system"));
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareAuthorizer) authorizer = NULL;
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;
  Cli cli = { 0 };
  const GOptionEntry entries[] = {
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &cli.no_browser,
      N_("Only print the sign-in address"), NULL },
    { "login-hint", 0, 0, G_OPTION_ARG_STRING, &hint, N_("Passed to the portal"), N_("HINT") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : _("Usage: carebook-cli account add URL"));
      return 2;
    }

  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The same path as the app: sign in, remember, keep the refresh token
   * in the keyring, log the sign-in. */
  cli.loop = g_main_loop_new (NULL, FALSE);
  authorizer = care_authorizer_new (session);
  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), &cli);
  care_connection_store_connect_async (store, authorizer, argv[1], hint, CARE_REDIRECT_LOOPBACK, NULL,
                                       connected_cb, &cli);
  g_main_loop_run (cli.loop);
  g_main_loop_unref (cli.loop);

  return cli.status;
}

static int
account_list (void)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(GError) error = NULL;
  GListModel *people;
  GDate today;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  people = care_connection_store_get_people (store);
  if (g_list_model_get_n_items (people) == 0)
    g_print ("%s\n", _("No health system is connected."));

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (people, i);
      g_autofree char *summary = care_person_dup_summary (person, &today);

      g_print ("%s\t%s\t%s\n", care_person_get_id (person), care_person_get_display_name (person), summary);
    }

  return 0;
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = care_sign_out_finish (result, &error);

  if (summary == NULL)
    {
      g_printerr ("%s\n", error->message);
      cli->status = 1;
    }
  else
    g_print ("%s\n", summary);
  g_main_loop_quit (cli->loop);
}

static void
system_signed_out_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = care_sign_out_health_system_finish (result, &error);

  if (summary == NULL)
    {
      g_printerr ("%s\n", error->message);
      cli->status = 1;
    }
  else
    g_print ("%s\n", summary);
  g_main_loop_quit (cli->loop);
}

static int
account_remove (const char *id)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  Cli cli = { 0 };

  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  base = care_connection_store_dup_fhir_base (store, id);
  if (base == NULL)
    {
      g_auto(GStrv) ids = care_connection_store_dup_ids (store, id);

      /* A FHIR base names a whole health system: everyone there goes. */
      if (ids[0] != NULL)
        {
          cli.loop = g_main_loop_new (NULL, FALSE);
          care_sign_out_health_system_async (session, store, id, NULL, system_signed_out_cb, &cli);
          g_main_loop_run (cli.loop);
          g_main_loop_unref (cli.loop);
          return cli.status;
        }

      /* Translators: %s is what the user typed as a connection id */
      g_printerr (_("No connection or health system is called %s; see carebook-cli account list.\n"), id);
      return 1;
    }

  cli.loop = g_main_loop_new (NULL, FALSE);
  care_sign_out_async (session, store, id, NULL, signed_out_cb, &cli);
  g_main_loop_run (cli.loop);
  g_main_loop_unref (cli.loop);

  return cli.status;
}

static void
add_folder (CareDirectory *directory,
            const char    *folder)
{
  g_autoptr(GPtrArray) files = care_directory_list_files (folder);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
      g_autoptr(GError) error = NULL;

      /* As in the app: a broken file costs only its own entries. */
      if (!care_directory_add_file (directory, file, &error))
        g_printerr ("%s: %s\n", (char *)g_ptr_array_index (files, i), error->message);
    }
}

/* The health systems the app offers: the shipped list and the imported
 * ones (not the demo portal's). Columns: name, place, FHIR base. The
 * name comes first, not an id: a directory entry has no id a person uses,
 * and the FHIR base, which `account add` takes, is the last column. */
static int
directory_search (const char *text)
{
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *shipped = NULL;
  g_autofree char *config = care_paths_dup_config_dir ();
  g_autofree char *imported = g_build_filename (config, "directories", NULL);
  const char *datadir = g_getenv ("CAREBOOK_DATADIR");

  shipped = g_build_filename (datadir != NULL ? datadir : PKGDATADIR, "directory", NULL);
  add_folder (directory, shipped);
  add_folder (directory, imported);

  found = care_directory_search (directory, text, 0);
  if (found->len == 0)
    {
      /* Translators: carebook-cli directory search found nothing; %s is what was searched for */
      g_printerr (_("No health system matches “%s”.\n"), text);
      return 1;
    }

  for (guint i = 0; i < found->len; i++)
    {
      CareDirectoryEntry *entry = g_ptr_array_index (found, i);

      g_print ("%s\t%s\t%s\n", care_directory_entry_get_name (entry),
               care_directory_entry_get_location (entry) ?: "",
               care_directory_entry_get_fhir_base (entry));
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAREBOOK_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (care_cli_sync_handles (argc, argv))
    return care_cli_sync_main (argc, argv);
  if (care_cli_appointments_handles (argc, argv))
    return care_cli_appointments_main (argc, argv);
  if (care_cli_messages_handles (argc, argv))
    return care_cli_messages_main (argc, argv);
  if (care_cli_questionnaires_handles (argc, argv))
    return care_cli_questionnaires_main (argc, argv);
  if (care_cli_readings_handles (argc, argv))
    return care_cli_readings_main (argc, argv);
  if (care_cli_import_handles (argc, argv))
    return care_cli_import_main (argc, argv);
  if (care_cli_directives_handles (argc, argv))
    return care_cli_directives_main (argc, argv);
  if (care_cli_billing_handles (argc, argv))
    return care_cli_billing_main (argc, argv);
  if (argc >= 3 && g_str_equal (argv[1], "account") && g_str_equal (argv[2], "add"))
    return account_add (argc - 2, argv + 2);
  if (argc == 3 && g_str_equal (argv[1], "account") && g_str_equal (argv[2], "list"))
    return account_list ();
  if (argc == 4 && g_str_equal (argv[1], "account") && g_str_equal (argv[2], "remove"))
    return account_remove (argv[3]);
  if (argc >= 4 && g_str_equal (argv[1], "directory") && g_str_equal (argv[2], "search"))
    {
      g_autofree char *text = g_strjoinv (" ", argv + 3);

      return directory_search (text);
    }

  g_printerr ("%s\n", _("Usage: carebook-cli account add URL [--no-browser] [--login-hint HINT]\n"
                        "       carebook-cli account list\n"
                        "       carebook-cli account remove ID|FHIR-BASE\n"
                        "       carebook-cli directory search TEXT\n"
                        "       carebook-cli sync [ID] [--full]\n"
                        "       carebook-cli status [ID]\n"
                        "       carebook-cli export ID [FILE]"));
  g_printerr ("%s\n", _("       carebook-cli outbox [ID]"));
  g_printerr ("%s\n", _("       carebook-cli appointments ID\n"
                        "       carebook-cli appointment visit-types|find|book|reschedule|cancel|wait-list|"
                        "check-in|ics ID …"));
  g_printerr ("%s\n", _("       carebook-cli messages ID [--calls]\n"
                        "       carebook-cli message show ID THREAD\n"
                        "       carebook-cli message send ID --to WHOM [--subject TEXT] [--kind KIND] "
                        "[--attach FILE]… [--reply-to THREAD]\n"
                        "       carebook-cli message reply ID THREAD [--text TEXT]\n"
                        "       carebook-cli recipients ID\n"
                        "       carebook-cli pharmacies ID\n"
                        "       carebook-cli renew ID MEDICATION_REQUEST_ID [--pharmacy NAME|--other-pharmacy NAME] "
                        "[--comment TEXT]\n"
                        "       carebook-cli renewals ID\n"
                        "       carebook-cli letter ID --kind school|work|travel|other [--to WHOM] [--text TEXT]"));
  g_printerr ("%s\n", _("       carebook-cli questionnaires ID\n"
                        "       carebook-cli questionnaire show ID QUESTIONNAIRE [--json]\n"
                        "       carebook-cli questionnaire answer ID QUESTIONNAIRE --set LINKID=VALUE… [--submit]\n"
                        "       carebook-cli questionnaire submit ID QUESTIONNAIRE FILE"));
  g_printerr ("%s\n", _("       carebook-cli readings ID\n"
                        "       carebook-cli reading add ID KIND VALUE [UNIT] [--at TIME] …\n"
                        "       carebook-cli reading correct|withdraw ID ENTRY …\n"
                        "       carebook-cli reading kinds"));
  g_printerr ("%s\n", _("       carebook-cli import ID FILE [--dry-run] [--columns DATE,KIND,VALUE[,UNIT]]"));
  g_printerr ("%s\n", _("       carebook-cli directives ID\n"
                        "       carebook-cli directive upload ID FILE… [--title TEXT] [--signed YYYY-MM-DD]\n"
                        "       carebook-cli directive agent ID --name NAME [--phone PHONE] [--relationship TEXT]\n"
                        "       carebook-cli directive forms ID\n"
                        "       carebook-cli directive form ID FORM --output FILE"));
  g_printerr ("%s\n", _("       carebook-cli bills ID\n"
                        "       carebook-cli pay ID STATEMENT AMOUNT   (the card on standard input)"));
  return 2;
}
