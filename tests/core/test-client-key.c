/* test-client-key.c — the per-connection key, its JWK and its assertions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key is checked from outside: the JWK decoded by hand and imported
 * into GnuTLS as a bare public key, which must verify the assertion's
 * RS384 signature; the assertion's header and claims decoded and read
 * against RFC 7523 §3 (iss = sub = client id, aud = token endpoint, a
 * fresh jti, a short exp).
 */
#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <locale.h>

#include "care-client-key.h"
#include "care-error.h"
#include "care-registration.h"

#include <string.h>

#define TOKEN_ENDPOINT "https://portal.example.org/oauth2/token"

static JsonObject *
decode_object (const char *part,
               gsize       length)
{
  g_autofree char *text = g_strndup (part, length);
  gsize decoded_length = 0;
  g_autofree guint8 *decoded = care_base64url_decode (text, &decoded_length);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (decoded);
  g_assert_true (json_parser_load_from_data (parser, (const char *)decoded, decoded_length, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Verifies @jwt with nothing but the public JWK, as a portal does. */
static gboolean
verify_with_jwk (JsonObject *jwk,
                 const char *jwt)
{
  gsize n_len = 0;
  gsize e_len = 0;
  gsize sig_len = 0;
  g_autofree guint8 *n = care_base64url_decode (json_object_get_string_member (jwk, "n"), &n_len);
  g_autofree guint8 *e = care_base64url_decode (json_object_get_string_member (jwk, "e"), &e_len);
  const char *last_dot = strrchr (jwt, '.');
  g_autofree guint8 *sig = care_base64url_decode (last_dot + 1, &sig_len);
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t m_datum = { n, n_len };
  gnutls_datum_t e_datum = { e, e_len };
  gnutls_datum_t data = { (unsigned char *)jwt, last_dot - jwt };
  gnutls_datum_t sig_datum = { sig, sig_len };
  int rc;

  g_assert_cmpint (gnutls_pubkey_init (&pub), >=, 0);
  g_assert_cmpint (gnutls_pubkey_import_rsa_raw (pub, &m_datum, &e_datum), >=, 0);
  rc = gnutls_pubkey_verify_data2 (pub, GNUTLS_SIGN_RSA_SHA384, 0, &data, &sig_datum);
  gnutls_pubkey_deinit (pub);
  return rc >= 0;
}

static void
test_jwk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autoptr(CareClientKey) other = care_client_key_generate (&error);
  g_autoptr(JsonObject) jwk = NULL;
  g_autofree guint8 *n = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *thumbprint = NULL;
  gsize n_len = 0;

  g_assert_no_error (error);
  jwk = care_client_key_dup_jwk (key);

  /* An RSA public key of 2048 bits, for RS384 signatures. */
  g_assert_cmpstr (json_object_get_string_member (jwk, "kty"), ==, "RSA");
  g_assert_cmpstr (json_object_get_string_member (jwk, "alg"), ==, "RS384");
  g_assert_cmpstr (json_object_get_string_member (jwk, "use"), ==, "sig");
  g_assert_cmpstr (json_object_get_string_member (jwk, "e"), ==, "AQAB");
  n = care_base64url_decode (json_object_get_string_member (jwk, "n"), &n_len);
  g_assert_cmpuint (n_len, ==, 256);
  /* Unsigned big-endian with no leading zero byte (RFC 7518 §6.3.1.1). */
  g_assert_cmpuint (n[0], !=, 0);
  g_assert_true (n[0] & 0x80);

  /* Nothing private in it. */
  for (const char * const *member = (const char *[]) { "d", "p", "q", "dp", "dq", "qi", NULL };
       *member != NULL; member++)
    g_assert_false (json_object_has_member (jwk, *member));

  /* kid is the RFC 7638 thumbprint. */
  canonical = g_strdup_printf ("{\"e\":\"%s\",\"kty\":\"RSA\",\"n\":\"%s\"}",
                               json_object_get_string_member (jwk, "e"),
                               json_object_get_string_member (jwk, "n"));
  {
    g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
    guint8 digest[32];
    gsize len = sizeof digest;

    g_checksum_update (checksum, (const guchar *)canonical, strlen (canonical));
    g_checksum_get_digest (checksum, digest, &len);
    thumbprint = care_base64url_encode (digest, len);
  }
  g_assert_cmpstr (json_object_get_string_member (jwk, "kid"), ==, thumbprint);
  g_assert_cmpstr (care_client_key_get_kid (key), ==, thumbprint);

  /* Every connection gets a key of its own. */
  g_assert_cmpstr (care_client_key_get_kid (other), !=, care_client_key_get_kid (key));
}

static void
test_assertion (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autoptr(CareClientKey) other = care_client_key_generate (&error);
  g_autoptr(JsonObject) jwk = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) claims2 = NULL;
  g_autofree char *assertion = NULL;
  g_autofree char *assertion2 = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) parts2 = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 exp;

  g_assert_no_error (error);
  care_client_key_set_client_id (key, "install-42");
  assertion = care_client_key_dup_assertion (key, TOKEN_ENDPOINT, &error);
  g_assert_no_error (error);

  /* Compact JWS: three base64url parts. */
  parts = g_strsplit (assertion, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  header = decode_object (parts[0], strlen (parts[0]));
  claims = decode_object (parts[1], strlen (parts[1]));

  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "RS384");
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "JWT");
  g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, care_client_key_get_kid (key));

  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==, "install-42");
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "install-42");
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==, TOKEN_ENDPOINT);
  g_assert_cmpuint (strlen (json_object_get_string_member (claims, "jti")), >=, 22);
  exp = json_object_get_int_member (claims, "exp");
  g_assert_cmpint (exp, >, now);
  /* Short: at most the five minutes portals accept. */
  g_assert_cmpint (exp, <=, now + 300 + 5);
  g_assert_cmpint (json_object_get_int_member (claims, "iat"), <=, now + 5);

  /* The public JWK verifies it; another key's does not. */
  jwk = care_client_key_dup_jwk (key);
  g_assert_true (verify_with_jwk (jwk, assertion));
  g_clear_pointer (&jwk, json_object_unref);
  jwk = care_client_key_dup_jwk (other);
  g_assert_false (verify_with_jwk (jwk, assertion));

  /* Each assertion has a jti of its own. */
  assertion2 = care_client_key_dup_assertion (key, TOKEN_ENDPOINT, &error);
  g_assert_no_error (error);
  parts2 = g_strsplit (assertion2, ".", -1);
  claims2 = decode_object (parts2[1], strlen (parts2[1]));
  g_assert_cmpstr (json_object_get_string_member (claims2, "jti"), !=,
                   json_object_get_string_member (claims, "jti"));
}

static void
test_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autoptr(CareClientKey) back = NULL;
  g_autoptr(CareClientKey) none = NULL;
  g_autoptr(JsonObject) jwk = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *assertion = NULL;
  static const char *unusable[] = {
    "",
    "not json",
    "[]",
    /* What an earlier Carebook kept: the registration, with no key. */
    "{\"client_id\":\"install-42\",\"grant_types\":[\"urn:ietf:params:oauth:grant-type:jwt-bearer\"]}",
    "{\"client_id\":\"install-42\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n"
    "-----END PRIVATE KEY-----\\n\"}",
    "{\"client_id\":\"\",\"private_key\":\"x\"}",
    "{\"client_id\":42,\"private_key\":7}",
  };

  g_assert_no_error (error);
  care_client_key_set_client_id (key, "install-42");
  secret = care_client_key_dup_secret (key);
  g_assert_nonnull (strstr (secret, "PRIVATE KEY"));
  g_assert_nonnull (strstr (secret, "install-42"));

  /* What the keyring gives back signs as the same key. */
  back = care_client_key_new_from_secret (secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (care_client_key_get_client_id (back), ==, "install-42");
  g_assert_cmpstr (care_client_key_get_kid (back), ==, care_client_key_get_kid (key));
  assertion = care_client_key_dup_assertion (back, TOKEN_ENDPOINT, &error);
  g_assert_no_error (error);
  jwk = care_client_key_dup_jwk (key);
  g_assert_true (verify_with_jwk (jwk, assertion));

  /* A damaged or older entry is an error, never a crash. */
  for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
    {
      none = care_client_key_new_from_secret (unusable[i], &error);
      g_assert_null (none);
      g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED);
      g_clear_error (&error);
    }
}

static void
test_grant_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareClientKey) key = care_client_key_generate (&error);
  g_autofree char *secret = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) unusable = NULL;

  g_assert_no_error (error);
  care_client_key_set_client_id (key, "install-42");
  secret = care_client_key_dup_secret (key);
  msg = care_registration_new_grant_message (secret, TOKEN_ENDPOINT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (msg);
  g_assert_cmpstr (soup_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (g_uri_get_path (soup_message_get_uri (msg)), ==, "/oauth2/token");
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_request_headers (msg), NULL), ==,
                   "application/x-www-form-urlencoded");

  unusable = care_registration_new_grant_message ("{}", TOKEN_ENDPOINT, &error);
  g_assert_null (unusable);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED);
}

static void
test_base64url (void)
{
  static const guint8 bytes[] = { 0xfb, 0xff, 0xbf, 0x00, 0x01 };
  g_autofree char *text = care_base64url_encode (bytes, sizeof bytes);
  g_autofree guint8 *back = NULL;
  g_autofree guint8 *bad = NULL;
  gsize len = 0;

  /* URL-safe alphabet, no padding. */
  g_assert_cmpstr (text, ==, "-_-_AAE");
  back = care_base64url_decode (text, &len);
  g_assert_cmpuint (len, ==, sizeof bytes);
  g_assert_cmpmem (back, len, bytes, sizeof bytes);
  bad = care_base64url_decode ("ab+/", &len);
  g_assert_null (bad);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/auth/client-key/jwk", test_jwk);
  g_test_add_func ("/care/auth/client-key/assertion", test_assertion);
  g_test_add_func ("/care/auth/client-key/secret", test_secret);
  g_test_add_func ("/care/auth/client-key/grant-message", test_grant_message);
  g_test_add_func ("/care/auth/client-key/base64url", test_base64url);

  return g_test_run ();
}
