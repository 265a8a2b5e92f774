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

#include <string.h>

#include "care-hostile-portal.h"

#define DEEP_LEVELS 100000

struct _CareHostilePortal
{
  SoupServer      *server;
  char            *base;
  char            *other_origin;   /* the same server under another host name */
  CareHostileMode  mode;
  guint            n_pages;
  guint64          binary_sent;
  GHashTable      *requests;       /* path → count */
  GPtrArray       *trickles;       /* pending slow answers, for teardown */
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
      if (g_hash_table_lookup (query, "moved") == NULL)
        {
          g_autofree char *location = g_strdup_printf ("%s/Condition?patient=p1&moved=1",
                                                       self->mode == CARE_HOSTILE_REDIRECT_SAME
                                                       ? self->base : self->other_origin);

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
             SoupServerMessage *msg)
{
  const char *authorize = "auth/authorize";
  const char *token = "auth/token";
  g_autofree char *json = NULL;

  if (self->mode == CARE_HOSTILE_DEEP_SMART)
    {
      send_json_take (msg, dup_deep ("{\"authorization_endpoint\":\"auth/authorize\",\"x\":", "}"));
      return;
    }
  if (self->mode == CARE_HOSTILE_HTTP_TOKEN_ENDPOINT)
    token = "http://tokens.example.net/token";
  if (self->mode == CARE_HOSTILE_FILE_AUTHORIZE)
    authorize = "file:///etc/passwd";
  json = g_strdup_printf ("{\"authorization_endpoint\":\"%s\",\"token_endpoint\":\"%s\","
                          "\"code_challenge_methods_supported\":[\"S256\"],"
                          "\"capabilities\":[\"launch-standalone\"]}", authorize, token);
  send_json (msg, SOUP_STATUS_OK, json, -1);
}

static void
serve_token (CareHostilePortal *self,
             SoupServerMessage *msg)
{
  const char *extra = ",\"patient\":\"p1\"";

  if (self->mode == CARE_HOSTILE_DEEP_TOKEN)
    {
      send_json_take (msg, dup_deep ("{\"access_token\":\"at\",\"patient\":\"p1\",\"x\":", "}"));
      return;
    }
  if (self->mode == CARE_HOSTILE_PATIENT_PATH)
    extra = ",\"patient\":\"../../../../tmp/x\"";
  else if (self->mode == CARE_HOSTILE_FHIR_USER_PATH)
    extra = ",\"fhirUser\":\"Patient/..\"";

  {
    g_autofree char *json = g_strdup_printf ("{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                                             "\"expires_in\":600%s}", extra);

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

  g_hash_table_replace (self->requests, g_strdup (path), GUINT_TO_POINTER (count + 1));

  if (g_str_equal (path, "/fhir/.well-known/smart-configuration"))
    serve_smart (self, msg);
  else if (g_str_equal (path, "/fhir/auth/authorize"))
    {
      g_autofree char *location = g_strdup_printf ("%s?code=the-code&state=%s",
                                                   (char *)g_hash_table_lookup (query, "redirect_uri"),
                                                   (char *)g_hash_table_lookup (query, "state"));

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
    }
  else if (g_str_equal (path, "/fhir/auth/token"))
    serve_token (self, msg);
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
  else if (g_str_equal (path, "/fhir/Binary/big"))
    /* Declared 100 bytes; a gigabyte comes. */
    start_trickle (self, msg, "text/plain", NULL, 0, 1, (guint64)1024 * 1024 * 1024);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
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
  CareHostilePortal *self = g_new0 (CareHostilePortal, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int port;

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  if (!soup_server_listen (self->server, address, 0, &error))
    g_error ("The hostile portal cannot listen: %s", error->message);
  uris = soup_server_get_uris (self->server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  self->base = g_strdup_printf ("http://127.0.0.1:%d/fhir", port);
  /* Another origin (host name differs) that still reaches this server,
   * so an answer taken from it would show. */
  self->other_origin = g_strdup_printf ("http://localhost:%d/fhir", port);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->trickles = g_ptr_array_new_with_free_func ((GDestroyNotify)trickle_free);
  return self;
}

void
care_hostile_portal_free (CareHostilePortal *self)
{
  if (self == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_pointer (&self->trickles, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_hash_table_unref (self->requests);
  g_free (self->base);
  g_free (self->other_origin);
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
