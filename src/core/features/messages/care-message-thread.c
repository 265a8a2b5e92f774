/* care-message-thread.c — what Messages asks of a conversation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conversations come from care_message_threads_group(), newest first,
 * their messages oldest first. A conversation's kind is its first
 * message's; it is a clinic call when that message came by phone; what
 * the care team sent and the patient has not read has no `received` yet.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-fhir.h"
#include "care-message-thread.h"

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

CareMessageKind
care_message_thread_get_kind (CareMessageThread *thread)
{
  g_return_val_if_fail (thread != NULL && thread->messages->len > 0, CARE_MESSAGE_KIND_OTHER);

  return care_message_get_kind (g_ptr_array_index (thread->messages, 0));
}

gboolean
care_message_thread_is_call (CareMessageThread *thread)
{
  g_return_val_if_fail (thread != NULL && thread->messages->len > 0, FALSE);

  return care_message_is_call (g_ptr_array_index (thread->messages, 0));
}

/**
 * care_message_thread_count_unread:
 * @thread: a conversation
 *
 * Returns: how many of its messages from the care team are not read yet
 */
guint
care_message_thread_count_unread (CareMessageThread *thread)
{
  guint n = 0;

  g_return_val_if_fail (thread != NULL, 0);

  for (guint j = 0; j < thread->messages->len; j++)
    {
      JsonObject *message = g_ptr_array_index (thread->messages, j);

      if (!care_message_is_from_patient_side (message) && !care_message_is_call (message) &&
          care_fhir_get_string (message, "received") == NULL)
        n++;
    }
  return n;
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
      found = contains_folded (thread->topic, parts[p]);
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
