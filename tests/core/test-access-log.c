/* test-access-log.c — Carebook's own log of what it did with a record
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "care-access-log.h"

static void
test_append_and_read (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("carebook-log-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (tmp, "person", NULL);
  g_autofree char *path = g_build_filename (folder, "access-log.jsonl", NULL);
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  CareAccessEntry *newest;
  GStatBuf st;
  FILE *file;

  empty = care_access_log_read (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  g_assert_true (care_access_log_append (folder, CARE_ACCESS_EVENT_SIGN_IN, "fhir.example.org", &error));
  g_assert_true (care_access_log_append (folder, CARE_ACCESS_EVENT_SYNC, NULL, &error));
  g_assert_no_error (error);

  /* A damaged line (a crash mid-write) is skipped, not fatal. */
  file = g_fopen (path, "a");
  fputs ("{\"time\": \"2026-11-2", file);
  fputs ("\n", file);
  fclose (file);
  g_assert_true (care_access_log_append (folder, CARE_ACCESS_EVENT_EXPORT, "FHIR Bundle", &error));

  entries = care_access_log_read (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  newest = g_ptr_array_index (entries, 0);
  g_assert_cmpint (newest->event, ==, CARE_ACCESS_EVENT_EXPORT);
  g_assert_cmpstr (newest->detail, ==, "FHIR Bundle");
  g_assert_cmpint (((CareAccessEntry *)g_ptr_array_index (entries, 2))->event, ==, CARE_ACCESS_EVENT_SIGN_IN);
  g_assert_cmpstr (care_access_event_get_label (CARE_ACCESS_EVENT_SIGN_IN), ==, "Signed in");

  /* Private. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_remove (path);
  g_rmdir (folder);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/access-log/append-and-read", test_append_and_read);

  return g_test_run ();
}
