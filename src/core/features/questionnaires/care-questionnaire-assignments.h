/* care-questionnaire-assignments.h — what the clinic asked a person to answer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-outbox-draft.h"
#include "care-questionnaire-form.h"

G_BEGIN_DECLS

/**
 * CareAssignmentState:
 * @CARE_ASSIGNMENT_DUE: not started
 * @CARE_ASSIGNMENT_STARTED: answers kept as a draft on this computer
 * @CARE_ASSIGNMENT_WAITING: submitted, waiting in the outbox
 * @CARE_ASSIGNMENT_REFUSED: submitted, refused by the portal
 * @CARE_ASSIGNMENT_DONE: the portal has the answers
 */
typedef enum
{
  CARE_ASSIGNMENT_DUE,
  CARE_ASSIGNMENT_STARTED,
  CARE_ASSIGNMENT_WAITING,
  CARE_ASSIGNMENT_REFUSED,
  CARE_ASSIGNMENT_DONE,
} CareAssignmentState;

/**
 * CareQuestionnaireAssignment:
 * @id: the Task's id ("task:<id>"), or a response's ("response:<id>")
 *   when answers came without a Task
 * @questionnaire_id: the Questionnaire's id
 * @title: what it is called
 * @description: (nullable): why the clinic asks
 * @assigned: (nullable): when it was asked for (YYYY-MM-DD…)
 * @due: (nullable): when it is due (YYYY-MM-DD)
 * @state: where it is
 * @response_id: (nullable): the QuestionnaireResponse, once done
 * @outbox_id: (nullable): the outbox item, once submitted
 * @message: (nullable): for a refused one, the portal's words
 *
 * One questionnaire the clinic asked for (a Task whose focus is the
 * Questionnaire) or one the person answered.
 */
typedef struct
{
  char                *id;
  char                *questionnaire_id;
  char                *title;
  char                *description;
  char                *assigned;
  char                *due;
  CareAssignmentState  state;
  char                *response_id;
  char                *outbox_id;
  char                *message;
} CareQuestionnaireAssignment;

void               care_questionnaire_assignment_free   (CareQuestionnaireAssignment *self);
const char        *care_assignment_state_to_string      (CareAssignmentState          state);
gboolean           care_questionnaire_assignment_is_overdue (const CareQuestionnaireAssignment *self,
                                                             const GDate                       *today);
GPtrArray         *care_questionnaire_list_assignments  (CareCache                   *cache,
                                                         GError                     **error);
CareQuestionnaireAssignment *care_questionnaire_find_assignment (GPtrArray           *assignments,
                                                                 const char          *id);
CareQuestionnaire *care_questionnaire_load              (CareCache                   *cache,
                                                         const char                  *questionnaire_id,
                                                         GError                     **error);
JsonObject        *care_questionnaire_load_response     (CareCache                   *cache,
                                                         const CareQuestionnaireAssignment *assignment);

gboolean           care_questionnaire_save_draft        (CareCache                   *cache,
                                                         const char                  *assignment_id,
                                                         CareQuestionnaireForm       *form,
                                                         GError                     **error);
gboolean           care_questionnaire_restore_draft     (CareCache                   *cache,
                                                         const char                  *assignment_id,
                                                         CareQuestionnaireForm       *form);
void               care_questionnaire_forget_draft      (CareCache                   *cache,
                                                         const char                  *assignment_id);

CareOutboxDraft   *care_questionnaire_response_draft_new (CareQuestionnaireForm      *form,
                                                          const char                 *patient,
                                                          const char                 *author,
                                                          GDateTime                  *authored,
                                                          GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareQuestionnaireAssignment, care_questionnaire_assignment_free)

G_END_DECLS
