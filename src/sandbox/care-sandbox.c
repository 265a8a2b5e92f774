/* care-sandbox.c — the in-process reference patient portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 that routes: SMART discovery
 * (`.well-known/smart-configuration`), `/fhir/metadata`, and the FHIR REST
 * interface under `/fhir`, which needs a bearer token. The same object is
 * embedded by `carebook --demo` and the tests, and run by the
 * carebook-sandbox executable.
 */
#include "config.h"

#include "care-error.h"
#include "care-sandbox.h"
#include "care-sandbox-fhir.h"

#include <string.h>
#include <sys/random.h>

struct _CareSandbox
{
  GObject           parent_instance;

  CareSandboxStore *store;
  SoupServer       *server;
  GHashTable       *grants;   /* access token → CareSandboxGrant */
  char             *base_url;
  char             *fhir_base;
  guint             demo : 1;
};

G_DEFINE_FINAL_TYPE (CareSandbox, care_sandbox, G_TYPE_OBJECT)

static void
care_sandbox_dispose (GObject *object)
{
  CareSandbox *self = (CareSandbox *)object;

  care_sandbox_stop (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (care_sandbox_parent_class)->dispose (object);
}

static void
care_sandbox_finalize (GObject *object)
{
  CareSandbox *self = (CareSandbox *)object;

  g_clear_pointer (&self->grants, g_hash_table_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->fhir_base, g_free);

  G_OBJECT_CLASS (care_sandbox_parent_class)->finalize (object);
}

static void
care_sandbox_class_init (CareSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_sandbox_dispose;
  object_class->finalize = care_sandbox_finalize;
}

static void
care_sandbox_init (CareSandbox *self)
{
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)care_sandbox_grant_free);
}

/**
 * care_sandbox_new:
 * @data_dir: (nullable): a folder for the sandbox's database, or %NULL to
 *   keep everything in memory
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new, stopped sandbox
 */
CareSandbox *
care_sandbox_new (const char  *data_dir,
                  GError     **error)
{
  g_autoptr(CareSandbox) self = g_object_new (CARE_TYPE_SANDBOX, NULL);
  g_autofree char *path = NULL;

  if (data_dir != NULL)
    {
      if (g_mkdir_with_parents (data_dir, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create %s", data_dir);
          return NULL;
        }
      path = g_build_filename (data_dir, "sandbox.db", NULL);
    }

  self->store = care_sandbox_store_new (path, error);
  if (self->store == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * care_sandbox_get_store:
 * @self: a #CareSandbox
 *
 * Returns: (transfer none): the resources the portal serves
 */
CareSandboxStore *
care_sandbox_get_store (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->store;
}

void
care_sandbox_set_demo (CareSandbox *self,
                       gboolean     demo)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->demo = !!demo;
}

static char *
dup_random_token (void)
{
  guint8 bytes[24];

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    g_error ("No randomness for a token");

  return g_base64_encode (bytes, sizeof bytes);
}

/**
 * care_sandbox_issue_token_for_tests:
 * @self: a #CareSandbox
 * @patient_id: the patient the token reaches
 * @scope: space-separated scopes
 * @lifetime_seconds: how long the token works (may be 0 or negative for
 *   an already expired one)
 *
 * Issues an access token without the sign-in pages, for tests and the
 * command-line sandbox.
 *
 * Returns: (transfer full): the access token
 */
char *
care_sandbox_issue_token_for_tests (CareSandbox *self,
                                    const char  *patient_id,
                                    const char  *scope,
                                    int          lifetime_seconds)
{
  return care_sandbox_issue_proxy_token_for_tests (self, patient_id, scope, lifetime_seconds,
                                                   CARE_SANDBOX_PROXY_NONE);
}

/**
 * care_sandbox_issue_proxy_token_for_tests:
 * @self: a #CareSandbox
 * @patient_id: the patient the token reaches
 * @scope: space-separated scopes
 * @lifetime_seconds: how long the token works
 * @proxy_kind: a #CareSandboxProxyKind: how the user reaches the patient
 *
 * Returns: (transfer full): the access token
 */
char *
care_sandbox_issue_proxy_token_for_tests (CareSandbox *self,
                                          const char  *patient_id,
                                          const char  *scope,
                                          int          lifetime_seconds,
                                          int          proxy_kind)
{
  CareSandboxGrant *grant;
  char *token;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  grant = g_new0 (CareSandboxGrant, 1);
  grant->patient_id = g_strdup (patient_id);
  grant->scopes = g_strsplit (scope, " ", -1);
  grant->expires_at = g_get_real_time () / G_USEC_PER_SEC + lifetime_seconds;
  grant->proxy_kind = proxy_kind;

  token = dup_random_token ();
  g_hash_table_insert (self->grants, g_strdup (token), grant);

  return token;
}

static const CareSandboxGrant *
lookup_grant (CareSandbox       *self,
              SoupServerMessage *msg)
{
  const char *authorization;
  const CareSandboxGrant *grant;

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "Authorization");
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;

  grant = g_hash_table_lookup (self->grants, authorization + 7);
  if (grant == NULL || grant->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    return NULL;

  return grant;
}

/* Repeated parameters (date=ge2020&date=lt2021) are joined with \x1f, which
 * soup_form_decode() would have dropped. */
static GHashTable *
decode_query (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return table;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *raw_key = NULL;
      g_autofree char *raw_value = NULL;
      char *key;
      char *value;
      const char *previous;

      if (pairs[i][0] == '\0')
        continue;
      raw_key = eq != NULL ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);
      raw_value = g_strdup (eq != NULL ? eq + 1 : "");
      g_strdelimit (raw_value, "+", ' ');
      key = g_uri_unescape_string (raw_key, NULL);
      value = g_uri_unescape_string (raw_value, NULL);
      if (key == NULL || value == NULL)
        {
          g_free (key);
          g_free (value);
          continue;
        }

      previous = g_hash_table_lookup (table, key);
      if (previous != NULL)
        {
          char *joined = g_strconcat (previous, "\x1f", value, NULL);

          g_free (value);
          value = joined;
        }
      g_hash_table_insert (table, key, value);
    }

  return table;
}

static void
send_object (SoupServerMessage *msg,
             const char        *content_type,
             JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  char *json;

  json_node_init_object (node, object);
  json = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, json, strlen (json));
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *unused_query,
                   gpointer           user_data)
{
  CareSandbox *self = user_data;
  g_autoptr(GHashTable) query = decode_query (g_uri_get_query (soup_server_message_get_uri (msg)));
  const CareSandboxGrant *grant;
  const char *fhir_path;

  if (g_str_equal (path, "/.well-known/smart-configuration") ||
      g_str_equal (path, "/fhir/.well-known/smart-configuration"))
    {
      g_autoptr(JsonObject) config = care_sandbox_fhir_dup_smart_configuration (self->base_url);

      send_object (msg, "application/json", config);
      return;
    }

  if (g_str_equal (path, "/fhir/metadata"))
    {
      g_autoptr(JsonObject) statement = care_sandbox_fhir_dup_capability_statement (self->base_url);

      send_object (msg, "application/fhir+json", statement);
      return;
    }

  if (!g_str_has_prefix (path, "/fhir/"))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                      "Nothing is served at this address");
      return;
    }

  grant = lookup_grant (self, msg);
  if (grant == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate",
                                    "Bearer realm=\"carebook-sandbox\", error=\"invalid_token\"");
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNAUTHORIZED, "error", "login",
                                      "A valid access token is required");
      return;
    }

  fhir_path = path + strlen ("/fhir/");
  care_sandbox_fhir_handle (self->store, self->fhir_base, grant, msg, fhir_path, query);
}

/**
 * care_sandbox_start:
 * @self: a #CareSandbox
 * @port: the port, or 0 for one the system picks
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1 only: the sandbox is never reachable from other
 * machines.
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_start (CareSandbox  *self,
                    guint16       port,
                    GError      **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;
  GUri *uri;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "carebook-sandbox", NULL);
  soup_server_add_handler (self->server, NULL, handle_request_cb, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  uri = uris->data;
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  self->fhir_base = g_strconcat (self->base_url, "/fhir", NULL);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return TRUE;
}

/**
 * care_sandbox_stop:
 * @self: a #CareSandbox
 *
 * Stops listening; the data stays.
 */
void
care_sandbox_stop (CareSandbox *self)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

/**
 * care_sandbox_get_base_url:
 * @self: a started #CareSandbox
 *
 * Returns: "http://127.0.0.1:PORT"
 */
const char *
care_sandbox_get_base_url (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->base_url;
}

/**
 * care_sandbox_get_fhir_base:
 * @self: a started #CareSandbox
 *
 * Returns: the FHIR base, "http://127.0.0.1:PORT/fhir"
 */
const char *
care_sandbox_get_fhir_base (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->fhir_base;
}
