/* test-generated-record.c — a generated record of thousands, synced and read
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record Carebook did not write: a generator puts a few thousand
 * resources of each type the "records we did not write" work added
 * (Claim, ExplanationOfBenefit, MedicationAdministration, SupplyDelivery,
 * ImagingStudy, Provenance, note DiagnosticReports, Communication
 * threads) into the sandbox, with the quirks real portals have (totals
 * that disagree with their items, an insurer "paying" ten times the
 * bill, replies out of order), syncs it through the engine, and asserts
 * what the models under the views give: every resource arrives, no claim
 * shows the insurer paying more than was billed, unanswered claims are
 * the ones waiting, every administration is on its order, every note is
 * a note, every message is in its conversation in order, and each
 * resource's Provenance says who recorded it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "care-claim-totals.h"
#include "care-fhir.h"
#include "care-fhir-index.h"
#include "care-imaging.h"
#include "care-message-threads.h"
#include "care-note-report.h"
#include "care-provenance.h"
#include "care-resource-item.h"
#include "care-sandbox.h"
#include "care-sandbox-store.h"
#include "care-sync-engine.h"

#include "../care-test-generated.h"
#include "../care-test-sync.h"
#include "../care-test-utils.h"

static GPtrArray *
dup_all (CareCache  *cache,
         const char *type)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  items = care_cache_query (cache, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);
      JsonObject *resource = care_resource_item_dup_resource (item, &error);

      g_assert_no_error (error);
      g_ptr_array_add (resources, resource);
    }
  return resources;
}

static void
check_billing (CareCache *cache)
{
  g_autoptr(GPtrArray) eobs = dup_all (cache, "ExplanationOfBenefit");
  g_autoptr(GPtrArray) claims = dup_all (cache, "Claim");
  g_autoptr(GHashTable) answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint waiting = 0, reconciled = 0;

  g_assert_cmpuint (eobs->len, ==, N / 2);
  g_assert_cmpuint (claims->len, ==, N);
  for (guint i = 0; i < eobs->len; i++)
    {
      CareClaimTotals totals;

      care_claim_totals_read (g_ptr_array_index (eobs, i), &totals);
      g_assert_true (totals.has_billed && totals.has_paid && totals.has_share);
      /* What Billing shows: never paid more than billed. */
      g_assert_cmpfloat (totals.paid, <=, totals.billed + 0.005);
      g_assert_cmpfloat_with_epsilon (totals.billed, 120.0, 0.001);
      g_assert_cmpfloat_with_epsilon (totals.paid, 90.0, 0.001);
      g_assert_cmpfloat_with_epsilon (totals.share, 20.0, 0.001);
      reconciled += totals.from_items;
      g_hash_table_add (answered, care_claim_dup_claim_id (g_ptr_array_index (eobs, i)));
      care_claim_totals_clear (&totals);
    }
  /* Even ids divisible by 7: 0, 14, 28… */
  g_assert_cmpuint (reconciled, ==, (N - 1) / 14 + 1);
  for (guint i = 0; i < claims->len; i++)
    {
      JsonObject *claim = g_ptr_array_index (claims, i);
      CareClaimTotals totals;

      care_claim_totals_read (claim, &totals);
      g_assert_cmpfloat_with_epsilon (totals.billed, 120.0, 0.001);
      care_claim_totals_clear (&totals);
      if (!g_hash_table_contains (answered, care_fhir_get_string (claim, "id")))
        waiting++;
    }
  g_assert_cmpuint (waiting, ==, N / 2);
}

static void
check_medications (CareCache *cache)
{
  g_autoptr(GPtrArray) given = dup_all (cache, "MedicationAdministration");
  g_autoptr(GPtrArray) deliveries = dup_all (cache, "SupplyDelivery");
  guint per_order[ORDERS] = { 0 };

  g_assert_cmpuint (given->len, ==, N);
  for (guint i = 0; i < given->len; i++)
    {
      CareFhirReference request = { 0 };
      guint64 k;

      g_assert_true (care_fhir_read_reference (care_fhir_get_object (g_ptr_array_index (given, i), "request"),
                                               &request));
      g_assert_cmpstr (request.type, ==, "MedicationRequest");
      g_assert_true (g_str_has_prefix (request.id, "gen-order-"));
      k = g_ascii_strtoull (request.id + strlen ("gen-order-"), NULL, 10);
      g_assert_cmpuint (k, <, ORDERS);
      per_order[k]++;
      care_fhir_reference_clear (&request);
    }
  for (guint k = 0; k < ORDERS; k++)
    g_assert_cmpuint (per_order[k], ==, N / ORDERS);
  g_assert_cmpuint (deliveries->len, ==, N);
}

static void
check_imaging_and_notes (CareCache *cache)
{
  g_autoptr(GPtrArray) studies = dup_all (cache, "ImagingStudy");
  g_autoptr(GPtrArray) reports = dup_all (cache, "DiagnosticReport");

  g_assert_cmpuint (studies->len, ==, N);
  for (guint i = 0; i < studies->len; i++)
    {
      g_autofree char *summary = care_imaging_dup_summary (g_ptr_array_index (studies, i));

      g_assert_nonnull (summary);
      g_assert_nonnull (strstr (summary, "1 series"));
    }
  /* Every report is a note: none would show in Test Results. */
  g_assert_cmpuint (reports->len, ==, N);
  for (guint i = 0; i < reports->len; i++)
    {
      g_autoptr(JsonObject) document = NULL;

      g_assert_true (care_note_report_is_note (g_ptr_array_index (reports, i)));
      document = care_note_report_dup_document (g_ptr_array_index (reports, i));
      g_assert_nonnull (care_fhir_get_array_object (document, "content", 0));
    }
}

static void
check_messages (CareCache *cache)
{
  g_autoptr(GPtrArray) messages = dup_all (cache, "Communication");
  g_autoptr(GPtrArray) threads = NULL;

  g_assert_cmpuint (messages->len, ==, N);
  threads = care_message_threads_group (messages);
  g_assert_cmpuint (threads->len, ==, N / 4);
  for (guint t = 0; t < threads->len; t++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, t);
      guint64 first;

      g_assert_cmpuint (thread->messages->len, ==, 4);
      g_assert_true (g_str_has_prefix (thread->topic, "Question "));
      first = g_ascii_strtoull (thread->id + strlen ("gen-msg-"), NULL, 10);
      for (guint j = 0; j < 4; j++)
        {
          g_autofree char *id = g_strdup_printf ("gen-msg-%" G_GUINT64_FORMAT, first + j);

          g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (thread->messages, j), "id"), ==, id);
        }
      g_assert_true (care_message_is_from (g_ptr_array_index (thread->messages, 0), "Patient/" PATIENT));
      g_assert_false (care_message_is_from (g_ptr_array_index (thread->messages, 1), "Patient/" PATIENT));
      /* Newest conversation first. */
      if (t > 0)
        g_assert_cmpint (g_date_time_compare (((CareMessageThread *)g_ptr_array_index (threads, t - 1))->last_sent,
                                              thread->last_sent), >, 0);
    }
}

static void
check_provenance (CareCache *cache)
{
  for (guint i = 0; i < N; i += 97)
    {
      g_autofree char *id = g_strdup_printf ("gen-claim-%u", i);
      g_autofree char *text = care_provenance_dup_text_for (cache, "Claim", id);
      g_autofree char *who = g_strdup_printf ("Recorded by Clerk %u on ", i % 3);

      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, who));
    }
  g_assert_cmpint (care_cache_count (cache, "Provenance", NULL), ==, N);
}

static void
test_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autoptr(CareCache) cache = NULL;
  g_autoptr(CarePortalClient) client = NULL;
  g_autoptr(CareSyncEngine) engine = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  static const char *types[] = { "Claim", "ExplanationOfBenefit", "MedicationAdministration", "SupplyDelivery",
                                 "ImagingStudy", "Provenance", "DiagnosticReport", "Communication" };

  g_assert_no_error (error);
  care_test_generate_record (care_sandbox_get_store (sandbox));
  care_sandbox_set_testing (sandbox, TRUE);
  g_assert_true (care_sandbox_start (sandbox, 0, &error));
  g_assert_no_error (error);

  dir = g_dir_make_tmp ("carebook-generated-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cache.sqlite", NULL);
  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  token = care_sandbox_issue_token_for_tests (sandbox, PATIENT, "launch/patient patient/*.rs", 3600);
  client = care_portal_client_new (care_sandbox_get_fhir_base (sandbox), NULL);
  care_portal_client_set_access_token (client, token);
  engine = care_sync_engine_new (cache, client, PATIENT, NULL);
  care_sync_engine_set_scopes (engine, "launch/patient patient/*.rs");

  report = care_test_sync (engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  /* Everything arrived, each type complete. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(CareTypeState) state = care_cache_dup_type_state (cache, types[i]);

      g_assert_cmpint (care_cache_count (cache, types[i], NULL), ==, i == 1 ? N / 2 : N);
      g_assert_cmpint (state->status, ==, CARE_TYPE_STATUS_OK);
    }

  check_billing (cache);
  check_medications (cache);
  check_imaging_and_notes (cache);
  check_messages (cache);
  check_provenance (cache);

  g_clear_object (&engine);
  g_clear_object (&client);
  g_clear_object (&cache);
  care_sandbox_stop (sandbox);
  care_test_remove_flat_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/generated-record/sync-and-read", test_generated);

  return g_test_run ();
}
