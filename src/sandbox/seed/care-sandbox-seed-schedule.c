/* care-sandbox-seed-schedule.c — what the demo family can book
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visit types patients may book themselves (HealthcareService
 * resources of category "visit-type", as care-sandbox-scheduling.c reads
 * them), and each clinician's weekly Schedule with its Slots: 20-minute
 * slots on weekday mornings and early afternoons for three whole weeks
 * (always 15 weekdays), about a third of them already taken. Open times
 * start the day after tomorrow, so whatever the hour, a visit booked
 * online can still be cancelled online (CARE_SCHEDULING_CANCEL_SECONDS);
 * a tomorrow-morning slot booked in the evening could not be. A visit
 * longer than a slot takes consecutive ones. Also what is coming up
 * besides visits: an annual physical in its eCheck-in week that asks for
 * the pre-visit history and a copay, and the tests ordered for the family
 * (active ServiceRequests with what to do before and where to go).
 */
#include "config.h"

#include "care-sandbox-scheduling.h"
#include "care-sandbox-seed-private.h"

static void
seed_visit_types (Seeder *seeder)
{
  static const struct
  {
    const char *code;
    const char *name;
    int         minutes;
    int         min_age;
    int         max_age;
    gboolean    video;
    gboolean    confidential;
    const char *questionnaire;
    const char *copay;
    const char *instructions;
  } types[] = {
    { "new-patient", "New patient visit", 40, 0, 150, FALSE, FALSE, "pre-visit-history", "25.00",
      "Arrive 15 minutes early and bring your insurance card and a list of your medicines." },
    { "follow-up", "Follow-up visit", 20, 0, 150, FALSE, FALSE, NULL, "25.00",
      "Bring your glucose meter or home readings if you have them." },
    { "annual-physical", "Annual physical", 40, 0, 150, FALSE, FALSE, "pre-visit-history", "20.00",
      "If blood tests are due, do not eat for 8 hours before the visit; water is fine." },
    { "flu-shot", "Flu shot", 20, 0, 150, FALSE, FALSE, NULL, "0.00",
      "Wear a short-sleeved shirt. Stay 15 minutes after the shot." },
    { "video-visit", "Video visit", 20, 0, 150, TRUE, FALSE, NULL, "15.00",
      "Join from a quiet, private place with your camera on. The link opens 30 minutes before." },
    { "eye-exam", "Eye exam", 40, 0, 150, FALSE, FALSE, NULL, "40.00",
      "Your pupils may be dilated: bring sunglasses and someone to drive you home." },
    { "confidential", "Confidential visit", 20, 12, 17, FALSE, TRUE, NULL, "0.00",
      "This visit is private: it is not shown to your parents’ proxy access." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    care_seed_put (seeder,
                   "{\"resourceType\":\"HealthcareService\",\"id\":\"visit-%s\",\"active\":true,"
                   "\"providedBy\":{\"reference\":\"Organization/riverside\"},"
                   "\"category\":[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_SYSTEM "\",\"code\":\"visit-type\"}%s]}],"
                   "\"type\":[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_VISIT_TYPES "\",\"code\":\"%s\","
                   "\"display\":\"%s\"}],\"text\":\"%s\"}],\"name\":\"%s\",\"comment\":\"%s\","
                   "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2200\"}],"
                   "\"appointmentRequired\":true,"
                   "\"extension\":[{\"url\":\"" CARE_SCHEDULING_EXT_MINUTES "\",\"valueInteger\":%d},"
                   "{\"url\":\"" CARE_SCHEDULING_EXT_AGES "\",\"valueRange\":{\"low\":{\"value\":%d,\"unit\":\"a\"},"
                   "\"high\":{\"value\":%d,\"unit\":\"a\"}}},"
                   "{\"url\":\"" CARE_SCHEDULING_EXT_COPAY "\",\"valueMoney\":{\"value\":%s,\"currency\":\"USD\"}}"
                   "%s%s%s%s]}",
                   types[i].code,
                   types[i].confidential
                   ? ",{\"system\":\"" CARE_SCHEDULING_SYSTEM "\",\"code\":\"confidential\"}" : "",
                   types[i].code, types[i].name, types[i].name, types[i].name, types[i].instructions,
                   types[i].minutes, types[i].min_age, types[i].max_age, types[i].copay,
                   types[i].video ? ",{\"url\":\"" CARE_SCHEDULING_EXT_VIDEO "\",\"valueBoolean\":true}" : "",
                   types[i].questionnaire != NULL
                   ? ",{\"url\":\"" CARE_SCHEDULING_EXT_QUESTIONNAIRE "\",\"valueCanonical\":\"Questionnaire/" : "",
                   types[i].questionnaire != NULL ? types[i].questionnaire : "",
                   types[i].questionnaire != NULL ? "\"}" : "");
}

/* The adult's annual physical in five days: eCheck-in is open, with the
 * visit type's questionnaire and copay, as $book would have set them. */
static void
seed_physical (Seeder *seeder)
{
  g_autofree char *date = care_seed_day (seeder, -5);
  g_autofree char *start = care_seed_time (date, "09:40", 0);
  g_autofree char *end = care_seed_time (date, "09:40", 40);

  care_seed_put (seeder,
                 "{\"resourceType\":\"Appointment\",\"id\":\"appt-adult-physical\",\"status\":\"booked\","
                 "\"serviceType\":[{\"coding\":[{\"system\":\"" CARE_SCHEDULING_VISIT_TYPES "\","
                 "\"code\":\"annual-physical\",\"display\":\"Annual physical\"}],\"text\":\"Annual physical\"}],"
                 "\"description\":\"Annual physical\",\"start\":\"%s\",\"end\":\"%s\",\"minutesDuration\":40,"
                 "\"patientInstruction\":\"If blood tests are due, do not eat for 8 hours before the visit; "
                 "water is fine.\","
                 "\"extension\":[{\"url\":\"" CARE_SCHEDULING_EXT_CHECK_IN "\",\"extension\":["
                 "{\"url\":\"questionnaire-required\",\"valueReference\":{\"reference\":"
                 "\"Questionnaire/pre-visit-history\"}},"
                 "{\"url\":\"copay-due\",\"valueMoney\":{\"value\":20.00,\"currency\":\"USD\"}}]}],"
                 "\"participant\":["
                 "{\"actor\":{\"reference\":\"Patient/adult\"},\"status\":\"accepted\"},"
                 "{\"actor\":{\"reference\":\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"},"
                 "\"status\":\"accepted\"},"
                 "{\"actor\":{\"reference\":\"Location/riverside-main\",\"display\":\"Riverside Main Clinic\"},"
                 "\"status\":\"accepted\"}]}",
                 start, end);
}

/* Tests ordered and not done yet (and one done, which is not "upcoming"). */
static void
seed_tests (Seeder *seeder)
{
  static const struct
  {
    const char *id;
    const char *patient;
    const char *status;
    gboolean    imaging;
    const char *code;
    const char *name;
    int         ordered_ago;
    int         due_in;
    const char *practitioner;
    const char *location;
    const char *place;
    const char *instruction;
  } tests[] = {
    { "sr-adult-lipids", "adult", "active", FALSE, "57698-3", "Lipid panel", 6, 14, "okafor", "riverside-main",
      "Riverside Main Clinic lab, first floor",
      "Fasting test: nothing to eat or drink but water for 12 hours before. Walk in Monday to Friday, "
      "7:00 to 11:00." },
    { "sr-adult-a1c", "adult", "active", FALSE, "4548-4", "Hemoglobin A1c", 6, 30, "okafor", "riverside-main",
      "Riverside Main Clinic lab, first floor",
      "No need to fast. Any time the lab is open, before your diabetes follow-up." },
    { "sr-adult-retina", "adult", "active", TRUE, "314971001", "Retinal photography", 20, 12, "adeyemi",
      "riverside-main", "Riverside Main Clinic, eye clinic, second floor",
      "Done at your eye exam. Your pupils may be dilated: bring sunglasses and someone to drive you home." },
    { "sr-adult-old", "adult", "completed", FALSE, "2345-7", "Glucose", 200, -190, "okafor", "riverside-main",
      "Riverside Main Clinic lab, first floor", "Fasting test." },
    { "sr-child-lead", "child", "active", FALSE, "77307-7", "Lead level (blood)", 10, 20, "lindqvist",
      "riverside-kids", "Riverside Kids lab",
      "A finger-prick test; no need to fast. Bring a favourite toy." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *ordered = care_seed_day (seeder, tests[i].ordered_ago);
      g_autofree char *due = care_seed_day (seeder, -tests[i].due_in);

      care_seed_put (seeder,
                     "{\"resourceType\":\"ServiceRequest\",\"id\":\"%s\",\"status\":\"%s\",\"intent\":\"order\","
                     "\"category\":[{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"%s\",\"display\":\"%s\"}]}],"
                     "\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\",\"display\":\"%s\"}],\"text\":\"%s\"},"
                     "\"subject\":{\"reference\":\"Patient/%s\"},\"authoredOn\":\"%s\","
                     "\"occurrencePeriod\":{\"start\":\"%s\",\"end\":\"%s\"},"
                     "\"requester\":{\"reference\":\"Practitioner/%s\"},"
                     "\"locationReference\":[{\"reference\":\"Location/%s\",\"display\":\"%s\"}],"
                     "\"patientInstruction\":\"%s\"}",
                     tests[i].id, tests[i].status, tests[i].imaging ? "363679005" : "108252007",
                     tests[i].imaging ? "Imaging" : "Laboratory procedure",
                     tests[i].imaging ? SEED_SNOMED : SEED_LOINC, tests[i].code, tests[i].name, tests[i].name,
                     tests[i].patient, ordered, ordered, due, tests[i].practitioner, tests[i].location,
                     tests[i].place, tests[i].instruction);
    }
}

void
care_seed_schedules (Seeder *seeder)
{
  static const struct
  {
    const char *practitioner;
    const char *display;
    const char *location;
    const char *service;
    int         min_age;
    int         max_age;
    const char *types;
  } schedules[] = {
    { "okafor", "Dr. Adaeze Okafor", "riverside-main", "Family medicine", 18, 150,
      "new-patient follow-up annual-physical video-visit" },
    { "moreno", "Paula Moreno, NP", "riverside-kids", "Nurse practitioner", 12, 150,
      "follow-up flu-shot video-visit confidential" },
    { "lindqvist", "Dr. Henrik Lindqvist", "riverside-kids", "Pediatrics", 0, 17,
      "new-patient follow-up annual-physical flu-shot video-visit" },
    { "adeyemi", "Dr. Funmilayo Adeyemi", "riverside-main", "Optometry", 6, 150, "eye-exam follow-up" },
  };
  static const char *clocks[] = {
    "09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "11:20", "11:40",
    "14:00", "14:20", "14:40", "15:00", "15:20", "15:40",
  };
  g_autofree char *from = care_seed_day (seeder, 0);
  g_autofree char *to = care_seed_day (seeder, -(CARE_SCHEDULING_HORIZON_DAYS + 1));

  seed_visit_types (seeder);
  seed_physical (seeder);
  seed_tests (seeder);

  for (guint s = 0; s < G_N_ELEMENTS (schedules); s++)
    {
      g_auto(GStrv) codes = g_strsplit (schedules[s].types, " ", -1);
      g_autoptr(GString) types = g_string_new (NULL);

      for (guint c = 0; codes[c] != NULL; c++)
        g_string_append_printf (types, "%s{\"coding\":[{\"system\":\"" CARE_SCHEDULING_VISIT_TYPES "\","
                                "\"code\":\"%s\"}]}", c > 0 ? "," : "", codes[c]);

      care_seed_put (seeder,
                     "{\"resourceType\":\"Schedule\",\"id\":\"%s-schedule\",\"active\":true,"
                     "\"serviceCategory\":[{\"text\":\"%s\"}],\"serviceType\":[%s],"
                     "\"actor\":[{\"reference\":\"Practitioner/%s\",\"display\":\"%s\"},"
                     "{\"reference\":\"Location/%s\"}],"
                     "\"extension\":[{\"url\":\"" CARE_SCHEDULING_EXT_AGES "\",\"valueRange\":{"
                     "\"low\":{\"value\":%d,\"unit\":\"a\"},\"high\":{\"value\":%d,\"unit\":\"a\"}}}],"
                     "\"planningHorizon\":{\"start\":\"%s\",\"end\":\"%s\"}}",
                     schedules[s].practitioner, schedules[s].service, types->str,
                     schedules[s].practitioner, schedules[s].display, schedules[s].location,
                     schedules[s].min_age, schedules[s].max_age, from, to);
    }

  for (int ahead = 2; ahead <= CARE_SCHEDULING_HORIZON_DAYS + 1; ahead++)
    {
      GDate date = seeder->today;
      g_autofree char *day = care_seed_day (seeder, -ahead);

      g_date_add_days (&date, ahead);
      if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        continue;

      for (guint s = 0; s < G_N_ELEMENTS (schedules); s++)
        for (guint c = 0; c < G_N_ELEMENTS (clocks); c++)
          {
            g_autofree char *start = care_seed_time (day, clocks[c], 0);
            g_autofree char *end = care_seed_time (day, clocks[c], CARE_SCHEDULING_SLOT_MINUTES);
            /* Sooner days are fuller, as in a real clinic. */
            gboolean taken = g_rand_int_range (seeder->rand, 0, 100) < (ahead <= 5 ? 60 : 30);

            care_seed_put (seeder,
                           "{\"resourceType\":\"Slot\",\"id\":\"slot-%s-%d-%c%c%c%c\",\"status\":\"%s\","
                           "\"schedule\":{\"reference\":\"Schedule/%s-schedule\"},"
                           "\"start\":\"%s\",\"end\":\"%s\"}",
                           schedules[s].practitioner, ahead, clocks[c][0], clocks[c][1], clocks[c][3],
                           clocks[c][4], taken ? "busy" : "free", schedules[s].practitioner, start, end);
          }
    }
}
