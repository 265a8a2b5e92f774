/* sync-full.c — one full sync from an empty cache, for bench/sync-full.sh
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sync-full CACHE FHIR-BASE TOKEN PATIENT
 *       syncs PATIENT into CACHE (which should not exist yet) with the
 *       app's engine, then prints "seconds S", "resources N" and one
 *       "type T" line per type that synced, for the curl baseline, and
 *       "home-ready S": when what Home draws was in the cache (the Patient,
 *       Appointments and Communications whole, a first page of
 *       DiagnosticReports and Observations: the newest, where the portal
 *       sorts), in seconds from the sync's start
 *   sync-full --again CACHE FHIR-BASE TOKEN PATIENT
 *       the same into a CACHE that a sync already filled, as the app's
 *       periodic sync does (incremental where due), and prints also
 *       "requests N", "types N" and "cpu S" (user + system seconds)
 *   sync-full --app-cache-path CONNECTION-ID
 *       prints where the app keeps that connection's cache
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>

#include "care-sync-engine.h"

typedef struct
{
  GMainLoop      *loop;
  CareSyncReport *report;
  GError         *error;
} Waiter;

/* What Home shows, and how much of each it needs: all (1) or a page (0). */
static const struct { const char *type; double needed; } home_types[] = {
  { "Patient", 1 }, { "Appointment", 1 }, { "Communication", 1 },
  { "DiagnosticReport", 0 }, { "Observation", 0 },
};

typedef struct
{
  gint64 start;
  gint64 ready;
  double progress[G_N_ELEMENTS (home_types)];
} HomeWatch;

static void
type_progress_cb (CareSyncEngine *engine,
                  const char     *type,
                  double          fraction,
                  HomeWatch      *watch)
{
  gboolean ready = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (home_types); i++)
    {
      if (g_str_equal (type, home_types[i].type))
        watch->progress[i] = fraction;
      ready = ready && (home_types[i].needed > 0 ? watch->progress[i] >= 1 : watch->progress[i] > 0);
    }
  if (ready && watch->ready == 0)
    watch->ready = g_get_monotonic_time ();
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->report = care_sync_engine_sync_finish (CARE_SYNC_ENGINE (source), result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareCache) cache = NULL;
  g_autoptr(CarePortalClient) client = NULL;
  g_autoptr(CareSyncEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiter waiter = { loop, NULL, NULL };
  HomeWatch watch = { 0 };
  gboolean again = FALSE;
  guint n_types = 0;
  gint64 start;
  struct rusage usage;

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_equal (argv[1], "--app-cache-path"))
    {
      g_autofree char *path = care_cache_dup_path_for_connection (argv[2]);

      printf ("%s\n", path);
      return 0;
    }
  if (argc == 6 && g_str_equal (argv[1], "--again"))
    {
      again = TRUE;
      argv++;
      argc--;
    }
  if (argc != 5)
    {
      fprintf (stderr, "usage: sync-full [--again] CACHE FHIR-BASE TOKEN PATIENT\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  cache = care_cache_open (argv[1], &error);
  if (cache == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  client = care_portal_client_new (argv[2], NULL);
  care_portal_client_set_access_token (client, argv[3]);
  engine = care_sync_engine_new (cache, client, argv[4], NULL);
  care_sync_engine_set_scopes (engine, "launch/patient patient/*.rs");
  /* The whole record, as in the figures: its 110,000 Observations
   * are more than one search reads by default (CARE_SYNC_MAX_RESOURCES). */
  care_sync_engine_set_limits (engine, 100000, 10000000, CARE_SYNC_MAX_ATTACHMENT_BYTES);
  g_signal_connect (engine, "type-progress", G_CALLBACK (type_progress_cb), &watch);
  watch.start = g_get_monotonic_time ();
  care_sync_engine_sync_async (engine, again ? 0 : CARE_SYNC_FULL, NULL, synced_cb, &waiter);
  g_main_loop_run (loop);

  if (waiter.report == NULL)
    {
      fprintf (stderr, "%s\n", waiter.error->message);
      g_clear_error (&waiter.error);
      return 1;
    }
  printf ("seconds %.3f\n", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  printf ("resources %" G_GINT64_FORMAT "\n", care_cache_count (cache, NULL, NULL));
  printf ("failed %u\n", waiter.report->n_failed);
  for (guint i = 0; i < waiter.report->entries->len; i++)
    {
      CareSyncReportEntry *entry = g_ptr_array_index (waiter.report->entries, i);

      if (entry->status == CARE_TYPE_STATUS_OK && !g_str_equal (entry->type, "Patient"))
        printf ("type %s\n", entry->type);
      if (entry->status == CARE_TYPE_STATUS_OK)
        n_types++;
    }
  printf ("home-ready %.3f\n", watch.ready > 0 ? (watch.ready - watch.start) / (double)G_USEC_PER_SEC : -1);
  printf ("requests %u\n", care_portal_client_get_n_requests (client));
  printf ("types %u\n", n_types);
  printf ("changed %u\n", waiter.report->n_changed);
  if (getrusage (RUSAGE_SELF, &usage) == 0)
    printf ("cpu %.3f\n", usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
            (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
  care_sync_report_free (waiter.report);
  return 0;
}
