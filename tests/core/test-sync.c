/* test-sync.c — the sync engine against the in-process sandbox portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "care-error.h"
#include "care-portal-gate.h"
#include "care-resource-item.h"
#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"
#include "care-sync-engine.h"
#include "care-sync-news.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-kill.h"
#include "care-test-portal.h"

#define ALL_READ "launch/patient patient/*.rs"

typedef CareTestPortal Fixture;

static void
setup_for (Fixture              *fixture,
           const char           *patient,
           CareSandboxProxyKind  proxy,
           const char           *scope)
{
  fixture->patient = patient;
  fixture->proxy = proxy;
  fixture->scopes = scope;
  /* Quick retries keep fault tests short; Retry-After still applies. */
  fixture->tries = 12;
  fixture->read_only = TRUE;
  fixture->no_first_sync = TRUE;
  care_test_portal_setup (fixture, NULL);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  setup_for (fixture, data != NULL ? data : CARE_SANDBOX_DEMO_ADULT, CARE_SANDBOX_PROXY_NONE, ALL_READ);
}

static void
setup_adult (Fixture       *fixture,
             gconstpointer  data)
{
  setup_for (fixture, CARE_SANDBOX_DEMO_ADULT, CARE_SANDBOX_PROXY_NONE, ALL_READ);
}

static void
setup_teen (Fixture       *fixture,
            gconstpointer  data)
{
  setup_for (fixture, CARE_SANDBOX_DEMO_TEEN, CARE_SANDBOX_PROXY_PARENT, ALL_READ);
}

static void
setup_writer (Fixture       *fixture,
              gconstpointer  data)
{
  setup_for (fixture, CARE_SANDBOX_DEMO_ADULT, CARE_SANDBOX_PROXY_NONE, "launch/patient patient/*.cruds");
}

static CareSyncReport *
run_sync (Fixture       *fixture,
          CareSyncFlags  flags,
          GError       **error)
{
  return care_test_sync (fixture->engine, flags, error);
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

/* What the server holds for @type: a plain search without categories,
 * with faults off, through a client of its own. */
static GHashTable *
server_ids (Fixture    *fixture,
            const char *type)
{
  g_autoptr(CarePortalClient) client = care_portal_client_new (care_sandbox_get_fhir_base (fixture->sandbox), NULL);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = g_str_equal (type, "Patient")
                         ? g_strdup_printf ("Patient?_id=%s", fixture->patient)
                         : g_strdup_printf ("%s?patient=%s&_count=500", type, fixture->patient);

  care_portal_client_set_access_token (client, fixture->token);
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

static const char *compared_types[] = {
  "Patient", "AllergyIntolerance", "Condition", "MedicationRequest", "Immunization", "Observation",
  "DiagnosticReport", "DocumentReference", "Procedure", "Encounter", "CarePlan", "Communication",
  "Appointment", "Coverage", "Goal",
};

/* The cache holds exactly what the server holds, type by type. */
static guint
assert_converged (Fixture *fixture)
{
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (compared_types); i++)
    {
      g_autoptr(GHashTable) server = server_ids (fixture, compared_types[i]);
      g_autoptr(GHashTable) cached = cache_ids (fixture, compared_types[i]);
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, server);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (cached, id))
          g_error ("%s/%s is at the portal but not in the cache", compared_types[i], (char *)id);
      g_assert_cmpuint (g_hash_table_size (cached), ==, g_hash_table_size (server));
      total += g_hash_table_size (server);
    }
  return total;
}

static void
test_full_sync (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  CareSyncState *state = care_sync_engine_get_state (fixture->engine);
  const CareSyncReportEntry *observations;
  guint total;

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_failed, ==, 0);
  total = assert_converged (fixture);
  g_test_message ("%s: %u resources", fixture->patient, total);
  g_assert_cmpuint (total, >, 10);
  g_assert_cmpuint (report->n_changed, >=, total);

  observations = care_sync_report_lookup (report, "Observation");
  g_assert_nonnull (observations);
  g_assert_cmpint (observations->status, ==, CARE_TYPE_STATUS_OK);
  /* Skipped types are named, with a reason. */
  g_assert_nonnull (care_sync_report_lookup (report, "VisionPrescription"));

  g_assert_cmpint (care_sync_state_get_phase (state), ==, CARE_SYNC_PHASE_IDLE);
  g_assert_cmpfloat (care_sync_state_get_progress (state), ==, 1.0);
  g_assert_nonnull (care_sync_state_get_last_synced (state));
  g_assert_cmpfloat (care_sync_engine_get_type_progress (fixture->engine, "Observation"), ==, 1.0);
  g_assert_cmpuint (care_portal_client_get_peak_in_flight (fixture->client), <=, 4);
  g_assert_cmpuint (care_portal_client_get_peak_in_flight (fixture->client), >, 1);

  /* Referenced practitioners and organizations were fetched once. */
  g_assert_cmpint (care_cache_count (fixture->cache, "Practitioner", NULL) +
                   care_cache_count (fixture->cache, "Organization", NULL), >, 0);
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  CareSandboxStore *store = care_sandbox_get_store (fixture->sandbox);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) first = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_autoptr(CareSyncReport) second = NULL;
  g_autoptr(CareSyncReport) third = NULL;
  g_autoptr(CareSyncReport) full = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Condition");
  g_autoptr(GListModel) conditions = care_cache_query (fixture->cache, query, NULL);
  g_autoptr(CareResourceItem) victim = g_list_model_get_item (conditions, 0);
  g_autofree char *victim_id = g_strdup (care_resource_item_get_id (victim));
  g_autoptr(CareTypeState) state = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (first->n_failed, ==, 0);

  /* Nothing changed: an incremental sync changes nothing. */
  second = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_changed, ==, 0);
  state = care_cache_dup_type_state (fixture->cache, "Observation");
  g_assert_nonnull (state->since);

  /* A new result, and a condition the portal deleted. */
  added = care_fhir_parse_resource ("{\"resourceType\":\"Observation\",\"id\":\"new-glucose\",\"status\":\"final\","
                                    "\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],"
                                    "\"code\":{\"text\":\"Glucose\"},\"subject\":{\"reference\":\"Patient/adult\"},"
                                    "\"effectiveDateTime\":\"2026-01-01\",\"valueQuantity\":{\"value\":99,\"unit\":\"mg/dL\"}}",
                                    -1, NULL);
  stored = care_sandbox_store_put (store, added, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_store_delete (store, "Condition", victim_id, &error));

  third = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (care_cache_contains (fixture->cache, "Observation", "new-glucose"));
  g_assert_cmpuint (care_sync_report_lookup (third, "Observation")->n_changed, ==, 1);
  /* An incremental search cannot see deletions… */
  g_assert_true (care_cache_contains (fixture->cache, "Condition", victim_id));

  /* …the full pass removes what the portal no longer returns. */
  full = run_sync (fixture, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_false (care_cache_contains (fixture->cache, "Condition", victim_id));
  g_assert_cmpuint (care_sync_report_lookup (full, "Condition")->n_removed, ==, 1);
  assert_converged (fixture);
}

static void
test_teen_withheld (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *withheld[] = { "MedicationRequest", "Condition", "DiagnosticReport" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (withheld); i++)
    {
      g_autoptr(CareTypeState) state = care_cache_dup_type_state (fixture->cache, withheld[i]);

      /* Withheld, with the portal's reason: not an empty list. */
      g_assert_cmpint (state->status, ==, CARE_TYPE_STATUS_WITHHELD);
      g_assert_nonnull (state->message);
      g_assert_cmpint (care_cache_count (fixture->cache, withheld[i], NULL), ==, 0);
      g_assert_cmpint (care_sync_report_lookup (report, withheld[i])->status, ==, CARE_TYPE_STATUS_WITHHELD);
    }
  {
    g_autoptr(CareTypeState) patient = care_cache_dup_type_state (fixture->cache, "Patient");

    g_assert_cmpint (patient->status, ==, CARE_TYPE_STATUS_OK);
    g_assert_true (care_cache_contains (fixture->cache, "Patient", "teen"));
  }
}

static void
test_not_shared (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(CareTypeState) state = NULL;

  care_sync_engine_set_scopes (fixture->engine, "launch/patient patient/Patient.rs patient/Observation.read");
  report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_sync_report_lookup (report, "Condition")->status, ==, CARE_TYPE_STATUS_NOT_SHARED);
  g_assert_cmpint (care_sync_report_lookup (report, "Observation")->status, ==, CARE_TYPE_STATUS_OK);
  state = care_cache_dup_type_state (fixture->cache, "Condition");
  g_assert_cmpint (state->status, ==, CARE_TYPE_STATUS_NOT_SHARED);
  g_assert_cmpint (care_cache_count (fixture->cache, "Condition", NULL), ==, 0);
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const char *spec = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autofree char *seeded = g_strdup_printf ("%s,seed=7", spec);

  g_assert_true (care_sandbox_set_faults (fixture->sandbox, seeded, &error));
  report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->entries->len; i++)
    {
      CareSyncReportEntry *entry = g_ptr_array_index (report->entries, i);

      if (entry->status == CARE_TYPE_STATUS_FAILED)
        g_test_message ("%s failed: %s", entry->type, entry->message);
    }
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "", &error));
  assert_converged (fixture);
  g_assert_cmpuint (care_portal_client_get_peak_in_flight (fixture->client), <=, 4);
}

/* A page the cache refuses to store (here: a trigger that refuses every
 * Observation) fails its type alone, also while the next page of the same
 * search is already being fetched; nothing of the refused page is kept,
 * and the next sync converges. */
static void
test_store_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(CareSyncReport) again = NULL;
  const CareSyncReportEntry *observations;
  const CareSyncReportEntry *conditions;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON resources"
                                     " WHEN NEW.type = 'Observation'"
                                     " BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  observations = care_sync_report_lookup (report, "Observation");
  g_assert_nonnull (observations);
  g_assert_cmpint (observations->status, ==, CARE_TYPE_STATUS_FAILED);
  g_assert_nonnull (strstr (observations->message, "refused for the test"));
  conditions = care_sync_report_lookup (report, "Condition");
  g_assert_cmpint (conditions->status, ==, CARE_TYPE_STATUS_OK);
  g_assert_cmpint (care_cache_count (fixture->cache, "Observation", NULL), ==, 0);
  g_assert_cmpint (care_cache_count (fixture->cache, "Condition", NULL), >, 0);

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  again = run_sync (fixture, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_failed, ==, 0);
  assert_converged (fixture);
  /* More than one page (of 100): the refused one had a next one. */
  g_assert_cmpint (care_cache_count (fixture->cache, "Observation", NULL), >, 100);
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) first = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_autoptr(CareSyncReport) second = NULL;
  gint64 before = care_cache_count (fixture->cache, NULL, NULL);

  care_portal_client_set_backoff (fixture->client, 1, 2, 2);
  care_sandbox_stop (fixture->sandbox);
  second = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_null (second);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE);
  /* Offline: the cache is untouched and says so. */
  g_assert_cmpint (care_cache_count (fixture->cache, NULL, NULL), ==, before);
  g_assert_false (care_sync_state_get_online (care_sync_engine_get_state (fixture->engine)));
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;

  care_portal_client_set_access_token (fixture->client, "not-a-token");
  report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_null (report);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_UNAUTHORIZED);
  g_assert_cmpint (care_sync_state_get_phase (care_sync_engine_get_state (fixture->engine)), ==,
                   CARE_SYNC_PHASE_FAILED);
}

/* A second family member at the same portal: their own cache, client and
 * engine, as a parent signed in for a child has. */
typedef struct
{
  char             *path;
  CareCache        *cache;
  CarePortalClient *client;
  CareSyncEngine   *engine;
} Member;

static void
member_open (Fixture    *fixture,
             Member     *member,
             const char *patient)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, patient, ALL_READ, 3600,
                                                                     CARE_SANDBOX_PROXY_PARENT);

  member->path = g_build_filename (fixture->dir, "member.sqlite", NULL);
  member->cache = care_cache_open (member->path, &error);
  g_assert_no_error (error);
  member->client = care_portal_client_new (care_sandbox_get_fhir_base (fixture->sandbox), NULL);
  care_portal_client_set_access_token (member->client, token);
  care_portal_client_set_backoff (member->client, 20, 200, 12);
  member->engine = care_sync_engine_new (member->cache, member->client, patient, NULL);
  care_sync_engine_set_scopes (member->engine, ALL_READ);
}

static void
member_close (Member *member)
{
  g_assert_finalize_object (member->engine);
  g_assert_finalize_object (member->client);
  g_assert_finalize_object (member->cache);
  /* Its files go with the fixture's folder. */
  g_free (member->path);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* FHIR-CLIENT.md 19: four requests in flight per server, not per
 * connection: a parent syncing their own record and their child's at one
 * portal still sends at most four at a time, counted by the portal. */
static void
test_server_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareTestSyncWait own = { 0 };
  CareTestSyncWait child = { 0 };
  const CareSandboxLoad *load = care_sandbox_get_load (fixture->sandbox);
  Member member = { 0 };

  member_open (fixture, &member, CARE_SANDBOX_DEMO_CHILD);
  /* Slow answers, so requests overlap. */
  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "latency=15", &error));
  g_assert_no_error (error);

  care_sync_engine_sync_async (fixture->engine, CARE_SYNC_DEFAULT, NULL, care_test_sync_done_cb, &own);
  care_sync_engine_sync_async (member.engine, CARE_SYNC_DEFAULT, NULL, care_test_sync_done_cb, &child);
  while (!own.done || !child.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (own.error);
  g_assert_no_error (child.error);
  g_assert_cmpuint (own.report->n_failed, ==, 0);
  g_assert_cmpuint (child.report->n_failed, ==, 0);

  g_test_message ("%u requests, at most %u at once", load->n_requests, load->peak);
  g_assert_cmpuint (load->peak, <=, 4);
  g_assert_cmpuint (load->peak, >=, 3);
  /* Both took part. */
  g_assert_cmpuint (care_portal_client_get_peak_in_flight (fixture->client), >, 1);
  g_assert_cmpuint (care_portal_client_get_peak_in_flight (member.client), >, 1);
  g_assert_cmpuint (load->in_flight, ==, 0);

  care_sync_report_free (own.report);
  care_sync_report_free (child.report);
  member_close (&member);
}

/* FHIR-CLIENT.md 19: a 429 with Retry-After pauses every connection to
 * that server, not only the request it answered; then both syncs finish
 * whole. */
static void
test_retry_after_server (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareTestSyncWait own = { 0 };
  CareTestSyncWait child = { 0 };
  const CareSandboxLoad *load = care_sandbox_get_load (fixture->sandbox);
  Member member = { 0 };
  gboolean waited = FALSE;
  guint before;

  member_open (fixture, &member, CARE_SANDBOX_DEMO_CHILD);
  /* The first FHIR request is told to come back in two seconds. */
  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "429=1,times=1,retry-after=2", &error));
  g_assert_no_error (error);

  care_sync_engine_sync_async (fixture->engine, CARE_SYNC_DEFAULT, NULL, care_test_sync_done_cb, &own);
  care_sync_engine_sync_async (member.engine, CARE_SYNC_DEFAULT, NULL, care_test_sync_done_cb, &child);
  while (load->n_requests == 0)
    g_main_context_iteration (NULL, TRUE);

  /* For well over a second after the 429, nothing new reaches the portal
   * from either connection: at most the few already on their way. */
  before = load->n_requests;
  g_timeout_add (1200, flag_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%u requests during the pause", load->n_requests - before);
  g_assert_cmpuint (load->n_requests - before, <=, 3);

  while (!own.done || !child.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (own.error);
  g_assert_no_error (child.error);
  g_assert_cmpuint (own.report->n_failed, ==, 0);
  g_assert_cmpuint (child.report->n_failed, ==, 0);

  care_sync_report_free (own.report);
  care_sync_report_free (child.report);
  member_close (&member);
}

/* FHIR-CLIENT.md 19: backoff doubles, stops at its cap (jitter and all),
 * and waits at least what Retry-After asks, up to five minutes. */
static void
test_backoff (void)
{
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 1, 0, 0), ==, 100);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 2, 0, 0), ==, 200);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 4, 0, 0), ==, 800);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 5, 0, 0), ==, 1000);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 60, 0, 0), ==, 1000);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 4, 50, 0), ==, 850);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 4, 500, 0), ==, 1000);
  /* A large base does not wrap around. */
  g_assert_cmpuint (care_portal_backoff_delay (500000, 30000, 40, 0, 0), ==, 30000);
  /* Retry-After is honoured past the cap, up to five minutes. */
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 1, 0, 7000), ==, 7000);
  g_assert_cmpuint (care_portal_backoff_delay (100, 1000, 1, 0, 86400000), ==, 5 * 60 * 1000);
}

static void
integrity_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **out = user_data;

  if (care_cache_check_integrity_finish (CARE_CACHE (source), result, out))
    *out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "sound");
}

static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "core", "sync-kill-helper", NULL);
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint killed = 0;
  guint n_lines = 0;

  /* The helper writes the cache; this process only serves the portal. */
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->cache);

  /* How many progress lines a whole sync prints, from a sync into a
   * scratch cache that is let finish: the kill points are spread over
   * them. */
  {
    g_autofree char *scratch = g_build_filename (fixture->dir, "scratch.sqlite", NULL);
    const char *argv[] = {
      helper, scratch, care_sandbox_get_fhir_base (fixture->sandbox), fixture->token, fixture->patient, NULL,
    };

    g_assert_false (care_test_run_killed (argv, NULL, G_MAXUINT, &n_lines));
    g_test_message ("a whole sync prints %u progress lines", n_lines);
    g_assert_cmpuint (n_lines, >=, 40);
  }

  for (guint point = 1; point <= 20; point++)
    {
      g_autoptr(CareCache) cache = NULL;
      g_autoptr(GError) sound = NULL;
      const char *argv[] = {
        helper, fixture->path, care_sandbox_get_fhir_base (fixture->sandbox), fixture->token, fixture->patient,
        NULL,
      };

      /* Spread the kill points over the sync (a progress line or two per
       * stored page). */
      killed += care_test_run_killed (argv, NULL, 1 + (point - 1) * (n_lines / 20), NULL);

      /* After each kill the file opens and passes integrity_check. */
      cache = care_cache_open (fixture->path, &error);
      g_assert_no_error (error);
      care_cache_check_integrity_async (cache, NULL, integrity_cb, &sound);
      while (sound == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (sound, G_IO_ERROR, G_IO_ERROR_EXISTS);
    }
  g_test_message ("%u of 20 syncs were killed mid-way", killed);
  g_assert_cmpuint (killed, >=, 10);

  /* The next sync converges, with nothing twice. */
  care_test_portal_reopen (fixture);
  report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_failed, ==, 0);
  assert_converged (fixture);
}

typedef struct
{
  gboolean done;
  guint    n_sent;
  GError  *error;
} OutboxWait;

static void
outbox_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OutboxWait *wait = user_data;

  care_sync_engine_send_outbox_finish (CARE_SYNC_ENGINE (source), result, &wait->n_sent, &wait->error);
  wait->done = TRUE;
}

static void
response_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CarePortalResponse **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static CarePortalResponse *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *json,
         const char *if_none_exist)
{
  CarePortalResponse *response = NULL;
  g_autoptr(GBytes) body = json != NULL ? g_bytes_new (json, strlen (json)) : NULL;

  care_portal_client_request_async (fixture->client, method, path, NULL, body, if_none_exist, NULL,
                                    response_cb, &response);
  while (response == NULL)
    g_main_context_iteration (NULL, TRUE);
  return response;
}

static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_autoptr(JsonObject) message = care_fhir_parse_resource (
    "{\"resourceType\":\"Communication\",\"status\":\"in-progress\",\"subject\":{\"reference\":\"Patient/adult\"},"
    "\"recipient\":[{\"reference\":\"Practitioner/okafor\"}],"
    "\"payload\":[{\"contentString\":\"Can I take ibuprofen with my new prescription?\"}]}", -1, NULL);
  g_autoptr(JsonObject) bad = care_fhir_parse_resource (
    "{\"resourceType\":\"Communication\",\"subject\":{\"reference\":\"Patient/adult\"}}", -1, NULL);
  g_autoptr(CareOutboxItem) item = NULL;
  g_autoptr(CareOutboxItem) refused = NULL;
  g_autoptr(CarePortalResponse) first = NULL;
  g_autoptr(CarePortalResponse) search = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GBytes) hits = NULL;
  g_autoptr(CareFhirPage) page = NULL;
  OutboxWait wait = { 0 };

  g_assert_no_error (error);
  g_assert_true (care_sync_engine_can_write (fixture->engine, "Communication", "create"));
  g_assert_false (care_sync_engine_can_write (fixture->engine, "DiagnosticReport", "create"));

  item = care_sync_engine_queue_create (fixture->engine, message, &error);
  g_assert_no_error (error);
  refused = care_sync_engine_queue_create (fixture->engine, bad, &error);
  g_assert_no_error (error);

  /* The app restarts: a new cache and engine over the same file. */
  care_test_portal_reopen (fixture);
  items = care_cache_outbox_list (fixture->cache, TRUE);
  g_assert_cmpuint (items->len, ==, 2);

  /* The first attempt reached the server but its reply was lost. */
  query = g_strdup_printf ("identifier=%s|%s", CARE_OUTBOX_IDENTIFIER_SYSTEM, item->client_id);
  first = request (fixture, "POST", "Communication", item->json, query);
  g_assert_cmpuint (first->status, ==, 201);

  care_sync_engine_send_outbox_async (fixture->engine, NULL, outbox_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_sent, ==, 1);

  g_clear_pointer (&items, g_ptr_array_unref);
  items = care_cache_outbox_list (fixture->cache, FALSE);
  g_assert_cmpint (((CareOutboxItem *)g_ptr_array_index (items, 0))->state, ==, CARE_OUTBOX_SENT);
  g_assert_nonnull (((CareOutboxItem *)g_ptr_array_index (items, 0))->server_id);
  /* Refused: kept, with the server's words for the user. */
  g_assert_cmpint (((CareOutboxItem *)g_ptr_array_index (items, 1))->state, ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (((CareOutboxItem *)g_ptr_array_index (items, 1))->message);

  /* The server holds the message exactly once. */
  g_free (query);
  query = g_strdup_printf ("Communication?identifier=%s%%7C%s", CARE_OUTBOX_IDENTIFIER_SYSTEM, item->client_id);
  search = request (fixture, "GET", query, NULL, NULL);
  page = care_fhir_page_parse (search->body, search->content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->records->len, ==, 1);
}

static void
put_json (CareSandboxStore *store,
          const char       *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, &error);
  g_autoptr(JsonObject) stored = NULL;

  g_assert_no_error (error);
  stored = care_sandbox_store_put (store, resource, &error);
  g_assert_no_error (error);
}

static const CareSyncNews *
find_news (GPtrArray        *news,
           CareSyncNewsKind  kind)
{
  for (guint i = 0; i < news->len; i++)
    if (((CareSyncNews *)g_ptr_array_index (news, i))->kind == kind)
      return g_ptr_array_index (news, i);
  g_error ("No news of kind %d", kind);
}

static void
test_news (Fixture       *fixture,
           gconstpointer  data)
{
  CareSandboxStore *store = care_sandbox_get_store (fixture->sandbox);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) first = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_autoptr(GPtrArray) first_news = care_sync_news_compute (first, fixture->cache, fixture->patient);
  g_autoptr(CareSyncReport) quiet = NULL;
  g_autoptr(GPtrArray) quiet_news = NULL;
  g_autoptr(CareSyncReport) second = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Appointment");
  g_autoptr(GListModel) appointments = care_cache_query (fixture->cache, query, NULL);
  g_autoptr(CareResourceItem) appointment = g_list_model_get_item (appointments, 0);
  g_autoptr(JsonObject) moved = care_resource_item_dup_resource (appointment, NULL);
  g_autoptr(JsonObject) stored = NULL;
  const CareSyncNews *results;
  const CareSyncNews *messages;
  const CareSyncNews *changed;

  /* The first sync brings everything: none of it is news. */
  g_assert_no_error (error);
  g_assert_true (care_sync_report_lookup (first, "Observation")->first);
  g_assert_cmpuint (first_news->len, ==, 0);

  /* Nothing new: no news. */
  quiet = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (care_sync_report_lookup (quiet, "Observation")->first);
  quiet_news = care_sync_news_compute (quiet, fixture->cache, fixture->patient);
  g_assert_cmpuint (quiet_news->len, ==, 0);

  /* A panel with one result, a standalone lab, a home reading, a reply
   * from the clinic, the patient's own message and a moved visit. */
  put_json (store, "{\"resourceType\":\"Observation\",\"id\":\"news-a1c\",\"status\":\"final\","
                   "\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],\"code\":{\"text\":\"A1c\"},"
                   "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"2026-11-20\"}");
  put_json (store, "{\"resourceType\":\"DiagnosticReport\",\"id\":\"news-panel\",\"status\":\"final\","
                   "\"category\":[{\"coding\":[{\"code\":\"LAB\"}]}],\"code\":{\"text\":\"Panel\"},"
                   "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"2026-11-20\","
                   "\"result\":[{\"reference\":\"Observation/news-a1c\"}]}");
  put_json (store, "{\"resourceType\":\"Observation\",\"id\":\"news-lipids\",\"status\":\"final\","
                   "\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],\"code\":{\"text\":\"LDL\"},"
                   "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"2026-11-21\"}");
  put_json (store, "{\"resourceType\":\"Observation\",\"id\":\"news-home-bp\",\"status\":\"final\","
                   "\"category\":[{\"coding\":[{\"code\":\"vital-signs\"}]}],\"code\":{\"text\":\"BP\"},"
                   "\"subject\":{\"reference\":\"Patient/adult\"},\"effectiveDateTime\":\"2026-11-22\"}");
  put_json (store, "{\"resourceType\":\"Communication\",\"id\":\"news-reply\",\"status\":\"completed\","
                   "\"subject\":{\"reference\":\"Patient/adult\"},\"recipient\":[{\"reference\":\"Patient/adult\"}],"
                   "\"sender\":{\"reference\":\"Practitioner/news-doctor\",\"display\":\"Dr. News\"},"
                   "\"payload\":[{\"contentString\":\"Your results look fine.\"}]}");
  put_json (store, "{\"resourceType\":\"Communication\",\"id\":\"news-mine\",\"status\":\"completed\","
                   "\"subject\":{\"reference\":\"Patient/adult\"},\"sender\":{\"reference\":\"Patient/adult\"},"
                   "\"payload\":[{\"contentString\":\"Thank you.\"}]}");
  json_object_set_string_member (moved, "comment", "Moved by the clinic");
  stored = care_sandbox_store_put (store, moved, &error);
  g_assert_no_error (error);

  second = run_sync (fixture, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  news = care_sync_news_compute (second, fixture->cache, fixture->patient);
  g_assert_cmpuint (news->len, ==, 3);

  /* The panel counts once, the home reading not at all. */
  results = find_news (news, CARE_SYNC_NEWS_RESULTS);
  g_assert_cmpuint (results->count, ==, 2);
  g_assert_cmpstr (results->type, ==, "DiagnosticReport");
  g_assert_cmpstr (results->id, ==, "news-panel");

  /* The patient's own message is not news to them. */
  messages = find_news (news, CARE_SYNC_NEWS_MESSAGES);
  g_assert_cmpuint (messages->count, ==, 1);
  g_assert_cmpstr (messages->id, ==, "news-reply");

  changed = find_news (news, CARE_SYNC_NEWS_APPOINTMENTS);
  g_assert_cmpuint (changed->count, ==, 1);
  g_assert_cmpstr (changed->id, ==, care_resource_item_get_id (appointment));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, setup, fn) g_test_add (path, Fixture, data, setup, fn, care_test_portal_teardown)
  ADD ("/care/sync/full/adult", CARE_SANDBOX_DEMO_ADULT, setup, test_full_sync);
  ADD ("/care/sync/full/child", CARE_SANDBOX_DEMO_CHILD, setup, test_full_sync);
  ADD ("/care/sync/full/elder", CARE_SANDBOX_DEMO_ELDER, setup, test_full_sync);
  ADD ("/care/sync/incremental/adult", NULL, setup, test_incremental);
  ADD ("/care/sync/news/adult", NULL, setup, test_news);
  ADD ("/care/sync/proxy/teen-withheld", NULL, setup_teen, test_teen_withheld);
  ADD ("/care/sync/scopes/not-shared", NULL, setup, test_not_shared);
  ADD ("/care/sync/fault/latency", "latency=30", setup_adult, test_fault);
  ADD ("/care/sync/fault/5xx-retry-after", "error=0.15,retry-after=1", setup_adult, test_fault);
  ADD ("/care/sync/fault/5xx", "error=0.15", setup_adult, test_fault);
  ADD ("/care/sync/fault/429", "429=0.15,retry-after=1", setup_adult, test_fault);
  ADD ("/care/sync/fault/drop", "drop=0.15", setup_adult, test_fault);
  ADD ("/care/sync/fault/truncate", "truncate=0.15", setup_adult, test_fault);
  ADD ("/care/sync/fault/malformed", "malformed=0.15", setup_adult, test_fault);
  ADD ("/care/sync/fault/all", "latency=5,error=0.05,429=0.05,drop=0.05,truncate=0.05,malformed=0.05",
       setup_adult, test_fault);
  ADD ("/care/sync/store/refused", NULL, setup_adult, test_store_refused);
  ADD ("/care/sync/kill/20-points", NULL, setup_adult, test_killed);
  ADD ("/care/sync/offline", NULL, setup, test_offline);
  ADD ("/care/sync/unauthorized", NULL, setup, test_unauthorized);
  ADD ("/care/sync/server-limit/two-connections", NULL, setup_adult, test_server_limit);
  ADD ("/care/sync/server-limit/retry-after", NULL, setup_adult, test_retry_after_server);
  g_test_add_func ("/care/sync/backoff/capped", test_backoff);
  ADD ("/care/sync/outbox/exactly-once", NULL, setup_writer, test_outbox);

  return g_test_run ();
}
