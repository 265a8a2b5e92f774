/* care-sync-outbox.c — writes queued in the cache, sent exactly once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write a feature makes (a message, a form, a request) goes into the
 * cache's outbox first, with an identifier Carebook made for it, and is
 * sent oldest first. Each kind is sent so that a resend is harmless:
 *
 *  - a create is conditional: If-None-Exist on that identifier, so if the
 *    first reply was lost and the item is sent again, the server answers
 *    with the one it already has instead of making a second;
 *  - an update carries If-Match on the version the user saw; a 412 means
 *    the portal's copy changed since, and the item becomes a conflict
 *    holding the portal's version, for the user to choose (never a silent
 *    overwrite);
 *  - an operation is POST Type/$op with its Parameters. It is not safe to
 *    repeat, so it is never sent again by itself once it may have reached
 *    the portal: a 5xx, a connection lost on the way, or an attempt left
 *    unanswered when Carebook stopped make it "check" (check in your
 *    portal, then try again or discard), with those words;
 *  - an item may wait for another (depends_on): it is sent once that one
 *    is, with "urn:uuid:<its identifier>" in its JSON replaced by the
 *    reference the server gave it (a Binary first, then the Communication
 *    that points at it).
 *
 * A create never goes without its If-None-Exist, so after any failure it is
 * sent again only with it (the portal client may repeat it; the server
 * finds the first copy if there is one).
 *
 * Items survive restarts because they live in the cache. A refusal (4xx)
 * keeps the server's OperationOutcome text for the user to edit or
 * discard (FHIR-CLIENT.md 25); a network failure leaves the item waiting
 * for the next try.
 *
 * Online-only requests (a card payment, a live slot search) never enter
 * the outbox: care_sync_engine_run_now_async() sends them at once or
 * refuses with "You're offline", and keeps no byte of them.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-json.h"
#include "care-sync-engine-private.h"

#include <string.h>

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
  CareOutboxRequest request = { CARE_OUTBOX_CREATE, NULL, resource, };

  return care_sync_engine_queue (self, &request, error);
}

static const char *
interaction_of (const CareOutboxRequest *request)
{
  switch (request->kind)
    {
    case CARE_OUTBOX_UPDATE:
      return "update";
    case CARE_OUTBOX_OPERATION:
      return "operation";
    case CARE_OUTBOX_CREATE:
    default:
      return "create";
    }
}

/* An operation is offered where metadata names it for the type (or the
 * type takes creates, for servers that list operations elsewhere). */
static gboolean
can_run_operation (CareSyncEngine *self,
                   const char     *type,
                   const char     *operation)
{
  JsonObject *capability = care_sync_engine_find_capability (self, type);
  const char *name = operation != NULL && operation[0] == '$' ? operation + 1 : operation;

  if (capability == NULL || name == NULL)
    return FALSE;
  if (!care_sync_engine_capability_lists (capability, "operation", "name", name) &&
      !care_sync_engine_capability_lists (capability, "interaction", "code", "create"))
    return FALSE;
  return care_sync_engine_grants (self, type, 'c');
}

/**
 * care_sync_engine_queue:
 * @self: an engine
 * @request: what to queue
 * @error: return location for a #GError
 *
 * Queues a create, an update or an operation, if the portal takes it from
 * Carebook (FHIR-CLIENT.md 25); send it with
 * care_sync_engine_send_outbox_async().
 *
 * Returns: (transfer full) (nullable): the queued item
 */
CareOutboxItem *
care_sync_engine_queue (CareSyncEngine           *self,
                        const CareOutboxRequest  *request,
                        GError                  **error)
{
  CareOutboxItem *item;
  const char *type;
  gboolean allowed;

  g_return_val_if_fail (CARE_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (request != NULL && request->resource != NULL, NULL);

  type = care_fhir_get_string (request->resource, "resourceType");
  if (request->kind == CARE_OUTBOX_OPERATION)
    {
      /* The Parameters go to the type the operation is on: the target
       * is "Type/$op". */
      g_auto(GStrv) parts = g_strsplit (request->target != NULL ? request->target : "", "/", 2);

      allowed = parts[0] != NULL && parts[1] != NULL && can_run_operation (self, parts[0], parts[1]);
    }
  else
    allowed = type != NULL && care_sync_engine_can_write (self, type, interaction_of (request)) &&
              (request->kind != CARE_OUTBOX_UPDATE || request->target != NULL);
  if (!allowed)
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_FORBIDDEN,
                           _("This health system does not accept this from Carebook. Use your "
                             "portal's website instead."));
      return NULL;
    }

  item = care_cache_outbox_add_request (self->cache, request, error);
  if (item != NULL)
    care_sync_engine_emit_outbox_changed (self, item->client_id, FALSE);
  return item;
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

static JsonObject *
parse_body (CarePortalResponse *response)
{
  gsize length = 0;
  const char *data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;

  if (data == NULL || length == 0)
    return NULL;
  return care_fhir_parse_resource (data, length, NULL);
}

static char *
dup_server_id (CarePortalResponse *response,
               JsonObject         *created)
{
  g_autofree char *type = NULL;
  char *id = NULL;
  JsonObject *resource = created;

  /* An operation may answer with Parameters holding the resource it made
   * ($book's "return"), or a Bundle of them: the first resource counts. */
  if (g_strcmp0 (care_fhir_get_string (created, "resourceType"), "Parameters") == 0)
    {
      JsonArray *parameters = care_fhir_get_array (created, "parameter");

      for (guint i = 0; parameters != NULL && i < json_array_get_length (parameters); i++)
        {
          JsonObject *parameter = json_array_get_object_element (parameters, i);

          if (parameter != NULL && json_object_has_member (parameter, "resource"))
            {
              resource = json_object_get_object_member (parameter, "resource");
              break;
            }
        }
    }
  if (care_fhir_get_string (resource, "id") != NULL &&
      g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "OperationOutcome") != 0)
    return g_strdup (care_fhir_get_string (resource, "id"));
  if (response->location != NULL && care_fhir_parse_reference (response->location, &type, &id))
    return id;
  return NULL;
}

/* An operation that may have been acted on: the user checks. */
static void
set_check (CareSyncEngine *self,
           CareOutboxItem *item)
{
  care_cache_outbox_finish_item (self->cache, item->serial, CARE_OUTBOX_CHECK, NULL,
                                 _("Carebook could not tell whether your health system received "
                                   "this. Check in your portal before trying again, so it is not "
                                   "done twice."), NULL);
}

static void
finish_one (GTask          *task,
            CareOutboxItem *item)
{
  CareSyncEngine *self = g_task_get_source_object (task);
  Sending *sending = g_task_get_task_data (task);

  care_sync_engine_emit_outbox_changed (self, item->client_id, FALSE);
  sending->next++;
  send_next (task);
}

static void
theirs_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  CareSyncEngine *self = g_task_get_source_object (task);
  Sending *sending = g_task_get_task_data (task);
  CareOutboxItem *item = g_ptr_array_index (sending->items, sending->next);
  g_autoptr(CarePortalResponse) response = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source),
                                                                              result, NULL);
  g_autoptr(JsonObject) theirs = response != NULL && SOUP_STATUS_IS_SUCCESSFUL (response->status)
                                 ? parse_body (response) : NULL;
  g_autofree char *json = NULL;

  if (theirs != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), theirs);

      json = care_json_to_string (node, FALSE);
    }
  care_cache_outbox_set_conflict (self->cache, item->serial, json,
                                  _("This was changed at your portal after you saw it. Choose which "
                                    "version to keep."), NULL);
  finish_one (task, item);
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
      g_autoptr(JsonObject) created = parse_body (response);
      g_autofree char *server_id = dup_server_id (response, created);

      care_cache_outbox_finish_item (self->cache, item->serial, CARE_OUTBOX_SENT,
                                     server_id != NULL ? server_id : item->target, NULL, &error);
      sending->n_sent++;
    }
  else if (response != NULL && response->status == SOUP_STATUS_PRECONDITION_FAILED &&
           item->kind == CARE_OUTBOX_UPDATE)
    {
      /* Someone changed it at the portal: read what it says now. */
      g_autofree char *path = g_strdup_printf ("%s/%s", item->type, item->target);

      care_portal_client_request_async (self->client, "GET", path, NULL, NULL, NULL,
                                        g_task_get_cancellable (task), theirs_cb, task);
      return;
    }
  else if (response != NULL)
    {
      g_autoptr(JsonObject) outcome = parse_body (response);
      g_autofree char *text = NULL;

      care_fhir_classify_outcome (outcome, &text);
      if (text == NULL)
        /* Translators: %u is an HTTP status code */
        text = g_strdup_printf (_("The health system refused it (%u)."), response->status);
      care_cache_outbox_finish_item (self->cache, item->serial, CARE_OUTBOX_REFUSED, NULL, text, NULL);
    }
  else if (item->kind == CARE_OUTBOX_OPERATION &&
           (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_AMBIGUOUS) ||
            g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_TOO_SLOW)))
    {
      /* It may have been done: never again by itself. */
      set_check (self, item);
    }
  else
    {
      /* Offline, cancelled or signed out: stays pending; stop for now.
       * An operation that surely never left may go next time; one
       * cancelled on its way keeps its attempt, and is checked. */
      if (item->kind == CARE_OUTBOX_OPERATION && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        care_cache_outbox_unmark_attempt (self->cache, item->serial, NULL);
      care_sync_engine_emit_outbox_changed (self, item->client_id, FALSE);
      sending->error = g_steal_pointer (&error);
      sending->next = sending->items->len;
      send_next (task);
      return;
    }

  finish_one (task, item);
}

/* The JSON to send: what the items it waits for became at the server
 * replaces their "urn:uuid:" placeholders. FALSE while one is unsent. */
static gboolean
resolve_dependencies (CareSyncEngine  *self,
                      CareOutboxItem  *item,
                      char           **out_json)
{
  g_autofree char *json = g_strdup (item->json);
  g_autofree char *on = g_strdup (item->depends_on);

  /* A chain: each item names one it waits for, which may wait in turn. */
  for (guint depth = 0; on != NULL && depth < 16; depth++)
    {
      g_autoptr(CareOutboxItem) dependency = care_cache_outbox_lookup (self->cache, on);
      g_autofree char *placeholder = NULL;
      g_autofree char *reference = NULL;
      g_auto(GStrv) pieces = NULL;

      if (dependency == NULL || dependency->state != CARE_OUTBOX_SENT || dependency->server_id == NULL)
        return FALSE;
      placeholder = g_strdup_printf ("\"urn:uuid:%s\"", dependency->client_id);
      reference = g_strdup_printf ("\"%s/%s\"", dependency->type, dependency->server_id);
      pieces = g_strsplit (json, placeholder, -1);
      g_free (json);
      json = g_strjoinv (reference, pieces);
      g_free (on);
      on = g_strdup (dependency->depends_on);
    }
  *out_json = g_steal_pointer (&json);
  return TRUE;
}

static void
send_next (GTask *task)
{
  CareSyncEngine *self = g_task_get_source_object (task);
  Sending *sending = g_task_get_task_data (task);
  CareOutboxItem *item;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  /* Items waiting for one that is not sent yet stay waiting. */
  while (sending->next < sending->items->len &&
         !resolve_dependencies (self, g_ptr_array_index (sending->items, sending->next), &json))
    sending->next++;

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
  if (item->kind == CARE_OUTBOX_OPERATION && item->attempts > 0)
    {
      /* Sent before, and never answered (Carebook stopped on the way). */
      g_clear_pointer (&json, g_free);
      set_check (self, item);
      finish_one (task, item);
      return;
    }
  /* Counted before sending: a crash mid-flight shows it was tried. */
  care_cache_outbox_mark_attempt (self->cache, item->serial, &error);
  care_sync_engine_emit_outbox_changed (self, item->client_id, TRUE);
  body = g_bytes_new_take (json, strlen (json));
  json = NULL;

  switch (item->kind)
    {
    case CARE_OUTBOX_UPDATE:
      {
        g_autofree char *path = g_strdup_printf ("%s/%s", item->type, item->target);

        care_portal_client_request_update_async (self->client, path, body, item->version,
                                                 g_task_get_cancellable (task), sent_cb, task);
      }
      break;

    case CARE_OUTBOX_OPERATION:
      care_portal_client_request_async (self->client, "POST", item->target, NULL, body, NULL,
                                        g_task_get_cancellable (task), sent_cb, task);
      break;

    case CARE_OUTBOX_CREATE:
    default:
      {
        g_autofree char *escaped = g_uri_escape_string (CARE_OUTBOX_IDENTIFIER_SYSTEM "|", NULL, FALSE);
        g_autofree char *condition = g_strdup_printf ("identifier=%s%s", escaped, item->client_id);

        care_portal_client_request_async (self->client, "POST", item->type, NULL, body, condition,
                                          g_task_get_cancellable (task), sent_cb, task);
      }
      break;
    }
}

static void
ran_now_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(CarePortalResponse) response = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source),
                                                                              result, &error);
  g_autoptr(JsonObject) answer = NULL;

  if (response == NULL)
    {
      if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
        {
          g_clear_error (&error);
          error = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE, _("You’re offline"));
        }
      g_task_return_error (task, error);
      return;
    }
  answer = parse_body (response);
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_autofree char *text = NULL;

      care_fhir_classify_outcome (answer, &text);
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_FORBIDDEN, "%s",
                               text != NULL ? text : _("The health system refused it."));
      return;
    }
  g_task_return_pointer (task, answer != NULL ? json_object_ref (answer) : json_object_new (),
                         (GDestroyNotify)json_object_unref);
}

/**
 * care_sync_engine_run_now_async:
 * @self: an engine
 * @method: "GET" or "POST"
 * @path: relative to the FHIR base ("Slot?…", "PaymentNotice", "Appointment/$find")
 * @body: (nullable): what to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * An online-only request (a card payment, a live slot search): sent at
 * once, never written to the cache, the log or the access log. Offline it
 * fails at once with %CARE_PORTAL_ERROR_OFFLINE, "You're offline".
 */
void
care_sync_engine_run_now_async (CareSyncEngine      *self,
                                const char          *method,
                                const char          *path,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sync_engine_run_now_async);
  if (self->state != NULL && !care_sync_state_get_online (self->state))
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE, "%s", _("You’re offline"));
      return;
    }
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
      char *json = care_json_to_string (node, FALSE);

      bytes = g_bytes_new_take (json, strlen (json));
    }
  care_portal_client_request_async (self->client, method, path, NULL, bytes, NULL, cancellable, ran_now_cb,
                                    g_steal_pointer (&task));
}

/**
 * care_sync_engine_run_now_finish:
 * @self: an engine
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the portal's answer (an empty
 *   object when it sent none)
 */
JsonObject *
care_sync_engine_run_now_finish (CareSyncEngine  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

  /* A send refused because another was under way has no task data. */
  if (out_n_sent != NULL)
    *out_n_sent = g_task_get_task_data (G_TASK (result)) != NULL
                  ? ((Sending *)g_task_get_task_data (G_TASK (result)))->n_sent : 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}
