/* care-sandbox-scheduling-json.c — the scheduling code's small helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and changing the JSON of Appointments, Slots and visit types
 * (members, extensions, times) and listing resources of the store, shared
 * by care-sandbox-scheduling.c ($find, $hold, $book) and
 * care-sandbox-scheduling-rules.c (updates, $check-in, the wait list).
 */
#include "config.h"

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-scheduling-private.h"

#include <string.h>

const char *
sched_str (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
sched_obj (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
sched_array (JsonObject *object,
             const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
sched_extension (JsonObject *object,
                 const char *url)
{
  JsonArray *list = sched_array (object, "extension");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *extension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (sched_str (extension, "url"), url) == 0)
        return extension;
    }
  return NULL;
}

void
sched_remove_extension (JsonObject *object,
                        const char *url)
{
  JsonArray *list = sched_array (object, "extension");
  g_autoptr(JsonArray) kept = json_array_new ();

  if (list == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *extension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (sched_str (extension, "url"), url) != 0)
        json_array_add_element (kept, json_node_copy (node));
    }
  if (json_array_get_length (kept) == 0)
    json_object_remove_member (object, "extension");
  else
    json_object_set_array_member (object, "extension", json_array_ref (kept));
}

void
sched_add_extension (JsonObject *object,
                     JsonObject *extension)
{
  JsonArray *list = sched_array (object, "extension");

  if (list == NULL)
    {
      list = json_array_new ();
      json_object_set_array_member (object, "extension", list);
    }
  json_array_add_object_element (list, extension);
}

gint64
sched_parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return 0;
  if (strlen (text) == 10)
    {
      /* A date is a day in the clinics' town. */
      g_autofree char *full = g_strconcat (text, "T00:00:00-08:00", NULL);

      time = g_date_time_new_from_iso8601 (full, NULL);
    }
  else
    time = g_date_time_new_from_iso8601 (text, NULL);

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

char *
sched_format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

JsonObject *
sched_parse (const char *json)
{
  return json != NULL ? care_sandbox_fhir_parse_object (json, -1, NULL) : NULL;
}

/* Every resource of @type, oldest start first (the store sorts by its date). */
GPtrArray *
sched_list (CareSandboxStore *store,
            const char       *type,
            const char       *patient)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  CareSandboxSearch search = { 0 };
  g_autoptr(CareSandboxPage) page = NULL;

  search.type = type;
  search.patient = patient;
  search.count = 20000;
  page = care_sandbox_store_search (store, &search, NULL);
  for (guint i = 0; page != NULL && i < page->resources->len; i++)
    {
      JsonObject *object = sched_parse (g_ptr_array_index (page->resources, i));

      if (object != NULL)
        g_ptr_array_add (list, object);
    }
  return list;
}

const char *
sched_visit_code (JsonObject *appointment)
{
  JsonArray *types = sched_array (appointment, "serviceType");

  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      JsonArray *codings = sched_array (json_array_get_object_element (types, i), "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          JsonObject *coding = json_array_get_object_element (codings, j);

          if (g_strcmp0 (sched_str (coding, "system"), CARE_SCHEDULING_VISIT_TYPES) == 0)
            return sched_str (coding, "code");
        }
    }
  return NULL;
}

JsonObject *
sched_visit_type (CareSandboxStore *store,
                  const char       *code)
{
  g_autofree char *id = NULL;
  JsonObject *service;

  if (code == NULL || strlen (code) > 64)
    return NULL;
  id = g_strconcat ("visit-", code, NULL);
  service = care_sandbox_store_get (store, "HealthcareService", id);
  if (service != NULL && !json_object_get_boolean_member_with_default (service, "active", TRUE))
    g_clear_pointer (&service, json_object_unref);
  return service;
}

gboolean
sched_has_code (JsonObject *object,
                const char *member,
                const char *code)
{
  JsonArray *concepts = sched_array (object, member);

  for (guint i = 0; concepts != NULL && i < json_array_get_length (concepts); i++)
    {
      JsonArray *codings = sched_array (json_array_get_object_element (concepts, i), "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        if (g_strcmp0 (sched_str (json_array_get_object_element (codings, j), "code"), code) == 0)
          return TRUE;
    }
  return FALSE;
}
