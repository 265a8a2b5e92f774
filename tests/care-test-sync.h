/* care-test-sync.h — running a sync to its end, for the suites that sync
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean        done;
  CareSyncReport *report;
  GError         *error;
} CareTestSyncWait;

static inline void
care_test_sync_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CareTestSyncWait *wait = user_data;

  wait->report = care_sync_engine_sync_finish (CARE_SYNC_ENGINE (source), result, &wait->error);
  wait->done = TRUE;
}

/* Syncs @engine and spins the default main context until it finishes. */
static inline CareSyncReport *
care_test_sync (CareSyncEngine  *engine,
                CareSyncFlags    flags,
                GError         **error)
{
  CareTestSyncWait wait = { 0 };

  care_sync_engine_sync_async (engine, flags, NULL, care_test_sync_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.report;
}

G_END_DECLS
