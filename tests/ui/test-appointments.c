/* test-appointments.c — booking, managing and checking in for visits in the app
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, on the demo family: "Schedule an Appointment" pressed and
 * followed as a user does (what for, with whom, a time, review, book),
 * the booked visit in the Appointments list after a sync, then "Cancel
 * Appointment" with a reason, sent through the outbox; a time taken
 * meanwhile, with the nearest others shown; "You're offline"; a star that
 * keeps a clinician first; eCheck-in through every step, closed and opened
 * again half-way; the wait list's offer, its notification's news and a
 * late accept refused politely; Home's "Join Video Visit" window and
 * upcoming tests.
 */
#include "config.h"

#include <adwaita.h>

#include "care-appointment.h"
#include "care-appointments-view.h"
#include "care-check-in-window.h"
#include "care-clinician-order.h"
#include "care-fhir.h"
#include "care-home-appointments.h"
#include "care-questionnaire-renderer.h"
#include "care-record-list.h"
#include "care-resource-item.h"
#include "care-sandbox-store.h"
#include "care-schedule-dialog.h"
#include "care-sync-news.h"

#include "care-test-family.h"

static CareTestFamily family;

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until @done (checked each turn) or 30 seconds. */
#define SPIN_UNTIL(cond) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint id_ = g_timeout_add_seconds (30, deadline_cb, &timed_out_); \
    while (!timed_out_ && !(cond)) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (id_); \
    g_assert_true (cond); \
  } G_STMT_END

typedef struct
{
  gboolean        done;
  CareSyncReport *report;
} Synced;

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Synced *synced = user_data;

  synced->report = care_record_sync_finish (CARE_RECORD (source), result, NULL);
  synced->done = TRUE;
}

static CareSyncReport *
sync_record (CareRecord *record)
{
  Synced synced = { FALSE, NULL };

  care_record_sync_async (record, CARE_SYNC_DEFAULT, NULL, synced_cb, &synced);
  SPIN_UNTIL (synced.done);
  return synced.report;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Sent;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;

  care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, &sent->error);
  sent->done = TRUE;
}

/* Sends what waits; a send the app started is waited for, then again. */
static void
send_outbox (CareOutbox *outbox)
{
  for (guint i = 0; i < 100; i++)
    {
      Sent sent = { FALSE, NULL };
      gboolean pending;

      care_outbox_send_async (outbox, NULL, sent_cb, &sent);
      SPIN_UNTIL (sent.done);
      pending = g_error_matches (sent.error, G_IO_ERROR, G_IO_ERROR_PENDING);
      g_clear_error (&sent.error);
      if (!pending && care_outbox_get_n_waiting (outbox) == 0)
        return;
      g_usleep (50000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (care_outbox_get_n_waiting (outbox), ==, 0);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

typedef gboolean (*Match) (GtkWidget *widget, const char *text);

static GtkWidget *
find_widget (GtkWidget  *root,
             Match       match,
             const char *text)
{
  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *text)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

static gboolean
is_time_button (GtkWidget  *widget,
                const char *text)
{
  return GTK_IS_BUTTON (widget) && GTK_IS_FLOW_BOX_CHILD (gtk_widget_get_parent (widget)) &&
         gtk_widget_get_mapped (widget);
}

static gboolean
is_named (GtkWidget  *widget,
          const char *text)
{
  return g_strcmp0 (gtk_widget_get_name (widget), text) == 0;
}

static void
press (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
activate_row (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, title);

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  gtk_widget_activate (row);
}

/* The test window: an app window's "win.toast", which views use to speak. */
static char *last_toast;

static void
toast_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  g_free (last_toast);
  last_toast = g_variant_dup_string (parameter, NULL);
}

static GtkWidget *
new_window (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);

  g_signal_connect (toast, "activate", G_CALLBACK (toast_cb), NULL);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (toast));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (actions));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Presses "Schedule an Appointment" and follows the steps to the review
 * page: a follow-up visit with Dr. Okafor, at the first time shown. */
static CareScheduleDialog *
schedule_to_review (GtkWidget *view)
{
  CareScheduleDialog *dialog;

  press (find_widget (view, is_button_labelled, "_Schedule an Appointment"));
  dialog = CARE_SCHEDULE_DIALOG (find_toplevel (CARE_TYPE_SCHEDULE_DIALOG));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_cmpstr (care_schedule_dialog_get_page (dialog), ==, "type");
  SPIN_UNTIL (care_schedule_dialog_get_loaded (dialog));
  /* A teen's confidential visit is not offered to an adult. */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, "Annual physical"));
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_row_titled, "Confidential visit"));
  activate_row (GTK_WIDGET (dialog), "Follow-up visit");
  SPIN_UNTIL (g_strcmp0 (care_schedule_dialog_get_page (dialog), "who") == 0);
  activate_row (GTK_WIDGET (dialog), "Dr. Adaeze Okafor");
  g_assert_cmpstr (care_schedule_dialog_get_page (dialog), ==, "when");
  SPIN_UNTIL (find_widget (GTK_WIDGET (dialog), is_time_button, NULL) != NULL);
  press (find_widget (GTK_WIDGET (dialog), is_time_button, NULL));
  g_assert_cmpstr (care_schedule_dialog_get_page (dialog), ==, "review");
  return dialog;
}

static void
test_book_and_cancel (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  CareOutbox *outbox = care_record_get_outbox (record);
  GtkWidget *view = care_appointments_view_new (G_OBJECT (family.context));
  GtkWidget *window = new_window (view);
  g_autoptr(CareScheduleDialog) dialog = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(CareSyncReport) again = NULL;
  g_autofree char *id = NULL;
  g_autofree char *with = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  AdwMessageDialog *confirm;

  SPIN_UNTIL (care_record_list_get_loaded (CARE_RECORD_LIST (view)));

  /* Schedule, what for, with whom, when, review, book. */
  dialog = schedule_to_review (view);
  g_free (care_appointment_dup_actor (care_schedule_dialog_get_chosen (dialog), "Practitioner", &with));
  g_assert_cmpstr (with, ==, "Practitioner/okafor");
  press (find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Book Appointment"));
  SPIN_UNTIL (care_schedule_dialog_get_booked (dialog) != NULL);
  g_assert_null (care_schedule_dialog_get_message (dialog));
  g_assert_cmpstr (last_toast, ==, "Your appointment is booked");
  id = g_strdup (care_fhir_get_string (care_schedule_dialog_get_booked (dialog), "id"));

  /* After the sync, it is listed. */
  report = sync_record (record);
  SPIN_UNTIL (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), id) != NULL);

  /* Cancel it from its menu, with a reason. */
  g_assert_true (gtk_widget_activate_action (view, "appointments.cancel", "s", id));
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (confirm)), "Feeling better");
  adw_message_dialog_response (confirm, "cancel-visit");
  g_assert_cmpuint (care_outbox_get_n_waiting (outbox), ==, 1);
  send_outbox (outbox);
  again = sync_record (record);
  cancelled = care_cache_lookup (care_record_get_cache (record), "Appointment", id, NULL);
  g_assert_nonnull (cancelled);
  g_assert_cmpstr (care_fhir_get_string (cancelled, "status"), ==, "cancelled");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A time someone else took between the search and "Book": the dialog
 * says so in the clinic's words and shows the nearest other times. */
static void
test_taken_meanwhile (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *view = care_appointments_view_new (G_OBJECT (family.context));
  GtkWidget *window = new_window (view);
  g_autoptr(CareScheduleDialog) dialog = NULL;
  CareSandboxStore *store = care_sandbox_get_store (family.sandbox);
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *slot_id = NULL;
  guint n_times = 0;

  SPIN_UNTIL (care_record_list_get_loaded (CARE_RECORD_LIST (view)));
  dialog = schedule_to_review (view);
  slot_id = g_strdup (care_appointment_get_slot_id (care_schedule_dialog_get_chosen (dialog)));
  slot = care_sandbox_store_get (store, "Slot", slot_id);
  json_object_set_string_member (slot, "status", "busy");
  stored = care_sandbox_store_put (store, slot, NULL);
  g_assert_nonnull (stored);

  press (find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Book Appointment"));
  SPIN_UNTIL (care_schedule_dialog_get_message (dialog) != NULL);
  g_assert_nonnull (strstr (care_schedule_dialog_get_message (dialog), "just took"));
  g_assert_null (care_schedule_dialog_get_booked (dialog));
  g_assert_cmpstr (care_schedule_dialog_get_page (dialog), ==, "when");
  /* The search again: the taken time is gone, the others are there. */
  SPIN_UNTIL (!care_schedule_dialog_offers_slot (dialog, slot_id, &n_times) && n_times > 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_time_button, NULL));
  g_assert_nonnull (care_record_get_cache (record));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Offline, the dialog says so on a page of its own, and shows no times. */
static void
test_offline (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  /* An outbox with no way to the portal, as when the network is down. */
  g_autoptr(CareOutbox) offline = care_outbox_new (care_record_get_cache (record), NULL);
  g_autoptr(CareScheduleDialog) dialog = g_object_ref (care_schedule_dialog_new (NULL, offline, NULL));

  gtk_window_present (GTK_WINDOW (dialog));
  SPIN_UNTIL (care_schedule_dialog_get_offline (dialog));
  g_assert_false (care_schedule_dialog_get_loaded (dialog));
  /* Trying again while still offline stays on that page. */
  press (find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Try Again"));
  SPIN_UNTIL (care_schedule_dialog_get_offline (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
first_clinician_is (CareScheduleDialog *dialog,
                    const char         *reference)
{
  g_auto(GStrv) clinicians = care_schedule_dialog_dup_clinicians (dialog);

  return clinicians[0] != NULL && g_str_equal (clinicians[0], reference);
}

/* A star keeps a clinician first in "With whom?"; without one, those of
 * past visits come before the others. */
static void
test_favourites (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  CareCache *cache = care_record_get_cache (record);
  g_autoptr(CareScheduleDialog) dialog = g_object_ref (care_schedule_dialog_new (NULL, care_record_get_outbox (record),
                                                                                 NULL));
  g_auto(GStrv) before = NULL;
  GtkWidget *star;

  care_schedule_dialog_set_cache (dialog, cache);
  gtk_window_present (GTK_WINDOW (dialog));
  SPIN_UNTIL (care_schedule_dialog_get_loaded (dialog));
  care_schedule_dialog_choose_type (dialog, "follow-up");
  SPIN_UNTIL (g_strcmp0 (care_schedule_dialog_get_page (dialog), "who") == 0);
  before = care_schedule_dialog_dup_clinicians (dialog);
  g_assert_cmpuint (g_strv_length (before), ==, 3);
  /* Seen before: Dr. Okafor and Dr. Adeyemi; never: Paula Moreno. */
  g_assert_cmpstr (before[2], ==, "Practitioner/moreno");

  star = NULL;
  {
    GtkWidget *row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Paula Moreno, NP");
    GtkWidget *stack[64];
    guint n = 0;

    stack[n++] = row;
    while (n > 0 && star == NULL)
      {
        GtkWidget *w = stack[--n];

        if (GTK_IS_TOGGLE_BUTTON (w))
          star = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < G_N_ELEMENTS (stack);
             c = gtk_widget_get_next_sibling (c))
          stack[n++] = c;
      }
  }
  g_assert_nonnull (star);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
  SPIN_UNTIL (first_clinician_is (dialog, "Practitioner/moreno"));
  g_assert_true (care_clinician_is_favourite (cache, "Practitioner/moreno"));

  /* Kept for the next time. */
  g_assert_cmpint (care_clinician_rank (cache, "Practitioner/moreno"), ==, CARE_CLINICIAN_FAVOURITE);
  g_assert_true (care_clinician_set_favourite (cache, "Practitioner/moreno", FALSE, NULL));
  g_assert_cmpint (care_clinician_rank (cache, "Practitioner/moreno"), ==, CARE_CLINICIAN_OTHER);
  g_assert_cmpint (care_clinician_rank (cache, "Practitioner/okafor"), ==, CARE_CLINICIAN_SEEN);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
answer (CareCheckInWindow *window,
        const char        *link_id,
        const char        *text)
{
  CareQuestionnaireRenderer *renderer = CARE_QUESTIONNAIRE_RENDERER (care_check_in_window_get_renderer (window));
  CareQuestionnaireForm *form = care_questionnaire_renderer_get_form (renderer);
  const char *texts[] = { text, NULL };

  g_assert_true (care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, link_id), texts, NULL));
}

/* eCheck-in: every step of the annual physical, the window closed and
 * opened again half-way (what was done, and the answers typed, are kept),
 * "Checked In" at the end, and the portal's "checked-in" after the send. */
static void
test_check_in (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  CareCheckInWindow *window = care_check_in_window_new (NULL, record, "appt-adult-physical");
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(JsonObject) after = NULL;
  guint needed = 0;

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (care_check_in_window_get_done (window, &needed), ==, 0);
  g_assert_cmpuint (needed, ==, (1u << CARE_CHECK_IN_N_STEPS) - 1);
  g_assert_nonnull (strstr (care_check_in_window_get_status (window), "0 of 6 steps done"));

  /* Personal details: what the record says, then "These Are Right". */
  activate_row (GTK_WIDGET (window), "Confirm your personal details");
  g_assert_cmpstr (care_check_in_window_get_page (window), ==, "step");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_row_titled, "Date of birth"));
  press (find_widget (GTK_WIDGET (window), is_button_labelled, "_These Are Right"));
  g_assert_cmpstr (care_check_in_window_get_page (window), ==, "steps");
  g_assert_cmpuint (care_check_in_window_get_done (window, NULL), ==, 1u << CARE_CHECK_IN_DETAILS);

  /* The questions: one answered, then the window is closed. */
  activate_row (GTK_WIDGET (window), "Answer the visit’s questions");
  g_assert_nonnull (care_check_in_window_get_renderer (window));
  g_assert_false (care_check_in_window_confirm (window));
  answer (window, "smoker", "no");
  gtk_window_destroy (GTK_WINDOW (window));

  /* Opened again: the step done is still done, the answer still there. */
  window = care_check_in_window_new (NULL, record, "appt-adult-physical");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (care_check_in_window_get_done (window, NULL), ==, 1u << CARE_CHECK_IN_DETAILS);
  care_check_in_window_open_step (window, CARE_CHECK_IN_QUESTIONNAIRE);
  {
    CareQuestionnaireRenderer *renderer = CARE_QUESTIONNAIRE_RENDERER (care_check_in_window_get_renderer (window));
    CareQuestionnaireNode *smoker = care_questionnaire_form_find (care_questionnaire_renderer_get_form (renderer),
                                                                  "smoker");

    g_assert_cmpuint (smoker->answers->len, ==, 1);
  }
  answer (window, "alcohol", "never");
  answer (window, "surgeries", "no");
  press (find_widget (GTK_WIDGET (window), is_button_labelled, "_Send Answers"));
  g_assert_cmpstr (care_check_in_window_get_page (window), ==, "steps");

  activate_row (GTK_WIDGET (window), "Confirm your insurance");
  press (find_widget (GTK_WIDGET (window), is_button_labelled, "_This Is Right"));
  activate_row (GTK_WIDGET (window), "Review your medicines");
  press (find_widget (GTK_WIDGET (window), is_button_labelled, "_I Reviewed My Medicines"));
  activate_row (GTK_WIDGET (window), "Review your allergies");
  press (find_widget (GTK_WIDGET (window), is_button_labelled, "_I Reviewed My Allergies"));
  /* The copay: no payment in Carebook yet, said plainly. */
  activate_row (GTK_WIDGET (window), "Pay your copay");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_row_titled, "Due for this visit"));
  press (find_widget (GTK_WIDGET (window), is_button_labelled, "I’ll _Pay at the Clinic"));
  g_assert_cmpuint (care_check_in_window_get_done (window, NULL), ==, needed);
  g_assert_true (g_str_has_prefix (care_check_in_window_get_status (window), "You are checked in"));

  /* Sent, the portal checks the visit in. */
  send_outbox (care_record_get_outbox (record));
  report = sync_record (record);
  after = care_cache_lookup (care_record_get_cache (record), "Appointment", "appt-adult-physical", NULL);
  g_assert_cmpstr (care_fhir_get_string (after, "status"), ==, "checked-in");
  gtk_window_destroy (GTK_WINDOW (window));
}

static JsonObject *
find_offer (CareCache *cache)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Appointment");
  g_autoptr(GListModel) all = care_cache_query (cache, query, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (all, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (care_appointment_is_offer (resource))
        return g_steal_pointer (&resource);
    }
  return NULL;
}

/* The wait list: joined from the visit's menu, an earlier time offered
 * (news of its own, which the notification is made of), shown with Accept
 * and Decline; accepted too late, the portal's polite refusal is said. */
static void
test_wait_list_offer (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  CareOutbox *outbox = care_record_get_outbox (record);
  GtkWidget *view = care_appointments_view_new (G_OBJECT (family.context));
  GtkWidget *window = new_window (view);
  g_autoptr(CareScheduleDialog) dialog = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(CareSyncReport) offered = NULL;
  g_autoptr(CareSyncReport) after = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(JsonObject) offer = NULL;
  g_autoptr(JsonObject) still = NULL;
  g_autofree char *id = NULL;
  const char *offer_id;
  gboolean told = FALSE;

  SPIN_UNTIL (care_record_list_get_loaded (CARE_RECORD_LIST (view)));
  /* A visit late in the open weeks, so an earlier time can open up. */
  dialog = g_object_ref (care_schedule_dialog_new (GTK_WINDOW (window), outbox, NULL));
  SPIN_UNTIL (care_schedule_dialog_get_loaded (dialog));
  care_schedule_dialog_choose_type (dialog, "follow-up");
  SPIN_UNTIL (g_strcmp0 (care_schedule_dialog_get_page (dialog), "who") == 0);
  {
    guint n = 0;

    care_schedule_dialog_offers_slot (dialog, "", &n);
    care_schedule_dialog_choose_time (dialog, n - 1);
  }
  care_schedule_dialog_book (dialog);
  SPIN_UNTIL (care_schedule_dialog_get_booked (dialog) != NULL);
  id = g_strdup (care_fhir_get_string (care_schedule_dialog_get_booked (dialog), "id"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  report = sync_record (record);
  SPIN_UNTIL (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), id) != NULL);

  g_assert_true (gtk_widget_activate_action (view, "appointments.wait-list", "s", id));
  send_outbox (outbox);
  /* A sync the app started after the send ends before the offer opens. */
  SPIN_UNTIL (!care_record_get_syncing (record));
  g_assert_cmpuint (care_sandbox_open_wait_list_offers (family.sandbox), >=, 1);
  /* A sync the app had started may have begun before the offer: sync
   * until one brings it. */
  for (guint i = 0; i < 5 && offer == NULL; i++)
    {
      g_clear_pointer (&offered, care_sync_report_free);
      offered = sync_record (record);
      offer = find_offer (care_record_get_cache (record));
    }
  g_assert_nonnull (offer);
  offer_id = care_fhir_get_string (offer, "id");

  /* The notification's news: the offer, to open. */
  news = care_sync_news_compute (offered, care_record_get_cache (record), "adult");
  for (guint i = 0; i < news->len; i++)
    {
      CareSyncNews *item = g_ptr_array_index (news, i);

      if (item->kind == CARE_SYNC_NEWS_OFFERS && g_strcmp0 (item->id, offer_id) == 0)
        told = TRUE;
    }
  g_assert_true (told);

  /* Listed with Accept and Decline. */
  SPIN_UNTIL (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), offer_id) != NULL);
  g_assert_nonnull (find_widget (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), offer_id),
                                 is_button_labelled, "_Accept"));
  g_assert_nonnull (find_widget (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), offer_id),
                                 is_button_labelled, "_Decline"));

  /* Too late: the offer has lapsed; the visit stays as it was. */
  care_sandbox_advance_clock (family.sandbox, 31 * 60);
  g_clear_pointer (&last_toast, g_free);
  press (find_widget (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), offer_id),
                      is_button_labelled, "_Accept"));
  SPIN_UNTIL (last_toast != NULL);
  g_assert_nonnull (strstr (last_toast, "Sorry"));
  after = sync_record (record);
  still = care_cache_lookup (care_record_get_cache (record), "Appointment", id, NULL);
  g_assert_cmpstr (care_fhir_get_string (still, "status"), ==, "booked");
  care_sandbox_advance_clock (family.sandbox, -31 * 60);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Home: "Join Video Visit" beside the next visit from 30 minutes before a
 * video visit until its end, and the upcoming tests. */
static void
test_home (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  CareCache *cache = care_record_get_cache (record);
  g_autoptr(JsonObject) video = care_cache_lookup (cache, "Appointment", "appt-adult-video", NULL);
  g_autoptr(GDateTime) start = care_appointment_dup_start (video);
  g_autoptr(GDateTime) local = g_date_time_to_local (start);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_add_minutes (start, -31);
  g_autoptr(GDateTime) opens = g_date_time_add_minutes (start, -30);
  g_autoptr(GDateTime) over = g_date_time_add_minutes (start, 20);
  GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
  GtkWidget *tests = g_object_ref_sink (gtk_list_box_new ());

  care_home_fill_appointment (GTK_LIST_BOX (list), cache, day, early);
  g_assert_null (find_widget (list, is_named, "join-video-visit"));
  care_home_fill_appointment (GTK_LIST_BOX (list), cache, day, opens);
  g_assert_nonnull (find_widget (list, is_named, "join-video-visit"));
  g_assert_nonnull (find_widget (list, is_row_titled, "Video visit"));
  care_home_fill_appointment (GTK_LIST_BOX (list), cache, day, over);
  g_assert_null (find_widget (list, is_named, "join-video-visit"));

  g_assert_cmpuint (care_home_fill_tests (GTK_LIST_BOX (tests), cache), ==, 3);
  g_assert_nonnull (find_widget (tests, is_row_titled, "Lipid panel"));
  g_assert_null (find_widget (tests, is_row_titled, "Glucose"));
  g_object_unref (list);
  g_object_unref (tests);
}

/* Appointments lists the tests to have done, with where and what before. */
static void
test_upcoming_tests (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  GtkWidget *view = care_appointments_view_new (G_OBJECT (family.context));
  GtkWidget *window = new_window (view);

  g_assert_nonnull (record);
  SPIN_UNTIL (care_record_list_get_loaded (CARE_RECORD_LIST (view)));
  g_assert_nonnull (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), "sr-adult-lipids"));
  g_assert_nonnull (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), "sr-adult-retina"));
  g_assert_null (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), "sr-adult-old"));
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

  g_test_add_func ("/care/ui/appointments/book-and-cancel", test_book_and_cancel);
  g_test_add_func ("/care/ui/appointments/taken-meanwhile", test_taken_meanwhile);
  g_test_add_func ("/care/ui/appointments/offline", test_offline);
  g_test_add_func ("/care/ui/appointments/favourites", test_favourites);
  g_test_add_func ("/care/ui/appointments/check-in", test_check_in);
  g_test_add_func ("/care/ui/appointments/wait-list-offer", test_wait_list_offer);
  g_test_add_func ("/care/ui/appointments/home", test_home);
  g_test_add_func ("/care/ui/appointments/upcoming-tests", test_upcoming_tests);
  status = g_test_run ();

  care_test_family_teardown (&family);
  g_clear_pointer (&last_toast, g_free);
  return status;
}
