/* test-sandbox-messages.c — messages to the care team, on the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo family over HTTP: a patient writes to their care team and the
 * demo clinician answers in the thread and in the message's language;
 * every rule refuses with an OperationOutcome naming it; renewals end in
 * a new MedicationRequest or a reason, letter requests in a PDF letter;
 * attachments come back byte for byte; a proxy writes only with full
 * access; the clinic's calls are in the seed.
 */
#include "config.h"

#include "care-sandbox-access.h"
#include "care-sandbox-messages.h"
#include "sandbox-fhir-client.h"

#define RULE_SYSTEM CARE_SANDBOX_MESSAGE_RULE_SYSTEM
#define KIND_SYSTEM CARE_SANDBOX_MESSAGE_KIND_SYSTEM

static void
messages_setup (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CareSandboxSeedOptions options = { 1, 1 };

  fixture->sandbox = care_sandbox_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (care_sandbox_seed (fixture->sandbox, &options, &error));
  g_assert_no_error (error);
  g_assert_true (care_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  care_sandbox_set_reply_after (fixture->sandbox, 0);
  fixture->session = soup_session_new ();
  fixture->token = care_sandbox_issue_token_for_tests (fixture->sandbox, "adult",
                                                       "launch/patient patient/*.cruds", 3600);
}

static char *
message_json (const char *patient,
              const char *recipient,
              const char *kind,
              const char *text,
              const char *extra)
{
  return g_strdup_printf ("{\"resourceType\":\"Communication\",\"status\":\"in-progress\","
                          "\"category\":[{\"coding\":[{\"system\":\"" KIND_SYSTEM "\",\"code\":\"%s\"}]}],"
                          "\"subject\":{\"reference\":\"Patient/%s\"},\"topic\":{\"text\":\"A question\"},"
                          "\"sender\":{\"reference\":\"Patient/%s\"},"
                          "\"recipient\":[{\"reference\":\"%s\"}],"
                          "\"payload\":[{\"contentString\":\"%s\"}%s]%s}",
                          kind, patient, patient, recipient, text,
                          extra != NULL && extra[0] == ',' && extra[1] == '{' ? extra : "",
                          extra != NULL && extra[0] == ',' && extra[1] == '"' ? extra : "");
}

static Response *
post_message (Fixture    *fixture,
              const char *token,
              const char *json)
{
  return request (fixture, "POST", "/fhir/Communication", token, json, NULL, NULL);
}

static void
assert_rule (Response   *response,
             guint       status,
             const char *rule)
{
  JsonObject *issue;
  JsonObject *coding;

  assert_outcome (response, status);
  issue = json_array_get_object_element (json_object_get_array_member (response->json, "issue"), 0);
  coding = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (issue, "details"), "coding"), 0);
  g_assert_cmpstr (json_object_get_string_member (coding, "system"), ==, RULE_SYSTEM);
  g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, rule);
  /* Words for the person, not only a code. */
  g_assert_cmpuint (strlen (json_object_get_string_member (json_object_get_object_member (issue, "details"),
                                                           "text")), >, 10);
}

/* The stored answer to Communication/@id, or NULL. */
static JsonObject *
find_reply (Fixture    *fixture,
            const char *id)
{
  g_autofree char *path = g_strdup_printf ("/fhir/Communication?_count=100");
  g_autoptr(Response) list = get (fixture, path);
  g_autofree char *wanted = g_strdup_printf ("Communication/%s", id);
  JsonArray *entries = json_object_get_array_member (list->json, "entry");

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i), "resource");
      JsonArray *answers = json_object_has_member (resource, "inResponseTo")
                           ? json_object_get_array_member (resource, "inResponseTo") : NULL;

      if (answers != NULL &&
          g_strcmp0 (json_object_get_string_member (json_array_get_object_element (answers, 0), "reference"),
                     wanted) == 0)
        return json_object_ref (resource);
    }

  return NULL;
}

static const char *
payload_text (JsonObject *message)
{
  return json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (message, "payload"), 0), "contentString");
}

static void
test_limits (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Response) metadata = get (fixture, "/fhir/metadata");
  JsonObject *rest = json_array_get_object_element (json_object_get_array_member (metadata->json, "rest"), 0);
  JsonArray *resources = json_object_get_array_member (rest, "resource");
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      JsonObject *limits;
      JsonArray *parts;
      guint n_types = 0;

      if (!g_str_equal (json_object_get_string_member (resource, "type"), "Communication"))
        continue;
      limits = json_array_get_object_element (json_object_get_array_member (resource, "extension"), 0);
      g_assert_cmpstr (json_object_get_string_member (limits, "url"), ==, CARE_SANDBOX_MESSAGE_LIMITS_URL);
      parts = json_object_get_array_member (limits, "extension");
      for (guint j = 0; j < json_array_get_length (parts); j++)
        {
          JsonObject *part = json_array_get_object_element (parts, j);
          const char *url = json_object_get_string_member (part, "url");

          if (g_str_equal (url, "maxAttachments"))
            g_assert_cmpint (json_object_get_int_member (part, "valueInteger"), ==, 5);
          else if (g_str_equal (url, "maxAttachmentSize"))
            g_assert_cmpint (json_object_get_int_member (part, "valueInteger"), ==, 10 * 1024 * 1024);
          else if (g_str_equal (url, "messagesPerDay"))
            g_assert_cmpint (json_object_get_int_member (part, "valueInteger"), ==, 20);
          else if (g_str_equal (url, "contentType"))
            n_types++;
        }
      g_assert_cmpuint (n_types, >=, 3);
      found = TRUE;
    }
  g_assert_true (found);
}

static void
test_reply (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *json = message_json ("adult", "Practitioner/okafor", "medical-question",
                                        "¿Puedo tomar ibuprofeno?", ",\"language\":\"es\"");
  g_autoptr(Response) created = post_message (fixture, fixture->token, json);
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *thread = NULL;
  const char *id;

  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_string_member (created->json, "id");
  /* The portal says when it got it. */
  g_assert_nonnull (json_object_get_string_member (created->json, "sent"));

  reply = find_reply (fixture, id);
  g_assert_nonnull (reply);
  thread = g_strdup_printf ("Communication/%s", id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply, "sender"), "reference"),
                   ==, "Practitioner/okafor");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (reply, "partOf"), 0),
                     "reference"), ==, thread);
  g_assert_cmpstr (json_object_get_string_member (reply, "language"), ==, "es");
  g_assert_true (g_str_has_prefix (payload_text (reply), "Gracias"));
  g_assert_false (json_object_has_member (reply, "received"));
}

static void
test_reply_later (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *json = message_json ("adult", "Organization/riverside-service", "customer-service",
                                        "Why was I billed twice?", NULL);
  g_autoptr(Response) created = NULL;
  g_autoptr(JsonObject) reply = NULL;

  care_sandbox_set_reply_after (fixture->sandbox, 3600);
  created = post_message (fixture, fixture->token, json);
  g_assert_cmpuint (created->status, ==, 201);
  /* Not yet: the answer waits for its delay, and is dropped with the portal. */
  reply = find_reply (fixture, json_object_get_string_member (created->json, "id"));
  g_assert_null (reply);
  g_assert_cmpuint (care_sandbox_messages_get_n_pending (care_sandbox_get_messages (fixture->sandbox)), ==, 1);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    const char *recipient;
    const char *text;
    const char *extra;
    guint       status;
    const char *rule;
  } cases[] = {
    { "Practitioner/okafor", "   ", NULL, 422, "empty" },
    { "Practitioner/lindqvist", "Hello", NULL, 422, "recipient-not-on-care-team" },
    { "Organization/riverside", "Hello", NULL, 422, "recipient-not-on-care-team" },
    { "Practitioner/adeyemi", "Hello", NULL, 422, "recipient-not-accepting" },
    { "Practitioner/okafor", "See the notes",
      ",{\"contentAttachment\":{\"contentType\":\"text/plain\",\"data\":\"aGVsbG8=\",\"title\":\"notes.txt\"}}",
      422, "attachment-type" },
    { "Practitioner/okafor", "See the picture",
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"url\":\"Binary/nowhere\"}}", 422,
      "attachment-missing" },
    { "Practitioner/okafor", "Six pictures",
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw==\"}}"
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw==\"}}"
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw==\"}}"
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw==\"}}"
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw==\"}}"
      ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"data\":\"iVBORw==\"}}", 422, "attachment-count" },
    { "Practitioner/okafor", "About Lucía", ",\"inResponseTo\":[{\"reference\":\"Communication/msg-teen-1\"}]",
      422, "thread" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = message_json ("adult", cases[i].recipient, "medical-question", cases[i].text,
                                            cases[i].extra);
      g_autoptr(Response) refused = post_message (fixture, fixture->token, json);

      g_test_message ("case %u: %s", i, cases[i].rule);
      assert_rule (refused, cases[i].status, cases[i].rule);
    }
}

static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  gsize size = 10 * 1024 * 1024 + 1;
  g_autofree guchar *bytes = g_malloc0 (size);
  g_autofree char *data64 = g_base64_encode (bytes, size);
  g_autofree char *binary = g_strdup_printf ("{\"resourceType\":\"Binary\",\"id\":\"big\",\"contentType\":\"image/png\","
                                             "\"securityContext\":{\"reference\":\"Patient/adult\"},\"data\":\"%s\"}",
                                             data64);
  g_autofree char *json = message_json ("adult", "Practitioner/okafor", "medical-question", "A big picture",
                                        ",{\"contentAttachment\":{\"contentType\":\"image/png\",\"url\":\"Binary/big\"}}");
  g_autoptr(Response) refused = NULL;

  put (fixture, binary);
  refused = post_message (fixture, fixture->token, json);
  assert_rule (refused, 422, "attachment-size");
}

static void
test_daily_limit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Response) refused = NULL;
  g_autofree char *json = NULL;

  care_sandbox_set_reply_after (fixture->sandbox, -1);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Message %u", i);
      g_autofree char *one = message_json ("adult", "Practitioner/moreno", "other", text, NULL);
      g_autoptr(Response) created = post_message (fixture, fixture->token, one);

      g_assert_cmpuint (created->status, ==, 201);
    }

  json = message_json ("adult", "Practitioner/moreno", "other", "One too many", NULL);
  refused = post_message (fixture, fixture->token, json);
  assert_rule (refused, 429, "daily-limit");
  g_assert_nonnull (header (refused, "Retry-After"));
  /* Tomorrow, and never in a minute (a client would retry then). */
  g_assert_cmpint (atoi (header (refused, "Retry-After")), >=, 3600);
  g_assert_cmpint (atoi (header (refused, "Retry-After")), <=, 25 * 3600);
}

static void
test_proxy (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *teen_token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, "teen",
                                                                          "launch/patient patient/*.cruds", 3600,
                                                                          CARE_SANDBOX_PROXY_PARENT);
  g_autofree char *child_token = care_sandbox_issue_proxy_token_for_tests (fixture->sandbox, "child",
                                                                           "launch/patient patient/*.cruds", 3600,
                                                                           CARE_SANDBOX_PROXY_PARENT);
  g_autofree char *to_teen = NULL;
  g_autofree char *to_child = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) hidden = NULL;

  to_teen = g_strdup_printf ("{\"resourceType\":\"Communication\",\"status\":\"in-progress\","
                             "\"subject\":{\"reference\":\"Patient/teen\"},"
                             "\"sender\":{\"reference\":\"RelatedPerson/child-mother\"},"
                             "\"recipient\":[{\"reference\":\"Practitioner/moreno\"}],"
                             "\"payload\":[{\"contentString\":\"How is Lucía doing?\"}]}");
  refused = post_message (fixture, teen_token, to_teen);
  assert_rule (refused, 403, "proxy-limited");

  /* The teen's confidential thread is not given to the parent. */
  hidden = request (fixture, "GET", "/fhir/Communication/msg-teen-1", teen_token, NULL, NULL, NULL);
  g_assert_cmpuint (hidden->status, ==, 403);

  to_child = g_strdup_printf ("{\"resourceType\":\"Communication\",\"status\":\"in-progress\","
                              "\"subject\":{\"reference\":\"Patient/child\"},"
                              "\"sender\":{\"reference\":\"RelatedPerson/child-mother\"},"
                              "\"recipient\":[{\"reference\":\"Practitioner/lindqvist\"}],"
                              "\"payload\":[{\"contentString\":\"Mateo has a rash.\"}]}");
  created = post_message (fixture, child_token, to_child);
  g_assert_cmpuint (created->status, ==, 201);
}

static void
test_renewal (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *active = message_json ("adult", "Practitioner/okafor", "prescription-renewal",
                                          "Please renew my metformin",
                                          ",\"about\":[{\"reference\":\"MedicationRequest/adult-metformin\"}]");
  g_autofree char *stopped = message_json ("adult", "Practitioner/okafor", "prescription-renewal",
                                           "Please renew the old metformin",
                                           ",\"about\":[{\"reference\":\"MedicationRequest/adult-metformin-500\"}]");
  g_autoptr(Response) first = post_message (fixture, fixture->token, active);
  g_autoptr(Response) second = post_message (fixture, fixture->token, stopped);
  g_autoptr(JsonObject) renewed_reply = NULL;
  g_autoptr(JsonObject) refused_reply = NULL;
  g_autoptr(Response) renewed = NULL;
  g_autofree char *path = NULL;
  const char *about;

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (second->status, ==, 201);

  renewed_reply = find_reply (fixture, json_object_get_string_member (first->json, "id"));
  g_assert_nonnull (renewed_reply);
  about = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (renewed_reply, "about"), 0), "reference");
  g_assert_true (g_str_has_prefix (about, "MedicationRequest/"));
  g_assert_cmpstr (about, !=, "MedicationRequest/adult-metformin");
  path = g_strconcat ("/fhir/", about, NULL);
  renewed = get (fixture, path);
  g_assert_cmpuint (renewed->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (renewed->json, "status"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (renewed->json,
                                                                                 "priorPrescription"),
                                                  "reference"), ==, "MedicationRequest/adult-metformin");

  refused_reply = find_reply (fixture, json_object_get_string_member (second->json, "id"));
  g_assert_nonnull (refused_reply);
  g_assert_true (json_object_has_member (refused_reply, "statusReason"));
  g_assert_nonnull (strstr (payload_text (refused_reply), "stopped"));
}

static void
test_letter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *json = message_json ("adult", "Practitioner/okafor", "letter-request",
                                        "I missed work on Monday for my visit.",
                                        ",\"reasonCode\":[{\"coding\":[{\"system\":\"https://carebook.org/fhir/"
                                        "CodeSystem/letter-purpose\",\"code\":\"work\"}]}]");
  g_autoptr(Response) created = post_message (fixture, fixture->token, json);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(Response) letter = NULL;
  g_autofree char *path = NULL;
  JsonObject *part;
  JsonObject *attachment;
  const char *reference;

  g_assert_cmpuint (created->status, ==, 201);
  reply = find_reply (fixture, json_object_get_string_member (created->json, "id"));
  g_assert_nonnull (reply);
  part = json_array_get_object_element (json_object_get_array_member (reply, "payload"), 1);
  reference = json_object_get_string_member (json_object_get_object_member (part, "contentReference"),
                                             "reference");
  g_assert_true (g_str_has_prefix (reference, "DocumentReference/"));

  path = g_strconcat ("/fhir/", reference, NULL);
  letter = get (fixture, path);
  g_assert_cmpuint (letter->status, ==, 200);
  attachment = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (letter->json, "content"), 0), "attachment");
  g_assert_cmpstr (json_object_get_string_member (attachment, "contentType"), ==, "application/pdf");
  /* "%PDF-" */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (attachment, "data"), "JVBERi0"));
  g_assert_cmpstr (json_object_get_string_member (attachment, "title"), ==, "Letter for work");
}

static void
test_attachment_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 13, 'I', 'H', 'D', 'R',
                                0xff, 0x01, 0x7f, 0x80 };
  g_autofree char *data64 = g_base64_encode (png, sizeof png);
  g_autofree char *binary = g_strdup_printf ("{\"resourceType\":\"Binary\",\"contentType\":\"image/png\","
                                             "\"securityContext\":{\"reference\":\"Patient/adult\"},\"data\":\"%s\"}",
                                             data64);
  g_autoptr(Response) stored = request (fixture, "POST", "/fhir/Binary", fixture->token, binary, NULL, NULL);
  g_autofree char *extra = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) back = NULL;

  g_assert_cmpuint (stored->status, ==, 201);
  extra = g_strdup_printf (",{\"contentAttachment\":{\"contentType\":\"image/png\",\"url\":\"Binary/%s\","
                           "\"title\":\"rash.png\"}}", json_object_get_string_member (stored->json, "id"));
  json = message_json ("adult", "Practitioner/okafor", "medical-question", "Here is the rash", extra);
  created = post_message (fixture, fixture->token, json);
  g_assert_cmpuint (created->status, ==, 201);

  path = g_strdup_printf ("/fhir/Binary/%s", json_object_get_string_member (stored->json, "id"));
  back = request (fixture, "GET", path, fixture->token, NULL, "Accept", "image/png");
  g_assert_cmpuint (back->status, ==, 200);
  /* Byte for byte (the test's bytes have no NUL, so the body reads as text). */
  g_assert_cmpmem (back->body, strlen (back->body), png, sizeof png);
}

/* A Binary is what R4 says: an identifier is refused, and the outbox's
 * id as a tag makes a resend (If-None-Exist on _tag) land once. */
static void
test_binary_r4 (Fixture       *fixture,
                gconstpointer  data)
{
  static const char with_identifier[] =
    "{\"resourceType\":\"Binary\",\"contentType\":\"image/png\",\"data\":\"iVBORw0K\","
    "\"identifier\":[{\"system\":\"urn:carebook:outbox\",\"value\":\"b1\"}]}";
  static const char tagged[] =
    "{\"resourceType\":\"Binary\",\"contentType\":\"image/png\",\"data\":\"iVBORw0K\","
    "\"securityContext\":{\"reference\":\"Patient/adult\"},"
    "\"meta\":{\"tag\":[{\"system\":\"urn:carebook:outbox\",\"code\":\"b1\"}]}}";
  g_autoptr(Response) refused = request (fixture, "POST", "/fhir/Binary", fixture->token, with_identifier, NULL, NULL);
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) again = NULL;
  const char *issue_text;

  assert_outcome (refused, 400);
  issue_text = json_object_get_string_member (
    json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (refused->json, "issue"),
                                                                  0), "details"), "text");
  g_assert_nonnull (strstr (issue_text, "identifier"));

  first = request (fixture, "POST", "/fhir/Binary", fixture->token, tagged,
                   "If-None-Exist", "_tag=urn%3Acarebook%3Aoutbox%7Cb1");
  g_assert_cmpuint (first->status, ==, 201);
  again = request (fixture, "POST", "/fhir/Binary", fixture->token, tagged,
                   "If-None-Exist", "_tag=urn%3Acarebook%3Aoutbox%7Cb1");
  g_assert_cmpuint (again->status, ==, 200);
}

static void
test_calls (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(Response) call = get (fixture, "/fhir/Communication/call-adult-labs");
  JsonObject *medium;

  g_assert_cmpuint (call->status, ==, 200);
  medium = json_array_get_object_element (json_object_get_array_member (call->json, "medium"), 0);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (medium, "coding"), 0), "code"),
                   ==, "PHONE");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call->json, "sender"),
                                                  "reference"), ==, "Practitioner/moreno");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, test) g_test_add (path, Fixture, NULL, messages_setup, test, fixture_teardown)
  ADD ("/care/sandbox/messages/limits", test_limits);
  ADD ("/care/sandbox/messages/reply", test_reply);
  ADD ("/care/sandbox/messages/reply-later", test_reply_later);
  ADD ("/care/sandbox/messages/refusals", test_refusals);
  ADD ("/care/sandbox/messages/too-big", test_too_big);
  ADD ("/care/sandbox/messages/daily-limit", test_daily_limit);
  ADD ("/care/sandbox/messages/proxy", test_proxy);
  ADD ("/care/sandbox/messages/renewal", test_renewal);
  ADD ("/care/sandbox/messages/letter", test_letter);
  ADD ("/care/sandbox/messages/attachment-round-trip", test_attachment_round_trip);
  ADD ("/care/sandbox/messages/calls", test_calls);
  ADD ("/care/sandbox/messages/binary-r4", test_binary_r4);
#undef ADD

  return g_test_run ();
}
