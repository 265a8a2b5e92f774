/* care-cache-query.h — what a view asks the cache for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CareCacheSort:
 * @CARE_CACHE_SORT_NEWEST: by effective date, newest first (undated last)
 * @CARE_CACHE_SORT_OLDEST: by effective date, oldest first (undated last)
 * @CARE_CACHE_SORT_NAME: by display name
 * @CARE_CACHE_SORT_RELEVANCE: by full-text rank (only with text)
 *
 * The order of a query's results.
 */
typedef enum
{
  CARE_CACHE_SORT_NEWEST,
  CARE_CACHE_SORT_OLDEST,
  CARE_CACHE_SORT_NAME,
  CARE_CACHE_SORT_RELEVANCE,
} CareCacheSort;

typedef struct _CareCacheQuery CareCacheQuery;

#define CARE_TYPE_CACHE_QUERY (care_cache_query_get_type ())

GType           care_cache_query_get_type     (void) G_GNUC_CONST;
CareCacheQuery *care_cache_query_new          (const char     *type);
CareCacheQuery *care_cache_query_ref          (CareCacheQuery *self);
void            care_cache_query_unref        (CareCacheQuery *self);
const char     *care_cache_query_get_type_name (CareCacheQuery *self);
void            care_cache_query_set_category (CareCacheQuery *self,
                                               const char     *category);
void            care_cache_query_set_code     (CareCacheQuery *self,
                                               const char     *system,
                                               const char     *code);
void            care_cache_query_set_status   (CareCacheQuery *self,
                                               const char     *status);
void            care_cache_query_set_range    (CareCacheQuery *self,
                                               GDateTime      *since,
                                               GDateTime      *until);
void            care_cache_query_set_text     (CareCacheQuery *self,
                                               const char     *text);
void            care_cache_query_set_sort     (CareCacheQuery *self,
                                               CareCacheSort   sort);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareCacheQuery, care_cache_query_unref)

G_END_DECLS
