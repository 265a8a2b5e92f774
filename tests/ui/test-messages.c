/* test-messages.c — Messages in the app: compose, send, the demo reply,
 * reply in place, the calls filter, a renewal from Medications
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo family on the in-process sandbox, whose clinician answers at
 * once (--reply-after 0): a message written in the compose window goes
 * through the outbox to the portal, and the next sync brings the answer
 * into its conversation.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "care-fhir.h"
#include "care-medications-view.h"
#include "care-message-compose.h"
#include "care-message-read.h"
#include "care-message-saved.h"
#include "care-section-page.h"
#include "care-message-thread.h"
#include "care-message-undo.h"
#include "care-person-row.h"
#include "care-person-switcher.h"
#include "care-message-recipients.h"
#include "care-messages-view.h"
#include "care-resource-item.h"
#include "care-unread-badge.h"

#include "care-test-family.h"

static CareTestFamily family;

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
has_title (CareRecordList *list,
           const char     *title)
{
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (list);

  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (g_ptr_array_index (titles, i), title))
      return TRUE;
  return FALSE;
}

/* The conversation called @subject in @record's offline copy. */
static guint
count_in_thread (CareRecord *record,
                 const char *subject)
{
  g_autoptr(GPtrArray) messages = care_message_dup_all (care_record_get_cache (record));
  g_autoptr(GPtrArray) threads = care_message_threads_group (messages);

  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      if (g_strcmp0 (thread->topic, subject) == 0)
        return thread->messages->len;
    }
  return 0;
}

/* Spins until @done says so, or 30 s pass. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, deadline_cb, &timed_out);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (done (data));
}

static gboolean
loaded (gpointer data)
{
  return care_record_list_get_loaded (data);
}

typedef struct
{
  CareRecordList *list;
  CareRecord     *record;
  const char     *subject;
  guint           n;
} Waiting;

static gboolean
thread_has (gpointer data)
{
  Waiting *waiting = data;

  return count_in_thread (waiting->record, waiting->subject) >= waiting->n &&
         !care_record_get_syncing (waiting->record) && care_record_list_get_loaded (waiting->list) &&
         has_title (waiting->list, waiting->subject);
}

static gboolean
shows_calls (gpointer data)
{
  return care_record_list_get_loaded (data) && has_title (data, "Lab results call");
}

static void
test_send_and_reply (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  g_autoptr(GBytes) picture = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) text_file = g_bytes_new_static ("notes", 5);
  g_autoptr(GError) error = NULL;
  CareMessageCompose *compose;
  Waiting waiting = { CARE_RECORD_LIST (view), record, "A rash on my arm", 2 };

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  g_assert_true (has_title (CARE_RECORD_LIST (view), "Question about my A1c"));
  /* Calls are behind their filter. */
  g_assert_false (has_title (CARE_RECORD_LIST (view), "Lab results call"));

  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (compose)));
  g_assert_true (care_message_compose_set_recipient (compose, "Practitioner/okafor"));
  /* Dr. Adeyemi is on the team but takes no messages: not offered. */
  g_assert_false (care_message_compose_set_recipient (compose, "Practitioner/adeyemi"));

  /* Checked before anything is queued: a text file is refused, in words. */
  g_assert_false (care_message_compose_add_bytes (compose, "notes.txt", "text/plain", text_file, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (care_message_compose_add_bytes (compose, "rash.png", "image/png", picture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (care_message_compose_get_n_attachments (compose), ==, 1);

  /* An empty message is refused and the window keeps what was there. */
  care_message_compose_set_text (compose, "A rash on my arm", "");
  g_assert_false (care_message_compose_send (compose, &error));
  g_assert_nonnull (care_message_compose_get_error (compose));
  g_clear_error (&error);
  g_assert_cmpuint (care_message_compose_get_n_attachments (compose), ==, 1);

  care_message_compose_set_text (compose, NULL, "It itches since Monday. Here is a picture.");
  care_message_compose_send (compose, &error);
  g_assert_no_error (error);

  /* Sent through the outbox; the demo clinician answers; the sync brings
   * the answer into the conversation, shown first. */
  wait_until (thread_has, &waiting);
  {
    g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (CARE_RECORD_LIST (view));

    g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "A rash on my arm");
  }

  /* A reply in place joins the same conversation. */
  g_assert_true (care_messages_view_reply (CARE_MESSAGES_VIEW (view), "no-such-thread", "Hi", &error) == FALSE);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) messages = care_message_dup_all (care_record_get_cache (record));
    g_autoptr(GPtrArray) threads = care_message_threads_group (messages);
    CareMessageThread *thread = g_ptr_array_index (threads, 0);

    g_assert_cmpstr (thread->topic, ==, "A rash on my arm");
    care_messages_view_reply (CARE_MESSAGES_VIEW (view), thread->id, "Thank you, doctor.", &error);
    g_assert_no_error (error);
  }
  waiting.n = 4;
  wait_until (thread_has, &waiting);

  /* The calls filter shows the clinic's calls. */
  care_messages_view_set_show_calls (CARE_MESSAGES_VIEW (view), TRUE);
  wait_until (shows_calls, view);
  g_assert_false (has_title (CARE_RECORD_LIST (view), "Question about my A1c"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
renewed (gpointer data)
{
  Waiting *waiting = data;
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("MedicationRequest");
  g_autoptr(GListModel) requests = care_cache_query (care_record_get_cache (waiting->record), query, NULL);

  if (care_record_get_syncing (waiting->record))
    return FALSE;
  for (guint i = 0; requests != NULL && i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (requests, i);
      g_autoptr(JsonObject) request = care_resource_item_dup_resource (item, NULL);

      if (g_strcmp0 (care_fhir_get_string (care_fhir_get_object (request, "priorPrescription"), "reference"),
                     "MedicationRequest/adult-lisinopril") == 0)
        return TRUE;
    }
  return FALSE;
}

/* The first widget of @type under @widget. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget called @name under @widget. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
renewed_and_shown (gpointer data)
{
  Waiting *waiting = data;

  return renewed (data) && care_record_list_get_loaded (waiting->list);
}

static gboolean
only_title (gpointer data)
{
  Waiting *waiting = data;
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (waiting->list);

  return care_record_list_get_loaded (waiting->list) && titles->len == 1 &&
         g_str_equal (g_ptr_array_index (titles, 0), waiting->subject);
}

/* "Request a Renewal" offers the person's pharmacies to choose from (not
 * a field to type in); the one chosen is the one the renewal goes to, and
 * where the request stands shows on the prescription, in words, and in
 * its conversation. */
static void
test_renewal (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_medications_view_new (G_OBJECT (family.context));
  GtkWidget *messages = NULL;
  GtkWidget *dialog;
  GtkDropDown *choice;
  GListModel *names;
  g_autofree char *state = NULL;
  Waiting waiting = { CARE_RECORD_LIST (view), record, NULL, 0 };
  guint main_street = G_MAXUINT;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  dialog = care_medications_view_open_renewal (CARE_MEDICATIONS_VIEW (view), "adult-lisinopril");
  g_assert_nonnull (dialog);
  choice = GTK_DROP_DOWN (find_descendant (dialog, GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (choice);
  names = gtk_drop_down_get_model (choice);
  /* Theirs, then another one. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  for (guint i = 0; i < 2; i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Main Street Pharmacy · "))
      main_street = i;
  g_assert_cmpuint (main_street, <, 2);
  gtk_drop_down_set_selected (choice, main_street);
  g_assert_false (gtk_widget_get_visible (find_named (dialog, "renewal-pharmacy-name")));
  gtk_editable_set_text (GTK_EDITABLE (find_named (dialog, "renewal-comment")), "Two days left");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait_until (renewed_and_shown, &waiting);
  state = care_medications_view_dup_renewal_text (CARE_MEDICATIONS_VIEW (view), "adult-lisinopril");
  g_assert_nonnull (state);
  g_assert_true (g_str_has_prefix (state, "Renewed on "));
  g_assert_nonnull (strstr (state, "Main Street Pharmacy"));
  /* The row says it: a search finds the prescription by it. */
  waiting.subject = "Lisinopril 20 MG Oral Tablet";
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (CARE_RECORD_LIST (view))),
                         "sent to Main Street");
  wait_until (only_title, &waiting);

  /* So does its conversation, above its messages. */
  messages = care_messages_view_new (G_OBJECT (family.context));
  gtk_window_set_child (GTK_WINDOW (window), messages);
  waiting.list = CARE_RECORD_LIST (messages);
  waiting.subject = "Renewal: Lisinopril 20 MG Oral Tablet";
  wait_until (loaded, messages);
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (CARE_RECORD_LIST (messages))),
                         "sent to Main Street");
  wait_until (only_title, &waiting);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CareMedicationsView *view;
  const char          *request_id;
  const char          *pharmacy;
} Renewing;

static gboolean
renewed_at (gpointer data)
{
  Renewing *renewing = data;
  g_autofree char *state = care_medications_view_dup_renewal_text (renewing->view, renewing->request_id);

  return state != NULL && g_str_has_prefix (state, "Renewed on ") && strstr (state, renewing->pharmacy) != NULL;
}

/* A pharmacy none of the person's prescriptions names: "Another
 * Pharmacy…" and its name. The request names it, and the renewal goes
 * there. There was no such choice once the person had pharmacies. */
static void
test_renewal_other_pharmacy (void)
{
  GtkWidget *window;
  GtkWidget *view;
  Renewing renewing = { NULL, "adult-atorvastatin", "Corner Drugstore" };
  GtkWidget *dialog;
  GtkDropDown *choice;
  GListModel *names;
  GtkWidget *name;
  guint last;

  care_test_family_show (&family, "demo:adult");
  window = gtk_window_new ();
  view = care_medications_view_new (G_OBJECT (family.context));
  renewing.view = CARE_MEDICATIONS_VIEW (view);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  dialog = care_medications_view_open_renewal (CARE_MEDICATIONS_VIEW (view), renewing.request_id);
  choice = GTK_DROP_DOWN (find_descendant (dialog, GTK_TYPE_DROP_DOWN));
  names = gtk_drop_down_get_model (choice);
  last = g_list_model_get_n_items (names) - 1;
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), last), ==, "Another Pharmacy…");
  name = find_named (dialog, "renewal-pharmacy-name");
  g_assert_false (gtk_widget_get_visible (name));
  gtk_drop_down_set_selected (choice, last);
  g_assert_true (gtk_widget_get_visible (name));
  gtk_editable_set_text (GTK_EDITABLE (name), "  Corner Drugstore ");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait_until (renewed_at, &renewing);
  g_assert_true (renewed_at (&renewing));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The refused message with @text, if the outbox has one. */
static CareOutboxEntry *
find_refused (CareRecord *record,
              const char *text)
{
  CareOutbox *outbox = care_record_get_outbox (record);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (outbox)); i++)
    {
      g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (outbox), i);

      if (care_outbox_entry_get_state (entry) == CARE_OUTBOX_REFUSED &&
          strstr (care_outbox_entry_get_json (entry), text) != NULL)
        return entry;
    }
  return NULL;
}

static gboolean
refused_and_shown (gpointer data)
{
  Waiting *waiting = data;

  return find_refused (waiting->record, "Are my new glasses ready?") != NULL &&
         care_record_list_get_loaded (waiting->list) && only_title (data);
}

static gboolean
gone (gpointer data)
{
  Waiting *waiting = data;

  return find_refused (waiting->record, "Are my new glasses ready?") == NULL &&
         care_outbox_get_n_waiting (care_record_get_outbox (waiting->record)) == 0 &&
         care_record_list_get_loaded (waiting->list);
}

static gboolean
none_shown (gpointer data)
{
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (data);

  return care_record_list_get_loaded (data) && titles->len == 0;
}

static CareMessageCompose *
find_compose (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CARE_IS_MESSAGE_COMPOSE (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CARE_MESSAGE_COMPOSE (window);
    }
  return NULL;
}

static void
queue_refused (CareRecordList *list)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patient = care_record_list_dup_patient_reference (list);
  CareMessageFields fields = { 0 };

  /* Dr. Adeyemi is on the team but takes no messages: the portal says no. */
  fields.patient = patient;
  fields.recipient = "Practitioner/adeyemi";
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.subject = "Glasses";
  fields.text = "Are my new glasses ready?";
  fields.when = now;
  draft = care_message_draft_new (&fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_record_list_queue_draft (list, draft, &error));
  g_assert_no_error (error);
}

/* A message the portal refuses says so in its conversation, in words,
 * with the portal's reason, and offers Try Again, Edit (the words back in
 * the New Message window) and Discard. */
static void
test_refused_in_thread (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  CareRecordList *list = CARE_RECORD_LIST (view);
  Waiting waiting = { list, record, "Glasses", 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  CareMessageCompose *compose;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);

  queue_refused (list);
  /* The reason is on screen: a search for the portal's words finds it. */
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (list)), "does not take messages");
  wait_until (refused_and_shown, &waiting);
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (list)), "Not sent: the health system");
  wait_until (refused_and_shown, &waiting);
  id = g_strdup (care_outbox_entry_get_id (find_refused (record, "Are my new glasses ready?")));

  /* Try Again sends it again; the same rule refuses it again. */
  g_assert_true (care_messages_view_retry (CARE_MESSAGES_VIEW (view), id, &error));
  g_assert_no_error (error);
  wait_until (refused_and_shown, &waiting);

  /* Edit: the words are back in a New Message window, the refused copy gone. */
  g_assert_true (care_messages_view_edit (CARE_MESSAGES_VIEW (view), id, &error));
  g_assert_no_error (error);
  compose = find_compose ();
  g_assert_nonnull (compose);
  text = care_message_compose_dup_text (compose);
  g_assert_cmpstr (text, ==, "Are my new glasses ready?");
  gtk_window_destroy (GTK_WINDOW (compose));
  wait_until (gone, &waiting);
  g_assert_false (care_messages_view_retry (CARE_MESSAGES_VIEW (view), id, &error));
  g_clear_error (&error);

  /* Discard: gone from the outbox and from the list. */
  queue_refused (list);
  wait_until (refused_and_shown, &waiting);
  g_clear_pointer (&id, g_free);
  id = g_strdup (care_outbox_entry_get_id (find_refused (record, "Are my new glasses ready?")));
  g_assert_true (care_messages_view_discard (CARE_MESSAGES_VIEW (view), id, &error));
  g_assert_no_error (error);
  wait_until (gone, &waiting);
  wait_until (none_shown, list);
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (list)), "");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CareUnreadBadge *badge;
  CareRecord      *record;
  guint            count;
} Counting;

static gboolean
badge_shows (gpointer data)
{
  Counting *counting = data;

  return !care_record_get_syncing (counting->record) &&
         care_unread_badge_get_count (counting->badge) == counting->count &&
         gtk_widget_get_visible (GTK_WIDGET (counting->badge)) == (counting->count > 0);
}

/* The sidebar's badge beside Messages counts the person on screen's unread
 * messages: down when a conversation is opened, up when a sync brings an
 * answer, and another person's count when they are on screen. */
static void
test_unread_badge (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *badge = g_object_ref_sink (care_unread_badge_new (family.context));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  Counting counting = { CARE_UNREAD_BADGE (badge), record, 0 };
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  counting.count = care_message_count_unread (care_record_get_cache (record));
  wait_until (badge_shows, &counting);

  /* A sync brings the care team's answer: one more unread. */
  messages = care_message_dup_all_read (care_record_get_cache (record));
  threads = care_message_threads_group (messages);
  g_assert_true (care_messages_view_reply (CARE_MESSAGES_VIEW (view),
                                           ((CareMessageThread *)g_ptr_array_index (threads, 0))->id,
                                           "One more question, doctor.", &error));
  g_assert_no_error (error);
  counting.count++;
  wait_until (badge_shows, &counting);
  g_assert_cmpuint (counting.count, >, 0);

  /* Read: every conversation with news opened. */
  g_clear_pointer (&threads, g_ptr_array_unref);
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = care_message_dup_all_read (care_record_get_cache (record));
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len; i++)
    if (care_message_thread_count_unread (g_ptr_array_index (threads, i)) > 0)
      care_messages_view_mark_read (CARE_MESSAGES_VIEW (view), ((CareMessageThread *)g_ptr_array_index (threads, i))->id);
  counting.count = 0;
  wait_until (badge_shows, &counting);

  /* Someone else on screen: their own count. */
  counting.record = care_test_family_show (&family, "demo:elder");
  counting.count = care_message_count_unread (care_record_get_cache (counting.record));
  wait_until (badge_shows, &counting);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (badge);
}

static gboolean
is_wide (gpointer data)
{
  return gtk_widget_get_width (data) >= CARE_MESSAGES_VIEW_NARROW;
}

static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_width (data) < CARE_MESSAGES_VIEW_NARROW;
}

/* "A window on the desktop, a full page at 360 px": in a narrow window
 * New Message is a page of the window, not a window of its own; Back
 * leaves it and keeps the draft, which the next one brings back. */
static void
test_compose_page (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  CareMessageCompose *compose;
  g_autofree char *text = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  wait_until (has_width, window);

  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_object_add_weak_pointer (G_OBJECT (compose), (gpointer *)&compose);
  g_assert_true (care_message_compose_is_page (compose));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (compose)));
  g_assert_true (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), CARE_TYPE_MESSAGES_VIEW) == view);
  care_message_compose_set_text (compose, "Knee", "My knee still hurts on the stairs.");
  care_message_compose_save_draft (compose);

  /* The window's Back leaves the page first; the compose is gone. */
  g_assert_true (care_section_page_go_back (CARE_SECTION_PAGE (view)));
  g_assert_null (compose);
  g_assert_false (care_section_page_go_back (CARE_SECTION_PAGE (view)));

  /* The next New Message brings the draft back, as a page again. */
  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_object_add_weak_pointer (G_OBJECT (compose), (gpointer *)&compose);
  g_assert_true (care_message_compose_is_page (compose));
  text = care_message_compose_dup_text (compose);
  g_assert_cmpstr (text, ==, "My knee still hurts on the stairs.");
  care_message_compose_close (compose);
  g_assert_null (compose);

  /* Wide, it is a window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  gtk_widget_set_size_request (window, 900, -1);
  wait_until (is_wide, window);
  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_object_add_weak_pointer (G_OBJECT (compose), (gpointer *)&compose);
  g_assert_false (care_message_compose_is_page (compose));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (compose)));
  care_message_compose_close (compose);
  /* Leave no draft for the tests that follow. */
  care_message_saved_clear (care_record_get_cache (record), CARE_MESSAGE_SAVED_COMPOSE, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 360 px, a conversation chosen while New Message is open as a page
 * (from a notification, or Home's news) is the page shown, open: it used
 * to open behind New Message, out of sight. The draft is kept. */
static void
test_open_over_compose_page (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  CareMessageCompose *compose;
  GtkWidget *focus;
  const char *id = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  wait_until (has_width, window);
  messages = care_message_dup_all_read (care_record_get_cache (record));
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len && id == NULL; i++)
    if (!care_message_thread_is_call (g_ptr_array_index (threads, i)))
      id = ((CareMessageThread *)g_ptr_array_index (threads, i))->id;
  g_assert_nonnull (id);

  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_object_add_weak_pointer (G_OBJECT (compose), (gpointer *)&compose);
  g_assert_true (care_message_compose_is_page (compose));
  care_message_compose_set_text (compose, "Knee", "Half a thought");

  care_messages_view_open_message (CARE_MESSAGES_VIEW (view), id);
  g_assert_null (compose);
  g_assert_true (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), id));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, view) || focus == view);
  g_assert_true (gtk_widget_get_mapped (focus));

  /* Leave no draft for the tests that follow. */
  care_message_saved_clear (care_record_get_cache (record), CARE_MESSAGE_SAVED_COMPOSE, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
populated_cb (CareRecordView *view,
              guint          *count)
{
  (*count)++;
}

static gboolean
populated_again (gpointer data)
{
  return *(guint *)data > 0;
}

/* A conversation that is open stays open when the list is built again
 * (a sync, the read mark sent): it used to fold shut under the reader. */
static void
test_stays_open (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  guint populated = 0;
  const char *id = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  messages = care_message_dup_all_read (care_record_get_cache (record));
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len; i++)
    if (!care_message_thread_is_call (g_ptr_array_index (threads, i)))
      {
        id = ((CareMessageThread *)g_ptr_array_index (threads, i))->id;
        break;
      }
  care_messages_view_open_message (CARE_MESSAGES_VIEW (view), id);
  g_assert_true (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), id));

  g_signal_connect (view, "populated", G_CALLBACK (populated_cb), &populated);
  care_record_changed (record);
  wait_until (populated_again, &populated);
  g_assert_true (care_messages_view_get_expanded (CARE_MESSAGES_VIEW (view), id));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_teen_cannot_write (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:teen");
  g_autofree char *reason = NULL;

  /* The parent sees part of Lucía's record: no writing for her. */
  g_assert_false (care_message_can_write (care_record_get_person (record), &reason));
  g_assert_nonnull (strstr (reason, "You can’t send messages for"));
  record = care_test_family_show (&family, "demo:child");
  g_assert_true (care_message_can_write (care_record_get_person (record), NULL));
}

/* Waiting Communications whose subject is @subject. */
static guint
count_waiting (CareRecord *record,
               const char *subject)
{
  CareOutbox *outbox = care_record_get_outbox (record);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (outbox)); i++)
    {
      g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (outbox), i);

      if (care_outbox_entry_get_state (entry) == CARE_OUTBOX_PENDING &&
          g_strcmp0 (care_outbox_entry_get_resource_type (entry), "Communication") == 0 &&
          strstr (care_outbox_entry_get_json (entry), subject) != NULL)
        n++;
    }
  return n;
}

static gboolean
only_knee (gpointer data)
{
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (data);

  return titles->len == 1 && g_str_equal (g_ptr_array_index (titles, 0), "Taken back");
}

/* A draft is kept as it is typed and comes back in the next compose
 * window; "Sent to your care team" offers Undo while the message has not
 * left, and Undo brings it back with its attachment; once the toast goes,
 * it is sent, once. */
static void
test_draft_and_undo (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  CareRecordList *list = CARE_RECORD_LIST (view);
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4 };
  g_autoptr(GBytes) picture = g_bytes_new_static (png, sizeof png);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CareMessageCompose *compose;
  Waiting waiting = { list, record, "Taken back", 2 };

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);

  /* Written, then the window closed without sending: kept. */
  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_assert_true (care_message_compose_set_recipient (compose, "Practitioner/okafor"));
  care_message_compose_set_text (compose, "Taken back", "My knee hurts when I climb stairs.");
  gtk_window_destroy (GTK_WINDOW (compose));
  {
    g_autoptr(CareMessageSaved) saved = care_message_saved_load (care_record_get_cache (record),
                                                                 CARE_MESSAGE_SAVED_COMPOSE);

    g_assert_nonnull (saved);
    g_assert_cmpstr (saved->subject, ==, "Taken back");
    g_assert_cmpstr (saved->recipient, ==, "Practitioner/okafor");
  }
  compose = care_messages_view_compose (CARE_MESSAGES_VIEW (view), CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  text = care_message_compose_dup_text (compose);
  g_assert_cmpstr (text, ==, "My knee hurts when I climb stairs.");
  g_clear_pointer (&text, g_free);

  /* Sent: held while the toast offers Undo. */
  g_assert_true (care_message_compose_add_bytes (compose, "knee.png", "image/png", picture, &error));
  g_assert_true (care_message_compose_send (compose, &error));
  g_assert_no_error (error);
  g_assert_null (care_message_saved_load (care_record_get_cache (record), CARE_MESSAGE_SAVED_COMPOSE));
  g_assert_true (care_message_undo_is_pending (list));
  g_assert_cmpuint (count_waiting (record, "Taken back"), ==, 1);

  /* Undo: nothing waits any more, and the words and the picture are back. */
  compose = care_message_undo_now (list);
  g_assert_nonnull (compose);
  g_assert_false (care_message_undo_is_pending (list));
  g_assert_cmpuint (count_waiting (record, "Taken back"), ==, 0);
  g_assert_cmpuint (care_outbox_get_n_waiting (care_record_get_outbox (record)), ==, 0);
  text = care_message_compose_dup_text (compose);
  g_assert_cmpstr (text, ==, "My knee hurts when I climb stairs.");
  g_assert_cmpuint (care_message_compose_get_n_attachments (compose), ==, 1);

  /* Sent again, and let go: it leaves once, and the answer comes. */
  g_assert_true (care_message_compose_send (compose, &error));
  g_assert_no_error (error);
  care_message_undo_send_now (list);
  g_assert_null (care_message_undo_now (list));
  wait_until (thread_has, &waiting);
  g_assert_cmpuint (count_in_thread (record, "Taken back"), ==, 2);

  /* A search finds a conversation by the name of its attachment. */
  gtk_editable_set_text (GTK_EDITABLE (care_record_list_get_search_entry (list)), "knee.png");
  wait_until (only_knee, list);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
no_unread (gpointer data)
{
  Waiting *waiting = data;

  return care_message_count_unread (care_record_get_cache (waiting->record)) == 0 &&
         care_outbox_get_n_waiting (care_record_get_outbox (waiting->record)) == 0 &&
         care_record_list_get_loaded (waiting->list);
}

static CarePersonRow *
find_person_row (GtkWidget  *switcher,
                 const char *id)
{
  GtkListBox *rows = care_person_switcher_get_list (CARE_PERSON_SWITCHER (switcher));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (rows)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CARE_IS_PERSON_ROW (row) &&
        g_str_equal (care_person_get_id (care_person_row_get_person (CARE_PERSON_ROW (row))), id))
      return CARE_PERSON_ROW (row);
  return NULL;
}

/* Unread messages are counted per person in the switcher; opening a
 * conversation (as a notification does) marks it read, here and on the
 * portal, and the counts go down. */
static void
test_mark_read_on_open (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher = care_person_switcher_new (family.context);
  GtkWidget *view = care_messages_view_new (G_OBJECT (family.context));
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  Waiting waiting = { CARE_RECORD_LIST (view), record, NULL, 0 };
  guint unread = care_message_count_unread (care_record_get_cache (record));
  g_autofree char *opened_id = NULL;

  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (loaded, view);
  g_assert_cmpuint (unread, >, 0);
  care_person_switcher_update_unread (CARE_PERSON_SWITCHER (switcher));
  g_assert_nonnull (find_person_row (switcher, "demo:adult"));
  g_assert_cmpuint (care_person_row_get_unread (find_person_row (switcher, "demo:adult")), ==, unread);

  /* Open every conversation with news, as a notification would. */
  messages = care_message_dup_all_read (care_record_get_cache (record));
  threads = care_message_threads_group (messages);
  for (guint i = 0; i < threads->len; i++)
    {
      CareMessageThread *thread = g_ptr_array_index (threads, i);

      if (care_message_thread_count_unread (thread) == 0)
        continue;
      wait_until (loaded, view);
      care_messages_view_open_message (CARE_MESSAGES_VIEW (view), thread->id);
      if (opened_id == NULL)
        opened_id = g_strdup (care_fhir_get_string (care_message_thread_get_last_from_care_team (thread), "id"));
    }
  wait_until (no_unread, &waiting);
  care_person_switcher_update_unread (CARE_PERSON_SWITCHER (switcher));
  g_assert_cmpuint (care_person_row_get_unread (find_person_row (switcher, "demo:adult")), ==, 0);

  /* The portal has the read mark too. */
  {
    g_autoptr(JsonObject) stored = care_sandbox_store_get (care_sandbox_get_store (family.sandbox),
                                                           "Communication", opened_id);

    g_assert_nonnull (stored);
    g_assert_nonnull (care_fhir_get_string (stored, "received"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  care_test_family_setup (&family);
  care_sandbox_set_reply_after (family.sandbox, 0);

  g_test_add_func ("/care/ui/messages/send-and-reply", test_send_and_reply);
  g_test_add_func ("/care/ui/messages/draft-and-undo", test_draft_and_undo);
  g_test_add_func ("/care/ui/messages/mark-read-on-open", test_mark_read_on_open);
  g_test_add_func ("/care/ui/messages/renewal", test_renewal);
  g_test_add_func ("/care/ui/messages/renewal-other-pharmacy", test_renewal_other_pharmacy);
  g_test_add_func ("/care/ui/messages/refused-in-thread", test_refused_in_thread);
  g_test_add_func ("/care/ui/messages/unread-badge", test_unread_badge);
  g_test_add_func ("/care/ui/messages/compose-page", test_compose_page);
  g_test_add_func ("/care/ui/messages/open-over-compose-page", test_open_over_compose_page);
  g_test_add_func ("/care/ui/messages/stays-open", test_stays_open);
  g_test_add_func ("/care/ui/messages/teen-cannot-write", test_teen_cannot_write);

  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
