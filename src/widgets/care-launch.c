/* care-launch.c — opening tel:, mailto: and web addresses, or saying how
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desktop may have no app for calls or e-mail (most have none for
 * tel:), and GTK's own answer is a raw "Could not show link". Here a
 * failure shows the number or address itself, with Copy, so the person
 * can call from their phone or write from their web mail.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-launch.h"

#include <string.h>

/**
 * care_launch_dup_readable:
 * @uri: a tel:, mailto: or other address
 *
 * Returns: (transfer full): what a person reads or copies: the number of
 *   a tel: address, the e-mail address of a mailto: one, else @uri
 */
char *
care_launch_dup_readable (const char *uri)
{
  g_autofree char *rest = NULL;
  const char *query;

  g_return_val_if_fail (uri != NULL, NULL);

  if (g_ascii_strncasecmp (uri, "tel:", 4) == 0)
    rest = g_strdup (uri + 4);
  else if (g_ascii_strncasecmp (uri, "mailto:", 7) == 0)
    rest = g_strdup (uri + 7);
  else
    return g_strdup (uri);

  query = strchr (rest, '?');
  if (query != NULL)
    rest[query - rest] = '\0';
  return g_uri_unescape_string (rest, NULL) ?: g_strdup (rest);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  const char *text = g_object_get_data (G_OBJECT (dialog), "care-launch-text");

  if (g_strcmp0 (response, "copy") == 0 && text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text);
}

static void
show_fallback (GtkWindow  *window,
               const char *uri)
{
  g_autofree char *text = care_launch_dup_readable (uri);
  const char *heading;
  GtkWidget *dialog;

  if (g_ascii_strncasecmp (uri, "tel:", 4) == 0)
    heading = _("No App for Phone Calls");
  else if (g_ascii_strncasecmp (uri, "mailto:", 7) == 0)
    heading = _("No App for E-Mail");
  else
    heading = _("No App to Open This");

  /* The number or address itself, selectable, with Copy. */
  dialog = adw_message_dialog_new (window, heading, text);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "copy", _("_Copy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "care-launch-text", g_steal_pointer (&text), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWindow *window;
  char      *uri;
} Launch;

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_debug ("No app for an address: %s", error->message);
      show_fallback (launch->window, launch->uri);
    }
  g_object_unref (launch->window);
  g_free (launch->uri);
  g_free (launch);
}

/**
 * care_launch_uri:
 * @widget: the widget the person used, in a window
 * @uri: a tel:, mailto: or web address
 *
 * Opens @uri with the desktop's app for it; where there is none, or it
 * fails to start, shows the number or address to copy instead of GTK's
 * "Could not show link".
 */
void
care_launch_uri (GtkWidget  *widget,
                 const char *uri)
{
  GtkRoot *root;
  Launch *launch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;

  launch = g_new0 (Launch, 1);
  launch->window = g_object_ref (GTK_WINDOW (root));
  launch->uri = g_strdup (uri);
  gtk_show_uri_full (launch->window, uri, GDK_CURRENT_TIME, NULL, launched_cb, launch);
}
