/* care-connection-store.h — the people this install is connected to
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-authorizer.h"
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
char                *care_connection_store_dup_fhir_base (CareConnectionStore *self,
                                                          const char          *id);
char                *care_connection_store_dup_member (CareConnectionStore *self,
                                                       const char          *id,
                                                       const char          *member);
char                *care_connection_dup_id           (const char          *fhir_base,
                                                       const char          *patient_id);
char                *care_connection_dup_data_dir     (const char          *id);

G_END_DECLS
