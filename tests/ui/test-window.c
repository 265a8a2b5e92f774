/* test-window.c — the main window: pages, sections, narrow layout, people
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "care-demo.h"
#include "care-empty-state.h"
#include "care-features.h"
#include "care-person-switcher.h"
#include "care-section-page.h"
#include "care-sections.h"
#include "care-sign-in-page.h"
#include "care-sync-banner.h"
#include "care-welcome-page.h"
#include "care-window.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

typedef struct
{
  CareContext *context;
  CareWindow  *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  gboolean demo = GPOINTER_TO_INT (data);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GDate today;

  /* Each test starts from the defaults, whatever an earlier one saved. */
  g_settings_reset (settings, "last-section");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");

  fixture->context = care_context_new (demo);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  care_context_set_today (fixture->context, &today);
  fixture->window = g_object_ref_sink (care_window_new (NULL, fixture->context));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->context);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_notify_flag_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  *(gboolean *)user_data = TRUE;
}

static gboolean
wait_for_folded (CareWindow *window,
                 gboolean    folded)
{
  gboolean changed = FALSE;
  gulong id;
  GObject *leaflet;

  if (care_window_get_folded (window) == folded)
    return TRUE;

  /* The leaflet is the record page; its fold follows the allocation. */
  leaflet = G_OBJECT (gtk_widget_get_parent (gtk_widget_get_parent (
    care_window_get_section_page (window, "home"))));
  while (leaflet != NULL && !ADW_IS_LEAFLET (leaflet))
    leaflet = G_OBJECT (gtk_widget_get_parent (GTK_WIDGET (leaflet)));
  g_assert_nonnull (leaflet);

  id = g_signal_connect (leaflet, "notify::folded", G_CALLBACK (on_notify_flag_cb), &changed);
  care_test_wait_for (&changed, 5000);
  g_signal_handler_disconnect (leaflet, id);

  return care_window_get_folded (window) == folded;
}

static GtkWidget *
find_child_of_type (gpointer widget,
                    GType    type)
{
  GtkWidget *w = GTK_WIDGET (widget);

  /* Depth-first walk of the widget tree. */
  while (w != NULL)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }

  return NULL;
}

static GtkWidget *
find_child_named (GtkWidget  *widget,
                  const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static CareWelcomePage *
find_welcome_page (CareWindow *window)
{
  return CARE_WELCOME_PAGE (find_child_of_type (window, CARE_TYPE_WELCOME_PAGE));
}

static void
test_opens_on_welcome (Fixture       *fixture,
                       gconstpointer  data)
{
  gtk_window_present (GTK_WINDOW (fixture->window));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");

  /* With no record yet there is nothing to go back to. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-record", NULL);
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");
}

static void
test_demo_opens_record (Fixture       *fixture,
                        gconstpointer  data)
{
  gtk_window_present (GTK_WINDOW (fixture->window));

  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "record");
  g_assert_cmpstr (care_window_get_visible_section (fixture->window), ==, "home");
}

/* A start with a record draws the record alone: the welcome and sign-in
 * pages are made when first shown, not built, styled and measured for a
 * first frame that never shows them (bench/README.md, issue 18's sixth
 * stop). Adding a health system still shows the welcome page. */
static void
test_record_start_makes_no_welcome (Fixture       *fixture,
                                    gconstpointer  data)
{
  CareWelcomePage *page;

  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "record");
  g_assert_null (find_child_of_type (fixture->window, CARE_TYPE_WELCOME_PAGE));
  g_assert_null (find_child_of_type (fixture->window, CARE_TYPE_SIGN_IN_PAGE));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.add-health-system", NULL));
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");
  page = CARE_WELCOME_PAGE (find_child_of_type (fixture->window, CARE_TYPE_WELCOME_PAGE));
  g_assert_nonnull (page);
  /* It is the whole welcome page: it refuses a plain http address. */
  care_welcome_page_set_url (page, "http://portal.example.org/fhir");
  g_assert_false (care_welcome_page_submit (page));
  g_assert_nonnull (care_welcome_page_get_error (page));

  /* Made once: back to the record and again, the same page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-record", NULL));
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "record");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.add-health-system", NULL));
  g_assert_true (find_child_of_type (fixture->window, CARE_TYPE_WELCOME_PAGE) == GTK_WIDGET (page));
  g_assert_null (find_child_of_type (fixture->window, CARE_TYPE_SIGN_IN_PAGE));
}

static void
test_every_section (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n = care_sections_get_n_items ();

  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_cmpuint (n, ==, 18);

  for (guint i = 0; i < n; i++)
    {
      const CareSection *section = care_sections_get (i);
      const CareFeature *feature;
      GtkWidget *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.show-section", "s", section->id));
      g_assert_cmpstr (care_window_get_visible_section (fixture->window), ==, section->id);
      g_assert_cmpstr (care_window_get_sidebar_label (fixture->window, i), ==, section->title);

      page = care_window_get_section_page (fixture->window, section->id);
      g_assert_true (gtk_widget_get_mapped (page));
      /* Every section is a feature of the table, with its title and icon,
       * and has a view of its own. */
      feature = care_features_get (i);
      g_assert_cmpstr (feature->id, ==, section->id);
      g_assert_true (section->title == feature->title);
      g_assert_true (section->icon_name == feature->icon_name);
      g_assert_nonnull (section->create_view);
      g_assert_false (CARE_IS_EMPTY_STATE (page));
      /* Pages with pages of their own are told when the window folds. */
      if (CARE_IS_SECTION_PAGE (page))
        g_assert_false (care_section_page_get_folded (CARE_SECTION_PAGE (page)));
    }

  /* An unknown id falls back to Home instead of an empty page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "nope");
  g_assert_cmpstr (care_window_get_visible_section (fixture->window), ==, "home");
}

static void
test_section_remembered (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CareWindow) second = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "messages");
  g_assert_cmpstr (g_settings_get_string (settings, "last-section"), ==, "messages");

  second = g_object_ref_sink (care_window_new (NULL, fixture->context));
  g_assert_cmpstr (care_window_get_visible_section (second), ==, "messages");
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_narrow_collapses (Fixture       *fixture,
                       gconstpointer  data)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  gtk_window_present (GTK_WINDOW (fixture->window));

  g_assert_true (wait_for_folded (fixture->window, TRUE));

  /* Folded, the sidebar comes first … */
  g_assert_false (care_window_get_showing_content (fixture->window));

  /* … a section opens as a page of its own … */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "results");
  g_assert_true (care_window_get_showing_content (fixture->window));
  g_assert_cmpstr (care_window_get_visible_section (fixture->window), ==, "results");

  /* … and the back button returns to the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL));
  g_assert_false (care_window_get_showing_content (fixture->window));

  /* Widening the window shows both side by side again. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_assert_true (wait_for_folded (fixture->window, FALSE));
  g_assert_true (care_window_get_showing_content (fixture->window));
}

static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
sidebar_width (Fixture *fixture)
{
  GtkWidget *sidebar = find_by_class (GTK_WIDGET (fixture->window), "sidebar-pane");
  int natural = 0;

  g_assert_nonnull (sidebar);
  gtk_widget_measure (sidebar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The sidebar is as wide for a short name as for a long one, and whatever
 * the footer says: it does not jump when another person is chosen. */
static void
test_sidebar_width (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarePerson) short_name = care_person_new ("Patient/a", "Al Li", "1981-06-02",
                                                      CARE_RELATIONSHIP_SELF);
  g_autoptr(CarePerson) long_name = care_person_new ("Patient/b", "Maria Guadalupe Fernández-Castellanos",
                                                     "1950-01-10", CARE_RELATIONSHIP_PARENT);
  int first;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  care_context_add_person (fixture->context, short_name);
  care_context_add_person (fixture->context, long_name);

  care_context_set_person (fixture->context, short_name);
  first = sidebar_width (fixture);
  care_context_set_person (fixture->context, long_name);
  g_assert_cmpint (sidebar_width (fixture), ==, first);

  /* A long footer ("Updated …", an error) takes the width it is given. */
  care_sync_state_set_phase (care_context_get_sync_state (fixture->context), CARE_SYNC_PHASE_FAILED);
  care_sync_state_set_message (care_context_get_sync_state (fixture->context),
                               "The health system could not be reached: a very long reason indeed, "
                               "longer than any sidebar");
  g_assert_cmpint (sidebar_width (fixture), ==, first);
}

static void
test_people_and_refresh (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CarePerson) adult = care_person_new ("Patient/adult", "Maria Garcia", "1981-06-02",
                                                 CARE_RELATIONSHIP_SELF);
  g_autoptr(CarePerson) child = care_person_new ("Patient/child", "Leo Garcia", "2018-04-10",
                                                 CARE_RELATIONSHIP_CHILD);
  g_autoptr(CarePerson) child_again = care_person_new ("Patient/child", "Leo G.", "2018-04-10",
                                                       CARE_RELATIONSHIP_CHILD);
  gboolean requested = FALSE;
  gulong id;

  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");

  id = g_signal_connect (fixture->context, "sync-requested",
                         G_CALLBACK (on_notify_flag_cb), &requested);

  /* Nobody to sync yet: Refresh is disabled and does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_false (requested);

  care_context_add_person (fixture->context, adult);
  care_context_add_person (fixture->context, child);
  care_context_add_person (fixture->context, child_again);

  /* Someone to show: the record replaces the welcome page; a repeated
   * person replaces the first instead of appearing twice. */
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "record");
  g_assert_cmpuint (g_list_model_get_n_items (care_context_get_people (fixture->context)), ==, 2);
  g_assert_true (care_context_get_person (fixture->context) == adult);
  g_assert_cmpstr (care_person_get_display_name (care_context_lookup_person (fixture->context,
                                                                             "Patient/child")),
                   ==, "Leo G.");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_true (requested);
  g_signal_handler_disconnect (fixture->context, id);

  /* Adding a health system shows the welcome page with a way back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-health-system", NULL);
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-record", NULL);
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "record");
}

static void
test_switcher_rows (void)
{
  g_autoptr(CareContext) context = care_context_new (FALSE);
  g_autoptr(CarePerson) adult = care_person_new ("Patient/adult", "Maria Garcia", "1981-06-02",
                                                 CARE_RELATIONSHIP_SELF);
  g_autoptr(CarePerson) teen = care_person_new ("Patient/teen", "Sofia Garcia", "2011-03-15",
                                                CARE_RELATIONSHIP_CHILD);
  GtkWidget *switcher;
  GtkListBoxRow *row;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  care_context_set_today (context, &today);

  switcher = g_object_ref_sink (care_person_switcher_new (context));
  g_assert_false (gtk_widget_get_visible (switcher));

  care_context_add_person (context, adult);
  care_context_add_person (context, teen);
  care_person_set_access_level (teen, CARE_ACCESS_LIMITED);
  g_assert_true (gtk_widget_get_visible (switcher));

  row = gtk_list_box_get_row_at_index (care_person_switcher_get_list (CARE_PERSON_SWITCHER (switcher)), 1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (care_person_switcher_get_list (CARE_PERSON_SWITCHER (switcher)),
                         "row-activated", row);
  g_assert_true (care_context_get_person (context) == teen);

  g_object_unref (switcher);
}

static void
test_welcome_refuses_bad_url (Fixture       *fixture,
                              gconstpointer  data)
{
  CareWelcomePage *page;

  gtk_window_present (GTK_WINDOW (fixture->window));

  page = find_welcome_page (fixture->window);
  g_assert_nonnull (page);

  care_welcome_page_set_url (page, "http://portal.example.org/fhir");
  g_assert_false (care_welcome_page_submit (page));
  g_assert_nonnull (care_welcome_page_get_error (page));
  g_assert_nonnull (strstr (care_welcome_page_get_error (page), "https"));
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");

  care_welcome_page_set_url (page, "");
  g_assert_false (care_welcome_page_submit (page));

  /* Typing again clears the message. */
  care_welcome_page_set_url (page, "https://portal.example.org/fhir");
  g_assert_null (care_welcome_page_get_error (page));
}

static void
on_items_changed_flag_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          gpointer    user_data)
{
  *(gboolean *)user_data = TRUE;
}

static void
load_directory (CareContext *context,
                const char  *folder)
{
  GListModel *directory = G_LIST_MODEL (care_context_get_directory (context));
  gboolean loaded = FALSE;
  gulong id;

  id = g_signal_connect (directory, "items-changed", G_CALLBACK (on_items_changed_flag_cb), &loaded);
  care_context_load_directories (context, folder);
  g_assert_true (care_test_wait_for (&loaded, 10000));
  g_signal_handler_disconnect (directory, id);
}

static const char *
row_title (GtkListBox *list,
           int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static void
test_welcome_directory (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", NULL);
  CareWelcomePage *page = find_welcome_page (fixture->window);
  GListModel *visible = care_welcome_page_get_visible_entries (page);
  GtkEditable *search;
  GtkListBox *list;
  gboolean changed = FALSE;
  gulong id;

  g_assert_nonnull (page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  search = GTK_EDITABLE (find_child_of_type (page, GTK_TYPE_SEARCH_ENTRY));
  list = GTK_LIST_BOX (find_child_named (GTK_WIDGET (page), "health-systems"));

  load_directory (fixture->context, fixtures);

  /* Nothing typed, nothing listed: the list is tens of thousands long. */
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));

  /* Typed as a person types: the search entry's own (delayed) signal. */
  id = g_signal_connect (visible, "items-changed", G_CALLBACK (on_items_changed_flag_cb), &changed);
  gtk_editable_set_text (search, "childrens colorado");
  g_assert_true (care_test_wait_for (&changed, 5000));
  g_signal_handler_disconnect (visible, id);

  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_cmpstr (row_title (list, 0), ==, "Children&apos;s Hospital Colorado");

  care_welcome_page_set_search (page, "queretaro");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_cmpstr (row_title (list, 0), ==, "Clínica San Martín");

  /* By zip code: the very one first, then its state. */
  care_welcome_page_set_search (page, "80204");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  g_assert_cmpstr (row_title (list, 0), ==, "Denver Health");

  care_welcome_page_set_search (page, "no such clinic");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));
}

typedef struct
{
  guint  requests;
  GBytes *png;
} LogoServer;

static void
logo_handler_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  LogoServer *logos = user_data;

  logos->requests++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (logos->png, NULL), g_bytes_get_size (logos->png));
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_welcome_logo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *brands = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", "brands.json", NULL);
  g_autofree char *folder = g_dir_make_tmp ("carebook-logos-XXXXXX", NULL);
  g_autofree char *logo_dir = g_build_filename (folder, "logos", NULL);
  g_autofree char *copy = g_build_filename (folder, "brands.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *with_logo = NULL;
  g_autofree char *logo_url = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GSList) uris = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  CareWelcomePage *page = find_welcome_page (fixture->window);
  GListModel *visible = care_welcome_page_get_visible_entries (page);
  GtkEditable *search = GTK_EDITABLE (find_child_of_type (page, GTK_TYPE_SEARCH_ENTRY));
  GtkListBox *list = GTK_LIST_BOX (find_child_named (GTK_WIDGET (page), "health-systems"));
  LogoServer logos = { 0 };
  gboolean changed = FALSE;
  GStatBuf st;
  gulong id;

  cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);
  logos.png = g_bytes_new (png->data, png->len);
  soup_server_add_handler (server, "/logo.png", logo_handler_cb, &logos, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  logo_url = g_strdup_printf ("http://127.0.0.1:%d/logo.png", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  /* The fixture's brand, with its logo on this test's server. */
  g_assert_true (g_file_get_contents (brands, &text, NULL, NULL));
  {
    g_auto(GStrv) parts = g_strsplit (text, "https://logos.example.org/childrens.png", -1);

    with_logo = g_strjoinv (logo_url, parts);
  }
  g_assert_true (g_file_set_contents (copy, with_logo, -1, NULL));

  gtk_window_present (GTK_WINDOW (fixture->window));
  care_welcome_page_set_logo_dir (page, logo_dir);
  load_directory (fixture->context, folder);

  /* Typing lists the brand without its logo, and asks for nothing. */
  id = g_signal_connect (visible, "items-changed", G_CALLBACK (on_items_changed_flag_cb), &changed);
  gtk_editable_set_text (search, "childrens");
  g_assert_true (care_test_wait_for (&changed, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_cmpuint (logos.requests, ==, 0);
  g_assert_null (find_child_named (GTK_WIDGET (list), "health-system-logo"));

  /* Once typing has paused, the logo is fetched, kept and shown. */
  changed = FALSE;
  care_welcome_page_fetch_logos (page);
  g_assert_true (care_test_wait_for (&changed, 5000));
  g_signal_handler_disconnect (visible, id);
  g_assert_cmpuint (logos.requests, ==, 1);
  g_assert_nonnull (find_child_named (GTK_WIDGET (list), "health-system-logo"));
  g_assert_cmpint (g_stat (logo_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Kept: searching again asks for nothing more. */
  care_welcome_page_set_search (page, "children hospital");
  care_welcome_page_fetch_logos (page);
  g_assert_cmpuint (logos.requests, ==, 1);
  g_assert_nonnull (find_child_named (GTK_WIDGET (list), "health-system-logo"));

  g_bytes_unref (logos.png);
  care_test_remove_flat_dir (logo_dir);
  care_test_remove_flat_dir (folder);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_sandbox (gboolean demo,
               const char *folder)
{
  g_autoptr(CareContext) context = care_context_new (demo);
  g_autoptr(GPtrArray) found = NULL;

  load_directory (context, folder);
  /* Both files load: wait until the fixture's entries are there too. */
  while (g_list_model_get_n_items (G_LIST_MODEL (care_context_get_directory (context))) < 4)
    g_main_context_iteration (NULL, TRUE);
  if (demo)
    while (g_list_model_get_n_items (G_LIST_MODEL (care_context_get_directory (context))) < 5)
      g_main_context_iteration (NULL, TRUE);
  found = care_directory_search (care_context_get_directory (context), "carebook sandbox", 0);
  return found->len;
}

static void
test_welcome_demo_entry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *brands = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", "brands.json", NULL);
  g_autofree char *sandbox = g_test_build_filename (G_TEST_DIST, "..", "data", "directory", "demo",
                                                    "carebook-sandbox.json", NULL);
  g_autofree char *folder = g_dir_make_tmp ("carebook-directory-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (folder, "demo", NULL);
  g_autofree char *brands_copy = g_build_filename (folder, "brands.json", NULL);
  g_autofree char *sandbox_copy = g_build_filename (demo, "carebook-sandbox.json", NULL);

  /* The shipped folder's layout: the list, and demo/ for the demo only. */
  g_assert_cmpint (g_mkdir (demo, 0700), ==, 0);
  copy_file (brands, brands_copy);
  copy_file (sandbox, sandbox_copy);

  g_assert_cmpuint (count_sandbox (FALSE, folder), ==, 0);
  g_assert_cmpuint (count_sandbox (TRUE, folder), ==, 1);

  g_remove (sandbox_copy);
  g_remove (brands_copy);
  g_remove (demo);
  g_remove (folder);
}

/* Everything the welcome page says, to look for jargon in. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL)
    g_string_append_printf (text, "%s\n", tooltip);
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      g_string_append_printf (text, "%s\n", placeholder != NULL ? placeholder : "");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
test_welcome_no_jargon (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", NULL);
  CareWelcomePage *page = find_welcome_page (fixture->window);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *lower = NULL;

  gtk_window_present (GTK_WINDOW (fixture->window));
  load_directory (fixture->context, fixtures);
  care_welcome_page_set_search (page, "no such clinic");
  collect_text (GTK_WIDGET (page), text);
  lower = g_ascii_strdown (text->str, -1);

  /* What a patient reads: no "FHIR", no "directory". */
  g_assert_null (strstr (lower, "fhir"));
  g_assert_null (strstr (lower, "directory"));
  /* The list's source and date are said. */
  g_assert_nonnull (strstr (text->str, "Example Lists"));
  g_assert_nonnull (strstr (text->str, "2026"));
  /* The welcome text promises only what the app does: it reads. */
  g_assert_null (strstr (lower, "manage appointments"));
  g_assert_null (strstr (lower, "message your care team"));
}

static void
test_sign_in_page (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_present (GTK_WINDOW (fixture->window));

  care_window_show_sign_in (fixture->window, "https://fhir.example.org/r4", "https://example.org/authorize");
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "signin");

  care_window_show_sign_in_error (fixture->window, "The health system refused the sign-in request.");
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "signin");

  /* Back (or Cancel) returns to the welcome page. */
  g_signal_emit_by_name (find_child_of_type (fixture->window, CARE_TYPE_SIGN_IN_PAGE), "cancel");
  g_assert_cmpstr (care_window_get_visible_page (fixture->window), ==, "welcome");
}

static void
test_offline_banner (Fixture       *fixture,
                     gconstpointer  data)
{
  CareSyncState *state = care_context_get_sync_state (fixture->context);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, -3);
  g_autoptr(CareSyncBanner) banner = g_object_ref_sink (CARE_SYNC_BANNER (care_sync_banner_new (state)));

  g_assert_false (care_sync_banner_get_revealed (banner));

  care_sync_state_set_last_synced (state, then);
  care_sync_state_set_online (state, FALSE);
  g_assert_true (care_sync_banner_get_revealed (banner));
  g_assert_cmpstr (care_sync_banner_get_text (banner), ==,
                   "You’re offline. Showing your record as it was 3 hours ago.");

  care_sync_state_set_online (state, TRUE);
  g_assert_false (care_sync_banner_get_revealed (banner));

  care_sync_state_set_phase (state, CARE_SYNC_PHASE_FAILED);
  g_assert_true (care_sync_banner_get_revealed (banner));
  g_assert_cmpstr (care_sync_banner_get_text (banner), ==,
                   "Your record could not be synced. Showing it as it was 3 hours ago.");
}

/* Issue 18: while a first sync's indexes are built, the banner says lists
 * are slower and search unranked, with no button (nothing to retry);
 * offline still comes first, and the banner goes once indexing ends. */
static void
test_indexing_banner (Fixture       *fixture,
                      gconstpointer  data)
{
  CareSyncState *state = care_context_get_sync_state (fixture->context);
  g_autoptr(CareSyncBanner) banner = g_object_ref_sink (CARE_SYNC_BANNER (care_sync_banner_new (state)));

  g_assert_false (care_sync_banner_get_revealed (banner));

  care_sync_state_set_phase (state, CARE_SYNC_PHASE_SYNCING);
  care_sync_state_set_indexing (state, TRUE);
  g_assert_true (care_sync_banner_get_revealed (banner));
  g_assert_cmpstr (care_sync_banner_get_text (banner), ==,
                   "Still indexing your record. Lists may load more slowly and search results "
                   "are not sorted by relevance until it is done.");
  g_assert_false (care_sync_banner_get_button_visible (banner));

  care_sync_state_set_online (state, FALSE);
  g_assert_cmpstr (care_sync_banner_get_text (banner), ==,
                   "You’re offline. Your record will sync when the connection is back.");
  g_assert_true (care_sync_banner_get_button_visible (banner));
  care_sync_state_set_online (state, TRUE);

  care_sync_state_set_indexing (state, FALSE);
  care_sync_state_set_phase (state, CARE_SYNC_PHASE_IDLE);
  g_assert_false (care_sync_banner_get_revealed (banner));
}

static void
test_demo_family (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(CareWindow) window = NULL;
  CarePerson *teen;
  CareRecord *record;
  g_autofree char *message = NULL;

  /* The family signs in through the SMART flow and syncs, all at once. */
  care_test_family_setup (&family);
  g_assert_true (g_str_has_prefix (care_sandbox_get_fhir_base (family.sandbox), "http://127.0.0.1:"));

  /* The family, the signed-in adult first and on screen. */
  g_assert_cmpuint (g_list_model_get_n_items (care_context_get_people (family.context)), ==, 4);
  g_assert_cmpstr (care_person_get_display_name (care_context_get_person (family.context)), ==,
                   "Maria Elena Reyes");
  record = care_context_get_record (family.context);
  g_assert_nonnull (record);
  g_assert_cmpint (care_cache_count (care_record_get_cache (record), "Observation", NULL), >, 100);

  /* The portal limits the parent's view of the 15-year-old, and the
   * record says so rather than looking empty. */
  teen = care_context_lookup_person (family.context, "demo:teen");
  g_assert_nonnull (teen);
  g_assert_cmpint (care_person_get_access_level (teen), ==, CARE_ACCESS_LIMITED);
  g_assert_cmpint (care_person_get_relationship (teen), ==, CARE_RELATIONSHIP_CHILD);
  record = care_test_family_show (&family, "demo:teen");
  g_assert_cmpint (care_record_get_type_status (record, "MedicationRequest", &message), ==,
                   CARE_TYPE_STATUS_WITHHELD);

  /* The person last on screen comes back, and every section still makes
   * its view afterwards (restoring once freed the list of views to make,
   * leaving blank sections). */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "last-person", "demo:child");
    window = g_object_ref_sink (care_window_new (NULL, family.context));
    g_assert_cmpstr (care_person_get_id (care_context_get_person (family.context)), ==, "demo:child");
  }
  g_assert_cmpstr (care_window_get_visible_page (window), ==, "record");
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < care_sections_get_n_items (); i++)
    {
      const CareSection *section = care_sections_get (i);
      GtkWidget *page;

      if (section->create_view == NULL)
        continue;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", section->id));
      page = care_window_get_section_page (window, section->id);
      /* A placeholder is a plain GtkBox; a view is its own type. */
      g_assert_true (G_OBJECT_TYPE (page) != GTK_TYPE_BOX);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/care/ui/window/opens-on-welcome", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_opens_on_welcome, fixture_teardown);
  g_test_add ("/care/ui/window/demo-opens-record", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_demo_opens_record, fixture_teardown);
  g_test_add ("/care/ui/window/record-start-makes-no-welcome", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_record_start_makes_no_welcome, fixture_teardown);
  g_test_add ("/care/ui/window/every-section", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_every_section, fixture_teardown);
  g_test_add ("/care/ui/window/section-remembered", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_section_remembered, fixture_teardown);
  g_test_add ("/care/ui/window/narrow-collapses", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_narrow_collapses, fixture_teardown);
  g_test_add ("/care/ui/window/people-and-refresh", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_people_and_refresh, fixture_teardown);
  g_test_add ("/care/ui/welcome/refuses-bad-url", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_welcome_refuses_bad_url, fixture_teardown);
  g_test_add ("/care/ui/welcome/directory", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_welcome_directory, fixture_teardown);
  g_test_add ("/care/ui/welcome/demo-entry-only-in-demo", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_welcome_demo_entry, fixture_teardown);
  g_test_add ("/care/ui/welcome/logo", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_welcome_logo, fixture_teardown);
  g_test_add ("/care/ui/welcome/no-jargon", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_welcome_no_jargon, fixture_teardown);
  g_test_add ("/care/ui/window/sign-in-page", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_sign_in_page, fixture_teardown);
  g_test_add ("/care/ui/sync-banner/offline", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_offline_banner, fixture_teardown);
  g_test_add ("/care/ui/sync-banner/indexing", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_indexing_banner, fixture_teardown);
  g_test_add ("/care/ui/window/sidebar-width", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_sidebar_width, fixture_teardown);
  g_test_add_func ("/care/ui/person-switcher/rows", test_switcher_rows);
  g_test_add_func ("/care/ui/demo/family", test_demo_family);

  return g_test_run ();
}
