/* care-sandbox-seed-more.c — the demo family's plans, documents, bills and visits
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the demo family has beyond the clinical record: care plans, goals
 * and preventive care that is due or overdue, visit summaries drawn as
 * PDFs with Cairo, notes, an imaging report, an eye prescription, an
 * advance directive, insurance, claims and bills, message threads,
 * appointments with free slots, and (with --scale) years of readings from
 * home devices.
 */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>

#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#include <string.h>

void
care_seed_care_plans (Seeder *seeder)
{
  g_autofree char *start = care_seed_day (seeder, 2 * 365);
  g_autofree char *shingles = care_seed_day (seeder, -30);
  g_autofree char *eye_due = care_seed_day (seeder, 45);
  g_autofree char *colon_due = care_seed_day (seeder, -120);
  g_autofree char *today = care_seed_day (seeder, 0);

  care_seed_put (seeder, "{\"resourceType\":\"CarePlan\",\"id\":\"adult-diabetes-plan\",\"status\":\"active\","
                 "\"intent\":\"plan\",\"category\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/core/"
                 "CodeSystem/careplan-category\",\"code\":\"assess-plan\"}]}],"
                 "\"title\":\"Diabetes and blood pressure care plan\","
                 "\"description\":\"Keep A1c below 7 %%, blood pressure below 130/80, walk 30 minutes "
                 "five days a week.\",\"subject\":{\"reference\":\"Patient/adult\"},"
                 "\"period\":{\"start\":\"%s\"},\"goal\":[{\"reference\":\"Goal/adult-a1c\"},"
                 "{\"reference\":\"Goal/adult-bp\"}]}", start);
  care_seed_put (seeder, "{\"resourceType\":\"Goal\",\"id\":\"adult-a1c\",\"lifecycleStatus\":\"active\","
                 "\"achievementStatus\":{\"coding\":[{\"code\":\"improving\"}]},"
                 "\"description\":{\"text\":\"Hemoglobin A1c below 7 %%\"},"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"startDate\":\"%s\","
                 "\"target\":[{\"measure\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},"
                 "\"detailQuantity\":{\"value\":7,\"comparator\":\"<\",\"unit\":\"%%\"}}]}", start);
  care_seed_put (seeder, "{\"resourceType\":\"Goal\",\"id\":\"adult-bp\",\"lifecycleStatus\":\"active\","
                 "\"achievementStatus\":{\"coding\":[{\"code\":\"achieved\"}]},"
                 "\"description\":{\"text\":\"Blood pressure below 130/80\"},"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"startDate\":\"%s\"}", start);
  care_seed_put (seeder, "{\"resourceType\":\"CareTeam\",\"id\":\"adult-team\",\"status\":\"active\","
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"period\":{\"start\":\"%s\"},"
                 "\"participant\":[{\"role\":[{\"text\":\"Primary care\"}],\"member\":{\"reference\":"
                 "\"Practitioner/okafor\",\"display\":\"Dr. Adaeze Okafor\"}},{\"role\":[{\"text\":"
                 "\"Diabetes educator\"}],\"member\":{\"reference\":\"Practitioner/moreno\","
                 "\"display\":\"Paula Moreno, NP\"}}]}", start);

  /* Preventive care: one due soon, one overdue. */
  care_seed_put (seeder, "{\"resourceType\":\"ImmunizationRecommendation\",\"id\":\"adult-recommendations\","
                 "\"patient\":{\"reference\":\"Patient/adult\"},\"date\":\"%s\",\"recommendation\":["
                 "{\"vaccineCode\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"187\","
                 "\"display\":\"Zoster recombinant\"}],\"text\":\"Shingles (zoster)\"}],"
                 "\"forecastStatus\":{\"coding\":[{\"code\":\"due\"}]},\"dateCriterion\":[{\"code\":{\"text\":"
                 "\"Due\"},\"value\":\"%s\"}]},"
                 "{\"vaccineCode\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"115\","
                 "\"display\":\"Tdap\"}],\"text\":\"Tetanus booster\"}],"
                 "\"forecastStatus\":{\"coding\":[{\"code\":\"overdue\"}]},\"dateCriterion\":[{\"code\":{\"text\":"
                 "\"Due\"},\"value\":\"%s\"}]}]}", today, shingles, eye_due);
  care_seed_put (seeder, "{\"resourceType\":\"CarePlan\",\"id\":\"adult-health-maintenance\",\"status\":\"active\","
                 "\"intent\":\"plan\",\"title\":\"Health maintenance\",\"category\":[{\"text\":\"Preventive care\"}],"
                 "\"subject\":{\"reference\":\"Patient/adult\"},\"period\":{\"start\":\"%s\"},\"activity\":["
                 "{\"detail\":{\"status\":\"not-started\",\"description\":\"Diabetic eye exam (overdue)\","
                 "\"scheduledString\":\"%s\"}},"
                 "{\"detail\":{\"status\":\"scheduled\",\"description\":\"Colon cancer screening\","
                 "\"scheduledString\":\"%s\"}},"
                 "{\"detail\":{\"status\":\"completed\",\"description\":\"Diabetic foot exam\","
                 "\"scheduledString\":\"%s\"}}]}", start, eye_due, colon_due, start);

  care_seed_put (seeder, "{\"resourceType\":\"VisionPrescription\",\"id\":\"adult-glasses\",\"status\":\"active\","
                 "\"created\":\"%s\",\"dateWritten\":\"%s\",\"patient\":{\"reference\":\"Patient/adult\"},"
                 "\"prescriber\":{\"reference\":\"Practitioner/okafor\"},\"lensSpecification\":["
                 "{\"product\":{\"text\":\"Glasses\"},\"eye\":\"right\",\"sphere\":-1.25,\"cylinder\":-0.5,"
                 "\"axis\":90,\"add\":1.0},"
                 "{\"product\":{\"text\":\"Glasses\"},\"eye\":\"left\",\"sphere\":-1.5,\"cylinder\":-0.25,"
                 "\"axis\":85,\"add\":1.0}]}", start, start);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An after-visit summary as a real, readable one-page PDF. */
static char *
dup_summary_pdf_base64 (const char *date,
                        const char *patient,
                        const char *lines[],
                        guint       n_lines)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *stamp = g_strdup_printf ("%sT12:00:00", date);
  double y = 120;

  /* The visit's date, not the time of seeding: same seed, same bytes. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "After-Visit Summary");

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 20);
  cairo_move_to (cr, 56, 72);
  cairo_show_text (cr, "After-Visit Summary");
  cairo_set_font_size (cr, 11);
  cairo_move_to (cr, 56, 94);
  cairo_show_text (cr, "Riverside Family Health · 200 River Road, Springfield");

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 56, y);
  cairo_show_text (cr, patient);
  cairo_move_to (cr, 400, y);
  cairo_show_text (cr, date);
  y += 32;

  for (guint i = 0; i < n_lines; i++)
    {
      cairo_move_to (cr, 56, y);
      cairo_show_text (cr, lines[i]);
      y += 20;
    }

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_base64_encode (bytes->data, bytes->len);
}

static void
seed_document (Seeder     *seeder,
               const char *id,
               const char *patient,
               const char *loinc_code,
               const char *title,
               const char *category,
               const char *content_type,
               const char *data_base64,
               const char *date)
{
  care_seed_put (seeder, "{\"resourceType\":\"Binary\",\"id\":\"%s\",\"contentType\":\"%s\","
                 "\"securityContext\":{\"reference\":\"Patient/%s\"},\"data\":\"%s\"}",
                 id, content_type, patient, data_base64);
  care_seed_put (seeder, "{\"resourceType\":\"DocumentReference\",\"id\":\"%s\",\"status\":\"current\","
                 "\"type\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\"}],\"text\":\"%s\"},"
                 "\"category\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/core/CodeSystem/"
                 "us-core-documentreference-category\",\"code\":\"%s\"}]}],"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"date\":\"%sT12:00:00Z\","
                 "\"author\":[{\"reference\":\"Practitioner/okafor\"}],"
                 "\"content\":[{\"attachment\":{\"contentType\":\"%s\",\"url\":\"Binary/%s\","
                 "\"title\":\"%s\"}}]}",
                 id, loinc_code, title, category, patient, date, content_type, id, title);
}

void
care_seed_documents (Seeder *seeder)
{
  static const char *note =
    "Follow-up for type 2 diabetes and hypertension. Feeling well. Home glucose readings "
    "mostly 110-140. A1c improving. Continue metformin and lisinopril. Walk 30 minutes a day. "
    "Return in 3 months with fasting labs.";
  static const char *directive =
    "Advance directive of Maria Elena Reyes. Health care agent: Roberto Reyes (father). "
    "I wish to receive comfort care and to avoid prolonged life support when recovery is not "
    "expected.";
  g_autofree char *note64 = g_base64_encode ((const guchar *)note, strlen (note));
  g_autofree char *directive64 = g_base64_encode ((const guchar *)directive, strlen (directive));
  g_autofree char *directive_date = care_seed_day (seeder, 3 * 365);
  g_autofree char *xray_date = care_seed_day (seeder, 400);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *date = care_seed_day (seeder, 7 + (int)i * 91);
      g_autofree char *id = g_strdup_printf ("adult-avs-%u", i);
      g_autofree char *a1c = g_strdup_printf ("Hemoglobin A1c: %.1f %%", 6.8 + i * 0.15);
      const char *lines[] = {
        "Clinician: Dr. Adaeze Okafor, family medicine",
        "Reason for visit: diabetes and blood pressure follow-up",
        a1c,
        "Blood pressure: 128/80 mm[Hg]",
        "Plan: continue metformin 500 mg twice a day and lisinopril 10 mg each morning.",
        "Next visit: in 3 months, with fasting labs one week before.",
      };
      g_autofree char *pdf = dup_summary_pdf_base64 (date, "Maria Elena Reyes", lines, G_N_ELEMENTS (lines));

      seed_document (seeder, id, "adult", "34133-9", "After-visit summary", "clinical-note",
                     "application/pdf", pdf, date);
    }

  {
    g_autofree char *date = care_seed_day (seeder, 7);

    seed_document (seeder, "adult-note", "adult", "11506-3", "Progress note", "clinical-note",
                   "text/plain", note64, date);
  }
  seed_document (seeder, "adult-directive", "adult", "42348-3", "Advance directive", "clinical-note",
                 "text/plain", directive64, directive_date);

  care_seed_put (seeder, "{\"resourceType\":\"DiagnosticReport\",\"id\":\"adult-chest-xray\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0074\","
                 "\"code\":\"RAD\",\"display\":\"Radiology\"}]}],\"code\":{\"coding\":[{\"system\":"
                 "\"http://loinc.org\",\"code\":\"36643-5\",\"display\":\"Chest X-ray 2 views\"}],"
                 "\"text\":\"Chest X-ray\"},\"subject\":{\"reference\":\"Patient/adult\"},"
                 "\"effectiveDateTime\":\"%sT10:00:00Z\",\"issued\":\"%sT16:00:00Z\","
                 "\"conclusion\":\"No acute cardiopulmonary findings. Heart size normal.\"}",
                 xray_date, xray_date);
}

void
care_seed_billing (Seeder *seeder)
{
  g_autofree char *start = care_seed_day (seeder, 3 * 365);

  care_seed_put (seeder, "{\"resourceType\":\"Coverage\",\"id\":\"adult-coverage\",\"status\":\"active\","
                 "\"type\":{\"text\":\"PPO\"},\"subscriberId\":\"RVH-4471-09\","
                 "\"beneficiary\":{\"reference\":\"Patient/adult\"},\"relationship\":{\"coding\":[{\"code\":"
                 "\"self\"}]},\"period\":{\"start\":\"%s\"},\"payor\":[{\"display\":\"Cascade Mutual Health\"}],"
                 "\"class\":[{\"type\":{\"text\":\"Group\"},\"value\":\"88120\",\"name\":\"Springfield Schools\"}]}",
                 start);
  care_seed_put (seeder, "{\"resourceType\":\"Coverage\",\"id\":\"child-coverage\",\"status\":\"active\","
                 "\"type\":{\"text\":\"PPO\"},\"subscriberId\":\"RVH-4471-09\","
                 "\"beneficiary\":{\"reference\":\"Patient/child\"},\"relationship\":{\"coding\":[{\"code\":"
                 "\"child\"}]},\"period\":{\"start\":\"%s\"},\"payor\":[{\"display\":\"Cascade Mutual Health\"}]}",
                 start);
  care_seed_put (seeder, "{\"resourceType\":\"Account\",\"id\":\"adult-account\",\"status\":\"active\","
                 "\"name\":\"Reyes family guarantor account\",\"subject\":[{\"reference\":\"Patient/adult\"}],"
                 "\"servicePeriod\":{\"start\":\"%s\"}}", start);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *date = care_seed_day (seeder, 7 + (int)i * 91);
      static const char *statuses[] = { "issued", "issued", "balanced", "balanced" };
      double charge = 185.0 + i * 10;

      care_seed_put (seeder, "{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"adult-eob-%u\",\"status\":\"active\","
                     "\"type\":{\"coding\":[{\"code\":\"professional\"}]},\"use\":\"claim\","
                     "\"patient\":{\"reference\":\"Patient/adult\"},\"created\":\"%s\","
                     "\"insurer\":{\"display\":\"Cascade Mutual Health\"},"
                     "\"provider\":{\"reference\":\"Organization/riverside\"},\"outcome\":\"complete\","
                     "\"total\":[{\"category\":{\"text\":\"Submitted\"},\"amount\":{\"value\":%.2f,\"currency\":\"USD\"}},"
                     "{\"category\":{\"text\":\"Benefit\"},\"amount\":{\"value\":%.2f,\"currency\":\"USD\"}}]}",
                     i, date, charge, charge - 30);
      care_seed_put (seeder, "{\"resourceType\":\"Invoice\",\"id\":\"adult-invoice-%u\",\"status\":\"%s\","
                     "\"subject\":{\"reference\":\"Patient/adult\"},\"date\":\"%s\","
                     "\"account\":{\"reference\":\"Account/adult-account\"},"
                     "\"totalGross\":{\"value\":30.00,\"currency\":\"USD\"},"
                     "\"totalNet\":{\"value\":30.00,\"currency\":\"USD\"},"
                     "\"paymentTerms\":\"Due within 30 days\"}", i, statuses[i], date);
    }
}

void
care_seed_messages (Seeder *seeder)
{
  static const struct
  {
    const char *id;
    const char *patient;
    const char *part_of;
    const char *from;
    const char *to;
    int         days_ago;
    const char *text;
  } messages[] = {
    { "msg-a1c-1", "adult", NULL, "Patient/adult", "Practitioner/okafor", 12,
      "Hello Dr. Okafor, my last A1c was 6.8. Should I keep taking metformin twice a day?" },
    { "msg-a1c-2", "adult", "msg-a1c-1", "Practitioner/okafor", "Patient/adult", 11,
      "Hi Maria, yes, please keep the same dose. Your numbers are going the right way. "
      "We will look at it again at your next visit." },
    { "msg-a1c-3", "adult", "msg-a1c-1", "Patient/adult", "Practitioner/okafor", 11,
      "Thank you!" },
    { "msg-school-1", "child", NULL, "Patient/adult", "Practitioner/lindqvist", 40,
      "Could you fill in Mateo's school sports form? I uploaded it last week." },
    { "msg-school-2", "child", "msg-school-1", "Practitioner/lindqvist", "Patient/adult", 38,
      "Done: the signed form is in Mateo's documents." },
    { "msg-teen-1", "teen", NULL, "Patient/teen", "Practitioner/moreno", 20,
      "Can I talk to someone about feeling anxious before exams?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autofree char *sent = care_seed_day (seeder, messages[i].days_ago);
      g_autofree char *thread = NULL;

      if (messages[i].part_of != NULL)
        thread = g_strdup_printf (",\"partOf\":[{\"reference\":\"Communication/%s\"}],"
                                  "\"inResponseTo\":[{\"reference\":\"Communication/%s\"}]",
                                  messages[i].part_of, messages[i].part_of);

      care_seed_put (seeder, "{\"resourceType\":\"Communication\",\"id\":\"%s\",\"status\":\"completed\","
                     "\"category\":[{\"text\":\"Message\"}],\"subject\":{\"reference\":\"Patient/%s\"},"
                     "\"sender\":{\"reference\":\"%s\"},\"recipient\":[{\"reference\":\"%s\"}],"
                     "\"sent\":\"%sT15:20:00Z\",\"payload\":[{\"contentString\":\"%s\"}]%s}",
                     messages[i].id, messages[i].patient, messages[i].from, messages[i].to, sent,
                     messages[i].text, thread != NULL ? thread : "");
    }
}

void
care_seed_appointments (Seeder *seeder)
{
  static const struct
  {
    const char *id;
    const char *patient;
    const char *practitioner;
    const char *location;
    int         days_ago;
    const char *status;
    const char *kind;
  } appointments[] = {
    { "appt-adult-past", "adult", "okafor", "riverside-main", 7, "fulfilled", "Diabetes follow-up" },
    { "appt-adult-next", "adult", "okafor", "riverside-main", -21, "booked", "Diabetes follow-up" },
    { "appt-child-next", "child", "lindqvist", "riverside-kids", -35, "booked", "Well-child visit" },
    { "appt-elder-next", "elder", "okafor", "riverside-main", -10, "booked", "Anticoagulation check" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (appointments); i++)
    {
      g_autofree char *date = care_seed_day (seeder, appointments[i].days_ago);

      care_seed_put (seeder, "{\"resourceType\":\"Appointment\",\"id\":\"%s\",\"status\":\"%s\","
                     "\"serviceType\":[{\"text\":\"%s\"}],\"description\":\"%s\","
                     "\"start\":\"%sT16:00:00Z\",\"end\":\"%sT16:30:00Z\",\"participant\":["
                     "{\"actor\":{\"reference\":\"Patient/%s\"},\"status\":\"accepted\"},"
                     "{\"actor\":{\"reference\":\"Practitioner/%s\"},\"status\":\"accepted\"},"
                     "{\"actor\":{\"reference\":\"Location/%s\"},\"status\":\"accepted\"}]}",
                     appointments[i].id, appointments[i].status, appointments[i].kind,
                     appointments[i].kind, date, date, appointments[i].patient,
                     appointments[i].practitioner, appointments[i].location);
    }

  care_seed_put (seeder, "{\"resourceType\":\"Schedule\",\"id\":\"okafor-schedule\",\"active\":true,"
                 "\"serviceType\":[{\"text\":\"Primary care\"}],\"actor\":[{\"reference\":\"Practitioner/okafor\"},"
                 "{\"reference\":\"Location/riverside-main\"}]}");
  care_seed_put (seeder, "{\"resourceType\":\"Schedule\",\"id\":\"lindqvist-schedule\",\"active\":true,"
                 "\"serviceType\":[{\"text\":\"Pediatrics\"}],\"actor\":[{\"reference\":\"Practitioner/lindqvist\"},"
                 "{\"reference\":\"Location/riverside-kids\"}]}");

  /* Free slots on weekdays over the next 60 days, a few each morning. */
  for (int ahead = 1; ahead <= 60; ahead++)
    {
      GDate date = seeder->today;
      g_autofree char *when = care_seed_day (seeder, -ahead);

      g_date_add_days (&date, ahead);
      if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        continue;

      for (int hour = 9; hour <= 11; hour++)
        {
          const char *schedule = hour % 2 == 0 ? "lindqvist-schedule" : "okafor-schedule";

          care_seed_put (seeder, "{\"resourceType\":\"Slot\",\"id\":\"slot-%d-%d\",\"status\":\"free\","
                         "\"schedule\":{\"reference\":\"Schedule/%s\"},"
                         "\"start\":\"%sT%02d:00:00Z\",\"end\":\"%sT%02d:30:00Z\"}",
                         ahead, hour, schedule, when, hour + 7, when, hour + 7);
        }
    }
}

/* Years of readings from a glucose meter, a scale and a step counter: what
 * --scale multiplies, so benchmarks see a record of realistic bulk. */
void
care_seed_home_readings (Seeder *seeder,
                         guint   extra_scale)
{
  static const struct
  {
    const char *code;
    const char *name;
    const char *category;
    const char *unit;
    double      base;
    double      spread;
  } series[] = {
    { "41653-7", "Glucose by glucometer", "vital-signs", "mg/dL", 125, 20 },
    { "29463-7", "Body weight (home scale)", "vital-signs", "kg", 86, 1.5 },
    { "55423-8", "Number of steps", "activity", "steps", 6500, 2500 },
  };

  for (guint copy = 0; copy < extra_scale; copy++)
    for (int days_ago = 6 * 365; days_ago > 0; days_ago--)
      {
        g_autofree char *date = care_seed_day (seeder, days_ago);

        for (guint s = 0; s < G_N_ELEMENTS (series); s++)
          care_seed_put (seeder, "{\"resourceType\":\"Observation\",\"id\":\"home-%u-%d-%u\",\"status\":\"final\","
                         "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                         "observation-category\",\"code\":\"%s\"}]}],"
                         "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\",\"display\":\"%s\"}],"
                         "\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/adult\"},"
                         "\"effectiveDateTime\":\"%sT07:%02u:00Z\",\"performer\":[{\"reference\":\"Patient/adult\"}],"
                         "\"valueQuantity\":{\"value\":%.1f,\"unit\":\"%s\",\"system\":\"http://unitsofmeasure.org\"}}",
                         copy, days_ago, s, series[s].category, series[s].code, series[s].name,
                         series[s].name, date, (copy * 3 + s) % 60,
                         series[s].base + care_seed_jitter (seeder, series[s].spread), series[s].unit);
      }
}
