/* care-messages-view.c — conversations with the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record's Communications gathered into conversations by core
 * (care_message_threads_build()): newest first, each an expander with its
 * messages in the order they were sent (who, when, what, and attachments
 * that open), unread ones counted, and a reply box at the end. What waits
 * in the outbox shows in its thread as "Waiting to send", what the portal
 * refused as "Not sent". "New Message" and "Request a Letter" open the
 * compose window; the "Calls" filter shows the clinic's call notes. A
 * proxy who may not write for this person is told so instead.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-messages-view.h"

#include "care-a11y.h"
#include "care-messages-view-private.h"
#include "care-fhir.h"
#include "care-message-compose.h"
#include "care-message-read.h"
#include "care-message-recipients.h"
#include "care-message-thread.h"
#include "care-renewal.h"
#include "care-resource-item.h"
#include "care-time.h"

#include <string.h>

static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareMessagesView, care_messages_view, CARE_TYPE_RECORD_LIST,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                      section_page_iface_init))

static CareSectionPageInterface *parent_section_page_iface;

static char *
dup_sent_text (JsonObject *message)
{
  const char *sent = care_fhir_get_string (message, "sent");

  if (sent == NULL)
    sent = care_fhir_get_string (message, "received");
  return care_time_format_fhir_day_time (sent);
}

static char *
dup_with_whom (CareMessagesView  *self,
               CareMessageThread *thread)
{
  for (guint i = 0; i < thread->messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (thread->messages, i);
      JsonObject *other = care_message_is_from_patient_side (message)
                          ? care_fhir_get_array_object (message, "recipient", 0)
                          : care_fhir_get_object (message, "sender");
      char *name = care_record_list_dup_reference_name (self->list, message, other);

      if (name != NULL)
        return name;
    }
  return NULL;
}

/* A line under a message in its conversation, found by a search for the
 * conversation. */
void
care_messages_view_add_child_detail (CareMessagesView *self,
                                     AdwActionRow     *row,
                                     const char       *line)
{
  const char *subtitle = adw_action_row_get_subtitle (row);
  g_autofree char *text = subtitle != NULL && subtitle[0] != '\0' ? g_strdup_printf ("%s\n%s", subtitle, line)
                                                                  : g_strdup (line);
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW);

  adw_action_row_set_subtitle (row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  if (expander != NULL)
    care_record_list_add_search_words (self->list, expander, line);
}

static AdwActionRow *
add_message_row (CareMessagesView *self,
                 AdwExpanderRow   *expander,
                 JsonObject       *message,
                 const char       *state)
{
  g_autofree char *sender = care_record_list_dup_reference_name (self->list, message,
                                                                 care_fhir_get_object (message, "sender"));
  g_autofree char *sent = dup_sent_text (message);
  g_autofree char *body = care_message_dup_text (message);
  g_autofree char *details = sent != NULL && body != NULL ? g_strconcat (sent, "\n", body, NULL)
                             : g_strdup (sent != NULL ? sent : body);
  const char *who = sender;
  AdwActionRow *row;

  if (care_message_is_from_patient_side (message))
    who = _("You");
  else if (who == NULL)
    who = _("Your care team");
  row = care_record_list_add_child_row (self->list, expander, who, details);
  /* The words of a message are what the page is for: full size (style.css). */
  gtk_widget_add_css_class (GTK_WIDGET (row), "care-message");
  if (state != NULL)
    care_record_list_add_tag (self->list, GTK_WIDGET (row), state,
                              g_str_equal (state, _("Not sent")) ? CARE_TAG_ERROR : CARE_TAG_NEUTRAL);
  else if (!care_message_is_from_patient_side (message) && !care_message_is_call (message) &&
           care_fhir_get_string (message, "received") == NULL)
    care_record_list_add_tag (self->list, GTK_WIDGET (row), _("New"), CARE_TAG_ACCENT);
  if (care_fhir_get_object (message, "statusReason") != NULL)
    {
      g_autofree char *reason = care_fhir_dup_concept_text (care_fhir_get_object (message, "statusReason"));

      care_record_list_add_tag (self->list, GTK_WIDGET (row), _("Refused"), CARE_TAG_WARNING);
      if (reason != NULL)
        {
          /* Translators: under the care team's answer that says no; %s is their reason */
          g_autofree char *line = g_strdup_printf (_("Refused: %s"), reason);

          care_messages_view_add_child_detail (self, row, line);
        }
    }
  care_messages_view_add_attachments (self, row, message);
  return row;
}

static void
reply_cb (GtkWidget        *widget,
          CareMessagesView *self)
{
  const char *thread_id = g_object_get_data (G_OBJECT (widget), "thread");
  GtkEditable *entry = g_hash_table_lookup (self->replies, thread_id);
  g_autoptr(GError) error = NULL;

  /* A refusal keeps what was written and says why. */
  if (entry != NULL && !care_messages_view_reply (self, thread_id, gtk_editable_get_text (entry), &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (self->list), error->message);
}

static void
add_reply_box (CareMessagesView  *self,
               AdwExpanderRow    *expander,
               CareMessageThread *thread)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *send = gtk_button_new_with_mnemonic (_("_Reply"));
  g_autofree char *label = NULL;

  /* Translators: the reply field of a conversation; %s is its subject */
  label = g_strdup_printf (_("Reply to “%s”"), thread->topic != NULL ? thread->topic : _("Message"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Write a reply"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (send, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (send), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (entry), "thread", g_strdup (thread->id), g_free);
  g_object_set_data_full (G_OBJECT (send), "thread", g_strdup (thread->id), g_free);
  if (g_strcmp0 (self->reply_thread, thread->id) == 0)
    {
      /* A refused reply taken back to be changed. */
      gtk_editable_set_text (GTK_EDITABLE (entry), self->reply_text != NULL ? self->reply_text : "");
      g_clear_pointer (&self->reply_thread, g_free);
      g_clear_pointer (&self->reply_text, g_free);
      g_free (self->pending_id);
      self->pending_id = g_strdup (thread->id);
    }
  g_signal_connect (entry, "activate", G_CALLBACK (reply_cb), self);
  g_signal_connect (send, "clicked", G_CALLBACK (reply_cb), self);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), send);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_expander_row_add_row (expander, box);
  g_hash_table_insert (self->replies, g_strdup (thread->id), entry);
}

/* Opening a conversation with news marks it read. */
static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             CareMessagesView *self)
{
  const char *thread_id = g_object_get_data (G_OBJECT (row), "thread");

  if (adw_expander_row_get_expanded (row) && thread_id != NULL)
    {
      g_signal_handlers_disconnect_by_func (row, expanded_cb, self);
      care_messages_view_mark_read (self, thread_id);
    }
}

/* An open conversation stays open when the list is built again (a sync,
 * the read mark sent). */
static void
remember_expanded_cb (AdwExpanderRow   *row,
                      GParamSpec       *pspec,
                      CareMessagesView *self)
{
  const char *thread_id = g_object_get_data (G_OBJECT (row), "thread-id");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->open, g_strdup (thread_id));
  else
    g_hash_table_remove (self->open, thread_id);
}

static void
add_conversation (CareMessagesView    *self,
                  AdwPreferencesGroup *group,
                  CareMessageThread   *thread,
                  GPtrArray           *waiting,
                  GPtrArray           *refused,
                  GPtrArray           *refused_entries,
                  gboolean             can_write)
{
  JsonObject *last = care_message_thread_get_last (thread);
  g_autofree char *last_sent = dup_sent_text (last);
  g_autofree char *whom = dup_with_whom (self, thread);
  guint n = thread->messages->len;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", n), n);
  g_autofree char *when = last_sent != NULL
                          /* Translators: a conversation: when its last message came, and how many */
                          ? g_strdup_printf (_("%s · %s"), last_sent, count) : g_strdup (count);
  g_autofree char *subtitle = whom != NULL
                              /* Translators: a conversation: with whom, then when and how many messages */
                              ? g_strdup_printf (_("With %1$s · %2$s"), whom, when) : g_strdup (when);
  AdwExpanderRow *row = care_record_list_add_expander (self->list, group,
                                                       thread->topic != NULL ? thread->topic : _("Message"),
                                                       subtitle);

  if (care_message_thread_count_unread (thread) > 0)
    {
      g_autofree char *unread = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new",
                                                              care_message_thread_count_unread (thread)), care_message_thread_count_unread (thread));

      g_object_set_data_full (G_OBJECT (row), "thread", g_strdup (thread->id), g_free);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (expanded_cb), self);

      care_record_list_add_tag (self->list, GTK_WIDGET (row), unread, CARE_TAG_ACCENT);
    }

  care_messages_view_add_renewal_state (self, row, thread);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *message = g_ptr_array_index (thread->messages, i);
      const char *id = care_fhir_get_string (message, "id");
      gboolean was_refused = g_str_has_prefix (id ?: "", "outbox-refused-");
      AdwActionRow *message_row;
      guint64 index = 0;

      if (id != NULL)
        g_hash_table_insert (self->rows, g_strdup (id), g_object_ref (row));
      message_row = add_message_row (self, row, message,
                                     g_str_has_prefix (id ?: "", "outbox-waiting-") ? _("Waiting to send")
                                     : was_refused ? _("Not sent") : NULL);
      if (was_refused && g_ascii_string_to_unsigned (id + strlen ("outbox-refused-"), 10, 0, G_MAXUINT, &index, NULL) &&
          index < refused_entries->len)
        care_messages_view_add_refusal (self, row, message_row, g_ptr_array_index (refused_entries, index));
    }
  for (guint i = 0; i < waiting->len; i++)
    {
      g_autofree char *key = care_message_dup_thread_id (g_ptr_array_index (waiting, i));

      if (g_strcmp0 (key, thread->id) == 0)
        add_message_row (self, row, g_ptr_array_index (waiting, i), _("Waiting to send"));
    }
  for (guint i = 0; i < refused->len; i++)
    {
      g_autofree char *key = care_message_dup_thread_id (g_ptr_array_index (refused, i));

      if (g_strcmp0 (key, thread->id) == 0)
        care_messages_view_add_refusal (self, row,
                                        add_message_row (self, row, g_ptr_array_index (refused, i), _("Not sent")),
                                        g_ptr_array_index (refused_entries, i));
    }
  if (can_write && !care_message_thread_is_call (thread) && !g_str_has_prefix (thread->id, "outbox-"))
    add_reply_box (self, row, thread);
  if (g_hash_table_contains (self->open, thread->id))
    adw_expander_row_set_expanded (row, TRUE);
  g_object_set_data_full (G_OBJECT (row), "thread-id", g_strdup (thread->id), g_free);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (remember_expanded_cb), self);
}

/* Opens the conversation of @self->pending_id, once its row is there. */
static void
open_pending (CareMessagesView *self)
{
  AdwExpanderRow *row = self->pending_id != NULL ? g_hash_table_lookup (self->rows, self->pending_id) : NULL;

  if (row == NULL)
    return;
  adw_expander_row_set_expanded (row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_clear_pointer (&self->pending_id, g_free);
}

static void
compose_cb (GtkWidget        *button,
            CareMessagesView *self)
{
  CareMessageKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));

  care_messages_view_compose (self, kind);
}

static void
calls_toggled_cb (GtkToggleButton  *button,
                  CareMessagesView *self)
{
  gboolean calls = gtk_toggle_button_get_active (button);

  if (calls == self->show_calls)
    return;
  self->show_calls = calls;
  care_record_view_reload (CARE_RECORD_VIEW (self->list));
}

/* An icon button, named for screen readers and with a tooltip, so the
 * three fit beside the title at 360 px. */
static GtkWidget *
new_icon_button (GtkWidget  *button,
                 const char *icon_name,
                 const char *label)
{
  gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
new_header (CareMessagesView *self,
            gboolean          can_write)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *calls = new_icon_button (gtk_toggle_button_new (), "call-start-symbolic",
                                      _("Show the notes of the clinic’s phone calls"));
  GtkWidget *letter = new_icon_button (gtk_button_new (), "x-office-document-symbolic", _("Request a Letter"));
  GtkWidget *compose = new_icon_button (gtk_button_new (), "mail-message-new-symbolic", _("New Message"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (calls), self->show_calls);
  g_signal_connect (calls, "toggled", G_CALLBACK (calls_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), calls);

  g_object_set_data (G_OBJECT (letter), "kind", GINT_TO_POINTER (CARE_MESSAGE_KIND_LETTER));
  g_signal_connect (letter, "clicked", G_CALLBACK (compose_cb), self);
  gtk_widget_set_sensitive (letter, can_write);
  gtk_box_append (GTK_BOX (box), letter);

  g_object_set_data (G_OBJECT (compose), "kind", GINT_TO_POINTER (CARE_MESSAGE_KIND_MEDICAL_QUESTION));
  gtk_widget_add_css_class (compose, "suggested-action");
  g_signal_connect (compose, "clicked", G_CALLBACK (compose_cb), self);
  gtk_widget_set_sensitive (compose, can_write);
  gtk_box_append (GTK_BOX (box), compose);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static void
add_unsent (GPtrArray  *messages,
            GPtrArray  *unsent,
            const char *prefix)
{
  for (guint i = 0; i < unsent->len; i++)
    {
      JsonObject *message = g_ptr_array_index (unsent, i);
      g_autofree char *id = NULL;

      if (care_fhir_get_array (message, "partOf") != NULL)
        continue;
      id = g_strdup_printf ("%s%u", prefix, i);
      message = json_object_ref (message);
      json_object_set_string_member (message, "id", id);
      g_ptr_array_add (messages, message);
    }
}

static void
populate (CareRecordView *view)
{
  CareMessagesView *self = CARE_MESSAGES_VIEW (view);
  GListModel *results = care_record_list_get_results (self->list, "messages");
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self->list));
  CarePerson *person = record != NULL ? care_record_get_person (record) : NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) waiting = care_record_list_dup_outbox (self->list, "Communication", CARE_OUTBOX_PENDING);
  g_autoptr(GPtrArray) refused_entries = care_messages_view_dup_refused (self);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) threads = NULL;
  g_autofree char *reason = NULL;
  gboolean can_write;
  AdwPreferencesGroup *group;
  guint shown = 0;

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->replies);
  /* What waits to be sent that the patient's side wrote: the read marks
   * (updates of the care team's messages) are not messages to show. */
  for (guint i = 0; i < waiting->len; i++)
    if (!care_message_is_from_patient_side (g_ptr_array_index (waiting, i)))
      g_ptr_array_remove_index (waiting, i--);
  /* Each refused message with its outbox entry, at the same index. */
  for (guint i = 0; i < refused_entries->len; i++)
    {
      JsonObject *message = care_fhir_parse_resource (
        care_outbox_entry_get_json (g_ptr_array_index (refused_entries, i)), -1, NULL);

      if (message == NULL)
        g_ptr_array_remove_index (refused_entries, i--);
      else
        g_ptr_array_add (refused, message);
    }
  g_clear_pointer (&self->renewals, g_hash_table_unref);
  if (record != NULL && care_record_get_cache (record) != NULL)
    self->renewals = care_renewals_dup (care_record_get_cache (record));
  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (results, i);
      JsonObject *message = care_resource_item_dup_resource (item, NULL);

      if (message != NULL)
        g_ptr_array_add (messages, message);
    }
  if (record != NULL && care_record_get_cache (record) != NULL)
    {
      g_autoptr(GHashTable) read = care_message_read_dup_local (care_record_get_cache (record));

      care_message_read_apply (read, messages);
    }
  /* A new message waiting in the outbox (or refused) starts a thread of
   * its own, under an id that says so. */
  add_unsent (messages, waiting, "outbox-waiting-");
  add_unsent (messages, refused, "outbox-refused-");
  threads = care_message_threads_group (messages);

  can_write = person != NULL && care_message_can_write (person, &reason) &&
              care_record_list_can_write (self->list, "Communication");
  if (threads->len == 0 && care_record_list_type_withheld (self->list, "Communication"))
    return;

  group = care_record_list_add_group (self->list, self->show_calls ? _("Clinic Calls") : _("Conversations"),
                                      reason != NULL ? reason
                                      : self->show_calls ? _("Notes of the calls your clinic made or took")
                                      : can_write ? NULL
                                      : _("This health system does not take messages from apps; write to "
                                          "your care team in its portal."));
  adw_preferences_group_set_header_suffix (group, new_header (self, can_write));
  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      if (care_message_thread_is_call (thread) != self->show_calls)
        continue;
      add_conversation (self, group, thread, waiting, refused, refused_entries, can_write);
      shown++;
    }
  if (shown == 0)
    care_record_list_add_note (self->list, group, self->show_calls ? _("No calls from your clinic yet.")
                                                                   : _("No conversations yet."));
  g_clear_pointer (&self->renewals, g_hash_table_unref);
  open_pending (self);
}

static void
add_queries (CareMessagesView *self)
{
  g_autoptr(CareCacheQuery) messages = care_cache_query_new ("Communication");

  care_cache_query_set_sort (messages, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "messages", messages);
}

static void
care_messages_view_dispose (GObject *object)
{
  CareMessagesView *self = (CareMessagesView *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->replies, g_hash_table_unref);
  g_clear_pointer (&self->open, g_hash_table_unref);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->reply_thread, g_free);
  g_clear_pointer (&self->reply_text, g_free);
  g_clear_pointer (&self->renewals, g_hash_table_unref);
  if (self->compose != NULL)
    gtk_window_destroy (GTK_WINDOW (self->compose));
  g_clear_weak_pointer (&self->compose);

  G_OBJECT_CLASS (care_messages_view_parent_class)->dispose (object);
}

static void
care_messages_view_constructed (GObject *object)
{
  CareMessagesView *self = CARE_MESSAGES_VIEW (object);
  g_autoptr(GtkWidget) content = NULL;

  G_OBJECT_CLASS (care_messages_view_parent_class)->constructed (object);

  /* The list is the first page; New Message the second, on a narrow window. */
  content = g_object_ref (adw_bin_get_child (ADW_BIN (self)));
  self->pages = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_stack_add_named (self->pages, content, "list");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->pages));
}

static void
care_messages_view_class_init (CareMessagesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_messages_view_dispose;
  object_class->constructed = care_messages_view_constructed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/messages/care-messages-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
}

static void
care_messages_view_init (CareMessagesView *self)
{
  self->list = CARE_RECORD_LIST (self);
  /* Referenced: a row the list has let go of until the next populate
   * is still safe to look at. */
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_messages_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_messages_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_MESSAGES_VIEW, "context", context, NULL);
}

/**
 * care_messages_view_compose:
 * @self: a #CareMessagesView
 * @kind: the kind of message to start with
 *
 * Opens the compose window, as "New Message" does.
 *
 * Returns: (transfer none): the window
 */
CareMessageCompose *
care_messages_view_compose (CareMessagesView *self,
                            CareMessageKind   kind)
{
  GtkRoot *root;
  CareMessageCompose *compose;
  int width;

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), NULL);

  /* One at a time: a second New Message closes the first (its draft is
   * kept, and comes back in the new one). */
  if (self->compose != NULL)
    care_message_compose_close (self->compose);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  width = GTK_IS_WINDOW (root) ? gtk_widget_get_width (GTK_WIDGET (root)) : 0;
  compose = care_message_compose_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->list, kind);
  g_set_weak_pointer (&self->compose, compose);
  /* A window on the desktop, a full page of the main window at 360 px. */
  if (width > 0 && width < CARE_MESSAGES_VIEW_NARROW)
    care_message_compose_show_in (compose, self->pages);
  else
    gtk_window_present (GTK_WINDOW (compose));
  return compose;
}

/**
 * care_messages_view_reply:
 * @self: a #CareMessagesView
 * @thread_id: the id of a conversation's first message
 * @text: the reply
 * @error: return location for a #GError
 *
 * Queues a reply in the conversation, as its Reply button does.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_messages_view_reply (CareMessagesView *self,
                          const char       *thread_id,
                          const char       *text,
                          GError          **error)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *patient = care_record_list_dup_patient_reference (self->list);
  g_autofree char *reporter = care_record_list_dup_reporter_reference (self->list);
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), FALSE);

  /* The whole offline copy, not what a search left on screen. */
  messages = cache != NULL ? care_message_dup_all_read (cache) : g_ptr_array_new ();
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len && draft == NULL; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      if (g_str_equal (thread->id, thread_id))
        {
          draft = care_message_reply_draft_new (patient, g_strcmp0 (reporter, patient) != 0 ? reporter : NULL,
                                                care_message_thread_get_last_from_care_team (thread), text,
                                                g_str_has_prefix (languages[0], "es") ? "es" : "en", now,
                                                NULL, error);
          if (draft == NULL)
            return FALSE;
        }
    }
  if (draft == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("This conversation is no longer here."));
      return FALSE;
    }
  return care_record_list_queue_draft (self->list, draft, error);
}

/**
 * care_messages_view_mark_read:
 * @self: a #CareMessagesView
 * @thread_id: the id of a conversation's first message
 *
 * Marks what the care team wrote in the conversation read, as opening it
 * does: here at once (the counts in the sidebar and on Home follow), and
 * on the portal when it takes it.
 *
 * Returns: how many messages were marked
 */
guint
care_messages_view_mark_read (CareMessagesView *self,
                              const char       *thread_id)
{
  CareRecord *record;
  CareCache *cache;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), 0);
  g_return_val_if_fail (thread_id != NULL, 0);

  record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  cache = record != NULL ? care_record_get_cache (record) : NULL;
  if (cache == NULL)
    return 0;
  messages = care_message_dup_all_read (cache);
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      if (!g_str_equal (thread->id, thread_id))
        continue;
      n = care_message_thread_mark_read (cache, care_record_get_outbox (record), thread, now, &error);
      if (error != NULL)
        g_debug ("Could not keep a read mark: %s", error->message);
      break;
    }
  if (n == 0)
    return 0;
  if (care_record_get_outbox (record) != NULL)
    care_outbox_send_soon (care_record_get_outbox (record));
  /* Everything that counts news reads again; this one stays open. */
  g_free (self->pending_id);
  self->pending_id = g_strdup (thread_id);
  care_record_changed (record);
  return n;
}

/**
 * care_messages_view_set_show_calls:
 * @self: a #CareMessagesView
 * @calls: %TRUE for the clinic's calls, %FALSE for conversations
 */
void
care_messages_view_set_show_calls (CareMessagesView *self,
                                   gboolean          calls)
{
  g_return_if_fail (CARE_IS_MESSAGES_VIEW (self));

  if (self->show_calls == !!calls)
    return;
  self->show_calls = !!calls;
  care_record_view_reload (CARE_RECORD_VIEW (self->list));
}

/**
 * care_messages_view_open_message:
 * @self: a #CareMessagesView
 * @id: a Communication's id
 *
 * Opens the conversation @id is part of (as a notification about it asks),
 * now or as soon as the list is built. New Message as a page of a narrow
 * window makes way for it (its draft is kept): the conversation used to
 * open behind it, out of sight.
 */
void
care_messages_view_open_message (CareMessagesView *self,
                                 const char       *id)
{
  g_return_if_fail (CARE_IS_MESSAGES_VIEW (self));
  g_return_if_fail (id != NULL);

  if (self->compose != NULL && care_message_compose_is_page (self->compose))
    care_message_compose_close (self->compose);
  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
  open_pending (self);
}

/**
 * care_messages_view_get_expanded:
 * @self: a #CareMessagesView
 * @id: a Communication's id
 *
 * For tests: whether the conversation of @id is open.
 *
 * Returns: %TRUE if it is
 */
gboolean
care_messages_view_get_expanded (CareMessagesView *self,
                                 const char       *id)
{
  AdwExpanderRow *row;

  g_return_val_if_fail (CARE_IS_MESSAGES_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  row = g_hash_table_lookup (self->rows, id);
  return row != NULL && adw_expander_row_get_expanded (row);
}

/* A notification's item: shown if the offline copy has it (CareRecordView's
 * answer), now or once the list is built. */
static gboolean
section_page_open_item (CareSectionPage *page,
                        const char      *type,
                        const char      *id)
{
  if (!parent_section_page_iface->open_item (page, type, id))
    return FALSE;
  care_messages_view_open_message (CARE_MESSAGES_VIEW (page), id);
  return TRUE;
}

/* Back from New Message as a page: the list, with the draft kept. */
static gboolean
section_page_go_back (CareSectionPage *page)
{
  CareMessagesView *self = CARE_MESSAGES_VIEW (page);

  if (self->compose != NULL && care_message_compose_is_page (self->compose))
    {
      care_message_compose_close (self->compose);
      return TRUE;
    }
  return parent_section_page_iface->go_back != NULL && parent_section_page_iface->go_back (page);
}

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  parent_section_page_iface = g_type_interface_peek_parent (iface);
  iface->open_item = section_page_open_item;
  iface->go_back = section_page_go_back;
}
