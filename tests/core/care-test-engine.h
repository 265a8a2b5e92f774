/* care-test-engine.h — a cache and a sync engine reading a fake portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests that play the portal themselves (care-test-server.h) read it the
 * same way once their server listens: a cache in a folder of its own, a
 * client with a fixed token and quick retries, and an engine reading
 * patient p1 with read-only scopes. A test that wants another token or
 * other retries sets them on the client after care_test_engine_open().
 */
#pragma once

#include "care-cache.h"
#include "care-portal-client.h"
#include "care-sync-engine.h"

#include "../care-test-utils.h"

typedef struct
{
  char             *dir;
  CareCache        *cache;
  CarePortalClient *client;
  CareSyncEngine   *engine;
} CareTestEngine;

/* @template: the folder's name, as g_dir_make_tmp() takes it */
static inline void
care_test_engine_open (CareTestEngine *self,
                       const char     *base,
                       const char     *template)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  self->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  path = g_build_filename (self->dir, "cache.sqlite", NULL);
  self->cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  self->client = care_portal_client_new (base, NULL);
  care_portal_client_set_access_token (self->client, "a-token");
  care_portal_client_set_backoff (self->client, 10, 50, 2);
  self->engine = care_sync_engine_new (self->cache, self->client, "p1", NULL);
  care_sync_engine_set_scopes (self->engine, "launch/patient patient/*.rs");
}

/* Everything is let go of (and must be gone), the folder removed. */
static inline void
care_test_engine_close (CareTestEngine *self)
{
  g_assert_finalize_object (self->engine);
  g_assert_finalize_object (self->client);
  g_assert_finalize_object (self->cache);
  care_test_remove_flat_dir (self->dir);
  g_clear_pointer (&self->dir, g_free);
}
