/* care-sandbox-store.h — the sandbox portal's FHIR resources in SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/**
 * CareSandboxSearch:
 * @type: the resource type
 * @patient: (nullable): only resources in this patient's compartment (an id)
 * @params: (nullable): FHIR search parameters (name → value, both strings;
 *   names may carry a modifier, values may carry a prefix or a system)
 * @sort_descending: newest first by the type's date
 * @sort_last_updated: sort by _lastUpdated instead of the type's date
 * @count: page size
 * @snapshot: only rows at or below this row id (0: the current maximum)
 * @after_key: (nullable): keyset cursor: the sort key of the last row seen
 * @after_rid: keyset cursor: the row id of the last row seen
 * @exclude_category: (nullable): leave out resources with this category
 *   code (what a proxy may not see)
 *
 * One page of a search. Paging is by keyset over (sort key, row id) and
 * pinned to a snapshot of row ids taken at the first page, so next links
 * stay correct while resources are added (they are past the snapshot) or
 * deleted (the rest keep their keys): no page repeats or skips a
 * resource. An update keeps its row; in _lastUpdated order it moves to
 * the end, so a resource updated while a client pages may come again on
 * a later page (a repeat, never a gap; clients de-duplicate by id).
 */
typedef struct
{
  const char *type;
  const char *patient;
  GHashTable *params;
  gboolean    sort_descending;
  gboolean    sort_last_updated;
  guint       count;
  gint64      snapshot;
  const char *after_key;
  gint64      after_rid;
  const char *exclude_category;
} CareSandboxSearch;

/**
 * CareSandboxPage:
 * @resources: the JSON text of each resource on the page
 * @ids: the id of each resource on the page
 * @snapshot: the snapshot the page was read from
 * @last_key: (nullable): the sort key of the last row, for the next cursor
 * @last_rid: the row id of the last row
 * @more: whether another page follows
 */
typedef struct
{
  GPtrArray *resources;
  GPtrArray *ids;
  gint64     snapshot;
  char      *last_key;
  gint64     last_rid;
  gboolean   more;
} CareSandboxPage;

void care_sandbox_page_free (CareSandboxPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSandboxPage, care_sandbox_page_free)

#define CARE_TYPE_SANDBOX_STORE (care_sandbox_store_get_type ())

G_DECLARE_FINAL_TYPE (CareSandboxStore, care_sandbox_store, CARE, SANDBOX_STORE, GObject)

CareSandboxStore *care_sandbox_store_new        (const char        *path,
                                                 GError           **error);
sqlite3          *care_sandbox_store_get_db     (CareSandboxStore  *self);
gboolean          care_sandbox_store_begin      (CareSandboxStore  *self,
                                                 GError           **error);
gboolean          care_sandbox_store_commit     (CareSandboxStore  *self,
                                                 GError           **error);
void              care_sandbox_store_rollback   (CareSandboxStore  *self);
JsonObject       *care_sandbox_store_put        (CareSandboxStore  *self,
                                                 JsonObject        *resource,
                                                 GError           **error);
JsonObject       *care_sandbox_store_get        (CareSandboxStore  *self,
                                                 const char        *type,
                                                 const char        *id);
char             *care_sandbox_store_get_text   (CareSandboxStore  *self,
                                                 const char        *type,
                                                 const char        *id,
                                                 int               *out_version,
                                                 gboolean          *out_deleted);
char             *care_sandbox_store_get_version_text (CareSandboxStore *self,
                                                       const char       *type,
                                                       const char       *id,
                                                       int               version,
                                                       gboolean         *out_deleted);
gboolean          care_sandbox_store_delete     (CareSandboxStore  *self,
                                                 const char        *type,
                                                 const char        *id,
                                                 GError           **error);
CareSandboxPage  *care_sandbox_store_search     (CareSandboxStore  *self,
                                                 const CareSandboxSearch *search,
                                                 GError           **error);
GPtrArray        *care_sandbox_store_history    (CareSandboxStore  *self,
                                                 const char        *type,
                                                 const char        *id,
                                                 const char        *since,
                                                 const char        *before_key,
                                                 gint64             before_rid,
                                                 guint              count);
guint             care_sandbox_store_count      (CareSandboxStore  *self,
                                                 const char        *type);
void              care_sandbox_store_set_today  (CareSandboxStore  *self,
                                                 GDate             *today);
void              care_sandbox_store_get_today  (CareSandboxStore  *self,
                                                 GDate             *out_today);
void              care_sandbox_store_set_bulk_stamps (CareSandboxStore *self,
                                                      guint             n_expected);
void              care_sandbox_store_set_clock_offset (CareSandboxStore *self,
                                                       gint64            seconds);
gint64            care_sandbox_store_now        (CareSandboxStore  *self);
char             *care_sandbox_store_dup_patient_of (JsonObject    *resource);

G_END_DECLS
