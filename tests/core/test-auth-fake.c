/* test-auth-fake.c — sign-in against a portal of our own making
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 plays the portal behaviours the sandbox does
 * not: an aud refused with its trailing slash, SMART v1 scopes only, a
 * RelatedPerson signing in, no patient at all, client registration, and
 * a certificate nobody vouches for.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-error.h"
#include "care-client-key.h"
#include "care-registration.h"
#include "care-smart-config.h"

#include "../hostile/care-hostile-cert.h"
#include "care-test-server.h"

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *base;          /* http://127.0.0.1:PORT/fhir */
  GPtrArray   *auds;          /* the aud of every authorize request */
  GPtrArray   *states;
  char        *scope_asked;
  const char  *scopes_supported;   /* JSON array text, or NULL */
  const char  *token_extra;        /* JSON members added to the token answer */
  gboolean     refuse_slash;
  gboolean     refuse_always;
  guint        register_status;
  char        *register_body;      /* the last registration request */
  char        *register_authorization;
  guint        n_open;
} Fixture;

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
redirect_to (SoupServerMessage *msg,
             const char        *redirect_uri,
             const char        *state,
             const char        *name,
             const char        *value)
{
  g_autofree char *location = g_strdup_printf ("%s?%s=%s&state=%s", redirect_uri, name, value, state);

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

static void
portal_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (path, "/fhir/.well-known/smart-configuration"))
    {
      /* Relative endpoints, resolved against the base by the client. */
      g_autofree char *json = g_strdup_printf ("{\"authorization_endpoint\":\"auth/authorize\","
                                               "\"token_endpoint\":\"auth/token\","
                                               "\"registration_endpoint\":\"/register\","
                                               "\"code_challenge_methods_supported\":[\"S256\"],"
                                               "\"capabilities\":[\"launch-standalone\"]%s%s}",
                                               fixture->scopes_supported != NULL ? ",\"scopes_supported\":" : "",
                                               fixture->scopes_supported != NULL ? fixture->scopes_supported : "");

      send_json (msg, SOUP_STATUS_OK, json);
    }
  else if (g_str_equal (path, "/fhir/auth/authorize"))
    {
      const char *aud = g_hash_table_lookup (query, "aud");
      const char *redirect_uri = g_hash_table_lookup (query, "redirect_uri");
      const char *state = g_hash_table_lookup (query, "state");

      g_ptr_array_add (fixture->auds, g_strdup (aud));
      g_ptr_array_add (fixture->states, g_strdup (state));
      g_free (fixture->scope_asked);
      fixture->scope_asked = g_strdup (g_hash_table_lookup (query, "scope"));
      if (fixture->refuse_always || (fixture->refuse_slash && g_str_has_suffix (aud, "/")))
        redirect_to (msg, redirect_uri, state, "error", "invalid_request");
      else
        redirect_to (msg, redirect_uri, state, "code", "the-code");
    }
  else if (g_str_equal (path, "/fhir/auth/token"))
    {
      g_autofree char *json = g_strdup_printf ("{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                                               "\"expires_in\":600%s}",
                                               fixture->token_extra != NULL ? fixture->token_extra : "");

      send_json (msg, SOUP_STATUS_OK, json);
    }
  else if (g_str_equal (path, "/fhir/Patient/p1"))
    send_json (msg, SOUP_STATUS_OK, "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"2015-03-02\","
                                    "\"name\":[{\"use\":\"old\",\"family\":\"Old\"},"
                                    "{\"use\":\"official\",\"given\":[\"Ana\",\"Sofía\"],\"family\":\"Díaz\"}]}");
  else if (g_str_equal (path, "/fhir/RelatedPerson/rp1"))
    send_json (msg, SOUP_STATUS_OK, "{\"resourceType\":\"RelatedPerson\",\"id\":\"rp1\","
                                    "\"relationship\":[{\"coding\":[{\"system\":"
                                    "\"http://terminology.hl7.org/CodeSystem/v3-RoleCode\",\"code\":\"MTH\"}]}]}");
  else if (g_str_equal (path, "/register"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      g_free (fixture->register_body);
      fixture->register_body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_free (fixture->register_authorization);
      fixture->register_authorization = g_strdup (soup_message_headers_get_one (
        soup_server_message_get_request_headers (msg), "Authorization"));
      if (fixture->register_status == SOUP_STATUS_CREATED)
        send_json (msg, SOUP_STATUS_CREATED, "{\"client_id\":\"install-42\"}");
      else
        send_json (msg, fixture->register_status, "{}");
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, portal_cb, fixture, NULL);
  fixture->base = care_test_server_listen (fixture->server);

  fixture->session = soup_session_new ();
  fixture->auds = g_ptr_array_new_with_free_func (g_free);
  fixture->states = g_ptr_array_new_with_free_func (g_free);
  fixture->token_extra = ",\"patient\":\"p1\",\"fhirUser\":\"Patient/p1\",\"refresh_token\":\"rt\"";
  fixture->register_status = SOUP_STATUS_NOT_FOUND;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_pointer (&fixture->register_body, g_free);
  g_clear_pointer (&fixture->register_authorization, g_free);
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->server);
  g_clear_pointer (&fixture->base, g_free);
  g_clear_pointer (&fixture->auds, g_ptr_array_unref);
  g_clear_pointer (&fixture->states, g_ptr_array_unref);
  g_clear_pointer (&fixture->scope_asked, g_free);
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             Fixture        *fixture)
{
  fixture->n_open++;
  care_auto_browser_open (fixture->session, uri);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static CareSignIn *
sign_in (Fixture     *fixture,
         const char  *base,
         GError     **error)
{
  g_autoptr(CareAuthorizer) authorizer = care_authorizer_new (fixture->session);
  g_autoptr(GAsyncResult) result = NULL;
  CareSignIn *outcome;

  g_signal_connect (authorizer, "open-uri", G_CALLBACK (open_uri_cb), fixture);
  care_authorizer_sign_in_async (authorizer, base, NULL, NULL, done_cb, &result);
  outcome = care_authorizer_sign_in_finish (authorizer, wait_for (&result), error);

  /* Let the browser's last request settle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return outcome;
}

static void
test_aud_retry (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *with_slash = g_strconcat (fixture->base, "/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  fixture->refuse_slash = TRUE;
  result = sign_in (fixture, with_slash, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "p1");

  /* Asked with the slash, refused, asked once more without it, with a
   * fresh state. */
  g_assert_cmpuint (fixture->n_open, ==, 2);
  g_assert_cmpuint (fixture->auds->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->auds, 0), ==, with_slash);
  g_assert_cmpstr (g_ptr_array_index (fixture->auds, 1), ==, fixture->base);
  g_assert_cmpstr (g_ptr_array_index (fixture->states, 0), !=, g_ptr_array_index (fixture->states, 1));
}

static void
test_aud_refused_twice (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *with_slash = g_strconcat (fixture->base, "/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  /* Once without the slash, then a clear refusal: never a loop. */
  fixture->refuse_always = TRUE;
  result = sign_in (fixture, with_slash, &error);
  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED);
  g_assert_cmpuint (fixture->auds->len, ==, 2);

  /* Without a slash to drop, no retry at all. */
  g_clear_error (&error);
  g_ptr_array_set_size (fixture->auds, 0);
  result = sign_in (fixture, fixture->base, &error);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED);
  g_assert_cmpuint (fixture->auds->len, ==, 1);
}

static void
test_scopes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) v2 = NULL;
  g_autoptr(CareSignIn) v1 = NULL;

  v2 = sign_in (fixture, fixture->base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->scope_asked, ==,
                   "launch/patient openid fhirUser offline_access patient/*.rs "
                   "patient/MedicationStatement.c patient/AllergyIntolerance.c "
                   "patient/Immunization.c patient/Communication.cu patient/Binary.c patient/Appointment.cu "
                   "patient/PaymentNotice.c patient/QuestionnaireResponse.c patient/Observation.c "
                   "patient/DocumentReference.c patient/RelatedPerson.c");
  /* No scope in the answer: the scope asked for was granted (RFC 6749 5.1). */
  g_assert_cmpstr (v2->scope, ==, fixture->scope_asked);
  g_assert_cmpint (v2->access_level, ==, CARE_ACCESS_FULL);

  fixture->scopes_supported = "[\"launch/patient\",\"openid\",\"patient/*.read\",\"patient/Observation.read\"]";
  v1 = sign_in (fixture, fixture->base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->scope_asked, ==,
                   "launch/patient openid fhirUser offline_access patient/*.read "
                   "patient/MedicationStatement.write patient/AllergyIntolerance.write "
                   "patient/Immunization.write patient/Communication.write patient/Binary.write patient/Appointment.write "
                   "patient/PaymentNotice.write patient/QuestionnaireResponse.write patient/Observation.write "
                   "patient/DocumentReference.write patient/RelatedPerson.write");
}

static void
test_granted_less (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  fixture->token_extra = ",\"patient\":\"p1\",\"fhirUser\":\"Patient/p1\","
                         "\"scope\":\"launch/patient patient/Observation.rs patient/Condition.rs\"";
  result = sign_in (fixture, fixture->base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->scope, ==, "launch/patient patient/Observation.rs patient/Condition.rs");
  g_assert_cmpint (result->access_level, ==, CARE_ACCESS_LIMITED);
  /* No refresh token: the authorization ends with the access token. */
  g_assert_null (result->refresh_token);
  g_assert_cmpint (result->authorization_ends, ==, result->expires_at);
}

static void
test_related_person (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  fixture->token_extra = ",\"patient\":\"p1\",\"fhirUser\":\"RelatedPerson/rp1\",\"refresh_token\":\"rt\","
                         "\"refresh_token_expires_in\":86400";
  result = sign_in (fixture, fixture->base, &error);
  g_assert_no_error (error);
  g_assert_true (result->is_proxy);
  /* The RelatedPerson is the patient's mother: the patient is her child. */
  g_assert_cmpint (result->relationship, ==, CARE_RELATIONSHIP_CHILD);
  g_assert_cmpstr (result->display_name, ==, "Ana Sofía Díaz");
  g_assert_cmpstr (result->birth_date, ==, "2015-03-02");
  g_assert_cmpint (result->authorization_ends, >=, g_get_real_time () / G_USEC_PER_SEC + 86000);
  g_assert_nonnull (result->registration_endpoint);
  g_assert_true (g_str_has_suffix (result->registration_endpoint, "/register"));
}

static void
test_no_patient (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  /* A Patient fhirUser stands in for a missing patient... */
  fixture->token_extra = ",\"fhirUser\":\"https://elsewhere.example/Patient/p1\"";
  result = sign_in (fixture, fixture->base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "p1");
  g_assert_false (result->is_proxy);
  g_assert_cmpint (result->relationship, ==, CARE_RELATIONSHIP_SELF);
  g_clear_pointer (&result, care_sign_in_free);

  /* ...a RelatedPerson cannot. */
  fixture->token_extra = ",\"fhirUser\":\"RelatedPerson/rp1\"";
  result = sign_in (fixture, fixture->base, &error);
  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PATIENT);
}

static char *
probe (Fixture  *fixture,
       GError  **error)
{
  g_autofree char *endpoint = g_strdup_printf ("%.*s/register", (int)(strlen (fixture->base) - strlen ("/fhir")),
                                               fixture->base);
  g_autoptr(GAsyncResult) result = NULL;

  care_registration_probe_async (fixture->session, endpoint, "at", NULL, done_cb, &result);
  return care_registration_probe_finish (wait_for (&result), error);
}

static void
test_registration (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *key = NULL;
  g_autofree char *broken = NULL;

  /* 404: no silent refresh there, and that is no error. */
  fixture->register_status = SOUP_STATUS_NOT_FOUND;
  none = probe (fixture, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  fixture->register_status = SOUP_STATUS_CREATED;
  key = probe (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (key, "install-42"));

  /* The request: the sign-in's token, Carebook's client id as software_id,
   * the JWT-bearer grant, and the public half of a new key as a JWK. */
  g_assert_cmpstr (fixture->register_authorization, ==, "Bearer at");
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(CareClientKey) kept = NULL;
    JsonObject *request;
    JsonArray *keys;
    JsonObject *jwk;

    g_assert_true (json_parser_load_from_data (parser, fixture->register_body, -1, NULL));
    request = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (request, "software_id"), ==, "carebook");
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (request, "grant_types"), 0),
                     ==, CARE_JWT_BEARER_GRANT);
    keys = json_object_get_array_member (json_object_get_object_member (request, "jwks"), "keys");
    g_assert_cmpuint (json_array_get_length (keys), ==, 1);
    jwk = json_array_get_object_element (keys, 0);
    g_assert_cmpstr (json_object_get_string_member (jwk, "kty"), ==, "RSA");
    g_assert_cmpstr (json_object_get_string_member (jwk, "alg"), ==, "RS384");
    g_assert_false (json_object_has_member (jwk, "d"));
    g_assert_null (strstr (fixture->register_body, "PRIVATE"));

    /* What is returned for the keyring is that key, under the new client id. */
    kept = care_client_key_new_from_secret (key, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (care_client_key_get_client_id (kept), ==, "install-42");
    g_assert_cmpstr (care_client_key_get_kid (kept), ==, json_object_get_string_member (jwk, "kid"));
  }

  fixture->register_status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  broken = probe (fixture, &error);
  g_assert_null (broken);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE);
}

static void
test_relationship_guess (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);

  g_assert_cmpint (care_relationship_guess (TRUE, "MTH", "2015-01-01", NULL, &today), ==, CARE_RELATIONSHIP_SELF);
  g_assert_cmpint (care_relationship_guess (FALSE, "FTH", NULL, NULL, &today), ==, CARE_RELATIONSHIP_CHILD);
  g_assert_cmpint (care_relationship_guess (FALSE, "DAU", NULL, NULL, &today), ==, CARE_RELATIONSHIP_PARENT);
  g_assert_cmpint (care_relationship_guess (FALSE, "WIFE", NULL, NULL, &today), ==, CARE_RELATIONSHIP_SPOUSE);
  /* By ages: a generation apart either way, or not. */
  g_assert_cmpint (care_relationship_guess (FALSE, NULL, "2010-06-01", "1981-02-03", &today), ==,
                   CARE_RELATIONSHIP_CHILD);
  g_assert_cmpint (care_relationship_guess (FALSE, NULL, "1948-06-01", "1981-02-03", &today), ==,
                   CARE_RELATIONSHIP_PARENT);
  g_assert_cmpint (care_relationship_guess (FALSE, NULL, "1979-06-01", "1981-02-03", &today), ==,
                   CARE_RELATIONSHIP_OTHER);
  /* Only the patient's age: a minor is taken as the user's child. */
  g_assert_cmpint (care_relationship_guess (FALSE, NULL, "2011-12-01", NULL, &today), ==,
                   CARE_RELATIONSHIP_CHILD);
  g_assert_cmpint (care_relationship_guess (FALSE, NULL, "1950", NULL, &today), ==, CARE_RELATIONSHIP_OTHER);
  g_assert_cmpint (care_relationship_guess (FALSE, "ZZZ", "not a date", NULL, &today), ==,
                   CARE_RELATIONSHIP_OTHER);
}

static void
tls_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  send_json (msg, SOUP_STATUS_OK, "{}");
}

static void
test_bad_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (care_hostile_self_signed_pem, -1,
                                                                          &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CareSmartConfig) config = NULL;
  g_autofree char *base = NULL;
  g_autofree char *expired = care_smart_dup_tls_message (G_TLS_CERTIFICATE_EXPIRED);
  gboolean reached = FALSE;

  /* The message names the problem. */
  g_assert_nonnull (strstr (expired, "expired"));

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_cb, &reached, NULL);
  base = care_test_server_listen_full (server, SOUP_SERVER_LISTEN_HTTPS, "/fhir");

  care_smart_discover_async (session, base, NULL, done_cb, &result);
  config = care_smart_discover_finish (wait_for (&result), &error);
  g_assert_null (config);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "not signed by a known authority"));
  g_assert_false (reached);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/care/auth/fake/aud-retry", test_aud_retry);
  ADD ("/care/auth/fake/aud-refused-twice", test_aud_refused_twice);
  ADD ("/care/auth/fake/scopes", test_scopes);
  ADD ("/care/auth/fake/granted-less", test_granted_less);
  ADD ("/care/auth/fake/related-person", test_related_person);
  ADD ("/care/auth/fake/no-patient", test_no_patient);
  ADD ("/care/auth/fake/registration", test_registration);
  g_test_add_func ("/care/auth/relationship/guess", test_relationship_guess);
  g_test_add_func ("/care/auth/discovery/bad-certificate", test_bad_certificate);

#undef ADD

  return g_test_run ();
}
