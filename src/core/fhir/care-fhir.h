/* care-fhir.h — reading FHIR R4 JSON tolerantly
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CareFhirReferenceKind:
 * @CARE_FHIR_REFERENCE_NONE: no usable reference, perhaps only a display
 * @CARE_FHIR_REFERENCE_RELATIVE: "Type/id"
 * @CARE_FHIR_REFERENCE_ABSOLUTE: "https://…/Type/id"
 * @CARE_FHIR_REFERENCE_URN: "urn:uuid:…" or "urn:oid:…", resolved inside a Bundle
 * @CARE_FHIR_REFERENCE_CONTAINED: "#id", a resource in `contained`
 *
 * The four ways a Reference can point at its target (FHIR-CLIENT.md 23).
 */
typedef enum
{
  CARE_FHIR_REFERENCE_NONE,
  CARE_FHIR_REFERENCE_RELATIVE,
  CARE_FHIR_REFERENCE_ABSOLUTE,
  CARE_FHIR_REFERENCE_URN,
  CARE_FHIR_REFERENCE_CONTAINED,
} CareFhirReferenceKind;

/**
 * CareFhirReference:
 * @kind: how @reference points at its target
 * @type: (nullable): the target's resource type, when the reference says it
 * @id: (nullable): the target's id (the uuid for urn:, the local id for #)
 * @display: (nullable): the text the server sent beside the reference; kept
 *   so a target we cannot read (403/404) still has a name
 *
 * A Reference, read.
 */
typedef struct
{
  CareFhirReferenceKind  kind;
  char                  *type;
  char                  *id;
  char                  *display;
} CareFhirReference;

/**
 * CareFhirOutcomeKind:
 * @CARE_FHIR_OUTCOME_NONE: not an OperationOutcome, or nothing to say
 * @CARE_FHIR_OUTCOME_INFORMATION: only informational issues
 * @CARE_FHIR_OUTCOME_INCOMPLETE: a warning: the list may be incomplete
 * @CARE_FHIR_OUTCOME_WITHHELD: data suppressed, typically from proxy access
 * @CARE_FHIR_OUTCOME_ERROR: an error or fatal issue
 *
 * What an OperationOutcome means for a client showing a list.
 */
typedef enum
{
  CARE_FHIR_OUTCOME_NONE,
  CARE_FHIR_OUTCOME_INFORMATION,
  CARE_FHIR_OUTCOME_INCOMPLETE,
  CARE_FHIR_OUTCOME_WITHHELD,
  CARE_FHIR_OUTCOME_ERROR,
} CareFhirOutcomeKind;

JsonObject *care_fhir_parse_resource      (const char   *data,
                                           gssize        length,
                                           GError      **error);
gboolean    care_fhir_is_valid_id         (const char   *id);
const char *care_fhir_get_string          (JsonObject   *object,
                                           const char   *member);
JsonObject *care_fhir_get_object          (JsonObject   *object,
                                           const char   *member);
JsonArray  *care_fhir_get_array           (JsonObject   *object,
                                           const char   *member);
char       *care_fhir_dup_concept_text    (JsonObject   *concept);
char       *care_fhir_dup_concept_full_text (JsonObject *concept);
gboolean    care_fhir_get_quantity        (JsonObject   *quantity,
                                           double       *out_value,
                                           const char  **out_unit);
gboolean    care_fhir_parse_reference     (const char   *reference,
                                           char        **out_type,
                                           char        **out_id);
const char *care_fhir_bundle_get_next     (JsonObject   *bundle);

gboolean    care_fhir_is_json_content_type (const char  *content_type);
JsonObject *care_fhir_get_first_coding    (JsonObject   *concept);
JsonObject *care_fhir_get_array_object    (JsonObject   *object,
                                           const char   *member,
                                           guint         index);
char       *care_fhir_dup_quantity_text   (JsonObject   *quantity);
char       *care_fhir_dup_count_text      (JsonObject   *quantity);
char       *care_fhir_dup_human_name      (JsonArray    *names);
char       *care_fhir_dup_preferred_name  (JsonArray    *names);
char       *care_fhir_dup_display_name    (JsonArray    *names);
gboolean    care_fhir_read_reference      (JsonObject   *reference,
                                           CareFhirReference *out);
void        care_fhir_reference_clear     (CareFhirReference *reference);
JsonObject *care_fhir_find_contained      (JsonObject   *resource,
                                           const char   *local_id);
CareFhirOutcomeKind care_fhir_classify_outcome (JsonObject *outcome,
                                                char      **out_text);
gboolean    care_fhir_parse_date          (const char   *text,
                                           gint64       *out_unix,
                                           gboolean     *out_has_time);
GDateTime  *care_fhir_dup_date_time       (const char   *text);
GPtrArray  *care_fhir_dup_components      (JsonObject   *observation);
int         care_fhir_component_rank      (JsonObject   *component);
char       *care_fhir_read_flag_code      (JsonObject   *holder,
                                           gboolean     *out_derived);

G_END_DECLS
