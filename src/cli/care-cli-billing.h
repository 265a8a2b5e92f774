/* care-cli-billing.h — carebook-cli bills and pay
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean care_cli_billing_handles (int    argc,
                                   char **argv);
int      care_cli_billing_main    (int    argc,
                                   char **argv);

G_END_DECLS
