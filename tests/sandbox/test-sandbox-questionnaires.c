/* test-sandbox-questionnaires.c — the portal checks and scores the answers it is sent
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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/sandbox/questionnaires/validate-and-score", Fixture, NULL, fixture_setup,
              test_validate_and_score, fixture_teardown);

  return g_test_run ();
}
