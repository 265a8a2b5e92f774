/* care-result-format.h — how a test result's flag, value and date are said
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CareResultFlag:
 * @CARE_RESULT_FLAG_NONE: no interpretation was sent
 * @CARE_RESULT_FLAG_NORMAL: within the reference range
 * @CARE_RESULT_FLAG_LOW: below the range
 * @CARE_RESULT_FLAG_HIGH: above the range
 * @CARE_RESULT_FLAG_ABNORMAL: abnormal, without a direction
 * @CARE_RESULT_FLAG_CRITICAL_LOW: critically low
 * @CARE_RESULT_FLAG_CRITICAL_HIGH: critically high
 * @CARE_RESULT_FLAG_CRITICAL: critically abnormal
 *
 * What the lab said about a value (Observation.interpretation), in the
 * order of how much it asks for attention.
 */
typedef enum
{
  CARE_RESULT_FLAG_NONE,
  CARE_RESULT_FLAG_NORMAL,
  CARE_RESULT_FLAG_LOW,
  CARE_RESULT_FLAG_HIGH,
  CARE_RESULT_FLAG_ABNORMAL,
  CARE_RESULT_FLAG_CRITICAL_LOW,
  CARE_RESULT_FLAG_CRITICAL_HIGH,
  CARE_RESULT_FLAG_CRITICAL,
} CareResultFlag;

CareResultFlag  care_result_flag_from_code      (const char     *code);
CareResultFlag  care_result_flag_combine        (CareResultFlag  a,
                                                 CareResultFlag  b);
gboolean        care_result_flag_is_flagged     (CareResultFlag  flag);
const char     *care_result_flag_get_label      (CareResultFlag  flag);
const char     *care_result_flag_get_word       (CareResultFlag  flag);
const char     *care_result_flag_get_icon_name  (CareResultFlag  flag);
const char     *care_result_flag_get_css_class  (CareResultFlag  flag);

char           *care_result_format_date         (GDateTime      *date);
char           *care_result_format_day_heading  (GDateTime      *date);
char           *care_result_format_date_time    (GDateTime      *date);
char           *care_result_format_status       (const char     *status);
char           *care_result_dup_sentence        (const char     *name,
                                                 const char     *value,
                                                 CareResultFlag  flag,
                                                 GDateTime      *date);

G_END_DECLS
