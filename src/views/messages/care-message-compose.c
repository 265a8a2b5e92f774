/* care-message-compose.c — writing a message to the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * To whom (the care team, those written to recently first), the kind, a
 * subject, the text and up to five pictures or PDFs (file chooser, drag
 * and drop, or paste), each checked for type and size as it is added.
 * Above a medical question, the notice that messages are not for
 * emergencies. Send builds the drafts in core (care-message-draft.c) and
 * queues them in the record's outbox, attachments first; a refusal keeps
 * the window and what was written, and says why under the text.
 *
 * It is a window on the desktop; in a narrow main window the Messages
 * view shows its content as a page instead (care_message_compose_show_in()),
 * the window object staying unshown as its owner, so closing either way
 * (Cancel, Escape, Back) is destroying it, which keeps the draft. The
 * attachments are in care-message-compose-files.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-message-compose.h"
#include "care-message-compose-private.h"
#include "care-message-recipients.h"
#include "care-message-saved.h"
#include "care-message-undo.h"

G_DEFINE_FINAL_TYPE (CareMessageCompose, care_message_compose, ADW_TYPE_WINDOW)

static const char *purposes[] = { "school", "work", "travel", "other" };

static void save_draft (CareMessageCompose *self);

static void
care_message_compose_dispose (GObject *object)
{
  CareMessageCompose *self = (CareMessageCompose *)object;

  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      if (!self->sent)
        save_draft (self);
    }
  /* A page in the main window: the list comes back. */
  if (self->host != NULL && self->content != NULL &&
      gtk_widget_get_parent (self->content) == GTK_WIDGET (self->host))
    {
      gtk_stack_set_visible_child_name (self->host, "list");
      gtk_stack_remove (self->host, self->content);
    }
  g_clear_weak_pointer (&self->host);
  self->content = NULL;
  g_clear_object (&self->list);
  g_clear_pointer (&self->recipients, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (care_message_compose_parent_class)->dispose (object);
}

static void
care_message_compose_class_init (CareMessageComposeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_message_compose_dispose;
}

static void
care_message_compose_init (CareMessageCompose *self)
{
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_message_compose_attachment_free);
}

void
care_message_compose_show_error (CareMessageCompose *self,
                                 const char         *text)
{
  g_free (self->error);
  self->error = g_strdup (text);
  care_a11y_set_error (GTK_WIDGET (self->text_view), self->error_label, text);
}

static CareMessageKind
get_kind (CareMessageCompose *self)
{
  return adw_combo_row_get_selected (self->kind_row);
}

static void
kind_changed_cb (CareMessageCompose *self)
{
  CareMessageKind kind = get_kind (self);

  gtk_widget_set_visible (self->notice, kind == CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  gtk_widget_set_visible (GTK_WIDGET (self->purpose_row), kind == CARE_MESSAGE_KIND_LETTER);
}

static char *
dup_text (CareMessageCompose *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Takes back attachments queued for a message that could not be queued. */
static void
discard_queued (CareOutbox *outbox,
                GPtrArray  *ids)
{
  for (guint i = ids != NULL ? ids->len : 0; i > 0; i--)
    {
      CareOutboxEntry *entry = care_outbox_lookup (outbox, g_ptr_array_index (ids, i - 1));

      if (entry != NULL)
        care_outbox_discard (outbox, entry, NULL);
    }
}

static CareMessageSaved *
dup_saved (CareMessageCompose *self)
{
  CareMessageSaved *saved = g_new0 (CareMessageSaved, 1);
  guint to = adw_combo_row_get_selected (self->to_row);

  saved->kind = get_kind (self);
  if (to < self->recipients->len)
    saved->recipient = g_strdup (((CareMessageRecipient *)g_ptr_array_index (self->recipients, to))->reference);
  saved->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  saved->text = dup_text (self);
  if (saved->kind == CARE_MESSAGE_KIND_LETTER)
    saved->letter_purpose = g_strdup (purposes[MIN (adw_combo_row_get_selected (self->purpose_row), 3)]);
  return saved;
}

static void
save_draft (CareMessageCompose *self)
{
  CareRecord *record = self->list != NULL ? care_record_view_get_record (CARE_RECORD_VIEW (self->list)) : NULL;
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(CareMessageSaved) saved = NULL;
  g_autoptr(GError) error = NULL;

  if (cache == NULL || self->to_row == NULL)
    return;
  saved = dup_saved (self);
  if (!care_message_saved_store (cache, CARE_MESSAGE_SAVED_COMPOSE, saved, &error))
    g_debug ("The draft could not be kept: %s", error->message);
}

static gboolean
save_cb (gpointer user_data)
{
  CareMessageCompose *self = user_data;

  self->save_id = 0;
  save_draft (self);
  return G_SOURCE_REMOVE;
}

/* Kept as it is typed: saved once typing pauses, and when the window goes. */
static void
changed_cb (CareMessageCompose *self)
{
  if (self->restoring || self->sent)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (300, save_cb, self);
}

/**
 * care_message_compose_save_draft:
 * @self: a #CareMessageCompose
 *
 * Keeps what is written now, as a pause in typing does.
 */
void
care_message_compose_save_draft (CareMessageCompose *self)
{
  g_return_if_fail (CARE_IS_MESSAGE_COMPOSE (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  save_draft (self);
}

/**
 * care_message_compose_restore:
 * @self: a #CareMessageCompose
 * @saved: what was written before
 *
 * Puts a kept draft (or a message taken back with Undo) in the window.
 */
void
care_message_compose_restore (CareMessageCompose     *self,
                              const CareMessageSaved *saved)
{
  g_return_if_fail (CARE_IS_MESSAGE_COMPOSE (self));
  g_return_if_fail (saved != NULL);

  self->restoring = TRUE;
  adw_combo_row_set_selected (self->kind_row, saved->kind);
  if (saved->recipient != NULL)
    care_message_compose_set_recipient (self, saved->recipient);
  for (guint i = 0; saved->letter_purpose != NULL && i < G_N_ELEMENTS (purposes); i++)
    if (g_str_equal (purposes[i], saved->letter_purpose))
      adw_combo_row_set_selected (self->purpose_row, i);
  care_message_compose_set_text (self, saved->subject != NULL ? saved->subject : "",
                                 saved->text != NULL ? saved->text : "");
  self->restoring = FALSE;
  save_draft (self);
}

static void
discard_draft_cb (CareMessageCompose *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self->list));

  self->restoring = TRUE;
  care_message_compose_set_text (self, "", "");
  self->restoring = FALSE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (record != NULL && care_record_get_cache (record) != NULL)
    care_message_saved_clear (care_record_get_cache (record), CARE_MESSAGE_SAVED_COMPOSE, NULL);
  gtk_widget_set_visible (self->restored, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

/**
 * care_message_compose_send:
 * @self: a #CareMessageCompose
 * @error: return location for a #GError
 *
 * Queues the message and its attachments, as Send does, and closes the
 * window; on a refusal the window stays with what was written.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_message_compose_send (CareMessageCompose *self,
                           GError            **error)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self->list));
  CareOutbox *outbox = record != NULL ? care_record_get_outbox (record) : NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  g_autoptr(CareOutboxDraft) message = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *patient = care_record_list_dup_patient_reference (self->list);
  g_autofree char *reporter = care_record_list_dup_reporter_reference (self->list);
  g_autofree char *text = dup_text (self);
  const char * const *languages = g_get_language_names ();
  g_autoptr(GPtrArray) ids = NULL;
  guint to = adw_combo_row_get_selected (self->to_row);
  CareMessageRecipient *recipient = to < self->recipients->len ? g_ptr_array_index (self->recipients, to) : NULL;
  CareMessageFields fields = { 0 };

  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), FALSE);

  if (patient == NULL || outbox == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("This record cannot send anything to its health system now."));
      care_message_compose_show_error (self, (*error)->message);
      return FALSE;
    }
  for (guint i = 0; i < self->files->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->files, i);
      CareOutboxDraft *draft = care_message_attachment_draft_new (patient, attachment->name,
                                                                  attachment->content_type,
                                                                  attachment->bytes, error);

      if (draft == NULL)
        {
          care_message_compose_show_error (self, (*error)->message);
          return FALSE;
        }
      g_ptr_array_add (drafts, draft);
    }

  fields.patient = patient;
  fields.sender = g_strcmp0 (reporter, patient) != 0 ? reporter : NULL;
  fields.recipient = recipient != NULL ? recipient->reference : NULL;
  fields.recipient_name = recipient != NULL ? recipient->name : NULL;
  fields.kind = get_kind (self);
  fields.subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  fields.text = text;
  fields.language = g_str_has_prefix (languages[0], "es") ? "es" : "en";
  fields.letter_purpose = fields.kind == CARE_MESSAGE_KIND_LETTER
                          ? purposes[MIN (adw_combo_row_get_selected (self->purpose_row), 3)] : NULL;
  fields.when = now;
  message = care_message_draft_new (&fields, drafts, error);
  if (message == NULL)
    {
      care_message_compose_show_error (self, (*error)->message);
      return FALSE;
    }

  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < drafts->len; i++)
    {
      CareOutboxEntry *entry = care_outbox_queue_draft (outbox, g_ptr_array_index (drafts, i), error);

      if (entry == NULL)
        {
          care_message_compose_show_error (self, (*error)->message);
          discard_queued (outbox, ids);
          return FALSE;
        }
      g_ptr_array_add (ids, g_strdup (care_outbox_entry_get_id (entry)));
    }
  if (!care_message_undo_can_hold (self->list))
    {
      if (!care_record_list_queue_draft (self->list, message, error))
        {
          care_message_compose_show_error (self, (*error)->message);
          discard_queued (outbox, ids);
          return FALSE;
        }
    }
  else
    {
      CareOutboxEntry *entry = care_outbox_queue_draft (outbox, message, error);
      GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_message_undo_file_free);

      if (entry == NULL)
        {
          care_message_compose_show_error (self, (*error)->message);
          discard_queued (outbox, ids);
          g_ptr_array_unref (files);
          return FALSE;
        }
      g_ptr_array_add (ids, g_strdup (care_outbox_entry_get_id (entry)));
      for (guint i = 0; i < self->files->len; i++)
        {
          Attachment *attachment = g_ptr_array_index (self->files, i);
          CareMessageUndoFile *file = g_new0 (CareMessageUndoFile, 1);

          file->name = g_strdup (attachment->name);
          file->content_type = g_strdup (attachment->content_type);
          file->bytes = g_bytes_ref (attachment->bytes);
          g_ptr_array_add (files, file);
        }
      /* Held in the outbox while "Sent to your care team" offers Undo. */
      care_message_undo_hold (self->list, g_steal_pointer (&ids), dup_saved (self), files);
    }

  /* In the outbox now: the draft is done with. */
  self->sent = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (record != NULL && care_record_get_cache (record) != NULL)
    care_message_saved_clear (care_record_get_cache (record), CARE_MESSAGE_SAVED_COMPOSE, NULL);
  care_message_compose_close (self);
  return TRUE;
}

static void
send_cb (CareMessageCompose *self)
{
  g_autoptr(GError) error = NULL;

  care_message_compose_send (self, &error);
}

static gboolean
send_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  send_cb (CARE_MESSAGE_COMPOSE (user_data));
  return TRUE;
}

static gboolean
close_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  care_message_compose_close (CARE_MESSAGE_COMPOSE (user_data));
  return TRUE;
}

/**
 * care_message_compose_close:
 * @self: a #CareMessageCompose
 *
 * Closes it, as Cancel and Escape do: the window, or the page (the list
 * comes back). What was written is kept as a draft.
 */
void
care_message_compose_close (CareMessageCompose *self)
{
  g_return_if_fail (CARE_IS_MESSAGE_COMPOSE (self));

  if (self->host != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    gtk_window_close (GTK_WINDOW (self));
}

GtkWindow *
care_message_compose_get_window (CareMessageCompose *self)
{
  GtkRoot *root = self->host != NULL ? gtk_widget_get_root (GTK_WIDGET (self->host)) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : GTK_WINDOW (self);
}

/**
 * care_message_compose_show_in:
 * @self: a #CareMessageCompose, not shown yet
 * @host: a stack whose "list" page is the list of conversations
 *
 * Shows it as a page of @host instead of a window of its own: on a narrow
 * main window ("a full page at 360 px"). Cancel, Escape or the main
 * window's Back close the page, and the list comes back.
 */
void
care_message_compose_show_in (CareMessageCompose *self,
                              GtkStack           *host)
{
  g_autoptr(GtkWidget) content = NULL;

  g_return_if_fail (CARE_IS_MESSAGE_COMPOSE (self));
  g_return_if_fail (GTK_IS_STACK (host));
  g_return_if_fail (self->host == NULL);

  content = g_object_ref (self->content);
  adw_window_set_content (ADW_WINDOW (self), NULL);
  /* The main window has its own title buttons. */
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (gtk_widget_get_first_child (content)), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (gtk_widget_get_first_child (content)), FALSE);
  gtk_stack_add_named (host, content, "compose");
  g_set_weak_pointer (&self->host, host);
  gtk_stack_set_visible_child (host, content);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * care_message_compose_is_page:
 * @self: a #CareMessageCompose
 *
 * Returns: %TRUE when it is a page of the main window
 */
gboolean
care_message_compose_is_page (CareMessageCompose *self)
{
  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), FALSE);

  return self->host != NULL;
}

/**
 * care_message_compose_dup_text:
 * @self: a #CareMessageCompose
 *
 * Returns: (transfer full): the message as written so far
 */
char *
care_message_compose_dup_text (CareMessageCompose *self)
{
  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), NULL);

  return dup_text (self);
}

const char *
care_message_compose_get_error (CareMessageCompose *self)
{
  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), NULL);

  return self->error;
}

void
care_message_compose_set_text (CareMessageCompose *self,
                               const char         *subject,
                               const char         *text)
{
  g_return_if_fail (CARE_IS_MESSAGE_COMPOSE (self));

  if (subject != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

gboolean
care_message_compose_set_recipient (CareMessageCompose *self,
                                    const char         *reference)
{
  g_return_val_if_fail (CARE_IS_MESSAGE_COMPOSE (self), FALSE);

  for (guint i = 0; i < self->recipients->len; i++)
    if (g_str_equal (((CareMessageRecipient *)g_ptr_array_index (self->recipients, i))->reference, reference))
      {
        adw_combo_row_set_selected (self->to_row, i);
        return TRUE;
      }
  return FALSE;
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build (CareMessageCompose *self,
       CareMessageKind     kind)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self->list));
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *text_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *attach = gtk_button_new_with_mnemonic (_("_Attach Pictures or PDF Files…"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) letter_kinds = gtk_string_list_new (NULL);
  g_autofree char *notice = NULL;
  g_autoptr(CareMessageSaved) saved = NULL;
  GtkDropTarget *drop;

  gtk_window_set_title (GTK_WINDOW (self), kind == CARE_MESSAGE_KIND_LETTER ? _("Request a Letter")
                                                                             : _("New Message"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (care_message_compose_close), self);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (gtk_window_get_title (GTK_WINDOW (self)), NULL));
  self->send_button = gtk_button_new_with_mnemonic (_("_Send"));
  gtk_widget_add_css_class (self->send_button, "suggested-action");
  g_signal_connect_swapped (self->send_button, "clicked", G_CALLBACK (send_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->send_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  /* Shown when a kept draft is put back. */
  {
    GtkWidget *words = new_label (_("Your unsent message is back, as you left it."), NULL);
    GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard Draft"));

    gtk_widget_set_hexpand (words, TRUE);
    gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (discard, "clicked", G_CALLBACK (discard_draft_cb), self);
    self->restored = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    gtk_box_append (GTK_BOX (self->restored), words);
    gtk_box_append (GTK_BOX (self->restored), discard);
    gtk_widget_set_visible (self->restored, FALSE);
    gtk_box_append (GTK_BOX (box), self->restored);
  }

  /* Translators: %d is how many business days the care team takes to answer */
  notice = g_strdup_printf (_("Messages are not for emergencies: if you need help now, call 911. Your care "
                              "team answers within %d business days."), 3);
  {
    GtkWidget *words = new_label (notice, "warning");

    gtk_widget_set_margin_top (words, 10);
    gtk_widget_set_margin_bottom (words, 10);
    gtk_widget_set_margin_start (words, 12);
    gtk_widget_set_margin_end (words, 12);
    self->notice = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_widget_add_css_class (self->notice, "card");
    gtk_box_append (GTK_BOX (self->notice), words);
    gtk_box_append (GTK_BOX (box), self->notice);
  }

  self->recipients = care_message_recipients_dup (record != NULL ? care_record_get_cache (record) : NULL);
  for (guint i = 0; i < self->recipients->len; i++)
    {
      CareMessageRecipient *recipient = g_ptr_array_index (self->recipients, i);
      /* Translators: a recipient in the "To" list; %1$s is a name, %2$s their role */
      g_autofree char *line = recipient->role != NULL ? g_strdup_printf (_("%1$s — %2$s"), recipient->name,
                                                                         recipient->role)
                                                      : g_strdup (recipient->name);

      gtk_string_list_append (names, line);
    }
  self->to_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To"));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->to_row));

  for (guint i = 0; i < CARE_MESSAGE_N_KINDS; i++)
    gtk_string_list_append (kinds, care_message_kind_get_title (i));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, kind);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));

  gtk_string_list_append (letter_kinds, _("For school"));
  gtk_string_list_append (letter_kinds, _("For work"));
  gtk_string_list_append (letter_kinds, _("For travel"));
  gtk_string_list_append (letter_kinds, _("Other"));
  self->purpose_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->purpose_row), _("Letter"));
  adw_combo_row_set_model (self->purpose_row, G_LIST_MODEL (letter_kinds));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->purpose_row));

  self->subject_row = ADW_ENTRY_ROW (care_a11y_entry_row_new (_("Subject")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->subject_row));
  /* The group has no title to name its list after: the window's says it. */
  care_a11y_label_lists (group, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_box_append (GTK_BOX (box), group);

  /* The message's heading, and its field's label (GTK 4.8 names a text
   * view after neither: it gets the label's words too). */
  gtk_label_set_text_with_mnemonic (GTK_LABEL (text_label), _("_Message"));
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_widget_add_css_class (text_label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message"), -1);
  gtk_box_append (GTK_BOX (box), text_label);
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 8);
  gtk_text_view_set_right_margin (self->text_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->text_view), -1, 180);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text_label), GTK_WIDGET (self->text_view));
  care_a11y_label_field (GTK_WIDGET (self->text_view), text_label, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Message"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->text_view));
  gtk_box_append (GTK_BOX (box), frame);
  self->error_label = new_label (NULL, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->error_label);

  self->files_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->files_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->files_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->files_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attachments"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->files_box), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->files_box));
  gtk_widget_set_halign (attach, GTK_ALIGN_START);
  g_signal_connect_swapped (attach, "clicked", G_CALLBACK (care_message_compose_attach_cb), self);
  gtk_box_append (GTK_BOX (box), attach);
  gtk_box_append (GTK_BOX (box), new_label (_("Up to 5 pictures or PDF files, 10 MB each. You can also drop "
                                              "files here or paste a picture."), "dim-label"));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  self->content = toolbar;

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (care_message_compose_drop_cb), self);
  gtk_widget_add_controller (toolbar, GTK_EVENT_CONTROLLER (drop));
  kind_changed_cb (self);

  /* What was written last time and not sent comes back. */
  saved = record != NULL && care_record_get_cache (record) != NULL
          ? care_message_saved_load (care_record_get_cache (record), CARE_MESSAGE_SAVED_COMPOSE) : NULL;
  if (saved != NULL && !care_message_saved_is_empty (saved))
    {
      care_message_compose_restore (self, saved);
      gtk_widget_set_visible (self->restored, TRUE);
    }
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->subject_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->to_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->purpose_row, "notify::selected", G_CALLBACK (changed_cb), self);
}

/**
 * care_message_compose_new:
 * @parent: (nullable): the window it belongs to
 * @list: the Messages view's list, whose record it writes to
 * @kind: the kind of message to start with
 *
 * Returns: (transfer none): a new, unshown compose window
 */
CareMessageCompose *
care_message_compose_new (GtkWindow       *parent,
                          CareRecordList  *list,
                          CareMessageKind  kind)
{
  CareMessageCompose *self;
  GtkShortcutController *shortcuts;

  g_return_val_if_fail (CARE_IS_RECORD_LIST (list), NULL);

  self = g_object_new (CARE_TYPE_MESSAGE_COMPOSE, "modal", TRUE, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->list = g_object_ref (list);
  build (self, kind);
  /* Ctrl+Enter sends; Ctrl+V pastes a picture as an attachment. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_callback_action_new (send_shortcut_cb, self, NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>v"),
                                                          gtk_callback_action_new (care_message_compose_paste_shortcut_cb,
                                                                                   self, NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape"),
                                                          gtk_callback_action_new (close_shortcut_cb, self, NULL)));
  /* On the content, so they work in the window and as a page alike. */
  gtk_widget_add_controller (self->content, GTK_EVENT_CONTROLLER (shortcuts));
  return self;
}
