/* care-sandbox-discovery.c — how clients find the sandbox's sign-in and API
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SMART configuration (.well-known/smart-configuration) and the
 * CapabilityStatement (/metadata), generated from the parameter table so
 * they list exactly what the sandbox does.
 */
#include "config.h"

#include "care-sandbox-fhir.h"
#include "care-sandbox-params.h"

/**
 * care_sandbox_fhir_dup_smart_configuration:
 * @base_url: the sandbox's base ("http://127.0.0.1:PORT")
 *
 * Returns: (transfer full): `.well-known/smart-configuration`
 */
JsonObject *
care_sandbox_fhir_dup_smart_configuration (const char *base_url)
{
  static const char *capabilities[] = {
    "launch-standalone", "client-public", "context-standalone-patient",
    "permission-offline", "permission-patient", "permission-v1", "permission-v2",
  };
  static const char *scopes[] = {
    "openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs", "patient/*.read",
  };
  JsonObject *config = json_object_new ();
  JsonArray *array;
  g_autofree char *authorize = g_strconcat (base_url, "/oauth2/authorize", NULL);
  g_autofree char *token = g_strconcat (base_url, "/oauth2/token", NULL);
  g_autofree char *revoke = g_strconcat (base_url, "/oauth2/revoke", NULL);
  g_autofree char *registration = g_strconcat (base_url, "/oauth2/register", NULL);

  json_object_set_string_member (config, "issuer", base_url);
  json_object_set_string_member (config, "authorization_endpoint", authorize);
  json_object_set_string_member (config, "token_endpoint", token);
  json_object_set_string_member (config, "revocation_endpoint", revoke);
  json_object_set_string_member (config, "registration_endpoint", registration);

  array = json_array_new ();
  json_array_add_string_element (array, "S256");
  json_object_set_array_member (config, "code_challenge_methods_supported", array);

  array = json_array_new ();
  json_array_add_string_element (array, "authorization_code");
  json_array_add_string_element (array, "refresh_token");
  json_array_add_string_element (array, "urn:ietf:params:oauth:grant-type:jwt-bearer");
  json_object_set_array_member (config, "grant_types_supported", array);

  array = json_array_new ();
  json_array_add_string_element (array, "none");
  json_object_set_array_member (config, "token_endpoint_auth_methods_supported", array);

  array = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (capabilities); i++)
    json_array_add_string_element (array, capabilities[i]);
  json_object_set_array_member (config, "capabilities", array);

  /* The generic scopes, then one read-and-search scope per served type,
   * from the same table /metadata lists. */
  array = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    json_array_add_string_element (array, scopes[i]);
  for (const char * const *type = care_sandbox_params_get_types (); *type != NULL; type++)
    {
      g_autofree char *scope = g_strdup_printf ("patient/%s.rs", *type);

      json_array_add_string_element (array, scope);
    }
  json_object_set_array_member (config, "scopes_supported", array);

  array = json_array_new ();
  json_array_add_string_element (array, "code");
  json_object_set_array_member (config, "response_types_supported", array);

  return config;
}

/**
 * care_sandbox_fhir_dup_capability_statement:
 * @base_url: the sandbox's base ("http://127.0.0.1:PORT")
 *
 * Returns: (transfer full): the CapabilityStatement, with the SMART
 *   security extension, generated from the parameter table
 */
JsonObject *
care_sandbox_fhir_dup_capability_statement (const char *base_url)
{
  JsonObject *statement = json_object_new ();
  JsonObject *rest = json_object_new ();
  JsonObject *security = json_object_new ();
  JsonObject *service = json_object_new ();
  JsonObject *coding = json_object_new ();
  JsonObject *oauth = json_object_new ();
  JsonObject *software = json_object_new ();
  JsonArray *array;
  JsonArray *extensions = json_array_new ();
  static const struct { const char *name; const char *path; } uris[] = {
    { "authorize", "/oauth2/authorize" },
    { "token", "/oauth2/token" },
    { "revoke", "/oauth2/revoke" },
    { "register", "/oauth2/register" },
  };

  json_object_set_string_member (statement, "resourceType", "CapabilityStatement");
  json_object_set_string_member (statement, "status", "active");
  json_object_set_string_member (statement, "date", "2026-11-24");
  json_object_set_string_member (statement, "kind", "instance");
  json_object_set_string_member (statement, "fhirVersion", "4.0.1");
  json_object_set_string_member (software, "name", "carebook-sandbox");
  json_object_set_string_member (software, "version", PACKAGE_VERSION);
  json_object_set_object_member (statement, "software", software);

  array = json_array_new ();
  json_array_add_string_element (array, "application/fhir+json");
  json_array_add_string_element (array, "application/json");
  json_object_set_array_member (statement, "format", array);

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      JsonObject *ext = json_object_new ();
      g_autofree char *uri = g_strconcat (base_url, uris[i].path, NULL);

      json_object_set_string_member (ext, "url", uris[i].name);
      json_object_set_string_member (ext, "valueUri", uri);
      json_array_add_object_element (extensions, ext);
    }
  json_object_set_string_member (oauth, "url",
                                 "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
  json_object_set_array_member (oauth, "extension", extensions);
  array = json_array_new ();
  json_array_add_object_element (array, oauth);
  json_object_set_array_member (security, "extension", array);

  json_object_set_string_member (coding, "system",
                                 "http://terminology.hl7.org/CodeSystem/restful-security-service");
  json_object_set_string_member (coding, "code", "SMART-on-FHIR");
  array = json_array_new ();
  json_array_add_object_element (array, coding);
  json_object_set_array_member (service, "coding", array);
  array = json_array_new ();
  json_array_add_object_element (array, service);
  json_object_set_array_member (security, "service", array);

  json_object_set_string_member (rest, "mode", "server");
  json_object_set_object_member (rest, "security", security);
  array = care_sandbox_params_dup_capability_resources ();
  /* The limits on messages, for clients to check before sending. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *resource = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (resource, "type"), "Communication"))
        {
          JsonArray *limits = json_array_new ();

          json_array_add_object_element (limits, care_sandbox_messages_dup_limits ());
          json_object_set_array_member (resource, "extension", limits);
        }
    }
  json_object_set_array_member (rest, "resource", array);

  array = json_array_new ();
  json_array_add_object_element (array, rest);
  json_object_set_array_member (statement, "rest", array);

  return statement;
}

