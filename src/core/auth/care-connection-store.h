/* care-connection-store.h — the people this install is connected to
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-authorizer.h"
#include "care-connection.h"
#include "care-person.h"

G_BEGIN_DECLS

#define CARE_TYPE_CONNECTION_STORE (care_connection_store_get_type ())

G_DECLARE_FINAL_TYPE (CareConnectionStore, care_connection_store, CARE, CONNECTION_STORE, GObject)

CareConnectionStore *care_connection_store_new        (const char          *path);
gboolean             care_connection_store_load       (CareConnectionStore *self,
                                                       GError             **error);
CarePerson          *care_connection_store_add        (CareConnectionStore *self,
                                                       const CareSignIn    *sign_in,
                                                       GError             **error);
gboolean             care_connection_store_remove     (CareConnectionStore *self,
                                                       const char          *id,
                                                       GError             **error);
GListModel          *care_connection_store_get_people (CareConnectionStore *self);
GStrv                care_connection_store_dup_ids    (CareConnectionStore *self,
                                                       const char          *fhir_base);
char                *care_connection_store_dup_fhir_base (CareConnectionStore *self,
                                                          const char          *id);
char                *care_connection_store_dup_member (CareConnectionStore *self,
                                                       const char          *id,
                                                       const char          *member);
CareConnection      *care_connection_store_get_connection (CareConnectionStore *self,
                                                           SoupSession         *session,
                                                           const char          *id);

void                 care_connection_store_connect_async  (CareConnectionStore *self,
                                                           CareAuthorizer      *authorizer,
                                                           const char          *fhir_base,
                                                           const char          *login_hint,
                                                           CareRedirectMode     mode,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
CareConnection      *care_connection_store_connect_finish (CareConnectionStore *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

char                *care_connection_dup_id           (const char          *fhir_base,
                                                       const char          *patient_id);
char                *care_connection_dup_data_dir     (const char          *id);

G_END_DECLS
