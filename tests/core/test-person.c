/* test-person.c — CarePerson: ages, texts and notifications
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-fhir.h"
#include "care-person.h"

#include "../care-test-utils.h"

static void
set_day (GDate *day,
         int    year,
         int    month,
         int    dmonth)
{
  g_date_clear (day, 1);
  g_date_set_dmy (day, dmonth, month, year);
}

static void
test_age_boundaries (void)
{
  g_autoptr(CarePerson) teen = care_person_new ("Patient/teen", "Sam", "2011-03-15",
                                                CARE_RELATIONSHIP_CHILD);
  GDate day;

  set_day (&day, 2023, 3, 14);
  g_assert_cmpint (care_person_get_age_on (teen, &day), ==, 11);
  set_day (&day, 2023, 3, 15);
  g_assert_cmpint (care_person_get_age_on (teen, &day), ==, 12);
  set_day (&day, 2029, 3, 14);
  g_assert_cmpint (care_person_get_age_on (teen, &day), ==, 17);
  set_day (&day, 2029, 3, 15);
  g_assert_cmpint (care_person_get_age_on (teen, &day), ==, 18);
  set_day (&day, 2010, 1, 1);
  g_assert_cmpint (care_person_get_age_on (teen, &day), ==, -1);
}

static void
test_age_leap_day (void)
{
  g_autoptr(CarePerson) leap = care_person_new ("Patient/leap", "Lee", "2012-02-29",
                                                CARE_RELATIONSHIP_CHILD);
  GDate day;

  /* In a common year, a 29 February birthday is reached on 28 February. */
  set_day (&day, 2024, 2, 28);
  g_assert_cmpint (care_person_get_age_on (leap, &day), ==, 11);
  set_day (&day, 2024, 2, 29);
  g_assert_cmpint (care_person_get_age_on (leap, &day), ==, 12);
  set_day (&day, 2025, 2, 28);
  g_assert_cmpint (care_person_get_age_on (leap, &day), ==, 13);
}

static void
test_age_unknown (void)
{
  g_autoptr(CarePerson) nobody = care_person_new ("Patient/x", "X", NULL, CARE_RELATIONSHIP_OTHER);
  g_autoptr(CarePerson) bad = care_person_new ("Patient/y", "Y", "2012-13-40",
                                               CARE_RELATIONSHIP_OTHER);
  g_autofree char *summary = NULL;
  GDate day;

  set_day (&day, 2026, 11, 24);
  g_assert_cmpint (care_person_get_age_on (nobody, &day), ==, -1);
  g_assert_cmpint (care_person_get_age_on (bad, &day), ==, -1);
  g_assert_null (care_person_dup_age_text (bad, &day));

  summary = care_person_dup_summary (nobody, &day);
  g_assert_cmpstr (summary, ==, "Shared with you · Full access");
}

static void
test_age_text (void)
{
  g_autoptr(CarePerson) baby = care_person_new ("Patient/baby", "Ana", "2026-10-01",
                                                CARE_RELATIONSHIP_CHILD);
  g_autoptr(CarePerson) toddler = care_person_new ("Patient/toddler", "Ben", "2025-05-24",
                                                   CARE_RELATIONSHIP_CHILD);
  g_autoptr(CarePerson) adult = care_person_new ("Patient/adult", "Maria", "1981-06-02",
                                                 CARE_RELATIONSHIP_SELF);
  g_autofree char *baby_text = NULL;
  g_autofree char *toddler_text = NULL;
  g_autofree char *adult_text = NULL;
  g_autofree char *summary = NULL;
  GDate day;

  set_day (&day, 2026, 11, 24);
  baby_text = care_person_dup_age_text (baby, &day);
  toddler_text = care_person_dup_age_text (toddler, &day);
  adult_text = care_person_dup_age_text (adult, &day);

  g_assert_cmpstr (baby_text, ==, "7 weeks");
  g_assert_cmpstr (toddler_text, ==, "18 months");
  g_assert_cmpstr (adult_text, ==, "45 years");

  summary = care_person_dup_summary (adult, &day);
  g_assert_cmpstr (summary, ==, "45 years · You · Full access");
}

static void
test_months_end_of_month (void)
{
  GDate birth;
  GDate day;

  set_day (&birth, 2026, 1, 31);
  set_day (&day, 2026, 2, 28);
  g_assert_cmpint (care_age_in_months (&birth, &day), ==, 1);
  set_day (&day, 2026, 2, 27);
  g_assert_cmpint (care_age_in_months (&birth, &day), ==, 0);
  set_day (&day, 2026, 3, 30);
  g_assert_cmpint (care_age_in_months (&birth, &day), ==, 1);
  set_day (&day, 2026, 3, 31);
  g_assert_cmpint (care_age_in_months (&birth, &day), ==, 2);
}

static void
test_notify_once (void)
{
  g_autoptr(CarePerson) person = care_person_new ("Patient/a", "A", NULL, CARE_RELATIONSHIP_SELF);
  CareNotifyCounter name = { 0 };
  CareNotifyCounter access = { 0 };

  care_notify_counter_watch (&name, person, "display-name");
  care_notify_counter_watch (&access, person, "access-level");

  care_person_set_display_name (person, "B");
  care_person_set_display_name (person, "B");
  care_person_set_access_level (person, CARE_ACCESS_LIMITED);
  care_person_set_access_level (person, CARE_ACCESS_LIMITED);

  g_assert_cmpuint (name.count, ==, 1);
  g_assert_cmpuint (access.count, ==, 1);
  g_assert_cmpstr (care_person_get_access_text (person), ==, "Limited access");

  care_notify_counter_unwatch (&name);
  care_notify_counter_unwatch (&access);
}

static JsonObject *
load_patient (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fhir", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  JsonObject *patient;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  patient = care_fhir_parse_resource (contents, length, &error);
  g_assert_no_error (error);
  return patient;
}

/* A person who has died keeps the age they reached, and their summary
 * says when they died instead of an age and an access level. */
static void
test_deceased (void)
{
  g_autoptr(CarePerson) elder = care_person_new ("Patient/elder", "Thomas Whitfield", "1961-05-20",
                                                 CARE_RELATIONSHIP_PARENT);
  g_autoptr(CarePerson) other = care_person_new ("Patient/elder-2", "Lucie Moreau", "1950-01-10",
                                                 CARE_RELATIONSHIP_PARENT);
  g_autoptr(JsonObject) patient = load_patient ("patient-deceased.json");
  g_autoptr(JsonObject) by_flag = load_patient ("patient-deceased-boolean.json");
  g_autofree char *summary = NULL;
  g_autofree char *age = NULL;
  g_autofree char *flag_summary = NULL;
  CareNotifyCounter notified;
  GDate day;

  set_day (&day, 2026, 12, 6);
  g_assert_false (care_person_get_deceased (elder));
  g_assert_cmpint (care_person_get_age_on (elder, &day), ==, 65);

  care_notify_counter_watch (&notified, elder, "deceased");
  care_person_update_from_patient (elder, patient);
  care_person_update_from_patient (elder, patient);
  g_assert_cmpuint (notified.count, ==, 1);
  care_notify_counter_unwatch (&notified);
  g_assert_true (care_person_get_deceased (elder));
  g_assert_cmpint (care_person_get_age_on (elder, &day), ==, 63);
  age = care_person_dup_age_text (elder, &day);
  g_assert_cmpstr (age, ==, "63 years");
  summary = care_person_dup_summary (elder, &day);
  g_assert_cmpstr (summary, ==, "Died on November 2, 2024, aged 63 years · Your parent");

  /* deceasedBoolean: no date, the age they reached is not known. */
  care_person_update_from_patient (other, by_flag);
  g_assert_true (care_person_get_deceased (other));
  g_assert_null (care_person_get_deceased_date (other));
  flag_summary = care_person_dup_summary (other, &day);
  g_assert_cmpstr (flag_summary, ==, "Died · Your parent");
}

/* A child is a son or a daughter when the record says which. */
static void
test_child_gender (void)
{
  g_autoptr(CarePerson) child = care_person_new ("Patient/c", "C", "2018-01-01", CARE_RELATIONSHIP_CHILD);
  g_autoptr(JsonObject) boy = care_fhir_parse_resource ("{\"resourceType\":\"Patient\",\"gender\":\"male\"}",
                                                        -1, NULL);
  g_autoptr(JsonObject) girl = care_fhir_parse_resource ("{\"resourceType\":\"Patient\",\"gender\":\"female\"}",
                                                         -1, NULL);
  g_autoptr(JsonObject) unknown = care_fhir_parse_resource ("{\"resourceType\":\"Patient\",\"gender\":\"unknown\"}",
                                                            -1, NULL);

  g_assert_cmpstr (care_person_get_relationship_text (child), ==, "Your child");
  care_person_update_from_patient (child, boy);
  g_assert_cmpstr (care_person_get_gender (child), ==, "male");
  g_assert_cmpstr (care_person_get_relationship_text (child), ==, "Your son");
  care_person_update_from_patient (child, girl);
  g_assert_cmpstr (care_person_get_relationship_text (child), ==, "Your daughter");
  care_person_update_from_patient (child, unknown);
  g_assert_cmpstr (care_person_get_relationship_text (child), ==, "Your child");
}

/* The avatar's initials come from the name, not from a preferred name
 * shown beside it in brackets ("T(" for "Thomas Edward Whitfield (Tom)"). */
static void
test_avatar_text (void)
{
  struct { const char *name; const char *avatar; } cases[] = {
    { "Thomas Edward Whitfield (Tom)", "Thomas Edward Whitfield" },
    { "Peter James Chalmers", "Peter James Chalmers" },
    { "María José “Pepa” Núñez", "María José Pepa Núñez" },
    { "(Tom)", "(Tom)" },
    { "Ana [Anita] Ruiz", "Ana  Ruiz" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CarePerson) person = care_person_new ("Patient/p", cases[i].name, NULL,
                                                      CARE_RELATIONSHIP_SELF);
      g_autofree char *avatar = care_person_dup_avatar_text (person);

      g_assert_cmpstr (avatar, ==, cases[i].avatar);
    }
}

static void
test_finalize (void)
{
  CarePerson *person = care_person_new ("Patient/a", "A", "2000-01-01", CARE_RELATIONSHIP_PARENT);

  g_assert_cmpstr (care_person_get_relationship_text (person), ==, "Your parent");
  g_assert_finalize_object (person);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/person/age/boundaries", test_age_boundaries);
  g_test_add_func ("/care/person/age/leap-day", test_age_leap_day);
  g_test_add_func ("/care/person/age/unknown", test_age_unknown);
  g_test_add_func ("/care/person/age/text", test_age_text);
  g_test_add_func ("/care/person/age/months-end-of-month", test_months_end_of_month);
  g_test_add_func ("/care/person/notify-once", test_notify_once);
  g_test_add_func ("/care/person/deceased", test_deceased);
  g_test_add_func ("/care/person/child-gender", test_child_gender);
  g_test_add_func ("/care/person/avatar-text", test_avatar_text);
  g_test_add_func ("/care/person/finalize", test_finalize);

  return g_test_run ();
}
