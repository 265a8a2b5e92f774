/* care-clinician-order.c — whom the scheduling flow offers first
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "With whom?" lists the person's favourites first (a star they put on a
 * clinician, kept on this computer in the cache's meta table as
 * "favourite-clinicians", one "Practitioner/id" a line; it never leaves
 * the computer), then the clinicians of their past and booked visits,
 * then anyone else with open times.
 */
#include "config.h"

#include "care-appointment.h"
#include "care-cache-query.h"
#include "care-clinician-order.h"
#include "care-resource-item.h"

#include <string.h>

#define FAVOURITES_KEY "favourite-clinicians"

static GStrv
dup_favourites (CareCache *cache)
{
  g_autofree char *text = care_cache_dup_meta (cache, FAVOURITES_KEY);

  return g_strsplit (text != NULL ? text : "", "\n", -1);
}

gboolean
care_clinician_is_favourite (CareCache  *cache,
                             const char *reference)
{
  g_auto(GStrv) favourites = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  favourites = dup_favourites (cache);
  return g_strv_contains ((const char * const *)favourites, reference);
}

/**
 * care_clinician_set_favourite:
 * @cache: the person's cache
 * @reference: "Practitioner/id"
 * @favourite: whether to star them
 * @error: return location for a #GError
 *
 * Returns: %TRUE if kept
 */
gboolean
care_clinician_set_favourite (CareCache   *cache,
                              const char  *reference,
                              gboolean     favourite,
                              GError     **error)
{
  g_auto(GStrv) favourites = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (reference != NULL && reference[0] != '\0' && strchr (reference, '\n') == NULL, FALSE);

  favourites = dup_favourites (cache);
  for (guint i = 0; favourites[i] != NULL; i++)
    if (favourites[i][0] != '\0' && !g_str_equal (favourites[i], reference))
      g_strv_builder_add (builder, favourites[i]);
  if (favourite)
    g_strv_builder_add (builder, reference);
  kept = g_strv_builder_end (builder);
  text = g_strjoinv ("\n", kept);
  return care_cache_set_meta (cache, FAVOURITES_KEY, text, error);
}

/* Whether @reference is the clinician of one of the person's visits. */
static gboolean
seen_before (CareCache  *cache,
             const char *reference)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Appointment");
  g_autoptr(GListModel) visits = care_cache_query (cache, query, NULL);

  for (guint i = 0; visits != NULL && i < g_list_model_get_n_items (visits); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (visits, i);
      g_autoptr(JsonObject) visit = care_resource_item_dup_resource (item, NULL);
      g_autofree char *with = NULL;
      g_autofree char *name = visit != NULL ? care_appointment_dup_actor (visit, "Practitioner", &with) : NULL;
      const char *status = care_resource_item_get_status (item);

      if (g_strcmp0 (with, reference) == 0 &&
          (g_strcmp0 (status, "fulfilled") == 0 || g_strcmp0 (status, "booked") == 0 ||
           g_strcmp0 (status, "checked-in") == 0 || g_strcmp0 (status, "arrived") == 0))
        return TRUE;
    }
  return FALSE;
}

/**
 * care_clinician_rank:
 * @cache: the person's cache
 * @reference: "Practitioner/id"
 *
 * Returns: where the clinician goes in "With whom?"
 */
CareClinicianRank
care_clinician_rank (CareCache  *cache,
                     const char *reference)
{
  g_return_val_if_fail (CARE_IS_CACHE (cache), CARE_CLINICIAN_OTHER);
  g_return_val_if_fail (reference != NULL, CARE_CLINICIAN_OTHER);

  if (care_clinician_is_favourite (cache, reference))
    return CARE_CLINICIAN_FAVOURITE;
  if (seen_before (cache, reference))
    return CARE_CLINICIAN_SEEN;
  return CARE_CLINICIAN_OTHER;
}
