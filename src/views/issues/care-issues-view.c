/* care-issues-view.c — health issues, medical and family history
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The problem list (Conditions, current and resolved), the medical
 * history of procedures and surgeries, and the family history
 * (FamilyMemberHistory: who, what, from what age), as separate groups.
 * Diagnoses made at a single visit belong with the visit, not here.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-issues-view.h"

#include "care-fhir.h"
#include "care-resource-item.h"

#include <string.h>

struct _CareIssuesView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareIssuesView, care_issues_view, CARE_TYPE_RECORD_LIST)

static const char *
get_concept_code (JsonObject *concept)
{
  return care_fhir_get_string (care_fhir_get_first_coding (concept), "code");
}

static gboolean
is_encounter_diagnosis (JsonObject *condition)
{
  JsonArray *categories = care_fhir_get_array (condition, "category");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    if (g_strcmp0 (get_concept_code (care_fhir_get_array_object (condition, "category", i)),
                   "encounter-diagnosis") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_current (JsonObject *condition)
{
  const char *status = get_concept_code (care_fhir_get_object (condition, "clinicalStatus"));

  if (status == NULL)
    return care_fhir_get_string (condition, "abatementDateTime") == NULL;
  return g_str_equal (status, "active") || g_str_equal (status, "recurrence") ||
         g_str_equal (status, "relapse");
}

static char *
dup_capitalized (const char *text)
{
  gunichar first;
  char buffer[8];
  int length;

  if (text == NULL || text[0] == '\0')
    return NULL;
  first = g_unichar_totitle (g_utf8_get_char (text));
  length = g_unichar_to_utf8 (first, buffer);
  return g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (text));
}

static void
add_condition_row (CareIssuesView      *self,
                   AdwPreferencesGroup *group,
                   JsonObject          *condition,
                   const char          *indexed_name,
                   gboolean             current)
{
  g_autofree char *name = care_fhir_dup_concept_text (care_fhir_get_object (condition, "code"));
  g_autofree char *onset = care_record_list_dup_date_text (care_fhir_get_string (condition, "onsetDateTime"));
  g_autofree char *ended = care_record_list_dup_date_text (care_fhir_get_string (condition, "abatementDateTime"));
  g_autofree char *when = NULL;
  const char *verification = get_concept_code (care_fhir_get_object (condition, "verificationStatus"));
  AdwActionRow *row;

  if (onset != NULL && ended != NULL)
    /* Translators: a period, "Mar 5, 2022 to Apr 19, 2022" */
    when = g_strdup_printf (_("%1$s to %2$s"), onset, ended);
  else if (ended != NULL)
    /* Translators: %s is a date */
    when = g_strdup_printf (_("Resolved %s"), ended);
  else if (onset != NULL)
    /* Translators: %s is a date */
    when = g_strdup_printf (_("Since %s"), onset);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group,
                                  name != NULL ? name : indexed_name != NULL ? indexed_name
                                                                             : _("Unnamed health issue"),
                                  when);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("care-issues-symbolic"));
  if (g_strcmp0 (verification, "provisional") == 0 || g_strcmp0 (verification, "unconfirmed") == 0 ||
      g_strcmp0 (verification, "differential") == 0)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), C_("health issue", "Not confirmed"), CARE_TAG_NEUTRAL);
  else if (!current)
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), C_("health issue", "Resolved"), CARE_TAG_GOOD);
}

static void
add_procedure_row (CareIssuesView      *self,
                   AdwPreferencesGroup *group,
                   JsonObject          *procedure,
                   const char          *indexed_name)
{
  g_autofree char *name = care_fhir_dup_concept_text (care_fhir_get_object (procedure, "code"));
  const char *performed = care_fhir_get_string (procedure, "performedDateTime");
  g_autofree char *date = NULL;
  g_autofree char *where = care_record_list_dup_reference_name (CARE_RECORD_LIST (self), procedure,
                                                                care_fhir_get_object (procedure, "location"));
  g_autofree char *outcome = care_fhir_dup_concept_text (care_fhir_get_object (procedure, "outcome"));
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  if (performed == NULL)
    performed = care_fhir_get_string (care_fhir_get_object (procedure, "performedPeriod"), "start");
  date = care_record_list_dup_date_text (performed);
  if (date != NULL && where != NULL)
    /* Translators: %1$s is a date, %2$s a place */
    g_string_append_printf (details, _("%1$s at %2$s"), date, where);
  else if (date != NULL || where != NULL)
    g_string_append (details, date != NULL ? date : where);
  if (outcome != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", outcome);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group,
                                  name != NULL ? name : indexed_name != NULL ? indexed_name
                                                                             : _("Unnamed procedure"),
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("emblem-ok-symbolic"));
}

static char *
dup_age_text (JsonObject *age)
{
  double value;
  const char *unit = NULL;

  if (!care_fhir_get_quantity (age, &value, &unit))
    return NULL;
  if (unit == NULL || g_str_equal (unit, "a") || g_str_equal (unit, "yr") || g_str_equal (unit, "years"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "age %d", "age %d", (gulong)value), (int)value);
  return care_fhir_dup_quantity_text (age);
}

static void
add_family_row (CareIssuesView      *self,
                AdwPreferencesGroup *group,
                JsonObject          *history)
{
  g_autofree char *relation = care_fhir_dup_concept_text (care_fhir_get_object (history, "relationship"));
  g_autofree char *title = dup_capitalized (relation != NULL ? relation : care_fhir_get_string (history, "name"));
  JsonArray *conditions = care_fhir_get_array (history, "condition");
  g_autofree char *died = dup_age_text (care_fhir_get_object (history, "deceasedAge"));
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *condition = care_fhir_get_array_object (history, "condition", i);
      g_autofree char *name = care_fhir_dup_concept_text (care_fhir_get_object (condition, "code"));
      g_autofree char *onset = dup_age_text (care_fhir_get_object (condition, "onsetAge"));

      if (name == NULL)
        continue;
      if (details->len > 0)
        g_string_append_c (details, '\n');
      if (onset != NULL)
        /* Translators: %1$s is a condition, %2$s an age ("age 58") */
        g_string_append_printf (details, _("%1$s, from %2$s"), name, onset);
      else
        g_string_append (details, name);
    }
  if (died != NULL)
    {
      /* Translators: %s is an age, "age 69" */
      g_autofree char *line = g_strdup_printf (_("Died at %s"), died);

      g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", line);
    }

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, title != NULL ? title : _("Relative"),
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("system-users-symbolic"));
}

static void
populate (CareRecordView *view)
{
  CareIssuesView *self = CARE_ISSUES_VIEW (view);
  GListModel *conditions = care_record_list_get_results (CARE_RECORD_LIST (self), "conditions");
  GListModel *procedures = care_record_list_get_results (CARE_RECORD_LIST (self), "procedures");
  GListModel *family = care_record_list_get_results (CARE_RECORD_LIST (self), "family");
  g_autoptr(GPtrArray) current = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GPtrArray) past = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  gboolean withheld = care_record_list_type_withheld (CARE_RECORD_LIST (self), "Condition");
  AdwPreferencesGroup *group;

  for (guint i = 0; conditions != NULL && i < g_list_model_get_n_items (conditions); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (conditions, i);
      JsonObject *condition = care_resource_item_dup_resource (item, NULL);

      if (condition == NULL)
        continue;
      if (is_encounter_diagnosis (condition))
        json_object_unref (condition);
      else
        g_ptr_array_add (is_current (condition) ? current : past, condition);
    }

  if (current->len > 0 || withheld)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Current Health Issues"), NULL);
      for (guint i = 0; i < current->len; i++)
        add_condition_row (self, group, g_ptr_array_index (current, i), NULL, TRUE);
      if (withheld)
        care_record_list_add_note (CARE_RECORD_LIST (self), group,
                                   _("Health issues are not shared with proxies for this person."));
    }
  if (past->len > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Past Health Issues"), NULL);
      for (guint i = 0; i < past->len; i++)
        add_condition_row (self, group, g_ptr_array_index (past, i), NULL, FALSE);
    }
  if (procedures != NULL && g_list_model_get_n_items (procedures) > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Medical History"),
                                          _("Procedures, surgeries and screenings"));
      for (guint i = 0; i < g_list_model_get_n_items (procedures); i++)
        {
          g_autoptr(CareResourceItem) item = g_list_model_get_item (procedures, i);
          g_autoptr(JsonObject) procedure = care_resource_item_dup_resource (item, NULL);

          if (procedure != NULL)
            add_procedure_row (self, group, procedure, care_resource_item_get_display_name (item));
        }
    }
  if (family != NULL && g_list_model_get_n_items (family) > 0)
    {
      group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Family History"),
                                          _("Health issues of blood relatives"));
      for (guint i = 0; i < g_list_model_get_n_items (family); i++)
        {
          g_autoptr(CareResourceItem) item = g_list_model_get_item (family, i);
          g_autoptr(JsonObject) history = care_resource_item_dup_resource (item, NULL);

          if (history != NULL)
            add_family_row (self, group, history);
        }
    }
}

static void
add_queries (CareIssuesView *self)
{
  g_autoptr(CareCacheQuery) conditions = care_cache_query_new ("Condition");
  g_autoptr(CareCacheQuery) procedures = care_cache_query_new ("Procedure");
  g_autoptr(CareCacheQuery) family = care_cache_query_new ("FamilyMemberHistory");

  care_cache_query_set_sort (conditions, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "conditions", conditions);
  care_cache_query_set_sort (procedures, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "procedures", procedures);
  care_cache_query_set_sort (family, CARE_CACHE_SORT_NEWEST);
  care_record_list_add_query (CARE_RECORD_LIST (self), "family", family);
}

static void
care_issues_view_class_init (CareIssuesViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/issues/care-issues-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
}

static void
care_issues_view_init (CareIssuesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_issues_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_issues_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_ISSUES_VIEW, "context", context, NULL);
}
