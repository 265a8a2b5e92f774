/* care-value-set.h — answerValueSets the portal expands, kept for offline use
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-questionnaire.h"

G_BEGIN_DECLS

/* The most answers one question offers from an expansion: past it the
 * question says so instead of drawing a list nobody can read through. */
#define CARE_VALUE_SET_MAX_CONCEPTS 1000

/* The most bytes of one $expand answer read. */
#define CARE_VALUE_SET_MAX_BYTES (4 * 1024 * 1024)

/**
 * CareValueSetProblem:
 * @CARE_VALUE_SET_OK: the expansion is cached
 * @CARE_VALUE_SET_NOT_FETCHED: never downloaded (not synced since, or offline)
 * @CARE_VALUE_SET_NOT_FOUND: the portal does not know the ValueSet (404)
 * @CARE_VALUE_SET_FAILED: the portal failed or could not be reached
 * @CARE_VALUE_SET_MALFORMED: the portal sent something that is no expansion
 * @CARE_VALUE_SET_TOO_LARGE: more answers than %CARE_VALUE_SET_MAX_CONCEPTS
 *
 * Why a question's answers from an answerValueSet are not there.
 */
typedef enum
{
  CARE_VALUE_SET_OK,
  CARE_VALUE_SET_NOT_FETCHED,
  CARE_VALUE_SET_NOT_FOUND,
  CARE_VALUE_SET_FAILED,
  CARE_VALUE_SET_MALFORMED,
  CARE_VALUE_SET_TOO_LARGE,
} CareValueSetProblem;

char       *care_value_set_dup_expand_path     (const char           *url);
JsonObject *care_value_set_read_expansion      (JsonObject           *resource,
                                                const char           *url,
                                                guint                *out_total,
                                                GError              **error);
JsonObject *care_value_set_read_response       (guint                 status,
                                                GBytes               *body,
                                                const char           *url,
                                                CareValueSetProblem  *out_problem,
                                                guint                *out_total);
CareValueSetProblem care_value_set_problem_for_error (const GError   *error);

gboolean    care_value_set_cache_store         (CareCache            *cache,
                                                const char           *url,
                                                JsonObject           *value_set,
                                                CareValueSetProblem   problem,
                                                guint                 total);
JsonObject *care_value_set_cache_lookup        (CareCache            *cache,
                                                const char           *url,
                                                CareValueSetProblem  *out_problem,
                                                guint                *out_total);
gboolean    care_value_set_cache_has           (CareCache            *cache,
                                                const char           *url);

char       *care_value_set_problem_dup_text    (CareValueSetProblem   problem,
                                                guint                 total);

GPtrArray  *care_questionnaire_dup_value_set_urls (CareQuestionnaire *questionnaire);
guint       care_questionnaire_use_cached_value_sets (CareQuestionnaire *questionnaire,
                                                      CareCache         *cache);

G_END_DECLS
