/* test-sandbox-access.c — proxy access by age, as a portal enforces it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>

#include "care-sandbox.h"
#include "care-sandbox-access.h"

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

/* Over HTTP: a parent's token for a teen of 15. */

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
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  set_day (&today, 2026, 11, 24);
  care_sandbox_store_set_today (care_sandbox_get_store (fixture->sandbox), &today);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));

  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"teen\",\"birthDate\":\"2011-03-15\"}");
  put (fixture, "{\"resourceType\":\"Patient\",\"id\":\"grown\",\"birthDate\":\"2008-11-24\"}");
  put (fixture, "{\"resourceType\":\"Observation\",\"id\":\"lab\",\"status\":\"final\","
                "\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],"
                "\"subject\":{\"reference\":\"Patient/teen\"}}");
  put (fixture, "{\"resourceType\":\"Observation\",\"id\":\"height\",\"status\":\"final\","
                "\"category\":[{\"coding\":[{\"code\":\"vital-signs\"}]}],"
                "\"subject\":{\"reference\":\"Patient/teen\"}}");
  put (fixture, "{\"resourceType\":\"Condition\",\"id\":\"private\","
                "\"subject\":{\"reference\":\"Patient/teen\"}}");
  put (fixture, "{\"resourceType\":\"Immunization\",\"id\":\"hpv\",\"status\":\"completed\","
                "\"patient\":{\"reference\":\"Patient/teen\"}}");

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
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sandbox), path, NULL);
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
        (*outcomes)++;
      else
        (*matches)++;
    }
}

static void
test_teen_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, "teen",
                                                                     "patient/*.rs", 3600,
                                                                     CARE_SANDBOX_PROXY_PARENT);
  g_autoptr(JsonObject) observations = NULL;
  g_autoptr(JsonObject) conditions = NULL;
  g_autoptr(JsonObject) immunizations = NULL;
  g_autoptr(JsonObject) lab = NULL;
  guint status, matches, outcomes;

  observations = get (fixture, token, "/fhir/Observation", &status);
  g_assert_cmpuint (status, ==, 200);
  count_entries (observations, &matches, &outcomes);
  /* The height, not the lab; and a warning saying why. */
  g_assert_cmpuint (matches, ==, 1);
  g_assert_cmpuint (outcomes, ==, 1);

  conditions = get (fixture, token, "/fhir/Condition", &status);
  g_assert_cmpuint (status, ==, 200);
  count_entries (conditions, &matches, &outcomes);
  g_assert_cmpuint (matches, ==, 0);
  g_assert_cmpuint (outcomes, ==, 1);

  immunizations = get (fixture, token, "/fhir/Immunization", &status);
  count_entries (immunizations, &matches, &outcomes);
  g_assert_cmpuint (matches, ==, 1);
  g_assert_cmpuint (outcomes, ==, 0);

  lab = get (fixture, token, "/fhir/Observation/lab", &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (lab, "resourceType"), ==, "OperationOutcome");
}

static void
test_teen_own_token (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *token = care_sandbox_issue_token_for_tests (fixture->sandbox, "teen",
                                                               "patient/*.rs", 3600);
  g_autoptr(JsonObject) lab = NULL;
  guint status;

  /* The teen sees their own record whole. */
  lab = get (fixture, token, "/fhir/Observation/lab", &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_adult_child (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, "grown",
                                                                     "patient/*.rs", 3600,
                                                                     CARE_SANDBOX_PROXY_PARENT);
  g_autoptr(JsonObject) patient = NULL;
  guint status;

  /* 18 today: the parent's proxy access has ended. */
  patient = get (fixture, token, "/fhir/Patient/grown", &status);
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
  g_test_add_func ("/care/sandbox/access/withheld-types", test_withheld_types);
  g_test_add ("/care/sandbox/access/teen-limited", Fixture, NULL,
              fixture_setup, test_teen_limited, fixture_teardown);
  g_test_add ("/care/sandbox/access/teen-own-token", Fixture, NULL,
              fixture_setup, test_teen_own_token, fixture_teardown);
  g_test_add ("/care/sandbox/access/adult-child", Fixture, NULL,
              fixture_setup, test_adult_child, fixture_teardown);

  return g_test_run ();
}
