/* care-record.h — one person's offline record and what keeps it current
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-cache.h"
#include "care-connection.h"
#include "care-outbox.h"
#include "care-person.h"
#include "care-sync-engine.h"
#include "care-sync-state.h"

G_BEGIN_DECLS

#define CARE_TYPE_RECORD (care_record_get_type ())

G_DECLARE_FINAL_TYPE (CareRecord, care_record, CARE, RECORD, GObject)

CareRecord     *care_record_new              (CarePerson     *person,
                                              CareConnection *connection,
                                              const char     *cache_path);
CarePerson     *care_record_get_person       (CareRecord     *self);
CareCache      *care_record_get_cache        (CareRecord     *self);
CareSyncEngine *care_record_get_engine       (CareRecord     *self);
CareSyncState  *care_record_get_sync_state   (CareRecord     *self);
CareOutbox     *care_record_get_outbox       (CareRecord     *self);
const char     *care_record_get_cache_error  (CareRecord     *self);
guint           care_record_get_generation   (CareRecord     *self);
gboolean        care_record_get_syncing      (CareRecord     *self);
CareTypeStatus  care_record_get_type_status  (CareRecord     *self,
                                              const char     *type,
                                              char          **out_message);
CareConnection *care_record_get_connection   (CareRecord     *self);
void            care_record_set_connection   (CareRecord     *self,
                                              CareConnection *connection);
gboolean        care_record_rebuild          (CareRecord     *self,
                                              GError        **error);
void            care_record_sync             (CareRecord     *self,
                                              CareSyncFlags   flags);
void            care_record_sync_async       (CareRecord          *self,
                                              CareSyncFlags        flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CareSyncReport *care_record_sync_finish      (CareRecord          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void            care_record_start_automatic  (CareRecord     *self,
                                              guint           interval_seconds);
void            care_record_changed          (CareRecord     *self);

G_END_DECLS
