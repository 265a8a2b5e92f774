/* test-message-send.c — messages through the outbox when things go wrong:
 * every refusal of the portal in words, with the message kept, and a
 * sender killed while sending messages with attachments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-fhir.h"
#include "care-message-draft.h"
#include "care-message-recipients.h"
#include "care-message-thread.h"
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

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->tries = 2;
  fixture->replies_now = TRUE;
  care_test_portal_setup (fixture, data);
}

static CareOutboxDraft *
message_to (const char *recipient,
            const char *patient,
            const char *sender,
            const char *text,
            GPtrArray  *attachments)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  CareMessageFields fields = { 0 };
  CareOutboxDraft *draft;

  fields.patient = patient;
  fields.sender = sender;
  fields.recipient = recipient;
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.subject = "A question";
  fields.text = text;
  fields.language = "en";
  fields.when = now;
  draft = care_message_draft_new (&fields, attachments, &error);
  g_assert_no_error (error);
  return draft;
}

/* Queued, sent, refused: kept with what was written, and the portal's
 * reason in words (not a rule's code). */
static CareOutboxEntry *
assert_refused (Fixture         *fixture,
                CareOutboxDraft *draft,
                const char      *words)
{
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry = care_outbox_queue_draft (fixture->outbox, draft, &error);
  g_autofree char *text = care_message_dup_text (draft->resource);

  g_assert_no_error (error);
  care_test_portal_send (fixture, NULL);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
  if (strstr (care_outbox_entry_get_error (entry), words) == NULL)
    g_error ("“%s” does not say “%s”", care_outbox_entry_get_error (entry), words);
  g_assert_null (strstr (care_outbox_entry_get_error (entry), "recipient-not"));
  if (text != NULL)
    g_assert_nonnull (strstr (care_outbox_entry_get_json (entry), text));
  return entry;
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) text_file = g_bytes_new_static ("plain words", 11);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) stranger = NULL;
  g_autoptr(CareOutboxDraft) closed = NULL;
  g_autoptr(CareOutboxDraft) silent = NULL;
  g_autoptr(CareOutboxDraft) text_binary = NULL;
  g_autoptr(CareOutboxDraft) wrong_type = NULL;
  g_autoptr(GPtrArray) typed = g_ptr_array_new ();
  gpointer big;
  guint sent = 0;
  CareOutboxEntry *limited = NULL;

  /* Checked before anything is queued, in words. */
  g_assert_null (care_message_attachment_draft_new (PATIENT_REF, "notes.txt", "text/plain", text_file, &error));
  g_assert_nonnull (strstr (error->message, "Only pictures"));
  g_clear_error (&error);
  big = g_malloc0 (CARE_MESSAGE_MAX_ATTACHMENT_BYTES + 1);
  huge = g_bytes_new_take (big, CARE_MESSAGE_MAX_ATTACHMENT_BYTES + 1);
  g_assert_null (care_message_attachment_draft_new (PATIENT_REF, "scan.pdf", "application/pdf", huge, &error));
  g_assert_nonnull (strstr (error->message, "10 MB"));
  g_clear_error (&error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    CareMessageFields fields = { PATIENT_REF, NULL, "Practitioner/okafor", NULL,
                                 CARE_MESSAGE_KIND_MEDICAL_QUESTION, "Hi", " \n ", NULL, NULL, NULL, NULL, NULL,
                                 now };

    g_assert_null (care_message_draft_new (&fields, NULL, &error));
    g_assert_nonnull (strstr (error->message, "Write a message first."));
    g_clear_error (&error);
  }

  /* Refused by the portal: kept, with the reason. */
  stranger = message_to ("Practitioner/lindqvist", PATIENT_REF, NULL, "Is Mateo's doctor in today?", NULL);
  assert_refused (fixture, stranger, "care team");
  closed = message_to ("Practitioner/adeyemi", PATIENT_REF, NULL, "Are my glasses ready?", NULL);
  assert_refused (fixture, closed, "does not take messages");
  silent = message_to ("Practitioner/okafor", PATIENT_REF, NULL, "gone", NULL);
  json_array_remove_element (care_fhir_get_array (silent->resource, "payload"), 0);
  assert_refused (fixture, silent, "needs some text");

  /* A file a portal does not take, past the app's own check. */
  {
    g_autoptr(JsonObject) binary = json_object_new ();
    g_autofree char *data64 = g_base64_encode ((const guchar *)"plain words", 11);

    json_object_set_string_member (binary, "resourceType", "Binary");
    json_object_set_string_member (binary, "contentType", "text/plain");
    json_object_set_string_member (binary, "data", data64);
    {
      JsonObject *context = json_object_new ();

      json_object_set_string_member (context, "reference", PATIENT_REF);
      json_object_set_object_member (binary, "securityContext", context);
    }
    text_binary = care_outbox_draft_new (CARE_OUTBOX_CREATE, binary, "Attachment notes.txt");
    g_ptr_array_add (typed, text_binary);
    wrong_type = message_to ("Practitioner/okafor", PATIENT_REF, NULL, "My notes, attached.", typed);
    g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, text_binary, &error));
    assert_refused (fixture, wrong_type, "Only pictures");
  }

  /* An attachment the portal refuses: the message does not wait for it
   * forever, it is refused too, saying why. */
  {
    g_autoptr(JsonObject) binary = json_object_new ();
    g_autoptr(CareOutboxDraft) orphan = NULL;
    g_autoptr(CareOutboxDraft) waiting = NULL;
    g_autoptr(GPtrArray) files = g_ptr_array_new ();

    json_object_set_string_member (binary, "resourceType", "Binary");
    json_object_set_string_member (binary, "contentType", "image/png");
    json_object_set_string_member (binary, "data", "iVBORw0K");
    orphan = care_outbox_draft_new (CARE_OUTBOX_CREATE, binary, "Attachment x.png");
    g_ptr_array_add (files, orphan);
    waiting = message_to ("Practitioner/okafor", PATIENT_REF, NULL, "A picture without its patient.", files);
    g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, orphan, &error));
    assert_refused (fixture, waiting, "Not sent: an attachment it needs was refused.");
  }

  /* 20 a day: the next is refused at once (no retries until tomorrow),
   * saying so, and kept. */
  for (guint i = 0; i < 25 && limited == NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question number %u", i);
      g_autoptr(CareOutboxDraft) draft = message_to ("Practitioner/okafor", PATIENT_REF, NULL, text, NULL);
      CareOutboxEntry *entry = care_outbox_queue_draft (fixture->outbox, draft, &error);

      g_assert_no_error (error);
      care_test_portal_send (fixture, NULL);
      if (care_outbox_entry_get_state (entry) == CARE_OUTBOX_SENT)
        sent++;
      else
        limited = entry;
    }
  g_assert_nonnull (limited);
  g_assert_cmpint (care_outbox_entry_get_state (limited), ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (strstr (care_outbox_entry_get_error (limited), "20 messages a day"));
  g_assert_nonnull (strstr (care_outbox_entry_get_json (limited), "Question number"));
  g_assert_cmpuint (sent, <=, 20);
}

/* A parent writing for a teen (limited access): refused by the portal in
 * words, and not offered by the app. */
static void
test_refused_proxy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CareOutboxDraft) draft = NULL;

  g_free (fixture->token);
  fixture->token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, CARE_SANDBOX_DEMO_TEEN, WRITER, 3600,
                                                             CARE_SANDBOX_PROXY_PARENT);
  fixture->patient = CARE_SANDBOX_DEMO_TEEN;
  care_test_portal_reopen (fixture);
  draft = message_to ("Practitioner/moreno", "Patient/" CARE_SANDBOX_DEMO_TEEN, "RelatedPerson/child-mother",
                      "How is Lucía doing?", NULL);
  assert_refused (fixture, draft, "proxy may send messages only");
}

/* Messages with pictures, their sender killed while sending, again and
 * again: after a restart each Binary and each message is on the portal
 * once, each message pointing at its own picture, and the care team
 * answered each once. */
static void
test_killed_while_sending (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) binaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint killed = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Picture %u of the rash", i);
      g_autofree char *name = g_strdup_printf ("rash-%u.png", i);
      guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (guchar)i, 0xfe, 0x00, 0x7f };
      g_autoptr(GBytes) bytes = g_bytes_new (png, sizeof png);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
      g_autoptr(CareOutboxDraft) message = NULL;

      g_ptr_array_add (files, care_message_attachment_draft_new (PATIENT_REF, name, "image/png", bytes, &error));
      g_assert_no_error (error);
      message = message_to ("Practitioner/okafor", PATIENT_REF, NULL, text, files);
      g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, g_ptr_array_index (files, 0), &error));
      g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, message, &error));
      g_assert_no_error (error);
      g_ptr_array_add (binaries, g_strdup (((CareOutboxDraft *)g_ptr_array_index (files, 0))->client_id));
      g_ptr_array_add (messages, g_strdup (message->client_id));
    }

  for (guint point = 1; point <= 3; point++)
    killed += care_test_portal_kill_sender (fixture, 2);
  g_assert_cmpuint (killed, >=, 2);

  /* Carebook starts again: what is left goes, each once. */
  fixture->patient = CARE_SANDBOX_DEMO_ADULT;
  care_test_portal_reopen (fixture);
  care_test_portal_send (fixture, NULL);
  g_assert_cmpuint (care_outbox_get_n_waiting (fixture->outbox), ==, 0);
  for (guint i = 0; i < messages->len; i++)
    {
      CareOutboxEntry *message = care_outbox_lookup (fixture->outbox, messages->pdata[i]);
      CareOutboxEntry *binary = care_outbox_lookup (fixture->outbox, binaries->pdata[i]);
      g_autoptr(JsonObject) stored = NULL;
      g_autofree char *expected = NULL;

      g_assert_cmpint (care_outbox_entry_get_state (message), ==, CARE_OUTBOX_SENT);
      g_assert_cmpint (care_outbox_entry_get_state (binary), ==, CARE_OUTBOX_SENT);
      g_assert_cmpuint (care_test_portal_count_copies (fixture, "Binary", "_tag", binaries->pdata[i]), ==, 1);
      g_assert_cmpuint (care_test_portal_count_copies (fixture, "Communication", "identifier", messages->pdata[i]), ==, 1);
      stored = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Communication",
                                       care_outbox_entry_get_server_id (message));
      expected = g_strdup_printf ("Binary/%s", care_outbox_entry_get_server_id (binary));
      g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (care_fhir_get_array_object (stored, "payload", 1),
                                                                   "contentAttachment"), "url"), ==, expected);
    }

  /* One answer to each. */
  care_test_portal_sync (fixture);
  {
    g_autoptr(GPtrArray) all = care_message_dup_all (fixture->cache);
    g_autoptr(GPtrArray) threads = care_message_threads_group (all);

    for (guint i = 0; i < messages->len; i++)
      {
        const char *id = care_outbox_entry_get_server_id (care_outbox_lookup (fixture->outbox, messages->pdata[i]));
        gboolean found = FALSE;

        for (guint j = 0; j < threads->len; j++)
          {
            CareMessageThread *thread = g_ptr_array_index (threads, j);

            if (g_str_equal (thread->id, id))
              {
                g_assert_cmpuint (thread->messages->len, ==, 2);
                found = TRUE;
              }
          }
        g_assert_true (found);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, care_test_portal_teardown)
  ADD ("/care/messages/send/refusals", test_refusals);
  ADD ("/care/messages/send/refused-proxy", test_refused_proxy);
  ADD ("/care/messages/send/killed-while-sending", test_killed_while_sending);

  return g_test_run ();
}
