/* care-messages-unsent.c — refusals and renewals, said inside a conversation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message the portal refused stays in the outbox (FHIR-CLIENT.md 25):
 * its conversation says so in words, with the portal's reason, and offers
 * Edit (the words go back where they were written: the New Message window,
 * or the conversation's reply field), Try Again (after the rule that
 * refused it has passed, a daily limit) and Discard. A renewal
 * conversation says where the renewal stands above its messages
 * (care_renewals_dup(): waiting, not sent, requested, refused with the
 * care team's reason, or renewed and for which pharmacy).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-message-saved.h"
#include "care-messages-view-private.h"
#include "care-renewal.h"

static CareOutbox *
outbox_of (CareMessagesView *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));

  return record != NULL ? care_record_get_outbox (record) : NULL;
}

/**
 * care_messages_view_dup_refused:
 * @self: a #CareMessagesView
 *
 * Returns: (transfer full) (element-type CareOutboxEntry): the messages the
 *   portal refused, oldest first
 */
GPtrArray *
care_messages_view_dup_refused (CareMessagesView *self)
{
  GPtrArray *refused = g_ptr_array_new_with_free_func (g_object_unref);
  CareOutbox *outbox = outbox_of (self);

  for (guint i = 0; outbox != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (outbox)); i++)
    {
      g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (outbox), i);

      if (care_outbox_entry_get_state (entry) == CARE_OUTBOX_REFUSED &&
          care_outbox_entry_get_kind (entry) == CARE_OUTBOX_CREATE &&
          g_strcmp0 (care_outbox_entry_get_resource_type (entry), "Communication") == 0)
        g_ptr_array_add (refused, g_steal_pointer (&entry));
    }
  return refused;
}

static CareOutboxEntry *
lookup_refused (CareMessagesView  *self,
                const char        *outbox_id,
                GError           **error)
{
  CareOutbox *outbox = outbox_of (self);
  CareOutboxEntry *entry = outbox != NULL ? care_outbox_lookup (outbox, outbox_id) : NULL;

  if (entry == NULL || care_outbox_entry_get_state (entry) != CARE_OUTBOX_REFUSED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This message is no longer waiting for you."));
      return NULL;
    }
  return entry;
}

static void
resent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CareMessagesView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Sent, refused again, or waiting for the network: the list says which. */
  care_record_view_reload (CARE_RECORD_VIEW (self));
}

/**
 * care_messages_view_retry:
 * @self: a #CareMessagesView
 * @outbox_id: a refused message's outbox id
 * @error: return location for a #GError
 *
 * Sends a refused message again, as its Try Again button does.
 *
 * Returns: %TRUE if it waits to be sent
 */
gboolean
care_messages_view_retry (CareMessagesView *self,
                          const char       *outbox_id,
                          GError          **error)
{
  CareOutboxEntry *entry;

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), FALSE);
  g_return_val_if_fail (outbox_id != NULL, FALSE);

  entry = lookup_refused (self, outbox_id, error);
  if (entry == NULL || !care_outbox_retry (outbox_of (self), entry, error))
    return FALSE;
  care_outbox_send_async (outbox_of (self), NULL, resent_cb, g_object_ref (self));
  care_record_view_reload (CARE_RECORD_VIEW (self));
  return TRUE;
}

/**
 * care_messages_view_discard:
 * @self: a #CareMessagesView
 * @outbox_id: a refused message's outbox id
 * @error: return location for a #GError
 *
 * Gives up on a refused message, as its Discard button does.
 *
 * Returns: %TRUE if it is gone
 */
gboolean
care_messages_view_discard (CareMessagesView *self,
                            const char       *outbox_id,
                            GError          **error)
{
  CareOutboxEntry *entry;

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), FALSE);
  g_return_val_if_fail (outbox_id != NULL, FALSE);

  entry = lookup_refused (self, outbox_id, error);
  if (entry == NULL || !care_outbox_discard (outbox_of (self), entry, error))
    return FALSE;
  care_record_view_reload (CARE_RECORD_VIEW (self));
  return TRUE;
}

/* What a refused message said, as the compose window keeps it. */
static CareMessageSaved *
saved_from_message (JsonObject *message)
{
  CareMessageSaved *saved = g_new0 (CareMessageSaved, 1);
  JsonObject *purpose = care_fhir_get_array_object (care_fhir_get_array_object (message, "reasonCode", 0),
                                                    "coding", 0);

  saved->kind = care_message_get_kind (message);
  saved->recipient = g_strdup (care_fhir_get_string (care_fhir_get_array_object (message, "recipient", 0),
                                                     "reference"));
  saved->subject = g_strdup (care_fhir_get_string (care_fhir_get_object (message, "topic"), "text"));
  saved->text = care_message_dup_text (message);
  if (saved->kind == CARE_MESSAGE_KIND_LETTER)
    saved->letter_purpose = g_strdup (care_fhir_get_string (purpose, "code"));
  return saved;
}

/**
 * care_messages_view_edit:
 * @self: a #CareMessagesView
 * @outbox_id: a refused message's outbox id
 * @error: return location for a #GError
 *
 * Takes a refused message back to be changed, as its Edit button does: a
 * new message opens in the New Message window, a reply goes back into its
 * conversation's reply field; the refused copy leaves the outbox.
 *
 * Returns: %TRUE if the words are back where they can be changed
 */
gboolean
care_messages_view_edit (CareMessagesView *self,
                         const char       *outbox_id,
                         GError          **error)
{
  CareOutboxEntry *entry;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(CareMessageSaved) saved = NULL;
  g_autofree char *thread_id = NULL;
  CareMessageCompose *compose;

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), FALSE);
  g_return_val_if_fail (outbox_id != NULL, FALSE);

  entry = lookup_refused (self, outbox_id, error);
  if (entry == NULL)
    return FALSE;
  message = care_fhir_parse_resource (care_outbox_entry_get_json (entry), -1, error);
  if (message == NULL)
    return FALSE;
  saved = saved_from_message (message);
  if (care_fhir_get_array (message, "partOf") != NULL)
    thread_id = care_message_dup_thread_id (message);
  if (!care_outbox_discard (outbox_of (self), entry, error))
    return FALSE;

  if (thread_id != NULL)
    {
      /* Back in its conversation's reply field, once the list is built
       * again without it. */
      g_free (self->reply_thread);
      self->reply_thread = g_steal_pointer (&thread_id);
      g_free (self->reply_text);
      self->reply_text = g_strdup (saved->text);
      care_record_view_reload (CARE_RECORD_VIEW (self));
      return TRUE;
    }
  compose = care_messages_view_compose (self, saved->kind);
  care_message_compose_restore (compose, saved);
  care_record_view_reload (CARE_RECORD_VIEW (self));
  return TRUE;
}

static void
action_cb (GtkButton        *button,
           CareMessagesView *self)
{
  const char *outbox_id = g_object_get_data (G_OBJECT (button), "outbox-id");
  const char *action = g_object_get_data (G_OBJECT (button), "action");
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_str_equal (action, "edit"))
    done = care_messages_view_edit (self, outbox_id, &error);
  else if (g_str_equal (action, "retry"))
    done = care_messages_view_retry (self, outbox_id, &error);
  else
    done = care_messages_view_discard (self, outbox_id, &error);
  if (!done)
    care_record_view_show_toast (CARE_RECORD_VIEW (self), error->message);
  else if (g_str_equal (action, "discard"))
    care_record_view_show_toast (CARE_RECORD_VIEW (self), _("The message was discarded."));
}

static GtkWidget *
new_action_button (CareMessagesView *self,
                   const char       *mnemonic,
                   const char       *label,
                   const char       *action,
                   const char       *outbox_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "outbox-id", g_strdup (outbox_id), g_free);
  g_object_set_data (G_OBJECT (button), "action", (gpointer)action);
  g_signal_connect (button, "clicked", G_CALLBACK (action_cb), self);
  return button;
}

/**
 * care_messages_view_add_refusal:
 * @self: a #CareMessagesView
 * @expander: the conversation
 * @row: the refused message's row
 * @entry: its outbox entry
 *
 * Says under the message why the portal refused it, and offers Edit, Try
 * Again and Discard below it.
 */
void
care_messages_view_add_refusal (CareMessagesView *self,
                                AdwExpanderRow   *expander,
                                AdwActionRow     *row,
                                CareOutboxEntry  *entry)
{
  const char *reason = care_outbox_entry_get_error (entry);
  const char *id = care_outbox_entry_get_id (entry);
  g_autofree char *line = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *subtitle = adw_action_row_get_subtitle (row);
  g_autofree char *text = NULL;

  if (reason != NULL && reason[0] != '\0')
    /* Translators: under a message the health system refused; %s is its reason */
    line = g_strdup_printf (_("Not sent: the health system refused it. %s"), reason);
  else
    line = g_strdup (_("Not sent: the health system refused it."));
  text = subtitle != NULL && subtitle[0] != '\0' ? g_strdup_printf ("%s\n%s", subtitle, line) : g_strdup (line);
  adw_action_row_set_subtitle (row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  care_record_list_add_search_words (self->list, GTK_WIDGET (expander), line);

  gtk_box_append (GTK_BOX (box), new_action_button (self, _("_Edit"), _("Edit the message that was not sent"),
                                                    "edit", id));
  gtk_box_append (GTK_BOX (box), new_action_button (self, _("_Try Again"),
                                                    _("Send the message that was not sent again"), "retry", id));
  gtk_box_append (GTK_BOX (box), new_action_button (self, _("_Discard"),
                                                    _("Discard the message that was not sent"), "discard", id));
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_expander_row_add_row (expander, box);
}

/**
 * care_messages_view_add_renewal_state:
 * @self: a #CareMessagesView
 * @expander: a conversation
 * @thread: its messages
 *
 * For a renewal request's conversation: where the renewal stands, above
 * its messages.
 */
void
care_messages_view_add_renewal_state (CareMessagesView  *self,
                                      AdwExpanderRow    *expander,
                                      CareMessageThread *thread)
{
  CareRenewal *renewal = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *text = NULL;
  AdwActionRow *row;

  if (self->renewals == NULL || care_message_thread_get_kind (thread) != CARE_MESSAGE_KIND_RENEWAL)
    return;
  for (guint i = 0; i < thread->messages->len && renewal == NULL; i++)
    {
      g_autofree char *request_id = care_renewal_dup_about (g_ptr_array_index (thread->messages, i));

      if (request_id != NULL)
        renewal = g_hash_table_lookup (self->renewals, request_id);
    }
  if (renewal == NULL || renewal->status == CARE_RENEWAL_NONE)
    return;
  tag = care_renewal_dup_tag (renewal);
  text = care_renewal_dup_text (renewal);
  row = care_record_list_add_child_row (self->list, expander, _("Renewal"), text);
  if (text != NULL)
    care_record_list_add_search_words (self->list, GTK_WIDGET (expander), text);
  care_record_list_add_tag (self->list, GTK_WIDGET (row), tag,
                            renewal->status == CARE_RENEWAL_RENEWED ? CARE_TAG_GOOD
                            : renewal->status == CARE_RENEWAL_REFUSED ? CARE_TAG_WARNING
                            : renewal->status == CARE_RENEWAL_NOT_SENT ? CARE_TAG_ERROR
                            : CARE_TAG_ACCENT);
}
