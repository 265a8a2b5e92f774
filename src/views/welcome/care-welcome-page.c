/* care-welcome-page.c — the first-run page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two ways in: connect to a health system by its FHIR base address, or
 * explore the demo portal. The address is checked here (https, or http to
 * this machine only) before anything is sent; connecting itself is the
 * app.connect action, so the sign-in code owns what happens next.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-menus.h"
#include "care-portal-url.h"
#include "care-welcome-page.h"

struct _CareWelcomePage
{
  AdwBin        parent_instance;

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
  if (message != NULL)
    {
      gtk_label_set_label (self->error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");

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

static void
care_welcome_page_dispose (GObject *object)
{
  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARE_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (care_welcome_page_parent_class)->dispose (object);
}

static void
care_welcome_page_class_init (CareWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/welcome/care-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, CareWelcomePage, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
}

static void
care_welcome_page_init (CareWelcomePage *self)
{
  g_autoptr(GMenuModel) menu = care_menus_dup_primary ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->menu_button, menu);
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
