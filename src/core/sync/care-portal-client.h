/* care-portal-client.h — HTTP to one FHIR server, politely and persistently
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-connection.h"
#include "care-fhir-page.h"
#include "care-http.h"

G_BEGIN_DECLS

#define CARE_FHIR_ACCEPT "application/fhir+json, application/json+fhir;q=0.9, application/json;q=0.8"

/**
 * CarePortalResponse:
 * @status: the HTTP status
 * @content_type: (nullable): the Content-Type
 * @location: (nullable): the Location header (after a create)
 * @date: (nullable): the server's Date header
 * @body: the body
 *
 * A finished exchange.
 */
typedef struct
{
  guint   status;
  char   *content_type;
  char   *location;
  char   *date;
  GBytes *body;
} CarePortalResponse;

#define CARE_TYPE_PORTAL_CLIENT (care_portal_client_get_type ())

G_DECLARE_FINAL_TYPE (CarePortalClient, care_portal_client, CARE, PORTAL_CLIENT, GObject)

CarePortalClient   *care_portal_client_new            (const char       *fhir_base,
                                                       CareConnection   *connection);
const char         *care_portal_client_get_fhir_base  (CarePortalClient *self);
void                care_portal_client_set_access_token (CarePortalClient *self,
                                                         const char       *access_token);
void                care_portal_client_set_backoff    (CarePortalClient *self,
                                                       guint             base_ms,
                                                       guint             cap_ms,
                                                       guint             max_attempts);
void                care_portal_client_set_limits     (CarePortalClient *self,
                                                       const CareHttpLimits *limits);
guint               care_portal_client_get_peak_in_flight (CarePortalClient *self);
guint               care_portal_client_get_n_requests (CarePortalClient *self);
char               *care_portal_client_resolve        (CarePortalClient *self,
                                                       const char       *path_or_url);

void                care_portal_client_request_async  (CarePortalClient   *self,
                                                       const char         *method,
                                                       const char         *path_or_url,
                                                       const char         *accept,
                                                       GBytes             *body,
                                                       const char         *if_none_exist,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
void                care_portal_client_download_async (CarePortalClient   *self,
                                                       const char         *path_or_url,
                                                       const char         *accept,
                                                       gsize               max_bytes,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
void                care_portal_client_request_update_async (CarePortalClient   *self,
                                                             const char         *path,
                                                             GBytes             *body,
                                                             const char         *version,
                                                             GCancellable       *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
CarePortalResponse *care_portal_client_request_finish (CarePortalClient   *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);
void                care_portal_client_fetch_page_async  (CarePortalClient   *self,
                                                          const char         *path_or_url,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
CareFhirPage       *care_portal_client_fetch_page_finish (CarePortalClient   *self,
                                                          GAsyncResult       *result,
                                                          guint              *out_status,
                                                          char              **out_date,
                                                          GError            **error);
void                care_portal_response_free         (CarePortalResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarePortalResponse, care_portal_response_free)

G_END_DECLS
