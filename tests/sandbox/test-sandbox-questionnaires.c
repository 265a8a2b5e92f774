/* test-sandbox-questionnaires.c — the portal checks and scores the answers it is sent,
 * and expands the ValueSets a form names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-sandbox-store.h"
#include "sandbox-fhir-client.h"

#define QUESTIONNAIRE \
  "{\"resourceType\":\"Questionnaire\",\"id\":\"mini\",\"url\":\"https://example.org/Questionnaire/mini\"," \
  "\"status\":\"active\",\"item\":[" \
  "{\"linkId\":\"smoker\",\"type\":\"boolean\",\"required\":true}," \
  "{\"linkId\":\"packs\",\"type\":\"integer\",\"required\":true,\"enableWhen\":[{\"question\":\"smoker\"," \
  "\"operator\":\"=\",\"answerBoolean\":true}],\"extension\":[{\"url\":" \
  "\"http://hl7.org/fhir/StructureDefinition/maxValue\",\"valueInteger\":10}]}," \
  "{\"linkId\":\"mood\",\"type\":\"choice\",\"answerOption\":[{\"extension\":[{\"url\":" \
  "\"http://hl7.org/fhir/StructureDefinition/ordinalValue\",\"valueDecimal\":2}],\"valueCoding\":{\"code\":\"low\"}}," \
  "{\"valueCoding\":{\"code\":\"fine\"}}]}," \
  "{\"linkId\":\"score\",\"type\":\"integer\",\"readOnly\":true,\"extension\":[{\"url\":" \
  "\"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression\"," \
  "\"valueExpression\":{\"language\":\"text/fhirpath\",\"expression\":" \
  "\"%resource.repeat(item).where(linkId = 'packs').answer.value + %resource.repeat(item).where(linkId = 'mood')" \
  ".answer.value.ordinal()\"}}]}]}"

static Response *
post_response (Fixture    *fixture,
               const char *token,
               const char *status,
               const char *items)
{
  g_autofree char *body = g_strdup_printf ("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"%s\","
                                           "\"questionnaire\":\"https://example.org/Questionnaire/mini|1\","
                                           "\"subject\":{\"reference\":\"Patient/a\"},\"item\":%s}", status, items);

  return request (fixture, "POST", "/fhir/QuestionnaireResponse", token, body, NULL, NULL);
}

static const char *
issue_text (Response *response)
{
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (response->json, "issue"), 0);

  return json_object_get_string_member (json_object_get_object_member (issue, "details"), "text");
}

static const char *
issue_expression (Response *response)
{
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (response->json, "issue"), 0);

  return json_array_get_string_element (json_object_get_array_member (issue, "expression"), 0);
}

static void
test_validate_and_score (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->sandbox, "a", "patient/*.cruds", 3600);
  g_autoptr(Response) missing = NULL;
  g_autoptr(Response) hidden = NULL;
  g_autoptr(Response) too_many = NULL;
  g_autoptr(Response) wrong_type = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) draft = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) task = NULL;
  g_autoptr(Response) other_task = NULL;
  g_autofree char *output = NULL;
  g_autofree char *reader_b = care_sandbox_issue_token_for_tests (fixture->sandbox, "b", "patient/*.rs", 60);
  JsonObject *score;

  put (fixture, QUESTIONNAIRE);
  put (fixture, "{\"resourceType\":\"Task\",\"id\":\"ask\",\"status\":\"requested\",\"intent\":\"order\","
                "\"focus\":{\"reference\":\"Questionnaire/mini\"},\"for\":{\"reference\":\"Patient/a\"}}");
  put (fixture, "{\"resourceType\":\"Task\",\"id\":\"ask-b\",\"status\":\"requested\",\"intent\":\"order\","
                "\"focus\":{\"reference\":\"Questionnaire/mini\"},\"for\":{\"reference\":\"Patient/b\"}}");

  /* Completed without a required answer: 422 naming the item. */
  missing = post_response (fixture, writer, "completed", "[]");
  assert_outcome (missing, 422);
  g_assert_cmpstr (issue_text (missing), ==, "Item “smoker”: This question needs an answer.");
  g_assert_cmpstr (issue_expression (missing), ==, "QuestionnaireResponse.repeat(item).where(linkId='smoker')");
  /* An answer its enableWhen hides. */
  hidden = post_response (fixture, writer, "completed",
                          "[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":false}]},"
                          "{\"linkId\":\"packs\",\"answer\":[{\"valueInteger\":1}]}]");
  assert_outcome (hidden, 422);
  g_assert_cmpstr (issue_expression (hidden), ==, "QuestionnaireResponse.repeat(item).where(linkId='packs')");
  /* Out of range, of the wrong type, unknown. */
  too_many = post_response (fixture, writer, "completed",
                            "[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":true}]},"
                            "{\"linkId\":\"packs\",\"answer\":[{\"valueInteger\":40}]}]");
  assert_outcome (too_many, 422);
  g_assert_cmpstr (issue_text (too_many), ==, "Item “packs”: Enter 10 or less.");
  wrong_type = post_response (fixture, writer, "in-progress",
                              "[{\"linkId\":\"mood\",\"answer\":[{\"valueString\":\"low\"}]}]");
  assert_outcome (wrong_type, 422);
  g_assert_nonnull (strstr (issue_text (wrong_type), "mood"));
  unknown = request (fixture, "POST", "/fhir/QuestionnaireResponse", writer,
                     "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\","
                     "\"questionnaire\":\"https://example.org/Questionnaire/nope\","
                     "\"subject\":{\"reference\":\"Patient/a\"}}", NULL, NULL);
  assert_outcome (unknown, 422);

  /* In progress, the Task stays open. */
  draft = post_response (fixture, writer, "in-progress", "[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":true}]}]");
  g_assert_cmpuint (draft->status, ==, 201);
  task = get (fixture, "/fhir/Task/ask");
  g_assert_cmpstr (json_object_get_string_member (task->json, "status"), ==, "requested");
  g_clear_pointer (&task, response_free);

  /* Completed: kept with the portal's sum (a sent total is not trusted), the Task done. */
  created = post_response (fixture, writer, "completed",
                           "[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":true}]},"
                           "{\"linkId\":\"packs\",\"answer\":[{\"valueInteger\":3}]},"
                           "{\"linkId\":\"mood\",\"answer\":[{\"valueCoding\":{\"code\":\"low\"}}]},"
                           "{\"linkId\":\"score\",\"answer\":[{\"valueInteger\":99}]}]");
  g_assert_cmpuint (created->status, ==, 201);
  score = json_array_get_object_element (json_object_get_array_member (created->json, "item"), 3);
  g_assert_cmpstr (json_object_get_string_member (score, "linkId"), ==, "score");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (score, "answer"), 0), "valueInteger"), ==, 5);
  task = get (fixture, "/fhir/Task/ask");
  g_assert_cmpstr (json_object_get_string_member (task->json, "status"), ==, "completed");
  output = g_strdup_printf ("QuestionnaireResponse/%s", json_object_get_string_member (created->json, "id"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (
                     json_object_get_array_member (task->json, "output"), 0), "valueReference"), "reference"),
                   ==, output);
  /* Another patient's Task is theirs. */
  other_task = request (fixture, "GET", "/fhir/Task/ask-b", reader_b, NULL, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (other_task->json, "status"), ==, "requested");
}

#define LANGUAGES \
  "{\"resourceType\":\"ValueSet\",\"id\":\"langs\",\"url\":\"https://example.org/ValueSet/langs\"," \
  "\"version\":\"2\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\"urn:ietf:bcp:47\"," \
  "\"concept\":[{\"code\":\"en\",\"display\":\"English\"},{\"code\":\"es\",\"display\":\"Spanish\"}," \
  "{\"code\":\"fr\",\"display\":\"French\"},{\"code\":\"ase\",\"display\":\"American Sign Language\"}]}]}}"

static guint
count_contains (Response *response)
{
  return json_array_get_length (json_object_get_array_member (json_object_get_object_member (response->json,
                                                                                             "expansion"),
                                                              "contains"));
}

/* ValueSet/$expand (FHIR R4 terminology): the concepts of a ValueSet the
 * portal holds, by url, paged and filtered; 404 and 400 otherwise. */
static void
test_expand (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Response) all = NULL;
  g_autoptr(Response) versioned = NULL;
  g_autoptr(Response) paged = NULL;
  g_autoptr(Response) filtered = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) wrong_version = NULL;
  g_autoptr(Response) no_url = NULL;
  g_autoptr(Response) bad_count = NULL;
  JsonObject *expansion;
  JsonObject *first;

  put (fixture, LANGUAGES);
  all = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Flangs");
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (all->json, "resourceType"), ==, "ValueSet");
  g_assert_cmpstr (json_object_get_string_member (all->json, "url"), ==, "https://example.org/ValueSet/langs");
  expansion = json_object_get_object_member (all->json, "expansion");
  g_assert_cmpint (json_object_get_int_member (expansion, "total"), ==, 4);
  g_assert_true (json_object_has_member (expansion, "timestamp"));
  g_assert_cmpuint (count_contains (all), ==, 4);
  first = json_array_get_object_element (json_object_get_array_member (expansion, "contains"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "system"), ==, "urn:ietf:bcp:47");
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (first, "display"), ==, "English");

  versioned = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Flangs%7C2");
  g_assert_cmpuint (versioned->status, ==, 200);
  /* A page: count and offset; the total is still the whole set's. */
  paged = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Flangs&count=2&offset=1");
  g_assert_cmpuint (count_contains (paged), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (paged->json, "expansion"), "total"),
                   ==, 4);
  filtered = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Flangs&filter=SIGN");
  g_assert_cmpuint (count_contains (filtered), ==, 1);

  unknown = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Fnone");
  assert_outcome (unknown, 404);
  wrong_version = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Flangs%7C9");
  assert_outcome (wrong_version, 404);
  no_url = get (fixture, "/fhir/ValueSet/$expand");
  assert_outcome (no_url, 400);
  bad_count = get (fixture, "/fhir/ValueSet/$expand?url=https%3A%2F%2Fexample.org%2FValueSet%2Flangs&count=x");
  assert_outcome (bad_count, 400);
}

#define LANGUAGE_ANSWER \
  "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\"," \
  "\"questionnaire\":\"https://example.org/Questionnaire/lang\",\"subject\":{\"reference\":\"Patient/a\"}," \
  "\"item\":[{\"linkId\":\"language\",\"answer\":[{\"valueCoding\":{\"system\":\"urn:ietf:bcp:47\"," \
  "\"code\":\"%s\"}}]}]}"

/* A choice whose answers are a canonical answerValueSet is checked
 * against that ValueSet's concepts. */
static void
test_value_set_answers (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *writer = care_sandbox_issue_token_for_tests (fixture->sandbox, "a", "patient/*.cruds", 3600);
  g_autoptr(Response) wrong = NULL;
  g_autoptr(Response) right = NULL;
  const char *form =
    "{\"resourceType\":\"Questionnaire\",\"id\":\"lang\",\"url\":\"https://example.org/Questionnaire/lang\","
    "\"status\":\"active\",\"item\":[{\"linkId\":\"language\",\"type\":\"choice\",\"required\":true,"
    "\"answerValueSet\":\"https://example.org/ValueSet/langs\"}]}";
  g_autofree char *wrong_body = g_strdup_printf (LANGUAGE_ANSWER, "xx");
  g_autofree char *right_body = g_strdup_printf (LANGUAGE_ANSWER, "fr");

  put (fixture, LANGUAGES);
  put (fixture, form);
  wrong = request (fixture, "POST", "/fhir/QuestionnaireResponse", writer, wrong_body, NULL, NULL);
  assert_outcome (wrong, 422);
  g_assert_cmpstr (issue_expression (wrong), ==, "QuestionnaireResponse.repeat(item).where(linkId='language')");
  right = request (fixture, "POST", "/fhir/QuestionnaireResponse", writer, right_body, NULL, NULL);
  g_assert_cmpuint (right->status, ==, 201);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/sandbox/questionnaires/validate-and-score", Fixture, NULL, fixture_setup,
              test_validate_and_score, fixture_teardown);
  g_test_add ("/care/sandbox/questionnaires/expand", Fixture, NULL, fixture_setup, test_expand, fixture_teardown);
  g_test_add ("/care/sandbox/questionnaires/value-set-answers", Fixture, NULL, fixture_setup,
              test_value_set_answers, fixture_teardown);

  return g_test_run ();
}
