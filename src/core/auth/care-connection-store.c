/* care-connection-store.c — the people this install is connected to
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One small JSON file (0600 in a 0700 folder) lists the connections, each
 * keyed by (FHIR base, patient): authorizing a second family member at
 * the same portal adds a connection and never overwrites the first
 * (FHIR-CLIENT.md 6); authorizing the same person again updates theirs,
 * which is how "Sign in again" gets back into the same connection (10).
 * Tokens are not here: refresh tokens live in the keyring, access tokens
 * only in memory, in the one CareConnection per id this store hands out
 * (one refresh in flight per connection needs one object per
 * connection). A damaged file is moved aside, not overwritten.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "care-access-log.h"
#include "care-connection-store.h"
#include "care-core-enums.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-json.h"
#include "care-paths.h"
#include "care-registration.h"
#include "care-token-store.h"

struct _CareConnectionStore
{
  GObject     parent_instance;

  char       *path;
  JsonArray  *connections;   /* of objects, as written to the file */
  GListStore *people;        /* CarePerson, in the order of @connections */
  GHashTable *live;          /* id → CareConnection handed out */
};

G_DEFINE_FINAL_TYPE (CareConnectionStore, care_connection_store, G_TYPE_OBJECT)

static void
care_connection_store_dispose (GObject *object)
{
  CareConnectionStore *self = (CareConnectionStore *)object;

  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_object (&self->people);

  G_OBJECT_CLASS (care_connection_store_parent_class)->dispose (object);
}

static void
care_connection_store_finalize (GObject *object)
{
  CareConnectionStore *self = (CareConnectionStore *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->connections, json_array_unref);

  G_OBJECT_CLASS (care_connection_store_parent_class)->finalize (object);
}

static void
care_connection_store_class_init (CareConnectionStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = care_connection_store_dispose;
  G_OBJECT_CLASS (klass)->finalize = care_connection_store_finalize;
}

static void
care_connection_store_init (CareConnectionStore *self)
{
  self->connections = json_array_new ();
  self->people = g_list_store_new (CARE_TYPE_PERSON);
  self->live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * care_connection_store_new:
 * @path: (nullable): the file, or %NULL for connections.json in the
 *   user's config folder ($XDG_CONFIG_HOME/carebook)
 *
 * Returns: (transfer full): a store; call care_connection_store_load()
 */
CareConnectionStore *
care_connection_store_new (const char *path)
{
  CareConnectionStore *self = g_object_new (CARE_TYPE_CONNECTION_STORE, NULL);

  if (path != NULL)
    self->path = g_strdup (path);
  else
    {
      g_autofree char *config = care_paths_dup_config_dir ();

      self->path = g_build_filename (config, "connections.json", NULL);
    }

  return self;
}

/**
 * care_connection_dup_id:
 * @fhir_base: a portal's FHIR base
 * @patient_id: a patient there
 *
 * FHIR ids cannot hold "|", so the id splits back unambiguously.
 *
 * Returns: (transfer full): the connection's stable id
 */
char *
care_connection_dup_id (const char *fhir_base,
                        const char *patient_id)
{
  return g_strdup_printf ("%s|%s", fhir_base, patient_id);
}

static int
enum_from_nick (GType       type,
                const char *nick,
                int         fallback)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;
  int result = value != NULL ? value->value : fallback;

  g_type_class_unref (klass);
  return result;
}

static const char *
enum_to_nick (GType type,
              int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);
  const char *nick = found != NULL ? found->value_nick : NULL;

  /* Nicks are static strings of the registered type. */
  g_type_class_unref (klass);
  return nick;
}

static CarePerson *
person_from_json (JsonObject *connection)
{
  CarePerson *person;
  CareAccessLevel level;

  person = care_person_new (json_object_get_string_member (connection, "id"),
                            json_object_get_string_member_with_default (connection, "display-name", NULL),
                            json_object_get_string_member_with_default (connection, "birth-date", NULL),
                            enum_from_nick (CARE_TYPE_RELATIONSHIP,
                                            json_object_get_string_member_with_default (connection,
                                                                                        "relationship",
                                                                                        NULL),
                                            CARE_RELATIONSHIP_OTHER));
  level = enum_from_nick (CARE_TYPE_ACCESS_LEVEL,
                          json_object_get_string_member_with_default (connection, "access-level", NULL),
                          CARE_ACCESS_FULL);
  if (g_strcmp0 (json_object_get_string_member_with_default (connection, "state", NULL),
                 "sign-in-again") == 0)
    level = CARE_ACCESS_SIGN_IN_AGAIN;
  care_person_set_access_level (person, level);
  return person;
}

static gboolean
save (CareConnectionStore  *self,
      GError              **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *text = NULL;

  json_object_set_int_member (root, "version", 1);
  json_object_set_array_member (root, "connections", json_array_ref (self->connections));
  json_node_init_object (node, root);
  text = json_to_string (node, TRUE);

  return care_paths_write_private_file (self->path, text, -1, error);
}

static int
find_index (CareConnectionStore *self,
            const char          *id)
{
  for (guint i = 0; i < json_array_get_length (self->connections); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (self->connections, i),
                                                               "id", NULL), id) == 0)
      return i;

  return -1;
}

static JsonObject *
find_entry (CareConnectionStore *self,
            const char          *id)
{
  int i = find_index (self, id);

  return i >= 0 ? json_array_get_object_element (self->connections, i) : NULL;
}

/* The person at @index in the switcher's model follows the file. The same
 * object is updated in place where only its name or access changed, so
 * everyone showing it (the window's header, Home, the switcher) sees a
 * lapsed sign-in at once; otherwise it is replaced, not the whole list, so
 * a selection elsewhere survives. */
static void
refresh_person (CareConnectionStore *self,
                guint                index)
{
  g_autoptr(CarePerson) person = person_from_json (json_array_get_object_element (self->connections, index));
  g_autoptr(CarePerson) shown = NULL;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->people)))
    {
      g_list_store_append (self->people, person);
      return;
    }

  shown = g_list_model_get_item (G_LIST_MODEL (self->people), index);
  if (g_strcmp0 (care_person_get_id (shown), care_person_get_id (person)) == 0 &&
      g_strcmp0 (care_person_get_birth_date (shown), care_person_get_birth_date (person)) == 0 &&
      care_person_get_relationship (shown) == care_person_get_relationship (person))
    {
      care_person_set_display_name (shown, care_person_get_display_name (person));
      care_person_set_access_level (shown, care_person_get_access_level (person));
      return;
    }
  g_list_store_splice (self->people, index, 1, (gpointer *)&person, 1);
}

/**
 * care_connection_store_load:
 * @self: a #CareConnectionStore
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Reads the file. A missing file is an empty list; a damaged one is moved
 * aside (connections.json.damaged-TIME) and reported.
 *
 * Returns: %TRUE if the connections were read
 */
gboolean
care_connection_store_load (CareConnectionStore  *self,
                            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), FALSE);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_file_get_contents (self->path, &contents, &length, &local_error) &&
      (object = care_json_parse_object (contents, length, NULL)) != NULL &&
      json_object_has_member (object, "connections") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "connections")))
    {
      JsonArray *connections = json_object_get_array_member (object, "connections");

      g_clear_pointer (&self->connections, json_array_unref);
      self->connections = json_array_new ();
      for (guint i = 0; i < json_array_get_length (connections); i++)
        {
          JsonNode *element = json_array_get_element (connections, i);
          JsonObject *connection = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

          if (connection != NULL && care_fhir_get_string (connection, "id") != NULL &&
              care_fhir_get_string (connection, "fhir-base") != NULL &&
              care_fhir_is_valid_id (care_fhir_get_string (connection, "patient-id")))
            {
              g_autoptr(GError) move_error = NULL;

              json_array_add_object_element (self->connections, json_object_ref (connection));
              g_ptr_array_add (people, person_from_json (connection));
              /* Caches of older versions, in folders named from the raw
               * id, move to the connection's one folder. */
              if (!care_paths_migrate_connection_dir (care_fhir_get_string (connection, "id"), &move_error))
                g_debug ("An old cache folder could not be moved: %s", move_error->message);
            }
        }
      g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)),
                           people->pdata, people->len);
      return TRUE;
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
    g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", self->path, stamp);

    g_rename (self->path, aside);
  }
  g_set_error_literal (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_CORRUPT,
                       _("The list of connected health systems was damaged. It was set aside; "
                         "please connect again."));
  return FALSE;
}

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

/* A proxy's relationship is clearer once the user's own record is known:
 * their own connection at the same portal has their birth date. */
static CareRelationship
refine_relationship (CareConnectionStore *self,
                     const CareSignIn    *sign_in)
{
  g_autofree char *type = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *user_key = NULL;
  g_autoptr(GDateTime) now = NULL;
  JsonObject *own;
  GDate today;

  if (!sign_in->is_proxy || sign_in->user_birth_date != NULL || sign_in->fhir_user == NULL ||
      !care_fhir_parse_reference (sign_in->fhir_user, &type, &user_id) ||
      g_strcmp0 (type, "Patient") != 0)
    return sign_in->relationship;

  user_key = care_connection_dup_id (sign_in->fhir_base, user_id);
  own = find_entry (self, user_key);
  if (own == NULL || care_fhir_get_string (own, "birth-date") == NULL)
    return sign_in->relationship;

  now = g_date_time_new_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return care_relationship_guess (FALSE, NULL, sign_in->birth_date,
                                  care_fhir_get_string (own, "birth-date"), &today);
}

static void
write_connection (JsonObject     *entry,
                  CareConnection *connection)
{
  g_autofree char *scope = NULL;

  set_optional (entry, "display-name", care_connection_get_display_name (connection));
  set_optional (entry, "birth-date", care_connection_get_birth_date (connection));
  json_object_set_string_member (entry, "relationship",
                                 enum_to_nick (CARE_TYPE_RELATIONSHIP,
                                               care_connection_get_relationship (connection)));
  json_object_set_string_member (entry, "access-level",
                                 enum_to_nick (CARE_TYPE_ACCESS_LEVEL,
                                               care_connection_get_access_level (connection)));
  json_object_set_string_member (entry, "state",
                                 enum_to_nick (CARE_TYPE_CONNECTION_STATE,
                                               care_connection_get_state (connection)));
  scope = care_connection_get_scopes (connection) != NULL
          ? g_strjoinv (" ", (char **)care_connection_get_scopes (connection)) : NULL;
  set_optional (entry, "scope", scope);
  json_object_set_int_member (entry, "authorization-ends",
                              care_connection_get_authorization_ends (connection));
}

/* A live connection changed (a refresh died, the grant changed): the file
 * and the person switcher follow. */
static void
connection_notify_cb (CareConnection      *connection,
                      GParamSpec          *pspec,
                      CareConnectionStore *self)
{
  int index = find_index (self, care_connection_get_id (connection));
  g_autoptr(GError) error = NULL;

  if (index < 0)
    return;

  write_connection (json_array_get_object_element (self->connections, index), connection);
  if (!save (self, &error))
    g_debug ("Could not save the connections: %s", error->message);
  refresh_person (self, index);
}

static CareConnection *
connection_from_entry (SoupSession *session,
                       JsonObject  *entry)
{
  CareConnection *connection;

  connection = g_object_new (CARE_TYPE_CONNECTION,
                             "session", session,
                             "id", care_fhir_get_string (entry, "id"),
                             "fhir-base", care_fhir_get_string (entry, "fhir-base"),
                             "patient-id", care_fhir_get_string (entry, "patient-id"),
                             "fhir-user", care_fhir_get_string (entry, "fhir-user"),
                             "token-endpoint", care_fhir_get_string (entry, "token-endpoint"),
                             "revocation-endpoint", care_fhir_get_string (entry, "revocation-endpoint"),
                             "display-name", care_fhir_get_string (entry, "display-name"),
                             "birth-date", care_fhir_get_string (entry, "birth-date"),
                             "relationship", enum_from_nick (CARE_TYPE_RELATIONSHIP,
                                                             care_fhir_get_string (entry, "relationship"),
                                                             CARE_RELATIONSHIP_OTHER),
                             "access-level", enum_from_nick (CARE_TYPE_ACCESS_LEVEL,
                                                             care_fhir_get_string (entry, "access-level"),
                                                             CARE_ACCESS_FULL),
                             "state", enum_from_nick (CARE_TYPE_CONNECTION_STATE,
                                                      care_fhir_get_string (entry, "state"),
                                                      CARE_CONNECTION_CONNECTED),
                             "authorization-ends", json_object_get_int_member_with_default (entry,
                                                                                            "authorization-ends",
                                                                                            0),
                             NULL);
  care_connection_set_scope (connection, care_fhir_get_string (entry, "scope"));
  return connection;
}

/**
 * care_connection_store_get_connection:
 * @self: a #CareConnectionStore
 * @session: the session for its portal, used the first time the
 *   connection is asked for
 * @id: a connection id
 *
 * The connection whose tokens the sync engine asks for. The store hands
 * out one object per id, so all its callers share one refresh in flight.
 * It has no access token until the first refresh (from the keyring's
 * refresh token), unless it was just signed in.
 *
 * Returns: (transfer none) (nullable): the connection, or %NULL if @id is
 *   not connected
 */
CareConnection *
care_connection_store_get_connection (CareConnectionStore *self,
                                      SoupSession         *session,
                                      const char          *id)
{
  CareConnection *connection;
  JsonObject *entry;

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  connection = g_hash_table_lookup (self->live, id);
  if (connection != NULL)
    return connection;

  entry = find_entry (self, id);
  if (entry == NULL || care_fhir_get_string (entry, "token-endpoint") == NULL)
    return NULL;

  connection = connection_from_entry (session, entry);
  g_hash_table_insert (self->live, g_strdup (id), connection);
  g_signal_connect_object (connection, "notify", G_CALLBACK (connection_notify_cb), self, 0);
  return connection;
}

static CarePerson *
add_sign_in (CareConnectionStore  *self,
             const CareSignIn     *sign_in,
             SoupSession          *session,
             CareConnection      **out_connection,
             GError              **error)
{
  g_autofree char *id = NULL;
  g_autoptr(CareSignIn) refined = care_sign_in_copy (sign_in);
  g_autoptr(CareConnection) fresh = NULL;
  g_autoptr(SoupSession) scratch = NULL;
  CareConnection *connection;
  JsonObject *entry;
  int index;

  id = care_connection_dup_id (sign_in->fhir_base, sign_in->patient_id);
  refined->relationship = refine_relationship (self, sign_in);

  index = find_index (self, id);
  if (index < 0)
    {
      /* A new (base, patient): a new connection, whoever else is here. */
      entry = json_object_new ();
      json_object_set_string_member (entry, "id", id);
      json_object_set_string_member (entry, "fhir-base", sign_in->fhir_base);
      json_object_set_string_member (entry, "patient-id", sign_in->patient_id);
      json_array_add_object_element (self->connections, entry);
      index = json_array_get_length (self->connections) - 1;
    }
  entry = json_array_get_object_element (self->connections, index);
  set_optional (entry, "fhir-user", sign_in->fhir_user);
  set_optional (entry, "token-endpoint", sign_in->token_endpoint);
  set_optional (entry, "revocation-endpoint", sign_in->revocation_endpoint);
  set_optional (entry, "registration-endpoint", sign_in->registration_endpoint);

  /* Signing the same person in again updates their live connection. */
  connection = g_hash_table_lookup (self->live, id);
  if (connection != NULL)
    {
      g_signal_handlers_block_by_func (connection, connection_notify_cb, self);
      care_connection_update_from_sign_in (connection, refined);
      g_signal_handlers_unblock_by_func (connection, connection_notify_cb, self);
    }
  else if (session != NULL)
    {
      connection = care_connection_new_from_sign_in (session, refined);
      g_hash_table_insert (self->live, g_strdup (id), connection);
      g_signal_connect_object (connection, "notify", G_CALLBACK (connection_notify_cb), self, 0);
    }
  else
    {
      /* Only to write the entry; nobody asks it for tokens. */
      scratch = soup_session_new ();
      connection = fresh = care_connection_new_from_sign_in (scratch, refined);
    }

  write_connection (entry, connection);
  if (!save (self, error))
    return NULL;

  refresh_person (self, index);
  if (out_connection != NULL)
    *out_connection = g_object_ref (connection);
  return g_list_model_get_item (G_LIST_MODEL (self->people), index);
}

/**
 * care_connection_store_add:
 * @self: a #CareConnectionStore
 * @sign_in: a successful sign-in
 * @error: return location for a #GError
 *
 * Adds the connection, or updates the one with the same (base, patient).
 * The refresh token is not stored here; care_connection_store_connect_async()
 * does all of it.
 *
 * Returns: (transfer full) (nullable): the person, for the switcher
 */
CarePerson *
care_connection_store_add (CareConnectionStore  *self,
                           const CareSignIn     *sign_in,
                           GError              **error)
{
  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);
  g_return_val_if_fail (sign_in != NULL && sign_in->fhir_base != NULL && sign_in->patient_id != NULL, NULL);

  return add_sign_in (self, sign_in, NULL, NULL, error);
}

/**
 * care_connection_store_remove:
 * @self: a #CareConnectionStore
 * @id: a connection id
 * @error: return location for a #GError
 *
 * Forgets the connection. Signing out (care_sign_out_async()) also
 * revokes it, deletes its secrets and its data, and calls this.
 *
 * Returns: %TRUE if the list was saved without it
 */
gboolean
care_connection_store_remove (CareConnectionStore  *self,
                              const char           *id,
                              GError              **error)
{
  int index;

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  index = find_index (self, id);
  if (index < 0)
    return TRUE;

  json_array_remove_element (self->connections, index);
  if (!save (self, error))
    return FALSE;

  g_hash_table_remove (self->live, id);
  g_list_store_remove (self->people, index);
  return TRUE;
}

/**
 * care_connection_store_get_people:
 * @self: a #CareConnectionStore
 *
 * Returns: (transfer none): a #GListModel of #CarePerson, in the order
 *   they were connected, for the person switcher; it follows every
 *   change (a new person, a person who must sign in again, a removal)
 */
GListModel *
care_connection_store_get_people (CareConnectionStore *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);

  return G_LIST_MODEL (self->people);
}

/**
 * care_connection_store_dup_ids:
 * @self: a #CareConnectionStore
 * @fhir_base: (nullable): a health system's FHIR base, or %NULL for all
 *
 * Returns: (transfer full): the ids of the connections there
 */
GStrv
care_connection_store_dup_ids (CareConnectionStore *self,
                               const char          *fhir_base)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);

  for (guint i = 0; i < json_array_get_length (self->connections); i++)
    {
      JsonObject *entry = json_array_get_object_element (self->connections, i);

      if (fhir_base == NULL || g_strcmp0 (care_fhir_get_string (entry, "fhir-base"), fhir_base) == 0)
        g_ptr_array_add (ids, g_strdup (care_fhir_get_string (entry, "id")));
    }

  return (GStrv)g_ptr_array_steal (ids, NULL);
}

/**
 * care_connection_store_dup_fhir_base:
 * @self: a #CareConnectionStore
 * @id: a connection id
 *
 * Returns: (transfer full) (nullable): the connection's FHIR base
 */
char *
care_connection_store_dup_fhir_base (CareConnectionStore *self,
                                     const char          *id)
{
  return care_connection_store_dup_member (self, id, "fhir-base");
}

/**
 * care_connection_store_dup_member:
 * @self: a #CareConnectionStore
 * @id: a connection id
 * @member: "fhir-base", "display-name", "revocation-endpoint"…
 *
 * Returns: (transfer full) (nullable): that field of the connection
 */
char *
care_connection_store_dup_member (CareConnectionStore *self,
                                  const char          *id,
                                  const char          *member)
{
  JsonObject *entry;

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);

  entry = find_entry (self, id);
  return entry != NULL ? g_strdup (care_fhir_get_string (entry, member)) : NULL;
}

/**
 * care_connection_dup_data_dir:
 * @id: a connection id
 *
 * Where a connection's cached record and access log live, the one folder
 * sign-out deletes: care_paths_dup_connection_dir().
 *
 * Returns: (transfer full): the folder's path
 */
char *
care_connection_dup_data_dir (const char *id)
{
  return care_paths_dup_connection_dir (id);
}

/* Connecting: sign-in, remembered, secret kept ------------------------ */

typedef struct
{
  CareAuthorizer *authorizer;
  CareSignIn     *sign_in;
  CareConnection *connection;
} Connect;

static void
connect_free (Connect *data)
{
  g_clear_object (&data->authorizer);
  g_clear_pointer (&data->sign_in, care_sign_in_free);
  g_clear_object (&data->connection);
  g_free (data);
}

static void
connect_done (GTask *task)
{
  Connect *data = g_task_get_task_data (task);
  g_autofree char *folder = care_connection_dup_data_dir (care_connection_get_id (data->connection));
  g_autoptr(GUri) base = g_uri_parse (data->sign_in->fhir_base, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  /* The local access log: where, never what. */
  if (!care_access_log_append (folder, CARE_ACCESS_EVENT_SIGN_IN,
                               base != NULL ? g_uri_get_host (base) : NULL, &error))
    g_debug ("Access log: %s", error->message);

  g_task_return_pointer (task, g_object_ref (data->connection), g_object_unref);
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* No registration (404) means no silent refresh beyond the refresh
   * token; a failed one leaves the refresh token to do the work. A kept
   * key outlives an access token that came without a refresh token: the
   * authorization no longer ends with it, and the portal names no end. */
  if (care_registration_keep_finish (result, &error))
    {
      if (data->sign_in->refresh_token == NULL)
        care_connection_set_authorization_ends (data->connection, 0);
    }
  else if (error != NULL)
    g_debug ("Client registration: %s", error->message);
  connect_done (task);
}

/* Takes over the caller's reference on @owned. */
static void
maybe_register (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  Connect *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (data->sign_in->registration_endpoint == NULL)
    {
      connect_done (task);
      return;
    }

  care_registration_keep_async (care_authorizer_get_session (data->authorizer),
                                care_connection_get_id (data->connection),
                                data->sign_in->registration_endpoint, data->sign_in->access_token,
                                cancellable, registered_cb, g_steal_pointer (&task));
}

static void
refresh_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!care_token_store_save_finish (result, &error))
    {
      /* Without the keyring there is no staying signed in: the person
       * stays listed, marked "sign in again", and the error says why. */
      care_connection_set_state (data->connection, CARE_CONNECTION_SIGN_IN_AGAIN);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  maybe_register (g_steal_pointer (&task));
}

static void
connect_signed_in_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareConnectionStore *self = g_task_get_source_object (task);
  Connect *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarePerson) person = NULL;
  GCancellable *cancellable;

  data->sign_in = care_authorizer_sign_in_finish (CARE_AUTHORIZER (source), result, &error);
  if (data->sign_in == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  person = add_sign_in (self, data->sign_in, care_authorizer_get_session (data->authorizer),
                        &data->connection, &error);
  if (person == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The refresh token goes to the keyring, and nowhere else, before the
   * connection is handed out (FHIR-CLIENT.md 9). */
  if (data->sign_in->refresh_token == NULL)
    {
      maybe_register (g_steal_pointer (&task));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  care_token_store_save_async (care_connection_get_id (data->connection), "refresh",
                               data->sign_in->refresh_token, cancellable,
                               refresh_saved_cb, g_steal_pointer (&task));
}

/**
 * care_connection_store_connect_async:
 * @self: a #CareConnectionStore
 * @authorizer: the authorizer, whose #CareAuthorizer::open-uri the caller
 *   shows (the app: gtk_show_uri(); the CLI: prints it)
 * @fhir_base: the health system's FHIR base
 * @login_hint: (nullable): passed to the portal
 * @mode: loopback listener or private-scheme redirect
 * @cancellable: (nullable): the Cancel button
 * @callback: called with the connection
 * @user_data: data for @callback
 *
 * Signs in (discovery, PKCE, the portal's pages, the code for tokens, the
 * Patient read), then adds or updates the (FHIR base, patient) connection,
 * keeps the refresh token in the keyring before finishing, probes dynamic
 * client registration where offered, and logs the sign-in in the person's
 * access log. The person appears in care_connection_store_get_people().
 */
void
care_connection_store_connect_async (CareConnectionStore *self,
                                     CareAuthorizer      *authorizer,
                                     const char          *fhir_base,
                                     const char          *login_hint,
                                     CareRedirectMode     mode,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Connect *data;

  g_return_if_fail (CARE_IS_CONNECTION_STORE (self));
  g_return_if_fail (CARE_IS_AUTHORIZER (authorizer));
  g_return_if_fail (fhir_base != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_connection_store_connect_async);
  data = g_new0 (Connect, 1);
  data->authorizer = g_object_ref (authorizer);
  g_task_set_task_data (task, data, (GDestroyNotify)connect_free);

  care_authorizer_set_redirect_mode (authorizer, mode);
  care_authorizer_sign_in_async (authorizer, fhir_base, login_hint, cancellable,
                                 connect_signed_in_cb, g_steal_pointer (&task));
}

/**
 * care_connection_store_connect_finish:
 * @self: a #CareConnectionStore
 * @result: the result given to the callback
 * @error: return location for a #CARE_AUTH_ERROR, #CARE_PORTAL_ERROR or
 *   #G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the connection, connected, with its
 *   access token in memory
 */
CareConnection *
care_connection_store_connect_finish (CareConnectionStore  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
