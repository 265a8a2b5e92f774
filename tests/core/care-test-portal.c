/* care-test-portal.c — a seeded sandbox portal, a cache, a sync engine and
 * an outbox signed in to it: the setup the sandbox tests share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-sandbox-seed.h"

#include "care-test-portal.h"
#include "../care-test-sync.h"
#include "../care-test-utils.h"

/* Starts the demo family's portal on a free port, signs in and, unless
 * the test asks otherwise, syncs once: the CapabilityStatement says what
 * may be written. The cache lives in a folder of its own, named after the
 * test program. */
void
care_test_portal_setup (CareTestPortal *portal,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("carebook-%s-XXXXXX", program);

  /* What was left zero takes its default, for the test to read too. */
  if (portal->patient == NULL)
    portal->patient = CARE_SANDBOX_DEMO_ADULT;
  if (portal->scopes == NULL)
    portal->scopes = CARE_TEST_PORTAL_WRITER;
  if (portal->token_seconds == 0)
    portal->token_seconds = 3600;
  if (portal->backoff_ms == 0)
    portal->backoff_ms = 20;
  if (portal->backoff_cap_ms == 0)
    portal->backoff_cap_ms = 200;
  if (portal->tries == 0)
    portal->tries = 4;

  portal->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (portal->sandbox), NULL, &error));
  g_assert_no_error (error);
  care_sandbox_set_testing (portal->sandbox, TRUE);
  if (portal->replies_now)
    care_sandbox_set_reply_after (portal->sandbox, 0);
  g_assert_true (care_sandbox_start (portal->sandbox, 0, &error));
  g_assert_no_error (error);

  portal->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  portal->path = g_build_filename (portal->dir, "cache.sqlite", NULL);
  portal->token = care_sandbox_issue_proxy_token_for_tests (portal->sandbox, portal->patient, portal->scopes,
                                                            portal->token_seconds, portal->proxy);
  care_test_portal_reopen (portal);
  if (!portal->no_first_sync)
    care_test_portal_sync (portal);
}

/* What a restart of the app does: a new cache, client, engine and outbox
 * over the same file, signed in with portal->token as portal->patient. */
void
care_test_portal_reopen (CareTestPortal *portal)
{
  g_autoptr(GError) error = NULL;
  const char *base;

  g_clear_object (&portal->outbox);
  g_clear_object (&portal->engine);
  g_clear_object (&portal->client);
  g_clear_object (&portal->cache);
  portal->cache = care_cache_open (portal->path, &error);
  g_assert_no_error (error);
  base = portal->base != NULL ? portal->base : care_sandbox_get_fhir_base (portal->sandbox);
  portal->client = care_portal_client_new (base, NULL);
  care_portal_client_set_access_token (portal->client, portal->token);
  care_portal_client_set_backoff (portal->client, portal->backoff_ms, portal->backoff_cap_ms, portal->tries);
  portal->engine = care_sync_engine_new (portal->cache, portal->client, portal->patient, NULL);
  care_sync_engine_set_scopes (portal->engine, portal->scopes);
  if (!portal->read_only)
    portal->outbox = care_outbox_new (portal->cache, portal->engine);
}

/* Everything is let go of, the portal stopped, the folder removed. */
void
care_test_portal_teardown (CareTestPortal *portal,
                           gconstpointer   data)
{
  if (portal->outbox != NULL)
    g_assert_finalize_object (portal->outbox);
  g_assert_finalize_object (portal->engine);
  g_assert_finalize_object (portal->client);
  g_assert_finalize_object (portal->cache);
  care_sandbox_stop (portal->sandbox);
  g_assert_finalize_object (portal->sandbox);
  care_test_remove_flat_dir (portal->dir);
  g_free (portal->dir);
  g_free (portal->path);
  g_free (portal->token);
}

/* One sync to its end, which must succeed. */
void
care_test_portal_sync (CareTestPortal *portal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = care_test_sync (portal->engine, CARE_SYNC_DEFAULT, &error);

  g_assert_no_error (error);
}

typedef struct
{
  gboolean done;
  guint    n_sent;
  GError  *error;
} SendWait;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendWait *wait = user_data;

  care_outbox_send_finish (CARE_OUTBOX (source), result, &wait->n_sent, &wait->error);
  wait->done = TRUE;
}

/* Sends what waits in the outbox; returns how many went. A refusal is
 * the entry's, not an error; @error is set when the sending stopped. */
guint
care_test_portal_send (CareTestPortal  *portal,
                       GError         **error)
{
  SendWait wait = { 0 };

  care_outbox_send_async (portal->outbox, NULL, sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.n_sent;
}

/* The same, when the sending must not stop. */
guint
care_test_portal_send_all (CareTestPortal *portal)
{
  g_autoptr(GError) error = NULL;
  guint n_sent = care_test_portal_send (portal, &error);

  g_assert_no_error (error);
  return n_sent;
}
