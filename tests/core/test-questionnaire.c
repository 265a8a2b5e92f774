/* test-questionnaire.c — the questionnaire model, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Questionnaires from the FHIR R4 examples (3141, gcs, f201 in their R4
 * shape) and the demo portal's own (PHQ-9, GAD-7, a pre-visit history with
 * every item type, a school form, a financial-assistance application).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-questionnaire-assignments.h"
#include "care-questionnaire-form.h"

static JsonObject *
load_json (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  object = care_fhir_parse_resource (text, -1, &error);
  g_assert_no_error (error);
  return object;
}

static JsonObject *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "questionnaires", name, NULL);

  return load_json (path);
}

static CareQuestionnaire *
load_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "sandbox", "seed",
                                                 "questionnaires", name, NULL);
  g_autoptr(JsonObject) resource = load_json (path);
  g_autoptr(GError) error = NULL;
  CareQuestionnaire *questionnaire = care_questionnaire_new (resource, &error);

  g_assert_no_error (error);
  return questionnaire;
}

static CareQuestionnaire *
parse_text (const char *json)
{
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, NULL);
  g_autoptr(GError) error = NULL;
  CareQuestionnaire *questionnaire;

  g_assert_nonnull (resource);
  questionnaire = care_questionnaire_new (resource, &error);
  g_assert_no_error (error);
  return questionnaire;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
set_text (CareQuestionnaireForm *form,
          const char            *link_id,
          const char            *text)
{
  const char *texts[] = { text, NULL };
  g_autoptr(GError) error = NULL;
  CareQuestionnaireNode *node = care_questionnaire_form_find (form, link_id);

  g_assert_nonnull (node);
  care_questionnaire_form_set_text (form, node, texts, &error);
  g_assert_no_error (error);
}

static gboolean
is_enabled (CareQuestionnaireForm *form,
            const char            *link_id)
{
  CareQuestionnaireNode *node = care_questionnaire_form_find (form, link_id);

  g_assert_nonnull (node);
  return node->enabled;
}

static guint
n_answers (CareQuestionnaireForm *form,
           const char            *link_id)
{
  return care_questionnaire_form_find (form, link_id)->answers->len;
}

/* Every R4 item type, read with what the renderer needs. */
static void
test_parse_every_type (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("pre-visit-history.json");
  CareQuestionnaireItem *item;
  const CareQuestionnaireOption *option;
  gboolean seen[CARE_QUESTIONNAIRE_QUANTITY + 1] = { FALSE };
  const char *all[] = { "about", "birth-country", "weight", "symptoms-start", "preferred-time", "pharmacy",
                        "smoker", "packs", "smoking-since", "alcohol", "drinks", "conditions", "surgeries",
                        "surgery", "surgery-what", "pain", "reading", "insurance-card", "notes" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      item = care_questionnaire_lookup_item (q, all[i]);
      g_assert_nonnull (item);
      seen[item->type] = TRUE;
    }
  for (guint i = CARE_QUESTIONNAIRE_GROUP; i <= CARE_QUESTIONNAIRE_QUANTITY; i++)
    if (i != CARE_QUESTIONNAIRE_DISPLAY)
      g_assert_true (seen[i]);
  g_assert_cmpstr (care_questionnaire_get_title (q), ==, "Before your visit: health history");
  g_assert_cmpstr (care_questionnaire_get_id (q), ==, "pre-visit-history");

  /* A contained ValueSet's expansion gives the options: eight, a drop-down. */
  item = care_questionnaire_lookup_item (q, "birth-country");
  g_assert_cmpuint (item->options->len, ==, 8);
  g_assert_null (item->value_set);
  g_assert_cmpint (care_questionnaire_item_get_control (item), ==, CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN);
  g_assert_cmpstr (((CareQuestionnaireOption *)g_ptr_array_index (item->options, 3))->label, ==, "Spain");

  /* Few options: radio buttons; several answers: check boxes. */
  g_assert_cmpint (care_questionnaire_item_get_control (care_questionnaire_lookup_item (q, "alcohol")), ==,
                   CARE_QUESTIONNAIRE_CONTROL_RADIO);
  item = care_questionnaire_lookup_item (q, "conditions");
  g_assert_true (item->repeats);
  g_assert_cmpint (care_questionnaire_item_get_control (item), ==, CARE_QUESTIONNAIRE_CONTROL_CHECK);

  /* Help, prefix, limits, unit, size and types. */
  item = care_questionnaire_lookup_item (q, "pain");
  g_assert_cmpstr (item->help, ==, "0 is no pain, 10 is the worst pain you can imagine.");
  g_assert_cmpuint (item->children->len, ==, 0);
  g_assert_null (care_questionnaire_lookup_item (q, "pain-help"));
  g_assert_cmpstr (item->prefix, ==, "10.");
  g_assert_nonnull (item->min_value);
  g_assert_nonnull (item->max_value);
  item = care_questionnaire_lookup_item (q, "weight");
  g_assert_cmpstr (care_fhir_get_string (item->unit, "code"), ==, "kg");
  item = care_questionnaire_lookup_item (q, "insurance-card");
  g_assert_cmpfloat (item->max_size, ==, 10485760);
  g_assert_cmpuint (g_strv_length (item->mime_types), ==, 3);
  item = care_questionnaire_lookup_item (q, "surgery-what");
  g_assert_cmpint (item->max_length, ==, 200);
  g_assert_true (item->required);
  g_assert_true (care_questionnaire_lookup_item (q, "surgery")->repeats);
  item = care_questionnaire_lookup_item (q, "drinks");
  g_assert_true (item->enable_all);
  g_assert_cmpuint (item->conditions->len, ==, 2);

  /* A reference answered from its options, shown by its display. */
  item = care_questionnaire_lookup_item (q, "pharmacy");
  g_assert_cmpuint (item->options->len, ==, 2);
  option = g_ptr_array_index (item->options, 0);
  g_assert_cmpstr (option->label, ==, "Main Street Pharmacy");

  /* A canonical answerValueSet stays to be expanded (test-value-sets.c). */
  item = care_questionnaire_lookup_item (q, "visit-language");
  g_assert_cmpuint (item->options->len, ==, 0);
  g_assert_cmpstr (item->value_set, ==, "https://sandbox.carebook.example/fhir/ValueSet/visit-languages");
  g_assert_cmpuint (care_questionnaire_count_items (q), ==, 24);
}

static void
expect_refused (const char *json,
                GQuark      domain,
                int         code)
{
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) q = NULL;

  g_assert_nonnull (resource);
  q = care_questionnaire_new (resource, &error);
  g_assert_null (q);
  g_assert_error (error, domain, code);
}

static void
test_parse_refuses (void)
{
  GString *deep = g_string_new ("{\"resourceType\":\"Questionnaire\",\"item\":[");

  expect_refused ("{\"resourceType\":\"Patient\"}", CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  expect_refused ("{\"resourceType\":\"Questionnaire\",\"item\":[{\"type\":\"string\"}]}",
                  CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  expect_refused ("{\"resourceType\":\"Questionnaire\",\"item\":[{\"linkId\":\"a\",\"type\":\"string\"},"
                  "{\"linkId\":\"g\",\"type\":\"group\",\"item\":[{\"linkId\":\"a\",\"type\":\"integer\"}]}]}",
                  CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED);
  expect_refused ("{\"resourceType\":\"Questionnaire\",\"item\":[{\"linkId\":\"a\",\"type\":\"question\"}]}",
                  CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED);
  expect_refused ("{\"resourceType\":\"Questionnaire\",\"item\":[{\"linkId\":\"a\"}]}",
                  CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED);
  for (int i = 0; i < 30; i++)
    g_string_append_printf (deep, "{\"linkId\":\"g%d\",\"type\":\"group\",\"item\":[", i);
  for (int i = 0; i < 30; i++)
    g_string_append (deep, "]}");
  g_string_append (deep, "]}");
  expect_refused (deep->str, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
  g_string_free (deep, TRUE);
}

/* The R4 example 3141: answerValueSet by URL, filled from the portal's
 * expansion; nested groups shown by a coded enableWhen. */
static void
test_hl7_3141 (void)
{
  g_autoptr(JsonObject) resource = load_fixture ("questionnaire-example-3141.json");
  g_autoptr(JsonObject) expansion = load_fixture ("valueset-yesnodontknow-expansion.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) q = care_questionnaire_new (resource, &error);
  g_autoptr(CareQuestionnaireForm) form = NULL;
  CareQuestionnaireItem *item;

  g_assert_no_error (error);
  item = care_questionnaire_lookup_item (q, "1.1");
  g_assert_cmpstr (item->value_set, ==, "http://hl7.org/fhir/ValueSet/yesnodontknow");
  g_assert_cmpuint (item->options->len, ==, 0);
  g_assert_cmpuint (care_questionnaire_use_value_set (q, expansion), ==, 5);
  g_assert_cmpuint (item->options->len, ==, 3);
  g_assert_null (item->value_set);
  g_assert_cmpuint (care_questionnaire_use_value_set (q, expansion), ==, 0);
  g_assert_cmpstr (care_questionnaire_lookup_item (q, "1.1.1.1.2")->prefix, ==, "1.1.2");

  form = care_questionnaire_form_new (q);
  g_assert_false (is_enabled (form, "1.1.1"));
  g_assert_false (is_enabled (form, "1.1.1.1.1"));
  set_text (form, "1.1", "Y");
  g_assert_true (is_enabled (form, "1.1.1"));
  g_assert_true (is_enabled (form, "1.1.1.1.1"));
  set_text (form, "1.1.1.2", "No");
  g_assert_cmpuint (n_answers (form, "1.1.1.2"), ==, 1);
  /* Hiding clears the answers inside. */
  set_text (form, "1.1", "asked-unknown");
  g_assert_false (is_enabled (form, "1.1.1.2"));
  g_assert_cmpuint (n_answers (form, "1.1.1.2"), ==, 0);
  /* pT category has no options at all: any coded answer is taken as is. */
  g_assert_cmpuint (care_questionnaire_lookup_item (q, "2.1.2")->options->len, ==, 0);
}

/* The R4 example gcs: three contained ValueSets (compose) with scores. */
static void
test_hl7_gcs (void)
{
  g_autoptr(JsonObject) resource = load_fixture ("questionnaire-example-gcs.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) q = care_questionnaire_new (resource, &error);
  g_autoptr(CareQuestionnaireForm) form = NULL;
  CareQuestionnaireNode *node;
  double number = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (care_questionnaire_lookup_item (q, "1.1")->options->len, ==, 5);
  g_assert_cmpuint (care_questionnaire_lookup_item (q, "1.2")->options->len, ==, 6);
  g_assert_cmpuint (care_questionnaire_lookup_item (q, "1.3")->options->len, ==, 4);
  g_assert_cmpint (care_questionnaire_item_get_control (care_questionnaire_lookup_item (q, "1.2")), ==,
                   CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN);
  form = care_questionnaire_form_new (q);
  set_text (form, "1.2", "Localizing pain");
  node = care_questionnaire_form_find (form, "1.2");
  g_assert_true (care_questionnaire_value_get_number (node->item, g_ptr_array_index (node->answers, 0), &number));
  g_assert_cmpfloat (number, ==, 5);
  /* No calculatedExpression: no score. */
  g_assert_false (care_questionnaire_form_get_score (form, NULL, NULL));
}

/* The R4 example f201, and a response that does not fit it. */
static void
test_hl7_f201 (void)
{
  g_autoptr(JsonObject) resource = load_fixture ("questionnaire-example-f201-lifelines.json");
  g_autoptr(JsonObject) response = load_fixture ("questionnaireresponse-example-f201-lifelines.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CareQuestionnaire) q = care_questionnaire_new (resource, &error);
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  g_autoptr(JsonObject) built = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_true (care_questionnaire_matches (q, "Questionnaire/f201"));
  g_assert_true (care_questionnaire_matches (q, "http://hl7.org/fhir/Questionnaire/f201|3"));
  g_assert_false (care_questionnaire_matches (q, "Questionnaire/f2010"));
  g_assert_false (care_questionnaire_check_response (q, response, NULL, &link_id, &error));
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM);
  g_assert_cmpstr (link_id, ==, "1.1");
  g_assert_nonnull (strstr (error->message, "1.1"));
  g_clear_error (&error);
  /* Read leniently (a draft), what does not fit is left out. */
  g_assert_true (care_questionnaire_form_load_response (form, response, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (care_questionnaire_form_count_answered (form), ==, 0);

  set_text (form, "2.2", "1960-03-13");
  set_text (form, "3.1", "No");
  built = care_questionnaire_form_to_response (form, "completed", "Patient/f201", NULL, NULL);
  json = to_json (built);
  g_assert_cmpstr (json, ==,
                   "{\"resourceType\":\"QuestionnaireResponse\",\"questionnaire\":\"http://hl7.org/fhir/"
                   "Questionnaire/f201\",\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/f201\"},"
                   "\"item\":[{\"linkId\":\"2\",\"text\":\"General questions\",\"item\":[{\"linkId\":\"2.2\","
                   "\"text\":\"What is your date of birth?\",\"answer\":[{\"valueDate\":\"1960-03-13\"}]}]},"
                   "{\"linkId\":\"3\",\"text\":\"Intoxications\",\"item\":[{\"linkId\":\"3.1\",\"text\":"
                   "\"Do you smoke?\",\"answer\":[{\"valueString\":\"No\"}]}]}]}");
  g_assert_true (care_questionnaire_check_response (q, built, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* One question of each kind, and items shown by every operator. */
static const char operators_json[] =
  "{\"resourceType\":\"Questionnaire\",\"id\":\"ops\",\"item\":["
  "{\"linkId\":\"n\",\"type\":\"integer\"},"
  "{\"linkId\":\"d\",\"type\":\"decimal\"},"
  "{\"linkId\":\"day\",\"type\":\"date\"},"
  "{\"linkId\":\"s\",\"type\":\"string\"},"
  "{\"linkId\":\"b\",\"type\":\"boolean\"},"
  "{\"linkId\":\"q\",\"type\":\"quantity\"},"
  "{\"linkId\":\"c\",\"type\":\"choice\",\"repeats\":true,\"answerOption\":["
  "{\"valueCoding\":{\"system\":\"x\",\"code\":\"a\"}},{\"valueCoding\":{\"system\":\"x\",\"code\":\"b\"}}]},"
  "{\"linkId\":\"eq\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"=\",\"answerInteger\":5}]},"
  "{\"linkId\":\"ne\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"!=\",\"answerInteger\":5}]},"
  "{\"linkId\":\"gt\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\">\",\"answerInteger\":5}]},"
  "{\"linkId\":\"lt\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"<\",\"answerInteger\":5}]},"
  "{\"linkId\":\"ge\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\">=\",\"answerInteger\":5}]},"
  "{\"linkId\":\"le\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"<=\",\"answerInteger\":5}]},"
  "{\"linkId\":\"ex\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"exists\",\"answerBoolean\":true}]},"
  "{\"linkId\":\"nx\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"exists\",\"answerBoolean\":false}]},"
  "{\"linkId\":\"dgt\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"d\",\"operator\":\">\",\"answerDecimal\":2.5}]},"
  "{\"linkId\":\"dayle\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"day\",\"operator\":\"<=\",\"answerDate\":\"2020-01-01\"}]},"
  "{\"linkId\":\"seq\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"s\",\"operator\":\"=\",\"answerString\":\"yes\"}]},"
  "{\"linkId\":\"bne\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"b\",\"operator\":\"!=\",\"answerBoolean\":true}]},"
  "{\"linkId\":\"qge\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"q\",\"operator\":\">=\",\"answerQuantity\":{\"value\":80,\"unit\":\"kg\"}}]},"
  "{\"linkId\":\"ceq\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"c\",\"operator\":\"=\",\"answerCoding\":{\"system\":\"x\",\"code\":\"b\"}}]},"
  "{\"linkId\":\"any\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"=\",\"answerInteger\":1},"
  "{\"question\":\"b\",\"operator\":\"=\",\"answerBoolean\":true}]},"
  "{\"linkId\":\"all\",\"type\":\"display\",\"enableBehavior\":\"all\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"=\",\"answerInteger\":1},"
  "{\"question\":\"b\",\"operator\":\"=\",\"answerBoolean\":true}]},"
  "{\"linkId\":\"chain\",\"type\":\"display\",\"enableWhen\":[{\"question\":\"later\",\"operator\":\"exists\",\"answerBoolean\":true}]},"
  "{\"linkId\":\"later\",\"type\":\"string\",\"enableWhen\":[{\"question\":\"n\",\"operator\":\"=\",\"answerInteger\":1}]}"
  "]}";

static void
expect_shown (CareQuestionnaireForm *form,
              const char            *shown)
{
  g_auto(GStrv) ids = g_strsplit (shown, " ", -1);
  const char *all[] = { "eq", "ne", "gt", "lt", "ge", "le", "ex", "nx", "dgt", "dayle", "seq", "bne", "qge",
                        "ceq", "any", "all", "chain" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      gboolean want = g_strv_contains ((const char * const *)ids, all[i]);

      if (is_enabled (form, all[i]) != want)
        g_error ("%s: %s, expected %s", all[i], want ? "hidden" : "shown", want ? "shown" : "hidden");
    }
}

static void
test_enable_when_operators (void)
{
  g_autoptr(CareQuestionnaire) q = parse_text (operators_json);
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  const char *both[] = { "a", "b", NULL };

  /* Without answers only "exists false" holds. */
  expect_shown (form, "nx");
  set_text (form, "n", "5");
  expect_shown (form, "eq ge le ex");
  set_text (form, "n", "7");
  expect_shown (form, "ne gt ge ex");
  set_text (form, "n", "1");
  /* "later" shows on n = 1, and "chain" on later: one change, two steps. */
  set_text (form, "later", "x");
  expect_shown (form, "ne lt le ex any chain");
  set_text (form, "b", "yes");
  expect_shown (form, "ne lt le ex any all chain");
  /* Hiding "later" drops its answer, and "chain" goes with it. */
  set_text (form, "n", "2");
  g_assert_cmpuint (n_answers (form, "later"), ==, 0);
  expect_shown (form, "ne lt le ex any");
  set_text (form, "b", "no");
  set_text (form, "d", "2,75");
  set_text (form, "day", "2019-12-31");
  set_text (form, "s", "yes");
  set_text (form, "q", "80 kg");
  expect_shown (form, "ne lt le ex bne dgt dayle seq qge");
  set_text (form, "d", "2.5");
  set_text (form, "day", "2020-01-02");
  set_text (form, "s", "Yes");
  set_text (form, "q", "79.9 kg");
  expect_shown (form, "ne lt le ex bne");
  /* A quantity in another unit does not compare. */
  set_text (form, "q", "200 lb");
  g_assert_false (is_enabled (form, "qge"));
  /* Any of several answers to a repeating choice. */
  care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, "c"), both, NULL);
  g_assert_true (is_enabled (form, "ceq"));
  set_text (form, "c", "a");
  g_assert_false (is_enabled (form, "ceq"));
  /* Clearing an answer: an emptied field. */
  set_text (form, "n", "");
  expect_shown (form, "nx bne");
}

/* Typing answers of each kind, and the checks on them. */
static void
expect_bad (CareQuestionnaire *q,
            const char        *link_id,
            const char        *text,
            const char        *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) value = care_questionnaire_value_parse (care_questionnaire_lookup_item (q, link_id),
                                                                text, &error);

  g_assert_null (value);
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
expect_value (CareQuestionnaire *q,
              const char        *link_id,
              const char        *text,
              const char        *json,
              const char        *shown)
{
  CareQuestionnaireItem *item = care_questionnaire_lookup_item (q, link_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) value = care_questionnaire_value_parse (item, text, &error);
  g_autofree char *got = NULL;
  g_autofree char *text_back = NULL;

  g_assert_no_error (error);
  got = to_json (value);
  g_assert_cmpstr (got, ==, json);
  text_back = care_questionnaire_value_dup_text (item, value);
  g_assert_cmpstr (text_back, ==, shown);
}

static void
test_values (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("pre-visit-history.json");
  CareQuestionnaireItem *card = care_questionnaire_lookup_item (q, "insurance-card");
  g_autoptr(JsonObject) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  g_autofree char *long_text = g_strnfill (201, 'x');

  expect_value (q, "smoker", "yes", "{\"valueBoolean\":true}", "Yes");
  expect_value (q, "smoker", "No", "{\"valueBoolean\":false}", "No");
  expect_bad (q, "smoker", "maybe", "Answer yes or no.");
  expect_value (q, "pain", " 7 ", "{\"valueInteger\":7}", "7");
  expect_bad (q, "pain", "7.5", "Enter a whole number.");
  expect_bad (q, "pain", "11", "Enter 10 or less.");
  expect_bad (q, "pain", "-1", "Enter 0 or more.");
  expect_value (q, "packs", "0,5", "{\"valueDecimal\":0.5}", "0.5");
  expect_bad (q, "packs", "half", "Enter a number.");
  expect_bad (q, "packs", "0", "Enter 0.1 or more.");
  expect_value (q, "smoking-since", "1999-04-01", "{\"valueDate\":\"1999-04-01\"}", "1999-04-01");
  expect_value (q, "smoking-since", "1999", "{\"valueDate\":\"1999\"}", "1999");
  expect_bad (q, "smoking-since", "2023-02-30", "Enter a date as YYYY-MM-DD.");
  expect_bad (q, "smoking-since", "04/01/1999", "Enter a date as YYYY-MM-DD.");
  expect_value (q, "symptoms-start", "2026-11-30T08:15:00-05:00",
                "{\"valueDateTime\":\"2026-11-30T08:15:00-05:00\"}", "2026-11-30T08:15:00-05:00");
  expect_bad (q, "symptoms-start", "2026-11-30T08:15:00",
              "Enter a date and time as YYYY-MM-DDTHH:MM:SS with its time zone.");
  expect_value (q, "preferred-time", "08:30", "{\"valueTime\":\"08:30:00\"}", "08:30:00");
  expect_bad (q, "preferred-time", "25:00", "Enter a time as HH:MM.");
  expect_value (q, "reading", "https://medlineplus.gov/diabetes.html",
                "{\"valueUri\":\"https://medlineplus.gov/diabetes.html\"}", "https://medlineplus.gov/diabetes.html");
  expect_bad (q, "reading", "ftp://example.org/x", "Enter a web address starting with https://.");
  expect_value (q, "surgery-what", "Appendix out", "{\"valueString\":\"Appendix out\"}", "Appendix out");
  expect_bad (q, "surgery-what", long_text, "This answer is too long.");
  expect_bad (q, "surgery-what", "  ", "Enter an answer.");
  expect_value (q, "alcohol", "weekly", "{\"valueCoding\":{\"code\":\"weekly\",\"display\":\"Every week\"}}",
                "Every week");
  expect_value (q, "alcohol", "every day", "{\"valueCoding\":{\"code\":\"daily\",\"display\":\"Every day\"}}",
                "Every day");
  expect_bad (q, "alcohol", "sometimes", "Choose one of the answers offered.");
  /* Open choice: an option, or the person's own words. */
  expect_value (q, "conditions", "Asthma",
                "{\"valueCoding\":{\"system\":\"http://snomed.info/sct\",\"code\":\"195967001\",\"display\":\"Asthma\"}}",
                "Asthma");
  expect_value (q, "conditions", "Gout", "{\"valueString\":\"Gout\"}", "Gout");
  expect_value (q, "weight", "81.5", "{\"valueQuantity\":{\"value\":81.5,\"unit\":\"kg\",\"system\":"
                "\"http://unitsofmeasure.org\",\"code\":\"kg\"}}", "81.5 kg");
  expect_bad (q, "weight", "900 kg", "Enter 400 kg or less.");
  expect_bad (q, "weight", "heavy", "Enter a number, then its unit.");
  expect_value (q, "pharmacy", "Organization/pharmacy-mail",
                "{\"valueReference\":{\"reference\":\"Organization/pharmacy-mail\",\"display\":\"Mail-order pharmacy\"}}",
                "Mail-order pharmacy");
  expect_bad (q, "pharmacy", "Organization/elsewhere", "Choose one of the answers offered.");
  expect_bad (q, "insurance-card", "card.png", "Attach a file instead.");

  /* Attachments: size and type. */
  attachment = parse_object ("{\"valueAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw0KGgo=\","
                                         "\"title\":\"card.png\"}}");
  g_assert_true (care_questionnaire_value_check (card, attachment, &error));
  g_assert_no_error (error);
  g_clear_pointer (&attachment, json_object_unref);
  attachment = parse_object ("{\"valueAttachment\":{\"contentType\":\"text/html\",\"data\":\"PGI+\"}}");
  g_assert_false (care_questionnaire_value_check (card, attachment, &error));
  g_assert_cmpstr (error->message, ==, "This kind of file is not accepted here.");
  g_clear_error (&error);
  g_clear_pointer (&attachment, json_object_unref);
  big = g_strdup_printf ("{\"valueAttachment\":{\"contentType\":\"application/pdf\",\"size\":%u,\"url\":\"x\"}}",
                         10485761);
  attachment = parse_object (big);
  g_assert_false (care_questionnaire_value_check (card, attachment, &error));
  g_assert_cmpstr (error->message, ==, "This file is too large.");
  g_clear_error (&error);
  g_clear_pointer (&attachment, json_object_unref);
  /* The wrong value[x] for the item. */
  attachment = parse_object ("{\"valueString\":\"7\"}");
  g_assert_false (care_questionnaire_value_check (care_questionnaire_lookup_item (q, "pain"), attachment, &error));
  g_assert_cmpstr (error->message, ==, "This answer is not of the right kind.");
}

static void
answer_phq9 (CareQuestionnaireForm *form,
             const char            *codes)
{
  static const char *items[] = { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
                                 "44252-5", "44253-3", "44260-8" };
  static const char *answers[] = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };

  for (guint i = 0; i < G_N_ELEMENTS (items) && codes[i] != '\0'; i++)
    set_text (form, items[i], answers[codes[i] - '0']);
}

/* PHQ-9: the SDC plain sum, and the question it shows. */
static void
test_phq9_score (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("phq-9.json");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) scored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *json = NULL;
  CareQuestionnaireNode *first = NULL;
  CareQuestionnaireNode *total = NULL;
  double score = -1;

  g_assert_false (care_questionnaire_form_get_score (form, &score, NULL));
  g_assert_cmpuint (care_questionnaire_form_validate (form, &first), ==, 9);
  g_assert_cmpstr (first->item->link_id, ==, "44250-9");
  g_assert_cmpstr (first->message, ==, "This question needs an answer.");

  answer_phq9 (form, "000000000");
  g_assert_true (care_questionnaire_form_get_score (form, &score, &total));
  g_assert_cmpfloat (score, ==, 0);
  g_assert_cmpstr (total->item->link_id, ==, "44261-6");
  g_assert_false (is_enabled (form, "difficulty"));

  answer_phq9 (form, "123012301");
  g_assert_true (care_questionnaire_form_get_score (form, &score, NULL));
  g_assert_cmpfloat (score, ==, 13);
  g_assert_true (is_enabled (form, "difficulty"));
  g_assert_cmpuint (care_questionnaire_form_validate (form, NULL), ==, 0);
  set_text (form, "difficulty", "Somewhat difficult");

  response = care_questionnaire_form_to_response (form, "completed", "Patient/adult", "Patient/adult", NULL);
  json = to_json (response);
  g_assert_nonnull (strstr (json, "{\"linkId\":\"44261-6\",\"text\":\"Total score\",\"answer\":[{\"valueInteger\":13}]}"));
  g_assert_null (strstr (json, "\"intro\""));
  g_assert_nonnull (strstr (json, "\"questionnaire\":\"https://sandbox.carebook.example/fhir/Questionnaire/phq-9|1\""));

  /* The portal's check works the sum out itself: a tampered total is replaced. */
  {
    JsonArray *items = json_object_get_array_member (response, "item");

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        if (g_str_equal (json_object_get_string_member (item, "linkId"), "44261-6"))
          json_object_set_int_member (json_array_get_object_element (json_object_get_array_member (item, "answer"), 0),
                                      "valueInteger", 2);
      }
  }
  g_assert_true (care_questionnaire_check_response (q, response, &scored, NULL, &error));
  g_assert_no_error (error);
  g_free (json);
  json = to_json (scored);
  g_assert_nonnull (strstr (json, "\"answer\":[{\"valueInteger\":13}]"));
  g_assert_nonnull (strstr (json, "\"subject\":{\"reference\":\"Patient/adult\"}"));

  /* A completed response missing a required answer names it. */
  set_text (form, "44260-8", "");
  g_clear_pointer (&response, json_object_unref);
  response = care_questionnaire_form_to_response (form, "completed", NULL, NULL, NULL);
  g_assert_false (care_questionnaire_check_response (q, response, NULL, &link_id, &error));
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_REQUIRED);
  g_assert_cmpstr (link_id, ==, "44260-8");
  g_assert_cmpstr (error->message, ==, "Item “44260-8”: This question needs an answer.");
  g_clear_error (&error);
  /* The same, in progress, is a fine draft. */
  json_object_set_string_member (response, "status", "in-progress");
  g_assert_true (care_questionnaire_check_response (q, response, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_gad7_score (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("gad-7.json");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  const char *items[] = { "69725-0", "68509-9", "69733-0", "69734-8", "69735-5", "69689-4", "69736-3" };
  double score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    set_text (form, items[i], "Nearly every day");
  g_assert_true (care_questionnaire_form_get_score (form, &score, NULL));
  g_assert_cmpfloat (score, ==, 21);
  /* Only a plain sum is worked out; another expression gives no score. */
  g_assert_cmpstr (care_questionnaire_lookup_item (q, "70274-6")->calculated, !=, NULL);
}

static void
test_unsupported_expression (void)
{
  g_autoptr(CareQuestionnaire) q = parse_text (
    "{\"resourceType\":\"Questionnaire\",\"item\":[{\"linkId\":\"a\",\"type\":\"integer\"},"
    "{\"linkId\":\"t\",\"type\":\"integer\",\"readOnly\":true,\"extension\":[{\"url\":"
    "\"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression\","
    "\"valueExpression\":{\"language\":\"text/fhirpath\",\"expression\":\"iif(%a > 3, 1, 0)\"}}]},"
    "{\"linkId\":\"u\",\"type\":\"decimal\",\"readOnly\":true,\"extension\":[{\"url\":"
    "\"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression\","
    "\"valueExpression\":{\"language\":\"text/fhirpath\",\"expression\":"
    "\"%resource.item.where(linkId='a').answer.value + 0.5\"}}]}]}");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  double score = 0;

  set_text (form, "a", "4");
  g_assert_cmpuint (n_answers (form, "t"), ==, 0);
  g_assert_true (care_questionnaire_form_get_score (form, &score, NULL));
  g_assert_cmpfloat (score, ==, 4.5);
}

/* A repeating group: instances, their answers, and reading them back. */
static void
test_repeating_group (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("pre-visit-history.json");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  g_autoptr(CareQuestionnaireForm) again = care_questionnaire_form_new (q);
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_back = NULL;
  CareQuestionnaireNode *first, *second;
  GPtrArray *history;
  guint n = 0;

  g_assert_false (is_enabled (form, "surgery"));
  set_text (form, "surgeries", "yes");
  first = care_questionnaire_form_find (form, "surgery");
  g_assert_true (first->enabled);
  second = care_questionnaire_form_add_instance (form, first);
  g_assert_nonnull (second);
  g_assert_null (care_questionnaire_form_add_instance (form, care_questionnaire_form_find (form, "smoker")));
  care_questionnaire_form_set_text (form, g_ptr_array_index (first->children, 0),
                                    (const char *[]) { "Knee", NULL }, NULL);
  care_questionnaire_form_set_text (form, g_ptr_array_index (second->children, 0),
                                    (const char *[]) { "Appendix", NULL }, NULL);
  care_questionnaire_form_set_text (form, g_ptr_array_index (second->children, 1),
                                    (const char *[]) { "2001-05", NULL }, NULL);
  set_text (form, "smoker", "no");
  set_text (form, "alcohol", "never");
  g_assert_false (is_enabled (form, "drinks"));
  set_text (form, "pain", "6");
  g_assert_cmpuint (care_questionnaire_form_validate (form, &first), ==, 1);
  g_assert_cmpstr (first->item->link_id, ==, "pain-where");
  set_text (form, "pain-where", "My back");
  g_assert_cmpuint (care_questionnaire_form_validate (form, NULL), ==, 0);

  response = care_questionnaire_form_to_response (form, "in-progress", "Patient/adult", NULL, NULL);
  json = to_json (response);
  g_assert_nonnull (strstr (json, "{\"linkId\":\"surgery\",\"text\":\"Each surgery\",\"item\":[{\"linkId\":"
                                  "\"surgery-what\",\"text\":\"What was done\",\"answer\":[{\"valueString\":\"Knee\"}]}]},"
                                  "{\"linkId\":\"surgery\""));

  /* Read back into a fresh form: the same answers, two instances. */
  g_assert_true (care_questionnaire_form_load_response (again, response, TRUE, &error));
  g_assert_no_error (error);
  history = care_questionnaire_form_find (again, "history")->children;
  for (guint i = 0; i < history->len; i++)
    if (g_str_equal (((CareQuestionnaireNode *)g_ptr_array_index (history, i))->item->link_id, "surgery"))
      n++;
  g_assert_cmpuint (n, ==, 2);
  back = care_questionnaire_form_to_response (again, "in-progress", "Patient/adult", NULL, NULL);
  json_back = to_json (back);
  g_assert_cmpstr (json_back, ==, json);
  g_assert_false (care_questionnaire_form_get_changed (again));

  /* Removing an instance; the last one stays. */
  first = care_questionnaire_form_find (again, "surgery");
  g_assert_true (care_questionnaire_form_remove_instance (again, first));
  first = care_questionnaire_form_find (again, "surgery");
  g_assert_false (care_questionnaire_form_remove_instance (again, first));
  g_assert_true (care_questionnaire_form_get_changed (again));
  /* "No surgery" clears what the group held. */
  set_text (again, "surgeries", "no");
  g_assert_cmpuint (((CareQuestionnaireNode *)g_ptr_array_index (first->children, 0))->answers->len, ==, 0);
}

/* What the portal refuses in a response, naming the item. */
static void
expect_response_refused (CareQuestionnaire *q,
                         const char        *items,
                         int                code,
                         const char        *link_id)
{
  g_autofree char *text = g_strdup_printf ("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"in-progress\","
                                           "\"item\":%s}", items);
  g_autoptr(JsonObject) response = care_fhir_parse_resource (text, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;

  g_assert_nonnull (response);
  g_assert_false (care_questionnaire_check_response (q, response, NULL, &refused, &error));
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, code);
  g_assert_cmpstr (refused, ==, link_id);
}

static void
test_check_response (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("pre-visit-history.json");
  g_autoptr(CareQuestionnaire) school = load_seed ("school-health.json");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (school);

  expect_response_refused (q, "[{\"linkId\":\"habits\",\"item\":[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":false}]},"
                              "{\"linkId\":\"packs\",\"answer\":[{\"valueDecimal\":1}]}]}]",
                           CARE_QUESTIONNAIRE_ERROR_DISABLED, "packs");
  expect_response_refused (q, "[{\"linkId\":\"history\",\"item\":[{\"linkId\":\"pain\",\"answer\":[{\"valueString\":\"7\"}]}]}]",
                           CARE_QUESTIONNAIRE_ERROR_INVALID, "pain");
  expect_response_refused (q, "[{\"linkId\":\"habits\",\"item\":[{\"linkId\":\"alcohol\",\"answer\":[{\"valueCoding\":"
                              "{\"code\":\"hourly\"}}]}]}]",
                           CARE_QUESTIONNAIRE_ERROR_INVALID, "alcohol");
  expect_response_refused (q, "[{\"linkId\":\"habits\",\"item\":[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":false},"
                              "{\"valueBoolean\":true}]}]}]",
                           CARE_QUESTIONNAIRE_ERROR_INVALID, "smoker");
  expect_response_refused (q, "[{\"linkId\":\"smoker\",\"answer\":[{\"valueBoolean\":false}]}]",
                           CARE_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM, "smoker");
  expect_response_refused (q, "[{\"linkId\":\"habits\"},{\"linkId\":\"habits\"}]",
                           CARE_QUESTIONNAIRE_ERROR_INVALID, "habits");
  expect_response_refused (q, "[{\"linkId\":\"nope\"}]", CARE_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM, "nope");

  /* Initial answers; a repeating string question. */
  g_assert_cmpuint (n_answers (form, "sports"), ==, 1);
  care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, "medicines"),
                                    (const char *[]) { "Inhaler", "Allergy pills", NULL }, NULL);
  g_assert_cmpuint (n_answers (form, "medicines"), ==, 2);
  /* Two answers where one is taken: refused, nothing changes. */
  g_assert_false (care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, "guardian"),
                                                    (const char *[]) { "A", "B", NULL }, NULL));
  g_assert_cmpuint (n_answers (form, "guardian"), ==, 0);
  g_assert_cmpstr (care_questionnaire_form_find (form, "guardian")->message, ==, "This question takes one answer.");
}

/* A draft kept in the person's cache, found again after a restart. */
static void
test_draft_survives_restart (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("school-health.json");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  g_autoptr(CareQuestionnaireForm) again = care_questionnaire_form_new (q);
  g_autoptr(CareQuestionnaireForm) other = care_questionnaire_form_new (q);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  CareCache *cache;

  g_assert_no_error (error);
  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  set_text (form, "allergies", "yes");
  set_text (form, "allergy-list", "Peanuts: use the auto-injector, call 911");
  set_text (form, "guardian", "Maria Reyes");
  g_assert_true (care_questionnaire_save_draft (cache, "task:child-school", form, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (cache);

  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (care_questionnaire_restore_draft (cache, "task:child-school", again));
  g_assert_cmpuint (care_questionnaire_form_count_answered (again), ==, 4);
  g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (care_questionnaire_form_find (again, "allergy-list")->answers, 0),
                                         "valueString"), ==, "Peanuts: use the auto-injector, call 911");
  /* Another assignment has no draft; a forgotten one is gone. */
  g_assert_false (care_questionnaire_restore_draft (cache, "task:other", other));
  care_questionnaire_forget_draft (cache, "task:child-school");
  g_assert_false (care_questionnaire_restore_draft (cache, "task:child-school", other));
  g_assert_finalize_object (cache);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* What the outbox is given: a completed response, only when it passes. */
static void
test_outbox_draft (void)
{
  g_autoptr(CareQuestionnaire) q = load_seed ("school-health.json");
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (q);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 9, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) refused = care_questionnaire_response_draft_new (form, "Patient/child", NULL, now, &error);
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autofree char *json = NULL;

  g_assert_null (refused);
  g_assert_error (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_REQUIRED);
  g_assert_cmpstr (error->message, ==, "Item “grade”: This question needs an answer.");
  g_clear_error (&error);
  set_text (form, "grade", "3rd");
  set_text (form, "allergies", "no");
  set_text (form, "asthma", "no");
  set_text (form, "guardian", "Maria Reyes");
  set_text (form, "signed", "2026-11-24");
  draft = care_questionnaire_response_draft_new (form, "Patient/child", "RelatedPerson/child-mother", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draft->kind, ==, CARE_OUTBOX_CREATE);
  g_assert_cmpstr (draft->summary, ==, "Answers to “School health form”");
  json = to_json (draft->resource);
  g_assert_nonnull (strstr (json, "\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/child\"},"
                                  "\"author\":{\"reference\":\"RelatedPerson/child-mother\"},"
                                  "\"authored\":\"2026-11-24T09:30:00+00:00\""));
  g_assert_nonnull (strstr (json, "{\"linkId\":\"sports\",\"text\":\"May your child take part in sports?\","
                                  "\"answer\":[{\"valueBoolean\":true}]}"));
}

/* Overdue: still to be answered (due or started) and its day passed; a
 * questionnaire due today is not overdue yet, one sent never is, and a
 * due date that is no date says nothing. */
static void
test_overdue (void)
{
  CareQuestionnaireAssignment assignment = { .due = (char *)"2026-11-27", .state = CARE_ASSIGNMENT_STARTED };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  g_assert_false (care_questionnaire_assignment_is_overdue (&assignment, &today));
  g_date_set_dmy (&today, 28, 11, 2026);
  g_assert_true (care_questionnaire_assignment_is_overdue (&assignment, &today));
  assignment.state = CARE_ASSIGNMENT_DUE;
  g_assert_true (care_questionnaire_assignment_is_overdue (&assignment, &today));
  assignment.state = CARE_ASSIGNMENT_WAITING;
  g_assert_false (care_questionnaire_assignment_is_overdue (&assignment, &today));
  assignment.state = CARE_ASSIGNMENT_DONE;
  g_assert_false (care_questionnaire_assignment_is_overdue (&assignment, &today));
  assignment.state = CARE_ASSIGNMENT_DUE;
  assignment.due = (char *)"2026-02-31";
  g_assert_false (care_questionnaire_assignment_is_overdue (&assignment, &today));
  assignment.due = (char *)"soon";
  g_assert_false (care_questionnaire_assignment_is_overdue (&assignment, &today));
  assignment.due = NULL;
  g_assert_false (care_questionnaire_assignment_is_overdue (&assignment, &today));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/questionnaire/parse/every-type", test_parse_every_type);
  g_test_add_func ("/care/questionnaire/parse/refuses", test_parse_refuses);
  g_test_add_func ("/care/questionnaire/hl7/3141", test_hl7_3141);
  g_test_add_func ("/care/questionnaire/hl7/gcs", test_hl7_gcs);
  g_test_add_func ("/care/questionnaire/hl7/f201", test_hl7_f201);
  g_test_add_func ("/care/questionnaire/enable-when/operators", test_enable_when_operators);
  g_test_add_func ("/care/questionnaire/values", test_values);
  g_test_add_func ("/care/questionnaire/score/phq-9", test_phq9_score);
  g_test_add_func ("/care/questionnaire/score/gad-7", test_gad7_score);
  g_test_add_func ("/care/questionnaire/score/unsupported", test_unsupported_expression);
  g_test_add_func ("/care/questionnaire/repeating-group", test_repeating_group);
  g_test_add_func ("/care/questionnaire/check-response", test_check_response);
  g_test_add_func ("/care/questionnaire/assignment/overdue", test_overdue);
  g_test_add_func ("/care/questionnaire/draft/survives-restart", test_draft_survives_restart);
  g_test_add_func ("/care/questionnaire/draft/outbox", test_outbox_draft);

  return g_test_run ();
}
