/* care-message-draft.c — messages to the care team, as outbox drafts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message is a Communication create: subject the patient, sender the
 * patient or their proxy, one recipient from the care team, the kind as
 * a category (CARE_MESSAGE_KIND_SYSTEM), the subject as topic, the text
 * as the first payload. Attachments are Binaries created first: each is
 * its own draft, they wait for each other in a chain, and the message
 * waits for the last, its payload pointing at each as "urn:uuid:…" that
 * the outbox turns into "Binary/<id>" when it is sent. A reply keeps the
 * thread (partOf its first message, inResponseTo the one answered); a
 * renewal request is about the MedicationRequest; a letter request says
 * what the letter is for in reasonCode. Images and PDF only, 10 MB each,
 * 5 at most: the sandbox's limits, checked here before anything is queued.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-message-draft.h"

static const struct
{
  const char *code;
  const char *title;
} kinds[CARE_MESSAGE_N_KINDS] = {
  [CARE_MESSAGE_KIND_MEDICAL_QUESTION] = { "medical-question", N_("Medical question") },
  [CARE_MESSAGE_KIND_CUSTOMER_SERVICE] = { "customer-service", N_("Customer service") },
  [CARE_MESSAGE_KIND_RENEWAL] = { "prescription-renewal", N_("Prescription renewal") },
  [CARE_MESSAGE_KIND_LETTER] = { "letter-request", N_("Letter request") },
  [CARE_MESSAGE_KIND_OTHER] = { "other", N_("Other") },
};

static const char *image_types[] = {
  "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf",
};

const char *
care_message_kind_to_code (CareMessageKind kind)
{
  g_return_val_if_fail (kind < CARE_MESSAGE_N_KINDS, NULL);

  return kinds[kind].code;
}

gboolean
care_message_kind_from_code (const char      *code,
                             CareMessageKind *out_kind)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].code, code))
      {
        *out_kind = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * care_message_kind_get_title:
 * @kind: a kind of message
 *
 * Returns: its name, translated
 */
const char *
care_message_kind_get_title (CareMessageKind kind)
{
  g_return_val_if_fail (kind < CARE_MESSAGE_N_KINDS, NULL);

  return _(kinds[kind].title);
}

/**
 * care_message_get_kind:
 * @message: a Communication
 *
 * Returns: its kind, from its category; "other" when it says none
 */
CareMessageKind
care_message_get_kind (JsonObject *message)
{
  JsonArray *categories = care_fhir_get_array (message, "category");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *concept = care_fhir_get_array_object (message, "category", i);
      JsonArray *codings = care_fhir_get_array (concept, "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          JsonObject *coding = care_fhir_get_array_object (concept, "coding", j);
          CareMessageKind kind;

          if (g_strcmp0 (care_fhir_get_string (coding, "system"), CARE_MESSAGE_KIND_SYSTEM) == 0 &&
              care_message_kind_from_code (care_fhir_get_string (coding, "code"), &kind))
            return kind;
        }
    }

  return CARE_MESSAGE_KIND_OTHER;
}

/**
 * care_message_is_call:
 * @message: a Communication
 *
 * Returns: %TRUE for the note of a phone call (medium PHONE)
 */
gboolean
care_message_is_call (JsonObject *message)
{
  JsonArray *media = care_fhir_get_array (message, "medium");

  for (guint i = 0; media != NULL && i < json_array_get_length (media); i++)
    {
      JsonObject *concept = care_fhir_get_array_object (message, "medium", i);
      JsonArray *codings = care_fhir_get_array (concept, "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          const char *code = care_fhir_get_string (care_fhir_get_array_object (concept, "coding", j), "code");

          if (g_strcmp0 (code, "PHONE") == 0 || g_strcmp0 (code, "VIDEOCONF") == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * care_message_check_attachment:
 * @content_type: (nullable): what the file is
 * @size: its size in bytes
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: %TRUE if the portal takes it: an image or a PDF of at most 10 MB
 */
gboolean
care_message_check_attachment (const char  *content_type,
                               gsize        size,
                               GError     **error)
{
  gboolean allowed = FALSE;

  for (guint i = 0; content_type != NULL && i < G_N_ELEMENTS (image_types); i++)
    allowed |= g_ascii_strcasecmp (content_type, image_types[i]) == 0;

  if (!allowed)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("Only pictures (JPEG, PNG, GIF, WebP, HEIC) and PDF files can be attached."));
      return FALSE;
    }
  if (size > CARE_MESSAGE_MAX_ATTACHMENT_BYTES)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                           _("Each attachment may be at most 10 MB."));
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD, _("The file is empty."));
      return FALSE;
    }

  return TRUE;
}

/**
 * care_message_attachment_draft_new:
 * @patient: "Patient/id"
 * @filename: the file's name, shown in the message
 * @content_type: what it is
 * @bytes: its content
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): a create of a Binary of the
 *   patient, or %NULL if the portal would not take the file
 */
CareOutboxDraft *
care_message_attachment_draft_new (const char  *patient,
                                   const char  *filename,
                                   const char  *content_type,
                                   GBytes      *bytes,
                                   GError     **error)
{
  g_autoptr(JsonObject) binary = json_object_new ();
  g_autofree char *data = NULL;
  g_autofree char *summary = NULL;
  JsonObject *context;
  CareOutboxDraft *draft;

  g_return_val_if_fail (patient != NULL && filename != NULL && bytes != NULL, NULL);

  if (!care_message_check_attachment (content_type, g_bytes_get_size (bytes), error))
    return NULL;

  data = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  json_object_set_string_member (binary, "resourceType", "Binary");
  json_object_set_string_member (binary, "contentType", content_type);
  context = json_object_new ();
  json_object_set_string_member (context, "reference", patient);
  json_object_set_object_member (binary, "securityContext", context);
  json_object_set_string_member (binary, "data", data);

  /* Translators: an item waiting to be sent; %s is a file's name */
  summary = g_strdup_printf (_("Attachment %s"), filename);
  draft = care_outbox_draft_new (CARE_OUTBOX_CREATE, binary, summary);
  /* Where the message finds its name and size once it points at it. */
  json_object_set_string_member (draft->resource, "_title", filename);
  json_object_set_int_member (draft->resource, "_size", g_bytes_get_size (bytes));
  return draft;
}

static JsonObject *
new_reference (const char *reference,
               const char *display)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", reference);
  if (display != NULL)
    json_object_set_string_member (object, "display", display);
  return object;
}

static JsonArray *
new_reference_list (const char *reference)
{
  JsonArray *list = json_array_new ();

  json_array_add_object_element (list, new_reference (reference, NULL));
  return list;
}

static JsonObject *
new_coded (const char *system,
           const char *code,
           const char *text)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (concept, "coding", codings);
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/**
 * care_message_draft_new:
 * @fields: the message
 * @attachments: (nullable) (element-type CareOutboxDraft): attachment
 *   drafts from care_message_attachment_draft_new(); they are chained to
 *   wait for each other and must be queued before the message
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): the message's create, waiting for
 *   its last attachment; %NULL if it has no text, no recipient or too many
 *   attachments
 */
CareOutboxDraft *
care_message_draft_new (const CareMessageFields *fields,
                        GPtrArray               *attachments,
                        GError                 **error)
{
  g_autoptr(JsonObject) message = json_object_new ();
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  JsonArray *categories;
  JsonArray *payload;
  JsonObject *part;
  CareOutboxDraft *draft;
  guint n_attachments = attachments != NULL ? attachments->len : 0;

  g_return_val_if_fail (fields != NULL && fields->patient != NULL && fields->when != NULL, NULL);
  g_return_val_if_fail (fields->kind < CARE_MESSAGE_N_KINDS, NULL);

  if (is_blank (fields->text))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD, _("Write a message first."));
      return NULL;
    }
  if (fields->recipient == NULL || fields->recipient[0] == '\0')
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("Choose who the message is for."));
      return NULL;
    }
  if (n_attachments > CARE_MESSAGE_MAX_ATTACHMENTS)
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE, "A message may have at most %d attachment.",
                                "A message may have at most %d attachments.", CARE_MESSAGE_MAX_ATTACHMENTS),
                   CARE_MESSAGE_MAX_ATTACHMENTS);
      return NULL;
    }

  when = g_date_time_format (fields->when, "%FT%T%:z");
  json_object_set_string_member (message, "resourceType", "Communication");
  json_object_set_string_member (message, "status", "in-progress");
  categories = json_array_new ();
  json_array_add_object_element (categories, new_coded (CARE_MESSAGE_KIND_SYSTEM,
                                                        care_message_kind_to_code (fields->kind),
                                                        care_message_kind_get_title (fields->kind)));
  json_object_set_array_member (message, "category", categories);
  json_object_set_object_member (message, "subject", new_reference (fields->patient, NULL));
  if (fields->subject != NULL && !is_blank (fields->subject))
    {
      JsonObject *topic = json_object_new ();

      json_object_set_string_member (topic, "text", fields->subject);
      json_object_set_object_member (message, "topic", topic);
    }
  json_object_set_object_member (message, "sender",
                                 new_reference (fields->sender != NULL ? fields->sender : fields->patient, NULL));
  {
    JsonArray *recipients = json_array_new ();

    json_array_add_object_element (recipients, new_reference (fields->recipient, fields->recipient_name));
    json_object_set_array_member (message, "recipient", recipients);
  }
  json_object_set_string_member (message, "sent", when);
  if (fields->language != NULL)
    json_object_set_string_member (message, "language", fields->language);
  if (fields->thread != NULL)
    json_object_set_array_member (message, "partOf", new_reference_list (fields->thread));
  if (fields->in_reply_to != NULL)
    json_object_set_array_member (message, "inResponseTo", new_reference_list (fields->in_reply_to));
  if (fields->about != NULL)
    {
      JsonArray *about = new_reference_list (fields->about);

      if (fields->pharmacy != NULL)
        json_array_add_object_element (about, new_reference (fields->pharmacy, fields->pharmacy_name));
      else if (fields->pharmacy_name != NULL)
        {
          JsonObject *named = json_object_new ();

          json_object_set_string_member (named, "display", fields->pharmacy_name);
          json_array_add_object_element (about, named);
        }
      json_object_set_array_member (message, "about", about);
    }
  if (fields->letter_purpose != NULL)
    {
      JsonArray *reasons = json_array_new ();

      json_array_add_object_element (reasons, new_coded (CARE_MESSAGE_LETTER_SYSTEM, fields->letter_purpose, NULL));
      json_object_set_array_member (message, "reasonCode", reasons);
    }

  payload = json_array_new ();
  part = json_object_new ();
  json_object_set_string_member (part, "contentString", fields->text);
  json_array_add_object_element (payload, part);
  for (guint i = 0; i < n_attachments; i++)
    {
      CareOutboxDraft *file = g_ptr_array_index (attachments, i);
      g_autofree char *reference = care_outbox_draft_dup_reference (file);
      JsonObject *attachment = json_object_new ();

      json_object_set_string_member (attachment, "contentType",
                                     care_fhir_get_string (file->resource, "contentType"));
      json_object_set_string_member (attachment, "url", reference);
      if (care_fhir_get_string (file->resource, "_title") != NULL)
        json_object_set_string_member (attachment, "title", care_fhir_get_string (file->resource, "_title"));
      if (json_object_has_member (file->resource, "_size"))
        json_object_set_int_member (attachment, "size", json_object_get_int_member (file->resource, "_size"));
      part = json_object_new ();
      json_object_set_object_member (part, "contentAttachment", attachment);
      json_array_add_object_element (payload, part);
      /* Each waits for the one before, the message for the last. */
      if (i > 0)
        care_outbox_draft_depend_on (file, g_ptr_array_index (attachments, i - 1));
    }
  json_object_set_array_member (message, "payload", payload);
  for (guint i = 0; i < n_attachments; i++)
    {
      CareOutboxDraft *file = g_ptr_array_index (attachments, i);

      json_object_remove_member (file->resource, "_title");
      json_object_remove_member (file->resource, "_size");
    }

  if (fields->subject != NULL && !is_blank (fields->subject))
    /* Translators: an item waiting to be sent; %1$s is who it is for, %2$s its subject */
    summary = g_strdup_printf (_("Message to %1$s: %2$s"),
                               fields->recipient_name != NULL ? fields->recipient_name : fields->recipient,
                               fields->subject);
  else
    /* Translators: an item waiting to be sent; %s is who it is for */
    summary = g_strdup_printf (_("Message to %s"),
                               fields->recipient_name != NULL ? fields->recipient_name : fields->recipient);
  draft = care_outbox_draft_new (CARE_OUTBOX_CREATE, message, summary);
  if (n_attachments > 0)
    care_outbox_draft_depend_on (draft, g_ptr_array_index (attachments, n_attachments - 1));
  return draft;
}

static char *
dup_reference (JsonObject *reference)
{
  CareFhirReference target;
  char *text = NULL;

  if (reference == NULL)
    return NULL;
  if (care_fhir_read_reference (reference, &target) && target.type != NULL && target.id != NULL)
    text = g_strdup_printf ("%s/%s", target.type, target.id);
  care_fhir_reference_clear (&target);
  return text;
}

static gboolean
is_care_team_side (const char *reference)
{
  return reference != NULL &&
         (g_str_has_prefix (reference, "Practitioner/") || g_str_has_prefix (reference, "PractitionerRole/") ||
          g_str_has_prefix (reference, "Organization/"));
}

/**
 * care_message_reply_draft_new:
 * @patient: "Patient/id"
 * @sender: (nullable): who writes, when not the patient
 * @answered: the message answered, as the portal holds it (with its id)
 * @text: the reply
 * @language: (nullable): its language
 * @when: when it was written
 * @attachments: (nullable) (element-type CareOutboxDraft): as for care_message_draft_new()
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * A reply goes to the care team's side of the thread, with its subject
 * and kind, partOf the thread's first message and inResponseTo @answered.
 *
 * Returns: (transfer full) (nullable): the reply's create
 */
CareOutboxDraft *
care_message_reply_draft_new (const char  *patient,
                              const char  *sender,
                              JsonObject  *answered,
                              const char  *text,
                              const char  *language,
                              GDateTime   *when,
                              GPtrArray   *attachments,
                              GError     **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *thread = NULL;
  g_autofree char *self_reference = NULL;
  g_autofree char *subject = NULL;
  JsonObject *sender_ref;
  JsonObject *recipient_ref;
  CareMessageFields fields = { 0 };

  g_return_val_if_fail (answered != NULL, NULL);
  g_return_val_if_fail (care_fhir_get_string (answered, "id") != NULL, NULL);

  sender_ref = care_fhir_get_object (answered, "sender");
  recipient_ref = care_fhir_get_array_object (answered, "recipient", 0);
  from = dup_reference (sender_ref);
  to = dup_reference (recipient_ref);
  self_reference = g_strdup_printf ("Communication/%s", care_fhir_get_string (answered, "id"));
  thread = dup_reference (care_fhir_get_array_object (answered, "partOf", 0));
  subject = care_fhir_dup_concept_text (care_fhir_get_object (answered, "topic"));

  fields.patient = patient;
  fields.sender = sender;
  if (is_care_team_side (from))
    {
      fields.recipient = from;
      fields.recipient_name = care_fhir_get_string (sender_ref, "display");
    }
  else
    {
      fields.recipient = to;
      fields.recipient_name = care_fhir_get_string (recipient_ref, "display");
    }
  fields.kind = care_message_get_kind (answered);
  fields.subject = subject;
  fields.text = text;
  fields.language = language;
  fields.thread = thread != NULL ? thread : self_reference;
  fields.in_reply_to = self_reference;
  fields.when = when;
  return care_message_draft_new (&fields, attachments, error);
}

/**
 * care_message_renewal_draft_new:
 * @patient: "Patient/id"
 * @sender: (nullable): who writes, when not the patient
 * @request: the MedicationRequest to renew, with its id and requester
 * @medication_name: what the medicine is called
 * @pharmacy: (nullable): where to send it, one of care_pharmacies_dup()
 * @comment: (nullable): anything the patient adds
 * @language: (nullable): the language it is written in
 * @when: when it was written
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Asks the prescriber (the request's requester) to renew the prescription.
 *
 * Returns: (transfer full) (nullable): the request's create
 */
CareOutboxDraft *
care_message_renewal_draft_new (const char          *patient,
                                const char          *sender,
                                JsonObject          *request,
                                const char          *medication_name,
                                const CarePharmacy  *pharmacy,
                                const char          *comment,
                                const char          *language,
                                GDateTime           *when,
                                GError             **error)
{
  g_autofree char *prescriber = NULL;
  g_autofree char *about = NULL;
  g_autofree char *subject = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *body = NULL;
  CareMessageFields fields = { 0 };
  JsonObject *requester;

  g_return_val_if_fail (request != NULL && medication_name != NULL, NULL);

  if (care_fhir_get_string (request, "id") == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("This prescription is not at the portal yet."));
      return NULL;
    }
  requester = care_fhir_get_object (request, "requester");
  prescriber = dup_reference (requester);
  about = g_strdup_printf ("MedicationRequest/%s", care_fhir_get_string (request, "id"));

  /* Translators: the subject of a renewal request; %s is a medicine */
  subject = g_strdup_printf (_("Renewal: %s"), medication_name);
  /* Translators: the text of a renewal request; %s is a medicine */
  g_string_append_printf (text, _("Please renew my prescription for %s."), medication_name);
  if (pharmacy != NULL && pharmacy->name != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: in a renewal request; %s is a pharmacy */
      g_string_append_printf (text, _("Pharmacy: %s"), pharmacy->name);
      fields.pharmacy = pharmacy->reference;
      fields.pharmacy_name = pharmacy->name;
    }
  if (comment != NULL && !is_blank (comment))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, comment);
    }
  body = g_string_free (text, FALSE);

  fields.patient = patient;
  fields.sender = sender;
  fields.recipient = prescriber;
  fields.recipient_name = care_fhir_get_string (requester, "display");
  fields.kind = CARE_MESSAGE_KIND_RENEWAL;
  fields.subject = subject;
  fields.text = body;
  fields.language = language;
  fields.about = about;
  fields.when = when;
  if (prescriber == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("This prescription does not say who prescribed it; send a message instead."));
      return NULL;
    }
  return care_message_draft_new (&fields, NULL, error);
}

/**
 * care_message_letter_draft_new:
 * @patient: "Patient/id"
 * @sender: (nullable): who writes, when not the patient
 * @recipient: who writes the letter ("Practitioner/id")
 * @recipient_name: (nullable): their name
 * @purpose: "school", "work", "travel" or "other"
 * @text: what the letter should say
 * @language: (nullable): the language it is written in
 * @when: when it was written
 * @error: return location for a #CARE_FHIR_ERROR
 *
 * Returns: (transfer full) (nullable): the request's create
 */
CareOutboxDraft *
care_message_letter_draft_new (const char  *patient,
                               const char  *sender,
                               const char  *recipient,
                               const char  *recipient_name,
                               const char  *purpose,
                               const char  *text,
                               const char  *language,
                               GDateTime   *when,
                               GError     **error)
{
  static const char *purposes[] = { "school", "work", "travel", "other" };
  CareMessageFields fields = { 0 };
  const char *subject;

  g_return_val_if_fail (purpose != NULL, NULL);

  if (!g_strv_contains (purposes, purpose))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("A letter is for school, work, travel or other."));
      return NULL;
    }
  if (g_str_equal (purpose, "school"))
    subject = _("Letter for school");
  else if (g_str_equal (purpose, "work"))
    subject = _("Letter for work");
  else if (g_str_equal (purpose, "travel"))
    subject = _("Letter for travel");
  else
    subject = _("Letter request");

  fields.patient = patient;
  fields.sender = sender;
  fields.recipient = recipient;
  fields.recipient_name = recipient_name;
  fields.kind = CARE_MESSAGE_KIND_LETTER;
  fields.subject = subject;
  fields.text = text;
  fields.language = language;
  fields.letter_purpose = purpose;
  fields.when = when;
  return care_message_draft_new (&fields, NULL, error);
}
