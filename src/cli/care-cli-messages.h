/* care-cli-messages.h — carebook-cli messages, message, recipients, renew, letter
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean care_cli_messages_handles (int    argc,
                                    char **argv);
int      care_cli_messages_main    (int    argc,
                                    char **argv);

G_END_DECLS
