/* care-fhir.h — reading FHIR R4 JSON tolerantly
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *care_fhir_parse_resource      (const char   *data,
                                           gssize        length,
                                           GError      **error);
const char *care_fhir_get_string          (JsonObject   *object,
                                           const char   *member);
JsonObject *care_fhir_get_object          (JsonObject   *object,
                                           const char   *member);
JsonArray  *care_fhir_get_array           (JsonObject   *object,
                                           const char   *member);
char       *care_fhir_dup_concept_text    (JsonObject   *concept);
gboolean    care_fhir_get_quantity        (JsonObject   *quantity,
                                           double       *out_value,
                                           const char  **out_unit);
gboolean    care_fhir_parse_reference     (const char   *reference,
                                           char        **out_type,
                                           char        **out_id);
const char *care_fhir_bundle_get_next     (JsonObject   *bundle);

G_END_DECLS
