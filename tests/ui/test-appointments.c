/* test-appointments.c — booking a visit and cancelling one in the app
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, on the demo family: "Schedule an Appointment" step by step
 * (what for, when, review, book), the booked visit in the Appointments
 * list after a sync, then "Cancel Appointment" from its menu with a
 * reason, sent through the outbox.
 */
#include "config.h"

#include <adwaita.h>

#include "care-appointment.h"
#include "care-appointments-view.h"
#include "care-fhir.h"
#include "care-record-list.h"
#include "care-schedule-dialog.h"

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

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CareSyncReport) report = care_record_sync_finish (CARE_RECORD (source), result, NULL);

  *(gboolean *)user_data = TRUE;
}

static void
sync_record (CareRecord *record)
{
  gboolean done = FALSE;

  care_record_sync_async (record, CARE_SYNC_DEFAULT, NULL, synced_cb, &done);
  SPIN_UNTIL (done);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, NULL);
  *(gboolean *)user_data = TRUE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_book_and_cancel (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  CareOutbox *outbox = care_record_get_outbox (record);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_appointments_view_new (G_OBJECT (family.context));
  g_autoptr(CareScheduleDialog) dialog = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  AdwMessageDialog *confirm;
  gboolean sent = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  SPIN_UNTIL (care_record_list_get_loaded (CARE_RECORD_LIST (view)));

  /* What for, when, review, book. */
  dialog = g_object_ref (care_schedule_dialog_new (GTK_WINDOW (window), outbox, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (care_schedule_dialog_get_page (dialog), ==, "type");
  SPIN_UNTIL (care_schedule_dialog_get_loaded (dialog));
  care_schedule_dialog_choose_type (dialog, "follow-up");
  SPIN_UNTIL (g_strcmp0 (care_schedule_dialog_get_page (dialog), "who") == 0);
  care_schedule_dialog_choose_time (dialog, 0);
  g_assert_cmpstr (care_schedule_dialog_get_page (dialog), ==, "review");
  care_schedule_dialog_book (dialog);
  SPIN_UNTIL (care_schedule_dialog_get_booked (dialog) != NULL);
  g_assert_null (care_schedule_dialog_get_message (dialog));
  id = g_strdup (care_fhir_get_string (care_schedule_dialog_get_booked (dialog), "id"));

  /* After the sync, it is listed. */
  sync_record (record);
  SPIN_UNTIL (care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), id) != NULL);

  /* Cancel it from its menu, with a reason. */
  g_assert_true (gtk_widget_activate_action (view, "appointments.cancel", "s", id));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (confirm)), "Feeling better");
  adw_message_dialog_response (confirm, "cancel-visit");
  g_assert_cmpuint (care_outbox_get_n_waiting (outbox), ==, 1);
  care_outbox_send_async (outbox, NULL, sent_cb, &sent);
  SPIN_UNTIL (sent);
  sync_record (record);
  cancelled = care_cache_lookup (care_record_get_cache (record), "Appointment", id, NULL);
  g_assert_nonnull (cancelled);
  g_assert_cmpstr (care_fhir_get_string (cancelled, "status"), ==, "cancelled");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_video_card (void)
{
  CareRecord *record = care_test_family_show (&family, "demo:adult");
  g_autoptr(JsonObject) video = care_cache_lookup (care_record_get_cache (record), "Appointment",
                                                   "appt-adult-video", NULL);

  /* The join address is https, and the window opens 30 minutes before. */
  g_assert_nonnull (video);
  g_assert_nonnull (care_appointment_dup_join_url (video));
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
  g_test_add_func ("/care/ui/appointments/video-card", test_video_card);
  status = g_test_run ();

  care_test_family_teardown (&family);
  return status;
}
