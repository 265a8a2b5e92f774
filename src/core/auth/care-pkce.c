/* care-pkce.c — a fresh PKCE verifier, challenge and state per sign-in
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 7636 with S256 only; every attempt gets new values from the
 * system's randomness, never GRand.
 */
#include "config.h"

#include "care-pkce.h"

#include <string.h>
#include <sys/random.h>

static char *
base64url (const guint8 *data,
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

static char *
random_base64url (gsize n_bytes)
{
  guint8 bytes[64];
  gsize done = 0;

  g_assert (n_bytes <= sizeof bytes);
  while (done < n_bytes)
    {
      gssize n = getrandom (bytes + done, n_bytes - done, 0);

      if (n <= 0)
        g_error ("The system gave no randomness");
      done += n;
    }

  return base64url (bytes, n_bytes);
}

/**
 * care_pkce_dup_challenge:
 * @verifier: a code verifier
 *
 * Returns: (transfer full): its S256 code challenge
 */
char *
care_pkce_dup_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *)verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);

  return base64url (digest, len);
}

/**
 * care_pkce_new:
 *
 * Returns: (transfer full): new verifier, challenge and state
 */
CarePkce *
care_pkce_new (void)
{
  CarePkce *pkce = g_new0 (CarePkce, 1);

  pkce->verifier = random_base64url (32);
  pkce->challenge = care_pkce_dup_challenge (pkce->verifier);
  pkce->state = random_base64url (16);

  return pkce;
}

void
care_pkce_free (CarePkce *pkce)
{
  if (pkce == NULL)
    return;

  g_free (pkce->verifier);
  g_free (pkce->challenge);
  g_free (pkce->state);
  g_free (pkce);
}
