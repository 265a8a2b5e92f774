/* care-http.c — reading an answer within limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * soup_session_send_and_read_async() reads whatever a server sends, for
 * as long as it keeps sending: a 200 MB page was read whole, and a server
 * trickling a byte every 20 s held a sync forever. This reads the body in
 * chunks and stops with CARE_PORTAL_ERROR_TOO_LARGE past a size (before
 * reading at all when Content-Length says so already), and with
 * CARE_PORTAL_ERROR_TOO_SLOW past an overall deadline or when a window
 * of time brings too few bytes.
 *
 * Redirects: a caller that judges them itself sets
 * SOUP_MESSAGE_NO_REDIRECT (the portal client does). For everyone else
 * libsoup follows them, but only within the origin of the first request:
 * one to another server, or from https to http, is refused with
 * CARE_PORTAL_ERROR_INSECURE before anything is sent there (a token
 * endpoint's 307 would otherwise resend the code and PKCE verifier).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-http.h"

#define CHUNK_SIZE     (64 * 1024)
#define MAX_REDIRECTS  5
#define AUTH_LIMITS    "care-http-auth-limits"

typedef enum
{
  CUT_NONE,
  CUT_DEADLINE,
  CUT_RATE,
} Cut;

typedef struct
{
  SoupMessage    *message;
  GInputStream   *stream;
  GByteArray     *buffer;
  CareHttpLimits  limits;
  GCancellable   *cancellable;   /* ours: the deadline and rate cancel it */
  GCancellable   *outer;
  gulong          outer_id;
  guint           deadline_id;
  guint           window_id;
  gsize           window_bytes;
  Cut             cut;
  GUri           *origin;        /* set when libsoup may follow redirects */
  gulong          got_headers_id;
  guint           redirects;
  gboolean        refused_redirect;
} Read;

static void
read_free (Read *read)
{
  g_clear_handle_id (&read->deadline_id, g_source_remove);
  g_clear_handle_id (&read->window_id, g_source_remove);
  if (read->outer != NULL)
    g_cancellable_disconnect (read->outer, read->outer_id);
  g_clear_object (&read->outer);
  g_clear_signal_handler (&read->got_headers_id, read->message);
  g_clear_pointer (&read->origin, g_uri_unref);
  if (read->stream != NULL && !g_input_stream_is_closed (read->stream))
    g_input_stream_close_async (read->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&read->stream);
  g_clear_object (&read->message);
  g_clear_object (&read->cancellable);
  g_clear_pointer (&read->buffer, g_byte_array_unref);
  g_free (read);
}

/**
 * care_http_limits_init_default:
 * @limits: limits to fill
 *
 * %CARE_HTTP_MAX_RESPONSE_BYTES, ten minutes in all, and at least 4 KB in
 * every 30 s.
 */
void
care_http_limits_init_default (CareHttpLimits *limits)
{
  limits->max_bytes = CARE_HTTP_MAX_RESPONSE_BYTES;
  limits->deadline_ms = 10 * 60 * 1000;
  limits->window_ms = 30 * 1000;
  limits->window_min_bytes = 4096;
}

/**
 * care_http_limits_init_auth:
 * @limits: limits to fill
 * @session: (nullable): the session the answer comes through
 *
 * The limits for sign-in answers (tokens, refreshes, client registration,
 * revocation): %CARE_HTTP_MAX_AUTH_BYTES within
 * %CARE_HTTP_AUTH_DEADLINE_MS, or what care_http_set_auth_limits() gave
 * @session.
 */
void
care_http_limits_init_auth (CareHttpLimits *limits,
                            SoupSession    *session)
{
  const CareHttpLimits *own = session != NULL ? g_object_get_data (G_OBJECT (session), AUTH_LIMITS) : NULL;

  if (own != NULL)
    {
      *limits = *own;
      return;
    }
  limits->max_bytes = CARE_HTTP_MAX_AUTH_BYTES;
  limits->deadline_ms = CARE_HTTP_AUTH_DEADLINE_MS;
  limits->window_ms = 0;
  limits->window_min_bytes = 0;
}

/**
 * care_http_set_auth_limits:
 * @session: a session
 * @limits: what care_http_limits_init_auth() gives for @session from now
 *
 * For tests, which cannot wait a minute for a silent token endpoint.
 */
void
care_http_set_auth_limits (SoupSession          *session,
                           const CareHttpLimits *limits)
{
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (limits != NULL);

  g_object_set_data_full (G_OBJECT (session), AUTH_LIMITS, g_memdup2 (limits, sizeof *limits), g_free);
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/**
 * care_http_is_same_origin:
 * @origin: where a request went first
 * @target: where it is sent on to
 *
 * Returns: whether @target has @origin's scheme, host and port: https to
 *   http, or to another host or port, is not
 */
gboolean
care_http_is_same_origin (GUri *origin,
                          GUri *target)
{
  return origin != NULL && target != NULL &&
         g_uri_get_scheme (origin) != NULL && g_uri_get_scheme (target) != NULL &&
         g_uri_get_host (origin) != NULL && g_uri_get_host (target) != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (origin), g_uri_get_scheme (target)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (origin), g_uri_get_host (target)) == 0 &&
         effective_port (origin) == effective_port (target);
}

/* Before libsoup decides to follow a redirect: one that leaves the first
 * request's origin is not followed, and the read fails. */
static void
got_headers_cb (SoupMessage *message,
                Read        *read)
{
  guint status = soup_message_get_status (message);
  const char *location;
  g_autoptr(GUri) target = NULL;

  if (!SOUP_STATUS_IS_REDIRECTION (status) || status == SOUP_STATUS_NOT_MODIFIED)
    return;
  location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  if (location == NULL)
    return;
  target = g_uri_parse_relative (soup_message_get_uri (message), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (!care_http_is_same_origin (read->origin, target) || ++read->redirects > MAX_REDIRECTS)
    {
      g_debug ("A redirect away from the first request's origin was not followed");
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      read->refused_redirect = TRUE;
    }
}

static void
set_too_large (GTask *task,
               gsize  max_bytes)
{
  g_autofree char *size = g_format_size (max_bytes);

  g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_LARGE,
                           /* Translators: %1$s is a size such as "32.0 MB" */
                           _("The health system sent more than %1$s in one answer; Carebook "
                             "did not read the rest."), size);
}

static void
return_error (GTask  *task,
              GError *error)
{
  Read *read = g_task_get_task_data (task);

  if (read->cut != CUT_NONE && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      (read->outer == NULL || !g_cancellable_is_cancelled (read->outer)))
    {
      g_error_free (error);
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_SLOW, "%s",
                               read->cut == CUT_DEADLINE
                               ? _("The health system took too long to answer.")
                               : _("The health system answered too slowly."));
      return;
    }
  g_task_return_error (task, error);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Read *read = user_data;

  read->deadline_id = 0;
  read->cut = CUT_DEADLINE;
  g_cancellable_cancel (read->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
window_cb (gpointer user_data)
{
  Read *read = user_data;

  if (read->window_bytes < read->limits.window_min_bytes)
    {
      read->window_id = 0;
      read->cut = CUT_RATE;
      g_cancellable_cancel (read->cancellable);
      return G_SOURCE_REMOVE;
    }
  read->window_bytes = 0;
  return G_SOURCE_CONTINUE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static void read_next (GTask *task);

static void
chunk_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  gsize size;

  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }
  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      GBytes *body = g_byte_array_free_to_bytes (g_steal_pointer (&read->buffer));

      g_task_return_pointer (task, body, (GDestroyNotify)g_bytes_unref);
      return;
    }
  if (read->limits.max_bytes > 0 && read->buffer->len + size > read->limits.max_bytes)
    {
      set_too_large (task, read->limits.max_bytes);
      return;
    }
  g_byte_array_append (read->buffer, g_bytes_get_data (chunk, NULL), size);
  read->window_bytes += size;
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Read *read = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (read->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT, read->cancellable,
                                   chunk_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  goffset declared;

  read->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (read->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  if (read->refused_redirect)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE, "%s",
                               _("The health system sent Carebook to another server, or to an "
                                 "unencrypted address; Carebook did not follow."));
      return;
    }

  headers = soup_message_get_response_headers (read->message);
  declared = soup_message_headers_get_content_length (headers);
  if (read->limits.max_bytes > 0 && declared > 0 && (guint64)declared > read->limits.max_bytes)
    {
      set_too_large (task, read->limits.max_bytes);
      return;
    }
  read->buffer = g_byte_array_sized_new (declared > 0 ? (guint)MIN (declared, CHUNK_SIZE * 16) : CHUNK_SIZE);
  read->window_bytes = 0;
  if (read->limits.window_ms > 0)
    read->window_id = g_timeout_add (read->limits.window_ms, window_cb, read);
  read_next (g_steal_pointer (&task));
}

/**
 * care_http_read_async:
 * @session: a session
 * @message: the request
 * @limits: (nullable): how much and how slowly; %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends @message and reads its body within @limits. The status and
 * headers are @message's, as with soup_session_send_and_read_async().
 * Unless @message has %SOUP_MESSAGE_NO_REDIRECT, redirects are followed
 * within the origin of its address only (care_http_is_same_origin()).
 */
void
care_http_read_async (SoupSession          *session,
                      SoupMessage          *message,
                      const CareHttpLimits *limits,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  GTask *task;
  Read *read;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_http_read_async);
  read = g_new0 (Read, 1);
  read->message = g_object_ref (message);
  if (limits != NULL)
    read->limits = *limits;
  else
    care_http_limits_init_default (&read->limits);
  read->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      read->outer = g_object_ref (cancellable);
      read->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                              read->cancellable, NULL);
    }
  if (!(soup_message_query_flags (message, SOUP_MESSAGE_NO_REDIRECT)))
    {
      read->origin = g_uri_ref (soup_message_get_uri (message));
      read->got_headers_id = g_signal_connect (message, "got-headers", G_CALLBACK (got_headers_cb), read);
    }
  g_task_set_task_data (task, read, (GDestroyNotify)read_free);
  /* The caller's cancellation is checked by the task itself. */
  g_task_set_check_cancellable (task, FALSE);

  if (read->limits.deadline_ms > 0)
    read->deadline_id = g_timeout_add (read->limits.deadline_ms, deadline_cb, read);
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, read->cancellable, sent_cb, task);
}

/**
 * care_http_read_finish:
 * @result: the result
 * @error: return location for a #GError: %CARE_PORTAL_ERROR_TOO_LARGE,
 *   %CARE_PORTAL_ERROR_TOO_SLOW, or libsoup's and GIO's own
 *
 * Returns: (transfer full) (nullable): the body
 */
GBytes *
care_http_read_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_http_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_http_read_get_message:
 * @result: the result given to care_http_read_async()'s callback
 *
 * Returns: (transfer none): the message sent, for its status and headers
 */
SoupMessage *
care_http_read_get_message (GAsyncResult *result)
{
  Read *read;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_http_read_async, NULL);

  read = g_task_get_task_data (G_TASK (result));
  return read->message;
}
