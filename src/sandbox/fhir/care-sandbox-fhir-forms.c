/* care-sandbox-fhir-forms.c — what the portal checks on a QuestionnaireResponse
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A response written to the portal is checked against its Questionnaire
 * with core's model (the app and the command line check with the same
 * one): required items, types, limits, options (a canonical
 * answerValueSet's are the concepts of the store's ValueSet, as $expand
 * gives them) and enableWhen. A refusal
 * is a 422 whose OperationOutcome names the item (its text and the
 * FHIRPath of its expression). A response it keeps has its sums worked
 * out by the portal, and a completed one completes the Tasks that asked
 * the patient for it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-questionnaire-form.h"
#include "care-sandbox-fhir-private.h"
#include "care-sandbox-store.h"
#include "care-value-set.h"

/* The Questionnaire a canonical names: ".../Questionnaire/id|version" or
 * "Questionnaire/id"; the sandbox's ids are the last segment of its urls. */
static JsonObject *
lookup_questionnaire (CareSandboxStore *store,
                      const char       *canonical)
{
  g_autofree char *local = NULL;
  const char *slash;
  const char *bar;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  gboolean deleted = FALSE;

  if (canonical == NULL)
    return NULL;
  bar = strchr (canonical, '|');
  local = bar != NULL ? g_strndup (canonical, bar - canonical) : g_strdup (canonical);
  slash = strrchr (local, '/');
  if (slash == NULL || slash - local < (gssize)strlen ("Questionnaire") ||
      strncmp (slash - strlen ("Questionnaire"), "Questionnaire", strlen ("Questionnaire")) != 0)
    return NULL;
  id = g_strdup (slash + 1);
  text = care_sandbox_store_get_text (store, "Questionnaire", id, NULL, &deleted);
  if (text == NULL || deleted)
    return NULL;
  return care_sandbox_fhir_parse_object (text, -1, NULL);
}

/* The answers a question names by a canonical answerValueSet are the
 * concepts of the store's ValueSet of that URL, as $expand gives them. */
static void
use_value_sets (CareSandboxStore  *store,
                CareQuestionnaire *questionnaire)
{
  g_autoptr(GPtrArray) urls = care_questionnaire_dup_value_set_urls (questionnaire);

  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      g_autoptr(JsonObject) value_set = care_sandbox_fhir_find_value_set (store, url);
      g_autoptr(JsonObject) expanded = json_object_new ();
      JsonObject *expansion = json_object_new ();

      if (value_set == NULL)
        continue;
      json_object_set_string_member (expanded, "resourceType", "ValueSet");
      json_object_set_string_member (expanded, "url", url);
      json_object_set_array_member (expansion, "contains", care_sandbox_fhir_expand_concepts (value_set, NULL));
      json_object_set_object_member (expanded, "expansion", expansion);
      care_questionnaire_use_value_set (questionnaire, expanded);
    }
}

/**
 * care_sandbox_fhir_check_response: (skip)
 * @store: the store
 * @msg: the write, answered here on a refusal
 * @response: the QuestionnaireResponse written
 *
 * Returns: (transfer full) (nullable): what to store (with its sums), or
 *   %NULL once @msg was answered with an OperationOutcome
 */
JsonObject *
care_sandbox_fhir_check_response (CareSandboxStore  *store,
                                  SoupServerMessage *msg,
                                  JsonObject        *response)
{
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(CareQuestionnaire) questionnaire = NULL;
  g_autoptr(JsonObject) scored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link_id = NULL;
  const char *canonical = json_object_get_string_member_with_default (response, "questionnaire", NULL);

  resource = lookup_questionnaire (store, canonical);
  if (resource != NULL)
    questionnaire = care_questionnaire_new (resource, NULL);
  if (questionnaire != NULL)
    use_value_sets (store, questionnaire);
  if (questionnaire == NULL)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "invalid",
                                      _("This portal does not know the questionnaire these answers are for."));
      return NULL;
    }
  if (!care_questionnaire_check_response (questionnaire, response, &scored, &link_id, &error))
    {
      g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_outcome (
        "error", error->code == CARE_QUESTIONNAIRE_ERROR_REQUIRED ? "required" : "invalid", error->message);

      if (link_id != NULL)
        {
          JsonObject *issue = json_array_get_object_element (json_object_get_array_member (outcome, "issue"), 0);
          JsonArray *expression = json_array_new ();
          g_autofree char *path = g_strdup_printf ("QuestionnaireResponse.repeat(item).where(linkId='%s')",
                                                   link_id);

          json_array_add_string_element (expression, path);
          json_object_set_array_member (issue, "expression", expression);
        }
      care_sandbox_fhir_send_object (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, outcome);
      return NULL;
    }
  return g_steal_pointer (&scored);
}

/**
 * care_sandbox_fhir_complete_tasks: (skip)
 * @store: the store
 * @stored: a QuestionnaireResponse just stored
 *
 * A completed response completes the patient's open Tasks whose focus is
 * its Questionnaire, and becomes their output.
 */
void
care_sandbox_fhir_complete_tasks (CareSandboxStore *store,
                                  JsonObject       *stored)
{
  g_autoptr(JsonObject) questionnaire = NULL;
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *patient = care_sandbox_store_dup_patient_of (stored);
  g_autofree char *focus = NULL;
  g_autofree char *output = NULL;
  CareSandboxSearch search = { 0 };
  const char *status = json_object_get_string_member_with_default (stored, "status", "");

  if (!g_str_equal (status, "completed") || patient == NULL)
    return;
  questionnaire = lookup_questionnaire (store, json_object_get_string_member_with_default (stored, "questionnaire",
                                                                                         NULL));
  if (questionnaire == NULL)
    return;
  focus = g_strdup_printf ("Questionnaire/%s", json_object_get_string_member_with_default (questionnaire, "id", ""));
  output = g_strdup_printf ("QuestionnaireResponse/%s", json_object_get_string_member_with_default (stored, "id", ""));

  search.type = "Task";
  search.patient = patient;
  search.params = params;
  search.count = 100;
  page = care_sandbox_store_search (store, &search, NULL);
  for (guint i = 0; page != NULL && i < page->resources->len; i++)
    {
      g_autoptr(JsonObject) task = care_sandbox_fhir_parse_object (g_ptr_array_index (page->resources, i), -1, NULL);
      g_autoptr(JsonObject) again = NULL;
      JsonObject *task_focus;
      JsonArray *outputs;
      JsonObject *item, *type, *reference;
      const char *task_status;

      if (task == NULL)
        continue;
      task_focus = json_object_get_object_member (task, "focus");
      task_status = json_object_get_string_member_with_default (task, "status", "");
      if (task_focus == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (task_focus, "reference", NULL), focus) != 0 ||
          g_str_equal (task_status, "completed") || g_str_equal (task_status, "cancelled"))
        continue;
      json_object_set_string_member (task, "status", "completed");
      outputs = json_array_new ();
      item = json_object_new ();
      type = json_object_new ();
      reference = json_object_new ();
      json_object_set_string_member (type, "text", "QuestionnaireResponse");
      json_object_set_object_member (item, "type", type);
      json_object_set_string_member (reference, "reference", output);
      json_object_set_object_member (item, "valueReference", reference);
      json_array_add_object_element (outputs, item);
      json_object_set_array_member (task, "output", outputs);
      again = care_sandbox_store_put (store, task, NULL);
    }
}
