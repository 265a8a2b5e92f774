/* care-cli-open.c — open one person's record for a carebook-cli command
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command that takes a connection ID opens it the same way, and
 * says the same thing when it cannot: no such connection, or a cache
 * that will not open.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-cli-open.h"

void
care_cli_opened_clear (CareCliOpened *opened)
{
  opened->cache = NULL;
  opened->outbox = NULL;
  g_clear_object (&opened->record);
  g_clear_object (&opened->person);
  g_clear_object (&opened->session);
  g_clear_object (&opened->store);
}

/**
 * care_cli_open_person:
 * @opened: an empty #CareCliOpened
 * @id: the connection's id, as `carebook-cli account list` prints it
 *
 * Opens the record of the person @id names. On failure prints why on
 * stderr and returns %FALSE; @opened is then cleared by its cleanup.
 *
 * Returns: whether @opened holds the person's record with its cache
 */
gboolean
care_cli_open_person (CareCliOpened *opened,
                      const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GListModel *people;
  CareConnection *connection;

  g_return_val_if_fail (opened != NULL && opened->store == NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  opened->store = care_connection_store_new (NULL);
  opened->session = soup_session_new ();
  if (!care_connection_store_load (opened->store, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  people = care_connection_store_get_people (opened->store);
  for (guint i = 0; i < g_list_model_get_n_items (people) && opened->person == NULL; i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (people, i);

      if (g_str_equal (id, care_person_get_id (person)))
        opened->person = g_steal_pointer (&person);
    }
  connection = opened->person != NULL
    ? care_connection_store_get_connection (opened->store, opened->session, id)
    : NULL;
  if (connection == NULL)
    {
      /* Translators: %s is what the user typed as a connection id */
      g_printerr (_("No connection is called %s; see carebook-cli account list.\n"), id);
      return FALSE;
    }
  path = care_cache_dup_path_for_connection (id);
  opened->record = care_record_new (opened->person, connection, path);
  opened->cache = care_record_get_cache (opened->record);
  opened->outbox = care_record_get_outbox (opened->record);
  if (opened->cache == NULL || opened->outbox == NULL)
    {
      g_printerr ("%s: %s\n", id, care_record_get_cache_error (opened->record));
      return FALSE;
    }
  return TRUE;
}

/**
 * care_cli_opened_dup_patient:
 * @opened: an opened record
 *
 * Returns: (transfer full) (nullable): "Patient/<id>", the patient the
 *   connection signed in for, or %NULL before it has one
 */
char *
care_cli_opened_dup_patient (CareCliOpened *opened)
{
  CareConnection *connection = care_record_get_connection (opened->record);
  const char *patient = connection != NULL ? care_connection_get_patient_id (connection) : NULL;

  return patient != NULL ? g_strconcat ("Patient/", patient, NULL) : NULL;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/**
 * care_cli_opened_queue_and_send:
 * @opened: an opened record
 * @drafts: (element-type CareOutboxDraft): what to queue, in order (a
 *   directive's Binaries before its DocumentReference)
 *
 * Queues @drafts in the person's outbox, prints the last one's outbox id
 * and summary, and tries to send them now; offline they wait for the
 * next sync, which it says on stderr.
 *
 * Returns: the exit status: 1 if they could not be queued or the portal
 *   refused one (its words on stderr), else 0
 */
int
care_cli_opened_queue_and_send (CareCliOpened *opened,
                                GPtrArray     *drafts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  CareOutboxEntry *entry = NULL;

  for (guint i = 0; i < drafts->len; i++)
    {
      entry = care_outbox_queue_draft (opened->outbox, g_ptr_array_index (drafts, i), &error);
      if (entry == NULL)
        {
          g_printerr ("%s\n", error != NULL ? error->message
                                            : _("This record cannot send anything to its health system now."));
          /* None of them half-way: take back those queued. */
          for (guint j = ids->len; j > 0; j--)
            {
              CareOutboxEntry *queued = care_outbox_lookup (opened->outbox, g_ptr_array_index (ids, j - 1));

              if (queued != NULL)
                care_outbox_discard (opened->outbox, queued, NULL);
            }
          return 1;
        }
      g_ptr_array_add (ids, g_strdup (care_outbox_entry_get_id (entry)));
    }
  if (entry == NULL)
    return 0;
  g_print ("%s\t%s\n", care_outbox_entry_get_id (entry), care_outbox_entry_get_summary (entry));

  care_outbox_send_async (opened->outbox, NULL, sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!care_outbox_send_finish (opened->outbox, result, NULL, &error))
    {
      /* Translators: %s says why nothing could be sent now */
      g_printerr (_("Queued; it will be sent at the next sync (%s).\n"), error->message);
      return 0;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      entry = care_outbox_lookup (opened->outbox, g_ptr_array_index (ids, i));
      if (entry != NULL && care_outbox_entry_get_state (entry) == CARE_OUTBOX_REFUSED)
        {
          g_printerr ("%s\n", care_outbox_entry_get_error (entry));
          return 1;
        }
    }
  return 0;
}
