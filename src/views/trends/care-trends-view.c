/* care-trends-view.c — Health Trends: a person's measurements over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A searchable list of every numeric measurement in the record (one entry
 * per code, built by core's care_trend_items_collect()) beside a trend
 * chart of the one selected; below 600 px or so the leaflet folds into
 * "list, then chart". Range presets, a table of the same points, and
 * export as PNG, SVG or CSV. The view follows the record on screen and
 * builds the list again whenever a sync changed it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-chart-text.h"
#include "care-context.h"
#include "care-fhir.h"
#include "care-outbox.h"
#include "care-record.h"
#include "care-trend-table-row.h"
#include "care-trends-view-private.h"

#include <string.h>

static const char * const observation_types[] = { "Observation", NULL };

static const struct
{
  CareChartRange  range;
  const char     *label;
  const char     *tooltip;
} presets[N_PRESETS] = {
  { CARE_CHART_RANGE_3_MONTHS, NC_("chart range, short", "3M"), N_("Last 3 months") },
  { CARE_CHART_RANGE_6_MONTHS, NC_("chart range, short", "6M"), N_("Last 6 months") },
  { CARE_CHART_RANGE_1_YEAR, NC_("chart range, short", "1Y"), N_("Last year") },
  { CARE_CHART_RANGE_3_YEARS, NC_("chart range, short", "3Y"), N_("Last 3 years") },
  { CARE_CHART_RANGE_ALL, NC_("chart range, short", "All"), N_("All results") },
};


static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareTrendsView, care_trends_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                      section_page_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS,
  PROP_FOLDED = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void reload (CareTrendsView *self);

static void
set_loading (CareTrendsView *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_focus_label (CareTrendsView *self)
{
  const char *text = care_trend_chart_get_focus_text (self->chart);

  if (text == NULL)
    text = _("Point at a result, or use the arrow keys, to see its value and date.");
  gtk_label_set_label (self->focus_label, text);
}

static void
on_focus_text_changed_cb (CareTrendsView *self)
{
  update_focus_label (self);
}

/* Whether any point of @item is a reading the patient entered. */
static gboolean
has_entered (CareTrendItem *item)
{
  GListModel *series = care_trend_item_get_series (item);

  for (guint s = 0; s < g_list_model_get_n_items (series); s++)
    {
      g_autoptr(CareSeries) one = g_list_model_get_item (series, s);
      guint n;
      const CareSeriesPoint *points = care_series_get_points (one, &n);

      for (guint i = 0; i < n; i++)
        if (points[i].entered)
          return TRUE;
    }
  return FALSE;
}

void
care_trends_view_show_item (CareTrendsView *self,
                            CareTrendItem  *item)
{
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  guint count;

  if (!g_set_object (&self->selected, item))
    return;

  care_trend_chart_set_series (self->chart, item != NULL ? care_trend_item_get_series (item) : NULL);
  gtk_label_set_label (self->title_label, item != NULL ? care_trend_item_get_title (item) : "");

  if (item != NULL)
    {
      count = care_trend_item_get_count (item);
      date = care_chart_format_date (care_trend_item_get_latest_time (item), NULL);
      /* Translators: under a measurement's name: how many results, the
       * latest value and its date: "24 results · latest 6.8 % on Oct 3, 2026" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%1$u result · latest %2$s on %3$s",
                                               "%1$u results · latest %2$s on %3$s", count),
                                  count, care_trend_item_get_latest_text (item), date);
    }
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->entered_label), item != NULL && has_entered (item));
  care_trends_view_fill_table (self);
  update_focus_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", item != NULL);
}

static void
set_items (CareTrendsView *self,
           GPtrArray      *items)
{
  g_autofree char *system = NULL;
  g_autofree char *code = NULL;
  gboolean navigate = FALSE;
  CareTrendItem *item = NULL;

  /* Keep the selection across a sync; a pending show-trend wins over it. */
  if (self->pending_code != NULL)
    {
      system = g_steal_pointer (&self->pending_system);
      code = g_steal_pointer (&self->pending_code);
      navigate = TRUE;
    }
  else if (self->selected != NULL)
    {
      system = g_strdup (care_trend_item_get_system (self->selected));
      code = g_strdup (care_trend_item_get_code (self->selected));
    }

  g_clear_object (&self->selected);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items != NULL ? items->pdata : NULL, items != NULL ? items->len : 0);

  if (code != NULL)
    item = care_trends_view_find_item (self, system, code);
  if (item == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      g_autoptr(CareTrendItem) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

      item = first;
    }

  if (item != NULL)
    care_trends_view_select_item (self, item);
  else
    care_trends_view_show_item (self, NULL);
  if (navigate && item != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "chart");
}

static void
collected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CareTrendsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = care_trend_items_collect_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (items == NULL)
    {
      g_debug ("Trends: reading the cache failed");
      set_items (self, NULL);
      care_view_stack_show_error (self->view_stack, error->message);
      return;
    }

  set_items (self, items);
  care_view_stack_update (self->view_stack, care_context_get_record (self->context),
                          observation_types, items->len);
}

/* The Observations the person entered that wait in the outbox, or were
 * sent since the last sync (with the portal's id, so the cache's copy
 * wins once it is there). */
static GPtrArray *
dup_pending (CareTrendsView *self)
{
  CareRecord *record = care_context_get_record (self->context);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(GPtrArray) items = cache != NULL ? care_cache_outbox_list (cache, FALSE) : NULL;
  GPtrArray *pending = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CareOutboxItem *item = items->pdata[i];
      JsonObject *resource;

      if (item->kind != CARE_OUTBOX_CREATE || g_strcmp0 (item->type, "Observation") != 0 ||
          (item->state != CARE_OUTBOX_PENDING && item->state != CARE_OUTBOX_SENT))
        continue;
      resource = care_fhir_parse_resource (item->json, -1, NULL);
      if (resource == NULL)
        continue;
      if (item->server_id != NULL)
        json_object_set_string_member (resource, "id", item->server_id);
      g_ptr_array_add (pending, resource);
    }
  return pending;
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CareTrendsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = care_cache_query_finish (CARE_CACHE (source), result, &error);
  g_autoptr(GPtrArray) pending = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (model == NULL)
    {
      g_debug ("Trends: the cache query failed");
      set_loading (self, FALSE);
      set_items (self, NULL);
      care_view_stack_show_error (self->view_stack, error->message);
      return;
    }

  /* In batches on this thread (the cache's rows are read here), so years
   * of daily readings do not freeze the window. The readings the person
   * entered that are still on their way are drawn at once. */
  pending = dup_pending (self);
  care_trend_items_collect_full_async (model, pending, self->cancellable, collected_cb, g_object_ref (self));
}

static void
reload (CareTrendsView *self)
{
  CareRecord *record = care_context_get_record (self->context);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(CareCacheQuery) query = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (cache == NULL)
    {
      set_items (self, NULL);
      care_view_stack_update (self->view_stack, record, observation_types, 0);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  query = care_cache_query_new ("Observation");
  care_cache_query_set_sort (query, CARE_CACHE_SORT_OLDEST);
  set_loading (self, TRUE);
  care_cache_query_async (cache, query, self->cancellable, query_done_cb, g_object_ref (self));
}

static void
on_record_changed_cb (CareTrendsView *self)
{
  CareRecord *record = care_context_get_record (self->context);

  g_clear_object (&self->selected);
  g_signal_group_set_target (self->record_signals, record);
  g_signal_group_set_target (self->outbox_signals, record != NULL ? care_record_get_outbox (record) : NULL);
  reload (self);
}

static void
on_generation_changed_cb (CareTrendsView *self)
{
  reload (self);
}

static void
on_back_clicked_cb (CareTrendsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed_cb (CareTrendsView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* In a folded window the window's Back comes here first: one back
   * button, not two side by side. */
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded && !self->window_folded);
  gtk_list_box_set_selection_mode (self->series_list, folded ? GTK_SELECTION_NONE
                                                             : GTK_SELECTION_SINGLE);
  if (!folded && self->selected != NULL)
    care_trends_view_select_item (self, self->selected);
}

static void
on_table_toggled_cb (CareTrendsView *self)
{
  gtk_stack_set_visible_child_name (self->body_stack,
                                    gtk_toggle_button_get_active (self->table_button) ? "table"
                                                                                       : "chart");
}

/* A preset's button is lit while the chart shows that preset; panning
 * or zooming away from it leaves none lit, and a click goes back. */
static void
on_chart_range_cb (CareTrendsView *self)
{
  CareChartRange range = care_trend_chart_get_range (self->chart);
  gboolean shown = care_trend_chart_get_range_shown (self->chart);

  for (guint i = 0; i < N_PRESETS; i++)
    if (gtk_toggle_button_get_active (self->preset_buttons[i]) != (shown && presets[i].range == range))
      gtk_toggle_button_set_active (self->preset_buttons[i], shown && presets[i].range == range);
}

static void
on_preset_toggled_cb (GtkToggleButton *button,
                      CareTrendsView  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < N_PRESETS; i++)
    if (self->preset_buttons[i] == button)
      care_trend_chart_set_range (self->chart, presets[i].range);
}

static void
care_trends_view_constructed (GObject *object)
{
  CareTrendsView *self = CARE_TRENDS_VIEW (object);

  G_OBJECT_CLASS (care_trends_view_parent_class)->constructed (object);

  g_assert (CARE_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "notify::record", G_CALLBACK (on_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_record_changed_cb (self);
}

static void
care_trends_view_dispose (GObject *object)
{
  CareTrendsView *self = CARE_TRENDS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->selected);
  g_clear_object (&self->context);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_TRENDS_VIEW);

  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_object (&self->table_rows);

  G_OBJECT_CLASS (care_trends_view_parent_class)->dispose (object);
}

static void
care_trends_view_finalize (GObject *object)
{
  CareTrendsView *self = CARE_TRENDS_VIEW (object);

  g_free (self->export_format);
  g_free (self->pending_system);
  g_free (self->pending_code);

  G_OBJECT_CLASS (care_trends_view_parent_class)->finalize (object);
}

static void
care_trends_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareTrendsView *self = CARE_TRENDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->window_folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_trends_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareTrendsView *self = CARE_TRENDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      care_trends_view_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "trends.select": "<system>|<code>", as FHIR writes a token
 * ("http://loinc.org|4548-4"); a bare code matches any system. */
static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  const char *target = g_variant_get_string (param, NULL);
  const char *bar = strrchr (target, '|');
  g_autofree char *system = NULL;

  if (bar != NULL)
    system = g_strndup (target, bar - target);
  if ((bar != NULL ? bar[1] : target[0]) != '\0')
    care_trends_view_select (CARE_TRENDS_VIEW (widget), system, bar != NULL ? bar + 1 : target);
}

static void
care_trends_view_class_init (CareTrendsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_trends_view_constructed;
  object_class->dispose = care_trends_view_dispose;
  object_class->finalize = care_trends_view_finalize;
  object_class->get_property = care_trends_view_get_property;
  object_class->set_property = care_trends_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CARE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The window shows one pane at a time, with Back in its header. */
  g_object_class_override_property (object_class, PROP_FOLDED, "folded");

  g_type_ensure (CARE_TYPE_TREND_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/trends/care-trends-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, series_list);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, focus_label);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, entered_label);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, table_button);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, range_box);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, body_stack);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, chart);
  gtk_widget_class_bind_template_child (widget_class, CareTrendsView, table_view);
  care_trends_view_class_init_series (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_text_changed_cb);

  gtk_widget_class_install_action (widget_class, "trends.export", "s", care_trends_view_export_action);
  gtk_widget_class_install_action (widget_class, "trends.select", "s", select_action);
  gtk_widget_class_set_css_name (widget_class, "trendsview");
}

static void
care_trends_view_init (CareTrendsView *self)
{
  GtkWidget *leaflet;
  GtkToggleButton *group = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  care_trends_view_init_series (self);

  self->table_rows = g_list_store_new (CARE_TYPE_TREND_TABLE_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->table_rows)));
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (selection));
  care_trends_view_add_column (self, _("Date"), COLUMN_DATE, FALSE);
  self->name_column = care_trends_view_add_column (self, _("Measurement"), COLUMN_NAME, TRUE);
  care_trends_view_add_column (self, _("Value"), COLUMN_VALUE, FALSE);
  care_trends_view_add_column (self, _("Flag"), COLUMN_FLAG, TRUE);

  for (guint i = 0; i < N_PRESETS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (g_dpgettext2 (NULL, "chart range, short",
                                                                          presets[i].label));

      gtk_widget_set_tooltip_text (button, _(presets[i].tooltip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(presets[i].tooltip), -1);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      if (presets[i].range == care_trend_chart_get_range (self->chart))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_signal_connect (button, "toggled", G_CALLBACK (on_preset_toggled_cb), self);
      self->preset_buttons[i] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (self->range_box, button);
    }

  g_signal_connect_object (self->chart, "notify::range", G_CALLBACK (on_chart_range_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "notify::range-shown", G_CALLBACK (on_chart_range_cb), self,
                           G_CONNECT_SWAPPED);

  self->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify::generation",
                                  G_CALLBACK (on_generation_changed_cb), self);
  /* A reading entered (or corrected, withdrawn, sent) shows at once. */
  self->outbox_signals = g_signal_group_new (CARE_TYPE_OUTBOX);
  g_signal_group_connect_swapped (self->outbox_signals, "items-changed",
                                  G_CALLBACK (on_generation_changed_cb), self);

  /* The view's states wrap the leaflet the template built. */
  leaflet = g_object_ref (GTK_WIDGET (self->leaflet));
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->view_stack = CARE_VIEW_STACK (care_view_stack_new ("care-trends-symbolic",
                                                           _("No Measurements to Chart"),
                                                           _("Lab values and vital signs such as "
                                                             "A1c, blood pressure and weight will "
                                                             "be charted here over time.")));
  care_view_stack_set_content (self->view_stack, leaflet);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view_stack));
  g_object_unref (leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", FALSE);
  update_focus_label (self);
}

/**
 * care_trends_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): the Health Trends view
 */
GtkWidget *
care_trends_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_TRENDS_VIEW, "context", context, NULL);
}

/**
 * care_trends_view_get_items:
 * @self: the view
 *
 * Returns: (transfer none): every #CareTrendItem of the record, searched or not
 */
GListModel *
care_trends_view_get_items (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
care_trends_view_get_loading (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), FALSE);
  return self->loading;
}

/**
 * care_trends_view_select:
 * @self: the view
 * @system: (nullable): a code system ("http://loinc.org"), %NULL for any
 * @code: a code ("4548-4")
 *
 * Shows that measurement's chart, now or as soon as the list is built.
 */
void
care_trends_view_select (CareTrendsView *self,
                         const char     *system,
                         const char     *code)
{
  CareTrendItem *item;

  g_return_if_fail (CARE_IS_TRENDS_VIEW (self));
  g_return_if_fail (code != NULL);

  item = self->loading ? NULL : care_trends_view_find_item (self, system, code);
  if (item == NULL)
    {
      if (self->loading)
        {
          g_free (self->pending_system);
          g_free (self->pending_code);
          self->pending_system = g_strdup (system);
          self->pending_code = g_strdup (code);
        }
      return;
    }
  care_trends_view_select_item (self, item);
  adw_leaflet_set_visible_child_name (self->leaflet, "chart");
}

/**
 * care_trends_view_get_selected:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the measurement on the chart
 */
CareTrendItem *
care_trends_view_get_selected (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), NULL);
  return self->selected;
}

CareTrendChart *
care_trends_view_get_chart (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), NULL);
  return self->chart;
}

CareViewStack *
care_trends_view_get_view_stack (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), NULL);
  return self->view_stack;
}

/**
 * care_trends_view_set_range:
 * @self: the view
 * @range: a preset
 *
 * Does what pressing that preset's button does.
 */
void
care_trends_view_set_range (CareTrendsView *self,
                            CareChartRange  range)
{
  g_return_if_fail (CARE_IS_TRENDS_VIEW (self));

  for (guint i = 0; i < N_PRESETS; i++)
    if (presets[i].range == range)
      gtk_toggle_button_set_active (self->preset_buttons[i], TRUE);
}

void
care_trends_view_set_show_table (CareTrendsView *self,
                                 gboolean        show_table)
{
  g_return_if_fail (CARE_IS_TRENDS_VIEW (self));
  gtk_toggle_button_set_active (self->table_button, show_table);
}

/**
 * care_trends_view_get_table_model:
 * @self: the view
 *
 * Returns: (transfer none): the table's #CareTrendTableRow, newest first
 */
GListModel *
care_trends_view_get_table_model (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), NULL);
  return G_LIST_MODEL (self->table_rows);
}

/**
 * care_trends_view_set_folded:
 * @self: a #CareTrendsView
 * @folded: whether the window shows one pane at a time
 *
 * A folded window has Back in its header, which calls
 * care_trends_view_go_back() first; the chart's own Back then hides.
 */
void
care_trends_view_set_folded (CareTrendsView *self,
                             gboolean        folded)
{
  g_return_if_fail (CARE_IS_TRENDS_VIEW (self));

  folded = !!folded;
  if (self->window_folded == folded)
    return;
  self->window_folded = folded;
  on_folded_changed_cb (self);
  g_object_notify (G_OBJECT (self), "folded");
}

/**
 * care_trends_view_go_back:
 * @self: a #CareTrendsView
 *
 * From a chart back to the list of measurements, when they do not fit
 * side by side.
 *
 * Returns: %TRUE if there was somewhere to go back to
 */
gboolean
care_trends_view_go_back (CareTrendsView *self)
{
  g_return_val_if_fail (CARE_IS_TRENDS_VIEW (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) ||
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "chart") != 0)
    return FALSE;
  return adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
section_page_go_back (CareSectionPage *page)
{
  return care_trends_view_go_back (CARE_TRENDS_VIEW (page));
}

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  iface->go_back = section_page_go_back;
}
