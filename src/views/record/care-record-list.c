/* care-record-list.c — a searchable, grouped list of one record's resources
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base class of every list view (medications, allergies, health
 * issues, immunizations, plan of care, messages, appointments, billing,
 * sharing). CareRecordView follows the record on screen and loads; the
 * list's load runs the view's cache queries, and when they are done it
 * clears its rows and calls the view's populate, which fills boxed-list
 * groups of rows. The list keeps, beside each row, the words a
 * search matches, so filtering never reads labels back; it chooses the
 * CareViewStack state (loading, empty, withheld, error, damaged) from the
 * rows it got and the sync state of the view's types, and it holds the
 * write path every view uses: can the portal take it, queue it in the
 * outbox, send it, say so in a toast, or explain the portal will not.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-record-list.h"
#include "care-record-list-private.h"

#include "care-features.h"
#include "care-focus-mark.h"
#include "care-fhir.h"
#include "care-sync-engine.h"

#include <string.h>
#include <time.h>

G_DEFINE_TYPE_WITH_PRIVATE (CareRecordList, care_record_list, CARE_TYPE_RECORD_VIEW)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_SEARCH_PLACEHOLDER,
  PROP_TYPES,
  PROP_FEATURE,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_free (entry->subtitle);
  g_free (entry->tags);
  g_free (entry);
}

/* The form of words a search compares: normalized and case-folded. */
char *
care_record_list_fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL)
    return g_strdup ("");
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

/* Shows the rows the search matches and chooses the stack's state. */
void
care_record_list_apply_filter (CareRecordList *self)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  GHashTableIter iter;
  gpointer group;
  guint n_visible = 0;

  for (guint i = 0; i < PRIV (self)->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (PRIV (self)->entries, i);
      gboolean visible = PRIV (self)->needle == NULL || strstr (entry->key, PRIV (self)->needle) != NULL;

      gtk_widget_set_visible (entry->row, visible);
      g_hash_table_add (listed, entry->group);
      if (visible)
        {
          g_hash_table_add (shown, entry->group);
          n_visible++;
        }
    }

  /* A group with rows, none of them matching, goes away with them. */
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &group, NULL))
    gtk_widget_set_visible (group, g_hash_table_contains (shown, group));

  if (PRIV (self)->entries->len == 0 && PRIV (self)->load_failed &&
      (record == NULL || care_record_get_cache_error (record) == NULL))
    /* Nothing to show because the offline copy could not be read: say so,
     * rather than "none". */
    care_view_stack_show_error (PRIV (self)->stack, _("This part of the offline copy could not be read. "
                                               "Try again after the next sync."));
  else if (PRIV (self)->needle != NULL && n_visible == 0 && PRIV (self)->entries->len > 0)
    care_view_stack_show_no_results (PRIV (self)->stack,
                                     gtk_editable_get_text (GTK_EDITABLE (PRIV (self)->search_entry)));
  else
    care_view_stack_update (PRIV (self)->stack, record,
                            PRIV (self)->types != NULL ? PRIV (self)->types : (const char *[]) { NULL },
                            PRIV (self)->entries->len);
}

static void
on_search_changed_cb (CareRecordList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (PRIV (self)->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&PRIV (self)->needle, g_free);
  if (stripped[0] != '\0')
    PRIV (self)->needle = care_record_list_fold (stripped);
  care_record_list_apply_filter (self);
}

static void
on_stop_search_cb (CareRecordList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (PRIV (self)->search_entry), "");
}

static void
clear_rows (CareRecordList *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (PRIV (self)->entries, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (PRIV (self)->groups_box))) != NULL)
    gtk_box_remove (PRIV (self)->groups_box, child);
}

static void
finish_load (CareRecordList *self)
{
  /* A focus on a row or a button of the list would go with the old
   * widgets: it goes to what stands in their place. */
  g_autoptr(CareFocusMark) focus = care_focus_mark_new (GTK_WIDGET (PRIV (self)->groups_box));

  clear_rows (self);
  care_record_view_populate (CARE_RECORD_VIEW (self));
  gtk_widget_set_visible (PRIV (self)->search_clamp, PRIV (self)->entries->len > 0);
  care_record_list_apply_filter (self);
  if (focus != NULL)
    care_focus_mark_restore (focus, GTK_WIDGET (PRIV (self)->groups_box));

  if (!PRIV (self)->loaded)
    {
      PRIV (self)->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

typedef struct
{
  CareRecordList *self;
  GCancellable   *cancellable;
  char           *key;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_object_unref (load->cancellable);
  g_free (load->key);
  g_free (load);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Load *load = user_data;
  CareRecordList *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = care_cache_query_finish (CARE_CACHE (source), result, &error);

  if (g_cancellable_is_cancelled (load->cancellable))
    {
      load_free (load);
      return;
    }

  if (model == NULL)
    {
      g_debug ("A record list query failed: %s", error->message);
      PRIV (self)->load_failed = TRUE;
    }
  else
    g_hash_table_insert (PRIV (self)->results, g_strdup (load->key), g_steal_pointer (&model));

  if (--PRIV (self)->n_pending == 0)
    finish_load (self);
  load_free (load);
}

/* CareRecordView.load: runs the queries on the record on screen, then
 * populates. */
static void
care_record_list_load (CareRecordView *view,
                       CareRecord     *record,
                       GCancellable   *cancellable)
{
  CareRecordList *self = CARE_RECORD_LIST (view);
  CareCache *cache;

  g_hash_table_remove_all (PRIV (self)->results);
  PRIV (self)->n_pending = 0;
  PRIV (self)->load_failed = FALSE;

  cache = record != NULL ? care_record_get_cache (record) : NULL;
  if (cache == NULL || PRIV (self)->queries->len == 0)
    {
      finish_load (self);
      return;
    }

  PRIV (self)->n_pending = PRIV (self)->queries->len;
  for (guint i = 0; i < PRIV (self)->queries->len; i++)
    {
      Load *load = g_new0 (Load, 1);

      load->self = g_object_ref (self);
      load->cancellable = g_object_ref (cancellable);
      load->key = g_strdup (g_ptr_array_index (PRIV (self)->keys, i));
      care_cache_query_async (cache, g_ptr_array_index (PRIV (self)->queries, i), cancellable,
                              query_done_cb, load);
    }
}

static void
on_record_changed_cb (CareRecordList *self,
                      GParamSpec     *pspec,
                      gpointer        user_data)
{
  /* Another person: their list starts unfiltered. */
  gtk_editable_set_text (GTK_EDITABLE (PRIV (self)->search_entry), "");
}

static void
care_record_list_dispose (GObject *object)
{
  CareRecordList *self = (CareRecordList *)object;

  g_cancellable_cancel (PRIV (self)->write_cancellable);
  g_clear_object (&PRIV (self)->write_cancellable);
  if (PRIV (self)->entries != NULL)
    g_ptr_array_set_size (PRIV (self)->entries, 0);
  g_clear_pointer (&PRIV (self)->results, g_hash_table_unref);

  G_OBJECT_CLASS (care_record_list_parent_class)->dispose (object);
}

static void
care_record_list_finalize (GObject *object)
{
  CareRecordList *self = (CareRecordList *)object;

  g_ptr_array_unref (PRIV (self)->queries);
  g_ptr_array_unref (PRIV (self)->keys);
  g_ptr_array_unref (PRIV (self)->entries);
  g_free (PRIV (self)->types);
  g_free (PRIV (self)->needle);
  g_free (PRIV (self)->icon_name);
  g_free (PRIV (self)->empty_title);
  g_free (PRIV (self)->empty_description);

  G_OBJECT_CLASS (care_record_list_parent_class)->finalize (object);
}

static void
care_record_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CareRecordList *self = CARE_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, PRIV (self)->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_record_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CareRecordList *self = CARE_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_free (PRIV (self)->icon_name);
      PRIV (self)->icon_name = g_value_dup_string (value);
      break;

    case PROP_EMPTY_TITLE:
      g_free (PRIV (self)->empty_title);
      PRIV (self)->empty_title = g_value_dup_string (value);
      break;

    case PROP_EMPTY_DESCRIPTION:
      g_free (PRIV (self)->empty_description);
      PRIV (self)->empty_description = g_value_dup_string (value);
      break;

    case PROP_SEARCH_PLACEHOLDER:
      g_object_set (PRIV (self)->search_entry, "placeholder-text", g_value_get_string (value), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (PRIV (self)->search_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      break;

    case PROP_FEATURE:
      {
        const CareFeature *feature = care_features_lookup (g_value_get_string (value));
        g_auto(GStrv) types = NULL;
        guint n;

        if (feature == NULL)
          break;
        types = care_feature_dup_types (feature);
        n = g_strv_length (types);
        g_free (PRIV (self)->types);
        PRIV (self)->types = g_new0 (const char *, n + 1);
        for (guint i = 0; i < n; i++)
          PRIV (self)->types[i] = g_intern_string (types[i]);
        if (PRIV (self)->icon_name == NULL)
          PRIV (self)->icon_name = g_strdup (feature->icon_name);
      }
      break;

    case PROP_TYPES:
      {
        g_auto(GStrv) types = g_strsplit (g_value_get_string (value) ?: "", " ", -1);
        guint n = g_strv_length (types);

        /* The names live as long as the class's interned strings. */
        g_free (PRIV (self)->types);
        PRIV (self)->types = g_new0 (const char *, n + 1);
        for (guint i = 0; i < n; i++)
          PRIV (self)->types[i] = g_intern_string (types[i]);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_record_list_constructed (GObject *object)
{
  CareRecordList *self = (CareRecordList *)object;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  /* The status pages need the texts, which the subclass's template set
   * in init; all is in place before CareRecordView's constructed loads. */
  PRIV (self)->stack = CARE_VIEW_STACK (care_view_stack_new (PRIV (self)->icon_name,
                                                             PRIV (self)->empty_title,
                                                             PRIV (self)->empty_description));
  gtk_widget_set_vexpand (GTK_WIDGET (PRIV (self)->stack), TRUE);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_start (GTK_WIDGET (PRIV (self)->groups_box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (PRIV (self)->groups_box), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (PRIV (self)->groups_box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (PRIV (self)->groups_box), 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (PRIV (self)->groups_box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  care_view_stack_set_content (PRIV (self)->stack, scroller);

  /* Typing anywhere in the list starts a search, as in GNOME's lists. */
  gtk_search_entry_set_key_capture_widget (PRIV (self)->search_entry, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (box), PRIV (self)->search_clamp);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (PRIV (self)->stack));
  adw_bin_set_child (ADW_BIN (self), box);

  G_OBJECT_CLASS (care_record_list_parent_class)->constructed (object);
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CareRecordList *self = CARE_RECORD_LIST (widget);

  if (!gtk_widget_get_visible (PRIV (self)->search_clamp))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (PRIV (self)->search_entry));
}

static void
care_record_list_class_init (CareRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = care_record_list_constructed;
  object_class->dispose = care_record_list_dispose;
  object_class->finalize = care_record_list_finalize;
  object_class->get_property = care_record_list_get_property;
  object_class->set_property = care_record_list_set_property;

  CARE_RECORD_VIEW_CLASS (klass)->load = care_record_list_load;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH_PLACEHOLDER] =
    g_param_spec_string ("search-placeholder", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TYPES] =
    g_param_spec_string ("types", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  /**
   * CareRecordList:feature:
   *
   * The id of the feature area the list shows (care-features.c): its
   * types (whose sync state explains an empty list) and its icon.
   */
  properties[PROP_FEATURE] =
    g_param_spec_string ("feature", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "recordlist");
  gtk_widget_class_add_binding (GTK_WIDGET_CLASS (klass), GDK_KEY_f, GDK_CONTROL_MASK,
                                focus_search, NULL);
}

static void
care_record_list_init (CareRecordList *self)
{
  GtkWidget *search_clamp = adw_clamp_new ();

  PRIV (self)->queries = g_ptr_array_new_with_free_func ((GDestroyNotify)care_cache_query_unref);
  PRIV (self)->keys = g_ptr_array_new_with_free_func (g_free);
  PRIV (self)->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  PRIV (self)->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  PRIV (self)->write_cancellable = g_cancellable_new ();
  g_signal_connect (self, "notify::record", G_CALLBACK (on_record_changed_cb), NULL);

  PRIV (self)->groups_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));

  PRIV (self)->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (PRIV (self)->search_entry), TRUE);
  g_signal_connect_swapped (PRIV (self)->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (PRIV (self)->search_entry, "stop-search",
                            G_CALLBACK (on_stop_search_cb), self);
  adw_clamp_set_maximum_size (ADW_CLAMP (search_clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (search_clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (search_clamp), GTK_WIDGET (PRIV (self)->search_entry));
  gtk_widget_set_margin_start (GTK_WIDGET (PRIV (self)->search_entry), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (PRIV (self)->search_entry), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (PRIV (self)->search_entry), 12);
  gtk_widget_set_visible (search_clamp, FALSE);
  PRIV (self)->search_clamp = search_clamp;
}

CareRecordListPrivate *
care_record_list_get_priv (CareRecordList *self)
{
  return care_record_list_get_instance_private (self);
}

CareViewStack *
care_record_list_get_stack (CareRecordList *self)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  return PRIV (self)->stack;
}

GtkSearchEntry *
care_record_list_get_search_entry (CareRecordList *self)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  return PRIV (self)->search_entry;
}

gboolean
care_record_list_get_loaded (CareRecordList *self)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), FALSE);

  return PRIV (self)->loaded;
}

/**
 * care_record_list_add_query:
 * @self: a #CareRecordList
 * @key: the name its results go by
 * @query: what to ask the cache on each load
 */
void
care_record_list_add_query (CareRecordList *self,
                            const char     *key,
                            CareCacheQuery *query)
{
  g_return_if_fail (CARE_IS_RECORD_LIST (self));
  g_return_if_fail (key != NULL && query != NULL);

  g_ptr_array_add (PRIV (self)->queries, care_cache_query_ref (query));
  g_ptr_array_add (PRIV (self)->keys, g_strdup (key));
}

/**
 * care_record_list_get_results:
 * @self: a #CareRecordList
 * @key: a query's key
 *
 * Returns: (transfer none) (nullable): the #CareResourceItem model of the
 *   last load, or %NULL if that query failed
 */
GListModel *
care_record_list_get_results (CareRecordList *self,
                              const char     *key)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  return g_hash_table_lookup (PRIV (self)->results, key);
}
