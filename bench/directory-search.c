/* directory-search.c — the clinic search, one key at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   directory-search DIRECTORY-FILE [RUNS]
 *
 * Loads the shipped directory (parse and index, as the app's worker thread
 * does), then types queries a character at a time, searching after each
 * key as the welcome page does, and prints the median and the slowest
 * search. The baseline, in the same run, is one strstr() over every
 * entry's name: the least a scan of the list can cost. See bench/README.md.
 */
#include "config.h"

#include <locale.h>

#include "care-directory.h"

static const char *queries[] = {
  "childrens colorado",
  "mayo clinic",
  "80045",
  "kaiser permanente oregon",
  "clínica",
  "texas family medicine",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 5;
  guint n;
  guint hits = 0;
  double median, slowest, floor_median;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: directory-search DIRECTORY-FILE [RUNS]\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(CareDirectory) fresh = care_directory_new ();
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      if (!care_directory_add_file (fresh, file, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (loads, elapsed);
      if (run == 0)
        g_set_object (&directory, fresh);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (directory));

  for (guint run = 0; run < runs; run++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      for (gsize length = 1; length <= strlen (queries[q]); length++)
        {
          g_autofree char *typed = g_strndup (queries[q], length);
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) found = care_directory_search (directory, typed, 6);
          double elapsed = (g_get_monotonic_time () - start) / 1000.0;

          g_array_append_val (times, elapsed);
          hits += found->len;
        }

  /* The floor: every name scanned once for one word. */
  for (guint run = 0; run < runs * 10; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CareDirectoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (directory), i);

          hits += strstr (care_directory_entry_get_name (entry), "clinic") != NULL;
        }
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (floors, elapsed);
    }

  g_array_sort (times, compare_doubles);
  g_array_sort (loads, compare_doubles);
  g_array_sort (floors, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  slowest = g_array_index (times, double, times->len - 1);
  floor_median = g_array_index (floors, double, floors->len / 2);

  g_print ("entries %u\n", n);
  g_print ("load (parse + index), median of %u: %.0f ms\n", runs, g_array_index (loads, double, loads->len / 2));
  g_print ("search per key, median of %u: %.2f ms; slowest %.2f ms\n", times->len, median, slowest);
  g_print ("baseline (strstr over every name), median: %.2f ms\n", floor_median);
  g_print ("ratio search / baseline: %.1f\n", median / floor_median);
  g_print ("(%u hits)\n", hits);

  return 0;
}
