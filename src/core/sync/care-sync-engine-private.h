/* care-sync-engine-private.h — what the engine's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sync-engine.h"

G_BEGIN_DECLS

struct _CareSyncEngine
{
  GObject           parent_instance;

  CareCache        *cache;
  CarePortalClient *client;
  CareConnection   *connection;
  CareSyncState    *state;
  char             *patient_id;
  char            **scopes;
  JsonObject       *capability;
  gint64            full_pass_interval;
  GTask            *running;
  GHashTable       *type_progress;
  guint             automatic_id;
  gulong            network_id;
  gboolean          sending_outbox;
  guint             max_pages;       /* per search */
  guint             max_resources;   /* per search */
  gsize             max_attachment_bytes;
};

gboolean    care_sync_engine_grants      (CareSyncEngine *self,
                                          const char     *type,
                                          char            permission);
JsonObject *care_sync_engine_find_capability (CareSyncEngine *self,
                                              const char     *type);
gboolean    care_sync_engine_capability_lists (JsonObject *resource,
                                               const char *member,
                                               const char *key,
                                               const char *value);
void        care_sync_engine_load_capability  (CareSyncEngine *self);
void        care_sync_engine_set_type_progress (CareSyncEngine *self,
                                                const char     *type,
                                                double          fraction);
void        care_sync_engine_emit_outbox_changed (CareSyncEngine *self,
                                                  const char     *client_id,
                                                  gboolean        sending);
void        care_sync_engine_emit_sync_finished (CareSyncEngine *self,
                                                 CareSyncReport *report);

G_END_DECLS
