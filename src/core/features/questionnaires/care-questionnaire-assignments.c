/* care-questionnaire-assignments.c — what the clinic asked a person to answer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clinic assigns a questionnaire with a Task whose focus is the
 * Questionnaire (SDC's "complete-questionnaire" Task), due by
 * restriction.period.end; the sync fetches the Questionnaire by
 * reference. Where each one is comes from the Task (completed, with the
 * response as its output), the outbox (submitted: waiting, refused or
 * sent) and the drafts kept on this computer. Responses the person sent
 * without a Task are listed as done too.
 *
 * A draft is the form's answers as an in-progress QuestionnaireResponse,
 * kept in the cache's meta table under "questionnaire-draft:<id>" (the
 * cache is the person's, 0600): it survives a restart and never leaves
 * the computer. Submitting queues a completed response in the outbox,
 * which sends it once, online or later.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "care-cache-query.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-json.h"
#include "care-questionnaire-assignments.h"
#include "care-resource-item.h"
#include "care-value-set.h"

#define DRAFT_PREFIX "questionnaire-draft:"

void
care_questionnaire_assignment_free (CareQuestionnaireAssignment *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->questionnaire_id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->assigned);
  g_free (self->due);
  g_free (self->response_id);
  g_free (self->outbox_id);
  g_free (self->message);
  g_free (self);
}

/**
 * care_assignment_state_to_string:
 * @state: a state
 *
 * Returns: its name for the command line ("due", "started", "waiting",
 *   "refused", "done")
 */
const char *
care_assignment_state_to_string (CareAssignmentState state)
{
  switch (state)
    {
    case CARE_ASSIGNMENT_DUE:
      return "due";
    case CARE_ASSIGNMENT_STARTED:
      return "started";
    case CARE_ASSIGNMENT_WAITING:
      return "waiting";
    case CARE_ASSIGNMENT_REFUSED:
      return "refused";
    case CARE_ASSIGNMENT_DONE:
    default:
      return "done";
    }
}

/**
 * care_questionnaire_assignment_is_overdue:
 * @self: an assignment
 * @today: the day it is
 *
 * Returns: whether it is still to be answered (due or started) and its
 *   due date has passed: a questionnaire due today is not overdue yet
 */
gboolean
care_questionnaire_assignment_is_overdue (const CareQuestionnaireAssignment *self,
                                          const GDate                       *today)
{
  int year, month, day;
  GDate due;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (self->state != CARE_ASSIGNMENT_DUE && self->state != CARE_ASSIGNMENT_STARTED)
    return FALSE;
  if (self->due == NULL || sscanf (self->due, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (&due, 1);
  g_date_set_dmy (&due, day, month, year);
  return g_date_compare (&due, today) < 0;
}

/* "…/Questionnaire/phq-9|1" or "Questionnaire/phq-9" → "phq-9" */
static char *
dup_questionnaire_id (const char *canonical)
{
  g_autofree char *local = NULL;
  const char *bar;
  const char *marker;

  if (canonical == NULL)
    return NULL;
  bar = strchr (canonical, '|');
  local = bar != NULL ? g_strndup (canonical, bar - canonical) : g_strdup (canonical);
  marker = g_strrstr (local, "Questionnaire/");
  if (marker == NULL || (marker != local && marker[-1] != '/'))
    return NULL;
  marker += strlen ("Questionnaire/");
  return care_fhir_is_valid_id (marker) ? g_strdup (marker) : NULL;
}

static GPtrArray *
dup_resources (CareCache  *cache,
               const char *type,
               GError    **error)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GListModel) items = care_cache_query (cache, query, error);
  GPtrArray *resources;

  if (items == NULL)
    return NULL;
  resources = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);
      JsonObject *resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        g_ptr_array_add (resources, resource);
    }
  return resources;
}

static char *
dup_title (CareCache  *cache,
           const char *questionnaire_id,
           const char *fallback)
{
  g_autoptr(JsonObject) questionnaire = care_cache_lookup (cache, "Questionnaire", questionnaire_id, NULL);
  const char *title = care_fhir_get_string (questionnaire, "title");

  if (title == NULL)
    title = care_fhir_get_string (questionnaire, "name");
  if (title == NULL)
    title = fallback;
  return g_strdup (title != NULL ? title : _("Questionnaire"));
}

static CareQuestionnaireAssignment *
assignment_from_task (CareCache  *cache,
                      JsonObject *task)
{
  JsonObject *focus = care_fhir_get_object (task, "focus");
  g_autofree char *questionnaire_id = dup_questionnaire_id (care_fhir_get_string (focus, "reference"));
  CareQuestionnaireAssignment *assignment;
  JsonObject *period = care_fhir_get_object (care_fhir_get_object (task, "restriction"), "period");
  const char *status = care_fhir_get_string (task, "status");
  JsonArray *outputs = care_fhir_get_array (task, "output");

  if (questionnaire_id == NULL || care_fhir_get_string (task, "id") == NULL ||
      g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "rejected") == 0 ||
      g_strcmp0 (status, "entered-in-error") == 0)
    return NULL;

  assignment = g_new0 (CareQuestionnaireAssignment, 1);
  assignment->id = g_strconcat ("task:", care_fhir_get_string (task, "id"), NULL);
  assignment->questionnaire_id = g_steal_pointer (&questionnaire_id);
  assignment->title = dup_title (cache, assignment->questionnaire_id, care_fhir_get_string (focus, "display"));
  assignment->description = g_strdup (care_fhir_get_string (task, "description"));
  assignment->assigned = g_strdup (care_fhir_get_string (task, "authoredOn"));
  assignment->due = g_strdup (care_fhir_get_string (period, "end"));
  assignment->state = g_strcmp0 (status, "completed") == 0 ? CARE_ASSIGNMENT_DONE : CARE_ASSIGNMENT_DUE;
  for (guint i = 0; outputs != NULL && i < json_array_get_length (outputs); i++)
    {
      JsonObject *output = care_fhir_get_array_object (task, "output", i);
      const char *reference = care_fhir_get_string (care_fhir_get_object (output, "valueReference"), "reference");

      if (reference != NULL && g_str_has_prefix (reference, "QuestionnaireResponse/"))
        assignment->response_id = g_strdup (reference + strlen ("QuestionnaireResponse/"));
    }
  return assignment;
}

/* The newest submission of @questionnaire_id queued after @since. */
static CareOutboxItem *
find_submission (GPtrArray  *items,
                 const char *questionnaire_id,
                 gint64      since)
{
  CareOutboxItem *found = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr(JsonObject) resource = NULL;
      g_autofree char *id = NULL;

      if (g_strcmp0 (item->type, "QuestionnaireResponse") != 0 || item->state == CARE_OUTBOX_DRAFT ||
          item->created < since)
        continue;
      resource = care_fhir_parse_resource (item->json, -1, NULL);
      id = dup_questionnaire_id (care_fhir_get_string (resource, "questionnaire"));
      if (g_strcmp0 (id, questionnaire_id) == 0 && (found == NULL || item->serial > found->serial))
        found = item;
    }
  return found;
}

static gint64
day_to_unix (const char *text)
{
  gint64 when = 0;

  return text != NULL && care_fhir_parse_date (text, &when, NULL) ? when : 0;
}

static int
compare_assignments (gconstpointer a,
                     gconstpointer b)
{
  const CareQuestionnaireAssignment *x = *(CareQuestionnaireAssignment **)a;
  const CareQuestionnaireAssignment *y = *(CareQuestionnaireAssignment **)b;
  gboolean x_done = x->state == CARE_ASSIGNMENT_DONE;
  gboolean y_done = y->state == CARE_ASSIGNMENT_DONE;

  /* What is still to do first, soonest due first; then what is done, newest first. */
  if (x_done != y_done)
    return x_done ? 1 : -1;
  if (!x_done)
    {
      int order = g_strcmp0 (x->due != NULL ? x->due : "9999", y->due != NULL ? y->due : "9999");

      return order != 0 ? order : g_strcmp0 (x->id, y->id);
    }
  return -g_strcmp0 (x->assigned, y->assigned);
}

/**
 * care_questionnaire_list_assignments:
 * @cache: a person's cache
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CareQuestionnaireAssignment):
 *   what to answer (soonest due first), then what was answered
 */
GPtrArray *
care_questionnaire_list_assignments (CareCache  *cache,
                                     GError    **error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GHashTable) answered = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *assignments;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  tasks = dup_resources (cache, "Task", error);
  if (tasks == NULL)
    return NULL;
  responses = dup_resources (cache, "QuestionnaireResponse", error);
  if (responses == NULL)
    return NULL;
  outbox = care_cache_outbox_list (cache, FALSE);

  assignments = g_ptr_array_new_with_free_func ((GDestroyNotify)care_questionnaire_assignment_free);
  for (guint i = 0; i < tasks->len; i++)
    {
      CareQuestionnaireAssignment *assignment = assignment_from_task (cache, g_ptr_array_index (tasks, i));
      CareOutboxItem *submission;
      g_autofree char *draft = NULL;
      g_autofree char *key = NULL;

      if (assignment == NULL)
        continue;
      g_ptr_array_add (assignments, assignment);
      if (assignment->response_id != NULL)
        g_hash_table_add (answered, assignment->response_id);
      if (assignment->state == CARE_ASSIGNMENT_DONE)
        continue;
      submission = find_submission (outbox, assignment->questionnaire_id, day_to_unix (assignment->assigned));
      if (submission != NULL)
        {
          assignment->outbox_id = g_strdup (submission->client_id);
          switch (submission->state)
            {
            case CARE_OUTBOX_SENT:
              assignment->state = CARE_ASSIGNMENT_DONE;
              assignment->response_id = g_strdup (submission->server_id);
              break;
            case CARE_OUTBOX_REFUSED:
            case CARE_OUTBOX_CONFLICT:
              assignment->state = CARE_ASSIGNMENT_REFUSED;
              assignment->message = g_strdup (submission->message);
              break;
            case CARE_OUTBOX_PENDING:
            case CARE_OUTBOX_SENDING:
            case CARE_OUTBOX_DRAFT:
            default:
              assignment->state = CARE_ASSIGNMENT_WAITING;
              break;
            }
          if (assignment->state != CARE_ASSIGNMENT_REFUSED)
            continue;
        }
      key = g_strconcat (DRAFT_PREFIX, assignment->id, NULL);
      draft = care_cache_dup_meta (cache, key);
      if (draft != NULL && assignment->state == CARE_ASSIGNMENT_DUE)
        assignment->state = CARE_ASSIGNMENT_STARTED;
    }

  for (guint i = 0; i < responses->len; i++)
    {
      JsonObject *response = g_ptr_array_index (responses, i);
      const char *id = care_fhir_get_string (response, "id");
      g_autofree char *questionnaire_id = dup_questionnaire_id (care_fhir_get_string (response, "questionnaire"));
      CareQuestionnaireAssignment *assignment;

      if (id == NULL || questionnaire_id == NULL || g_hash_table_contains (answered, id) ||
          g_strcmp0 (care_fhir_get_string (response, "status"), "completed") != 0)
        continue;
      assignment = g_new0 (CareQuestionnaireAssignment, 1);
      assignment->id = g_strconcat ("response:", id, NULL);
      assignment->questionnaire_id = g_steal_pointer (&questionnaire_id);
      assignment->title = dup_title (cache, assignment->questionnaire_id, NULL);
      assignment->assigned = g_strdup (care_fhir_get_string (response, "authored"));
      assignment->state = CARE_ASSIGNMENT_DONE;
      assignment->response_id = g_strdup (id);
      g_ptr_array_add (assignments, assignment);
    }

  g_ptr_array_sort (assignments, compare_assignments);
  return assignments;
}

/**
 * care_questionnaire_find_assignment:
 * @assignments: (element-type CareQuestionnaireAssignment): a list
 * @id: an assignment's id, or a bare Task id
 *
 * Returns: (transfer none) (nullable): the assignment
 */
CareQuestionnaireAssignment *
care_questionnaire_find_assignment (GPtrArray  *assignments,
                                    const char *id)
{
  for (guint i = 0; i < assignments->len; i++)
    {
      CareQuestionnaireAssignment *assignment = g_ptr_array_index (assignments, i);
      const char *colon = strchr (assignment->id, ':');

      if (g_str_equal (assignment->id, id) || (colon != NULL && g_str_equal (colon + 1, id)))
        return assignment;
    }
  return NULL;
}

/**
 * care_questionnaire_load:
 * @cache: a person's cache
 * @questionnaire_id: a Questionnaire's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the questionnaire, as synced
 */
CareQuestionnaire *
care_questionnaire_load (CareCache   *cache,
                         const char  *questionnaire_id,
                         GError     **error)
{
  g_autoptr(JsonObject) resource = NULL;
  CareQuestionnaire *questionnaire;
  GError *local_error = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);
  g_return_val_if_fail (questionnaire_id != NULL, NULL);

  resource = care_cache_lookup (cache, "Questionnaire", questionnaire_id, &local_error);
  if (resource == NULL)
    {
      g_clear_error (&local_error);
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("This questionnaire has not been downloaded yet. Sync, then try again."));
      return NULL;
    }
  questionnaire = care_questionnaire_new (resource, error);
  /* Answers from a canonical answerValueSet, as the last sync expanded them. */
  if (questionnaire != NULL)
    care_questionnaire_use_cached_value_sets (questionnaire, cache);
  return questionnaire;
}

/**
 * care_questionnaire_load_response:
 * @cache: a person's cache
 * @assignment: a done or submitted assignment
 *
 * Returns: (transfer full) (nullable): its answers, from the portal's copy
 *   or from the outbox
 */
JsonObject *
care_questionnaire_load_response (CareCache                         *cache,
                                  const CareQuestionnaireAssignment *assignment)
{
  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);
  g_return_val_if_fail (assignment != NULL, NULL);

  if (assignment->response_id != NULL)
    {
      JsonObject *response = care_cache_lookup (cache, "QuestionnaireResponse", assignment->response_id, NULL);

      if (response != NULL)
        return response;
    }
  if (assignment->outbox_id != NULL)
    {
      g_autoptr(CareOutboxItem) item = care_cache_outbox_lookup (cache, assignment->outbox_id);

      if (item != NULL)
        return care_fhir_parse_resource (item->json, -1, NULL);
    }
  return NULL;
}

/**
 * care_questionnaire_save_draft:
 * @cache: a person's cache
 * @assignment_id: what the answers are for
 * @form: the answers
 * @error: return location for a #GError
 *
 * Keeps @form's answers on this computer, to go on later.
 *
 * Returns: %TRUE on success
 */
gboolean
care_questionnaire_save_draft (CareCache              *cache,
                               const char             *assignment_id,
                               CareQuestionnaireForm  *form,
                               GError                **error)
{
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (assignment_id != NULL, FALSE);
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (form), FALSE);

  key = g_strconcat (DRAFT_PREFIX, assignment_id, NULL);
  response = care_questionnaire_form_to_response (form, "in-progress", NULL, NULL, NULL);
  node = json_node_init_object (json_node_alloc (), response);
  json = care_json_to_string (node, FALSE);
  return care_cache_set_meta (cache, key, json, error);
}

/**
 * care_questionnaire_restore_draft:
 * @cache: a person's cache
 * @assignment_id: what the answers are for
 * @form: a new form for it
 *
 * Returns: %TRUE if a draft was there and @form now holds it
 */
gboolean
care_questionnaire_restore_draft (CareCache             *cache,
                                  const char            *assignment_id,
                                  CareQuestionnaireForm *form)
{
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) response = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (assignment_id != NULL, FALSE);
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (form), FALSE);

  key = g_strconcat (DRAFT_PREFIX, assignment_id, NULL);
  json = care_cache_dup_meta (cache, key);
  response = json != NULL ? care_fhir_parse_resource (json, -1, NULL) : NULL;
  /* A draft of an older version of the form keeps what still fits. */
  return response != NULL && care_questionnaire_form_load_response (form, response, FALSE, NULL);
}

/**
 * care_questionnaire_forget_draft:
 * @cache: a person's cache
 * @assignment_id: what the answers were for
 */
void
care_questionnaire_forget_draft (CareCache  *cache,
                                 const char *assignment_id)
{
  g_autofree char *key = NULL;

  g_return_if_fail (CARE_IS_CACHE (cache));
  g_return_if_fail (assignment_id != NULL);

  key = g_strconcat (DRAFT_PREFIX, assignment_id, NULL);
  care_cache_set_meta (cache, key, NULL, NULL);
}

/**
 * care_questionnaire_response_draft_new:
 * @form: the answers
 * @patient: "Patient/id"
 * @author: (nullable): who answered ("RelatedPerson/id" for a parent);
 *   %NULL for the patient
 * @authored: when
 * @error: return location for a #GError naming the first item with a
 *   problem
 *
 * Returns: (transfer full) (nullable): a create of the completed
 *   QuestionnaireResponse, for the outbox
 */
CareOutboxDraft *
care_questionnaire_response_draft_new (CareQuestionnaireForm  *form,
                                       const char             *patient,
                                       const char             *author,
                                       GDateTime              *authored,
                                       GError                **error)
{
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *summary = NULL;
  CareQuestionnaireNode *first = NULL;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (form), NULL);
  g_return_val_if_fail (patient != NULL, NULL);
  g_return_val_if_fail (authored != NULL, NULL);

  if (care_questionnaire_form_validate (form, &first) > 0)
    {
      g_set_error (error, CARE_QUESTIONNAIRE_ERROR,
                   first->answers->len == 0 ? CARE_QUESTIONNAIRE_ERROR_REQUIRED : CARE_QUESTIONNAIRE_ERROR_INVALID,
                   /* Translators: %1$s is a questionnaire item's linkId, %2$s what is wrong with it */
                   _("Item “%1$s”: %2$s"), first->item->link_id, first->message);
      return NULL;
    }
  response = care_questionnaire_form_to_response (form, "completed", patient,
                                                  author != NULL ? author : patient, authored);
  /* Translators: an item waiting to be sent; %s is a questionnaire's title */
  summary = g_strdup_printf (_("Answers to “%s”"),
                             care_questionnaire_get_title (care_questionnaire_form_get_questionnaire (form)));
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, response, summary);
}
