/* care-sync-outbox.c — writes queued in the cache, sent exactly once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write a feature makes (a message, a form, a request) goes into the
 * cache's outbox first, with an identifier Carebook made for it. Sending is
 * a conditional create: If-None-Exist on that identifier, so if the first
 * reply was lost and the item is sent again, the server answers with the
 * one it already has instead of making a second. Items survive restarts
 * because they live in the cache. A refusal (4xx) keeps the server's
 * OperationOutcome text for the user to edit or discard; a network failure
 * leaves the item pending for the next try.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-sync-engine-private.h"

/**
 * care_sync_engine_can_write:
 * @self: an engine
 * @type: a resource type ("Communication")
 * @interaction: a CapabilityStatement interaction code ("create", "update")
 *
 * Whether to offer a write: the portal's metadata lists the interaction
 * for the type and the granted scopes allow it (FHIR-CLIENT.md 25).
 * Otherwise the feature offers "Open in your portal". Works offline from
 * the last CapabilityStatement seen.
 *
 * Returns: %TRUE if the write may be offered
 */
gboolean
care_sync_engine_can_write (CareSyncEngine *self,
                            const char     *type,
                            const char     *interaction)
{
  JsonObject *capability;
  char permission;

  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (type != NULL && interaction != NULL, FALSE);

  capability = care_sync_engine_find_capability (self, type);
  if (capability == NULL || !care_sync_engine_capability_lists (capability, "interaction", "code", interaction))
    return FALSE;

  permission = g_str_equal (interaction, "create") ? 'c'
             : g_str_equal (interaction, "update") || g_str_equal (interaction, "patch") ? 'u'
             : g_str_equal (interaction, "delete") ? 'd' : 'c';
  return care_sync_engine_grants (self, type, permission);
}

/**
 * care_sync_engine_queue_create:
 * @self: an engine
 * @resource: a resource to create at the portal
 * @error: return location for a #GError
 *
 * Queues @resource in the outbox; send it with
 * care_sync_engine_send_outbox_async() (the app does when online).
 *
 * Returns: (transfer full) (nullable): the queued item
 */
CareOutboxItem *
care_sync_engine_queue_create (CareSyncEngine  *self,
                               JsonObject      *resource,
                               GError         **error)
{
  const char *type;

  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  type = care_fhir_get_string (resource, "resourceType");
  if (type == NULL || !care_sync_engine_can_write (self, type, "create"))
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_FORBIDDEN,
                           _("This health system does not accept this from Carebook. Use your "
                             "portal's website instead."));
      return NULL;
    }
  return care_cache_outbox_add (self->cache, resource, error);
}

typedef struct
{
  GPtrArray *items;
  guint      next;
  guint      n_sent;
  GError    *error;
} Sending;

static void
sending_free (Sending *sending)
{
  g_ptr_array_unref (sending->items);
  g_clear_error (&sending->error);
  g_free (sending);
}

static void send_next (GTask *task);

static char *
dup_server_id (CarePortalResponse *response)
{
  g_autoptr(JsonObject) created = NULL;
  gsize length = 0;
  const char *data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
  g_autofree char *type = NULL;
  char *id = NULL;

  if (data != NULL && length > 0)
    created = care_fhir_parse_resource (data, length, NULL);
  if (care_fhir_get_string (created, "id") != NULL &&
      g_strcmp0 (care_fhir_get_string (created, "resourceType"), "OperationOutcome") != 0)
    return g_strdup (care_fhir_get_string (created, "id"));
  if (response->location != NULL && care_fhir_parse_reference (response->location, &type, &id))
    return id;
  return NULL;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  CareSyncEngine *self = g_task_get_source_object (task);
  Sending *sending = g_task_get_task_data (task);
  CareOutboxItem *item = g_ptr_array_index (sending->items, sending->next);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarePortalResponse) response = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source),
                                                                              result, &error);

  if (response != NULL && SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_autofree char *server_id = dup_server_id (response);

      care_cache_outbox_finish_item (self->cache, item->serial, CARE_OUTBOX_SENT, server_id, NULL, &error);
      sending->n_sent++;
    }
  else if (response != NULL)
    {
      g_autoptr(JsonObject) outcome = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;
      const char *data = g_bytes_get_data (response->body, &length);

      if (data != NULL && length > 0)
        outcome = care_fhir_parse_resource (data, length, NULL);
      care_fhir_classify_outcome (outcome, &text);
      if (text == NULL)
        /* Translators: %u is an HTTP status code */
        text = g_strdup_printf (_("The health system refused it (%u)."), response->status);
      care_cache_outbox_finish_item (self->cache, item->serial, CARE_OUTBOX_REFUSED, NULL, text, NULL);
    }
  else
    {
      /* Offline, cancelled or signed out: stays pending; stop for now. */
      sending->error = g_steal_pointer (&error);
      sending->next = sending->items->len;
      send_next (task);
      return;
    }

  sending->next++;
  send_next (task);
}

static void
send_next (GTask *task)
{
  CareSyncEngine *self = g_task_get_source_object (task);
  Sending *sending = g_task_get_task_data (task);
  CareOutboxItem *item;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;

  if (sending->next >= sending->items->len)
    {
      self->sending_outbox = FALSE;
      if (sending->error != NULL)
        g_task_return_error (task, g_steal_pointer (&sending->error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  item = g_ptr_array_index (sending->items, sending->next);
  /* Counted before sending: a crash mid-flight shows it was tried. */
  care_cache_outbox_mark_attempt (self->cache, item->serial, &error);
  escaped = g_uri_escape_string (CARE_OUTBOX_IDENTIFIER_SYSTEM "|", NULL, FALSE);
  condition = g_strdup_printf ("identifier=%s%s", escaped, item->client_id);
  body = g_bytes_new (item->json, strlen (item->json));
  care_portal_client_request_async (self->client, "POST", item->type, NULL, body, condition,
                                    g_task_get_cancellable (task), sent_cb, task);
}

/**
 * care_sync_engine_send_outbox_async:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends every pending outbox item, oldest first, each with If-None-Exist
 * on its identifier.
 */
void
care_sync_engine_send_outbox_async (CareSyncEngine      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Sending *sending;

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sync_engine_send_outbox_async);
  if (self->sending_outbox)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s", _("Already sending."));
      g_object_unref (task);
      return;
    }
  self->sending_outbox = TRUE;
  sending = g_new0 (Sending, 1);
  sending->items = care_cache_outbox_list (self->cache, TRUE);
  g_task_set_task_data (task, sending, (GDestroyNotify)sending_free);
  send_next (task);
}

/**
 * care_sync_engine_send_outbox_finish:
 * @self: an engine
 * @result: the result
 * @out_n_sent: (out) (optional): how many items the server now holds
 * @error: return location for a #GError (offline, signed out…)
 *
 * Returns: %TRUE if every pending item was answered (sent or refused)
 */
gboolean
care_sync_engine_send_outbox_finish (CareSyncEngine  *self,
                                     GAsyncResult    *result,
                                     guint           *out_n_sent,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_sync_engine_send_outbox_async, FALSE);

  if (out_n_sent != NULL)
    *out_n_sent = ((Sending *)g_task_get_task_data (G_TASK (result)))->n_sent;
  return g_task_propagate_boolean (G_TASK (result), error);
}
