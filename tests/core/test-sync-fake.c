/* test-sync-fake.c — the sync engine against a portal of our own making
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 answers from fixtures written from the R4
 * specification (tests/fixtures/fhir/fake-portal), for what the sandbox
 * does not do: a CapabilityStatement whose types cannot all be searched
 * by patient, and the like. Every request is logged, so a test can say
 * what was asked and what was not.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "care-cache.h"
#include "care-http.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-engine.h"
#include "care-test-server.h"

typedef struct _Fixture Fixture;

/* A test's own answers: returns TRUE when it answered @msg. */
typedef gboolean (*Answer) (Fixture           *fixture,
                            SoupServerMessage *msg,
                            const char        *local,
                            const char        *query);

struct _Fixture
{
  SoupServer       *server;
  char             *base;
  GPtrArray        *log;        /* "Type?query" or "Type/id" of each request */
  CareTestEngine    fake;       /* the cache and engine reading it */
  Answer            answer;
  guint             n_gone;     /* how many 410s a test's answer gave */
  char             *capability; /* a test's own CapabilityStatement */
};

static char *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", "fake-portal", name,
                                                 NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/fhir+json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static const char empty_searchset[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}";

static const char refused[] =
  "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
  "\"diagnostics\":\"Unknown search parameter\"}]}";

static void
portal_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *local;

  if (!g_str_has_prefix (path, "/fhir/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  local = path + strlen ("/fhir/");
  if (g_str_equal (local, "metadata"))
    {
      g_autofree char *json = fixture->capability != NULL ? g_strdup (fixture->capability)
                                                          : load_fixture ("capability.json");

      send_json (msg, SOUP_STATUS_OK, json);
      return;
    }
  g_ptr_array_add (fixture->log, raw_query != NULL ? g_strdup_printf ("%s?%s", local, raw_query)
                                                   : g_strdup (local));
  if (fixture->answer != NULL && fixture->answer (fixture, msg, local, raw_query))
    return;
  if (g_str_equal (local, "Patient/p1"))
    {
      g_autofree char *json = load_fixture ("patient.json");

      send_json (msg, SOUP_STATUS_OK, json);
    }
  /* Like a strict server: a search by a parameter it does not know is refused. */
  else if (strchr (local, '/') == NULL && raw_query != NULL &&
           (strstr (raw_query, "patient=") != NULL || strstr (raw_query, "subject=") != NULL) &&
           !g_str_equal (local, "PaymentNotice") &&
           !(g_str_equal (local, "Goal") && strstr (raw_query, "patient=") != NULL))
    send_json (msg, SOUP_STATUS_OK, empty_searchset);
  else
    send_json (msg, SOUP_STATUS_BAD_REQUEST, refused);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->log = g_ptr_array_new_with_free_func (g_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, portal_cb, fixture, NULL);
  fixture->base = care_test_server_listen (fixture->server);
  care_test_engine_open (&fixture->fake, fixture->base, "carebook-sync-fake-XXXXXX");
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  care_test_engine_close (&fixture->fake);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
  g_free (fixture->capability);
  g_ptr_array_unref (fixture->log);
}

static guint
count_requests (Fixture    *fixture,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < fixture->log->len; i++)
    if (g_str_has_prefix (fixture->log->pdata[i], prefix))
      n++;
  return n;
}

/* The sync behind @report failed nothing, and the cache holds @n
 * Observations, their type fine. Frees @report. */
static void
assert_observations_stored (Fixture        *fixture,
                            CareSyncReport *report,
                            gint64          n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareTypeState) state = care_cache_dup_type_state (fixture->fake.cache, "Observation");

  g_assert_cmpint (care_cache_count (fixture->fake.cache, "Observation", &error), ==, n);
  g_assert_no_error (error);
  g_assert_cmpint (state->status, ==, CARE_TYPE_STATUS_OK);
  g_assert_cmpuint (report->n_failed, ==, 0);
  care_sync_report_free (report);
}

/* PaymentNotice has neither `patient` nor `subject` in R4, and the
 * CapabilityStatement says so: it is "not offered", never asked for, and
 * no failure. Goal lists only `subject`: searched with that. */
static void
test_no_patient_param (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareTypeState) payments = NULL;
  g_autoptr(CareTypeState) goals = NULL;
  CareSyncReport *report;
  const CareSyncReportEntry *entry;

  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_cmpuint (count_requests (fixture, "PaymentNotice"), ==, 0);
  entry = care_sync_report_lookup (report, "PaymentNotice");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->status, ==, CARE_TYPE_STATUS_UNSUPPORTED);
  payments = care_cache_dup_type_state (fixture->fake.cache, "PaymentNotice");
  g_assert_cmpint (payments->status, ==, CARE_TYPE_STATUS_UNSUPPORTED);

  g_assert_cmpuint (count_requests (fixture, "Goal?subject=Patient"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Goal?patient="), ==, 0);
  goals = care_cache_dup_type_state (fixture->fake.cache, "Goal");
  g_assert_cmpint (goals->status, ==, CARE_TYPE_STATUS_OK);

  g_assert_cmpuint (report->n_failed, ==, 0);
  care_sync_report_free (report);
}

/* A searchset of Observations lab-FROM … lab-(TO-1), with a next link. */
static char *
dup_observations (Fixture    *fixture,
                  guint       from,
                  guint       to,
                  const char *next)
{
  g_autofree char *template = load_fixture ("observation-lab.json");
  g_autoptr(GString) bundle = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",");

  if (next != NULL)
    g_string_append_printf (bundle, "\"link\":[{\"relation\":\"next\",\"url\":\"%s/%s\"}],",
                            fixture->base, next);
  g_string_append (bundle, "\"entry\":[");
  for (guint i = from; i < to; i++)
    {
      g_autofree char *id = g_strdup_printf ("\"id\": \"lab-%u\"", i);
      g_auto(GStrv) parts = g_strsplit (template, "\"id\": \"lab-0\"", 2);
      g_autofree char *resource = g_strjoin (id, parts[0], parts[1], NULL);

      g_string_append_printf (bundle, "%s{\"fullUrl\":\"%s/Observation/lab-%u\",\"resource\":%s,"
                              "\"search\":{\"mode\":\"match\"}}",
                              i > from ? "," : "", fixture->base, i, resource);
    }
  g_string_append (bundle, "]}");
  return g_string_free (g_steal_pointer (&bundle), FALSE);
}

static gboolean
is_observation_search (const char *local,
                       const char *query)
{
  return g_str_equal (local, "Observation") && query != NULL && strstr (query, "patient=p1") != NULL;
}

/* FHIR-CLIENT.md 13: a server that refuses Observation without a
 * category, and one of the categories too. */
static gboolean
answer_by_category (Fixture           *fixture,
                    SoupServerMessage *msg,
                    const char        *local,
                    const char        *query)
{
  g_autofree char *json = NULL;

  if (!is_observation_search (local, query))
    return FALSE;
  if (strstr (query, "category=laboratory") != NULL)
    json = dup_observations (fixture, 0, 3, NULL);
  else if (strstr (query, "category=vital-signs") != NULL)
    json = dup_observations (fixture, 3, 4, NULL);
  else if (strstr (query, "category=sdoh") != NULL || strstr (query, "category=") == NULL)
    {
      send_json (msg, SOUP_STATUS_BAD_REQUEST, refused);
      return TRUE;
    }
  else
    json = g_strdup (empty_searchset);
  send_json (msg, SOUP_STATUS_OK, json);
  return TRUE;
}

static void
test_split_by_category (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  fixture->answer = answer_by_category;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);

  /* Plain first, then per category; the refused category fails nothing. */
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=500&category=laboratory"), ==, 1);
  assert_observations_stored (fixture, report, 4);
}

/* Issue 18: Observation's metadata lists _sort, and this server refuses
 * -date anyway. */
static gboolean
answer_refusing_sort (Fixture           *fixture,
                      SoupServerMessage *msg,
                      const char        *local,
                      const char        *query)
{
  g_autofree char *json = NULL;

  if (!is_observation_search (local, query))
    return FALSE;
  if (strstr (query, "_sort=") != NULL && fixture->n_gone++ > 0)
    {
      send_json (msg, SOUP_STATUS_BAD_REQUEST, refused);
      return TRUE;
    }
  json = dup_observations (fixture, 0, 3, NULL);
  send_json (msg, SOUP_STATUS_OK, json);
  return TRUE;
}

/* Issue 18: where the CapabilityStatement lists _sort (and a date), each
 * search asks for the newest first, so the views fill from the top; a
 * server that refuses the sort is asked the same search without it, and
 * nothing fails. A type whose metadata does not list _sort is never
 * sorted. */
static void
test_newest_first (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *capability = load_fixture ("capability.json");
  g_auto(GStrv) parts = g_strsplit (capability, "{ \"name\": \"date\", \"type\": \"date\" },", 2);
  CareSyncReport *report;

  g_assert_nonnull (parts[1]);
  fixture->capability = g_strjoin ("{ \"name\": \"date\", \"type\": \"date\" },"
                                   "{ \"name\": \"_sort\", \"type\": \"special\" },", parts[0], parts[1], NULL);
  fixture->answer = answer_refusing_sort;

  /* Accepted: one sorted request. */
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  care_sync_report_free (report);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=500&_sort=-date"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Observation?"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Goal?"), ==, 1);
  for (guint i = 0; i < fixture->log->len; i++)
    if (g_str_has_prefix (fixture->log->pdata[i], "Goal?"))
      g_assert_null (strstr (fixture->log->pdata[i], "_sort"));

  /* Refused: asked again unsorted; the type is fine. */
  g_ptr_array_set_size (fixture->log, 0);
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=500&_sort=-date"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=500"), ==, 2);
  assert_observations_stored (fixture, report, 3);
}

/* A server that refuses a page bigger than 100 instead of cutting it,
 * and that needs a category for Observation: every search is asked again
 * in pages of 100, and nothing fails or goes missing. */
static gboolean
answer_refusing_big_pages (Fixture           *fixture,
                           SoupServerMessage *msg,
                           const char        *local,
                           const char        *query)
{
  const char *count = query != NULL ? strstr (query, "_count=") : NULL;

  if (count != NULL && g_ascii_strtoull (count + strlen ("_count="), NULL, 10) > 100)
    {
      fixture->n_gone++;
      send_json (msg, SOUP_STATUS_BAD_REQUEST, refused);
      return TRUE;
    }
  return answer_by_category (fixture, msg, local, query);
}

static void
test_smaller_pages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  fixture->answer = answer_refusing_big_pages;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->n_gone, >, 0);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=100&category=laboratory"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=100&category=vital-signs"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Goal?subject=Patient/p1&_count=500"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Goal?subject=Patient/p1&_count=100"), ==, 1);
  assert_observations_stored (fixture, report, 4);
}

/* Observations of about 40 KB each (a document inside): a page of 500
 * is more than the client reads (here 1 MB), and starts over in pages of
 * 100, of which the server sends 10 at a time. */
static gboolean
answer_big_resources (Fixture           *fixture,
                      SoupServerMessage *msg,
                      const char        *local,
                      const char        *query)
{
  g_autoptr(GString) json = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
  g_autofree char *padding = g_strnfill (40000, 'a');
  guint n;

  if (!is_observation_search (local, query))
    return FALSE;
  n = strstr (query, "_count=500") != NULL ? 50 : 10;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"big-%u\","
                                  "\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p1\"},"
                                  "\"code\":{\"text\":\"Scanned result\"},\"note\":[{\"text\":\"%s\"}]}}",
                            i > 0 ? "," : "", i, padding);
  g_string_append (json, "]}");
  send_json (msg, SOUP_STATUS_OK, json->str);
  return TRUE;
}

static void
test_pages_too_big (Fixture       *fixture,
                    gconstpointer  data)
{
  CareHttpLimits limits = { 1024 * 1024, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  care_portal_client_set_limits (fixture->fake.client, &limits);
  fixture->answer = answer_big_resources;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=500"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count=100"), ==, 1);
  assert_observations_stored (fixture, report, 10);
}

/* The cache's write lock, held by another connection from the first
 * Observation page for a second, as a slow disk would hold the writer up;
 * and how many pages were asked for meanwhile. */
typedef struct
{
  Fixture *fixture;
  sqlite3 *db;
  GThread *thread;
  guint    asked_while_held;
} Held;

static Held held;

static gpointer
release_thread (gpointer data)
{
  g_usleep (G_USEC_PER_SEC);
  g_atomic_int_set (&held.asked_while_held, g_atomic_int_get (&held.fixture->n_gone));
  g_assert_cmpint (sqlite3_exec (held.db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* A long record: 40 pages of 2 Observations, each linking to the next. */
static gboolean
answer_long_record (Fixture           *fixture,
                    SoupServerMessage *msg,
                    const char        *local,
                    const char        *query)
{
  const char *page_param = query != NULL ? strstr (query, "page=") : NULL;
  guint page = page_param != NULL ? (guint)g_ascii_strtoull (page_param + strlen ("page="), NULL, 10) : 1;
  g_autofree char *next = page < 40 ? g_strdup_printf ("Observation?patient=p1&page=%u", page + 1) : NULL;
  g_autofree char *json = NULL;

  if (!is_observation_search (local, query))
    return FALSE;
  if (held.thread == NULL)
    {
      g_assert_cmpint (sqlite3_open (care_cache_get_path (fixture->fake.cache), &held.db), ==, SQLITE_OK);
      /* The writer may be storing another type's page just now. */
      sqlite3_busy_timeout (held.db, 10000);
      g_assert_cmpint (sqlite3_exec (held.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
      held.thread = g_thread_new ("release", release_thread, NULL);
    }
  g_atomic_int_inc (&fixture->n_gone);
  json = dup_observations (fixture, 2 * (page - 1), 2 * page, next);
  send_json (msg, SOUP_STATUS_OK, json);
  return TRUE;
}

/* While the cache's writer cannot write, a search asks for at most 6
 * pages ahead of what is stored, not for the whole record (which a portal
 * faster than the disk would otherwise leave in memory); once the writer
 * writes again, all of it is stored. */
static void
test_pages_wait_for_the_writer (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  held = (Held) { fixture, NULL, NULL, 0 };
  fixture->answer = answer_long_record;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_thread_join (held.thread);
  sqlite3_close (held.db);

  g_assert_cmpuint (held.asked_while_held, >=, 1);
  g_assert_cmpuint (held.asked_while_held, <=, 6);
  g_assert_cmpuint (fixture->n_gone, ==, 40);
  g_assert_cmpint (care_cache_count (fixture->fake.cache, "Observation", &error), ==, 80);
  g_assert_cmpuint (report->n_failed, ==, 0);
  care_sync_report_free (report);
}

/* FHIR-CLIENT.md 15: pages of 2 whatever _count says; a next link to the
 * page itself, then one back to a page already read, end the paging. */
static gboolean
answer_small_pages (Fixture           *fixture,
                    SoupServerMessage *msg,
                    const char        *local,
                    const char        *query)
{
  g_autofree char *json = NULL;

  if (g_str_equal (local, "Observation") && query != NULL && strstr (query, "page=") != NULL)
    {
      if (strstr (query, "page=2") != NULL)
        json = dup_observations (fixture, 2, 4, "Observation?patient=p1&page=3");
      else if (strstr (query, "page=3") != NULL)
        json = dup_observations (fixture, 4, 5, "Observation?patient=p1&page=3");  /* itself */
      else
        json = dup_observations (fixture, 0, 2, "Observation?patient=p1&page=2");  /* back */
    }
  else if (is_observation_search (local, query))
    json = dup_observations (fixture, 0, 2, "Observation?patient=p1&page=2");
  else
    return FALSE;
  send_json (msg, SOUP_STATUS_OK, json);
  return TRUE;
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  fixture->answer = answer_small_pages;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (care_cache_count (fixture->fake.cache, "Observation", &error), ==, 5);
  /* Each page once: the self link is not followed. */
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&page=2"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&page=3"), ==, 1);
  g_assert_cmpuint (report->n_failed, ==, 0);
  care_sync_report_free (report);
}

/* FHIR-CLIENT.md 16: a 410 on a next link starts the search over. */
static gboolean
answer_gone_once (Fixture           *fixture,
                  SoupServerMessage *msg,
                  const char        *local,
                  const char        *query)
{
  g_autofree char *json = NULL;

  if (g_str_equal (local, "Observation") && query != NULL && strstr (query, "page=2") != NULL)
    {
      if (fixture->n_gone++ == 0)
        {
          send_json (msg, SOUP_STATUS_GONE, refused);
          return TRUE;
        }
      json = dup_observations (fixture, 2, 3, NULL);
    }
  else if (is_observation_search (local, query))
    json = dup_observations (fixture, 0, 2, "Observation?patient=p1&page=2");
  else
    return FALSE;
  send_json (msg, SOUP_STATUS_OK, json);
  return TRUE;
}

static void
test_gone_restarts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  fixture->answer = answer_gone_once;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->n_gone, ==, 2);
  g_assert_cmpuint (count_requests (fixture, "Observation?patient=p1&_count"), ==, 2);
  assert_observations_stored (fixture, report, 3);
}

/* FHIR-CLIENT.md 14, 21: the Patient is read by id; _lastUpdated is used
 * only for a type whose metadata lists it (Observation, not Goal). */
static void
test_read_and_since (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report;

  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  care_sync_report_free (report);
  g_ptr_array_set_size (fixture->log, 0);
  report = care_test_sync (fixture->fake.engine, 0, &error);
  g_assert_no_error (error);
  care_sync_report_free (report);

  g_assert_cmpuint (count_requests (fixture, "Patient/p1"), ==, 1);
  g_assert_cmpuint (count_requests (fixture, "Patient?"), ==, 0);
  for (guint i = 0; i < fixture->log->len; i++)
    {
      const char *request = fixture->log->pdata[i];

      if (g_str_has_prefix (request, "Observation?"))
        g_assert_nonnull (strstr (request, "_lastUpdated=ge"));
      if (g_str_has_prefix (request, "Goal?"))
        g_assert_null (strstr (request, "_lastUpdated"));
    }
  g_assert_cmpuint (count_requests (fixture, "Goal?"), ==, 1);
}

/* FHIR-CLIENT.md 18: a type whose searches fail fails alone; the report
 * names it with the reason. */
static gboolean
answer_goal_broken (Fixture           *fixture,
                    SoupServerMessage *msg,
                    const char        *local,
                    const char        *query)
{
  if (!g_str_equal (local, "Goal"))
    return FALSE;
  send_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, refused);
  return TRUE;
}

static void
test_type_fails_alone (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareTypeState) goals = NULL;
  g_autoptr(CareTypeState) observations = NULL;
  const CareSyncReportEntry *entry;
  CareSyncReport *report;

  fixture->answer = answer_goal_broken;
  report = care_test_sync (fixture->fake.engine, CARE_SYNC_FULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  entry = care_sync_report_lookup (report, "Goal");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->status, ==, CARE_TYPE_STATUS_FAILED);
  g_assert_nonnull (entry->message);
  goals = care_cache_dup_type_state (fixture->fake.cache, "Goal");
  g_assert_cmpint (goals->status, ==, CARE_TYPE_STATUS_FAILED);
  observations = care_cache_dup_type_state (fixture->fake.cache, "Observation");
  g_assert_cmpint (observations->status, ==, CARE_TYPE_STATUS_OK);
  g_assert_cmpuint (report->n_failed, ==, 1);
  care_sync_report_free (report);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/sync/fake/no-patient-param", Fixture, NULL, setup, test_no_patient_param,
              teardown);
  g_test_add ("/care/sync/fake/split-by-category", Fixture, NULL, setup, test_split_by_category,
              teardown);
  g_test_add ("/care/sync/fake/smaller-pages", Fixture, NULL, setup, test_smaller_pages, teardown);
  g_test_add ("/care/sync/fake/pages-too-big", Fixture, NULL, setup, test_pages_too_big, teardown);
  g_test_add ("/care/sync/fake/paging", Fixture, NULL, setup, test_paging, teardown);
  g_test_add ("/care/sync/fake/pages-wait-for-the-writer", Fixture, NULL, setup,
              test_pages_wait_for_the_writer, teardown);
  g_test_add ("/care/sync/fake/newest-first", Fixture, NULL, setup, test_newest_first, teardown);
  g_test_add ("/care/sync/fake/gone-restarts", Fixture, NULL, setup, test_gone_restarts, teardown);
  g_test_add ("/care/sync/fake/read-and-since", Fixture, NULL, setup, test_read_and_since, teardown);
  g_test_add ("/care/sync/fake/type-fails-alone", Fixture, NULL, setup, test_type_fails_alone,
              teardown);

  return g_test_run ();
}
