/* care-portal-url.c — checking a FHIR base URL before anything is sent
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-portal-url.h"

#include <string.h>

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
