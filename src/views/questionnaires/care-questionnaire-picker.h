/* care-questionnaire-picker.h — date, dateTime and time answers picked, not typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-questionnaire.h"

G_BEGIN_DECLS

typedef void (*CareQuestionnairePicked) (const char *fhir_text,
                                         gpointer    user_data);

GtkWidget *care_questionnaire_picker_new       (CareQuestionnaireType      type,
                                                GtkWidget                 *entry,
                                                CareQuestionnairePicked    picked,
                                                gpointer                   user_data);
void       care_questionnaire_picker_set_value (GtkWidget                 *entry,
                                                const char                *fhir_text);
gboolean   care_questionnaire_picker_pick      (GtkWidget                 *entry,
                                                GDateTime                 *when);
gboolean   care_questionnaire_picker_is_12_hour (void);

G_END_DECLS
