/* care-logo-cache.c — health systems' logos, fetched once and kept
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A User-access Brands file may give each brand a logo. The welcome page
 * shows a logo only from this cache, and asks for missing ones only once
 * someone has stopped typing, so a search never waits on the network and
 * a keystroke never sends a request. A logo is kept under its address's
 * SHA-256 in a private folder; only images of a sensible size are kept.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-http.h"
#include "care-logo-cache.h"
#include "care-paths.h"
#include "care-portal-url.h"

#define MAX_LOGO_SIZE (512 * 1024)

/**
 * care_logo_cache_dup_default_dir:
 *
 * Returns: (transfer full): Carebook's logo folder under the XDG cache dir
 */
char *
care_logo_cache_dup_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "carebook", "logos", NULL);
}

/**
 * care_logo_cache_dup_path:
 * @cache_dir: the cache folder
 * @url: a logo's address
 *
 * Returns: (transfer full): where the logo is kept, whether it is yet or not
 */
char *
care_logo_cache_dup_path (const char *cache_dir,
                          const char *url)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (cache_dir != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  return g_build_filename (cache_dir, name, NULL);
}

/**
 * care_logo_cache_has:
 * @cache_dir: the cache folder
 * @url: a logo's address
 *
 * Returns: %TRUE if the logo is kept, so it can be shown without a request
 */
gboolean
care_logo_cache_has (const char *cache_dir,
                     const char *url)
{
  g_autofree char *path = care_logo_cache_dup_path (cache_dir, url);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
is_image (const char *content_type)
{
  return content_type != NULL &&
         (g_str_equal (content_type, "image/png") || g_str_equal (content_type, "image/jpeg") ||
          g_str_equal (content_type, "image/svg+xml") || g_str_equal (content_type, "image/webp"));
}

static void
logo_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = care_http_read_get_message (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = care_http_read_finish (result, &error);
  const char *path = g_task_get_task_data (task);
  g_autofree char *folder = NULL;
  const char *content_type = NULL;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  if (soup_message_get_status (message) != SOUP_STATUS_OK || !is_image (content_type) ||
      g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > MAX_LOGO_SIZE)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                               _("The health system’s logo could not be read."));
      return;
    }

  folder = g_path_get_dirname (path);
  if (!care_paths_ensure_private_dir (folder, &error) ||
      !care_paths_write_private_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_strdup (path), g_free);
}

/**
 * care_logo_cache_fetch_async:
 * @session: the session to fetch with
 * @cache_dir: the cache folder
 * @url: a logo's address: https, or http to this machine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the logo is kept, or could not be
 * @user_data: data for @callback
 *
 * Fetches the logo into the cache, if it is an image of at most 512 KB.
 */
void
care_logo_cache_fetch_async (SoupSession         *session,
                             const char          *cache_dir,
                             const char          *url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *checked = NULL;
  g_autoptr(GError) error = NULL;
  CareHttpLimits limits;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cache_dir != NULL);
  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_logo_cache_fetch_async);
  g_task_set_task_data (task, care_logo_cache_dup_path (cache_dir, url), g_free);

  /* The same rule as for portals: https, or plain http to this machine. */
  checked = care_portal_url_normalize (url, &error);
  if (checked == NULL || strstr (url, "://") == NULL)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL,
                               _("The health system’s logo could not be read."));
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INVALID_URL,
                               _("The health system’s logo could not be read."));
      return;
    }
  /* No more than a logo's worth, in a minute (care-http.c); a logo that
   * never ends was read whole before. */
  limits.max_bytes = MAX_LOGO_SIZE;
  limits.deadline_ms = 60 * 1000;
  limits.window_ms = 0;
  limits.window_min_bytes = 0;
  care_http_read_async (session, message, &limits, cancellable, logo_read_cb, g_steal_pointer (&task));
}

/**
 * care_logo_cache_fetch_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the kept logo's path
 */
char *
care_logo_cache_fetch_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
