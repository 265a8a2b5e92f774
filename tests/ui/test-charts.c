/* test-charts.c — the chart widgets: text alternative, keyboard focus, zoom
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-chart-text.h"
#include "care-growth-chart-draw.h"
#include "care-growth-chart.h"
#include "care-trend-chart.h"

#include "../care-test-utils.h"

#include <math.h>

#define DAY 86400
#define T0 G_GINT64_CONSTANT (1615161600)   /* 2021-03-08 UTC */

typedef struct
{
  CareTrendChart *chart;
  GListStore     *store;
  CareSeries     *a1c;
  CareSeries     *glucose;
  GTimeZone      *tz;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->tz = g_time_zone_new_utc ();
  fixture->a1c = care_series_new ("4548-4", "Hemoglobin A1c", "%");
  fixture->glucose = care_series_new ("2345-7", "Glucose", "mg/dL");
  for (int i = 0; i < 12; i++)
    {
      care_series_add_point (fixture->a1c, T0 + (gint64) i * 170 * DAY, i == 11 ? 6.8 : 5.4,
                             4.0, 5.7, CARE_INTERPRETATION_NONE, NULL);
      care_series_add_point (fixture->glucose, T0 + (gint64) i * 170 * DAY + DAY, 95, 70, 99,
                             CARE_INTERPRETATION_NONE, NULL);
    }

  fixture->store = g_list_store_new (CARE_TYPE_SERIES);
  fixture->chart = g_object_ref_sink (CARE_TREND_CHART (care_trend_chart_new ()));
  care_trend_chart_set_time_zone (fixture->chart, fixture->tz);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->chart);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->a1c);
  g_assert_finalize_object (fixture->glucose);
  g_time_zone_unref (fixture->tz);
}

static void
test_description (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *mismatch = NULL;
  CareNotifyCounter counter;
  CareSeries *one[1] = { fixture->a1c };

  care_notify_counter_watch (&counter, fixture->chart, "description");
  care_trend_chart_set_series (fixture->chart, G_LIST_MODEL (fixture->store));
  g_assert_cmpstr (care_trend_chart_get_description (fixture->chart), ==, "No results to show.");

  g_list_store_append (fixture->store, fixture->a1c);
  expected = care_trend_chart_describe (one, 1, fixture->tz);
  g_assert_cmpstr (care_trend_chart_get_description (fixture->chart), ==, expected);
  g_assert_true (g_str_has_prefix (expected,
                                   "Hemoglobin A1c: 12 results from March 2021 to April 2026. "
                                   "Latest 6.8 %, above the reference range."));
  /* Only the real change notified: the empty model says what a new chart said. */
  g_assert_cmpuint (counter.count, ==, 1);

  /* What assistive technologies get. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->chart),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (mismatch);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  care_notify_counter_unwatch (&counter);
}

static void
test_keyboard_focus (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  int series = -1, index = -1;

  g_list_store_append (fixture->store, fixture->a1c);
  g_list_store_append (fixture->store, fixture->glucose);
  care_trend_chart_set_series (fixture->chart, G_LIST_MODEL (fixture->store));
  g_assert_false (care_trend_chart_get_focus_point (fixture->chart, NULL, NULL));
  g_assert_true (gtk_widget_get_focusable (widget));

  /* Right starts at the first point in view, then steps through them. */
  g_assert_true (gtk_widget_activate_action (widget, "chart.focus-next", NULL));
  g_assert_true (care_trend_chart_get_focus_point (fixture->chart, &series, &index));
  g_assert_cmpint (series, ==, 0);
  g_assert_cmpint (index, ==, 0);
  gtk_widget_activate_action (widget, "chart.focus-next", NULL);
  gtk_widget_activate_action (widget, "chart.focus-next", NULL);
  care_trend_chart_get_focus_point (fixture->chart, &series, &index);
  g_assert_cmpint (index, ==, 2);
  gtk_widget_activate_action (widget, "chart.focus-previous", NULL);
  care_trend_chart_get_focus_point (fixture->chart, &series, &index);
  g_assert_cmpint (index, ==, 1);
  g_assert_cmpstr (care_trend_chart_get_focus_text (fixture->chart), ==,
                   "Hemoglobin A1c: 5.4 %, Aug 25, 2021");

  /* End and Home; it stops at the ends. */
  gtk_widget_activate_action (widget, "chart.focus-last", NULL);
  care_trend_chart_get_focus_point (fixture->chart, &series, &index);
  g_assert_cmpint (index, ==, 11);
  gtk_widget_activate_action (widget, "chart.focus-next", NULL);
  care_trend_chart_get_focus_point (fixture->chart, &series, &index);
  g_assert_cmpint (index, ==, 11);
  g_assert_cmpstr (care_trend_chart_get_focus_text (fixture->chart), ==,
                   "Hemoglobin A1c: 6.8 %, high, Apr 21, 2026");
  /* A screen reader says the point as the arrows reach it: it is the
   * chart's accessible name. */
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Hemoglobin A1c: 6.8 %, high, Apr 21, 2026"));

  /* Down moves to the other series, at the nearest time. */
  gtk_widget_activate_action (widget, "chart.focus-series-next", NULL);
  care_trend_chart_get_focus_point (fixture->chart, &series, &index);
  g_assert_cmpint (series, ==, 1);
  g_assert_cmpint (index, ==, 11);
  gtk_widget_activate_action (widget, "chart.focus-first", NULL);
  care_trend_chart_get_focus_point (fixture->chart, &series, &index);
  g_assert_cmpint (series, ==, 1);
  g_assert_cmpint (index, ==, 0);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  double start, end, full, span;
  CareNotifyCounter counter;

  g_list_store_append (fixture->store, fixture->a1c);
  care_trend_chart_set_series (fixture->chart, G_LIST_MODEL (fixture->store));
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  full = end - start;

  /* Everything is shown: nothing to zoom out to. */
  g_assert_true (gtk_widget_activate_action (widget, "chart.zoom-in", NULL));
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, full / 1.5, 1);
  gtk_widget_activate_action (widget, "chart.zoom-in", NULL);
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, full / 2.25, 1);
  gtk_widget_activate_action (widget, "chart.zoom-out", NULL);
  gtk_widget_activate_action (widget, "chart.zoom-out", NULL);
  gtk_widget_activate_action (widget, "chart.zoom-out", NULL);
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, full, 1);

  /* The method zooms around the focused point, which stays in view. */
  care_trend_chart_set_focus_point (fixture->chart, 0, 3);
  care_trend_chart_zoom (fixture->chart, 8);
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  span = end - start;
  g_assert_cmpfloat_with_epsilon (span, full / 8, 1);
  g_assert_cmpfloat (start, <=, (double) care_series_get_point (fixture->a1c, 3)->time);
  g_assert_cmpfloat (end, >=, (double) care_series_get_point (fixture->a1c, 3)->time);

  /* Panning is clamped at the data's end. */
  care_trend_chart_pan (fixture->chart, 1e12);
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, span, 1);
  g_assert_cmpfloat (end, >=, (double) care_series_get_point (fixture->a1c, 11)->time);

  /* The range presets, through the property action. */
  care_notify_counter_watch (&counter, fixture->chart, "range");
  g_assert_true (gtk_widget_activate_action (widget, "chart.range", "s", "1-year"));
  g_assert_cmpint (care_trend_chart_get_range (fixture->chart), ==, CARE_CHART_RANGE_1_YEAR);
  care_trend_chart_get_visible_range (fixture->chart, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, 365.25 * DAY, 1);
  care_trend_chart_set_range (fixture->chart, CARE_CHART_RANGE_1_YEAR);
  g_assert_cmpuint (counter.count, ==, 1);
  care_notify_counter_unwatch (&counter);
}

static void
test_growth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareLms) lms = care_lms_new (NULL, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  CareGrowthChart *chart = g_object_ref_sink (CARE_GROWTH_CHART (care_growth_chart_new ()));
  CareGrowthChild child = { .sex = CARE_LMS_SEX_MALE, .gestational_weeks = 0 };
  CareGrowthMeasurement m[3] = { { 0, 4.0, NAN }, { 0, 6.0, NAN }, { 0, 8.0, NAN } };
  g_autoptr(GDateTime) birth = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  CareGrowthChartData *data;
  g_autofree char *expected = NULL;
  g_autofree char *mismatch = NULL;

  g_assert_no_error (error);
  g_date_clear (&child.birth, 1);
  g_date_set_dmy (&child.birth, 1, 1, 2024);
  for (int i = 0; i < 3; i++)
    m[i].time = g_date_time_to_unix (birth) + (gint64) (30 + i * 90) * DAY;

  data = care_growth_chart_data_new (lms, CARE_LMS_WEIGHT_FOR_AGE, &child, m, 3, tz);
  expected = care_growth_chart_data_describe (data);
  care_growth_chart_set_data (chart, data);
  g_assert_cmpstr (care_growth_chart_get_description (chart), ==, expected);
  g_assert_true (g_str_has_prefix (expected, "Weight for age: 3 measurements from age 30 days to 6 months."));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (mismatch);

  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.focus-next", NULL);
  g_assert_cmpint (care_growth_chart_get_focus_index (chart), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.focus-last", NULL);
  g_assert_cmpint (care_growth_chart_get_focus_index (chart), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.focus-next", NULL);
  g_assert_cmpint (care_growth_chart_get_focus_index (chart), ==, 2);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (chart), "8 kg, "));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     care_growth_chart_get_focus_text (chart)));

  g_assert_finalize_object (chart);
}

/* Emits the motion controller's "motion" (or "leave") as GTK does when
 * the pointer moves over (or leaves) @widget. */
static void
move_pointer (GtkWidget  *widget,
              const char *signal,
              double      x,
              double      y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        continue;
      if (g_str_equal (signal, "leave"))
        g_signal_emit_by_name (controller, "leave");
      else
        g_signal_emit_by_name (controller, "motion", x, y);
    }
}

/* The regression of 2026-12-06: where the window opened under a resting
 * pointer, the pointer's point stayed the chart's name whatever arrow
 * key was pressed (End said age 4, Left did not move). The keys win
 * until the pointer moves again. */
static void
test_growth_keys_over_hover (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareLms) lms = care_lms_new (NULL, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GDateTime) birth = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = care_growth_chart_new ();
  CareGrowthChild child = { .sex = CARE_LMS_SEX_MALE, .gestational_weeks = 0 };
  CareGrowthMeasurement m[3] = { { 0, 4.0, NAN }, { 0, 6.0, NAN }, { 0, 8.0, NAN } };
  const CareGrowthChartData *data;
  const CareGrowthPoint *p;
  CareGrowthChartLayout layout;
  CareChartStyle style;
  double x[3], y[3];
  gboolean timed_out = FALSE;
  guint timeout;

  g_assert_no_error (error);
  g_date_clear (&child.birth, 1);
  g_date_set_dmy (&child.birth, 1, 1, 2024);
  for (int i = 0; i < 3; i++)
    m[i].time = g_date_time_to_unix (birth) + (gint64) (30 + i * 90) * DAY;
  care_growth_chart_set_data (CARE_GROWTH_CHART (chart),
                              care_growth_chart_data_new (lms, CARE_LMS_WEIGHT_FOR_AGE, &child,
                                                          m, 3, tz));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 420);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  timeout = g_timeout_add_seconds (20, care_test_timeout_cb, &timed_out);
  while (gtk_widget_get_width (chart) <= 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* Where each point is drawn, as the widget's hit test finds it. */
  data = care_growth_chart_get_data (CARE_GROWTH_CHART (chart));
  care_chart_style_init (&style, FALSE);
  care_growth_chart_compute_layout (gtk_widget_get_width (chart), gtk_widget_get_height (chart),
                                    data, &style, &layout);
  for (int i = 0; i < 3; i++)
    {
      p = &g_array_index (data->points, CareGrowthPoint, i);
      x[i] = care_chart_transform_x (&layout.transform, p->x);
      y[i] = care_chart_transform_y (&layout.transform, p->value);
      g_assert_cmpint (care_growth_chart_hit_test (&layout, data, x[i], y[i], 12.0), ==, i);
    }

  /* The pointer rests on the first point: the chart says it. */
  move_pointer (chart, "motion", x[0], y[0]);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart)),
                                   "4 kg, "));

  /* End reaches the last point and says it, though the pointer has not
   * moved; Left then goes one back. */
  gtk_widget_activate_action (chart, "chart.focus-last", NULL);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart)),
                                   "8 kg, "));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart))));
  gtk_widget_activate_action (chart, "chart.focus-previous", NULL);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart)),
                                   "6 kg, "));

  /* A motion event where the pointer already was is not a move. */
  move_pointer (chart, "motion", x[0], y[0]);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart)),
                                   "6 kg, "));

  /* Moving onto a point hovers it again; leaving gives the keys' back. */
  move_pointer (chart, "motion", x[2], y[2]);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart)),
                                   "8 kg, "));
  move_pointer (chart, "leave", 0, 0);
  g_assert_true (g_str_has_prefix (care_growth_chart_get_focus_text (CARE_GROWTH_CHART (chart)),
                                   "6 kg, "));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The same on a trend chart: the pointer resting on a point does not pin
 * the chart's name there when the arrow keys move. */
static void
test_trend_keys_over_hover (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  const char *last = "Hemoglobin A1c: 6.8 %, high, Apr 21, 2026";
  g_autofree char *hovered = NULL;
  gboolean timed_out = FALSE;
  double hx = 0, hy = 0;
  guint timeout;

  g_list_store_append (fixture->store, fixture->a1c);
  care_trend_chart_set_series (fixture->chart, G_LIST_MODEL (fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 420);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  timeout = g_timeout_add_seconds (20, care_test_timeout_cb, &timed_out);
  while (gtk_widget_get_width (widget) <= 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* Find a point other than the last by moving the pointer over the chart. */
  for (double y = 0; hovered == NULL && y < gtk_widget_get_height (widget); y += 3)
    for (double x = 0; hovered == NULL && x < gtk_widget_get_width (widget) / 2.0; x += 3)
      {
        const char *text;

        move_pointer (widget, "motion", x, y);
        text = care_trend_chart_get_focus_text (fixture->chart);
        if (text != NULL && g_strcmp0 (text, last) != 0)
          {
            hovered = g_strdup (text);
            hx = x;
            hy = y;
          }
      }
  g_assert_nonnull (hovered);
  g_test_message ("the pointer rests on %s", hovered);

  gtk_widget_activate_action (widget, "chart.focus-last", NULL);
  g_assert_cmpstr (care_trend_chart_get_focus_text (fixture->chart), ==, last);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, last));
  move_pointer (widget, "motion", hx, hy);
  g_assert_cmpstr (care_trend_chart_get_focus_text (fixture->chart), ==, last);
  move_pointer (widget, "motion", hx + 1, hy);
  g_assert_cmpstr (care_trend_chart_get_focus_text (fixture->chart), ==, hovered);

  /* The window holds the fixture's reference too: take it out first. */
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The suite runs with GTK_A11Y=none, which keeps no accessible state;
   * GTK's test backend keeps it, so the text alternative can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/care/charts/widget/description", Fixture, NULL,
              fixture_setup, test_description, fixture_teardown);
  g_test_add ("/care/charts/widget/keyboard-focus", Fixture, NULL,
              fixture_setup, test_keyboard_focus, fixture_teardown);
  g_test_add ("/care/charts/widget/zoom", Fixture, NULL,
              fixture_setup, test_zoom, fixture_teardown);
  g_test_add ("/care/charts/widget/trend/keys-over-hover", Fixture, NULL,
              fixture_setup, test_trend_keys_over_hover, fixture_teardown);
  g_test_add_func ("/care/charts/widget/growth", test_growth);
  g_test_add_func ("/care/charts/widget/growth/keys-over-hover", test_growth_keys_over_hover);

  return g_test_run ();
}
