/* care-sandbox-messages.c — patients' messages: the rules and the demo clinician
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A patient (or a proxy with full access) creates a Communication to a
 * member of their care team. Who may receive messages is said on the
 * Practitioner or Organization itself, by the extension
 * CARE_SANDBOX_RECEIVES_MESSAGES_URL (valueBoolean true); the care team
 * is the patient's CareTeam participants. A message is refused, with an
 * OperationOutcome whose details.coding names the rule
 * (CARE_SANDBOX_MESSAGE_RULE_SYSTEM), when it is empty, goes to someone
 * not on the care team or not taking messages, answers a thread that is
 * not the patient's, carries more than 5 attachments or one that is not
 * an image or a PDF or is over 10 MB, or is the 21st of the day (429 with
 * Retry-After). The limits are also in the CapabilityStatement, as the
 * CARE_SANDBOX_MESSAGE_LIMITS_URL extension on Communication.
 *
 * In demo mode a clinician answers each message after a delay, in the
 * message's language: a question with a note, a renewal request with a
 * new MedicationRequest (priorPrescription the old one) or a refusal with
 * its reason, a letter request with a PDF letter as a DocumentReference.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-messages.h"
#include "care-sandbox-seed-private.h"

struct _CareSandboxMessages
{
  GObject           parent_instance;

  CareSandboxStore *store;
  GPtrArray        *pending;       /* Reply, answered later */
  int               reply_after;   /* seconds; < 0: no demo clinician */
};

G_DEFINE_FINAL_TYPE (CareSandboxMessages, care_sandbox_messages, G_TYPE_OBJECT)

typedef struct
{
  CareSandboxMessages *self;       /* not a reference: the pending list is cleared first */
  JsonObject          *message;
  guint                source_id;
} Reply;

static const char *allowed_types[] = {
  "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf",
};

static void
reply_free (Reply *reply)
{
  g_clear_handle_id (&reply->source_id, g_source_remove);
  json_object_unref (reply->message);
  g_free (reply);
}

static void
care_sandbox_messages_dispose (GObject *object)
{
  CareSandboxMessages *self = (CareSandboxMessages *)object;

  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (care_sandbox_messages_parent_class)->dispose (object);
}

static void
care_sandbox_messages_finalize (GObject *object)
{
  CareSandboxMessages *self = (CareSandboxMessages *)object;

  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (care_sandbox_messages_parent_class)->finalize (object);
}

static void
care_sandbox_messages_class_init (CareSandboxMessagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_sandbox_messages_dispose;
  object_class->finalize = care_sandbox_messages_finalize;
}

static void
care_sandbox_messages_init (CareSandboxMessages *self)
{
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)reply_free);
  self->reply_after = -1;
}

/**
 * care_sandbox_messages_new:
 * @store: the portal's resources
 *
 * Returns: (transfer full): the messaging rules, with no demo clinician
 */
CareSandboxMessages *
care_sandbox_messages_new (CareSandboxStore *store)
{
  CareSandboxMessages *self = g_object_new (CARE_TYPE_SANDBOX_MESSAGES, NULL);

  self->store = g_object_ref (store);
  return self;
}

/**
 * care_sandbox_messages_set_reply_after:
 * @self: the messaging rules
 * @seconds: how long the demo clinician takes to answer; 0 answers at
 *   once (tests), a negative value turns the clinician off
 */
void
care_sandbox_messages_set_reply_after (CareSandboxMessages *self,
                                       int                  seconds)
{
  g_return_if_fail (CARE_IS_SANDBOX_MESSAGES (self));

  self->reply_after = seconds;
}

int
care_sandbox_messages_get_reply_after (CareSandboxMessages *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX_MESSAGES (self), -1);

  return self->reply_after;
}

/**
 * care_sandbox_messages_get_n_pending:
 * @self: the messaging rules
 *
 * Returns: how many replies the demo clinician still owes
 */
guint
care_sandbox_messages_get_n_pending (CareSandboxMessages *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX_MESSAGES (self), 0);

  return self->pending->len;
}

gboolean
care_sandbox_messages_is_allowed_type (const char *content_type)
{
  for (guint i = 0; content_type != NULL && i < G_N_ELEMENTS (allowed_types); i++)
    if (g_ascii_strcasecmp (content_type, allowed_types[i]) == 0)
      return TRUE;

  return FALSE;
}

static JsonObject *
new_extension (const char *url,
               const char *value_kind,
               gint64      number,
               const char *text)
{
  JsonObject *extension = json_object_new ();

  json_object_set_string_member (extension, "url", url);
  if (text != NULL)
    json_object_set_string_member (extension, value_kind, text);
  else
    json_object_set_int_member (extension, value_kind, number);
  return extension;
}

/**
 * care_sandbox_messages_dup_limits:
 *
 * Returns: (transfer full): the CARE_SANDBOX_MESSAGE_LIMITS_URL extension
 *   the CapabilityStatement carries on Communication: maxAttachments,
 *   maxAttachmentSize (bytes), contentType (one per allowed type),
 *   messagesPerDay and replyBusinessDays
 */
JsonObject *
care_sandbox_messages_dup_limits (void)
{
  JsonObject *limits = json_object_new ();
  JsonArray *parts = json_array_new ();

  json_object_set_string_member (limits, "url", CARE_SANDBOX_MESSAGE_LIMITS_URL);
  json_array_add_object_element (parts, new_extension ("maxAttachments", "valueInteger",
                                                       CARE_SANDBOX_MAX_ATTACHMENTS, NULL));
  json_array_add_object_element (parts, new_extension ("maxAttachmentSize", "valueInteger",
                                                       CARE_SANDBOX_MAX_ATTACHMENT_BYTES, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (allowed_types); i++)
    json_array_add_object_element (parts, new_extension ("contentType", "valueCode", 0, allowed_types[i]));
  json_array_add_object_element (parts, new_extension ("messagesPerDay", "valueInteger",
                                                       CARE_SANDBOX_MESSAGES_PER_DAY, NULL));
  json_array_add_object_element (parts, new_extension ("replyBusinessDays", "valueInteger",
                                                       CARE_SANDBOX_REPLY_BUSINESS_DAYS, NULL));
  json_object_set_array_member (limits, "extension", parts);
  return limits;
}

/* Answers with an OperationOutcome whose details.coding names @rule. */
static void
refuse (SoupServerMessage *msg,
        guint              status,
        const char        *code,
        const char        *rule,
        const char        *text)
{
  care_sandbox_fhir_send_refusal (msg, status, code, CARE_SANDBOX_MESSAGE_RULE_SYSTEM, rule, text);
}

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

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_element (JsonArray *array,
             guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "Type/id" of a Reference, split; FALSE for anything else. */
static gboolean
split_reference (JsonObject  *reference,
                 char       **out_type,
                 char       **out_id)
{
  const char *text = get_string (reference, "reference");
  const char *slash = text != NULL ? strchr (text, '/') : NULL;

  if (slash == NULL || slash == text || slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    return FALSE;
  *out_type = g_strndup (text, slash - text);
  *out_id = g_strdup (slash + 1);
  return TRUE;
}

/* The kind of message (CARE_SANDBOX_MESSAGE_KIND_SYSTEM), from its category. */
const char *
care_sandbox_messages_get_kind (JsonObject *message)
{
  JsonArray *categories = get_array (message, "category");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonArray *codings = get_array (get_element (categories, i), "coding");

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          JsonObject *coding = get_element (codings, j);

          if (g_strcmp0 (get_string (coding, "system"), CARE_SANDBOX_MESSAGE_KIND_SYSTEM) == 0)
            return get_string (coding, "code");
        }
    }

  return NULL;
}

static gboolean
receives_messages (JsonObject *resource)
{
  JsonArray *extensions = get_array (resource, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = get_element (extensions, i);
      JsonNode *value = extension != NULL ? json_object_get_member (extension, "valueBoolean") : NULL;

      if (g_strcmp0 (get_string (extension, "url"), CARE_SANDBOX_RECEIVES_MESSAGES_URL) == 0 &&
          value != NULL && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (value);
    }

  return FALSE;
}

/* Whether "Type/id" is a participant of one of the patient's care teams. */
static gboolean
is_on_care_team (CareSandboxMessages *self,
                 const char          *patient_id,
                 const char          *reference)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareSandboxPage) teams = NULL;
  CareSandboxSearch search = { 0 };

  search.type = "CareTeam";
  search.patient = patient_id;
  search.params = params;
  search.count = 100;
  teams = care_sandbox_store_search (self->store, &search, NULL);
  for (guint i = 0; teams != NULL && i < teams->resources->len; i++)
    {
      g_autoptr(JsonObject) team = care_sandbox_fhir_parse_object (g_ptr_array_index (teams->resources, i),
                                                                   -1, NULL);
      JsonArray *participants = get_array (team, "participant");

      if (g_strcmp0 (get_string (team, "status"), "active") != 0)
        continue;
      for (guint j = 0; participants != NULL && j < json_array_get_length (participants); j++)
        if (g_strcmp0 (get_string (get_object (get_element (participants, j), "member"), "reference"),
                       reference) == 0)
          return TRUE;
    }

  return FALSE;
}

static gboolean
is_patient_side (const char *reference)
{
  return reference != NULL &&
         (g_str_has_prefix (reference, "Patient/") || g_str_has_prefix (reference, "RelatedPerson/"));
}

/* How many messages the patient's side wrote since local midnight. */
static guint
count_sent_today (CareSandboxMessages *self,
                  const char          *patient_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since = g_date_time_format (now, "ge%Y-%m-%d");
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CareSandboxPage) page = NULL;
  CareSandboxSearch search = { 0 };
  guint n = 0;

  g_hash_table_insert (params, (char *)"sent", since);
  search.type = "Communication";
  search.patient = patient_id;
  search.params = params;
  search.count = 200;
  page = care_sandbox_store_search (self->store, &search, NULL);
  for (guint i = 0; page != NULL && i < page->resources->len; i++)
    {
      g_autoptr(JsonObject) message = care_sandbox_fhir_parse_object (g_ptr_array_index (page->resources, i),
                                                                      -1, NULL);

      if (is_patient_side (get_string (get_object (message, "sender"), "reference")))
        n++;
    }

  return n;
}

static int
seconds_to_midnight (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_add_days (today, 1);

  return (int)MAX (1, g_date_time_difference (midnight, now) / G_USEC_PER_SEC);
}

/* The size in bytes of an attachment's content, from its data or from
 * the Binary of this patient it points at; -1 when it is neither. */
static gint64
attachment_size (CareSandboxMessages  *self,
                 const char           *patient_id,
                 JsonObject           *attachment,
                 char                **out_type)
{
  const char *data = get_string (attachment, "data");
  const char *url = get_string (attachment, "url");

  *out_type = g_strdup (get_string (attachment, "contentType"));
  if (data != NULL)
    return (gint64)strlen (data) / 4 * 3 - (g_str_has_suffix (data, "==") ? 2 : g_str_has_suffix (data, "=") ? 1 : 0);

  if (url != NULL && g_str_has_prefix (url, "Binary/"))
    {
      g_autoptr(JsonObject) binary = care_sandbox_store_get (self->store, "Binary", url + strlen ("Binary/"));
      g_autofree char *owner = binary != NULL ? care_sandbox_store_dup_patient_of (binary) : NULL;
      const char *content;

      if (binary == NULL || g_strcmp0 (owner, patient_id) != 0)
        return -1;
      if (get_string (binary, "contentType") != NULL)
        {
          g_free (*out_type);
          *out_type = g_strdup (get_string (binary, "contentType"));
        }
      content = get_string (binary, "data");
      return content != NULL
             ? (gint64)strlen (content) / 4 * 3 -
               (g_str_has_suffix (content, "==") ? 2 : g_str_has_suffix (content, "=") ? 1 : 0)
             : 0;
    }

  return -1;
}

static gboolean
check_attachments (CareSandboxMessages *self,
                   const char          *patient_id,
                   SoupServerMessage   *msg,
                   JsonArray           *payload,
                   gboolean            *out_has_text)
{
  guint n = 0;

  *out_has_text = FALSE;
  for (guint i = 0; payload != NULL && i < json_array_get_length (payload); i++)
    {
      JsonObject *part = get_element (payload, i);
      JsonObject *attachment = get_object (part, "contentAttachment");
      const char *text = get_string (part, "contentString");
      g_autofree char *type = NULL;
      gint64 size;

      if (text != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (text));

          if (stripped[0] != '\0')
            *out_has_text = TRUE;
        }
      if (attachment == NULL)
        continue;

      n++;
      if (n > CARE_SANDBOX_MAX_ATTACHMENTS)
        {
          g_autofree char *words = NULL;

          /* Translators: a portal's refusal; %d is the most attachments a message may have */
          words = g_strdup_printf (_("A message may have at most %d attachments."), CARE_SANDBOX_MAX_ATTACHMENTS);
          refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "too-costly", "attachment-count", words);
          return FALSE;
        }

      size = attachment_size (self, patient_id, attachment, &type);
      if (size < 0)
        {
          refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid", "attachment-missing",
                  _("An attachment must be sent first, as a Binary of this patient, or inline."));
          return FALSE;
        }
      if (!care_sandbox_messages_is_allowed_type (type))
        {
          refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "not-supported", "attachment-type",
                  _("Only pictures (JPEG, PNG, GIF, WebP, HEIC) and PDF files can be attached."));
          return FALSE;
        }
      if (size > CARE_SANDBOX_MAX_ATTACHMENT_BYTES)
        {
          refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "too-costly", "attachment-size",
                  _("Each attachment may be at most 10 MB."));
          return FALSE;
        }
    }

  return TRUE;
}

/* A reply's partOf and inResponseTo name messages of this patient. */
static gboolean
thread_is_patients (CareSandboxMessages *self,
                    const char          *patient_id,
                    JsonObject          *message)
{
  static const char *members[] = { "partOf", "inResponseTo" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonArray *references = get_array (message, members[m]);

      for (guint i = 0; references != NULL && i < json_array_get_length (references); i++)
        {
          g_autofree char *type = NULL;
          g_autofree char *id = NULL;
          g_autoptr(JsonObject) earlier = NULL;
          g_autofree char *owner = NULL;

          if (!split_reference (get_element (references, i), &type, &id) || !g_str_equal (type, "Communication"))
            return FALSE;
          earlier = care_sandbox_store_get (self->store, type, id);
          owner = earlier != NULL ? care_sandbox_store_dup_patient_of (earlier) : NULL;
          if (g_strcmp0 (owner, patient_id) != 0)
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * care_sandbox_messages_check_create:
 * @self: the messaging rules
 * @patient_id: the patient the token is for
 * @proxy_kind: how the writer reaches the patient
 * @access: what the writer may see of the patient's record today
 * @msg: the request, answered when the message is refused
 * @message: the Communication to create; its `sent` is set to now
 *
 * Returns: %TRUE if it may be stored; otherwise @msg has been answered
 *   with an OperationOutcome naming the rule
 */
gboolean
care_sandbox_messages_check_create (CareSandboxMessages *self,
                                    const char          *patient_id,
                                    CareSandboxProxyKind proxy_kind,
                                    CareSandboxAccess    access,
                                    SoupServerMessage   *msg,
                                    JsonObject          *message)
{
  JsonArray *recipients = get_array (message, "recipient");
  const char *sender = get_string (get_object (message, "sender"), "reference");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *sent = g_date_time_format (now, "%FT%TZ");
  gboolean has_text = FALSE;

  g_return_val_if_fail (CARE_IS_SANDBOX_MESSAGES (self), FALSE);

  if (proxy_kind != CARE_SANDBOX_PROXY_NONE && access != CARE_SANDBOX_ACCESS_FULL)
    {
      refuse (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "proxy-limited",
              _("A proxy may send messages only for people whose record they fully see; for patients "
                "aged 12 to 17 the patient writes for themselves."));
      return FALSE;
    }

  if (sender != NULL && !is_patient_side (sender))
    {
      refuse (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "sender",
              _("A message from the portal is sent by the patient or their proxy."));
      return FALSE;
    }

  if (!check_attachments (self, patient_id, msg, get_array (message, "payload"), &has_text))
    return FALSE;
  if (!has_text)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "required", "empty",
              _("A message needs some text."));
      return FALSE;
    }

  if (recipients == NULL || json_array_get_length (recipients) == 0)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "required", "recipient",
              _("A message needs a recipient from the care team."));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (recipients); i++)
    {
      JsonObject *reference = get_element (recipients, i);
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;
      g_autoptr(JsonObject) target = NULL;

      if (!split_reference (reference, &type, &id) ||
          (!g_str_equal (type, "Practitioner") && !g_str_equal (type, "Organization")) ||
          !is_on_care_team (self, patient_id, get_string (reference, "reference")))
        {
          refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "business-rule", "recipient-not-on-care-team",
                  _("Messages go only to members of the patient’s care team."));
          return FALSE;
        }
      target = care_sandbox_store_get (self->store, type, id);
      if (target == NULL || !receives_messages (target))
        {
          refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "business-rule", "recipient-not-accepting",
                  _("This member of the care team does not take messages through the portal."));
          return FALSE;
        }
    }

  if (!thread_is_patients (self, patient_id, message))
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid", "thread",
              _("A reply must answer a message of the same patient."));
      return FALSE;
    }

  if (count_sent_today (self, patient_id) >= CARE_SANDBOX_MESSAGES_PER_DAY)
    {
      /* Come back tomorrow, and not within the hour: told to wait a
       * minute before midnight, a client retries and its message goes
       * as the day turns, after it was said to be refused. */
      g_autofree char *retry = g_strdup_printf ("%d", MAX (3600, seconds_to_midnight ()));
      g_autofree char *words = NULL;

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry);
      /* Translators: a portal's refusal; %d is how many messages a day it takes */
      words = g_strdup_printf (_("A patient may send at most %d messages a day; try again tomorrow."),
                               CARE_SANDBOX_MESSAGES_PER_DAY);
      refuse (msg, 429, "throttled", "daily-limit", words);
      return FALSE;
    }

  /* The portal says when it got the message, and it is now on its way. */
  json_object_set_string_member (message, "sent", sent);
  json_object_set_string_member (message, "status", "completed");
  json_object_remove_member (message, "received");
  return TRUE;
}

/* A copy without what a reader may change. */
static JsonNode *
dup_without_read_marks (JsonObject *message)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), message);
  g_autofree char *json = json_to_string (node, FALSE);
  JsonNode *copy = json_from_string (json, NULL);

  if (copy != NULL && JSON_NODE_HOLDS_OBJECT (copy))
    {
      JsonObject *object = json_node_get_object (copy);

      json_object_remove_member (object, "received");
      json_object_remove_member (object, "status");
      json_object_remove_member (object, "meta");
    }
  return copy;
}

/**
 * care_sandbox_messages_check_update:
 * @msg: the request, answered when the update is refused
 * @existing: the message as stored
 * @message: what the patient (or proxy) sends in its place
 *
 * A patient changes nothing in a message but the mark that they read it:
 * `received` (and `status`) of a message from the care team.
 *
 * Returns: %TRUE if the update may be stored
 */
gboolean
care_sandbox_messages_check_update (SoupServerMessage *msg,
                                    JsonObject        *existing,
                                    JsonObject        *message)
{
  g_autoptr(JsonNode) before = dup_without_read_marks (existing);
  g_autoptr(JsonNode) after = dup_without_read_marks (message);
  const char *status = get_string (message, "status");

  if (before == NULL || after == NULL || !json_node_equal (before, after))
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "business-rule", "read-only",
              _("A message cannot be changed once sent; only its read mark (received) can be set."));
      return FALSE;
    }
  if (is_patient_side (get_string (get_object (existing, "sender"), "reference")) &&
      g_strcmp0 (get_string (existing, "received"), get_string (message, "received")) != 0)
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "business-rule", "read-only",
              _("Only a message from the care team is marked read by the patient."));
      return FALSE;
    }
  if (status != NULL && g_strcmp0 (status, get_string (existing, "status")) != 0 &&
      !g_str_equal (status, "completed"))
    {
      refuse (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "business-rule", "read-only",
              _("A message read by the patient is completed."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
answer_cb (gpointer user_data)
{
  Reply *reply = user_data;
  CareSandboxMessages *self = reply->self;

  reply->source_id = 0;
  care_sandbox_clinician_answer (self->store, reply->message);
  g_ptr_array_remove_fast (self->pending, reply);
  return G_SOURCE_REMOVE;
}

/**
 * care_sandbox_messages_created:
 * @self: the messaging rules
 * @message: a patient's message, as stored
 *
 * In demo mode, has the care team answer @message: at once when the
 * delay is 0, otherwise after it.
 */
void
care_sandbox_messages_created (CareSandboxMessages *self,
                               JsonObject          *message)
{
  Reply *reply;

  g_return_if_fail (CARE_IS_SANDBOX_MESSAGES (self));

  if (self->reply_after < 0 ||
      !is_patient_side (get_string (get_object (message, "sender"), "reference") ?: "Patient/"))
    return;

  if (self->reply_after == 0)
    {
      care_sandbox_clinician_answer (self->store, message);
      return;
    }

  reply = g_new0 (Reply, 1);
  reply->self = self;
  reply->message = json_object_ref (message);
  reply->source_id = g_timeout_add_seconds (self->reply_after, answer_cb, reply);
  g_ptr_array_add (self->pending, reply);
}
