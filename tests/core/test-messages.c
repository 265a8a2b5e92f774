/* test-messages.c — messages to the care team: builders, threads, and the
 * whole way through the outbox to the sandbox and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-message-draft.h"
#include "care-message-read.h"
#include "care-message-recipients.h"
#include "care-message-thread.h"
#include "care-outbox.h"
#include "care-resource-item.h"
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

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = care_fhir_parse_resource (json, -1, &error);

  g_assert_no_error (error);
  return object;
}

static GDateTime *
noon (void)
{
  return g_date_time_new_utc (2026, 11, 20, 12, 0, 0);
}

/* Builders, without a portal. */

static void
test_kinds (void)
{
  CareMessageKind kind;
  g_autoptr(JsonObject) message = parse ("{\"resourceType\":\"Communication\",\"category\":[{\"coding\":[{"
                                         "\"system\":\"" CARE_MESSAGE_KIND_SYSTEM "\",\"code\":\"letter-request\"}]}]}");
  g_autoptr(JsonObject) call = parse ("{\"resourceType\":\"Communication\",\"medium\":[{\"coding\":[{"
                                      "\"code\":\"PHONE\"}]}]}");

  for (guint i = 0; i < CARE_MESSAGE_N_KINDS; i++)
    {
      g_assert_true (care_message_kind_from_code (care_message_kind_to_code (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (care_message_kind_get_title (i));
    }
  g_assert_false (care_message_kind_from_code ("gossip", &kind));
  g_assert_cmpint (care_message_get_kind (message), ==, CARE_MESSAGE_KIND_LETTER);
  g_assert_cmpint (care_message_get_kind (call), ==, CARE_MESSAGE_KIND_OTHER);
  g_assert_true (care_message_is_call (call));
  g_assert_false (care_message_is_call (message));
}

static void
test_draft (void)
{
  g_autoptr(GDateTime) when = noon ();
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  CareMessageFields fields = { 0 };
  JsonObject *resource;
  JsonObject *attachment;

  fields.patient = PATIENT_REF;
  fields.recipient = "Practitioner/okafor";
  fields.recipient_name = "Dr. Adaeze Okafor";
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.subject = "A rash";
  fields.text = "It itches.";
  fields.language = "en";
  fields.when = when;

  for (guint i = 0; i < 2; i++)
    {
      CareOutboxDraft *file = care_message_attachment_draft_new (PATIENT_REF, i == 0 ? "arm.png" : "leg.png",
                                                                 "image/png", png, &error);

      g_assert_no_error (error);
      g_ptr_array_add (files, file);
    }
  draft = care_message_draft_new (&fields, files, &error);
  g_assert_no_error (error);
  resource = draft->resource;
  g_assert_cmpstr (care_fhir_get_string (resource, "resourceType"), ==, "Communication");
  g_assert_cmpint (care_message_get_kind (resource), ==, CARE_MESSAGE_KIND_MEDICAL_QUESTION);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (resource, "topic"), "text"), ==, "A rash");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (resource, "sender"), "reference"), ==, PATIENT_REF);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (resource, "recipient", 0), "reference"), ==,
                   "Practitioner/okafor");
  g_assert_cmpstr (care_fhir_get_string (resource, "language"), ==, "en");
  g_assert_cmpstr (draft->summary, ==, "Message to Dr. Adaeze Okafor: A rash");

  /* The files go first, each waiting for the one before; the message
   * waits for the last and points at each. */
  first = care_outbox_draft_dup_reference (g_ptr_array_index (files, 0));
  second = care_outbox_draft_dup_reference (g_ptr_array_index (files, 1));
  g_assert_null (((CareOutboxDraft *)g_ptr_array_index (files, 0))->depends_on);
  g_assert_cmpstr (((CareOutboxDraft *)g_ptr_array_index (files, 1))->depends_on, ==,
                   ((CareOutboxDraft *)g_ptr_array_index (files, 0))->client_id);
  g_assert_cmpstr (draft->depends_on, ==, ((CareOutboxDraft *)g_ptr_array_index (files, 1))->client_id);
  attachment = care_fhir_get_object (care_fhir_get_array_object (resource, "payload", 1), "contentAttachment");
  g_assert_cmpstr (care_fhir_get_string (attachment, "url"), ==, first);
  g_assert_cmpstr (care_fhir_get_string (attachment, "title"), ==, "arm.png");
  g_assert_cmpint (json_object_get_int_member (attachment, "size"), ==, 8);
  attachment = care_fhir_get_object (care_fhir_get_array_object (resource, "payload", 2), "contentAttachment");
  g_assert_cmpstr (care_fhir_get_string (attachment, "url"), ==, second);
  /* The Binary carries only what FHIR knows. */
  g_assert_false (json_object_has_member (((CareOutboxDraft *)g_ptr_array_index (files, 0))->resource, "_title"));
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (((CareOutboxDraft *)g_ptr_array_index (files, 0))->resource,
                                                               "securityContext"), "reference"), ==, PATIENT_REF);
}

static void
test_draft_refused (void)
{
  g_autoptr(GDateTime) when = noon ();
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  g_autoptr(GError) error = NULL;
  CareOutboxDraft *draft;
  CareMessageFields fields = { 0 };

  fields.patient = PATIENT_REF;
  fields.recipient = "Practitioner/okafor";
  fields.text = "  \n ";
  fields.when = when;
  g_assert_null (care_message_draft_new (&fields, NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD);
  g_clear_error (&error);

  fields.text = "Hello";
  fields.recipient = NULL;
  g_assert_null (care_message_draft_new (&fields, NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD);
  g_clear_error (&error);

  fields.recipient = "Practitioner/okafor";
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (files, care_message_attachment_draft_new (PATIENT_REF, "a.png", "image/png", png, NULL));
  g_assert_null (care_message_draft_new (&fields, files, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
  g_clear_error (&error);

  draft = care_message_attachment_draft_new (PATIENT_REF, "notes.txt", "text/plain", text, &error);
  g_assert_null (draft);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_true (care_message_check_attachment ("application/pdf", 10 * 1024 * 1024, NULL));
  g_assert_false (care_message_check_attachment ("application/pdf", 10 * 1024 * 1024 + 1, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (care_message_check_attachment ("image/png", 0, &error));
  g_clear_error (&error);

  g_assert_null (care_message_letter_draft_new (PATIENT_REF, NULL, "Practitioner/okafor", NULL, "party", "Hi",
                                                NULL, when, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED);
}

static void
test_reply_draft (void)
{
  g_autoptr(GDateTime) when = noon ();
  g_autoptr(JsonObject) answered = parse (
    "{\"resourceType\":\"Communication\",\"id\":\"m2\",\"category\":[{\"coding\":[{\"system\":\""
    CARE_MESSAGE_KIND_SYSTEM "\",\"code\":\"customer-service\"}]}],\"topic\":{\"text\":\"My bill\"},"
    "\"sender\":{\"reference\":\"Organization/riverside-service\",\"display\":\"Customer Service\"},"
    "\"recipient\":[{\"reference\":\"Patient/adult\"}],\"partOf\":[{\"reference\":\"Communication/m1\"}],"
    "\"inResponseTo\":[{\"reference\":\"Communication/m1\"}]}");
  g_autoptr(CareOutboxDraft) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *resource;

  reply = care_message_reply_draft_new (PATIENT_REF, NULL, answered, "Thanks!", "en", when, NULL, &error);
  g_assert_no_error (error);
  resource = reply->resource;
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (resource, "recipient", 0), "reference"), ==,
                   "Organization/riverside-service");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (resource, "partOf", 0), "reference"), ==,
                   "Communication/m1");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (resource, "inResponseTo", 0), "reference"),
                   ==, "Communication/m2");
  g_assert_cmpint (care_message_get_kind (resource), ==, CARE_MESSAGE_KIND_CUSTOMER_SERVICE);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (resource, "topic"), "text"), ==, "My bill");
}

static void
test_threads (void)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) threads = NULL;
  CareMessageThread *thread;

  /* Out of order, one reply naming only what it answers, one call. */
  g_ptr_array_add (messages, parse ("{\"resourceType\":\"Communication\",\"id\":\"b2\",\"sent\":\"2026-11-03T10:00:00Z\","
                                    "\"sender\":{\"reference\":\"Practitioner/okafor\"},"
                                    "\"inResponseTo\":[{\"reference\":\"Communication/b1\"}],"
                                    "\"payload\":[{\"contentString\":\"Take paracetamol.\"}]}"));
  g_ptr_array_add (messages, parse ("{\"resourceType\":\"Communication\",\"id\":\"a1\",\"sent\":\"2026-11-01T10:00:00Z\","
                                    "\"topic\":{\"text\":\"Old question\"},\"sender\":{\"reference\":\"Patient/adult\"},"
                                    "\"payload\":[{\"contentString\":\"Hello\"}]}"));
  g_ptr_array_add (messages, parse ("{\"resourceType\":\"Communication\",\"id\":\"b1\",\"sent\":\"2026-11-02T10:00:00Z\","
                                    "\"topic\":{\"text\":\"Knee pain\"},\"sender\":{\"reference\":\"Patient/adult\"},"
                                    "\"payload\":[{\"contentString\":\"My knee hurts\"},{\"contentAttachment\":"
                                    "{\"contentType\":\"image/png\",\"title\":\"swollen-knee.png\"}}]}"));
  g_ptr_array_add (messages, parse ("{\"resourceType\":\"Communication\",\"id\":\"b3\",\"sent\":\"2026-11-04T10:00:00Z\","
                                    "\"sender\":{\"reference\":\"Patient/adult\"},"
                                    "\"partOf\":[{\"reference\":\"Communication/b2\"}],"
                                    "\"payload\":[{\"contentString\":\"Thanks\"}]}"));
  g_ptr_array_add (messages, parse ("{\"resourceType\":\"Communication\",\"id\":\"c1\",\"sent\":\"2026-10-01T10:00:00Z\","
                                    "\"received\":\"2026-10-01T10:00:00Z\",\"topic\":{\"text\":\"Lab call\"},"
                                    "\"medium\":[{\"coding\":[{\"code\":\"PHONE\"}]}],"
                                    "\"sender\":{\"reference\":\"Practitioner/moreno\"}}"));

  threads = care_message_threads_group (messages);
  g_assert_cmpuint (threads->len, ==, 3);
  thread = g_ptr_array_index (threads, 0);
  g_assert_cmpstr (thread->id, ==, "b1");
  g_assert_cmpstr (thread->topic, ==, "Knee pain");
  g_assert_cmpuint (thread->messages->len, ==, 3);
  g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (thread->messages, 0), "id"), ==, "b1");
  g_assert_cmpstr (care_fhir_get_string (g_ptr_array_index (thread->messages, 2), "id"), ==, "b3");
  g_assert_cmpuint (care_message_thread_count_unread (thread), ==, 1);
  g_assert_cmpstr (care_fhir_get_string (care_message_thread_get_last_from_care_team (thread), "id"), ==, "b2");
  g_assert_true (care_message_thread_matches (thread, "KNEE paracetamol"));
  g_assert_true (care_message_thread_matches (thread, "swollen-knee"));
  g_assert_false (care_message_thread_matches (thread, "ibuprofen"));
  g_assert_cmpstr (((CareMessageThread *)g_ptr_array_index (threads, 1))->id, ==, "a1");
  thread = g_ptr_array_index (threads, 2);
  g_assert_true (care_message_thread_is_call (thread));
  g_assert_cmpuint (care_message_thread_count_unread (thread), ==, 0);
}

/* Against the sandbox. */

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->tries = 2;
  fixture->replies_now = TRUE;
  care_test_portal_setup (fixture, data);
}

static GPtrArray *
threads_in_cache (Fixture *fixture)
{
  g_autoptr(GPtrArray) messages = care_message_dup_all (fixture->cache);

  return care_message_threads_group (messages);
}

static CareMessageThread *
find_thread (GPtrArray  *threads,
             const char *id)
{
  for (guint i = 0; i < threads->len; i++)
    if (g_str_equal (((CareMessageThread *)g_ptr_array_index (threads, i))->id, id))
      return g_ptr_array_index (threads, i);
  return NULL;
}

static void
test_recipients (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) recipients = care_message_recipients_dup (fixture->cache);
  g_autoptr(GError) error = NULL;
  CareMessageRecipient *found;
  gboolean okafor = FALSE, service = FALSE, adeyemi = FALSE;

  for (guint i = 0; i < recipients->len; i++)
    {
      CareMessageRecipient *recipient = g_ptr_array_index (recipients, i);

      okafor |= g_str_equal (recipient->reference, "Practitioner/okafor");
      service |= g_str_equal (recipient->reference, "Organization/riverside-service");
      adeyemi |= g_str_equal (recipient->reference, "Practitioner/adeyemi");
    }
  g_assert_true (okafor);
  g_assert_true (service);
  /* On the care team, but takes no portal messages. */
  g_assert_false (adeyemi);
  /* Recently written to first: Maria last wrote to Dr. Okafor. */
  g_assert_cmpstr (((CareMessageRecipient *)g_ptr_array_index (recipients, 0))->reference, ==,
                   "Practitioner/okafor");

  found = care_message_recipients_find (recipients, "okafor", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->reference, ==, "Practitioner/okafor");
  found = care_message_recipients_find (recipients, "customer", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->reference, ==, "Organization/riverside-service");
  g_assert_null (care_message_recipients_find (recipients, "a", &error));
  g_assert_nonnull (strstr (error->message, "Customer Service"));
  g_clear_error (&error);
  g_assert_null (care_message_recipients_find (recipients, "Dr. House", &error));
  g_assert_nonnull (strstr (error->message, "Paula Moreno"));
}

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  char     *content_type;
  GError   *error;
} FetchWait;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->bytes = care_sync_engine_fetch_attachment_finish (CARE_SYNC_ENGINE (source), result, &wait->content_type,
                                                          &wait->error);
  wait->done = TRUE;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  static const guchar bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 0xff, 0xfe };
  g_autoptr(GBytes) png = g_bytes_new_static (bytes, sizeof bytes);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) binary = NULL;
  g_autofree guchar *back = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *server_id = NULL;
  gsize back_length = 0;
  CareMessageFields fields = { 0 };
  CareMessageThread *thread;
  CareOutboxEntry *entry;
  JsonObject *attachment;

  g_ptr_array_add (files, care_message_attachment_draft_new (PATIENT_REF, "rash.png", "image/png", png, &error));
  g_assert_no_error (error);
  fields.patient = PATIENT_REF;
  fields.recipient = "Practitioner/okafor";
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.subject = "A rash on my arm";
  fields.text = "Here is a picture of the rash.";
  fields.language = "en";
  fields.when = now;
  draft = care_message_draft_new (&fields, files, &error);
  g_assert_no_error (error);

  /* Offline: it waits, and survives a restart. The attachment is an R4
   * Binary: its outbox id is a tag, not an identifier it cannot have. */
  entry = care_outbox_queue_draft (fixture->outbox, g_ptr_array_index (files, 0), &error);
  g_assert_nonnull (entry);
  g_assert_null (strstr (care_outbox_entry_get_json (entry), "identifier"));
  g_assert_nonnull (strstr (care_outbox_entry_get_json (entry), "\"tag\":[{\"system\":\"urn:carebook:outbox\""));
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  message_id = g_strdup (care_outbox_entry_get_id (entry));
  fixture->base = "http://127.0.0.1:9/fhir";
  care_test_portal_reopen (fixture);
  care_test_portal_send (fixture, NULL);
  entry = care_outbox_lookup (fixture->outbox, message_id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_PENDING);
  g_assert_cmpuint (care_test_portal_count_copies (fixture, "Communication", "identifier", message_id), ==, 0);

  /* Back online: sent once, attachment first. */
  fixture->base = NULL;
  care_test_portal_reopen (fixture);
  g_assert_cmpuint (care_test_portal_send (fixture, &error), ==, 2);
  g_assert_no_error (error);
  entry = care_outbox_lookup (fixture->outbox, message_id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  server_id = g_strdup (care_outbox_entry_get_server_id (entry));
  g_assert_cmpuint (care_test_portal_send (fixture, &error), ==, 0);
  g_assert_cmpuint (care_test_portal_count_copies (fixture, "Communication", "identifier", message_id), ==, 1);

  /* The clinician answered; the sync brings it into the thread. */
  care_test_portal_sync (fixture);
  threads = threads_in_cache (fixture);
  thread = find_thread (threads, server_id);
  g_assert_nonnull (thread);
  g_assert_cmpuint (thread->messages->len, ==, 2);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (g_ptr_array_index (thread->messages, 1), "sender"),
                                         "reference"), ==, "Practitioner/okafor");
  g_assert_cmpuint (care_message_thread_count_unread (thread), ==, 1);
  /* Newest first. */
  g_assert_true (g_ptr_array_index (threads, 0) == thread);

  /* The attachment, byte for byte. */
  attachment = care_fhir_get_object (care_fhir_get_array_object (g_ptr_array_index (thread->messages, 0),
                                                                 "payload", 1), "contentAttachment");
  g_assert_true (g_str_has_prefix (care_fhir_get_string (attachment, "url"), "Binary/"));
  binary = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Binary",
                                   care_fhir_get_string (attachment, "url") + strlen ("Binary/"));
  g_assert_nonnull (binary);
  back = g_base64_decode (json_object_get_string_member (binary, "data"), &back_length);
  g_assert_cmpmem (back, back_length, bytes, sizeof bytes);
  /* And as the app opens it: fetched from the portal, byte for byte. */
  {
    FetchWait wait = { 0 };

    care_sync_engine_fetch_attachment_async (fixture->engine, attachment, NULL, fetched_cb, &wait);
    while (!wait.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (wait.error);
    g_assert_cmpstr (wait.content_type, ==, "image/png");
    g_assert_cmpmem (g_bytes_get_data (wait.bytes, NULL), g_bytes_get_size (wait.bytes), bytes, sizeof bytes);
    g_bytes_unref (wait.bytes);
    g_free (wait.content_type);
  }

  /* A reply in place goes to the same thread. */
  {
    g_autoptr(CareOutboxDraft) reply = NULL;
    g_autoptr(GPtrArray) again = NULL;

    reply = care_message_reply_draft_new (PATIENT_REF, NULL, care_message_thread_get_last_from_care_team (thread),
                                          "Thank you!", "en", now, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, reply, &error));
    g_assert_cmpuint (care_test_portal_send (fixture, &error), ==, 1);
    care_test_portal_sync (fixture);
    again = threads_in_cache (fixture);
    /* The reply, and the clinician's answer to it. */
    thread = find_thread (again, server_id);
    g_assert_nonnull (thread);
    g_assert_cmpuint (thread->messages->len, ==, 4);
  }
}

/* Opening a conversation marks the care team's answer read: here at once,
 * on the portal once sent; the portal keeps everything else as it was. */
static void
test_mark_read (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(CareOutboxDraft) edit = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *answer_id = NULL;
  CareMessageFields fields = { 0 };
  CareMessageThread *thread;
  CareOutboxEntry *entry;
  guint unread_before;

  unread_before = care_message_count_unread (fixture->cache);
  fields.patient = PATIENT_REF;
  fields.recipient = "Practitioner/okafor";
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.subject = "Dizzy in the morning";
  fields.text = "Should I take the pill with breakfast?";
  fields.language = "en";
  fields.when = now;
  draft = care_message_draft_new (&fields, NULL, &error);
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_test_portal_send (fixture, &error), ==, 1);
  server_id = g_strdup (care_outbox_entry_get_server_id (entry));
  care_test_portal_sync (fixture);
  g_assert_cmpuint (care_message_count_unread (fixture->cache), ==, unread_before + 1);

  messages = care_message_dup_all_read (fixture->cache);
  threads = care_message_threads_group (messages);
  thread = find_thread (threads, server_id);
  g_assert_nonnull (thread);
  g_assert_cmpuint (care_message_thread_count_unread (thread), ==, 1);
  answer_id = g_strdup (care_fhir_get_string (g_ptr_array_index (thread->messages, 1), "id"));

  /* Here at once, even before anything is sent. */
  g_assert_cmpuint (care_message_thread_mark_read (fixture->cache, fixture->outbox, thread, now, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (care_message_count_unread (fixture->cache), ==, unread_before);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 1);

  /* On the portal: `received` is set, and the next sync agrees. */
  g_assert_cmpuint (care_test_portal_send (fixture, &error), ==, 1);
  g_assert_no_error (error);
  answer = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Communication", answer_id);
  g_assert_nonnull (care_fhir_get_string (answer, "received"));
  g_assert_nonnull (care_message_dup_text (answer));
  care_test_portal_sync (fixture);
  g_assert_cmpuint (care_message_count_unread (fixture->cache), ==, unread_before);
  {
    g_autoptr(JsonObject) cached = care_cache_lookup (fixture->cache, "Communication", answer_id, NULL);
    g_autoptr(GPtrArray) again = care_message_dup_all_read (fixture->cache);
    g_autoptr(GPtrArray) threads_again = care_message_threads_group (again);

    g_assert_nonnull (care_fhir_get_string (cached, "received"));
    /* Nothing left to mark, nothing more to send. */
    g_assert_cmpuint (care_message_thread_mark_read (fixture->cache, fixture->outbox,
                                                     find_thread (threads_again, server_id), now, &error), ==, 0);
    g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 0);

    /* A message is not rewritten after it was sent: only its read mark. */
    json_array_remove_element (care_fhir_get_array (cached, "payload"), 0);
    {
      JsonObject *part = json_object_new ();

      json_object_set_string_member (part, "contentString", "Take two.");
      json_array_add_object_element (care_fhir_get_array (cached, "payload"), part);
    }
    edit = care_outbox_draft_new_update (cached, "Edit");
    entry = care_outbox_queue_draft (fixture->outbox, edit, &error);
    g_assert_no_error (error);
    care_test_portal_send (fixture, NULL);
    g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
    g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), "cannot be changed"));
  }
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  CareMessageFields fields = { 0 };
  CareOutboxEntry *entry;

  fields.patient = PATIENT_REF;
  fields.recipient = "Practitioner/adeyemi";
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.text = "Are my new glasses ready?";
  fields.when = now;
  draft = care_message_draft_new (&fields, NULL, &error);
  g_assert_no_error (error);
  entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_assert_no_error (error);
  care_test_portal_send (fixture, NULL);
  /* Kept, with the portal's words, for the user to fix. */
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), "does not take messages"));
  g_assert_nonnull (strstr (care_outbox_entry_get_json (entry), "Are my new glasses ready?"));
}

static void
test_renewal_and_letter (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) request = care_cache_lookup (fixture->cache, "MedicationRequest", "adult-metformin", NULL);
  g_autoptr(CareOutboxDraft) renewal = NULL;
  g_autoptr(CareOutboxDraft) letter = NULL;
  g_autoptr(GListModel) requests = NULL;
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(CareCacheQuery) query = NULL;
  g_autoptr(CareCacheQuery) documents_query = NULL;
  g_autoptr(GError) error = NULL;
  gboolean renewed = FALSE;
  gboolean got_letter = FALSE;
  CarePharmacy pharmacy = { (char *)"Organization/pharmacy-main", (char *)"Main Street Pharmacy", NULL, 0 };

  g_assert_nonnull (request);
  renewal = care_message_renewal_draft_new (PATIENT_REF, NULL, request, "Metformin 1000 mg", &pharmacy,
                                            "I have 5 days left.", "en", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (care_message_get_kind (renewal->resource), ==, CARE_MESSAGE_KIND_RENEWAL);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (renewal->resource, "about", 0), "reference"),
                   ==, "MedicationRequest/adult-metformin");
  letter = care_message_letter_draft_new (PATIENT_REF, NULL, "Practitioner/okafor", "Dr. Adaeze Okafor", "school",
                                          "My son missed school on Friday.", "en", now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, renewal, &error));
  g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, letter, &error));
  g_assert_cmpuint (care_test_portal_send (fixture, &error), ==, 2);
  care_test_portal_sync (fixture);

  query = care_cache_query_new ("MedicationRequest");
  requests = care_cache_query (fixture->cache, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (requests, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      renewed |= g_strcmp0 (care_fhir_get_string (care_fhir_get_object (resource, "priorPrescription"), "reference"),
                            "MedicationRequest/adult-metformin") == 0;
    }
  g_assert_true (renewed);

  documents_query = care_cache_query_new ("DocumentReference");
  documents = care_cache_query (fixture->cache, documents_query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (documents, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);
      JsonObject *attachment = care_fhir_get_object (care_fhir_get_array_object (resource, "content", 0), "attachment");

      got_letter |= g_strcmp0 (care_fhir_get_string (attachment, "title"), "Letter for school") == 0 &&
                    g_strcmp0 (care_fhir_get_string (attachment, "contentType"), "application/pdf") == 0;
    }
  g_assert_true (got_letter);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/messages/kinds", test_kinds);
  g_test_add_func ("/care/messages/draft/new", test_draft);
  g_test_add_func ("/care/messages/draft/refused", test_draft_refused);
  g_test_add_func ("/care/messages/draft/reply", test_reply_draft);
  g_test_add_func ("/care/messages/threads", test_threads);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, care_test_portal_teardown)
  ADD ("/care/messages/recipients", test_recipients);
  ADD ("/care/messages/round-trip", test_round_trip);
  ADD ("/care/messages/mark-read", test_mark_read);
  ADD ("/care/messages/refused", test_refused);
  ADD ("/care/messages/renewal-and-letter", test_renewal_and_letter);

  return g_test_run ();
}
