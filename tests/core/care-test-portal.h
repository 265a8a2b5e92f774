/* care-test-portal.h — a seeded sandbox portal, a cache, a sync engine and
 * an outbox signed in to it: the setup the sandbox tests share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-outbox.h"
#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sync-engine.h"

G_BEGIN_DECLS

/* The scopes of a patient who may read and write their own record. */
#define CARE_TEST_PORTAL_WRITER "launch/patient patient/*.cruds"

/* The fixture of a test against the sandbox (g_test_add() zeroes it).
 * A test's setup sets what it needs of the first fields, then calls
 * care_test_portal_setup(); a field left zero takes its default. Both
 * care_test_portal_setup() and care_test_portal_teardown() can be given
 * to g_test_add() as they are. */
typedef struct
{
  /* Set before care_test_portal_setup(); patient and base may change
   * before care_test_portal_reopen(). */
  const char       *patient;       /* whose record: the demo adult */
  const char       *scopes;        /* CARE_TEST_PORTAL_WRITER */
  const char       *base;          /* the FHIR base: the sandbox's own */
  CareSandboxProxyKind proxy;      /* whose token: the patient's own */
  guint             token_seconds; /* the token's lifetime: an hour */
  guint             backoff_ms;    /* the client's first wait: 20 ms... */
  guint             backoff_cap_ms; /* ...growing to 200 ms... */
  guint             tries;         /* ...over 4 attempts */
  gboolean          replies_now;   /* the clinic answers a message at once */
  gboolean          read_only;     /* no outbox */
  gboolean          no_first_sync; /* the cache starts empty */

  /* Made by care_test_portal_setup(). */
  CareSandbox      *sandbox;
  char             *dir;
  char             *path;
  char             *token;
  CareCache        *cache;
  CarePortalClient *client;
  CareSyncEngine   *engine;
  CareOutbox       *outbox;
} CareTestPortal;

void  care_test_portal_setup    (CareTestPortal  *portal,
                                 gconstpointer    data);
void  care_test_portal_teardown (CareTestPortal  *portal,
                                 gconstpointer    data);
void  care_test_portal_reopen   (CareTestPortal  *portal);
void  care_test_portal_sync     (CareTestPortal  *portal);
guint care_test_portal_send     (CareTestPortal  *portal,
                                 GError         **error);
guint care_test_portal_send_all (CareTestPortal  *portal);

G_END_DECLS
