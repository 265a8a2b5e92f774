/* care-fhir-arena.h — the memory of a parsed page, allocated and freed at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/core/fhir.
 */
#pragma once

#include <glib.h>

#include "care-fhir-index.h"

G_BEGIN_DECLS

typedef struct _CareFhirArena CareFhirArena;

CareFhirArena *care_fhir_arena_new      (void);
void           care_fhir_arena_free     (CareFhirArena *arena);
gpointer       care_fhir_arena_alloc    (CareFhirArena *arena,
                                         gsize          size);
gpointer       care_fhir_arena_alloc0   (CareFhirArena *arena,
                                         gsize          size);
char          *care_fhir_arena_alloc_bytes (CareFhirArena *arena,
                                            gsize          size);
char          *care_fhir_arena_strndup  (CareFhirArena *arena,
                                         const char    *text,
                                         gsize          length);
char          *care_fhir_arena_strdup   (CareFhirArena *arena,
                                         const char    *text);
GString       *care_fhir_arena_scratch  (CareFhirArena *arena);
char          *care_fhir_arena_keep     (CareFhirArena *arena,
                                         GString       *string);
GPtrArray     *care_fhir_arena_list     (CareFhirArena *arena);
CareFhirStrings *care_fhir_arena_keep_list (CareFhirArena *arena,
                                            GPtrArray     *list);
void           care_fhir_arena_own      (CareFhirArena *arena,
                                         gpointer       data);

#define care_fhir_arena_new0(arena, Type) ((Type *)care_fhir_arena_alloc0 ((arena), sizeof (Type)))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareFhirArena, care_fhir_arena_free)

G_END_DECLS
