/* test-attachments.c — documents' bytes: inline, fetched, kept offline
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "care-error.h"
#include "care-sandbox.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"
#include "care-sync-engine.h"

#include "../care-test-sync.h"
#include "../care-test-utils.h"
#include "care-test-portal.h"

#define ALL_READ "launch/patient patient/*.rs"

typedef CareTestPortal Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->scopes = ALL_READ;
  fixture->backoff_ms = 1;
  fixture->backoff_cap_ms = 4;
  fixture->tries = 3;
  fixture->read_only = TRUE;
  fixture->no_first_sync = TRUE;
  care_test_portal_setup (fixture, data);
}

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  char     *content_type;
  GError   *error;
} Wait;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->bytes = care_sync_engine_fetch_attachment_finish (CARE_SYNC_ENGINE (source), result,
                                                          &wait->content_type, &wait->error);
  wait->done = TRUE;
}

static GBytes *
fetch (Fixture     *fixture,
       const char  *attachment_json,
       char       **out_content_type,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *attachment;
  Wait wait = { 0 };

  g_assert_true (json_parser_load_from_data (parser, attachment_json, -1, NULL));
  attachment = json_node_get_object (json_parser_get_root (parser));
  care_sync_engine_fetch_attachment_async (fixture->engine, attachment, NULL, fetched_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  if (out_content_type != NULL)
    *out_content_type = wait.content_type;
  else
    g_free (wait.content_type);
  return wait.bytes;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strstr_len (data, size, needle) != NULL;
}

static void
sync_all (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSyncReport) report = care_test_sync (fixture->engine, CARE_SYNC_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static void
test_inline (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;

  /* Inline data needs no portal at all. */
  care_sandbox_stop (fixture->sandbox);
  bytes = fetch (fixture, "{\"contentType\": \"text/plain\", \"data\": \"aGVsbG8gbm90ZQ==\","
                          " \"url\": \"Binary/never-asked\"}", &content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_type, ==, "text/plain");
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "hello note", 10);
  g_assert_cmpint (care_cache_count_attachments (fixture->cache), ==, 0);
}

static void
test_url (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *attachment = NULL;
  g_autofree char *content_type = NULL;
  struct stat st;

  /* The attachment exactly as the synced DocumentReference holds it. */
  sync_all (fixture);
  document = care_cache_lookup (fixture->cache, "DocumentReference", "adult-avs-23", &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, care_fhir_get_object (care_fhir_get_array_object (document, "content", 0),
                                                    "attachment"));
  json_generator_set_root (generator, node);
  attachment = json_generator_to_data (generator, NULL);
  g_assert_nonnull (strstr (attachment, "\"url\""));
  g_assert_null (strstr (attachment, "\"data\""));

  bytes = fetch (fixture, attachment, &content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_type, ==, "application/pdf");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "%PDF-"));
  g_assert_cmpint (care_cache_count_attachments (fixture->cache), ==, 1);

  /* Kept in the record's own private file. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_binary_as_fhir (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;

  /* No content type: the Binary is asked for as FHIR JSON and decoded. */
  bytes = fetch (fixture, "{\"url\": \"Binary/adult-eye-exam\"}", &content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_type, ==, "text/html");
  g_assert_true (bytes_contain (bytes, "Diabetic eye examination"));
  g_assert_false (bytes_contain (bytes, "resourceType"));
}

static void
test_cached_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *summary = "{\"contentType\": \"application/pdf\", \"url\": \"Binary/adult-avs-22\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) never = NULL;
  g_autofree char *content_type = NULL;

  first = fetch (fixture, summary, NULL, &error);
  g_assert_no_error (error);

  care_sandbox_stop (fixture->sandbox);
  again = fetch (fixture, summary, &content_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, again));
  g_assert_cmpstr (content_type, ==, "application/pdf");

  /* Offline, and never read before: a clear error, nothing stored. */
  never = fetch (fixture, "{\"contentType\": \"application/pdf\", \"url\": \"Binary/adult-avs-21\"}",
                 NULL, &error);
  g_assert_null (never);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "not been downloaded"));
  g_assert_cmpint (care_cache_count_attachments (fixture->cache), ==, 1);
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "error=1,seed=3", &error));
  bytes = fetch (fixture, "{\"contentType\": \"application/pdf\", \"url\": \"Binary/adult-avs-20\"}",
                 NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_SERVER);
  g_assert_cmpint (care_cache_count_attachments (fixture->cache), ==, 0);
  g_clear_error (&error);

  /* Once the server recovers, the same read works. */
  g_assert_true (care_sandbox_set_faults (fixture->sandbox, "", &error));
  bytes = fetch (fixture, "{\"contentType\": \"application/pdf\", \"url\": \"Binary/adult-avs-20\"}",
                 NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n;
  GError   *error;
} PrefetchWait;

static void
prefetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PrefetchWait *wait = user_data;

  wait->ok = care_sync_engine_prefetch_attachments_finish (CARE_SYNC_ENGINE (source), result, &wait->n,
                                                          &wait->error);
  wait->done = TRUE;
}

static guint
prefetch (Fixture *fixture,
          guint    max_documents)
{
  PrefetchWait wait = { 0 };

  care_sync_engine_prefetch_attachments_async (fixture->engine, max_documents, 1024 * 1024, NULL,
                                               prefetched_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  return wait.n;
}

static guint
count_matches (Fixture    *fixture,
               const char *words)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("DocumentReference");
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  care_cache_query_set_text (query, words);
  found = care_cache_query (fixture->cache, query, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (found);
}

static void
test_prefetch (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;

  sync_all (fixture);

  /* No document's words are searchable before its bytes are read. */
  g_assert_cmpuint (count_matches (fixture, "monofilament"), ==, 0);
  g_assert_cmpuint (count_matches (fixture, "breakfast"), ==, 0);

  /* The newest documents come ahead, once. */
  g_assert_cmpuint (prefetch (fixture, 3), ==, 3);
  g_assert_cmpint (care_cache_count_attachments (fixture->cache), ==, 3);
  g_assert_cmpuint (prefetch (fixture, 3), ==, 0);

  /* Now the record search finds them by their words: the progress note
   * (text), and the after-visit summary (PDF). */
  g_assert_cmpuint (count_matches (fixture, "monofilament"), >=, 1);
  g_assert_cmpuint (count_matches (fixture, "breakfast"), >=, 1);

  /* Kept, and known to be kept without reading it. */
  newest = care_portal_client_resolve (fixture->client, "Binary/adult-avs-23");
  oldest = care_portal_client_resolve (fixture->client, "Binary/adult-avs-0");
  g_assert_true (care_cache_has_attachment (fixture->cache, newest));
  g_assert_false (care_cache_has_attachment (fixture->cache, oldest));

  /* The newest summary now opens offline. */
  care_sandbox_stop (fixture->sandbox);
  bytes = fetch (fixture, "{\"contentType\": \"application/pdf\", \"url\": \"Binary/adult-avs-23\"}", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  /* Offline, prefetching ends quietly and keeps what it has. */
  g_assert_cmpuint (prefetch (fixture, 6), ==, 0);
  g_assert_cmpint (care_cache_count_attachments (fixture->cache), ==, 3);
}

static void
test_missing_url (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fixture, "{\"contentType\": \"application/pdf\"}", NULL, &error);

  g_assert_null (bytes);
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD);
}

/* A document read before words were kept (its bytes are in the cache)
 * gets them at the next prefetch, however old, and without the network. */
static void
test_prefetch_kept_words (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  sync_all (fixture);
  bytes = fetch (fixture, "{\"contentType\": \"text/plain\", \"url\": \"Binary/adult-note-0\"}", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (count_matches (fixture, "monofilament"), ==, 0);

  /* No newest documents at all: nothing is fetched, the kept one is read. */
  care_sandbox_stop (fixture->sandbox);
  g_assert_cmpuint (prefetch (fixture, 0), ==, 0);
  g_assert_cmpuint (count_matches (fixture, "monofilament"), ==, 1);
  g_assert_true (care_cache_has_document_text (fixture->cache, "DocumentReference", "adult-note-0"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, care_test_portal_teardown)
  ADD ("/care/sync/attachment/inline", test_inline);
  ADD ("/care/sync/attachment/url", test_url);
  ADD ("/care/sync/attachment/binary-as-fhir", test_binary_as_fhir);
  ADD ("/care/sync/attachment/cached-offline", test_cached_offline);
  ADD ("/care/sync/attachment/500", test_server_error);
  ADD ("/care/sync/attachment/prefetch", test_prefetch);
  ADD ("/care/sync/attachment/prefetch-kept-words", test_prefetch_kept_words);
  ADD ("/care/sync/attachment/missing-url", test_missing_url);

  return g_test_run ();
}
