/* care-message-undo.c — "Sent to your care team", with Undo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message (and its attachments) goes into the outbox at once, so it is
 * safe if Carebook stops, but it is held there while the toast "Sent to
 * your care team" shows its Undo button. Undo discards what has not left
 * (the outbox cancels waiting items) and opens the compose window again
 * with what was written; when the toast goes away the outbox sends.
 * Offline, the items simply wait, and Undo works until they leave. A
 * window without a toast overlay (tests of other things) sends at once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-message-undo.h"
#include "care-messages-view.h"

#define UNDO_KEY "care-message-undo"

typedef struct
{
  CareRecordList   *list;      /* weak: the list owns this */
  GPtrArray        *ids;       /* outbox ids, in the order queued */
  CareMessageSaved *saved;
  GPtrArray        *files;     /* CareMessageUndoFile */
  AdwToast         *toast;
} Held;

void
care_message_undo_file_free (CareMessageUndoFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->content_type);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file);
}

static void
held_free (Held *held)
{
  if (held->toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (held->toast, held);
      g_clear_object (&held->toast);
    }
  g_clear_pointer (&held->ids, g_ptr_array_unref);
  g_clear_pointer (&held->saved, care_message_saved_free);
  g_clear_pointer (&held->files, g_ptr_array_unref);
  g_free (held);
}

static CareOutbox *
outbox_of (CareRecordList *list)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (list));

  return record != NULL ? care_record_get_outbox (record) : NULL;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CareRecordList) list = user_data;
  g_autoptr(GError) error = NULL;
  CareRecord *record;
  guint n_sent = 0;

  if (!care_outbox_send_finish (CARE_OUTBOX (source), result, &n_sent, &error))
    {
      /* Something else is being sent: this goes right after it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        care_outbox_send_soon (CARE_OUTBOX (source));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        care_record_view_show_toast (CARE_RECORD_VIEW (list), _("Will be sent when you are back online"));
      return;
    }
  /* A refusal stays in the conversation as "Not sent", with the reason. */
  care_record_view_reload (CARE_RECORD_VIEW (list));
  record = care_record_view_get_record (CARE_RECORD_VIEW (list));
  if (record != NULL && n_sent > 0)
    care_record_sync (record, CARE_SYNC_DEFAULT);
}

static void
send (CareRecordList *list)
{
  CareOutbox *outbox = outbox_of (list);

  if (outbox != NULL)
    care_outbox_send_async (outbox, NULL, sent_cb, g_object_ref (list));
}

/**
 * care_message_undo_send_now:
 * @list: the Messages list
 *
 * Lets a held message go now, as the toast going away does.
 */
void
care_message_undo_send_now (CareRecordList *list)
{
  g_return_if_fail (CARE_IS_RECORD_LIST (list));

  if (g_object_get_data (G_OBJECT (list), UNDO_KEY) == NULL)
    return;
  g_object_set_data (G_OBJECT (list), UNDO_KEY, NULL);
  send (list);
}

static void
dismissed_cb (AdwToast *toast,
              Held     *held)
{
  care_message_undo_send_now (held->list);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Held     *held)
{
  /* The button dismisses its toast itself. */
  g_signal_handlers_disconnect_by_data (toast, held);
  g_clear_object (&held->toast);
  care_message_undo_now (held->list);
}

/**
 * care_message_undo_can_hold:
 * @list: the Messages list
 *
 * Returns: %TRUE if the window can show the toast with Undo
 */
gboolean
care_message_undo_can_hold (CareRecordList *list)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (list), FALSE);

  return gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_TOAST_OVERLAY) != NULL;
}

/**
 * care_message_undo_hold:
 * @list: the Messages list
 * @ids: (transfer full) (element-type utf8): the outbox ids of the message
 *   and its attachments, in the order they were queued
 * @saved: (transfer full): what was written, to put back on Undo
 * @files: (transfer full) (element-type CareMessageUndoFile): the
 *   attachments, to put back on Undo
 *
 * Shows "Sent to your care team" with Undo, and holds the items until
 * the toast goes away. A message held before is let go first.
 */
void
care_message_undo_hold (CareRecordList   *list,
                        GPtrArray        *ids,
                        CareMessageSaved *saved,
                        GPtrArray        *files)
{
  GtkWidget *overlay;
  Held *held;

  g_return_if_fail (CARE_IS_RECORD_LIST (list));

  care_message_undo_send_now (list);
  held = g_new0 (Held, 1);
  held->list = list;
  held->ids = ids;
  held->saved = saved;
  held->files = files;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      held_free (held);
      send (list);
      return;
    }

  held->toast = adw_toast_new (_("Sent to your care team"));
  adw_toast_set_button_label (held->toast, _("Undo"));
  g_signal_connect (held->toast, "button-clicked", G_CALLBACK (undo_clicked_cb), held);
  g_signal_connect (held->toast, "dismissed", G_CALLBACK (dismissed_cb), held);
  g_object_set_data_full (G_OBJECT (list), UNDO_KEY, held, (GDestroyNotify)held_free);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (held->toast));
  /* The conversation shows it as waiting meanwhile. */
  care_record_view_reload (CARE_RECORD_VIEW (list));
}

/**
 * care_message_undo_is_pending:
 * @list: the Messages list
 *
 * Returns: %TRUE while a message waits for its toast to go away
 */
gboolean
care_message_undo_is_pending (CareRecordList *list)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (list), FALSE);

  return g_object_get_data (G_OBJECT (list), UNDO_KEY) != NULL;
}

/**
 * care_message_undo_now:
 * @list: the Messages list
 *
 * Takes back the held message, as the toast's Undo does: what has not
 * left the outbox is discarded, and the compose window opens again with
 * what was written.
 *
 * Returns: (transfer none) (nullable): the compose window, or %NULL when
 *   nothing was held or it had already left
 */
CareMessageCompose *
care_message_undo_now (CareRecordList *list)
{
  Held *held;
  CareOutbox *outbox;
  CareMessageCompose *compose;
  GtkRoot *root;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CARE_IS_RECORD_LIST (list), NULL);

  held = g_object_steal_data (G_OBJECT (list), UNDO_KEY);
  if (held == NULL)
    return NULL;
  if (held->toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (held->toast, held);
      /* Not dismissed: libadwaita 1.2 crashes when a toast is dismissed
       * during its show animation. It says what happened instead. */
      adw_toast_set_button_label (held->toast, NULL);
      adw_toast_set_title (held->toast, _("Not sent: the message is back in the New Message window."));
    }

  /* The message first, then what it waits for. */
  outbox = outbox_of (list);
  for (guint i = held->ids->len; outbox != NULL && i > 0; i--)
    {
      CareOutboxEntry *entry = care_outbox_lookup (outbox, g_ptr_array_index (held->ids, i - 1));

      if (entry == NULL)
        continue;
      if (care_outbox_entry_get_state (entry) != CARE_OUTBOX_PENDING ||
          !care_outbox_discard (outbox, entry, &error))
        {
          care_record_view_show_toast (CARE_RECORD_VIEW (list),
                                       _("The message had already left and cannot be taken back."));
          held_free (held);
          send (list);
          return NULL;
        }
    }

  /* Back where it was written: the window, or the page at 360 px. */
  if (CARE_IS_MESSAGES_VIEW (list))
    compose = care_messages_view_compose (CARE_MESSAGES_VIEW (list), held->saved->kind);
  else
    {
      root = gtk_widget_get_root (GTK_WIDGET (list));
      compose = care_message_compose_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, list,
                                          held->saved->kind);
      gtk_window_present (GTK_WINDOW (compose));
    }
  care_message_compose_restore (compose, held->saved);
  for (guint i = 0; i < held->files->len; i++)
    {
      CareMessageUndoFile *file = g_ptr_array_index (held->files, i);

      care_message_compose_add_bytes (compose, file->name, file->content_type, file->bytes, NULL);
    }
  care_record_view_reload (CARE_RECORD_VIEW (list));
  held_free (held);
  return compose;
}
