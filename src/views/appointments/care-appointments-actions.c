/* care-appointments-actions.c — schedule, cancel, reschedule, wait list, eCheck-in, video, calendar
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a patient does with the Appointments section. Booking and moving
 * a visit are online-only (CareScheduleDialog); cancelling, the wait list
 * and eCheck-in steps are drafts queued in the record's outbox, so they
 * wait there when offline. "Join Video Visit" opens the visit's https
 * address from 30 minutes before; "Add to Calendar" saves an .ics file.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-appointments-private.h"
#include "care-check-in-window.h"
#include "care-schedule-dialog.h"

#include "care-appointment.h"
#include "care-fhir.h"
#include "care-record.h"
#include "care-save-dialog.h"
#include "care-scheduling.h"

#include <string.h>

static CareOutbox *
outbox_of (CareAppointmentsView *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));

  return record != NULL ? care_record_get_outbox (record) : NULL;
}

static void
refresh (GtkWidget *widget)
{
  gtk_widget_activate_action (widget, "win.refresh", NULL);
}

static gboolean
queue (CareAppointmentsView *self,
       CareOutboxDraft      *draft,
       const char           *done)
{
  g_autoptr(GError) error = NULL;

  if (draft == NULL || !care_record_list_queue_draft (CARE_RECORD_LIST (self), draft, &error))
    {
      care_record_view_show_toast (CARE_RECORD_VIEW (self), error != NULL ? error->message
                                                                         : _("This change could not be made"));
      return FALSE;
    }
  care_record_view_show_toast (CARE_RECORD_VIEW (self), done);
  return TRUE;
}

static void
schedule_closed_cb (CareScheduleDialog   *dialog,
                    CareAppointmentsView *self)
{
  if (care_schedule_dialog_get_booked (dialog) != NULL)
    refresh (GTK_WIDGET (self));
}

static void
open_schedule (CareAppointmentsView *self,
               JsonObject           *replacing)
{
  CareOutbox *outbox = outbox_of (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CareScheduleDialog *dialog;

  if (outbox == NULL)
    return;
  dialog = care_schedule_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, outbox, replacing);
  care_schedule_dialog_set_cache (dialog, care_record_get_cache (care_record_view_get_record (CARE_RECORD_VIEW (self))));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (schedule_closed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_schedule (CARE_APPOINTMENTS_VIEW (widget), NULL);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  JsonObject *appointment = care_appointments_view_lookup (self, g_variant_get_string (parameter, NULL));

  if (appointment != NULL)
    open_schedule (self, appointment);
}

static void
cancel_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    CareAppointmentsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "id");
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  JsonObject *appointment = care_appointments_view_lookup (self, id);
  g_autoptr(CareOutboxDraft) draft = NULL;

  if (!g_str_equal (response, "cancel-visit") || appointment == NULL)
    return;
  draft = care_appointment_cancel_draft_new (appointment, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (queue (self, draft, _("Cancellation sent")))
    refresh (GTK_WIDGET (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  JsonObject *appointment = care_appointments_view_lookup (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *title = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (appointment == NULL)
    return;
  title = care_appointment_dup_title (appointment);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Cancel This Appointment?"),
                                   title);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep It"),
                                    "cancel-visit", _("_Cancel Appointment"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-visit",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
wait_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  JsonObject *appointment = care_appointments_view_lookup (self, g_variant_get_string (parameter, NULL));
  gboolean on;
  g_autoptr(CareOutboxDraft) draft = NULL;

  if (appointment == NULL)
    return;
  on = !care_appointment_get_wait_list (appointment);
  draft = care_appointment_wait_list_draft_new (appointment, on);
  if (queue (self, draft, on ? _("You’ll be told if an earlier time opens up")
                             : _("You left the wait list")))
    refresh (widget);
}

static void
accepted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CareAppointmentsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) booked = care_scheduling_book_finish (CARE_OUTBOX (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A late accept: the portal's polite refusal, as it says it. */
  care_record_view_show_toast (CARE_RECORD_VIEW (self), booked != NULL ? _("Your appointment was moved")
                                                                       : error->message);
  refresh (GTK_WIDGET (self));
}

/* Accepting a wait-list offer moves the appointment in one $book. */
static void
open_schedule_offer (CareAppointmentsView *self,
                     JsonObject           *offer,
                     JsonObject           *old)
{
  CareOutbox *outbox = outbox_of (self);

  if (outbox != NULL)
    care_scheduling_book_async (outbox, offer, old, NULL, care_record_view_get_cancellable (CARE_RECORD_VIEW (self)),
                                accepted_cb, g_object_ref (self));
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  JsonObject *offer = care_appointments_view_lookup (self, g_variant_get_string (parameter, NULL));
  g_autoptr(CareOutboxDraft) draft = offer != NULL ? care_appointment_cancel_draft_new (offer, "Declined") : NULL;

  if (draft != NULL && queue (self, draft, _("Offer declined; your appointment stays as it is")))
    refresh (widget);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  JsonObject *offer = care_appointments_view_lookup (self, g_variant_get_string (parameter, NULL));
  JsonObject *old = offer != NULL ? care_appointments_view_lookup (self, care_appointment_get_offer_for (offer)) : NULL;

  if (offer != NULL)
    open_schedule_offer (self, offer, old);
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  JsonObject *appointment = care_appointments_view_lookup (self, g_variant_get_string (parameter, NULL));
  g_autofree char *url = appointment != NULL ? care_appointment_dup_join_url (appointment) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Only https addresses ever get here (care_appointment_dup_join_url()). */
  if (url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
calendar_saved_cb (GtkNativeDialog      *chooser,
                   int                   response,
                   CareAppointmentsView *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                          : NULL;
  const char *text = g_object_get_data (G_OBJECT (chooser), "ics");
  g_autoptr(GError) error = NULL;

  if (file != NULL && !g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                                NULL, NULL, &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (self), error->message);
  else if (file != NULL)
    care_record_view_show_toast (CARE_RECORD_VIEW (self), _("Saved. Open the file to add it to your calendar."));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  JsonObject *appointment = care_appointments_view_lookup (self, g_variant_get_string (parameter, NULL));
  g_autoptr(JsonObject) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *place = NULL;
  g_autofree char *text = NULL;
  GtkFileChooserNative *chooser;

  if (appointment == NULL)
    return;
  place = care_appointment_dup_actor (appointment, "Location", &reference);
  if (reference != NULL)
    {
      g_autoptr(JsonObject) ref = json_object_new ();

      json_object_set_string_member (ref, "reference", reference);
      location = care_record_list_lookup (CARE_RECORD_LIST (self), appointment, ref);
    }
  text = care_appointment_to_ics (appointment, location, &error);
  if (text == NULL)
    {
      care_record_view_show_toast (CARE_RECORD_VIEW (self), error->message);
      return;
    }
  chooser = care_save_dialog_new (widget, _("Add to Calendar"), _("_Save"), "appointment.ics");
  g_object_set_data_full (G_OBJECT (chooser), "ics", g_steal_pointer (&text), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (calendar_saved_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* eCheck-in: the checklist window (care-check-in-window.c); each step
 * done is an outbox item, so it waits there offline and survives a
 * restart. */
static void
check_in_closed_cb (GtkWidget            *window,
                    CareAppointmentsView *self)
{
  refresh (GTK_WIDGET (self));
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (widget);
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  GtkRoot *root = gtk_widget_get_root (widget);
  CareCheckInWindow *window;

  if (record == NULL)
    return;
  window = care_check_in_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, record,
                                     g_variant_get_string (parameter, NULL));
  if (window == NULL)
    return;
  g_signal_connect_object (window, "destroy", G_CALLBACK (check_in_closed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

GtkWidget *
care_appointments_schedule_button (void)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Schedule an Appointment"));

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "appointments.schedule");
  return button;
}

/* Now, on the view's day (tests and screenshots fix the day; the time
 * of day is the real one). */
static GDateTime *
dup_now (CareAppointmentsView *self)
{
  g_autoptr(GDateTime) real = g_date_time_new_now_local ();
  GDate today;

  care_record_list_get_today (CARE_RECORD_LIST (self), &today);
  if (!g_date_valid (&today))
    return g_steal_pointer (&real);
  return g_date_time_new_local (g_date_get_year (&today), g_date_get_month (&today), g_date_get_day (&today),
                                g_date_time_get_hour (real), g_date_time_get_minute (real), 0);
}

/* The buttons of an upcoming appointment's row, or of a wait-list offer;
 * %TRUE when it has "Join" (its status then goes without saying). */
gboolean
care_appointments_add_controls (CareAppointmentsView *self,
                                AdwActionRow         *row,
                                JsonObject           *appointment)
{
  const char *id = care_fhir_get_string (appointment, "id");
  const char *status = care_fhir_get_string (appointment, "status");
  g_autoptr(GDateTime) now = dup_now (self);
  g_autoptr(GMenu) menu = NULL;
  g_autofree char *title = care_appointment_dup_title (appointment);
  g_autofree char *menu_label = NULL;
  GtkWidget *button;
  gboolean joinable = FALSE;

  if (id == NULL)
    return FALSE;
  if (care_appointment_is_offer (appointment))
    {
      button = gtk_button_new_with_mnemonic (_("_Accept"));
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "appointments.accept");
      adw_action_row_add_suffix (row, button);
      button = gtk_button_new_with_mnemonic (_("_Decline"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "appointments.decline");
      adw_action_row_add_suffix (row, button);
      return FALSE;
    }
  if (g_strcmp0 (status, "booked") != 0 && g_strcmp0 (status, "checked-in") != 0)
    return FALSE;

  if (care_appointment_can_join (appointment, now))
    {
      /* One short word: a narrow window keeps room for the visit's text. */
      button = gtk_button_new_with_mnemonic (C_("video visit", "_Join"));
      gtk_widget_set_tooltip_text (button, _("Join Video Visit"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Join Video Visit"), -1);
      joinable = TRUE;
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "appointments.join");
      adw_action_row_add_suffix (row, button);
    }
  /* eCheck-in is in the menu: a narrow window keeps room for the words. */

  menu = g_menu_new ();
  {
    struct { const char *label; const char *action; gboolean booked_only; } items[] = {
      { N_("_Reschedule…"), "appointments.reschedule", TRUE },
      { N_("_Cancel Appointment…"), "appointments.cancel", TRUE },
      { NULL, "appointments.wait-list", TRUE },
      { N_("e_Check-in"), "appointments.check-in", TRUE },
      { N_("Add to _Calendar…"), "appointments.calendar", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(GMenuItem) item = NULL;
        const char *label = items[i].label != NULL ? _(items[i].label)
                            : care_appointment_get_wait_list (appointment) ? _("Leave the _Wait List")
                                                                            : _("Join the _Wait List");

        if (items[i].booked_only && g_strcmp0 (status, "booked") != 0)
          continue;
        if (g_str_equal (items[i].action, "appointments.check-in") && !care_appointment_check_in_open (appointment, now))
          continue;
        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
        g_menu_append_item (menu, item);
      }
  }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: an appointment's menu button's spoken name; %s is the visit */
  menu_label = g_strdup_printf (_("Change %s"), title);
  gtk_widget_set_tooltip_text (button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (row, button);
  return joinable;
}

void
care_appointments_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "appointments.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "appointments.reschedule", "s", reschedule_action);
  gtk_widget_class_install_action (widget_class, "appointments.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "appointments.wait-list", "s", wait_list_action);
  gtk_widget_class_install_action (widget_class, "appointments.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "appointments.decline", "s", decline_action);
  gtk_widget_class_install_action (widget_class, "appointments.join", "s", join_action);
  gtk_widget_class_install_action (widget_class, "appointments.check-in", "s", check_in_action);
  gtk_widget_class_install_action (widget_class, "appointments.calendar", "s", calendar_action);
}
