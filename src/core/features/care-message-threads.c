/* care-message-threads.c — Communications as conversations
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A portal's messages are Communications; a reply names the message it
 * answers (`inResponseTo`) or the conversation it belongs to (`partOf`,
 * a Communication). Following those links, messages fall into
 * conversations: each read oldest first, so a reply follows its question,
 * and the conversations newest activity first. A link to a message that
 * is not in the record (deleted, or not shared) leaves the reply as a
 * conversation of its own rather than losing it. Grouping is GTK-free so
 * the Messages view, the command line and the tests share it.
 */
#include "config.h"

#include "care-message-threads.h"

#include "care-fhir.h"

void
care_message_thread_free (CareMessageThread *thread)
{
  if (thread == NULL)
    return;
  g_free (thread->id);
  g_free (thread->topic);
  g_clear_pointer (&thread->messages, g_ptr_array_unref);
  g_clear_pointer (&thread->last_sent, g_date_time_unref);
  g_free (thread);
}

static GDateTime *
dup_sent (JsonObject *message)
{
  GDateTime *sent = care_fhir_dup_date_time (care_fhir_get_string (message, "sent"));

  return sent != NULL ? sent : care_fhir_dup_date_time (care_fhir_get_string (message, "received"));
}

/* The id of the first Communication @member of @message names. */
static const char *
linked_id (JsonObject *message,
           const char *member,
           GHashTable *by_id,
           char      **out_id)
{
  JsonArray *links = care_fhir_get_array (message, member);

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      CareFhirReference reference = { 0 };

      if (care_fhir_read_reference (care_fhir_get_array_object (message, member, i), &reference) &&
          g_strcmp0 (reference.type, "Communication") == 0 && reference.id != NULL &&
          g_hash_table_contains (by_id, reference.id))
        {
          *out_id = g_steal_pointer (&reference.id);
          care_fhir_reference_clear (&reference);
          return *out_id;
        }
      care_fhir_reference_clear (&reference);
    }
  return NULL;
}

/* The conversation @id belongs to: follow partOf, else inResponseTo,
 * until a message links nowhere known (or a loop comes back). */
static char *
dup_root (GHashTable *by_id,
          const char *id)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (g_str_hash, g_str_equal);
  char *current = g_strdup (id);

  while (g_hash_table_add (visited, current))
    {
      JsonObject *message = g_hash_table_lookup (by_id, current);
      char *next = NULL;

      if (linked_id (message, "partOf", by_id, &next) == NULL &&
          linked_id (message, "inResponseTo", by_id, &next) == NULL)
        break;
      if (g_hash_table_contains (visited, next))
        {
          g_free (next);
          break;
        }
      current = next;
    }
  /* Every id walked is in @visited (and owned there), the last one too. */
  {
    char *root = g_strdup (current);
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, visited);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
    return root;
  }
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  g_autoptr(GDateTime) sent_a = dup_sent (*(JsonObject **)a);
  g_autoptr(GDateTime) sent_b = dup_sent (*(JsonObject **)b);

  /* Oldest first; undated last; then by id so the order is stable. */
  if (sent_a == NULL || sent_b == NULL)
    {
      if ((sent_a == NULL) != (sent_b == NULL))
        return (sent_a == NULL) - (sent_b == NULL);
    }
  else if (g_date_time_compare (sent_a, sent_b) != 0)
    return g_date_time_compare (sent_a, sent_b);
  return g_strcmp0 (care_fhir_get_string (*(JsonObject **)a, "id"), care_fhir_get_string (*(JsonObject **)b, "id"));
}

static int
compare_threads (gconstpointer a,
                 gconstpointer b)
{
  CareMessageThread *thread_a = *(CareMessageThread **)a;
  CareMessageThread *thread_b = *(CareMessageThread **)b;

  if (thread_a->last_sent == NULL || thread_b->last_sent == NULL)
    {
      if ((thread_a->last_sent == NULL) != (thread_b->last_sent == NULL))
        return (thread_a->last_sent == NULL) - (thread_b->last_sent == NULL);
      return g_strcmp0 (thread_a->id, thread_b->id);
    }
  if (g_date_time_compare (thread_b->last_sent, thread_a->last_sent) != 0)
    return g_date_time_compare (thread_b->last_sent, thread_a->last_sent);
  return g_strcmp0 (thread_a->id, thread_b->id);
}

/**
 * care_message_threads_group:
 * @communications: (element-type JsonObject): Communications, in any order
 *
 * Returns: (transfer full) (element-type CareMessageThread): the
 *   conversations, newest activity first, each oldest message first;
 *   messages without an id are each a conversation of their own
 */
GPtrArray *
care_message_threads_group (GPtrArray *communications)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_root = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *threads = g_ptr_array_new_with_free_func ((GDestroyNotify)care_message_thread_free);

  g_return_val_if_fail (communications != NULL, threads);

  for (guint i = 0; i < communications->len; i++)
    {
      const char *id = care_fhir_get_string (g_ptr_array_index (communications, i), "id");

      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer)id, g_ptr_array_index (communications, i));
    }

  for (guint i = 0; i < communications->len; i++)
    {
      JsonObject *message = g_ptr_array_index (communications, i);
      const char *id = care_fhir_get_string (message, "id");
      g_autofree char *root = NULL;
      CareMessageThread *thread = NULL;

      /* A duplicate id: the first copy stands for it. */
      if (id != NULL && g_hash_table_lookup (by_id, id) != message)
        continue;
      root = id != NULL ? dup_root (by_id, id) : NULL;
      if (root != NULL)
        thread = g_hash_table_lookup (by_root, root);
      if (thread == NULL)
        {
          thread = g_new0 (CareMessageThread, 1);
          thread->id = g_strdup (root);
          thread->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_ptr_array_add (threads, thread);
          if (root != NULL)
            g_hash_table_insert (by_root, g_strdup (root), thread);
        }
      g_ptr_array_add (thread->messages, json_object_ref (message));
    }

  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      g_ptr_array_sort (thread->messages, compare_messages);
      for (guint j = 0; j < thread->messages->len && thread->topic == NULL; j++)
        thread->topic = care_fhir_dup_concept_text (care_fhir_get_object (g_ptr_array_index (thread->messages, j),
                                                                          "topic"));
      for (guint j = thread->messages->len; j > 0 && thread->last_sent == NULL; j--)
        thread->last_sent = dup_sent (g_ptr_array_index (thread->messages, j - 1));
    }
  g_ptr_array_sort (threads, compare_threads);
  return threads;
}

/**
 * care_message_is_from:
 * @message: a Communication
 * @reference: "Patient/<id>" or "RelatedPerson/<id>": the user
 *
 * Returns: whether @message was sent by @reference, so the view can set
 *   the user's own messages apart
 */
gboolean
care_message_is_from (JsonObject *message,
                      const char *reference)
{
  CareFhirReference sender = { 0 };
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  gboolean from;

  if (reference == NULL || !care_fhir_parse_reference (reference, &type, &id))
    return FALSE;
  from = care_fhir_read_reference (care_fhir_get_object (message, "sender"), &sender) &&
         g_strcmp0 (sender.type, type) == 0 && g_strcmp0 (sender.id, id) == 0;
  care_fhir_reference_clear (&sender);
  return from;
}
