/* sandbox-fhir-client.h — a FHIR client for the sandbox's REST tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sandbox on 127.0.0.1 port 0 with a small fixture record (patients a and
 * b, a practitioner, five Observations of a and one of b), a read token for
 * a, and libsoup requests that return status, headers and parsed JSON.
 * Shared by test-sandbox-fhir.c (read, write, discovery),
 * test-sandbox-search.c (search, paging, history) and the other REST tests;
 * those of the portal's operations (scheduling, payments) add the demo
 * family over it and long-lived writers' tokens.
 */
#pragma once

/* The members that make an Observation a home reading of Patient/a the
 * sandbox accepts (care-sandbox-readings.c checks every Observation a
 * patient writes): tests that only exercise writing use it. */
#define SANDBOX_WEIGHT_READING_A \
  "\"category\":[{\"coding\":[{\"system\":" \
  "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}]," \
  "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"text\":\"Weight\"}," \
  "\"subject\":{\"reference\":\"Patient/a\"},\"performer\":[{\"reference\":\"Patient/a\"}]," \
  "\"effectiveDateTime\":\"2024-03-01T08:00:00Z\"," \
  "\"valueQuantity\":{\"value\":70,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "care-sandbox.h"
#include "care-sandbox-seed.h"

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

static inline void
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

static inline void
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

static inline void
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

static inline void
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

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->token, g_free);
  care_sandbox_stop (fixture->sandbox);
  g_assert_finalize_object (fixture->sandbox);
}

/* What a patient who reads and writes their record is granted. */
#define SANDBOX_WRITER "launch/patient patient/*.cruds"

/* The fixture record, then the generated demo family over it (the tests
 * of the portal's operations: scheduling, payments). */
static inline void
fixture_setup_seeded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_setup (fixture, data);
  g_assert_true (care_sandbox_seed (fixture->sandbox, NULL, &error));
  g_assert_no_error (error);
}

/* Returns: (transfer full): a writer's token for @patient that outlives
 * any test (90 days), as @proxy_kind (a CareSandboxProxyKind) has it. */
static inline char *
fixture_writer_token (Fixture    *fixture,
                      const char *patient,
                      int         proxy_kind)
{
  return care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, patient, SANDBOX_WRITER,
                                                   90 * 24 * 3600, proxy_kind);
}

static inline void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static inline Response *
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

static inline Response *
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

static inline const char *
header (Response   *response,
        const char *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

static inline Response *
get (Fixture    *fixture,
     const char *path)
{
  return request (fixture, "GET", path, fixture->token, NULL, NULL, NULL);
}

static inline void
assert_outcome (Response *response,
                guint     status)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_nonnull (response->json);
  g_assert_cmpstr (json_object_get_string_member (response->json, "resourceType"), ==,
                   "OperationOutcome");
}

static inline guint
n_entries (Response *response)
{
  g_assert_nonnull (response->json);
  if (!json_object_has_member (response->json, "entry"))
    return 0;

  return json_array_get_length (json_object_get_array_member (response->json, "entry"));
}

static inline const char *
entry_id (Response *response,
          guint     i)
{
  JsonArray *entries = json_object_get_array_member (response->json, "entry");
  JsonObject *entry = json_array_get_object_element (entries, i);

  return json_object_get_string_member (json_object_get_object_member (entry, "resource"), "id");
}

static inline char *
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
