/* care-growth-view.c — Growth Charts for children and teens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child's weight, length or height, head circumference and BMI from
 * the record, placed on the WHO (under 2) and CDC (2 to 20) percentile
 * curves by core (care_growth_chart_data_new()), for the sex the Patient
 * resource gives and at corrected age when the record holds a preterm
 * gestational age. Adults get a plain state saying what the charts are
 * for. Print and export draw with the same Cairo function as the screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-chart-style.h"
#include "care-chart-text.h"
#include "care-context.h"
#include "care-fhir.h"
#include "care-growth-view-private.h"
#include "care-record.h"
#include "care-resource-item.h"
#include "care-trend-item.h"

#include <math.h>

#define ADULT_MONTHS (20 * 12)

static const char * const growth_types[] = { "Observation", "Patient", NULL };

/* The LOINC codes each measurement arrives as. */
static const char * const weight_codes[] = { "29463-7", "3141-9", "8335-2", NULL };
static const char * const length_codes[] = { "8302-2", "8306-3", "8308-9", "3137-7", NULL };
static const char * const head_codes[] = { "9843-4", "8287-5", NULL };
static const char * const bmi_codes[] = { "39156-5", NULL };
static const char * const gestation_codes[] = { "76516-4", "18185-9", "11884-4", NULL };

static const CareLmsChart charts[N_CHARTS] = {
  CARE_LMS_WEIGHT_FOR_AGE,
  CARE_LMS_LENGTH_FOR_AGE,
  CARE_LMS_HEAD_FOR_AGE,
  CARE_LMS_WEIGHT_FOR_LENGTH,
  CARE_LMS_BMI_FOR_AGE,
};


G_DEFINE_FINAL_TYPE (CareGrowthView, care_growth_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
chart_index (CareLmsChart kind)
{
  for (int i = 0; i < N_CHARTS; i++)
    if (charts[i] == kind)
      return i;
  return 0;
}

static void
select_chart (CareGrowthView *self,
              CareLmsChart    kind)
{
  self->kind = kind;
  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->chart_dropdown, chart_index (kind));
  self->choosing = FALSE;
}

static void
set_loading (CareGrowthView *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_focus_label (CareGrowthView *self)
{
  const char *text = care_growth_chart_get_focus_text (self->chart);
  const CareGrowthChartData *data = care_growth_chart_get_data (self->chart);
  g_autofree char *latest = NULL;

  if (text == NULL && data != NULL && data->points->len > 0)
    {
      g_autofree char *value = care_growth_chart_dup_point_label (data, data->points->len - 1, NULL,
                                                                  NULL);
      const CareGrowthPoint *p = &g_array_index (data->points, CareGrowthPoint,
                                                 data->points->len - 1);
      g_autofree char *date = care_chart_format_date (p->time, NULL);

      /* Translators: under a growth chart: the latest measurement with its
       * percentile, and its date: "Latest: 27.1 kg, 62nd percentile, on Oct 3, 2026" */
      latest = g_strdup_printf (_("Latest: %1$s, on %2$s"), value, date);
      text = latest;
    }
  gtk_label_set_label (self->focus_label, text != NULL ? text : "");
}

static void
on_focus_text_changed_cb (CareGrowthView *self)
{
  update_focus_label (self);
}

static void
on_table_toggled_cb (CareGrowthView *self)
{
  care_growth_view_show_table (self);
}

static const char *
sex_words (CareLmsSex sex)
{
  return sex == CARE_LMS_SEX_FEMALE ? C_("growth chart for", "girls") : C_("growth chart for", "boys");
}

static const char *
dup_source_words (const CareGrowthChartData *data)
{
  if (data->chart == CARE_LMS_WEIGHT_FOR_LENGTH)
    return data->curve_source == CARE_LMS_SOURCE_WHO ? _("WHO standards under 2 years")
                                                     : _("CDC charts for 2 to 20 years");
  /* The age charts switch from WHO to CDC at 2 years, as CDC advises. */
  if (data->x_max <= 24)
    return _("WHO standards under 2 years");
  if (data->x_min >= 24)
    return _("CDC charts for 2 to 20 years");
  return _("WHO under 2 years, CDC from 2 to 20 years");
}

static void
set_subtitle (CareGrowthView            *self,
              const CareGrowthChartData *data)
{
  g_autofree char *age = NULL;
  g_autofree char *subtitle = NULL;
  GDate today;

  care_context_get_today (self->context, &today);
  age = care_growth_format_age (care_growth_age_months (&self->child.birth, &today));
  if (data != NULL)
    /* Translators: under a growth chart's name: the child, age, the sex of
     * the reference, and whose curves: "Mateo, 8 years · boys · CDC charts for 2 to 20 years" */
    subtitle = g_strdup_printf (_("%1$s, %2$s · %3$s · %4$s"), self->name != NULL ? self->name : "",
                                age, sex_words (self->child.sex), dup_source_words (data));
  else
    /* Translators: under a growth chart's name: the child, age, the sex of the reference */
    subtitle = g_strdup_printf (_("%1$s, %2$s · %3$s"), self->name != NULL ? self->name : "",
                                age, sex_words (self->child.sex));
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
show_chart (CareGrowthView *self)
{
  GArray *m = self->measurements[chart_index (self->kind)];
  CareGrowthChartData *data;

  gtk_label_set_label (self->title_label, care_growth_chart_title (self->kind));
  if (!self->have_child || self->lms == NULL)
    return;

  if (m == NULL || m->len == 0)
    {
      care_growth_chart_set_data (self->chart, NULL);
      set_subtitle (self, NULL);
      adw_status_page_set_description (self->none_page,
                                       _("The record has no measurements for this chart yet. They "
                                         "appear here after well-child visits."));
      gtk_stack_set_visible_child_name (self->chart_stack, "none");
      care_growth_view_fill_table (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.print", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.export", FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), FALSE);
      update_focus_label (self);
      return;
    }

  data = care_growth_chart_data_new (self->lms, self->kind, &self->child,
                                     (CareGrowthMeasurement *) m->data, m->len, NULL);
  set_subtitle (self, data);
  gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), data->corrected);
  care_growth_chart_set_data (self->chart, data);
  gtk_stack_set_visible_child_name (self->chart_stack, "chart");
  care_growth_view_fill_table (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.export", TRUE);
  update_focus_label (self);
}

static void
clear_measurements (CareGrowthView *self)
{
  for (int i = 0; i < N_CHARTS; i++)
    g_clear_pointer (&self->measurements[i], g_array_unref);
}

/* All of one kind's points, converted to the chart's unit, in time order. */
static GArray *
collect_points (GPtrArray          *items,
                const char * const *codes,
                const char         *unit)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (CareGrowthMeasurement));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint c = 0; codes[c] != NULL; c++)
    {
      CareTrendItem *item = care_trend_items_find (items, NULL, codes[c]);
      GListModel *series;

      if (item == NULL || g_hash_table_contains (seen, item))
        continue;
      g_hash_table_add (seen, item);
      series = care_trend_item_get_series (item);
      for (guint s = 0; s < g_list_model_get_n_items (series); s++)
        {
          g_autoptr(CareSeries) raw = g_list_model_get_item (series, s);
          g_autoptr(CareSeries) converted = care_series_convert (raw, unit);

          /* A unit that does not convert (a typo, "{count}") is left out. */
          if (converted == NULL)
            continue;
          for (guint i = 0; i < care_series_get_n_points (converted); i++)
            {
              const CareSeriesPoint *p = care_series_get_point (converted, i);
              CareGrowthMeasurement m = { p->time, p->value, NAN };

              g_array_append_val (points, m);
            }
        }
    }
  return points;
}

/* Weight-for-length pairs each weight with a length taken the same day. */
static GArray *
pair_with_length (GArray *weights,
                  GArray *lengths)
{
  GArray *paired = g_array_new (FALSE, FALSE, sizeof (CareGrowthMeasurement));

  for (guint i = 0; i < weights->len; i++)
    {
      CareGrowthMeasurement m = g_array_index (weights, CareGrowthMeasurement, i);

      for (guint j = 0; j < lengths->len; j++)
        {
          const CareGrowthMeasurement *l = &g_array_index (lengths, CareGrowthMeasurement, j);

          if (ABS (l->time - m.time) < 12 * 3600)
            {
              m.length_cm = l->value;
              g_array_append_val (paired, m);
              break;
            }
        }
    }
  return paired;
}

static double
read_gestational_weeks (GPtrArray *items)
{
  for (guint c = 0; gestation_codes[c] != NULL; c++)
    {
      CareTrendItem *item = care_trend_items_find (items, NULL, gestation_codes[c]);
      g_autoptr(CareSeries) series = NULL;
      const CareSeriesPoint *p;
      const char *unit;

      if (item == NULL || g_list_model_get_n_items (care_trend_item_get_series (item)) == 0)
        continue;
      series = g_list_model_get_item (care_trend_item_get_series (item), 0);
      if (care_series_get_n_points (series) == 0)
        continue;
      p = care_series_get_point (series, care_series_get_n_points (series) - 1);
      unit = care_series_get_unit (series);
      if (g_strcmp0 (unit, "d") == 0)
        return p->value / 7.0;
      if (g_strcmp0 (unit, "wk") == 0 || unit == NULL || unit[0] == '\0')
        return p->value;
    }
  return 0;
}

/* The Patient resource: birth date, sex and the name to show. */
static gboolean
read_patient (CareGrowthView *self,
              CareCache      *cache)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Patient");
  g_autoptr(GListModel) patients = care_cache_query (cache, query, NULL);
  g_autoptr(CareResourceItem) item = NULL;
  g_autoptr(JsonObject) patient = NULL;
  const char *birth;
  const char *gender;
  int y = 0, m = 0, d = 0;

  self->have_child = FALSE;
  g_clear_pointer (&self->name, g_free);
  if (patients == NULL || g_list_model_get_n_items (patients) == 0)
    return FALSE;
  item = g_list_model_get_item (patients, 0);
  patient = care_resource_item_dup_resource (item, NULL);
  if (patient == NULL)
    return FALSE;

  birth = care_fhir_get_string (patient, "birthDate");
  gender = care_fhir_get_string (patient, "gender");
  if (birth == NULL || sscanf (birth, "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (&self->child.birth, 1);
  g_date_set_dmy (&self->child.birth, d, m, y);
  self->child.sex = g_strcmp0 (gender, "female") == 0 ? CARE_LMS_SEX_FEMALE : CARE_LMS_SEX_MALE;
  self->child.gestational_weeks = 0;
  self->name = care_fhir_dup_human_name (care_fhir_get_array (patient, "name"));
  /* The reference tables are by sex; without one there is no honest chart. */
  self->have_child = g_strcmp0 (gender, "female") == 0 || g_strcmp0 (gender, "male") == 0;
  return self->have_child;
}

static guint
count_measurements (CareGrowthView *self)
{
  guint n = 0;

  for (int i = 0; i < N_CHARTS; i++)
    n += self->measurements[i] != NULL ? self->measurements[i]->len : 0;
  return n;
}

static void
collected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CareGrowthView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = care_trend_items_collect_finish (result, &error);
  g_autoptr(GArray) lengths = NULL;
  CareRecord *record = care_context_get_record (self->context);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (items == NULL)
    {
      care_view_stack_show_error (self->view_stack, error->message);
      return;
    }

  clear_measurements (self);
  self->child.gestational_weeks = read_gestational_weeks (items);
  self->measurements[chart_index (CARE_LMS_WEIGHT_FOR_AGE)] =
    collect_points (items, weight_codes, care_growth_chart_unit (CARE_LMS_WEIGHT_FOR_AGE));
  self->measurements[chart_index (CARE_LMS_LENGTH_FOR_AGE)] = lengths =
    collect_points (items, length_codes, care_growth_chart_unit (CARE_LMS_LENGTH_FOR_AGE));
  lengths = g_array_ref (lengths);
  self->measurements[chart_index (CARE_LMS_HEAD_FOR_AGE)] =
    collect_points (items, head_codes, care_growth_chart_unit (CARE_LMS_HEAD_FOR_AGE));
  self->measurements[chart_index (CARE_LMS_BMI_FOR_AGE)] =
    collect_points (items, bmi_codes, care_growth_chart_unit (CARE_LMS_BMI_FOR_AGE));
  self->measurements[chart_index (CARE_LMS_WEIGHT_FOR_LENGTH)] =
    pair_with_length (self->measurements[chart_index (CARE_LMS_WEIGHT_FOR_AGE)], lengths);

  gtk_stack_set_visible_child_name (self->page_stack, "chart");
  show_chart (self);
  care_view_stack_update (self->view_stack, record, growth_types, count_measurements (self));
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CareGrowthView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = care_cache_query_finish (CARE_CACHE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (model == NULL)
    {
      set_loading (self, FALSE);
      care_view_stack_show_error (self->view_stack, error->message);
      return;
    }
  care_trend_items_collect_async (model, self->cancellable, collected_cb, g_object_ref (self));
}

static void
reload (CareGrowthView *self)
{
  CareRecord *record = care_context_get_record (self->context);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(CareCacheQuery) query = NULL;
  GDate today;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_measurements (self);

  /* Who the chart is for comes first: the Patient is one small row, and
   * an adult's record need not be read at all. */
  if (cache == NULL || !read_patient (self, cache))
    {
      /* Without a birth date and sex there is nothing to plot against;
       * the stack says why (not synced yet, withheld, damaged…). */
      care_growth_chart_set_data (self->chart, NULL);
      care_view_stack_update (self->view_stack, record, growth_types, 0);
      set_loading (self, FALSE);
      return;
    }

  care_context_get_today (self->context, &today);
  /* A chart that ends before this person's age (head circumference at 36
   * months, weight for length at 24) is no place to open on. */
  if ((self->kind == CARE_LMS_HEAD_FOR_AGE &&
       care_growth_age_months (&self->child.birth, &today) >= 36) ||
      (self->kind == CARE_LMS_WEIGHT_FOR_LENGTH &&
       care_growth_age_months (&self->child.birth, &today) >= 24))
    {
      CarePerson *person = care_context_get_person (self->context);

      if (person == NULL || !g_hash_table_contains (self->chosen, care_person_get_id (person)))
        select_chart (self, CARE_LMS_WEIGHT_FOR_AGE);
    }
  if (care_growth_age_months (&self->child.birth, &today) >= ADULT_MONTHS)
    {
      care_growth_chart_set_data (self->chart, NULL);
      gtk_stack_set_visible_child_name (self->page_stack, "adult");
      care_view_stack_update (self->view_stack, record, growth_types, 1);
      set_loading (self, FALSE);
      return;
    }

  /* Every category: gestational age at birth is rarely a vital sign. */
  self->cancellable = g_cancellable_new ();
  query = care_cache_query_new ("Observation");
  care_cache_query_set_sort (query, CARE_CACHE_SORT_OLDEST);
  set_loading (self, TRUE);
  care_cache_query_async (cache, query, self->cancellable, query_done_cb, g_object_ref (self));
}

/* A chart chosen for one person is theirs: the next person opens on the
 * chart chosen for them, or on weight for age. */
static void
on_record_changed_cb (CareGrowthView *self)
{
  CarePerson *person = care_context_get_person (self->context);
  gpointer chosen = person != NULL ? g_hash_table_lookup (self->chosen, care_person_get_id (person))
                                   : NULL;

  select_chart (self, chosen != NULL ? (CareLmsChart) (GPOINTER_TO_INT (chosen) - 1)
                                     : CARE_LMS_WEIGHT_FOR_AGE);
  g_signal_group_set_target (self->record_signals, care_context_get_record (self->context));
  reload (self);
}

static void
on_generation_changed_cb (CareGrowthView *self)
{
  reload (self);
}

static void
on_chart_selected_cb (CareGrowthView *self)
{
  guint selected = gtk_drop_down_get_selected (self->chart_dropdown);

  CarePerson *person = self->context != NULL ? care_context_get_person (self->context) : NULL;

  if (selected >= N_CHARTS || self->choosing)
    return;
  if (person != NULL)
    g_hash_table_insert (self->chosen, g_strdup (care_person_get_id (person)),
                         GINT_TO_POINTER (charts[selected] + 1));
  if (charts[selected] == self->kind)
    return;
  self->kind = charts[selected];
  show_chart (self);
}

static void
care_growth_view_constructed (GObject *object)
{
  CareGrowthView *self = CARE_GROWTH_VIEW (object);

  G_OBJECT_CLASS (care_growth_view_parent_class)->constructed (object);

  g_assert (CARE_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "notify::record", G_CALLBACK (on_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_record_changed_cb (self);
}

static void
care_growth_view_dispose (GObject *object)
{
  CareGrowthView *self = CARE_GROWTH_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->lms);
  clear_measurements (self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_GROWTH_VIEW);

  G_OBJECT_CLASS (care_growth_view_parent_class)->dispose (object);
}

static void
care_growth_view_finalize (GObject *object)
{
  CareGrowthView *self = CARE_GROWTH_VIEW (object);

  g_free (self->name);
  g_free (self->export_format);
  g_hash_table_unref (self->chosen);

  G_OBJECT_CLASS (care_growth_view_parent_class)->finalize (object);
}

static void
care_growth_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareGrowthView *self = CARE_GROWTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_growth_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareGrowthView *self = CARE_GROWTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_growth_view_class_init (CareGrowthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_growth_view_constructed;
  object_class->dispose = care_growth_view_dispose;
  object_class->finalize = care_growth_view_finalize;
  object_class->get_property = care_growth_view_get_property;
  object_class->set_property = care_growth_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CARE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARE_TYPE_GROWTH_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/growth/care-growth-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, chart);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, focus_label);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, table_button);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, table_list);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, none_page);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, corrected_label);
  gtk_widget_class_bind_template_child (widget_class, CareGrowthView, explanation_label);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled_cb);

  gtk_widget_class_install_action (widget_class, "growth.print", NULL, care_growth_view_print_action);
  gtk_widget_class_install_action (widget_class, "growth.export", "s", care_growth_view_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "growth.print", NULL);
  gtk_widget_class_set_css_name (widget_class, "growthview");
}

static void
care_growth_view_init (CareGrowthView *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *content;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < N_CHARTS; i++)
    gtk_string_list_append (titles, care_growth_chart_title (charts[i]));
  gtk_drop_down_set_model (self->chart_dropdown, G_LIST_MODEL (titles));
  self->kind = CARE_LMS_WEIGHT_FOR_AGE;
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_label_set_label (self->explanation_label, care_growth_percentile_explanation ());
  gtk_label_set_label (self->corrected_label, care_growth_corrected_age_explanation ());

  self->lms = care_lms_new (NULL, &error);
  if (self->lms == NULL)
    g_debug ("Growth tables failed to load: %s", error->message);

  self->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify::generation",
                                  G_CALLBACK (on_generation_changed_cb), self);

  content = g_object_ref (GTK_WIDGET (self->page_stack));
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->view_stack = CARE_VIEW_STACK (care_view_stack_new ("care-growth-symbolic",
                                                           _("No Growth Measurements"),
                                                           _("A child’s weight, height and head size "
                                                             "from well-child visits will be drawn "
                                                             "here against the WHO and CDC "
                                                             "percentile curves.")));
  care_view_stack_set_content (self->view_stack, content);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view_stack));
  g_object_unref (content);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.export", FALSE);
}

/**
 * care_growth_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): the Growth Charts view
 */
GtkWidget *
care_growth_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_GROWTH_VIEW, "context", context, NULL);
}

gboolean
care_growth_view_get_loading (CareGrowthView *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), FALSE);
  return self->loading;
}

/**
 * care_growth_view_get_page:
 * @self: the view
 *
 * Returns: "chart", or "adult" when the person is 20 or older
 */
const char *
care_growth_view_get_page (CareGrowthView *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->page_stack);
}

void
care_growth_view_set_chart (CareGrowthView *self,
                            CareLmsChart    chart)
{
  g_return_if_fail (CARE_IS_GROWTH_VIEW (self));
  gtk_drop_down_set_selected (self->chart_dropdown, chart_index (chart));
}

CareLmsChart
care_growth_view_get_chart_kind (CareGrowthView *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), CARE_LMS_WEIGHT_FOR_AGE);
  return self->kind;
}

/**
 * care_growth_view_get_n_measurements:
 * @self: the view
 * @chart: a chart
 *
 * Returns: how many of the child's measurements that chart has
 */
guint
care_growth_view_get_n_measurements (CareGrowthView *self,
                                     CareLmsChart    chart)
{
  GArray *m;

  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), 0);
  m = self->measurements[chart_index (chart)];
  return m != NULL ? m->len : 0;
}

CareGrowthChart *
care_growth_view_get_chart (CareGrowthView *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), NULL);
  return self->chart;
}

CareViewStack *
care_growth_view_get_view_stack (CareGrowthView *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), NULL);
  return self->view_stack;
}

const char *
care_growth_view_get_explanation (CareGrowthView *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_VIEW (self), NULL);
  return gtk_label_get_label (self->explanation_label);
}
