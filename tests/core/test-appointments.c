/* test-appointments.c — scheduling and managing visits, core against the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * find → hold → book → sync; a time taken between find and book; cancel
 * through the outbox and the 24-hour refusal; a reschedule that fails
 * keeps the old visit; the wait list's offer accepted; eCheck-in step by
 * step, queued offline and sent after a restart; the video visit's join
 * window; the .ics file read back.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "care-appointment.h"
#include "care-check-in.h"
#include "care-error.h"
#include "care-outbox.h"
#include "care-questionnaire-assignments.h"
#include "care-cache-query.h"
#include "care-resource-item.h"
#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"
#include "care-scheduling.h"
#include "care-sync-engine.h"
#include "care-sync-news.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-portal.h"

#define WRITER "launch/patient patient/*.cruds"

typedef CareTestPortal Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->token_seconds = 90 * 24 * 3600;
  care_test_portal_setup (fixture, data);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static GPtrArray *
find (Fixture    *fixture,
      const char *type,
      const char *practitioner)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  care_scheduling_find_async (fixture->outbox, type, practitioner, NULL, NULL, NULL, NULL, done_cb, &wait);
  found = care_scheduling_find_finish (fixture->outbox, wait_for (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 0);
  return found;
}

static JsonObject *
book (Fixture     *fixture,
      JsonObject  *proposal,
      JsonObject  *replacing,
      GError     **error)
{
  Wait wait = { 0 };
  JsonObject *booked;

  care_scheduling_book_async (fixture->outbox, proposal, replacing, "Check my A1c", NULL, done_cb, &wait);
  booked = care_scheduling_book_finish (fixture->outbox, wait_for (&wait), error);
  g_object_unref (wait.result);
  return booked;
}

static JsonObject *
cached (Fixture    *fixture,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *appointment = care_cache_lookup (fixture->cache, "Appointment", id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (appointment);
  return appointment;
}

static void
take_slot (Fixture    *fixture,
           const char *slot_id)
{
  CareSandboxStore *store = care_sandbox_get_store (fixture->sandbox);
  g_autoptr(JsonObject) slot = care_sandbox_store_get (store, "Slot", slot_id);
  g_autoptr(JsonObject) stored = NULL;

  json_object_set_string_member (slot, "status", "busy");
  stored = care_sandbox_store_put (store, slot, NULL);
  g_assert_nonnull (stored);
}

static CareOutboxEntry *
queue (Fixture         *fixture,
       CareOutboxDraft *draft)
{
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry = care_outbox_queue_draft (fixture->outbox, draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

static void
test_visit_types (Fixture       *fixture,
                  gconstpointer  data)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) types = NULL;
  const CareVisitType *type;

  care_scheduling_visit_types_async (fixture->outbox, NULL, done_cb, &wait);
  types = care_scheduling_visit_types_finish (fixture->outbox, wait_for (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (types->len, ==, 7);

  type = care_visit_type_match (types, "follow");
  g_assert_nonnull (type);
  g_assert_cmpstr (type->code, ==, "follow-up");
  g_assert_cmpint (type->minutes, ==, 20);
  type = care_visit_type_match (types, "VIDEO");
  g_assert_true (type->video);
  g_assert_cmpstr (care_visit_type_match (types, "annual-physical")->name, ==, "Annual physical");
  /* "visit" is in several names: no guess. */
  g_assert_null (care_visit_type_match (types, "visit"));
}

static void
test_find_hold_book_sync (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) found = find (fixture, "follow-up", "Practitioner/okafor");
  JsonObject *chosen = g_ptr_array_index (found, 0);
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) booked = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *who = NULL;

  care_scheduling_hold_async (fixture->outbox, chosen, NULL, done_cb, &wait);
  held = care_scheduling_hold_finish (fixture->outbox, wait_for (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  booked = book (fixture, chosen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (booked, "status"), ==, "booked");
  /* Online-only: nothing queued. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 0);

  care_test_portal_sync (fixture);
  stored = cached (fixture, json_object_get_string_member (booked, "id"));
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "booked");
  who = care_appointment_dup_actor (stored, "Practitioner", NULL);
  g_assert_cmpstr (who, ==, "Dr. Adaeze Okafor");
}

static void
test_taken_meanwhile (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) found = find (fixture, "follow-up", "Practitioner/okafor");
  JsonObject *chosen = g_ptr_array_index (found, 0);
  g_autofree char *taken = g_strdup (care_appointment_get_slot_id (chosen));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) booked = NULL;
  g_autoptr(GPtrArray) again = NULL;

  take_slot (fixture, taken);
  booked = book (fixture, chosen, NULL, &error);
  g_assert_null (booked);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "just took"));

  /* The nearest others are still there, without the one taken. */
  again = find (fixture, "follow-up", "Practitioner/okafor");
  g_assert_null (care_scheduling_find_proposal (again, taken));
  g_assert_nonnull (care_scheduling_find_proposal (again, care_appointment_get_slot_id (g_ptr_array_index (found, 1))));
}

static JsonObject *
book_and_sync (Fixture *fixture,
               guint    index)
{
  g_autoptr(GPtrArray) found = find (fixture, "follow-up", "Practitioner/okafor");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) booked = book (fixture, g_ptr_array_index (found, index), NULL, &error);

  g_assert_no_error (error);
  care_test_portal_sync (fixture);
  return cached (fixture, json_object_get_string_member (booked, "id"));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonObject) appointment = book_and_sync (fixture, 30);
  g_autoptr(CareOutboxDraft) draft = care_appointment_cancel_draft_new (appointment, "Feeling better");
  g_autoptr(JsonObject) after = NULL;

  queue (fixture, draft);

  /* The draft changed a copy, not what the view shows. */
  g_assert_cmpstr (json_object_get_string_member (appointment, "status"), ==, "booked");
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  care_test_portal_sync (fixture);
  after = cached (fixture, json_object_get_string_member (appointment, "id"));
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "cancelled");
}

static void
test_cancel_within_a_day (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) appointment = book_and_sync (fixture, 0);
  g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);
  g_autoptr(CareOutboxDraft) draft = care_appointment_cancel_draft_new (appointment, "Feeling better");
  CareOutboxEntry *entry = NULL;
  gint64 ahead = g_date_time_to_unix (start) - g_get_real_time () / G_USEC_PER_SEC;

  care_sandbox_advance_clock (fixture->sandbox, (int)(ahead - 23 * 3600));
  entry = queue (fixture, draft);
  care_test_portal_send_all (fixture);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), "(555) 010-2200"));
}

static void
test_reschedule_keeps_old (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) old = book_and_sync (fixture, 20);
  g_autoptr(GPtrArray) found = find (fixture, "follow-up", "Practitioner/okafor");
  JsonObject *first = g_ptr_array_index (found, 0);
  JsonObject *second = g_ptr_array_index (found, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) moved = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) now_booked = NULL;

  take_slot (fixture, care_appointment_get_slot_id (first));
  failed = book (fixture, first, old, &error);
  g_assert_null (failed);
  g_assert_nonnull (error);
  g_clear_error (&error);
  care_test_portal_sync (fixture);
  after = cached (fixture, json_object_get_string_member (old, "id"));
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "booked");

  moved = book (fixture, second, after, &error);
  g_assert_no_error (error);
  care_test_portal_sync (fixture);
  g_clear_pointer (&after, json_object_unref);
  after = cached (fixture, json_object_get_string_member (old, "id"));
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "cancelled");
  now_booked = cached (fixture, json_object_get_string_member (moved, "id"));
  g_assert_cmpstr (json_object_get_string_member (now_booked, "status"), ==, "booked");
}

static void
test_wait_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) appointment = book_and_sync (fixture, 40);
  g_autoptr(CareOutboxDraft) draft = care_appointment_wait_list_draft_new (appointment, TRUE);
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Appointment");
  g_autoptr(GListModel) all = NULL;
  g_autoptr(JsonObject) offer = NULL;
  g_autoptr(JsonObject) joined = NULL;
  g_autoptr(JsonObject) accepted = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) news = NULL;
  gboolean found_news = FALSE;

  queue (fixture, draft);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  g_assert_cmpuint (care_sandbox_open_wait_list_offers (fixture->sandbox), ==, 1);
  {
    g_autoptr(CareSyncReport) report = care_test_sync (fixture->engine, CARE_SYNC_DEFAULT, &error);

    g_assert_no_error (error);
    news = care_sync_news_compute (report, fixture->cache, CARE_SANDBOX_DEMO_ADULT);
  }
  joined = cached (fixture, json_object_get_string_member (appointment, "id"));
  g_assert_true (care_appointment_get_wait_list (joined));

  all = care_cache_query (fixture->cache, query, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all) && offer == NULL; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (all, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (care_appointment_is_offer (resource))
        offer = g_steal_pointer (&resource);
    }
  g_assert_nonnull (offer);
  g_assert_cmpstr (care_appointment_get_offer_for (offer), ==, json_object_get_string_member (appointment, "id"));
  /* The offer is news of its own: its notification opens it. */
  for (guint i = 0; i < news->len; i++)
    {
      CareSyncNews *item = g_ptr_array_index (news, i);

      if (item->kind == CARE_SYNC_NEWS_OFFERS)
        {
          g_assert_cmpuint (item->count, ==, 1);
          g_assert_cmpstr (item->id, ==, json_object_get_string_member (offer, "id"));
          found_news = TRUE;
        }
    }
  g_assert_true (found_news);
  {
    g_autoptr(GDateTime) expiry = care_appointment_dup_offer_expiry (offer);

    g_assert_nonnull (expiry);
  }

  accepted = book (fixture, offer, joined, &error);
  g_assert_no_error (error);
  care_test_portal_sync (fixture);
  old = cached (fixture, json_object_get_string_member (appointment, "id"));
  g_assert_cmpstr (json_object_get_string_member (old, "status"), ==, "cancelled");
}

static void
test_check_in_resumed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) video = cached (fixture, "appt-adult-video");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) after = NULL;
  guint needed = 0;

  g_assert_true (care_appointment_check_in_open (video, now));
  g_assert_cmpuint (care_appointment_check_in_steps (video, &needed), ==, 0);
  g_assert_false (needed & (1u << CARE_CHECK_IN_QUESTIONNAIRE));

  /* Ticked one by one, two of them before a restart... */
  for (guint step = 0; step < 2; step++)
    {
      g_autoptr(CareOutboxDraft) draft = care_appointment_check_in_draft_new (video, step, NULL);

      queue (fixture, draft);
    }
  care_test_portal_reopen (fixture);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 2);
  /* ...the rest after it. */
  for (guint step = 2; step < CARE_CHECK_IN_N_STEPS; step++)
    {
      g_autoptr(CareOutboxDraft) draft = NULL;

      if (step == CARE_CHECK_IN_QUESTIONNAIRE)
        continue;
      draft = care_appointment_check_in_draft_new (video, step, step == CARE_CHECK_IN_COPAY ? "at-clinic" : NULL);
      queue (fixture, draft);
    }
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 5);
  care_test_portal_sync (fixture);
  after = cached (fixture, "appt-adult-video");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "checked-in");
  g_assert_cmpuint (care_appointment_check_in_steps (after, NULL), ==, needed);
}

static void
answer (CareQuestionnaireForm *form,
        const char            *link_id,
        const char            *text)
{
  const char *texts[] = { text, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (care_questionnaire_form_set_text (form, care_questionnaire_form_find (form, link_id), texts, &error));
  g_assert_no_error (error);
}

/* Every step of a visit that asks for a questionnaire and a copay: the
 * answers and the steps wait in the outbox, show done before they are
 * sent and after a restart, and the portal checks the visit in. */
static void
test_check_in_every_step (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) physical = cached (fixture, "appt-adult-physical");
  g_autofree char *questionnaire_id = care_check_in_dup_questionnaire (physical);
  g_autofree char *copay = care_check_in_dup_copay (physical);
  g_autoptr(CareQuestionnaire) questionnaire = NULL;
  g_autoptr(CareQuestionnaireForm) form = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;
  guint early = (1u << CARE_CHECK_IN_DETAILS) | (1u << CARE_CHECK_IN_QUESTIONNAIRE);
  guint needed = 0;

  g_assert_cmpstr (questionnaire_id, ==, "pre-visit-history");
  g_assert_cmpstr (copay, ==, "$20.00");
  g_assert_true (care_appointment_check_in_open (physical, now));
  g_assert_cmpuint (care_check_in_done_steps (physical, fixture->cache, &needed), ==, 0);
  g_assert_cmpuint (needed, ==, (1u << CARE_CHECK_IN_N_STEPS) - 1);

  /* The form is in the offline copy; unanswered required items are refused. */
  questionnaire = care_questionnaire_load (fixture->cache, questionnaire_id, &error);
  g_assert_no_error (error);
  form = care_questionnaire_form_new (questionnaire);
  drafts = care_check_in_answers_drafts_new (physical, form, "Patient/adult", NULL, now, &error);
  g_assert_null (drafts);
  g_assert_nonnull (error);
  g_clear_error (&error);
  answer (form, "smoker", "no");
  answer (form, "alcohol", "never");
  answer (form, "surgeries", "no");
  drafts = care_check_in_answers_drafts_new (physical, form, "Patient/adult", NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  for (guint i = 0; i < drafts->len; i++)
    queue (fixture, g_ptr_array_index (drafts, i));
  {
    g_autoptr(CareOutboxDraft) draft = care_appointment_check_in_draft_new (physical, CARE_CHECK_IN_DETAILS, NULL);

    queue (fixture, draft);
  }
  g_assert_cmpuint (care_check_in_done_steps (physical, fixture->cache, NULL), ==, early);

  /* A restart: what was done is still there, and still shown done. */
  care_test_portal_reopen (fixture);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 3);
  g_assert_cmpuint (care_check_in_done_steps (physical, fixture->cache, NULL), ==, early);
  for (guint step = 0; step < CARE_CHECK_IN_N_STEPS; step++)
    {
      g_autoptr(CareOutboxDraft) draft = NULL;

      if (early & (1u << step))
        continue;
      draft = care_appointment_check_in_draft_new (physical, step, step == CARE_CHECK_IN_COPAY ? "at-clinic" : NULL);
      queue (fixture, draft);
    }
  g_assert_cmpuint (care_check_in_done_steps (physical, fixture->cache, NULL), ==, needed);

  /* The answers go first; the step that points at them follows. */
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 7);
  care_test_portal_sync (fixture);
  after = cached (fixture, "appt-adult-physical");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "checked-in");
  g_assert_cmpuint (care_appointment_check_in_steps (after, NULL), ==, needed);
  g_assert_cmpuint (care_check_in_done_steps (after, fixture->cache, NULL), ==, needed);
}

/* Sending while a send is under way (the app sends after each change and
 * after each sync) is refused in words, not a crash. */
static void
test_send_twice (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) video = cached (fixture, "appt-adult-video");
  g_autoptr(CareOutboxDraft) draft = care_appointment_check_in_draft_new (video, CARE_CHECK_IN_DETAILS, NULL);
  Wait first = { 0 };
  Wait second = { 0 };
  g_autoptr(GError) error = NULL;
  guint n = 99;

  queue (fixture, draft);
  care_outbox_send_async (fixture->outbox, NULL, done_cb, &first);
  care_outbox_send_async (fixture->outbox, NULL, done_cb, &second);
  g_assert_false (care_outbox_send_finish (fixture->outbox, wait_for (&second), &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_cmpuint (n, ==, 0);
  g_clear_error (&error);
  g_assert_true (care_outbox_send_finish (fixture->outbox, wait_for (&first), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_object_unref (first.result);
  g_object_unref (second.result);
}

/* Signs in again as a parent with proxy access to @patient, on a fresh cache. */
static void
become_parent_of (Fixture    *fixture,
                  const char *patient)
{
  g_autofree char *path = g_build_filename (fixture->dir, "parent.sqlite", NULL);

  g_free (fixture->token);
  fixture->token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, patient, WRITER, 3600,
                                                             CARE_SANDBOX_PROXY_PARENT);
  fixture->patient = patient;
  g_free (fixture->path);
  fixture->path = g_steal_pointer (&path);
  care_test_portal_reopen (fixture);
  care_test_portal_sync (fixture);
}

static GPtrArray *
visit_types (Fixture *fixture)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *types;

  care_scheduling_visit_types_async (fixture->outbox, NULL, done_cb, &wait);
  types = care_scheduling_visit_types_finish (fixture->outbox, wait_for (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  return types;
}

/* A parent is not offered a teen's confidential visit types, and the
 * teen's confidential visits never reach the parent's copy. */
static void
test_proxy_teen (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(JsonObject) private_visit = NULL;
  g_autoptr(JsonObject) other_visit = NULL;

  become_parent_of (fixture, CARE_SANDBOX_DEMO_TEEN);
  types = visit_types (fixture);
  g_assert_cmpuint (types->len, >, 0);
  g_assert_null (care_visit_type_match (types, "confidential"));
  for (guint i = 0; i < types->len; i++)
    g_assert_false (((CareVisitType *)g_ptr_array_index (types, i))->confidential);
  private_visit = care_cache_lookup (fixture->cache, "Appointment", "appt-teen-private", NULL);
  g_assert_null (private_visit);
  other_visit = care_cache_lookup (fixture->cache, "Appointment", "appt-teen-next", NULL);
  g_assert_nonnull (other_visit);
}

/* A parent books for a young child: the child's clinicians, and the
 * visit is the child's. */
static void
test_proxy_child (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) booked = NULL;
  g_autoptr(JsonObject) synced = NULL;
  g_autoptr(GError) error = NULL;

  become_parent_of (fixture, CARE_SANDBOX_DEMO_CHILD);
  found = find (fixture, "flu-shot", NULL);
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *with = NULL;
      g_autofree char *name = care_appointment_dup_actor (g_ptr_array_index (found, i), "Practitioner", &with);

      g_assert_cmpstr (with, !=, "Practitioner/okafor");
    }
  booked = book (fixture, g_ptr_array_index (found, 0), NULL, &error);
  g_assert_no_error (error);
  care_test_portal_sync (fixture);
  synced = cached (fixture, json_object_get_string_member (booked, "id"));
  g_assert_cmpstr (json_object_get_string_member (synced, "status"), ==, "booked");
  {
    g_autofree char *reference = NULL;
    g_autofree char *display = care_appointment_dup_actor (synced, "Patient", &reference);

    g_assert_cmpstr (reference, ==, "Patient/child");
  }
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_dup_object (json_parser_get_root (parser));
}

static void
test_join_window (void)
{
  g_autoptr(JsonObject) video = parse (
    "{\"resourceType\":\"Appointment\",\"id\":\"v\",\"status\":\"booked\","
    "\"start\":\"2026-03-10T15:00:00-07:00\",\"end\":\"2026-03-10T15:20:00-07:00\","
    "\"extension\":[{\"url\":\"" CARE_APPOINTMENT_EXT_VIRTUAL "\",\"extension\":["
    "{\"url\":\"addressUrl\",\"valueUrl\":\"https://video.example.org/v/1\"}]}]}");
  g_autoptr(JsonObject) plain = parse (
    "{\"resourceType\":\"Appointment\",\"id\":\"p\",\"status\":\"booked\","
    "\"start\":\"2026-03-10T15:00:00-07:00\",\"end\":\"2026-03-10T15:20:00-07:00\","
    "\"extension\":[{\"url\":\"" CARE_APPOINTMENT_EXT_VIRTUAL "\",\"extension\":["
    "{\"url\":\"addressUrl\",\"valueUrl\":\"http://video.example.org/v/1\"}]}]}");
  g_autoptr(GDateTime) early = g_date_time_new_from_iso8601 ("2026-03-10T14:29:00-07:00", NULL);
  g_autoptr(GDateTime) opens = g_date_time_new_from_iso8601 ("2026-03-10T14:30:00-07:00", NULL);
  g_autoptr(GDateTime) during = g_date_time_new_from_iso8601 ("2026-03-10T15:10:00-07:00", NULL);
  g_autoptr(GDateTime) over = g_date_time_new_from_iso8601 ("2026-03-10T15:20:00-07:00", NULL);
  g_autofree char *url = care_appointment_dup_join_url (video);

  g_assert_cmpstr (url, ==, "https://video.example.org/v/1");
  g_assert_false (care_appointment_can_join (video, early));
  g_assert_true (care_appointment_can_join (video, opens));
  g_assert_true (care_appointment_can_join (video, during));
  g_assert_false (care_appointment_can_join (video, over));
  /* Not https: never opened. */
  g_assert_null (care_appointment_dup_join_url (plain));
  g_assert_false (care_appointment_can_join (plain, during));
  json_object_set_string_member (video, "status", "cancelled");
  g_assert_false (care_appointment_can_join (video, during));
}

static void
test_ics (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(JsonObject) appointment = cached (fixture, "appt-adult-video");
  g_autoptr(JsonObject) location = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox),
                                                           "Location", "riverside-main");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = care_appointment_to_ics (appointment, location, &error);
  g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);
  icalcomponent *calendar;
  icalcomponent *event;
  icalproperty *dtstart;
  struct icaltimetype when;

  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (event);
  dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER)), ==,
                   "America/Los_Angeles");
  when = icalcomponent_get_dtstart (event);
  g_assert_cmpint (icaltime_as_timet_with_zone (when, icaltimezone_get_builtin_timezone ("America/Los_Angeles")),
                   ==, g_date_time_to_unix (start));
  g_assert_cmpint (when.hour, ==, 15);
  g_assert_nonnull (strstr (icalcomponent_get_location (event), "200 River Road"));
  g_assert_cmpstr (icalproperty_get_url (icalcomponent_get_first_property (event, ICAL_URL_PROPERTY)), ==,
                   "https://video.riverside.example.org/v/adult-video");
  icalcomponent_free (calendar);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, care_test_portal_teardown)
  ADD ("/care/appointments/visit-types", test_visit_types);
  ADD ("/care/appointments/find-hold-book-sync", test_find_hold_book_sync);
  ADD ("/care/appointments/taken-meanwhile", test_taken_meanwhile);
  ADD ("/care/appointments/cancel", test_cancel);
  ADD ("/care/appointments/cancel-within-a-day", test_cancel_within_a_day);
  ADD ("/care/appointments/reschedule-keeps-old", test_reschedule_keeps_old);
  ADD ("/care/appointments/wait-list", test_wait_list);
  ADD ("/care/appointments/check-in-resumed", test_check_in_resumed);
  ADD ("/care/appointments/check-in-every-step", test_check_in_every_step);
  ADD ("/care/appointments/proxy-teen", test_proxy_teen);
  ADD ("/care/appointments/proxy-child", test_proxy_child);
  ADD ("/care/appointments/ics", test_ics);
  ADD ("/care/appointments/send-twice", test_send_twice);
#undef ADD
  g_test_add_func ("/care/appointments/join-window", test_join_window);

  return g_test_run ();
}
