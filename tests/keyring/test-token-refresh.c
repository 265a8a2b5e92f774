/* test-token-refresh.c — refreshes as FHIR-CLIENT.md 8 and 9 ask
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small portal on 127.0.0.1 (a SoupServer) answers the token endpoint
 * the way real portals differ: with or without a new refresh token, with
 * short-lived access tokens. Its FHIR endpoint accepts only the newest
 * access token, and can hold an answer back to send a late 401.
 */
#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>
#include <string.h>

#include "care-connection.h"
#include "care-portal-client.h"
#include "care-token-store.h"

#define ID "https://portal.example.org/fhir|token-test"

typedef struct
{
  SoupServer        *server;
  char              *base;
  guint              n_token_requests;
  gboolean           rotate;        /* the token answer holds a new refresh token */
  int                expires_in;
  char              *current;       /* the access token the FHIR endpoint accepts */
  SoupServerMessage *held;          /* a FHIR request answered later */
  gboolean           held_once;
  guint              n_fhir_requests;
} Portal;

static void
token_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Portal *portal = user_data;
  g_autofree char *body = NULL;

  portal->n_token_requests++;
  g_free (portal->current);
  portal->current = g_strdup_printf ("access-%u", portal->n_token_requests);
  if (portal->rotate)
    body = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d,"
                            "\"refresh_token\":\"refresh-%u\"}",
                            portal->current, portal->expires_in, portal->n_token_requests);
  else
    body = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}",
                            portal->current, portal->expires_in);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
answer (Portal            *portal,
        SoupServerMessage *msg,
        const char        *bearer)
{
  g_autofree char *expected = g_strconcat ("Bearer ", portal->current, NULL);
  const char *body = "{\"resourceType\":\"Patient\",\"id\":\"token-test\"}";

  if (g_strcmp0 (bearer, expected) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/fhir+json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
fhir_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Portal *portal = user_data;
  const char *bearer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  portal->n_fhir_requests++;
  if (g_str_has_suffix (path, "/slow") && !portal->held_once)
    {
      /* Answered by release_held(), with the token it was sent with. */
      portal->held = g_object_ref (msg);
      portal->held_once = TRUE;
      g_object_set_data_full (G_OBJECT (msg), "bearer", g_strdup (bearer), g_free);
      soup_server_message_pause (msg);
      return;
    }
  answer (portal, msg, bearer);
}

static void
release_held (Portal *portal)
{
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&portal->held);

  g_assert_nonnull (msg);
  answer (portal, msg, g_object_get_data (G_OBJECT (msg), "bearer"));
  soup_server_message_unpause (msg);
}

static void
portal_start (Portal *portal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  portal->expires_in = 3600;
  portal->current = g_strdup ("access-0");
  portal->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (portal->server, "/token", token_cb, portal, NULL);
  soup_server_add_handler (portal->server, "/fhir", fhir_cb, portal, NULL);
  g_assert_true (soup_server_listen (portal->server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (portal->server);
  portal->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
portal_stop (Portal *portal)
{
  soup_server_disconnect (portal->server);
  g_clear_object (&portal->server);
  g_clear_pointer (&portal->base, g_free);
  g_clear_pointer (&portal->current, g_free);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
store_refresh_token (const char *token)
{
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  care_token_store_save_async (ID, "refresh", token, NULL, done_cb, &saved);
  g_assert_true (care_token_store_save_finish (wait_for (&saved), &error));
  g_assert_no_error (error);
}

static char *
stored_refresh_token (void)
{
  g_autoptr(GAsyncResult) found = NULL;
  char *secret;
  char *copy;

  care_token_store_lookup_async (ID, "refresh", NULL, done_cb, &found);
  secret = care_token_store_lookup_finish (wait_for (&found), NULL);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

static char *
get_token (CareConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  care_connection_get_access_token_async (connection, NULL, done_cb, &result);
  token = care_connection_get_access_token_finish (connection, wait_for (&result), &error);
  g_assert_no_error (error);
  return token;
}

static CareConnection *
new_connection (Portal      *portal,
                SoupSession *session,
                const char  *access_token,
                gint64       expires_in)
{
  g_autofree char *token_endpoint = g_strconcat (portal->base, "/token", NULL);
  CareConnection *connection = care_connection_new (session, ID, token_endpoint);

  care_connection_set_access_token (connection, access_token,
                                    g_get_real_time () / G_USEC_PER_SEC + expires_in);
  return connection;
}

/* 9: an answer without refresh_token keeps the stored one (Oracle); with
 * one, the new one replaces it (rotation). */
static void
test_refresh_keeps_token (void)
{
  Portal portal = { 0 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareConnection) connection = NULL;
  g_autoptr(CareConnection) rotating = NULL;
  g_autofree char *token = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *rotated_token = NULL;
  g_autofree char *rotated = NULL;

  portal_start (&portal);
  store_refresh_token ("refresh-0");

  /* Expired: the connection refreshes. */
  connection = new_connection (&portal, session, "access-0", -10);
  token = get_token (connection);
  g_assert_cmpstr (token, ==, "access-1");
  g_assert_cmpuint (portal.n_token_requests, ==, 1);
  kept = stored_refresh_token ();
  g_assert_cmpstr (kept, ==, "refresh-0");

  portal.rotate = TRUE;
  rotating = new_connection (&portal, session, "access-0", -10);
  rotated_token = get_token (rotating);
  g_assert_cmpstr (rotated_token, ==, "access-2");
  rotated = stored_refresh_token ();
  g_assert_cmpstr (rotated, ==, "refresh-2");

  portal_stop (&portal);
}

/* 8: never more than one refresh a minute, even when a portal hands out
 * access tokens shorter-lived than the minute before expiry. */
static void
test_refresh_once_a_minute (void)
{
  Portal portal = { 0 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareConnection) connection = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  portal_start (&portal);
  portal.expires_in = 30;
  store_refresh_token ("refresh-0");

  connection = new_connection (&portal, session, "access-0", 5);
  first = get_token (connection);
  g_assert_cmpstr (first, ==, "access-1");
  /* Due again (30 s left is inside the minute before expiry), but a
   * refresh was just made: the token it gave is used. */
  second = get_token (connection);
  g_assert_cmpstr (second, ==, "access-1");
  g_assert_cmpuint (portal.n_token_requests, ==, 1);
  g_assert_cmpuint (care_connection_get_n_refreshes (connection), ==, 1);

  portal_stop (&portal);
}

static gboolean
refreshed_and_held (gpointer data)
{
  Portal *portal = data;

  return portal->n_token_requests == 1 && portal->held != NULL;
}

/* 8: a 401 clears the access token only if it is the one refused: a late
 * 401 to a request sent before a refresh starts no second refresh. */
static void
test_late_unauthorized (void)
{
  Portal portal = { 0 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CareConnection) connection = NULL;
  g_autoptr(CarePortalClient) client = NULL;
  g_autoptr(GAsyncResult) slow = NULL;
  g_autoptr(GAsyncResult) quick = NULL;
  g_autoptr(CarePortalResponse) slow_response = NULL;
  g_autoptr(CarePortalResponse) quick_response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fhir_base = NULL;

  portal_start (&portal);
  store_refresh_token ("refresh-0");
  fhir_base = g_strconcat (portal.base, "/fhir", NULL);

  /* The portal has restarted: "stale" is refused, though not expired. */
  connection = new_connection (&portal, session, "stale", 3600);
  client = care_portal_client_new (fhir_base, connection);
  care_portal_client_request_async (client, "GET", "Patient/slow", NULL, NULL, NULL, NULL, done_cb, &slow);
  care_portal_client_request_async (client, "GET", "Patient/token-test", NULL, NULL, NULL, NULL, done_cb,
                                    &quick);

  /* The quick one's 401 refreshes, and its retry goes through... */
  quick_response = care_portal_client_request_finish (client, wait_for (&quick), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quick_response->status, ==, 200);
  while (!refreshed_and_held (&portal))
    g_main_context_iteration (NULL, TRUE);

  /* ...then the slow one's 401 arrives, for the token already replaced:
   * retried with the new token, with no second refresh. */
  release_held (&portal);
  slow_response = care_portal_client_request_finish (client, wait_for (&slow), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slow_response->status, ==, 200);
  g_assert_cmpuint (portal.n_token_requests, ==, 1);
  g_assert_cmpuint (care_connection_get_n_refreshes (connection), ==, 1);

  g_clear_object (&client);
  portal_stop (&portal);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/keyring/refresh/keeps-stored-token", test_refresh_keeps_token);
  g_test_add_func ("/care/keyring/refresh/once-a-minute", test_refresh_once_a_minute);
  g_test_add_func ("/care/keyring/refresh/late-unauthorized", test_late_unauthorized);

  return g_test_run ();
}
