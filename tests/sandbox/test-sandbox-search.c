/* test-sandbox-search.c — searching, paging and _history in the sandbox portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every parameter kind and prefix, POST _search, next links that neither
 * repeat nor skip while resources are added or deleted, _history with
 * deletions, _since and paging, and a store reopened from its folder.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "care-sandbox-bundle.h"
#include "sandbox-fhir-client.h"

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Response) labs = get (fixture, "/fhir/Observation?patient=a&category=laboratory");
  g_autoptr(Response) coded = get (fixture, "/fhir/Observation?code=http://loinc.org%7C85354-9");
  g_autoptr(Response) dated = get (fixture, "/fhir/Observation?date=ge2024-04-01&date=lt2025");
  g_autoptr(Response) year = get (fixture, "/fhir/Observation?date=2025&_sort=-date");
  g_autoptr(Response) both = get (fixture, "/fhir/Observation?category=laboratory,vital-signs");
  g_autoptr(Response) other = get (fixture, "/fhir/Observation?patient=b");
  g_autoptr(Response) bad = get (fixture, "/fhir/Observation?colour=blue");
  g_autoptr(Response) bad_date = get (fixture, "/fhir/Observation?date=yesterday");
  g_autoptr(Response) undated = NULL;
  g_autoptr(Response) bad_count = get (fixture, "/fhir/Observation?_count=0");
  g_autoptr(Response) huge_count = get (fixture, "/fhir/Observation?_count=1000000");
  g_autoptr(Response) by_id = get (fixture, "/fhir/Observation?_id=a1c-1,bp-2");
  g_autoptr(Response) post = request (fixture, "POST", "/fhir/Observation/_search", fixture->token,
                                      "category=vital-signs", NULL, NULL);

  g_assert_cmpuint (labs->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (labs->json, "type"), ==, "searchset");
  g_assert_cmpuint (n_entries (labs), ==, 3);
  g_assert_cmpuint (n_entries (coded), ==, 2);
  g_assert_cmpuint (n_entries (dated), ==, 2);   /* a1c-2 and bp-1, in April 2024 */
  g_assert_cmpuint (n_entries (year), ==, 2);
  g_assert_cmpstr (entry_id (year, 0), ==, "bp-2"); /* newest first */
  g_assert_cmpuint (n_entries (both), ==, 5);    /* patient b's weight is not in a's token */
  g_assert_cmpuint (n_entries (by_id), ==, 2);
  g_assert_cmpuint (n_entries (post), ==, 2);
  /* A resource without a date never matches a date condition. */
  put (fixture, "{\"resourceType\":\"Observation\",\"id\":\"undated\",\"status\":\"final\","
                "\"subject\":{\"reference\":\"Patient/a\"}}");
  undated = get (fixture, "/fhir/Observation?date=lt2100");
  g_assert_cmpuint (n_entries (undated), ==, 5);

  assert_outcome (other, 403);
  assert_outcome (bad, 400);
  assert_outcome (bad_date, 400);
  assert_outcome (bad_count, 400);
  /* Too big a page is cut to the portal's limit, not refused. */
  g_assert_cmpuint (huge_count->status, ==, 200);
  g_assert_cmpuint (n_entries (huge_count), ==, 5);
}

static void
put_medication (Fixture    *fixture,
                const char *id,
                const char *intent,
                const char *status)
{
  g_autofree char *json = g_strdup_printf (
    "{\"resourceType\":\"MedicationRequest\",\"id\":\"%s\",\"status\":\"%s\",\"intent\":\"%s\","
    "\"medicationCodeableConcept\":{\"coding\":[{\"code\":\"860975\"}],\"text\":\"Metformin\"},"
    "\"subject\":{\"reference\":\"Patient/a\"},\"authoredOn\":\"2024-02-01\"}",
    id, status, intent);

  put (fixture, json);
}

static void
test_search_more (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *absolute = g_strdup_printf ("/fhir/Observation?patient=%s/Patient/a",
                                               care_sandbox_get_fhir_base (fixture->sandbox));
  g_autoptr(Response) effective = get (fixture, "/fhir/Observation?effective=ge2024-04-15T09:15:00Z"
                                                "&effective=lt2025-01-10");
  g_autoptr(Response) instant = get (fixture, "/fhir/Observation?date=2024-04-15T09:30:00Z");
  g_autoptr(Response) zoned = get (fixture, "/fhir/Observation?date=eq2024-04-15T11:30:00%2B02:00");
  g_autoptr(Response) ne = get (fixture, "/fhir/Observation?date=ne2024-04");
  g_autoptr(Response) le = get (fixture, "/fhir/Observation?date=le2024-04-15");
  g_autoptr(Response) gt = get (fixture, "/fhir/Observation?date=gt2024-04-15");
  g_autoptr(Response) sa = get (fixture, "/fhir/Observation?date=sa2024");
  g_autoptr(Response) eb = get (fixture, "/fhir/Observation?date=eb2024-04-15T09:30:00Z");
  g_autoptr(Response) system_only = get (fixture, "/fhir/Observation?code=http://loinc.org%7C");
  g_autoptr(Response) bare_code = get (fixture, "/fhir/Observation?code=4548-4");
  g_autoptr(Response) no_system = get (fixture, "/fhir/Observation?code=%7C4548-4");
  g_autoptr(Response) wrong_system = get (fixture, "/fhir/Observation?code=http://snomed.info/sct%7C4548-4");
  g_autoptr(Response) modifier = get (fixture, "/fhir/Observation?code:text=A1c");
  g_autoptr(Response) status = get (fixture, "/fhir/Observation?status=final");
  g_autoptr(Response) by_url = get (fixture, absolute);
  g_autoptr(Response) updated = NULL;
  g_autoptr(Response) updated_sorted = NULL;
  g_autoptr(Response) last_first = NULL;
  g_autoptr(Response) posted = NULL;
  g_autoptr(Response) posted_json = NULL;
  g_autoptr(Response) orders = NULL;
  g_autoptr(Response) plans = NULL;
  g_autoptr(Response) active = NULL;
  g_autofree char *since = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  JsonObject *self_link;

  /* From 09:15 on 15 April: bp-1 (09:30), not a1c-2 (09:00); a1c-3 is on the 10th. */
  g_assert_cmpuint (n_entries (effective), ==, 1);
  g_assert_cmpstr (entry_id (effective, 0), ==, "bp-1");
  g_assert_cmpuint (n_entries (instant), ==, 1);
  g_assert_cmpstr (entry_id (instant, 0), ==, "bp-1");
  /* The same instant written in another zone. */
  g_assert_cmpuint (n_entries (zoned), ==, 1);
  g_assert_cmpstr (entry_id (zoned, 0), ==, "bp-1");
  g_assert_cmpuint (n_entries (ne), ==, 3);
  g_assert_cmpuint (n_entries (le), ==, 3);
  g_assert_cmpuint (n_entries (gt), ==, 2);
  g_assert_cmpuint (n_entries (sa), ==, 2);
  g_assert_cmpuint (n_entries (eb), ==, 2);
  g_assert_cmpuint (n_entries (system_only), ==, 5);
  g_assert_cmpuint (n_entries (bare_code), ==, 3);
  g_assert_cmpuint (n_entries (no_system), ==, 0);
  g_assert_cmpuint (n_entries (wrong_system), ==, 0);
  assert_outcome (modifier, 400);
  g_assert_cmpuint (n_entries (status), ==, 5);
  g_assert_cmpuint (n_entries (by_url), ==, 5);

  /* _lastUpdated and its sort: the fixture wrote these a moment ago. */
  since = g_date_time_format_iso8601 (hour_ago);
  {
    g_autofree char *path = g_strdup_printf ("/fhir/Observation?_lastUpdated=gt%s", since);

    updated = get (fixture, path);
  }
  g_assert_cmpuint (n_entries (updated), ==, 5);
  updated_sorted = get (fixture, "/fhir/Observation?_lastUpdated=lt2000-01-01");
  g_assert_cmpuint (n_entries (updated_sorted), ==, 0);
  last_first = get (fixture, "/fhir/Observation?_sort=-_lastUpdated&_count=1");
  g_assert_cmpstr (entry_id (last_first, 0), ==, "bp-2");

  /* POST _search: form parameters, repeated ones, and the URL's, all apply. */
  posted = request (fixture, "POST", "/fhir/Observation/_search?category=laboratory", fixture->token,
                    "date=ge2024-01-01&date=lt2024-12-31", NULL, NULL);
  g_assert_cmpuint (posted->status, ==, 200);
  g_assert_cmpuint (n_entries (posted), ==, 2);
  self_link = json_array_get_object_element (json_object_get_array_member (posted->json, "link"), 0);
  g_assert_cmpstr (json_object_get_string_member (self_link, "relation"), ==, "self");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (self_link, "url"),
                                   care_sandbox_get_fhir_base (fixture->sandbox)));
  posted_json = request_full (fixture, "POST", "/fhir/Observation/_search", fixture->token,
                              "{\"category\":\"laboratory\"}", "application/json", NULL, NULL);
  assert_outcome (posted_json, 415);

  put_medication (fixture, "metformin", "order", "active");
  put_medication (fixture, "old-plan", "plan", "stopped");
  orders = get (fixture, "/fhir/MedicationRequest?intent=order");
  plans = get (fixture, "/fhir/MedicationRequest?intent=plan,proposal");
  active = get (fixture, "/fhir/MedicationRequest?status=active&intent=order");
  g_assert_cmpuint (n_entries (orders), ==, 1);
  g_assert_cmpstr (entry_id (orders, 0), ==, "metformin");
  g_assert_cmpuint (n_entries (plans), ==, 1);
  g_assert_cmpuint (n_entries (active), ==, 1);
  {
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (orders->json,
                                                                                     "entry"), 0);
    g_autofree char *full_url = g_strdup_printf ("%s/MedicationRequest/metformin",
                                                 care_sandbox_get_fhir_base (fixture->sandbox));

    g_assert_cmpstr (json_object_get_string_member (entry, "fullUrl"), ==, full_url);
  }
}

/* Pages through Observations with _count=2 and the sort in @data, adding
 * (and, when @delete_one, deleting) resources between pages. */
static void
page_while_changing (Fixture    *fixture,
                     const char *sort,
                     guint       round,
                     gboolean    delete_one)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup_printf ("/fhir/Observation?_count=2%s%s",
                                           sort[0] != '\0' ? "&_sort=" : "", sort);
  guint pages = 0;
  guint added = 0;

  while (next != NULL)
    {
      g_autoptr(Response) page = get (fixture, next);

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpuint (n_entries (page), <=, 2);
      for (guint i = 0; i < n_entries (page); i++)
        {
          /* No duplicates across pages. */
          g_assert_false (g_hash_table_contains (seen, entry_id (page, i)));
          g_hash_table_add (seen, g_strdup (entry_id (page, i)));
        }

      /* Resources added mid-way, sorting first or last, do not shift pages. */
      {
        g_autofree char *early = g_strdup_printf ("early-%u-%u", round, added);
        g_autofree char *late = g_strdup_printf ("late-%u-%u", round, added++);

        put_observation (fixture, early, "a", "laboratory", "4548-4", "2000-01-01T00:00:00Z");
        put_observation (fixture, late, "a", "laboratory", "4548-4", "2100-01-01T00:00:00Z");
      }
      /* A deletion removes that one resource and moves nothing else. */
      if (delete_one && pages == 0)
        {
          const char *victim = g_hash_table_contains (seen, "a1c-3") ? "a1c-1" : "a1c-3";

          g_assert_false (g_hash_table_contains (seen, victim));
          g_assert_true (care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox),
                                                    "Observation", victim, NULL));
        }

      g_free (next);
      next = dup_next_link (page);
      if (next != NULL)
        g_assert_true (g_str_has_prefix (next, care_sandbox_get_fhir_base (fixture->sandbox)));
      pages++;
      g_assert_cmpuint (pages, <=, 10);
    }

  /* Exactly the resources that existed when paging began (less a deleted
   * one): no gaps, and none of the added ones. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, delete_one ? 4 : 5);
  {
    g_autofree char *early = g_strdup_printf ("early-%u-0", round);
    g_autofree char *late = g_strdup_printf ("late-%u-0", round);

    g_assert_false (g_hash_table_contains (seen, early));
    g_assert_false (g_hash_table_contains (seen, late));
  }
  g_assert_cmpuint (pages, ==, delete_one ? 2 : 3);

  /* A fresh search sees everything now there. */
  {
    g_autoptr(Response) all = get (fixture, "/fhir/Observation?_count=100");

    g_assert_cmpuint (n_entries (all), ==, (delete_one ? 4 : 5) + 2 * added);
  }
}

static void
test_paging_while_adding (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *sorts[] = { "date", "-date", "", "_lastUpdated", "-_lastUpdated" };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autoptr(GError) error = NULL;

      page_while_changing (fixture, sorts[i], i, FALSE);

      /* Start each sort from the fixture's five again. */
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *early = g_strdup_printf ("early-%u-%u", i, j);
          g_autofree char *late = g_strdup_printf ("late-%u-%u", i, j);

          care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox), "Observation",
                                     early, &error);
          g_assert_no_error (error);
          care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox), "Observation",
                                     late, &error);
          g_assert_no_error (error);
        }
    }
}

static void
test_paging_while_deleting (Fixture       *fixture,
                            gconstpointer  data)
{
  page_while_changing (fixture, "date", 0, TRUE);
}

static void
test_history_and_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) gone = NULL;
  g_autoptr(Response) history = NULL;
  g_autoptr(Response) search = NULL;
  JsonArray *entries;
  JsonObject *latest;

  g_assert_true (care_sandbox_store_delete (care_sandbox_get_store (fixture->sandbox),
                                            "Observation", "bp-1", &error));
  g_assert_no_error (error);

  gone = get (fixture, "/fhir/Observation/bp-1");
  assert_outcome (gone, 410);

  search = get (fixture, "/fhir/Observation?category=vital-signs");
  g_assert_cmpuint (n_entries (search), ==, 1);

  history = get (fixture, "/fhir/Observation/_history?_since=2000-01-01T00:00:00Z");
  g_assert_cmpuint (history->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (history->json, "type"), ==, "history");
  entries = json_object_get_array_member (history->json, "entry");
  latest = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (latest, "request"),
                                                  "method"), ==, "DELETE");
  /* Patient b's observation is not in a's history either. */
  g_assert_cmpuint (json_array_get_length (entries), ==, 6);
  g_assert_false (json_object_has_member (latest, "resource"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (latest, "request"),
                                                  "url"), ==, "Observation/bp-1");

  {
    /* Per instance, with the deletion; vread of the deleted version is 410
     * too, the version before it is still there. */
    g_autoptr(Response) instance = get (fixture, "/fhir/Observation/bp-1/_history");
    g_autoptr(Response) version1 = get (fixture, "/fhir/Observation/bp-1/_history/1");
    g_autoptr(Response) version2 = get (fixture, "/fhir/Observation/bp-1/_history/2");
    g_autoptr(Response) version9 = get (fixture, "/fhir/Observation/bp-1/_history/9");
    g_autoptr(Response) bad_since = get (fixture, "/fhir/Observation/_history?_since=yesterday");
    g_autoptr(Response) bad_param = get (fixture, "/fhir/Observation/_history?code=x");
    g_autoptr(Response) future = get (fixture, "/fhir/Observation/_history?_since=2999-01-01T00:00:00Z");
    g_autoptr(Response) after = NULL;
    g_autofree char *path = NULL;
    g_autofree char *escaped = NULL;
    const char *deleted_at;

    g_assert_cmpuint (n_entries (instance), ==, 2);
    g_assert_cmpuint (version1->status, ==, 200);
    g_assert_cmpstr (version1->etag, ==, "W/\"1\"");
    assert_outcome (version2, 410);
    assert_outcome (version9, 404);
    assert_outcome (bad_since, 400);
    assert_outcome (bad_param, 400);
    g_assert_cmpuint (n_entries (future), ==, 0);

    /* _since the moment before the deletion: only the deletion. */
    deleted_at = json_object_get_string_member (json_object_get_object_member (latest, "response"),
                                                "lastModified");
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (deleted_at, NULL);
      g_autoptr(GDateTime) before = g_date_time_add (when, -1000);

      escaped = g_date_time_format (before, "%Y-%m-%dT%H:%M:%S.%fZ");
    }
    path = g_strdup_printf ("/fhir/Observation/_history?_since=%s", escaped);
    after = get (fixture, path);
    g_assert_cmpuint (after->status, ==, 200);
    g_assert_cmpuint (n_entries (after), ==, 1);
  }
}

static void
test_history_paging (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup ("/fhir/Observation/_history?_count=2");
  guint pages = 0;

  while (next != NULL)
    {
      g_autoptr(Response) page = get (fixture, next);
      JsonArray *entries;
      JsonArray *links;

      g_assert_cmpuint (page->status, ==, 200);
      entries = json_object_get_array_member (page->json, "entry");
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          JsonObject *response = json_object_get_object_member (entry, "response");
          JsonObject *request_object = json_object_get_object_member (entry, "request");
          g_autofree char *key = g_strconcat (json_object_get_string_member (request_object, "url"), " ",
                                              json_object_get_string_member (response, "etag"), NULL);

          g_assert_false (g_hash_table_contains (seen, key));
          g_hash_table_add (seen, g_steal_pointer (&key));
        }

      /* Changes made meanwhile are newer: they never shift older pages. */
      {
        g_autofree char *id = g_strdup_printf ("meanwhile-%u", pages);

        put_observation (fixture, id, "a", "vital-signs", "8867-4", "2024-06-01T08:00:00Z");
      }

      g_clear_pointer (&next, g_free);
      links = json_object_get_array_member (page->json, "link");
      for (guint i = 0; i < json_array_get_length (links); i++)
        {
          JsonObject *link = json_array_get_object_element (links, i);

          if (g_str_equal (json_object_get_string_member (link, "relation"), "next"))
            next = g_strdup (json_object_get_string_member (link, "url"));
        }
      pages++;
      g_assert_cmpuint (pages, <=, 10);
    }

  /* The first page saw meanwhile-0's predecessors only: a's five creates,
   * plus the additions made before each later page was read, which are
   * newer than the first page and so never reached. */
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_true (g_hash_table_contains (seen, "Observation/a1c-1 W/\"1\""));
}

/* A store reopened from its folder keeps lastUpdated strictly increasing
 * past what it holds, and re-indexes when the parameter table changed. */
/* The one writer of searchset and _history Bundles: links escaped as
 * JSON, resources spliced in as they are, entries with or without one. */
static void
test_bundle_writer (void)
{
  g_autoptr(CareSandboxBundle) bundle = care_sandbox_bundle_new ("history",
                                                                 "http://x/fhir/A?q=\"b\\",
                                                                 "http://x/fhir/A?_cursor=1");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonArray *links;
  JsonArray *entries;
  gsize length = 0;

  care_sandbox_bundle_add_entry (bundle, "http://x/fhir/A/1", "{\"resourceType\":\"A\",\"id\":\"1\"}",
                                 "\"search\":{\"mode\":\"match\"}");
  care_sandbox_bundle_add_entry (bundle, NULL, NULL, "\"request\":{\"method\":\"DELETE\"}");
  g_assert_cmpuint (care_sandbox_bundle_get_n_entries (bundle), ==, 2);
  text = care_sandbox_bundle_finish (bundle, &length);
  g_assert_cmpuint (length, ==, strlen (text));

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "history");
  links = json_object_get_array_member (root, "link");
  g_assert_cmpuint (json_array_get_length (links), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0), "url"), ==,
                   "http://x/fhir/A?q=\"b\\");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 1), "relation"),
                   ==, "next");
  entries = json_object_get_array_member (root, "entry");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (entries, 0), "resource"), "id"), ==, "1");
  g_assert_false (json_object_has_member (json_array_get_object_element (entries, 1), "fullUrl"));
  g_assert_true (json_object_has_member (json_array_get_object_element (entries, 1), "request"));
}

static void
test_store_reopen (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carebook-sandbox-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sandbox.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  CareSandboxStore *store;
  CareSandboxSearch search = { 0 };
  static const char *suffixes[] = { "", "-wal", "-shm" };
  const char *json = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                     "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},"
                     "\"subject\":{\"reference\":\"Patient/a\"}}";

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  store = care_sandbox_store_new (path, &error);
  g_assert_no_error (error);
  first = care_sandbox_store_put (store, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  /* As a big seed leaves it: the newest change ahead of the clock; and an
   * index made with another table, without its token rows. */
  g_assert_cmpint (sqlite3_exec (care_sandbox_store_get_db (store),
                                 "UPDATE history SET last_updated = '2999-01-01T00:00:00.000Z';"
                                 "UPDATE store_info SET value = 'older' WHERE key = 'fingerprint';"
                                 "DELETE FROM tokens;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  store = care_sandbox_store_new (path, &error);
  g_assert_no_error (error);
  second = care_sandbox_store_put (store, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (second, "meta"),
                                                  "lastUpdated"), >, "2999-01-01T00:00:00.000Z");

  g_hash_table_insert (params, (gpointer)"code", (gpointer)"http://loinc.org|4548-4");
  search.type = "Observation";
  search.patient = "a";
  search.params = params;
  search.count = 10;
  page = care_sandbox_store_search (store, &search, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->resources->len, ==, 2);

  g_assert_finalize_object (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/care/sandbox/search/params", test_search);
  ADD ("/care/sandbox/search/more-params", test_search_more);
  ADD ("/care/sandbox/search/paging-while-adding", test_paging_while_adding);
  ADD ("/care/sandbox/search/paging-while-deleting", test_paging_while_deleting);
  ADD ("/care/sandbox/search/history-and-delete", test_history_and_delete);
  ADD ("/care/sandbox/search/history-paging", test_history_paging);
  g_test_add_func ("/care/sandbox/search/store-reopen", test_store_reopen);
  g_test_add_func ("/care/sandbox/search/bundle-writer", test_bundle_writer);

#undef ADD

  return g_test_run ();
}
