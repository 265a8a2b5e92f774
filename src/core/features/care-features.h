/* care-features.h — what each feature area of Carebook owns
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CareFeatureTypeFlags:
 * @CARE_FEATURE_TYPE_DEFAULT: the feature owns the type and it is searched
 *   by patient when syncing
 * @CARE_FEATURE_TYPE_SHARED: the feature also shows the type, which another
 *   feature owns (growth charts draw Observations that results lists)
 * @CARE_FEATURE_TYPE_REFERENCED: never searched by patient: read only where
 *   another resource refers to it (a Medication)
 */
typedef enum
{
  CARE_FEATURE_TYPE_DEFAULT = 0,
  CARE_FEATURE_TYPE_SHARED = 1 << 0,
  CARE_FEATURE_TYPE_REFERENCED = 1 << 1,
} CareFeatureTypeFlags;

/**
 * CareFeatureType:
 * @type: a FHIR resource type
 * @categories: (nullable): US Core categories it is searched by, comma
 *   separated (FHIR-CLIENT.md 13), or %NULL to search the type whole
 * @flags: how the feature holds it
 */
typedef struct
{
  const char           *type;
  const char           *categories;
  CareFeatureTypeFlags  flags;
} CareFeatureType;

/**
 * CareFeature:
 * @id: the stable name used by sections, actions, GSettings and the page stack
 * @title: the title people know it by (untranslated; translate with _() when shown)
 * @icon_name: the symbolic icon
 * @types: the resource types it shows, ended by an entry whose @type is %NULL
 * @write_types: (nullable): the resource types it creates, %NULL-terminated;
 *   their create scopes are asked for at sign-in ("Type.cu" asks for
 *   create and update)
 *
 * One feature area, in core: everything about it that is not drawing.
 * Sync planning, requested scopes, the sidebar, the record search,
 * notifications and the sync indicator all read this one table.
 */
typedef struct
{
  const char            *id;
  const char            *title;
  const char            *icon_name;
  const CareFeatureType *types;
  const char * const    *write_types;
} CareFeature;

guint              care_features_get_n_items    (void);
const CareFeature *care_features_get            (guint        position);
const CareFeature *care_features_lookup         (const char  *id);
const CareFeature *care_features_for_type       (const char  *type);
const char        *care_features_section_for_type (const char *type);
GStrv              care_feature_dup_types       (const CareFeature *feature);
GStrv              care_features_dup_sync_types (void);
char              *care_features_dup_categories (const char  *type);
char              *care_features_dup_scopes     (gboolean     v1);

G_END_DECLS
