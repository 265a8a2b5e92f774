/* test-import.c — readings from Apple Health exports and CSV files
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are made by bench/make-health-export.py, which also prints what
 * should be found, worked out in Python on its own.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "care-import-private.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  fixture->dir = g_dir_make_tmp ("carebook-import-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  remove_all (fixture->dir);
  g_free (fixture->dir);
}

/* Runs the generator for @days days; returns what it says should be found. */
static GHashTable *
generate (const char *out,
          guint       days,
          const char *extra,
          const char *csv)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "bench", "make-health-export.py", NULL);
  g_autofree char *n_days = g_strdup_printf ("%u", days);
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) lines = NULL;
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) out);
  g_ptr_array_add (argv, (gpointer) "--days");
  g_ptr_array_add (argv, n_days);
  if (extra != NULL)
    g_ptr_array_add (argv, (gpointer) extra);
  if (csv != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--csv");
      g_ptr_array_add (argv, (gpointer) csv);
    }
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab != NULL)
        g_hash_table_insert (expected, g_strndup (lines[i], tab - lines[i]), g_strdup (tab + 1));
    }
  return expected;
}

static char *
dup_utc (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (when, "%FT%TZ");
}

static void
assert_as_expected (CareImportPreview *preview,
                    GHashTable        *expected)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 from, to;
  guint total = 0;

  for (guint k = 0; k < CARE_IMPORT_N_KINDS; k++)
    {
      const char *count = g_hash_table_lookup (expected, care_import_kind_to_string (k));

      g_assert_nonnull (count);
      g_assert_cmpuint (care_import_preview_get_count (preview, k), ==, atoi (count));
      total += atoi (count);
    }
  g_assert_cmpuint (care_import_preview_get_n_new (preview), ==, total);
  g_assert_true (care_import_preview_get_range (preview, &from, &to));
  first = dup_utc (from);
  last = dup_utc (to);
  g_assert_cmpstr (first, ==, g_hash_table_lookup (expected, "first"));
  g_assert_cmpstr (last, ==, g_hash_table_lookup (expected, "last"));
  g_assert_cmpuint (care_import_preview_get_n_implausible (preview), ==,
                    atoi (g_hash_table_lookup (expected, "implausible")));
  g_assert_cmpuint (care_import_preview_get_n_unreadable (preview), ==, 0);
  g_assert_cmpuint (care_import_preview_get_n_duplicates (preview), ==, 0);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_apple_zip (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.zip", NULL);
  g_autoptr(GHashTable) expected = generate (path, 10, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  double fraction = 0;

  g_assert_cmpint (care_import_detect_format (file, NULL), ==, CARE_IMPORT_FORMAT_APPLE_HEALTH);
  preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, progress_cb, &fraction,
                              NULL, &error);
  g_assert_no_error (error);
  assert_as_expected (preview, expected);
  g_assert_cmpfloat (fraction, ==, 1.0);
  source = care_import_preview_dup_source (preview);
  g_assert_cmpstr (source, ==, "Apple Health");
  /* The scale's glitch, listed in words with its line. */
  g_assert_cmpuint (care_import_preview_get_implausible (preview)->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (care_import_preview_get_implausible (preview), 0), "Line "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (care_import_preview_get_implausible (preview), 0),
                                   ": Weight 899.99 kg"));
}

static void
test_apple_xml (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.xml", NULL);
  g_autoptr(GHashTable) expected = generate (path, 10, "--xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const CareImportReading *readings;

  /* A dry run counts without keeping. */
  preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_as_expected (preview, expected);
  readings = care_import_preview_get_readings (preview, &n);
  g_assert_cmpuint (n, ==, 0);
  (void) readings;
}

static void
test_csv_generated (Fixture      *fixture,
                    gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.zip", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "readings.csv", NULL);
  g_autoptr(GHashTable) expected = generate (path, 10, NULL, csv);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  g_assert_cmpint (care_import_detect_format (file, NULL), ==, CARE_IMPORT_FORMAT_CSV);
  preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_as_expected (preview, expected);
  source = care_import_preview_dup_source (preview);
  g_assert_cmpstr (source, ==, "readings.csv");
}

/* A second import of the same export adds nothing: what the first sent
 * is on file, read back from the Observations it made. */
static void
test_duplicates (Fixture      *fixture,
                 gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.zip", NULL);
  g_autoptr(GHashTable) expected = generate (path, 10, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CareImportPreview) first = NULL;
  g_autoptr(CareImportPreview) second = NULL;
  g_autoptr(CareImportExisting) existing = care_import_existing_new ();
  g_autoptr(GError) error = NULL;
  const CareImportReading *readings;
  guint n = 0;

  first = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  readings = care_import_preview_get_readings (first, &n);
  g_assert_cmpuint (n, ==, care_import_preview_get_n_new (first));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) observation = care_import_reading_to_observation (&readings[i], "Patient/p", NULL);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), observation);
      g_autofree char *text = json_to_string (node, FALSE);
      g_autoptr(JsonNode) back = json_from_string (text, NULL);

      g_assert_cmpuint (care_import_existing_add_observation (existing, json_node_get_object (back)), ==, 1);
    }
  second = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, existing, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_import_preview_get_n_new (second), ==, 0);
  g_assert_cmpuint (care_import_preview_get_n_duplicates (second), ==, n);
  g_assert_false (care_import_preview_get_range (second, NULL, NULL));
}

static CareImportPreview *
read_text (Fixture                 *fixture,
           const char              *text,
           const CareImportColumns *columns,
           GError                 **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "file.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return care_import_read (file, CARE_IMPORT_FORMAT_AUTO, columns, NULL, TRUE, NULL, NULL, NULL, error);
}

static void
test_csv_columns (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  CareImportColumns columns;
  const CareImportReading *readings;
  guint n;

  /* A header in another order, semicolons and a decimal comma. */
  g_assert_true (care_import_columns_detect ("Units;Reading;Measurement;Date/Time", &columns));
  g_assert_cmpint (columns.unit, ==, 0);
  g_assert_cmpint (columns.value, ==, 1);
  g_assert_cmpint (columns.kind, ==, 2);
  g_assert_cmpint (columns.date, ==, 3);
  preview = read_text (fixture, "Units;Reading;Measurement;Date/Time\r\n"
                                "lb;180,4;Weight;2026-11-02 07:30\r\n"
                                "mmHg;128/82;Blood pressure;2026-11-02T07:35:00-05:00\r\n"
                                "mmol/L;6,1;Blood sugar;2026-11-03\r\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_import_preview_get_n_new (preview), ==, 3);
  readings = care_import_preview_get_readings (preview, &n);
  g_assert_cmpint (readings[0].kind, ==, CARE_IMPORT_WEIGHT);
  g_assert_cmpfloat_with_epsilon (readings[0].value, 81.83, 0.01);
  g_assert_cmpint (readings[1].kind, ==, CARE_IMPORT_BLOOD_PRESSURE);
  g_assert_cmpfloat (readings[1].value, ==, 128);
  g_assert_cmpfloat (readings[1].value2, ==, 82);
  g_assert_cmpint (readings[1].utc_offset, ==, -5 * 3600);
  g_assert_cmpint (readings[2].kind, ==, CARE_IMPORT_GLUCOSE);
  g_assert_cmpfloat_with_epsilon (readings[2].value, 109.9, 0.1);
  g_clear_pointer (&preview, care_import_preview_free);

  /* No header: date, kind, value, unit. */
  g_assert_false (care_import_columns_detect ("2026-11-02,weight,81.4,kg", &columns));
  g_assert_cmpint (columns.date, ==, 0);
  g_assert_cmpint (columns.unit, ==, 3);
  preview = read_text (fixture, "2026-11-02,weight,81.4,kg\n2026-11-02,pulse,61\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_import_preview_get_n_new (preview), ==, 2);
  g_clear_pointer (&preview, care_import_preview_free);

  /* Columns a header does not name, chosen by the person. */
  preview = read_text (fixture, "Day,Metric,Amount,Note\n2026-11-02,weight,81.4,after breakfast\n", NULL,
                       &error);
  g_assert_error (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_COLUMNS);
  g_assert_null (preview);
  g_clear_error (&error);
  columns = (CareImportColumns) { 0, 1, 2, -1, TRUE };
  preview = read_text (fixture, "Day,Metric,Amount,Note\n2026-11-02,weight,81.4,after breakfast\n", &columns,
                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_import_preview_get_count (preview, CARE_IMPORT_WEIGHT), ==, 1);
}

static void
test_csv_rows (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *implausible;

  preview = read_text (fixture, "date,kind,value,unit\n"
                                "2026-11-02T08:00:00Z,weight,81.4,kg\n"
                                "2026-11-02T08:00:00Z,weight,900,kg\n"
                                "2026-11-02T08:05:00Z,bp,80/120,mmHg\n"
                                "2026-11-02T08:05:00Z,mood,good,\n"
                                "yesterday,weight,80,kg\n"
                                "2026-11-02T08:05:00Z,bp,120,mmHg\n"
                                "2026-11-02T08:05:00Z,weight,80,furlongs\n"
                                "\n"
                                "2026-11-02T09:00:00Z,steps,4000,\n"
                                "2026-11-02T19:00:00Z,steps,2500,steps\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_import_preview_get_count (preview, CARE_IMPORT_WEIGHT), ==, 1);
  g_assert_cmpuint (care_import_preview_get_count (preview, CARE_IMPORT_STEPS), ==, 1);
  g_assert_cmpuint (care_import_preview_get_n_unreadable (preview), ==, 4);
  g_assert_cmpuint (care_import_preview_get_n_implausible (preview), ==, 2);
  implausible = care_import_preview_get_implausible (preview);
  g_assert_cmpstr (g_ptr_array_index (implausible, 0), ==, "Line 3: Weight 900 kg");
  g_assert_cmpstr (g_ptr_array_index (implausible, 1), ==, "Line 4: Blood pressure 80/120 mmHg");
}

/* The same reading twice in one file is one reading and a duplicate; a
 * reading the entry dialog refuses (a pulse of 280) is implausible here
 * too, by the same rules. */
static void
test_csv_same_twice (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(CareImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = read_text (fixture, "date,kind,value,unit\n"
                                "2026-11-02T08:00:00Z,weight,81.4,kg\n"
                                "2026-11-02T08:00:00Z,weight,81.40,kg\n"
                                "2026-11-02T08:00:00Z,weight,81.5,kg\n"
                                "2026-11-02T08:05:00Z,bp,128/82,mmHg\n"
                                "2026-11-02T08:05:00Z,bp,128/82,mmHg\n"
                                "2026-11-02T08:05:00Z,pulse,280,/min\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_import_preview_get_count (preview, CARE_IMPORT_WEIGHT), ==, 2);
  g_assert_cmpuint (care_import_preview_get_count (preview, CARE_IMPORT_BLOOD_PRESSURE), ==, 1);
  g_assert_cmpuint (care_import_preview_get_n_new (preview), ==, 3);
  g_assert_cmpuint (care_import_preview_get_n_duplicates (preview), ==, 2);
  g_assert_cmpuint (care_import_preview_get_n_implausible (preview), ==, 1);
}

static void
write_zip_without_export (const char *path)
{
  g_autofree char *script = g_strdup_printf ("import zipfile\n"
                                             "with zipfile.ZipFile('%s', 'w') as z:\n"
                                             "    z.writestr('apple_health_export/export_cda.xml', '<x/>')\n",
                                             path);
  const char *argv[] = { "python3", "-c", script, NULL };
  int status = 1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

static void
test_errors (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad", NULL);
  g_autofree char *zip = g_build_filename (fixture->dir, "export.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GHashTable) expected = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  struct { const char *text; gsize length; GQuark domain; int code; } cases[] = {
    { "", 0, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT },
    { "\x89PNG\r\n\x1a\n\0\0\0", 11, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT },
    { "<?xml version=\"1.0\"?><html><body/></html>", -1, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_FORMAT },
    { "<HealthData><Record type=\"HKQuantityTypeIdentifierHeartRate\" value=\"6", -1, CARE_IMPORT_ERROR,
      CARE_IMPORT_ERROR_MALFORMED },
    { "<HealthData><Record/></Other>", -1, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_MALFORMED },
    /* An entity that would expand a billion times is not expanded. */
    { "<!DOCTYPE HealthData [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
      "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
      "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
      "<HealthData><Record type=\"&h;\" value=\"&h;\"/></HealthData>", -1, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CareImportPreview) preview = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].text, cases[i].length, NULL));
      preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
      if (cases[i].domain == 0)
        {
          /* Read, or refused, but never a crash or a hang. */
          g_assert_true (preview != NULL || error != NULL);
          if (preview != NULL)
            g_assert_cmpuint (care_import_preview_get_n_new (preview), ==, 0);
          continue;
        }
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_null (preview);
    }

  /* A zip with no export.xml, and one cut short. */
  {
    g_autoptr(GFile) zip_file = g_file_new_for_path (zip);
    g_autoptr(GError) error = NULL;
    g_autoptr(CareImportPreview) preview = NULL;

    write_zip_without_export (zip);
    preview = care_import_read (zip_file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
    g_assert_error (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_NO_EXPORT);
    g_clear_error (&error);

    expected = generate (zip, 10, NULL, NULL);
    g_assert_true (g_file_get_contents (zip, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (zip, contents, length / 2, NULL));
    preview = care_import_read (zip_file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
    g_assert_null (preview);
    g_assert_error (error, CARE_IMPORT_ERROR, CARE_IMPORT_ERROR_MALFORMED);
  }
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.zip", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "readings.csv", NULL);
  g_autoptr(GHashTable) expected = generate (path, 40, NULL, csv);
  const char *paths[] = { path, csv };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(CareImportPreview) preview = NULL;
      g_autoptr(GError) error = NULL;

      preview = care_import_read (file, CARE_IMPORT_FORMAT_AUTO, NULL, NULL, TRUE, cancel_cb, cancellable,
                                  cancellable, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (preview);
    }
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
test_observation (void)
{
  CareImportReading bp = { CARE_IMPORT_BLOOD_PRESSURE, -5 * 3600, 1793000000, 128, 82 };
  CareImportReading weight = { CARE_IMPORT_WEIGHT, 3600, 1793000000, 81.4, 0 };
  CareImportReading steps = { CARE_IMPORT_STEPS, -5 * 3600, 1793000000, 8123, 0 };
  g_autoptr(JsonObject) a = care_import_reading_to_observation (&bp, "Patient/p", "Apple Health");
  g_autoptr(JsonObject) b = care_import_reading_to_observation (&weight, "Patient/p", NULL);
  g_autoptr(JsonObject) c = care_import_reading_to_observation (&steps, "Patient/p", NULL);
  g_autofree char *text_a = to_json (a);
  g_autofree char *text_b = to_json (b);
  g_autofree char *text_c = to_json (c);
  g_autoptr(CareOutboxDraft) draft = care_import_reading_draft_new (&weight, "Patient/p", NULL);

  /* Track My Health's Observation (care_reading_to_observation()), from the device. */
  g_assert_nonnull (strstr (text_a, "\"code\":\"85354-9\""));
  g_assert_nonnull (strstr (text_a, "\"code\":\"8480-6\""));
  g_assert_nonnull (strstr (text_a, "\"effectiveDateTime\":\"2026-10-26T02:33:20-05:00\""));
  g_assert_nonnull (strstr (text_a, "\"performer\":[{\"reference\":\"Patient/p\"}]"));
  g_assert_nonnull (strstr (text_a, "\"device\":{\"display\":\"Apple Health\"}"));
  g_assert_nonnull (strstr (text_a, "\"code\":\"patient-entered\""));
  g_assert_nonnull (strstr (text_a, "\"code\":\"mm[Hg]\""));
  g_assert_nonnull (strstr (text_b, "\"code\":\"29463-7\""));
  g_assert_nonnull (strstr (text_b, "\"code\":\"vital-signs\""));
  g_assert_nonnull (strstr (text_c, "\"code\":\"activity\""));
  g_assert_nonnull (strstr (text_c, "\"code\":\"55423-8\""));
  g_assert_cmpint (draft->kind, ==, CARE_OUTBOX_CREATE);
  g_assert_nonnull (strstr (draft->summary, "81.4"));
}

static void
test_time (void)
{
  gint64 time;
  int offset;

  g_assert_true (care_import_parse_time ("2026-03-01 08:15:00 -0500", &time, &offset));
  g_assert_cmpint (time, ==, 1772370900);
  g_assert_cmpint (offset, ==, -18000);
  g_assert_true (care_import_parse_time ("2026-03-01T13:15:00Z", &time, &offset));
  g_assert_cmpint (time, ==, 1772370900);
  g_assert_cmpint (offset, ==, 0);
  g_assert_true (care_import_parse_time ("2026-03-01T14:15:00+01:00", &time, &offset));
  g_assert_cmpint (time, ==, 1772370900);
  g_assert_true (care_import_parse_time ("2026-03-01", &time, &offset));
  g_assert_false (care_import_parse_time ("2026-02-30 08:15:00 -0500", &time, &offset));
  g_assert_false (care_import_parse_time ("01/03/2026", &time, &offset));
  g_assert_false (care_import_parse_time ("", &time, &offset));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/import/apple/zip", Fixture, NULL, fixture_setup, test_apple_zip, fixture_teardown);
  g_test_add ("/care/import/apple/xml", Fixture, NULL, fixture_setup, test_apple_xml, fixture_teardown);
  g_test_add ("/care/import/csv/generated", Fixture, NULL, fixture_setup, test_csv_generated, fixture_teardown);
  g_test_add ("/care/import/csv/columns", Fixture, NULL, fixture_setup, test_csv_columns, fixture_teardown);
  g_test_add ("/care/import/csv/rows", Fixture, NULL, fixture_setup, test_csv_rows, fixture_teardown);
  g_test_add ("/care/import/duplicates", Fixture, NULL, fixture_setup, test_duplicates, fixture_teardown);
  g_test_add ("/care/import/csv/same-twice", Fixture, NULL, fixture_setup, test_csv_same_twice,
              fixture_teardown);
  g_test_add ("/care/import/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/care/import/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add_func ("/care/import/observation", test_observation);
  g_test_add_func ("/care/import/time", test_time);
  return g_test_run ();
}
