/* care-scheduling.c — finding, holding and booking open times
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Argonaut Scheduling from the patient's side: the bookable visit types
 * (HealthcareService of category visit-type), Appointment/$find, $hold and
 * $book. All of it is online-only (care_outbox_run_now_async()): open
 * times are only true now, a booking queued for later could land on a
 * time someone else took, and the patient must know at once whether the
 * visit is booked. Nothing of it is written to the cache; the booked
 * appointment reaches the cache with the next sync. Changes to a booked
 * appointment (cancel, wait list, eCheck-in) go through the outbox
 * (care-appointment.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-scheduling.h"

/* A copy of its own: json_node_copy() shares the objects inside. */
static JsonObject *
deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    g_return_val_if_reached (json_object_new ());
  return json_node_dup_object (json_parser_get_root (parser));
}

static void
visit_types_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) bundle = care_outbox_run_now_finish (CARE_OUTBOX (source), result, &error);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func ((GDestroyNotify)care_visit_type_free);
  JsonNode *node;
  JsonArray *entries;

  if (bundle == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  node = json_object_get_member (bundle, "entry");
  entries = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonNode *resource = entry != NULL ? json_object_get_member (entry, "resource") : NULL;
      CareVisitType *type = resource != NULL && JSON_NODE_HOLDS_OBJECT (resource)
                            ? care_visit_type_new_from_resource (json_node_get_object (resource)) : NULL;

      if (type != NULL)
        g_ptr_array_add (types, type);
    }
  g_task_return_pointer (task, g_steal_pointer (&types), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * care_scheduling_visit_types_async:
 * @outbox: the person's outbox
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the types
 * @user_data: for @callback
 *
 * The kinds of visit the person may book. The portal leaves out what this
 * person may not book (a teen's confidential visits for a parent).
 */
void
care_scheduling_visit_types_async (CareOutbox          *outbox,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (outbox, cancellable, callback, user_data);

  g_task_set_source_tag (task, care_scheduling_visit_types_async);
  care_outbox_run_now_async (outbox, "GET", "HealthcareService?category=visit-type&_count=100", NULL,
                             cancellable, visit_types_cb, task);
}

/**
 * care_scheduling_visit_types_finish:
 *
 * Returns: (transfer full) (element-type CareVisitType): the types
 */
GPtrArray *
care_scheduling_visit_types_finish (CareOutbox    *outbox,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, outbox), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_parameter (JsonArray  *list,
               const char *name,
               const char *kind,
               const char *value)
{
  JsonObject *parameter;

  if (value == NULL || value[0] == '\0')
    return;
  parameter = json_object_new ();
  json_object_set_string_member (parameter, "name", name);
  json_object_set_string_member (parameter, kind, value);
  json_array_add_object_element (list, parameter);
}

static void
add_resource (JsonArray  *list,
              const char *name,
              JsonObject *resource)
{
  JsonObject *parameter = json_object_new ();

  json_object_set_string_member (parameter, "name", name);
  json_object_set_object_member (parameter, "resource", json_object_ref (resource));
  json_array_add_object_element (list, parameter);
}

static JsonObject *
new_parameters (JsonArray **out_list)
{
  JsonObject *parameters = json_object_new ();

  *out_list = json_array_new ();
  json_object_set_string_member (parameters, "resourceType", "Parameters");
  json_object_set_array_member (parameters, "parameter", *out_list);
  return parameters;
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) bundle = care_outbox_run_now_finish (CARE_OUTBOX (source), result, &error);
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  JsonNode *node;
  JsonArray *entries;

  if (bundle == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  node = json_object_get_member (bundle, "entry");
  entries = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonNode *resource = entry != NULL ? json_object_get_member (entry, "resource") : NULL;
      JsonObject *appointment = resource != NULL && JSON_NODE_HOLDS_OBJECT (resource)
                                ? json_node_get_object (resource) : NULL;
      g_autoptr(GDateTime) start = appointment != NULL ? care_appointment_dup_start (appointment) : NULL;

      /* Only what can be booked: a time and a slot. */
      if (appointment != NULL && start != NULL && care_appointment_get_slot_id (appointment) != NULL &&
          g_strcmp0 (care_fhir_get_string (appointment, "resourceType"), "Appointment") == 0)
        g_ptr_array_add (proposals, json_object_ref (appointment));
    }
  g_task_return_pointer (task, g_steal_pointer (&proposals), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * care_scheduling_find_async:
 * @outbox: the person's outbox
 * @visit_type: a visit type's code
 * @practitioner: (nullable): "Practitioner/id", or %NULL for any clinician
 * @location: (nullable): "Location/id", or %NULL for any place
 * @from: (nullable): the earliest start
 * @to: (nullable): the latest start
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the open times
 * @user_data: for @callback
 *
 * `Appointment/$find`: proposed Appointments, next available first.
 */
void
care_scheduling_find_async (CareOutbox          *outbox,
                            const char          *visit_type,
                            const char          *practitioner,
                            const char          *location,
                            GDateTime           *from,
                            GDateTime           *to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (outbox, cancellable, callback, user_data);
  JsonArray *list = NULL;
  g_autoptr(JsonObject) parameters = new_parameters (&list);
  g_autofree char *start = from != NULL ? g_date_time_format_iso8601 (from) : NULL;
  g_autofree char *end = to != NULL ? g_date_time_format_iso8601 (to) : NULL;

  g_task_set_source_tag (task, care_scheduling_find_async);
  add_parameter (list, "visit-type", "valueCode", visit_type);
  add_parameter (list, "practitioner", "valueString", practitioner);
  add_parameter (list, "location", "valueString", location);
  add_parameter (list, "start", "valueDateTime", start);
  add_parameter (list, "end", "valueDateTime", end);
  care_outbox_run_now_async (outbox, "POST", "Appointment/$find", parameters, cancellable, found_cb, task);
}

/**
 * care_scheduling_find_finish:
 *
 * Returns: (transfer full) (element-type JsonObject): proposed Appointments
 */
GPtrArray *
care_scheduling_find_finish (CareOutbox    *outbox,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, outbox), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
returned_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) answer = care_outbox_run_now_finish (CARE_OUTBOX (source), result, &error);
  JsonNode *node;
  JsonArray *list;

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  node = json_object_get_member (answer, "parameter");
  list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *parameter = json_array_get_object_element (list, i);
      JsonNode *resource = parameter != NULL ? json_object_get_member (parameter, "resource") : NULL;

      if (resource != NULL && JSON_NODE_HOLDS_OBJECT (resource))
        {
          g_task_return_pointer (task, json_node_dup_object (resource), (GDestroyNotify)json_object_unref);
          return;
        }
    }
  g_task_return_new_error (task, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED, "%s",
                           _("The health system’s answer did not include the appointment"));
}

/**
 * care_scheduling_hold_async:
 * @outbox: the person's outbox
 * @proposal: a proposed Appointment from care_scheduling_find_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when held
 * @user_data: for @callback
 *
 * `Appointment/$hold`: the portal keeps the time for a few minutes while
 * the patient reviews it. Someone else's booking in the meantime is an
 * error with the portal's words.
 */
void
care_scheduling_hold_async (CareOutbox          *outbox,
                            JsonObject          *proposal,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (outbox, cancellable, callback, user_data);
  JsonArray *list = NULL;
  g_autoptr(JsonObject) parameters = new_parameters (&list);

  g_task_set_source_tag (task, care_scheduling_hold_async);
  add_resource (list, "appt-resource", proposal);
  care_outbox_run_now_async (outbox, "POST", "Appointment/$hold", parameters, cancellable, returned_cb, task);
}

JsonObject *
care_scheduling_hold_finish (CareOutbox    *outbox,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, outbox), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_scheduling_book_async:
 * @outbox: the person's outbox
 * @proposal: a proposed Appointment (or a wait-list offer)
 * @replacing: (nullable): the booked Appointment it replaces: a
 *   reschedule, which the portal does in one piece or not at all
 * @reason: (nullable): the reason for the visit, in the patient's words
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when booked
 * @user_data: for @callback
 *
 * `Appointment/$book`.
 */
void
care_scheduling_book_async (CareOutbox          *outbox,
                            JsonObject          *proposal,
                            JsonObject          *replacing,
                            const char          *reason,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (outbox, cancellable, callback, user_data);
  JsonArray *list = NULL;
  g_autoptr(JsonObject) parameters = new_parameters (&list);
  g_autoptr(JsonObject) appointment = deep_copy (proposal);

  g_task_set_source_tag (task, care_scheduling_book_async);
  if (reason != NULL && reason[0] != '\0')
    {
      JsonArray *codes = json_array_new ();
      JsonObject *concept = json_object_new ();

      json_object_set_string_member (concept, "text", reason);
      json_array_add_object_element (codes, concept);
      json_object_set_array_member (appointment, "reasonCode", codes);
    }
  add_resource (list, "appt-resource", appointment);
  if (replacing != NULL)
    {
      g_autoptr(JsonObject) old = deep_copy (replacing);

      json_object_set_string_member (old, "status", "cancelled");
      add_resource (list, "appt-resource", old);
    }
  care_outbox_run_now_async (outbox, "POST", "Appointment/$book", parameters, cancellable, returned_cb, task);
}

JsonObject *
care_scheduling_book_finish (CareOutbox    *outbox,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, outbox), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_scheduling_find_proposal:
 * @proposals: (element-type JsonObject): what $find answered
 * @slot_id: a slot id the user chose
 *
 * Returns: (transfer none) (nullable): the proposal starting with that slot
 */
JsonObject *
care_scheduling_find_proposal (GPtrArray  *proposals,
                               const char *slot_id)
{
  for (guint i = 0; i < proposals->len; i++)
    if (g_strcmp0 (care_appointment_get_slot_id (g_ptr_array_index (proposals, i)), slot_id) == 0)
      return g_ptr_array_index (proposals, i);
  return NULL;
}
