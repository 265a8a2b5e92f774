/* care-client-key.h — a per-connection RSA key for the JWT-bearer grant
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The assertion's algorithm (RFC 7518 §3.3) and how long one is good for:
 * SMART and Epic accept at most five minutes. */
#define CARE_CLIENT_KEY_ALGORITHM          "RS384"
#define CARE_CLIENT_KEY_ASSERTION_LIFETIME 240
#define CARE_CLIENT_KEY_BITS               2048

#define CARE_TYPE_CLIENT_KEY (care_client_key_get_type ())

G_DECLARE_FINAL_TYPE (CareClientKey, care_client_key, CARE, CLIENT_KEY, GObject)

CareClientKey *care_client_key_generate          (GError              **error);
void           care_client_key_generate_async    (GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
CareClientKey *care_client_key_generate_finish   (GAsyncResult         *result,
                                                  GError              **error);
CareClientKey *care_client_key_new_from_secret   (const char           *secret,
                                                  GError              **error);
char          *care_client_key_dup_secret        (CareClientKey        *self);

const char    *care_client_key_get_client_id     (CareClientKey        *self);
void           care_client_key_set_client_id     (CareClientKey        *self,
                                                  const char           *client_id);
const char    *care_client_key_get_kid           (CareClientKey        *self);
JsonObject    *care_client_key_dup_jwk           (CareClientKey        *self);

char          *care_client_key_sign_jwt          (CareClientKey        *self,
                                                  JsonObject           *claims,
                                                  GError              **error);
char          *care_client_key_dup_assertion     (CareClientKey        *self,
                                                  const char           *audience,
                                                  GError              **error);

char          *care_base64url_encode             (const guint8         *data,
                                                  gsize                 length);
guint8        *care_base64url_decode             (const char           *text,
                                                  gsize                *out_length);

G_END_DECLS
