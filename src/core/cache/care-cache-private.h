/* care-cache-private.h — what the cache's files share among themselves
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "care-cache.h"
#include "care-resource-item.h"

G_BEGIN_DECLS

enum {
  STMT_FIND,
  STMT_TOUCH,
  STMT_INSERT,
  STMT_UPDATE,
  STMT_DELETE_TOKENS,
  STMT_INSERT_TOKEN,
  STMT_DELETE_TEXT,
  STMT_INSERT_TEXT,
  STMT_INSERT_TEXT_DOCUMENT,
  STMT_FIND_VERSION,
  STMT_READ_JSON,
  STMT_INSERT_TOKENS_8,
  STMT_INSERT_TOKENS_64,
  STMT_INSERT_PENDING_TEXT,
  N_STMTS
};

struct _CareCache
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GThread      *owner;
  sqlite3_stmt *stmts[N_STMTS];
  guint64       generation;
  /* Stores for care_cache_store_async(), in order, on a thread of their
   * own with a connection (a second CareCache) of their own: the jobs
   * wait in writer_queue, and each item of the pool wakes the thread to
   * take what is there (care-cache-writer.c). */
  GThreadPool  *writer_pool;
  GAsyncQueue  *writer_queue;
  CareCache    *writer;
  /* A first sync's load, indexes built at its end (care-cache-index.c). */
  gboolean      loading;
};

/* A connection belongs to one thread (STYLE.md §5), as in Epiphany's
 * history service. */
#define assert_owner(self) g_assert ((self)->owner == g_thread_self ())

struct _CareCacheQuery
{
  gatomicrefcount  ref_count;
  char            *type;
  char            *category;
  char            *code_system;
  char            *code;
  char            *status;
  gint64           since;
  gint64           until;
  char            *text;
  CareCacheSort    sort;
};

/* The columns every item is built from, in this order. */
/* The page size of a new cache file (care_cache_open()). */
#define CARE_CACHE_PAGE_SIZE 32768

#define CARE_CACHE_ITEM_COLUMNS \
  "r.rid, r.type, r.id, r.display, r.effective, r.status, r.category, r.code, " \
  "r.value_text, r.interpretation, r.value_num, r.value_unit, r.last_updated"

sqlite3_stmt     *care_cache_get_stmt            (CareCache      *self,
                                                  guint           which,
                                                  GError        **error);
gboolean          care_cache_exec                (CareCache      *self,
                                                  const char     *sql,
                                                  GError        **error);
void              care_cache_bind_text_or_null   (sqlite3_stmt   *stmt,
                                                  int             column,
                                                  const char     *text);
void              care_cache_emit_changed        (CareCache      *self,
                                                  GHashTable     *types);
sqlite3          *care_cache_get_db              (CareCache      *self);
gboolean          care_cache_store_records       (CareCache      *self,
                                                  GPtrArray      *records,
                                                  CareCacheOrigin origin,
                                                  gint64          pass,
                                                  guint          *out_n_changed,
                                                  GPtrArray      *added,
                                                  GPtrArray      *updated,
                                                  guint           max_ids,
                                                  GHashTable     *changed_types,
                                                  GError        **error);
gboolean          care_cache_store_records_in    (CareCache      *self,
                                                  GPtrArray      *records,
                                                  CareCacheOrigin origin,
                                                  gint64          pass,
                                                  guint          *out_n_changed,
                                                  GPtrArray      *added,
                                                  GPtrArray      *updated,
                                                  guint           max_ids,
                                                  GHashTable     *changed_types,
                                                  GError        **error);
void              care_cache_writer_free         (CareCache      *self);
gboolean          care_cache_db_is_indexing      (sqlite3        *db);
gboolean          care_cache_begin_load          (CareCache      *self,
                                                  gboolean       *out_loading,
                                                  GError        **error);
gboolean          care_cache_end_load            (CareCache      *self,
                                                  gboolean       *out_ended,
                                                  GError        **error);
void              care_cache_salvage             (CareCache      *self,
                                                  const char     *damaged);
gboolean          care_cache_set_error           (CareCache      *self,
                                                  sqlite3        *db,
                                                  int             rc,
                                                  GError        **error);
sqlite3          *care_cache_open_reader         (CareCache      *self,
                                                  GError        **error);
void              care_cache_query_build         (CareCacheQuery *query,
                                                  gboolean        indexing,
                                                  const char     *columns,
                                                  gboolean        for_count,
                                                  GString        *sql,
                                                  GPtrArray      *binds);
sqlite3_stmt     *care_cache_prepare_page        (sqlite3        *db,
                                                  CareCacheQuery *query,
                                                  GError        **error);
gboolean          care_cache_bind_all            (sqlite3_stmt   *stmt,
                                                  GPtrArray      *binds);
char             *care_cache_dup_fts_query       (const char     *text);
GArray           *care_cache_collect_rids        (sqlite3        *db,
                                                  CareCacheQuery *query,
                                                  GError        **error);
gint64            care_cache_count_query         (sqlite3        *db,
                                                  CareCacheQuery *query,
                                                  GError        **error);
CareResourceItem *care_resource_item_new_from_row (CareCache     *cache,
                                                   sqlite3_stmt  *stmt);
gint64            care_resource_item_get_rid     (CareResourceItem *self);
GListModel       *care_resource_list_new         (CareCache      *cache,
                                                  CareCacheQuery *query,
                                                  gint64          n_items,
                                                  GArray         *rids);

G_END_DECLS
