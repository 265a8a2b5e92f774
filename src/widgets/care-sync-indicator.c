/* care-sync-indicator.c — the header's refresh button and sync status
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a refresh button while idle and, while syncing, a ring that fills
 * with the sync's overall progress; its popover has a bar for the whole
 * sync and one per section being synced (the engine's per-type progress,
 * grouped by the section that shows each type: people know "Test Results",
 * not "DiagnosticReport"). It keeps a "status-text" ("Updated 5 minutes
 * ago", "Syncing…", "Offline") that the window shows under the sidebar.
 * The text is refreshed every half minute while the widget is mapped, so
 * it never goes stale on screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-features.h"
#include "care-sync-indicator.h"
#include "care-time.h"

#define OTHER_GROUP "other"

struct _CareSyncIndicator
{
  AdwBin         parent_instance;

  CareSyncState  *state;
  CareSyncEngine *engine;
  gulong          type_progress_id;
  char           *status_text;
  guint           tick_id;
  guint           rows_idle_id;
  GStrv           row_groups;

  GtkStack       *stack;
  GtkButton      *refresh_button;
  GtkMenuButton  *progress_button;
  GtkDrawingArea *ring;
  GtkLabel       *overall_label;
  GtkProgressBar *overall_bar;
  GtkGrid        *type_grid;
};

G_DEFINE_FINAL_TYPE (CareSyncIndicator, care_sync_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  PROP_STATUS_TEXT,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status_text (CareSyncIndicator *self,
                 const char        *text)
{
  if (g_strcmp0 (self->status_text, text) == 0)
    return;

  g_free (self->status_text);
  self->status_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

/**
 * care_sync_indicator_update:
 * @self: a #CareSyncIndicator
 *
 * Recomputes what the indicator shows from its sync state and the clock.
 */
void
care_sync_indicator_update (CareSyncIndicator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *updated = NULL;
  CareSyncPhase phase;
  gboolean syncing;

  g_return_if_fail (CARE_IS_SYNC_INDICATOR (self));

  phase = care_sync_state_get_phase (self->state);
  syncing = phase == CARE_SYNC_PHASE_SYNCING;
  updated = care_time_dup_updated_text (care_sync_state_get_last_synced (self->state), now);

  gtk_stack_set_visible_child_name (self->stack, syncing ? "syncing" : "idle");
  if (!syncing)
    gtk_popover_popdown (gtk_menu_button_get_popover (self->progress_button));

  if (syncing)
    {
      g_autofree char *percent = NULL;
      double progress = care_sync_state_get_progress (self->state);

      set_status_text (self, _("Syncing…"));
      /* Translators: %1$d is how much of the sync is done, in percent */
      percent = g_strdup_printf (_("Syncing… %1$d%%"), (int)(CLAMP (progress, 0, 1) * 100));
      gtk_label_set_label (self->overall_label, percent);
      gtk_progress_bar_set_fraction (self->overall_bar, CLAMP (progress, 0, 1));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_button), percent);
      gtk_widget_set_has_tooltip (GTK_WIDGET (self->progress_button),
                                  !gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (self->progress_button))));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, percent, -1);
      gtk_widget_queue_draw (GTK_WIDGET (self->ring));
    }
  else if (!care_sync_state_get_online (self->state))
    {
      g_autofree char *offline = NULL;

      /* Translators: %s is "Updated 5 minutes ago" or "Not synced yet" */
      offline = g_strdup_printf (_("Offline · %s"), updated);
      set_status_text (self, offline);
    }
  else if (phase == CARE_SYNC_PHASE_FAILED)
    {
      g_autofree char *failed = NULL;

      /* Translators: %s is "Updated 5 minutes ago" or "Not synced yet" */
      failed = g_strdup_printf (_("Sync failed · %s"), updated);
      set_status_text (self, failed);
    }
  else
    set_status_text (self, updated);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button), self->status_text);
}

/* The section that shows @type (care-features.c); what only Home shows
 * (the patient, forms, tasks) is "other". */
static const char *
group_of (const char *type)
{
  const CareFeature *feature = care_features_for_type (type);

  return feature != NULL && !g_str_equal (feature->id, "home") ? feature->id : OTHER_GROUP;
}

static const char *
group_title (const char *group)
{
  const CareFeature *feature = g_str_equal (group, OTHER_GROUP) ? NULL : care_features_lookup (group);

  /* Translators: in the sync progress, the parts of the record that no
   * section shows (care plans, goals, questionnaires…) */
  return feature != NULL ? _(feature->title) : C_("sync progress", "Other Records");
}

/* The groups in sidebar order, "other" last, with each one's progress:
 * the mean of its types'. */
static GStrv
collect_groups (CareSyncIndicator *self,
                GArray            *fractions)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) types = self->engine != NULL ? care_sync_engine_dup_progress_types (self->engine) : NULL;
  guint n_sections = care_features_get_n_items ();

  for (guint i = 0; i <= n_sections; i++)
    {
      const char *group = i < n_sections ? care_features_get (i)->id : OTHER_GROUP;
      double sum = 0;
      double fraction;
      guint n = 0;

      for (guint j = 0; types != NULL && types[j] != NULL; j++)
        if (g_str_equal (group_of (types[j]), group))
          {
            sum += care_sync_engine_get_type_progress (self->engine, types[j]);
            n++;
          }
      if (n == 0)
        continue;
      fraction = sum / n;
      g_strv_builder_add (builder, group);
      g_array_append_val (fractions, fraction);
    }
  return g_strv_builder_end (builder);
}

static gboolean
update_rows_cb (gpointer user_data)
{
  CareSyncIndicator *self = user_data;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) groups = NULL;
  GtkWidget *child;

  self->rows_idle_id = 0;
  groups = collect_groups (self, fractions);

  /* Rebuilt only when the groups change; otherwise only the bars move. */
  if (self->row_groups == NULL || !g_strv_equal ((const char * const *)groups,
                                                 (const char * const *)self->row_groups))
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->type_grid))) != NULL)
        gtk_grid_remove (self->type_grid, child);
      for (guint i = 0; groups[i] != NULL; i++)
        {
          GtkWidget *label = gtk_label_new (group_title (groups[i]));
          GtkWidget *bar = gtk_progress_bar_new ();

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          /* Narrow windows wrap a long section name rather than cut it. */
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_widget_set_hexpand (bar, TRUE);
          gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label,
                                          NULL, -1);
          gtk_grid_attach (self->type_grid, label, 0, i, 1, 1);
          gtk_grid_attach (self->type_grid, bar, 1, i, 1, 1);
        }
      g_strfreev (self->row_groups);
      self->row_groups = g_strdupv (groups);
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      GtkWidget *bar = gtk_grid_get_child_at (self->type_grid, 1, i);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), g_array_index (fractions, double, i));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->type_grid), groups[0] != NULL);

  return G_SOURCE_REMOVE;
}

static void
queue_update_rows (CareSyncIndicator *self)
{
  /* A sync reports progress for every type on every page: draw at most
   * once a frame's worth. */
  if (self->rows_idle_id == 0)
    self->rows_idle_id = g_timeout_add (100, update_rows_cb, self);
}

static void
on_type_progress_cb (CareSyncEngine    *engine,
                     const char        *type,
                     double             fraction,
                     CareSyncIndicator *self)
{
  queue_update_rows (self);
}

/* The tooltip would cover the open popover, which says the same. */
static void
on_popover_shown_cb (GtkPopover        *popover,
                     CareSyncIndicator *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->progress_button), FALSE);
  update_rows_cb (self);
}

static void
on_popover_closed_cb (GtkPopover        *popover,
                      CareSyncIndicator *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->progress_button), TRUE);
}

static void
draw_ring (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  CareSyncIndicator *self = user_data;
  double fraction = CLAMP (care_sync_state_get_progress (self->state), 0, 1);
  double radius = MIN (width, height) / 2.0 - 1.5;
  GdkRGBA color;

  if (radius <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The track, faint; then what is done, from twelve o'clock. */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.25);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_stroke (cr);
  if (fraction > 0)
    {
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
      cairo_arc (cr, width / 2.0, height / 2.0, radius, -G_PI / 2, -G_PI / 2 + 2 * G_PI * fraction);
      cairo_stroke (cr);
    }
}

/**
 * care_sync_indicator_set_engine:
 * @self: a #CareSyncIndicator
 * @engine: (nullable): the engine whose per-type progress to show
 */
void
care_sync_indicator_set_engine (CareSyncIndicator *self,
                                CareSyncEngine    *engine)
{
  g_return_if_fail (CARE_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || CARE_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_clear_signal_handler (&self->type_progress_id, self->engine);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    self->type_progress_id = g_signal_connect_object (engine, "type-progress",
                                                      G_CALLBACK (on_type_progress_cb), self, 0);
  queue_update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

/**
 * care_sync_indicator_get_engine:
 * @self: a #CareSyncIndicator
 *
 * Returns: (transfer none) (nullable): the engine it follows
 */
CareSyncEngine *
care_sync_indicator_get_engine (CareSyncIndicator *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_INDICATOR (self), NULL);

  return self->engine;
}

static void
on_state_notify_cb (CareSyncState     *state,
                    GParamSpec        *pspec,
                    CareSyncIndicator *self)
{
  care_sync_indicator_update (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  care_sync_indicator_update (CARE_SYNC_INDICATOR (user_data));

  return G_SOURCE_CONTINUE;
}

static void
care_sync_indicator_map (GtkWidget *widget)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (widget);

  GTK_WIDGET_CLASS (care_sync_indicator_parent_class)->map (widget);

  care_sync_indicator_update (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
}

static void
care_sync_indicator_unmap (GtkWidget *widget)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (care_sync_indicator_parent_class)->unmap (widget);
}

static void
care_sync_indicator_constructed (GObject *object)
{
  CareSyncIndicator *self = (CareSyncIndicator *)object;

  G_OBJECT_CLASS (care_sync_indicator_parent_class)->constructed (object);

  g_signal_connect_object (self->state, "notify",
                           G_CALLBACK (on_state_notify_cb), self, 0);
  care_sync_indicator_update (self);
}

static void
care_sync_indicator_dispose (GObject *object)
{
  CareSyncIndicator *self = (CareSyncIndicator *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->rows_idle_id, g_source_remove);
  if (self->engine != NULL)
    g_clear_signal_handler (&self->type_progress_id, self->engine);
  g_clear_object (&self->engine);
  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (care_sync_indicator_parent_class)->dispose (object);
}

static void
care_sync_indicator_finalize (GObject *object)
{
  CareSyncIndicator *self = (CareSyncIndicator *)object;

  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->row_groups, g_strfreev);

  G_OBJECT_CLASS (care_sync_indicator_parent_class)->finalize (object);
}

static void
care_sync_indicator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;

    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_indicator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CareSyncIndicator *self = CARE_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;

    case PROP_ENGINE:
      care_sync_indicator_set_engine (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_sync_indicator_class_init (CareSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_sync_indicator_constructed;
  object_class->dispose = care_sync_indicator_dispose;
  object_class->finalize = care_sync_indicator_finalize;
  object_class->get_property = care_sync_indicator_get_property;
  object_class->set_property = care_sync_indicator_set_property;

  widget_class->map = care_sync_indicator_map;
  widget_class->unmap = care_sync_indicator_unmap;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         CARE_TYPE_SYNC_STATE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         CARE_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/widgets/care-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, stack);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, progress_button);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, ring);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, overall_label);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, overall_bar);
  gtk_widget_class_bind_template_child (widget_class, CareSyncIndicator, type_grid);
}

static void
care_sync_indicator_init (CareSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->ring, draw_ring, self, NULL);
  g_signal_connect_object (gtk_menu_button_get_popover (self->progress_button), "show",
                           G_CALLBACK (on_popover_shown_cb), self, 0);
  g_signal_connect_object (gtk_menu_button_get_popover (self->progress_button), "closed",
                           G_CALLBACK (on_popover_closed_cb), self, 0);
}

/**
 * care_sync_indicator_new:
 * @state: the sync state to follow
 *
 * Returns: (transfer floating): a new indicator
 */
GtkWidget *
care_sync_indicator_new (CareSyncState *state)
{
  g_return_val_if_fail (CARE_IS_SYNC_STATE (state), NULL);

  return g_object_new (CARE_TYPE_SYNC_INDICATOR, "state", state, NULL);
}

/**
 * care_sync_indicator_get_state:
 * @self: a #CareSyncIndicator
 *
 * Returns: (transfer none): the sync state
 */
CareSyncState *
care_sync_indicator_get_state (CareSyncIndicator *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_INDICATOR (self), NULL);

  return self->state;
}

const char *
care_sync_indicator_get_status_text (CareSyncIndicator *self)
{
  g_return_val_if_fail (CARE_IS_SYNC_INDICATOR (self), NULL);

  return self->status_text;
}
