/* care-directory.c — a directory of health systems (SMART User-access Brands)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the SMART User-access Brands format: a FHIR Bundle of Organization
 * resources (the brands people recognise, with their city) that point to
 * Endpoint resources (the FHIR base addresses). Each pair becomes one
 * entry a person can search by name, other names and city. A file is read
 * completely before anything is added, so a broken import changes nothing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-directory.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-json.h"
#include "care-portal-url.h"

struct _CareDirectoryEntry
{
  GObject   parent_instance;

  char     *name;
  char     *location;
  char     *fhir_base;
  char    **aliases;
};

G_DEFINE_FINAL_TYPE (CareDirectoryEntry, care_directory_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_NAME,
  ENTRY_PROP_LOCATION,
  ENTRY_PROP_FHIR_BASE,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

static void
care_directory_entry_finalize (GObject *object)
{
  CareDirectoryEntry *self = (CareDirectoryEntry *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->fhir_base, g_free);
  g_clear_pointer (&self->aliases, g_strfreev);

  G_OBJECT_CLASS (care_directory_entry_parent_class)->finalize (object);
}

static void
care_directory_entry_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CareDirectoryEntry *self = CARE_DIRECTORY_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case ENTRY_PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    case ENTRY_PROP_FHIR_BASE:
      g_value_set_string (value, self->fhir_base);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_directory_entry_class_init (CareDirectoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_directory_entry_finalize;
  object_class->get_property = care_directory_entry_get_property;

  entry_properties[ENTRY_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  entry_properties[ENTRY_PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  entry_properties[ENTRY_PROP_FHIR_BASE] =
    g_param_spec_string ("fhir-base", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
care_directory_entry_init (CareDirectoryEntry *self)
{
}

const char *
care_directory_entry_get_name (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->name;
}

/**
 * care_directory_entry_get_location:
 * @self: a #CareDirectoryEntry
 *
 * Returns: (nullable): "City, State" as the directory gives it
 */
const char *
care_directory_entry_get_location (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->location;
}

const char *
care_directory_entry_get_fhir_base (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->fhir_base;
}

/**
 * care_directory_entry_matches:
 * @self: a #CareDirectoryEntry
 * @query: what the user typed
 *
 * Matches every word of @query against the name, other names and city,
 * ignoring case and accents ("clinica" finds "Clínica").
 *
 * Returns: %TRUE if the entry matches, or @query is empty
 */
gboolean
care_directory_entry_matches (CareDirectoryEntry *self,
                              const char         *query)
{
  g_autoptr(GString) haystack = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) ascii = NULL;
  g_autofree char *hay_folded = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), FALSE);

  if (query == NULL)
    return TRUE;

  haystack = g_string_new (self->name);
  if (self->location != NULL)
    g_string_append_printf (haystack, " %s", self->location);
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    g_string_append_printf (haystack, " %s", self->aliases[i]);

  words = g_str_tokenize_and_fold (query, NULL, &ascii);
  if (words == NULL || words[0] == NULL)
    return TRUE;

  /* Every word typed must start some word of the entry. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!g_str_match_string (words[i], haystack->str, TRUE))
        return FALSE;
    }

  return TRUE;
}

struct _CareDirectory
{
  GObject    parent_instance;

  GPtrArray *entries;
};

static void care_directory_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareDirectory, care_directory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      care_directory_list_model_iface_init))

static GType
care_directory_get_item_type (GListModel *model)
{
  return CARE_TYPE_DIRECTORY_ENTRY;
}

static guint
care_directory_get_n_items (GListModel *model)
{
  return CARE_DIRECTORY (model)->entries->len;
}

static gpointer
care_directory_get_item (GListModel *model,
                         guint       position)
{
  CareDirectory *self = CARE_DIRECTORY (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
care_directory_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = care_directory_get_item_type;
  iface->get_n_items = care_directory_get_n_items;
  iface->get_item = care_directory_get_item;
}

static void
care_directory_finalize (GObject *object)
{
  CareDirectory *self = (CareDirectory *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (care_directory_parent_class)->finalize (object);
}

static void
care_directory_class_init (CareDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_directory_finalize;
}

static void
care_directory_init (CareDirectory *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * care_directory_new:
 *
 * Returns: (transfer full): an empty directory
 */
CareDirectory *
care_directory_new (void)
{
  return g_object_new (CARE_TYPE_DIRECTORY, NULL);
}

static char *
dup_location (JsonObject *organization)
{
  JsonArray *addresses = care_fhir_get_array (organization, "address");
  JsonObject *address;
  const char *city;
  const char *state;

  if (addresses == NULL || json_array_get_length (addresses) == 0)
    return NULL;

  address = json_array_get_object_element (addresses, 0);
  if (address == NULL)
    return NULL;
  city = care_fhir_get_string (address, "city");
  state = care_fhir_get_string (address, "state");

  if (city != NULL && state != NULL)
    /* Translators: a place in the directory of health systems: city, state */
    return g_strdup_printf (_("%1$s, %2$s"), city, state);

  return g_strdup (city != NULL ? city : state);
}

static char **
dup_aliases (JsonObject *organization)
{
  JsonArray *aliases = care_fhir_get_array (organization, "alias");
  g_autoptr(GPtrArray) result = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  for (guint i = 0; aliases != NULL && i < json_array_get_length (aliases); i++)
    {
      JsonNode *node = json_array_get_element (aliases, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (result, g_strdup (json_node_get_string (node)));
    }

  return (char **)g_ptr_array_steal (result, NULL);
}

static GPtrArray *
parse_bundle (GBytes  *bytes,
              GError **error)
{
  g_autoptr(JsonObject) bundle = NULL;
  g_autoptr(GHashTable) endpoints = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonArray *entries;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  if ((bundle = care_json_parse_object (data, length, &parse_error)) == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("This file is not a directory of health systems: it is not valid JSON."));
      return NULL;
    }

  entries = care_fhir_get_array (bundle, "entry");
  if (g_strcmp0 (care_fhir_get_string (bundle, "resourceType"), "Bundle") != 0 || entries == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("This file is not a directory of health systems: it holds no FHIR Bundle of organizations."));
      return NULL;
    }

  /* Endpoints are found by "Endpoint/id" and by their fullUrl. */
  endpoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *resource = care_fhir_get_object (entry, "resource");
      const char *id = care_fhir_get_string (resource, "id");
      const char *full_url = care_fhir_get_string (entry, "fullUrl");

      if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "Endpoint") != 0)
        continue;
      if (id != NULL)
        g_hash_table_insert (endpoints, g_strconcat ("Endpoint/", id, NULL), resource);
      if (full_url != NULL)
        g_hash_table_insert (endpoints, g_strdup (full_url), resource);
    }

  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *resource = care_fhir_get_object (entry, "resource");
      JsonArray *refs = care_fhir_get_array (resource, "endpoint");
      const char *name = care_fhir_get_string (resource, "name");

      if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "Organization") != 0 ||
          name == NULL || refs == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (refs); j++)
        {
          JsonObject *ref = json_array_get_object_element (refs, j);
          const char *reference = care_fhir_get_string (ref, "reference");
          JsonObject *endpoint = reference != NULL ? g_hash_table_lookup (endpoints, reference) : NULL;
          g_autofree char *base = NULL;
          CareDirectoryEntry *item;

          if (endpoint == NULL)
            continue;
          base = care_portal_url_normalize (care_fhir_get_string (endpoint, "address") ?: "", NULL);
          if (base == NULL)
            {
              g_debug ("Directory: skipping an endpoint with an unusable address");
              continue;
            }

          item = g_object_new (CARE_TYPE_DIRECTORY_ENTRY, NULL);
          item->name = g_strdup (name);
          item->location = dup_location (resource);
          item->fhir_base = g_steal_pointer (&base);
          item->aliases = dup_aliases (resource);
          g_ptr_array_add (added, item);
        }
    }

  return g_steal_pointer (&added);
}

static void
append_entries (CareDirectory *self,
                GPtrArray     *added)
{
  guint position = self->entries->len;

  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (self->entries, g_object_ref (g_ptr_array_index (added, i)));
  if (added->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added->len);
}

/**
 * care_directory_add_bytes:
 * @self: a #CareDirectory
 * @bytes: a SMART User-access Brands Bundle as JSON
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Adds every health system of the bundle that has a usable FHIR base
 * (https, or http to this machine). Nothing is added when the bundle
 * cannot be read.
 *
 * Returns: %TRUE on success
 */
gboolean
care_directory_add_bytes (CareDirectory  *self,
                          GBytes         *bytes,
                          GError        **error)
{
  g_autoptr(GPtrArray) added = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  added = parse_bundle (bytes, error);
  if (added == NULL)
    return FALSE;

  append_entries (self, added);
  return TRUE;
}

/**
 * care_directory_add_file:
 * @self: a #CareDirectory
 * @file: a SMART User-access Brands file
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
care_directory_add_file (CareDirectory  *self,
                         GFile          *file,
                         GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;

  return care_directory_add_bytes (self, bytes, error);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *added;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  added = parse_bundle (bytes, &error);
  if (added == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, added, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * care_directory_add_file_async:
 * @self: a #CareDirectory
 * @file: a SMART User-access Brands file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file has been read
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker thread (real directories list
 * thousands of health systems), then adds its entries on the caller's
 * main context.
 */
void
care_directory_add_file_async (CareDirectory       *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARE_IS_DIRECTORY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_directory_add_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, parse_in_thread);
}

/**
 * care_directory_add_file_finish:
 * @self: a #CareDirectory
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the entries were added
 */
gboolean
care_directory_add_file_finish (CareDirectory  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_autoptr(GPtrArray) added = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  added = g_task_propagate_pointer (G_TASK (result), error);
  if (added == NULL)
    return FALSE;

  append_entries (self, added);
  return TRUE;
}
