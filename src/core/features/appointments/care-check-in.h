/* care-check-in.h — an appointment's eCheck-in, step by step
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-appointment.h"
#include "care-cache.h"
#include "care-questionnaire-form.h"

G_BEGIN_DECLS

guint      care_check_in_queued_steps        (CareCache             *cache,
                                              const char            *appointment_id);
guint      care_check_in_done_steps          (JsonObject            *appointment,
                                              CareCache             *cache,
                                              guint                 *out_needed);
char      *care_check_in_dup_questionnaire   (JsonObject            *appointment);
char      *care_check_in_dup_copay           (JsonObject            *appointment);
GPtrArray *care_check_in_answers_drafts_new  (JsonObject            *appointment,
                                              CareQuestionnaireForm *form,
                                              const char            *patient,
                                              const char            *author,
                                              GDateTime             *now,
                                              GError               **error);

G_END_DECLS
