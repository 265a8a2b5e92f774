/* care-sections.c — the feature areas of the sidebar
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar, the page stack, the window's win.show-section action and
 * the keyboard shortcuts follow the feature table (care-features.c): its
 * order, ids, titles and icons. All this file adds is which view each
 * feature's section shows; a view's empty state is its own (its .ui).
 */
#include "config.h"

#include "care-allergies-view.h"
#include "care-appointments-view.h"
#include "care-billing-view.h"
#include "care-directives-view.h"
#include "care-documents-view.h"
#include "care-features.h"
#include "care-growth-view.h"
#include "care-home-view.h"
#include "care-immunizations-view.h"
#include "care-issues-view.h"
#include "care-medications-view.h"
#include "care-messages-view.h"
#include "care-outbox-view.h"
#include "care-plan-view.h"
#include "care-questionnaires-view.h"
#include "care-readings-view.h"
#include "care-results-view.h"
#include "care-sections.h"
#include "care-sharing-view.h"
#include "care-trends-view.h"

static const struct
{
  const char  *id;
  GtkWidget *(*create_view) (GObject *context);
} views[] = {
  { "home", care_home_view_new },
  { "results", care_results_view_create },
  { "medications", care_medications_view_new },
  { "allergies", care_allergies_view_new },
  { "issues", care_issues_view_new },
  { "immunizations", care_immunizations_view_new },
  { "plan", care_plan_view_new },
  { "trends", care_trends_view_new },
  { "growth", care_growth_view_new },
  { "documents", care_documents_view_create },
  { "messages", care_messages_view_new },
  { "appointments", care_appointments_view_new },
  { "billing", care_billing_view_new },
  { "sharing", care_sharing_view_new },
  { "questionnaires", care_questionnaires_view_new },
  { "readings", care_readings_view_new },
  { "directives", care_directives_view_new },
  { "outbox", care_outbox_view_new },
};

static const CareSection *
get_sections (void)
{
  static CareSection *sections;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      guint n = care_features_get_n_items ();
      CareSection *all = g_new0 (CareSection, n);

      for (guint i = 0; i < n; i++)
        {
          const CareFeature *feature = care_features_get (i);

          all[i].id = feature->id;
          all[i].title = feature->title;
          all[i].icon_name = feature->icon_name;
          for (guint j = 0; j < G_N_ELEMENTS (views); j++)
            if (g_str_equal (views[j].id, feature->id))
              all[i].create_view = views[j].create_view;
          if (all[i].create_view == NULL)
            g_critical ("The feature “%s” has no view in care-sections.c", feature->id);
        }
      sections = all;
      g_once_init_leave (&made, 1);
    }
  return sections;
}

guint
care_sections_get_n_items (void)
{
  return care_features_get_n_items ();
}

/**
 * care_sections_get:
 * @position: an index below care_sections_get_n_items()
 *
 * Returns: (transfer none): the section
 */
const CareSection *
care_sections_get (guint position)
{
  g_return_val_if_fail (position < care_sections_get_n_items (), NULL);

  return &get_sections ()[position];
}

/**
 * care_sections_lookup:
 * @id: a section id such as "results"
 * @position: (out) (optional): its index
 *
 * Returns: (transfer none) (nullable): the section, or %NULL if @id is unknown
 */
const CareSection *
care_sections_lookup (const char *id,
                      guint      *position)
{
  const CareSection *sections = get_sections ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < care_sections_get_n_items (); i++)
    {
      if (g_str_equal (sections[i].id, id))
        {
          if (position != NULL)
            *position = i;
          return &sections[i];
        }
    }

  return NULL;
}
