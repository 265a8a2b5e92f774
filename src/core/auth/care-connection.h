/* care-connection.h — one signed-in person at one portal, and their tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-authorizer.h"
#include "care-person.h"

G_BEGIN_DECLS

/**
 * CareConnectionState:
 * @CARE_CONNECTION_CONNECTED: tokens work, or can be refreshed
 * @CARE_CONNECTION_SIGN_IN_AGAIN: the refresh token died; cached data stays readable
 */
typedef enum
{
  CARE_CONNECTION_CONNECTED,
  CARE_CONNECTION_SIGN_IN_AGAIN,
} CareConnectionState;

#define CARE_TYPE_CONNECTION (care_connection_get_type ())

G_DECLARE_FINAL_TYPE (CareConnection, care_connection, CARE, CONNECTION, GObject)

CareConnection      *care_connection_new                    (SoupSession    *session,
                                                             const char     *id,
                                                             const char     *token_endpoint);
CareConnection      *care_connection_new_from_sign_in       (SoupSession      *session,
                                                             const CareSignIn *sign_in);
void                 care_connection_update_from_sign_in    (CareConnection   *self,
                                                             const CareSignIn *sign_in);

const char          *care_connection_get_id                 (CareConnection *self);
const char          *care_connection_get_fhir_base          (CareConnection *self);
const char          *care_connection_get_patient_id         (CareConnection *self);
const char          *care_connection_get_fhir_user          (CareConnection *self);
const char          *care_connection_get_token_endpoint     (CareConnection *self);
const char          *care_connection_get_revocation_endpoint (CareConnection *self);
const char          *care_connection_get_display_name       (CareConnection *self);
void                 care_connection_set_display_name       (CareConnection *self,
                                                             const char     *display_name);
const char          *care_connection_get_birth_date         (CareConnection *self);
void                 care_connection_set_birth_date         (CareConnection *self,
                                                             const char     *birth_date);
CareRelationship     care_connection_get_relationship       (CareConnection *self);
void                 care_connection_set_relationship       (CareConnection   *self,
                                                             CareRelationship  relationship);
CareAccessLevel      care_connection_get_access_level       (CareConnection *self);
void                 care_connection_set_access_level       (CareConnection  *self,
                                                             CareAccessLevel  access_level);
const char * const  *care_connection_get_scopes             (CareConnection *self);
void                 care_connection_set_scope              (CareConnection *self,
                                                             const char     *scope);
gboolean             care_connection_grants_type            (CareConnection *self,
                                                             const char     *resource_type);
gint64               care_connection_get_authorization_ends (CareConnection *self);
void                 care_connection_set_authorization_ends (CareConnection *self,
                                                             gint64          authorization_ends);
CareConnectionState  care_connection_get_state              (CareConnection *self);
void                 care_connection_set_state              (CareConnection      *self,
                                                             CareConnectionState  state);
CarePerson          *care_connection_dup_person             (CareConnection *self);

void                 care_connection_set_access_token       (CareConnection *self,
                                                             const char     *access_token,
                                                             gint64          expires_at);
gboolean             care_connection_invalidate_access_token (CareConnection *self,
                                                              const char     *refused);
void                 care_connection_get_access_token_async (CareConnection      *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char                *care_connection_get_access_token_finish (CareConnection  *self,
                                                              GAsyncResult    *result,
                                                              GError         **error);
guint                care_connection_get_n_refreshes        (CareConnection *self);

G_END_DECLS
