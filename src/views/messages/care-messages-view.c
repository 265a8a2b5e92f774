/* care-messages-view.c — conversations with the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record's Communications, gathered into conversations: a message
 * belongs to the one it is partOf (the first message of a thread), and a
 * first message to its own. Conversations come newest first, by their
 * last message; inside, the messages read in the order they were sent,
 * each with who sent it, when, and what it says (attachments by their
 * title). Writing is the portal's for now, and the view says so.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-messages-view.h"

#include "care-fhir.h"
#include "care-resource-item.h"
#include "care-time.h"

struct _CareMessagesView
{
  CareRecordList  parent_instance;

  GHashTable     *rows;         /* message id → its conversation's row */
  char           *pending_id;   /* a message to open once the list is built */
};

static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareMessagesView, care_messages_view, CARE_TYPE_RECORD_LIST,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                      section_page_iface_init))

static CareSectionPageInterface *parent_section_page_iface;

typedef struct
{
  char      *key;
  char      *topic;
  GPtrArray *messages;   /* JsonObject, newest first as the cache gives them */
} Conversation;

static void
conversation_free (Conversation *conversation)
{
  g_free (conversation->key);
  g_free (conversation->topic);
  g_ptr_array_unref (conversation->messages);
  g_free (conversation);
}

/* The id of the first message of @message's thread (its own if it is one). */
static char *
dup_thread_key (JsonObject *message)
{
  JsonObject *part_of = care_fhir_get_array_object (message, "partOf", 0);
  CareFhirReference target;
  char *key = NULL;

  if (part_of != NULL && care_fhir_read_reference (part_of, &target) && g_strcmp0 (target.type, "Communication") == 0)
    key = g_strdup (target.id);
  if (part_of != NULL)
    care_fhir_reference_clear (&target);
  return key != NULL ? key : g_strdup (care_fhir_get_string (message, "id"));
}

static char *
dup_sent_text (JsonObject *message)
{
  const char *sent = care_fhir_get_string (message, "sent");

  if (sent == NULL)
    sent = care_fhir_get_string (message, "received");
  return care_time_format_fhir_day_time (sent);
}

/* What the message says: its text, and its attachments by title. */
static char *
dup_body_text (JsonObject *message)
{
  JsonArray *payload = care_fhir_get_array (message, "payload");
  GString *text = g_string_new (NULL);

  for (guint i = 0; payload != NULL && i < json_array_get_length (payload); i++)
    {
      JsonObject *part = care_fhir_get_array_object (message, "payload", i);
      JsonObject *attachment = care_fhir_get_object (part, "contentAttachment");
      const char *words = care_fhir_get_string (part, "contentString");
      g_autofree char *line = NULL;

      if (words == NULL && attachment != NULL)
        /* Translators: a file sent with a message; %s is its title */
        line = g_strdup_printf (_("Attachment: %s"), care_fhir_get_string (attachment, "title") ?: _("a file"));
      if (words == NULL && line == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, words != NULL ? words : line);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static void
add_conversation (CareMessagesView    *self,
                  AdwPreferencesGroup *group,
                  Conversation        *conversation)
{
  JsonObject *last = g_ptr_array_index (conversation->messages, 0);
  g_autofree char *last_sent = dup_sent_text (last);
  guint n = conversation->messages->len;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", n), n);
  g_autofree char *subtitle = last_sent != NULL
                              /* Translators: a conversation: when its last message came, and how many */
                              ? g_strdup_printf (_("%s · %s"), last_sent, count) : g_strdup (count);
  AdwExpanderRow *row = care_record_list_add_expander (CARE_RECORD_LIST (self), group,
                                                       conversation->topic != NULL ? conversation->topic
                                                                                   : _("Message"),
                                                       subtitle);

  for (guint i = 0; i < n; i++)
    {
      const char *id = care_fhir_get_string (g_ptr_array_index (conversation->messages, i), "id");

      if (id != NULL)
        g_hash_table_insert (self->rows, g_strdup (id), g_object_ref (row));
    }

  /* In the order they were sent: the cache gave them newest first. */
  for (guint i = n; i > 0; i--)
    {
      JsonObject *message = g_ptr_array_index (conversation->messages, i - 1);
      g_autofree char *sender = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), message,
                                                                     care_fhir_get_object (message, "sender"));
      g_autofree char *sent = dup_sent_text (message);
      g_autofree char *body = dup_body_text (message);
      g_autofree char *details = sent != NULL && body != NULL ? g_strconcat (sent, "\n", body, NULL)
                                 : g_strdup (sent != NULL ? sent : body);

      care_record_list_add_child_row (CARE_RECORD_LIST (self), row, sender != NULL ? sender : _("Your care team"), details);
    }
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
populate (CareRecordView *view)
{
  CareMessagesView *self = CARE_MESSAGES_VIEW (view);
  GListModel *messages = care_record_list_get_results (CARE_RECORD_LIST (self), "messages");
  g_autoptr(GPtrArray) conversations = g_ptr_array_new_with_free_func ((GDestroyNotify)conversation_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  AdwPreferencesGroup *group;

  g_hash_table_remove_all (self->rows);
  for (guint i = 0; messages != NULL && i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (messages, i);
      g_autoptr(JsonObject) message = care_resource_item_dup_resource (item, NULL);
      g_autofree char *key = NULL;
      Conversation *conversation;

      if (message == NULL || g_strcmp0 (care_fhir_get_string (message, "status"), "entered-in-error") == 0)
        continue;
      key = dup_thread_key (message);
      if (key == NULL)
        continue;
      conversation = g_hash_table_lookup (by_key, key);
      if (conversation == NULL)
        {
          conversation = g_new0 (Conversation, 1);
          conversation->key = g_steal_pointer (&key);
          conversation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_hash_table_insert (by_key, conversation->key, conversation);
          g_ptr_array_add (conversations, conversation);
        }
      if (conversation->topic == NULL)
        conversation->topic = care_fhir_dup_concept_text (care_fhir_get_object (message, "topic"));
      g_ptr_array_add (conversation->messages, g_steal_pointer (&message));
    }

  if (conversations->len == 0)
    return;
  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Conversations"),
                                      _("To write to your care team, use your health system’s portal for now."));
  for (guint i = 0; i < conversations->len; i++)
    add_conversation (self, group, g_ptr_array_index (conversations, i));
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
  g_clear_pointer (&self->pending_id, g_free);

  G_OBJECT_CLASS (care_messages_view_parent_class)->dispose (object);
}

static void
care_messages_view_class_init (CareMessagesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_messages_view_dispose;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/messages/care-messages-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
}

static void
care_messages_view_init (CareMessagesView *self)
{
  /* Referenced: a row the list has let go of until the next populate
   * is still safe to look at. */
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
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
 * care_messages_view_open_message:
 * @self: a #CareMessagesView
 * @id: a Communication's id
 *
 * Opens the conversation @id is part of (as a notification about it asks),
 * now or as soon as the list is built.
 */
void
care_messages_view_open_message (CareMessagesView *self,
                                 const char       *id)
{
  g_return_if_fail (CARE_IS_MESSAGES_VIEW (self));
  g_return_if_fail (id != NULL);

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

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  parent_section_page_iface = g_type_interface_peek_parent (iface);
  iface->open_item = section_page_open_item;
}
