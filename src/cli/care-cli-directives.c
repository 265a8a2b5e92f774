/* care-cli-directives.c — carebook-cli directives and directive
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli directives ID
 *   carebook-cli directive upload ID FILE… [--title TEXT] [--signed YYYY-MM-DD]
 *   carebook-cli directive agent ID --name NAME [--phone PHONE] [--relationship TEXT]
 *   carebook-cli directive forms ID
 *   carebook-cli directive form ID FORM --output FILE
 *
 * `directives` prints what is on file for end-of-life planning, one a
 * line, tab-separated: id, kind (directive, agent, form), state ("on-file",
 * or the outbox's: "waiting", "refused"…), title or name, date, then the
 * file's name or the agent's relationship, and the agent's phone.
 * `upload` sends a signed directive (one PDF, or a photo per page; each
 * checked for type and size before it is read) as one DocumentReference;
 * `agent` names the health care agent (a RelatedPerson). Both go through
 * the outbox, print the outbox id, and are sent now or at the next sync.
 * `forms` lists the blank forms the portal offers (id, title, file name);
 * `form` saves one.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "care-cli-directives.h"
#include "care-cli-open.h"
#include "care-directives.h"
#include "care-fhir.h"

static const char *usage_upload = N_("Usage: carebook-cli directive upload ID FILE… [--title TEXT] "
                                     "[--signed YYYY-MM-DD]");
static const char *usage_agent = N_("Usage: carebook-cli directive agent ID --name NAME [--phone PHONE] "
                                    "[--relationship TEXT]");
static const char *usage_form = N_("Usage: carebook-cli directive form ID FORM --output FILE");

/* Tabs and line breaks inside a field would split it. */
static char *
dup_field (const char *text)
{
  char *field = g_strdup (text != NULL ? text : "");

  g_strdelimit (field, "\t\r\n", ' ');
  return field;
}

static GPtrArray *
list_items (CareCliOpened *opened)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = care_directives_list (opened->cache, &error);

  if (items == NULL)
    g_printerr ("%s\n", error->message);
  return items;
}

static int
cli_list (const char *id,
          gboolean    forms_only)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) items = NULL;

  if (!care_cli_open_person (&opened, id) || (items = list_items (&opened)) == NULL)
    return 1;
  for (guint i = 0; i < items->len; i++)
    {
      CareDirectiveItem *item = items->pdata[i];
      g_autofree char *title = dup_field (item->title);
      g_autofree char *detail = dup_field (item->detail);
      g_autofree char *phone = dup_field (item->phone);

      if (forms_only && item->kind != CARE_DIRECTIVE_ITEM_FORM)
        continue;
      if (forms_only)
        g_print ("%s\t%s\t%s\n", item->id, title, detail);
      else
        g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", item->id, care_directive_item_kind_to_string (item->kind),
                 item->waiting ? care_outbox_state_to_string (item->state) : "on-file", title,
                 item->date != NULL ? item->date : "", detail, phone);
    }
  return 0;
}

static int
cli_upload (int    argc,
            char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) signed_on = NULL;
  g_autofree char *patient = NULL;
  const char *title = NULL;
  CareDirectiveFile *loaded;

  /* argv: upload ID FILE… */
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--title") && i + 1 < argc)
        title = argv[++i];
      else if (g_str_equal (argv[i], "--signed") && i + 1 < argc)
        {
          g_autofree char *day = g_strconcat (argv[++i], "T12:00:00", NULL);

          g_clear_pointer (&signed_on, g_date_time_unref);
          signed_on = g_date_time_new_from_iso8601 (day, g_date_time_get_timezone (now));
          if (signed_on == NULL)
            {
              g_printerr ("%s\n", _(usage_upload));
              return 2;
            }
        }
      else if (g_str_has_prefix (argv[i], "--"))
        {
          g_printerr ("%s\n", _(usage_upload));
          return 2;
        }
      else
        g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));
    }
  if (argc < 3 || files->len == 0)
    {
      g_printerr ("%s\n", _(usage_upload));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;

  loaded = care_directive_files_load ((GFile **)files->pdata, files->len, NULL, &error);
  if (loaded == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  patient = care_cli_opened_dup_patient (&opened);
  if (patient != NULL)
    drafts = care_directive_drafts_new (patient, title, loaded, files->len, signed_on, now, &error);
  care_directive_files_free (loaded, files->len);
  if (drafts == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("This record cannot send anything to its health system now."));
      return 1;
    }
  return care_cli_opened_queue_and_send (&opened, drafts);
}

static int
cli_agent (int    argc,
           char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  g_autofree char *patient = NULL;
  const char *name = NULL;
  const char *phone = NULL;
  const char *relationship = NULL;
  CareOutboxDraft *draft = NULL;

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--name") && i + 1 < argc)
        name = argv[++i];
      else if (g_str_equal (argv[i], "--phone") && i + 1 < argc)
        phone = argv[++i];
      else if (g_str_equal (argv[i], "--relationship") && i + 1 < argc)
        relationship = argv[++i];
      else
        {
          g_printerr ("%s\n", _(usage_agent));
          return 2;
        }
    }
  if (argc < 2 || name == NULL)
    {
      g_printerr ("%s\n", _(usage_agent));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  patient = care_cli_opened_dup_patient (&opened);
  if (patient != NULL)
    draft = care_agent_draft_new (patient, name, relationship, phone, &error);
  if (draft == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("This record cannot send anything to its health system now."));
      return 1;
    }
  g_ptr_array_add (drafts, draft);
  return care_cli_opened_queue_and_send (&opened, drafts);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static int
cli_form (int    argc,
          char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CareSyncEngine *engine;
  JsonObject *attachment;

  /* argv: form ID FORM --output FILE */
  if (argc != 5 || !g_str_equal (argv[3], "--output"))
    {
      g_printerr ("%s\n", _(usage_form));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  document = care_cache_lookup (opened.cache, "DocumentReference", argv[2], NULL);
  if (document == NULL || !care_directive_is_blank_form (document))
    {
      /* Translators: %s is what the user typed as a form's id */
      g_printerr (_("No blank form is called %s; see carebook-cli directive forms.\n"), argv[2]);
      return 1;
    }
  attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  engine = care_record_get_engine (opened.record);
  if (attachment == NULL || engine == NULL)
    {
      g_printerr ("%s\n", _("This form has no file to save."));
      return 1;
    }
  care_sync_engine_fetch_attachment_async (engine, attachment, NULL, fetched_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = care_sync_engine_fetch_attachment_finish (engine, result, NULL, &error);
  if (bytes == NULL ||
      !g_file_set_contents_full (argv[4], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\n", argv[4]);
  return 0;
}

/**
 * care_cli_directives_handles:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: whether argv[1] is one of this file's subcommands
 */
gboolean
care_cli_directives_handles (int    argc,
                             char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "directives") || g_str_equal (argv[1], "directive"));
}

/**
 * care_cli_directives_main:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: the exit status: 0, 1 on failure, 2 on a usage error
 */
int
care_cli_directives_main (int    argc,
                          char **argv)
{
  if (g_str_equal (argv[1], "directives") && argc == 3)
    return cli_list (argv[2], FALSE);
  if (argc >= 4 && g_str_equal (argv[2], "forms") && argc == 4)
    return cli_list (argv[3], TRUE);
  if (argc >= 3 && g_str_equal (argv[2], "upload"))
    return cli_upload (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "agent"))
    return cli_agent (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "form"))
    return cli_form (argc - 2, argv + 2);
  g_printerr ("%s\n", _("Usage: carebook-cli directives ID\n"
                        "       carebook-cli directive upload|agent|forms|form ID …"));
  return 2;
}
