/* care-medication-draft.h — "I no longer take this"
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-outbox-draft.h"

G_BEGIN_DECLS

CareOutboxDraft *care_medication_stopped_draft_new (const char *patient,
                                                    const char *reporter,
                                                    JsonObject *request,
                                                    const char *medication_name,
                                                    GDateTime  *asserted);

G_END_DECLS
