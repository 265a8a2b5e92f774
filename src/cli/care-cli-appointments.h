/* care-cli-appointments.h — carebook-cli appointments and appointment …
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean care_cli_appointments_handles (int    argc,
                                        char **argv);
int      care_cli_appointments_main    (int    argc,
                                        char **argv);

G_END_DECLS
