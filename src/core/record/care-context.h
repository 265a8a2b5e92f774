/* care-context.h — the services a window and its views share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-directory.h"
#include "care-person.h"
#include "care-sync-state.h"

typedef struct _CareRecord CareRecord;

G_BEGIN_DECLS

#define CARE_TYPE_CONTEXT (care_context_get_type ())

G_DECLARE_FINAL_TYPE (CareContext, care_context, CARE, CONTEXT, GObject)

CareContext   *care_context_new            (gboolean     demo);
gboolean       care_context_get_demo       (CareContext *self);
GListModel    *care_context_get_people     (CareContext *self);
void           care_context_add_person     (CareContext *self,
                                            CarePerson  *person);
void           care_context_remove_person  (CareContext *self,
                                            const char  *id);
CarePerson    *care_context_lookup_person  (CareContext *self,
                                            const char  *id);
CarePerson    *care_context_get_person     (CareContext *self);
void           care_context_set_person     (CareContext *self,
                                            CarePerson  *person);
CareSyncState *care_context_get_sync_state (CareContext *self);
void           care_context_add_record     (CareContext *self,
                                            CareRecord  *record);
void           care_context_remove_record  (CareContext *self,
                                            const char  *person_id);
CareRecord    *care_context_get_record     (CareContext *self);
CareRecord    *care_context_lookup_record  (CareContext *self,
                                            const char  *person_id);
GPtrArray     *care_context_dup_records    (CareContext *self);
void           care_context_get_today      (CareContext *self,
                                            GDate       *out_today);
void           care_context_set_today      (CareContext *self,
                                            GDate       *today);
void           care_context_request_sync   (CareContext *self);
gboolean       care_context_can_sync       (CareContext *self);
CareDirectory *care_context_get_directory  (CareContext *self);
void           care_context_load_directories (CareContext *self,
                                              const char  *shipped_dir);
void           care_context_import_directory_async  (CareContext         *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       care_context_import_directory_finish (CareContext         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
