/* test-health-summary.c — the one-page summary, read from a cache and drawn
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "care-health-summary.h"
#include "cache-test-util.h"

typedef struct
{
  char      *dir;
  CareCache *cache;
} Fixture;

static const char *resources[] = {
  "{\"resourceType\":\"Condition\",\"id\":\"dm\",\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]},"
  "\"category\":[{\"coding\":[{\"code\":\"problem-list-item\"}]}],\"code\":{\"text\":\"Type 2 diabetes\"},"
  "\"subject\":{\"reference\":\"Patient/p\"},\"onsetDateTime\":\"2020-11-04\"}",
  "{\"resourceType\":\"Condition\",\"id\":\"dm-visit\",\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]},"
  "\"category\":[{\"coding\":[{\"code\":\"encounter-diagnosis\"}]}],\"code\":{\"text\":\"Type 2 diabetes\"},"
  "\"subject\":{\"reference\":\"Patient/p\"},\"onsetDateTime\":\"2021-03-04\"}",
  "{\"resourceType\":\"Condition\",\"id\":\"ankle\",\"clinicalStatus\":{\"coding\":[{\"code\":\"resolved\"}]},"
  "\"code\":{\"text\":\"Sprained ankle\"},\"subject\":{\"reference\":\"Patient/p\"}}",
  "{\"resourceType\":\"Medication\",\"id\":\"met\",\"code\":{\"text\":\"Metformin 1000 MG Oral Tablet\"}}",
  "{\"resourceType\":\"MedicationRequest\",\"id\":\"rx1\",\"status\":\"active\",\"intent\":\"order\","
  "\"medicationReference\":{\"reference\":\"Medication/met\"},\"subject\":{\"reference\":\"Patient/p\"},"
  "\"dosageInstruction\":[{\"text\":\"Twice a day\"}]}",
  "{\"resourceType\":\"MedicationRequest\",\"id\":\"rx0\",\"status\":\"stopped\",\"intent\":\"order\","
  "\"medicationCodeableConcept\":{\"text\":\"Old pill\"},\"subject\":{\"reference\":\"Patient/p\"}}",
  "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"pen\",\"criticality\":\"high\","
  "\"code\":{\"text\":\"Penicillin\"},\"patient\":{\"reference\":\"Patient/p\"},"
  "\"reaction\":[{\"manifestation\":[{\"text\":\"Hives\"}]}]}",
  "{\"resourceType\":\"Immunization\",\"id\":\"flu1\",\"status\":\"completed\",\"vaccineCode\":{\"text\":\"Flu\"},"
  "\"patient\":{\"reference\":\"Patient/p\"},\"occurrenceDateTime\":\"2025-10-15\"}",
  "{\"resourceType\":\"Immunization\",\"id\":\"flu2\",\"status\":\"completed\",\"vaccineCode\":{\"text\":\"Flu\"},"
  "\"patient\":{\"reference\":\"Patient/p\"},\"occurrenceDateTime\":\"2024-10-15\"}",
  /* Missing nearly everything: shown with what it has, never a crash. */
  "{\"resourceType\":\"Immunization\",\"id\":\"bare\"}",
};

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carebook-summary-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    g_ptr_array_add (page, cache_test_record (resources[i]));
  g_assert_true (care_cache_store_page (fixture->cache, page, CARE_CACHE_ORIGIN_SEARCH, 1, NULL, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->cache);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareHealthSummary) summary = care_health_summary_new ("Lucía Reyes", NULL);
  CareTypeState withheld = { (char *)"ImmunizationRecommendation", CARE_TYPE_STATUS_WITHHELD };

  g_assert_true (care_cache_set_type_state (fixture->cache, &withheld, &error));
  g_assert_true (care_health_summary_load (summary, fixture->cache, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (care_health_summary_get_n_sections (summary), ==, 5);

  /* The diagnosis of a visit does not repeat the problem; resolved ones go. */
  g_assert_cmpuint (care_health_summary_get_n_items (summary, 0), ==, 1);
  g_assert_cmpstr (care_health_summary_get_item_title (summary, 0, 0), ==, "Type 2 diabetes");
  /* Active medications only, named from their Medication. */
  g_assert_cmpuint (care_health_summary_get_n_items (summary, 1), ==, 1);
  g_assert_cmpstr (care_health_summary_get_item_title (summary, 1, 0), ==, "Metformin 1000 MG Oral Tablet");
  g_assert_cmpstr (care_health_summary_get_item_detail (summary, 1, 0), ==, "Twice a day");
  g_assert_cmpstr (care_health_summary_get_item_detail (summary, 2, 0), ==, "Reaction: Hives · high risk");
  /* One line per vaccine; a bare one still has a line. */
  g_assert_cmpuint (care_health_summary_get_n_items (summary, 3), ==, 2);
  g_assert_nonnull (strstr (care_health_summary_get_item_detail (summary, 3, 0), ", "));
  /* An empty section says why. */
  g_assert_cmpuint (care_health_summary_get_n_items (summary, 4), ==, 0);
  g_assert_cmpstr (care_health_summary_get_section_note (summary, 4), ==,
                   "Withheld from proxy access by the health system.");
}

static void
queue (Fixture    *fixture,
       const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  CareOutboxItem *item;

  g_assert_no_error (error);
  item = care_cache_outbox_add (fixture->cache, json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  care_outbox_item_free (item);
}

/* The summary reads the same pending state as the lists: a prescription the
 * patient marked as stopped is not listed as taken, and an allergy and a
 * vaccine they added are listed as not confirmed. */
static void
test_pending (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareHealthSummary) summary = care_health_summary_new ("Lucía Reyes", NULL);

  queue (fixture, "{\"resourceType\":\"MedicationStatement\",\"status\":\"stopped\","
                  "\"medicationReference\":{\"reference\":\"Medication/met\"},"
                  "\"subject\":{\"reference\":\"Patient/p\"},"
                  "\"derivedFrom\":[{\"reference\":\"MedicationRequest/rx1\"}]}");
  queue (fixture, "{\"resourceType\":\"AllergyIntolerance\","
                  "\"verificationStatus\":{\"coding\":[{\"system\":"
                  "\"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification\","
                  "\"code\":\"unconfirmed\"}]},"
                  "\"code\":{\"text\":\"Peanuts\"},\"patient\":{\"reference\":\"Patient/p\"}}");
  queue (fixture, "{\"resourceType\":\"Immunization\",\"status\":\"completed\","
                  "\"vaccineCode\":{\"text\":\"Tetanus\"},\"patient\":{\"reference\":\"Patient/p\"},"
                  "\"occurrenceDateTime\":\"2019-06-01\",\"primarySource\":false}");

  g_assert_true (care_health_summary_load (summary, fixture->cache, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (care_health_summary_get_n_items (summary, 1), ==, 0);
  g_assert_cmpuint (care_health_summary_get_n_items (summary, 2), ==, 2);
  g_assert_cmpstr (care_health_summary_get_item_title (summary, 2, 1), ==, "Peanuts");
  g_assert_cmpstr (care_health_summary_get_item_detail (summary, 2, 1), ==, "Not confirmed");
  g_assert_cmpuint (care_health_summary_get_n_items (summary, 3), ==, 3);
  g_assert_cmpstr (care_health_summary_get_item_title (summary, 3, 2), ==, "Tetanus");
  g_assert_nonnull (strstr (care_health_summary_get_item_detail (summary, 3, 2), "not confirmed"));
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareHealthSummary) summary = care_health_summary_new ("Lucía Reyes", NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "summary.pdf", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 260);
  cairo_t *cr = cairo_create (surface);
  GStatBuf st;
  guint n;

  g_assert_true (care_health_summary_load (summary, fixture->cache, &error));

  /* A small page needs several; each draws without trouble. */
  n = care_health_summary_paginate (summary, cr, 300, 260);
  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    care_health_summary_draw_page (summary, cr, i, 300, 260);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  pdf = care_health_summary_render_pdf (summary, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));

  g_assert_true (care_health_summary_write_pdf (summary, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/summary/sections", Fixture, NULL, setup, test_sections, teardown);
  g_test_add ("/care/summary/pending", Fixture, NULL, setup, test_pending, teardown);
  g_test_add ("/care/summary/pages", Fixture, NULL, setup, test_pages, teardown);

  return g_test_run ();
}
