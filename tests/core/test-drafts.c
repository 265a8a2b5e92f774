/* test-drafts.c — the features' draft builders, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-allergy-draft.h"
#include "care-fhir.h"
#include "care-immunization-draft.h"
#include "care-medication-draft.h"
#include "care-message-saved.h"

#include "../care-test-utils.h"

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
test_allergy (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 3, 4, 10, 0, 0);
  g_autoptr(CareOutboxDraft) draft = care_allergy_draft_new ("Patient/p1", "RelatedPerson/mom", "Peanuts",
                                                             NULL, "severe", now);
  g_autoptr(CareOutboxDraft) plain = care_allergy_draft_new ("Patient/p1", NULL, "Latex", "Rash", NULL, now);
  g_autofree char *json = to_json (draft->resource);
  JsonObject *reaction;

  g_assert_cmpint (draft->kind, ==, CARE_OUTBOX_CREATE);
  g_assert_nonnull (draft->client_id);
  g_assert_cmpstr (draft->summary, ==, "Allergy to Peanuts");
  g_assert_cmpstr (care_fhir_get_string (draft->resource, "resourceType"), ==, "AllergyIntolerance");
  g_assert_cmpstr (care_fhir_get_string (draft->resource, "recordedDate"), ==, "2025-03-04T10:00:00+00:00");
  g_assert_nonnull (strstr (json, "\"code\":\"unconfirmed\""));
  g_assert_nonnull (strstr (json, "\"code\":\"active\""));
  g_assert_nonnull (strstr (json, "\"recorder\":{\"reference\":\"RelatedPerson/mom\"}"));
  g_assert_nonnull (strstr (json, "\"patient\":{\"reference\":\"Patient/p1\"}"));
  reaction = json_array_get_object_element (json_object_get_array_member (draft->resource, "reaction"), 0);
  g_assert_cmpstr (care_fhir_get_string (reaction, "severity"), ==, "severe");
  /* A severity without words still names a reaction. */
  g_assert_cmpstr (care_fhir_get_string (json_array_get_object_element (
                     json_object_get_array_member (reaction, "manifestation"), 0), "text"), ==, "Reaction");

  /* Without a reporter, the patient reports it. */
  g_free (json);
  json = to_json (plain->resource);
  g_assert_nonnull (strstr (json, "\"asserter\":{\"reference\":\"Patient/p1\"}"));
  g_assert_nonnull (strstr (json, "\"text\":\"Rash\""));
  g_assert_false (json_object_has_member (json_array_get_object_element (
                    json_object_get_array_member (plain->resource, "reaction"), 0), "severity"));
  g_assert_cmpstr (draft->client_id, !=, plain->client_id);
}

static void
test_medication_stopped (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 3, 4, 10, 0, 0);
  g_autoptr(JsonObject) request = care_fhir_parse_resource (
    "{\"resourceType\":\"MedicationRequest\",\"id\":\"rx7\",\"status\":\"active\",\"intent\":\"order\","
    "\"medicationCodeableConcept\":{\"text\":\"Lisinopril 10 mg\"},\"subject\":{\"reference\":\"Patient/p1\"}}",
    -1, NULL);
  g_autoptr(JsonObject) nameless = care_fhir_parse_resource ("{\"resourceType\":\"MedicationRequest\"}", -1, NULL);
  g_autoptr(CareOutboxDraft) draft = care_medication_stopped_draft_new ("Patient/p1", NULL, request,
                                                                        "Lisinopril 10 mg", now);
  g_autofree char *json = to_json (draft->resource);

  g_assert_cmpint (draft->kind, ==, CARE_OUTBOX_CREATE);
  g_assert_cmpstr (draft->summary, ==, "No longer taking Lisinopril 10 mg");
  g_assert_cmpstr (care_fhir_get_string (draft->resource, "resourceType"), ==, "MedicationStatement");
  g_assert_cmpstr (care_fhir_get_string (draft->resource, "status"), ==, "stopped");
  g_assert_nonnull (strstr (json, "\"derivedFrom\":[{\"reference\":\"MedicationRequest/rx7\"}]"));
  g_assert_nonnull (strstr (json, "\"medicationCodeableConcept\":{\"text\":\"Lisinopril 10 mg\"}"));
  g_assert_nonnull (strstr (json, "\"informationSource\":{\"reference\":\"Patient/p1\"}"));
  /* No id: nothing to derive from. */
  g_assert_null (care_medication_stopped_draft_new ("Patient/p1", NULL, nameless, NULL, now));
}

static void
test_immunization (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(CareOutboxDraft) future = NULL;
  g_autoptr(CareOutboxDraft) garbled = NULL;
  g_autofree char *json = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 4, 3, 2025);
  draft = care_immunization_draft_new ("Patient/p1", "Flu shot", "2025-03-04", "Corner pharmacy", NULL, &today,
                                       &error);
  g_assert_no_error (error);
  json = to_json (draft->resource);
  g_assert_cmpstr (draft->summary, ==, "Flu shot, given elsewhere");
  g_assert_cmpstr (care_fhir_get_string (draft->resource, "occurrenceDateTime"), ==, "2025-03-04");
  g_assert_nonnull (strstr (json, "\"primarySource\":false"));
  g_assert_nonnull (strstr (json, "\"code\":\"recall\""));
  g_assert_nonnull (strstr (json, "\"location\":{\"display\":\"Corner pharmacy\"}"));

  future = care_immunization_draft_new ("Patient/p1", "Flu shot", "2025-03-05", NULL, "school", &today, &error);
  g_assert_null (future);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  garbled = care_immunization_draft_new ("Patient/p1", "Flu shot", "last spring", NULL, NULL, &today, &error);
  g_assert_null (garbled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_kinds (void)
{
  g_autoptr(JsonObject) goal = care_fhir_parse_resource (
    "{\"resourceType\":\"Goal\",\"id\":\"g1\",\"meta\":{\"versionId\":\"4\"},\"lifecycleStatus\":\"completed\"}",
    -1, NULL);
  g_autoptr(JsonObject) unsaved = care_fhir_parse_resource ("{\"resourceType\":\"Goal\"}", -1, NULL);
  g_autoptr(JsonObject) parameters = care_fhir_parse_resource ("{\"resourceType\":\"Parameters\"}", -1, NULL);
  g_autoptr(CareOutboxDraft) update = care_outbox_draft_new_update (goal, "Goal done");
  g_autoptr(CareOutboxDraft) operation = care_outbox_draft_new_operation ("Appointment", "$book", parameters,
                                                                          "A visit");
  g_autoptr(CareOutboxDraft) copy = NULL;
  g_autofree char *reference = NULL;
  CareOutboxRequest request;

  g_assert_cmpint (update->kind, ==, CARE_OUTBOX_UPDATE);
  g_assert_cmpstr (update->target, ==, "g1");
  g_assert_cmpstr (update->version, ==, "4");
  g_assert_null (care_outbox_draft_new_update (unsaved, "Nothing"));
  g_assert_cmpint (operation->kind, ==, CARE_OUTBOX_OPERATION);
  g_assert_cmpstr (operation->target, ==, "Appointment/$book");

  care_outbox_draft_depend_on (operation, update);
  reference = care_outbox_draft_dup_reference (update);
  g_assert_true (g_str_has_prefix (reference, "urn:uuid:"));
  g_assert_cmpstr (reference + strlen ("urn:uuid:"), ==, update->client_id);
  copy = care_outbox_draft_copy (operation);
  care_outbox_draft_get_request (copy, &request);
  g_assert_cmpstr (request.depends_on, ==, update->client_id);
  g_assert_cmpstr (request.client_id, ==, operation->client_id);
  g_assert_cmpstr (request.target, ==, "Appointment/$book");
}

/* A message being written is kept as it is typed, and comes back after a
 * restart: the cache is closed and opened again. */
static void
test_message_saved (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-drafts-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  CareMessageSaved written = { CARE_MESSAGE_KIND_LETTER, (char *)"Practitioner/okafor", (char *)"For school",
                               (char *)"Ana missed school on Friday.\nShe had a fever.", (char *)"school" };
  CareMessageSaved blank = { CARE_MESSAGE_KIND_MEDICAL_QUESTION, NULL, (char *)" ", (char *)"\n", NULL };
  CareCache *cache;

  g_assert_no_error (error);
  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (care_message_saved_load (cache, CARE_MESSAGE_SAVED_COMPOSE));
  g_assert_true (care_message_saved_store (cache, CARE_MESSAGE_SAVED_COMPOSE, &written, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (cache);

  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CareMessageSaved) back = care_message_saved_load (cache, CARE_MESSAGE_SAVED_COMPOSE);

    g_assert_nonnull (back);
    g_assert_cmpint (back->kind, ==, CARE_MESSAGE_KIND_LETTER);
    g_assert_cmpstr (back->recipient, ==, "Practitioner/okafor");
    g_assert_cmpstr (back->subject, ==, "For school");
    g_assert_cmpstr (back->text, ==, written.text);
    g_assert_cmpstr (back->letter_purpose, ==, "school");
  }
  /* Other drafts are kept apart. */
  g_assert_null (care_message_saved_load (cache, "reply:c1"));
  /* Emptied, it is gone. */
  g_assert_true (care_message_saved_is_empty (&blank));
  g_assert_true (care_message_saved_store (cache, CARE_MESSAGE_SAVED_COMPOSE, &blank, &error));
  g_assert_null (care_message_saved_load (cache, CARE_MESSAGE_SAVED_COMPOSE));
  g_assert_true (care_message_saved_store (cache, CARE_MESSAGE_SAVED_COMPOSE, &written, &error));
  g_assert_true (care_message_saved_clear (cache, CARE_MESSAGE_SAVED_COMPOSE, &error));
  g_assert_null (care_message_saved_load (cache, CARE_MESSAGE_SAVED_COMPOSE));
  g_assert_finalize_object (cache);
  care_test_remove_flat_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drafts/allergy", test_allergy);
  g_test_add_func ("/drafts/medication-stopped", test_medication_stopped);
  g_test_add_func ("/drafts/immunization", test_immunization);
  g_test_add_func ("/drafts/kinds", test_kinds);
  g_test_add_func ("/drafts/message-saved", test_message_saved);

  return g_test_run ();
}
