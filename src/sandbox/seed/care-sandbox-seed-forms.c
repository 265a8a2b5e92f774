/* care-sandbox-seed-forms.c — the questionnaires the clinic asks the family to answer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Five Questionnaires (JSON files in seed/questionnaires/, compiled in as a
 * resource): PHQ-9 and GAD-7 with their SDC sums, a pre-visit history
 * with conditional questions and every item type, a school-health form
 * for Mateo that a parent fills in, and a financial-assistance
 * application; the pre-visit history's language question names its
 * answers by a canonical answerValueSet, the ValueSet in
 * visit-languages.json, which the portal expands on request. The clinic
 * assigns them with a Task each: its focus is the Questionnaire, its for
 * the patient, restriction.period.end the
 * date it is due, status requested until a completed response arrives
 * (the REST layer then completes it and names the response in its
 * output). Maria also has a PHQ-9 she answered four months ago.
 */
#include "config.h"

#include "care-questionnaire-form.h"
#include "care-sandbox-resources.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#define QUESTIONNAIRES "/org/carebook/sandbox/questionnaires/"

/* Stores the resource of seed/questionnaires/@name.json; returns it. */
static JsonObject *
put_file (Seeder     *seeder,
          const char *name)
{
  g_autofree char *path = g_strconcat (QUESTIONNAIRES, name, ".json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) stored = NULL;
  JsonObject *resource;

  if (seeder->failed)
    return NULL;
  /* Looked up in the resource itself: named, it is linked in from the static library. */
  bytes = g_resource_lookup_data (care_sandbox_questionnaires_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, seeder->error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), seeder->error))
    {
      seeder->failed = TRUE;
      return NULL;
    }
  resource = json_node_get_object (json_parser_get_root (parser));
  stored = care_sandbox_store_put (seeder->store, resource, seeder->error);
  if (stored == NULL)
    {
      seeder->failed = TRUE;
      return NULL;
    }
  seeder->written++;
  return json_object_ref (resource);
}

static CareQuestionnaire *
put_questionnaire (Seeder     *seeder,
                   const char *name)
{
  g_autoptr(JsonObject) resource = put_file (seeder, name);

  return resource != NULL ? care_questionnaire_new (resource, seeder->error) : NULL;
}

static void
put_task (Seeder     *seeder,
          const char *id,
          const char *patient,
          const char *questionnaire,
          const char *title,
          const char *description,
          int         assigned_days_ago,
          int         due_in_days,
          const char *status,
          const char *response)
{
  g_autofree char *assigned = care_seed_day (seeder, assigned_days_ago);
  g_autofree char *due = care_seed_day (seeder, -due_in_days);
  g_autofree char *output = NULL;

  if (response != NULL)
    output = g_strdup_printf (",\"output\":[{\"type\":{\"text\":\"QuestionnaireResponse\"},"
                              "\"valueReference\":{\"reference\":\"QuestionnaireResponse/%s\"}}]", response);
  care_seed_put (seeder,
                 "{\"resourceType\":\"Task\",\"id\":\"%s\",\"status\":\"%s\",\"intent\":\"order\","
                 "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/uv/sdc/CodeSystem/temp\","
                 "\"code\":\"complete-questionnaire\"}],\"text\":\"Complete a questionnaire\"},"
                 "\"description\":\"%s\",\"focus\":{\"reference\":\"Questionnaire/%s\",\"display\":\"%s\"},"
                 "\"for\":{\"reference\":\"Patient/%s\"},\"authoredOn\":\"%s\","
                 "\"requester\":{\"display\":\"Riverside Family Health\"},"
                 "\"restriction\":{\"period\":{\"end\":\"%s\"}}%s}",
                 id, status, description, questionnaire, title, patient, assigned, due,
                 output != NULL ? output : "");
}

/* Maria's PHQ-9 of four months ago, made with the same model the app
 * uses, so its sum is what the portal works out. */
static void
put_earlier_phq9 (Seeder            *seeder,
                  CareQuestionnaire *phq9)
{
  static const char *items[] = { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
                                 "44252-5", "44253-3", "44260-8" };
  static const char *answers[] = { "LA6569-3", "LA6569-3", "LA6570-1", "LA6569-3", "LA6568-5",
                                   "LA6568-5", "LA6569-3", "LA6568-5", "LA6568-5" };
  g_autoptr(CareQuestionnaireForm) form = care_questionnaire_form_new (phq9);
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *day = care_seed_day (seeder, 120);
  g_autofree char *authored = care_seed_time (day, "09:40", 0);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const char *texts[] = { answers[i], NULL };

      care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, items[i]), texts, NULL);
    }
  care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, "difficulty"),
                                    (const char *[]) { "LA6573-5", NULL }, NULL);
  response = care_questionnaire_form_to_response (form, "completed", "Patient/adult", "Patient/adult", NULL);
  json_object_set_string_member (response, "id", "adult-phq9-earlier");
  json_object_set_string_member (response, "authored", authored);
  stored = care_sandbox_store_put (seeder->store, response, seeder->error);
  if (stored == NULL)
    seeder->failed = TRUE;
  else
    seeder->written++;
}

void
care_seed_questionnaires (Seeder *seeder)
{
  g_autoptr(CareQuestionnaire) phq9 = put_questionnaire (seeder, "phq-9");
  g_autoptr(CareQuestionnaire) gad7 = put_questionnaire (seeder, "gad-7");
  g_autoptr(CareQuestionnaire) history = put_questionnaire (seeder, "pre-visit-history");
  g_autoptr(CareQuestionnaire) school = put_questionnaire (seeder, "school-health");
  g_autoptr(CareQuestionnaire) assistance = put_questionnaire (seeder, "financial-assistance");
  /* The languages the pre-visit history asks about by URL (ValueSet/$expand). */
  g_autoptr(JsonObject) languages = put_file (seeder, "visit-languages");

  if (seeder->failed || languages == NULL || phq9 == NULL || gad7 == NULL || history == NULL || school == NULL || assistance == NULL)
    {
      seeder->failed = TRUE;
      return;
    }

  /* The pharmacies the pre-visit history offers as answers, and where the
   * family's prescriptions are filled (dispenseRequest.performer). */
  care_seed_put (seeder, "{\"resourceType\":\"Organization\",\"id\":\"pharmacy-main\",\"active\":true,"
                         "\"name\":\"Main Street Pharmacy\",\"type\":[" SEED_PHARMACY_TYPE "],"
                         "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2200\"}]}");
  care_seed_put (seeder, "{\"resourceType\":\"Organization\",\"id\":\"pharmacy-mail\",\"active\":true,"
                         "\"name\":\"Cascade Mail Pharmacy\",\"type\":[" SEED_PHARMACY_TYPE "],"
                         "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-7700\"}]}");
  care_seed_put (seeder, "{\"resourceType\":\"Organization\",\"id\":\"pharmacy-riverside\",\"active\":true,"
                         "\"name\":\"Riverside Outpatient Pharmacy\",\"type\":[" SEED_PHARMACY_TYPE "],"
                         "\"partOf\":{\"reference\":\"Organization/riverside\"},"
                         "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-4400\"}]}");
  put_earlier_phq9 (seeder, phq9);
  put_task (seeder, "adult-phq9-earlier", "adult", "phq-9", "Depression screening (PHQ-9)",
            "Before your diabetes check-up", 130, -115, "completed", "adult-phq9-earlier");
  put_task (seeder, "adult-phq9", "adult", "phq-9", "Depression screening (PHQ-9)",
            "Before your visit with Dr. Chen", 2, 5, "requested", NULL);
  put_task (seeder, "adult-gad7", "adult", "gad-7", "Anxiety screening (GAD-7)",
            "Before your visit with Dr. Chen", 2, 5, "requested", NULL);
  put_task (seeder, "adult-history", "adult", "pre-visit-history", "Before your visit: health history",
            "Please update your health history before your visit", 2, 3, "requested", NULL);
  put_task (seeder, "adult-assistance", "adult", "financial-assistance", "Financial assistance application",
            "You asked about help paying your bill", 10, 20, "requested", NULL);
  put_task (seeder, "child-school", "child", "school-health", "School health form",
            "Needed by Mateo's school before the new school year", 7, 14, "requested", NULL);
}
