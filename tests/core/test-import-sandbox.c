/* test-import-sandbox.c — imported readings through the outbox to the sandbox and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Observations an import queues are Track My Health's own, so the
 * portal's rules for patient-entered readings take them; once synced they
 * are on file, and the same file imported again adds nothing.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-import.h"
#include "care-outbox.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"

#define WRITER "launch/patient patient/*.cruds"
#define PATIENT_REF "Patient/" CARE_SANDBOX_DEMO_ADULT

typedef struct
{
  CareSandbox      *sandbox;
  char             *dir;
  char             *path;
  char             *token;
  CareCache        *cache;
  CarePortalClient *client;
  CareSyncEngine   *engine;
  CareOutbox       *outbox;
} Fixture;

/* Against the sandbox. */

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (fixture->sandbox), NULL, &error));
  care_sandbox_set_testing (fixture->sandbox, TRUE);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));
  fixture->dir = g_dir_make_tmp ("carebook-import-sandbox-XXXXXX", &error);
  fixture->path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, CARE_SANDBOX_DEMO_ADULT, WRITER,
                                                             3600, CARE_SANDBOX_PROXY_NONE);
  fixture->cache = care_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->client = care_portal_client_new (care_sandbox_get_fhir_base (fixture->sandbox), NULL);
  care_portal_client_set_access_token (fixture->client, fixture->token);
  care_portal_client_set_backoff (fixture->client, 20, 200, 2);
  fixture->engine = care_sync_engine_new (fixture->cache, fixture->client, CARE_SANDBOX_DEMO_ADULT, NULL);
  care_sync_engine_set_scopes (fixture->engine, WRITER);
  fixture->outbox = care_outbox_new (fixture->cache, fixture->engine);
  report = care_test_sync (fixture->engine, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_assert_finalize_object (fixture->outbox);
  g_assert_finalize_object (fixture->engine);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->cache);
  care_sandbox_stop (fixture->sandbox);
  g_assert_finalize_object (fixture->sandbox);
  care_test_remove_flat_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->token);
}

typedef struct
{
  gboolean done;
  guint    n_sent;
  GError  *error;
} SendWait;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendWait *wait = user_data;

  care_outbox_send_finish (CARE_OUTBOX (source), result, &wait->n_sent, &wait->error);
  wait->done = TRUE;
}

static guint
send_all (Fixture *fixture)
{
  SendWait wait = { 0 };

  care_outbox_send_async (fixture->outbox, NULL, sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  return wait.n_sent;
}

static CareImportPreview *
read_file (Fixture    *fixture,
           const char *path,
           gboolean    with_outbox)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareImportExisting) existing = care_import_existing_new_for_record (fixture->cache, with_outbox ? fixture->outbox : NULL,
                                                                                &error);
  CareImportPreview *preview;

  g_assert_no_error (error);
  preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, existing, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return preview;
}

static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "readings.csv", NULL);
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(CareImportPreview) again = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) care_outbox_draft_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  const CareImportReading *readings;
  guint n;

  g_assert_true (g_file_set_contents (path, "date,kind,value,unit\n"
                                            "2026-11-02T08:00:00-05:00,weight,180.4,lb\n"
                                            "2026-11-02T08:05:00-05:00,bp,128/82,mmHg\n"
                                            "2026-11-02T08:06:00-05:00,pulse,61,\n"
                                            "2026-11-02T08:07:00-05:00,spo2,97,%\n"
                                            "2026-11-02T08:10:00-05:00,glucose,6.1,mmol/L\n"
                                            "2026-11-02T21:00:00-05:00,temperature,98.6,F\n"
                                            "2026-11-02T07:00:00-05:00,steps,4000,\n"
                                            "2026-11-02T18:00:00-05:00,steps,3500,\n"
                                            "2026-11-02T09:00:00-05:00,height,167.5,cm\n", -1, NULL));
  preview = read_file (fixture, path, TRUE);
  readings = care_import_preview_get_readings (preview, &n);
  g_assert_cmpuint (n, ==, 8);
  for (guint i = 0; i < n; i++)
    {
      CareOutboxDraft *draft = care_import_reading_draft_new (&readings[i], PATIENT_REF, "readings.csv");

      g_assert_nonnull (draft);
      g_ptr_array_add (drafts, draft);
    }
  g_assert_cmpuint (care_outbox_queue_drafts (fixture->outbox, drafts, &error), ==, 8);
  g_assert_no_error (error);

  /* Waiting in the outbox, they are already on file for a second import. */
  again = read_file (fixture, path, TRUE);
  g_assert_cmpuint (care_import_preview_get_n_new (again), ==, 0);
  g_assert_cmpuint (care_import_preview_get_n_duplicates (again), ==, 8);
  g_clear_pointer (&again, care_import_preview_free);

  /* The portal's rules for patient-entered readings take every one. */
  g_assert_cmpuint (send_all (fixture), ==, 8);
  for (guint i = 0; i < drafts->len; i++)
    {
      CareOutboxEntry *entry = care_outbox_lookup (fixture->outbox,
                                                   ((CareOutboxDraft *) g_ptr_array_index (drafts, i))->client_id);

      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
    }

  /* Synced back, they are on file from the record itself. */
  report = care_test_sync (fixture->engine, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  again = read_file (fixture, path, FALSE);
  g_assert_cmpuint (care_import_preview_get_n_new (again), ==, 0);
  g_assert_cmpuint (care_import_preview_get_n_duplicates (again), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/import/sandbox/send", Fixture, NULL, setup, test_send, teardown);
  return g_test_run ();
}
