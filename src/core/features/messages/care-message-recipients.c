/* care-message-recipients.c — who on the care team takes messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people a patient may write to are the participants of their care
 * teams (CareTeam, synced with the plan of care) that are a practitioner,
 * a practitioner's role or a department (Organization). A portal may say
 * that one of them takes no portal messages, on the resource itself, by
 * the extension CARE_MESSAGE_RECEIVES_URL with valueBoolean false (the
 * sandbox does); a portal that says nothing lets the patient choose any.
 * Recently written to come first, then by name.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-message-recipients.h"
#include "care-message-thread.h"
#include "care-name-match.h"
#include "care-resource-item.h"

void
care_message_recipient_free (CareMessageRecipient *recipient)
{
  if (recipient == NULL)
    return;

  g_free (recipient->reference);
  g_free (recipient->name);
  g_free (recipient->role);
  g_free (recipient);
}

static GPtrArray *
dup_resources (CareCache  *cache,
               const char *type)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GListModel) model = care_cache_query (cache, query, NULL);
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (model, i);
      JsonObject *resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        g_ptr_array_add (resources, resource);
    }
  return resources;
}

/**
 * care_message_dup_all:
 * @cache: a person's cache
 *
 * Returns: (transfer full) (element-type JsonObject): their Communications
 */
GPtrArray *
care_message_dup_all (CareCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return dup_resources (cache, "Communication");
}

static gboolean
refuses_messages (JsonObject *resource)
{
  JsonArray *extensions = care_fhir_get_array (resource, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = care_fhir_get_array_object (resource, "extension", i);
      JsonNode *value = json_object_get_member (extension, "valueBoolean");

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), CARE_MESSAGE_RECEIVES_URL) == 0 &&
          value != NULL && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        return !json_node_get_boolean (value);
    }

  return FALSE;
}

static char *
dup_name (CareCache  *cache,
          JsonObject *reference,
          JsonObject *target)
{
  JsonArray *names = care_fhir_get_array (target, "name");
  char *name;

  if (care_fhir_get_string (reference, "display") != NULL)
    return g_strdup (care_fhir_get_string (reference, "display"));
  if (names != NULL && (name = care_fhir_dup_human_name (names)) != NULL)
    return name;
  if (care_fhir_get_string (target, "name") != NULL)
    return g_strdup (care_fhir_get_string (target, "name"));
  return NULL;
}

static int
compare_recipients (gconstpointer a,
                    gconstpointer b)
{
  const CareMessageRecipient *left = *(CareMessageRecipient **)a;
  const CareMessageRecipient *right = *(CareMessageRecipient **)b;

  if (left->last_written != right->last_written)
    return left->last_written > right->last_written ? -1 : 1;
  return g_utf8_collate (left->name, right->name);
}

/**
 * care_message_recipients_dup:
 * @cache: a person's cache
 *
 * Returns: (transfer full) (element-type CareMessageRecipient): who the
 *   person may write to, those written to most recently first
 */
GPtrArray *
care_message_recipients_dup (CareCache *cache)
{
  GPtrArray *recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)care_message_recipient_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  g_return_val_if_fail (cache != NULL, recipients);

  teams = dup_resources (cache, "CareTeam");
  for (guint i = 0; i < teams->len; i++)
    {
      JsonObject *team = g_ptr_array_index (teams, i);
      JsonArray *participants = care_fhir_get_array (team, "participant");

      if (g_strcmp0 (care_fhir_get_string (team, "status"), "inactive") == 0 ||
          g_strcmp0 (care_fhir_get_string (team, "status"), "entered-in-error") == 0)
        continue;
      for (guint j = 0; participants != NULL && j < json_array_get_length (participants); j++)
        {
          JsonObject *participant = care_fhir_get_array_object (team, "participant", j);
          JsonObject *member = care_fhir_get_object (participant, "member");
          CareFhirReference target;
          g_autoptr(JsonObject) resource = NULL;
          CareMessageRecipient *recipient;
          g_autofree char *reference = NULL;

          memset (&target, 0, sizeof target);
          if (member == NULL || !care_fhir_read_reference (member, &target) || target.type == NULL ||
              target.id == NULL ||
              (!g_str_equal (target.type, "Practitioner") && !g_str_equal (target.type, "PractitionerRole") &&
               !g_str_equal (target.type, "Organization")))
            {
              care_fhir_reference_clear (&target);
              continue;
            }
          reference = g_strdup_printf ("%s/%s", target.type, target.id);
          resource = care_cache_lookup (cache, target.type, target.id, NULL);
          care_fhir_reference_clear (&target);
          if (g_hash_table_contains (seen, reference) || refuses_messages (resource))
            continue;

          recipient = g_new0 (CareMessageRecipient, 1);
          recipient->reference = g_steal_pointer (&reference);
          recipient->name = dup_name (cache, member, resource);
          if (recipient->name == NULL)
            recipient->name = g_strdup (recipient->reference);
          recipient->role = care_fhir_dup_concept_text (care_fhir_get_array_object (participant, "role", 0));
          g_hash_table_add (seen, recipient->reference);
          g_ptr_array_add (recipients, recipient);
        }
    }

  /* Recently used first. */
  messages = care_message_dup_all (cache);
  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);
      const char *to = care_fhir_get_string (care_fhir_get_array_object (message, "recipient", 0), "reference");

      if (!care_message_is_from_patient_side (message) || to == NULL)
        continue;
      for (guint j = 0; j < recipients->len; j++)
        {
          CareMessageRecipient *recipient = g_ptr_array_index (recipients, j);

          if (g_str_equal (recipient->reference, to))
            recipient->last_written = MAX (recipient->last_written, care_message_get_sent (message));
        }
    }
  g_ptr_array_sort (recipients, compare_recipients);
  return recipients;
}

static void
describe_recipient (gconstpointer   item,
                    CareNameChoice *choice)
{
  const CareMessageRecipient *recipient = item;

  choice->reference = recipient->reference;
  choice->name = recipient->name;
  choice->detail = recipient->role;
}

/**
 * care_message_recipients_find:
 * @recipients: (element-type CareMessageRecipient): from care_message_recipients_dup()
 * @words: a reference, a name or part of one
 * @error: return location for a #CARE_FHIR_ERROR, which lists the choices
 *
 * Returns: (transfer none) (nullable): the one recipient @words names
 */
CareMessageRecipient *
care_message_recipients_find (GPtrArray   *recipients,
                              const char  *words,
                              GError     **error)
{
  g_autofree char *choices = NULL;
  CareMessageRecipient *found = NULL;
  guint n_found = 0;

  g_return_val_if_fail (recipients != NULL && words != NULL, NULL);

  found = care_name_match (recipients, describe_recipient, words, &n_found, &choices);
  if (found != NULL)
    return found;
  if (n_found == 0)
    /* Translators: %1$s is what the user typed, %2$s the list of names, one a line */
    g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                 _("No one on the care team is called “%1$s”. Choose one of:%2$s"), words, choices);
  else
    /* Translators: %1$s is what the user typed, %2$s the list of names, one a line */
    g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                 _("More than one member of the care team matches “%1$s”. Choose one of:%2$s"), words, choices);
  return NULL;
}

/**
 * care_message_dup_sender:
 * @connection: (nullable): how the record is reached
 *
 * Returns: (transfer full) (nullable): who writes when it is not the
 *   patient: the signed-in proxy's RelatedPerson
 */
char *
care_message_dup_sender (CareConnection *connection)
{
  const char *user = connection != NULL ? care_connection_get_fhir_user (connection) : NULL;
  const char *at;

  if (user == NULL)
    return NULL;
  at = strstr (user, "RelatedPerson/");
  return at != NULL ? g_strdup (at) : NULL;
}

/**
 * care_message_can_write:
 * @person: whose record
 * @out_reason: (out) (optional) (transfer full): why not, in words
 *
 * A proxy writes only for people whose record they see in full; a teen
 * (12 to 17) writes for themselves.
 *
 * Returns: %TRUE if messages may be sent for @person
 */
gboolean
care_message_can_write (CarePerson  *person,
                        char       **out_reason)
{
  g_return_val_if_fail (CARE_IS_PERSON (person), FALSE);

  if (care_person_get_access_level (person) == CARE_ACCESS_FULL)
    return TRUE;
  if (out_reason != NULL)
    *out_reason = care_person_get_access_level (person) == CARE_ACCESS_LIMITED
                  /* Translators: %s is a person's name */
                  ? g_strdup_printf (_("You can’t send messages for %s: you see part of their record only "
                                       "(ages 12 to 17), so they write to their care team themselves."),
                                     care_person_get_display_name (person))
                  /* Translators: %s is a person's name */
                  : g_strdup_printf (_("You can’t send messages for %s until you sign in again."),
                                     care_person_get_display_name (person));
  return FALSE;
}
