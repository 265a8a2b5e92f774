/* care-growth-chart.c — a child's growth chart, with hover and keyboard focus
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws core's care_growth_chart_draw() in snapshot(). The pointer or the
 * arrow keys pick a measurement, whose value, percentile, z-score and age
 * the chart shows beside it; the text alternative and the focused point's
 * text come from core, so they are translated and tested there.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-chart-widget-style.h"
#include "care-growth-chart-draw.h"
#include "care-growth-chart.h"

#define HIT_RADIUS 12.0

struct _CareGrowthChart
{
  GtkWidget            parent_instance;

  CareGrowthChartData *data;
  int                  hover_index;
  int                  focus_index;
  /* Where the pointer last moved to, in the widget: a motion event that
   * did not move it is no new choice of point. */
  double               pointer_x;
  double               pointer_y;
  gboolean             pointer_in;
  char                *description;
  char                *focus_text;
};

G_DEFINE_FINAL_TYPE (CareGrowthChart, care_growth_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_FOCUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
update_focus_text (CareGrowthChart *self)
{
  g_autofree char *text = NULL;
  /* The pointer's point while it hovers one; the arrow keys take over
   * until the pointer moves again (action_cb()). */
  int index = self->hover_index >= 0 ? self->hover_index : self->focus_index;

  if (self->data != NULL && index >= 0 && (guint) index < self->data->points->len)
    {
      g_autofree char *detail = NULL;
      g_autofree char *value = care_growth_chart_dup_point_label (self->data, index,
                                                                  NULL, &detail);

      /* Translators: a focused growth measurement: value and percentile, then details */
      text = g_strdup_printf (_("%1$s. %2$s"), value, detail);
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
care_growth_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CareGrowthChart *self = CARE_GROWTH_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  CareChartStyle style;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;

  care_chart_style_from_widget (&style, widget);
  self->data->focus_index = self->hover_index >= 0 ? self->hover_index
                          : gtk_widget_has_focus (widget) ? self->focus_index : -1;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  care_growth_chart_draw (cr, width, height, self->data, &style);
  cairo_destroy (cr);
}

/**
 * care_growth_chart_set_focus_index:
 * @self: a chart
 * @index: a measurement, or -1
 */
void
care_growth_chart_set_focus_index (CareGrowthChart *self,
                                   int              index)
{
  g_return_if_fail (CARE_IS_GROWTH_CHART (self));

  if (self->data == NULL || index < 0 || (guint) index >= self->data->points->len)
    index = -1;
  self->focus_index = index;
  update_focus_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
care_growth_chart_get_focus_index (CareGrowthChart *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_CHART (self), -1);
  return self->focus_index;
}

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CareGrowthChart *self = CARE_GROWTH_CHART (widget);
  int n = self->data != NULL ? (int) self->data->points->len : 0;

  if (n == 0)
    return;
  /* The latest choice wins: a pointer resting on a point (where the
   * window happened to open under it) must not pin what a keyboard user
   * hears to that point. It hovers again once it moves. */
  self->hover_index = -1;
  if (g_str_equal (action_name, "chart.focus-next"))
    care_growth_chart_set_focus_index (self, self->focus_index < 0 ? 0 : MIN (self->focus_index + 1, n - 1));
  else if (g_str_equal (action_name, "chart.focus-previous"))
    care_growth_chart_set_focus_index (self, self->focus_index < 0 ? n - 1 : MAX (self->focus_index - 1, 0));
  else if (g_str_equal (action_name, "chart.focus-first"))
    care_growth_chart_set_focus_index (self, 0);
  else if (g_str_equal (action_name, "chart.focus-last"))
    care_growth_chart_set_focus_index (self, n - 1);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              CareGrowthChart          *self)
{
  CareGrowthChartLayout layout;
  CareChartStyle style;
  int index;

  if (self->pointer_in && x == self->pointer_x && y == self->pointer_y)
    return;
  self->pointer_in = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->data == NULL)
    return;
  care_chart_style_init (&style, FALSE);
  care_growth_chart_compute_layout (gtk_widget_get_width (GTK_WIDGET (self)),
                                    gtk_widget_get_height (GTK_WIDGET (self)),
                                    self->data, &style, &layout);
  index = care_growth_chart_hit_test (&layout, self->data, x, y, HIT_RADIUS);
  if (index != self->hover_index)
    {
      self->hover_index = index;
      update_focus_text (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             CareGrowthChart          *self)
{
  self->pointer_in = FALSE;
  if (self->hover_index < 0)
    return;
  self->hover_index = -1;
  update_focus_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (AdwStyleManager *manager,
                    GParamSpec      *pspec,
                    CareGrowthChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
care_growth_chart_realize (GtkWidget *widget)
{
  AdwStyleManager *manager;

  GTK_WIDGET_CLASS (care_growth_chart_parent_class)->realize (widget);
  manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed_cb), widget, 0);
}

static void
care_growth_chart_unrealize (GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));

  g_signal_handlers_disconnect_by_func (manager, on_dark_changed_cb, widget);
  GTK_WIDGET_CLASS (care_growth_chart_parent_class)->unrealize (widget);
}

static void
care_growth_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 220;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 460;
}

static void
care_growth_chart_finalize (GObject *object)
{
  CareGrowthChart *self = CARE_GROWTH_CHART (object);

  g_clear_pointer (&self->data, care_growth_chart_data_free);
  g_free (self->description);
  g_free (self->focus_text);

  G_OBJECT_CLASS (care_growth_chart_parent_class)->finalize (object);
}

static void
care_growth_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CareGrowthChart *self = CARE_GROWTH_CHART (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_FOCUS_TEXT:
      g_value_set_string (value, self->focus_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_growth_chart_class_init (CareGrowthChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = care_growth_chart_finalize;
  object_class->get_property = care_growth_chart_get_property;

  widget_class->snapshot = care_growth_chart_snapshot;
  widget_class->measure = care_growth_chart_measure;
  widget_class->realize = care_growth_chart_realize;
  widget_class->unrealize = care_growth_chart_unrealize;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_TEXT] =
    g_param_spec_string ("focus-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.focus-next", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-previous", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-first", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "chart.focus-last", NULL, action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.focus-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.focus-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.focus-first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.focus-last", NULL);

  gtk_widget_class_set_css_name (widget_class, "growthchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
care_growth_chart_init (CareGrowthChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover_index = -1;
  self->focus_index = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart. The arrow keys move from point to point."), -1);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/**
 * care_growth_chart_new:
 *
 * Returns: (transfer full): a chart with nothing to show yet
 */
GtkWidget *
care_growth_chart_new (void)
{
  return g_object_new (CARE_TYPE_GROWTH_CHART, NULL);
}

/**
 * care_growth_chart_set_data:
 * @self: a chart
 * @data: (transfer full) (nullable): from care_growth_chart_data_new()
 *
 * Shows a chart; the accessible description follows.
 */
void
care_growth_chart_set_data (CareGrowthChart     *self,
                            CareGrowthChartData *data)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CARE_IS_GROWTH_CHART (self));

  g_clear_pointer (&self->data, care_growth_chart_data_free);
  self->data = data;
  self->hover_index = -1;
  self->focus_index = -1;

  if (data != NULL)
    text = care_growth_chart_data_describe (data);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
  set_string (&self->description, text, G_OBJECT (self), properties[PROP_DESCRIPTION]);
  update_focus_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const CareGrowthChartData *
care_growth_chart_get_data (CareGrowthChart *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_CHART (self), NULL);
  return self->data;
}

const char *
care_growth_chart_get_description (CareGrowthChart *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_CHART (self), NULL);
  return self->description;
}

const char *
care_growth_chart_get_focus_text (CareGrowthChart *self)
{
  g_return_val_if_fail (CARE_IS_GROWTH_CHART (self), NULL);
  return self->focus_text;
}

/**
 * care_growth_chart_save:
 * @self: a chart
 * @path: a .png, .svg or .pdf file (PDF for printing)
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written
 */
gboolean
care_growth_chart_save (CareGrowthChart  *self,
                        const char       *path,
                        GError          **error)
{
  CareChartStyle style;
  int focus;
  gboolean ok;

  g_return_val_if_fail (CARE_IS_GROWTH_CHART (self), FALSE);
  g_return_val_if_fail (self->data != NULL, FALSE);

  care_chart_style_from_widget (&style, GTK_WIDGET (self));
  focus = self->data->focus_index;
  self->data->focus_index = -1;
  ok = care_growth_chart_export (path, MAX (gtk_widget_get_width (GTK_WIDGET (self)), 720),
                                 MAX (gtk_widget_get_height (GTK_WIDGET (self)), 460),
                                 self->data, &style, error);
  self->data->focus_index = focus;
  return ok;
}
