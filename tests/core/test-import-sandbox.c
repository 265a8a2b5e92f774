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
#include "care-test-portal.h"

#define WRITER "launch/patient patient/*.cruds"
#define PATIENT_REF "Patient/" CARE_SANDBOX_DEMO_ADULT

typedef CareTestPortal Fixture;

/* Against the sandbox. */

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->tries = 2;
  care_test_portal_setup (fixture, data);
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
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 8);
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

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, care_test_portal_teardown)
  ADD ("/care/import/sandbox/send", test_send);
  return g_test_run ();
}
