/* care-http.h — reading an answer within limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * CARE_HTTP_MAX_RESPONSE_BYTES:
 *
 * The largest FHIR answer (a search page, a resource) read from a portal:
 * 32 MB. Pages are 100 entries; even bulky ones stay far below.
 */
#define CARE_HTTP_MAX_RESPONSE_BYTES (32 * 1024 * 1024)

/**
 * CARE_HTTP_MAX_METADATA_BYTES:
 *
 * The largest CapabilityStatement or SMART configuration read: 8 MB.
 * The biggest vendors' statements are about 1 MB.
 */
#define CARE_HTTP_MAX_METADATA_BYTES (8 * 1024 * 1024)

/**
 * CARE_HTTP_MAX_AUTH_BYTES:
 *
 * The largest sign-in answer read (a token, a refresh, a client
 * registration, a revocation): 1 MB. Real ones are a few kilobytes.
 */
#define CARE_HTTP_MAX_AUTH_BYTES (1024 * 1024)

/**
 * CARE_HTTP_AUTH_DEADLINE_MS:
 *
 * How long a sign-in answer may take in all: one minute.
 */
#define CARE_HTTP_AUTH_DEADLINE_MS (60 * 1000)

/**
 * CareHttpLimits:
 * @max_bytes: the most body bytes read; 0 for no limit
 * @deadline_ms: the whole exchange, headers and body, must end within
 *   this; 0 for none
 * @window_ms: the minimum transfer rate is checked over windows this long;
 *   0 for no check
 * @window_min_bytes: the body bytes each window must bring
 *
 * How much, and how slowly, a server may answer. A slow-loris server
 * that sends a byte every 20 s is cut off by the rate or the deadline
 * (libsoup's own timeout only measures each idle gap).
 */
typedef struct
{
  gsize max_bytes;
  guint deadline_ms;
  guint window_ms;
  gsize window_min_bytes;
} CareHttpLimits;

void    care_http_limits_init_default (CareHttpLimits      *limits);
void    care_http_limits_init_auth    (CareHttpLimits      *limits,
                                       SoupSession         *session);
void    care_http_set_auth_limits     (SoupSession         *session,
                                       const CareHttpLimits *limits);
gboolean care_http_is_same_origin     (GUri                *origin,
                                       GUri                *target);
void    care_http_read_async          (SoupSession         *session,
                                       SoupMessage         *message,
                                       const CareHttpLimits *limits,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes *care_http_read_finish         (GAsyncResult        *result,
                                       GError             **error);
SoupMessage *care_http_read_get_message (GAsyncResult      *result);

G_END_DECLS
