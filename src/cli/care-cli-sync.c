/* care-cli-sync.c — carebook-cli sync, status and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli sync [ID] [--full] [--rebuild]
 *   carebook-cli status [ID]
 *   carebook-cli export ID [FILE]
 *   carebook-cli outbox [ID]
 *
 * The same cache and sync engine as the app. care-cli.c's main hands
 * these subcommands over with care_cli_sync_main() when
 * care_cli_sync_handles() says they are ours.
 *
 * sync sends what waits in the outbox after bringing the record up to
 * date, then syncs again so what the portal made of it (an answer to a
 * message) is here; it exits non-zero when any type failed, naming them on stderr; with
 * --rebuild, a cache that cannot be opened is rebuilt first (the damaged
 * file set aside, its unsent changes kept).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "care-access-log.h"
#include "care-cache.h"
#include "care-cli-sync.h"
#include "care-connection-store.h"
#include "care-outbox.h"
#include "care-paths.h"
#include "care-record.h"

#include <string.h>

typedef struct
{
  GMainLoop      *loop;
  CareSyncReport *report;
  GError         *error;
} Waiter;

static const char *
status_label (CareTypeStatus status)
{
  switch (status)
    {
    case CARE_TYPE_STATUS_OK:
      return _("up to date");
    case CARE_TYPE_STATUS_INCOMPLETE:
      return _("may be incomplete");
    case CARE_TYPE_STATUS_WITHHELD:
      return _("withheld from proxy access");
    case CARE_TYPE_STATUS_NOT_SHARED:
      return _("not shared");
    case CARE_TYPE_STATUS_UNSUPPORTED:
      return _("not offered by this health system");
    case CARE_TYPE_STATUS_FAILED:
      return _("failed");
    case CARE_TYPE_STATUS_UNKNOWN:
    default:
      return _("never synced");
    }
}

/* The person's record, as the app has it: the cache and, with a
 * connection, the sync engine that writes to it. */
static CareRecord *
open_record (CarePerson     *person,
             CareConnection *connection)
{
  g_autofree char *path = care_cache_dup_path_for_connection (care_person_get_id (person));

  return care_record_new (person, connection, path);
}

static GPtrArray *
wanted_people (CareConnectionStore *store,
               const char          *id)
{
  GListModel *people = care_connection_store_get_people (store);
  GPtrArray *wanted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (people, i);

      if (id == NULL || g_str_equal (id, care_person_get_id (person)))
        g_ptr_array_add (wanted, g_steal_pointer (&person));
    }
  return wanted;
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->report = care_record_sync_finish (CARE_RECORD (source), result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

static void
outbox_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Sends what waits in @record's outbox (readings, answers, messages queued
 * from the command line or the app), as the app does after a sync; says
 * how many went, and why any was refused, on stderr. */
static gboolean
send_outbox (const char *id,
             CareRecord *record,
             guint      *out_n_sent)
{
  CareOutbox *outbox = care_record_get_outbox (record);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  guint n_sent = 0;

  *out_n_sent = 0;
  if (outbox == NULL || care_outbox_get_n_waiting (outbox) == 0)
    return TRUE;
  care_outbox_send_async (outbox, NULL, outbox_sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!care_outbox_send_finish (outbox, result, &n_sent, &error))
    {
      g_printerr ("%s: %s\n", id, error->message);
      return FALSE;
    }
  *out_n_sent = n_sent;
  /* Translators: %u is how many changes were sent to the health system */
  g_print (g_dngettext (GETTEXT_PACKAGE, "  Outbox: %u change sent\n", "  Outbox: %u changes sent\n", n_sent),
           n_sent);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (outbox)); i++)
    {
      g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (outbox), i);

      if (care_outbox_entry_get_state (entry) == CARE_OUTBOX_REFUSED)
        {
          /* Translators: %1$s is an outbox item's id, %2$s the health system's reason */
          g_printerr (_("%1$s: not accepted: %2$s\n"), care_outbox_entry_get_id (entry),
                      care_outbox_entry_get_error (entry));
          ok = FALSE;
        }
    }
  return ok;
}

/* Sets the damaged cache at @path aside for an empty one, keeping what
 * can be read of its outbox; says so on stderr. */
static gboolean
rebuild_cache (const char *id,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) cache = NULL;
  g_autoptr(GPtrArray) outbox = NULL;

  cache = care_cache_rebuild (path, &error);
  if (cache == NULL)
    {
      g_printerr ("%s: %s\n", id, error->message);
      return FALSE;
    }
  outbox = care_cache_outbox_list (cache, TRUE);
  /* Translators: %1$s is a connection id, %2$u a number of unsent changes */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%1$s: the offline copy was rebuilt; %2$u change not sent yet was kept.\n",
                           "%1$s: the offline copy was rebuilt; %2$u changes not sent yet were kept.\n",
                           outbox->len), id, outbox->len);
  return TRUE;
}

static int
sync_one (CareConnectionStore *store,
          SoupSession         *session,
          CarePerson          *person,
          gboolean             full,
          gboolean             rebuild)
{
  g_autoptr(GString) failed = g_string_new (NULL);
  const char *id = care_person_get_id (person);
  g_autoptr(CareRecord) record = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *folder = care_connection_dup_data_dir (id);
  CareConnection *connection = care_connection_store_get_connection (store, session, id);
  Waiter waiter = { loop, NULL, NULL };
  gboolean sent_ok;
  guint n_sent = 0;

  if (connection == NULL)
    {
      /* Translators: %s is what the user typed as a connection id */
      g_printerr (_("No connection is called %s; see carebook-cli account list.\n"), id);
      return 1;
    }
  record = open_record (person, connection);
  if (care_record_get_cache (record) == NULL && rebuild)
    {
      g_autofree char *path = care_cache_dup_path_for_connection (id);

      g_clear_object (&record);
      if (!rebuild_cache (id, path))
        return 1;
      record = open_record (person, connection);
    }
  if (care_record_get_cache (record) == NULL)
    {
      g_printerr ("%s\n", care_record_get_cache_error (record));
      if (!rebuild)
        /* Translators: %s is a connection id */
        g_printerr (_("To set it aside and start again: carebook-cli sync %s --rebuild\n"), id);
      return 1;
    }

  care_record_sync_async (record, full ? CARE_SYNC_FULL : CARE_SYNC_DEFAULT, NULL, synced_cb, &waiter);
  g_main_loop_run (loop);
  if (waiter.report == NULL)
    {
      g_printerr ("%s: %s\n", id, waiter.error->message);
      g_clear_error (&waiter.error);
      return 1;
    }

  care_access_log_append (folder, CARE_ACCESS_EVENT_SYNC, NULL, NULL);
  g_print ("%s\n", id);
  sent_ok = send_outbox (id, record, &n_sent);
  for (guint i = 0; i < waiter.report->entries->len; i++)
    {
      CareSyncReportEntry *entry = g_ptr_array_index (waiter.report->entries, i);

      /* Translators: %1$s is a FHIR resource type, %2$s its state, %3$u a count */
      g_print (_("  %1$-28s %2$s, %3$u changed"), entry->type, status_label (entry->status),
               entry->n_changed + entry->n_removed);
      if (entry->message != NULL)
        g_print (" — %s", entry->message);
      g_print ("\n");
      if (entry->status == CARE_TYPE_STATUS_FAILED)
        g_string_append_printf (failed, "%s%s", failed->len > 0 ? ", " : "", entry->type);
    }
  care_sync_report_free (waiter.report);
  /* What was just sent comes back with the portal's ids. */
  if (n_sent > 0)
    {
      waiter.report = NULL;
      care_record_sync_async (record, CARE_SYNC_DEFAULT, NULL, synced_cb, &waiter);
      g_main_loop_run (loop);
      g_clear_pointer (&waiter.report, care_sync_report_free);
      g_clear_error (&waiter.error);
    }
  if (!sent_ok)
    return 1;
  if (failed->len > 0)
    {
      /* Translators: %1$s is a connection id, %2$s a list of FHIR resource types */
      g_printerr (_("%1$s: these could not be brought up to date: %2$s\n"), id, failed->str);
      return 1;
    }
  return 0;
}

static int
cli_sync (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (_("[ID] — bring the offline copy up to date"));
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  gboolean full = FALSE;
  gboolean rebuild = FALSE;
  int status = 0;
  const GOptionEntry entries[] = {
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Check everything, and remove what the portal deleted"), NULL },
    { "rebuild", 0, 0, G_OPTION_ARG_NONE, &rebuild,
      N_("If the offline copy is damaged, set it aside and start again, keeping unsent changes"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("Usage: carebook-cli sync [ID] [--full] [--rebuild]"));
      return 2;
    }
  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  people = wanted_people (store, argc == 2 ? argv[1] : NULL);
  if (people->len == 0)
    {
      g_printerr ("%s\n", argc == 2 ? _("No such connection; see carebook-cli account list.")
                                    : _("No health system is connected."));
      return 1;
    }
  for (guint i = 0; i < people->len; i++)
    status |= sync_one (store, session, people->pdata[i], full, rebuild);
  return status;
}

static int
cli_status (int    argc,
            char **argv)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;

  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  people = wanted_people (store, argc == 2 ? argv[1] : NULL);
  for (guint i = 0; i < people->len; i++)
    {
      g_autoptr(CareRecord) record = open_record (people->pdata[i], NULL);
      CareCache *cache = care_record_get_cache (record);
      g_autoptr(GHashTable) counts = NULL;
      g_autoptr(GPtrArray) states = NULL;
      g_autoptr(GPtrArray) outbox = NULL;

      g_print ("%s\n", care_person_get_id (people->pdata[i]));
      if (cache == NULL)
        {
          g_print ("  %s\n", care_record_get_cache_error (record));
          continue;
        }
      counts = care_cache_count_by_type (cache, NULL);
      states = care_cache_list_type_states (cache);
      for (guint j = 0; j < states->len; j++)
        {
          CareTypeState *state = g_ptr_array_index (states, j);
          guint n = counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, state->type)) : 0;
          g_autofree char *when = NULL;

          if (state->last_synced > 0)
            {
              g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (state->last_synced);

              when = g_date_time_format (time, "%c");
            }
          /* Translators: %1$s is a resource type, %2$u a count, %3$s a state, %4$s a date */
          g_print (_("  %1$-28s %2$6u  %3$s (last synced %4$s)"), state->type, n, status_label (state->status),
                   when != NULL ? when : _("never"));
          if (state->last_error != NULL)
            g_print (" — %s", state->last_error);
          else if (state->message != NULL)
            g_print (" — %s", state->message);
          g_print ("\n");
        }
      outbox = care_cache_outbox_list (cache, TRUE);
      if (outbox->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "  %u item waiting to be sent\n", "  %u items waiting to be sent\n",
                              outbox->len), outbox->len);
    }
  return 0;
}

static int
cli_export (int    argc,
            char **argv)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(CareRecord) record = NULL;
  CareCache *cache;
  g_autofree char *bundle = NULL;
  g_autofree char *folder = NULL;
  guint n = 0;

  if (argc < 2 || argc > 3)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli export ID [FILE]"));
      return 2;
    }
  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  people = wanted_people (store, argv[1]);
  if (people->len == 0)
    {
      g_printerr ("%s\n", _("No such connection; see carebook-cli account list."));
      return 1;
    }
  record = open_record (people->pdata[0], NULL);
  cache = care_record_get_cache (record);
  if (cache == NULL)
    {
      g_printerr ("%s\n", care_record_get_cache_error (record));
      return 1;
    }

  bundle = care_cache_dup_bundle (cache, &n, &error);
  if (bundle == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (argc == 3)
    {
      /* Health data: the file is private, like the cache. */
      if (!care_paths_write_private_file (argv[2], bundle, strlen (bundle), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else
    fwrite (bundle, 1, strlen (bundle), stdout);

  folder = care_connection_dup_data_dir (argv[1]);
  care_access_log_append (folder, CARE_ACCESS_EVENT_EXPORT, argc == 3 ? argv[2] : NULL, NULL);
  /* Translators: %u is a number of resources */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u resource.\n", "Exported %u resources.\n", n), n);
  return 0;
}

/* One line per item, id first, tab-separated, for scripts: the item's id,
 * the person's, its state and kind, the resource type, what it is and,
 * when refused or in conflict, the portal's words. Tabs and line breaks
 * in the words become spaces, so each item stays one line. */
static void
print_entry (const char      *person_id,
             CareOutboxEntry *entry)
{
  g_autofree char *summary = g_strdup (care_outbox_entry_get_summary (entry));
  g_autofree char *error = g_strdup (care_outbox_entry_get_error (entry));

  g_strdelimit (summary, "\t\n\r", ' ');
  if (error != NULL)
    g_strdelimit (error, "\t\n\r", ' ');
  g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", care_outbox_entry_get_id (entry), person_id,
           care_outbox_state_to_string (care_outbox_entry_get_state (entry)),
           care_outbox_kind_to_string (care_outbox_entry_get_kind (entry)),
           care_outbox_entry_get_resource_type (entry), summary != NULL ? summary : "",
           error != NULL ? error : "");
}

static int
cli_outbox (int    argc,
            char **argv)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  int status = 0;

  if (argc > 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli outbox [ID]"));
      return 2;
    }
  if (!care_connection_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  people = wanted_people (store, argc == 2 ? argv[1] : NULL);
  if (argc == 2 && people->len == 0)
    {
      g_printerr ("%s\n", _("No such connection; see carebook-cli account list."));
      return 1;
    }
  for (guint i = 0; i < people->len; i++)
    {
      const char *id = care_person_get_id (people->pdata[i]);
      g_autoptr(CareRecord) record = open_record (people->pdata[i], NULL);
      CareOutbox *outbox = care_record_get_outbox (record);

      if (outbox == NULL)
        {
          g_printerr ("%s: %s\n", id, care_record_get_cache_error (record));
          status = 1;
          continue;
        }
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (outbox)); j++)
        {
          g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (outbox), j);

          print_entry (id, entry);
        }
    }
  return status;
}

/**
 * care_cli_sync_handles:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: whether argv[1] is one of this file's subcommands
 */
gboolean
care_cli_sync_handles (int    argc,
                       char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "sync") || g_str_equal (argv[1], "status") ||
                       g_str_equal (argv[1], "export") || g_str_equal (argv[1], "outbox"));
}

/**
 * care_cli_sync_main:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: the exit status
 */
int
care_cli_sync_main (int    argc,
                    char **argv)
{
  if (g_str_equal (argv[1], "sync"))
    return cli_sync (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "status"))
    return cli_status (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "outbox"))
    return cli_outbox (argc - 1, argv + 1);
  return cli_export (argc - 1, argv + 1);
}
