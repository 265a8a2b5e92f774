/* care-questionnaire-form.c — a questionnaire being answered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state of one set of answers: a tree of nodes over the
 * questionnaire's items (a repeating group has a node per instance), each
 * with its answers and whether its enableWhen shows it. Every change runs
 * enableWhen again until nothing moves; an item that becomes hidden loses
 * its answers (FHIR: answers to disabled items are not kept), and the
 * plain-sum calculatedExpression items are summed again. The form reads a
 * QuestionnaireResponse back (a draft, a submitted one, or one a client
 * sent the portal, strictly), checks the answers and writes a response.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-fhir.h"
#include "care-questionnaire-form-private.h"



G_DEFINE_FINAL_TYPE (CareQuestionnaireForm, care_questionnaire_form, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
care_questionnaire_form_emit_changed (CareQuestionnaireForm *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
node_free (CareQuestionnaireNode *node)
{
  g_ptr_array_unref (node->children);
  g_ptr_array_unref (node->answers);
  g_free (node->message);
  g_free (node);
}

CareQuestionnaireNode *
care_questionnaire_node_new (CareQuestionnaireItem *item,
          CareQuestionnaireNode *parent)
{
  CareQuestionnaireNode *node = g_new0 (CareQuestionnaireNode, 1);

  node->item = item;
  node->parent = parent;
  node->enabled = TRUE;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
  node->answers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; i < item->initial->len; i++)
    {
      if (!item->repeats && node->answers->len > 0)
        break;
      g_ptr_array_add (node->answers, json_object_ref (g_ptr_array_index (item->initial, i)));
    }
  for (guint i = 0; i < item->children->len; i++)
    g_ptr_array_add (node->children, care_questionnaire_node_new (g_ptr_array_index (item->children, i), node));
  return node;
}

static GPtrArray *
siblings_of (CareQuestionnaireForm *self,
             CareQuestionnaireNode *node)
{
  return node->parent != NULL ? node->parent->children : self->nodes;
}

/* The nearest node answering @link_id: in the same group instance first,
 * then further out (FHIR: the enableWhen question is the one in scope). */
static CareQuestionnaireNode *
find_in (GPtrArray  *nodes,
         const char *link_id)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      CareQuestionnaireNode *found;

      if (g_str_equal (node->item->link_id, link_id))
        return node;
      found = find_in (node->children, link_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static CareQuestionnaireNode *
find_question (CareQuestionnaireForm *self,
               CareQuestionnaireNode *from,
               const char            *link_id)
{
  for (CareQuestionnaireNode *scope = from->parent; scope != NULL; scope = scope->parent)
    {
      CareQuestionnaireNode *found = find_in (scope->children, link_id);

      if (found != NULL)
        return found;
    }
  return find_in (self->nodes, link_id);
}

static gboolean
condition_holds (CareQuestionnaireForm      *self,
                 CareQuestionnaireNode      *node,
                 CareQuestionnaireCondition *condition)
{
  CareQuestionnaireNode *question = find_question (self, node, condition->question);
  guint n = question != NULL && question->enabled ? question->answers->len : 0;

  if (condition->op == CARE_QUESTIONNAIRE_EXISTS)
    {
      JsonNode *want = json_object_get_member (condition->answer, "answerBoolean");
      gboolean exists = want == NULL || !JSON_NODE_HOLDS_VALUE (want) ||
                        json_node_get_value_type (want) != G_TYPE_BOOLEAN || json_node_get_boolean (want);

      return exists == (n > 0);
    }
  /* Without an answer only "exists" can hold. */
  if (n == 0)
    return FALSE;
  if (condition->op == CARE_QUESTIONNAIRE_NOT_EQUAL)
    {
      for (guint i = 0; i < n; i++)
        {
          gboolean comparable;
          int order = care_questionnaire_value_compare (g_ptr_array_index (question->answers, i),
                                                        condition->answer, &comparable);

          if (comparable && order == 0)
            return FALSE;
        }
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    {
      gboolean comparable;
      int order = care_questionnaire_value_compare (g_ptr_array_index (question->answers, i),
                                                    condition->answer, &comparable);

      if (!comparable)
        continue;
      switch (condition->op)
        {
        case CARE_QUESTIONNAIRE_EQUAL:
          if (order == 0)
            return TRUE;
          break;
        case CARE_QUESTIONNAIRE_GREATER:
          if (order > 0)
            return TRUE;
          break;
        case CARE_QUESTIONNAIRE_LESS:
          if (order < 0)
            return TRUE;
          break;
        case CARE_QUESTIONNAIRE_GREATER_EQUAL:
          if (order >= 0)
            return TRUE;
          break;
        case CARE_QUESTIONNAIRE_LESS_EQUAL:
          if (order <= 0)
            return TRUE;
          break;
        case CARE_QUESTIONNAIRE_EXISTS:
        case CARE_QUESTIONNAIRE_NOT_EQUAL:
        default:
          break;
        }
    }
  return FALSE;
}

static gboolean
node_should_show (CareQuestionnaireForm *self,
                  CareQuestionnaireNode *node)
{
  GPtrArray *conditions = node->item->conditions;
  guint n_true = 0;

  if (node->parent != NULL && !node->parent->enabled)
    return FALSE;
  if (conditions->len == 0)
    return TRUE;
  for (guint i = 0; i < conditions->len; i++)
    if (condition_holds (self, node, g_ptr_array_index (conditions, i)))
      n_true++;
  return node->item->enable_all ? n_true == conditions->len : n_true > 0;
}

static gboolean
update_enabled_in (CareQuestionnaireForm *self,
                   GPtrArray             *nodes)
{
  gboolean moved = FALSE;

  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      gboolean enabled = node_should_show (self, node);

      if (enabled != node->enabled)
        {
          node->enabled = enabled;
          moved = TRUE;
        }
      /* Hidden answers are dropped, not kept out of sight. */
      if (!enabled && node->answers->len > 0)
        {
          g_ptr_array_set_size (node->answers, 0);
          moved = TRUE;
        }
      if (update_enabled_in (self, node->children))
        moved = TRUE;
    }
  return moved;
}

/* Linkids a plain-sum term names: '…' after "linkId". */
static GPtrArray *
dup_term_link_ids (const char *term)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *p = strstr (term, "linkId");

  while (p != NULL && (p = strchr (p, '\'')) != NULL)
    {
      const char *end = strchr (p + 1, '\'');

      if (end == NULL)
        break;
      g_ptr_array_add (ids, g_strndup (p + 1, end - p - 1));
      p = end + 1;
    }
  return ids;
}

static void
sum_answers_in (GPtrArray  *nodes,
                const char *link_id,
                double     *sum,
                guint      *n)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);

      if (!node->enabled)
        continue;
      if (g_str_equal (node->item->link_id, link_id))
        for (guint j = 0; j < node->answers->len; j++)
          {
            double number;

            if (care_questionnaire_value_get_number (node->item, g_ptr_array_index (node->answers, j), &number))
              {
                *sum += number;
                (*n)++;
              }
          }
      sum_answers_in (node->children, link_id, sum, n);
    }
}

/* The SDC calculatedExpression forms Carebook sums: terms joined by "+",
 * each a number or a path naming linkIds
 * (%resource.item.where(linkId='q1').answer.value.ordinal(), or
 * …where(linkId in ('q1' | 'q2'))…). Anything else is not summed. */
static gboolean
evaluate_sum (CareQuestionnaireForm *self,
              const char            *expression,
              double                *out_sum)
{
  g_auto(GStrv) terms = g_strsplit (expression, "+", -1);
  double sum = 0;
  guint n_answers = 0;

  for (guint i = 0; terms[i] != NULL; i++)
    {
      char *term = g_strstrip (terms[i]);
      g_autoptr(GPtrArray) ids = NULL;
      char *end = NULL;
      double number;

      if (term[0] == '\0')
        return FALSE;
      number = g_ascii_strtod (term, &end);
      if (end != NULL && end != term && *end == '\0')
        {
          sum += number;
          continue;
        }
      if (!g_str_has_prefix (term, "%resource") && !g_str_has_prefix (term, "%context"))
        return FALSE;
      ids = dup_term_link_ids (term);
      if (ids->len == 0)
        return FALSE;
      for (guint j = 0; j < ids->len; j++)
        sum_answers_in (self->nodes, g_ptr_array_index (ids, j), &sum, &n_answers);
    }
  *out_sum = sum;
  return n_answers > 0;
}

static void
update_calculated_in (CareQuestionnaireForm *self,
                      GPtrArray             *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      double sum;

      update_calculated_in (self, node->children);
      if (node->item->calculated == NULL)
        continue;
      g_ptr_array_set_size (node->answers, 0);
      if (node->enabled && evaluate_sum (self, node->item->calculated, &sum))
        {
          JsonObject *value = json_object_new ();

          if (node->item->type == CARE_QUESTIONNAIRE_INTEGER)
            json_object_set_int_member (value, "valueInteger", (gint64)sum);
          else
            json_object_set_double_member (value, "valueDecimal", sum);
          g_ptr_array_add (node->answers, value);
        }
    }
}

/* Runs enableWhen until nothing moves (a condition may look at an item
 * further down the form), then the sums. */
void
care_questionnaire_form_update (CareQuestionnaireForm *self)
{
  for (guint pass = 0; pass < 32; pass++)
    {
      update_calculated_in (self, self->nodes);
      if (!update_enabled_in (self, self->nodes))
        break;
    }
  update_calculated_in (self, self->nodes);
}

static void
care_questionnaire_form_finalize (GObject *object)
{
  CareQuestionnaireForm *self = CARE_QUESTIONNAIRE_FORM (object);

  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_object (&self->questionnaire);
  g_clear_pointer (&self->refused, g_free);
  G_OBJECT_CLASS (care_questionnaire_form_parent_class)->finalize (object);
}

static void
care_questionnaire_form_class_init (CareQuestionnaireFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_questionnaire_form_finalize;

  /**
   * CareQuestionnaireForm::changed:
   *
   * Answers changed; which nodes are enabled and the sums may have too.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
care_questionnaire_form_init (CareQuestionnaireForm *self)
{
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
}

/**
 * care_questionnaire_form_new:
 * @questionnaire: what to answer
 *
 * A form with the questionnaire's initial answers.
 *
 * Returns: (transfer full): the form
 */
CareQuestionnaireForm *
care_questionnaire_form_new (CareQuestionnaire *questionnaire)
{
  CareQuestionnaireForm *self;
  GPtrArray *items;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (questionnaire), NULL);

  self = g_object_new (CARE_TYPE_QUESTIONNAIRE_FORM, NULL);
  self->questionnaire = g_object_ref (questionnaire);
  items = care_questionnaire_get_items (questionnaire);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (self->nodes, care_questionnaire_node_new (g_ptr_array_index (items, i), NULL));
  care_questionnaire_form_update (self);
  return self;
}

CareQuestionnaire *
care_questionnaire_form_get_questionnaire (CareQuestionnaireForm *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), NULL);
  return self->questionnaire;
}

/**
 * care_questionnaire_form_get_nodes:
 * @self: a form
 *
 * Returns: (transfer none) (element-type CareQuestionnaireNode): the top nodes
 */
GPtrArray *
care_questionnaire_form_get_nodes (CareQuestionnaireForm *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), NULL);
  return self->nodes;
}

/**
 * care_questionnaire_form_find:
 * @self: a form
 * @link_id: a linkId
 *
 * Returns: (transfer none) (nullable): the first node of that item
 */
CareQuestionnaireNode *
care_questionnaire_form_find (CareQuestionnaireForm *self,
                              const char            *link_id)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), NULL);
  g_return_val_if_fail (link_id != NULL, NULL);
  return find_in (self->nodes, link_id);
}

static void
changed (CareQuestionnaireForm *self)
{
  care_questionnaire_form_update (self);
  self->changed = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * care_questionnaire_form_set_answers:
 * @self: a form
 * @node: a question of @self
 * @values: (nullable) (element-type JsonObject): its answers (copied);
 *   %NULL or empty clears them
 *
 * Sets the answers as given (check them with care_questionnaire_form_validate()).
 */
void
care_questionnaire_form_set_answers (CareQuestionnaireForm *self,
                                     CareQuestionnaireNode *node,
                                     GPtrArray             *values)
{
  g_return_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self));
  g_return_if_fail (node != NULL);

  g_ptr_array_set_size (node->answers, 0);
  for (guint i = 0; values != NULL && i < values->len; i++)
    g_ptr_array_add (node->answers, json_object_ref (g_ptr_array_index (values, i)));
  g_clear_pointer (&node->message, g_free);
  changed (self);
}

/**
 * care_questionnaire_form_set_answer:
 * @self: a form
 * @node: a question of @self
 * @value: (nullable): its one answer; %NULL clears it
 */
void
care_questionnaire_form_set_answer (CareQuestionnaireForm *self,
                                    CareQuestionnaireNode *node,
                                    JsonObject            *value)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  if (value != NULL)
    g_ptr_array_add (values, value);
  care_questionnaire_form_set_answers (self, node, values);
}

/**
 * care_questionnaire_form_set_text:
 * @self: a form
 * @node: a question of @self
 * @texts: (nullable) (array zero-terminated=1): what was typed, one text
 *   per answer; %NULL or empty clears the answers
 * @error: return location for a #GError
 *
 * Types each text (care_questionnaire_value_parse()) and sets them. On an
 * error nothing changes and the node's message says what is wrong.
 *
 * Returns: %TRUE if the answers were set
 */
gboolean
care_questionnaire_form_set_text (CareQuestionnaireForm  *self,
                                  CareQuestionnaireNode  *node,
                                  const char * const     *texts,
                                  GError                **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      GError *local_error = NULL;
      JsonObject *value;
      g_autofree char *trimmed = g_strstrip (g_strdup (texts[i]));

      /* An emptied field clears its answer. */
      if (trimmed[0] == '\0')
        continue;
      value = care_questionnaire_value_parse (node->item, texts[i], &local_error);
      if (value == NULL)
        {
          g_free (node->message);
          node->message = g_strdup (local_error->message);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_ptr_array_add (values, value);
    }
  if (values->len > 1 && !node->item->repeats)
    {
      g_free (node->message);
      node->message = g_strdup (_("This question takes one answer."));
      g_set_error_literal (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_INVALID, node->message);
      return FALSE;
    }
  care_questionnaire_form_set_answers (self, node, values);
  return TRUE;
}

/**
 * care_questionnaire_form_add_instance:
 * @self: a form
 * @node: an instance of a repeating group
 *
 * Adds an empty instance of the group after its last one.
 *
 * Returns: (transfer none) (nullable): the new instance
 */
CareQuestionnaireNode *
care_questionnaire_form_add_instance (CareQuestionnaireForm *self,
                                      CareQuestionnaireNode *node)
{
  GPtrArray *siblings;
  CareQuestionnaireNode *added;
  guint last = 0, n = 0;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), NULL);
  g_return_val_if_fail (node != NULL, NULL);

  if (!node->item->repeats || node->item->type != CARE_QUESTIONNAIRE_GROUP)
    return NULL;
  siblings = siblings_of (self, node);
  for (guint i = 0; i < siblings->len; i++)
    if (((CareQuestionnaireNode *)g_ptr_array_index (siblings, i))->item == node->item)
      {
        last = i;
        n++;
      }
  if (n >= MAX_INSTANCES)
    return NULL;
  added = care_questionnaire_node_new (node->item, node->parent);
  g_ptr_array_insert (siblings, last + 1, added);
  changed (self);
  return added;
}

/**
 * care_questionnaire_form_remove_instance:
 * @self: a form
 * @node: an instance of a repeating group
 *
 * Removes @node, unless it is the group's only instance.
 *
 * Returns: %TRUE if it was removed (@node is then freed)
 */
gboolean
care_questionnaire_form_remove_instance (CareQuestionnaireForm *self,
                                         CareQuestionnaireNode *node)
{
  GPtrArray *siblings;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  siblings = siblings_of (self, node);
  for (guint i = 0; i < siblings->len; i++)
    if (((CareQuestionnaireNode *)g_ptr_array_index (siblings, i))->item == node->item)
      n++;
  if (n < 2)
    return FALSE;
  g_ptr_array_remove (siblings, node);
  changed (self);
  return TRUE;
}

gboolean
care_questionnaire_node_has_answers (CareQuestionnaireNode *node)
{
  if (node->answers->len > 0)
    return TRUE;
  for (guint i = 0; i < node->children->len; i++)
    if (care_questionnaire_node_has_answers (g_ptr_array_index (node->children, i)))
      return TRUE;
  return FALSE;
}

static void
validate_in (GPtrArray              *nodes,
             guint                  *n_problems,
             CareQuestionnaireNode **first)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      CareQuestionnaireItem *item = node->item;

      g_clear_pointer (&node->message, g_free);
      if (!node->enabled)
        continue;
      if (item->type == CARE_QUESTIONNAIRE_GROUP)
        {
          if (item->required && !care_questionnaire_node_has_answers (node))
            node->message = g_strdup (_("Answer at least one question here."));
        }
      else if (item->type != CARE_QUESTIONNAIRE_DISPLAY)
        {
          if (item->required && node->answers->len == 0)
            node->message = g_strdup (_("This question needs an answer."));
          else if (node->answers->len > 1 && !item->repeats)
            node->message = g_strdup (_("This question takes one answer."));
          for (guint j = 0; node->message == NULL && j < node->answers->len; j++)
            {
              g_autoptr(GError) error = NULL;

              if (!care_questionnaire_value_check (item, g_ptr_array_index (node->answers, j), &error))
                node->message = g_strdup (error->message);
            }
        }
      if (node->message != NULL)
        {
          (*n_problems)++;
          if (*first == NULL)
            *first = node;
        }
      validate_in (node->children, n_problems, first);
    }
}

/**
 * care_questionnaire_form_validate:
 * @self: a form
 * @out_first: (out) (optional) (transfer none): the first node with a problem
 *
 * Checks every shown item: required ones answered (a required group:
 * at least one answer inside), one answer where only one is taken, each
 * answer of the right type, within its limits and one of its options.
 * Each node's message says what is wrong with it.
 *
 * Returns: how many items have a problem (0: the form may be sent)
 */
guint
care_questionnaire_form_validate (CareQuestionnaireForm  *self,
                                  CareQuestionnaireNode **out_first)
{
  CareQuestionnaireNode *first = NULL;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), 0);

  validate_in (self->nodes, &n, &first);
  if (out_first != NULL)
    *out_first = first;
  return n;
}

static CareQuestionnaireNode *
find_score (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      CareQuestionnaireNode *found;

      if (node->item->calculated != NULL && node->enabled && node->answers->len > 0)
        return node;
      found = find_score (node->children);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * care_questionnaire_form_get_score:
 * @self: a form
 * @out_score: (out) (optional): the score
 * @out_node: (out) (optional) (transfer none): the item that holds it
 *
 * The first sum a calculatedExpression item holds now.
 *
 * Returns: %TRUE if there is one
 */
gboolean
care_questionnaire_form_get_score (CareQuestionnaireForm  *self,
                                   double                 *out_score,
                                   CareQuestionnaireNode **out_node)
{
  CareQuestionnaireNode *node;
  double score = 0;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), FALSE);

  node = find_score (self->nodes);
  if (node == NULL ||
      !care_questionnaire_value_get_number (node->item, g_ptr_array_index (node->answers, 0), &score))
    return FALSE;
  if (out_score != NULL)
    *out_score = score;
  if (out_node != NULL)
    *out_node = node;
  return TRUE;
}

/**
 * care_questionnaire_form_get_changed:
 * @self: a form
 *
 * Returns: whether any answer was changed since it was made or read
 */
gboolean
care_questionnaire_form_get_changed (CareQuestionnaireForm *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), FALSE);
  return self->changed;
}

static guint
count_answered_in (GPtrArray *nodes)
{
  guint n = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);

      if (node->answers->len > 0 && node->item->calculated == NULL)
        n++;
      n += count_answered_in (node->children);
    }
  return n;
}

/**
 * care_questionnaire_form_count_answered:
 * @self: a form
 *
 * Returns: how many questions have an answer (sums left out)
 */
guint
care_questionnaire_form_count_answered (CareQuestionnaireForm *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (self), 0);
  return count_answered_in (self->nodes);
}

