/* care-check-in.c — an appointment's eCheck-in, step by step
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the eCheck-in checklist needs besides care-appointment.c: which
 * steps are done, counting the ones ticked here that still wait in the
 * outbox (offline, or before a restart: the outbox is in the cache, so
 * they survive it); the Questionnaire the visit type asks for; the copay
 * due; and the visit's answers as two outbox items, the completed
 * QuestionnaireResponse (a create) and the $check-in step that waits for
 * it and points at it ("urn:uuid:…" until the portal names it).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-bill-payment.h"
#include "care-check-in.h"
#include "care-fhir.h"
#include "care-questionnaire-assignments.h"

#include <string.h>

static JsonObject *
check_in_part (JsonObject *appointment,
               const char *url)
{
  JsonArray *extensions = care_fhir_get_array (appointment, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = care_fhir_get_array_object (appointment, "extension", i);
      JsonArray *parts;

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), CARE_APPOINTMENT_EXT_CHECK_IN) != 0)
        continue;
      parts = care_fhir_get_array (extension, "extension");
      for (guint j = 0; parts != NULL && j < json_array_get_length (parts); j++)
        {
          JsonObject *part = care_fhir_get_array_object (extension, "extension", j);

          if (g_strcmp0 (care_fhir_get_string (part, "url"), url) == 0)
            return part;
        }
    }
  return NULL;
}

/* The parameter @name of a Parameters resource, as a string. */
static const char *
parameter_text (JsonObject *parameters,
                const char *name,
                const char *kind)
{
  JsonArray *list = care_fhir_get_array (parameters, "parameter");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *parameter = care_fhir_get_array_object (parameters, "parameter", i);

      if (g_strcmp0 (care_fhir_get_string (parameter, "name"), name) != 0)
        continue;
      if (g_str_equal (kind, "valueReference"))
        return care_fhir_get_string (care_fhir_get_object (parameter, kind), "reference");
      return care_fhir_get_string (parameter, kind);
    }
  return NULL;
}

/**
 * care_check_in_queued_steps:
 * @cache: the person's cache (its outbox)
 * @appointment_id: an Appointment's id
 *
 * The steps ticked on this computer that wait in the outbox or were sent
 * since the last sync, so the checklist shows them done at once, offline
 * and after a restart. A refused step is not counted: it is to do again.
 *
 * Returns: the steps, as bits of #CareCheckInStep
 */
guint
care_check_in_queued_steps (CareCache  *cache,
                            const char *appointment_id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *target = NULL;
  guint steps = 0;

  g_return_val_if_fail (CARE_IS_CACHE (cache), 0);
  g_return_val_if_fail (appointment_id != NULL, 0);

  target = g_strconcat ("Appointment/", appointment_id, NULL);
  items = care_cache_outbox_list (cache, FALSE);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr(JsonObject) parameters = NULL;
      const char *step;

      if (item->kind != CARE_OUTBOX_OPERATION || g_strcmp0 (item->target, "Appointment/$check-in") != 0 ||
          (item->state != CARE_OUTBOX_PENDING && item->state != CARE_OUTBOX_SENT))
        continue;
      parameters = care_fhir_parse_resource (item->json, -1, NULL);
      if (parameters == NULL || g_strcmp0 (parameter_text (parameters, "appointment", "valueReference"), target) != 0)
        continue;
      step = parameter_text (parameters, "step", "valueCode");
      for (guint k = 0; step != NULL && k < CARE_CHECK_IN_N_STEPS; k++)
        if (g_str_equal (step, care_check_in_step_name (k)))
          steps |= 1u << k;
    }
  return steps;
}

/**
 * care_check_in_done_steps:
 * @appointment: a booked Appointment
 * @cache: (nullable): the person's cache, for the steps in its outbox
 * @out_needed: (out) (optional): the steps the visit asks for
 *
 * Returns: the steps done, at the portal or waiting in the outbox
 */
guint
care_check_in_done_steps (JsonObject *appointment,
                          CareCache  *cache,
                          guint      *out_needed)
{
  guint needed = 0;
  guint done = care_appointment_check_in_steps (appointment, &needed);
  const char *id = care_fhir_get_string (appointment, "id");

  if (cache != NULL && id != NULL)
    done |= care_check_in_queued_steps (cache, id) & needed;
  if (out_needed != NULL)
    *out_needed = needed;
  return done;
}

/**
 * care_check_in_dup_questionnaire:
 * @appointment: an Appointment
 *
 * Returns: (transfer full) (nullable): the id of the Questionnaire its
 *   visit type asks for, if it asks for one
 */
char *
care_check_in_dup_questionnaire (JsonObject *appointment)
{
  JsonObject *part = check_in_part (appointment, "questionnaire-required");
  const char *reference = care_fhir_get_string (care_fhir_get_object (part, "valueReference"), "reference");
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;

  if (reference == NULL)
    reference = care_fhir_get_string (part, "valueCanonical");
  if (reference == NULL || !care_fhir_parse_reference (reference, &type, &id) ||
      g_strcmp0 (type, "Questionnaire") != 0)
    return NULL;
  return g_steal_pointer (&id);
}

/**
 * care_check_in_dup_copay:
 * @appointment: an Appointment
 *
 * Returns: (transfer full) (nullable): the copay due as people read it,
 *   "$25.00" (care_money_format()), when the portal says one is
 */
char *
care_check_in_dup_copay (JsonObject *appointment)
{
  JsonObject *money = care_fhir_get_object (check_in_part (appointment, "copay-due"), "valueMoney");
  JsonNode *value = money != NULL ? json_object_get_member (money, "value") : NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      (json_node_get_value_type (value) != G_TYPE_DOUBLE && json_node_get_value_type (value) != G_TYPE_INT64))
    return NULL;
  return care_money_format (json_node_get_double (value), care_fhir_get_string (money, "currency"));
}

/**
 * care_check_in_answers_drafts_new:
 * @appointment: a booked Appointment
 * @form: the visit's questionnaire, answered
 * @patient: "Patient/id"
 * @author: (nullable): who answered, when not the patient
 * @now: when
 * @error: return location for a #GError naming the first item with a
 *   problem
 *
 * The answers as the outbox sends them: first the completed
 * QuestionnaireResponse, then the questionnaire step of `$check-in`,
 * which waits for it and refers to it.
 *
 * Returns: (transfer full) (element-type CareOutboxDraft) (nullable): the
 *   two drafts, to queue in their order
 */
GPtrArray *
care_check_in_answers_drafts_new (JsonObject             *appointment,
                                  CareQuestionnaireForm  *form,
                                  const char             *patient,
                                  const char             *author,
                                  GDateTime              *now,
                                  GError                **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  CareOutboxDraft *response;
  CareOutboxDraft *step;
  g_autofree char *reference = NULL;

  g_return_val_if_fail (appointment != NULL, NULL);
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (form), NULL);

  response = care_questionnaire_response_draft_new (form, patient, author, now, error);
  if (response == NULL)
    return NULL;
  g_ptr_array_add (drafts, response);
  reference = care_outbox_draft_dup_reference (response);
  step = care_appointment_check_in_draft_new (appointment, CARE_CHECK_IN_QUESTIONNAIRE, reference);
  care_outbox_draft_depend_on (step, response);
  g_ptr_array_add (drafts, step);
  return g_steal_pointer (&drafts);
}
