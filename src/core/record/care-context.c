/* care-context.c — the services a window and its views share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bundle handed to the window and every view as a construct-only
 * property (STYLE.md §4): the people this install may see, the person on
 * screen, and the sync state. Nothing fetches it from a global.
 */
#include "config.h"

#include "care-context.h"
#include "care-paths.h"
#include "care-record.h"

struct _CareContext
{
  GObject        parent_instance;

  GListStore    *people;
  CarePerson    *person;
  CareSyncState *sync_state;
  CareDirectory *directory;
  GHashTable    *records;
  CareRecord    *record;
  GBindingGroup *state_bindings;
  GDate          today;
  guint          demo : 1;
};

G_DEFINE_FINAL_TYPE (CareContext, care_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEMO,
  PROP_PEOPLE,
  PROP_PERSON,
  PROP_SYNC_STATE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNC_REQUESTED,
  RECORD_NEWS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
care_context_dispose (GObject *object)
{
  CareContext *self = (CareContext *)object;

  if (self->state_bindings != NULL)
    g_binding_group_set_source (self->state_bindings, NULL);
  g_clear_object (&self->state_bindings);
  g_clear_object (&self->record);
  g_clear_pointer (&self->records, g_hash_table_unref);
  g_clear_object (&self->person);
  g_clear_object (&self->people);
  g_clear_object (&self->sync_state);
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (care_context_parent_class)->dispose (object);
}

static void
care_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CareContext *self = CARE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    case PROP_SYNC_STATE:
      g_value_set_object (value, self->sync_state);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CareContext *self = CARE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    case PROP_PERSON:
      care_context_set_person (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_context_class_init (CareContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_context_dispose;
  object_class->get_property = care_context_get_property;
  object_class->set_property = care_context_set_property;

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         CARE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYNC_STATE] =
    g_param_spec_object ("sync-state", NULL, NULL,
                         CARE_TYPE_SYNC_STATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL,
                         CARE_TYPE_RECORD,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CareContext::sync-requested:
   *
   * The user asked for a sync now (the Refresh action); the sync engine
   * listens.
   */
  signals[SYNC_REQUESTED] =
    g_signal_new ("sync-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CareContext::record-news:
   * @self: the context
   * @record: whose record
   * @news: (element-type CareSyncNews): what its sync brought
   *
   * Relays #CareRecord::news from every record of the context.
   */
  signals[RECORD_NEWS] =
    g_signal_new ("record-news",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CARE_TYPE_RECORD, G_TYPE_PTR_ARRAY);
}

static void
on_record_news_cb (CareRecord  *record,
                   GPtrArray   *news,
                   CareContext *self)
{
  g_signal_emit (self, signals[RECORD_NEWS], 0, record, news);
}

static void
forget_record (CareContext *self,
               const char  *person_id)
{
  CareRecord *old = g_hash_table_lookup (self->records, person_id);

  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, on_record_news_cb, self);
}

static void
care_context_init (CareContext *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->people = g_list_store_new (CARE_TYPE_PERSON);
  self->sync_state = care_sync_state_new ();
  self->directory = care_directory_new ();
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* The header shows the sync state of the person on screen. */
  self->state_bindings = g_binding_group_new ();
  g_binding_group_bind (self->state_bindings, "phase", self->sync_state, "phase",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "progress", self->sync_state, "progress",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "last-synced", self->sync_state, "last-synced",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "online", self->sync_state, "online",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "message", self->sync_state, "message",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "sign-in-needed", self->sync_state, "sign-in-needed",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "indexing", self->sync_state, "indexing",
                        G_BINDING_SYNC_CREATE);
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * care_context_new:
 * @demo: whether this context shows the demo portal
 *
 * Returns: (transfer full): a new #CareContext
 */
CareContext *
care_context_new (gboolean demo)
{
  return g_object_new (CARE_TYPE_CONTEXT, "demo", demo, NULL);
}

gboolean
care_context_get_demo (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), FALSE);

  return self->demo;
}

/**
 * care_context_get_people:
 * @self: a #CareContext
 *
 * Returns: (transfer none): a #GListModel of #CarePerson, self first
 */
GListModel *
care_context_get_people (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return G_LIST_MODEL (self->people);
}

/**
 * care_context_add_person:
 * @self: a #CareContext
 * @person: a person to add
 *
 * Adds @person, or replaces the person with the same id, so a repeated
 * sign-in never shows someone twice. The first person added becomes the
 * person on screen.
 */
void
care_context_add_person (CareContext *self,
                         CarePerson  *person)
{
  guint n;

  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (CARE_IS_PERSON (person));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarePerson) other = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (g_str_equal (care_person_get_id (other), care_person_get_id (person)))
        {
          g_list_store_splice (self->people, i, 1, (gpointer *)&person, 1);
          if (self->person == other)
            care_context_set_person (self, person);
          return;
        }
    }

  g_list_store_append (self->people, person);

  if (self->person == NULL)
    care_context_set_person (self, person);
}

/**
 * care_context_lookup_person:
 * @self: a #CareContext
 * @id: a person id
 *
 * Returns: (transfer none) (nullable): the person, or %NULL
 */
CarePerson *
care_context_lookup_person (CareContext *self,
                            const char  *id)
{
  guint n;

  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (g_str_equal (care_person_get_id (person), id))
        return person;   /* the store keeps its reference */
    }

  return NULL;
}

/**
 * care_context_get_person:
 * @self: a #CareContext
 *
 * Returns: (transfer none) (nullable): the person whose record is on screen
 */
CarePerson *
care_context_get_person (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return self->person;
}

static void
update_record (CareContext *self)
{
  CareRecord *record = NULL;

  if (self->person != NULL)
    record = g_hash_table_lookup (self->records, care_person_get_id (self->person));

  if (!g_set_object (&self->record, record))
    return;

  g_binding_group_set_source (self->state_bindings,
                              record != NULL ? care_record_get_sync_state (record) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * care_context_add_record:
 * @self: a #CareContext
 * @record: a person's record; it replaces any earlier one of theirs
 *
 * Views of that person read from @record from now on.
 */
void
care_context_add_record (CareContext *self,
                         CareRecord  *record)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (CARE_IS_RECORD (record));

  forget_record (self, care_person_get_id (care_record_get_person (record)));
  g_signal_connect_object (record, "news", G_CALLBACK (on_record_news_cb), self, 0);
  g_hash_table_replace (self->records,
                        g_strdup (care_person_get_id (care_record_get_person (record))),
                        g_object_ref (record));
  update_record (self);
}

/**
 * care_context_remove_record:
 * @self: a #CareContext
 * @person_id: whose record
 */
void
care_context_remove_record (CareContext *self,
                            const char  *person_id)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (person_id != NULL);

  if (self->record != NULL &&
      g_str_equal (care_person_get_id (care_record_get_person (self->record)), person_id))
    {
      g_binding_group_set_source (self->state_bindings, NULL);
      g_clear_object (&self->record);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
    }
  forget_record (self, person_id);
  g_hash_table_remove (self->records, person_id);
}

/**
 * care_context_get_record:
 * @self: a #CareContext
 *
 * Returns: (transfer none) (nullable): the record of the person on screen
 */
CareRecord *
care_context_get_record (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return self->record;
}

/**
 * care_context_lookup_record:
 * @self: a #CareContext
 * @person_id: a person id
 *
 * Returns: (transfer none) (nullable): that person's record
 */
CareRecord *
care_context_lookup_record (CareContext *self,
                            const char  *person_id)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  return g_hash_table_lookup (self->records, person_id);
}

/**
 * care_context_dup_records:
 * @self: a #CareContext
 *
 * Returns: (transfer container) (element-type CareRecord): every record
 */
GPtrArray *
care_context_dup_records (CareContext *self)
{
  GPtrArray *records;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  records = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (records, value);
  return records;
}

void
care_context_set_person (CareContext *self,
                         CarePerson  *person)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (person == NULL || CARE_IS_PERSON (person));

  if (g_set_object (&self->person, person))
    {
      update_record (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
    }
}

/**
 * care_context_get_sync_state:
 * @self: a #CareContext
 *
 * Returns: (transfer none): the sync state the header shows
 */
CareSyncState *
care_context_get_sync_state (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return self->sync_state;
}

/**
 * care_context_get_today:
 * @self: a #CareContext
 * @out_today: (out caller-allocates): where to store the day
 *
 * The day ages and due dates are measured on: today, unless a test fixed it.
 */
void
care_context_get_today (CareContext *self,
                        GDate       *out_today)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (out_today != NULL);

  *out_today = self->today;
}

void
care_context_set_today (CareContext *self,
                        GDate       *today)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
}

/**
 * care_context_request_sync:
 * @self: a #CareContext
 *
 * Asks whoever syncs this context's people to sync now.
 */
void
care_context_request_sync (CareContext *self)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));

  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
}

/**
 * care_context_get_directory:
 * @self: a #CareContext
 *
 * Returns: (transfer none): the directory of health systems to pick from
 */
CareDirectory *
care_context_get_directory (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return self->directory;
}

static char *
dup_imported_dir (void)
{
  g_autofree char *config = care_paths_dup_config_dir ();

  return g_build_filename (config, "directories", NULL);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A broken directory file costs only its entries; the address entry
   * still works, so this is not shown as an error. */
  if (!care_directory_add_file_finish (CARE_DIRECTORY (source), result, &error))
    g_debug ("A directory of health systems could not be read: %s", error->message);
}

static void
load_folder (CareDirectory *directory,
             const char    *path)
{
  g_autoptr(GPtrArray) files = care_directory_list_files (path);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));

      care_directory_add_file_async (directory, file, NULL, loaded_cb, NULL);
    }
}

/**
 * care_context_load_directories:
 * @self: a #CareContext
 * @shipped_dir: (nullable): the folder of directory files Carebook ships
 *
 * Starts reading the shipped directories and the ones the user imported,
 * in worker threads. The demo portal's own entry, in the shipped folder's
 * demo/, is read only for the demo.
 */
void
care_context_load_directories (CareContext *self,
                               const char  *shipped_dir)
{
  g_autofree char *imported = dup_imported_dir ();

  g_return_if_fail (CARE_IS_CONTEXT (self));

  if (shipped_dir != NULL)
    {
      load_folder (self->directory, shipped_dir);
      if (self->demo)
        {
          g_autofree char *demo = g_build_filename (shipped_dir, "demo", NULL);

          load_folder (self->directory, demo);
        }
    }
  load_folder (self->directory, imported);
}

static void
import_parsed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *target = NULL;
  GFile *file = g_task_get_task_data (task);

  if (!care_directory_add_file_finish (CARE_DIRECTORY (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Keep a copy, so the imported health systems are there next time. The
   * file was just read successfully, so reading it again is cheap. */
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  folder = dup_imported_dir ();
  basename = g_file_get_basename (file);
  target = g_build_filename (folder, basename, NULL);
  if (bytes == NULL ||
      !care_paths_write_private_file (target, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * care_context_import_directory_async:
 * @self: a #CareContext
 * @file: a SMART User-access Brands file the user chose
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds the health systems of @file to the directory and keeps a copy for
 * later starts. A file that cannot be read changes nothing.
 */
void
care_context_import_directory_async (CareContext         *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_context_import_directory_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  care_directory_add_file_async (self->directory, file, cancellable, import_parsed_cb, task);
}

gboolean
care_context_import_directory_finish (CareContext   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * care_context_can_sync:
 * @self: a #CareContext
 *
 * Returns: %TRUE if someone (the sync engine) answers sync requests, so a
 *   Refresh button never does nothing
 */
gboolean
care_context_can_sync (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), FALSE);

  return self->person != NULL &&
         g_signal_has_handler_pending (self, signals[SYNC_REQUESTED], 0, TRUE);
}

/**
 * care_context_remove_person:
 * @self: a #CareContext
 * @id: a person id
 *
 * Removes the person; if they were on screen, the first remaining person
 * takes their place.
 */
void
care_context_remove_person (CareContext *self,
                            const char  *id)
{
  guint n;

  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (id != NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (!g_str_equal (care_person_get_id (person), id))
        continue;

      g_list_store_remove (self->people, i);
      if (self->person == person)
        {
          g_autoptr(CarePerson) next = g_list_model_get_item (G_LIST_MODEL (self->people), 0);

          care_context_set_person (self, next);
        }
      return;
    }
}
