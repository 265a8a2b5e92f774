/* test-sandbox-fhir.c — the sandbox portal's FHIR REST interface over HTTP
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>

#include "care-sandbox.h"

typedef struct
{
  CareSandbox *sandbox;
  SoupSession *session;
  char        *token;
} Fixture;

typedef struct
{
  guint       status;
  char       *body;
  char       *etag;
  char       *content_type;
  JsonObject *json;
} Response;

static void
response_free (Response *response)
{
  g_free (response->body);
  g_free (response->etag);
  g_free (response->content_type);
  g_clear_pointer (&response->json, json_object_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
put (Fixture    *fixture,
     const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  stored = care_sandbox_store_put (care_sandbox_get_store (fixture->sandbox),
                                   json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
}

static void
put_observation (Fixture    *fixture,
                 const char *id,
                 const char *patient,
                 const char *category,
                 const char *code,
                 const char *date)
{
  g_autofree char *json = g_strdup_printf (
    "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
    "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
    "\"code\":\"%s\"}]}],"
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\"}]},"
    "\"subject\":{\"reference\":\"Patient/%s\"},\"effectiveDateTime\":\"%s\","
    "\"valueQuantity\":{\"value\":6.8,\"unit\":\"%%\"}}",
    id, category, code, patient, date);

  put (fixture, json);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"a\",\"birthDate\":\"1981-06-02\"}");
  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"b\",\"birthDate\":\"2018-04-10\"}");
  put (fixture, "{\"resourceType\":\"Practitioner\",\"id\":\"doc\",\"name\":[{\"family\":\"Okafor\"}]}");
  put_observation (fixture, "a1c-1", "a", "laboratory", "4548-4", "2024-01-15T09:00:00Z");
  put_observation (fixture, "a1c-2", "a", "laboratory", "4548-4", "2024-04-15T09:00:00Z");
  put_observation (fixture, "a1c-3", "a", "laboratory", "4548-4", "2025-01-10T09:00:00Z");
  put_observation (fixture, "bp-1", "a", "vital-signs", "85354-9", "2024-04-15T09:30:00Z");
  put_observation (fixture, "bp-2", "a", "vital-signs", "85354-9", "2025-01-10T09:30:00Z");
  put_observation (fixture, "b-weight", "b", "vital-signs", "29463-7", "2024-04-10");

  fixture->session = soup_session_new ();
  fixture->token = care_sandbox_issue_token_for_tests (fixture->sandbox, "a",
                                                       "launch/patient patient/*.rs", 3600);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->token, g_free);
  care_sandbox_stop (fixture->sandbox);
  g_assert_finalize_object (fixture->sandbox);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static Response *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *token,
         const char *body,
         const char *header,
         const char *header_value)
{
  g_autofree char *url = g_str_has_prefix (path, "http")
                         ? g_strdup (path)
                         : g_strconcat (care_sandbox_get_base_url (fixture->sandbox), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Response *response = g_new0 (Response, 1);
  SoupMessageHeaders *headers;
  const char *etag;
  const char *content_type;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (header != NULL)
    soup_message_headers_replace (headers, header, header_value);
  if (body != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg,
                                                g_str_has_prefix (body, "{") ? "application/fhir+json"
                                                                            : "application/x-www-form-urlencoded",
                                                request_body);
    }

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);

  response->status = soup_message_get_status (msg);
  response->body = g_bytes_get_size (bytes) > 0
                   ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                   : g_strdup ("");
  etag = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag");
  response->etag = g_strdup (etag);
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  response->content_type = g_strdup (content_type);

  if (response->body[0] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, response->body, -1, NULL));
      response->json = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }

  return response;
}

static Response *
get (Fixture    *fixture,
     const char *path)
{
  return request (fixture, "GET", path, fixture->token, NULL, NULL, NULL);
}

static void
assert_outcome (Response *response,
                guint     status)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_nonnull (response->json);
  g_assert_cmpstr (json_object_get_string_member (response->json, "resourceType"), ==,
                   "OperationOutcome");
}

static guint
n_entries (Response *response)
{
  g_assert_nonnull (response->json);
  if (!json_object_has_member (response->json, "entry"))
    return 0;

  return json_array_get_length (json_object_get_array_member (response->json, "entry"));
}

static const char *
entry_id (Response *response,
          guint     i)
{
  JsonArray *entries = json_object_get_array_member (response->json, "entry");
  JsonObject *entry = json_array_get_object_element (entries, i);

  return json_object_get_string_member (json_object_get_object_member (entry, "resource"), "id");
}

static char *
dup_next_link (Response *response)
{
  JsonArray *links = json_object_get_array_member (response->json, "link");

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (g_str_equal (json_object_get_string_member (link, "relation"), "next"))
        return g_strdup (json_object_get_string_member (link, "url"));
    }

  return NULL;
}

static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(Response) smart = request (fixture, "GET", "/fhir/.well-known/smart-configuration",
                                       NULL, NULL, NULL, NULL);
  g_autoptr(Response) metadata = request (fixture, "GET", "/fhir/metadata", NULL, NULL, NULL, NULL);
  JsonArray *methods;
  JsonArray *resources;
  gboolean observation_has_category = FALSE;

  g_assert_cmpuint (smart->status, ==, 200);
  methods = json_object_get_array_member (smart->json, "code_challenge_methods_supported");
  g_assert_cmpstr (json_array_get_string_element (methods, 0), ==, "S256");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (smart->json, "token_endpoint"),
                                   "/oauth2/token"));

  g_assert_cmpuint (metadata->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (metadata->json, "fhirVersion"), ==, "4.0.1");
  resources = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (metadata->json, "rest"), 0),
    "resource");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      JsonArray *params = json_object_get_array_member (resource, "searchParam");

      if (!g_str_equal (json_object_get_string_member (resource, "type"), "Observation"))
        continue;
      for (guint j = 0; j < json_array_get_length (params); j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (params, j),
                                                        "name"), "category"))
          observation_has_category = TRUE;
    }
  g_assert_true (observation_has_category);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *expired = care_sandbox_issue_token_for_tests (fixture->sandbox, "a",
                                                                 "patient/*.rs", -1);
  g_autoptr(Response) none = request (fixture, "GET", "/fhir/Patient/a", NULL, NULL, NULL, NULL);
  g_autoptr(Response) wrong = request (fixture, "GET", "/fhir/Patient/a", "nonsense", NULL, NULL, NULL);
  g_autoptr(Response) old = request (fixture, "GET", "/fhir/Patient/a", expired, NULL, NULL, NULL);

  assert_outcome (none, 401);
  assert_outcome (wrong, 401);
  assert_outcome (old, 401);
}

static void
test_read (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(Response) own = get (fixture, "/fhir/Patient/a");
  g_autoptr(Response) not_modified = NULL;
  g_autoptr(Response) other = get (fixture, "/fhir/Patient/b");
  g_autoptr(Response) missing = get (fixture, "/fhir/Patient/zzz");
  g_autoptr(Response) shared = get (fixture, "/fhir/Practitioner/doc");
  g_autoptr(Response) unknown = get (fixture, "/fhir/Spaceship/1");

  g_assert_cmpuint (own->status, ==, 200);
  g_assert_cmpstr (own->etag, ==, "W/\"1\"");
  g_assert_cmpstr (own->content_type, ==, "application/fhir+json");

  not_modified = request (fixture, "GET", "/fhir/Patient/a", fixture->token, NULL,
                          "If-None-Match", "W/\"1\"");
  g_assert_cmpuint (not_modified->status, ==, 304);

  /* Another patient's record is invisible, not forbidden: no existence leak. */
  assert_outcome (other, 404);
  assert_outcome (missing, 404);
  g_assert_cmpuint (shared->status, ==, 200);
  assert_outcome (unknown, 404);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Response) labs = get (fixture, "/fhir/Observation?patient=a&category=laboratory");
  g_autoptr(Response) coded = get (fixture, "/fhir/Observation?code=http://loinc.org%7C85354-9");
  g_autoptr(Response) dated = get (fixture, "/fhir/Observation?date=ge2024-04-01&date=lt2025");
  g_autoptr(Response) year = get (fixture, "/fhir/Observation?date=2025&_sort=-date");
  g_autoptr(Response) both = get (fixture, "/fhir/Observation?category=laboratory,vital-signs");
  g_autoptr(Response) other = get (fixture, "/fhir/Observation?patient=b");
  g_autoptr(Response) bad = get (fixture, "/fhir/Observation?colour=blue");
  g_autoptr(Response) bad_date = get (fixture, "/fhir/Observation?date=yesterday");
  g_autoptr(Response) undated = NULL;
  g_autoptr(Response) bad_count = get (fixture, "/fhir/Observation?_count=0");
  g_autoptr(Response) by_id = get (fixture, "/fhir/Observation?_id=a1c-1,bp-2");
  g_autoptr(Response) post = request (fixture, "POST", "/fhir/Observation/_search", fixture->token,
                                      "category=vital-signs", NULL, NULL);

  g_assert_cmpuint (labs->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (labs->json, "type"), ==, "searchset");
  g_assert_cmpuint (n_entries (labs), ==, 3);
  g_assert_cmpuint (n_entries (coded), ==, 2);
  g_assert_cmpuint (n_entries (dated), ==, 2);   /* a1c-2 and bp-1, in April 2024 */
  g_assert_cmpuint (n_entries (year), ==, 2);
  g_assert_cmpstr (entry_id (year, 0), ==, "bp-2"); /* newest first */
  g_assert_cmpuint (n_entries (both), ==, 5);    /* patient b's weight is not in a's token */
  g_assert_cmpuint (n_entries (by_id), ==, 2);
  g_assert_cmpuint (n_entries (post), ==, 2);
  /* A resource without a date never matches a date condition. */
  put (fixture, "{\"resourceType\":\"Observation\",\"id\":\"undated\",\"status\":\"final\","
                "\"subject\":{\"reference\":\"Patient/a\"}}");
  undated = get (fixture, "/fhir/Observation?date=lt2100");
  g_assert_cmpuint (n_entries (undated), ==, 5);

  assert_outcome (other, 403);
  assert_outcome (bad, 400);
  assert_outcome (bad_date, 400);
  assert_outcome (bad_count, 400);
}

static void
test_paging_while_adding (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup ("/fhir/Observation?_count=2&_sort=date");
  guint pages = 0;
  guint added = 0;

  while (next != NULL)
    {
      g_autoptr(Response) page = get (fixture, next);

      g_assert_cmpuint (page->status, ==, 200);
      for (guint i = 0; i < n_entries (page); i++)
        {
          /* No duplicates across pages. */
          g_assert_false (g_hash_table_contains (seen, entry_id (page, i)));
          g_hash_table_add (seen, g_strdup (entry_id (page, i)));
        }

      /* Resources added mid-way, even ones sorting early, do not shift pages. */
      {
        g_autofree char *id = g_strdup_printf ("new-%u", added++);

        put_observation (fixture, id, "a", "laboratory", "4548-4", "2000-01-01T00:00:00Z");
      }

      g_free (next);
      next = dup_next_link (page);
      pages++;
      g_assert_cmpuint (pages, <=, 10);
    }

  /* Exactly the five that existed when paging began: no gaps. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_cmpuint (pages, ==, 3);
}

static void
test_write (Fixture       *fixture,
            gconstpointer  data)
{
  const char *body = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                     "\"identifier\":[{\"system\":\"urn:carebook\",\"value\":\"entry-1\"}],"
                     "\"code\":{\"text\":\"Weight\"},\"subject\":{\"reference\":\"Patient/a\"}}";
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->sandbox, "a",
                                                                "patient/*.cruds", 3600);
  g_autoptr(Response) reader = request (fixture, "POST", "/fhir/Observation", fixture->token,
                                        body, NULL, NULL);
  g_autoptr(Response) created = request (fixture, "POST", "/fhir/Observation", writer, body, NULL, NULL);
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) stale = NULL;
  g_autoptr(Response) updated = NULL;
  g_autoptr(Response) version1 = NULL;
  g_autoptr(Response) foreign = NULL;
  g_autoptr(Response) malformed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *changed = NULL;
  const char *id;

  /* A read-only token cannot write. */
  assert_outcome (reader, 403);

  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_string_member (created->json, "id");
  path = g_strdup_printf ("/fhir/Observation/%s", id);

  /* The same client-made identifier lands once. */
  g_assert_nonnull (strstr (body, "entry-1"));
  again = request (fixture, "POST", "/fhir/Observation", writer, body,
                   "If-None-Exist", "identifier=urn:carebook|entry-1");
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (again->json, "id"), ==, id);
  first = request (fixture, "POST", "/fhir/Observation", writer, body,
                   "If-None-Exist", "identifier=urn:carebook|entry-2");
  g_assert_cmpuint (first->status, ==, 201);
  g_clear_pointer (&again, response_free);
  again = request (fixture, "POST", "/fhir/Observation", writer, body,
                   "If-None-Exist", "identifier=urn:carebook|entry-1");
  /* entry-1 now matches two resources (created, first): ambiguous. */
  assert_outcome (again, 412);

  changed = g_strdup_printf ("{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"amended\","
                             "\"code\":{\"text\":\"Weight\"},\"subject\":{\"reference\":\"Patient/a\"}}",
                             id);
  stale = request (fixture, "PUT", path, writer, changed, "If-Match", "W/\"7\"");
  assert_outcome (stale, 412);
  updated = request (fixture, "PUT", path, writer, changed, "If-Match", "W/\"1\"");
  g_assert_cmpuint (updated->status, ==, 200);
  g_assert_cmpstr (updated->etag, ==, "W/\"2\"");

  g_free (path);
  path = g_strdup_printf ("/fhir/Observation/%s/_history/1", id);
  version1 = get (fixture, path);
  g_assert_cmpuint (version1->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (version1->json, "status"), ==, "final");

  {
    g_autoptr(Response) unknown = request (fixture, "POST", "/fhir/Observation", writer, body,
                                           "If-None-Exist", "colour=blue");

    assert_outcome (unknown, 400);
  }
  foreign = request (fixture, "POST", "/fhir/Observation", writer,
                     "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"Weight\"},"
                     "\"subject\":{\"reference\":\"Patient/b\"}}",
                     NULL, NULL);
  assert_outcome (foreign, 403);
  malformed = request (fixture, "POST", "/fhir/Observation", writer, "{\"resourceType\":", NULL, NULL);
  assert_outcome (malformed, 400);
}

static void
test_history_and_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) gone = NULL;
  g_autoptr(Response) history = NULL;
  g_autoptr(Response) search = NULL;
  JsonArray *entries;
  JsonObject *latest;

  g_assert_true (care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox),
                                            "Observation", "bp-1", &error));
  g_assert_no_error (error);

  gone = get (fixture, "/fhir/Observation/bp-1");
  assert_outcome (gone, 410);

  search = get (fixture, "/fhir/Observation?category=vital-signs");
  g_assert_cmpuint (n_entries (search), ==, 1);

  history = get (fixture, "/fhir/Observation/_history?_since=2000-01-01T00:00:00Z");
  g_assert_cmpuint (history->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (history->json, "type"), ==, "history");
  entries = json_object_get_array_member (history->json, "entry");
  latest = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (latest, "request"),
                                                  "method"), ==, "DELETE");
  /* Patient b's observation is not in a's history either. */
  g_assert_cmpuint (json_array_get_length (entries), ==, 6);
}

static void
test_scopes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *narrow = care_sandbox_issue_token_for_tests (fixture->sandbox, "a",
                                                                "patient/Patient.read", 3600);
  g_autoptr(Response) patient = request (fixture, "GET", "/fhir/Patient/a", narrow, NULL, NULL, NULL);
  g_autoptr(Response) observations = request (fixture, "GET", "/fhir/Observation", narrow,
                                              NULL, NULL, NULL);

  g_assert_cmpuint (patient->status, ==, 200);
  assert_outcome (observations, 403);
}

static void
test_binary (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Response) raw = NULL;
  g_autoptr(Response) json = NULL;

  /* "Hello" in base64; Binary's compartment is its security context. */
  put (fixture, "{\"resourceType\":\"Binary\",\"id\":\"note\",\"contentType\":\"text/plain\","
                "\"securityContext\":{\"reference\":\"Patient/a\"},\"data\":\"SGVsbG8=\"}");

  raw = request (fixture, "GET", "/fhir/Binary/note", fixture->token, NULL, "Accept", "text/plain");
  json = request (fixture, "GET", "/fhir/Binary/note", fixture->token, NULL,
                  "Accept", "application/fhir+json");

  g_assert_cmpuint (raw->status, ==, 200);
  g_assert_cmpstr (raw->content_type, ==, "text/plain");
  g_assert_cmpstr (raw->body, ==, "Hello");
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json->json, "data"), ==, "SGVsbG8=");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/care/sandbox/fhir/discovery", test_discovery);
  ADD ("/care/sandbox/fhir/unauthorized", test_unauthorized);
  ADD ("/care/sandbox/fhir/read", test_read);
  ADD ("/care/sandbox/fhir/search", test_search);
  ADD ("/care/sandbox/fhir/paging-while-adding", test_paging_while_adding);
  ADD ("/care/sandbox/fhir/write", test_write);
  ADD ("/care/sandbox/fhir/history-and-delete", test_history_and_delete);
  ADD ("/care/sandbox/fhir/scopes", test_scopes);
  ADD ("/care/sandbox/fhir/binary", test_binary);

#undef ADD

  return g_test_run ();
}
