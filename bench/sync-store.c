/* sync-store.c — a sync's CPU work without the network, for bench/README.md
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sync-store CACHE PAGE.json...
 *       parses each saved searchset page as the sync does
 *       (care_fhir_page_parse) and stores it as the sync does (one
 *       transaction per page on the cache's writer thread,
 *       care_cache_store_async, each page waited for; into an empty
 *       CACHE between care_cache_begin_load_async and
 *       care_cache_end_load_async, so the indexes are built at the end),
 *       then prints "parse S", "store S" and "resources N"
 *
 * Deterministic: run it under `valgrind --tool=callgrind` on a few hundred
 * pages to compare instruction counts, or under `perf stat` on all of them.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "care-cache.h"
#include "care-fhir-page.h"

typedef struct
{
  gboolean         done;
  CareCacheStored *stored;
  GError          *error;
} Wait;

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->stored = care_cache_store_finish (CARE_CACHE (source), result, &wait->error);
  wait->done = TRUE;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  care_cache_load_finish (CARE_CACHE (source), result, NULL, &wait->error);
  wait->done = TRUE;
}

static gboolean
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  wait->done = FALSE;
  g_clear_pointer (&wait->stored, care_cache_stored_free);
  if (wait->error == NULL)
    return TRUE;
  fprintf (stderr, "%s\n", wait->error->message);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) cache = NULL;
  Wait wait = { FALSE, NULL, NULL };
  gint64 start;
  gint64 parse_us = 0;
  gint64 store_us = 0;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      fprintf (stderr, "usage: sync-store CACHE PAGE.json...\n");
      return 2;
    }
  cache = care_cache_open (argv[1], &error);
  if (cache == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  care_cache_begin_load_async (cache, load_cb, &wait);
  if (!wait_for (&wait))
    return 1;

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(CareFhirPage) page = NULL;
      char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (argv[i], &contents, &length, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      body = g_bytes_new_take (contents, length);

      start = g_get_monotonic_time ();
      page = care_fhir_page_parse (body, "application/fhir+json", &error);
      parse_us += g_get_monotonic_time () - start;
      if (page == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          return 1;
        }

      start = g_get_monotonic_time ();
      care_cache_store_async (cache, page->records, NULL, CARE_CACHE_ORIGIN_SEARCH, 1, 50, stored_cb, &wait);
      if (!wait_for (&wait))
        return 1;
      g_clear_pointer (&page, care_fhir_page_free);
      store_us += g_get_monotonic_time () - start;
    }
  start = g_get_monotonic_time ();
  care_cache_end_load_async (cache, load_cb, &wait);
  if (!wait_for (&wait))
    return 1;
  store_us += g_get_monotonic_time () - start;

  printf ("parse %.3f\n", parse_us / (double)G_USEC_PER_SEC);
  printf ("store %.3f\n", store_us / (double)G_USEC_PER_SEC);
  printf ("resources %" G_GINT64_FORMAT "\n", care_cache_count (cache, NULL, NULL));
  return 0;
}
