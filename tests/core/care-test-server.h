/* care-test-server.h — a fake portal's server on the loopback address
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests that answer the client themselves (a SoupServer handler playing
 * the portal) start it the same way: listen on 127.0.0.1, any port, and
 * hand the client the base address of its FHIR endpoint.
 */
#pragma once

#include <libsoup/soup.h>

/* Listens with @options (0 or SOUP_SERVER_LISTEN_HTTPS) and returns
 * (transfer full) "http://127.0.0.1:PORT" or "https://…" followed by @path. */
static inline char *
care_test_server_listen_full (SoupServer              *server,
                              SoupServerListenOptions  options,
                              const char              *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  char *base;

  g_assert_true (soup_server_listen (server, address, options, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("%s://127.0.0.1:%d%s",
                          (options & SOUP_SERVER_LISTEN_HTTPS) != 0 ? "https" : "http",
                          g_uri_get_port (uris->data), path);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return base;
}

/* Returns: (transfer full): "http://127.0.0.1:PORT/fhir" */
static inline char *
care_test_server_listen (SoupServer *server)
{
  return care_test_server_listen_full (server, 0, "/fhir");
}
