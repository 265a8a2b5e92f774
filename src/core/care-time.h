/* care-time.h — dates and times as people read them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *care_time_dup_relative_text (GDateTime *then,
                                   GDateTime *now);
char *care_time_dup_updated_text  (GDateTime *then,
                                   GDateTime *now);
char *care_time_format            (GDateTime  *date,
                                   const char *format);
char *care_time_format_as_written (const char *text,
                                   const char *format);
char *care_time_format_fhir       (const char *text,
                                   const char *format);

char *care_time_format_day        (GDateTime  *date);
char *care_time_format_clock      (GDateTime  *date);
char *care_time_format_day_time   (GDateTime  *date);
char *care_time_join_day_time     (const char *day,
                                   const char *clock);
char *care_time_format_fhir_day   (const char *text);
char *care_time_format_fhir_day_time (const char *text);

G_END_DECLS
