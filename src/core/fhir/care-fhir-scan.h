/* care-fhir-scan.h — a resource's index read from a page's tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/core/fhir: the tables care-fhir-index.c reads by, shared
 * with care-fhir-scan-index.c so both readings follow one set of rules.
 */
#pragma once

#include "care-fhir-arena.h"
#include "care-fhir-index.h"
#include "care-json-scan.h"

G_BEGIN_DECLS

typedef enum
{
  CARE_FHIR_NAME_CONCEPT,
  CARE_FHIR_NAME_STRING,
  CARE_FHIR_NAME_HUMAN,
  CARE_FHIR_NAME_REFERENCE,
  CARE_FHIR_NAME_CONCEPT_LIST,
} CareFhirNameKind;

typedef struct
{
  CareFhirNameKind  kind;
  const char       *path;
} CareFhirNamePath;

#define CARE_FHIR_INDEX_MAX_PATHS 5
#define CARE_FHIR_INDEX_MAX_NAMES 4

extern const char * const care_fhir_index_patient_members[];
extern const char * const care_fhir_index_unsearched_members[];

const char * const     *care_fhir_index_effective_paths (const char *type);
const CareFhirNamePath *care_fhir_index_name_paths      (const char *type);
gboolean                care_fhir_index_is_unsearched   (const char *name);

CareFhirIndex *care_fhir_index_new_scanned       (CareScan      *scan,
                                                  guint          resource,
                                                  CareFhirArena *arena,
                                                  GHashTable    *references);
void           care_fhir_scan_add_reference      (const char    *reference,
                                                  CareFhirArena *arena,
                                                  GHashTable    *into);

/* care-fhir-scan-text.c */
void           care_fhir_scan_append_words       (CareScan      *scan,
                                                  guint          resource,
                                                  GString       *out,
                                                  CareFhirArena *arena,
                                                  GHashTable    *references);
void           care_fhir_scan_append_number      (CareScan      *scan,
                                                  guint          token,
                                                  double         value,
                                                  GString       *out);
char          *care_fhir_format_integer          (gint64         integer);

G_END_DECLS
