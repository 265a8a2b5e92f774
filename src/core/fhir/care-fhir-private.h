/* care-fhir-private.h — what care-fhir.c shares with the scanner's index
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  care_fhir_tidy_concept_text (GString    *text,
                                   gboolean    snomed,
                                   gboolean    loinc_long_name);
char *care_fhir_format_number     (double      value);
int   care_fhir_code_rank         (const char *code);

G_END_DECLS
