/* care-questionnaire-response.c — a form's answers to and from a QuestionnaireResponse
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a QuestionnaireResponse into a form (a draft, a sent response, or
 * strictly, one a client sent the portal), writes the form's answers as
 * one, and checks a response the way the portal does.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-fhir.h"
#include "care-questionnaire-form-private.h"

static gboolean
refuse (CareQuestionnaireForm  *self,
        GError                **error,
        int                     code,
        const char             *link_id,
        const char             *message)
{
  g_free (self->refused);
  self->refused = g_strdup (link_id);
  /* Translators: %1$s is a questionnaire item's linkId, %2$s what is wrong with it */
  g_set_error (error, CARE_QUESTIONNAIRE_ERROR, code, _("Item “%1$s”: %2$s"), link_id, message);
  return FALSE;
}

static CareQuestionnaireNode *
nth_instance (GPtrArray  *nodes,
              const char *link_id,
              guint       n)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);

      if (g_str_equal (node->item->link_id, link_id) && n-- == 0)
        return node;
    }
  return NULL;
}

static JsonObject *
dup_value (JsonObject *answer)
{
  g_autoptr(GList) members = json_object_get_members (answer);

  for (GList *l = members; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "value"))
      {
        JsonObject *value = json_object_new ();

        json_object_set_member (value, l->data, json_node_copy (json_object_get_member (answer, l->data)));
        return value;
      }
  return NULL;
}

static void clear_answers_in (GPtrArray *nodes);
static gboolean load_items (CareQuestionnaireForm *self, GPtrArray *nodes, CareQuestionnaireNode *parent,
                            JsonObject *holder, gboolean strict, GError **error);

static gboolean
load_answers (CareQuestionnaireForm *self,
              CareQuestionnaireNode *node,
              JsonObject            *object,
              gboolean               strict,
              GError               **error)
{
  JsonArray *answers = care_fhir_get_array (object, "answer");

  g_ptr_array_set_size (node->answers, 0);
  for (guint i = 0; answers != NULL && i < json_array_get_length (answers); i++)
    {
      JsonObject *answer = care_fhir_get_array_object (object, "answer", i);
      g_autoptr(JsonObject) value = answer != NULL ? dup_value (answer) : NULL;
      g_autoptr(GError) local_error = NULL;

      if (value == NULL)
        {
          if (strict)
            return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_INVALID, node->item->link_id,
                           _("An answer has no value."));
          continue;
        }
      if (!care_questionnaire_value_check (node->item, value, &local_error))
        {
          if (strict)
            return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_INVALID, node->item->link_id,
                           local_error->message);
          continue;
        }
      g_ptr_array_add (node->answers, g_steal_pointer (&value));
      if (care_fhir_get_array (answer, "item") != NULL &&
          !load_items (self, node->children, node, answer, strict, error))
        return FALSE;
    }
  if (strict && node->answers->len > 1 && !node->item->repeats)
    return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_INVALID, node->item->link_id,
                   _("This question takes one answer."));
  if (care_fhir_get_array (object, "item") != NULL)
    return load_items (self, node->children, node, object, strict, error);
  return TRUE;
}

static gboolean
load_items (CareQuestionnaireForm *self,
            GPtrArray             *nodes,
            CareQuestionnaireNode *parent,
            JsonObject            *holder,
            gboolean               strict,
            GError               **error)
{
  JsonArray *items = care_fhir_get_array (holder, "item");
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *object = care_fhir_get_array_object (holder, "item", i);
      const char *link_id = care_fhir_get_string (object, "linkId");
      guint n = link_id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (used, link_id)) : 0;
      CareQuestionnaireNode *node = link_id != NULL ? nth_instance (nodes, link_id, n) : NULL;

      if (link_id == NULL || (node == NULL && nth_instance (nodes, link_id, 0) == NULL))
        {
          if (strict)
            return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM, link_id != NULL ? link_id : "",
                           _("The questionnaire has no such item here."));
          continue;
        }
      if (node == NULL)
        {
          CareQuestionnaireNode *first = nth_instance (nodes, link_id, 0);

          if (!first->item->repeats || first->item->type != CARE_QUESTIONNAIRE_GROUP || n >= MAX_INSTANCES)
            {
              if (strict)
                return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_INVALID, link_id,
                               _("This item does not repeat."));
              continue;
            }
          {
            CareQuestionnaireNode *previous = nth_instance (nodes, link_id, n - 1);
            guint position = 0;

            g_ptr_array_find (nodes, previous, &position);
            node = care_questionnaire_node_new (first->item, parent);
            g_ptr_array_set_size (node->answers, 0);
            clear_answers_in (node->children);
            g_ptr_array_insert (nodes, position + 1, node);
          }
        }
      g_hash_table_insert (used, (gpointer)node->item->link_id, GUINT_TO_POINTER (n + 1));
      if (node->item->type == CARE_QUESTIONNAIRE_DISPLAY)
        continue;
      if (node->item->type == CARE_QUESTIONNAIRE_GROUP)
        {
          if (strict && care_fhir_get_array (object, "answer") != NULL)
            return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_INVALID, link_id, _("A group takes no answer."));
          if (!load_items (self, node->children, node, object, strict, error))
            return FALSE;
        }
      else if (!load_answers (self, node, object, strict, error))
        return FALSE;
    }
  return TRUE;
}

static void
clear_answers_in (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);

      g_ptr_array_set_size (node->answers, 0);
      clear_answers_in (node->children);
    }
}

static void
collect_answered (GPtrArray *nodes,
                  GPtrArray *into)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);

      if (node->answers->len > 0 && node->item->calculated == NULL)
        g_ptr_array_add (into, node);
      collect_answered (node->children, into);
    }
}

/**
 * care_questionnaire_form_load_response:
 * @self: a form
 * @response: a QuestionnaireResponse to it (a draft or a sent one)
 * @strict: whether to refuse what does not fit (an unknown item, an
 *   answer of the wrong type or outside its limits, a hidden item
 *   answered); otherwise such answers are left out
 * @error: return location for a #GError naming the item
 *
 * Replaces the answers with @response's. Repeating groups get as many
 * instances as @response has.
 *
 * Returns: %TRUE on success
 */
gboolean
care_questionnaire_form_load_response (CareQuestionnaireForm  *self,
                                       JsonObject             *response,
                                       gboolean                strict,
                                       GError                **error)
{
  g_autoptr(GPtrArray) answered = g_ptr_array_new ();

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  if (g_strcmp0 (care_fhir_get_string (response, "resourceType"), "QuestionnaireResponse") != 0)
    {
      g_set_error_literal (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_INVALID,
                           _("This is not a questionnaire response."));
      return FALSE;
    }
  clear_answers_in (self->nodes);
  if (!load_items (self, self->nodes, NULL, response, strict, error))
    return FALSE;

  collect_answered (self->nodes, answered);
  care_questionnaire_form_update (self);
  for (guint i = 0; strict && i < answered->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (answered, i);

      if (!node->enabled)
        return refuse (self, error, CARE_QUESTIONNAIRE_ERROR_DISABLED, node->item->link_id,
                       _("This question is answered, but its conditions hide it."));
    }
  self->changed = FALSE;
  care_questionnaire_form_emit_changed (self);
  return TRUE;
}

static JsonArray *
build_items (GPtrArray *nodes)
{
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      JsonObject *object;
      JsonArray *children;

      if (!node->enabled || node->item->type == CARE_QUESTIONNAIRE_DISPLAY || !care_questionnaire_node_has_answers (node))
        continue;
      object = json_object_new ();
      json_object_set_string_member (object, "linkId", node->item->link_id);
      if (node->item->text != NULL)
        json_object_set_string_member (object, "text", node->item->text);
      children = build_items (node->children);
      if (node->item->type == CARE_QUESTIONNAIRE_GROUP || node->answers->len == 0)
        {
          if (json_array_get_length (children) > 0)
            json_object_set_array_member (object, "item", children);
          else
            json_array_unref (children);
        }
      else
        {
          JsonArray *answers = json_array_new ();

          for (guint j = 0; j < node->answers->len; j++)
            {
              JsonObject *answer = json_object_new ();
              JsonObject *value = g_ptr_array_index (node->answers, j);
              g_autoptr(GList) members = json_object_get_members (value);

              for (GList *l = members; l != NULL; l = l->next)
                json_object_set_member (answer, l->data, json_node_copy (json_object_get_member (value, l->data)));
              /* Items nested in a question go with its first answer. */
              if (j == 0 && json_array_get_length (children) > 0)
                json_object_set_array_member (answer, "item", json_array_ref (children));
              json_array_add_object_element (answers, answer);
            }
          json_array_unref (children);
          json_object_set_array_member (object, "answer", answers);
        }
      json_array_add_object_element (items, object);
    }
  return items;
}

/**
 * care_questionnaire_form_to_response:
 * @self: a form
 * @status: "in-progress" or "completed"
 * @subject: (nullable): "Patient/id"
 * @author: (nullable): who answered ("Patient/id", "RelatedPerson/id")
 * @authored: (nullable): when
 *
 * The answers of shown items, as a QuestionnaireResponse (hidden items
 * and empty groups are left out, as FHIR asks).
 *
 * Returns: (transfer full): the response
 */
JsonObject *
care_questionnaire_form_to_response (CareQuestionnaireForm *self,
                                     const char            *status,
                                     const char            *subject,
                                     const char            *author,
                                     GDateTime             *authored)
{
  JsonObject *response;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  response = json_object_new ();
  canonical = care_questionnaire_dup_canonical (self->questionnaire);
  json_object_set_string_member (response, "resourceType", "QuestionnaireResponse");
  json_object_set_string_member (response, "questionnaire", canonical);
  json_object_set_string_member (response, "status", status);
  if (subject != NULL)
    {
      JsonObject *reference = json_object_new ();

      json_object_set_string_member (reference, "reference", subject);
      json_object_set_object_member (response, "subject", reference);
    }
  if (author != NULL)
    {
      JsonObject *reference = json_object_new ();

      json_object_set_string_member (reference, "reference", author);
      json_object_set_object_member (response, "author", reference);
    }
  if (authored != NULL)
    {
      g_autofree char *when = g_date_time_format (authored, "%FT%T%:z");

      json_object_set_string_member (response, "authored", when);
    }
  json_object_set_array_member (response, "item", build_items (self->nodes));
  return response;
}

/**
 * care_questionnaire_check_response:
 * @questionnaire: the Questionnaire @response answers
 * @response: a QuestionnaireResponse
 * @out_scored: (out) (optional) (transfer full): @response with its sums
 *   worked out (the portal keeps this one)
 * @out_link_id: (out) (optional) (transfer full): the item refused
 * @error: return location for a #GError naming the item
 *
 * What the portal checks on a response it is sent (and the command line
 * before it queues one): every answer fits its item, no hidden item is
 * answered and, for a completed response, every required item is.
 *
 * Returns: %TRUE if @response may be kept
 */
gboolean
care_questionnaire_check_response (CareQuestionnaire  *questionnaire,
                                   JsonObject         *response,
                                   JsonObject        **out_scored,
                                   char              **out_link_id,
                                   GError            **error)
{
  g_autoptr(CareQuestionnaireForm) form = NULL;
  GError *local_error = NULL;
  const char *status;
  CareQuestionnaireNode *first = NULL;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (questionnaire), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  form = care_questionnaire_form_new (questionnaire);
  if (!care_questionnaire_form_load_response (form, response, TRUE, &local_error))
    {
      if (out_link_id != NULL)
        *out_link_id = g_strdup (form->refused);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  status = care_fhir_get_string (response, "status");
  if ((g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "amended") == 0) &&
      care_questionnaire_form_validate (form, &first) > 0)
    {
      if (out_link_id != NULL)
        *out_link_id = g_strdup (first->item->link_id);
      return refuse (form, error,
                     first->answers->len == 0 ? CARE_QUESTIONNAIRE_ERROR_REQUIRED : CARE_QUESTIONNAIRE_ERROR_INVALID,
                     first->item->link_id, first->message);
    }
  if (out_scored != NULL)
    {
      JsonObject *scored = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (response);
      g_autoptr(JsonObject) rebuilt = care_questionnaire_form_to_response (form, "completed", NULL, NULL, NULL);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "item"))
          json_object_set_member (scored, l->data, json_node_copy (json_object_get_member (response, l->data)));
      json_object_set_member (scored, "item", json_node_copy (json_object_get_member (rebuilt, "item")));
      *out_scored = scored;
    }
  return TRUE;
}
