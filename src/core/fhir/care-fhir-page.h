/* care-fhir-page.h — one response from a FHIR server, parsed and indexed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "care-fhir.h"
#include "care-fhir-index.h"

G_BEGIN_DECLS

/**
 * CARE_FHIR_PAGE_MAX_ENTRIES:
 *
 * The most entries (or elements of any one list) accepted in one page of
 * a search. Servers page at 50 to 1,000; a page above this is refused as
 * "the health system sent more than …".
 */
#define CARE_FHIR_PAGE_MAX_ENTRIES 10000

/**
 * CareFhirRecord:
 * @resource: (nullable): the resource; %NULL in the records of a parsed
 *   page, which keep only their text and index
 * @json: the resource as compact JSON text, as the cache stores it: for a
 *   parsed page, the text the server sent, minus whitespace
 * @index: its index columns
 * @json_length: the length of @json in bytes, or 0 when not known (the
 *   cache then counts it)
 *
 * A resource ready to be stored.
 */
typedef struct
{
  JsonObject    *resource;
  char          *json;
  CareFhirIndex *index;
  gsize          json_length;
} CareFhirRecord;

/**
 * CareFhirPage:
 * @records: (element-type CareFhirRecord): the resources of the page, minus
 *   OperationOutcomes, de-duplicated by resourceType/id
 * @references: (element-type utf8): "Type/id" of every relative or absolute
 *   reference in @records, as a set
 * @next_url: (nullable): link[next] exactly as given
 * @self_url: (nullable): link[self]
 * @outcome: the most serious OperationOutcome found among the entries
 * @outcome_text: (nullable): its text
 * @is_bundle: whether the response was a Bundle (else a single resource)
 *
 * A Bundle read from tokens keeps its records, their index and every
 * string of them (and the keys of @references) in one arena of its own,
 * freed with the page: its records must not outlive it, and are never
 * freed one by one (care_fhir_record_free() is for care_fhir_record_new()'s).
 *
 * What one response held. OperationOutcome entries are summarised in
 * @outcome, never kept as data (FHIR-CLIENT.md 17).
 */
typedef struct
{
  GPtrArray           *records;
  GHashTable          *references;
  char                *next_url;
  char                *self_url;
  CareFhirOutcomeKind  outcome;
  char                *outcome_text;
  gboolean             is_bundle;

  /*< private >*/
  struct _CareFhirArena *arena;
} CareFhirPage;

CareFhirRecord *care_fhir_record_new        (JsonObject    *resource);
void            care_fhir_record_free       (CareFhirRecord *record);

CareFhirPage   *care_fhir_page_parse        (GBytes        *body,
                                             const char    *content_type,
                                             GError       **error);
CareFhirPage   *care_fhir_page_parse_with   (GBytes        *body,
                                             const char    *content_type,
                                             gboolean       scan,
                                             GError       **error);
void            care_fhir_page_parse_async  (GBytes        *body,
                                             const char    *content_type,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
CareFhirPage   *care_fhir_page_parse_finish (GAsyncResult  *result,
                                             GError       **error);
void            care_fhir_page_free         (CareFhirPage  *page);

void            care_fhir_collect_references (JsonObject   *resource,
                                              GHashTable   *into);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareFhirRecord, care_fhir_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareFhirPage, care_fhir_page_free)

G_END_DECLS
