/* test-outbox.c — CareOutbox: every kind of write, against the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "care-allergy-draft.h"
#include "care-error.h"
#include "care-outbox.h"
#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-kill.h"
#include "care-test-portal.h"

#define WRITER "launch/patient patient/*.cruds"
#define PATIENT_REF "Patient/" CARE_SANDBOX_DEMO_ADULT

typedef CareTestPortal Fixture;

/* A copy of its own (json_node_copy() shares objects). */
static JsonObject *
deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *json = json_to_string (node, FALSE);

  return care_fhir_parse_resource (json, -1, NULL);
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = care_fhir_parse_resource (json, -1, &error);

  g_assert_no_error (error);
  return object;
}

/* How many resources of @type the portal holds with @client_id as the
 * outbox identifier. */
static void
test_create_once (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CareOutboxDraft) draft = care_allergy_draft_new (PATIENT_REF, NULL, "Peanuts", "Hives", "severe", now);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  CareOutboxEntry *entry;

  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  id = g_strdup (care_outbox_entry_get_id (entry));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 1);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_PENDING);
  g_assert_cmpint (care_outbox_entry_get_kind (entry), ==, CARE_OUTBOX_CREATE);
  g_assert_cmpstr (care_outbox_entry_get_summary (entry), ==, "Allergy to Peanuts");
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 1);

  /* It survives a restart. */
  care_test_portal_reopen (fixture);
  entry = care_outbox_lookup (fixture->outbox, id);
  g_assert_nonnull (entry);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 1);

  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  g_assert_nonnull (care_outbox_entry_get_server_id (entry));
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 0);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
  g_assert_cmpuint (care_test_portal_count_copies (fixture, "AllergyIntolerance", "identifier", id), ==, 1);
}

static void
test_update_conflict (Fixture       *fixture,
                      gconstpointer  data)
{
  CareSandboxStore *store = care_sandbox_get_store (fixture->sandbox);
  g_autoptr(JsonObject) seed = parse ("{\"resourceType\":\"Goal\",\"lifecycleStatus\":\"active\","
                                      "\"description\":{\"text\":\"Walk 20 minutes a day\"},"
                                      "\"subject\":{\"reference\":\"" PATIENT_REF "\"}}");
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) now_there = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry;
  const char *id;

  /* The user saw version 1 ... */
  seen = care_sandbox_store_put (store, seed, &error);
  g_assert_no_error (error);
  id = json_object_get_string_member (seen, "id");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (seen, "meta"), "versionId"),
                   ==, "1");
  /* ... the care team changed it at the portal ... */
  theirs = deep_copy (seen);
  json_object_set_string_member (json_object_get_object_member (theirs, "description"), "text",
                                 "Walk 30 minutes a day");
  {
    g_autoptr(JsonObject) stored = care_sandbox_store_put (store, theirs, &error);

    g_assert_no_error (error);
  }
  /* ... and the user, offline, marked it done. */
  mine = deep_copy (seen);
  json_object_set_string_member (mine, "lifecycleStatus", "completed");
  draft = care_outbox_draft_new_update (mine, "Goal done");
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->version, ==, "1");
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_outbox_entry_get_kind (entry), ==, CARE_OUTBOX_UPDATE);

  /* 412: a conflict holding both versions, never an overwrite. */
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_CONFLICT);
  g_assert_nonnull (care_outbox_entry_get_error (entry));
  g_assert_nonnull (strstr (care_outbox_entry_get_theirs (entry), "Walk 30 minutes a day"));
  g_assert_nonnull (strstr (care_outbox_entry_get_json (entry), "completed"));
  /* What each version says, for the choice. */
  {
    g_auto(GStrv) lines = care_outbox_entry_dup_conflict_lines (entry);

    g_assert_cmpuint (g_strv_length (lines), ==, 2);
    g_assert_cmpstr (lines[0], ==, "Whether it is done: yours “completed”, at your portal “active”");
    g_assert_cmpstr (lines[1], ==, "Goal: yours “Walk 20 minutes a day”, at your portal "
                                   "“Walk 30 minutes a day”");
  }
  now_there = care_sandbox_store_get (store, "Goal", id);
  g_assert_cmpstr (json_object_get_string_member (now_there, "lifecycleStatus"), ==, "active");
  g_clear_pointer (&now_there, json_object_unref);

  /* The user keeps theirs: sent against the portal's version 2. */
  g_assert_true (care_outbox_keep_mine (fixture->outbox, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_PENDING);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  now_there = care_sandbox_store_get (store, "Goal", id);
  g_assert_cmpstr (json_object_get_string_member (now_there, "lifecycleStatus"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (now_there, "meta"), "versionId"),
                   ==, "3");
}

static void
test_operation (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) parameters = parse (
    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"appointment\",\"resource\":"
    "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"start\":\"2031-02-03T09:00:00Z\","
    "\"end\":\"2031-02-03T09:30:00Z\",\"participant\":[{\"actor\":{\"reference\":\"" PATIENT_REF "\"},"
    "\"status\":\"accepted\"}]}}]}");
  g_autoptr(CareOutboxDraft) draft = care_outbox_draft_new_operation ("Appointment", "$book", parameters,
                                                                      "Visit on 3 February");
  g_autoptr(JsonObject) booked = NULL;
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry;

  g_assert_cmpstr (draft->target, ==, "Appointment/$book");
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_outbox_entry_get_kind (entry), ==, CARE_OUTBOX_OPERATION);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  booked = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Appointment",
                                   care_outbox_entry_get_server_id (entry));
  g_assert_nonnull (booked);
  g_assert_cmpstr (json_object_get_string_member (booked, "status"), ==, "booked");

  /* An operation the portal does not know is refused, with its words. */
  {
    g_autoptr(CareOutboxDraft) unknown = care_outbox_draft_new_operation ("Appointment", "$teleport", parameters,
                                                                          "Nowhere");

    entry = care_outbox_queue_draft (fixture->outbox, unknown, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
    g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
    g_assert_cmpstr (care_outbox_entry_get_error (entry), ==, "This operation is not supported");
  }
}

static CareOutboxDraft *
message_draft (const char *text,
               const char *attachment_reference)
{
  g_autoptr(JsonObject) message = parse ("{\"resourceType\":\"Communication\",\"status\":\"in-progress\","
                                         "\"subject\":{\"reference\":\"" PATIENT_REF "\"},"
                                         "\"recipient\":[{\"reference\":\"Practitioner/okafor\"}]}");
  JsonArray *payload = json_array_new ();
  JsonObject *part = json_object_new ();

  json_object_set_string_member (part, "contentString", text);
  json_array_add_object_element (payload, part);
  if (attachment_reference != NULL)
    {
      JsonObject *reference = json_object_new ();

      part = json_object_new ();
      json_object_set_string_member (reference, "reference", attachment_reference);
      json_object_set_object_member (part, "contentReference", reference);
      json_array_add_object_element (payload, part);
    }
  json_object_set_array_member (message, "payload", payload);
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, message, text);
}

static void
test_dependency (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) document = parse (
    "{\"resourceType\":\"DocumentReference\",\"status\":\"current\","
    "\"subject\":{\"reference\":\"" PATIENT_REF "\"},"
    "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"UmFzaCBwaG90byBub3Rlcw==\"}}]}");
  g_autoptr(CareOutboxDraft) first = care_outbox_draft_new (CARE_OUTBOX_CREATE, document, "Photo of the rash");
  g_autofree char *placeholder = care_outbox_draft_dup_reference (first);
  g_autoptr(CareOutboxDraft) second = message_draft ("Here is the rash I mentioned", placeholder);
  g_autoptr(JsonObject) sent = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *doc_entry;
  CareOutboxEntry *message_entry;
  JsonObject *reference;

  care_outbox_draft_depend_on (second, first);
  /* Queued in the wrong order: the message waits for its attachment. */
  message_entry = care_outbox_queue_draft (fixture->outbox, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
  g_assert_cmpint (care_outbox_entry_get_state (message_entry), ==, CARE_OUTBOX_PENDING);

  doc_entry = care_outbox_queue_draft (fixture->outbox, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  g_assert_cmpint (care_outbox_entry_get_state (doc_entry), ==, CARE_OUTBOX_SENT);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  g_assert_cmpint (care_outbox_entry_get_state (message_entry), ==, CARE_OUTBOX_SENT);

  /* The message points at what the server made of the document. */
  sent = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Communication",
                                 care_outbox_entry_get_server_id (message_entry));
  g_assert_nonnull (sent);
  reference = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (sent, "payload"), 1), "contentReference");
  expected = g_strdup_printf ("DocumentReference/%s", care_outbox_entry_get_server_id (doc_entry));
  g_assert_cmpstr (json_object_get_string_member (reference, "reference"), ==, expected);
}

static void
ran_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  JsonObject **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = care_outbox_run_now_finish (CARE_OUTBOX (source), result, &error);
  if (*out == NULL)
    *out = json_object_new ();
  if (error != NULL)
    json_object_set_string_member (*out, "error", error->message);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_online_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *marker = g_strdup_printf ("card-4111-%s", g_uuid_string_random ());
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(CareOutboxDraft) draft = message_draft (marker, NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(CareSyncState) state = care_sync_state_new ();
  g_autoptr(CarePortalClient) nowhere = NULL;
  g_autoptr(CareSyncEngine) offline = NULL;
  g_autoptr(CareOutbox) offline_outbox = NULL;

  care_outbox_run_now_async (fixture->outbox, "POST", "Communication", draft->resource, NULL, ran_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (json_object_has_member (answer, "error"));
  g_assert_nonnull (json_object_get_string_member (answer, "id"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 0);

  /* No byte of it in the cache file or its write-ahead log. */
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (fixture->path, marker));
  g_assert_false (file_contains (wal, marker));
  g_assert_false (file_contains (fixture->path, "card-4111"));
  g_assert_false (file_contains (wal, "card-4111"));
  g_clear_pointer (&answer, json_object_unref);

  /* Offline: refused at once, in words. */
  care_sync_state_set_online (state, FALSE);
  nowhere = care_portal_client_new (care_sandbox_get_fhir_base (fixture->sandbox), NULL);
  offline = care_sync_engine_new (fixture->cache, nowhere, CARE_SANDBOX_DEMO_ADULT, state);
  offline_outbox = care_outbox_new (fixture->cache, offline);
  care_outbox_run_now_async (offline_outbox, "POST", "Communication", draft->resource, NULL, ran_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (json_object_get_string_member (answer, "error"), ==, "You’re offline");
  g_assert_false (file_contains (fixture->path, "card-4111"));
  g_assert_false (file_contains (wal, "card-4111"));
}

/* A conflict names the fields a patient changes in words, down to the
 * one that differs, never as FHIR paths ("reaction.severity"). */
static void
test_conflict_words (void)
{
  static const char mine[] =
    "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a\",\"meta\":{\"versionId\":\"1\"},"
    "\"code\":{\"text\":\"Peanuts\"},\"reaction\":[{\"manifestation\":[{\"text\":\"Hives\"}],"
    "\"severity\":\"severe\"}],\"extension\":[{\"url\":\"x\",\"valueString\":\"1\"}]}";
  static const char theirs[] =
    "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a\",\"meta\":{\"versionId\":\"2\"},"
    "\"code\":{\"text\":\"Peanuts\"},\"reaction\":[{\"manifestation\":[{\"text\":\"Hives\"}],"
    "\"severity\":\"mild\"}],\"criticality\":\"high\"}";
  g_auto(GStrv) lines = care_outbox_dup_conflict_lines (mine, theirs);

  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "How bad it was: yours “severe”, at your portal “mild”");
  g_assert_cmpstr (lines[1], ==, "Risk: yours “nothing”, at your portal “high”");
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_null (strstr (lines[i], "reaction"));
}

/* ---- Writes that are not safe to repeat, after an ambiguous failure ---- */

static const char *ambiguous_faults[] = { "write-error=1,times=1", "write-drop=1,times=1" };

/* How many resources of @type the adult has at the portal. */
static guint
count_all (Fixture    *fixture,
           const char *type)
{
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CareSandboxSearch search = { 0 };

  search.type = type;
  search.patient = CARE_SANDBOX_DEMO_ADULT;
  search.count = 1000;
  page = care_sandbox_store_search (care_sandbox_get_store (fixture->sandbox), &search, &error);
  g_assert_no_error (error);
  return page->resources->len;
}

static CareOutboxDraft *
booking_draft (void)
{
  g_autoptr(JsonObject) parameters = parse (
    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"appointment\",\"resource\":"
    "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"start\":\"2031-02-03T09:00:00Z\","
    "\"end\":\"2031-02-03T09:30:00Z\",\"participant\":[{\"actor\":{\"reference\":\"" PATIENT_REF "\"},"
    "\"status\":\"accepted\"}]}}]}");

  return care_outbox_draft_new_operation ("Appointment", "$book", parameters, "Visit on 3 February");
}

/* A create whose answer was lost (a 500 or a dropped connection after the
 * portal made it) is sent again with its If-None-Exist, and the portal
 * holds it once. */
static void
test_create_after_ambiguous (Fixture       *fixture,
                             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (ambiguous_faults); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(CareOutboxDraft) draft = care_allergy_draft_new (PATIENT_REF, NULL, "Sesame", NULL, NULL, now);
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      CareOutboxEntry *entry;

      entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
      g_assert_no_error (error);
      id = g_strdup (care_outbox_entry_get_id (entry));
      g_assert_true (care_sandbox_set_faults (fixture->sandbox, ambiguous_faults[i], &error));
      g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
      g_assert_cmpuint (care_test_portal_count_copies (fixture, "AllergyIntolerance", "identifier", id), ==, 1);
      g_assert_true (care_sandbox_set_faults (fixture->sandbox, "", NULL));
    }
}

/* An operation is never sent again by itself once it may have arrived:
 * it waits for the user to check, with words, and the portal booked one. */
static void
test_operation_after_ambiguous (Fixture       *fixture,
                                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (ambiguous_faults); i++)
    {
      g_autoptr(CareOutboxDraft) draft = booking_draft ();
      g_autoptr(GError) error = NULL;
      guint before = count_all (fixture, "Appointment");
      g_autofree char *id = NULL;
      CareOutboxEntry *entry;

      entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
      g_assert_no_error (error);
      id = g_strdup (care_outbox_entry_get_id (entry));
      g_assert_true (care_sandbox_set_faults (fixture->sandbox, ambiguous_faults[i], &error));
      g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_CHECK);
      g_assert_cmpstr (care_outbox_state_to_string (CARE_OUTBOX_CHECK), ==, "check");
      g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), "Check in your portal"));
      g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 0);
      g_assert_cmpuint (count_all (fixture, "Appointment"), ==, before + 1);

      /* Sending again, or after a restart, does not send it. */
      g_assert_true (care_sandbox_set_faults (fixture->sandbox, "", NULL));
      g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
      care_test_portal_reopen (fixture);
      g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
      g_assert_cmpuint (count_all (fixture, "Appointment"), ==, before + 1);
      entry = care_outbox_lookup (fixture->outbox, id);
      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_CHECK);

      /* Checked in the portal and not there: the user sends it again. */
      g_assert_true (care_outbox_retry (fixture->outbox, entry, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
      g_assert_cmpuint (count_all (fixture, "Appointment"), ==, before + 2);
    }
}

/* An operation left on its way when Carebook stopped (its attempt counted,
 * no answer) is checked, not sent again. One that never left (offline) is
 * sent once the portal is back. */
static void
test_operation_unanswered (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CareOutboxDraft) draft = booking_draft ();
  g_autoptr(CareOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_all (fixture, "Appointment");
  g_autofree char *id = NULL;
  CareOutboxEntry *entry;

  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  id = g_strdup (care_outbox_entry_get_id (entry));
  item = care_cache_outbox_lookup (fixture->cache, id);
  g_assert_true (care_cache_outbox_mark_attempt (fixture->cache, item->serial, &error));
  care_test_portal_reopen (fixture);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 0);
  entry = care_outbox_lookup (fixture->outbox, id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_CHECK);
  g_assert_cmpuint (count_all (fixture, "Appointment"), ==, before);
}

/* An online-only POST (a payment) is not repeated after a 500 that came
 * after the portal acted: the caller hears it may have gone through. */
static void
test_run_now_after_ambiguous (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CareOutboxDraft) draft = message_draft ("Paying my bill", NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_all (fixture, "Communication");

  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "write-error=1,times=1", &error));
  care_outbox_run_now_async (fixture->outbox, "POST", "Communication", draft->resource, NULL, ran_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (json_object_get_string_member (answer, "error"), ==,
                   "Carebook could not tell whether your health system received this.");
  g_assert_cmpuint (count_all (fixture, "Communication"), ==, before + 1);
}

/* A process sending the outbox is killed mid-send, again and again; the
 * next one sends what is left, and the portal holds each item once. */
static void
test_killed_mid_send (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint killed = 0;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u", i);
      g_autoptr(CareOutboxDraft) draft = message_draft (text, NULL);

      g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, draft, &error));
      g_assert_no_error (error);
      g_ptr_array_add (ids, g_strdup (draft->client_id));
    }

  for (guint point = 1; point <= 3; point++)
    killed += care_test_portal_kill_sender (fixture, 2);
  g_assert_cmpuint (killed, >=, 2);

  /* What the killed senders left is still there, and goes now. */
  care_outbox_reload (fixture->outbox);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 8);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), >, 0);
  care_test_portal_send_all (fixture);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      CareOutboxEntry *entry = care_outbox_lookup (fixture->outbox, ids->pdata[i]);

      g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
      g_assert_cmpuint (care_test_portal_count_copies (fixture, "Communication", "identifier", ids->pdata[i]), ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, care_test_portal_setup, fn, care_test_portal_teardown)
  ADD ("/outbox/create-once", test_create_once);
  ADD ("/outbox/update-conflict", test_update_conflict);
  ADD ("/outbox/operation", test_operation);
  ADD ("/outbox/dependency", test_dependency);
  ADD ("/outbox/online-only", test_online_only);
  ADD ("/outbox/killed-mid-send", test_killed_mid_send);
  g_test_add_func ("/outbox/conflict-words", test_conflict_words);
  ADD ("/outbox/create-after-ambiguous", test_create_after_ambiguous);
  ADD ("/outbox/operation-after-ambiguous", test_operation_after_ambiguous);
  ADD ("/outbox/operation-unanswered", test_operation_unanswered);
  ADD ("/outbox/run-now-after-ambiguous", test_run_now_after_ambiguous);

  return g_test_run ();
}
