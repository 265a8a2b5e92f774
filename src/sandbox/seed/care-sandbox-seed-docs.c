/* care-sandbox-seed-docs.c — visit summaries as PDFs, notes and the advance directive
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After-visit summaries are real, readable one-page PDFs drawn with
 * Cairo's PDF surface, written from the visit's own stored vital signs and
 * results so the document and the record agree. Their creation date is the
 * visit's, not the clock's: same seed, same bytes.
 */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <string.h>

#include "care-sandbox-seed.h"
#include "care-sandbox-seed-private.h"

#define PAGE_WIDTH  595.0   /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN      56.0

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Shows @text from the current point, wrapped at the margin; returns the y
 * below it. */
static double
show_wrapped (cairo_t    *cr,
              const char *text,
              double      x,
              double      y,
              double      line_height)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate = line->len > 0 ? g_strconcat (line->str, " ", words[i], NULL)
                                                 : g_strdup (words[i]);
      cairo_text_extents_t extents;

      cairo_text_extents (cr, candidate, &extents);
      if (line->len > 0 && x + extents.x_advance > PAGE_WIDTH - MARGIN)
        {
          cairo_move_to (cr, x, y);
          cairo_show_text (cr, line->str);
          y += line_height;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, candidate);
    }

  if (line->len > 0)
    {
      cairo_move_to (cr, x, y);
      cairo_show_text (cr, line->str);
      y += line_height;
    }

  return y;
}

/**
 * care_seed_dup_base64_pdf:
 * @title: the document's title
 * @subtitle: the line under it (who and when)
 * @date: the document's date, YYYY-MM-DD, also its PDF creation date
 * @lines: %NULL-terminated lines; a line starting with "# " is a heading
 *
 * Returns: (transfer full): a one-page PDF, base64-encoded for a Binary
 */
char *
care_seed_dup_base64_pdf (const char         *title,
                          const char         *subtitle,
                          const char         *date,
                          const char * const *lines)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *stamp = g_strdup_printf ("%sT12:00:00", date);
  cairo_surface_t *surface;
  cairo_t *cr;
  double y = 150;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Riverside Family Health");
  cr = cairo_create (surface);

  /* A letterhead band. */
  cairo_set_source_rgb (cr, 0.11, 0.35, 0.53);
  cairo_rectangle (cr, 0, 0, PAGE_WIDTH, 40);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, MARGIN, 25);
  cairo_show_text (cr, "Riverside Family Health");

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_font_size (cr, 20);
  cairo_move_to (cr, MARGIN, 82);
  cairo_show_text (cr, title);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  cairo_move_to (cr, MARGIN, 102);
  cairo_show_text (cr, "200 River Road, Springfield, OR 97477 · (555) 010-2200");
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, MARGIN, 124);
  cairo_show_text (cr, subtitle);

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, 134);
  cairo_line_to (cr, PAGE_WIDTH - MARGIN, 134);
  cairo_stroke (cr);

  for (guint i = 0; lines[i] != NULL && y < PAGE_HEIGHT - MARGIN; i++)
    {
      if (g_str_has_prefix (lines[i], "# "))
        {
          y += 8;
          cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
          cairo_set_font_size (cr, 13);
          y = show_wrapped (cr, lines[i] + 2, MARGIN, y, 18);
          cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
          cairo_set_font_size (cr, 11);
        }
      else
        {
          cairo_set_font_size (cr, 11);
          y = show_wrapped (cr, lines[i], MARGIN + 12, y, 16);
        }
    }

  cairo_set_font_size (cr, 8);
  cairo_move_to (cr, MARGIN, PAGE_HEIGHT - 30);
  cairo_show_text (cr, "Fictional demo record from the Carebook sandbox portal. Not medical advice.");

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_base64_encode (bytes->data, bytes->len);
}

/* The value of a stored Observation, or of one of its components. */
static double
stored_value (Seeder     *seeder,
              const char *id,
              int         component)
{
  g_autoptr(JsonObject) obs = care_sandbox_store_get (seeder->store, "Observation", id);
  JsonObject *holder = obs;

  if (obs == NULL)
    return 0;

  if (component >= 0)
    holder = json_array_get_object_element (json_object_get_array_member (obs, "component"),
                                            component);

  return json_object_get_double_member (json_object_get_object_member (holder, "valueQuantity"),
                                        "value");
}

static void
seed_visit_documents (Seeder *seeder,
                      guint   index,
                      int     days_ago,
                      double  progress)
{
  g_autofree char *date = care_seed_day (seeder, days_ago);
  g_autofree char *encounter = g_strdup_printf ("adult-visit-%u", index);
  g_autofree char *bp_id = g_strdup_printf ("adult-bp-%u", index);
  g_autofree char *weight_id = g_strdup_printf ("adult-weight-%u", index);
  g_autofree char *pulse_id = g_strdup_printf ("adult-pulse-%u", index);
  g_autofree char *a1c_id = g_strdup_printf ("adult-a1c-%u", index);
  gboolean nurse = index % 2 == 1;
  int systolic = (int)stored_value (seeder, bp_id, 0);
  int diastolic = (int)stored_value (seeder, bp_id, 1);
  double a1c = stored_value (seeder, a1c_id, -1);
  double weight = stored_value (seeder, weight_id, -1);
  int pulse = (int)stored_value (seeder, pulse_id, -1);
  const char *metformin = days_ago > 4 * 365 ? "metformin 500 mg twice a day"
                                             : "metformin 1000 mg twice a day";
  const char *lisinopril = days_ago > 2 * 365 ? "lisinopril 10 mg every morning"
                                              : "lisinopril 20 mg every morning";
  g_autofree char *clinician = g_strdup_printf ("Clinician: %s",
                                                nurse ? "Paula Moreno, NP, diabetes education"
                                                      : "Dr. Adaeze Okafor, family medicine");
  g_autofree char *vitals = g_strdup_printf ("Blood pressure %d/%d mmHg · Pulse %d/min · Weight %.1f kg",
                                             systolic, diastolic, pulse, weight);
  g_autofree char *result = g_strdup_printf ("Hemoglobin A1c %.1f %% (goal: below 7 %%) — %s", a1c,
                                             a1c < 7 ? "at goal, well done" : "above goal");
  g_autofree char *meds = g_strdup_printf ("Keep taking %s and %s, and atorvastatin 20 mg at bedtime.",
                                           metformin, lisinopril);
  g_autofree char *subtitle = g_strdup_printf ("Maria Elena Reyes · Visit of %s", date);
  const char *lines[] = {
    "# Reason for your visit",
    "Follow-up of type 2 diabetes and high blood pressure.",
    clinician,
    "# Your vital signs today",
    vitals,
    "# Your results",
    result,
    "# Your plan",
    meds,
    progress < 0.5 ? "Cut down on sweet drinks and white bread; the dietitian’s handout is enclosed."
                   : "Your blood pressure and sugar are much better. Keep up the walking.",
    "Walk 30 minutes, five days a week. Check your feet every evening.",
    "Check your blood sugar each morning before breakfast and bring your meter next time.",
    "# Next steps",
    "Come back in 3 months. Have fasting blood work done one week before the visit.",
    "Call (555) 010-2200 or send a message if your sugar is over 300 or under 70.",
    NULL,
  };
  g_autofree char *pdf = care_seed_dup_base64_pdf ("After-Visit Summary", subtitle, date, lines);
  g_autofree char *summary_id = g_strdup_printf ("adult-avs-%u", index);
  g_autofree char *note_id = g_strdup_printf ("adult-note-%u", index);
  g_autofree char *note = g_strdup_printf (
    "PROGRESS NOTE\n\nSubjective: Here for diabetes and hypertension follow-up. Taking medicines "
    "as prescribed. No chest pain, no shortness of breath, no numbness of the feet.\n\n"
    "Objective: BP %d/%d mmHg, pulse %d/min, weight %.1f kg. Feet: intact skin, pulses "
    "present, monofilament sensation normal.\n\nAssessment: Type 2 diabetes mellitus, A1c %.1f %% "
    "(%s). Hypertension, %s.\n\nPlan: Continue %s and %s. Atorvastatin 20 mg nightly. Lifestyle "
    "counselling given. Labs and follow-up in 3 months.\n\n%s",
    systolic, diastolic, pulse, weight, a1c, a1c < 7 ? "at goal" : "above goal",
    systolic < 130 && diastolic < 80 ? "controlled" : "not yet at goal", metformin, lisinopril,
    nurse ? "Paula Moreno, NP" : "Adaeze Okafor, MD");
  g_autofree char *note64 = g_base64_encode ((const guchar *)note, strlen (note));

  care_seed_document (seeder, summary_id, CARE_SANDBOX_DEMO_ADULT, encounter, "34133-9",
                      "After-visit summary", nurse ? "moreno" : "okafor", "application/pdf", pdf, date);
  care_seed_document (seeder, note_id, CARE_SANDBOX_DEMO_ADULT, encounter, "11506-3",
                      "Progress note", nurse ? "moreno" : "okafor", "text/plain", note64, date);
}

/**
 * care_seed_adult_documents:
 * @seeder: the seeder, after care_seed_adult()
 *
 * A summary and a progress note for each quarterly visit (with --scale,
 * only for the visits on the quarterly dates), and the advance directive.
 */
void
care_seed_adult_documents (Seeder *seeder)
{
  guint visits = 24 * seeder->scale;
  g_autofree char *directive_date = care_seed_day (seeder, 3 * 365);
  g_autofree char *directive = NULL;
  g_autofree char *eye = care_seed_day (seeder, 400);
  g_autofree char *eye_note64 = NULL;
  static const char *eye_note =
    "<html><body><h1>Diabetic eye examination</h1><p>Dilated fundus examination of both eyes. "
    "No diabetic retinopathy. No macular edema. Mild myopia with early presbyopia; new glasses "
    "prescribed.</p><p>Return in 12 months.</p><p>Funmilayo Adeyemi, OD</p></body></html>";
  const char *directive_lines[] = {
    "# Part 1: My health care agent",
    "I, Maria Elena Reyes, name my father, Roberto Reyes, of 17 Birch Lane, Springfield, as my "
    "health care agent. If he cannot act, I name my sister-in-law, Ana Lucero.",
    "# Part 2: My wishes",
    "If I have an illness from which I am not expected to recover, I want comfort care and do not "
    "want my life prolonged by machines.",
    "I want to be given enough medicine to relieve pain, even if it shortens my life.",
    "I wish to donate any organs or tissues that may help others.",
    "# Part 3: Signatures",
    "Signed by Maria Elena Reyes and two witnesses, in Springfield, Oregon.",
    NULL,
  };

  for (guint i = 0; i < visits && !seeder->failed; i++)
    {
      int days_ago = 7 + (int)((visits - 1 - i) * 91 / seeder->scale);

      if ((visits - 1 - i) % seeder->scale == 0)
        seed_visit_documents (seeder, i, days_ago, visits > 1 ? (double)i / (visits - 1) : 1.0);
    }

  directive = care_seed_dup_base64_pdf ("Advance Directive for Health Care",
                                        "Maria Elena Reyes · Oregon advance directive", directive_date,
                                        directive_lines);
  care_seed_document (seeder, "adult-directive", CARE_SANDBOX_DEMO_ADULT, NULL, "42348-3",
                      "Advance directive", "okafor", "application/pdf", directive, directive_date);

  /* The state's blank form, offered to fill in and sign: not a directive
   * on file, so its category says blank-form and its type is no LOINC. */
  {
    const char *form_lines[] = {
      "# Oregon Advance Directive for Health Care",
      "Part 1. Health care agent. Name: ______________________ Phone: ______________",
      "Alternate agent. Name: ______________________ Phone: ______________",
      "Part 2. My health care instructions. Initial one choice for each situation below.",
      "Close to death: ___ comfort care only ___ tube feeding ___ life support if needed",
      "Permanently unconscious: ___ comfort care only ___ life support for a trial period",
      "Part 3. Signatures. Signed: ______________________ Date: __________",
      "Witness: ______________________ Witness: ______________________",
      NULL,
    };
    g_autofree char *form = care_seed_dup_base64_pdf ("Oregon Advance Directive for Health Care",
                                                      "Blank form to fill in, sign and upload",
                                                      directive_date, form_lines);
    g_autofree char *when = care_seed_time (directive_date, "12:00", 0);

    care_seed_put (seeder, "{\"resourceType\":\"Binary\",\"id\":\"adult-directive-form\","
                   "\"contentType\":\"application/pdf\",\"securityContext\":{\"reference\":\"Patient/%s\"},"
                   "\"data\":\"%s\"}", CARE_SANDBOX_DEMO_ADULT, form);
    care_seed_put (seeder, "{\"resourceType\":\"DocumentReference\",\"id\":\"adult-directive-form\","
                   "\"status\":\"current\",\"type\":{\"text\":\"Oregon advance directive form (blank)\"},"
                   "\"category\":[{\"coding\":[{\"system\":\"https://carebook.org/fhir/CodeSystem/document-purpose\","
                   "\"code\":\"blank-form\",\"display\":\"Blank form\"}]}],"
                   "\"subject\":{\"reference\":\"Patient/%s\"},\"date\":\"%s\","
                   "\"custodian\":{\"reference\":\"Organization/riverside\"},"
                   "\"description\":\"Oregon Advance Directive for Health Care\","
                   "\"content\":[{\"attachment\":{\"contentType\":\"application/pdf\","
                   "\"url\":\"Binary/adult-directive-form\",\"title\":\"oregon-advance-directive.pdf\"}}]}",
                   CARE_SANDBOX_DEMO_ADULT, when);
  }

  eye_note64 = g_base64_encode ((const guchar *)eye_note, strlen (eye_note));
  care_seed_document (seeder, "adult-eye-exam", CARE_SANDBOX_DEMO_ADULT, NULL, "11488-4",
                      "Consult note", "adeyemi", "text/html", eye_note64, eye);
}
