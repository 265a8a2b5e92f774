/* care-portal-client-private.h — what the portal client's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-portal-client.h"

G_BEGIN_DECLS

/* One exchange, as long as it is retried: the task data of its GTask. */
typedef struct
{
  char        *method;
  char        *url;
  char        *accept;
  char        *if_none_exist;
  char        *if_match;
  GBytes      *body;
  gboolean     parse_page;
  gsize        max_bytes;
  guint        redirects;
  guint        attempt;
  gboolean     refreshed;
  char        *token;       /* the access token the request was last sent with */
  guint        status;
  char        *date;
  SoupMessage *message;
  guint        retry_id;
} CarePortalRequest;

void care_portal_client_enqueue (CarePortalClient    *self,
                                 CarePortalRequest   *request,
                                 gpointer             source_tag,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

G_END_DECLS
