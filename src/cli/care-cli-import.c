/* care-cli-import.c — carebook-cli import: readings from a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli import ID FILE [--dry-run] [--columns DATE,KIND,VALUE[,UNIT]]
 *
 * FILE is Apple Health's export (the zip or its export.xml) or a CSV file
 * of date, kind, value, unit. Prints what the file holds, one line each,
 * tab-separated, the name first:
 *
 *   KIND         COUNT  TITLE     new readings of each kind there are
 *   range        FIRST  LAST      the oldest and newest, UTC, ISO 8601
 *   duplicates   N                already on file (or waiting to be sent)
 *   implausible  N                left out, such as a weight of 900 kg
 *   unreadable   N                rows or records that could not be read
 *   row          TEXT             each implausible row (the first hundred)
 *
 * Without --dry-run the new readings are then queued in the outbox, one
 * Observation each, and sent (or left for the next sync when offline):
 * "queued N", then "sent N".
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "care-cli-import.h"
#include "care-cli-open.h"
#include "care-import.h"
#include "care-record.h"

/* "1,2,3[,4]": the date, kind, value and unit columns, counted from 1. */
static gboolean
parse_columns (const char        *text,
               CareImportColumns *columns)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  int numbers[4] = { -1, -1, -1, -1 };
  guint n = g_strv_length (parts);

  if (n < 3 || n > 4)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;
      long number = strtol (parts[i], &end, 10);

      if (end == parts[i] || *end != '\0' || number < 1 || number > 1000)
        return FALSE;
      numbers[i] = (int) number - 1;
    }
  *columns = (CareImportColumns) { numbers[0], numbers[1], numbers[2], numbers[3], TRUE };
  return TRUE;
}

static char *
dup_utc (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (when, "%FT%TZ");
}

static void
print_preview (CareImportPreview *preview)
{
  GPtrArray *rows = care_import_preview_get_implausible (preview);
  gint64 first, last;

  for (guint k = 0; k < CARE_IMPORT_N_KINDS; k++)
    if (care_import_preview_get_count (preview, k) > 0)
      g_print ("%s\t%u\t%s\n", care_import_kind_to_string (k), care_import_preview_get_count (preview, k),
               care_import_kind_get_title (k));
  if (care_import_preview_get_range (preview, &first, &last))
    {
      g_autofree char *from = dup_utc (first);
      g_autofree char *to = dup_utc (last);

      g_print ("range\t%s\t%s\n", from, to);
    }
  g_print ("duplicates\t%u\n", care_import_preview_get_n_duplicates (preview));
  g_print ("implausible\t%u\n", care_import_preview_get_n_implausible (preview));
  g_print ("unreadable\t%u\n", care_import_preview_get_n_unreadable (preview));
  for (guint i = 0; i < rows->len; i++)
    g_print ("row\t%s\n", (char *) g_ptr_array_index (rows, i));
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
queue_and_send (CareCliOpened     *opened,
                CareImportPreview *preview)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) care_outbox_draft_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *source = care_import_preview_dup_source (preview);
  g_autofree char *patient = NULL;
  CareConnection *connection = care_record_get_connection (opened->record);
  CareOutbox *outbox = care_record_get_outbox (opened->record);
  const CareImportReading *readings;
  guint n, queued, sent = 0;

  if (connection == NULL || care_connection_get_patient_id (connection) == NULL || outbox == NULL)
    {
      g_printerr ("%s\n", _("This record cannot send anything to its health system now."));
      return 1;
    }
  patient = g_strconcat ("Patient/", care_connection_get_patient_id (connection), NULL);
  readings = care_import_preview_get_readings (preview, &n);
  /* The preview kept only readings Track My Health takes, so none is left out here. */
  for (guint i = 0; i < n; i++)
    {
      CareOutboxDraft *draft = care_import_reading_draft_new (&readings[i], patient, source);

      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
    }
  n = drafts->len;
  queued = care_outbox_queue_drafts (outbox, drafts, &error);
  g_print ("queued\t%u\n", queued);
  if (queued < n)
    {
      g_printerr ("%s\n", error != NULL ? error->message : _("This record cannot send anything to its health system now."));
      return 1;
    }
  if (queued == 0)
    return 0;

  care_outbox_send_async (outbox, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!care_outbox_send_finish (outbox, result, &sent, &error))
    {
      /* Translators: %s says why nothing could be sent now */
      g_printerr (_("Queued; it will be sent at the next sync (%s).\n"), error->message);
      return 0;
    }
  g_print ("sent\t%u\n", sent);
  return 0;
}

/**
 * care_cli_import_handles:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: whether argv[1] is this file's subcommand
 */
gboolean
care_cli_import_handles (int    argc,
                         char **argv)
{
  return argc >= 2 && g_str_equal (argv[1], "import");
}

/**
 * care_cli_import_main:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: the exit status
 */
int
care_cli_import_main (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (_("ID FILE — import readings from a file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CareImportExisting) existing = NULL;
  g_autoptr(CareImportPreview) preview = NULL;
  g_autofree char *columns_text = NULL;
  g_auto(CareCliOpened) opened = { 0 };
  CareImportColumns columns;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what the file holds"), NULL },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns_text,
      N_("A CSV file's date, kind, value and unit columns, from 1"), N_("DATE,KIND,VALUE[,UNIT]") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  argc--, argv++;
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("Usage: carebook-cli import ID FILE [--dry-run] "
                                            "[--columns DATE,KIND,VALUE[,UNIT]]"));
      return 2;
    }
  if (columns_text != NULL && !parse_columns (columns_text, &columns))
    {
      g_printerr ("%s\n", _("--columns takes three or four column numbers, counted from 1: DATE,KIND,VALUE[,UNIT]"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;

  existing = care_import_existing_new_for_record (care_record_get_cache (opened.record),
                                                  care_record_get_outbox (opened.record), &error);
  if (existing == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  file = g_file_new_for_commandline_arg (argv[2]);
  preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, columns_text != NULL ? &columns : NULL, existing,
                              !dry_run, NULL, NULL, NULL, &error);
  if (preview == NULL)
    {
      /* Translators: %1$s is a file's name, %2$s why it could not be imported */
      g_printerr (_("%1$s: %2$s\n"), argv[2], error->message);
      return 1;
    }
  print_preview (preview);
  if (dry_run || care_import_preview_get_n_new (preview) == 0)
    return 0;
  return queue_and_send (&opened, preview);
}
