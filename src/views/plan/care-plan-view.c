/* care-plan-view.c — the plan of care: plans, goals and the care team
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CarePlans with their period and activities (health maintenance plans
 * are shown with preventive care instead), Goals with their status in
 * words and, where a target names a measured quantity, the latest value
 * beside the target, and every CareTeam with each member's role and how
 * to reach them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-plan-view.h"

#include "care-fhir.h"
#include "care-launch.h"
#include "care-resource-item.h"
#include "care-time.h"

#include <string.h>

struct _CarePlanView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CarePlanView, care_plan_view, CARE_TYPE_RECORD_LIST)

static const char *
get_concept_code (JsonObject *concept)
{
  return care_fhir_get_string (care_fhir_get_first_coding (concept), "code");
}

static gboolean
is_health_maintenance (JsonObject *plan)
{
  JsonArray *categories = care_fhir_get_array (plan, "category");
  g_autofree char *title = g_utf8_strdown (care_fhir_get_string (plan, "title") ?: "", -1);

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *category = care_fhir_get_array_object (plan, "category", i);
      g_autofree char *text = care_fhir_dup_concept_text (category);
      g_autofree char *lower = g_utf8_strdown (text ?: "", -1);
      const char *code = get_concept_code (category);

      if (g_strcmp0 (code, "health-maintenance") == 0 || g_strcmp0 (code, "preventive") == 0 ||
          strstr (lower, "preventive") != NULL || strstr (lower, "health maintenance") != NULL)
        return TRUE;
    }
  return strstr (title, "health maintenance") != NULL || strstr (title, "preventive") != NULL;
}

static const char *
activity_status_text (const char   *status,
                      CareTagStyle *out_style)
{
  *out_style = CARE_TAG_NEUTRAL;
  if (g_strcmp0 (status, "completed") == 0)
    {
      *out_style = CARE_TAG_GOOD;
      return _("Done");
    }
  if (g_strcmp0 (status, "in-progress") == 0)
    {
      *out_style = CARE_TAG_ACCENT;
      return _("In progress");
    }
  if (g_strcmp0 (status, "scheduled") == 0)
    return _("Scheduled");
  if (g_strcmp0 (status, "not-started") == 0)
    return _("Not started");
  if (g_strcmp0 (status, "on-hold") == 0)
    {
      *out_style = CARE_TAG_WARNING;
      return _("On hold");
    }
  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "stopped") == 0)
    return _("Stopped");
  return NULL;
}

static char *
dup_period_text (JsonObject *period)
{
  g_autofree char *start = care_record_list_dup_date_text (care_fhir_get_string (period, "start"));
  g_autofree char *end = care_record_list_dup_date_text (care_fhir_get_string (period, "end"));

  if (start != NULL && end != NULL)
    /* Translators: a period, "Mar 5, 2022 to Apr 19, 2022" */
    return g_strdup_printf (_("%1$s to %2$s"), start, end);
  if (start != NULL)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Since %s"), start);
  if (end != NULL)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Until %s"), end);
  return NULL;
}

static void
add_plan_row (CarePlanView        *self,
              AdwPreferencesGroup *group,
              JsonObject          *plan,
              const char          *indexed_name)
{
  const char *title = care_fhir_get_string (plan, "title");
  const char *description = care_fhir_get_string (plan, "description");
  g_autofree char *period = dup_period_text (care_fhir_get_object (plan, "period"));
  JsonArray *activities = care_fhir_get_array (plan, "activity");
  g_autoptr(GString) details = g_string_new (NULL);
  AdwExpanderRow *row;

  if (period != NULL)
    g_string_append (details, period);
  if (title != NULL && description != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", description);

  row = care_record_list_add_expander (CARE_RECORD_LIST (self), group,
                                       title != NULL ? title : indexed_name != NULL ? indexed_name
                                                                                    : _("Care plan"),
                                       details->len > 0 ? details->str : NULL);
  adw_expander_row_add_prefix (row, care_a11y_decoration_new ("care-plan-symbolic"));
  adw_expander_row_set_expanded (row, TRUE);

  for (guint i = 0; activities != NULL && i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = care_fhir_get_array_object (plan, "activity", i);
      JsonObject *detail = care_fhir_get_object (activity, "detail");
      g_autofree char *name = g_strdup (care_fhir_get_string (detail, "description"));
      CareTagStyle style;
      const char *status;
      AdwActionRow *child;

      if (name == NULL)
        name = care_fhir_dup_concept_text (care_fhir_get_object (detail, "code"));
      if (name == NULL)
        name = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), plan,
                                                    care_fhir_get_object (activity, "reference"));
      if (name == NULL)
        continue;
      child = care_record_list_add_child_row (CARE_RECORD_LIST (self), row, name,
                                              care_fhir_get_string (detail, "scheduledString"));
      status = activity_status_text (care_fhir_get_string (detail, "status"), &style);
      if (status != NULL)
        care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (child), status, style);
    }
}

static const char *
achievement_text (const char   *code,
                  CareTagStyle *out_style)
{
  static const struct { const char *code; const char *text; CareTagStyle style; } words[] = {
    { "in-progress", N_("In progress"), CARE_TAG_ACCENT },
    { "improving", N_("Improving"), CARE_TAG_GOOD },
    { "worsening", N_("Getting worse"), CARE_TAG_WARNING },
    { "no-change", N_("No change"), CARE_TAG_NEUTRAL },
    { "achieved", N_("Achieved"), CARE_TAG_GOOD },
    { "sustaining", N_("Keeping it up"), CARE_TAG_GOOD },
    { "not-achieved", N_("Not achieved"), CARE_TAG_WARNING },
    { "no-progress", N_("No progress"), CARE_TAG_WARNING },
    { "not-attainable", N_("Not attainable"), CARE_TAG_NEUTRAL },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (words[i].code, code))
      {
        *out_style = words[i].style;
        return _(words[i].text);
      }
  return NULL;
}

static const char *
lifecycle_text (const char *code)
{
  static const struct { const char *code; const char *text; } words[] = {
    { "proposed", N_("Proposed") }, { "planned", N_("Planned") }, { "accepted", N_("Accepted") },
    { "on-hold", N_("On hold") }, { "completed", N_("Completed") }, { "cancelled", N_("Cancelled") },
    { "rejected", N_("Declined") },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (words[i].code, code))
      return _(words[i].text);
  return NULL;
}

/* A goal's icon says what its words say (the tag beside it): done,
 * under way, not going well, paused, planned or given up. Decoration
 * only: the words are what a screen reader hears. */
static const char *
goal_icon_name (const char *lifecycle,
                const char *achievement)
{
  static const struct { const char *code; const char *icon; } icons[] = {
    /* goal-lifecycle-status first: it ends a goal whatever was achieved */
    { "completed", "object-select-symbolic" },
    { "cancelled", "action-unavailable-symbolic" },
    { "rejected", "action-unavailable-symbolic" },
    { "entered-in-error", "action-unavailable-symbolic" },
    { "on-hold", "media-playback-pause-symbolic" },
    { "proposed", "content-loading-symbolic" },
    { "planned", "content-loading-symbolic" },
  }, achievements[] = {
    { "achieved", "object-select-symbolic" },
    { "sustaining", "object-select-symbolic" },
    { "not-attainable", "action-unavailable-symbolic" },
    { "worsening", "dialog-warning-symbolic" },
    { "not-achieved", "dialog-warning-symbolic" },
    { "no-progress", "dialog-warning-symbolic" },
  };

  for (guint i = 0; lifecycle != NULL && i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (icons[i].code, lifecycle))
      return icons[i].icon;
  for (guint i = 0; achievement != NULL && i < G_N_ELEMENTS (achievements); i++)
    if (g_str_equal (achievements[i].code, achievement))
      return achievements[i].icon;
  /* Active, accepted, in progress, improving, no change: under way. */
  return "media-playback-start-symbolic";
}

static char *
dup_target_text (JsonObject *quantity)
{
  g_autofree char *value = NULL;
  const char *comparator = care_fhir_get_string (quantity, "comparator");
  g_autoptr(JsonObject) plain = NULL;

  if (quantity == NULL)
    return NULL;
  /* The comparator is said in words, so the number is shown without it. */
  plain = json_object_new ();
  if (json_object_get_member (quantity, "value") != NULL)
    json_object_set_member (plain, "value", json_node_copy (json_object_get_member (quantity, "value")));
  if (care_fhir_get_string (quantity, "unit") != NULL)
    json_object_set_string_member (plain, "unit", care_fhir_get_string (quantity, "unit"));
  value = care_fhir_dup_quantity_text (plain);
  if (value == NULL)
    return NULL;

  /* Translators: a goal's target, "below 7 %" */
  if (g_strcmp0 (comparator, "<") == 0)
    return g_strdup_printf (_("below %s"), value);
  /* Translators: a goal's target, "at most 82 kg" */
  if (g_strcmp0 (comparator, "<=") == 0)
    return g_strdup_printf (_("at most %s"), value);
  /* Translators: a goal's target, "above 40 mg/dL" */
  if (g_strcmp0 (comparator, ">") == 0)
    return g_strdup_printf (_("above %s"), value);
  /* Translators: a goal's target, "at least 60 minutes" */
  if (g_strcmp0 (comparator, ">=") == 0)
    return g_strdup_printf (_("at least %s"), value);
  return g_steal_pointer (&value);
}

typedef struct
{
  CarePlanView *self;
  AdwActionRow *row;
} GoalLatest;

static void
goal_latest_free (GoalLatest *latest)
{
  g_object_unref (latest->self);
  g_object_unref (latest->row);
  g_free (latest);
}

static void
latest_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GoalLatest *latest = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = care_cache_query_finish (CARE_CACHE (source), result, &error);
  g_autoptr(CareResourceItem) item = NULL;
  g_autofree char *line = NULL;
  const char *value;
  GDateTime *when;

  /* A reload cancels it: the row is gone by then. */
  if (model == NULL || g_list_model_get_n_items (model) == 0)
    {
      goal_latest_free (latest);
      return;
    }
  item = g_list_model_get_item (model, 0);
  value = care_resource_item_get_value_text (item);
  when = care_resource_item_get_effective_date (item);
  if (value != NULL && when != NULL)
    {
      g_autofree char *date = care_time_format_day (when);

      /* Translators: %1$s is a measured value ("7.2 %"), %2$s its date */
      line = g_strdup_printf (_("Latest %1$s on %2$s"), value, date);
    }
  else if (value != NULL)
    /* Translators: %s is a measured value, "7.2 %" */
    line = g_strdup_printf (_("Latest %s"), value);
  if (line != NULL)
    care_record_list_add_detail (CARE_RECORD_LIST (latest->self), latest->row, line);
  goal_latest_free (latest);
}

/* The newest measurement of a goal's target, by its code, in a query of
 * its own; the row gets it when it comes. */
static void
load_latest (CarePlanView *self,
             AdwActionRow *row,
             JsonObject   *measure)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  JsonObject *coding = care_fhir_get_first_coding (measure);
  g_autoptr(CareCacheQuery) query = NULL;
  GoalLatest *latest;

  if (cache == NULL || care_fhir_get_string (coding, "code") == NULL)
    return;
  query = care_cache_query_new ("Observation");
  care_cache_query_set_code (query, care_fhir_get_string (coding, "system"),
                             care_fhir_get_string (coding, "code"));
  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  latest = g_new0 (GoalLatest, 1);
  latest->self = g_object_ref (self);
  latest->row = g_object_ref (row);
  care_cache_query_async (cache, query, care_record_view_get_cancellable (CARE_RECORD_VIEW (self)),
                          latest_loaded_cb, latest);
}

static void
add_goal_row (CarePlanView        *self,
              AdwPreferencesGroup *group,
              JsonObject          *goal,
              const char          *indexed_name)
{
  g_autofree char *name = care_fhir_dup_concept_text (care_fhir_get_object (goal, "description"));
  JsonObject *target = care_fhir_get_array_object (goal, "target", 0);
  g_autofree char *wanted = dup_target_text (care_fhir_get_object (target, "detailQuantity"));
  g_autofree char *due = care_record_list_dup_date_text (care_fhir_get_string (target, "dueDate"));
  const char *lifecycle = lifecycle_text (care_fhir_get_string (goal, "lifecycleStatus"));
  CareTagStyle style = CARE_TAG_NEUTRAL;
  JsonObject *achieved = care_fhir_get_object (goal, "achievementStatus");
  const char *achievement = achievement_text (get_concept_code (achieved), &style);
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  if (wanted != NULL)
    /* Translators: %s is a goal's target, "below 7 %" */
    g_string_append_printf (details, _("Target: %s"), wanted);
  if (due != NULL)
    {
      /* Translators: %s is a date */
      g_autofree char *line = g_strdup_printf (_("By %s"), due);

      g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", line);
    }

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group,
                                  name != NULL ? name : indexed_name != NULL ? indexed_name : _("Goal"),
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new (goal_icon_name (care_fhir_get_string (goal,
                                                                                                 "lifecycleStatus"),
                                                                            get_concept_code (achieved))));
  if (lifecycle != NULL)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), lifecycle, CARE_TAG_NEUTRAL);
  else if (achievement != NULL)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), achievement, style);
  if (target != NULL)
    load_latest (self, row, care_fhir_get_object (target, "measure"));
}

static void
add_contact_button (AdwActionRow *row,
                    const char   *icon_name,
                    const char   *scheme,
                    const char   *value,
                    const char   *label)
{
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  if (g_str_equal (scheme, "tel"))
    {
      GString *digits = g_string_new (NULL);

      for (const char *p = value; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || *p == '+')
          g_string_append_c (digits, *p);
      escaped = g_string_free (digits, FALSE);
    }
  else
    escaped = g_uri_escape_string (value, "@", FALSE);
  uri = g_strdup_printf ("%s:%s", scheme, escaped);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.contact");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (uri));
  adw_action_row_add_suffix (row, button);
}

static void
add_member_row (CarePlanView        *self,
                AdwPreferencesGroup *group,
                JsonObject          *team,
                JsonObject          *participant)
{
  JsonObject *member = care_fhir_get_object (participant, "member");
  g_autofree char *name = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), team, member);
  g_autofree char *role = care_fhir_dup_concept_text (care_fhir_get_array_object (participant, "role", 0));
  g_autoptr(JsonObject) person = care_record_list_lookup (CARE_RECORD_LIST (self), team, member);
  JsonArray *telecom = care_fhir_get_array (person, "telecom");
  const char *phone = NULL;
  const char *email = NULL;
  g_autoptr(GString) details = g_string_new (role);
  AdwActionRow *row;
  g_autofree char *call = NULL;
  g_autofree char *write = NULL;

  if (name == NULL)
    return;
  for (guint i = 0; telecom != NULL && i < json_array_get_length (telecom); i++)
    {
      JsonObject *point = care_fhir_get_array_object (person, "telecom", i);
      const char *system = care_fhir_get_string (point, "system");

      if (g_strcmp0 (system, "phone") == 0 && phone == NULL)
        phone = care_fhir_get_string (point, "value");
      else if (g_strcmp0 (system, "email") == 0 && email == NULL)
        email = care_fhir_get_string (point, "value");
    }
  if (phone != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", phone);
  if (email != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", email);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, name, details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("avatar-default-symbolic"));
  if (email != NULL)
    {
      /* Translators: %s is a person's name */
      write = g_strdup_printf (_("Email %s"), name);
      add_contact_button (row, "mail-unread-symbolic", "mailto", email, write);
    }
  if (phone != NULL)
    {
      /* Translators: %s is a person's name */
      call = g_strdup_printf (_("Call %s"), name);
      add_contact_button (row, "call-start-symbolic", "tel", phone, call);
    }
}

static void
populate (CareRecordView *view)
{
  CarePlanView *self = CARE_PLAN_VIEW (view);
  GListModel *plans = care_record_list_get_results (CARE_RECORD_LIST (self), "plans");
  GListModel *goals = care_record_list_get_results (CARE_RECORD_LIST (self), "goals");
  GListModel *teams = care_record_list_get_results (CARE_RECORD_LIST (self), "teams");
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (plans, i);
      g_autoptr(JsonObject) plan = care_resource_item_dup_resource (item, NULL);

      if (plan == NULL || is_health_maintenance (plan) ||
          g_strcmp0 (care_fhir_get_string (plan, "status"), "entered-in-error") == 0)
        continue;
      if (group == NULL)
        group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Care Plans"), NULL);
      add_plan_row (self, group, plan, care_resource_item_get_display_name (item));
    }

  if (goals != NULL && g_list_model_get_n_items (goals) > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Goals"),
                                          _("What you and your care team are working towards"));
      for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
        {
          g_autoptr(CareResourceItem) item = g_list_model_get_item (goals, i);
          g_autoptr(JsonObject) goal = care_resource_item_dup_resource (item, NULL);

          if (goal != NULL)
            add_goal_row (self, group, goal, care_resource_item_get_display_name (item));
        }
    }

  for (guint i = 0; teams != NULL && i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (teams, i);
      g_autoptr(JsonObject) team = care_resource_item_dup_resource (item, NULL);
      JsonArray *participants = care_fhir_get_array (team, "participant");

      if (team == NULL || participants == NULL ||
          g_strcmp0 (care_fhir_get_string (team, "status"), "inactive") == 0)
        continue;
      group = care_record_list_add_group (CARE_RECORD_LIST (self),
                                          care_fhir_get_string (team, "name") ?: _("Care Team"), NULL);
      for (guint j = 0; j < json_array_get_length (participants); j++)
        add_member_row (self, group, team, care_fhir_get_array_object (team, "participant", j));
    }
}

static void
contact_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  /* With no app for calls or e-mail: the number or address, to copy. */
  care_launch_uri (widget, g_variant_get_string (parameter, NULL));
}

static void
add_queries (CarePlanView *self)
{
  g_autoptr(CareCacheQuery) plans = care_cache_query_new ("CarePlan");
  g_autoptr(CareCacheQuery) goals = care_cache_query_new ("Goal");
  g_autoptr(CareCacheQuery) teams = care_cache_query_new ("CareTeam");

  care_cache_query_set_sort (plans, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "plans", plans);
  care_cache_query_set_sort (goals, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "goals", goals);
  care_cache_query_set_sort (teams, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "teams", teams);
}

static void
care_plan_view_class_init (CarePlanViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/plan/care-plan-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  gtk_widget_class_install_action (widget_class, "plan.contact", "s", contact_action);
}

static void
care_plan_view_init (CarePlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_plan_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_plan_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_PLAN_VIEW, "context", context, NULL);
}
