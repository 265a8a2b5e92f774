/* care-message-read.c — which messages the person has read
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message from the care team is unread until it has `received`. Opening
 * its conversation marks it read twice over: at once in the offline copy
 * (the cache's meta table, CARE_MESSAGE_READ_META, one "id<TAB>when" a
 * line, applied to what is read from the cache until the portal's copy
 * says so itself), and on the portal when it takes updates of
 * Communication (FHIR-CLIENT.md 25), as an outbox update that sets
 * `received`. A portal that does not take them leaves the mark local.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-fhir.h"
#include "care-message-read.h"
#include "care-message-recipients.h"

/**
 * care_message_read_dup_local:
 * @cache: a person's cache
 *
 * Returns: (transfer full): the ids of the messages read on this
 *   computer, each to when it was read (an ISO date and time)
 */
GHashTable *
care_message_read_dup_local (CareCache *cache)
{
  GHashTable *read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *value = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), read);

  value = care_cache_dup_meta (cache, CARE_MESSAGE_READ_META);
  lines = g_strsplit (value != NULL ? value : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab == NULL || tab == lines[i])
        continue;
      g_hash_table_insert (read, g_strndup (lines[i], tab - lines[i]), g_strdup (tab + 1));
    }
  return read;
}

/**
 * care_message_read_apply:
 * @read: from care_message_read_dup_local()
 * @messages: (element-type JsonObject): Communications, changed in place
 *
 * Gives the messages read on this computer the `received` the portal has
 * not sent yet.
 */
void
care_message_read_apply (GHashTable *read,
                         GPtrArray  *messages)
{
  g_return_if_fail (read != NULL && messages != NULL);

  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);
      const char *id = care_fhir_get_string (message, "id");
      const char *when = id != NULL ? g_hash_table_lookup (read, id) : NULL;

      if (when != NULL && care_fhir_get_string (message, "received") == NULL)
        json_object_set_string_member (message, "received", when);
    }
}

/**
 * care_message_dup_all_read:
 * @cache: a person's cache
 *
 * Returns: (transfer full) (element-type JsonObject): their
 *   Communications, those read on this computer marked so
 */
GPtrArray *
care_message_dup_all_read (CareCache *cache)
{
  g_autoptr(GHashTable) read = NULL;
  GPtrArray *messages;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  messages = care_message_dup_all (cache);
  read = care_message_read_dup_local (cache);
  care_message_read_apply (read, messages);
  return messages;
}

/**
 * care_message_count_unread:
 * @cache: a person's cache
 *
 * Returns: how many messages from their care team they have not read
 */
guint
care_message_count_unread (CareCache *cache)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_CACHE (cache), 0);

  messages = care_message_dup_all_read (cache);
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len; i++)
    n += care_message_thread_count_unread (g_ptr_array_index (threads, i));
  return n;
}

/**
 * care_message_read_draft_new:
 * @message: a Communication from the care team, as the portal sent it
 * @when: when it was read
 *
 * Returns: (transfer full) (nullable): an update of @message with
 *   `received` set, sent with If-Match on the version it has; %NULL when
 *   it has no id
 */
CareOutboxDraft *
care_message_read_draft_new (JsonObject *message,
                             GDateTime  *when)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *summary = NULL;
  JsonObject *topic;
  JsonObject *changed;

  g_return_val_if_fail (message != NULL && when != NULL, NULL);

  /* A copy through text: the caller's object stays as it was. */
  node = json_node_init_object (json_node_alloc (), message);
  json = json_to_string (node, FALSE);
  copy = json_from_string (json, NULL);
  if (copy == NULL || !JSON_NODE_HOLDS_OBJECT (copy))
    return NULL;
  changed = json_node_get_object (copy);
  stamp = g_date_time_format (when, "%FT%T%:z");
  json_object_set_string_member (changed, "received", stamp);

  topic = care_fhir_get_object (message, "topic");
  if (care_fhir_get_string (topic, "text") != NULL)
    /* Translators: an item waiting to be sent; %s is a conversation's subject */
    summary = g_strdup_printf (_("Read: %s"), care_fhir_get_string (topic, "text"));
  else
    summary = g_strdup (_("Read a message from your care team"));
  return care_outbox_draft_new_update (changed, summary);
}

static gboolean
save_local (CareCache   *cache,
            GHashTable  *read,
            GError     **error)
{
  g_autoptr(GPtrArray) messages = care_message_dup_all (cache);
  g_autoptr(GString) value = g_string_new (NULL);

  /* Only what the portal's copy does not say yet is worth keeping. */
  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);
      const char *id = care_fhir_get_string (message, "id");
      const char *when = id != NULL ? g_hash_table_lookup (read, id) : NULL;

      if (when != NULL && care_fhir_get_string (message, "received") == NULL)
        g_string_append_printf (value, "%s\t%s\n", id, when);
    }
  return care_cache_set_meta (cache, CARE_MESSAGE_READ_META, value->len > 0 ? value->str : NULL, error);
}

/**
 * care_message_thread_mark_read:
 * @cache: the person's cache
 * @outbox: (nullable): their outbox, to tell the portal too
 * @thread: a conversation, with what was read applied
 *   (care_message_dup_all_read())
 * @when: now
 * @error: return location for a #GError, when the offline copy could not
 *   keep the mark
 *
 * Marks the care team's unread messages of @thread read: here at once,
 * and on the portal through @outbox where it takes updates of messages.
 *
 * Returns: how many messages were marked; 0 with @error set on failure
 */
guint
care_message_thread_mark_read (CareCache         *cache,
                               CareOutbox        *outbox,
                               CareMessageThread *thread,
                               GDateTime         *when,
                               GError           **error)
{
  g_autoptr(GHashTable) read = NULL;
  g_autofree char *stamp = NULL;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_CACHE (cache), 0);
  g_return_val_if_fail (outbox == NULL || CARE_IS_OUTBOX (outbox), 0);
  g_return_val_if_fail (thread != NULL && when != NULL, 0);

  if (care_message_thread_count_unread (thread) == 0)
    return 0;
  read = care_message_read_dup_local (cache);
  stamp = g_date_time_format (when, "%FT%T%:z");
  for (guint i = 0; i < thread->messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (thread->messages, i);
      const char *id = care_fhir_get_string (message, "id");
      g_autoptr(CareOutboxDraft) draft = NULL;

      if (id == NULL || care_message_is_from_patient_side (message) || care_message_is_call (message) ||
          care_fhir_get_string (message, "received") != NULL)
        continue;
      g_hash_table_insert (read, g_strdup (id), g_strdup (stamp));
      n++;
      /* A portal that does not take it keeps the mark here only. */
      draft = outbox != NULL ? care_message_read_draft_new (message, when) : NULL;
      if (draft != NULL && care_outbox_queue_draft (outbox, draft, NULL) == NULL)
        g_debug ("The portal keeps no read marks; this one stays on this computer");
    }
  if (!save_local (cache, read, error))
    return 0;
  return n;
}
