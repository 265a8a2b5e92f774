/* care-record-list-private.h — what the record list's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-record-list.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget           *row;
  AdwPreferencesGroup *group;
  char                *key;
  char                *subtitle;
  char                *tags;
} Entry;

typedef struct
{
  CareViewStack  *stack;
  GtkSearchEntry *search_entry;
  GtkWidget      *search_clamp;
  GtkBox         *groups_box;
  GPtrArray      *queries;     /* CareCacheQuery, parallel to keys */
  GPtrArray      *keys;
  GHashTable     *results;     /* key → GListModel */
  GPtrArray      *entries;     /* Entry */
  GCancellable   *write_cancellable;
  char           *needle;
  char           *icon_name;
  char           *empty_title;
  char           *empty_description;
  const char    **types;
  guint           n_pending;
  gboolean        loaded;
  gboolean        load_failed;
} CareRecordListPrivate;

CareRecordListPrivate *care_record_list_get_priv (CareRecordList *self);
#define PRIV(self) (care_record_list_get_priv (self))

char *care_record_list_fold         (const char     *text);
void  care_record_list_apply_filter (CareRecordList *self);

G_END_DECLS
