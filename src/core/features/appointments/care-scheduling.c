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

/* What a request's answer becomes: the task's result, or an error. */
typedef gpointer (*ReadAnswer) (JsonObject *answer, GDestroyNotify *out_free, GError **error);

typedef struct
{
  ReadAnswer read;
} Request;

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) answer = care_outbox_run_now_finish (CARE_OUTBOX (source), result, &error);
  GDestroyNotify free_func = NULL;
  gpointer value;

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  value = request->read (answer, &free_func, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, free_func);
}

/* One online-only request (care_outbox_run_now_async()), its answer read
 * by @read: every call of this file goes through here. */
static void
run (CareOutbox          *outbox,
     gpointer             source_tag,
     const char          *method,
     const char          *path,
     JsonObject          *body,
     ReadAnswer           read,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  GTask *task = g_task_new (outbox, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->read = read;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, g_free);
  care_outbox_run_now_async (outbox, method, path, body, cancellable, answered_cb, task);
}

static gpointer
finish (CareOutbox    *outbox,
        GAsyncResult  *result,
        gpointer       source_tag,
        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, outbox), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The resource of each entry of a Bundle (or of each parameter of a
 * Parameters), in order. */
static GPtrArray *
dup_resources (JsonObject *answer,
               const char *list_name)
{
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  JsonNode *node = json_object_get_member (answer, list_name);
  JsonArray *list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonNode *resource = entry != NULL ? json_object_get_member (entry, "resource") : NULL;

      if (resource != NULL && JSON_NODE_HOLDS_OBJECT (resource))
        g_ptr_array_add (resources, json_node_dup_object (resource));
    }
  return resources;
}

static gpointer
read_visit_types (JsonObject      *bundle,
                  GDestroyNotify  *out_free,
                  GError         **error)
{
  g_autoptr(GPtrArray) resources = dup_resources (bundle, "entry");
  GPtrArray *types = g_ptr_array_new_with_free_func ((GDestroyNotify)care_visit_type_free);

  for (guint i = 0; i < resources->len; i++)
    {
      CareVisitType *type = care_visit_type_new_from_resource (g_ptr_array_index (resources, i));

      if (type != NULL)
        g_ptr_array_add (types, type);
    }
  *out_free = (GDestroyNotify)g_ptr_array_unref;
  return types;
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
  run (outbox, care_scheduling_visit_types_async, "GET", "HealthcareService?category=visit-type&_count=100", NULL,
       read_visit_types, cancellable, callback, user_data);
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
  return finish (outbox, result, care_scheduling_visit_types_async, error);
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

static gpointer
read_proposals (JsonObject      *bundle,
                GDestroyNotify  *out_free,
                GError         **error)
{
  g_autoptr(GPtrArray) resources = dup_resources (bundle, "entry");
  GPtrArray *proposals = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  for (guint i = 0; i < resources->len; i++)
    {
      JsonObject *appointment = g_ptr_array_index (resources, i);
      g_autoptr(GDateTime) start = care_appointment_dup_start (appointment);

      /* Only what can be booked: a time and a slot. */
      if (start != NULL && care_appointment_get_slot_id (appointment) != NULL &&
          g_strcmp0 (care_fhir_get_string (appointment, "resourceType"), "Appointment") == 0)
        g_ptr_array_add (proposals, json_object_ref (appointment));
    }
  *out_free = (GDestroyNotify)g_ptr_array_unref;
  return proposals;
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
  JsonArray *list = NULL;
  g_autoptr(JsonObject) parameters = new_parameters (&list);
  g_autofree char *start = from != NULL ? g_date_time_format_iso8601 (from) : NULL;
  g_autofree char *end = to != NULL ? g_date_time_format_iso8601 (to) : NULL;

  add_parameter (list, "visit-type", "valueCode", visit_type);
  add_parameter (list, "practitioner", "valueString", practitioner);
  add_parameter (list, "location", "valueString", location);
  add_parameter (list, "start", "valueDateTime", start);
  add_parameter (list, "end", "valueDateTime", end);
  run (outbox, care_scheduling_find_async, "POST", "Appointment/$find", parameters, read_proposals, cancellable,
       callback, user_data);
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
  return finish (outbox, result, care_scheduling_find_async, error);
}

/* $hold and $book answer a Parameters whose first resource is the
 * appointment. */
static gpointer
read_appointment (JsonObject      *answer,
                  GDestroyNotify  *out_free,
                  GError         **error)
{
  g_autoptr(GPtrArray) resources = dup_resources (answer, "parameter");

  if (resources->len == 0)
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED, "%s",
                   _("The health system’s answer did not include the appointment"));
      return NULL;
    }
  *out_free = (GDestroyNotify)json_object_unref;
  return json_object_ref (g_ptr_array_index (resources, 0));
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
  JsonArray *list = NULL;
  g_autoptr(JsonObject) parameters = new_parameters (&list);

  add_resource (list, "appt-resource", proposal);
  run (outbox, care_scheduling_hold_async, "POST", "Appointment/$hold", parameters, read_appointment, cancellable,
       callback, user_data);
}

JsonObject *
care_scheduling_hold_finish (CareOutbox    *outbox,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish (outbox, result, care_scheduling_hold_async, error);
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
  JsonArray *list = NULL;
  g_autoptr(JsonObject) parameters = new_parameters (&list);
  g_autoptr(JsonObject) appointment = deep_copy (proposal);

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
  run (outbox, care_scheduling_book_async, "POST", "Appointment/$book", parameters, read_appointment, cancellable,
       callback, user_data);
}

JsonObject *
care_scheduling_book_finish (CareOutbox    *outbox,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish (outbox, result, care_scheduling_book_async, error);
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
