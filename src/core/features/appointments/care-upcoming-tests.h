/* care-upcoming-tests.h — tests ordered for a person and not done yet
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"

G_BEGIN_DECLS

/**
 * CareUpcomingTest:
 * @id: the ServiceRequest's id
 * @name: what the test is ("Lipid panel")
 * @imaging: whether it is imaging rather than a lab test
 * @due: (nullable): the last day to have it done, as the order says
 *   (YYYY-MM-DD…)
 * @place: (nullable): where to go, in the portal's words
 * @location: (nullable): the Location's reference, for its address
 * @instructions: (nullable): what to do before (fasting…)
 *
 * One active ServiceRequest (a lab test or imaging) of the person.
 */
typedef struct
{
  char     *id;
  char     *name;
  gboolean  imaging;
  char     *due;
  char     *place;
  char     *location;
  char     *instructions;
} CareUpcomingTest;

GPtrArray  *care_upcoming_tests_list       (CareCache        *cache,
                                            GError          **error);
GPtrArray  *care_upcoming_tests_from_model (GListModel       *requests);
void        care_upcoming_test_free        (CareUpcomingTest *self);
const char *care_upcoming_test_kind        (const CareUpcomingTest *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareUpcomingTest, care_upcoming_test_free)

G_END_DECLS
