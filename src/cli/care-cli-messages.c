/* care-cli-messages.c — carebook-cli messages, message, recipients, renew, letter
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli messages ID [--calls]
 *   carebook-cli message show ID THREAD
 *   carebook-cli message send ID --to WHOM [--subject TEXT] [--kind KIND]
 *                [--attach FILE]… [--reply-to THREAD] [--text TEXT]
 *   carebook-cli message reply ID THREAD [--text TEXT] [--attach FILE]…
 *   carebook-cli recipients ID
 *   carebook-cli pharmacies ID
 *   carebook-cli renew ID MEDICATION_REQUEST_ID [--pharmacy NAME|--other-pharmacy NAME] [--comment TEXT]
 *   carebook-cli renewals ID
 *   carebook-cli letter ID --kind school|work|travel|other [--to WHOM] [--text TEXT]
 *
 * The same core as the app: threads from the cache
 * (care_message_threads_build()), drafts from the messages feature's
 * builders, queued in the record's outbox; `carebook-cli sync` sends
 * them. Without --text the text is read from standard input. Lists are
 * one item a line, tab-separated, id first; what was queued prints the
 * outbox item's id. Errors go to standard error with a non-zero exit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "care-cli-messages.h"
#include "care-cli-open.h"
#include "care-fhir.h"
#include "care-message-draft.h"
#include "care-message-read.h"
#include "care-message-recipients.h"
#include "care-message-thread.h"
#include "care-pharmacy.h"
#include "care-record.h"
#include "care-renewal.h"
#include "care-time.h"

static GPtrArray *
dup_threads (CareCliOpened *opened)
{
  g_autoptr(GPtrArray) messages = care_message_dup_all_read (care_record_get_cache (opened->record));

  return care_message_threads_group (messages);
}

static CareMessageThread *
find_thread (GPtrArray  *threads,
             const char *id)
{
  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      if (g_str_equal (thread->id, id))
        return thread;
      for (guint j = 0; j < thread->messages->len; j++)
        if (g_strcmp0 (care_fhir_get_string (g_ptr_array_index (thread->messages, j), "id"), id) == 0)
          return thread;
    }

  /* Translators: %s is what the user typed as a conversation id */
  g_printerr (_("No conversation is called %s; see carebook-cli messages.\n"), id);
  return NULL;
}

/* A line of a tab-separated list holds no tab or line break. */
static char *
dup_cell (const char *text)
{
  char *cell = g_strdup (text != NULL ? text : "");

  g_strdelimit (cell, "\t\n\r", ' ');
  return cell;
}

static char *
dup_date (gint64 when)
{
  g_autoptr(GDateTime) date = when != 0 ? g_date_time_new_from_unix_local (when) : NULL;

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* With whom: the care team's side of the thread. */
static char *
dup_with_whom (CareMessageThread *thread)
{
  for (guint i = 0; i < thread->messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (thread->messages, i);
      JsonObject *other = care_message_is_from_patient_side (message)
                          ? care_fhir_get_array_object (message, "recipient", 0)
                          : care_fhir_get_object (message, "sender");
      const char *name = care_fhir_get_string (other, "display");

      if (name == NULL)
        name = care_fhir_get_string (other, "reference");
      if (name != NULL)
        return g_strdup (name);
    }
  return g_strdup ("");
}

static int
cli_messages (int    argc,
              char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) threads = NULL;
  gboolean calls = FALSE;

  if (argc == 3 && g_str_equal (argv[2], "--calls"))
    calls = TRUE;
  else if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli messages ID [--calls]"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;

  threads = dup_threads (&opened);
  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);
      g_autofree char *date = dup_date (thread->last_sent != NULL ? g_date_time_to_unix (thread->last_sent) : 0);
      g_autofree char *whom = dup_with_whom (thread);
      g_autofree char *who = dup_cell (whom);
      g_autofree char *subject = dup_cell (thread->topic);

      if (care_message_thread_is_call (thread) != calls)
        continue;
      g_print ("%s\t%s\t%s\t%s\t%u\n", thread->id, date, who, subject, care_message_thread_count_unread (thread));
    }
  return 0;
}

static int
cli_show (int    argc,
          char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) threads = NULL;
  CareMessageThread *thread;

  if (argc != 3)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli message show ID THREAD"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  threads = dup_threads (&opened);
  thread = find_thread (threads, argv[2]);
  if (thread == NULL)
    return 1;

  for (guint i = 0; i < thread->messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (thread->messages, i);
      JsonObject *sender = care_fhir_get_object (message, "sender");
      JsonArray *payload = care_fhir_get_array (message, "payload");
      g_autofree char *date = dup_date (care_message_get_sent (message));
      g_autofree char *who = dup_cell (care_fhir_get_string (sender, "display") ?:
                                       care_fhir_get_string (sender, "reference"));
      g_autofree char *text = care_message_dup_text (message);
      g_autofree char *words = dup_cell (text);

      g_print ("%s\t%s\t%s\t%s\n", care_fhir_get_string (message, "id"), date, who, words);
      for (guint j = 0; payload != NULL && j < json_array_get_length (payload); j++)
        {
          JsonObject *part = care_fhir_get_array_object (message, "payload", j);
          JsonObject *attachment = care_fhir_get_object (part, "contentAttachment");
          JsonObject *reference = care_fhir_get_object (part, "contentReference");
          g_autofree char *title = NULL;

          if (attachment != NULL)
            title = dup_cell (care_fhir_get_string (attachment, "title") ?: care_fhir_get_string (attachment, "url"));
          else if (reference != NULL)
            title = dup_cell (care_fhir_get_string (reference, "display") ?:
                              care_fhir_get_string (reference, "reference"));
          if (title != NULL)
            /* Translators: carebook-cli, a file that came with a message */
            g_print ("%s\t%s\t%s\t%s\n", care_fhir_get_string (message, "id"), date, _("attachment"), title);
        }
    }

  /* Shown is read: here, and on the portal with the next sync. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GError) error = NULL;

    care_message_thread_mark_read (care_record_get_cache (opened.record), care_record_get_outbox (opened.record),
                                   thread, now, &error);
    if (error != NULL)
      g_printerr ("%s\n", error->message);
  }
  return 0;
}

static char *
read_text (const char *text)
{
  g_autoptr(GString) input = NULL;
  char buffer[4096];
  gsize n;

  if (text != NULL)
    return g_strdup (text);

  input = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (input, buffer, n);
      if (input->len > 1024 * 1024)
        break;
    }
  while (input->len > 0 && input->str[input->len - 1] == '\n')
    g_string_truncate (input, input->len - 1);
  return g_string_free (g_steal_pointer (&input), FALSE);
}

static const char *
language_now (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "es") ? "es" : "en";
}

/* Attachment drafts for @files, checked as the portal will. */
static GPtrArray *
dup_attachments (const char  *patient,
                 char       **files,
                 GError     **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *type = NULL;
      g_autofree char *name = g_file_get_basename (file);
      CareOutboxDraft *draft;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE, NULL, error);
      if (info == NULL)
        return NULL;
      type = g_content_type_get_mime_type (g_file_info_get_content_type (info));
      if (!care_message_check_attachment (type, g_file_info_get_size (info), error))
        {
          g_prefix_error (error, "%s: ", name);
          return NULL;
        }
      bytes = g_file_load_bytes (file, NULL, NULL, error);
      if (bytes == NULL)
        return NULL;
      draft = care_message_attachment_draft_new (patient, name, type, bytes, error);
      if (draft == NULL)
        return NULL;
      g_ptr_array_add (drafts, draft);
    }
  return g_steal_pointer (&drafts);
}

/* Queues the attachments, then the message; prints the message's item id. */
static int
queue_all (CareCliOpened   *opened,
           GPtrArray       *attachments,
           CareOutboxDraft *message)
{
  CareOutbox *outbox = care_record_get_outbox (opened->record);
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry;

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    if (care_outbox_queue_draft (outbox, g_ptr_array_index (attachments, i), &error) == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  entry = care_outbox_queue_draft (outbox, message, &error);
  if (entry == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\n", care_outbox_entry_get_id (entry));
  return 0;
}

static gboolean
check_can_write (CareCliOpened *opened)
{
  g_autofree char *reason = NULL;

  if (care_message_can_write (opened->person, &reason))
    return TRUE;
  g_printerr ("%s\n", reason);
  return FALSE;
}

static CareMessageRecipient *
find_recipient (CareCliOpened *opened,
                GPtrArray     *recipients,
                const char    *whom)
{
  g_autoptr(GError) error = NULL;
  CareMessageRecipient *recipient = care_message_recipients_find (recipients, whom, &error);

  if (recipient == NULL)
    g_printerr ("%s\n", error->message);
  return recipient;
}

static int
cli_send (int    argc,
          char **argv,
          gboolean reply)
{
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CareCliOpened) opened = { 0 };
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *kind_code = NULL;
  g_autofree char *reply_to = NULL;
  g_autofree char *text_arg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *sender = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  CareMessageKind kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Who it is for: a name, or part of one"), N_("WHOM") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject"), N_("TEXT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_code,
      N_("medical-question, customer-service, prescription-renewal, letter-request or other"), N_("KIND") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, N_("A picture or PDF to attach"), N_("FILE") },
    { "reply-to", 0, 0, G_OPTION_ARG_STRING, &reply_to, N_("Answer this conversation"), N_("THREAD") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text_arg, N_("The text (default: standard input)"), N_("TEXT") },
    { NULL }
  };
  CareMessageThread *thread = NULL;

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != (reply ? 3 : 2) ||
      (!reply && reply_to == NULL && to == NULL))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                          : reply ? _("Usage: carebook-cli message reply ID THREAD [--text TEXT] [--attach FILE]…")
                          : _("Usage: carebook-cli message send ID --to WHOM [--subject TEXT] [--kind KIND] "
                              "[--attach FILE]… [--reply-to THREAD] [--text TEXT]"));
      return 2;
    }
  if (reply)
    reply_to = g_strdup (argv[2]);
  if (kind_code != NULL && !care_message_kind_from_code (kind_code, &kind))
    {
      /* Translators: %s is what the user typed after --kind */
      g_printerr (_("Unknown kind “%s”: use medical-question, customer-service, prescription-renewal, "
                    "letter-request or other.\n"), kind_code);
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]) || !check_can_write (&opened))
    return 1;

  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (
                               care_record_get_connection (opened.record)));
  sender = care_message_dup_sender (care_record_get_connection (opened.record));
  attachments = dup_attachments (patient, files, &error);
  if (attachments == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (reply_to != NULL)
    {
      threads = dup_threads (&opened);
      thread = find_thread (threads, reply_to);
      if (thread == NULL)
        return 1;
    }
  text = read_text (text_arg);

  if (thread != NULL)
    draft = care_message_reply_draft_new (patient, sender, care_message_thread_get_last_from_care_team (thread),
                                          text, language_now (), now, attachments, &error);
  else
    {
      CareMessageRecipient *recipient;
      CareMessageFields fields = { 0 };

      recipients = care_message_recipients_dup (care_record_get_cache (opened.record));
      recipient = find_recipient (&opened, recipients, to);
      if (recipient == NULL)
        return 1;
      fields.patient = patient;
      fields.sender = sender;
      fields.recipient = recipient->reference;
      fields.recipient_name = recipient->name;
      fields.kind = kind;
      fields.subject = subject;
      fields.text = text;
      fields.language = language_now ();
      fields.when = now;
      draft = care_message_draft_new (&fields, attachments, &error);
    }
  if (draft == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return queue_all (&opened, attachments, draft);
}

static int
cli_recipients (int    argc,
                char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) recipients = NULL;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli recipients ID"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  recipients = care_message_recipients_dup (care_record_get_cache (opened.record));
  for (guint i = 0; i < recipients->len; i++)
    {
      CareMessageRecipient *recipient = g_ptr_array_index (recipients, i);
      g_autofree char *name = dup_cell (recipient->name);
      g_autofree char *role = dup_cell (recipient->role);

      g_print ("%s\t%s\t%s\n", recipient->reference, name, role);
    }
  return 0;
}

/* "Organization/id  name  phone", the one used last first. */
static int
cli_pharmacies (int    argc,
                char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) pharmacies = NULL;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli pharmacies ID"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  pharmacies = care_pharmacies_dup (care_record_get_cache (opened.record));
  for (guint i = 0; i < pharmacies->len; i++)
    {
      CarePharmacy *pharmacy = g_ptr_array_index (pharmacies, i);
      g_autofree char *name = dup_cell (pharmacy->name);
      g_autofree char *phone = dup_cell (pharmacy->phone);

      g_print ("%s\t%s\t%s\n", pharmacy->reference != NULL ? pharmacy->reference : "-", name, phone);
    }
  return 0;
}

static int
compare_renewals (gconstpointer a,
                  gconstpointer b)
{
  const CareRenewal *left = *(CareRenewal **)a;
  const CareRenewal *right = *(CareRenewal **)b;

  if (left->when != right->when)
    return left->when > right->when ? -1 : 1;
  return g_strcmp0 (left->request_id, right->request_id);
}

/* "MEDICATION_REQUEST_ID  state  date  pharmacy  in words", newest first. */
static int
cli_renewals (int    argc,
              char **argv)
{
  static const char *states[] = { "none", "waiting", "not-sent", "requested", "refused", "renewed" };
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GHashTable) renewals = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli renewals ID"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  renewals = care_renewals_dup (care_record_get_cache (opened.record));
  g_hash_table_iter_init (&iter, renewals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((CareRenewal *)value)->status != CARE_RENEWAL_NONE)
      g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_renewals);
  for (guint i = 0; i < sorted->len; i++)
    {
      CareRenewal *renewal = g_ptr_array_index (sorted, i);
      g_autofree char *date = dup_date (renewal->when);
      g_autofree char *pharmacy = dup_cell (renewal->pharmacy);
      g_autofree char *raw = care_renewal_dup_text (renewal);
      g_autofree char *text = dup_cell (raw);

      g_print ("%s\t%s\t%s\t%s\t%s\n", renewal->request_id, states[renewal->status], date, pharmacy, text);
    }
  return 0;
}

static int
cli_renew (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CareCliOpened) opened = { 0 };
  g_autofree char *pharmacy = NULL;
  g_autofree char *other = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *name = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) medication = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) pharmacies = NULL;
  CarePharmacy *chosen = NULL;
  CarePharmacy named = { NULL, NULL, NULL, 0 };
  const GOptionEntry entries[] = {
    { "pharmacy", 0, 0, G_OPTION_ARG_STRING, &pharmacy,
      N_("Where to send it: one of `carebook-cli pharmacies ID`, by its name or a part of it"), N_("NAME") },
    { "other-pharmacy", 0, 0, G_OPTION_ARG_STRING, &other,
      N_("Where to send it: another pharmacy, by its name"), N_("NAME") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Anything to add"), N_("TEXT") },
    { NULL }
  };
  JsonObject *reference;

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 3 ||
      (pharmacy != NULL && other != NULL) || (other != NULL && g_strstrip (other)[0] == '\0'))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                          : _("Usage: carebook-cli renew ID MEDICATION_REQUEST_ID [--pharmacy NAME|--other-pharmacy NAME] "
                              "[--comment TEXT]"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]) || !check_can_write (&opened))
    return 1;
  request = care_cache_lookup (care_record_get_cache (opened.record), "MedicationRequest", argv[2], NULL);
  if (request == NULL)
    {
      /* Translators: %s is what the user typed as a prescription id */
      g_printerr (_("No prescription is called %s in this record.\n"), argv[2]);
      return 1;
    }
  name = care_fhir_dup_concept_text (care_fhir_get_object (request, "medicationCodeableConcept"));
  reference = care_fhir_get_object (request, "medicationReference");
  if (name == NULL && care_fhir_get_string (reference, "display") != NULL)
    name = g_strdup (care_fhir_get_string (reference, "display"));
  if (name == NULL && care_fhir_get_string (reference, "reference") != NULL &&
      g_str_has_prefix (care_fhir_get_string (reference, "reference"), "Medication/"))
    {
      medication = care_cache_lookup (care_record_get_cache (opened.record), "Medication",
                                      care_fhir_get_string (reference, "reference") + strlen ("Medication/"), NULL);
      name = care_fhir_dup_concept_text (care_fhir_get_object (medication, "code"));
    }
  if (pharmacy != NULL)
    {
      /* Only one of the person's pharmacies: an unknown or ambiguous name
       * is refused with the list of them. */
      pharmacies = care_pharmacies_dup (care_record_get_cache (opened.record));
      chosen = care_pharmacies_find (pharmacies, pharmacy, &error);
      if (chosen == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else if (other != NULL)
    {
      /* Not one of theirs: sent by its name, as the app's "Another Pharmacy…". */
      named.name = other;
      chosen = &named;
    }
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (
                               care_record_get_connection (opened.record)));
  sender = care_message_dup_sender (care_record_get_connection (opened.record));
  draft = care_message_renewal_draft_new (patient, sender, request, name != NULL ? name : argv[2], chosen,
                                          comment, language_now (), now, &error);
  if (draft == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return queue_all (&opened, NULL, draft);
}

static int
cli_letter (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CareCliOpened) opened = { 0 };
  g_autofree char *purpose = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text_arg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *sender = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  CareMessageRecipient *recipient;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &purpose, N_("school, work, travel or other"), N_("KIND") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Who writes it (default: the first of the care team)"),
      N_("WHOM") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text_arg, N_("What it should say (default: standard input)"),
      N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 2 || purpose == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                          : _("Usage: carebook-cli letter ID --kind school|work|travel|other [--to WHOM] [--text TEXT]"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]) || !check_can_write (&opened))
    return 1;
  recipients = care_message_recipients_dup (care_record_get_cache (opened.record));
  if (to != NULL)
    recipient = find_recipient (&opened, recipients, to);
  else
    {
      recipient = NULL;
      for (guint i = 0; i < recipients->len && recipient == NULL; i++)
        if (g_str_has_prefix (((CareMessageRecipient *)g_ptr_array_index (recipients, i))->reference,
                              "Practitioner/"))
          recipient = g_ptr_array_index (recipients, i);
      if (recipient == NULL)
        g_printerr ("%s\n", _("No one on the care team takes messages."));
    }
  if (recipient == NULL)
    return 1;
  text = read_text (text_arg);
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (
                               care_record_get_connection (opened.record)));
  sender = care_message_dup_sender (care_record_get_connection (opened.record));
  draft = care_message_letter_draft_new (patient, sender, recipient->reference, recipient->name, purpose, text,
                                         language_now (), now, &error);
  if (draft == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return queue_all (&opened, NULL, draft);
}

gboolean
care_cli_messages_handles (int    argc,
                           char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "messages") || g_str_equal (argv[1], "message") ||
                       g_str_equal (argv[1], "recipients") || g_str_equal (argv[1], "renew") ||
                       g_str_equal (argv[1], "letter") || g_str_equal (argv[1], "pharmacies") ||
                       g_str_equal (argv[1], "renewals"));
}

int
care_cli_messages_main (int    argc,
                        char **argv)
{
  if (g_str_equal (argv[1], "messages"))
    return cli_messages (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "recipients"))
    return cli_recipients (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "renew"))
    return cli_renew (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "pharmacies"))
    return cli_pharmacies (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "renewals"))
    return cli_renewals (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "letter"))
    return cli_letter (argc - 1, argv + 1);
  if (argc >= 3 && g_str_equal (argv[2], "show"))
    return cli_show (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "send"))
    return cli_send (argc - 2, argv + 2, FALSE);
  if (argc >= 3 && g_str_equal (argv[2], "reply"))
    return cli_send (argc - 2, argv + 2, TRUE);

  g_printerr ("%s\n", _("Usage: carebook-cli message show|send|reply …"));
  return 2;
}
