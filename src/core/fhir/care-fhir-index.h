/* care-fhir-index.h — the columns the cache extracts from each resource
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CareFhirStrings:
 * @pdata: the strings
 * @len: how many
 *
 * A list of strings, read as a #GPtrArray's public fields are (->len,
 * ->pdata[i], g_ptr_array_index()), but not one: it is never grown, and
 * no GPtrArray function may be called on it.
 */
typedef struct
{
  char  **pdata;
  guint   len;
} CareFhirStrings;

/**
 * CareFhirIndex:
 * @type: resourceType
 * @id: (nullable): Resource.id
 * @version_id: (nullable): meta.versionId
 * @last_updated: (nullable): meta.lastUpdated, as sent
 * @patient: (nullable): the id of the Patient the resource is about
 * @categories: "system|code" of every category (system may be empty)
 * @codings: "system|code" of every coding of the main code
 * @code_system: (nullable): the first coding's system
 * @code: (nullable): the first coding's code
 * @effective: (nullable): the date that places the resource in time, as
 *   sent; which element that is depends on the type
 * @effective_unix: @effective in seconds since 1970, or %G_MININT64
 * @status: (nullable): status (clinicalStatus for Condition and allergies)
 * @display: (nullable): a name for the resource, for lists
 * @value_text: (nullable): an Observation's value as text ("7.2 %")
 * @value_number: the numeric value, if @has_value_number
 * @has_value_number: whether there is one
 * @value_unit: (nullable): its unit, as sent
 * @interpretation: (nullable): interpretation code (H, L, N, A…) or text
 * @search_text: the words full-record search should find
 *
 * What the cache stores beside a resource's JSON so views can filter,
 * sort and search in SQL.
 */
typedef struct
{
  char      *type;
  char      *id;
  char      *version_id;
  char      *last_updated;
  char      *patient;
  CareFhirStrings *categories;
  CareFhirStrings *codings;
  char      *code_system;
  char      *code;
  char      *effective;
  gint64     effective_unix;
  char      *status;
  char      *display;
  char      *value_text;
  double     value_number;
  gboolean   has_value_number;
  char      *value_unit;
  char      *interpretation;
  char      *search_text;
} CareFhirIndex;

/* The "system" under which a Provenance's targets are indexed as codings
 * ("Observation/a1c-3"), so the Provenance of a resource is one indexed
 * query away: care_cache_query_set_code (q, CARE_FHIR_INDEX_TARGET_SYSTEM, "Type/id"). */
#define CARE_FHIR_INDEX_TARGET_SYSTEM "urn:carebook:target"

CareFhirIndex *care_fhir_index_new      (JsonObject    *resource);
void           care_fhir_index_free     (CareFhirIndex *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareFhirIndex, care_fhir_index_free)

G_END_DECLS
