/* care-json.h — the one door for JSON that comes from outside
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CARE_JSON_MAX_DEPTH:
 *
 * The deepest nesting of objects and arrays accepted from a portal, a
 * file or a client. FHIR resources stay far below it (a Bundle entry's
 * Questionnaire nested twenty items deep is about 45); json-glib parses
 * recursively, so depth beyond it would only be a way to exhaust the stack.
 */
#define CARE_JSON_MAX_DEPTH 128

gboolean  care_json_check       (const char  *data,
                                 gsize        length,
                                 guint        max_depth,
                                 guint        max_items,
                                 char       **out_normalised,
                                 GError     **error);
JsonNode *care_json_parse       (const char  *data,
                                 gssize       length,
                                 GError     **error);
JsonObject *care_json_parse_object (const char  *data,
                                    gssize       length,
                                    GError     **error);
JsonObject *care_json_parse_bytes  (GBytes      *bytes,
                                    GError     **error);

char     *care_json_to_string         (JsonNode    *node,
                                       gboolean     pretty);
char     *care_json_object_to_string  (JsonObject  *object);
char     *care_json_format_double     (double       value,
                                       char        *buffer);

G_END_DECLS
