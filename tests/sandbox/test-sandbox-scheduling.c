/* test-sandbox-scheduling.c — Argonaut Scheduling on the sandbox portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * $find, $hold and $book of the demo family's slots; cancel and its
 * 24-hour rule; reschedule in one piece; the wait list's offers; eCheck-in;
 * and what a parent may book and see of a teen's visits.
 */
#include "config.h"

#include "sandbox-fhir-client.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"

typedef struct
{
  Fixture base;
  char   *adult;
  char   *elder;
  char   *teen;
  char   *parent_of_teen;
  char   *parent_of_child;
} Sched;

static void
sched_setup (Sched         *fixture,
             gconstpointer  data)
{
  fixture_setup_seeded (&fixture->base, data);
  fixture->adult = fixture_writer_token (&fixture->base, "adult", CARE_SANDBOX_PROXY_NONE);
  fixture->elder = fixture_writer_token (&fixture->base, "elder", CARE_SANDBOX_PROXY_NONE);
  fixture->teen = fixture_writer_token (&fixture->base, "teen", CARE_SANDBOX_PROXY_NONE);
  fixture->parent_of_teen = fixture_writer_token (&fixture->base, "teen", CARE_SANDBOX_PROXY_PARENT);
  fixture->parent_of_child = fixture_writer_token (&fixture->base, "child", CARE_SANDBOX_PROXY_PARENT);
}

static void
sched_teardown (Sched         *fixture,
                gconstpointer  data)
{
  g_free (fixture->adult);
  g_free (fixture->elder);
  g_free (fixture->teen);
  g_free (fixture->parent_of_teen);
  g_free (fixture->parent_of_child);
  fixture_teardown (&fixture->base, data);
}

static Response *
find (Sched      *fixture,
      const char *token,
      const char *type,
      const char *practitioner)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"resourceType\":\"Parameters\",\"parameter\":["
                          "{\"name\":\"visit-type\",\"valueCode\":\"%s\"}%s%s%s]}",
                          type, practitioner != NULL ? ",{\"name\":\"practitioner\",\"valueString\":\"" : "",
                          practitioner != NULL ? practitioner : "", practitioner != NULL ? "\"}" : "");
  return request (&fixture->base, "POST", "/fhir/Appointment/$find", token, body, NULL, NULL);
}

static JsonObject *
proposal (Response *response,
          guint     index)
{
  JsonArray *entries = json_object_get_array_member (response->json, "entry");

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (entries), >, index);
  return json_object_get_object_member (json_array_get_object_element (entries, index), "resource");
}

static char *
parameters_for (JsonObject *appointment,
                JsonObject *cancelled)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceType");
  json_builder_add_string_value (builder, "Parameters");
  json_builder_set_member_name (builder, "parameter");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *resource = i == 0 ? appointment : cancelled;
      g_autoptr(JsonNode) node = NULL;

      if (resource == NULL)
        continue;
      node = json_node_init_object (json_node_alloc (), resource);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "appt-resource");
      json_builder_set_member_name (builder, "resource");
      json_builder_add_value (builder, json_node_copy (node));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static Response *
operate (Sched      *fixture,
         const char *token,
         const char *operation,
         JsonObject *appointment,
         JsonObject *cancelled)
{
  g_autofree char *body = parameters_for (appointment, cancelled);
  g_autofree char *path = g_strconcat ("/fhir/Appointment/", operation, NULL);

  return request (&fixture->base, "POST", path, token, body, NULL, NULL);
}

static JsonObject *
returned (Response *response)
{
  JsonArray *list;

  if (response->status != 200)
    g_error ("%u: %s", response->status, response->body);
  list = json_object_get_array_member (response->json, "parameter");
  return json_object_get_object_member (json_array_get_object_element (list, 0), "resource");
}

static JsonObject *
read_resource (Sched      *fixture,
               const char *token,
               const char *type,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/fhir/%s/%s", type, id);
  g_autoptr(Response) response = request (&fixture->base, "GET", path, token, NULL, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_ref (response->json);
}

static const char *
first_slot_id (JsonObject *appointment)
{
  JsonArray *slots = json_object_get_array_member (appointment, "slot");
  const char *reference = json_object_get_string_member (json_array_get_object_element (slots, 0), "reference");

  return reference + strlen ("Slot/");
}

static const char *
outcome_text (Response *response)
{
  JsonArray *issues = json_object_get_array_member (response->json, "issue");
  JsonObject *issue = json_array_get_object_element (issues, 0);

  return json_object_get_string_member (json_object_get_object_member (issue, "details"), "text");
}

static void
test_find (Sched         *fixture,
           gconstpointer  data)
{
  g_autoptr(Response) response = find (fixture, fixture->adult, "follow-up", NULL);
  g_autoptr(Response) long_visit = find (fixture, fixture->adult, "annual-physical", "Practitioner/okafor");
  JsonArray *entries;
  gint64 previous = 0;
  JsonObject *physical;

  if (response->status != 200)
    g_error ("%u: %s", response->status, response->body);
  entries = json_object_get_array_member (response->json, "entry");
  g_assert_cmpuint (json_array_get_length (entries), >, 20);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *appointment = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                               "resource");
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (
        json_object_get_string_member (appointment, "start"), NULL);
      g_autofree char *text = json_to_string (json_node_init_object (json_node_alloc (), appointment), FALSE);

      g_assert_cmpstr (json_object_get_string_member (appointment, "status"), ==, "proposed");
      /* Next available first; an adult is never offered the pediatrician. */
      g_assert_cmpint (g_date_time_to_unix (start), >=, previous);
      previous = g_date_time_to_unix (start);
      g_assert_null (strstr (text, "lindqvist"));
    }

  /* A 40-minute visit takes two consecutive 20-minute slots. */
  physical = proposal (long_visit, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (physical, "slot")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (physical, "minutesDuration"), ==, 40);
  g_assert_nonnull (strstr (long_visit->body, "Practitioner/okafor"));
  g_assert_null (strstr (long_visit->body, "Practitioner/adeyemi"));

  /* An unknown visit type is a clear refusal. */
  {
    g_autoptr(Response) unknown = find (fixture, fixture->adult, "brain-surgery", NULL);

    assert_outcome (unknown, 400);
  }
}

static void
test_hold_and_book (Sched         *fixture,
                    gconstpointer  data)
{
  g_autoptr(Response) found = find (fixture, fixture->adult, "follow-up", "okafor");
  JsonObject *chosen = proposal (found, 0);
  g_autoptr(Response) held = operate (fixture, fixture->adult, "$hold", chosen, NULL);
  g_autoptr(Response) elder_hold = NULL;
  g_autoptr(Response) booked = NULL;
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(JsonObject) appointment = NULL;
  JsonObject *result;

  returned (held);
  slot = read_resource (fixture, fixture->adult, "Slot", first_slot_id (chosen));
  g_assert_cmpstr (json_object_get_string_member (slot, "status"), ==, "busy-tentative");

  /* Held for Maria: Roberto cannot take it... */
  elder_hold = operate (fixture, fixture->elder, "$hold", chosen, NULL);
  assert_outcome (elder_hold, 409);

  booked = operate (fixture, fixture->adult, "$book", chosen, NULL);
  result = returned (booked);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "booked");
  g_assert_nonnull (json_object_get_string_member (result, "id"));
  appointment = read_resource (fixture, fixture->adult, "Appointment", json_object_get_string_member (result, "id"));
  g_assert_cmpstr (json_object_get_string_member (appointment, "start"), ==,
                   json_object_get_string_member (chosen, "start"));
  g_clear_pointer (&slot, json_object_unref);
  slot = read_resource (fixture, fixture->adult, "Slot", first_slot_id (chosen));
  g_assert_cmpstr (json_object_get_string_member (slot, "status"), ==, "busy");
}

static void
test_hold_expires (Sched         *fixture,
                   gconstpointer  data)
{
  g_autoptr(Response) found = find (fixture, fixture->adult, "follow-up", "okafor");
  JsonObject *chosen = json_object_ref (proposal (found, 0));
  g_autoptr(Response) held = operate (fixture, fixture->adult, "$hold", chosen, NULL);
  g_autoptr(Response) elder_book = NULL;

  returned (held);
  /* ...until the hold runs out after five minutes. */
  care_sandbox_advance_clock (fixture->base.sandbox, 6 * 60);
  {
    g_autoptr(Response) elder_found = find (fixture, fixture->elder, "follow-up", "okafor");
    JsonObject *theirs = proposal (elder_found, 0);

    g_assert_cmpstr (first_slot_id (theirs), ==, first_slot_id (chosen));
    elder_book = operate (fixture, fixture->elder, "$book", theirs, NULL);
    returned (elder_book);
  }
  json_object_unref (chosen);
}

static void
test_taken_meanwhile (Sched         *fixture,
                      gconstpointer  data)
{
  g_autoptr(Response) found = find (fixture, fixture->adult, "follow-up", "okafor");
  g_autoptr(Response) elder_found = find (fixture, fixture->elder, "follow-up", "okafor");
  JsonObject *mine = proposal (found, 0);
  JsonObject *theirs = proposal (elder_found, 0);
  g_autoptr(Response) elder_booked = NULL;
  g_autoptr(Response) late = NULL;

  /* Both were shown the same first time; Roberto books it first. */
  g_assert_cmpstr (first_slot_id (mine), ==, first_slot_id (theirs));
  elder_booked = operate (fixture, fixture->elder, "$book", theirs, NULL);
  returned (elder_booked);

  late = operate (fixture, fixture->adult, "$book", mine, NULL);
  assert_outcome (late, 409);
  g_assert_nonnull (strstr (outcome_text (late), "just took"));
}

static JsonObject *
book_first (Sched      *fixture,
            const char *token,
            const char *type,
            const char *practitioner,
            guint       index)
{
  g_autoptr(Response) found = find (fixture, token, type, practitioner);
  g_autoptr(Response) booked = operate (fixture, token, "$book", proposal (found, index), NULL);

  return json_object_ref (returned (booked));
}

static Response *
put_appointment (Sched      *fixture,
                 const char *token,
                 JsonObject *appointment)
{
  g_autofree char *path = g_strconcat ("/fhir/Appointment/", json_object_get_string_member (appointment, "id"),
                                       NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), appointment);
  g_autofree char *body = json_to_string (node, FALSE);

  return request (&fixture->base, "PUT", path, token, body, NULL, NULL);
}

static void
set_reason (JsonObject *appointment)
{
  JsonObject *reason = json_object_new ();

  json_object_set_string_member (reason, "text", "Feeling better");
  json_object_set_object_member (appointment, "cancelationReason", reason);
}

static void
test_cancel (Sched         *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonObject) appointment = book_first (fixture, fixture->adult, "follow-up", "okafor", 30);
  g_autoptr(Response) no_reason = NULL;
  g_autoptr(Response) cancelled = NULL;
  g_autoptr(Response) moved = NULL;
  g_autoptr(JsonObject) slot = NULL;

  json_object_set_string_member (appointment, "status", "cancelled");
  no_reason = put_appointment (fixture, fixture->adult, appointment);
  assert_outcome (no_reason, 400);

  /* Nor may an update move it: that is a reschedule. */
  json_object_set_string_member (appointment, "status", "booked");
  json_object_set_string_member (appointment, "start", "2020-01-01T09:00:00Z");
  moved = put_appointment (fixture, fixture->adult, appointment);
  assert_outcome (moved, 403);

  {
    g_autoptr(JsonObject) fresh = read_resource (fixture, fixture->adult, "Appointment",
                                                 json_object_get_string_member (appointment, "id"));

    json_object_set_string_member (fresh, "status", "cancelled");
    set_reason (fresh);
    cancelled = put_appointment (fixture, fixture->adult, fresh);
    g_assert_cmpuint (cancelled->status, ==, 200);
    slot = read_resource (fixture, fixture->adult, "Slot", first_slot_id (fresh));
    g_assert_cmpstr (json_object_get_string_member (slot, "status"), ==, "free");
  }
}

static void
test_cancel_within_a_day (Sched         *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) appointment = book_first (fixture, fixture->adult, "follow-up", "okafor", 0);
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (json_object_get_string_member (appointment, "start"),
                                                             NULL);
  g_autoptr(Response) refused = NULL;
  gint64 until = g_date_time_to_unix (start) - g_get_real_time () / G_USEC_PER_SEC;

  /* Twenty-three hours before it starts. */
  care_sandbox_advance_clock (fixture->base.sandbox, (int)(until - 23 * 3600));
  json_object_set_string_member (appointment, "status", "cancelled");
  set_reason (appointment);
  refused = put_appointment (fixture, fixture->adult, appointment);
  assert_outcome (refused, 409);
  g_assert_nonnull (strstr (outcome_text (refused), "Please call Riverside Main Clinic at (555) 010-2200"));
}

static void
test_reschedule (Sched         *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) old = book_first (fixture, fixture->adult, "follow-up", "okafor", 10);
  g_autoptr(Response) found = find (fixture, fixture->adult, "follow-up", "okafor");
  g_autoptr(Response) elder_found = find (fixture, fixture->elder, "follow-up", "okafor");
  g_autoptr(Response) elder_booked = NULL;
  g_autoptr(Response) failed = NULL;
  g_autoptr(Response) moved = NULL;
  g_autoptr(JsonObject) still = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *taken = proposal (found, 0);
  JsonObject *other = proposal (found, 1);

  json_object_set_string_member (old, "status", "cancelled");

  /* The new time goes to someone else first: the old one is kept. */
  elder_booked = operate (fixture, fixture->elder, "$book", proposal (elder_found, 0), NULL);
  returned (elder_booked);
  failed = operate (fixture, fixture->adult, "$book", taken, old);
  assert_outcome (failed, 409);
  still = read_resource (fixture, fixture->adult, "Appointment", json_object_get_string_member (old, "id"));
  g_assert_cmpstr (json_object_get_string_member (still, "status"), ==, "booked");

  /* Another time: both happen. */
  moved = operate (fixture, fixture->adult, "$book", other, old);
  g_assert_cmpstr (json_object_get_string_member (returned (moved), "status"), ==, "booked");
  after = read_resource (fixture, fixture->adult, "Appointment", json_object_get_string_member (old, "id"));
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "cancelled");
}

static JsonObject *
offer_of (Sched      *fixture,
          const char *token)
{
  g_autoptr(Response) offers = request (&fixture->base, "GET", "/fhir/Appointment?status=proposed", token,
                                        NULL, NULL, NULL);

  return json_object_ref (proposal (offers, 0));
}

static void
test_wait_list (Sched         *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) late = book_first (fixture, fixture->adult, "follow-up", "okafor", 40);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Response) joined = NULL;
  g_autoptr(Response) accepted = NULL;
  g_autoptr(JsonObject) offer = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(GDateTime) offered = NULL;
  g_autoptr(GDateTime) booked = NULL;

  g_assert_true (json_parser_load_from_data (parser, "{\"url\":\"https://carebook.org/fhir/StructureDefinition/"
                                             "wait-list\",\"valueBoolean\":true}", -1, NULL));
  json_array_add_object_element (json_object_get_array_member (late, "extension"),
                                 json_node_dup_object (json_parser_get_root (parser)));
  joined = put_appointment (fixture, fixture->adult, late);
  g_assert_cmpuint (joined->status, ==, 200);

  g_assert_cmpuint (care_sandbox_open_wait_list_offers (fixture->base.sandbox), ==, 1);
  /* One live offer per appointment. */
  g_assert_cmpuint (care_sandbox_open_wait_list_offers (fixture->base.sandbox), ==, 0);
  offer = offer_of (fixture, fixture->adult);
  offered = g_date_time_new_from_iso8601 (json_object_get_string_member (offer, "start"), NULL);
  booked = g_date_time_new_from_iso8601 (json_object_get_string_member (late, "start"), NULL);
  g_assert_cmpint (g_date_time_compare (offered, booked), <, 0);

  before = json_object_ref (late);
  json_object_set_string_member (before, "status", "cancelled");
  accepted = operate (fixture, fixture->adult, "$book", offer, before);
  g_assert_cmpstr (json_object_get_string_member (returned (accepted), "id"), ==,
                   json_object_get_string_member (offer, "id"));
  {
    g_autoptr(JsonObject) old = read_resource (fixture, fixture->adult, "Appointment",
                                               json_object_get_string_member (late, "id"));

    g_assert_cmpstr (json_object_get_string_member (old, "status"), ==, "cancelled");
  }
}

static void
test_wait_list_late (Sched         *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) late = book_first (fixture, fixture->adult, "follow-up", "okafor", 40);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Response) joined = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(JsonObject) offer = NULL;
  g_autoptr(JsonObject) still = NULL;

  g_assert_true (json_parser_load_from_data (parser, "{\"url\":\"https://carebook.org/fhir/StructureDefinition/"
                                             "wait-list\",\"valueBoolean\":true}", -1, NULL));
  json_array_add_object_element (json_object_get_array_member (late, "extension"),
                                 json_node_dup_object (json_parser_get_root (parser)));
  joined = put_appointment (fixture, fixture->adult, late);
  g_assert_cmpuint (joined->status, ==, 200);
  g_assert_cmpuint (care_sandbox_open_wait_list_offers (fixture->base.sandbox), ==, 1);
  offer = offer_of (fixture, fixture->adult);

  care_sandbox_advance_clock (fixture->base.sandbox, 31 * 60);
  json_object_set_string_member (late, "status", "cancelled");
  refused = operate (fixture, fixture->adult, "$book", offer, late);
  assert_outcome (refused, 409);
  g_assert_nonnull (strstr (outcome_text (refused), "Sorry"));
  still = read_resource (fixture, fixture->adult, "Appointment", json_object_get_string_member (late, "id"));
  g_assert_cmpstr (json_object_get_string_member (still, "status"), ==, "booked");
}

static void
set_check_in (JsonObject *appointment,
              gboolean    all)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = g_strdup_printf (
    "[{\"url\":\"https://carebook.org/fhir/StructureDefinition/echeck-in\",\"extension\":["
    "{\"url\":\"details\",\"valueBoolean\":true},{\"url\":\"insurance\",\"valueBoolean\":true},"
    "{\"url\":\"medications\",\"valueBoolean\":true},{\"url\":\"allergies\",\"valueBoolean\":%s},"
    "{\"url\":\"copay\",\"valueCode\":\"at-clinic\"}]}]", all ? "true" : "false");

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  json_object_set_member (appointment, "extension", json_node_copy (json_parser_get_root (parser)));
}

static void
test_check_in (Sched         *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonObject) video = read_resource (fixture, fixture->adult, "Appointment", "appt-adult-video");
  g_autoptr(JsonObject) eye = read_resource (fixture, fixture->adult, "Appointment", "appt-adult-eye");
  g_autoptr(Response) partly = NULL;
  g_autoptr(Response) done = NULL;
  g_autoptr(Response) too_early = NULL;
  g_autoptr(JsonObject) after = NULL;
  const char *address;
  JsonArray *extensions;

  /* The video visit carries its https join address. */
  extensions = json_object_get_array_member (video, "extension");
  address = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (extensions, 0),
                                                                 "extension"), 1), "valueUrl");
  g_assert_true (g_str_has_prefix (address, "https://"));

  set_check_in (video, FALSE);
  partly = put_appointment (fixture, fixture->adult, video);
  g_assert_cmpuint (partly->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (partly->json, "status"), ==, "booked");

  g_clear_pointer (&video, json_object_unref);
  video = read_resource (fixture, fixture->adult, "Appointment", "appt-adult-video");
  set_check_in (video, TRUE);
  done = put_appointment (fixture, fixture->adult, video);
  g_assert_cmpuint (done->status, ==, 200);
  after = read_resource (fixture, fixture->adult, "Appointment", "appt-adult-video");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "checked-in");

  /* Twelve days ahead: eCheck-in is not open yet. */
  set_check_in (eye, TRUE);
  too_early = put_appointment (fixture, fixture->adult, eye);
  assert_outcome (too_early, 409);
}

static void
test_proxy (Sched         *fixture,
            gconstpointer  data)
{
  g_autoptr(Response) parent_find = find (fixture, fixture->parent_of_teen, "confidential", NULL);
  g_autoptr(Response) teen_find = find (fixture, fixture->teen, "confidential", NULL);
  g_autoptr(Response) adult_find = find (fixture, fixture->adult, "confidential", NULL);
  g_autoptr(Response) child_find = find (fixture, fixture->parent_of_child, "flu-shot", NULL);
  g_autoptr(Response) parent_types = request (&fixture->base, "GET", "/fhir/HealthcareService",
                                              fixture->parent_of_teen, NULL, NULL, NULL);
  g_autoptr(Response) teen_types = request (&fixture->base, "GET", "/fhir/HealthcareService",
                                            fixture->teen, NULL, NULL, NULL);
  g_autoptr(Response) parent_list = request (&fixture->base, "GET", "/fhir/Appointment",
                                             fixture->parent_of_teen, NULL, NULL, NULL);
  g_autoptr(Response) teen_list = request (&fixture->base, "GET", "/fhir/Appointment",
                                           fixture->teen, NULL, NULL, NULL);
  g_autoptr(Response) parent_read = request (&fixture->base, "GET", "/fhir/Appointment/appt-teen-private",
                                             fixture->parent_of_teen, NULL, NULL, NULL);

  /* A parent neither books nor sees a teen's confidential visits... */
  assert_outcome (parent_find, 403);
  g_assert_null (strstr (parent_types->body, "visit-confidential"));
  g_assert_null (strstr (parent_list->body, "appt-teen-private"));
  g_assert_cmpuint (parent_read->status, !=, 200);
  /* ...which the teen does, and an adult is not offered. */
  g_assert_cmpuint (teen_find->status, ==, 200);
  g_assert_nonnull (strstr (teen_types->body, "visit-confidential"));
  g_assert_nonnull (strstr (teen_list->body, "appt-teen-private"));
  assert_outcome (adult_find, 422);

  /* A parent books for a young child, with the pediatric clinic. */
  g_assert_nonnull (strstr (child_find->body, "Practitioner/lindqvist"));
  g_assert_null (strstr (child_find->body, "Practitioner/okafor"));
  {
    g_autoptr(Response) booked = operate (fixture, fixture->parent_of_child, "$book", proposal (child_find, 0),
                                          NULL);

    g_assert_cmpstr (json_object_get_string_member (returned (booked), "status"), ==, "booked");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Sched, NULL, sched_setup, fn, sched_teardown)
  ADD ("/care/sandbox/scheduling/find", test_find);
  ADD ("/care/sandbox/scheduling/hold-and-book", test_hold_and_book);
  ADD ("/care/sandbox/scheduling/hold-expires", test_hold_expires);
  ADD ("/care/sandbox/scheduling/taken-meanwhile", test_taken_meanwhile);
  ADD ("/care/sandbox/scheduling/cancel", test_cancel);
  ADD ("/care/sandbox/scheduling/cancel-within-a-day", test_cancel_within_a_day);
  ADD ("/care/sandbox/scheduling/reschedule", test_reschedule);
  ADD ("/care/sandbox/scheduling/wait-list", test_wait_list);
  ADD ("/care/sandbox/scheduling/wait-list-late", test_wait_list_late);
  ADD ("/care/sandbox/scheduling/check-in", test_check_in);
  ADD ("/care/sandbox/scheduling/proxy", test_proxy);
#undef ADD

  return g_test_run ();
}
