/* test-readings.c — Track My Health: entering a blood pressure, seeing it in trends
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "care-reading-dialog.h"
#include "care-readings-view.h"
#include "care-trend-table-row.h"
#include "care-trends-view.h"

#include "care-test-family.h"

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  guint poll = g_timeout_add (10, poll_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

/* The newest point of the blood pressure's systolic series that the
 * patient entered, or NULL. */
static const CareSeriesPoint *
newest_entered (CareTrendsView *trends)
{
  CareTrendItem *item = care_trends_view_get_selected (trends);
  GListModel *series;
  g_autoptr(CareSeries) systolic = NULL;
  const CareSeriesPoint *points;
  guint n;

  if (item == NULL)
    return NULL;
  series = care_trend_item_get_series (item);
  systolic = g_list_model_get_item (series, 0);
  points = care_series_get_points (systolic, &n);
  for (guint i = n; i > 0; i--)
    if (points[i - 1].entered)
      return &points[i - 1];
  return NULL;
}

static void
set_text (CareReadingDialog *dialog,
          const char        *field,
          const char        *text)
{
  gtk_editable_set_text (care_reading_dialog_get_entry (dialog, field), text);
}

static void
test_enter_blood_pressure (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GPtrArray) titles = NULL;
  CareReadingDialog *dialog;
  const CareSeriesPoint *point;
  GtkWidget *window, *box, *view, *trends;
  GtkLabel *error;
  GListModel *table;
  gboolean found_entered = FALSE, found_clinic = FALSE;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  view = care_readings_view_new (G_OBJECT (family.context));
  trends = care_trends_view_new (G_OBJECT (family.context));
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_hexpand (trends, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), trends);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);

  /* What Dr. Okafor asked for, and Maria's own week of readings. */
  titles = care_record_list_dup_visible_titles (CARE_RECORD_LIST (view));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Blood Pressure", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Blood Glucose", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Blood Pressure: 134/86 mmHg", g_str_equal, NULL));

  /* Trends: her seeded readings are already marked as hers. */
  for (guint i = 0; i < 200 && care_trends_view_get_loading (CARE_TRENDS_VIEW (trends)); i++)
    spin (50);
  care_trends_view_select (CARE_TRENDS_VIEW (trends), "http://loinc.org", "85354-9");
  for (guint i = 0; i < 100 && care_trends_view_get_selected (CARE_TRENDS_VIEW (trends)) == NULL; i++)
    spin (50);
  g_assert_nonnull (care_trends_view_get_selected (CARE_TRENDS_VIEW (trends)));
  point = newest_entered (CARE_TRENDS_VIEW (trends));
  g_assert_nonnull (point);
  g_assert_cmpfloat (point->value, ==, 134);

  dialog = CARE_READING_DIALOG (care_readings_view_open_entry (CARE_READINGS_VIEW (view),
                                                               CARE_READING_BLOOD_PRESSURE));
  g_assert_nonnull (dialog);
  g_assert_nonnull (care_reading_dialog_get_entry (dialog, "value2"));
  /* The time as the language writes it: English in 12 hours, "7:30 PM". */
  g_assert_nonnull (strstr (gtk_editable_get_text (care_reading_dialog_get_entry (dialog, "time")), "M"));

  /* The numbers the wrong way round: refused, next to the field. */
  set_text (dialog, "value", "82");
  set_text (dialog, "value2", "128");
  error = care_reading_dialog_get_error (dialog, "value2");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "must be lower than the systolic"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (care_reading_dialog_get_entry (dialog, "value2")), "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  /* A time that is not one. */
  set_text (dialog, "time", "25:99");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (care_reading_dialog_get_error (dialog, "time"))));

  /* And read back in 12 hours. */
  {
    g_autoptr(CareReading) reading = NULL;
    g_autoptr(GDateTime) local = NULL;

    set_text (dialog, "value", "128");
    set_text (dialog, "value2", "82");
    set_text (dialog, "time", "12:05 AM");
    reading = care_reading_dialog_dup_reading (dialog, NULL);
    g_assert_nonnull (reading);
    local = g_date_time_to_local (reading->time);
    g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
    g_assert_cmpint (g_date_time_get_minute (local), ==, 5);
    set_text (dialog, "time", "13:05 PM");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (care_reading_dialog_get_error (dialog, "time"))));
    g_assert_nonnull (strstr (gtk_label_get_text (care_reading_dialog_get_error (dialog, "time")), "7:30 AM"));
  }
  set_text (dialog, "time", "00:01");
  set_text (dialog, "value", "128");
  set_text (dialog, "value2", "82");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (care_reading_dialog_get_entry (dialog, "value2")), "error"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");

  /* At once in trends (from the outbox, then from the portal), as "you entered". */
  for (guint i = 0; i < 100; i++)
    {
      point = newest_entered (CARE_TRENDS_VIEW (trends));
      if (point != NULL && point->value == 128 && point->time >= before - G_TIME_SPAN_DAY / G_USEC_PER_SEC)
        break;
      spin (50);
    }
  g_assert_nonnull (point);
  g_assert_cmpfloat (point->value, ==, 128);
  g_assert_cmpint (point->time, >=, before - 24 * 3600);

  care_trends_view_set_show_table (CARE_TRENDS_VIEW (trends), TRUE);
  table = care_trends_view_get_table_model (CARE_TRENDS_VIEW (trends));
  for (guint i = 0; i < g_list_model_get_n_items (table); i++)
    {
      g_autoptr(CareTrendTableRow) row = g_list_model_get_item (table, i);
      const char *flag = care_trend_table_row_get_flag_text (row);

      if (strstr (flag, "ou entered") != NULL)
        found_entered = TRUE;
      else
        found_clinic = TRUE;
    }
  g_assert_true (found_entered);
  g_assert_true (found_clinic);

  /* And in the list of what she entered. */
  spin (300);
  g_clear_pointer (&titles, g_ptr_array_unref);
  titles = care_record_list_dup_visible_titles (CARE_RECORD_LIST (view));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Blood Pressure: 128/82 mmHg", g_str_equal, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/readings/enter-blood-pressure", test_enter_blood_pressure);

  return g_test_run ();
}
