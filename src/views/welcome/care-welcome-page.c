/* care-welcome-page.c — the first-run page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ways in: find the health system by name, state or zip code in the
 * directory, type its FHIR base address under "Enter an address instead",
 * or explore the demo portal. The address is checked here (https, or http
 * to this machine only) before anything is sent; connecting itself is the
 * app.connect action, so the sign-in code owns what happens next. No
 * "FHIR" or "directory" in what the page says: a patient knows neither.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-directory.h"
#include "care-logo-cache.h"
#include "care-menus.h"
#include "care-portal-url.h"
#include "care-time.h"
#include "care-welcome-page.h"

/* Enough rows to pick from; more means the search should be narrower. */
#define MAX_VISIBLE_ENTRIES 6
/* Logos are asked for once typing has paused this long, never per key. */
#define LOGO_DELAY_MS 1200

struct _CareWelcomePage
{
  AdwBin          parent_instance;

  CareContext    *context;
  GListStore     *visible_entries;
  GCancellable   *cancellable;
  SoupSession    *logo_session;
  char           *logo_dir;
  GHashTable     *logos_asked;      /* URLs asked for in this page's life */
  guint           logo_timeout;

  GtkSearchEntry *search_entry;
  GtkListBox     *directory_list;
  GtkLabel       *no_match_label;
  GtkLabel       *source_label;
  AdwExpanderRow *address_expander;
  AdwEntryRow  *url_row;
  GtkLabel     *error_label;
  GtkRevealer  *error_revealer;
  GtkButton    *cancel_button;
  GtkButton    *connect_button;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (CareWelcomePage, care_welcome_page, ADW_TYPE_BIN)

static void
show_error (CareWelcomePage *self,
            const char      *message)
{
  /* In words under the field and tied to it, not only in red. */
  care_a11y_set_error (GTK_WIDGET (self->url_row), GTK_WIDGET (self->error_label), message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/**
 * care_welcome_page_submit:
 * @self: a #CareWelcomePage
 *
 * Checks the typed address and, if it is usable, activates app.connect
 * with the normalized URL.
 *
 * Returns: %TRUE if the address was accepted
 */
gboolean
care_welcome_page_submit (CareWelcomePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (CARE_IS_WELCOME_PAGE (self), FALSE);

  url = care_portal_url_normalize (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &error);
  if (url == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return FALSE;
    }

  show_error (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", "s", url);
  return TRUE;
}

static void
on_connect_cb (CareWelcomePage *self)
{
  care_welcome_page_submit (self);
}

static void
on_url_changed_cb (CareWelcomePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), text[0] != '\0');
  show_error (self, NULL);
}

static GtkWidget *
create_directory_row_cb (gpointer item,
                         gpointer user_data)
{
  CareWelcomePage *self = user_data;
  CareDirectoryEntry *entry = item;
  GtkWidget *row = adw_action_row_new ();
  const char *location = care_directory_entry_get_location (entry);
  const char *logo = care_directory_entry_get_logo_url (entry);
  g_autofree char *title = g_markup_escape_text (care_directory_entry_get_name (entry), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (location != NULL)
    {
      g_autofree char *subtitle = g_markup_escape_text (location, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  /* Only a logo already kept: drawing a row never asks the network. */
  if (logo != NULL && care_logo_cache_has (self->logo_dir, logo))
    {
      g_autofree char *path = care_logo_cache_dup_path (self->logo_dir, logo);
      GtkWidget *image = gtk_image_new_from_file (path);

      gtk_image_set_pixel_size (GTK_IMAGE (image), 32);
      gtk_widget_set_name (image, "health-system-logo");
      /* The row's name says whose logo it is. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      care_directory_entry_get_name (entry), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* libadwaita 1.2 names the row after its title but leaves the subtitle
   * out of what a screen reader says: where it is, as the description. */
  if (location != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    location, -1);
  return row;
}

static void
update_no_match (CareWelcomePage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible_entries));

  gtk_widget_set_visible (GTK_WIDGET (self->directory_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label), n == 0 && query[0] != '\0');
}

static void
update_results (CareWelcomePage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) found = NULL;

  if (self->context == NULL)
    return;

  /* The directory is indexed once, as it loads; a search is a scan of
   * folded names, fast enough for every key typed. */
  found = care_directory_search (care_context_get_directory (self->context), query,
                                 MAX_VISIBLE_ENTRIES);
  g_list_store_splice (self->visible_entries, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->visible_entries)),
                       found->pdata, found->len);
  update_no_match (self);
}

static void
logo_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CareWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = care_logo_cache_fetch_finish (result, &error);

  if (path == NULL)
    {
      /* The row simply has no logo; the address is not worth a log line. */
      g_debug ("A health system's logo was not kept: %s", error->message);
      return;
    }

  /* Redraw the rows, now with the logo. */
  update_results (self);
}

/**
 * care_welcome_page_fetch_logos:
 * @self: a #CareWelcomePage
 *
 * Asks for the logos of the health systems listed that are not kept yet,
 * each at most once in the page's life. The page calls this itself once
 * typing has paused; tests call it directly.
 */
void
care_welcome_page_fetch_logos (CareWelcomePage *self)
{
  guint n;

  g_return_if_fail (CARE_IS_WELCOME_PAGE (self));

  g_clear_handle_id (&self->logo_timeout, g_source_remove);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->visible_entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareDirectoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->visible_entries), i);
      const char *logo = care_directory_entry_get_logo_url (entry);

      if (logo == NULL || g_hash_table_contains (self->logos_asked, logo) ||
          care_logo_cache_has (self->logo_dir, logo))
        continue;

      if (self->logo_session == NULL)
        self->logo_session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                            "timeout", 20,
                                                            NULL);
      g_hash_table_add (self->logos_asked, g_strdup (logo));
      care_logo_cache_fetch_async (self->logo_session, self->logo_dir, logo, self->cancellable,
                                   logo_fetched_cb, g_object_ref (self));
    }
}

static gboolean
logo_timeout_cb (gpointer user_data)
{
  CareWelcomePage *self = user_data;

  self->logo_timeout = 0;
  care_welcome_page_fetch_logos (self);
  return G_SOURCE_REMOVE;
}

static void
update_source (CareWelcomePage *self)
{
  CareDirectory *directory = care_context_get_directory (self->context);
  const char *source = care_directory_get_source_name (directory);
  GDateTime *updated = care_directory_get_updated (directory);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (source == NULL || updated == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->source_label), FALSE);
      return;
    }

  date = care_time_format (updated, _("%B %-d, %Y"));
  /* Translators: under the search for a health system. %1$s is where the
   * list comes from ("ONC Lantern"), %2$s the date of that list */
  text = g_strdup_printf (_("Health systems from the lists their software vendors publish (%1$s), as of %2$s."),
                          source, date);
  gtk_label_set_label (self->source_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), TRUE);
}

static void
on_directory_changed_cb (GListModel      *model,
                         guint            position,
                         guint            removed,
                         guint            added,
                         CareWelcomePage *self)
{
  /* A directory finished loading while someone was already typing. */
  update_results (self);
  update_source (self);
}

static void
on_search_changed_cb (CareWelcomePage *self)
{
  update_results (self);

  /* Each key typed puts the logos off again. */
  g_clear_handle_id (&self->logo_timeout, g_source_remove);
  self->logo_timeout = g_timeout_add (LOGO_DELAY_MS, logo_timeout_cb, self);
}

static void
on_directory_row_activated_cb (CareWelcomePage *self,
                               GtkListBoxRow   *row)
{
  g_autoptr(CareDirectoryEntry) entry = NULL;

  entry = g_list_model_get_item (G_LIST_MODEL (self->visible_entries),
                                 gtk_list_box_row_get_index (row));
  if (entry == NULL)
    return;

  /* The directory's addresses were checked as it was read. */
  show_error (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", "s",
                              care_directory_entry_get_fhir_base (entry));
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CareWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!care_context_import_directory_finish (CARE_CONTEXT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  update_results (self);
}

static void
on_import_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(CareWelcomePage) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->context != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      care_context_import_directory_async (self->context, file, self->cancellable,
                                           imported_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_import_cb (CareWelcomePage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Add Health Systems From a File"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Lists of health systems (SMART User-access Brands)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.json.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
care_welcome_page_dispose (GObject *object)
{
  CareWelcomePage *self = (CareWelcomePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->logo_timeout, g_source_remove);
  g_clear_object (&self->logo_session);
  g_clear_pointer (&self->logos_asked, g_hash_table_unref);
  g_clear_pointer (&self->logo_dir, g_free);
  if (self->directory_list != NULL)
    gtk_list_box_bind_model (self->directory_list, NULL, NULL, NULL, NULL);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (care_context_get_directory (self->context), self);
  g_clear_object (&self->visible_entries);
  g_clear_object (&self->context);

  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARE_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (care_welcome_page_parent_class)->dispose (object);
}

static void
care_welcome_page_map (GtkWidget *widget)
{
  CareWelcomePage *self = CARE_WELCOME_PAGE (widget);

  GTK_WIDGET_CLASS (care_welcome_page_parent_class)->map (widget);

  /* The search is what the page is for: a person can type at once. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
care_welcome_page_class_init (CareWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_welcome_page_dispose;
  widget_class->map = care_welcome_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/welcome/care-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, directory_list);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, source_label);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, address_expander);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_directory_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_cb);
}

static void
care_welcome_page_init (CareWelcomePage *self)
{
  g_autoptr(GMenuModel) menu = care_menus_dup_primary ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  /* libadwaita 1.2 leaves an expander row, and the untitled group's list
   * around it, unnamed: both are named after what the row says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->address_expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->address_expander)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_expander_row_get_subtitle (self->address_expander),
                                  -1);
  if (GTK_IS_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->address_expander))))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->address_expander))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->address_expander)),
                                    -1);
  /* Typing anywhere on the page searches: it is what the page is for. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->visible_entries = g_list_store_new (CARE_TYPE_DIRECTORY_ENTRY);
  self->logo_dir = care_logo_cache_dup_default_dir ();
  self->logos_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_bind_model (self->directory_list, G_LIST_MODEL (self->visible_entries),
                           create_directory_row_cb, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->directory_list), FALSE);
}

/**
 * care_welcome_page_set_context:
 * @self: a #CareWelcomePage
 * @context: the window's context, whose directory the page searches
 */
void
care_welcome_page_set_context (CareWelcomePage *self,
                               CareContext     *context)
{
  g_return_if_fail (CARE_IS_WELCOME_PAGE (self));
  g_return_if_fail (CARE_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (care_context_get_directory (self->context), self);
  if (!g_set_object (&self->context, context))
    return;

  g_signal_connect_object (care_context_get_directory (context), "items-changed",
                           G_CALLBACK (on_directory_changed_cb), self, 0);
  update_results (self);
  update_source (self);
}

/**
 * care_welcome_page_set_logo_dir:
 * @self: a #CareWelcomePage
 * @logo_dir: where logos are kept (tests use their own folder)
 */
void
care_welcome_page_set_logo_dir (CareWelcomePage *self,
                                const char      *logo_dir)
{
  g_return_if_fail (CARE_IS_WELCOME_PAGE (self));
  g_return_if_fail (logo_dir != NULL);

  g_free (self->logo_dir);
  self->logo_dir = g_strdup (logo_dir);
}

/**
 * care_welcome_page_get_visible_entries:
 * @self: a #CareWelcomePage
 *
 * Returns: (transfer none) (nullable): the directory entries shown
 */
GListModel *
care_welcome_page_get_visible_entries (CareWelcomePage *self)
{
  g_return_val_if_fail (CARE_IS_WELCOME_PAGE (self), NULL);

  return G_LIST_MODEL (self->visible_entries);
}

void
care_welcome_page_set_search (CareWelcomePage *self,
                              const char      *text)
{
  g_return_if_fail (CARE_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  update_results (self);
}

/**
 * care_welcome_page_new:
 *
 * Returns: (transfer floating): a new welcome page
 */
GtkWidget *
care_welcome_page_new (void)
{
  return g_object_new (CARE_TYPE_WELCOME_PAGE, NULL);
}

/**
 * care_welcome_page_set_can_cancel:
 * @self: a #CareWelcomePage
 * @can_cancel: whether there is a record to go back to
 *
 * The page doubles as "add a health system" once someone is connected;
 * then a Cancel button leads back to the record.
 */
void
care_welcome_page_set_can_cancel (CareWelcomePage *self,
                                  gboolean         can_cancel)
{
  g_return_if_fail (CARE_IS_WELCOME_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
}

void
care_welcome_page_set_url (CareWelcomePage *self,
                           const char      *url)
{
  g_return_if_fail (CARE_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  if (url != NULL && url[0] != '\0')
    adw_expander_row_set_expanded (self->address_expander, TRUE);
}

/**
 * care_welcome_page_get_error:
 * @self: a #CareWelcomePage
 *
 * Returns: (nullable): the message shown under the address, if any
 */
const char *
care_welcome_page_get_error (CareWelcomePage *self)
{
  g_return_val_if_fail (CARE_IS_WELCOME_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_label (self->error_label);
}
