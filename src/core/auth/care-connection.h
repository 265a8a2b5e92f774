/* care-connection.h — one signed-in person at one portal, and their tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

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
const char          *care_connection_get_id                 (CareConnection *self);
CareConnectionState  care_connection_get_state              (CareConnection *self);
void                 care_connection_set_access_token       (CareConnection *self,
                                                             const char     *access_token,
                                                             gint64          expires_at);
void                 care_connection_get_access_token_async (CareConnection      *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char                *care_connection_get_access_token_finish (CareConnection  *self,
                                                              GAsyncResult    *result,
                                                              GError         **error);
guint                care_connection_get_n_refreshes        (CareConnection *self);

G_END_DECLS
