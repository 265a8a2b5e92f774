/* test-sandbox-guard.c — what a proxy or a hostile client cannot do over FHIR
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox's findings of the security review (issue 11): a parent of a
 * teen reaches no withheld content through Binary, conditional create or
 * an edited date of birth, and overwrites nothing withheld; deep JSON,
 * oversized bodies and header-injecting media types are refused.
 */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "sandbox-fhir-client.h"
#include "care-sandbox-access.h"

typedef struct
{
  Fixture  base;
  char    *parent;   /* a parent's token for the teen t, read and write */
  char    *teen;     /* the teen's own token */
} GuardFixture;

static void
guard_setup (GuardFixture  *fixture,
             gconstpointer  data)
{
  GDate today;

  fixture_setup (&fixture->base, data);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  care_sandbox_store_set_today (care_sandbox_get_store (fixture->base.sandbox), &today);

  /* t is 15: a parent sees the immunizations and vital signs, not the
   * conditions, labs or notes. */
  put (&fixture->base, "{\"resourceType\":\"Patient\",\"id\":\"t\",\"birthDate\":\"2011-06-15\","
                       "\"gender\":\"female\",\"telecom\":[{\"system\":\"phone\",\"value\":\"555-0101\"}]}");
  put (&fixture->base, "{\"resourceType\":\"Condition\",\"id\":\"t-anxiety\","
                       "\"subject\":{\"reference\":\"Patient/t\"},\"code\":{\"text\":\"Anxiety\"}}");
  put_observation (&fixture->base, "t-lab", "t", "laboratory", "2093-3", "2026-09-01");
  put_observation (&fixture->base, "t-height", "t", "vital-signs", "8302-2", "2026-09-01");
  /* The confidential note and its text: "Confidential note" in base64. */
  put (&fixture->base, "{\"resourceType\":\"Binary\",\"id\":\"t-note\",\"contentType\":\"text/plain\","
                       "\"securityContext\":{\"reference\":\"Patient/t\"},"
                       "\"data\":\"Q29uZmlkZW50aWFsIG5vdGU=\"}");
  put (&fixture->base, "{\"resourceType\":\"DocumentReference\",\"id\":\"t-note\",\"status\":\"current\","
                       "\"subject\":{\"reference\":\"Patient/t\"},"
                       "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"url\":\"Binary/t-note\"}}]}");

  fixture->parent = care_sandbox_issue_proxy_token_for_tests (fixture->base.sandbox, "t",
                                                              "launch/patient patient/*.cruds", 3600,
                                                              CARE_SANDBOX_PROXY_PARENT);
  fixture->teen = care_sandbox_issue_token_for_tests (fixture->base.sandbox, "t",
                                                      "launch/patient patient/*.cruds", 3600);
}

static void
guard_teardown (GuardFixture  *fixture,
                gconstpointer  data)
{
  g_clear_pointer (&fixture->parent, g_free);
  g_clear_pointer (&fixture->teen, g_free);
  fixture_teardown (&fixture->base, data);
}

static gboolean
has_match (Response *bundle)
{
  JsonArray *entries = json_object_get_array_member (bundle->json, "entry");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *search = json_object_get_object_member (entry, "search");

      if (g_str_equal (json_object_get_string_member (search, "mode"), "match"))
        return TRUE;
    }

  return FALSE;
}

static void
test_binary_withheld (GuardFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(Response) list = request (&fixture->base, "GET", "/fhir/Binary", fixture->parent,
                                      NULL, NULL, NULL);
  g_autoptr(Response) json = request (&fixture->base, "GET", "/fhir/Binary/t-note", fixture->parent,
                                      NULL, "Accept", "application/fhir+json");
  g_autoptr(Response) raw = request (&fixture->base, "GET", "/fhir/Binary/t-note", fixture->parent,
                                     NULL, "Accept", "*/*");
  g_autoptr(Response) own = request (&fixture->base, "GET", "/fhir/Binary/t-note", fixture->teen,
                                     NULL, "Accept", "*/*");

  /* The list has no match, only the reason; the read is refused. */
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_false (has_match (list));
  g_assert_null (strstr (list->body, "Q29uZmlkZW50aWFs"));
  assert_outcome (json, 403);
  g_assert_null (strstr (json->body, "Q29uZmlkZW50aWFs"));
  g_assert_cmpuint (raw->status, ==, 403);
  g_assert_null (strstr (raw->body, "Confidential"));

  /* The teen's own token still reads it. */
  g_assert_cmpuint (own->status, ==, 200);
  g_assert_cmpstr (own->body, ==, "Confidential note");
}

static void
test_conditional_create (GuardFixture  *fixture,
                         gconstpointer  data)
{
  const char *condition = "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/t\"},"
                          "\"code\":{\"text\":\"Probe\"}}";
  /* A home reading the sandbox's reading rules accept (care-sandbox-readings.c). */
  const char *height = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                       "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8302-2\"}],\"text\":\"Probe\"},"
                       "\"category\":[{\"coding\":[{\"system\":"
                       "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                       "\"subject\":{\"reference\":\"Patient/t\"},\"performer\":[{\"reference\":\"Patient/t\"}],"
                       "\"effectiveDateTime\":\"2024-03-01T08:00:00Z\","
                       "\"valueQuantity\":{\"value\":160,\"unit\":\"cm\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"cm\"}}";
  g_autoptr(Response) withheld = request (&fixture->base, "POST", "/fhir/Condition", fixture->parent,
                                          condition, "If-None-Exist", "_id=t-anxiety");
  g_autoptr(Response) lab = request (&fixture->base, "POST", "/fhir/Observation", fixture->parent,
                                     height, "If-None-Exist", "_id=t-lab");
  g_autoptr(Response) visible = request (&fixture->base, "POST", "/fhir/Observation", fixture->parent,
                                         height, "If-None-Exist", "_id=t-height");
  g_autoptr(Response) count = NULL;

  /* A withheld type: refused, and nothing of the match comes back. */
  assert_outcome (withheld, 403);
  g_assert_null (strstr (withheld->body, "Anxiety"));

  /* A withheld lab does not match: the answer is the same as for an id
   * that does not exist (a new resource), so it tells nothing. */
  g_assert_cmpuint (lab->status, ==, 201);
  g_assert_null (strstr (lab->body, "2093-3"));

  /* A visible match is named, never returned in full. */
  assert_outcome (visible, 200);
  g_assert_nonnull (strstr (header (visible, "Location"), "/Observation/t-height/_history/"));
  g_assert_null (strstr (visible->body, "8302-2"));

  /* The parent cannot create what it could not read back either. */
  count = request (&fixture->base, "POST", "/fhir/Condition", fixture->parent, condition, NULL, NULL);
  assert_outcome (count, 403);
}

static void
test_birth_date (GuardFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(Response) younger = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) contact = NULL;
  g_autoptr(Response) gender = NULL;
  g_autoptr(Response) own = NULL;
  g_autoptr(Response) patient = NULL;

  /* Made 10 years old, the teen's record would open to the parent. */
  younger = request (&fixture->base, "PUT", "/fhir/Patient/t", fixture->parent,
                     "{\"resourceType\":\"Patient\",\"id\":\"t\",\"birthDate\":\"2016-06-15\","
                     "\"gender\":\"female\",\"telecom\":[{\"system\":\"phone\",\"value\":\"555-0101\"}]}",
                     NULL, NULL);
  assert_outcome (younger, 403);
  after = request (&fixture->base, "GET", "/fhir/Condition/t-anxiety", fixture->parent, NULL, NULL, NULL);
  assert_outcome (after, 403);
  patient = request (&fixture->base, "GET", "/fhir/Patient/t", fixture->parent, NULL, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (patient->json, "birthDate"), ==, "2011-06-15");

  /* Removing it is a change too, and so is any identity element. */
  gender = request (&fixture->base, "PUT", "/fhir/Patient/t", fixture->parent,
                    "{\"resourceType\":\"Patient\",\"id\":\"t\",\"birthDate\":\"2011-06-15\","
                    "\"gender\":\"male\",\"telecom\":[{\"system\":\"phone\",\"value\":\"555-0101\"}]}",
                    NULL, NULL);
  assert_outcome (gender, 403);

  /* Contact details a parent still keeps up to date. */
  contact = request (&fixture->base, "PUT", "/fhir/Patient/t", fixture->parent,
                     "{\"resourceType\":\"Patient\",\"id\":\"t\",\"birthDate\":\"2011-06-15\","
                     "\"gender\":\"female\",\"telecom\":[{\"system\":\"phone\",\"value\":\"555-0199\"}]}",
                     NULL, NULL);
  g_assert_cmpuint (contact->status, ==, 200);

  /* Not even the patient changes a date of birth through the portal. */
  own = request (&fixture->base, "PUT", "/fhir/Patient/t", fixture->teen,
                 "{\"resourceType\":\"Patient\",\"id\":\"t\",\"birthDate\":\"2000-01-01\","
                 "\"gender\":\"female\"}", NULL, NULL);
  assert_outcome (own, 403);
}

static void
test_overwrite_withheld (GuardFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(Response) condition = NULL;
  g_autoptr(Response) relabel = NULL;
  g_autoptr(Response) own = NULL;

  condition = request (&fixture->base, "PUT", "/fhir/Condition/t-anxiety", fixture->parent,
                       "{\"resourceType\":\"Condition\",\"id\":\"t-anxiety\","
                       "\"subject\":{\"reference\":\"Patient/t\"},\"code\":{\"text\":\"Overwritten\"}}",
                       NULL, NULL);
  assert_outcome (condition, 403);

  /* A visible resource cannot be turned into a withheld one either. */
  relabel = request (&fixture->base, "PUT", "/fhir/Observation/t-height", fixture->parent,
                     "{\"resourceType\":\"Observation\",\"id\":\"t-height\",\"status\":\"final\","
                     "\"code\":{\"text\":\"Height\"},\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],"
                     "\"subject\":{\"reference\":\"Patient/t\"}}",
                     NULL, NULL);
  assert_outcome (relabel, 403);

  own = request (&fixture->base, "GET", "/fhir/Condition/t-anxiety", fixture->teen, NULL, NULL, NULL);
  g_assert_cmpuint (own->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (own->json, "code"),
                                                  "text"), ==, "Anxiety");
}

static void
test_deep_json (GuardFixture  *fixture,
                gconstpointer  data)
{
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->base.sandbox, "a",
                                                                "patient/*.cruds", 3600);
  GString *deep = g_string_new ("{\"resourceType\":\"Observation\",\"status\":\"final\","
                                "\"code\":{\"text\":\"Deep\"},\"subject\":{\"reference\":\"Patient/a\"},"
                                "\"note\":");
  g_autofree char *body = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) alive = NULL;
  g_autoptr(Response) shallow = NULL;

  /* 100,000 levels overflowed the server's stack in json-glib. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  body = g_string_free (deep, FALSE);

  refused = request (&fixture->base, "POST", "/fhir/Observation", writer, body, NULL, NULL);
  assert_outcome (refused, 400);
  alive = request (&fixture->base, "GET", "/fhir/metadata", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (alive->status, ==, 200);

  /* Brackets inside strings are text, not depth. */
  shallow = request (&fixture->base, "POST", "/fhir/Observation", writer,
                     "{\"resourceType\":\"Observation\",\"status\":\"final\","
                     "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"text\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[\"},"
                     "\"category\":[{\"coding\":[{\"system\":"
                     "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                     "\"subject\":{\"reference\":\"Patient/a\"},\"performer\":[{\"reference\":\"Patient/a\"}],"
                     "\"effectiveDateTime\":\"2024-03-01T08:00:00Z\","
                     "\"valueQuantity\":{\"value\":70,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}}",
                     NULL, NULL);
  g_assert_cmpuint (shallow->status, ==, 201);
}

static void
test_binary_content_type (GuardFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->base.sandbox, "a",
                                                                "patient/*.cruds", 3600);
  g_autoptr(Response) injected = NULL;
  g_autoptr(Response) nested = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) raw = NULL;
  g_autoptr(Response) old = NULL;
  g_autofree char *path = NULL;

  injected = request (&fixture->base, "POST", "/fhir/Binary", writer,
                      "{\"resourceType\":\"Binary\",\"contentType\":\"text/plain\\r\\nSet-Cookie: a=b\","
                      "\"securityContext\":{\"reference\":\"Patient/a\"},\"data\":\"aGk=\"}", NULL, NULL);
  assert_outcome (injected, 400);
  nested = request (&fixture->base, "POST", "/fhir/Binary", writer,
                    "{\"resourceType\":\"Binary\",\"contentType\":{\"a\":1},"
                    "\"securityContext\":{\"reference\":\"Patient/a\"},\"data\":\"aGk=\"}", NULL, NULL);
  assert_outcome (nested, 400);

  created = request (&fixture->base, "POST", "/fhir/Binary", writer,
                     "{\"resourceType\":\"Binary\",\"contentType\":\"text/html; charset=utf-8\","
                     "\"securityContext\":{\"reference\":\"Patient/a\"},"
                     "\"data\":\"PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"}", NULL, NULL);
  g_assert_cmpuint (created->status, ==, 201);
  path = g_strdup_printf ("/fhir/Binary/%s", json_object_get_string_member (created->json, "id"));
  raw = request (&fixture->base, "GET", path, writer, NULL, "Accept", "*/*");
  g_assert_cmpuint (raw->status, ==, 200);
  g_assert_cmpstr (raw->content_type, ==, "text/html");
  g_assert_cmpstr (header (raw, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (strstr (header (raw, "Content-Security-Policy"), "default-src 'none'"));
  g_assert_nonnull (strstr (header (raw, "Content-Security-Policy"), "sandbox"));

  /* One stored before types were checked is served as plain bytes. */
  put (&fixture->base, "{\"resourceType\":\"Binary\",\"id\":\"old\",\"contentType\":\"text/plain\\r\\n"
                       "Set-Cookie: session=stolen\",\"securityContext\":{\"reference\":\"Patient/a\"},"
                       "\"data\":\"aGk=\"}");
  old = request (&fixture->base, "GET", "/fhir/Binary/old", writer, NULL, "Accept", "*/*");
  g_assert_cmpuint (old->status, ==, 200);
  g_assert_cmpstr (old->content_type, ==, "application/octet-stream");
  g_assert_null (header (old, "Set-Cookie"));
}

static void
test_last_second (GuardFixture  *fixture,
                  gconstpointer  data)
{
  static const char *values[] = {
    "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.999Z", "9999", "9999-12", "9999-12-31",
  };
  g_autoptr(Response) before = NULL;

  /* The last second there is has no next one: no criticals (fatal in
   * tests), an empty answer. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fhir/Observation?date=%s", values[i]);
      g_autoptr(Response) page = get (&fixture->base, path);

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpuint (n_entries (page), ==, 0);
    }

  /* Everything is on or before the last day. */
  before = get (&fixture->base, "/fhir/Observation?date=le9999-12-31");
  g_assert_cmpuint (before->status, ==, 200);
  g_assert_cmpuint (n_entries (before), ==, 5);
}

typedef struct
{
  GIOStream *stream;
  GBytes    *reply;
  gboolean   written;
} Raw;

static void
raw_connected_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Raw *raw = user_data;

  raw->stream = G_IO_STREAM (g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, NULL));
}

static void
raw_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Raw *raw = user_data;

  g_assert_true (g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL));
  raw->written = TRUE;
}

static void
raw_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Raw *raw = user_data;

  raw->reply = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  if (raw->reply == NULL)
    raw->reply = g_bytes_new (NULL, 0);
}

/* Sends @request on a raw connection and returns the start of the answer. */
static char *
raw_exchange (GuardFixture *fixture,
              const char   *request,
              gsize         length)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GUri) base = g_uri_parse (care_sandbox_get_base_url (fixture->base.sandbox), G_URI_FLAGS_NONE,
                                      NULL);
  Raw raw = { 0 };
  char *text;

  g_socket_client_connect_to_host_async (client, "127.0.0.1", g_uri_get_port (base), NULL,
                                         raw_connected_cb, &raw);
  while (raw.stream == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (raw.stream), request, length,
                                   G_PRIORITY_DEFAULT, NULL, raw_written_cb, &raw);
  while (!raw.written)
    g_main_context_iteration (NULL, TRUE);
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (raw.stream), 4096, G_PRIORITY_DEFAULT,
                                   NULL, raw_read_cb, &raw);
  while (raw.reply == NULL)
    g_main_context_iteration (NULL, TRUE);

  text = g_strndup (g_bytes_get_data (raw.reply, NULL), g_bytes_get_size (raw.reply));
  g_bytes_unref (raw.reply);
  g_io_stream_close (raw.stream, NULL, NULL);
  g_object_unref (raw.stream);
  return text;
}

static void
test_body_limit (GuardFixture  *fixture,
                 gconstpointer  data)
{
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->base.sandbox, "a",
                                                                "patient/*.cruds", 3600);
  g_autofree char *announced = g_strdup_printf ("POST /fhir/Binary HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                "Authorization: Bearer %s\r\n"
                                                "Content-Type: application/fhir+json\r\n"
                                                "Content-Length: 300000000\r\n\r\n{\"resourceType\"",
                                                writer);
  g_autoptr(GString) chunked = g_string_new (NULL);
  g_autofree char *megabyte = g_malloc (1024 * 1024 + 1);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Headers that announce 300 MB, and a few bytes: the answer comes at
   * once, without waiting for (or keeping) the rest. */
  first = raw_exchange (fixture, announced, strlen (announced));
  g_assert_true (g_str_has_prefix (first, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (first, "OperationOutcome"));

  /* A chunked body says no size up front: past the limit it is dropped
   * as it comes, and the answer is the same. */
  memset (megabyte, 'A', 1024 * 1024);
  megabyte[1024 * 1024] = '\0';
  g_string_append_printf (chunked, "POST /fhir/Binary HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Authorization: Bearer %s\r\nContent-Type: application/fhir+json\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n", writer);
  for (guint i = 0; i < 17; i++)
    g_string_append_printf (chunked, "%x\r\n%s\r\n", 1024 * 1024, megabyte);
  g_string_append (chunked, "0\r\n\r\n");
  second = raw_exchange (fixture, chunked->str, chunked->len);
  g_assert_true (g_str_has_prefix (second, "HTTP/1.1 413"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, GuardFixture, NULL, guard_setup, func, guard_teardown)
  ADD ("/care/sandbox/guard/binary-withheld", test_binary_withheld);
  ADD ("/care/sandbox/guard/conditional-create", test_conditional_create);
  ADD ("/care/sandbox/guard/birth-date", test_birth_date);
  ADD ("/care/sandbox/guard/overwrite-withheld", test_overwrite_withheld);
  ADD ("/care/sandbox/guard/deep-json", test_deep_json);
  ADD ("/care/sandbox/guard/binary-content-type", test_binary_content_type);
  ADD ("/care/sandbox/guard/last-second", test_last_second);
  ADD ("/care/sandbox/guard/body-limit", test_body_limit);
#undef ADD

  return g_test_run ();
}
