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

#include "care-directory-private.h"
#include "care-portal-url.h"

struct _CareDirectory
{
  GObject    parent_instance;

  GPtrArray *entries;
  guint      n_loading;
  char      *source_name;
  char      *source_url;
  GDateTime *updated;
};

static void care_directory_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareDirectory, care_directory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      care_directory_list_model_iface_init))

enum {
  PROP_0,
  PROP_SOURCE_NAME,
  PROP_UPDATED,
  PROP_LOADING,
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

    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
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
  /* Whether files are still being read (after the window's first frame:
   * care-application.c's load_directories()). */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
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

  parsed = care_directory_parse_bundle (bytes, error);
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

  parsed = care_directory_parse_bundle (bytes, &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, (GDestroyNotify)care_directory_parsed_free);
}

static void
on_file_read_cb (GTask         *task,
                 GParamSpec    *pspec,
                 CareDirectory *self)
{
  if (--self->n_loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
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
  if (self->n_loading++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (on_file_read_cb), self, 0);
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

/**
 * care_directory_lookup:
 * @self: a #CareDirectory
 * @fhir_base: a FHIR base, as typed or opened (it is normalized here)
 *
 * What the directory knows of a portal, whichever way its address came:
 * the sign-in asks it for the client id and the redirect to use.
 *
 * Returns: (transfer none) (nullable): the first entry with that base
 */
CareDirectoryEntry *
care_directory_lookup (CareDirectory *self,
                       const char    *fhir_base)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY (self), NULL);
  g_return_val_if_fail (fhir_base != NULL, NULL);

  base = care_portal_url_normalize (fhir_base, NULL);
  if (base == NULL)
    return NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      CareDirectoryEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (care_directory_entry_get_fhir_base (entry), base) == 0)
        return entry;
    }

  return NULL;
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
      guint at;

      if (match.score < 0)
        continue;
      if (limit == 0)
        {
          g_array_append_val (matches, match);
          continue;
        }

      /* Only the best @limit are kept, in order: one letter typed matches
       * most of the list, and sorting all of it per key is what costs. */
      if (matches->len == limit &&
          compare_matches (&match, &g_array_index (matches, Match, limit - 1)) >= 0)
        continue;
      for (at = matches->len; at > 0; at--)
        if (compare_matches (&match, &g_array_index (matches, Match, at - 1)) >= 0)
          break;
      g_array_insert_val (matches, at, match);
      if (matches->len > limit)
        g_array_set_size (matches, limit);
    }

  if (limit == 0)
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
/**
 * care_directory_is_loading:
 * @self: a #CareDirectory
 *
 * Returns: whether files given to care_directory_add_file_async() are
 *   still being read
 */
gboolean
care_directory_is_loading (CareDirectory *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY (self), FALSE);

  return self->n_loading > 0;
}

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
