/* test-token-store.c — refresh tokens in a real (private) keyring
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under dbus-run-session with an unlocked gnome-keyring whose data
 * lives in a temporary folder (.ci/test sets that up).
 */
#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>

#include "care-error.h"
#include "care-token-store.h"

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
save (const char *id,
      const char *kind,
      const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  care_token_store_save_async (id, kind, secret, NULL, done_cb, &result);
  g_assert_true (care_token_store_save_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (const char *id,
        const char *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  care_token_store_lookup_async (id, kind, NULL, done_cb, &result);
  secret = care_token_store_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static void
delete_all (const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  care_token_store_delete_async (id, NULL, done_cb, &result);
  g_assert_true (care_token_store_delete_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  char *secret;

  save ("https://fhir.example.org/r4|adult", "refresh", "first-refresh-token");
  secret = lookup ("https://fhir.example.org/r4|adult", "refresh");
  g_assert_cmpstr (secret, ==, "first-refresh-token");
  secret_password_free (secret);

  /* A rotated token replaces the old one. */
  save ("https://fhir.example.org/r4|adult", "refresh", "rotated-refresh-token");
  secret = lookup ("https://fhir.example.org/r4|adult", "refresh");
  g_assert_cmpstr (secret, ==, "rotated-refresh-token");
  secret_password_free (secret);

  delete_all ("https://fhir.example.org/r4|adult");
}

static void
test_connections_apart (void)
{
  char *adult;
  char *child;
  char *gone;
  char *key;

  save ("https://fhir.example.org/r4|adult", "refresh", "adult-token");
  save ("https://fhir.example.org/r4|child", "refresh", "child-token");
  save ("https://fhir.example.org/r4|child", "client-key", "child-key");

  adult = lookup ("https://fhir.example.org/r4|adult", "refresh");
  child = lookup ("https://fhir.example.org/r4|child", "refresh");
  g_assert_cmpstr (adult, ==, "adult-token");
  g_assert_cmpstr (child, ==, "child-token");
  secret_password_free (adult);
  secret_password_free (child);

  /* Signing out one person leaves no secret of theirs, and the other's. */
  delete_all ("https://fhir.example.org/r4|child");
  gone = lookup ("https://fhir.example.org/r4|child", "refresh");
  key = lookup ("https://fhir.example.org/r4|child", "client-key");
  adult = lookup ("https://fhir.example.org/r4|adult", "refresh");
  g_assert_null (gone);
  g_assert_null (key);
  g_assert_cmpstr (adult, ==, "adult-token");
  secret_password_free (adult);

  delete_all ("https://fhir.example.org/r4|adult");
}

static void
test_nothing_stored (void)
{
  char *secret = lookup ("https://nowhere.example.org|x", "refresh");

  g_assert_null (secret);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/keyring/token-store/round-trip", test_round_trip);
  g_test_add_func ("/care/keyring/token-store/connections-apart", test_connections_apart);
  g_test_add_func ("/care/keyring/token-store/nothing-stored", test_nothing_stored);

  return g_test_run ();
}
