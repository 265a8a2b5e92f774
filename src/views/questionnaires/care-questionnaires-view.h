/* care-questionnaires-view.h — questionnaires the clinic asked for, and answering them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-questionnaire-renderer.h"
#include "care-record-view.h"

G_BEGIN_DECLS

#define CARE_TYPE_QUESTIONNAIRES_VIEW (care_questionnaires_view_get_type ())

G_DECLARE_FINAL_TYPE (CareQuestionnairesView, care_questionnaires_view, CARE, QUESTIONNAIRES_VIEW, CareRecordView)

GtkWidget                 *care_questionnaires_view_new          (GObject                *context);
guint                      care_questionnaires_view_get_n_rows   (CareQuestionnairesView *self,
                                                                  gboolean                done);
gboolean                   care_questionnaires_view_open         (CareQuestionnairesView *self,
                                                                  const char             *id);
void                       care_questionnaires_view_submit       (CareQuestionnairesView *self);
CareQuestionnaireRenderer *care_questionnaires_view_get_renderer (CareQuestionnairesView *self);
const char                *care_questionnaires_view_get_result   (CareQuestionnairesView *self);

G_END_DECLS
