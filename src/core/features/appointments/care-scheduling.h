/* care-scheduling.h — finding, holding and booking open times
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-appointment.h"
#include "care-outbox.h"

G_BEGIN_DECLS

void        care_scheduling_visit_types_async  (CareOutbox          *outbox,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *care_scheduling_visit_types_finish (CareOutbox          *outbox,
                                                GAsyncResult        *result,
                                                GError             **error);
void        care_scheduling_find_async         (CareOutbox          *outbox,
                                                const char          *visit_type,
                                                const char          *practitioner,
                                                const char          *location,
                                                GDateTime           *from,
                                                GDateTime           *to,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *care_scheduling_find_finish        (CareOutbox          *outbox,
                                                GAsyncResult        *result,
                                                GError             **error);
void        care_scheduling_hold_async         (CareOutbox          *outbox,
                                                JsonObject          *proposal,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonObject *care_scheduling_hold_finish        (CareOutbox          *outbox,
                                                GAsyncResult        *result,
                                                GError             **error);
void        care_scheduling_book_async         (CareOutbox          *outbox,
                                                JsonObject          *proposal,
                                                JsonObject          *replacing,
                                                const char          *reason,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonObject *care_scheduling_book_finish        (CareOutbox          *outbox,
                                                GAsyncResult        *result,
                                                GError             **error);
JsonObject *care_scheduling_find_proposal      (GPtrArray           *proposals,
                                                const char          *slot_id);

G_END_DECLS
