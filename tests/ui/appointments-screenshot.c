/* appointments-screenshot.c — the Appointments section and its dialogs,
 * for data/screenshots/appointments*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   appointments-screenshot WIDTH HEIGHT list|type|who|when|review|check-in|check-in-questions|video
 *
 * Signs the demo family in, shows the adult's appointments and, for the
 * other modes, the scheduling step or the eCheck-in checklist (of the
 * annual physical; with a step done, or on its questions), until killed,
 * for `import -window root` under Xvfb. "video" moves the video visit to
 * a quarter of an hour from now, so its card shows "Join Video Visit".
 * LANGUAGE=es and ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 * tests/ui/appointments-screenshots.sh takes the set in data/screenshots/.
 */
#include "config.h"

#include "care-appointment.h"
#include "care-appointments-view.h"
#include "care-check-in-window.h"
#include "care-sandbox-store.h"
#include "care-schedule-dialog.h"

#include "care-screenshot.h"

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CareSyncReport) report = care_record_sync_finish (CARE_RECORD (source), result, NULL);

  *(gboolean *)user_data = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareScheduleDialog *dialog = NULL;
  CareRecord *record;
  CareWindow *window;
  const char *mode;

  care_screenshot_init ();
  if (argc != 4)
    return 2;
  mode = argv[3];

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  window = care_screenshot_window (&family, argv[1], argv[2]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "appointments");

  if (g_str_equal (mode, "video"))
    {
      /* The video visit a quarter of an hour from now, at the clinic. */
      CareSandboxStore *store = care_sandbox_get_store (family.sandbox);
      g_autoptr(JsonObject) video = care_sandbox_store_get (store, "Appointment", "appt-adult-video");
      g_autoptr(GDateTime) old_start = care_appointment_dup_start (video);
      g_autoptr(GTimeZone) zone = g_time_zone_new_offset (g_date_time_get_utc_offset (old_start) / G_USEC_PER_SEC);
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);
      g_autoptr(GDateTime) start = g_date_time_add_minutes (now, 15 - g_date_time_get_minute (now) % 5);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 20);
      g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:00%:z");
      g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:00%:z");
      g_autoptr(JsonObject) stored = NULL;
      GDate today;
      gboolean synced = FALSE;

      json_object_set_string_member (video, "start", start_text);
      json_object_set_string_member (video, "end", end_text);
      stored = care_sandbox_store_put (store, video, NULL);
      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      care_context_set_today (family.context, &today);
      care_record_sync_async (record, CARE_SYNC_DEFAULT, NULL, synced_cb, &synced);
      while (!synced)
        g_main_context_iteration (NULL, TRUE);
    }
  if (g_str_has_prefix (mode, "check-in"))
    {
      /* The annual physical's checklist: personal details done, or its
       * questions open. */
      CareCheckInWindow *check_in = care_check_in_window_new (GTK_WINDOW (window), record, "appt-adult-physical");

      gtk_window_set_default_size (GTK_WINDOW (check_in), atoi (argv[1]) - 80, atoi (argv[2]) - 80);
      gtk_window_present (GTK_WINDOW (check_in));
      care_check_in_window_open_step (check_in, CARE_CHECK_IN_DETAILS);
      care_check_in_window_confirm (check_in);
      if (g_str_equal (mode, "check-in-questions"))
        care_check_in_window_open_step (check_in, CARE_CHECK_IN_QUESTIONNAIRE);
    }
  else if (g_str_equal (mode, "video"))
    ;
  else if (!g_str_equal (mode, "list"))
    {
      dialog = care_schedule_dialog_new (GTK_WINDOW (window), care_record_get_outbox (record), NULL);
      care_schedule_dialog_set_cache (dialog, care_record_get_cache (record));
      gtk_window_set_default_size (GTK_WINDOW (dialog), atoi (argv[1]) - 80, atoi (argv[2]) - 80);
      gtk_window_present (GTK_WINDOW (dialog));
      while (!care_schedule_dialog_get_loaded (dialog))
        g_main_context_iteration (NULL, TRUE);
      if (!g_str_equal (mode, "type"))
        {
          care_schedule_dialog_choose_type (dialog, "follow-up");
          while (g_strcmp0 (care_schedule_dialog_get_page (dialog), "who") != 0)
            g_main_context_iteration (NULL, TRUE);
          if (g_str_equal (mode, "when"))
            gtk_widget_activate_action (GTK_WIDGET (dialog), "schedule.show-when", NULL);
          if (g_str_equal (mode, "review"))
            care_schedule_dialog_choose_time (dialog, 2);
        }
    }
  care_screenshot_run ();
}
