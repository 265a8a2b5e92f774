/* care-pkce.h — a fresh PKCE verifier, challenge and state per sign-in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *verifier;   /* 43 base64url characters: 32 random bytes */
  char *challenge;  /* BASE64URL(SHA256(verifier)), for code_challenge_method=S256 */
  char *state;      /* a random value the redirect must carry back */
} CarePkce;

CarePkce *care_pkce_new           (void);
void      care_pkce_free          (CarePkce   *pkce);
char     *care_pkce_dup_challenge (const char *verifier);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarePkce, care_pkce_free)

G_END_DECLS
