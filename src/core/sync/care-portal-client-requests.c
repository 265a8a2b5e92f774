/* care-portal-client-requests.c — the exchanges a portal client offers:
 * a request, a download, an update, a page of a search
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each builds a CarePortalRequest and queues it (care-portal-client.c
 * sends, retries and reads it).
 */
#include "config.h"

#include "care-portal-client.h"
#include "care-portal-client-private.h"

/**
 * care_portal_client_request_async:
 * @self: a client
 * @method: "GET", "POST", "PUT"…
 * @path_or_url: relative to the FHIR base, or absolute
 * @accept: (nullable): the Accept header; %NULL for FHIR JSON
 * @body: (nullable): a FHIR JSON body
 * @if_none_exist: (nullable): an If-None-Exist search, for conditional create
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * One exchange, queued behind the four in flight and retried as the
 * module comment says. Any status that is not retried comes back as a
 * response, for the caller to judge.
 */
void
care_portal_client_request_async (CarePortalClient    *self,
                                  const char          *method,
                                  const char          *path_or_url,
                                  const char          *accept,
                                  GBytes              *body,
                                  const char          *if_none_exist,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CarePortalRequest *request;

  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));
  g_return_if_fail (method != NULL && path_or_url != NULL);

  request = g_new0 (CarePortalRequest, 1);
  request->method = g_strdup (method);
  request->url = care_portal_client_resolve (self, path_or_url);
  request->accept = g_strdup (accept != NULL ? accept : CARE_FHIR_ACCEPT);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->if_none_exist = g_strdup (if_none_exist);
  care_portal_client_enqueue (self, request, care_portal_client_request_async, cancellable, callback, user_data);
}

/**
 * care_portal_client_download_async:
 * @self: a client
 * @path_or_url: relative to the FHIR base, or absolute
 * @accept: (nullable): the Accept header; %NULL for FHIR JSON
 * @max_bytes: the most bytes read: an attachment's limit, or
 *   %CARE_HTTP_MAX_METADATA_BYTES for a CapabilityStatement
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with care_portal_client_request_finish()
 * @user_data: for @callback
 *
 * A GET like care_portal_client_request_async(), whose body may be larger
 * or must be smaller than a FHIR answer's. Reading stops past @max_bytes
 * with %CARE_PORTAL_ERROR_TOO_LARGE, whatever size the server declared.
 */
void
care_portal_client_download_async (CarePortalClient    *self,
                                   const char          *path_or_url,
                                   const char          *accept,
                                   gsize                max_bytes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CarePortalRequest *request;

  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));
  g_return_if_fail (path_or_url != NULL);
  g_return_if_fail (max_bytes > 0);

  request = g_new0 (CarePortalRequest, 1);
  request->method = g_strdup ("GET");
  request->url = care_portal_client_resolve (self, path_or_url);
  request->accept = g_strdup (accept != NULL ? accept : CARE_FHIR_ACCEPT);
  request->max_bytes = max_bytes;
  care_portal_client_enqueue (self, request, care_portal_client_request_async, cancellable, callback, user_data);
}

/**
 * care_portal_client_request_update_async:
 * @self: a client
 * @path: "Type/id", relative to the FHIR base
 * @body: the resource
 * @version: (nullable): the version the user saw, sent as If-Match
 *   (W/"version"); the server answers 412 when it has another
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * A PUT, as care_portal_client_request_async() sends; finish it with
 * care_portal_client_request_finish().
 */
void
care_portal_client_request_update_async (CarePortalClient    *self,
                                         const char          *path,
                                         GBytes              *body,
                                         const char          *version,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  CarePortalRequest *request;

  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));
  g_return_if_fail (path != NULL && body != NULL);

  request = g_new0 (CarePortalRequest, 1);
  request->method = g_strdup ("PUT");
  request->url = care_portal_client_resolve (self, path);
  request->accept = g_strdup (CARE_FHIR_ACCEPT);
  request->body = g_bytes_ref (body);
  request->if_match = version != NULL ? g_strdup_printf ("W/\"%s\"", version) : NULL;
  care_portal_client_enqueue (self, request, care_portal_client_request_async, cancellable, callback, user_data);
}

/**
 * care_portal_client_request_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a #CARE_PORTAL_ERROR
 *
 * Returns: (transfer full) (nullable): the response
 */
CarePortalResponse *
care_portal_client_request_finish (CarePortalClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_portal_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_portal_client_fetch_page_async:
 * @self: a client
 * @path_or_url: a search or read, relative or absolute
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * GETs FHIR JSON and parses it in a worker thread.
 */
void
care_portal_client_fetch_page_async (CarePortalClient    *self,
                                     const char          *path_or_url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CarePortalRequest *request;

  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));
  g_return_if_fail (path_or_url != NULL);

  request = g_new0 (CarePortalRequest, 1);
  request->method = g_strdup ("GET");
  request->url = care_portal_client_resolve (self, path_or_url);
  request->accept = g_strdup (CARE_FHIR_ACCEPT);
  request->parse_page = TRUE;
  care_portal_client_enqueue (self, request, care_portal_client_fetch_page_async, cancellable, callback, user_data);
}

/**
 * care_portal_client_fetch_page_finish:
 * @self: a client
 * @result: the result
 * @out_status: (out) (optional): the last HTTP status (410 tells a search
 *   to start again)
 * @out_date: (out) (optional) (transfer full) (nullable): the server's Date
 * @error: return location for a #CARE_PORTAL_ERROR or #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): the parsed page
 */
CareFhirPage *
care_portal_client_fetch_page_finish (CarePortalClient  *self,
                                      GAsyncResult      *result,
                                      guint             *out_status,
                                      char             **out_date,
                                      GError           **error)
{
  CarePortalRequest *request;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_portal_client_fetch_page_async, NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (out_status != NULL)
    *out_status = request->status;
  if (out_date != NULL)
    *out_date = g_strdup (request->date);
  return g_task_propagate_pointer (G_TASK (result), error);
}
