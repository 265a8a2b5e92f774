/* care-sandbox-crypto.h — hashes, codes and tokens for the sandbox's sign-in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *care_sandbox_crypto_random_token    (void);
char     *care_sandbox_crypto_random_digits   (guint        n);
char     *care_sandbox_crypto_hash_password   (const char  *password,
                                               const char  *salt_hex,
                                               guint        iterations);
char     *care_sandbox_crypto_new_salt        (void);
gboolean  care_sandbox_crypto_equal           (const char  *a,
                                               const char  *b);
char     *care_sandbox_crypto_s256_challenge  (const char  *verifier);
int       care_sandbox_crypto_totp            (const char  *secret_base32,
                                               gint64       unix_time);
char     *care_sandbox_crypto_token_hash      (const char  *token);
char     *care_sandbox_crypto_base64url       (const guint8 *data,
                                               gsize         length);

G_END_DECLS
