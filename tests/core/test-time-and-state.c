/* test-time-and-state.c — relative times, the sync state, private files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "care-paths.h"
#include "care-sync-state.h"
#include "care-time.h"

#include "../care-test-utils.h"

#include <sys/stat.h>

static char *
relative (GDateTime *now,
          GTimeSpan  ago)
{
  g_autoptr(GDateTime) then = g_date_time_add (now, -ago);

  return care_time_dup_relative_text (then, now);
}

static void
test_relative (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  g_autofree char *a = relative (now, 10 * G_TIME_SPAN_SECOND);
  g_autofree char *b = relative (now, 1 * G_TIME_SPAN_MINUTE);
  g_autofree char *c = relative (now, 59 * G_TIME_SPAN_MINUTE);
  g_autofree char *d = relative (now, 3 * G_TIME_SPAN_HOUR);
  g_autofree char *e = relative (now, 1 * G_TIME_SPAN_DAY);
  g_autofree char *f = relative (now, 6 * G_TIME_SPAN_DAY);
  g_autofree char *g = relative (now, 30 * G_TIME_SPAN_DAY);

  g_assert_cmpstr (a, ==, "just now");
  g_assert_cmpstr (b, ==, "1 minute ago");
  g_assert_cmpstr (c, ==, "59 minutes ago");
  g_assert_cmpstr (d, ==, "3 hours ago");
  g_assert_cmpstr (e, ==, "1 day ago");
  g_assert_cmpstr (f, ==, "6 days ago");
  g_assert_true (g_str_has_prefix (g, "on "));
}

/* Untranslated, care_time_format() writes what g_date_time_format() does
 * under the C locale. */
static void
test_format (void)
{
  static const char *formats[] = { "%b %-d, %Y", "%B %Y", "%A, %B %-d, %H:%M", "%h %%b %e", "%Y" };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 5, 14, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *ours = care_time_format (date, formats[i]);
      g_autofree char *glib = g_date_time_format (date, formats[i]);

      g_assert_cmpstr (ours, ==, glib);
    }
  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) first = g_date_time_new_utc (2026, month, 1, 0, 0, 0);
      g_autofree char *ours = care_time_format (first, "%A %B %b");
      g_autofree char *glib = g_date_time_format (first, "%A %B %b");

      g_assert_cmpstr (ours, ==, glib);
    }
}

static void
test_updated (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -5);
  g_autofree char *never = care_time_dup_updated_text (NULL, now);
  g_autofree char *recent = care_time_dup_updated_text (then, now);

  g_assert_cmpstr (never, ==, "Not synced yet");
  g_assert_cmpstr (recent, ==, "Updated 5 minutes ago");
}

static void
test_sync_state_notify_once (void)
{
  g_autoptr(CareSyncState) state = care_sync_state_new ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  CareNotifyCounter phase = { 0 };
  CareNotifyCounter last = { 0 };
  CareNotifyCounter online = { 0 };
  CareNotifyCounter progress = { 0 };

  care_notify_counter_watch (&phase, state, "phase");
  care_notify_counter_watch (&last, state, "last-synced");
  care_notify_counter_watch (&online, state, "online");
  care_notify_counter_watch (&progress, state, "progress");

  g_assert_true (care_sync_state_get_online (state));
  care_sync_state_set_phase (state, CARE_SYNC_PHASE_SYNCING);
  care_sync_state_set_phase (state, CARE_SYNC_PHASE_SYNCING);
  care_sync_state_set_last_synced (state, when);
  care_sync_state_set_last_synced (state, same);
  care_sync_state_set_online (state, FALSE);
  care_sync_state_set_online (state, FALSE);
  care_sync_state_set_progress (state, 2.0);
  care_sync_state_set_progress (state, 1.0);

  g_assert_cmpuint (phase.count, ==, 1);
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpuint (online.count, ==, 1);
  g_assert_cmpuint (progress.count, ==, 1);
  g_assert_cmpfloat (care_sync_state_get_progress (state), ==, 1.0);

  care_notify_counter_unwatch (&phase);
  care_notify_counter_unwatch (&last);
  care_notify_counter_unwatch (&online);
  care_notify_counter_unwatch (&progress);
}

/* One way of writing days and times, everywhere: four-digit years, a
 * 12-hour clock in English, the same joiner between day and time. */
static void
test_one_format (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 26, 9, 5, 0);
  g_autoptr(GDateTime) afternoon = g_date_time_new_utc (2026, 11, 26, 14, 30, 0);
  g_autofree char *day = care_time_format_day (date);
  g_autofree char *clock = care_time_format_clock (afternoon);
  g_autofree char *both = care_time_format_day_time (date);
  g_autofree char *joined = care_time_join_day_time ("November 26, 2026", clock);
  g_autofree char *year = care_time_format_fhir_day ("2026");
  g_autofree char *month = care_time_format_fhir_day ("2026-11");
  g_autofree char *fhir_day = care_time_format_fhir_day ("2021-11-02");
  g_autofree char *none = care_time_format_fhir_day ("not a date");
  g_autofree char *day_only = care_time_format_fhir_day_time ("2021-11-02");

  g_assert_cmpstr (day, ==, "Nov 26, 2026");
  g_assert_cmpstr (clock, ==, "2:30 PM");
  g_assert_cmpstr (both, ==, "Nov 26, 2026, 9:05 AM");
  g_assert_cmpstr (joined, ==, "November 26, 2026, 2:30 PM");
  g_assert_cmpstr (year, ==, "2026");
  g_assert_cmpstr (month, ==, "November 2026");
  g_assert_cmpstr (fhir_day, ==, "Nov 2, 2021");
  g_assert_null (none);
  g_assert_cmpstr (day_only, ==, "Nov 2, 2021");
}

static void
test_private_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("carebook-paths-XXXXXX", &error);
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  mode_t old_umask;

  g_assert_no_error (error);
  dir = g_build_filename (tmp, "a", "b", NULL);
  file = g_build_filename (dir, "cache.json", NULL);

  /* Even a permissive umask must not leak health data to other users. */
  old_umask = umask (0);
  g_assert_true (care_paths_write_private_file (file, "{}", -1, &error));
  umask (old_umask);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (file, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "{}");

  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_clear_pointer (&dir, g_free);
  dir = g_build_filename (tmp, "a", NULL);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

static void
test_private_dir_failure (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (care_paths_ensure_private_dir ("/proc/carebook-cannot-be-here", &error));
  g_assert_nonnull (error);
}

/* An appointment's time as the clinic wrote it (the computer is on UTC
 * here, from main()). */
static void
test_as_written (void)
{
  g_autofree char *clinic = care_time_format_as_written ("2026-12-15T14:30:00-08:00", "%H:%M");
  g_autofree char *half = care_time_format_as_written ("2026-12-15T14:30:00+05:30", "%H:%M");
  g_autofree char *utc = care_time_format_as_written ("2026-12-15T22:30:00Z", "%H:%M");
  g_autofree char *plus = care_time_format_as_written ("2026-12-15T22:30:00+00:00", "%H:%M");

  /* In the clinic's zone, which is said, with a real minus sign. */
  g_assert_cmpstr (clinic, ==, "14:30 (UTC\u22128)");
  g_assert_cmpstr (half, ==, "14:30 (UTC+5:30)");
  /* UTC says nothing of the clinic: the computer's zone, unsaid. */
  g_assert_cmpstr (utc, ==, "22:30");
  g_assert_cmpstr (plus, ==, "22:30");
  /* No time or no zone: the caller shows it its own way. */
  g_assert_null (care_time_format_as_written ("2026-12-15", "%H:%M"));
  g_assert_null (care_time_format_as_written ("2026-12-15T14:30:00", "%H:%M"));
  g_assert_null (care_time_format_as_written (NULL, "%H:%M"));
}

/* Any FHIR date: as written when it has a zone, else the computer's. */
static void
test_format_fhir (void)
{
  g_autofree char *clinic = care_time_format_fhir ("2026-12-15T14:30:00-08:00", "%H:%M");
  g_autofree char *no_zone = care_time_format_fhir ("2026-12-15T14:30:00", "%H:%M");
  g_autofree char *day = care_time_format_fhir ("2026-12-15", "%d %H:%M");

  g_assert_cmpstr (clinic, ==, "14:30 (UTC\u22128)");
  g_assert_nonnull (no_zone);
  g_assert_cmpstr (day, ==, "15 00:00");
  g_assert_null (care_time_format_fhir ("not a date", "%H:%M"));
  g_assert_null (care_time_format_fhir (NULL, "%H:%M"));
}

int
main (int   argc,
      char *argv[])
{
  /* A computer on UTC, whatever this one is on (test_as_written). */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/time/relative", test_relative);
  g_test_add_func ("/care/time/format", test_format);
  g_test_add_func ("/care/time/as-written", test_as_written);
  g_test_add_func ("/care/time/format-fhir", test_format_fhir);
  g_test_add_func ("/care/time/updated", test_updated);
  g_test_add_func ("/care/time/one-format", test_one_format);
  g_test_add_func ("/care/sync-state/notify-once", test_sync_state_notify_once);
  g_test_add_func ("/care/paths/private-files", test_private_files);
  g_test_add_func ("/care/paths/private-dir-failure", test_private_dir_failure);

  return g_test_run ();
}
