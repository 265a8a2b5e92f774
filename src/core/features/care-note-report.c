/* care-note-report.c — DiagnosticReports that are clinical notes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * US Core sends clinical notes two ways: as DocumentReferences, and as
 * DiagnosticReports whose code is a note type (LOINC 34117-2 History and
 * physical note, 11506-3 Progress note, 18842-5 Discharge summary,
 * 11488-4 Consult note, 28570-0 Procedure note…) or whose category is a
 * note category (LP29708-2 Cardiology, "cardiology") with the text in
 * presentedForm and no results. Those read as documents, not as test
 * results: Test Results leaves them out and Visits & Documents lists them,
 * each as a DocumentReference-shaped copy so the document rows and the
 * viewer need nothing new.
 */
#include "config.h"

#include "care-note-report.h"

#include "care-fhir.h"

#include <string.h>

static const char * const note_codes[] = {
  "34117-2",  /* History and physical note */
  "11506-3",  /* Progress note */
  "18842-5",  /* Discharge summary */
  "11488-4",  /* Consult note */
  "28570-0",  /* Procedure note */
  "34746-8",  /* Nurse note */
  "34111-5",  /* Emergency department note */
  "57133-1",  /* Referral note */
  NULL,
};

static const char * const note_categories[] = { "LP29708-2", "cardiology", NULL };

/**
 * care_note_report_codes:
 *
 * Returns: (transfer none): the LOINC codes of note DiagnosticReports
 */
const char * const *
care_note_report_codes (void)
{
  return note_codes;
}

/**
 * care_note_report_categories:
 *
 * Returns: (transfer none): the categories whose text-only reports are notes
 */
const char * const *
care_note_report_categories (void)
{
  return note_categories;
}

static gboolean
concept_has_code (JsonObject         *concept,
                  const char * const *codes)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      const char *code = care_fhir_get_string (care_fhir_get_array_object (concept, "coding", i), "code");

      if (code != NULL && g_strv_contains (codes, code))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_items (JsonObject *object,
           const char *member)
{
  JsonArray *array = care_fhir_get_array (object, member);

  return array != NULL && json_array_get_length (array) > 0;
}

/**
 * care_note_report_is_note:
 * @report: (nullable): a DiagnosticReport
 *
 * Returns: whether @report is a clinical note rather than a result
 */
gboolean
care_note_report_is_note (JsonObject *report)
{
  JsonArray *categories;

  if (report == NULL || g_strcmp0 (care_fhir_get_string (report, "resourceType"), "DiagnosticReport") != 0)
    return FALSE;
  if (concept_has_code (care_fhir_get_object (report, "code"), note_codes))
    return TRUE;
  /* A cardiology report with results (an ECG's measurements) is a result. */
  if (!has_items (report, "presentedForm") || has_items (report, "result"))
    return FALSE;
  categories = care_fhir_get_array (report, "category");
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    if (concept_has_code (care_fhir_get_array_object (report, "category", i), note_categories))
      return TRUE;
  /* R4 also allows a single CodeableConcept there. */
  return concept_has_code (care_fhir_get_object (report, "category"), note_categories);
}

static void
copy_member (JsonObject *from,
             const char *member,
             JsonObject *to,
             const char *as)
{
  JsonNode *node = json_object_get_member (from, member);

  if (node != NULL && !json_object_has_member (to, as))
    json_object_set_member (to, as, json_node_copy (node));
}

/**
 * care_note_report_dup_document:
 * @report: a DiagnosticReport for which care_note_report_is_note() is %TRUE
 *
 * Returns: (transfer full): a DocumentReference-shaped copy: its type the
 *   report's code, its date the report's, its authors the performers,
 *   one content per presentedForm (or the conclusion as plain text), its
 *   encounter the report's, and the report's id and meta
 */
JsonObject *
care_note_report_dup_document (JsonObject *report)
{
  JsonObject *document = json_object_new ();
  JsonArray *content = json_array_new ();
  JsonArray *forms = care_fhir_get_array (report, "presentedForm");
  JsonObject *period = care_fhir_get_object (report, "effectivePeriod");
  const char *date = care_fhir_get_string (report, "effectiveDateTime");
  JsonObject *encounter = care_fhir_get_object (report, "encounter");

  g_return_val_if_fail (report != NULL, document);

  json_object_set_string_member (document, "resourceType", "DocumentReference");
  copy_member (report, "id", document, "id");
  copy_member (report, "meta", document, "meta");
  json_object_set_string_member (document, "status",
                                 g_strcmp0 (care_fhir_get_string (report, "status"), "entered-in-error") == 0
                                 ? "entered-in-error" : "current");
  copy_member (report, "code", document, "type");
  {
    JsonObject *category = json_object_new ();
    JsonArray *codings = json_array_new ();
    JsonObject *coding = json_object_new ();
    JsonArray *categories = json_array_new ();

    json_object_set_string_member (coding, "system",
                                   "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category");
    json_object_set_string_member (coding, "code", "clinical-note");
    json_array_add_object_element (codings, coding);
    json_object_set_array_member (category, "coding", codings);
    json_array_add_object_element (categories, category);
    json_object_set_array_member (document, "category", categories);
  }
  copy_member (report, "subject", document, "subject");
  if (date == NULL)
    date = care_fhir_get_string (period, "start");
  if (date == NULL)
    date = care_fhir_get_string (report, "issued");
  if (date != NULL)
    json_object_set_string_member (document, "date", date);
  copy_member (report, "performer", document, "author");
  copy_member (report, "resultsInterpreter", document, "author");

  for (guint i = 0; forms != NULL && i < json_array_get_length (forms); i++)
    {
      JsonNode *form = json_array_get_element (forms, i);
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (form))
        continue;
      item = json_object_new ();
      json_object_set_member (item, "attachment", json_node_copy (form));
      json_array_add_object_element (content, item);
    }
  if (json_array_get_length (content) == 0 && care_fhir_get_string (report, "conclusion") != NULL)
    {
      const char *text = care_fhir_get_string (report, "conclusion");
      g_autofree char *data = g_base64_encode ((const guchar *)text, strlen (text));
      JsonObject *attachment = json_object_new ();
      JsonObject *item = json_object_new ();

      json_object_set_string_member (attachment, "contentType", "text/plain; charset=utf-8");
      json_object_set_string_member (attachment, "data", data);
      json_object_set_object_member (item, "attachment", attachment);
      json_array_add_object_element (content, item);
    }
  json_object_set_array_member (document, "content", content);

  if (encounter != NULL)
    {
      JsonObject *context = json_object_new ();
      JsonArray *encounters = json_array_new ();

      json_array_add_element (encounters, json_node_copy (json_object_get_member (report, "encounter")));
      json_object_set_array_member (context, "encounter", encounters);
      json_object_set_object_member (document, "context", context);
    }
  return document;
}
