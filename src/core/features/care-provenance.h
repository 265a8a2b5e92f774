/* care-provenance.h — "where this came from", from a resource's Provenance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"

G_BEGIN_DECLS

char *care_provenance_dup_text        (JsonObject *provenance,
                                       CareCache  *cache);
char *care_provenance_dup_text_for    (CareCache  *cache,
                                       const char *type,
                                       const char *id);

G_END_DECLS
