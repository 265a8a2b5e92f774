/* care-fhir-json.h — a fast path for parsing plain JSON into json-glib trees
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *care_fhir_json_parse_plain (const char *data,
                                      gsize       length);

G_END_DECLS
