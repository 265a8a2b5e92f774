/* care-auto-browser.c — a browser for demo portals that approve without pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo signs its family in through the real SMART flow. Its portal
 * approves a login_hint of demo:<user> without showing pages, so the
 * "browser" only has to load the authorization address and follow the
 * redirect it answers with to Carebook's own loopback listener. It does
 * nothing else and is never used for a real portal: there the user's own
 * browser shows the portal's pages.
 */
#include "config.h"

#include "care-auto-browser.h"

static void
redirect_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
}

static void
portal_answered_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  SoupMessage *msg = soup_session_get_async_result_message (session, result);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (session, result, NULL);
  const char *location;
  g_autoptr(SoupMessage) next = NULL;

  if (msg == NULL || !SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (msg)))
    {
      g_debug ("The demo portal did not redirect the sign-in");
      return;
    }

  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  next = location != NULL ? soup_message_new ("GET", location) : NULL;
  if (next == NULL)
    return;

  soup_session_send_and_read_async (session, next, G_PRIORITY_DEFAULT, NULL, redirect_loaded_cb, NULL);
}

/**
 * care_auto_browser_open:
 * @session: a session
 * @uri: an authorization address carrying a demo login hint
 *
 * Loads @uri and follows its redirect once, as a browser would.
 */
void
care_auto_browser_open (SoupSession *session,
                        const char  *uri)
{
  g_autoptr(SoupMessage) msg = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (uri != NULL);

  msg = soup_message_new ("GET", uri);
  if (msg == NULL)
    return;

  /* The redirect goes to our listener; it is followed by hand, once. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, portal_answered_cb, NULL);
}
