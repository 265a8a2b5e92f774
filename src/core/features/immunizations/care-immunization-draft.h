/* care-immunization-draft.h — a vaccine given elsewhere
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-outbox-draft.h"

G_BEGIN_DECLS

CareOutboxDraft *care_immunization_draft_new (const char   *patient,
                                              const char   *vaccine,
                                              const char   *date,
                                              const char   *place,
                                              const char   *origin,
                                              const GDate  *today,
                                              GError      **error);

G_END_DECLS
