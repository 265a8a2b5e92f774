/* care-clinician-order.h — whom the scheduling flow offers first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"

G_BEGIN_DECLS

/**
 * CareClinicianRank:
 * @CARE_CLINICIAN_FAVOURITE: starred by the person
 * @CARE_CLINICIAN_SEEN: seen at a past (or booked) visit
 * @CARE_CLINICIAN_OTHER: anyone else with open times
 *
 * The order of the "With whom?" step, first to last.
 */
typedef enum
{
  CARE_CLINICIAN_FAVOURITE,
  CARE_CLINICIAN_SEEN,
  CARE_CLINICIAN_OTHER,
} CareClinicianRank;

gboolean          care_clinician_is_favourite  (CareCache  *cache,
                                                const char *reference);
gboolean          care_clinician_set_favourite (CareCache  *cache,
                                                const char *reference,
                                                gboolean    favourite,
                                                GError    **error);
CareClinicianRank care_clinician_rank          (CareCache  *cache,
                                                const char *reference);

G_END_DECLS
