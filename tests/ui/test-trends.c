/* test-trends.c — Health Trends and Growth Charts on the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-chart-text.h"
#include "care-growth-view.h"
#include "care-trend-table-row.h"
#include "care-trends-view.h"
#include "care-window.h"

#include "care-test-family.h"

#include <string.h>

#define DAY 86400.0

static CareTestFamily family;

static gboolean
view_loading (GObject *view)
{
  gboolean loading = FALSE;

  g_object_get (view, "loading", &loading, NULL);
  return loading;
}

/* Spins the loop until the view has built its list (a minute at most). */
static void
wait_loaded (GObject *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (view_loading (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (view_loading (view));
}

static CareTrendsView *
new_trends_view (const char *person)
{
  CareTrendsView *view;

  care_test_family_show (&family, person);
  view = CARE_TRENDS_VIEW (g_object_ref_sink (care_trends_view_new (G_OBJECT (family.context))));
  wait_loaded (G_OBJECT (view));
  return view;
}

static CareTrendItem *
find_item (CareTrendsView *view,
           const char     *code)
{
  GListModel *items = care_trends_view_get_items (view);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareTrendItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (care_trend_item_get_code (item), code) == 0)
        return item;
    }
  return NULL;
}

static guint
cache_count (const char *code)
{
  CareRecord *record = care_context_get_record (family.context);
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Observation");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  care_cache_query_set_code (query, NULL, code);
  model = care_cache_query (care_record_get_cache (record), query, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (model);
}

static CareSeries *
dup_first_series (CareTrendItem *item)
{
  return g_list_model_get_item (care_trend_item_get_series (item), 0);
}

static void
test_list (void)
{
  g_autoptr(CareTrendsView) view = new_trends_view ("demo:adult");
  CareTrendItem *a1c = find_item (view, "4548-4");
  CareTrendItem *bp = find_item (view, "85354-9");

  g_assert_cmpint (care_view_stack_get_state (care_trends_view_get_view_stack (view)), ==,
                   CARE_VIEW_STATE_CONTENT);
  g_assert_nonnull (a1c);
  g_assert_nonnull (strstr (care_trend_item_get_title (a1c), "Hemoglobin A1c"));
  g_assert_cmpuint (care_trend_item_get_count (a1c), ==, cache_count ("4548-4"));
  g_assert_true (g_str_has_suffix (care_trend_item_get_latest_text (a1c), " %"));

  /* Blood pressure: one entry, systolic and diastolic together. */
  g_assert_nonnull (bp);
  g_assert_cmpstr (care_trend_item_get_title (bp), ==, "Blood pressure");
  g_assert_cmpuint (g_list_model_get_n_items (care_trend_item_get_series (bp)), ==, 2);
  g_assert_cmpuint (care_trend_item_get_count (bp), ==, cache_count ("85354-9"));
  g_assert_nonnull (strchr (care_trend_item_get_latest_text (bp), '/'));
  g_assert_true (care_trend_item_matches (bp, "http://loinc.org", "8480-6"));
}

static void
test_a1c_chart (void)
{
  g_autoptr(CareTrendsView) view = new_trends_view ("demo:adult");
  CareTrendChart *chart = care_trends_view_get_chart (view);
  g_autoptr(CareSeries) series = NULL;
  GListModel *shown;

  care_trends_view_select (view, "http://loinc.org", "4548-4");
  g_assert_cmpstr (care_trend_item_get_code (care_trends_view_get_selected (view)), ==, "4548-4");
  shown = care_trend_chart_get_series (chart);
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  series = g_list_model_get_item (shown, 0);
  g_assert_cmpuint (care_series_get_n_points (series), ==, cache_count ("4548-4"));
  g_assert_cmpuint (care_series_get_n_points (series), >, 12);

  /* The chart's text alternative is the accessible description. */
  g_assert_true (g_str_has_prefix (care_trend_chart_get_description (chart),
                                   care_series_get_display_name (series)));

  /* Keyboard focus shows a point's value and date. */
  care_trend_chart_set_focus_point (chart, 0, 0);
  g_assert_nonnull (care_trend_chart_get_focus_text (chart));
}

/* The range preset buttons lit, and the one labelled @label. */
static guint
count_lit_presets (GtkWidget   *root,
                   const char  *label,
                   GtkWidget  **out_button)
{
  guint n = 0;

  if (GTK_IS_TOGGLE_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
        *out_button = root;
      return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (root)) &&
             strlen (gtk_button_get_label (GTK_BUTTON (root))) <= 3 ? 1 : 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_lit_presets (child, label, out_button);
  return n;
}

static void
test_presets (void)
{
  g_autoptr(CareTrendsView) view = new_trends_view ("demo:adult");
  CareTrendChart *chart = care_trends_view_get_chart (view);
  double start, end;
  double again_start, again_end;
  GtkWidget *one_year = NULL;

  care_trends_view_select (view, NULL, "4548-4");

  care_trends_view_set_range (view, CARE_CHART_RANGE_3_MONTHS);
  g_assert_cmpint (care_trend_chart_get_range (chart), ==, CARE_CHART_RANGE_3_MONTHS);
  care_trend_chart_get_visible_range (chart, &start, &end);
  g_assert_cmpfloat (end - start, <, 100 * DAY);

  care_trends_view_set_range (view, CARE_CHART_RANGE_1_YEAR);
  care_trend_chart_get_visible_range (chart, &start, &end);
  g_assert_cmpfloat (end - start, >, 300 * DAY);
  g_assert_cmpfloat (end - start, <, 400 * DAY);

  care_trends_view_set_range (view, CARE_CHART_RANGE_ALL);
  care_trend_chart_get_visible_range (chart, &start, &end);
  g_assert_cmpfloat (end - start, >, 5 * 365 * DAY);

  /* Panning or zooming away from a preset unlights its button; pressing
   * it again goes back to it. */
  care_trends_view_set_range (view, CARE_CHART_RANGE_1_YEAR);
  care_trend_chart_get_visible_range (chart, &start, &end);
  g_assert_true (care_trend_chart_get_range_shown (chart));
  g_assert_cmpuint (count_lit_presets (GTK_WIDGET (view), "1Y", &one_year), ==, 1);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (one_year)));
  care_trend_chart_pan (chart, -30 * DAY);
  g_assert_false (care_trend_chart_get_range_shown (chart));
  g_assert_cmpuint (count_lit_presets (GTK_WIDGET (view), "1Y", &one_year), ==, 0);
  g_signal_emit_by_name (one_year, "clicked");
  g_assert_true (care_trend_chart_get_range_shown (chart));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (one_year)));
  care_trend_chart_get_visible_range (chart, &again_start, &again_end);
  g_assert_cmpfloat (again_start, ==, start);
  g_assert_cmpfloat (again_end, ==, end);
  care_trend_chart_zoom (chart, 1.5);
  g_assert_cmpuint (count_lit_presets (GTK_WIDGET (view), "1Y", &one_year), ==, 0);
  care_trends_view_set_range (view, CARE_CHART_RANGE_3_MONTHS);
  g_assert_cmpuint (count_lit_presets (GTK_WIDGET (view), "3M", &one_year), ==, 1);
}

static void
test_show_trend (void)
{
  CareWindow *window;
  GtkWidget *page;

  care_test_family_show (&family, "demo:adult");
  window = care_window_new (NULL, family.context);
  gtk_window_present (GTK_WINDOW (window));
  page = care_window_get_section_page (window, "trends");
  g_assert_true (CARE_IS_TRENDS_VIEW (page));

  /* Asked while the list is still being built: it is kept until then. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-trend", "s", "http://loinc.org|85354-9");
  wait_loaded (G_OBJECT (page));
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "trends");
  g_assert_cmpstr (care_trend_item_get_code (care_trends_view_get_selected (CARE_TRENDS_VIEW (page))),
                   ==, "85354-9");

  /* Asked once built. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "home");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-trend", "s", "http://loinc.org|4548-4");
  g_assert_cmpstr (care_window_get_visible_section (window), ==, "trends");
  g_assert_cmpstr (care_trend_item_get_code (care_trends_view_get_selected (CARE_TRENDS_VIEW (page))),
                   ==, "4548-4");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_table (void)
{
  g_autoptr(CareTrendsView) view = new_trends_view ("demo:adult");
  g_autoptr(CareSeries) series = NULL;
  GListModel *rows;
  guint n, n_high = 0, n_rows_high = 0;

  care_trends_view_select (view, NULL, "4548-4");
  care_trends_view_set_show_table (view, TRUE);
  series = dup_first_series (care_trends_view_get_selected (view));
  rows = care_trends_view_get_table_model (view);
  n = care_series_get_n_points (series);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);

  for (guint i = 0; i < n; i++)
    {
      /* Newest first. */
      g_autoptr(CareTrendTableRow) row = g_list_model_get_item (rows, i);
      const CareSeriesPoint *p = care_series_get_point (series, n - 1 - i);
      g_autofree char *date = care_chart_format_date (p->time, NULL);

      g_assert_cmpint (care_trend_table_row_get_time (row), ==, p->time);
      g_assert_cmpstr (care_trend_table_row_get_date_text (row), ==, date);
      g_assert_cmpfloat_with_epsilon (care_trend_table_row_get_value (row), p->value, 1e-9);
      if (care_series_point_get_flag (p) == CARE_INTERPRETATION_HIGH)
        n_high++;
      if (g_strcmp0 (care_trend_table_row_get_flag_text (row), "High") == 0)
        n_rows_high++;
    }
  /* Maria's A1c was high before treatment worked. */
  g_assert_cmpuint (n_high, >, 0);
  g_assert_cmpuint (n_rows_high, ==, n_high);

  /* Blood pressure: a row per reading and component. */
  care_trends_view_select (view, NULL, "85354-9");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2 * cache_count ("85354-9"));
}

static void
on_csv_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (care_trends_view_export_csv_finish (CARE_TRENDS_VIEW (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_csv (void)
{
  g_autoptr(CareTrendsView) view = new_trends_view ("demo:adult");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-csv-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CareSeries) series = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean done = FALSE;
  GStatBuf st;
  guint n;

  g_assert_no_error (error);
  path = g_build_filename (dir, "a1c.csv", NULL);
  file = g_file_new_for_path (path);

  care_trends_view_select (view, NULL, "4548-4");
  series = dup_first_series (care_trends_view_get_selected (view));
  n = care_series_get_n_points (series);
  care_trends_view_export_csv_async (view, file, NULL, on_csv_done_cb, &done);
  g_assert_true (care_test_wait_for (&done, 10000));

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "code,name,time,value,unit,low,high,flag,source");
  /* A row per point, then the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
  g_assert_true (g_str_has_prefix (lines[1], "4548-4,"));
  g_assert_cmpstr (lines[n + 1], ==, "");
  /* Health data: only the user may read it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 077, ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static CareGrowthView *
new_growth_view (const char *person)
{
  CareGrowthView *view;

  care_test_family_show (&family, person);
  view = CARE_GROWTH_VIEW (g_object_ref_sink (care_growth_view_new (G_OBJECT (family.context))));
  wait_loaded (G_OBJECT (view));
  return view;
}

static void
test_growth_child (void)
{
  g_autoptr(CareGrowthView) view = new_growth_view ("demo:child");
  CareGrowthChart *chart = care_growth_view_get_chart (view);
  const CareGrowthChartData *data;
  static const CareLmsChart charts[] = {
    CARE_LMS_WEIGHT_FOR_AGE, CARE_LMS_LENGTH_FOR_AGE, CARE_LMS_HEAD_FOR_AGE,
    CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_BMI_FOR_AGE,
  };

  g_assert_cmpint (care_view_stack_get_state (care_growth_view_get_view_stack (view)), ==,
                   CARE_VIEW_STATE_CONTENT);
  g_assert_cmpstr (care_growth_view_get_page (view), ==, "chart");
  g_assert_cmpint (care_growth_view_get_chart_kind (view), ==, CARE_LMS_WEIGHT_FOR_AGE);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      care_growth_view_set_chart (view, charts[i]);
      g_assert_cmpint (care_growth_view_get_chart_kind (view), ==, charts[i]);
      g_assert_cmpuint (care_growth_view_get_n_measurements (view, charts[i]), >, 0);
      data = care_growth_chart_get_data (chart);
      g_assert_nonnull (data);
      g_assert_cmpint (data->chart, ==, charts[i]);
      g_assert_cmpint (data->sex, ==, CARE_LMS_SEX_MALE);
      g_assert_cmpuint (data->points->len, >, 0);
      g_assert_nonnull (care_growth_chart_get_description (chart));
    }

  /* Weight since birth: WHO then CDC, with a percentile for each visit. */
  care_growth_view_set_chart (view, CARE_LMS_WEIGHT_FOR_AGE);
  data = care_growth_chart_get_data (chart);
  g_assert_cmpuint (data->points->len, ==, care_growth_view_get_n_measurements (view, CARE_LMS_WEIGHT_FOR_AGE));
  g_assert_cmpuint (data->points->len, >=, 10);
  care_growth_chart_set_focus_index (chart, 0);
  g_assert_nonnull (strstr (care_growth_chart_get_focus_text (chart), "percentile"));
  g_assert_nonnull (strstr (care_growth_chart_get_focus_text (chart), "z-score"));
  g_assert_cmpstr (care_growth_view_get_explanation (view), ==, care_growth_percentile_explanation ());

  care_growth_view_set_chart (view, CARE_LMS_BMI_FOR_AGE);
  care_growth_chart_set_focus_index (chart, 0);
  g_assert_nonnull (strstr (care_growth_chart_get_focus_text (chart), "percentile"));
}

/* A chart chosen for one person is not the next one's: the teen does not
 * open on head circumference (which stops at 36 months) because it was
 * chosen for his brother; back to the brother, his choice stands. */
static void
test_growth_per_person (void)
{
  g_autoptr(CareGrowthView) view = new_growth_view ("demo:child");

  care_growth_view_set_chart (view, CARE_LMS_HEAD_FOR_AGE);
  g_assert_cmpint (care_growth_view_get_chart_kind (view), ==, CARE_LMS_HEAD_FOR_AGE);

  care_test_family_show (&family, "demo:teen");
  wait_loaded (G_OBJECT (view));
  g_assert_cmpint (care_growth_view_get_chart_kind (view), ==, CARE_LMS_WEIGHT_FOR_AGE);

  care_test_family_show (&family, "demo:child");
  wait_loaded (G_OBJECT (view));
  g_assert_cmpint (care_growth_view_get_chart_kind (view), ==, CARE_LMS_HEAD_FOR_AGE);
  care_growth_view_set_chart (view, CARE_LMS_WEIGHT_FOR_AGE);
}

static void
test_growth_print (void)
{
  g_autoptr(CareGrowthView) view = new_growth_view ("demo:child");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-print-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "weight.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* The same drawing as the screen, through GtkPrintOperation to a PDF. */
  g_assert_cmpint (care_growth_view_print (view, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4096);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_unlink (path);
  g_rmdir (dir);
}

/* A record that says the child was born at 30 weeks: his first two years
 * are plotted at corrected age, and the view follows the record's change. */
static void
test_growth_preterm (void)
{
  g_autoptr(CareGrowthView) view = new_growth_view ("demo:child");
  CareRecord *record = care_context_get_record (family.context);
  CareCache *cache = care_record_get_cache (record);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) care_fhir_record_free);
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(GError) error = NULL;
  const CareGrowthChartData *data;
  const CareGrowthPoint *first;

  data = care_growth_chart_get_data (care_growth_view_get_chart (view));
  g_assert_false (data->corrected);

  resource = care_fhir_parse_resource (
    "{\"resourceType\":\"Observation\",\"id\":\"test-gestation\",\"status\":\"final\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"76516-4\"}],"
    "\"text\":\"Gestational age at birth\"},\"subject\":{\"reference\":\"Patient/child\"},"
    "\"effectiveDateTime\":\"2018-10-10\",\"valueQuantity\":{\"value\":30,\"unit\":\"wk\"}}",
    -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, care_fhir_record_new (resource));
  g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_no_error (error);
  care_record_changed (record);
  wait_loaded (G_OBJECT (view));

  data = care_growth_chart_get_data (care_growth_view_get_chart (view));
  g_assert_true (data->corrected);
  first = &g_array_index (data->points, CareGrowthPoint, 0);
  g_assert_true (first->corrected);
  /* Ten weeks early: plotted about 2.3 months before his age. */
  g_assert_cmpfloat_with_epsilon (first->age_months - first->x, 70 / 30.4375, 0.01);

  g_assert_true (care_cache_delete (cache, "Observation", "test-gestation", &error));
  g_assert_no_error (error);
  care_record_changed (record);
  wait_loaded (G_OBJECT (view));
  data = care_growth_chart_get_data (care_growth_view_get_chart (view));
  g_assert_false (data->corrected);
}

static void
test_growth_adult (void)
{
  g_autoptr(CareGrowthView) view = new_growth_view ("demo:adult");

  g_assert_cmpstr (care_growth_view_get_page (view), ==, "adult");
}

static void
test_growth_teen (void)
{
  g_autoptr(CareGrowthView) view = new_growth_view ("demo:teen");
  const CareGrowthChartData *data;

  /* Her labs are withheld from proxies; vital signs are not. */
  g_assert_cmpint (care_view_stack_get_state (care_growth_view_get_view_stack (view)), ==,
                   CARE_VIEW_STATE_CONTENT);
  g_assert_cmpstr (care_growth_view_get_page (view), ==, "chart");
  data = care_growth_chart_get_data (care_growth_view_get_chart (view));
  g_assert_nonnull (data);
  g_assert_cmpint (data->sex, ==, CARE_LMS_SEX_FEMALE);
  g_assert_cmpint (data->curve_source, ==, CARE_LMS_SOURCE_CDC);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/trends/list", test_list);
  g_test_add_func ("/care/ui/trends/a1c-chart", test_a1c_chart);
  g_test_add_func ("/care/ui/trends/presets", test_presets);
  g_test_add_func ("/care/ui/trends/show-trend", test_show_trend);
  g_test_add_func ("/care/ui/trends/table", test_table);
  g_test_add_func ("/care/ui/trends/csv", test_csv);
  g_test_add_func ("/care/ui/growth/child", test_growth_child);
  g_test_add_func ("/care/ui/growth/print", test_growth_print);
  g_test_add_func ("/care/ui/growth/per-person", test_growth_per_person);
  g_test_add_func ("/care/ui/growth/preterm", test_growth_preterm);
  g_test_add_func ("/care/ui/growth/adult", test_growth_adult);
  g_test_add_func ("/care/ui/growth/teen", test_growth_teen);

  /* The family is synced once: each sign-in and sync takes seconds. */
  care_test_family_setup (&family);
  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
