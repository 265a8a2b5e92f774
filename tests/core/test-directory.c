/* test-directory.c — the directory of health systems
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-directory.h"
#include "care-error.h"

static CareDirectory *
load_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", "brands.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CareDirectory *directory = care_directory_new ();

  g_assert_true (care_directory_add_file (directory, file, &error));
  g_assert_no_error (error);

  return directory;
}

static CareDirectoryEntry *
entry_at (CareDirectory *directory,
          guint          position)
{
  CareDirectoryEntry *entry = g_list_model_get_item (G_LIST_MODEL (directory), position);

  /* The model keeps its own reference; tests only borrow. */
  g_object_unref (entry);
  return entry;
}

static void
test_parse (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  CareDirectoryEntry *riverside;
  CareDirectoryEntry *clinica;

  /* The http endpoint and the dangling reference are left out. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 2);

  riverside = entry_at (directory, 0);
  g_assert_cmpstr (care_directory_entry_get_name (riverside), ==, "Riverside Family Health");
  g_assert_cmpstr (care_directory_entry_get_location (riverside), ==, "Springfield, OR");
  g_assert_cmpstr (care_directory_entry_get_fhir_base (riverside), ==,
                   "https://fhir.riverside.example.org/api/FHIR/R4");

  clinica = entry_at (directory, 1);
  g_assert_cmpstr (care_directory_entry_get_location (clinica), ==, "Querétaro");
  g_assert_cmpstr (care_directory_entry_get_fhir_base (clinica), ==,
                   "https://fhir.sanmartin.example.org/r4");
}

static void
test_search (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  CareDirectoryEntry *riverside = entry_at (directory, 0);
  CareDirectoryEntry *clinica = entry_at (directory, 1);

  g_assert_true (care_directory_entry_matches (riverside, ""));
  g_assert_true (care_directory_entry_matches (riverside, "river"));
  g_assert_true (care_directory_entry_matches (riverside, "springf"));
  g_assert_true (care_directory_entry_matches (riverside, "Riverside clinics"));
  g_assert_false (care_directory_entry_matches (riverside, "queretaro"));

  /* Accents and case do not matter. */
  g_assert_true (care_directory_entry_matches (clinica, "clinica san martin"));
  g_assert_true (care_directory_entry_matches (clinica, "QUERETARO"));
  g_assert_false (care_directory_entry_matches (clinica, "river"));
}

static void
test_bad_files (void)
{
  static const char *bad[] = {
    "{ not json",
    "[1, 2, 3]",
    "{ \"resourceType\": \"Patient\" }",
    "{ \"resourceType\": \"Bundle\" }",
  };
  g_autoptr(CareDirectory) directory = load_fixture ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;

      g_assert_false (care_directory_add_bytes (directory, bytes, &error));
      g_assert_error (error, CARE_FHIR_ERROR, (i < 2) ? CARE_FHIR_ERROR_MALFORMED
                                                      : CARE_FHIR_ERROR_UNSUPPORTED);
    }

  /* A failed import leaves what was there. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 2);
}

static void
test_missing_file (void)
{
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/brands.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (care_directory_add_file (directory, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", "brands.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/brands.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GError) error = NULL;

  care_directory_add_file_async (directory, file, NULL, added_cb, &result);
  care_directory_add_file_async (directory, missing, NULL, added_cb, &failed);
  while (result == NULL || failed == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (care_directory_add_file_finish (directory, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 2);

  g_assert_false (care_directory_add_file_finish (directory, failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/directory/parse", test_parse);
  g_test_add_func ("/care/directory/search", test_search);
  g_test_add_func ("/care/directory/bad-files", test_bad_files);
  g_test_add_func ("/care/directory/missing-file", test_missing_file);
  g_test_add_func ("/care/directory/async", test_async);

  return g_test_run ();
}
