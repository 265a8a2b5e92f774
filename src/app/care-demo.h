/* care-demo.h — the demo: an in-process sandbox portal and its family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-context.h"
#include "care-sandbox.h"

G_BEGIN_DECLS

CareSandbox *care_demo_start (CareContext  *context,
                              const char   *cache_dir,
                              guint         interval_seconds,
                              GError      **error);

G_END_DECLS
