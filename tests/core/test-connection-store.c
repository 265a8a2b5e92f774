/* test-connection-store.c — the list of connected people on disk
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "care-cache.h"
#include "care-connection-store.h"
#include "care-error.h"
#include "care-paths.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("carebook-connections-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "config", "connections.json", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autoptr(GDir) entries = g_dir_open (config, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (config, name, NULL);

      g_remove (path);
    }
  g_rmdir (config);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CareSignIn *
sign_in_for (const char *patient,
             const char *name,
             gboolean    proxy)
{
  CareSignIn *sign_in = g_new0 (CareSignIn, 1);

  sign_in->fhir_base = g_strdup ("https://fhir.example.org/r4");
  sign_in->patient_id = g_strdup (patient);
  sign_in->display_name = g_strdup (name);
  sign_in->birth_date = g_strdup ("2018-04-10");
  sign_in->scope = g_strdup ("patient/*.rs");
  sign_in->is_proxy = proxy;
  sign_in->relationship = proxy ? CARE_RELATIONSHIP_CHILD : CARE_RELATIONSHIP_SELF;
  sign_in->access_level = CARE_ACCESS_LIMITED;
  return sign_in;
}

static void
test_two_children (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (fixture->path);
  g_autoptr(CareConnectionStore) again = care_connection_store_new (fixture->path);
  g_autoptr(CareSignIn) first = sign_in_for ("child", "Mateo Reyes", TRUE);
  g_autoptr(CareSignIn) second = sign_in_for ("teen", "Lucía Reyes", TRUE);
  g_autoptr(CareSignIn) renamed = sign_in_for ("child", "Mateo R.", TRUE);
  g_autoptr(CarePerson) a = NULL;
  g_autoptr(CarePerson) b = NULL;
  g_autoptr(CarePerson) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  g_assert_true (care_connection_store_load (store, &error));
  a = care_connection_store_add (store, first, &error);
  b = care_connection_store_add (store, second, &error);
  g_assert_no_error (error);

  /* A second child at the same portal is added, never swapped in. */
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (store)), ==, 2);
  g_assert_cmpstr (care_person_get_id (a), ==, "https://fhir.example.org/r4|child");
  g_assert_cmpint (care_person_get_relationship (b), ==, CARE_RELATIONSHIP_CHILD);
  g_assert_cmpint (care_person_get_access_level (b), ==, CARE_ACCESS_LIMITED);

  /* The same child again replaces their entry, in place. */
  c = care_connection_store_add (store, renamed, &error);
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (store)), ==, 2);
  g_assert_cmpstr (care_person_get_display_name (c), ==, "Mateo R.");

  /* Private on disk, and read back the same. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (care_connection_store_load (again, &error));
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (again)), ==, 2);
  {
    g_autoptr(CarePerson) read = g_list_model_get_item (care_connection_store_get_people (again), 1);

    /* Relationship and access level survive the file. */
    g_assert_cmpint (care_person_get_relationship (read), ==, CARE_RELATIONSHIP_CHILD);
    g_assert_cmpint (care_person_get_access_level (read), ==, CARE_ACCESS_LIMITED);
  }
  base = care_connection_store_dup_fhir_base (again, "https://fhir.example.org/r4|teen");
  g_assert_cmpstr (base, ==, "https://fhir.example.org/r4");

  g_assert_true (care_connection_store_remove (again, "https://fhir.example.org/r4|teen", &error));
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (again)), ==, 1);
}

static void
test_damaged_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autoptr(GDir) entries = NULL;
  const char *name;
  gboolean set_aside = FALSE;

  g_mkdir_with_parents (config, 0700);
  g_assert_true (g_file_set_contents (fixture->path, "{\"connections\": [ {\"id\": ", -1, NULL));

  g_assert_false (care_connection_store_load (store, &error));
  g_assert_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT);
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (store)), ==, 0);

  /* The damaged file is kept beside, not overwritten. */
  entries = g_dir_open (config, 0, NULL);
  while ((name = g_dir_read_name (entries)) != NULL)
    set_aside |= g_str_has_prefix (name, "connections.json.damaged-");
  g_assert_true (set_aside);
}

/* Older versions kept the cache in a folder named from the raw id (the
 * URL's slashes made nested folders): loading the connections moves it
 * into the connection's one hash-named folder, where sign-out deletes it. */
static void
test_old_cache_moved (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CareConnectionStore) store = care_connection_store_new (fixture->path);
  g_autoptr(CareConnectionStore) again = care_connection_store_new (fixture->path);
  g_autoptr(CareSignIn) sign_in = sign_in_for ("child", "Mateo Reyes", TRUE);
  g_autoptr(CarePerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = care_paths_dup_data_dir ();
  g_autofree char *old_dir = NULL;
  g_autofree char *old_cache = NULL;
  g_autofree char *old_wal = NULL;
  g_autofree char *top = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (care_connection_store_load (store, &error));
  person = care_connection_store_add (store, sign_in, &error);
  g_assert_no_error (error);

  old_dir = g_build_filename (base, care_person_get_id (person), NULL);
  old_cache = g_build_filename (old_dir, "cache.sqlite", NULL);
  old_wal = g_build_filename (old_dir, "cache.sqlite-wal", NULL);
  g_assert_cmpint (g_mkdir_with_parents (old_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_cache, "the old cache", -1, NULL));
  g_assert_true (g_file_set_contents (old_wal, "its WAL", -1, NULL));

  g_assert_true (care_connection_store_load (again, &error));
  g_assert_no_error (error);

  cache = care_cache_dup_path_for_connection (care_person_get_id (person));
  wal = g_strconcat (cache, "-wal", NULL);
  folder = g_path_get_dirname (cache);
  expected = care_connection_dup_data_dir (care_person_get_id (person));
  g_assert_cmpstr (folder, ==, expected);
  g_assert_true (g_file_get_contents (cache, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old cache");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_dir, G_FILE_TEST_EXISTS));
  top = g_build_filename (base, "https:", NULL);
  g_assert_false (g_file_test (top, G_FILE_TEST_EXISTS));

  g_remove (cache);
  g_remove (wal);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("carebook-connections-data-XXXXXX", NULL);
  int status;

  /* A data folder of its own, before GLib reads the variable. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/auth/connections/two-children", Fixture, NULL,
              fixture_setup, test_two_children, fixture_teardown);
  g_test_add ("/care/auth/connections/damaged-file", Fixture, NULL,
              fixture_setup, test_damaged_file, fixture_teardown);
  g_test_add ("/care/auth/connections/old-cache-moved", Fixture, NULL,
              fixture_setup, test_old_cache_moved, fixture_teardown);

  status = g_test_run ();
  {
    g_autofree char *carebook = g_build_filename (data_home, "carebook", NULL);

    g_rmdir (carebook);
    g_rmdir (data_home);
  }
  return status;
}
