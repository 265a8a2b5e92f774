/* care-appointments-view.c — upcoming and past appointments
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Appointment of the record: the upcoming ones soonest first, then
 * the past ones newest first. Each says what it is for, when (at the
 * clinic's time, with its zone when that is not the computer's), for how
 * long, with whom and where (with the address, to find the way), and its
 * status in words: a cancelled or missed visit is said so, never only
 * greyed out. "Schedule an Appointment" books a visit; each upcoming one
 * has its actions (care-appointments-actions.c): join a video visit from
 * 30 minutes before, eCheck-in in its last week, reschedule, cancel, the
 * wait list and its offers, add to calendar. Below them, the tests
 * ordered and not done yet (active ServiceRequests), with what to do
 * before and where to go.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-appointments-private.h"

#include "care-appointment.h"
#include "care-fhir.h"
#include "care-resource-item.h"
#include "care-time.h"
#include "care-upcoming-tests.h"

struct _CareAppointmentsView
{
  CareRecordList  parent_instance;

  GHashTable     *rows;         /* appointment id → its row (referenced) */
  GHashTable     *appointments; /* appointment id → its resource */
  char           *pending_id;   /* an appointment to show once the list is built */
};

static void section_page_iface_init (CareSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareAppointmentsView, care_appointments_view, CARE_TYPE_RECORD_LIST,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                      section_page_iface_init))

static CareSectionPageInterface *parent_section_page_iface;

/* Appointment.status in words, and how its tag looks. */
static const char *
status_text (const char   *status,
             CareTagStyle *out_style)
{
  static const struct
  {
    const char  *code;
    const char  *text;
    CareTagStyle style;
  } statuses[] = {
    { "proposed", N_("Requested"), CARE_TAG_NEUTRAL },
    { "pending", N_("Not confirmed yet"), CARE_TAG_WARNING },
    { "booked", N_("Booked"), CARE_TAG_GOOD },
    { "arrived", N_("Arrived"), CARE_TAG_GOOD },
    { "checked-in", N_("Checked in"), CARE_TAG_GOOD },
    { "fulfilled", N_("Completed"), CARE_TAG_NEUTRAL },
    { "cancelled", N_("Cancelled"), CARE_TAG_ERROR },
    { "noshow", N_("Missed"), CARE_TAG_ERROR },
    { "waitlist", N_("On the waiting list"), CARE_TAG_WARNING },
  };

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].code))
      {
        *out_style = statuses[i].style;
        return _(statuses[i].text);
      }
  *out_style = CARE_TAG_NEUTRAL;
  return NULL;
}

/* Whether @appointment is still to come: not over, not called off. */
static gboolean
is_upcoming (CareAppointmentsView *self,
             JsonObject           *appointment)
{
  const char *status = care_fhir_get_string (appointment, "status");
  int days = care_record_list_days_until (CARE_RECORD_LIST (self), care_fhir_get_string (appointment, "start"));

  if (g_strcmp0 (status, "fulfilled") == 0 || g_strcmp0 (status, "noshow") == 0 ||
      g_strcmp0 (status, "cancelled") == 0)
    return FALSE;
  return days != G_MININT && days >= 0;
}

static char *
dup_when_text (JsonObject *appointment)
{
  const char *start = care_fhir_get_string (appointment, "start");
  /* Translators: an appointment's day and time, g_date_time_format():
   * "Tuesday, December 15, 2026, 14:30" */
  return care_time_format_fhir (start, _("%A, %B %-d, %Y, %H:%M"));
}

/* "Riverside Family Health, 120 Main Street, Springfield" */
static char *
dup_place_text (CareAppointmentsView *self,
                JsonObject           *appointment,
                JsonObject           *reference)
{
  g_autoptr(JsonObject) location = care_record_list_lookup (CARE_RECORD_LIST (self), appointment, reference);
  g_autofree char *name = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), appointment, reference);
  JsonObject *address = care_fhir_get_object (location, "address");
  GString *text = g_string_new (name);
  const char *street = address != NULL ? care_fhir_get_string (address, "text") : NULL;

  if (street == NULL && address != NULL && care_fhir_get_array (address, "line") != NULL &&
      json_array_get_length (care_fhir_get_array (address, "line")) > 0)
    street = json_array_get_string_element (care_fhir_get_array (address, "line"), 0);
  if (street != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", street);
  if (address != NULL && care_fhir_get_string (address, "text") == NULL &&
      care_fhir_get_string (address, "city") != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", care_fhir_get_string (address, "city"));
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static void
add_appointment_row (CareAppointmentsView *self,
                     AdwPreferencesGroup  *group,
                     JsonObject           *appointment,
                     const char           *title)
{
  JsonArray *participants = care_fhir_get_array (appointment, "participant");
  g_autofree char *when = dup_when_text (appointment);
  JsonNode *minutes = json_object_has_member (appointment, "minutesDuration")
                      ? json_object_get_member (appointment, "minutesDuration") : NULL;
  CareTagStyle style;
  const char *status = status_text (care_fhir_get_string (appointment, "status"), &style);
  g_autoptr(GString) subtitle = g_string_new (when);
  AdwActionRow *row;

  if (minutes != NULL && JSON_NODE_HOLDS_VALUE (minutes) && json_node_get_value_type (minutes) == G_TYPE_INT64 &&
      json_node_get_int (minutes) > 0)
    {
      gint64 n = json_node_get_int (minutes);

      g_string_append (subtitle, subtitle->len > 0 ? " · " : "");
      /* Translators: how long an appointment lasts */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", (gulong)n),
                              (guint)n);
    }

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title != NULL ? title : _("Appointment"),
                                  subtitle->len > 0 ? subtitle->str : NULL);
  if (care_fhir_get_string (appointment, "id") != NULL)
    {
      g_hash_table_insert (self->rows, g_strdup (care_fhir_get_string (appointment, "id")), g_object_ref (row));
      g_hash_table_insert (self->appointments, g_strdup (care_fhir_get_string (appointment, "id")),
                           json_object_ref (appointment));
    }
  if (care_appointment_is_offer (appointment))
    {
      g_autoptr(GDateTime) expiry = care_appointment_dup_offer_expiry (appointment);
      g_autoptr(GDateTime) local = expiry != NULL ? g_date_time_to_local (expiry) : NULL;
      g_autofree char *until = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;
      /* Translators: a wait-list offer; %s is the time it is held until */
      g_autofree char *line = until != NULL ? g_strdup_printf (_("An earlier time opened up. It is held for you until %s."),
                                                                until) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Earlier Time Offered"));
      if (line != NULL)
        care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
    }
  else if (care_appointment_get_wait_list (appointment) && g_strcmp0 (care_fhir_get_string (appointment, "status"), "booked") == 0)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, _("On the wait list for an earlier time"));
  if (is_upcoming (self, appointment) && care_appointments_add_controls (self, row, appointment))
    status = NULL;
  if (status != NULL)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), status, style);

  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      JsonObject *participant = care_fhir_get_array_object (appointment, "participant", i);
      JsonObject *actor = care_fhir_get_object (participant, "actor");
      CareFhirReference target;
      g_autofree char *line = NULL;

      if (!care_fhir_read_reference (actor, &target))
        {
          care_fhir_reference_clear (&target);
          continue;
        }
      if (g_strcmp0 (target.type, "Practitioner") == 0 || g_strcmp0 (target.type, "PractitionerRole") == 0)
        {
          g_autofree char *name = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), appointment, actor);

          if (name != NULL)
            /* Translators: who an appointment is with */
            line = g_strdup_printf (_("With %s"), name);
        }
      else if (g_strcmp0 (target.type, "Location") == 0)
        {
          g_autofree char *place = dup_place_text (self, appointment, actor);

          if (place != NULL)
            /* Translators: where an appointment is, with its address */
            line = g_strdup_printf (_("At %s"), place);
        }
      care_fhir_reference_clear (&target);
      if (line != NULL)
        care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
    }

  if (care_fhir_get_string (appointment, "patientInstruction") != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row, care_fhir_get_string (appointment, "patientInstruction"));
  if (g_strcmp0 (care_fhir_get_string (appointment, "status"), "cancelled") == 0 &&
      care_fhir_get_object (appointment, "cancelationReason") != NULL)
    {
      g_autofree char *reason = care_fhir_dup_concept_text (care_fhir_get_object (appointment, "cancelationReason"));

      if (reason != NULL)
        care_record_list_add_detail (CARE_RECORD_LIST (self), row, reason);
    }
}

/* "Upcoming Tests": each with its kind and due day, where to go and what
 * to do before. */
static void
add_tests (CareAppointmentsView *self)
{
  GListModel *requests = care_record_list_get_results (CARE_RECORD_LIST (self), "tests");
  g_autoptr(GPtrArray) tests = requests != NULL ? care_upcoming_tests_from_model (requests) : NULL;
  AdwPreferencesGroup *group;

  if (tests == NULL || tests->len == 0)
    return;
  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Upcoming Tests"),
                                      _("Ordered by your care team and not done yet."));
  for (guint i = 0; i < tests->len; i++)
    {
      const CareUpcomingTest *test = g_ptr_array_index (tests, i);
      g_autofree char *due = test->due != NULL ? care_time_format_fhir_day (test->due) : NULL;
      /* Translators: an upcoming test; %1$s is "Lab test" or "Imaging", %2$s a day */
      g_autofree char *subtitle = due != NULL ? g_strdup_printf (_("%1$s · Due by %2$s"),
                                                                 care_upcoming_test_kind (test), due)
                                              : g_strdup (care_upcoming_test_kind (test));
      AdwActionRow *row = care_record_list_add_row (CARE_RECORD_LIST (self), group, test->name, subtitle);

      if (test->place != NULL)
        {
          /* Translators: where to go for a test */
          g_autofree char *line = g_strdup_printf (_("At %s"), test->place);

          care_record_list_add_detail (CARE_RECORD_LIST (self), row, line);
        }
      if (test->instructions != NULL)
        care_record_list_add_detail (CARE_RECORD_LIST (self), row, test->instructions);
      g_hash_table_insert (self->rows, g_strdup (test->id), g_object_ref (row));
    }
}

/* Shows the row of @self->pending_id, once it is there. */
static void
show_pending (CareAppointmentsView *self)
{
  GtkWidget *row = self->pending_id != NULL ? g_hash_table_lookup (self->rows, self->pending_id) : NULL;

  if (row == NULL)
    return;
  gtk_widget_grab_focus (row);
  g_clear_pointer (&self->pending_id, g_free);
}

static void
populate (CareRecordView *view)
{
  CareAppointmentsView *self = CARE_APPOINTMENTS_VIEW (view);
  GListModel *appointments = care_record_list_get_results (CARE_RECORD_LIST (self), "appointments");
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) past = g_ptr_array_new_with_free_func (g_object_unref);
  AdwPreferencesGroup *group;

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->appointments);
  /* Newest first from the cache: the upcoming ones are taken in reverse,
   * so the next one comes first. */
  for (guint i = 0; appointments != NULL && i < g_list_model_get_n_items (appointments); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (appointments, i);
      g_autoptr(JsonObject) appointment = care_resource_item_dup_resource (item, NULL);

      if (appointment == NULL || g_strcmp0 (care_fhir_get_string (appointment, "status"), "entered-in-error") == 0)
        continue;
      if (is_upcoming (self, appointment))
        g_ptr_array_insert (upcoming, 0, g_object_ref (item));
      else
        g_ptr_array_add (past, g_object_ref (item));
    }

  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Upcoming"),
                                      upcoming->len > 0 ? _("Times are the clinic’s local time.")
                                                        : _("No upcoming appointments."));
  adw_preferences_group_set_header_suffix (group, care_appointments_schedule_button ());
  if (upcoming->len > 0)
    {
      for (guint i = 0; i < upcoming->len; i++)
        {
          CareResourceItem *item = g_ptr_array_index (upcoming, i);
          g_autoptr(JsonObject) appointment = care_resource_item_dup_resource (item, NULL);

          add_appointment_row (self, group, appointment, care_resource_item_get_display_name (item));
        }
    }
  add_tests (self);
  if (past->len > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Past"), NULL);
      for (guint i = 0; i < past->len; i++)
        {
          CareResourceItem *item = g_ptr_array_index (past, i);
          g_autoptr(JsonObject) appointment = care_resource_item_dup_resource (item, NULL);

          add_appointment_row (self, group, appointment, care_resource_item_get_display_name (item));
        }
    }
  show_pending (self);
}

static void
add_queries (CareAppointmentsView *self)
{
  g_autoptr(CareCacheQuery) appointments = care_cache_query_new ("Appointment");
  g_autoptr(CareCacheQuery) tests = care_cache_query_new ("ServiceRequest");

  care_cache_query_set_sort (appointments, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "appointments", appointments);
  care_record_list_add_query (CARE_RECORD_LIST (self), "tests", tests);
}

static void
care_appointments_view_dispose (GObject *object)
{
  CareAppointmentsView *self = (CareAppointmentsView *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->appointments, g_hash_table_unref);
  g_clear_pointer (&self->pending_id, g_free);

  G_OBJECT_CLASS (care_appointments_view_parent_class)->dispose (object);
}

static void
care_appointments_view_class_init (CareAppointmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_appointments_view_dispose;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/appointments/care-appointments-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  care_appointments_actions_install (widget_class);
}

static void
care_appointments_view_init (CareAppointmentsView *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->appointments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_appointments_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_appointments_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_APPOINTMENTS_VIEW, "context", context, NULL);
}

/**
 * care_appointments_view_show_appointment:
 * @self: a #CareAppointmentsView
 * @id: an Appointment's id
 *
 * Moves the focus to the appointment (as a notification about it asks),
 * now or as soon as the list is built.
 */
void
care_appointments_view_show_appointment (CareAppointmentsView *self,
                                         const char           *id)
{
  g_return_if_fail (CARE_IS_APPOINTMENTS_VIEW (self));
  g_return_if_fail (id != NULL);

  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
  show_pending (self);
}

/* For tests: the row of appointment @id, if it is listed. */
GtkWidget *
care_appointments_view_get_row (CareAppointmentsView *self,
                                const char           *id)
{
  g_return_val_if_fail (CARE_IS_APPOINTMENTS_VIEW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->rows, id);
}

/* A notification's item: shown if the offline copy has it (CareRecordView's
 * answer), now or once the list is built. */
static gboolean
section_page_open_item (CareSectionPage *page,
                        const char      *type,
                        const char      *id)
{
  if (!parent_section_page_iface->open_item (page, type, id))
    return FALSE;
  care_appointments_view_show_appointment (CARE_APPOINTMENTS_VIEW (page), id);
  return TRUE;
}

static void
section_page_iface_init (CareSectionPageInterface *iface)
{
  parent_section_page_iface = g_type_interface_peek_parent (iface);
  iface->open_item = section_page_open_item;
}

/* The appointment @id as listed, for the actions. */
JsonObject *
care_appointments_view_lookup (CareAppointmentsView *self,
                               const char           *id)
{
  g_return_val_if_fail (CARE_IS_APPOINTMENTS_VIEW (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->appointments, id) : NULL;
}
