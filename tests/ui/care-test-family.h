/* care-test-family.h — the demo family, signed in and synced, for view tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture cache of the UI tests: the in-process sandbox seeded with
 * the demo family, each person signed in through the demo's SMART flow and
 * synced into a cache in a temporary folder, exactly as `carebook --demo`
 * does. "Today" is fixed, so ages, proxy rules and "overdue" are the same
 * on every run.
 */
#pragma once

#include <glib/gstdio.h>

#include "care-context.h"
#include "care-demo.h"
#include "care-record.h"
#include "care-sandbox.h"
#include "../care-test-utils.h"

G_BEGIN_DECLS

typedef struct
{
  CareContext *context;
  CareSandbox *sandbox;
  char        *dir;
} CareTestFamily;

static inline gboolean
care_test_family_all_synced (CareContext *context)
{
  g_autoptr(GPtrArray) records = care_context_dup_records (context);

  if (records->len < 4)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    if (care_record_get_generation (records->pdata[i]) == 0 ||
        care_record_get_syncing (records->pdata[i]))
      return FALSE;
  return TRUE;
}

static inline gboolean
care_test_family_poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Starts the portal, signs the family in and waits (up to a minute) until
 * every record has synced once. */
static inline void
care_test_family_setup (CareTestFamily *family)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  gint64 deadline;
  guint poll;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);

  family->context = care_context_new (TRUE);
  care_context_set_today (family->context, &today);
  family->dir = g_dir_make_tmp ("carebook-test-XXXXXX", &error);
  g_assert_no_error (error);
  family->sandbox = care_demo_start (family->context, family->dir, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (family->sandbox);

  /* A wake-up every 50 ms, so the loop below sees progress of any kind. */
  poll = g_timeout_add (50, care_test_family_poll_cb, NULL);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!care_test_family_all_synced (family->context) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  g_assert_true (care_test_family_all_synced (family->context));
}

/* Shows @person_id's record. */
static inline CareRecord *
care_test_family_show (CareTestFamily *family,
                       const char     *person_id)
{
  CarePerson *person = care_context_lookup_person (family->context, person_id);

  g_assert_nonnull (person);
  care_context_set_person (family->context, person);
  return care_context_get_record (family->context);
}

static inline void
care_test_family_teardown (CareTestFamily *family)
{
  care_sandbox_stop (family->sandbox);
  g_clear_object (&family->context);
  g_clear_object (&family->sandbox);

  care_test_remove_flat_dir (family->dir);
  g_clear_pointer (&family->dir, g_free);
}

G_END_DECLS
