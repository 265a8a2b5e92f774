/* test-hostile-sync.c — the sync engine against a portal that misbehaves
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test puts the hostile portal (tests/hostile) in one mode from the
 * security review and checks that a sync ends, says what went wrong for
 * the type, and keeps nothing the portal had no business sending.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-error.h"
#include "care-logo-cache.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "../hostile/care-hostile-portal.h"
#include "care-test-engine.h"

typedef struct
{
  CareHostilePortal *portal;
  CareTestEngine     fake;      /* the cache and engine reading it */
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->portal = GPOINTER_TO_INT (data) == CARE_HOSTILE_REDIRECT_DOWNGRADE
                    ? care_hostile_portal_new_tls () : care_hostile_portal_new ();
  care_hostile_portal_set_mode (fixture->portal, GPOINTER_TO_INT (data));
  care_test_engine_open (&fixture->fake, care_hostile_portal_get_base (fixture->portal),
                         "carebook-hostile-XXXXXX");
  care_portal_client_set_access_token (fixture->fake.client, "at");
  care_portal_client_set_backoff (fixture->fake.client, 5, 20, 3);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  care_test_engine_close (&fixture->fake);
  care_hostile_portal_free (fixture->portal);
}

static CareSyncReport *
sync_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const CareSyncReportEntry *
assert_status (CareSyncReport *report,
               const char     *type,
               CareTypeStatus  status)
{
  const CareSyncReportEntry *entry = care_sync_report_lookup (report, type);

  g_assert_nonnull (entry);
  g_assert_cmpint (entry->status, ==, status);
  return entry;
}

/* The portal as it should be: the baseline the other tests depart from. */
static void
test_normal (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);

  assert_status (report, "Patient", CARE_TYPE_STATUS_OK);
  assert_status (report, "Condition", CARE_TYPE_STATUS_OK);
  g_assert_true (care_cache_contains (fixture->fake.cache, "Condition", "c2"));
}

/* A page nested 100,000 levels deep crashed the app (SIGSEGV). */
static void
test_deep_page (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);

  assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  assert_status (report, "Patient", CARE_TYPE_STATUS_OK);
}

/* So did /metadata: now the sync fails, clearly. */
static void
test_deep_metadata (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_false (care_cache_contains (fixture->fake.cache, "Patient", "p1"));
}

/* A 48 MB page was read and stored whole: now reading stops at 32 MB. */
static void
test_huge_page (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);
  const CareSyncReportEntry *entry = assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);

  g_assert_nonnull (strstr (entry->message, "sent more than"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
  /* Asked once more in smaller pages (a page of 500 may hold documents),
   * then refused; not asked again and again. */
  g_assert_cmpuint (care_hostile_portal_get_n_pages (fixture->portal), ==, 2);
}

/* A 12 MB CapabilityStatement was kept in meta: 8 MB is the limit. */
static void
test_huge_metadata (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_autofree char *kept = care_cache_dup_meta (fixture->fake.cache, "capability");

  g_assert_null (report);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE);
  g_assert_null (kept);
  g_assert_cmpuint (care_hostile_portal_get_n_requests (fixture->portal, "/fhir/metadata"), ==, 1);
}

/* A Bundle of a million entries took 4 GB: 10,000 is the limit. */
static void
test_many_entries (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);
  const CareSyncReportEntry *entry = assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);

  g_assert_nonnull (strstr (entry->message, "10000"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
  g_assert_cmpuint (care_hostile_portal_get_n_pages (fixture->portal), ==, 1);
}

/* Other types, another patient's Condition and Patient, and a rewritten
 * Patient were all stored (and exported). */
static void
test_foreign (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);
  const CareSyncReportEntry *entry = assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  g_autoptr(JsonObject) patient = care_cache_lookup (fixture->fake.cache, "Patient", "p1", NULL);

  g_assert_nonnull (strstr (entry->message, "4 resources"));
  g_assert_true (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c2"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Observation", "o1"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Patient", "p2"));
  /* A shared type something may refer to is welcome. */
  g_assert_true (care_cache_contains (fixture->fake.cache, "Practitioner", "dr1"));
  /* The Patient is the one read by id, not the one slipped into a search. */
  g_assert_nonnull (patient);
  {
    JsonObject *name = json_array_get_object_element (json_object_get_array_member (patient, "name"), 0);

    g_assert_cmpstr (json_object_get_string_member (name, "text"), ==, "Ana Díaz");
  }
}

/* A search answered by a bare resource stored it. */
static void
test_bare_resource (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);

  assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
}

/* Patient/p1 answered as another Patient. */
static void
test_rewritten_patient (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);

  assert_status (report, "Patient", CARE_TYPE_STATUS_FAILED);
  g_assert_false (care_cache_contains (fixture->fake.cache, "Patient", "p2"));
  g_assert_cmpint (care_cache_count (fixture->fake.cache, "Patient", NULL), ==, 0);
}

/* Fresh next links forever: 2,035 pages in 90 s, without end. */
static void
test_endless_paging (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = NULL;

  care_sync_engine_set_limits (fixture->fake.engine, 25, 100000, 1024 * 1024);
  report = sync_now (fixture);
  assert_status (report, "Condition", CARE_TYPE_STATUS_INCOMPLETE);
  g_assert_cmpuint (care_hostile_portal_get_n_pages (fixture->portal), <=, 26);
  g_assert_true (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
}

/* One byte at a time, each gap shorter than the idle timeout: now the
 * minimum rate ends it. */
static void
test_slow_loris (Fixture       *fixture,
                 gconstpointer  data)
{
  CareHttpLimits limits = { CARE_HTTP_MAX_RESPONSE_BYTES, 20000, 400, 64 };
  g_autoptr(CareSyncReport) report = NULL;
  const CareSyncReportEntry *entry;

  care_portal_client_set_limits (fixture->fake.client, &limits);
  report = sync_now (fixture);
  entry = assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  g_assert_nonnull (strstr (entry->message, "too slowly"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
}

/* ...and the overall deadline, when the rate is not checked. */
static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  CareHttpLimits limits = { CARE_HTTP_MAX_RESPONSE_BYTES, 500, 0, 0 };
  g_autoptr(CareSyncReport) report = NULL;
  const CareSyncReportEntry *entry;

  care_portal_client_set_limits (fixture->fake.client, &limits);
  care_hostile_portal_set_mode (fixture->portal, CARE_HOSTILE_NORMAL);
  /* /metadata and Patient answer in time; the trickled page cannot. */
  care_hostile_portal_set_mode (fixture->portal, CARE_HOSTILE_SLOW_LORIS);
  report = sync_now (fixture);
  entry = assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  g_assert_nonnull (strstr (entry->message, "too long"));
}

/* A 302 to another origin was followed and its answer stored. */
static void
test_redirect_origin (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);

  assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
}

/* An https portal redirecting the search to plain http: the answer would
 * come unencrypted (and the token go with the request). Not followed. */
static void
test_redirect_downgrade (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);
  const CareSyncReportEntry *entry;

  g_assert_true (g_str_has_prefix (care_hostile_portal_get_base (fixture->portal), "https://"));
  /* The rest of the sync went over https. */
  assert_status (report, "Patient", CARE_TYPE_STATUS_OK);
  entry = assert_status (report, "Condition", CARE_TYPE_STATUS_FAILED);
  g_assert_nonnull (strstr (entry->message, "unencrypted"));
  g_assert_false (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
  g_assert_cmpuint (care_hostile_portal_get_n_foreign (fixture->portal), ==, 0);
}

/* Within the portal's own origin a redirect is still followed. */
static void
test_redirect_same (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);

  assert_status (report, "Condition", CARE_TYPE_STATUS_OK);
  g_assert_true (care_cache_contains (fixture->fake.cache, "Condition", "c1"));
}

/* A lone surrogate reached the index as invalid UTF-8. */
static void
test_bad_strings (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Condition");
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GObject) item = NULL;
  g_autofree char *display = NULL;

  assert_status (report, "Condition", CARE_TYPE_STATUS_OK);
  items = care_cache_query (fixture->fake.cache, query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  g_object_get (item, "display-name", &display, NULL);
  g_assert_true (g_utf8_validate (display, -1, NULL));
  g_assert_cmpstr (display, ==, "Broken \xef\xbf\xbd surrogate");
}

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
  guint     n_fetched;
} Wait;

static void
attachment_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->bytes = care_sync_engine_fetch_attachment_finish (CARE_SYNC_ENGINE (source), result, NULL, &wait->error);
  wait->done = TRUE;
}

/* A Binary declared as 100 bytes streamed a gigabyte (3.2 GB RSS). */
static void
test_attachment_open (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) attachment = json_object_new ();
  Wait wait = { 0 };

  json_object_set_string_member (attachment, "contentType", "text/plain");
  json_object_set_string_member (attachment, "url", "Binary/big");
  json_object_set_int_member (attachment, "size", 100);
  care_sync_engine_set_limits (fixture->fake.engine, 1000, 100000, 1024 * 1024);
  care_sync_engine_fetch_attachment_async (fixture->fake.engine, attachment, NULL, attachment_cb, &wait);
  g_assert_true (care_test_wait_for (&wait.done, 60000));
  g_assert_null (wait.bytes);
  g_assert_error (wait.error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE);
  g_clear_error (&wait.error);
  /* Reading stopped near the limit, not at the server's end. */
  g_assert_cmpuint (care_hostile_portal_get_binary_sent (fixture->portal), <, 16 * 1024 * 1024);
  g_assert_cmpint (care_cache_count_attachments (fixture->fake.cache), ==, 0);
}

static void
prefetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  care_sync_engine_prefetch_attachments_finish (CARE_SYNC_ENGINE (source), result, &wait->n_fetched,
                                                &wait->error);
  wait->done = TRUE;
}

static void
test_attachment_prefetch (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CareSyncReport) report = sync_now (fixture);
  Wait wait = { 0 };

  assert_status (report, "DocumentReference", CARE_TYPE_STATUS_OK);
  care_sync_engine_prefetch_attachments_async (fixture->fake.engine, 5, 256 * 1024, NULL, prefetched_cb,
                                               &wait);
  g_assert_true (care_test_wait_for (&wait.done, 60000));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_fetched, ==, 0);
  g_assert_cmpuint (care_hostile_portal_get_binary_sent (fixture->portal), <, 16 * 1024 * 1024);
  g_assert_cmpint (care_cache_count_attachments (fixture->fake.cache), ==, 0);
}

static void
logo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_free (care_logo_cache_fetch_finish (result, &wait->error));
  wait->done = TRUE;
}

/* A directory logo was read whole however big, then refused. */
static void
test_logo_huge (void)
{
  g_autoptr(CareHostilePortal) portal = care_hostile_portal_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *dir = g_dir_make_tmp ("carebook-logo-XXXXXX", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GUri) base = g_uri_parse (care_hostile_portal_get_base (portal), G_URI_FLAGS_NONE, NULL);
  Wait wait = { 0 };

  url = g_strdup_printf ("http://127.0.0.1:%d/logo.png", g_uri_get_port (base));
  care_logo_cache_fetch_async (session, dir, url, NULL, logo_cb, &wait);
  g_assert_true (care_test_wait_for (&wait.done, 60000));
  g_assert_error (wait.error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE);
  g_clear_error (&wait.error);
  g_assert_cmpuint (care_hostile_portal_get_binary_sent (portal), <, 8 * 1024 * 1024);
  care_test_remove_flat_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  care_hostile_portal_trust ();

#define ADD(path, mode, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (mode), setup, func, teardown)

  ADD ("/care/hostile/sync/normal", CARE_HOSTILE_NORMAL, test_normal);
  ADD ("/care/hostile/sync/deep-page", CARE_HOSTILE_DEEP_PAGE, test_deep_page);
  ADD ("/care/hostile/sync/deep-metadata", CARE_HOSTILE_DEEP_METADATA, test_deep_metadata);
  ADD ("/care/hostile/sync/huge-page", CARE_HOSTILE_HUGE_PAGE, test_huge_page);
  ADD ("/care/hostile/sync/huge-metadata", CARE_HOSTILE_HUGE_METADATA, test_huge_metadata);
  ADD ("/care/hostile/sync/many-entries", CARE_HOSTILE_MANY_ENTRIES, test_many_entries);
  ADD ("/care/hostile/sync/foreign", CARE_HOSTILE_FOREIGN, test_foreign);
  ADD ("/care/hostile/sync/bare-resource", CARE_HOSTILE_BARE_RESOURCE, test_bare_resource);
  ADD ("/care/hostile/sync/rewritten-patient", CARE_HOSTILE_REWRITTEN_PATIENT, test_rewritten_patient);
  ADD ("/care/hostile/sync/endless-paging", CARE_HOSTILE_ENDLESS_PAGING, test_endless_paging);
  ADD ("/care/hostile/sync/slow-loris", CARE_HOSTILE_SLOW_LORIS, test_slow_loris);
  ADD ("/care/hostile/sync/deadline", CARE_HOSTILE_SLOW_LORIS, test_deadline);
  ADD ("/care/hostile/sync/redirect-origin", CARE_HOSTILE_REDIRECT_ORIGIN, test_redirect_origin);
  ADD ("/care/hostile/sync/redirect-same", CARE_HOSTILE_REDIRECT_SAME, test_redirect_same);
  ADD ("/care/hostile/sync/redirect-downgrade", CARE_HOSTILE_REDIRECT_DOWNGRADE, test_redirect_downgrade);
  ADD ("/care/hostile/sync/bad-strings", CARE_HOSTILE_BAD_STRINGS, test_bad_strings);
  ADD ("/care/hostile/attachment/open", CARE_HOSTILE_NORMAL, test_attachment_open);
  ADD ("/care/hostile/attachment/prefetch", CARE_HOSTILE_NORMAL, test_attachment_prefetch);
  g_test_add_func ("/care/hostile/logo/huge", test_logo_huge);

#undef ADD

  return g_test_run ();
}
