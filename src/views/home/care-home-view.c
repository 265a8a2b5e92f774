/* care-home-view.c — the person's health at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Home answers "what do I need to know now" for the person on screen:
 * whose record this is and, for a proxy, what the portal withholds and
 * when that changes; what is new (results and messages of the last 30
 * days); the next appointment; the questionnaires due; the preventive care that is due or
 * overdue; and the few things people come to do. Everything is read from
 * the cache, so Home draws at once, online or not. The lists' (small,
 * synchronous) cache reads run from an idle once the view is on screen,
 * never while it is built, and a burst of changes (a new person brings a
 * new record and its cache) is read once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-cache.h"
#include "care-due.h"
#include "care-fhir.h"
#include "care-home-appointments.h"
#include "care-home-view.h"
#include "care-message-read.h"
#include "care-record.h"
#include "care-resource-item.h"
#include "care-time.h"

#include <stdio.h>
#include <string.h>

#define RECENT_DAYS 30
#define MAX_NEW_ROWS 5

struct _CareHomeView
{
  AdwBin        parent_instance;

  CareContext  *context;
  GSignalGroup *record_signals;
  GSignalGroup *person_signals;

  AdwAvatar    *avatar;
  GtkLabel     *name_label;
  GtkLabel     *summary_label;
  GtkWidget    *sign_in_box;
  GtkLabel     *sign_in_label;
  GtkWidget    *access_group;
  GtkListBox   *access_list;
  GtkListBox   *new_list;
  GtkWidget    *appointment_group;
  GtkListBox   *appointment_list;
  GtkWidget    *tests_group;
  GtkListBox   *tests_list;
  GtkWidget    *questionnaires_group;
  GtkListBox   *questionnaires_list;
  GtkWidget    *care_due_group;
  GtkListBox   *care_due_list;
  GtkFlowBox   *actions_box;
  GtkWidget    *messages_action;
  GtkWidget    *appointments_action;

  guint         refresh_id;      /* the idle that refreshes, or 0 */
  guint         join_id;         /* when "Join" comes or goes, or 0 */
  guint         nudge_id;        /* the same refresh, if the idle never gets to run */
  gboolean      needs_refresh;   /* shown data is out of date */
  guint         generation;      /* moves on after each refresh */
};

G_DEFINE_FINAL_TYPE (CareHomeView, care_home_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a proxy is told is withheld, per resource type. */
static const struct
{
  const char *type;
  const char *label;
} withheld_labels[] = {
  { "DiagnosticReport", N_("Test results") },
  { "Observation", N_("Test results") },
  { "MedicationRequest", N_("Medications") },
  { "MedicationStatement", N_("Medications") },
  { "Condition", N_("Health issues") },
  { "DocumentReference", N_("Clinical notes") },
  { "Communication", N_("Messages") },
};

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_day (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  local = g_date_time_to_local (date);
  /* Translators: a date in a list, g_date_time_format(): "March 5, 2026" */
  return care_time_format (local, _("%B %-d, %Y"));
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *icon_name,
         const char *title,
         const char *subtitle,
         const char *section_id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), care_a11y_decoration_new (icon_name));

  if (section_id != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-section");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", section_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("go-next-symbolic"));
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_list_box_append (list, row);
  return row;
}

static GDateTime *
dup_today_start (CareHomeView *self)
{
  GDate today;

  care_context_get_today (self->context, &today);
  return g_date_time_new_local (g_date_get_year (&today), g_date_get_month (&today),
                                g_date_get_day (&today), 0, 0, 0);
}

static GListModel *
query (CareCache     *cache,
       const char    *type,
       GDateTime     *since,
       GDateTime     *until,
       CareCacheSort  sort)
{
  g_autoptr(CareCacheQuery) q = care_cache_query_new (type);
  g_autoptr(GError) error = NULL;
  GListModel *model;

  care_cache_query_set_range (q, since, until);
  care_cache_query_set_sort (q, sort);
  model = care_cache_query (cache, q, &error);
  if (model == NULL)
    g_debug ("Home could not read %s: %s", type, error->message);
  return model;
}

static guint
add_recent (CareHomeView *self,
            CareCache    *cache,
            const char   *type,
            const char   *icon_name,
            const char   *section_id,
            guint         room)
{
  g_autoptr(GDateTime) today = dup_today_start (self);
  g_autoptr(GDateTime) since = g_date_time_add_days (today, -RECENT_DAYS);
  g_autoptr(GDateTime) until = g_date_time_add_days (today, 1);
  g_autoptr(GListModel) model = query (cache, type, since, until, CARE_CACHE_SORT_NEWEST);
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0;

  if (model == NULL)
    return 0;

  /* One row per test or conversation: the newest of each. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; n < room && i < g_list_model_get_n_items (model) && i < 50; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (model, i);
      g_autofree char *day = NULL;
      const char *name = care_resource_item_get_display_name (item);

      if (name == NULL)
        name = g_str_equal (type, "Communication") ? _("Message") : _("Test result");
      if (!g_hash_table_add (seen, g_strdup (name)))
        continue;
      day = format_day (care_resource_item_get_effective_date (item));
      add_row (self->new_list, icon_name, name, day, section_id);
      n++;
    }
  return n;
}

static void
fill_new (CareHomeView *self,
          CareRecord   *record,
          CareCache    *cache)
{
  guint shown;
  guint unread;

  clear_list (self->new_list);

  /* Unread messages first: they clear as their conversations are opened. */
  unread = care_message_count_unread (cache);
  if (unread > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread message",
                                                             "%u unread messages", unread), unread);
      GtkWidget *row = add_row (self->new_list, "mail-unread-symbolic", title, NULL, "messages");

      gtk_widget_set_name (row, "home-unread-messages");
    }

  shown = add_recent (self, cache, "DiagnosticReport", "care-results-symbolic", "results",
                      MAX_NEW_ROWS - 2);
  shown += add_recent (self, cache, "Communication", "mail-unread-symbolic", "messages",
                       MAX_NEW_ROWS - shown);
  shown += unread > 0 ? 1 : 0;

  if (shown == 0 &&
      care_record_get_type_status (record, "DiagnosticReport", NULL) == CARE_TYPE_STATUS_WITHHELD)
    add_row (self->new_list, "changes-prevent-symbolic",
             _("Results and messages are not shared with proxies"), NULL, NULL);
  else if (shown == 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "No new results or messages in the last %d day",
                                      "No new results or messages in the last %d days",
                                      RECENT_DAYS),
                         RECENT_DAYS);

      add_row (self->new_list, "object-select-symbolic", text, NULL, NULL);
    }
}

static void queue_refresh (CareHomeView *self);

static gboolean
join_changed_cb (gpointer user_data)
{
  CareHomeView *self = user_data;

  self->join_id = 0;
  queue_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Now, on the context's day (tests and screenshots fix the day; the time
 * of day is the real one). */
static GDateTime *
dup_now (CareHomeView *self)
{
  g_autoptr(GDateTime) real = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = dup_today_start (self);

  return g_date_time_add_full (today, 0, 0, 0, g_date_time_get_hour (real), g_date_time_get_minute (real), 0);
}

static void
fill_appointment (CareHomeView *self,
                  CareCache    *cache)
{
  g_autoptr(GDateTime) today = dup_today_start (self);
  g_autoptr(GDateTime) now = dup_now (self);

  gint64 changes = care_home_fill_appointment (self->appointment_list, cache, today, now);

  /* "Join" shows from 30 minutes before a video visit: refresh then. */
  g_clear_handle_id (&self->join_id, g_source_remove);
  if (changes >= 0 && changes < 24 * 3600)
    self->join_id = g_timeout_add_seconds ((guint)changes + 1, join_changed_cb, self);
  gtk_widget_set_visible (self->tests_group, care_home_fill_tests (self->tests_list, cache) > 0);
}

static void
add_recommendation (CareHomeView *self,
                    JsonObject   *recommendation,
                    GDateTime    *today)
{
  JsonArray *vaccines = care_fhir_get_array (recommendation, "vaccineCode");
  JsonObject *status = care_fhir_get_object (recommendation, "forecastStatus");
  JsonObject *coding = care_fhir_get_first_coding (status);
  JsonArray *criteria = care_fhir_get_array (recommendation, "dateCriterion");
  const char *code = coding != NULL ? care_fhir_get_string (coding, "code") : NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GDateTime) due = NULL;
  GtkWidget *row;
  gboolean overdue;

  if (g_strcmp0 (code, "due") != 0 && g_strcmp0 (code, "overdue") != 0)
    return;

  if (vaccines != NULL && json_array_get_length (vaccines) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (vaccines, 0)))
    name = care_fhir_dup_concept_text (json_array_get_object_element (vaccines, 0));
  if (criteria != NULL && json_array_get_length (criteria) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (criteria, 0)))
    due = care_fhir_dup_date_time (care_fhir_get_string (json_array_get_object_element (criteria, 0),
                                                          "value"));

  overdue = g_strcmp0 (code, "overdue") == 0 ||
            (due != NULL && g_date_time_compare (due, today) < 0);
  if (due != NULL)
    {
      g_autofree char *day = format_day (due);

      subtitle = overdue
        /* Translators: %s is a date */
        ? g_strdup_printf (_("Overdue since %s"), day)
        /* Translators: %s is a date */
        : g_strdup_printf (_("Due %s"), day);
    }
  else
    subtitle = g_strdup (overdue ? _("Overdue") : _("Due"));

  row = add_row (self->care_due_list,
                 overdue ? "dialog-warning-symbolic" : "alarm-symbolic",
                 name != NULL ? name : _("Immunization"),
                 subtitle, "immunizations");
  if (overdue)
    gtk_widget_add_css_class (row, "care-overdue");
}

/* An open activity of a health maintenance plan, as the Immunizations page
 * lists it: overdue once its date has passed. */
static gboolean
add_activity (CareHomeView *self,
              JsonObject   *detail,
              GDateTime    *today)
{
  g_autofree char *name = care_due_dup_activity_title (detail);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *day = NULL;
  g_autofree char *subtitle = NULL;
  gboolean overdue;
  GtkWidget *row;

  if (name == NULL || !care_due_activity_is_open (detail))
    return FALSE;
  due = care_fhir_dup_date_time (care_due_activity_date (detail));
  overdue = due != NULL && g_date_time_compare (due, today) < 0;
  day = format_day (due);
  if (day != NULL)
    subtitle = overdue
      /* Translators: %s is a date */
      ? g_strdup_printf (_("Overdue since %s"), day)
      /* Translators: %s is a date */
      : g_strdup_printf (_("Due %s"), day);
  else
    subtitle = g_strdup (_("Due"));

  row = add_row (self->care_due_list, overdue ? "dialog-warning-symbolic" : "alarm-symbolic",
                 name, subtitle, "immunizations");
  if (overdue)
    gtk_widget_add_css_class (row, "care-overdue");
  return TRUE;
}

static void
fill_care_due (CareHomeView *self,
               CareCache    *cache)
{
  g_autoptr(GListModel) model = query (cache, "ImmunizationRecommendation", NULL, NULL,
                                       CARE_CACHE_SORT_NEWEST);
  g_autoptr(GListModel) plans = query (cache, "CarePlan", NULL, NULL, CARE_CACHE_SORT_NEWEST);
  g_autoptr(GDateTime) today = dup_today_start (self);
  gboolean shares_reminders = FALSE;

  clear_list (self->care_due_list);

  /* The newest forecast replaces the older ones. */
  if (model != NULL && g_list_model_get_n_items (model) > 0)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (model, 0);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);
      JsonArray *recommendations = resource != NULL
                                   ? care_fhir_get_array (resource, "recommendation") : NULL;

      shares_reminders = TRUE;
      for (guint i = 0; recommendations != NULL && i < json_array_get_length (recommendations); i++)
        {
          JsonNode *node = json_array_get_element (recommendations, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            add_recommendation (self, json_node_get_object (node), today);
        }
    }

  /* Screenings and check-ups of the health maintenance plans, as on the
   * Immunizations page. */
  for (guint i = 0; plans != NULL && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (plans, i);
      g_autoptr(JsonObject) plan = care_resource_item_dup_resource (item, NULL);
      JsonArray *activities = care_fhir_get_array (plan, "activity");

      if (plan == NULL || !care_due_plan_is_health_maintenance (plan))
        continue;
      shares_reminders = TRUE;
      if (g_strcmp0 (care_fhir_get_string (plan, "status"), "active") != 0)
        continue;
      for (guint j = 0; activities != NULL && j < json_array_get_length (activities); j++)
        add_activity (self, care_fhir_get_object (care_fhir_get_array_object (plan, "activity", j),
                                                  "detail"), today);
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->care_due_list)) != NULL)
    return;
  if (shares_reminders)
    add_row (self->care_due_list, "object-select-symbolic",
             _("Nothing is due right now"), NULL, "immunizations");
  else
    /* Not "nothing is due": the portal sends no forecasts or plans at all. */
    add_row (self->care_due_list, "dialog-information-symbolic",
             _("Your health system shares no reminders"),
             _("Ask your care team which screenings and vaccines are due."), "immunizations");
}

static gboolean
add_years (const char *birth_date,
           int         years,
           GDate      *out)
{
  int y, m, d;

  if (birth_date == NULL || sscanf (birth_date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  /* Someone born on February 29 has their birthday on March 1 in other years. */
  if (m == 2 && d == 29 && !g_date_is_leap_year (y + years))
    g_date_set_dmy (out, 1, 3, y + years);
  else
    g_date_set_dmy (out, d, m, y + years);
  return TRUE;
}

static char *
format_gdate (GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return format_day (dt);
}

static void
fill_access (CareHomeView *self,
             CareRecord   *record)
{
  CarePerson *person = care_record_get_person (record);
  CareCache *cache = care_record_get_cache (record);
  CareConnection *connection = care_record_get_connection (record);
  const char *name = care_person_get_display_name (person);
  GDate today;
  GDate turns;
  g_autoptr(GString) withheld = g_string_new (NULL);
  g_autoptr(GPtrArray) states = cache != NULL ? care_cache_list_type_states (cache) : NULL;
  g_autoptr(GHashTable) withheld_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  clear_list (self->access_list);
  care_context_get_today (self->context, &today);

  if (care_person_get_relationship (person) != CARE_RELATIONSHIP_SELF)
    {
      /* Translators: %1$s is a person's name */
      g_autofree char *title = g_strdup_printf (_("You are viewing %1$s’s record"), name);

      add_row (self->access_list, "system-users-symbolic", title,
               _("Their health system decides what you may see and change."), NULL);
    }

  /* What the portal withholds, in the person's words, never an empty list. */
  for (guint i = 0; states != NULL && i < states->len; i++)
    {
      CareTypeState *state = states->pdata[i];

      if (state->status == CARE_TYPE_STATUS_WITHHELD)
        g_hash_table_add (withheld_types, g_strdup (state->type));
    }
  for (guint j = 0; j < G_N_ELEMENTS (withheld_labels); j++)
    {
      const char *label = _(withheld_labels[j].label);

      if (!g_hash_table_contains (withheld_types, withheld_labels[j].type) ||
          strstr (withheld->str, label) != NULL)
        continue;
      if (withheld->len > 0)
        /* Translators: separates the items of a list: "Medications, Messages" */
        g_string_append (withheld, _(", "));
      g_string_append (withheld, label);
    }
  if (withheld->len > 0)
    {
      g_autofree char *subtitle = NULL;

      if (care_person_get_relationship (person) == CARE_RELATIONSHIP_CHILD)
        /* Translators: %1$s is a list of parts of the record */
        subtitle = g_strdup_printf (_("%1$s. Health systems keep these private between a teenager "
                                      "and their care team from age 12 to 17."),
                                    withheld->str);
      else
        subtitle = g_strdup_printf (_("%1$s."), withheld->str);
      add_row (self->access_list, "changes-prevent-symbolic",
               _("Not shared with proxies"), subtitle, NULL);
    }

  /* A parent learns ahead of time when their access changes. */
  if (care_person_get_relationship (person) == CARE_RELATIONSHIP_CHILD &&
      !care_person_get_deceased (person))
    {
      const char *birth = care_person_get_birth_date (person);
      int age = care_person_get_age_on (person, &today);

      if (age >= 0 && age < 12 && add_years (birth, 12, &turns))
        {
          g_autofree char *day = format_gdate (&turns);
          /* Translators: %1$s is a child's name, %2$s a date */
          g_autofree char *title = g_strdup_printf (_("%1$s turns 12 on %2$s"), name, day);

          add_row (self->access_list, "alarm-symbolic", title,
                   _("From then on, medications, test results, notes, health issues and "
                     "messages are private to them and their care team."), NULL);
        }
      else if (age >= 12 && age < 18 && add_years (birth, 18, &turns))
        {
          g_autofree char *day = format_gdate (&turns);
          /* Translators: %1$s is a teenager's name, %2$s a date */
          g_autofree char *title = g_strdup_printf (_("%1$s turns 18 on %2$s"), name, day);

          add_row (self->access_list, "alarm-symbolic", title,
                   _("Your proxy access ends then, unless they choose to share their record "
                     "with you."), NULL);
        }
    }

  /* Once lapsed, the Sign In Again card says it all: no second warning. */
  if (connection != NULL && care_connection_get_authorization_ends (connection) > 0 &&
      care_person_get_access_level (person) != CARE_ACCESS_SIGN_IN_AGAIN)
    {
      g_autoptr(GDateTime) ends = g_date_time_new_from_unix_local (care_connection_get_authorization_ends (connection));
      g_autofree char *day = format_day (ends);
      /* Translators: %s is a date */
      g_autofree char *title = g_strdup_printf (_("Carebook’s access ends on %s"), day);

      add_row (self->access_list, "dialog-password-symbolic", title,
               _("Sign in again before then to keep this record up to date."), NULL);
    }

  gtk_widget_set_visible (self->access_group,
                          gtk_widget_get_first_child (GTK_WIDGET (self->access_list)) != NULL);
}

/* Whose record this is: no cache read, so it is shown at once. */
static void
refresh_person (CareHomeView *self)
{
  CarePerson *person = care_context_get_person (self->context);
  g_autofree char *summary = NULL;
  g_autofree char *avatar_text = NULL;
  GDate today;

  care_context_get_today (self->context, &today);

  if (person == NULL)
    {
      gtk_label_set_label (self->name_label, _("Your Health at a Glance"));
      gtk_label_set_label (self->summary_label, NULL);
      adw_avatar_set_text (self->avatar, NULL);
    }
  else
    {
      summary = care_person_dup_summary (person, &today);
      gtk_label_set_label (self->name_label, care_person_get_display_name (person));
      gtk_label_set_label (self->summary_label, summary);
      avatar_text = care_person_dup_avatar_text (person);
      adw_avatar_set_text (self->avatar, avatar_text);
    }

  gtk_widget_set_visible (self->sign_in_box,
                          person != NULL &&
                          care_person_get_access_level (person) == CARE_ACCESS_SIGN_IN_AGAIN);
  if (person != NULL)
    {
      /* Translators: %s is a person's name */
      g_autofree char *text = g_strdup_printf (_("Carebook can no longer update %s’s record. "
                                                 "What was synced stays readable here."),
                                               care_person_get_display_name (person));

      gtk_label_set_label (self->sign_in_label, text);
    }
}

/* The lists, read from the cache. */
static void
refresh_lists (CareHomeView *self)
{
  CareRecord *record = care_context_get_record (self->context);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  gboolean deceased;
  GDate today;

  if (record == NULL || cache == NULL)
    {
      clear_list (self->access_list);
      clear_list (self->new_list);
      clear_list (self->appointment_list);
      clear_list (self->care_due_list);
      gtk_widget_set_visible (self->access_group, FALSE);
      add_row (self->new_list, "dialog-information-symbolic",
               record != NULL && care_record_get_cache_error (record) != NULL
                 ? care_record_get_cache_error (record)
                 : _("Your record will appear here once it has synced."),
               NULL, NULL);
      gtk_widget_set_visible (self->appointment_group, FALSE);
      gtk_widget_set_visible (self->tests_group, FALSE);
      gtk_widget_set_visible (self->questionnaires_group, FALSE);
      gtk_widget_set_visible (self->care_due_group, FALSE);
      return;
    }

  /* For someone who has died there is nothing to book or be due for:
   * their record stays readable, without reminders. */
  deceased = care_person_get_deceased (care_record_get_person (record));
  gtk_widget_set_visible (self->appointment_group, !deceased);
  /* Nor anyone to write to for them: no quick way to Messages or
   * Appointments (their history stays in the sidebar). The flow box's
   * child is what takes the place. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->messages_action), !deceased);
  gtk_widget_set_visible (gtk_widget_get_parent (self->appointments_action), !deceased);
  gtk_widget_set_visible (self->tests_group, FALSE);
  gtk_widget_set_visible (self->questionnaires_group, FALSE);
  gtk_widget_set_visible (self->care_due_group, !deceased);
  fill_access (self, record);
  fill_new (self, record, cache);
  clear_list (self->appointment_list);
  clear_list (self->care_due_list);
  if (deceased)
    return;
  fill_appointment (self, cache);
  care_context_get_today (self->context, &today);
  gtk_widget_set_visible (self->questionnaires_group,
                          care_home_fill_questionnaires (self->questionnaires_list, cache,
                                                         care_person_get_id (care_record_get_person (record)),
                                                         &today) > 0);
  fill_care_due (self, cache);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CareHomeView *self = user_data;

  /* Whichever of the two sources runs first refreshes; the other goes. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->nudge_id, g_source_remove);
  /* Unmapped since it was queued: mapping queues it again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  self->needs_refresh = FALSE;
  refresh_lists (self);
  self->generation++;
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CareHomeView *self)
{
  if (!self->needs_refresh || self->refresh_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* Below the frame clock's priority, so the frame comes first. But on a
   * loaded machine, with a spinner turning, the frame clock is always due
   * and an idle never runs: Home stayed empty under "Updated just now".
   * A timeout at the default priority refreshes then. */
  self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->refresh_id),
                            "[carebook] home refresh");
  self->nudge_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 250, refresh_idle_cb, self, NULL);
}

/* Every change asks for one refresh of the lists; those before it runs
 * share it. */
static void
queue_refresh (CareHomeView *self)
{
  refresh_person (self);
  self->needs_refresh = TRUE;
  schedule_refresh (self);
}

static void
on_sign_in_clicked_cb (CareHomeView *self)
{
  CarePerson *person = care_context_get_person (self->context);

  if (person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-in-again", "s",
                                care_person_get_id (person));
}

static void
on_changed_cb (CareHomeView *self)
{
  queue_refresh (self);
}

static void
care_home_view_constructed (GObject *object)
{
  CareHomeView *self = (CareHomeView *)object;

  G_OBJECT_CLASS (care_home_view_parent_class)->constructed (object);

  g_assert (CARE_IS_CONTEXT (self->context));

  self->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify::generation",
                                  G_CALLBACK (on_changed_cb), self);
  g_signal_group_connect_swapped (self->record_signals, "notify::cache",
                                  G_CALLBACK (on_changed_cb), self);
  g_object_bind_property (self->context, "record", self->record_signals, "target",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->context, "notify::record", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::person", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A sign-in that lapses while the window is open shows at once. */
  self->person_signals = g_signal_group_new (CARE_TYPE_PERSON);
  g_signal_group_connect_swapped (self->person_signals, "notify::access-level",
                                  G_CALLBACK (on_changed_cb), self);
  g_signal_group_connect_swapped (self->person_signals, "notify::display-name",
                                  G_CALLBACK (on_changed_cb), self);
  g_object_bind_property (self->context, "person", self->person_signals, "target",
                          G_BINDING_SYNC_CREATE);
  queue_refresh (self);
}

static void
care_home_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (care_home_view_parent_class)->map (widget);

  schedule_refresh (CARE_HOME_VIEW (widget));
}

static void
care_home_view_dispose (GObject *object)
{
  CareHomeView *self = (CareHomeView *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->nudge_id, g_source_remove);
  g_clear_handle_id (&self->join_id, g_source_remove);
  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  if (self->person_signals != NULL)
    g_signal_group_set_target (self->person_signals, NULL);
  g_clear_object (&self->person_signals);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARE_TYPE_HOME_VIEW);

  G_OBJECT_CLASS (care_home_view_parent_class)->dispose (object);
}

static void
care_home_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CareHomeView *self = CARE_HOME_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_home_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CareHomeView *self = CARE_HOME_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_home_view_class_init (CareHomeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_home_view_constructed;
  object_class->dispose = care_home_view_dispose;
  object_class->get_property = care_home_view_get_property;
  object_class->set_property = care_home_view_set_property;

  widget_class->map = care_home_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CARE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/views/home/care-home-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, avatar);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, name_label);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, sign_in_box);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, sign_in_label);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, access_group);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, access_list);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, new_list);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, appointment_group);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, appointment_list);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, tests_group);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, tests_list);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, questionnaires_group);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, questionnaires_list);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, care_due_group);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, care_due_list);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, messages_action);
  gtk_widget_class_bind_template_child (widget_class, CareHomeView, appointments_action);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked_cb);
}

static void
care_home_view_init (CareHomeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The flow box wraps each quick action in a child that would take the
   * focus too, with nothing to say: Tab goes straight to the buttons. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

/**
 * care_home_view_new:
 * @context: a #CareContext
 *
 * Returns: (transfer full): the Home section
 */
GtkWidget *
care_home_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_HOME_VIEW, "context", context, NULL);
}

/**
 * care_home_view_get_list:
 * @self: a #CareHomeView
 * @name: "access", "new", "appointment", "tests", "questionnaires" or "care-due"
 *
 * Returns: (transfer none) (nullable): that list, for tests
 */
GtkListBox *
care_home_view_get_list (CareHomeView *self,
                         const char   *name)
{
  g_return_val_if_fail (CARE_IS_HOME_VIEW (self), NULL);

  if (g_str_equal (name, "access"))
    return self->access_list;
  if (g_str_equal (name, "new"))
    return self->new_list;
  if (g_str_equal (name, "appointment"))
    return self->appointment_list;
  if (g_str_equal (name, "tests"))
    return self->tests_list;
  if (g_str_equal (name, "questionnaires"))
    return self->questionnaires_list;
  if (g_str_equal (name, "care-due"))
    return self->care_due_list;
  return NULL;
}

/**
 * care_home_view_get_generation:
 * @self: a #CareHomeView
 *
 * Returns: a number that moves on each time the lists are filled again,
 *   so a test can wait for the refresh that follows a change
 */
guint
care_home_view_get_generation (CareHomeView *self)
{
  g_return_val_if_fail (CARE_IS_HOME_VIEW (self), 0);

  return self->generation;
}
