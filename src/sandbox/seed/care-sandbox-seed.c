/* care-sandbox-seed.c — the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deterministic, fictional family whose dates are all relative to the
 * store's "today": Maria (45, type 2 diabetes and hypertension, six years
 * of quarterly visits), her children Mateo (8, well-child visits on the
 * growth curves) and Lucía (15, whose sensitive data a parent must not
 * see) and her father Roberto (78, who prefers Spanish and granted Maria
 * proxy access), cared for by Riverside Family Health and its two clinics.
 *
 * Same seed, same data: every random draw comes from one GRand seeded
 * from the options, in a fixed order, and nothing reads the clock but the
 * store's today. This file holds the entry point, the writers the other
 * seed files share, the clinic directory and the patients; the rest of the
 * record lives in care-sandbox-seed-*.c.
 */
#include "config.h"

#include "care-sandbox-seed.h"
#include "care-sandbox-messages.h"
#include "care-sandbox-seed-private.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

void
care_seed_put (Seeder     *seeder,
               const char *format,
               ...)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonObject) stored = NULL;
  va_list args;

  if (seeder->failed)
    return;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, seeder->error))
    {
      g_prefix_error (seeder->error, "Seed JSON: ");
      seeder->failed = TRUE;
      return;
    }

  stored = care_sandbox_store_put (seeder->store,
                                   json_node_get_object (json_parser_get_root (parser)),
                                   seeder->error);
  if (stored == NULL)
    seeder->failed = TRUE;
  else
    seeder->written++;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A day relative to today, as FHIR writes dates; negative is the future. */
char *
care_seed_day (Seeder *seeder,
               int     days_ago)
{
  GDate date = seeder->today;

  if (days_ago >= 0)
    g_date_subtract_days (&date, days_ago);
  else
    g_date_add_days (&date, -days_ago);

  return format_date (&date);
}

char *
care_seed_birth_date (Seeder *seeder,
                      int     years,
                      int     extra_days)
{
  GDate date = seeder->today;

  g_date_subtract_years (&date, years);
  g_date_subtract_days (&date, extra_days);

  return format_date (&date);
}

/* Days from @date (YYYY-MM-DD) to today. */
int
care_seed_days_since (Seeder     *seeder,
                      const char *date)
{
  GDate day;
  int year = 0, month = 0, dmonth = 0;

  if (sscanf (date, "%d-%d-%d", &year, &month, &dmonth) != 3)
    return 0;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, dmonth, month, year);
  return g_date_days_between (&day, &seeder->today);
}

double
care_seed_jitter (Seeder *seeder,
                  double  amount)
{
  return (g_rand_double (seeder->rand) * 2 - 1) * amount;
}

/* The Sunday that is the @nth (1-based) of @month in @year. */
static int
nth_sunday (int        year,
            GDateMonth month,
            int        nth)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, month, year);
  return 1 + (7 - (int)g_date_get_weekday (&day)) % 7 + 7 * (nth - 1);
}

/**
 * care_seed_time:
 * @date: a day, YYYY-MM-DD
 * @clock: a wall-clock time in the clinics' town, HH:MM
 * @plus_minutes: minutes to add (within the same day)
 *
 * The clinics are in Oregon, so a 9:00 visit is 9:00 Pacific time, with
 * the offset of that day (US daylight saving time: from the second Sunday
 * of March to the first Sunday of November). Computed, not looked up in
 * the system's time zone data, so every machine writes the same text.
 *
 * Returns: (transfer full): a FHIR dateTime, e.g. "2026-11-17T09:00:00-08:00"
 */
char *
care_seed_time (const char *date,
                const char *clock,
                int         plus_minutes)
{
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, minutes;
  gboolean summer;

  if (sscanf (date, "%d-%d-%d", &year, &month, &day) != 3 ||
      sscanf (clock, "%d:%d", &hour, &minute) != 2)
    g_return_val_if_reached (g_strdup (date));

  summer = (month > 3 && month < 11) ||
           (month == 3 && day >= nth_sunday (year, G_DATE_MARCH, 2)) ||
           (month == 11 && day < nth_sunday (year, G_DATE_NOVEMBER, 1));
  minutes = MIN (hour * 60 + minute + plus_minutes, 23 * 60 + 59);

  return g_strdup_printf ("%sT%02d:%02d:00%s", date, minutes / 60, minutes % 60,
                          summer ? "-07:00" : "-08:00");
}

/* What a portal calls a lab test in its code.text: the name on the lab's
 * report, not LOINC's long one (which stays the coding's display, for the
 * "Full name" of a result). */
static const struct
{
  const char *loinc;
  const char *name;
} short_names[] = {
  /* Tests */
  { "2345-7", "Glucose" },
  { "3094-0", "Urea nitrogen (BUN)" },
  { "2160-0", "Creatinine" },
  { "2951-2", "Sodium" },
  { "2823-3", "Potassium" },
  { "2075-0", "Chloride" },
  { "2028-9", "Carbon dioxide (CO2)" },
  { "17861-6", "Calcium" },
  { "98979-8", "eGFR" },
  { "2093-3", "Total cholesterol" },
  { "2571-8", "Triglycerides" },
  { "2085-9", "HDL cholesterol" },
  { "13457-7", "LDL cholesterol" },
  { "6690-2", "White blood cells" },
  { "789-8", "Red blood cells" },
  { "718-7", "Hemoglobin" },
  { "4544-3", "Hematocrit" },
  { "787-2", "MCV" },
  { "777-3", "Platelets" },
  { "2276-4", "Ferritin" },
  { "4548-4", "Hemoglobin A1c" },
  { "14959-1", "Urine albumin/creatinine ratio" },
  /* Panels */
  { "51990-0", "Basic metabolic panel" },
  { "57698-3", "Lipid panel" },
  { "58410-2", "Complete blood count (CBC)" },
  { "24360-0", "Hemoglobin and hematocrit" },
  { "24362-6", "Renal function panel" },
};

/* The short name of a lab test or panel, else @display. */
static const char *
lab_name (const char *loinc,
          const char *display)
{
  for (guint i = 0; i < G_N_ELEMENTS (short_names); i++)
    if (g_str_equal (short_names[i].loinc, loinc))
      return short_names[i].name;
  return display;
}

void
care_seed_observation (Seeder                *seeder,
                       const SeedObservation *obs)
{
  g_autofree char *range = NULL;
  g_autofree char *effective = care_seed_time (obs->date, obs->time, 0);
  g_autofree char *issued = care_seed_time (obs->date, g_str_equal (obs->category, "laboratory")
                                                       ? "15:30" : obs->time, 0);
  const char *flag = NULL;
  double value = obs->value;

  /* Round first, so the interpretation agrees with the value shown. */
  value = round (value * pow (10, obs->decimals)) / pow (10, obs->decimals);

  if (!isnan (obs->low) || !isnan (obs->high))
    {
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;

      if (!isnan (obs->low))
        low = g_strdup_printf ("\"low\":{\"value\":%g,\"unit\":\"%s\",\"system\":\"" SEED_UCUM "\","
                               "\"code\":\"%s\"}%s", obs->low, obs->unit, obs->unit,
                               isnan (obs->high) ? "" : ",");
      if (!isnan (obs->high))
        high = g_strdup_printf ("\"high\":{\"value\":%g,\"unit\":\"%s\",\"system\":\"" SEED_UCUM "\","
                                "\"code\":\"%s\"}", obs->high, obs->unit, obs->unit);
      flag = !isnan (obs->high) && value > obs->high ? "H" :
             !isnan (obs->low) && value < obs->low ? "L" : "N";
      range = g_strdup_printf (",\"referenceRange\":[{%s%s}],\"interpretation\":[{\"coding\":[{"
                               "\"system\":\"http://terminology.hl7.org/CodeSystem/"
                               "v3-ObservationInterpretation\",\"code\":\"%s\",\"display\":\"%s\"}]}]",
                               low != NULL ? low : "", high != NULL ? high : "", flag,
                               g_str_equal (flag, "H") ? "High" : g_str_equal (flag, "L") ? "Low" : "Normal");
    }

  care_seed_put (seeder,
                 "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "observation-category\",\"code\":\"%s\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"%s\",\"display\":\"%s\"}],"
                 "\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/%s\"}%s%s%s,"
                 "\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                 "\"valueQuantity\":{\"value\":%.*f,\"unit\":\"%s\",\"system\":\"" SEED_UCUM "\","
                 "\"code\":\"%s\"}%s}",
                 obs->id, obs->category, obs->code, obs->display,
                 g_str_equal (obs->category, "laboratory") ? lab_name (obs->code, obs->display) : obs->display,
                 obs->patient,
                 obs->encounter != NULL ? ",\"encounter\":{\"reference\":\"Encounter/" : "",
                 obs->encounter != NULL ? obs->encounter : "",
                 obs->encounter != NULL ? "\"}" : "",
                 effective, issued, obs->decimals, value, obs->unit, obs->unit, range != NULL ? range : "");
}

void
care_seed_blood_pressure (Seeder     *seeder,
                          const char *id,
                          const char *patient,
                          const char *encounter,
                          int         systolic,
                          int         diastolic,
                          const char *date)
{
  g_autofree char *when = care_seed_time (date, "09:10", 0);

  /* The US Core blood pressure profile: a panel with two components. */
  care_seed_put (seeder,
                 "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "observation-category\",\"code\":\"vital-signs\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"85354-9\","
                 "\"display\":\"Blood pressure panel with all children optional\"}],"
                 "\"text\":\"Blood pressure\"},\"subject\":{\"reference\":\"Patient/%s\"},"
                 "\"encounter\":{\"reference\":\"Encounter/%s\"},\"effectiveDateTime\":\"%s\","
                 "\"component\":[{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"8480-6\","
                 "\"display\":\"Systolic blood pressure\"}]},\"valueQuantity\":{\"value\":%d,"
                 "\"unit\":\"mm[Hg]\",\"system\":\"" SEED_UCUM "\",\"code\":\"mm[Hg]\"}},"
                 "{\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"8462-4\","
                 "\"display\":\"Diastolic blood pressure\"}]},\"valueQuantity\":{\"value\":%d,"
                 "\"unit\":\"mm[Hg]\",\"system\":\"" SEED_UCUM "\",\"code\":\"mm[Hg]\"}}]}",
                 id, patient, encounter, when, systolic, diastolic);
}

/* A laboratory DiagnosticReport grouping its Observations by id. */
void
care_seed_report (Seeder             *seeder,
                  const char         *id,
                  const char         *patient,
                  const char         *encounter,
                  const char         *code,
                  const char         *display,
                  const char * const *results,
                  const char         *date,
                  const char         *conclusion)
{
  g_autoptr(GString) refs = g_string_new (NULL);
  g_autofree char *effective = care_seed_time (date, "08:15", 0);
  g_autofree char *issued = care_seed_time (date, "15:30", 0);

  for (guint i = 0; results[i] != NULL; i++)
    g_string_append_printf (refs, "%s{\"reference\":\"Observation/%s\"}", i > 0 ? "," : "", results[i]);

  care_seed_put (seeder,
                 "{\"resourceType\":\"DiagnosticReport\",\"id\":\"%s\",\"status\":\"final\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0074\","
                 "\"code\":\"LAB\",\"display\":\"Laboratory\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"%s\",\"display\":\"%s\"}],"
                 "\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/%s\"}%s%s%s,"
                 "\"effectiveDateTime\":\"%s\",\"issued\":\"%s\","
                 "\"performer\":[{\"reference\":\"Organization/riverside\",\"display\":\"Riverside Family "
                 "Health Laboratory\"}],\"result\":[%s]%s%s%s}",
                 id, code, display, lab_name (code, display), patient,
                 encounter != NULL ? ",\"encounter\":{\"reference\":\"Encounter/" : "",
                 encounter != NULL ? encounter : "", encounter != NULL ? "\"}" : "",
                 effective, issued, refs->str,
                 conclusion != NULL ? ",\"conclusion\":\"" : "", conclusion != NULL ? conclusion : "",
                 conclusion != NULL ? "\"" : "");
}

/* A problem-list item, or with @encounter an encounter diagnosis; with
 * @abatement it is resolved. */
void
care_seed_condition (Seeder     *seeder,
                     const char *id,
                     const char *patient,
                     const char *encounter,
                     const char *code,
                     const char *display,
                     const char *onset,
                     const char *abatement)
{
  care_seed_put (seeder,
                 "{\"resourceType\":\"Condition\",\"id\":\"%s\","
                 "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "condition-clinical\",\"code\":\"%s\"}]},"
                 "\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "condition-ver-status\",\"code\":\"confirmed\"}]},"
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "condition-category\",\"code\":\"%s\"}]}],"
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"%s\",\"display\":\"%s\"}],"
                 "\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/%s\"}%s%s%s,"
                 "\"onsetDateTime\":\"%s\",\"recordedDate\":\"%s\"%s%s%s}",
                 id, abatement != NULL ? "resolved" : "active",
                 encounter != NULL ? "encounter-diagnosis" : "problem-list-item",
                 code, display, display, patient,
                 encounter != NULL ? ",\"encounter\":{\"reference\":\"Encounter/" : "",
                 encounter != NULL ? encounter : "", encounter != NULL ? "\"}" : "",
                 onset, onset,
                 abatement != NULL ? ",\"abatementDateTime\":\"" : "",
                 abatement != NULL ? abatement : "", abatement != NULL ? "\"" : "");
}

void
care_seed_medication (Seeder     *seeder,
                      const char *id,
                      const char *rxnorm,
                      const char *display,
                      const char *form)
{
  care_seed_put (seeder,
                 "{\"resourceType\":\"Medication\",\"id\":\"%s\",\"status\":\"active\","
                 "\"code\":{\"coding\":[{\"system\":\"" SEED_RXNORM "\",\"code\":\"%s\",\"display\":\"%s\"}],"
                 "\"text\":\"%s\"},\"form\":{\"text\":\"%s\"}}",
                 id, rxnorm, display, display, form);
}

void
care_seed_prescription (Seeder     *seeder,
                        const char *id,
                        const char *patient,
                        const char *medication,
                        const char *status,
                        const char *authored,
                        const char *prescriber,
                        const char *reason,
                        const char *instructions,
                        int         per_day,
                        double      dose,
                        const char *dose_unit,
                        gboolean    as_needed,
                        int         supply_days,
                        int         refills)
{
  g_autofree char *reason_json = NULL;
  const char *pharmacy;

  if (reason != NULL)
    reason_json = g_strdup_printf (",\"reasonReference\":[{\"reference\":\"Condition/%s\"}]", reason);
  /* Where it is filled (the person's pharmacies, care-pharmacy.c): the
   * long-term supplies by mail, short courses at Main Street, the rest at
   * the clinic's own pharmacy. */
  pharmacy = supply_days >= 90 ? "pharmacy-mail" : supply_days < 30 ? "pharmacy-main" : "pharmacy-riverside";

  care_seed_put (seeder,
                 "{\"resourceType\":\"MedicationRequest\",\"id\":\"%s\",\"status\":\"%s\","
                 "\"intent\":\"order\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                 "CodeSystem/medicationrequest-category\",\"code\":\"community\"}]}],"
                 "\"medicationReference\":{\"reference\":\"Medication/%s\"},"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"authoredOn\":\"%s\","
                 "\"requester\":{\"reference\":\"Practitioner/%s\"}%s,"
                 "\"dosageInstruction\":[{\"text\":\"%s\",\"timing\":{\"repeat\":{\"frequency\":%d,"
                 "\"period\":1,\"periodUnit\":\"d\"}},\"asNeededBoolean\":%s,"
                 "\"route\":{\"coding\":[{\"system\":\"" SEED_SNOMED "\",\"code\":\"26643006\","
                 "\"display\":\"Oral route\"}]},"
                 "\"doseAndRate\":[{\"doseQuantity\":{\"value\":%g,\"unit\":\"%s\"}}]}],"
                 "\"dispenseRequest\":{\"numberOfRepeatsAllowed\":%d,\"expectedSupplyDuration\":"
                 "{\"value\":%d,\"unit\":\"days\",\"system\":\"" SEED_UCUM "\",\"code\":\"d\"},"
                 "\"performer\":{\"reference\":\"Organization/%s\"}}}",
                 id, status, medication, patient, authored, prescriber,
                 reason_json != NULL ? reason_json : "", instructions, per_day,
                 as_needed ? "true" : "false", dose, dose_unit, refills, supply_days, pharmacy);
}

void
care_seed_immunization (Seeder     *seeder,
                        const char *id,
                        const char *patient,
                        const char *encounter,
                        const char *cvx,
                        const char *display,
                        const char *date,
                        const char *location)
{
  care_seed_put (seeder,
                 "{\"resourceType\":\"Immunization\",\"id\":\"%s\",\"status\":\"completed\","
                 "\"vaccineCode\":{\"coding\":[{\"system\":\"" SEED_CVX "\",\"code\":\"%s\","
                 "\"display\":\"%s\"}],\"text\":\"%s\"},"
                 "\"patient\":{\"reference\":\"Patient/%s\"}%s%s%s,\"occurrenceDateTime\":\"%s\","
                 "\"primarySource\":true,\"location\":{\"reference\":\"Location/%s\"}}",
                 id, cvx, display, display, patient,
                 encounter != NULL ? ",\"encounter\":{\"reference\":\"Encounter/" : "",
                 encounter != NULL ? encounter : "", encounter != NULL ? "\"}" : "",
                 date, location);
}

void
care_seed_encounter (Seeder     *seeder,
                     const char *id,
                     const char *patient,
                     const char *type,
                     const char *practitioner,
                     const char *location,
                     const char *reason,
                     const char *date,
                     const char *time)
{
  g_autofree char *start = care_seed_time (date, time, 0);
  g_autofree char *end = care_seed_time (date, time, 40);

  care_seed_put (seeder,
                 "{\"resourceType\":\"Encounter\",\"id\":\"%s\",\"status\":\"finished\","
                 "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\","
                 "\"display\":\"ambulatory\"},\"type\":[{\"text\":\"%s\"}],"
                 "\"subject\":{\"reference\":\"Patient/%s\"},"
                 "\"participant\":[{\"individual\":{\"reference\":\"Practitioner/%s\"}}],"
                 "\"period\":{\"start\":\"%s\",\"end\":\"%s\"},"
                 "\"reasonCode\":[{\"text\":\"%s\"}],"
                 "\"location\":[{\"location\":{\"reference\":\"Location/%s\"}}],"
                 "\"serviceProvider\":{\"reference\":\"Organization/riverside\"}}",
                 id, type, patient, practitioner, start, end, reason, location);
}

/* A DocumentReference and the Binary holding its content. */
void
care_seed_document (Seeder     *seeder,
                    const char *id,
                    const char *patient,
                    const char *encounter,
                    const char *loinc,
                    const char *title,
                    const char *author,
                    const char *content_type,
                    const char *data_base64,
                    const char *date)
{
  g_autofree char *when = care_seed_time (date, "12:00", 0);

  care_seed_put (seeder, "{\"resourceType\":\"Binary\",\"id\":\"%s\",\"contentType\":\"%s\","
                 "\"securityContext\":{\"reference\":\"Patient/%s\"},\"data\":\"%s\"}",
                 id, content_type, patient, data_base64);
  care_seed_put (seeder,
                 "{\"resourceType\":\"DocumentReference\",\"id\":\"%s\",\"status\":\"current\","
                 "\"docStatus\":\"final\","
                 "\"type\":{\"coding\":[{\"system\":\"" SEED_LOINC "\",\"code\":\"%s\",\"display\":\"%s\"}],"
                 "\"text\":\"%s\"},\"category\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/core/"
                 "CodeSystem/us-core-documentreference-category\",\"code\":\"clinical-note\","
                 "\"display\":\"Clinical Note\"}]}],"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"date\":\"%s\","
                 "\"author\":[{\"reference\":\"Practitioner/%s\"}],"
                 "\"custodian\":{\"reference\":\"Organization/riverside\"},"
                 "\"content\":[{\"attachment\":{\"contentType\":\"%s\",\"url\":\"Binary/%s\","
                 "\"title\":\"%s\",\"creation\":\"%s\"}}]%s%s%s}",
                 id, loinc, title, title, patient, when, author, content_type, id, title, when,
                 encounter != NULL ? ",\"context\":{\"encounter\":[{\"reference\":\"Encounter/" : "",
                 encounter != NULL ? encounter : "", encounter != NULL ? "\"}]}" : "");
}

/* One message of a thread: @thread is the first message's id (NULL for the
 * first itself), @in_reply_to the message answered. */
void
care_seed_message (Seeder     *seeder,
                   const char *id,
                   const char *patient,
                   const char *thread,
                   const char *in_reply_to,
                   const char *sender,
                   const char *recipient,
                   const char *topic,
                   const char *text,
                   const char *sent)
{
  g_autofree char *links = NULL;

  if (thread != NULL)
    links = g_strdup_printf (",\"partOf\":[{\"reference\":\"Communication/%s\"}],"
                             "\"inResponseTo\":[{\"reference\":\"Communication/%s\"}]",
                             thread, in_reply_to != NULL ? in_reply_to : thread);

  care_seed_put (seeder,
                 "{\"resourceType\":\"Communication\",\"id\":\"%s\",\"status\":\"completed\","
                 "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                 "communication-category\",\"code\":\"notification\"}],\"text\":\"Message\"}],"
                 "\"subject\":{\"reference\":\"Patient/%s\"},\"topic\":{\"text\":\"%s\"},"
                 "\"sender\":{\"reference\":\"%s\"},\"recipient\":[{\"reference\":\"%s\"}],"
                 "\"sent\":\"%s\",\"received\":\"%s\",\"payload\":[{\"contentString\":\"%s\"}]%s}",
                 id, patient, topic, sender, recipient, sent, sent, text, links != NULL ? links : "");
}

static void
seed_directory (Seeder *seeder)
{
  static const struct
  {
    const char *id;
    const char *prefix;
    const char *given;
    const char *family;
    const char *suffix;
    const char *gender;
    const char *specialty;
    const char *phone;
    gboolean    messages;
  } practitioners[] = {
    { "okafor", "Dr.", "Adaeze", "Okafor", "MD", "female", "Family medicine", "(555) 010-2210", TRUE },
    { "lindqvist", "Dr.", "Henrik", "Lindqvist", "MD", "male", "Pediatrics", "(555) 010-2310", TRUE },
    { "moreno", "", "Paula", "Moreno", "NP", "female", "Nurse practitioner, diabetes education",
      "(555) 010-2220", TRUE },
    { "wieczorek", "Dr.", "Tomasz", "Wieczorek", "MD", "male", "Cardiology", "(555) 010-2230", TRUE },
    /* On a care team, but takes no portal messages (the sandbox refuses them). */
    { "adeyemi", "Dr.", "Funmilayo", "Adeyemi", "OD", "female", "Optometry", "(555) 010-2240", FALSE },
  };
  static const struct
  {
    const char *id;
    const char *name;
    const char *specialty;
    const char *location;
  } services[] = {
    { "primary-care", "Primary care", "Family medicine", "riverside-main" },
    { "pediatrics", "Pediatrics", "Pediatrics", "riverside-kids" },
    { "laboratory", "Laboratory", "Clinical pathology", "riverside-main" },
    { "eye-care", "Eye care", "Optometry", "riverside-main" },
  };

  care_seed_put (seeder,
                 "{\"resourceType\":\"Organization\",\"id\":\"riverside\",\"active\":true,"
                 "\"type\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/organization-type\","
                 "\"code\":\"prov\",\"display\":\"Healthcare Provider\"}]}],"
                 "\"name\":\"Riverside Family Health\",\"telecom\":[{\"system\":\"phone\","
                 "\"value\":\"(555) 010-2200\"},{\"system\":\"url\",\"value\":\"https://riverside.example.org\"}],"
                 "\"address\":[{\"line\":[\"200 River Road\"],\"city\":\"Springfield\",\"state\":\"OR\","
                 "\"postalCode\":\"97477\",\"country\":\"US\"}]}");
  /* A department patients write to about bills and their account. */
  care_seed_put (seeder,
                 "{\"resourceType\":\"Organization\",\"id\":\"riverside-service\",\"active\":true,"
                 "\"extension\":[{\"url\":\"" CARE_SANDBOX_RECEIVES_MESSAGES_URL "\",\"valueBoolean\":true}],"
                 "\"type\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/organization-type\","
                 "\"code\":\"dept\",\"display\":\"Hospital Department\"}]}],"
                 "\"name\":\"Customer Service\",\"partOf\":{\"reference\":\"Organization/riverside\"},"
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2290\"}]}");
  care_seed_put (seeder,
                 "{\"resourceType\":\"Location\",\"id\":\"riverside-main\",\"status\":\"active\","
                 "\"name\":\"Riverside Main Clinic\",\"description\":\"Primary care, laboratory and eye care\","
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2200\"},"
                 "{\"system\":\"fax\",\"value\":\"(555) 010-2299\"}],"
                 "\"address\":{\"line\":[\"200 River Road\"],\"city\":\"Springfield\",\"state\":\"OR\","
                 "\"postalCode\":\"97477\",\"country\":\"US\"},"
                 "\"position\":{\"longitude\":-123.0201,\"latitude\":44.0462},"
                 "\"hoursOfOperation\":[{\"daysOfWeek\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],"
                 "\"openingTime\":\"08:00:00\",\"closingTime\":\"18:00:00\"},"
                 "{\"daysOfWeek\":[\"sat\"],\"openingTime\":\"09:00:00\",\"closingTime\":\"12:00:00\"}],"
                 "\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/timezone\","
                 "\"valueCode\":\"America/Los_Angeles\"}],"
                 "\"managingOrganization\":{\"reference\":\"Organization/riverside\"}}");
  care_seed_put (seeder,
                 "{\"resourceType\":\"Location\",\"id\":\"riverside-kids\",\"status\":\"active\","
                 "\"name\":\"Riverside Children’s Clinic\",\"description\":\"Pediatrics and well-child care\","
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-2300\"}],"
                 "\"address\":{\"line\":[\"48 Alder Street\",\"Suite 2\"],\"city\":\"Springfield\","
                 "\"state\":\"OR\",\"postalCode\":\"97478\",\"country\":\"US\"},"
                 "\"hoursOfOperation\":[{\"daysOfWeek\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],"
                 "\"openingTime\":\"08:30:00\",\"closingTime\":\"17:00:00\"},"
                 "{\"daysOfWeek\":[\"sat\"],\"openingTime\":\"09:00:00\",\"closingTime\":\"13:00:00\"}],"
                 "\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/timezone\","
                 "\"valueCode\":\"America/Los_Angeles\"}],"
                 "\"managingOrganization\":{\"reference\":\"Organization/riverside\"}}");

  for (guint i = 0; i < G_N_ELEMENTS (practitioners); i++)
    care_seed_put (seeder,
                   "{\"resourceType\":\"Practitioner\",\"id\":\"%s\",\"active\":true,"
                   "\"extension\":[{\"url\":\"" CARE_SANDBOX_RECEIVES_MESSAGES_URL "\",\"valueBoolean\":%s}],"
                   "\"name\":[{\"use\":\"official\",\"prefix\":[\"%s\"],\"given\":[\"%s\"],\"family\":\"%s\","
                   "\"suffix\":[\"%s\"]}],\"gender\":\"%s\","
                   "\"telecom\":[{\"system\":\"phone\",\"value\":\"%s\",\"use\":\"work\"}],"
                   "\"qualification\":[{\"code\":{\"text\":\"%s\"},"
                   "\"issuer\":{\"display\":\"Oregon Medical Board\"}}]}",
                   practitioners[i].id, practitioners[i].messages ? "true" : "false", practitioners[i].prefix, practitioners[i].given,
                   practitioners[i].family, practitioners[i].suffix, practitioners[i].gender,
                   practitioners[i].phone, practitioners[i].specialty);

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    care_seed_put (seeder,
                   "{\"resourceType\":\"HealthcareService\",\"id\":\"%s\",\"active\":true,"
                   "\"providedBy\":{\"reference\":\"Organization/riverside\"},"
                   "\"type\":[{\"text\":\"%s\"}],\"specialty\":[{\"text\":\"%s\"}],"
                   "\"location\":[{\"reference\":\"Location/%s\"}],\"name\":\"%s\","
                   "\"appointmentRequired\":true}",
                   services[i].id, services[i].name, services[i].specialty, services[i].location,
                   services[i].name);
}

static void
seed_patient (Seeder     *seeder,
              const char *id,
              const char *given,
              const char *family,
              const char *gender,
              const char *birth_date,
              const char *phone,
              const char *email,
              const char *language,
              const char *language_name,
              const char *practitioner,
              const char *extra)
{
  care_seed_put (seeder,
                 "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"active\":true,"
                 "\"identifier\":[{\"system\":\"https://riverside.example.org/mrn\",\"value\":\"RFH-%s\"}],"
                 "\"name\":[{\"use\":\"official\",\"given\":[\"%s\"],\"family\":\"%s\"}],"
                 "\"gender\":\"%s\",\"birthDate\":\"%s\","
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"%s\",\"use\":\"mobile\"},"
                 "{\"system\":\"email\",\"value\":\"%s\"}],"
                 "\"address\":[{\"use\":\"home\",\"line\":[\"17 Birch Lane\"],\"city\":\"Springfield\","
                 "\"state\":\"OR\",\"postalCode\":\"97477\",\"country\":\"US\"}],"
                 "\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\","
                 "\"code\":\"%s\",\"display\":\"%s\"}],\"text\":\"%s\"},\"preferred\":true}],"
                 "\"generalPractitioner\":[{\"reference\":\"Practitioner/%s\"}],"
                 "\"managingOrganization\":{\"reference\":\"Organization/riverside\"}%s}",
                 id, id, given, family, gender, birth_date, phone, email, language, language_name,
                 language_name, practitioner, extra);
}

static void
seed_family (Seeder *seeder)
{
  g_autofree char *adult = care_seed_birth_date (seeder, 45, 120);
  g_autofree char *child = care_seed_birth_date (seeder, 8, 45);
  g_autofree char *teen = care_seed_birth_date (seeder, 15, 200);
  g_autofree char *elder = care_seed_birth_date (seeder, 78, 10);
  static const char *mother =
    ",\"contact\":[{\"relationship\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
    "CodeSystem/v2-0131\",\"code\":\"N\",\"display\":\"Next-of-Kin\"}],\"text\":\"Mother\"}],"
    "\"name\":{\"given\":[\"Maria Elena\"],\"family\":\"Reyes\"},"
    "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-4471\"}]}]";

  seed_patient (seeder, CARE_SANDBOX_DEMO_ADULT, "Maria Elena", "Reyes", "female", adult,
                "(555) 010-4471", "maria@example.org", "en-US", "English", "okafor",
                ",\"maritalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                "v3-MaritalStatus\",\"code\":\"D\",\"display\":\"Divorced\"}]}");
  seed_patient (seeder, CARE_SANDBOX_DEMO_CHILD, "Mateo", "Reyes", "male", child,
                "(555) 010-4471", "maria@example.org", "en-US", "English", "lindqvist", mother);
  seed_patient (seeder, CARE_SANDBOX_DEMO_TEEN, "Lucía", "Reyes", "female", teen,
                "(555) 010-4488", "lucia@example.org", "en-US", "English", "moreno", mother);
  /* The grandfather prefers Spanish. */
  seed_patient (seeder, CARE_SANDBOX_DEMO_ELDER, "Roberto", "Reyes", "male", elder,
                "(555) 010-4402", "roberto@example.org", "es-MX", "Español", "okafor",
                ",\"contact\":[{\"relationship\":[{\"text\":\"Daughter, health care agent\"}],"
                "\"name\":{\"given\":[\"Maria Elena\"],\"family\":\"Reyes\"},"
                "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-4471\"}]}]");

  /* Maria as each relative's RelatedPerson: who a proxy acts as. */
  care_seed_put (seeder,
                 "{\"resourceType\":\"RelatedPerson\",\"id\":\"child-mother\",\"active\":true,"
                 "\"patient\":{\"reference\":\"Patient/child\"},\"relationship\":[{\"coding\":[{"
                 "\"system\":\"http://terminology.hl7.org/CodeSystem/v3-RoleCode\",\"code\":\"MTH\","
                 "\"display\":\"mother\"}]}],\"name\":[{\"given\":[\"Maria Elena\"],\"family\":\"Reyes\"}],"
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-4471\"}]}");
  care_seed_put (seeder,
                 "{\"resourceType\":\"RelatedPerson\",\"id\":\"teen-mother\",\"active\":true,"
                 "\"patient\":{\"reference\":\"Patient/teen\"},\"relationship\":[{\"coding\":[{"
                 "\"system\":\"http://terminology.hl7.org/CodeSystem/v3-RoleCode\",\"code\":\"MTH\","
                 "\"display\":\"mother\"}]}],\"name\":[{\"given\":[\"Maria Elena\"],\"family\":\"Reyes\"}],"
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-4471\"}]}");
  care_seed_put (seeder,
                 "{\"resourceType\":\"RelatedPerson\",\"id\":\"elder-daughter\",\"active\":true,"
                 "\"patient\":{\"reference\":\"Patient/elder\"},\"relationship\":[{\"coding\":[{"
                 "\"system\":\"http://terminology.hl7.org/CodeSystem/v3-RoleCode\",\"code\":\"DAU\","
                 "\"display\":\"daughter\"}]},{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
                 "CodeSystem/v3-RoleCode\",\"code\":\"HPOWATT\",\"display\":\"healthcare power of attorney\"}]}],"
                 "\"name\":[{\"given\":[\"Maria Elena\"],\"family\":\"Reyes\"}],"
                 "\"telecom\":[{\"system\":\"phone\",\"value\":\"(555) 010-4471\"}]}");
}

/**
 * care_sandbox_seed_demo:
 * @store: the store to fill
 * @options: (nullable): seed and scale; %NULL for the demo's defaults
 * @error: return location for a #GError
 *
 * Writes the demo family, every date relative to the store's today, in
 * one transaction: a failure leaves the store as it was. The same seed
 * gives the same resources, byte for byte apart from meta.lastUpdated.
 * A @scale above 1 multiplies the adult's visits and adds years of daily
 * home readings, for benchmarks (20 gives well over 100,000 resources).
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_seed_demo (CareSandboxStore             *store,
                        const CareSandboxSeedOptions *options,
                        GError                      **error)
{
  CareSandboxSeedOptions defaults = { 1, 1 };
  g_autoptr(CareLms) lms = NULL;
  Seeder seeder = { 0 };
  locale_t c_locale;
  locale_t old_locale;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;

  lms = care_lms_new (NULL, error);
  if (lms == NULL)
    return FALSE;

  if (!care_sandbox_store_begin (store, error))
    return FALSE;

  /* JSON and PDF numbers need a '.' whatever the user's locale (the app
   * seeds the demo after setlocale). Thread-local, so nothing else sees it. */
  c_locale = newlocale (LC_ALL_MASK, "C", (locale_t)0);
  old_locale = uselocale (c_locale);

  seeder.store = store;
  seeder.lms = lms;
  seeder.rand = g_rand_new_with_seed (options->seed);
  seeder.scale = MAX (options->scale, 1);
  seeder.error = error;
  care_sandbox_store_get_today (store, &seeder.today);
  /* More than the resources of scale 1 (about 1,600 since the home
   * readings, test orders and forms) and the ~6,650 each step of scale
   * adds: the stamps end a little before the seed does. */
  care_sandbox_store_set_bulk_stamps (store, 4000 + 7000 * (seeder.scale - 1));

  seed_directory (&seeder);
  seed_family (&seeder);
  care_seed_adult (&seeder);
  care_seed_adult_documents (&seeder);
  care_seed_child (&seeder);
  care_seed_teen (&seeder);
  care_seed_elder (&seeder);
  care_seed_care_plans (&seeder);
  care_seed_billing (&seeder);
  care_seed_messages (&seeder);
  care_seed_appointments (&seeder);
  care_seed_home_readings (&seeder);
  care_seed_reading_requests (&seeder);
  care_seed_questionnaires (&seeder);
  care_seed_given (&seeder);

  care_sandbox_store_set_bulk_stamps (store, 0);
  uselocale (old_locale);
  freelocale (c_locale);
  g_rand_free (seeder.rand);

  if (seeder.failed)
    {
      care_sandbox_store_rollback (store);
      return FALSE;
    }

  g_debug ("Seeded %u demo resources (seed %u, scale %u)", seeder.written, options->seed,
           seeder.scale);
  return care_sandbox_store_commit (store, error);
}
