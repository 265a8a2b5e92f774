/* care-portal-url.c — checking a FHIR base URL before anything is sent
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-portal-url.h"

#include <string.h>

/* The app's own URI scheme, as the desktop file registers it. */
#define APP_SCHEME "org.carebook.carebook"

/**
 * care_portal_url_is_loopback:
 * @host: a host name or address, as a URI carries it
 *
 * Returns: %TRUE if @host names this machine by address (127.0.0.0/8 or ::1),
 *   or is "localhost"
 */
gboolean
care_portal_url_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* IPv6 literals come bracketed from URIs. */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* GUri accepts any characters in a host; a typo with a space or a stray
 * symbol should be caught here rather than as a DNS failure later. */
static gboolean
host_is_plausible (const char *host)
{
  for (const char *p = host; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>\"{}|\\^`%/?#@", *p) != NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * care_portal_url_normalize:
 * @text: what the user typed
 * @error: return location for a #CARE_PORTAL_ERROR
 *
 * Checks that @text is a FHIR base URL Carebook may talk to: https, or plain
 * http only to this machine (the sandbox). Surrounding space and trailing
 * slashes are removed; "https://" is assumed when no scheme was typed.
 *
 * Returns: (transfer full) (nullable): the normalized URL, or %NULL with @error set
 */
char *
care_portal_url_normalize (const char  *text,
                           GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  g_autofree char *result = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL,
                           _("Enter the address of your health system’s FHIR server."));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0' || !host_is_plausible (host))
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL,
                           _("This is not a web address. It should look like https://fhir.example.org/api/FHIR/R4."));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (!care_portal_url_is_loopback (host))
        {
          g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE,
                               _("This address is not secure (http). Health records are only fetched over https."));
          return NULL;
        }
    }
  else if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL,
                           _("Only https addresses can be used."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL,
                           _("Enter the server’s base address only, without “?” or “#” parts."));
      return NULL;
    }

  result = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
  len = strlen (result);
  while (len > 0 && result[len - 1] == '/')
    result[--len] = '\0';

  return g_steal_pointer (&result);
}

/**
 * care_portal_url_from_launch:
 * @uri: an address Carebook was opened with: `carebook --connect URL`,
 *   `carebook URL`, or a link a clinic's web page or a script opened
 *
 * What starts a sign-in from outside: a FHIR base itself (https, or http to
 * this machine), or the app's own scheme with the base as its `url` (or
 * SMART's `iss`) parameter, `org.carebook.carebook:/connect?url=https%3A…`.
 * The sign-in redirect (`org.carebook.carebook:/callback?…`) is not one.
 *
 * Returns: (transfer full) (nullable): the normalized FHIR base to sign
 *   in to, or %NULL if @uri names none Carebook may talk to
 */
char *
care_portal_url_from_launch (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *scheme;
  const char *path;
  const char *query;
  const char *base;

  g_return_val_if_fail (uri != NULL, NULL);

  scheme = g_uri_peek_scheme (uri);
  if (scheme == NULL)
    return NULL;
  if (g_str_equal (scheme, "https") || g_str_equal (scheme, "http"))
    return care_portal_url_normalize (uri, NULL);
  if (!g_str_equal (scheme, APP_SCHEME))
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL)
    return NULL;
  /* org.carebook.carebook:/connect?… and org.carebook.carebook://connect?… */
  path = g_uri_get_path (parsed);
  if (g_strcmp0 (path, "/connect") != 0 &&
      !(g_strcmp0 (g_uri_get_host (parsed), "connect") == 0 && (path[0] == '\0' || g_str_equal (path, "/"))))
    return NULL;

  query = g_uri_get_query (parsed);
  if (query == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;
  base = g_hash_table_lookup (params, "url");
  if (base == NULL)
    base = g_hash_table_lookup (params, "iss");
  if (base == NULL || strstr (base, "://") == NULL)
    return NULL;

  return care_portal_url_normalize (base, NULL);
}
