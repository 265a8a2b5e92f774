/* care-questionnaire-renderer.h — a questionnaire as a form to fill in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-questionnaire-form.h"

G_BEGIN_DECLS

#define CARE_TYPE_QUESTIONNAIRE_RENDERER (care_questionnaire_renderer_get_type ())

G_DECLARE_FINAL_TYPE (CareQuestionnaireRenderer, care_questionnaire_renderer, CARE, QUESTIONNAIRE_RENDERER, AdwBin)

GtkWidget *care_questionnaire_renderer_new           (CareQuestionnaireForm     *form,
                                                      gboolean                   read_only);
CareQuestionnaireForm *care_questionnaire_renderer_get_form (CareQuestionnaireRenderer *self);
guint      care_questionnaire_renderer_show_problems (CareQuestionnaireRenderer *self);
GtkWidget *care_questionnaire_renderer_get_field     (CareQuestionnaireRenderer *self,
                                                      const char                *link_id,
                                                      guint                      n);
GtkWidget *care_questionnaire_renderer_get_row       (CareQuestionnaireRenderer *self,
                                                      const char                *link_id);

G_END_DECLS
