/* care-client-key.c — a per-connection RSA key for the JWT-bearer grant
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Portals that give public native apps no long refresh tokens (Epic) let
 * an app register a client of its own after sign-in (RFC 7591) with a
 * public key, and then trade assertions signed with the private key for
 * new access tokens (RFC 7523). This is that key: 2048-bit RSA made by
 * GnuTLS from the system's randomness, one per connection, its public half
 * as a JWK (RFC 7517, with an RFC 7638 thumbprint as "kid") and its
 * assertions as compact JWS signed RS384 (RSASSA-PKCS1-v1_5 with SHA-384).
 *
 * The private key leaves this object only as the keyring secret
 * (care_client_key_dup_secret(): the client id and the PKCS#8 key), never
 * in a file or a log.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "care-client-key.h"
#include "care-error.h"
#include "care-json.h"

#include <string.h>

struct _CareClientKey
{
  GObject           parent_instance;

  gnutls_privkey_t  key;
  char             *client_id;
  char             *n;     /* base64url modulus, for the JWK */
  char             *e;     /* base64url public exponent */
  char             *kid;   /* RFC 7638 thumbprint */
};

G_DEFINE_FINAL_TYPE (CareClientKey, care_client_key, G_TYPE_OBJECT)

static void
care_client_key_finalize (GObject *object)
{
  CareClientKey *self = (CareClientKey *)object;

  g_clear_pointer (&self->key, gnutls_privkey_deinit);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->n, g_free);
  g_clear_pointer (&self->e, g_free);
  g_clear_pointer (&self->kid, g_free);

  G_OBJECT_CLASS (care_client_key_parent_class)->finalize (object);
}

static void
care_client_key_class_init (CareClientKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_client_key_finalize;
}

static void
care_client_key_init (CareClientKey *self)
{
}

/**
 * care_base64url_encode:
 * @data: bytes
 * @length: their length
 *
 * Returns: (transfer full): unpadded base64url (RFC 4648 §5), as JOSE
 *   writes every binary value
 */
char *
care_base64url_encode (const guint8 *data,
                       gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize len;

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  len = strlen (text);
  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';

  return text;
}

/**
 * care_base64url_decode:
 * @text: unpadded base64url
 * @out_length: (out): the length of the result
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL if @text holds
 *   anything but base64url characters
 */
guint8 *
care_base64url_decode (const char *text,
                       gsize      *out_length)
{
  gsize len = strlen (text);
  g_autofree char *padded = NULL;

  *out_length = 0;
  if (len % 4 == 1)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return NULL;

  padded = g_malloc (len + 4);
  memcpy (padded, text, len);
  while (len % 4 != 0)
    padded[len++] = '=';
  padded[len] = '\0';
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');

  return g_base64_decode (padded, out_length);
}

static GError *
crypto_error (const char *what,
              int         code)
{
  g_debug ("GnuTLS, %s: %s", what, gnutls_strerror (code));
  return g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED,
                              _("Carebook could not use its key for this health system. Sign in "
                                "again to make a new one."));
}

/* The public half, as the JWK needs it: unsigned big-endian numbers with
 * no leading zero, base64url, and the key's RFC 7638 thumbprint. */
static gboolean
take_public_parts (CareClientKey  *self,
                   GError        **error)
{
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t m = { NULL, 0 };
  gnutls_datum_t e = { NULL, 0 };
  g_autofree char *canonical = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  int rc;

  if ((rc = gnutls_pubkey_init (&pub)) < 0 ||
      (rc = gnutls_pubkey_import_privkey (pub, self->key, 0, 0)) < 0 ||
      (rc = gnutls_pubkey_export_rsa_raw2 (pub, &m, &e, GNUTLS_EXPORT_FLAG_NO_LZ)) < 0)
    {
      if (pub != NULL)
        gnutls_pubkey_deinit (pub);
      g_propagate_error (error, crypto_error ("public key", rc));
      return FALSE;
    }

  self->n = care_base64url_encode (m.data, m.size);
  self->e = care_base64url_encode (e.data, e.size);
  gnutls_free (m.data);
  gnutls_free (e.data);
  gnutls_pubkey_deinit (pub);

  /* RFC 7638 §3.2: the required members, sorted, no whitespace. */
  canonical = g_strdup_printf ("{\"e\":\"%s\",\"kty\":\"RSA\",\"n\":\"%s\"}", self->e, self->n);
  g_checksum_update (checksum, (const guchar *)canonical, strlen (canonical));
  g_checksum_get_digest (checksum, digest, &digest_len);
  self->kid = care_base64url_encode (digest, digest_len);

  return TRUE;
}

/**
 * care_client_key_generate:
 * @error: return location for a #GError
 *
 * Makes a new RSA key pair. This takes a moment of CPU: call it from a
 * thread (care_client_key_generate_async()).
 *
 * Returns: (transfer full) (nullable): a key without a client id yet
 */
CareClientKey *
care_client_key_generate (GError **error)
{
  g_autoptr(CareClientKey) self = g_object_new (CARE_TYPE_CLIENT_KEY, NULL);
  int rc;

  if ((rc = gnutls_privkey_init (&self->key)) < 0 ||
      (rc = gnutls_privkey_generate2 (self->key, GNUTLS_PK_RSA, CARE_CLIENT_KEY_BITS, 0, NULL, 0)) < 0)
    {
      g_propagate_error (error, crypto_error ("generate", rc));
      return NULL;
    }

  if (!take_public_parts (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  CareClientKey *key = care_client_key_generate (&error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_object_unref);
}

/**
 * care_client_key_generate_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the key
 * @user_data: data for @callback
 *
 * Makes a new key pair in a worker thread.
 */
void
care_client_key_generate_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, care_client_key_generate_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, generate_thread);
}

/**
 * care_client_key_generate_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new key
 */
CareClientKey *
care_client_key_generate_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_client_key_new_from_secret:
 * @secret: what care_client_key_dup_secret() gave, as read from the keyring
 * @error: return location for a #CARE_AUTH_ERROR
 *
 * Returns: (transfer full) (nullable): the key with its client id, or
 *   %NULL if @secret is not one (an older registration without a key, or
 *   a damaged entry)
 */
CareClientKey *
care_client_key_new_from_secret (const char  *secret,
                                 GError     **error)
{
  g_autoptr(CareClientKey) self = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *pem;
  const char *client_id;
  gnutls_datum_t datum;
  int rc;

  g_return_val_if_fail (secret != NULL, NULL);

  if ((object = care_json_parse_object (secret, -1, NULL)) == NULL ||
      (pem = json_object_get_string_member_with_default (object, "private_key", NULL)) == NULL ||
      (client_id = json_object_get_string_member_with_default (object, "client_id", NULL)) == NULL ||
      client_id[0] == '\0')
    {
      g_propagate_error (error, crypto_error ("secret", GNUTLS_E_PARSING_ERROR));
      return NULL;
    }

  self = g_object_new (CARE_TYPE_CLIENT_KEY, NULL);
  datum.data = (unsigned char *)pem;
  datum.size = strlen (pem);
  if ((rc = gnutls_privkey_init (&self->key)) < 0 ||
      (rc = gnutls_privkey_import_x509_raw (self->key, &datum, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_propagate_error (error, crypto_error ("import", rc));
      return NULL;
    }
  if (gnutls_privkey_get_pk_algorithm (self->key, NULL) != GNUTLS_PK_RSA)
    {
      g_propagate_error (error, crypto_error ("import", GNUTLS_E_UNKNOWN_PK_ALGORITHM));
      return NULL;
    }
  if (!take_public_parts (self, error))
    return NULL;

  self->client_id = g_strdup (client_id);
  return g_steal_pointer (&self);
}

/**
 * care_client_key_dup_secret:
 * @self: a #CareClientKey with a client id
 *
 * Returns: (transfer full): the client id and the private key (PKCS#8,
 *   PEM) as one JSON text, for the keyring and nowhere else
 */
char *
care_client_key_dup_secret (CareClientKey *self)
{
  gnutls_x509_privkey_t x509 = NULL;
  gnutls_datum_t pem = { NULL, 0 };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *pem_text = NULL;
  char *secret;

  g_return_val_if_fail (CARE_IS_CLIENT_KEY (self), NULL);
  g_return_val_if_fail (self->client_id != NULL, NULL);

  if (gnutls_privkey_export_x509 (self->key, &x509) < 0 ||
      gnutls_x509_privkey_export2_pkcs8 (x509, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &pem) < 0)
    {
      /* A key this object made or read always exports. */
      g_clear_pointer (&x509, gnutls_x509_privkey_deinit);
      g_return_val_if_reached (NULL);
    }
  pem_text = g_strndup ((const char *)pem.data, pem.size);
  memset (pem.data, 0, pem.size);
  gnutls_free (pem.data);
  gnutls_x509_privkey_deinit (x509);

  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "client_id", self->client_id);
  json_object_set_string_member (object, "kid", self->kid);
  json_object_set_string_member (object, "alg", CARE_CLIENT_KEY_ALGORITHM);
  json_object_set_string_member (object, "private_key", pem_text);
  memset (pem_text, 0, strlen (pem_text));
  json_node_init_object (node, object);
  secret = json_to_string (node, FALSE);

  return secret;
}

/**
 * care_client_key_get_client_id:
 * @self: a #CareClientKey
 *
 * Returns: (nullable): the client id the portal registered the key under
 */
const char *
care_client_key_get_client_id (CareClientKey *self)
{
  g_return_val_if_fail (CARE_IS_CLIENT_KEY (self), NULL);
  return self->client_id;
}

void
care_client_key_set_client_id (CareClientKey *self,
                               const char    *client_id)
{
  g_return_if_fail (CARE_IS_CLIENT_KEY (self));

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
}

/**
 * care_client_key_get_kid:
 * @self: a #CareClientKey
 *
 * Returns: the key's id: its RFC 7638 SHA-256 thumbprint
 */
const char *
care_client_key_get_kid (CareClientKey *self)
{
  g_return_val_if_fail (CARE_IS_CLIENT_KEY (self), NULL);
  return self->kid;
}

/**
 * care_client_key_dup_jwk:
 * @self: a #CareClientKey
 *
 * Returns: (transfer full): the public key as a JWK (RFC 7517): kty, n, e,
 *   alg, use and kid; nothing private
 */
JsonObject *
care_client_key_dup_jwk (CareClientKey *self)
{
  JsonObject *jwk;

  g_return_val_if_fail (CARE_IS_CLIENT_KEY (self), NULL);

  jwk = json_object_new ();
  json_object_set_string_member (jwk, "kty", "RSA");
  json_object_set_string_member (jwk, "n", self->n);
  json_object_set_string_member (jwk, "e", self->e);
  json_object_set_string_member (jwk, "alg", CARE_CLIENT_KEY_ALGORITHM);
  json_object_set_string_member (jwk, "use", "sig");
  json_object_set_string_member (jwk, "kid", self->kid);
  return jwk;
}

static char *
encode_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *json = NULL;

  json_node_init_object (node, object);
  json = json_to_string (node, FALSE);
  return care_base64url_encode ((const guint8 *)json, strlen (json));
}

/**
 * care_client_key_sign_jwt:
 * @self: a #CareClientKey
 * @claims: the JWT's claims
 * @error: return location for a #CARE_AUTH_ERROR
 *
 * Returns: (transfer full) (nullable): the compact JWS: a header naming
 *   RS384, the JWT type and this key's kid, the claims, the signature
 */
char *
care_client_key_sign_jwt (CareClientKey  *self,
                          JsonObject     *claims,
                          GError        **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autofree char *encoded_header = NULL;
  g_autofree char *encoded_claims = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *encoded_signature = NULL;
  gnutls_datum_t data;
  gnutls_datum_t signature = { NULL, 0 };
  int rc;

  g_return_val_if_fail (CARE_IS_CLIENT_KEY (self), NULL);
  g_return_val_if_fail (claims != NULL, NULL);

  json_object_set_string_member (header, "alg", CARE_CLIENT_KEY_ALGORITHM);
  json_object_set_string_member (header, "typ", "JWT");
  json_object_set_string_member (header, "kid", self->kid);
  encoded_header = encode_object (header);
  encoded_claims = encode_object (claims);
  signing_input = g_strconcat (encoded_header, ".", encoded_claims, NULL);

  data.data = (unsigned char *)signing_input;
  data.size = strlen (signing_input);
  rc = gnutls_privkey_sign_data2 (self->key, GNUTLS_SIGN_RSA_SHA384, 0, &data, &signature);
  if (rc < 0)
    {
      g_propagate_error (error, crypto_error ("sign", rc));
      return NULL;
    }
  encoded_signature = care_base64url_encode (signature.data, signature.size);
  gnutls_free (signature.data);

  return g_strconcat (signing_input, ".", encoded_signature, NULL);
}

/**
 * care_client_key_dup_assertion:
 * @self: a #CareClientKey with a client id
 * @audience: the portal's token endpoint
 * @error: return location for a #CARE_AUTH_ERROR
 *
 * The client's JWT for the JWT-bearer grant (RFC 7523 §3, as SMART
 * Backend Services and Epic ask): iss and sub are the client id, aud the
 * token endpoint, a jti never used before, iat now and exp a few minutes
 * on (%CARE_CLIENT_KEY_ASSERTION_LIFETIME).
 *
 * Returns: (transfer full) (nullable): the signed assertion
 */
char *
care_client_key_dup_assertion (CareClientKey  *self,
                               const char     *audience,
                               GError        **error)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint8 nonce[24];
  g_autofree char *jti = NULL;

  g_return_val_if_fail (CARE_IS_CLIENT_KEY (self), NULL);
  g_return_val_if_fail (self->client_id != NULL && audience != NULL, NULL);

  if (gnutls_rnd (GNUTLS_RND_NONCE, nonce, sizeof nonce) < 0)
    {
      g_propagate_error (error, crypto_error ("random", GNUTLS_E_RANDOM_FAILED));
      return NULL;
    }
  jti = care_base64url_encode (nonce, sizeof nonce);

  json_object_set_string_member (claims, "iss", self->client_id);
  json_object_set_string_member (claims, "sub", self->client_id);
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + CARE_CLIENT_KEY_ASSERTION_LIFETIME);

  return care_client_key_sign_jwt (self, claims, error);
}
