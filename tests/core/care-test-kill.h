/* care-test-kill.h — a syncing or sending process killed part-way, and
 * the copies of a write the portal then holds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-test-portal.h"

G_BEGIN_DECLS

gboolean care_test_run_killed               (const char * const *argv,
                                             const char         *prefix,
                                             guint               kill_after,
                                             guint              *n_lines);
gboolean care_test_portal_kill_sender       (CareTestPortal     *portal,
                                             guint               kill_after);
guint    care_test_portal_count_copies      (CareTestPortal     *portal,
                                             const char         *type,
                                             const char         *param,
                                             const char         *client_id);

G_END_DECLS
