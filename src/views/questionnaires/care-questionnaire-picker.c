/* care-questionnaire-picker.c — date, dateTime and time answers picked, not typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A date, dateTime or time item shows its answer as the language writes
 * it ("Dec 1, 2026", "7:30 PM" or "19:30") in a field that is not typed
 * in, and a button beside it opens a popover: a calendar for the day,
 * and an hour and a minute (with AM or PM where the language counts 12
 * hours: care_time_format_clock()) for the time. Each change gives the
 * renderer the answer as FHIR writes it ("2026-12-01", "19:30:00",
 * "2026-12-01T19:30:00-08:00").
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "care-questionnaire-picker.h"
#include "care-time.h"

typedef struct
{
  CareQuestionnaireType    type;
  GtkWidget               *entry;      /* weak: the picker lives as long */
  GtkCalendar             *calendar;
  GtkSpinButton           *hour;
  GtkSpinButton           *minute;
  GtkDropDown             *meridiem;   /* AM/PM, or NULL in 24 hours */
  CareQuestionnairePicked  picked;
  gpointer                 user_data;
  gboolean                 updating;
} Picker;

/**
 * care_questionnaire_picker_is_12_hour:
 *
 * Returns: whether the language writes times in 12 hours ("7:30 PM")
 */
gboolean
care_questionnaire_picker_is_12_hour (void)
{
  g_autoptr(GDateTime) afternoon = g_date_time_new_local (2026, 1, 1, 13, 0, 0);
  g_autofree char *clock = care_time_format_clock (afternoon);

  return strstr (clock, "13") == NULL;
}

static GDateTime *
dup_chosen (Picker *picker)
{
  g_autoptr(GDateTime) day = picker->calendar != NULL ? gtk_calendar_get_date (picker->calendar)
                                                      : g_date_time_new_now_local ();
  int hour = picker->hour != NULL ? gtk_spin_button_get_value_as_int (picker->hour) : 0;
  int minute = picker->minute != NULL ? gtk_spin_button_get_value_as_int (picker->minute) : 0;

  if (picker->meridiem != NULL)
    hour = hour % 12 + (gtk_drop_down_get_selected (picker->meridiem) == 1 ? 12 : 0);
  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
}

static char *
dup_display (CareQuestionnaireType  type,
             GDateTime             *when)
{
  if (type == CARE_QUESTIONNAIRE_DATE)
    return care_time_format_day (when);
  if (type == CARE_QUESTIONNAIRE_TIME)
    return care_time_format_clock (when);
  return care_time_format_day_time (when);
}

static char *
dup_fhir (CareQuestionnaireType  type,
          GDateTime             *when)
{
  if (type == CARE_QUESTIONNAIRE_DATE)
    return g_date_time_format (when, "%Y-%m-%d");
  if (type == CARE_QUESTIONNAIRE_TIME)
    return g_date_time_format (when, "%H:%M:00");
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:00%:z");
}

/* Shows @when in the pickers and the field, without telling anyone. */
static void
show (Picker    *picker,
      GDateTime *when)
{
  g_autofree char *display = when != NULL ? dup_display (picker->type, when) : NULL;

  picker->updating = TRUE;
  if (when != NULL && picker->calendar != NULL)
    gtk_calendar_select_day (picker->calendar, when);
  if (when != NULL && picker->hour != NULL)
    {
      int hour = g_date_time_get_hour (when);

      if (picker->meridiem != NULL)
        {
          gtk_drop_down_set_selected (picker->meridiem, hour >= 12 ? 1 : 0);
          hour = hour % 12 == 0 ? 12 : hour % 12;
        }
      gtk_spin_button_set_value (picker->hour, hour);
      gtk_spin_button_set_value (picker->minute, g_date_time_get_minute (when));
    }
  gtk_editable_set_text (GTK_EDITABLE (picker->entry), display != NULL ? display : "");
  picker->updating = FALSE;
}

static void
changed_cb (Picker *picker)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *fhir = NULL;

  if (picker->updating)
    return;
  when = dup_chosen (picker);
  fhir = dup_fhir (picker->type, when);
  show (picker, when);
  picker->picked (fhir, picker->user_data);
}

static GtkWidget *
new_spin (Picker     *picker,
          int         low,
          int         high,
          const char *label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (low, high, 1);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (changed_cb), picker);
  return spin;
}

/* Two digits for the minutes, as a clock shows them. */
static gboolean
minute_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/**
 * care_questionnaire_picker_new:
 * @type: %CARE_QUESTIONNAIRE_DATE, %CARE_QUESTIONNAIRE_DATE_TIME or
 *   %CARE_QUESTIONNAIRE_TIME
 * @entry: the field that shows the answer; it is made read-only
 * @picked: called with the answer as FHIR writes it, at each change
 * @user_data: for @picked
 *
 * Returns: (transfer floating): the field with its button, to put in the form
 */
GtkWidget *
care_questionnaire_picker_new (CareQuestionnaireType    type,
                               GtkWidget               *entry,
                               CareQuestionnairePicked  picked,
                               gpointer                 user_data)
{
  Picker *picker = g_new0 (Picker, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  const char *label = type == CARE_QUESTIONNAIRE_TIME ? _("Choose a Time")
                      : type == CARE_QUESTIONNAIRE_DATE ? _("Choose a Date") : _("Choose a Date and Time");

  picker->type = type;
  picker->entry = entry;
  picker->picked = picked;
  picker->user_data = user_data;
  g_object_set_data_full (G_OBJECT (entry), "care-picker", picker, g_free);

  gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);

  if (type != CARE_QUESTIONNAIRE_TIME)
    {
      picker->calendar = GTK_CALENDAR (gtk_calendar_new ());
      g_signal_connect_swapped (picker->calendar, "day-selected", G_CALLBACK (changed_cb), picker);
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (picker->calendar));
    }
  if (type != CARE_QUESTIONNAIRE_DATE)
    {
      GtkWidget *clock = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gboolean twelve = care_questionnaire_picker_is_12_hour ();

      gtk_widget_set_halign (clock, GTK_ALIGN_CENTER);
      picker->hour = GTK_SPIN_BUTTON (new_spin (picker, twelve ? 1 : 0, twelve ? 12 : 23, _("Hour")));
      picker->minute = GTK_SPIN_BUTTON (new_spin (picker, 0, 59, _("Minute")));
      g_signal_connect (picker->minute, "output", G_CALLBACK (minute_output_cb), NULL);
      gtk_box_append (GTK_BOX (clock), GTK_WIDGET (picker->hour));
      gtk_box_append (GTK_BOX (clock), gtk_label_new (":"));
      gtk_box_append (GTK_BOX (clock), GTK_WIDGET (picker->minute));
      if (twelve)
        {
          g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 1, 1, 7, 0, 0);
          g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 1, 1, 19, 0, 0);
          g_autofree char *am = g_date_time_format (morning, "%p");
          g_autofree char *pm = g_date_time_format (evening, "%p");
          const char *names[] = { am, pm, NULL };

          picker->meridiem = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (names));
          gtk_widget_set_valign (GTK_WIDGET (picker->meridiem), GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (picker->meridiem), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Morning or Afternoon"), -1);
          g_signal_connect_swapped (picker->meridiem, "notify::selected", G_CALLBACK (changed_cb), picker);
          gtk_box_append (GTK_BOX (clock), GTK_WIDGET (picker->meridiem));
        }
      gtk_box_append (GTK_BOX (content), clock);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), type == CARE_QUESTIONNAIRE_TIME
                                                            ? "preferences-system-time-symbolic"
                                                            : "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), button);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  return box;
}

/* A FHIR date, time or dateTime as a local time to show. */
static GDateTime *
parse_fhir (CareQuestionnaireType  type,
            const char            *text)
{
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (text == NULL || text[0] == '\0')
    return NULL;
  if (type == CARE_QUESTIONNAIRE_DATE && sscanf (text, "%d-%d-%d", &year, &month, &day) == 3)
    return g_date_time_new_local (year, month, day, 0, 0, 0);
  if (type == CARE_QUESTIONNAIRE_TIME && sscanf (text, "%d:%d", &hour, &minute) == 2)
    return g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                  g_date_time_get_day_of_month (now), hour, minute, 0);
  if (type == CARE_QUESTIONNAIRE_DATE_TIME)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (text, NULL);

      return utc != NULL ? g_date_time_to_local (utc) : NULL;
    }
  return NULL;
}

/**
 * care_questionnaire_picker_set_value:
 * @entry: a field given to care_questionnaire_picker_new()
 * @fhir_text: (nullable): the answer as FHIR writes it, or %NULL for none
 *
 * Shows an answer (a draft's, an initial value) without picking it again.
 */
void
care_questionnaire_picker_set_value (GtkWidget  *entry,
                                     const char *fhir_text)
{
  Picker *picker = g_object_get_data (G_OBJECT (entry), "care-picker");
  g_autoptr(GDateTime) when = NULL;

  g_return_if_fail (picker != NULL);

  when = parse_fhir (picker->type, fhir_text);
  show (picker, when);
  /* What the portal wrote in a way this cannot read still shows. */
  if (when == NULL && fhir_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), fhir_text);
}

/**
 * care_questionnaire_picker_pick:
 * @entry: a field given to care_questionnaire_picker_new()
 * @when: the day and time to pick
 *
 * Picks @when as the person would in the popover, for tests.
 *
 * Returns: %TRUE if @entry has a picker
 */
gboolean
care_questionnaire_picker_pick (GtkWidget *entry,
                                GDateTime *when)
{
  Picker *picker = g_object_get_data (G_OBJECT (entry), "care-picker");

  if (picker == NULL)
    return FALSE;
  show (picker, when);
  changed_cb (picker);
  return TRUE;
}
