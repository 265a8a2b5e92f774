/* import-health.c — reads an Apple Health export as the import does
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   import-health FILE [--keep]
 *
 * Streams FILE through care_import_read() (a dry run, or --keep to keep the
 * new readings as a real import does) and prints the readings found, the
 * wall-clock seconds and the peak resident memory in KiB, tab-separated.
 * bench/import-health.sh runs it against baselines (see bench/README.md).
 */
#include "config.h"

#include <sys/resource.h>

#include "care-import.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean keep = argc > 2 && g_str_equal (argv[2], "--keep");
  struct rusage usage;
  gint64 start;

  if (argc < 2)
    {
      g_printerr ("Usage: import-health FILE [--keep]\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  start = g_get_monotonic_time ();
  preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, keep, NULL, NULL, NULL, &error);
  if (preview == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%u\t%.2f\t%ld\n", care_import_preview_get_n_new (preview),
           (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss);
  return 0;
}
