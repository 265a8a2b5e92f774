/* care-readings-view.c — Track My Health: readings the patient enters
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two groups: what the clinic asked for (a CarePlan activity or a
 * ServiceRequest naming a reading, with how often), each with an Enter
 * button, and what the person entered, newest first, with the readings
 * still in the outbox marked and offered Correct and Withdraw. Entering
 * opens a CareReadingDialog for the kind; the reading goes through the
 * outbox as a patient-entered Observation (care_reading_draft_new()) and
 * Health Trends shows it at once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-fhir.h"
#include "care-reading-dialog.h"
#include "care-reading-requests.h"
#include "care-readings-view.h"
#include "care-time.h"

struct _CareReadingsView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareReadingsView, care_readings_view, CARE_TYPE_RECORD_LIST)

static CareCache *
get_cache (CareReadingsView *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));

  return record != NULL ? care_record_get_cache (record) : NULL;
}

static CareOutbox *
get_outbox (CareReadingsView *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));

  return record != NULL ? care_record_get_outbox (record) : NULL;
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *label,
                 const char *action,
                 const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
add_request_row (CareReadingsView    *self,
                 AdwPreferencesGroup *group,
                 CareReadingRequest  *request)
{
  const char *title = care_reading_kind_get_title (request->kind);
  g_autoptr(GString) details = g_string_new (NULL);
  GtkWidget *button;
  AdwActionRow *row;

  if (request->frequency != NULL && request->requester != NULL)
    /* Translators: how often a reading is asked for, and who asked: "Twice a day · Dr. Okafor" */
    g_string_append_printf (details, _("%1$s · %2$s"), request->frequency, request->requester);
  else if (request->frequency != NULL || request->requester != NULL)
    g_string_append (details, request->frequency != NULL ? request->frequency : request->requester);
  if (request->description != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", request->description);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title, details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-readings-symbolic"));
  button = gtk_button_new_with_label (C_("reading", "Enter"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  care_reading_kind_get_entry_title (request->kind, FALSE), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", care_reading_kind_to_string (request->kind));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "readings.enter");
  adw_action_row_add_suffix (row, button);
}

static char *
dup_context (const CareReading *reading)
{
  if (reading->arm == CARE_READING_ARM_LEFT)
    return g_strdup (reading->position == CARE_READING_POSITION_SITTING ? _("Left arm, sitting")
                     : reading->position == CARE_READING_POSITION_STANDING ? _("Left arm, standing")
                     : reading->position == CARE_READING_POSITION_LYING ? _("Left arm, lying down")
                     : _("Left arm"));
  if (reading->arm == CARE_READING_ARM_RIGHT)
    return g_strdup (reading->position == CARE_READING_POSITION_SITTING ? _("Right arm, sitting")
                     : reading->position == CARE_READING_POSITION_STANDING ? _("Right arm, standing")
                     : reading->position == CARE_READING_POSITION_LYING ? _("Right arm, lying down")
                     : _("Right arm"));
  if (reading->position != CARE_READING_POSITION_UNKNOWN)
    return g_strdup (reading->position == CARE_READING_POSITION_SITTING ? _("Sitting")
                     : reading->position == CARE_READING_POSITION_STANDING ? _("Standing") : _("Lying down"));
  if (reading->meal != CARE_READING_MEAL_UNKNOWN)
    return g_strdup (reading->meal == CARE_READING_MEAL_BEFORE ? _("Before a meal") : _("After a meal"));
  return NULL;
}

static void
add_entry_row (CareReadingsView    *self,
               AdwPreferencesGroup *group,
               CareReadingEntry    *entry)
{
  const CareReading *reading = entry->reading;
  g_autofree char *value = care_reading_format_value (reading);
  g_autofree char *title = NULL;
  g_autofree char *when = care_time_format_day_time (reading->time);
  g_autofree char *context = dup_context (reading);
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  /* Translators: an entered reading: its kind and value, "Weight: 81.4 kg" */
  title = g_strdup_printf (_("%1$s: %2$s"), care_reading_kind_get_title (reading->kind), value);
  /* Where it is, in words before the time (a tag beside the row would
   * squeeze a phone-sized window). */
  if (entry->waiting)
    /* Translators: an entered reading's state and when it was taken: "Waiting to send · Dec 6, 7:20 AM" */
    g_string_append_printf (details, _("%1$s · %2$s"),
                            entry->state == CARE_OUTBOX_REFUSED ? _("Not accepted") : _("Waiting to send"), when);
  else
    g_string_append (details, when);
  if (context != NULL)
    g_string_append_printf (details, "\n%s", context);
  if (reading->note != NULL)
    g_string_append_printf (details, "\n%s", reading->note);
  if (entry->message != NULL && entry->state == CARE_OUTBOX_REFUSED)
    g_string_append_printf (details, "\n%s", entry->message);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title, details->str);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-readings-symbolic"));
  if (entry->waiting && (entry->state == CARE_OUTBOX_PENDING || entry->state == CARE_OUTBOX_REFUSED ||
                         entry->state == CARE_OUTBOX_DRAFT))
    {
      adw_action_row_add_suffix (row, new_icon_button ("document-edit-symbolic", _("Correct This Reading"),
                                                       "readings.correct", entry->id));
      adw_action_row_add_suffix (row, new_icon_button ("edit-delete-symbolic", _("Withdraw This Reading"),
                                                       "readings.withdraw", entry->id));
    }
}

static GMenuModel *
new_kinds_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < CARE_READING_N_KINDS; i++)
    {
      g_autofree char *detailed = g_strdup_printf ("readings.enter::%s", care_reading_kind_to_string (i));

      g_menu_append (menu, care_reading_kind_get_title (i), detailed);
    }
  return G_MENU_MODEL (menu);
}

static void
populate (CareRecordView *view)
{
  CareReadingsView *self = CARE_READINGS_VIEW (view);
  CareCache *cache = get_cache (self);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *button;

  if (cache == NULL)
    return;
  requests = care_reading_requests_list (cache, NULL);
  entries = care_reading_entries_list (cache, NULL);
  if ((requests == NULL || requests->len == 0) && (entries == NULL || entries->len == 0))
    return;

  if (requests != NULL && requests->len > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Asked by Your Care Team"),
                                          _("Readings to take at home and send to your clinic."));
      for (guint i = 0; i < requests->len; i++)
        add_request_row (self, group, requests->pdata[i]);
    }

  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("You Entered"), NULL);
  menu = new_kinds_menu ();
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Enter a Reading"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Enter a Reading"), -1);
  adw_preferences_group_set_header_suffix (group, button);
  if (entries == NULL || entries->len == 0)
    care_record_list_add_note (CARE_RECORD_LIST (self), group,
                               _("Readings you enter are listed here, and in Health Trends."));
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    add_entry_row (self, group, entries->pdata[i]);
}

typedef struct
{
  CareReadingsView *self;
  char             *outbox_id;
} Pending;

static void
pending_free (gpointer  data,
              GClosure *closure)
{
  Pending *pending = data;

  g_object_unref (pending->self);
  g_free (pending->outbox_id);
  g_free (pending);
}

static void
on_dialog_response_cb (CareReadingDialog *dialog,
                       const char        *response,
                       Pending           *pending)
{
  CareReadingsView *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autofree char *patient = NULL;

  if (!g_str_equal (response, "save"))
    return;
  reading = care_reading_dialog_dup_reading (dialog, &error);
  patient = care_record_list_dup_patient_reference (CARE_RECORD_LIST (self));
  if (reading != NULL && patient != NULL)
    draft = care_reading_draft_new (reading, patient, &error);
  if (draft != NULL && pending->outbox_id != NULL)
    {
      CareOutbox *outbox = get_outbox (self);
      CareOutboxEntry *entry = outbox != NULL ? care_outbox_lookup (outbox, pending->outbox_id) : NULL;

      if (entry != NULL && care_outbox_replace (outbox, entry, draft, &error))
        {
          care_record_view_reload (CARE_RECORD_VIEW (self));
          care_record_view_show_toast (CARE_RECORD_VIEW (self), _("Reading corrected"));
          return;
        }
    }
  else if (draft != NULL && care_record_list_queue_draft (CARE_RECORD_LIST (self), draft, &error))
    return;
  care_record_view_show_toast (CARE_RECORD_VIEW (self),
                               error != NULL ? error->message
                                             : _("This record cannot send anything to its health system now."));
}

static void
open_dialog (CareReadingsView  *self,
             CareReadingKind    kind,
             const CareReading *before,
             const char        *outbox_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  Pending *pending;

  if (!care_record_list_can_write (CARE_RECORD_LIST (self), "Observation"))
    {
      care_record_list_show_portal_only (CARE_RECORD_LIST (self),
                                         _("This health system does not accept readings from apps. Enter "
                                           "them in your portal, or bring them to your next visit."));
      return;
    }
  dialog = care_reading_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, kind, before,
                                    care_reading_locale_current ());
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->outbox_id = g_strdup (outbox_id);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_dialog_response_cb), pending, pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (care_reading_dialog_get_entry (CARE_READING_DIALOG (dialog), "value")));
}

static void
enter_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CareReadingKind kind = CARE_READING_BLOOD_PRESSURE;

  if (parameter != NULL && !care_reading_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  open_dialog (CARE_READINGS_VIEW (widget), kind, NULL, NULL);
}

/* The reading waiting in the outbox as @id, or %NULL. */
static CareReading *
dup_queued (CareReadingsView *self,
            const char       *id)
{
  CareOutbox *outbox = get_outbox (self);
  CareOutboxEntry *entry = outbox != NULL ? care_outbox_lookup (outbox, id) : NULL;
  g_autoptr(JsonObject) resource = NULL;

  if (entry == NULL)
    return NULL;
  resource = care_fhir_parse_resource (care_outbox_entry_get_json (entry), -1, NULL);
  return resource != NULL ? care_reading_from_observation (resource, NULL) : NULL;
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CareReadingsView *self = CARE_READINGS_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(CareReading) before = dup_queued (self, id);

  if (before != NULL)
    open_dialog (self, before->kind, before, id);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CareReadingsView *self = CARE_READINGS_VIEW (widget);
  CareOutbox *outbox = get_outbox (self);
  CareOutboxEntry *entry = outbox != NULL ? care_outbox_lookup (outbox, g_variant_get_string (parameter, NULL))
                                          : NULL;
  g_autoptr(GError) error = NULL;

  if (entry == NULL)
    return;
  if (!care_outbox_discard (outbox, entry, &error))
    {
      care_record_view_show_toast (CARE_RECORD_VIEW (self), error->message);
      return;
    }
  care_record_view_reload (CARE_RECORD_VIEW (self));
  care_record_view_show_toast (CARE_RECORD_VIEW (self), _("Reading withdrawn"));
}

/**
 * care_readings_view_open_entry:
 * @self: a view
 * @kind: what to enter
 *
 * Opens the entry dialog for @kind, as its Enter button does.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the
 *   portal takes no readings from apps
 */
GtkWidget *
care_readings_view_open_entry (CareReadingsView *self,
                               CareReadingKind   kind)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_return_val_if_fail (CARE_IS_READINGS_VIEW (self), NULL);

  open_dialog (self, kind, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CARE_IS_READING_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static void
care_readings_view_constructed (GObject *object)
{
  G_OBJECT_CLASS (care_readings_view_parent_class)->constructed (object);

  care_view_stack_set_empty_action (care_record_list_get_stack (CARE_RECORD_LIST (object)),
                                    _("Enter a Reading"), "readings.new");
}

static void
care_readings_view_class_init (CareReadingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_readings_view_constructed;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/readings/care-readings-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  gtk_widget_class_install_action (widget_class, "readings.enter", "s", enter_action);
  gtk_widget_class_install_action (widget_class, "readings.new", NULL, enter_action);
  gtk_widget_class_install_action (widget_class, "readings.correct", "s", correct_action);
  gtk_widget_class_install_action (widget_class, "readings.withdraw", "s", withdraw_action);
}

static void
care_readings_view_init (CareReadingsView *self)
{
  g_autoptr(CareCacheQuery) plans = care_cache_query_new ("CarePlan");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The requests and entries are read in populate(); this query gives the
   * list its loading and withheld states from the CarePlans. */
  care_record_list_add_query (CARE_RECORD_LIST (self), "plans", plans);
}

/**
 * care_readings_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_readings_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_READINGS_VIEW, "context", context, NULL);
}
