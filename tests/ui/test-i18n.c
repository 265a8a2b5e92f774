/* test-i18n.c — the window in Spanish, and the language preference
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with LANG=C.UTF-8 LANGUAGE=es and the freshly built catalogue.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "care-bill-payment.h"
#include "care-check-in.h"
#include "care-documents-rows.h"
#include "care-fhir.h"
#include "care-language.h"
#include "care-outbox.h"
#include "care-person.h"
#include "care-reading-dialog.h"
#include "care-result-format.h"
#include "care-sections.h"
#include "care-time.h"
#include "care-window.h"

/* Money in Spanish reads as es-US writes it, the same as in English:
 * "$30.00", never "30.00 US$"; on a statement, a payment, a check-in's
 * copay alike. Another currency keeps its code after the number. */
static void
test_money_spanish (void)
{
  g_autofree char *dollars = care_bill_format_money (3000, "USD");
  g_autofree char *unnamed = care_bill_format_money (125050, NULL);
  g_autofree char *euros = care_bill_format_money (3000, "EUR");
  g_autofree char *estimate = care_money_format (12.5, "USD");
  g_autoptr(JsonObject) appointment = care_fhir_parse_resource (
    "{\"resourceType\":\"Appointment\",\"id\":\"a\",\"extension\":[{\"url\":"
    "\"https://carebook.org/fhir/StructureDefinition/echeck-in\",\"extension\":[{\"url\":\"copay-due\","
    "\"valueMoney\":{\"value\":25,\"currency\":\"USD\"}}]}]}", -1, NULL);
  g_autofree char *copay = NULL;

  g_assert_cmpstr (dollars, ==, "$30.00");
  g_assert_cmpstr (unnamed, ==, "$1250.50");
  g_assert_cmpstr (euros, ==, "30.00 EUR");
  g_assert_cmpstr (estimate, ==, "$12.50");
  g_assert_nonnull (appointment);
  copay = care_check_in_dup_copay (appointment);
  g_assert_cmpstr (copay, ==, "$25.00");
}

static void
test_sidebar_spanish (void)
{
  static const char *expected[] = {
    "Inicio", "Resultados de pruebas", "Medicamentos", "Alergias", "Problemas de salud",
    "Vacunas", "Plan de atención", "Tendencias de salud", "Curvas de crecimiento", "Visitas y documentos",
    "Mensajes", "Citas", "Facturación y seguro", "Compartir y acceso", "Cuestionarios", "Seguir mi salud",
    "Planificación del final de la vida", "Bandeja de salida",
  };
  g_autoptr(CareContext) context = care_context_new (TRUE);
  CareWindow *window = g_object_ref_sink (care_window_new (NULL, context));

  g_assert_cmpuint (care_sections_get_n_items (), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (care_window_get_sidebar_label (window, i), ==, expected[i]);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* Spanish writes the kind in lower case inside a heading, and the time of
 * a reading in 24 hours. */
static void
test_reading_dialog_spanish (void)
{
  GtkWidget *dialog = care_reading_dialog_new (NULL, CARE_READING_BLOOD_PRESSURE, NULL, care_reading_locale_current ());
  g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 11, 24, 19, 45, 0);
  g_autofree char *clock = care_time_format_clock (evening);

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Anotar presión arterial");
  g_assert_cmpstr (care_reading_kind_get_entry_title (CARE_READING_WEIGHT, TRUE), ==, "Corregir peso");
  g_assert_cmpstr (clock, ==, "19:45");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_core_strings_spanish (void)
{
  g_autoptr(CarePerson) child = care_person_new ("Patient/child", "Leo", "2018-04-10",
                                                 CARE_RELATIONSHIP_CHILD);
  g_autofree char *summary = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 24, 11, 2026);
  summary = care_person_dup_summary (child, &day);

  /* Core's strings use the same catalogue, plurals included. */
  g_assert_cmpstr (summary, ==, "8 años · Su hijo o hija · Acceso completo");

  /* When the record says, a son or a daughter. */
  care_person_set_gender (child, "male");
  g_assert_cmpstr (care_person_get_relationship_text (child), ==, "Su hijo");
  care_person_set_gender (child, "female");
  g_assert_cmpstr (care_person_get_relationship_text (child), ==, "Su hija");
}

/* Dates name months and weekdays in the window's language, not in the C
 * library's LC_TIME (C.UTF-8 here, which gives English names). */
static void
test_dates_spanish (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 26, 9, 5, 0);
  g_autofree char *day = care_time_format (date, C_("date format", "%b %-d, %Y"));
  g_autofree char *month = care_time_format (date, C_("date format", "%B %Y"));
  g_autofree char *heading = care_time_format (date, "%A, %-d de %B, %H:%M %% %h");

  g_assert_cmpstr (day, ==, "26 nov 2026");
  g_assert_cmpstr (month, ==, "noviembre de 2026");
  g_assert_cmpstr (heading, ==, "Jueves, 26 de noviembre, 09:05 % nov");

  /* The one day and time format (care-time.c): 24 hours, the same
   * joiner everywhere, never "en" between a day and a time. */
  {
    g_autoptr(GDateTime) afternoon = g_date_time_new_utc (2026, 11, 26, 14, 30, 0);
    g_autofree char *both = care_time_format_day_time (afternoon);
    g_autofree char *collected = care_result_format_date_time (afternoon);
    g_autofree char *fhir_day = care_time_format_fhir_day ("2021-11-02");

    g_assert_cmpstr (both, ==, "26 nov 2026, 14:30");
    g_assert_cmpstr (collected, ==, "26 de noviembre de 2026, 14:30");
    g_assert_cmpstr (fhir_day, ==, "2 nov 2021");
  }
}

/* A conflict's fields in Spanish words, not FHIR's names. */
static void
test_conflict_lines_spanish (void)
{
  g_auto(GStrv) lines = care_outbox_dup_conflict_lines (
    "{\"resourceType\":\"AllergyIntolerance\",\"reaction\":[{\"severity\":\"severe\"}]}",
    "{\"resourceType\":\"AllergyIntolerance\",\"reaction\":[{\"severity\":\"mild\"}]}");

  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_cmpstr (lines[0], ==, "Qué tan grave fue: el suyo «severe», en su portal «mild»");
}

static void
test_language_preference (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "language", "en");
  care_language_setup ();
  g_assert_cmpstr (care_language_get_running (), ==, "en");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpstr (_("Home"), ==, "Home");

  g_settings_set_string (settings, "language", "es");
  care_language_setup ();
  g_assert_cmpstr (care_language_get_running (), ==, "es");
  g_assert_cmpstr (_("Home"), ==, "Inicio");
}

/* An eye prescription's title is all in the window's language when the
 * portal codes the kind of lenses; words of its own are quoted. */
static void
test_vision_title_spanish (void)
{
  static const char coded[] =
    "{\"resourceType\":\"VisionPrescription\",\"lensSpecification\":[{\"product\":{\"coding\":["
    "{\"system\":\"http://terminology.hl7.org/CodeSystem/ex-visionprescriptionproduct\",\"code\":\"lens\"}],"
    "\"text\":\"Glasses\"}}]}";
  static const char contact[] =
    "{\"resourceType\":\"VisionPrescription\",\"lensSpecification\":[{\"product\":{\"coding\":["
    "{\"system\":\"http://terminology.hl7.org/CodeSystem/ex-visionprescriptionproduct\",\"code\":\"contact\"}]}}]}";
  static const char words[] =
    "{\"resourceType\":\"VisionPrescription\",\"lensSpecification\":[{\"product\":{\"text\":\"Lentes progresivos\"}}]}";
  g_autoptr(JsonObject) glasses = care_fhir_parse_resource (coded, -1, NULL);
  g_autoptr(JsonObject) lenses = care_fhir_parse_resource (contact, -1, NULL);
  g_autoptr(JsonObject) own = care_fhir_parse_resource (words, -1, NULL);
  g_autofree char *glasses_title = care_documents_vision_dup_title (glasses);
  g_autofree char *lenses_title = care_documents_vision_dup_title (lenses);
  g_autofree char *own_title = care_documents_vision_dup_title (own);

  g_assert_cmpstr (glasses_title, ==, "Receta de anteojos");
  g_assert_cmpstr (lenses_title, ==, "Receta de lentes de contacto");
  g_assert_cmpstr (own_title, ==, "Receta: Lentes progresivos");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/i18n/sidebar-spanish", test_sidebar_spanish);
  g_test_add_func ("/care/ui/i18n/core-strings-spanish", test_core_strings_spanish);
  g_test_add_func ("/care/ui/i18n/reading-dialog-spanish", test_reading_dialog_spanish);
  g_test_add_func ("/care/ui/i18n/dates-spanish", test_dates_spanish);
  g_test_add_func ("/care/ui/i18n/conflict-lines-spanish", test_conflict_lines_spanish);
  g_test_add_func ("/care/ui/i18n/language-preference", test_language_preference);
  g_test_add_func ("/care/ui/i18n/vision-title-spanish", test_vision_title_spanish);
  g_test_add_func ("/care/ui/i18n/money-spanish", test_money_spanish);

  return g_test_run ();
}
