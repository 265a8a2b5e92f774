/* test-readings-sandbox.c — home readings through the outbox to the sandbox and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-fhir.h"
#include "care-json.h"
#include "care-outbox.h"
#include "care-reading-requests.h"
#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-portal.h"

#define WRITER "launch/patient patient/*.cruds"
#define PATIENT_REF "Patient/" CARE_SANDBOX_DEMO_ADULT

typedef CareTestPortal Fixture;

/* The JSON the portal holds for the Observation it created for @client_id. */
static char *
dup_on_server (Fixture    *fixture,
               const char *client_id)
{
  CareSandboxStore *store = care_sandbox_get_store (fixture->sandbox);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *token = g_strdup_printf ("%s|%s", CARE_OUTBOX_IDENTIFIER_SYSTEM, client_id);
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CareSandboxSearch search = { 0 };

  g_hash_table_insert (params, (gpointer)"identifier", token);
  search.type = "Observation";
  search.patient = CARE_SANDBOX_DEMO_ADULT;
  search.params = params;
  search.count = 10;
  page = care_sandbox_store_search (store, &search, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->resources->len, <=, 1);
  return page->resources->len == 1 ? g_strdup (page->resources->pdata[0]) : NULL;
}

static CareOutboxEntry *
queue_reading (Fixture         *fixture,
               CareReadingKind  kind,
               const char      *value,
               const char      *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) reading = care_reading_parse (kind, value, unit, "en_US", NULL, &error);
  g_autoptr(CareOutboxDraft) draft = NULL;
  CareOutboxEntry *entry;

  g_assert_no_error (error);
  draft = care_reading_draft_new (reading, PATIENT_REF, &error);
  g_assert_no_error (error);
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  return entry;
}

/* The clinic's requests and Maria's own readings, from the seed. */
static void
test_requests_and_entries (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = care_reading_requests_list (fixture->cache, &error);
  g_autoptr(GPtrArray) entries = NULL;
  CareReadingRequest *request;
  guint n_bp = 0, n_weight = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 3);
  request = requests->pdata[0];
  g_assert_cmpint (request->kind, ==, CARE_READING_BLOOD_PRESSURE);
  g_assert_cmpstr (request->id, ==, "CarePlan/adult-home-readings#0");
  g_assert_cmpstr (request->frequency, ==, "Twice a day");
  g_assert_cmpstr (request->requester, ==, "Dr. Adaeze Okafor");
  g_assert_nonnull (strstr (request->description, "morning and the evening"));
  request = requests->pdata[1];
  g_assert_cmpint (request->kind, ==, CARE_READING_WEIGHT);
  g_assert_cmpstr (request->frequency, ==, "Once a week");
  request = requests->pdata[2];
  g_assert_cmpint (request->kind, ==, CARE_READING_GLUCOSE);
  g_assert_cmpstr (request->frequency, ==, "Once a day");

  entries = care_reading_entries_list (fixture->cache, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      CareReadingEntry *entry = entries->pdata[i];

      g_assert_false (entry->waiting);
      n_bp += entry->reading->kind == CARE_READING_BLOOD_PRESSURE;
      n_weight += entry->reading->kind == CARE_READING_WEIGHT;
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (((CareReadingEntry *)entries->pdata[i - 1])->reading->time,
                                              entry->reading->time), >=, 0);
    }
  /* The clinic's own blood pressures are not the patient's. */
  g_assert_cmpuint (n_bp, ==, 7);
  g_assert_cmpuint (n_weight, ==, 2);
  g_assert_cmpfloat (((CareReadingEntry *)entries->pdata[0])->reading->value, ==, 134);
}

/* Queued, corrected while waiting, sent once, then found by a sync. */
static void
test_create_correct_send (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CareReading) corrected = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  CareOutboxEntry *entry = queue_reading (fixture, CARE_READING_BLOOD_PRESSURE, "138/92", NULL);
  CareReadingEntry *first;

  id = g_strdup (care_outbox_entry_get_id (entry));
  entries = care_reading_entries_list (fixture->cache, &error);
  g_assert_no_error (error);
  first = entries->pdata[0];
  g_assert_true (first->waiting);
  g_assert_cmpstr (first->id, ==, id);
  g_assert_cmpfloat (first->reading->value, ==, 138);

  /* A slip of the finger, corrected before it leaves. */
  corrected = care_reading_parse (CARE_READING_BLOOD_PRESSURE, "128/82", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  corrected->arm = CARE_READING_ARM_RIGHT;
  draft = care_reading_draft_new (corrected, PATIENT_REF, &error);
  g_assert_no_error (error);
  g_assert_true (care_outbox_replace (fixture->outbox, entry, draft, &error));
  g_assert_no_error (error);
  entry = care_outbox_lookup (fixture->outbox, id);
  g_assert_cmpstr (care_outbox_entry_get_summary (entry), ==, "Blood Pressure 128/82 mmHg");
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_PENDING);

  care_test_portal_send (fixture, NULL);
  entry = care_outbox_lookup (fixture->outbox, id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  stored = dup_on_server (fixture, id);
  g_assert_nonnull (stored);
  g_assert_nonnull (strstr (stored, "\"value\":128,"));
  g_assert_null (strstr (stored, "\"value\":138,"));
  g_assert_nonnull (strstr (stored, "\"code\":\"368209003\""));
  g_assert_nonnull (strstr (stored, "\"performer\":[{\"reference\":\"Patient/adult\"}]"));

  /* Sent, it cannot be changed here any more. */
  g_assert_false (care_outbox_replace (fixture->outbox, entry, draft, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  /* After a sync it is in the offline copy, the portal's id, once. */
  care_test_portal_sync (fixture);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = care_reading_entries_list (fixture->cache, &error);
  g_assert_no_error (error);
  first = entries->pdata[0];
  g_assert_false (first->waiting);
  g_assert_cmpstr (first->id, ==, care_outbox_entry_get_server_id (entry));
  g_assert_cmpfloat (first->reading->value, ==, 128);
  g_assert_cmpuint (entries->len, ==, 10);
}

static void
test_withdraw (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *id = NULL;
  CareOutboxEntry *entry = queue_reading (fixture, CARE_READING_WEIGHT, "179.5", "lb");

  id = g_strdup (care_outbox_entry_get_id (entry));
  g_assert_true (care_outbox_discard (fixture->outbox, entry, &error));
  g_assert_no_error (error);
  entries = care_reading_entries_list (fixture->cache, &error);
  g_assert_cmpuint (entries->len, ==, 9);
  care_test_portal_send (fixture, NULL);
  g_assert_null (dup_on_server (fixture, id));
}

/* The decimal goes as typed, all the way to the portal. */
static void
test_decimal_on_the_wire (Fixture       *fixture,
                          gconstpointer  data)
{
  CareOutboxEntry *entry = queue_reading (fixture, CARE_READING_WEIGHT, "81.4", "kg");
  g_autofree char *id = g_strdup (care_outbox_entry_get_id (entry));
  g_autofree char *stored = NULL;

  g_assert_nonnull (strstr (care_outbox_entry_get_json (entry), "\"value\":81.4,"));
  care_test_portal_send (fixture, NULL);
  stored = dup_on_server (fixture, id);
  g_assert_nonnull (stored);
  g_assert_nonnull (strstr (stored, "\"value\":81.4,"));
  g_assert_nonnull (strstr (stored, "\"code\":\"29463-7\""));
}

/* What the portal refuses, with its words, and a refused reading fixed. */
static void
test_portal_rules (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct { const char *from, *to, *words; } cases[] = {
    { "\"performer\":[{\"reference\":\"Patient/adult\"}]", "\"performer\":[{\"reference\":\"Practitioner/okafor\"}]",
      "A reading’s performer is the patient" },
    { "\"code\":\"vital-signs\"", "\"code\":\"imaging\"", "A reading needs a category" },
    { "\"system\":\"http://loinc.org\",\"code\":\"29463-7\"", "\"system\":\"urn:x\",\"code\":\"29463-7\"",
      "A reading needs a LOINC code" },
    { "\"status\":\"final\"", "\"status\":\"registered\"", "A reading’s status is final" },
    { "\"value\":81,", "\"value\":900,",
      "Weight: 900 kg is higher than is possible (at most 450 kg). Check the number and the unit." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CareReading) reading = care_reading_new (CARE_READING_WEIGHT, 81, CARE_UNIT_KILOGRAM, NULL);
      g_autoptr(JsonObject) observation = care_reading_to_observation (reading, PATIENT_REF);
      g_autofree char *json = care_json_object_to_string (observation);
      g_auto(GStrv) parts = g_strsplit (json, cases[i].from, -1);
      g_autofree char *changed = g_strjoinv (cases[i].to, parts);
      g_autoptr(JsonObject) bad = care_fhir_parse_resource (changed, -1, NULL);
      g_autoptr(CareOutboxDraft) draft = care_outbox_draft_new (CARE_OUTBOX_CREATE, bad, "bad");
      g_autoptr(CareOutboxDraft) fixed = care_reading_draft_new (reading, PATIENT_REF, NULL);
      g_autofree char *id = NULL;
      CareOutboxEntry *entry;

      g_test_message ("%s", cases[i].words);
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
      g_assert_no_error (error);
      id = g_strdup (care_outbox_entry_get_id (entry));
      care_test_portal_send (fixture, NULL);
      entry = care_outbox_lookup (fixture->outbox, id);
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
      g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), cases[i].words));
      g_assert_null (dup_on_server (fixture, id));

      /* Corrected, it waits again and goes. */
      g_assert_true (care_outbox_replace (fixture->outbox, entry, fixed, &error));
      g_assert_no_error (error);
      entry = care_outbox_lookup (fixture->outbox, id);
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_PENDING);
      g_assert_null (care_outbox_entry_get_error (entry));
      care_test_portal_send (fixture, NULL);
      entry = care_outbox_lookup (fixture->outbox, id);
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, care_test_portal_setup, fn, care_test_portal_teardown)
  ADD ("/care/readings/sandbox/requests-and-entries", test_requests_and_entries);
  ADD ("/care/readings/sandbox/create-correct-send", test_create_correct_send);
  ADD ("/care/readings/sandbox/withdraw", test_withdraw);
  ADD ("/care/readings/sandbox/decimal-on-the-wire", test_decimal_on_the_wire);
  ADD ("/care/readings/sandbox/portal-rules", test_portal_rules);

  return g_test_run ();
}
