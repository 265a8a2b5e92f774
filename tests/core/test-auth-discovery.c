/* test-auth-discovery.c — SMART discovery and PKCE
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>

#include "care-error.h"
#include "care-pkce.h"
#include "care-sandbox.h"
#include "care-smart-config.h"

#include "care-test-server.h"

static void
test_pkce (void)
{
  g_autoptr(CarePkce) a = care_pkce_new ();
  g_autoptr(CarePkce) b = care_pkce_new ();
  g_autofree char *challenge = care_pkce_dup_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  /* RFC 7636 appendix B. */
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  /* Fresh for every attempt, and long enough. */
  g_assert_cmpuint (strlen (a->verifier), ==, 43);
  g_assert_cmpstr (a->verifier, !=, b->verifier);
  g_assert_cmpstr (a->state, !=, b->state);
  g_assert_null (strpbrk (a->verifier, "+/="));
}

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static CareSmartConfig *
discover (const char  *base,
          GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;

  care_smart_discover_async (session, base, NULL, discovered_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return care_smart_discover_finish (result, error);
}

static void
test_sandbox (void)
{
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, NULL);
  g_autoptr(CareSmartConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *with_slash = NULL;

  g_assert_true (care_sandbox_start (sandbox, 0, &error));
  with_slash = g_strconcat (care_sandbox_get_fhir_base (sandbox), "/", NULL);
  config = discover (with_slash, &error);
  g_assert_no_error (error);

  authorize = g_strconcat (care_sandbox_get_base_url (sandbox), "/oauth2/authorize", NULL);
  g_assert_cmpstr (care_smart_config_get_fhir_base (config), ==, care_sandbox_get_fhir_base (sandbox));
  g_assert_cmpstr (care_smart_config_get_authorization_endpoint (config), ==, authorize);
  g_assert_true (g_str_has_suffix (care_smart_config_get_token_endpoint (config), "/oauth2/token"));
  g_assert_true (g_str_has_suffix (care_smart_config_get_revocation_endpoint (config), "/oauth2/revoke"));
  g_assert_true (care_smart_config_has_capability (config, "launch-standalone"));
  g_assert_false (care_smart_config_get_from_metadata (config));
  care_sandbox_stop (sandbox);
}

/* A portal of our own making, to try what the sandbox does not do. */
typedef struct
{
  const char *well_known;   /* NULL: 404 */
  const char *metadata;     /* NULL: 404 */
} FakePortal;

static void
fake_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const FakePortal *portal = user_data;
  const char *body = NULL;

  if (g_str_has_suffix (path, "/.well-known/smart-configuration"))
    body = portal->well_known;
  else if (g_str_has_suffix (path, "/metadata"))
    body = portal->metadata;

  if (body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static CareSmartConfig *
discover_fake (const FakePortal  *portal,
               GError           **error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *base = NULL;
  CareSmartConfig *config;

  soup_server_add_handler (server, NULL, fake_cb, (gpointer)portal, NULL);
  base = care_test_server_listen_full (server, 0, "/api/FHIR/R4");

  config = discover (base, error);
  soup_server_disconnect (server);
  return config;
}

static void
test_metadata_fallback (void)
{
  static const FakePortal portal = {
    NULL,
    "{\"resourceType\":\"CapabilityStatement\",\"rest\":[{\"security\":{\"extension\":[{\"url\":"
    "\"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris\",\"extension\":["
    "{\"url\":\"authorize\",\"valueUri\":\"../../oauth2/authorize\"},"
    "{\"url\":\"token\",\"valueUri\":\"oauth2/token\"}]}]}}]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSmartConfig) config = discover_fake (&portal, &error);

  g_assert_no_error (error);
  g_assert_true (care_smart_config_get_from_metadata (config));
  /* Relative endpoints resolve against the FHIR base. */
  g_assert_true (g_str_has_suffix (care_smart_config_get_authorization_endpoint (config), "/api/oauth2/authorize"));
  g_assert_true (g_str_has_suffix (care_smart_config_get_token_endpoint (config), "/api/FHIR/R4/oauth2/token"));
  g_assert_null (care_smart_config_get_revocation_endpoint (config));
}

static void
test_no_s256 (void)
{
  static const FakePortal portal = {
    "{\"authorization_endpoint\":\"https://example.org/a\",\"token_endpoint\":\"https://example.org/t\","
    "\"code_challenge_methods_supported\":[\"plain\"]}",
    NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSmartConfig) config = discover_fake (&portal, &error);

  g_assert_null (config);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PKCE);
}

static void
test_not_a_portal (void)
{
  static const FakePortal portal = { "not json", "{\"resourceType\":\"CapabilityStatement\"}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSmartConfig) config = discover_fake (&portal, &error);

  g_assert_null (config);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY);
}

static void
test_refused_addresses (void)
{
  g_autoptr(GError) insecure = NULL;
  g_autoptr(GError) offline = NULL;
  g_autoptr(CareSmartConfig) a = discover ("http://portal.example.org/fhir", &insecure);
  g_autoptr(CareSmartConfig) b = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *closed = NULL;

  g_assert_null (a);
  g_assert_error (insecure, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE);

  /* A port bound but not listening: nobody answers. */
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  closed = g_strdup_printf ("http://127.0.0.1:%u/fhir",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  b = discover (closed, &offline);
  g_assert_null (b);
  g_assert_error (offline, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/auth/pkce", test_pkce);
  g_test_add_func ("/care/auth/discovery/sandbox", test_sandbox);
  g_test_add_func ("/care/auth/discovery/metadata-fallback", test_metadata_fallback);
  g_test_add_func ("/care/auth/discovery/no-s256", test_no_s256);
  g_test_add_func ("/care/auth/discovery/not-a-portal", test_not_a_portal);
  g_test_add_func ("/care/auth/discovery/refused-addresses", test_refused_addresses);

  return g_test_run ();
}
