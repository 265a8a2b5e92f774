/* care-schedule-dialog.c — booking a visit, step by step
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Schedule an Appointment": what for (the portal's visit types, with
 * "Not sure? Send a message"), with whom (any clinician, or one of those
 * with open times), when (open times by day in the clinic's time zone,
 * next available first), then a review page with the reason for the visit
 * and the clinic's instructions. Each step is a page of an AdwLeaflet, so
 * a narrow window shows one at a time with a back button. The search is
 * live and online-only; "Book" holds the time, then books it; a time
 * taken meanwhile says so in the clinic's words and shows the nearest
 * others. With @replacing it reschedules: the old visit is kept until the
 * new one is booked (one $book, all or nothing).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-schedule-dialog-private.h"

#include "care-a11y.h"
#include "care-appointment.h"
#include "care-cache-query.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-resource-item.h"
#include "care-scheduling.h"

#include <stdio.h>

G_DEFINE_FINAL_TYPE (CareScheduleDialog, care_schedule_dialog, ADW_TYPE_WINDOW)

static void find_times (CareScheduleDialog *self);
static void search_again (CareScheduleDialog *self);
static void load_types (CareScheduleDialog *self);

void
care_schedule_dialog_set_message (CareScheduleDialog *self,
                                  const char         *text)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_text (GTK_LABEL (self->status), text != NULL ? text : "");
  gtk_widget_set_visible (self->status, text != NULL);
}

/* A failure in words under the steps; offline, a page of its own: open
 * times are only true now, so nothing is shown from before. */
static void
show_error (CareScheduleDialog *self,
            const GError       *error)
{
  if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
    {
      care_schedule_dialog_set_message (self, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "offline");
      return;
    }
  care_schedule_dialog_set_message (self, error->message);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CareScheduleDialog *self = CARE_SCHEDULE_DIALOG (widget);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "steps");
  if (self->types == NULL)
    load_types (self);
  else if (self->type != NULL)
    find_times (self);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
new_page (CareScheduleDialog *self,
          const char         *name,
          const char         *title,
          GtkWidget         **out_content)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *heading = adw_window_title_new (title, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), heading);
  if (!g_str_equal (name, "type"))
    {
      GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

      gtk_widget_set_tooltip_text (back, _("Back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "schedule.back");
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
    }
  gtk_box_append (GTK_BOX (page), header);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (page), scrolled);
  gtk_widget_set_size_request (page, 360, -1);
  gtk_widget_set_hexpand (page, TRUE);
  adw_leaflet_page_set_name (adw_leaflet_append (self->leaflet, page), name);
  *out_content = content;
  return page;
}

static GtkWidget *
new_list (const char *label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

char *
care_schedule_dialog_dup_time (JsonObject *proposal,
                               const char *format)
{
  g_autoptr(GDateTime) start = care_appointment_dup_start (proposal);

  /* The clinic's wall-clock time, as the portal gives it with its offset. */
  return start != NULL ? g_date_time_format (start, format) : g_strdup ("");
}

static void
show_review (CareScheduleDialog *self)
{
  g_autofree char *when = care_schedule_dialog_dup_time (self->chosen, _("%A, %B %-d, %Y, %H:%M"));
  g_autofree char *who = care_appointment_dup_actor (self->chosen, "Practitioner", NULL);
  g_autofree char *where = care_appointment_dup_actor (self->chosen, "Location", NULL);
  const char *instructions = json_object_get_string_member_with_default (self->chosen, "patientInstruction", NULL);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row;

  clear_box (self->review_box);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), self->type->name);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("When"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("With"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), who != NULL ? who : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Where"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->type->video ? _("Video visit, from home")
                                                                        : where != NULL ? where : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  self->reason = care_a11y_entry_row_new (_("Reason for visit"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->reason);
  gtk_box_append (GTK_BOX (self->review_box), group);
  if (instructions != NULL)
    {
      GtkWidget *label = gtk_label_new (instructions);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->review_box), label);
    }
  self->book_button = gtk_button_new_with_mnemonic (self->replacing != NULL ? _("_Move My Appointment")
                                                                           : _("_Book Appointment"));
  gtk_widget_add_css_class (self->book_button, "suggested-action");
  gtk_widget_add_css_class (self->book_button, "pill");
  gtk_widget_set_halign (self->book_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->book_button), "schedule.book");
  gtk_box_append (GTK_BOX (self->review_box), self->book_button);
  adw_leaflet_set_visible_child_name (self->leaflet, "review");
}

static void
time_clicked_cb (GtkButton          *button,
                 CareScheduleDialog *self)
{
  care_schedule_dialog_choose_time (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

/* "Next available" first: the soonest time, one press from the review. */
static void
add_next_available (CareScheduleDialog *self,
                    guint               index,
                    const char         *day,
                    const char         *clock,
                    const char         *who)
{
  /* Translators: the soonest open time; %1$s a day, %2$s a time, %3$s a clinician */
  g_autofree char *text = g_strdup_printf (_("Next available: %1$s, %2$s, %3$s"), day, clock, who != NULL ? who : "");
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (time_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->time_box), button);
}

static void
fill_times (CareScheduleDialog *self)
{
  g_autofree char *last_day = NULL;
  GtkWidget *flow = NULL;
  guint shown = 0;
  int last_week = -1;

  clear_box (self->time_box);
  for (guint i = 0; i < self->proposals->len && shown < 60; i++)
    {
      JsonObject *proposal = g_ptr_array_index (self->proposals, i);
      g_autofree char *day = care_schedule_dialog_dup_time (proposal, _("%A, %B %-d"));
      g_autofree char *clock = care_schedule_dialog_dup_time (proposal, "%H:%M");
      g_autofree char *who = care_appointment_dup_actor (proposal, "Practitioner", NULL);
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (self->practitioner != NULL)
        {
          g_autofree char *reference = NULL;
          g_autofree char *name = care_appointment_dup_actor (proposal, "Practitioner", &reference);

          if (g_strcmp0 (reference, self->practitioner) != 0)
            continue;
        }
      if (shown == 0)
        add_next_available (self, i, day, clock, who);
      {
        g_autoptr(GDateTime) start = care_appointment_dup_start (proposal);
        int week = start != NULL ? g_date_time_get_year (start) * 100 + g_date_time_get_week_of_year (start) : -1;

        /* The open times a week at a time, in the clinic's days. */
        if (start != NULL && week != last_week)
          {
            g_autoptr(GDateTime) monday = g_date_time_add_days (start, 1 - g_date_time_get_day_of_week (start));
            /* Translators: a heading over a week of open times, g_date_time_format(): "Week of November 23" */
            g_autofree char *text = g_date_time_format (monday, _("Week of %B %-d"));
            /* The role is construct-only in GTK 4.8: a heading from the start. */
            GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", text,
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

            gtk_label_set_xalign (GTK_LABEL (heading), 0);
            gtk_widget_add_css_class (heading, "title-4");
            gtk_widget_set_margin_top (heading, 12);
            gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
            gtk_box_append (GTK_BOX (self->time_box), heading);
            last_week = week;
          }
      }
      if (g_strcmp0 (day, last_day) != 0)
        {
          GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", day,
                                             "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
          gtk_box_append (GTK_BOX (self->time_box), heading);
          flow = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), self->practitioner == NULL ? 4 : 6);
          gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), self->practitioner == NULL ? 1 : 3);
          gtk_box_append (GTK_BOX (self->time_box), flow);
          g_free (last_day);
          last_day = g_strdup (day);
        }
      if (self->practitioner == NULL && who != NULL)
        {
          /* Any clinician: each time says with whom. */
          g_autofree char *both = g_strdup_printf ("%s\n%s", clock, who);

          button = gtk_button_new_with_label (both);
          gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
        }
      else
        button = gtk_button_new_with_label (clock);
      /* Translators: an open time's spoken name: %1$s the day, %2$s the time, %3$s the clinician */
      label = g_strdup_printf (_("%1$s at %2$s with %3$s"), day, clock, who != NULL ? who : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (button, who);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (time_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      /* The button is the one stop for Tab: the flow box's own child
       * around it would be a second, nameless one ("GtkFlowBoxChild"). */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Open Times"));
      adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                       _("There are no open times in the next two weeks. Call the clinic, or "
                                         "try another clinician."));
      gtk_box_append (GTK_BOX (self->time_box), none);
    }
}

static void
who_activated_cb (GtkListBox         *list,
                  GtkListBoxRow      *row,
                  CareScheduleDialog *self)
{
  g_clear_pointer (&self->practitioner, g_free);
  self->practitioner = g_strdup (g_object_get_data (G_OBJECT (row), "reference"));
  fill_times (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "when");
}


static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CareScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = care_scheduling_find_finish (CARE_OUTBOX (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (found == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  self->proposals = found;
  care_schedule_dialog_fill_who (self);
  fill_times (self);
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "type") == 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "who");
}

static void
find_times (CareScheduleDialog *self)
{
  care_schedule_dialog_set_message (self, NULL);
  search_again (self);
}

/* The open times anew, keeping what the message says (a time taken
 * meanwhile: the nearest others come with the clinic's words). */
static void
search_again (CareScheduleDialog *self)
{
  care_scheduling_find_async (self->outbox, self->type->code, NULL, NULL, NULL, NULL, self->cancellable,
                              found_cb, g_object_ref (self));
}

static void
type_activated_cb (GtkListBox         *list,
                   GtkListBoxRow      *row,
                   CareScheduleDialog *self)
{
  care_schedule_dialog_choose_type (self, g_object_get_data (G_OBJECT (row), "code"));
}

/* The person's age in years, from the offline copy; -1 when unknown. */
static int
dup_age (CareScheduleDialog *self)
{
  g_autoptr(CareCacheQuery) query = NULL;
  g_autoptr(GListModel) patients = NULL;
  g_autoptr(CareResourceItem) item = NULL;
  g_autoptr(JsonObject) patient = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *born;
  int year, month, day;
  int age;

  if (self->cache == NULL)
    return -1;
  query = care_cache_query_new ("Patient");
  patients = care_cache_query (self->cache, query, NULL);
  if (patients == NULL || g_list_model_get_n_items (patients) == 0)
    return -1;
  item = g_list_model_get_item (patients, 0);
  patient = care_resource_item_dup_resource (item, NULL);
  born = care_fhir_get_string (patient, "birthDate");
  if (born == NULL || sscanf (born, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return -1;
  age = g_date_time_get_year (now) - year;
  if (g_date_time_get_month (now) < month ||
      (g_date_time_get_month (now) == month && g_date_time_get_day_of_month (now) < day))
    age--;
  return age;
}

static void
types_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CareScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *types = care_scheduling_visit_types_finish (CARE_OUTBOX (source), result, &error);
  int age;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (types == NULL)
    {
      show_error (self, error);
      return;
    }
  self->types = types;
  age = dup_age (self);
  for (guint i = 0; i < types->len; i++)
    {
      const CareVisitType *type = g_ptr_array_index (types, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a visit type's length */
      g_autofree char *length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                                              type->minutes), type->minutes);

      /* What is for another age (a teen's confidential visit) is not offered. */
      if (!care_visit_type_fits_age (type, age))
        continue;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), type->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), length);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "code", g_strdup (type->code), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->type_list), row);
    }
  if (self->replacing != NULL && care_appointment_get_visit_code (self->replacing) != NULL)
    care_schedule_dialog_choose_type (self, care_appointment_get_visit_code (self->replacing));
}

static void
booked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CareScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *booked = care_scheduling_book_finish (CARE_OUTBOX (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (self->book_button, TRUE);
  if (booked == NULL && g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
    {
      show_error (self, error);
      return;
    }
  if (booked == NULL)
    {
      /* The clinic's words; then the nearest other times. */
      care_schedule_dialog_set_message (self, error->message);
      adw_leaflet_set_visible_child_name (self->leaflet, "when");
      search_again (self);
      return;
    }
  self->booked = booked;
  /* The toast is the main window's: a dialog has no "win" actions. */
  if (gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))), "win.toast", "s",
                                self->replacing != NULL ? _("Your appointment was moved")
                                                        : _("Your appointment is booked"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
held_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CareScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) held = care_scheduling_hold_finish (CARE_OUTBOX (source), result, &error);
  const char *reason;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (held == NULL && g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
    {
      gtk_widget_set_sensitive (self->book_button, TRUE);
      show_error (self, error);
      return;
    }
  if (held == NULL)
    {
      gtk_widget_set_sensitive (self->book_button, TRUE);
      care_schedule_dialog_set_message (self, error->message);
      adw_leaflet_set_visible_child_name (self->leaflet, "when");
      search_again (self);
      return;
    }
  reason = self->reason != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->reason)) : NULL;
  care_scheduling_book_async (self->outbox, self->chosen, self->replacing, reason, self->cancellable, booked_cb,
                              g_object_ref (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CareScheduleDialog *self = CARE_SCHEDULE_DIALOG (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  care_schedule_dialog_book (CARE_SCHEDULE_DIALOG (widget));
}

static void
message_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CareScheduleDialog *self = CARE_SCHEDULE_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-section", "s", "messages");
  gtk_window_close (GTK_WINDOW (self));
}

/* "Any clinician": every open time. */
static void
show_when_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CareScheduleDialog *self = CARE_SCHEDULE_DIALOG (widget);

  g_clear_pointer (&self->practitioner, g_free);
  fill_times (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "when");
}

static void
care_schedule_dialog_dispose (GObject *object)
{
  CareScheduleDialog *self = (CareScheduleDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->outbox);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->replacing, json_object_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, json_object_unref);
  g_clear_pointer (&self->booked, json_object_unref);
  g_clear_pointer (&self->practitioner, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (care_schedule_dialog_parent_class)->dispose (object);
}

static void
care_schedule_dialog_class_init (CareScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_schedule_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "schedule.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "schedule.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "schedule.message", NULL, message_action);
  gtk_widget_class_install_action (widget_class, "schedule.show-when", NULL, show_when_action);
  gtk_widget_class_install_action (widget_class, "schedule.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}


static void
care_schedule_dialog_init (CareScheduleDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content;
  GtkWidget *label;
  GtkWidget *button;

  self->cancellable = g_cancellable_new ();
  self->proposals = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  gtk_window_set_title (GTK_WINDOW (self), _("Schedule an Appointment"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 620);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_leaflet_set_can_unfold (self->leaflet, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->leaflet), TRUE);

  new_page (self, "type", _("What Is the Visit For?"), &content);
  self->type_list = new_list (_("Kinds of visit"));
  g_signal_connect (self->type_list, "row-activated", G_CALLBACK (type_activated_cb), self);
  gtk_box_append (GTK_BOX (content), self->type_list);
  button = gtk_button_new_with_mnemonic (_("Not sure? _Send a message"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "schedule.message");
  gtk_box_append (GTK_BOX (content), button);

  new_page (self, "who", _("With Whom?"), &content);
  self->who_list = new_list (_("Clinicians"));
  g_signal_connect (self->who_list, "row-activated", G_CALLBACK (who_activated_cb), self);
  gtk_box_append (GTK_BOX (content), self->who_list);

  new_page (self, "when", _("When?"), &content);
  label = gtk_label_new (_("Times are the clinic’s local time. The soonest come first."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (content), label);
  self->time_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (content), self->time_box);

  new_page (self, "review", _("Review and Book"), &self->review_box);

  self->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "error");
  gtk_widget_set_margin_top (self->status, 6);
  gtk_widget_set_margin_bottom (self->status, 6);
  gtk_widget_set_margin_start (self->status, 12);
  gtk_widget_set_margin_end (self->status, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message"), -1);
  gtk_widget_set_visible (self->status, FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->leaflet));
  gtk_box_append (GTK_BOX (box), self->status);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), box, "steps");
  gtk_stack_add_named (GTK_STACK (self->stack), care_schedule_dialog_new_offline_page (), "offline");
  adw_window_set_content (ADW_WINDOW (self), self->stack);
}

static void
load_types (CareScheduleDialog *self)
{
  care_schedule_dialog_set_message (self, NULL);
  care_scheduling_visit_types_async (self->outbox, self->cancellable, types_cb, g_object_ref (self));
}

/**
 * care_schedule_dialog_new:
 * @parent: (nullable): the window
 * @outbox: the person's outbox (its online-only requests)
 * @replacing: (nullable): a booked appointment to move
 *
 * Returns: (transfer full): the dialog, already asking for the visit types
 */
CareScheduleDialog *
care_schedule_dialog_new (GtkWindow  *parent,
                          CareOutbox *outbox,
                          JsonObject *replacing)
{
  CareScheduleDialog *self = g_object_new (CARE_TYPE_SCHEDULE_DIALOG, "transient-for", parent, NULL);

  self->outbox = g_object_ref (outbox);
  self->replacing = replacing != NULL ? json_object_ref (replacing) : NULL;
  if (replacing != NULL)
    gtk_window_set_title (GTK_WINDOW (self), _("Reschedule"));
  load_types (self);
  return self;
}

void
care_schedule_dialog_choose_type (CareScheduleDialog *self,
                                  const char         *code)
{
  g_return_if_fail (CARE_IS_SCHEDULE_DIALOG (self));

  for (guint i = 0; self->types != NULL && i < self->types->len; i++)
    if (g_strcmp0 (((CareVisitType *)g_ptr_array_index (self->types, i))->code, code) == 0)
      self->type = g_ptr_array_index (self->types, i);
  if (self->type != NULL)
    find_times (self);
}

void
care_schedule_dialog_choose_time (CareScheduleDialog *self,
                                  guint               index)
{
  g_return_if_fail (CARE_IS_SCHEDULE_DIALOG (self));
  g_return_if_fail (index < self->proposals->len);

  g_clear_pointer (&self->chosen, json_object_unref);
  self->chosen = json_object_ref (g_ptr_array_index (self->proposals, index));
  care_schedule_dialog_set_message (self, NULL);
  show_review (self);
}

void
care_schedule_dialog_book (CareScheduleDialog *self)
{
  g_return_if_fail (CARE_IS_SCHEDULE_DIALOG (self));
  g_return_if_fail (self->chosen != NULL);

  gtk_widget_set_sensitive (self->book_button, FALSE);
  care_schedule_dialog_set_message (self, NULL);
  care_scheduling_hold_async (self->outbox, self->chosen, self->cancellable, held_cb, g_object_ref (self));
}

const char *
care_schedule_dialog_get_page (CareScheduleDialog *self)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

/* For tests: what was booked, once it is. */
JsonObject *
care_schedule_dialog_get_booked (CareScheduleDialog *self)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), NULL);

  return self->booked;
}

const char *
care_schedule_dialog_get_message (CareScheduleDialog *self)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), NULL);

  return self->message;
}

/* For tests: whether the visit types have come. */
gboolean
care_schedule_dialog_get_loaded (CareScheduleDialog *self)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), FALSE);

  return self->types != NULL;
}

/* For tests: whether the dialog says "You're offline". */
gboolean
care_schedule_dialog_get_offline (CareScheduleDialog *self)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "offline") == 0;
}

/* For tests: the open time on the review page. */
JsonObject *
care_schedule_dialog_get_chosen (CareScheduleDialog *self)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), NULL);

  return self->chosen;
}

/* For tests: whether the open times shown include @slot_id, and how many
 * there are. */
gboolean
care_schedule_dialog_offers_slot (CareScheduleDialog *self,
                                  const char         *slot_id,
                                  guint              *out_n_times)
{
  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), FALSE);

  if (out_n_times != NULL)
    *out_n_times = self->proposals->len;
  return care_scheduling_find_proposal (self->proposals, slot_id) != NULL;
}
