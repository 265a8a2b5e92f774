/* care-portal-client.c — HTTP to one FHIR server, politely and persistently
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession per portal (STYLE.md §5), and in front of it the queue
 * of the server (care-portal-gate.c), shared with every other client of
 * the same origin, so at most four requests are ever in flight to that
 * server whoever sends them (FHIR-CLIENT.md 19). 408, 429, 500, 502, 503, 504, network errors and
 * answers that do not parse (a dropped or truncated body) are retried with
 * capped exponential backoff plus jitter, waiting at least as long as a
 * Retry-After header asks; such a header also pauses every client of the
 * server for that long. A 401 gets exactly one token refresh through the
 * connection, then fails as unauthorized. A request that is not safe to
 * repeat (a POST without If-None-Exist: an operation, a payment) is
 * retried only when the portal cannot have acted on it (no connection,
 * 408, 429, 503); after a 500, 502, 504 or a connection lost on the way it
 * fails with CARE_PORTAL_ERROR_AMBIGUOUS instead of being sent twice.
 *
 * The bearer token only ever goes to the portal's own origin: a next link
 * that points somewhere else is refused rather than followed with it, and
 * so is a redirect (libsoup's own following is off): an answer from
 * another origin, or over plain HTTP after HTTPS, is never taken as the
 * portal's. Bodies are read within limits (care-http.c): a size, an
 * overall deadline and a minimum rate.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-http.h"
#include "care-portal-client.h"
#include "care-portal-client-private.h"
#include "care-portal-gate.h"

#include <string.h>

#define RETRY_AFTER_CAP_MS (5 * 60 * 1000)
#define MAX_REDIRECTS      5

struct _CarePortalClient
{
  GObject         parent_instance;

  SoupSession    *session;
  CareConnection *connection;
  char           *fhir_base;
  GUri           *base_uri;
  char           *access_token;
  CarePortalGate *gate;       /* shared with every client of the server */
  guint           in_flight;  /* this client's */
  guint           peak_in_flight;
  guint           n_requests;
  guint           base_ms;
  guint           cap_ms;
  guint           max_attempts;
  CareHttpLimits  limits;
};

G_DEFINE_FINAL_TYPE (CarePortalClient, care_portal_client, G_TYPE_OBJECT)

static void start (GTask *task);

static void
request_free (CarePortalRequest *request)
{
  g_free (request->method);
  g_free (request->url);
  g_free (request->accept);
  g_free (request->if_none_exist);
  g_free (request->token);
  g_free (request->if_match);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->date);
  g_clear_object (&request->message);
  g_clear_handle_id (&request->retry_id, g_source_remove);
  g_free (request);
}

/**
 * care_portal_response_free:
 * @response: (nullable): a response
 */
void
care_portal_response_free (CarePortalResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_free (response->location);
  g_free (response->date);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

static void
care_portal_client_dispose (GObject *object)
{
  CarePortalClient *self = (CarePortalClient *)object;

  /* Queued tasks hold a reference on us, so none is waiting here. */
  g_assert (self->in_flight == 0);
  g_clear_pointer (&self->gate, care_portal_gate_release);
  g_clear_object (&self->session);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (care_portal_client_parent_class)->dispose (object);
}

static void
care_portal_client_finalize (GObject *object)
{
  CarePortalClient *self = (CarePortalClient *)object;

  g_free (self->fhir_base);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->access_token);

  G_OBJECT_CLASS (care_portal_client_parent_class)->finalize (object);
}

static void
care_portal_client_class_init (CarePortalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_portal_client_dispose;
  object_class->finalize = care_portal_client_finalize;
}

static void
care_portal_client_init (CarePortalClient *self)
{
  self->base_ms = 500;
  self->cap_ms = 30000;
  self->max_attempts = 8;
  care_http_limits_init_default (&self->limits);
}

/**
 * care_portal_client_new:
 * @fhir_base: the FHIR base URL
 * @connection: (nullable): where access tokens come from; %NULL to set one
 *   with care_portal_client_set_access_token()
 *
 * Returns: (transfer full): a client with its own session
 */
CarePortalClient *
care_portal_client_new (const char     *fhir_base,
                        CareConnection *connection)
{
  CarePortalClient *self;

  g_return_val_if_fail (fhir_base != NULL, NULL);
  g_return_val_if_fail (connection == NULL || CARE_IS_CONNECTION (connection), NULL);

  self = g_object_new (CARE_TYPE_PORTAL_CLIENT, NULL);
  self->fhir_base = g_strdup (fhir_base);
  if (g_str_has_suffix (self->fhir_base, "/"))
    self->fhir_base[strlen (self->fhir_base) - 1] = '\0';
  self->base_uri = g_uri_parse (self->fhir_base, G_URI_FLAGS_NONE, NULL);
  self->connection = connection != NULL ? g_object_ref (connection) : NULL;
  self->gate = care_portal_gate_acquire (self->base_uri);
  /* Connections are limited by the server's gate, not the session. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "max-conns-per-host", CARE_PORTAL_GATE_MAX_IN_FLIGHT,
                                "timeout", 60,
                                "user-agent", "Carebook/" PACKAGE_VERSION,
                                NULL);
  return self;
}

/**
 * care_portal_client_get_fhir_base:
 * @self: a client
 *
 * Returns: the FHIR base, without a trailing slash
 */
const char *
care_portal_client_get_fhir_base (CarePortalClient *self)
{
  g_return_val_if_fail (CARE_IS_PORTAL_CLIENT (self), NULL);
  return self->fhir_base;
}

/**
 * care_portal_client_set_access_token:
 * @self: a client
 * @access_token: (nullable): a bearer token, for clients without a
 *   connection (tests, the CLI with a token in hand)
 */
void
care_portal_client_set_access_token (CarePortalClient *self,
                                     const char       *access_token)
{
  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));

  g_free (self->access_token);
  self->access_token = g_strdup (access_token);
}

/**
 * care_portal_client_set_backoff:
 * @self: a client
 * @base_ms: the first retry's delay
 * @cap_ms: the longest delay backoff grows to (Retry-After may ask longer)
 * @max_attempts: attempts per request, first one included
 */
void
care_portal_client_set_backoff (CarePortalClient *self,
                                guint             base_ms,
                                guint             cap_ms,
                                guint             max_attempts)
{
  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->base_ms = base_ms;
  self->cap_ms = cap_ms;
  self->max_attempts = max_attempts;
}

/**
 * care_portal_client_set_limits:
 * @self: a client
 * @limits: how much and how slowly the portal may answer; its @max_bytes
 *   applies to FHIR answers (downloads say their own)
 *
 * The defaults are care_http_limits_init_default()'s; tests shorten them.
 */
void
care_portal_client_set_limits (CarePortalClient     *self,
                               const CareHttpLimits *limits)
{
  g_return_if_fail (CARE_IS_PORTAL_CLIENT (self));
  g_return_if_fail (limits != NULL);

  self->limits = *limits;
}

/**
 * care_portal_client_get_peak_in_flight:
 * @self: a client
 *
 * Returns: the most requests this client ever had in flight at once
 */
guint
care_portal_client_get_peak_in_flight (CarePortalClient *self)
{
  g_return_val_if_fail (CARE_IS_PORTAL_CLIENT (self), 0);
  return self->peak_in_flight;
}

/**
 * care_portal_client_get_n_requests:
 * @self: a client
 *
 * Returns: how many HTTP requests were sent, retries included (for the
 *   benchmarks: a sync that finds nothing new should send few)
 */
guint
care_portal_client_get_n_requests (CarePortalClient *self)
{
  g_return_val_if_fail (CARE_IS_PORTAL_CLIENT (self), 0);
  return self->n_requests;
}

/**
 * care_portal_client_resolve:
 * @self: a client
 * @path_or_url: "Observation?patient=1" or an absolute URL (a next link),
 *   which is kept exactly as given
 *
 * Returns: (transfer full): the absolute URL
 */
char *
care_portal_client_resolve (CarePortalClient *self,
                            const char       *path_or_url)
{
  g_return_val_if_fail (CARE_IS_PORTAL_CLIENT (self), NULL);

  if (strstr (path_or_url, "://") != NULL)
    return g_strdup (path_or_url);
  return g_strconcat (self->fhir_base, "/", path_or_url[0] == '/' ? path_or_url + 1 : path_or_url, NULL);
}

static gboolean
same_origin (CarePortalClient *self,
             const char       *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  /* Same scheme, host and port: https to http is another origin. */
  return care_http_is_same_origin (self->base_uri, uri);
}

static char *
dup_outcome_text (GBytes *body)
{
  g_autoptr(JsonObject) outcome = NULL;
  char *text = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (data == NULL || length == 0)
    return NULL;
  outcome = care_fhir_parse_resource (data, length, NULL);
  care_fhir_classify_outcome (outcome, &text);
  return text;
}

static gboolean
is_retryable_status (guint status)
{
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

/* Whether the portal can have acted on a request that failed with @error:
 * not when the connection was never made. */
static gboolean
may_have_arrived (const GError *error)
{
  return !(error->domain == G_RESOLVER_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED));
}

/* A POST without If-None-Exist (an operation, a payment) does something
 * each time it arrives: it is not sent again after a failure that leaves
 * open whether it arrived. A conditional create, a PUT and a GET are. */
static gboolean
is_repeatable (CarePortalRequest *request)
{
  return !g_str_equal (request->method, "POST") || request->if_none_exist != NULL;
}

static void
return_ambiguous (GTask *task)
{
  g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_AMBIGUOUS, "%s",
                           _("Carebook could not tell whether your health system received this."));
  g_object_unref (task);
}

static gboolean
is_transient_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
         error->domain == SOUP_SESSION_ERROR || error->domain == CARE_FHIR_ERROR;
}

/* How long Retry-After asks to wait, uncapped; 0 when it does not say. */
static gint64
retry_after_raw_ms (SoupMessage *message)
{
  const char *value;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 seconds;
  char *end;

  if (message == NULL)
    return 0;
  value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  if (value == NULL)
    return 0;

  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return MAX (seconds, 0) * 1000;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (when, now) / 1000, 0);
}

static guint
retry_after_ms (SoupMessage *message)
{
  return (guint)MIN (retry_after_raw_ms (message), RETRY_AFTER_CAP_MS);
}

static void
finish_slot (CarePortalClient *self)
{
  g_assert (self->in_flight > 0);
  self->in_flight--;
  care_portal_gate_leave (self->gate);
}

static gboolean
retry_cb (gpointer data)
{
  GTask *task = data;
  CarePortalRequest *request = g_task_get_task_data (task);
  CarePortalClient *self = g_task_get_source_object (task);

  request->retry_id = 0;
  care_portal_gate_enter (self->gate, task, start);
  return G_SOURCE_REMOVE;
}

/* Retries @task later, or fails it with @error when out of attempts.
 * Takes the caller's reference on @task. */
static void
retry_or_fail (GTask  *task,
               GError *error)
{
  CarePortalClient *self = g_task_get_source_object (task);
  CarePortalRequest *request = g_task_get_task_data (task);
  guint delay;

  if (request->attempt >= self->max_attempts || g_task_return_error_if_cancelled (task))
    {
      if (!g_task_had_error (task))
        g_task_return_error (task, error);
      else
        g_error_free (error);
      g_object_unref (task);
      return;
    }

  /* Jitter, so four waiting requests do not all come back at once. */
  delay = care_portal_backoff_delay (self->base_ms, self->cap_ms, request->attempt,
                                     self->base_ms > 1 ? g_random_int_range (0, self->base_ms / 2 + 1) : 0,
                                     retry_after_ms (request->message));
  g_debug ("Retrying a request in %u ms (attempt %u): %s", delay, request->attempt + 1, error->message);
  g_error_free (error);
  request->retry_id = g_timeout_add (delay, retry_cb, task);
}

static void
page_parsed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  CareFhirPage *page = care_fhir_page_parse_finish (result, &error);

  if (page == NULL && g_error_matches (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE))
    {
      /* Asking again would bring the same flood. */
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (page == NULL)
    {
      /* A truncated or garbled body is a transport accident more often
       * than a server's intent: ask again, a few times. */
      retry_or_fail (task, error);
      return;
    }
  g_task_return_pointer (task, page, (GDestroyNotify)care_fhir_page_free);
  g_object_unref (task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  CarePortalClient *self = g_task_get_source_object (task);
  CarePortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = care_http_read_finish (result, &error);
  SoupMessageHeaders *headers;
  const char *content_type;
  guint status;

  /* The server asks everyone to slow down, not just this request: the
   * pause starts before the slot this answer frees lets another out. */
  if (body != NULL && (soup_message_get_status (request->message) == 429 ||
                       soup_message_get_status (request->message) == SOUP_STATUS_SERVICE_UNAVAILABLE))
    care_portal_gate_hold (self->gate, retry_after_ms (request->message));
  finish_slot (self);

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_transient_error (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      if (!is_repeatable (request) && may_have_arrived (error))
        {
          g_debug ("A request that is not safe to repeat failed on the way: %s", error->message);
          return_ambiguous (task);
          return;
        }
      {
        GError *offline = g_error_new (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE,
                                       /* Translators: %s describes a network problem */
                                       _("The health system could not be reached: %s"), error->message);
        retry_or_fail (task, offline);
      }
      return;
    }

  status = soup_message_get_status (request->message);
  headers = soup_message_get_response_headers (request->message);
  request->status = status;
  g_free (request->date);
  request->date = g_strdup (soup_message_headers_get_one (headers, "Date"));
  content_type = soup_message_headers_get_content_type (headers, NULL);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      /* The token died early (revoked, expired, server restarted): the
       * connection drops it, if it is still the one it hands out, and
       * the request is sent once more. */
      if (!request->refreshed && self->connection != NULL &&
          care_connection_invalidate_access_token (self->connection, request->token))
        {
          request->refreshed = TRUE;
          care_portal_gate_enter (self->gate, task, start);
          return;
        }
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_UNAUTHORIZED, "%s",
                               _("The health system no longer accepts this sign-in."));
      g_object_unref (task);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autofree char *target = location != NULL ? g_uri_resolve_relative (request->url, location,
                                                                          G_URI_FLAGS_NONE, NULL)
                                                 : NULL;

      if (target == NULL || !same_origin (self, target) || request->redirects >= MAX_REDIRECTS)
        {
          g_debug ("A redirect away from the portal was not followed");
          g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE, "%s",
                                   _("The health system sent Carebook to another server, or to an "
                                     "unencrypted address; Carebook did not follow."));
          g_object_unref (task);
          return;
        }
      request->redirects++;
      request->attempt--;
      g_free (request->url);
      request->url = g_steal_pointer (&target);
      care_portal_gate_enter (self->gate, task, start);
      return;
    }

  /* 408, 429 and 503 say the request was not acted on; 500, 502 and 504
   * leave it open. */
  if (is_retryable_status (status) && !is_repeatable (request) &&
      status != 408 && status != 429 && status != SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      return_ambiguous (task);
      return;
    }

  /* A write told to wait longer than any retry waits (a daily limit:
   * "tomorrow") gets the portal's answer, to say so, not retries. */
  if (is_retryable_status (status) &&
      !((status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE) && !request->parse_page &&
        retry_after_raw_ms (request->message) > RETRY_AFTER_CAP_MS))
    {
      retry_or_fail (task, g_error_new (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_SERVER,
                                        /* Translators: %u is an HTTP status code */
                                        _("The health system had a problem (%u)."), status));
      return;
    }

  if (!request->parse_page)
    {
      CarePortalResponse *response = g_new0 (CarePortalResponse, 1);

      response->status = status;
      response->content_type = g_strdup (content_type);
      response->location = g_strdup (soup_message_headers_get_one (headers, "Location"));
      if (response->location == NULL)
        response->location = g_strdup (soup_message_headers_get_one (headers, "Content-Location"));
      response->date = g_strdup (request->date);
      response->body = g_bytes_ref (body);
      g_task_return_pointer (task, response, (GDestroyNotify)care_portal_response_free);
      g_object_unref (task);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      care_fhir_page_parse_async (body, content_type, g_task_get_cancellable (task), page_parsed_cb, task);
      return;
    }

  {
    g_autofree char *text = dup_outcome_text (body);
    int code = status == SOUP_STATUS_FORBIDDEN ? CARE_PORTAL_ERROR_FORBIDDEN
             : status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE ? CARE_PORTAL_ERROR_NOT_FOUND
             : CARE_PORTAL_ERROR_BAD_RESPONSE;

    if (text != NULL)
      g_task_return_new_error (task, CARE_PORTAL_ERROR, code, "%s", text);
    else
      g_task_return_new_error (task, CARE_PORTAL_ERROR, code,
                               /* Translators: %u is an HTTP status code */
                               _("The health system refused the request (%u)."), status);
    g_object_unref (task);
  }
}

static void
send_with_token (GTask      *task,
                 const char *token)
{
  CarePortalClient *self = g_task_get_source_object (task);
  CarePortalRequest *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&request->message);
  request->message = soup_message_new (request->method, request->url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL, "%s",
                               _("The health system gave an address that cannot be used."));
      g_object_unref (task);
      finish_slot (self);
      return;
    }

  self->n_requests++;
  g_free (request->token);
  request->token = g_strdup (token);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", request->accept);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (request->if_none_exist != NULL)
    soup_message_headers_replace (headers, "If-None-Exist", request->if_none_exist);
  if (request->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", request->if_match);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/fhir+json", request->body);

  /* Redirects are judged in sent_cb(), never followed blindly. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  request->attempt++;
  {
    CareHttpLimits limits = self->limits;

    if (request->max_bytes > 0)
      limits.max_bytes = request->max_bytes;
    care_http_read_async (self->session, request->message, &limits, g_task_get_cancellable (task),
                          sent_cb, task);
  }
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  CarePortalClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = care_connection_get_access_token_finish (CARE_CONNECTION (source), result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      finish_slot (self);
      return;
    }
  send_with_token (task, token);
}

static void
start (GTask *task)
{
  CarePortalClient *self = g_task_get_source_object (task);
  CarePortalRequest *request = g_task_get_task_data (task);

  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);

  if (!same_origin (self, request->url))
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE, "%s",
                               _("The health system pointed to another server; Carebook did not "
                                 "send your sign-in there."));
      g_object_unref (task);
      finish_slot (self);
      return;
    }

  if (self->connection != NULL)
    care_connection_get_access_token_async (self->connection, g_task_get_cancellable (task), token_cb, task);
  else
    send_with_token (task, self->access_token);
}

/* Queues @request (taken) behind the server's gate, for a GTask of
 * @source_tag; the public calls of care-portal-client-requests.c. */
void
care_portal_client_enqueue (CarePortalClient    *self,
                            CarePortalRequest   *request,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);
  care_portal_gate_enter (self->gate, task, start);
}
