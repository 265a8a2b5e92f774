/* care-sandbox-seed-private.h — shared by the demo seeder's files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-store.h"

G_BEGIN_DECLS

typedef struct
{
  CareSandboxStore *store;
  GRand            *rand;
  GDate             today;
  GError          **error;
  gboolean          failed;
} Seeder;

void    care_seed_put               (Seeder     *seeder,
                                     const char *format,
                                     ...) G_GNUC_PRINTF (2, 3);
char   *care_seed_day               (Seeder     *seeder,
                                     int         days_ago);
double  care_seed_jitter            (Seeder     *seeder,
                                     double      amount);

void    care_seed_care_plans        (Seeder     *seeder);
void    care_seed_documents         (Seeder     *seeder);
void    care_seed_billing           (Seeder     *seeder);
void    care_seed_messages          (Seeder     *seeder);
void    care_seed_appointments      (Seeder     *seeder);
void    care_seed_home_readings     (Seeder     *seeder,
                                     guint       extra_scale);

G_END_DECLS
