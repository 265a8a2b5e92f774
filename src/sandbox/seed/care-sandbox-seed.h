/* care-sandbox-seed.h — the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-store.h"

G_BEGIN_DECLS

/**
 * CareSandboxSeedOptions:
 * @seed: same seed, same data
 * @scale: multiplies the adult's history (1 is the demo)
 */
typedef struct
{
  guint seed;
  guint scale;
} CareSandboxSeedOptions;

/* The demo family's patient ids. */
#define CARE_SANDBOX_DEMO_ADULT "adult"
#define CARE_SANDBOX_DEMO_CHILD "child"
#define CARE_SANDBOX_DEMO_TEEN  "teen"
#define CARE_SANDBOX_DEMO_ELDER "elder"

gboolean care_sandbox_seed_demo (CareSandboxStore             *store,
                                 const CareSandboxSeedOptions *options,
                                 GError                      **error);

G_END_DECLS
