/* test-value-sets.c — answerValueSets the portal expands, kept for offline use
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A choice question whose answerValueSet is a canonical URL the
 * Questionnaire neither contains nor expands: the sync asks the portal
 * for ValueSet/$expand and keeps the expansion in the cache; the form
 * offers its concepts, or says why it cannot (not synced yet, not found,
 * failed, malformed, too many), and a failure never loses an expansion
 * kept before. Against a portal of the test's own making, then against
 * the seeded sandbox (the pre-visit history's language question).
 */
#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "care-cache.h"
#include "care-error.h"
#include "care-questionnaire-assignments.h"
#include "care-sync-engine.h"
#include "care-test-portal.h"
#include "care-value-set.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-engine.h"
#include "care-test-server.h"

typedef struct
{
  SoupServer       *server;
  char             *base;
  CareTestEngine    fake;       /* the cache and engine reading it */
  guint             n_expands;
  gboolean          down;       /* every $expand answers 500 */
} Fixture;

static const char capability[] =
  "{\"resourceType\":\"CapabilityStatement\",\"status\":\"active\",\"kind\":\"instance\","
  "\"fhirVersion\":\"4.0.1\",\"format\":[\"json\"],\"rest\":[{\"mode\":\"server\",\"resource\":["
  "{\"type\":\"Patient\",\"interaction\":[{\"code\":\"read\"}]},"
  "{\"type\":\"Task\",\"interaction\":[{\"code\":\"read\"},{\"code\":\"search-type\"}],"
  "\"searchParam\":[{\"name\":\"patient\",\"type\":\"reference\"}]}]}]}";

#define VS "http://terminology.example/ValueSet/"

static const char questionnaire[] =
  "{\"resourceType\":\"Questionnaire\",\"id\":\"q1\",\"status\":\"active\",\"item\":["
  "{\"linkId\":\"ok\",\"type\":\"choice\",\"answerValueSet\":\"" VS "ok\"},"
  "{\"linkId\":\"ok-again\",\"type\":\"choice\",\"repeats\":true,\"answerValueSet\":\"" VS "ok\"},"
  "{\"linkId\":\"missing\",\"type\":\"choice\",\"required\":true,\"answerValueSet\":\"" VS "missing\"},"
  "{\"linkId\":\"missing-open\",\"type\":\"open-choice\",\"answerValueSet\":\"" VS "missing\"},"
  "{\"linkId\":\"broken\",\"type\":\"choice\",\"answerValueSet\":\"" VS "broken\"},"
  "{\"linkId\":\"garbage\",\"type\":\"choice\",\"answerValueSet\":\"" VS "garbage\"},"
  "{\"linkId\":\"wrong\",\"type\":\"choice\",\"answerValueSet\":\"" VS "wrong\"},"
  "{\"linkId\":\"huge\",\"type\":\"choice\",\"answerValueSet\":\"" VS "huge\"},"
  "{\"linkId\":\"local\",\"type\":\"choice\",\"answerValueSet\":\"#nowhere\"}]}";

/* Two concepts under an abstract heading, one inactive, one plain. */
static const char expansion_ok[] =
  "{\"resourceType\":\"ValueSet\",\"url\":\"" VS "ok\",\"status\":\"active\",\"expansion\":{"
  "\"timestamp\":\"2026-12-01T00:00:00Z\",\"total\":4,\"contains\":["
  "{\"system\":\"urn:x\",\"code\":\"colours\",\"display\":\"Colours\",\"abstract\":true,\"contains\":["
  "{\"system\":\"urn:x\",\"code\":\"red\",\"display\":\"Red\"},"
  "{\"system\":\"urn:x\",\"code\":\"old\",\"display\":\"Old\",\"inactive\":true},"
  "{\"system\":\"urn:x\",\"code\":\"blue\",\"display\":\"Blue\"}]},"
  "{\"system\":\"urn:x\",\"code\":\"none\",\"display\":\"None of these\"}]}}";

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/fhir+json", SOUP_MEMORY_COPY, json, strlen (json));
}

static char *
dup_huge_expansion (void)
{
  g_autoptr(GString) json = g_string_new ("{\"resourceType\":\"ValueSet\",\"expansion\":{\"total\":5000,"
                                          "\"contains\":[");

  for (guint i = 0; i <= CARE_VALUE_SET_MAX_CONCEPTS; i++)
    g_string_append_printf (json, "%s{\"system\":\"urn:x\",\"code\":\"c%u\"}", i > 0 ? "," : "", i);
  g_string_append (json, "]}}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
portal_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *local = path + strlen ("/fhir/");
  const char *url = query != NULL ? g_hash_table_lookup (query, "url") : NULL;

  if (g_str_equal (local, "metadata"))
    send_json (msg, 200, capability);
  else if (g_str_equal (local, "Patient/p1"))
    send_json (msg, 200, "{\"resourceType\":\"Patient\",\"id\":\"p1\"}");
  else if (g_str_equal (local, "Task"))
    send_json (msg, 200,
               "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"fullUrl\":\"Task/t1\","
               "\"resource\":{\"resourceType\":\"Task\",\"id\":\"t1\",\"status\":\"requested\","
               "\"intent\":\"order\",\"focus\":{\"reference\":\"Questionnaire/q1\"},"
               "\"for\":{\"reference\":\"Patient/p1\"}},\"search\":{\"mode\":\"match\"}}]}");
  else if (g_str_equal (local, "Questionnaire/q1"))
    send_json (msg, 200, questionnaire);
  else if (g_str_equal (local, "ValueSet/$expand") && url != NULL)
    {
      g_autofree char *huge = NULL;

      fixture->n_expands++;
      /* Each is asked for one more than is shown: "too many" can be told. */
      g_assert_cmpstr (g_hash_table_lookup (query, "count"), ==, "1001");
      if (fixture->down || g_str_equal (url, VS "broken"))
        send_json (msg, 500, "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}");
      else if (g_str_equal (url, VS "ok"))
        send_json (msg, 200, expansion_ok);
      else if (g_str_equal (url, VS "garbage"))
        send_json (msg, 200, "{\"resourceType\":\"ValueSet\",\"expansion\":{\"contains\":[");
      else if (g_str_equal (url, VS "wrong"))
        send_json (msg, 200, "{\"resourceType\":\"Patient\",\"id\":\"p1\"}");
      else if (g_str_equal (url, VS "huge"))
        send_json (msg, 200, huge = dup_huge_expansion ());
      else
        send_json (msg, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                             "\"code\":\"not-found\",\"diagnostics\":\"No such ValueSet\"}]}");
    }
  else if (!strchr (local, '/'))
    send_json (msg, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}");
  else
    send_json (msg, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}");
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/fhir", portal_cb, fixture, NULL);
  fixture->base = care_test_server_listen (fixture->server);
  care_test_engine_open (&fixture->fake, fixture->base, "carebook-value-sets-XXXXXX");
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  care_test_engine_close (&fixture->fake);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
}

static void
run_sync (Fixture       *fixture,
          CareSyncFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CareSyncReport *report = care_test_sync (fixture->fake.engine, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  care_sync_report_free (report);
}

static void
assert_problem (CareQuestionnaire   *q,
                const char          *link_id,
                CareValueSetProblem  problem,
                guint                total)
{
  CareQuestionnaireItem *item = care_questionnaire_lookup_item (q, link_id);
  g_autofree char *expected = care_value_set_problem_dup_text (problem, total);

  g_assert_nonnull (item);
  g_assert_cmpuint (item->options->len, ==, 0);
  g_assert_nonnull (expected);
  g_assert_cmpstr (item->value_set_problem, ==, expected);
}

static const char *
option_code (CareQuestionnaireItem *item,
             guint                  i)
{
  CareQuestionnaireOption *option = g_ptr_array_index (item->options, i);

  return care_fhir_get_string (care_fhir_get_object (option->value, "valueCoding"), "code");
}

/* The sync expands each URL once; the form offers the concepts, or says
 * why not; a second sync asks again only for those it does not have; a
 * failing portal never takes away an expansion kept. */
static void
test_sync_and_offer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) q = NULL;
  g_autoptr(CareQuestionnaire) again = NULL;
  g_autoptr(JsonObject) value = NULL;
  g_autofree char *too_many = NULL;
  CareQuestionnaireItem *item;

  /* Six URLs; the 500 is asked twice (the client tries a 5xx again). */
  run_sync (fixture, CARE_SYNC_FULL);
  g_assert_cmpuint (fixture->n_expands, ==, 7);

  q = care_questionnaire_load (fixture->fake.cache, "q1", &error);
  g_assert_no_error (error);
  item = care_questionnaire_lookup_item (q, "ok");
  g_assert_cmpuint (item->options->len, ==, 3);
  g_assert_null (item->value_set);
  g_assert_null (item->value_set_problem);
  g_assert_cmpstr (option_code (item, 0), ==, "red");
  g_assert_cmpstr (option_code (item, 1), ==, "blue");
  g_assert_cmpstr (option_code (item, 2), ==, "none");
  g_assert_cmpstr (((CareQuestionnaireOption *)g_ptr_array_index (item->options, 2))->label, ==, "None of these");
  g_assert_cmpuint (care_questionnaire_lookup_item (q, "ok-again")->options->len, ==, 3);
  value = care_questionnaire_value_parse (item, "blue", &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);

  assert_problem (q, "missing", CARE_VALUE_SET_NOT_FOUND, 0);
  assert_problem (q, "missing-open", CARE_VALUE_SET_NOT_FOUND, 0);
  assert_problem (q, "broken", CARE_VALUE_SET_FAILED, 0);
  assert_problem (q, "garbage", CARE_VALUE_SET_MALFORMED, 0);
  assert_problem (q, "wrong", CARE_VALUE_SET_MALFORMED, 0);
  assert_problem (q, "huge", CARE_VALUE_SET_TOO_LARGE, 5000);
  assert_problem (q, "local", CARE_VALUE_SET_MALFORMED, 0);
  too_many = care_value_set_problem_dup_text (CARE_VALUE_SET_TOO_LARGE, 5000);
  g_assert_nonnull (strstr (too_many, "5000"));

  /* A choice with no answers to offer takes no typed code, and says why;
   * an open choice still takes words. */
  g_clear_pointer (&value, json_object_unref);
  value = care_questionnaire_value_parse (care_questionnaire_lookup_item (q, "missing"), "en", &error);
  g_assert_null (value);
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, care_questionnaire_lookup_item (q, "missing")->value_set_problem);
  g_clear_error (&error);
  value = care_questionnaire_value_parse (care_questionnaire_lookup_item (q, "missing-open"), "Basque", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (care_fhir_get_string (value, "valueString"), ==, "Basque");

  /* Not a full sync: only what failed is asked for again. */
  run_sync (fixture, 0);
  g_assert_cmpuint (fixture->n_expands, ==, 7 + 6);

  /* A full sync asks again; the portal fails: what was kept stays. */
  fixture->down = TRUE;
  run_sync (fixture, CARE_SYNC_FULL);
  g_assert_cmpuint (fixture->n_expands, ==, 7 + 6 + 6 * 2);
  again = care_questionnaire_load (fixture->fake.cache, "q1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_questionnaire_lookup_item (again, "ok")->options->len, ==, 3);
  assert_problem (again, "missing", CARE_VALUE_SET_FAILED, 0);
}

/* Offline before any expansion was had: the question says to sync. */
static void
test_not_fetched (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (questionnaire, -1, &error);
  g_autoptr(CareQuestionnaire) q = care_questionnaire_new (resource, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (care_questionnaire_use_cached_value_sets (q, fixture->fake.cache), ==, 0);
  assert_problem (q, "ok", CARE_VALUE_SET_NOT_FETCHED, 0);
  assert_problem (q, "huge", CARE_VALUE_SET_NOT_FETCHED, 0);
  assert_problem (q, "local", CARE_VALUE_SET_MALFORMED, 0);
}

static JsonObject *
read_expansion (const char *json,
                guint      *out_total,
                GError    **error)
{
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, NULL);

  g_assert_nonnull (resource);
  return care_value_set_read_expansion (resource, VS "x", out_total, error);
}

/* What an expansion is read into, and what is refused. */
static void
test_read_expansion (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) flat = NULL;
  g_autoptr(JsonObject) too_long = NULL;
  g_autoptr(JsonObject) at_limit = NULL;
  g_autoptr(GString) json = g_string_new ("{\"resourceType\":\"ValueSet\",\"expansion\":{\"contains\":[");
  g_autofree char *closed = NULL;
  JsonArray *contains;
  guint total = 0;

  flat = read_expansion (expansion_ok, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpstr (care_fhir_get_string (flat, "url"), ==, VS "x");
  contains = care_fhir_get_array (care_fhir_get_object (flat, "expansion"), "contains");
  g_assert_cmpuint (json_array_get_length (contains), ==, 3);

  g_assert_null (read_expansion ("{\"resourceType\":\"ValueSet\",\"compose\":{}}", NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (read_expansion ("{\"resourceType\":\"ValueSet\",\"expansion\":{\"contains\":["
                                 "{\"code\":\"a\",\"abstract\":true}]}}", NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (read_expansion ("{\"resourceType\":\"ValueSet\",\"expansion\":{\"total\":20000,"
                                 "\"contains\":[{\"code\":\"a\"}]}}", &total, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
  g_assert_cmpuint (total, ==, 20000);
  g_clear_error (&error);

  /* Exactly the limit is shown; one more is not. */
  for (guint i = 0; i < CARE_VALUE_SET_MAX_CONCEPTS; i++)
    g_string_append_printf (json, "%s{\"code\":\"c%u\"}", i > 0 ? "," : "", i);
  closed = g_strconcat (json->str, "]}}", NULL);
  at_limit = read_expansion (closed, NULL, &error);
  g_assert_no_error (error);
  g_string_append (json, ",{\"code\":\"one-more\"}]}}");
  too_long = read_expansion (json->str, NULL, &error);
  g_assert_null (too_long);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
}

/* The seeded sandbox: the pre-visit history's language question names its
 * answers by URL; after a sync the form offers the ten languages, and the
 * portal takes an answer that is one of them. */
static void
test_sandbox (CareTestPortal *portal,
              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) q = care_questionnaire_load (portal->cache, "pre-visit-history", &error);
  CareQuestionnaireItem *item;
  g_autoptr(JsonObject) wrong = NULL;

  g_assert_no_error (error);
  item = care_questionnaire_lookup_item (q, "visit-language");
  g_assert_nonnull (item);
  g_assert_null (item->value_set_problem);
  g_assert_cmpuint (item->options->len, ==, 10);
  g_assert_cmpstr (((CareQuestionnaireOption *)g_ptr_array_index (item->options, 0))->label, ==, "English");
  g_assert_cmpint (care_questionnaire_item_get_control (item), ==, CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN);
  wrong = care_questionnaire_value_parse (item, "xx", &error);
  g_assert_null (wrong);
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/value-sets/read-expansion", test_read_expansion);
  g_test_add ("/care/value-sets/sync-and-offer", Fixture, NULL, setup, test_sync_and_offer, teardown);
  g_test_add ("/care/value-sets/not-fetched", Fixture, NULL, setup, test_not_fetched, teardown);
  g_test_add ("/care/value-sets/sandbox", CareTestPortal, NULL, care_test_portal_setup, test_sandbox,
              care_test_portal_teardown);

  return g_test_run ();
}
