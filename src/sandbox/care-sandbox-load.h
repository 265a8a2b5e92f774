/* care-sandbox-load.h — how many requests the portal is answering at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint n_requests;  /* requests read */
  guint in_flight;   /* read and not yet answered */
  guint peak;        /* the most in flight at once */
} CareSandboxLoad;

void care_sandbox_load_watch (CareSandboxLoad *load,
                              SoupServer      *server);

G_END_DECLS
