/* care-message-saved.c — what was being written, kept as it is typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An unsent message lives in the cache's meta table under
 * "message-draft:<key>" (CARE_MESSAGE_SAVED_COMPOSE for the compose
 * window, "reply:<thread id>" for a reply field) as a small JSON object,
 * so it survives a restart and never leaves the computer: the cache file
 * is 0600 like the rest of the record. Attachments are not kept; they
 * are added again from their files. Sending (or discarding) clears it.
 */
#include "config.h"

#include "care-fhir.h"
#include "care-json.h"
#include "care-message-saved.h"

void
care_message_saved_free (CareMessageSaved *saved)
{
  if (saved == NULL)
    return;
  g_free (saved->recipient);
  g_free (saved->subject);
  g_free (saved->text);
  g_free (saved->letter_purpose);
  g_free (saved);
}

static char *
dup_meta_key (const char *key)
{
  return g_strconcat ("message-draft:", key, NULL);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/**
 * care_message_saved_is_empty:
 * @saved: a saved message
 *
 * Returns: %TRUE if nothing was written in it yet (no subject, no text)
 */
gboolean
care_message_saved_is_empty (const CareMessageSaved *saved)
{
  g_return_val_if_fail (saved != NULL, TRUE);

  return is_blank (saved->subject) && is_blank (saved->text);
}

/**
 * care_message_saved_store:
 * @cache: the person's cache
 * @key: which draft (CARE_MESSAGE_SAVED_COMPOSE, "reply:<thread id>")
 * @saved: what was written; an empty one clears the draft
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE if it is kept
 */
gboolean
care_message_saved_store (CareCache               *cache,
                          const char              *key,
                          const CareMessageSaved  *saved,
                          GError                 **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autofree char *meta_key = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (key != NULL && saved != NULL, FALSE);

  if (care_message_saved_is_empty (saved))
    return care_message_saved_clear (cache, key, error);

  object = json_object_new ();
  json_object_set_string_member (object, "kind", care_message_kind_to_code (saved->kind));
  if (saved->recipient != NULL)
    json_object_set_string_member (object, "recipient", saved->recipient);
  if (saved->subject != NULL)
    json_object_set_string_member (object, "subject", saved->subject);
  if (saved->text != NULL)
    json_object_set_string_member (object, "text", saved->text);
  if (saved->letter_purpose != NULL)
    json_object_set_string_member (object, "letterPurpose", saved->letter_purpose);
  node = json_node_init_object (json_node_alloc (), object);
  json = json_to_string (node, FALSE);
  meta_key = dup_meta_key (key);
  return care_cache_set_meta (cache, meta_key, json, error);
}

/**
 * care_message_saved_load:
 * @cache: the person's cache
 * @key: which draft
 *
 * Returns: (transfer full) (nullable): the draft kept under @key, or
 *   %NULL when there is none (or it cannot be read)
 */
CareMessageSaved *
care_message_saved_load (CareCache  *cache,
                         const char *key)
{
  g_autofree char *meta_key = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) object = NULL;
  CareMessageSaved *saved;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  meta_key = dup_meta_key (key);
  json = care_cache_dup_meta (cache, meta_key);
  object = json != NULL ? care_json_parse_object (json, -1, NULL) : NULL;
  if (object == NULL)
    return NULL;

  saved = g_new0 (CareMessageSaved, 1);
  if (!care_message_kind_from_code (care_fhir_get_string (object, "kind"), &saved->kind))
    saved->kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  saved->recipient = g_strdup (care_fhir_get_string (object, "recipient"));
  saved->subject = g_strdup (care_fhir_get_string (object, "subject"));
  saved->text = g_strdup (care_fhir_get_string (object, "text"));
  saved->letter_purpose = g_strdup (care_fhir_get_string (object, "letterPurpose"));
  return saved;
}

/**
 * care_message_saved_clear:
 * @cache: the person's cache
 * @key: which draft
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: %TRUE if no draft is kept under @key any more
 */
gboolean
care_message_saved_clear (CareCache   *cache,
                          const char  *key,
                          GError     **error)
{
  g_autofree char *meta_key = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  meta_key = dup_meta_key (key);
  return care_cache_set_meta (cache, meta_key, NULL, error);
}
