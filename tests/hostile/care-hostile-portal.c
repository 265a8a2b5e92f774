/* care-hostile-portal.c — a portal that misbehaves on demand, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 (port 0) serving each misbehaviour of the
 * security review's probes against the client: deep and huge JSON,
 * floods of entries, foreign resources, endless paging, a slow-loris
 * body, redirects away, hostile SMART configurations and token answers,
 * and a Binary that never ends.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care-hostile-cert.h"
#include "care-hostile-portal.h"

#define DEEP_LEVELS 100000

struct _CareHostilePortal
{
  SoupServer      *server;
  char            *base;
  char            *other_origin;   /* the same server under another host name */
  char            *plain_base;     /* with TLS: the same server over plain http */
  CareHostileMode  mode;
  guint            n_pages;
  guint64          binary_sent;
  GHashTable      *requests;       /* path → count */
  GPtrArray       *trickles;       /* pending slow answers, for teardown */
  GPtrArray       *silent;         /* requests never answered */
  guint            n_foreign;      /* requests that came to the other origin */
};

typedef struct
{
  CareHostilePortal *portal;
  SoupServerMessage *msg;
  char              *text;
  gsize              offset;
  gsize              step;
  guint              id;
  guint64            budget;       /* Binary: bytes left to send */
} Trickle;

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json,
           gssize             length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/fhir+json", SOUP_MEMORY_COPY, json,
                                    length < 0 ? strlen (json) : (gsize)length);
}

static void
send_json_take (SoupServerMessage *msg,
                GString           *json)
{
  gsize length = json->len;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/fhir+json", SOUP_MEMORY_TAKE,
                                    g_string_free (json, FALSE), length);
}

static GString *
dup_deep (const char *prefix,
          const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < DEEP_LEVELS; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < DEEP_LEVELS; i++)
    g_string_append_c (text, ']');
  g_string_append (text, suffix);
  return text;
}

static const char *
condition (const char *id,
           const char *patient)
{
  static char buffer[512];

  g_snprintf (buffer, sizeof buffer,
              "{\"resourceType\":\"Condition\",\"id\":\"%s\",\"subject\":{\"reference\":\"Patient/%s\"},"
              "\"code\":{\"text\":\"Condition %s\"},\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]}}",
              id, patient, id);
  return buffer;
}

static GString *
searchset (const char *next)
{
  GString *text = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[");

  if (next != NULL)
    g_string_append_printf (text, "{\"relation\":\"next\",\"url\":\"%s\"}", next);
  g_string_append (text, "],\"entry\":[");
  return text;
}

static void
add_entry (GString    *text,
           const char *resource)
{
  if (text->str[text->len - 1] != '[')
    g_string_append_c (text, ',');
  g_string_append_printf (text, "{\"resource\":%s}", resource);
}

static void
trickle_free (Trickle *trickle)
{
  g_clear_handle_id (&trickle->id, g_source_remove);
  g_free (trickle->text);
  g_free (trickle);
}

static void
trickle_finished_cb (SoupServerMessage *msg,
                     Trickle           *trickle)
{
  g_ptr_array_remove (trickle->portal->trickles, trickle);
}

static gboolean
trickle_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (trickle->msg);

    {
      gsize step = MIN (trickle->step, strlen (trickle->text) - trickle->offset);

      soup_message_body_append (body, SOUP_MEMORY_COPY, trickle->text + trickle->offset, step);
      trickle->offset += step;
      if (trickle->offset >= strlen (trickle->text))
        {
          soup_message_body_complete (body);
          trickle->id = 0;
        }
    }
  soup_server_message_unpause (trickle->msg);
  return trickle->id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* A Binary without end: 256 KB more each time the last chunk is written,
 * so only what the client reads is ever made. */
static void
wrote_chunk_cb (SoupServerMessage *msg,
                Trickle           *trickle)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize step = (gsize)MIN ((guint64)256 * 1024, trickle->budget);
  char *chunk;

  if (step == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  chunk = g_malloc (step);
  memset (chunk, 'x', step);
  soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, step);
  trickle->budget -= step;
  trickle->portal->binary_sent += step;
}

static void
start_trickle (CareHostilePortal *self,
               SoupServerMessage *msg,
               const char        *content_type,
               char              *text,
               gsize              step,
               guint              interval_ms,
               guint64            budget)
{
  Trickle *trickle = g_new0 (Trickle, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  trickle->portal = self;
  trickle->msg = msg;
  trickle->text = text;
  trickle->step = step;
  trickle->budget = budget;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  g_ptr_array_add (self->trickles, trickle);
  g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished_cb), trickle);
  if (text == NULL)
    {
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), trickle);
      wrote_chunk_cb (msg, trickle);
      return;
    }
  soup_server_message_pause (msg);
  trickle->id = g_timeout_add (interval_ms, trickle_cb, trickle);
}

static void
serve_conditions (CareHostilePortal *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  g_autoptr(GString) text = NULL;

  self->n_pages++;
  switch (self->mode)
    {
    case CARE_HOSTILE_DEEP_PAGE:
      send_json_take (msg, dup_deep ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"x\":", "}"));
      return;
    case CARE_HOSTILE_HUGE_PAGE:
      text = searchset (NULL);
      add_entry (text, condition ("c1", "p1"));
      g_string_append (text, "],\"padding\":\"");
      while (text->len < 48 * 1024 * 1024)
        g_string_append (text, "padding padding padding padding padding padding padding padding ");
      g_string_append (text, "\"}");
      send_json_take (msg, g_steal_pointer (&text));
      return;
    case CARE_HOSTILE_MANY_ENTRIES:
      text = searchset (NULL);
      for (guint i = 0; i <= 10000; i++)
        {
          g_autofree char *id = g_strdup_printf ("c%u", i);

          add_entry (text, condition (id, "p1"));
        }
      g_string_append (text, "]}");
      send_json_take (msg, g_steal_pointer (&text));
      return;
    case CARE_HOSTILE_FOREIGN:
      text = searchset (NULL);
      add_entry (text, condition ("c1", "p1"));
      add_entry (text, condition ("c2", "p2"));
      add_entry (text, "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/p1\"},"
                       "\"code\":{\"text\":\"Foreign observation\"}}");
      add_entry (text, "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"name\":[{\"text\":\"Someone Else\"}]}");
      add_entry (text, "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"text\":\"Rewritten\"}]}");
      add_entry (text, "{\"resourceType\":\"Practitioner\",\"id\":\"dr1\",\"name\":[{\"text\":\"Dr One\"}]}");
      g_string_append (text, "]}");
      send_json_take (msg, g_steal_pointer (&text));
      return;
    case CARE_HOSTILE_BARE_RESOURCE:
      send_json (msg, SOUP_STATUS_OK, condition ("c1", "p1"), -1);
      return;
    case CARE_HOSTILE_ENDLESS_PAGING:
      {
        g_autofree char *next = g_strdup_printf ("%s/Condition?patient=p1&page=%u", self->base, self->n_pages);
        g_autofree char *id = g_strdup_printf ("c%u", self->n_pages);

        text = searchset (next);
        add_entry (text, condition (id, "p1"));
        g_string_append (text, "]}");
        send_json_take (msg, g_steal_pointer (&text));
      }
      return;
    case CARE_HOSTILE_SLOW_LORIS:
      text = searchset (NULL);
      add_entry (text, condition ("c1", "p1"));
      g_string_append (text, "]}");
      start_trickle (self, msg, "application/fhir+json", g_string_free (g_steal_pointer (&text), FALSE),
                     1, 100, 0);
      return;
    case CARE_HOSTILE_REDIRECT_ORIGIN:
    case CARE_HOSTILE_REDIRECT_SAME:
    case CARE_HOSTILE_REDIRECT_DOWNGRADE:
      if (g_hash_table_lookup (query, "moved") == NULL)
        {
          g_autofree char *location = g_strdup_printf ("%s/Condition?patient=p1&moved=1",
                                                       self->mode == CARE_HOSTILE_REDIRECT_SAME
                                                       ? self->base
                                                       : self->mode == CARE_HOSTILE_REDIRECT_DOWNGRADE
                                                       ? self->plain_base : self->other_origin);

          soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
          return;
        }
      break;
    case CARE_HOSTILE_BAD_STRINGS:
      text = searchset (NULL);
      add_entry (text, "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},"
                       "\"code\":{\"text\":\"Broken \\ud83d surrogate\"},\"note\":[{\"text\":\"1e2\"}],"
                       "\"onsetAge\":{\"value\":1e1}}");
      g_string_append (text, "]}");
      send_json_take (msg, g_steal_pointer (&text));
      return;
    default:
      break;
    }

  text = searchset (NULL);
  add_entry (text, condition ("c1", "p1"));
  add_entry (text, condition ("c2", "p1"));
  g_string_append (text, "]}");
  send_json_take (msg, g_steal_pointer (&text));
}

static void
serve_metadata (CareHostilePortal *self,
                SoupServerMessage *msg)
{
  const char *types[] = { "Patient", "Condition", "DocumentReference" };
  g_autoptr(GString) text = NULL;

  if (self->mode == CARE_HOSTILE_DEEP_METADATA)
    {
      send_json_take (msg, dup_deep ("{\"resourceType\":\"CapabilityStatement\",\"x\":", "}"));
      return;
    }

  text = g_string_new ("{\"resourceType\":\"CapabilityStatement\",\"status\":\"active\",\"kind\":\"instance\","
                       "\"fhirVersion\":\"4.0.1\",\"format\":[\"json\"],\"rest\":[{\"mode\":\"server\","
                       "\"resource\":[");
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_string_append_printf (text, "%s{\"type\":\"%s\",\"interaction\":[{\"code\":\"read\"},"
                            "{\"code\":\"search-type\"}],\"searchParam\":[{\"name\":\"patient\","
                            "\"type\":\"reference\"}]}", i > 0 ? "," : "", types[i]);
  g_string_append (text, "]}]");
  if (self->mode == CARE_HOSTILE_HUGE_METADATA)
    {
      g_string_append (text, ",\"description\":\"");
      while (text->len < 12 * 1024 * 1024)
        g_string_append (text, "a statement that never ends, a statement that never ends, ");
      g_string_append (text, "\"");
    }
  g_string_append (text, "}");
  send_json_take (msg, g_steal_pointer (&text));
}

static void
serve_smart (CareHostilePortal *self,
             SoupServerMessage *msg,
             gboolean           foreign)
{
  const char *authorize = "auth/authorize";
  const char *token = "auth/token";
  g_autofree char *json = NULL;

  if (self->mode == CARE_HOSTILE_DEEP_SMART)
    {
      send_json_take (msg, dup_deep ("{\"authorization_endpoint\":\"auth/authorize\",\"x\":", "}"));
      return;
    }
  if (self->mode == CARE_HOSTILE_REDIRECT_SMART && !foreign)
    {
      g_autofree char *location = g_strconcat (self->other_origin, "/.well-known/smart-configuration", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      return;
    }
  if (self->mode == CARE_HOSTILE_HTTP_TOKEN_ENDPOINT)
    token = "http://tokens.example.net/token";
  if (self->mode == CARE_HOSTILE_FILE_AUTHORIZE)
    authorize = "file:///etc/passwd";
  json = g_strdup_printf ("{\"authorization_endpoint\":\"%s\",\"token_endpoint\":\"%s\","
                          "\"revocation_endpoint\":\"auth/revoke\","
                          "\"code_challenge_methods_supported\":[\"S256\"],"
                          "\"capabilities\":[\"launch-standalone\"]}", authorize, token);
  send_json (msg, SOUP_STATUS_OK, json, -1);
}

/* The token endpoint's misbehaviours, shared by registration and
 * revocation; %TRUE when one was served. */
static gboolean
serve_bad_token (CareHostilePortal *self,
                 SoupServerMessage *msg,
                 const char        *path)
{
  switch (self->mode)
    {
    case CARE_HOSTILE_DEEP_TOKEN:
      send_json_take (msg, dup_deep ("{\"access_token\":\"at\",\"patient\":\"p1\",\"client_id\":\"c\",\"x\":",
                                     "}"));
      return TRUE;
    case CARE_HOSTILE_HUGE_TOKEN:
      /* Chunked, so only the reader's own count can stop it. */
      start_trickle (self, msg, "application/json", NULL, 0, 1, (guint64)64 * 1024 * 1024);
      return TRUE;
    case CARE_HOSTILE_SILENT_TOKEN:
      soup_server_message_pause (msg);
      g_ptr_array_add (self->silent, g_object_ref (msg));
      return TRUE;
    case CARE_HOSTILE_REDIRECT_TOKEN:
    case CARE_HOSTILE_REDIRECT_DOWNGRADE:
      {
        g_autofree char *location = g_strconcat (self->mode == CARE_HOSTILE_REDIRECT_DOWNGRADE
                                                 ? self->plain_base : self->other_origin,
                                                 path + strlen ("/fhir"), NULL);

        soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, location);
      }
      return TRUE;
    default:
      return FALSE;
    }
}

static void
serve_token (CareHostilePortal *self,
             SoupServerMessage *msg)
{
  const char *extra = ",\"patient\":\"p1\"";

  if (serve_bad_token (self, msg, "/fhir/auth/token"))
    return;
  if (self->mode == CARE_HOSTILE_PATIENT_PATH)
    extra = ",\"patient\":\"../../../../tmp/x\"";
  else if (self->mode == CARE_HOSTILE_FHIR_USER_PATH)
    extra = ",\"fhirUser\":\"Patient/..\"";

  {
    g_autofree char *json = g_strdup_printf ("{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                                             "\"expires_in\":600,\"refresh_token\":\"rt\","
                                             "\"scope\":\"launch/patient patient/*.rs\"%s}", extra);

    send_json (msg, SOUP_STATUS_OK, json, -1);
  }
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CareHostilePortal *self = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, path));
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Host");

  g_hash_table_replace (self->requests, g_strdup (path), GUINT_TO_POINTER (count + 1));
  if (host != NULL && g_str_has_prefix (host, "localhost"))
    self->n_foreign++;
  /* With TLS, the plain listener is the other origin. */
  else if (self->plain_base != NULL &&
           g_strcmp0 (g_uri_get_scheme (soup_server_message_get_uri (msg)), "http") == 0)
    self->n_foreign++;

  if (g_str_equal (path, "/fhir/.well-known/smart-configuration"))
    serve_smart (self, msg, host != NULL && g_str_has_prefix (host, "localhost"));
  else if (g_str_equal (path, "/fhir/auth/authorize"))
    {
      g_autofree char *location = g_strdup_printf ("%s?code=the-code&state=%s",
                                                   (char *)g_hash_table_lookup (query, "redirect_uri"),
                                                   (char *)g_hash_table_lookup (query, "state"));

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
    }
  else if (g_str_equal (path, "/fhir/auth/token"))
    serve_token (self, msg);
  else if (g_str_equal (path, "/fhir/auth/register") || g_str_equal (path, "/fhir/auth/revoke"))
    {
      if (!serve_bad_token (self, msg, path))
        soup_server_message_set_status (msg, g_str_equal (path, "/fhir/auth/revoke")
                                             ? SOUP_STATUS_OK : SOUP_STATUS_NOT_FOUND, NULL);
    }
  else if (g_str_equal (path, "/fhir/metadata"))
    serve_metadata (self, msg);
  else if (g_str_equal (path, "/fhir/Patient/p1"))
    send_json (msg, SOUP_STATUS_OK,
               self->mode == CARE_HOSTILE_REWRITTEN_PATIENT
               ? "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"name\":[{\"text\":\"Someone Else\"}]}"
               : "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"text\":\"Ana Díaz\"}]}", -1);
  else if (g_str_equal (path, "/fhir/Condition"))
    serve_conditions (self, msg, query);
  else if (g_str_equal (path, "/fhir/DocumentReference"))
    {
      g_autoptr(GString) text = searchset (NULL);

      add_entry (text, "{\"resourceType\":\"DocumentReference\",\"id\":\"d1\",\"status\":\"current\","
                       "\"subject\":{\"reference\":\"Patient/p1\"},\"date\":\"2026-01-02T10:00:00Z\","
                       "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"url\":\"Binary/big\","
                       "\"size\":100}}]}");
      g_string_append (text, "]}");
      send_json_take (msg, g_steal_pointer (&text));
    }
  else if (g_str_equal (path, "/logo.png"))
    /* A logo that never ends. */
    start_trickle (self, msg, "image/png", NULL, 0, 1, (guint64)64 * 1024 * 1024);
  else if (g_str_equal (path, "/fhir/Binary/big"))
    /* Declared 100 bytes; a gigabyte comes. */
    start_trickle (self, msg, "text/plain", NULL, 0, 1, (guint64)1024 * 1024 * 1024);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static int
listen_on_loopback (SoupServer             *server,
                    SoupServerListenOptions options)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *before = soup_server_get_listeners (server);
  GSList *after;
  GSocket *socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;

  if (!soup_server_listen (server, address, options, &error))
    g_error ("The hostile portal cannot listen: %s", error->message);
  after = soup_server_get_listeners (server);
  /* The new listener is the one that was not there before. */
  for (GSList *l = after; l != NULL; l = l->next)
    if (g_slist_find (before, l->data) == NULL)
      socket = l->data;
  local = g_socket_get_local_address (socket, &error);
  g_slist_free (before);
  g_slist_free (after);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

static CareHostilePortal *
portal_new (gboolean tls)
{
  CareHostilePortal *self = g_new0 (CareHostilePortal, 1);
  g_autoptr(GError) error = NULL;
  int port;

  if (tls)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (care_hostile_self_signed_pem,
                                                                               -1, &error);

      g_assert_no_error (error);
      self->server = soup_server_new ("tls-certificate", certificate, NULL);
    }
  else
    self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  port = listen_on_loopback (self->server, 0);
  self->base = g_strdup_printf ("http://127.0.0.1:%d/fhir", port);
  if (tls)
    {
      self->plain_base = g_steal_pointer (&self->base);
      self->base = g_strdup_printf ("https://127.0.0.1:%d/fhir",
                                    listen_on_loopback (self->server, SOUP_SERVER_LISTEN_HTTPS));
    }
  /* Another origin (host name differs) that still reaches this server,
   * so an answer taken from it would show. */
  self->other_origin = g_strdup_printf ("http://localhost:%d/fhir", port);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->trickles = g_ptr_array_new_with_free_func ((GDestroyNotify)trickle_free);
  self->silent = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

/**
 * care_hostile_portal_new:
 *
 * Returns: (transfer full): a portal listening on 127.0.0.1, in
 *   %CARE_HOSTILE_NORMAL mode
 */
CareHostilePortal *
care_hostile_portal_new (void)
{
  return portal_new (FALSE);
}

/**
 * care_hostile_portal_new_tls:
 *
 * Returns: (transfer full): a portal whose base is https on 127.0.0.1
 *   (with care-hostile-cert.h's certificate, which clients trust only
 *   after care_hostile_portal_trust()); the same server also listens
 *   over plain http on another port, for %CARE_HOSTILE_REDIRECT_DOWNGRADE
 */
CareHostilePortal *
care_hostile_portal_new_tls (void)
{
  return portal_new (TRUE);
}

/**
 * care_hostile_portal_trust:
 *
 * Makes the process's default TLS database trust the hostile portal's
 * certificate (and nothing else): sessions made afterwards accept it.
 */
static char *trusted_path;

static void
remove_trusted (void)
{
  g_unlink (trusted_path);
  g_clear_pointer (&trusted_path, g_free);
}

void
care_hostile_portal_trust (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  int fd;

  if (trusted_path != NULL)
    return;
  fd = g_file_open_tmp ("carebook-hostile-XXXXXX.pem", &trusted_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (trusted_path, care_hostile_self_signed_pem, -1, &error));
  /* The database reads its file when first used: it stays until exit. */
  atexit (remove_trusted);
  database = g_tls_file_database_new (trusted_path, &error);
  g_assert_no_error (error);
  g_tls_backend_set_default_database (g_tls_backend_get_default (), database);
}

void
care_hostile_portal_free (CareHostilePortal *self)
{
  if (self == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_pointer (&self->trickles, g_ptr_array_unref);
  g_clear_pointer (&self->silent, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_hash_table_unref (self->requests);
  g_free (self->base);
  g_free (self->other_origin);
  g_free (self->plain_base);
  g_free (self);
}

const char *
care_hostile_portal_get_base (CareHostilePortal *self)
{
  return self->base;
}

void
care_hostile_portal_set_mode (CareHostilePortal *self,
                              CareHostileMode    mode)
{
  self->mode = mode;
}

/* Condition pages served so far. */
guint
care_hostile_portal_get_n_pages (CareHostilePortal *self)
{
  return self->n_pages;
}

/* Bytes of Binary/big handed to the connection so far. */
guint64
care_hostile_portal_get_binary_sent (CareHostilePortal *self)
{
  return self->binary_sent;
}

guint
care_hostile_portal_get_n_requests (CareHostilePortal *self,
                                    const char        *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, path));
}

/* Requests that reached the server under its other origin's host name. */
guint
care_hostile_portal_get_n_foreign (CareHostilePortal *self)
{
  return self->n_foreign;
}

const char *
care_hostile_portal_get_other_origin (CareHostilePortal *self)
{
  return self->other_origin;
}
