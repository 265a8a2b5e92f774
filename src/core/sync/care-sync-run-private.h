/* care-sync-run-private.h — one sync's state, shared by its parts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * care-sync-run.c plans a sync and gathers its results; care-sync-search.c
 * runs each search, page by page; care-sync-value-sets.c then asks for the
 * answer lists the questionnaires name.
 */
#pragma once

#include "care-sync-engine-private.h"

G_BEGIN_DECLS

typedef struct _SyncRun SyncRun;

/* Appended to a search's first page where the server sorts (care-sync-run.c). */
#define SORT_NEWEST "&_sort=-date"
/* Resources asked for a page. A server may send fewer (FHIR lets it cut a
 * page to its own limit); one that refuses a page this big instead is
 * asked for pages of PAGE_SIZE_SMALL (care-sync-search.c). Fewer pages
 * are fewer round trips to a distant portal, and a fifth of the client's
 * CPU a resource at 500 against 100 (bench/README.md, "seventh stop"). */
#define PAGE_SIZE "500"
#define PAGE_SIZE_SMALL "100"

typedef struct
{
  SyncRun        *run;
  char           *type;
  gboolean        full;
  guint           n_searches;
  guint           n_done;
  guint           n_pages;
  CareFhirOutcomeKind outcome;
  char           *outcome_text;
  guint           n_foreign;      /* resources refused as not this list's */
  gboolean        truncated;      /* a search ran out of its budget */
  GError         *error;
  guint           n_changed;
  guint           n_removed;
  gboolean        first;
  GPtrArray      *added;
  GPtrArray      *updated;
} TypeRun;

struct _SyncRun
{
  CareSyncEngine *self;
  CareSyncFlags   flags;
  gint64          pass;
  GPtrArray      *type_runs;
  GHashTable     *skipped;        /* type → CareSyncReportEntry */
  GHashTable     *references;     /* "Type/id" set to fetch */
  GHashTable     *fetched;        /* "Type/id" already asked for */
  guint           outstanding;
  gboolean        load_ended;      /* the first load's indexes asked for */
  gboolean        into_empty;      /* a first load began: the cache held no resource */
  char           *server_date;
  GError         *fatal;
  GCancellable   *cancellable;
  gulong          cancelled_id;
  GCancellable   *outer;
  guint           n_reference_changes;
  guint           metadata_attempts;
  gboolean        value_sets_asked; /* care-sync-value-sets.c ran */
};

void care_sync_run_update_progress (SyncRun    *run);
void care_sync_run_maybe_finish    (GTask      *task);
void care_sync_value_sets_fetch    (GTask      *task);
void care_sync_search_start        (TypeRun    *type_run,
                                    const char *path,
                                    const char *split_param,
                                    const char *split_values);

G_END_DECLS
