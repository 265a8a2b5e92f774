/* care-directory.c — a directory of health systems (SMART User-access Brands)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the SMART App Launch "User-access Brands" format: a FHIR Bundle of
 * Organization resources (the brands people recognise, with their place,
 * logo and portal) that point to Endpoint resources (the FHIR base
 * addresses). Each (brand, endpoint) pair becomes one entry. An Endpoint's
 * managingOrganization may name a vendor programme whose Carebook extension
 * holds the client id and redirect its portals want; so may the Endpoint
 * itself. The shipped directory (tools/update-directory.py) is gzip'd; a
 * file is read and indexed completely in a worker thread before anything is
 * added, so a broken import changes nothing and the window never waits.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-directory.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-json.h"
#include "care-portal-url.h"

#define EXT_PROGRAMME "https://carebook.org/fhir/StructureDefinition/client-programme"
#define EXT_BRAND     "http://hl7.org/fhir/StructureDefinition/organization-brand"
#define EXT_PORTAL    "http://hl7.org/fhir/StructureDefinition/organization-portal"

/* The shipped directory is ~15 MB of JSON; anything much larger is not one. */
#define MAX_JSON_SIZE (64 * 1024 * 1024)
#define MAX_DEPTH     200

struct _CareDirectory
{
  GObject    parent_instance;

  GPtrArray *entries;
  char      *source_name;
  char      *source_url;
  GDateTime *updated;
};

typedef struct
{
  GPtrArray *entries;
  char      *source_name;
  char      *source_url;
  GDateTime *updated;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->entries, g_ptr_array_unref);
  g_free (parsed->source_name);
  g_free (parsed->source_url);
  g_clear_pointer (&parsed->updated, g_date_time_unref);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static void care_directory_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareDirectory, care_directory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      care_directory_list_model_iface_init))

enum {
  PROP_0,
  PROP_SOURCE_NAME,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (care_directory_parent_class)->finalize (object);
}

static void
care_directory_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CareDirectory *self = CARE_DIRECTORY (object);

  switch (prop_id)
    {
    case PROP_SOURCE_NAME:
      g_value_set_string (value, self->source_name);
      break;

    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_directory_class_init (CareDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_directory_finalize;
  object_class->get_property = care_directory_get_property;

  properties[PROP_SOURCE_NAME] =
    g_param_spec_string ("source-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
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

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
find_extension (JsonObject *object,
                const char *url)
{
  JsonArray *extensions = care_fhir_get_array (object, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = array_object (extensions, i);

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), url) == 0)
        return extension;
    }

  return NULL;
}

/* A string value of a complex extension's part: valueString, valueUrl… */
static const char *
sub_value (JsonObject *extension,
           const char *url,
           const char *value_member)
{
  return care_fhir_get_string (find_extension (extension, url), value_member);
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

/* Only http(s) logos: a data file must not make Carebook read local files. */
static const char *
usable_logo (const char *url)
{
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    return url;
  return NULL;
}

static void
read_programme (JsonObject             *object,
                CareDirectoryEntryInfo *info)
{
  JsonObject *programme = find_extension (object, EXT_PROGRAMME);
  const char *client_id = sub_value (programme, "clientId", "valueString");
  const char *redirect = sub_value (programme, "redirect", "valueCode");

  if (programme == NULL)
    return;
  if (client_id != NULL && client_id[0] != '\0')
    info->client_id = client_id;
  if (g_strcmp0 (redirect, "private-scheme") == 0)
    info->redirect = CARE_REDIRECT_PRIVATE_SCHEME;
  else if (g_strcmp0 (redirect, "loopback") == 0)
    info->redirect = CARE_REDIRECT_LOOPBACK;
}

/* The portal extension that names this endpoint, else one that names none. */
static JsonObject *
find_portal (JsonObject *organization,
             const char *reference)
{
  JsonArray *extensions = care_fhir_get_array (organization, "extension");
  JsonObject *fallback = NULL;

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = array_object (extensions, i);
      JsonObject *endpoint;

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), EXT_PORTAL) != 0)
        continue;
      endpoint = care_fhir_get_object (find_extension (extension, "portalEndpoint"), "valueReference");
      if (endpoint == NULL)
        fallback = fallback != NULL ? fallback : extension;
      else if (g_strcmp0 (care_fhir_get_string (endpoint, "reference"), reference) == 0)
        return extension;
    }

  return fallback;
}

static void
add_organization (GPtrArray  *added,
                  JsonObject *organization,
                  GHashTable *resources)
{
  JsonArray *refs = care_fhir_get_array (organization, "endpoint");
  JsonObject *address = care_fhir_get_array_object (organization, "address", 0);
  JsonObject *brand = find_extension (organization, EXT_BRAND);
  const char *name = care_fhir_get_string (organization, "name");
  g_auto(GStrv) aliases = NULL;

  if (name == NULL || refs == NULL)
    return;
  aliases = dup_aliases (organization);

  for (guint j = 0; j < json_array_get_length (refs); j++)
    {
      const char *reference = care_fhir_get_string (array_object (refs, j), "reference");
      JsonObject *endpoint = reference != NULL ? g_hash_table_lookup (resources, reference) : NULL;
      JsonObject *portal = find_portal (organization, reference);
      JsonObject *vendor = NULL;
      const char *vendor_ref;
      const char *state;
      g_autofree char *base = NULL;
      CareDirectoryEntryInfo info = { 0 };

      if (endpoint == NULL ||
          g_strcmp0 (care_fhir_get_string (endpoint, "resourceType"), "Endpoint") != 0)
        continue;
      base = care_portal_url_normalize (care_fhir_get_string (endpoint, "address") ?: "", NULL);
      if (base == NULL)
        {
          g_debug ("Directory: skipping an endpoint with an unusable address");
          continue;
        }

      vendor_ref = care_fhir_get_string (care_fhir_get_object (endpoint, "managingOrganization"),
                                         "reference");
      if (vendor_ref != NULL)
        vendor = g_hash_table_lookup (resources, vendor_ref);

      state = care_fhir_get_string (address, "state");
      info.name = name;
      info.fhir_base = base;
      info.aliases = (const char *const *)aliases;
      info.city = care_fhir_get_string (address, "city");
      info.state = state != NULL && care_directory_state_name (state) != NULL ? state : NULL;
      info.postal_code = care_fhir_get_string (address, "postalCode");
      info.logo_url = usable_logo (sub_value (brand, "brandLogo", "valueUrl"));
      info.portal_name = sub_value (portal, "portalName", "valueString");
      info.portal_url = sub_value (portal, "portalUrl", "valueUrl");
      info.vendor = care_fhir_get_string (vendor, "name");
      info.redirect = CARE_REDIRECT_LOOPBACK;
      /* The programme first; the endpoint may say otherwise for itself. */
      read_programme (vendor, &info);
      read_programme (endpoint, &info);

      /* A state that is not a US one ("Querétaro") is shown as given. */
      if (state != NULL && info.state == NULL && info.city == NULL)
        info.city = state;

      g_ptr_array_add (added, care_directory_entry_new (&info));
    }
}

static gboolean
nested_too_deep (const char *data,
                 gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > MAX_DEPTH)
        return TRUE;
      else if (c == '}' || c == ']')
        depth--;
    }

  return FALSE;
}

/* Gzip'd files are recognised by their magic number, whatever their name. */
static GBytes *
maybe_gunzip (GBytes  *bytes,
              GError **error)
{
  g_autoptr(GConverter) converter = NULL;
  g_autoptr(GByteArray) out = NULL;
  const guint8 *in;
  gsize in_length;
  gsize in_done = 0;

  in = g_bytes_get_data (bytes, &in_length);
  if (in_length < 2 || in[0] != 0x1f || in[1] != 0x8b)
    return g_bytes_ref (bytes);

  converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  out = g_byte_array_sized_new (in_length * 8);
  for (;;)
    {
      guint8 buffer[64 * 1024];
      gsize read = 0, written = 0;
      GConverterResult result;
      g_autoptr(GError) local_error = NULL;

      result = g_converter_convert (converter, in + in_done, in_length - in_done,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                               _("This file is not a list of health systems: it is damaged."));
          return NULL;
        }
      in_done += read;
      g_byte_array_append (out, buffer, written);
      if (out->len > MAX_JSON_SIZE)
        {
          g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                               _("This file is too large to be a list of health systems."));
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static JsonNode *
parse_json (GBytes  *bytes,
            GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize length;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &length);
  if (length > MAX_JSON_SIZE)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("This file is too large to be a list of health systems."));
      return NULL;
    }

  root = care_fhir_json_parse_plain (data, length);
  if (root != NULL)
    return root;

  parser = json_parser_new ();
  if (nested_too_deep (data, length) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("This file is not a list of health systems: it is not valid JSON."));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

static void
read_source (JsonObject *bundle,
             Parsed     *parsed)
{
  JsonObject *meta = care_fhir_get_object (bundle, "meta");
  JsonArray *tags = care_fhir_get_array (meta, "tag");
  const char *updated = care_fhir_get_string (meta, "lastUpdated");

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = array_object (tags, i);

      if (g_strcmp0 (care_fhir_get_string (tag, "code"), "source") == 0)
        parsed->source_name = g_strdup (care_fhir_get_string (tag, "display"));
    }
  parsed->source_url = g_strdup (care_fhir_get_string (meta, "source"));
  if (updated == NULL)
    updated = care_fhir_get_string (bundle, "timestamp");
  if (updated != NULL)
    parsed->updated = g_date_time_new_from_iso8601 (updated, NULL);
}

static Parsed *
parse_bundle (GBytes  *bytes,
              GError **error)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) resources = NULL;
  g_autoptr(Parsed) parsed = g_new0 (Parsed, 1);
  JsonObject *bundle;
  JsonArray *entries;

  json = maybe_gunzip (bytes, error);
  if (json == NULL)
    return NULL;
  root = parse_json (json, error);
  if (root == NULL)
    return NULL;

  bundle = json_node_get_object (root);
  entries = care_fhir_get_array (bundle, "entry");
  if (g_strcmp0 (care_fhir_get_string (bundle, "resourceType"), "Bundle") != 0 || entries == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("This file is not a list of health systems: it holds no FHIR Bundle of organizations."));
      return NULL;
    }

  /* Resources are found by "Type/id" and by their fullUrl. */
  resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = array_object (entries, i);
      JsonObject *resource = care_fhir_get_object (entry, "resource");
      const char *type = care_fhir_get_string (resource, "resourceType");
      const char *id = care_fhir_get_string (resource, "id");
      const char *full_url = care_fhir_get_string (entry, "fullUrl");

      if (type == NULL)
        continue;
      if (id != NULL)
        g_hash_table_insert (resources, g_strconcat (type, "/", id, NULL), resource);
      if (full_url != NULL)
        g_hash_table_insert (resources, g_strdup (full_url), resource);
    }

  parsed->entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = care_fhir_get_object (array_object (entries, i), "resource");

      if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "Organization") == 0)
        add_organization (parsed->entries, resource, resources);
    }
  read_source (bundle, parsed);

  return g_steal_pointer (&parsed);
}

static void
append_parsed (CareDirectory *self,
               Parsed        *parsed)
{
  GPtrArray *added = parsed->entries;
  guint position = self->entries->len;

  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (self->entries, g_object_ref (g_ptr_array_index (added, i)));

  /* The first file that names its source (the shipped one) is the one
   * the app credits. */
  if (self->source_name == NULL && parsed->source_name != NULL)
    {
      self->source_name = g_strdup (parsed->source_name);
      self->source_url = g_strdup (parsed->source_url);
      g_clear_pointer (&self->updated, g_date_time_unref);
      self->updated = parsed->updated != NULL ? g_date_time_ref (parsed->updated) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_NAME]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
    }

  if (added->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added->len);
}

/**
 * care_directory_add_bytes:
 * @self: a #CareDirectory
 * @bytes: a SMART User-access Brands Bundle as JSON, maybe gzip'd
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
  g_autoptr(Parsed) parsed = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  parsed = parse_bundle (bytes, error);
  if (parsed == NULL)
    return FALSE;

  append_parsed (self, parsed);
  return TRUE;
}

/**
 * care_directory_add_file:
 * @self: a #CareDirectory
 * @file: a SMART User-access Brands file, maybe gzip'd
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
  Parsed *parsed;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  parsed = parse_bundle (bytes, &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, (GDestroyNotify)parsed_free);
}

/**
 * care_directory_add_file_async:
 * @self: a #CareDirectory
 * @file: a SMART User-access Brands file, maybe gzip'd
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file has been read
 * @user_data: data for @callback
 *
 * Reads, parses and indexes @file in a worker thread (the shipped
 * directory lists tens of thousands of health systems), then adds its
 * entries on the caller's main context.
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
  g_autoptr(Parsed) parsed = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  parsed = g_task_propagate_pointer (G_TASK (result), error);
  if (parsed == NULL)
    return FALSE;

  append_parsed (self, parsed);
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * care_directory_list_files:
 * @folder: a folder of directory files
 *
 * Returns: (transfer full) (element-type utf8): the paths of its `.json`
 *   and `.json.gz` files, sorted so the list has the same order at every
 *   start; empty if the folder cannot be read
 */
GPtrArray *
care_directory_list_files (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (folder != NULL, paths);

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".json.gz"))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));

  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

typedef struct
{
  int                 score;
  CareDirectoryEntry *entry;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *x = a;
  const Match *y = b;
  const char *x_name = care_directory_entry_get_name (x->entry);
  const char *y_name = care_directory_entry_get_name (y->entry);
  gsize x_length = strlen (x_name);
  gsize y_length = strlen (y_name);

  if (x->score != y->score)
    return y->score - x->score;
  /* Shorter names first: "Mayo Clinic" before "Mayo Clinic Health System - Albert Lea". */
  if (x_length != y_length)
    return x_length < y_length ? -1 : 1;
  return g_strcmp0 (x_name, y_name);
}

/**
 * care_directory_search:
 * @self: a #CareDirectory
 * @query: (nullable): what someone typed: words of a name in any order,
 *   a state (code or name), a zip code
 * @limit: the most entries wanted, 0 for all
 *
 * Case, accents and punctuation do not matter. The best matches come first:
 * the whole name, then names that start with the query, then names that
 * hold every word, then matches by place. An empty query matches nothing.
 *
 * Returns: (transfer container) (element-type CareDirectoryEntry): the
 *   matching entries, best first
 */
GPtrArray *
care_directory_search (CareDirectory *self,
                       const char    *query,
                       guint          limit)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) matches = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), result);

  words = care_directory_split_query (query);
  if (words[0] == NULL)
    return result;

  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  for (guint i = 0; i < self->entries->len; i++)
    {
      CareDirectoryEntry *entry = g_ptr_array_index (self->entries, i);
      Match match = { care_directory_entry_score (entry, (const char *const *)words), entry };

      if (match.score >= 0)
        g_array_append_val (matches, match);
    }

  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len && (limit == 0 || i < limit); i++)
    g_ptr_array_add (result, g_object_ref (g_array_index (matches, Match, i).entry));

  return result;
}

/**
 * care_directory_get_source_name:
 * @self: a #CareDirectory
 *
 * Returns: (nullable): where the directory's health systems come from, in
 *   words, as the shipped file says
 */
const char *
care_directory_get_source_name (CareDirectory *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY (self), NULL);

  return self->source_name;
}

/**
 * care_directory_get_source_url:
 * @self: a #CareDirectory
 *
 * Returns: (nullable): where the directory's health systems come from
 */
const char *
care_directory_get_source_url (CareDirectory *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY (self), NULL);

  return self->source_url;
}

/**
 * care_directory_get_updated:
 * @self: a #CareDirectory
 *
 * Returns: (nullable) (transfer none): the date of the source lists
 */
GDateTime *
care_directory_get_updated (CareDirectory *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY (self), NULL);

  return self->updated;
}
