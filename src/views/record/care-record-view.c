/* care-record-view.c — the base of a view of the record on screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every list view used to repeat: the window's CareContext as a
 * construct-only property, following the person on screen (the context's
 * "record") and their data (the record's "generation" after a sync that
 * stored something, its cache being opened or rebuilt, its cache error),
 * one GCancellable renewed at each load and cancelled on dispose, and
 * toasts through the window's `win.toast` action. A subclass implements
 * `populate` (and `load` if it reads asynchronously, as CareRecordList
 * does); the first load starts when the view is constructed, so set up
 * what a load needs in init.
 */
#include "config.h"

#include "care-record-view.h"

typedef struct
{
  CareContext  *context;
  CareRecord   *record;
  GSignalGroup *record_signals;
  GCancellable *cancellable;
  char         *last_toast;
  gboolean      folded;
} CareRecordViewPrivate;

static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CareRecordView, care_record_view, ADW_TYPE_BIN,
                                  G_ADD_PRIVATE (CareRecordView)
                                  G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                         section_page_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  N_PROPS,
  PROP_FOLDED = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum {
  POPULATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
care_record_view_real_load (CareRecordView *self,
                            CareRecord     *record,
                            GCancellable   *cancellable)
{
  care_record_view_populate (self);
}

static void
care_record_view_real_populate (CareRecordView *self)
{
}

/**
 * care_record_view_reload:
 * @self: a #CareRecordView
 *
 * Cancels what the last load started and loads the record on screen again.
 */
void
care_record_view_reload (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_if_fail (CARE_IS_RECORD_VIEW (self));

  /* After dispose nothing loads any more. */
  if (priv->context == NULL)
    return;
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
  CARE_RECORD_VIEW_GET_CLASS (self)->load (self, priv->record, priv->cancellable);
}

/**
 * care_record_view_populate:
 * @self: a #CareRecordView
 *
 * Runs the view's populate: what a load calls once it has read the record.
 */
void
care_record_view_populate (CareRecordView *self)
{
  g_return_if_fail (CARE_IS_RECORD_VIEW (self));

  CARE_RECORD_VIEW_GET_CLASS (self)->populate (self);
  g_signal_emit (self, signals[POPULATED], 0);
}

static void
on_record_changed_cb (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);
  CareRecord *record = care_context_get_record (priv->context);

  if (!g_set_object (&priv->record, record))
    return;
  g_signal_group_set_target (priv->record_signals, record);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
  care_record_view_reload (self);
}

static void
care_record_view_constructed (GObject *object)
{
  CareRecordView *self = (CareRecordView *)object;
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  G_OBJECT_CLASS (care_record_view_parent_class)->constructed (object);

  g_return_if_fail (CARE_IS_CONTEXT (priv->context));

  g_signal_connect_object (priv->context, "notify::record", G_CALLBACK (on_record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_object (&priv->record, care_context_get_record (priv->context));
  g_signal_group_set_target (priv->record_signals, priv->record);
  care_record_view_reload (self);
}

static void
care_record_view_dispose (GObject *object)
{
  CareRecordView *self = (CareRecordView *)object;
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  if (priv->record_signals != NULL)
    g_signal_group_set_target (priv->record_signals, NULL);
  g_clear_object (&priv->record_signals);
  g_clear_object (&priv->record);
  if (priv->context != NULL)
    g_signal_handlers_disconnect_by_data (priv->context, self);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (care_record_view_parent_class)->dispose (object);
}

static void
care_record_view_finalize (GObject *object)
{
  CareRecordView *self = (CareRecordView *)object;
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_free (priv->last_toast);

  G_OBJECT_CLASS (care_record_view_parent_class)->finalize (object);
}

static void
care_record_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareRecordView *self = CARE_RECORD_VIEW (object);
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;

    case PROP_RECORD:
      g_value_set_object (value, priv->record);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, priv->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_record_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareRecordView *self = CARE_RECORD_VIEW (object);
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;

    case PROP_FOLDED:
      if (priv->folded != g_value_get_boolean (value))
        {
          priv->folded = g_value_get_boolean (value);
          g_object_notify (object, "folded");
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_record_view_class_init (CareRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = care_record_view_constructed;
  object_class->dispose = care_record_view_dispose;
  object_class->finalize = care_record_view_finalize;
  object_class->get_property = care_record_view_get_property;
  object_class->set_property = care_record_view_set_property;

  klass->load = care_record_view_real_load;
  klass->populate = care_record_view_real_populate;

  /**
   * CareRecordView:context:
   *
   * The window's services; the record on screen is its "record".
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CARE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CareRecordView:record:
   *
   * The record the view shows, %NULL when nobody is signed in.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CARE_TYPE_RECORD,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_FOLDED, "folded");

  /**
   * CareRecordView::populated:
   *
   * The view has just been filled from the record (after its populate).
   */
  signals[POPULATED] =
    g_signal_new ("populated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
care_record_view_init (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (priv->record_signals, "notify::generation",
                                  G_CALLBACK (care_record_view_reload), self);
  g_signal_group_connect_swapped (priv->record_signals, "notify::cache-error",
                                  G_CALLBACK (care_record_view_reload), self);
  g_signal_group_connect_swapped (priv->record_signals, "notify::cache",
                                  G_CALLBACK (care_record_view_reload), self);
}

static gboolean
section_page_open_item (CareSectionPage *page,
                        const char      *type,
                        const char      *id)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (CARE_RECORD_VIEW (page));
  CareCache *cache = priv->record != NULL ? care_record_get_cache (priv->record) : NULL;

  /* The section is on screen; the item has no page of its own. */
  return cache != NULL && care_cache_contains (cache, type, id);
}

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  iface->open_item = section_page_open_item;
}

/**
 * care_record_view_get_context:
 * @self: a #CareRecordView
 *
 * Returns: (transfer none): the window's context
 */
CareContext *
care_record_view_get_context (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_val_if_fail (CARE_IS_RECORD_VIEW (self), NULL);

  return priv->context;
}

/**
 * care_record_view_get_record:
 * @self: a #CareRecordView
 *
 * Returns: (transfer none) (nullable): the record shown
 */
CareRecord *
care_record_view_get_record (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_val_if_fail (CARE_IS_RECORD_VIEW (self), NULL);

  return priv->record;
}

/**
 * care_record_view_get_cancellable:
 * @self: a #CareRecordView
 *
 * Returns: (transfer none): cancelled when the record on screen changes,
 *   at the next load and on dispose
 */
GCancellable *
care_record_view_get_cancellable (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_val_if_fail (CARE_IS_RECORD_VIEW (self), NULL);

  return priv->cancellable;
}

gboolean
care_record_view_get_folded (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_val_if_fail (CARE_IS_RECORD_VIEW (self), FALSE);

  return priv->folded;
}

/**
 * care_record_view_show_toast:
 * @self: a #CareRecordView
 * @text: a short message
 *
 * Shows @text in the window's toast overlay, through the `win.toast`
 * action (a view never needs the window's type).
 */
void
care_record_view_show_toast (CareRecordView *self,
                             const char     *text)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_if_fail (CARE_IS_RECORD_VIEW (self));
  g_return_if_fail (text != NULL);

  g_free (priv->last_toast);
  priv->last_toast = g_strdup (text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

/**
 * care_record_view_get_last_toast:
 * @self: a #CareRecordView
 *
 * Returns: (nullable): the last toast shown, for tests
 */
const char *
care_record_view_get_last_toast (CareRecordView *self)
{
  CareRecordViewPrivate *priv = care_record_view_get_instance_private (self);

  g_return_val_if_fail (CARE_IS_RECORD_VIEW (self), NULL);

  return priv->last_toast;
}
