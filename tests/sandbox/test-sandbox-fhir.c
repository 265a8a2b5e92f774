/* test-sandbox-fhir.c — the sandbox portal's FHIR REST interface over HTTP
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Discovery, authorization, media types, read, vread, conditional reads,
 * writes and their errors, scopes and Binary. Searching, paging and
 * _history are in test-sandbox-search.c.
 */
#include "config.h"

#include <locale.h>

#include "care-sandbox-params.h"
#include "sandbox-fhir-client.h"

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
  /* A home reading the sandbox accepts (care-sandbox-readings.c): only the
   * media type varies between the two posts. */
  const char *body = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                     "\"category\":[{\"coding\":[{\"system\":"
                     "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                     "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}],\"text\":\"Pulse\"},"
                     "\"subject\":{\"reference\":\"Patient/a\"},\"performer\":[{\"reference\":\"Patient/a\"}],"
                     "\"effectiveDateTime\":\"2024-03-01T08:00:00Z\","
                     "\"valueQuantity\":{\"value\":72,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";
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
test_write (Fixture       *fixture,
            gconstpointer  data)
{
  const char *body = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                     "\"identifier\":[{\"system\":\"urn:carebook\",\"value\":\"entry-1\"}],"
                     SANDBOX_WEIGHT_READING_A "}";
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
  {
    g_autofree char *location = g_strdup_printf ("/fhir/Observation/%s/_history/1", id);

    /* The match is named, not returned: its Location and version. */
    g_assert_true (g_str_has_suffix (header (again, "Location"), location));
    g_assert_cmpstr (again->etag, ==, "W/\"1\"");
    assert_outcome (again, 200);
  }
  first = request (fixture, "POST", "/fhir/Observation", writer, body,
                   "If-None-Exist", "identifier=urn:carebook|entry-2");
  g_assert_cmpuint (first->status, ==, 201);
  g_clear_pointer (&again, response_free);
  again = request (fixture, "POST", "/fhir/Observation", writer, body,
                   "If-None-Exist", "identifier=urn:carebook|entry-1");
  /* entry-1 now matches two resources (created, first): ambiguous. */
  assert_outcome (again, 412);

  changed = g_strdup_printf ("{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"amended\","
                             SANDBOX_WEIGHT_READING_A "}",
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
  ADD ("/care/sandbox/fhir/write", test_write);
  ADD ("/care/sandbox/fhir/scopes", test_scopes);
  ADD ("/care/sandbox/fhir/binary", test_binary);
  ADD ("/care/sandbox/fhir/signed-in", test_signed_in);

#undef ADD

  return g_test_run ();
}
