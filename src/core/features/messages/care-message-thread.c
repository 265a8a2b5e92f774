/* care-message-thread.c — messages gathered into conversations
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message belongs to the thread of the first message it is partOf,
 * else to the thread of the message it is inResponseTo (some portals set
 * only that), else it starts one. Threads come newest first, by their
 * last message; inside, messages read oldest first. What the care team
 * sent and the patient has not read has no `received` yet.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-fhir.h"
#include "care-message-thread.h"

void
care_message_thread_free (CareMessageThread *thread)
{
  if (thread == NULL)
    return;

  g_free (thread->id);
  g_free (thread->subject);
  g_clear_pointer (&thread->messages, g_ptr_array_unref);
  g_free (thread);
}

static char *
dup_communication_id (JsonObject *reference)
{
  CareFhirReference target;
  char *id = NULL;

  memset (&target, 0, sizeof target);
  if (reference != NULL && care_fhir_read_reference (reference, &target) &&
      g_strcmp0 (target.type, "Communication") == 0 && target.id != NULL)
    id = g_strdup (target.id);
  care_fhir_reference_clear (&target);
  return id;
}

/**
 * care_message_dup_thread_id:
 * @message: a Communication
 *
 * Returns: (transfer full) (nullable): the id of the first message of its
 *   thread, as far as it says (partOf, else inResponseTo, else its own)
 */
char *
care_message_dup_thread_id (JsonObject *message)
{
  char *id = dup_communication_id (care_fhir_get_array_object (message, "partOf", 0));

  if (id == NULL)
    id = dup_communication_id (care_fhir_get_array_object (message, "inResponseTo", 0));
  return id != NULL ? id : g_strdup (care_fhir_get_string (message, "id"));
}

gint64
care_message_get_sent (JsonObject *message)
{
  const char *sent = care_fhir_get_string (message, "sent");
  gint64 when = 0;

  if (sent == NULL)
    sent = care_fhir_get_string (message, "received");
  if (sent == NULL || !care_fhir_parse_date (sent, &when, NULL))
    return 0;
  return when;
}

/**
 * care_message_is_from_patient_side:
 * @message: a Communication
 *
 * Returns: %TRUE if the patient or someone writing for them sent it
 */
gboolean
care_message_is_from_patient_side (JsonObject *message)
{
  const char *sender = care_fhir_get_string (care_fhir_get_object (message, "sender"), "reference");

  return sender != NULL && (g_str_has_prefix (sender, "Patient/") || g_str_has_prefix (sender, "RelatedPerson/"));
}

/**
 * care_message_dup_text:
 * @message: a Communication
 *
 * Returns: (transfer full) (nullable): its words, one payload a line;
 *   attachments are not part of it
 */
char *
care_message_dup_text (JsonObject *message)
{
  JsonArray *payload = care_fhir_get_array (message, "payload");
  GString *text = g_string_new (NULL);

  for (guint i = 0; payload != NULL && i < json_array_get_length (payload); i++)
    {
      const char *words = care_fhir_get_string (care_fhir_get_array_object (message, "payload", i),
                                                "contentString");

      if (words == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, words);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* Whether @message answers the message called @id. */
static gboolean
answers (JsonObject *message,
         const char *id)
{
  JsonArray *answered = care_fhir_get_array (message, "inResponseTo");

  for (guint i = 0; id != NULL && answered != NULL && i < json_array_get_length (answered); i++)
    {
      g_autofree char *target = dup_communication_id (care_fhir_get_array_object (message, "inResponseTo", i));

      if (g_strcmp0 (target, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* By when they were sent; in the same second, an answer after what it
 * answers. */
static int
compare_sent (gconstpointer a,
              gconstpointer b)
{
  JsonObject *first = *(JsonObject **)a;
  JsonObject *second = *(JsonObject **)b;
  gint64 left = care_message_get_sent (first);
  gint64 right = care_message_get_sent (second);

  if (left != right)
    return left < right ? -1 : 1;
  if (answers (second, care_fhir_get_string (first, "id")))
    return -1;
  if (answers (first, care_fhir_get_string (second, "id")))
    return 1;
  return g_strcmp0 (care_fhir_get_string (first, "id"), care_fhir_get_string (second, "id"));
}

static int
compare_threads (gconstpointer a,
                 gconstpointer b)
{
  const CareMessageThread *left = *(CareMessageThread **)a;
  const CareMessageThread *right = *(CareMessageThread **)b;

  if (left->last_sent != right->last_sent)
    return left->last_sent > right->last_sent ? -1 : 1;
  return g_strcmp0 (left->id, right->id);
}

/**
 * care_message_threads_build:
 * @messages: (element-type JsonObject): Communications, in any order
 *
 * Returns: (transfer full) (element-type CareMessageThread): the
 *   conversations, newest first
 */
GPtrArray *
care_message_threads_build (GPtrArray *messages)
{
  GPtrArray *threads = g_ptr_array_new_with_free_func ((GDestroyNotify)care_message_thread_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) thread_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* A reply that names only the message it answers joins that
   * message's thread, which may itself be a reply. */
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);
      const char *id = care_fhir_get_string (message, "id");

      if (id != NULL)
        g_hash_table_insert (thread_of, g_strdup (id), care_message_dup_thread_id (message));
    }

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);
      g_autofree char *key = care_message_dup_thread_id (message);
      CareMessageThread *thread;

      if (key == NULL || g_strcmp0 (care_fhir_get_string (message, "status"), "entered-in-error") == 0)
        continue;
      for (guint hops = 0; hops < 16; hops++)
        {
          const char *up = g_hash_table_lookup (thread_of, key);

          if (up == NULL || g_str_equal (up, key))
            break;
          g_free (key);
          key = g_strdup (up);
        }

      thread = g_hash_table_lookup (by_id, key);
      if (thread == NULL)
        {
          thread = g_new0 (CareMessageThread, 1);
          thread->id = g_steal_pointer (&key);
          thread->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_hash_table_insert (by_id, thread->id, thread);
          g_ptr_array_add (threads, thread);
        }
      g_ptr_array_add (thread->messages, json_object_ref (message));
    }

  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);
      JsonObject *first;

      g_ptr_array_sort (thread->messages, compare_sent);
      first = g_ptr_array_index (thread->messages, 0);
      for (guint j = 0; j < thread->messages->len && thread->subject == NULL; j++)
        thread->subject = care_fhir_dup_concept_text (care_fhir_get_object (g_ptr_array_index (thread->messages, j),
                                                                             "topic"));
      thread->kind = care_message_get_kind (first);
      thread->is_call = care_message_is_call (first);
      thread->last_sent = care_message_get_sent (g_ptr_array_index (thread->messages, thread->messages->len - 1));
      for (guint j = 0; j < thread->messages->len; j++)
        {
          JsonObject *message = g_ptr_array_index (thread->messages, j);

          if (!care_message_is_from_patient_side (message) && !care_message_is_call (message) &&
              care_fhir_get_string (message, "received") == NULL)
            thread->n_unread++;
        }
    }

  g_ptr_array_sort (threads, compare_threads);
  return threads;
}

JsonObject *
care_message_thread_get_last (CareMessageThread *thread)
{
  g_return_val_if_fail (thread != NULL && thread->messages->len > 0, NULL);

  return g_ptr_array_index (thread->messages, thread->messages->len - 1);
}

/**
 * care_message_thread_get_last_from_care_team:
 * @thread: a conversation
 *
 * Returns: (transfer none) (nullable): the newest message the care team
 *   sent, which a reply answers; else the newest message
 */
JsonObject *
care_message_thread_get_last_from_care_team (CareMessageThread *thread)
{
  g_return_val_if_fail (thread != NULL, NULL);

  for (guint i = thread->messages->len; i > 0; i--)
    if (!care_message_is_from_patient_side (g_ptr_array_index (thread->messages, i - 1)))
      return g_ptr_array_index (thread->messages, i - 1);

  return care_message_thread_get_last (thread);
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/**
 * care_message_thread_matches:
 * @thread: a conversation
 * @words: what was searched for
 *
 * Returns: %TRUE if every word is in its subject, its messages' text or
 *   its attachments' names
 */
gboolean
care_message_thread_matches (CareMessageThread *thread,
                             const char        *words)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (thread != NULL, FALSE);

  if (words == NULL || words[0] == '\0')
    return TRUE;
  folded = g_utf8_casefold (words, -1);
  parts = g_strsplit_set (folded, " \t", -1);
  for (guint p = 0; parts[p] != NULL; p++)
    {
      gboolean found;

      if (parts[p][0] == '\0')
        continue;
      found = contains_folded (thread->subject, parts[p]);
      for (guint i = 0; !found && i < thread->messages->len; i++)
        {
          JsonObject *message = g_ptr_array_index (thread->messages, i);
          JsonArray *payload = care_fhir_get_array (message, "payload");

          for (guint j = 0; !found && payload != NULL && j < json_array_get_length (payload); j++)
            {
              JsonObject *part = care_fhir_get_array_object (message, "payload", j);

              found = contains_folded (care_fhir_get_string (part, "contentString"), parts[p]) ||
                      contains_folded (care_fhir_get_string (care_fhir_get_object (part, "contentAttachment"),
                                                             "title"), parts[p]) ||
                      contains_folded (care_fhir_get_string (care_fhir_get_object (part, "contentReference"),
                                                             "display"), parts[p]);
            }
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}
