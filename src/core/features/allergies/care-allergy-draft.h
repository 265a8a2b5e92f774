/* care-allergy-draft.h — an allergy the patient reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-outbox-draft.h"

G_BEGIN_DECLS

CareOutboxDraft *care_allergy_draft_new (const char *patient,
                                         const char *reporter,
                                         const char *substance,
                                         const char *reaction,
                                         const char *severity,
                                         GDateTime  *recorded);

G_END_DECLS
