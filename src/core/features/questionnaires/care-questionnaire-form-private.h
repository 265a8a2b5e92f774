/* care-questionnaire-form-private.h — shared by the form's two files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-questionnaire-form.h"

G_BEGIN_DECLS

#define MAX_INSTANCES 200

struct _CareQuestionnaireForm
{
  GObject            parent_instance;
  CareQuestionnaire *questionnaire;
  GPtrArray         *nodes;
  gboolean           changed;
  /* The item a strict load refused, for the portal's OperationOutcome. */
  char              *refused;
};

CareQuestionnaireNode *care_questionnaire_node_new         (CareQuestionnaireItem *item,
                                                            CareQuestionnaireNode *parent);
gboolean               care_questionnaire_node_has_answers (CareQuestionnaireNode *node);
void                   care_questionnaire_form_update      (CareQuestionnaireForm *self);
void                   care_questionnaire_form_emit_changed (CareQuestionnaireForm *self);

G_END_DECLS
