/* sync-kill-helper.c — a syncing process for test-sync to kill
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sync-kill-helper CACHE FHIR-BASE TOKEN PATIENT [outbox]
 *
 * Runs one full sync and prints lines as pages are stored, so the test
 * can SIGKILL it at chosen points. With "outbox" it sends the cache's
 * outbox instead, printing a line as each item goes out and is answered.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "care-sync-engine.h"

/* Emitted when a type's progress moves, which every stored page does,
 * whether or not it changed anything: a steady clock of commits. */
static void
progress_cb (CareSyncEngine *engine,
             const char     *type,
             double          fraction,
             gpointer        user_data)
{
  printf ("progress %s %.2f\n", type, fraction);
  fflush (stdout);
}

static void
outbox_changed_cb (CareSyncEngine *engine,
                   const char     *client_id,
                   gboolean        sending,
                   gpointer        user_data)
{
  printf ("%s %s\n", sending ? "sending" : "answered", client_id);
  fflush (stdout);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_sent = 0;

  if (care_sync_engine_send_outbox_finish (CARE_SYNC_ENGINE (source), result, &n_sent, &error))
    printf ("done %u sent\n", n_sent);
  else
    printf ("done %s\n", error->message);
  fflush (stdout);
  g_main_loop_quit (user_data);
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = care_sync_engine_sync_finish (CARE_SYNC_ENGINE (source), result, &error);

  printf ("done %s\n", report != NULL ? "ok" : error->message);
  fflush (stdout);
  g_main_loop_quit (user_data);
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

  setlocale (LC_ALL, "");
  if (argc != 5 && !(argc == 6 && g_str_equal (argv[5], "outbox")))
    return 2;

  cache = care_cache_open (argv[1], &error);
  if (cache == NULL)
    {
      printf ("open failed %s\n", error->message);
      return 1;
    }
  client = care_portal_client_new (argv[2], NULL);
  care_portal_client_set_access_token (client, argv[3]);
  engine = care_sync_engine_new (cache, client, argv[4], NULL);
  if (argc == 6)
    {
      care_sync_engine_set_scopes (engine, "launch/patient patient/*.cruds");
      g_signal_connect (engine, "outbox-changed", G_CALLBACK (outbox_changed_cb), NULL);
      care_sync_engine_send_outbox_async (engine, NULL, sent_cb, loop);
      g_main_loop_run (loop);
      return 0;
    }
  care_sync_engine_set_scopes (engine, "launch/patient patient/*.rs");
  g_signal_connect (engine, "type-progress", G_CALLBACK (progress_cb), NULL);
  care_sync_engine_sync_async (engine, CARE_SYNC_FULL, NULL, synced_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
