/* test-sandbox-access.c — proxy access by age, as a portal enforces it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>

#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-auth.h"

static void
set_day (GDate *day,
         int    year,
         int    month,
         int    dmonth)
{
  g_date_clear (day, 1);
  g_date_set_dmy (day, dmonth, month, year);
}

static void
test_boundaries (void)
{
  GDate day;

  /* Born 15 March 2011. */
  set_day (&day, 2023, 3, 14);   /* 11 years 364 days */
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2011-03-15", &day), ==,
                   CARE_SANDBOX_ACCESS_FULL);
  set_day (&day, 2023, 3, 15);   /* 12 years */
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2011-03-15", &day), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
  set_day (&day, 2029, 3, 14);   /* 17 years 364 days */
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2011-03-15", &day), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
  set_day (&day, 2029, 3, 15);   /* 18 years */
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2011-03-15", &day), ==,
                   CARE_SANDBOX_ACCESS_NONE);

  /* An adult who granted access, and one's own record, have no age rule. */
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_GRANTED, "1948-01-01", &day), ==,
                   CARE_SANDBOX_ACCESS_FULL);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_NONE, "2011-03-15", &day), ==,
                   CARE_SANDBOX_ACCESS_FULL);

  /* No usable birth date: the careful answer. */
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, NULL, &day), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2011-02-30", &day), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
}

static void
test_leap_day (void)
{
  GDate day;

  /* Born 29 February 2012: 12 on 29 February 2024 (a leap year), and 18
   * on 28 February 2030 (a common year), as the app counts ages too. */
  set_day (&day, 2024, 2, 28);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2012-02-29", &day), ==,
                   CARE_SANDBOX_ACCESS_FULL);
  set_day (&day, 2024, 2, 29);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2012-02-29", &day), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
  set_day (&day, 2030, 2, 27);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2012-02-29", &day), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
  set_day (&day, 2030, 2, 28);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2012-02-29", &day), ==,
                   CARE_SANDBOX_ACCESS_NONE);
}

/* The four boundaries for birthdays at the ends of months and years and
 * on 29 February, with the days computed rather than written out. */
static void
test_boundaries_table (void)
{
  static const char *births[] = { "2000-01-01", "2011-12-31", "2012-02-29", "2010-02-28",
                                  "2013-03-01", "2008-07-31" };
  GDate today;

  for (guint i = 0; i < G_N_ELEMENTS (births); i++)
    {
      int year, month, day;
      GDate birthday;
      GDate on;

      g_assert_cmpint (sscanf (births[i], "%4d-%2d-%2d", &year, &month, &day), ==, 3);

      for (int age = 12; age <= 18; age += 6)
        {
          CareSandboxAccess before = age == 12 ? CARE_SANDBOX_ACCESS_FULL : CARE_SANDBOX_ACCESS_LIMITED;
          CareSandboxAccess after = age == 12 ? CARE_SANDBOX_ACCESS_LIMITED : CARE_SANDBOX_ACCESS_NONE;

          /* The birthday in that year; 29 February falls on 28 February
           * in a common year, as the app counts it. */
          g_date_clear (&birthday, 1);
          if (month == 2 && day == 29 && !g_date_is_leap_year (year + age))
            g_date_set_dmy (&birthday, 28, 2, year + age);
          else
            g_date_set_dmy (&birthday, day, month, year + age);

          on = birthday;
          g_date_subtract_days (&on, 1);
          g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, births[i], &on), ==,
                           before);
          g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, births[i], &birthday),
                           ==, after);
          /* A granted proxy has no age rule on either day. */
          g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_GRANTED, births[i], &on), ==,
                           CARE_SANDBOX_ACCESS_FULL);
          g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_GRANTED, births[i], &birthday),
                           ==, CARE_SANDBOX_ACCESS_FULL);
        }
    }

  /* A birth date in the future or unusable: the careful answer. */
  set_day (&today, 2026, 11, 24);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2030-01-01", &today), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
  g_assert_cmpint (care_sandbox_access_for (CARE_SANDBOX_PROXY_PARENT, "2012", &today), ==,
                   CARE_SANDBOX_ACCESS_LIMITED);
}

static void
test_withheld_types (void)
{
  g_assert_true (care_sandbox_access_withholds_type (CARE_SANDBOX_ACCESS_LIMITED, "Condition"));
  g_assert_true (care_sandbox_access_withholds_type (CARE_SANDBOX_ACCESS_LIMITED, "Communication"));
  g_assert_false (care_sandbox_access_withholds_type (CARE_SANDBOX_ACCESS_LIMITED, "Immunization"));
  g_assert_false (care_sandbox_access_withholds_type (CARE_SANDBOX_ACCESS_FULL, "Condition"));
  g_assert_true (care_sandbox_access_withholds_type (CARE_SANDBOX_ACCESS_NONE, "Immunization"));
  g_assert_cmpstr (care_sandbox_access_withheld_category (CARE_SANDBOX_ACCESS_LIMITED, "Observation"),
                   ==, "laboratory");
}

/* Over HTTP: a parent's tokens, obtained for a user added through the
 * portal's account API, on fixed days. */

typedef struct
{
  CareSandbox *sandbox;
  SoupSession *session;
} Fixture;

static void
put (Fixture    *fixture,
     const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) stored = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  stored = care_sandbox_store_put (care_sandbox_get_store (fixture->sandbox),
                                   json_node_get_object (json_parser_get_root (parser)), NULL);
  g_assert_nonnull (stored);
}

static void
put_patient (Fixture    *fixture,
             const char *id,
             const char *birth_date)
{
  g_autofree char *json = g_strdup_printf ("{\"resourceType\":\"Patient\",\"id\":\"%s\","
                                           "\"birthDate\":\"%s\"}", id, birth_date);

  put (fixture, json);
}

/* One resource of each kind the rules name, for @patient ("@" in the
 * templates). */
static void
put_record (Fixture    *fixture,
            const char *patient)
{
  const char *templates[] = {
    "{\"resourceType\":\"Observation\",\"id\":\"@-lab\",\"status\":\"final\","
    "\"code\":{\"text\":\"A1c\"},\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],"
    "\"subject\":{\"reference\":\"Patient/@\"},\"effectiveDateTime\":\"2026-01-01\"}",
    "{\"resourceType\":\"Observation\",\"id\":\"@-height\",\"status\":\"final\","
    "\"code\":{\"text\":\"Height\"},\"category\":[{\"coding\":[{\"code\":\"vital-signs\"}]}],"
    "\"subject\":{\"reference\":\"Patient/@\"},\"effectiveDateTime\":\"2026-01-01\"}",
    "{\"resourceType\":\"Condition\",\"id\":\"@-condition\",\"subject\":{\"reference\":\"Patient/@\"}}",
    "{\"resourceType\":\"MedicationRequest\",\"id\":\"@-med\",\"status\":\"active\",\"intent\":\"order\","
    "\"subject\":{\"reference\":\"Patient/@\"}}",
    "{\"resourceType\":\"DiagnosticReport\",\"id\":\"@-report\",\"status\":\"final\","
    "\"subject\":{\"reference\":\"Patient/@\"}}",
    "{\"resourceType\":\"DocumentReference\",\"id\":\"@-note\",\"status\":\"current\","
    "\"subject\":{\"reference\":\"Patient/@\"}}",
    "{\"resourceType\":\"Communication\",\"id\":\"@-message\",\"status\":\"completed\","
    "\"subject\":{\"reference\":\"Patient/@\"}}",
    "{\"resourceType\":\"Immunization\",\"id\":\"@-shot\",\"status\":\"completed\","
    "\"patient\":{\"reference\":\"Patient/@\"},\"occurrenceDateTime\":\"2025-09-01\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_auto(GStrv) parts = g_strsplit (templates[i], "@", -1);
      g_autofree char *json = g_strjoinv (patient, parts);

      put (fixture, json);
    }
}

static void
set_today (Fixture *fixture,
           int      year,
           int      month,
           int      day)
{
  GDate today;

  set_day (&today, year, month, day);
  care_sandbox_store_set_today (care_sandbox_get_store (fixture->sandbox), &today);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const struct { const char *id; const char *birth; int kind; } family[] = {
    { "teen", "2011-03-15", CARE_SANDBOX_PROXY_PARENT },
    { "grown", "2008-11-24", CARE_SANDBOX_PROXY_PARENT },     /* 18 today */
    { "nearly", "2008-11-25", CARE_SANDBOX_PROXY_PARENT },    /* 17 years 364 days */
    { "twelve", "2014-11-24", CARE_SANDBOX_PROXY_PARENT },    /* 12 today */
    { "kid", "2014-11-25", CARE_SANDBOX_PROXY_PARENT },       /* 11 years 364 days */
    { "elder", "1948-05-05", CARE_SANDBOX_PROXY_GRANTED },
  };

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  set_today (fixture, 2026, 11, 24);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));

  put_patient (fixture, "mother", "1981-06-02");
  g_assert_true (care_sandbox_add_user (fixture->sandbox, "mother", "a long passphrase", "Mother",
                                        "mother", "mother@example.org", NULL, 1000));
  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      put_patient (fixture, family[i].id, family[i].birth);
      put_record (fixture, family[i].id);
      g_assert_true (care_sandbox_add_proxy (fixture->sandbox, "mother", family[i].id,
                                             family[i].kind));
    }

  fixture->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->sandbox);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static JsonObject *
get (Fixture    *fixture,
     const char *token,
     const char *path,
     guint      *out_status)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_fhir_base (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = soup_session_send_and_read_finish (fixture->session, result, NULL);
  g_assert_nonnull (bytes);
  *out_status = soup_message_get_status (msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
token_for (Fixture    *fixture,
           const char *patient)
{
  return care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "mother", patient,
                                                   "launch/patient patient/*.rs", NULL);
}

/* Counts a searchset's matches and its outcome entries, checking that an
 * outcome is the warning the rules promise. */
static void
count_entries (JsonObject *bundle,
               guint      *matches,
               guint      *outcomes)
{
  JsonArray *entries = json_object_get_array_member (bundle, "entry");

  *matches = *outcomes = 0;
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *mode = json_object_get_string_member (json_object_get_object_member (entry, "search"),
                                                        "mode");

      if (g_str_equal (mode, "outcome"))
        {
          JsonObject *outcome = json_object_get_object_member (entry, "resource");
          JsonObject *issue = json_array_get_object_element (json_object_get_array_member (outcome,
                                                                                          "issue"), 0);
          const char *text = json_object_get_string_member (json_object_get_object_member (issue,
                                                                                         "details"),
                                                            "text");

          g_assert_cmpstr (json_object_get_string_member (outcome, "resourceType"), ==,
                           "OperationOutcome");
          g_assert_cmpstr (json_object_get_string_member (issue, "severity"), ==, "warning");
          g_assert_cmpstr (json_object_get_string_member (issue, "code"), ==, "suppressed");
          g_assert_nonnull (strstr (text, "proxy"));
          g_assert_nonnull (strstr (text, "12"));
          (*outcomes)++;
        }
      else
        (*matches)++;
    }
}

/* What a token for @patient shows of each kind of resource: TRUE when the
 * read answers 200 and the search has it, FALSE when the read is 403 and
 * the search has none of it plus the warning. */
static void
assert_visible (Fixture    *fixture,
                const char *token,
                const char *patient,
                const char *type,
                const char *suffix,
                const char *query,
                gboolean    visible)
{
  g_autofree char *read_path = g_strdup_printf ("/%s/%s-%s", type, patient, suffix);
  g_autofree char *search_path = g_strdup_printf ("/%s?%s", type, query);
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(JsonObject) search = NULL;
  guint status, matches, outcomes;

  read = get (fixture, token, read_path, &status);
  if (visible)
    g_assert_cmpuint (status, ==, 200);
  else
    {
      g_assert_cmpuint (status, ==, 403);
      g_assert_cmpstr (json_object_get_string_member (read, "resourceType"), ==, "OperationOutcome");
    }

  search = get (fixture, token, search_path, &status);
  g_assert_cmpuint (status, ==, 200);
  count_entries (search, &matches, &outcomes);
  g_assert_cmpuint (matches, ==, visible ? 1 : 0);
  if (!visible)
    g_assert_cmpuint (outcomes, ==, 1);
}

static const struct
{
  const char *type;
  const char *suffix;
  const char *query;
  gboolean    teen_sees;
} kinds[] = {
  { "Observation", "lab", "category=laboratory", FALSE },
  { "Observation", "height", "category=vital-signs", TRUE },
  { "Condition", "condition", "", FALSE },
  { "MedicationRequest", "med", "intent=order", FALSE },
  { "DiagnosticReport", "report", "", FALSE },
  { "DocumentReference", "note", "", FALSE },
  { "Communication", "message", "", FALSE },
  { "Immunization", "shot", "", TRUE },
};

static void
test_teen_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = token_for (fixture, "teen");
  g_autoptr(JsonObject) observations = NULL;
  g_autoptr(JsonObject) history = NULL;
  g_autoptr(JsonObject) patient = NULL;
  guint status, matches, outcomes;

  g_assert_nonnull (token);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    assert_visible (fixture, token, "teen", kinds[i].type, kinds[i].suffix, kinds[i].query,
                    kinds[i].teen_sees);

  /* All Observations: the height, not the lab, and the warning. */
  observations = get (fixture, token, "/Observation", &status);
  count_entries (observations, &matches, &outcomes);
  g_assert_cmpuint (matches, ==, 1);
  g_assert_cmpuint (outcomes, ==, 1);

  /* History leaves withheld resources out too. */
  history = get (fixture, token, "/Observation/_history", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (history, "entry")), ==, 1);
  patient = get (fixture, token, "/Patient/teen", &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_teen_own_token (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *token = NULL;

  /* The teen's own login sees the whole record. */
  g_assert_true (care_sandbox_add_user (fixture->sandbox, "lucia", "another passphrase", "Lucía",
                                        "teen", "lucia@example.org", NULL, 1000));
  token = care_sandbox_auth_issue_tokens_for_tests (fixture->sandbox, "lucia", NULL,
                                                    "launch/patient patient/*.rs", NULL);
  g_assert_nonnull (token);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    assert_visible (fixture, token, "teen", kinds[i].type, kinds[i].suffix, kinds[i].query, TRUE);
}

static void
test_day_boundaries (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *kid = token_for (fixture, "kid");
  g_autofree char *twelve = token_for (fixture, "twelve");
  g_autofree char *nearly = token_for (fixture, "nearly");
  g_autofree char *grown = token_for (fixture, "grown");
  g_autoptr(JsonObject) outcome = NULL;
  guint status;

  /* 11 years 364 days: everything; 12 today: limited. */
  g_assert_nonnull (kid);
  assert_visible (fixture, kid, "kid", "Observation", "lab", "category=laboratory", TRUE);
  assert_visible (fixture, kid, "kid", "Condition", "condition", "", TRUE);
  g_assert_nonnull (twelve);
  assert_visible (fixture, twelve, "twelve", "Observation", "lab", "category=laboratory", FALSE);
  assert_visible (fixture, twelve, "twelve", "Immunization", "shot", "", TRUE);

  /* 17 years 364 days: still limited; 18 today: no token at all. */
  g_assert_nonnull (nearly);
  assert_visible (fixture, nearly, "nearly", "Observation", "height", "category=vital-signs", TRUE);
  assert_visible (fixture, nearly, "nearly", "Condition", "condition", "", FALSE);
  g_assert_null (grown);

  /* The rule is the request's day: tomorrow the kid turns 12 and the
   * nearly-adult 18, with the tokens they already hold. */
  set_today (fixture, 2026, 11, 25);
  assert_visible (fixture, kid, "kid", "Observation", "lab", "category=laboratory", FALSE);
  outcome = get (fixture, nearly, "/Patient/nearly", &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (outcome, "resourceType"), ==, "OperationOutcome");
}

static void
test_granted_adult (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = token_for (fixture, "elder");

  /* An adult who granted access shares the whole record, at any age. */
  g_assert_nonnull (token);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    assert_visible (fixture, token, "elder", kinds[i].type, kinds[i].suffix, kinds[i].query, TRUE);
}

static void
test_compartment (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *token = token_for (fixture, "kid");
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) search = NULL;
  guint status, matches, outcomes;

  /* The kid's token reaches the kid only: the teen's records are absent. */
  other = get (fixture, token, "/Observation/teen-height", &status);
  g_assert_cmpuint (status, ==, 404);
  search = get (fixture, token, "/Observation", &status);
  count_entries (search, &matches, &outcomes);
  g_assert_cmpuint (matches, ==, 2);
  g_clear_pointer (&search, json_object_unref);
  search = get (fixture, token, "/Observation?patient=teen", &status);
  g_assert_cmpuint (status, ==, 403);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/sandbox/access/boundaries", test_boundaries);
  g_test_add_func ("/care/sandbox/access/leap-day", test_leap_day);
  g_test_add_func ("/care/sandbox/access/boundaries-table", test_boundaries_table);
  g_test_add_func ("/care/sandbox/access/withheld-types", test_withheld_types);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/care/sandbox/access/teen-limited", test_teen_limited);
  ADD ("/care/sandbox/access/teen-own-token", test_teen_own_token);
  ADD ("/care/sandbox/access/day-boundaries", test_day_boundaries);
  ADD ("/care/sandbox/access/granted-adult", test_granted_adult);
  ADD ("/care/sandbox/access/compartment", test_compartment);
#undef ADD

  return g_test_run ();
}
