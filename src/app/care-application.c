/* care-application.c — the Carebook application
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the app-wide actions (about, preferences, quit, demo, connect), the
 * colour scheme preference, and the context the window is built on.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-application.h"
#include "care-authorizer.h"
#include "care-bench-home.h"
#include "care-connection-store.h"
#include "care-context.h"
#include "care-demo.h"
#include "care-notifier.h"
#include "care-portal-url.h"
#include "care-record.h"
#include "care-preferences-window.h"
#include "care-sign-out.h"
#include "care-window.h"

struct _CareApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  CareContext    *context;
  CareSandbox    *sandbox;
  SoupSession    *session;
  CareConnectionStore *connections;
  char           *startup_message;
  CareAuthorizer *authorizer;
  GCancellable   *sign_in_cancellable;
  char           *sign_in_url;
  char           *demo_dir;
  char           *launch_url;       /* --connect or an opened address, once a window is up */
  guint           directories_id;   /* loads them if no frame came first */
  guint           context_serial;   /* which context has its directories */
  guint           directories_serial;
  guint           demo : 1;
  guint           bench_startup : 1;
  guint           bench_home : 1;
  guint           restart : 1;
};

G_DEFINE_FINAL_TYPE (CareApplication, care_application, ADW_TYPE_APPLICATION)

static CareWindow *
get_window (CareApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return CARE_IS_WINDOW (window) ? CARE_WINDOW (window) : NULL;
}

static void
apply_color_scheme (CareApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_color_scheme_changed_cb (GSettings       *settings,
                            const char      *key,
                            CareApplication *self)
{
  apply_color_scheme (self);
}

static void update_sign_out_action (CareApplication *self);
static void on_person_changed_cb   (CareContext     *context,
                                    GParamSpec      *pspec,
                                    CareApplication *self);

static void open_uri_cb (CareAuthorizer  *authorizer,
                         const char      *uri,
                         CareApplication *self);

static void
ensure_session (CareApplication *self)
{
  if (self->session != NULL)
    return;

  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION, NULL);
  self->authorizer = care_authorizer_new (self->session);
  /* A portal that refuses loopback redirects gets the app's own scheme,
   * which the desktop file hands back to this app (FHIR-CLIENT.md 3). */
  care_authorizer_set_probe_loopback (self->authorizer, TRUE);
  g_signal_connect_object (self->authorizer, "open-uri", G_CALLBACK (open_uri_cb), self, 0);
}

static guint
sync_interval_seconds (CareApplication *self)
{
  return g_settings_get_uint (self->settings, "sync-interval") * 60;
}

static void
on_sync_requested_cb (CareContext     *context,
                      CareApplication *self)
{
  g_autoptr(GPtrArray) records = care_context_dup_records (context);
  CareRecord *current = care_context_get_record (context);

  /* The person on screen first; the others after. */
  if (current != NULL)
    care_record_sync (current, CARE_SYNC_DEFAULT);
  for (guint i = 0; i < records->len; i++)
    if (records->pdata[i] != current)
      care_record_sync (records->pdata[i], CARE_SYNC_DEFAULT);
}

/* A connected person's record: their cache, synced at start, every
 * interval and when the network returns. */
static void
add_record (CareApplication *self,
            CarePerson      *person)
{
  const char *id = care_person_get_id (person);
  g_autofree char *path = care_cache_dup_path_for_connection (id);
  CareConnection *connection = NULL;
  g_autoptr(CareRecord) record = NULL;

  if (self->connections != NULL)
    {
      ensure_session (self);
      connection = care_connection_store_get_connection (self->connections, self->session, id);
    }
  record = care_record_new (person, connection, path);
  care_context_add_record (self->context, record);
  care_record_start_automatic (record, sync_interval_seconds (self));
}

static void
remove_demo_dir (CareApplication *self)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileEnumerator) children = NULL;

  if (self->demo_dir == NULL)
    return;

  /* The demo's caches are flat files in one private folder. */
  dir = g_file_new_for_path (self->demo_dir);
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      g_file_delete (child, NULL, NULL);
    }
  g_file_delete (dir, NULL, NULL);
  g_clear_pointer (&self->demo_dir, g_free);
}

static void
on_record_news_cb (CareContext     *context,
                   CareRecord      *record,
                   GPtrArray       *news,
                   CareApplication *self)
{
  if (self->settings != NULL)
    care_notifier_send (G_APPLICATION (self), self->settings, care_record_get_person (record), news);
}

/* The directory of health systems is 14 MB of JSON, read in worker
 * threads; started before the window's first frame, it took one of a
 * two-core machine's cores from drawing it, and no one searches it in
 * the first frame (the welcome page fills its results as it arrives). So
 * it starts after the first frame (on_first_frame_cb()), or after five
 * seconds when no window draws one. */
static void
load_directories (CareApplication *self)
{
  g_autofree char *shipped = NULL;
  const char *datadir = g_getenv ("CAREBOOK_DATADIR");

  g_clear_handle_id (&self->directories_id, g_source_remove);
  if (self->context == NULL || self->directories_serial == self->context_serial)
    return;
  self->directories_serial = self->context_serial;
  /* CAREBOOK_DATADIR lets `meson devenv` use the data files in the tree. */
  shipped = g_build_filename (datadir != NULL ? datadir : PKGDATADIR, "directory", NULL);
  care_context_load_directories (self->context, shipped);
}

static gboolean
load_directories_cb (gpointer user_data)
{
  CareApplication *self = user_data;

  self->directories_id = 0;
  load_directories (self);
  return G_SOURCE_REMOVE;
}

static void
ensure_context (CareApplication *self)
{
  if (self->context != NULL)
    return;

  self->context = care_context_new (self->demo);
  self->context_serial++;
  g_clear_handle_id (&self->directories_id, g_source_remove);
  self->directories_id = g_timeout_add_seconds (5, load_directories_cb, self);
  g_signal_connect_object (self->context, "notify::person", G_CALLBACK (on_person_changed_cb), self, 0);
  g_signal_connect_object (self->context, "sync-requested", G_CALLBACK (on_sync_requested_cb), self, 0);
  g_signal_connect_object (self->context, "record-news", G_CALLBACK (on_record_news_cb), self, 0);

  if (self->demo)
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&self->sandbox);
      remove_demo_dir (self);
      self->demo_dir = g_dir_make_tmp ("carebook-demo-XXXXXX", &error);
      if (self->demo_dir != NULL)
        self->sandbox = care_demo_start (self->context, self->demo_dir,
                                         sync_interval_seconds (self), &error);
      if (self->sandbox == NULL)
        g_debug ("The demo portal did not start: %s", error->message);
      return;
    }

  /* The people connected before, read back; the demo never mixes in. */
  {
    g_autoptr(GError) error = NULL;
    GListModel *people;

    if (self->connections == NULL)
      self->connections = care_connection_store_new (NULL);
    if (!care_connection_store_load (self->connections, &error))
      self->startup_message = g_strdup (error->message);

    people = care_connection_store_get_people (self->connections);
    for (guint i = 0; i < g_list_model_get_n_items (people); i++)
      {
        g_autoptr(CarePerson) person = g_list_model_get_item (people, i);

        add_record (self, person);
        care_context_add_person (self->context, person);
      }
    update_sign_out_action (self);
  }
}

/* After the window's first frame: the directories start loading; with
 * --bench-startup, the wall-clock time of that frame is printed and the
 * app quits (bench/README.md, "app start to first frame"). */
static void
on_first_frame_cb (GdkFrameClock   *clock,
                   CareApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  if (!self->bench_startup)
    {
      load_directories (self);
      return;
    }
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_realized_cb (GtkWidget       *window,
                       CareApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_first_frame_cb), self, 0);
}

static void
care_application_activate (GApplication *application)
{
  CareApplication *self = CARE_APPLICATION (application);
  CareWindow *window = get_window (self);

  if (window == NULL)
    {
      ensure_context (self);
      window = care_window_new (self, self->context);
      g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realized_cb), self, 0);
      if (self->bench_home)
        care_bench_home_watch (window, G_APPLICATION (self));
      if (self->demo && self->sandbox == NULL)
        care_window_show_toast (window, _("The demo portal could not start"));
      if (self->startup_message != NULL)
        care_window_show_toast (window, self->startup_message);
    }

  gtk_window_present (GTK_WINDOW (window));

  /* `carebook --connect URL`, or a FHIR address opened with the app: the
   * same sign-in as the welcome page's. */
  if (self->launch_url != NULL)
    {
      g_autofree char *url = g_steal_pointer (&self->launch_url);

      g_action_group_activate_action (G_ACTION_GROUP (self), "connect", g_variant_new_string (url));
    }
}

static void
care_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  CareApplication *self = CARE_APPLICATION (application);

  /* Sign-in redirects to org.carebook.carebook:/callback arrive here,
   * from the browser through the desktop file's scheme handler; so do
   * FHIR addresses and org.carebook.carebook:/connect?url=… links, which
   * start a sign-in. */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *base = NULL;

      if (self->authorizer != NULL && care_authorizer_deliver_redirect (self->authorizer, uri))
        continue;
      base = care_portal_url_from_launch (uri);
      if (base != NULL)
        {
          g_free (self->launch_url);
          self->launch_url = g_steal_pointer (&base);
        }
      else
        g_debug ("Opened with a URI no sign-in was waiting for");
    }

  g_application_activate (application);
}

static int
care_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  CareApplication *self = CARE_APPLICATION (application);
  const char *connect = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "connect", "&s", &connect))
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *base = care_portal_url_from_launch (connect);

      /* A bare "fhir.example.org" is taken as https, as the address field
       * does; a web address that is refused says why. */
      if (base == NULL && (g_uri_peek_scheme (connect) == NULL ||
                           g_str_has_prefix (connect, "http")))
        base = care_portal_url_normalize (connect, &error);
      if (base == NULL)
        {
          g_printerr ("%s\n", error != NULL ? error->message
                                           : _("This is not the address of a health system Carebook can sign in to."));
          return 1;
        }
      g_clear_error (&error);

      /* Opened like a link, so a Carebook already running starts the
       * sign-in in its own window. */
      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (application))
        {
          file = g_file_new_for_uri (base);
          g_application_open (application, &file, 1, "");
          return 0;
        }
      g_free (self->launch_url);
      self->launch_url = g_steal_pointer (&base);
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  if (g_variant_dict_contains (options, "bench-startup"))
    self->bench_startup = TRUE;
  if (g_variant_dict_contains (options, "bench-home"))
    self->bench_home = TRUE;

  return G_APPLICATION_CLASS (care_application_parent_class)->handle_local_options (application,
                                                                                     options);
}

static void
care_application_startup (GApplication *application)
{
  CareApplication *self = CARE_APPLICATION (application);

  G_APPLICATION_CLASS (care_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self, 0);
  apply_color_scheme (self);
}

static void
care_application_dispose (GObject *object)
{
  CareApplication *self = (CareApplication *)object;

  g_clear_handle_id (&self->directories_id, g_source_remove);
  g_clear_object (&self->context);
  g_clear_object (&self->sandbox);
  remove_demo_dir (self);
  g_clear_object (&self->settings);
  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->authorizer);
  g_clear_object (&self->session);
  g_clear_object (&self->connections);
  g_clear_pointer (&self->sign_in_url, g_free);
  g_clear_pointer (&self->launch_url, g_free);
  g_clear_pointer (&self->startup_message, g_free);

  G_OBJECT_CLASS (care_application_parent_class)->dispose (object);
}

static void
care_application_class_init (CareApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = care_application_dispose;

  app_class->activate = care_application_activate;
  app_class->open = care_application_open;
  app_class->startup = care_application_startup;
  app_class->handle_local_options = care_application_handle_local_options;
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  CareApplication *self = user_data;
  static const char *developers[] = { "The Carebook developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", PACKAGE_NAME,
                        "developer-name", _("The Carebook developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Your health record from your health system’s patient "
                                      "portal, for you and your family, even offline."),
                        "website", "https://github.com/carebook/carebook",
                        "issue-url", "https://github.com/carebook/carebook/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CareApplication *self = user_data;
  GtkWindow *preferences;

  preferences = GTK_WINDOW (care_preferences_window_new (self->settings));
  gtk_window_set_transient_for (preferences,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (preferences);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CareApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window first lets it save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
demo_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CareApplication *self = user_data;
  CareWindow *window = get_window (self);

  /* The demo is a context of its own: its people never mix with real ones. */
  if (window != NULL && care_context_get_demo (care_window_get_context (window)))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", NULL);
      return;
    }

  self->demo = TRUE;
  g_clear_object (&self->context);
  ensure_context (self);

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));

  window = care_window_new (self, self->context);
  if (self->sandbox == NULL)
    care_window_show_toast (window, _("The demo portal could not start"));
  gtk_window_present (GTK_WINDOW (window));
}

static CarePerson *
lookup_store_person (CareApplication *self,
                     const char      *id)
{
  GListModel *people = care_connection_store_get_people (self->connections);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (care_person_get_id (person), id) == 0)
        return g_steal_pointer (&person);
    }

  return NULL;
}

/* The sign-in went through core's one path, the CLI's too: the connection
 * is remembered, its refresh token is in the keyring (the save waited
 * for), the sign-in is logged, and the connection holds the sign-in's
 * access token. Only now does the record start syncing. */
static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CareApplication) self = user_data;
  g_autoptr(CareConnection) connection = NULL;
  g_autoptr(CarePerson) person = NULL;
  g_autoptr(GError) error = NULL;
  CareWindow *window;
  CareRecord *record;
  const char *id;

  connection = care_connection_store_connect_finish (CARE_CONNECTION_STORE (source), result, &error);
  window = get_window (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (connection == NULL)
    {
      if (window != NULL)
        care_window_show_sign_in_error (window, error->message);
      return;
    }

  id = care_connection_get_id (connection);
  person = lookup_store_person (self, id);
  if (person == NULL)
    return;

  ensure_context (self);
  record = care_context_lookup_record (self->context, id);
  /* Signing in again keeps the record and its cache, with new tokens. */
  if (record != NULL)
    care_record_set_connection (record, connection);
  else
    add_record (self, person);
  care_context_add_person (self->context, person);
  care_context_set_person (self->context, person);
  if (record != NULL)
    care_record_sync (record, CARE_SYNC_DEFAULT);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", NULL);
}

static void
open_uri_cb (CareAuthorizer  *authorizer,
             const char      *uri,
             CareApplication *self)
{
  CareWindow *window = get_window (self);

  if (window == NULL)
    return;

  /* The sign-in page opens it in the browser, or shows it to copy. */
  care_window_show_sign_in (window, self->sign_in_url, uri);
}

/* Some portals refuse loopback redirects (Oracle, the VA): the directory
 * says which, per vendor programme or endpoint (FHIR-CLIENT.md 3). */
static CareRedirectMode
redirect_mode_for (CareApplication *self,
                   const char      *url)
{
  GListModel *directory = G_LIST_MODEL (care_context_get_directory (self->context));
  g_autofree char *wanted = care_portal_url_normalize (url, NULL);

  for (guint i = 0; wanted != NULL && i < g_list_model_get_n_items (directory); i++)
    {
      g_autoptr(CareDirectoryEntry) entry = g_list_model_get_item (directory, i);

      if (g_strcmp0 (care_directory_entry_get_fhir_base (entry), wanted) == 0)
        return care_directory_entry_get_redirect (entry);
    }
  return CARE_REDIRECT_LOOPBACK;
}

static void
start_sign_in (CareApplication *self,
               const char      *url)
{
  CareWindow *window = get_window (self);

  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  self->sign_in_cancellable = g_cancellable_new ();

  ensure_session (self);

  if (window != NULL)
    care_window_show_sign_in (window, url, NULL);

  ensure_context (self);
  if (self->connections == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->connections = care_connection_store_new (NULL);
      if (!care_connection_store_load (self->connections, &error))
        g_debug ("Connections: %s", error->message);
    }
  care_connection_store_connect_async (self->connections, self->authorizer, url, NULL,
                                       redirect_mode_for (self, url),
                                       self->sign_in_cancellable, connected_cb, g_object_ref (self));
}

static void
connect_action_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CareApplication *self = user_data;

  g_free (self->sign_in_url);
  self->sign_in_url = g_strdup (g_variant_get_string (param, NULL));
  start_sign_in (self, self->sign_in_url);
}

static void
sign_in_again_action_cb (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  CareApplication *self = user_data;
  g_autofree char *base = NULL;

  /* The same health system's pages again; the result, keyed by (FHIR
   * base, patient), renews this person's connection in place. */
  if (self->connections != NULL)
    base = care_connection_store_dup_fhir_base (self->connections, g_variant_get_string (param, NULL));
  if (base == NULL)
    return;

  g_free (self->sign_in_url);
  self->sign_in_url = g_steal_pointer (&base);
  start_sign_in (self, self->sign_in_url);
}

static void
retry_sign_in_action_cb (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  CareApplication *self = user_data;

  if (self->sign_in_url != NULL)
    start_sign_in (self, self->sign_in_url);
}

static void
cancel_sign_in_action_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  CareApplication *self = user_data;

  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CareApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = care_sign_out_finish (result, &error);
  CareWindow *window = get_window (self);

  if (window != NULL)
    care_window_show_toast (window, summary != NULL ? summary : error->message);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(CareApplication) self = user_data;
  CarePerson *person;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "sign-out") || self->context == NULL)
    return;

  person = care_context_get_person (self->context);
  if (person == NULL)
    return;

  id = g_strdup (care_person_get_id (person));
  ensure_session (self);
  care_context_remove_person (self->context, id);
  care_context_remove_record (self->context, id);
  care_sign_out_async (self->session, self->connections, id, NULL, signed_out_cb, g_object_ref (self));
}

static void
sign_out_action_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CareApplication *self = user_data;
  CarePerson *person = self->context != NULL ? care_context_get_person (self->context) : NULL;
  CareWindow *window = get_window (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (person == NULL || window == NULL || self->connections == NULL)
    return;

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Sign Out of %s?"), care_person_get_display_name (person));
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading,
                                   _("Their records will be removed from this computer and the "
                                     "sign-in ended. The health system keeps the record itself; "
                                     "you can connect again at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (sign_out_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_sign_out_action (CareApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out");
  CarePerson *person = self->context != NULL ? care_context_get_person (self->context) : NULL;

  /* The demo's family lives in memory only: nothing to sign out of. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               person != NULL && !self->demo && self->connections != NULL);
}

static void
on_person_changed_cb (CareContext     *context,
                      GParamSpec      *pspec,
                      CareApplication *self)
{
  update_sign_out_action (self);
}

/* A notification was clicked: the item it was about, in a window on top. */
static void
open_item_action_cb (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  CareApplication *self = user_data;
  g_autofree char *person_id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  CareWindow *window;

  if (!care_notifier_parse_target (g_variant_get_string (param, NULL), &person_id, &type, &id))
    {
      g_debug ("app.open-item: not a person|Type/id target");
      return;
    }

  g_application_activate (G_APPLICATION (self));
  window = get_window (self);
  if (window == NULL)
    return;
  care_window_open_item (window, person_id, type, id);
}

/* A new language takes effect at start (gettext reads it once): quit as
 * Quit does, and main() starts Carebook again once everything is saved
 * and closed. */
static void
restart_action_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CareApplication *self = user_data;

  self->restart = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

/**
 * care_application_get_restart:
 * @self: a #CareApplication
 *
 * Returns: whether the user asked to start Carebook again (app.restart),
 *   once g_application_run() has returned
 */
gboolean
care_application_get_restart (CareApplication *self)
{
  g_return_val_if_fail (CARE_IS_APPLICATION (self), FALSE);

  return self->restart;
}

static const GActionEntry app_actions[] = {
  { "restart", restart_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
  { "demo", demo_action_cb },
  { "connect", connect_action_cb, "s" },
  { "sign-in-again", sign_in_again_action_cb, "s" },
  { "retry-sign-in", retry_sign_in_action_cb },
  { "cancel-sign-in", cancel_sign_in_action_cb },
  { "sign-out", sign_out_action_cb },
  { "open-item", open_item_action_cb, "s" },
};

static void
care_application_init (CareApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the demo portal with a fictional family"), NULL },
    { "connect", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Sign in to the health system at this address"), N_("URL") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { "bench-startup", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
      "Print the time of the first frame drawn, then quit (benchmarks)", NULL },
    { "bench-home", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
      "Print when Home has drawn each part, then quit (benchmarks)", NULL },
    { NULL }
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);
}

/**
 * care_application_new:
 *
 * Returns: (transfer full): the application
 */
CareApplication *
care_application_new (void)
{
  return g_object_new (CARE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
