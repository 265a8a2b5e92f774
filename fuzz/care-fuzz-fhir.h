/* care-fuzz-fhir.h — one input through every FHIR parser, for the fuzzer and its replay test
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-fhir-page.h"

G_BEGIN_DECLS

void  care_fuzz_fhir_one         (const guint8 *data,
                                  gsize         size);
char *care_fuzz_page_difference  (GBytes       *body);
char *care_fuzz_pages_difference (CareFhirPage *a,
                                  CareFhirPage *b);

G_END_DECLS
