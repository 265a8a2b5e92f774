/* test-record-reads.c — resource types read from records we did not write
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provenance as "who recorded this", found through the cache's index of
 * its targets; clinical notes sent as DiagnosticReports, told from
 * results; imaging studies in words. Fixtures written from the R4 pages
 * of each type and US Core's "Report and Note" guidance.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "care-cache.h"
#include "care-claim-totals.h"
#include "care-fhir.h"
#include "care-imaging.h"
#include "care-message-threads.h"
#include "care-note-report.h"
#include "care-provenance.h"
#include "care-record.h"

#include "cache-test-util.h"

#include <string.h>

static char *
load_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

typedef struct
{
  char      *dir;
  CareCache *cache;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carebook-reads-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  fixture->cache = care_cache_open (path, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->cache);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
store (CareCache  *cache,
       const char *json)
{
  g_autoptr(GPtrArray) page = cache_test_page ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (page, cache_test_record (json));
  g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_no_error (error);
}

/* The author, not the interface engine that sent it; the author's name
 * from the cached Practitioner, the organization from the display. */
static void
test_provenance (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *json = load_text ("provenance-author.json");
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  g_autofree char *patient = NULL;

  store (fixture->cache,
         "{\"resourceType\":\"Practitioner\",\"id\":\"okafor\",\"name\":[{\"use\":\"official\","
         "\"family\":\"Okafor\",\"given\":[\"Ana\"],\"prefix\":[\"Dr.\"]}]}");
  store (fixture->cache, json);

  text = care_provenance_dup_text_for (fixture->cache, "Observation", "a1c-1");
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Recorded by "));
  g_assert_nonnull (strstr (text, "Okafor"));
  g_assert_nonnull (strstr (text, "for Riverside Family Medicine"));
  g_assert_nonnull (strstr (text, "2026"));
  g_assert_null (strstr (text, "interface engine"));

  /* Only what it targets. */
  none = care_provenance_dup_text_for (fixture->cache, "Observation", "a1c-2");
  g_assert_null (none);
  patient = care_provenance_dup_text_for (fixture->cache, "Patient", "adult");
  g_assert_nonnull (patient);
}

static JsonObject *
load (const char *name)
{
  g_autofree char *text = load_text (name);
  g_autoptr(GError) error = NULL;
  JsonObject *resource = care_fhir_parse_resource (text, -1, &error);

  g_assert_no_error (error);
  return resource;
}

/* A note code makes a note; a cardiology category with text and no
 * results does too; a cardiology report with results is a result. */
static void
test_note_reports (void)
{
  g_autoptr(JsonObject) progress = load ("diagnosticreport-progress-note.json");
  g_autoptr(JsonObject) consult = load ("diagnosticreport-cardiology-text.json");
  g_autoptr(JsonObject) ecg = load ("diagnosticreport-ecg-results.json");
  g_autoptr(JsonObject) observation = load ("observation-bp.json");
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonObject) consult_document = NULL;
  JsonObject *attachment;

  g_assert_true (care_note_report_is_note (progress));
  g_assert_true (care_note_report_is_note (consult));
  g_assert_false (care_note_report_is_note (ecg));
  g_assert_false (care_note_report_is_note (observation));
  g_assert_false (care_note_report_is_note (NULL));

  /* As a document: its type, date, author, text and visit. */
  document = care_note_report_dup_document (progress);
  g_assert_cmpstr (care_fhir_get_string (document, "resourceType"), ==, "DocumentReference");
  g_assert_cmpstr (care_fhir_get_string (document, "id"), ==, "progress-note-1");
  g_assert_cmpstr (care_fhir_get_string (document, "date"), ==, "2026-04-02T10:15:00-04:00");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_first_coding (care_fhir_get_object (document, "type")), "code"),
                   ==, "11506-3");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (document, "author", 0), "display"),
                   ==, "Ana Okafor, MD");
  attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  g_assert_cmpstr (care_fhir_get_string (attachment, "contentType"), ==, "text/plain");
  g_assert_cmpstr (care_fhir_get_string (attachment, "data"), ==, "UHJvZ3Jlc3Mgbm90ZTogZG9pbmcgd2VsbC4=");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (
                     care_fhir_get_object (document, "context"), "encounter", 0), "reference"),
                   ==, "Encounter/visit-7");

  /* No effectiveDateTime: the period's start. */
  consult_document = care_note_report_dup_document (consult);
  g_assert_cmpstr (care_fhir_get_string (consult_document, "date"), ==, "2026-01-20T09:00:00Z");
}

static void
test_imaging (void)
{
  g_autoptr(JsonObject) study = load ("imagingstudy-ct.json");
  g_autofree char *summary = care_imaging_dup_summary (study);
  g_autoptr(GPtrArray) series = care_imaging_dup_series (study);

  g_assert_cmpstr (summary, ==, "CT scan · 2 series, 142 images");
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (series, 0), ==, "CT CHEST WITHOUT CONTRAST: 120 images");
  g_assert_cmpstr (g_ptr_array_index (series, 1), ==, "Lung window: 22 images");
  g_assert_null (care_imaging_modality_name ("ZZ"));
}

static GListModel *
query_all (CareCache  *cache,
           const char *type)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GError) error = NULL;
  GListModel *list;

  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  list = care_cache_query (cache, query, &error);
  g_assert_no_error (error);
  return list;
}

/* A study no report reads yet is found, in words; one a report reads
 * (even by an absolute URL) is not. */
static void
test_imaging_unreported (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *ct = load_text ("imagingstudy-ct.json");
  g_autoptr(GListModel) studies = NULL;
  g_autoptr(GListModel) reports = NULL;
  g_autoptr(GPtrArray) unreported = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bare_title = NULL;
  g_autofree char *bare_text = NULL;
  g_autoptr(JsonObject) bare = care_fhir_parse_resource ("{\"resourceType\":\"ImagingStudy\",\"id\":\"b\","
                                                         "\"status\":\"available\"}", -1, NULL);

  store (fixture->cache, ct);
  store (fixture->cache,
         "{\"resourceType\":\"ImagingStudy\",\"id\":\"mr-knee\",\"status\":\"available\","
         "\"started\":\"2026-03-01T10:00:00Z\",\"series\":[{\"uid\":\"1.2.3\","
         "\"modality\":{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"MR\"}}]}");
  store (fixture->cache,
         "{\"resourceType\":\"DiagnosticReport\",\"id\":\"mr-knee-report\",\"status\":\"final\","
         "\"code\":{\"text\":\"MRI of the knee\"},\"effectiveDateTime\":\"2026-03-01\","
         "\"imagingStudy\":[{\"reference\":\"https://fhir.example.org/r4/ImagingStudy/mr-knee\"}]}");

  studies = query_all (fixture->cache, "ImagingStudy");
  reports = query_all (fixture->cache, "DiagnosticReport");
  g_assert_cmpuint (g_list_model_get_n_items (studies), ==, 2);
  unreported = care_imaging_filter_unreported (studies, reports);
  g_assert_cmpuint (unreported->len, ==, 1);
  g_assert_cmpstr (care_fhir_get_string (unreported->pdata[0], "id"), ==, "ct-chest");
  title = care_imaging_dup_title (unreported->pdata[0]);
  g_assert_cmpstr (title, ==, "CT of the chest");
  text = care_imaging_dup_unreported_text (unreported->pdata[0]);
  g_assert_cmpstr (text, ==, "CT scan · 2 series, 142 images · No report yet");

  /* Without a report to read, every study is listed; with no study, nothing. */
  g_clear_pointer (&unreported, g_ptr_array_unref);
  unreported = care_imaging_filter_unreported (studies, NULL);
  g_assert_cmpuint (unreported->len, ==, 2);
  none = care_imaging_filter_unreported (NULL, reports);
  g_assert_cmpuint (none->len, ==, 0);

  /* Nothing but a status: still a title and a line. */
  bare_title = care_imaging_dup_title (bare);
  g_assert_cmpstr (bare_title, ==, "Imaging study");
  bare_text = care_imaging_dup_unreported_text (bare);
  g_assert_cmpstr (bare_text, ==, "No report yet");
}

/* Messages as conversations: replies (inResponseTo) and parts (partOf)
 * with their first message, oldest first; conversations newest first; a
 * reply to a message not in the record on its own. */
static void
test_message_threads (void)
{
  g_autoptr(JsonObject) bundle = load ("communications-threads.json");
  JsonArray *entries = care_fhir_get_array (bundle, "entry");
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  g_autoptr(GPtrArray) threads = NULL;
  CareMessageThread *thread;
  const char *order[] = { "c1", "c2", "c3" };

  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_ptr_array_add (messages, care_fhir_get_object (care_fhir_get_array_object (bundle, "entry", i), "resource"));
  threads = care_message_threads_group (messages);
  g_assert_cmpuint (threads->len, ==, 3);

  thread = g_ptr_array_index (threads, 0);
  g_assert_cmpstr (thread->id, ==, "c1");
  g_assert_cmpstr (thread->topic, ==, "Question about my A1c");
  g_assert_cmpuint (thread->messages->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (thread->messages, i), "id"), ==, order[i]);
  g_assert_true (care_message_is_from (g_ptr_array_index (thread->messages, 0), "Patient/adult"));
  g_assert_false (care_message_is_from (g_ptr_array_index (thread->messages, 1), "Patient/adult"));
  g_assert_true (care_message_is_from (g_ptr_array_index (thread->messages, 1), "Practitioner/okafor"));

  /* A reply dated only by when it was received still joins its question. */
  thread = g_ptr_array_index (threads, 1);
  g_assert_cmpstr (thread->id, ==, "c4");
  g_assert_cmpstr (thread->topic, ==, "Flu shots available");
  g_assert_cmpuint (thread->messages->len, ==, 2);
  g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (thread->messages, 1), "id"), ==, "c6");

  thread = g_ptr_array_index (threads, 2);
  g_assert_cmpstr (thread->id, ==, "c5");
  g_assert_null (thread->topic);
  g_assert_cmpuint (thread->messages->len, ==, 1);
  g_assert_false (care_message_is_from (g_ptr_array_index (thread->messages, 0), NULL));
}

/* A brother and a sister, each a person of their own, whose records
 * hold each other's Patient too (a shared message, a linked record), as
 * a family at one portal can: each one's wording reads their own Patient,
 * whichever of the two the cache lists first. */
static const char sister_patient[] =
  "{\"resourceType\":\"Patient\",\"id\":\"a-sister\",\"gender\":\"female\","
  "\"birthDate\":\"2020-03-02\",\"name\":[{\"use\":\"official\",\"family\":\"Reyes\","
  "\"given\":[\"Lucia\"]}]}";
static const char brother_patient[] =
  "{\"resourceType\":\"Patient\",\"id\":\"z-brother\",\"gender\":\"male\","
  "\"birthDate\":\"2018-06-01\",\"name\":[{\"use\":\"official\",\"family\":\"Reyes\","
  "\"given\":[\"Mateo\"]}]}";

static void
test_person_own_patient (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cache.sqlite", NULL);
  g_autoptr(CarePerson) son = care_person_new ("https://portal.example.org/fhir|z-brother", "Mateo",
                                               "2018-06-01", CARE_RELATIONSHIP_CHILD);
  g_autoptr(CarePerson) daughter = care_person_new ("https://portal.example.org/fhir|a-sister", "Lucia",
                                                    "2020-03-02", CARE_RELATIONSHIP_CHILD);
  g_autoptr(CarePerson) unknown = care_person_new ("elsewhere", "Someone", NULL, CARE_RELATIONSHIP_CHILD);
  g_autoptr(CareRecord) son_record = NULL;
  g_autoptr(CareRecord) daughter_record = NULL;
  g_autoptr(CareRecord) unsure = NULL;

  store (fixture->cache, sister_patient);
  store (fixture->cache, brother_patient);

  son_record = care_record_new (son, NULL, path);
  g_assert_cmpstr (care_person_get_gender (son), ==, "male");
  g_assert_cmpstr (care_person_get_relationship_text (son), ==, "Your son");
  g_assert_cmpstr (care_person_get_display_name (son), ==, "Mateo Reyes");

  daughter_record = care_record_new (daughter, NULL, path);
  g_assert_cmpstr (care_person_get_gender (daughter), ==, "female");
  g_assert_cmpstr (care_person_get_relationship_text (daughter), ==, "Your daughter");
  g_assert_cmpstr (care_person_get_display_name (daughter), ==, "Lucia Reyes");

  /* With no patient id to go by and two Patients, nothing is guessed. */
  unsure = care_record_new (unknown, NULL, path);
  g_assert_null (care_person_get_gender (unknown));
  g_assert_cmpstr (care_person_get_relationship_text (unknown), ==, "Your child");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/record-reads/provenance", Fixture, NULL, setup, test_provenance, teardown);
  g_test_add_func ("/care/record-reads/note-reports", test_note_reports);
  g_test_add_func ("/care/record-reads/imaging", test_imaging);
  g_test_add ("/care/record-reads/imaging-unreported", Fixture, NULL, setup, test_imaging_unreported, teardown);
  g_test_add_func ("/care/record-reads/message-threads", test_message_threads);
  g_test_add ("/care/record-reads/person-own-patient", Fixture, NULL, setup, test_person_own_patient,
              teardown);

  return g_test_run ();
}
