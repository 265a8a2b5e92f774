/* care-sandbox-crypto.c — hashes, codes and tokens for the sandbox's sign-in
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything on GLib's checksums and HMACs: PBKDF2-HMAC-SHA256 for stored
 * passwords (salted, slow), S256 for PKCE, HOTP/TOTP (RFC 4226 / 6238) for
 * authenticator apps, and randomness from getrandom(), never GRand.
 */
#include "config.h"

#include "care-sandbox-crypto.h"

#include <string.h>
#include <sys/random.h>

static void
random_bytes (guint8 *out,
              gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = getrandom (out + done, length - done, 0);

      if (n <= 0)
        g_error ("The system gave no randomness");
      done += n;
    }
}

/**
 * care_sandbox_crypto_base64url:
 * @data: bytes
 * @length: their length
 *
 * Returns: (transfer full): unpadded base64url (RFC 4648 §5)
 */
char *
care_sandbox_crypto_base64url (const guint8 *data,
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

char *
care_sandbox_crypto_random_token (void)
{
  guint8 bytes[32];

  random_bytes (bytes, sizeof bytes);
  return care_sandbox_crypto_base64url (bytes, sizeof bytes);
}

/**
 * care_sandbox_crypto_random_digits:
 * @n: how many digits
 *
 * Returns: (transfer full): @n uniformly random decimal digits
 */
char *
care_sandbox_crypto_random_digits (guint n)
{
  GString *code = g_string_sized_new (n);

  while (code->len < n)
    {
      guint8 byte;

      random_bytes (&byte, 1);
      /* Reject 250–255 so every digit is equally likely. */
      if (byte < 250)
        g_string_append_c (code, '0' + byte % 10);
    }

  return g_string_free (code, FALSE);
}

char *
care_sandbox_crypto_new_salt (void)
{
  guint8 bytes[16];
  GString *hex = g_string_sized_new (32);

  random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);

  return g_string_free (hex, FALSE);
}

/**
 * care_sandbox_crypto_hash_password:
 * @password: the password
 * @salt_hex: the user's salt
 * @iterations: PBKDF2 rounds (100,000 and more in use; fewer in tests)
 *
 * Returns: (transfer full): PBKDF2-HMAC-SHA256 of @password, one 32-byte
 *   block, as hex
 */
char *
care_sandbox_crypto_hash_password (const char *password,
                                   const char *salt_hex,
                                   guint       iterations)
{
  guint8 u[32];
  guint8 t[32];
  gsize len = sizeof u;
  GString *hex = g_string_sized_new (64);
  /* Keyed once: each round copies it rather than hashing the key again,
   * which halves the cost without changing the result. */
  g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)password, strlen (password));
  g_autoptr(GHmac) first = g_hmac_copy (keyed);
  static const guint8 block_index[4] = { 0, 0, 0, 1 };

  g_return_val_if_fail (iterations > 0, NULL);

  g_hmac_update (first, (const guchar *)salt_hex, strlen (salt_hex));
  g_hmac_update (first, block_index, sizeof block_index);
  g_hmac_get_digest (first, u, &len);
  memcpy (t, u, sizeof t);

  for (guint i = 1; i < iterations; i++)
    {
      g_autoptr(GHmac) round = g_hmac_copy (keyed);

      g_hmac_update (round, u, sizeof u);
      len = sizeof u;
      g_hmac_get_digest (round, u, &len);
      for (guint j = 0; j < sizeof t; j++)
        t[j] ^= u[j];
    }

  for (guint i = 0; i < sizeof t; i++)
    g_string_append_printf (hex, "%02x", t[i]);

  return g_string_free (hex, FALSE);
}

/**
 * care_sandbox_crypto_equal:
 * @a: a string
 * @b: another
 *
 * Returns: whether they are equal, in time that does not depend on where
 *   they first differ
 */
gboolean
care_sandbox_crypto_equal (const char *a,
                           const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < MAX (la, lb); i++)
    diff |= (guint8)(i < la ? a[i] : 0) ^ (guint8)(i < lb ? b[i] : 0);

  return diff == 0;
}

/**
 * care_sandbox_crypto_s256_challenge:
 * @verifier: a PKCE code verifier
 *
 * Returns: (transfer full): BASE64URL(SHA256(verifier)) (RFC 7636)
 */
char *
care_sandbox_crypto_s256_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (checksum, (const guchar *)verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);

  return care_sandbox_crypto_base64url (digest, len);
}

static GBytes *
base32_decode (const char *text)
{
  GByteArray *out = g_byte_array_new ();
  guint buffer = 0;
  int bits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      int value;
      char c = g_ascii_toupper (*p);

      if (c == '=' || c == ' ')
        continue;
      if (c >= 'A' && c <= 'Z')
        value = c - 'A';
      else if (c >= '2' && c <= '7')
        value = c - '2' + 26;
      else
        {
          g_byte_array_unref (out);
          return NULL;
        }

      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8)
        {
          guint8 byte = (buffer >> (bits - 8)) & 0xff;

          g_byte_array_append (out, &byte, 1);
          bits -= 8;
        }
    }

  return g_byte_array_free_to_bytes (out);
}

/**
 * care_sandbox_crypto_totp:
 * @secret_base32: the shared secret, base32
 * @unix_time: the moment
 *
 * Returns: the 6-digit TOTP (SHA1, 30 s steps) at @unix_time, or -1 for a
 *   bad secret
 */
int
care_sandbox_crypto_totp (const char *secret_base32,
                          gint64      unix_time)
{
  g_autoptr(GBytes) key = base32_decode (secret_base32);
  g_autoptr(GHmac) hmac = NULL;
  guint64 counter = (guint64)(unix_time / 30);
  guint8 message[8];
  guint8 digest[20];
  gsize len = sizeof digest;
  guint offset;
  guint32 binary;

  if (key == NULL || g_bytes_get_size (key) == 0)
    return -1;

  for (int i = 7; i >= 0; i--)
    {
      message[i] = counter & 0xff;
      counter >>= 8;
    }

  hmac = g_hmac_new (G_CHECKSUM_SHA1, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  g_hmac_update (hmac, message, sizeof message);
  g_hmac_get_digest (hmac, digest, &len);

  offset = digest[19] & 0x0f;
  binary = ((digest[offset] & 0x7f) << 24) | (digest[offset + 1] << 16) |
           (digest[offset + 2] << 8) | digest[offset + 3];

  return binary % 1000000;
}

/**
 * care_sandbox_crypto_token_hash:
 * @token: a code or a refresh token
 *
 * What the database keeps of a secret it only has to recognise: a copy
 * of the database then signs nobody in.
 *
 * Returns: (transfer full): the SHA-256 of @token, 64 hex digits
 */
char *
care_sandbox_crypto_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token != NULL ? token : "", -1);
}
