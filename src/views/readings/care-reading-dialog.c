/* care-reading-dialog.c — entering one home reading
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dialog per kind: two numbers for a blood pressure with the arm and
 * position, one number with its unit (the locale's first) for the others,
 * before or after a meal for a glucose, the day and time it was taken and
 * a note. Every change is read with care_reading_parse(), the same rules
 * as the command line and the portal: the message goes under the field
 * it is about (care_a11y_set_error()), and Save is only offered for a
 * reading that can be queued.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "care-a11y.h"
#include "care-reading-dialog.h"
#include "care-time.h"

struct _CareReadingDialog
{
  AdwMessageDialog  parent_instance;

  CareReadingKind   kind;
  CareUnit          units[2];
  guint             n_units;
  AdwEntryRow      *value;
  AdwEntryRow      *value2;
  GtkDropDown      *unit;
  AdwComboRow      *arm;
  AdwComboRow      *position;
  AdwComboRow      *meal;
  AdwComboRow      *day;
  AdwEntryRow      *time;
  AdwEntryRow      *note;
  GtkWidget        *value_error;
  GtkWidget        *value2_error;
  GtkWidget        *time_error;
  char             *device;
  gboolean          built;
};

G_DEFINE_FINAL_TYPE (CareReadingDialog, care_reading_dialog, ADW_TYPE_MESSAGE_DIALOG)

#define N_DAYS 7

static void
care_reading_dialog_finalize (GObject *object)
{
  CareReadingDialog *self = CARE_READING_DIALOG (object);

  g_free (self->device);
  G_OBJECT_CLASS (care_reading_dialog_parent_class)->finalize (object);
}

static void
care_reading_dialog_class_init (CareReadingDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_reading_dialog_finalize;
}

static void
care_reading_dialog_init (CareReadingDialog *self)
{
}

/* "am", "p. m.", the locale's own AM or PM: 0 for the morning, 12 for the
 * afternoon, -1 for anything else. */
static int
meridiem_hours (const char *text)
{
  g_autoptr(GString) letters = g_string_new (NULL);
  g_autoptr(GDateTime) morning = g_date_time_new_utc (2026, 1, 1, 7, 0, 0);
  g_autoptr(GDateTime) evening = g_date_time_new_utc (2026, 1, 1, 19, 0, 0);
  g_autofree char *am = g_date_time_format (morning, "%p");
  g_autofree char *pm = g_date_time_format (evening, "%p");
  g_autofree char *folded = NULL;
  g_autofree char *am_folded = am != NULL ? g_utf8_casefold (am, -1) : NULL;
  g_autofree char *pm_folded = pm != NULL ? g_utf8_casefold (pm, -1) : NULL;

  for (const char *c = text; *c != '\0'; c++)
    if (*c != ' ' && *c != '.')
      g_string_append_c (letters, *c);
  folded = g_utf8_casefold (letters->str, -1);
  if (g_str_equal (folded, "am") || g_str_equal (folded, "a") || g_strcmp0 (folded, am_folded) == 0)
    return 0;
  if (g_str_equal (folded, "pm") || g_str_equal (folded, "p") || g_strcmp0 (folded, pm_folded) == 0)
    return 12;
  return -1;
}

/* "07:30", "19:45", "7:30 PM" or "7:30 p. m." → TRUE with the hour and minute. */
static gboolean
parse_clock (const char *text,
             int        *hour,
             int        *minute)
{
  int used = 0;
  int n = sscanf (text, " %d:%d%n", hour, minute, &used);
  const char *rest;
  int offset;

  if (n != 2 || *minute < 0 || *minute > 59)
    return FALSE;
  rest = text + used;
  while (*rest == ' ')
    rest++;
  if (*rest == '\0')
    return *hour >= 0 && *hour <= 23;
  offset = meridiem_hours (rest);
  if (offset < 0 || *hour < 1 || *hour > 12)
    return FALSE;
  *hour = *hour % 12 + offset;
  return TRUE;
}

static GDateTime *
dup_time (CareReadingDialog  *self,
          GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -(int) adw_combo_row_get_selected (self->day));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time));
  g_autoptr(GDateTime) half_seven = g_date_time_new_local (2026, 1, 1, 7, 30, 0);
  g_autoptr(GDateTime) quarter_to_eight = g_date_time_new_local (2026, 1, 1, 19, 45, 0);
  g_autofree char *morning = care_time_format_clock (half_seven);
  g_autofree char *evening = care_time_format_clock (quarter_to_eight);
  int hour, minute;

  if (!parse_clock (text, &hour, &minute))
    {
      g_set_error (error, CARE_READING_ERROR, CARE_READING_ERROR_TIME,
                   /* Translators: %1$s is what someone typed as the time of a reading; %2$s and
                    * %3$s are times written as the language writes them, "7:30 AM" and "7:45 PM" */
                   _("“%1$s” is not a time: write it as %2$s or %3$s."), text, morning, evening);
      return NULL;
    }
  return g_date_time_new (g_date_time_get_timezone (day), g_date_time_get_year (day),
                          g_date_time_get_month (day), g_date_time_get_day_of_month (day), hour, minute, 0);
}

/**
 * care_reading_dialog_dup_reading:
 * @self: a dialog
 * @error: why what is typed is not a reading (a %CARE_READING_ERROR whose
 *   code names the field)
 *
 * Returns: (transfer full) (nullable): the reading typed so far, checked
 */
CareReading *
care_reading_dialog_dup_reading (CareReadingDialog  *self,
                                 GError            **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(CareReading) reading = NULL;
  g_autofree char *value = NULL;
  const char *unit_text = NULL;
  const char *note;

  g_return_val_if_fail (CARE_IS_READING_DIALOG (self), NULL);

  if (self->kind == CARE_READING_BLOOD_PRESSURE)
    value = g_strdup_printf ("%s/%s", gtk_editable_get_text (GTK_EDITABLE (self->value)),
                             gtk_editable_get_text (GTK_EDITABLE (self->value2)));
  else
    value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value)));
  if (self->kind == CARE_READING_BLOOD_PRESSURE && strchr (gtk_editable_get_text (GTK_EDITABLE (self->value)), '/'))
    {
      g_set_error_literal (error, CARE_READING_ERROR, CARE_READING_ERROR_VALUE,
                           _("Write the top number here and the bottom number below."));
      return NULL;
    }
  if (self->units[0] != CARE_UNIT_OTHER)
    unit_text = care_unit_to_ucum (self->units[self->unit != NULL ? MIN (gtk_drop_down_get_selected (self->unit),
                                                                          self->n_units - 1) : 0]);
  when = dup_time (self, error);
  if (when == NULL)
    return NULL;
  reading = care_reading_parse (self->kind, value, unit_text, NULL, when, error);
  if (reading == NULL)
    return NULL;
  if (self->arm != NULL)
    reading->arm = adw_combo_row_get_selected (self->arm);
  if (self->position != NULL)
    reading->position = adw_combo_row_get_selected (self->position);
  if (self->meal != NULL)
    reading->meal = adw_combo_row_get_selected (self->meal);
  note = gtk_editable_get_text (GTK_EDITABLE (self->note));
  if (note[0] != '\0')
    reading->note = g_strstrip (g_strdup (note));
  reading->device = g_strdup (self->device);
  return g_steal_pointer (&reading);
}

static void
on_changed_cb (CareReadingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) reading = NULL;
  gboolean typed, typed2;
  const char *value_text = NULL, *value2_text = NULL, *time_text = NULL;

  /* The fields fill in as the dialog is built: check once it is. */
  if (!self->built)
    return;
  reading = care_reading_dialog_dup_reading (self, &error);
  typed = gtk_editable_get_text (GTK_EDITABLE (self->value))[0] != '\0';
  typed2 = self->value2 != NULL && gtk_editable_get_text (GTK_EDITABLE (self->value2))[0] != '\0';
  /* An empty field is not an error yet: Save waits for it. */
  if (error != NULL)
    {
      switch (error->code)
        {
        case CARE_READING_ERROR_VALUE2:
          if (typed2)
            value2_text = error->message;
          break;
        case CARE_READING_ERROR_TIME:
          time_text = error->message;
          break;
        case CARE_READING_ERROR_VALUE:
        case CARE_READING_ERROR_UNIT:
        default:
          if (typed && (self->value2 == NULL || typed2 || strchr (error->message, '/') == NULL))
            value_text = error->message;
          break;
        }
    }
  care_a11y_set_error (GTK_WIDGET (self->value), self->value_error, value_text);
  if (self->value2 != NULL)
    care_a11y_set_error (GTK_WIDGET (self->value2), self->value2_error, value2_text);
  care_a11y_set_error (GTK_WIDGET (self->time), self->time_error, time_text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", reading != NULL);
}

static GtkWidget *
new_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

/* One field: a boxed list of @row, and the label for its error under it. */
static void
add_field (GtkBox    *box,
           GtkWidget *row,
           GtkWidget *error)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (box, list);
  if (error != NULL)
    gtk_box_append (box, error);
}

static AdwEntryRow *
new_entry (CareReadingDialog *self,
           const char        *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed_cb), self);
  return row;
}

static AdwComboRow *
new_choice (CareReadingDialog  *self,
            const char         *title,
            const char        **choices)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (gtk_string_list_new (choices)));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  return row;
}

static void
set_number (AdwEntryRow *row,
            double       value)
{
  g_autofree char *text = NULL;

  if (value != value)
    return;
  text = g_strdup_printf ("%g", value);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/**
 * care_reading_dialog_new:
 * @parent: (nullable): the window
 * @kind: what to enter
 * @before: (nullable): a reading to correct: its values fill the fields
 * @locale: (nullable): the measurement locale (the unit offered first)
 *
 * The dialog answers "save" (only offered for a valid reading) or
 * "cancel"; care_reading_dialog_dup_reading() gives the reading.
 *
 * Returns: (transfer full): the dialog
 */
GtkWidget *
care_reading_dialog_new (GtkWindow         *parent,
                         CareReadingKind    kind,
                         const CareReading *before,
                         const char        *locale)
{
  CareReadingDialog *self;
  g_autofree char *heading = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = NULL;
  const CareUnit *units;
  CareUnit first;
  GtkBox *box;

  g_return_val_if_fail (kind < CARE_READING_N_KINDS, NULL);

  heading = g_strdup (care_reading_kind_get_entry_title (kind, before != NULL));
  self = g_object_new (CARE_TYPE_READING_DIALOG, "transient-for", parent, "modal", TRUE,
                       "heading", heading,
                       "body", _("Your care team sees it with the time you took it."), NULL);
  self->kind = kind;
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  units = care_reading_kind_get_units (kind, &self->n_units);
  first = before != NULL ? before->unit : care_reading_kind_get_unit_for_locale (kind, locale);
  self->units[0] = units[0];
  self->units[1] = units[self->n_units - 1];

  self->value = new_entry (self, kind == CARE_READING_BLOOD_PRESSURE ? _("Systolic (top number)")
                                                                   : care_reading_kind_get_title (kind));
  if (self->n_units > 1)
    {
      const char *names[] = { care_reading_kind_get_unit_display (kind, self->units[0]),
                              care_reading_kind_get_unit_display (kind, self->units[1]), NULL };

      self->unit = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (names));
      gtk_widget_set_valign (GTK_WIDGET (self->unit), GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (self->unit, first == self->units[1] ? 1 : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->unit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unit"), -1);
      g_signal_connect_swapped (self->unit, "notify::selected", G_CALLBACK (on_changed_cb), self);
      adw_entry_row_add_suffix (self->value, GTK_WIDGET (self->unit));
    }
  else
    {
      GtkWidget *unit = gtk_label_new (care_reading_kind_get_unit_display (kind, self->units[0]));

      gtk_widget_add_css_class (unit, "dim-label");
      adw_entry_row_add_suffix (self->value, unit);
    }
  self->value_error = new_error_label ();
  add_field (box, GTK_WIDGET (self->value), self->value_error);

  if (kind == CARE_READING_BLOOD_PRESSURE)
    {
      const char *arms[] = { C_("arm", "Not said"), _("Left arm"), _("Right arm"), NULL };
      const char *positions[] = { C_("position", "Not said"), _("Sitting"), _("Standing"), _("Lying down"), NULL };
      GtkWidget *unit = gtk_label_new (care_reading_kind_get_unit_display (kind, CARE_UNIT_MM_HG));

      self->value2 = new_entry (self, _("Diastolic (bottom number)"));
      gtk_widget_add_css_class (unit, "dim-label");
      adw_entry_row_add_suffix (self->value2, unit);
      self->value2_error = new_error_label ();
      add_field (box, GTK_WIDGET (self->value2), self->value2_error);
      self->arm = new_choice (self, _("Arm"), arms);
      add_field (box, GTK_WIDGET (self->arm), NULL);
      self->position = new_choice (self, _("Position"), positions);
      add_field (box, GTK_WIDGET (self->position), NULL);
    }
  if (kind == CARE_READING_GLUCOSE)
    {
      const char *meals[] = { C_("meal", "Not said"), _("Before a meal"), _("After a meal"), NULL };

      self->meal = new_choice (self, _("Meal"), meals);
      add_field (box, GTK_WIDGET (self->meal), NULL);
    }

  {
    const char *days[N_DAYS + 1] = { _("Today"), _("Yesterday"), NULL };
    char *names[N_DAYS] = { NULL };

    /* The days of the last week by name: "Wednesday". */
    for (guint i = 2; i < N_DAYS; i++)
      {
        g_autoptr(GDateTime) day = g_date_time_add_days (now, -(int) i);

        names[i] = g_date_time_format (day, "%A");
        days[i] = names[i];
      }
    self->day = new_choice (self, _("Day"), days);
    add_field (box, GTK_WIDGET (self->day), NULL);
    for (guint i = 0; i < N_DAYS; i++)
      g_free (names[i]);
  }
  /* 12 or 24 hours as the language writes them (care_time_format_clock()). */
  self->time = new_entry (self, _("Time"));
  clock = care_time_format_clock (now);
  gtk_editable_set_text (GTK_EDITABLE (self->time), clock);
  self->time_error = new_error_label ();
  add_field (box, GTK_WIDGET (self->time), self->time_error);
  self->note = new_entry (self, _("Note (optional)"));
  add_field (box, GTK_WIDGET (self->note), NULL);

  if (before != NULL)
    {
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now), 0, 0, 0);
      g_autoptr(GDateTime) local = g_date_time_to_local (before->time);
      GTimeSpan ago = g_date_time_difference (today, local);

      set_number (self->value, before->value);
      if (self->value2 != NULL)
        set_number (self->value2, before->value2);
      if (self->arm != NULL)
        adw_combo_row_set_selected (self->arm, before->arm);
      if (self->position != NULL)
        adw_combo_row_set_selected (self->position, before->position);
      if (self->meal != NULL)
        adw_combo_row_set_selected (self->meal, before->meal);
      adw_combo_row_set_selected (self->day, ago <= 0 ? 0 : MIN (N_DAYS - 1, (guint) (ago / G_TIME_SPAN_DAY) + 1));
      g_free (clock);
      clock = care_time_format_clock (local);
      gtk_editable_set_text (GTK_EDITABLE (self->time), clock);
      if (before->note != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->note), before->note);
      self->device = g_strdup (before->device);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), GTK_WIDGET (box));
  self->built = TRUE;
  on_changed_cb (self);
  return GTK_WIDGET (self);
}

CareReadingKind
care_reading_dialog_get_kind (CareReadingDialog *self)
{
  g_return_val_if_fail (CARE_IS_READING_DIALOG (self), CARE_READING_WEIGHT);
  return self->kind;
}

/**
 * care_reading_dialog_get_entry:
 * @self: a dialog
 * @name: "value", "value2" (a blood pressure's diastolic), "time" or "note"
 *
 * Returns: (transfer none) (nullable): the field
 */
GtkEditable *
care_reading_dialog_get_entry (CareReadingDialog *self,
                               const char        *name)
{
  g_return_val_if_fail (CARE_IS_READING_DIALOG (self), NULL);

  if (g_str_equal (name, "value"))
    return GTK_EDITABLE (self->value);
  if (g_str_equal (name, "value2"))
    return self->value2 != NULL ? GTK_EDITABLE (self->value2) : NULL;
  if (g_str_equal (name, "time"))
    return GTK_EDITABLE (self->time);
  if (g_str_equal (name, "note"))
    return GTK_EDITABLE (self->note);
  return NULL;
}

/**
 * care_reading_dialog_get_error:
 * @self: a dialog
 * @name: "value", "value2" or "time"
 *
 * Returns: (transfer none) (nullable): the label under that field that
 *   says what is wrong with it (hidden when nothing is)
 */
GtkLabel *
care_reading_dialog_get_error (CareReadingDialog *self,
                               const char        *name)
{
  g_return_val_if_fail (CARE_IS_READING_DIALOG (self), NULL);

  if (g_str_equal (name, "value"))
    return GTK_LABEL (self->value_error);
  if (g_str_equal (name, "value2"))
    return self->value2_error != NULL ? GTK_LABEL (self->value2_error) : NULL;
  if (g_str_equal (name, "time"))
    return GTK_LABEL (self->time_error);
  return NULL;
}
