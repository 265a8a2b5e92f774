/* care-home-appointments.c — Home's next appointment, upcoming tests and questionnaires due
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The next booked visit, at the clinic's time, with "Join Video Visit"
 * beside it from 30 minutes before a video visit until its end (the same
 * window and https check as on Appointments: care_appointment_can_join());
 * and the tests ordered and not done yet, soonest due first. Each row
 * leads to Appointments. The questionnaires the clinic asked for and not
 * yet sent, soonest due first, each opening itself in Questionnaires
 * (app.open-item "person|Questionnaire/<assignment id>").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-appointment.h"
#include "care-cache-query.h"
#include "care-fhir.h"
#include "care-home-appointments.h"
#include "care-questionnaire-assignments.h"
#include "care-resource-item.h"
#include "care-time.h"
#include "care-upcoming-tests.h"

#define MAX_TESTS 3

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *icon_name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), care_a11y_decoration_new (icon_name));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "appointments");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("go-next-symbolic"));
  gtk_list_box_append (list, row);
  return row;
}

static void
join_clicked_cb (GtkButton  *button,
                 const char *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  /* Only https addresses get here (care_appointment_dup_join_url()). */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
add_join_button (GtkWidget  *row,
                 JsonObject *appointment)
{
  g_autofree char *url = care_appointment_dup_join_url (appointment);
  /* One short word, as on Appointments: a narrow window keeps the text. */
  GtkWidget *button = gtk_button_new_with_mnemonic (C_("video visit", "_Join"));

  gtk_widget_set_tooltip_text (button, _("Join Video Visit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Join Video Visit"), -1);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, "join-video-visit");
  g_signal_connect_data (button, "clicked", G_CALLBACK (join_clicked_cb), g_steal_pointer (&url),
                         (GClosureNotify)(void (*) (void))g_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

/**
 * care_home_fill_appointment:
 * @list: Home's "Next Appointment" list
 * @cache: the person's cache
 * @today_start: the start of today
 * @now: the time, for the video visit's join window
 *
 * Shows the next booked visit (a video visit that can be joined now comes
 * first, with its button).
 *
 * Returns: the seconds until "Join" comes or goes for one of the visits,
 *   -1 when it will not
 */
gint64
care_home_fill_appointment (GtkListBox *list,
                            CareCache  *cache,
                            GDateTime  *today_start,
                            GDateTime  *now)
{
  g_autoptr(CareCacheQuery) q = care_cache_query_new ("Appointment");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(CareResourceItem) item = NULL;
  g_autoptr(JsonObject) joinable = NULL;
  g_autofree char *when = NULL;
  GtkWidget *row;
  gint64 changes = -1;

  clear_list (list);
  care_cache_query_set_range (q, today_start, NULL);
  care_cache_query_set_sort (q, CARE_CACHE_SORT_OLDEST);
  model = care_cache_query (cache, q, NULL);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CareResourceItem) candidate = g_list_model_get_item (model, i);
      const char *status = care_resource_item_get_status (candidate);

      if (g_strcmp0 (status, "booked") != 0 && g_strcmp0 (status, "checked-in") != 0)
        continue;
      if (item == NULL)
        item = g_object_ref (candidate);
      {
        g_autoptr(JsonObject) appointment = care_resource_item_dup_resource (candidate, NULL);
        gint64 in = appointment != NULL ? care_appointment_join_changes_in (appointment, now) : -1;

        if (in >= 0 && (changes < 0 || in < changes))
          changes = in;
        if (joinable == NULL && appointment != NULL && care_appointment_can_join (appointment, now))
          {
            joinable = g_steal_pointer (&appointment);
            g_set_object (&item, candidate);
          }
      }
    }

  if (item == NULL)
    {
      add_row (list, "x-office-calendar-symbolic", _("No upcoming appointments"), NULL);
      return changes;
    }
  if (care_resource_item_get_effective_date (item) != NULL)
    /* In the clinic's zone, as the appointment was written. Translators:
     * an appointment's time, g_date_time_format(): "Tuesday, March 5, 10:30" */
    when = care_time_format_fhir (care_resource_item_get_effective_text (item), _("%A, %B %-d, %H:%M"));
  row = add_row (list, "x-office-calendar-symbolic",
                 care_resource_item_get_display_name (item) != NULL
                   ? care_resource_item_get_display_name (item) : _("Appointment"),
                 when);
  if (joinable != NULL)
    add_join_button (row, joinable);
  return changes;
}

/**
 * care_home_fill_tests:
 * @list: Home's "Upcoming Tests" list
 * @cache: the person's cache
 *
 * Returns: how many tests are shown
 */
guint
care_home_fill_tests (GtkListBox *list,
                      CareCache  *cache)
{
  g_autoptr(GPtrArray) tests = care_upcoming_tests_list (cache, NULL);
  guint n = 0;

  clear_list (list);
  for (guint i = 0; tests != NULL && i < tests->len && n < MAX_TESTS; i++)
    {
      const CareUpcomingTest *test = g_ptr_array_index (tests, i);
      g_autofree char *due = test->due != NULL ? care_time_format_fhir_day (test->due) : NULL;
      /* Translators: an upcoming test; %1$s is "Lab test" or "Imaging", %2$s a day */
      g_autofree char *subtitle = due != NULL ? g_strdup_printf (_("%1$s · Due by %2$s"),
                                                                 care_upcoming_test_kind (test), due)
                                              : g_strdup (care_upcoming_test_kind (test));

      add_row (list, test->imaging ? "camera-photo-symbolic" : "care-results-symbolic", test->name, subtitle);
      n++;
    }
  return n;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const CareQuestionnaireAssignment *x = *(CareQuestionnaireAssignment **)a;
  const CareQuestionnaireAssignment *y = *(CareQuestionnaireAssignment **)b;

  /* Soonest due first; those without a due date last. */
  if ((x->due == NULL) != (y->due == NULL))
    return x->due == NULL ? 1 : -1;
  return g_strcmp0 (x->due, y->due);
}

/**
 * care_home_fill_questionnaires:
 * @list: Home's "Questionnaires Due" list
 * @cache: the person's cache
 * @person_id: whose record, for the rows' app.open-item
 * @today: the day it is: one past its due date is marked overdue
 *
 * Returns: how many questionnaires are shown: those not yet answered
 *   (due, started, or refused and to be answered again)
 */
guint
care_home_fill_questionnaires (GtkListBox  *list,
                               CareCache   *cache,
                               const char  *person_id,
                               const GDate *today)
{
  g_autoptr(GPtrArray) assignments = care_questionnaire_list_assignments (cache, NULL);
  g_autoptr(GPtrArray) due = g_ptr_array_new ();
  guint n = 0;

  clear_list (list);
  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      CareQuestionnaireAssignment *assignment = g_ptr_array_index (assignments, i);

      if (assignment->state == CARE_ASSIGNMENT_DUE || assignment->state == CARE_ASSIGNMENT_STARTED ||
          assignment->state == CARE_ASSIGNMENT_REFUSED)
        g_ptr_array_add (due, assignment);
    }
  g_ptr_array_sort (due, compare_due);
  for (guint i = 0; i < due->len && n < MAX_TESTS; i++)
    {
      CareQuestionnaireAssignment *assignment = g_ptr_array_index (due, i);
      g_autofree char *day = assignment->due != NULL ? care_time_format_fhir_day (assignment->due) : NULL;
      g_autofree char *target = g_strdup_printf ("%s|Questionnaire/%s", person_id, assignment->id);
      g_autofree char *subtitle = NULL;
      gboolean overdue = day != NULL && care_questionnaire_assignment_is_overdue (assignment, today);
      GtkWidget *row;

      if (overdue)
        /* Translators: %s is a date */
        subtitle = g_strdup_printf (_("Overdue since %s"), day);
      else if (day != NULL)
        /* Translators: when a questionnaire is due, "Due Dec 1, 2026" */
        subtitle = g_strdup_printf (_("Due %s"), day);
      if (assignment->state == CARE_ASSIGNMENT_STARTED || assignment->state == CARE_ASSIGNMENT_REFUSED)
        {
          const char *state = assignment->state == CARE_ASSIGNMENT_STARTED ? _("Started") : _("Not accepted");
          char *both = subtitle != NULL ? g_strdup_printf ("%s · %s", subtitle, state) : g_strdup (state);

          g_free (subtitle);
          subtitle = both;
        }
      row = add_row (list, "x-office-document-symbolic", assignment->title, subtitle);
      if (overdue)
        gtk_widget_add_css_class (row, "care-overdue");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-item");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);
      n++;
    }
  return n;
}
