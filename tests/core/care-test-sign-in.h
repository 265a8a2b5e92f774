/* care-test-sign-in.h — the seeded sandbox and an authorizer to sign in to it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in tests start the same portal: the demo family with its
 * logins (few PBKDF2 rounds: the tests check the flow, not the slowness)
 * on a free port, and an authorizer on a session of its own.
 */
#pragma once

#include <libsoup/soup.h>

#include "care-authorizer.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"

typedef struct
{
  CareSandbox    *sandbox;
  SoupSession    *session;
  CareAuthorizer *authorizer;
  GCancellable   *cancellable;
} CareTestSignIn;

/* @demo: TRUE, the sandbox runs as the demo does; FALSE, its control
 * endpoints (/sandbox/…) are open for the test to read, as in the tests
 * that fill in its pages themselves. */
static inline void
care_test_sign_in_open (CareTestSignIn *self,
                        gboolean        demo)
{
  g_autoptr(GError) error = NULL;

  self->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed_demo (care_sandbox_get_store (self->sandbox), NULL, &error));
  care_sandbox_add_demo_logins (self->sandbox, 1000);
  if (demo)
    care_sandbox_set_demo (self->sandbox, TRUE);
  else
    care_sandbox_set_testing (self->sandbox, TRUE);
  g_assert_true (care_sandbox_start (self->sandbox, 0, &error));

  self->session = soup_session_new ();
  self->authorizer = care_authorizer_new (self->session);
  self->cancellable = g_cancellable_new ();
}

/* The authorizer and the sandbox must be gone once let go of. */
static inline void
care_test_sign_in_close (CareTestSignIn *self)
{
  g_clear_object (&self->cancellable);
  g_assert_finalize_object (self->authorizer);
  g_clear_object (&self->session);
  g_assert_finalize_object (self->sandbox);
}
