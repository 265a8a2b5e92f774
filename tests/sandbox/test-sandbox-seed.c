/* test-sandbox-seed.c — the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

#include "care-lms.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

typedef struct
{
  CareSandboxStore *store;
  GDate             today;
} Fixture;

static CareSandboxStore *
seeded_store (guint  seed,
              guint  scale,
              int    year,
              int    month,
              int    day)
{
  g_autoptr(GError) error = NULL;
  CareSandboxStore *store = care_sandbox_store_new (NULL, &error);
  CareSandboxSeedOptions options = { seed, scale };
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, year);
  care_sandbox_store_set_today (store, &today);
  g_assert_true (care_sandbox_seed_demo (store, &options, &error));
  g_assert_no_error (error);

  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->store = seeded_store (1, 1, 2026, 11, 24);
  care_sandbox_store_get_today (fixture->store, &fixture->today);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
}

/* Every stored resource, as parsed JSON without meta (lastUpdated is the
 * time of writing, not data). */
static GPtrArray *
all_resources (CareSandboxStore *store)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (store),
                                       "SELECT json FROM resources ORDER BY type, id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, (const char *)sqlite3_column_text (stmt, 0),
                                                 -1, NULL));
      object = json_node_dup_object (json_parser_get_root (parser));
      json_object_remove_member (object, "meta");
      g_ptr_array_add (out, object);
    }
  sqlite3_finalize (stmt);

  return out;
}

static char *
dump (CareSandboxStore *store)
{
  g_autoptr(GPtrArray) resources = all_resources (store);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < resources->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        g_ptr_array_index (resources, i));
      g_autofree char *text = json_to_string (node, FALSE);

      g_string_append_printf (out, "%s\n", text);
    }

  return g_string_free (out, FALSE);
}

static char *
format_day (const GDate *today,
            int          days_ago)
{
  GDate date = *today;

  if (days_ago >= 0)
    g_date_subtract_days (&date, days_ago);
  else
    g_date_add_days (&date, -days_ago);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;
  int y = 0, m = 0, d = 0;

  g_assert_cmpint (sscanf (from, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&a, 1);
  g_date_set_dmy (&a, d, m, y);
  g_assert_cmpint (sscanf (to, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&b, 1);
  g_date_set_dmy (&b, d, m, y);

  return g_date_days_between (&a, &b);
}

static void
test_deterministic (void)
{
  g_autoptr(CareSandboxStore) a = seeded_store (1, 1, 2026, 11, 24);
  g_autoptr(CareSandboxStore) b = seeded_store (1, 1, 2026, 11, 24);
  g_autoptr(CareSandboxStore) c = seeded_store (2, 1, 2026, 11, 24);
  g_autofree char *dump_a = dump (a);
  g_autofree char *dump_b = dump (b);
  g_autofree char *dump_c = dump (c);

  /* Same seed, same bytes (PDFs included); another seed, other values. */
  g_assert_cmpuint (strlen (dump_a), >, 100000);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (dump_a, !=, dump_c);
}

/* Every string that starts with a date, anywhere in @node. */
static void
collect_dates (JsonNode  *node,
               GPtrArray *dates)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_str_equal (name, "data"))
          collect_dates (member, dates);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_dates (json_array_get_element (array, i), dates);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (strlen (text) >= 10 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[3]) &&
          text[4] == '-' && text[7] == '-' && g_ascii_isdigit (text[9]))
        g_ptr_array_add (dates, g_strndup (text, 10));
    }
}

static void
assert_dates_relative (CareSandboxStore *store)
{
  g_autoptr(GPtrArray) resources = all_resources (store);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) child = care_sandbox_store_get (store, "Patient", "child");
  g_autoptr(JsonObject) visit = care_sandbox_store_get (store, "Encounter", "adult-visit-23");
  g_autofree char *today = NULL;
  GDate day;

  care_sandbox_store_get_today (store, &day);
  today = format_day (&day, 0);

  for (guint i = 0; i < resources->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        g_ptr_array_index (resources, i));

      collect_dates (node, dates);
    }
  g_assert_cmpuint (dates->len, >, 1000);

  /* Nothing older than the grandfather's birth, nothing beyond the 60 days
   * of free slots (and the next visits booked in them). */
  for (guint i = 0; i < dates->len; i++)
    {
      int ago = days_between (g_ptr_array_index (dates, i), today);

      if (ago > 79 * 366 || ago < -90)
        g_error ("date %s is not relative to %s", (char *)g_ptr_array_index (dates, i), today);
    }

  /* Anchors: Maria's last visit a week ago, Mateo born 8 years and 45 days ago. */
  {
    g_autofree char *week_ago = format_day (&day, 7);
    GDate born = day;
    g_autofree char *born_text = NULL;

    g_autofree char *start = g_strdup_printf ("%sT09:00:00-0", week_ago);
    g_autofree char *end = g_strdup_printf ("%sT09:40:00-0", week_ago);

    /* At 9:00 in the clinic's town, for 40 minutes. */
    g_assert_true (g_str_has_prefix (json_object_get_string_member (
      json_object_get_object_member (visit, "period"), "start"), start));
    g_assert_true (g_str_has_prefix (json_object_get_string_member (
      json_object_get_object_member (visit, "period"), "end"), end));
    g_date_subtract_years (&born, 8);
    g_date_subtract_days (&born, 45);
    born_text = format_day (&born, 0);
    g_assert_cmpstr (json_object_get_string_member (child, "birthDate"), ==, born_text);
  }
}

static void
test_relative_dates (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CareSandboxStore) later = seeded_store (1, 1, 2031, 3, 1);

  assert_dates_relative (fixture->store);
  assert_dates_relative (later);
}

static void
test_local_time (void)
{
  static const struct { const char *date; const char *clock; int plus; const char *expected; } cases[] = {
    /* US daylight saving time 2026: from Sunday 8 March to Sunday 1 November. */
    { "2026-03-07", "09:00", 0, "2026-03-07T09:00:00-08:00" },
    { "2026-03-08", "09:00", 0, "2026-03-08T09:00:00-07:00" },
    { "2026-07-04", "16:15", 30, "2026-07-04T16:45:00-07:00" },
    { "2026-10-31", "08:15", 0, "2026-10-31T08:15:00-07:00" },
    { "2026-11-01", "08:15", 0, "2026-11-01T08:15:00-08:00" },
    { "2026-11-17", "09:00", 40, "2026-11-17T09:40:00-08:00" },
    /* 2031: 9 March and 2 November. */
    { "2031-03-08", "10:00", 0, "2031-03-08T10:00:00-08:00" },
    { "2031-03-09", "10:00", 0, "2031-03-09T10:00:00-07:00" },
    { "2031-11-01", "10:00", 0, "2031-11-01T10:00:00-07:00" },
    { "2031-11-02", "10:00", 0, "2031-11-02T10:00:00-08:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *when = care_seed_time (cases[i].date, cases[i].clock, cases[i].plus);

      g_assert_cmpstr (when, ==, cases[i].expected);
    }
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const struct { const char *type; guint count; } expected[] = {
    /* The clinic, its customer service department and three pharmacies. */
    { "Patient", 4 }, { "RelatedPerson", 3 }, { "Organization", 5 }, { "Location", 2 },
    { "Practitioner", 5 }, { "HealthcareService", 4 + 7 }, { "CareTeam", 4 },
    /* Maria's 24 visits, Mateo's 18 check-ups and 3 ear infections, Lucía's
     * 5 check-ups and her confidential visit, Roberto's 8 checks. */
    { "Encounter", 24 + 18 + 3 + 5 + 1 + 8 },
    /* One A1c report a visit, a metabolic panel every other, lipids, a blood
     * count and urine albumin once a year; Lucía's iron panel, Roberto's
     * kidney panels, two X-rays; Maria's five eye exams and two notes
     * sent as reports. */
    { "DiagnosticReport", 24 + 12 + 6 + 6 + 6 + 1 + 8 + 2 + 5 + 2 },
    { "MedicationRequest", 7 + 3 + 2 + 3 + 1 }, { "Medication", 7 + 1 + 2 + 3 + 1 },
    /* Maria's B12 injections, test strip deliveries, eye photographs, who
     * recorded each A1c, and a claim a visit plus last week's. */
    { "MedicationAdministration", 6 }, { "SupplyDelivery", 8 }, { "ImagingStudy", 5 },
    { "Provenance", 24 }, { "Claim", 24 + 1 },
    { "AllergyIntolerance", 4 }, { "Procedure", 6 }, { "FamilyMemberHistory", 3 },
    { "Condition", 5 + 24 + 4 + 2 + 4 }, { "Immunization", 6 + 1 + 3 + 36 + 9 + 6 },
    /* Two care plans of care, and two asking Maria and Roberto for home readings. */
    { "ImmunizationRecommendation", 3 }, { "CarePlan", 2 + 2 }, { "Goal", 3 },
    /* A summary and a note for each of Maria's visits, her directive, the
     * state's blank directive form and her eye exam; Mateo's last summary;
     * Lucía's note. */
    { "DocumentReference", 48 + 3 + 1 + 1 }, { "Binary", 48 + 3 + 1 + 1 },
    { "VisionPrescription", 1 }, { "Coverage", 3 }, { "Account", 1 },
    { "ExplanationOfBenefit", 24 }, { "Invoice", 4 + 1 },
    /* Eleven messages in five threads, and four clinic calls. */
    { "Communication", 11 + 4 },
    /* Three more: Maria's video visit and annual physical, and Lucía's
     * confidential one. */
    { "Appointment", 11 }, { "Schedule", 4 },
    /* Maria's lipids, A1c, retinal photographs and an old glucose; Mateo's
     * lead level. */
    { "ServiceRequest", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint count = care_sandbox_store_count (fixture->store, expected[i].type);

      if (count != expected[i].count)
        g_error ("%s: %u, expected %u", expected[i].type, count, expected[i].count);
    }

  /* Fifteen 20-minute slots each weekday for three weeks, four clinicians. */
  g_assert_cmpuint (care_sandbox_store_count (fixture->store, "Slot"), ==, 4 * 15 * 15);
  g_assert_cmpuint (care_sandbox_store_count (fixture->store, "Observation"), >, 400);
}

static void
check_references (CareSandboxStore *store,
                  JsonNode         *node,
                  guint            *checked)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          /* Literal references, and attachments pointing at a Binary
           * (a complex extension's parts have plain names as urls). */
          if ((g_str_equal (name, "reference") || g_str_equal (name, "url")) &&
              JSON_NODE_HOLDS_VALUE (member) &&
              !g_str_has_prefix (json_node_get_string (member), "http") &&
              (g_str_equal (name, "reference") || strchr (json_node_get_string (member), '/') != NULL))
            {
              g_auto(GStrv) parts = g_strsplit (json_node_get_string (member), "/", -1);
              g_autoptr(JsonObject) target = NULL;

              g_assert_cmpuint (g_strv_length (parts), ==, 2);
              target = care_sandbox_store_get (store, parts[0], parts[1]);
              if (target == NULL)
                g_error ("dangling reference %s", json_node_get_string (member));
              (*checked)++;
            }
          else
            check_references (store, member, checked);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_references (store, json_array_get_element (array, i), checked);
    }
}

static void
test_references (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) resources = all_resources (fixture->store);
  guint checked = 0;

  for (guint i = 0; i < resources->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        g_ptr_array_index (resources, i));

      check_references (fixture->store, node, &checked);
    }
  g_assert_cmpuint (checked, >, 2000);
}

static GPtrArray *
search (CareSandboxStore *store,
        const char       *type,
        const char       *patient,
        const char       *param,
        const char       *value)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareSandboxPage) page = NULL;
  CareSandboxSearch query = { 0 };
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  if (param != NULL)
    g_hash_table_insert (params, (gpointer)param, (gpointer)value);
  query.type = type;
  query.patient = patient;
  query.params = params;
  query.count = 1000;
  page = care_sandbox_store_search (store, &query, NULL);
  g_assert_nonnull (page);
  g_assert_false (page->more);

  for (guint i = 0; i < page->resources->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (page->resources, i), -1,
                                                 NULL));
      g_ptr_array_add (out, json_node_dup_object (json_parser_get_root (parser)));
    }

  return out;
}

static const char *
first_code (JsonObject *resource,
            const char *member)
{
  JsonObject *concept = json_object_get_object_member (resource, member);

  return json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (concept, "coding"), 0), "code");
}

static void
test_growth (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "growth", NULL);
  g_autoptr(CareLms) lms = care_lms_new (dir, &error);
  g_autoptr(JsonObject) child = care_sandbox_store_get (fixture->store, "Patient", "child");
  g_autoptr(GPtrArray) vitals = search (fixture->store, "Observation", "child", "category", "vital-signs");
  const char *born = json_object_get_string_member (child, "birthDate");
  guint weights = 0, lengths = 0, heads = 0, bmis = 0, percentiles = 0;
  double weight_percentiles = 0;

  g_assert_no_error (error);

  for (guint i = 0; i < vitals->len; i++)
    {
      JsonObject *obs = g_ptr_array_index (vitals, i);
      const char *code = first_code (obs, "code");
      const char *when = json_object_get_string_member (obs, "effectiveDateTime");
      double age_months = days_between (born, when) / CARE_LMS_DAYS_PER_MONTH;
      double value = json_object_get_double_member (json_object_get_object_member (obs, "valueQuantity"),
                                                    "value");
      const char *unit = json_object_get_string_member (json_object_get_object_member (obs, "valueQuantity"),
                                                        "code");
      CareLmsChart chart;
      double z = 0, percentile;

      if (g_str_equal (code, "29463-7"))
        {
          chart = CARE_LMS_WEIGHT_FOR_AGE;
          g_assert_cmpstr (unit, ==, "kg");
          weights++;
        }
      else if (g_str_equal (code, "8306-3") || g_str_equal (code, "8302-2"))
        {
          /* Lying length under 2 years, standing height after. */
          g_assert_cmpstr (code, ==, age_months < 24 ? "8306-3" : "8302-2");
          g_assert_cmpstr (unit, ==, "cm");
          chart = CARE_LMS_LENGTH_FOR_AGE;
          lengths++;
        }
      else if (g_str_equal (code, "9843-4"))
        {
          g_assert_cmpfloat (age_months, <=, 36);
          g_assert_cmpstr (unit, ==, "cm");
          chart = CARE_LMS_HEAD_FOR_AGE;
          heads++;
        }
      else if (g_str_equal (code, "39156-5"))
        {
          g_assert_cmpfloat (age_months, >=, 24);
          g_assert_cmpstr (unit, ==, "kg/m2");
          chart = CARE_LMS_BMI_FOR_AGE;
          bmis++;
        }
      else
        continue;

      g_assert_true (care_lms_z_score (lms, chart, CARE_LMS_SEX_MALE, age_months, 0, value, &z));
      percentile = care_lms_percentile_from_z (z);
      if (percentile < 3 || percentile > 97)
        g_error ("%s of %.2f at %.1f months is on the %.1fth percentile", code, value, age_months,
                 percentile);
      if (chart == CARE_LMS_WEIGHT_FOR_AGE)
        weight_percentiles += percentile;
    }

  /* The percentile Observations (US Core pediatric BMI and weight-for-length)
   * agree with the measurements of the same visit. */
  for (guint i = 0; i < vitals->len; i++)
    {
      JsonObject *obs = g_ptr_array_index (vitals, i);
      const char *code = first_code (obs, "code");
      const char *encounter = json_object_get_string_member (json_object_get_object_member (obs, "encounter"),
                                                             "reference");
      const char *when = json_object_get_string_member (obs, "effectiveDateTime");
      double age_months = days_between (born, when) / CARE_LMS_DAYS_PER_MONTH;
      double weight = 0, length = 0, bmi = 0, z = 0;
      gboolean wfl = g_str_equal (code, "77606-2");

      if (!wfl && !g_str_equal (code, "59576-9"))
        continue;

      for (guint j = 0; j < vitals->len; j++)
        {
          JsonObject *other = g_ptr_array_index (vitals, j);
          const char *other_code = first_code (other, "code");
          double value = json_object_get_double_member (json_object_get_object_member (other, "valueQuantity"),
                                                        "value");

          if (!g_str_equal (json_object_get_string_member (json_object_get_object_member (other, "encounter"),
                                                           "reference"), encounter))
            continue;
          if (g_str_equal (other_code, "29463-7"))
            weight = value;
          else if (g_str_equal (other_code, "8306-3") || g_str_equal (other_code, "8302-2"))
            length = value;
          else if (g_str_equal (other_code, "39156-5"))
            bmi = value;
        }

      if (wfl)
        g_assert_true (care_lms_z_score (lms, CARE_LMS_WEIGHT_FOR_LENGTH, CARE_LMS_SEX_MALE, age_months,
                                         length, weight, &z));
      else
        g_assert_true (care_lms_z_score (lms, CARE_LMS_BMI_FOR_AGE, CARE_LMS_SEX_MALE, age_months, 0, bmi,
                                         &z));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (obs,
                                                                                                   "valueQuantity"),
                                                                     "value"),
                                      care_lms_percentile_from_z (z), 0.051);
      percentiles++;
    }
  /* Weight-for-length at the 10 visits under 2 years, BMI at the 8 after. */
  g_assert_cmpuint (percentiles, ==, 10 + 8);

  /* 18 check-ups: head circumference under 3 years (12 of them), BMI from
   * 2 years (8). */
  g_assert_cmpuint (weights, ==, 18);
  g_assert_cmpuint (lengths, ==, 18);
  g_assert_cmpuint (heads, ==, 12);
  g_assert_cmpuint (bmis, ==, 8);
  /* Around the 60th percentile, as the seeder intends. */
  g_assert_cmpfloat (weight_percentiles / weights, >, 55);
  g_assert_cmpfloat (weight_percentiles / weights, <, 70);
}

static void
test_teen_withheld (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char *types[] = {
    "MedicationRequest", "DiagnosticReport", "DocumentReference", "Condition", "Communication",
  };
  g_autoptr(GPtrArray) labs = search (fixture->store, "Observation", "teen", "category", "laboratory");
  g_autoptr(GPtrArray) vitals = search (fixture->store, "Observation", "teen", "category", "vital-signs");

  /* Each type a parent may not see from the 12th birthday exists for her. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GPtrArray) found = search (fixture->store, types[i], "teen", NULL, NULL);

      if (found->len == 0)
        g_error ("the teen has no %s", types[i]);
    }
  g_assert_cmpuint (labs->len, ==, 3);
  g_assert_cmpuint (vitals->len, >, 0);
  /* The sandbox's auth tests read this one. */
  g_assert_nonnull (care_sandbox_store_get (fixture->store, "Condition", "teen-anxiety"));
}

/* Like strstr, for binary data with NULs in it. */
static gboolean
contains (const guchar *bytes,
          gsize         length,
          const char   *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (bytes + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static void
test_adult_record (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) a1c = search (fixture->store, "Observation", "adult", "code", "http://loinc.org|4548-4");
  g_autoptr(GPtrArray) labs = search (fixture->store, "Observation", "adult", "category", "laboratory");
  g_autoptr(GPtrArray) reports = search (fixture->store, "DiagnosticReport", "adult", NULL, NULL);
  g_autoptr(GPtrArray) bp = search (fixture->store, "Observation", "adult", "code", "http://loinc.org|85354-9");
  g_autoptr(JsonObject) metformin = care_sandbox_store_get (fixture->store, "MedicationRequest",
                                                            "adult-metformin");
  g_autoptr(JsonObject) pdf = care_sandbox_store_get (fixture->store, "Binary", "adult-avs-23");
  g_autoptr(JsonObject) thread = care_sandbox_store_get (fixture->store, "Communication", "msg-a1c-3");
  g_autoptr(JsonObject) recommendations = care_sandbox_store_get (fixture->store,
                                                                  "ImmunizationRecommendation",
                                                                  "adult-recommendations");
  g_autofree char *recommendations_text = NULL;
  g_autofree guchar *bytes = NULL;
  gsize length = 0;
  guint high = 0, low = 0;
  double first, last;

  /* Quarterly A1c, falling as the diabetes comes under control. */
  g_assert_cmpuint (a1c->len, ==, 24);
  first = json_object_get_double_member (json_object_get_object_member (g_ptr_array_index (a1c, 0),
                                                                         "valueQuantity"), "value");
  last = json_object_get_double_member (json_object_get_object_member (g_ptr_array_index (a1c, 23),
                                                                        "valueQuantity"), "value");
  g_assert_cmpfloat (first, >, 8.0);
  g_assert_cmpfloat (last, <, 7.2);

  /* Every lab has a UCUM unit, a range and an interpretation; some are out of range. */
  for (guint i = 0; i < labs->len; i++)
    {
      JsonObject *obs = g_ptr_array_index (labs, i);
      JsonObject *interpretation = json_array_get_object_element (
        json_object_get_array_member (obs, "interpretation"), 0);
      const char *flag = json_object_get_string_member (
        json_array_get_object_element (json_object_get_array_member (interpretation, "coding"), 0), "code");

      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obs, "valueQuantity"),
                                                      "system"), ==, "http://unitsofmeasure.org");
      g_assert_true (json_object_has_member (obs, "referenceRange"));
      high += g_str_equal (flag, "H");
      low += g_str_equal (flag, "L");
    }
  g_assert_cmpuint (high, >, 10);
  g_assert_cmpuint (low, >, 0);

  /* Reports group laboratory results; the imaging ones carry a
   * conclusion, the two notes their text. */
  g_assert_cmpuint (reports->len, ==, 24 + 12 + 6 + 6 + 6 + 2 + 5 + 2);
  for (guint i = 0; i < reports->len; i++)
    {
      JsonObject *report = g_ptr_array_index (reports, i);
      JsonArray *results;

      if (!json_object_has_member (report, "result"))
        {
          g_assert_true (json_object_has_member (report, "conclusion") ||
                         json_object_has_member (report, "presentedForm"));
          continue;
        }
      results = json_object_get_array_member (report, "result");
      g_assert_cmpuint (json_array_get_length (results), >=, 1);
      for (guint j = 0; j < json_array_get_length (results); j++)
        {
          const char *reference = json_object_get_string_member (json_array_get_object_element (results, j),
                                                                 "reference");
          g_autoptr(JsonObject) result = care_sandbox_store_get (fixture->store, "Observation",
                                                                 reference + strlen ("Observation/"));

          g_assert_nonnull (result);
          g_assert_nonnull (strstr (json_object_get_string_member (
            json_array_get_object_element (json_object_get_array_member (
              json_array_get_object_element (json_object_get_array_member (result, "category"), 0),
              "coding"), 0), "code"), "laboratory"));
        }
    }

  /* Blood pressure is a panel with its two components, at every visit, and
   * in the week of morning readings Maria entered herself. */
  g_assert_cmpuint (bp->len, ==, 24 + 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (g_ptr_array_index (bp, 0),
                                                                         "component")), ==, 2);

  /* Prescriptions say how to take them. */
  g_assert_nonnull (metformin);
  g_assert_true (json_object_has_member (json_array_get_object_element (
    json_object_get_array_member (metformin, "dosageInstruction"), 0), "timing"));

  /* Visit summaries are real PDFs. */
  g_assert_cmpstr (json_object_get_string_member (pdf, "contentType"), ==, "application/pdf");
  bytes = g_base64_decode (json_object_get_string_member (pdf, "data"), &length);
  g_assert_cmpuint (length, >, 2000);
  g_assert_true (memcmp (bytes, "%PDF-", 5) == 0);
  g_assert_true (contains (bytes, length, "/Title (After-Visit Summary)"));
  g_assert_true (contains (bytes, length, "%%EOF"));

  /* Replies point at their thread and at the message they answer. */
  g_assert_true (json_object_has_member (thread, "partOf"));
  g_assert_true (json_object_has_member (thread, "inResponseTo"));

  /* Preventive care: something is overdue. */
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), recommendations);

    recommendations_text = json_to_string (node, FALSE);
  }
  g_assert_nonnull (strstr (recommendations_text, "\"overdue\""));
}

static void
test_rollback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSandboxStore) store = care_sandbox_store_new (NULL, &error);
  CareSandboxSeedOptions options = { 1, 1 };

  g_assert_no_error (error);
  /* The database refuses Slots, which the seeder writes last but one. */
  g_assert_cmpint (sqlite3_exec (care_sandbox_store_get_db (store),
                                 "CREATE TRIGGER no_slots BEFORE INSERT ON resources "
                                 "WHEN NEW.type = 'Slot' BEGIN SELECT RAISE (ABORT, 'no slots'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (care_sandbox_seed_demo (store, &options, &error));
  g_assert_nonnull (error);

  /* Nothing half-written stays behind, and the store still works. */
  g_assert_cmpuint (care_sandbox_store_count (store, "Patient"), ==, 0);
  g_assert_cmpuint (care_sandbox_store_count (store, "Observation"), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (care_sandbox_store_get_db (store), "DROP TRIGGER no_slots",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (care_sandbox_seed_demo (store, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (care_sandbox_store_count (store, "Patient"), ==, 4);
}

static void
test_scale (void)
{
  g_autoptr(CareSandboxStore) one = seeded_store (1, 1, 2026, 11, 24);
  g_autoptr(CareSandboxStore) two = seeded_store (1, 2, 2026, 11, 24);

  /* Maria's visits double; the children's stay. */
  g_assert_cmpuint (care_sandbox_store_count (two, "Encounter"), ==,
                    care_sandbox_store_count (one, "Encounter") + 24);
  g_assert_cmpuint (care_sandbox_store_count (two, "Patient"), ==, 4);
  /* Each step adds six years of daily home readings (three series). */
  g_assert_cmpuint (care_sandbox_store_count (two, "Observation") -
                    care_sandbox_store_count (one, "Observation"), >=, 3 * 6 * 365);
  /* Summaries stay one per quarter. */
  g_assert_cmpuint (care_sandbox_store_count (two, "DocumentReference"), ==,
                    care_sandbox_store_count (one, "DocumentReference"));
}

/* Issue 18: lastUpdated is one millisecond apart at least, and a seed
 * writes thousands a second; it used to be stamped seconds (two minutes at
 * scale 20) ahead of the portal's own clock, so every sync within that
 * time found the whole seed "updated since" and fetched it again. The
 * seed now ends its stamps no later than the clock. */
static void
test_stamps_not_ahead (void)
{
  g_autoptr(CareSandboxStore) store = seeded_store (1, 2, 2026, 11, 24);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *clock = g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (store),
                                       "SELECT max(last_updated), count(*) FROM history", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), >, 5000);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), <=, clock);
  sqlite3_finalize (stmt);
}

/* Only with -m slow: the benchmark size of the issue. */
static void
test_scale_20 (void)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(CareSandboxStore) store = seeded_store (1, 20, 2026, 11, 24);
  sqlite3_stmt *stmt = NULL;
  gint64 total = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (care_sandbox_store_get_db (store),
                                       "SELECT count(*) FROM resources", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_test_message ("scale 20: %" G_GINT64_FORMAT " resources in %.1f s", total,
                  g_timer_elapsed (timer, NULL));
  g_assert_cmpint (total, >=, 100000);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 60);
}
/* A lab test or panel is named as a portal names it (code.text: "Lipid
 * panel", "Hemoglobin A1c"), not by LOINC's long name, which the coding
 * keeps: the long names were all the Results screen showed. */
static void
test_lab_names (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *patients[] = {
    CARE_SANDBOX_DEMO_ADULT, CARE_SANDBOX_DEMO_CHILD, CARE_SANDBOX_DEMO_TEEN, CARE_SANDBOX_DEMO_ELDER,
  };
  static const char *types[] = { "Observation", "DiagnosticReport" };
  guint checked = 0;

  for (guint p = 0; p < G_N_ELEMENTS (patients); p++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        g_autoptr(GPtrArray) found = search (fixture->store, types[t], patients[p], NULL, NULL);

        for (guint i = 0; i < found->len; i++)
          {
            JsonObject *resource = g_ptr_array_index (found, i);
            JsonObject *category = json_array_get_object_element (json_object_get_array_member (resource,
                                                                                                 "category"), 0);
            const char *kind = json_object_get_string_member (
              json_array_get_object_element (json_object_get_array_member (category, "coding"), 0), "code");
            JsonObject *code = json_object_get_object_member (resource, "code");
            JsonArray *codings = json_object_has_member (code, "coding")
                                 ? json_object_get_array_member (code, "coding") : NULL;
            const char *text = json_object_get_string_member_with_default (code, "text", NULL);
            const char *display;

            if (g_strcmp0 (kind, "laboratory") != 0 && g_strcmp0 (kind, "LAB") != 0)
              continue;
            g_assert_nonnull (codings);
            display = json_object_get_string_member (json_array_get_object_element (codings, 0), "display");
            g_assert_nonnull (text);
            g_assert_cmpstr (text, !=, display);
            g_assert_null (strchr (text, '['));
            g_assert_cmpuint (strlen (text), <=, 32);
            checked++;
          }
      }
  g_assert_cmpuint (checked, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/care/sandbox/seed/deterministic", test_deterministic);
  ADD ("/care/sandbox/seed/relative-dates", test_relative_dates);
  g_test_add_func ("/care/sandbox/seed/local-time", test_local_time);
  ADD ("/care/sandbox/seed/counts", test_counts);
  ADD ("/care/sandbox/seed/references", test_references);
  ADD ("/care/sandbox/seed/growth", test_growth);
  ADD ("/care/sandbox/seed/teen-withheld", test_teen_withheld);
  ADD ("/care/sandbox/seed/adult-record", test_adult_record);
  ADD ("/care/sandbox/seed/lab-names", test_lab_names);
  g_test_add_func ("/care/sandbox/seed/rollback", test_rollback);
  g_test_add_func ("/care/sandbox/seed/scale", test_scale);
  g_test_add_func ("/care/sandbox/seed/stamps-not-ahead", test_stamps_not_ahead);
  if (g_test_slow ())
    g_test_add_func ("/care/sandbox/seed/scale-20", test_scale_20);
#undef ADD

  return g_test_run ();
}
