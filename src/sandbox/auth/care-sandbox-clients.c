/* care-sandbox-clients.c — registered per-install clients and their assertions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Epic offers public native apps, so Carebook's side is tested end to
 * end: right after a sign-in, POST /oauth2/register (RFC 7591) with that
 * sign-in's access token and the app's public key as a JWK registers a
 * client for the same user, patient and scope; from then on the token
 * endpoint trades that client's signed assertions (RFC 7523, RS384 only)
 * for access tokens. An assertion must be signed by the registered key,
 * name the client as iss and sub and the token endpoint as aud, expire
 * within five minutes, and carry a jti never seen before: a replayed jti
 * is refused, and so is an expired assertion. The user's access to the
 * patient is checked again at each exchange (the age rules), and a
 * withdrawn registration answers invalid_client.
 */
#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#include "care-client-key.h"
#include "care-json.h"
#include "care-sandbox-auth.h"
#include "care-sandbox-clients.h"
#include "care-sandbox-crypto.h"

#include <string.h>

#define MAX_REQUEST_SIZE   (64 * 1024)
#define MIN_MODULUS_BITS   2048
#define MAX_MODULUS_BITS   8192
/* Clocks differ a little; an assertion from a minute ahead is still taken. */
#define CLOCK_SKEW         60

static const char tables[] =
  "CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, username TEXT NOT NULL,"
  "  patient_id TEXT NOT NULL, scope TEXT NOT NULL, n TEXT NOT NULL, e TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL, last_used INTEGER NOT NULL DEFAULT 0,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS assertion_ids (client_id TEXT NOT NULL, jti TEXT NOT NULL,"
  "  expires_at INTEGER NOT NULL, PRIMARY KEY (client_id, jti));";

void
care_sandbox_clients_init_tables (CareSandbox *self)
{
  sqlite3_exec (care_sandbox_auth_get_db (self), tables, NULL, NULL, NULL);
  /* The sign-in a client was registered with; an error for a column that
   * is already there is expected and ignored. */
  sqlite3_exec (care_sandbox_auth_get_db (self), "ALTER TABLE clients ADD COLUMN family TEXT",
                NULL, NULL, NULL);
}

/**
 * care_sandbox_clients_end_family: (skip)
 * @self: a #CareSandbox
 * @family: a sign-in's family
 *
 * The sign-in ended (revoked, or a replayed code or refresh token): the
 * keys registered with it end too.
 */
void
care_sandbox_clients_end_family (CareSandbox *self,
                                 const char  *family)
{
  care_sandbox_sql_run (self, "UPDATE clients SET revoked = 1 WHERE family = ?", family, NULL);
}

static char *
dup_int64 (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* What a client sends goes through core's depth-guarded parser. */
static JsonObject *
parse_object (const char *data,
              gssize      length)
{
  return care_json_parse_object (data, length, NULL);
}

/* The public key a JWK describes, if it is an RSA key of a sensible size. */
static gnutls_pubkey_t
import_rsa (const char *n,
            const char *e)
{
  gnutls_pubkey_t pub = NULL;
  gsize n_len = 0;
  gsize e_len = 0;
  g_autofree guint8 *n_bytes = n != NULL ? care_base64url_decode (n, &n_len) : NULL;
  g_autofree guint8 *e_bytes = e != NULL ? care_base64url_decode (e, &e_len) : NULL;
  gnutls_datum_t m_datum;
  gnutls_datum_t e_datum;
  unsigned int bits = 0;

  if (n_bytes == NULL || e_bytes == NULL || n_len == 0 || e_len == 0 || e_len > 8 ||
      n_bytes[0] == 0 || n_len * 8 > MAX_MODULUS_BITS)
    return NULL;

  m_datum.data = n_bytes;
  m_datum.size = n_len;
  e_datum.data = e_bytes;
  e_datum.size = e_len;
  if (gnutls_pubkey_init (&pub) < 0)
    return NULL;
  if (gnutls_pubkey_import_rsa_raw (pub, &m_datum, &e_datum) < 0 ||
      gnutls_pubkey_get_pk_algorithm (pub, &bits) != GNUTLS_PK_RSA || bits < MIN_MODULUS_BITS)
    {
      gnutls_pubkey_deinit (pub);
      return NULL;
    }

  return pub;
}

/* Registration ------------------------------------------------------------ */

static JsonObject *
find_rsa_key (JsonObject *request)
{
  JsonNode *jwks = json_object_get_member (request, "jwks");
  JsonNode *keys;
  JsonArray *array;
  JsonObject *found = NULL;

  if (jwks == NULL || !JSON_NODE_HOLDS_OBJECT (jwks) ||
      (keys = json_object_get_member (json_node_get_object (jwks), "keys")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (keys))
    return NULL;

  /* Exactly one signing key: which one signs is then never in doubt. */
  array = json_node_get_array (keys);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return NULL;
      if (found != NULL)
        return NULL;
      found = json_node_get_object (element);
    }

  if (found == NULL || g_strcmp0 (get_string (found, "kty"), "RSA") != 0 ||
      (get_string (found, "alg") != NULL && g_strcmp0 (get_string (found, "alg"), "RS384") != 0) ||
      (get_string (found, "use") != NULL && g_strcmp0 (get_string (found, "use"), "sig") != 0) ||
      json_object_has_member (found, "d"))
    return NULL;

  return found;
}

static gboolean
grant_types_valid (JsonObject *request)
{
  JsonNode *node = json_object_get_member (request, "grant_types");
  JsonArray *array;
  gboolean has_bearer = FALSE;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      has_bearer |= g_str_equal (json_node_get_string (element), CARE_SANDBOX_JWT_BEARER);
    }

  return has_bearer;
}

static char *
dup_scope_without_offline (char **scopes)
{
  GString *scope = g_string_new (NULL);

  /* Access comes from the key now: no refresh tokens for this client. */
  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    if (!g_str_equal (scopes[i], "offline_access"))
      g_string_append_printf (scope, "%s%s", scope->len > 0 ? " " : "", scopes[i]);

  return g_string_free (scope, FALSE);
}

/**
 * care_sandbox_clients_handle_register: (skip)
 * @self: a #CareSandbox
 * @msg: a request to /oauth2/register
 *
 * RFC 7591 §3: a JSON registration with the software_id Carebook signs in
 * as and one RSA key in jwks, authorized by the access token of a sign-in.
 */
void
care_sandbox_clients_handle_register (CareSandbox       *self,
                                      SoupServerMessage *msg)
{
  const CareSandboxGrant *grant;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) response = NULL;
  JsonObject *jwk;
  gnutls_pubkey_t pub;
  g_autofree char *client_id = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *now = NULL;
  JsonObject *public_jwk;
  JsonObject *jwks;
  JsonArray *array;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  grant = care_sandbox_lookup_request_grant (self, msg);
  if (grant == NULL || grant->username == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                    "Bearer realm=\"carebook-sandbox\", error=\"invalid_token\"");
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_token",
                  "Registering needs the access token of a sign-in");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (body) > MAX_REQUEST_SIZE ||
      (request = parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body))) == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_client_metadata",
                  "The registration must be one JSON object");
      return;
    }

  if (g_strcmp0 (get_string (request, "software_id"), CARE_SANDBOX_CLIENT_ID) != 0)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_client_metadata",
                  "software_id must be the client id the app signs in with");
      return;
    }
  if (!grant_types_valid (request))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_client_metadata",
                  "grant_types must include " CARE_SANDBOX_JWT_BEARER);
      return;
    }
  jwk = find_rsa_key (request);
  pub = jwk != NULL ? import_rsa (get_string (jwk, "n"), get_string (jwk, "e")) : NULL;
  if (pub == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_client_metadata",
                  "jwks must hold one public RSA signing key of 2048 bits or more");
      return;
    }
  gnutls_pubkey_deinit (pub);

  client_id = care_sandbox_crypto_random_token ();
  scope = dup_scope_without_offline (grant->scopes);
  now = dup_int64 (care_sandbox_now (self));
  /* The client belongs to the sign-in it was registered with: when that
   * ends (RFC 7009 revocation, a replayed code), so does the key. */
  care_sandbox_sql_run (self, "INSERT INTO clients (client_id, username, patient_id, scope, n, e, created_at, "
                              "family) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        client_id, grant->username, grant->patient_id, scope, get_string (jwk, "n"),
                        get_string (jwk, "e"), now, grant->family != NULL ? grant->family : client_id, NULL);

  /* RFC 7591 §3.2.1: the metadata as registered. */
  response = json_object_new ();
  json_object_set_string_member (response, "client_id", client_id);
  json_object_set_int_member (response, "client_id_issued_at", care_sandbox_now (self));
  if (get_string (request, "client_name") != NULL)
    json_object_set_string_member (response, "client_name", get_string (request, "client_name"));
  json_object_set_string_member (response, "software_id", CARE_SANDBOX_CLIENT_ID);
  json_object_set_string_member (response, "token_endpoint_auth_method", "none");
  array = json_array_new ();
  json_array_add_string_element (array, CARE_SANDBOX_JWT_BEARER);
  json_object_set_array_member (response, "grant_types", array);
  public_jwk = json_object_new ();
  json_object_set_string_member (public_jwk, "kty", "RSA");
  json_object_set_string_member (public_jwk, "n", get_string (jwk, "n"));
  json_object_set_string_member (public_jwk, "e", get_string (jwk, "e"));
  array = json_array_new ();
  json_array_add_object_element (array, public_jwk);
  jwks = json_object_new ();
  json_object_set_array_member (jwks, "keys", array);
  json_object_set_object_member (response, "jwks", jwks);
  care_sandbox_tokens_send_json (msg, SOUP_STATUS_CREATED, response);
}

/* The grant --------------------------------------------------------------- */

typedef struct
{
  char *username;
  char *patient_id;
  char *scope;
  char *n;
  char *e;
  char *family;
} Client;

static void
client_free (Client *client)
{
  g_free (client->username);
  g_free (client->patient_id);
  g_free (client->scope);
  g_free (client->n);
  g_free (client->e);
  g_free (client->family);
  g_free (client);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return g_strdup (text != NULL ? (const char *)text : "");
}

static Client *
lookup_client (CareSandbox *self,
               const char  *client_id)
{
  sqlite3_stmt *stmt = NULL;
  Client *client = NULL;

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT username, patient_id, scope, n, e, family FROM clients "
                      "WHERE client_id = ? AND revoked = 0",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      client = g_new0 (Client, 1);
      client->username = column_dup (stmt, 0);
      client->patient_id = column_dup (stmt, 1);
      client->scope = column_dup (stmt, 2);
      client->n = column_dup (stmt, 3);
      client->e = column_dup (stmt, 4);
      client->family = column_dup (stmt, 5);
    }
  sqlite3_finalize (stmt);

  return client;
}

static JsonObject *
decode_part (const char *part,
             gsize       length)
{
  g_autofree char *text = g_strndup (part, length);
  gsize decoded_length = 0;
  g_autofree guint8 *decoded = care_base64url_decode (text, &decoded_length);

  if (decoded == NULL || decoded_length == 0)
    return NULL;
  return parse_object ((const char *)decoded, decoded_length);
}

static gboolean
audience_matches (JsonObject *claims,
                  const char *token_endpoint)
{
  JsonNode *aud = json_object_get_member (claims, "aud");

  if (get_string (claims, "aud") != NULL)
    return g_str_equal (get_string (claims, "aud"), token_endpoint);

  /* RFC 7519 §4.1.3: one string or an array of them. */
  if (aud != NULL && JSON_NODE_HOLDS_ARRAY (aud))
    {
      JsonArray *array = json_node_get_array (aud);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (element), token_endpoint))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
signature_valid (const Client *client,
                 const char   *assertion,
                 gsize         signed_length,
                 const char   *signature)
{
  gnutls_pubkey_t pub = import_rsa (client->n, client->e);
  gsize sig_length = 0;
  g_autofree guint8 *sig = care_base64url_decode (signature, &sig_length);
  gnutls_datum_t data;
  gnutls_datum_t sig_datum;
  int rc;

  if (pub == NULL || sig == NULL)
    {
      if (pub != NULL)
        gnutls_pubkey_deinit (pub);
      return FALSE;
    }

  data.data = (unsigned char *)assertion;
  data.size = signed_length;
  sig_datum.data = sig;
  sig_datum.size = sig_length;
  rc = gnutls_pubkey_verify_data2 (pub, GNUTLS_SIGN_RSA_SHA384, 0, &data, &sig_datum);
  gnutls_pubkey_deinit (pub);

  return rc >= 0;
}

/**
 * care_sandbox_clients_exchange_assertion: (skip)
 * @self: a #CareSandbox
 * @msg: a POST to /oauth2/token
 * @form: its form, with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
 *
 * RFC 7523 §3: checks the assertion and answers with an access token for
 * the client's user, patient and scope (never a refresh token), or with
 * invalid_grant (a bad assertion) or invalid_client (no such client).
 */
void
care_sandbox_clients_exchange_assertion (CareSandbox       *self,
                                         SoupServerMessage *msg,
                                         GHashTable        *form)
{
  const char *assertion = g_hash_table_lookup (form, "assertion");
  const char *asked_client = g_hash_table_lookup (form, "client_id");
  g_autofree char *token_endpoint = g_strconcat (care_sandbox_get_base_url (self), "/oauth2/token", NULL);
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(Client) client = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *now_text = NULL;
  const char *first_dot;
  const char *second_dot;
  const char *client_id;
  const char *jti;
  gint64 now = care_sandbox_now (self);
  gint64 exp = 0;
  gint64 nbf = 0;

  if (assertion == NULL || strlen (assertion) > MAX_REQUEST_SIZE)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "assertion is required");
      return;
    }

  first_dot = strchr (assertion, '.');
  second_dot = first_dot != NULL ? strchr (first_dot + 1, '.') : NULL;
  if (second_dot == NULL || strchr (second_dot + 1, '.') != NULL ||
      (header = decode_part (assertion, first_dot - assertion)) == NULL ||
      (claims = decode_part (first_dot + 1, second_dot - first_dot - 1)) == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "The assertion is not a signed JWT");
      return;
    }

  /* Only the algorithm the client registered for: never "none", never HMAC. */
  if (g_strcmp0 (get_string (header, "alg"), "RS384") != 0)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "The assertion must be signed RS384");
      return;
    }

  client_id = get_string (claims, "iss");
  if (client_id == NULL || g_strcmp0 (get_string (claims, "sub"), client_id) != 0 ||
      (asked_client != NULL && !g_str_equal (asked_client, client_id)))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                  "iss and sub must both be the registered client id");
      return;
    }

  client = lookup_client (self, client_id);
  if (client == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client", "No such registered client");
      return;
    }

  if (!signature_valid (client, assertion, second_dot - assertion, second_dot + 1))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                  "The assertion is not signed by the registered key");
      return;
    }

  if (!audience_matches (claims, token_endpoint))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "aud must be the token endpoint");
      return;
    }

  if (!get_int (claims, "exp", &exp) || exp <= now)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "The assertion has expired");
      return;
    }
  if (exp > now + CARE_SANDBOX_ASSERTION_MAX_LIFETIME + CLOCK_SKEW ||
      (get_int (claims, "nbf", &nbf) && nbf > now + CLOCK_SKEW))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                  "The assertion must be valid now and for at most five minutes");
      return;
    }

  /* Each jti once, for as long as its assertion could be accepted. */
  jti = get_string (claims, "jti");
  now_text = dup_int64 (now);
  care_sandbox_sql_run (self, "DELETE FROM assertion_ids WHERE expires_at < ?", now_text, NULL);
  expires = dup_int64 (exp);
  if (jti == NULL || jti[0] == '\0' || strlen (jti) > 256 ||
      care_sandbox_sql_run (self, "INSERT INTO assertion_ids (client_id, jti, expires_at) VALUES (?, ?, ?)",
                            client_id, jti, expires, NULL) != SQLITE_DONE)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                  jti == NULL ? "The assertion needs a jti" : "This assertion was used before");
      return;
    }

  care_sandbox_sql_run (self, "UPDATE clients SET last_used = ? WHERE client_id = ?", now_text, client_id,
                        NULL);
  /* Its access tokens end with the sign-in the client belongs to. */
  care_sandbox_tokens_send_for (self, msg, client->username, client->patient_id, client->scope,
                                client->family[0] != '\0' ? client->family : NULL);
}

/**
 * care_sandbox_set_refresh_tokens:
 * @self: a #CareSandbox
 * @refresh_tokens: whether sign-ins may get refresh tokens
 *
 * With %FALSE the portal behaves as Epic does for public native apps: a
 * sign-in gives an access token only, whatever offline_access asked, and
 * only a registered key (the JWT-bearer grant) keeps an app signed in.
 * The setting is kept in the portal's database (carebook-sandbox sets it
 * at every start from --no-refresh-tokens).
 */
void
care_sandbox_set_refresh_tokens (CareSandbox *self,
                                 gboolean     refresh_tokens)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  care_sandbox_sql_run (self, "INSERT OR REPLACE INTO auth_keys (name, value) VALUES ('refresh-tokens', ?)",
                        refresh_tokens ? "yes" : "no", NULL);
}

gboolean
care_sandbox_get_refresh_tokens (CareSandbox *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean allowed = TRUE;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), TRUE);

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT value FROM auth_keys WHERE name = 'refresh-tokens'", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    allowed = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "no") != 0;
  sqlite3_finalize (stmt);

  return allowed;
}

/**
 * care_sandbox_clients_dup_offline_scope: (skip)
 * @self: a #CareSandbox
 * @scope: a granted scope
 *
 * Returns: (transfer full): @scope, without offline_access when the
 *   portal gives no refresh tokens
 */
char *
care_sandbox_clients_dup_offline_scope (CareSandbox *self,
                                        const char  *scope)
{
  g_auto(GStrv) scopes = NULL;

  if (care_sandbox_get_refresh_tokens (self))
    return g_strdup (scope);

  scopes = g_strsplit (scope, " ", -1);
  return dup_scope_without_offline (scopes);
}

/**
 * care_sandbox_revoke_clients:
 * @self: a #CareSandbox
 * @patient_id: (nullable): whose record; %NULL for every client
 *
 * Withdraws the registrations that reach @patient_id, as a portal's
 * "connected apps" page does: their assertions get invalid_client.
 *
 * Returns: how many were withdrawn
 */
int
care_sandbox_revoke_clients (CareSandbox *self,
                             const char  *patient_id)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), 0);

  if (patient_id != NULL)
    care_sandbox_sql_run (self, "UPDATE clients SET revoked = 1 WHERE revoked = 0 AND patient_id = ?",
                          patient_id, NULL);
  else
    care_sandbox_sql_run (self, "UPDATE clients SET revoked = 1 WHERE revoked = 0", NULL);

  return sqlite3_changes (care_sandbox_auth_get_db (self));
}

/**
 * care_sandbox_count_clients:
 * @self: a #CareSandbox
 *
 * Returns: how many registrations are in force
 */
guint
care_sandbox_count_clients (CareSandbox *self)
{
  sqlite3_stmt *stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), 0);

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT count(*) FROM clients WHERE revoked = 0",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}
