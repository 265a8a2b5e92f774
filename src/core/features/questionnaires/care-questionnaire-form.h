/* care-questionnaire-form.h — a questionnaire being answered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-questionnaire.h"

G_BEGIN_DECLS

typedef struct _CareQuestionnaireNode CareQuestionnaireNode;

/**
 * CareQuestionnaireNode:
 * @item: the item it answers
 * @parent: (nullable): the group (or question) it is nested in
 * @children: the nodes nested in it; a repeating group has one node per
 *   instance, side by side
 * @answers: its answers, one-member value objects ({"valueInteger": 3})
 * @enabled: whether its enableWhen (and its parent's) let it show
 * @message: (nullable): what is wrong with its answers, after
 *   care_questionnaire_form_validate(), for the person, next to it
 *
 * One item of a form as answered; owned by the form, read-only outside it.
 */
struct _CareQuestionnaireNode
{
  CareQuestionnaireItem *item;
  CareQuestionnaireNode *parent;
  GPtrArray             *children;
  GPtrArray             *answers;
  gboolean               enabled;
  char                  *message;
};

#define CARE_TYPE_QUESTIONNAIRE_FORM (care_questionnaire_form_get_type ())

G_DECLARE_FINAL_TYPE (CareQuestionnaireForm, care_questionnaire_form, CARE, QUESTIONNAIRE_FORM, GObject)

CareQuestionnaireForm *care_questionnaire_form_new          (CareQuestionnaire      *questionnaire);
CareQuestionnaire     *care_questionnaire_form_get_questionnaire (CareQuestionnaireForm *self);
GPtrArray             *care_questionnaire_form_get_nodes    (CareQuestionnaireForm  *self);
CareQuestionnaireNode *care_questionnaire_form_find         (CareQuestionnaireForm  *self,
                                                             const char             *link_id);
void                   care_questionnaire_form_set_answers  (CareQuestionnaireForm  *self,
                                                             CareQuestionnaireNode  *node,
                                                             GPtrArray              *values);
void                   care_questionnaire_form_set_answer   (CareQuestionnaireForm  *self,
                                                             CareQuestionnaireNode  *node,
                                                             JsonObject             *value);
gboolean               care_questionnaire_form_set_text     (CareQuestionnaireForm  *self,
                                                             CareQuestionnaireNode  *node,
                                                             const char * const     *texts,
                                                             GError                **error);
CareQuestionnaireNode *care_questionnaire_form_add_instance (CareQuestionnaireForm  *self,
                                                             CareQuestionnaireNode  *node);
gboolean               care_questionnaire_form_remove_instance (CareQuestionnaireForm *self,
                                                                CareQuestionnaireNode *node);
guint                  care_questionnaire_form_validate     (CareQuestionnaireForm  *self,
                                                             CareQuestionnaireNode **out_first);
gboolean               care_questionnaire_form_get_score    (CareQuestionnaireForm  *self,
                                                             double                 *out_score,
                                                             CareQuestionnaireNode **out_node);
gboolean               care_questionnaire_form_get_changed  (CareQuestionnaireForm  *self);
guint                  care_questionnaire_form_count_answered (CareQuestionnaireForm *self);
gboolean               care_questionnaire_form_load_response (CareQuestionnaireForm *self,
                                                              JsonObject            *response,
                                                              gboolean               strict,
                                                              GError               **error);
JsonObject            *care_questionnaire_form_to_response  (CareQuestionnaireForm  *self,
                                                             const char             *status,
                                                             const char             *subject,
                                                             const char             *author,
                                                             GDateTime              *authored);

gboolean               care_questionnaire_check_response    (CareQuestionnaire      *questionnaire,
                                                             JsonObject             *response,
                                                             JsonObject            **out_scored,
                                                             char                  **out_link_id,
                                                             GError                **error);

G_END_DECLS
