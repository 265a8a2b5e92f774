/* test-sandbox-fhir.c — the sandbox portal's FHIR REST interface over HTTP
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "care-sandbox.h"
#include "care-sandbox-params.h"

typedef struct
{
  CareSandbox *sandbox;
  SoupSession *session;
  char        *token;
} Fixture;

typedef struct
{
  guint               status;
  char               *body;
  char               *etag;
  char               *content_type;
  SoupMessageHeaders *headers;
  JsonObject         *json;
} Response;

static void
response_free (Response *response)
{
  g_free (response->body);
  g_free (response->etag);
  g_free (response->content_type);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
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
request_full (Fixture    *fixture,
              const char *method,
              const char *path,
              const char *token,
              const char *body,
              const char *body_type,
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

      if (body_type == NULL)
        body_type = g_str_has_prefix (body, "{") ? "application/fhir+json"
                                                : "application/x-www-form-urlencoded";
      soup_message_set_request_body_from_bytes (msg, body_type, request_body);
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
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  if (response->body[0] == '{' && response->content_type != NULL &&
      strstr (response->content_type, "json") != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, response->body, -1, NULL));
      response->json = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }

  return response;
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
  return request_full (fixture, method, path, token, body, NULL, header, header_value);
}

static const char *
header (Response   *response,
        const char *name)
{
  return soup_message_headers_get_one (response->headers, name);
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

static gboolean
strv_has (JsonArray  *array,
          const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static JsonObject *
find_capability (JsonArray  *resources,
                 const char *type)
{
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);

      if (g_str_equal (json_object_get_string_member (resource, "type"), type))
        return resource;
    }

  return NULL;
}

static gboolean
capability_has (JsonObject *resource,
                const char *member,
                const char *key,
                const char *value)
{
  JsonArray *array = json_object_get_array_member (resource, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), key),
                     value))
      return TRUE;

  return FALSE;
}

static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *capabilities[] = {
    "launch-standalone", "client-public", "context-standalone-patient", "permission-offline",
    "permission-patient", "permission-v1", "permission-v2",
  };
  const char *paths[] = { "/.well-known/smart-configuration",
                          "/fhir/.well-known/smart-configuration" };
  g_autoptr(Response) metadata = request (fixture, "GET", "/fhir/metadata", NULL, NULL, NULL, NULL);
  g_autoptr(Response) as_json = request (fixture, "GET", "/fhir/metadata", NULL, NULL,
                                         "Accept", "application/json");
  g_autofree char *authorize = g_strconcat (care_sandbox_get_base_url (fixture->sandbox),
                                            "/oauth2/authorize", NULL);
  const char * const *types = care_sandbox_params_get_types ();
  JsonObject *rest;
  JsonArray *resources;
  JsonObject *oauth;
  JsonArray *uris;
  JsonObject *observation;
  JsonObject *practitioner;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) smart = request (fixture, "GET", paths[i], NULL, NULL, NULL, NULL);
      JsonArray *array;

      g_assert_cmpuint (smart->status, ==, 200);
      g_assert_cmpstr (json_object_get_string_member (smart->json, "authorization_endpoint"), ==,
                       authorize);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (smart->json, "token_endpoint"),
                                       "/oauth2/token"));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (smart->json,
                                                                      "revocation_endpoint"),
                                       "/oauth2/revoke"));
      array = json_object_get_array_member (smart->json, "code_challenge_methods_supported");
      g_assert_cmpuint (json_array_get_length (array), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "S256");
      array = json_object_get_array_member (smart->json, "capabilities");
      for (guint j = 0; j < G_N_ELEMENTS (capabilities); j++)
        g_assert_true (strv_has (array, capabilities[j]));
      array = json_object_get_array_member (smart->json, "grant_types_supported");
      g_assert_true (strv_has (array, "authorization_code"));
      g_assert_true (strv_has (array, "refresh_token"));
      array = json_object_get_array_member (smart->json, "scopes_supported");
      g_assert_true (strv_has (array, "launch/patient"));
      g_assert_true (strv_has (array, "offline_access"));
      g_assert_true (strv_has (array, "patient/*.rs"));
      g_assert_true (strv_has (array, "patient/Observation.rs"));
      g_assert_false (strv_has (array, "patient/Spaceship.rs"));
    }

  g_assert_cmpuint (metadata->status, ==, 200);
  g_assert_cmpstr (metadata->content_type, ==, "application/fhir+json");
  g_assert_cmpstr (as_json->content_type, ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (metadata->json, "fhirVersion"), ==, "4.0.1");
  rest = json_array_get_object_element (json_object_get_array_member (metadata->json, "rest"), 0);

  /* The SMART security extension names the OAuth endpoints. */
  oauth = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (rest, "security"), "extension"), 0);
  g_assert_cmpstr (json_object_get_string_member (oauth, "url"), ==,
                   "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
  uris = json_object_get_array_member (oauth, "extension");
  g_assert_true (capability_has (oauth, "extension", "url", "authorize"));
  g_assert_true (capability_has (oauth, "extension", "url", "token"));
  g_assert_true (capability_has (oauth, "extension", "url", "revoke"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (uris, 0), "valueUri"),
                   ==, authorize);

  /* Exactly the supported types, each once, in the table's order. */
  resources = json_object_get_array_member (rest, "resource");
  g_assert_cmpuint (json_array_get_length (resources), ==, g_strv_length ((char **)types));
  for (guint i = 0; types[i] != NULL; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (resources, i),
                                                    "type"), ==, types[i]);
  g_assert_null (find_capability (resources, "Spaceship"));

  observation = find_capability (resources, "Observation");
  g_assert_true (capability_has (observation, "searchParam", "name", "category"));
  g_assert_true (capability_has (observation, "searchParam", "name", "code"));
  g_assert_true (capability_has (observation, "searchParam", "name", "date"));
  g_assert_true (capability_has (observation, "searchParam", "name", "effective"));
  g_assert_true (capability_has (observation, "searchParam", "name", "_lastUpdated"));
  g_assert_true (capability_has (observation, "interaction", "code", "create"));
  g_assert_true (capability_has (observation, "interaction", "code", "history-instance"));

  /* Directory data is read-only and outside patient compartments. */
  practitioner = find_capability (resources, "Practitioner");
  g_assert_true (capability_has (practitioner, "interaction", "code", "read"));
  g_assert_false (capability_has (practitioner, "interaction", "code", "create"));
  g_assert_false (capability_has (practitioner, "searchParam", "name", "patient"));
  g_assert_true (capability_has (find_capability (resources, "MedicationRequest"),
                                 "searchParam", "name", "intent"));
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
  g_autoptr(Response) search = request (fixture, "GET", "/fhir/Observation", NULL, NULL, NULL, NULL);

  /* RFC 6750: a challenge always; an error code only when a token was sent. */
  assert_outcome (none, 401);
  g_assert_cmpstr (header (none, "WWW-Authenticate"), ==, "Bearer realm=\"carebook-sandbox\"");
  assert_outcome (wrong, 401);
  g_assert_nonnull (strstr (header (wrong, "WWW-Authenticate"), "error=\"invalid_token\""));
  assert_outcome (old, 401);
  g_assert_nonnull (strstr (header (old, "WWW-Authenticate"), "error=\"invalid_token\""));
  assert_outcome (search, 401);
}

static void
test_media_types (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->sandbox, "a",
                                                                "patient/*.cruds", 3600);
  const char *body = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"Pulse\"},"
                     "\"subject\":{\"reference\":\"Patient/a\"}}";
  g_autoptr(Response) fhir = get (fixture, "/fhir/Patient/a");
  g_autoptr(Response) json = request (fixture, "GET", "/fhir/Patient/a", fixture->token, NULL,
                                      "Accept", "application/json");
  g_autoptr(Response) any = request (fixture, "GET", "/fhir/Observation", fixture->token, NULL,
                                     "Accept", "*/*");
  g_autoptr(Response) format = get (fixture, "/fhir/Observation?_format=json");
  g_autoptr(Response) xml = request (fixture, "GET", "/fhir/Patient/a", fixture->token, NULL,
                                     "Accept", "application/fhir+xml");
  g_autoptr(Response) xml_format = get (fixture, "/fhir/Patient/a?_format=xml");
  g_autoptr(Response) plain_json = request_full (fixture, "POST", "/fhir/Observation", writer, body,
                                                 "application/json", NULL, NULL);
  g_autoptr(Response) text = request_full (fixture, "POST", "/fhir/Observation", writer, body,
                                           "text/plain", NULL, NULL);

  g_assert_cmpuint (fhir->status, ==, 200);
  g_assert_cmpstr (fhir->content_type, ==, "application/fhir+json");
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (json->content_type, ==, "application/json");
  g_assert_cmpstr (any->content_type, ==, "application/fhir+json");
  g_assert_cmpstr (format->content_type, ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (format->json, "type"), ==, "searchset");
  assert_outcome (xml, 406);
  assert_outcome (xml_format, 406);
  g_assert_cmpuint (plain_json->status, ==, 201);
  assert_outcome (text, 415);
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
  g_assert_nonnull (header (own, "Last-Modified"));
  g_assert_true (g_str_has_suffix (header (own, "Last-Modified"), " GMT"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (own->json, "meta"),
                                                  "versionId"), ==, "1");

  not_modified = request (fixture, "GET", "/fhir/Patient/a", fixture->token, NULL,
                          "If-None-Match", "W/\"1\"");
  g_assert_cmpuint (not_modified->status, ==, 304);
  g_assert_cmpstr (not_modified->body, ==, "");
  g_assert_cmpstr (not_modified->etag, ==, "W/\"1\"");
  {
    g_autoptr(Response) listed = request (fixture, "GET", "/fhir/Patient/a", fixture->token, NULL,
                                          "If-None-Match", "W/\"7\", W/\"1\"");
    g_autoptr(Response) changed = request (fixture, "GET", "/fhir/Patient/a", fixture->token, NULL,
                                           "If-None-Match", "W/\"0\"");

    g_assert_cmpuint (listed->status, ==, 304);
    g_assert_cmpuint (changed->status, ==, 200);
  }

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
  g_autoptr(Response) huge_count = get (fixture, "/fhir/Observation?_count=1000000");
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
  /* Too big a page is cut to the portal's limit, not refused. */
  g_assert_cmpuint (huge_count->status, ==, 200);
  g_assert_cmpuint (n_entries (huge_count), ==, 5);
}

static void
put_medication (Fixture    *fixture,
                const char *id,
                const char *intent,
                const char *status)
{
  g_autofree char *json = g_strdup_printf (
    "{\"resourceType\":\"MedicationRequest\",\"id\":\"%s\",\"status\":\"%s\",\"intent\":\"%s\","
    "\"medicationCodeableConcept\":{\"coding\":[{\"code\":\"860975\"}],\"text\":\"Metformin\"},"
    "\"subject\":{\"reference\":\"Patient/a\"},\"authoredOn\":\"2024-02-01\"}",
    id, status, intent);

  put (fixture, json);
}

static void
test_search_more (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *absolute = g_strdup_printf ("/fhir/Observation?patient=%s/Patient/a",
                                               care_sandbox_get_fhir_base (fixture->sandbox));
  g_autoptr(Response) effective = get (fixture, "/fhir/Observation?effective=ge2024-04-15T09:15:00Z"
                                                "&effective=lt2025-01-10");
  g_autoptr(Response) instant = get (fixture, "/fhir/Observation?date=2024-04-15T09:30:00Z");
  g_autoptr(Response) zoned = get (fixture, "/fhir/Observation?date=eq2024-04-15T11:30:00%2B02:00");
  g_autoptr(Response) ne = get (fixture, "/fhir/Observation?date=ne2024-04");
  g_autoptr(Response) le = get (fixture, "/fhir/Observation?date=le2024-04-15");
  g_autoptr(Response) gt = get (fixture, "/fhir/Observation?date=gt2024-04-15");
  g_autoptr(Response) sa = get (fixture, "/fhir/Observation?date=sa2024");
  g_autoptr(Response) eb = get (fixture, "/fhir/Observation?date=eb2024-04-15T09:30:00Z");
  g_autoptr(Response) system_only = get (fixture, "/fhir/Observation?code=http://loinc.org%7C");
  g_autoptr(Response) bare_code = get (fixture, "/fhir/Observation?code=4548-4");
  g_autoptr(Response) no_system = get (fixture, "/fhir/Observation?code=%7C4548-4");
  g_autoptr(Response) wrong_system = get (fixture, "/fhir/Observation?code=http://snomed.info/sct%7C4548-4");
  g_autoptr(Response) modifier = get (fixture, "/fhir/Observation?code:text=A1c");
  g_autoptr(Response) status = get (fixture, "/fhir/Observation?status=final");
  g_autoptr(Response) by_url = get (fixture, absolute);
  g_autoptr(Response) updated = NULL;
  g_autoptr(Response) updated_sorted = NULL;
  g_autoptr(Response) last_first = NULL;
  g_autoptr(Response) posted = NULL;
  g_autoptr(Response) posted_json = NULL;
  g_autoptr(Response) orders = NULL;
  g_autoptr(Response) plans = NULL;
  g_autoptr(Response) active = NULL;
  g_autofree char *since = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  JsonObject *self_link;

  /* From 09:15 on 15 April: bp-1 (09:30), not a1c-2 (09:00); a1c-3 is on the 10th. */
  g_assert_cmpuint (n_entries (effective), ==, 1);
  g_assert_cmpstr (entry_id (effective, 0), ==, "bp-1");
  g_assert_cmpuint (n_entries (instant), ==, 1);
  g_assert_cmpstr (entry_id (instant, 0), ==, "bp-1");
  /* The same instant written in another zone. */
  g_assert_cmpuint (n_entries (zoned), ==, 1);
  g_assert_cmpstr (entry_id (zoned, 0), ==, "bp-1");
  g_assert_cmpuint (n_entries (ne), ==, 3);
  g_assert_cmpuint (n_entries (le), ==, 3);
  g_assert_cmpuint (n_entries (gt), ==, 2);
  g_assert_cmpuint (n_entries (sa), ==, 2);
  g_assert_cmpuint (n_entries (eb), ==, 2);
  g_assert_cmpuint (n_entries (system_only), ==, 5);
  g_assert_cmpuint (n_entries (bare_code), ==, 3);
  g_assert_cmpuint (n_entries (no_system), ==, 0);
  g_assert_cmpuint (n_entries (wrong_system), ==, 0);
  assert_outcome (modifier, 400);
  g_assert_cmpuint (n_entries (status), ==, 5);
  g_assert_cmpuint (n_entries (by_url), ==, 5);

  /* _lastUpdated and its sort: the fixture wrote these a moment ago. */
  since = g_date_time_format_iso8601 (hour_ago);
  {
    g_autofree char *path = g_strdup_printf ("/fhir/Observation?_lastUpdated=gt%s", since);

    updated = get (fixture, path);
  }
  g_assert_cmpuint (n_entries (updated), ==, 5);
  updated_sorted = get (fixture, "/fhir/Observation?_lastUpdated=lt2000-01-01");
  g_assert_cmpuint (n_entries (updated_sorted), ==, 0);
  last_first = get (fixture, "/fhir/Observation?_sort=-_lastUpdated&_count=1");
  g_assert_cmpstr (entry_id (last_first, 0), ==, "bp-2");

  /* POST _search: form parameters, repeated ones, and the URL's, all apply. */
  posted = request (fixture, "POST", "/fhir/Observation/_search?category=laboratory", fixture->token,
                    "date=ge2024-01-01&date=lt2024-12-31", NULL, NULL);
  g_assert_cmpuint (posted->status, ==, 200);
  g_assert_cmpuint (n_entries (posted), ==, 2);
  self_link = json_array_get_object_element (json_object_get_array_member (posted->json, "link"), 0);
  g_assert_cmpstr (json_object_get_string_member (self_link, "relation"), ==, "self");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (self_link, "url"),
                                   care_sandbox_get_fhir_base (fixture->sandbox)));
  posted_json = request_full (fixture, "POST", "/fhir/Observation/_search", fixture->token,
                              "{\"category\":\"laboratory\"}", "application/json", NULL, NULL);
  assert_outcome (posted_json, 415);

  put_medication (fixture, "metformin", "order", "active");
  put_medication (fixture, "old-plan", "plan", "stopped");
  orders = get (fixture, "/fhir/MedicationRequest?intent=order");
  plans = get (fixture, "/fhir/MedicationRequest?intent=plan,proposal");
  active = get (fixture, "/fhir/MedicationRequest?status=active&intent=order");
  g_assert_cmpuint (n_entries (orders), ==, 1);
  g_assert_cmpstr (entry_id (orders, 0), ==, "metformin");
  g_assert_cmpuint (n_entries (plans), ==, 1);
  g_assert_cmpuint (n_entries (active), ==, 1);
  {
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (orders->json,
                                                                                     "entry"), 0);
    g_autofree char *full_url = g_strdup_printf ("%s/MedicationRequest/metformin",
                                                 care_sandbox_get_fhir_base (fixture->sandbox));

    g_assert_cmpstr (json_object_get_string_member (entry, "fullUrl"), ==, full_url);
  }
}

/* Pages through Observations with _count=2 and the sort in @data, adding
 * (and, when @delete_one, deleting) resources between pages. */
static void
page_while_changing (Fixture    *fixture,
                     const char *sort,
                     guint       round,
                     gboolean    delete_one)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup_printf ("/fhir/Observation?_count=2%s%s",
                                           sort[0] != '\0' ? "&_sort=" : "", sort);
  guint pages = 0;
  guint added = 0;

  while (next != NULL)
    {
      g_autoptr(Response) page = get (fixture, next);

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpuint (n_entries (page), <=, 2);
      for (guint i = 0; i < n_entries (page); i++)
        {
          /* No duplicates across pages. */
          g_assert_false (g_hash_table_contains (seen, entry_id (page, i)));
          g_hash_table_add (seen, g_strdup (entry_id (page, i)));
        }

      /* Resources added mid-way, sorting first or last, do not shift pages. */
      {
        g_autofree char *early = g_strdup_printf ("early-%u-%u", round, added);
        g_autofree char *late = g_strdup_printf ("late-%u-%u", round, added++);

        put_observation (fixture, early, "a", "laboratory", "4548-4", "2000-01-01T00:00:00Z");
        put_observation (fixture, late, "a", "laboratory", "4548-4", "2100-01-01T00:00:00Z");
      }
      /* A deletion removes that one resource and moves nothing else. */
      if (delete_one && pages == 0)
        {
          const char *victim = g_hash_table_contains (seen, "a1c-3") ? "a1c-1" : "a1c-3";

          g_assert_false (g_hash_table_contains (seen, victim));
          g_assert_true (care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox),
                                                    "Observation", victim, NULL));
        }

      g_free (next);
      next = dup_next_link (page);
      if (next != NULL)
        g_assert_true (g_str_has_prefix (next, care_sandbox_get_fhir_base (fixture->sandbox)));
      pages++;
      g_assert_cmpuint (pages, <=, 10);
    }

  /* Exactly the resources that existed when paging began (less a deleted
   * one): no gaps, and none of the added ones. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, delete_one ? 4 : 5);
  {
    g_autofree char *early = g_strdup_printf ("early-%u-0", round);
    g_autofree char *late = g_strdup_printf ("late-%u-0", round);

    g_assert_false (g_hash_table_contains (seen, early));
    g_assert_false (g_hash_table_contains (seen, late));
  }
  g_assert_cmpuint (pages, ==, delete_one ? 2 : 3);

  /* A fresh search sees everything now there. */
  {
    g_autoptr(Response) all = get (fixture, "/fhir/Observation?_count=100");

    g_assert_cmpuint (n_entries (all), ==, (delete_one ? 4 : 5) + 2 * added);
  }
}

static void
test_paging_while_adding (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *sorts[] = { "date", "-date", "", "_lastUpdated", "-_lastUpdated" };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autoptr(GError) error = NULL;

      page_while_changing (fixture, sorts[i], i, FALSE);

      /* Start each sort from the fixture's five again. */
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *early = g_strdup_printf ("early-%u-%u", i, j);
          g_autofree char *late = g_strdup_printf ("late-%u-%u", i, j);

          care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox), "Observation",
                                     early, &error);
          g_assert_no_error (error);
          care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox), "Observation",
                                     late, &error);
          g_assert_no_error (error);
        }
    }
}

static void
test_paging_while_deleting (Fixture       *fixture,
                            gconstpointer  data)
{
  page_while_changing (fixture, "date", 0, TRUE);
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

  {
    /* Valid JSON, but not what R4 requires of an Observation: 422. */
    g_autoptr(Response) no_code = request (fixture, "POST", "/fhir/Observation", writer,
                                          "{\"resourceType\":\"Observation\",\"status\":\"final\","
                                          "\"subject\":{\"reference\":\"Patient/a\"}}", NULL, NULL);
    g_autoptr(Response) wrong_type = request (fixture, "POST", "/fhir/Observation", writer,
                                             "{\"resourceType\":\"Condition\"}", NULL, NULL);
    g_autoptr(Response) bad_id = NULL;
    g_autoptr(Response) read_only = request (fixture, "POST", "/fhir/Practitioner", writer,
                                            "{\"resourceType\":\"Practitioner\"}", NULL, NULL);
    g_autoptr(Response) portal_owned = request (fixture, "POST", "/fhir/MedicationRequest", writer,
                                               "{\"resourceType\":\"MedicationRequest\"}", NULL, NULL);
    g_autoptr(Response) absent = request (fixture, "PUT", "/fhir/Observation/never-was", writer,
                                         "{\"resourceType\":\"Observation\",\"id\":\"never-was\","
                                         "\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                                         "\"subject\":{\"reference\":\"Patient/a\"}}", NULL, NULL);
    g_autoptr(Response) mismatch = NULL;
    g_autoptr(Response) strong = NULL;
    g_autoptr(Response) unconditional = NULL;
    g_autoptr(Response) history = NULL;
    g_autofree char *instance = g_strdup_printf ("/fhir/Observation/%s", id);
    g_autofree char *history_path = g_strdup_printf ("/fhir/Observation/%s/_history", id);
    g_autofree char *location = NULL;

    assert_outcome (no_code, 422);
    g_assert_nonnull (strstr (no_code->body, "Observation.code"));
    assert_outcome (wrong_type, 400);
    assert_outcome (read_only, 405);
    assert_outcome (portal_owned, 405);
    assert_outcome (absent, 404);

    bad_id = request (fixture, "PUT", instance, writer,
                      "{\"resourceType\":\"Observation\",\"id\":\"no spaces!\",\"status\":\"final\","
                      "\"code\":{\"text\":\"x\"},\"subject\":{\"reference\":\"Patient/a\"}}", NULL, NULL);
    assert_outcome (bad_id, 400);
    mismatch = request (fixture, "PUT", "/fhir/Observation/a1c-1", writer, changed, NULL, NULL);
    assert_outcome (mismatch, 400);

    /* A strong tag names the version as well; no If-Match updates blindly. */
    strong = request (fixture, "PUT", instance, writer, changed, "If-Match", "\"2\"");
    g_assert_cmpuint (strong->status, ==, 200);
    g_assert_cmpstr (strong->etag, ==, "W/\"3\"");
    location = g_strdup_printf ("%s/Observation/%s/_history/3",
                                care_sandbox_get_fhir_base (fixture->sandbox), id);
    g_assert_cmpstr (header (strong, "Location"), ==, location);
    unconditional = request (fixture, "PUT", instance, writer, changed, NULL, NULL);
    g_assert_cmpuint (unconditional->status, ==, 200);
    g_assert_cmpstr (unconditional->etag, ==, "W/\"4\"");

    history = get (fixture, history_path);
    g_assert_cmpuint (history->status, ==, 200);
    g_assert_cmpuint (n_entries (history), ==, 4);
    /* Newest first; the first version was a create. */
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (history->json, "entry"), 3),
      "request"), "method"), ==, "POST");
  }
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
  g_assert_false (json_object_has_member (latest, "resource"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (latest, "request"),
                                                  "url"), ==, "Observation/bp-1");

  {
    /* Per instance, with the deletion; vread of the deleted version is 410
     * too, the version before it is still there. */
    g_autoptr(Response) instance = get (fixture, "/fhir/Observation/bp-1/_history");
    g_autoptr(Response) version1 = get (fixture, "/fhir/Observation/bp-1/_history/1");
    g_autoptr(Response) version2 = get (fixture, "/fhir/Observation/bp-1/_history/2");
    g_autoptr(Response) version9 = get (fixture, "/fhir/Observation/bp-1/_history/9");
    g_autoptr(Response) bad_since = get (fixture, "/fhir/Observation/_history?_since=yesterday");
    g_autoptr(Response) bad_param = get (fixture, "/fhir/Observation/_history?code=x");
    g_autoptr(Response) future = get (fixture, "/fhir/Observation/_history?_since=2999-01-01T00:00:00Z");
    g_autoptr(Response) after = NULL;
    g_autofree char *path = NULL;
    g_autofree char *escaped = NULL;
    const char *deleted_at;

    g_assert_cmpuint (n_entries (instance), ==, 2);
    g_assert_cmpuint (version1->status, ==, 200);
    g_assert_cmpstr (version1->etag, ==, "W/\"1\"");
    assert_outcome (version2, 410);
    assert_outcome (version9, 404);
    assert_outcome (bad_since, 400);
    assert_outcome (bad_param, 400);
    g_assert_cmpuint (n_entries (future), ==, 0);

    /* _since the moment before the deletion: only the deletion. */
    deleted_at = json_object_get_string_member (json_object_get_object_member (latest, "response"),
                                                "lastModified");
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (deleted_at, NULL);
      g_autoptr(GDateTime) before = g_date_time_add (when, -1000);

      escaped = g_date_time_format (before, "%Y-%m-%dT%H:%M:%S.%fZ");
    }
    path = g_strdup_printf ("/fhir/Observation/_history?_since=%s", escaped);
    after = get (fixture, path);
    g_assert_cmpuint (after->status, ==, 200);
    g_assert_cmpuint (n_entries (after), ==, 1);
  }
}

static void
test_history_paging (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup ("/fhir/Observation/_history?_count=2");
  guint pages = 0;

  while (next != NULL)
    {
      g_autoptr(Response) page = get (fixture, next);
      JsonArray *entries;
      JsonArray *links;

      g_assert_cmpuint (page->status, ==, 200);
      entries = json_object_get_array_member (page->json, "entry");
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          JsonObject *response = json_object_get_object_member (entry, "response");
          JsonObject *request_object = json_object_get_object_member (entry, "request");
          g_autofree char *key = g_strconcat (json_object_get_string_member (request_object, "url"), " ",
                                              json_object_get_string_member (response, "etag"), NULL);

          g_assert_false (g_hash_table_contains (seen, key));
          g_hash_table_add (seen, g_steal_pointer (&key));
        }

      /* Changes made meanwhile are newer: they never shift older pages. */
      {
        g_autofree char *id = g_strdup_printf ("meanwhile-%u", pages);

        put_observation (fixture, id, "a", "vital-signs", "8867-4", "2024-06-01T08:00:00Z");
      }

      g_clear_pointer (&next, g_free);
      links = json_object_get_array_member (page->json, "link");
      for (guint i = 0; i < json_array_get_length (links); i++)
        {
          JsonObject *link = json_array_get_object_element (links, i);

          if (g_str_equal (json_object_get_string_member (link, "relation"), "next"))
            next = g_strdup (json_object_get_string_member (link, "url"));
        }
      pages++;
      g_assert_cmpuint (pages, <=, 10);
    }

  /* The first page saw meanwhile-0's predecessors only: a's five creates,
   * plus the additions made before each later page was read, which are
   * newer than the first page and so never reached. */
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_true (g_hash_table_contains (seen, "Observation/a1c-1 W/\"1\""));
}

/* A store reopened from its folder keeps lastUpdated strictly increasing
 * past what it holds, and re-indexes when the parameter table changed. */
static void
test_store_reopen (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carebook-sandbox-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sandbox.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  CareSandboxStore *store;
  CareSandboxSearch search = { 0 };
  static const char *suffixes[] = { "", "-wal", "-shm" };
  const char *json = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                     "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},"
                     "\"subject\":{\"reference\":\"Patient/a\"}}";

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  store = care_sandbox_store_new (path, &error);
  g_assert_no_error (error);
  first = care_sandbox_store_put (store, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  /* As a big seed leaves it: the newest change ahead of the clock; and an
   * index made with another table, without its token rows. */
  g_assert_cmpint (sqlite3_exec (care_sandbox_store_get_db (store),
                                 "UPDATE history SET last_updated = '2999-01-01T00:00:00.000Z';"
                                 "UPDATE store_info SET value = 'older' WHERE key = 'fingerprint';"
                                 "DELETE FROM tokens;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  store = care_sandbox_store_new (path, &error);
  g_assert_no_error (error);
  second = care_sandbox_store_put (store, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (second, "meta"),
                                                  "lastUpdated"), >, "2999-01-01T00:00:00.000Z");

  g_hash_table_insert (params, (gpointer)"code", (gpointer)"http://loinc.org|4548-4");
  search.type = "Observation";
  search.patient = "a";
  search.params = params;
  search.count = 10;
  page = care_sandbox_store_search (store, &search, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->resources->len, ==, 2);

  g_assert_finalize_object (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
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

  {
    /* SMART v2 and v1 forms of the same grant, and a type wildcard. */
    const char *scopes[] = { "patient/Observation.rs", "patient/Observation.read",
                             "patient/*.read", "patient/Observation.s patient/Observation.r" };

    for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
      {
        g_autofree char *token = care_sandbox_issue_token_for_tests (fixture->sandbox, "a",
                                                                     scopes[i], 3600);
        g_autoptr(Response) search = request (fixture, "GET", "/fhir/Observation", token,
                                              NULL, NULL, NULL);
        g_autoptr(Response) conditions = request (fixture, "GET", "/fhir/Condition", token,
                                                  NULL, NULL, NULL);

        g_assert_cmpuint (search->status, ==, 200);
        g_assert_cmpuint (n_entries (search), ==, 5);
        if (g_str_has_prefix (scopes[i], "patient/*"))
          g_assert_cmpuint (conditions->status, ==, 200);
        else
          assert_outcome (conditions, 403);
      }
  }
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
  g_assert_cmpstr (json->content_type, ==, "application/fhir+json");
  g_assert_cmpstr (json_object_get_string_member (json->json, "data"), ==, "SGVsbG8=");

  {
    g_autoptr(Response) plain = request (fixture, "GET", "/fhir/Binary/note", fixture->token,
                                         NULL, NULL, NULL);
    g_autoptr(Response) any = request (fixture, "GET", "/fhir/Binary/note", fixture->token,
                                       NULL, "Accept", "*/*");
    g_autoptr(Response) as_json = request (fixture, "GET", "/fhir/Binary/note", fixture->token,
                                           NULL, "Accept", "application/json");

    /* With no Accept, or any, the bytes themselves; JSON only when asked. */
    g_assert_cmpstr (plain->body, ==, "Hello");
    g_assert_cmpstr (any->body, ==, "Hello");
    g_assert_cmpstr (any->content_type, ==, "text/plain");
    g_assert_cmpstr (as_json->content_type, ==, "application/json");
    g_assert_cmpstr (json_object_get_string_member (as_json->json, "resourceType"), ==, "Binary");
  }
}

/* The sign-in of a user added through the portal's account API gives a
 * token that reaches exactly that user's record. */

#define VERIFIER "fhir-test-code-verifier-with-enough-entropy-0123456789abcdef"

static char *
dup_query_param (const char *uri,
                 const char *name)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (parsed);
  params = soup_form_decode (g_uri_get_query (parsed));
  return g_strdup (g_hash_table_lookup (params, name));
}

static GBytes *
send_message (Fixture     *fixture,
              SoupMessage *msg)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return soup_session_send_and_read_finish (fixture->session, result, NULL);
}

static void
test_signed_in (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *challenge = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *code = NULL;
  g_autofree char *form = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Response) own = NULL;
  g_autoptr(Response) other = NULL;
  g_autoptr(Response) labs = NULL;
  JsonObject *tokens;
  const char *redirect = "http://127.0.0.1:9/callback";

  g_assert_true (care_sandbox_add_user (fixture->sandbox, "ana", "correct horse", "Ana", "a",
                                        "ana@example.org", NULL, 1000));
  care_sandbox_set_demo (fixture->sandbox, TRUE);

  g_checksum_update (checksum, (const guchar *)VERIFIER, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  challenge = g_base64_encode (digest, digest_len);
  g_strdelimit (challenge, "+", '-');
  g_strdelimit (challenge, "/", '_');
  g_strdelimit (challenge, "=", '\0');

  authorize = g_strdup_printf ("%s/oauth2/authorize?response_type=code&client_id=carebook"
                               "&redirect_uri=%s&scope=launch%%2Fpatient+patient%%2FObservation.rs"
                               "+patient%%2FPatient.rs&state=xyz&aud=%s&code_challenge=%s"
                               "&code_challenge_method=S256&login_hint=demo%%3Aana",
                               care_sandbox_get_base_url (fixture->sandbox), redirect,
                               care_sandbox_get_fhir_base (fixture->sandbox), challenge);
  msg = soup_message_new ("GET", authorize);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  bytes = send_message (fixture, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  code = dup_query_param (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "Location"), "code");
  g_assert_nonnull (code);
  g_clear_object (&msg);
  g_clear_pointer (&bytes, g_bytes_unref);

  form = soup_form_encode ("grant_type", "authorization_code", "code", code,
                           "redirect_uri", redirect, "client_id", "carebook",
                           "code_verifier", VERIFIER, NULL);
  {
    g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sandbox),
                                        "/oauth2/token", NULL);
    g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

    msg = soup_message_new ("POST", url);
    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  }
  bytes = send_message (fixture, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  tokens = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (tokens, "patient"), ==, "a");

  own = request (fixture, "GET", "/fhir/Patient/a",
                 json_object_get_string_member (tokens, "access_token"), NULL, NULL, NULL);
  other = request (fixture, "GET", "/fhir/Patient/b",
                   json_object_get_string_member (tokens, "access_token"), NULL, NULL, NULL);
  labs = request (fixture, "GET", "/fhir/Observation?category=laboratory",
                  json_object_get_string_member (tokens, "access_token"), NULL, NULL, NULL);
  g_assert_cmpuint (own->status, ==, 200);
  assert_outcome (other, 404);
  g_assert_cmpuint (n_entries (labs), ==, 3);
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
  ADD ("/care/sandbox/fhir/media-types", test_media_types);
  ADD ("/care/sandbox/fhir/read", test_read);
  ADD ("/care/sandbox/fhir/search", test_search);
  ADD ("/care/sandbox/fhir/search-more", test_search_more);
  ADD ("/care/sandbox/fhir/paging-while-adding", test_paging_while_adding);
  ADD ("/care/sandbox/fhir/paging-while-deleting", test_paging_while_deleting);
  ADD ("/care/sandbox/fhir/write", test_write);
  ADD ("/care/sandbox/fhir/history-and-delete", test_history_and_delete);
  ADD ("/care/sandbox/fhir/scopes", test_scopes);
  ADD ("/care/sandbox/fhir/binary", test_binary);
  ADD ("/care/sandbox/fhir/history-paging", test_history_paging);
  g_test_add_func ("/care/sandbox/fhir/store-reopen", test_store_reopen);
  ADD ("/care/sandbox/fhir/signed-in", test_signed_in);

#undef ADD

  return g_test_run ();
}
