/* test-app-registration.c — the window's sign-in keeps a per-connection key
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application, as a person starts it, against an in-process sandbox
 * that gives no refresh tokens (as Epic does for public apps): "Connect"
 * opens the portal's address in the desktop's browser, which here is a
 * script registered as the x-scheme-handler/http in the test's private XDG
 * folders (it asks the demo portal to approve maria without pages and
 * follows the redirect back to the app). The sign-in must end with a key
 * registered at the portal and kept in the keyring, as the command line's
 * does, and with no "access ends" date taken from the first access token.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libsecret/secret.h>
#include <locale.h>

#include "care-application.h"
#include "care-sandbox.h"
#include "care-sandbox-clients.h"
#include "care-sandbox-seed.h"
#include "care-token-store.h"

static char *home;

static void
write_file (const char *path,
            const char *text,
            int         mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* The "browser": a desktop file for http(s) addresses running a script. */
static void
install_browser (void)
{
  g_autofree char *script = g_build_filename (home, "browser.sh", NULL);
  g_autofree char *log = g_build_filename (home, "browser.log", NULL);
  g_autofree char *script_text = g_strdup_printf (
    "#!/bin/sh\n"
    "echo \"$1\" >> '%s'\n"
    "back=$(curl -s -o /dev/null -w '%%{redirect_url}' \"$1&login_hint=demo%%3Amaria\")\n"
    "curl -s -o /dev/null \"$back\"\n",
    log);
  g_autofree char *desktop = g_build_filename (home, "data", "applications", "test-browser.desktop", NULL);
  g_autofree char *desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                                                   "Exec=%s %%u\n"
                                                   "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
                                                   script);
  g_autofree char *mimeapps = g_build_filename (home, "config", "mimeapps.list", NULL);

  write_file (script, script_text, 0700);
  write_file (desktop, desktop_text, 0600);
  write_file (mimeapps, "[Default Applications]\nx-scheme-handler/http=test-browser.desktop\n"
                        "x-scheme-handler/https=test-browser.desktop\n", 0600);
}

static gboolean
tick_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, tick_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
stored (const char *id,
        const char *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  char *secret;
  char *copy;

  care_token_store_lookup_async (id, kind, NULL, looked_up_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  secret = care_token_store_lookup_finish (result, NULL);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return copy;
}

static void
test_window_sign_in_keeps_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandbox) sandbox = care_sandbox_new (NULL, &error);
  g_autoptr(CareApplication) app = NULL;
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *connections_path = g_build_filename (home, "config", "carebook", "connections.json", NULL);
  g_autofree char *connections = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (sandbox), NULL, &error));
  care_sandbox_add_demo_logins (sandbox, 1000);
  care_sandbox_set_demo (sandbox, TRUE);
  care_sandbox_set_refresh_tokens (sandbox, FALSE);
  g_assert_true (care_sandbox_start (sandbox, 0, &error));
  id = g_strdup_printf ("%s|%s", care_sandbox_get_fhir_base (sandbox), CARE_SANDBOX_DEMO_ADULT);

  app = care_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  /* What the welcome page does with an address. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect",
                                  g_variant_new_string (care_sandbox_get_fhir_base (sandbox)));

  /* The browser walks the portal; the app signs in, registers, keeps. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((key = stored (id, "client-key")) == NULL && g_get_monotonic_time () < deadline)
    spin (100);
  g_assert_nonnull (key);
  g_assert_nonnull (strstr (key, "PRIVATE KEY"));
  g_assert_cmpuint (care_sandbox_count_clients (sandbox), ==, 1);
  /* This portal gave no refresh token: the key is what keeps the person in. */
  g_assert_null (stored (id, "refresh"));

  /* The authorization no longer ends with the first access token. */
  while (g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&connections, g_free);
      if (g_file_get_contents (connections_path, &connections, NULL, NULL) &&
          strstr (connections, "\"authorization-ends\" : 0") != NULL)
        break;
      spin (100);
    }
  g_assert_nonnull (connections);
  g_assert_nonnull (strstr (connections, "\"authorization-ends\" : 0"));
  /* And the private key went to no file. */
  g_assert_null (strstr (connections, "PRIVATE KEY"));

  /* Leave the keyring as found. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    care_token_store_delete_async (id, NULL, looked_up_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
  }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  care_sandbox_stop (sandbox);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  int status;

  /* Private folders before GLib reads them: the browser, the connections
   * and the people's folders all go there. */
  home = g_dir_make_tmp ("carebook-app-registration-XXXXXX", NULL);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  cache = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  install_browser ();

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/app/registration/window-sign-in-keeps-key", test_window_sign_in_keeps_key);

  status = g_test_run ();
  remove_tree (home);
  g_free (home);
  return status;
}
