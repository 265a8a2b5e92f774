/* care-window.c — the main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A welcome page on first run, then the record: a sidebar of feature areas
 * beside the section on screen (an AdwLeaflet that folds into "list, then
 * page with a back button" below about 600 px). The header carries the
 * person switcher and the sync indicator; an offline banner sits above the
 * section. Views get the window's CareContext; none of them waits on the
 * network to draw. The sidebar, the section pages and opening one item
 * live in care-window-sections.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-import-dialog.h"
#include "care-menus.h"
#include "care-person-switcher.h"
#include "care-record-search.h"
#include "care-record.h"
#include "care-sections.h"
#include "care-sync-banner.h"
#include "care-sync-indicator.h"
#include "care-window-private.h"

G_DEFINE_FINAL_TYPE (CareWindow, care_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
care_window_has_record (CareWindow *self)
{
  return care_context_get_demo (self->context) ||
         g_list_model_get_n_items (care_context_get_people (self->context)) > 0;
}

static void
update_actions (CareWindow *self)
{
  gboolean record = care_window_has_record (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh",
                                 care_context_can_sync (self->context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-record", record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-readings", record);
  if (self->welcome_page != NULL)
    care_welcome_page_set_can_cancel (self->welcome_page, record);

  /* The sidebar shows the app's name until there is a person to switch to. */
  gtk_widget_set_visible (GTK_WIDGET (self->app_title),
                          g_list_model_get_n_items (care_context_get_people (self->context)) == 0);
}

static void
update_subtitle (CareWindow *self)
{
  CarePerson *person = care_context_get_person (self->context);
  g_autofree char *subtitle = NULL;

  /* A lapsed sign-in says so beside the name, wherever the person is. */
  if (person != NULL && care_person_get_access_level (person) == CARE_ACCESS_SIGN_IN_AGAIN)
    /* Translators: the header's subtitle; %s is a person's name */
    subtitle = g_strdup_printf (_("%s · Sign in again"), care_person_get_display_name (person));
  else if (person != NULL)
    subtitle = g_strdup (care_person_get_display_name (person));
  adw_window_title_set_subtitle (self->section_title, subtitle);
}

/* Large text at 360 px leaves the header's title a few letters ("Test …"):
 * then the header shows none, and the section and the person are a
 * heading above the page, as wide as the window, where they wrap. The
 * squeezer picks its child while it is being allocated, when showing
 * or hiding a widget would upset the layout under way: on the next
 * idle, then. */
static gboolean
update_section_heading_cb (gpointer user_data)
{
  CareWindow *self = user_data;

  self->heading_idle = 0;
  gtk_widget_set_visible (self->section_heading,
                          adw_squeezer_get_visible_child (self->title_squeezer) == self->squeezed_title);
  return G_SOURCE_REMOVE;
}

static void
on_title_squeezed_cb (CareWindow *self)
{
  /* It is told of its first child while the template is being built. */
  if (self->section_heading == NULL || self->heading_idle != 0)
    return;
  self->heading_idle = g_idle_add (update_section_heading_cb, self);
}

static void
on_person_notify_cb (CarePerson *person,
                     GParamSpec *pspec,
                     CareWindow *self)
{
  update_subtitle (self);
}

static void
on_sign_in_cancel_cb (CareWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.cancel-sign-in", NULL);
  care_window_show_main_page (self, "welcome");
}

static void
on_sign_in_retry_cb (CareWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.retry-sign-in", NULL);
}

/* The welcome and sign-in pages are made when first shown: a start with
 * a record draws neither, and building, styling and measuring them (the
 * main stack measures every page it holds) took a share of the first
 * frame (bench/README.md, "Issue 18, sixth stop"). */
static CareWelcomePage *
ensure_welcome_page (CareWindow *self)
{
  if (self->welcome_page == NULL)
    {
      self->welcome_page = CARE_WELCOME_PAGE (care_welcome_page_new ());
      care_welcome_page_set_context (self->welcome_page, self->context);
      care_welcome_page_set_can_cancel (self->welcome_page, care_window_has_record (self));
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->welcome_page), "welcome");
    }
  return self->welcome_page;
}

static CareSignInPage *
ensure_sign_in_page (CareWindow *self)
{
  if (self->sign_in_page == NULL)
    {
      self->sign_in_page = CARE_SIGN_IN_PAGE (care_sign_in_page_new ());
      g_signal_connect_object (self->sign_in_page, "cancel", G_CALLBACK (on_sign_in_cancel_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sign_in_page, "retry", G_CALLBACK (on_sign_in_retry_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->sign_in_page), "signin");
    }
  return self->sign_in_page;
}

void
care_window_show_main_page (CareWindow *self,
                            const char *name)
{
  if (g_str_equal (name, "welcome"))
    ensure_welcome_page (self);
  else if (g_str_equal (name, "signin"))
    ensure_sign_in_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, name);
  care_a11y_keep_focus_in (gtk_stack_get_visible_child (self->main_stack));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);

  /* Folded, the header's Back is the only one on screen: it leaves the
   * section's detail before the section. */
  if (care_window_get_folded (self) && care_window_get_showing_content (self) &&
      care_window_section_go_back (self))
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);

  care_context_request_sync (self->context);
}

static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);
  CarePerson *person = care_context_get_person (self->context);

  /* The person on screen, back into the same connection. */
  if (person != NULL)
    gtk_widget_activate_action (widget, "app.sign-in-again", "s", care_person_get_id (person));
}

static void
rebuild_record_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);
  CareRecord *record = care_context_get_record (self->context);
  g_autoptr(GError) error = NULL;

  if (record == NULL)
    return;

  /* Only the damaged copy is replaced; the portal still holds everything. */
  if (!care_record_rebuild (record, &error))
    care_window_show_toast (self, error->message);
  else
    care_window_show_toast (self, _("Rebuilding the offline copy from your health system"));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  care_window_show_toast (CARE_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
search_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);

  if (!care_window_has_record (self))
    return;
  care_window_show_main_page (self, "record");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  gtk_menu_button_popup (self->search_button);
}

static void
add_health_system_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);

  care_welcome_page_set_url (ensure_welcome_page (self), NULL);
  care_window_show_main_page (self, "welcome");
}

static void
show_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);

  care_window_show_main_page (self, "record");
}

static void
import_readings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);
  CareRecord *record = care_context_get_record (self->context);

  if (record == NULL)
    return;
  gtk_window_present (GTK_WINDOW (care_import_dialog_new (GTK_WINDOW (self), record)));
}

static void
on_folded_changed_cb (CareWindow *self)
{
  /* Folded, the sidebar is a list to pick from, not a selection to show. */
  gtk_list_box_set_selection_mode (self->sidebar_list,
                                   adw_leaflet_get_folded (self->leaflet) ? GTK_SELECTION_NONE
                                                                          : GTK_SELECTION_BROWSE);
  if (CARE_IS_PERSON_SWITCHER (adw_bin_get_child (self->switcher_bin)))
    care_person_switcher_set_compact (CARE_PERSON_SWITCHER (adw_bin_get_child (self->switcher_bin)),
                                      adw_leaflet_get_folded (self->leaflet));
  if (!adw_leaflet_get_folded (self->leaflet))
    {
      guint position = 0;

      care_sections_lookup (gtk_stack_get_visible_child_name (self->section_stack), &position);
      gtk_list_box_select_row (self->sidebar_list,
                               gtk_list_box_get_row_at_index (self->sidebar_list, position));
    }
}

static void
on_person_changed_cb (CareContext *context,
                      GParamSpec  *pspec,
                      CareWindow  *self)
{
  CarePerson *person = care_context_get_person (context);

  update_subtitle (self);
  update_actions (self);

  if (person != NULL)
    g_settings_set_string (self->settings, "last-person", care_person_get_id (person));
}

static void
restore_last_person (CareWindow *self)
{
  CarePerson *person;

  /* The person on screen when the app last closed comes back once they
   * have signed in again (the demo signs its family in at every start). */
  if (self->restore_person == NULL)
    return;
  person = care_context_lookup_person (self->context, self->restore_person);
  if (person == NULL)
    return;
  g_clear_pointer (&self->restore_person, g_free);
  care_context_set_person (self->context, person);
}

static void
on_people_changed_cb (GListModel *people,
                      guint       position,
                      guint       removed,
                      guint       added,
                      CareWindow *self)
{
  update_actions (self);
  restore_last_person (self);

  if (added > 0)
    care_window_show_main_page (self, "record");
  else if (!care_window_has_record (self))
    care_window_show_main_page (self, "welcome");
}

static void
save_window_state (CareWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
care_window_close_request (GtkWindow *window)
{
  save_window_state (CARE_WINDOW (window));

  return GTK_WINDOW_CLASS (care_window_parent_class)->close_request (window);
}

/* The header's indicator shows the progress of the person on screen. */
static void
on_record_changed_cb (CareContext *context,
                      GParamSpec  *pspec,
                      CareWindow  *self)
{
  CareRecord *record = care_context_get_record (context);
  GtkWidget *indicator = adw_bin_get_child (self->indicator_bin);

  care_sync_indicator_set_engine (CARE_SYNC_INDICATOR (indicator),
                                  record != NULL ? care_record_get_engine (record) : NULL);
}

static void
care_window_constructed (GObject *object)
{
  CareWindow *self = (CareWindow *)object;
  CareSyncState *state;
  GtkWidget *indicator;
  g_autofree char *last_section = NULL;

  G_OBJECT_CLASS (care_window_parent_class)->constructed (object);

  g_assert (CARE_IS_CONTEXT (self->context));

  state = care_context_get_sync_state (self->context);
  adw_bin_set_child (self->switcher_bin, care_person_switcher_new (self->context));
  care_person_switcher_set_compact (CARE_PERSON_SWITCHER (adw_bin_get_child (self->switcher_bin)),
                                    adw_leaflet_get_folded (self->leaflet));
  indicator = care_sync_indicator_new (state);
  adw_bin_set_child (self->indicator_bin, indicator);
  adw_bin_set_child (self->banner_bin, care_sync_banner_new (state));
  g_object_bind_property (indicator, "status-text",
                          self->sync_status_label, "label",
                          G_BINDING_SYNC_CREATE);

  gtk_menu_button_set_popover (self->search_button, care_record_search_new (self->context));
  care_window_populate_sections (self);

  g_signal_connect_object (self->context, "notify::person",
                           G_CALLBACK (on_person_changed_cb), self, 0);
  self->person_signals = g_signal_group_new (CARE_TYPE_PERSON);
  g_signal_group_connect (self->person_signals, "notify", G_CALLBACK (on_person_notify_cb), self);
  g_object_bind_property (self->context, "person", self->person_signals, "target",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->context, "notify::record",
                           G_CALLBACK (on_record_changed_cb), self, 0);
  on_record_changed_cb (self->context, NULL, self);
  g_signal_connect_object (care_context_get_people (self->context), "items-changed",
                           G_CALLBACK (on_people_changed_cb), self, 0);

  self->restore_person = g_settings_get_string (self->settings, "last-person");
  restore_last_person (self);
  last_section = g_settings_get_string (self->settings, "last-section");
  care_window_select_section (self, last_section, FALSE);
  update_subtitle (self);
  update_actions (self);
  care_window_show_main_page (self, care_window_has_record (self) ? "record" : "welcome");
}

static void
care_window_dispose (GObject *object)
{
  CareWindow *self = (CareWindow *)object;

  /* No gtk_widget_dispose_template() here: the template's root is the
   * window's content, which AdwApplicationWindow disposes itself. */
  if (self->person_signals != NULL)
    g_signal_group_set_target (self->person_signals, NULL);
  g_clear_object (&self->person_signals);
  g_clear_handle_id (&self->heading_idle, g_source_remove);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->restore_person, g_free);
  g_clear_pointer (&self->unmade_sections, g_hash_table_unref);

  G_OBJECT_CLASS (care_window_parent_class)->dispose (object);
}

static void
care_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CareWindow *self = CARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CareWindow *self = CARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_window_class_init (CareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = care_window_constructed;
  object_class->dispose = care_window_dispose;
  object_class->get_property = care_window_get_property;
  object_class->set_property = care_window_set_property;

  window_class->close_request = care_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CARE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/app/care-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CareWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, app_title);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, switcher_bin);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, sync_status_label);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, section_title);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, squeezed_title);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, section_heading);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, indicator_bin);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, banner_bin);
  gtk_widget_class_bind_template_child (widget_class, CareWindow, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_squeezed_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "win.add-health-system", NULL,
                                   add_health_system_action);
  gtk_widget_class_install_action (widget_class, "win.show-record", NULL, show_record_action);
  gtk_widget_class_install_action (widget_class, "win.import-readings", NULL, import_readings_action);
  gtk_widget_class_install_action (widget_class, "record.rebuild", NULL, rebuild_record_action);
  gtk_widget_class_install_action (widget_class, "win.search-record", NULL, search_record_action);
  /* Views show toasts through this action, never through the window's type. */
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  /* A view with a search of its own (Visits & Documents, the document
   * viewer) takes Ctrl+F first: window shortcuts run in the bubble phase. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search-record", NULL);
  care_window_class_init_sections (widget_class);
}

static void
care_window_init (CareWindow *self)
{
  g_autoptr(GMenuModel) menu = care_menus_dup_primary ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Section ids (static strings) whose views are not made yet. */
  self->unmade_sections = g_hash_table_new (g_str_hash, g_str_equal);
  /* A section fades into the next: busy until it is drawn whole. */
  care_a11y_busy_in_transitions (self->main_stack);
  care_a11y_busy_in_transitions (self->section_stack);

  gtk_menu_button_set_menu_model (self->primary_menu_button, menu);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * care_window_new:
 * @application: (nullable): the application
 * @context: the services the window's views share
 *
 * Returns: (transfer full): a new window
 */
CareWindow *
care_window_new (CareApplication *application,
                 CareContext     *context)
{
  g_return_val_if_fail (application == NULL || CARE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * care_window_get_context:
 * @self: a #CareWindow
 *
 * Returns: (transfer none): the window's context
 */
CareContext *
care_window_get_context (CareWindow *self)
{
  g_return_val_if_fail (CARE_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * care_window_get_visible_page:
 * @self: a #CareWindow
 *
 * Returns: "welcome" or "record"
 */
const char *
care_window_get_visible_page (CareWindow *self)
{
  g_return_val_if_fail (CARE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

gboolean
care_window_get_folded (CareWindow *self)
{
  g_return_val_if_fail (CARE_IS_WINDOW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

/**
 * care_window_get_showing_content:
 * @self: a #CareWindow
 *
 * Returns: %TRUE when the leaflet shows the section rather than the sidebar
 *   (always the case when it is not folded)
 */
gboolean
care_window_get_showing_content (CareWindow *self)
{
  g_return_val_if_fail (CARE_IS_WINDOW (self), FALSE);

  return !adw_leaflet_get_folded (self->leaflet) ||
         adw_leaflet_get_visible_child (self->leaflet) == self->content_box;
}

void
care_window_show_toast (CareWindow *self,
                        const char *text)
{
  g_return_if_fail (CARE_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/**
 * care_window_show_sign_in:
 * @self: a #CareWindow
 * @portal: the health system's name or address
 * @uri: (nullable): the sign-in page opened in the browser
 *
 * Shows that sign-in continues in the browser.
 */
void
care_window_show_sign_in (CareWindow *self,
                          const char *portal,
                          const char *uri)
{
  g_return_if_fail (CARE_IS_WINDOW (self));

  care_sign_in_page_show_waiting (ensure_sign_in_page (self), portal, uri);
  care_window_show_main_page (self, "signin");
}

/**
 * care_window_show_sign_in_error:
 * @self: a #CareWindow
 * @message: why signing in failed
 */
void
care_window_show_sign_in_error (CareWindow *self,
                                const char *message)
{
  g_return_if_fail (CARE_IS_WINDOW (self));

  care_sign_in_page_show_error (ensure_sign_in_page (self), message);
  care_window_show_main_page (self, "signin");
}

