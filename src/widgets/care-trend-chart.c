/* care-trend-chart.c — a chart of results over time, with pan, zoom and focus
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget keeps the view state (visible time window, hovered and
 * focused point) and turns input into it: scroll zooms around the pointer,
 * dragging pans, a touchpad pinch zooms, arrow keys move the focus from
 * point to point. All drawing and geometry are core's
 * care_trend_chart_draw() and care_trend_chart_compute_layout(), so what is
 * hit-tested is exactly what was drawn. The text alternative comes from
 * core's care_trend_chart_describe().
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-chart-text.h"
#include "care-chart-widget-style.h"
#include "care-core-enums.h"
#include "care-trend-chart-draw.h"
#include "care-trend-chart.h"

#include <math.h>

#define HIT_RADIUS 12.0
#define ZOOM_STEP 1.5

struct _CareTrendChart
{
  GtkWidget       parent_instance;

  GListModel     *series_model;
  GPtrArray      *series;          /* CareSeries, from series_model */
  CareChartRange  range;
  gboolean        range_shown;     /* the view is what range gives */
  CareChartView   view;
  GTimeZone      *tz;

  int             hover_series;
  int             hover_index;
  /* Where the pointer last moved to, in the widget: a motion event that
   * did not move it is no new choice of point. */
  double          pointer_x;
  double          pointer_y;
  gboolean        pointer_in;
  int             focus_series;
  int             focus_index;

  double          drag_start;      /* view.start when a drag began */
  double          zoom_span;       /* view span when a pinch began */
  double          zoom_anchor;

  char           *description;
  char           *focus_text;
};

G_DEFINE_FINAL_TYPE (CareTrendChart, care_trend_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERIES,
  PROP_RANGE,
  PROP_DESCRIPTION,
  PROP_FOCUS_TEXT,
  PROP_RANGE_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fill_data (CareTrendChart     *self,
           CareTrendChartData *data)
{
  care_trend_chart_data_init (data, (CareSeries * const *) self->series->pdata, self->series->len);
  data->view_start = self->view.start;
  data->view_end = self->view.end;
  data->tz = self->tz;
  /* The pointer wins over the keyboard focus while it hovers a point. */
  if (self->hover_index >= 0)
    {
      data->focus_series = self->hover_series;
      data->focus_index = self->hover_index;
    }
  else if (self->focus_index >= 0)
    {
      data->focus_series = self->focus_series;
      data->focus_index = self->focus_index;
    }
}

static void
compute_layout (CareTrendChart       *self,
                CareTrendChartLayout *layout)
{
  CareTrendChartData data;
  CareChartStyle style;

  fill_data (self, &data);
  care_chart_style_init (&style, FALSE);
  care_trend_chart_compute_layout (gtk_widget_get_width (GTK_WIDGET (self)),
                                   gtk_widget_get_height (GTK_WIDGET (self)),
                                   &data, &style, layout);
}

static void
set_string (char       **field,
            const char  *value,
            GObject     *object,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
update_focus_text (CareTrendChart *self)
{
  g_autofree char *text = NULL;
  /* The pointer wins over the keyboard focus while it hovers a point, as
   * in the drawing (fill_data()). */
  int series_index = self->hover_index >= 0 ? self->hover_series : self->focus_series;
  int point_index = self->hover_index >= 0 ? self->hover_index : self->focus_index;

  if (point_index >= 0 && series_index >= 0 && (guint) series_index < self->series->len)
    {
      CareSeries *series = g_ptr_array_index (self->series, series_index);
      g_autofree char *date = NULL;
      g_autofree char *value = care_trend_chart_dup_point_label (series, point_index,
                                                                 self->tz, &date);

      /* Translators: the focused point of a chart: name, value, date:
       * "Glucose: 130 mg/dL, high, Mar 31, 2026" */
      text = g_strdup_printf (_("%1$s: %2$s, %3$s"), care_series_get_display_name (series),
                              value, date);
    }

  set_string (&self->focus_text, text, G_OBJECT (self), properties[PROP_FOCUS_TEXT]);
  /* The chart's name is the point the arrow keys reached, so a screen
   * reader says it as the focus moves; before that, how to move. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text
                                               : _("Chart. The arrow keys move from point to point."),
                                  -1);
}

static void
update_description (CareTrendChart *self)
{
  g_autofree char *text = care_trend_chart_describe ((CareSeries * const *) self->series->pdata,
                                                     self->series->len, self->tz);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  set_string (&self->description, text, G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/* Panning or zooming leaves the preset: its button should not stay lit. */
static void
update_range_shown (CareTrendChart *self)
{
  CareChartView preset = self->view;
  double tolerance;
  gboolean shown;

  care_chart_view_apply_preset (&preset, self->range);
  tolerance = MAX (1.0, (preset.end - preset.start) * 1e-6);
  shown = fabs (preset.start - self->view.start) <= tolerance &&
          fabs (preset.end - self->view.end) <= tolerance;
  if (self->range_shown == shown)
    return;
  self->range_shown = shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_SHOWN]);
}

static void
update_actions (CareTrendChart *self)
{
  double span = self->view.end - self->view.start;
  double limit = self->view.limit_end - self->view.limit_start;
  gboolean any = FALSE;

  for (guint i = 0; i < self->series->len; i++)
    any = any || care_series_get_n_points (g_ptr_array_index (self->series, i)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.zoom-in",
                                 any && span > self->view.min_span * 1.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.zoom-out", any && span < limit * 0.999);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.focus-next", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.focus-previous", any);
  update_range_shown (self);
}

static void
reset_view (CareTrendChart *self)
{
  gint64 first = 0, last = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < self->series->len; i++)
    {
      gint64 a, b;

      if (!care_series_get_time_range (g_ptr_array_index (self->series, i), &a, &b))
        continue;
      first = any ? MIN (first, a) : a;
      last = any ? MAX (last, b) : b;
      any = TRUE;
    }
  if (!any)
    first = last = g_get_real_time () / G_USEC_PER_SEC;

  care_chart_view_init (&self->view, first, last);
  care_chart_view_apply_preset (&self->view, self->range);
}

static void
reload (CareTrendChart *self)
{
  g_ptr_array_set_size (self->series, 0);
  if (self->series_model != NULL)
    {
      guint n = g_list_model_get_n_items (self->series_model);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->series, g_list_model_get_item (self->series_model, i));
    }

  self->hover_series = self->hover_index = -1;
  self->focus_series = self->focus_index = -1;
  reset_view (self);
  update_description (self);
  update_focus_text (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_items_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     CareTrendChart *self)
{
  reload (self);
}

static void
care_trend_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CareTrendChart *self = CARE_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  CareTrendChartData data;
  CareChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  care_chart_style_from_widget (&style, widget);
  fill_data (self, &data);
  /* Show the keyboard focus only while the widget has it. */
  if (self->hover_index < 0 && !gtk_widget_has_focus (widget))
    data.focus_series = data.focus_index = -1;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  care_trend_chart_draw (cr, width, height, &data, &style);
  cairo_destroy (cr);
}

/* Moves the view so that the focused point is inside it. */
static void
reveal_focus (CareTrendChart *self)
{
  const CareSeriesPoint *p;
  double span = self->view.end - self->view.start;

  if (self->focus_index < 0)
    return;
  p = care_series_get_point (g_ptr_array_index (self->series, self->focus_series), self->focus_index);
  if ((double) p->time < self->view.start + span * 0.05)
    care_chart_view_pan (&self->view, (double) p->time - (self->view.start + span * 0.1));
  else if ((double) p->time > self->view.end - span * 0.05)
    care_chart_view_pan (&self->view, (double) p->time - (self->view.end - span * 0.1));
}

/**
 * care_trend_chart_set_focus_point:
 * @self: a chart
 * @series: the series, or -1 for none
 * @index: the point in it
 *
 * Highlights a point (as keyboard focus does) and brings it into view.
 */
void
care_trend_chart_set_focus_point (CareTrendChart *self,
                                  int             series,
                                  int             index)
{
  g_return_if_fail (CARE_IS_TREND_CHART (self));

  if (series < 0 || (guint) series >= self->series->len || index < 0 ||
      (guint) index >= care_series_get_n_points (g_ptr_array_index (self->series, series)))
    series = index = -1;

  self->focus_series = series;
  self->focus_index = index;
  reveal_focus (self);
  update_focus_text (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * care_trend_chart_get_focus_point:
 * @self: a chart
 * @series: (out) (optional): the focused point's series
 * @index: (out) (optional): its index
 *
 * Returns: %TRUE if a point has the keyboard focus
 */
gboolean
care_trend_chart_get_focus_point (CareTrendChart *self,
                                  int            *series,
                                  int            *index)
{
  g_return_val_if_fail (CARE_IS_TREND_CHART (self), FALSE);

  if (series != NULL)
    *series = self->focus_series;
  if (index != NULL)
    *index = self->focus_index;
  return self->focus_index >= 0;
}

/* The first series with points, starting at @from and going by @step. */
static int
series_with_points (CareTrendChart *self,
                    int             from,
                    int             step)
{
  for (int i = from, n = 0; n < (int) self->series->len; i += step, n++)
    {
      int s = ((i % (int) self->series->len) + (int) self->series->len) % (int) self->series->len;

      if (care_series_get_n_points (g_ptr_array_index (self->series, s)) > 0)
        return s;
    }
  return -1;
}

static void
move_focus (CareTrendChart *self,
            int             step)
{
  CareSeries *series;
  guint n;
  int s, index;

  if (self->focus_index < 0)
    {
      /* The first press starts at the last point on screen (the newest
       * result is what people look for) or the first one going back. */
      s = series_with_points (self, 0, 1);
      if (s < 0)
        return;
      series = g_ptr_array_index (self->series, s);
      /* Home and End go to the series' ends, wherever the view is. */
      if (ABS (step) > 1)
        index = step > 0 ? (int) care_series_get_n_points (series) - 1 : 0;
      else
        index = care_series_find_nearest_time (series, (gint64) (step > 0 ? self->view.start
                                                                             : self->view.end));
      care_trend_chart_set_focus_point (self, s, index);
      return;
    }

  series = g_ptr_array_index (self->series, self->focus_series);
  n = care_series_get_n_points (series);
  index = CLAMP (self->focus_index + step, 0, (int) n - 1);
  care_trend_chart_set_focus_point (self, self->focus_series, index);
}

static void
move_focus_series (CareTrendChart *self,
                   int             step)
{
  const CareSeriesPoint *p;
  int s;

  if (self->focus_index < 0 || self->series->len < 2)
    return;

  p = care_series_get_point (g_ptr_array_index (self->series, self->focus_series), self->focus_index);
  s = series_with_points (self, self->focus_series + step, step);
  if (s < 0)
    return;
  care_trend_chart_set_focus_point (self, s,
                                    care_series_find_nearest_time (g_ptr_array_index (self->series, s),
                                                                   p->time));
}

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CareTrendChart *self = CARE_TREND_CHART (widget);

  /* The latest choice wins: a pointer resting on a point must not pin
   * what a keyboard user hears to that point. It hovers again once it
   * moves. */
  if (g_str_has_prefix (action_name, "chart.focus-"))
    self->hover_series = self->hover_index = -1;
  if (g_str_equal (action_name, "chart.zoom-in"))
    care_trend_chart_zoom (self, ZOOM_STEP);
  else if (g_str_equal (action_name, "chart.zoom-out"))
    care_trend_chart_zoom (self, 1 / ZOOM_STEP);
  else if (g_str_equal (action_name, "chart.focus-next"))
    move_focus (self, 1);
  else if (g_str_equal (action_name, "chart.focus-previous"))
    move_focus (self, -1);
  else if (g_str_equal (action_name, "chart.focus-first"))
    move_focus (self, -G_MAXINT / 2);
  else if (g_str_equal (action_name, "chart.focus-last"))
    move_focus (self, G_MAXINT / 2);
  else if (g_str_equal (action_name, "chart.focus-series-next"))
    move_focus_series (self, 1);
  else if (g_str_equal (action_name, "chart.focus-series-previous"))
    move_focus_series (self, -1);
}

/**
 * care_trend_chart_zoom:
 * @self: a chart
 * @factor: above 1 zooms in, below 1 out
 *
 * Zooms around the focused point, or the middle of the view.
 */
void
care_trend_chart_zoom (CareTrendChart *self,
                       double          factor)
{
  double anchor = (self->view.start + self->view.end) / 2;

  g_return_if_fail (CARE_IS_TREND_CHART (self));

  if (self->focus_index >= 0)
    anchor = (double) care_series_get_point (g_ptr_array_index (self->series, self->focus_series),
                                             self->focus_index)->time;
  care_chart_view_zoom (&self->view, factor, anchor);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * care_trend_chart_pan:
 * @self: a chart
 * @seconds: how far to move the view; positive goes later
 */
void
care_trend_chart_pan (CareTrendChart *self,
                      double          seconds)
{
  g_return_if_fail (CARE_IS_TREND_CHART (self));

  care_chart_view_pan (&self->view, seconds);
  update_range_shown (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * care_trend_chart_get_visible_range:
 * @self: a chart
 * @start: (out): the first time shown (Unix seconds)
 * @end: (out): the last
 */
void
care_trend_chart_get_visible_range (CareTrendChart *self,
                                    double         *start,
                                    double         *end)
{
  g_return_if_fail (CARE_IS_TREND_CHART (self));

  *start = self->view.start;
  *end = self->view.end;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              CareTrendChart           *self)
{
  CareTrendChartLayout layout;
  CareTrendChartData data;
  int series = -1, index = -1;

  if (self->pointer_in && x == self->pointer_x && y == self->pointer_y)
    return;
  self->pointer_in = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  compute_layout (self, &layout);
  fill_data (self, &data);
  if (!care_trend_chart_hit_test (&layout, &data, x, y, HIT_RADIUS, &series, &index))
    series = index = -1;

  if (series != self->hover_series || index != self->hover_index)
    {
      self->hover_series = series;
      self->hover_index = index;
      update_focus_text (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             CareTrendChart           *self)
{
  self->pointer_in = FALSE;
  if (self->hover_index < 0)
    return;
  self->hover_series = self->hover_index = -1;
  update_focus_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              CareTrendChart           *self)
{
  CareTrendChartLayout layout;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  double x = 0, y = 0, anchor;

  compute_layout (self, &layout);

  /* Sideways scrolling (or Shift) pans; vertical scrolling zooms around
   * the pointer, as maps do. */
  if (dx != 0 || (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)) &
                  GDK_SHIFT_MASK))
    {
      double delta = dx != 0 ? dx : dy;

      care_chart_view_pan (&self->view, delta * 0.05 * (self->view.end - self->view.start));
    }
  else
    {
      if (event != NULL)
        gdk_event_get_position (event, &x, &y);
      anchor = care_chart_transform_data_x (&layout.transform, x);
      care_chart_view_zoom (&self->view, pow (ZOOM_STEP, -dy), anchor);
    }

  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  CareTrendChart *self)
{
  self->drag_start = self->view.start;
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   CareTrendChart *self)
{
  CareTrendChartLayout layout;
  double seconds_per_px;

  compute_layout (self, &layout);
  seconds_per_px = (self->view.end - self->view.start) / MAX (layout.transform.width, 1);
  care_chart_view_pan (&self->view, self->drag_start - dx * seconds_per_px - self->view.start);
  update_range_shown (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  CareTrendChart   *self)
{
  CareTrendChartLayout layout;
  double x = 0, y = 0;

  compute_layout (self, &layout);
  gtk_gesture_get_bounding_box_center (gesture, &x, &y);
  self->zoom_span = self->view.end - self->view.start;
  self->zoom_anchor = care_chart_transform_data_x (&layout.transform, x);
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          CareTrendChart *self)
{
  double current = self->view.end - self->view.start;

  if (scale <= 0)
    return;
  /* Relative to the span when the pinch began, so the fingers stay on their data. */
  care_chart_view_zoom (&self->view, current / (self->zoom_span / scale), self->zoom_anchor);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (AdwStyleManager *manager,
                    GParamSpec      *pspec,
                    CareTrendChart  *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
care_trend_chart_realize (GtkWidget *widget)
{
  AdwStyleManager *manager;

  GTK_WIDGET_CLASS (care_trend_chart_parent_class)->realize (widget);

  /* Per display, so the widget follows the display it is on. */
  manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed_cb), widget, 0);
}

static void
care_trend_chart_unrealize (GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));

  g_signal_handlers_disconnect_by_func (manager, on_dark_changed_cb, widget);
  GTK_WIDGET_CLASS (care_trend_chart_parent_class)->unrealize (widget);
}

static void
care_trend_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 320;
}

static void
care_trend_chart_dispose (GObject *object)
{
  CareTrendChart *self = CARE_TREND_CHART (object);

  if (self->series_model != NULL)
    g_signal_handlers_disconnect_by_func (self->series_model, on_items_changed_cb, self);
  g_clear_object (&self->series_model);
  g_ptr_array_set_size (self->series, 0);

  G_OBJECT_CLASS (care_trend_chart_parent_class)->dispose (object);
}

static void
care_trend_chart_finalize (GObject *object)
{
  CareTrendChart *self = CARE_TREND_CHART (object);

  g_ptr_array_unref (self->series);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->description);
  g_free (self->focus_text);

  G_OBJECT_CLASS (care_trend_chart_parent_class)->finalize (object);
}

static void
care_trend_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareTrendChart *self = CARE_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      g_value_set_object (value, self->series_model);
      break;
    case PROP_RANGE:
      g_value_set_enum (value, self->range);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_FOCUS_TEXT:
      g_value_set_string (value, self->focus_text);
      break;
    case PROP_RANGE_SHOWN:
      g_value_set_boolean (value, self->range_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_trend_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareTrendChart *self = CARE_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      care_trend_chart_set_series (self, g_value_get_object (value));
      break;
    case PROP_RANGE:
      care_trend_chart_set_range (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_trend_chart_class_init (CareTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_trend_chart_dispose;
  object_class->finalize = care_trend_chart_finalize;
  object_class->get_property = care_trend_chart_get_property;
  object_class->set_property = care_trend_chart_set_property;

  widget_class->snapshot = care_trend_chart_snapshot;
  widget_class->measure = care_trend_chart_measure;
  widget_class->realize = care_trend_chart_realize;
  widget_class->unrealize = care_trend_chart_unrealize;

  properties[PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANGE] =
    g_param_spec_enum ("range", NULL, NULL, CARE_TYPE_CHART_RANGE, CARE_CHART_RANGE_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_TEXT] =
    g_param_spec_string ("focus-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CareTrendChart:range-shown:
   *
   * Whether the chart shows what #CareTrendChart:range gives, not a view
   * the user panned or zoomed away from it.
   */
  properties[PROP_RANGE_SHOWN] =
    g_param_spec_boolean ("range-shown", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-next", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-previous", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-first", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-last", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-series-next", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-series-previous", NULL, action_cb);
  gtk_widget_class_install_property_action (widget_class, "chart.range", "range");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.focus-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.focus-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.focus-first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.focus-last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.focus-series-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.focus-series-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "chart.zoom-out", NULL);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
care_trend_chart_init (CareTrendChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();

  self->series = g_ptr_array_new_with_free_func (g_object_unref);
  self->range = CARE_CHART_RANGE_ALL;
  self->range_shown = TRUE;
  self->hover_series = self->hover_index = -1;
  self->focus_series = self->focus_index = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart. The arrow keys move from point to point."), -1);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  reload (self);
}

/**
 * care_trend_chart_new:
 *
 * Returns: (transfer full): a new, empty chart
 */
GtkWidget *
care_trend_chart_new (void)
{
  return g_object_new (CARE_TYPE_TREND_CHART, NULL);
}

GListModel *
care_trend_chart_get_series (CareTrendChart *self)
{
  g_return_val_if_fail (CARE_IS_TREND_CHART (self), NULL);
  return self->series_model;
}

/**
 * care_trend_chart_set_series:
 * @self: a chart
 * @series: (nullable): a model of #CareSeries that share a unit (merge
 *   them with care_series_merge() first; the chart draws them on one axis)
 *
 * Shows @series, following the model's changes.
 */
void
care_trend_chart_set_series (CareTrendChart *self,
                             GListModel     *series)
{
  g_return_if_fail (CARE_IS_TREND_CHART (self));
  g_return_if_fail (series == NULL || G_IS_LIST_MODEL (series));

  if (self->series_model == series)
    return;

  if (self->series_model != NULL)
    g_signal_handlers_disconnect_by_func (self->series_model, on_items_changed_cb, self);
  g_set_object (&self->series_model, series);
  if (series != NULL)
    g_signal_connect (series, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
}

CareChartRange
care_trend_chart_get_range (CareTrendChart *self)
{
  g_return_val_if_fail (CARE_IS_TREND_CHART (self), CARE_CHART_RANGE_ALL);
  return self->range;
}

/**
 * care_trend_chart_set_range:
 * @self: a chart
 * @range: a preset
 *
 * Shows the last @range of the data (the "chart.range" action sets it too).
 */
void
care_trend_chart_set_range (CareTrendChart *self,
                            CareChartRange  range)
{
  gboolean changed;

  g_return_if_fail (CARE_IS_TREND_CHART (self));

  /* Applied again when unchanged: choosing the preset after panning
   * away from it goes back to it. */
  changed = self->range != range;
  self->range = range;
  care_chart_view_apply_preset (&self->view, range);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
}

/**
 * care_trend_chart_get_range_shown:
 * @self: a chart
 *
 * Returns: %TRUE while the chart shows what its range preset gives
 */
gboolean
care_trend_chart_get_range_shown (CareTrendChart *self)
{
  g_return_val_if_fail (CARE_IS_TREND_CHART (self), FALSE);
  return self->range_shown;
}

/**
 * care_trend_chart_get_description:
 * @self: a chart
 *
 * Returns: the chart in words, as screen readers get it
 */
const char *
care_trend_chart_get_description (CareTrendChart *self)
{
  g_return_val_if_fail (CARE_IS_TREND_CHART (self), NULL);
  return self->description;
}

/**
 * care_trend_chart_get_focus_text:
 * @self: a chart
 *
 * Returns: (nullable): the focused point in words, for a label beside the chart
 */
const char *
care_trend_chart_get_focus_text (CareTrendChart *self)
{
  g_return_val_if_fail (CARE_IS_TREND_CHART (self), NULL);
  return self->focus_text;
}

/**
 * care_trend_chart_set_time_zone:
 * @self: a chart
 * @tz: (nullable): the zone dates are shown in; %NULL for local time
 */
void
care_trend_chart_set_time_zone (CareTrendChart *self,
                                GTimeZone      *tz)
{
  g_return_if_fail (CARE_IS_TREND_CHART (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (tz != NULL)
    self->tz = g_time_zone_ref (tz);
  update_description (self);
  update_focus_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * care_trend_chart_save:
 * @self: a chart
 * @path: a .png, .svg or .pdf file
 * @error: return location for an error
 *
 * Writes what the chart shows (its window, without hover) at its current
 * size, in the current style.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
care_trend_chart_save (CareTrendChart  *self,
                       const char      *path,
                       GError         **error)
{
  CareTrendChartData data;
  CareChartStyle style;

  g_return_val_if_fail (CARE_IS_TREND_CHART (self), FALSE);

  care_chart_style_from_widget (&style, GTK_WIDGET (self));
  fill_data (self, &data);
  data.focus_series = data.focus_index = -1;
  return care_trend_chart_export (path,
                                       MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640),
                                       MAX (gtk_widget_get_height (GTK_WIDGET (self)), 360),
                                       &data, &style, error);
}
