/* test-application.c — starting a sign-in from outside the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `carebook --connect URL`, `carebook URL` and org.carebook.carebook:/connect
 * links start the same sign-in as the welcome page. The portal here is an
 * address nothing answers at: the window's sign-in page shows either way.
 */
#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>

#include "care-application.h"
#include "care-context.h"
#include "care-language.h"
#include "care-preferences-window.h"
#include "care-window.h"

#define NOWHERE "https://127.0.0.1:9/fhir"

typedef CareApplication CareApplicationRef;

static CareApplication *
new_app (void)
{
  /* Not unique: the test's app never meets a running Carebook. */
  return g_object_new (CARE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

static const char *
visible_page (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CARE_IS_WINDOW (window));
  return care_window_get_visible_page (CARE_WINDOW (window));
}

static void
close_windows (GApplication *app)
{
  GList *windows;

  /* The sign-in started holds the application until it ends. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "cancel-sign-in", NULL);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
}

static void
activated_cb (GApplication *app,
              char        **page)
{
  /* After the application's own activate: its window is up. */
  *page = g_strdup (visible_page (app));
  close_windows (app);
  g_application_quit (app);
}

/* Each test's application is gone before the next registers the same id. */
static void
drop_app (CareApplication *app)
{
  gpointer weak = app;

  g_object_add_weak_pointer (G_OBJECT (app), &weak);
  g_object_unref (app);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareApplicationRef, drop_app)

static char *
run_with (const char *option,
          const char *value,
          int        *status)
{
  g_autoptr(CareApplicationRef) app = new_app ();
  char *argv[] = { (char *)"carebook", (char *)option, (char *)value, NULL };
  int argc = option != NULL ? (value != NULL ? 3 : 2) : 1;
  char *page = NULL;

  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), &page);
  *status = g_application_run (G_APPLICATION (app), argc, argv);

  return page;
}

static void
test_connect_option (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *connect = NULL;
  int status;

  plain = run_with (NULL, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (plain, ==, "welcome");

  connect = run_with ("--connect", NOWHERE, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (connect, ==, "signin");
}

static void
test_connect_refused (void)
{
  g_autofree char *page = NULL;
  int status = -1;

  /* Plain http to another machine: a message and an exit, no window. */
  if (g_test_subprocess ())
    {
      page = run_with ("--connect", "http://portal.example.org/fhir", &status);
      g_assert_null (page);
      exit (status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*https*");
}

/* `carebook URI`: the desktop file's %U, a browser handing a link over. */
static void
open_and_check (const char *uri,
                const char *expected)
{
  g_autofree char *page = NULL;
  int status;

  page = run_with (uri, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (page, ==, expected);
}

static void
test_open_uri (void)
{
  open_and_check (NOWHERE, "signin");
  open_and_check ("org.carebook.carebook:/connect?url=https%3A%2F%2F127.0.0.1%3A9%2Ffhir", "signin");
  /* Neither a portal Carebook may talk to, nor a sign-in to start. */
  open_and_check ("http://portal.example.org/fhir", "welcome");
  open_and_check ("org.carebook.carebook:/callback?code=x&state=y", "welcome");
}

static void
restart_cb (GApplication *app)
{
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "restart"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "restart", NULL);
}

/* Preferences' "Restart Now": the application quits as Quit does and
 * says so, for main() to start it again. */
static void
test_restart (void)
{
  g_autoptr(CareApplicationRef) app = new_app ();
  char *argv[] = { (char *)"carebook", NULL };

  g_assert_false (care_application_get_restart (app));
  g_signal_connect_after (app, "activate", G_CALLBACK (restart_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (care_application_get_restart (app));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A language other than the one running offers to restart, with a
 * button that does. */
static void
test_language_restart (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window = care_preferences_window_new (settings);
  GtkWidget *button = find_action_button (window, "app.restart");
  GtkWidget *row;

  g_assert_nonnull (button);
  row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_settings_set_string (settings, "language", "");
  g_settings_set_string (settings, "language", g_strcmp0 (care_language_get_running (), "es") == 0 ? "en" : "es");
  g_assert_true (gtk_widget_get_visible (row));
  g_settings_set_string (settings, "language", care_language_get_running ());
  g_assert_false (gtk_widget_get_visible (row));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The directory of health systems (14 MB of JSON, read in worker
 * threads) starts loading after the window's first frame, not before:
 * it used to take a core from drawing it. The app's own after-paint
 * handler, connected when the window was realized, starts it; this one,
 * connected later, runs after it. */
typedef struct
{
  gboolean loading_before;
  gboolean loading_after;
  gboolean painted;
} DirectoryWatch;

static CareDirectory *
app_directory (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return care_context_get_directory (care_window_get_context (CARE_WINDOW (window)));
}

static gboolean
directory_started (CareDirectory *directory)
{
  return care_directory_is_loading (directory) || g_list_model_get_n_items (G_LIST_MODEL (directory)) > 0;
}

static void
first_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  DirectoryWatch *watch = g_object_get_data (G_OBJECT (app), "directory-watch");

  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, app);
  watch->painted = TRUE;
  watch->loading_after = directory_started (app_directory (app));
  close_windows (app);
  g_application_quit (app);
}

static void
activated_watch_cb (GApplication   *app,
                    DirectoryWatch *watch)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_true (gtk_widget_get_realized (window));
  watch->loading_before = directory_started (app_directory (app));
  g_object_set_data (G_OBJECT (app), "directory-watch", watch);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_paint_cb),
                           app, 0);
}

static void
test_directory_after_first_frame (void)
{
  g_autoptr(CareApplicationRef) app = new_app ();
  g_autofree char *data = g_dir_make_tmp ("carebook-test-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (data, "directory", NULL);
  g_autofree char *copy = g_build_filename (folder, "one.json", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "directory", "demo",
                                                   "carebook-sandbox.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *previous = g_strdup (g_getenv ("CAREBOOK_DATADIR"));
  char *argv[] = { (char *)"carebook", NULL };
  DirectoryWatch watch = { FALSE, FALSE, FALSE };

  /* A shipped directory of one health system, so there is one to load. */
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, -1, NULL));
  g_setenv ("CAREBOOK_DATADIR", data, TRUE);

  g_signal_connect_after (app, "activate", G_CALLBACK (activated_watch_cb), &watch);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);

  g_assert_true (watch.painted);
  g_assert_false (watch.loading_before);
  g_assert_true (watch.loading_after);

  if (previous != NULL)
    g_setenv ("CAREBOOK_DATADIR", previous, TRUE);
  else
    g_unsetenv ("CAREBOOK_DATADIR");
  g_remove (copy);
  g_remove (folder);
  g_remove (data);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/application/connect-option", test_connect_option);
  g_test_add_func ("/care/ui/application/connect-refused", test_connect_refused);
  g_test_add_func ("/care/ui/application/open-uri", test_open_uri);
  g_test_add_func ("/care/ui/application/restart", test_restart);
  g_test_add_func ("/care/ui/application/directory-after-first-frame", test_directory_after_first_frame);
  g_test_add_func ("/care/ui/application/language-restart", test_language_restart);

  return g_test_run ();
}
