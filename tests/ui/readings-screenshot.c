/* readings-screenshot.c — Track My Health and the trends with entered
 * readings, for data/screenshots/readings-*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   readings-screenshot WIDTH HEIGHT list|entry|error|glucose|trends
 *
 * Signs the demo family in, leaves a blood pressure Maria entered waiting
 * in the outbox, and shows the window until killed, for `import -window
 * root` under Xvfb: the section (list), the entry dialog filled in
 * (entry), with the numbers the wrong way round (error), a glucose with
 * its meal (glucose), or Health Trends on the blood pressure (trends).
 * LANGUAGE=es and ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 */
#include "config.h"

#include "care-reading-dialog.h"
#include "care-readings-view.h"
#include "care-trends-view.h"

#include "care-screenshot.h"

static void
type (CareReadingDialog *dialog,
      const char        *field,
      const char        *text)
{
  gtk_editable_set_text (care_reading_dialog_get_entry (dialog, field), text);
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) morning = NULL;
  g_autofree char *patient = NULL;
  const char *mode;
  CareRecord *record;
  CareWindow *window;

  care_screenshot_init ();
  if (argc != 4)
    return 2;
  mode = argv[3];

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (care_record_get_connection (record)));

  /* This morning's blood pressure, still waiting to be sent. */
  morning = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now), 7, 20, 0);
  reading = care_reading_new_blood_pressure (138, 88, g_date_time_compare (morning, now) < 0 ? morning : now);
  reading->arm = CARE_READING_ARM_LEFT;
  reading->position = CARE_READING_POSITION_SITTING;
  draft = care_reading_draft_new (reading, patient, &error);
  g_assert_no_error (error);
  g_assert_nonnull (care_outbox_queue_draft (care_record_get_outbox (record), draft, &error));
  g_assert_no_error (error);

  window = care_screenshot_window (&family, argv[1], argv[2]);

  if (g_str_equal (mode, "trends"))
    {
      GtkWidget *trends;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "trends");
      trends = care_window_get_section_page (window, "trends");
      care_trends_view_select (CARE_TRENDS_VIEW (trends), "http://loinc.org", "85354-9");
      care_trends_view_set_range (CARE_TRENDS_VIEW (trends), CARE_CHART_RANGE_3_MONTHS);
    }
  else
    {
      GtkWidget *view;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "readings");
      view = care_window_get_section_page (window, "readings");
      for (guint i = 0; i < 40; i++)
        g_main_context_iteration (NULL, FALSE);
      if (g_str_equal (mode, "entry") || g_str_equal (mode, "error"))
        {
          CareReadingDialog *dialog = CARE_READING_DIALOG (care_readings_view_open_entry (CARE_READINGS_VIEW (view),
                                                                                          CARE_READING_BLOOD_PRESSURE));

          type (dialog, "value", g_str_equal (mode, "error") ? "82" : "128");
          type (dialog, "value2", g_str_equal (mode, "error") ? "128" : "82");
        }
      else if (g_str_equal (mode, "glucose"))
        {
          CareReadingDialog *dialog = CARE_READING_DIALOG (care_readings_view_open_entry (CARE_READINGS_VIEW (view),
                                                                                          CARE_READING_GLUCOSE));

          type (dialog, "value", "104");
        }
    }
  care_screenshot_run ();
}
