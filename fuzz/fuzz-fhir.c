/* fuzz-fhir.c — libFuzzer harness for the FHIR parsers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input goes through care_fuzz_fhir_one() (care-fuzz-fhir.c). A
 * crash, a leak or other report under ASan/UBSan, or a disagreement
 * between the parsers (abort) is a finding. See HACKING.md, "Fuzzing".
 */
#include "config.h"

#include <stdint.h>

#include "care-fuzz-fhir.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  care_fuzz_fhir_one (data, size);
  return 0;
}
