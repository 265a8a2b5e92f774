/* test-sandbox-faults.c — failures on demand
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>

#include "care-sandbox.h"
#include "care-sandbox-faults.h"

static void
test_parse (void)
{
  g_autoptr(CareSandboxFaults) faults = care_sandbox_faults_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  static const char *bad[] = {
    "colour=0.5", "error", "error=x", "error=2", "error=0.6,drop=0.6", "latency=-1",
  };

  g_assert_true (care_sandbox_faults_parse (faults, "latency=200, error=0.1,retry-after=2,"
                                                    "429=0.05,drop=0.05,truncate=0.05,"
                                                    "malformed=0.05,expire-tokens=0.02,seed=7",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (care_sandbox_faults_get_latency (faults), ==, 200);
  g_assert_cmpuint (care_sandbox_faults_get_retry_after (faults), ==, 2);
  spec = care_sandbox_faults_to_string (faults);
  g_assert_nonnull (strstr (spec, "seed=7"));
  g_assert_nonnull (strstr (spec, "429=0.05"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_assert_false (care_sandbox_faults_parse (faults, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  /* A refused spec leaves the previous one in force. */
  g_assert_cmpuint (care_sandbox_faults_get_latency (faults), ==, 200);

  g_assert_true (care_sandbox_faults_parse (faults, "", NULL));
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (care_sandbox_faults_draw (faults), ==, CARE_SANDBOX_FAULT_NONE);
}

static void
test_reproducible (void)
{
  g_autoptr(CareSandboxFaults) faults = care_sandbox_faults_new ();
  CareSandboxFault first[200];
  guint drawn = 0;

  g_assert_true (care_sandbox_faults_parse (faults, "error=0.3,drop=0.3,seed=42", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      first[i] = care_sandbox_faults_draw (faults);
      drawn += first[i] != CARE_SANDBOX_FAULT_NONE;
    }
  /* Roughly 60 % of requests fail. */
  g_assert_cmpuint (drawn, >, 80);
  g_assert_cmpuint (drawn, <, 160);

  g_assert_true (care_sandbox_faults_parse (faults, "error=0.3,drop=0.3,seed=42", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_assert_cmpint (care_sandbox_faults_draw (faults), ==, first[i]);
}

typedef struct
{
  CareSandbox *sandbox;
  SoupSession *session;
  char        *token;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) stored = NULL;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));
  care_sandbox_set_testing (fixture->sandbox, GPOINTER_TO_INT (data));

  g_assert_true (json_parser_load_from_data (parser, "{\"resourceType\":\"Patient\",\"id\":\"a\","
                                                     "\"name\":[{\"family\":\"Garcia\"}]}", -1, NULL));
  stored = care_sandbox_store_put (care_sandbox_get_store (fixture->sandbox),
                                   json_node_get_object (json_parser_get_root (parser)), NULL);
  fixture->session = soup_session_new ();
  fixture->token = care_sandbox_issue_token_for_tests (fixture->sandbox, "a", "patient/*.rs", 3600);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->token, g_free);
  g_assert_finalize_object (fixture->sandbox);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GBytes *
send (Fixture      *fixture,
      const char   *method,
      const char   *path,
      const char   *body,
      guint        *out_status,
      char        **out_retry_after,
      GError      **error)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  GBytes *bytes;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "text/plain", request_body);
    }

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (fixture->session, result, error);
  *out_status = soup_message_get_status (msg);
  if (out_retry_after != NULL)
    *out_retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                "Retry-After"));
  return bytes;
}

static gboolean
is_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), NULL);
}

static void
set_faults (Fixture    *fixture,
            const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (care_sandbox_set_faults (fixture->sandbox, spec, &error));
  g_assert_no_error (error);
}

static void
test_http_faults (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *retry_after = NULL;
  guint status;

  set_faults (fixture, "error=1,retry-after=3");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, &retry_after, &error);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpstr (retry_after, ==, "3");
  g_assert_true (is_json (bytes));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&retry_after, g_free);

  set_faults (fixture, "error=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 500);
  g_clear_pointer (&bytes, g_bytes_unref);

  set_faults (fixture, "429=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, &retry_after, &error);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpstr (retry_after, ==, "1");
  g_clear_pointer (&bytes, g_bytes_unref);

  set_faults (fixture, "malformed=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (is_json (bytes));
  g_clear_pointer (&bytes, g_bytes_unref);

  set_faults (fixture, "truncate=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  g_assert_false (is_json (bytes));
  g_clear_pointer (&bytes, g_bytes_unref);

  set_faults (fixture, "drop=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_clear_error (&error);

  set_faults (fixture, "latency=50");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (is_json (bytes));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Discovery never fails, whatever the faults. */
  set_faults (fixture, "error=1");
  bytes = send (fixture, "GET", "/.well-known/smart-configuration", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* An expired token stays expired once the faults are off. */
  set_faults (fixture, "expire-tokens=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&bytes, g_bytes_unref);
  set_faults (fixture, "");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 401);
}

typedef struct
{
  GAsyncResult *result;
  gint64        finished;
} Pending;

static void
pending_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;

  pending->result = g_object_ref (result);
  pending->finished = g_get_monotonic_time ();
}

static SoupMessage *
start (Fixture    *fixture,
       const char *path,
       Pending    *pending)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->token, NULL);
  SoupMessage *msg = soup_message_new ("GET", url);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    pending_cb, pending);
  return msg;
}

static void
test_latency (Fixture       *fixture,
              gconstpointer  data)
{
  Pending slow = { NULL, 0 };
  Pending quick = { NULL, 0 };
  g_autoptr(SoupMessage) slow_msg = NULL;
  g_autoptr(SoupMessage) quick_msg = NULL;
  g_autoptr(GBytes) slow_bytes = NULL;
  g_autoptr(GBytes) quick_bytes = NULL;
  gint64 started;

  /* A delayed FHIR request is paused, not slept on: a discovery request
   * sent after it is answered first. */
  set_faults (fixture, "latency=300,error=1");
  started = g_get_monotonic_time ();
  slow_msg = start (fixture, "/fhir/Patient/a", &slow);
  quick_msg = start (fixture, "/.well-known/smart-configuration", &quick);
  while (slow.result == NULL || quick.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  slow_bytes = soup_session_send_and_read_finish (fixture->session, slow.result, NULL);
  quick_bytes = soup_session_send_and_read_finish (fixture->session, quick.result, NULL);
  g_assert_cmpuint (soup_message_get_status (quick_msg), ==, 200);
  g_assert_cmpint (quick.finished, <, slow.finished);
  /* The delay, then the fault drawn with it. */
  g_assert_cmpint (slow.finished - started, >=, 300 * 1000);
  g_assert_cmpuint (soup_message_get_status (slow_msg), ==, 500);
  g_assert_true (is_json (slow_bytes));

  g_clear_object (&slow.result);
  g_clear_object (&quick.result);
}

static void
test_control_endpoint (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) set = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GBytes) failing = NULL;
  guint status;

  set = send (fixture, "POST", "/sandbox/faults", "error=1", &status, NULL, &error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (set, NULL), g_bytes_get_size (set), "error=1"));

  failing = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 500);

  bad = send (fixture, "POST", "/sandbox/faults", "error=7", &status, NULL, &error);
  g_assert_cmpuint (status, ==, 400);
}

static void
test_control_closed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status;

  /* Outside test and demo mode, nobody can switch faults on over HTTP. */
  bytes = send (fixture, "POST", "/sandbox/faults", "error=1", &status, NULL, &error);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Nor do faults set in code apply: a portal run for real never fails
   * on purpose. */
  set_faults (fixture, "error=1");
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Demo mode opens both. */
  care_sandbox_set_demo (fixture->sandbox, TRUE);
  bytes = send (fixture, "GET", "/fhir/Patient/a", NULL, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 500);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/sandbox/faults/parse", test_parse);
  g_test_add_func ("/care/sandbox/faults/reproducible", test_reproducible);
  g_test_add ("/care/sandbox/faults/http", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_http_faults, fixture_teardown);
  g_test_add ("/care/sandbox/faults/latency", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_latency, fixture_teardown);
  g_test_add ("/care/sandbox/faults/control-endpoint", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_control_endpoint, fixture_teardown);
  g_test_add ("/care/sandbox/faults/control-closed", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_control_closed, fixture_teardown);

  return g_test_run ();
}
