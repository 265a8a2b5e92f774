/* care-sign-in-page.c — waiting for the portal's sign-in in the browser
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sign-in happens on the portal's own pages in the user's browser
 * (RFC 8252): username, password and 2-step verification are never
 * Carebook's. This page opens the portal's page in the browser, says
 * where to look, can open it again if the browser window was lost, and can
 * cancel. Where no browser could be started (none installed, none set as
 * the default, or one that fails), it shows the address itself with Copy
 * and Open in Browser, as GNOME Online Accounts does, and keeps waiting
 * for the portal to send the person back. A failure shows the reason and
 * a way to try again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-sign-in-page.h"

struct _CareSignInPage
{
  AdwBin         parent_instance;

  char          *uri;

  char          *portal;

  GtkStack      *stack;
  AdwStatusPage *waiting_page;
  AdwStatusPage *no_browser_page;
  AdwStatusPage *error_page;
  GtkLabel      *address_label;
  GtkButton     *copy_button;
};

G_DEFINE_FINAL_TYPE (CareSignInPage, care_sign_in_page, ADW_TYPE_BIN)

enum {
  CANCEL,
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_no_browser (CareSignInPage *self)
{
  g_autofree char *description = NULL;

  /* Translators: %s is the name or address of a health system */
  description = g_strdup_printf (_("No web browser could be opened. Copy this address into a "
                                   "browser to sign in to %s; Carebook continues as soon as the "
                                   "portal sends you back."), self->portal);
  adw_status_page_set_description (self->no_browser_page, description);
  gtk_label_set_label (self->address_label, self->uri);
  gtk_button_set_label (self->copy_button, _("_Copy"));
  gtk_stack_set_visible_child_name (self->stack, "no-browser");
  /* Copy first; the address stays unselected until someone selects it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
  gtk_label_select_region (self->address_label, 0, 0);
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CareSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;

  /* Never GTK's "Could not show link": the address, to copy. */
  g_debug ("No browser for the sign-in page: %s", error->message);
  if (self->uri != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0)
    show_no_browser (self);
}

static void
launch (CareSignInPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->uri == NULL)
    return;
  if (!GTK_IS_WINDOW (root))
    {
      show_no_browser (self);
      return;
    }
  gtk_show_uri_full (GTK_WINDOW (root), self->uri, GDK_CURRENT_TIME, NULL, launched_cb,
                     g_object_ref (self));
}

static void
on_open_again_cb (CareSignInPage *self)
{
  launch (self);
}

static void
on_copy_cb (CareSignInPage *self)
{
  if (self->uri == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->uri);
  gtk_button_set_label (self->copy_button, _("Copied"));
}

static void
on_cancel_cb (CareSignInPage *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
on_retry_cb (CareSignInPage *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
care_sign_in_page_dispose (GObject *object)
{
  CareSignInPage *self = (CareSignInPage *)object;

  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_SIGN_IN_PAGE);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->portal, g_free);

  G_OBJECT_CLASS (care_sign_in_page_parent_class)->dispose (object);
}

static void
care_sign_in_page_class_init (CareSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_sign_in_page_dispose;

  /**
   * CareSignInPage::cancel:
   *
   * The user stopped signing in.
   */
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CareSignInPage::retry:
   *
   * The user wants to try signing in again after a failure.
   */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/signin/care-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CareSignInPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CareSignInPage, waiting_page);
  gtk_widget_class_bind_template_child (widget_class, CareSignInPage, no_browser_page);
  gtk_widget_class_bind_template_child (widget_class, CareSignInPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CareSignInPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, CareSignInPage, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_again_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);
}

/* A pill button keeps its words on one line: with large text in
 * Spanish, "Abrir de nuevo la página de inicio de sesión" alone is
 * wider than a phone. Each button's own label wraps instead (a label it
 * made from its "label", which it keeps when the text changes). */
static void
wrap_button_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (child))))
        {
          GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (child)));

          gtk_label_set_wrap (label, TRUE);
          gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
          continue;
        }
      wrap_button_labels (child);
    }
}

static void
care_sign_in_page_init (CareSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wrap_button_labels (GTK_WIDGET (self));
}

/**
 * care_sign_in_page_new:
 *
 * Returns: (transfer floating): a new sign-in page
 */
GtkWidget *
care_sign_in_page_new (void)
{
  return g_object_new (CARE_TYPE_SIGN_IN_PAGE, NULL);
}

/**
 * care_sign_in_page_show_waiting:
 * @self: a #CareSignInPage
 * @portal: the health system's name or address
 * @uri: (nullable): the portal's sign-in page, which this opens in the
 *   browser; %NULL while it is not known yet
 */
void
care_sign_in_page_show_waiting (CareSignInPage *self,
                                const char     *portal,
                                const char     *uri)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CARE_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (portal != NULL);

  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_free (self->portal);
  self->portal = g_strdup (portal);

  /* Translators: %s is the name or address of a health system */
  description = g_strdup_printf (_("Sign in to %s in the browser window that opened. "
                                   "Carebook continues as soon as the portal sends you back."),
                                 portal);
  adw_status_page_set_description (self->waiting_page, description);
  gtk_stack_set_visible_child_name (self->stack, "waiting");
  care_a11y_keep_focus_in (gtk_stack_get_visible_child (self->stack));
  launch (self);
}

/**
 * care_sign_in_page_show_error:
 * @self: a #CareSignInPage
 * @message: why signing in failed, as a sentence for the user
 */
void
care_sign_in_page_show_error (CareSignInPage *self,
                              const char     *message)
{
  g_return_if_fail (CARE_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (message != NULL);

  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  care_a11y_keep_focus_in (gtk_stack_get_visible_child (self->stack));
}

/**
 * care_sign_in_page_get_state:
 * @self: a #CareSignInPage
 *
 * Returns: "waiting", "no-browser" (the address is shown to copy) or
 *   "error"
 */
const char *
care_sign_in_page_get_state (CareSignInPage *self)
{
  g_return_val_if_fail (CARE_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
care_sign_in_page_get_uri (CareSignInPage *self)
{
  g_return_val_if_fail (CARE_IS_SIGN_IN_PAGE (self), NULL);

  return self->uri;
}
