/* care-sandbox-tokens.c — authorization codes, access and refresh tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox's side of RFC 6749 after the pages: an authorization code
 * (10 minutes, once, bound to the redirect and the PKCE challenge) is
 * traded at /oauth2/token for an access token and, with offline_access, a
 * refresh token. Refresh tokens rotate: each refresh returns a new one and
 * kills the old; the old one used again (or the code replayed) revokes the
 * whole family; 90 days unused ends them. /oauth2/revoke is RFC 7009.
 * Errors are RFC 6749 §5.2 JSON, never cached.
 */
#include "config.h"

#include "care-sandbox-auth.h"
#include "care-sandbox-clients.h"
#include "care-sandbox-crypto.h"
#include "care-sandbox-params.h"

#include <string.h>

#define REFRESH_LIFETIME   (90 * 24 * 3600)

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return g_strdup (text != NULL ? (const char *)text : "");
}

static char *
dup_int64 (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/**
 * care_sandbox_auth_issue_code: (skip)
 *
 * Returns: (transfer full): a new authorization code, good once for 10
 *   minutes
 */
char *
care_sandbox_auth_issue_code (CareSandbox *self,
                              const char  *username,
                              const char  *patient_id,
                              const char  *scope,
                              const char  *redirect_uri,
                              const char  *challenge)
{
  char *code = care_sandbox_crypto_random_token ();
  g_autofree char *hash = care_sandbox_crypto_token_hash (code);
  g_autofree char *now = dup_int64 (care_sandbox_now (self));

  care_sandbox_sql_run (self, "INSERT INTO codes (code, username, patient_id, scope, redirect_uri, "
                              "challenge, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        hash, username, patient_id, scope, redirect_uri, challenge, now, NULL);
  return code;
}

/* Scopes ---------------------------------------------------------------- */

static gboolean
permissions_valid (const char *access)
{
  static const char order[] = "cruds";
  const char *last = order;

  if (g_str_equal (access, "read") || g_str_equal (access, "write") || g_str_equal (access, "*"))
    return TRUE;

  /* SMART v2: a non-empty subset of c, r, u, d, s in that order. */
  if (access[0] == '\0')
    return FALSE;
  for (const char *p = access; *p != '\0'; p++)
    {
      const char *at = strchr (last, *p);

      if (at == NULL)
        return FALSE;
      last = at + 1;
    }

  return TRUE;
}

static gboolean
scope_supported (const char *scope)
{
  static const char *plain[] = { "openid", "fhirUser", "launch/patient", "offline_access",
                                 "online_access" };
  const char *dot;
  g_autofree char *type = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (g_str_equal (scope, plain[i]))
      return TRUE;

  if (!g_str_has_prefix (scope, "patient/"))
    return FALSE;
  dot = strchr (scope, '.');
  if (dot == NULL || strchr (dot + 1, '.') != NULL || strchr (dot, '?') != NULL)
    return FALSE;
  type = g_strndup (scope + strlen ("patient/"), dot - scope - strlen ("patient/"));

  return (g_str_equal (type, "*") || care_sandbox_params_is_supported_type (type)) &&
         permissions_valid (dot + 1);
}

/**
 * care_sandbox_auth_dup_supported_scope: (skip)
 * @requested: a space-separated scope
 *
 * The scopes the sandbox can grant, in the order asked for: patient-level
 * SMART v1/v2 scopes of served types, launch/patient, openid, fhirUser and
 * offline_access. Others (user/, system/, EHR launch, unknown types) are
 * left out, as RFC 6749 §3.3 lets a server do.
 *
 * Returns: (transfer full): the supported part, possibly ""
 */
char *
care_sandbox_auth_dup_supported_scope (const char *requested)
{
  g_auto(GStrv) scopes = g_strsplit (requested != NULL ? requested : "", " ", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      gboolean repeated = FALSE;

      for (guint j = 0; j < i; j++)
        repeated |= g_str_equal (scopes[i], scopes[j]);
      if (scopes[i][0] != '\0' && !repeated && scope_supported (scopes[i]))
        g_string_append_printf (kept, "%s%s", kept->len > 0 ? " " : "", scopes[i]);
    }

  return g_string_free (kept, FALSE);
}

/**
 * care_sandbox_auth_scope_has_data: (skip)
 * @scope: a space-separated scope
 *
 * Returns: %TRUE if @scope reaches some patient data
 */
gboolean
care_sandbox_auth_scope_has_data (const char *scope)
{
  return strstr (scope, "patient/") != NULL;
}

/**
 * care_sandbox_tokens_send_json:
 * @msg: the request
 * @status: the HTTP status
 * @object: the answer
 *
 * Answers @msg with @object as the token and registration endpoints do:
 * JSON that is never cached.
 */
void
care_sandbox_tokens_send_json (SoupServerMessage *msg,
                               guint              status,
                               JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *json = NULL;

  json_node_init_object (node, object);
  json = json_to_string (node, FALSE);

  /* Tokens and their errors are never cached (RFC 6749 §5.1). */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Pragma", "no-cache");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

/**
 * care_sandbox_tokens_send_error:
 * @msg: the request
 * @status: the HTTP status
 * @error: the OAuth error code
 * @description: what went wrong, for developers
 *
 * An OAuth error answer (RFC 6749 §5.2), never cached.
 */
void
care_sandbox_tokens_send_error (SoupServerMessage *msg,
                                guint              status,
                                const char        *error,
                                const char        *description)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "error_description", description);
  care_sandbox_tokens_send_json (msg, status, object);
}

/* The token response for a user and patient: an access token and, with
 * offline_access, a refresh token. A refresh continues @family, so reuse of
 * an old member can end them all. NULL if the user may not open the record
 * today: the age rules are decided on the day of each request, so a child
 * who turned 18 since the code was issued ends the parent's access here too. */
static JsonObject *
dup_tokens (CareSandbox *self,
            const char  *username,
            const char  *patient_id,
            const char  *scope,
            const char  *family)
{
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, username);
  g_autoptr(JsonObject) response = NULL;
  int kind = care_sandbox_auth_proxy_kind_for (self, user, patient_id);
  int lifetime = care_sandbox_get_token_lifetime (self);
  g_auto(GStrv) scopes = g_strsplit (scope, " ", -1);
  CareSandboxGrant *grant;
  g_autofree char *access = NULL;
  g_autofree char *fhir_user = NULL;
  g_autofree char *own_family = NULL;

  if (kind < 0)
    return NULL;
  /* Tokens issued without a code still end together. */
  if (family == NULL)
    {
      g_autofree char *seed = care_sandbox_crypto_random_token ();

      family = own_family = care_sandbox_crypto_token_hash (seed);
    }

  grant = g_new0 (CareSandboxGrant, 1);
  grant->patient_id = g_strdup (patient_id);
  grant->scopes = g_strdupv (scopes);
  grant->expires_at = care_sandbox_now (self) + lifetime;
  grant->proxy_kind = kind;
  grant->family = g_strdup (family);
  grant->username = g_strdup (username);
  access = care_sandbox_add_grant (self, grant);

  if (user->patient_id[0] != '\0')
    fhir_user = g_strdup_printf ("%s/Patient/%s", care_sandbox_get_fhir_base (self), user->patient_id);
  else
    fhir_user = g_strdup_printf ("%s/RelatedPerson/%s", care_sandbox_get_fhir_base (self), username);

  response = json_object_new ();
  json_object_set_string_member (response, "access_token", access);
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", lifetime);
  json_object_set_string_member (response, "scope", scope);
  json_object_set_string_member (response, "patient", patient_id);
  json_object_set_string_member (response, "fhirUser", fhir_user);
  json_object_set_boolean_member (response, "need_patient_banner", FALSE);

  if (g_strv_contains ((const char * const *)scopes, "offline_access"))
    {
      g_autofree char *refresh = care_sandbox_crypto_random_token ();
      g_autofree char *hash = care_sandbox_crypto_token_hash (refresh);
      g_autofree char *now = dup_int64 (care_sandbox_now (self));

      /* Only the token's hash is kept; the family is the code's hash. */
      care_sandbox_sql_run (self, "INSERT INTO refresh_tokens (token, family, username, patient_id, scope, "
                                  "last_used) VALUES (?, ?, ?, ?, ?, ?)",
                            hash, family, username, patient_id, scope, now, NULL);
      json_object_set_string_member (response, "refresh_token", refresh);
    }

  return g_steal_pointer (&response);
}

static void
send_tokens (CareSandbox       *self,
             SoupServerMessage *msg,
             const char        *username,
             const char        *patient_id,
             const char        *scope,
             const char        *family)
{
  g_autoptr(JsonObject) response = dup_tokens (self, username, patient_id, scope, family);

  if (response == NULL)
    care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                      "The user may no longer open this patient's record");
  else
    care_sandbox_tokens_send_json (msg, SOUP_STATUS_OK, response);
}

/**
 * care_sandbox_tokens_send_for: (skip)
 * @self: a #CareSandbox
 * @msg: a token request
 * @username: the login
 * @patient_id: the record
 * @scope: the scope to grant
 * @family: (nullable): the sign-in the tokens belong to
 *
 * Answers @msg with tokens for @username and @patient_id, or with
 * invalid_grant if the user may no longer open the record.
 */
void
care_sandbox_tokens_send_for (CareSandbox       *self,
                              SoupServerMessage *msg,
                              const char        *username,
                              const char        *patient_id,
                              const char        *scope,
                              const char        *family)
{
  send_tokens (self, msg, username, patient_id, scope, family);
}

/**
 * care_sandbox_auth_issue_tokens_for_tests:
 * @self: a #CareSandbox
 * @username: an existing login
 * @patient_id: (nullable): the record to open; %NULL for the user's own
 * @scope: the granted scope
 * @out_refresh: (out) (optional) (nullable): the refresh token, when
 *   @scope has offline_access
 *
 * The tokens a finished sign-in gives, without the pages, for tests that
 * need a real user behind a token: proxy rules, refresh rotation, revoke.
 * The user's access to @patient_id is checked as at the token endpoint.
 *
 * Returns: (transfer full) (nullable): the access token, or %NULL if the
 *   user may not open the record today
 */
char *
care_sandbox_auth_issue_tokens_for_tests (CareSandbox  *self,
                                          const char   *username,
                                          const char   *patient_id,
                                          const char   *scope,
                                          char        **out_refresh)
{
  g_autoptr(CareSandboxUser) user = NULL;
  g_autoptr(JsonObject) response = NULL;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (username != NULL && scope != NULL, NULL);

  if (out_refresh != NULL)
    *out_refresh = NULL;

  user = care_sandbox_auth_lookup_user (self, username);
  if (user == NULL)
    return NULL;
  if (patient_id == NULL)
    patient_id = user->patient_id;

  response = dup_tokens (self, username, patient_id, scope, NULL);
  if (response == NULL)
    return NULL;
  if (out_refresh != NULL && json_object_has_member (response, "refresh_token"))
    *out_refresh = g_strdup (json_object_get_string_member (response, "refresh_token"));

  return g_strdup (json_object_get_string_member (response, "access_token"));
}

static gboolean
verifier_valid (const char *verifier)
{
  gsize len = strlen (verifier);

  /* RFC 7636 §4.1: 43 to 128 unreserved characters. */
  if (len < 43 || len > 128)
    return FALSE;
  for (const char *p = verifier; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
      return FALSE;

  return TRUE;
}

/* A sign-in that leaked ends whole: its refresh tokens and the access
 * tokens it gave, at once. */
static void
end_family (CareSandbox *self,
            const char  *family)
{
  care_sandbox_sql_run (self, "UPDATE refresh_tokens SET revoked = 1 WHERE family = ?", family, NULL);
  care_sandbox_drop_grants (self, family, NULL);
  care_sandbox_clients_end_family (self, family);
}

static void
exchange_code (CareSandbox       *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  const char *code = g_hash_table_lookup (form, "code");
  const char *verifier = g_hash_table_lookup (form, "code_verifier");
  const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
  sqlite3_stmt *stmt = NULL;
  g_autofree char *username = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *expected_redirect = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *hash = NULL;
  gint64 created = 0;
  gboolean used = TRUE;

  if (code == NULL || verifier == NULL || redirect_uri == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                        "code, code_verifier and redirect_uri are required");
      return;
    }
  hash = care_sandbox_crypto_token_hash (code);

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT username, patient_id, scope, redirect_uri, challenge, created_at, used "
                      "FROM codes WHERE code = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      username = column_dup (stmt, 0);
      patient = column_dup (stmt, 1);
      scope = column_dup (stmt, 2);
      expected_redirect = column_dup (stmt, 3);
      challenge = column_dup (stmt, 4);
      created = sqlite3_column_int64 (stmt, 5);
      used = sqlite3_column_int (stmt, 6) != 0;
    }
  sqlite3_finalize (stmt);

  if (username == NULL || used || created + CARE_SANDBOX_CODE_LIFETIME <= care_sandbox_now (self))
    {
      /* A code presented twice may have been stolen: whatever it produced
       * dies with it (RFC 6749 §4.1.2). */
      if (username != NULL && used)
        end_family (self, hash);
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                        "The code is unknown, used or expired");
      return;
    }

  /* One attempt per code, whatever its outcome. */
  care_sandbox_sql_run (self, "UPDATE codes SET used = 1 WHERE code = ?", hash, NULL);

  if (!g_str_equal (expected_redirect, redirect_uri))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "redirect_uri does not match");
      return;
    }

  computed = care_sandbox_crypto_s256_challenge (verifier);
  if (!verifier_valid (verifier) || !care_sandbox_crypto_equal (computed, challenge))
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "PKCE verification failed");
      return;
    }

  /* The family is named after the code, so a replayed code finds it. A
   * portal that gives no refresh tokens leaves offline_access out. */
  {
    g_autofree char *granted = care_sandbox_clients_dup_offline_scope (self, scope);

    send_tokens (self, msg, username, patient, granted, hash);
  }
}

/* A narrower scope on refresh (RFC 6749 §6): every asked scope must have
 * been granted before. */
static char *
dup_refresh_scope (const char *granted,
                   const char *asked)
{
  g_auto(GStrv) have = g_strsplit (granted, " ", -1);
  g_auto(GStrv) want = g_strsplit (asked, " ", -1);
  GString *scope = g_string_new (NULL);

  for (guint i = 0; want[i] != NULL; i++)
    {
      if (want[i][0] == '\0')
        continue;
      if (!g_strv_contains ((const char * const *)have, want[i]))
        {
          g_string_free (scope, TRUE);
          return NULL;
        }
      g_string_append_printf (scope, "%s%s", scope->len > 0 ? " " : "", want[i]);
    }

  return g_string_free (scope, FALSE);
}

static void
refresh (CareSandbox       *self,
         SoupServerMessage *msg,
         GHashTable        *form)
{
  const char *token = g_hash_table_lookup (form, "refresh_token");
  const char *asked = g_hash_table_lookup (form, "scope");
  sqlite3_stmt *stmt = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *family = NULL;
  g_autofree char *username = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *scope = NULL;
  gint64 last_used = 0;
  gboolean revoked = TRUE;

  if (token == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "refresh_token is required");
      return;
    }
  hash = care_sandbox_crypto_token_hash (token);

  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self),
                      "SELECT family, username, patient_id, scope, last_used, revoked "
                      "FROM refresh_tokens WHERE token = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      family = column_dup (stmt, 0);
      username = column_dup (stmt, 1);
      patient = column_dup (stmt, 2);
      scope = column_dup (stmt, 3);
      last_used = sqlite3_column_int64 (stmt, 4);
      revoked = sqlite3_column_int (stmt, 5) != 0;
    }
  sqlite3_finalize (stmt);

  if (family == NULL || revoked || last_used + REFRESH_LIFETIME <= care_sandbox_now (self))
    {
      /* A rotated-out token used again means it leaked: end the family. */
      if (family != NULL && revoked)
        end_family (self, family);
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                        "The refresh token is unknown, revoked or expired");
      return;
    }

  if (asked != NULL)
    {
      g_autofree char *narrower = dup_refresh_scope (scope, asked);

      if (narrower == NULL || !care_sandbox_auth_scope_has_data (narrower))
        {
          care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_scope",
                            "The scope asks for more than was granted");
          return;
        }
      g_free (scope);
      scope = g_steal_pointer (&narrower);
    }

  care_sandbox_sql_run (self, "UPDATE refresh_tokens SET revoked = 1 WHERE token = ?", hash, NULL);
  send_tokens (self, msg, username, patient, scope, family);
}

static void
handle_token (CareSandbox       *self,
              SoupServerMessage *msg,
              GHashTable        *form)
{
  const char *grant_type = g_hash_table_lookup (form, "grant_type");
  const char *client_id = g_hash_table_lookup (form, "client_id");

  /* A registered client names itself in its assertion (RFC 7523). */
  if (g_strcmp0 (grant_type, CARE_SANDBOX_JWT_BEARER) == 0)
    {
      care_sandbox_clients_exchange_assertion (self, msg, form);
      return;
    }

  if (g_strcmp0 (client_id, CARE_SANDBOX_CLIENT_ID) != 0)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client", "Unknown client");
      return;
    }

  if (grant_type == NULL)
    care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "grant_type is required");
  else if (g_str_equal (grant_type, "authorization_code"))
    exchange_code (self, msg, form);
  else if (g_str_equal (grant_type, "refresh_token"))
    refresh (self, msg, form);
  else
    care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                      "authorization_code, refresh_token and jwt-bearer are supported");
}

static void
handle_revoke (CareSandbox       *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  const char *token = g_hash_table_lookup (form, "token");
  const CareSandboxGrant *grant;
  g_autofree char *hash = NULL;
  g_autofree char *family = NULL;
  sqlite3_stmt *stmt = NULL;

  if (token == NULL)
    {
      care_sandbox_tokens_send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "token is required");
      return;
    }

  /* RFC 7009 §2.2: 200 whether or not the token existed. A refresh token
   * or an access token ends its whole sign-in: the refresh tokens and
   * every access token it gave. */
  hash = care_sandbox_crypto_token_hash (token);
  sqlite3_prepare_v2 (care_sandbox_auth_get_db (self), "SELECT family FROM refresh_tokens WHERE token = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    family = column_dup (stmt, 0);
  sqlite3_finalize (stmt);

  grant = care_sandbox_lookup_grant (self, token);
  if (family == NULL && grant != NULL && grant->family != NULL)
    family = g_strdup (grant->family);

  if (family != NULL)
    end_family (self, family);
  else if (grant != NULL)
    care_sandbox_remove_grant (self, token);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

/**
 * care_sandbox_tokens_handle: (skip)
 * @self: a #CareSandbox
 * @msg: a POST request
 * @path: its path
 * @form: its decoded form
 *
 * Returns: %TRUE if @path was the token or the revocation endpoint
 */
gboolean
care_sandbox_tokens_handle (CareSandbox       *self,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *form)
{
  if (g_str_equal (path, "/oauth2/token"))
    handle_token (self, msg, form);
  else if (g_str_equal (path, "/oauth2/revoke"))
    handle_revoke (self, msg, form);
  else
    return FALSE;

  return TRUE;
}
