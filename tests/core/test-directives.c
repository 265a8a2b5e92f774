/* test-directives.c — end-of-life planning: a signed directive (a 10 MB PDF),
 * a health care agent, the portal's blank form; builders and the way
 * through the outbox to the sandbox and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "care-directive-draft.h"
#include "care-directives.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-outbox.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-portal.h"

#define WRITER "launch/patient patient/*.cruds"
#define PATIENT_REF "Patient/" CARE_SANDBOX_DEMO_ADULT
#define TEN_MB (10 * 1024 * 1024)

typedef CareTestPortal Fixture;

static GBytes *
new_pdf (gsize size)
{
  guint8 *data = g_malloc (size);
  static const char head[] = "%PDF-1.4\n";
  static const char tail[] = "\n%%EOF\n";

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 2654435761u >> 13);
  memcpy (data, head, strlen (head));
  memcpy (data + size - strlen (tail), tail, strlen (tail));
  return g_bytes_new_take (data, size);
}

/* Builders, without a portal. */

static void
test_drafts (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  g_autoptr(GDateTime) signed_on = g_date_time_new_utc (2026, 11, 30, 0, 0, 0);
  g_autoptr(GBytes) pdf = new_pdf (1024);
  g_autoptr(GBytes) jpeg = g_bytes_new_static ("\xff\xd8\xff\xe0", 4);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  CareDirectiveFile one[] = { { "directive.pdf", "application/pdf", pdf } };
  CareDirectiveFile pages[] = { { "page1.jpg", "image/jpeg", jpeg }, { "page2.jpg", "image/jpeg", jpeg } };
  CareDirectiveFile mixed[] = { { "page1.jpg", "image/jpeg", jpeg }, { "directive.pdf", "application/pdf", pdf } };
  CareOutboxDraft *document;
  JsonObject *resource;

  /* A PDF: its Binary, then the DocumentReference pointing at it. */
  drafts = care_directive_drafts_new (PATIENT_REF, "Oregon advance directive", one, 1, signed_on, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  document = g_ptr_array_index (drafts, 1);
  resource = document->resource;
  g_assert_true (care_directive_is_directive (resource));
  g_assert_false (care_directive_is_blank_form (resource));
  g_assert_cmpstr (care_fhir_get_string (resource, "resourceType"), ==, "DocumentReference");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (care_fhir_get_array_object (resource,
                   "category", 0), "coding", 0), "code"), ==, CARE_DIRECTIVE_LOINC);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (resource, "subject"), "reference"), ==, PATIENT_REF);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (care_fhir_get_object (resource, "context"), "period"),
                   "start"), ==, "2026-11-30");
  first = care_outbox_draft_dup_reference (g_ptr_array_index (drafts, 0));
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (care_fhir_get_array_object (resource, "content", 0),
                   "attachment"), "url"), ==, first);
  g_assert_cmpstr (document->depends_on, ==, ((CareOutboxDraft *) g_ptr_array_index (drafts, 0))->client_id);
  g_assert_cmpstr (document->summary, ==, "Signed advance directive");
  g_clear_pointer (&drafts, g_ptr_array_unref);
  g_clear_pointer (&first, g_free);

  /* Photos of two pages: chained, one DocumentReference. */
  drafts = care_directive_drafts_new (PATIENT_REF, NULL, pages, 2, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 3);
  first = care_outbox_draft_dup_reference (g_ptr_array_index (drafts, 0));
  second = care_outbox_draft_dup_reference (g_ptr_array_index (drafts, 1));
  resource = ((CareOutboxDraft *) g_ptr_array_index (drafts, 2))->resource;
  g_assert_cmpstr (((CareOutboxDraft *) g_ptr_array_index (drafts, 1))->depends_on, ==,
                   ((CareOutboxDraft *) g_ptr_array_index (drafts, 0))->client_id);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (care_fhir_get_array_object (resource, "content", 1),
                   "attachment"), "url"), ==, second);
  g_assert_false (json_object_has_member (((CareOutboxDraft *) g_ptr_array_index (drafts, 0))->resource, "_title"));
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* Refused before anything is queued. */
  g_assert_null (care_directive_drafts_new (PATIENT_REF, NULL, mixed, 2, NULL, now, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (care_directive_drafts_new (PATIENT_REF, NULL, NULL, 0, NULL, now, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) big = new_pdf (TEN_MB + 1);
    CareDirectiveFile too_big[] = { { "big.pdf", "application/pdf", big } };

    g_assert_null (care_directive_drafts_new (PATIENT_REF, NULL, too_big, 1, NULL, now, &error));
    g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }
}

static void
test_agent_draft (void)
{
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  draft = care_agent_draft_new (PATIENT_REF, "Roberto Reyes", "My father", "+1 503 555 0142", &error);
  g_assert_no_error (error);
  g_assert_true (care_related_person_is_agent (draft->resource));
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (draft->resource, "name", 0), "text"), ==,
                   "Roberto Reyes");
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_object (draft->resource, "patient"), "reference"), ==,
                   PATIENT_REF);
  g_assert_cmpstr (care_fhir_get_string (care_fhir_get_array_object (draft->resource, "relationship", 1), "text"),
                   ==, "My father");
  g_assert_cmpstr (draft->summary, ==, "Health care agent: Roberto Reyes");
  g_assert_null (care_agent_draft_new (PATIENT_REF, "  ", NULL, NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD);
}

/* Against the sandbox. */

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->tries = 2;
  care_test_portal_setup (fixture, data);
}

typedef struct
{
  guint directives;
  guint forms;
  guint agents;
} Found;

static gboolean
count_cb (const char *type,
          const char *id,
          const char *json,
          gpointer    user_data)
{
  Found *found = user_data;
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, NULL);

  if (resource == NULL)
    return TRUE;
  if (g_str_equal (type, "DocumentReference"))
    {
      found->directives += care_directive_is_directive (resource);
      found->forms += care_directive_is_blank_form (resource);
    }
  else if (g_str_equal (type, "RelatedPerson"))
    found->agents += care_related_person_is_agent (resource);
  return TRUE;
}

static Found
count_in_cache (Fixture *fixture)
{
  Found found = { 0 };

  g_assert_true (care_cache_foreach_json (fixture->cache, count_cb, &found, NULL));
  return found;
}

/* The seed's directive is on file and the portal's blank form is offered. */
static void
test_on_file (Fixture       *fixture,
              gconstpointer  data)
{
  Found found = count_in_cache (fixture);

  g_assert_cmpuint (found.directives, ==, 1);
  g_assert_cmpuint (found.forms, ==, 1);
}

/* A 10 MB signed PDF goes through the outbox as a Binary and a
 * DocumentReference, and comes back with the next sync. */
static void
test_upload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) pdf = new_pdf (TEN_MB);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  g_autoptr(JsonObject) binary = NULL;
  CareDirectiveFile file = { "directive.pdf", "application/pdf", pdf };
  CareOutboxEntry *entry;
  const char *server_id;
  const char *data64;
  g_autofree guchar *decoded = NULL;
  gsize length = 0;
  Found found;

  drafts = care_directive_drafts_new (PATIENT_REF, "My advance directive", &file, 1, now, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (care_outbox_queue_drafts (fixture->outbox, drafts, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 2);

  /* The Binary holds the very bytes. */
  entry = care_outbox_lookup (fixture->outbox, ((CareOutboxDraft *) g_ptr_array_index (drafts, 0))->client_id);
  g_assert_nonnull (entry);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  server_id = care_outbox_entry_get_server_id (entry);
  binary = care_sandbox_store_get (care_sandbox_get_store (fixture->sandbox), "Binary", server_id);
  g_assert_nonnull (binary);
  data64 = care_fhir_get_string (binary, "data");
  decoded = g_base64_decode (data64, &length);
  g_assert_cmpuint (length, ==, TEN_MB);
  g_assert_cmpmem (decoded, length, g_bytes_get_data (pdf, NULL), TEN_MB);

  entry = care_outbox_lookup (fixture->outbox, ((CareOutboxDraft *) g_ptr_array_index (drafts, 1))->client_id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_SENT);
  report = care_test_sync (fixture->engine, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  found = count_in_cache (fixture);
  g_assert_cmpuint (found.directives, ==, 2);
}

static void
test_agent (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CareOutboxDraft) draft = care_agent_draft_new (PATIENT_REF, "Roberto Reyes", "My father", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = NULL;
  CareOutboxEntry *entry = care_outbox_queue_draft (fixture->outbox, draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 1);
  report = care_test_sync (fixture->engine, CARE_SYNC_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_cache (fixture).agents, ==, 1);
}

/* Files are checked before they are read: a 10 MB PDF loads, one byte
 * more or a text file is refused naming the file. */
static void
test_files_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carebook-directives-XXXXXX", NULL);
  g_autofree char *ok_path = g_build_filename (dir, "signed.pdf", NULL);
  g_autofree char *big_path = g_build_filename (dir, "too-big.pdf", NULL);
  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GBytes) pdf = new_pdf (TEN_MB);
  g_autoptr(GBytes) big = new_pdf (TEN_MB + 1);
  g_autoptr(GFile) ok = g_file_new_for_path (ok_path);
  g_autoptr(GFile) too_big = g_file_new_for_path (big_path);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  g_autoptr(GError) error = NULL;
  GFile *both[2];
  CareDirectiveFile *files;

  g_assert_true (g_file_set_contents (ok_path, g_bytes_get_data (pdf, NULL), TEN_MB, NULL));
  g_assert_true (g_file_set_contents (big_path, g_bytes_get_data (big, NULL), TEN_MB + 1, NULL));
  g_assert_true (g_file_set_contents (text_path, "not a directive\n", -1, NULL));

  files = care_directive_files_load (&ok, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (files);
  g_assert_cmpstr (files[0].name, ==, "signed.pdf");
  g_assert_cmpstr (files[0].content_type, ==, "application/pdf");
  g_assert_cmpuint (g_bytes_get_size (files[0].bytes), ==, TEN_MB);
  care_directive_files_free (files, 1);

  both[0] = ok;
  both[1] = too_big;
  g_assert_null (care_directive_files_load (both, 2, NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too-big.pdf"));
  g_clear_error (&error);

  g_assert_null (care_directive_files_load (&text, 1, NULL, &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "notes.txt"));

  g_unlink (ok_path);
  g_unlink (big_path);
  g_unlink (text_path);
  g_rmdir (dir);
}

/* What the page lists: the directive and form on file, then an agent and
 * a directive waiting in the outbox, then on file once sent. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) pdf = new_pdf (4096);
  CareDirectiveFile file = { "page.pdf", "application/pdf", pdf };
  g_autoptr(GPtrArray) drafts = care_directive_drafts_new (PATIENT_REF, "Signed today", &file, 1, now, now, NULL);
  g_autoptr(CareOutboxDraft) agent = care_agent_draft_new (PATIENT_REF, "Roberto Reyes", "My father",
                                                           "503-555-0101", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint kinds[3] = { 0, 0, 0 };
  guint waiting = 0;

  items = care_directives_list (fixture->cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (((CareDirectiveItem *)items->pdata[0])->kind, ==, CARE_DIRECTIVE_ITEM_DIRECTIVE);
  g_assert_cmpint (((CareDirectiveItem *)items->pdata[1])->kind, ==, CARE_DIRECTIVE_ITEM_FORM);
  g_assert_cmpstr (((CareDirectiveItem *)items->pdata[1])->detail, ==, "oregon-advance-directive.pdf");

  g_assert_cmpuint (care_outbox_queue_drafts (fixture->outbox, drafts, &error), ==, 2);
  g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, agent, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = care_directives_list (fixture->cache, &error);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    {
      CareDirectiveItem *item = items->pdata[i];

      kinds[item->kind]++;
      waiting += item->waiting;
      if (item->kind == CARE_DIRECTIVE_ITEM_AGENT)
        {
          g_assert_cmpstr (item->title, ==, "Roberto Reyes");
          g_assert_cmpstr (item->detail, ==, "My father");
          g_assert_cmpstr (item->phone, ==, "503-555-0101");
        }
    }
  g_assert_cmpuint (kinds[CARE_DIRECTIVE_ITEM_DIRECTIVE], ==, 2);
  g_assert_cmpuint (kinds[CARE_DIRECTIVE_ITEM_AGENT], ==, 1);
  g_assert_cmpuint (waiting, ==, 2);
  /* Waiting ones first among their kind. */
  g_assert_cmpstr (((CareDirectiveItem *)items->pdata[0])->title, ==, "Signed today");

  g_assert_cmpuint (care_test_portal_send_all (fixture), ==, 3);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = care_directives_list (fixture->cache, &error);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    g_assert_false (((CareDirectiveItem *)items->pdata[i])->waiting);
}

/* The portal's rules: a file that is not the patient's, an agent without a name. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) pdf = new_pdf (2048);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(CareOutboxDraft) agent = NULL;
  g_autoptr(GError) error = NULL;
  CareDirectiveFile file = { "directive.pdf", "application/pdf", pdf };
  CareOutboxDraft *document;
  JsonObject *attachment;
  CareOutboxEntry *entry;
  g_autofree char *id = NULL;

  drafts = care_directive_drafts_new (PATIENT_REF, NULL, &file, 1, NULL, now, &error);
  g_assert_no_error (error);
  document = g_ptr_array_index (drafts, 1);
  attachment = care_fhir_get_object (care_fhir_get_array_object (document->resource, "content", 0), "attachment");
  json_object_set_string_member (attachment, "url", "Binary/somebody-elses");
  g_clear_pointer (&document->depends_on, g_free);
  entry = care_outbox_queue_draft (fixture->outbox, document, &error);
  g_assert_no_error (error);
  id = g_strdup (care_outbox_entry_get_id (entry));
  care_test_portal_send_all (fixture);
  entry = care_outbox_lookup (fixture->outbox, id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), "uploaded first"));

  agent = care_agent_draft_new (PATIENT_REF, "Roberto Reyes", NULL, NULL, NULL);
  json_object_set_array_member (agent->resource, "name", json_array_new ());
  g_free (id);
  entry = care_outbox_queue_draft (fixture->outbox, agent, &error);
  g_assert_no_error (error);
  id = g_strdup (care_outbox_entry_get_id (entry));
  care_test_portal_send_all (fixture);
  entry = care_outbox_lookup (fixture->outbox, id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (strstr (care_outbox_entry_get_error (entry), "needs a name"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/directives/drafts", test_drafts);
  g_test_add_func ("/care/directives/agent-draft", test_agent_draft);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, care_test_portal_teardown)
  ADD ("/care/directives/on-file", test_on_file);
  ADD ("/care/directives/upload-10mb-pdf", test_upload);
  ADD ("/care/directives/agent", test_agent);
  g_test_add_func ("/care/directives/files-load", test_files_load);
  ADD ("/care/directives/list", test_list);
  ADD ("/care/directives/refused", test_refused);
  return g_test_run ();
}
