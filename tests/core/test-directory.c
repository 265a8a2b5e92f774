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

static CareDirectoryEntry *
find_entry (CareDirectory *directory,
            const char    *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (directory)); i++)
    {
      CareDirectoryEntry *entry = entry_at (directory, i);

      if (g_strcmp0 (care_directory_entry_get_name (entry), name) == 0)
        return entry;
    }
  return NULL;
}

static void
test_parse (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  CareDirectoryEntry *riverside;
  CareDirectoryEntry *clinica;
  CareDirectoryEntry *childrens;
  CareDirectoryEntry *denver;

  /* The http endpoint, the dangling reference, the vendor programme (no
   * endpoint) and the entries that are not objects are left out. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 4);

  riverside = entry_at (directory, 0);
  g_assert_cmpstr (care_directory_entry_get_name (riverside), ==, "Riverside Family Health");
  g_assert_cmpstr (care_directory_entry_get_location (riverside), ==, "Springfield, OR");
  g_assert_cmpstr (care_directory_entry_get_fhir_base (riverside), ==,
                   "https://fhir.riverside.example.org/api/FHIR/R4");
  g_assert_null (care_directory_entry_get_client_id (riverside));
  g_assert_null (care_directory_entry_get_vendor (riverside));
  g_assert_cmpint (care_directory_entry_get_redirect (riverside), ==, CARE_REDIRECT_LOOPBACK);

  clinica = entry_at (directory, 1);
  g_assert_cmpstr (care_directory_entry_get_location (clinica), ==, "Querétaro");
  g_assert_null (care_directory_entry_get_state (clinica));
  g_assert_cmpstr (care_directory_entry_get_fhir_base (clinica), ==,
                   "https://fhir.sanmartin.example.org/r4");

  /* A zip code alone gives the state; the vendor programme gives the
   * client id and the redirect; the brand its logo and portal. */
  childrens = find_entry (directory, "Children's Hospital Colorado");
  g_assert_nonnull (childrens);
  g_assert_cmpstr (care_directory_entry_get_state (childrens), ==, "CO");
  g_assert_cmpstr (care_directory_entry_get_postal_code (childrens), ==, "80909");
  g_assert_cmpstr (care_directory_entry_get_location (childrens), ==, "CO 80909");
  g_assert_cmpstr (care_directory_entry_get_vendor (childrens), ==, "Epic Systems Corporation");
  g_assert_cmpstr (care_directory_entry_get_client_id (childrens), ==, "carebook-epic-0001");
  g_assert_cmpint (care_directory_entry_get_redirect (childrens), ==, CARE_REDIRECT_PRIVATE_SCHEME);
  g_assert_cmpstr (care_directory_entry_get_logo_url (childrens), ==,
                   "https://logos.example.org/childrens.png");
  g_assert_cmpstr (care_directory_entry_get_portal_name (childrens), ==, "My Children's Chart");
  g_assert_cmpstr (care_directory_entry_get_portal_url (childrens), ==,
                   "https://mychart.childrens.example.org");

  /* An endpoint may say otherwise than its programme. */
  denver = find_entry (directory, "Denver Health");
  g_assert_cmpstr (care_directory_entry_get_client_id (denver), ==, "carebook-epic-0001");
  g_assert_cmpint (care_directory_entry_get_redirect (denver), ==, CARE_REDIRECT_LOOPBACK);
  g_assert_cmpstr (care_directory_entry_get_location (denver), ==, "CO 80204");
}

static void
test_lookup (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  CareDirectoryEntry *entry;

  /* As typed: a trailing slash, no scheme. */
  entry = care_directory_lookup (directory, "fhir.childrens.example.org/api/FHIR/R4/");
  g_assert_nonnull (entry);
  g_assert_cmpstr (care_directory_entry_get_name (entry), ==, "Children's Hospital Colorado");
  g_assert_cmpint (care_directory_entry_get_redirect (entry), ==, CARE_REDIRECT_PRIVATE_SCHEME);
  g_assert_null (care_directory_lookup (directory, "https://elsewhere.example.org/r4"));
  g_assert_null (care_directory_lookup (directory, "not an address"));
}

static void
test_source (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  g_autofree char *date = NULL;

  g_assert_cmpstr (care_directory_get_source_name (directory), ==, "Example Lists");
  g_assert_cmpstr (care_directory_get_source_url (directory), ==, "https://directory.example.org/lists");
  g_assert_nonnull (care_directory_get_updated (directory));
  date = g_date_time_format (care_directory_get_updated (directory), "%F");
  g_assert_cmpstr (date, ==, "2026-05-01");
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
  g_assert_true (care_directory_entry_matches (riverside, "oregon"));
  g_assert_false (care_directory_entry_matches (riverside, "queretaro"));
  /* A word must start a word: "side" is inside "Riverside". */
  g_assert_false (care_directory_entry_matches (riverside, "side"));

  /* Accents and case do not matter, in the entry or in the query. */
  g_assert_true (care_directory_entry_matches (clinica, "clinica san martin"));
  g_assert_true (care_directory_entry_matches (clinica, "QUERETARO"));
  g_assert_true (care_directory_entry_matches (clinica, "Martín Clínica"));
  g_assert_false (care_directory_entry_matches (clinica, "river"));
}

static void
assert_first (CareDirectory *directory,
              const char    *query,
              const char    *name,
              guint          n_found)
{
  g_autoptr(GPtrArray) found = care_directory_search (directory, query, 0);

  g_assert_cmpuint (found->len, ==, n_found);
  if (name != NULL)
    g_assert_cmpstr (care_directory_entry_get_name (g_ptr_array_index (found, 0)), ==, name);
}

static void
test_search_words_any_order (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();

  /* The example: no apostrophe typed, words in any order. */
  assert_first (directory, "childrens colorado", "Children's Hospital Colorado", 1);
  assert_first (directory, "colorado childrens", "Children's Hospital Colorado", 1);
  assert_first (directory, "CHILDREN'S hosp", "Children's Hospital Colorado", 1);
  assert_first (directory, "children’s — hospital!", "Children's Hospital Colorado", 1);
  assert_first (directory, "family riverside", "Riverside Family Health", 1);
  assert_first (directory, "no such clinic", NULL, 0);
  /* An empty query is not a search. */
  assert_first (directory, "", NULL, 0);
  assert_first (directory, "  ,. ", NULL, 0);
}

static void
test_search_accents (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();

  assert_first (directory, "clinica", "Clínica San Martín", 1);
  assert_first (directory, "Clínica Martín", "Clínica San Martín", 1);
  assert_first (directory, "queretaro", "Clínica San Martín", 1);
}

static void
test_search_state (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  g_autoptr(GPtrArray) colorado = care_directory_search (directory, "colorado", 0);

  /* By code and by name; Children's Hospital Colorado has only a zip code,
   * which gives its state, and has the word in its name too: first. */
  g_assert_cmpuint (colorado->len, ==, 2);
  g_assert_cmpstr (care_directory_entry_get_name (g_ptr_array_index (colorado, 0)), ==,
                   "Children's Hospital Colorado");
  assert_first (directory, "co", NULL, 2);
  assert_first (directory, "denver colorado", "Denver Health", 1);
  assert_first (directory, "oregon", "Riverside Family Health", 1);
  assert_first (directory, "new york", NULL, 0);
}

static void
test_search_zip (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();

  /* The very zip code first, then the others of its state. */
  assert_first (directory, "80204", "Denver Health", 2);
  assert_first (directory, "80909", "Children's Hospital Colorado", 2);
  /* A zip code nobody has still gives its state. */
  assert_first (directory, "80045", NULL, 2);
  assert_first (directory, "97477", "Riverside Family Health", 1);
  assert_first (directory, "10001", NULL, 0);
  assert_first (directory, "childrens 80204", "Children's Hospital Colorado", 1);
}

static void
test_search_limit (void)
{
  g_autoptr(CareDirectory) directory = load_fixture ();
  g_autoptr(GPtrArray) found = care_directory_search (directory, "co", 1);

  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_fold (void)
{
  static const struct { const char *text, *folded; } cases[] = {
    { "Children's Hospital — Colorado", "childrens hospital colorado" },
    { "  Clínica  San Martín. ", "clinica san martin" },
    { "ST. MARY’S (Saint-Mary)", "st marys saint mary" },
    { "Ärzte Straße", "arzte straße" },
    { "", "" },
    { "!!!", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = care_directory_fold (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_zip_state (void)
{
  g_assert_cmpstr (care_directory_state_of_zip ("80045"), ==, "CO");
  g_assert_cmpstr (care_directory_state_of_zip ("10001"), ==, "NY");
  g_assert_cmpstr (care_directory_state_of_zip ("02134"), ==, "MA");
  g_assert_cmpstr (care_directory_state_of_zip ("00601"), ==, "PR");
  g_assert_cmpstr (care_directory_state_of_zip ("99501"), ==, "AK");
  g_assert_cmpstr (care_directory_state_of_zip ("885"), ==, "TX");
  g_assert_null (care_directory_state_of_zip ("00012"));
  g_assert_null (care_directory_state_of_zip ("12"));
  g_assert_null (care_directory_state_of_zip ("abcde"));
  g_assert_null (care_directory_state_of_zip (NULL));
  g_assert_cmpstr (care_directory_state_name ("CO"), ==, "Colorado");
  g_assert_null (care_directory_state_name ("XX"));
}

static void
test_bad_files (void)
{
  static const char *bad[] = {
    "{ not json",
    "[1, 2, 3]",
    "\x1f\x8b not really gzip",
    "{ \"resourceType\": \"Patient\" }",
    "{ \"resourceType\": \"Bundle\" }",
    "{ \"resourceType\": \"Bundle\", \"entry\": 7 }",
  };
  g_autoptr(CareDirectory) directory = load_fixture ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;

      g_assert_false (care_directory_add_bytes (directory, bytes, &error));
      g_assert_error (error, CARE_FHIR_ERROR, (i < 3) ? CARE_FHIR_ERROR_MALFORMED
                                                      : CARE_FHIR_ERROR_UNSUPPORTED);
    }

  /* A failed import leaves what was there. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 4);
}

static void
test_deep_file (void)
{
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autoptr(GString) deep = g_string_new ("{ \"resourceType\": \"Bundle\", \"entry\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Deep enough to overflow a recursive parser's stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  bytes = g_bytes_new (deep->str, deep->len);

  g_assert_false (care_directory_add_bytes (directory, bytes, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  gsize size = g_bytes_get_size (bytes) + 1024;
  guint8 *out = g_malloc (size);
  gsize read = 0, written = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_converter_convert (compressor, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        out, size, G_CONVERTER_INPUT_AT_END, &read, &written, &error),
                   ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);
  return g_bytes_new_take (out, written);
}

static void
test_gzip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "directory", "brands.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) plain = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GBytes) packed = gzip_bytes (plain);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (packed, 0, g_bytes_get_size (packed) / 2);
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (care_directory_add_bytes (directory, packed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 4);

  /* A file cut short is refused whole. */
  g_assert_false (care_directory_add_bytes (directory, cut, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 4);
}

static void
test_shipped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "directory",
                                                 "carebook-directory.json.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CareDirectory) directory = care_directory_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) by_zip = NULL;

  g_assert_true (care_directory_add_file (directory, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), >, 10000);
  g_assert_nonnull (care_directory_get_source_name (directory));
  g_assert_nonnull (care_directory_get_updated (directory));

  /* Real health systems, by name in any order and by zip code. */
  found = care_directory_search (directory, "childrens colorado", 6);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpstr (care_directory_entry_get_name (g_ptr_array_index (found, 0)), ==,
                   "Children's Hospital Colorado");
  by_zip = care_directory_search (directory, "80909", 6);
  g_assert_cmpuint (by_zip->len, >=, 1);
  g_assert_cmpstr (care_directory_entry_get_state (g_ptr_array_index (by_zip, 0)), ==, "CO");

  /* The demo portal's entry is not in the shipped list. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (directory)); i++)
    g_assert_false (g_str_has_prefix (care_directory_entry_get_fhir_base (entry_at (directory, i)),
                                      "http://"));
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
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 4);

  g_assert_false (care_directory_add_file_finish (directory, failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (directory)), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/directory/parse", test_parse);
  g_test_add_func ("/care/directory/source", test_source);
  g_test_add_func ("/care/directory/lookup", test_lookup);
  g_test_add_func ("/care/directory/search", test_search);
  g_test_add_func ("/care/directory/search/words-any-order", test_search_words_any_order);
  g_test_add_func ("/care/directory/search/accents", test_search_accents);
  g_test_add_func ("/care/directory/search/state", test_search_state);
  g_test_add_func ("/care/directory/search/zip", test_search_zip);
  g_test_add_func ("/care/directory/search/limit", test_search_limit);
  g_test_add_func ("/care/directory/fold", test_fold);
  g_test_add_func ("/care/directory/zip-state", test_zip_state);
  g_test_add_func ("/care/directory/bad-files", test_bad_files);
  g_test_add_func ("/care/directory/deep-file", test_deep_file);
  g_test_add_func ("/care/directory/gzip", test_gzip);
  g_test_add_func ("/care/directory/shipped", test_shipped);
  g_test_add_func ("/care/directory/missing-file", test_missing_file);
  g_test_add_func ("/care/directory/async", test_async);

  return g_test_run ();
}
