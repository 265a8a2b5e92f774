/* test-interop-medplum.c — the sync engine against a third-party FHIR engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox is our own portal, so a sync that works against it could
 * still lean on its habits. Here the demo family, exported from the sandbox
 * seeder, is served by Medplum's FHIR router and in-memory repository
 * (medplum-server.mjs, Node.js), and the same full and incremental syncs as
 * test-sync run against it. The server's npm packages come from
 * `npm ci` in tests/interop (.ci/deps runs it): without them this test
 * fails; it never skips.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "care-resource-item.h"
#include "care-sandbox-seed.h"
#include "care-smart-config.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"

#define TOKEN    "carebook-interop-token"
#define ALL_READ "launch/patient patient/*.rs"

/* One server for the whole run: Medplum loads the FHIR definitions once.
 * It is read-only, so the tests cannot disturb each other. */
typedef struct
{
  char             *dir;
  char             *bundle_path;
  CareSandboxStore *store;
  GSubprocess      *node;
  char             *fhir_base;
} Server;

static Server server;

typedef struct
{
  char             *dir;
  char             *path;
  const char       *patient;
  CareCache        *cache;
  CarePortalClient *client;
  CareSyncEngine   *engine;
} Fixture;

static const char *compared_types[] = {
  "Patient", "AllergyIntolerance", "Condition", "MedicationRequest", "Immunization", "Observation",
  "DiagnosticReport", "DocumentReference", "Procedure", "Encounter", "CarePlan", "Communication",
  "Appointment", "Coverage", "Goal",
};

/* The demo family as one FHIR Bundle, written by the sandbox's seeder. */
static void
export_family (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bundle = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
  sqlite3_stmt *stmt = NULL;
  gboolean first = TRUE;

  server.store = care_sandbox_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (server.store, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (server.store),
                                       "SELECT json FROM resources WHERE deleted = 0 ORDER BY rid", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (bundle, first ? "{\"resource\":" : ",{\"resource\":");
      g_string_append (bundle, (const char *)sqlite3_column_text (stmt, 0));
      g_string_append_c (bundle, '}');
      first = FALSE;
    }
  sqlite3_finalize (stmt);
  g_string_append (bundle, "]}");

  server.dir = g_dir_make_tmp ("carebook-interop-XXXXXX", &error);
  g_assert_no_error (error);
  server.bundle_path = g_build_filename (server.dir, "family.json", NULL);
  g_assert_true (g_file_set_contents (server.bundle_path, bundle->str, bundle->len, &error));
}

/* How many resources of @type the sandbox put in @patient's compartment:
 * what Medplum must serve, found without Medplum. */
static guint
exported_count (const char *type,
                const char *patient)
{
  sqlite3_stmt *stmt = NULL;
  guint count;

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (server.store),
                                       g_str_equal (type, "Patient")
                                       ? "SELECT count(*) FROM resources WHERE type = ?1 AND id = ?2 AND deleted = 0"
                                       : "SELECT count(*) FROM resources WHERE type = ?1 AND patient = ?2 AND deleted = 0",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, patient, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
start_server (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "interop", NULL);
  g_autofree char *script = g_build_filename (folder, "medplum-server.mjs", NULL);
  g_autofree char *modules = g_build_filename (folder, "node_modules", "@medplum", "fhir-router", NULL);
  g_autofree char *node = g_find_program_in_path ("node");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    g_error ("Node.js is not installed: the interop test needs it (.ci/deps)");
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    g_error ("%s is missing: run `npm ci` in %s (.ci/deps does)", modules, folder);

  export_family ();

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, folder);
  server.node = g_subprocess_launcher_spawn (launcher, &error, node, script, "--bundle", server.bundle_path,
                                             "--token", TOKEN, NULL);
  g_assert_no_error (error);

  /* Its first line is its FHIR base; it exits when its stdin closes. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server.node));
  server.fhir_base = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (server.fhir_base == NULL)
    g_error ("medplum-server.mjs exited before it printed its address");
  g_assert_true (g_str_has_prefix (server.fhir_base, "http://127.0.0.1:"));
  g_test_message ("Medplum serves the demo family at %s", server.fhir_base);
}

static void
stop_server (void)
{
  g_autoptr(GError) error = NULL;

  if (server.node != NULL)
    {
      g_output_stream_close (g_subprocess_get_stdin_pipe (server.node), NULL, NULL);
      if (!g_subprocess_wait (server.node, NULL, &error))
        g_subprocess_force_exit (server.node);
    }
  g_clear_object (&server.node);
  g_clear_object (&server.store);
  if (server.bundle_path != NULL)
    g_unlink (server.bundle_path);
  if (server.dir != NULL)
    g_rmdir (server.dir);
  g_clear_pointer (&server.bundle_path, g_free);
  g_clear_pointer (&server.dir, g_free);
  g_clear_pointer (&server.fhir_base, g_free);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (server.node == NULL)
    start_server ();

  fixture->patient = data;
  fixture->dir = g_dir_make_tmp ("carebook-interop-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->cache = care_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->client = care_portal_client_new (server.fhir_base, NULL);
  care_portal_client_set_access_token (fixture->client, TOKEN);
  fixture->engine = care_sync_engine_new (fixture->cache, fixture->client, fixture->patient, NULL);
  care_sync_engine_set_scopes (fixture->engine, ALL_READ);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_assert_finalize_object (fixture->engine);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->cache);
  care_test_remove_flat_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CareSyncReport *
run_sync (Fixture       *fixture,
          CareSyncFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report = care_test_sync (fixture->engine, flags, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->entries->len; i++)
    {
      CareSyncReportEntry *entry = g_ptr_array_index (report->entries, i);

      if (entry->status == CARE_TYPE_STATUS_FAILED)
        g_test_message ("%s failed: %s", entry->type, entry->message);
    }
  g_assert_cmpuint (report->n_failed, ==, 0);
  return report;
}

typedef struct
{
  gboolean      done;
  CareFhirPage *page;
  GError       *error;
} PageWait;

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PageWait *wait = user_data;

  wait->page = care_portal_client_fetch_page_finish (CARE_PORTAL_CLIENT (source), result, NULL, NULL, &wait->error);
  wait->done = TRUE;
}

/* What Medplum holds for @type: a plain search, paged through its next
 * links, by a client of its own. */
static GHashTable *
server_ids (const char *patient,
            const char *type)
{
  g_autoptr(CarePortalClient) client = care_portal_client_new (server.fhir_base, NULL);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = g_str_equal (type, "Patient")
                         ? g_strdup_printf ("Patient?_id=%s", patient)
                         : g_strdup_printf ("%s?patient=%s&_count=500", type, patient);

  care_portal_client_set_access_token (client, TOKEN);
  while (url != NULL)
    {
      PageWait wait = { 0 };

      care_portal_client_fetch_page_async (client, url, NULL, page_cb, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (wait.error);
      for (guint i = 0; i < wait.page->records->len; i++)
        {
          CareFhirRecord *record = g_ptr_array_index (wait.page->records, i);

          if (g_str_equal (record->index->type, type))
            g_hash_table_add (ids, g_strdup (record->index->id));
        }
      g_free (url);
      url = g_strdup (wait.page->next_url);
      care_fhir_page_free (wait.page);
    }
  return ids;
}

static GHashTable *
cache_ids (Fixture    *fixture,
           const char *type)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GListModel) list = care_cache_query (fixture->cache, query, NULL);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (list, i);

      /* No duplicates: each id once. */
      g_assert_true (g_hash_table_add (ids, g_strdup (care_resource_item_get_id (item))));
    }
  return ids;
}

/* The cache holds exactly what Medplum holds, type by type, and Medplum
 * holds what the seeder exported: an empty search on both sides would
 * otherwise pass. */
static guint
assert_converged (Fixture *fixture)
{
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (compared_types); i++)
    {
      const char *type = compared_types[i];
      g_autoptr(GHashTable) held = server_ids (fixture->patient, type);
      g_autoptr(GHashTable) cached = cache_ids (fixture, type);
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, held);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (cached, id))
          g_error ("%s/%s is at the server but not in the cache", type, (char *)id);
      g_assert_cmpuint (g_hash_table_size (cached), ==, g_hash_table_size (held));
      g_assert_cmpuint (g_hash_table_size (held), ==, exported_count (type, fixture->patient));
      g_assert_cmpint (care_cache_count (fixture->cache, type, NULL), ==, g_hash_table_size (held));
      total += g_hash_table_size (held);
    }
  return total;
}

typedef struct
{
  gboolean         done;
  CareSmartConfig *config;
  GError          *error;
} DiscoverWait;

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DiscoverWait *wait = user_data;

  wait->config = care_smart_discover_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  DiscoverWait wait = { 0 };
  g_autoptr(CareSmartConfig) config = NULL;

  care_smart_discover_async (session, server.fhir_base, NULL, discovered_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  config = g_steal_pointer (&wait.config);
  g_assert_false (care_smart_config_get_from_metadata (config));
  g_assert_true (g_str_has_prefix (care_smart_config_get_token_endpoint (config), server.fhir_base));
  g_assert_true (g_strv_contains (care_smart_config_get_code_challenge_methods (config), "S256"));
}

static void
test_full_sync (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = run_sync (fixture, CARE_SYNC_DEFAULT);
  guint total = assert_converged (fixture);

  g_test_message ("%s: %u resources", fixture->patient, total);
  g_assert_cmpuint (total, >, 10);
  g_assert_cmpuint (report->n_changed, >=, total);
  g_assert_cmpint (care_sync_report_lookup (report, "Observation")->status, ==, CARE_TYPE_STATUS_OK);
  g_assert_cmpint (care_sync_state_get_phase (care_sync_engine_get_state (fixture->engine)), ==,
                   CARE_SYNC_PHASE_IDLE);
  g_assert_cmpuint (care_portal_client_get_peak_in_flight (fixture->client), <=, 4);
  /* What the patient's resources refer to came along. */
  g_assert_cmpint (care_cache_count (fixture->cache, "Practitioner", NULL) +
                   care_cache_count (fixture->cache, "Organization", NULL), >, 0);
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CareSyncReport) first = run_sync (fixture, CARE_SYNC_DEFAULT);
  g_autoptr(CareSyncReport) second = NULL;
  g_autoptr(CareTypeState) state = NULL;
  gint64 before = care_cache_count (fixture->cache, NULL, NULL);

  g_assert_cmpuint (first->n_changed, >, 0);
  state = care_cache_dup_type_state (fixture->cache, "Observation");
  /* Medplum searches by _lastUpdated, so the next sync is incremental. */
  g_assert_nonnull (state->since);

  second = run_sync (fixture, CARE_SYNC_DEFAULT);
  g_assert_cmpuint (second->n_changed, ==, 0);
  g_assert_cmpint (care_cache_count (fixture->cache, NULL, NULL), ==, before);
  assert_converged (fixture);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/interop/medplum/discovery", Fixture, CARE_SANDBOX_DEMO_ADULT, setup, test_discovery, teardown);
  g_test_add ("/care/interop/medplum/full/adult", Fixture, CARE_SANDBOX_DEMO_ADULT, setup, test_full_sync, teardown);
  g_test_add ("/care/interop/medplum/full/child", Fixture, CARE_SANDBOX_DEMO_CHILD, setup, test_full_sync, teardown);
  g_test_add ("/care/interop/medplum/full/elder", Fixture, CARE_SANDBOX_DEMO_ELDER, setup, test_full_sync, teardown);
  g_test_add ("/care/interop/medplum/incremental/adult", Fixture, CARE_SANDBOX_DEMO_ADULT, setup, test_incremental,
              teardown);

  status = g_test_run ();
  stop_server ();
  return status;
}
