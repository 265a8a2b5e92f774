/* care-fhir-page.c — one response from a FHIR server, parsed and indexed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A searchset page can hold a thousand resources and several megabytes,
 * so parsing, serialising each resource back to compact JSON and reading
 * its index columns all happen in a worker thread (STYLE.md §5); the
 * main thread only binds the results into one cache transaction.
 * Bad input is a CARE_FHIR_ERROR and produces no page at all, so nothing
 * half-parsed can reach the cache (FHIR-CLIENT.md 24).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir-page.h"

#include <string.h>

/**
 * care_fhir_record_new:
 * @resource: a resource with resourceType and id
 *
 * Returns: (transfer full): @resource with its JSON text and index
 */
CareFhirRecord *
care_fhir_record_new (JsonObject *resource)
{
  CareFhirRecord *record = g_new0 (CareFhirRecord, 1);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), resource);

  record->resource = json_object_ref (resource);
  record->json = json_to_string (node, FALSE);
  record->index = care_fhir_index_new (resource);
  return record;
}

/**
 * care_fhir_record_free:
 * @record: (nullable): a record
 */
void
care_fhir_record_free (CareFhirRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->resource, json_object_unref);
  g_free (record->json);
  care_fhir_index_free (record->index);
  g_free (record);
}

/**
 * care_fhir_page_free:
 * @page: (nullable): a page
 */
void
care_fhir_page_free (CareFhirPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_clear_pointer (&page->references, g_hash_table_unref);
  g_free (page->next_url);
  g_free (page->self_url);
  g_free (page->outcome_text);
  g_free (page);
}

static void
collect_node_references (JsonNode   *node,
                         GHashTable *into)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      const char *reference = care_fhir_get_string (object, "reference");
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;

      if (reference != NULL && reference[0] != '#' && !g_str_has_prefix (reference, "urn:") &&
          care_fhir_parse_reference (reference, &type, &id))
        g_hash_table_add (into, g_strdup_printf ("%s/%s", type, id));

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "contained"))
          collect_node_references (json_object_get_member (object, l->data), into);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_node_references (json_array_get_element (array, i), into);
    }
}

/**
 * care_fhir_collect_references:
 * @resource: a resource
 * @into: (element-type utf8): a set of strings, owning them
 *
 * Adds "Type/id" for every relative or absolute Reference in @resource.
 * Contained and urn: references resolve inside the resource or Bundle,
 * so they are not collected.
 */
void
care_fhir_collect_references (JsonObject *resource,
                              GHashTable *into)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), resource);

  collect_node_references (node, into);
}

static const char *
get_link (JsonObject *bundle,
          const char *relation)
{
  JsonArray *links = care_fhir_get_array (bundle, "link");

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *link = care_fhir_get_array_object (bundle, "link", i);

      if (g_strcmp0 (care_fhir_get_string (link, "relation"), relation) == 0)
        return care_fhir_get_string (link, "url");
    }
  return NULL;
}

static void
note_outcome (CareFhirPage *page,
              JsonObject   *outcome)
{
  g_autofree char *text = NULL;
  CareFhirOutcomeKind kind = care_fhir_classify_outcome (outcome, &text);

  if (kind > page->outcome)
    {
      page->outcome = kind;
      g_free (page->outcome_text);
      page->outcome_text = g_steal_pointer (&text);
    }
}

static void
add_resource (CareFhirPage *page,
              GHashTable   *keys,
              JsonObject   *resource)
{
  const char *type = care_fhir_get_string (resource, "resourceType");
  const char *id = care_fhir_get_string (resource, "id");
  CareFhirRecord *record;
  char *key;

  if (type == NULL)
    return;
  if (g_str_equal (type, "OperationOutcome"))
    {
      note_outcome (page, resource);
      return;
    }
  /* Without an id a resource cannot be kept up to date or de-duplicated. */
  if (id == NULL || id[0] == '\0')
    return;

  key = g_strdup_printf ("%s/%s", type, id);
  if (!g_hash_table_add (keys, key))
    return;

  record = care_fhir_record_new (resource);
  care_fhir_collect_references (resource, page->references);
  g_ptr_array_add (page->records, record);
}

/**
 * care_fhir_page_parse:
 * @body: a response body
 * @content_type: (nullable): its Content-Type; %NULL skips the check
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Reads a searchset Bundle or a single resource. May run in any thread.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
CareFhirPage *
care_fhir_page_parse (GBytes      *body,
                      const char  *content_type,
                      GError     **error)
{
  g_autoptr(CareFhirPage) page = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GHashTable) keys = NULL;
  gsize length;
  const char *data;
  JsonArray *entries;

  g_return_val_if_fail (body != NULL, NULL);

  if (content_type != NULL && !care_fhir_is_json_content_type (content_type))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("The health system answered with something other than FHIR JSON."));
      return NULL;
    }

  data = g_bytes_get_data (body, &length);
  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("The health system sent an empty answer."));
      return NULL;
    }
  root = care_fhir_parse_resource (data, length, error);
  if (root == NULL)
    return NULL;

  page = g_new0 (CareFhirPage, 1);
  page->records = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);
  page->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_str_equal (care_fhir_get_string (root, "resourceType"), "Bundle"))
    {
      add_resource (page, keys, root);
      return g_steal_pointer (&page);
    }

  page->is_bundle = TRUE;
  page->next_url = g_strdup (get_link (root, "next"));
  page->self_url = g_strdup (get_link (root, "self"));

  entries = care_fhir_get_array (root, "entry");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = care_fhir_get_array_object (root, "entry", i);
      JsonObject *resource = care_fhir_get_object (entry, "resource");
      const char *mode = care_fhir_get_string (care_fhir_get_object (entry, "search"), "mode");

      if (resource == NULL)
        continue;
      if (g_strcmp0 (mode, "outcome") == 0 ||
          g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "OperationOutcome") == 0)
        note_outcome (page, resource);
      else
        add_resource (page, keys, resource);
    }

  return g_steal_pointer (&page);
}

typedef struct
{
  GBytes *body;
  char   *content_type;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_bytes_unref (data->body);
  g_free (data->content_type);
  g_free (data);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  CareFhirPage *page = care_fhir_page_parse (data->body, data->content_type, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify)care_fhir_page_free);
}

/**
 * care_fhir_page_parse_async:
 * @body: a response body
 * @content_type: (nullable): its Content-Type
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: for @callback
 *
 * Parses @body in a worker thread.
 */
void
care_fhir_page_parse_async (GBytes              *body,
                            const char          *content_type,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_return_if_fail (body != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_fhir_page_parse_async);
  data = g_new0 (ParseData, 1);
  data->body = g_bytes_ref (body);
  data->content_type = g_strdup (content_type);
  g_task_set_task_data (task, data, (GDestroyNotify)parse_data_free);
  g_task_run_in_thread (task, parse_in_thread);
}

/**
 * care_fhir_page_parse_finish:
 * @result: the result
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): the page
 */
CareFhirPage *
care_fhir_page_parse_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_fhir_page_parse_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
