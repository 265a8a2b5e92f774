/* test-fuzz-corpus.c — the fuzzer's seed corpus and findings, replayed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file of fuzz/corpus/ (the seeds fuzz/run-fuzz.sh starts from),
 * tests/fixtures/fhir/ and tests/fixtures/fuzz/ (inputs the fuzzer
 * found, kept once fixed) goes through the fuzzer's own check
 * (care_fuzz_fhir_one(): the parsers must agree and stored records read
 * back), and truncated at every length up to 512 bytes, so CI runs
 * what the fuzzer runs without clang.
 */
#include "config.h"

#include <locale.h>

#include "care-fuzz-fhir.h"

static guint
replay_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (file, &data, &length, &error));
      g_assert_no_error (error);
      g_test_message ("%s", name);
      care_fuzz_fhir_one ((const guint8 *)data, length);
      for (gsize cut = 0; cut < MIN (length, 512); cut++)
        care_fuzz_fhir_one ((const guint8 *)data, cut);
      n++;
    }
  return n;
}

static void
test_corpus (void)
{
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "corpus", NULL);
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", NULL);
  g_autofree char *findings = g_test_build_filename (G_TEST_DIST, "fixtures", "fuzz", NULL);

  g_assert_cmpuint (replay_folder (seeds), >=, 10);
  g_assert_cmpuint (replay_folder (fixtures), >=, 10);
  replay_folder (findings);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/fuzz/corpus", test_corpus);

  return g_test_run ();
}
