/* test-notifier.c — notifications for new results, messages, appointments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-notifier.h"
#include "care-record.h"
#include "care-sandbox.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

static void
test_titles (void)
{
  CareSyncNews one = { CARE_SYNC_NEWS_RESULTS, 1, (char *)"DiagnosticReport", (char *)"panel" };
  CareSyncNews three = { CARE_SYNC_NEWS_MESSAGES, 3, (char *)"Communication", (char *)"m1" };
  CareSyncNews moved = { CARE_SYNC_NEWS_APPOINTMENTS, 1, (char *)"Appointment", (char *)"a1" };
  CareSyncNews offer = { CARE_SYNC_NEWS_OFFERS, 1, (char *)"Appointment", (char *)"offer-1" };
  g_autofree char *result = care_notifier_dup_title (&one, "Mateo");
  g_autofree char *offered = care_notifier_dup_title (&offer, "Mateo");
  g_autofree char *messages = care_notifier_dup_title (&three, "Mateo");
  g_autofree char *appointment = care_notifier_dup_title (&moved, "Mateo");

  /* The person and the kind; nothing of the content (lock screens). */
  g_assert_cmpstr (result, ==, "New test result for Mateo");
  g_assert_cmpstr (messages, ==, "3 new messages for Mateo");
  g_assert_cmpstr (appointment, ==, "Appointment update for Mateo");
  g_assert_cmpstr (offered, ==, "An earlier appointment time is offered to Mateo");
}

static void
test_targets (void)
{
  CareSyncNews news = { CARE_SYNC_NEWS_RESULTS, 2, (char *)"Observation", (char *)"lab-1.2" };
  g_autofree char *target = care_notifier_dup_target ("demo:child", &news);
  g_autofree char *person = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  static const char *bad[] = { "", "demo:child", "demo:child|", "|Observation/1", "demo:child|Observation",
                               "demo:child|Observation/", "demo:child|/1", "demo:child|Observation/1/2" };

  g_assert_cmpstr (target, ==, "demo:child|Observation/lab-1.2");
  g_assert_true (care_notifier_parse_target (target, &person, &type, &id));
  g_assert_cmpstr (person, ==, "demo:child");
  g_assert_cmpstr (type, ==, "Observation");
  g_assert_cmpstr (id, ==, "lab-1.2");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *p = NULL;
      g_autofree char *t = NULL;
      g_autofree char *d = NULL;

      g_assert_false (care_notifier_parse_target (bad[i], &p, &t, &d));
    }

  g_assert_cmpstr (care_notifier_section_for_type ("DiagnosticReport"), ==, "results");
  g_assert_cmpstr (care_notifier_section_for_type ("Observation"), ==, "results");
  g_assert_cmpstr (care_notifier_section_for_type ("Communication"), ==, "messages");
  g_assert_cmpstr (care_notifier_section_for_type ("Appointment"), ==, "appointments");
  g_assert_cmpstr (care_notifier_section_for_type ("DocumentReference"), ==, "documents");
  g_assert_cmpstr (care_notifier_section_for_type ("Patient"), ==, "home");
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CarePerson) person = care_person_new ("demo:child", "Mateo", "2018-03-02", CARE_RELATIONSHIP_CHILD);
  CareSyncNews results = { CARE_SYNC_NEWS_RESULTS, 1, (char *)"Observation", (char *)"o1" };
  CareSyncNews messages = { CARE_SYNC_NEWS_MESSAGES, 1, (char *)"Communication", (char *)"c1" };
  CareSyncNews appointments = { CARE_SYNC_NEWS_APPOINTMENTS, 1, (char *)"Appointment", (char *)"a1" };
  g_autoptr(GNotification) sent = NULL;
  g_autoptr(GNotification) muted = NULL;
  g_autoptr(GNotification) other = NULL;
  g_autofree char *sent_id = NULL;
  g_autofree char *muted_id = NULL;
  g_autofree char *other_id = NULL;

  g_settings_reset (settings, "notify-results");
  g_settings_reset (settings, "notify-messages");
  g_settings_reset (settings, "notify-appointments");
  sent = care_notifier_build (settings, person, &results, &sent_id);
  g_assert_nonnull (sent);
  g_assert_cmpstr (sent_id, ==, "notify-results-demo:child");

  /* Each kind has its own switch. */
  g_settings_set_boolean (settings, "notify-messages", FALSE);
  muted = care_notifier_build (settings, person, &messages, &muted_id);
  g_assert_null (muted);
  g_assert_null (muted_id);
  other = care_notifier_build (settings, person, &appointments, &other_id);
  g_assert_nonnull (other);
  g_settings_reset (settings, "notify-messages");
}

typedef struct
{
  CareRecord *record;
  GPtrArray  *news;
} NewsWait;

static void
on_record_news_cb (CareContext *context,
                   CareRecord  *record,
                   GPtrArray   *news,
                   NewsWait    *wait)
{
  wait->record = record;
  g_clear_pointer (&wait->news, g_ptr_array_unref);
  wait->news = g_ptr_array_ref (news);
}

static void
put_json (CareSandboxStore *store,
          const char       *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resource = care_fhir_parse_resource (json, -1, &error);
  g_autoptr(JsonObject) stored = NULL;

  g_assert_no_error (error);
  stored = care_sandbox_store_put (store, resource, &error);
  g_assert_no_error (error);
}

/* The first sync of the family told nothing; a later one with a new
 * result and a reply from the clinic tells both, for that person. */
static void
test_record_news (void)
{
  CareTestFamily family = { 0 };
  CareSandboxStore *store;
  CareRecord *record;
  NewsWait wait = { 0 };
  gulong id;
  gint64 deadline;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:child");
  id = g_signal_connect (family.context, "record-news", G_CALLBACK (on_record_news_cb), &wait);

  store = care_sandbox_get_store (family.sandbox);
  put_json (store, "{\"resourceType\":\"Observation\",\"id\":\"news-lead\",\"status\":\"final\","
                   "\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],\"code\":{\"text\":\"Lead\"},"
                   "\"subject\":{\"reference\":\"Patient/child\"},\"effectiveDateTime\":\"2026-11-23\"}");
  put_json (store, "{\"resourceType\":\"Communication\",\"id\":\"news-note\",\"status\":\"completed\","
                   "\"subject\":{\"reference\":\"Patient/child\"},"
                   "\"sender\":{\"reference\":\"Practitioner/news-nurse\"},"
                   "\"payload\":[{\"contentString\":\"All normal.\"}]}");

  care_record_sync (record, CARE_SYNC_DEFAULT);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (wait.news == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (wait.news);
  g_assert_true (wait.record == record);
  g_assert_cmpuint (wait.news->len, ==, 2);
  g_assert_cmpint (((CareSyncNews *)wait.news->pdata[0])->kind, ==, CARE_SYNC_NEWS_RESULTS);
  g_assert_cmpstr (((CareSyncNews *)wait.news->pdata[0])->id, ==, "news-lead");
  g_assert_cmpint (((CareSyncNews *)wait.news->pdata[1])->kind, ==, CARE_SYNC_NEWS_MESSAGES);
  g_assert_cmpstr (((CareSyncNews *)wait.news->pdata[1])->id, ==, "news-note");

  g_signal_handler_disconnect (family.context, id);
  g_clear_pointer (&wait.news, g_ptr_array_unref);
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/ui/notifier/titles", test_titles);
  g_test_add_func ("/care/ui/notifier/targets", test_targets);
  g_test_add_func ("/care/ui/notifier/settings", test_settings);
  g_test_add_func ("/care/ui/notifier/record-news", test_record_news);

  return g_test_run ();
}
