/* care-message-compose-files.c — the attachments of a message being written
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Up to five pictures or PDFs, from the file chooser, dropped on the
 * window (or page), or pasted (Ctrl+V with a picture on the clipboard),
 * each checked for type and size (care_message_check_attachment()) as it
 * is added, and shown as a row with a thumbnail and a Remove button.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-message-compose-private.h"

void
care_message_compose_attachment_free (Attachment *attachment)
{
  g_free (attachment->name);
  g_free (attachment->content_type);
  g_bytes_unref (attachment->bytes);
  g_free (attachment);
}

static void
remove_file_cb (GtkButton          *button,
                CareMessageCompose *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  g_ptr_array_remove_index (self->files, index);
  gtk_list_box_remove (self->files_box, row);
  gtk_widget_set_visible (GTK_WIDGET (self->files_box), self->files->len > 0);
}

static GtkWidget *
new_thumbnail (Attachment *attachment)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *image;

  if (g_str_has_prefix (attachment->content_type, "image/"))
    texture = gdk_texture_new_from_bytes (attachment->bytes, NULL);
  if (texture != NULL)
    image = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  else
    image = gtk_image_new_from_icon_name (g_str_equal (attachment->content_type, "application/pdf")
                                          ? "x-office-document-symbolic" : "image-x-generic-symbolic");
  gtk_widget_set_size_request (image, 40, 40);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  return image;
}

/**
 * care_message_compose_add_bytes:
 * @self: a #CareMessageCompose
 * @name: the file's name
 * @content_type: what it is
 * @bytes: its content
 * @error: return location for a #GError, saying why it cannot go
 *
 * Returns: %TRUE if it was added as an attachment
 */
gboolean
care_message_compose_add_bytes (CareMessageCompose *self,
                                const char         *name,
                                const char         *content_type,
                                GBytes             *bytes,
                                GError            **error)
{
  Attachment *attachment;
  GtkWidget *row;
  GtkWidget *remove;
  g_autofree char *size = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), FALSE);

  if (self->files->len >= CARE_MESSAGE_MAX_ATTACHMENTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE, "A message may have at most %d attachment.",
                                "A message may have at most %d attachments.", CARE_MESSAGE_MAX_ATTACHMENTS),
                   CARE_MESSAGE_MAX_ATTACHMENTS);
      return FALSE;
    }
  if (!care_message_check_attachment (content_type, g_bytes_get_size (bytes), error))
    return FALSE;

  attachment = g_new0 (Attachment, 1);
  attachment->name = g_strdup (name);
  attachment->content_type = g_strdup (content_type);
  attachment->bytes = g_bytes_ref (bytes);
  g_ptr_array_add (self->files, attachment);

  size = g_format_size (g_bytes_get_size (bytes));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_thumbnail (attachment));
  remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: a button that takes a file off a message; %s is its name */
  label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_file_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  gtk_list_box_append (self->files_box, row);
  gtk_widget_set_visible (GTK_WIDGET (self->files_box), TRUE);
  return TRUE;
}

guint
care_message_compose_get_n_attachments (CareMessageCompose *self)
{
  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), 0);

  return self->files->len;
}

static void
add_file (CareMessageCompose *self,
          GFile              *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *type = NULL;
  g_autofree char *name = g_file_get_basename (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL)
    {
      type = g_content_type_get_mime_type (g_file_info_get_content_type (info));
      /* The size first: a big file is not read to be refused. */
      if (care_message_check_attachment (type, g_file_info_get_size (info), &error))
        bytes = g_file_load_bytes (file, NULL, NULL, &error);
    }
  if (bytes == NULL || !care_message_compose_add_bytes (self, name, type, bytes, &error))
    {
      /* Translators: a file could not be attached; %1$s is its name, %2$s why */
      g_autofree char *text = g_strdup_printf (_("%1$s: %2$s"), name, error->message);

      care_message_compose_show_error (self, text);
    }
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     CareMessageCompose *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          add_file (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

void
care_message_compose_attach_cb (CareMessageCompose *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Attach Pictures or PDF Files"),
                                                               care_message_compose_get_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Attach"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures and PDF files"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
care_message_compose_drop_cb (GtkDropTarget      *target,
                              const GValue       *value,
                              double              x,
                              double              y,
                              CareMessageCompose *self)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    add_file (self, l->data);
  return TRUE;
}

static void
pasted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CareMessageCompose) self = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, NULL);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H.%M.%S");
  g_autofree char *name = NULL;

  if (texture == NULL)
    return;
  png = gdk_texture_save_to_png_bytes (texture);
  /* Translators: the name of a picture pasted into a message; %s is when */
  name = g_strdup_printf (_("Pasted picture %s.png"), stamp);
  if (!care_message_compose_add_bytes (self, name, "image/png", png, &error))
    care_message_compose_show_error (self, error->message);
}

/* Ctrl+V: a picture on the clipboard becomes an attachment; text is
 * left to the text view. */
gboolean
care_message_compose_paste_shortcut_cb (GtkWidget *widget,
                                        GVariant  *args,
                                        gpointer   user_data)
{
  CareMessageCompose *self = CARE_MESSAGE_COMPOSE (user_data);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (!gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE))
    return FALSE;
  gdk_clipboard_read_texture_async (clipboard, NULL, pasted_cb, g_object_ref (self));
  return TRUE;
}
