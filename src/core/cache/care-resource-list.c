/* care-resource-list.c — a lazily paged list of cached resources
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of CareResourceItems that knows how many rows its query
 * matches but reads them only when asked, a page of 100 at a time, so a
 * list of 50,000 results opens after one count. Two ways to find a page:
 * LIMIT/OFFSET over the query's SQL order (the usual case: the order comes
 * from an index), or a snapshot of row ids for full-text results, whose
 * ranking should not be recomputed for every page.
 *
 * Only a bounded number of pages stay loaded; the rest are read again on
 * demand (a list view holds on to the items it shows anyway).
 *
 * When the cache commits changes to the list's type, the list re-counts at
 * once, on the cache's thread, and says all its items changed. Doing it
 * synchronously means the count can never disagree with what a page holds.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-resource-item.h"
#include "care-resource-list.h"

#define MAX_PAGES 64

struct _CareResourceList
{
  GObject         parent_instance;

  CareCache      *cache;
  CareCacheQuery *query;
  guint           n_items;
  GArray         *rids;
  GHashTable     *pages;
  GQueue          page_order;
  gulong          changed_id;
  guint           n_page_loads;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareResourceList, care_resource_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
care_resource_list_dispose (GObject *object)
{
  CareResourceList *self = (CareResourceList *)object;

  if (self->cache != NULL)
    g_clear_signal_handler (&self->changed_id, self->cache);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->page_order);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (care_resource_list_parent_class)->dispose (object);
}

static void
care_resource_list_finalize (GObject *object)
{
  CareResourceList *self = (CareResourceList *)object;

  g_clear_pointer (&self->query, care_cache_query_unref);
  g_clear_pointer (&self->rids, g_array_unref);

  G_OBJECT_CLASS (care_resource_list_parent_class)->finalize (object);
}

static void
care_resource_list_class_init (CareResourceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_resource_list_dispose;
  object_class->finalize = care_resource_list_finalize;
}

static void
care_resource_list_init (CareResourceList *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

static GType
get_item_type (GListModel *model)
{
  return CARE_TYPE_RESOURCE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return CARE_RESOURCE_LIST (model)->n_items;
}

static GPtrArray *
load_page_by_offset (CareResourceList *self,
                     guint             page)
{
  sqlite3 *db = care_cache_get_db (self->cache);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = care_cache_prepare_page (db, self->query, &error);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  int n_binds;

  if (stmt == NULL)
    {
      g_debug ("Cannot read a page of a cached list: %s", error->message);
      return items;
    }

  n_binds = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_int (stmt, n_binds - 1, CARE_RESOURCE_LIST_PAGE_SIZE);
  sqlite3_bind_int64 (stmt, n_binds, (gint64)page * CARE_RESOURCE_LIST_PAGE_SIZE);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (items, care_resource_item_new_from_row (self->cache, stmt));
  sqlite3_finalize (stmt);

  return items;
}

static GPtrArray *
load_page_by_rids (CareResourceList *self,
                   guint             page)
{
  sqlite3 *db = care_cache_get_db (self->cache);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_rid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GString) sql = g_string_new ("SELECT " CARE_CACHE_ITEM_COLUMNS " FROM resources r WHERE r.rid IN (");
  guint first = page * CARE_RESOURCE_LIST_PAGE_SIZE;
  guint last = MIN (first + CARE_RESOURCE_LIST_PAGE_SIZE, self->rids->len);
  sqlite3_stmt *stmt = NULL;

  for (guint i = first; i < last; i++)
    g_string_append (sql, i > first ? ",?" : "?");
  g_string_append (sql, ")");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Cannot read a page of a cached list: %s", sqlite3_errmsg (db));
      return items;
    }
  for (guint i = first; i < last; i++)
    sqlite3_bind_int64 (stmt, i - first + 1, g_array_index (self->rids, gint64, i));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CareResourceItem *item = care_resource_item_new_from_row (self->cache, stmt);
      gint64 *key = g_new (gint64, 1);

      *key = care_resource_item_get_rid (item);
      g_hash_table_insert (by_rid, key, item);
    }
  sqlite3_finalize (stmt);

  for (guint i = first; i < last; i++)
    {
      gint64 rid = g_array_index (self->rids, gint64, i);
      CareResourceItem *item = g_hash_table_lookup (by_rid, &rid);

      if (item != NULL)
        g_ptr_array_add (items, g_object_ref (item));
    }
  return items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CareResourceList *self = CARE_RESOURCE_LIST (model);
  guint page = position / CARE_RESOURCE_LIST_PAGE_SIZE;
  guint offset = position % CARE_RESOURCE_LIST_PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = self->rids != NULL ? load_page_by_rids (self, page) : load_page_by_offset (self, page);
      self->n_page_loads++;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
      g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
      if (g_queue_get_length (&self->page_order) > MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
    }

  return offset < items->len ? g_object_ref (g_ptr_array_index (items, offset)) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
refresh (CareResourceList *self)
{
  sqlite3 *db = care_cache_get_db (self->cache);
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);

  if (self->rids != NULL)
    {
      GArray *rids = care_cache_collect_rids (db, self->query, &error);

      if (rids != NULL)
        {
          g_array_unref (self->rids);
          self->rids = rids;
        }
      else
        g_array_set_size (self->rids, 0);
      self->n_items = self->rids->len;
    }
  else
    {
      gint64 n = care_cache_count_query (db, self->query, &error);

      self->n_items = n > 0 ? (guint)n : 0;
    }
  if (error != NULL)
    g_debug ("Cannot refresh a cached list: %s", error->message);

  if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

static void
on_cache_changed_cb (CareCache        *cache,
                     const char       *type,
                     CareResourceList *self)
{
  refresh (self);
}

/* Makes a list over @query. @n_items is the count if already known (from
 * a worker), or -1 to count now; @rids (taken) switches to snapshot mode. */
GListModel *
care_resource_list_new (CareCache      *cache,
                        CareCacheQuery *query,
                        gint64          n_items,
                        GArray         *rids)
{
  CareResourceList *self = g_object_new (CARE_TYPE_RESOURCE_LIST, NULL);
  g_autofree char *signal = NULL;

  self->cache = g_object_ref (cache);
  self->query = care_cache_query_ref (query);
  self->rids = rids;
  if (rids != NULL)
    self->n_items = rids->len;
  else if (n_items >= 0)
    self->n_items = n_items;
  else
    {
      g_autoptr(GError) error = NULL;
      gint64 n = care_cache_count_query (care_cache_get_db (cache), query, &error);

      self->n_items = n > 0 ? (guint)n : 0;
    }

  signal = query->type != NULL ? g_strdup_printf ("changed::%s", query->type) : g_strdup ("changed");
  self->changed_id = g_signal_connect (cache, signal, G_CALLBACK (on_cache_changed_cb), self);

  return G_LIST_MODEL (self);
}

/**
 * care_resource_list_get_n_page_loads:
 * @self: a list
 *
 * For tests and benchmarks: how many pages have been read so far.
 *
 * Returns: the number of page reads
 */
guint
care_resource_list_get_n_page_loads (CareResourceList *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_LIST (self), 0);
  return self->n_page_loads;
}
