/* care-immunizations-view.c — vaccines given, and the preventive care due
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preventive care first: the topics from ImmunizationRecommendation
 * (forecastStatus, dateCriterion) and from health-maintenance CarePlan
 * activities, each due, overdue or done relative to the context's today,
 * overdue said in words and in colour. Then every Immunization with its
 * date, dose number and where it was given. "Add One I Got Elsewhere"
 * creates a patient-reported Immunization (primarySource false, with its
 * reportOrigin) through the outbox where the portal takes one.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-immunizations-view.h"

#include "care-due.h"
#include "care-fhir.h"
#include "care-immunization-draft.h"
#include "care-resource-item.h"

#include <string.h>

struct _CareImmunizationsView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareImmunizationsView, care_immunizations_view, CARE_TYPE_RECORD_LIST)

/* Where a row's resource is, when it is the user's own and not synced yet. */
typedef enum
{
  OUTBOX_NONE,
  OUTBOX_PENDING,
  OUTBOX_REFUSED,
} Outbox;

#define LOINC_DUE_DATE "30980-7"

typedef enum
{
  TOPIC_OVERDUE,
  TOPIC_DUE,
  TOPIC_DONE,
} TopicState;

typedef struct
{
  char       *title;
  char       *date;
  TopicState  state;
  int         days;
} Topic;

static void
topic_free (Topic *topic)
{
  g_free (topic->title);
  g_free (topic->date);
  g_free (topic);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const Topic *x = *(Topic **)a;
  const Topic *y = *(Topic **)b;

  if (x->state != y->state)
    return (int)x->state - (int)y->state;
  if (x->state == TOPIC_DONE)
    return y->days > x->days ? 1 : y->days < x->days ? -1 : 0;
  return x->days < y->days ? -1 : x->days > y->days ? 1 : 0;
}

static const char *
get_concept_code (JsonObject *concept)
{
  return care_fhir_get_string (care_fhir_get_first_coding (concept), "code");
}

static void
add_topic (CareImmunizationsView *self,
           GPtrArray             *topics,
           char                  *title,
           const char            *date,
           gboolean               done,
           gboolean               overdue)
{
  Topic *topic = g_new0 (Topic, 1);

  topic->title = title;
  topic->date = g_strdup (date);
  topic->days = date != NULL ? care_record_list_days_until (CARE_RECORD_LIST (self), date) : G_MININT;
  if (done)
    topic->state = TOPIC_DONE;
  else if (overdue || (topic->days != G_MININT && topic->days < 0))
    topic->state = TOPIC_OVERDUE;
  else
    topic->state = TOPIC_DUE;
  if (topic->days == G_MININT)
    topic->days = topic->state == TOPIC_DONE ? G_MININT : G_MAXINT;
  g_ptr_array_add (topics, topic);
}

static void
collect_recommendations (CareImmunizationsView *self,
                         GPtrArray             *topics,
                         JsonObject            *resource)
{
  JsonArray *recommendations = care_fhir_get_array (resource, "recommendation");

  for (guint i = 0; recommendations != NULL && i < json_array_get_length (recommendations); i++)
    {
      JsonObject *recommendation = care_fhir_get_array_object (resource, "recommendation", i);
      JsonArray *criteria = care_fhir_get_array (recommendation, "dateCriterion");
      const char *status = get_concept_code (care_fhir_get_object (recommendation, "forecastStatus"));
      const char *due = NULL;
      char *title = care_fhir_dup_concept_text (care_fhir_get_array_object (recommendation, "vaccineCode", 0));

      if (title == NULL)
        title = care_fhir_dup_concept_text (care_fhir_get_object (recommendation, "targetDisease"));
      if (title == NULL || g_strcmp0 (status, "contraindicated") == 0)
        {
          g_free (title);
          continue;
        }
      for (guint j = 0; criteria != NULL && j < json_array_get_length (criteria); j++)
        {
          JsonObject *criterion = care_fhir_get_array_object (recommendation, "dateCriterion", j);

          if (due == NULL || g_strcmp0 (get_concept_code (care_fhir_get_object (criterion, "code")),
                                        LOINC_DUE_DATE) == 0)
            due = care_fhir_get_string (criterion, "value");
        }
      add_topic (self, topics, title, due,
                 g_strcmp0 (status, "complete") == 0 || g_strcmp0 (status, "immune") == 0,
                 g_strcmp0 (status, "overdue") == 0);
    }
}

static void
collect_activities (CareImmunizationsView *self,
                    GPtrArray             *topics,
                    JsonObject            *plan)
{
  JsonArray *activities = care_fhir_get_array (plan, "activity");

  for (guint i = 0; activities != NULL && i < json_array_get_length (activities); i++)
    {
      JsonObject *detail = care_fhir_get_object (care_fhir_get_array_object (plan, "activity", i), "detail");
      const char *status = care_fhir_get_string (detail, "status");
      char *title = care_due_dup_activity_title (detail);

      if (title == NULL || (!care_due_activity_is_open (detail) && g_strcmp0 (status, "completed") != 0))
        {
          g_free (title);
          continue;
        }
      add_topic (self, topics, title, care_due_activity_date (detail),
                 g_strcmp0 (status, "completed") == 0, FALSE);
    }
}

static void
add_topic_row (CareImmunizationsView *self,
               AdwPreferencesGroup   *group,
               Topic                 *topic)
{
  g_autofree char *date = care_record_list_dup_date_text (topic->date);
  g_autofree char *when = NULL;
  AdwActionRow *row;

  if (topic->state == TOPIC_DONE)
    /* Translators: %s is a date */
    when = date != NULL ? g_strdup_printf (_("Done %s"), date) : NULL;
  else if (topic->state == TOPIC_OVERDUE)
    /* Translators: %s is a date */
    when = date != NULL ? g_strdup_printf (_("Was due %s"), date) : NULL;
  else if (topic->days == 0)
    when = g_strdup (_("Due today"));
  else if (topic->days > 0 && topic->days <= 60)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days",
                                         (gulong)topic->days), topic->days);
  else if (date != NULL)
    /* Translators: %s is a date */
    when = g_strdup_printf (_("Due %s"), date);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, topic->title, when);
  switch (topic->state)
    {
    case TOPIC_OVERDUE:
      adw_action_row_add_prefix (row, care_a11y_decoration_new ("dialog-warning-symbolic"));
      care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Overdue"), CARE_TAG_ERROR);
      break;
    case TOPIC_DUE:
      adw_action_row_add_prefix (row, care_a11y_decoration_new ("alarm-symbolic"));
      care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), topic->days <= 30 ? _("Due soon") : _("Due"),
                                topic->days <= 30 ? CARE_TAG_WARNING : CARE_TAG_NEUTRAL);
      break;
    case TOPIC_DONE:
    default:
      adw_action_row_add_prefix (row, care_a11y_decoration_new ("emblem-ok-symbolic"));
      care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Done"), CARE_TAG_GOOD);
      break;
    }
}

static void
add_immunization_row (CareImmunizationsView *self,
                      AdwPreferencesGroup   *group,
                      JsonObject            *immunization,
                      const char            *indexed_name,
                      Outbox                 outbox)
{
  g_autofree char *name = care_fhir_dup_concept_text (care_fhir_get_object (immunization, "vaccineCode"));
  g_autofree char *date = care_record_list_dup_date_text (care_fhir_get_string (immunization,
                                                                                "occurrenceDateTime"));
  g_autofree char *where = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), immunization,
                                                                care_fhir_get_object (immunization, "location"));
  JsonObject *protocol = care_fhir_get_array_object (immunization, "protocolApplied", 0);
  JsonNode *dose = protocol != NULL ? json_object_get_member (protocol, "doseNumberPositiveInt") : NULL;
  JsonNode *primary = json_object_get_member (immunization, "primarySource");
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  if (where == NULL)
    {
      JsonObject *performer = care_fhir_get_array_object (immunization, "performer", 0);

      where = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), immunization,
                                                   care_fhir_get_object (performer, "actor"));
    }
  if (date != NULL)
    g_string_append (details, date);
  if (dose != NULL && JSON_NODE_HOLDS_VALUE (dose) && json_node_get_value_type (dose) == G_TYPE_INT64)
    {
      /* Translators: %d is which dose of a series, "Dose 2" */
      g_autofree char *line = g_strdup_printf (_("Dose %d"), (int)json_node_get_int (dose));

      g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", line);
    }
  else if (care_fhir_get_string (protocol, "doseNumberString") != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "",
                            care_fhir_get_string (protocol, "doseNumberString"));
  if (where != NULL)
    {
      /* Translators: %s is a place, "Riverside Family Health" */
      g_autofree char *line = g_strdup_printf (_("Given at %s"), where);

      g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", line);
    }

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group,
                                  name != NULL ? name : indexed_name != NULL ? indexed_name
                                                                             : _("Unnamed vaccine"),
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-immunizations-symbolic"));
  if (outbox == OUTBOX_PENDING)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Waiting to send"), CARE_TAG_ACCENT);
  else if (outbox == OUTBOX_REFUSED)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Not accepted"), CARE_TAG_ERROR);
  else if (primary != NULL && JSON_NODE_HOLDS_VALUE (primary) &&
           json_node_get_value_type (primary) == G_TYPE_BOOLEAN && !json_node_get_boolean (primary))
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("Reported"), CARE_TAG_NEUTRAL);
}

static void
populate (CareRecordView *view)
{
  CareImmunizationsView *self = CARE_IMMUNIZATIONS_VIEW (view);
  GListModel *immunizations = care_record_list_get_results (CARE_RECORD_LIST (self), "immunizations");
  GListModel *forecasts = care_record_list_get_results (CARE_RECORD_LIST (self), "forecasts");
  GListModel *plans = care_record_list_get_results (CARE_RECORD_LIST (self), "plans");
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func ((GDestroyNotify)topic_free);
  g_autoptr(GPtrArray) pending = care_record_list_dup_outbox (CARE_RECORD_LIST (self), "Immunization",
                                                              CARE_OUTBOX_PENDING);
  g_autoptr(GPtrArray) refused = care_record_list_dup_outbox (CARE_RECORD_LIST (self), "Immunization",
                                                              CARE_OUTBOX_REFUSED);
  guint n = immunizations != NULL ? g_list_model_get_n_items (immunizations) : 0;
  AdwPreferencesGroup *group;
  GtkWidget *button;

  for (guint i = 0; forecasts != NULL && i < g_list_model_get_n_items (forecasts); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (forecasts, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        collect_recommendations (self, topics, resource);
    }
  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (plans, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL && care_due_plan_is_health_maintenance (resource) &&
          g_strcmp0 (care_fhir_get_string (resource, "status"), "active") == 0)
        collect_activities (self, topics, resource);
    }
  g_ptr_array_sort (topics, compare_topics);

  if (topics->len > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Preventive Care"),
                                          _("Vaccines, screenings and check-ups your care team "
                                            "recommends"));
      for (guint i = 0; i < topics->len; i++)
        add_topic_row (self, group, g_ptr_array_index (topics, i));
    }

  if (n == 0 && pending->len == 0 && refused->len == 0)
    return;

  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Vaccines Given"), NULL);
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add One I Got Elsewhere"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add One I Got Elsewhere"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "immunizations.add");
  adw_preferences_group_set_header_suffix (group, button);

  for (guint i = 0; i < pending->len; i++)
    add_immunization_row (self, group, g_ptr_array_index (pending, i), NULL, OUTBOX_PENDING);
  for (guint i = 0; i < refused->len; i++)
    add_immunization_row (self, group, g_ptr_array_index (refused, i), NULL, OUTBOX_REFUSED);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (immunizations, i);
      g_autoptr(JsonObject) immunization = care_resource_item_dup_resource (item, NULL);

      if (immunization != NULL)
        add_immunization_row (self, group, immunization, care_resource_item_get_display_name (item),
                              OUTBOX_NONE);
    }
}

static const char *origin_codes[] = { "record", "provider", "school", "recall" };

/**
 * care_immunizations_view_add_reported:
 * @self: a #CareImmunizationsView
 * @vaccine: which vaccine
 * @date: when, a FHIR date ("2025-10-03")
 * @place: (nullable): where it was given
 * @origin: (nullable): an immunization-origin code: "record", "provider",
 *   "school" or "recall"
 * @error: return location for a #GError
 *
 * Queues a patient-reported Immunization, as the dialog does.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_immunizations_view_add_reported (CareImmunizationsView  *self,
                                      const char             *vaccine,
                                      const char             *date,
                                      const char             *place,
                                      const char             *origin,
                                      GError                **error)
{
  g_autofree char *patient = care_record_list_dup_patient_reference (CARE_RECORD_LIST (self));
  g_autoptr(CareOutboxDraft) draft = NULL;
  GDate today;

  g_return_val_if_fail (CARE_IS_IMMUNIZATIONS_VIEW (self), FALSE);
  g_return_val_if_fail (vaccine != NULL && vaccine[0] != '\0', FALSE);

  g_date_clear (&today, 1);
  care_record_list_get_today (CARE_RECORD_LIST (self), &today);
  if (patient != NULL)
    {
      draft = care_immunization_draft_new (patient, vaccine, date, place, origin, &today, error);
      if (draft == NULL)
        return FALSE;
    }
  return care_record_list_queue_draft (CARE_RECORD_LIST (self), draft, error);
}

typedef struct
{
  CareImmunizationsView *self;
  AdwEntryRow           *vaccine;
  AdwEntryRow           *date;
  GtkWidget             *date_error;
  AdwEntryRow           *place;
  AdwComboRow           *origin;
  GWeakRef               return_focus;
} AddDialog;

static void
add_dialog_free (gpointer  data,
                 GClosure *closure)
{
  AddDialog *add = data;

  g_weak_ref_clear (&add->return_focus);
  g_object_unref (add->self);
  g_free (add);
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AddDialog        *add)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vaccine = NULL;
  g_autofree char *date = NULL;
  guint origin = adw_combo_row_get_selected (add->origin);
  g_autoptr(GtkWidget) focus = g_weak_ref_get (&add->return_focus);

  /* Whatever the answer, the keyboard goes back where it was: the window
   * is brought back (no window manager may do it) and its button focused. */
  if (focus != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (focus);

      if (GTK_IS_WINDOW (root))
        gtk_window_present (GTK_WINDOW (root));
      gtk_widget_grab_focus (focus);
    }

  if (!g_str_equal (response, "add"))
    return;
  vaccine = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->vaccine))));
  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->date))));
  if (!care_immunizations_view_add_reported (add->self, vaccine, date,
                                             gtk_editable_get_text (GTK_EDITABLE (add->place)),
                                             origin < G_N_ELEMENTS (origin_codes) ? origin_codes[origin] : NULL,
                                             &error))
    care_record_view_show_toast (CARE_RECORD_VIEW (add->self), error->message);
}

static void
on_fields_changed_cb (AddDialog        *add,
                      GtkEditable      *editable)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (add->vaccine), ADW_TYPE_MESSAGE_DIALOG);
  g_autofree char *vaccine = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->vaccine))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->date))));
  gint64 seconds;
  gboolean date_ok = care_fhir_parse_date (date, &seconds, NULL);

  /* Said in words under the field and tied to it, not only in red. */
  care_a11y_set_error (GTK_WIDGET (add->date), add->date_error,
                       date_ok || date[0] == '\0'
                         ? NULL
                         : _("Write the date as year-month-day, such as 2024-03-15."));
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add",
                                             vaccine[0] != '\0' && date_ok);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CareImmunizationsView *self = CARE_IMMUNIZATIONS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *origins[] = { _("My vaccination card"), _("Another clinic or pharmacy"),
                            _("School records"), _("What I remember"), NULL };
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *fields;
  AddDialog *add;

  if (!care_record_list_can_write (CARE_RECORD_LIST (self), "Immunization"))
    {
      care_record_list_show_portal_only (CARE_RECORD_LIST (self),
                                         _("This health system does not accept vaccines from apps. "
                                           "Send your care team a message in your portal with your "
                                           "vaccination record, or bring it to your next visit."));
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add a Vaccine You Got Elsewhere"),
                                   _("Your care team will see that you reported it, and may ask for "
                                     "your vaccination record."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  add = g_new0 (AddDialog, 1);
  add->self = g_object_ref (self);
  g_weak_ref_init (&add->return_focus, GTK_IS_ROOT (root) ? gtk_root_get_focus (root) : NULL);
  add->vaccine = ADW_ENTRY_ROW (care_a11y_entry_row_new (_("Vaccine")));
  add->date = ADW_ENTRY_ROW (care_a11y_entry_row_new (_("Date (year-month-day)")));
  add->place = ADW_ENTRY_ROW (care_a11y_entry_row_new (_("Where")));
  add->origin = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->origin), _("From"));
  adw_combo_row_set_model (add->origin, G_LIST_MODEL (gtk_string_list_new (origins)));

  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  /* The list is said by the form's name, not as "GtkListBox". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a Vaccine You Got Elsewhere"),
                                  -1);
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->vaccine));
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->date));
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->place));
  gtk_list_box_append (GTK_LIST_BOX (box), GTK_WIDGET (add->origin));
  add->date_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (add->date_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (add->date_error), 0.0f);
  gtk_widget_add_css_class (add->date_error, "error");
  gtk_widget_set_visible (add->date_error, FALSE);
  fields = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (fields), box);
  gtk_box_append (GTK_BOX (fields), add->date_error);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), fields);

  g_signal_connect_swapped (add->vaccine, "changed", G_CALLBACK (on_fields_changed_cb), add);
  g_signal_connect_swapped (add->date, "changed", G_CALLBACK (on_fields_changed_cb), add);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_add_response_cb), add, add_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (add->vaccine));
}

static void
add_queries (CareImmunizationsView *self)
{
  g_autoptr(CareCacheQuery) immunizations = care_cache_query_new ("Immunization");
  g_autoptr(CareCacheQuery) forecasts = care_cache_query_new ("ImmunizationRecommendation");
  g_autoptr(CareCacheQuery) plans = care_cache_query_new ("CarePlan");

  care_cache_query_set_sort (immunizations, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "immunizations", immunizations);
  care_cache_query_set_sort (forecasts, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "forecasts", forecasts);
  care_cache_query_set_sort (plans, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "plans", plans);
}

static void
care_immunizations_view_constructed (GObject *object)
{
  G_OBJECT_CLASS (care_immunizations_view_parent_class)->constructed (object);

  /* The list's status pages exist from its constructed on. */
  care_view_stack_set_empty_action (care_record_list_get_stack (CARE_RECORD_LIST (object)),
                                    _("Add One I Got Elsewhere"), "immunizations.add");
}

static void
care_immunizations_view_class_init (CareImmunizationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_immunizations_view_constructed;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/immunizations/care-immunizations-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  gtk_widget_class_install_action (widget_class, "immunizations.add", NULL, add_action);
}

static void
care_immunizations_view_init (CareImmunizationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_immunizations_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_immunizations_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_IMMUNIZATIONS_VIEW, "context", context, NULL);
}
