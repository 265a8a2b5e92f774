/* care-results-view.c — the Test Results section
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lab and imaging results, newest first, a card per day. A row is a
 * DiagnosticReport, or an Observation that no report groups, so a panel
 * is one row and not nine; an ImagingStudy no report reads yet is a row
 * of its own. The queries (reports, laboratory and imaging Observations,
 * imaging studies) are paged lists over the cache's columns; only
 * the reports' own JSON is read, to learn which Observations they group,
 * and an Observation's JSON is read when it is opened. Opening a result
 * clears its "New" mark, kept in the person's cache beside their record.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-cache.h"
#include "care-features.h"
#include "care-record.h"
#include "care-result-detail.h"
#include "care-result-row.h"
#include "care-results-build.h"
#include "care-results-view.h"

/* The types the results section owns (care-features.c). */
static const char * const *
result_types (void)
{
  static GStrv types;

  if (g_once_init_enter (&types))
    g_once_init_leave (&types, care_feature_dup_types (care_features_lookup ("results")));
  return (const char * const *)types;
}

/* The Observation categories that are test results (US Core); vital signs,
 * social history and the rest belong to other sections. */
static const char * const result_categories[] = { "laboratory", "imaging" };

/* The reports, an Observation query per category, then the imaging
 * studies (those no report reads yet are rows of their own). */
#define N_QUERIES (2 + G_N_ELEMENTS (result_categories))
#define STUDIES_SLOT (N_QUERIES - 1)

struct _CareResultsView
{
  AdwBin            parent_instance;

  CareContext      *context;
  GSignalGroup     *record_signals;
  GSignalGroup     *cache_signals;
  CareCache        *queried_cache;
  gboolean          dirty;
  GCancellable     *cancellable;
  GListModel       *lists[N_QUERIES];
  guint             n_pending;
  CareResultsBuild *build;
  guint             build_id;
  guint             build_nudge_id;
  gboolean          loaded;

  GListStore       *entries;
  GListStore       *visible;

  GtkStack         *pages;
  GtkBox           *list_page;
  GtkWidget        *search_clamp;
  GtkSearchEntry   *search_entry;
  GtkListView      *list_view;
  GtkWidget        *scrolled;
  CareResultDetail *detail;
  CareViewStack    *view_stack;
  gboolean          folded;
};

static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareResultsView, care_results_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                      section_page_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADED,
  N_PROPS,
  PROP_FOLDED = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static CareRecord *
get_record (CareResultsView *self)
{
  return self->context != NULL ? care_context_get_record (self->context) : NULL;
}

static CareCache *
get_cache (CareResultsView *self)
{
  CareRecord *record = get_record (self);

  return record != NULL ? care_record_get_cache (record) : NULL;
}

static void
set_loaded (CareResultsView *self,
            gboolean         loaded)
{
  if (self->loaded == loaded)
    return;
  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
update_state (CareResultsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n_entries = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  gtk_widget_set_visible (self->search_clamp, n_entries > 0);
  if (n_entries > 0 && text[0] != '\0' &&
      g_list_model_get_n_items (G_LIST_MODEL (self->visible)) == 0)
    care_view_stack_show_no_results (self->view_stack, text);
  else
    care_view_stack_update (self->view_stack, get_record (self), result_types (), n_entries);
}

/* The visible rows are replaced whole, not filtered in place: a row's day
 * heading and corners depend on its neighbours, so every row rebinds. */
static void
refilter (CareResultsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  folded = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareResultEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (care_result_entry_matches (entry, folded))
        g_ptr_array_add (matches, g_steal_pointer (&entry));
    }
  g_list_store_splice (self->visible, 0, g_list_model_get_n_items (G_LIST_MODEL (self->visible)),
                       matches->pdata, matches->len);
  update_state (self);
}

static void
on_search_changed_cb (CareResultsView *self)
{
  refilter (self);
}

static void
on_stop_search_cb (CareResultsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* A few milliseconds of work per main loop iteration. */
#define BUILD_BUDGET 400

/* The batches run in idle callbacks, below the frame clock, so the window
 * stays responsive while a long record loads. But while the "Getting your
 * record…" spinner turns on a loaded machine the frame clock is always due
 * (a frame takes longer than a frame), an idle callback never ran, and the
 * list stayed on the spinner until the section was left, which stops the
 * spinner. So a batch also runs every NUDGE_INTERVAL_MS at the default
 * priority: the build always ends, and frames still come between. */
#define NUDGE_INTERVAL_MS 100

static void
stop_build (CareResultsView *self)
{
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_handle_id (&self->build_nudge_id, g_source_remove);
  g_clear_pointer (&self->build, care_results_build_free);
}

/* One batch; the last one shows the rows and ends both sources. */
static gboolean
continue_build (CareResultsView *self)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (!care_results_build_step (self->build, BUILD_BUDGET))
    return G_SOURCE_CONTINUE;

  entries = care_results_build_finish (self->build);
  stop_build (self);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  refilter (self);
  set_loaded (self, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
build_step_cb (gpointer user_data)
{
  return continue_build (user_data);
}

static void
start_build (CareResultsView *self)
{
  self->build_id = g_idle_add (build_step_cb, self);
  self->build_nudge_id = g_timeout_add_full (G_PRIORITY_DEFAULT, NUDGE_INTERVAL_MS, build_step_cb,
                                             self, NULL);
}

typedef struct
{
  CareResultsView *self;
  GCancellable    *cancellable;
  guint            slot;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
on_list_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  QueryData *data = user_data;
  CareResultsView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = care_cache_query_finish (CARE_CACHE (source), result, &error);

  /* A newer query replaced this one, or the view went away. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      query_data_free (data);
      return;
    }

  if (list == NULL)
    {
      g_debug ("Cannot query the cached results: %s", error->message);
      g_cancellable_cancel (data->cancellable);
      care_view_stack_show_error (self->view_stack,
                                  _("The test results in the offline copy could not be read. "
                                    "Syncing again may repair it."));
      set_loaded (self, TRUE);
      query_data_free (data);
      return;
    }

  g_set_object (&self->lists[data->slot], list);
  if (--self->n_pending == 0)
    {
      self->build = care_results_build_new (get_cache (self), self->lists[0], &self->lists[1],
                                            G_N_ELEMENTS (result_categories));
      care_results_build_set_studies (self->build, self->lists[STUDIES_SLOT]);
      /* The build holds the lists now; once it is done they go, or they
       * would re-count on every commit of the sync. */
      for (guint i = 0; i < N_QUERIES; i++)
        g_clear_object (&self->lists[i]);
      start_build (self);
    }
  query_data_free (data);
}

static void
requery (CareResultsView *self)
{
  CareCache *cache = get_cache (self);

  /* Changes committed from here on need another query. */
  g_signal_group_set_target (self->cache_signals, cache);
  g_set_object (&self->queried_cache, cache);
  self->dirty = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_build (self);
  for (guint i = 0; i < N_QUERIES; i++)
    g_clear_object (&self->lists[i]);
  set_loaded (self, FALSE);

  if (cache == NULL)
    {
      g_list_store_remove_all (self->entries);
      refilter (self);
      set_loaded (self, TRUE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->n_pending = N_QUERIES;
  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(CareCacheQuery) query = care_cache_query_new (i == 0 ? "DiagnosticReport"
                                                              : i == STUDIES_SLOT ? "ImagingStudy"
                                                              : "Observation");
      QueryData *data = g_new0 (QueryData, 1);

      if (i > 0 && i != STUDIES_SLOT)
        care_cache_query_set_category (query, result_categories[i - 1]);
      care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
      data->self = g_object_ref (self);
      data->cancellable = g_object_ref (self->cancellable);
      data->slot = i;
      care_cache_query_async (cache, query, self->cancellable, on_list_ready_cb, data);
    }
}

static void
on_cache_changed_cb (CareResultsView *self,
                     const char      *type)
{
  if (g_strv_contains (result_types (), type))
    self->dirty = TRUE;
}

static void
on_generation_changed_cb (CareResultsView *self)
{
  /* A sync that changed only messages or medications leaves the list as
   * it is; reading thousands of rows again would be wasted. What it may
   * have changed is why the list is empty (withheld, failed…). */
  if (self->dirty || get_cache (self) != self->queried_cache)
    requery (self);
  else if (self->loaded)
    update_state (self);
}

static void
on_record_changed_cb (CareResultsView *self)
{
  g_signal_group_set_target (self->record_signals, get_record (self));
  /* Another person's record: their list, from its top. */
  care_result_detail_clear (self->detail);
  gtk_stack_set_visible_child_name (self->pages, "list");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  requery (self);
}

/**
 * care_results_view_open:
 * @self: a #CareResultsView
 * @entry: a result of the list
 *
 * Shows @entry's detail and remembers, in the person's cache, that it was
 * opened.
 */
void
care_results_view_open (CareResultsView *self,
                        CareResultEntry *entry)
{
  CareCache *cache = get_cache (self);
  CareResourceItem *item;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARE_IS_RESULTS_VIEW (self));
  g_return_if_fail (CARE_IS_RESULT_ENTRY (entry));

  if (cache == NULL)
    return;

  item = care_result_entry_get_item (entry);
  key = care_result_entry_dup_opened_key (entry);
  if (!care_cache_set_meta (cache, key, "1", &error))
    g_debug ("Cannot remember that a result was opened: %s", error->message);
  care_result_entry_set_new (entry, FALSE);

  care_result_detail_show (self->detail, cache, care_resource_item_get_resource_type (item),
                           care_resource_item_get_id (item));
  gtk_stack_set_visible_child_name (self->pages, "detail");
  care_result_detail_focus (self->detail);
}

/**
 * care_results_view_open_item:
 * @self: a #CareResultsView
 * @type: "DiagnosticReport", "Observation" or "ImagingStudy"
 * @id: the resource's id
 *
 * Shows the result's detail straight from the cache, whether or not the
 * list has loaded yet (a notification opens it while the view re-queries
 * for the person it switched to), and clears its "New" mark.
 *
 * Returns: %TRUE if the result is in the person's cache and is shown;
 *   otherwise the list is
 */
gboolean
care_results_view_open_item (CareResultsView *self,
                             const char      *type,
                             const char      *id)
{
  CareCache *cache;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), FALSE);
  g_return_val_if_fail (type != NULL && id != NULL, FALSE);

  cache = get_cache (self);
  if (cache == NULL || !g_strv_contains (result_types (), type) ||
      !care_cache_contains (cache, type, id))
    {
      /* Not another result's page for this one: the list. */
      care_result_detail_clear (self->detail);
      gtk_stack_set_visible_child_name (self->pages, "list");
      return FALSE;
    }

  key = care_result_dup_opened_key (type, id);
  if (!care_cache_set_meta (cache, key, "1", &error))
    g_debug ("Cannot remember that a result was opened: %s", error->message);
  /* A list already built shows the mark; one still building reads it. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareResultEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      CareResourceItem *item = care_result_entry_get_item (entry);

      if (g_strcmp0 (care_resource_item_get_resource_type (item), type) == 0 &&
          g_strcmp0 (care_resource_item_get_id (item), id) == 0)
        care_result_entry_set_new (entry, FALSE);
    }

  care_result_detail_clear (self->detail);
  care_result_detail_show (self->detail, cache, type, id);
  gtk_stack_set_visible_child_name (self->pages, "detail");
  care_result_detail_focus (self->detail);
  return TRUE;
}

static void
on_row_activated_cb (CareResultsView *self,
                     guint            position)
{
  g_autoptr(CareResultEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->visible), position);

  if (entry != NULL)
    care_results_view_open (self, entry);
}

/**
 * care_results_view_go_back:
 * @self: a #CareResultsView
 *
 * From a test of a panel back to the panel; from a result back to the list.
 *
 * Returns: %TRUE if there was somewhere to go back to
 */
gboolean
care_results_view_go_back (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), FALSE);

  if (!care_results_view_is_showing_detail (self))
    return FALSE;
  if (care_result_detail_go_back (self->detail))
    return TRUE;

  gtk_stack_set_visible_child_name (self->pages, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return TRUE;
}

gboolean
care_results_view_is_showing_detail (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "detail") == 0;
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  care_results_view_go_back (CARE_RESULTS_VIEW (widget));
}

static gboolean
on_back_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  return care_results_view_go_back (CARE_RESULTS_VIEW (widget));
}

static gboolean
on_find_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  CareResultsView *self = CARE_RESULTS_VIEW (widget);

  /* The shortcut is the window's, but only the view on screen takes it. */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_visible (self->search_clamp))
    return FALSE;
  if (care_results_view_is_showing_detail (self))
    {
      care_result_detail_clear (self->detail);
      gtk_stack_set_visible_child_name (self->pages, "list");
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CareResultsView          *self)
{
  gtk_list_item_set_child (list_item, care_result_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CareResultsView          *self)
{
  CareResultEntry *entry = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible));
  g_autoptr(CareResultEntry) previous = NULL;
  g_autoptr(CareResultEntry) next = NULL;

  if (position > 0)
    previous = g_list_model_get_item (G_LIST_MODEL (self->visible), position - 1);
  if (position + 1 < n)
    next = g_list_model_get_item (G_LIST_MODEL (self->visible), position + 1);
  care_result_row_set_entry (CARE_RESULT_ROW (gtk_list_item_get_child (list_item)), entry,
                             previous, next);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CareResultsView          *self)
{
  care_result_row_set_entry (CARE_RESULT_ROW (gtk_list_item_get_child (list_item)), NULL, NULL, NULL);
}

static void
care_results_view_constructed (GObject *object)
{
  CareResultsView *self = (CareResultsView *)object;

  G_OBJECT_CLASS (care_results_view_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "notify::record", G_CALLBACK (on_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_record_changed_cb (self);
}

static void
care_results_view_dispose (GObject *object)
{
  CareResultsView *self = (CareResultsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_build (self);
  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  if (self->cache_signals != NULL)
    g_signal_group_set_target (self->cache_signals, NULL);
  g_clear_object (&self->cache_signals);
  g_clear_object (&self->queried_cache);
  for (guint i = 0; i < N_QUERIES; i++)
    g_clear_object (&self->lists[i]);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_RESULTS_VIEW);
  g_clear_object (&self->visible);
  g_clear_object (&self->entries);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (care_results_view_parent_class)->dispose (object);
}

static void
care_results_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CareResultsView *self = CARE_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_results_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CareResultsView *self = CARE_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_FOLDED:
      care_results_view_set_folded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_results_view_class_init (CareResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_results_view_constructed;
  object_class->dispose = care_results_view_dispose;
  object_class->get_property = care_results_view_get_property;
  object_class->set_property = care_results_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CARE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CareResultsView:loaded:
   *
   * Whether the list shows the latest query of the record on screen.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The window shows one pane at a time, with Back in its header. */
  g_object_class_override_property (object_class, PROP_FOLDED, "folded");

  g_type_ensure (CARE_TYPE_RESULT_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/results/care-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, pages);
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, list_page);
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, search_clamp);
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CareResultsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "results.back", NULL, back_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_back_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, on_back_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, GDK_ALT_MASK, on_back_shortcut_cb, NULL);
}

static void
care_results_view_init (CareResultsView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;
  GtkShortcut *find;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (CARE_TYPE_RESULT_ENTRY);
  self->visible = g_list_store_new (CARE_TYPE_RESULT_ENTRY);
  self->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify::generation",
                                  G_CALLBACK (on_generation_changed_cb), self);
  self->cache_signals = g_signal_group_new (CARE_TYPE_CACHE);
  g_signal_group_connect_swapped (self->cache_signals, "changed",
                                  G_CALLBACK (on_cache_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->visible)))));

  /* The list sits in a CareViewStack, so loading, withheld and the other
   * states replace it; the search entry stays above it. */
  self->view_stack = CARE_VIEW_STACK (care_view_stack_new (care_features_lookup ("results")->icon_name,
                                                           _("No Test Results Yet"),
                                                           _("Lab and imaging results from your health "
                                                             "system will be listed here, newest first, "
                                                             "with their reference ranges and your "
                                                             "clinician’s comments.")));
  care_view_stack_set_empty_action (self->view_stack, _("Sync Now"), "win.refresh");
  g_object_ref (self->scrolled);
  gtk_box_remove (self->list_page, self->scrolled);
  care_view_stack_set_content (self->view_stack, self->scrolled);
  g_object_unref (self->scrolled);
  gtk_widget_set_vexpand (GTK_WIDGET (self->view_stack), TRUE);
  gtk_box_append (self->list_page, GTK_WIDGET (self->view_stack));

  /* Ctrl+F wherever the focus is, as long as this view is on screen. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  find = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                           gtk_callback_action_new (on_find_shortcut_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), find);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * care_results_view_new:
 * @context: the window's context
 *
 * Returns: (transfer floating): a new Test Results view
 */
GtkWidget *
care_results_view_new (CareContext *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_RESULTS_VIEW, "context", context, NULL);
}

/* The section table's constructor. */
GtkWidget *
care_results_view_create (GObject *context)
{
  return care_results_view_new (CARE_CONTEXT (context));
}

CareViewStack *
care_results_view_get_view_stack (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), NULL);
  return self->view_stack;
}

/**
 * care_results_view_get_entries:
 * @self: a #CareResultsView
 *
 * Returns: (transfer none): the rows shown, after the search
 */
GListModel *
care_results_view_get_entries (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->visible);
}

GtkWidget *
care_results_view_get_list_view (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), NULL);
  return GTK_WIDGET (self->list_view);
}

GtkEditable *
care_results_view_get_search_entry (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkWidget *
care_results_view_get_detail (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), NULL);
  return GTK_WIDGET (self->detail);
}

gboolean
care_results_view_get_loaded (CareResultsView *self)
{
  g_return_val_if_fail (CARE_IS_RESULTS_VIEW (self), FALSE);
  return self->loaded;
}

/**
 * care_results_view_set_folded:
 * @self: a #CareResultsView
 * @folded: whether the window shows one pane at a time
 *
 * A folded window has Back in its header, which calls
 * care_results_view_go_back() first; the detail's own Back then hides.
 */
void
care_results_view_set_folded (CareResultsView *self,
                              gboolean         folded)
{
  g_return_if_fail (CARE_IS_RESULTS_VIEW (self));

  folded = !!folded;
  if (self->folded == folded)
    return;
  self->folded = folded;
  care_result_detail_set_show_back (self->detail, !folded);
  g_object_notify (G_OBJECT (self), "folded");
}

static gboolean
section_page_go_back (CareSectionPage *page)
{
  return care_results_view_go_back (CARE_RESULTS_VIEW (page));
}

static gboolean
section_page_open_item (CareSectionPage *page,
                        const char      *type,
                        const char      *id)
{
  return care_results_view_open_item (CARE_RESULTS_VIEW (page), type, id);
}

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  iface->go_back = section_page_go_back;
  iface->open_item = section_page_open_item;
}
