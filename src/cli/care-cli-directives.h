/* care-cli-directives.h — carebook-cli directives and directive
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean care_cli_directives_handles (int    argc,
                                      char **argv);
int      care_cli_directives_main    (int    argc,
                                      char **argv);

G_END_DECLS
