/* care-reading-requests.h — what the clinic asked for, and what was entered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-reading.h"

G_BEGIN_DECLS

/**
 * CareReadingRequest:
 * @id: "CarePlan/id#n" (its n-th activity) or "ServiceRequest/id"
 * @kind: what to measure
 * @description: (nullable): the clinic's words
 * @frequency: (nullable): how often, in words ("Twice a day")
 * @requester: (nullable): who asked (a display name)
 * @until: (nullable): the last day, YYYY-MM-DD
 *
 * One reading the clinic asked for: an active CarePlan's activity whose
 * `detail.code` is a LOINC code of a reading (how often from
 * `detail.scheduledTiming`), or an active ServiceRequest whose `code` is
 * one (`occurrenceTiming`).
 */
typedef struct
{
  char            *id;
  CareReadingKind  kind;
  char            *description;
  char            *frequency;
  char            *requester;
  char            *until;
} CareReadingRequest;

void       care_reading_request_free      (CareReadingRequest *self);
GPtrArray *care_reading_requests_from_resource (JsonObject     *resource);
GPtrArray *care_reading_requests_list     (CareCache          *cache,
                                           GError            **error);
char      *care_timing_dup_text           (JsonObject         *timing);

/**
 * CareReadingEntry:
 * @id: the Observation's id once the portal has it, else the outbox item's
 * @reading: the reading
 * @waiting: whether it is still in the outbox (it can be corrected or
 *   withdrawn)
 * @state: the outbox item's state while @waiting
 * @message: (nullable): the portal's reason when it was refused
 *
 * A reading the patient entered: in the offline copy (a patient-entered
 * Observation) or still in the outbox.
 */
typedef struct
{
  char            *id;
  CareReading     *reading;
  gboolean         waiting;
  CareOutboxState  state;
  char            *message;
} CareReadingEntry;

void       care_reading_entry_free        (CareReadingEntry   *self);
GPtrArray *care_reading_entries_list      (CareCache          *cache,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareReadingRequest, care_reading_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareReadingEntry, care_reading_entry_free)

G_END_DECLS
