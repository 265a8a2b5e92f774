/* care-sandbox-serve.c — how the sandbox answers a request
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routes each request (SMART discovery, the fault control, sign-in, and
 * the FHIR REST interface behind a bearer token) and, in test and demo
 * mode, injects the faults drawn for it: latency, 5xx, 429, a dropped or
 * truncated answer, an expired token, a write whose answer is lost.
 */
#include "config.h"

#include "care-sandbox-faults.h"
#include "care-sandbox-fhir.h"
#include "care-sandbox-object.h"
#include "care-sandbox-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
send_object (SoupServerMessage *msg,
             const char        *content_type,
             JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  char *json;

  json_node_init_object (node, object);
  json = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, json, strlen (json));
}

static void
serve_fhir (CareSandbox       *self,
            SoupServerMessage *msg,
            const char        *path)
{
  g_autoptr(GHashTable) query = care_sandbox_decode_form (g_uri_get_query (soup_server_message_get_uri (msg)));
  const CareSandboxGrant *grant;

  if (g_str_equal (path, "/fhir/metadata"))
    {
      g_autoptr(JsonObject) statement = care_sandbox_fhir_dup_capability_statement (self->base_url);
      const char *content_type = care_sandbox_fhir_negotiate (msg);

      if (content_type == NULL)
        care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_ACCEPTABLE, "error", "not-supported",
                                        _("This server answers in application/fhir+json or application/json"));
      else
        send_object (msg, content_type, statement);
      return;
    }

  grant = care_sandbox_lookup_request_grant (self, msg);
  if (grant == NULL)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      /* RFC 6750 §3: no error code when the request had no token at all;
       * invalid_token for one that is unknown, revoked or expired. */
      if (care_sandbox_request_bearer (msg) == NULL)
        {
          soup_message_headers_replace (headers, "WWW-Authenticate",
                                        "Bearer realm=\"carebook-sandbox\"");
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNAUTHORIZED, "error", "login",
                                          _("Sign in first: this request needs an access token"));
        }
      else
        {
          soup_message_headers_replace (headers, "WWW-Authenticate",
                                        "Bearer realm=\"carebook-sandbox\", error=\"invalid_token\", "
                                        "error_description=\"The access token is expired or unknown\"");
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_UNAUTHORIZED, "error", "expired",
                                          _("The access token is expired or unknown; sign in again"));
        }
      return;
    }

  care_sandbox_fhir_handle (self->store, self->messages, self->fhir_base, grant, msg,
                            path + strlen ("/fhir/"), query);
}

static void
expire_request_token (CareSandbox       *self,
                      SoupServerMessage *msg)
{
  const char *authorization;

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "Authorization");
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    g_hash_table_remove (self->grants, authorization + 7);
}

static void
drop_connection (SoupServerMessage *msg)
{
  static const char partial[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: application/fhir+json\r\n"
    "Content-Length: 100000\r\n"
    "\r\n"
    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  /* Headers promise 100 kB; a few bytes arrive, then the connection ends. */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial, strlen (partial),
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
serve_with_fault (CareSandbox       *self,
                  SoupServerMessage *msg,
                  const char        *path,
                  CareSandboxFault   fault)
{
  guint retry_after = care_sandbox_faults_get_retry_after (self->faults);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *seconds = g_strdup_printf ("%u", MAX (retry_after, 1));

  switch (fault)
    {
    case CARE_SANDBOX_FAULT_ERROR:
      if (retry_after > 0)
        {
          soup_message_headers_replace (headers, "Retry-After", seconds);
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "error", "transient",
                                          _("The portal is busy; try again later"));
        }
      else
        care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fatal", "exception",
                                        _("The portal failed (injected fault)"));
      return;

    case CARE_SANDBOX_FAULT_TOO_MANY:
      soup_message_headers_replace (headers, "Retry-After", seconds);
      /* 429 Too Many Requests; libsoup 3.2 has no name for it */
      care_sandbox_fhir_send_outcome (msg, 429, "error", "throttled",
                                      _("Too many requests; try again later"));
      return;

    case CARE_SANDBOX_FAULT_DROP:
      drop_connection (msg);
      return;

    case CARE_SANDBOX_FAULT_MALFORMED:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/fhir+json", SOUP_MEMORY_STATIC,
                                        "{\"resourceType\":\"Bundle\",entry:[<html>", 36);
      return;

    case CARE_SANDBOX_FAULT_EXPIRE_TOKEN:
      expire_request_token (self, msg);
      serve_fhir (self, msg, path);
      return;

    case CARE_SANDBOX_FAULT_TRUNCATE:
      {
        g_autoptr(GBytes) body = NULL;
        gsize length;

        serve_fhir (self, msg, path);
        body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
        length = g_bytes_get_size (body);
        if (length > 1)
          {
            g_autofree char *half = g_strndup (g_bytes_get_data (body, NULL), length / 2);

            soup_message_body_truncate (soup_server_message_get_response_body (msg));
            soup_message_body_append (soup_server_message_get_response_body (msg),
                                      SOUP_MEMORY_COPY, half, strlen (half));
          }
        return;
      }

    case CARE_SANDBOX_FAULT_WRITE_ERROR:
      /* Done, and then the answer is lost behind a failure. */
      serve_fhir (self, msg, path);
      soup_message_headers_clear (headers);
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fatal", "exception",
                                      _("The portal failed (injected fault)"));
      return;

    case CARE_SANDBOX_FAULT_WRITE_DROP:
      serve_fhir (self, msg, path);
      drop_connection (msg);
      return;

    case CARE_SANDBOX_FAULT_NONE:
    default:
      serve_fhir (self, msg, path);
      return;
    }
}

typedef struct
{
  CareSandbox       *self;
  SoupServerMessage *msg;
  char              *path;
  CareSandboxFault   fault;
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->self);
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_free (delayed);
}

static gboolean
delayed_cb (gpointer data)
{
  Delayed *delayed = data;

  if (delayed->self->server != NULL)
    {
      soup_server_message_unpause (delayed->msg);
      serve_with_fault (delayed->self, delayed->msg, delayed->path, delayed->fault);
    }

  return G_SOURCE_REMOVE;
}

static void
handle_faults_control (CareSandbox       *self,
                       SoupServerMessage *msg)
{
  g_autofree char *spec = NULL;

  if (!self->demo && !self->testing)
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                      _("Fault injection is only available in test and demo mode"));
      return;
    }

  if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(GError) error = NULL;

      if (!care_sandbox_faults_parse (self->faults, g_strstrip (text), &error))
        {
          care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_BAD_REQUEST, "error", "invalid",
                                          error->message);
          return;
        }
    }

  spec = care_sandbox_faults_to_string (self->faults);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, spec, strlen (spec));
}

/**
 * care_sandbox_serve_cb: (skip)
 *
 * The server's one handler: discovery, the fault control, sign-in, and
 * FHIR behind a bearer token, with faults drawn in test and demo mode.
 */
void
care_sandbox_serve_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *unused_query,
                       gpointer           user_data)
{
  CareSandbox *self = user_data;
  CareSandboxFault fault;
  guint latency;

  /* Nothing the portal sends is to be sniffed into another type. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Content-Type-Options", "nosniff");

  if (care_sandbox_limits_refuse (msg))
    return;

  if (g_str_equal (path, "/.well-known/smart-configuration") ||
      g_str_equal (path, "/fhir/.well-known/smart-configuration"))
    {
      g_autoptr(JsonObject) config = care_sandbox_fhir_dup_smart_configuration (self->base_url);

      send_object (msg, "application/json", config);
      return;
    }

  if (g_str_equal (path, "/sandbox/faults"))
    {
      handle_faults_control (self, msg);
      return;
    }

  {
    g_autoptr(GHashTable) query = care_sandbox_decode_form (g_uri_get_query (soup_server_message_get_uri (msg)));

    if (care_sandbox_auth_handle (self, msg, path, query))
      return;
  }

  if (!g_str_has_prefix (path, "/fhir/"))
    {
      care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_NOT_FOUND, "error", "not-found",
                                      _("Nothing is served at this address"));
      return;
    }

  /* Faults hit FHIR requests only, never discovery or sign-in, and only
   * in test or demo mode: a portal run for real never fails on purpose. */
  if (!self->demo && !self->testing)
    {
      serve_fhir (self, msg, path);
      return;
    }
  fault = care_sandbox_faults_draw_for (self->faults,
                                        g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0 &&
                                        g_strcmp0 (soup_server_message_get_method (msg), "HEAD") != 0);
  latency = care_sandbox_faults_get_latency (self->faults);
  if (latency > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = g_object_ref (self);
      delayed->msg = g_object_ref (msg);
      delayed->path = g_strdup (path);
      delayed->fault = fault;
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, latency, delayed_cb, delayed, delayed_free);
      return;
    }

  serve_with_fault (self, msg, path, fault);
}
