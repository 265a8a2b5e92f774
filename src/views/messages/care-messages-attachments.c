/* care-messages-attachments.c — the files sent with a message, that open
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each attachment of a message (its own, or the document a letter's
 * answer points at) is a button in the message's row, named with the
 * file; a search finds the conversation by the files' names. Opening one
 * fetches it through the sync engine (care_sync_engine_fetch_attachment_async())
 * into a private copy (0700 folder, 0600 file) for the desktop's viewer.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-messages-view-private.h"

typedef struct
{
  CareMessagesView *self;
  JsonObject       *attachment;
  char             *title;
} Opening;

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->self);
  json_object_unref (opening->attachment);
  g_free (opening->title);
  g_free (opening);
}

static void
attachment_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) bytes = care_sync_engine_fetch_attachment_finish (CARE_SYNC_ENGINE (source), result,
                                                                      &content_type, &error);
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        care_record_view_show_toast (CARE_RECORD_VIEW (opening->self), error->message);
      opening_free (opening);
      return;
    }

  /* A private copy for the viewer: 0700 folder, 0600 file. */
  folder = g_dir_make_tmp ("carebook-XXXXXX", &error);
  name = g_path_get_basename (opening->title != NULL ? opening->title : "attachment");
  g_strdelimit (name, "/\\", '_');
  path = folder != NULL ? g_build_filename (folder, name, NULL) : NULL;
  if (path == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      care_record_view_show_toast (CARE_RECORD_VIEW (opening->self), _("The attachment could not be opened."));
      opening_free (opening);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (opening->self))), uri, GDK_CURRENT_TIME);
  opening_free (opening);
}

static void
open_attachment_cb (GtkButton        *button,
                    CareMessagesView *self)
{
  JsonObject *attachment = g_object_get_data (G_OBJECT (button), "attachment");
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self->list));
  CareSyncEngine *engine = record != NULL ? care_record_get_engine (record) : NULL;
  Opening *opening;

  if (attachment == NULL || engine == NULL)
    {
      care_record_view_show_toast (CARE_RECORD_VIEW (self->list), _("The attachment could not be opened."));
      return;
    }
  opening = g_new0 (Opening, 1);
  opening->self = g_object_ref (self);
  opening->attachment = json_object_ref (attachment);
  opening->title = g_strdup (care_fhir_get_string (attachment, "title"));
  care_sync_engine_fetch_attachment_async (engine, attachment,
                                           care_record_view_get_cancellable (CARE_RECORD_VIEW (self)),
                                           attachment_fetched_cb, opening);
}

/* The attachment a payload part stands for: its own, or that of the
 * document it points at (a letter). */
static JsonObject *
dup_attachment (CareMessagesView *self,
                JsonObject       *message,
                JsonObject       *part)
{
  JsonObject *attachment = care_fhir_get_object (part, "contentAttachment");
  JsonObject *reference = care_fhir_get_object (part, "contentReference");
  g_autoptr(JsonObject) document = NULL;
  JsonObject *found;

  if (attachment != NULL)
    return json_object_ref (attachment);
  if (reference == NULL)
    return NULL;
  document = care_record_list_lookup (self->list, message, reference);
  found = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  if (found == NULL)
    return NULL;
  found = json_object_ref (found);
  if (care_fhir_get_string (found, "title") == NULL && care_fhir_get_string (reference, "display") != NULL)
    json_object_set_string_member (found, "title", care_fhir_get_string (reference, "display"));
  return found;
}

void
care_messages_view_add_attachments (CareMessagesView *self,
                                    AdwActionRow     *row,
                                    JsonObject       *message)
{
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW);

  JsonArray *payload = care_fhir_get_array (message, "payload");

  for (guint i = 0; payload != NULL && i < json_array_get_length (payload); i++)
    {
      JsonObject *part = care_fhir_get_array_object (message, "payload", i);
      g_autoptr(JsonObject) attachment = dup_attachment (self, message, part);
      const char *title;
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (attachment == NULL)
        {
          /* A document the record does not hold: its name only. */
          const char *display = care_fhir_get_string (care_fhir_get_object (part, "contentReference"), "display");

          if (display != NULL)
            {
              /* Translators: a file sent with a message; %s is its title */
              g_autofree char *line = g_strdup_printf (_("Attachment: %s"), display);

              care_messages_view_add_child_detail (self, row, line);
            }
          continue;
        }
      title = care_fhir_get_string (attachment, "title");
      /* A search finds the conversation by its files' names. */
      if (title != NULL && expander != NULL)
        care_record_list_add_search_words (self->list, expander, title);
      /* Translators: a button that opens a file sent with a message; %s is its name */
      label = g_strdup_printf (_("Open %s"), title != NULL ? title : _("the attachment"));
      button = gtk_button_new_with_label (title != NULL ? title : _("Attachment"));
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "attachment", json_object_ref (attachment),
                              (GDestroyNotify)json_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (open_attachment_cb), self);
      adw_action_row_add_suffix (row, button);
    }
}
