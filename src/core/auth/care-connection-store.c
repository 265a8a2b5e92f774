/* care-connection-store.c — the people this install is connected to
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One small JSON file (0600 in a 0700 folder) lists the connections, each
 * keyed by (FHIR base, patient): authorizing a second family member at
 * the same portal adds a connection and never overwrites the first
 * (FHIR-CLIENT.md 6). Tokens are not here: refresh tokens live in the
 * keyring, access tokens only in memory. A damaged file is moved aside,
 * not overwritten, so nothing is lost.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "care-connection-store.h"
#include "care-core-enums.h"
#include "care-error.h"
#include "care-paths.h"

struct _CareConnectionStore
{
  GObject     parent_instance;

  char       *path;
  JsonArray  *connections;   /* of objects, as written to the file */
  GListStore *people;
};

G_DEFINE_FINAL_TYPE (CareConnectionStore, care_connection_store, G_TYPE_OBJECT)

static void
care_connection_store_finalize (GObject *object)
{
  CareConnectionStore *self = (CareConnectionStore *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->connections, json_array_unref);
  g_clear_object (&self->people);

  G_OBJECT_CLASS (care_connection_store_parent_class)->finalize (object);
}

static void
care_connection_store_class_init (CareConnectionStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_connection_store_finalize;
}

static void
care_connection_store_init (CareConnectionStore *self)
{
  self->connections = json_array_new ();
  self->people = g_list_store_new (CARE_TYPE_PERSON);
}

/**
 * care_connection_store_new:
 * @path: (nullable): the file, or %NULL for the user's config folder
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
 * Returns: (transfer full): the connection's stable id
 */
char *
care_connection_dup_id (const char *fhir_base,
                        const char *patient_id)
{
  return g_strdup_printf ("%s|%s", fhir_base, patient_id);
}

static CarePerson *
person_from_json (JsonObject *connection)
{
  GEnumClass *relationships = g_type_class_ref (CARE_TYPE_RELATIONSHIP);
  const char *relationship = json_object_get_string_member_with_default (connection, "relationship", "self");
  GEnumValue *value = g_enum_get_value_by_nick (relationships, relationship);
  CarePerson *person;

  person = care_person_new (json_object_get_string_member (connection, "id"),
                            json_object_get_string_member_with_default (connection, "display-name", NULL),
                            json_object_get_string_member_with_default (connection, "birth-date", NULL),
                            value != NULL ? value->value : CARE_RELATIONSHIP_OTHER);
  g_type_class_unref (relationships);
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

static void
rebuild_people (CareConnectionStore *self)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (self->connections); i++)
    g_ptr_array_add (people, person_from_json (json_array_get_object_element (self->connections, i)));

  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)),
                       people->pdata, people->len);
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), FALSE);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (json_parser_load_from_file (parser, self->path, &local_error) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member ((object = json_node_get_object (root)), "connections") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "connections")))
    {
      JsonArray *connections = json_object_get_array_member (object, "connections");

      g_clear_pointer (&self->connections, json_array_unref);
      self->connections = json_array_new ();
      for (guint i = 0; i < json_array_get_length (connections); i++)
        {
          JsonObject *connection = json_array_get_object_element (connections, i);

          if (connection != NULL && json_object_has_member (connection, "id") &&
              json_object_has_member (connection, "fhir-base"))
            json_array_add_object_element (self->connections, json_object_ref (connection));
        }
      rebuild_people (self);
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

/**
 * care_connection_store_add:
 * @self: a #CareConnectionStore
 * @sign_in: a successful sign-in
 * @error: return location for a #GError
 *
 * Adds the connection, or updates the one with the same (base, patient).
 *
 * Returns: (transfer full) (nullable): the person, for the switcher
 */
CarePerson *
care_connection_store_add (CareConnectionStore  *self,
                           const CareSignIn     *sign_in,
                           GError              **error)
{
  g_autofree char *id = NULL;
  JsonObject *connection = json_object_new ();
  guint position = json_array_get_length (self->connections);

  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);
  g_return_val_if_fail (sign_in != NULL, NULL);

  id = care_connection_dup_id (sign_in->fhir_base, sign_in->patient_id);
  json_object_set_string_member (connection, "id", id);
  json_object_set_string_member (connection, "fhir-base", sign_in->fhir_base);
  json_object_set_string_member (connection, "patient-id", sign_in->patient_id);
  if (sign_in->display_name != NULL)
    json_object_set_string_member (connection, "display-name", sign_in->display_name);
  if (sign_in->birth_date != NULL)
    json_object_set_string_member (connection, "birth-date", sign_in->birth_date);
  json_object_set_string_member (connection, "relationship", sign_in->is_proxy ? "other" : "self");
  json_object_set_string_member (connection, "scope", sign_in->scope);
  if (sign_in->token_endpoint != NULL)
    json_object_set_string_member (connection, "token-endpoint", sign_in->token_endpoint);
  if (sign_in->revocation_endpoint != NULL)
    json_object_set_string_member (connection, "revocation-endpoint", sign_in->revocation_endpoint);

  /* The same (base, patient) again replaces its entry in place. */
  {
    JsonArray *updated = json_array_new ();

    for (guint i = 0; i < json_array_get_length (self->connections); i++)
      {
        JsonObject *existing = json_array_get_object_element (self->connections, i);

        if (g_strcmp0 (json_object_get_string_member (existing, "id"), id) == 0)
          {
            position = i;
            json_array_add_object_element (updated, json_object_ref (connection));
          }
        else
          json_array_add_object_element (updated, json_object_ref (existing));
      }
    if (position == json_array_get_length (self->connections))
      json_array_add_object_element (updated, json_object_ref (connection));

    json_object_unref (connection);
    json_array_unref (self->connections);
    self->connections = updated;
  }

  if (!save (self, error))
    return NULL;

  rebuild_people (self);
  return g_list_model_get_item (G_LIST_MODEL (self->people), position);
}

/**
 * care_connection_store_remove:
 * @self: a #CareConnectionStore
 * @id: a connection id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the list was saved without it
 */
gboolean
care_connection_store_remove (CareConnectionStore  *self,
                              const char           *id,
                              GError              **error)
{
  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), FALSE);

  for (guint i = 0; i < json_array_get_length (self->connections); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (self->connections, i),
                                                  "id"), id) == 0)
      {
        json_array_remove_element (self->connections, i);
        if (!save (self, error))
          return FALSE;
        rebuild_people (self);
        return TRUE;
      }

  return TRUE;
}

/**
 * care_connection_store_get_people:
 * @self: a #CareConnectionStore
 *
 * Returns: (transfer none): a #GListModel of #CarePerson, in the order
 *   they were connected
 */
GListModel *
care_connection_store_get_people (CareConnectionStore *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);

  return G_LIST_MODEL (self->people);
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
  g_return_val_if_fail (CARE_IS_CONNECTION_STORE (self), NULL);

  for (guint i = 0; i < json_array_get_length (self->connections); i++)
    {
      JsonObject *connection = json_array_get_object_element (self->connections, i);

      if (g_strcmp0 (json_object_get_string_member (connection, "id"), id) == 0)
        return g_strdup (json_object_get_string_member_with_default (connection, member, NULL));
    }

  return NULL;
}

/**
 * care_connection_dup_data_dir:
 * @id: a connection id
 *
 * Where a connection's cached record and access log live. The id holds a
 * URL, so the folder is named by its SHA-256 instead.
 *
 * Returns: (transfer full): the folder's path
 */
char *
care_connection_dup_data_dir (const char *id)
{
  g_autofree char *base = care_paths_dup_data_dir ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

  hash[24] = '\0';
  return g_build_filename (base, hash, NULL);
}
