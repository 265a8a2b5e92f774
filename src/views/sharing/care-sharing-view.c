/* care-sharing-view.c — who sees this record, and what happened to it here
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two questions a family asks about a record kept on a shared computer:
 * who can see it (this account, and how: as the patient or as a proxy,
 * with full or limited access; and the people the portal lists as
 * related, such as a parent with proxy access), and what this computer
 * did with it: every sign-in, export and command-line sync, from the
 * record's private access log (care-access-log.c), newest first. Granting
 * or ending someone's access is the portal's for now.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-sharing-view.h"

#include "care-access-log.h"
#include "care-fhir.h"
#include "care-resource-item.h"
#include "care-time.h"

/* A log longer than this shows its newest entries. */
#define MAX_LOG_ROWS 200

struct _CareSharingView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareSharingView, care_sharing_view, CARE_TYPE_RECORD_LIST)

static void
add_account_row (CareSharingView     *self,
                 AdwPreferencesGroup *group,
                 CarePerson          *person)
{
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;
  GDate today;

  /* As Home says it: "8 years · Your child · Full access". */
  g_date_clear (&today, 1);
  care_record_list_get_today (CARE_RECORD_LIST (self), &today);
  subtitle = care_person_dup_summary (person, &today);
  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, _("This account on this computer"), subtitle);

  if (care_person_get_access_level (person) == CARE_ACCESS_LIMITED)
    care_record_list_add_detail (CARE_RECORD_LIST (self), row,
                                 _("The health system keeps some parts of this record private from proxies."));
}

static void
add_related_row (CareSharingView     *self,
                 AdwPreferencesGroup *group,
                 JsonObject          *related)
{
  JsonArray *names = care_fhir_get_array (related, "name");
  g_autofree char *name = names != NULL ? care_fhir_dup_human_name (names) : NULL;
  g_autofree char *relationship = care_fhir_dup_concept_text (care_fhir_get_array_object (related, "relationship", 0));
  JsonNode *active = json_object_has_member (related, "active") ? json_object_get_member (related, "active") : NULL;
  AdwActionRow *row = care_record_list_add_row (CARE_RECORD_LIST (self), group, name != NULL ? name : _("Related person"),
                                                relationship);

  if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && json_node_get_value_type (active) == G_TYPE_BOOLEAN &&
      !json_node_get_boolean (active))
    care_record_list_add_tag (CARE_RECORD_LIST (self), GTK_WIDGET (row), _("No longer linked"), CARE_TAG_NEUTRAL);
}

static void
add_log (CareSharingView *self)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autofree char *folder = cache != NULL ? g_path_get_dirname (care_cache_get_path (cache)) : NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *group;

  if (folder == NULL)
    return;
  entries = care_access_log_read (folder, &error);
  if (entries != NULL && entries->len == 0)
    return;

  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Activity on This Computer"),
                                      _("Sign-ins, exports and syncs from the command line, newest first."));
  if (entries == NULL)
    {
      g_debug ("The access log could not be read: %s", error->message);
      care_record_list_add_row (CARE_RECORD_LIST (self), group, _("The log of this record’s activity could not be read"),
                                _("Nothing in the record is lost. Check that the data folder can be read."));
      return;
    }
  for (guint i = entries->len; i > 0 && entries->len - i < MAX_LOG_ROWS; i--)
    {
      CareAccessEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autoptr(GDateTime) local = g_date_time_to_local (entry->when);
      g_autofree char *when = care_time_format_day_time (local);
      g_autofree char *subtitle = entry->detail != NULL ? g_strdup_printf (_("%s · %s"), when, entry->detail)
                                                        : g_strdup (when);

      care_record_list_add_row (CARE_RECORD_LIST (self), group, care_access_event_get_label (entry->event), subtitle);
    }
}

static void
populate (CareRecordView *view)
{
  CareSharingView *self = CARE_SHARING_VIEW (view);
  GListModel *related = care_record_list_get_results (CARE_RECORD_LIST (self), "related");
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CarePerson *person = record != NULL ? care_record_get_person (record) : NULL;
  AdwPreferencesGroup *group;

  group = care_record_list_add_group (CARE_RECORD_LIST (self), _("Who Can See This Record"),
                                      _("To give someone access, or end it, use your health system’s portal."));
  if (person != NULL)
    add_account_row (self, group, person);
  for (guint i = 0; related != NULL && i < g_list_model_get_n_items (related); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (related, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        add_related_row (self, group, resource);
    }
  add_log (self);
}

static void
add_queries (CareSharingView *self)
{
  g_autoptr(CareCacheQuery) related = care_cache_query_new ("RelatedPerson");

  care_cache_query_set_sort (related, CARE_CACHE_SORT_NAME);
  care_record_list_add_query (CARE_RECORD_LIST (self), "related", related);
}

static void
care_sharing_view_class_init (CareSharingViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/sharing/care-sharing-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
}

static void
care_sharing_view_init (CareSharingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_queries (self);
}

/**
 * care_sharing_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_sharing_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_SHARING_VIEW, "context", context, NULL);
}
