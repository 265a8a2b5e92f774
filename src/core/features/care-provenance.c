/* care-provenance.c — "where this came from", from a resource's Provenance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Provenance names the resources it speaks for (`target`), when they
 * were recorded and who took part (`agent`: its `who`, the author first,
 * and `onBehalfOf`, usually the organization). Details show it as one
 * line, "Recorded by Dr. Ana Okafor for Riverside Family Medicine on
 * Mar 10, 2026". The cache indexes each target (CARE_FHIR_INDEX_TARGET_SYSTEM),
 * so the newest Provenance of a resource is one indexed query.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-provenance.h"

#include "care-cache-query.h"
#include "care-fhir.h"
#include "care-fhir-index.h"
#include "care-resource-item.h"
#include "care-time.h"

/* The name of whoever @reference points at: its display, else the cached
 * Practitioner's, Organization's or other person's name. */
static char *
dup_reference_name (JsonObject *provenance,
                    JsonObject *reference,
                    CareCache  *cache)
{
  CareFhirReference read = { 0 };
  g_autoptr(JsonObject) target = NULL;
  char *name = NULL;

  if (!care_fhir_read_reference (reference, &read) && read.display == NULL)
    {
      care_fhir_reference_clear (&read);
      return NULL;
    }
  if (read.kind == CARE_FHIR_REFERENCE_CONTAINED && care_fhir_find_contained (provenance, read.id) != NULL)
    target = json_object_ref (care_fhir_find_contained (provenance, read.id));
  else if (cache != NULL && read.type != NULL && read.id != NULL)
    target = care_cache_lookup (cache, read.type, read.id, NULL);
  if (target != NULL)
    {
      if (care_fhir_get_array (target, "name") != NULL)
        name = care_fhir_dup_display_name (care_fhir_get_array (target, "name"));
      else if (care_fhir_get_string (target, "name") != NULL)
        name = g_strdup (care_fhir_get_string (target, "name"));
    }
  if (name == NULL)
    name = g_strdup (read.display);
  care_fhir_reference_clear (&read);
  return name;
}

static gboolean
is_author (JsonObject *agent)
{
  JsonArray *codings = care_fhir_get_array (care_fhir_get_object (agent, "type"), "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      const char *code = care_fhir_get_string (json_array_get_object_element (codings, i), "code");

      /* provenance-participant-type "author"; v3 ParticipationType "AUT". */
      if (g_strcmp0 (code, "author") == 0 || g_strcmp0 (code, "AUT") == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * care_provenance_dup_text:
 * @provenance: a Provenance
 * @cache: (nullable): the cache, to name the agents it references
 *
 * Returns: (transfer full) (nullable): one line saying who recorded the
 *   target and when, or %NULL when @provenance says neither
 */
char *
care_provenance_dup_text (JsonObject *provenance,
                          CareCache  *cache)
{
  JsonArray *agents = care_fhir_get_array (provenance, "agent");
  JsonObject *agent = NULL;
  g_autofree char *who = NULL;
  g_autofree char *for_whom = NULL;
  g_autofree char *when = NULL;

  for (guint i = 0; agents != NULL && i < json_array_get_length (agents) && agent == NULL; i++)
    if (is_author (care_fhir_get_array_object (provenance, "agent", i)))
      agent = care_fhir_get_array_object (provenance, "agent", i);
  if (agent == NULL)
    agent = care_fhir_get_array_object (provenance, "agent", 0);

  who = dup_reference_name (provenance, care_fhir_get_object (agent, "who"), cache);
  for_whom = dup_reference_name (provenance, care_fhir_get_object (agent, "onBehalfOf"), cache);
  if (g_strcmp0 (who, for_whom) == 0)
    g_clear_pointer (&for_whom, g_free);
  /* Translators: a day, see strftime(3); Spanish puts the day first */
  when = care_time_format_fhir (care_fhir_get_string (provenance, "recorded"), C_("date format", "%b %-d, %Y"));

  if (who != NULL && for_whom != NULL && when != NULL)
    /* Translators: who recorded something, for which organization, and the day */
    return g_strdup_printf (_("Recorded by %s for %s on %s"), who, for_whom, when);
  if (who != NULL && for_whom != NULL)
    /* Translators: who recorded something, and for which organization */
    return g_strdup_printf (_("Recorded by %s for %s"), who, for_whom);
  if (who != NULL && when != NULL)
    /* Translators: who recorded something, and the day */
    return g_strdup_printf (_("Recorded by %s on %s"), who, when);
  if (who != NULL)
    /* Translators: who recorded something */
    return g_strdup_printf (_("Recorded by %s"), who);
  if (when != NULL)
    /* Translators: the day something was recorded */
    return g_strdup_printf (_("Recorded on %s"), when);
  return NULL;
}

/**
 * care_provenance_dup_text_for:
 * @cache: a cache
 * @type: a resource type
 * @id: a resource id
 *
 * Returns: (transfer full) (nullable): care_provenance_dup_text() of the
 *   newest cached Provenance whose target is @type/@id
 */
char *
care_provenance_dup_text_for (CareCache  *cache,
                              const char *type,
                              const char *id)
{
  g_autoptr(CareCacheQuery) query = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CareResourceItem) item = NULL;
  g_autoptr(JsonObject) provenance = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  if (type == NULL || id == NULL)
    return NULL;
  target = g_strdup_printf ("%s/%s", type, id);
  query = care_cache_query_new ("Provenance");
  care_cache_query_set_code (query, CARE_FHIR_INDEX_TARGET_SYSTEM, target);
  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  found = care_cache_query (cache, query, NULL);
  if (found == NULL || g_list_model_get_n_items (found) == 0)
    return NULL;
  item = g_list_model_get_item (found, 0);
  provenance = care_resource_item_dup_resource (item, NULL);
  return provenance != NULL ? care_provenance_dup_text (provenance, cache) : NULL;
}
