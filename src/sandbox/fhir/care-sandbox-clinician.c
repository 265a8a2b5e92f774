/* care-sandbox-clinician.c — the demo clinician who answers messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In demo mode each message from a patient gets an answer from the
 * member of the care team it went to, after --reply-after seconds, in
 * the thread (partOf the thread's first message, inResponseTo the
 * message) and in the message's language (its `language`, else the
 * patient's preferred one). A prescription renewal request is answered
 * with a new MedicationRequest whose priorPrescription is the old one
 * (only an active prescription is renewed; otherwise the answer carries
 * the reason in statusReason), a letter request with a PDF letter as a
 * DocumentReference of category clinical-note, also pointed at from the
 * answer (payload.contentReference).
 */
#include "config.h"

#include <string.h>

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-messages.h"
#include "care-sandbox-seed-private.h"

#define TR(es, en_text, es_text) ((es) ? (es_text) : (en_text))

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
get_first (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonNode *first = array != NULL && json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;

  return first != NULL && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
}

static JsonObject *
new_reference (const char *reference)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", reference);
  return object;
}

static JsonArray *
new_reference_list (const char *reference)
{
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, new_reference (reference));
  return array;
}

static JsonNode *
copy_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL ? json_node_copy (node) : NULL;
}

static gboolean
wants_spanish (CareSandboxStore *store,
               JsonObject       *message,
               const char       *patient_id)
{
  const char *language = get_string (message, "language");
  g_autoptr(JsonObject) patient = NULL;
  JsonObject *coding;

  if (language != NULL)
    return g_str_has_prefix (language, "es");

  patient = care_sandbox_store_get (store, "Patient", patient_id);
  coding = get_first (get_object (get_first (patient, "communication"), "language"), "coding");
  return g_str_has_prefix (get_string (coding, "code") ?: "", "es");
}

static char *
dup_medication_name (CareSandboxStore *store,
                     JsonObject       *request)
{
  JsonObject *concept = get_object (request, "medicationCodeableConcept");
  JsonObject *reference = get_object (request, "medicationReference");
  const char *ref = get_string (reference, "reference");
  g_autoptr(JsonObject) medication = NULL;

  if (get_string (concept, "text") != NULL)
    return g_strdup (get_string (concept, "text"));
  if (get_string (reference, "display") != NULL)
    return g_strdup (get_string (reference, "display"));
  if (ref != NULL && g_str_has_prefix (ref, "Medication/"))
    medication = care_sandbox_store_get (store, "Medication", ref + strlen ("Medication/"));
  concept = get_object (medication, "code");
  if (get_string (concept, "text") != NULL)
    return g_strdup (get_string (concept, "text"));
  if (get_string (get_first (concept, "coding"), "display") != NULL)
    return g_strdup (get_string (get_first (concept, "coding"), "display"));
  return NULL;
}

/* The pharmacy a renewal request asks for: an Organization of the store
 * among what it is `about`, as a reference with its name, or another
 * pharmacy named by a display alone. */
static JsonObject *
dup_pharmacy (CareSandboxStore *store,
              JsonObject       *message)
{
  JsonNode *list = json_object_get_member (message, "about");
  JsonArray *about = list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;

  for (guint i = 0; about != NULL && i < json_array_get_length (about); i++)
    {
      JsonNode *node = json_array_get_element (about, i);
      const char *target = JSON_NODE_HOLDS_OBJECT (node) ? get_string (json_node_get_object (node), "reference") : NULL;
      g_autoptr(JsonObject) organization = NULL;
      JsonObject *pharmacy;

      /* Another pharmacy than the patient's, by its name alone. */
      if (target == NULL && JSON_NODE_HOLDS_OBJECT (node) && get_string (json_node_get_object (node), "display") != NULL)
        {
          pharmacy = json_object_new ();
          json_object_set_string_member (pharmacy, "display", get_string (json_node_get_object (node), "display"));
          return pharmacy;
        }
      if (target == NULL || !g_str_has_prefix (target, "Organization/"))
        continue;
      organization = care_sandbox_store_get (store, "Organization", target + strlen ("Organization/"));
      if (organization == NULL)
        continue;
      pharmacy = json_object_new ();
      json_object_set_string_member (pharmacy, "reference", target);
      if (get_string (organization, "name") != NULL)
        json_object_set_string_member (pharmacy, "display", get_string (organization, "name"));
      return pharmacy;
    }
  return NULL;
}

/* Renews the prescription the message is about, or says why not.
 * Returns the text of the answer; sets what it is about. */
static char *
answer_renewal (CareSandboxStore *store,
                JsonObject       *message,
                const char       *patient_id,
                gboolean          es,
                JsonObject       *reply)
{
  const char *about = get_string (get_first (message, "about"), "reference");
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) renewed = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autofree char *reference = NULL;
  g_autoptr(JsonObject) pharmacy = NULL;
  JsonObject *reason;
  const char *status;

  if (about != NULL && g_str_has_prefix (about, "MedicationRequest/"))
    request = care_sandbox_store_get (store, "MedicationRequest", about + strlen ("MedicationRequest/"));
  owner = request != NULL ? care_sandbox_store_dup_patient_of (request) : NULL;
  status = get_string (request, "status");
  name = request != NULL ? dup_medication_name (store, request) : NULL;
  if (name == NULL)
    name = g_strdup (TR (es, "this medicine", "este medicamento"));

  if (request == NULL || g_strcmp0 (owner, patient_id) != 0 || g_strcmp0 (status, "active") != 0)
    {
      const char *why = request == NULL || g_strcmp0 (owner, patient_id) != 0
                        ? TR (es, "I can't find this prescription in your record.",
                                  "No encuentro esta receta en su expediente.")
                        : g_strcmp0 (status, "completed") == 0
                        ? TR (es, "This was a short course that has ended; if you still need it, please book a visit.",
                                  "Era un tratamiento corto que ya terminó; si todavía lo necesita, pida una cita.")
                        : TR (es, "This medicine was stopped, so it can't be renewed. Let's talk about it at your next visit.",
                                  "Este medicamento se suspendió, así que no se puede renovar. Hablemos de ello en su próxima cita.");

      reason = json_object_new ();
      json_object_set_string_member (reason, "text", why);
      json_object_set_object_member (reply, "statusReason", reason);
      if (about != NULL)
        json_object_set_array_member (reply, "about", new_reference_list (about));
      return g_strdup_printf (TR (es, "I can't renew %s. %s", "No puedo renovar %s. %s"), name, why);
    }

  {
    g_autoptr(JsonNode) node = json_node_alloc ();
    g_autofree char *text = NULL;

    json_node_init_object (node, request);
    text = json_to_string (node, FALSE);
    renewed = care_sandbox_fhir_parse_object (text, -1, NULL);
  }
  json_object_remove_member (renewed, "id");
  json_object_remove_member (renewed, "meta");
  json_object_remove_member (renewed, "identifier");
  json_object_set_string_member (renewed, "status", "active");
  json_object_set_string_member (renewed, "authoredOn", today);
  json_object_set_object_member (renewed, "priorPrescription", new_reference (about));
  pharmacy = dup_pharmacy (store, message);
  if (pharmacy != NULL)
    {
      JsonObject *dispense = get_object (renewed, "dispenseRequest");

      if (dispense == NULL)
        {
          dispense = json_object_new ();
          json_object_set_object_member (renewed, "dispenseRequest", dispense);
        }
      json_object_set_object_member (dispense, "performer", json_object_ref (pharmacy));
    }
  stored = care_sandbox_store_put (store, renewed, NULL);
  if (stored == NULL)
    return g_strdup (TR (es, "I could not renew this prescription; please call the clinic.",
                             "No pude renovar esta receta; llame a la clínica, por favor."));

  reference = g_strdup_printf ("MedicationRequest/%s", get_string (stored, "id"));
  json_object_set_array_member (reply, "about", new_reference_list (reference));
  if (pharmacy != NULL && get_string (pharmacy, "display") != NULL)
    return g_strdup_printf (TR (es, "I renewed your prescription for %s and sent it to %s. It will be ready in a day or two.",
                                    "Renové su receta de %s y la envié a %s. Estará lista en uno o dos días."),
                            name, get_string (pharmacy, "display"));
  return g_strdup_printf (TR (es, "I renewed your prescription for %s. Your pharmacy will have it ready in a day or two.",
                                  "Renové su receta de %s. Su farmacia la tendrá lista en uno o dos días."), name);
}

static char *
answer_letter (CareSandboxStore *store,
               JsonObject       *message,
               const char       *patient_id,
               gboolean          es,
               JsonObject       *reply)
{
  const char *purpose = get_string (get_first (get_first (message, "reasonCode"), "coding"), "code");
  const char *request_text = get_string (get_first (message, "payload"), "contentString");
  const char *author = get_string (get_first (message, "recipient"), "reference");
  g_autoptr(JsonObject) patient = care_sandbox_store_get (store, "Patient", patient_id);
  JsonObject *name = get_first (patient, "name");
  const char *family = get_string (name, "family");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autofree char *when = g_date_time_format (now, "%FT%TZ");
  g_autofree char *full_name = NULL;
  g_autofree char *body = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;
  g_autofree char *doc_ref = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonObject) stored = NULL;
  const char *title;
  JsonArray *payload;
  JsonObject *part;
  JsonArray *given_names = name != NULL && json_object_has_member (name, "given") &&
                           JSON_NODE_HOLDS_ARRAY (json_object_get_member (name, "given"))
                           ? json_object_get_array_member (name, "given") : NULL;

  full_name = g_strdup_printf ("%s %s", given_names != NULL && json_array_get_length (given_names) > 0
                               ? json_array_get_string_element (given_names, 0) : "",
                               family != NULL ? family : "");
  g_strstrip (full_name);

  if (g_strcmp0 (purpose, "school") == 0)
    title = TR (es, "Letter for school", "Carta para la escuela");
  else if (g_strcmp0 (purpose, "work") == 0)
    title = TR (es, "Letter for work", "Carta para el trabajo");
  else if (g_strcmp0 (purpose, "travel") == 0)
    title = TR (es, "Letter for travel", "Carta para viajar");
  else
    title = TR (es, "Letter", "Carta");

  body = g_strdup_printf (TR (es, "%s is a patient of Riverside Family Health.",
                                  "%s es paciente de Riverside Family Health."), full_name);
  {
    const char *lines[] = {
      TR (es, "To whom it may concern,", "A quien corresponda:"),
      "",
      body,
      request_text != NULL ? request_text : "",
      "",
      TR (es, "Please call (555) 010-2200 with any questions.",
              "Para cualquier pregunta, llame al (555) 010-2200."),
      NULL,
    };

    pdf = care_seed_dup_base64_pdf (title, full_name, today, lines);
  }

  json = g_strdup_printf ("{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"docStatus\":\"final\","
                          "\"type\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"34109-9\","
                          "\"display\":\"Note\"}],\"text\":\"%s\"},\"category\":[{\"coding\":[{\"system\":"
                          "\"http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category\","
                          "\"code\":\"clinical-note\",\"display\":\"Clinical Note\"}]}],"
                          "\"subject\":{\"reference\":\"Patient/%s\"},\"date\":\"%s\",\"description\":\"%s\","
                          "\"custodian\":{\"reference\":\"Organization/riverside\"},"
                          "\"content\":[{\"attachment\":{\"contentType\":\"application/pdf\",\"title\":\"%s\","
                          "\"creation\":\"%s\",\"data\":\"%s\"}}]}",
                          title, patient_id, when, title, title, when, pdf);
  document = care_sandbox_fhir_parse_object (json, -1, NULL);
  if (document == NULL)
    return g_strdup (TR (es, "I could not write the letter; please call the clinic.",
                             "No pude escribir la carta; llame a la clínica, por favor."));
  if (author != NULL)
    json_object_set_array_member (document, "author", new_reference_list (author));
  stored = care_sandbox_store_put (store, document, NULL);
  if (stored == NULL)
    return g_strdup (TR (es, "I could not write the letter; please call the clinic.",
                             "No pude escribir la carta; llame a la clínica, por favor."));

  doc_ref = g_strdup_printf ("DocumentReference/%s", get_string (stored, "id"));
  payload = json_array_new ();
  part = json_object_new ();
  json_object_set_object_member (part, "contentReference", new_reference (doc_ref));
  json_object_set_string_member (get_object (part, "contentReference"), "display", title);
  json_array_add_object_element (payload, part);
  json_object_set_array_member (reply, "payload", payload);
  json_object_set_array_member (reply, "about", new_reference_list (doc_ref));
  return g_strdup (TR (es, "Your letter is ready. You'll find it here and in Visits & Documents.",
                           "Su carta está lista. La encontrará aquí y en Visitas y documentos."));
}

/**
 * care_sandbox_clinician_answer: (skip)
 * @store: the portal's resources
 * @message: a patient's message, as stored
 *
 * Stores the care team's answer to @message.
 */
void
care_sandbox_clinician_answer (CareSandboxStore *store,
                               JsonObject       *message)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *patient_id = care_sandbox_store_dup_patient_of (message);
  g_autofree char *self_reference = g_strdup_printf ("Communication/%s", get_string (message, "id"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *sent = g_date_time_format (now, "%FT%TZ");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) stored = NULL;
  JsonObject *recipient = get_first (message, "recipient");
  JsonObject *thread = get_first (message, "partOf");
  const char *kind = care_sandbox_messages_get_kind (message);
  gboolean es;
  JsonNode *node;
  JsonArray *payload;
  JsonObject *part;

  if (patient_id == NULL || recipient == NULL)
    return;
  es = wants_spanish (store, message, patient_id);

  json_object_set_string_member (reply, "resourceType", "Communication");
  json_object_set_string_member (reply, "status", "completed");
  if ((node = copy_member (message, "category")) != NULL)
    json_object_set_member (reply, "category", node);
  if ((node = copy_member (message, "subject")) != NULL)
    json_object_set_member (reply, "subject", node);
  if ((node = copy_member (message, "topic")) != NULL)
    json_object_set_member (reply, "topic", node);
  json_object_set_member (reply, "sender",
                          json_node_copy (json_array_get_element (json_object_get_array_member (message, "recipient"), 0)));
  json_object_set_array_member (reply, "recipient",
                                new_reference_list (get_string (get_object (message, "sender"), "reference")
                                                    ?: get_string (get_object (message, "subject"), "reference")));
  json_object_set_array_member (reply, "partOf",
                                new_reference_list (get_string (thread, "reference") ?: self_reference));
  json_object_set_array_member (reply, "inResponseTo", new_reference_list (self_reference));
  json_object_set_string_member (reply, "sent", sent);
  json_object_set_string_member (reply, "language", es ? "es" : "en");

  if (g_strcmp0 (kind, "prescription-renewal") == 0)
    text = answer_renewal (store, message, patient_id, es, reply);
  else if (g_strcmp0 (kind, "letter-request") == 0)
    text = answer_letter (store, message, patient_id, es, reply);
  else if (g_strcmp0 (kind, "customer-service") == 0)
    text = g_strdup (TR (es, "Thank you for your message. We looked at your account and answered your question; "
                             "call (555) 010-2200 if anything is still unclear.",
                             "Gracias por su mensaje. Revisamos su cuenta y respondimos su pregunta; llame al "
                             "(555) 010-2200 si algo no queda claro."));
  else
    text = g_strdup (TR (es, "Thank you for your message. I read it, and I think we can manage this at home for now. "
                             "If it gets worse, please book a visit; for an emergency call 911.",
                             "Gracias por su mensaje. Lo leí y creo que por ahora podemos manejarlo en casa. "
                             "Si empeora, pida una cita; en caso de emergencia llame al 911."));

  payload = json_object_has_member (reply, "payload") ? json_object_get_array_member (reply, "payload") : NULL;
  if (payload == NULL)
    {
      payload = json_array_new ();
      json_object_set_array_member (reply, "payload", payload);
    }
  part = json_object_new ();
  json_object_set_string_member (part, "contentString", text);
  /* The words first, what comes with them after. */
  {
    JsonArray *ordered = json_array_new ();

    json_array_add_object_element (ordered, part);
    for (guint i = 0; i < json_array_get_length (payload); i++)
      json_array_add_element (ordered, json_node_copy (json_array_get_element (payload, i)));
    json_object_set_array_member (reply, "payload", ordered);
  }

  stored = care_sandbox_store_put (store, reply, NULL);
  if (stored == NULL)
    g_debug ("The demo clinician's answer could not be stored");
}
